"""The admission plan for the year after the report year (Kế hoạch phát triển đảng viên).

The ward's target and its allocation to branches and mass organisations, computed
once from plain inputs so the rules can be tested on hand-made figures; `aggregate`
gathers the inputs from the workbooks, and every document prints these numbers.

Rules (DOMAIN.md, Nghị quyết 21-NQ/TW and the ward plans; issue 8, item 3):
- the ward target is at least the superior's quota for the plan year (else the quota
  of the report year) and at least 3% of the members at the start of the plan year, rounded
  up (without that figure, of the latest one plus those admitted since: never below it);
- every branch admits at least 1, and at least the quota the office has already
  entered for the plan year (its minimum); the ward total is at least the minimums' sum;
- a candidate is *waiting* when on the list at the end of the report year with an
  awareness-class certificate still valid on the last day of the plan year (60 months);
  the candidates the allocation counts are those with a certificate valid at the end of the
  report year (`trained_valid`: the waiting and those expiring in the plan year, who can be
  admitted before it expires), the count Biểu 1 shows;
- the remainder (total − minimums) goes to the branches in proportion to those counted,
  by largest remainders; equal remainders at the cut go to the branch with more of them,
  then to the one that admitted fewer in the term, then in Vietnamese name order; the plan
  does not write how the units were shared (signer-5): the tie is told to the clerk as a
  warning (`tie_finding`);
- a branch with nobody waiting gets its minimum; it is named as "cần tạo nguồn" when nobody on
  its list holds a valid certificate at all (one expiring in the plan year still counts: that
  candidate is to be considered before it expires);
- a branch's source quota is at least 1, at least its source quota of the report year
  (or the plan year's when entered), and at least the candidates it is to admit plus
  those it lacks waiting for that;
- each mass organisation introduces at least what it introduced in the report year (a
  quota never falls below what was achieved), at least its quota of the report year (a
  quota is not lowered because it was missed: signer-4), at least 1, and at least a quota
  the office entered for the plan year; the organisations' total is the sum of their
  quotas. A reader checks each quota against the columns beside it ("Năm N": "Chỉ tiêu",
  "Đã giới thiệu"): no share, no rounding, no remainder handed to one organisation.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from .. import rules
from ..findings import Finding, Severity
from ..vntext import text_sort_key
from .model import Plan, PlanBranch, PlanOrganisation, PlanTie

MEMBER_TARGET_RATE = rules.MEMBER_TARGET_RATE  # Nghị quyết 21-NQ/TW: 3-4% of the members a year
MIN_PER_BRANCH = rules.MIN_ADMISSIONS_PER_BRANCH
MIN_SOURCES_PER_BRANCH = rules.MIN_SOURCES_PER_BRANCH
MIN_PER_ORGANISATION = rules.MIN_INTRODUCTIONS_PER_ORGANISATION


@dataclass(frozen=True)
class BranchNeed:
    """What a branch has waiting at the end of the report year."""

    branch: str
    kind: str
    trained_waiting: int  # on the list, certificate valid through the plan year
    candidates_waiting: int  # on the list
    source_quota: int | None = None  # `Chỉ tiêu tạo nguồn` of the plan year, when the workbook has it
    admission_quota: int | None = None  # `Chỉ tiêu kết nạp` of the plan year, when the workbook has it
    trained_expiring: int = 0  # on the list, certificate valid on 31/12 of the report year, expiring in the plan year
    last_source_quota: int | None = None  # `Chỉ tiêu tạo nguồn` of the report year
    trained_expired: int = 0  # on the list, class taken, certificate no longer valid on 31/12 of the report year
    expiries: tuple[date, ...] = ()  # last valid day of each expiring certificate, in order
    term_admissions: int = 0  # admitted in the term up to the report year: fewer wins a tie

    @property
    def trained_valid(self) -> int:
        """Certificates valid on 31/12 of the report year, those expiring in the plan year included: each
        can be admitted in the plan year (before it expires). The basis of the allocation and of Biểu 1."""
        return self.trained_waiting + self.trained_expiring


@dataclass(frozen=True)
class OrganisationNeed:
    organisation: str
    introduction_quota: int | None  # entered for the plan year in `Đoàn thể` (a floor), else None
    introduced_last_year: int = 0
    last_quota: int | None = None  # its quota of the report year


def _name_key(need: BranchNeed) -> tuple[object, ...]:
    """Vietnamese name order; the raw name breaks the ties the collation leaves (spacing)."""
    return (text_sort_key(need.branch), need.branch, need.trained_waiting, need.candidates_waiting)


def member_floor(members: int | None, rate: float = MEMBER_TARGET_RATE) -> int:
    """ceil(rate × members) computed in decimals (0.03 × 300 is 9, not 10); 0 without a figure."""
    return rules.member_target(members, rate) or 0


@dataclass(frozen=True)
class Shares:
    """A largest-remainder split: the counts, and the tie at the cut when there was one."""

    counts: list[int]
    tie_given: tuple[int, ...] = ()  # indices that got one of the last units on a tie
    tie_left: tuple[int, ...] = ()  # indices with the same remainder that did not


def largest_remainders(weights: Sequence[int], amount: int, prefer: Callable[[int], object]) -> Shares:
    """Split `amount` in proportion to `weights` (all equal when they sum to 0) by largest
    remainders; among equal remainders the lower `prefer(i)` goes first."""
    n = len(weights)
    if n == 0 or amount <= 0:
        return Shares([0] * n)
    total = sum(weights)
    exact = [Fraction(amount * (w if total else 1), total or n) for w in weights]
    counts = [math.floor(x) for x in exact]
    left = amount - sum(counts)
    order = sorted(range(n), key=lambda i: (-(exact[i] - counts[i]), prefer(i)))
    given, rest = order[:left], order[left:]
    for i in given:
        counts[i] += 1
    if given and rest:
        cut = exact[given[-1]] - math.floor(exact[given[-1]])
        tie_given = tuple(i for i in given if exact[i] - math.floor(exact[i]) == cut)
        tie_left = tuple(i for i in rest if exact[i] - math.floor(exact[i]) == cut)
        if tie_left:
            return Shares(counts, tie_given, tie_left)
    return Shares(counts)


def minimums(needs: Sequence[BranchNeed]) -> list[int]:
    """Each branch's minimum: 1, or the quota the office already entered for the plan year."""
    return [max(MIN_PER_BRANCH, need.admission_quota or 0) for need in needs]


