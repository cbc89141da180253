"""One branch's report (chi-bo/<tên-chi-bộ>.docx): its year, its people, its history over
the term and the quotas the ward's plan gives it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportgen import rules, schema
from reportgen.dates import year_end
from reportgen.render import prose
from reportgen.render.context import sections
from reportgen.render.context.common import (
    BRANCH_CODE,
    NUMBER_BLANK,
    bullets,
    committee_in_sentence,
    common_context,
    nfc,
    opt_int,
    recipient_lines,
    ward_party_caps,
)
from reportgen.render.linefit import header_line
from reportgen.render.vietnamese import (
    date_words,
    fmt_count,
    fmt_date,
    fmt_int,
    fmt_pct,
    sort_names,
)
from reportgen.render.wording import branch_leaders, expiry_words, quota_result, valid_words, whole_term
from reportgen.stats.model import (
    BranchReport,
    LeftCandidate,
    Report,
    failure_years,
    is_no_admission_streak,
    quota_basis,
    years_without_quota,
)

CLASS = "lớp bồi dưỡng nhận thức về Đảng"
VALID = f"có giấy chứng nhận học {CLASS} còn giá trị"


def _n(count: int, unit: str, two_digits: bool) -> str:
    return f"{fmt_count(count, two_digits)} {unit}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Waiting:
    """A branch's trained candidates at the end of the report year, on the plan's basis: valid
    through the plan year (`waiting`), valid now but expiring in the plan year (`expiring`)."""

    plan_year: int
    waiting: int = 0
    expiring: int = 0
    expiries: tuple[date, ...] = ()
    expired: int = 0  # on the list, certificate no longer valid at the end of the report year

    @property
    def valid(self) -> int:
        """Certificates still valid at the end of the report year."""
        return self.waiting + self.expiring

    def expiry_words(self) -> str:
        """ "tháng 10/2026" for one month, else "trong năm 2026"."""
        return expiry_words(self.expiries, self.plan_year)


def waiting_of(report: Report, branch: str) -> Waiting:
    plan_year = report.year + 1
    planned = None if report.plan is None else next((b for b in report.plan.branches if b.branch == branch), None)
    if planned is None:
        return Waiting(plan_year)
    return Waiting(
        plan_year, planned.trained_waiting, planned.trained_expiring, planned.expiries, planned.trained_expired
    )


def _subject(br: BranchReport) -> str:
    """ "chi ủy" where the branch has one, else "Chi bộ" (a secretary, no committee)."""
    who = branch_leaders(br.year.has_committee)
    return "Chi bộ" if who == "chi bộ" else who


def strengths(br: BranchReport, waiting: Waiting, two_digits: bool = True) -> list[str]:
    """What the branch met or did. Its list of candidates is said once: with the valid certificates
    where it met its quota; where it fell short those candidates are the subjective cause
    (`causes`) and the list is given without them, so one fact is not both strength and cause."""
    by = br.year
    out: list[str] = []
    if by.met_quota and by.quota_counted is not None:
        if by.admissions > by.quota_counted:
            out.append(
                f"Vượt chỉ tiêu kết nạp được giao (kết nạp {_n(by.admissions, 'đảng viên', two_digits)},"
                f" chỉ tiêu {fmt_count(by.quota_counted, two_digits)})."
            )
        else:
            out.append(f"Hoàn thành chỉ tiêu kết nạp {_n(by.quota_counted, 'đảng viên', two_digits)} được giao.")
    elif by.admissions and by.met_quota is None:
        out.append(f"Kết nạp được {_n(by.admissions, 'đảng viên', two_digits)} trong năm.")
    if by.source_quota and by.candidates_added >= by.source_quota:
        out.append(
            f"Đạt chỉ tiêu tạo nguồn (bổ sung {_n(by.candidates_added, 'quần chúng', two_digits)} vào danh sách nguồn)."
        )
    if by.recognitions:
        out.append(f"Xét, đề nghị công nhận đảng viên chính thức cho {_n(by.recognitions, 'đồng chí', two_digits)}.")
    if by.candidates_at_year_end:
        on_list = _n(by.candidates_at_year_end, "quần chúng", two_digits)
        listed = f"Chi bộ duy trì theo dõi, bồi dưỡng {on_list} trong danh sách nguồn"
        if waiting.valid and by.met_quota is not False:
            listed += (
                f", trong đó {_n(waiting.valid, 'quần chúng', two_digits)} {VALID}, là nguồn để chi bộ xem xét"
                " đề nghị kết nạp"
            )
        out.append(listed + ".")
    if not out:
        out.append("Chi bộ duy trì theo dõi danh sách quần chúng ưu tú và báo cáo kết quả về Đảng ủy theo quy định.")
    return out


def _moved(br: BranchReport) -> tuple[LeftCandidate, ...]:
    return tuple(c for c in br.left_in_year if c.status == schema.STATUS_MOVED)


def moved_is_a_cause(br: BranchReport) -> bool:
    """Candidates who moved away explain a quota missed (an objective cause); otherwise they are
    a fact of the year's results, said there and only there."""
    by = br.year
    return bool(_moved(br)) and (by.met_quota is False or by.below_source_quota)


