"""The term review (tong-ket-nhiem-ky-<A>-<B>.docx): the term's admissions year by year
and branch by branch, structure, shortfalls, causes and the aims of the next term."""

from __future__ import annotations

from typing import Any

from reportgen.render import charts as charts_module, prose
from reportgen.render.context.common import (
    NOTHING_SHORT,
    bullets,
    causes,
    chart_items,
    common_context,
    left_rows,
    opt_int,
    structure_rows,
    term_year_label,
)
from reportgen.render.vietnamese import (
    date_words,
    fmt_count,
    fmt_decimal,
    fmt_int,
    fmt_pct,
    sort_texts,
)
from reportgen.stats.model import Report, rate_where_quota


def _term(report: Report, two_digits: bool, with_charts: bool = True) -> dict[str, Any]:
    term, ward, sf = report.term, report.ward, report.shortfalls
    ctx = common_context(report, two_digits)
    review = "tổng kết" if term.complete else "sơ kết"
    ctx["title"] = {
        "type": "BÁO CÁO",
        "summary": f"{review} công tác tạo nguồn, kết nạp đảng viên nhiệm kỳ {term.label}",
    }
    span = ward.term_last_year - ward.term_first_year
    next_label = f"{ward.term_last_year}-{ward.term_last_year + span}"
    ctx["term"] = {
        "label": term.label,
        "next_label": next_label,
        "period": f"từ {date_words(term.start)} đến {date_words(term.end)}",
        "aims_heading": (
            f"MỤC TIÊU, NHIỆM VỤ NHIỆM KỲ {next_label}"
            if term.complete
            else "NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN CÒN LẠI CỦA NHIỆM KỲ"
        ),
    }
    ctx["intro"] = (
        f"Căn cứ kết quả theo dõi công tác phát triển đảng viên của các chi bộ trực thuộc"
        f" {ctx['term']['period']}, {ctx['issuer_name']} báo cáo {review} công tác tạo nguồn,"
        f" kết nạp đảng viên nhiệm kỳ {term.label} như sau:"
    )
    ctx["admission_paragraphs"] = [
        prose.term_admissions(term, two_digits),
        prose.term_sources(term, two_digits),
        *prose.term_rate_notes(term),
    ]
    structure_text = prose.structure_sentences(term.structure, two_digits)
    kinds_text = prose.kind_sentence(report.term_kind_structure, two_digits)
    ctx["structure_paragraphs"] = bullets(structure_text + ([kinds_text] if kinds_text else [])) or [
        "Trong nhiệm kỳ chưa có đảng viên mới kết nạp."
    ]
    ctx["structure_rows"] = structure_rows(term.structure, report.term_kind_structure, with_prev=False)

    ctx["year_rows"] = [
        {
            "year": term_year_label(y.year, term),
            "quota": opt_int(y.ward_quota),
            "admissions": fmt_int(y.admissions),
            "share": fmt_pct(y.quota_share),
            "members": opt_int(y.members_start),
            "member_share": fmt_pct(y.member_share),
            "added": fmt_int(y.candidates_added),
            "trained": fmt_int(y.candidates_trained),
        }
        for y in sorted(term.years, key=lambda y: y.year)
    ]
    ctx["charts"] = chart_items(
        [
            (
                charts_module.admissions_by_year(term.years) if with_charts else None,
                f"Kết nạp đảng viên so với chỉ tiêu cấp trên giao qua các năm, nhiệm kỳ {term.label}",
            )
        ]
    )
    ctx["year_total"] = {
        "quota": opt_int(term.ward_quota_sum),
        "admissions": fmt_int(term.admissions),
        "share": fmt_pct(term.quota_share),
        "average": fmt_decimal(term.yearly_average, 1),
        "added": fmt_int(sum(y.candidates_added for y in term.years)),
        "trained": fmt_int(sum(y.candidates_trained for y in term.years)),
    }
    branches = sort_texts(term.branches, key=lambda b: b.branch)
    ctx["branch_rows"] = [
        {
            "stt": str(i),
            "name": b.branch,
            "kind": b.kind,
            "quota": opt_int(b.quota),
            "admissions": fmt_int(b.admissions),
            "share": fmt_pct(b.quota_share),
            "added": fmt_int(b.candidates_added),
            "left": fmt_int(b.candidates_left),
        }
        for i, b in enumerate(branches, start=1)
    ]
    quotas = [b.quota for b in term.branches if b.quota is not None]
    quota_sum = sum(quotas) if quotas else None
    admitted = sum(b.admissions for b in term.branches)
    ctx["branch_total"] = {
        "quota": opt_int(quota_sum),
        "admissions": fmt_int(admitted),
        "share": fmt_pct(rate_where_quota(term.branches)),
        "added": fmt_int(sum(b.candidates_added for b in term.branches)),
        "left": fmt_int(sum(b.candidates_left for b in term.branches)),
    }
    period = "Trong nhiệm kỳ" if term.complete else "Từ đầu nhiệm kỳ đến nay"
    below = term.branches_below_quota
    ctx["shortfall_paragraphs"] = bullets(
        [
            *prose.term_years_short(term, two_digits),
            prose.term_branches_below_quota(term.branches, two_digits, period.lower()) if below else "",
            prose.term_branches_without_admission(term.branches, term, two_digits)
            if any(b.admissions == 0 for b in term.branches) else "",
            prose.no_admission_streaks(sf.no_admission_streaks, two_digits) if sf.no_admission_streaks else "",
            prose.left_candidates(term.left, period, two_digits) if term.left else "",
            prose.overdue_probation(sf.overdue_probation, two_digits=two_digits) if sf.overdue_probation else "",
        ]
    ) or [NOTHING_SHORT]
    ctx["left_rows"] = left_rows(term.left)
    ctx["cause_paragraphs"] = bullets(_term_causes(report, two_digits))
    ctx["aim_paragraphs"] = bullets(_term_aims(report, two_digits))
    return ctx


