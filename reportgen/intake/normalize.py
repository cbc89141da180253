"""Cells to values: text (NFC, spaces), header folding, dates (day first), yes/no,
whole numbers and allowed values.

Each parser returns the value, or raises `CellError` with a Vietnamese message that
says what was expected. The reader turns those into findings with the location.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from .. import schema
from ..errors import ReportgenError
from ..rules import EARLIEST_YEAR
from ..schema import Column, Kind


class CellError(ReportgenError, ValueError):
    """A cell that cannot be read as what its column expects."""

    def __init__(self, message: str, value: object = None) -> None:
        super().__init__(message)
        self.message = message
        self.value = value


_SPACES = re.compile(r"\s+")
# Every character of Unicode category Cf (format characters: byte-order mark, word joiner,
# zero-width spaces and joiners, direction marks, soft hyphen...), as of Unicode 15;
# tests compare it with unicodedata over the whole code space.
FORMAT_CHARACTERS = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)


def strip_format_characters(text: str) -> tuple[str, int]:
    """The text without invisible format characters, and how many there were."""
    return FORMAT_CHARACTERS.subn("", text)


def clean_text(value: object) -> str:
    """Text as the office meant it: NFC, no invisible format characters, surrounding
    and repeated spaces folded."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    text = FORMAT_CHARACTERS.sub("", str(value).replace("\u00a0", " "))
    text = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", text).strip()


def fold(value: object) -> str:
    """A matching key: lower case, no diacritics, đ as d, spaces folded.

    `Họ và tên`, `HỌ VÀ TÊN`, `Ho va ten` and the NFD form all fold alike.
    """
    if isinstance(value, str):
        return _fold_text(value)
    return _fold(value)


@lru_cache(maxsize=1 << 16)
def _fold_text(text: str) -> str:  # the same names and words recur in every row
    return _fold(text)


_COMBINING_MARKS = re.compile("[\u0300-\u036f]")  # the whole block is category Mn
_BEYOND_LATIN = re.compile("[^\x00-\u036f\u0111]")  # below U+0300 nothing is Mn; đ stays as it is


def _fold(value: object) -> str:
    text = clean_text(value).lower()
    text = unicodedata.normalize("NFD", text)
    if _BEYOND_LATIN.search(text) is None:  # Vietnamese and Latin text: one regex pass
        text = _COMBINING_MARKS.sub("", text)
    else:
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return text.replace("đ", "d").replace("ð", "d")


def person_key(name: object) -> str:
    """A person's name as an identity: case, spaces and Unicode form folded, diacritics kept.
    `Hùng` and `Hưng`, `Long` and `Lòng` are different names (twins are often named so)."""
    return clean_text(name).casefold()


def branch_key(name: object) -> str:
    """The key that links a branch across workbooks: folded, without a leading `Chi bộ`, short
    forms written out (`Tổ dân phố 3` = `Chi bộ Tổ dân phố 3` = `CHI BỘ TDP 3`)."""
    key = fold(name)
    key = re.sub(r"^chi bo\b\s*", "", key)
    key = _BRANCH_ABBREVIATIONS.sub(lambda m: BRANCH_ABBREVIATIONS[m.group(1)], key)
    return re.sub(r"\s*-\s*", "-", key) or fold(name)


# Short forms of a branch's name, folded: `Chi bộ TDP 2` links with `Tổ dân phố 2`.
BRANCH_ABBREVIATIONS = {"tdp": "to dan pho", "kdc": "khu dan cu", "kp": "khu pho"}
_BRANCH_ABBREVIATIONS = re.compile(r"\b(" + "|".join(BRANCH_ABBREVIATIONS) + r")\b\.?")


def organisation_key(name: object) -> str:
    """The key that links a mass organisation's quota with `Tổ chức giới thiệu`,
    accepting the usual short forms (`Đoàn TN`, `Hội LHPN`, `MTTQ`...)."""
    key = fold(name)
    return _ORGANISATION_KEYS.get(key, key)


