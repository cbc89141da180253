"""Problems a black-box tester found, each tested on real files (workbooks written with openpyxl)."""

from __future__ import annotations

import errno
import zipfile
from datetime import date
from pathlib import Path

import pytest
from builders import Admission, Candidate, Ward, make_branch, make_ward
from click.testing import CliRunner
from openpyxl import load_workbook

from reportgen import cli
from reportgen.cli import main
from reportgen.intake.legacy import from_unicode
from reportgen.pipeline import build, check
from reportgen.render.output import OutputProblem, atomic_write
from reportgen.sample import WARD_FILE


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), prog_name="reportgen")
    return result.exit_code, result.output


def test_sample_refuses_to_overwrite_workbooks(tmp_path: Path) -> None:
    folder = tmp_path / "so"
    folder.mkdir()
    real = folder / WARD_FILE
    real.write_bytes(b"so that cua van phong")
    code, output = run("sample", str(folder))
    assert code == 1
    assert WARD_FILE in output and "--ghi-de" in output
    assert real.read_bytes() == b"so that cua van phong"
    assert [p.name for p in folder.iterdir()] == [WARD_FILE]  # nothing else written either
    code, output = run("sample", str(folder), "--ghi-de")
    assert code == 0, output
    assert real.read_bytes() != b"so that cua van phong"


def _ward_and_branch(folder: Path, admitted: date) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    make_ward(folder, Ward(term="2020-2025", quotas=[(2025, "Chi bộ A", 1, 2, 20), (2026, "Chi bộ A", 1, 2, 21)]))
    make_branch(folder, "Chi bộ A", admissions=[
        Admission("Lê Văn Cũ", date(1990, 1, 1), date(2025, 5, 10), decision_no="1-QĐ/ĐU"),
        Admission("Nguyễn Văn An", date(1990, 1, 1), admitted, decision_no="2-QĐ/ĐU"),
    ], candidates=[Candidate("Trần Thị Bình", date(1995, 1, 1), date(2025, 3, 1))])


def test_default_year_is_the_last_year_ended_by_the_document_date(tmp_path: Path) -> None:
    _ward_and_branch(tmp_path / "in", date(2026, 1, 10))
    result = build(tmp_path / "in", tmp_path / "out", issued=date(2026, 1, 20))
    assert result.check.ok and result.check.year == 2025
    names = sorted(p.name for p in (tmp_path / "out").iterdir() if p.is_file())
    assert "bao-cao-2025.docx" in names and "ke-hoach-2026.docx" in names
    assert "tong-ket-nhiem-ky-2020-2025.docx" in names
    assert not any("2030" in n or "2026.docx" in n and n.startswith("bao-cao") for n in names)
    assert not [f for f in result.check.findings if f.rule == "year-not-ended"]


def test_december_document_reports_its_own_year_without_an_undeclared_term(tmp_path: Path) -> None:
    _ward_and_branch(tmp_path / "in", date(2026, 3, 10))
    result = build(tmp_path / "in", tmp_path / "out", issued=date(2026, 12, 15))
    assert result.check.ok and result.check.year == 2026
    assert not [f for f in result.check.findings if f.rule == "year-not-ended"]
    names = sorted(p.name for p in (tmp_path / "out").iterdir() if p.is_file())
    assert "bao-cao-2026.docx" in names
    assert not [n for n in names if n.startswith("tong-ket-nhiem-ky")]  # 2025-2030 is not declared in Đơn vị
    assert any("nằm ngoài nhiệm kỳ 2020-2025" in note for note in result.notes)


def test_explicit_year_not_ended_is_a_warning(tmp_path: Path) -> None:
    _ward_and_branch(tmp_path / "in", date(2026, 1, 10))
    code, output = run("build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--ngay", "20/01/2026",
                       "--year", "2026", "-q")
    assert code == 0, output
    assert "năm báo cáo 2026 (--year) chưa kết thúc vào ngày ghi trên văn bản 20/01/2026" in output
    assert "tong-ket-nhiem-ky" not in " ".join(p.name for p in (tmp_path / "out").iterdir())
    assert "nằm ngoài nhiệm kỳ 2020-2025" in output


