"""A clerk's edited templates (breaker-3 F11, F12, F12b, F13, F29): the templates are copied with
`copy_templates`, edited with python-docx as Word would save them, and the build is run on a small ward.
A block tag without its docxtpl prefix is refused before anything is written, in Vietnamese, naming the
template, the tag, where it is and what to write; a document cut short or with nested paragraphs is never
written; a template saved under another name and a deleted table are said."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from builders import Admission, Ward, make_branch, make_ward
from click.testing import CliRunner
from docread import all_text
from docx import Document
from reportgen.cli import main
from reportgen.pipeline import build
from reportgen.render import documents
from reportgen.render.documents import copy_templates
from reportgen.render.output import TemplateProblem

TODAY = date(2026, 1, 5)
QUOTAS = [(2025, "Chi bộ Tổ dân phố 1", 1, 1, 20), (2025, "Toàn Đảng bộ", 1, None, 20)]
ANNUAL = "bao-cao-2025.docx"


def _inbox(tmp_path: Path, leadership: int = 0) -> Path:
    """A small ward; `leadership`: that many paragraphs of the office's own in «Lãnh đạo, chỉ đạo»."""
    inbox = tmp_path / "in"
    inbox.mkdir()
    words = [("2025", "Lãnh đạo, chỉ đạo", f"Đoạn lãnh đạo số {n + 1}.") for n in range(leadership)]
    make_ward(inbox, Ward(quotas=QUOTAS, assessments=words))
    make_branch(
        inbox, "Chi bộ Tổ dân phố 1", admissions=[Admission("Nguyễn Văn An", date(1990, 1, 2), date(2025, 3, 4))]
    )
    return inbox


def _paragraphs(doc):
    yield from doc.paragraphs
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def _set_text(paragraph, text: str) -> None:
    for run in paragraph.runs[1:]:
        run._r.getparent().remove(run._r)
    paragraph.runs[0].text = text


def _retype(doc, old: str, new: str) -> None:
    """The first paragraph whose text is `old` retyped as `new` (what a clerk does in Word)."""
    paragraph = next(p for p in _paragraphs(doc) if p.text == old)
    _set_text(paragraph, new)


def _delete_row(doc, text: str) -> None:
    for table in doc.tables:
        for row in table.rows:
            if any(c.text == text for c in row.cells):
                row._tr.getparent().remove(row._tr)
                return
    raise AssertionError(text)


def _edited(tmp_path: Path, edit, name: str = "bao-cao.docx") -> Path:
    folder = tmp_path / "mau"
    copy_templates(folder)
    doc = Document(str(folder / name))
    edit(doc)
    doc.save(str(folder / name))
    return folder


EDITS = {
    # F11: a block tag without its prefix, whose block spans paragraphs or table rows
    "for without p": (
        lambda d: _retype(d, "{%p for p in leadership_paragraphs %}", "{% for p in leadership_paragraphs %}"),
        ["«{% for p in leadership_paragraphs %}»", "viết «{%p for p in leadership_paragraphs %}»", "đoạn văn thứ"],
    ),
    "endfor without p": (
        lambda d: _retype(d, "{%p endfor %}", "{% endfor %}"),
        ["«{% endfor %}»", "«{%p for p in leadership_paragraphs %}»", "viết cùng kiểu: «{%p endfor %}»"],
    ),
    "for without tr": (
        lambda d: _retype(d, "{%tr for r in branch_rows %}", "{% for r in branch_rows %}"),
        ["«{% for r in branch_rows %}»", "viết «{%tr for r in branch_rows %}»", "bảng thứ 2, dòng 2", "sau «Biểu 1."],
    ),
    "if without p": (
        lambda d: _retype(d, "{%p if annex %}", "{% if annex %}"),
        ["«{% if annex %}»", "viết «{%p if annex %}»"],
    ),
    # F12b: the row holding the opening tag deleted
    "for row deleted": (
        lambda d: _delete_row(d, "{%tr for r in branch_rows %}"),
        ["«{%tr endfor %}»", "không có thẻ mở «{%tr for ... %}»", "bảng thứ 2"],
    ),
    # F12: Jinja's own errors, in Vietnamese
    "endfor misspelt": (
        lambda d: _retype(d, "{%p endfor %}", "{%p endfro %}"),
        ["không có thẻ «endfro»", "có phải «{%p endfor %}»"],
    ),
    "unknown filter": (
        lambda d: _retype(d, "{{ intro }}", "{{ intro|upperx }}"),
        ["«{{ intro|upperx }}»", "bộ lọc «upperx»"],
    ),
    # a name the data does not have, with the place of its tag
    "unknown name": (
        lambda d: _retype(d, "{{ intro }}", "{{ intro_text }}"),
        ["«{{ intro_text }}» (đoạn văn thứ", "dùng tên «intro_text» nhưng dữ liệu không có tên này"],
    ),
    # a tag typed with an input method's full-width braces
    "full-width braces": (
        lambda d: _retype(d, "{{ intro }}", "｛｛ intro ｝｝"),
        ["«｛｛ intro ｝｝»", "gõ lại bằng dấu ngoặc thường: «{{ intro }}»"],
    ),
    # F13: Word's smart quotes around a name
    "smart quotes": (
        lambda d: _retype(d, "{{ intro }}", "{{ “intro” }}"),
        ["«{{ “intro” }}»", "chỉ in ra chữ «intro»", "viết «{{ intro }}»"],
    ),
}


