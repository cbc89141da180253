"""The test's own working-day count: weekends and Vietnam's 2025 public holidays as the
government announced them, written out so tests do not trust the library they check."""

from __future__ import annotations

from datetime import date, timedelta

# Tết: 27-31/01 (with the weekends around it); Giỗ Tổ 07/4; 30/4 and 1/5 with the substitute
# day 02/5; National Day 2/9 with 1/9.
HOLIDAYS_2025 = frozenset({
    date(2025, 1, 1),
    *(date(2025, 1, d) for d in range(27, 32)),
    date(2025, 4, 7),
    date(2025, 4, 30),
    date(2025, 5, 1),
    date(2025, 5, 2),
    date(2025, 9, 1),
    date(2025, 9, 2),
})


def is_working_day(day: date) -> bool:
    assert day.year == 2025, "the list above covers 2025 only"
    return day.weekday() < 5 and day not in HOLIDAYS_2025


def working_days_after(day: date, count: int) -> date:
    """Step day by day, skipping weekends and the holidays above."""
    while count:
        day += timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def weekdays_after(day: date, count: int) -> date:
    """What a weekday-only count (no holidays) would say."""
    while count:
        day += timedelta(days=1)
        count -= day.weekday() < 5
    return day


def next_working_day(day: date) -> date:
    return working_days_after(day, 1)
