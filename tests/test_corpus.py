"""A generated corpus of bad inputs. Each case builds an inbox with one problem and
asserts the exit code, the finding (file, sheet, Excel row, column, value) in the
console output, that rows balance, and that `build` writes no document on errors."""

from __future__ import annotations

import os
import shutil
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from builders import Admission, Candidate, Ward, make_branch, make_ward
from reportgen.cli import main
from reportgen.findings import Findings, shorten
from reportgen.intake.load import load_inbox

BRANCH = "Chi bộ Tổ dân phố 1"
QUOTAS = [(2025, BRANCH, 1, 1, 10), (2025, "Toàn Đảng bộ", 1, None, 10)]


def good_admission(**changes) -> Admission:
    values = dict(name="Lê Văn An", birth=date(1990, 1, 1), admitted=date(2025, 6, 1))
    values.update(changes)
    return Admission(**values)


def good_candidate(**changes) -> Candidate:
    values = dict(name="Trần Thị Bình", birth=date(2000, 1, 1), entered=date(2025, 2, 1))
    values.update(changes)
    return Candidate(**values)


def inbox(folder: Path, admissions=None, candidates=None, quotas=None, fields=None, kind="Khu dân cư") -> Path:
    make_ward(folder, Ward(quotas=QUOTAS if quotas is None else quotas, fields=fields or {}))
    make_branch(folder, BRANCH, kind, file="a.xlsx",
                admissions=[good_admission()] if admissions is None else admissions,
                candidates=[good_candidate()] if candidates is None else candidates)
    return folder


def admission_case(**changes) -> Callable[[Path], Path]:
    return lambda folder: inbox(folder, admissions=[good_admission(**changes)])


def candidate_case(**changes) -> Callable[[Path], Path]:
    return lambda folder: inbox(folder, candidates=[good_candidate(**changes)])


def edit(path: Path, sheet: str, cell: str, value) -> None:
    wb = load_workbook(path)
    wb[sheet][cell] = value
    wb.save(path)


def ward_cell(cell: str, value) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        inbox(folder)
        edit(folder / "Dang-uy.xlsx", "Chỉ tiêu", cell, value)
        return folder
    return build


def two_branches_same_person(folder: Path) -> Path:
    inbox(folder, quotas=QUOTAS + [(2025, "Chi bộ Tổ dân phố 2", 1, 1, 10)])
    make_branch(folder, "Chi bộ Tổ dân phố 2", file="b.xlsx", admissions=[good_admission()])
    return folder


def same_branch_twice(folder: Path) -> Path:
    inbox(folder)
    make_branch(folder, BRANCH.upper(), file="b.xlsx", admissions=[])
    return folder


def missing_entry_column(folder: Path) -> Path:
    inbox(folder)
    edit(folder / "a.xlsx", "Nguồn", "M3", "Ghi chú khác")
    return folder


def file_bytes(name: str, data: bytes) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        inbox(folder)
        (folder / name).write_bytes(data)
        return folder
    return build


def info_cell(cell: str, value) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        inbox(folder)
        edit(folder / "a.xlsx", "Thông tin", cell, value)
        return folder
    return build


def no_ward(folder: Path) -> Path:
    inbox(folder)
    (folder / "Dang-uy.xlsx").unlink()
    return folder


def term_text(value: str) -> Callable[[Path], Path]:
    return lambda folder: inbox(folder, fields={"Nhiệm kỳ": value})


@dataclass
class Case:
    name: str
    build: Callable[[Path], Path]
    exit_code: int
    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    words: str = ""  # a word the message must contain
    same_figures: bool = False  # the damage must not touch the figures: summary workbook as the clean ward's
    out: Callable[[Path], Path] | None = None  # where --out points (default: a folder beside the inbox)
    quiet: bool = False  # no error and no warning at all (the expected line is a note)


