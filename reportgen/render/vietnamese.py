"""Vietnamese formatting in one place: numbers, percents, dates, name collation, slugs.

Every figure a document or workbook shows as text goes through here, so a change of
convention (two-digit counts, decimal places) is made once. Name collation and slugs
live one layer down in `reportgen.vntext` (stats sort with them too) and are re-exported.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal, format_percent

from reportgen.vntext import SortKey, name_sort_key, slugify, sort_names, sort_texts, text_sort_key

__all__ = [
    "LOCALE",
    "MISSING",
    "SortKey",
    "count_pct",
    "date_line",
    "date_words",
    "fmt_count",
    "fmt_date",
    "fmt_decimal",
    "fmt_int",
    "fmt_pct",
    "name_sort_key",
    "slugify",
    "sort_names",
    "sort_texts",
    "text_sort_key",
]

LOCALE = "vi"
MISSING = "–"  # printed where a figure cannot be computed (no quota, no base)


# --- numbers ---------------------------------------------------------------


def _round_half_up(x: float | int | Decimal, places: int) -> Decimal:
    """Round as people do on paper (2,625 -> 2,63); babel alone rounds half to even."""
    value = x if isinstance(x, Decimal) else Decimal(repr(x))
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def fmt_int(n: int | None) -> str:
    """Whole number with a thousands dot: 1234 -> "1.234"; None -> "–"."""
    if n is None:
        return MISSING
    return format_decimal(int(n), "#,##0", locale=LOCALE)


def fmt_count(n: int | None, two_digits: bool = True) -> str:
    """A count as written in prose: 1..9 -> "01".."09" when two_digits; 0 -> "0"."""
    if n is None:
        return MISSING
    if two_digits and 0 < n < 10:
        return f"{int(n):02d}"
    return fmt_int(n)


def fmt_decimal(x: float | int | None, places: int = 1, trim: bool = False) -> str:
    """Decimal comma: 7.6 -> "7,6". With trim, 12.0 -> "12" and 7.50 -> "7,5"."""
    if x is None:
        return MISSING
    value = _round_half_up(x, places)
    if trim:
        value = value.normalize()
        decimals = max(0, -value.as_tuple().exponent)  # type: ignore[operator]
        places = min(places, decimals)
    pattern = "#,##0" + ("." + "0" * places if places > 0 else "")
    return format_decimal(value, pattern, locale=LOCALE)


def fmt_pct(share: float | None, places: int = 2, trim: bool = False) -> str:
    """A fraction as a percent: 0.736842 -> "73,68%"; None -> "–". trim: 0.03 -> "3%"."""
    if share is None:
        return MISSING
    value = _round_half_up(share, places + 2)
    if trim:
        value = value.normalize()
        decimals = max(0, -value.as_tuple().exponent - 2)  # type: ignore[operator]
        places = min(places, decimals)
    pattern = "#,##0" + ("." + "0" * places if places > 0 else "") + "%"
    return format_percent(value, pattern, locale=LOCALE)


def count_pct(count: int, share: float | None, two_digits: bool = True) -> str:
    """ "28 (73,68%)", "02 (5,26%)"; the count alone when there is no share."""
    text = fmt_count(count, two_digits)
    if share is None:
        return text
    return f"{text} ({fmt_pct(share)})"


# --- dates -----------------------------------------------------------------


def fmt_date(d: date | None) -> str:
    """Date as in tables: 05/01/2023; empty when unknown."""
    if d is None:
        return ""
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def date_words(d: date) -> str:
    """ "ngày 05 tháng 01 năm 2023": a zero before days < 10 and months 1, 2 only."""
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def date_line(place: str, d: date) -> str:
    """The place-date line of the header: "Phổ Hòa, ngày 05 tháng 01 năm 2023"."""
    return f"{place.strip()}, {date_words(d)}"
