"""Sentences built from figures, worded as an office clerk writes them.

Each function takes figures from `stats.model` and returns finished Vietnamese text:
the zero, one and all-met cases are worded on their own, names are listed in
Vietnamese order, and every number goes through `vietnamese.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportgen.render.vietnamese import (
    count_pct,
    date_words,
    fmt_count,
    fmt_decimal,
    fmt_int,
    fmt_pct,
    sort_names,
    sort_texts,
)
from reportgen.stats.model import (
    BranchTerm,
    BranchYear,
    LeftCandidate,
    NoAdmissionStreak,
    OrganisationYear,
    OverdueProbation,
    QuotaBasis,
    QuotaShortfall,
    SourceShortfall,
    Structure,
    StructureRow,
    TermSummary,
    WardYear,
)

MOVED = "Chuyển đi"
REMOVED = "Đưa ra khỏi nguồn"


def join_vi(items: Sequence[str]) -> str:
    """ "A", "A và B", "A, B và C"."""
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " và " + items[-1]


def years_text(years: Sequence[int]) -> str:
    """ "2023, 2024 và 2025"."""
    return join_vi([str(y) for y in sorted(years)])


def _n(count: int, unit: str, two_digits: bool) -> str:
    return f"{fmt_count(count, two_digits)} {unit}"


def _sentence(text: str) -> str:
    """Capitalise the first letter and end with a full stop."""
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", ":", "!", "?")) else text + "."


def _label_in_sentence(label: str) -> str:
    """Lower-case the first letter of a label inside a sentence, unless it is an acronym
    ("Giáo viên" -> "giáo viên", "Y tế" -> "y tế", "THPT" stays)."""
    first_word = label.split(" ", 1)[0]
    if label[:1].isupper() and (len(first_word) == 1 or first_word[1:2].islower()):
        return label[0].lower() + label[1:]
    return label


# --- the ward in one year ------------------------------------------------------


def ward_admissions(wy: WardYear, prev: WardYear | None, two_digits: bool = True) -> str:
    """Admissions of the year vs the superior's quota, the 3% of members and last year."""
    parts: list[str] = []
    if wy.admissions == 0:
        head = f"Năm {wy.year}, toàn Đảng bộ chưa kết nạp được đảng viên nào"
        if wy.ward_quota:
            head += f" (chỉ tiêu cấp trên giao: {_n(wy.ward_quota, 'đảng viên', two_digits)})"
        parts.append(head)
    else:
        head = f"Năm {wy.year}, toàn Đảng bộ kết nạp được {_n(wy.admissions, 'đảng viên', two_digits)}"
        if wy.ward_quota:
            head += (
                f", đạt {fmt_pct(wy.quota_share)} chỉ tiêu cấp trên giao ({_n(wy.ward_quota, 'đảng viên', two_digits)})"
            )
            if wy.admissions > wy.ward_quota:
                head += f", vượt {_n(wy.admissions - wy.ward_quota, 'đảng viên', two_digits)}"
            elif wy.below_quota:
                head += f", còn thiếu {_n(wy.ward_quota - wy.admissions, 'đảng viên', two_digits)}"
        elif wy.ward_quota == 0:
            head += " (cấp trên không giao chỉ tiêu)"
        parts.append(head)
    if wy.members_start and wy.member_target is not None:
        rate = fmt_pct(wy.member_target_rate, trim=True)
        target = _n(wy.member_target, "đảng viên", two_digits)
        members = fmt_int(wy.members_start)
        if wy.admissions:
            text = (
                f"số đảng viên mới kết nạp bằng {fmt_pct(wy.member_share)} tổng số đảng viên"
                f" đầu năm ({members} đảng viên), "
            )
        else:
            text = f"tổng số đảng viên đầu năm là {members} đảng viên, "
        if wy.met_member_target:
            text += f"đạt mục tiêu kết nạp {rate} ({target})"
        else:
            text += f"chưa đạt mục tiêu kết nạp {rate} ({target})"
        parts.append(text)
    out = _sentence("; ".join(parts))
    if prev is not None:
        diff = wy.admissions - prev.admissions
        before = _n(prev.admissions, "đảng viên", two_digits) if prev.admissions else "không kết nạp được đảng viên nào"
        cmp = f"So với năm {prev.year} ({before})"
        if diff > 0:
            cmp += f", tăng {_n(diff, 'đảng viên', two_digits)}"
        elif diff < 0:
            cmp += f", giảm {_n(-diff, 'đảng viên', two_digits)}"
        else:
            cmp += ", số đảng viên kết nạp bằng năm trước"
        out += " " + _sentence(cmp)
    return out


