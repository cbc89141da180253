"""The annual report (bao-cao-<N>.docx): the year's admissions, sources, structure,
branch table, shortfalls, causes and next year's directions."""

from __future__ import annotations

from typing import Any

from reportgen.render import charts as charts_module, prose
from reportgen.render.context.common import (
    NOTHING_SHORT,
    branch_year_row,
    bullets,
    causes,
    chart_items,
    common_context,
    structure_rows,
)
from reportgen.render.vietnamese import fmt_count, fmt_int, fmt_pct, sort_texts
from reportgen.stats.model import Report, rate_where_quota


def _annual(report: Report, two_digits: bool, with_charts: bool = True) -> dict[str, Any]:
    wy, prev, sf = report.ward_year, report.ward_prev_year, report.shortfalls
    ctx = common_context(report, two_digits)
    ctx["title"] = {
        "type": "BÁO CÁO",
        "summary": f"kết quả công tác tạo nguồn, kết nạp đảng viên năm {report.year}",
    }
    ctx["intro"] = (
        f"Thực hiện chỉ tiêu phát triển đảng viên năm {report.year} được cấp trên giao, căn cứ"
        f" kết quả theo dõi của các chi bộ trực thuộc, {ctx['issuer_name']} báo cáo kết quả công tác"
        f" tạo nguồn, kết nạp đảng viên năm {report.year} như sau:"
    )
    ctx["admission_paragraphs"] = [
        p
        for p in (
            prose.ward_admissions(wy, prev, two_digits),
            prose.branches_meeting_quota(wy, two_digits),
            prose.branch_quota_total(wy, sum(b.admissions for b in report.branch_years if b.quota), two_digits),
            prose.ward_recognitions(wy, two_digits),
        )
        if p
    ]
    ctx["source_paragraphs"] = [
        p
        for p in (prose.ward_sources(wy, two_digits), prose.organisations_introduced(report.organisations, two_digits))
        if p
    ]
    structure_text = prose.structure_sentences(report.structure, two_digits)
    kinds_text = prose.kind_sentence(report.kind_structure, two_digits)
    ctx["structure_paragraphs"] = bullets(structure_text + ([kinds_text] if kinds_text else [])) or [
        f"Năm {report.year} không có đảng viên mới kết nạp."
    ]

    branch_years = sort_texts(report.branch_years, key=lambda b: b.branch)
    ctx["branch_rows"] = [branch_year_row(i, by) for i, by in enumerate(branch_years, start=1)]
    ctx["branch_total"] = {
        "quota": fmt_int(wy.branch_quota_sum),
        "admissions": fmt_int(wy.admissions),
        "share": fmt_pct(rate_where_quota(report.branch_years)),
        "added": fmt_int(wy.candidates_added),
        "trained": fmt_int(wy.candidates_trained),
        "year_end": fmt_int(wy.candidates_at_year_end),
    }
    ctx["charts"] = chart_items(
        [
            (
                charts_module.branch_achievement(report.branch_years) if with_charts else None,
                f"Tỷ lệ thực hiện chỉ tiêu kết nạp đảng viên của các chi bộ năm {report.year}",
            ),
            (
                charts_module.admissions_by_year(report.term.years) if with_charts else None,
                f"Kết nạp đảng viên so với chỉ tiêu cấp trên giao, nhiệm kỳ {report.term.label}",
            ),
        ]
    )
    ctx["structure_columns"] = {
        "current": f"Năm {report.year}",
        "previous": f"Năm {prev.year}" if prev is not None else f"Năm {report.year - 1}",
    }
    ctx["structure_rows"] = structure_rows(report.structure, report.kind_structure, with_prev=True)

    any_source_quota = any(b.source_quota is not None for b in report.branch_years)
    # Only what falls short belongs under "Hạn chế": the all-met and zero cases are left out.
    ctx["shortfall_paragraphs"] = bullets(
        [
            prose.below_quota(sf.below_quota, wy.branches_with_quota, two_digits) if sf.below_quota else "",
            prose.member_target_shortfall(wy),
            prose.no_admission_streaks(sf.no_admission_streaks, two_digits) if sf.no_admission_streaks else "",
            prose.below_source_quota(sf.below_source_quota, any_source_quota, two_digits)
            if sf.below_source_quota else "",
            prose.organisations_below(sf.organisations_below_quota, len(report.organisations), two_digits)
            if sf.organisations_below_quota else "",
            prose.left_candidates(sf.left_in_year, "Trong năm", two_digits) if sf.left_in_year else "",
            prose.overdue_probation(sf.overdue_probation, two_digits=two_digits) if sf.overdue_probation else "",
        ]
    ) or [NOTHING_SHORT]
    ctx["cause_paragraphs"] = bullets(_year_causes(report, two_digits))
    ctx["direction_paragraphs"] = bullets(_annual_directions(report, two_digits))
    return ctx


def _annual_directions(report: Report, two_digits: bool) -> list[str]:
    wy, sf = report.ward_year, report.shortfalls
    one = fmt_count(1, two_digits)
    out = [
        f"Phấn đấu năm {report.year + 1} kết nạp đảng viên mới đạt và vượt chỉ tiêu cấp trên giao,"
        f" bảo đảm tối thiểu {fmt_pct(wy.member_target_rate, trim=True)} tổng số đảng viên của Đảng bộ;"
        f" mỗi chi bộ kết nạp ít nhất {one} đảng viên, tạo nguồn ít nhất {one} quần chúng ưu tú;"
        f" mỗi đoàn thể chính trị - xã hội giới thiệu ít nhất {one} quần chúng ưu tú để chi bộ xem xét."
    ]
    if wy.candidates_at_year_end:
        out.append(
            f"Tiếp tục bồi dưỡng, giúp đỡ {fmt_count(wy.candidates_at_year_end, two_digits)} quần chúng ưu tú"
            " đang có trong danh sách nguồn; ưu tiên xem xét kết nạp những quần chúng đã học lớp bồi dưỡng"
            " nhận thức về Đảng, chú ý thời hạn 60 tháng của giấy chứng nhận."
        )
    focus = {s.branch for s in sf.below_quota} | {s.branch for s in sf.no_admission_streaks}
    if focus:
        out.append(
            "Đảng ủy tập trung chỉ đạo, phân công đảng ủy viên phụ trách giúp đỡ các chi bộ chưa đạt chỉ tiêu"
            f" hoặc nhiều năm không kết nạp được đảng viên: {prose.join_vi(sort_texts(focus))}."
        )
    if sf.organisations_below_quota:
        names = prose.join_vi(sort_texts(o.organisation for o in sf.organisations_below_quota))
        out.append(
            f"{names} cần có giải pháp cụ thể để giới thiệu quần chúng ưu tú cho Đảng trong năm {report.year + 1}."
        )
    if sf.overdue_probation:
        out.append(
            "Các chi bộ xem xét, đề nghị công nhận đảng viên chính thức ngay đối với"
            f" {fmt_count(len(sf.overdue_probation), two_digits)} đảng viên dự bị đã quá hạn;"
            " từ nay bảo đảm đúng thời hạn theo quy định."
        )
    return out


def _year_causes(report: Report, two_digits: bool) -> list[str]:
    sf = report.shortfalls
    weak = {s.branch for s in sf.below_quota} | {s.branch for s in sf.no_admission_streaks}
    return causes(
        report, two_digits, weak=weak, branches=report.branch_years, left_trained=sf.left_in_year_trained,
        period="trong năm", youth_low=report.structure.youth_union_low,
    )
