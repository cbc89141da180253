"""The plan for the next year: the allocation rules on hand-made figures, and the
inputs `aggregate` gathers from hand-made workbooks."""

from __future__ import annotations

import math
from datetime import date

from builders import Admission, Candidate, Ward, make_branch, make_ward
from hypothesis import given
from hypothesis import strategies as st

from reportgen.findings import Findings
from reportgen.intake.load import load_inbox
from reportgen.stats.aggregate import aggregate
from reportgen.stats.plan import (
    BranchNeed,
    OrganisationNeed,
    allocate,
    make_plan,
    member_floor,
    source_quota,
)


def need(name: str, trained: int, waiting: int | None = None, source: int | None = None) -> BranchNeed:
    return BranchNeed(name, "Khu dân cư", trained, max(trained, waiting or 0), source)


def plan_of(needs, superior=None, previous=None, members=None, orgs=()):
    return make_plan(2026, needs, superior_quota=superior, previous_quota=previous, members_base=members,
                     members_year=2025 if members is not None else None, organisations=orgs,
                     organisations_year=2025 if orgs else None)


# --- the floors ------------------------------------------------------------------------


def test_member_floor_rounds_up_in_decimals():
    assert member_floor(332) == 10  # 9,96
    assert member_floor(300) == 9  # exactly 9, not 9.000000000000002 -> 10
    assert member_floor(301) == 10
    assert member_floor(None) == 0 and member_floor(0) == 0


def test_superior_quota_of_the_plan_year_comes_first():
    needs = [need("Chi bộ A", 3), need("Chi bộ B", 0)]
    plan = plan_of(needs, superior=6, previous=12, members=100)
    assert plan.quota_floor == 6 and plan.quota_from_superior
    assert plan.member_floor == 3 and plan.target == 6 and plan.total == 6


def test_quota_of_the_report_year_when_the_superior_has_not_given_one():
    plan = plan_of([need("Chi bộ A", 3), need("Chi bộ B", 0)], previous=5, members=100)
    assert plan.quota_floor == 5 and not plan.quota_from_superior and plan.total == 5


def test_three_percent_of_members_when_larger():
    plan = plan_of([need("Chi bộ A", 9), need("Chi bộ B", 0)], previous=5, members=332)
    assert plan.member_floor == 10 and plan.target == 10 and plan.total == 10


def test_one_per_branch_when_the_floors_are_small():
    needs = [need(f"Chi bộ Tổ dân phố {i}", i % 3) for i in range(1, 15)]
    plan = plan_of(needs, previous=10, members=332)
    assert plan.target == 10 and plan.total == 14
    assert {b.admission_quota for b in plan.branches} == {1}


def test_no_figures_at_all_still_gives_one_per_branch():
    plan = plan_of([need("Chi bộ A", 0), need("Chi bộ B", 0)])
    assert plan.quota_floor == 0 and plan.member_floor == 0 and plan.total == 2
    assert plan.members_year is None


# --- the allocation -----------------------------------------------------------------------


def test_extra_goes_to_the_branches_with_more_trained_candidates():
    needs = [need("Chi bộ A", 5), need("Chi bộ B", 1), need("Chi bộ C", 0)]
    assert allocate(needs, 5) == [3, 1, 1]
    assert allocate(needs, 7) == [5, 1, 1]  # every trained candidate of A covered
    assert allocate(needs, 9) == [6, 2, 1]  # then A and B tie (0 uncovered): A by name, then B
    assert allocate(needs, 2) == [1, 1, 1]


def test_ties_go_in_vietnamese_name_order_whatever_the_input_order():
    names = ["Chi bộ Tổ dân phố 10", "Chi bộ Đồng Tiến", "Chi bộ Tổ dân phố 2", "Chi bộ Dốc Sỏi"]
    needs = [need(n, 2) for n in names]
    got = dict(zip(names, allocate(needs, 6), strict=True))
    # Vietnamese order: D before Đ before T; numbers as numbers (2 before 10)
    assert got == {"Chi bộ Dốc Sỏi": 2, "Chi bộ Đồng Tiến": 2, "Chi bộ Tổ dân phố 2": 1, "Chi bộ Tổ dân phố 10": 1}
    assert dict(zip(names[::-1], allocate(needs[::-1], 6), strict=True)) == got