def branches_meeting_quota(wy: WardYear, two_digits: bool = True) -> str:
    """How many branches admitted anyone and how many met their quota ("vượt" only for those that exceeded)."""
    from reportgen.render.wording import ratio

    parts: list[str] = []
    total = wy.branches_total
    if total:
        if wy.branches_with_admission == 0:
            parts.append(
                f"trong {_n(total, 'chi bộ', two_digits)} trực thuộc, không có chi bộ nào kết nạp được đảng viên"
            )
        elif wy.branches_with_admission == total:
            parts.append(f"100% chi bộ trực thuộc ({ratio(total, total, two_digits)}) kết nạp được đảng viên mới")
        else:
            parts.append(
                f"{ratio(wy.branches_with_admission, total, two_digits)} chi bộ trực thuộc kết nạp được đảng viên mới"
            )
    with_quota = wy.branches_with_quota
    if with_quota:
        met = wy.branches_met_quota
        if met == 0:
            parts.append("không có chi bộ nào đạt chỉ tiêu được giao")
        else:
            parts.append(f"{ratio(met, with_quota, two_digits)} chi bộ đạt chỉ tiêu được giao")
        # the branches given no quota are said with their admissions (branch_quota_total)
    return _sentence("; ".join(parts))


def branch_quota_total(wy: WardYear, basis: QuotaBasis, two_digits: bool = True) -> str:
    """The quotas the committee gave its branches, on the basis of Biểu 1's rate: said when they add up to
    more (or less) than the superior's quota, or when some branches were given none (their admissions are
    said apart, so that no total reads against the quotas)."""
    if not basis.rows_with_quota:
        return ""
    without = basis.rows_without_quota
    if not without and (not wy.ward_quota or basis.quota == wy.ward_quota):
        return ""
    compare = ""
    if wy.ward_quota:
        superior = _n(wy.ward_quota, "đảng viên", two_digits)
        compare = (
            f", cao hơn chỉ tiêu cấp trên giao ({superior})"
            if basis.quota > wy.ward_quota
            else f", thấp hơn chỉ tiêu cấp trên giao ({superior})"
            if basis.quota < wy.ward_quota
            else ", bằng chỉ tiêu cấp trên giao"
        )
    given = _n(basis.rows_with_quota, "chi bộ", two_digits) if without else "các chi bộ"
    who = f"{given} này" if without else "các chi bộ"
    done = (
        f"kết nạp được {_n(basis.counted, 'đảng viên', two_digits)}, đạt {fmt_pct(basis.share)}"
        if basis.counted
        else "chưa kết nạp được đảng viên nào"
    )
    quota = _n(basis.quota, "đảng viên", two_digits)
    text = f"Tổng chỉ tiêu Đảng ủy giao cho {given} là {quota}{compare}; {who} {done}"
    if without:
        others = basis.admissions - basis.counted
        text += f"; {_n(without, 'chi bộ', two_digits)} không được giao chỉ tiêu " + (
            f"kết nạp được {_n(others, 'đảng viên', two_digits)}" if others else "chưa kết nạp được đảng viên nào"
        )
    return _sentence(text)


def ward_recognitions(wy: WardYear, two_digits: bool = True) -> str:
    if wy.recognitions == 0:
        return "Trong năm, không có đảng viên dự bị nào được công nhận đảng viên chính thức."
    return f"Trong năm, đã xét, công nhận đảng viên chính thức cho {_n(wy.recognitions, 'đồng chí', two_digits)}."


