"""pandas: per branch and year, per year for the ward, over the term; the structure
of admissions; the shortfalls. The result is a `Report` of plain figures."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

import pandas as pd

from .. import rules, schema
from ..dates import full_months, full_years
from ..intake.load import Branch, Inbox, records
from ..intake.normalize import branch_key, fold, known_organisations, organisation_key, person_key
from ..intake.ward import term_for_year
from ..vntext import name_sort_key, slugify, text_sort_key
from .model import (
    Assessment,
    BranchInfo,
    BranchReport,
    BranchTerm,
    BranchYear,
    LeftCandidate,
    NoAdmissionStreak,
    OfficeText,
    OrganisationYear,
    OverdueProbation,
    PersonLine,
    Plan,
    QuotaShortfall,
    Report,
    Shortfalls,
    SourceShortfall,
    Structure,
    StructureRow,
    TermSummary,
    WardInfo,
    WardYear,
    is_no_admission_streak,
    share,
)
from .plan import BranchNeed, OrganisationNeed, make_plan

TRAINED_NOTE = "đã học lớp bồi dưỡng NTVĐ ngày"  # beside a candidate in a branch report, with the date


def trained_note(class_date: object, plan_year_end: date) -> str:
    """The branch report's Ghi chú of a trained candidate: the class date, and the certificate's
    expiry when it expires before the end of the plan year (the branch must send them again)."""
    if not isinstance(class_date, date):
        return ""
    note = f"{TRAINED_NOTE} {class_date.strftime('%d/%m/%Y')}"
    expiry = rules.class_expiry(class_date)
    if expiry is not None and expiry < plan_year_end:
        note += f", giấy chứng nhận hết hạn ngày {expiry.strftime('%d/%m/%Y')}"
    return note


# The reader has already mapped every spelling onto schema.KINH / schema.NO_RELIGION (warning
# on what it could not map); the synonyms are kept here for tables built in other ways.
_NO_RELIGION = {fold(v) for v in ("", schema.NO_RELIGION, *schema.NO_RELIGION_WORDS)}
_MAJORITY = {fold(v) for v in ("", schema.KINH, *(k for k, v in schema.ETHNICITY_ALIASES.items() if v == schema.KINH))}


# --- small helpers ---------------------------------------------------------------


def _between(series: pd.Series, lo: date, hi: date) -> pd.Series:
    return series.map(lambda d: isinstance(d, date) and lo <= d <= hi).astype(bool)


def _year_window(year: int, window: tuple[date, date] | None = None) -> tuple[date, date]:
    lo, hi = date(year, 1, 1), date(year, 12, 31)
    if window is not None:
        lo, hi = max(lo, window[0]), min(hi, window[1])
    return lo, hi


_T = TypeVar("_T")


# --- the tables, prepared once ----------------------------------------------------


@dataclass
class Prepared:
    ward: WardInfo
    branches: list[Branch]
    kind_of: dict[str, str]
    quotas: pd.DataFrame  # branch canonical or WARD_TOTAL
    organisation_quotas: pd.DataFrame
    candidates: pd.DataFrame
    admissions: pd.DataFrame
    people: pd.DataFrame  # candidates and admissions, one row per person and branch
    first_year: int  # the earliest year the workbooks speak for
    cache: dict[tuple[int, tuple[date, date] | None], dict[str, BranchYear]] = field(default_factory=dict)
    quota_index: dict[tuple[str, int], dict[str, object]] = field(default_factory=dict)
    admitted_years: dict[str, set[int]] | None = None  # per branch, built once on first use


def prepare(inbox: Inbox) -> Prepared:
    assert inbox.ward is not None, "aggregation needs the ward workbook"
    canonical = {branch_key(b.name): b.name for b in inbox.branches}
    canonical[branch_key(schema.WARD_TOTAL)] = schema.WARD_TOTAL
    quotas = inbox.quotas.copy()
    quotas["branch"] = quotas["branch"].map(lambda n: canonical.get(branch_key(n), n))
    quotas = quotas.drop_duplicates(subset=["year", "branch"], keep="first")
    candidates = inbox.candidates.copy()
    admissions = inbox.admissions.copy()
    for frame in (candidates, admissions):
        frame["person"] = [f"{person_key(n)}|{b}" for n, b in zip(frame["name"], frame["birth"])]
    # Someone admitted but still `Đang bồi dưỡng` in `Nguồn` (validate warns) counts once, as
    # admitted: off the list from the admission's date.
    admitted_on = {
        person: day for person, day in zip(admissions["person"], admissions["admitted"]) if isinstance(day, date)
    }
    stale = (candidates["status"] == schema.STATUS_ACTIVE) & candidates["person"].isin(admitted_on.keys())
    if stale.any():
        candidates.loc[stale, "status"] = schema.STATUS_ADMITTED
        candidates.loc[stale, "status_date"] = candidates.loc[stale, "person"].map(admitted_on)
    _mark_transfers(candidates, admissions)
    cand_people = candidates[["branch", "person", "class_date"]].assign(
        stay=[
            _class_in_stay(c, e, s, d)
            for c, e, s, d in zip(
                candidates["class_date"], candidates["entered"], candidates["status"], candidates["status_date"]
            )
        ]
    )
    adm_people = admissions[["branch", "person", "class_date"]].assign(stay=True)
    people = pd.concat([adm_people, cand_people], ignore_index=True)
    # A person counts once in the ward, on either sheet and in whichever branch (a move inside the
    # ward): a class date on any row counts, in the branch the person was in when taking it.
    people = (
        people.assign(has=people["class_date"].map(lambda d: isinstance(d, date)))
        .sort_values(["has", "stay"], ascending=False, kind="stable")
        .drop_duplicates(subset=["person"], keep="first")
        .drop(columns=["has", "stay"])
    )
    years = [int(y) for y in quotas["year"].dropna()]
    years += [d.year for d in admissions["admitted"] if isinstance(d, date)]
    first_year = min([inbox.ward.term_start.year, *years])
    return Prepared(
        ward=inbox.ward,
        branches=list(inbox.branches),
        kind_of={b.name: b.kind for b in inbox.branches},
        quotas=quotas,
        organisation_quotas=inbox.organisation_quotas.copy(),
        candidates=candidates,
        admissions=admissions,
        people=people,
        first_year=first_year,
    )


def _mark_transfers(candidates: pd.DataFrame, admissions: pd.DataFrame) -> None:
    """A candidate who moves to another branch of the ward (`Chuyển đi` in one, on the list or
    admitted in another, matched by name and birth date) is one person: the move is neither a
    loss of the first branch (`transferred`) nor a new source of the second (`transfer_in`)."""
    branches: dict[str, set[str]] = defaultdict(set)
    for frame in (candidates, admissions):
        for person, branch in zip(frame["person"], frame["branch"]):
            branches[person].add(branch)
    moved = (candidates["status"] == schema.STATUS_MOVED).to_numpy(dtype=bool)
    moved_from: dict[str, set[str]] = defaultdict(set)
    transferred = []
    for is_moved, person, branch in zip(moved, candidates["person"], candidates["branch"]):
        inside = bool(is_moved) and len(branches[person] - {branch}) > 0
        transferred.append(inside)
        if inside:
            moved_from[person].add(branch)
    candidates["transferred"] = pd.Series(transferred, index=candidates.index, dtype=bool)
    candidates["transfer_in"] = pd.Series(
        [
            person in moved_from and branch not in moved_from[person]
            for person, branch in zip(candidates["person"], candidates["branch"])
        ],
        index=candidates.index,
        dtype=bool,
    )


def _class_in_stay(class_date: object, entered: object, status: object, status_date: object) -> bool:
    """The class was taken while the person was on this branch's list."""
    if not isinstance(class_date, date):
        return False
    if isinstance(entered, date) and class_date < entered:
        return False
    left = status != schema.STATUS_ACTIVE and isinstance(status_date, date)
    return not left or class_date <= status_date  # type: ignore[operator]


