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

from reportgen import schema
from reportgen.intake.normalize import organisation_key
from reportgen.render.vietnamese import fmt_count

NBSP = "\u00a0"
_INNER_HYPHEN = re.compile(r"(?<=\S) - (?=\S)")


def ratio(done: int, of: int, two_digits: bool = True) -> str:
    """ "07/14": both sides written as counts are in prose."""
    return f"{fmt_count(done, two_digits)}/{fmt_count(of, two_digits)}"


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


class Named:
    """Lists of branches said once in a document, then referred to by their count.

    `name(group, names)` gives the names the first time a group is mentioned and
    "07 chi bộ nêu trên" after; a subset of a group already named reads "03 chi bộ
    trong số đó" only where the caller asks for it."""

    def __init__(self, two_digits: bool = True) -> None:
        self.two_digits = two_digits
        self._said: dict[str, frozenset[str]] = {}

    def said(self, group: str) -> frozenset[str]:
        return self._said.get(group, frozenset())

    def name(self, group: str, names: Sequence[str], noun: str = "chi bộ", what: str = "") -> str:
        """The names (first time) or "07 chi bộ chưa đạt chỉ tiêu nêu trên" (the same set again)."""
        key = frozenset(names)
        if key and any(v == key for v in self._said.values()):
            described = f" {what}" if what else ""
            return f"{fmt_count(len(names), self.two_digits)} {noun}{described} nêu trên"
        self._said[group] = key
        return join_vi(list(names))


def streak_words(two_digits: bool = True) -> str:
    """ "từ 02 năm liền trở lên không kết nạp được đảng viên": the streak rule's own length, never
    "nhiều năm" (two years are not many)."""
    from reportgen import rules

    years = fmt_count(rules.NO_ADMISSION_STREAK_YEARS, two_digits)
    return f"từ {years} năm liền trở lên không kết nạp được đảng viên"


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
