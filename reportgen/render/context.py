"""The template variables of each document, built from the figures of a Report.

Templates never compute: every value here is a finished string (formatted by
`vietnamese.py`, worded by `prose.py`) or a small list of dicts of strings (table rows,
paragraphs). Only sums of figures that the model already holds are added here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date
from typing import Any

from reportgen.render import charts as charts_module
from reportgen.render import prose
from reportgen.render.plan_context import PLAN_CODE, plan_context, plan_recipients
from reportgen.render.vietnamese import (
    date_line,
    date_words,
    fmt_count,
    fmt_date,
    fmt_decimal,
    fmt_int,
    fmt_pct,
    sort_names,
    sort_texts,
)
from reportgen.stats.model import (
    BranchReport,
    BranchYear,
    Report,
    Structure,
    TermSummary,
    WardInfo,
    share,
)

KIND_ANNUAL = "bao-cao"
KIND_TERM = "tong-ket-nhiem-ky"
KIND_BRANCH = "chi-bo"
KIND_PLAN = "ke-hoach"
KINDS = (KIND_ANNUAL, KIND_TERM, KIND_BRANCH, KIND_PLAN)

NUMBER_BLANK = "     "  # the document number is filled in by hand
BRANCH_CODE = "CB"
_UNIT_RE = re.compile(r"^ĐẢNG\s+(?:ỦY|UỶ|UY)\s+(PHƯỜNG|XÃ|THỊ TRẤN|ĐẶC KHU)\s+(.+)$")


def _nfc(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def _upper(text: str) -> str:
    return _nfc(text).upper()


def _title_words(text: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in text.split())


def committee_in_sentence(ward: WardInfo, noun: str = "Đảng ủy") -> str:
    """ "ĐẢNG ỦY PHƯỜNG PHỔ HÒA" -> "Đảng ủy phường Phổ Hòa" (noun "Đảng bộ" -> "Đảng bộ phường ...")."""
    m = _UNIT_RE.match(_upper(ward.committee))
    if not m:
        written = _nfc(ward.committee)
        if written and written != written.upper():
            return written
        return noun
    unit, rest = m.group(1).lower(), m.group(2)
    place = _nfc(ward.place)
    name = place if place and place.upper() == rest else _title_words(rest)
    return f"{noun} {unit} {name}"


def ward_party_caps(ward: WardInfo) -> str:
    """ "ĐẢNG ỦY PHƯỜNG PHỔ HÒA" -> "ĐẢNG BỘ PHƯỜNG PHỔ HÒA": the superior line of a branch."""
    caps = _upper(ward.committee)
    return re.sub(r"^ĐẢNG\s+(?:ỦY|UỶ|UY)\b", "ĐẢNG BỘ", caps)


def recipient_lines(recipients: Sequence[str]) -> list[str]:
    """ "- X," for each recipient, the last ending with "."."""
    cleaned = [r.strip().lstrip("-–•").strip().rstrip(",.;").strip() for r in recipients]
    cleaned = [r for r in cleaned if r]
    if not cleaned:
        cleaned = ["Lưu Văn phòng Đảng ủy"]
    return [f"- {r}," for r in cleaned[:-1]] + [f"- {cleaned[-1]}."]


def chart_items(items: Sequence[tuple[charts_module.Picture | None, str]]) -> list[dict[str, Any]]:
    """The charts that could be drawn, numbered "Biểu đồ 1.", "Biểu đồ 2." in order."""
    drawn = [(picture, caption) for picture, caption in items if picture is not None]
    return [
        {"picture": picture, "caption": f"Biểu đồ {i}. {caption}"}
        for i, (picture, caption) in enumerate(drawn, start=1)
    ]


NOTHING_SHORT = (
    "Các chỉ tiêu về số lượng đều đạt; tuy vậy chất lượng nguồn ở một số chi bộ chưa đồng đều, cần tiếp tục"
    " quan tâm phát hiện, bồi dưỡng quần chúng ưu tú đủ tiêu chuẩn để xem xét kết nạp."
)


def _bullets(paragraphs: Sequence[str]) -> list[str]:
    return [f"- {p}" for p in paragraphs if p]


def unit_word(ward: WardInfo) -> str:
    """ "phường", "xã", "thị trấn", "đặc khu" from the committee's name; "" when it does not say."""
    m = _UNIT_RE.match(_upper(ward.committee))
    return m.group(1).lower() if m else ""


