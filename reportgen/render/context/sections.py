"""The sections every Party review has, in the order the seed documents use (issue 7):
leadership and direction, strengths, limitations, objective and subjective causes,
lessons learned, aims and tasks by actor, recommendations; the plan's tasks by actor
and timetable. Sentences come from the figures where the figures can say them; the
office's own words (sheet `Nhận định`) follow in their section; the committee's texts
(sheet `Văn bản`) are cited only when dated on or before the document's date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reportgen import schema
from reportgen.render.vietnamese import fmt_count, fmt_date, fmt_decimal, fmt_pct, sort_texts
from reportgen.render.wording import (
    Named,
    in_conventional_order,
    join_vi,
    people_average,
    ratio,
    streak_words,
)
from reportgen.stats.model import OfficeText, Plan, Report

S = schema


def _n(count: int, unit: str, two_digits: bool) -> str:
    return f"{fmt_count(count, two_digits)} {unit}"


def kind_name(text: OfficeText) -> str:
    """ "Kế hoạch" for `44-KH/ĐU`; "Văn bản" when the code is unknown."""
    return S.DOCUMENT_KINDS.get(text.code, "Văn bản")


def cite(text: OfficeText, issuer: str) -> str:
    """ "Kế hoạch số 44-KH/ĐU ngày 13/01/2025 của Đảng ủy phường về ..." (issuer may be "")."""
    of = f" của {issuer}" if issuer else ""
    summary = text.summary.strip().rstrip(".")
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
            by_kind = "; ".join(cite(t, "") for t in texts)
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
    wy = report.ward_year
    years_with_quota = [y for y in report.term.years if y.year in years]
    with_quota = max((y.branches_with_quota for y in years_with_quota), default=wy.branches_with_quota)
    if with_quota:
        orgs = [o.organisation for o in report.organisations]
        given = (
            f"giao chỉ tiêu kết nạp đảng viên, tạo nguồn cho {ratio(with_quota, wy.branches_total, two_digits)}"
            " chi bộ trực thuộc"
        )
        if orgs:
            others = [o for o in orgs if "mặt trận" not in o.lower()]
            whom = (
                f"Mặt trận Tổ quốc và {_n(len(others), 'đoàn thể', two_digits)}"
                if len(others) < len(orgs)
                else _n(len(others), "đoàn thể", two_digits)
            )
            given += f" và chỉ tiêu giới thiệu quần chúng ưu tú cho {whom}"
        partial = [y for y in years_with_quota if y.branches_with_quota < y.branches_total]
        if len(years) > 1 and partial and len(partial) < len(years_with_quota):
            full = [str(y.year) for y in years_with_quota if y not in partial]
            given = given.replace(
                f"cho {ratio(with_quota, wy.branches_total, two_digits)} chi bộ trực thuộc",
                f"cho tất cả các chi bộ trực thuộc các năm {join_vi(full)} ("
                + "; ".join(
                    f"năm {y.year}: {ratio(y.branches_with_quota, y.branches_total, two_digits)} chi bộ"
                    for y in partial
                )
                + ")",
            )
            out.append(f"Đảng ủy {given}.")
        else:
            yearly = "hằng năm " if len(years) > 1 else ""
            out.append(f"Đảng ủy {yearly}{given}.")
    return out


# --- strengths, limitations, causes (a year) ---------------------------------------------


@dataclass
class YearReview:
    """The assessment of one year, worded once and shared by the annual report's sections."""

    strengths: list[str] = field(default_factory=list)
    limitations: list[str] = field(default_factory=list)
    objective: list[str] = field(default_factory=list)
    subjective: list[str] = field(default_factory=list)


def _grouped_shortfalls(items: Sequence[tuple[str, int, int]], noun: str, two_digits: bool) -> str:
    """ "Chi bộ A, Chi bộ B chưa kết nạp được đảng viên nào; Chi bộ C kết nạp 01/02" from (name, done, quota)."""
    zero = [n for n, done, _ in items if done == 0]
    part = [(n, d, q) for n, d, q in items if d > 0]
    pieces = []
    if zero:
        pieces.append(f"{join_vi(zero)} chưa {noun} được đảng viên nào")
    for n, d, q in part:
        pieces.append(f"{n} mới đạt {ratio(d, q, two_digits)}")
    return "; ".join(pieces)


