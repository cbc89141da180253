"""Prose rules of the documents, as code (issue 7, item 7).

- exceeded only when exceeded (`met_words`);
- averages of people kept whole ("bình quân mỗi năm trên 08 đảng viên");
- one form for counts in ratios (`07/14`);
- the Front and the mass organisations in the conventional order;
- no line that starts with "- " unless it is a bullet: a hyphen between words is tied to the
  word before it with a non-breaking space (`tie_hyphens`);
- lists of names said once, then referred to ("07 chi bộ nêu trên": `named_once`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from datetime import date

from reportgen import schema
from reportgen.intake.normalize import organisation_key
from reportgen.render.vietnamese import fmt_count

NBSP = "\u00a0"
_INNER_HYPHEN = re.compile(r"(?<=\S) - (?=\S)")


def ratio(done: int, of: int, two_digits: bool = True) -> str:
    """ "07/14": both sides written as counts are in prose."""
    return f"{fmt_count(done, two_digits)}/{fmt_count(of, two_digits)}"


def quota_result(done: int, quota: int, verb: str, unit: str, two_digits: bool = True) -> str:
    """A result against a quota in an office's words, never "0/01": nobody is "chưa kết nạp được
    đảng viên nào (chỉ tiêu 01)", some are "kết nạp 01/02 đảng viên"."""
    if done == 0:
        return f"chưa {verb} được {unit} nào (chỉ tiêu {fmt_count(quota, two_digits)})"
    return f"{verb} {ratio(done, quota, two_digits)} {unit}"


def count_of_all(count: int, total: int, noun: str, two_digits: bool = True) -> str:
    """ "cả 05 năm" when every one, else "02 năm": never "05/05 năm"."""
    if count == total and total > 1:
        return f"cả {fmt_count(total, two_digits)} {noun}"
    return f"{fmt_count(count, two_digits)} {noun}"


def branch_leaders(has_committee: bool | None) -> str:
    """Who answers for a branch's work: "chi ủy" where it has one (rules.has_branch_committee),
    "chi bộ" where it has only a secretary, "chi ủy, chi bộ" when the members are not known."""
    if has_committee is None:
        return "chi ủy, chi bộ"
    return "chi ủy" if has_committee else "chi bộ"


def leaders_of(has_committee: Iterable[bool | None]) -> str:
    """Who answers for the branches of a ward: "chi ủy" when every one has a chi ủy, "chi bộ" when
    none has, "chi ủy, chi bộ" otherwise (or when a branch's members are not known)."""
    values = set(has_committee)
    if values == {True}:
        return "chi ủy"
    if values == {False}:
        return "chi bộ"
    return "chi ủy, chi bộ"


def expiry_words(expiries: Sequence[date], year: int) -> str:
    """When certificates expire in the plan year: "tháng 10/2026" when all in one month, else
    "trong năm 2026"."""
    months = {(d.year, d.month) for d in expiries}
    if len(months) == 1:
        y, m = next(iter(months))
        return f"tháng {m:02d}/{y}" if m < 3 else f"tháng {m}/{y}"
    return f"trong năm {year}"


def people_average(average: float, unit: str = "đảng viên", two_digits: bool = True) -> str:
    """A yearly average of people, kept whole: "08 đảng viên" when exact, else "trên 08 đảng viên"
    (or "chưa đến 01 đảng viên")."""
    whole = math.floor(average + 1e-9)
    if abs(average - whole) < 1e-9:
        return f"{fmt_count(whole, two_digits)} {unit}"
    if whole == 0:
        return f"chưa đến {fmt_count(1, two_digits)} {unit}"
    return f"trên {fmt_count(whole, two_digits)} {unit}"


def met_words(done: int, target: int) -> str:
    """ "vượt" only when exceeded: "vượt chỉ tiêu", "đạt chỉ tiêu", "chưa đạt chỉ tiêu"."""
    if done > target:
        return "vượt chỉ tiêu"
    if done == target:
        return "đạt chỉ tiêu"
    return "chưa đạt chỉ tiêu"


def organisation_rank(name: str) -> tuple[int, str]:
    """Mặt trận, Công đoàn, Hội Nông dân, Đoàn Thanh niên, Hội Liên hiệp Phụ nữ, Hội Cựu chiến binh; others after."""
    order = [organisation_key(o) for o in schema.ORGANISATIONS]
    key = organisation_key(name)
    return (order.index(key) if key in order else len(order), key)


def in_conventional_order(names: Iterable[str]) -> list[str]:
    return sorted(names, key=organisation_rank)


