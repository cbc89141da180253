"""`reportgen init`: blank standard workbooks, read back with openpyxl.

One test reads back what Excel will enforce (drop-down lists, date and number rules,
the protected header, formats, widths) and checks it against schema.py; one checks that
a blank set passes `check` as "no data yet"; one fills a blank set with the sample's
rows, checks every value against the validation of its cell, and compares the documents
it builds with those built from the sample itself.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, range_boundaries
from openpyxl.worksheet.worksheet import Worksheet

from docread import all_text
from reportgen import blank, pipeline, schema
from reportgen.cli import main
from reportgen.findings import Findings, Severity
from reportgen.intake.read import open_workbook, read_fields, read_table
from reportgen.schema import Kind

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data"
ISSUED = dt.date(2026, 1, 5)
NAMES = ["Chi bộ Tổ dân phố 1", "Chi bộ Trường THCS Nguyễn Nghiêm", "Chi bộ Công an phường"]


def run(*args: str):
    return CliRunner().invoke(main, list(args), env={"NO_COLOR": "1"})


# --- reading validations back ----------------------------------------------------------------


def validation_at(ws: Worksheet, coordinate: str):
    found = [dv for dv in ws.data_validations.dataValidation if coordinate in dv.sqref]
    assert len(found) <= 1, (ws.title, coordinate, found)
    return found[0] if found else None


def list_values(ws: Worksheet, dv) -> list[str]:
    """The values of a list validation whose formula points at the hidden `Danh mục` sheet."""
    formula = dv.formula1.lstrip("=")
    sheet, ref = formula.rsplit("!", 1)
    lists = ws.parent[sheet.strip("'")]
    min_col, min_row, max_col, max_row = range_boundaries(ref.replace("$", ""))
    assert min_col == max_col
    return [lists.cell(r, min_col).value for r in range(min_row, max_row + 1)]


def accepts(ws: Worksheet, coordinate: str, value: object) -> bool:
    """Would Excel accept `value` typed into that cell?"""
    dv = validation_at(ws, coordinate)
    if dv is None or dv.type is None or value is None:
        return True
    if dv.type == "list":
        return value in list_values(ws, dv) or dv.errorStyle != "stop"
    if dv.type == "date":
        return isinstance(value, dt.date)
    if dv.type == "whole":
        if not isinstance(value, int) or isinstance(value, bool):
            return False
        low = int(dv.formula1)
        return value >= low if dv.operator == "greaterThanOrEqual" else low <= value <= int(dv.formula2)
    raise AssertionError(f"unexpected validation {dv.type}")


@pytest.fixture(scope="module")
def blank_set(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("blank") / "so"
    result = run("init", str(folder), "--chi-bo", "; ".join(NAMES), "--nam", "2026")
    assert result.exit_code == 0, result.output
    return folder


def test_init_writes_the_ward_workbook_and_one_workbook_per_branch(blank_set):
    files = sorted(p.name for p in blank_set.iterdir())
    assert files == sorted([blank.WARD_FILE, "CB-To-dan-pho-1.xlsx", "CB-Truong-THCS-Nguyen-Nghiem.xlsx",
                            "CB-Cong-an-phuong.xlsx"])
    names = []
    for path in blank_set.glob("CB-*.xlsx"):
        ws = load_workbook(path)[schema.BRANCH_INFO_SHEET]
        labels = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(2, ws.max_row + 1)}
        names.append(labels["Tên chi bộ"])
    assert sorted(names) == sorted(NAMES)


def test_every_sheet_of_the_format_is_there(blank_set):
    ward = load_workbook(blank_set / blank.WARD_FILE)
    wanted = [schema.WARD_INFO_SHEET, *(s.name for s in schema.TABLE_SHEETS
                                        if s not in (schema.CANDIDATE_SHEET, schema.ADMISSION_SHEET))]
    assert {"Chỉ tiêu", "Đoàn thể", "Văn bản", "Nhận định"} <= set(wanted)
    assert [n for n in ward.sheetnames if n not in (blank.GUIDE_SHEET, blank.LISTS_SHEET)] == wanted
    assert ward.sheetnames[0] == blank.GUIDE_SHEET and ward[blank.LISTS_SHEET].sheet_state == "hidden"
    assert ward.active.title == schema.WARD_INFO_SHEET
    branch = load_workbook(blank_set / "CB-To-dan-pho-1.xlsx")
    assert [n for n in branch.sheetnames if n not in (blank.GUIDE_SHEET, blank.LISTS_SHEET)] == [
        schema.BRANCH_INFO_SHEET, schema.CANDIDATE_SHEET.name, schema.ADMISSION_SHEET.name]


def _table_specs(path: Path) -> list[schema.Sheet]:
    names = set(load_workbook(path, read_only=True).sheetnames)
    return [s for s in schema.TABLE_SHEETS if s.name in names]


def test_table_sheets_validate_every_column_from_the_schema(blank_set):
    checked = set()
    for path in sorted(blank_set.glob("*.xlsx")):
        wb = load_workbook(path)
        for spec in _table_specs(path):
            ws = wb[spec.name]
            assert [c.value for c in ws[1]][: len(spec.columns)] == [c.header for c in spec.columns]
            assert ws.freeze_panes == "A2"
            for index, column in enumerate(spec.columns, start=1):
                letter = ws.cell(1, index).column_letter
                header = ws.cell(1, index)
                assert header.font.b and header.protection.locked
                dim = ws.column_dimensions[letter]
                assert dim.protection.locked is False, (spec.name, column.header)  # data cells editable
                assert len(column.header) + 2 <= dim.width <= 60
                for row in (2, 500, blank.LAST_ROW):
                    dv = validation_at(ws, f"{letter}{row}")
                    if column.kind is Kind.CHOICE:
                        assert dv.type == "list" and dv.errorStyle == "stop"
                        assert list_values(ws, dv) == list(column.choices)
                    elif column.kind is Kind.YESNO:
                        assert dv.type == "list" and list_values(ws, dv) == ["Có", "Không"]
                    elif column.kind is Kind.DATE:
                        assert dv.type == "date" and dv.errorStyle == "stop" and dv.showErrorMessage
                        assert dim.number_format == "dd/mm/yyyy"
                    elif column.kind in (Kind.COUNT, Kind.YEAR):
                        assert dv.type == "whole" and dv.errorStyle == "stop"
                    elif column.key in ("organisation", "introduced_by"):
                        assert set(schema.ORGANISATIONS) <= set(list_values(ws, dv))
                    elif spec is schema.QUOTA_SHEET and column.key == "branch":
                        assert list_values(ws, dv) == [*NAMES, schema.WARD_TOTAL]
                    else:
                        assert dv is None, (spec.name, column.header)
                checked.add(column.kind)
                # what a clerk may type, what Excel refuses
                if column.kind is Kind.DATE:
                    assert accepts(ws, f"{letter}2", dt.datetime(2023, 1, 5))
                    assert not accepts(ws, f"{letter}2", "12/25/1990")
                if column.kind is Kind.COUNT:
                    assert accepts(ws, f"{letter}2", 3) and not accepts(ws, f"{letter}2", -1)
                    assert not accepts(ws, f"{letter}2", "ba")
                if column.kind is Kind.CHOICE:
                    assert accepts(ws, f"{letter}2", column.choices[0]) and not accepts(ws, f"{letter}2", "???")
            assert validation_at(ws, "A1") is None and validation_at(ws, f"A{blank.LAST_ROW + 1}") is None
            # the header row is protected, nothing else: rows may be inserted, deleted, sorted, filtered
            p = ws.protection
            assert p.sheet and not p.password
            assert not (p.insertRows or p.deleteRows or p.sort or p.autoFilter or p.formatColumns)
    assert {Kind.CHOICE, Kind.YESNO, Kind.DATE, Kind.COUNT, Kind.YEAR, Kind.TEXT} <= checked


def test_field_sheets_are_validated_and_protected(blank_set):
    ws = load_workbook(blank_set / "CB-Cong-an-phuong.xlsx")[schema.BRANCH_INFO_SHEET]
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    assert list(rows) == [f.label for f in schema.BRANCH_FIELDS]
    kind = validation_at(ws, f"B{rows['Loại hình']}")
    assert kind.type == "list" and list_values(ws, kind) == list(schema.BRANCH_KINDS)
    assert ws.cell(rows["Loại hình"], 1).protection.locked and not ws.cell(rows["Loại hình"], 2).protection.locked
    assert ws.protection.sheet
    ward = load_workbook(blank_set / blank.WARD_FILE)[schema.WARD_INFO_SHEET]
    rows = {ward.cell(r, 1).value: r for r in range(2, ward.max_row + 1)}
    assert list(rows) == [f.label for f in schema.WARD_FIELDS]
    assert validation_at(ward, f"B{rows['Ngày bắt đầu nhiệm kỳ']}").type == "date"
    assert ward.cell(rows["Ký hiệu"], 2).value == "ĐU"  # the defaults are written in
    assert ward.cell(rows["Tên đảng ủy"], 2).value is None


def test_quota_sheet_lists_the_branches_and_the_ward_total(blank_set):
    ws = load_workbook(blank_set / blank.WARD_FILE)["Chỉ tiêu"]
    rows = [[c.value for c in row][:3] for row in ws.iter_rows(min_row=2, max_row=ws.max_row)]
    assert rows == [[2026, name, None] for name in [*NAMES, schema.WARD_TOTAL]]


def test_guide_sheet_explains_every_column(blank_set):
    for path in blank_set.glob("*.xlsx"):
        wb = load_workbook(path)
        ws = wb[blank.GUIDE_SHEET]
        listed = {ws.cell(r, 1).value for r in range(1, ws.max_row + 1)}
        for spec in _table_specs(path):
            assert f"Sheet «{spec.name}»" in listed
            assert {c.header for c in spec.columns} <= listed
        explained = [ws.cell(r, 5).value for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value in
                     {c.header for s in _table_specs(path) for c in s.columns}]
        assert all(explained), path.name


def test_a_blank_set_passes_check_as_no_data_yet(blank_set, tmp_path):
    result = pipeline.check(blank_set)
    assert result.ok and result.no_data
    assert not result.findings.errors and not result.findings.warnings
    notes = [f for f in result.findings if f.rule in pipeline.NOT_FILLED_RULES]
    assert {(f.file, f.column) for f in notes} >= {(blank.WARD_FILE, "Tên đảng ủy"),
                                                    ("CB-Cong-an-phuong.xlsx", "Loại hình")}
    cli = run("check", str(blank_set), "--out", str(tmp_path / "out"))
    assert cli.exit_code == 0, cli.output
    assert "Các sổ chưa có số liệu (sổ trống): không có lỗi." in cli.output
    assert "[Lỗi]" not in cli.output and "[Cảnh báo]" not in cli.output


def test_an_unfilled_quota_row_in_a_set_with_data_is_a_warning(tmp_path):
    folder = tmp_path / "so"
    blank.write_blank_set(folder, NAMES[:1], 2026)
    wb = load_workbook(folder / blank.WARD_FILE)
    ws = wb["Chỉ tiêu"]
    ws["C2"] = 1
    wb.save(folder / blank.WARD_FILE)
    result = pipeline.check(folder)
    assert not result.no_data
    unfilled = [f for f in result.findings if f.rule == "unfilled-row"]
    assert [(f.severity, f.row, f.column) for f in unfilled] == [(Severity.WARNING, 3, "Chỉ tiêu kết nạp")]


def test_branch_names_from_a_file_and_no_overwrite(tmp_path):
    names = tmp_path / "chi-bo.txt"
    names.write_text("\ufeffChi bộ Tổ dân phố 1\nChi bộ Tổ dân phố 2\n\nchi bộ tổ dân phố 1\n", encoding="utf-8")
    result = run("init", str(tmp_path / "so"), "--chi-bo", str(names))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "so").iterdir()) == sorted(
        [blank.WARD_FILE, "CB-To-dan-pho-1.xlsx", "CB-To-dan-pho-2.xlsx"])
    again = run("init", str(tmp_path / "so"), "--chi-bo", str(names))
    assert again.exit_code == 1 and "không ghi đè" in again.output
    assert run("init", str(tmp_path / "so"), "--chi-bo", str(names), "--ghi-de").exit_code == 0


def test_init_without_names_writes_one_branch_workbook_to_copy(tmp_path):
    result = run("init", str(tmp_path / "so"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "so").iterdir()) == sorted([blank.WARD_FILE, "CB-mau.xlsx"])
    assert "CB-mau.xlsx" in result.output


# --- a blank set filled with the sample's rows builds the sample's documents ----------------------


def _sample_content():
    """What the reader makes of the sample: field values and table records per workbook."""
    ward: dict[str, object] = {}
    tables: dict[str, list[dict[str, object]]] = {}
    branches: dict[str, tuple[dict[str, object], dict[str, list[dict[str, object]]]]] = {}
    for path in sorted(SAMPLE.glob("*.xlsx")):
        book = open_workbook(path)
        findings = Findings()
        content: dict[str, list[dict[str, object]]] = {}
        for spec in schema.TABLE_SHEETS:
            sheet = book.find(spec.name, spec.aliases)
            if sheet is not None:
                table = read_table(sheet, spec, path.name, findings)
                content[spec.name] = table.frame.to_dict("records")
        assert not findings.errors, findings.errors
        if book.find(schema.WARD_INFO_SHEET) is not None:
            ward = read_fields(book.find(schema.WARD_INFO_SHEET), schema.WARD_FIELDS, path.name, findings)[0]
            tables = content
        else:
            info = read_fields(book.find(schema.BRANCH_INFO_SHEET), schema.BRANCH_FIELDS, path.name, findings)[0]
            branches[str(info["name"])] = (info, content)
    return ward, tables, branches


def _cell_value(column: schema.Column, value: object) -> object:
    if value is None or (isinstance(value, float) and value != value):  # NaN of an empty cell
        return None
    if column.kind is Kind.YESNO:
        return "Có" if value else "Không"
    if column.kind is Kind.DATE:
        return dt.datetime(value.year, value.month, value.day)
    if column.kind in (Kind.COUNT, Kind.YEAR):
        return int(value)
    return value


def _fill_fields(ws: Worksheet, fields, values: dict[str, object]) -> None:
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    for spec in fields:
        value = values.get(spec.key)
        if value is not None:
            ws.cell(rows[spec.label], 2, value)
            assert accepts(ws, f"B{rows[spec.label]}", value), (ws.title, spec.label, value)


def _fill_table(ws: Worksheet, spec: schema.Sheet, records: list[dict[str, object]]) -> int:
    for row in ws.iter_rows(min_row=2, max_row=max(ws.max_row, 2)):
        for cell in row:
            cell.value = None  # the rows written in advance (year, branch) go; the sample's come
    written = 0
    for r, record in enumerate(records, start=2):
        for c, column in enumerate(spec.columns, start=1):
            value = _cell_value(column, record.get(column.key))
            if value is None:
                continue
            cell = ws.cell(r, c, value)
            assert accepts(ws, cell.coordinate, value), (ws.title, column.header, value)
            written += 1
    return written


def test_a_blank_set_filled_with_the_sample_builds_the_sample_documents(tmp_path):
    ward, tables, branches = _sample_content()
    folder = tmp_path / "so"
    paths = blank.write_blank_set(folder, list(branches), 2026)
    wb = load_workbook(paths[0])
    _fill_fields(wb[schema.WARD_INFO_SHEET], schema.WARD_FIELDS, ward)
    written = 0
    for spec in _table_specs(paths[0]):
        written += _fill_table(wb[spec.name], spec, tables.get(spec.name, []))
    wb.save(paths[0])
    for path in paths[1:]:
        wb = load_workbook(path)
        name = next(r[1].value for r in wb[schema.BRANCH_INFO_SHEET].iter_rows(min_row=2) if r[0].value == "Tên chi bộ")
        info, content = branches[name]
        _fill_fields(wb[schema.BRANCH_INFO_SHEET], schema.BRANCH_FIELDS, info)
        for spec in _table_specs(path):
            written += _fill_table(wb[spec.name], spec, content.get(spec.name, []))
        wb.save(path)
    assert written > 1000  # the sample's rows really went in

    from_sample = pipeline.build(SAMPLE, tmp_path / "a", issued=ISSUED, today=ISSUED)
    from_blank = pipeline.build(folder, tmp_path / "b", issued=ISSUED, today=ISSUED)
    assert from_blank.check.ok and not from_blank.check.no_data, [f.describe() for f in from_blank.check.findings.errors]
    assert from_sample.report is not None and from_blank.report is not None
    docs_a = {p.relative_to(tmp_path / "a").as_posix(): p for p in from_sample.written if p.suffix == ".docx"}
    docs_b = {p.relative_to(tmp_path / "b").as_posix(): p for p in from_blank.written if p.suffix == ".docx"}
    assert sorted(docs_a) == sorted(docs_b) and len(docs_a) == 3 + len(branches)
    for name, path in docs_a.items():
        assert all_text(docs_b[name]) == all_text(path), name
    summary_a = load_workbook(tmp_path / "a" / "tong-hop-2025.xlsx")
    summary_b = load_workbook(tmp_path / "b" / "tong-hop-2025.xlsx")
    assert summary_a.sheetnames == summary_b.sheetnames
    for ws in summary_a.worksheets:
        assert [[c.value for c in r] for r in ws.iter_rows()] == [[c.value for c in r] for r in summary_b[ws.title].iter_rows()]
