"""A branch named in `Chỉ tiêu` and in its own workbook alike only after removing accents or
writing out `TDP`/`Chi bộ`: a warning on the workbook's `Tên chi bộ` cell, the ward's spelling
in the documents."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from builders import Admission, Ward, make_branch, make_ward
from docread import all_text
from reportgen import pipeline
from reportgen.findings import Severity
from reportgen.intake.normalize import branch_key

ISSUED = date(2026, 1, 5)
WARD_NAME = "Chi bộ Tổ dân phố 2"


def _inbox(tmp_path, workbook_name: str):
    inbox = tmp_path / "in"
    inbox.mkdir()
    make_ward(inbox, Ward(quotas=[(2025, WARD_NAME, 1, 1, 10), (2025, "Toàn Đảng bộ", 1, None, 10)]))
    make_branch(inbox, workbook_name, file="cb2.xlsx",
                admissions=[Admission("Lê Văn An", date(1990, 1, 1), date(2025, 6, 1))])
    return inbox


@pytest.mark.parametrize("written", ["Tổ dân phô 2", "Chi bộ TDP 2", "Tổ dân phố 2", "chi bộ tdp. 2"])
def test_a_name_that_matches_only_loosely_is_a_warning_on_the_branch_cell(tmp_path, written):
    inbox = _inbox(tmp_path, written)
    out = tmp_path / "out"
    result = pipeline.build(inbox, out, issued=ISSUED, today=ISSUED)
    found = [f for f in result.check.findings if f.rule == "branch-name-spelling"]
    assert len(found) == 1
    f = found[0]
    assert (f.severity, f.file, f.sheet, f.row, f.column, f.cell_column) == (
        Severity.WARNING, "cb2.xlsx", "Thông tin", 2, "Tên chi bộ", 2)
    assert f"«{WARD_NAME}»" in f.message and "TDP" in f.message
    assert not [f for f in result.check.findings if f.rule == "quota-without-workbook"]
    # the documents use the ward's spelling
    assert result.check.ok and result.report is not None
    names = [b.info.name for b in result.report.branch_reports]
    assert names == [WARD_NAME]
    annual = all_text(out / "bao-cao-2025.docx")
    assert WARD_NAME in annual
    wrong = written[0].upper() + written[1:]
    assert wrong in WARD_NAME or wrong not in annual
    # and the branch's marked copy points at the cell
    copy = openpyxl.load_workbook(out / "kiem-tra" / "cb2.xlsx")
    assert copy["Thông tin"]["B2"].comment is not None


@pytest.mark.parametrize("written", [WARD_NAME, "CHI BỘ TỔ DÂN PHỐ 2", "Chi bộ  Tổ dân phố 2"])
def test_the_same_name_up_to_case_and_spaces_is_no_finding(tmp_path, written):
    result = pipeline.check(_inbox(tmp_path, written), today=ISSUED)
    assert not [f for f in result.findings if f.rule in ("branch-name-spelling", "quota-without-workbook")]


def test_short_forms_are_written_out_in_the_branch_key():
    assert branch_key("Chi bộ TDP 2") == branch_key("Tổ dân phố 2") == branch_key("chi bộ T.D.P 2".replace(".", ""))
    assert branch_key("KDC Vĩnh Xuân") == branch_key("Khu dân cư Vĩnh Xuân")
    assert branch_key("Tổ dân phố 12") != branch_key("Tổ dân phố 2")
