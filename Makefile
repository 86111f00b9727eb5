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

.PHONY: app test test-llm install lint clean browser node bench-app

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# CPU torch is pinned before anything else: a bare `torch` requirement would pull a multi-GB CUDA build.
$(STAMP): $(VENV)/bin/python pyproject.toml
	$(PIP) install -q --upgrade pip
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e '.[app,rdf,test]'
	touch $(STAMP)

install: $(STAMP)

$(DATA_MAP): $(STAMP) $(DATA_FILES)
	HF_HUB_OFFLINE=1 $(VENV)/bin/argmap build $(CORPUS) -o $(DATA_MAP)

app: $(STAMP) $(DATA_MAP)
	HF_HUB_OFFLINE=1 $(VENV)/bin/streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT) --server.headless true --browser.gatherUsageStats false --server.fileWatcherType none

# Debian's chromium is the browser for the app tests; playwright never downloads its own.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; fi; }

# The real Argdown parser (npm) checks the Argdown export; node and npm come from Debian.
ARGDOWN := .argdown/node_modules/.bin/argdown
ARGDOWN_VERSION := 1.7.5

node:
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; fi; }

$(ARGDOWN): | node
	npm install --silent --no-audit --no-fund --prefix .argdown @argdown/cli@$(ARGDOWN_VERSION)

test: $(STAMP) browser $(ARGDOWN)
	HF_HUB_OFFLINE=1 $(PY) -m pytest -q

# The llm backend against a real llama-cpp-python server with SmolLM2-135M; building
# llama-cpp-python compiles llama.cpp, which is why these tests are not in `make test`'s install.
# GGML_NATIVE=OFF: a build tuned to the build machine's CPU can use instructions (AMX) that a
# virtual machine advertises but traps ("invalid opcode"); --no-cache-dir keeps pip from reusing
# such a wheel.
LLM_STAMP := $(VENV)/.installed-llm
$(LLM_STAMP): $(STAMP)
	CMAKE_ARGS="-DGGML_NATIVE=OFF" $(PIP) install -q --no-cache-dir -e '.[app,rdf,test,llm-server]'
	touch $(LLM_STAMP)

test-llm: $(LLM_STAMP)
	HF_HUB_OFFLINE=1 $(PY) -m pytest -q -m llm tests/test_backend_llm.py

lint: $(STAMP)
	$(VENV)/bin/ruff check argmap tests bench app.py
	$(VENV)/bin/ruff format --check argmap tests bench app.py
	$(VENV)/bin/mypy argmap

bench-app: $(STAMP) browser
	HF_HUB_OFFLINE=1 $(PY) bench/bench_app.py

clean:
	rm -rf $(VENV) .argdown build *.egg-info
