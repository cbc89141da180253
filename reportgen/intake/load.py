"""The whole inbox read into typed tables: the ward's settings and quotas, and every
branch's candidates and admissions. Problems become findings; nothing is raised."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path, PurePath
from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from ..findings import Findings, printable
from ..progress import SILENT, Progress
from ..rules import EARLIEST_YEAR, EVENT_YEARS_AHEAD, TERM_START_WHOLE_YEAR_DAYS, term_statistics_start
from ..schema import Kind
from .discover import discover
from .normalize import CellError, branch_key, clean_text, fold_header, parse_choice, parse_date, person_key, show
from .office import tidy_office_sheets
from .read import (
    RawWorkbook,
    RowCounts,
    Table,
    UnreadableWorkbook,
    column_letter,
    has_columns_of,
    missing_field_sheet,
    open_workbook,
    read_fields,
    read_table,
    renamed_field_sheet,
)
from .ward import WardInfo


@dataclass(frozen=True)
class Branch:
    name: str
    kind: str
    secretary: str
    file: str
    sheet: str = schema.BRANCH_INFO_SHEET  # the `Thông tin` sheet as named in the workbook
    row: int | None = None  # Excel row of `Tên chi bộ`
    former_names: tuple[str, ...] = ()  # `Tên cũ`: names its `Chỉ tiêu` rows of earlier years may carry
    former_row: int | None = None  # Excel row of `Tên cũ`

    def name_cell(self) -> dict[str, object]:
        """Where a finding about the branch's name points: its `Tên chi bộ` value cell."""
        return {
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": "Tên chi bộ",
            "value": self.name,
            "cell_column": 2,
        }


@dataclass(frozen=True)
class SheetTally:
    file: str
    sheet: str
    counts: RowCounts


