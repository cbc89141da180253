"""The plan for the next year (ke-hoach-<N+1>.docx).

Built from `Report.plan` (computed in `stats/plan.py`); the sentences name the floors
the ward total comes from, the candidates waiting, and what is asked of the branches
and the mass organisations. Only finished strings go out.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from reportgen import rules
from reportgen.render import prose
from reportgen.render.context import sections
from reportgen.render.context.common import common_context, finish, recipient_lines, unit_word
from reportgen.render.vietnamese import (
    date_words,
    fmt_count,
    fmt_int,
    fmt_pct,
    sort_texts,
)
from reportgen.render.wording import Named, expiry_words, leaders_of, no_admission_words
from reportgen.stats.model import Plan, Report, WardInfo

PLAN_CODE = "KH"

MASS_ORGANISATIONS = "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội"
CLASS = "lớp bồi dưỡng nhận thức về Đảng"
VALID = f"có giấy chứng nhận học {CLASS} còn giá trị"  # on 31/12 of the report year: Biểu 1's column


def basis_texts(issued: date) -> str:
    """ "Thực hiện Quy định ...; Hướng dẫn ...; Nghị quyết ...": the texts in force on the plan's
    date and issued by then (`rules`); "" when the table knows none."""
    texts = [*rules.rules_in_force(issued), *(t for t in rules.TEXTS if rules.citable(t, issued))]
    return "Thực hiện " + "; ".join(t.citation() for t in texts) if texts else ""


def plan_term_label(ward: WardInfo, year: int) -> str:
    """The term the plan year falls in: the ward's, or the next one (2020-2025 -> 2025-2030)."""
    span = max(1, ward.term_last_year - ward.term_first_year)
    first = ward.term_first_year
    while year > first + span:
        first += span
    return f"{first}-{first + span}"


def _n(count: int, unit: str, two_digits: bool) -> str:
    return f"{fmt_count(count, two_digits)} {unit}"


def target_sentences(plan: Plan, issued: date, two_digits: bool = True) -> list[str]:
    """The ward's target for the plan year and where it comes from."""
    one = fmt_count(1, two_digits)
    out = [
        f"Năm {plan.year}, toàn Đảng bộ phấn đấu kết nạp ít nhất {_n(plan.total, 'đảng viên mới', two_digits)};"
        f" mỗi chi bộ trực thuộc kết nạp ít nhất {one} đảng viên và tạo nguồn ít nhất {one} quần chúng ưu tú"
        " (chỉ tiêu của từng chi bộ tại Biểu 1)."
    ]

    # what holds of the target, as an office says it: the superior's quota of the plan year when
    # it has come, the 3% of Nghị quyết 21-NQ/TW (of the members now, not of a past year), and how the
    # target will be raised when a higher quota comes. Not how the figure was obtained.
    held = []
    if plan.superior_quota is not None:
        word = "cao hơn" if plan.total > plan.superior_quota else "bằng"
        held.append(f"{word} chỉ tiêu cấp trên giao ({_n(plan.superior_quota, 'đảng viên', two_digits)})")
    elif plan.previous_quota and plan.previous_quota > plan.member_floor:
        # the report year's quota is the floor that set the target: said as last year's quota, not as
        # "chỉ tiêu cấp trên giao" (a reader takes that for the plan year's, which has not come)
        word = "cao hơn" if plan.total > plan.previous_quota else "bằng"
        held.append(
            f"{word} chỉ tiêu kết nạp năm {plan.base_year} ({_n(plan.previous_quota, 'đảng viên', two_digits)})"
        )
    if plan.member_floor and plan.members_base:
        # "không thấp hơn" and nothing finer: the target is at least 3% of the members at the start of the
        # plan year, or of an upper bound of them (stats/plan.py), so only that is certain
        rate = fmt_pct(plan.member_rate, trim=True)
        resolution = (
            f" theo Nghị quyết số {rules.RESOLUTION_21.number}" if rules.citable(rules.RESOLUTION_21, issued) else ""
        )
        held.append(f"không thấp hơn {rate} tổng số đảng viên hiện có của Đảng bộ{resolution}")
    parts = [f"Chỉ tiêu trên {prose.join_vi(held)}"] if held else []
    if plan.superior_quota is None:
        parts.append(
            f"trường hợp cấp trên giao chỉ tiêu năm {plan.year} cao hơn, Đảng ủy sẽ điều chỉnh, giao bổ sung chỉ"
            " tiêu cho các chi bộ"
        )
    if parts:
        out.append(_cap("; ".join(parts)) + ".")
    return out


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def waiting_sentence(plan: Plan, two_digits: bool = True) -> str:
    """The candidates on the lists and, of them, those with a valid certificate (Biểu 1's basis: valid on
    31/12 of the report year, `Plan.trained_valid`) and how many of those expire within the plan year."""
    end = date_words(date(plan.base_year, 12, 31))
    if plan.candidates_waiting == 0:
        text = f"Đến {end}, các chi bộ không còn quần chúng nào trong danh sách nguồn"
    else:
        text = (
            f"Đến {end}, các chi bộ có {_n(plan.candidates_waiting, 'quần chúng ưu tú', two_digits)}"
            " trong danh sách nguồn, trong đó "
            + (
                f"{_n(plan.trained_valid, 'quần chúng', two_digits)} {VALID}"
                if plan.trained_valid
                else f"chưa có quần chúng nào {VALID}"
            )
        )
        if plan.trained_expiring:
            every = plan.trained_expiring == plan.trained_valid
            text += (
                f" ({'cả ' if every and plan.trained_valid > 1 else ''}"
                f"{_n(plan.trained_expiring, 'quần chúng', two_digits)} có giấy chứng nhận hết hạn trong năm"
                f" {plan.year})"
            )
    out = _sentence_end(text)
    if plan.trained_valid < plan.total:
        out += (
            f" Số quần chúng có giấy chứng nhận còn giá trị ({fmt_count(plan.trained_valid, two_digits)}) thấp hơn"
            f" chỉ tiêu ({fmt_count(plan.total, two_digits)}), nên các chi bộ phải cử quần chúng đi học lớp sớm để"
            " đủ điều kiện xem xét kết nạp trong năm."
        )
    # how the units were shared, and a tie at the cut, are not a plan's words (signer-5): the tie is told to
    # the clerk as a warning (stats.plan.tie_finding)
    return out


