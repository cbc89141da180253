"""The office's own claims of success (sheet `Nhận định`) held against the figures.

The documents print each `Nhận định` row as written (FORMAT.md). A row of `Ưu điểm`, or a row
of `Lãnh đạo, chỉ đạo` that says the work went well ("chủ động", "kịp thời"...), claims success
on the topics its words name; when the figures of the same period show shortfalls on such a
topic, the clerk is warned before the document goes to be signed. A hedged claim ("một số chi
bộ", "bước đầu") is contradicted only when nothing at all was achieved on the topic.

The topic words, the words of success and of hedging, and the rule are all here, in one place.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .. import rules, schema
from ..findings import Finding, Severity
from .model import Assessment, Report

# Sections whose rows are read as claims: every row of `Ưu điểm`; a row of `Lãnh đạo, chỉ đạo` only
# when it says the work went well (SUCCESS_WORDS).
CLAIM_SECTIONS = (schema.SECTION_STRENGTHS, schema.SECTION_LEADERSHIP)
ALWAYS_CLAIMS = (schema.SECTION_STRENGTHS,)

# What a claim is about, by the words that say it (whole words, lower case).
CLAIM_TOPICS: dict[str, tuple[str, ...]] = {
    "sources": ("tạo nguồn", "nguồn"),
    "admissions": ("kết nạp", "phát triển đảng viên"),
    "introductions": ("giới thiệu", "đoàn thể", "mặt trận", "đoàn thanh niên", "hội viên", "đoàn viên"),
    "class": ("bồi dưỡng", "lớp"),
    "certificates": ("giấy chứng nhận",),
}
# Words that say the work went well; not when "chưa", "không"... stand before them, or "chưa" after.
SUCCESS_WORDS = (
    "chủ động", "kịp thời", "hiệu quả", "tốt", "thường xuyên", "đầy đủ", "chặt chẽ", "tích cực", "sát sao",
    "đạt", "vượt", "hoàn thành", "chuyển biến", "đều đặn", "ổn định", "dồi dào", "nâng lên",
)  # fmt: skip
NEGATIONS = ("chưa", "không", "thiếu", "kém")
# Words that claim success of some, not of all.
HEDGES = (
    "một số", "một bộ phận", "bước đầu", "phần lớn", "đa số", "hầu hết", "có nơi", "nhiều chi bộ",
    "có chi bộ",
)  # fmt: skip

RULE = "claim-contradicted"
START_WORDS = 10  # words of the row quoted in the message


def _has(text: str, word: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


# A quota, or a result, named without what it is of ("các chi bộ đều hoàn thành chỉ tiêu được giao", "các chi bộ
# đều đạt") is the admission quota.
UNNAMED_QUOTA = (("chỉ tiêu", "đạt", "hoàn thành", "vượt"), "admissions")


def topics_claimed(text: str) -> tuple[str, ...]:
    """The topics a paragraph speaks of, in CLAIM_TOPICS' order."""
    low = text.lower()
    found = tuple(topic for topic, words in CLAIM_TOPICS.items() if any(_has(low, w) for w in words))
    if not found and any(_has(low, w) for w in UNNAMED_QUOTA[0]):
        return (UNNAMED_QUOTA[1],)
    return found


# Which of the figures answers a claim first: a figure whose words (left) match what the row says (right).
FACT_CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("3%", ("3%", "21-nq", "tổng số đảng viên")),
    ("cấp trên", ("cấp trên", "toàn đảng bộ", "vượt")),
    ("năm liền", ("năm liền", "hằng năm", "đều đặn", "nhiều năm")),
    ("chi bộ", ("chi bộ",)),
)


def answering_first(facts: list[str], text: str) -> list[str]:
    """The figures in the order that answers the row: those on what it says first (FACT_CUES), then the rest."""
    low = text.lower()

    def rank(fact: str) -> int:
        for i, (cue, words) in enumerate(FACT_CUES):
            if cue in fact and any(w in low for w in words):
                return i
        return len(FACT_CUES)

    return sorted(facts, key=rank)


def says_success(text: str) -> bool:
    """A word of SUCCESS_WORDS not negated ("chưa chủ động", "hiệu quả chưa cao" are not success)."""
    low = text.lower()
    for word in SUCCESS_WORDS:
        for match in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", low):
            before = low[: match.start()].split()[-1:]
            after = low[match.end() :].split()[:1]
            if not (set(before) & set(NEGATIONS)) and after != ["chưa"]:
                return True
    return False


def hedged(text: str) -> bool:
    """Said of some ("một số chi bộ"), not of all; "không có chi bộ nào chưa đạt" is said of all."""
    low = text.lower()
    for word in HEDGES:
        for match in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", low):
            if not set(low[: match.start()].split()[-1:]) & set(NEGATIONS):
                return True
    return False