def year_review(report: Report, two_digits: bool, named: Named) -> YearReview:
    wy, prev, sf, plan = report.ward_year, report.ward_prev_year, report.shortfalls, report.plan
    year = str(report.year)
    r = YearReview()
    # strengths: only what was met or improved
    if wy.ward_quota and wy.admissions >= wy.ward_quota:
        r.strengths.append(
            f"Toàn Đảng bộ kết nạp {_n(wy.admissions, 'đảng viên', two_digits)},"
            f" {'vượt' if wy.admissions > wy.ward_quota else 'đạt'} chỉ tiêu cấp trên giao"
            f" ({_n(wy.ward_quota, 'đảng viên', two_digits)})."
        )
    if prev is not None and wy.admissions > prev.admissions:
        r.strengths.append(
            f"Số đảng viên mới kết nạp tăng {_n(wy.admissions - prev.admissions, 'đảng viên', two_digits)}"
            f" so với năm {prev.year}."
        )
    met = [b.branch for b in sort_texts(report.branch_years, key=lambda b: b.branch) if b.quota and b.met_quota]
    if met:
        exceeded = [b.branch for b in report.branch_years if b.quota and b.admissions > b.quota]
        text = (
            f"{ratio(len(met), wy.branches_with_quota, two_digits)} chi bộ đạt chỉ tiêu kết nạp được giao"
            f" ({named.name('met', met)})"
        )
        if exceeded:
            text += f", trong đó {join_vi(sort_texts(exceeded))} vượt chỉ tiêu"
        r.strengths.append(text + ".")
    if wy.candidates_added > wy.admissions:
        r.strengths.append(
            f"Nguồn được bổ sung {_n(wy.candidates_added, 'quần chúng', two_digits)}, nhiều hơn số được kết nạp"
            f" ({fmt_count(wy.admissions, two_digits)}); đến cuối năm các chi bộ còn"
            f" {_n(wy.candidates_at_year_end, 'quần chúng ưu tú', two_digits)} trong danh sách nguồn."
        )
    st = report.structure
    youth, youth_before = st.youth_union_share, st.prev_youth_union_share
    if youth is not None and st.younger_than_before and youth_before is not None and prev is not None:
        r.strengths.append(
            f"Đoàn viên thanh niên chiếm {fmt_pct(youth)} số đảng viên mới kết nạp (năm {prev.year}:"
            f" {fmt_pct(youth_before)}); tuổi bình quân khi kết nạp giảm từ {fmt_decimal(st.prev_mean_age or 0, 1)}"
            f" xuống {fmt_decimal(st.mean_age or 0, 1)} tuổi, đội ngũ đảng viên tiếp tục được trẻ hóa."
        )
    elif youth is not None and youth_before is None and not st.youth_union_low:
        r.strengths.append(f"Đoàn viên thanh niên chiếm {fmt_pct(youth)} số đảng viên mới kết nạp.")
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
        r.strengths.append(
            f"Xét công nhận đảng viên chính thức đúng thời hạn cho {_n(wy.recognitions, 'đồng chí', two_digits)}."
        )
    r.strengths += assessments(report, year, S.SECTION_STRENGTHS)
    if not r.strengths:
        r.strengths.append(
            "Các chi bộ duy trì theo dõi danh sách quần chúng ưu tú và báo cáo kết quả về Đảng ủy theo quy định."
        )

    # limitations: the ward's own shortfall first, then the branches', each list named once
    ward_parts = []
    if wy.below_quota:
        ward_parts.append(
            f"toàn Đảng bộ kết nạp {ratio(wy.admissions, wy.ward_quota or 0, two_digits)} đảng viên"
            f" theo chỉ tiêu cấp trên giao (đạt {fmt_pct(wy.quota_share)})"
        )
    if wy.short_of_three_percent:
        ward_parts.append(
            f"tỷ lệ kết nạp so với tổng số đảng viên đầu năm mới đạt {fmt_pct(wy.member_share)}"
            f" (mục tiêu {fmt_pct(wy.member_target_rate, trim=True)})"
        )
    if ward_parts:
        r.limitations.append(_cap(join_vi(ward_parts)) + ".")
    below = sort_texts(sf.below_quota, key=lambda s: s.branch)
    if below:
        r.limitations.append(
            f"{ratio(len(below), wy.branches_with_quota, two_digits)} chi bộ chưa đạt chỉ tiêu kết nạp được giao: "
            + _grouped_shortfalls([(s.branch, s.admissions, s.quota) for s in below], "kết nạp", two_digits)
            + "."
        )
        named.name("below", [s.branch for s in below])
    streaks = sort_texts(sf.no_admission_streaks, key=lambda s: s.branch)
    if streaks:
        since = join_vi([f"{s.branch} (từ năm {s.years[0]})" for s in streaks])
        inside = {s.branch for s in streaks} <= {s.branch for s in below}
        lead = "Trong số đó, " if inside else ""
        r.limitations.append(
            _cap(f"{lead}{_n(len(streaks), 'chi bộ', two_digits)} {streak_words(two_digits)}: {since}.")
        )
    sources = sort_texts(sf.below_source_quota, key=lambda s: s.branch)
    if sources:
        r.limitations.append(
            f"{_n(len(sources), 'chi bộ', two_digits)} chưa đạt chỉ tiêu tạo nguồn: "
            + join_vi([f"{s.branch} ({ratio(s.candidates_added, s.source_quota, two_digits)})" for s in sources])
            + "."
        )
    idle = [o for o in sf.organisations_below_quota]
    if idle:
        zero = in_conventional_order([o.organisation for o in idle if o.introduced == 0])
        short = [o for o in idle if o.introduced > 0]
        parts = []
        if zero:
            parts.append(f"{join_vi(zero)} chưa giới thiệu được quần chúng ưu tú nào cho Đảng")
        for o in sorted(short, key=lambda o: in_conventional_order([o.organisation])):
            parts.append(
                f"{o.organisation} mới giới thiệu {ratio(o.introduced, o.introduction_quota, two_digits)} theo chỉ tiêu"
            )
        r.limitations.append(_cap("; ".join(parts)) + ".")
    older = []
    if st.youth_union_fell and youth is not None and youth_before is not None and prev is not None:
        older.append(
            f"tỷ lệ đoàn viên thanh niên trong số đảng viên mới kết nạp giảm từ {fmt_pct(youth_before)}"
            f" (năm {prev.year}) xuống {fmt_pct(youth)}"
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
    if plan is not None and plan.trained_expiring:
        r.limitations.append(
            f"{_n(plan.trained_expiring, 'quần chúng', two_digits)} đã học lớp bồi dưỡng nhận thức về Đảng nhưng"
            f" chưa được xem xét kết nạp, giấy chứng nhận sẽ hết hạn trong năm {plan.year}."
        )
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
            f"{_n(len(moved), 'quần chúng ưu tú', two_digits)} chuyển đi học tập, lao động, công tác nơi khác"
            " nên phải đưa ra khỏi danh sách nguồn"
        )
        if trained:
            text += f" ({fmt_count(trained, two_digits)} quần chúng đã học lớp bồi dưỡng nhận thức về Đảng)"
        r.objective.append(_cap(text) + ".")
    small = [
        b
        for b in report.branch_years
        if b.branch in {s.branch for s in below} and b.members_start is not None and b.members_start <= 10
    ]
    if small:
        kinds = sort_texts({b.kind.lower() for b in small})
        r.objective.append(
            f"Một số chi bộ ít đảng viên, phạm vi hoạt động hẹp (chi bộ {join_vi(kinds)}) nên nguồn"
            " quần chúng để lựa chọn, bồi dưỡng còn ít."
        )
    r.objective += assessments(report, year, S.SECTION_OBJECTIVE)
    if plan is not None and below:
        waiting = {b.branch: b.trained_waiting + b.trained_expiring for b in plan.branches}
        # the same set as the limitation above: the branches below their quota that admitted nobody
        zero = [s.branch for s in below if s.admissions == 0]
        idle_with_trained = [b for b in zero if waiting.get(b, 0) > 0]
        if idle_with_trained:
            total = sum(waiting[b] for b in idle_with_trained)
            if len(idle_with_trained) == len(zero):
                r.subjective.append(
                    f"{_n(len(zero), 'chi bộ', two_digits)} không kết nạp được đảng viên nào, mặc dù có"
                    f" {_n(total, 'quần chúng', two_digits)} đã học lớp bồi dưỡng nhận thức về Đảng; chi ủy chưa"
                    " tích cực thẩm tra lý lịch, hoàn thiện hồ sơ đề nghị kết nạp."
                )
            else:
                r.subjective.append(
                    f"Trong {_n(len(zero), 'chi bộ', two_digits)} không kết nạp được đảng viên nào,"
                    f" {_n(len(idle_with_trained), 'chi bộ', two_digits)} đã có"
                    f" {_n(total, 'quần chúng', two_digits)} học lớp bồi dưỡng nhận thức về Đảng nhưng chưa"
                    " đề nghị kết nạp; chi ủy chưa tích cực thẩm tra lý lịch, hoàn thiện hồ sơ đề nghị kết nạp."
                )
    if plan is not None and plan.trained_expiring:
        r.subjective.append("Việc theo dõi thời hạn giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng chưa chặt chẽ.")
    removed = [c for c in sf.left_in_year if c.status == S.STATUS_REMOVED]
    if removed:
        r.subjective.append(
            "Việc lựa chọn quần chúng đưa vào nguồn có nơi chưa kỹ"
            f" ({_n(len(removed), 'quần chúng', two_digits)}"
            " phải đưa ra khỏi danh sách nguồn)."
        )
    if idle:
        names = in_conventional_order([o.organisation for o in idle])
        members = "quần chúng" if any("mặt trận" in n.lower() for n in names) else "đoàn viên, hội viên"
        r.subjective.append(f"{join_vi(names)} chưa chủ động phát hiện, giới thiệu {members} ưu tú cho Đảng.")
    if sf.overdue_probation:
        r.subjective.append("Một số chi bộ chưa kịp thời xét, đề nghị công nhận đảng viên chính thức.")
    r.subjective += assessments(report, year, S.SECTION_SUBJECTIVE)
    return r


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
        if not whom.endswith("nêu trên") and weak_what:  # first mention: the names, then why
            whom += f" ({weak_what})"
        committee += f"; tập trung chỉ đạo {whom}"
    out.append(committee + ".")
    office = (
        "Văn phòng Đảng ủy (bộ phận xây dựng Đảng): tham mưu mở lớp bồi dưỡng nhận thức về Đảng ngay trong"
        f" quý I năm {year}"
    )
    if plan is not None and (plan.trained_expiring or plan.needs_sources):
        who = []
        if plan.trained_expiring:
            who.append(f"{_n(plan.trained_expiring, 'quần chúng', two_digits)} có giấy chứng nhận hết hạn trong năm")
        if plan.needs_sources:
            who.append(f"quần chúng của {join_vi(list(plan.needs_sources))}")
        office += f", ưu tiên {', '.join(who)}"  # a name list already holds "và"
    office += "; theo dõi thời hạn xét công nhận đảng viên chính thức; tổng hợp kết quả hằng quý báo cáo Ban Thường vụ."
    out.append(office)
    members = (
        "Các đồng chí đảng ủy viên phụ trách chi bộ: dự sinh hoạt, giúp chi ủy xây dựng kế hoạch tạo nguồn,"
        " kết nạp đảng viên của chi bộ"
    )
    if sf.no_admission_streaks and set(weak) != {x.branch for x in sf.no_admission_streaks}:
        members += (
            f"; trực tiếp giúp đỡ {_n(len(sf.no_admission_streaks), 'chi bộ', two_digits)} {streak_words(two_digits)}"
        )
    out.append(members + ".")
    branches = (
        "Các chi ủy, chi bộ: rà soát danh sách nguồn ngay từ đầu năm, phân công đảng viên giúp đỡ từng quần chúng"
    )
    if plan is not None and plan.trained_waiting:
        branches += (
            "; hoàn thiện hồ sơ, đề nghị kết nạp những quần chúng đủ điều kiện trong số"
            f" {_n(plan.trained_waiting, 'quần chúng', two_digits)} đã học lớp bồi dưỡng nhận thức về Đảng"
        )
    if sf.overdue_probation:
        branches += (
            f"; xét, đề nghị công nhận chính thức ngay cho"
            f" {_n(len(sf.overdue_probation), 'đảng viên dự bị', two_digits)} đã quá hạn"
        )
    out.append(branches + ".")
    orgs = (
        "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội: thông qua phong trào thi đua phát hiện, bồi dưỡng,"
        " giới thiệu đoàn viên, hội viên ưu tú cho Đảng theo chỉ tiêu được giao"
    )
    idle = in_conventional_order([o.organisation for o in sf.organisations_below_quota if o.introduced == 0])
    if idle and organisations_reported:
        orgs += f"; {join_vi(idle)} có giải pháp cụ thể để giới thiệu được quần chúng ưu tú"
    out.append(orgs + ".")
    out += assessments(report, period, S.SECTION_TASKS)
    return [f"- {p}" if not p.startswith("- ") else p for p in out]


