"""Aggregation on hand-made inboxes whose figures are known by construction."""

from datetime import date

import pytest

from builders import Admission, Candidate, Ward, make_branch, make_ward
from reportgen.findings import Findings
from reportgen.intake.load import load_inbox
from reportgen.stats.aggregate import aggregate, full_months, full_years

BRANCHES = ["Chi bộ Tổ dân phố 1", "Chi bộ Trường THCS Phổ Hòa", "Chi bộ Công an phường"]
KINDS = ["Khu dân cư", "Trường học", "Công an"]


def term_ward(tmp_path, admissions_per_year=None):
    """38 admissions over 2021-2025, 28 of them Youth Union members."""
    per_year = admissions_per_year or {2021: 8, 2022: 7, 2023: 9, 2024: 6, 2025: 8}
    rows = {b: [] for b in BRANCHES}
    n = 0
    for year, count in per_year.items():
        for i in range(count):
            branch = BRANCHES[n % 3]
            rows[branch].append(Admission(
                f"Nguyễn Văn Người{n:02d}", date(1995, 1 + n % 12, 1 + n % 27), date(year, 3 + i % 9, 10),
                youth_union="x" if n < 28 else "", gender="Nữ" if n % 4 == 0 else "Nam",
                occupation="Giáo viên" if branch == BRANCHES[1] else "Khác",
                official=date(year + 1, 3 + i % 9, 11) if year < 2025 else None,
            ))
            n += 1
    quotas = []
    for year in per_year:
        for branch in BRANCHES:
            quotas.append((year, branch, 3, 2, 20))
        quotas.append((year, "Toàn Đảng bộ", 8, None, 60))
    make_ward(tmp_path, Ward(quotas=quotas, organisations=[(2025, "Đoàn Thanh niên", 2), (2025, "Hội Nông dân", 1)]))
    for branch, kind in zip(BRANCHES, KINDS):
        make_branch(tmp_path, branch, kind, admissions=rows[branch])
    return tmp_path


def build_report(folder, year=2025):
    findings = Findings()
    inbox = load_inbox(folder, findings)
    assert not findings.has_errors, [f.describe() for f in findings.errors]
    return aggregate(inbox, year, date(2026, 1, 5))


def test_term_totals_average_and_youth_union_share(tmp_path):
    report = build_report(term_ward(tmp_path))
    term = report.term
    assert term.admissions == 38
    assert term.years_count == 5
    assert term.yearly_average == pytest.approx(7.6)
    row = term.structure.row("youth_union")
    assert row.count == 28 and row.share == pytest.approx(28 / 38)
    assert [y.admissions for y in term.years] == [8, 7, 9, 6, 8]
    assert term.ward_quota_sum == 40
    assert term.complete


def test_year_figures_and_previous_year(tmp_path):
    report = build_report(term_ward(tmp_path))
    assert report.ward_year.admissions == 8
    assert report.ward_year.ward_quota == 8
    assert report.ward_year.members_start == 60
    assert report.ward_year.quota_share == pytest.approx(1.0)
    assert report.ward_year.member_share == pytest.approx(8 / 60)
    assert report.structure.total == 8 and report.structure.prev_total == 6
    per_branch = {r.branch: r.admissions for r in report.branch_years}
    assert sum(per_branch.values()) == 8
    # admissions n = 30..37 go to branch n % 3
    assert per_branch == {BRANCHES[0]: 3, BRANCHES[1]: 3, BRANCHES[2]: 2}
    # every branch has quota 3: the police branch is below
    assert [s.branch for s in report.shortfalls.below_quota] == [BRANCHES[2]]
    # recognitions in 2025 are those admitted in 2024
    assert report.ward_year.recognitions == 6


def test_term_review_up_to_a_year_inside_the_term(tmp_path):
    report = build_report(term_ward(tmp_path), year=2023)
    assert report.term.admissions == 8 + 7 + 9
    assert report.term.years_count == 3
    assert not report.term.complete
    assert report.term.yearly_average == pytest.approx(8.0)


