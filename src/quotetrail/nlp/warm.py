"""Importing this module loads the spaCy pipeline into the importing process.

The local engine's forkserver imports it before forking workers, so every worker starts with the
model already loaded (no per-worker load time) and the model's memory pages are shared between
the workers copy-on-write instead of each worker holding its own copy.
"""
from __future__ import annotations

from . import ModelNotFound, load

try:
    load()
except ModelNotFound:  # the run reports a missing model itself, with a message a user can act on
    pass