def is_claim(section: str, text: str) -> bool:
    """A row that claims success: any row of `Ưu điểm`; a `Lãnh đạo, chỉ đạo` row that says the work went well."""
    if section in ALWAYS_CLAIMS:
        return True
    return section in CLAIM_SECTIONS and says_success(text)


@dataclass(frozen=True)
class TopicFigures:
    """What the figures of a period show on one topic: the shortfalls (in words) and whether anything
    at all was achieved."""

    shortfalls: tuple[str, ...]
    achieved: bool


def _n(count: int) -> str:
    return f"{count:02d}" if 0 < count < 10 else str(count)


def _ratio(done: int, of: int) -> str:
    return f"{_n(done)}/{_n(of)}"


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " và " + names[-1]


def _certificates(report: Report) -> TopicFigures:
    plan = report.plan
    if plan is None:
        return TopicFigures((), True)
    facts = []
    if plan.trained_expired:
        facts.append(
            f"{_n(plan.trained_expired)} quần chúng trong danh sách nguồn có giấy chứng nhận học lớp bồi dưỡng"
            " nhận thức về Đảng đã hết hạn"
        )
    valid = sum(b.trained_waiting + b.trained_expiring for b in plan.branches)
    return TopicFigures(tuple(facts), valid > 0)


def _class(report: Report, trained: bool) -> TopicFigures:
    """The class: candidates whose certificate expired on the lists, and branches with nobody holding a valid
    certificate (none sent to the class in time)."""
    facts = list(_certificates(report).shortfalls)
    plan = report.plan
    without = (*plan.needs_sources, *plan.expiring_only) if plan is not None else ()
    if plan is not None and without:  # as the tasks say it: nobody valid through the plan year
        facts.append(
            f"{_ratio(len(without), len(plan.branches))} chi bộ chưa có quần chúng có giấy chứng nhận học lớp bồi"
            f" dưỡng nhận thức về Đảng còn giá trị đến hết năm {plan.year}"
        )
    return TopicFigures(tuple(facts), trained)


def year_figures(report: Report) -> dict[str, TopicFigures]:
    """Each topic's shortfalls in the report year."""
    year, ward, short = report.year, report.ward_year, report.shortfalls
    sources_given = [b for b in report.branch_years if rules.quota_given(b.source_quota)]
    below = len(short.below_source_quota)
    sources = TopicFigures(
        (f"{_ratio(below, len(sources_given))} chi bộ chưa đạt chỉ tiêu tạo nguồn năm {year}",) if below else (),
        any(not b.below_source_quota for b in sources_given) if sources_given else ward.candidates_added > 0,
    )
    admissions: list[str] = []
    if ward.below_quota and ward.quota_counted is not None:
        admissions.append(
            f"toàn Đảng bộ kết nạp {_ratio(ward.admissions, ward.quota_counted)} đảng viên, chưa đạt chỉ tiêu cấp trên"
            f" giao năm {year}"
        )
    if ward.short_of_three_percent and ward.member_target is not None:
        admissions.append(
            f"toàn Đảng bộ kết nạp {_n(ward.admissions)} đảng viên, chưa đạt 3% tổng số đảng viên đầu năm"
            f" ({_n(ward.member_target)} đảng viên)"
        )
    with_quota = [b for b in report.branch_years if b.quota_counted is not None]
    if short.below_quota:
        admissions.append(
            f"{_ratio(len(short.below_quota), len(with_quota))} chi bộ chưa đạt chỉ tiêu kết nạp năm {year}"
        )
    streaks = [s for s in short.no_admission_streaks if s.is_shortfall]
    if streaks:
        admissions.append(
            f"{_n(len(streaks))} chi bộ từ {_n(rules.NO_ADMISSION_STREAK_YEARS)} năm liền trở lên không kết nạp được"
            " đảng viên"
        )
    introductions = _introductions(report.organisations, f"năm {year}")
    certificates = _certificates(report)
    return {
        "sources": sources,
        "admissions": TopicFigures(tuple(admissions), ward.admissions > 0),
        "introductions": introductions,
        "class": _class(report, ward.candidates_trained > 0),
        "certificates": certificates,
    }


def _introductions(organisations: tuple, when: str) -> TopicFigures:
    given = [o for o in organisations if rules.quota_given(o.introduction_quota)]
    below = [o.organisation for o in given if o.below_quota]
    facts: tuple[str, ...] = ()
    if below:
        facts = (
            f"{_ratio(len(below), len(given))} tổ chức chưa đạt chỉ tiêu giới thiệu quần chúng ưu tú {when}"
            f" ({_names(below)})",
        )
    return TopicFigures(facts, any(o.introduced > 0 for o in organisations))


