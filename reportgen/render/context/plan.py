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
from reportgen.render.wording import Named, streak_words
from reportgen.stats.model import Plan, Report, WardInfo

PLAN_CODE = "KH"

MASS_ORGANISATIONS = "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội"


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


def target_sentences(plan: Plan, two_digits: bool = True) -> list[str]:
    """The ward's target for the plan year and where it comes from."""
    one = fmt_count(1, two_digits)
    n_branches = len(plan.branches)
    out = [
        f"Năm {plan.year}, toàn Đảng bộ phấn đấu kết nạp ít nhất {_n(plan.total, 'đảng viên mới', two_digits)};"
        f" mỗi chi bộ trực thuộc kết nạp ít nhất {one} đảng viên và tạo nguồn ít nhất {one} quần chúng ưu tú"
        " (chỉ tiêu của từng chi bộ tại Biểu 1)."
    ]

    # what holds of the target: compared with each floor it was set from, and the branches' sum
    def cmp(floor: int) -> str:
        return "cao hơn" if plan.total > floor else "bằng"

    basis = []
    if plan.superior_quota is not None:
        basis.append(
            f"{cmp(plan.superior_quota)} chỉ tiêu cấp trên giao ({_n(plan.superior_quota, 'đảng viên', two_digits)})"
        )
    if plan.member_floor:
        basis.append(
            f"{cmp(plan.member_floor)} mức {fmt_pct(plan.member_rate, trim=True)} tổng số đảng viên của"
            f" Đảng bộ ({_n(plan.member_floor, 'đảng viên', two_digits)})"
        )
    if n_branches:
        basis.append(f"bằng tổng chỉ tiêu giao cho {_n(n_branches, 'chi bộ', two_digits)}")
    if basis:
        text = f"Chỉ tiêu này {prose.join_vi(basis)}."
        if plan.superior_quota is None:
            text += (
                f" Khi cấp trên giao chỉ tiêu năm {plan.year}, nếu chỉ tiêu cao hơn, Đảng ủy sẽ điều chỉnh"
                " và giao bổ sung cho các chi bộ."
            )
        out.append(text)
    return out


def waiting_sentence(plan: Plan, two_digits: bool = True) -> str:
    """The candidates waiting (certificate valid through the plan year) and how the remainder is shared."""
    end = date_words(date(plan.base_year, 12, 31))
    if plan.candidates_waiting == 0:
        text = f"Đến {end}, các chi bộ không còn quần chúng nào trong danh sách nguồn"
    else:
        text = (
            f"Đến {end}, các chi bộ có {_n(plan.candidates_waiting, 'quần chúng ưu tú', two_digits)}"
            " trong danh sách nguồn, trong đó "
            + (
                f"{_n(plan.trained_waiting, 'quần chúng', two_digits)} đã học lớp bồi dưỡng nhận thức về Đảng,"
                f" giấy chứng nhận còn giá trị đến hết năm {plan.year}"
                if plan.trained_waiting
                else f"chưa có quần chúng nào có giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng còn giá trị"
                f" đến hết năm {plan.year}"
            )
        )
        if plan.trained_expiring:
            text += (
                f" ({_n(plan.trained_expiring, 'quần chúng', two_digits)} khác có giấy chứng nhận hết hạn trong"
                f" năm {plan.year}, cần cho học lại)"
            )
    out = _sentence_end(text)
    if plan.trained_waiting < plan.total:
        out += (
            f" Số quần chúng chờ kết nạp ({fmt_count(plan.trained_waiting, two_digits)}) thấp hơn chỉ tiêu"
            f" ({fmt_count(plan.total, two_digits)}), nên các chi bộ phải cử quần chúng đi học lớp sớm để đủ điều"
            " kiện xem xét kết nạp trong năm."
        )
    if plan.remainder > 0 and plan.tie is not None:  # the method only where a tie must be stated (issue 8)
        basis = (
            "theo tỷ lệ số quần chúng chờ kết nạp của từng chi bộ"
            if plan.trained_waiting
            else "chia đều cho các chi bộ"
        )
        out += (
            f" Mỗi chi bộ được giao ít nhất {fmt_count(1, two_digits)} đảng viên;"
            f" {_n(plan.remainder, 'chỉ tiêu', two_digits)} còn lại được phân bổ {basis}."
        )
    if plan.tie is not None:
        waiting = {b.branch: b.trained_waiting for b in plan.branches}
        more = min(waiting[n] for n in plan.tie.given) > max(waiting[n] for n in plan.tie.left)
        why = "có nhiều quần chúng chờ kết nạp hơn" if more else "xếp trước theo thứ tự tên"
        out += (
            f" {prose.join_vi(list(plan.tie.given + plan.tie.left))} có phần dư bằng nhau; chỉ tiêu cuối cùng"
            f" được giao cho {prose.join_vi(list(plan.tie.given))} ({why})."
        )
    return out


def needs_sources_sentence(plan: Plan, two_digits: bool = True) -> str:
    """The branches with nobody waiting: their minimum only, and the warning "cần tạo nguồn"."""
    names = list(plan.needs_sources)
    if not names:
        return ""
    both = "chi bộ" if len(names) == 1 else f"{fmt_count(len(names), two_digits)} chi bộ"
    return (
        f"{prose.join_vi(names)} hiện chưa có quần chúng có giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng"
        f" còn giá trị; {both} lựa chọn, cử quần chúng đi học lớp ngay trong quý I năm {plan.year}."
    )


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
        f" để chi bộ xem xét, bồi dưỡng; mỗi tổ chức ít nhất {fmt_count(1, two_digits)} (chỉ tiêu từng tổ chức"
        " tại Biểu 2)"
    )
    return text + "."


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
        *target_sentences(plan, two_digits),
        waiting_sentence(plan, two_digits),
        *([needs_sources_sentence(plan, two_digits)] if plan.needs_sources else []),
        sources_sentence(plan, two_digits),
    ]
    ctx["task_paragraphs"] = sections.tasks_by_actor(
        report,
        two_digits,
        Named(two_digits),
        str(plan.base_year),
        weak=sort_texts(s.branch for s in report.shortfalls.no_admission_streaks),
        weak_what=streak_words(two_digits),
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
            "trained": fmt_int(b.trained_waiting),
            "admissions": fmt_int(b.admission_quota),
            "sources": fmt_int(b.source_quota),
        }
        for i, b in enumerate(sort_texts(plan.branches, key=lambda b: b.branch), start=1)
    ]
    ctx["plan_total"] = {
        "waiting": fmt_int(plan.candidates_waiting),
        "trained": fmt_int(plan.trained_waiting),
        "admissions": fmt_int(plan.total),
        "sources": fmt_int(plan.source_total),
    }
    ctx["organisation_columns"] = {
        "introduced": f"Đã giới thiệu năm {plan.base_year}",
        "quota": f"Chỉ tiêu giới thiệu năm {plan.year}",
    }
    ctx["organisation_rows"] = [
        {
            "stt": str(i),
            "name": o.organisation,
            "introduced": fmt_int(o.introduced_last_year),
            "quota": fmt_int(o.introduction_quota),
        }
        for i, o in enumerate(plan.organisations, start=1)
    ]
    ctx["organisation_total"] = {
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
