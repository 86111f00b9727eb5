# Two commands a new user types: `make app` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMP := $(VENV)/.installed
DATA_MAP := data/map.json
CORPUS := data/corpus
DATA_FILES := $(shell find $(CORPUS) -type f 2>/dev/null)
PORT ?= 8501

.PHONY: app test install lint clean browser bench-app

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# CPU torch is pinned before anything else: a bare `torch` requirement would pull a multi-GB CUDA build.
$(STAMP): $(VENV)/bin/python pyproject.toml
	$(PIP) install -q --upgrade pip
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e '.[app,test]'
	touch $(STAMP)

install: $(STAMP)

$(DATA_MAP): $(STAMP) $(DATA_FILES)
	HF_HUB_OFFLINE=1 $(VENV)/bin/argmap build $(CORPUS) -o $(DATA_MAP)

app: $(STAMP) $(DATA_MAP)
	HF_HUB_OFFLINE=1 $(VENV)/bin/streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT) --server.headless true --browser.gatherUsageStats false

# Debian's chromium is the browser for the app tests; playwright never downloads its own.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; fi; }

test: $(STAMP) browser
	HF_HUB_OFFLINE=1 $(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check argmap tests bench app.py
	$(VENV)/bin/ruff format --check argmap tests bench app.py
	$(VENV)/bin/mypy argmap

bench-app: $(STAMP) browser
	HF_HUB_OFFLINE=1 $(PY) bench/bench_app.py

clean:
	rm -rf $(VENV) build *.egg-info