KN, NG, CT = "Kết nạp", "Nguồn", "Chỉ tiêu"
CASES = [
    Case("impossible birth date", admission_case(birth="31/02/1990"), 1, "a.xlsx", KN, 4, "Ngày sinh", "31/02/1990",
         "không có thật"),
    Case("month-first date", admission_case(birth="12/25/1990"), 1, "a.xlsx", KN, 4, "Ngày sinh", "12/25/1990",
         "tháng/ngày/năm"),
    Case("year only", admission_case(birth="1990"), 1, "a.xlsx", KN, 4, "Ngày sinh", "1990", "chỉ có năm"),
    Case("two-digit year", admission_case(birth="01/02/90"), 1, "a.xlsx", KN, 4, "Ngày sinh", "01/02/90", "4 chữ số"),
    Case("words for a date", admission_case(admitted="chưa rõ"), 1, "a.xlsx", KN, 4, "Ngày kết nạp", "chưa rõ"),
    Case("missing name", admission_case(name=None), 1, "a.xlsx", KN, 4, "Họ và tên", None, "bắt buộc"),
    Case("missing birth", admission_case(birth=None), 1, "a.xlsx", KN, 4, "Ngày sinh", None, "bắt buộc"),
    Case("unknown gender", admission_case(gender="Khác"), 1, "a.xlsx", KN, 4, "Giới tính", "Khác", "Nam, Nữ"),
    Case("education out of list", admission_case(education="Đại học"), 1, "a.xlsx", KN, 4, "Trình độ học vấn",
         "Đại học"),
    Case("professional out of list", admission_case(professional="Giỏi"), 1, "a.xlsx", KN, 4, "Chuyên môn", "Giỏi"),
    Case("occupation out of list", admission_case(occupation="Phi hành gia"), 1, "a.xlsx", KN, 4, "Nghề nghiệp",
         "Phi hành gia"),
    Case("theory without diacritics is accepted", admission_case(theory="Trung cap"), 0, ""),
    Case("theory out of list", admission_case(theory="Chuyên sâu"), 1, "a.xlsx", KN, 4, "Lý luận chính trị",
         "Chuyên sâu"),
    Case("yes/no word unknown", admission_case(youth_union="Chắc chắn"), 1, "a.xlsx", KN, 4, "Đoàn viên",
         "Chắc chắn", "Có"),
    Case("status out of list", candidate_case(status="Đang học"), 1, "a.xlsx", NG, 4, "Tình trạng", "Đang học"),
    Case("left without a date", candidate_case(status="Chuyển đi"), 1, "a.xlsx", NG, 4, "Ngày thay đổi", None,
         "Ngày thay đổi"),
    Case("status before entry", candidate_case(status="Chuyển đi", status_date=date(2024, 1, 1)), 1, "a.xlsx", NG, 4,
         "Ngày thay đổi", "01/01/2024", "trước ngày vào nguồn"),
    Case("entered before birth", candidate_case(entered=date(1999, 1, 1)), 1, "a.xlsx", NG, 4, "Ngày vào nguồn",
         "01/01/1999"),
    Case("under 18", admission_case(birth=date(2008, 1, 1)), 1, "a.xlsx", KN, 4, "Ngày kết nạp", "01/06/2025",
         "18 tuổi"),
    Case("class after admission", admission_case(class_date=date(2025, 7, 1)), 1, "a.xlsx", KN, 4,
         "Ngày học lớp nhận thức", "01/07/2025", "trước khi kết nạp"),
    Case("class certificate expired", admission_case(class_date=date(2020, 1, 1)), 1, "a.xlsx", KN, 4,
         "Ngày học lớp nhận thức", "01/01/2020", "60 tháng"),
    Case("missing class date", admission_case(class_date=""), 1, "a.xlsx", KN, 4, "Ngày học lớp nhận thức", None),
    Case("early recognition", admission_case(admitted=date(2024, 6, 1), official=date(2025, 1, 1)), 1, "a.xlsx", KN,
         4, "Ngày công nhận chính thức", "01/01/2025", "12 tháng"),
    Case("ceremony before decision", admission_case(ceremony=date(2025, 5, 1)), 1, "a.xlsx", KN, 4,
         "Ngày lễ kết nạp", "01/05/2025"),
    Case("future admission", admission_case(admitted=date(2031, 1, 1), class_date=date(2030, 1, 1)), 1, "a.xlsx",
         KN, 4, "Ngày kết nạp", "01/01/2031", "tương lai"),
    Case("same person twice", lambda f: inbox(f, admissions=[good_admission(), good_admission(name="LÊ VĂN  AN")]),
         1, "a.xlsx", KN, 5, "Họ và tên", "LÊ VĂN AN", "dòng 4"),
    Case("admitted in two branches", two_branches_same_person, 1, "a.xlsx", KN, 4, "Họ và tên", "Lê Văn An",
         "nhiều chi bộ"),
    Case("quota not a number", ward_cell("C3", "hai"), 1, "Dang-uy.xlsx", CT, 3, "Chỉ tiêu kết nạp", "hai"),
    Case("negative quota", ward_cell("C3", -1), 1, "Dang-uy.xlsx", CT, 3, "Chỉ tiêu kết nạp", "-1"),
    Case("bad year", ward_cell("A3", "2O25"), 1, "Dang-uy.xlsx", CT, 3, "Năm", "2O25"),
    Case("duplicate quota row", lambda f: inbox(f, quotas=QUOTAS + [(2025, BRANCH, 2, 1, 10)]), 1, "Dang-uy.xlsx",
         CT, 5, "Chi bộ", BRANCH, "dòng 3"),
    Case("missing required column", missing_entry_column, 1, "a.xlsx", NG, 3, "Ngày vào nguồn", None,
         "thiếu cột bắt buộc"),
    Case("missing branch name", info_cell("B2", None), 1, "a.xlsx", "Thông tin", None, "Tên chi bộ", None),
    Case("unknown branch kind", info_cell("B3", "Phường"), 1, "a.xlsx", "Thông tin", 3, "Loại hình", "Phường"),
    Case("two workbooks, one branch", same_branch_twice, 1, "b.xlsx", "Thông tin", 2, "Tên chi bộ",
         BRANCH.upper(), "hai sổ"),
    Case("damaged file", file_bytes("hong.xlsx", b"PK\x03\x04garbage"), 1, "hong.xlsx", None, None, None, None,
         "hỏng"),
    Case("encrypted file", file_bytes("khoa.xlsx", bytes.fromhex("d0cf11e0a1b11ae1") + bytes(1000)), 1, "khoa.xlsx",
         None, None, None, None, "mật khẩu"),
    Case("bad term", term_text("2020"), 1, "Dang-uy.xlsx", "Đơn vị", 6, "Nhiệm kỳ", "2020", "2020-2025"),
    Case("no ward workbook", no_ward, 1, "", None, None, None, None, "sổ tổng hợp"),
    # warnings only: documents are still written
    Case("over 60", admission_case(birth=date(1960, 1, 1)), 0, "a.xlsx", KN, 4, "Ngày kết nạp", "01/06/2025",
         "trên 60"),
    Case("primary education", admission_case(education="5/12"), 0, "a.xlsx", KN, 4, "Trình độ học vấn", "Tiểu học"),
    Case("admitted but not listed", candidate_case(status="Đã kết nạp", status_date=date(2025, 6, 1)), 0, "a.xlsx",
         NG, 4, "Tình trạng", "Đã kết nạp", "Kết nạp"),
    Case("quota for a branch with no workbook", lambda f: inbox(f, quotas=QUOTAS + [(2025, "Chi bộ Ma", 1, 1, 10)]),
         0, "Dang-uy.xlsx", CT, 5, "Chi bộ", "Chi bộ Ma", "không có sổ"),
    Case("small branch", lambda f: inbox(f, quotas=[(2025, BRANCH, 1, 1, 2)]), 0, "Dang-uy.xlsx", CT, 3,
         "Số đảng viên đầu năm", "2", "3 đảng viên"),
]