def causes(br: BranchReport, waiting: Waiting, two_digits: bool = True) -> list[str]:
    """The causes the branch's figures show: candidates who moved (objective); then one subjective
    cause naming who answers for it (`_subject`): valid certificates not put forward, nobody sent
    to the class, probations not reviewed in time."""
    by = br.year
    out: list[str] = []
    if moved_is_a_cause(br):
        out.append(
            f"Khách quan: {_n(len(_moved(br)), 'quần chúng', two_digits)} trong danh sách nguồn chuyển đi nơi khác."
        )
    parts = []
    if by.met_quota is False and waiting.valid:
        trained = _n(waiting.valid, "quần chúng", two_digits)
        part = f"chưa tích cực thẩm tra lý lịch, hoàn thiện hồ sơ đề nghị kết nạp {trained} {VALID}"
        if waiting.expiring:  # on the same basis ("còn giá trị"): those of them whose certificate runs out
            first = min(waiting.expiries).year - rules.CLASS_VALID_MONTHS // 12 if waiting.expiries else None
            said = [
                *([] if waiting.valid == 1 else [_n(waiting.expiring, "quần chúng", two_digits)]),
                *([] if first is None else [f"học lớp từ năm {first},"]),
                f"giấy chứng nhận hết hạn {waiting.expiry_words()}",
            ]
            part += f" ({' '.join(said)})"
        parts.append(part)
    short = by.met_quota is False and waiting.valid < (by.quota_counted or 0)  # too few ready to meet it
    # each limitation `shortfalls` lists has its cause here: the source quota missed, the expired certificates
    if by.below_source_quota or (short and not by.candidates_at_year_end):
        parts.append("chưa chủ động phát hiện, lựa chọn quần chúng ưu tú để bổ sung vào danh sách nguồn")
    elif short and by.candidates_trained == 0:
        parts.append(f"chưa kịp thời cử quần chúng ưu tú đi học {CLASS} (năm {by.year} không cử quần chúng nào)")
    if waiting.expired:
        parts.append("chưa kịp thời đề nghị cử quần chúng có giấy chứng nhận hết hạn đi học lại")
    if any(c.status != schema.STATUS_MOVED for c in br.left_in_year):  # removed from the list (`shortfalls`)
        parts.append("chưa thường xuyên theo dõi, giúp đỡ quần chúng trong danh sách nguồn")
    past = _past_failures(br)  # the years of the term `shortfalls` lists as missed: what their figures show
    if past:
        years = prose.years_text(tuple(h.year for h in past))
        if not any(h.candidates_trained for h in past):
            parts.append(f"chưa kịp thời cử quần chúng ưu tú đi học {CLASS} (năm {years} không cử quần chúng nào)")
        else:
            parts.append(f"chưa tích cực bồi dưỡng, đề nghị kết nạp quần chúng đã học {CLASS} (năm {years})")
    if br.overdue_probation:
        parts.append("chưa theo dõi chặt chẽ thời hạn dự bị để kịp thời xét, đề nghị công nhận đảng viên chính thức")
    if parts:
        out.append(f"Chủ quan: {_subject(br)} " + "; ".join(parts) + ".")
    return out


