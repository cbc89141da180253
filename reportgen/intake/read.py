"""Sheets to tables: open a workbook, find sheets by name, find the header row,
match headers and aliases, and turn every row into values or findings.

Each data row is counted once as used, ignored (empty, totals, column numbers) or
rejected (it has an error), so that no row can vanish unnoticed.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..findings import Findings
from ..errors import ReportgenError
from ..schema import TOTALS_WORDS, Column, Field, Kind, Sheet
from .normalize import CellError, clean_text, fold, fold_header, header_keys, is_empty, parse_cell, show
from .legacy import fix_legacy
from .safety import FormulaCell, UnsafeArchive, check_archive, formulas_without_value

HEADER_SEARCH_ROWS = 40
_OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")


class UnreadableWorkbook(ReportgenError):
    """The file cannot be opened as a workbook; the message is in Vietnamese."""


@dataclass
class RawSheet:
    name: str  # as written in the workbook
    rows: list[list[object]]  # row 0 is Excel row 1; empty cells are None
    hidden: bool = False


@dataclass
class LegacyText:
    """Cells of one column typed in a legacy font encoding, converted to Unicode."""

    sheet: str
    column: int  # 1-based
    first_row: int
    encoding: str
    count: int
    before: str
    after: str


@dataclass
class RawWorkbook:
    path: Path
    sheets: list[RawSheet]
    formulas_without_value: list[FormulaCell] = field(default_factory=list)
    legacy: list[LegacyText] = field(default_factory=list)

    def find(self, canonical: str, aliases: tuple[str, ...] = ()) -> RawSheet | None:
        """The sheet whose name matches, ignoring case, spaces and diacritics."""
        found = self.find_all(canonical, aliases)
        return found[0] if found else None

    def find_all(self, canonical: str, aliases: tuple[str, ...] = ()) -> list[RawSheet]:
        """Every sheet whose name matches: the visible ones first, in workbook order."""
        wanted = {fold_header(n) for n in (canonical, *aliases)}
        found = [sheet for sheet in self.sheets if fold_header(sheet.name) in wanted]
        return sorted(found, key=lambda sheet: sheet.hidden)


def _cell(value: object) -> object:
    return None if is_empty(value) else value


def _convert_legacy(sheets: list[RawSheet]) -> list[LegacyText]:
    """Convert TCVN3/VNI text to Unicode in place; one record per sheet and column."""
    found: dict[tuple[str, int], list[tuple[int, str, str, str]]] = {}
    undecided: list[tuple[RawSheet, int, int]] = []
    for sheet in sheets:
        for r, row in enumerate(sheet.rows):
            for c, value in enumerate(row):
                if not isinstance(value, str) or value.isascii():
                    continue
                converted, encoding = fix_legacy(value)
                if encoding is None:
                    undecided.append((sheet, r, c))
                    continue
                row[c] = converted
                found.setdefault((sheet.name, c), []).append((r, encoding, value, converted))
    if found:
        votes = Counter(e for items in found.values() for _, e, _, _ in items)
        usual = votes.most_common(1)[0][0]
        for sheet, r, c in undecided:
            value = sheet.rows[r][c]
            converted, encoding = fix_legacy(value, prefer=usual)
            if encoding is not None:
                sheet.rows[r][c] = converted
                found.setdefault((sheet.name, c), []).append((r, encoding, value, converted))
    records = []
    for (sheet_name, c), items in found.items():
        items.sort()
        r, encoding, before, after = items[0]
        records.append(LegacyText(sheet_name, c + 1, r + 1, encoding, len(items), before, after))
    return records


def _fill_vertical_merges(rows: list[list[object]], sheet: object) -> None:
    """A cell merged down a column (a year written once for several quota rows, a
    header over two rows) holds its value in every row it covers."""
    for (top, left), (bottom, right) in getattr(sheet, "merged_cell_ranges", None) or ():
        if left != right or bottom <= top or top >= len(rows) or left >= len(rows[top]):
            continue
        value = rows[top][left]
        if value is None:
            continue
        for index in range(top + 1, min(bottom, len(rows) - 1) + 1):
            if left < len(rows[index]) and rows[index][left] is None:
                rows[index][left] = value


def open_workbook(path: Path) -> RawWorkbook:
    """Read every sheet's cells with calamine (through pandas)."""
    try:
        with path.open("rb") as stream:  # 8 bytes, never the whole file
            head = stream.read(8)
    except OSError as exc:
        raise UnreadableWorkbook(f"không mở được tệp ({exc.strerror or exc})") from exc
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm") and head == _OLE_MAGIC:
        raise UnreadableWorkbook(
            "tệp được đặt mật khẩu (mã hóa) hoặc không phải định dạng .xlsx; "
            "hãy mở bằng Excel, bỏ mật khẩu rồi lưu lại dạng .xlsx"
        )
    if suffix in (".xlsx", ".xlsm", ".ods") and not zipfile.is_zipfile(path):
        raise UnreadableWorkbook(
            "tệp bị hỏng hoặc không phải tệp Excel thật (không đọc được nội dung); "
            "hãy mở bằng Excel và lưu lại"
        )
    if suffix in (".xlsx", ".xlsm", ".ods"):
        try:
            check_archive(path)
        except UnsafeArchive as exc:
            raise UnreadableWorkbook(str(exc)) from exc
    try:
        with pd.ExcelFile(path, engine="calamine") as book:
            visibility = {}
            for meta in getattr(book.book, "sheets_metadata", []):
                visibility[meta.name] = not str(meta.visible).lower().endswith(".visible")
            sheets = []
            for name in book.sheet_names:
                frame = pd.read_excel(book, sheet_name=name, header=None, dtype=object)
                rows = [[_cell(v) for v in row] for row in frame.itertuples(index=False, name=None)]
                _fill_vertical_merges(rows, book.book.get_sheet_by_name(name))
                sheets.append(RawSheet(unicodedata.normalize("NFC", name), rows, visibility.get(name, False)))
    except UnreadableWorkbook:
        raise
    except Exception as exc:  # calamine and zip raise many kinds; all mean "unreadable"
        raise UnreadableWorkbook(
            f"tệp bị hỏng hoặc không đọc được như một sổ Excel ({type(exc).__name__}); "
            "hãy mở bằng Excel và lưu lại"
        ) from exc
    legacy = _convert_legacy(sheets)
    return RawWorkbook(path, sheets, formulas_without_value(path), legacy)