def tie_hyphens(text: str) -> str:
    """ "chính trị - xã hội" -> "chính trị\u00a0- xã hội": a line can no longer start with "- xã hội".
    A leading "- " (a bullet) is kept as it is."""
    head, body = ("- ", text[2:]) if text.startswith("- ") else ("", text)
    return head + _INNER_HYPHEN.sub(f"{NBSP}- ", body)


def keep_together(text: str) -> str:
    """Spaces made non-breaking: a short name or caption tail stays on one line."""
    return text.replace(" ", NBSP)


def join_vi(items: Sequence[str]) -> str:
    """ "A", "A và B", "A, B và C"."""
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " và " + items[-1]


class Reference(str):
    """A back-reference Named gave instead of the names ("07 chi bộ nêu trên", or the list described)."""


NAMES_AGAIN_MAX = 4  # a list this short is named again when a back-reference would be ambiguous


class Named:
    """Lists of branches said once in a document, then referred to by their count.

    `name(group, names)` gives the names the first time a group is mentioned and
    "07 chi bộ nêu trên" after; a subset of a group already named reads "03 chi bộ
    trong số đó" only where the caller asks for it.

    "nêu trên" only when it is unambiguous (`back_reference`): when another list of as many branches
    stands above (below the admission quota and below the source quota, both "04/10 chi bộ chưa đạt"),
    the list is described by what it is (`which`, given when it was said: "chưa đạt chỉ tiêu kết nạp năm
    2025") and, when short, named again."""

    def __init__(self, two_digits: bool = True) -> None:
        self.two_digits = two_digits
        self._said: dict[str, frozenset[str]] = {}
        self._which: dict[str, str] = {}
        self._nouns: dict[str, str] = {}

    def said(self, group: str) -> frozenset[str]:
        return self._said.get(group, frozenset())

    def note(self, group: str, names: Sequence[str], which: str = "", noun: str = "chi bộ") -> None:
        """A list said in the document (with its own words), so that a later reference knows it is there."""
        self._said[group] = frozenset(names)
        self._which[group] = which
        self._nouns[group] = noun

    def name(self, group: str, names: Sequence[str], noun: str = "chi bộ", what: str = "", which: str = "") -> str:
        """The names (first time) or "07 chi bộ chưa đạt chỉ tiêu nêu trên" (the same set again)."""
        key = frozenset(names)
        same = [g for g, v in self._said.items() if v == key]
        if len(key) > 1 and same:  # one name is shorter said again
            others = [  # another list as long, which the same words could also mean
                g
                for g, v in self._said.items()
                if v != key
                and len(v) == len(key)
                and self._nouns.get(g) == noun
                and (not what or self._which.get(g, what).startswith(what))
            ]
            described = which or self._which.get(same[0], "")
            return Reference(back_reference(list(names), noun, what, described, bool(others), self.two_digits))
        parts = [v for v in self._said.values() if v and v <= key]
        if len(key) > 1 and len(parts) > 1 and frozenset().union(*parts) == key:
            # the union of lists already named (below quota, years without admission): referred to as a
            # whole, without the one reason that fits only some of them
            return Reference(f"{fmt_count(len(names), self.two_digits)} {noun} nêu trên")
        self.note(group, names, which, noun)
        return join_vi(list(names))


def back_reference(
    names: Sequence[str], noun: str, what: str, which: str, ambiguous: bool, two_digits: bool = True
) -> str:
    """A list already said, referred to again: "04 chi bộ chưa đạt chỉ tiêu nêu trên"; when another list of
    as many stands above (`ambiguous`), by what it is, "04 chi bộ chưa đạt chỉ tiêu kết nạp năm 2025", with
    the names when the list is short (NAMES_AGAIN_MAX)."""
    count = fmt_count(len(names), two_digits)
    if ambiguous and which:
        text = f"{count} {noun} {which}"
        return f"{text} ({join_vi(list(names))})" if len(names) <= NAMES_AGAIN_MAX else text
    if ambiguous and len(names) <= NAMES_AGAIN_MAX:
        return join_vi(list(names))
    described = f" {what}" if what else ""
    return f"{count} {noun}{described} nêu trên"


def times_words(more: int, than: int, two_digits: bool = True) -> str:
    """How many times one count is another, as an office rounds it: "gấp 03 lần" when exact, "gấp gần 03
    lần" from x,75 up, "gấp hơn 02 lần" below; "" under 1,75 times (then "nhiều hơn" is the words)."""
    if than <= 0 or more < than:
        return ""
    whole, rest = divmod(more, than)
    if rest == 0:
        return f"gấp {fmt_count(whole, two_digits)} lần"
    if 4 * rest >= 3 * than:
        return f"gấp gần {fmt_count(whole + 1, two_digits)} lần"
    if whole < 2:
        return ""
    return f"gấp hơn {fmt_count(whole, two_digits)} lần"