def test_term_start_date_from_the_ward_sheet(tmp_path):
    folder = term_ward(tmp_path)
    make_ward(folder, Ward(quotas=[(2025, b, 1, 1, 20) for b in BRANCHES],
                           fields={"Nhiệm kỳ": "2015-2020", "Ngày bắt đầu nhiệm kỳ": "15/07/2015"}))
    findings = Findings()
    inbox = load_inbox(folder, findings)
    assert inbox.ward.term_start == date(2015, 7, 15)
    assert inbox.ward.term_end == date(2020, 7, 14)
    assert inbox.ward.term_years == 5


def test_default_term_covers_five_calendar_years(tmp_path):
    folder = term_ward(tmp_path)
    findings = Findings()
    inbox = load_inbox(folder, findings)
    assert (inbox.ward.term_start, inbox.ward.term_end) == (date(2021, 1, 1), date(2025, 12, 31))


def test_no_admission_streak_left_candidates_and_overdue_probation(tmp_path):
    make_ward(tmp_path, Ward(quotas=[(y, "Chi bộ Tổ dân phố 2", 1, 1, 10) for y in range(2021, 2026)]
                             + [(y, "Chi bộ Tổ dân phố 3", 1, 1, 10) for y in range(2021, 2026)]))
    make_branch(tmp_path, "Chi bộ Tổ dân phố 2", admissions=[
        Admission("Lê Văn Hải", date(1990, 1, 1), date(2022, 6, 1), official=date(2023, 6, 2)),
    ], candidates=[
        Candidate("Phan Thị Hoa", date(2000, 1, 1), date(2023, 1, 1), status="Chuyển đi",
                  status_date=date(2025, 4, 1), class_date=date(2024, 5, 1)),
        Candidate("Võ Thị Lan", date(2000, 1, 1), date(2022, 1, 1), status="Đưa ra khỏi nguồn",
                  status_date=date(2023, 4, 1)),
        Candidate("Đỗ Văn Minh", date(2001, 1, 1), date(2025, 2, 1)),
    ])
    make_branch(tmp_path, "Chi bộ Tổ dân phố 3", admissions=[
        Admission("Hồ Văn Khoa", date(1990, 1, 1), date(2024, 6, 1), ceremony=date(2024, 6, 10)),
        Admission("Bùi Văn Long", date(1991, 1, 1), date(2025, 2, 1)),
    ])
    report = build_report(tmp_path)
    streaks = {s.branch: s.years for s in report.shortfalls.no_admission_streaks}
    assert streaks == {"Chi bộ Tổ dân phố 2": (2023, 2024, 2025)}
    assert [c.name for c in report.shortfalls.left_in_year] == ["Phan Thị Hoa"]
    assert report.shortfalls.left_in_year_trained == 1
    assert {c.name for c in report.shortfalls.left_in_term} == {"Phan Thị Hoa", "Võ Thị Lan"}
    overdue = report.shortfalls.overdue_probation
    assert [(o.name, o.probation_start) for o in overdue] == [("Hồ Văn Khoa", date(2024, 6, 10))]
    assert report.branch_years[0].candidates_at_year_end == 1
    assert report.branch_years[0].candidates_added == 1
    assert [s.branch for s in report.shortfalls.below_source_quota] == ["Chi bộ Tổ dân phố 3"]


def test_organisation_introductions(tmp_path):
    make_ward(tmp_path, Ward(quotas=[(2025, "Chi bộ A", 1, 1, 10)],
                             organisations=[(2025, "Đoàn Thanh niên", 2), (2025, "Hội Nông dân", 1)]))
    make_branch(tmp_path, "Chi bộ A", candidates=[
        Candidate("Lê Thị A", date(2000, 1, 1), date(2025, 2, 1), introduced_by="đoàn thanh niên"),
        Candidate("Lê Thị B", date(2000, 2, 1), date(2025, 3, 1), introduced_by="Đoàn Thanh niên"),
        Candidate("Lê Thị C", date(2000, 3, 1), date(2024, 3, 1), introduced_by="Hội Nông dân"),
    ])
    report = build_report(tmp_path)
    got = {o.organisation: (o.introduction_quota, o.introduced) for o in report.organisations}
    assert got == {"Đoàn Thanh niên": (2, 2), "Hội Nông dân": (1, 0)}
    assert [o.organisation for o in report.shortfalls.organisations_below_quota] == ["Hội Nông dân"]