def _quota_row(p: Prepared, branch: str, year: int) -> dict[str, object] | None:
    if not p.quota_index:
        for row in p.quotas.to_dict("records"):
            p.quota_index.setdefault((row["branch"], int(row["year"])), row)
    return p.quota_index.get((branch, year))


def year_has_data(p: Prepared, year: int) -> bool:
    """The workbooks speak for `year`: a quota row of that year (a branch's or the ward's), an admission
    or a candidate put on a list in it. Only such a year is compared with."""
    if year < p.first_year:
        return False
    if any(int(y) == year for y in p.quotas["year"].dropna()):
        return True
    lo, hi = date(year, 1, 1), date(year, 12, 31)
    return bool(_between(p.admissions["admitted"], lo, hi).any() or _between(p.candidates["entered"], lo, hi).any())


def _int_or_none(value: object) -> int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value)  # type: ignore[call-overload]


def _left_mask(candidates: pd.DataFrame, lo: date, hi: date) -> pd.Series:
    """Left the list in the window; a move to another branch of the ward is not a loss."""
    return (
        candidates["status"].isin(schema.LEFT_STATUSES)
        & _between(candidates["status_date"], lo, hi)
        & ~candidates["transferred"]
    )


def _new_sources(candidates: pd.DataFrame, lo: date, hi: date) -> pd.Series:
    """Put on a list in the window, not counting a move from another branch of the ward."""
    return _between(candidates["entered"], lo, hi) & ~candidates["transfer_in"]