def _past_failures(br: BranchReport) -> list[Any]:
    """The earlier years of the term in which the branch missed its quota, as `shortfalls` lists them
    ("Trong nhiệm kỳ ..., Chi bộ không hoàn thành chỉ tiêu kết nạp các năm ..."), oldest first."""
    history = [h for h in br.history if not h.partial]
    if len(history) <= 1:
        return []
    streak = is_no_admission_streak(br.no_admission_years)
    said = set(br.no_admission_years) if streak else {br.year.year}
    failed = set(failure_years(history)) - said
    return [h for h in history if h.year in failed]


def left_sentence(items: tuple[LeftCandidate, ...], two_digits: bool = True) -> str:
    """ "Trong năm có 02 quần chúng ra khỏi danh sách nguồn (01 chuyển đi, 01 bị đưa ra khỏi danh
    sách), cả 02 quần chúng đều đã học lớp ...": one reason is said in the sentence itself ("Chi bộ
    phải đưa 02 quần chúng ra khỏi danh sách nguồn"), never twice; one person is not "tất cả";
    "" for nobody."""
    if not items:
        return ""
    kinds = {
        schema.STATUS_MOVED: "chuyển đi",
        schema.STATUS_REMOVED: "bị đưa ra khỏi danh sách",
    }
    counts: dict[str, int] = {}
    for c in items:
        label = kinds.get(c.status, "lý do khác")
        counts[label] = counts.get(label, 0) + 1
    n = len(items)
    who = _n(n, "quần chúng", two_digits)
    if len(counts) > 1:
        detail = ", ".join(_n(k, label, two_digits) for label, k in counts.items())
        text = f"Trong năm có {who} ra khỏi danh sách nguồn ({detail})"
    elif schema.STATUS_REMOVED in {c.status for c in items}:  # one reason: said once, no bracket
        text = f"Trong năm, Chi bộ phải đưa {who} ra khỏi danh sách nguồn"
    elif schema.STATUS_MOVED in {c.status for c in items}:
        text = f"Trong năm có {who} chuyển đi nơi khác, ra khỏi danh sách nguồn"
    else:
        text = f"Trong năm có {who} ra khỏi danh sách nguồn"
    trained = sum(1 for c in items if c.trained)
    if trained and trained == n == 1:
        text += f"; quần chúng này đã học {CLASS}"
    elif trained and trained == n:
        text += f", cả {fmt_count(n, two_digits)} quần chúng đều đã học {CLASS}"
    elif trained:
        text += f", trong đó {_n(trained, 'quần chúng', two_digits)} đã học {CLASS}"
    return text + "."


def _no_quota_note(years: Sequence[int]) -> str:
    return f" (năm {prose.years_text(tuple(years))} không giao chỉ tiêu kết nạp)" if years else ""