@pytest.mark.parametrize("renamed", ["Kết nạp 2025", "KN", "DS đảng viên mới"])
def test_renamed_admissions_sheet_is_an_error_naming_it(tmp_path: Path, renamed: str) -> None:
    _ward_and_branch(tmp_path, date(2025, 6, 1))
    path = tmp_path / "Chi bộ A.xlsx"
    wb = load_workbook(path)
    wb["Kết nạp"].title = renamed
    wb.create_sheet("Ghi chép")
    wb.save(path)
    result = check(tmp_path, today=date(2026, 2, 1))
    errors = [f for f in result.findings.errors if f.rule == "renamed-sheet"]
    assert [(f.file, f.sheet) for f in errors] == [("Chi bộ A.xlsx", renamed)]
    assert (f"sổ chi bộ không có sheet «Kết nạp»; sheet «{renamed}» có các cột của sheet này: "
            "đổi tên thành «Kết nạp»") in errors[0].message
    notes = [f.sheet for f in result.findings if f.rule == "unread-sheet"]
    assert notes == ["Ghi chép"]


def test_branch_workbook_with_both_tables_renamed_names_both(tmp_path: Path) -> None:
    _ward_and_branch(tmp_path, date(2025, 6, 1))
    path = tmp_path / "Chi bộ A.xlsx"
    wb = load_workbook(path)
    wb["Kết nạp"].title = "KN"
    wb["Nguồn"].title = "DS nguồn 2025"
    wb.save(path)
    result = check(tmp_path, today=date(2026, 2, 1))
    named = sorted((f.sheet, f.message.split(";")[0]) for f in result.findings.errors if f.rule == "renamed-sheet")
    assert named == [("DS nguồn 2025", "sổ chi bộ không có sheet «Nguồn»"),
                     ("KN", "sổ chi bộ không có sheet «Kết nạp»")]


def test_standard_workbooks_have_no_unread_sheet_note(tmp_path: Path) -> None:
    _ward_and_branch(tmp_path, date(2025, 6, 1))
    result = check(tmp_path, today=date(2026, 2, 1))
    assert not [f for f in result.findings if f.rule in ("unread-sheet", "renamed-sheet")]


def _admitted_and_candidate(folder: Path, status: str, status_date: date | None) -> None:
    folder.mkdir(parents=True)
    make_ward(folder, Ward(quotas=[(2025, "Chi bộ A", 1, 2, 20), (2026, "Chi bộ A", 2, 2, 21)]))
    make_branch(folder, "Chi bộ A", admissions=[
        Admission("Nguyễn Văn An", date(1990, 1, 1), date(2025, 5, 10), decision_no="1-QĐ/ĐU"),
    ], candidates=[
        Candidate("Nguyễn Văn An", date(1990, 1, 1), date(2024, 3, 1), gender="Nam", class_date=date(2024, 6, 1),
                  status=status, status_date=status_date),
        Candidate("Trần Thị Bình", date(1995, 1, 1), date(2025, 3, 1)),
    ])


def test_admitted_person_still_listed_as_candidate_counts_once(tmp_path: Path) -> None:
    _admitted_and_candidate(tmp_path / "stale", "Đang bồi dưỡng", None)
    _admitted_and_candidate(tmp_path / "right", "Đã kết nạp", date(2025, 5, 10))
    stale = build(tmp_path / "stale", tmp_path / "out-stale", issued=date(2026, 1, 20))
    right = build(tmp_path / "right", tmp_path / "out-right", issued=date(2026, 1, 20))
    assert stale.check.ok and right.check.ok
    warned = [f for f in stale.check.findings if f.rule == "admitted-still-candidate"]
    assert [(f.sheet, f.row, f.column) for f in warned] == [("Nguồn", 4, "Tình trạng")]
    assert "sheet «Kết nạp», dòng 4" in warned[0].message
    assert not [f for f in right.check.findings if f.rule == "admitted-still-candidate"]
    year = stale.report.branch_years[0]
    assert (year.admissions, year.candidates_at_year_end) == (1, 1)  # An is admitted, only Bình waits
    assert stale.report.branch_years == right.report.branch_years
    assert stale.report.plan == right.report.plan
    assert stale.report.ward_year == right.report.ward_year