@dataclass
class Inbox:
    folder: Path
    ward: WardInfo | None
    ward_file: str
    quotas: pd.DataFrame  # year, branch, admission_quota, source_quota, members_start, _file, _sheet, _row
    organisation_quotas: pd.DataFrame  # year, organisation, introduction_quota, _file, _sheet, _row
    branches: list[Branch]
    candidates: pd.DataFrame  # branch + Nguồn columns + _file, _sheet, _row
    admissions: pd.DataFrame  # branch + Kết nạp columns + _file, _sheet, _row
    tallies: list[SheetTally] = field(default_factory=list)
    files_read: list[str] = field(default_factory=list)
    headers: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    positions: dict[tuple[str, str], dict[str, int]] = field(default_factory=dict)
    rejected_admissions: set[str] = field(default_factory=set)  # folded names of unreadable `Kết nạp` rows
    rejected_quotas: set[str] = field(default_factory=set)  # branches named by unreadable `Chỉ tiêu` rows
    unread_files: list[str] = field(default_factory=list)  # workbooks that could not be read (or named no branch)
    texts: pd.DataFrame = field(default_factory=lambda: _empty(schema.TEXT_SHEET))  # `Văn bản` rows
    assessments: pd.DataFrame = field(default_factory=lambda: _empty(schema.ASSESSMENT_SHEET))  # `Nhận định`
    paths: dict[str, Path] = field(default_factory=dict)  # file as named in findings -> the file itself

    def path_of(self, file: str) -> Path:
        """The file behind a name used in findings (names that are not UTF-8 are shown escaped)."""
        return self.paths.get(file, self.folder / file)

    def header(self, file: str, sheet: str, key: str, default: str) -> str:
        """The header of a column as written in that sheet."""
        return self.headers.get((file, sheet), {}).get(key, default)

    def position(self, file: str, sheet: str, key: str) -> int | None:
        """The 1-based column number of a column in that sheet."""
        return self.positions.get((file, sheet), {}).get(key)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a table as plain dicts, column by column (much faster than iterrows
    or to_dict on text columns)."""
    columns = list(frame.columns)
    return [dict(zip(columns, values)) for values in zip(*(frame[c].tolist() for c in columns))]


def _empty(spec: schema.Sheet, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    keys = [*extra, *(c.key for c in spec.columns if c.kind is not Kind.IGNORED), "_file", "_sheet", "_row"]
    return pd.DataFrame(columns=keys)


def _stack(tables: list[_Tagged], spec: schema.Sheet, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """The tables of one kind, one under the other, each row with its file, sheet (and branch).

    The frames are joined first and the columns naming where each row comes from are added
    once to the whole (not once per workbook: 10,000 copies of a frame)."""
    template = _empty(spec, extra)
    kept = [t for t in tables if not t.frame.empty]
    if not kept:
        return template
    stacked = pd.concat([t.frame for t in kept], ignore_index=True)
    lengths = [len(t.frame) for t in kept]
    for key in ("_file", "_sheet", *extra):
        stacked[key] = np.repeat(np.array([t.tags[key] for t in kept], dtype=object), lengths)
    return stacked[list(template.columns)]


@dataclass(frozen=True)
class _Tagged:
    """A table's rows and where they come from (`_file`, `_sheet`, and `branch` for a branch's tables)."""

    frame: pd.DataFrame
    tags: dict[str, object]


def _where(table: Table, **columns: object) -> _Tagged:
    return _Tagged(table.frame, {"_file": table.file, "_sheet": table.sheet, **columns})


def _tagged(table: Table, **columns: object) -> pd.DataFrame:
    """One table's rows with the columns naming where they come from (a single table: the province's)."""
    frame = table.frame.copy()
    frame["_file"] = table.file
    frame["_sheet"] = table.sheet
    for key, value in columns.items():
        frame[key] = value
    return frame


@dataclass(frozen=True)
class _FieldErrors:
    """The errors of a field/value sheet (`Đơn vị`, `Thông tin`), each at the row of its field."""

    findings: Findings
    file: str
    sheet: str
    rows: dict[str, int]  # field key -> Excel row
    marks: dict[str, str]  # field key -> the placeholder (`N/A`, `-`) its value cell holds

    def __call__(self, key: str, column: str, message: str, value: str, rule: str) -> None:
        self.findings.error(
            message, file=self.file, sheet=self.sheet, row=self.rows.get(key), column=column, value=value, rule=rule
        )

    def warning(self, key: str, column: str, message: str, value: str, rule: str) -> None:
        self.findings.warning(
            message, file=self.file, sheet=self.sheet, row=self.rows.get(key), column=column, value=value, rule=rule
        )

    def missing(self, key: str, column: str, message: str) -> None:
        """A required field without a value: the placeholder the cell holds, if any, is named."""
        mark = self.marks.get(key)
        self(key, column, message + _placeholder_said(mark), mark or "", "missing-field")


def _field_sheet(
    book: RawWorkbook, file: str, findings: Findings, name: str, fields: tuple[schema.Field, ...], missing: str
) -> tuple[dict[str, object], _FieldErrors] | None:
    """A field/value sheet's values and where its errors go; None, and one error (`missing`, then the
    sheets found and the one to rename), when the workbook has no such sheet."""
    sheet = book.find(name)
    if sheet is None:
        said, renamed = missing_field_sheet(book, name, fields)
        findings.error(f"{missing}; {said}", file=file, sheet=renamed, rule="missing-sheet")
        return None
    marks: dict[str, str] = {}
    values, rows = read_fields(sheet, fields, file, findings, marks)
    return values, _FieldErrors(findings, file, sheet.name, rows, marks)


_TERM = re.compile(r"(?<!\d)(\d{4})\s*[-–—/]\s*(\d{4})(?!\d)")


def _ward_info(book: RawWorkbook, file: str, findings: Findings, today: date | None = None) -> WardInfo | None:
    today = today or date.today()
    found = _field_sheet(
        book,
        file,
        findings,
        schema.WARD_INFO_SHEET,
        schema.WARD_FIELDS,
        f"sổ của Đảng ủy thiếu sheet «{schema.WARD_INFO_SHEET}» (thông tin đơn vị, nhiệm kỳ, người ký)",
    )
    if found is None:
        return None
    values, error = found
    out: dict[str, object] = {}
    ok = True
    for spec in schema.WARD_FIELDS:
        raw = values.get(spec.key)
        text = clean_text(raw)
        if spec.required and not text:
            error.missing(
                spec.key,
                spec.label,
                f"thiếu trường bắt buộc «{spec.label}» (ghi tên trường ở cột đầu, giá trị ở cột bên cạnh)",
            )
            ok = False
            continue
        if spec.kind is Kind.DATE:
            try:
                out[spec.key] = parse_date(raw)
            except CellError as exc:
                error(spec.key, spec.label, exc.message, show(raw), "bad-date")
                ok = False
            continue
        out[spec.key] = text or spec.default
    term_text = str(out.get("term") or "")
    match = _TERM.search(term_text)
    first = last = 0
    wrong_term = ""
    if term_text and not match:
        wrong_term = "nhiệm kỳ cần ghi dạng «năm đầu-năm cuối», ví dụ 2020-2025"
    elif match:
        first, last = int(match.group(1)), int(match.group(2))
        if not 1 <= last - first <= 10:
            wrong_term = "nhiệm kỳ cần năm cuối lớn hơn năm đầu (thường 5 năm), ví dụ 2020-2025"
    latest = today.year + EVENT_YEARS_AHEAD
    if match and ok and not wrong_term and not EARLIEST_YEAR <= first <= latest:
        wrong_term = f"nhiệm kỳ cần bắt đầu trong khoảng năm {EARLIEST_YEAR}-{latest}, ví dụ 2020-2025"
    if wrong_term:
        error("term", "Nhiệm kỳ", wrong_term, term_text, "bad-term")
        ok = False
    given_start = out.get("term_start")
    if ok and isinstance(given_start, date) and not first <= given_start.year <= first + 1:
        error(
            "term_start",
            "Ngày bắt đầu nhiệm kỳ",
            f"ngày bắt đầu nhiệm kỳ {first}-{last} cần nằm trong năm {first} hoặc {first + 1} (ngày Đại hội, "
            "hoặc để trống: tính từ 01/01 năm sau); ngày ngoài nhiệm kỳ làm lệch cả phần tổng kết nhiệm kỳ",
            show(given_start),
            "term-start-outside-term",
        )
        ok = False
    if not ok:
        return None
    start = out.get("term_start") or date(first + 1, 1, 1)
    assert isinstance(start, date)
    if term_statistics_start(start) != start and first <= term_statistics_start(start).year <= first + 1:
        whole = term_statistics_start(start)
        findings.info(
            f"ngày bắt đầu nhiệm kỳ {start:%d/%m/%Y} cách ngày {whole:%d/%m/%Y} không quá"
            f" {TERM_START_WHOLE_YEAR_DAYS} ngày: số liệu nhiệm kỳ tính theo {last - first} năm trọn, từ"
            f" {whole:%d/%m/%Y} đến 31/12/{whole.year + last - first - 1} (không tách vài ngày đầu, cuối nhiệm kỳ"
            " thành năm lẻ)",
            file=file,
            sheet=error.sheet,
            row=error.rows.get("term_start"),
            column="Ngày bắt đầu nhiệm kỳ",
            value=show(start),
            rule="term-start-whole-years",
        )
        start = whole
    years = last - first
    try:
        end = date(start.year + years, start.month, start.day)
    except ValueError:  # 29 February
        end = date(start.year + years, start.month, start.day - 1)
    end = date.fromordinal(end.toordinal() - 1)
    recipients = tuple(
        r.strip(" -–•,.;") for r in re.split(r"[;\n]", str(out.get("recipients") or "")) if r.strip(" -–•,.;")
    )
    return WardInfo(
        superior=str(out["superior"]),
        committee=str(out["committee"]),
        place=str(out["place"]),
        code=str(out.get("code") or "ĐU"),
        term_label=f"{first}-{last}",
        term_first_year=first,
        term_last_year=last,
        term_start=start,
        term_end=end,
        signer_authority=str(out.get("signer_authority") or "T/M ĐẢNG ỦY"),
        signer_position=str(out.get("signer_position") or "BÍ THƯ"),
        signer_name=str(out.get("signer_name") or ""),
        recipients=recipients,
        congress=_congress_said(str(out.get("congress") or ""), error),
    )


def _placeholder_said(mark: str | None) -> str:
    """`; ô đang ghi «N/A», ký hiệu thay cho ô trống...` when a required field holds a placeholder."""
    if mark is None:
        return ""
    return f"; ô đang ghi «{mark}», là ký hiệu thay cho ô trống chứ không phải giá trị, nên coi như chưa ghi"


# A congress number as the documents write it: I to XXXIX.
_ROMAN = re.compile(r"^X{0,3}(?:IX|IV|V?I{0,3})$")
_CONGRESS_LEAD = re.compile(r"^(?:đại hội\s*)?(?:đảng bộ\s*)?(?:lần\s*thứ\s*)?", re.IGNORECASE)


def _congress(text: str) -> str:
    """ "XVII", "lần thứ XVII", "17", "XVII (2020-2025)", "17th" -> "XVII" (Roman numerals as the documents
    write them); "" when the text holds no congress number from 1 to 39."""
    text = _CONGRESS_LEAD.sub("", text.strip()).strip(" .")
    digits = re.match(r"(\d+)(?:\.0+)?(?![\d.,/])", text)
    if digits:
        number, roman = int(digits.group(1)), ""
        if not 0 < number < 40:
            return ""
        for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
            while number >= value:
                roman, number = roman + letters, number - value
        return roman
    word = re.match(r"[A-Za-z]+", text)
    if word is None or not _ROMAN.match(word.group(0).upper()) or not word.group(0):
        return ""
    rest = text[word.end() :]
    return word.group(0).upper() if not rest or not rest[0].isalpha() else ""


def _congress_said(text: str, error: _FieldErrors) -> str:
    """The congress number, and a warning naming the value when one is written that cannot be read
    (the documents then say "Đại hội Đảng bộ ... nhiệm kỳ ..." without "lần thứ")."""
    congress = _congress(text)
    if text.strip() and not congress:
        error.warning(
            "congress",
            "Đại hội lần thứ",
            "không đọc được số thứ tự đại hội: cần số La Mã (ví dụ XVII) hoặc số (17), từ 1 đến 39; các văn bản"
            " sẽ không ghi «lần thứ ...» của đại hội",
            text.strip(),
            "bad-congress",
        )
    return congress


def _branch_info(book: RawWorkbook, file: str, findings: Findings) -> Branch | None:
    found = _field_sheet(
        book,
        file,
        findings,
        schema.BRANCH_INFO_SHEET,
        schema.BRANCH_FIELDS,
        f"sổ của chi bộ thiếu sheet «{schema.BRANCH_INFO_SHEET}» (Tên chi bộ, Loại hình); "
        "không biết các dòng trong sổ thuộc chi bộ nào nên không tính",
    )
    if found is None:
        return None
    values, error = found
    name = clean_text(values.get("name"))
    if not name:
        error.missing("name", "Tên chi bộ", "thiếu «Tên chi bộ» (ghi «Tên chi bộ» ở cột đầu, tên ở cột bên cạnh)")
        return None
    name = name[0].upper() + name[1:]  # `chi bộ Công an` opens sentences in the documents
    raw_kind = values.get("kind")
    kind = "Khác"  # after an error the branch is still known, so its quota rows are not reported as orphans
    try:
        parsed = parse_choice(raw_kind, schema.BRANCH_KINDS, schema.BRANCH_KIND_ALIASES)
    except CellError as exc:
        error("kind", "Loại hình", exc.message, show(raw_kind), "bad-choice")
        parsed = kind
    if parsed is None:
        error.missing(
            "kind", "Loại hình", f"thiếu «Loại hình» của chi bộ; cần một trong: {', '.join(schema.BRANCH_KINDS)}"
        )
        parsed = kind
    return Branch(
        name=name,
        kind=parsed,
        secretary=clean_text(values.get("secretary")),
        file=file,
        sheet=error.sheet,
        row=error.rows.get("name"),
        former_names=tuple(
            n for n in (clean_text(part) for part in clean_text(values.get("former_names")).split(";")) if n
        ),
        former_row=error.rows.get("former_names"),
    )


def branch_spelling(name: object) -> str:
    """How a branch name is written, up to case and spaces (a leading `Chi bộ` counts)."""
    return " ".join(clean_text(name).casefold().split())


def apply_former_names(inbox: Inbox, findings: Findings) -> None:
    """A branch renamed during the term names its former name(s) in `Tên cũ`: the `Chỉ tiêu` rows
    under a former name are that branch's quotas (their rows keep their place for the messages),
    said once per branch as a note. A former name that is still another workbook's name is an error."""
    current = {branch_key(b.name): b for b in inbox.branches}
    former: dict[str, Branch] = {}
    for b in inbox.branches:
        for old in b.former_names:
            key = branch_key(old)
            if key in current or key == branch_key(schema.WARD_TOTAL):
                other = current.get(key)
                findings.error(
                    f"«Tên cũ» «{old}» là tên hiện nay của "
                    + (f"chi bộ trong sổ «{other.file}»" if other else f"dòng «{schema.WARD_TOTAL}»")
                    + "; chỉ ghi tên mà chi bộ này mang trước khi đổi tên (các dòng chỉ tiêu cũ ghi tên đó)",
                    file=b.file,
                    sheet=b.sheet,
                    row=b.former_row,
                    column="Tên cũ",
                    value=old,
                    rule="former-name-in-use",
                )
            elif key != branch_key(b.name):
                former[key] = b
    if not former or inbox.quotas.empty:
        return
    moved: dict[str, list[tuple[int, int, str]]] = {}
    for index, row in inbox.quotas.iterrows():
        renamed = former.get(branch_key(row["branch"]))
        if renamed is not None:
            moved.setdefault(renamed.name, []).append((int(row["year"]), int(row["_row"]), clean_text(row["branch"])))
            inbox.quotas.at[index, "branch"] = renamed.name
    for b in inbox.branches:
        if b.name in moved:
            rows = sorted(moved[b.name], key=lambda m: m[1])
            names = ", ".join(dict.fromkeys(f"«{name}»" for _, _, name in rows))
            findings.info(
                f"sheet «{schema.QUOTA_SHEET.name}» của sổ «{inbox.ward_file}», dòng "
                + ", ".join(str(r) for _, r, _ in rows)
                + f" (năm {', '.join(str(y) for y in sorted({y for y, _, _ in rows}))}) ghi tên cũ {names}: tính là"
                f" chỉ tiêu của chi bộ «{b.name}»",
                file=b.file,
                sheet=b.sheet,
                row=b.former_row,
                column="Tên cũ",
                value="; ".join(b.former_names),
                rule="former-name-quotas",
            )


