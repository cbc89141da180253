"""Vietnamese text keys, below every stage: name collation and file-name slugs.

Stats sort branches and people with these keys and render formats with them, so they
live under both (render/vietnamese.py re-exports them). Collation is pure Python: PyICU
is optional on users' machines; tests compare with ICU's "vi" collator when present.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeVar

T = TypeVar("T")

# --- collation ---------------------------------------------------------------

# Vietnamese alphabet, with the Latin letters it lacks (f j w z) at their Latin place.
_ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_LETTER_INDEX = {letter: i for i, letter in enumerate(_ALPHABET)}
_MODIFIERS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter
# Tones, in collation order: none, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

_SPACE, _PUNCT, _DIGIT, _LETTER, _OTHER = 0, 1, 2, 3, 4

SortKey = tuple[tuple[tuple[int, int], ...], tuple[int, ...], tuple[int, ...]]


def _clusters(text: str) -> Iterable[tuple[str, list[str]]]:
    """Base characters of the NFD form, each with its combining marks."""
    base: str | None = None
    marks: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) and base is not None:
            marks.append(ch)
            continue
        if base is not None:
            yield base, marks
        base, marks = ch, []
    if base is not None:
        yield base, marks


@lru_cache(maxsize=1 << 16)  # names repeat: a province sorts the same words again and again
def _text_key(text: str, numeric: bool) -> SortKey:
    """(primary, secondary, tertiary) weights in the manner of the CLDR "vi" collation.

    primary: letters (ă, â, đ, ê, ô, ơ, ư are letters of their own), digits, spaces;
    secondary: tone per character; tertiary: case. With numeric, digit runs compare
    as numbers ("Tổ 2" before "Tổ 10").
    """
    primary: list[tuple[int, int]] = []
    secondary: list[int] = []
    tertiary: list[int] = []
    digits = ""

    def flush_digits() -> None:
        nonlocal digits
        if digits:
            primary.append((_DIGIT, int(digits)))
            secondary.append(0)
            tertiary.append(0)
            digits = ""

    for base, marks in _clusters(text):
        if numeric and base.isdigit() and base.isascii():
            digits += base
            continue
        flush_digits()
        lower = base.lower()
        letter = lower + "".join(m for m in marks if m in _MODIFIERS)
        letter = unicodedata.normalize("NFC", letter)
        tone = 0
        for m in marks:
            if m in _TONES:
                tone = _TONES[m]
            elif m not in _MODIFIERS:
                tone = 10 + ord(m)  # a foreign accent: after the Vietnamese tones
        if letter in _LETTER_INDEX:
            weight = (_LETTER, _LETTER_INDEX[letter])
        elif lower in _LETTER_INDEX:  # a letter with an unknown modifier
            weight = (_LETTER, _LETTER_INDEX[lower])
        elif base.isdigit():
            weight = (_DIGIT, int(unicodedata.digit(base, 0)))
        elif base.isspace():
            weight = (_SPACE, 0)
        elif base.isalpha():
            weight = (_OTHER, ord(lower))
        else:
            weight = (_PUNCT, ord(base))
        primary.append(weight)
        secondary.append(tone)
        tertiary.append(0 if base == lower else 1)
    flush_digits()
    return tuple(primary), tuple(secondary), tuple(tertiary)


def _clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def text_sort_key(text: str) -> tuple[SortKey, str]:
    """Vietnamese order of a whole text (branch and organisation names); numbers as numbers."""
    cleaned = _clean(text)
    return _text_key(cleaned, numeric=True), cleaned


def name_sort_key(name: str) -> tuple[SortKey, SortKey, SortKey, str]:
    """Order of a person's name: given name (last word), then middle names, then family.

    "Nguyễn Văn An" -> (key("An"), key("Văn"), key("Nguyễn"), ...). The last element
    breaks complete ties so the order is deterministic.
    """
    cleaned = _clean(name)
    words = cleaned.split(" ")
    given = words[-1] if words else ""
    family = words[0] if len(words) > 1 else ""
    middle = " ".join(words[1:-1])
    return (
        _text_key(given, numeric=False),
        _text_key(middle, numeric=False),
        _text_key(family, numeric=False),
        cleaned,
    )


def sort_names(items: Iterable[T], key: Callable[[T], str] | None = None) -> list[T]:
    """Items sorted by the Vietnamese order of a person's name (key extracts the name)."""
    get = key if key is not None else (lambda item: str(item))
    return sorted(items, key=lambda item: name_sort_key(get(item)))


def sort_texts(items: Iterable[T], key: Callable[[T], str] | None = None) -> list[T]:
    """Items sorted by the Vietnamese order of a text (branch names, organisations)."""
    get = key if key is not None else (lambda item: str(item))
    return sorted(items, key=lambda item: text_sort_key(get(item)))


# --- file names --------------------------------------------------------------

_WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}


def slugify(name: str, fallback: str = "chi-bo", max_length: int = 80) -> str:
    """An ASCII file-name stem: "Chi bộ Tổ dân phố 3" -> "chi-bo-to-dan-pho-3".

    Only a-z, 0-9 and "-": no path separators, never "." or "..", never empty
    (fallback), never a reserved Windows device name.
    """
    text = unicodedata.normalize("NFD", name or "")
    text = text.replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    text = text[:max_length].rstrip("-")
    if not text:
        text = fallback
    if text in _WINDOWS_RESERVED:
        text += "-1"
    return text
