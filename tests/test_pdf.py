"""PDF copies through LibreOffice: a missing LibreOffice is a message, not a failure; a
stand-in soffice tests the time limit and the moving of files; the real one (when
installed) must convert every sample document."""

from __future__ import annotations

import shutil
import stat
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen import pipeline
from reportgen.cli import main
from reportgen.render import pdf

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def fake_soffice(tmp_path: Path, body: str) -> str:
    """A stand-in for soffice: a Python script; `args` holds its command line."""
    script = tmp_path / "fake-soffice"
    script.write_text(f"#!{sys.executable}\nimport sys, time, pathlib\nargs = sys.argv[1:]\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


WRITES_PDFS = """
out = pathlib.Path(args[args.index("--outdir") + 1])
assert any(a.startswith("-env:UserInstallation=file://") for a in args), args
for doc in args[args.index("--outdir") + 2:]:
    (out / (pathlib.Path(doc).stem + ".pdf")).write_bytes(b"%PDF-1.4 fake")
"""


def documents(tmp_path: Path) -> list[Path]:
    docs = [tmp_path / "bao-cao-2025.docx", tmp_path / "chi-bo" / "chi-bo-a.docx"]
    for d in docs:
        d.parent.mkdir(exist_ok=True)
        d.write_bytes(b"docx")
    return docs


def test_no_libreoffice_is_a_message(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    result = pdf.convert_to_pdf(documents(tmp_path))
    assert result.written == [] and result.problems == [pdf.NOT_INSTALLED]
    assert "Không tìm thấy LibreOffice" in pdf.NOT_INSTALLED


def test_pdfs_are_written_next_to_their_documents(tmp_path):
    docs = documents(tmp_path)
    result = pdf.convert_to_pdf(docs, soffice=fake_soffice(tmp_path, WRITES_PDFS))
    assert result.problems == []
    assert result.written == [tmp_path / "bao-cao-2025.pdf", tmp_path / "chi-bo" / "chi-bo-a.pdf"]
    assert all(p.read_bytes().startswith(b"%PDF") for p in result.written)
    leftovers = [p for p in tmp_path.rglob("*") if p.name.startswith(".pdf-")]
    assert not leftovers


def test_a_document_libreoffice_cannot_convert_is_named(tmp_path):
    body = 'print("Error: source file could not be loaded"); sys.exit(1)'
    result = pdf.convert_to_pdf(documents(tmp_path), soffice=fake_soffice(tmp_path, body))
    assert result.written == []
    assert result.problems[0] == (
        "LibreOffice không chuyển được sang PDF: bao-cao-2025.docx (Error: source file could not be loaded)."
    )


def test_libreoffice_is_stopped_after_the_time_limit(tmp_path):
    result = pdf.convert_to_pdf(documents(tmp_path)[:1], soffice=fake_soffice(tmp_path, "time.sleep(30)"), timeout=1)
    assert result.written == []
    assert result.problems[0].startswith("LibreOffice chạy quá 1 giây nên đã bị dừng")


def test_build_pdf_without_libreoffice_still_writes_the_documents(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(SAMPLE), "--out", str(out), "--ngay", "05/01/2026", "--pdf"])
    assert result.exit_code == 0, result.output
    assert "Lưu ý: Không tìm thấy LibreOffice nên chưa tạo được bản PDF" in result.output
    assert (out / "bao-cao-2025.docx").exists() and not list(out.rglob("*.pdf"))


def test_build_pdf_returns_the_pdfs_in_written(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "find_soffice", lambda: fake_soffice(tmp_path, WRITES_PDFS))
    result = pipeline.build(SAMPLE, tmp_path / "out", issued=date(2026, 1, 5), today=date(2026, 1, 5), pdf=True)
    docx = sorted(p for p in result.written if p.suffix == ".docx")
    pdfs = sorted(p for p in result.written if p.suffix == ".pdf")
    assert [p.with_suffix(".pdf") for p in docx] == pdfs
    assert result.notes == []


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_every_sample_document_converts_to_pdf(tmp_path):
    """CI installs LibreOffice: a document LibreOffice cannot open fails here."""
    out = tmp_path / "out"
    result = pipeline.build(SAMPLE, out, issued=date(2026, 1, 5), today=date(2026, 1, 5), pdf=True)
    assert result.notes == []
    docx = sorted(p for p in result.written if p.suffix == ".docx")
    assert len(docx) >= 4
    for doc in docx:
        made = doc.with_suffix(".pdf")
        assert made in result.written, doc.name
        data = made.read_bytes()
        assert data.startswith(b"%PDF") and len(data) > 10_000, doc.name
