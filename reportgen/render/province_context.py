"""The template variables of the province report, from a `ProvinceReport`.

Like the ward documents: every value is a finished string; the province's figures are
all in `stats.province` and only formatted and worded here.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from reportgen.render.context import committee_in_sentence, recipient_lines, structure_rows
from reportgen.render.linefit import date_line_fit
from reportgen.render.vietnamese import date_line, fmt_count, fmt_int, fmt_pct, sort_texts
from reportgen.render.wording import join_vi
from reportgen.stats.province import ProvinceReport, WardLine

NUMBER_BLANK = "     "  # the document number is filled in by hand


def _nfc(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def ward_name(line: WardLine) -> str:
    """ "ĐẢNG ỦY PHƯỜNG PHỔ HÒA" -> "Đảng bộ phường Phổ Hòa"."""
    return committee_in_sentence(line.info, "Đảng bộ")


def _yes_no(value: bool | None) -> str:
    return "–" if value is None else ("Đạt" if value else "Chưa đạt")


def _quota_basis(report: ProvinceReport) -> str:
    """Which quota the report sets each ward against: the superior's (the province's `Chỉ tiêu`
    row for the ward), else the ward's own `Toàn Đảng bộ` row; a ward whose own figure differs
    from the superior's is named with both, since its own report gives a rate on its own."""
    given = [w for w in report.wards if w.year.ward_quota is not None]
    if not given:
        return ""
    upper = [w for w in given if w.quota_from_province]
    own = sort_texts([w for w in given if not w.quota_from_province], key=ward_name)
    if upper:
        text = f"Chỉ tiêu kết nạp của các đảng bộ nêu trong báo cáo là chỉ tiêu cấp trên giao năm {report.year}"
        if own:
            text += (
                "; "
                + join_vi([ward_name(w) for w in own])
                + " chưa có chỉ tiêu ở sổ theo dõi của cấp trên nên lấy theo chỉ tiêu đảng bộ báo cáo"
            )
    else:
        text = f"Chỉ tiêu kết nạp của các đảng bộ lấy theo chỉ tiêu năm {report.year} các đảng bộ báo cáo"
    differ = sort_texts(
        [w for w in upper if w.own_quota is not None and w.own_quota != w.year.ward_quota], key=ward_name
    )
    if differ:
        text += "; " + "; ".join(
            [
                f"{ward_name(w)} báo cáo chỉ tiêu {fmt_int(w.own_quota)}, khác chỉ tiêu cấp trên giao"
                f" ({fmt_int(w.year.ward_quota)})"
                for w in differ
            ]
        )
    return text + "."


def _ward_row(stt: int, line: WardLine) -> dict[str, str]:
    y = line.year
    return {
        "stt": str(stt),
        "name": ward_name(line),
        "members": fmt_int(y.members_start) if y.members_start is not None else "–",
        "quota": fmt_int(y.ward_quota) if y.ward_quota is not None else "–",
        "admissions": fmt_int(y.admissions),
        "quota_share": fmt_pct(y.quota_share),
        "member_share": fmt_pct(y.member_share),
        "member_target": _yes_no(y.met_member_target),
    }


def _names(items: list[str]) -> str:
    return ", ".join(items)