def known_organisations(declared: Iterable[object] = ()) -> frozenset[str]:
    """Keys of the organisations a `Tổ chức giới thiệu` may name: the Front and the mass
    organisations of schema.py (and their short forms), and those the `Đoàn thể` sheet lists."""
    return frozenset(
        {organisation_key(o) for o in (*schema.ORGANISATIONS, *schema.NOT_ORGANISATION_INTRODUCERS)}
        | {organisation_key(d) for d in declared if isinstance(d, str) and d.strip()}
    )


_HEADER_NOISE = re.compile(r"\(\s*\*\s*\)|\*|:$|\(\s*\d+\s*\)$")
_PUNCTUATION = re.compile(r"[,.;:!?\"'“”‘’]")
_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")


@lru_cache(maxsize=1 << 14)
def _fold_header_text(text: str) -> str:
    return _fold_header(text)


def fold_header(value: object) -> str:
    if isinstance(value, str):
        return _fold_header_text(value)
    return _fold_header(value)


def _fold_header(value: object) -> str:
    """Fold a header cell, also dropping required-marks (`*`, `(*)`), a colon and
    punctuation: `Ngày, tháng, năm sinh:` folds like `Ngày tháng năm sinh`."""
    text = fold(value)
    text = _HEADER_NOISE.sub("", text).strip()
    text = _PUNCTUATION.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def header_keys(value: object) -> tuple[str, ...]:
    """The folded forms a header cell may match: as written, and without a note in
    parentheses (`Giới tính (Nam/Nữ)` matches `Giới tính`)."""
    if isinstance(value, str):
        return _header_keys_text(value)
    return _header_keys(value)


@lru_cache(maxsize=1 << 14)
def _header_keys_text(text: str) -> tuple[str, ...]:
    return _header_keys(text)


def _header_keys(value: object) -> tuple[str, ...]:
    full = fold_header(value)
    bare = fold_header(_PARENTHESES.sub(" ", clean_text(value)))
    return (full,) if bare == full or not bare else (full, bare)


def is_empty(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str) and clean_text(value) == "":
        return True
    try:
        import pandas as pd

        if value is pd.NaT:
            return True
    except ImportError:  # pragma: no cover
        pass
    return False


