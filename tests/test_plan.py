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


def test_the_remainder_goes_in_proportion_to_those_waiting_by_largest_remainders():
    needs = [need("Chi bộ A", 5), need("Chi bộ B", 3), need("Chi bộ C", 2)]
    # minimums 3; remainder 4 x (5, 3, 2) / 10 = 2; 1,2; 0,8 -> 2, 1, 0 and the last unit to C (0,8)
    assert allocate(needs, 7) == [3, 2, 2]
    # remainder 7: 3,5; 2,1; 1,4 -> 3, 2, 1 and the last unit to A (0,5)
    assert allocate(needs, 10) == [5, 3, 2]
    assert allocate(needs, 2) == [1, 1, 1]  # the minimums when the target is smaller


def test_equal_remainders_at_the_cut_go_to_more_waiting_then_name_and_are_stated():
    from reportgen.stats.plan import largest_remainders

    split = largest_remainders([1, 3], 2, prefer=lambda i: (-(1, 3)[i], i))
    assert split.counts == [0, 2]  # 0,5 and 1,5: the same remainder, B has more waiting
    assert (split.tie_given, split.tie_left) == ((1,), (0,))

    names = ["Chi bộ Tổ dân phố 10", "Chi bộ Đồng Tiến", "Chi bộ Tổ dân phố 2", "Chi bộ Dốc Sỏi"]
    plan = plan_of([need(n, 2) for n in names], superior=6)
    got = {b.branch: b.admission_quota for b in plan.branches}
    # Vietnamese order: D before Đ before T; numbers as numbers (2 before 10)
    assert got == {"Chi bộ Dốc Sỏi": 2, "Chi bộ Đồng Tiến": 2, "Chi bộ Tổ dân phố 2": 1, "Chi bộ Tổ dân phố 10": 1}
    assert plan.tie is not None
    assert plan.tie.given == ("Chi bộ Dốc Sỏi", "Chi bộ Đồng Tiến")
    assert plan.tie.left == ("Chi bộ Tổ dân phố 2", "Chi bộ Tổ dân phố 10")
    assert plan_of([need(n, 2) for n in reversed(names)], superior=6) == plan
    assert plan_of([need(n, 2) for n in names], superior=8).tie is None  # 1 each: no cut, no tie


def test_a_branch_with_nobody_waiting_gets_its_minimum_and_is_named():
    plan = plan_of([need("Chi bộ A", 4), need("Chi bộ B", 0, waiting=3), need("Chi bộ C", 2)], superior=9)
    got = {b.branch: b.admission_quota for b in plan.branches}
    assert got["Chi bộ B"] == 1
    assert got["Chi bộ A"] + got["Chi bộ C"] == 8 and got["Chi bộ A"] > got["Chi bộ C"]
    assert plan.needs_sources == ("Chi bộ B",)
    # sources: its admission plus the one it lacks waiting
    assert next(b for b in plan.branches if b.branch == "Chi bộ B").source_quota == 2


def test_certificates_expiring_in_the_plan_year_count_in_the_allocation():
    """signer-4/5: Biểu 1 shows the certificates valid at the end of the report year, those expiring in the
    plan year included (they can be admitted before they expire); the allocation counts the same."""
    a = BranchNeed("Chi bộ A", "Khu dân cư", 0, 4, trained_expiring=3)  # three, all expiring in 2026
    b = BranchNeed("Chi bộ B", "Khu dân cư", 1, 4)
    plan = plan_of([a, b], superior=6)
    quotas = {x.branch: x.admission_quota for x in plan.branches}
    assert quotas == {"Chi bộ A": 4, "Chi bộ B": 2}  # 1 + 3 and 1 + 1 of the remainder 4, split 3 : 1
    assert {x.branch: x.trained_valid for x in plan.branches} == {"Chi bộ A": 3, "Chi bộ B": 1}
    assert source_quota(1, a) == 1  # nobody lacking for one admission: three can be admitted


def test_nobody_waiting_anywhere_splits_the_remainder_evenly_and_states_the_tie():
    plan = plan_of([need("Chi bộ A", 0), need("Chi bộ B", 0), need("Chi bộ C", 0)], superior=4)
    assert [b.admission_quota for b in plan.branches] == [2, 1, 1]
    assert plan.tie is not None and plan.tie.given == ("Chi bộ A",)
    assert plan.needs_sources == ("Chi bộ A", "Chi bộ B", "Chi bộ C")


def test_source_quota_replaces_the_admitted_and_fills_the_list():
    assert source_quota(1, need("A", 3, 5)) == 1
    assert source_quota(2, need("A", 0, 0)) == 4  # 2 to admit, nobody waiting
    assert source_quota(3, need("A", 1, 2)) == 5  # two short of waiting candidates
    assert source_quota(1, need("A", 3, 5, source=3)) == 3  # the workbook's quota for the plan year
    assert source_quota(1, need("A", 0, 0, source=0)) == 2
    last_year = BranchNeed("A", "Khu dân cư", 4, 6, last_source_quota=2)
    assert source_quota(1, last_year) == 2  # not below the report year's source quota