def _on_list_at(candidates: pd.DataFrame, day: date) -> pd.Series:
    entered = candidates["entered"].map(lambda d: isinstance(d, date) and d <= day)
    gone = (candidates["status"] != schema.STATUS_ACTIVE) & candidates["status_date"].map(
        lambda d: not isinstance(d, date) or d <= day
    )
    return (entered & ~gone).astype(bool)


def branch_year(p: Prepared, branch: str, year: int, window: tuple[date, date] | None = None) -> BranchYear:
    return branch_years(p, year, window)[branch]


def _per_branch(frame: pd.DataFrame, mask: pd.Series) -> dict[str, int]:
    return {str(k): int(v) for k, v in frame.loc[mask.to_numpy(dtype=bool), "branch"].value_counts().items()}


def branch_years(p: Prepared, year: int, window: tuple[date, date] | None = None) -> dict[str, BranchYear]:
    """Every branch in one year (within `window`), computed once for all branches."""
    key = (year, window)
    if key in p.cache:
        return p.cache[key]
    lo, hi = _year_window(year, window)
    adm, cand = p.admissions, p.candidates
    left_mask = _left_mask(cand, lo, hi)
    trained = cand["class_date"].map(lambda d: isinstance(d, date)).astype(bool)
    admitted = _per_branch(adm, _between(adm["admitted"], lo, hi))
    recognised = _per_branch(adm, _between(adm["official"], lo, hi))
    added = _per_branch(cand, _new_sources(cand, lo, hi))
    took_class = _per_branch(p.people, _between(p.people["class_date"], lo, hi))
    on_list = _per_branch(cand, _on_list_at(cand, hi))
    left = _per_branch(cand, left_mask)
    left_trained = _per_branch(cand, left_mask & trained)
    result = {}
    for b in p.branches:
        row = _quota_row(p, b.name, year)
        result[b.name] = BranchYear(
            branch=b.name,
            kind=p.kind_of.get(b.name, "Khác"),
            year=year,
            admissions=admitted.get(b.name, 0),
            quota=None if row is None else _int_or_none(row["admission_quota"]),
            source_quota=None if row is None else _int_or_none(row["source_quota"]),
            members_start=None if row is None else _int_or_none(row["members_start"]),
            candidates_added=added.get(b.name, 0),
            candidates_trained=took_class.get(b.name, 0),
            candidates_at_year_end=on_list.get(b.name, 0),
            candidates_left=left.get(b.name, 0),
            candidates_left_trained=left_trained.get(b.name, 0),
            recognitions=recognised.get(b.name, 0),
            partial=_is_partial(year, lo, hi),
        )
    p.cache[key] = result
    return result


def _is_partial(year: int, lo: date, hi: date) -> bool:
    """The window covers only part of the calendar year."""
    return (lo, hi) != (date(year, 1, 1), date(year, 12, 31))


def branch_members(p: Prepared, year: int) -> dict[str, int | None]:
    """`Số đảng viên đầu năm` of each branch with a workbook (None where not entered)."""
    out: dict[str, int | None] = {}
    for b in p.branches:
        row = _quota_row(p, b.name, year)
        out[b.name] = None if row is None else _int_or_none(row["members_start"])
    return out


def _members_start(p: Prepared, year: int) -> int | None:
    """Members at the start of the year: the `Toàn Đảng bộ` row, else the sum of the branches'
    figures when every branch has one; a partial sum would understate the base of the 3%."""
    total = _quota_row(p, schema.WARD_TOTAL, year)
    members = None if total is None else _int_or_none(total["members_start"])
    if members is not None:
        return members
    figures = list(branch_members(p, year).values())
    if not figures or any(m is None for m in figures):
        return None
    return sum(m for m in figures if m is not None)


def ward_year(p: Prepared, year: int, window: tuple[date, date] | None = None) -> WardYear:
    rows = [branch_year(p, b.name, year, window) for b in p.branches]
    total = _quota_row(p, schema.WARD_TOTAL, year)
    members = _members_start(p, year)
    with_quota = [r for r in rows if rules.quota_given(r.quota)]
    return WardYear(
        year=year,
        admissions=sum(r.admissions for r in rows),
        ward_quota=None if total is None else _int_or_none(total["admission_quota"]),
        branch_quota_sum=sum(r.quota or 0 for r in with_quota),
        members_start=members,
        candidates_added=sum(r.candidates_added for r in rows),
        candidates_trained=sum(r.candidates_trained for r in rows),
        candidates_at_year_end=sum(r.candidates_at_year_end for r in rows),
        candidates_left=sum(r.candidates_left for r in rows),
        candidates_left_trained=sum(r.candidates_left_trained for r in rows),
        recognitions=sum(r.recognitions for r in rows),
        branches_total=len(rows),
        branches_with_quota=len(with_quota),
        branches_met_quota=sum(1 for r in with_quota if r.met_quota),
        branches_with_admission=sum(1 for r in rows if r.admissions > 0),
        member_target_rate=rules.MEMBER_TARGET_RATE,
        partial=_is_partial(year, *_year_window(year, window)),
    )


