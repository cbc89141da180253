"""The same files whether built in one process, in several, or incrementally over a
previous run; the progress bar stays off the output of a script; the closing line;
`check` does not load what only documents need."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from builders import Admission
from reportgen.cache import CACHE_DIR
from reportgen.cli import main
from reportgen.pipeline import build
from reportgen.province import build_province
from reportgen.render import documents
from test_province import YEAR, _province

ROOT = Path(__file__).resolve().parents[1]
ISSUED = date(2025, 1, 5)
SAMPLE_DAY = date(2026, 1, 5)  # the sample ward reports on 2025


def contents(out: Path) -> dict[str, object]:
    """Every output file by its path: a .docx as its parts' bytes, a .xlsx as its cells
    (a workbook's zip also holds the time it was saved)."""
    found: dict[str, object] = {}
    for path in sorted(out.rglob("*")):
        if not path.is_file() or CACHE_DIR in path.parts:
            continue
        rel = path.relative_to(out).as_posix()
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as z:
                found[rel] = {name: z.read(name) for name in sorted(z.namelist())}
        elif path.suffix == ".xlsx":
            wb = openpyxl.load_workbook(path)
            found[rel] = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
        else:
            found[rel] = path.read_bytes()
    return found


def stamps(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in out.rglob("*.docx")}


@pytest.fixture()
def many_documents(monkeypatch):
    """Worker processes even for the few branch reports of a test ward."""
    monkeypatch.setattr(documents, "PARALLEL_MIN_DOCUMENTS", 1)


def test_a_ward_in_parallel_is_the_same_as_serially(tmp_path, many_documents):
    sample = ROOT / "sample_data"
    serial = build(sample, tmp_path / "serial", issued=SAMPLE_DAY, today=SAMPLE_DAY, jobs=1)
    parallel = build(sample, tmp_path / "parallel", issued=SAMPLE_DAY, today=SAMPLE_DAY, jobs=2)
    assert [p.relative_to(tmp_path / "serial") for p in serial.written] == [
        p.relative_to(tmp_path / "parallel") for p in parallel.written
    ]
    assert len(serial.written) > 10
    assert contents(tmp_path / "serial") == contents(tmp_path / "parallel")


def test_a_province_in_parallel_is_the_same_as_serially(tmp_path, many_documents):
    root = _province(tmp_path / "tinh")
    one = build_province(root, tmp_path / "one", year=YEAR, issued=ISSUED, today=ISSUED, jobs=1)
    two = build_province(root, tmp_path / "two", year=YEAR, issued=ISSUED, today=ISSUED, jobs=2)
    assert one.ok and two.ok and one.report == two.report
    assert contents(tmp_path / "one") == contents(tmp_path / "two")


def _change_one_admission(ward: Path) -> Path:
    """A branch workbook whose first admission now has another decision number."""
    path = ward / "Chi bộ Tổ dân phố 1.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["Kết nạp"]
    header = [c.value for c in ws[3]]
    ws.cell(4, header.index("Số quyết định") + 1).value = "999-QĐ/ĐU"
    wb.save(path)
    return path


def test_an_incremental_province_run_is_the_same_as_a_full_run(tmp_path):
    root = _province(tmp_path / "tinh")
    out = tmp_path / "out"
    first = build_province(root, out, year=YEAR, issued=ISSUED, today=ISSUED, incremental=True)
    assert first.ok and first.report is not None
    before = stamps(out)
    _change_one_admission(root / "Phuong An Hai")
    again = build_province(root, out, year=YEAR, issued=ISSUED, today=ISSUED, incremental=True)
    full = build_province(root, tmp_path / "full", year=YEAR, issued=ISSUED, today=ISSUED)
    assert again.ok and again.report is not None and again.report == full.report
    assert contents(out) == contents(tmp_path / "full")
    after = stamps(out)
    # The wards whose workbooks did not change were not touched at all.
    untouched = [k for k in before if not k.startswith("phuong-an-hai/") and not k.startswith("bao-cao-tong-hop")]
    assert untouched and all(after[k] == before[k] for k in untouched)
    # In the changed ward, only the documents that show the decision number were rendered again.
    changed = sorted(k for k in before if k.startswith("phuong-an-hai/") and after[k] != before[k])
    assert changed == ["phuong-an-hai/chi-bo/chi-bo-to-dan-pho-1.docx"]


def test_an_incremental_ward_run_is_the_same_as_a_full_run(tmp_path):
    from builders import Ward, make_branch, make_ward

    inbox = tmp_path / "phuong"
    inbox.mkdir()
    make_ward(
        inbox,
        Ward(quotas=[(YEAR, "Toàn Đảng bộ", 2, None, 30), (YEAR, "Chi bộ A", 1, 1, 10), (YEAR, "Chi bộ B", 1, 1, 10)]),
    )
    make_branch(inbox, "Chi bộ A", admissions=[Admission("Lê Văn An", date(1990, 1, 1), date(YEAR, 3, 1))])
    make_branch(inbox, "Chi bộ B", admissions=[Admission("Lê Thị Bé", date(1991, 1, 1), date(YEAR, 4, 1))])
    out = tmp_path / "out"
    build(inbox, out, issued=ISSUED, today=ISSUED, incremental=True)
    before = stamps(out)
    make_branch(
        inbox,
        "Chi bộ B",
        admissions=[
            Admission("Lê Thị Bé", date(1991, 1, 1), date(YEAR, 4, 1)),
            Admission("Lê Thị Cúc", date(1992, 1, 1), date(YEAR, 5, 1)),
        ],
    )
    build(inbox, out, issued=ISSUED, today=ISSUED, incremental=True)
    build(inbox, tmp_path / "full", issued=ISSUED, today=ISSUED)
    assert contents(out) == contents(tmp_path / "full")
    after = stamps(out)
    assert after["chi-bo/chi-bo-a.docx"] == before["chi-bo/chi-bo-a.docx"]  # its figures did not change
    assert after["chi-bo/chi-bo-b.docx"] != before["chi-bo/chi-bo-b.docx"]
    assert after[f"bao-cao-{YEAR}.docx"] != before[f"bao-cao-{YEAR}.docx"]


def test_an_edited_template_renders_its_documents_again_in_an_incremental_run(tmp_path):
    """The template's digest is kept per process (one hash for 10,000 branch reports), but an
    edited template is a new one: its documents are rendered again, the others are kept."""
    from docx import Document

    from builders import Ward, make_branch, make_ward
    from reportgen.render.context import KIND_BRANCH
    from reportgen.render.documents import TEMPLATE_FILES, copy_templates

    inbox = tmp_path / "phuong"
    inbox.mkdir()
    make_ward(inbox, Ward(quotas=[(YEAR, "Toàn Đảng bộ", 2, None, 30), (YEAR, "Chi bộ A", 1, 1, 10)]))
    make_branch(inbox, "Chi bộ A", admissions=[Admission("Lê Văn An", date(1990, 1, 1), date(YEAR, 3, 1))])
    templates = tmp_path / "mau"
    copy_templates(templates)
    out = tmp_path / "out"
    build(inbox, out, issued=ISSUED, today=ISSUED, templates=templates, incremental=True)
    before = stamps(out)
    path = templates / TEMPLATE_FILES[KIND_BRANCH]
    doc = Document(str(path))
    doc.add_paragraph("Đoạn văn phòng thêm vào mẫu.")
    doc.save(str(path))
    build(inbox, out, issued=ISSUED, today=ISSUED, templates=templates, incremental=True)
    after = stamps(out)
    assert after["chi-bo/chi-bo-a.docx"] != before["chi-bo/chi-bo-a.docx"]
    assert after[f"bao-cao-{YEAR}.docx"] == before[f"bao-cao-{YEAR}.docx"]
    assert "Đoạn văn phòng thêm vào mẫu." in [
        p.text for p in Document(str(out / "chi-bo" / "chi-bo-a.docx")).paragraphs
    ]


def test_no_progress_bar_in_a_script_and_one_closing_line(tmp_path):
    result = CliRunner().invoke(
        main, ["build", str(ROOT / "sample_data"), "--out", str(tmp_path / "o"), "--ngay", "05/01/2026", "--jobs", "1"]
    )
    assert result.exit_code == 0, result.output
    assert "Tạo văn bản" not in result.output and "Đọc sổ" not in result.output
    closing = [line for line in result.output.splitlines() if line.startswith("Xong sau ")]
    assert len(closing) == 1 and result.output.rstrip().endswith(closing[0])
    made = [p for p in (tmp_path / "o").rglob("*") if p.is_file() and CACHE_DIR not in p.parts]
    workbooks = len(list((ROOT / "sample_data").glob("*.xlsx")))
    warnings = result.output.count("[Cảnh báo]")
    assert re.fullmatch(
        rf"Xong sau \d+,\d giây: đọc {workbooks} sổ, tạo {len(made)} tệp; 0 lỗi, {warnings} cảnh báo\.", closing[0]
    ), closing[0]
    quiet = CliRunner().invoke(
        main, ["build", str(ROOT / "sample_data"), "--out", str(tmp_path / "o"), "--ngay", "05/01/2026", "--quiet"]
    )
    assert quiet.exit_code == 0 and "chi-bo/" not in quiet.output and "Xong sau " in quiet.output


def test_the_progress_bar_counts_every_workbook_and_document():
    from reportgen.console import ProgressBar

    class Recorder(ProgressBar):
        def __init__(self) -> None:
            super().__init__(enabled=False)
            self.seen: dict[str, list[int]] = {}
            self.current = ""

        def stage(self, label: str, total: int) -> None:
            self.seen[label] = [total, 0]
            self.current = label

        def advance(self, count: int = 1) -> None:
            self.seen[self.current][1] += count

    import tempfile

    recorder = Recorder()
    with tempfile.TemporaryDirectory() as tmp:
        result = build(ROOT / "sample_data", Path(tmp), issued=SAMPLE_DAY, today=SAMPLE_DAY, progress=recorder)
    assert recorder.seen["Đọc sổ"] == [15, 15]
    documents_made = len([p for p in result.written if p.suffix == ".docx"])
    assert recorder.seen["Tạo văn bản"] == [documents_made, documents_made]


def test_check_does_not_load_the_document_libraries(tmp_path):
    code = (
        "import sys\n"
        "from reportgen.cli import main\n"
        f"try:\n    main(['check', {str(ROOT / 'sample_data')!r}, '--out', {str(tmp_path / 'o')!r}])\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in ('matplotlib', 'docxtpl', 'docx', 'jinja2') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout + done.stderr