def ward_sources(wy: WardYear, two_digits: bool = True) -> str:
    """Candidates added, trained and on the list at the end of the year."""
    if wy.candidates_added == 0:
        first = "Trong năm, các chi bộ chưa bổ sung được quần chúng ưu tú nào vào danh sách nguồn"
    else:
        first = (
            "Trong năm, các chi bộ đã bổ sung vào danh sách nguồn "
            f"{_n(wy.candidates_added, 'quần chúng ưu tú', two_digits)}"
        )
    if wy.candidates_trained == 0:
        first += "; chưa cử quần chúng nào đi học lớp bồi dưỡng nhận thức về Đảng"
    else:
        first += f"; cử {_n(wy.candidates_trained, 'quần chúng', two_digits)} đi học lớp bồi dưỡng nhận thức về Đảng"
    end = date(wy.year, 12, 31)
    if wy.candidates_at_year_end == 0:
        second = f"Đến {date_words(end)}, toàn Đảng bộ không còn quần chúng nào trong danh sách nguồn"
    else:
        second = (
            f"Đến {date_words(end)}, toàn Đảng bộ có "
            f"{_n(wy.candidates_at_year_end, 'quần chúng ưu tú', two_digits)}"
            " trong danh sách nguồn đang được bồi dưỡng"
        )
    return _sentence(first) + " " + _sentence(second)


def organisations_introduced(orgs: Sequence[OrganisationYear], two_digits: bool = True) -> str:
    """What the mass organisations introduced, in the conventional order; empty without organisation quotas."""
    from reportgen.render.wording import organisation_rank

    if not orgs:
        return ""
    total = sum(o.introduced for o in orgs)
    if total == 0:
        return (
            "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội chưa giới thiệu được quần chúng ưu tú nào"
            " để chi bộ xem xét, bồi dưỡng."
        )
    detail = join_vi(
        [
            f"{o.organisation} {fmt_count(o.introduced, two_digits)}"
            for o in sorted(orgs, key=lambda o: organisation_rank(o.organisation))
            if o.introduced
        ]
    )
    return _sentence(
        "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội đã giới thiệu "
        f"{_n(total, 'quần chúng ưu tú', two_digits)} để chi bộ xem xét, bồi dưỡng ({detail})"
    )


# --- structure -----------------------------------------------------------------


_GENERAL_KEYS = {"total", "women", "ethnic_minority", "religious", "youth_union", "business_owner"}


def _is_general(rows: Sequence[StructureRow]) -> bool:
    """The group of independent characteristics (women, Youth Union...), not of categories."""
    return any(r.key in _GENERAL_KEYS for r in rows)


def structure_sentences(structure: Structure, two_digits: bool = True) -> list[str]:
    """One sentence per group of the structure; rows with no one are left out.

    The general group (total, women, Youth Union...) reads "Đoàn viên TNCS Hồ Chí
    Minh: 28 (73,68%); ..."; the others "Độ tuổi khi kết nạp: từ 18 đến 30 tuổi 20
    (52,63%); ...".
    """
    if structure.total == 0:
        return []
    out: list[str] = []
    for group, rows in structure.groups():
        items = [r for r in rows if r.count and r.key != "total"]
        if not items:
            continue
        if _is_general(rows):
            parts = [
                f"{r.label if i == 0 or r.key == 'youth_union' else _label_in_sentence(r.label)}:"
                f" {count_pct(r.count, r.share, two_digits)}"
                for i, r in enumerate(items)
            ]  # "Đoàn viên TNCS Hồ Chí Minh" is a name and keeps its capital
            out.append(_sentence("; ".join(parts)))
        else:
            body = "; ".join(f"{_label_in_sentence(r.label)} {count_pct(r.count, r.share, two_digits)}" for r in items)
            out.append(_sentence(f"{group}: {body}"))
    if structure.mean_age is not None:
        text = f"Tuổi bình quân khi kết nạp: {fmt_decimal(structure.mean_age, 1)} tuổi"
        out.append(_sentence(text))
    return out