# --- structure of admissions ------------------------------------------------------------


def _age_dates(admissions: pd.DataFrame) -> list[tuple[date, object, date]]:
    """(birth, branch meeting or None, decision) of each admission: age is judged at the meeting."""
    meetings = admissions["meeting"] if "meeting" in admissions else [None] * len(admissions)
    return list(zip(admissions["birth"], meetings, admissions["admitted"]))


def _categories(admissions: pd.DataFrame, kind_of: dict[str, str]) -> list[tuple[str, str, str, pd.Series]]:
    """(group, label, key, mask) for every row of the official form."""
    a = admissions
    bands = pd.Series(
        [rules.age_band(b, rules.age_judged_on(m, d)) for b, m, d in _age_dates(a)], index=a.index, dtype=object
    )
    rows: list[tuple[str, str, str, pd.Series]] = [
        ("Đặc điểm", "Nữ", "women", a["gender"] == "Nữ"),
        (
            "Đặc điểm",
            "Người dân tộc thiểu số",
            "ethnic_minority",
            a["ethnicity"].map(lambda v: fold(v or "") not in _MAJORITY),
        ),
        (
            "Đặc điểm",
            "Người có đạo (có tôn giáo)",
            "religious",
            a["religion"].map(lambda v: fold(v or "") not in _NO_RELIGION),
        ),
        ("Đặc điểm", "Đoàn viên TNCS Hồ Chí Minh", "youth_union", a["youth_union"].astype(bool)),
        ("Đặc điểm", "Chủ doanh nghiệp tư nhân", "business_owner", a["occupation"] == "Chủ doanh nghiệp"),
    ]
    for key, label, _first, _last in rules.AGE_BANDS:
        rows.append(("Độ tuổi khi kết nạp", label, key, bands == key))
    for value in schema.EDUCATION:
        rows.append(
            (
                "Trình độ học vấn",
                value
                if value == "Tiểu học"
                else {"THCS": "Trung học cơ sở (9/12)", "THPT": "Trung học phổ thông (12/12)"}[value],
                f"education_{slugify(value)}",
                a["education"] == value,
            )
        )
    rows.append(("Trình độ học vấn", "Chưa ghi trình độ học vấn", "education_missing", a["education"].isna()))
    for value in schema.PROFESSIONAL:
        label = "Chưa qua đào tạo chuyên môn" if value == "Không" else value
        rows.append(("Trình độ chuyên môn", label, f"professional_{slugify(value)}", a["professional"] == value))
    for value in schema.THEORY:
        label = "Chưa qua đào tạo lý luận chính trị" if value == "Không" else value
        rows.append(("Lý luận chính trị", label, f"theory_{slugify(value)}", a["theory"] == value))
    for value in schema.OCCUPATIONS:
        rows.append(("Nghề nghiệp", value, f"occupation_{slugify(value)}", a["occupation"] == value))
    rows.append(("Nghề nghiệp", "Chưa ghi nghề nghiệp", "occupation_missing", a["occupation"].isna()))
    return [(group, label, key, mask.fillna(False).astype(bool)) for group, label, key, mask in rows]


def _mean_age(admissions: pd.DataFrame) -> float | None:
    if admissions.empty:
        return None
    ages = [full_years(b, rules.age_judged_on(m, d)) for b, m, d in _age_dates(admissions)]
    return sum(ages) / len(ages)


# Rows shown only when some admission falls in them.
_OPTIONAL_ROWS = {rules.AGE_UNDER_MIN, "education_missing", "occupation_missing"}


def structure(admissions: pd.DataFrame, kind_of: dict[str, str], previous: pd.DataFrame | None = None) -> Structure:
    total = len(admissions)
    now = _categories(admissions, kind_of)
    before = _categories(previous, kind_of) if previous is not None else None
    rows = [
        StructureRow(
            "Tổng số",
            "Tổng số đảng viên mới kết nạp",
            "total",
            total,
            share(total, total),
            None if previous is None else len(previous),
            None if previous is None else share(len(previous), len(previous)),
        )
    ]
    for index, (group, label, key, mask) in enumerate(now):
        count = int(mask.sum())
        prev_count = None if before is None else int(before[index][3].sum())
        if key in _OPTIONAL_ROWS and count == 0 and not prev_count:
            continue
        rows.append(
            StructureRow(
                group,
                label,
                key,
                count,
                share(count, total),
                prev_count,
                None if previous is None or prev_count is None else share(prev_count, len(previous)),
            )
        )
    return Structure(
        total=total,
        rows=tuple(rows),
        mean_age=_mean_age(admissions),
        prev_total=None if previous is None else len(previous),
        prev_mean_age=None if previous is None else _mean_age(previous),
    )


