"""The admission plan for the year after the report year (Kế hoạch phát triển đảng viên).

The ward's target and its allocation to branches and mass organisations, computed
from plain inputs so the rules can be tested on hand-made figures; `aggregate`
gathers the inputs from the workbooks.

Rules (DOMAIN.md, Nghị quyết 21-NQ/TW and the ward plans):
- every branch admits at least 1 and sources at least 1 candidate, and at least the
  quotas the office has already entered for the plan year in `Chỉ tiêu`;
- the ward total is at least the superior's quota for the plan year (else the quota
  of the report year) and at least 3% of the members, rounded up;
- admissions above one per branch go, one at a time, to the branch with the most
  trained candidates not yet covered by its quota (ties in Vietnamese name order);
- a branch's source quota replaces the candidates it is to admit, plus those it lacks
  on its list for that; at least the plan year's `Chỉ tiêu tạo nguồn` when given;
- every mass organisation introduces at least 1 candidate.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass

from .. import rules
from ..vntext import text_sort_key
from .model import Plan, PlanBranch, PlanOrganisation

MEMBER_TARGET_RATE = rules.MEMBER_TARGET_RATE  # Nghị quyết 21-NQ/TW: 3-4% of the members a year
MIN_PER_BRANCH = rules.MIN_ADMISSIONS_PER_BRANCH
MIN_SOURCES_PER_BRANCH = rules.MIN_SOURCES_PER_BRANCH
MIN_PER_ORGANISATION = rules.MIN_INTRODUCTIONS_PER_ORGANISATION


@dataclass(frozen=True)
class BranchNeed:
    """What a branch has waiting at the end of the report year."""

    branch: str
    kind: str
    trained_waiting: int  # on the list, class taken
    candidates_waiting: int  # on the list
    source_quota: int | None = None  # `Chỉ tiêu tạo nguồn` of the plan year, when the workbook has it
    admission_quota: int | None = None  # `Chỉ tiêu kết nạp` of the plan year, when the workbook has it


@dataclass(frozen=True)
class OrganisationNeed:
    organisation: str
    introduction_quota: int | None  # from the `Đoàn thể` sheet
    introduced_last_year: int = 0


def _name_key(need: BranchNeed) -> tuple[object, ...]:
    """Vietnamese name order; the raw name breaks the ties the collation leaves (spacing)."""
    return (text_sort_key(need.branch), need.branch, need.trained_waiting, need.candidates_waiting)


def member_floor(members: int | None, rate: float = MEMBER_TARGET_RATE) -> int:
    """ceil(rate × members) computed in decimals (0.03 × 300 is 9, not 10); 0 without a figure."""
    return rules.member_target(members, rate) or 0


def allocate(needs: Sequence[BranchNeed], total: int) -> list[int]:
    """Admission quotas, in the order of `needs`, summing to max(total, one per branch).

    Every branch gets 1; each further admission goes to the branch with the largest
    (trained candidates − quota so far), ties in Vietnamese name order. A branch with
    more trained candidates therefore never gets less than one with fewer.
    """
    n = len(needs)
    # A quota the office already entered for the plan year is a floor for that branch.
    quotas = [max(MIN_PER_BRANCH, need.admission_quota or 0) for need in needs]
    extra = total - sum(quotas)
    if n == 0 or extra <= 0:
        return quotas
    rank = {i: r for r, i in enumerate(sorted(range(n), key=lambda i: _name_key(needs[i])))}
    heap = [(-(needs[i].trained_waiting - quotas[i]), rank[i], i) for i in range(n)]
    heapq.heapify(heap)
    for _ in range(extra):
        _, r, i = heapq.heappop(heap)
        quotas[i] += 1
        heapq.heappush(heap, (-(needs[i].trained_waiting - quotas[i]), r, i))
    return quotas


def source_quota(admission_quota: int, need: BranchNeed) -> int:
    """Replace the candidates to be admitted, and add those the list lacks for the quota."""
    lacking = max(0, admission_quota - need.candidates_waiting)
    return max(MIN_SOURCES_PER_BRANCH, admission_quota + lacking, need.source_quota or 0)


def make_plan(
    year: int,
    needs: Sequence[BranchNeed],
    *,
    superior_quota: int | None,
    previous_quota: int | None,
    members_base: int | None,
    members_year: int | None,
    organisations: Sequence[OrganisationNeed] = (),
    organisations_year: int | None = None,
    member_rate: float = MEMBER_TARGET_RATE,
) -> Plan:
    """The plan for `year` (the report year + 1)."""
    quota_floor = superior_quota if superior_quota is not None else (previous_quota or 0)
    floor_members = member_floor(members_base, member_rate)
    ordered = sorted(needs, key=_name_key)
    quotas = allocate(ordered, max(quota_floor, floor_members))
    branches = tuple(
        PlanBranch(
            branch=nd.branch,
            kind=nd.kind,
            trained_waiting=nd.trained_waiting,
            candidates_waiting=nd.candidates_waiting,
            admission_quota=q,
            source_quota=source_quota(q, nd),
        )
        for nd, q in zip(ordered, quotas, strict=True)
    )
    orgs = tuple(
        PlanOrganisation(o.organisation, max(MIN_PER_ORGANISATION, o.introduction_quota or 0), o.introduced_last_year)
        for o in organisations
    )
    return Plan(
        year=year,
        base_year=year - 1,
        superior_quota=superior_quota,
        previous_quota=previous_quota,
        quota_floor=quota_floor,
        members_base=members_base,
        members_year=members_year if members_base is not None else None,
        member_rate=member_rate,
        member_floor=floor_members,
        branches=branches,
        organisations=orgs,
        organisations_year=organisations_year if orgs else None,
    )