def branch_actions(plan: Plan, two_digits: bool = True) -> list[str]:
    """What the branches without a candidate ready must do first, named: those with nobody holding
    a valid certificate send candidates to the class in quarter I; those whose only certificates
    expire in the plan year consider them before they expire, and send others to the class."""
    y = plan.year
    out = []
    none_listed = [b.branch for b in plan.branches if b.needs_sources and b.candidates_waiting == 0]
    untrained = [b.branch for b in plan.branches if b.needs_sources and b.candidates_waiting > 0]
    if untrained:
        out.append(
            f"- {prose.join_vi(untrained)}: lựa chọn, cử quần chúng trong danh sách nguồn đi học {CLASS} ngay"
            f" trong quý I năm {y}."
        )
    if none_listed:
        out.append(
            f"- {prose.join_vi(none_listed)}: phát hiện, lựa chọn quần chúng ưu tú đưa vào danh sách nguồn, cử đi"
            f" học {CLASS} ngay trong quý I năm {y}."
        )
    for b in plan.branches:
        if b.expiring_only:
            out.append(
                f"- {b.branch}: khẩn trương hoàn thiện hồ sơ, xem xét kết nạp"
                f" {_n(b.trained_expiring, 'quần chúng', two_digits)} có giấy chứng nhận học {CLASS} hết hạn"
                f" {expiry_words(b.expiries, y)}; lựa chọn, cử quần chúng trong danh sách nguồn đi học lớp ngay"
                f" trong quý I năm {y}."
            )
    return out


def _sentence_end(text: str) -> str:
    return text if text.endswith(".") else text + "."