def test_introducing_organisation_short_forms_and_unknown_values(tmp_path: Path) -> None:
    make_ward(tmp_path, Ward(quotas=[(2025, "Chi bộ A", 1, 2, 20)],
                             organisations=[(2025, "Đoàn Thanh niên", 2), (2025, "Hội Liên hiệp Phụ nữ", 1)]))
    given = ["Xã đoàn", "Đoàn phường", "Đoàn TN", "Hội PN", "Phụ nữ", "Hội Phụ huynh", "CCB", "Đòan TN xa", "Chi bộ"]
    make_branch(tmp_path, "Chi bộ A", admissions=[
        Admission("Lê Văn Cũ", date(1990, 1, 1), date(2025, 5, 10), decision_no="1-QĐ/ĐU"),
    ], candidates=[Candidate(f"Người Số {i}", date(1995, 1, 1), date(2025, 3, 1), introduced_by=org)
                   for i, org in enumerate(given, start=1)])
    result = build(tmp_path, tmp_path / "out", issued=date(2026, 1, 20))
    assert result.check.ok
    warned = [(f.sheet, f.row, f.column, f.value) for f in result.check.findings if f.rule == "unknown-organisation"]
    assert warned == [("Nguồn", 3 + 6, "Tổ chức giới thiệu", "Hội Phụ huynh"),
                      ("Nguồn", 3 + 8, "Tổ chức giới thiệu", "Đòan TN xa")]
    table = {o.organisation: o.introduced for o in result.report.organisations}
    assert table == {"Đoàn Thanh niên": 3, "Hội Liên hiệp Phụ nữ": 2, "Hội Cựu chiến binh": 1, "Khác": 2}
    assert sum(table.values()) == len(given) - 1  # nobody lost; the branch itself is no organisation


def test_old_encoding_warning_names_columns_by_header(tmp_path: Path) -> None:
    signer = from_unicode("Lê Văn Tâm", "VNI")
    make_ward(tmp_path, Ward(quotas=[(2025, "Chi bộ A", 1, 2, 20)], fields={"Người ký": signer}))
    make_branch(tmp_path, "Chi bộ A", admissions=[
        Admission(from_unicode("Nguyễn Văn Đảng", "TCVN3"), date(1990, 1, 1), date(2025, 5, 10),
                  decision_no="1-QĐ/ĐU", note=from_unicode("Chuyển đến từ xã khác", "TCVN3")),
    ], candidates=[Candidate("Trần Thị Bình", date(1995, 1, 1), date(2025, 3, 1),
                             introduced_by=from_unicode("Đoàn Thanh niên", "TCVN3"))])
    result = check(tmp_path, today=date(2026, 2, 1))
    named = sorted((f.file, f.sheet, f.column) for f in result.findings if f.rule == "legacy-encoding")
    assert named == [("Chi bộ A.xlsx", "Kết nạp", "Ghi chú"), ("Chi bộ A.xlsx", "Kết nạp", "Họ và tên"),
                     ("Chi bộ A.xlsx", "Nguồn", "Tổ chức giới thiệu"), ("Dang-uy.xlsx", "Đơn vị", "Người ký")]


def test_templates_folder_that_does_not_exist(tmp_path: Path) -> None:
    _ward_and_branch(tmp_path / "in", date(2025, 6, 1))
    code, output = run("build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--templates",
                       str(tmp_path / "nope"))
    assert code == 2
    assert f"thư mục mẫu văn bản «{tmp_path / 'nope'}» (--templates) không có" in output
    assert "không tìm thấy tệp mẫu" not in output
    assert not (tmp_path / "out").exists()  # said before anything was read or written


