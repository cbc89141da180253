"""What a clerk's edited template may get wrong that Jinja itself lets through, said in Vietnamese.

docxtpl needs a block tag whose body spans paragraphs or table rows to carry its prefix: `{%p for %}`
repeats paragraphs, `{%tr for %}` table rows. A plain `{% for %}` there renders without an error
into a gutted document (everything after it lost, the signature too) or an invalid one (paragraphs
nested in paragraphs, which Word refuses). Each block is checked here before anything is rendered,
once per template file: its tags carry the same prefix, and a block without a prefix opens and closes
in one paragraph. Jinja's own syntax errors are said in Vietnamese too, with the tag and its place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import jinja2

# Jinja's block statements and the tags that continue or close them.
_OPENERS = {"for", "if", "macro", "block", "with", "filter", "call", "raw", "autoescape"}
_MIDDLES = {"else", "elif"}
_STATEMENT = re.compile(r"^\{%-?(?P<prefix>tr|tc|p|r)?\s+(?P<word>\w+)")
_LITERAL_NAME = re.compile(r"^\{\{-?\s*[\"“”'‘’]\s*([A-Za-z_][\w.]*)\s*[\"“”'‘’]\s*-?\}\}$")
_KIND = {"p": "đoạn văn", "tr": "dòng bảng", "tc": "ô bảng", "r": "đoạn chữ"}


@dataclass(frozen=True)
class Placed:
    """A tag as written and where it is: its paragraph, its table row (None outside a table), in words."""

    tag: str
    paragraph: int  # index of the paragraph in the template
    row: int | None  # index of its table row (None outside a table)
    where: str  # "đoạn văn thứ 12", "bảng 2, dòng 8"


def _with_prefix(tag: str, prefix: str) -> str:
    """`{% for x in y %}` written with a docxtpl prefix: `{%p for x in y %}`."""
    return re.sub(r"^\{%(-?)(?:tr|tc|p|r)?\s+", lambda m: "{%" + m.group(1) + prefix + " ", tag, count=1)


def _close_of(opener: str) -> str:
    m = _STATEMENT.match(opener)
    return f"end{m.group('word')}" if m else "end"


def _prefix_for(opener: Placed, closer: Placed) -> str:
    """The prefix a block spanning from `opener` to `closer` needs: rows of one table, else paragraphs."""
    return "tr" if opener.row is not None and closer.row is not None and opener.row != closer.row else "p"


def block_problem(tags: list[Placed]) -> str | None:
    """The first block whose tags would render a broken document, said for the clerk (None: all fine)."""
    stack: list[tuple[Placed, str]] = []
    for placed in tags:
        literal = _LITERAL_NAME.match(placed.tag)
        if literal:
            name = literal.group(1)
            return (
                f"thẻ «{placed.tag}» ({placed.where}) chỉ in ra chữ «{name}» vì tên nằm trong dấu ngoặc kép "
                f"(Word tự đổi dấu ngoặc khi gõ); muốn điền nội dung, viết «{{{{ {name} }}}}» không có dấu ngoặc."
            )
        m = _STATEMENT.match(placed.tag)
        if not m:
            continue
        prefix, word = m.group("prefix") or "", m.group("word")
        if word in _OPENERS:
            stack.append((placed, prefix))
            continue
        if word not in _MIDDLES and not word.startswith("end"):
            continue
        if not stack:
            if word.startswith("end"):
                opener_word = word[3:] or "for"
                wanted = "{%" + prefix + f" {opener_word} ... %}}" if prefix else f"{{% {opener_word} ... %}}"
                return (
                    f"thẻ «{placed.tag}» ({placed.where}) đóng một khối nhưng phía trước không có thẻ mở "
                    f"«{wanted}» (có thể đã xóa mất dòng hay đoạn văn có thẻ mở); thêm lại thẻ mở hoặc xóa thẻ này."
                )
            return f"thẻ «{placed.tag}» ({placed.where}) nằm ngoài mọi khối «if»/«for»; xóa thẻ này."
        opener, opener_prefix = stack[-1]
        if word.startswith("end"):
            stack.pop()
        if prefix == opener_prefix and (prefix or opener.paragraph == placed.paragraph):
            continue
        if not opener_prefix:  # a plain opener whose block leaves its paragraph, or closed by a prefixed tag
            need = prefix or _prefix_for(opener, placed)
            return (
                f"thẻ «{opener.tag}» ({opener.where}) mở một khối kéo dài đến «{placed.tag}» ({placed.where}), "
                f"sang {_KIND[need]} khác, nên phải có chữ «{need}» ngay sau «{{%»: "
                f"viết «{_with_prefix(opener.tag, need)}» (mọi thẻ của khối viết cùng kiểu, "
                f"ví dụ «{_with_prefix('{% ' + _close_of(opener.tag) + ' %}', need)}»)."
            )
        fixed = _with_prefix(placed.tag, opener_prefix)
        return (
            f"thẻ «{placed.tag}» ({placed.where}) thuộc khối mở bằng «{opener.tag}» ({opener.where}) nên phải "
            f"viết cùng kiểu: «{fixed}»."
        )
    return None


# Jinja's messages (English) and what they mean for the clerk.
_UNKNOWN_TAG = re.compile(r"Encountered unknown tag '([^']+)'")
_EXPECTED = re.compile(r"looking for the following tags: (.+?)\.")
_NO_FILTER = re.compile(r"No filter named '([^']+)'")
_NO_TEST = re.compile(r"No test named '([^']+)'")
_HINTS = (
    ("tr", "viết liền «{%tr» (không có dấu cách giữa «%» và «tr»)."),
    ("p", "viết liền «{%p» (không có dấu cách giữa «%» và «p»)."),
    ("tc", "viết liền «{%tc» (không có dấu cách giữa «%» và «tc»)."),
    ("r", "viết liền «{%r» (không có dấu cách giữa «%» và «r»)."),
)


def syntax_detail(placed: Placed | None, exc: jinja2.TemplateSyntaxError) -> str:
    """A Jinja syntax error as the clerk reads it: the tag, where it is, what to write instead."""
    message = exc.message or str(exc)
    tag = placed.tag if placed else "?"
    where = f" ({placed.where})" if placed else ""
    unknown = _UNKNOWN_TAG.search(message)
    if unknown:
        word = unknown.group(1)
        for spaced, hint in _HINTS:
            if word == spaced:
                return f"thẻ «{tag}»{where}: {hint}"
        expected = _EXPECTED.search(message)
        m = _STATEMENT.match(tag)
        prefix = (m.group("prefix") or "") if m else ""
        if expected:
            words = re.findall(r"'(\w+)'", expected.group(1))
            if words:
                options = " hoặc ".join(f"«{{%{prefix} {w} %}}»" for w in words)
                return f"không có thẻ «{word}»: thẻ «{tag}»{where} viết sai; có phải {options}?"
        return f"không có thẻ «{word}»: thẻ «{tag}»{where} viết sai hoặc đặt sai chỗ."
    for pattern, what in ((_NO_FILTER, "bộ lọc"), (_NO_TEST, "phép thử")):
        found = pattern.search(message)
        if found:
            return f"thẻ «{tag}»{where} dùng {what} «{found.group(1)}» nhưng không có {what} này."
    return f"thẻ «{tag}»{where} viết sai cú pháp (kiểm tra dấu ngoặc, dấu chấm, tên); chép lại thẻ từ mẫu gốc."
