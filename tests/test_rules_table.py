"""The rules' one home (reportgen.rules): thresholds at their boundaries, the 3% target with
one rounding, age classes, and the dated table of texts a document may cite."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportgen import rules
from reportgen.render.context.plan import basis_texts


def numbers(texts: tuple[rules.Text, ...]) -> list[str]:
    return [t.number for t in texts]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2016, 7, 24), []),
        (date(2016, 7, 25), ["29-QĐ/TW"]),  # its guidance came on 20/9/2016
        (date(2016, 9, 20), ["29-QĐ/TW", "01-HD/TW"]),
        (date(2021, 7, 29), ["29-QĐ/TW", "01-HD/TW"]),
        (date(2021, 7, 30), ["24-QĐ/TW", "01-HD/TW"]),
        (date(2025, 1, 19), ["24-QĐ/TW", "01-HD/TW"]),
        (date(2025, 1, 20), ["232-QĐ/TW", "01-HD/TW"]),
        (date(2025, 6, 30), ["232-QĐ/TW", "01-HD/TW"]),
        (date(2025, 7, 1), ["294-QĐ/TW", "06-HD/TW"]),
        (date(2030, 1, 1), ["294-QĐ/TW", "06-HD/TW"]),
    ],
)
def test_texts_in_force_on_a_date(day: date, expected: list[str]) -> None:
    assert numbers(rules.rules_in_force(day)) == expected


def test_the_guidance_of_2016_until_the_guidance_of_2021() -> None:
    # QĐ 24 took effect on 30/7/2021; its guidance is dated 28/9/2021: in between, the 2016 one.
    assert rules.rules_in_force(date(2021, 9, 27))[1].issued == date(2016, 9, 20)
    assert rules.rules_in_force(date(2021, 9, 28))[1].issued == date(2021, 9, 28)


@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_never_a_text_issued_after_the_date(day: date) -> None:
    for text in rules.rules_in_force(day):
        assert text.issued <= day
    basis = basis_texts(day)
    for text in (*[r.regulation for r in rules.REGIMES], *[r.guidance for r in rules.REGIMES], *rules.TEXTS):
        if text.issued > day:
            assert f"số {text.number} ngày {text.issued.day:02d}/{text.issued.month}/{text.issued.year}" not in basis


def test_plan_basis_cites_resolution_21_only_after_its_date() -> None:
    before, after = basis_texts(date(2022, 6, 15)), basis_texts(date(2022, 6, 16))
    assert "21-NQ/TW" not in before
    assert "Nghị quyết số 21-NQ/TW ngày 16/6/2022" in after
    assert basis_texts(date(2026, 1, 5)) == (
        "Thực hiện Quy định số 294-QĐ/TW ngày 26/5/2025 của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng;"
        " Hướng dẫn số 06-HD/TW ngày 09/6/2025 của Ban Bí thư về một số vấn đề cụ thể thi hành Điều lệ Đảng;"
        " Nghị quyết số 21-NQ/TW ngày 16/6/2022 của Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng khóa XIII"
        " về tăng cường củng cố, xây dựng tổ chức cơ sở đảng và nâng cao chất lượng đội ngũ đảng viên trong"
        " giai đoạn mới"
    )
    assert basis_texts(date(2015, 1, 1)) == ""


def test_district_level_ends_on_1_july_2025() -> None:
    assert rules.district_level_exists(date(2025, 6, 30))
    assert not rules.district_level_exists(date(2025, 7, 1))
    assert rules.DISTRICT_LEVEL_ENDED == date(2025, 7, 1)


@pytest.mark.parametrize(
    ("members", "target"),
    [(None, None), (0, 0), (1, 1), (33, 1), (34, 2), (100, 3), (300, 9), (301, 10), (340, 11), (332, 10)],
)
def test_three_percent_target_rounded_up_once(members: int | None, target: int | None) -> None:
    assert rules.member_target(members) == target


def test_short_of_three_percent_at_the_boundary() -> None:
    assert rules.short_of_target(8, 300) is True
    assert rules.short_of_target(9, 300) is False
    assert rules.short_of_target(9, 301) is True  # 3% of 301 is 9,03: 10 people
    assert rules.short_of_target(0, None) is None
    assert rules.short_of_target(0, 0) is None


def test_below_quota_and_a_zero_quota() -> None:
    assert rules.below(1, 2)
    assert not rules.below(2, 2)
    assert not rules.below(0, 0)  # a zero quota is no quota
    assert not rules.below(0, None)


def birthday(born: date, years: int) -> date:
    return born.replace(year=born.year + years)


@pytest.mark.parametrize(
    ("offset", "band"),
    [
        (-1, "age_56_60"),  # the day before the 60th birthday
        (0, "age_56_60"),  # full 60
        (1, "age_over_60"),  # 60 years and a day
        (92, "age_over_60"),  # 60 years and 3 months: case (e) of issue 8
    ],
)
def test_age_band_at_sixty(offset: int, band: str) -> None:
    born = date(1965, 4, 12)
    on = birthday(born, rules.MAX_AGE_YEARS) + timedelta(days=offset)
    assert rules.age_band(born, on) == band
    assert rules.over_max_age(born, on) == (band == "age_over_60")


@pytest.mark.parametrize(("offset", "band"), [(-1, "age_under_18"), (0, "age_18_30")])
def test_age_band_at_eighteen(offset: int, band: str) -> None:
    born = date(2007, 4, 12)
    on = birthday(born, rules.MIN_AGE_YEARS) + timedelta(days=offset)
    assert rules.age_band(born, on) == band
    assert rules.under_min_age(born, on) == (band == "age_under_18")


def test_every_band_has_a_label_and_the_bands_meet() -> None:
    bands = rules.AGE_BANDS
    for (_, _, _, last), (_, _, first, _) in zip(bands, bands[1:]):
        assert first == last + 1


@pytest.mark.parametrize(("offset", "valid"), [(-1, True), (0, True), (1, False)])
def test_class_certificate_on_its_60_month_day(offset: int, valid: bool) -> None:
    taken = date(2020, 3, 15)
    on = date(2025, 3, 15) + timedelta(days=offset)
    assert rules.class_valid_on(taken, on) is valid


def test_recognition_overdue_counts_working_days_after_twelve_months() -> None:
    ceremony = date(2024, 1, 10)  # probation ends 10/01/2025; 30 working days with Tết: 28/02/2025
    deadline = rules.recognition_deadline(ceremony)
    assert deadline == date(2025, 2, 28)
    assert not rules.recognition_overdue(ceremony, deadline)
    assert rules.recognition_overdue(ceremony, deadline + timedelta(days=1))


def test_no_admission_streak_from_two_years() -> None:
    from reportgen.stats.model import is_no_admission_streak

    assert not is_no_admission_streak((2025,))
    assert is_no_admission_streak((2024, 2025))


@pytest.mark.parametrize(("youth", "low"), [(1, True), (2, False), (3, False)])
def test_youth_union_low_under_half_of_the_admissions(youth: int, low: bool) -> None:
    from reportgen.stats.model import Structure, StructureRow

    rows = (StructureRow("Đặc điểm", "Đoàn viên", "youth_union", youth, youth / 4),)
    assert Structure(total=4, rows=rows, mean_age=None).youth_union_low is low


def test_source_quota_default_is_the_rule() -> None:
    from reportgen import schema

    assert schema.QUOTA_SHEET.column("source_quota").default == rules.DEFAULT_SOURCE_QUOTA == 1


def test_each_regulation_is_issued_by_the_day_its_regime_starts() -> None:
    """The table itself: a regime cannot start before its regulation exists (QĐ 24 on 30/7/2021)."""
    for regime in rules.REGIMES:
        assert regime.regulation.issued <= regime.since, regime.regulation.number
    assert rules.REGULATION_24.issued == date(2021, 7, 30)
    assert rules.REGULATION_294.issued == date(2025, 5, 26)
    assert rules.REGULATION_232.issued == date(2025, 1, 20)
    assert rules.REGULATION_29.issued == date(2016, 7, 25)


@pytest.mark.parametrize(("members", "warned"), [(2, True), (3, False)])
def test_a_branch_needs_three_official_members(tmp_path, members: int, warned: bool) -> None:
    from builders import Ward, make_branch, make_ward
    from reportgen.pipeline import check

    make_ward(tmp_path, Ward(quotas=[(2025, "Chi bộ A", 1, 1, members), (2025, "Toàn Đảng bộ", 1, None, members)]))
    make_branch(tmp_path, "Chi bộ A", file="a.xlsx")
    findings = check(tmp_path, year=2025, today=date(2026, 1, 5)).findings
    assert any(f.rule == "small-branch" for f in findings) is warned


def test_every_branch_sources_at_least_one_in_the_plan() -> None:
    from reportgen.stats.plan import BranchNeed, source_quota

    # Binding only where nothing else asks for sources: no admission quota, nothing lacking.
    assert source_quota(0, BranchNeed("Chi bộ A", "Khu dân cư", 0, 0)) == rules.MIN_SOURCES_PER_BRANCH == 1
    assert source_quota(0, BranchNeed("Chi bộ A", "Khu dân cư", 3, 3)) == 1
