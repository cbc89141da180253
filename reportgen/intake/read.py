"""Sheets to tables: open a workbook, find sheets by name, find the header row,
match headers and aliases, and turn every row into values or findings.

Each data row is counted once as used, ignored (empty, totals, column numbers) or
rejected (it has an error), so that no row can vanish unnoticed.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd
from python_calamine import load_workbook

from ..errors import ReportgenError, os_reason
from ..findings import Findings, SheetFindings
from ..rules import EVENT_YEARS_AHEAD
from ..schema import SIGNATURE_WORDS, TOTALS_WORDS, Column, Field, Kind, Sheet, max_length as schema_max_length
from .legacy import fix_legacy
from .normalize import (
    FORMAT_CHARACTERS,
    CellError,
    CellNote,
    check_date_bounds,
    clean_text,
    fold,
    fold_header,
    header_keys,
    is_empty,
    parse_cell,
    parse_date,
    person_key,
    show,
    strip_format_characters,
)
from .safety import FormulaCell, UnsafeArchive, check_archive, scan_cells

HEADER_SEARCH_ROWS = 40
_OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")


class UnreadableWorkbook(ReportgenError):
    """The file cannot be opened as a workbook; the message is in Vietnamese."""


@dataclass
class RawSheet:
    name: str  # as written in the workbook
    rows: list[list[object]]  # row 0 is Excel row 1; empty cells are None
    hidden: bool = False
    # (row index, column index) -> the text of a cell read as empty because it held a placeholder
    # (`#N/A`, `NULL`, `N/A`...): a required cell holding one is reported with it, not as blank.
    placeholders: dict[tuple[int, int], str] = field(default_factory=dict)
    hidden_rows: tuple[int, ...] = ()  # Excel numbers of the rows hidden in Excel (read all the same)


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
class FormatCharacters:
    """Invisible format characters (Unicode Cf) removed from the cells of one column."""

    sheet: str
    column: int  # 1-based; 0 for the sheet's name
    first_row: int | None
    cells: int
    count: int
    before: str  # the first cell as it was, the characters shown as <U+XXXX>
    example: str  # U+FEFF and the like


@dataclass
class RawWorkbook:
    path: Path
    sheets: list[RawSheet]
    formulas_without_value: list[FormulaCell] = field(default_factory=list)
    legacy: list[LegacyText] = field(default_factory=list)
    format_characters: list[FormatCharacters] = field(default_factory=list)

    def find(self, canonical: str, aliases: tuple[str, ...] = ()) -> RawSheet | None:
        """The sheet whose name matches, ignoring case, spaces and diacritics."""
        found = self.find_all(canonical, aliases)
        return found[0] if found else None

    def find_all(self, canonical: str, aliases: tuple[str, ...] = ()) -> list[RawSheet]:
        """Every sheet whose name matches: the visible ones first, in workbook order."""
        wanted = {fold_header(n) for n in (canonical, *aliases)}
        found = [sheet for sheet in self.sheets if fold_header(sheet.name) in wanted]
        return sorted(found, key=lambda sheet: sheet.hidden)


_BLANK = re.compile(r"[\s\u00a0]*")
# Texts that mean an empty cell (those pandas treats as missing: Excel's #N/A, "NULL"...).
MISSING_TEXTS = frozenset(
    {
        "",
        "#N/A",
        "#N/A N/A",
        "#NA",
        "-1.#IND",
        "-1.#QNAN",
        "-NaN",
        "-nan",
        "1.#IND",
        "1.#QNAN",
        "<NA>",
        "N/A",
        "NA",
        "NULL",
        "NaN",
        "None",
        "n/a",
        "nan",
        "null",
    }
)


# The texts above but the empty one, as they are read into None; and, for the checks, every way
# of writing "nothing here" that a required cell must not hold: those texts in any case and
# spacing, and dashes (`-` means "no" in a yes/no column, and is read so there).
_PLACEHOLDER_CELLS = MISSING_TEXTS - {""}
PLACEHOLDER_WORDS = frozenset({t.casefold() for t in _PLACEHOLDER_CELLS} | {"-", "--", "---", "–", "—", "n.a", "n.a."})
_PLACEHOLDER_LONGEST = max(len(t) for t in PLACEHOLDER_WORDS) + 4  # room for spaces


def placeholder_text(value: object) -> str | None:
    """The placeholder a text cell holds (`N/A`, ` - `, `null`), stripped; None for anything else."""
    if value.__class__ is not str or len(value) > _PLACEHOLDER_LONGEST:  # type: ignore[arg-type]
        return None
    text = value.strip()  # type: ignore[attr-defined]
    return text if text.casefold() in PLACEHOLDER_WORDS else None


def _placeholder_cells(rows: Sequence[Sequence[object]]) -> dict[tuple[int, int], str]:
    """Where the raw rows hold a placeholder text that reading turns into an empty cell."""
    found: dict[tuple[int, int], str] = {}
    for r, row in enumerate(rows):
        try:
            if _PLACEHOLDER_CELLS.isdisjoint(row):
                continue
        except TypeError:  # an unhashable cell: look at each
            pass
        for c, v in enumerate(row):
            if v.__class__ is str and v in _PLACEHOLDER_CELLS:
                found[(r, c)] = v  # type: ignore[assignment]
    return found


def _value(value: object) -> object:
    """A calamine cell as the reader wants it: None when empty (spaces only, #N/A, NaN),
    whole numbers as int, dates as datetime; anything else as it is."""
    kind = value.__class__
    if kind is str:
        if value in MISSING_TEXTS or _BLANK.fullmatch(value):  # type: ignore[call-overload]
            return None
        return value
    if kind is float:
        if value != value:  # NaN
            return None
        return int(value) if value.is_integer() else value  # type: ignore[call-overload, attr-defined]
    if kind is int or kind is bool or kind is datetime:
        return value
    if kind is date:
        return datetime(value.year, value.month, value.day)  # type: ignore[attr-defined]
    return None if is_empty(value) else value


_UNICODE_LETTER = re.compile("[\u0100-\u024f\u1e00-\u1eff]")  # ă, đ, ơ, ư, ạ, ễ...: never legacy bytes


def _convert_legacy(sheets: list[RawSheet]) -> list[LegacyText]:
    """Convert TCVN3/VNI text to Unicode in place; one record per sheet and column."""
    found: dict[tuple[str, int], list[tuple[int, str, str, str]]] = {}
    undecided: list[tuple[RawSheet, int, int]] = []
    memory: dict[str, tuple[str, str | None]] = {}  # each distinct text is judged once
    for sheet in sheets:
        for r, row in enumerate(sheet.rows):
            for c, value in enumerate(row):
                if value.__class__ is not str or value.isascii() or _UNICODE_LETTER.search(value):
                    continue  # a letter only Unicode has: typed in Unicode, not in a legacy table
                known = memory.get(value)
                if known is None:
                    known = memory[value] = fix_legacy(value)
                converted, encoding = known
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
            if not isinstance(value, str):
                continue
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


def _visible(text: str) -> str:
    return FORMAT_CHARACTERS.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def _remove_format_characters(sheets: list[RawSheet], names: dict[str, str]) -> list[FormatCharacters]:
    """Remove Unicode format characters from every text cell and sheet name, in place;
    one record per sheet and column. `names` maps each sheet's name to the name as written."""
    found: dict[tuple[str, int], FormatCharacters] = {}
    for sheet in sheets:
        written = names.get(sheet.name, sheet.name)
        if FORMAT_CHARACTERS.search(written):
            cleaned, count = strip_format_characters(written)
            found[(sheet.name, 0)] = FormatCharacters(sheet.name, 0, None, 1, count, _visible(written), _codes(written))
        search = FORMAT_CHARACTERS.search
        for r, row in enumerate(sheet.rows):
            for c, value in enumerate(row):
                if value.__class__ is not str or value.isascii() or search(value) is None:
                    continue
                cleaned, count = strip_format_characters(value)
                row[c] = cleaned if cleaned.strip() else None
                record = found.get((sheet.name, c + 1))
                if record is None:
                    found[(sheet.name, c + 1)] = FormatCharacters(
                        sheet.name, c + 1, r + 1, 1, count, _visible(value), _codes(value)
                    )
                else:
                    record.cells += 1
                    record.count += count
    return list(found.values())


def _codes(text: str) -> str:
    return ", ".join(sorted({f"U+{ord(ch):04X}" for ch in FORMAT_CHARACTERS.findall(text)}))


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
    """Read every sheet's cells with calamine, once each."""
    try:
        with path.open("rb") as stream:  # 8 bytes, never the whole file
            head = stream.read(8)
    except OSError as exc:
        raise UnreadableWorkbook(f"không mở được tệp ({os_reason(exc)})") from exc
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm") and head == _OLE_MAGIC:
        raise UnreadableWorkbook(
            "tệp được đặt mật khẩu (mã hóa) hoặc không phải định dạng .xlsx; "
            "hãy mở bằng Excel, bỏ mật khẩu rồi lưu lại dạng .xlsx"
        )
    if suffix in (".xlsx", ".xlsm", ".ods") and not zipfile.is_zipfile(path):
        raise UnreadableWorkbook(
            "tệp bị hỏng hoặc không phải tệp Excel thật (không đọc được nội dung); hãy mở bằng Excel và lưu lại"
        )
    if suffix in (".xlsx", ".xlsm", ".ods"):
        try:
            check_archive(path)
        except UnsafeArchive as exc:
            raise UnreadableWorkbook(str(exc)) from exc
    try:
        with path.open("rb") as stream:  # a file object: names that are not UTF-8 open too
            book = load_workbook(stream)
        try:
            visibility = {
                meta.name: not str(meta.visible).lower().endswith(".visible")
                for meta in getattr(book, "sheets_metadata", [])
            }
            sheets = []
            written_names: dict[str, str] = {}
            for name in book.sheet_names:
                sheet = book.get_sheet_by_name(name)
                raw_rows = sheet.to_python(skip_empty_area=False)
                placeholders = _placeholder_cells(raw_rows)
                rows = [
                    [
                        v if v.__class__ is str and v and v not in MISSING_TEXTS and not v.isspace() else _value(v)
                        for v in row
                    ]
                    for row in raw_rows
                ]
                _fill_vertical_merges(rows, sheet)
                clean_name = unicodedata.normalize("NFC", strip_format_characters(name)[0])
                written_names[clean_name] = name
                sheets.append(RawSheet(clean_name, rows, visibility.get(name, False), placeholders))
        finally:
            book.close()
    except UnreadableWorkbook:
        raise
    except OSError as exc:  # the file went away, a folder, no permission
        raise UnreadableWorkbook(f"không đọc được tệp ({os_reason(exc)})") from exc
    except Exception as exc:  # calamine and zip raise many kinds; all mean "unreadable"
        raise UnreadableWorkbook(
            "tệp bị hỏng hoặc không đọc được như một sổ Excel; hãy mở bằng Excel và lưu lại"
        ) from exc
    invisible = _remove_format_characters(sheets, written_names)
    legacy = _convert_legacy(sheets)
    hidden: dict[str, list[int]] = {}
    formulas, error_values = scan_cells(path, hidden)
    by_written = {written: clean for clean, written in written_names.items()}
    for written, numbers in hidden.items():
        raw = next((s for s in sheets if s.name == by_written.get(written, written)), None)
        if raw is not None:
            raw.hidden_rows = tuple(numbers)
    for cell in error_values:  # Excel's own `#N/A`, `#REF!`...: calamine gives them as empty cells
        raw = next((s for s in sheets if s.name == by_written.get(cell.sheet, cell.sheet)), None)
        if raw is not None:
            raw.placeholders.setdefault((cell.row - 1, cell.column - 1), cell.formula)
    return RawWorkbook(path, sheets, formulas, legacy, invisible)


# --- field/value sheets ------------------------------------------------------


def read_fields(
    sheet: RawSheet,
    fields: tuple[Field, ...],
    file: str,
    findings: Findings,
    placeholders: dict[str, str] | None = None,
) -> tuple[dict[str, object], dict[str, int]]:
    """A two-column field/value sheet to {key: raw value}; unknown rows ignored.

    Returns the values and the Excel row of each field found. A value that is a placeholder
    (`N/A`, `-`) is no value: it goes into `placeholders` (key -> text) for the caller to name
    when the field is required, and an optional date field holding one is a warning here.
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
        label_col, written = cells[0]
        spec = by_label.get(fold_header(written))
        if spec is None:
            continue
        value = next((v for i, v in cells[1:]), None)
        mark = (
            placeholder_text(value)
            if value is not None
            else next((t for (r, c), t in sheet.placeholders.items() if r == index and c > label_col), None)
        )
        if mark is not None:
            value = None
            if placeholders is not None and spec.key not in values:
                placeholders[spec.key] = mark
            if not spec.required and spec.kind is Kind.DATE and spec.key not in values:
                findings.warning(
                    f"ô ghi «{mark}» (ký hiệu thay cho ô trống) được đọc là ô trống: không có {expected(spec)}."
                    f" Nếu chưa có thì để trống ô; nếu có thì ghi {expected(spec)}",
                    file=file,
                    sheet=sheet.name,
                    row=index + 1,
                    column=spec.label,
                    value=mark,
                    rule="placeholder-read-as-empty",
                    cell_column=label_col + 2,
                )
        if spec.key in values:
            findings.warning(
                f"trường «{spec.label}» được ghi hai lần; dùng giá trị ở dòng {rows_of[spec.key]}",
                file=file,
                sheet=sheet.name,
                row=index + 1,
                column=clean_text(label),
                value=show(value),
                rule="duplicate-field",
            )
            continue
        limit = schema_max_length(spec.key)
        if isinstance(value, str) and len(clean_text(value)) > limit:
            findings.error(
                f"dài {len(clean_text(value))} ký tự, quá {limit} ký tự cho phép của trường «{spec.label}»; "
                "có thể đã dán nhầm cả đoạn văn vào một ô",
                file=file,
                sheet=sheet.name,
                row=index + 1,
                column=spec.label,
                value=show(value),
                rule="too-long",
                cell_column=label_col + 2,
            )
        values[spec.key] = value
        rows_of[spec.key] = index + 1
    return values, rows_of


def fields_found(sheet: RawSheet, fields: tuple[Field, ...]) -> list[str]:
    """The labels of the required fields written at the start of a row of the sheet, in order."""
    wanted = {fold_header(label): f.label for f in fields if f.required for label in (f.label, *f.aliases)}
    found: list[str] = []
    for row in sheet.rows[:HEADER_SEARCH_ROWS]:
        first = next((v for v in row if v is not None), None)
        label = wanted.get(fold_header(first)) if first is not None else None
        if label is not None and label not in found:
            found.append(label)
    return found


def renamed_field_sheet(book: RawWorkbook, name: str, fields: tuple[Field, ...]) -> RawSheet | None:
    """The sheet that holds the field/value sheet `name` (`Đơn vị`, `Thông tin`) under another name
    (`Don vi 2025`, `Thông tin đơn vị`): at least two of its required fields, or its only one."""
    if book.find(name) is not None:
        return None
    enough = min(2, sum(1 for f in fields if f.required))
    return next((s for s in book.sheets if len(fields_found(s, fields)) >= enough), None)


def missing_field_sheet(book: RawWorkbook, name: str, fields: tuple[Field, ...]) -> tuple[str, str]:
    """What to say of a workbook without its field/value sheet `name`, and the sheet the message
    points at ("" when none holds the fields): the sheets found, and the one to rename."""
    sheets = ", ".join(f"«{s.name}»" for s in book.sheets) or "không có sheet nào"
    renamed = renamed_field_sheet(book, name, fields)
    if renamed is None:
        return f"các sheet có: {sheets}; hãy thêm sheet «{name}» theo mẫu", ""
    labels = ", ".join(f"«{label}»" for label in fields_found(renamed, fields))
    return (
        f"các sheet có: {sheets}. Sheet «{renamed.name}» có các trường của sheet «{name}» ({labels}): hãy đổi tên"
        f" sheet đó thành đúng «{name}» rồi chạy lại",
        renamed.name,
    )


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


@dataclass(frozen=True)
class HeaderMatch:
    columns: dict[int, Column]  # 0-based position -> the column read there (the first that matches)
    duplicates: dict[int, Column]  # 0-based position -> a column already matched further left


_HEADER_NAMES: dict[int, tuple[Sheet, dict[str, Column]]] = {}


def _header_names(spec: Sheet) -> dict[str, Column]:
    """Every folded header and alias of the sheet's columns: built once per sheet kind."""
    known = _HEADER_NAMES.get(id(spec))
    if known is not None and known[0] is spec:
        return known[1]
    names: dict[str, Column] = {}
    for column in spec.columns:
        for name in column.names:
            names.setdefault(fold_header(name), column)
    _HEADER_NAMES[id(spec)] = (spec, names)
    return names


def _match_header(row: list[object], spec: Sheet) -> HeaderMatch:
    names = _header_names(spec)
    found: dict[int, Column] = {}
    duplicates: dict[int, Column] = {}
    taken: set[str] = set()
    for index, value in enumerate(row):
        if value is None:
            continue
        column = next((names[k] for k in header_keys(value) if k in names), None)
        if column is None:
            continue
        if column.key not in taken:
            found[index] = column
            taken.add(column.key)
        elif column.kind is not Kind.IGNORED:
            duplicates[index] = column
    return HeaderMatch(found, duplicates)


def _find_header(sheet: RawSheet, spec: Sheet) -> tuple[int, HeaderMatch] | None:
    required = {c.key for c in spec.required}
    best: tuple[int, HeaderMatch] | None = None
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        found = _match_header(row, spec)
        keys = {c.key for c in found.columns.values()}
        if required <= keys:
            return index, found
        if len(keys & required) >= 2 and (best is None or len(found.columns) > len(best[1].columns)):
            best = (index, found)
    return best


# How close an unread header must be to a column's name (or alias) to be pointed to it.
LOOKALIKE_HEADER = 0.75


def _likeness(written: str, name: str) -> float:
    """How alike two folded headers are: one inside the other (at least 8 letters), or their ratio."""
    inside = (name in written or written in name) and min(len(name), len(written)) >= 8
    return max(difflib.SequenceMatcher(None, written, name).ratio(), 0.9 if inside else 0.0)


def _unread_lookalikes(sheet: RawSheet, header_index: int, match: HeaderMatch, spec: Sheet) -> list[tuple[int, Column]]:
    """Header cells no column matched, with data below, that look like a column the sheet does not have
    (`Ngày NQ chi bộ`, `Ngày chi bộ xét đề nghị kết nạp` for «Ngày chi bộ xét»): what they hold would
    not be read, and the checks on it would not run, without a word."""
    header_row = sheet.rows[header_index]
    matched = {c.key for c in match.columns.values()}
    wanted = [
        (fold_header(name), column)
        for column in spec.columns
        if column.key not in matched and column.kind is not Kind.IGNORED
        for name in (column.header, *column.aliases)
    ]
    found = []
    for index, cell in enumerate(header_row):
        if index in match.columns or index in match.duplicates or not isinstance(cell, str) or not wanted:
            continue
        written = fold_header(cell)
        if len(written) < 4 or not any(
            index < len(row) and row[index] is not None for row in sheet.rows[header_index + 1 :]
        ):
            continue
        score, column = max(((_likeness(written, name), column) for name, column in wanted), key=lambda p: p[0])
        if score >= LOOKALIKE_HEADER:
            found.append((index, column))
    return found


def has_columns_of(sheet: RawSheet, spec: Sheet) -> bool:
    """A row near the top of the sheet holds every required column of `spec` (a renamed sheet)."""
    found = _find_header(sheet, spec)
    return found is not None and {c.key for c in spec.required} <= {c.key for c in found[1].columns.values()}


_TOTALS = {fold(w) for w in TOTALS_WORDS}
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")


# A row with no name and no birth date and at most this many cells, none a date, is the note or
# signature block under a table (`Người lập biểu`, `T/M CHI ỦY | BÍ THƯ`), not a person.
FOOTER_CELLS = 2
# The rows of a signature block hold at most this many cells (three signers side by side), none a date.
SIGNATURE_CELLS = 3
_SIGNATURE_STARTS = tuple(fold(w) for w in SIGNATURE_WORDS)
_PLACE_AND_DATE = re.compile(r"\bngay\b.*\bthang\b.*\bnam\b")


def _opens_signature(row: list[object]) -> bool:
    """A cell starts like a signature block (`Người lập biểu`, `T/M CHI ỦY`, `..., ngày .. tháng .. năm ..`)."""
    for value in row:
        if value.__class__ is str:
            text = fold(value).lstrip("( ")
            if text.startswith(_SIGNATURE_STARTS) or _PLACE_AND_DATE.search(text):
                return True
    return False


def _name_only(row: list[object], name_index: int | None, columns: dict[int, Column]) -> bool:
    """The row holds a name and nothing else that is read (an STT number at most)."""
    if name_index is None or name_index >= len(row) or row[name_index] is None:
        return False
    return all(
        value is None or index == name_index or (index in columns and columns[index].kind is Kind.IGNORED)
        for index, value in enumerate(row)
    )


def _signature_start(rows: list[list[object]], first: int, birth: int) -> int | None:
    """The index of the row that opens the signature block at the bottom of a people's table: the
    trailing rows from it down are empty or hold at most SIGNATURE_CELLS cells, no date and nothing in
    the birth column but a signature's words, and it opens like a signature. None when the table ends
    otherwise (a person whose dates cannot be read is never taken for a signer)."""
    start = len(rows)
    while start > first:
        row = rows[start - 1]
        filled = sum(v is not None for v in row)
        if filled > SIGNATURE_CELLS or (filled and _has_dates(row, -1)):
            break
        born = row[birth] if birth < len(row) else None
        if born is not None and not _opens_signature([born]):
            break
        start -= 1
    return next((i for i in range(start, len(rows)) if _opens_signature(rows[i])), None)


_TOTALS_LONGEST = max(len(w) for w in TOTALS_WORDS) + 4  # room for a colon and spaces


def _totals_word(row: list[object]) -> int | None:
    """The index of a cell among the first four that says `Tổng cộng` / `Cộng`, if any."""
    for index, value in enumerate(row[:4]):
        if value.__class__ is str and len(value) <= _TOTALS_LONGEST:  # type: ignore[arg-type]
            if fold(value).rstrip(":").strip() in _TOTALS:
                return index
    return None


def _has_dates(row: list[object], but: int) -> bool:
    """A cell other than `but` holds a date (a person's birth, admission...): no totals line."""
    for index, value in enumerate(row):
        if index == but or value is None:
            continue
        if isinstance(value, date):
            return True
        if value.__class__ is str:
            try:
                if parse_date(value) is not None:
                    return True
            except CellError:
                continue
    return False


def _is_column_numbers(row: list[object]) -> bool:
    count = 0
    for value in row:
        if value is None:
            continue
        if value.__class__ is int:
            if not 0 <= value < 100:  # type: ignore[operator]
                return False
        elif not _COLUMN_NUMBER.match(clean_text(value)):
            return False
        count += 1
    return count >= 3


def _only_placeholder(cell_of: dict[str, object], spec: Sheet) -> bool:
    """A row of a blank workbook that holds only the cells written in advance (year, branch)."""
    filled = {key for key, value in cell_of.items() if value is not None and clean_text(value) != ""}
    return bool(filled) and filled <= set(spec.placeholder)


def _required_first(header: HeaderMatch) -> list[tuple[int, Column]]:
    """The required columns, those with few distinct values (choices, dates) first: their
    cells decide quickly that a row is no header."""
    required = [(i, c) for i, c in header.columns.items() if c.required]
    return sorted(required, key=lambda item: item[1].kind is Kind.TEXT)


def _is_repeated_header(
    row: list[object], required_first: list[tuple[int, Column]], spec: Sheet, names: dict[str, Column]
) -> bool:
    """The header row again in the middle of the table (a printed page's heading).

    Cheap first: only a row whose cells under the required columns are header words is
    matched in full, so that the matcher never runs on ordinary data rows.
    """
    for index, _column in required_first:
        value = row[index] if index < len(row) else None
        if not isinstance(value, str) or not any(k in names for k in header_keys(value)):
            return False
    required = {c.key for c in spec.required}
    return required <= {c.key for c in _match_header(row, spec).columns.values()}


def column_letter(number: int) -> str:
    """1 -> A, 27 -> AA: a column as Excel names it."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_EXAMPLES = {
    Kind.DATE: "ngày (ví dụ 05/01/2023)",
    Kind.COUNT: "số (ví dụ 2)",
    Kind.YEAR: "năm (ví dụ 2025)",
    Kind.PERIOD: "năm hoặc nhiệm kỳ (ví dụ 2025 hoặc 2020-2025)",
    Kind.YESNO: "Có hoặc Không",
    Kind.TEXT: "nội dung",
}
# Columns where a placeholder read as empty changes a figure or a date: said even when optional.
_NUMBER_KINDS = (Kind.DATE, Kind.COUNT, Kind.YEAR, Kind.PERIOD)


def what_mark_is(mark: str) -> str:
    """`#REF!` is Excel's error value; `N/A`, `-`, `#N/A` stand for an empty cell."""
    if mark.startswith("#") and mark.upper() not in ("#N/A", "#NA", "#N/A N/A"):
        return "giá trị lỗi của Excel (thường do công thức tham chiếu sai)"
    return "ký hiệu thay cho ô trống"


def expected(spec: Column | Field) -> str:
    """What a cell of this column should hold, for a message: `ngày (ví dụ 05/01/2023)`."""
    choices = getattr(spec, "choices", ())
    if spec.kind is Kind.CHOICE and choices:
        return "một trong: " + ", ".join(choices)
    if spec.kind is Kind.TEXT:  # the column's own name: "họ và tên", "chi bộ"
        name = getattr(spec, "header", None) or getattr(spec, "label", "")
        return name[:1].lower() + name[1:] if name else "nội dung"
    return _EXAMPLES.get(spec.kind, "nội dung")


class _Parsed:
    """One column's parser with a memory: each distinct raw value is parsed once."""

    def __init__(self, column: Column, latest_year: int) -> None:
        self.column = column
        self.latest_year = latest_year
        self.max_length = schema_max_length(column.key)
        self.memory: dict[tuple[type, object], object] = {}

    def __call__(self, raw: object) -> object:
        """The value, or the `CellError` that says why there is none (returned, not raised:
        the same remembered error serves every cell that holds the same text)."""
        key = (raw.__class__, raw)
        try:
            return self.memory[key]
        except KeyError:
            result = self.memory[key] = self._parse(raw)
            return result
        except TypeError:  # an unhashable value: never remembered
            return self._parse(raw)

    def _parse(self, raw: object) -> object:
        try:
            value = parse_cell(self.column, raw)
            if isinstance(value, date):
                check_date_bounds(value, self.latest_year)
            if isinstance(value, str) and len(value) > self.max_length:
                raise CellError(
                    f"dài {len(value)} ký tự, quá {self.max_length} ký tự cho phép của cột này; "
                    "có thể đã dán nhầm cả đoạn văn hay nhiều ô vào một ô",
                    raw,
                )
        except CellError as exc:
            return exc
        return value


def read_table(sheet: RawSheet, spec: Sheet, file: str, findings: Findings, today: date | None = None) -> Table | None:
    """Read a table sheet; every problem becomes a finding. None if no header row.

    A sheet with nothing in it at all is an empty table (a branch that admitted nobody),
    noted. Headers are matched once; each column's distinct values are parsed once.
    """
    today = today or date.today()
    at = SheetFindings(findings, file, sheet.name)
    if not any(v is not None for row in sheet.rows for v in row):
        at.info(None, "sheet trống (chưa có dòng nào); coi như chưa có ai", rule="empty-sheet")
        keys = ["_row", *(c.key for c in spec.columns if c.kind is not Kind.IGNORED)]
        return Table(file, sheet.name, 0, {}, {}, pd.DataFrame(columns=keys), RowCounts(), set())
    located = _find_header(sheet, spec)
    if located is None:
        wanted = ", ".join(c.header for c in spec.required)
        at.error(None, f"không tìm thấy dòng tiêu đề của bảng; cần một dòng có các cột: {wanted}", rule="no-header")
        return None
    header_index, match = located
    columns = match.columns
    header_row = sheet.rows[header_index]
    headers = {c.key: clean_text(header_row[i]) for i, c in columns.items()}
    positions = {c.key: i + 1 for i, c in columns.items()}
    missing = [c for c in spec.required if c.key not in headers]
    for column in missing:
        at.error(
            header_index + 1,
            f"thiếu cột bắt buộc «{column.header}»"
            + (f" (hoặc: {', '.join(column.aliases)})" if column.aliases else ""),
            column=column.header,
            rule="missing-column",
        )
    for index, column in match.duplicates.items():
        used = positions[column.key]
        at.warning(
            header_index + 1,
            f"cột này cũng là cột «{column.header}», đã có ở cột {column_letter(used)} («{headers[column.key]}»); "
            f"dùng cột {column_letter(used)}, cột này chỉ để đối chiếu: dòng nào hai cột ghi khác nhau là lỗi. "
            "Nên xóa một trong hai cột",
            column=clean_text(header_row[index]),
            value=clean_text(header_row[index]),
            rule="duplicate-column",
            cell_column=index + 1,
        )
    for index, column in _unread_lookalikes(sheet, header_index, match, spec):
        header = clean_text(header_row[index])
        at.warning(
            header_index + 1,
            f"không nhận ra tiêu đề cột này (cột {column_letter(index + 1)}) nên các ô trong cột không được đọc;"
            f" có phải cột «{column.header}»? Nếu phải, hãy đổi tiêu đề thành «{column.header}» để cột được đọc và"
            " kiểm tra",
            column=header,
            value=header,
            rule="unread-column",
            cell_column=index + 1,
        )
    latest_event = today.year + EVENT_YEARS_AHEAD
    parsers = {
        c.key: _Parsed(c, today.year if c.key == "birth" else latest_event)
        for c in spec.columns
        if c.key in headers and c.kind is not Kind.IGNORED
    }
    twins = [(index, column, parsers[column.key]) for index, column in match.duplicates.items()]
    counts = RowCounts()
    rejected_names: set[str] = set()
    records: list[dict[str, object]] = []
    present = [(i, c, parsers[c.key]) for i, c in columns.items() if c.key in parsers]
    required_present = [i for i, c in columns.items() if c.required and c.kind is not Kind.IGNORED]
    defaults = {c.key: c.default for c in spec.columns if c.key not in headers and c.kind is not Kind.IGNORED}
    names = _header_names(spec)
    required_first = _required_first(match)
    name_index = next((i for i, c in columns.items() if c.key == "name"), None)
    identity_index = (
        name_index if name_index is not None else next((i for i, c in columns.items() if c.key == "branch"), None)
    )  # what names a rejected row: the person, else the branch (`Chỉ tiêu`)
    birth_index = next((i for i, c in columns.items() if c.key == "birth"), None)
    marks = sheet.placeholders
    marked_rows = {r for r, _ in marks}
    hidden_rows = set(sheet.hidden_rows)
    hidden_used: list[int] = []
    people = name_index is not None and birth_index is not None
    signature = (
        _signature_start(sheet.rows, header_index + 1, birth_index) if people and birth_index is not None else None
    )
    signed: list[str] = []  # the texts of the signature block
    for index in range(header_index + 1, len(sheet.rows)):
        row = sheet.rows[index]
        excel_row = index + 1
        counts.read += 1
        if signature is not None and index >= signature:
            counts.ignored += 1
            signed += [show(v) for v in row if v is not None]
            continue
        if all(v is None for v in row):
            counts.ignored += 1
            if index in marked_rows:  # `#N/A` dragged down a column: not silently dropped
                found = sorted({t for (r, _c), t in marks.items() if r == index})
                at.warning(
                    excel_row,
                    "dòng chỉ có " + ", ".join(f"«{t}»" for t in found) + " (ký hiệu thay cho ô trống), không có"
                    " số liệu nên không được tính; nếu là một người hay một chỉ tiêu, hãy điền đủ các cột bắt buộc,"
                    " nếu không hãy xóa dòng",
                    value=", ".join(found),
                    rule="placeholder-row",
                )
            continue
        totals_word = _totals_word(row)
        if totals_word is not None and _has_dates(row, totals_word):
            at.warning(
                excel_row,
                f"ô ghi «{show(row[totals_word])}» như dòng tổng cộng nhưng dòng có ngày tháng (số liệu của một "
                "người) nên được đọc và tính như một dòng bình thường; nếu là dòng tổng cộng, hãy xóa các ngày "
                "ở dòng này, nếu là một người, hãy kiểm tra lại ô này",
                column=clean_text(header_row[totals_word]) if totals_word < len(header_row) else "",
                value=show(row[totals_word]),
                rule="totals-word-on-person",
                cell_column=totals_word + 1,
            )
        elif totals_word is not None:
            counts.ignored += 1
            at.info(
                excel_row,
                "dòng tổng cộng, không tính vào số liệu",
                rule="totals-row",
            )
            continue
        if _is_repeated_header(row, required_first, spec, names):
            counts.ignored += 1
            at.info(
                excel_row,
                "dòng tiêu đề lặp lại giữa bảng, bỏ qua",
                rule="repeated-header",
            )
            continue
        if _is_column_numbers(row):
            counts.ignored += 1
            at.info(
                excel_row,
                "dòng đánh số thứ tự cột, bỏ qua",
                rule="column-numbers",
            )
            continue
        width = len(row)
        if missing:
            counts.rejected += 1
            if identity_index is not None and identity_index < width and row[identity_index] is not None:
                rejected_names.add(person_key(row[identity_index]))
            continue
        if spec.placeholder:
            cell_of = {c.key: (row[i] if i < width else None) for i, c in columns.items()}
            if _only_placeholder(cell_of, spec):
                counts.ignored += 1
                filled = ", ".join(f"«{headers[k]}»" for k in spec.placeholder if cell_of.get(k) is not None)
                first = next(c for c in spec.required if c.key not in spec.placeholder and c.key in headers)
                at.warning(
                    excel_row,
                    f"dòng mới ghi {filled}, chưa có số liệu nên không được tính; hãy điền «{first.header}» "
                    "hoặc xóa dòng",
                    column=headers[first.key],
                    rule="unfilled-row",
                    cell_column=positions[first.key],
                )
                continue
        if all((row[i] if i < width else None) is None for i in required_present) and not (
            index in marked_rows and any((index, i) in marks for i in required_present)
        ):
            counts.ignored += 1
            content = "; ".join(show(v) for v in row if v is not None)
            at.warning(
                excel_row,
                "dòng không có nội dung ở các cột bắt buộc nên không được tính; "
                "nếu đây là một người hay một chỉ tiêu, hãy điền đủ các cột bắt buộc",
                value=content[:120],
                rule="row-without-required",
            )
            continue
        if (
            name_index is not None
            and birth_index is not None
            and (row[name_index] if name_index < width else None) is None
            and (row[birth_index] if birth_index < width else None) is None
            and sum(v is not None for v in row) <= FOOTER_CELLS
            and not _has_dates(row, -1)
        ):  # `Người lập biểu`, a signer's name, a note: text under the table in any column
            counts.ignored += 1
            content = "; ".join(show(v) for v in row if v is not None)
            at.warning(
                excel_row,
                f"dòng không có «{headers['name']}» và «{headers['birth']}», chỉ có chữ («{content[:80]}») nên được"
                " coi là phần ghi chú, ký tên dưới bảng và không được tính; nếu đây là một người, hãy điền họ tên"
                " và ngày sinh; nếu là ghi chú hay phần ký tên thì không cần sửa",
                value=content[:120],
                rule="footer-row",
            )
            continue
        if people and _name_only(row, name_index, columns):  # a person not filled in yet, or a signer's name
            counts.rejected += 1
            name = show(row[name_index])  # type: ignore[index]
            rejected_names.add(person_key(row[name_index]))  # type: ignore[index]
            wanted = ", ".join(f"«{headers[c.key]}»" for c in spec.required if c.key in headers and c.key != "name")
            at.error(
                excel_row,
                f"dòng chỉ ghi họ tên, chưa có {wanted} (cột bắt buộc) nên không được tính. Nếu đây là một người,"
                " hãy điền đủ các cột đó; nếu là tên người ký dưới bảng, hãy ghi chức danh («Người lập biểu»,"
                " «T/M CHI ỦY», «BÍ THƯ») ở dòng phía trên tên để chương trình nhận ra phần ký tên",
                column=headers["name"],
                value=name,
                rule="name-only-row",
                cell_column=name_index + 1,  # type: ignore[operator]
            )
            continue
        record: dict[str, object] = {"_row": excel_row}
        ok = True
        for i, column, parse in present:
            raw = row[i] if i < width else None
            mark = (
                marks.get((index, i))
                if raw is None
                else placeholder_text(raw)
                if raw.__class__ is str and column.kind is not Kind.YESNO
                else None
            )
            if mark is not None:
                if column.required:
                    ok = False
                    at.error(
                        excel_row,
                        f"ô bắt buộc đang ghi «{mark}»: đây là {what_mark_is(mark)}, không phải"
                        f" {expected(column)}, nên coi như chưa ghi. Hãy ghi {expected(column)}",
                        column=headers[column.key],
                        value=mark,
                        rule="placeholder-in-required",
                        cell_column=i + 1,
                    )
                    continue
                if column.kind in _NUMBER_KINDS:
                    at.warning(
                        excel_row,
                        f"ô ghi «{mark}» ({what_mark_is(mark)}) được đọc là ô trống: không có"
                        f" {expected(column)}. Nếu chưa có thì để trống ô; nếu có thì ghi {expected(column)}",
                        column=headers[column.key],
                        value=mark,
                        rule="placeholder-read-as-empty",
                        cell_column=i + 1,
                    )
                raw = None
            value = parse(raw)
            if value.__class__ is CellError:
                exc = value
                ok = False
                at.error(
                    excel_row,
                    exc.message,
                    column=headers[column.key],
                    value=show(raw),
                    rule=f"bad-{column.kind.value}",
                    cell_column=i + 1,
                )
                continue
            if value.__class__ is CellNote:
                at.warning(
                    excel_row,
                    value.message,  # type: ignore[attr-defined]
                    column=headers[column.key],
                    value=show(raw),
                    rule=value.rule or f"unknown-{column.vocabulary}",  # type: ignore[attr-defined]
                    cell_column=i + 1,
                )
                value = value.value  # type: ignore[attr-defined]
            record[column.key] = value
        for i, column, parse in twins:
            raw = row[i] if i < width else None
            if raw is None or column.key not in record:
                continue
            other = parse(raw)
            if other.__class__ is CellError:
                # not readable as this column at all (a decision number under a second `Ngày kết nạp`):
                # the two columns differ, as the header's warning says; the header may be a mistake
                ok = False
                used_index = positions[column.key] - 1
                used_value = show(row[used_index] if used_index < width else None)
                at.error(
                    excel_row,
                    f"cột này cũng mang tiêu đề «{column.header}» nhưng ô này không đọc được như vậy"
                    f" ({other.message}), khác với cột «{headers[column.key]}» ({used_value})."  # type: ignore[attr-defined]
                    " Nếu tiêu đề cột này ghi nhầm, hãy sửa tiêu đề cho đúng nội dung cột",
                    column=clean_text(header_row[i]),
                    value=show(raw),
                    rule="conflicting-columns",
                    cell_column=i + 1,
                )
                continue
            used = positions[column.key] - 1
            used_raw = row[used] if used < width else None
            if used_raw is None:
                record[column.key] = other  # the column read is empty: its twin fills it
            elif other != record[column.key]:
                ok = False
                at.error(
                    excel_row,
                    f"khác với cột «{headers[column.key]}» ({show(used_raw)}) trong cùng dòng; hai cột cùng là "
                    f"«{column.header}», không biết giá trị nào đúng. Hãy sửa cho khớp hoặc xóa một cột",
                    column=clean_text(header_row[i]),
                    value=show(raw),
                    rule="conflicting-columns",
                    cell_column=i + 1,
                )
        for i, column, _parse in present:
            if ok and column.required and record.get(column.key) is None:
                ok = False
                at.error(
                    excel_row,
                    f"thiếu «{column.header}» (cột bắt buộc)",
                    column=headers[column.key],
                    rule="missing-value",
                    cell_column=i + 1,
                )
        record.update(defaults)
        if ok:
            counts.used += 1
            records.append(record)
            if hidden_rows and excel_row in hidden_rows:
                hidden_used.append(excel_row)
        else:
            counts.rejected += 1
            if identity_index is not None and identity_index < width and row[identity_index] is not None:
                rejected_names.add(person_key(row[identity_index]))
    if signature is not None:
        at.info(
            signature + 1,
            f"từ dòng {signature + 1} đến dòng {len(sheet.rows)} là phần ký tên dưới bảng (người lập biểu, người"
            " ký), không phải người trong danh sách nên không được tính",
            value="; ".join(signed)[:120],
            rule="signature-block",
        )
    if hidden_used:
        shown = ", ".join(str(r) for r in hidden_used[:20]) + (" ..." if len(hidden_used) > 20 else "")
        at.warning(
            hidden_used[0],
            f"{len(hidden_used):02d} dòng đang bị ẩn trong Excel (dòng {shown}) nhưng có số liệu nên vẫn được đọc "
            "và tính; nếu là người đã chuyển đi hay không còn tính, hãy ghi đúng tình trạng hoặc xóa dòng thay vì ẩn",
            value=shown,
            rule="hidden-rows",
        )
    keys = ["_row", *(c.key for c in spec.columns if c.kind is not Kind.IGNORED)]
    frame = pd.DataFrame.from_records(records, columns=keys) if records else pd.DataFrame(columns=keys)
    return Table(file, sheet.name, header_index + 1, headers, positions, frame, counts, rejected_names)