def show(value: object) -> str:
    """A cell's value as text for messages, as Excel shows it (`TRUE`, not Python's `True`)."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, time):  # a date cell holding 0 or a negative number (a formula giving 0)
        return "0" if value == time(0) else value.strftime("%H:%M")
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.strftime("%d/%m/%Y")
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    return clean_text(value)


# --- dates ----------------------------------------------------------------

_DATE_TEXT = re.compile(r"^(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_ISO_TEXT = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_EXCEL_EPOCH = date(1899, 12, 30)
EXPECTED_DATE = "cần một ngày hợp lệ, ghi theo thứ tự ngày/tháng/năm (ví dụ 05/01/2023)"


def parse_date(value: object) -> date | None:
    """A real Excel date, or text `dd/mm/yyyy` (also `-` and `.`), day first.

    `mm/dd/yyyy` is never guessed: `12/25/2019` is an error that says why.
    Empty cells give None.
    """
    if is_empty(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise CellError(EXPECTED_DATE, value)
    if isinstance(value, (int, float)):
        # A date cell that lost its date format shows as an Excel serial number.
        number = float(value)
        if number.is_integer() and 1900 <= number <= 2100:
            raise CellError(f"chỉ có năm, không có ngày và tháng; {EXPECTED_DATE}", value)
        if 10000 <= number <= 80000:
            return _EXCEL_EPOCH + timedelta(days=int(number))
        raise CellError(EXPECTED_DATE, value)
    text = clean_text(value)
    match = _DATE_TEXT.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            if 1 <= day <= 12 and 13 <= month <= 31:
                raise CellError(
                    "có vẻ ghi theo kiểu tháng/ngày/năm của tiếng Anh; "
                    "cần ghi ngày trước, tháng sau (ví dụ 25/12/2019)",
                    value,
                ) from None
            raise CellError(f"ngày này không có thật; {EXPECTED_DATE}", value) from None
    match = _ISO_TEXT.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            raise CellError(f"ngày này không có thật; {EXPECTED_DATE}", value) from None
    if re.fullmatch(r"\d{4}", text):
        raise CellError(f"chỉ có năm, không có ngày và tháng; {EXPECTED_DATE}", value)
    if re.fullmatch(r"\d{1,2}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d{2}", text):
        raise CellError(f"năm cần ghi đủ 4 chữ số; {EXPECTED_DATE}", value)
    raise CellError(EXPECTED_DATE, value)


def check_date_bounds(value: date, latest_year: int, earliest_year: int = EARLIEST_YEAR) -> None:
    """A date the workbooks can mean: from `earliest_year` to `latest_year`. Year 9999,
    year 1 or a date typed a century off is a finding here, so that no later
    arithmetic ever meets it."""
    if value.year < earliest_year:
        raise CellError(
            f"năm {value.year} quá xa trong quá khứ (sổ chỉ ghi ngày từ năm {earliest_year}); {EXPECTED_DATE}", value
        )
    if value.year > latest_year:
        raise CellError(f"ngày ở quá xa trong tương lai (sau năm {latest_year}); {EXPECTED_DATE}", value)


# --- yes / no ---------------------------------------------------------------

_YES = {fold(w) for w in schema.YES_WORDS}
_ORGANISATION_KEYS = {fold(alias): fold(canonical) for alias, canonical in schema.ORGANISATION_ALIASES.items()}
_NO = {fold(w) for w in schema.NO_WORDS}


def parse_yes_no(value: object) -> bool:
    if is_empty(value):
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, date):
        return True  # the date the person joined (the Youth Union): a yes
    key = fold(value)
    if key in _YES or _DATE_TEXT.match(key):
        return True
    if key in _NO:
        return False
    raise CellError("cần ghi Có (hoặc x, 1, Đ, Yes) hoặc để trống / Không (0, No)", value)


# --- numbers ----------------------------------------------------------------


def _thousands_dot(value: float) -> bool:
    """`1.332` typed for 1332: Excel reads the thousands dot as a decimal point (exactly three decimals)."""
    scaled = value * 1000
    return abs(scaled - round(scaled)) < 1e-6 and abs(value * 100 - round(value * 100)) > 1e-6


def parse_count(value: object) -> int | None:
    """A whole number >= 0 (`12`, `12.0`, `"12"`); empty gives None."""
    if is_empty(value):
        return None
    if isinstance(value, bool):
        raise CellError("cần một số nguyên không âm (0, 1, 2, ...)", value)
    number: float
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = clean_text(value).replace(" ", "")
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
            raise CellError(
                f"cần một số nguyên không âm; nếu dấu chấm là dấu ngăn cách hàng nghìn, hãy bỏ dấu chấm và ghi "
                f"{text.replace('.', '')}",
                value,
            )
        if not re.fullmatch(r"-?\d+(?:[.,]0+)?", text):
            raise CellError("cần một số nguyên không âm (0, 1, 2, ...)", value)
        number = float(text.replace(",", "."))
    if isinstance(value, float) and 1 <= value < 1000 and _thousands_dot(value):
        raise CellError(
            f"cần một số nguyên không âm; nếu dấu chấm là dấu ngăn cách hàng nghìn (Excel đọc «{value}» là số thập"
            f" phân), hãy ghi {round(value * 1000)}",
            value,
        )
    if not number.is_integer() or number < 0:
        raise CellError("cần một số nguyên không âm (0, 1, 2, ...)", value)
    return int(number)


def parse_year(value: object) -> int | None:
    if is_empty(value):
        return None
    if isinstance(value, (datetime, date)):
        raise CellError("cần ghi năm bằng 4 chữ số (ví dụ 2023), không phải một ngày", value)
    text = clean_text(value)
    match = re.fullmatch(r"(?:năm\s*)?(\d{4})(?:[.,]0+)?", text, flags=re.IGNORECASE)
    if not match or not 1945 <= int(match.group(1)) <= 2100:
        raise CellError("cần ghi năm bằng 4 chữ số (ví dụ 2023)", value)
    return int(match.group(1))


def parse_period(value: object) -> str | None:
    """A year (`2025`) or a term (`2020-2025`, `2020 – 2025`), as the text `2025` or `2020-2025`."""
    if is_empty(value):
        return None
    if isinstance(value, (datetime, date)):
        raise CellError("cần ghi năm (ví dụ 2025) hoặc nhiệm kỳ (ví dụ 2020-2025), không phải một ngày", value)
    text = clean_text(value)
    term = re.fullmatch(r"(?:nhiệm\s*kỳ\s*)?(\d{4})\s*[-–—/]\s*(\d{4})", text, flags=re.IGNORECASE)
    if term:
        first, last = int(term.group(1)), int(term.group(2))
        if 1945 <= first < last <= 2100 and last - first <= 10:
            return f"{first}-{last}"
    else:
        year = re.fullmatch(r"(?:năm\s*)?(\d{4})(?:[.,]0+)?", text, flags=re.IGNORECASE)
        if year and 1945 <= int(year.group(1)) <= 2100:
            return year.group(1)
    raise CellError("cần ghi năm (ví dụ 2025) hoặc nhiệm kỳ (ví dụ 2020-2025)", value)


# --- allowed values ------------------------------------------------------------


@lru_cache(maxsize=256)
def _choice_tables(
    choices: tuple[str, ...], aliases: tuple[tuple[str, str], ...]
) -> tuple[dict[str, str], dict[str, str]]:
    """The allowed values by folded key, and by folded key without spaces: built once per list."""
    table = {fold(c): c for c in choices}
    for alias, canonical in aliases:
        table.setdefault(fold(alias), canonical)
    compact: dict[str, str] = {}
    for key, canonical in table.items():
        compact.setdefault(key.replace(" ", ""), canonical)
    return table, compact


def _unpunctuated(key: str) -> str:
    return " ".join(re.sub(r"[,;.:]", " ", key).split())


def parse_choice(
    value: object,
    choices: tuple[str, ...],
    aliases: dict[str, str] | None = None,
    hint: Callable[[str], str | None] | None = None,
) -> str | None:
    """One of the allowed values, matched ignoring case and diacritics; `hint` says what an
    unlisted value means when it can (a grade `8/12`), else the closest spelling is offered."""
    if is_empty(value):
        return None
    table, compacts = _choice_tables(choices, tuple((aliases or {}).items()))
    key = fold(value)
    if key in table:
        return table[key]
    compact = compacts.get(key.replace(" ", ""))
    if compact is not None:
        return compact
    bare = fold(_PARENTHESES.sub(" ", clean_text(value)))  # `Đại học (chính quy)`, `12/12 (BTVH)`
    if bare and bare != key and bare in table:
        return table[bare]
    unpunctuated = {_unpunctuated(k): v for k, v in table.items()}  # `Nhiệm vụ giải pháp`, no comma
    if _unpunctuated(key) in unpunctuated:
        return unpunctuated[_unpunctuated(key)]
    allowed = ", ".join(choices)
    meaning = hint(clean_text(value)) if hint is not None else None
    if meaning:
        raise CellError(f"giá trị không thuộc danh sách cho phép ({allowed}). {meaning}.", value)
    close = difflib.get_close_matches(key, list(table), n=1, cutoff=0.6)
    suggestion = f" Có phải «{table[close[0]]}»?" if close else ""
    raise CellError(f"giá trị không thuộc danh sách cho phép ({allowed}).{suggestion}", value)


# --- ethnicity and religion -----------------------------------------------------


class CellNote:
    """A value read with a remark: the reader keeps `value` and warns with `message`."""

    __slots__ = ("message", "rule", "value")

    def __init__(self, value: object, message: str, rule: str = "") -> None:
        self.value = value
        self.message = message
        self.rule = rule


_VOCABULARY_PUNCTUATION = re.compile(r"[\s\-'’‘.()]")


def _vocabulary_key(text: str, keep_marks: bool) -> str:
    key = unicodedata.normalize("NFC", text).lower() if keep_marks else fold(text)
    return _VOCABULARY_PUNCTUATION.sub("", key)


@lru_cache(maxsize=8)
def _vocabulary_table(names: tuple[str, ...], aliases: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Canonical names by key, with diacritics kept, then folded where that is unambiguous."""
    pairs = [(n, n) for n in names] + list(aliases)
    table = {_vocabulary_key(a, True): c for a, c in pairs}
    folded: dict[str, set[str]] = {}
    for alias, canonical in pairs:
        folded.setdefault(_vocabulary_key(alias, False), set()).add(canonical)
    for key, canonicals in folded.items():
        if len(canonicals) == 1:
            table.setdefault(key, next(iter(canonicals)))
    return table