# --- round two: the world around the cells (issue 9) ---------------------------------


def fifo(name: str) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        inbox(folder)
        os.mkfifo(folder / name)
        return folder
    return build


def link(name: str, target: Callable[[Path], Path], directory: bool = False) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        inbox(folder)
        (folder / name).symlink_to(target(folder), target_is_directory=directory)
        return folder
    return build


def other_folder(folder: Path) -> Path:
    elsewhere = folder.parent / "noi-khac"
    elsewhere.mkdir(exist_ok=True)
    make_branch(elsewhere, "Chi bộ Tổ dân phố 9", file="c.xlsx", admissions=[good_admission(name="Người Khác")])
    return elsewhere


def undecodable_name(data: bytes | None) -> Callable[[Path], Path]:
    """A file whose name is cp1258 bytes, not UTF-8: `data` as its content, or the branch workbook."""
    def build(folder: Path) -> Path:
        inbox(folder)
        raw = os.fsencode(folder) + b"/Chi b\xf4 ghi ch\xfa" + (b".txt" if data is not None else b".xlsx")
        if data is None:
            os.rename(folder / "a.xlsx", raw)
        else:
            with open(raw, "wb") as handle:
                handle.write(data)
        return folder
    return build


def old_output_folder(folder: Path) -> Path:
    inbox(folder)
    old = folder / "ket-qua-thang-truoc"
    (old / "kiem-tra").mkdir(parents=True)
    shutil.copy(folder / "a.xlsx", old / "kiem-tra" / "a.xlsx")  # a marked copy: the same branch again
    shutil.copy(folder / "Dang-uy.xlsx", old / "kiem-tra-du-lieu.xlsx")
    return folder