def reconcile_branch_names(inbox: Inbox, findings: Findings) -> None:
    """A branch named in `Chỉ tiêu` and in its workbook alike only once accents are removed or
    `TDP`/`Chi bộ` expanded is the same branch: a warning on the workbook's `Tên chi bộ` cell, and
    the documents use the ward's spelling (the latest year's row)."""
    ward_spelling: dict[str, tuple[int, str]] = {}
    total = branch_key(schema.WARD_TOTAL)
    for year, name in zip(inbox.quotas["year"], inbox.quotas["branch"], strict=True):
        key = branch_key(name)
        if key != total and (key not in ward_spelling or int(year) >= ward_spelling[key][0]):
            ward_spelling[key] = (int(year), clean_text(name))
    renamed: dict[str, str] = {}
    for index, branch in enumerate(inbox.branches):
        found = ward_spelling.get(branch_key(branch.name))
        if found is None or branch_spelling(found[1]) == branch_spelling(branch.name):
            continue
        ward_name = found[1][0].upper() + found[1][1:]
        findings.warning(
            f"tên chi bộ ghi khác với sheet «{schema.QUOTA_SHEET.name}» của sổ Đảng ủy («{ward_name}», tệp "
            f"«{inbox.ward_file}»): chỉ giống nhau khi bỏ dấu hoặc viết đầy đủ «TDP», «Chi bộ». Các văn bản dùng "
            f"tên «{ward_name}»; hãy sửa hai nơi cho giống nhau",
            rule="branch-name-spelling",
            **branch.name_cell(),
        )
        renamed[branch.name] = ward_name
        inbox.branches[index] = replace(branch, name=ward_name)
    for frame in (inbox.candidates, inbox.admissions):
        if renamed and not frame.empty:
            frame["branch"] = frame["branch"].replace(renamed)


