"""The findings workbook `kiem-tra-du-lieu.xlsx` and marked copies of the inputs.

One row per finding, a sheet of row tallies per sheet read, and for every workbook
with findings a copy under `kiem-tra/` with the offending cells filled in colour and
the message as a cell comment. The inputs themselves are never modified.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence, Set as AbstractSet
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from ..findings import Finding, Findings, Severity
from ..intake.discover import FINDINGS_FILE
from ..intake.load import Inbox
from ..intake.normalize import fold_header
from .output import atomic_write
from .workbooks import write_cell

COPIES_FOLDER = "kiem-tra"


def is_check_output(relative: str) -> bool:
    """A file a `check` run writes (the findings workbook, a marked copy), as a path relative to
    the output folder with forward slashes."""
    return relative == FINDINGS_FILE or relative.startswith(f"{COPIES_FOLDER}/")


MARKABLE_SUFFIXES = (".xlsx", ".xlsm")  # openpyxl can copy these with their cells marked
FILLS = {
    Severity.ERROR: PatternFill("solid", fgColor="FFC7CE"),
    Severity.WARNING: PatternFill("solid", fgColor="FFEB9C"),
    Severity.INFO: PatternFill("solid", fgColor="DDEBF7"),
}


FINDINGS_SHEET = "Lỗi và cảnh báo"
BY_BRANCH_SHEET = "Theo chi bộ"
TALLY_SHEET = "Số dòng"
TAB_COLOURS = {Severity.ERROR: "C00000", Severity.WARNING: "FFC000"}
# Widths (Excel characters) chosen so a landscape A4 page holds every column near 100%.
FINDING_COLUMNS = (
    ("STT", 5),
    ("Mức độ", 9),
    ("Tệp", 20),
    ("Sheet", 11),
    ("Dòng", 6),
    ("Cột", 15),
    ("Ô", 6),
    ("Giá trị", 16),
    ("Nội dung", 55),
)
WRAPPED = {"Tệp", "Sheet", "Cột", "Giá trị", "Nội dung"}
GROUP_FILL = PatternFill("solid", fgColor="D9E1F2")


def cell_address(f: Finding) -> str:
    """`M6`: the cell a finding is about, when both its row and its column are known."""
    if f.row is None or f.cell_column is None:
        return ""
    return f"{get_column_letter(f.cell_column)}{f.row}"


LINE_HEIGHT = 15  # points per line of wrapped text at the default size


def _fit_row_heights(ws: Worksheet, first_row: int = 2) -> None:
    """Row heights from the wrapped text's line count: Excel and LibreOffice do not grow rows of a
    generated file by themselves, so a long message would be cut off on the printed page."""
    widths = {c: ws.column_dimensions[get_column_letter(c)].width or 10 for c in range(1, ws.max_column + 1)}
    for row in ws.iter_rows(min_row=first_row):
        lines = 1
        for cell in row:
            if isinstance(cell, MergedCell) or not isinstance(cell.value, str) or not cell.alignment.wrap_text:
                continue
            per_line = max(1, int(widths[cell.column] * 1.1))
            lines = max(lines, sum(-(-max(1, len(part)) // per_line) for part in cell.value.split("\n")))
        if lines > 1:
            ws.row_dimensions[row[0].row].height = LINE_HEIGHT * lines


def _print_setup(ws: Worksheet, title_rows: str = "1:1") -> None:
    """Landscape A4, fit to the page width (as many pages down as needed), header repeated."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.print_title_rows = title_rows
    ws.oddFooter.center.text = "Trang &P / &N"


def _table_sheet(
    wb: Workbook,
    title: str,
    headers: list[str],
    rows: Sequence[Sequence[object]],
    widths: list[int],
    wrapped: AbstractSet[str] = frozenset(),
) -> Worksheet:
    ws = wb.create_sheet(title)
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    wrap = [h in wrapped for h in headers]
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            write_cell(ws, r, c, value, None)  # text that looks like a formula stays text
            ws.cell(r, c).alignment = Alignment(wrap_text=wrap[c - 1], vertical="top")
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    _print_setup(ws)
    _fit_row_heights(ws)
    return ws


def _finding_row(index: int, f: Finding, with_file: bool = True) -> list[object]:
    row: list[object] = [index, f.severity.value]
    if with_file:
        row.append(f.file)
    return [*row, f.sheet, f.row, f.column, cell_address(f), f.value, f.message]


def _owner(file: str, inbox: Inbox | None) -> str:
    """Who a file's findings go to: the branch named in it, the ward office, or the file itself."""
    if not file:
        return "Chung (cả thư mục sổ)"
    if inbox is not None:
        for branch in inbox.branches:
            if branch.file == file:
                return f"{branch.name} (tệp {file})"
        if file == inbox.ward_file:
            return f"Sổ tổng hợp của Đảng ủy (tệp {file})"
    return f"Tệp {file}"


