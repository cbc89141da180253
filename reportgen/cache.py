"""The incremental cache in the output folder (`.reportgen-cache/`).

Two levels, both keyed on content and on the program's version:

- a ward: the hash of every workbook of its folder (names and bytes) and of the run's
  options. When nothing changed and every file the last run wrote is still there as
  it was written, the ward is not read again: its result is taken from the cache.
- a document: the hash of its template and of its filled-in variables. A document
  whose hash and file are unchanged is not rendered again.

A run with the cache writes exactly what a full run writes: every skip is decided on
the same inputs that would have produced the same bytes.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from .schema import WORKBOOK_SUFFIXES

CACHE_DIR = ".reportgen-cache"
_FORMAT = 1  # bump when what is stored changes shape


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()


@lru_cache(maxsize=1)
def program_digest() -> str:
    """The program itself: every module and template of the package (the version is in
    `__init__.py`), so a new version or an edited template never reuses old results."""
    package = Path(__file__).resolve().parent
    files = sorted(p for p in package.rglob("*") if p.suffix in (".py", ".docx", ".toml", ".json") and p.is_file())
    return _digest(*(part for p in files for part in (p.relative_to(package).as_posix().encode(), p.read_bytes())))


# A template's digest by (path, size, time): hashed once per process, not once per document
# (10,000 branch reports share one 850 KB template).
_FILE_DIGESTS: dict[tuple[str, int, int], str] = {}


def _file_digest(path: Path) -> str:
    st = path.stat()
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    digest = _FILE_DIGESTS.get(key)
    if digest is None:
        if len(_FILE_DIGESTS) >= 64:
            _FILE_DIGESTS.clear()
        digest = _FILE_DIGESTS[key] = _digest(path.read_bytes())
    return digest


def inputs_digest(folder: Path, options: Iterable[object], exclude: tuple[Path, ...] = ()) -> str:
    """The workbooks under `folder` (relative names and bytes), the options and the version."""
    excluded = [e.resolve() for e in exclude if e.exists()]
    parts = [f"{program_digest()}|{_FORMAT}|{list(options)!r}".encode()]
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() not in WORKBOOK_SUFFIXES or not path.is_file():
            continue
        resolved = path.resolve()
        if any(resolved.is_relative_to(e) for e in excluded):
            continue
        parts.append(path.relative_to(folder).as_posix().encode())
        parts.append(path.read_bytes())
    return _digest(*parts)


def templates_digest(folder: Path | None) -> str:
    """A clerk's template folder (its .docx files), or "" for the default templates (in the program)."""
    if folder is None:
        return ""
    files = sorted(Path(folder).glob("*.docx"))
    return _digest(*(part for p in files for part in (p.name.encode(), p.read_bytes())))


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


class Cache:
    """One output folder's cache: results by key, and the documents' hashes."""

    def __init__(self, out: Path) -> None:
        self.folder = Path(out) / CACHE_DIR

    def _file(self, kind: str, key: str) -> Path:
        return self.folder / kind / f"{key}.pickle"

    def load(self, kind: str, key: str) -> Any | None:
        """A stored value whose recorded output files are all still as written, else None."""
        try:
            with open(self._file(kind, key), "rb") as f:
                files, value = pickle.load(f)
        except (OSError, pickle.PickleError, EOFError, ValueError, TypeError, AttributeError, ImportError):
            return None
        if any(_stamp(Path(p)) != tuple(stamp) for p, stamp in files.items()):
            return None
        return value

    def store(self, kind: str, key: str, value: Any, files: Iterable[Path] = ()) -> None:
        stamps = {str(p): _stamp(Path(p)) for p in files}
        target = self._file(kind, key)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            pickle.dump((stamps, value), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)

    # --- documents ---------------------------------------------------------------

    @staticmethod
    def document_key(template: Path, context: Any) -> str:
        template_digest = _file_digest(Path(template)).encode()
        return _digest(program_digest().encode(), template_digest, pickle.dumps(context, protocol=4))

    def document_fresh(self, target: Path, key: str) -> bool:
        """The document at `target` was rendered from the same template and variables."""
        return self.load("documents", _digest(str(Path(target).resolve()).encode(), key.encode())) is not None

    def document_written(self, target: Path, key: str) -> None:
        self.store("documents", _digest(str(Path(target).resolve()).encode(), key.encode()), True, [target])
