"""Documents rendered from a template prepared once are the documents docxtpl renders:
every part of the package the same (the XML parts compared byte for byte), for every
template, with the charts, with a clerk's edited template, and read back with python-docx."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from report_fixture import make_report

from reportgen.render import documents
from reportgen.render.charts import Picture
from reportgen.render.context import KIND_ANNUAL, KIND_BRANCH, KIND_PLAN, KIND_TERM, build_context
from reportgen.render.documents import (
    TEMPLATE_FILES,
    TEMPLATES_DIR,
    copy_templates,
    make_environment,
    render_document,
)
from reportgen.render.prepared import PreparedTemplate


def _key(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return (str(path.resolve()), stat.st_mtime_ns, stat.st_size)


def _docxtpl_bytes(template: Path, context: dict) -> bytes:
    """The document as docxtpl renders and saves it (the path used before the prepared one)."""
    tpl = documents._render_docxtpl(_key(template), context, make_environment())
    buffer = io.BytesIO()
    tpl.save(buffer)
    return buffer.getvalue()


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        return {info.filename: z.read(info) for info in z.infolist()}


def _assert_same_package(fast: bytes, slow: bytes) -> None:
    mine, theirs = _parts(fast), _parts(slow)
    assert sorted(mine) == sorted(theirs)
    for name in theirs:
        assert mine[name] == theirs[name], name


def _pictures(value: object) -> list[Picture]:
    if isinstance(value, Picture):
        return [value]
    if isinstance(value, dict):
        return [p for v in value.values() for p in _pictures(v)]
    if isinstance(value, list | tuple):
        return [p for v in value for p in _pictures(v)]
    return []


def _contexts() -> list[tuple[str, dict]]:
    report = make_report()
    out = [(kind, build_context(report, kind, None)) for kind in (KIND_ANNUAL, KIND_TERM, KIND_PLAN)]
    out += [(KIND_BRANCH, build_context(report, KIND_BRANCH, br)) for br in report.branch_reports]
    return out


@pytest.mark.parametrize("number", range(6))
def test_prepared_render_writes_the_parts_docxtpl_writes(number):
    kind, context = _contexts()[number]
    template = TEMPLATES_DIR / TEMPLATE_FILES[kind]
    prepared = PreparedTemplate(template.read_bytes(), make_environment())
    fast = prepared.render(documents._fast_pictures(context))
    _assert_same_package(fast, _docxtpl_bytes(template, context))


def test_the_annual_report_carries_its_charts_as_docxtpl_placed_them():
    context = dict(_contexts()[0][1])
    pictures = _pictures(context)
    assert len(pictures) == 2, "the fixture's annual report has its two charts"
    template = TEMPLATES_DIR / TEMPLATE_FILES[KIND_ANNUAL]
    fast = PreparedTemplate(template.read_bytes(), make_environment()).render(documents._fast_pictures(context))
    parts = _parts(fast)
    media = sorted(n for n in parts if n.startswith("word/media/"))
    assert len(media) == len(pictures)
    assert sorted(parts[n] for n in media) == sorted(p.png for p in pictures)
    doc = Document(io.BytesIO(fast))
    assert len(doc.inline_shapes) == len(pictures)
    _assert_same_package(fast, _docxtpl_bytes(template, context))


def test_an_edited_template_renders_as_docxtpl_renders_it(tmp_path):
    """A clerk's template from `reportgen templates`, edited in Word: a new paragraph with a tag,
    a tag in the header, and a title property holding a tag."""
    folder = tmp_path / "mau"
    copy_templates(folder)
    path = folder / TEMPLATE_FILES[KIND_BRANCH]
    doc = Document(str(path))
    doc.add_paragraph("Ghi thêm của văn phòng: {{ issuer_name }} — & < > “ngoặc”")
    header = doc.sections[0].header
    header.add_paragraph("Chi bộ {{ issuer_name }}")
    doc.core_properties.title = "Báo cáo {{ issuer_name }}"
    doc.save(str(path))
    report = make_report()
    context = build_context(report, KIND_BRANCH, report.branch_reports[0])
    assert "issuer_name" in context
    out = render_document(path, context, tmp_path / "out.docx")
    data = out.read_bytes()
    _assert_same_package(data, _docxtpl_bytes(path, context))
    back = Document(str(out))
    name = str(context["issuer_name"])
    assert any(p.text.startswith(f"Ghi thêm của văn phòng: {name} — & < >") for p in back.paragraphs)
    assert any(name in p.text for p in back.sections[0].header.paragraphs)
    assert back.core_properties.title == f"Báo cáo {name}"


def test_a_template_with_footnotes_holding_tags_falls_back_to_docxtpl(tmp_path):
    """What the prepared path does not render is docxtpl's: the document is still made."""
    folder = tmp_path / "mau"
    copy_templates(folder)
    path = folder / TEMPLATE_FILES[KIND_BRANCH]
    with zipfile.ZipFile(path) as z:
        items = [(i, z.read(i)) for i in z.infolist()]
    footnotes = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b'<w:footnote w:id="1"><w:p><w:r><w:t>{{ issuer_name }}</w:t></w:r></w:p></w:footnote></w:footnotes>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in items:
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
                    b'officedocument.wordprocessingml.footnotes+xml"/></Types>',
                )
            if info.filename == "word/_rels/document.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/footnotes" Target="footnotes.xml"/></Relationships>',
                )
            z.writestr(info, data)
        z.writestr("word/footnotes.xml", footnotes)
    report = make_report()
    context = build_context(report, KIND_BRANCH, report.branch_reports[0])
    out = render_document(path, context, tmp_path / "out.docx")
    assert documents._PREPARED[(_key(path), id(documents.shared_environment()))] is None
    _assert_same_package(out.read_bytes(), _docxtpl_bytes(path, context))


def test_the_prepared_body_keeps_docxtpl_table_rows(tmp_path):
    """The branch report's tables filled by {%tr for %} rows: as many rows as docxtpl makes."""
    report = make_report()
    context = build_context(report, KIND_BRANCH, report.branch_reports[0])
    template = TEMPLATES_DIR / TEMPLATE_FILES[KIND_BRANCH]
    out = render_document(template, context, tmp_path / "a.docx")
    slow = tmp_path / "b.docx"
    slow.write_bytes(_docxtpl_bytes(template, context))
    fast_doc, slow_doc = Document(str(out)), Document(str(slow))
    assert [[c.text for c in r.cells] for t in fast_doc.tables for r in t.rows] == [
        [c.text for c in r.cells] for t in slow_doc.tables for r in t.rows
    ]
    assert [p.text for p in fast_doc.paragraphs] == [p.text for p in slow_doc.paragraphs]
    ids = [e.get("id") for e in fast_doc.element.body.iter(qn("wp:docPr"))]
    assert len(ids) == len(set(ids))


def test_copy_of_templates_is_unchanged_by_preparing(tmp_path):
    folder = tmp_path / "mau"
    shutil.copytree(TEMPLATES_DIR, folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    for name in TEMPLATE_FILES.values():
        PreparedTemplate((folder / name).read_bytes(), make_environment())
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
