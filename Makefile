# Set-up on a fresh machine: `make demo` and `make test` (README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint dist clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/reportgen build sample_data --out out

# The lint and type gate: ruff's rules, ruff's format and mypy on the library (pyproject.toml holds their settings).
lint: $(STAMP)
	$(BIN)/ruff check reportgen
	$(BIN)/ruff format --check reportgen
	$(BIN)/mypy

test: $(STAMP) lint
	$(BIN)/python -m pytest

# The one-file program (PyInstaller) for a PC without Python: dist/reportgen (reportgen.exe on
# Windows). The templates travel as package data; the result is checked by building the sample.
DIST_CHECK := build/dist-check
dist: $(STAMP)
	$(BIN)/python -m pip install --quiet "pyinstaller>=6"
	$(BIN)/pyinstaller --onefile --noconfirm --clean --log-level WARN --name reportgen \
		--distpath dist --workpath build/pyinstaller --specpath build --paths "$(CURDIR)" \
		--collect-submodules reportgen --collect-data reportgen --collect-data docx --collect-data docxtpl \
		--collect-data babel --collect-submodules holidays --collect-data holidays \
		tools/onefile_entry.py
	rm -rf $(DIST_CHECK) && mkdir -p $(DIST_CHECK)
	cd $(DIST_CHECK) && ../../dist/reportgen --version && ../../dist/reportgen sample so-mau \
		&& ../../dist/reportgen build so-mau --out van-ban --ngay 05/01/2026 \
		&& test -f van-ban/bao-cao-2025.docx && test -f van-ban/ke-hoach-2026.docx

clean:
	rm -rf $(VENV) out dist build