def _common(report: Report, two_digits: bool, doc_code: str = "BC") -> dict[str, Any]:
    ward = report.ward
    return {
        "year": str(report.year),
        "next_year": str(report.year + 1),
        "header": {
            "superior": _upper(ward.superior),
            "issuer": _upper(ward.committee),
            "number": f"Số{NUMBER_BLANK}-{doc_code}/{_nfc(ward.code) or 'ĐU'}",
            "date_line": date_line(ward.place, report.issued),
        },
        "issuer_name": committee_in_sentence(ward),
        "signature": {
            "authority": _upper(ward.signer_authority),
            "position": _upper(ward.signer_position),
            "name": _nfc(ward.signer_name),
        },
        "recipients": recipient_lines(ward.recipients),
    }


# --- tables ----------------------------------------------------------------------


def _opt_int(n: int | None) -> str:
    return fmt_int(n) if n is not None else "–"


def structure_rows(
    structure: Structure, kinds: Structure | None = None, with_prev: bool = True
) -> list[dict[str, Any]]:
    """Rows of the structure table: group titles, figures, the mean age after the ages."""
    rows: list[dict[str, Any]] = []

    def group_row(label: str) -> dict[str, Any]:
        return {"is_group": True, "label": label, "count": "", "share": "", "prev_count": "", "prev_share": ""}

    def mean_age_row() -> dict[str, Any]:
        return {
            "is_group": False,
            "label": "Tuổi bình quân khi kết nạp",
            "count": fmt_decimal(structure.mean_age, 1),
            "share": "",
            "prev_count": fmt_decimal(structure.prev_mean_age, 1) if with_prev else "",
            "prev_share": "",
        }

    def add_group(name: str, grows: Sequence[Any]) -> None:
        if len(grows) > 1 and not any(r.label == name for r in grows):  # "Tổng số" needs no title
            rows.append(group_row(name))
        for r in grows:
            rows.append(
                {
                    "is_group": False,
                    "label": r.label,
                    "count": fmt_int(r.count),
                    "share": fmt_pct(r.share),
                    "prev_count": _opt_int(r.prev_count) if with_prev else "",
                    "prev_share": fmt_pct(r.prev_share) if with_prev else "",
                }
            )

    mean_placed = structure.mean_age is None and structure.prev_mean_age is None
    for name, grows in structure.groups():
        add_group(name, grows)
        if not mean_placed and any(r.key.startswith("age_") for r in grows):
            rows.append(mean_age_row())
            mean_placed = True
    if not mean_placed:
        rows.append(mean_age_row())
    if kinds is not None:
        for name, grows in kinds.groups():
            add_group(name, grows)
    return rows


def _branch_year_row(stt: int, by: BranchYear) -> dict[str, str]:
    return {
        "stt": str(stt),
        "name": by.branch,
        "kind": by.kind,
        "quota": _opt_int(by.quota),
        "admissions": fmt_int(by.admissions),
        "share": fmt_pct(by.quota_share),
        "source_quota": _opt_int(by.source_quota),
        "added": fmt_int(by.candidates_added),
        "trained": fmt_int(by.candidates_trained),
        "year_end": fmt_int(by.candidates_at_year_end),
        "left": fmt_int(by.candidates_left),
    }


# --- the annual report -------------------------------------------------------------