@pytest.mark.parametrize("case", list(EDITS))
def test_an_edited_template_that_would_break_the_document_is_refused_in_vietnamese(tmp_path, case):
    edit, expected = EDITS[case]
    folder = _edited(tmp_path, edit)
    out = tmp_path / "out"
    with pytest.raises(TemplateProblem) as info:
        build(_inbox(tmp_path), out, year=2025, issued=TODAY, today=TODAY, templates=folder)
    message = str(info.value)
    assert info.value.template_name == "bao-cao.docx"
    assert message.startswith("Mẫu văn bản «bao-cao.docx» có lỗi: thẻ «") or "không có thẻ" in message
    for part in expected:
        assert part in message, (part, message)
    said = message.replace("{{ “intro” }}", "")  # the clerk's own tag is quoted as written
    assert not re.search(r"Encountered|Jinja|No filter|looking for|unknown tag|[“”]", said), message
    assert not (out / ANNUAL).exists()  # every template checked before anything is written


def test_the_command_exits_1_with_the_message(tmp_path):
    folder = _edited(tmp_path, EDITS["for without tr"][0])
    inbox = _inbox(tmp_path)
    args = ["build", str(inbox), "--out", str(tmp_path / "out"), "--templates", str(folder), "--year", "2025"]
    result = CliRunner().invoke(main, [*args, "--ngay", "05/01/2026"])
    assert result.exit_code == 1
    assert "viết «{%tr for r in branch_rows %}»" in result.output and "Traceback" not in result.output


def test_a_plain_block_inside_one_paragraph_is_fine(tmp_path):
    folder = _edited(
        tmp_path, lambda d: _retype(d, "{{ intro }}", "{% if intro %}{{ intro }}{% else %}Không có.{% endif %}")
    )
    result = build(_inbox(tmp_path), tmp_path / "out", year=2025, issued=TODAY, today=TODAY, templates=folder)
    text = all_text(tmp_path / "out" / ANNUAL)
    assert result.report is not None and result.report.year == 2025
    assert "Thực hiện " in text and "Trên đây là báo cáo" in text  # the opening and the closing lines


@pytest.mark.parametrize(
    ("case", "fault"),
    [("for without p", "thiếu phần cuối văn bản"), ("endfor without p", "có đoạn văn nằm trong đoạn văn")],
)
def test_the_last_guard_refuses_a_document_cut_short_or_with_nested_paragraphs(tmp_path, monkeypatch, case, fault):
    """Were the check before rendering to miss a block, the first document of the template is looked at
    (a block repeated once renders as if written right: the ward has two paragraphs to repeat)."""
    monkeypatch.setattr(documents, "block_problem", lambda placed: None)
    monkeypatch.setattr(documents, "_CHECKED", {})
    monkeypatch.setattr(documents, "_GUARDED", set())
    folder = _edited(tmp_path, EDITS[case][0])
    out = tmp_path / "out"
    with pytest.raises(TemplateProblem) as info:
        build(_inbox(tmp_path, leadership=2), out, year=2025, issued=TODAY, today=TODAY, templates=folder)
    assert fault in str(info.value) and info.value.template_name == "bao-cao.docx"
    assert not (out / ANNUAL).exists()


def test_each_template_is_checked_once_per_process(tmp_path, monkeypatch):
    calls: list[str] = []
    original = documents.check_template

    def counting(path, env=None):
        calls.append(Path(path).name)
        return original(path, env)

    monkeypatch.setattr(documents, "check_template", counting)
    monkeypatch.setattr(documents, "_CHECKED", {})
    folder = tmp_path / "mau"
    copy_templates(folder)
    inbox = _inbox(tmp_path)
    for n in range(2):
        build(inbox, tmp_path / f"out{n}", year=2025, issued=TODAY, today=TODAY, templates=folder, incremental=False)
    assert sorted(calls) == sorted(documents.TEMPLATE_FILES.values())


def test_an_edit_saved_under_another_name_and_a_deleted_table_are_said(tmp_path):
    def edit(doc):
        table = doc.tables[1]._tbl  # Biểu 1
        table.getparent().remove(table)

    folder = _edited(tmp_path, edit)
    (folder / "bao-cao (sửa).docx").write_bytes((folder / "bao-cao.docx").read_bytes())
    (folder / "~$o-cao.docx").write_bytes(b"lock")  # Word's lock file: not a template, not named
    result = build(_inbox(tmp_path), tmp_path / "out", year=2025, issued=TODAY, today=TODAY, templates=folder)
    [unused] = [n for n in result.notes if "không dùng «" in n]
    assert "dùng «bao-cao.docx», «tong-ket-nhiem-ky.docx», «chi-bo.docx», «ke-hoach.docx»" in unused
    assert "không dùng «bao-cao (sửa).docx»" in unused and "đổi tên thành «bao-cao.docx»" in unused
    assert "~$" not in unused
    [lost] = [n for n in result.notes if "không còn dùng" in n]
    assert lost.startswith("mẫu «bao-cao.docx» đã sửa không còn dùng «branch_parts», «branch_rows», «branch_total»")
    assert "Biểu 1. Kết quả kết nạp" in all_text(tmp_path / "out" / ANNUAL)  # the caption stays: the clerk's edit


def test_the_default_templates_give_no_note(tmp_path):
    folder = tmp_path / "mau"
    copy_templates(folder)
    result = build(_inbox(tmp_path), tmp_path / "out", year=2025, issued=TODAY, today=TODAY, templates=folder)
    assert not [n for n in result.notes if "mẫu" in n]
