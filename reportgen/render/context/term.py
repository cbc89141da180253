"""The term review (tong-ket-nhiem-ky-<A>-<B>.docx): the term's admissions year by year
and branch by branch, structure, shortfalls, causes and the aims of the next term."""

from __future__ import annotations

from typing import Any

from reportgen import schema
from reportgen.render import charts as charts_module, prose
from reportgen.render.context import sections
from reportgen.render.context.common import (
    annex_context,
    bullets,
    cause_blocks,
    chart_items,
    common_context,
    finish,
    opt_int,
    recipient_lines,
    structure_rows,
    term_year_label,
)
from reportgen.render.vietnamese import (
    date_words,
    fmt_decimal,
    fmt_int,
    fmt_pct,
    sort_texts,
)
from reportgen.render.wording import Named, without_annex
from reportgen.stats.model import Report, TermSummary


def _term(report: Report, two_digits: bool, with_charts: bool = True) -> dict[str, Any]:
    term, ward = report.term, report.ward
    ctx = common_context(report, two_digits)
    review_word = "tổng kết" if term.complete else "sơ kết"
    period_words = "trong nhiệm kỳ" if term.complete else "từ đầu nhiệm kỳ đến nay"
    ctx["title"] = {
        "type": "BÁO CÁO",
        "summary": f"{review_word} công tác tạo nguồn, kết nạp đảng viên nhiệm kỳ {term.label}",
    }
    span = ward.term_last_year - ward.term_first_year
    next_label = f"{ward.term_last_year}-{ward.term_last_year + span}"
    ctx["term"] = {
        "label": term.label,
        "next_label": next_label,
        "period": _period(term),
        "aims_heading": (
            "PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"
            if term.complete and report.issued > term.end
            else f"MỤC TIÊU, NHIỆM VỤ NHIỆM KỲ {next_label}"
            if term.complete
            else "NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN CÒN LẠI CỦA NHIỆM KỲ"
        ),
    }
    named = Named(two_digits)
    review = sections.term_review(report, two_digits, named)
    ctx["intro"] = (
        f"Căn cứ kết quả theo dõi công tác phát triển đảng viên của các chi bộ trực thuộc"
        f" ({ctx['term']['period']}), {ctx['issuer_name']} báo cáo {review_word} công tác tạo nguồn,"
        f" kết nạp đảng viên nhiệm kỳ {term.label} như sau:"
    )
    basis = [sections.congress_name(report, term.label)] if report.ward.congress else []
    special = [
        t
        for y in range(term.start.year, term.end.year + 1)
        for t in report.texts_of(y)
        if t.code == "NQ" and ("kết nạp" in t.summary.lower() or "phát triển đảng viên" in t.summary.lower())
    ]
    if special:
        basis.append(f"{sections.cite(special[0], 'Đảng ủy')}")
    if basis:
        ctx["intro"] = (
            f"Thực hiện {' và '.join(basis)}, căn cứ kết quả theo dõi của các chi bộ trực thuộc"
            f" ({ctx['term']['period']}), {ctx['issuer_name']} báo cáo {review_word} công tác tạo nguồn, kết nạp"
            f" đảng viên nhiệm kỳ {term.label} như sau:"
        )
    years = list(range(term.start.year, term.end.year + 1))
    ctx["leadership_paragraphs"] = [
        *sections.leadership(report, years, two_digits, _cap(period_words)),
        *sections.assessments(report, term.label, schema.SECTION_LEADERSHIP),
    ]
    ctx["admission_paragraphs"] = review.results
    ctx["year_table_notes"] = prose.term_rate_notes(term, two_digits)
    ctx["branch_table_notes"] = prose.branch_quota_note(term, two_digits)
    ctx["structure_paragraphs"] = prose.structure_summary(
        term.structure, report.term_kind_structure, two_digits, f" {period_words}"
    ) or ["Trong nhiệm kỳ chưa có đảng viên mới kết nạp."]
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
                f"Kết nạp đảng viên so với chỉ tiêu cấp trên giao qua các năm, nhiệm kỳ\u00a0{term.label}",
            )
        ]
    )
    ctx["year_total"] = {
        "quota": opt_int(term.ward_quota_sum),
        "admissions": fmt_int(term.admissions),
        # the rate only when it divides the printed totals; else it is in the text, over the years with a quota
        "share": fmt_pct(term.quota_share) if term.admissions_in_quota_years == term.admissions else "",
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
            "quota": opt_int(b.quota_counted),
            "admissions": fmt_int(b.admissions),
            "counted": opt_int(b.admissions_against_quota if b.quota_counted is not None else None),
            "share": fmt_pct(b.quota_share),
            "added": fmt_int(b.candidates_added),
            "left": fmt_int(b.candidates_left),
        }
        for i, b in enumerate(branches, start=1)
    ]
    branch_basis = term.branch_basis
    # admissions in a year without quota: a column of those set against the quota, so that every
    # printed pair divides to the printed rate (none: the table as before, no empty column)
    ctx["branch_split"] = branch_basis.outside > 0
    ctx["branch_total"] = {
        "quota": opt_int(branch_basis.quota if branch_basis.rows_with_quota else None),
        "admissions": fmt_int(branch_basis.admissions),
        "counted": fmt_int(branch_basis.counted),
        "share": fmt_pct(branch_basis.share),
        "added": fmt_int(sum(b.candidates_added for b in term.branches)),
        "left": fmt_int(sum(b.candidates_left for b in term.branches)),
    }
    ctx["strength_paragraphs"] = bullets(review.strengths) or ["- Các chi bộ duy trì theo dõi danh sách nguồn."]
    ctx["limitation_paragraphs"] = bullets(review.limitations) or [
        "- Các chỉ tiêu về số lượng đều đạt; chất lượng nguồn ở một số chi bộ chưa đồng đều."
    ]
    ctx["cause_blocks"] = cause_blocks(review.objective, review.subjective)
    ctx["lesson_paragraphs"] = bullets(review.lessons)
    ctx["lessons_heading"] = f"{4 if ctx['cause_blocks'] else 3}- Bài học kinh nghiệm"
    adopted = term.complete and report.issued > term.end  # the next congress has been held
    ctx["aim_paragraphs"] = sections.term_aims(report, two_digits, next_label, adopted)
    ctx["task_paragraphs"] = sections.term_tasks(report, two_digits, named, next_label)
    moved_trained = sum(1 for c in term.left if c.trained and c.status == schema.STATUS_MOVED)
    ctx["proposal_paragraphs"] = bullets(
        sections.proposals(report, two_digits, period_words, moved_trained, term.label)
    )
    ctx.update(annex_context(report, term.left, f"nhiệm kỳ {term.label}"))
    if ctx["annex"]:
        ctx["recipients"] = recipient_lines(without_annex(report.ward.recipients))
    return finish(ctx)


def _period(term: TermSummary) -> str:
    """What the figures cover, said plainly: "số liệu từ năm 2021 đến năm 2025"
    when the term is counted in whole calendar years (the congress dates are not in the workbooks)."""
    if (term.start.month, term.start.day) == (1, 1) and (term.end.month, term.end.day) == (12, 31):
        return f"số liệu từ năm {term.start.year} đến năm {term.end.year}"
    return f"số liệu từ {date_words(term.start)} đến {date_words(term.end)}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
