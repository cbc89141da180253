"""Cells to values: dates day first, yes/no words, counts, choices, header folding."""

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportgen import schema
from reportgen.intake.normalize import (
    CellError,
    clean_text,
    fold_header,
    parse_choice,
    parse_count,
    parse_date,
    parse_year,
    parse_yes_no,
)

dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@given(dates, st.sampled_from(["/", "-", "."]), st.booleans())
def test_text_dates_are_read_day_first(day, sep, pad):
    text = f"{day.day:02d}{sep}{day.month:02d}{sep}{day.year}" if pad else f"{day.day}{sep}{day.month}{sep}{day.year}"
    assert parse_date(text) == day


@given(dates)
def test_real_excel_dates_and_datetimes_pass_through(day):
    assert parse_date(day) == day
    assert parse_date(datetime(day.year, day.month, day.day, 0, 0)) == day


@given(st.integers(min_value=13, max_value=31), st.integers(min_value=1, max_value=12), st.integers(1950, 2030))
def test_month_first_text_is_never_guessed(day, month, year):
    with pytest.raises(CellError, match="tháng/ngày/năm"):
        parse_date(f"{month}/{day}/{year}")


def test_ambiguous_text_is_day_first():
    assert parse_date("05/06/2019") == date(2019, 6, 5)


@pytest.mark.parametrize("bad", ["31/02/2020", "hôm qua", "2020", "1/1/20", "00/01/2020", True])
def test_bad_dates_raise_with_what_is_expected(bad):
    with pytest.raises(CellError) as info:
        parse_date(bad)
    assert "ngày" in info.value.message or "năm" in info.value.message


def test_empty_date_is_none():
    assert parse_date(None) is None
    assert parse_date("   ") is None


def test_excel_serial_number_becomes_a_date():
    assert parse_date(44927) == date(2023, 1, 1)


@given(st.sampled_from(["Có", "có", "CÓ", "x", "X", "1", "Đ", "đ", "Yes", "yes", " x ", 1, True]))
def test_yes_words(word):
    assert parse_yes_no(word) is True


@given(st.sampled_from(["", None, "Không", "không", "0", "No", 0, False, "  "]))
def test_no_words(word):
    assert parse_yes_no(word) is False


@given(st.text(alphabet="abqwzé?!", min_size=2, max_size=6))
def test_other_words_are_not_guessed(word):
    with pytest.raises(CellError):
        parse_yes_no(word)


@pytest.mark.parametrize("value,expected", [(3, 3), (3.0, 3), ("12", 12), (" 7 ", 7), ("4,0", 4), (None, None)])
def test_counts(value, expected):
    assert parse_count(value) == expected


@pytest.mark.parametrize("value", [-1, 2.5, "ba", "1,5", True])
def test_bad_counts(value):
    with pytest.raises(CellError):
        parse_count(value)


def test_years():
    assert parse_year(2023) == 2023
    assert parse_year("2023") == 2023
    assert parse_year("Năm 2023") == 2023
    with pytest.raises(CellError):
        parse_year("23")


def test_choice_matches_without_diacritics_and_suggests():
    assert parse_choice("dai hoc", schema.PROFESSIONAL, schema.PROFESSIONAL_ALIASES) == "Đại học"
    assert parse_choice("12/12", schema.EDUCATION, schema.EDUCATION_ALIASES) == "THPT"
    with pytest.raises(CellError, match="Đại học"):
        parse_choice("Đại hoc chính quy", schema.PROFESSIONAL, schema.PROFESSIONAL_ALIASES)


HEADER_FORMS = ["Họ và tên", "HỌ VÀ TÊN", "Ho va ten", "  họ   và tên ", "Họ và tên (*)", "Họ và tên:"]


@given(st.sampled_from(HEADER_FORMS), st.sampled_from(["NFC", "NFD"]))
def test_header_folding(header, form):
    import unicodedata

    assert fold_header(unicodedata.normalize(form, header)) == "ho va ten"


def test_text_is_nfc_and_spaces_folded():
    import unicodedata

    assert clean_text(unicodedata.normalize("NFD", "  Nguyễn   Văn  An ")) == "Nguyễn Văn An"


def test_text_dates_with_a_time_part():
    assert parse_date("05/01/2023 00:00:00") == date(2023, 1, 5)
    assert parse_date("5/1/2023 7:30") == date(2023, 1, 5)


def test_a_date_in_a_yes_no_column_means_yes():
    assert parse_yes_no(date(2015, 3, 26)) is True
    assert parse_yes_no(datetime(2015, 3, 26)) is True
    assert parse_yes_no("26/03/2015") is True


def test_choice_with_a_note_in_parentheses():
    assert parse_choice("Đại học (chính quy)", schema.PROFESSIONAL, schema.PROFESSIONAL_ALIASES) == "Đại học"
    assert parse_choice("12/12 (BTVH)", schema.EDUCATION, schema.EDUCATION_ALIASES) == "THPT"