def proposals(report: Report, two_digits: bool, period: str, left_trained_moved: int, key: str) -> list[str]:
    """Recommendations to the superior the figures support, then the office's own."""
    plan = report.plan
    out = []
    standing = superior_standing(report)
    if left_trained_moved:
        out.append(
            f"Đề nghị {standing} hướng dẫn việc chuyển tiếp hồ sơ của quần chúng ưu tú đã học lớp bồi dưỡng nhận"
            " thức về Đảng khi chuyển nơi cư trú, nơi làm việc, để nơi đến tiếp tục bồi dưỡng, xem xét kết nạp"
            f" ({period} có {_n(left_trained_moved, 'quần chúng', two_digits)} đã học lớp chuyển đi)."
        )
    if plan is not None and (plan.trained_expiring or plan.needs_sources):
        # the office itself opens the class in quarter I (tasks): the superior is asked to support it
        out.append(
            f"Đề nghị {standing} hỗ trợ tài liệu, giảng viên để Đảng ủy {_unit(report)} mở lớp bồi dưỡng nhận"
            f" thức về Đảng trong quý I năm {plan.year}.".replace("  ", " ")
        )
    out += assessments(report, key, S.SECTION_PROPOSALS)
    return out


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
class TermReview:
    results: list[str] = field(default_factory=list)
    strengths: list[str] = field(default_factory=list)
    limitations: list[str] = field(default_factory=list)
    objective: list[str] = field(default_factory=list)
    subjective: list[str] = field(default_factory=list)
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
    if term.ward_quota_sum:
        missing = term.quota_years_missing
        scope = (
            f"; tính các năm có chỉ tiêu, năm {join_vi([str(y) for y in missing])} không có chỉ tiêu" if missing else ""
        )
        text += (
            f"; đạt {fmt_pct(term.quota_share)} tổng chỉ tiêu cấp trên giao"
            f" ({_n(term.ward_quota_sum, 'đảng viên', two_digits)}{scope})"
        )
    text += "."
    if with_quota:
        met = [y for y in with_quota if not y.below_quota]
        over = [y for y in met if y.admissions > (y.ward_quota or 0)]
        if met:
            text += f" Có {ratio(len(met), len(with_quota), two_digits)} năm đạt chỉ tiêu cấp trên giao"
            text += f" (năm {join_vi([str(y.year) for y in met])})"
            if over:
                text += f", trong đó {_n(len(over), 'năm', two_digits)} vượt chỉ tiêu"
            text += "."
        else:
            text += " Không có năm nào đạt chỉ tiêu cấp trên giao."
    r.results.append(text)
    quotas = [b.quota for b in term.branches if b.quota]
    branch_sum = sum(quotas) if quotas else 0
    below = sort_texts(term.branches_below_quota, key=lambda b: b.branch)
    if branch_sum and term.ward_quota_sum and branch_sum != term.ward_quota_sum:
        admitted = sum(b.admissions_against_quota for b in term.branches if b.quota)
        text = (
            f"Tổng chỉ tiêu Đảng ủy giao cho các chi bộ {period} là {_n(branch_sum, 'đảng viên', two_digits)};"
            f" các chi bộ kết nạp {ratio(admitted, branch_sum, two_digits)}, đạt {fmt_pct(admitted / branch_sum)}"
        )
        if below:
            text += f"; {ratio(len(below), len(quotas), two_digits)} chi bộ chưa đạt tổng chỉ tiêu được giao"
        r.results.append(text + ".")
    added = sum(y.candidates_added for y in term.years)
    trained = sum(y.candidates_trained for y in term.years)
    r.results.append(
        f"{_cap(period)}, các chi bộ bổ sung vào danh sách nguồn"
        f" {_n(added, 'quần chúng ưu tú', two_digits)},"
        f" cử {_n(trained, 'quần chúng', two_digits)} đi học lớp bồi dưỡng nhận thức về Đảng."
    )

    # strengths
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
        times = added // term.admissions if term.admissions else 0
        more = "" if term.admissions and added % term.admissions == 0 else "hơn "
        r.strengths.append(
            f"Nguồn được bổ sung thường xuyên ({_n(added, 'quần chúng', two_digits)}, gấp {more}"
            f"{fmt_count(times, two_digits)} lần số được kết nạp), bảo đảm các chi bộ luôn có quần"
            " chúng để bồi dưỡng."
            if added >= 2 * term.admissions
            else f"Nguồn được bổ sung {_n(added, 'quần chúng', two_digits)}, nhiều hơn số được kết nạp."
        )
    youth = term.structure.youth_union_share
    if youth is not None and term.structure.total and not term.structure.youth_union_low:
        # no term before to compare with: the share, without a "trẻ hóa" claim
        r.strengths.append(f"Đoàn viên thanh niên chiếm {fmt_pct(youth)} số đảng viên mới kết nạp {period}.")
    r.strengths += assessments(report, key, S.SECTION_STRENGTHS)

    # limitations
    below_years = term.years_below_quota
    if below_years:
        r.limitations.append(
            f"{ratio(len(below_years), len(with_quota), two_digits)} năm chưa đạt chỉ tiêu cấp trên"
            f" giao (năm {join_vi([str(y.year) for y in below_years])})."
        )
    short = term.years_short_of_three_percent
    if short:
        rates = "; ".join(f"năm {y.year}: {fmt_pct(y.member_share)}" for y in short)
        r.limitations.append(
            f"{ratio(len(short), len(term.years_with_members), two_digits)} năm tỷ lệ kết nạp chưa đạt"
            f" {fmt_pct(report.ward_year.member_target_rate, trim=True)} tổng số đảng viên đầu năm"
            f" ({rates})."
        )
    if below:
        zero = [b.branch for b in below if b.admissions_against_quota == 0]
        some = [b for b in below if b.admissions_against_quota > 0]
        text = (
            f"{ratio(len(below), len(quotas), two_digits)} chi bộ chưa đạt tổng chỉ tiêu kết nạp được giao"
            f" {period}: "
            + join_vi([f"{b.branch} ({ratio(b.admissions_against_quota, b.quota or 0, two_digits)})" for b in some])
        )
        if zero:
            text += f"; {join_vi(zero)} chưa kết nạp được đảng viên nào"
        r.limitations.append(text + ".")
        named.name("below", [b.branch for b in below])
    streaks = sort_texts(sf.no_admission_streaks, key=lambda s: s.branch)
    if streaks:
        since = join_vi([f"{s.branch} (từ năm {s.years[0]})" for s in streaks])
        lead = "Trong số đó, " if {s.branch for s in streaks} <= {b.branch for b in below} else ""
        r.limitations.append(
            _cap(f"{lead}{_n(len(streaks), 'chi bộ', two_digits)} {streak_words(two_digits)}: {since}.")
        )
        named.name("streaks", [s.branch for s in streaks])  # named here: referred to by count after
    if term.left:
        text = f"{_n(len(term.left), 'quần chúng', two_digits)} ra khỏi danh sách nguồn {period}"
        if term.left_trained == len(term.left):
            text += ", tất cả đều đã học lớp bồi dưỡng nhận thức về Đảng"
        elif term.left_trained:
            text += (
                f", trong đó {_n(term.left_trained, 'quần chúng', two_digits)} đã học lớp bồi dưỡng nhận thức về Đảng"
            )
        r.limitations.append(text + " (danh sách tại Phụ lục).")
    if plan is not None and plan.trained_expiring:
        r.limitations.append(
            f"{_n(plan.trained_expiring, 'quần chúng', two_digits)} đã học lớp bồi dưỡng nhận thức về Đảng nhưng"
            f" chưa được xem xét kết nạp, giấy chứng nhận sẽ hết hạn trong năm {plan.year}."
        )
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
        text = (
            f"{_n(len(moved), 'quần chúng ưu tú', two_digits)} chuyển đi học tập, lao động, công tác nơi khác {period}"
        )
        if trained_moved:
            text += f" ({fmt_count(trained_moved, two_digits)} quần chúng đã học lớp bồi dưỡng nhận thức về Đảng)"
        r.objective.append(_cap(text) + ".")
    small = {
        b.kind.lower()
        for b in report.branch_years
        if b.branch in {x.branch for x in below} and b.members_start is not None and b.members_start <= 10
    }
    if small:
        r.objective.append(
            f"Một số chi bộ ít đảng viên, phạm vi hoạt động hẹp (chi bộ {join_vi(sort_texts(small))})"
            " nên nguồn quần chúng để lựa chọn, bồi dưỡng còn ít."
        )
    r.objective += assessments(report, key, S.SECTION_OBJECTIVE)
    if plan is not None and below:
        waiting = {b.branch: b.trained_waiting + b.trained_expiring for b in plan.branches}
        with_trained = [b.branch for b in below if waiting.get(b.branch, 0) > 0]
        if with_trained:
            total = sum(waiting[b] for b in with_trained)
            where = (
                f"{_n(len(below), 'chi bộ', two_digits)} chưa đạt chỉ tiêu nêu trên hiện có"
                if len(with_trained) == len(below)
                else f"Trong số {_n(len(below), 'chi bộ', two_digits)} chưa đạt chỉ tiêu nêu trên,"
                f" {_n(len(with_trained), 'chi bộ', two_digits)} hiện có"
            )
            r.subjective.append(
                f"{where} {_n(total, 'quần chúng', two_digits)} đã học lớp bồi dưỡng nhận thức về Đảng nhưng"
                " chưa được đề nghị kết nạp; chi ủy chưa tích cực bồi dưỡng, hoàn thiện hồ sơ đề nghị kết nạp."
            )
    if plan is not None and plan.trained_expiring:
        r.subjective.append("Việc theo dõi thời hạn giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng chưa chặt chẽ.")
    removed = [c for c in term.left if c.status == S.STATUS_REMOVED]
    if removed:
        r.subjective.append(
            "Việc lựa chọn quần chúng đưa vào nguồn có nơi chưa kỹ"
            f" ({_n(len(removed), 'quần chúng', two_digits)}"
            " phải đưa ra khỏi danh sách nguồn)."
        )
    if term.structure.youth_union_low:
        r.subjective.append("Vai trò của Đoàn Thanh niên trong giới thiệu đoàn viên ưu tú cho Đảng chưa được phát huy.")
    if sf.overdue_probation:
        r.subjective.append("Một số chi bộ chưa kịp thời xét, đề nghị công nhận đảng viên chính thức.")
    r.subjective += assessments(report, key, S.SECTION_SUBJECTIVE)

    # lessons
    if every_year:
        r.lessons.append(
            f"Kết quả của {_n(len(every_year), 'chi bộ', two_digits)} kết nạp được đảng viên tất cả"
            " các năm"
            " cho thấy: chi ủy tạo nguồn ngay từ đầu năm, phân công đảng viên giúp đỡ từng quần chúng thì"
            " kết nạp được đều hằng năm."
        )
    if term.left_trained:
        r.lessons.append(
            "Phải quản lý chặt chẽ danh sách nguồn và xem xét kết nạp kịp thời quần chúng đã học lớp bồi"
            " dưỡng nhận thức về Đảng, không để quần chúng chuyển đi hoặc giấy chứng nhận hết hạn."
        )
    r.lessons += assessments(report, key, S.SECTION_LESSONS)
    return r
