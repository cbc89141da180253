"""Templates a clerk edits: `reportgen templates DIR`, `build --templates DIR`, a broken
template at the command line, and a template saved again by LibreOffice Writer."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from report_fixture import SCHOOL, TDP3, TDP10, make_report

from docread import all_text, find_table, table_rows
from reportgen.cli import main
from reportgen.render.documents import (
    PROVINCE_TEMPLATE,
    TEMPLATE_FILES,
    TEMPLATES_DIR,
    copy_templates,
    write_documents,
)

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


# --- reportgen templates DIR ------------------------------------------------------------------


def test_templates_command_copies_the_default_templates(tmp_path):
    folder = tmp_path / "mau"
    result = run("templates", str(folder))
    assert result.exit_code == 0, result.output
    copied = [*TEMPLATE_FILES.values(), PROVINCE_TEMPLATE]
    assert sorted(p.name for p in folder.iterdir()) == sorted(copied)
    for name in copied:
        assert (folder / name).read_bytes() == (TEMPLATES_DIR / name).read_bytes()
        assert name in result.output
    assert f"--templates {folder}" in result.output


def test_templates_command_does_not_overwrite_without_ghi_de(tmp_path):
    folder = tmp_path / "mau"
    copy_templates(folder)
    (folder / "bao-cao.docx").write_bytes(b"edited by the clerk")
    result = run("templates", str(folder))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"Thư mục «{folder}» đã có mẫu văn bản «bao-cao.docx»" in result.output
    assert "--ghi-de" in result.output
    assert (folder / "bao-cao.docx").read_bytes() == b"edited by the clerk"


@pytest.mark.parametrize("flag", ["--ghi-de", "--force"])
def test_templates_command_overwrites_with_ghi_de(tmp_path, flag):
    folder = tmp_path / "mau"
    copy_templates(folder)
    (folder / "bao-cao.docx").write_bytes(b"edited by the clerk")
    result = run("templates", str(folder), flag)
    assert result.exit_code == 0, result.output
    assert (folder / "bao-cao.docx").read_bytes() == (TEMPLATES_DIR / "bao-cao.docx").read_bytes()


def test_templates_command_refuses_a_file_in_place_of_the_folder(tmp_path):
    (tmp_path / "mau").write_text("x")
    result = run("templates", str(tmp_path / "mau"))
    assert result.exit_code == 1
    assert "Không ghi được tệp" in result.output and "Traceback" not in result.output


def test_templates_command_has_help():
    result = run("templates", "--help")
    assert result.exit_code == 0
    assert "--ghi-de" in result.output and "Chép các mẫu văn bản" in result.output


# --- build --templates DIR ----------------------------------------------------------------------


def _add_paragraph(path: Path, text: str) -> None:
    doc = Document(str(path))
    doc.add_paragraph(text)
    doc.save(str(path))


def test_build_uses_the_edited_templates(tmp_path):
    folder = tmp_path / "mau"
    copy_templates(folder)
    _add_paragraph(folder / "bao-cao.docx", "Đoạn do Văn phòng thêm vào năm {{ year }}.")
    out = tmp_path / "out"
    result = run("build", str(SAMPLE), "--out", str(out), "--ngay", "05/01/2026", "--templates", str(folder))
    assert result.exit_code == 0, result.output
    assert "Đoạn do Văn phòng thêm vào năm 2025." in all_text(out / "bao-cao-2025.docx")
    assert "Đoạn do Văn phòng" not in all_text(out / "tong-ket-nhiem-ky-2020-2025.docx")


@pytest.mark.parametrize(
    ("template", "tag", "expected"),
    [
        ("bao-cao.docx", "{{ so_lieu_khong_co }}", "thẻ «{{ so_lieu_khong_co }}» (đoạn văn thứ"),
        ("ke-hoach.docx", "{{ year }", "không được đóng"),
        ("chi-bo.docx", "{% tr for r in history_rows %}", "viết liền «{%tr»"),
    ],
)
def test_a_broken_template_is_one_vietnamese_message_and_exit_1(tmp_path, template, tag, expected):
    folder = tmp_path / "mau"
    copy_templates(folder)
    _add_paragraph(folder / template, tag)
    out = tmp_path / "out"
    result = run("build", str(SAMPLE), "--out", str(out), "--ngay", "05/01/2026", "--templates", str(folder))
    assert result.exit_code == 1
    assert f"Mẫu văn bản «{template}» có lỗi" in result.output
    assert expected in result.output
    assert "Traceback" not in result.output and "Lỗi không mong đợi" not in result.output
    assert not list(out.glob("*.docx"))  # every template is checked before anything is written


def test_a_missing_template_in_the_folder(tmp_path):
    folder = tmp_path / "mau"
    copy_templates(folder)
    (folder / "ke-hoach.docx").unlink()
    result = run("build", str(SAMPLE), "--out", str(tmp_path / "out"), "--templates", str(folder))
    assert result.exit_code == 1
    assert "Mẫu văn bản «ke-hoach.docx» có lỗi: không tìm thấy tệp mẫu" in result.output
    assert "Traceback" not in result.output


# --- a template saved again by LibreOffice Writer ---------------------------------------------------


def _edit_document_xml(source: Path, target: Path, old: str, new: str) -> None:
    """Replace a word inside document.xml, as an edit by hand would, and zip the package again."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                assert xml.count(old) == 1, old
                data = xml.replace(old, new).encode("utf-8")
            zout.writestr(item, data)


@needs_libreoffice
def test_a_template_saved_by_libreoffice_writer_still_renders(tmp_path):
    folder = tmp_path / "mau"
    copy_templates(folder)
    # a word changed in the closing paragraph, whose run also holds {{ year }} and {{ issuer_name }}
    edited = tmp_path / "edited" / "bao-cao.docx"
    edited.parent.mkdir()
    _edit_document_xml(folder / "bao-cao.docx", edited, "Trên đây là báo cáo kết quả",
                       "Trên đây là bản báo cáo kết quả")
    saved = tmp_path / "saved"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--norestore",
         "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(saved), str(edited)],
        check=True, timeout=180, capture_output=True,
    )
    resaved = saved / "bao-cao.docx"
    assert resaved.is_file()
    assert resaved.read_bytes() != edited.read_bytes()  # really written by LibreOffice
    shutil.copyfile(resaved, folder / "bao-cao.docx")

    out = tmp_path / "out"
    write_documents(make_report(), out, folder)
    text = all_text(out / "bao-cao-2025.docx")
    assert (
        "Trên đây là bản báo cáo kết quả công tác tạo nguồn, kết nạp đảng viên năm 2025"
        " của Đảng ủy phường Phổ Hòa./." in text
    )
    assert "{{" not in text and "{%" not in text
    doc = Document(str(out / "bao-cao-2025.docx"))
    rows = table_rows(find_table(doc, "STT", "Chi bộ"))
    assert [r[1] for r in rows[1:]] == [TDP3, TDP10, SCHOOL, "Cộng"]
    assert len(doc.inline_shapes) == 2