def kind_structure(
    admissions: pd.DataFrame, kind_of: dict[str, str], previous: pd.DataFrame | None = None
) -> Structure:
    def counts(frame: pd.DataFrame) -> dict[str, int]:
        kinds = frame["branch"].map(lambda b: kind_of.get(b, "Khác"))
        return {k: int((kinds == k).sum()) for k in schema.BRANCH_KINDS}

    now = counts(admissions)
    before = counts(previous) if previous is not None else None
    total = len(admissions)
    prev_total = None if previous is None else len(previous)
    rows = tuple(
        StructureRow(
            "Loại hình chi bộ",
            kind,
            f"kind_{slugify(kind)}",
            now[kind],
            share(now[kind], total),
            None if before is None else before[kind],
            None if before is None else share(before[kind], prev_total),
        )
        for kind in schema.BRANCH_KINDS
        if now[kind] or (before and before[kind]) or kind in kind_of.values()
    )
    return Structure(total=total, rows=rows, mean_age=None, prev_total=prev_total)


# --- shortfalls ------------------------------------------------------------------------------


def _left(p: Prepared, lo: date, hi: date) -> tuple[LeftCandidate, ...]:
    c = p.candidates[_left_mask(p.candidates, lo, hi)]
    items = [
        LeftCandidate(r.branch, r.name, r.birth, r.status, r.status_date, isinstance(r.class_date, date))
        for r in c.itertuples()
    ]
    return tuple(sorted(items, key=lambda x: (text_sort_key(x.branch), name_sort_key(x.name))))


def _by_branch(items: tuple[_T, ...]) -> dict[str, tuple[_T, ...]]:
    """Items with a `branch` grouped by it, order kept."""
    out: dict[str, list[_T]] = {}
    for item in items:
        out.setdefault(item.branch, []).append(item)  # type: ignore[attr-defined]
    return {k: tuple(v) for k, v in out.items()}


def no_admission_years(p: Prepared, branch: str, year: int) -> tuple[int, ...]:
    """Consecutive years with no admission in the branch, ending at `year`, within the
    term that holds `year` (a quota row of an older term does not lengthen the streak)."""
    if p.admitted_years is None:  # one pass over the admissions for all branches
        p.admitted_years = {}
        for d, b in zip(p.admissions["admitted"], p.admissions["branch"]):
            if isinstance(d, date):
                p.admitted_years.setdefault(b, set()).add(d.year)
    admitted_years = p.admitted_years.get(branch, set())
    first = max(p.first_year, term_for_year(p.ward, year).term_start.year)
    years: list[int] = []
    y = year
    while y >= first and y not in admitted_years:
        years.append(y)
        y -= 1
    return tuple(reversed(years))


def overdue_probation(p: Prepared, on: date) -> tuple[OverdueProbation, ...]:
    items = []
    for r in p.admissions.itertuples():
        if isinstance(r.official, date) or not isinstance(r.admitted, date) or r.admitted > on:
            continue
        start = r.ceremony if isinstance(r.ceremony, date) else r.admitted
        if rules.recognition_overdue(start, on):
            items.append(OverdueProbation(r.branch, r.name, r.birth, r.admitted, start, full_months(start, on), on))
    return tuple(sorted(items, key=lambda x: (text_sort_key(x.branch), name_sort_key(x.name))))


def _introductions(p: Prepared, quota_year: int, year: int) -> list[tuple[str, int | None, int]]:
    """(organisation, its quota of `quota_year`, candidates it introduced in `year`), one per
    organisation of the `Đoàn thể` sheet, short forms and case folded together."""
    quotas = p.organisation_quotas[p.organisation_quotas["year"] == quota_year]
    lo, hi = _year_window(year)
    entered = p.candidates[_new_sources(p.candidates, lo, hi)]
    by_org = entered["introduced_by"].map(lambda v: organisation_key(v or ""))
    out = []
    seen: set[str] = set()
    for r in quotas.itertuples():
        key = organisation_key(r.organisation)
        if key not in seen:
            seen.add(key)
            out.append((r.organisation, _int_or_none(r.introduction_quota), int((by_org == key).sum())))
    return out


_NOT_ORGANISATIONS = frozenset(organisation_key(v) for v in schema.NOT_ORGANISATION_INTRODUCERS)


