"""The office's own text cells (`Văn bản`, `Nhận định`) as offices write them, made into what the
documents print, in one place.

`Văn bản`: the documents write «Kế hoạch số 44-KH/ĐU ngày 13/01/2025 ... về ...» themselves, so a
`Số, ký hiệu` written «Kế hoạch số 44-KH/ĐU», «Số 45-NQ/ĐU» or «49-KH/ĐU ngày 05/02/2025» keeps only
the number; a `Trích yếu` written «Nghị quyết về ...», «Về việc ...» or in quotation marks keeps
only its subject (the kind word, when the number does not say it, is kept in `kind`). Anything else
is kept as the clerk wrote it. Each change is a note on its cell; a date in a cell that differs from
`Ngày` is a warning; the same number on the same day twice is a warning (counted once).

`Nhận định`: a cell with several lines (Alt+Enter) gives one paragraph per line; a line's own bullet
(«- », «+ », «•») is dropped, the documents set theirs; the same paragraph written twice (two rows,
or two lines of a cell) is printed once, with a warning naming both rows.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from .. import schema
from ..findings import Findings

if TYPE_CHECKING:
    from .load import Inbox

# The kinds a clerk writes in front of a number or a subject, longest first ("Công văn" before "Văn bản").
KIND_WORDS = tuple(sorted({*schema.DOCUMENT_KINDS.values(), "Văn bản"}, key=len, reverse=True))
_KINDS = "|".join(re.escape(k) for k in KIND_WORDS)
_DATE = r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})"
_DATE_WORDS = r"(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
# «Kế hoạch số », «Số: », «Kế hoạch » in front of a number that has a digit.
_NUMBER_HEAD = re.compile(rf"^(?:(?P<kind>{_KINDS})\s*(?:số\b\s*[:.]?\s*)?|số\b\s*[:.]?\s*)(?=\S*\d)", re.I)
# «, ngày 05/02/2025» or «ngày 05 tháng 02 năm 2025» after the number.
_NUMBER_DATE = re.compile(rf"\s*[,;]?\s*\(?\s*ngày\s*(?:{_DATE}|{_DATE_WORDS})\s*\)?\s*\.?$", re.I)
# «Kế hoạch [số 44-KH/ĐU] [ngày 13/01/2025] » in front of «về ...» in a subject.
_SUMMARY_HEAD = re.compile(
    rf"^(?P<kind>{_KINDS})\b\s*(?:số\s*[:.]?\s*\S+\s*)?(?:,?\s*ngày\s*(?:{_DATE}|{_DATE_WORDS})\s*,?\s*)?"
    r"(?=(?:về|v/v)\b)",
    re.I,
)
_SUMMARY_DATE = re.compile(rf"\s*[,;]?\s*\(?\s*ngày\s*(?:{_DATE}|{_DATE_WORDS})\s*\)?\s*(?=\.?$)", re.I)
_QUOTES = {'"': '"', "“": "”", "«": "»", "'": "'", "‘": "’", "„": "“"}
# A bullet a clerk typed at the start of a line of `Nhận định`.
_BULLET = re.compile(r"^(?:[-+*–—]\s+|[•·▪●◦‣⁃]\s*)")


def _found_date(match: re.Match[str]) -> date | None:
    groups = [g for g in match.groups() if g is not None][-3:]
    if len(groups) != 3:
        return None
    try:
        return date(int(groups[2]), int(groups[1]), int(groups[0]))
    except ValueError:
        return None


def _same_kind(word: str, code_kind: str) -> bool:
    return not code_kind or word.lower() == code_kind.lower()


def tidy_number(number: str, issued: object) -> tuple[str, str, date | None]:
    """(number, kind word written in front of it, a date written after it)."""
    kind = ""
    text = number.strip()
    head = _NUMBER_HEAD.match(text)
    if head:
        kind = head.group("kind") or ""
        text = text[head.end() :].strip()
    found = None
    tail = _NUMBER_DATE.search(text)
    if tail and tail.start() > 0:
        found = _found_date(tail)
        text = text[: tail.start()].strip()
    return text, _canonical_kind(kind), found


def _canonical_kind(word: str) -> str:
    for kind in KIND_WORDS:
        if word.lower() == kind.lower():
            return kind
    return ""


def tidy_summary(summary: str, code_kind: str, issued: object) -> tuple[str, str]:
    """(subject, kind word written in front of it)."""
    text = summary.strip()
    for _ in range(2):  # «"Về ..."»: quotes, then the head
        if len(text) > 1 and text[0] in _QUOTES and text.rstrip(".")[-1] == _QUOTES[text[0]]:
            text = text.rstrip(".")[1:-1].strip()
    kind = ""
    head = _SUMMARY_HEAD.match(text)
    if head and _same_kind(head.group("kind"), code_kind):
        kind = _canonical_kind(head.group("kind"))
        text = text[head.end() :].strip()
    date_tail = _SUMMARY_DATE.search(text)
    if date_tail and date_tail.start() > 0 and _found_date(date_tail) == issued:
        text = (text[: date_tail.start()] + text[date_tail.end() :]).strip()
    if re.match(r"v/v\b", text, re.I):
        text = "về việc" + text[3:]
    elif text[:2] == "Về" and (len(text) == 2 or text[2] == " "):
        text = "về" + text[2:]
    return text, kind


def tidy_texts(inbox: Inbox, findings: Findings) -> None:
    """`Văn bản`: the number and the subject as the documents print them (see the module)."""
    frame = inbox.texts
    if frame.empty:
        if "kind" not in frame.columns:
            frame["kind"] = pd.Series(dtype=object)
        return
    numbers, summaries, kinds = [], [], []
    seen: dict[tuple[str, object], object] = {}
    sheet_spec = schema.TEXT_SHEET
    number_header = sheet_spec.columns[1].header
    summary_header = sheet_spec.columns[3].header
    for record in frame.to_dict("records"):
        file, sheet = str(record["_file"]), str(record["_sheet"])
        where = {"file": file, "sheet": sheet, "row": _excel_row(record)}
        written = str(record["number"] or "")
        number, kind, found = tidy_number(written, record["issued"])
        code_kind = schema.DOCUMENT_KINDS.get(schema.document_code(number), "")
        if number != written:
            said = f"«{kind} số»" if kind else "chữ «Số»"
            parts = []
            if written.strip() != number and _NUMBER_HEAD.match(written.strip()):
                parts.append(f"bỏ {said} ở đầu ô")
            if found is not None:
                parts.append("bỏ ngày ghi sau số, ngày lấy ở cột «Ngày»")
            findings.info(
                f"cột này chỉ ghi số, ký hiệu (ví dụ 44-KH/ĐU): văn bản đọc là «{number}» "
                f"({'; '.join(parts) or 'đã sửa'}), văn bản tự ghi «{code_kind or kind or 'Văn bản'} số ... ngày ...»",
                **where,
                column=inbox.header(file, sheet, "number", number_header),
                value=written,
                rule="office-text-number",
                cell_column=inbox.position(file, sheet, "number"),
            )
        if found is not None and isinstance(record["issued"], date) and found != record["issued"]:
            findings.warning(
                f"ô ghi ngày {found:%d/%m/%Y} nhưng cột «Ngày» ghi {record['issued']:%d/%m/%Y}; "
                "văn bản dùng ngày ở cột «Ngày»: kiểm tra lại",
                **where,
                column=inbox.header(file, sheet, "number", number_header),
                value=written,
                rule="office-text-date",
                cell_column=inbox.position(file, sheet, "number"),
            )
        written_summary = str(record["summary"] or "")
        summary, summary_kind = tidy_summary(written_summary, code_kind or kind, record["issued"])
        if summary != written_summary and summary.lower() != written_summary.lower():
            findings.info(
                f"văn bản trích là «... {summary}» (bỏ chữ đã có ở câu trích: loại văn bản, số, ngày, dấu ngoặc kép)",
                **where,
                column=inbox.header(file, sheet, "summary", summary_header),
                value=written_summary,
                rule="office-text-summary",
                cell_column=inbox.position(file, sheet, "summary"),
            )
        key = (number.casefold(), record["issued"])
        if key in seen and isinstance(record["issued"], date):
            findings.warning(
                f"trùng với dòng {seen[key]} (cùng số, ký hiệu và ngày); chỉ tính một lần",
                **where,
                column=inbox.header(file, sheet, "number", number_header),
                value=written,
                rule="office-text-duplicate",
                cell_column=inbox.position(file, sheet, "number"),
            )
        seen.setdefault(key, where["row"])
        numbers.append(number)
        summaries.append(summary)
        kinds.append("" if code_kind else (kind or summary_kind))
    frame["number"] = numbers
    frame["summary"] = summaries
    frame["kind"] = kinds


def _excel_row(record: dict) -> int | None:
    row = record.get("_row")
    return int(row) if isinstance(row, (int, float)) and row == row else None


def paragraphs_of(text: str) -> list[str]:
    """The paragraphs of one `Nhận định` cell: one per line, without the clerk's bullet."""
    out = []
    for line in text.split("\n"):
        line = _BULLET.sub("", line.strip()).strip()
        if line:
            out.append(line)
    return out


