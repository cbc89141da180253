"""The findings workbook `kiem-tra-du-lieu.xlsx` and marked copies of the inputs.

One row per finding, a sheet of row tallies per sheet read, and for every workbook
with findings a copy under `kiem-tra/` with the offending cells filled in colour and
the message as a cell comment. The inputs themselves are never modified.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill

from ..findings import Finding, Findings, Severity
from ..intake.discover import FINDINGS_FILE
from ..intake.load import Inbox
from ..intake.normalize import fold_header
from .output import atomic_write
from .workbooks import write_cell

COPIES_FOLDER = "kiem-tra"
MARKABLE_SUFFIXES = (".xlsx", ".xlsm")  # openpyxl can copy these with their cells marked
FILLS = {
    Severity.ERROR: PatternFill("solid", fgColor="FFC7CE"),
    Severity.WARNING: PatternFill("solid", fgColor="FFEB9C"),
    Severity.INFO: PatternFill("solid", fgColor="DDEBF7"),
}


def _table_sheet(wb: Workbook, title: str, headers: list[str], rows: Sequence[Sequence[object]],
                 widths: list[int]) -> None:
    ws = wb.create_sheet(title)
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            write_cell(ws, r, c, value, None)  # text that looks like a formula stays text
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[ws.cell(1, index).column_letter].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions


def write_findings_workbook(findings: Findings, inbox: Inbox | None, out_dir: Path) -> Path:
    """`kiem-tra-du-lieu.xlsx`: every finding, and the row tallies of every sheet."""
    wb = Workbook()
    wb.remove(wb.active)
    rows = [
        [index, f.severity.value, f.file, f.sheet, f.row, f.column, f.value, f.message]
        for index, f in enumerate(findings, start=1)
    ]
    _table_sheet(wb, "Lỗi và cảnh báo", ["STT", "Mức độ", "Tệp", "Sheet", "Dòng", "Cột", "Giá trị", "Nội dung"],
                 rows, [6, 11, 30, 14, 7, 22, 22, 90])
    ws = wb["Lỗi và cảnh báo"]
    for row in ws.iter_rows(min_row=2):
        severity = Severity(row[1].value)
        row[1].fill = FILLS[severity]
        row[7].alignment = Alignment(wrap_text=True, vertical="top")
    tallies = [] if inbox is None else [
        [t.file, t.sheet, t.counts.read, t.counts.used, t.counts.ignored, t.counts.rejected,
         "khớp" if t.counts.balanced else "KHÔNG KHỚP"]
        for t in inbox.tallies
    ]
    _table_sheet(wb, "Số dòng", ["Tệp", "Sheet", "Số dòng đọc", "Dùng", "Bỏ qua (trống, tổng cộng)",
                                 "Không dùng được (lỗi)", "Đọc = Dùng + Bỏ qua + Lỗi"],
                 tallies, [34, 14, 12, 10, 16, 16, 18])
    return atomic_write(out_dir / FINDINGS_FILE, lambda tmp: wb.save(tmp))


def _sheet_named(wb: Workbook, name: str):  # type: ignore[no-untyped-def]
    for ws in wb.worksheets:
        if ws.title == name or fold_header(ws.title) == fold_header(name):
            return ws
    return None


def _mark(ws, row: int, column: int, items: list[Finding]) -> None:  # type: ignore[no-untyped-def]
    cell = ws.cell(row=row, column=column)
    if isinstance(cell, MergedCell):  # mark the merged range through its top-left cell
        for merged in ws.merged_cells.ranges:
            if cell.coordinate in merged:
                cell = ws.cell(row=merged.min_row, column=merged.min_col)
                break
        if isinstance(cell, MergedCell):  # overlapping merges in a damaged file: nothing here can be marked
            return
    worst = min(items, key=lambda f: list(Severity).index(f.severity)).severity
    cell.fill = FILLS[worst]
    text = "\n".join(f"[{f.severity.value}] {f.message}" for f in items)
    comment = Comment(text, "reportgen")
    comment.width, comment.height = 320, 40 + 18 * max(1, len(text) // 45)
    cell.comment = comment


def write_marked_copies(findings: Findings, inbox: Inbox, out_dir: Path) -> list[Path]:
    """A copy of each .xlsx/.xlsm with findings, cells marked, under `kiem-tra/`."""
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        if f.file and f.sheet and f.row is not None and f.severity is not Severity.INFO:
            by_file[f.file].append(f)
    written: list[Path] = []
    for file, items in sorted(by_file.items()):
        source = inbox.path_of(file)
        if source.suffix.lower() not in MARKABLE_SUFFIXES or not source.is_file():
            continue
        try:
            wb = load_workbook(source, keep_vba=source.suffix.lower() == ".xlsm", keep_links=False)
        except Exception:  # noqa: BLE001 - a file we could not mark is still listed in the findings workbook
            continue
        cells: dict[tuple[str, int, int], list[Finding]] = defaultdict(list)
        for f in items:
            cells[(f.sheet, f.row or 1, f.cell_column or 1)].append(f)
        for (sheet, row, column), found in cells.items():
            ws = _sheet_named(wb, sheet)
            if ws is not None:
                _mark(ws, row, column, found)
        target = out_dir / COPIES_FOLDER / Path(file)  # sub-folders kept: same names never overwrite
        written.append(atomic_write(target, wb.save))
    return written
