"""Files that are damaged, hostile or odd: each gives a finding naming the file,
never a traceback, within bounded time and memory."""

import time
import zipfile
from datetime import date

from openpyxl import load_workbook

from builders import Admission, Ward, make_branch, make_ward
from reportgen.findings import Findings
from reportgen.intake import safety
from reportgen.intake.load import load_inbox


def inbox_with(tmp_path):
    make_ward(tmp_path, Ward(quotas=[(2025, "Chi bộ A", 1, 1, 10)]))
    return make_branch(tmp_path, "Chi bộ A", file="a.xlsx",
                       admissions=[Admission("Lê Văn An", date(1990, 1, 1), date(2025, 6, 1))])


def load(folder):
    findings = Findings()
    inbox = load_inbox(folder, findings)
    return inbox, findings


def rewrite(source, target, replace):
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            out.writestr(item, replace(item.filename, src.read(item.filename)))


def test_zip_bomb_is_refused_quickly(tmp_path):
    source = inbox_with(tmp_path)
    bomb = tmp_path / "bom.xlsx"
    zeros = b" " * (8 * 1024 * 1024)
    rewrite(source, bomb, lambda name, data: data + zeros if name.endswith("sheet2.xml") else data)
    started = time.perf_counter()
    inbox, findings = load(tmp_path)
    assert time.perf_counter() - started < 10
    refused = [f for f in findings.errors if f.file == "bom.xlsx"]
    assert len(refused) == 1 and "bất thường" in refused[0].message


def test_total_unpacked_size_is_limited(tmp_path, monkeypatch):
    inbox_with(tmp_path)
    monkeypatch.setattr(safety, "MAX_UNPACKED_BYTES", 10_000)
    inbox, findings = load(tmp_path)
    assert {f.file for f in findings.errors if f.rule == "unreadable-file"} == {"a.xlsx", "Dang-uy.xlsx"}
    assert all("MB" in f.message for f in findings.errors if f.rule == "unreadable-file")


def test_xml_entity_bomb_is_refused(tmp_path):
    source = inbox_with(tmp_path)
    entities = "".join(f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10 if i else "lol"}">' for i in range(10))
    dtd = f'<?xml version="1.0"?><!DOCTYPE w [{entities}]>'.encode()

    def bomb(name, data):
        if name.endswith("sheet3.xml"):
            return dtd + data.split(b"?>", 1)[-1].replace(b"<sheetData>", b"<sheetData><row r=\"99\"><c r=\"A99\" "
                                                          b"t=\"inlineStr\"><is><t>&l9;</t></is></c></row>", 1)
        return data

    rewrite(source, tmp_path / "xml-bom.xlsx", bomb)
    started = time.perf_counter()
    inbox, findings = load(tmp_path)
    assert time.perf_counter() - started < 10
    assert [f.file for f in findings.errors if f.rule == "unreadable-file"] == ["xml-bom.xlsx"]


def test_formula_without_cached_value_is_reported(tmp_path):
    source = inbox_with(tmp_path)
    wb = load_workbook(source)
    wb["Kết nạp"]["Q4"] = "=CONCATENATE(B4, \" (ghi chú)\")"
    wb.save(source)
    inbox, findings = load(tmp_path)
    hits = [f for f in findings.warnings if f.rule == "formula-without-value"]
    assert [(h.file, h.sheet, h.row, h.column, h.cell_column) for h in hits] == [("a.xlsx", "Kết nạp", 4, "Ghi chú", 17)]
    assert hits[0].value.startswith("=CONCATENATE")


def test_formula_with_cached_value_is_read_silently(tmp_path):
    source = inbox_with(tmp_path)

    def cache(name, data):
        if name.endswith("sheet3.xml"):
            return data.replace(b'<c r="Q4" t="inlineStr"><is><t></t></is></c>', b"", 1).replace(
                b"</row>", b'<c r="R4"><f>1+1</f><v>2</v></c></row>', 1)
        return data

    rewrite(source, tmp_path / "b.xlsx", cache)
    source.unlink()
    inbox, findings = load(tmp_path)
    assert not [f for f in findings if f.rule == "formula-without-value"]


def test_hidden_sheet_is_read_and_reported(tmp_path):
    source = inbox_with(tmp_path)
    wb = load_workbook(source)
    wb["Kết nạp"].sheet_state = "hidden"
    wb.save(source)
    inbox, findings = load(tmp_path)
    assert len(inbox.admissions) == 1
    assert [(f.file, f.sheet) for f in findings.warnings if f.rule == "hidden-sheet"] == [("a.xlsx", "Kết nạp")]


def test_real_password_protected_workbook(tmp_path):
    """tests/fixtures/mat-khau.xlsx: cb7.xlsx encrypted with a password (msoffcrypto-tool, once)."""
    import shutil
    from pathlib import Path

    inbox_with(tmp_path)
    shutil.copy(Path(__file__).parent / "fixtures" / "mat-khau.xlsx", tmp_path)
    inbox, findings = load(tmp_path)
    hits = [f for f in findings.errors if f.file == "mat-khau.xlsx"]
    assert len(hits) == 1 and "mật khẩu" in hits[0].message
    assert len(inbox.branches) == 1


def test_formulas_in_the_stt_column_are_not_reported(tmp_path):
    source = inbox_with(tmp_path)
    wb = load_workbook(source)
    wb["Kết nạp"]["A4"] = "=ROW()-3"
    wb.save(source)
    inbox, findings = load(tmp_path)
    assert not [f for f in findings if f.rule == "formula-without-value"]
    assert len(inbox.admissions) == 1
