"""The committee's own texts (`Văn bản`), its own sentences (`Nhận định`) and `Đại hội lần thứ`:
read from the ward workbook, each bad cell a finding that names file, sheet, row, column and value."""

from datetime import date
from pathlib import Path

from builders import Admission, Ward, make_branch, make_ward
from reportgen.findings import Findings, Severity
from reportgen.intake.load import load_inbox
from reportgen.stats.aggregate import aggregate

QUOTAS = [(2025, "Chi bộ Tổ dân phố 1", 1, 1, 20), (2025, "Toàn Đảng bộ", 1, None, 20)]


def load(folder: Path):
    findings = Findings()
    return load_inbox(folder, findings), findings


def _inbox(tmp_path: Path, **ward: object) -> Path:
    make_ward(tmp_path, Ward(quotas=QUOTAS, **ward))  # type: ignore[arg-type]
    make_branch(tmp_path, "Chi bộ Tổ dân phố 1",
                admissions=[Admission("Nguyễn Văn An", date(1990, 1, 2), date(2025, 3, 4))])
    return tmp_path


def test_texts_and_assessments_are_read_in_order(tmp_path):
    _inbox(
        tmp_path,
        fields={"Đại hội lần thứ": "lần thứ 17"},
        texts=[(2025, "44-KH/ĐU", "13/01/2025", "về phát triển đảng viên năm 2025"),
               (2025, "36-NQ/ĐU", date(2025, 1, 9), "về nhiệm vụ năm 2025")],
        assessments=[("2025", "Ưu điểm", "Đoạn một."), ("2020 – 2025", "bai hoc kinh nghiem", "Đoạn hai."),
                     (2025, "Kiến nghị, đề xuất", "Đoạn ba.")],
    )
    inbox, findings = load(tmp_path)
    assert not findings.has_errors, [f.describe() for f in findings]
    assert inbox.ward is not None and inbox.ward.congress == "XVII"
    assert list(inbox.texts["number"]) == ["44-KH/ĐU", "36-NQ/ĐU"]
    assert list(inbox.texts["issued"]) == [date(2025, 1, 13), date(2025, 1, 9)]
    assert list(inbox.assessments["period"]) == ["2025", "2020-2025", "2025"]
    assert list(inbox.assessments["section"]) == ["Ưu điểm", "Bài học kinh nghiệm", "Kiến nghị"]

    report = aggregate(inbox, 2025, date(2026, 1, 5))
    assert [t.number for t in report.texts] == ["36-NQ/ĐU", "44-KH/ĐU"]  # oldest first
    assert [t.code for t in report.texts] == ["NQ", "KH"]
    assert report.assessments_of("2020-2025", "Bài học kinh nghiệm") == ("Đoạn hai.",)
    assert report.assessments_of("2025", "Kiến nghị") == ("Đoạn ba.",)


def test_a_text_issued_after_the_document_date_is_not_among_the_years_texts(tmp_path):
    _inbox(tmp_path, texts=[(2025, "44-KH/ĐU", "13/01/2025", "về phát triển đảng viên năm 2025"),
                            (2025, "90-BC/ĐU", "20/12/2025", "sơ kết")])
    inbox, _ = load(tmp_path)
    report = aggregate(inbox, 2025, date(2025, 6, 30))
    assert [t.number for t in report.texts_of(2025)] == ["44-KH/ĐU"]


def test_bad_cells_are_findings_with_their_place(tmp_path):
    _inbox(
        tmp_path,
        texts=[(2025, "44-KH/ĐU", "31/02/2025", "về phát triển đảng viên năm 2025"),
               (2025, None, "13/01/2025", "về nhiệm vụ năm 2025")],
        assessments=[("2025/26/27", "Ưu điểm", "Đoạn một."), ("2025", "Thành tích", "Đoạn hai.")],
    )
    inbox, findings = load(tmp_path)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    by_place = {(f.sheet, f.row, f.column): f for f in errors}
    assert by_place[("Văn bản", 2, "Ngày")].value == "31/02/2025"
    assert "Số, ký hiệu" in by_place[("Văn bản", 3, "Số, ký hiệu")].message
    period = by_place[("Nhận định", 2, "Năm")]
    assert period.value == "2025/26/27"
    assert period.message == "cần ghi năm (ví dụ 2025) hoặc nhiệm kỳ (ví dụ 2020-2025)"
    section = by_place[("Nhận định", 3, "Mục")]
    assert section.value == "Thành tích" and "Bài học kinh nghiệm" in section.message
    assert all(f.file == "Dang-uy.xlsx" for f in errors)
    assert inbox.texts.empty and inbox.assessments.empty  # no row silently kept or dropped: all rejected
    tally = {t.sheet: t.counts for t in inbox.tallies}
    assert tally["Văn bản"].rejected == 2 and tally["Nhận định"].rejected == 2


def test_without_the_sheets_nothing_is_asked(tmp_path):
    _inbox(tmp_path)
    inbox, findings = load(tmp_path)
    assert not findings.has_errors
    assert inbox.ward is not None and inbox.ward.congress == ""
    report = aggregate(inbox, 2025, date(2026, 1, 5))
    assert report.texts == () and report.assessments == ()
