# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB := demo.db

.PHONY: install demo run-demo test bench bench-quality eval clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test,bench,parquet]"
	touch $(STAMP)

run-demo: $(STAMP)
	$(BIN)/quotetrail run examples --db $(DEMO_DB) --export demo-out

demo: run-demo
	$(BIN)/quotetrail serve --db $(DEMO_DB) --port 8765

test: $(STAMP)
	$(BIN)/python -m pytest

# Bytecode first: an installed package has it (pip compiles it), an editable one gets it on its
# first import, unless PYTHONDONTWRITEBYTECODE is set, when every run compiles quotetrail anew.
bench: $(STAMP)
	$(BIN)/python -m compileall -q src
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/web.py

bench-quality: $(STAMP)
	$(BIN)/python benchmarks/quality.py

# Every stage on real annotated data (../shared/eval), beside its peer, in one table (~10 min).
eval: $(STAMP)
	$(BIN)/python benchmarks/eval.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm demo-out .pytest_cache