def test_organisations_follow_their_last_results_and_the_ward_target():
    from reportgen.stats.plan import organisation_total

    orgs = [OrganisationNeed("Mặt trận Tổ quốc", None, 1, last_quota=1),
            OrganisationNeed("Hội Nông dân", None, 0, last_quota=1),
            OrganisationNeed("Đoàn Thanh niên", None, 20, last_quota=2),
            OrganisationNeed("Hội Cựu chiến binh", 3, 0, last_quota=1)]  # 3 entered for the plan year: a floor
    # each what it introduced (Đoàn Thanh niên 20), at least 1 and its entered quota: 1 + 1 + 20 + 3
    assert organisation_total(orgs) == 25
    plan = make_plan(2026, [need(f"Chi bộ {c}", 1, source=5) for c in "ABCD"], superior_quota=None,
                     previous_quota=None, members_base=None, members_year=None, organisations=orgs,
                     organisations_year=2025, sources_added_last_year=25)
    quotas = [(o.organisation, o.introduction_quota) for o in plan.organisations]
    assert quotas == [("Mặt trận Tổ quốc", 1), ("Hội Nông dân", 1), ("Đoàn Thanh niên", 20), ("Hội Cựu chiến binh", 3)]
    assert plan.introduction_total == 25
    # no share of the new sources is added on top: 21 of 25 new sources x 40 would ask 34
    many = make_plan(2026, [need(f"Chi bộ {c}", 1, source=10) for c in "ABCD"], superior_quota=None,
                     previous_quota=None, members_base=None, members_year=None, organisations=orgs,
                     organisations_year=2025, sources_added_last_year=25)
    assert [o.introduction_quota for o in many.organisations] == [1, 1, 20, 3]
    # nobody introduced anyone: the quota it missed is kept, not lowered to the minimum (signer-4)
    idle = [OrganisationNeed("Đoàn Thanh niên", None, 0, last_quota=4)]
    assert organisation_total(idle) == 4
    # met and exceeded: what it introduced, never its lower quota
    assert organisation_total([OrganisationNeed("Hội Nông dân", None, 6, last_quota=2)]) == 6
    # no quota last year, nobody introduced: the minimum
    assert organisation_total([OrganisationNeed("Công đoàn", None, 0, last_quota=None)]) == 1


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
    # the extra goes to the branches with more waiting candidates
    by_trained = {nd.branch: nd.trained_valid for nd in needs}
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
    # no 2026 figure: the 250 at the start of 2025 and the 01 admitted in 2025, 3% of 251 is 7,53
    assert (plan.members_base, plan.members_year, plan.members_admitted, plan.member_floor) == (251, 2025, 1, 8)
    assert plan.members_estimated
    assert plan.target == 8 and plan.total == 8
    # the remainder 6 in proportion to 3 and 1 waiting: 4,5 and 1,5, the tie at the cut to the one with more
    assert (tdp1.admission_quota, school.admission_quota) == (6, 2)
    assert plan.tie is not None and plan.tie.given == ("Chi bộ Tổ dân phố 1",)
    assert plan.tie.left == ("Chi bộ Trường học",)
    # sources: 6 + 3 lacking, 2 + 1 lacking; the organisations introduced all 3 new sources of 2025
    assert (tdp1.source_quota, school.source_quota) == (9, 3)
    assert plan.sources_added_last_year == 3 and plan.introduced_last_year == 3
    # each at least what it introduced in 2025 (1 and 2), in the conventional order
    assert [(o.organisation, o.introduction_quota, o.introduced_last_year, o.last_quota)
            for o in plan.organisations] == [("Hội Nông dân", 1, 1, 0), ("Đoàn Thanh niên", 2, 2, 2)]
    assert plan.organisations_year == 2025


def test_aggregate_uses_the_rows_of_the_plan_year_when_present(tmp_path):
    plan = _ward(tmp_path, next_year_total=12, next_year_orgs=True).plan
    assert plan.superior_quota == 12 and plan.quota_floor == 12 and plan.total == 12
    school = next(b for b in plan.branches if b.branch == "Chi bộ Trường học")
    assert school.source_quota >= 3
    orgs = {o.organisation: o for o in plan.organisations}
    assert list(orgs) == ["Hội Nông dân", "Đoàn Thanh niên", "Hội Cựu chiến binh"]
    assert orgs["Đoàn Thanh niên"].introduction_quota >= 4  # entered for 2026: a floor
    assert orgs["Hội Cựu chiến binh"].introduction_quota >= 1 and plan.organisations_year == 2026


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
    assert not report.plan.members_estimated and report.plan.members_admitted == 0
    assert report.plan.target == 5