def some_or_named(names: Sequence[str], noun: str = "chi bộ") -> str:
    """ "Một số chi bộ" only for two or more; one is named ("Chi bộ Quân sự phường")."""
    if len(names) == 1:
        return names[0]
    return f"Một số {noun}"


def streak_words(two_digits: bool = True) -> str:
    """ "từ 02 năm liền trở lên không kết nạp được đảng viên": the streak rule's own length, never
    "nhiều năm" (two years are not many)."""
    from reportgen import rules

    years = fmt_count(rules.NO_ADMISSION_STREAK_YEARS, two_digits)
    return f"từ {years} năm liền trở lên không kết nạp được đảng viên"


# Trained candidates, one set of words for the counts of stats.model.PlanBranch: "đã học lớp ..." for all on
# the list who took the class (`trained_attended`), "... còn giá trị đến hết năm N" for those whose
# certificate is valid to the end of the plan year (`trained_waiting`). Every ward document says them so.
TRAINED = "đã học lớp bồi dưỡng nhận thức về Đảng"


def no_valid_words(year: int) -> str:
    """What sets apart a branch with nobody holding a certificate valid through the plan year, in one
    wording ("chưa có quần chúng đủ điều kiện về giấy chứng nhận cho năm 2026"), said once a document."""
    return f"chưa có quần chúng đủ điều kiện về giấy chứng nhận cho năm {year}"


def valid_words(year: int) -> str:
    """ "có giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng còn giá trị đến hết năm 2026"."""
    return f"có giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng còn giá trị đến hết năm {year}"


def trained_words(attended: int, valid: int, year: int, two_digits: bool = True) -> str:
    """ "20 quần chúng đã học lớp ... (17 quần chúng có giấy chứng nhận còn giá trị đến hết năm 2026)": the
    two counts said as two things; the bracket left out when every certificate is valid."""
    text = f"{fmt_count(attended, two_digits)} quần chúng {TRAINED}"
    if valid != attended:
        text += f" ({fmt_count(valid, two_digits)} quần chúng {valid_words(year)})"
    return text


def expiring_words(count: int, year: int, two_digits: bool = True) -> str:
    """The action for candidates whose certificate expires in the plan year: considered for admission
    before it expires, else sent to the class again (never "ưu tiên ... mở lớp", "cần cho học lại")."""
    return (
        f"xem xét kết nạp {fmt_count(count, two_digits)} quần chúng có giấy chứng nhận học lớp bồi dưỡng nhận"
        f" thức về Đảng hết hạn trong năm {year} trước khi giấy chứng nhận hết hạn; không kịp thì cử đi học lại"
    )


# What a cause or a lesson is about, by the words that say it. A sentence the program builds carries its
# topic; the office's own row (sheet `Nhận định`) of the same section on the same topic wins, so the two
# are never printed side by side (a duplicate, or the program contradicting the office).
TOPICS: dict[str, tuple[str, ...]] = {
    "moved": (
        "chuyển đi", "chuyển nơi", "đi học tập", "đi làm ăn", "làm ăn xa", "lao động xa", "xa địa phương",
        "nơi khác", "đi làm xa", "thoát ly", "biến động",
    ),
    "small": ("ít đảng viên", "phạm vi hoạt động hẹp", "nguồn quần chúng để lựa chọn", "nguồn còn ít", "khan hiếm"),
    "files": ("thẩm tra lý lịch", "hoàn thiện hồ sơ", "chưa đề nghị kết nạp", "chưa được đề nghị kết nạp"),
    "certificate": ("giấy chứng nhận", "hết hạn"),
    "selection": ("lựa chọn quần chúng", "đưa ra khỏi danh sách", "đưa ra khỏi nguồn", "chất lượng nguồn"),
    "organisations": (
        "đoàn thể", "mặt trận", "hội nông dân", "hội cựu chiến binh", "hội liên hiệp phụ nữ", "công đoàn",
        "đoàn thanh niên", "hội viên",
    ),
    "probation": ("công nhận chính thức", "công nhận đảng viên chính thức", "đảng viên dự bị", "thời hạn dự bị"),
    "youth": ("trẻ hóa", "đoàn viên thanh niên"),
    "class": ("mở lớp", "mở thêm lớp", "giảng viên"),
    "members": ("đảng ủy viên phụ trách", "phân công đảng ủy viên", "đảng ủy viên trực tiếp"),
    "transfer": ("chuyển tiếp hồ sơ", "chuyển sinh hoạt", "chuyển nơi cư trú"),
}  # fmt: skip


