"""breaker-3's cases that gave wrong figures without an error: a branch workbook of another ward in
the folder (F8, F8b), a branch renamed during the term (F26), the province's quota against the
ward's own (F18), a term starting on 31/12 (F21), the total of a column with a part-year (F5).

Every ward is written with openpyxl, run through the ordinary build, read back with python-docx,
and its figures recomputed here from the workbooks with the tests' own reader.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import openpyxl
from builders import Admission, Ward, make_branch, make_ward
from docread import all_text
from docx import Document
from independent import fold, read_inbox

from reportgen import pipeline
from reportgen.findings import Severity

ISSUED = date(2026, 1, 5)


def build(inbox: Path, out: Path) -> pipeline.BuildResult:
    return pipeline.build(inbox, out, year=2025, issued=ISSUED, today=ISSUED)


def errors(result: pipeline.BuildResult, rule: str) -> list:
    return [f for f in result.check.findings if f.rule == rule and f.severity is Severity.ERROR]


def two_branch_ward(folder: Path) -> Path:
    """Branches A (3 admitted in 2025) and B (2), quota 3 each and 6 for the ward."""
    folder.mkdir(parents=True)
    quotas = [(y, name, 3, 1, 20) for y in range(2021, 2026) for name in ("Chi bộ A", "Chi bộ B")]
    quotas += [(y, "Toàn Đảng bộ", 6, None, 40) for y in range(2021, 2026)]
    make_ward(folder, Ward(quotas=quotas))
    for name, count in (("Chi bộ A", 3), ("Chi bộ B", 2)):
        make_branch(
            folder,
            name,
            file=f"{name}.xlsx",
            admissions=[
                Admission(f"{name} người {k}", date(1990, 1, 1 + k), date(2025, 3 + k, 10)) for k in range(count)
            ],
        )
    return folder


def test_a_branch_workbook_not_named_in_quotas_is_an_error_at_that_file_and_no_document_is_made(
    tmp_path: Path,
) -> None:
    inbox = two_branch_ward(tmp_path / "in")
    (inbox / "ban cu").mkdir()
    foreign = [Admission(f"Người khác {k}", date(1991, 2, 1 + k), date(2025, 5, 10 + k)) for k in range(2)]
    make_branch(inbox, "Chi bộ Ban Quản lý chợ Hưng Tây", file="CB-Cho (1).xlsx", admissions=foreign)
    make_branch(inbox / "ban cu", "Chi bộ Tổ dân phố 9", file="CB-TDP9.xlsx", admissions=foreign[:1])

    result = build(inbox, tmp_path / "out")

    found = errors(result, "branch-not-in-quotas")
    by_file = {f.file: f for f in found}
    assert set(by_file) == {"CB-Cho (1).xlsx", "ban cu/CB-TDP9.xlsx"}, [f.file for f in found]
    for file, name in (
        ("CB-Cho (1).xlsx", "Chi bộ Ban Quản lý chợ Hưng Tây"),
        ("ban cu/CB-TDP9.xlsx", "Chi bộ Tổ dân phố 9"),
    ):
        f = by_file[file]
        assert (f.sheet, f.row, f.column, f.value) == ("Thông tin", 2, "Tên chi bộ", name)
        assert "không có dòng nào trong sheet «Chỉ tiêu» của sổ «Dang-uy.xlsx»" in f.message
        assert "đảng bộ khác" in f.message and "chuyển sổ này ra khỏi thư mục" in f.message
    assert "thư mục con «ban cu»" in by_file["ban cu/CB-TDP9.xlsx"].message
    # the generic 'no quota this year' warning is not given besides the error
    assert not [f for f in result.check.findings if f.rule == "branch-without-quota"]
    assert result.report is None and not result.written
    assert not (tmp_path / "out" / "bao-cao-2025.docx").exists()

    # The files moved out: the ward's own figure, recomputed from its own workbooks.
    (inbox / "CB-Cho (1).xlsx").unlink()
    shutil.rmtree(inbox / "ban cu")
    result = build(inbox, tmp_path / "out2")
    assert result.check.ok and result.report is not None
    data = read_inbox(inbox)
    admitted = sum(1 for b in data["branches"] for a in b["admissions"] if a["admitted"].year == 2025)
    quota = next(
        r["admission_quota"]
        for r in data["ward"]["quotas"]
        if int(r["year"]) == 2025 and fold(r["branch"]) == fold("Toàn Đảng bộ")
    )
    assert (admitted, quota) == (5, 6)
    text = all_text(tmp_path / "out2" / "bao-cao-2025.docx")
    assert f"kết nạp được {admitted:02d} đảng viên" in text


def test_a_sheet_of_quotas_without_branch_rows_does_not_make_every_branch_foreign(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    make_ward(inbox, Ward(quotas=[(2025, "Toàn Đảng bộ", 4, None, 30)]))
    make_branch(inbox, "Chi bộ A", admissions=[Admission("Một", date(1990, 1, 1), date(2025, 3, 3))])
    result = build(inbox, tmp_path / "out")
    assert not errors(result, "branch-not-in-quotas")
    assert result.report is not None


def renamed_ward(folder: Path, former: str | None) -> Path:
    """`Chi bộ Tổ dân phố 1` became `Chi bộ Khu phố 1` in 2024: the earlier rows keep the old name."""
    folder.mkdir(parents=True)
    quotas = [(y, "Chi bộ Tổ dân phố 1" if y < 2024 else "Chi bộ Khu phố 1", 1, 1, 20) for y in range(2021, 2026)]
    quotas += [(y, "Chi bộ Tổ dân phố 5", 2, 1, 20) for y in range(2021, 2026)]
    quotas += [(y, "Toàn Đảng bộ", 3, None, 40) for y in range(2021, 2026)]
    make_ward(folder, Ward(quotas=quotas))
    path = make_branch(
        folder,
        "Chi bộ Khu phố 1",
        file="CB-KP1.xlsx",
        admissions=[Admission(f"Khu phố {y}", date(1990, 1, 1), date(y, 4, 10)) for y in range(2021, 2026)],
    )
    if former is not None:
        wb = openpyxl.load_workbook(path)
        wb["Thông tin"].append(["Tên cũ", former])
        wb.save(path)
    make_branch(
        folder,
        "Chi bộ Tổ dân phố 5",
        file="CB-TDP5.xlsx",
        admissions=[Admission(f"TDP5 {y}", date(1991, 1, 1), date(y, 5, 10)) for y in range(2021, 2026)],
    )
    return folder


def test_a_renamed_branch_without_its_former_name_is_one_warning_listing_every_row_and_the_right_branch(
    tmp_path: Path,
) -> None:
    inbox = renamed_ward(tmp_path / "in", former=None)
    result = build(inbox, tmp_path / "out")
    found = [f for f in result.check.findings if f.rule == "quota-without-workbook"]
    assert len(found) == 1
    data = read_inbox(inbox)
    rows = [i for i, r in enumerate(data["ward"]["quotas"]) if fold(r["branch"]) == fold("Chi bộ Tổ dân phố 1")]
    assert len(rows) == 3
    message = found[0].message
    wb = openpyxl.load_workbook(inbox / "Dang-uy.xlsx")
    excel_rows = [c.row for c in wb["Chỉ tiêu"]["B"] if c.value == "Chi bộ Tổ dân phố 1"]
    assert found[0].row == excel_rows[0] and f"các dòng {', '.join(map(str, excel_rows))}" in message
    assert "năm 2021, 2022, 2023, tổng chỉ tiêu 3" in message
    assert "Có phải «Chi bộ Khu phố 1»" in message and "«Tên cũ»" in message
    assert "Tổ dân phố 5»?" not in message


def test_a_former_name_gives_the_branch_its_earlier_quotas_in_the_term_review(tmp_path: Path) -> None:
    inbox = renamed_ward(tmp_path / "in", former="Chi bộ Tổ dân phố 1")
    result = build(inbox, tmp_path / "out")
    assert result.check.ok and result.report is not None
    assert not [f for f in result.check.findings if f.rule == "quota-without-workbook"]
    notes = [f for f in result.check.findings if f.rule == "former-name-quotas"]
    assert len(notes) == 1 and notes[0].file == "CB-KP1.xlsx" and notes[0].column == "Tên cũ"
    # recomputed from the workbook: every branch row of the term, whatever name it carries
    data = read_inbox(inbox)
    branch_total = sum(
        int(r["admission_quota"]) for r in data["ward"]["quotas"] if fold(r["branch"]) != fold("Toàn Đảng bộ")
    )
    kp1 = sum(
        int(r["admission_quota"])
        for r in data["ward"]["quotas"]
        if fold(r["branch"]) in (fold("Chi bộ Khu phố 1"), fold("Chi bộ Tổ dân phố 1"))
    )
    kp1_admitted = sum(1 for b in data["branches"] if b["info"]["name"] == "Chi bộ Khu phố 1" for a in b["admissions"])
    assert (branch_total, kp1, kp1_admitted) == (15, 5, 5)
    doc = Document(str(tmp_path / "out" / "tong-ket-nhiem-ky-2020-2025.docx"))
    rows = [[c.text for c in r.cells] for t in doc.tables for r in t.rows]
    kp1_row = next(r for r in rows if "Chi bộ Khu phố 1" in r)
    assert kp1_row[3:6] == [str(kp1), str(kp1_admitted), "100,00%"], kp1_row
    text = all_text(tmp_path / "out" / "tong-ket-nhiem-ky-2020-2025.docx")
    assert "Tổ dân phố 1" not in text


def test_a_former_name_that_is_another_workbooks_name_is_an_error(tmp_path: Path) -> None:
    inbox = renamed_ward(tmp_path / "in", former="Chi bộ Tổ dân phố 5")
    result = build(inbox, tmp_path / "out")
    found = errors(result, "former-name-in-use")
    assert len(found) == 1 and found[0].file == "CB-KP1.xlsx" and "CB-TDP5.xlsx" in found[0].message


def test_a_term_starting_on_31_december_covers_the_five_whole_years_after_it(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    quotas = [
        (y, b, q, 1, 100)
        for y, q in zip(range(2021, 2026), (2, 2, 2, 2, 3), strict=True)
        for b in ("Toàn Đảng bộ", "Chi bộ A")
    ]
    make_ward(inbox, Ward(quotas=quotas, fields={"Ngày bắt đầu nhiệm kỳ": "31/12/2020"}))
    admitted = [date(y, m, 10) for y in range(2021, 2025) for m in (3, 9)] + [date(2025, 4, 4), date(2025, 12, 31)]
    make_branch(
        inbox,
        "Chi bộ A",
        file="a.xlsx",
        admissions=[Admission(f"Người {i}", date(1990, 1, 1), d) for i, d in enumerate(admitted)],
    )
    result = build(inbox, tmp_path / "out")
    assert result.check.ok and result.report is not None
    notes = [f for f in result.check.findings if f.rule == "term-start-whole-years"]
    assert len(notes) == 1 and notes[0].value == "31/12/2020" and notes[0].column == "Ngày bắt đầu nhiệm kỳ"
    # recomputed: the five calendar years 2021-2025, every one whole, the last one short of its quota
    data = read_inbox(inbox)
    quota = {
        int(r["year"]): int(r["admission_quota"])
        for r in data["ward"]["quotas"]
        if fold(r["branch"]) == fold("Toàn Đảng bộ")
    }
    dates = [a["admitted"] for b in data["branches"] for a in b["admissions"]]
    in_term = [d for d in dates if date(2021, 1, 1) <= d <= date(2025, 12, 31)]
    assert (len(in_term), sum(quota.values())) == (10, 11)
    rate = f"{100 * len(in_term) / sum(quota.values()):.2f}".replace(".", ",") + "%"
    text = all_text(tmp_path / "out" / "tong-ket-nhiem-ky-2020-2025.docx")
    assert f"đạt {rate} tổng chỉ tiêu cấp trên giao ({sum(quota.values())} đảng viên)" in text, rate
    assert "100,00% tổng chỉ tiêu" not in text and "(từ 31/12)" not in text and "(đến 30/12)" not in text
    assert not any(y.partial for y in result.report.term.years)


def test_a_start_within_a_month_of_a_new_year_is_that_new_year_and_a_mid_year_start_stays() -> None:
    from reportgen.rules import term_statistics_start

    assert term_statistics_start(date(2020, 12, 31)) == date(2021, 1, 1)
    assert term_statistics_start(date(2020, 12, 1)) == date(2021, 1, 1)
    assert term_statistics_start(date(2021, 2, 1)) == date(2021, 1, 1)
    assert term_statistics_start(date(2021, 2, 2)) == date(2021, 2, 2)
    assert term_statistics_start(date(2020, 11, 30)) == date(2020, 11, 30)
    assert term_statistics_start(date(2020, 7, 15)) == date(2020, 7, 15)


def test_the_console_names_the_workbooks_read_from_a_sub_folder(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from reportgen.cli import main

    inbox = two_branch_ward(tmp_path / "in")
    (inbox / "Chi bo").mkdir()
    shutil.move(inbox / "Chi bộ B.xlsx", inbox / "Chi bo" / "Chi bộ B.xlsx")
    result = CliRunner().invoke(main, ["check", str(inbox), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "Đọc cả sổ trong thư mục con: «Chi bo»: Chi bộ B.xlsx" in result.output
    shutil.move(inbox / "Chi bo" / "Chi bộ B.xlsx", inbox / "Chi bộ B.xlsx")
    result = CliRunner().invoke(main, ["check", str(inbox), "--out", str(tmp_path / "out3")])
    assert result.exit_code == 0 and "thư mục con" not in result.output
