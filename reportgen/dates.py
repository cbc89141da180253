"""Calendar arithmetic shared by intake, validate and stats (it imports none of them).

Months and years are counted as the Party's texts count them ("đủ 18 tuổi", "60
tháng"); working days are Monday to Friday less Vietnam's public holidays, from the
kept calendar of the `holidays` package (country VN: Tết, Giỗ Tổ, 30/4, 1/5, 2/9 and
the substitute days). Nothing here raises on an extreme date: a result that would fall
outside the calendar (before year 1, after 9999) is None, and the caller decides.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import holidays

HOLIDAY_COUNTRY = "VN"
_SATURDAY = 5


def full_years(born: date, on: date) -> int:
    """Whole years from `born` to `on` (age in full years; negative when `on` is earlier)."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def full_months(start: date, on: date) -> int:
    """Whole months from `start` to `on` (a month is complete on the same day of the month)."""
    return (on.year - start.year) * 12 + (on.month - start.month) - (on.day < start.day)


def add_months(day: date, months: int) -> date | None:
    """The same day `months` later (the last day of a shorter month); None outside years 1-9999."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if not date.min.year <= year <= date.max.year:
        return None
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def add_years(day: date, years: int) -> date | None:
    """The same day `years` later (29 February -> 28 February); None outside years 1-9999."""
    return add_months(day, 12 * years)


def add_days(day: date, days: int) -> date | None:
    """`days` calendar days later (or earlier); None outside the calendar."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


# Year-end reports are written in December: a document dated then may report its own year.
YEAR_END_REPORT_MONTH = 12


def last_reportable_year(on: date) -> int:
    """The latest year a document dated `on` reports on by default: the last year that has
    ended by then, or its own year when it is dated in December (the year-end report)."""
    return on.year if on.month >= YEAR_END_REPORT_MONTH else on.year - 1


def year_start(year: int) -> date:
    return date(year, 1, 1)


def year_end(year: int) -> date:
    return date(year, 12, 31)


@cache
def _holidays_of(year: int) -> frozenset[date]:
    """Vietnam's public holidays of one year (empty for years the calendar does not know)."""
    try:
        return frozenset(holidays.country_holidays(HOLIDAY_COUNTRY, years=year).keys())
    except Exception:  # noqa: BLE001 - a calendar that cannot say leaves only weekends
        return frozenset()


def is_holiday(day: date) -> bool:
    """A public holiday in Vietnam (Tết, 30/4, 1/5, 2/9, Giỗ Tổ, substitute days)."""
    return day in _holidays_of(day.year)


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a public holiday."""
    return day.weekday() < _SATURDAY and not is_holiday(day)


def add_working_days(day: date, count: int) -> date | None:
    """The day `count` working days after `day` (`day` itself not counted); None past the calendar."""
    current = day
    remaining = count
    while remaining > 0:
        step = add_days(current, 1)
        if step is None:
            return None
        current = step
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when `end` is not later)."""
    count = 0
    current = start
    while current < end:
        current = current + timedelta(days=1)
        if is_working_day(current):
            count += 1
    return count
