"""The sections every Party review has, in the order the seed documents use (issue 7):
leadership and direction, strengths, limitations, objective and subjective causes,
lessons learned, aims and tasks by actor, recommendations; the plan's tasks by actor
and timetable. Sentences come from the figures where the figures can say them; the
office's own words (sheet `Nhận định`) follow in their section; the committee's texts
(sheet `Văn bản`) are cited only when dated on or before the document's date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportgen import rules, schema
from reportgen.intake.normalize import fold
from reportgen.render.vietnamese import fmt_count, fmt_date, fmt_decimal, fmt_pct, sort_texts
from reportgen.render.wording import (
    NAMES_AGAIN_MAX,
    TRAINED,
    Named,
    Reference,
    Said,
    by_actor,
    expiring_words,
    in_conventional_order,
    join_vi,
    leaders_of,
    no_valid_words,
    office_first,
    organisation_rank,
    people_average,
    ratio,
    some_or_named,
    streak_words,
    times_words,
    topics_of,
    trained_words,
    valid_words,
)
from reportgen.stats.model import BranchYear, NoAdmissionStreak, OfficeText, Plan, Report, WardYear
from reportgen.vntext import text_sort_key

S = schema


def _n(count: int, unit: str, two_digits: bool) -> str:
    return f"{fmt_count(count, two_digits)} {unit}"


def kind_name(text: OfficeText) -> str:
    """ "Kế hoạch" for `44-KH/ĐU`; "Văn bản" when the code is unknown."""
    return S.DOCUMENT_KINDS.get(text.code) or text.kind or "Văn bản"


def cite(text: OfficeText, issuer: str, quoted: bool = False) -> str:
    """ "Kế hoạch số 44-KH/ĐU ngày 13/01/2025 của Đảng ủy phường về ..." (issuer may be ""); `quoted`: the
    subject in quotation marks, as texts are listed (`về “...”`), so a list of texts separated by ";" stays
    readable when a subject holds a ";" itself."""
    of = f" của {issuer}" if issuer else ""
    summary = text.summary.strip().rstrip(".")
    if quoted:
        lead = re.match(r"(về việc|về|v/v) (?=\S)", summary, re.I)
        summary = f"{lead.group(0)}“{summary[lead.end() :]}”" if lead else f"“{summary}”"
    return f"{kind_name(text)} số {text.number} ngày {fmt_date(text.issued)}{of} {summary}".strip()


def opening_text(report: Report, years: Sequence[int]) -> OfficeText | None:
    """The year's plan (else resolution) the opening line cites: dated on or before the document."""
    texts = [t for y in years for t in report.texts_of(y)]
    for code in ("KH", "NQ", "CT", "CTr"):
        found = [t for t in texts if t.code == code and "phát triển đảng viên" in t.summary.lower()]
        found = found or [t for t in texts if t.code == code]
        if found:
            return found[-1]
    return None


def superior_standing(report: Report) -> str:
    """ "Ban Thường vụ Tỉnh ủy" from the recipients, else "cấp ủy cấp trên"."""
    for r in report.ward.recipients:
        if r.lower().startswith("ban thường vụ"):
            return r.strip().rstrip(",.;")
    return "cấp ủy cấp trên"


def congress_name(report: Report, term_label: str) -> str:
    """ "Nghị quyết Đại hội Đảng bộ phường lần thứ XVII, nhiệm kỳ 2020-2025" (the number when known)."""
    unit = _unit(report)
    number = congress_number(report, term_label)
    which = f" lần thứ {number}," if number else ""
    return f"Nghị quyết Đại hội Đảng bộ {unit}{which} nhiệm kỳ {term_label}".replace("  ", " ")