def test_age_helpers():
    assert full_years(date(2000, 5, 10), date(2018, 5, 9)) == 17
    assert full_years(date(2000, 5, 10), date(2018, 5, 10)) == 18
    assert full_months(date(2024, 1, 31), date(2025, 1, 30)) == 11
    assert full_months(date(2024, 1, 31), date(2025, 1, 31)) == 12


def test_report_year_before_the_current_term_uses_the_term_before(tmp_path):
    folder = term_ward(tmp_path)
    make_ward(folder, Ward(term="2025-2030", quotas=[(2025, b, 3, 2, 20) for b in BRANCHES]))
    report = build_report(folder, year=2025)
    assert report.term.label == "2020-2025"
    assert (report.term.start, report.term.end) == (date(2021, 1, 1), date(2025, 12, 31))
    assert report.term.admissions == 38
    assert report.ward.term_label == "2020-2025"


def test_branch_names_without_chi_bo_and_organisation_short_forms_link(tmp_path):
    make_ward(tmp_path, Ward(quotas=[(2025, "TỔ DÂN PHỐ 1", 2, 1, 10)],
                             organisations=[(2025, "Đoàn Thanh niên", 1), (2025, "Hội LHPN", 1)]))
    make_branch(tmp_path, "Chi bộ Tổ dân phố 1", candidates=[
        Candidate("Lê Thị A", date(2000, 1, 1), date(2025, 2, 1), introduced_by="Đoàn TN"),
        Candidate("Lê Thị B", date(2000, 2, 1), date(2025, 3, 1), introduced_by="Hội Phụ nữ"),
    ])
    report = build_report(tmp_path)
    assert report.branch_years[0].quota == 2
    assert {o.organisation: o.introduced for o in report.organisations} == {"Đoàn Thanh niên": 1, "Hội LHPN": 1}


@pytest.mark.parametrize("written", ["2020-2025", "2020 - 2025", "2020–2025", "Nhiệm kỳ 2020-2025", "XVII (2020 - 2025)"])
def test_term_written_in_the_usual_ways(tmp_path, written):
    folder = term_ward(tmp_path)
    make_ward(folder, Ward(term=written, quotas=[(2025, b, 1, 1, 20) for b in BRANCHES]))
    findings = Findings()
    inbox = load_inbox(folder, findings)
    assert not findings.has_errors
    assert (inbox.ward.term_first_year, inbox.ward.term_last_year) == (2020, 2025)


def test_partial_years_of_a_mid_year_term_are_labelled(tmp_path):
    from reportgen.render.context import KIND_TERM, build_context

    folder = term_ward(tmp_path)
    make_ward(folder, Ward(quotas=[(y, b, 3, 2, 20) for y in range(2020, 2026) for b in BRANCHES],
                           fields={"Ngày bắt đầu nhiệm kỳ": "15/07/2020"}))
    report = build_report(folder, year=2025)
    labels = [r["year"] for r in build_context(report, KIND_TERM)["year_rows"]]
    assert labels == ["2020 (từ 15/07)", "2021", "2022", "2023", "2024", "2025 (đến 14/07)"]


def test_a_quota_of_zero_is_not_counted_as_met(tmp_path):
    make_ward(tmp_path, Ward(quotas=[(2025, "Chi bộ A", 1, 1, 10), (2025, "Chi bộ B", 0, 1, 10)]))
    make_branch(tmp_path, "Chi bộ A")
    make_branch(tmp_path, "Chi bộ B")
    report = build_report(tmp_path)
    assert (report.ward_year.branches_with_quota, report.ward_year.branches_met_quota) == (1, 0)
