"""Pieces every document's context shares: the header and signature, recipients, the
committee's name in a sentence, the structure table, chart captions, the causes.

Context modules only place and word figures: every judgement (below quota, short of
3%) is a predicate of `stats.model`, every number is formatted by `vietnamese.py`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from reportgen.render import charts as charts_module, prose
from reportgen.render.linefit import date_line_fit, header_line
from reportgen.render.vietnamese import (
    date_line,
    fmt_count,
    fmt_date,
    fmt_decimal,
    fmt_int,
    fmt_pct,
    sort_names,
    sort_texts,
)
from reportgen.stats.model import BranchYear, Report, Structure, TermSummary, WardInfo

NUMBER_BLANK = "     "  # the document number is filled in by hand


BRANCH_CODE = "CB"


_UNIT_RE = re.compile(r"^ĐẢNG\s+(?:ỦY|UỶ|UY)\s+(PHƯỜNG|XÃ|THỊ TRẤN|ĐẶC KHU)\s+(.+)$")


def nfc(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def upper(text: str) -> str:
    return nfc(text).upper()


def _title_words(text: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in text.split())


def committee_in_sentence(ward: WardInfo, noun: str = "Đảng ủy") -> str:
    """ "ĐẢNG ỦY PHƯỜNG PHỔ HÒA" -> "Đảng ủy phường Phổ Hòa" (noun "Đảng bộ" -> "Đảng bộ phường ...")."""
    m = _UNIT_RE.match(upper(ward.committee))
    if not m:
        written = nfc(ward.committee)
        if written and written != written.upper():
            return written
        return noun
    unit, rest = m.group(1).lower(), m.group(2)
    place = nfc(ward.place)
    name = place if place and place.upper() == rest else _title_words(rest)
    return f"{noun} {unit} {name}"


def ward_party_caps(ward: WardInfo) -> str:
    """ "ĐẢNG ỦY PHƯỜNG PHỔ HÒA" -> "ĐẢNG BỘ PHƯỜNG PHỔ HÒA": the superior line of a branch."""
    caps = upper(ward.committee)
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
        {"picture": picture, "caption": f"Biểu đồ {i}. {caption}{picture.note}"}
        for i, (picture, caption) in enumerate(drawn, start=1)
    ]


NOTHING_SHORT = (
    "Các chỉ tiêu về số lượng đều đạt; tuy vậy chất lượng nguồn ở một số chi bộ chưa đồng đều, cần tiếp tục"
    " quan tâm phát hiện, bồi dưỡng quần chúng ưu tú đủ tiêu chuẩn để xem xét kết nạp."
)


def bullets(paragraphs: Sequence[str]) -> list[str]:
    return [f"- {p}" for p in paragraphs if p]


def unit_word(ward: WardInfo) -> str:
    """ "phường", "xã", "thị trấn", "đặc khu" from the committee's name; "" when it does not say."""
    m = _UNIT_RE.match(upper(ward.committee))
    return m.group(1).lower() if m else ""


def common_context(report: Report, two_digits: bool, doc_code: str = "BC") -> dict[str, Any]:
    ward = report.ward
    return {
        "year": str(report.year),
        "next_year": str(report.year + 1),
        "header": {
            "superior": header_line(nfc(ward.superior), bold=False),
            "issuer": header_line(nfc(ward.committee)),
            "number": f"Số{NUMBER_BLANK}-{doc_code}/{nfc(ward.code) or 'ĐU'}",
            "date_line": date_line_fit(date_line(ward.place, report.issued)),
        },
        "issuer_name": committee_in_sentence(ward),
        "signature": {
            "authority": upper(ward.signer_authority),
            "position": upper(ward.signer_position),
            "name": nfc(ward.signer_name),
        },
        "recipients": recipient_lines(ward.recipients),
    }


def opt_int(n: int | None) -> str:
    return fmt_int(n) if n is not None else "–"