def term_figures(report: Report) -> dict[str, TopicFigures]:
    """Each topic's shortfalls over the term (up to the report year)."""
    term = report.term
    label = f"nhiệm kỳ {term.label}"
    source_rows = []
    for b in report.branch_reports:
        years = [y for y in b.history if rules.quota_given(y.source_quota) and not y.partial]
        if years:
            source_rows.append(sum(y.candidates_added for y in years) < sum(y.source_quota or 0 for y in years))
    below_sources = sum(source_rows)
    sources = TopicFigures(
        (
            (f"{_ratio(below_sources, len(source_rows))} chi bộ chưa đạt tổng chỉ tiêu tạo nguồn {label}",)
            if below_sources
            else ()
        ),
        any(y.candidates_added for y in term.years),
    )
    admissions: list[str] = []
    below_years = term.years_below_quota
    if below_years:
        listed = ", ".join(str(y.year) for y in below_years)
        admissions.append(f"{_n(len(below_years))} năm ({listed}) toàn Đảng bộ chưa đạt chỉ tiêu cấp trên giao")
    with_quota = [b for b in term.branches if b.quota_counted is not None]
    if term.branches_below_quota:
        admissions.append(
            f"{_ratio(len(term.branches_below_quota), len(with_quota))} chi bộ chưa đạt tổng chỉ tiêu kết nạp {label}"
        )
    certificates = _certificates(report)
    return {
        "sources": sources,
        "admissions": TopicFigures(tuple(admissions), term.admissions > 0),
        "introductions": _introductions(report.term_organisations, label),
        "class": _class(report, any(y.candidates_trained for y in term.years)),
        "certificates": certificates,
    }


@dataclass(frozen=True)
class Contradiction:
    """An office row that claims success the figures of its period do not show."""

    assessment: Assessment
    topics: tuple[str, ...]
    facts: tuple[str, ...]  # the figures that contradict it, in words

    def message(self) -> str:
        a = self.assessment
        words = a.text.split()
        start = " ".join(words[:START_WORDS]).rstrip(",;.:") + (" …" if len(words) > START_WORDS else "")
        period = f"nhiệm kỳ {a.period}" if "-" in a.period else f"năm {a.period}"
        return (
            f"đoạn «{start}» (mục «{a.section}», {period}) được in nguyên văn vào văn bản, nhưng số liệu không cho"
            f" thấy như vậy: {'; '.join(self.facts)}; đề nghị xem lại trước khi trình ký (sửa lời cho đúng với số"
            f" liệu, ví dụ «Một số chi bộ ...», hoặc chuyển sang mục «{schema.SECTION_LIMITATIONS}»)"
        )


def contradictions(report: Report) -> list[Contradiction]:
    """The office rows of the report year and of the term that claim success on a topic with shortfalls."""
    periods: dict[str, Callable[[Report], dict[str, TopicFigures]]] = {str(report.year): year_figures}
    if report.term_declared:
        periods[report.term.label] = term_figures
    figures: dict[str, dict[str, TopicFigures]] = {}
    out = []
    for a in report.assessments:
        if a.period not in periods or not is_claim(a.section, a.text):
            continue
        if a.period not in figures:
            figures[a.period] = periods[a.period](report)
        shown = figures[a.period]
        topics = topics_claimed(a.text)
        some = hedged(a.text)
        facts: list[str] = []
        contradicted = []
        for topic in topics:
            fig = shown[topic]
            if some:
                if not fig.achieved and fig.shortfalls:
                    contradicted.append(topic)
                    facts += [f for f in fig.shortfalls if f not in facts]
            elif fig.shortfalls:
                contradicted.append(topic)
                facts += [f for f in fig.shortfalls if f not in facts]
        if contradicted:
            out.append(Contradiction(a, tuple(contradicted), tuple(answering_first(facts, a.text))))
    return out


def claim_findings(report: Report, column: Callable[[str, str], int | None] | None = None) -> list[Finding]:
    """One warning per contradicted row, at its cell (`column(file, sheet)`: the `Nội dung` column)."""
    out = []
    for c in contradictions(report):
        a = c.assessment
        out.append(
            Finding(
                Severity.WARNING,
                c.message(),
                file=a.file,
                sheet=a.sheet,
                row=a.row,
                column=schema.ASSESSMENT_SHEET.columns[-1].header,
                rule=RULE,
                cell_column=column(a.file, a.sheet) if column is not None else None,
            )
        )
    return out
