"""A province of three small wards: each ward's documents in out/<ward>/, the province
report and summary workbook in out/; the province's totals are the sums of the wards'
figures (recounted here from what the test wrote, and read back from each ward's own
summary workbook); one bad ward blocks only itself and the province report."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from builders import Admission, Candidate, Ward, make_branch, make_ward
from click.testing import CliRunner
from docread import all_text, find_table, table_rows
from docx import Document

from reportgen.cli import main

ISSUED = "05/01/2025"
YEAR = 2024

# ward folder -> (committee, {branch: (quota, admissions in YEAR)}, ward quota, members at the start of YEAR)
WARDS = {
    "Phuong An Hai": (
        "ĐẢNG ỦY PHƯỜNG AN HẢI",
        {"Chi bộ Tổ dân phố 1": (2, 2), "Chi bộ Trường Tiểu học": (1, 0)},
        3,
        90,
    ),
    "Phuong Binh Minh": ("ĐẢNG ỦY PHƯỜNG BÌNH MINH", {"Chi bộ Thôn 1": (1, 3), "Chi bộ Công an": (1, 1)}, 4, 120),
    "Xa Cam Thanh": ("ĐẢNG ỦY XÃ CẨM THÀNH", {"Chi bộ Thôn Đông": (2, 1)}, 2, 40),
}
# The province's own `Chỉ tiêu` rows: a different quota for one ward, and none for the others.
PROVINCE_QUOTAS = [(YEAR, "Đảng ủy phường Bình Minh", 5, None, 130)]


def _ward(
    folder: Path, committee: str, branches: dict[str, tuple[int, int]], quota: int, members: int, bad: bool = False
) -> None:
    folder.mkdir(parents=True)
    place = committee.split()[-1].title()  # people of different wards have different names
    quotas = [(YEAR, "Toàn Đảng bộ", quota, None, members)]
    for index, (name, (branch_quota, admitted)) in enumerate(branches.items()):
        quotas.append((YEAR, name, branch_quota, 1, 10))
        people = [
            Admission(
                f"Nguyễn {place} {chr(65 + index)}{n}",
                date(1995, 3, 1 + n),
                date(YEAR, 4, 1 + n),
                gender="Nữ" if n % 2 else "Nam",
            )
            for n in range(admitted)
        ]
        if bad and index == 0:
            people.append(Admission("Trần Thị Lỗi", "31/02/1990", date(YEAR, 6, 1)))
        make_branch(
            folder,
            name,
            admissions=people,
            candidates=[Candidate(f"Lê Thị {place} {index}", date(2000, 1, 1), date(YEAR, 2, 1))],
        )
    make_ward(folder, Ward(quotas=quotas, fields={"Tên đảng ủy": committee}))


def _province(root: Path, bad: str | None = None) -> Path:
    for folder, (committee, branches, quota, members) in WARDS.items():
        _ward(root / folder, committee, branches, quota, members, bad=folder == bad)
    make_ward(
        root,
        Ward(
            quotas=PROVINCE_QUOTAS,
            fields={
                "Đảng bộ cấp trên": "ĐẢNG BỘ TỈNH QUẢNG NGÃI",
                "Tên đảng ủy": "BAN TỔ CHỨC TỈNH ỦY",
                "Địa danh": "Quảng Ngãi",
                "Ký hiệu": "BTCTU",
            },
        ),
        file="Tinh.xlsx",
    )
    return root


def _run(command: str, root: Path, out: Path):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(
        main,
        [command, str(root), "--out", str(out), "--year", str(YEAR), "--ngay", ISSUED]
        if command == "build"
        else [command, str(root), "--out", str(out)],
    )


def _summary_total(path: Path, sheet: str, column: str) -> object:
    """The value of `column` in the last (`Cộng`) row of a summary sheet."""
    ws = openpyxl.load_workbook(path)[sheet]
    rows = list(ws.iter_rows(values_only=True))
    return rows[-1][list(rows[0]).index(column)]


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    root = _province(tmp_path_factory.mktemp("province"))
    out = tmp_path_factory.mktemp("province-out")
    result = _run("build", root, out)
    return root, out, result


def test_every_ward_gets_its_documents(good):
    _root, out, result = good
    assert result.exit_code == 0, result.output
    for slug in ("phuong-an-hai", "phuong-binh-minh", "xa-cam-thanh"):
        assert (out / slug / f"bao-cao-{YEAR}.docx").is_file()
        assert (out / slug / f"tong-hop-{YEAR}.xlsx").is_file()
    assert (out / f"bao-cao-tong-hop-{YEAR}.docx").is_file()
    assert (out / f"tong-hop-{YEAR}.xlsx").is_file()


def test_the_console_names_each_wards_folder_by_its_whole_path(good):
    _root, out, result = good
    for slug in ("phuong-an-hai", "phuong-binh-minh", "xa-cam-thanh"):
        assert f"tệp trong {out / slug}{os.sep}" in result.output


def test_province_totals_are_the_sums_of_the_wards(good):
    _root, out, _result = good
    admitted = sum(a for _, branches, _, _ in WARDS.values() for _, a in branches.values())
    ward_totals = sum(
        _summary_total(out / slug / f"tong-hop-{YEAR}.xlsx", f"Chi bộ năm {YEAR}", "Kết nạp")
        for slug in ("phuong-an-hai", "phuong-binh-minh", "xa-cam-thanh")
    )
    summary = out / f"tong-hop-{YEAR}.xlsx"
    assert _summary_total(summary, "Các đảng bộ", "Kết nạp") == admitted == ward_totals
    # quota: the province's row for Bình Minh (5) over its own (4), the wards' own rows for the others
    assert _summary_total(summary, "Các đảng bộ", "Chỉ tiêu kết nạp") == 3 + 5 + 2
    assert _summary_total(summary, "Các đảng bộ", "Đảng viên đầu năm") == 90 + 130 + 40
    assert _summary_total(summary, "Các đảng bộ", "Số chi bộ") == 5
    structure = {r[1]: r[2] for r in openpyxl.load_workbook(summary)["Cơ cấu kết nạp"].iter_rows(values_only=True)}
    women = sum(n % 2 for _, branches, _, _ in WARDS.values() for _, a in branches.values() for n in range(a))
    assert structure["Tổng số đảng viên mới kết nạp"] == admitted
    assert structure["Nữ"] == women


def test_province_report_shows_wards_and_shortfalls(good):
    _root, out, _result = good
    path = out / f"bao-cao-tong-hop-{YEAR}.docx"
    rows = table_rows(find_table(Document(str(path)), "STT", "Đảng bộ"))
    by_name = {r[1]: r for r in rows[1:]}
    assert by_name["Đảng bộ phường Bình Minh"][3:6] == ["5", "4", "80,00%"]
    assert by_name["Cộng"][2:6] == ["260", "10", "7", "70,00%"]
    text = all_text(path)
    assert "BAN TỔ CHỨC TỈNH ỦY" in text and "Số     -BC/BTCTU" in text
    assert "Quảng Ngãi, ngày 05 tháng 01 năm 2025" in text
    # An Hải 2/3 and Cẩm Thành 1/2 are below quota; Bình Minh 4/5 too (the province's quota)
    assert "03 đảng bộ chưa đạt chỉ tiêu kết nạp" in text
    assert "Chi bộ Trường Tiểu học (Đảng bộ phường An Hải, 0/1)" in text
    assert "Chi bộ Thôn Đông (Đảng bộ xã Cẩm Thành, 1/2)" in text


def test_a_bad_ward_blocks_only_itself_and_the_province_report(tmp_path):
    root = _province(tmp_path / "tinh", bad="Phuong Binh Minh")
    out = tmp_path / "out"
    result = _run("build", root, out)
    assert result.exit_code == 1
    assert not (out / "phuong-binh-minh" / f"bao-cao-{YEAR}.docx").exists()
    assert (out / "phuong-binh-minh" / "kiem-tra-du-lieu.xlsx").is_file()
    for slug in ("phuong-an-hai", "xa-cam-thanh"):
        assert (out / slug / f"bao-cao-{YEAR}.docx").is_file()
    assert not (out / f"bao-cao-tong-hop-{YEAR}.docx").exists()
    assert not (out / f"tong-hop-{YEAR}.xlsx").exists()
    assert "Chưa lập báo cáo tổng hợp vì thiếu số liệu của «Phuong Binh Minh» (sổ có 1 lỗi)" in result.output
    assert "Ngày sinh" in result.output  # the bad ward's error is shown with its column


def test_check_a_province(tmp_path):
    root = _province(tmp_path / "tinh", bad="Xa Cam Thanh")
    out = tmp_path / "out"
    result = _run("check", root, out)
    assert result.exit_code == 1, result.output
    for slug in ("phuong-an-hai", "phuong-binh-minh", "xa-cam-thanh"):
        assert (out / slug / "kiem-tra-du-lieu.xlsx").is_file()
    assert "✗ Xa Cam Thanh" in result.output and "✓ Phuong An Hai" in result.output
    assert not list(out.rglob("*.docx"))


def test_a_ward_inbox_is_not_a_province(tmp_path):
    from reportgen.province import is_province

    _ward(tmp_path / "w", *WARDS["Xa Cam Thanh"])
    assert not is_province(tmp_path / "w")
    assert is_province(_province(tmp_path / "p"))


def test_two_ward_folders_with_one_committee_name_block_the_province_report(tmp_path):
    """A ward folder copied twice would be counted twice: an error naming both folders."""
    root = _province(tmp_path / "tinh")
    shutil.copytree(root / "Xa Cam Thanh", root / "Xa Cam Thanh - ban sao")
    out = tmp_path / "out"
    result = _run("build", root, out)
    assert result.exit_code == 1, result.output
    assert (
        "các thư mục «Xa Cam Thanh», «Xa Cam Thanh - ban sao» cùng ghi «Tên đảng ủy» là «ĐẢNG ỦY XÃ CẨM THÀNH»"
        in result.output
    )
    assert "Chưa lập báo cáo tổng hợp vì các lỗi nêu trên." in result.output
    assert not (out / f"bao-cao-tong-hop-{YEAR}.docx").exists()
    assert (out / "phuong-an-hai" / f"bao-cao-{YEAR}.docx").is_file()
    checked = _run("check", root, tmp_path / "out-check")  # said by check as well, before any build
    assert checked.exit_code == 1
    assert "cùng ghi «Tên đảng ủy» là «ĐẢNG ỦY XÃ CẨM THÀNH»" in " ".join(checked.output.split())


@pytest.mark.parametrize("command", ["check", "build"])
def test_ward_folders_without_a_province_workbook_get_one_clear_message(tmp_path, command):
    """Sub-folders of wards but no province workbook: one error that names the folders and says what is
    missing, instead of the duplicates (two ward workbooks, branches twice) reading them as one ward gave."""
    root = tmp_path / "tinh"
    for folder, (committee, branches, quota, members) in WARDS.items():
        _ward(root / folder, committee, branches, quota, members)
    (root / "Chi bo chung").mkdir()  # a folder of the same name in two wards would have clashed too
    result = _run(command, root, tmp_path / "out")
    assert result.exit_code == 1, result.output
    assert result.output.count("[Lỗi]") == 1, result.output
    assert (
        "thư mục có 3 thư mục con, mỗi thư mục một sổ tổng hợp của Đảng ủy («Phuong An Hai», «Phuong Binh"
        " Minh», «Xa Cam Thanh»)"
    ) in " ".join(result.output.split())
    assert "chưa có sổ của cấp tỉnh" in result.output and "sheet «Đơn vị»" in result.output
    assert f"reportgen check «{root / 'Phuong An Hai'}»" in " ".join(result.output.split())
    assert "có hai sổ của Đảng ủy" not in result.output
    assert not list((tmp_path / "out").rglob("*.docx"))
    # With the province workbook the same folder is a province run.
    make_ward(root, Ward(quotas=PROVINCE_QUOTAS, fields={"Tên đảng ủy": "BAN TỔ CHỨC TỈNH ỦY"}), file="Tinh.xlsx")
    result = _run("check", root, tmp_path / "out2")
    assert "thư mục con" not in result.output or "chưa có sổ của cấp tỉnh" not in result.output
    assert "✓ Phuong An Hai" in result.output, result.output


def test_two_ward_workbooks_in_one_folder_get_no_province_hint(tmp_path):
    root = tmp_path / "phuong"
    committee, branches, quota, members = WARDS["Xa Cam Thanh"]
    _ward(root, committee, branches, quota, members)
    shutil.copy(_ward_workbook(root), root / "Ban sao.xlsx")
    result = _run("check", root, tmp_path / "out")
    assert result.exit_code == 1, result.output
    assert "có hai sổ của Đảng ủy" in result.output
    assert "sổ của cấp tỉnh" not in result.output


def _ward_workbook(folder: Path) -> Path:
    return next(p for p in folder.glob("*.xlsx") if "Chỉ tiêu" in openpyxl.load_workbook(p, read_only=True).sheetnames)


def test_a_sub_folder_that_is_no_ward_is_named_with_what_it_holds(tmp_path):
    """A folder of Word files, or a ward whose workbooks sit one level deeper, is not left out silently."""
    root = _province(tmp_path / "tinh")
    words = root / "Phuong Cu"
    words.mkdir()
    for name in ("Bao cao 2024.docx", "Ke hoach 2025.docx"):
        Document().save(str(words / name))
    deeper = root / "Xa Moi"
    _ward(deeper / "2024", "ĐẢNG ỦY XÃ MỚI", {"Chi bộ Thôn Tây": (1, 1)}, 1, 30)
    for command in ("check", "build"):
        result = _run(command, root, tmp_path / f"out-{command}")
        text = " ".join(result.output.split())
        assert (
            "thư mục con «Phuong Cu» không được đọc: không có sổ Excel nào (.xlsx, .xlsm, .xls, .ods). Trong"
            " thư mục có: 2 tệp .docx."
        ) in text, result.output
        assert (
            "thư mục con «Xa Moi» không được đọc: không có sổ Excel ngay trong thư mục; sổ tổng hợp của Đảng"
            " ủy nằm sâu hơn một cấp, ở «Xa Moi/2024»"
        ) in text
        assert "phải là số liệu của một đảng bộ" in text
        assert "✓ Phuong An Hai" in result.output  # the wards are still read
        # a ward one level deeper is certainly a ward: the province's totals would leave it out
        assert "chưa lập báo cáo tổng hợp của tỉnh" in text and "chuyển thư mục «Xa Moi/2024» lên" in text
        assert result.exit_code == 1
        assert not list((tmp_path / f"out-{command}").glob("bao-cao-tong-hop-*.docx"))


def test_a_ward_folder_without_its_ward_workbook_blocks_the_province_report(tmp_path):
    root = _province(tmp_path / "tinh")
    lone = root / "Xa Thieu So"
    lone.mkdir()
    make_branch(
        lone,
        "Chi bộ Thôn Đông",
        file="CB-Dong.xlsx",
        admissions=[Admission("Lê Văn Đông", date(1990, 2, 3), date(YEAR, 6, 1))],
    )
    result = _run("build", root, tmp_path / "out")
    text = " ".join(result.output.split())
    assert result.exit_code == 1, result.output
    assert "thư mục con «Xa Thieu So» không được đọc: có 01 sổ chi bộ nhưng không có sổ tổng hợp của Đảng ủy" in text
    assert "thêm sổ tổng hợp của Đảng ủy vào thư mục này" in text
    assert not list((tmp_path / "out").glob("bao-cao-tong-hop-*.docx"))


def test_one_person_in_two_wards_is_warned_naming_both(tmp_path):
    """FORMAT.md has no ID number: name and date of birth make the person, as inside a ward."""
    root = _province(tmp_path / "tinh")
    make_branch(
        root / "Phuong An Hai",
        "Chi bộ Tổ dân phố 9",
        file="CB-9.xlsx",
        candidates=[
            Candidate("Phạm Thị Trùng", date(1999, 5, 6), date(YEAR, 2, 1)),
            Candidate("Võ Thị Khác", date(1998, 1, 2), date(YEAR, 2, 1)),
        ],
    )
    make_branch(
        root / "Xa Cam Thanh",
        "Chi bộ Thôn Tây",
        file="CB-Tay.xlsx",
        candidates=[Candidate("Võ Thị Khác", date(1998, 1, 3), date(YEAR, 2, 1))],  # another birth date
        admissions=[Admission("Phạm Thị Trùng", date(1999, 5, 6), date(YEAR, 6, 1), gender="Nữ")],
    )
    for command in ("check", "build"):
        result = _run(command, root, tmp_path / f"out-{command}")
        text = " ".join(result.output.split())
        assert "cùng một người (họ tên «Phạm Thị Trùng», ngày sinh 06/05/1999) có trong sổ của 02 đảng bộ" in text
        assert (
            "«Phuong An Hai» (tệp Phuong An Hai/CB-9.xlsx, sheet «Nguồn», dòng 4, chi bộ «Chi bộ Tổ dân phố 9»,"
            " Đang bồi dưỡng)"
        ) in text
        assert (
            "«Xa Cam Thanh» (tệp Xa Cam Thanh/CB-Tay.xlsx, sheet «Kết nạp», dòng 4, chi bộ «Chi bộ Thôn Tây»)" in text
        )
        assert "Võ Thị Khác" not in text  # two people who share a name
        assert text.count("cùng một người") == 1


def test_one_person_admitted_in_two_wards_is_an_error_and_no_province_report(tmp_path):
    root = _province(tmp_path / "tinh")
    for folder in ("Phuong An Hai", "Phuong Binh Minh"):
        make_branch(
            root / folder,
            "Chi bộ Tổ dân phố 9",
            file="CB-9.xlsx",
            admissions=[Admission("Phạm Văn Hai Lần", date(1993, 7, 8), date(YEAR, 6, 1))],
        )
    result = _run("build", root, tmp_path / "out")
    text = " ".join(result.output.split())
    assert result.exit_code == 1, result.output  # an error, as across two branches of one ward
    assert "[Lỗi]" in text
    assert "người này được ghi kết nạp ở 02 đảng bộ nên số kết nạp của tỉnh sẽ tính người này nhiều lần" in text
    assert "chưa lập báo cáo tổng hợp của tỉnh" in text
    assert not list((tmp_path / "out").glob("bao-cao-tong-hop-*.docx"))
    assert "tệp Phuong An Hai/CB-9.xlsx, sheet «Kết nạp», dòng 4" in text
    assert "tệp Phuong Binh Minh/CB-9.xlsx, sheet «Kết nạp», dòng 4" in text


def test_a_stray_branch_workbook_at_the_province_top_is_one_error(tmp_path):
    root = _province(tmp_path / "tinh")
    shutil.copy(next((root / "Xa Cam Thanh").glob("Chi bộ*.xlsx")), root / "CB-lac.xlsx")
    result = _run("check", root, tmp_path / "out")
    text = " ".join(result.output.split())
    assert result.exit_code == 1, result.output
    assert "── CB-lac.xlsx" in result.output
    assert "sổ chi bộ nằm ở thư mục ngoài cùng của tỉnh" in text
    assert text.count("[Lỗi]") == 1  # the one cause, not a ward's worth of duplicates
    for ward in WARDS:
        assert f"✓ {ward}" in result.output


def test_a_workbook_open_in_excel_in_a_ward_is_said_in_the_province_run(tmp_path):
    root = _province(tmp_path / "tinh")
    ward = root / "Xa Cam Thanh"
    book = next(ward.glob("Chi bộ*.xlsx"))
    (ward / f"~${book.name}").write_bytes(b"lock")
    result = _run("check", root, tmp_path / "out")
    text = " ".join(result.output.split())
    assert "══ Xa Cam Thanh" in result.output
    assert f"sổ «{book.name}» đang mở trong Excel" in text


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize("quotas", [True, False])
def test_a_province_workbook_whose_info_sheet_is_renamed_is_one_error(tmp_path, command, quotas):
    """breaker-2 F11 addendum: `Đơn vị` renamed in the province workbook read the province as one ward of 70
    workbooks (dozens of messages); with no `Chỉ tiêu` sheet it was said to be missing. One error naming the
    file, the sheets found and the one to rename."""
    root = _province(tmp_path / "tinh")
    book = openpyxl.load_workbook(root / "Tinh.xlsx")
    book["Đơn vị"].title = "Thông tin đơn vị"
    if not quotas:
        del book["Chỉ tiêu"]
    book.save(root / "Tinh.xlsx")
    result = _run(command, root, tmp_path / "out")
    text = " ".join(result.output.split())
    assert result.exit_code == 1, result.output
    assert text.count("[Lỗi]") == 1 and "[Cảnh báo]" not in text, result.output
    sheets = "«Thông tin đơn vị», «Chỉ tiêu»" if quotas else "«Thông tin đơn vị»"
    assert (
        "── Tinh.xlsx [Lỗi] sheet «Thông tin đơn vị» — thư mục có 3 thư mục con, mỗi thư mục một sổ tổng hợp của"
        " Đảng ủy («Phuong An Hai», «Phuong Binh Minh», «Xa Cam Thanh»): đây là số liệu của nhiều đảng bộ (cả"
        " tỉnh, thành phố), nên sổ này ở thư mục ngoài cùng được hiểu là sổ của cấp tỉnh, nhưng sổ không có sheet"
        " «Đơn vị» (Đảng bộ cấp trên, Tên đảng ủy, Địa danh, Nhiệm kỳ của cấp tỉnh); các sheet có:"
        f" {sheets}. Sheet «Thông tin đơn vị» có các trường của sheet «Đơn vị» («Đảng bộ cấp trên», «Tên"
        " đảng ủy», «Địa danh», «Nhiệm kỳ»): hãy đổi tên sheet đó thành đúng «Đơn vị» rồi chạy lại (xem mục «Cả"
        " tỉnh, thành phố» trong hướng dẫn sử dụng, README). Chưa đọc sổ nào"
    ) in text
    assert not list((tmp_path / "out").rglob("*.docx"))
    # Renamed back, the same folder is a province run.
    book = openpyxl.load_workbook(root / "Tinh.xlsx")
    book["Thông tin đơn vị"].title = "Đơn vị"
    book.save(root / "Tinh.xlsx")
    assert "✓ Phuong An Hai" in _run("check", root, tmp_path / "out2").output


def test_a_renamed_info_sheet_in_one_wards_workbook_is_said_under_that_ward(tmp_path):
    root = _province(tmp_path / "tinh")
    ward_book = _ward_workbook(root / "Xa Cam Thanh")
    book = openpyxl.load_workbook(ward_book)
    book["Đơn vị"].title = "Don vi 2025"
    book.save(ward_book)
    result = _run("check", root, tmp_path / "out")
    text = " ".join(result.output.split())
    assert result.exit_code == 1, result.output
    assert "✗ Xa Cam Thanh" in result.output and "✓ Phuong An Hai" in result.output
    assert text.count("[Lỗi]") == 1, result.output
    assert "sổ của Đảng ủy thiếu sheet «Đơn vị»" in text
    assert "Sheet «Don vi 2025» có các trường của sheet «Đơn vị»" in text


def test_a_province_quota_row_for_a_ward_not_in_the_folder_blocks_the_province_report(tmp_path):
    """breaker-2 F9: a ward the province's `Chỉ tiêu` names for the report year, with no folder, means the
    ward's workbooks are missing from the province's folder: the totals would leave it out, as for a ward
    folder without its ward workbook. An error at the row, in check and in build; a mistyped name is
    pointed to the ward it resembles; rows of earlier years (wards since merged) are not judged."""
    root = _province(tmp_path / "tinh")
    book = openpyxl.load_workbook(root / "Tinh.xlsx")
    sheet = book["Chỉ tiêu"]
    sheet.append([YEAR, "Đảng ủy xã Sơn Lộc", 4, None, 60])
    missing_row = sheet.max_row
    sheet.append([YEAR, "Đảng ủy xã Cam Thnh", 2, None, 40])
    typo_row = sheet.max_row
    sheet.append([YEAR - 3, "Đảng ủy xã Cũ", 1, None, 20])
    book.save(root / "Tinh.xlsx")
    for command in ("check", "build"):
        out = tmp_path / f"out-{command}"
        result = _run(command, root, out)
        text = " ".join(result.output.split())
        assert result.exit_code == 1, result.output
        assert text.count("[Lỗi]") == 2, result.output
        assert (
            f"[Lỗi] sheet «Chỉ tiêu», dòng {missing_row}, cột «Chi bộ»: giá trị «Đảng ủy xã Sơn Lộc» — dòng chỉ"
            f" tiêu năm {YEAR} ghi «Đảng ủy xã Sơn Lộc» nhưng không có thư mục con nào chứa sổ của đảng bộ này (sổ"
            " tổng hợp có «Tên đảng ủy» là «Đảng ủy xã Sơn Lộc»): số liệu của đảng bộ này chưa có trong thư mục"
            " của tỉnh nên tổng của tỉnh sẽ thiếu; vì vậy chưa lập báo cáo tổng hợp của tỉnh. Hãy chép thư mục"
            " sổ của đảng bộ này vào thư mục của tỉnh; nếu đảng bộ không còn (đã sáp nhập, giải thể), hãy xóa"
            " dòng này. [Lỗi]"
        ) in text
        assert (
            f"dòng {typo_row}, cột «Chi bộ»: giá trị «Đảng ủy xã Cam Thnh»" in text
            and "Có phải đảng bộ ở thư mục «Xa Cam Thanh» («Tên đảng ủy» ghi «ĐẢNG ỦY XÃ CẨM THÀNH»)?" in text
        )
        assert "Đảng ủy xã Cũ" not in text
        assert "✓ Phuong An Hai" in result.output  # the wards themselves are fine
        assert not list(out.glob("bao-cao-tong-hop-*.docx")) and not list(out.glob("tong-hop-*.xlsx"))
    assert (tmp_path / "out-build" / "phuong-an-hai" / f"bao-cao-{YEAR}.docx").is_file()


def test_a_province_quota_row_names_the_unread_ward_folder_it_may_be(tmp_path):
    root = _province(tmp_path / "tinh")
    _ward_workbook(root / "Xa Cam Thanh").unlink()  # the ward sent only its branch workbooks
    book = openpyxl.load_workbook(root / "Tinh.xlsx")
    book["Chỉ tiêu"].append([YEAR, "Đảng ủy xã Cẩm Thành", 2, None, 40])
    book.save(root / "Tinh.xlsx")
    result = _run("build", root, tmp_path / "out")
    text = " ".join(result.output.split())
    assert result.exit_code == 1, result.output
    assert "thư mục con «Xa Cam Thanh» không được đọc" in text
    assert (
        "giá trị «Đảng ủy xã Cẩm Thành» — dòng chỉ tiêu năm 2024 ghi «Đảng ủy xã Cẩm Thành» nhưng không có thư mục"
        " con nào chứa sổ của đảng bộ này" in text
    )
    assert "Có thể là đảng bộ ở thư mục «Xa Cam Thanh» (chưa đọc được, xem lỗi của thư mục đó)" in text


def test_a_province_quota_that_differs_from_the_wards_own_is_one_warning_and_said_in_the_report(good):
    """breaker-3 F18: the province's row for Bình Minh and the ward's own `Toàn Đảng bộ` row differ;
    the province report uses the superior's quota and says so, the ward's report its own: the run
    warns once at the province's row, naming both workbooks, rows and values."""
    root, out, result = good
    assert result.exit_code == 0, result.output
    province = openpyxl.load_workbook(root / "Tinh.xlsx")["Chỉ tiêu"]
    upper_row = next(c.row for c in province["B"] if c.value == "Đảng ủy phường Bình Minh")
    upper = province.cell(upper_row, 3).value
    own_sheet = openpyxl.load_workbook(root / "Phuong Binh Minh" / "Dang-uy.xlsx")["Chỉ tiêu"]
    own_row = next(
        c.row for c in own_sheet["B"] if c.value == "Toàn Đảng bộ" and own_sheet.cell(c.row, 1).value == YEAR
    )
    own = own_sheet.cell(own_row, 3).value
    assert (upper, own) == (5, 4)
    lines = [line for line in result.output.splitlines() if "sổ của cấp tỉnh ghi" in line]
    assert len(lines) == 1, lines  # An Hải and Cẩm Thành have no province row: nothing to compare
    line = lines[0]
    assert f"dòng {upper_row}, cột «Chỉ tiêu kết nạp»: giá trị «{upper}»" in line
    assert f"«Phuong Binh Minh/Dang-uy.xlsx», sheet «Chỉ tiêu», dòng {own_row}, «Toàn Đảng bộ») ghi {own}" in line
    assert "Báo cáo tổng hợp dùng chỉ tiêu cấp trên giao" in line
    # the province report's table uses the superior's quota and its text says which quota it uses
    text = all_text(out / f"bao-cao-tong-hop-{YEAR}.docx")
    assert f"Chỉ tiêu kết nạp của các đảng bộ nêu trong báo cáo là chỉ tiêu cấp trên giao năm {YEAR}" in text
    assert "; Đảng bộ phường An Hải và Đảng bộ xã Cẩm Thành chưa có chỉ tiêu ở sổ theo dõi của cấp trên" in text
    assert f"Đảng bộ phường Bình Minh báo cáo chỉ tiêu {own}, khác chỉ tiêu cấp trên giao ({upper})" in text
    # the ward's own report keeps its own figure, as the warning says
    ward_text = all_text(out / "phuong-binh-minh" / f"bao-cao-{YEAR}.docx")
    assert f"chỉ tiêu cấp trên giao ({own:02d} đảng viên)" in ward_text