def test_source_quota_replaces_the_admitted_and_fills_the_list():
    assert source_quota(1, need("A", 3, 5)) == 1
    assert source_quota(2, need("A", 0, 0)) == 4  # 2 to admit, none on the list
    assert source_quota(3, need("A", 1, 2)) == 4  # one short on the list
    assert source_quota(1, need("A", 3, 5, source=3)) == 3  # the workbook's quota for the plan year
    assert source_quota(1, need("A", 0, 0, source=0)) == 2


def test_organisations_introduce_at_least_one():
    orgs = [OrganisationNeed("Đoàn Thanh niên", 3, 4), OrganisationNeed("Hội Nông dân", 0, 0),
            OrganisationNeed("Hội Cựu chiến binh", None, 1)]
    plan = plan_of([need("Chi bộ A", 1)], orgs=orgs)
    assert [(o.organisation, o.introduction_quota, o.introduced_last_year) for o in plan.organisations] == [
        ("Đoàn Thanh niên", 3, 4), ("Hội Nông dân", 1, 0), ("Hội Cựu chiến binh", 1, 1)]
    assert plan.introduction_total == 5 and plan.organisations_year == 2025


names = st.lists(st.text(alphabet="ABCĐEGHÂƠ 0123456789", min_size=1, max_size=8), min_size=1, max_size=15,
                 unique=True)


@given(
    names=names,
    trained=st.lists(st.integers(0, 12), min_size=15, max_size=15),
    waiting=st.lists(st.integers(0, 6), min_size=15, max_size=15),
    superior=st.none() | st.integers(0, 40),
    previous=st.none() | st.integers(0, 40),
    members=st.none() | st.integers(0, 2000),
)
def test_allocation_properties(names, trained, waiting, superior, previous, members):
    needs = [need(f"Chi bộ {n}", t, t + w) for n, t, w in zip(names, trained, waiting, strict=False)]
    plan = plan_of(needs, superior=superior, previous=previous, members=members)
    quotas = {b.branch: b.admission_quota for b in plan.branches}
    # every branch at least 1, sources at least 1
    assert all(q >= 1 for q in quotas.values())
    assert all(b.source_quota >= 1 for b in plan.branches)
    # the ward total reaches both floors, and no more than needed
    quota_floor = superior if superior is not None else (previous or 0)
    member = math.ceil(members * 3 / 100) if members else 0
    assert plan.total >= quota_floor and plan.total >= member
    assert plan.total == max(quota_floor, member, len(needs))
    # the extra goes to the branches with more trained candidates
    by_trained = {nd.branch: nd.trained_waiting for nd in needs}
    for a, qa in quotas.items():
        for b, qb in quotas.items():
            if by_trained[a] > by_trained[b]:
                assert qa >= qb, (a, b)
    # deterministic whatever the input order
    again = plan_of(list(reversed(needs)), superior=superior, previous=previous, members=members)
    assert again == plan


# --- the inputs gathered from the workbooks -------------------------------------------------


def _ward(tmp_path, *, next_year_total=None, next_year_orgs=False):
    quotas = [
        (2025, "Chi bộ Tổ dân phố 1", 1, 1, 30), (2025, "Chi bộ Trường học", 1, 1, 20),
        (2025, "Toàn Đảng bộ", 4, None, 250),
    ]
    if next_year_total is not None:
        quotas += [(2026, "Toàn Đảng bộ", next_year_total, None, None), (2026, "Chi bộ Trường học", None, 3, None)]
    orgs = [(2025, "Đoàn Thanh niên", 2), (2025, "Hội Nông dân", 0)]
    if next_year_orgs:
        orgs += [(2026, "Đoàn Thanh niên", 4), (2026, "Hội Cựu chiến binh", 1)]
    make_ward(tmp_path, Ward(quotas=quotas, organisations=orgs))
    trained = date(2025, 4, 1)
    make_branch(tmp_path, "Chi bộ Tổ dân phố 1", candidates=[
        Candidate("Lê Văn An", date(2000, 1, 1), date(2024, 5, 1), class_date=trained),
        Candidate("Lê Văn Bình", date(2000, 1, 1), date(2024, 5, 1), class_date=trained),
        Candidate("Lê Văn Chi", date(2000, 1, 1), date(2025, 5, 1), class_date=trained),
        Candidate("Lê Văn Dũng", date(2000, 1, 1), date(2025, 5, 1)),  # not trained
        Candidate("Lê Văn Em", date(2000, 1, 1), date(2024, 5, 1), class_date=trained,  # gone
                  status="Chuyển đi", status_date=date(2025, 9, 1)),
        Candidate("Lê Văn Gấm", date(2000, 1, 1), date(2026, 1, 2)),  # after the report year
    ], admissions=[Admission("Trần Văn Hải", date(1999, 1, 1), date(2025, 3, 1))])
    make_branch(tmp_path, "Chi bộ Trường học", "Trường học", candidates=[
        Candidate("Phạm Thị Lan", date(2000, 1, 1), date(2025, 5, 1), class_date=date(2025, 10, 1),
                  introduced_by="Hội Nông dân"),
    ])
    findings = Findings()
    return aggregate(load_inbox(tmp_path, findings), 2025, date(2026, 1, 5))


