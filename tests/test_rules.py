"""The admission rules: each case fails if its rule is removed."""

from datetime import date

import pytest

from builders import Admission, Candidate, Ward, make_branch, make_ward
from reportgen.findings import Severity
from reportgen.pipeline import check

TODAY = date(2026, 1, 5)


def run(tmp_path, admissions=(), candidates=(), quotas=None):
    make_ward(tmp_path, Ward(quotas=quotas if quotas is not None else [(2025, "Chi bộ A", 1, 1, 10),
                                                                        (2025, "Toàn Đảng bộ", 1, None, 10)]))
    make_branch(tmp_path, "Chi bộ A", admissions=list(admissions), candidates=list(candidates), file="a.xlsx")
    return check(tmp_path, year=2025, today=TODAY).findings


def rules(findings, severity=None):
    return {f.rule for f in findings if severity is None or f.severity is severity}


@pytest.mark.parametrize("admission,rule,severity", [
    (Admission("A", date(2008, 1, 1), date(2025, 6, 1)), "under-18", Severity.ERROR),
    (Admission("A", date(1960, 1, 1), date(2025, 6, 1)), "over-60", Severity.WARNING),
    (Admission("A", date(1990, 1, 1), date(2025, 6, 1), class_date=date(2025, 7, 1)), "class-after-admission",
     Severity.ERROR),
    (Admission("A", date(1990, 1, 1), date(2025, 6, 1), class_date=date(2020, 5, 1)), "class-expired", Severity.ERROR),
    (Admission("A", date(1990, 1, 1), date(2024, 6, 1), official=date(2025, 5, 1)), "early-recognition",
     Severity.ERROR),
    (Admission("A", date(1990, 1, 1), date(2025, 6, 1), ceremony=date(2025, 5, 1)), "ceremony-before-decision",
     Severity.ERROR),
    (Admission("A", date(1990, 1, 1), date(2026, 6, 1), class_date=date(2025, 1, 1)), "future-date", Severity.ERROR),
    (Admission("A", date(1990, 1, 1), date(2024, 6, 1)), "probation-overdue", Severity.WARNING),
    (Admission("A", date(2025, 7, 1), date(2025, 6, 1), class_date=date(2025, 1, 1)), "admitted-before-birth",
     Severity.ERROR),
    (Admission("A", date(1990, 1, 1), date(2025, 6, 1), education="5/12"), "education-below-lower-secondary",
     Severity.WARNING),
])
def test_admission_rules(tmp_path, admission, rule, severity):
    findings = run(tmp_path, admissions=[admission])
    assert rule in rules(findings, severity)
    hit = next(f for f in findings if f.rule == rule)
    assert hit.file == "a.xlsx" and hit.sheet == "Kết nạp" and hit.row == 4 and hit.column


def test_clean_admission_has_no_findings(tmp_path):
    quotas = [(y, b, 1, 1, 10) for y in (2024, 2025) for b in ("Chi bộ A", "Toàn Đảng bộ")]
    findings = run(tmp_path, admissions=[Admission("A", date(1990, 1, 1), date(2024, 6, 1), official=date(2025, 6, 2))],
                   quotas=quotas)
    assert not [f for f in findings if f.severity is not Severity.INFO]


@pytest.mark.parametrize("twin", ["LÊ  VĂN A", " lê văn a ", "__NFD__"])
def test_same_person_twice_in_a_sheet(tmp_path, twin):
    import unicodedata

    twin = unicodedata.normalize("NFD", "Lê Văn A") if twin == "__NFD__" else twin
    findings = run(tmp_path, admissions=[Admission("Lê Văn A", date(1990, 1, 1), date(2025, 6, 1)),
                                         Admission(twin, date(1990, 1, 1), date(2025, 7, 1))])
    dup = [f for f in findings.errors if f.rule == "duplicate-person"]
    assert len(dup) == 1 and dup[0].row == 5


