"""One branch's report (chi-bo/<tên-chi-bộ>.docx): its year, its people, its history over
the term and the quotas the ward's plan gives it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportgen.dates import year_end
from reportgen.render import prose
from reportgen.render.context.common import (
    BRANCH_CODE,
    NUMBER_BLANK,
    bullets,
    committee_in_sentence,
    common_context,
    nfc,
    opt_int,
    recipient_lines,
    upper,
    ward_party_caps,
)
from reportgen.render.vietnamese import (
    date_words,
    fmt_count,
    fmt_date,
    fmt_int,
    fmt_pct,
    sort_names,
)
from reportgen.stats.model import BranchReport, Report, rate_where_quota


def _people_rows(people: Sequence[Any]) -> list[dict[str, str]]:
    return [
        {"stt": str(i), "name": p.name, "birth": fmt_date(p.birth), "when": fmt_date(p.when), "detail": p.detail}
        for i, p in enumerate(sort_names(people, key=lambda p: p.name), start=1)
    ]


def _branch_directions(report: Report, br: BranchReport, two_digits: bool) -> list[str]:
    """Next year's aims of the branch: the quotas the ward's plan gives it, then its own gaps."""
    next_year = report.year + 1
    out = []
    planned = None if report.plan is None else next((b for b in report.plan.branches if b.branch == br.info.name), None)
    if planned is not None:
        out.append(
            f"Năm {next_year}, Chi bộ phấn đấu kết nạp ít nhất {fmt_count(planned.admission_quota, two_digits)}"
            f" đảng viên, bổ sung vào danh sách nguồn ít nhất {fmt_count(planned.source_quota, two_digits)}"
            f" quần chúng ưu tú (theo Kế hoạch phát triển đảng viên năm {next_year} của Đảng ủy)."
        )
    trained = planned.trained_waiting if planned is not None else 0
    if trained:
        out.append(
            f"Tập trung bồi dưỡng, hoàn thiện hồ sơ đề nghị kết nạp {fmt_count(trained, two_digits)} quần chúng đã"
            " học lớp bồi dưỡng nhận thức về Đảng; thường xuyên theo dõi, giúp đỡ quần chúng trong danh sách nguồn."
        )
    elif br.candidates:
        out.append("Cử quần chúng ưu tú trong danh sách nguồn đi học lớp bồi dưỡng nhận thức về Đảng.")
    else:
        out.append("Chủ động phát hiện, lựa chọn quần chúng ưu tú đưa vào danh sách nguồn ngay từ đầu năm.")
    if br.overdue_probation:
        names = prose.join_vi([f"đồng chí {p.name}" for p in sort_names(br.overdue_probation, key=lambda p: p.name)])
        out.append(f"Khẩn trương xét, đề nghị công nhận đảng viên chính thức đối với {names}.")
    return out


def _branch(report: Report, br: BranchReport, two_digits: bool) -> dict[str, Any]:
    ctx = common_context(report, two_digits)
    info, by = br.info, br.year
    ctx["header"]["superior"] = ward_party_caps(report.ward)
    ctx["header"]["issuer"] = upper(info.name)
    ctx["header"]["number"] = f"Số{NUMBER_BLANK}-BC/{BRANCH_CODE}"
    ctx["issuer_name"] = nfc(info.name)
    ctx["signature"] = {"authority": "T/M CHI BỘ", "position": "BÍ THƯ", "name": nfc(info.secretary)}
    ctx["recipients"] = recipient_lines([f"{committee_in_sentence(report.ward)} (để báo cáo)", "Lưu Chi bộ"])
    ctx["title"] = {
        "type": "BÁO CÁO",
        "summary": f"kết quả công tác tạo nguồn, kết nạp đảng viên năm {report.year}",
    }
    ctx["branch"] = {
        "name": nfc(info.name),
        "kind": info.kind,
        "secretary": nfc(info.secretary),
        "members": opt_int(by.members_start),
    }
    ctx["intro"] = f"{nfc(info.name)} báo cáo kết quả công tác tạo nguồn, kết nạp đảng viên năm {report.year} như sau:"
    ctx["admission_paragraphs"] = [prose.branch_admissions(by, two_digits), prose.branch_sources(by, two_digits)]
    ctx["admitted_rows"] = _people_rows(br.admitted)
    ctx["no_admitted_text"] = f"Năm {report.year}, Chi bộ không kết nạp đảng viên nào."
    ctx["candidate_rows"] = _people_rows(br.candidates)
    ctx["no_candidates_text"] = (
        f"Đến {date_words(year_end(report.year))}, Chi bộ không còn quần chúng nào trong danh sách nguồn."
    )
    ctx["candidates_heading"] = f"Quần chúng ưu tú trong danh sách nguồn (đến ngày {fmt_date(year_end(report.year))})"
    history = sorted(br.history, key=lambda h: h.year)
    ctx["history_rows"] = [
        {
            "year": str(h.year),
            "quota": opt_int(h.quota),
            "admissions": fmt_int(h.admissions),
            "share": fmt_pct(h.quota_share),
            "added": fmt_int(h.candidates_added),
            "trained": fmt_int(h.candidates_trained),
            "year_end": fmt_int(h.candidates_at_year_end),
        }
        for h in history
    ]
    quotas = [h.quota for h in history if h.quota is not None]
    quota_sum = sum(quotas) if quotas else None
    admitted = sum(h.admissions for h in history)
    ctx["history_total"] = {
        "quota": opt_int(quota_sum),
        "admissions": fmt_int(admitted),
        "share": fmt_pct(rate_where_quota(history)),
        "added": fmt_int(sum(h.candidates_added for h in history)),
        "trained": fmt_int(sum(h.candidates_trained for h in history)),
    }
    ctx["term_label"] = report.term.label
    ctx["direction_paragraphs"] = bullets(_branch_directions(report, br, two_digits))
    planned = None if report.plan is None else next((b for b in report.plan.branches if b.branch == info.name), None)
    waiting = planned.trained_waiting if planned is not None else 0
    ctx["strength_paragraphs"] = bullets(prose.branch_strengths(br, waiting, two_digits))
    ctx["cause_paragraphs"] = bullets(prose.branch_causes(br, waiting, two_digits))
    shortfalls = prose.branch_shortfalls(br, two_digits)
    ctx["shortfall_paragraphs"] = bullets(shortfalls) or [
        f"Năm {report.year}, Chi bộ hoàn thành các chỉ tiêu được giao; cần tiếp tục nâng cao chất lượng"
        " nguồn, quan tâm bồi dưỡng quần chúng ưu tú đủ tiêu chuẩn để xem xét kết nạp."
    ]
    return ctx