_TRAIT_NOUNS = {
    "women": "nữ",
    "ethnic_minority": "người dân tộc thiểu số",
    "religious": "người có đạo",
    "youth_union": "đoàn viên Đoàn TNCS Hồ Chí Minh",
    "business_owner": "chủ doanh nghiệp tư nhân",
}


# Said when nobody of a row was admitted though some were the year before ("không có đảng viên nữ").
_NONE_NOUNS = {
    **_TRAIT_NOUNS,
    "women": "đảng viên nữ",
    "age_18_30": "đồng chí từ 18 đến 30 tuổi",
    "education_thpt": "đồng chí có trình độ trung học phổ thông",
}


def none_after_some(structure: Structure, prev_year: int | None, two_digits: bool = True) -> list[str]:
    """The rows the summary gives that fell to nobody from some the year before: "đảng viên nữ (năm 2024: 06
    đồng chí)". Empty without a year before."""
    if prev_year is None or not structure.prev_total:
        return []
    return [
        f"{_NONE_NOUNS[r.key]} (năm {prev_year}: {_n(r.prev_count, 'đồng chí', two_digits)})"
        for r in structure.rows
        if r.key in _NONE_NOUNS and r.count == 0 and r.prev_count
    ]


def structure_summary(
    structure: Structure,
    kinds: Structure,
    two_digits: bool = True,
    where: str = "",
    prev_year: int | None = None,
) -> list[str]:
    """The structure said in the few figures an office judges by (the table, Biểu 2, right after, holds
    the rest): women, ethnic minorities, religious, Youth Union members; the first age band of the
    form and the mean age; those admitted in residential branches; a row that fell to nobody from some the
    year before (`prev_year`) said first, "không có đảng viên nữ (năm 2024: 06 đồng chí)". Empty when nobody
    was admitted."""
    if structure.total == 0:
        return []

    def pct(r: StructureRow) -> str:
        return f" ({fmt_pct(r.share)})" if r.share is not None else ""

    traits = [
        f"{fmt_count(r.count, two_digits)} {_TRAIT_NOUNS[r.key]}{pct(r)}"
        for r in structure.rows
        if r.key in _TRAIT_NOUNS and r.count
    ]
    ages = []
    young = next((r for r in structure.rows if r.key == "age_18_30"), None)
    if young is not None and young.count:
        ages.append(f"{_n(young.count, 'đồng chí', two_digits)} {_label_in_sentence(young.label)}{pct(young)}")
    if structure.mean_age is not None:
        ages.append(f"tuổi bình quân khi kết nạp {fmt_decimal(structure.mean_age, 1)} tuổi")
    school = next((r for r in structure.rows if r.key == "education_thpt"), None)
    parts = [", ".join(traits), ", ".join(ages)]
    if school is not None and school.count:
        parts.append(f"{_n(school.count, 'đồng chí', two_digits)} có trình độ trung học phổ thông{pct(school)}")
    residential = next((r for r in kinds.rows if r.label.lower() == "khu dân cư"), None)
    if residential is not None and residential.count:
        parts.append(
            f"{_n(residential.count, 'đồng chí', two_digits)}{pct(residential)} được kết nạp ở chi bộ khu dân cư"
        )
    body = "; ".join(p for p in parts if p)
    head = f"Trong {_n(structure.total, 'đảng viên mới kết nạp', two_digits)}{where}"
    nobody = none_after_some(structure, prev_year, two_digits)
    if nobody:
        head += f" không có {join_vi(nobody)}"
        return [_sentence(f"{head}; có {body}" if body else head)]
    return [_sentence(f"{head} có {body}" if body else head)]


def kind_sentence(kinds: Structure, two_digits: bool = True) -> str:
    items = [r for r in kinds.rows if r.count and r.key != "total"]
    if not items:
        return ""
    body = "; ".join(f"{_label_in_sentence(r.label)} {count_pct(r.count, r.share, two_digits)}" for r in items)
    return _sentence(f"Theo loại hình chi bộ: {body}")


