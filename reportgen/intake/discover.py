"""Which files in the inbox are workbooks to read, and which are skipped (and why)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..schema import WORKBOOK_SUFFIXES


@dataclass(frozen=True)
class Skipped:
    path: Path
    reason: str  # Vietnamese


@dataclass(frozen=True)
class Discovery:
    workbooks: tuple[Path, ...]
    skipped: tuple[Skipped, ...]


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def discover(inbox: Path, exclude: tuple[Path, ...] = ()) -> Discovery:
    """Workbooks anywhere under the inbox, in a stable order; everything else skipped.

    Folders in `exclude` (such as the output folder) are not looked into.
    """
    workbooks: list[Path] = []
    skipped: list[Skipped] = []
    for path in sorted(inbox.rglob("*"), key=lambda p: str(p.relative_to(inbox)).lower()):
        if any(_inside(path, folder) for folder in exclude if folder.exists()):
            continue
        relative_parts = path.relative_to(inbox).parts
        if any(part.startswith(".") for part in relative_parts[:-1]):
            continue  # inside a hidden folder: reported once as the folder
        if path.is_dir():
            if path.name.startswith("."):
                skipped.append(Skipped(path, "thư mục ẩn, không đọc"))
            continue
        name = path.name
        if name.startswith("~$") or name.startswith(".~lock"):
            skipped.append(Skipped(path, "tệp tạm của Excel/LibreOffice khi đang mở sổ, không đọc"))
        elif name.startswith("."):
            skipped.append(Skipped(path, "tệp ẩn, không đọc"))
        elif path.suffix.lower() not in WORKBOOK_SUFFIXES:
            skipped.append(
                Skipped(path, "không phải sổ Excel (.xlsx, .xlsm, .xls, .ods), không đọc")
            )
        else:
            workbooks.append(path)
    return Discovery(tuple(workbooks), tuple(skipped))