def province_context(report: ProvinceReport, two_digits: bool = True) -> dict[str, Any]:
    info, t = report.info, report.total
    count = len(report.wards)
    ctx: dict[str, Any] = {
        "year": str(report.year),
        "header": {
            "superior": _nfc(info.superior).upper(),
            "issuer": _nfc(info.committee).upper(),
            "number": f"Số{NUMBER_BLANK}-BC/{_nfc(info.code) or 'ĐU'}",
            "date_line": date_line_fit(date_line(info.place, report.issued)),
        },
        "title": {
            "type": "BÁO CÁO",
            "summary": f"tổng hợp kết quả công tác kết nạp đảng viên năm {report.year} của các đảng bộ trực thuộc",
        },
        "signature": {
            "authority": _nfc(info.signer_authority).upper(),
            "position": _nfc(info.signer_position).upper(),
            "name": _nfc(info.signer_name),
        },
        "recipients": recipient_lines(info.recipients),
    }
    ctx["intro"] = (
        f"Căn cứ kết quả theo dõi của {fmt_count(count, two_digits)} đảng bộ trực thuộc, xin báo cáo tổng hợp"
        f" kết quả công tác kết nạp đảng viên năm {report.year} như sau:"
    )
    total = [
        f"Năm {report.year}, các đảng bộ trực thuộc kết nạp {fmt_count(t.admissions, two_digits)} đảng viên"
        + (
            f", đạt {fmt_pct(t.quota_share)} chỉ tiêu ({fmt_int(t.ward_quota)} đảng viên)"
            if t.quota_share is not None
            else ""
        )
        + (
            f"; bằng {fmt_pct(t.member_share)} số đảng viên đầu năm ({fmt_int(t.members_start)} đảng viên),"
            f" {'đạt' if t.met_member_target else 'chưa đạt'} mục tiêu"
            f" {fmt_pct(t.member_target_rate, trim=True)}"
            if t.member_share is not None
            else ""
        )
        + ".",
        f"Có {fmt_count(t.branches_with_admission, two_digits)}/{fmt_count(t.branches_total, two_digits)} chi bộ"
        f" kết nạp được đảng viên trong năm; {fmt_count(t.branches_met_quota, two_digits)}/"
        f"{fmt_count(t.branches_with_quota, two_digits)} chi bộ được giao chỉ tiêu đạt chỉ tiêu.",
    ]
    basis = _quota_basis(report)
    if basis:
        total.append(basis)
    ctx["total_paragraphs"] = total
    ordered = sort_texts(report.wards, key=ward_name)
    ctx["ward_rows"] = [_ward_row(i, w) for i, w in enumerate(ordered, start=1)]
    ctx["ward_total"] = {
        "members": fmt_int(t.members_start) if t.members_start is not None else "–",
        "quota": fmt_int(t.ward_quota) if t.ward_quota is not None else "–",
        "admissions": fmt_int(t.admissions),
        "quota_share": fmt_pct(t.quota_share),
        "member_share": fmt_pct(t.member_share),
        "member_target": _yes_no(t.met_member_target),
    }
    ctx["structure_rows"] = structure_rows(report.structure, with_prev=False)
    shortfalls = []
    below = sort_texts(report.wards_below_quota, key=ward_name)
    if below:
        shortfalls.append(
            f"- {fmt_count(len(below), two_digits)} đảng bộ chưa đạt chỉ tiêu kết nạp: "
            + _names([f"{ward_name(w)} ({fmt_int(w.year.admissions)}/{fmt_int(w.year.ward_quota)})" for w in below])
            + "."
        )
    short = sort_texts(report.wards_below_member_target, key=ward_name)
    if short:
        shortfalls.append(
            f"- {fmt_count(len(short), two_digits)} đảng bộ kết nạp chưa đạt"
            f" {fmt_pct(t.member_target_rate, trim=True)} số đảng viên đầu năm: "
            + _names([f"{ward_name(w)} ({fmt_pct(w.year.member_share)})" for w in short])
            + "."
        )
    branches = report.branches_below_quota
    if branches:
        shortfalls.append(
            f"- {fmt_count(len(branches), two_digits)} chi bộ chưa đạt chỉ tiêu kết nạp: "
            + _names([f"{s.branch} ({ward_name(w)}, {fmt_int(s.admissions)}/{fmt_int(s.quota)})" for w, s in branches])
            + "."
        )
    ctx["shortfall_paragraphs"] = shortfalls or [
        "- Các đảng bộ trực thuộc và các chi bộ được giao chỉ tiêu đều đạt chỉ tiêu kết nạp đảng viên."
    ]
    return ctx