def _lookup(text: str, table: dict[str, str], prefixes: tuple[str, ...]) -> str | None:
    for candidate in (text, *_without_prefixes(text, prefixes)):
        for keep in (True, False):
            found = table.get(_vocabulary_key(candidate, keep))
            if found is not None:
                return found
    return None


def _without_prefixes(text: str, prefixes: tuple[str, ...]) -> list[str]:
    words = text.split(" ")
    rest: list[str] = []
    for prefix in prefixes:
        size = len(prefix.split(" "))
        if len(words) > size and fold(" ".join(words[:size])) == fold(prefix):
            rest.append(" ".join(words[size:]))
    return rest


def _is_mark(text: str) -> bool:
    """A yes/no mark or a number, not a name: `x`, `Có`, `1`, `Không`."""
    key = fold(text)
    return key in _YES_NO_KEYS or key.replace(".", "").replace(",", "").isdigit()


_YES_NO_KEYS = {fold(w) for w in (*schema.YES_WORDS, *schema.NO_WORDS)} - {""}


def _closest(text: str, table: dict[str, str]) -> str:
    close = difflib.get_close_matches(_vocabulary_key(text, False), list(table), n=1, cutoff=0.75)
    return f" Có phải «{table[close[0]]}»?" if close else ""


def read_ethnicity(text: str) -> object:
    """`Kinh`, `Dân tộc Kinh`, `Việt` → Kinh; a known group by its usual spellings; anything
    else kept as written with a `CellNote` that says how it is counted."""
    table = _vocabulary_table(schema.ETHNICITIES, tuple(schema.ETHNICITY_ALIASES.items()))
    found = _lookup(text, table, schema.ETHNICITY_PREFIXES)
    if found is not None:
        return found
    if fold(text) in {fold(v) for v in schema.ETHNICITY_NATIONAL}:
        return CellNote(
            schema.KINH,
            f"«{text}» là tên nước, không phải tên một dân tộc; được đọc là dân tộc {schema.KINH}. "
            "Nếu người này là dân tộc khác, hãy ghi tên dân tộc",
        )
    if _is_mark(text):
        return CellNote(
            schema.KINH,
            f"cột «Dân tộc» cần tên một dân tộc (ví dụ Kinh, Tày, Hoa); «{text}» không phải tên dân tộc nên "
            f"{schema.VOCABULARY_MARK_RULE}, tức là dân tộc {schema.KINH}. Hãy ghi tên dân tộc của người này",
        )
    return CellNote(
        text,
        f"«{text}» không có trong danh mục 54 dân tộc Việt Nam; {schema.ETHNICITY_UNKNOWN_RULE}."
        f"{_closest(text, table)} Nếu ghi sai, hãy sửa cho đúng tên dân tộc",
    )


