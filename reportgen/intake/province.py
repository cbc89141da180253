"""A province inbox: one sub-folder per ward (each an ordinary inbox) and, at the top,
the province workbook (`Đơn vị` with the province committee's header facts, optionally
`Chỉ tiêu` with one row per ward per year). FORMAT.md, "Province workbook".

Only the top of the folder and the top of each sub-folder are looked at to decide
whether a folder is a province; the wards themselves are read by the ordinary intake.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import schema
from ..findings import Findings
from .load import _empty, _tagged, _ward_info
from .normalize import fold_header
from .read import UnreadableWorkbook, open_workbook, read_table
from .ward import WardInfo


@dataclass
class ProvinceInbox:
    folder: Path
    info: WardInfo | None  # the province committee's header facts
    file: str  # the province workbook, relative to the folder
    quotas: pd.DataFrame  # year, branch (the ward's `Tên đảng ủy`), admission_quota, source_quota, members_start
    wards: tuple[Path, ...]  # the ward sub-folders, in name order


def sheet_names(path: Path) -> list[str]:
    """The sheet names of a workbook without reading its cells; [] when it cannot be opened."""
    try:
        from python_calamine import CalamineWorkbook

        return list(CalamineWorkbook.from_path(str(path)).sheet_names)
    except Exception:  # noqa: BLE001 - an unreadable file is simply not a province's workbook
        return []


def _has_sheet(path: Path, name: str) -> bool:
    wanted = fold_header(name)
    return any(fold_header(s) == wanted for s in sheet_names(path))


def _top_workbooks(folder: Path) -> list[Path]:
    return sorted(
        (
            p
            for p in folder.iterdir()
            if p.is_file() and p.suffix.lower() in schema.WORKBOOK_SUFFIXES and not p.name.startswith(("~$", "."))
        ),
        key=lambda p: p.name.lower(),
    )


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True


def ward_folders(folder: Path, exclude: tuple[Path, ...] = ()) -> tuple[Path, ...]:
    """The sub-folders whose top holds a ward workbook (one with a `Chỉ tiêu` sheet)."""
    found = []
    for sub in sorted((p for p in folder.iterdir() if p.is_dir()), key=lambda p: p.name.lower()):
        if sub.name.startswith(".") or any(_inside(sub, e) or _inside(e, sub) for e in exclude if e.exists()):
            continue
        if any(_has_sheet(p, schema.QUOTA_SHEET.name) for p in _top_workbooks(sub)):
            found.append(sub)
    return tuple(found)


def is_province(folder: Path, exclude: tuple[Path, ...] = ()) -> bool:
    """A folder whose top holds a workbook with `Đơn vị` but no branch workbook, and
    whose sub-folders hold ward inboxes."""
    if not folder.is_dir():
        return False
    top = _top_workbooks(folder)
    if not any(_has_sheet(p, schema.WARD_INFO_SHEET) for p in top):
        return False
    branch_sheets = (schema.CANDIDATE_SHEET.name, schema.ADMISSION_SHEET.name)
    if any(_has_sheet(p, s) for p in top for s in branch_sheets):
        return False
    return bool(ward_folders(folder, exclude))


def load_province(folder: Path, findings: Findings, exclude: tuple[Path, ...] = ()) -> ProvinceInbox:
    """The province workbook's header facts and ward quotas; problems become findings."""
    wards = ward_folders(folder, exclude)
    top = [p for p in _top_workbooks(folder) if _has_sheet(p, schema.WARD_INFO_SHEET)]
    for path in sorted(folder.iterdir(), key=lambda p: p.name.lower()):
        if path.is_file() and path.suffix.lower() not in schema.WORKBOOK_SUFFIXES:
            findings.info(
                "bỏ qua: không phải sổ Excel (.xlsx, .xlsm, .xls, .ods), không đọc", file=path.name, rule="skipped-file"
            )
    if len(top) > 1:
        findings.error(
            "có nhiều sổ của cấp tỉnh (có sheet «Đơn vị») ở thư mục gốc: "
            + ", ".join(f"«{p.name}»" for p in top)
            + "; hãy để lại một sổ",
            rule="two-province-workbooks",
        )
    info: WardInfo | None = None
    quotas = _empty(schema.QUOTA_SHEET)
    file = top[0].name if top else ""
    if top:
        try:
            book = open_workbook(top[0])
        except UnreadableWorkbook as exc:
            findings.error(str(exc), file=file, rule="unreadable-file")
        else:
            info = _ward_info(book, file, findings)
            sheet = book.find(schema.QUOTA_SHEET.name, schema.QUOTA_SHEET.aliases)
            if sheet is not None:
                table = read_table(sheet, schema.QUOTA_SHEET, file, findings)
                if table is not None and not table.frame.empty:
                    quotas = _tagged(table)[list(quotas.columns)]
    return ProvinceInbox(folder=folder, info=info, file=file, quotas=quotas, wards=wards)