def entity_bomb(folder: Path) -> Path:
    inbox(folder)
    entities = "".join(f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10 if i else "lol"}">' for i in range(10))
    dtd = f'<?xml version="1.0"?><!DOCTYPE w [{entities}]>'.encode()
    with zipfile.ZipFile(folder / "a.xlsx") as src, zipfile.ZipFile(folder / "bom.xlsx", "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = dtd + data.split(b"?>", 1)[-1].replace("Nguồn".encode(), b"&l9;", 1)
            out.writestr(item, data)
    return folder


def truncated(folder: Path) -> Path:
    inbox(folder)
    data = (folder / "a.xlsx").read_bytes()
    (folder / "cut.xlsx").write_bytes(data[: len(data) // 2])
    return folder


def renamed_sheet(old: str, new: str, file: str = "a.xlsx") -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        inbox(folder)
        wb = load_workbook(folder / file)
        wb[old].title = new
        wb.save(folder / file)
        return folder
    return build


def extra_column(sheet: str, header: str, values: list, file: str = "a.xlsx") -> Callable[[Path], Path]:
    """One more column at the right of a table sheet (header in row 3, values from row 4)."""
    def build(folder: Path) -> Path:
        inbox(folder)
        wb = load_workbook(folder / file)
        ws = wb[sheet]
        column = ws.max_column + 1
        ws.cell(3, column, header)
        for offset, value in enumerate(values):
            cell = ws.cell(4 + offset, column, value)
            if isinstance(value, date):
                cell.number_format = "dd/mm/yyyy"
        wb.save(folder / file)
        return folder
    return build


def emptied(sheet: str, keep_header: bool) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        inbox(folder, admissions=[] if sheet == KN else None, candidates=[] if sheet == NG else None)
        if not keep_header:
            wb = load_workbook(folder / "a.xlsx")
            index = wb.sheetnames.index(sheet)
            wb.remove(wb[sheet])
            wb.create_sheet(sheet, index)  # present, with nothing in it
            wb.save(folder / "a.xlsx")
        return folder
    return build


def person_in_two_branches(first: dict, second: dict) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        inbox(folder, quotas=QUOTAS + [(2025, "Chi bộ Tổ dân phố 2", 1, 1, None)], candidates=[good_candidate(**first)])
        make_branch(folder, "Chi bộ Tổ dân phố 2", file="b.xlsx", admissions=[good_admission(name="Phạm Văn Cường")],
                    candidates=[good_candidate(**second)])
        return folder
    return build


def ward_field(label: str, value) -> Callable[[Path], Path]:
    return lambda folder: inbox(folder, fields={label: value})


def old_term_quota(folder: Path) -> Path:
    return inbox(folder, quotas=QUOTAS + [(2010, BRANCH, 1, 1, 10)])


def same_name_in_sub_folders(folder: Path) -> Path:
    inbox(folder, quotas=QUOTAS + [(2025, f"Chi bộ Tổ dân phố {n}", 1, 1, 10) for n in (2, 3)])
    for sub, n in (("to1", 2), ("to2", 3)):
        (folder / sub).mkdir()
        make_branch(folder / sub, f"Chi bộ Tổ dân phố {n}", file="so.xlsx",
                    admissions=[good_admission(name=f"Người Thứ {n}", birth="31/02/1990")])
    return folder


def xls_with_error(folder: Path) -> Path:
    """tests/fixtures/cb7.xls (saved by LibreOffice) naming a branch that has a workbook already."""
    inbox(folder)
    shutil.copy(Path(__file__).parent / "fixtures" / "cb7.xls", folder / "cb7.xls")
    wb = load_workbook(folder / "a.xlsx")
    wb["Thông tin"]["B2"] = "Chi bộ Tổ dân phố 7"
    wb.save(folder / "a.xlsx")
    return folder


LONG_NAME = "Nguyễn Văn " + "A" * 32_000  # near the 32,767 characters a cell holds
NEXT_YEARS = date.today().year + 2
FS, FORMAT = "words for the file system", "ký tự vô hình"
CASES += [
    # crashes and hangs: extreme dates are findings at intake, with their cell
    Case("ceremony in year 9999", admission_case(ceremony="01/01/9999"), 1, "a.xlsx", KN, 4, "Ngày lễ kết nạp",
         "01/01/9999", "tương lai"),
    Case("recognition on 31/12/9999 (a real date cell)", admission_case(official=datetime(9999, 12, 31)), 1, "a.xlsx",
         KN, 4, "Ngày công nhận chính thức", "31/12/9999", "tương lai"),
    Case("admission in year 1", admission_case(admitted="01/01/0001", class_date="01/01/0001"), 1, "a.xlsx", KN, 4,
         "Ngày kết nạp", "01/01/0001", "quá xa trong quá khứ"),
    Case("birth in 1899", admission_case(birth="31/12/1899"), 1, "a.xlsx", KN, 4, "Ngày sinh", "31/12/1899",
         "quá xa trong quá khứ"),
    Case("birth after this year", admission_case(birth=f"01/01/{NEXT_YEARS}"), 1, "a.xlsx", KN, 4, "Ngày sinh",
         f"01/01/{NEXT_YEARS}", "tương lai"),
    Case("candidate entered in year 1000", candidate_case(entered="05/05/1000"), 1, "a.xlsx", NG, 4,
         "Ngày vào nguồn", "05/05/1000", "quá xa"),
    Case("status changed in year 9999", candidate_case(status="Chuyển đi", status_date="31/12/9999"), 1, "a.xlsx",
         NG, 4, "Ngày thay đổi", "31/12/9999", "tương lai"),
    Case("two-digit year on a candidate", candidate_case(entered="01/02/25"), 1, "a.xlsx", NG, 4, "Ngày vào nguồn",
         "01/02/25", "4 chữ số"),
    Case("term in years 9998-9999", term_text("9998-9999"), 1, "Dang-uy.xlsx", "Đơn vị", 6, "Nhiệm kỳ", "9998-9999",
         "nhiệm kỳ cần bắt đầu"),
    Case("named pipe named like a workbook", fifo("ong.xlsx"), 0, "ong.xlsx", None, None, None, None,
         "named pipe", same_figures=True, quiet=True),
    Case("link to a device named like a workbook", link("thiet-bi.xlsx", lambda f: Path("/dev/zero")), 0,
         "thiet-bi.xlsx", None, None, None, None, "thiết bị", same_figures=True, quiet=True),
    Case("file name that is not UTF-8", undecodable_name(b"ghi chu"), 0, "Chi b\\xf4 ghi ch\\xfa.txt", None, None,
         None, None, "không phải sổ Excel", same_figures=True, quiet=True),
    Case("branch workbook whose name is not UTF-8", undecodable_name(None), 0, "Chi b\\xf4 ghi ch\\xfa.xlsx", None,
         None, None, None, "không phải chữ Unicode", same_figures=True),
    # the output folder
    Case("--out is the inbox", inbox, 2, "", None, None, None, None, "trùng với thư mục sổ", out=lambda f: f),
    Case("--out is above the inbox", inbox, 2, "", None, None, None, None, "chứa thư mục sổ", out=lambda f: f.parent),
    Case("--out names a file", inbox, 2, "", None, None, None, None, "là một tệp", out=lambda f: f / "a.xlsx"),
    Case("--out under a file", inbox, 2, "", None, None, None, None, "là một tệp",
         out=lambda f: f / "a.xlsx" / "ket-qua"),
    Case("output folder of an earlier run inside the inbox", old_output_folder, 0, "ket-qua-thang-truoc", None, None,
         None, None, "lần chạy trước", same_figures=True, quiet=True),
    Case("--out inside the inbox is never read", inbox, 0, "", same_figures=True,
         out=lambda f: f / "ket-qua"),
    # invisible format characters
    Case("byte-order mark in a name", admission_case(name="\ufeffLê Văn An"), 0, "a.xlsx", KN, 4, "Họ và tên",
         "<U+FEFF>Lê Văn An", FORMAT, same_figures=True, quiet=True),
    Case("word joiner in a candidate admitted", lambda f: inbox(f, candidates=[
        good_candidate(name="Lê Văn\u2060 An", birth=date(1990, 1, 1), status="Đã kết nạp",
                       status_date=date(2025, 6, 1))]), 0, "a.xlsx", NG, 4, "Họ và tên", "Lê Văn<U+2060> An", FORMAT, quiet=True),
    Case("zero-width space in a gender", admission_case(gender="Nam\u200b"), 0, "a.xlsx", KN, 4, "Giới tính", "Nam<U+200B>",
         FORMAT, same_figures=True, quiet=True),
    Case("soft hyphen in the branch name", info_cell("B2", "Chi bộ Tổ dân\u00ad phố 1"), 0, "a.xlsx", "Thông tin", 2,
         "Tên chi bộ", "Chi bộ Tổ dân<U+00AD> phố 1", FORMAT, same_figures=True, quiet=True),
    Case("direction mark in a date typed as text", admission_case(admitted="\u200e01/06/2025", class_date=date(2024, 6, 1)), 0, "a.xlsx", KN, 4,
         "Ngày kết nạp", "<U+200E>01/06/2025", FORMAT, same_figures=True, quiet=True),
    Case("word joiner in a header", lambda f: (inbox(f), edit(f / "a.xlsx", KN, "B3", "Họ và\u2060 tên"))[0], 0,
         "a.xlsx", KN, 3, "Họ và tên", "Họ và<U+2060> tên", FORMAT, same_figures=True, quiet=True),
    Case("byte-order mark in a sheet name", renamed_sheet(KN, "\ufeffKết nạp"), 0, "a.xlsx", KN, None, None,
         "<U+FEFF>Kết nạp", FORMAT, same_figures=True, quiet=True),
    # figures changed by data that should not touch them
    Case("term start outside the term", ward_field("Ngày bắt đầu nhiệm kỳ", "15/07/2010"), 1, "Dang-uy.xlsx", "Đơn vị",
         9, "Ngày bắt đầu nhiệm kỳ", "15/07/2010", "nằm trong năm 2020 hoặc 2021"),
    Case("term start a year after the term's first", ward_field("Ngày bắt đầu nhiệm kỳ", "01/01/2023"), 1,
         "Dang-uy.xlsx", "Đơn vị", 9, "Ngày bắt đầu nhiệm kỳ", "01/01/2023", "lệch"),
    # silent passes
    Case("one candidate, two branches, two genders", person_in_two_branches({}, {"gender": "Nam"}), 1, "b.xlsx", NG, 4,
         "Giới tính", "Nam", "giới tính khác"),
    Case("one candidate counted by two branches", person_in_two_branches({}, {}), 1, "b.xlsx", NG, 4, "Họ và tên",
         "Trần Thị Bình", "hai lần"),
    Case("a candidate who moved is no duplicate", person_in_two_branches(
        {"status": "Chuyển đi", "status_date": date(2025, 3, 1)}, {"entered": date(2025, 3, 2)}), 0, ""),
    Case("admission column twice, same values", extra_column(KN, "Ngày quyết định kết nạp", [date(2025, 6, 1)]), 0,
         "a.xlsx", KN, 3, "Ngày quyết định kết nạp", "Ngày quyết định kết nạp", "dùng cột M", same_figures=True),
    Case("admission column twice, different values", extra_column(KN, "Ngày quyết định kết nạp", [date(2025, 6, 2)]),
         1, "a.xlsx", KN, 4, "Ngày quyết định kết nạp", "02/06/2025", "khác với cột «Ngày kết nạp»"),
    Case("name column twice, different names", extra_column(KN, "Họ tên", ["Lê Văn Ân"]), 1, "a.xlsx", KN, 4,
         "Họ tên", "Lê Văn Ân", "khác với cột «Họ và tên»"),
    Case("gender column twice, one empty", extra_column(NG, "Giới tính", [None]), 0, "a.xlsx", NG, 3, "Giới tính",
         "Giới tính", "dùng cột D", same_figures=True),
    Case("name of 32,000 characters", admission_case(name=LONG_NAME), 1, "a.xlsx", KN, 4, "Họ và tên",
         shorten(LONG_NAME), "quá 100 ký tự"),
    Case("note of 5,000 characters", candidate_case(note="x" * 5000), 1, "a.xlsx", NG, 4, "Ghi chú",
         shorten("x" * 5000), "quá 1000 ký tự"),
    Case("branch name of 32,000 characters", info_cell("B2", LONG_NAME), 1, "a.xlsx", "Thông tin", 2, "Tên chi bộ",
         shorten(LONG_NAME), "quá 100 ký tự"),
    Case("link to a folder", link("lien-ket", other_folder, directory=True), 0, "lien-ket", None, None, None, None,
         "liên kết tới một thư mục", same_figures=True, quiet=True),
    Case("broken link named like a workbook", link("mat.xlsx", lambda f: f / "khong-co.xlsx"), 0, "mat.xlsx", None,
         None, None, None, "liên kết hỏng", same_figures=True, quiet=True),
    # valid input refused before
    Case("admissions sheet with its header only", emptied(KN, keep_header=True), 0, ""),
    Case("admissions sheet with no rows at all", emptied(KN, keep_header=False), 0, "a.xlsx", KN, None, None, None,
         "sheet trống"),
    Case("candidates sheet with no rows at all", emptied(NG, keep_header=False), 0, "a.xlsx", NG, None, None, None,
         "sheet trống", same_figures=False),
    # already noticed elsewhere
    Case("entity bomb in workbook.xml", entity_bomb, 1, "bom.xlsx", None, None, None, None, "thực thể XML"),
    Case("truncated workbook", truncated, 1, "cut.xlsx", None, None, None, None, "hỏng"),
    Case("quota row of an older term", old_term_quota, 0, "", same_figures=True),
    Case("same file name in two sub-folders", same_name_in_sub_folders, 1, "to2/so.xlsx", KN, 4, "Ngày sinh",
         "31/02/1990", "không có thật"),
    Case("old .xls workbook with an error", xls_with_error, 1, "cb7.xls", None, None, None, None,
         "không có bản sao đánh dấu ô lỗi"),
]


def test_corpus_is_large_enough():
    assert len(CASES) >= 80
    assert len([c for c in CASES if c.exit_code == 1]) >= 30


def _files(root: Path) -> dict[str, tuple[int, int]]:
    state = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in filenames:
            path = Path(dirpath) / name
            info = path.lstat()
            state[os.fsdecode(path)] = (info.st_size, info.st_mtime_ns)
        for name in dirnames:
            state[os.fsdecode(Path(dirpath) / name)] = (0, 0)
    return state


def _outside(before: dict, after: dict, *outs: Path) -> list[str]:
    changed = [p for p in set(before) | set(after) if before.get(p) != after.get(p)]
    return [p for p in changed if not any(Path(p) == o or Path(p).is_relative_to(o) for o in outs)]


def _summary(folder: Path) -> list[list[tuple]]:
    wb = load_workbook(next(folder.glob("tong-hop-*.xlsx")))
    return [[ws.title, *ws.iter_rows(values_only=True)] for ws in wb.worksheets]


@pytest.fixture(scope="module")
def clean_summary(tmp_path_factory) -> list[list[tuple]]:
    base = tmp_path_factory.mktemp("clean")
    (base / "in").mkdir()
    folder = inbox(base / "in")
    out = base / "out"
    result = CliRunner().invoke(main, ["build", str(folder), "--out", str(out), "--year", "2025", "--ngay", ISSUED])
    assert result.exit_code == 0, result.output
    return _summary(out)


ISSUED = "05/01/2026"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case: Case, tmp_path: Path, clean_summary):
    folder = case.build(tmp_path / "in")
    checks = case.out(folder) if case.out else tmp_path / "checks"
    out = case.out(folder) if case.out else tmp_path / "out"
    before = _files(tmp_path)
    result = CliRunner().invoke(main, ["check", str(folder), "--out", str(checks)])
    assert result.exit_code == case.exit_code, result.output
    assert "Traceback" not in result.output and "Lỗi không mong đợi" not in result.output
    if case.exit_code == 2:
        assert case.words in result.output and "--out" in result.output
    if case.file:
        assert f"── {case.file}" in result.output
    wanted = [w for w in (
        f"«{case.sheet}»" if case.sheet else None,
        f"dòng {case.row}" if case.row else None,
        f"«{case.column}»" if case.column else None,
        f"«{case.value}»" if case.value else None,
        case.words or None,
    ) if w]
    lines = [line for line in result.output.splitlines()
             if "[Lỗi]" in line or "[Cảnh báo]" in line or "[Ghi chú]" in line]
    if case.exit_code == 0 and (not case.file or case.quiet):
        assert not [line for line in lines if "[Lỗi]" in line or "[Cảnh báo]" in line], result.output
    if case.file and case.exit_code != 2:
        assert any(all(w in line for w in wanted) for line in lines), (wanted, result.output)

    if case.exit_code != 2:
        findings = Findings()
        loaded = load_inbox(folder, findings, exclude=(checks, out))
        assert all(t.counts.balanced for t in loaded.tallies)

    built = CliRunner().invoke(main, ["build", str(folder), "--out", str(out), "--year", "2025", "--ngay", ISSUED])
    assert built.exit_code == case.exit_code, built.output
    assert "Traceback" not in built.output and "Lỗi không mong đợi" not in built.output
    documents = list(out.rglob("*.docx")) if out.is_dir() and case.exit_code != 2 else []
    assert (len(documents) == 0) == (case.exit_code != 0)
    assert not _outside(before, _files(tmp_path), checks, out), "written outside --out"
    if case.same_figures:
        assert _summary(out) == clean_summary


@pytest.fixture(autouse=True)
def _folder(tmp_path):
    (tmp_path / "in").mkdir()
