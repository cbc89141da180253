"""The admission rules added from the texts (issue 8): age at the branch meeting, the decision
within 60 working days, the ceremony within 30 working days (Tết excluded), the 60-month
certificate on its day, future dates against the document's date, the superior body by the
document's date, the education grade hint. Each at its boundary, one day either side."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from builders import Admission, Ward, make_branch, make_ward
from reportgen.findings import Severity
from reportgen.pipeline import check
from reportgen.rules import district_level_unit
from vn_calendar import next_working_day, weekdays_after, working_days_after

TODAY = date(2026, 1, 5)
QUOTAS = [(y, b, 1, 1, 10) for y in (2024, 2025) for b in ("Chi bộ A", "Toàn Đảng bộ")]


def run(tmp_path, admissions=(), *, issued=None, superior=None, today=TODAY):
    fields = {"Đảng bộ cấp trên": superior} if superior else {}
    make_ward(tmp_path, Ward(quotas=QUOTAS, fields=fields))
    make_branch(tmp_path, "Chi bộ A", admissions=list(admissions), file="a.xlsx")
    return check(tmp_path, year=2025, today=today, issued=issued).findings


def found(findings, rule):
    return [f for f in findings if f.rule == rule]


def person(**kw):
    kw.setdefault("official", None)
    return Admission("Nguyễn Văn A", kw.pop("birth", date(1990, 3, 15)), kw.pop("admitted"), **kw)


# --- age at the branch meeting ---------------------------------------------------------


def test_age_is_judged_at_the_meeting_not_the_decision(tmp_path):
    # 18 on 01/6/2025; the branch met on that day; the decision came later.
    findings = run(tmp_path, [person(birth=date(2007, 6, 1), meeting=date(2025, 6, 2), admitted=date(2025, 7, 15))])
    assert not found(findings, "under-18") and not found(findings, "under-18-at-meeting")


def test_under_18_at_the_meeting_is_an_error_on_the_meeting_column(tmp_path):
    findings = run(tmp_path, [person(birth=date(2007, 6, 1), meeting=date(2025, 5, 31), admitted=date(2025, 7, 15))])
    [hit] = found(findings, "under-18")
    assert hit.severity is Severity.ERROR and hit.column == "Ngày chi bộ xét" and hit.value == "31/05/2025"
    assert hit.message == ("khi chi bộ xét (31/05/2025) mới 17 tuổi; người vào Đảng phải đủ 18 tuổi "
                           "(Quy định 232-QĐ/TW, Hướng dẫn 01-HD/TW)")


@pytest.mark.parametrize(("decision", "warned"), [
    (date(2025, 6, 1), True),  # 18 on the day of the decision: the meeting may have been before
    (date(2025, 8, 31), True),  # 18 years 2 months 30 days
    (date(2025, 9, 1), False),  # 18 years 3 months
])
def test_without_a_meeting_date_just_18_at_the_decision_asks_for_it(tmp_path, decision, warned):
    findings = run(tmp_path, [person(birth=date(2007, 6, 1), admitted=decision)])
    assert not found(findings, "under-18")
    assert bool(found(findings, "under-18-at-meeting")) is warned


def test_under_18_at_the_decision_without_a_meeting_date_is_an_error(tmp_path):
    findings = run(tmp_path, [person(birth=date(2007, 6, 2), admitted=date(2025, 6, 1))])
    [hit] = found(findings, "under-18")
    assert hit.column == "Ngày kết nạp"


@pytest.mark.parametrize(("offset", "warned"), [(0, False), (1, True)])
def test_over_60_from_the_day_after_the_60th_birthday(tmp_path, offset, warned):
    findings = run(tmp_path, [person(birth=date(1965, 3, 10), admitted=date(2025, 3, 10) + timedelta(days=offset))])
    assert bool(found(findings, "over-60")) is warned


def test_over_60_judged_at_the_meeting(tmp_path):
    # 60 at the meeting (allowed), 60 years and 2 months at the decision: no warning.
    findings = run(tmp_path, [person(birth=date(1965, 3, 10), meeting=date(2025, 3, 10), admitted=date(2025, 5, 12))])
    assert not found(findings, "over-60")


def test_meeting_after_the_decision_is_an_error(tmp_path):
    findings = run(tmp_path, [person(meeting=date(2025, 6, 2), admitted=date(2025, 6, 1))])
    [hit] = found(findings, "meeting-after-decision")
    assert hit.severity is Severity.ERROR and hit.column == "Ngày chi bộ xét"


# --- the decision within 60 working days of the meeting (Tết inside) --------------------


@pytest.mark.parametrize(("extra_days", "warned"), [(0, False), (1, True)])
def test_decision_within_60_working_days_of_the_meeting(tmp_path, extra_days, warned):
    meeting = date(2025, 1, 10)
    deadline = working_days_after(meeting, 60)
    decision = deadline if not extra_days else next_working_day(deadline)
    findings = run(tmp_path, [person(meeting=meeting, admitted=decision, ceremony=decision)])
    assert bool(found(findings, "decision-late")) is warned


# --- the ceremony within 30 working days of the decision (Tết inside) ---------------------


@pytest.mark.parametrize(("decision"), [date(2025, 1, 10), date(2025, 1, 24), date(2025, 4, 25)])
def test_ceremony_on_the_30th_working_day_is_on_time_and_the_next_is_late(tmp_path, decision):
    deadline = working_days_after(decision, 30)
    assert weekdays_after(decision, 30) < deadline  # a weekday count would judge this wrongly
    (tmp_path / "on-time").mkdir()
    (tmp_path / "late").mkdir()
    on_time = run(tmp_path / "on-time", [person(admitted=decision, ceremony=deadline)])
    late = run(tmp_path / "late", [person(admitted=decision, ceremony=next_working_day(deadline))])
    assert not found(on_time, "ceremony-late")
    [hit] = found(late, "ceremony-late")
    assert hit.severity is Severity.WARNING and hit.column == "Ngày lễ kết nạp"


def test_ceremony_late_whole_message(tmp_path):
    findings = run(tmp_path, [person(admitted=date(2025, 1, 10), ceremony=date(2025, 3, 3))])
    [hit] = found(findings, "ceremony-late")
    assert hit.message == (
        "lễ kết nạp quá 30 ngày làm việc sau quyết định kết nạp 10/01/2025 (chậm nhất 28/02/2025, không tính thứ"
        " Bảy, Chủ nhật, ngày lễ, Tết) (Quy định 24-QĐ/TW, Hướng dẫn 01-HD/TW)"
    )


# --- the certificate's 60-month day ---------------------------------------------------


@pytest.mark.parametrize(("decision", "expired"), [
    (date(2025, 5, 31), False),
    (date(2025, 6, 1), False),  # 60 months to the day
    (date(2025, 6, 2), True),
])
def test_certificate_valid_60_months_to_the_day(tmp_path, decision, expired):
    findings = run(tmp_path, [person(admitted=decision, class_date=date(2020, 6, 1))])
    assert bool(found(findings, "class-expired")) is expired


# --- future dates: after the document's date, not the machine's clock --------------------


def test_future_means_after_the_document_date(tmp_path):
    findings = run(tmp_path, [person(admitted=date(2025, 12, 1), ceremony=date(2025, 12, 20))],
                   issued=date(2025, 12, 15), today=date(2026, 1, 5))
    [hit] = found(findings, "future-date")
    assert hit.column == "Ngày lễ kết nạp"
    assert hit.message == "ngày ở tương lai (sau ngày lập văn bản 15/12/2025); kiểm tra lại năm"


def test_a_date_after_the_document_date_and_the_report_year_but_reached_by_the_clock_is_said_once(tmp_path):
    """A report issued again with its original date (breaker-3 F24): what happened since is not an error."""
    findings = run(tmp_path, [person(admitted=date(2025, 12, 20), ceremony=date(2026, 1, 2)),
                              Admission("Trần Văn B", date(1991, 4, 2), date(2025, 12, 20), ceremony=date(2026, 1, 3),
                                        official=date(2026, 12, 21))],
                   issued=date(2025, 12, 31), today=date(2026, 1, 5))
    [beyond_clock] = found(findings, "future-date")  # after the machine's date: still an error
    assert beyond_clock.column == "Ngày công nhận chính thức"
    [later] = found(findings, "after-document-date")
    assert later.severity.value == "Cảnh báo"
    assert later.message.startswith("2 ô ghi ngày sau ngày lập văn bản 31/12/2025 (muộn nhất 03/01/2026), đều sau")
    assert "không được tính vào văn bản" in later.message and "«a.xlsx»" in later.message


def test_a_document_dated_after_the_clock_accepts_dates_up_to_it(tmp_path):
    findings = run(tmp_path, [person(admitted=date(2025, 12, 20), ceremony=date(2026, 1, 2))],
                   issued=date(2026, 1, 10), today=date(2025, 12, 25))
    assert not found(findings, "future-date")


# --- the superior body, by the document's date ------------------------------------------


@pytest.mark.parametrize(("issued", "superior", "warned"), [
    (date(2026, 1, 5), "ĐẢNG BỘ THÀNH PHỐ ĐÀ LẠT", True),
    (date(2025, 6, 30), "ĐẢNG BỘ THÀNH PHỐ ĐÀ LẠT", False),  # the district level still existed
    (date(2025, 7, 1), "ĐẢNG BỘ THỊ XÃ ĐỨC PHỔ", True),
    (date(2026, 1, 5), "ĐẢNG BỘ TỈNH LÂM ĐỒNG", False),
    (date(2026, 1, 5), "ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH", False),
])
def test_superior_body_checked_on_the_document_date(tmp_path, issued, superior, warned):
    findings = run(tmp_path, [person(admitted=date(2025, 3, 3))], issued=issued, superior=superior,
                   today=date(2026, 2, 1))
    assert bool(found(findings, "superior-district-level")) is warned


def test_superior_warning_whole_message(tmp_path):
    findings = run(tmp_path, [person(admitted=date(2025, 3, 3))], issued=date(2026, 1, 5),
                   superior="ĐẢNG BỘ THÀNH PHỐ ĐÀ LẠT")
    [hit] = found(findings, "superior-district-level")
    assert hit.column == "Đảng bộ cấp trên" and hit.value == "ĐẢNG BỘ THÀNH PHỐ ĐÀ LẠT"
    assert hit.message == (
        "«ĐẢNG BỘ THÀNH PHỐ ĐÀ LẠT» là thành phố thuộc tỉnh, cấp huyện; từ ngày 01/07/2025 không còn cấp huyện,"
        " văn bản ngày 05/01/2026 ghi cấp trên là tỉnh ủy hoặc thành ủy trực thuộc Trung ương (Quy định"
        " 294-QĐ/TW, Hướng dẫn 06-HD/TW). Kiểm tra lại «Đảng bộ cấp trên» (ghi ở đầu văn bản) và «Nơi nhận»"
    )


@pytest.mark.parametrize(("name", "unit"), [
    ("ĐẢNG BỘ HUYỆN MỘ ĐỨC", "huyện"),
    ("HUYỆN ỦY BA VÌ", "huyện"),
    ("ĐẢNG BỘ QUẬN 1", "quận"),
    ("Đảng bộ quận Hoàn Kiếm", "quận"),
    ("DANG BO QUAN BA DINH", "quận"),
    ("ĐẢNG BỘ THỊ XÃ ĐỨC PHỔ", "thị xã"),
    ("THỊ ỦY SƠN TÂY", "thị xã"),
    ("ĐẢNG BỘ THÀNH PHỐ ĐÀ LẠT", "thành phố"),
    ("ĐẢNG BỘ TP. THỦ ĐỨC", "thành phố"),
    ("ĐẢNG BỘ THÀNH PHỐ BẢO LỘC, TỈNH LÂM ĐỒNG", "thành phố"),
    ("ĐẢNG BỘ TỈNH QUẢNG NGÃI", None),
    ("ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", None),
    ("THÀNH ỦY HUẾ", None),
    ("ĐẢNG BỘ TP. ĐÀ NẴNG", None),
    ("ĐẢNG BỘ THÀNH PHỐ CẦN THƠ", None),
    ("ĐẢNG ỦY QUÂN SỰ TỈNH", None),
    ("DANG UY QUAN SU TINH", None),
    ("ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH", None),
    ("DANG BO KHOI CAC CO QUAN TINH", None),
])
def test_district_level_names_are_recognised_by_their_unit(name, unit):
    assert district_level_unit(name) == unit


# --- the education grade hint ------------------------------------------------------------


@pytest.mark.parametrize(("grade", "level"), [("8/12", "Tiểu học"), ("10/12", "THCS"), ("11/12", "THCS"),
                                              ("8/10", "THCS"), ("6/12", "Tiểu học")])
def test_an_unfinished_grade_points_to_the_level_completed(tmp_path, grade, level):
    findings = run(tmp_path, [person(admitted=date(2025, 3, 3), education=grade)])
    [hit] = [f for f in findings if f.column == "Trình độ học vấn"]
    assert hit.severity is Severity.ERROR and hit.value == grade
    assert hit.message.endswith(
        f"«{grade}» là học đến lớp {grade.split('/')[0]} hệ {grade.split('/')[1]} năm: ghi cấp đã học xong,"
        f" tức «{level}».")


# --- re-admission ------------------------------------------------------------------------


@pytest.mark.parametrize(("decision", "warned"), [(date(2025, 3, 9), True), (date(2025, 3, 10), False)])
def test_readmission_at_least_36_months_after_leaving(tmp_path, decision, warned):
    note = "Kết nạp lại; đã ra khỏi Đảng ngày 10/03/2022"
    findings = run(tmp_path, [person(admitted=decision, note=note)])
    assert bool(found(findings, "readmission-too-early")) is warned
