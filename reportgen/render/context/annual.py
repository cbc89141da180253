"""The annual report (bao-cao-<N>.docx): the year's admissions, sources, structure,
branch table, shortfalls, causes and next year's directions."""

from __future__ import annotations

from typing import Any

from reportgen import schema
from reportgen.render import charts as charts_module, prose
from reportgen.render.context import sections
from reportgen.render.context.common import (
    annex_context,
    branch_year_row,
    bullets,
    cause_blocks,
    chart_items,
    common_context,
    finish,
    opt_int,
    recipient_lines,
    structure_rows,
)
from reportgen.render.vietnamese import fmt_count, fmt_int, fmt_pct, sort_texts
from reportgen.render.wording import Named, without_annex
from reportgen.stats.model import BranchYear, Report, quota_basis


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
            prose.branch_quota_total(wy, quota_basis(report.branch_years), two_digits),
            prose.ward_recognitions(wy, two_digits),
        )
        if p
    ]
    ctx["source_paragraphs"] = [
        p
        for p in (prose.ward_sources(wy, two_digits), prose.organisations_introduced(report.organisations, two_digits))
        if p
    ]
    prev_year = report.ward_prev_year.year if report.ward_prev_year is not None else None
    ctx["structure_paragraphs"] = prose.structure_summary(
        report.structure, report.kind_structure, two_digits, prev_year=prev_year
    ) or [f"Năm {report.year} không có đảng viên mới kết nạp."]

    branch_years = sort_texts(report.branch_years, key=lambda b: b.branch)
    ctx["branch_rows"] = [branch_year_row(i, by) for i, by in enumerate(branch_years, start=1)]
    basis = quota_basis(report.branch_years)
    split = basis.rows_without_quota > 0 and basis.rows_with_quota > 0
    ctx["branch_total"] = {
        "quota": opt_int(basis.quota if basis.rows_with_quota else None),
        "admissions": fmt_int(wy.admissions),
        # with branches given no quota, the rate is on the "Trong đó" row of those given one
        "share": "" if split else fmt_pct(basis.share),
        "added": fmt_int(wy.candidates_added),
        "trained": fmt_int(wy.candidates_trained),
        "year_end": fmt_int(wy.candidates_at_year_end),
    }
    ctx["branch_parts"] = _quota_parts(report, two_digits) if split else []
    ctx["charts"] = chart_items(
        [
            (
                charts_module.branch_achievement(report.branch_years, two_digits) if with_charts else None,
                f"Tỷ lệ thực hiện chỉ tiêu kết nạp đảng viên của các chi bộ năm {report.year}",
            ),
            (
                charts_module.admissions_by_year(report.term.years) if with_charts else None,
                f"Kết nạp đảng viên so với chỉ tiêu cấp trên giao, nhiệm kỳ\u00a0{report.term.label}",
            ),
        ]
    )
    ctx["structure_columns"] = {
        "current": f"Năm {report.year}",
        "previous": f"Năm {prev.year}" if prev is not None else f"Năm {report.year - 1}",
    }
    ctx["structure_rows"] = structure_rows(report.structure, report.kind_structure, with_prev=True)

    named = Named(two_digits)
    review = sections.year_review(report, two_digits, named)
    year = str(report.year)
    opening = sections.opening_text(report, [report.year])
    if opening is not None:
        ctx["intro"] = (
            f"Thực hiện {sections.cite(opening, _issuer_short(report))}, căn cứ kết quả theo dõi của các chi bộ"
            f" trực thuộc, {ctx['issuer_name']} báo cáo kết quả công tác tạo nguồn, kết nạp đảng viên năm"
            f" {report.year} như sau:"
        )
    ctx["leadership_paragraphs"] = [
        *sections.leadership(report, [report.year], two_digits, f"Năm {report.year}"),
        *sections.assessments(report, year, schema.SECTION_LEADERSHIP),
    ]
    ctx["strength_paragraphs"] = bullets(review.strengths)
    ctx["limitation_paragraphs"] = bullets(review.limitations)
    ctx["cause_blocks"] = cause_blocks(review.objective, review.subjective)
    plan = report.plan
    ctx["target_paragraphs"] = [sections.targets_line(plan, two_digits)] if plan is not None else []
    ctx["task_paragraphs"] = sections.tasks_by_actor(report, two_digits, named, year)
    moved_trained = sum(1 for c in sf.left_in_year if c.trained and c.status == schema.STATUS_MOVED)
    ctx["proposal_paragraphs"] = bullets(sections.proposals(report, two_digits, "trong năm", moved_trained, year))
    ctx.update(annex_context(report, sf.left_in_year, f"năm {report.year}"))
    if ctx["annex"]:
        ctx["recipients"] = recipient_lines(without_annex(report.ward.recipients))
    return finish(ctx)


def _quota_parts(report: Report, two_digits: bool) -> list[dict[str, str]]:
    """The "Trong đó" rows under Biểu 1's total: the branches given a quota (their quotas, admissions and
    rate) and those given none (their admissions, no quota, no rate)."""
    given = [b for b in report.branch_years if b.quota_counted is not None]
    none = [b for b in report.branch_years if b.quota_counted is None]

    def row(label: str, rows: list[BranchYear], with_quota: bool) -> dict[str, str]:
        basis = quota_basis(rows)
        return {
            "name": f"{label} ({fmt_count(len(rows), two_digits)})",
            "quota": opt_int(basis.quota if with_quota else None),
            "admissions": fmt_int(basis.admissions),
            "share": fmt_pct(basis.share if with_quota else None),
            "added": fmt_int(sum(b.candidates_added for b in rows)),
            "trained": fmt_int(sum(b.candidates_trained for b in rows)),
            "year_end": fmt_int(sum(b.candidates_at_year_end for b in rows)),
        }

    return [
        row("Trong đó: Chi bộ được giao chỉ tiêu", given, True),
        row("Chi bộ không được giao chỉ tiêu", none, False),
    ]


def _issuer_short(report: Report) -> str:
    unit = sections._unit(report)
    return f"Đảng ủy {unit}".strip()
