"""spaCy imported without its command line, which a process that parses never uses.

spaCy's package imports `spacy.cli` (typer, weasel, httpx and every CLI command: 0.18 s of its
0.4 s import) only to offer `spacy.info`; upstream has tried to make that import lazy
(explosion/spaCy#12962, #13933). A run's forkserver loads the model on the longest path of the
run's start, so `import_spacy` imports spaCy with stand-ins for `spacy.cli` and `spacy.cli.info`
in `sys.modules`, and takes them out right after: a later `import spacy.cli` gets the real
package, and the stand-ins left in spaCy's namespace hand on to it (`spacy.info()`,
`spacy.cli.download`).
"""
from __future__ import annotations

import importlib
import sys
import types
from typing import Any

CLI = "spacy.cli"
CLI_INFO = "spacy.cli.info"


class _DeferredModule(types.ModuleType):
    """Stands for a module of spaCy's command line until something uses it, then imports the
    real one and hands on to it."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or sys.modules.get(self.__name__) is self:  # spaCy's own import is using it
            raise AttributeError(name)
        return getattr(importlib.import_module(self.__name__), name)


def _info(*args: Any, **kwargs: Any) -> Any:
    from spacy.cli.info import info  # the real one: the stand-ins have left sys.modules

    return info(*args, **kwargs)


def import_spacy() -> types.ModuleType:
    """`spacy`, imported with its command line deferred, unless it is imported already. A spaCy
    whose package needs more of its command line at import than `spacy.cli.info.info` is
    imported whole, as its authors wrote it."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    cli, info = _DeferredModule(CLI), _DeferredModule(CLI_INFO)
    cli.__path__ = []  # a package, so that `spacy.cli.info` may be looked up in it
    cli.info, info.info = info, _info
    stand_ins = {CLI: cli, CLI_INFO: info}
    sys.modules.update(stand_ins)
    try:
        spacy = importlib.import_module("spacy")
    except ImportError:
        spacy = None
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    if spacy is None:
        # the modules spaCy's first try imported stay loaded (extension modules load once); this
        # runs spaCy's package again over them, with its real command line
        return importlib.import_module("spacy")
    if not hasattr(spacy, "cli"):  # a real import would have left it there: `spacy.cli.download(...)`
        spacy.cli = cli
    return spacy