def allocate_with_ties(needs: Sequence[BranchNeed], total: int) -> tuple[list[int], Shares]:
    """Admission quotas, in the order of `needs`, summing to max(total, the minimums' sum)."""
    floors = minimums(needs)
    rank = {i: r for r, i in enumerate(sorted(range(len(needs)), key=lambda i: _name_key(needs[i])))}
    shares = largest_remainders(
        [need.trained_valid for need in needs],
        total - sum(floors),
        prefer=lambda i: (-needs[i].trained_valid, needs[i].term_admissions, rank[i]),
    )
    return [f + s for f, s in zip(floors, shares.counts, strict=True)], shares


def allocate(needs: Sequence[BranchNeed], total: int) -> list[int]:
    """Admission quotas, in the order of `needs` (see `allocate_with_ties`)."""
    return allocate_with_ties(needs, total)[0]


def source_quota(admission_quota: int, need: BranchNeed) -> int:
    """Replace the candidates to be admitted and add those the branch lacks waiting for its quota;
    never below 1, the plan year's entered quota, or the report year's source quota."""
    lacking = max(0, admission_quota - need.trained_valid)
    return max(
        MIN_SOURCES_PER_BRANCH,
        admission_quota + lacking,
        need.source_quota or 0,
        need.last_source_quota or 0,
    )


def organisation_floor(o: OrganisationNeed) -> int:
    """An organisation's least quota: 1, the plan year's entered quota, what it introduced last year, and
    its quota of last year (an organisation that missed it keeps it: a quota is never lowered because it
    was missed; one that met it introduced at least as many, so this adds nothing for it)."""
    return max(MIN_PER_ORGANISATION, o.introduction_quota or 0, o.introduced_last_year, o.last_quota or 0)


def organisation_total(organisations: Sequence[OrganisationNeed]) -> int:
    """The introductions asked of all the organisations together: the sum of their quotas."""
    return sum(organisation_floor(o) for o in organisations)