def _term_causes(report: Report, two_digits: bool) -> list[str]:
    term, sf = report.term, report.shortfalls
    below = {b.branch for b in term.branches_below_quota}
    return causes(
        report, two_digits, weak={s.branch for s in sf.no_admission_streaks} | below, branches=term.branches,
        left_trained=term.left_trained, period="trong nhiệm kỳ" if term.complete else "từ đầu nhiệm kỳ đến nay",
        youth_low=term.structure.youth_union_low,
    )


def _term_aims(report: Report, two_digits: bool) -> list[str]:
    term, wy, sf = report.term, report.ward_year, report.shortfalls
    one = fmt_count(1, two_digits)
    rate = fmt_pct(wy.member_target_rate, trim=True)
    average = fmt_decimal(term.yearly_average, 1, trim=True)
    period = f"nhiệm kỳ {term.label}" if term.complete else "những năm qua"
    text = (
        f"Hằng năm kết nạp đảng viên mới đạt từ {rate} trở lên so với tổng số đảng viên đầu năm và không thấp hơn"
        " chỉ tiêu cấp trên giao"
    )
    plan = report.plan
    if plan is not None and plan.target:
        text += f" (năm {plan.year}: ít nhất {fmt_count(plan.target, two_digits)} đảng viên)"
    if term.admissions:
        text += f", phấn đấu vượt mức bình quân {period} ({average} đảng viên/năm)"
    out = [text + "."]
    out.append(
        f"Mỗi chi bộ hằng năm kết nạp ít nhất {one} đảng viên, tạo nguồn ít nhất {one} quần chúng ưu tú;"
        f" mỗi đoàn thể chính trị - xã hội hằng năm giới thiệu ít nhất {one} quần chúng ưu tú cho Đảng."
    )
    weak = {s.branch for s in sf.no_admission_streaks} | {b.branch for b in term.branches if b.admissions == 0}
    if weak:
        out.append(
            "Sớm khắc phục tình trạng chi bộ nhiều năm không kết nạp được đảng viên"
            f" ({prose.join_vi(sort_texts(weak))}); đặc biệt quan tâm tạo nguồn ở các chi bộ khu dân cư."
        )
    if term.left_trained:
        span = f"nhiệm kỳ {term.label}" if term.complete else "từ đầu nhiệm kỳ đến nay"
        out.append(
            "Quản lý chặt chẽ danh sách nguồn, hạn chế tình trạng quần chúng đã học lớp bồi dưỡng nhận thức"
            f" về Đảng phải đưa ra khỏi danh sách ({span}:"
            f" {fmt_count(term.left_trained, two_digits)} quần chúng)."
        )
    return out
