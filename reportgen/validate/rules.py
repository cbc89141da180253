"""The Party's admission rules and the cross-sheet / cross-file checks -> findings.

The numbers and the dated table of texts live in `reportgen.rules`; each message cites
the texts in force on the date it judges (../shared/DOMAIN.md).
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from .. import schema
from ..dates import add_months, add_working_days, full_months, full_years
from ..findings import Findings
from ..intake.load import Inbox, records
from ..intake.normalize import branch_key, fold, known_organisations, organisation_key, person_key
from ..intake.ward import term_for_year
from ..rules import (
    CEREMONY_WITHIN_WORKING_DAYS,
    CLASS_VALID_MONTHS,
    DECISION_WITHIN_WORKING_DAYS,
    DISTRICT_LEVEL_ENDED,
    MAX_AGE_YEARS,
    MEETING_MARGIN_MONTHS,
    MIN_AGE_YEARS,
    MIN_OFFICIAL_MEMBERS,
    PROBATION_MONTHS,
    READMISSION_MIN_MONTHS,
    RECOGNITION_WITHIN_WORKING_DAYS,
    class_expiry,
    district_level_exists,
    district_level_unit,
    over_max_age,
    probation_end,
    recognition_overdue,
    rules_short,
    under_min_age,
)
from .people import check_people_across_branches


def _fmt(d: date) -> str:
    return d.strftime("%d/%m/%Y")


class _Sheet:
    """Helpers to report on one row of a table with its headers as written."""

    def __init__(self, inbox: Inbox, findings: Findings, row: pd.Series, spec: schema.Sheet) -> None:
        self.inbox, self.findings, self.row, self.spec = inbox, findings, row, spec

    def where(self, key: str) -> dict[str, object]:
        r = self.row
        header = self.inbox.header(r["_file"], r["_sheet"], key, self.spec.column(key).header)
        value = r.get(key)
        shown = _fmt(value) if isinstance(value, date) else ("" if value is None else str(value))
        return {
            "file": r["_file"],
            "sheet": r["_sheet"],
            "row": int(r["_row"]),
            "column": header,
            "value": shown,
            "cell_column": self.inbox.position(r["_file"], r["_sheet"], key),
        }

    def error(self, key: str, message: str, rule: str) -> None:
        self.findings.error(message, rule=rule, **self.where(key))

    def warning(self, key: str, message: str, rule: str) -> None:
        self.findings.warning(message, rule=rule, **self.where(key))


@dataclass
class Later:
    """Dates after the document's date that the clock has already reached, in the years after the
    report year: a report issued again with its original date (`--year 2024 --ngay 10/01/2025` in
    November 2025). Those events had not happened on the document's date and no figure of the report
    year uses them, so they are not errors: counted here and said once (`said`)."""

    on: date  # the document's date
    year_end: date | None  # 31/12 of the report year (None: no report year, every such date an error)
    clock: date | None  # the machine's date (None: not known, every such date an error)
    count: int = 0
    latest: date | None = None
    files: list[str] = field(default_factory=list)

    def holds(self, key: str, value: date, file: str) -> bool:
        if key == "birth" or self.clock is None or self.year_end is None:
            return False
        if not self.year_end < value <= self.clock:
            return False
        self.count += 1
        self.latest = max(self.latest or value, value)
        if file not in self.files:
            self.files.append(file)
        return True

    def said(self, findings: Findings) -> None:
        if not self.count or self.year_end is None or self.latest is None:
            return
        shown = ", ".join(f"«{f}»" for f in self.files[:5]) + (" ..." if len(self.files) > 5 else "")
        findings.warning(
            f"{self.count} ô ghi ngày sau ngày lập văn bản {_fmt(self.on)} (muộn nhất {_fmt(self.latest)}), đều sau năm"
            f" báo cáo {self.year_end.year}, ở các sổ {shown}: vào ngày lập văn bản các việc đó chưa xảy ra, nên không"
            f" được tính vào văn bản (văn bản chỉ dùng số liệu đến hết năm {self.year_end.year}). Nếu muốn văn bản"
            " ghi ngày hôm nay, bỏ --ngay",
            rule="after-document-date",
        )


def _future(s: _Sheet, keys: tuple[str, ...], on: date, later: Later | None = None) -> None:
    """Dates after the document's date (`--ngay`, default today), not after the machine's clock; with
    `later`, those the clock has reached in the years after the report year are only counted there."""
    for key in keys:
        value = s.row.get(key)
        if isinstance(value, date) and value > on:
            if later is not None and later.holds(key, value, str(s.row["_file"])):
                continue
            s.error(key, f"ngày ở tương lai (sau ngày lập văn bản {_fmt(on)}); kiểm tra lại năm", "future-date")


def _duplicates(inbox: Inbox, frame: pd.DataFrame, spec: schema.Sheet, findings: Findings) -> None:
    """The same person (name and date of birth) twice in one sheet; names that differ only in
    their diacritics (`Hùng`/`Hưng`, or one written without marks) with one birth date: a warning."""
    seen: dict[tuple[str, str, str, object], int] = {}
    alike: dict[tuple[str, str, str, object], tuple[str, int]] = {}
    for r in records(frame):
        key = (r["_file"], r["_sheet"], person_key(r["name"]), r["birth"])
        loose = (r["_file"], r["_sheet"], fold(r["name"]), r["birth"])
        other = alike.setdefault(loose, (str(r["name"]), int(r["_row"])))
        if key not in seen and other[1] != int(r["_row"]):
            _Sheet(inbox, findings, r, spec).warning(
                "name",
                f"tên gần giống «{other[0]}» ở dòng {other[1]} (chỉ khác dấu) và cùng ngày sinh; được tính là hai "
                "người khác nhau. Nếu là một người ghi hai lần, hãy xóa một dòng; nếu là hai người (ví dụ anh em "
                "sinh đôi), không cần sửa",
                "similar-person",
            )
        if key in seen:
            _Sheet(inbox, findings, r, spec).error(
                "name",
                f"người này (cùng họ tên và ngày sinh) đã có ở dòng {seen[key]}; mỗi người chỉ ghi một dòng",
                "duplicate-person",
            )
        else:
            seen[key] = int(r["_row"])


def _age_rules(s: _Sheet, birth: date, meeting: date | None, admitted: date, texts: str) -> None:
    """Age from full 18 to full 60, judged at the branch meeting (`Ngày chi bộ xét`); without it at
    the decision, which may come up to 60 working days after the meeting."""
    on = meeting or admitted
    key = "meeting" if meeting is not None else "admitted"
    at = "khi chi bộ xét" if meeting is not None else "khi kết nạp"
    age = full_years(birth, on)
    if under_min_age(birth, on):
        s.error(
            key, f"{at} ({_fmt(on)}) mới {age} tuổi; người vào Đảng phải đủ {MIN_AGE_YEARS} tuổi ({texts})", "under-18"
        )
    elif meeting is None and under_min_age(birth, add_months(admitted, -MEETING_MARGIN_MONTHS) or admitted):
        months = full_months(birth, admitted) - 12 * MIN_AGE_YEARS
        s.warning(
            key,
            f"khi quyết định kết nạp mới {MIN_AGE_YEARS} tuổi {months} tháng; tuổi tính tại ngày chi bộ "
            f"họp xét (có thể trước quyết định đến {DECISION_WITHIN_WORKING_DAYS} ngày làm việc): ghi cột "
            f"«Ngày chi bộ xét» để kiểm tra ({texts})",
            "under-18-at-meeting",
        )
    elif over_max_age(birth, on):
        s.warning(
            key,
            f"{at} ({_fmt(on)}) đã {age} tuổi (trên {MAX_AGE_YEARS}): chỉ kết nạp khi có đủ sức khỏe, "
            "uy tín, chi bộ không có đảng viên hoặc có yêu cầu đặc biệt, và phải có văn bản đồng ý của Ban "
            f"Thường vụ tỉnh ủy, thành ủy trước khi quyết định ({texts})",
            "over-60",
        )


def _meeting_rules(s: _Sheet, meeting: date, admitted: date) -> None:
    if meeting > admitted:
        s.error("meeting", f"ngày chi bộ xét sau ngày quyết định kết nạp {_fmt(admitted)}", "meeting-after-decision")
        return
    latest = add_working_days(meeting, DECISION_WITHIN_WORKING_DAYS)
    if latest is not None and admitted > latest:
        s.warning(
            "admitted",
            f"quyết định kết nạp ngày {_fmt(admitted)}, quá {DECISION_WITHIN_WORKING_DAYS} ngày "
            f"làm việc sau ngày chi bộ xét {_fmt(meeting)} (chậm nhất {_fmt(latest)}); kiểm tra lại ngày "
            f"({rules_short(admitted)})",
            "decision-late",
        )


def _ceremony_rules(s: _Sheet, ceremony: date, admitted: date) -> None:
    if ceremony < admitted:
        s.error(
            "ceremony", f"ngày lễ kết nạp trước ngày quyết định kết nạp {_fmt(admitted)}", "ceremony-before-decision"
        )
        return
    latest = add_working_days(admitted, CEREMONY_WITHIN_WORKING_DAYS)
    if latest is not None and ceremony > latest:
        s.warning(
            "ceremony",
            f"lễ kết nạp quá {CEREMONY_WITHIN_WORKING_DAYS} ngày làm việc sau quyết định kết nạp "
            f"{_fmt(admitted)} (chậm nhất {_fmt(latest)}, không tính thứ Bảy, Chủ nhật, ngày lễ, Tết) "
            f"({rules_short(admitted)})",
            "ceremony-late",
        )


_NOTE_DATE_RE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")


def _readmission_rule(s: _Sheet, note: object, admitted: date) -> None:
    """Re-admission (`kết nạp lại` in Ghi chú) at least 36 months after leaving, when the note
    gives the day the person left (the earliest date written in it)."""
    if not isinstance(note, str) or "ket nap lai" not in fold(note):
        return
    left = []
    for day, month, year in _NOTE_DATE_RE.findall(note):
        try:
            left.append(date(int(year), int(month), int(day)))
        except ValueError:
            continue
    left = [d for d in left if d < admitted]
    if not left:
        return
    earliest = add_months(min(left), READMISSION_MIN_MONTHS)
    if earliest is not None and admitted < earliest:
        s.warning(
            "note",
            f"kết nạp lại khi chưa đủ {READMISSION_MIN_MONTHS} tháng kể từ ngày ra khỏi Đảng "
            f"{_fmt(min(left))} (sớm nhất {_fmt(earliest)}); kết nạp lại chỉ một lần "
            f"({rules_short(admitted)})",
            "readmission-too-early",
        )


def check_admissions(
    inbox: Inbox, findings: Findings, today: date, reference: date | None = None, later: Later | None = None
) -> None:
    """`today`: the document's date, after which a date is in the future (see `Later`). `reference`: the
    date probation is judged at (the end of the report year, at the latest the document's date)."""
    reference = reference or today
    spec = schema.ADMISSION_SHEET
    frame = inbox.admissions
    _duplicates(inbox, frame, spec, findings)
    branches_of: dict[tuple[str, object], list[tuple[str, str, int]]] = defaultdict(list)
    for r in records(frame):
        s = _Sheet(inbox, findings, r, spec)
        birth, admitted, class_date = r["birth"], r["admitted"], r["class_date"]
        ceremony = r["ceremony"] if isinstance(r["ceremony"], date) else admitted
        branches_of[(person_key(r["name"]), birth)].append((r["branch"], r["_file"], int(r["_row"])))
        _future(s, ("birth", "meeting", "admitted", "ceremony", "class_date", "official"), today, later)
        meeting = r.get("meeting") if isinstance(r.get("meeting"), date) else None
        if admitted <= birth:
            s.error(
                "admitted", f"ngày kết nạp {_fmt(admitted)} không sau ngày sinh {_fmt(birth)}", "admitted-before-birth"
            )
            continue
        texts = rules_short(meeting or admitted)
        if meeting is not None:
            _meeting_rules(s, meeting, admitted)
        _age_rules(s, birth, meeting if meeting is not None and meeting <= admitted else None, admitted, texts)
        if class_date > admitted:
            s.error(
                "class_date",
                f"ngày học lớp nhận thức về Đảng sau ngày kết nạp {_fmt(admitted)}; phải học lớp trước khi kết nạp",
                "class-after-admission",
            )
        elif (expiry := class_expiry(class_date)) is not None and expiry < admitted:
            s.error(
                "class_date",
                f"giấy chứng nhận học lớp nhận thức về Đảng chỉ có giá trị {CLASS_VALID_MONTHS} "
                f"tháng (đến {_fmt(expiry)}); đến ngày kết nạp {_fmt(admitted)} đã quá hạn ({texts})",
                "class-expired",
            )
        if isinstance(r["ceremony"], date):
            _ceremony_rules(s, r["ceremony"], admitted)
        _readmission_rule(s, r.get("note"), admitted)
        official = r["official"]
        earliest = probation_end(ceremony)
        if isinstance(official, date) and earliest is not None and official < earliest:
            s.error(
                "official",
                f"công nhận chính thức khi chưa đủ {PROBATION_MONTHS} tháng dự bị (tính từ "
                f"{_fmt(ceremony)}, sớm nhất {_fmt(earliest)}) ({texts})",
                "early-recognition",
            )
        elif not isinstance(official, date) and recognition_overdue(ceremony, reference):
            s.warning(
                "official",
                f"đã quá {PROBATION_MONTHS} tháng dự bị (tính từ {_fmt(ceremony)}) mà chưa ghi "
                "ngày công nhận chính thức; chi bộ cần xét công nhận chính thức trong "
                f"{RECOGNITION_WITHIN_WORKING_DAYS} ngày làm việc sau khi hết thời gian dự bị "
                f"({rules_short(reference)})",
                "probation-overdue",
            )
        if r["education"] == "Tiểu học":
            s.warning(
                "education",
                "trình độ học vấn dưới trung học cơ sở: chỉ được kết nạp ở vùng cao, vùng sâu, "
                f"vùng khó khăn theo quy định riêng ({texts})",
                "education-below-lower-secondary",
            )
    for (name, birth), where in branches_of.items():
        if len({b for b, _, _ in where}) > 1:
            places = "; ".join(f"«{b}» (tệp {f}, dòng {row})" for b, f, row in where)
            first = frame[(frame["name"].map(person_key) == name) & (frame["birth"] == birth)].iloc[0]
            _Sheet(inbox, findings, first, spec).error(
                "name",
                f"cùng một người (họ tên và ngày sinh) được ghi kết nạp ở nhiều chi bộ: {places}",
                "admitted-twice",
            )
    _similar_across_branches(inbox, frame, spec, findings)


def _similar_across_branches(inbox: Inbox, frame: pd.DataFrame, spec: schema.Sheet, findings: Findings) -> None:
    """Names that differ only in diacritics (one written without marks), one birth date, admitted in
    two branches: counted as two people, with a warning (it may be one person admitted twice)."""
    groups: dict[tuple[str, object], list[dict[str, Any]]] = defaultdict(list)
    for r in records(frame):
        groups[(fold(r["name"]), r["birth"])].append(r)
    for rows in groups.values():
        if len({person_key(r["name"]) for r in rows}) < 2 or len({r["branch"] for r in rows}) < 2:
            continue
        first = rows[0]
        for r in rows[1:]:
            if r["branch"] == first["branch"] or person_key(r["name"]) == person_key(first["name"]):
                continue  # one sheet: said by _duplicates; the same name: an error above
            _Sheet(inbox, findings, r, spec).warning(
                "name",
                f"tên gần giống «{first['name']}» (chỉ khác dấu) cùng ngày sinh, được ghi kết nạp ở chi bộ"
                f" «{first['branch']}» (tệp {first['_file']}, dòng {int(first['_row'])}); được tính là hai người."
                " Nếu là một người được ghi hai lần, hãy xóa dòng ghi nhầm",
                "similar-person",
            )


def check_candidates(inbox: Inbox, findings: Findings, today: date, later: Later | None = None) -> None:
    spec = schema.CANDIDATE_SHEET
    frame = inbox.candidates
    _duplicates(inbox, frame, spec, findings)
    admitted = {(person_key(n), b) for n, b in zip(inbox.admissions["name"], inbox.admissions["birth"])}
    admission_rows: dict[tuple[str, object], dict[str, Any]] = {}
    for a in records(inbox.admissions):
        if isinstance(a["admitted"], date):
            admission_rows.setdefault((person_key(a["name"]), a["birth"]), a)
    known_orgs = known_organisations(inbox.organisation_quotas["organisation"])
    for r in records(frame):
        s = _Sheet(inbox, findings, r, spec)
        _future(s, ("birth", "entered", "class_date", "status_date"), today, later)
        org = r["introduced_by"]
        if isinstance(org, str) and org.strip() and organisation_key(org) not in known_orgs:
            s.warning(
                "introduced_by",
                "không phải tổ chức nào đã biết (Mặt trận Tổ quốc, Công đoàn, Hội Nông dân, "
                "Đoàn Thanh niên, Hội Liên hiệp Phụ nữ, Hội Cựu chiến binh hay tổ chức ghi ở sheet "
                f"«{schema.ORG_QUOTA_SHEET.name}»); người này được tính vào dòng «{schema.OTHER_ORGANISATION}» "
                "của bảng các đoàn thể giới thiệu. Hãy ghi đúng tên tổ chức",
                "unknown-organisation",
            )
        status, changed = r["status"], r["status_date"]
        if status != schema.STATUS_ACTIVE and not isinstance(changed, date):
            s.error("status_date", f"tình trạng «{status}» cần ghi «Ngày thay đổi»", "missing-status-date")
        if isinstance(changed, date) and isinstance(r["entered"], date) and changed < r["entered"]:
            s.error(
                "status_date",
                f"ngày thay đổi tình trạng trước ngày vào nguồn {_fmt(r['entered'])}",
                "status-before-entry",
            )
        if r["entered"] <= r["birth"]:
            s.error("entered", f"ngày vào nguồn không sau ngày sinh {_fmt(r['birth'])}", "entered-before-birth")
        listed = admission_rows.get((person_key(r["name"]), r["birth"]))
        if status == schema.STATUS_ACTIVE and listed is not None:
            s.warning(
                "status",
                f"người này đã kết nạp ngày {_fmt(listed['admitted'])} (sheet "
                f"«{schema.ADMISSION_SHEET.name}», dòng {listed['_row']}"
                f"{'' if listed['_file'] == r['_file'] else ', tệp ' + str(listed['_file'])}) nhưng tình "
                f"trạng vẫn là «{status}»; được tính một lần, là đảng viên đã kết nạp (không tính là nguồn "
                f"từ ngày kết nạp). Hãy sửa tình trạng thành «{schema.STATUS_ADMITTED}» và ghi «Ngày thay đổi»",
                "admitted-still-candidate",
            )
        if (
            status == schema.STATUS_ADMITTED
            and (person_key(r["name"]), r["birth"]) not in admitted
            and person_key(r["name"]) not in inbox.rejected_admissions
        ):  # its row has an error already
            s.warning(
                "status",
                "người này ghi «Đã kết nạp» nhưng không có dòng nào ở sheet «Kết nạp» "
                "(cùng họ tên và ngày sinh); số kết nạp chỉ tính theo sheet «Kết nạp»",
                "admitted-not-listed",
            )


def _count(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)  # type: ignore[call-overload]


def check_members(inbox: Inbox, findings: Findings, year: int | None) -> None:
    """`Số đảng viên đầu năm`, the base of the 3% target: the `Toàn Đảng bộ` row, else every
    branch's figure (a partial sum would understate it); a ward row that differs from the
    branches' sum is named (the documents use the ward row)."""
    spec = schema.QUOTA_SHEET
    ward_key = branch_key(schema.WARD_TOTAL)
    rows: dict[int, dict[str, dict[str, Any]]] = defaultdict(dict)
    for r in records(inbox.quotas):
        rows[int(r["year"])].setdefault(branch_key(r["branch"]), r)
    for y in sorted(rows):
        if year is not None and y > year:
            continue  # the office may fill next year's rows ahead
        ward = rows[y].get(ward_key)
        ward_members = None if ward is None else _count(ward["members_start"])
        figures = {
            b.name: _count(rows[y][branch_key(b.name)]["members_start"]) if branch_key(b.name) in rows[y] else None
            for b in inbox.branches
        }
        missing = [name for name, value in figures.items() if value is None]
        if ward_members is None and missing and len(missing) < len(figures):
            findings.warning(
                f"năm {y}: dòng «{schema.WARD_TOTAL}» không ghi «Số đảng viên đầu năm» và {len(missing)} chi bộ"
                f" chưa ghi ({', '.join(sorted(missing))}); không tính được tỷ lệ kết nạp so với tổng số đảng viên"
                f" đầu năm {y} (cần ghi ở dòng «{schema.WARD_TOTAL}» hoặc đủ ở mọi chi bộ)",
                file=inbox.ward_file,
                sheet=spec.name,
                column="Số đảng viên đầu năm",
                value=str(y),
                rule="members-incomplete",
            )
        if ward is not None and ward_members is not None and figures and not missing:
            # the sheet's own rows: a branch whose workbook could not be read still has its row
            total = sum(_count(r["members_start"]) or 0 for k, r in rows[y].items() if k != ward_key)
            if total != ward_members:
                _Sheet(inbox, findings, ward, spec).warning(
                    "members_start",
                    f"năm {y}: dòng «{schema.WARD_TOTAL}» ghi {ward_members} đảng viên đầu năm,"
                    f" tổng các chi bộ là {total}; các văn bản dùng số của dòng «{schema.WARD_TOTAL}». Kiểm tra"
                    " lại cho khớp",
                    "members-mismatch",
                )


# Words that name the whole ward rather than a branch (`Đảng bộ phường`, `Toàn ĐB`).
_WARD_WORDS = ("dang bo", "db", "toan", "dang uy", "du")


def _names_the_ward(name: str) -> bool:
    words = fold(name).replace(".", " ").split()
    joined = " ".join(words)
    return not joined.startswith("chi bo") and any(w in words or (" " in w and w in joined) for w in _WARD_WORDS)


def _quota_without_workbook(inbox: Inbox, s: _Sheet, r: pd.Series, known: dict[str, str]) -> None:
    """One warning per name of `Chỉ tiêu` that no workbook carries, at its first row, listing every
    row of that name, what the documents then leave out, and the likely branch: first one whose own
    rows are missing exactly in those years (a branch renamed during the term), else a near spelling."""
    key = branch_key(r["branch"])
    quotas = inbox.quotas
    mine = quotas[[branch_key(b) == key for b in quotas["branch"]]]
    years = sorted({int(y) for y in mine["year"]})
    rows = sorted(int(x) for x in mine["_row"])
    given = sum(int(q) for q in mine["admission_quota"] if q is not None and not pd.isna(q))
    years_of = {
        k: {int(y) for y, b in zip(quotas["year"], quotas["branch"], strict=True) if branch_key(b) == k} for k in known
    }
    renamed = [k for k in known if years_of[k] and not (years_of[k] & set(years))]
    close = difflib.get_close_matches(key, renamed, n=1, cutoff=0.0) or difflib.get_close_matches(
        key, list(known), n=1, cutoff=0.6
    )
    hint = ""
    if close:
        hint = f" Có phải «{known[close[0]]}»"
        if close[0] in renamed:
            listed = ", ".join(str(y) for y in sorted(years_of[close[0]]))
            hint += (
                f" (chỉ có dòng chỉ tiêu các năm {listed}: chi bộ đổi tên?) Nếu vậy, ghi «{r['branch']}» ở dòng"
                f" «Tên cũ» của sheet «{schema.BRANCH_INFO_SHEET}» trong sổ của chi bộ đó"
            )
        hint += "?"
    if _names_the_ward(str(r["branch"])):
        hint = (
            f" Nếu đây là chỉ tiêu cấp trên giao cho cả Đảng bộ, hãy ghi đúng «{schema.WARD_TOTAL}»"
            " (chỉ dòng ghi như vậy được hiểu là của toàn Đảng bộ)"
        )
    if inbox.unread_files:  # its workbook may be the one that could not be read: no guess
        hint = (
            " Có thể sổ của chi bộ này là "
            + ", ".join(f"«{f}»" for f in inbox.unread_files)
            + " (không đọc được, xem lỗi của tệp đó): sửa tệp đó trước"
        )
    where = f"các dòng {', '.join(str(x) for x in rows)}" if len(rows) > 1 else f"dòng {rows[0]}"
    s.warning(
        "branch",
        "không có sổ của chi bộ này trong thư mục (hoặc tên ghi khác với «Tên chi bộ» trong sổ chi bộ); "
        f"{where} (năm {', '.join(str(y) for y in years)}, tổng chỉ tiêu {given}) không được so sánh với"
        " số kết nạp và không tính vào chỉ tiêu của chi bộ nào ở Biểu 3, báo cáo tổng kết nhiệm kỳ." + hint,
        "quota-without-workbook",
    )


def check_quotas(inbox: Inbox, findings: Findings, year: int | None) -> None:
    spec = schema.QUOTA_SHEET
    names = {branch_key(b.name) for b in inbox.branches} | {branch_key(schema.WARD_TOTAL)}
    known = {branch_key(b.name): b.name for b in inbox.branches}
    seen: dict[tuple[int, str], int] = {}
    warned: set[str] = set()
    for r in records(inbox.quotas):
        s = _Sheet(inbox, findings, r, spec)
        key = (int(r["year"]), branch_key(r["branch"]))
        if key in seen:
            s.error(
                "branch",
                f"chỉ tiêu năm {key[0]} của chi bộ này đã ghi ở dòng {seen[key]}; mỗi chi bộ mỗi năm một dòng",
                "duplicate-quota",
            )
        else:
            seen[key] = int(r["_row"])
        if key[1] not in names and key[1] not in warned and inbox.branches:
            warned.add(key[1])
            _quota_without_workbook(inbox, s, r, known)
        members = r["members_start"]
        has_members = members is not None and not pd.isna(members)
        if key[1] != branch_key(schema.WARD_TOTAL) and has_members and int(members) < MIN_OFFICIAL_MEMBERS:
            s.warning(
                "members_start",
                f"chi bộ có dưới {MIN_OFFICIAL_MEMBERS} đảng viên chính thức (Điều lệ Đảng: "
                f"chi bộ cần ít nhất {MIN_OFFICIAL_MEMBERS} đảng viên chính thức)",
                "small-branch",
            )
    unreadable = {branch_key(name) for name in inbox.rejected_quotas}  # their rows have an error already
    named = {k for _, k in seen} | unreadable
    check_branches_named(inbox, findings, named)
    if year is not None:
        years = [year]
        if inbox.ward is not None:  # every year of the term up to the report year
            term = term_for_year(inbox.ward, year)
            years = list(range(term.term_start.year, year + 1)) or [year]
        empty_years = _years_without_rows(inbox, seen, years, unreadable, findings)
        for b in inbox.branches:
            key_b = branch_key(b.name)
            if year in empty_years:
                break  # said once for the whole year
            if (year, key_b) not in seen and key_b not in unreadable and (key_b in named or len(named) <= 1):
                findings.warning(
                    f"chi bộ «{b.name}» không có chỉ tiêu năm {year} trong sheet «Chỉ tiêu»; "
                    "báo cáo ghi chỉ tiêu là «–»",
                    file=inbox.ward_file,
                    sheet=schema.QUOTA_SHEET.name,
                    value=b.name,
                    rule="branch-without-quota",
                )
        active = {y for y, _ in seen} | {d.year for d in inbox.admissions["admitted"] if isinstance(d, date)}
        missing = [
            y
            for y in years
            if (y, branch_key(schema.WARD_TOTAL)) not in seen and (y in active or y == year) and y not in empty_years
        ]
        if inbox.ward_file and missing and branch_key(schema.WARD_TOTAL) not in unreadable:
            listed = ", ".join(str(y) for y in missing)
            findings.warning(
                f"không có dòng «{schema.WARD_TOTAL}» năm {listed} (chỉ tiêu cấp trên giao cho toàn Đảng bộ); "
                "báo cáo không so sánh được các năm đó với chỉ tiêu cấp trên",
                file=inbox.ward_file,
                sheet=schema.QUOTA_SHEET.name,
                rule="no-ward-quota",
            )


def _years_without_rows(
    inbox: Inbox, seen: dict[tuple[int, str], int], years: list[int], unreadable: set[str], findings: Findings
) -> set[int]:
    """The years of the term with no row at all in `Chỉ tiêu` (the report year, or a year after the first one
    entered: rows forgotten or deleted by mistake): one warning each, not one per branch; the report year first."""
    if not inbox.ward_file or len(inbox.branches) < 2 or unreadable or not seen:  # one branch: said as before
        return set()
    with_rows = {row_year for row_year, _ in seen}
    report_year = years[-1]
    first = min((y for y in years if y in with_rows), default=report_year)  # years before it were never entered
    empty = {y for y in years if y not in with_rows and (y >= first or y == report_year)}
    for y in sorted(empty, key=lambda y: (y != report_year, y)):
        effect = (
            "báo cáo năm không có chỉ tiêu, tỷ lệ đạt chỉ tiêu của toàn Đảng bộ và từng chi bộ, không so sánh với"
            " chỉ tiêu cấp trên giao"
            if y == report_year
            else "báo cáo tổng kết nhiệm kỳ coi năm này là năm không giao chỉ tiêu cho chi bộ nào"
        )
        findings.warning(
            f"sheet «{schema.QUOTA_SHEET.name}» chưa có dòng nào của năm {y}"
            + (" (năm báo cáo)" if y == report_year else "")
            + f": chưa nhập, hay đã xóa nhầm? Nếu để vậy, {effect}. Hãy thêm mỗi chi bộ một dòng năm {y} và dòng"
            f" «{schema.WARD_TOTAL}»",
            file=inbox.ward_file,
            sheet=schema.QUOTA_SHEET.name,
            value=str(y),
            rule="year-without-quota-rows",
        )
    return empty


def check_branches_named(inbox: Inbox, findings: Findings, named: set[str]) -> None:
    """A branch workbook whose `Tên chi bộ` has no row in `Chỉ tiêu` in any year is not known to
    the ward (a workbook of another ward copied into the folder, an old copy kept in a sub-folder):
    its people would be counted in the ward's figures, so it is an error at that workbook. Only
    when the sheet names branches at all (a sheet with only `Toàn Đảng bộ` rows proves nothing)."""
    ward_key = branch_key(schema.WARD_TOTAL)
    if not inbox.ward_file or not (named - {ward_key}):
        return
    for b in inbox.branches:
        if branch_key(b.name) in named:
            continue
        where = f" (thư mục con «{b.file.rsplit('/', 1)[0]}»)" if "/" in b.file else ""
        findings.error(
            f"chi bộ «{b.name}» không có dòng nào trong sheet «{schema.QUOTA_SHEET.name}» của sổ "
            f"«{inbox.ward_file}» (không năm nào ghi tên chi bộ này); có thể đây là sổ của đảng bộ khác chép nhầm vào "
            f"thư mục này{where}, hay bản lưu cũ. Nếu để vậy, số người kết nạp, nguồn của sổ này bị tính vào"
            " số liệu của Đảng bộ, nên chưa lập văn bản. Nếu đúng là chi bộ của Đảng bộ: thêm các dòng chỉ tiêu"
            f" của chi bộ vào sheet «{schema.QUOTA_SHEET.name}» (cột «Chi bộ» ghi đúng «{b.name}»; chi bộ đổi"
            " tên thì ghi tên cũ ở dòng «Tên cũ» của sheet «Thông tin»); nếu không: chuyển sổ này ra khỏi thư mục",
            rule="branch-not-in-quotas",
            **b.name_cell(),
        )


def check_assessments(inbox: Inbox, findings: Findings, year: int | None) -> None:
    """`Nhận định` rows that no document of this run prints are said, not dropped: a year after the
    report year, a term other than the ward's, and the lessons of a year (only the term review has a
    lessons section). Rows of earlier years are the office's history and are not judged."""
    if year is None or inbox.ward is None or inbox.assessments.empty:
        return
    spec = schema.ASSESSMENT_SHEET
    term = term_for_year(inbox.ward, year).term_label
    terms = {term, inbox.ward.term_label}
    for r in records(inbox.assessments):
        period, section = str(r.get("period") or ""), str(r.get("section") or "")
        if not period or not section:
            continue
        s = _Sheet(inbox, findings, r, spec)
        if "-" in period and period not in terms:
            s.warning(
                "period",
                f"nhiệm kỳ {period} khác nhiệm kỳ ghi ở sheet «{schema.WARD_INFO_SHEET}» ({term}) nên dòng này không"
                f" được đưa vào văn bản nào; nếu là nhận định của nhiệm kỳ này, hãy sửa «Năm» thành {term}",
                "unused-assessment",
            )
        elif "-" not in period and int(period) > year:
            s.warning(
                "period",
                f"năm {period} sau năm báo cáo {year} nên dòng này không được đưa vào văn bản nào của lần lập này;"
                f" nếu là nhận định của năm {year}, hãy sửa «Năm» thành {year}",
                "unused-assessment",
            )
        elif period == str(year) and section == schema.SECTION_LESSONS:
            s.warning(
                "section",
                f"báo cáo năm không có mục «{schema.SECTION_LESSONS}» nên dòng này không được đưa vào văn bản nào;"
                f" bài học của nhiệm kỳ hãy ghi «Năm» là {term} để đưa vào báo cáo tổng kết nhiệm kỳ",
                "unused-assessment",
            )


def check_superior(inbox: Inbox, findings: Findings, on: date) -> None:
    """On a document dated from 01/7/2025 there is no district level: a ward's superior is the
    province or the city under the centre (`rules.district_level_unit` tells the rest)."""
    ward = inbox.ward
    if ward is None or district_level_exists(on):
        return
    unit = district_level_unit(ward.superior)
    if unit is not None:
        kind = "thành phố thuộc tỉnh, cấp huyện" if unit == "thành phố" else f"cấp huyện ({unit})"
        findings.warning(
            f"«{ward.superior}» là {kind}; từ ngày {_fmt(DISTRICT_LEVEL_ENDED)} không còn cấp huyện, văn bản ngày "
            f"{_fmt(on)} ghi cấp trên là tỉnh ủy hoặc thành ủy trực thuộc Trung ương ({rules_short(on)})."
            " Kiểm tra lại «Đảng bộ cấp trên» (ghi ở đầu văn bản) và «Nơi nhận»",
            file=inbox.ward_file,
            sheet=schema.WARD_INFO_SHEET,
            column="Đảng bộ cấp trên",
            value=ward.superior,
            rule="superior-district-level",
        )


def validate(inbox: Inbox, findings: Findings, year: int | None, on: date, clock: date | None = None) -> None:
    """Every rule; findings are added, nothing is raised. `on`: the document's date (`--ngay`); `clock`:
    the machine's date, when known (dates between the two, after the report year: `Later`)."""
    check_superior(inbox, findings, on)
    check_quotas(inbox, findings, year)
    check_assessments(inbox, findings, year)
    check_members(inbox, findings, year)
    reference = min(on, date(year, 12, 31)) if year is not None else on
    later = Later(on, date(year, 12, 31) if year is not None else None, clock)
    check_admissions(inbox, findings, on, reference, later)
    check_candidates(inbox, findings, on, later)
    later.said(findings)
    check_people_across_branches(inbox, findings)