_ROMAN = (("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))


def _roman_value(text: str) -> int | None:
    text = text.strip().upper()
    if not text or any(c not in "IVXLC" for c in text):
        return None
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for i, c in enumerate(text):
        v = values[c]
        total += -v if i + 1 < len(text) and values[text[i + 1]] > v else v
    return total


def _roman(n: int) -> str:
    out = ""
    for letters, value in (("C", 100), ("XC", 90), ("L", 50), ("XL", 40), *_ROMAN):
        while n >= value:
            out, n = out + letters, n - value
    return out


def congress_number(report: Report, term_label: str) -> str:
    """The congress of `term_label`: `Đại hội lần thứ` of the ward's term, shifted by whole terms."""
    ward = report.ward
    value = _roman_value(ward.congress)
    if value is None:
        return ""
    first = int(term_label.split("-")[0])
    span = max(1, ward.term_last_year - ward.term_first_year)
    shift = (first - ward.term_first_year) // span
    return _roman(value + shift) if value + shift > 0 else ""


def _unit(report: Report) -> str:
    from reportgen.render.context.common import unit_word

    return unit_word(report.ward) or ""


def assessments(report: Report, period: str, section: str) -> list[str]:
    return list(report.assessments_of(period, section))


# --- leadership and direction --------------------------------------------------------


def leadership(report: Report, years: Sequence[int], two_digits: bool, period: str) -> list[str]:
    """The texts the committee issued (named and counted) and the quotas it gave; then the office's words."""
    out: list[str] = []
    texts = [t for y in years for t in report.texts_of(y)]
    if texts:
        if len(years) == 1:
            by_kind = "; ".join(cite(t, "", quoted=True) for t in texts)
            out.append(
                f"{period}, Đảng ủy ban hành {_n(len(texts), 'văn bản', two_digits)} lãnh đạo, chỉ đạo công tác"
                f" tạo nguồn, kết nạp đảng viên: {by_kind}."
            )
        else:
            counts: dict[str, int] = {}
            for t in texts:
                counts[kind_name(t).lower()] = counts.get(kind_name(t).lower(), 0) + 1
            listed = join_vi([_n(c, k, two_digits) for k, c in counts.items()])
            special = [
                t
                for t in texts
                if t.code == "NQ"
                and "phát triển đảng viên" in t.summary.lower()
                or t.code == "NQ"
                and "kết nạp" in t.summary.lower()
            ]
            text = (
                f"{period}, Đảng ủy ban hành {_n(len(texts), 'văn bản', two_digits)} lãnh đạo, chỉ đạo công"
                f" tác tạo nguồn, kết nạp đảng viên ({listed})"
            )
            if special:
                text += f", trong đó có {cite(special[0], '')}"
            out.append(text + ".")
    given = quotas_given(report, years, two_digits)
    if given:
        out.append(given)
    return out


def quotas_given(report: Report, years: Sequence[int], two_digits: bool) -> str:
    """ "Hằng năm, Đảng ủy giao chỉ tiêu tạo nguồn cho 14/14 chi bộ trực thuộc; giao chỉ tiêu kết nạp cho 13/14
    chi bộ (năm 2021 và 2024), 14/14 chi bộ (năm 2022 và 2025) và 12/14 chi bộ (năm 2023); giao chỉ tiêu giới
    thiệu ...": the source and the admission quotas counted apart, year by year in the years' order, from the
    branches' rows."""
    rows_of: dict[int, list[BranchYear]] = {}
    if len(years) == 1 and years[0] == report.year:
        rows_of[report.year] = list(report.branch_years)
    else:
        for br in report.branch_reports:
            for h in br.history:
                if h.year in years and not h.partial:
                    rows_of.setdefault(h.year, []).append(h)
    rows_of = {y: rows for y, rows in rows_of.items() if any(r.quota is not None for r in rows)}
    if not rows_of:
        return ""
    total = {y: len(rows) for y, rows in rows_of.items()}
    admission = {y: sum(1 for r in rows if rules.quota_given(r.quota)) for y, rows in rows_of.items()}
    sources = {y: sum(1 for r in rows if r.source_quota) for y, rows in rows_of.items()}

    def by_count(counts: dict[int, int]) -> str:
        if len(set(zip(counts.values(), total.values(), strict=True))) == 1:
            y = next(iter(counts))
            return f"{ratio(counts[y], total[y], two_digits)} chi bộ trực thuộc"
        groups: dict[tuple[int, int], list[int]] = {}  # the years alike said once, in the order of the years
        for y in sorted(counts):
            groups.setdefault((counts[y], total[y]), []).append(y)
        return join_vi([f"{ratio(c, t, two_digits)} chi bộ ({years_run(ys)})" for (c, t), ys in groups.items()])

    several = len(rows_of) > 1
    lead = "Hằng năm, Đảng ủy" if several else "Đảng ủy"
    pieces = []
    if sources == admission and any(admission.values()):  # the same branches given both: said once
        pieces.append(f"giao chỉ tiêu kết nạp đảng viên, tạo nguồn cho {by_count(admission)}")
    else:
        if any(sources.values()):
            pieces.append(f"giao chỉ tiêu tạo nguồn cho {by_count(sources)}")
        if any(admission.values()):
            pieces.append(f"giao chỉ tiêu kết nạp cho {by_count(admission)}")
    orgs = [o.organisation for o in report.organisations if o.introduction_quota]
    if orgs and several:  # the organisations with a quota change from year to year: not counted for the term
        pieces.append(
            "giao chỉ tiêu giới thiệu quần chúng ưu tú cho Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội"
        )
    elif orgs:
        others = [o for o in orgs if "mặt trận" not in o.lower()]
        whom = _n(len(others), "đoàn thể chính trị - xã hội", two_digits)
        if len(others) < len(orgs):
            whom = f"Mặt trận Tổ quốc và {whom}"
        pieces.append(f"giao chỉ tiêu giới thiệu quần chúng ưu tú cho {whom}")
    if not pieces:
        return ""
    return f"{lead} {'; '.join(pieces)}."


def years_run(years: Sequence[int]) -> str:
    """ "năm 2021", "năm 2021 và 2024", "năm 2021, 2023 và 2025", "từ năm 2022 đến năm 2024" (three or more
    years in a row): the years in order."""
    years = sorted(years)
    if len(years) >= 3 and years[-1] - years[0] == len(years) - 1:
        return f"từ năm {years[0]} đến năm {years[-1]}"
    return f"năm {join_vi([str(y) for y in years])}"


def members_of(organisations: Sequence[str]) -> str:
    """Whom the organisations introduce: "hội viên" of the Hội, "đoàn viên" of the Đoàn and the
    Công đoàn, "quần chúng" where the Mặt trận is among them."""
    names = [o.lower() for o in organisations]
    if any("mặt trận" in n for n in names):
        return "quần chúng"
    if all(n.startswith("hội") for n in names):
        return "hội viên"
    if all(n.startswith(("đoàn", "công đoàn")) for n in names):
        return "đoàn viên"
    return "đoàn viên, hội viên"


# --- strengths, limitations, causes (a year) ---------------------------------------------


@dataclass
class YearReview:
    """The assessment of one year, worded once and shared by the annual report's sections."""

    strengths: list[str] = field(default_factory=list)
    limitations: list[str] = field(default_factory=list)
    objective: list[str] = field(default_factory=list)
    subjective: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class StreakWords:
    """What a document needs to say a streak of years without admission: the branches that admitted
    nobody in the whole term (so far), and how the term is named ("cả nhiệm kỳ 2020-2025")."""

    whole_term: frozenset[str] = frozenset()
    term_words: str = ""

    @staticmethod
    def of(report: Report) -> StreakWords:
        term = report.term
        idle = frozenset(b.branch for b in term.branches if b.admissions == 0)
        words = f"cả nhiệm kỳ {term.label}" if term.complete else f"từ đầu nhiệm kỳ {term.label} đến nay"
        return StreakWords(idle, words)


def streak_pieces(streaks: Sequence[NoAdmissionStreak], words: StreakWords, two_digits: bool = True) -> str:
    """ "Chi bộ A và Chi bộ B đã 02 năm liền (2024, 2025), Chi bộ C đã 04 năm liền (2022 - 2025) không kết
    nạp được đảng viên"; a branch that admitted nobody in the whole term "cả nhiệm kỳ 2020-2025 không kết
    nạp được đảng viên nào" (the years said, never an ambiguous "từ năm 2024")."""
    whole = [s.branch for s in streaks if s.branch in words.whole_term]
    groups: dict[tuple[int, ...], list[str]] = {}
    for s in streaks:
        if s.branch not in words.whole_term:
            groups.setdefault(tuple(s.years), []).append(s.branch)
    pieces = []
    for years, names in sorted(groups.items(), key=lambda g: (len(g[0]), g[0])):
        span = f"{years[0]}, {years[1]}" if len(years) == 2 else f"{years[0]} - {years[-1]}"
        pieces.append(f"{join_vi(sort_texts(names))} đã {_n(len(years), 'năm', two_digits)} liền ({span})")
    out = []
    if pieces:
        out.append(", ".join(pieces) + " không kết nạp được đảng viên")
    if whole:
        out.append(f"{join_vi(sort_texts(whole))} {words.term_words} không kết nạp được đảng viên nào")
    return "; ".join(out)


def _years_lead(years: Sequence[WardYear], of: Sequence[WardYear], two_digits: bool) -> str:
    """ "Cả 05 năm của nhiệm kỳ" or "Có 02 năm (2022 và 2025)": counts of years in words, never "02/05 năm"."""
    if len(years) == len(of) and len(years) > 1:
        return f"Cả {_n(len(years), 'năm', two_digits)} của nhiệm kỳ"
    return f"Có {_n(len(years), 'năm', two_digits)} ({join_vi([str(y.year) for y in years])})"


def source_pieces(items: Sequence[tuple[str, int, int]], two_digits: bool) -> str:
    """ "Chi bộ A và Chi bộ B chưa bổ sung được quần chúng nào (chỉ tiêu 01 và 02); Chi bộ C và Chi bộ D bổ
    sung 01/02, Chi bộ E bổ sung 01/03": nobody added is said in words, never "0/01"; every branch is named,
    those with the same result together."""
    zero = [(n, q) for n, done, q in items if done == 0]
    part = [(n, done, q) for n, done, q in items if done > 0]
    pieces = []
    if zero:
        same = len({q for _, q in zero}) == 1 and len(zero) > 1
        quotas = (
            f"mỗi chi bộ {fmt_count(zero[0][1], two_digits)}"
            if same
            else join_vi([fmt_count(q, two_digits) for _, q in zero])
        )
        pieces.append(f"{join_vi([n for n, _ in zero])} chưa bổ sung được quần chúng nào (chỉ tiêu {quotas})")
    if part:
        groups: dict[tuple[int, int], list[str]] = {}
        for n, done, q in part:
            groups.setdefault((done, q), []).append(n)
        pieces += [f"{join_vi(names)} bổ sung {ratio(done, q, two_digits)}" for (done, q), names in groups.items()]
    return "; ".join(pieces)


def resolution_21(report: Report) -> str:
    """ " theo Nghị quyết số 21-NQ/TW" when the document is dated after it (texts by date), else ""."""
    return f" theo Nghị quyết số {rules.RESOLUTION_21.number}" if rules.RESOLUTION_21.issued <= report.issued else ""


def below_pieces(
    items: Sequence[tuple[str, int, int]],
    streaks: Sequence[NoAdmissionStreak],
    two_digits: bool,
    words: StreakWords | None = None,
) -> str:
    """The branches below their quota, each named once: those that admitted nobody this year, those
    that have admitted nobody for years (from which year), those part-way ("mới đạt 01/02")."""
    in_streak = {s.branch: s for s in streaks}
    zero = [n for n, done, _ in items if done == 0 and n not in in_streak]
    long_idle = [in_streak[n] for n, done, _ in items if done == 0 and n in in_streak]
    pieces = []
    if zero:
        pieces.append(f"{join_vi(zero)} chưa kết nạp được đảng viên nào")
    if long_idle:
        pieces.append(streak_pieces(long_idle, words or StreakWords(), two_digits))
    part: dict[tuple[int, int], list[str]] = {}  # one result said once for the branches that share it
    for n, d, q in items:
        if d > 0:
            part.setdefault((d, q), []).append(n)
    for (d, q), names in part.items():
        pieces.append(f"{join_vi(names)} mới đạt {ratio(d, q, two_digits)}")
    return "; ".join(pieces)


def year_review(report: Report, two_digits: bool, named: Named) -> YearReview:
    wy, prev, sf, plan = report.ward_year, report.ward_prev_year, report.shortfalls, report.plan
    year = str(report.year)
    r = YearReview()
    # strengths: only what was met or improved
    # (the figures are in Part I: a strength judges, it does not repeat them)
    met_parts = []
    if wy.ward_quota and wy.admissions >= wy.ward_quota:
        met_parts.append(f"{'vượt' if wy.admissions > wy.ward_quota else 'đạt'} chỉ tiêu kết nạp cấp trên giao")
    if wy.met_member_target:
        met_parts.append(
            f"đạt mục tiêu kết nạp {fmt_pct(wy.member_target_rate, trim=True)} tổng số đảng viên{resolution_21(report)}"
        )
    if met_parts:
        more = f", kết nạp nhiều hơn năm {prev.year}" if prev is not None and wy.admissions > prev.admissions else ""
        r.strengths.append(f"Toàn Đảng bộ {' và '.join(met_parts)}{more}.")
    elif prev is not None and wy.admissions > prev.admissions:
        r.strengths.append(f"Số đảng viên mới kết nạp tăng so với năm {prev.year}.")
    met = [b.branch for b in sort_texts(report.branch_years, key=lambda b: b.branch) if b.quota and b.met_quota]
    if met:
        exceeded = [b.branch for b in report.branch_years if b.quota and b.admissions > b.quota]
        text = (
            f"{ratio(len(met), wy.branches_with_quota, two_digits)} chi bộ đạt chỉ tiêu kết nạp được giao"
            f" ({named.name('met', met, which=f'đạt chỉ tiêu kết nạp năm {year}')})"
        )
        if exceeded:
            text += f", trong đó {join_vi(sort_texts(exceeded))} vượt chỉ tiêu"
        r.strengths.append(text + ".")
    with_source_quota = [b for b in report.branch_years if b.source_quota]
    sources_met = [b for b in with_source_quota if not b.below_source_quota]
    if 2 * len(sources_met) > len(with_source_quota) and wy.candidates_added:  # most met theirs: a strength
        r.strengths.append(
            "Các chi bộ duy trì, bổ sung danh sách nguồn;"
            f" {ratio(len(sources_met), len(with_source_quota), two_digits)} chi bộ đạt chỉ tiêu tạo nguồn được giao."
        )
    st = report.structure
    youth, youth_before = st.youth_union_share, st.prev_youth_union_share
    if youth is not None and st.younger_than_before and youth_before is not None and prev is not None:
        r.strengths.append(
            f"Đoàn viên thanh niên chiếm {fmt_pct(youth)} số đảng viên mới kết nạp (năm {prev.year}:"
            f" {fmt_pct(youth_before)}); tuổi bình quân khi kết nạp giảm từ {fmt_decimal(st.prev_mean_age or 0, 1)}"
            f" xuống {fmt_decimal(st.mean_age or 0, 1)} tuổi, đội ngũ đảng viên được trẻ hóa."
        )
    good_orgs = [o for o in report.organisations if o.introduction_quota and o.introduced >= o.introduction_quota]
    if good_orgs:
        names = in_conventional_order([o.organisation for o in good_orgs])
        best = max(good_orgs, key=lambda o: o.introduced)
        text = f"{join_vi(names)} giới thiệu đủ số quần chúng ưu tú theo chỉ tiêu"
        if best.introduced > best.introduction_quota:
            text += (
                f", trong đó {best.organisation} giới thiệu {_n(best.introduced, 'quần chúng', two_digits)}"
                f" (chỉ tiêu {fmt_count(best.introduction_quota, two_digits)})"
            )
        r.strengths.append(text + ".")
    if wy.recognitions and not sf.overdue_probation:
        r.strengths.append("Việc xét công nhận đảng viên chính thức được thực hiện đúng thời hạn.")
    r.strengths += assessments(report, year, S.SECTION_STRENGTHS)
    if not r.strengths:
        r.strengths.append(
            "Các chi bộ duy trì theo dõi danh sách quần chúng ưu tú và báo cáo kết quả về Đảng ủy theo quy định."
        )

    # limitations: the ward's own shortfall first, then the branches', each list named once
    # (the figures are in Part I: the limitation judges, it does not repeat them)
    ward_parts = []
    if wy.below_quota:
        ward_parts.append("chỉ tiêu kết nạp cấp trên giao")
    if wy.short_of_three_percent:
        ward_parts.append(
            f"mục tiêu kết nạp {fmt_pct(wy.member_target_rate, trim=True)} tổng số đảng viên{resolution_21(report)}"
        )
    if ward_parts:
        r.limitations.append(f"Toàn Đảng bộ chưa đạt {' và '.join(ward_parts)}.")
    below = sort_texts(sf.below_quota, key=lambda s: s.branch)
    streaks = sort_texts(sf.no_admission_streaks, key=lambda s: s.branch)
    if below:
        # one list: the branches without admission for years are said inside it, never listed again
        r.limitations.append(
            f"{ratio(len(below), wy.branches_with_quota, two_digits)} chi bộ chưa đạt chỉ tiêu kết nạp được giao: "
            + below_pieces(
                [(s.branch, s.admissions, s.quota) for s in below], streaks, two_digits, StreakWords.of(report)
            )
            + "."
        )
        named.name("below", [s.branch for s in below], which=f"chưa đạt chỉ tiêu kết nạp năm {year}")
    outside = [s for s in streaks if s.branch not in {b.branch for b in below}]
    if outside:
        r.limitations.append(_cap(streak_pieces(outside, StreakWords.of(report), two_digits)) + ".")
    if streaks:
        named.name("streaks", [s.branch for s in streaks])
    sources = sort_texts(sf.below_source_quota, key=lambda s: s.branch)
    if sources:
        named.note("sources", [s.branch for s in sources], which=f"chưa đạt chỉ tiêu tạo nguồn năm {year}")
        r.limitations.append(
            f"{ratio(len(sources), len(with_source_quota), two_digits)} chi bộ chưa đạt chỉ tiêu tạo nguồn được giao: "
            + source_pieces([(s.branch, s.candidates_added, s.source_quota) for s in sources], two_digits)
            + "."
        )
    idle = [o for o in sf.organisations_below_quota]
    if idle:
        zero = in_conventional_order([o.organisation for o in idle if o.introduced == 0])
        short = [o for o in idle if o.introduced > 0]
        parts = []
        if zero:
            parts.append(f"{join_vi(zero)} chưa giới thiệu được quần chúng ưu tú nào cho Đảng")
        same: dict[tuple[int, int], list[str]] = {}  # one result said once, in the conventional order
        for o in sorted(short, key=lambda o: organisation_rank(o.organisation)):
            same.setdefault((o.introduced, o.introduction_quota), []).append(o.organisation)
        for (done, quota), names in same.items():
            parts.append(f"{join_vi(names)} mới giới thiệu {ratio(done, quota, two_digits)} theo chỉ tiêu")
        r.limitations.append(_cap("; ".join(parts)) + ".")
        named.name("orgs_below", [o.organisation for o in idle])
    older = []
    if st.youth_union_fell and youth is not None and youth_before is not None and prev is not None:
        older.append(
            f"tỷ lệ đoàn viên thanh niên trong số đảng viên mới kết nạp giảm từ {fmt_pct(youth_before)}"
            f" (năm {prev.year}) xuống {fmt_pct(youth)}"
        )
    women = next((x for x in st.rows if x.key == "women"), None)
    if women is not None and women.count == 0 and women.prev_count and prev is not None and st.total:
        # nobody where there were some: said in the structure paragraph, judged here
        older.append(
            f"không kết nạp được đảng viên nữ (năm {prev.year}: {_n(women.prev_count, 'đồng chí', two_digits)})"
        )
    if st.mean_age_rose and prev is not None:
        older.append(
            f"tuổi bình quân khi kết nạp tăng từ {fmt_decimal(st.prev_mean_age or 0, 1)} lên"
            f" {fmt_decimal(st.mean_age or 0, 1)} tuổi"
        )
    if older:
        r.limitations.append(_cap("; ".join(older)) + ".")
    if sf.left_in_year:
        trained = sf.left_in_year_trained
        text = f"{_n(len(sf.left_in_year), 'quần chúng', two_digits)} ra khỏi danh sách nguồn trong năm"
        if trained == len(sf.left_in_year):
            text += ", tất cả đều đã học lớp bồi dưỡng nhận thức về Đảng"
        elif trained:
            text += f", trong đó {_n(trained, 'quần chúng', two_digits)} đã học lớp bồi dưỡng nhận thức về Đảng"
        r.limitations.append(text + ".")
    if sf.overdue_probation:
        branches = sorted({p.branch for p in sf.overdue_probation})
        r.limitations.append(
            f"{_n(len(sf.overdue_probation), 'đảng viên dự bị', two_digits)}"
            f" ở {_n(len(branches), 'chi bộ', two_digits)}"
            " đã quá thời hạn nhưng chưa được xét công nhận đảng viên chính thức (danh sách tại Phụ lục)."
        )
    r.limitations += assessments(report, year, S.SECTION_LIMITATIONS)
    if not r.limitations:
        r.limitations.append("Các chỉ tiêu về số lượng đều đạt; chất lượng nguồn ở một số chi bộ chưa đồng đều.")

    # causes from the pattern of shortfalls
    moved = [c for c in sf.left_in_year if c.status == S.STATUS_MOVED]
    if moved:
        trained = sum(1 for c in moved if c.trained)
        text = (
            f"{_n(len(moved), 'quần chúng ưu tú', two_digits)} chuyển đi nơi khác nên phải đưa ra khỏi danh sách nguồn"
        )
        if trained:
            text += f" ({fmt_count(trained, two_digits)} quần chúng đã học lớp bồi dưỡng nhận thức về Đảng)"
        r.objective.append(Said(_cap(text) + ".", "moved"))
    small = small_branches(report, {s.branch for s in below})
    if small:
        r.objective.append(Said(small_branches_cause(small, two_digits), "small"))
    r.objective = office_first(r.objective, assessments(report, year, S.SECTION_OBJECTIVE))
    if plan is not None and below:
        attended = {b.branch: b for b in plan.branches}
        # the same set as the limitation above: the branches below their quota that admitted nobody
        zero = [s.branch for s in below if s.admissions == 0]
        idle_with_trained = [b for b in zero if b in attended and attended[b].trained_attended > 0]
        if idle_with_trained:
            trained_text = trained_words(
                sum(attended[b].trained_attended for b in idle_with_trained),
                sum(attended[b].trained_waiting for b in idle_with_trained),
                plan.year,
                two_digits,
            )
            if len(idle_with_trained) == len(zero):
                whom = zero[0] if len(zero) == 1 else _n(len(zero), "chi bộ", two_digits)  # one: its name
                text = f"{whom} không kết nạp được đảng viên nào, mặc dù có {trained_text}"
            else:
                text = (
                    f"Trong {_n(len(zero), 'chi bộ', two_digits)} không kết nạp được đảng viên nào,"
                    f" {_n(len(idle_with_trained), 'chi bộ', two_digits)} có {trained_text} nhưng chưa đề nghị kết nạp"
                )
            who = branches_leaders(report, idle_with_trained)
            r.subjective.append(
                Said(f"{text}; {who} chưa tích cực thẩm tra lý lịch, hoàn thiện hồ sơ đề nghị kết nạp.", "files")
            )
    r.subjective += certificate_causes(plan, two_digits)
    removed = [c for c in sf.left_in_year if c.status == S.STATUS_REMOVED]
    if removed:
        r.subjective.append(
            Said(
                "Việc lựa chọn quần chúng đưa vào nguồn có nơi chưa kỹ"
                f" ({_n(len(removed), 'quần chúng', two_digits)} phải đưa ra khỏi danh sách nguồn).",
                "selection",
            )
        )
    if idle:
        names = in_conventional_order([o.organisation for o in idle])
        members = members_of(names)
        who = join_vi(names)  # at most six short names: said again in the causes, never "02 tổ chức nêu trên"
        r.subjective.append(
            Said(_cap(f"{who} chưa chủ động phát hiện, giới thiệu {members} ưu tú cho Đảng."), "organisations")
        )
    if sf.overdue_probation:
        late = sort_texts({p.branch for p in sf.overdue_probation})
        r.subjective.append(
            Said(f"{some_or_named(late)} chưa kịp thời xét, đề nghị công nhận đảng viên chính thức.", "probation")
        )
    r.subjective = office_first(r.subjective, assessments(report, year, S.SECTION_SUBJECTIVE))
    return r


def branches_leaders(report: Report, branches: Sequence[str]) -> str:
    """Who answers for these branches' work (wording.leaders_of on their members at the start of the year)."""
    has = {b.branch: b.has_committee for b in report.branch_years}
    return leaders_of(has.get(b) for b in branches)


def small_branches(report: Report, below: set[str]) -> list[BranchYear]:
    """The branches below their quota whose smallness is a cause the figures support: few members
    (rules.SMALL_BRANCH_MEMBERS) and a source list shorter than most branches' (rules.short_source_list);
    a small branch with a long list has candidates, its shortfall is not an objective one."""
    lists = [b.candidates_at_year_end for b in report.branch_years]
    return [
        b
        for b in sort_texts(report.branch_years, key=lambda b: b.branch)
        if b.branch in below
        and b.members_start is not None
        and b.members_start <= rules.SMALL_BRANCH_MEMBERS
        and rules.short_source_list(b.candidates_at_year_end, lists)
    ]


def small_branches_cause(small: Sequence[BranchYear], two_digits: bool = True) -> str:
    """ "Một số chi bộ ít đảng viên, phạm vi hoạt động hẹp (chi bộ doanh nghiệp và y tế) ...": the kinds
    named when they say something (never "chi bộ khác"); one branch is named with its figures ("Một số"
    only for two or more: wording.some_or_named)."""
    if len(small) == 1:
        b = small[0]
        return (
            f"{b.branch} ít đảng viên ({_n(b.members_start or 0, 'đồng chí', two_digits)}), số quần chúng để lựa"
            f" chọn, bồi dưỡng không nhiều ({_n(b.candidates_at_year_end, 'quần chúng', two_digits)} trong danh"
            " sách nguồn)."
        )
    named = sort_texts({b.kind.lower() for b in small if fold(b.kind) not in ("khac", "")})
    which = f" (chi bộ {join_vi(named)})" if named else ""
    return (
        f"{some_or_named([b.branch for b in small])} ít đảng viên, phạm vi hoạt động hẹp{which} nên nguồn quần"
        " chúng để lựa chọn, bồi dưỡng còn ít."
    )


def certificate_causes(plan: Plan | None, two_digits: bool) -> list[str]:
    """What the certificates' dates show: expired ones on the lists (the dates were not watched); ones
    that expire in the plan year, of classes five years back (candidates left waiting since then)."""
    out: list[str] = []
    if plan is None:
        return out
    if plan.trained_expired:
        out.append(
            Said(
                "Việc theo dõi thời hạn giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng chưa chặt chẽ"
                f" ({_n(plan.trained_expired, 'quần chúng', two_digits)} trong danh sách nguồn có giấy chứng nhận"
                " đã hết hạn).",
                "certificate",
            )
        )
    if plan.trained_expiring:
        since = plan.year - rules.CLASS_VALID_MONTHS // 12
        out.append(
            Said(
                f"Chưa chủ động xem xét kết nạp sớm những quần chúng {TRAINED} từ năm {since}"
                f" ({_n(plan.trained_expiring, 'quần chúng', two_digits)} có giấy chứng nhận hết hạn trong năm"
                f" {plan.year}).",
                "certificate",
            )
        )
    return out


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


# --- tasks by actor -------------------------------------------------------------------


def targets_line(plan: Plan, two_digits: bool) -> str:
    """The plan year's targets, the same numbers the plan prints, with the basis as an office says it."""
    basis = []
    if plan.superior_quota is not None:  # not yet come: only what holds is said
        basis.append("chỉ tiêu cấp trên giao")
    if plan.member_floor:
        basis.append(f"{fmt_pct(plan.member_rate, trim=True)} tổng số đảng viên")
    text = f"Năm {plan.year}, phấn đấu kết nạp ít nhất {_n(plan.total, 'đảng viên mới', two_digits)}"
    if basis:
        text += f" (không thấp hơn {' và '.join(basis)})"
    text += (
        f"; mỗi chi bộ kết nạp ít nhất {fmt_count(1, two_digits)} đảng viên; các chi bộ bổ sung vào danh sách"
        f" nguồn ít nhất {_n(plan.source_total, 'quần chúng ưu tú', two_digits)}"
    )
    if plan.organisations:
        text += (
            f"; Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội giới thiệu ít nhất"
            f" {_n(plan.introduction_total, 'quần chúng ưu tú', two_digits)}"
        )
    return text + f" (chỉ tiêu từng chi bộ, từng tổ chức theo Kế hoạch phát triển đảng viên năm {plan.year})."


def tasks_by_actor(
    report: Report,
    two_digits: bool,
    named: Named,
    period: str,
    weak: Sequence[str] | None = None,
    weak_what: str = "chưa đạt chỉ tiêu",
    in_plan: bool = False,
    organisations_reported: bool = True,
) -> list[str]:
    """ "- Đảng ủy, Ban Thường vụ Đảng ủy: ..." one bullet per actor, with the figures that concern each."""
    plan, sf = report.plan, report.shortfalls
    year = plan.year if plan is not None else report.year + 1
    out = []
    if weak is None:
        weak = sort_texts({s.branch for s in sf.below_quota} | {s.branch for s in sf.no_admission_streaks})
    first = (
        f"quán triệt, triển khai Kế hoạch này, giao chỉ tiêu cho từng chi bộ, từng đoàn thể (Biểu 1, Biểu 2)"
        f" trong tháng 01/{year}"
        if in_plan
        else f"ban hành kế hoạch phát triển đảng viên năm {year}, giao chỉ tiêu cho từng chi bộ, từng đoàn thể"
        " ngay từ đầu năm"
    )
    committee = (
        f"Đảng ủy, Ban Thường vụ Đảng ủy: {first}; lấy kết quả phát triển đảng viên làm tiêu chí"
        " đánh giá, xếp loại chi bộ, đoàn thể cuối năm"
    )
    if weak:
        whom = named.name("weak", list(weak), what=weak_what)
        if not isinstance(whom, Reference) and weak_what:  # first mention: the names, then why
            whom += f" ({weak_what})"
        committee += f"; tập trung chỉ đạo {whom}"
    out.append(committee + ".")
    out.append(office_task(report, two_digits, year, in_plan))
    members = (
        "Các đồng chí đảng ủy viên phụ trách chi bộ: dự sinh hoạt, giúp chi ủy, chi bộ xây dựng kế hoạch tạo nguồn,"
        " kết nạp đảng viên của chi bộ"
    )
    streak_names = sort_texts(x.branch for x in sf.no_admission_streaks)
    if streak_names and set(weak) != set(streak_names):
        members += f"; trực tiếp giúp đỡ {_streaks_ref(report, named, streak_names, two_digits)}"
    out.append(Said(members + ".", "members"))
    out.append(branch_task(report, two_digits))
    orgs = (
        "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội: thông qua phong trào thi đua phát hiện, bồi dưỡng,"
        " giới thiệu đoàn viên, hội viên ưu tú cho Đảng theo chỉ tiêu được giao"
    )
    below_orgs = in_conventional_order([o.organisation for o in sf.organisations_below_quota])
    if below_orgs and organisations_reported:
        who = named.name("orgs_below", below_orgs, noun="tổ chức")
        front = any("mặt trận" in o.lower() for o in below_orgs)
        if len(below_orgs) <= NAMES_AGAIN_MAX or front:  # named again: the bullet reads on its own
            # the Front as "Mặt trận Tổ quốc phường", set apart from the bullet's head ("Mặt trận Tổ quốc và
            # các đoàn thể ...: ..."); why they are named, where the document does not say it above (the plan)
            who = join_vi([_with_unit(o, report) for o in below_orgs])
            if in_plan or front:
                who += f" (chưa đạt chỉ tiêu giới thiệu năm {report.year})"
        orgs += f"; {who} có giải pháp cụ thể để giới thiệu được quần chúng ưu tú cho Đảng"
    out.append(orgs + ".")
    out = by_actor(out, assessments(report, period, S.SECTION_TASKS))  # an office row on the members' task wins
    return [f"- {p}" if not p.startswith("- ") else p for p in out]


def _with_unit(organisation: str, report: Report) -> str:
    """ "Mặt trận Tổ quốc" -> "Mặt trận Tổ quốc phường"; the other organisations as named."""
    unit = _unit(report)
    return f"{organisation} {unit}" if unit and organisation.strip().lower() == "mặt trận tổ quốc" else organisation


def _streaks_ref(report: Report, named: Named, names: Sequence[str], two_digits: bool) -> str:
    """The branches without admission for years, in the tasks: their names and why (a short list; what
    each is to do must be readable on its own), else "05 chi bộ ... nêu trên"."""
    words = StreakWords.of(report)
    what = (
        f"{words.term_words} chưa kết nạp được đảng viên"
        if names and all(n in words.whole_term for n in names)
        else streak_words(two_digits)
    )
    if len(names) <= NAMES_AGAIN_MAX:
        named.name("streaks", list(names))
        return f"{join_vi(list(names))} ({what})"
    whom = named.name("streaks", list(names), what=streak_words(two_digits))
    return whom if isinstance(whom, Reference) else f"{whom} ({what})"


def office_task(report: Report, two_digits: bool, year: int, in_plan: bool = False) -> str:
    """The office's task: urging the branches to consider, before their certificate expires, the candidates
    whose certificate expires in the plan year; the class in quarter I and for whom first (branches with
    no valid certificate, expired certificates); the deadlines it watches."""
    plan = report.plan
    office = "Văn phòng Đảng ủy (bộ phận xây dựng Đảng): "
    if plan is not None and plan.trained_expiring:
        office += (
            f"đôn đốc các chi bộ hoàn thiện hồ sơ, {expiring_words(plan.trained_expiring, plan.year, two_digits)}; "
        )
    office += f"tham mưu mở lớp bồi dưỡng nhận thức về Đảng trong quý I năm {year}"
    if plan is not None:
        first = []
        without = sort_texts([*plan.needs_sources, *plan.expiring_only])
        if without and in_plan and len(without) > 1:  # the plan names them, with what each does, under III-2
            first.append(f"quần chúng của {fmt_count(len(without), two_digits)} chi bộ nêu tại mục 2")
        elif without and in_plan:
            first.append(f"quần chúng của {without[0]}")
        elif without:  # the fact that sets them apart, said once: `no_valid_words`
            listed = join_vi(without) if not plan.trained_expired else ", ".join(without)  # one "và" in the clause
            first.append(f"quần chúng của {listed} ({no_valid_words(plan.year)})")
        if plan.trained_expired:
            first.append(f"{_n(plan.trained_expired, 'quần chúng', two_digits)} có giấy chứng nhận đã hết hạn")
        if first:
            office += ", ưu tiên " + " và ".join(first)
    return office + (
        "; theo dõi thời hạn xét công nhận đảng viên chính thức; tổng hợp kết quả hằng quý báo cáo Ban Thường vụ."
    )


def branch_task(report: Report, two_digits: bool) -> str:
    """The branches' task: the overdue probations; the candidates with a valid certificate (one count,
    `PlanBranch.trained_waiting`, in the words of `valid_words`)."""
    plan, sf = report.plan, report.shortfalls
    text = "Các chi ủy, chi bộ: rà soát danh sách nguồn ngay từ đầu năm, phân công đảng viên giúp đỡ từng quần chúng"
    if sf.overdue_probation:
        text += (
            f"; xét, đề nghị công nhận chính thức ngay cho"
            f" {_n(len(sf.overdue_probation), 'đảng viên dự bị', two_digits)} đã quá hạn"
        )
    if plan is not None and plan.trained_waiting:
        text += (
            "; hoàn thiện hồ sơ, đề nghị kết nạp những quần chúng đủ điều kiện trong số"
            f" {_n(plan.trained_waiting, 'quần chúng', two_digits)} {valid_words(plan.year)}"
        )
    return text + "."


def term_aims(report: Report, two_digits: bool, next_label: str, adopted: bool) -> list[str]:
    """The aims for the next term (the congress resolution when it has been held, else proposed), the
    yearly floors every ward plan keeps, and where the years' numbers are set: the yearly plans (the plan
    year's figure, the number the plan prints)."""
    plan = report.plan
    rate = fmt_pct(report.ward_year.member_target_rate, trim=True)
    one = fmt_count(1, two_digits)
    lead = (
        f"Tiếp tục thực hiện {congress_name(report, next_label)}, phấn đấu"
        if adopted
        else f"Nhiệm kỳ {next_label}, phấn đấu"
    )
    out = [
        f"{lead} hằng năm kết nạp đảng viên mới không thấp hơn chỉ tiêu cấp trên giao và {rate} tổng số đảng viên"
        f" của Đảng bộ{resolution_21(report)}; mỗi chi bộ hằng năm kết nạp ít nhất {one} đảng viên, tạo nguồn ít"
        f" nhất {one} quần chúng ưu tú; Mặt trận Tổ quốc và mỗi đoàn thể chính trị - xã hội hằng năm giới thiệu"
        f" ít nhất {one} quần chúng ưu tú cho Đảng."
    ]
    if report.shortfalls.no_admission_streaks or report.term.branches_below_quota:
        out.append(
            f"Đến cuối nhiệm kỳ, khắc phục tình trạng chi bộ {streak_words(two_digits)}; nâng tỷ lệ chi bộ đạt chỉ"
            " tiêu kết nạp được giao."
        )
    if plan is not None:
        out.append(
            f"Chỉ tiêu từng năm được cụ thể hóa tại kế hoạch phát triển đảng viên hằng năm của Đảng ủy; năm"
            f" {plan.year} phấn đấu kết nạp ít nhất {_n(plan.total, 'đảng viên mới', two_digits)} theo Kế hoạch"
            f" phát triển đảng viên năm {plan.year} của Đảng ủy."
        )
    return out


# What the committee members in charge help the branches without admission for years do (the term's tasks).
HELP_WITH_SOURCES = "rà soát nguồn, chọn quần chúng ưu tú giới thiệu đi học lớp bồi dưỡng nhận thức về Đảng"


def _members_help(office_rows: Sequence[str]) -> str:
    """ ", phân công đảng ủy viên trực tiếp giúp" in the committee's task, unless an office row speaks of
    the members' task (then the office's row says it, placed by its actor)."""
    if any("members" in topics_of(row) for row in office_rows):
        return ""
    return ", phân công đảng ủy viên trực tiếp giúp"


def term_tasks(report: Report, two_digits: bool, named: Named, next_label: str) -> list[str]:
    """The tasks of the next term by actor, at the term's level (what each does every year, and what the
    past term's figures show must change); the years' tasks are the yearly plans'."""
    sf, term = report.shortfalls, report.term
    out = []
    committee = (
        "Đảng ủy, Ban Thường vụ Đảng ủy: hằng năm ban hành kế hoạch phát triển đảng viên, giao chỉ tiêu cho"
        " từng chi bộ, từng đoàn thể; lấy kết quả phát triển đảng viên làm tiêu chí đánh giá, xếp loại tổ chức"
        " đảng, đoàn thể; sơ kết giữa nhiệm kỳ, tổng kết cuối nhiệm kỳ"
    )
    streaks = sort_texts(s.branch for s in sf.no_admission_streaks)
    office_rows = assessments(report, term.label, S.SECTION_TASKS)
    if streaks:
        committee += (
            f"; tập trung chỉ đạo{_members_help(office_rows)} {_streaks_ref(report, named, streaks, two_digits)}"
        )
        if _members_help(office_rows):
            committee += f" {HELP_WITH_SOURCES}"
    out.append(committee + ".")
    office = (
        "Văn phòng Đảng ủy (bộ phận xây dựng Đảng): tham mưu mở lớp bồi dưỡng nhận thức về Đảng hằng năm; theo"
        " dõi danh sách nguồn, thời hạn giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng của quần chúng và"
        " thời hạn xét công nhận đảng viên chính thức; tổng hợp kết quả hằng quý báo cáo Ban Thường vụ."
    )
    out.append(office)
    out.append(
        Said(
            "Các đồng chí đảng ủy viên phụ trách chi bộ: dự sinh hoạt, giúp chi ủy, chi bộ xây dựng và thực hiện"
            " kế hoạch tạo nguồn, kết nạp đảng viên của chi bộ; chịu trách nhiệm trước Đảng ủy về kết quả của chi bộ"
            " được phân công phụ trách.",
            "members",
        )
    )
    branches = (
        "Các chi ủy, chi bộ: rà soát, bổ sung danh sách nguồn ngay từ đầu năm; phân công đảng viên giúp đỡ từng"
        " quần chúng; hoàn thiện hồ sơ, đề nghị kết nạp quần chúng đủ điều kiện trong thời hạn giấy chứng nhận"
        " học lớp bồi dưỡng nhận thức về Đảng"
    )
    if sf.overdue_probation:
        branches += "; xét, đề nghị công nhận đảng viên chính thức đúng thời hạn"
    out.append(branches + ".")
    orgs = (
        "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội: gắn phong trào thi đua với phát hiện, bồi dưỡng,"
        " giới thiệu đoàn viên, hội viên ưu tú cho Đảng; hằng năm đăng ký, thực hiện chỉ tiêu giới thiệu được giao"
    )
    short = [o.organisation for o in report.term_organisations if o.below_quota]
    if short and len(short) <= NAMES_AGAIN_MAX and not any("mặt trận" in o.lower() for o in short):
        orgs += f"; {join_vi(short)} có giải pháp cụ thể để giới thiệu được quần chúng ưu tú cho Đảng"
    if term.structure.youth_union_low:
        orgs += "; Đoàn Thanh niên phát huy vai trò giới thiệu đoàn viên ưu tú cho Đảng"
    out.append(orgs + ".")
    out = by_actor(out, office_rows)
    return [f"- {p}" if not p.startswith("- ") else p for p in out]


def proposals(report: Report, two_digits: bool, period: str, left_trained_moved: int, key: str) -> list[str]:
    """Recommendations to the superior the figures support, then the office's own (an office row on the
    same topic replaces the program's). `key` is the year ("2025") or the term ("2020-2025"): the
    term review asks for what is needed every year, not for the plan year's quarter I."""
    plan = report.plan
    out: list[str] = []
    standing = superior_standing(report)
    if left_trained_moved:
        out.append(
            Said(
                f"Đề nghị {standing} hướng dẫn việc chuyển tiếp hồ sơ của quần chúng ưu tú đã học lớp bồi dưỡng"
                " nhận thức về Đảng khi chuyển nơi cư trú, nơi làm việc, để nơi đến tiếp tục bồi dưỡng, xem xét kết"
                f" nạp ({period} có {_n(left_trained_moved, 'quần chúng', two_digits)} đã học lớp chuyển đi).",
                "transfer",
            )
        )
    if plan is not None and (plan.trained_expired or plan.needs_sources or plan.expiring_only):
        # the office itself opens the class (tasks): the superior is asked to support it
        when = "hằng năm" if "-" in key else f"trong quý I năm {plan.year}"
        out.append(
            Said(
                f"Đề nghị {standing} hỗ trợ tài liệu, giảng viên để Đảng ủy {_unit(report)} mở lớp bồi dưỡng nhận"
                f" thức về Đảng {when}.".replace("  ", " "),
                "class",
            )
        )
    return office_first(out, assessments(report, key, S.SECTION_PROPOSALS))


def timetable(plan: Plan, two_digits: bool) -> list[str]:
    """The plan's timetable by quarter and its reporting dates."""
    y = plan.year
    rows = [
        f"Quý I: Đảng ủy giao chỉ tiêu cho các chi bộ, đoàn thể (trong tháng 01/{y}); các chi bộ rà soát danh sách"
        " nguồn, xây dựng kế hoạch của chi bộ; Văn phòng Đảng ủy tham mưu mở lớp bồi dưỡng nhận thức về Đảng.",
        "Quý II: các chi bộ hoàn thiện hồ sơ, thẩm tra lý lịch, đề nghị kết nạp quần chúng đủ điều kiện; Đảng ủy"
        f" sơ kết 6 tháng (trước ngày 30/6/{y}).",
        "Quý III: tiếp tục kết nạp; Mặt trận và các đoàn thể giới thiệu bổ sung quần chúng ưu tú; Đảng ủy kiểm tra"
        " các chi bộ chưa kết nạp được đảng viên.",
        f"Quý IV: hoàn thành chỉ tiêu; các chi bộ báo cáo kết quả năm (trước ngày 05/12/{y}); Đảng ủy tổng kết, lấy"
        " kết quả phát triển đảng viên làm tiêu chí đánh giá, xếp loại chi bộ, đoàn thể.",
        f"Các chi bộ báo cáo kết quả tạo nguồn, kết nạp đảng viên về Văn phòng Đảng ủy trước ngày 20 của tháng cuối"
        f" mỗi quý (20/3, 20/6, 20/9/{y}); Văn phòng Đảng ủy tổng hợp, báo cáo Ban Thường vụ Đảng ủy.",
    ]
    return [f"- {r}" for r in rows]


def average_words(average: float, two_digits: bool) -> str:
    return f"bình quân mỗi năm {people_average(average, 'đảng viên', two_digits)}"


# --- the term ---------------------------------------------------------------------------


@dataclass
class TermReview(YearReview):
    """The term's assessment: a year's four parts, plus the term's results and lessons."""

    results: list[str] = field(default_factory=list)
    lessons: list[str] = field(default_factory=list)


def term_review(report: Report, two_digits: bool, named: Named) -> TermReview:
    term, sf, plan = report.term, report.shortfalls, report.plan
    key = term.label
    r = TermReview()
    head = f"Trong nhiệm kỳ {term.label}" if term.complete else f"Từ đầu nhiệm kỳ {term.label} đến nay"
    period = "trong nhiệm kỳ" if term.complete else "từ đầu nhiệm kỳ đến nay"
    with_quota = term.years_with_quota
    # results
    if term.admissions:
        text = (
            f"{head}, toàn Đảng bộ kết nạp được {_n(term.admissions, 'đảng viên mới', two_digits)},"
            f" {average_words(term.yearly_average, two_digits)}"
        )
    else:
        text = f"{head}, toàn Đảng bộ chưa kết nạp được đảng viên nào"
    superior = _n(term.ward_quota_sum or 0, "đảng viên", two_digits)
    if term.ward_quota_sum and term.admissions_in_quota_years == term.admissions and not term.quota_years_missing:
        text += f"; đạt {fmt_pct(term.quota_share)} tổng chỉ tiêu cấp trên giao ({superior})"
    elif term.ward_quota_sum:  # some years had no superior quota, or only part of them is covered: said apart
        counted = term.admissions_in_quota_years
        done = f"kết nạp được {_n(counted, 'đảng viên', two_digits)}" if counted else "chưa kết nạp được đảng viên nào"
        which = (  # a part-year had a quota, but is not set against a whole year's
            "cấp trên giao chỉ tiêu"
            if not term.partial_years
            else "trọn của nhiệm kỳ"
            if not term.quota_years_missing
            else "trọn của nhiệm kỳ được cấp trên giao chỉ tiêu"
        )
        text += (
            f". Trong {_n(len(with_quota), 'năm', two_digits)} {which}"
            f" ({join_vi([str(y.year) for y in with_quota])}), toàn Đảng bộ {done},"
            f" đạt {fmt_pct(term.quota_share)} tổng chỉ tiêu cấp trên giao ({superior})"
        )
    text += "."
    if with_quota:
        met = [y for y in with_quota if not y.below_quota]
        over = [y for y in met if y.admissions > (y.ward_quota or 0)]
        if met:
            text += f" {_years_lead(met, with_quota, two_digits)} đạt chỉ tiêu cấp trên giao"
            if over:
                text += f", trong đó {_n(len(over), 'năm', two_digits)} vượt chỉ tiêu"
            text += "."
        else:
            text += " Không có năm nào đạt chỉ tiêu cấp trên giao."
    r.results.append(text)
    quotas = [b.quota for b in term.branches if b.quota]
    basis = term.branch_basis  # Biểu 3's basis: the years each branch was given a quota
    branch_sum = basis.quota
    below = sort_texts(term.branches_below_quota, key=lambda b: b.branch)
    if branch_sum and ((term.ward_quota_sum and branch_sum != term.ward_quota_sum) or basis.without_quota):
        done = (
            f"kết nạp {_n(basis.counted, 'đảng viên', two_digits)}, đạt {fmt_pct(basis.share)}"
            if basis.counted
            else "chưa kết nạp được đảng viên nào"
        )
        text = f"Tổng chỉ tiêu Đảng ủy giao cho các chi bộ {period} là {_n(branch_sum, 'đảng viên', two_digits)}; "
        if basis.without_quota:  # admitted in a year the branch had no quota: said apart, never hidden
            text += (
                f"trong các năm được giao chỉ tiêu, các chi bộ {done}; ngoài ra,"
                f" {_n(basis.without_quota, 'đảng viên', two_digits)} được kết nạp ở các chi bộ trong năm không"
                " được giao chỉ tiêu"
            )
        else:
            text += f"các chi bộ {done}"
        r.results.append(text + ".")  # the branches below it are said once, under the limitations
    added = sum(y.candidates_added for y in term.years)
    trained = sum(y.candidates_trained for y in term.years)
    r.results.append(
        f"{_cap(period)}, các chi bộ bổ sung vào danh sách nguồn"
        f" {_n(added, 'quần chúng ưu tú', two_digits)},"
        f" cử {_n(trained, 'quần chúng', two_digits)} đi học lớp bồi dưỡng nhận thức về Đảng."
    )
    orgs = report.term_organisations
    introduced = sum(o.introduced for o in orgs)
    if orgs and introduced:
        detail = join_vi([f"{o.organisation} {fmt_count(o.introduced, two_digits)}" for o in orgs if o.introduced])
        r.results.append(
            f"{_cap(period)}, Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội giới thiệu"
            f" {_n(introduced, 'quần chúng ưu tú', two_digits)} để chi bộ xem xét, bồi dưỡng ({detail})."
        )

    # strengths
    if term.ward_quota_sum and term.admissions_in_quota_years >= term.ward_quota_sum:
        exceeded = term.admissions_in_quota_years > term.ward_quota_sum
        r.strengths.append(
            f"Toàn Đảng bộ {'vượt' if exceeded else 'đạt'} tổng chỉ tiêu kết nạp cấp trên giao {period}."
        )
    every_year = [
        b.info.name
        for b in sort_texts(report.branch_reports, key=lambda b: b.info.name)
        if b.history and all(h.admissions > 0 for h in b.history)
    ]
    if every_year:
        r.strengths.append(
            f"{_n(len(every_year), 'chi bộ', two_digits)} kết nạp được đảng viên tất cả các năm"
            f" {period} ({named.name('every', every_year)})."
        )
    if all(b.admissions > 0 for b in term.branches) and term.branches:
        r.strengths.append(f"100% chi bộ trực thuộc kết nạp được đảng viên mới {period}.")
    if added > term.admissions:
        times = times_words(added, term.admissions, two_digits) or "nhiều hơn"
        r.strengths.append(
            f"Nguồn được bổ sung thường xuyên ({_n(added, 'quần chúng', two_digits)}, {times} số được kết nạp)"
            + (
                ", bảo đảm các chi bộ luôn có quần chúng để bồi dưỡng."
                if all(b.candidates_at_year_end for b in report.branch_years)  # else a branch had nobody
                else "."
            )
            if added >= 2 * term.admissions
            else f"Nguồn được bổ sung {_n(added, 'quần chúng', two_digits)}, nhiều hơn số được kết nạp."
        )
    # (the Youth Union share is in the structure paragraph; with no term before, no "trẻ hóa" claim)
    r.strengths += assessments(report, key, S.SECTION_STRENGTHS)

    # limitations
    below_years = term.years_below_quota
    if below_years:
        r.limitations.append(f"{_years_lead(below_years, with_quota, two_digits)} chưa đạt chỉ tiêu cấp trên giao.")
    short = term.years_short_of_three_percent
    if short:
        rate = fmt_pct(report.ward_year.member_target_rate, trim=True)
        every_short = len(short) == len(term.years_with_members)
        if 1 < len(short) <= 3 and not every_short:  # a few years: each with its rate (not "cao nhất")
            extremes = " (" + "; ".join(f"năm {y.year} đạt {fmt_pct(y.member_share)}" for y in short) + ")"
        elif len(short) > 1 and not every_short:
            lo = min(short, key=lambda y: (y.member_share or 0, -y.year))
            extremes = f" (thấp nhất {fmt_pct(lo.member_share)} năm {lo.year})"
        elif len(short) > 1:
            hi = max(short, key=lambda y: (y.member_share or 0, -y.year))
            lo = min(short, key=lambda y: (y.member_share or 0, -y.year))
            extremes = (
                f" (cao nhất {fmt_pct(hi.member_share)} năm {hi.year}, thấp nhất {fmt_pct(lo.member_share)}"
                f" năm {lo.year})"
            )
        else:
            extremes = f" ({fmt_pct(short[0].member_share)})"
        every = len(short) == len(term.years_with_members) and len(short) > 1
        each = 1 < len(short) <= 3 and not every_short  # the years are in the bracket with their rates
        r.limitations.append(
            (
                f"Có {_n(len(short), 'năm', two_digits)}"
                if each
                else _years_lead(short, term.years_with_members, two_digits)
            )
            + (", tỷ lệ kết nạp đều" if every else " tỷ lệ kết nạp")
            + f" chưa đạt {rate} tổng số đảng viên đầu năm{resolution_21(report)}{extremes}."
        )
    streaks = sort_texts(sf.no_admission_streaks, key=lambda s: s.branch)
    words = StreakWords.of(report)
    if below:
        # Biểu 3 gives every branch's figures: the limitation names only those that admitted nobody in
        # the term and those that have admitted nobody for years (each once), else the three lowest
        zero = [b.branch for b in below if b.admissions == 0]  # nobody in the term, quota or not
        idle = [s for s in streaks if s.branch in {b.branch for b in below} and s.branch not in zero]
        text = (
            f"{ratio(len(below), len(quotas), two_digits)} chi bộ chưa đạt tổng chỉ tiêu kết nạp được giao"
            f" {period} (Biểu 3)"
        )
        pieces = []
        if zero:
            pieces.append(f"{join_vi(zero)} chưa kết nạp được đảng viên nào {period}")
        if idle:
            pieces.append(streak_pieces(idle, words, two_digits))
        if pieces:
            text += ", trong đó " + "; ".join(pieces)
        else:
            lowest = sorted(below, key=lambda b: (b.quota_share or 0, text_sort_key(b.branch)))[:3]
            text += "; thấp nhất là " + join_vi(
                [f"{b.branch} ({ratio(b.admissions_against_quota, b.quota or 0, two_digits)})" for b in lowest]
            )
        r.limitations.append(text + ".")
        named.name("below", [b.branch for b in below], which=f"chưa đạt tổng chỉ tiêu kết nạp {period}")
    # Biểu 3's rate is below 100% for these too: said, so that the count above and the table agree
    reached = sort_texts([b for b in term.branches if b.short_in_quota_years_only], key=lambda b: b.branch)
    if reached:
        enough = "vượt" if all(b.admissions > (b.quota_counted or 0) for b in reached) else "đủ"  # 09/08: "đủ" too
        r.limitations.append(
            f"{join_vi([b.branch for b in reached])} kết nạp {enough} số chỉ tiêu {period}, trong đó có đảng viên"
            " kết nạp trong năm không được giao chỉ tiêu, nên chưa đạt chỉ tiêu của các năm được giao (Biểu 3)."
        )
    apart = [s for s in streaks if s.branch not in {b.branch for b in below}]
    if apart:
        r.limitations.append(_cap(streak_pieces(apart, words, two_digits)) + ".")
    if streaks:
        named.name("streaks", [s.branch for s in streaks])  # named above: referred to by count after
    org_short = [o for o in report.term_organisations if o.below_quota]
    if org_short:
        org_zero = [o for o in org_short if o.introduced == 0]
        org_part = [o for o in org_short if o.introduced > 0]
        pieces = []
        if org_zero:
            org_quotas = join_vi([fmt_count(o.introduction_quota, two_digits) for o in org_zero])
            pieces.append(
                f"{join_vi([o.organisation for o in org_zero])} {period} chưa giới thiệu được quần chúng ưu tú nào"
                f" cho Đảng (tổng chỉ tiêu {org_quotas})"
            )
        if org_part:
            pieces.append(
                ", ".join(
                    f"{o.organisation} mới giới thiệu {ratio(o.introduced, o.introduction_quota, two_digits)}"
                    for o in org_part
                )
                + " theo tổng chỉ tiêu được giao"
            )
        r.limitations.append(_cap("; ".join(pieces)) + ".")
        named.name("term_orgs_below", [o.organisation for o in org_short])
    if term.left:
        text = f"{_n(len(term.left), 'quần chúng', two_digits)} ra khỏi danh sách nguồn {period}"
        if term.left_trained == len(term.left):
            text += ", tất cả đều đã học lớp bồi dưỡng nhận thức về Đảng"
        elif term.left_trained:
            text += (
                f", trong đó {_n(term.left_trained, 'quần chúng', two_digits)} đã học lớp bồi dưỡng nhận thức về Đảng"
            )
        r.limitations.append(text + " (danh sách tại Phụ lục).")
    if sf.overdue_probation:
        r.limitations.append(
            f"{_n(len(sf.overdue_probation), 'đảng viên dự bị', two_digits)} đã quá thời hạn nhưng"
            " chưa được xét công nhận đảng viên chính thức (danh sách tại Phụ lục)."
        )
    r.limitations += assessments(report, key, S.SECTION_LIMITATIONS)

    # causes
    moved = [c for c in term.left if c.status == S.STATUS_MOVED]
    if moved:
        trained_moved = sum(1 for c in moved if c.trained)
        text = f"{_n(len(moved), 'quần chúng ưu tú', two_digits)} chuyển đi nơi khác {period}"
        if trained_moved:
            text += f" ({fmt_count(trained_moved, two_digits)} quần chúng đã học lớp bồi dưỡng nhận thức về Đảng)"
        r.objective.append(Said(_cap(text) + ".", "moved"))
    small = small_branches(report, {x.branch for x in below})
    if small:
        r.objective.append(Said(small_branches_cause(small, two_digits), "small"))
    r.objective = office_first(r.objective, assessments(report, key, S.SECTION_OBJECTIVE))
    if plan is not None and below:
        by_branch = {b.branch: b for b in plan.branches}
        with_trained = [b.branch for b in below if b.branch in by_branch and by_branch[b.branch].trained_attended]
        if with_trained:
            trained_text = trained_words(
                sum(by_branch[b].trained_attended for b in with_trained),
                sum(by_branch[b].trained_waiting for b in with_trained),
                plan.year,
                two_digits,
            )
            where = (
                f"{_n(len(below), 'chi bộ', two_digits)} chưa đạt chỉ tiêu nêu trên hiện có"
                if len(with_trained) == len(below)
                else f"Trong số {_n(len(below), 'chi bộ', two_digits)} chưa đạt chỉ tiêu nêu trên,"
                f" {_n(len(with_trained), 'chi bộ', two_digits)} hiện có"
            )
            r.subjective.append(
                Said(
                    f"{where} {trained_text} nhưng chưa được xem xét kết nạp; {branches_leaders(report, with_trained)}"
                    " chưa tích cực bồi dưỡng,"
                    " thẩm tra lý lịch, hoàn thiện hồ sơ đề nghị kết nạp.",
                    "files",
                )
            )
    r.subjective += certificate_causes(plan, two_digits)
    removed = [c for c in term.left if c.status == S.STATUS_REMOVED]
    if removed:
        r.subjective.append(
            Said(
                "Việc lựa chọn quần chúng đưa vào nguồn có nơi chưa kỹ"
                f" ({_n(len(removed), 'quần chúng', two_digits)} phải đưa ra khỏi danh sách nguồn).",
                "selection",
            )
        )
    if term.structure.youth_union_low:
        r.subjective.append(
            Said(
                "Vai trò của Đoàn Thanh niên trong giới thiệu đoàn viên ưu tú cho Đảng chưa được phát huy.",
                "organisations",
            )
        )
    if sf.overdue_probation:
        late = sort_texts({p.branch for p in sf.overdue_probation})
        r.subjective.append(
            Said(f"{some_or_named(late)} chưa kịp thời xét, đề nghị công nhận đảng viên chính thức.", "probation")
        )
    r.subjective = office_first(r.subjective, assessments(report, key, S.SECTION_SUBJECTIVE))

    # lessons
    if every_year:
        r.lessons.append(
            Said(
                "Chi ủy, chi bộ phải chủ động tạo nguồn ngay từ đầu năm, phân công đảng viên trực tiếp giúp đỡ từng"
                " quần chúng ưu tú để kết nạp được đảng viên đều đặn hằng năm.",
                "regular",
            )
        )
    if term.left_trained:
        r.lessons.append(
            Said(
                "Phải quản lý chặt chẽ danh sách nguồn, xem xét kết nạp kịp thời quần chúng đã học lớp bồi"
                " dưỡng nhận thức về Đảng trước khi quần chúng chuyển đi nơi khác hoặc giấy chứng nhận hết hạn.",
                "moved",
            )
        )
    r.lessons = office_first(r.lessons, assessments(report, key, S.SECTION_LESSONS))
    return r
