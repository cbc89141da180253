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
    unread_wards: tuple[str, ...] = ()  # sub-folders that certainly hold a ward but could not be read as one


def sheet_names(path: Path) -> list[str]:
    """The sheet names of a workbook without reading its cells; [] when it cannot be opened."""
    try:
        from python_calamine import CalamineWorkbook

        return list(CalamineWorkbook.from_path(str(path)).sheet_names)
    except Exception:  # noqa: BLE001 - an unreadable file is simply not a province's workbook
        return []


def has_sheet(path: Path, name: str) -> bool:
    wanted = fold_header(name)
    return any(fold_header(s) == wanted for s in sheet_names(path))


def top_workbooks(folder: Path) -> list[Path]:
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
        if any(has_sheet(p, schema.QUOTA_SHEET.name) for p in top_workbooks(sub)):
            found.append(sub)
    return tuple(found)


def _contents(folder: Path) -> str:
    """What a folder holds, said for a clerk: `3 tệp .docx, 1 thư mục con («Cu»)`."""
    by_kind: dict[str, int] = {}
    subs: list[str] = []
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name.lower())
    except OSError:
        return "không mở được thư mục"
    for entry in entries:
        if entry.name.startswith((".", "~$")):
            continue
        if entry.is_dir():
            subs.append(entry.name)
        else:
            kind = entry.suffix.lower() or "không có đuôi"
            by_kind[kind] = by_kind.get(kind, 0) + 1
    parts = [f"{n} tệp {kind}" for kind, n in sorted(by_kind.items())]
    if subs:
        shown = ", ".join(f"«{name}»" for name in subs[:3]) + (", ..." if len(subs) > 3 else "")
        parts.append(f"{len(subs)} thư mục con ({shown})")
    return ", ".join(parts) if parts else "không có tệp nào"


_BRANCH_SHEETS = (schema.CANDIDATE_SHEET.name, schema.ADMISSION_SHEET.name)
# A folder is a province with stray branch workbooks at its top (rather than a ward with old
# copies in sub-folders) when its ward sub-folders are more than this many times as many.
LOOSE_BRANCH_RATIO = 2


def _skipped_folders(
    folder: Path, wards: tuple[Path, ...], exclude: tuple[Path, ...], findings: Findings
) -> tuple[str, ...]:
    """A sub-folder of a province that is no ward inbox is named with what it holds: a ward whose
    workbooks are missing (only Word files, the workbooks one level deeper) is not left out silently.
    Returns the names of those that certainly hold a ward (an error each)."""
    from .discover import is_output_folder

    certain: list[str] = []
    for sub in sorted((p for p in folder.iterdir() if p.is_dir()), key=lambda p: p.name.lower()):
        if sub in wards or sub.name.startswith(".") or is_output_folder(sub):
            continue
        if any(_inside(sub, e) or _inside(e, sub) for e in exclude if e.exists()):
            continue
        workbooks = top_workbooks(sub)
        deeper = ward_folders(sub) if not workbooks else ()
        branch_books = [p for p in workbooks if any(has_sheet(p, s) for s in _BRANCH_SHEETS)]
        if branch_books:
            why = (
                f"có {len(branch_books):02d} sổ chi bộ nhưng không có sổ tổng hợp của Đảng ủy (sổ có sheet «Chỉ tiêu»)"
            )
        elif workbooks:
            why = "có sổ Excel nhưng không sổ nào có sheet «Chỉ tiêu» (sổ tổng hợp của Đảng ủy)"
        elif deeper:
            why = "không có sổ Excel ngay trong thư mục; sổ tổng hợp của Đảng ủy nằm sâu hơn một cấp, ở " + ", ".join(
                f"«{sub.name}/{d.name}»" for d in deeper
            )
        else:
            why = "không có sổ Excel nào (.xlsx, .xlsm, .xls, .ods)"
        message = (
            f"thư mục con «{sub.name}» không được đọc: {why}. Trong thư mục có: {_contents(sub)}. Mỗi thư mục con"
            " của tỉnh phải là số liệu của một đảng bộ: sổ tổng hợp của Đảng ủy (có sheet «Chỉ tiêu») và các sổ"
            " chi bộ, đặt ngay trong thư mục đó."
        )
        if branch_books or deeper:  # certainly a ward: the province's totals would leave it out
            certain.append(sub.name)
            findings.error(
                message + " Đây là số liệu của một đảng bộ nên chưa lập báo cáo tổng hợp của tỉnh (tổng của tỉnh sẽ"
                " thiếu đảng bộ này); hãy "
                + (
                    f"chuyển thư mục «{sub.name}/{deeper[0].name}» lên ngay trong thư mục của tỉnh"
                    if deeper
                    else "thêm sổ tổng hợp của Đảng ủy vào thư mục này"
                ),
                file=f"{sub.name}/",
                value=sub.name,
                rule="province-folder-skipped",
            )
        else:
            findings.warning(
                message + " Nếu đây là một đảng bộ, số liệu của đảng bộ này chưa được tính vào báo cáo của tỉnh",
                file=f"{sub.name}/",
                value=sub.name,
                rule="province-folder-skipped",
            )
    return tuple(certain)


def loose_branch_workbooks(folder: Path) -> list[Path]:
    """Branch workbooks at the top of a folder."""
    return [p for p in top_workbooks(folder) if any(has_sheet(p, s) for s in _BRANCH_SHEETS)]


def is_province(folder: Path, exclude: tuple[Path, ...] = ()) -> bool:
    """A folder whose top holds a workbook with `Đơn vị` and whose sub-folders hold ward inboxes.
    A branch workbook at the top is a ward's; a province's only when the ward sub-folders outnumber
    such loose workbooks at least twice over (one put in the wrong folder, said as an error)."""
    if not folder.is_dir():
        return False
    top = top_workbooks(folder)
    if not any(has_sheet(p, schema.WARD_INFO_SHEET) for p in top):
        return False
    loose = loose_branch_workbooks(folder)
    wards = ward_folders(folder, exclude)
    return bool(wards) and len(loose) * LOOSE_BRANCH_RATIO < len(wards)


def load_province(folder: Path, findings: Findings, exclude: tuple[Path, ...] = ()) -> ProvinceInbox:
    """The province workbook's header facts and ward quotas; problems become findings."""
    wards = ward_folders(folder, exclude)
    top = [p for p in top_workbooks(folder) if has_sheet(p, schema.WARD_INFO_SHEET)]
    for path in sorted(folder.iterdir(), key=lambda p: p.name.lower()):
        if path.is_file() and path.suffix.lower() not in schema.WORKBOOK_SUFFIXES:
            findings.info(
                "bỏ qua: không phải sổ Excel (.xlsx, .xlsm, .xls, .ods), không đọc", file=path.name, rule="skipped-file"
            )
    unread_wards = _skipped_folders(folder, wards, exclude, findings)
    for path in loose_branch_workbooks(folder):
        findings.error(
            "sổ chi bộ nằm ở thư mục ngoài cùng của tỉnh nên không được đọc (số liệu của chi bộ này chưa được"
            " tính vào đảng bộ nào); hãy chuyển sổ vào thư mục của đảng bộ có chi bộ này, nếu là bản chép thừa"
            " thì xóa. Chưa lập báo cáo tổng hợp của tỉnh",
            file=path.name,
            rule="loose-branch-workbook",
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
    return ProvinceInbox(folder=folder, info=info, file=file, quotas=quotas, wards=wards, unread_wards=unread_wards)