# --- field/value sheets ------------------------------------------------------


def read_fields(
    sheet: RawSheet, fields: tuple[Field, ...], file: str, findings: Findings
) -> tuple[dict[str, object], dict[str, int]]:
    """A two-column field/value sheet to {key: raw value}; unknown rows ignored.

    Returns the values and the Excel row of each field found.
    """
    by_label: dict[str, Field] = {}
    for f in fields:
        for label in (f.label, *f.aliases):
            by_label[fold_header(label)] = f
    values: dict[str, object] = {}
    rows_of: dict[str, int] = {}
    for index, row in enumerate(sheet.rows):
        cells = [(i, v) for i, v in enumerate(row) if v is not None]
        if not cells:
            continue
        label_col, label = cells[0]
        spec = by_label.get(fold_header(label))
        if spec is None:
            continue
        value = next((v for i, v in cells[1:]), None)
        if spec.key in values:
            findings.warning(
                f"trường «{spec.label}» được ghi hai lần; dùng giá trị ở dòng {rows_of[spec.key]}",
                file=file, sheet=sheet.name, row=index + 1, column=clean_text(label), value=show(value),
                rule="duplicate-field",
            )
            continue
        values[spec.key] = value
        rows_of[spec.key] = index + 1
    return values, rows_of


# --- tables ------------------------------------------------------------------


@dataclass
class RowCounts:
    read: int = 0
    used: int = 0
    ignored: int = 0
    rejected: int = 0

    @property
    def balanced(self) -> bool:
        return self.read == self.used + self.ignored + self.rejected


@dataclass
class Table:
    file: str
    sheet: str
    header_row: int  # Excel row of the header
    headers: dict[str, str]  # column key -> header as written
    positions: dict[str, int]  # column key -> 1-based column number
    frame: pd.DataFrame  # one row per used data row; columns: keys + "_row"
    counts: RowCounts = field(default_factory=RowCounts)
    rejected_names: set[str] = field(default_factory=set)  # folded names of rows rejected for an error


def _match_header(row: list[object], spec: Sheet) -> dict[int, Column]:
    names: dict[str, Column] = {}
    for column in spec.columns:
        for name in column.names:
            names.setdefault(fold_header(name), column)
    found: dict[int, Column] = {}
    taken: set[str] = set()
    for index, value in enumerate(row):
        if value is None:
            continue
        column = next((names[k] for k in header_keys(value) if k in names), None)
        if column is not None and column.key not in taken:
            found[index] = column
            taken.add(column.key)
    return found


def _find_header(sheet: RawSheet, spec: Sheet) -> tuple[int, dict[int, Column]] | None:
    required = {c.key for c in spec.required}
    best: tuple[int, dict[int, Column]] | None = None
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        found = _match_header(row, spec)
        keys = {c.key for c in found.values()}
        if required <= keys:
            return index, found
        if len(keys & required) >= 2 and (best is None or len(found) > len(best[1])):
            best = (index, found)
    return best


_TOTALS = {fold(w) for w in TOTALS_WORDS}
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")


def _is_totals(row: list[object]) -> bool:
    texts = [fold(v) for v in row[:4] if v is not None and isinstance(v, str)]
    return any(t.rstrip(":").strip() in _TOTALS for t in texts)


def _is_column_numbers(row: list[object]) -> bool:
    cells = [v for v in row if v is not None]
    return len(cells) >= 3 and all(_COLUMN_NUMBER.match(clean_text(v)) for v in cells)