def sources_sentence(plan: Plan, two_digits: bool = True) -> str:
    """What the branches add to their lists and what the Front and the mass organisations introduce, and why."""
    text = f"Các chi bộ bổ sung vào danh sách nguồn ít nhất {_n(plan.source_total, 'quần chúng ưu tú', two_digits)}."
    if not plan.organisations:
        return text + (
            f" {MASS_ORGANISATIONS}, mỗi tổ chức giới thiệu ít nhất {fmt_count(1, two_digits)} quần chúng"
            " ưu tú để chi bộ xem xét."
        )
    text += (
        f" {MASS_ORGANISATIONS} giới thiệu ít nhất {_n(plan.introduction_total, 'quần chúng ưu tú', two_digits)}"
        f" để chi bộ xem xét, bồi dưỡng; mỗi tổ chức giới thiệu không ít hơn chỉ tiêu được giao và số đã giới"
        f" thiệu năm {plan.base_year}, ít nhất {fmt_count(1, two_digits)} quần chúng (chỉ tiêu từng tổ chức tại"
        " Biểu 2)"
    )
    return text + "."


def education_paragraphs() -> list[str]:
    """Publicity and political education that build the sources (the example plan's II-1 and II-3)."""
    return [
        "- Đẩy mạnh công tác tuyên truyền, nâng cao nhận thức của cấp ủy, chính quyền, Mặt trận Tổ quốc, các đoàn"
        " thể chính trị - xã hội và đảng viên về công tác phát triển đảng viên, xác định đây là nhiệm vụ thường"
        " xuyên của công tác xây dựng Đảng; kịp thời biểu dương tập thể, cá nhân làm tốt công tác tạo nguồn, giới"
        " thiệu quần chúng ưu tú cho Đảng.",
        "- Chi ủy, chi bộ tăng cường giáo dục chính trị tư tưởng cho quần chúng ưu tú, giúp quần chúng hiểu rõ mục"
        " tiêu, lý tưởng của Đảng, xác định động cơ đúng đắn, rèn luyện, phấn đấu vào Đảng; thông qua các phong"
        " trào thi đua học tập, lao động, sản xuất ở cơ quan, đơn vị, khu dân cư phát hiện, lựa chọn quần chúng"
        " ưu tú đưa vào danh sách nguồn.",
    ]


def procedure_paragraphs(issued: date, two_digits: bool = True, leaders: str = "chi ủy, chi bộ") -> list[str]:
    """The admission procedure under the texts in force on the plan's date (`rules`), with the
    time limits of the rules table; only texts issued by that date are named."""
    texts = rules.rules_in_force(issued)
    under = (
        "theo " + " và ".join(f"{t.kind} số {t.number}" for t in texts) if texts else "theo quy định của Điều lệ Đảng"
    )
    ceremony = fmt_count(rules.CEREMONY_WITHIN_WORKING_DAYS, two_digits)
    probation = fmt_count(rules.PROBATION_MONTHS, two_digits)
    recognition = fmt_count(rules.RECOGNITION_WITHIN_WORKING_DAYS, two_digits)
    return [
        f"- Thực hiện đúng quy trình, thủ tục kết nạp đảng viên {under}: {leaders} thẩm tra, xác minh lý lịch"
        " người vào Đảng; hồ sơ đề nghị kết nạp đầy đủ, đúng mẫu; lễ kết nạp tổ chức trong"
        f" {ceremony} ngày làm việc kể từ ngày chi bộ nhận quyết định; hết {probation} tháng dự bị, chi bộ xét,"
        f" đề nghị công nhận đảng viên chính thức trong {recognition} ngày làm việc.",
    ]


def plan_recipients(ward: WardInfo, unit: str) -> list[str]:
    """The ward's recipients, with the mass organisations added before the file copy when missing."""
    items = [r for r in ward.recipients if r.strip()]
    if any("mặt trận" in r.lower() or "đoàn thể" in r.lower() for r in items):
        return items
    extra = f"Mặt trận và các đoàn thể chính trị - xã hội {unit}".strip()
    if items and items[-1].lower().lstrip("- ").startswith("lưu"):
        return [*items[:-1], extra, items[-1]]
    return [*items, extra]


