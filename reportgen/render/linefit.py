"""Lines of the header table that must not wrap where Word would wrap them (issue 7).

The issuing body's name sits in a column 80 mm wide in 14 pt capitals: a long branch name
("CHI BỘ CÔNG TY TNHH THỦY SẢN PHỔ HÒA") does not fit, and Word breaks it wherever the
line is full ("...THỦY / SẢN PHỔ HÒA"), splitting a word. An office breaks such a name
itself, between the kind of organisation and its proper name ("CHI BỘ CÔNG TY TNHH /
THỦY SẢN PHỔ HÒA"), never inside a proper name or before a number.

Widths are those of Times New Roman (Liberation Serif has the same advance widths), in
font units of 1/2048 em, for the printable ASCII letters and the Vietnamese letters that
are not a Latin letter with marks above or below (Đ, Ơ, Ư); every other Vietnamese
letter is as wide as its base letter. The numbers are data, so the measure is the same
on every machine whatever fonts it has.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from itertools import combinations

# The header's two columns (tools/build_templates.py builds the templates with them; together
# they are the text width, 210 - 30 - 15 mm).
HEADER_LEFT_MM = 80.0
HEADER_RIGHT_MM = 85.0
HEADER_SIZE_PT = 14.0
CELL_MARGIN_PT = 5.4  # Word's default cell margin, left and right (108 twips)
SAFETY = 0.97  # Word and LibreOffice lay text out a little differently: keep 3% spare

_UNITS_PER_EM = 2048
_CHARS = "".join(chr(c) for c in range(0x20, 0x7F)) + "ĐđƠơƯư"
_WIDTHS: dict[str, tuple[int, ...]] = {
    "regular": (
        512,
        682,
        836,
        1024,
        1024,
        1706,
        1593,
        369,
        682,
        682,
        1024,
        1155,
        512,
        682,
        512,
        569,
        1024,
        1024,
        1024,
        1024,
        1024,
        1024,
        1024,
        1024,
        1024,
        1024,
        569,
        569,
        1155,
        1155,
        1155,
        909,
        1886,
        1479,
        1366,
        1366,
        1479,
        1251,
        1139,
        1479,
        1479,
        682,
        797,
        1479,
        1251,
        1821,
        1479,
        1479,
        1139,
        1479,
        1366,
        1139,
        1251,
        1479,
        1479,
        1933,
        1479,
        1479,
        1251,
        682,
        569,
        682,
        961,
        1024,
        682,
        909,
        1024,
        909,
        1024,
        909,
        682,
        1024,
        1024,
        569,
        569,
        1024,
        569,
        1593,
        1024,
        1024,
        1024,
        1024,
        682,
        797,
        569,
        1024,
        1024,
        1479,
        1024,
        1024,
        909,
        983,
        410,
        983,
        1108,
        1479,
        1024,
        1479,
        1083,
        1589,
        1110,
    ),
    "bold": (
        512,
        682,
        1137,
        1024,
        1024,
        2048,
        1706,
        569,
        682,
        682,
        1024,
        1167,
        512,
        682,
        512,
        569,
        1024,
        1024,
        1024,
        1024,
        1024,
        1024,
        1024,
        1024,
        1024,
        1024,
        682,
        682,
        1167,
        1167,
        1167,
        1024,
        1905,
        1479,
        1366,
        1479,
        1479,
        1366,
        1251,
        1593,
        1593,
        797,
        1024,
        1593,
        1366,
        1933,
        1479,
        1593,
        1251,
        1593,
        1479,
        1139,
        1366,
        1479,
        1479,
        2048,
        1479,
        1479,
        1366,
        682,
        569,
        682,
        1190,
        1024,
        682,
        1024,
        1139,
        909,
        1139,
        909,
        682,
        1024,
        1139,
        569,
        682,
        1139,
        569,
        1706,
        1139,
        1024,
        1139,
        1139,
        909,
        797,
        682,
        1139,
        1024,
        1479,
        1024,
        1024,
        909,
        807,
        451,
        807,
        1065,
        1479,
        1139,
        1593,
        1134,
        1630,
        1229,
    ),
    "italic": (
        512,
        682,
        860,
        1024,
        1024,
        1706,
        1593,
        438,
        682,
        682,
        1024,
        1382,
        512,
        682,
        512,
        569,
        1024,
        1024,
        1024,
        1024,
        1024,
        1024,
        1024,
        1024,
        1024,
        1024,
        682,
        682,
        1382,
        1382,
        1382,
        1024,
        1884,
        1251,
        1251,
        1366,
        1479,
        1251,
        1251,
        1479,
        1479,
        682,
        909,
        1366,
        1139,
        1706,
        1366,
        1479,
        1251,
        1479,
        1251,
        1024,
        1139,
        1479,
        1251,
        1706,
        1251,
        1139,
        1139,
        797,
        569,
        797,
        864,
        1024,
        682,
        1024,
        1024,
        909,
        1024,
        909,
        569,
        1024,
        1024,
        569,
        569,
        909,
        569,
        1479,
        1024,
        1024,
        1024,
        1024,
        797,
        797,
        569,
        1024,
        909,
        1366,
        909,
        909,
        797,
        819,
        563,
        819,
        1108,
        1479,
        1024,
        1479,
        1093,
        1544,
        1117,
    ),
    "bold_italic": (
        512,
        797,
        1137,
        1024,
        1024,
        1706,
        1593,
        569,
        682,
        682,
        1024,
        1167,
        512,
        682,
        512,
        569,
        1024,
        1024,
        1024,
        1024,
        1024,
        1024,
        1024,
        1024,
        1024,
        1024,
        682,
        682,
        1167,
        1167,
        1167,
        1024,
        1704,
        1366,
        1366,
        1366,
        1479,
        1366,
        1366,
        1479,
        1593,
        797,
        1024,
        1366,
        1251,
        1821,
        1479,
        1479,
        1251,
        1479,
        1366,
        1139,
        1251,
        1479,
        1366,
        1821,
        1366,
        1251,
        1251,
        682,
        569,
        682,
        1167,
        1024,
        682,
        1024,
        1024,
        909,
        1024,
        909,
        682,
        1024,
        1139,
        569,
        569,
        1024,
        569,
        1593,
        1139,
        1024,
        1024,
        1024,
        797,
        797,
        569,
        1139,
        909,
        1366,
        1024,
        909,
        797,
        713,
        451,
        713,
        1167,
        1479,
        1024,
        1479,
        1099,
        1587,
        1227,
    ),
}
_TABLES = {style: dict(zip(_CHARS, w, strict=True)) for style, w in _WIDTHS.items()}
_HORN = "\u031b"
_HORNED = {"O": "Ơ", "o": "ơ", "U": "Ư", "u": "ư"}
_UNKNOWN = 1479  # a letter outside the table counts as a wide one


def _style(bold: bool, italic: bool) -> str:
    return {(False, False): "regular", (True, False): "bold", (False, True): "italic"}.get(
        (bold, italic), "bold_italic"
    )


def text_width_pt(text: str, size_pt: float = HEADER_SIZE_PT, bold: bool = False, italic: bool = False) -> float:
    """The width of `text` on one line, in points."""
    table = _TABLES[_style(bold, italic)]
    units = 0
    chars = unicodedata.normalize("NFD", text)
    for i, ch in enumerate(chars):
        if unicodedata.combining(ch):
            continue
        if ch in _HORNED and i + 1 < len(chars) and _HORN in chars[i + 1 : i + 3]:
            ch = _HORNED[ch]
        units += table.get(ch, _UNKNOWN)
    return units * size_pt / _UNITS_PER_EM


def header_width_pt(column_mm: float = HEADER_LEFT_MM) -> float:
    """The room for one line of text in a header column, in points."""
    return (column_mm / 25.4 * 72 - 2 * CELL_MARGIN_PT) * SAFETY


def _is_title(word: str) -> bool:
    """ "Phổ", "Nguyễn": a capital followed by small letters (part of a proper name)."""
    return word[:1].isupper() and any(c.islower() for c in word[1:])


def _breaks(words: Sequence[str]) -> list[int]:
    """Where a line may break (before word i): before a capitalised word or an abbreviation,
    never inside a proper name (two capitalised words in a row), nor before a number. In a
    name written all in capitals only the last two words are kept together."""
    if not any(c.islower() for w in words for c in w):
        return [i for i in range(1, len(words) - 1) if not words[i][:1].isdigit()]
    return [
        i
        for i in range(1, len(words))
        if words[i][:1].isupper() and not (_is_title(words[i - 1]) and _is_title(words[i]))
    ]


def fit_lines(
    name: str, width_pt: float | None = None, size_pt: float = HEADER_SIZE_PT, bold: bool = True
) -> list[str]:
    """`name` in capitals, as the fewest lines that each fit `width_pt`, broken only where
    `_breaks` allows and, among equally few lines, as evenly as possible. A name that cannot
    be broken to fit is returned on one line (Word wraps it)."""
    width = header_width_pt() if width_pt is None else width_pt
    words = name.split()
    caps = [w.upper() for w in words]

    def measure(line: Sequence[str]) -> float:
        return text_width_pt(" ".join(line), size_pt, bold)

    if measure(caps) <= width:
        return [" ".join(caps)]
    allowed = _breaks(words)
    for cuts in range(1, min(len(allowed), 3) + 1):
        best: tuple[float, list[str]] | None = None
        for chosen in combinations(allowed, cuts):
            edges = [0, *chosen, len(caps)]
            lines = [caps[a:b] for a, b in zip(edges, edges[1:], strict=False)]
            widest = max(measure(line) for line in lines)
            if widest <= width and (best is None or widest < best[0]):
                best = (widest, [" ".join(line) for line in lines])
        if best is not None:
            return best[1]
    return [" ".join(caps)]


def header_line(name: str, width_pt: float | None = None, size_pt: float = HEADER_SIZE_PT, bold: bool = True) -> str:
    """`fit_lines` joined by line breaks ("\\n" becomes a line break in the document)."""
    return "\n".join(fit_lines(name, width_pt, size_pt, bold))


def date_line_fit(line: str, width_pt: float | None = None, size_pt: float = HEADER_SIZE_PT) -> str:
    """The place-date line of the header ("Nghĩa Hưng, ngày 10 tháng 01 năm 2026", italic) on one
    line when it fits the right column; else broken after the place ("Nghĩa Hưng," / "ngày ...
    năm 2026") rather than where Word would wrap it ("... năm" / "2026")."""
    width = header_width_pt(HEADER_RIGHT_MM) if width_pt is None else width_pt
    if text_width_pt(line, size_pt, italic=True) <= width or ", " not in line:
        return line
    place, _, day = line.partition(", ")
    return f"{place},\n{day}"