# --- shortfalls ------------------------------------------------------------------


def below_quota(items: Sequence[QuotaShortfall], with_quota: int, two_digits: bool = True) -> str:
    if with_quota == 0:
        return ""
    if not items:
        return "Không có chi bộ nào chưa đạt chỉ tiêu kết nạp đảng viên được giao."
    listed = join_vi(
        [f"{s.branch} (kết nạp {s.admissions}/{s.quota} đảng viên)" for s in sort_texts(items, key=lambda s: s.branch)]
    )
    return _sentence(f"Còn {len(items)}/{with_quota} chi bộ chưa đạt chỉ tiêu kết nạp đảng viên được giao: {listed}")


def no_admission_streaks(items: Sequence[NoAdmissionStreak], two_digits: bool = True) -> str:
    if not items:
        return f"Không có chi bộ nào {fmt_count(2, two_digits)} năm liền trở lên không kết nạp được đảng viên."
    listed = join_vi(
        [
            f"{s.branch} ({fmt_count(len(s.years), two_digits)} năm: {years_text(s.years)})"
            for s in sort_texts(items, key=lambda s: s.branch)
        ]
    )
    from reportgen.render.wording import streak_words

    return _sentence(f"Có {_n(len(items), 'chi bộ', two_digits)} {streak_words(two_digits)}: {listed}")


def below_source_quota(items: Sequence[SourceShortfall], any_quota: bool, two_digits: bool = True) -> str:
    if not any_quota:
        return ""
    if not items:
        return "100% chi bộ đạt chỉ tiêu tạo nguồn được giao."
    listed = join_vi(
        [f"{s.branch} ({s.candidates_added}/{s.source_quota})" for s in sort_texts(items, key=lambda s: s.branch)]
    )
    return _sentence(f"Có {_n(len(items), 'chi bộ', two_digits)} chưa đạt chỉ tiêu tạo nguồn: {listed}")


def organisations_below(items: Sequence[OrganisationYear], total: int, two_digits: bool = True) -> str:
    if total == 0:
        return ""
    if not items:
        return "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội đều giới thiệu đủ quần chúng ưu tú theo chỉ tiêu."
    listed = join_vi(
        [
            f"{o.organisation} (giới thiệu {o.introduced}/{o.introduction_quota})"
            for o in sort_texts(items, key=lambda o: o.organisation)
        ]
    )
    return _sentence(
        f"Có {len(items)}/{total} tổ chức (Mặt trận Tổ quốc, đoàn thể chính trị - xã hội) chưa giới thiệu đủ"
        f" quần chúng ưu tú theo chỉ tiêu: {listed}"
    )


def left_candidates(items: Sequence[LeftCandidate], period: str, two_digits: bool = True) -> str:
    """period: "Trong năm" / "Trong nhiệm kỳ"."""
    if not items:
        return f"{period} không có quần chúng nào ra khỏi danh sách nguồn."
    moved = sum(1 for c in items if c.status == MOVED)
    removed = sum(1 for c in items if c.status == REMOVED)
    other = len(items) - moved - removed
    detail = join_vi(
        [
            _n(moved, "chuyển đi", two_digits) if moved else "",
            _n(removed, "đưa ra khỏi nguồn", two_digits) if removed else "",
            _n(other, "trường hợp khác", two_digits) if other else "",
        ]
    )
    trained = sum(1 for c in items if c.trained)
    text = f"{period} có {_n(len(items), 'quần chúng', two_digits)} ra khỏi danh sách nguồn ({detail})"
    if trained == 0:
        text += ", không có người nào đã học lớp bồi dưỡng nhận thức về Đảng"
    elif trained == len(items):
        text += ", tất cả đều đã được học lớp bồi dưỡng nhận thức về Đảng"
    else:
        text += f", trong đó {_n(trained, 'quần chúng', two_digits)} đã được học lớp bồi dưỡng nhận thức về Đảng"
    return _sentence(text)