# The sheets each kind of workbook is read from (the rest are listed as not read).
_WARD_SHEETS = (schema.QUOTA_SHEET, schema.ORG_QUOTA_SHEET, schema.TEXT_SHEET, schema.ASSESSMENT_SHEET)
_BRANCH_TABLES = (schema.CANDIDATE_SHEET, schema.ADMISSION_SHEET)


# The ward's optional sheets and what the documents lose when one is kept under another name.
_OPTIONAL_WARD_SHEETS = (
    (schema.ORG_QUOTA_SHEET, "chỉ tiêu giới thiệu của Mặt trận và các đoàn thể không có trong báo cáo, kế hoạch"),
    (schema.TEXT_SHEET, "các văn bản của Đảng ủy không được trích trong báo cáo, kế hoạch"),
    (schema.ASSESSMENT_SHEET, "các đoạn nhận định của Đảng ủy không được đưa vào văn bản nào"),
)


def _unrecognised_sheets(book: RawWorkbook, file: str, findings: Findings, *, is_ward: bool, is_branch: bool) -> bool:
    """List every sheet no rule reads (a note), and make it an error when a branch workbook lacks
    `Nguồn` or `Kết nạp` while such a sheet has that sheet's required columns: a renamed sheet
    (`Kết nạp 2025`, `KN`) would otherwise drop the whole table. Such a sheet is not read under
    its other name (it may be last year's copy): the clerk renames it. True when an error was made."""
    known: set[str] = set()
    for spec in (*_WARD_SHEETS, *_BRANCH_TABLES):
        known |= {s.name for s in book.find_all(spec.name, spec.aliases)}
    for name in (schema.WARD_INFO_SHEET, schema.BRANCH_INFO_SHEET, schema.GUIDE_SHEET):
        known |= {s.name for s in book.find_all(name)}
    if is_ward:  # a renamed `Đơn vị` / `Thông tin` is named by the error that the sheet is missing
        known |= {s.name for s in [renamed_field_sheet(book, schema.WARD_INFO_SHEET, schema.WARD_FIELDS)] if s}
    if is_branch:
        known |= {s.name for s in [renamed_field_sheet(book, schema.BRANCH_INFO_SHEET, schema.BRANCH_FIELDS)] if s}
    others = [s for s in book.sheets if s.name not in known]
    may_be_branch = is_branch or (not is_ward and book.find(schema.BRANCH_INFO_SHEET) is not None)
    renamed = False
    for sheet in others:
        matches = [
            spec
            for spec in _BRANCH_TABLES
            if may_be_branch and book.find(spec.name, spec.aliases) is None and has_columns_of(sheet, spec)
        ]
        optional = [
            (spec, lost)
            for spec, lost in _OPTIONAL_WARD_SHEETS
            if is_ward and book.find(spec.name, spec.aliases) is None and has_columns_of(sheet, spec)
        ]
        if matches:
            spec = matches[0]
            findings.error(
                f"sổ chi bộ không có sheet «{spec.name}»; sheet «{sheet.name}» có các cột của sheet này: "
                f"đổi tên thành «{spec.name}» (nếu là bản cũ cần giữ, đổi tên sheet đó và thêm sheet «{spec.name}»)",
                file=file,
                sheet=sheet.name,
                rule="renamed-sheet",
            )
            renamed = True
        elif optional:  # `Đoàn thể 2025`, `Nhan xet`: what it holds would silently leave the documents
            spec, lost = optional[0]
            findings.warning(
                f"sổ của Đảng ủy không có sheet «{spec.name}», nhưng sheet «{sheet.name}» có các cột của sheet này"
                f" nên không được đọc: {lost}. Nếu đây là sheet «{spec.name}» của năm báo"
                f" cáo, hãy đổi tên sheet thành đúng «{spec.name}»",
                file=file,
                sheet=sheet.name,
                rule="renamed-optional-sheet",
            )
        elif is_ward or is_branch:
            findings.info(
                "không phải sheet chuẩn của sổ nên không được đọc; số liệu trong sheet này không được tính",
                file=file,
                sheet=sheet.name,
                rule="unread-sheet",
            )
    return renamed