def test_every_broken_template_named_in_one_run(tmp_path: Path) -> None:
    _ward_and_branch(tmp_path / "in", date(2025, 6, 1))
    run("templates", str(tmp_path / "mau"))
    (tmp_path / "mau" / "bao-cao.docx").write_bytes(b"not a word file")
    (tmp_path / "mau" / "ke-hoach.docx").unlink()
    code, output = run("build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--templates",
                       str(tmp_path / "mau"), "--ngay", "20/01/2026", "-q")
    assert code == 1
    assert "«bao-cao.docx»: tệp mẫu không phải là tệp Word (.docx) hợp lệ." in output
    assert f"«ke-hoach.docx»: không tìm thấy tệp mẫu tại «{tmp_path / 'mau' / 'ke-hoach.docx'}»." in output
    assert "Traceback" not in output


ENGLISH = ("Error", "CalamineError", "Is a directory", "Permission denied", "No such file", "No space left",
           "BadZipFile", "Traceback")


def test_corrupt_workbook_message_has_no_exception_class(tmp_path: Path) -> None:
    _ward_and_branch(tmp_path / "in", date(2025, 6, 1))
    broken = tmp_path / "in" / "Chi bộ B.xlsx"
    with zipfile.ZipFile(broken, "w") as archive:  # a zip, but not a workbook calamine can read
        archive.writestr("xl/workbook.xml", "<workbook>không phải sổ</workbook>")
    code, output = run("check", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-q")
    assert code == 1
    assert "tệp bị hỏng hoặc không đọc được như một sổ Excel" in output
    assert not [word for word in ENGLISH if word in output]


@pytest.mark.parametrize(("error", "expected"), [
    (PermissionError(errno.EACCES, "Permission denied", "/x/bao-cao.docx"), "không có quyền truy cập"),
    (FileNotFoundError(errno.ENOENT, "No such file or directory", "/x/a"), "không tìm thấy tệp hoặc thư mục"),
    (IsADirectoryError(errno.EISDIR, "Is a directory", "/x/a.xlsx"), "đây là một thư mục, không phải tệp"),
    (OSError(errno.ENOSPC, "No space left on device"), "ổ đĩa đã đầy"),
])
def test_system_errors_in_vietnamese_class_names_only_with_verbose(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, expected: str) -> None:
    _ward_and_branch(tmp_path / "in", date(2025, 6, 1))

    def fail(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(cli, "build_documents", fail)
    code, output = run("build", str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert code == 1
    assert expected in output
    assert not [word for word in (*ENGLISH, type(error).__name__, str(error.strerror)) if word in output]
    code, output = run("build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--verbose")
    assert type(error).__name__ in output


def test_disk_full_while_writing_a_document_is_said_in_vietnamese(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("reportgen.render.output.os.replace", full)
    with pytest.raises(OutputProblem) as raised:
        atomic_write(tmp_path / "a.docx", lambda p: p.write_bytes(b"x"))
    assert "ổ đĩa đã đầy" in str(raised.value) and "No space" not in str(raised.value)


def _files_in(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_a_failed_build_leaves_no_document_of_the_earlier_run(tmp_path: Path) -> None:
    inbox, out = tmp_path / "in", tmp_path / "out"
    _ward_and_branch(inbox, date(2025, 6, 1))
    code, output = run("build", str(inbox), "--out", str(out), "--ngay", "20/01/2026", "-q")
    assert code == 0, output
    first = _files_in(out)
    assert "bao-cao-2025.docx" in first and any(n.startswith(".reportgen-cache/") for n in first)
    (out / "ghi-chu-cua-toi.txt").write_text("của người dùng", encoding="utf-8")
    (out / "chi-bo" / "ban-cua-toi.docx").write_bytes(b"user")
    wb = load_workbook(inbox / "Chi bộ A.xlsx")  # an error: a birth date that is no date
    wb["Kết nạp"]["C4"] = "không rõ"
    wb.save(inbox / "Chi bộ A.xlsx")
    code, output = run("build", str(inbox), "--out", str(out), "--ngay", "20/01/2026", "-q")
    assert code == 1
    left = _files_in(out)
    assert not [n for n in left if n.endswith(".docx") and n != "chi-bo/ban-cua-toi.docx"]
    assert not [n for n in left if n.startswith("tong-hop-")]
    assert {"ghi-chu-cua-toi.txt", "chi-bo/ban-cua-toi.docx", "kiem-tra-du-lieu.xlsx"} <= left
    assert "kiem-tra/Chi bộ A.xlsx" in left
    assert any(n.startswith(".reportgen-cache/") for n in left)  # the province engineer's cache stays
    assert "Đã xóa" in output and "bao-cao-2025.docx" in output and "các sổ có lỗi" in output
    wb["Kết nạp"]["C4"] = date(1990, 1, 1)  # fixed: the marked copy of the workbook goes too
    wb.save(inbox / "Chi bộ A.xlsx")
    code, output = run("check", str(inbox), "--out", str(out), "-q")
    assert code == 0, output
    assert "kiem-tra/Chi bộ A.xlsx" not in _files_in(out)
    assert "kiem-tra/Chi bộ A.xlsx" in output


def test_an_edited_document_of_an_earlier_run_is_kept(tmp_path: Path) -> None:
    inbox, out = tmp_path / "in", tmp_path / "out"
    _ward_and_branch(inbox, date(2025, 6, 1))
    assert run("build", str(inbox), "--out", str(out), "--ngay", "20/01/2026", "-q")[0] == 0
    edited = out / "bao-cao-2025.docx"
    edited.write_bytes(edited.read_bytes() + b"\0")  # the clerk saved it from Word
    wb = load_workbook(inbox / "Chi bộ A.xlsx")
    wb["Kết nạp"]["C4"] = "không rõ"
    wb.save(inbox / "Chi bộ A.xlsx")
    code, output = run("build", str(inbox), "--out", str(out), "--ngay", "20/01/2026", "-q")
    assert code == 1
    assert edited.exists() and "Giữ lại 1 tệp" in output and "bao-cao-2025.docx" in output
    assert not (out / "ke-hoach-2026.docx").exists()


def test_two_templates_failing_when_filled_are_both_named_and_nothing_written(tmp_path: Path) -> None:
    from docx import Document

    _ward_and_branch(tmp_path / "in", date(2025, 6, 1))
    run("templates", str(tmp_path / "mau"))
    for name in ("bao-cao.docx", "ke-hoach.docx"):
        document = Document(str(tmp_path / "mau" / name))
        document.add_paragraph("{{ so_lieu_khong_co }}")
        document.save(str(tmp_path / "mau" / name))
    code, output = run("build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--templates",
                       str(tmp_path / "mau"), "--ngay", "20/01/2026", "-q")
    assert code == 1
    assert "2 mẫu văn bản có lỗi" in output and "«bao-cao.docx»" in output and "«ke-hoach.docx»" in output
    assert not list((tmp_path / "out").glob("*.docx"))


def test_a_check_after_a_build_keeps_its_documents(tmp_path: Path) -> None:
    """`check` writes only the findings: it removes no document of a build, and the documents stay
    listed, so a later failed build still removes them."""
    inbox, out = tmp_path / "in", tmp_path / "out"
    _ward_and_branch(inbox, date(2025, 6, 1))
    assert run("build", str(inbox), "--out", str(out), "--ngay", "20/01/2026", "-q")[0] == 0
    documents = {n for n in _files_in(out) if n.endswith((".docx", ".xlsx")) and n != "kiem-tra-du-lieu.xlsx"}
    assert "bao-cao-2025.docx" in documents
    code, output = run("check", str(inbox), "--out", str(out), "-q")
    assert code == 0, output
    assert documents <= _files_in(out)
    assert "Đã xóa" not in output
    wb = load_workbook(inbox / "Chi bộ A.xlsx")
    wb["Kết nạp"]["C4"] = "không rõ"
    wb.save(inbox / "Chi bộ A.xlsx")
    assert run("build", str(inbox), "--out", str(out), "--ngay", "20/01/2026", "-q")[0] == 1
    assert not documents & _files_in(out)