def read_religion(text: str) -> object:
    """`Không`, `Lương`, `KTG`, `Không theo tôn giáo nào` → Không; a known religion by its usual
    spellings; anything else kept as written with a `CellNote` that says how it is counted."""
    none = _vocabulary_table((schema.NO_RELIGION,), tuple((w, schema.NO_RELIGION) for w in schema.NO_RELIGION_WORDS))
    if _lookup(text, none, ()) is not None:
        return schema.NO_RELIGION
    table = _vocabulary_table(schema.RELIGIONS, tuple(schema.RELIGION_ALIASES.items()))
    found = _lookup(text, table, schema.RELIGION_PREFIXES)
    if found is not None:
        return found
    if _is_mark(text):
        return CellNote(
            schema.NO_RELIGION,
            f"cột «Tôn giáo» cần tên tôn giáo (ví dụ Phật giáo, Công giáo) hoặc «Không»; «{text}» không phải tên "
            f"tôn giáo nên {schema.VOCABULARY_MARK_RULE}, tức là không theo tôn giáo. Nếu người này theo một "
            "tôn giáo, hãy ghi tên tôn giáo",
        )
    return CellNote(
        text,
        f"«{text}» không có trong danh sách tôn giáo được công nhận; {schema.RELIGION_UNKNOWN_RULE}."
        f"{_closest(text, table)} Nếu người này không theo tôn giáo nào, hãy ghi «Không»",
    )