def _introduced_without_quota(p: Prepared, year: int, listed: set[str]) -> list[tuple[str, int]]:
    """Candidates put on a list in `year` by an organisation without a row of `year` in
    `Đoàn thể` (`listed`: the keys of those rows): a standard organisation under its own name,
    any other value (validate warns on each cell) under `Khác`. Nobody is lost from the table."""
    known = known_organisations(p.organisation_quotas["organisation"])
    names = {organisation_key(o): o for o in schema.ORGANISATIONS}
    lo, hi = _year_window(year)
    entered = p.candidates[_between(p.candidates["entered"], lo, hi)]
    counts: dict[str, int] = {}
    for value in entered["introduced_by"]:
        if not isinstance(value, str) or not value.strip():
            continue
        key = organisation_key(value)
        if key in listed or key in _NOT_ORGANISATIONS:
            continue
        name = names.get(key, schema.OTHER_ORGANISATION if key not in known else value.strip())
        counts[name] = counts.get(name, 0) + 1
    return sorted(counts.items(), key=lambda item: organisation_rank(item[0]))


def organisations(p: Prepared, year: int) -> tuple[OrganisationYear, ...]:
    rows = sorted(_introductions(p, year, year), key=lambda r: organisation_rank(r[0]))
    result = [OrganisationYear(name, year, quota or 0, introduced) for name, quota, introduced in rows]
    listed = {organisation_key(name) for name, _, _ in rows}
    result += [OrganisationYear(name, year, 0, count) for name, count in _introduced_without_quota(p, year, listed)]
    return tuple(result)


def term_organisations(p: Prepared, years: Iterable[int]) -> tuple[OrganisationYear, ...]:
    """Each organisation over the years of the term: its quotas and its introductions summed, in the
    conventional order (the `year` of each row is the last year)."""
    totals: dict[str, tuple[str, int, int]] = {}
    last = 0
    for y in years:
        last = y
        for o in organisations(p, y):
            key = organisation_key(o.organisation)
            name, quota, introduced = totals.get(key, (o.organisation, 0, 0))
            totals[key] = (name, quota + o.introduction_quota, introduced + o.introduced)
    rows = sorted(totals.values(), key=lambda t: organisation_rank(t[0]))
    return tuple(OrganisationYear(name, last, quota, introduced) for name, quota, introduced in rows)


# --- the plan for the next year -------------------------------------------------------------


def plan(p: Prepared, year: int) -> Plan:
    """The plan for year + 1: what each branch has waiting on 31/12 of `year`, the floors."""
    end = date(year, 12, 31)
    plan_end = date(year + 1, 12, 31)
    on_list = p.candidates[_on_list_at(p.candidates, end)]
    trained = on_list["class_date"].map(lambda d: isinstance(d, date) and d <= end).astype(bool)
    # A certificate is valid 60 months: waiting means still valid on the last day of the plan year;
    # expiring, valid on 31/12 of the report year but not to the end of the plan year; expired, neither.
    valid = on_list["class_date"].map(lambda d: isinstance(d, date) and rules.class_valid_on(d, plan_end)).astype(bool)
    valid_now = on_list["class_date"].map(lambda d: isinstance(d, date) and rules.class_valid_on(d, end)).astype(bool)
    term_years = range(max(p.first_year, term_for_year(p.ward, year).term_start.year), year + 1)
    needs = []
    for b in p.branches:
        mine = on_list["branch"] == b.name
        row = _quota_row(p, b.name, year + 1)
        last = _quota_row(p, b.name, year)
        needs.append(
            BranchNeed(
                branch=b.name,
                kind=p.kind_of.get(b.name, "Khác"),
                trained_waiting=int((mine & trained & valid).sum()),
                candidates_waiting=int(mine.sum()),
                source_quota=None if row is None else _int_or_none(row["source_quota"]),
                admission_quota=None if row is None else _int_or_none(row["admission_quota"]),
                trained_expiring=int((mine & trained & valid_now & ~valid).sum()),
                trained_expired=int((mine & trained & ~valid_now).sum()),
                expiries=tuple(
                    sorted(
                        e
                        for d in on_list.loc[mine & trained & valid_now & ~valid, "class_date"]
                        if (e := rules.class_expiry(d)) is not None
                    )
                ),
                last_source_quota=None if last is None else _int_or_none(last["source_quota"]),
                term_admissions=sum(branch_years(p, y)[b.name].admissions for y in term_years),
            )
        )
    superior = _quota_row(p, schema.WARD_TOTAL, year + 1)
    previous = _quota_row(p, schema.WARD_TOTAL, year)
    # The members at the start of the plan year, the base of the 3%: the figure entered for the plan year
    # (its `Toàn Đảng bộ` row, or every branch's) when the office has it; else an upper bound, the latest
    # start-of-year figure plus everyone admitted from that year to the end of the report year, nobody
    # counted as leaving (deaths, exclusions, transfers out only lower the real figure; transfers in are in
    # no workbook). 3% of a figure never below the real one keeps "không thấp hơn 3%" true.
    members_year = next((y for y in range(year + 1, p.first_year - 1, -1) if _members_start(p, y) is not None), None)
    admitted_since = (
        0
        if members_year is None
        else sum(b.admissions for y in range(members_year, year + 1) for b in branch_years(p, y).values())
    )

    # Organisations of either year's rows; the plan year's quotas are floors, the report year's are not copied.
    entered = {organisation_key(name): quota for name, quota, _ in _introductions(p, year + 1, year)}
    last_rows = _introductions(p, year, year)
    names = {organisation_key(name): name for name, _, _ in _introductions(p, year + 1, year)}
    for name, _, _ in last_rows:
        names.setdefault(organisation_key(name), name)
    introduced = {organisation_key(name): count for name, _, count in _introductions(p, year + 1, year) + last_rows}
    last_quota = {organisation_key(name): quota for name, quota, _ in last_rows}
    orgs = [
        OrganisationNeed(names[k], entered.get(k), introduced.get(k, 0), last_quota.get(k))
        for k in sorted(names, key=lambda k: organisation_rank(names[k]))
    ]
    lo, hi = _year_window(year)
    added = int(_new_sources(p.candidates, lo, hi).sum())

    return make_plan(
        year + 1,
        needs,
        superior_quota=None if superior is None else _int_or_none(superior["admission_quota"]),
        previous_quota=None if previous is None else _int_or_none(previous["admission_quota"]),
        members_base=None if members_year is None else _members_start(p, members_year),
        members_year=members_year,
        members_admitted=admitted_since,
        organisations=orgs,
        organisations_year=year + 1 if entered else year,
        member_rate=rules.MEMBER_TARGET_RATE,
        sources_added_last_year=added,
    )