def _annual(report: Report, two_digits: bool, with_charts: bool = True) -> dict[str, Any]:
    wy, prev, sf = report.ward_year, report.ward_prev_year, report.shortfalls
    ctx = _common(report, two_digits)
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
    ctx["structure_paragraphs"] = _bullets(structure_text + ([kinds_text] if kinds_text else [])) or [
        f"Năm {report.year} không có đảng viên mới kết nạp."
    ]

    branch_years = sort_texts(report.branch_years, key=lambda b: b.branch)
    ctx["branch_rows"] = [_branch_year_row(i, by) for i, by in enumerate(branch_years, start=1)]
    ctx["branch_total"] = {
        "quota": fmt_int(wy.branch_quota_sum),
        "admissions": fmt_int(wy.admissions),
        "share": fmt_pct(_rate_where_quota(report.branch_years)),
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
    ctx["shortfall_paragraphs"] = _bullets(
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
    ctx["cause_paragraphs"] = _bullets(_year_causes(report, two_digits))
    ctx["direction_paragraphs"] = _bullets(_annual_directions(report, two_digits))
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


# --- the term review -------------------------------------------------------------


def _term(report: Report, two_digits: bool, with_charts: bool = True) -> dict[str, Any]:
    term, ward, sf = report.term, report.ward, report.shortfalls
    ctx = _common(report, two_digits)
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
    ctx["admission_paragraphs"] = [prose.term_admissions(term, two_digits), prose.term_sources(term, two_digits)]
    structure_text = prose.structure_sentences(term.structure, two_digits)
    kinds_text = prose.kind_sentence(report.term_kind_structure, two_digits)
    ctx["structure_paragraphs"] = _bullets(structure_text + ([kinds_text] if kinds_text else [])) or [
        "Trong nhiệm kỳ chưa có đảng viên mới kết nạp."
    ]
    ctx["structure_rows"] = structure_rows(term.structure, report.term_kind_structure, with_prev=False)

    ctx["year_rows"] = [
        {
            "year": _term_year_label(y.year, term),
            "quota": _opt_int(y.ward_quota),
            "admissions": fmt_int(y.admissions),
            "share": fmt_pct(y.quota_share),
            "members": _opt_int(y.members_start),
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
        "quota": _opt_int(term.ward_quota_sum),
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
            "quota": _opt_int(b.quota),
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
        "quota": _opt_int(quota_sum),
        "admissions": fmt_int(admitted),
        "share": fmt_pct(_rate_where_quota(term.branches)),
        "added": fmt_int(sum(b.candidates_added for b in term.branches)),
        "left": fmt_int(sum(b.candidates_left for b in term.branches)),
    }
    period = "Trong nhiệm kỳ" if term.complete else "Từ đầu nhiệm kỳ đến nay"
    below = [b for b in term.branches if b.quota and b.admissions < b.quota]
    ctx["shortfall_paragraphs"] = _bullets(
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
    ctx["left_rows"] = _left_rows(term.left)
    ctx["cause_paragraphs"] = _bullets(_term_causes(report, two_digits))
    ctx["aim_paragraphs"] = _bullets(_term_aims(report, two_digits))
    return ctx


def _rate_where_quota(rows: Sequence[Any]) -> float | None:
    """Admissions against quotas, over the rows that have a quota (a row without one would
    otherwise count its admissions against nothing)."""
    with_quota = [r for r in rows if r.quota]  # a quota of 0 means none was given
    return share(sum(r.admissions for r in with_quota), sum(r.quota for r in with_quota))


def _term_year_label(year: int, term: TermSummary) -> str:
    """`2021`, or `2020 (từ 15/07)` / `2025 (đến 14/07)` for a year the term covers in part."""
    if year == term.start.year and (term.start.month, term.start.day) != (1, 1):
        return f"{year} (từ {term.start.strftime('%d/%m')})"
    if year == term.end.year and (term.end.month, term.end.day) != (12, 31):
        return f"{year} (đến {term.end.strftime('%d/%m')})"
    return str(year)


def _left_rows(left: Sequence[Any]) -> list[dict[str, str]]:
    people = sort_names(left, key=lambda c: c.name)
    return [
        {
            "stt": str(i),
            "name": c.name,
            "birth": fmt_date(c.birth),
            "branch": c.branch,
            "status": c.status,
            "date": fmt_date(c.date),
            "trained": "x" if c.trained else "",
        }
        for i, c in enumerate(people, start=1)
    ]


def _causes(
    report: Report, two_digits: bool, *, weak: set[str], branches: Sequence[Any], left_trained: int, period: str,
    youth_share: float | None,
) -> list[str]:
    """The causes a clerk gives for the shortfalls the figures show; none when all is met."""
    sf = report.shortfalls
    out = []
    if weak:
        kinds = sort_texts({b.kind.lower() if b.kind != "Khác" else "khác" for b in branches if b.branch in weak})
        which = f", nhất là chi bộ {prose.join_vi(kinds)}," if len(kinds) <= 2 else ""
        out.append(
            f"Một số chi bộ{which} chưa quan tâm đúng mức đến công tác tạo"
            " nguồn, chưa phân công đảng viên theo dõi, giúp đỡ quần chúng ưu tú; việc xây dựng kế hoạch"
            " phát triển đảng viên hằng năm còn chung chung."
        )
    if left_trained:
        out.append(
            "Việc theo dõi, quản lý, bồi dưỡng quần chúng ưu tú sau khi học lớp nhận thức về Đảng có nơi chưa"
            f" chặt chẽ; {period} có {fmt_count(left_trained, two_digits)} quần chúng đã học lớp"
            " phải đưa ra khỏi danh sách nguồn do chuyển đi nơi khác hoặc không còn đủ điều kiện."
        )
    weak_orgs = [o.organisation for o in sort_texts(sf.organisations_below_quota, key=lambda o: o.organisation)]
    if youth_share is not None and youth_share < 0.5 and "Đoàn Thanh niên" not in weak_orgs:
        weak_orgs.append("Đoàn Thanh niên")
    if weak_orgs:
        out.append(
            "Vai trò của Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội, nhất là"
            f" {prose.join_vi(weak_orgs)}, trong việc phát hiện, giới thiệu quần chúng ưu tú cho Đảng"
            " chưa được phát huy đầy đủ."
        )
    if sf.overdue_probation:
        out.append("Việc xét công nhận đảng viên chính thức ở một số chi bộ chưa kịp thời.")
    return out


def _youth_share(structure: Structure) -> float | None:
    youth = next((r for r in structure.rows if r.key == "youth_union"), None)
    return youth.share if youth is not None and structure.total else None


def _term_causes(report: Report, two_digits: bool) -> list[str]:
    term, sf = report.term, report.shortfalls
    below = {b.branch for b in term.branches if b.quota and b.admissions < b.quota}
    return _causes(
        report, two_digits, weak={s.branch for s in sf.no_admission_streaks} | below, branches=term.branches,
        left_trained=term.left_trained, period="trong nhiệm kỳ" if term.complete else "từ đầu nhiệm kỳ đến nay",
        youth_share=_youth_share(term.structure),
    )


def _year_causes(report: Report, two_digits: bool) -> list[str]:
    sf = report.shortfalls
    weak = {s.branch for s in sf.below_quota} | {s.branch for s in sf.no_admission_streaks}
    return _causes(
        report, two_digits, weak=weak, branches=report.branch_years, left_trained=sf.left_in_year_trained,
        period="trong năm", youth_share=_youth_share(report.structure),
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
        out.append(
            "Quản lý chặt chẽ danh sách nguồn, hạn chế tình trạng quần chúng đã học lớp bồi dưỡng nhận thức"
            f" về Đảng phải đưa ra khỏi danh sách ({'nhiệm kỳ ' + term.label if term.complete else 'từ đầu nhiệm kỳ đến nay'}:"
            f" {fmt_count(term.left_trained, two_digits)} quần chúng)."
        )
    return out


# --- one branch ------------------------------------------------------------------


def _people_rows(people: Sequence[Any]) -> list[dict[str, str]]:
    return [
        {"stt": str(i), "name": p.name, "birth": fmt_date(p.birth), "when": fmt_date(p.when), "detail": p.detail}
        for i, p in enumerate(sort_names(people, key=lambda p: p.name), start=1)
    ]


def _branch_directions(report: Report, br: BranchReport, two_digits: bool) -> list[str]:
    """Next year's aims of the branch: the quotas the ward's plan gives it, then its own gaps."""
    next_year = report.year + 1
    out = []
    planned = None if report.plan is None else next(
        (b for b in report.plan.branches if b.branch == br.info.name), None)
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
    ctx = _common(report, two_digits)
    info, by = br.info, br.year
    ctx["header"]["superior"] = ward_party_caps(report.ward)
    ctx["header"]["issuer"] = _upper(info.name)
    ctx["header"]["number"] = f"Số{NUMBER_BLANK}-BC/{BRANCH_CODE}"
    ctx["issuer_name"] = _nfc(info.name)
    ctx["signature"] = {"authority": "T/M CHI BỘ", "position": "BÍ THƯ", "name": _nfc(info.secretary)}
    ctx["recipients"] = recipient_lines([f"{committee_in_sentence(report.ward)} (để báo cáo)", "Lưu Chi bộ"])
    ctx["title"] = {
        "type": "BÁO CÁO",
        "summary": f"kết quả công tác tạo nguồn, kết nạp đảng viên năm {report.year}",
    }
    ctx["branch"] = {
        "name": _nfc(info.name),
        "kind": info.kind,
        "secretary": _nfc(info.secretary),
        "members": _opt_int(by.members_start),
    }
    ctx["intro"] = f"{_nfc(info.name)} báo cáo kết quả công tác tạo nguồn, kết nạp đảng viên năm {report.year} như sau:"
    ctx["admission_paragraphs"] = [prose.branch_admissions(by, two_digits), prose.branch_sources(by, two_digits)]
    ctx["admitted_rows"] = _people_rows(br.admitted)
    ctx["no_admitted_text"] = f"Năm {report.year}, Chi bộ không kết nạp đảng viên nào."
    ctx["candidate_rows"] = _people_rows(br.candidates)
    ctx["no_candidates_text"] = (
        f"Đến {date_words(_year_end(report.year))}, Chi bộ không còn quần chúng nào trong danh sách nguồn."
    )
    ctx["candidates_heading"] = f"Quần chúng ưu tú trong danh sách nguồn (đến ngày {fmt_date(_year_end(report.year))})"
    history = sorted(br.history, key=lambda h: h.year)
    ctx["history_rows"] = [
        {
            "year": str(h.year),
            "quota": _opt_int(h.quota),
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
        "quota": _opt_int(quota_sum),
        "admissions": fmt_int(admitted),
        "share": fmt_pct(_rate_where_quota(history)),
        "added": fmt_int(sum(h.candidates_added for h in history)),
        "trained": fmt_int(sum(h.candidates_trained for h in history)),
    }
    ctx["term_label"] = report.term.label
    ctx["direction_paragraphs"] = _bullets(_branch_directions(report, br, two_digits))
    shortfalls = prose.branch_shortfalls(br, two_digits)
    ctx["shortfall_paragraphs"] = _bullets(shortfalls) or [
        f"Năm {report.year}, Chi bộ hoàn thành các chỉ tiêu được giao; cần tiếp tục nâng cao chất lượng"
        " nguồn, quan tâm bồi dưỡng quần chúng ưu tú đủ tiêu chuẩn để xem xét kết nạp."
    ]
    return ctx


# --- the plan for the next year ----------------------------------------------------


def _plan(report: Report, two_digits: bool) -> dict[str, Any]:
    ctx = _common(report, two_digits, doc_code=PLAN_CODE)
    unit = unit_word(report.ward)
    plan_context(report, ctx, unit, two_digits)
    ctx["recipients"] = recipient_lines(plan_recipients(report.ward, unit))
    return ctx


def _year_end(year: int) -> date:
    return date(year, 12, 31)


def build_context(
    report: Report,
    kind: str,
    branch: BranchReport | None = None,
    *,
    two_digits: bool = True,
    with_charts: bool = True,
) -> dict[str, Any]:
    """Template variables of one document: kind is "bao-cao", "tong-ket-nhiem-ky", "chi-bo" or "ke-hoach".

    two_digits: write small counts in prose as "01".."09" (the custom; a setting).
    with_charts: draw the charts (`charts` holds `charts.Picture` objects; without, it is empty).
    """
    if kind == KIND_ANNUAL:
        return _annual(report, two_digits, with_charts)
    if kind == KIND_TERM:
        return _term(report, two_digits, with_charts)
    if kind == KIND_BRANCH:
        if branch is None:
            raise ValueError("a branch report is needed for the kind 'chi-bo'")
        return _branch(report, branch, two_digits)
    if kind == KIND_PLAN:
        return _plan(report, two_digits)
    raise ValueError(f"unknown document kind {kind!r}; expected one of {', '.join(KINDS)}")