def _only_placeholder(cell_of: dict[str, object], spec: Sheet) -> bool:
    """A row of a blank workbook that holds only the cells written in advance (year, branch)."""
    filled = {key for key, value in cell_of.items() if value is not None and clean_text(value) != ""}
    return bool(filled) and filled <= set(spec.placeholder)


def read_table(sheet: RawSheet, spec: Sheet, file: str, findings: Findings) -> Table | None:
    """Read a table sheet; every problem becomes a finding. None if no header row."""
    located = _find_header(sheet, spec)
    if located is None:
        wanted = ", ".join(c.header for c in spec.required)
        findings.error(
            f"không tìm thấy dòng tiêu đề của bảng; cần một dòng có các cột: {wanted}",
            file=file, sheet=sheet.name, rule="no-header",
        )
        return None
    header_index, columns = located
    header_row = sheet.rows[header_index]
    headers = {c.key: clean_text(header_row[i]) for i, c in columns.items()}
    positions = {c.key: i + 1 for i, c in columns.items()}
    missing = [c for c in spec.required if c.key not in headers]
    for column in missing:
        findings.error(
            f"thiếu cột bắt buộc «{column.header}»"
            + (f" (hoặc: {', '.join(column.aliases)})" if column.aliases else ""),
            file=file, sheet=sheet.name, row=header_index + 1, column=column.header,
            rule="missing-column",
        )
    counts = RowCounts()
    required_keys = {c.key for c in spec.required}
    rejected_names: set[str] = set()
    records: list[dict[str, object]] = []
    present = [c for c in spec.columns if c.key in headers]
    for index in range(header_index + 1, len(sheet.rows)):
        row = sheet.rows[index]
        excel_row = index + 1
        counts.read += 1
        if all(v is None for v in row):
            counts.ignored += 1
            continue
        if _is_totals(row):
            counts.ignored += 1
            findings.info(
                "dòng tổng cộng, không tính vào số liệu",
                file=file, sheet=sheet.name, row=excel_row, rule="totals-row",
            )
            continue
        if required_keys <= {c.key for c in _match_header(row, spec).values()}:
            counts.ignored += 1
            findings.info("dòng tiêu đề lặp lại giữa bảng, bỏ qua", file=file, sheet=sheet.name, row=excel_row,
                          rule="repeated-header")
            continue
        if _is_column_numbers(row):
            counts.ignored += 1
            findings.info(
                "dòng đánh số thứ tự cột, bỏ qua", file=file, sheet=sheet.name, row=excel_row,
                rule="column-numbers",
            )
            continue
        cell_of = {c.key: (row[i] if i < len(row) else None) for i, c in columns.items()}
        if missing:
            counts.rejected += 1
            continue
        if spec.placeholder and _only_placeholder(cell_of, spec):
            counts.ignored += 1
            filled = ", ".join(f"«{headers[k]}»" for k in spec.placeholder if cell_of.get(k) is not None)
            first = next(c for c in spec.required if c.key not in spec.placeholder and c.key in headers)
            findings.warning(
                f"dòng mới ghi {filled}, chưa có số liệu nên không được tính; hãy điền «{first.header}» "
                "hoặc xóa dòng",
                file=file, sheet=sheet.name, row=excel_row, column=headers[first.key], rule="unfilled-row",
                cell_column=positions[first.key],
            )
            continue
        if all(cell_of.get(c.key) is None for c in spec.required if c.kind is not Kind.IGNORED):
            counts.ignored += 1
            content = "; ".join(show(v) for v in row if v is not None)
            findings.warning(
                "dòng không có nội dung ở các cột bắt buộc nên không được tính; "
                "nếu đây là một người hay một chỉ tiêu, hãy điền đủ các cột bắt buộc",
                file=file, sheet=sheet.name, row=excel_row, value=content[:120], rule="row-without-required",
            )
            continue
        record: dict[str, object] = {"_row": excel_row}
        ok = True
        for column in present:
            raw = cell_of.get(column.key)
            try:
                value = parse_cell(column, raw)
            except CellError as exc:
                ok = False
                findings.error(
                    exc.message, file=file, sheet=sheet.name, row=excel_row, column=headers[column.key],
                    value=show(raw), rule=f"bad-{column.kind.value}", cell_column=positions[column.key],
                )
                continue
            if column.required and value is None:
                ok = False
                findings.error(
                    f"thiếu «{column.header}» (cột bắt buộc)", file=file, sheet=sheet.name, row=excel_row,
                    column=headers[column.key], rule="missing-value", cell_column=positions[column.key],
                )
                continue
            record[column.key] = value
        for column in spec.columns:
            if column.key not in headers:
                record[column.key] = column.default
        if ok:
            counts.used += 1
            records.append(record)
        else:
            counts.rejected += 1
            if cell_of.get("name") is not None:
                rejected_names.add(fold(cell_of["name"]))
    keys = ["_row", *(c.key for c in spec.columns if c.kind is not Kind.IGNORED)]
    frame = pd.DataFrame.from_records(records, columns=keys) if records else pd.DataFrame(columns=keys)
    return Table(file, sheet.name, header_index + 1, headers, positions, frame, counts, rejected_names)