def test_plan_keeps_the_quotas_already_entered_for_the_plan_year():
    from reportgen.stats.plan import BranchNeed, allocate

    needs = [BranchNeed("Chi bộ A", "Khu dân cư", 0, 0, admission_quota=3),
             BranchNeed("Chi bộ B", "Khu dân cư", 5, 5),
             BranchNeed("Chi bộ C", "Khu dân cư", 0, 0, admission_quota=0)]
    assert allocate(needs, 4) == [3, 1, 1]
    assert allocate(needs, 7) == [3, 3, 1]


def test_waiting_means_a_certificate_valid_to_the_end_of_the_plan_year(tmp_path):
    """60 months from the class (rules.class_valid_on): a class on 30/12/2021 is valid to 30/12/2026 only;
    31/12/2021 is valid through 31/12/2026."""
    make_ward(tmp_path, Ward(quotas=[(2025, "Chi bộ A", 1, 1, 100), (2025, "Toàn Đảng bộ", 1, None, 100)]))
    make_branch(tmp_path, "Chi bộ A", candidates=[
        Candidate("Lê Văn An", date(2000, 1, 1), date(2021, 5, 1), class_date=date(2021, 12, 30)),
        Candidate("Lê Văn Bình", date(2000, 1, 1), date(2021, 5, 1), class_date=date(2021, 12, 31)),
        Candidate("Lê Văn Chi", date(2000, 1, 1), date(2021, 5, 1), class_date=date(2021, 6, 30)),
        Candidate("Lê Văn Dũng", date(2000, 1, 1), date(2025, 5, 1)),
    ])
    plan = aggregate(load_inbox(tmp_path, Findings()), 2025, date(2026, 1, 5)).plan
    (branch,) = plan.branches
    assert (branch.trained_waiting, branch.trained_expiring, branch.candidates_waiting) == (1, 2, 4)
    assert plan.trained_expiring == 2 and plan.needs_sources == ()


def test_a_ward_whose_superior_quota_is_above_the_branches_minimums(tmp_path):
    """Superior quota 10 for 2026, three branches: 3 minimums, 7 in proportion to 6, 3, 0 waiting."""
    quotas = [(2025, "Chi bộ Tổ dân phố 1", 1, 2, 60), (2025, "Chi bộ Trường học", 1, 1, 30),
              (2025, "Chi bộ Y tế", 1, 1, 10), (2025, "Toàn Đảng bộ", 6, None, 100),
              (2026, "Toàn Đảng bộ", 10, None, None)]
    make_ward(tmp_path, Ward(quotas=quotas, organisations=[(2025, "Đoàn Thanh niên", 2), (2025, "Công đoàn", 1)]))
    valid = date(2024, 9, 1)

    def people(prefix: str, n: int, **kw) -> list[Candidate]:
        return [Candidate(f"{prefix} Văn {chr(65 + i)}", date(2000, 1, 1 + i), date(2025, 2, 1), class_date=valid,
                          **kw) for i in range(n)]

    make_branch(tmp_path, "Chi bộ Tổ dân phố 1", candidates=people("Lê", 6, introduced_by="Đoàn Thanh niên"))
    make_branch(tmp_path, "Chi bộ Trường học", "Trường học", candidates=people("Trần", 3, introduced_by="Công đoàn"))
    make_branch(tmp_path, "Chi bộ Y tế", "Y tế", candidates=[
        Candidate("Võ Thị Hoa", date(1995, 1, 1), date(2025, 3, 1), introduced_by="Chi bộ")])  # on the list, no class: nobody waiting
    plan = aggregate(load_inbox(tmp_path, Findings()), 2025, date(2026, 1, 5)).plan
    got = {b.branch: (b.admission_quota, b.source_quota) for b in plan.branches}
    # 7 x 6/9 = 4,67 and 7 x 3/9 = 2,33: 4 and 2, the last unit to the larger remainder
    assert got == {"Chi bộ Tổ dân phố 1": (6, 6), "Chi bộ Trường học": (3, 3), "Chi bộ Y tế": (1, 2)}
    assert plan.superior_quota == 10 and plan.total == 10 and plan.remainder == 7 and plan.tie is None
    assert plan.needs_sources == ("Chi bộ Y tế",)
    # each organisation what it introduced in 2025 (3 and 6): nothing added from a share of the sources
    orgs = {o.organisation: o.introduction_quota for o in plan.organisations}
    assert list(orgs) == ["Công đoàn", "Đoàn Thanh niên"]
    assert orgs == {"Công đoàn": 3, "Đoàn Thanh niên": 6}