def test_aggregate_gathers_the_waiting_candidates_and_the_floors(tmp_path):
    plan = _ward(tmp_path).plan
    assert plan is not None and plan.year == 2026 and plan.base_year == 2025
    rows = {b.branch: b for b in plan.branches}
    tdp1 = rows["Chi bộ Tổ dân phố 1"]
    assert (tdp1.trained_waiting, tdp1.candidates_waiting) == (3, 4)
    school = rows["Chi bộ Trường học"]
    assert (school.trained_waiting, school.candidates_waiting) == (1, 1)
    assert plan.superior_quota is None and plan.previous_quota == 4 and plan.quota_floor == 4
    assert plan.members_base == 250 and plan.members_year == 2025 and plan.member_floor == 8
    assert plan.target == 8 and plan.total == 8
    # the extra 6: water-filling on (trained - quota): TDP1 3-1=2, school 1-1=0
    assert (tdp1.admission_quota, school.admission_quota) == (5, 3)
    assert [(o.organisation, o.introduction_quota, o.introduced_last_year) for o in plan.organisations] == [
        ("Đoàn Thanh niên", 2, 2), ("Hội Nông dân", 1, 1)]
    assert plan.organisations_year == 2025


def test_aggregate_uses_the_rows_of_the_plan_year_when_present(tmp_path):
    plan = _ward(tmp_path, next_year_total=12, next_year_orgs=True).plan
    assert plan.superior_quota == 12 and plan.quota_floor == 12 and plan.total == 12
    school = next(b for b in plan.branches if b.branch == "Chi bộ Trường học")
    assert school.source_quota >= 3
    assert [o.organisation for o in plan.organisations] == ["Đoàn Thanh niên", "Hội Cựu chiến binh"]
    assert plan.organisations[0].introduction_quota == 4 and plan.organisations_year == 2026


def test_plan_uses_the_plan_years_members_when_entered(tmp_path):
    """QA: a 2026 `Toàn Đảng bộ` row with 137 members gives a floor of ceil(3% x 137) = 5."""
    from datetime import date as _date

    from builders import Admission, Ward, make_branch, make_ward
    from reportgen.findings import Findings
    from reportgen.intake.load import load_inbox
    from reportgen.stats.aggregate import aggregate

    make_ward(tmp_path, Ward(quotas=[(2025, "Chi bộ A", 1, 1, 133), (2025, "Toàn Đảng bộ", 2, None, 133),
                                     (2026, "Toàn Đảng bộ", 2, None, 137)]))
    make_branch(tmp_path, "Chi bộ A", admissions=[Admission("Lê Văn An", _date(1990, 1, 1), _date(2025, 6, 1))])
    findings = Findings()
    report = aggregate(load_inbox(tmp_path, findings), 2025, _date(2026, 1, 5))
    assert (report.plan.members_year, report.plan.members_base, report.plan.member_floor) == (2026, 137, 5)
    assert report.plan.target == 5


def test_plan_keeps_the_quotas_already_entered_for_the_plan_year():
    from reportgen.stats.plan import BranchNeed, allocate

    needs = [BranchNeed("Chi bộ A", "Khu dân cư", 0, 0, admission_quota=3),
             BranchNeed("Chi bộ B", "Khu dân cư", 5, 5),
             BranchNeed("Chi bộ C", "Khu dân cư", 0, 0, admission_quota=0)]
    assert allocate(needs, 4) == [3, 1, 1]
    assert allocate(needs, 7) == [3, 3, 1]