def tidy_assessments(inbox: Inbox, findings: Findings) -> None:
    """`Nhận định`: one row per paragraph (a cell of several lines gives several), the clerk's bullet
    dropped, a paragraph written twice for the same year and section kept once (a warning)."""
    frame = inbox.assessments
    if frame.empty:
        return
    rows = []
    seen: dict[tuple[str, str, str], object] = {}
    text_header = schema.ASSESSMENT_SHEET.columns[-1].header
    for record in frame.to_dict("records"):
        text = record["text"]
        if not isinstance(text, str) or not text:
            rows.append(record)
            continue
        for paragraph in paragraphs_of(text):
            key = (str(record["period"]), str(record["section"]), " ".join(paragraph.split()).casefold())
            if record["period"] and record["section"] and key in seen:
                file, sheet, row = str(record["_file"]), str(record["_sheet"]), _excel_row(record)
                first = seen[key]
                same = first == row
                findings.warning(
                    ("ô có hai dòng giống nhau" if same else f"trùng với dòng {first} (cùng năm, mục và nội dung)")
                    + "; đoạn văn này chỉ được in một lần",
                    file=file,
                    sheet=sheet,
                    row=row,
                    column=inbox.header(file, sheet, "text", text_header),
                    value=paragraph,
                    rule="assessment-duplicate",
                    cell_column=inbox.position(file, sheet, "text"),
                )
                continue
            seen.setdefault(key, _excel_row(record))
            rows.append({**record, "text": paragraph})
    inbox.assessments = pd.DataFrame(rows, columns=frame.columns)


def tidy_office_sheets(inbox: Inbox, findings: Findings) -> None:
    tidy_texts(inbox, findings)
    tidy_assessments(inbox, findings)