@dataclass
class _Tables:
    """The tables read from one part of a workbook (its ward sheets, or its branch sheets), with
    the findings reading them made, in order."""

    findings: Findings = field(default_factory=Findings)
    tables: list[tuple[str, Table | None, _Tagged | None]] = field(default_factory=list)  # (sheet, table, rows)


@dataclass
class _FileRead:
    """One workbook read on its own (in a worker process when reading in parallel); what depends
    on the other workbooks (two ward workbooks, two workbooks of one branch) is decided when the
    results are put together, in the files' order, so the result is that of a serial read."""

    file: str
    path: Path
    head: Findings = field(default_factory=Findings)  # file name, unreadable, unrecognised sheets
    readable: bool = False
    is_ward: bool = False
    is_branch: bool = False
    renamed_only: bool = False  # a branch workbook whose tables were all renamed
    ward: WardInfo | None = None
    ward_tables: _Tables = field(default_factory=_Tables)
    branch: Branch | None = None
    branch_findings: Findings = field(default_factory=Findings)  # `Thông tin`
    branch_tables: _Tables = field(default_factory=_Tables)
    tail: Findings = field(default_factory=Findings)  # converted cells, formulas, not a standard workbook
    # folded names of the people `Đã kết nạp` in `Nguồn` of a branch workbook without `Kết nạp`
    # (said once for the sheet; their admissions cannot be read)
    unlisted_admitted: set[str] = field(default_factory=set)


_NO_FRAME = pd.DataFrame()
_WARD_SPECS = (schema.QUOTA_SHEET, schema.ORG_QUOTA_SHEET, schema.TEXT_SHEET, schema.ASSESSMENT_SHEET)
_BRANCH_SPECS = (schema.CANDIDATE_SHEET, schema.ADMISSION_SHEET)


def _read_file(path: Path, inbox: Path, today: date) -> _FileRead:
    """Read one workbook: its findings in the order a serial read makes them."""
    file = _rel(path, inbox)
    read = _FileRead(file, path)
    headers: dict[tuple[str, str], dict[str, str]] = {}
    positions: dict[tuple[str, str], dict[str, int]] = {}

    def table(book: RawWorkbook, spec: schema.Sheet, into: _Tables, branch: str | None = None) -> None:
        findings = into.findings
        candidates = book.find_all(spec.name, spec.aliases)
        if not candidates:
            into.tables.append((spec.name, None, None))
            return
        sheet = candidates[0]
        for other in candidates[1:]:
            findings.warning(
                f"có hai sheet cùng là «{spec.name}» («{sheet.name}» và «{other.name}»); chỉ đọc «{sheet.name}», "
                f"không đọc «{other.name}». Hãy gộp hoặc xóa sheet thừa",
                file=file,
                sheet=other.name,
                rule="duplicate-sheet",
            )
        if sheet.hidden:
            findings.warning("sheet đang bị ẩn; vẫn được đọc và tính", file=file, sheet=sheet.name, rule="hidden-sheet")
        result = read_table(sheet, spec, file, findings, today)
        tagged = None
        if result is not None:
            headers[(file, result.sheet)] = result.headers
            positions[(file, result.sheet)] = result.positions
            tagged = _where(result) if branch is None else _where(result, branch=branch)
            result = replace(result, frame=_NO_FRAME)  # the rows travel once, in `tagged`
        into.tables.append((spec.name, result, tagged))

    if file != _raw_rel(path, inbox):
        read.head.warning(
            "tên tệp không phải chữ Unicode (thường do chép từ máy tính cũ); các ký tự lạ được ghi dạng \\xNN. "
            "Tệp vẫn được đọc; nên đổi tên tệp cho dễ nhận",
            file=file,
            rule="file-name-encoding",
        )
    try:
        book = open_workbook(path)
    except UnreadableWorkbook as exc:
        read.head.error(str(exc), file=file, rule="unreadable-file")
        return read
    read.readable = True
    read.is_ward = book.find(schema.QUOTA_SHEET.name, schema.QUOTA_SHEET.aliases) is not None
    read.is_branch = any(
        book.find(s.name, s.aliases) is not None for s in (schema.CANDIDATE_SHEET, schema.ADMISSION_SHEET)
    )
    renamed = _unrecognised_sheets(book, file, read.head, is_ward=read.is_ward, is_branch=read.is_branch)
    if renamed and not read.is_ward and not read.is_branch:
        read.renamed_only = True
        _converted_cells(book, file, read.tail, headers, positions)
        return read
    if read.is_ward:
        read.ward = _ward_info(book, file, read.ward_tables.findings, today)
        for spec in _WARD_SPECS:
            table(book, spec, read.ward_tables)
    if read.is_branch:
        read.branch = _branch_info(book, file, read.branch_findings)
        for spec in _BRANCH_SPECS:
            table(book, spec, read.branch_tables, None if read.branch is None else read.branch.name)
        if not renamed:
            _missing_admission_sheet(book, file, read)
    _converted_cells(book, file, read.tail, headers, positions)
    for cell in book.formulas_without_value:
        keys = {pos: key for key, pos in positions.get((file, cell.sheet), {}).items()}
        key = keys.get(cell.column)
        if key == "stt":
            continue  # the STT column is not read
        read.tail.warning(
            "ô có công thức nhưng chưa có kết quả đã tính (tệp không được lưu bằng Excel), nên được coi là "
            "ô trống; hãy mở tệp bằng Excel rồi lưu lại, hoặc ghi giá trị thay cho công thức",
            file=file,
            sheet=cell.sheet,
            row=cell.row,
            column=headers.get((file, cell.sheet), {}).get(key or "", column_letter(cell.column)),
            value=cell.formula,
            rule="formula-without-value",
            cell_column=cell.column,
        )
    if not read.is_ward and not read.is_branch:
        names = ", ".join(f"«{s.name}»" for s in book.sheets)
        read.tail.warning(
            "tệp không phải sổ chuẩn: không có sheet «Chỉ tiêu» (sổ Đảng ủy) hay «Nguồn»/«Kết nạp» "
            f"(sổ chi bộ); các sheet có: {names}. Tệp bị bỏ qua",
            file=file,
            rule="not-a-standard-workbook",
        )
    return read