def structure_rows(
    structure: Structure, kinds: Structure | None = None, with_prev: bool = True
) -> list[dict[str, Any]]:
    """Rows of the structure table: group titles, figures, the mean age after the ages. A row with nobody
    (in either year compared) is left out, so that the table fits a page; the group keeps its title."""
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
        shown = [r for r in grows if r.key == "total" or r.count or (with_prev and r.prev_count)]
        if not shown:
            return
        if len(grows) > 1 and not any(r.label == name for r in grows):  # "Tổng số" needs no title
            rows.append(group_row(name))
        for r in shown:
            rows.append(
                {
                    "is_group": False,
                    "label": r.label,
                    "count": fmt_int(r.count),
                    "share": fmt_pct(r.share),
                    "prev_count": opt_int(r.prev_count) if with_prev else "",
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


def branch_year_row(stt: int, by: BranchYear) -> dict[str, str]:
    return {
        "stt": str(stt),
        "name": by.branch,
        "kind": by.kind,
        "quota": opt_int(by.quota_counted),  # none given (no row, or 0): "–", as its rate
        "admissions": fmt_int(by.admissions),
        "share": fmt_pct(by.quota_share),
        "source_quota": opt_int(by.source_quota),
        "added": fmt_int(by.candidates_added),
        "trained": fmt_int(by.candidates_trained),
        "year_end": fmt_int(by.candidates_at_year_end),
        "left": fmt_int(by.candidates_left),
    }


def term_year_label(year: int, term: TermSummary) -> str:
    """`2021`, or `2020 (từ 15/07)` / `2025 (đến 14/07)` for a year the term covers in part."""
    if year == term.start.year and (term.start.month, term.start.day) != (1, 1):
        return f"{year} (từ {term.start.strftime('%d/%m')})"
    if year == term.end.year and (term.end.month, term.end.day) != (12, 31):
        return f"{year} (đến {term.end.strftime('%d/%m')})"
    return str(year)


def left_rows(left: Sequence[Any]) -> list[dict[str, str]]:
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


def causes(
    report: Report,
    two_digits: bool,
    *,
    weak: set[str],
    branches: Sequence[Any],
    left_trained: int,
    period: str,
    youth_low: bool,
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
    if youth_low and "Đoàn Thanh niên" not in weak_orgs:
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


def cause_blocks(objective: Sequence[str], subjective: Sequence[str]) -> list[dict[str, Any]]:
    """ "a) Nguyên nhân khách quan", "b) Nguyên nhân chủ quan", lettered in order; an empty one is left out."""
    blocks = [
        (title, list(items))
        for title, items in (("Nguyên nhân khách quan", objective), ("Nguyên nhân chủ quan", subjective))
        if items
    ]
    return [
        {"title": f"{'abcdef'[i]}) {title}", "paragraphs": bullets(items)} for i, (title, items) in enumerate(blocks)
    ]


def annex_context(report: Report, left: Sequence[Any], period: str) -> dict[str, Any]:
    """The internal annex (Phụ lục, lưu hành nội bộ): the persons the body only counts."""
    overdue = sort_names(report.shortfalls.overdue_probation, key=lambda p: p.name)
    counted_to = next((p.counted_to for p in overdue if p.counted_to is not None), None)
    ceremonies = all(p.probation_start != p.admitted for p in overdue)
    return {
        "annex": bool(overdue or left),
        "annex_columns": {
            # the months are counted to a stated date (the end of the report year), not the document's
            "start": "Ngày lễ kết nạp" if ceremonies else "Ngày bắt đầu dự bị",
            "months": f"Số tháng dự bị (đến {fmt_date(counted_to)})" if counted_to else "Số tháng dự bị",
        },
        "annex_overdue_rows": [
            {
                "stt": str(i),
                "name": p.name,
                "birth": fmt_date(p.birth),
                "branch": p.branch,
                "start": fmt_date(p.probation_start),
                "months": fmt_int(p.months),
            }
            for i, p in enumerate(overdue, start=1)
        ],
        "annex_left_rows": left_rows(left),
        "annex_left_caption": f"Quần chúng ra khỏi danh sách nguồn, {period}",
    }


def finish(ctx: dict[str, Any]) -> dict[str, Any]:
    """The prose rules applied to every paragraph: no line may start with "- " unless a bullet."""
    from reportgen.render.wording import tie_hyphens

    for key, value in list(ctx.items()):
        if key == "intro" and isinstance(value, str):
            ctx[key] = tie_hyphens(value)
        elif key.endswith("_paragraphs") and isinstance(value, list):
            ctx[key] = [tie_hyphens(p) if isinstance(p, str) else p for p in value]
        elif key == "cause_blocks":
            for block in value:
                block["paragraphs"] = [tie_hyphens(p) for p in block["paragraphs"]]
    return ctx
