"""Calendar arithmetic (reportgen.dates): months, years, working days with Vietnam's holidays,
and no exception at the edges of the calendar."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from vn_calendar import HOLIDAYS_2025, weekdays_after, working_days_after

from reportgen import dates


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2020, 3, 15), 60, date(2025, 3, 15)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2024, 12, 5), 12, date(2025, 12, 5)),
    ],
)
def test_add_months(day: date, months: int, expected: date) -> None:
    assert dates.add_months(day, months) == expected


def test_add_years_from_29_february() -> None:
    assert dates.add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert dates.add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)


@pytest.mark.parametrize(
    ("call", "args"),
    [
        (dates.add_months, (date(9999, 12, 1), 1)),
        (dates.add_months, (date(1, 1, 31), -1)),
        (dates.add_years, (date(9999, 1, 1), 1)),
        (dates.add_years, (date(1, 6, 1), -18)),
        (dates.add_days, (date(9999, 12, 31), 1)),
        (dates.add_working_days, (date(9999, 12, 29), 5)),
    ],
)
def test_past_the_calendar_is_none(call, args) -> None:  # type: ignore[no-untyped-def]
    assert call(*args) is None


@given(st.dates(), st.integers(min_value=-200_000, max_value=200_000))
def test_add_months_never_raises(day: date, months: int) -> None:
    result = dates.add_months(day, months)
    if result is not None:
        assert dates.full_months(day, result) == months or result.day < day.day


@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 9, 1)), st.integers(min_value=0, max_value=40))  # 40 working days stay inside the calendar
def test_working_days_never_raise_and_land_on_a_working_day(day: date, count: int) -> None:
    result = dates.add_working_days(day, count)
    assert result is not None
    assert result >= day
    if count:
        assert dates.is_working_day(result)
        assert dates.working_days_between(day, result) == count


def test_full_years_and_months_on_the_day() -> None:
    born = date(2007, 3, 10)
    assert dates.full_years(born, date(2025, 3, 9)) == 17
    assert dates.full_years(born, date(2025, 3, 10)) == 18
    assert dates.full_months(date(2020, 3, 10), date(2025, 3, 9)) == 59
    assert dates.full_months(date(2020, 3, 10), date(2025, 3, 10)) == 60


def test_tet_is_not_a_working_day() -> None:
    for day in sorted(HOLIDAYS_2025):
        assert not dates.is_working_day(day), day
    assert dates.is_working_day(date(2025, 2, 3))  # the Monday after Tết


def test_one_working_day_across_tet() -> None:
    # Friday 24/01/2025: a weekday count would say Monday 27/01, a Tết holiday.
    assert dates.add_working_days(date(2025, 1, 24), 1) == date(2025, 2, 3)


@pytest.mark.parametrize("start", [date(2025, 1, 2), date(2025, 1, 10), date(2025, 1, 24), date(2025, 4, 25)])
def test_thirty_working_days_match_the_published_holidays(start: date) -> None:
    expected = working_days_after(start, 30)
    assert dates.add_working_days(start, 30) == expected
    assert dates.working_days_between(start, expected) == 30
    assert dates.working_days_between(start, expected - timedelta(days=1)) == 29
    # A weekday count ignores Tết and 30/4: it ends earlier.
    if start.month == 1 or start == date(2025, 4, 25):
        assert weekdays_after(start, 30) < expected