VOCABULARIES: dict[str, Callable[[str], object]] = {"ethnicity": read_ethnicity, "religion": read_religion}


def _auto_date_choice(column: Column, value: date) -> object:
    """A list cell that Excel turned into a date as it was typed (`9/12` in a General cell becomes
    09/12 of this year): read back as the day/month typed when that is an allowed value, said."""
    shown = value.strftime("%d/%m/%Y")
    read: set[str] = set()
    typed = ""
    for text in (f"{value.day}/{value.month}", f"{value.month}/{value.day}"):
        try:
            found = parse_choice(text, column.choices, column.choice_aliases)
        except CellError:
            continue
        if found is not None:
            read.add(found)
            typed = typed or text
    advice = "hãy định dạng cột là Văn bản (Text) rồi ghi lại"
    if len(read) == 1:
        return CellNote(
            next(iter(read)),
            f"Excel đã tự đổi «{typed}» thành ngày {shown}; được đọc là «{typed}» ({next(iter(read))}). "
            f"Để khỏi bị đổi, {advice} «{typed}»",
            "excel-auto-date",
        )
    raise CellError(
        f"ô này là ngày {shown}: có thể Excel đã tự đổi thành ngày một giá trị gõ dạng «ngày/tháng» "
        f"(ví dụ «{value.day}/{value.month}»); {advice}. Cần {', '.join(column.choices)}",
        value,
    )


def parse_cell(column: Column, value: object) -> object:
    """A cell to the value its column expects (the default when empty)."""
    if column.kind is Kind.IGNORED:
        return None
    if column.kind is Kind.TEXT and column.lines and isinstance(value, str) and ("\n" in value or "\r" in value):
        kept = [line for line in (clean_text(part) for part in value.splitlines()) if line]
        return "\n".join(kept) if kept else column.default
    if column.kind is Kind.TEXT:
        text = clean_text(value)
        if text and column.vocabulary:
            return VOCABULARIES[column.vocabulary](text)
        return text if text else column.default
    if column.kind is Kind.DATE:
        return parse_date(value)
    if column.kind is Kind.YEAR:
        return parse_year(value)
    if column.kind is Kind.PERIOD:
        return parse_period(value)
    if column.kind is Kind.COUNT:
        parsed = parse_count(value)
        return column.default if parsed is None else parsed
    if column.kind is Kind.YESNO:
        return parse_yes_no(value)
    if column.kind is Kind.CHOICE and isinstance(value, date):
        return _auto_date_choice(column, value)
    if column.kind is Kind.CHOICE:
        parsed_choice = parse_choice(value, column.choices, column.choice_aliases, column.choice_hint)
        return column.default if parsed_choice is None else parsed_choice
    raise AssertionError(column.kind)  # pragma: no cover
