"""`nlp.deferred_cli.import_spacy`: spaCy without its command line until something uses it. Each
case runs in a fresh interpreter, since a module is imported once per process."""
import subprocess
import sys
import textwrap
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def run_python(code: str, *path: Path) -> str:
    env_path = ":".join(str(p) for p in (*path, SRC))
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_spacy_is_imported_without_its_command_line_which_is_there_when_used():
    out = run_python("""
        import sys
        from quotetrail.nlp.deferred_cli import import_spacy
        spacy = import_spacy()
        loaded = sorted(name for name in sys.modules if name.startswith(("spacy.cli", "weasel", "typer")))
        assert loaded == [], loaded
        assert spacy.Language and spacy.blank("en")("Two words.").text == "Two words."
        assert callable(spacy.cli.download)          # the package's attribute hands on to the real one
        assert isinstance(spacy.info(silent=True), dict)
        import spacy.cli
        print(spacy.cli.__file__.endswith("cli/__init__.py"), import_spacy() is spacy)
    """)
    assert out == "True True"


def write_package(base: Path, init: str) -> Path:
    """A package called `spacy` with a command line of its own, to stand for another spaCy."""
    cli = base / "spacy" / "cli"
    cli.mkdir(parents=True)
    (base / "spacy" / "__init__.py").write_text(textwrap.dedent(init))
    (cli / "__init__.py").write_text("from .info import info, more\nLOADED = True\n")
    (cli / "info.py").write_text("def info():\n    return 'real info'\n\nmore = 'more'\n")
    return base


def test_a_package_that_imports_only_info_gets_the_stand_in_until_info_is_called(tmp_path):
    base = write_package(tmp_path, "from .cli.info import info\n")
    out = run_python("""
        import sys
        from quotetrail.nlp.deferred_cli import import_spacy
        spacy = import_spacy()
        print("spacy.cli" in sys.modules, spacy.info(), sys.modules["spacy.cli"].LOADED)
    """, base)
    assert out == "False real info True"


def test_a_package_that_needs_more_of_its_command_line_is_imported_whole(tmp_path):
    base = write_package(tmp_path, "from .cli.info import info, more\nVALUE = more + '!'\n")
    out = run_python("""
        import sys
        from quotetrail.nlp.deferred_cli import import_spacy
        spacy = import_spacy()
        print(spacy.VALUE, spacy.info(), type(sys.modules["spacy.cli"]).__name__, sys.modules["spacy.cli"].LOADED)
    """, base)
    assert out == "more! real info module True"