def shortfalls(br: BranchReport, term_label: str, waiting: Waiting | None = None, two_digits: bool = True) -> list[str]:
    """The branch's limitations in an office's words (never "0/01"): quotas missed, years without
    admission (a year without a quota is said as such, never counted as a failure), candidates
    removed from the list, probations overdue."""
    by = br.year
    out: list[str] = []
    if by.met_quota is False:
        quota = by.quota_counted or 0
        if by.admissions == 0:
            out.append(f"Không hoàn thành chỉ tiêu kết nạp {_n(quota, 'đảng viên', two_digits)} được giao.")
        else:
            out.append(
                "Chưa hoàn thành chỉ tiêu kết nạp được giao"
                f" ({quota_result(by.admissions, quota, 'kết nạp', 'đảng viên', two_digits)})."
            )
    history = [h for h in br.history if not h.partial]
    without_quota = years_without_quota(history)
    streak = is_no_admission_streak(br.no_admission_years)
    if streak and whole_term(br.no_admission_years, [h.year for h in history]) and len(history) > 1:
        out.append(f"Cả nhiệm kỳ {term_label}, Chi bộ không kết nạp được đảng viên nào.")
    elif streak:
        years = br.no_admission_years
        out.append(
            f"Chi bộ đã {_n(len(years), 'năm', two_digits)} liền ({prose.years_text(years)})"
            f" không kết nạp được đảng viên{_no_quota_note([y for y in years if y in without_quota])}."
        )
    if by.below_source_quota:
        if by.candidates_added == 0:
            out.append(
                "Không bổ sung được quần chúng nào vào danh sách nguồn"
                f" (chỉ tiêu {fmt_count(by.source_quota or 0, two_digits)})."
            )
        else:
            out.append(
                "Chưa đạt chỉ tiêu tạo nguồn"
                f" ({quota_result(by.candidates_added, by.source_quota or 0, 'bổ sung', 'quần chúng', two_digits)})."
            )
    if waiting is not None and waiting.expired:
        out.append(
            f"{_cap(_n(waiting.expired, 'quần chúng', two_digits))} trong danh sách nguồn có giấy chứng nhận học"
            f" {CLASS} đã hết hạn nhưng chưa được cử đi học lại."
        )
    removed = tuple(c for c in br.left_in_year if c.status != schema.STATUS_MOVED)
    if removed:  # those who moved are a cause or a result, not a limitation of the branch
        out.append(left_sentence(removed, two_digits))
    failed = failure_years(history)
    said = set(br.no_admission_years) if streak else {by.year}
    if len(history) > 1 and set(failed) - said:
        idle_without_quota = [h.year for h in history if h.year in without_quota and h.admissions == 0]
        out.append(
            f"Trong nhiệm kỳ {term_label}, Chi bộ không hoàn thành chỉ tiêu kết nạp"
            f" {'các năm' if len(failed) > 1 else 'năm'} {prose.years_text(failed)}"
            f"{_no_quota_note(idle_without_quota)}."
        )
    if br.overdue_probation:
        out.append(prose.overdue_probation(br.overdue_probation, with_branch=False, two_digits=two_digits))
    return out


def _people_rows(people: Sequence[Any]) -> list[dict[str, str]]:
    return [
        {"stt": str(i), "name": p.name, "birth": fmt_date(p.birth), "when": fmt_date(p.when), "detail": p.detail}
        for i, p in enumerate(sort_names(people, key=lambda p: p.name), start=1)
    ]


def _branch_directions(report: Report, br: BranchReport, waiting: Waiting, two_digits: bool) -> list[str]:
    """Next year's aims of the branch: the quotas the ward's plan gives it, then its own follow-ups:
    the valid certificates put forward, those expiring in the plan year considered before they
    expire (else sent to the class again), candidates without one sent to the class."""
    next_year = report.year + 1
    out = []
    planned = None if report.plan is None else next((b for b in report.plan.branches if b.branch == br.info.name), None)
    if planned is not None:
        out.append(
            f"Năm {next_year}, Chi bộ phấn đấu kết nạp ít nhất {fmt_count(planned.admission_quota, two_digits)}"
            f" đảng viên, bổ sung vào danh sách nguồn ít nhất {fmt_count(planned.source_quota, two_digits)}"
            f" quần chúng ưu tú (theo Kế hoạch phát triển đảng viên năm {next_year} của Đảng ủy)."
        )
    if waiting.waiting:  # "còn giá trị" alone is the count with those expiring (`Waiting.valid`): named apart
        out.append(
            f"Tập trung bồi dưỡng, hoàn thiện hồ sơ đề nghị kết nạp {_n(waiting.waiting, 'quần chúng', two_digits)}"
            f" {valid_words(waiting.plan_year)}; thường xuyên theo dõi, giúp đỡ quần chúng trong danh sách nguồn."
        )
    if waiting.expiring:
        out.append(
            f"Xem xét đề nghị kết nạp {_n(waiting.expiring, 'quần chúng', two_digits)} có giấy chứng nhận hết hạn"
            f" {waiting.expiry_words()} trước khi giấy chứng nhận hết hạn; không kịp thì cử đi học lại."
        )
    if waiting.expired:
        out.append(
            f"Đề nghị Đảng ủy cử {_n(waiting.expired, 'quần chúng', two_digits)} có giấy chứng nhận đã hết hạn đi"
            f" học lại {CLASS} trong quý I năm {next_year}."
        )
    if not waiting.waiting and br.candidates:
        out.append(
            f"Lựa chọn, cử quần chúng ưu tú trong danh sách nguồn đi học {CLASS} ngay trong quý I năm {next_year}."
        )
    elif not br.candidates:
        out.append("Chủ động phát hiện, lựa chọn quần chúng ưu tú đưa vào danh sách nguồn ngay từ đầu năm.")
    if br.overdue_probation:
        names = prose.join_vi([f"đồng chí {p.name}" for p in sort_names(br.overdue_probation, key=lambda p: p.name)])
        out.append(f"Khẩn trương xét, đề nghị công nhận đảng viên chính thức đối với {names}.")
    return out