def test_admitted_in_two_branches(tmp_path):
    make_branch(tmp_path, "Chi bộ B", admissions=[Admission("Lê Văn A", date(1990, 1, 1), date(2025, 6, 1))])
    findings = run(tmp_path, admissions=[Admission("Lê Văn A", date(1990, 1, 1), date(2025, 6, 1))],
                   quotas=[(2025, "Chi bộ A", 1, 1, 10), (2025, "Chi bộ B", 1, 1, 10)])
    assert "admitted-twice" in rules(findings, Severity.ERROR)


def test_candidate_rules(tmp_path):
    findings = run(tmp_path, candidates=[
        Candidate("Lê Thị A", date(2000, 1, 1), date(2024, 1, 1), status="Chuyển đi"),
        Candidate("Lê Thị B", date(2000, 1, 1), date(2024, 1, 1), status="Đã kết nạp", status_date=date(2025, 1, 1)),
        Candidate("Lê Thị C", date(2000, 1, 1), date(2024, 1, 1), status="Chuyển đi", status_date=date(2023, 1, 1)),
    ])
    assert {"missing-status-date", "status-before-entry"} <= rules(findings, Severity.ERROR)
    assert "admitted-not-listed" in rules(findings, Severity.WARNING)


def test_quota_rules(tmp_path):
    findings = run(tmp_path, quotas=[(2025, "Chi bộ A", 1, 1, 2), (2025, "Chi bộ A", 2, 1, 10),
                                     (2025, "Chi bộ Không Có", 1, 1, 10)])
    assert "duplicate-quota" in rules(findings, Severity.ERROR)
    assert {"quota-without-workbook", "small-branch", "no-ward-quota"} <= rules(findings, Severity.WARNING)


def test_branch_without_quota_for_the_year(tmp_path):
    findings = run(tmp_path, quotas=[(2024, "Chi bộ A", 1, 1, 10)],
                   admissions=[Admission("A", date(1990, 1, 1), date(2025, 6, 1))])
    assert "branch-without-quota" in rules(findings, Severity.WARNING)


def test_quota_for_an_unknown_branch_suggests_the_closest_name(tmp_path):
    findings = run(tmp_path, quotas=[(2025, "Chi bộ A", 1, 1, 10), (2025, "Chi bo AA", 1, 1, 10)])
    hit = next(f for f in findings.warnings if f.rule == "quota-without-workbook")
    assert "Có phải «Chi bộ A»?" in hit.message


def test_no_follow_on_warning_when_the_admission_row_has_an_error(tmp_path):
    findings = run(tmp_path, admissions=[Admission("Lê Thị B", date(2000, 1, 1), "12/25/2024")], candidates=[
        Candidate("Lê Thị B", date(2000, 1, 1), date(2024, 1, 1), status="Đã kết nạp", status_date=date(2024, 12, 1)),
    ])
    assert "bad-date" in rules(findings, Severity.ERROR)
    assert "admitted-not-listed" not in rules(findings)


@pytest.mark.parametrize("superior,warned", [("ĐẢNG BỘ THỊ XÃ ĐỨC PHỔ", True), ("ĐẢNG BỘ HUYỆN BA TƠ", True),
                                             ("ĐẢNG BỘ TỈNH QUẢNG NGÃI", False), ("ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", False)])
def test_district_level_superior_after_july_2025(tmp_path, superior, warned):
    make_ward(tmp_path, Ward(quotas=[(2025, "Chi bộ A", 1, 1, 10)], fields={"Đảng bộ cấp trên": superior}))
    make_branch(tmp_path, "Chi bộ A")
    after = {f.rule for f in check(tmp_path, year=2025, today=date(2026, 1, 5)).findings}
    before = {f.rule for f in check(tmp_path, year=2025, today=date(2025, 6, 30)).findings}
    assert ("superior-district-level" in after) is warned
    assert "superior-district-level" not in before