def overdue_probation(items: Sequence[OverdueProbation], with_branch: bool = True, two_digits: bool = True) -> str:
    if not items:
        return "Không có đảng viên dự bị nào quá hạn xét công nhận đảng viên chính thức."
    listed = join_vi(
        [
            f"đồng chí {p.name} ("
            + (f"{p.branch}, " if with_branch else "")
            + (
                f"kết nạp {date_words(p.admitted)}"
                if p.probation_start == p.admitted
                else f"lễ kết nạp {date_words(p.probation_start)}"
            )
            + (f"; tính đến {date_words(p.counted_to)} đã dự bị" if p.counted_to is not None else ", đã dự bị")
            + f" {fmt_count(p.months, two_digits)} tháng)"
            for p in sort_names(items, key=lambda p: p.name)
        ]
    )
    return _sentence(
        f"Có {_n(len(items), 'đảng viên dự bị', two_digits)} đã quá 12 tháng nhưng chưa được xét"
        f" công nhận đảng viên chính thức: {listed}"
    )


def member_target_shortfall(wy: WardYear) -> str:
    if not wy.members_start or wy.met_member_target is not False:
        return ""
    return _sentence(
        f"Tỷ lệ kết nạp so với tổng số đảng viên đầu năm ({fmt_pct(wy.member_share)})"
        f" chưa đạt mục tiêu {fmt_pct(wy.member_target_rate, trim=True)}"
    )


# --- the term ----------------------------------------------------------------------


def term_admissions(term: TermSummary, two_digits: bool = True) -> str:
    if term.complete:
        head = f"Trong nhiệm kỳ {term.label}"
    else:
        head = f"Từ đầu nhiệm kỳ {term.label} đến {date_words(term.end)}"
    if term.admissions == 0:
        text = f"{head}, toàn Đảng bộ chưa kết nạp được đảng viên nào"
    else:
        text = (
            f"{head}, toàn Đảng bộ đã kết nạp được {_n(term.admissions, 'đảng viên mới', two_digits)},"
            f" trung bình hằng năm kết nạp {fmt_decimal(term.yearly_average, 1)} đảng viên"
        )
    if term.ward_quota_sum:
        missing = term.quota_years_missing
        scope = f"; tính các năm có chỉ tiêu, năm {years_text(missing)} không có chỉ tiêu" if missing else ""
        text += (
            f"; đạt {fmt_pct(term.quota_share)} tổng chỉ tiêu cấp trên giao"
            f" ({_n(term.ward_quota_sum, 'đảng viên', two_digits)}{scope})"
        )
    out = _sentence(text)
    with_quota = term.years_with_quota
    if with_quota:
        met = sum(1 for y in with_quota if not y.below_quota)
        if met == len(with_quota):
            out += f" Tất cả các năm ({met}/{len(with_quota)}) đều đạt và vượt chỉ tiêu cấp trên giao."
        elif met == 0:
            out += " Không có năm nào đạt chỉ tiêu cấp trên giao."
        else:
            out += f" Có {met}/{len(with_quota)} năm đạt và vượt chỉ tiêu cấp trên giao."
    return out


def term_sources(term: TermSummary, two_digits: bool = True) -> str:
    added = sum(y.candidates_added for y in term.years)
    trained = sum(y.candidates_trained for y in term.years)
    period = "Trong nhiệm kỳ" if term.complete else "Từ đầu nhiệm kỳ đến nay"
    if added == 0 and trained == 0:
        return f"{period}, các chi bộ chưa bổ sung được quần chúng ưu tú nào vào danh sách nguồn."
    return _sentence(
        f"{period}, các chi bộ đã bổ sung vào danh sách nguồn {_n(added, 'quần chúng ưu tú', two_digits)},"
        f" cử {_n(trained, 'quần chúng', two_digits)} đi học lớp bồi dưỡng nhận thức về Đảng"
    )