class Said(str):
    """A sentence the program built, with what it is about (a key of TOPICS)."""

    topic: str

    def __new__(cls, text: str, topic: str) -> Said:
        said = super().__new__(cls, text)
        said.topic = topic
        return said


def topics_of(text: str) -> set[str]:
    low = text.lower()
    return {topic for topic, words in TOPICS.items() if any(w in low for w in words)}


def office_first(generated: Sequence[str], office: Sequence[str]) -> list[str]:
    """The program's sentences whose topic an office row of the same section already speaks to are
    left out; then the office's rows, as written."""
    spoken = set().union(*(topics_of(o) for o in office)) if office else set()
    kept = [g for g in generated if not (isinstance(g, Said) and g.topic in spoken)]
    return [*kept, *office]


# Who does a task, in the order the tasks are listed: the committee; its office (Party-building staff);
# the committee members in charge of branches; the branches; the Front and the mass organisations.
ACTORS: tuple[tuple[str, ...], ...] = (
    ("đảng ủy", "ban thường vụ", "ban chấp hành đảng bộ", "thường trực đảng ủy", "cấp ủy"),
    ("văn phòng đảng ủy", "ban tổ chức", "ban xây dựng đảng", "bộ phận xây dựng đảng", "cán bộ"),
    ("các đồng chí đảng ủy viên", "đảng ủy viên", "các đảng ủy viên"),
    ("các chi ủy", "chi ủy", "các chi bộ", "chi bộ", "bí thư chi bộ"),
    ("mặt trận", "các đoàn thể", "đoàn thanh niên", "công đoàn", "hội"),
)


def actor_of(text: str) -> int | None:
    """The rank in ACTORS of who a task starts with ("Đảng ủy viên ..." is a member, "Đảng ủy ..." the
    committee: the longest opening wins); None when it starts with none of them."""
    low = text.removeprefix("- ").lower()
    found = [
        (len(word), rank)
        for rank, words in enumerate(ACTORS)
        for word in words
        if re.match(rf"{re.escape(word)}(?!\w)", low)
    ]
    return max(found)[1] if found else None


def by_actor(generated: Sequence[str], office: Sequence[str]) -> list[str]:
    """The tasks: the program's (one bullet per actor, in ACTORS' order) with the office's rows
    (`office_first`: a row on a program sentence's topic replaces it), each office row that starts with
    an actor placed after the last bullet of that actor or one before it; the others at the end."""
    spoken = set().union(*(topics_of(o) for o in office)) if office else set()
    out = [g for g in generated if not (isinstance(g, Said) and g.topic in spoken)]
    for row in office:
        rank = actor_of(row)
        if rank is None:
            out.append(row)
            continue
        at = 0
        for i, g in enumerate(out):
            other = actor_of(g)
            if other is not None and other <= rank:
                at = i + 1
        out.insert(at, row)
    return out


NO_ANNEX = "(không kèm Phụ lục)"
# Recipients outside the Party: the Front, the mass organisations, the government. A document
# with the internal annex goes to them without it (DOMAIN.md, "Who may read what").
_OUTSIDE_PARTY = re.compile(
    r"mặt trận|đoàn thể|công đoàn|đoàn thanh niên|\bhội\b|ủy ban nhân dân|uỷ ban nhân dân|ubnd|hđnd",
    re.IGNORECASE,
)


def without_annex(recipients: Sequence[str]) -> list[str]:
    """The recipients, those outside the Party marked "(không kèm Phụ lục)"."""
    out = []
    for r in recipients:
        text = r.strip().rstrip(",.;").strip()
        if text and _OUTSIDE_PARTY.search(text) and NO_ANNEX not in text:
            text = f"{text} {NO_ANNEX}"
        out.append(text)
    return out


def whole_term(years: Sequence[int], term_years: Sequence[int]) -> bool:
    """A run of years without an admission that covers every year of the term the figures cover."""
    return bool(term_years) and set(term_years) <= set(years)


def no_admission_words(
    streaks: Sequence[Sequence[int]], term_years: Sequence[int], term_label: str, two_digits: bool = True
) -> str:
    """Why branches are named for having admitted nobody, never understated: "cả nhiệm kỳ 2020-2025
    chưa kết nạp được đảng viên" when every one of them admitted nobody in the whole term, else the
    streak rule's words ("từ 02 năm liền trở lên ...")."""
    if streaks and all(whole_term(s, term_years) for s in streaks):
        return f"cả nhiệm kỳ {term_label} chưa kết nạp được đảng viên"
    return streak_words(two_digits)
