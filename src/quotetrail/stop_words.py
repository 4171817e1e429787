"""English stop words: spaCy's list, read from its source file without importing spaCy.

Importing any spaCy module imports the whole library (about 70 MiB and a second per process).
The cleaning and story stages need only this word list, and they run in a run's main process,
which never parses; so the list is loaded from the installed file rather than `import`ed.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path


def _spacy_stop_words() -> frozenset[str]:
    spec = importlib.util.find_spec("spacy")  # finds the package without importing it
    if spec is None or spec.origin is None:
        raise ImportError("spaCy is not installed")
    path = Path(spec.origin).parent / "lang" / "en" / "stop_words.py"
    module_spec = importlib.util.spec_from_file_location("_quotetrail_spacy_en_stop_words", path)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)  # plain data: a set literal and a loop, no imports
    return frozenset(module.STOP_WORDS)


STOP_WORDS = _spacy_stop_words()