def term_branches_without_admission(branches: Sequence[BranchTerm], term: TermSummary, two_digits: bool = True) -> str:
    zero = [b for b in branches if b.admissions == 0]
    period = "trong nhiệm kỳ" if term.complete else "từ đầu nhiệm kỳ đến nay"
    if not zero:
        return f"100% chi bộ trực thuộc đều kết nạp được đảng viên mới {period}."
    names = join_vi([b.branch for b in sort_texts(zero, key=lambda b: b.branch)])
    return _sentence(f"Có {_n(len(zero), 'chi bộ', two_digits)} {period} chưa kết nạp được đảng viên nào: {names}")


def term_years_short(term: TermSummary, two_digits: bool = True) -> list[str]:
    """Years of the term below the superior quota, and below the 3% of members (Nghị quyết 21-NQ/TW)."""
    out = []
    with_quota = term.years_with_quota
    below = [y.year for y in term.years_below_quota]
    if below:
        out.append(
            _sentence(
                f"Có {len(below)}/{len(with_quota)} năm chưa đạt chỉ tiêu kết nạp cấp trên giao"
                f" (năm {years_text(below)})"
            )
        )
    with_members = term.years_with_members
    short = term.years_short_of_three_percent
    if short:
        rates = ", ".join(f"{y.year}: {fmt_pct(y.member_share)}" for y in short)
        out.append(
            _sentence(
                f"Có {len(short)}/{len(with_members)} năm tỷ lệ kết nạp chưa đạt"
                f" {fmt_pct(short[0].member_target_rate, trim=True)} tổng số đảng viên đầu năm ({rates})"
            )
        )
    return out


# --- one branch -------------------------------------------------------------------


def branch_admissions(by: BranchYear, two_digits: bool = True) -> str:
    n = _n(by.admissions, "đảng viên", two_digits)
    if by.quota is None:
        no_quota = "(chưa có chỉ tiêu trong sổ tổng hợp của Đảng ủy)"
        if by.admissions == 0:
            return f"Năm {by.year}, Chi bộ chưa kết nạp được đảng viên nào {no_quota}."
        return f"Năm {by.year}, Chi bộ kết nạp được {n} {no_quota}."
    quota = _n(by.quota, "đảng viên", two_digits)
    if by.quota == 0:
        if by.admissions == 0:
            return f"Năm {by.year}, Chi bộ không được giao chỉ tiêu kết nạp và không kết nạp đảng viên."
        return f"Năm {by.year}, Chi bộ không được giao chỉ tiêu kết nạp nhưng đã kết nạp được {n}."
    if by.admissions == 0:
        return f"Năm {by.year}, Chi bộ được giao chỉ tiêu kết nạp {quota} nhưng chưa kết nạp được đảng viên nào."
    text = (
        f"Năm {by.year}, Chi bộ được giao chỉ tiêu kết nạp {quota}, đã kết nạp được {n},"
        f" đạt {fmt_pct(by.quota_share)} chỉ tiêu"
    )
    if by.admissions > by.quota:
        text += f", vượt {_n(by.admissions - by.quota, 'đảng viên', two_digits)}"
    return _sentence(text)


def branch_sources(by: BranchYear, two_digits: bool = True) -> str:
    quota = f" (chỉ tiêu tạo nguồn: {fmt_count(by.source_quota, two_digits)})" if by.source_quota is not None else ""
    if by.candidates_added == 0:
        first = f"Trong năm, Chi bộ chưa bổ sung được quần chúng ưu tú nào vào danh sách nguồn{quota}"
    else:
        first = (
            f"Trong năm, Chi bộ đã bổ sung {_n(by.candidates_added, 'quần chúng ưu tú', two_digits)}"
            f" vào danh sách nguồn{quota}"
        )
    if by.candidates_trained:
        first += f"; cử {_n(by.candidates_trained, 'quần chúng', two_digits)} đi học lớp bồi dưỡng nhận thức về Đảng"
    end = date_words(date(by.year, 12, 31))
    if by.candidates_at_year_end:
        listed = _n(by.candidates_at_year_end, "quần chúng ưu tú", two_digits)
        second = f"Đến {end}, Chi bộ có {listed} trong danh sách nguồn"
    else:
        second = f"Đến {end}, Chi bộ không còn quần chúng nào trong danh sách nguồn"
    text = _sentence(first) + " " + _sentence(second)
    if by.recognitions:
        recognised = _n(by.recognitions, "đồng chí", two_digits)
        text += f" Trong năm, Chi bộ đã xét, đề nghị và được Đảng ủy công nhận đảng viên chính thức cho {recognised}."
    return text


