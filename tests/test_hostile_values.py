"""Values that are valid cells but would mislead: invisible format characters, dates
outside the calendar's sensible bounds, rows of an older term."""

from __future__ import annotations

import sys
import unicodedata
from datetime import date

import pytest

from builders import Admission, Ward, make_branch, make_ward
from reportgen.findings import Findings
from reportgen.intake.load import load_inbox
from reportgen.intake.normalize import FORMAT_CHARACTERS, CellError, check_date_bounds, clean_text, fold
from reportgen.stats.aggregate import aggregate


def test_format_characters_are_exactly_category_cf():
    matched = [cp for cp in range(sys.maxunicode + 1) if FORMAT_CHARACTERS.match(chr(cp))]
    format_chars = [cp for cp in range(sys.maxunicode + 1) if unicodedata.category(chr(cp)) == "Cf"]
    assert set(format_chars) <= set(matched)
    # the table is of a newer Unicode than this Python may know: the extra ones are unassigned here
    assert all(unicodedata.category(chr(cp)) in ("Cf", "Cn") for cp in matched)


@pytest.mark.parametrize("mark", ["\ufeff", "\u2060", "\u200b", "\u200d", "\u00ad", "\u200e", "\u202e"])
def test_format_characters_vanish_from_text_and_keys(mark):
    assert clean_text(f"Lê Văn{mark} An{mark}") == "Lê Văn An"
    assert fold(f"{mark}Lê Văn An") == fold("Lê Văn An")


@pytest.mark.parametrize("day, latest, words", [
    (date(9999, 12, 31), 2027, "tương lai"),
    (date(1, 1, 1), 2027, "quá xa trong quá khứ"),
    (date(1899, 12, 31), 2027, "quá xa trong quá khứ"),
    (date(2028, 1, 1), 2027, "sau năm 2027"),
])
def test_dates_outside_the_bounds_are_cell_errors(day, latest, words):
    with pytest.raises(CellError) as raised:
        check_date_bounds(day, latest)
    assert words in raised.value.message


@pytest.mark.parametrize("day", [date(1900, 1, 1), date(2027, 12, 31)])
def test_dates_on_the_bounds_are_accepted(day):
    check_date_bounds(day, 2027)


def _streaks(folder, quotas):
    make_ward(folder, Ward(quotas=quotas))
    make_branch(folder, "Chi bộ A", file="a.xlsx", admissions=[Admission("Lê Văn An", date(1990, 1, 1), date(2021, 6, 1))])
    make_branch(folder, "Chi bộ B", file="b.xlsx", admissions=[Admission("Lê Văn Bình", date(1990, 1, 1),
                                                                         date(2025, 6, 1))])
    findings = Findings()
    inbox = load_inbox(folder, findings, today=date(2026, 1, 5))
    assert not findings.has_errors, [f.describe() for f in findings.errors]
    report = aggregate(inbox, 2025, date(2026, 1, 5))
    return {s.branch: s.years for s in report.shortfalls.no_admission_streaks}


def test_a_quota_row_of_an_older_term_does_not_lengthen_a_streak(tmp_path):
    current = [(y, b, 1, 1, 10) for y in range(2021, 2026) for b in ("Chi bộ A", "Chi bộ B")]
    (tmp_path / "now").mkdir()
    (tmp_path / "old").mkdir()
    without = _streaks(tmp_path / "now", current)
    with_old_row = _streaks(tmp_path / "old", current + [(2012, "Chi bộ B", 1, 1, 10)])
    assert without == with_old_row == {"Chi bộ A": (2022, 2023, 2024, 2025)}


def test_streak_stops_at_the_term_start(tmp_path):
    """Chi bộ B admitted nobody since 2014: within the 2020-2025 term that is 2021-2025."""
    make_ward(tmp_path, Ward(quotas=[(y, "Chi bộ B", 1, 1, 10) for y in (2014, *range(2021, 2026))]))
    make_branch(tmp_path, "Chi bộ B", file="b.xlsx",
                admissions=[Admission("Lê Văn Bình", date(1980, 1, 1), date(2014, 6, 1))])
    findings = Findings()
    inbox = load_inbox(tmp_path, findings, today=date(2026, 1, 5))
    report = aggregate(inbox, 2025, date(2026, 1, 5))
    assert {s.branch: s.years for s in report.shortfalls.no_admission_streaks} == {
        "Chi bộ B": (2021, 2022, 2023, 2024, 2025)}


@pytest.mark.parametrize("text", ["Nguyễn Thị Ánh Tuyết", "ĐẶNG VĂN ĐỨC", "Ho va ten", "Ngô Quốc Tuấn ४", "Žofie Ñandú"])
def test_fold_fast_path_equals_removing_every_mark(text):
    expected = "".join(ch for ch in unicodedata.normalize("NFD", clean_text(text).lower())
                       if unicodedata.category(ch) != "Mn").replace("đ", "d").replace("ð", "d")
    assert fold(text) == expected


def test_a_cell_left_merged_by_a_damaged_file_is_not_marked_and_does_not_crash():
    """Found by tools/fuzz_structure.py (seed 202600486): overlapping merges leave a cell that
    belongs to no range the sheet lists."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import MergedCell

    from reportgen.findings import Finding, Severity
    from reportgen.render.findings_workbook import _mark

    ws = Workbook().active
    ws.merge_cells("A1:B2")
    ws.merged_cells.remove(next(iter(ws.merged_cells.ranges)))  # the cells stay merged, the range is gone
    assert isinstance(ws["B2"], MergedCell)
    _mark(ws, 2, 2, [Finding(Severity.ERROR, "x", file="a.xlsx", sheet="Sheet", row=2)])
    assert ws["B2"].comment is None