def _missing_admission_sheet(book: RawWorkbook, file: str, read: _FileRead) -> None:
    """A branch workbook without `Kết nạp` (the old form, the wrong file): its admissions are
    not in the run. An error when `Nguồn` lists people as admitted (they would be lost), else a
    warning (the branch is taken to have admitted nobody)."""
    spec = schema.ADMISSION_SHEET
    if book.find(spec.name, spec.aliases) is not None:
        return
    admitted: list[str] = []
    for name, result, tagged in read.branch_tables.tables:
        frame = None if tagged is None else tagged.frame
        if name == schema.CANDIDATE_SHEET.name and result is not None and frame is not None and len(frame):
            admitted = [str(n) for n in frame.loc[frame["status"] == schema.STATUS_ADMITTED, "name"]]
    sheets = ", ".join(f"«{s.name}»" for s in book.sheets)
    if admitted:
        read.unlisted_admitted |= {person_key(n) for n in admitted}
        shown = ", ".join(admitted[:5]) + (f" và {len(admitted) - 5} người khác" if len(admitted) > 5 else "")
        read.head.error(
            f"sổ chi bộ không có sheet «{spec.name}» (các sheet có: {sheets}) nhưng sheet "
            f"«{schema.CANDIDATE_SHEET.name}» có {len(admitted):02d} người «{schema.STATUS_ADMITTED}» ({shown}); "
            f"số kết nạp chỉ tính theo sheet «{spec.name}» nên các người này sẽ bị mất khỏi báo cáo. "
            f"Hãy thêm sheet «{spec.name}» theo mẫu và ghi các đảng viên mới kết nạp",
            file=file,
            rule="missing-admission-sheet",
        )
    else:
        read.head.warning(
            f"sổ chi bộ không có sheet «{spec.name}» (các sheet có: {sheets}); chi bộ được coi là chưa kết nạp "
            f"ai. Nếu chi bộ đã kết nạp đảng viên, hãy thêm sheet «{spec.name}» theo mẫu",
            file=file,
            rule="missing-admission-sheet",
        )


def _column_name(
    book: RawWorkbook,
    file: str,
    sheet: str,
    column: int,
    row: int,
    headers: dict[tuple[str, str], dict[str, str]],
    positions: dict[tuple[str, str], dict[str, int]],
) -> str:
    """A column named by its header, as every finding names it: the table's header, the
    field's label on a field/value sheet (`Đơn vị`, `Thông tin`), else the header above."""
    for key, position in positions.get((file, sheet), {}).items():
        if position == column:
            return headers[(file, sheet)].get(key, column_letter(column))
    raw = next((s for s in book.sheets if s.name == sheet), None)
    if raw is not None and fold_header(sheet) in {
        fold_header(schema.WARD_INFO_SHEET),
        fold_header(schema.BRANCH_INFO_SHEET),
    }:
        cells = raw.rows[row - 1] if 0 < row <= len(raw.rows) else []
        label = cells[0] if cells and column > 1 else None
        if isinstance(label, str) and label.strip():
            return label.strip()
    if raw is not None:
        for above in reversed(raw.rows[: max(0, row - 1)]):
            value = above[column - 1] if column - 1 < len(above) else None
            if isinstance(value, str) and value.strip():
                return value.strip()
    return column_letter(column)


def _converted_cells(
    book: RawWorkbook,
    file: str,
    findings: Findings,
    headers: dict[tuple[str, str], dict[str, str]],
    positions: dict[tuple[str, str], dict[str, int]],
) -> None:
    """Cells the reader changed (old encodings, invisible characters), columns named by header."""
    for mark in book.format_characters:
        findings.info(
            f"đã bỏ {mark.count} ký tự vô hình (định dạng Unicode, ví dụ {mark.example}) trong "
            f"{mark.cells} ô của cột này (thường do chép từ web, Zalo hay tệp PDF); tên người và chữ được "
            "so khớp, đếm và in ra không có các ký tự đó",
            file=file,
            sheet=mark.sheet,
            row=mark.first_row,
            column=_column_name(book, file, mark.sheet, mark.column, mark.first_row or 0, headers, positions)
            if mark.column
            else "",
            value=mark.before,
            rule="format-characters",
            cell_column=mark.column or None,
        )
    for text in book.legacy:
        name = {"TCVN3": "TCVN3 (phông .VnTime)", "VNI": "VNI (phông VNI-Times)"}.get(text.encoding, text.encoding)
        findings.warning(
            f"chữ gõ bằng bảng mã cũ {name}: đã tự chuyển sang Unicode {text.count} ô của cột này, "
            f"ví dụ «{text.before}» thành «{text.after}». Nên chuyển cả sổ sang Unicode "
            "(Unikey: Công cụ chuyển mã) và kiểm tra lại tên người",
            file=file,
            sheet=text.sheet,
            row=text.first_row,
            column=_column_name(book, file, text.sheet, text.column, text.first_row, headers, positions),
            value=text.before,
            rule="legacy-encoding",
            cell_column=text.column,
        )


# Below this many workbooks, starting worker processes costs more than reading in parallel saves.
PARALLEL_MIN_WORKBOOKS = 40


def _read_chunk(paths: list[Path], inbox: Path, today: date) -> list[_FileRead]:
    return [_read_file(path, inbox, today) for path in paths]