def plan_context(report: Report, ctx: dict[str, Any], unit: str, two_digits: bool) -> dict[str, Any]:
    """Add the plan's variables to `ctx` (the common variables of `common.common_context`).

    unit: "phường", "xã"... as in "Đảng bộ phường". The recipients are left to the caller.
    """
    plan = report.plan
    if plan is None:
        raise ValueError("the report has no plan (Report.plan is None)")
    ward = report.ward
    ctx["year"] = str(plan.year)  # the plan year; the report year is base_year
    ctx["base_year"] = str(plan.base_year)
    ctx.pop("next_year", None)
    ctx["title"] = {"type": "KẾ HOẠCH", "summary": f"phát triển đảng viên năm {plan.year}"}
    basis = basis_texts(report.issued)
    grounds = [sections.congress_name(report, plan_term_label(ward, plan.year))]
    resolutions = [t for t in report.texts_of(plan.year) if t.code == "NQ"]  # the plan year's, issued by its date
    if resolutions:
        grounds.append(sections.cite(resolutions[0], "Đảng ủy"))
    grounds.append(f"kết quả công tác tạo nguồn, kết nạp đảng viên năm {plan.base_year}")
    ctx["basis_paragraphs"] = [
        *([f"{basis}."] if basis else []),
        f"Căn cứ {'; '.join(grounds)}, {ctx['issuer_name']} xây dựng Kế hoạch phát triển đảng viên năm"
        f" {plan.year} với những nội dung cụ thể như sau:",
    ]
    ctx["target_paragraphs"] = [
        *target_sentences(plan, report.issued, two_digits),
        waiting_sentence(plan, two_digits),
        sources_sentence(plan, two_digits),
    ]
    ctx["education_paragraphs"] = education_paragraphs()
    ctx["procedure_paragraphs"] = [
        *procedure_paragraphs(report.issued, two_digits, leaders_of(b.has_committee for b in report.branch_years)),
        *branch_actions(plan, two_digits),
    ]
    ctx["task_paragraphs"] = sections.tasks_by_actor(
        report,
        two_digits,
        Named(two_digits),
        str(plan.base_year),
        weak=sort_texts(s.branch for s in report.shortfalls.no_admission_streaks),
        weak_what=no_admission_words(
            [s.years for s in report.shortfalls.no_admission_streaks],
            [y.year for y in report.term.years if not y.partial],
            report.term.label,
            two_digits,
        ),
        in_plan=True,
    )
    ctx["timetable_paragraphs"] = sections.timetable(plan, two_digits)
    end = date(plan.base_year, 12, 31)
    ctx["plan_columns"] = {
        "waiting": f"Nguồn đến {end.day:02d}/{end.month:02d}/{end.year}",
        "quota": f"Chỉ tiêu năm {plan.year}",
    }
    ctx["plan_rows"] = [
        {
            "stt": str(i),
            "name": b.branch,
            "kind": b.kind,
            "waiting": fmt_int(b.candidates_waiting),
            "trained": fmt_int(b.trained_valid),
            "admissions": fmt_int(b.admission_quota),
            "sources": fmt_int(b.source_quota),
        }
        for i, b in enumerate(sort_texts(plan.branches, key=lambda b: b.branch), start=1)
    ]
    ctx["plan_total"] = {
        "waiting": fmt_int(plan.candidates_waiting),
        "trained": fmt_int(plan.trained_valid),
        "admissions": fmt_int(plan.total),
        "sources": fmt_int(plan.source_total),
    }
    ctx["organisation_columns"] = {
        "last_year": f"Năm {plan.base_year}",
        "last_quota": "Chỉ tiêu",
        "introduced": "Đã giới thiệu",
        "quota": f"Chỉ tiêu giới thiệu năm {plan.year}",
    }
    ctx["organisation_rows"] = [
        {
            "stt": str(i),
            "name": o.organisation,
            "last_quota": "-" if o.last_quota is None else fmt_int(o.last_quota),
            "introduced": fmt_int(o.introduced_last_year),
            "quota": fmt_int(o.introduction_quota),
        }
        for i, o in enumerate(plan.organisations, start=1)
    ]
    ctx["organisation_total"] = {
        "last_quota": fmt_int(sum(o.last_quota or 0 for o in plan.organisations)),
        "introduced": fmt_int(sum(o.introduced_last_year for o in plan.organisations)),
        "quota": fmt_int(plan.introduction_total),
    }
    return ctx


def _plan(report: Report, two_digits: bool) -> dict[str, Any]:
    ctx = common_context(report, two_digits, doc_code=PLAN_CODE)
    unit = unit_word(report.ward)
    plan_context(report, ctx, unit, two_digits)
    ctx["recipients"] = recipient_lines(plan_recipients(report.ward, unit))
    return finish(ctx)
