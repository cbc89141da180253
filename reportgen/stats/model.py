"""Plain dataclasses of figures: the only thing the documents read.

Every number here is computed by `stats.aggregate`; rendering only formats and
places them. Shares are fractions (0.7368), never pre-multiplied percentages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .. import rules, schema
from ..intake.ward import WardInfo

__all__ = ["WardInfo"]  # read by intake, re-exported for the documents


def share(count: int, base: int | float | None) -> float | None:
    """count / base, or None when the base is missing or zero."""
    if not base:
        return None
    return count / base


@dataclass(frozen=True)
class QuotaBasis:
    """The one basis of every branch rate (issue 8): the admissions made where a quota was given, set
    against those quotas; the admissions made in a year a branch had no quota (none, or 0) are on
    neither side, and are counted apart so that tables and sentences can show them beside the rate."""

    quota: int  # the quotas given, summed
    counted: int  # admissions against those quotas (years with a quota)
    outside: int  # admissions in a year without a quota (or a part-year): in no rate
    rows_with_quota: int  # rows (branches) given a quota
    rows_without_quota: int  # rows given none
    without_quota: int = 0  # of `outside`, those of whole years given no quota (the rest: part-years)

    @property
    def admissions(self) -> int:
        return self.counted + self.outside

    @property
    def share(self) -> float | None:
        return share(self.counted, self.quota)


def quota_basis(rows: Sequence[Any]) -> QuotaBasis:
    """The basis over rows (BranchYear, BranchTerm) that carry quota_counted, admissions_against_quota
    and admissions."""
    with_quota = [r for r in rows if r.quota_counted is not None]
    counted = sum(r.admissions_against_quota for r in rows)
    return QuotaBasis(
        quota=sum(r.quota_counted for r in with_quota),
        counted=counted,
        outside=sum(r.admissions for r in rows) - counted,
        rows_with_quota=len(with_quota),
        rows_without_quota=len(rows) - len(with_quota),
        without_quota=sum(r.admissions_without_quota for r in rows),
    )


def rate_where_quota(rows: Sequence[Any]) -> float | None:
    """Admissions against quotas over the rows (BranchYear, BranchTerm) that have a quota:
    a row without one would otherwise count its admissions against nothing."""
    return quota_basis(rows).share


@dataclass(frozen=True)
class BranchInfo:
    name: str
    kind: str  # Loại hình
    secretary: str
    file: str  # workbook file name, for messages
    slug: str  # safe file name stem for the branch report


@dataclass(frozen=True)
class BranchYear:
    """One branch in one year."""

    branch: str
    kind: str
    year: int
    admissions: int
    quota: int | None  # Chỉ tiêu kết nạp; None when the ward workbook has no row
    source_quota: int | None  # Chỉ tiêu tạo nguồn (default 1 when the row exists)
    members_start: int | None
    candidates_added: int  # entered the list in the year
    candidates_trained: int  # took the class in the year
    candidates_at_year_end: int  # on the list (being trained) on 31/12
    candidates_left: int  # moved away or removed from the list in the year
    candidates_left_trained: int  # of those, how many had taken the class
    recognitions: int  # official recognitions in the year
    partial: bool = False  # only part of the year is covered (a term starting or ending mid-year)

    @property
    def quota_counted(self) -> int | None:
        """The quota a rate may use: given, and for a whole year (a part-year's admissions are
        never set against a whole year's quota)."""
        return self.quota if rules.quota_given(self.quota) and not self.partial else None

    @property
    def admissions_against_quota(self) -> int:
        return self.admissions if self.quota_counted is not None else 0

    @property
    def admissions_without_quota(self) -> int:
        """The admissions of a whole year given no quota (none, or 0): in no rate."""
        return self.admissions if self.quota_counted is None and not self.partial else 0

    @property
    def quota_share(self) -> float | None:
        return share(self.admissions, self.quota_counted)

    @property
    def met_quota(self) -> bool | None:
        """None without a quota (no row, or 0: none given) or for a part-year."""
        return None if self.quota_counted is None else self.admissions >= self.quota_counted

    @property
    def below_quota(self) -> bool:
        return rules.below(self.admissions, self.quota_counted)

    @property
    def below_source_quota(self) -> bool:
        return rules.below(self.candidates_added, self.source_quota)

    @property
    def has_committee(self) -> bool | None:
        """The branch has a chi ủy (rules.has_branch_committee on the members at the start of the year)."""
        return rules.has_branch_committee(self.members_start)


def is_failure_year(row: BranchYear) -> bool:
    """The one test of a year counted against a branch ("không hoàn thành chỉ tiêu"): an admission
    quota was given for the whole year and the admissions fell below it. A year without an
    admission quota (none entered, or 0) is never a failure year, whatever was admitted."""
    return row.below_quota


def failure_years(rows: Sequence[BranchYear]) -> tuple[int, ...]:
    """The years of `rows` counted against the branch, oldest first (`is_failure_year`)."""
    return tuple(sorted(r.year for r in rows if is_failure_year(r)))


def years_without_quota(rows: Sequence[BranchYear]) -> tuple[int, ...]:
    """Whole years of `rows` in which the branch was given no admission quota (none, or 0)."""
    return tuple(sorted(r.year for r in rows if not r.partial and not rules.quota_given(r.quota)))


@dataclass(frozen=True)
class WardYear:
    """The whole ward in one year."""

    year: int
    admissions: int
    ward_quota: int | None  # the `Toàn Đảng bộ` row
    branch_quota_sum: int
    members_start: int | None  # `Toàn Đảng bộ` row, else the branches' sum
    candidates_added: int
    candidates_trained: int
    candidates_at_year_end: int
    candidates_left: int
    candidates_left_trained: int
    recognitions: int
    branches_total: int  # branches with a workbook
    branches_with_quota: int
    branches_met_quota: int  # among those with a quota row
    branches_with_admission: int
    member_target_rate: float = rules.MEMBER_TARGET_RATE
    partial: bool = False  # only part of the year is covered (a term starting or ending mid-year)

    @property
    def quota_counted(self) -> int | None:
        """The superior's quota a rate may use: given, and for a whole year."""
        return self.ward_quota if rules.quota_given(self.ward_quota) and not self.partial else None

    @property
    def quota_share(self) -> float | None:
        return share(self.admissions, self.quota_counted)

    @property
    def below_quota(self) -> bool:
        """Below the superior's quota for the whole ward (False without one, or for a part-year)."""
        return rules.below(self.admissions, self.quota_counted)

    @property
    def met_ward_quota(self) -> bool | None:
        return None if self.quota_counted is None else not self.below_quota

    @property
    def member_share(self) -> float | None:
        """Admissions as a share of the members at the start of the year (not for a part-year)."""
        return None if self.partial else share(self.admissions, self.members_start)

    @property
    def member_target(self) -> int | None:
        """3% of the members at the start of the year, in people (rounded up once, `rules.member_target`)."""
        return rules.member_target(self.members_start, self.member_target_rate)

    @property
    def short_of_three_percent(self) -> bool | None:
        """Admissions below the 3% target; None without a member count or for a part-year."""
        if self.partial:
            return None
        return rules.short_of_target(self.admissions, self.members_start, self.member_target_rate)

    @property
    def met_member_target(self) -> bool | None:
        short = self.short_of_three_percent
        return None if short is None else not short


@dataclass(frozen=True)
class StructureRow:
    """One row of the structure of admissions (official form Biểu 3-BTCTW)."""

    group: str  # e.g. "Độ tuổi khi kết nạp"
    label: str  # e.g. "Từ 18 đến 30 tuổi"
    key: str  # stable English key, e.g. "age_18_30"
    count: int
    share: float | None  # of the admissions of the period
    prev_count: int | None = None  # the same figure the year before (year structure only)
    prev_share: float | None = None


@dataclass(frozen=True)
class Structure:
    total: int
    rows: tuple[StructureRow, ...]
    mean_age: float | None
    prev_total: int | None = None
    prev_mean_age: float | None = None

    def row(self, key: str) -> StructureRow:
        for r in self.rows:
            if r.key == key:
                return r
        raise KeyError(key)

    @property
    def youth_union_share(self) -> float | None:
        """Share of the new members who were Youth Union members; None without admissions."""
        youth = next((r for r in self.rows if r.key == "youth_union"), None)
        return youth.share if youth is not None and self.total else None

    @property
    def youth_union_low(self) -> bool:
        """Under the share at which the Youth Union's role is named among the causes."""
        youth = self.youth_union_share
        return youth is not None and youth < rules.YOUTH_UNION_LOW_SHARE

    @property
    def prev_youth_union_share(self) -> float | None:
        """The Youth Union share the year before; None without that year's admissions."""
        youth = next((r for r in self.rows if r.key == "youth_union"), None)
        return youth.prev_share if youth is not None and self.prev_total else None

    @property
    def younger_than_before(self) -> bool:
        """Younger than the year before ("trẻ hóa"): the mean age at admission lower and the Youth Union
        share higher, each by rules.STRUCTURE_SHIFT_*. False when there is no year before to compare with."""
        now, before = self.youth_union_share, self.prev_youth_union_share
        if now is None or before is None or self.mean_age is None or self.prev_mean_age is None:
            return False
        # both must move: a lower mean age with the Youth Union share unchanged is one or two people
        return (
            self.mean_age <= self.prev_mean_age - rules.STRUCTURE_SHIFT_AGE
            and now >= before + rules.STRUCTURE_SHIFT_SHARE - 1e-9
        )

    @property
    def youth_union_fell(self) -> bool:
        """Fell by at least rules.STRUCTURE_SHIFT_SHARE: a smaller change is one person, not a trend."""
        now, before = self.youth_union_share, self.prev_youth_union_share
        return now is not None and before is not None and now <= before - rules.STRUCTURE_SHIFT_SHARE + 1e-9

    @property
    def mean_age_rose(self) -> bool:
        """Rose by at least rules.STRUCTURE_SHIFT_AGE years."""
        return (
            self.mean_age is not None
            and self.prev_mean_age is not None
            and bool(self.prev_total)
            and self.mean_age >= self.prev_mean_age + rules.STRUCTURE_SHIFT_AGE - 1e-9
        )

    def groups(self) -> list[tuple[str, list[StructureRow]]]:
        out: dict[str, list[StructureRow]] = {}
        for r in self.rows:
            out.setdefault(r.group, []).append(r)
        return list(out.items())


@dataclass(frozen=True)
class QuotaShortfall:
    branch: str
    quota: int
    admissions: int


@dataclass(frozen=True)
class NoAdmissionStreak:
    branch: str
    years: tuple[int, ...]  # consecutive years with no admission, ending at the report year

    @property
    def is_shortfall(self) -> bool:
        return is_no_admission_streak(self.years)


def is_no_admission_streak(years: tuple[int, ...]) -> bool:
    """Enough years in a row without an admission to be named a shortfall."""
    return len(years) >= rules.NO_ADMISSION_STREAK_YEARS


@dataclass(frozen=True)
class SourceShortfall:
    branch: str
    source_quota: int
    candidates_added: int


@dataclass(frozen=True)
class OrganisationYear:
    organisation: str
    year: int
    introduction_quota: int
    introduced: int  # candidates put on a list in the year with this `Tổ chức giới thiệu`

    @property
    def met(self) -> bool:
        return not self.below_quota

    @property
    def below_quota(self) -> bool:
        return rules.below(self.introduced, self.introduction_quota)


@dataclass(frozen=True)
class LeftCandidate:
    branch: str
    name: str
    birth: date | None
    status: str  # Chuyển đi / Đưa ra khỏi nguồn
    date: date | None
    trained: bool  # had taken the class


@dataclass(frozen=True)
class OverdueProbation:
    branch: str
    name: str
    birth: date | None
    admitted: date
    probation_start: date  # ceremony date, else admission date
    months: int  # full months of probation at the reference date
    counted_to: date | None = None  # the reference date the months are counted to


@dataclass(frozen=True)
class Shortfalls:
    below_quota: tuple[QuotaShortfall, ...]
    no_admission_streaks: tuple[NoAdmissionStreak, ...]
    below_source_quota: tuple[SourceShortfall, ...]
    organisations_below_quota: tuple[OrganisationYear, ...]
    left_in_year: tuple[LeftCandidate, ...]
    left_in_term: tuple[LeftCandidate, ...]
    overdue_probation: tuple[OverdueProbation, ...]

    @property
    def left_in_year_trained(self) -> int:
        return sum(1 for c in self.left_in_year if c.trained)

    @property
    def left_in_term_trained(self) -> int:
        return sum(1 for c in self.left_in_term if c.trained)


@dataclass(frozen=True)
class BranchTerm:
    """One branch over the term (up to the report year)."""

    branch: str
    kind: str
    admissions: int
    quota: int | None  # sum of the quotas of the whole years that have one
    candidates_added: int
    candidates_left: int
    admissions_with_quota: int | None = None  # admissions of those years (default: all)
    years_without_quota: tuple[int, ...] = ()  # whole years covered without a quota
    admissions_without_quota: int = 0  # admissions of those years (the rest of the uncounted are part-years')

    @property
    def quota_counted(self) -> int | None:
        return self.quota if rules.quota_given(self.quota) else None

    @property
    def admissions_against_quota(self) -> int:
        if self.quota_counted is None:
            return 0
        return self.admissions if self.admissions_with_quota is None else self.admissions_with_quota

    @property
    def admissions_outside_quota(self) -> int:
        """Admissions in the years the branch had no quota (and in part-years): in no rate."""
        return self.admissions - self.admissions_against_quota

    @property
    def quota_share(self) -> float | None:
        """Admissions of the years with a quota against those quotas: a year without one is
        left out of both sides."""
        return share(self.admissions_against_quota, self.quota_counted)

    @property
    def short_in_quota_years_only(self) -> bool:
        """Below the quotas in the years that had one (Biểu 3's rate under 100%), yet admitted at least the
        quotas in all, counting the years given none: not "chưa đạt", said apart so text and table agree."""
        return rules.below(self.admissions_against_quota, self.quota_counted) and not self.below_quota

    @property
    def below_quota(self) -> bool:
        """The one judgement "chưa đạt tổng chỉ tiêu kết nạp được giao" of the term: short of the quotas in
        the years that had one, and short of them in all (a branch that admitted at least its quotas,
        one of them in a year given none, is not said to have failed: an office would not sign that)."""
        return rules.below(self.admissions_against_quota, self.quota_counted) and rules.below(
            self.admissions, self.quota_counted
        )


@dataclass(frozen=True)
class TermSummary:
    label: str  # "2020-2025"
    start: date
    end: date  # last day covered (the term's end, or 31/12 of the report year)
    complete: bool  # the whole term is covered
    years: tuple[WardYear, ...]  # one per calendar year covered
    years_count: int  # divisor of the yearly average
    admissions: int
    yearly_average: float
    ward_quota_sum: int | None
    structure: Structure
    branches: tuple[BranchTerm, ...]
    left: tuple[LeftCandidate, ...]

    @property
    def admissions_in_quota_years(self) -> int:
        """Admissions of the whole years that have a superior quota (the base of quota_share)."""
        return sum(y.admissions for y in self.years if y.quota_counted is not None)

    @property
    def quota_years_missing(self) -> tuple[int, ...]:
        """Whole years of the term covered without a `Toàn Đảng bộ` quota."""
        return tuple(y.year for y in self.years if y.ward_quota is None and not y.partial)

    @property
    def partial_years(self) -> tuple[WardYear, ...]:
        """Years the term covers only in part (it starts or ends mid-year)."""
        return tuple(y for y in self.years if y.partial)

    @property
    def quota_share(self) -> float | None:
        """Admissions against the superior's quotas, over the years that have one."""
        return share(self.admissions_in_quota_years, self.ward_quota_sum)

    @property
    def left_trained(self) -> int:
        return sum(1 for c in self.left if c.trained)

    @property
    def years_with_quota(self) -> tuple[WardYear, ...]:
        return tuple(y for y in self.years if y.quota_counted is not None)

    @property
    def years_below_quota(self) -> tuple[WardYear, ...]:
        return tuple(y for y in self.years if y.below_quota)

    @property
    def years_with_members(self) -> tuple[WardYear, ...]:
        return tuple(y for y in self.years if y.members_start and not y.partial)

    @property
    def years_short_of_three_percent(self) -> tuple[WardYear, ...]:
        return tuple(y for y in self.years if y.short_of_three_percent)

    @property
    def branches_below_quota(self) -> tuple[BranchTerm, ...]:
        return tuple(b for b in self.branches if b.below_quota)

    @property
    def branch_basis(self) -> QuotaBasis:
        """The branches' quotas over the term and the admissions set against them (Biểu 3's totals)."""
        return quota_basis(self.branches)


@dataclass(frozen=True)
class PersonLine:
    """A person as listed in a branch report."""

    name: str
    birth: date | None
    when: date | None  # admission date, or date entered on the list
    detail: str = ""


@dataclass(frozen=True)
class BranchReport:
    info: BranchInfo
    year: BranchYear
    history: tuple[BranchYear, ...]  # every covered year of the term, oldest first
    admitted: tuple[PersonLine, ...]  # admitted in the report year
    candidates: tuple[PersonLine, ...]  # on the list at the end of the report year
    no_admission_years: tuple[int, ...]
    overdue_probation: tuple[OverdueProbation, ...]
    left_in_year: tuple[LeftCandidate, ...]


@dataclass(frozen=True)
class PlanBranch:
    """One branch in the plan for the next year: what it has waiting and what it is given."""

    branch: str
    kind: str
    trained_waiting: int  # on the list at 31/12 of the report year, certificate valid to the end of the plan year
    candidates_waiting: int  # on the list at 31/12 of the report year
    admission_quota: int  # allocated: at least 1
    source_quota: int  # allocated: at least 1
    minimum: int = 1  # 1, or the quota the office entered for the plan year
    trained_expiring: int = 0  # certificate valid on 31/12 of the report year, expiring within the plan year
    trained_expired: int = 0  # class taken, certificate no longer valid on 31/12 of the report year
    expiries: tuple[date, ...] = ()  # the last valid day of each expiring certificate, in order
    term_admissions: int = 0  # admitted in the term up to the report year (breaks a tie in the allocation)

    @property
    def trained_attended(self) -> int:
        """THE count every ward document calls "quần chúng đã học lớp bồi dưỡng nhận thức về Đảng": on the
        list at 31/12 of the report year, class taken, whatever the certificate's date. Of them,
        `trained_waiting` hold a certificate valid to the end of the plan year ("giấy chứng nhận còn giá
        trị"), `trained_expiring` one that expires within the plan year, `trained_expired` one that has."""
        return self.trained_waiting + self.trained_expiring + self.trained_expired

    @property
    def trained_valid(self) -> int:
        """Certificates valid on 31/12 of the report year ("có giấy chứng nhận ... còn giá trị", Biểu 1 of
        the plan): those valid to the end of the plan year and those expiring within it."""
        return self.trained_waiting + self.trained_expiring

    @property
    def needs_sources(self) -> bool:
        """Nobody on the list with a valid certificate, not even one expiring in the plan year: the
        branch must send candidates to the class ("cần tạo nguồn")."""
        return self.trained_waiting == 0 and self.trained_expiring == 0

    @property
    def expiring_only(self) -> bool:
        """Its only trained candidates hold certificates that expire in the plan year: to be
        considered before they expire, while others are sent to the class."""
        return self.trained_waiting == 0 and self.trained_expiring > 0


@dataclass(frozen=True)
class PlanOrganisation:
    """One mass organisation's introduction quota for the next year."""

    organisation: str
    introduction_quota: int  # at least 1
    introduced_last_year: int  # candidates it introduced in the report year
    last_quota: int | None = None  # its quota of the report year


@dataclass(frozen=True)
class PlanTie:
    """Branches with equal remainders at the cut of the allocation: who got the last units."""

    given: tuple[str, ...]
    left: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    """The admission plan for the year after the report year (Kế hoạch phát triển đảng viên).

    The ward total is at least the quota floor (the superior's quota for the plan year,
    else the quota of the report year) and at least the member floor (3% of the members
    at the start of the plan year, or of an upper bound of them, rounded up), and at least
    one per branch.
    """

    year: int  # the plan year, N+1
    base_year: int  # the report year, N
    superior_quota: int | None  # the `Toàn Đảng bộ` row of the plan year
    previous_quota: int | None  # the ward quota of the report year
    quota_floor: int  # superior_quota if given, else previous_quota, else 0
    members_base: int | None  # members at the start of the plan year: entered, or estimated from above
    members_year: int | None  # the year of the start-of-year figure it comes from (the plan year when entered)
    member_rate: float
    member_floor: int  # ceil(member_rate * members_base), 0 without a figure
    branches: tuple[PlanBranch, ...]  # in name order
    organisations: tuple[PlanOrganisation, ...]
    organisations_year: int | None  # the year of the `Đoàn thể` rows used
    tie: PlanTie | None = None  # equal remainders at the cut of the allocation
    sources_added_last_year: int = 0  # candidates put on the lists in the report year
    members_admitted: int = 0  # admitted from members_year to the report year, added to that year's figure

    @property
    def members_estimated(self) -> bool:
        """The 3% is taken of an upper bound (the latest figure plus those admitted since), not of a
        figure entered for the plan year."""
        return self.members_year is not None and self.members_year < self.year

    @property
    def remainder(self) -> int:
        """What is allocated above the branches' minimums."""
        return self.total - sum(b.minimum for b in self.branches)

    @property
    def needs_sources(self) -> tuple[str, ...]:
        """Branches with nobody waiting ("cần tạo nguồn"), in name order."""
        return tuple(b.branch for b in self.branches if b.needs_sources)

    @property
    def trained_expiring(self) -> int:
        return sum(b.trained_expiring for b in self.branches)

    @property
    def trained_valid(self) -> int:
        """All on the lists with a certificate valid on 31/12 of the report year (PlanBranch.trained_valid)."""
        return sum(b.trained_valid for b in self.branches)

    @property
    def expiring_only(self) -> tuple[str, ...]:
        """Branches whose only trained candidates' certificates expire in the plan year, in name order."""
        return tuple(b.branch for b in self.branches if b.expiring_only)

    @property
    def introduced_last_year(self) -> int:
        return sum(o.introduced_last_year for o in self.organisations)

    @property
    def quota_from_superior(self) -> bool:
        return self.superior_quota is not None

    @property
    def target(self) -> int:
        """The larger of the two floors."""
        return max(self.quota_floor, self.member_floor)

    @property
    def total(self) -> int:
        return sum(b.admission_quota for b in self.branches)

    @property
    def source_total(self) -> int:
        return sum(b.source_quota for b in self.branches)

    @property
    def trained_waiting(self) -> int:
        return sum(b.trained_waiting for b in self.branches)

    @property
    def trained_attended(self) -> int:
        """All on the lists who took the class (PlanBranch.trained_attended)."""
        return sum(b.trained_attended for b in self.branches)

    @property
    def trained_expired(self) -> int:
        return sum(b.trained_expired for b in self.branches)

    @property
    def candidates_waiting(self) -> int:
        return sum(b.candidates_waiting for b in self.branches)

    @property
    def introduction_total(self) -> int:
        return sum(o.introduction_quota for o in self.organisations)


@dataclass(frozen=True)
class OfficeText:
    """A text of the committee on this work (sheet `Văn bản`): `44-KH/ĐU` of 13/01/2023."""

    year: int  # the year it belongs to
    number: str  # Số, ký hiệu
    issued: date
    summary: str  # Trích yếu, e.g. "về phát triển đảng viên năm 2023"
    kind: str = ""  # the kind the clerk wrote ("Kế hoạch") when the number has no code

    @property
    def code(self) -> str:
        """The kind code of the number: "KH" in `44-KH/ĐU` (and `46/KH-ĐU`), "" when the number has none."""
        return schema.document_code(self.number)


@dataclass(frozen=True)
class Assessment:
    """One paragraph of the office's own judgement (sheet `Nhận định`)."""

    period: str  # "2025" or a term "2020-2025"
    section: str  # one of schema.ASSESSMENT_SECTIONS
    text: str
    file: str = ""  # where the row is written, for a message: the workbook, its sheet, the Excel row
    sheet: str = ""
    row: int | None = None


@dataclass(frozen=True)
class Report:
    """Everything the documents of one run show."""

    ward: WardInfo
    year: int
    issued: date  # the date printed in the date line
    branches: tuple[BranchInfo, ...]
    branch_years: tuple[BranchYear, ...]  # report year, one per branch, in name order
    ward_year: WardYear
    ward_prev_year: WardYear | None
    structure: Structure  # admissions of the report year vs the year before
    kind_structure: Structure  # admissions of the year by branch kind
    organisations: tuple[OrganisationYear, ...]  # report year
    shortfalls: Shortfalls
    term: TermSummary
    term_kind_structure: Structure
    branch_reports: tuple[BranchReport, ...]
    ward_years: tuple[WardYear, ...] = field(default=())  # every year with data, oldest first
    plan: Plan | None = None  # the plan for the next year
    texts: tuple[OfficeText, ...] = ()  # every row of `Văn bản`, oldest first
    assessments: tuple[Assessment, ...] = ()  # every row of `Nhận định`, in the workbook's order
    term_declared: bool = True  # the report year lies in the term `Đơn vị` declares (else no term review)
    term_organisations: tuple[
        OrganisationYear, ...
    ] = ()  # each organisation over the term: quotas and introductions summed

    def texts_of(self, year: int) -> tuple[OfficeText, ...]:
        """The committee's texts of `year` issued on or before the document's date."""
        return tuple(t for t in self.texts if t.year == year and t.issued <= self.issued)

    def assessments_of(self, period: str, section: str) -> tuple[str, ...]:
        """The office's paragraphs for a year or term and a section, in the workbook's order."""
        return tuple(a.text for a in self.assessments if a.period == period and a.section == section)