def _read_all(paths: list[Path], inbox: Path, today: date, jobs: int, progress: Progress) -> Iterator[_FileRead]:
    """Each workbook read, in the files' order: in `jobs` processes for a large inbox."""
    if jobs <= 1 or len(paths) < PARALLEL_MIN_WORKBOOKS:
        for path in paths:
            progress.advance()
            yield _read_file(path, inbox, today)
        return
    from concurrent.futures import ProcessPoolExecutor

    # The first workbook here: the workers start with what it imported and cached (the reader's
    # tables, the parsers), instead of each building them again.
    progress.advance()
    yield _read_file(paths[0], inbox, today)
    rest = paths[1:]
    size = max(1, min(16, len(rest) // (jobs * 4)))  # small chunks: the bar moves, the cores stay busy
    chunks = [rest[i : i + size] for i in range(0, len(rest), size)]
    with ProcessPoolExecutor(jobs) as pool:
        futures = [pool.submit(_read_chunk, chunk, inbox, today) for chunk in chunks]
        for future in futures:
            for read in future.result():
                progress.advance()
                yield read


def load_inbox(
    inbox: Path,
    findings: Findings,
    exclude: tuple[Path, ...] = (),
    today: date | None = None,
    progress: Progress = SILENT,
    jobs: int = 1,
) -> Inbox:
    """Read every workbook of the inbox. Problems are added to `findings`.

    today: dates later than next year (births: later than this year) are findings.
    jobs: processes reading the workbooks of a large inbox; the result and the findings are
    those of one process.
    """
    today = today or date.today()
    wards = province_without_workbook(inbox, exclude)
    if wards:
        _province_hint(inbox, wards, findings)
        return _nothing_read(inbox)
    found = discover(inbox, exclude)
    progress.stage("Đọc sổ", len(found.workbooks))
    for skipped in found.skipped:
        findings.info(f"bỏ qua: {skipped.reason}", file=_rel(skipped.path, inbox), rule="skipped-file")
    paths: dict[str, Path] = {}

    ward: WardInfo | None = None
    ward_file = ""
    frames: dict[str, list[_Tagged]] = {spec.name: [] for spec in (*_WARD_SPECS, *_BRANCH_SPECS)}
    branches: list[Branch] = []
    tallies: list[SheetTally] = []
    files_read: list[str] = []
    seen_branch: dict[str, Branch] = {}
    headers: dict[tuple[str, str], dict[str, str]] = {}
    positions: dict[tuple[str, str], dict[str, int]] = {}
    rejected_admissions: set[str] = set()
    rejected_quotas: set[str] = set()
    unread_files: list[str] = []

    def taken(tables: _Tables) -> None:
        """A part's findings and tables, as the serial read recorded them."""
        findings.extend(tables.findings)
        for _, result, _ in tables.tables:
            if result is not None:
                tallies.append(SheetTally(result.file, result.sheet, result.counts))
                headers[(result.file, result.sheet)] = result.headers
                positions[(result.file, result.sheet)] = result.positions

    for read in _read_all(list(found.workbooks), inbox, today, jobs, progress):
        file = read.file
        paths[file] = read.path
        findings.extend(read.head)
        if not read.readable:
            unread_files.append(file)
            continue
        files_read.append(file)
        if read.renamed_only:
            unread_files.append(file)
            findings.extend(read.tail)
            continue  # a branch workbook whose tables were all renamed: the errors say what to rename
        if read.is_ward:
            if ward_file:
                province_hint = (
                    "; nếu mỗi thư mục con là sổ của một đảng bộ phường, xã (chạy cho cả tỉnh), hãy đặt ở thư mục"
                    " ngoài cùng sổ của cấp tỉnh có sheet «Đơn vị» (xem mục «Cả tỉnh, thành phố» trong hướng dẫn"
                    " sử dụng, README)"
                    if PurePath(str(ward_file)).parent != PurePath(str(file)).parent
                    else ""
                )
                findings.error(
                    f"có hai sổ của Đảng ủy (có sheet «Chỉ tiêu»): «{ward_file}» và tệp này; "
                    "hãy để lại một sổ trong thư mục" + province_hint,
                    file=file,
                    rule="two-ward-workbooks",
                )
                continue
            ward_file = file
            ward = read.ward
            taken(read.ward_tables)
            for name, result, tagged in read.ward_tables.tables:
                if result is not None and name == schema.QUOTA_SHEET.name:
                    rejected_quotas |= result.rejected_names
                if result is not None and tagged is not None:
                    frames[name].append(tagged)
        if read.is_branch:
            findings.extend(read.branch_findings)
            branch = read.branch
            if branch is None:  # no branch named: its quota rows are pointed to this file, not guessed
                unread_files.append(file)
            else:
                twin = seen_branch.get(branch_key(branch.name))
                if twin is not None:
                    findings.error(
                        f"hai sổ cùng ghi «Tên chi bộ» là «{branch.name}» (tệp này và «{twin.file}»); "
                        "mỗi chi bộ chỉ một sổ, nếu là hai chi bộ khác nhau hãy sửa tên cho đúng",
                        rule="duplicate-branch",
                        **branch.name_cell(),
                    )
                    branch = None
                else:
                    seen_branch[branch_key(branch.name)] = branch
                    branches.append(branch)
            taken(read.branch_tables)
            rejected_admissions |= read.unlisted_admitted
            for name, result, tagged in read.branch_tables.tables:
                if result is not None and name == schema.ADMISSION_SHEET.name:
                    rejected_admissions |= result.rejected_names
                if result is not None and branch is not None and tagged is not None:
                    frames[name].append(tagged)
                elif result is not None and result.counts.used:
                    # Rows that cannot be attributed to a branch are rejected, not lost.
                    result.counts.rejected += result.counts.used
                    result.counts.used = 0
        findings.extend(read.tail)

    if not ward_file:
        findings.error(
            "không tìm thấy sổ tổng hợp của Đảng ủy (sổ có sheet «Chỉ tiêu» và «Đơn vị») trong thư mục",
            rule="no-ward-workbook",
        )
    if not branches:
        findings.error(
            "không tìm thấy sổ theo dõi nào của chi bộ (sổ có sheet «Thông tin» và «Nguồn»/«Kết nạp»)",
            rule="no-branch-workbook",
        )

    loaded = Inbox(
        folder=inbox,
        ward=ward,
        ward_file=ward_file,
        quotas=_stack(frames[schema.QUOTA_SHEET.name], schema.QUOTA_SHEET),
        organisation_quotas=_stack(frames[schema.ORG_QUOTA_SHEET.name], schema.ORG_QUOTA_SHEET),
        branches=branches,
        candidates=_stack(frames[schema.CANDIDATE_SHEET.name], schema.CANDIDATE_SHEET, ("branch",)),
        admissions=_stack(frames[schema.ADMISSION_SHEET.name], schema.ADMISSION_SHEET, ("branch",)),
        tallies=tallies,
        files_read=files_read,
        headers=headers,
        positions=positions,
        rejected_admissions=rejected_admissions,
        rejected_quotas=rejected_quotas,
        unread_files=unread_files,
        texts=_stack(frames[schema.TEXT_SHEET.name], schema.TEXT_SHEET),
        assessments=_stack(frames[schema.ASSESSMENT_SHEET.name], schema.ASSESSMENT_SHEET),
        paths=paths,
    )
    apply_former_names(loaded, findings)
    reconcile_branch_names(loaded, findings)
    tidy_office_sheets(loaded, findings)
    return loaded


def province_without_workbook(inbox: Path, exclude: tuple[Path, ...] = ()) -> tuple[Path, ...]:
    """The ward sub-folders of a folder that looks like a province's without a usable province
    workbook: two or more sub-folders each with a ward workbook at its top, no workbook with a
    `Đơn vị` sheet at the top of the folder itself (none, or one whose sheet is renamed), and no
    more loose branch workbooks there than a province tolerates. () otherwise (a ward inbox)."""
    from .province import LOOSE_BRANCH_RATIO, has_sheet, loose_branch_workbooks, top_workbooks, ward_folders

    try:
        if sum(1 for p in inbox.iterdir() if p.is_dir() and not p.name.startswith(".")) < 2:
            return ()
    except OSError:
        return ()  # the ordinary intake says why the folder cannot be read
    wards = ward_folders(inbox, exclude)
    if len(wards) < 2 or any(has_sheet(p, schema.WARD_INFO_SHEET) for p in top_workbooks(inbox)):
        return ()
    if len(loose_branch_workbooks(inbox)) * LOOSE_BRANCH_RATIO >= len(wards):
        return ()  # a ward whose branch workbooks are at the top (its ward workbook is said by the intake)
    return wards


def _province_hint(inbox: Path, wards: tuple[Path, ...], findings: Findings) -> None:
    """One message instead of the duplicates (or the flood of a province read as one ward) that
    reading the wards as one would give: the province workbook is missing, or its `Đơn vị` sheet is."""
    from .province import loose_branch_workbooks, top_workbooks

    names = ", ".join(f"«{w.name}»" for w in wards[:6]) + (
        f" và {len(wards) - 6} thư mục khác" if len(wards) > 6 else ""
    )
    folder = printable(inbox.name or str(inbox))
    found = (
        f"thư mục có {len(wards)} thư mục con, mỗi thư mục một sổ tổng hợp của Đảng ủy ({names}): đây là số liệu"
        " của nhiều đảng bộ (cả tỉnh, thành phố)"
    )
    guide = " (xem mục «Cả tỉnh, thành phố» trong hướng dẫn sử dụng, README)"
    loose = set(loose_branch_workbooks(inbox))
    tops = [p for p in top_workbooks(inbox) if p not in loose]
    for top in tops:
        try:
            said, renamed = missing_field_sheet(open_workbook(top), schema.WARD_INFO_SHEET, schema.WARD_FIELDS)
        except UnreadableWorkbook as exc:
            said, renamed = f"không mở được sổ này: {exc}", ""
        findings.error(
            f"{found}, nên sổ này ở thư mục ngoài cùng được hiểu là sổ của cấp tỉnh, nhưng sổ không có sheet"
            f" «{schema.WARD_INFO_SHEET}» (Đảng bộ cấp trên, Tên đảng ủy, Địa danh, Nhiệm kỳ của cấp tỉnh); {said}"
            f"{guide}. Chưa đọc sổ nào",
            file=_rel(top, inbox),
            sheet=renamed,
            rule="province-without-info-sheet",
        )
    if tops:
        return
    findings.error(
        f"{found} nhưng ở thư mục ngoài cùng chưa có sổ của cấp tỉnh. Hãy đặt vào thư mục «{folder}» một sổ Excel"
        f" có sheet «{schema.WARD_INFO_SHEET}» (Đảng bộ cấp trên, Tên đảng ủy, Địa danh, Nhiệm kỳ của cấp tỉnh) và,"
        f" nếu có, sheet «Chỉ tiêu» mỗi đảng bộ một dòng{guide}, rồi chạy lại; hoặc chạy riêng cho từng đảng bộ, ví"
        f" dụ: reportgen check «{printable(str(wards[0]))}». Chưa đọc sổ nào",
        value=", ".join(w.name for w in wards),
        rule="province-without-workbook",
    )


def _nothing_read(inbox: Path) -> Inbox:
    return Inbox(
        folder=inbox,
        ward=None,
        ward_file="",
        quotas=_empty(schema.QUOTA_SHEET),
        organisation_quotas=_empty(schema.ORG_QUOTA_SHEET),
        branches=[],
        candidates=_empty(schema.CANDIDATE_SHEET, ("branch",)),
        admissions=_empty(schema.ADMISSION_SHEET, ("branch",)),
        tallies=[],
        files_read=[],
        headers={},
        positions={},
        rejected_admissions=set(),
        texts=_empty(schema.TEXT_SHEET),
        assessments=_empty(schema.ASSESSMENT_SHEET),
        paths={},
    )


def _raw_rel(path: Path, inbox: Path) -> str:
    try:
        return path.relative_to(inbox).as_posix()
    except ValueError:
        return path.name


def _rel(path: Path, inbox: Path) -> str:
    """The file's name inside the inbox, printable."""
    return printable(_raw_rel(path, inbox))