def _branch(report: Report, br: BranchReport, two_digits: bool) -> dict[str, Any]:
    ctx = common_context(report, two_digits)
    info, by = br.info, br.year
    ctx["header"]["superior"] = header_line(ward_party_caps(report.ward), bold=False)
    ctx["header"]["issuer"] = header_line(nfc(info.name))
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
    opening = sections.opening_text(report, [report.year])
    basis = f"Thực hiện {sections.cite(opening, committee_in_sentence(report.ward))}, " if opening else ""
    ctx["intro"] = (
        f"{basis}{nfc(info.name)} báo cáo kết quả công tác tạo nguồn, kết nạp đảng viên năm {report.year} như sau:"
    )
    waiting = waiting_of(report, info.name)
    sources = prose.branch_sources(by, two_digits)
    if _moved(br) and not moved_is_a_cause(br):
        sources += " " + left_sentence(_moved(br), two_digits)
    ctx["admission_paragraphs"] = [prose.branch_admissions(by, two_digits), sources]
    ctx["admitted_rows"] = _people_rows(br.admitted)
    ctx["candidate_rows"] = _people_rows(br.candidates)
    ctx["no_candidates_text"] = (
        f"Đến {date_words(year_end(report.year))}, Chi bộ không còn quần chúng nào trong danh sách nguồn."
    )
    # nobody admitted: the results paragraph says so, the empty table's heading is left out, and the
    # list, then the only part, has no number ("1-" with no "2-")
    number = "2- " if br.admitted else ""
    ctx["candidates_heading"] = (
        f"{number}Quần chúng ưu tú trong danh sách nguồn (đến ngày {fmt_date(year_end(report.year))})"
    )
    history = sorted(br.history, key=lambda h: h.year)
    ctx["history_rows"] = [
        {
            "year": str(h.year),
            "quota": opt_int(h.quota_counted),
            "admissions": fmt_int(h.admissions),
            "counted": opt_int(h.admissions_against_quota if h.quota_counted is not None else None),
            "share": fmt_pct(h.quota_share),
            "added": fmt_int(h.candidates_added),
            "trained": fmt_int(h.candidates_trained),
            "year_end": fmt_int(h.candidates_at_year_end),
        }
        for h in history
    ]
    rate_basis = quota_basis(history)
    ctx["history_split"] = rate_basis.outside > 0  # an admission in a year without quota: shown apart from the rate
    ctx["history_total"] = {
        "quota": opt_int(rate_basis.quota if rate_basis.rows_with_quota else None),
        "admissions": fmt_int(rate_basis.admissions),
        "counted": fmt_int(rate_basis.counted),
        "share": fmt_pct(rate_basis.share),
        "added": fmt_int(sum(h.candidates_added for h in history)),
        "trained": fmt_int(sum(h.candidates_trained for h in history)),
    }
    ctx["term_label"] = report.term.label
    ctx["direction_paragraphs"] = bullets(_branch_directions(report, br, waiting, two_digits))
    ctx["strength_paragraphs"] = bullets(strengths(br, waiting, two_digits))
    ctx["cause_paragraphs"] = bullets(causes(br, waiting, two_digits))
    ctx["shortfall_paragraphs"] = bullets(shortfalls(br, report.term.label, waiting, two_digits)) or [
        f"Năm {report.year}, Chi bộ hoàn thành các chỉ tiêu được giao; cần tiếp tục nâng cao chất lượng"
        " nguồn, quan tâm bồi dưỡng quần chúng ưu tú đủ tiêu chuẩn để xem xét kết nạp."
    ]
    return ctx