def make_plan(
    year: int,
    needs: Sequence[BranchNeed],
    *,
    superior_quota: int | None,
    previous_quota: int | None,
    members_base: int | None,
    members_year: int | None,
    members_admitted: int = 0,
    organisations: Sequence[OrganisationNeed] = (),
    organisations_year: int | None = None,
    member_rate: float = MEMBER_TARGET_RATE,
    sources_added_last_year: int = 0,
) -> Plan:
    """The plan for `year` (the report year + 1). `members_base` is the members at the start of
    `members_year`; when that is before `year`, the `members_admitted` since (to the end of the report
    year) are added: the 3% is taken of the members at the start of the plan year, or of a figure above
    it. `sources_added_last_year` is kept on the plan for the workbook of figures; no quota is derived
    from it."""
    quota_floor = superior_quota if superior_quota is not None else (previous_quota or 0)
    admitted = members_admitted if members_base is not None and members_year is not None and members_year < year else 0
    members = None if members_base is None else members_base + admitted
    floor_members = member_floor(members, member_rate)
    ordered = sorted(needs, key=_name_key)
    quotas, shares = allocate_with_ties(ordered, max(quota_floor, floor_members))
    floors = minimums(ordered)
    branches = tuple(
        PlanBranch(
            branch=nd.branch,
            kind=nd.kind,
            trained_waiting=nd.trained_waiting,
            candidates_waiting=nd.candidates_waiting,
            admission_quota=q,
            source_quota=source_quota(q, nd),
            minimum=f,
            trained_expiring=nd.trained_expiring,
            trained_expired=nd.trained_expired,
            expiries=nd.expiries,
            term_admissions=nd.term_admissions,
        )
        for nd, q, f in zip(ordered, quotas, floors, strict=True)
    )
    tie = None
    if shares.tie_left:
        tie = PlanTie(
            tuple(ordered[i].branch for i in shares.tie_given), tuple(ordered[i].branch for i in shares.tie_left)
        )

    orgs = tuple(
        PlanOrganisation(o.organisation, organisation_floor(o), o.introduced_last_year, o.last_quota)
        for o in organisations
    )
    return Plan(
        year=year,
        base_year=year - 1,
        superior_quota=superior_quota,
        previous_quota=previous_quota,
        quota_floor=quota_floor,
        members_base=members,
        members_year=members_year if members_base is not None else None,
        members_admitted=admitted,
        member_rate=member_rate,
        member_floor=floor_members,
        branches=branches,
        organisations=orgs,
        organisations_year=organisations_year if orgs else None,
        tie=tie,
        sources_added_last_year=sources_added_last_year,
    )


TIE_RULE = "plan-tie"


def tie_finding(plan: Plan) -> Finding | None:
    """The tie at the cut of the allocation, told to the clerk (the plan itself does not say how the
    units were shared): the tied branches, who got the last units and why, so that the office can
    change Biểu 1 before it is signed. None without a tie."""
    if plan.tie is None:
        return None
    rows = {b.branch: b for b in plan.branches}
    given = [rows[n] for n in plan.tie.given]
    left = [rows[n] for n in plan.tie.left]
    if min(b.trained_valid for b in given) > max(b.trained_valid for b in left):
        why = "có nhiều quần chúng có giấy chứng nhận còn giá trị hơn"
    elif {b.trained_valid for b in given} == {b.trained_valid for b in left} and max(
        b.term_admissions for b in given
    ) < min(b.term_admissions for b in left):
        why = "kết nạp được ít đảng viên hơn trong nhiệm kỳ"
    else:
        why = "xếp trước theo thứ tự tên"

    def names(items: list[PlanBranch]) -> str:
        listed = [b.branch for b in items]
        return listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " và " + listed[-1]

    return Finding(
        Severity.WARNING,
        f"Kế hoạch năm {plan.year}, Biểu 1: {names(given + left)} ngang nhau khi chia chỉ tiêu kết nạp theo số"
        f" quần chúng có giấy chứng nhận còn giá trị; chỉ tiêu còn lại được giao cho {names(given)} ({why})."
        " Văn phòng Đảng ủy xem lại, nếu Thường trực Đảng ủy chọn chi bộ khác thì ghi chỉ tiêu năm"
        f" {plan.year} của các chi bộ ở sheet «Chỉ tiêu» rồi lập lại văn bản",
        rule=TIE_RULE,
    )
