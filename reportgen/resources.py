"""Data shipped inside the package, found through `importlib.resources`.

The default Word templates live in `reportgen/templates/` as package data, so a venv,
an editable install, `pip install --user`, pipx, and a one-file program (PyInstaller)
all find them next to the code, whatever `sys.prefix` or the current folder is.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

TEMPLATES_FOLDER = "templates"


def _extracted(folder: Traversable) -> Path:
    """A real folder holding the files of `folder` (a package imported from a zip)."""
    target = Path(tempfile.mkdtemp(prefix="reportgen-"))
    atexit.register(shutil.rmtree, target, ignore_errors=True)
    for item in folder.iterdir():
        if item.is_file():
            (target / item.name).write_bytes(item.read_bytes())
    return target


def package_folder(name: str) -> Path:
    """The real path of a data folder of the package (extracted when the package is zipped)."""
    folder = files("reportgen").joinpath(name)
    if isinstance(folder, Path):
        return folder
    return _extracted(folder)


def default_templates() -> Path:
    """The folder of the default .docx templates."""
    return package_folder(TEMPLATES_FOLDER)
