"""The province roll-up: one figure per ward, summed for the province, computed only
from the wards' models (`Report`), never from their workbooks.

A province run is many ward runs plus this roll-up: the ward pipeline does not know it
is inside a province. Only a small `WardLine` of each ward's report is kept, so the
roll-up's memory does not grow with the wards' rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from .. import schema
from ..intake.normalize import branch_key
from .aggregate import _int_or_none  # one reading of an optional whole-number cell
from .model import QuotaShortfall, Report, Structure, StructureRow, WardInfo, WardYear, share


@dataclass(frozen=True)
class WardLine:
    """One ward of the province in the report year."""

    folder: str  # the ward's sub-folder
    slug: str  # its output folder out/<slug>/
    committee: str  # `Tên đảng ủy` as written in the ward workbook
    info: WardInfo
    year: WardYear  # ward_quota: the province's row for the ward when there is one
    below_quota_branches: tuple[QuotaShortfall, ...]
    structure: Structure  # admissions of the report year
    own_quota: int | None = None  # the ward's own `Toàn Đảng bộ` quota of the year (what its documents use)
    quota_from_province: bool = False  # year.ward_quota is the province's `Chỉ tiêu` row for the ward

    @property
    def below_quota(self) -> bool:
        """Admitted fewer than the quota the province gave (no quota: not judged)."""
        return self.year.below_quota

    @property
    def below_member_target(self) -> bool:
        """Admitted fewer than 3% of the members at the start of the year (no figure: not judged)."""
        return self.year.short_of_three_percent is True


@dataclass(frozen=True)
class LeftOutWard:
    """A ward whose documents were not made, and why (Vietnamese)."""

    folder: str
    reason: str


@dataclass(frozen=True)
class ProvinceReport:
    info: WardInfo  # the province committee's header facts
    year: int
    issued: date
    wards: tuple[WardLine, ...]  # in folder order
    total: WardYear  # the province: sums over the wards; ward_quota the `Toàn Đảng bộ` row, else the wards' sum
    structure: Structure

    @property
    def wards_below_quota(self) -> tuple[WardLine, ...]:
        return tuple(w for w in self.wards if w.below_quota)

    @property
    def wards_below_member_target(self) -> tuple[WardLine, ...]:
        return tuple(w for w in self.wards if w.below_member_target)

    @property
    def branches_below_quota(self) -> tuple[tuple[WardLine, QuotaShortfall], ...]:
        return tuple((w, s) for w in self.wards for s in w.below_quota_branches)


def province_rows(quotas: pd.DataFrame, year: int) -> dict[str, dict[str, object]]:
    """The province's `Chỉ tiêu` rows of one year, keyed by the folded ward name (first row wins)."""
    rows: dict[str, dict[str, object]] = {}
    for row in quotas.to_dict("records"):
        if _int_or_none(row.get("year")) == year:
            rows.setdefault(branch_key(row["branch"]), row)
    return rows


def row_quota(row: dict[str, object] | None) -> int | None:
    """`Chỉ tiêu kết nạp` of one `Chỉ tiêu` row (None: no row, or the cell empty)."""
    return None if row is None else _int_or_none(row.get("admission_quota"))


def ward_line(folder: str, slug: str, report: Report) -> WardLine:
    """The figures of one ward that the province report shows, from the ward's model."""
    return WardLine(
        folder=folder,
        slug=slug,
        committee=report.ward.committee,
        info=report.ward,
        year=report.ward_year,
        below_quota_branches=report.shortfalls.below_quota,
        structure=report.structure,
    )


def with_province_row(line: WardLine, rows: dict[str, dict[str, object]]) -> WardLine:
    """The ward's line with the quota and members the province's own `Chỉ tiêu` row gives
    it (the province's word over the ward's `Toàn Đảng bộ` row), when there is one."""
    row = rows.get(branch_key(line.committee))
    if row is None:
        return replace(line, own_quota=line.year.ward_quota)
    quota = _int_or_none(row.get("admission_quota"))
    members = _int_or_none(row.get("members_start"))
    return replace(
        line,
        own_quota=line.year.ward_quota,
        quota_from_province=quota is not None,
        year=replace(
            line.year,
            ward_quota=quota if quota is not None else line.year.ward_quota,
            members_start=members if members is not None else line.year.members_start,
        ),
    )


def _sum_known(values: Iterable[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def _merge_keys(structures: Sequence[Structure]) -> list[StructureRow]:
    """One row per key across the wards' structures, in the order the wards give them."""
    order: list[str] = []
    first: dict[str, StructureRow] = {}
    for s in structures:
        previous = -1
        for row in s.rows:
            if row.key not in first:
                first[row.key] = row
                order.insert(previous + 1, row.key)
            previous = order.index(row.key)
    return [first[k] for k in order]


def sum_structures(structures: Sequence[Structure]) -> Structure:
    """The wards' structures of admissions added up; shares of the summed total."""
    total = sum(s.total for s in structures)
    rows = []
    for template in _merge_keys(structures):
        count = sum(r.count for s in structures for r in s.rows if r.key == template.key)
        rows.append(StructureRow(template.group, template.label, template.key, count, share(count, total)))
    aged = [(s.mean_age, s.total) for s in structures if s.mean_age is not None and s.total]
    weight = sum(n for _, n in aged)
    mean_age = sum(m * n for m, n in aged) / weight if weight else None
    return Structure(total=total, rows=tuple(rows), mean_age=mean_age)


def roll_up(info: WardInfo, quotas: pd.DataFrame, year: int, issued: date, wards: Sequence[WardLine]) -> ProvinceReport:
    """The province's figures: each ward's line (with the province's quota row for it) and their sums."""
    rows = province_rows(quotas, year)
    wards = [with_province_row(w, rows) for w in wards]
    total_row = rows.get(branch_key(schema.WARD_TOTAL))
    ward_quota_sum = _sum_known(w.year.ward_quota for w in wards)
    province_quota = None if total_row is None else _int_or_none(total_row.get("admission_quota"))
    members = None if total_row is None else _int_or_none(total_row.get("members_start"))
    years = [w.year for w in wards]
    total = WardYear(
        year=year,
        admissions=sum(y.admissions for y in years),
        ward_quota=province_quota if province_quota is not None else ward_quota_sum,
        branch_quota_sum=ward_quota_sum or 0,
        members_start=members if members is not None else _sum_known(y.members_start for y in years),
        candidates_added=sum(y.candidates_added for y in years),
        candidates_trained=sum(y.candidates_trained for y in years),
        candidates_at_year_end=sum(y.candidates_at_year_end for y in years),
        candidates_left=sum(y.candidates_left for y in years),
        candidates_left_trained=sum(y.candidates_left_trained for y in years),
        recognitions=sum(y.recognitions for y in years),
        branches_total=sum(y.branches_total for y in years),
        branches_with_quota=sum(y.branches_with_quota for y in years),
        branches_met_quota=sum(y.branches_met_quota for y in years),
        branches_with_admission=sum(y.branches_with_admission for y in years),
        member_target_rate=years[0].member_target_rate if years else WardYear.member_target_rate,
    )
    return ProvinceReport(
        info=info,
        year=year,
        issued=issued,
        wards=tuple(wards),
        total=total,
        structure=sum_structures([w.structure for w in wards]),
    )
