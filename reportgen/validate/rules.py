"""The Party's admission rules and the cross-sheet / cross-file checks -> findings.

The numbers and the dated table of texts live in `reportgen.rules`; each message cites
the texts in force on the date it judges (../shared/DOMAIN.md).
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from datetime import date

import pandas as pd

from .. import schema
from ..dates import full_years
from ..findings import Findings
from ..intake.load import Inbox
from ..intake.normalize import branch_key, fold
from ..intake.ward import term_for_year
from ..rules import (
    CLASS_VALID_MONTHS,
    MAX_AGE_YEARS,
    MIN_OFFICIAL_MEMBERS,
    PROBATION_MONTHS,
    RECOGNITION_WITHIN_WORKING_DAYS,
    class_expiry,
    district_level_exists,
    over_max_age,
    probation_end,
    recognition_overdue,
    rules_short,
    under_min_age,
)


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
        return {"file": r["_file"], "sheet": r["_sheet"], "row": int(r["_row"]), "column": header, "value": shown,
                "cell_column": self.inbox.position(r["_file"], r["_sheet"], key)}

    def error(self, key: str, message: str, rule: str) -> None:
        self.findings.error(message, rule=rule, **self.where(key))

    def warning(self, key: str, message: str, rule: str) -> None:
        self.findings.warning(message, rule=rule, **self.where(key))


def _future(s: _Sheet, keys: tuple[str, ...], today: date) -> None:
    for key in keys:
        value = s.row.get(key)
        if isinstance(value, date) and value > today:
            s.error(key, f"ngày ở tương lai (sau hôm nay {_fmt(today)}); kiểm tra lại năm", "future-date")


def _duplicates(inbox: Inbox, frame: pd.DataFrame, spec: schema.Sheet, findings: Findings) -> None:
    """The same person (name and date of birth) twice in one sheet."""
    seen: dict[tuple[str, str, str, object], int] = {}
    for _, r in frame.iterrows():
        key = (r["_file"], r["_sheet"], fold(r["name"]), r["birth"])
        if key in seen:
            _Sheet(inbox, findings, r, spec).error(
                "name",
                f"người này (cùng họ tên và ngày sinh) đã có ở dòng {seen[key]}; mỗi người chỉ ghi một dòng",
                "duplicate-person",
            )
        else:
            seen[key] = int(r["_row"])


def check_admissions(inbox: Inbox, findings: Findings, today: date, reference: date | None = None) -> None:
    """`reference`: the date probation is judged at (the end of the report year, at the latest today)."""
    reference = reference or today
    spec = schema.ADMISSION_SHEET
    frame = inbox.admissions
    _duplicates(inbox, frame, spec, findings)
    branches_of: dict[tuple[str, object], list[tuple[str, str, int]]] = defaultdict(list)
    for _, r in frame.iterrows():
        s = _Sheet(inbox, findings, r, spec)
        birth, admitted, class_date = r["birth"], r["admitted"], r["class_date"]
        ceremony = r["ceremony"] if isinstance(r["ceremony"], date) else admitted
        branches_of[(fold(r["name"]), birth)].append((r["branch"], r["_file"], int(r["_row"])))
        _future(s, ("birth", "admitted", "ceremony", "class_date", "official"), today)
        if admitted <= birth:
            s.error("admitted", f"ngày kết nạp {_fmt(admitted)} không sau ngày sinh {_fmt(birth)}", "admitted-before-birth")
            continue
        texts = rules_short(admitted)
        age = full_years(birth, admitted)
        if under_min_age(birth, admitted):
            s.error("admitted", f"khi kết nạp mới {age} tuổi; người vào Đảng phải đủ 18 tuổi ({texts})", "under-18")
        elif over_max_age(birth, admitted):
            s.warning("admitted", f"khi kết nạp đã {age} tuổi (trên {MAX_AGE_YEARS}): cần văn bản đồng ý của "
                      f"Ban Thường vụ tỉnh ủy, thành ủy ({texts})", "over-60")
        if class_date > admitted:
            s.error("class_date", f"ngày học lớp nhận thức về Đảng sau ngày kết nạp {_fmt(admitted)}; "
                    "phải học lớp trước khi kết nạp", "class-after-admission")
        elif (expiry := class_expiry(class_date)) is not None and expiry < admitted:
            s.error("class_date", f"giấy chứng nhận học lớp nhận thức về Đảng chỉ có giá trị {CLASS_VALID_MONTHS} "
                    f"tháng (đến {_fmt(expiry)}); đến ngày kết nạp {_fmt(admitted)} đã quá hạn ({texts})",
                    "class-expired")
        if isinstance(r["ceremony"], date) and r["ceremony"] < admitted:
            s.error("ceremony", f"ngày lễ kết nạp trước ngày quyết định kết nạp {_fmt(admitted)}", "ceremony-before-decision")
        official = r["official"]
        earliest = probation_end(ceremony)
        if isinstance(official, date) and earliest is not None and official < earliest:
            s.error("official", f"công nhận chính thức khi chưa đủ {PROBATION_MONTHS} tháng dự bị (tính từ "
                    f"{_fmt(ceremony)}, sớm nhất {_fmt(earliest)}) ({texts})", "early-recognition")
        elif not isinstance(official, date) and recognition_overdue(ceremony, reference):
            s.warning("official", f"đã quá {PROBATION_MONTHS} tháng dự bị (tính từ {_fmt(ceremony)}) mà chưa ghi "
                      "ngày công nhận chính thức; chi bộ cần xét công nhận chính thức trong "
                      f"{RECOGNITION_WITHIN_WORKING_DAYS} ngày làm việc sau khi hết thời gian dự bị "
                      f"({rules_short(reference)})", "probation-overdue")
        if r["education"] == "Tiểu học":
            s.warning("education", "trình độ học vấn dưới trung học cơ sở: chỉ được kết nạp ở vùng cao, vùng sâu, "
                      f"vùng khó khăn theo quy định riêng ({texts})", "education-below-lower-secondary")
    for (name, birth), where in branches_of.items():
        if len({b for b, _, _ in where}) > 1:
            places = "; ".join(f"«{b}» (tệp {f}, dòng {row})" for b, f, row in where)
            first = frame[(frame["name"].map(fold) == name) & (frame["birth"] == birth)].iloc[0]
            _Sheet(inbox, findings, first, spec).error(
                "name", f"cùng một người (họ tên và ngày sinh) được ghi kết nạp ở nhiều chi bộ: {places}",
                "admitted-twice")


def check_candidates(inbox: Inbox, findings: Findings, today: date) -> None:
    spec = schema.CANDIDATE_SHEET
    frame = inbox.candidates
    _duplicates(inbox, frame, spec, findings)
    admitted = {(fold(n), b) for n, b in zip(inbox.admissions["name"], inbox.admissions["birth"])}
    for _, r in frame.iterrows():
        s = _Sheet(inbox, findings, r, spec)
        _future(s, ("birth", "entered", "class_date", "status_date"), today)
        status, changed = r["status"], r["status_date"]
        if status != schema.STATUS_ACTIVE and not isinstance(changed, date):
            s.error("status_date", f"tình trạng «{status}» cần ghi «Ngày thay đổi»", "missing-status-date")
        if isinstance(changed, date) and isinstance(r["entered"], date) and changed < r["entered"]:
            s.error("status_date", f"ngày thay đổi tình trạng trước ngày vào nguồn {_fmt(r['entered'])}",
                    "status-before-entry")
        if r["entered"] <= r["birth"]:
            s.error("entered", f"ngày vào nguồn không sau ngày sinh {_fmt(r['birth'])}", "entered-before-birth")
        if (status == schema.STATUS_ADMITTED and (fold(r["name"]), r["birth"]) not in admitted
                and fold(r["name"]) not in inbox.rejected_admissions):  # its row has an error already
            s.warning("status", "người này ghi «Đã kết nạp» nhưng không có dòng nào ở sheet «Kết nạp» "
                      "(cùng họ tên và ngày sinh); số kết nạp chỉ tính theo sheet «Kết nạp»", "admitted-not-listed")


def check_quotas(inbox: Inbox, findings: Findings, year: int | None) -> None:
    spec = schema.QUOTA_SHEET
    names = {branch_key(b.name) for b in inbox.branches} | {branch_key(schema.WARD_TOTAL)}
    known = {branch_key(b.name): b.name for b in inbox.branches}
    seen: dict[tuple[int, str], int] = {}
    warned: set[str] = set()
    for _, r in inbox.quotas.iterrows():
        s = _Sheet(inbox, findings, r, spec)
        key = (int(r["year"]), branch_key(r["branch"]))
        if key in seen:
            s.error("branch", f"chỉ tiêu năm {key[0]} của chi bộ này đã ghi ở dòng {seen[key]}; "
                    "mỗi chi bộ mỗi năm một dòng", "duplicate-quota")
        else:
            seen[key] = int(r["_row"])
        if key[1] not in names and key[1] not in warned and inbox.branches:
            warned.add(key[1])
            close = difflib.get_close_matches(key[1], list(known), n=1, cutoff=0.6)
            hint = f" Có phải «{known[close[0]]}»?" if close else ""
            s.warning("branch", "không có sổ của chi bộ này trong thư mục (hoặc tên ghi khác với «Tên chi bộ» "
                      f"trong sổ chi bộ); chỉ tiêu của chi bộ này không được so sánh.{hint}", "quota-without-workbook")
        members = r["members_start"]
        if key[1] != branch_key(schema.WARD_TOTAL) and members is not None and not pd.isna(members) and int(members) < MIN_OFFICIAL_MEMBERS:
            s.warning("members_start", f"chi bộ có dưới {MIN_OFFICIAL_MEMBERS} đảng viên chính thức (Điều lệ Đảng: chi bộ cần "
                      f"ít nhất {MIN_OFFICIAL_MEMBERS} đảng viên chính thức)", "small-branch")
    if year is not None:
        for b in inbox.branches:
            if (year, branch_key(b.name)) not in seen:
                findings.warning(
                    f"chi bộ «{b.name}» không có chỉ tiêu năm {year} trong sheet «Chỉ tiêu»; "
                    "báo cáo ghi chỉ tiêu là «–»",
                    file=inbox.ward_file, sheet=schema.QUOTA_SHEET.name, value=b.name, rule="branch-without-quota",
                )
        years = [year]
        if inbox.ward is not None:  # every year of the term up to the report year
            term = term_for_year(inbox.ward, year)
            years = list(range(term.term_start.year, year + 1)) or [year]
        active = {y for y, _ in seen} | {d.year for d in inbox.admissions["admitted"] if isinstance(d, date)}
        missing = [y for y in years if (y, branch_key(schema.WARD_TOTAL)) not in seen and (y in active or y == year)]
        if inbox.ward_file and missing:
            listed = ", ".join(str(y) for y in missing)
            findings.warning(
                f"không có dòng «{schema.WARD_TOTAL}» năm {listed} (chỉ tiêu cấp trên giao cho toàn Đảng bộ); "
                "báo cáo không so sánh được các năm đó với chỉ tiêu cấp trên",
                file=inbox.ward_file, sheet=schema.QUOTA_SHEET.name, rule="no-ward-quota",
            )


_DISTRICT_WORDS = ("huyen", "quan", "thi xa")


def check_superior(inbox: Inbox, findings: Findings, today: date) -> None:
    """Since 01/7/2025 there is no district level: a ward's superior is the province or city."""
    ward = inbox.ward
    if ward is None or district_level_exists(today):
        return
    words = fold(ward.superior).split()
    folded = " ".join(words)
    if any(f" {w} " in f" {folded} " for w in _DISTRICT_WORDS):
        findings.warning(
            "từ ngày 01/7/2025 không còn cấp huyện (quận, thị xã): đảng ủy phường, xã trực thuộc tỉnh ủy, thành ủy."
            " Kiểm tra lại «Đảng bộ cấp trên» (ghi ở đầu văn bản) và «Nơi nhận»",
            file=inbox.ward_file, sheet=schema.WARD_INFO_SHEET, column="Đảng bộ cấp trên", value=ward.superior,
            rule="superior-district-level",
        )


def validate(inbox: Inbox, findings: Findings, year: int | None, today: date) -> None:
    """Every rule; findings are added, nothing is raised."""
    check_superior(inbox, findings, today)
    check_quotas(inbox, findings, year)
    reference = min(today, date(year, 12, 31)) if year is not None else today
    check_admissions(inbox, findings, today, reference)
    check_candidates(inbox, findings, today)