def _by_branch_sheet(wb: Workbook, findings: Findings, inbox: Inbox | None) -> None:
    """`Theo chi bộ`: each workbook's findings under its branch's name, each branch from a new page,
    so the office can print or send each branch its own list."""
    columns = [c for c in FINDING_COLUMNS if c[0] != "Tệp"]
    ws = _table_sheet(
        wb, BY_BRANCH_SHEET, [c[0] for c in columns], [], [c[1] + (4 if c[0] == "Nội dung" else 0) for c in columns]
    )
    ws.auto_filter.ref = None
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    groups: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        groups[f.file].append(f)
    row = 2
    for number, file in enumerate(sorted(groups, key=lambda k: (k == "", _owner(k, inbox).lower()))):
        if number:
            ws.row_breaks.append(Break(id=row - 1))
        head = ws.cell(row, 1, _owner(file, inbox))
        head.font = Font(bold=True, size=12)
        for c in range(1, len(columns) + 1):
            ws.cell(row, c).fill = GROUP_FILL
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(columns))
        row += 1
        items = sorted(groups[file], key=lambda f: (order[f.severity], f.sheet, f.row or 0))
        for index, f in enumerate(items, start=1):
            for c, value in enumerate(_finding_row(index, f, with_file=False), start=1):
                write_cell(ws, row, c, value, None)
                ws.cell(row, c).alignment = Alignment(wrap_text=columns[c - 1][0] in WRAPPED, vertical="top")
            ws.cell(row, 2).fill = FILLS[f.severity]
            row += 1
    _fit_row_heights(ws)


def write_findings_workbook(findings: Findings, inbox: Inbox | None, out_dir: Path) -> Path:
    """`kiem-tra-du-lieu.xlsx`: every finding, the same by branch, and the row tallies of every sheet."""
    wb = Workbook()
    wb.remove(wb.active)
    rows = [_finding_row(index, f) for index, f in enumerate(findings, start=1)]
    ws = _table_sheet(
        wb, FINDINGS_SHEET, [c[0] for c in FINDING_COLUMNS], rows, [c[1] for c in FINDING_COLUMNS], WRAPPED
    )
    for row in ws.iter_rows(min_row=2):
        row[1].fill = FILLS[Severity(row[1].value)]
    _by_branch_sheet(wb, findings, inbox)
    tallies = (
        []
        if inbox is None
        else [
            [
                t.file,
                t.sheet,
                t.counts.read,
                t.counts.used,
                t.counts.ignored,
                t.counts.rejected,
                "khớp" if t.counts.balanced else "KHÔNG KHỚP",
            ]
            for t in inbox.tallies
        ]
    )
    _table_sheet(
        wb,
        TALLY_SHEET,
        [
            "Tệp",
            "Sheet",
            "Số dòng đọc",
            "Dùng",
            "Bỏ qua (trống, tổng cộng)",
            "Không dùng được (lỗi)",
            "Đọc = Dùng + Bỏ qua + Lỗi",
        ],
        tallies,
        [34, 14, 12, 10, 16, 16, 18],
        {"Tệp"},
    )
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


def _open_on_first_finding(wb: Workbook, worst: dict[str, Severity], first_cell: dict[str, tuple[int, int]]) -> None:
    """The copy opens on the first sheet (in tab order) with a finding, on its first marked cell;
    the tab of every sheet with findings is red (errors) or yellow (warnings only)."""
    marked = [ws for ws in wb.worksheets if ws.title in worst]
    if not marked:
        return
    for ws in marked:
        ws.sheet_properties.tabColor = TAB_COLOURS.get(worst[ws.title], "FFC000")
    first = marked[0]
    if first.sheet_state != "visible":
        first.sheet_state = "visible"
    wb.active = wb.worksheets.index(first)
    for ws in wb.worksheets:
        ws.sheet_view.tabSelected = ws is first
    row, column = first_cell[first.title]
    coordinate = f"{get_column_letter(column)}{row}"
    first.sheet_view.selection[0].activeCell = coordinate
    first.sheet_view.selection[0].sqref = coordinate


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
        worst: dict[str, Severity] = {}
        first_cell: dict[str, tuple[int, int]] = {}
        for (sheet, row, column), found in sorted(cells.items(), key=lambda item: (item[0][1], item[0][2])):
            ws = _sheet_named(wb, sheet)
            if ws is not None:
                _mark(ws, row, column, found)
                rank = list(Severity).index
                for f in found:
                    if ws.title not in worst or rank(f.severity) < rank(worst[ws.title]):
                        worst[ws.title] = f.severity
                first_cell.setdefault(ws.title, (row, column))
        _open_on_first_finding(wb, worst, first_cell)
        target = out_dir / COPIES_FOLDER / Path(file)  # sub-folders kept: same names never overwrite
        written.append(atomic_write(target, wb.save))
    return written