def term_rate_notes(term: TermSummary, two_digits: bool = True) -> list[str]:
    """The note under the years' table when the term starts or ends mid-year: which part of those years
    is counted, and that their rates are not given (a fact under the table, not a method in the text)."""
    partial = list(term.partial_years)
    if not partial:
        return []
    labels = join_vi(
        [
            f"năm {y.year} tính từ ngày {term.start.strftime('%d/%m/%Y')}"
            if y.year == term.start.year
            else f"năm {y.year} tính đến ngày {term.end.strftime('%d/%m/%Y')}"
            for y in partial
        ]
    )
    quota_said = [y for y in partial if y.ward_quota]  # printed in its row, not in the total
    total = (
        f", không tính vào tổng chỉ tiêu cấp trên giao ({_n(term.ward_quota_sum, 'đảng viên', two_digits)})"
        if quota_said and term.ward_quota_sum
        else ""
    )
    return [
        _sentence(
            f"Ghi chú: {labels[:1].upper() + labels[1:]}{total}, không tính tỷ lệ so với chỉ tiêu và số đảng viên"
            " đầu năm"
        )
    ]


# more branch-years than this without a quota: the note lists them year by year, one line each
NOTE_INLINE_MAX = 4


def branch_quota_note(term: TermSummary, two_digits: bool = True) -> list[str]:
    """The note under the branches' table: which branch had no admission quota in which year, by year
    ("Ghi chú: Năm 2022 không giao chỉ tiêu kết nạp cho Chi bộ A và Chi bộ B; năm 2024 ... cho Chi bộ C."),
    a line per year when there are many. A fact in words: Biểu 3 shows the admissions of those years."""
    given = [b for b in term.branches if b.quota_counted is not None]  # a branch never given one shows "–"
    by_year: dict[int, list[str]] = {}
    for b in given:
        for y in b.years_without_quota:
            by_year.setdefault(y, []).append(b.branch)
    lines: list[str] = []
    if by_year:
        every = {y for y, names in by_year.items() if len(names) == len(given)}
        named = {y: "các chi bộ" if y in every else join_vi(sort_texts(names)) for y, names in by_year.items()}
        if sum(len(names) for names in by_year.values()) <= NOTE_INLINE_MAX:  # one sentence, a clause per years
            by_years: dict[tuple[int, ...], list[str]] = {}
            for b in given:
                if b.years_without_quota:
                    by_years.setdefault(b.years_without_quota, []).append(b.branch)
            text = "; ".join(  # the verb once: "năm 2022 không giao chỉ tiêu kết nạp cho A; năm 2024 cho B"
                f"năm {years_text(years)} {'không giao chỉ tiêu kết nạp ' if i == 0 else ''}cho"
                f" {'các chi bộ' if len(names) == len(given) else join_vi(sort_texts(names))}"
                for i, (years, names) in enumerate(sorted(by_years.items()))
            )
            lines.append(_sentence(f"Ghi chú: {text[:1].upper() + text[1:]}"))
        else:
            lines.append("Ghi chú: Các chi bộ không được giao chỉ tiêu kết nạp:")
            years = sorted(by_year)
            for y in years:
                count = "" if y in every or len(by_year[y]) == 1 else f" ({_n(len(by_year[y]), 'chi bộ', two_digits)})"
                end = "." if y == years[-1] else ";"
                lines.append(f"- Năm {y}{count}: {named[y]}{end}")
    basis = term.branch_basis
    if basis.outside > basis.without_quota and term.partial_years:  # admitted in a part-year: in no rate
        parts = join_vi([f"năm {y.year}" for y in term.partial_years])
        lines.append(_sentence(f"Số kết nạp {parts} (tính một phần năm) không tính vào tỷ lệ"))
    return lines
