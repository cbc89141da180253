"""A report issued again with its original date (breaker-3 F24): `--year 2024 --ngay 10/01/2025` run in
November 2025, when the workbooks already hold what happened in 2025. Those later dates are not errors
(one warning says them), and the documents are those the workbooks as they stood on 10/01/2025 give."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from builders import Admission, Candidate, Ward, make_branch, make_ward
from docread import all_text
from reportgen.pipeline import build

ISSUED = date(2025, 1, 10)
CLOCK = date(2025, 11, 26)
QUOTAS = [(y, b, 2, 2, 30) for y in (2024, 2025) for b in ("Chi bộ Tổ dân phố 1", "Toàn Đảng bộ")]
NAME = "Chi bộ Tổ dân phố 1"


def _ward(folder: Path, *, with_later: bool) -> Path:
    """The ward's workbooks in November 2025 (`with_later`), or as they stood on 10/01/2025."""
    folder.mkdir()
    make_ward(folder, Ward(quotas=QUOTAS))
    admissions = [
        Admission("Nguyễn Văn An", date(1990, 1, 2), date(2024, 3, 4), class_date=date(2023, 10, 1),
                  official=date(2025, 3, 10) if with_later else None),
        Admission("Trần Thị Bình", date(1995, 5, 6), date(2024, 8, 9), class_date=date(2024, 2, 1)),
    ]
    candidates = [
        Candidate("Lê Văn Cường", date(1998, 2, 3), date(2023, 5, 1), class_date=date(2024, 6, 1),
                  status="Đã kết nạp" if with_later else "Đang bồi dưỡng",
                  status_date=date(2025, 6, 2) if with_later else None),
        Candidate("Phạm Thị Dung", date(2000, 7, 8), date(2024, 4, 1),
                  class_date=date(2025, 4, 20) if with_later else None),
    ]
    if with_later:
        admissions.append(Admission("Lê Văn Cường", date(1998, 2, 3), date(2025, 6, 2), class_date=date(2024, 6, 1)))
        candidates.append(Candidate("Hoàng Văn Em", date(2001, 9, 9), date(2025, 3, 3)))
    make_branch(folder, NAME, admissions=admissions, candidates=candidates)
    return folder


def _texts(out: Path) -> dict[str, str]:
    return {str(p.relative_to(out)): all_text(p) for p in sorted(out.rglob("*.docx"))}


def test_a_report_issued_again_with_its_date_is_built_as_on_that_date(tmp_path):
    now = build(_ward(tmp_path / "now", with_later=True), tmp_path / "out-now", year=2024, issued=ISSUED, today=CLOCK)
    assert now.check.ok, [f.describe() for f in now.check.findings.errors]
    [later] = [f for f in now.check.findings if f.rule == "after-document-date"]
    # the cells dated after 10/01/2025 in the November workbooks: an official date, a status change, a class,
    # an admission and a new candidate
    assert later.message.startswith("5 ô ghi ngày sau ngày lập văn bản 10/01/2025 (muộn nhất 02/06/2025)")
    then = build(_ward(tmp_path / "then", with_later=False), tmp_path / "out-then", year=2024, issued=ISSUED,
                 today=CLOCK)
    assert then.check.ok and not [f for f in then.check.findings if f.rule == "after-document-date"]
    documents = _texts(tmp_path / "out-now")
    assert "bao-cao-2024.docx" in documents and "ke-hoach-2025.docx" in documents
    assert documents == _texts(tmp_path / "out-then")


def test_a_date_after_the_machine_clock_is_still_an_error(tmp_path):
    folder = _ward(tmp_path / "in", with_later=True)
    result = build(folder, tmp_path / "out", year=2024, issued=ISSUED, today=date(2025, 5, 1))
    future = [f for f in result.check.findings.errors if f.rule == "future-date"]
    assert {f.value for f in future} == {"02/06/2025"}  # the admission and the status change of 02/06/2025
    assert not (tmp_path / "out" / "bao-cao-2024.docx").exists()