def organisation_rank(name: str) -> tuple[int, str]:
    """The conventional order of the Front and the mass organisations (schema.ORGANISATIONS), others after."""
    order = [organisation_key(o) for o in schema.ORGANISATIONS]
    key = organisation_key(name)
    return (order.index(key) if key in order else len(order), fold(name))


# --- the report ---------------------------------------------------------------------------------


def _term_years_count(start: date, covered_end: date, full: int) -> int:
    months = full_months(start, date.fromordinal(covered_end.toordinal() + 1))
    return max(1, min(full, math.ceil(months / 12)))


def aggregate(inbox: Inbox, year: int, issued: date) -> Report:
    """All figures of the documents for the report `year`."""
    p = prepare(inbox)
    ward = term_for_year(p.ward, year)
    branches = sorted(p.branches, key=lambda b: text_sort_key(b.name))
    infos = tuple(BranchInfo(b.name, b.kind, b.secretary, b.file, slugify(b.name)) for b in branches)

    this_year = tuple(branch_year(p, b.name, year) for b in branches)
    lo, hi = _year_window(year)
    adm = p.admissions
    adm_year = adm[_between(adm["admitted"], lo, hi)]
    # The year before is compared with only when the workbooks speak for it (a quota, an admission,
    # a candidate put on a list that year): a year with no data is never "không kết nạp được ai".
    prev_known = year_has_data(p, year - 1)
    adm_prev = adm[_between(adm["admitted"], date(year - 1, 1, 1), date(year - 1, 12, 31))] if prev_known else None

    # The term, up to the report year.
    covered_end = min(ward.term_end, hi)
    complete = covered_end >= ward.term_end
    window = (ward.term_start, covered_end)
    term_years = tuple(ward_year(p, y, window) for y in range(ward.term_start.year, covered_end.year + 1))
    adm_term = adm[_between(adm["admitted"], ward.term_start, covered_end)]
    years_count = _term_years_count(ward.term_start, covered_end, ward.term_years)
    ward_quotas = [w.quota_counted for w in term_years if w.quota_counted is not None]
    branch_terms = []
    for b in branches:
        rows = [branch_year(p, b.name, y, window) for y in range(ward.term_start.year, covered_end.year + 1)]
        quotas = [r.quota_counted for r in rows if r.quota_counted is not None]
        branch_terms.append(
            BranchTerm(
                b.name,
                b.kind,
                sum(r.admissions for r in rows),
                sum(quotas) if quotas else None,
                sum(r.candidates_added for r in rows),
                sum(r.candidates_left for r in rows),
                admissions_with_quota=sum(r.admissions_against_quota for r in rows),
                years_without_quota=tuple(r.year for r in rows if r.quota_counted is None and not r.partial),
                admissions_without_quota=sum(r.admissions for r in rows if r.quota_counted is None and not r.partial),
            )
        )
    left_term = _left(p, ward.term_start, covered_end)
    term = TermSummary(
        label=ward.term_label,
        start=ward.term_start,
        end=covered_end,
        complete=complete,
        years=term_years,
        years_count=years_count,
        admissions=len(adm_term),
        yearly_average=len(adm_term) / years_count,
        ward_quota_sum=sum(ward_quotas) if ward_quotas else None,
        structure=structure(adm_term, p.kind_of),
        branches=tuple(branch_terms),
        left=left_term,
    )

    reference = min(hi, issued) if issued >= lo else hi
    overdue = overdue_probation(p, reference)
    left_year = _left(p, lo, hi)
    streaks = []
    for b in branches:
        years = no_admission_years(p, b.name, year)
        if is_no_admission_streak(years):
            streaks.append(NoAdmissionStreak(b.name, years))
    orgs = organisations(p, year)
    shortfalls = Shortfalls(
        below_quota=tuple(QuotaShortfall(r.branch, r.quota or 0, r.admissions) for r in this_year if r.below_quota),
        no_admission_streaks=tuple(streaks),
        below_source_quota=tuple(
            SourceShortfall(r.branch, r.source_quota or 0, r.candidates_added)
            for r in this_year
            if r.below_source_quota
        ),
        organisations_below_quota=tuple(o for o in orgs if o.below_quota),
        left_in_year=left_year,
        left_in_term=left_term,
        overdue_probation=overdue,
    )

    branch_reports = []
    on_list_at_year_end = p.candidates[_on_list_at(p.candidates, hi)]
    # One pass over each table for all branches (a mask per branch would cost branches x rows).
    admitted_by: dict[str, list[PersonLine]] = {}
    for branch, name, birth, when, number in zip(
        adm_year["branch"], adm_year["name"], adm_year["birth"], adm_year["admitted"], adm_year["decision_no"]
    ):
        admitted_by.setdefault(branch, []).append(PersonLine(name, birth, when, number or ""))
    listed_by: dict[str, list[PersonLine]] = {}
    c = on_list_at_year_end
    for branch, name, birth, when, trained in zip(c["branch"], c["name"], c["birth"], c["entered"], c["class_date"]):
        listed_by.setdefault(branch, []).append(
            PersonLine(name, birth, when, trained_note(trained, date(hi.year + 1, 12, 31)))
        )
    overdue_by = _by_branch(overdue)
    left_by = _by_branch(left_year)
    for info, row in zip(infos, this_year):
        branch_reports.append(
            BranchReport(
                info=info,
                year=row,
                history=tuple(
                    branch_year(p, info.name, y, window) for y in range(ward.term_start.year, covered_end.year + 1)
                ),
                admitted=tuple(sorted(admitted_by.get(info.name, ()), key=lambda x: name_sort_key(x.name))),
                candidates=tuple(sorted(listed_by.get(info.name, ()), key=lambda x: name_sort_key(x.name))),
                no_admission_years=no_admission_years(p, info.name, year),
                overdue_probation=overdue_by.get(info.name, ()),
                left_in_year=left_by.get(info.name, ()),
            )
        )

    first_table_year = min(ward.term_start.year, year)
    return Report(
        ward=ward,
        year=year,
        issued=issued,
        branches=infos,
        branch_years=this_year,
        ward_year=ward_year(p, year),
        ward_prev_year=ward_year(p, year - 1) if prev_known else None,
        structure=structure(adm_year, p.kind_of, adm_prev),
        kind_structure=kind_structure(adm_year, p.kind_of, adm_prev),
        organisations=orgs,
        shortfalls=shortfalls,
        term=term,
        term_kind_structure=kind_structure(adm_term, p.kind_of),
        term_organisations=term_organisations(p, range(ward.term_start.year, covered_end.year + 1)),
        branch_reports=tuple(branch_reports),
        ward_years=tuple(ward_year(p, y) for y in range(first_table_year, year + 1)),
        plan=plan(p, year),
        texts=office_texts(inbox),
        assessments=assessments(inbox),
        term_declared=p.ward.term_start.year <= year <= p.ward.term_end.year,
    )


def office_texts(inbox: Inbox) -> tuple[OfficeText, ...]:
    """The rows of `Văn bản`, oldest first (the same number on the same day counted once)."""
    seen: set[tuple[str, date]] = set()
    out = []
    for r in inbox.texts.itertuples():
        if not isinstance(r.issued, date) or r.year is None:
            continue
        key = (fold(r.number), r.issued)
        if key in seen:
            continue
        seen.add(key)
        out.append(OfficeText(int(r.year), str(r.number), r.issued, str(r.summary), str(getattr(r, "kind", "") or "")))
    return tuple(sorted(out, key=lambda t: (t.issued, t.number)))


def assessments(inbox: Inbox) -> tuple[Assessment, ...]:
    """The rows of `Nhận định`, in the workbook's order."""
    return tuple(
        Assessment(str(r["period"]), str(r["section"]), str(r["text"]), str(r["_file"]), str(r["_sheet"]), _row(r))
        for r in records(inbox.assessments)
        if r["period"] and r["section"] and r["text"]
    )


def _row(record: dict) -> int | None:
    row = record.get("_row")
    return int(row) if isinstance(row, (int, float)) and row == row else None
