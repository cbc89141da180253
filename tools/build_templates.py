"""Generate the .docx templates in templates/ with python-docx.

The templates are code so that they are reproducible and reviewable: run

    python tools/build_templates.py            # writes reportgen/templates/*.docx
    python tools/build_templates.py --out DIR  # somewhere else

Layout per ../shared/DOMAIN.md "Document layout" (Hướng dẫn 36-HD/VPTW): A4, margins
20/20/30/15 mm, Times New Roman 14 pt, header table, page number from page 2.
Every docxtpl/Jinja tag is written as one whole run, and table loops use
`{%tr ... %}` in rows of their own. The variables are those of
`reportgen.render.context.build_context`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from reportgen.render.linefit import HEADER_LEFT_MM, HEADER_RIGHT_MM

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES_DIR = ROOT / "reportgen" / "templates"  # package data, read through importlib.resources

FONT = "Times New Roman"
LANG = "vi-VN"
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(20), Mm(20), Mm(30), Mm(15)
TEXT_WIDTH_MM = 210 - 30 - 15  # 165
BODY_SIZE = Pt(14)
TABLE_SIZE = Pt(12)
LINE_SPACING = 1.2
ZERO = Pt(0)
FIXED_TIME = dt.datetime(2025, 1, 1, 0, 0, 0)

# paragraph styles of the templates (English names: the style ids stay ASCII)
S_NORMAL = "Normal"
S_CENTER = "Centered"
S_HEADING = "Section Heading"  # I-, II-
S_SUBHEADING = "Subsection Heading"  # 1-, 2-
S_CAPTION = "Table Caption"
S_CELL = "Table Text"
S_CELL_NUM = "Table Number"
S_CELL_HEAD = "Table Head"
S_CELL_CENTER = "Table Centered"
S_RECIPIENTS = "Recipients"
S_FIGURE = "Figure"  # the paragraph holding a chart
S_FIGURE_CAPTION = "Figure Caption"  # "Biểu đồ 1. ..." under the chart
S_CONTROL = "Template Tag"  # paragraphs holding only a {%p %} tag: removed at rendering


# --- low-level helpers ------------------------------------------------------------


def _set_fonts(rpr) -> None:  # type: ignore[no-untyped-def]
    """All four rFonts slots to Times New Roman (theme fonts removed) and the language vi-VN."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(slot), FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attr in list(lang.attrib):
        del lang.attrib[attr]
    lang.set(qn("w:val"), LANG)
    lang.set(qn("w:eastAsia"), LANG)
    lang.set(qn("w:bidi"), "ar-SA")


def _rpr_of_style(style) -> object:  # type: ignore[no-untyped-def]
    return style.element.get_or_add_rPr()


def _setup_styles(doc: DocumentObject) -> None:
    styles_el = doc.styles.element
    defaults = styles_el.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    rpr = rpr_default.find(qn("w:rPr"))
    _set_fonts(rpr)
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = OxmlElement(tag)
            rpr.append(el)
        el.set(qn("w:val"), str(int(BODY_SIZE.pt * 2)))

    normal = doc.styles[S_NORMAL]
    normal.font.name = FONT
    normal.font.size = BODY_SIZE
    _set_fonts(_rpr_of_style(normal))
    pf = normal.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.first_line_indent = Mm(10)
    pf.space_before = Pt(0)
    pf.space_after = Pt(6)
    pf.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
    pf.line_spacing = LINE_SPACING
    pf.widow_control = True

    def para_style(
        name: str,
        *,
        size: Pt = BODY_SIZE,
        bold: bool = False,
        align=None,  # type: ignore[no-untyped-def]
        indent: bool = False,
        after: Pt = ZERO,
        before: Pt = ZERO,
        single: bool = True,
        keep_next: bool = False,
    ):
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        style.font.size = size
        style.font.bold = bold
        f = style.paragraph_format
        f.alignment = align
        f.first_line_indent = Mm(10) if indent else Mm(0)
        f.space_after = after
        f.space_before = before
        if single:
            f.line_spacing_rule = WD_LINE_SPACING.SINGLE
        f.keep_with_next = keep_next
        return style

    para_style(S_CENTER, align=WD_ALIGN_PARAGRAPH.CENTER)
    para_style(
        S_HEADING,
        bold=True,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        indent=True,
        after=Pt(6),
        before=Pt(6),
        single=False,
        keep_next=True,
    )
    para_style(
        S_SUBHEADING,
        bold=True,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        indent=True,
        after=Pt(6),
        single=False,
        keep_next=True,
    )
    para_style(
        S_CAPTION, size=Pt(13), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=Pt(6), before=Pt(6), keep_next=True
    )
    para_style(S_CELL, size=TABLE_SIZE, align=WD_ALIGN_PARAGRAPH.LEFT, before=Pt(2), after=Pt(2))
    para_style(S_CELL_NUM, size=TABLE_SIZE, align=WD_ALIGN_PARAGRAPH.RIGHT, before=Pt(2), after=Pt(2))
    para_style(S_CELL_CENTER, size=TABLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, before=Pt(2), after=Pt(2))
    para_style(S_CELL_HEAD, size=TABLE_SIZE, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=Pt(2), after=Pt(2))
    para_style(S_RECIPIENTS, size=Pt(12), align=WD_ALIGN_PARAGRAPH.LEFT)
    para_style(S_CONTROL, size=Pt(8), align=WD_ALIGN_PARAGRAPH.LEFT)
    para_style(S_FIGURE, align=WD_ALIGN_PARAGRAPH.CENTER, before=Pt(6), keep_next=True)
    para_style(S_FIGURE_CAPTION, size=Pt(13), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=Pt(3), after=Pt(12))

    # every other style (headings, table styles, Macro Text...) in Times New Roman and black too,
    # so that a style a clerk picks in Word does not bring back Calibri, Courier or blue
    for rfonts in styles_el.iter(qn("w:rFonts")):
        for attr in list(rfonts.attrib):
            del rfonts.attrib[attr]
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            rfonts.set(qn(slot), FONT)
    for rpr in styles_el.iter(qn("w:rPr")):
        for color in rpr.findall(qn("w:color")):
            rpr.remove(color)


def _run(
    p: Paragraph,
    text: str,
    *,
    bold: bool | None = None,
    italic: bool | None = None,
    underline: bool | None = None,
    size: Pt | None = None,
) -> None:
    """One run holding the whole text (a tag is never split over runs)."""
    run = p.add_run(text)
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic
    if underline is not None:
        run.underline = underline
    if size is not None:
        run.font.size = size


def _para(container, text: str = "", style: str = S_NORMAL, **run_kw) -> Paragraph:  # type: ignore[no-untyped-def]
    p = container.add_paragraph(style=style)
    if text:
        _run(p, text, **run_kw)
    return p


def _first_para(cell: _Cell, text: str = "", style: str = S_CELL, **run_kw) -> Paragraph:  # type: ignore[no-untyped-def]
    """The cell's existing empty paragraph, restyled and filled."""
    p = cell.paragraphs[0]
    p.style = style
    if text:
        _run(p, text, **run_kw)
    return p


def _no_borders(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _fixed_layout(table: Table, widths_mm: Sequence[float]) -> None:
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:w"), str(int(Mm(sum(widths_mm)).twips)))
    tbl_w.set(qn("w:type"), "dxa")
    for i, col in enumerate(table.columns):
        col.width = Mm(widths_mm[i])
    for tr in table._tbl.tr_lst:
        i = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            tc.width = Mm(sum(widths_mm[i : i + span]))
            i += span


def _row_flags(row, header: bool = False) -> None:  # type: ignore[no-untyped-def]
    tr_pr = row._tr.get_or_add_trPr()
    cant = OxmlElement("w:cantSplit")
    tr_pr.append(cant)
    if header:
        el = OxmlElement("w:tblHeader")
        tr_pr.append(el)


def _page_field(p: Paragraph) -> None:
    """A PAGE field: Word and LibreOffice fill in the number."""

    def fld(kind: str) -> None:
        r = p.add_run()
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        r._r.append(el)

    fld("begin")
    r = p.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    r._r.append(instr)
    fld("separate")
    p.add_run("2")
    fld("end")


# --- document parts ---------------------------------------------------------------


def _new_document(title: str) -> DocumentObject:
    doc = Document()
    _setup_styles(doc)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    section.different_first_page_header_footer = True
    header_p = section.header.paragraphs[0]
    header_p.style = S_CENTER
    _page_field(header_p)
    section.first_page_header.paragraphs[0].style = S_CENTER

    props = doc.core_properties
    props.title = title
    props.author = "reportgen"
    props.last_modified_by = "reportgen"
    props.language = LANG
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.revision = 1
    props.comments = "Mẫu sinh bởi tools/build_templates.py; các thẻ được điền khi tạo văn bản."
    # the body of Document() starts with nothing but the section properties
    return doc


def _header_block(doc: DocumentObject) -> None:
    """Borderless two-column table: issuing body on the left, the Party's name and date on the right."""
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    assert HEADER_LEFT_MM + HEADER_RIGHT_MM == TEXT_WIDTH_MM, "the header's columns fill the text width"
    _fixed_layout(table, (HEADER_LEFT_MM, HEADER_RIGHT_MM))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    _first_para(left, "{{ header.superior }}", S_CENTER)
    _para(left, "{{ header.issuer }}", S_CENTER, bold=True)
    _para(left, "*", S_CENTER)
    _para(left, "{{ header.number }}", S_CENTER)
    _first_para(right, "ĐẢNG CỘNG SẢN VIỆT NAM", S_CENTER, bold=True, underline=True, size=Pt(15))
    p = _para(right, "{{ header.date_line }}", S_CENTER, italic=True)
    p.paragraph_format.space_before = Pt(12)


def _title_block(doc: DocumentObject) -> None:
    p = _para(doc, "{{ title.type }}", S_CENTER, bold=True, size=Pt(16))
    p.paragraph_format.space_before = Pt(18)
    _para(doc, "{{ title.summary }}", S_CENTER, bold=True)
    p = _para(doc, "-----", S_CENTER)
    p.paragraph_format.space_after = Pt(12)


def _heading(doc: DocumentObject, text: str) -> None:
    _para(doc, text, S_HEADING)


def _subheading(doc: DocumentObject, text: str) -> None:
    _para(doc, text, S_SUBHEADING)


def _loop_paragraphs(doc: DocumentObject, items: str, keep_next: bool = False) -> None:
    """{%p for p in items %} / {{ p }} / {%p endfor %}: one body paragraph per item. keep_next: the
    paragraphs stay on the page of what follows (the last section with the closing and signature)."""
    _para(doc, f"{{%p for p in {items} %}}", S_CONTROL)
    p = _para(doc, "{{ p }}", S_NORMAL)
    if keep_next:
        p.paragraph_format.keep_with_next = True
    _para(doc, "{%p endfor %}", S_CONTROL)


def _signature_block(doc: DocumentObject) -> None:
    """Recipients on the left, the signature on the right, side by side. No empty paragraph before
    it: LibreOffice breaks a keep-with-next chain at an empty paragraph, and the closing line
    and the last section must stay on the signature's page; the space is the cells' own."""
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _fixed_layout(table, (80, TEXT_WIDTH_MM - 80))
    _row_flags(table.rows[0])  # cantSplit: the signature never breaks over two pages
    left, right = table.rows[0].cells
    _first_para(left, "Nơi nhận:", S_RECIPIENTS, underline=True, size=Pt(14)).paragraph_format.space_before = Pt(12)
    _para(left, "{%p for r in recipients %}", S_CONTROL)
    _para(left, "{{ r }}", S_RECIPIENTS)
    _para(left, "{%p endfor %}", S_CONTROL)
    _first_para(right, "{{ signature.authority }}", S_CENTER, bold=True).paragraph_format.space_before = Pt(12)
    _para(right, "{{ signature.position }}", S_CENTER)
    for _ in range(4):
        _para(right, "", S_CENTER)
    _para(right, "{{ signature.name }}", S_CENTER, bold=True)


# the second Kết nạp column of a table holding admissions made in a year without quota: those set against it
SPLIT_HEAD = "Trong năm được giao chỉ tiêu"


@dataclass(frozen=True)
class Col:
    head: str  # header text (may hold a tag)
    cell: str  # the tag of a data cell, e.g. "{{ r.name }}"
    width: float  # mm
    numeric: bool = False  # right-aligned
    total: str = ""  # the totals row's cell (text or tag)
    center: bool = False  # centred (dates, marks)
    part: str = ""  # the cell of the "Trong đó" rows under the total (parts=...)


def _data_table(
    doc: DocumentObject,
    cols: Sequence[Col],
    rows: str,
    *,
    total: bool = False,
    group_rows: bool = False,
    head2: Sequence[tuple[str, int]] | None = None,
    keep_together: bool = False,
    keep_tail: bool = False,
    parts: str = "",
) -> Table:
    """A bordered table whose body is a {%tr for r in rows %} loop.

    head2: an upper header row of (text, span) over the column heads (e.g. the years of
    the structure table). group_rows: rows with r.is_group print only their label, bold.
    keep_together: a short table (a term's years) is not split over two pages.
    keep_tail: a long table may break, but its last two rows stay with the total (never "Cộng" alone);
    every table with a total that is not kept together keeps its tail so.
    parts: a loop of rows under the total ("Trong đó: ..."), in italics, cells from Col.part; the total
    stays with them, and they with one another.
    No row splits across pages (cantSplit); the header rows repeat on each page and stay with the body.
    """
    keep_tail = keep_tail or (total and not keep_together and not group_rows)
    n_head = 2 if head2 else 1
    table = doc.add_table(rows=n_head, cols=len(cols))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    if head2:
        top, low = table.rows[0], table.rows[1]
        i = 0
        for text, span in head2:
            if not text:  # these column heads span both header rows
                for j in range(i, i + span):
                    merged = top.cells[j].merge(low.cells[j])
                    _first_para(merged, cols[j].head, S_CELL_HEAD)
            else:
                cell = top.cells[i].merge(top.cells[i + span - 1]) if span > 1 else top.cells[i]
                _first_para(cell, text, S_CELL_HEAD)
                for j in range(i, i + span):
                    _first_para(low.cells[j], cols[j].head, S_CELL_HEAD)
            i += span
    else:
        for i, col in enumerate(cols):
            _first_para(table.rows[0].cells[i], col.head, S_CELL_HEAD)
    for r in table.rows[:n_head]:
        _row_flags(r, header=True)
        for c in r.cells:
            c.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        for el in r._tr.iter(qn("w:p")):  # every cell's, a merged cell's continuation too
            Paragraph(el, table).paragraph_format.keep_with_next = True  # never a header alone at a page foot

    def control_row(tag: str) -> None:
        row = table.add_row()
        _first_para(row.cells[0], tag, S_CONTROL)

    def data_row(keep: bool = keep_together) -> None:
        row = table.add_row()
        _row_flags(row)
        for i, col in enumerate(cols):
            style = S_CELL_NUM if col.numeric else S_CELL_CENTER if col.center else S_CELL
            p = _first_para(row.cells[i], col.cell, style)
            if keep:
                p.paragraph_format.keep_with_next = True

    def group_row() -> None:
        """One cell across the table holding the group's title (r.label), bold."""
        row = table.add_row()
        _row_flags(row)
        label_col = next(i for i, c in enumerate(cols) if "label" in c.cell)
        cell = row.cells[0].merge(row.cells[len(cols) - 1])
        _first_para(cell, cols[label_col].cell, S_CELL, bold=True)
        for p in cell.paragraphs:
            p.paragraph_format.keep_with_next = True

    control_row(f"{{%tr for r in {rows} %}}")
    if group_rows:
        control_row("{%tr if r.is_group %}")
        group_row()
        control_row("{%tr else %}")
        data_row()
        control_row("{%tr endif %}")
    elif keep_tail:
        control_row("{%tr if loop.revindex > 2 %}")
        data_row()
        control_row("{%tr else %}")
        data_row(keep=True)
        control_row("{%tr endif %}")
    else:
        data_row()
    control_row("{%tr endfor %}")
    if total:
        row = table.add_row()
        _row_flags(row)
        for i, col in enumerate(cols):
            style = S_CELL_NUM if col.numeric else S_CELL_HEAD
            p = _first_para(row.cells[i], col.total, style, bold=True)
            if parts:  # the total is followed by its parts: never at a page foot without them
                p.paragraph_format.keep_with_next = True

    def part_row(keep: bool) -> None:
        row = table.add_row()
        _row_flags(row)
        for i, col in enumerate(cols):
            style = S_CELL_NUM if col.numeric else S_CELL
            p = _first_para(row.cells[i], col.part, style, italic=True)
            if keep:
                p.paragraph_format.keep_with_next = True

    if parts:
        control_row(f"{{%tr for r in {parts} %}}")
        control_row("{%tr if not loop.last %}")
        part_row(keep=True)
        control_row("{%tr else %}")
        part_row(keep=False)
        control_row("{%tr endif %}")
        control_row("{%tr endfor %}")
    _fixed_layout(table, [c.width for c in cols])
    return table


def _caption(doc: DocumentObject, text: str) -> None:
    _para(doc, text, S_CAPTION)


def _charts(doc: DocumentObject) -> None:
    """{%p for c in charts %}: the picture, then its caption "Biểu đồ n. ..."; nothing when there is none."""
    _para(doc, "{%p for c in charts %}", S_CONTROL)
    _para(doc, "{{ c.picture }}", S_FIGURE)
    _para(doc, "{{ c.caption }}", S_FIGURE_CAPTION)
    _para(doc, "{%p endfor %}", S_CONTROL)


def _after_table(doc: DocumentObject) -> None:
    p = _para(doc, "", S_CENTER)
    p.paragraph_format.space_after = Pt(6)


def _closing(doc: DocumentObject, text: str) -> None:
    p = _para(doc, text, S_NORMAL)
    p.paragraph_format.keep_with_next = True


# --- the templates ------------------------------------------------------------


def _structure_table(doc: DocumentObject, with_prev: bool) -> None:
    if with_prev:
        cols = [
            Col("Chỉ tiêu", "{{ r.label }}", 75),
            Col("Số lượng", "{{ r.count }}", 22, True),
            Col("Tỷ lệ", "{{ r.share }}", 23, True),
            Col("Số lượng", "{{ r.prev_count }}", 22, True),
            Col("Tỷ lệ", "{{ r.prev_share }}", 23, True),
        ]
        head2 = [("", 1), ("{{ structure_columns.current }}", 2), ("{{ structure_columns.previous }}", 2)]
        _data_table(doc, cols, "structure_rows", group_rows=True, head2=head2)
    else:
        cols = [
            Col("Chỉ tiêu", "{{ r.label }}", 105),
            Col("Số lượng", "{{ r.count }}", 30, True),
            Col("Tỷ lệ", "{{ r.share }}", 30, True),
        ]
        _data_table(doc, cols, "structure_rows", group_rows=True)


def _section(doc: DocumentObject, heading: str, items: str, *, sub: bool = True) -> None:
    """A heading and its loop of paragraphs."""
    (_subheading if sub else _heading)(doc, heading)
    _loop_paragraphs(doc, items)


def _causes(doc: DocumentObject, heading: str) -> None:
    """ "3- Nguyên nhân" with its lettered blocks (a) khách quan, b) chủ quan); nothing when there is none."""
    _para(doc, "{%p if cause_blocks %}", S_CONTROL)
    _subheading(doc, heading)
    _para(doc, "{%p for c in cause_blocks %}", S_CONTROL)
    _para(doc, "{{ c.title }}", S_NORMAL, italic=True)
    _para(doc, "{%p for p in c.paragraphs %}", S_CONTROL)
    _para(doc, "{{ p }}", S_NORMAL)
    _para(doc, "{%p endfor %}", S_CONTROL)
    _para(doc, "{%p endfor %}", S_CONTROL)
    _para(doc, "{%p endif %}", S_CONTROL)


def _proposals(doc: DocumentObject, heading: str) -> None:
    _para(doc, "{%p if proposal_paragraphs %}", S_CONTROL)
    _heading(doc, heading)
    _loop_paragraphs(doc, "proposal_paragraphs")
    _para(doc, "{%p endif %}", S_CONTROL)


def _annex(doc: DocumentObject) -> None:
    """The internal annex after the signature, on a new page: the persons the body only counts."""
    _para(doc, "{%p if annex %}", S_CONTROL)
    p = _para(doc, "PHỤ LỤC", S_CENTER, bold=True)
    p.paragraph_format.page_break_before = True
    _para(doc, "(Lưu hành nội bộ)", S_CENTER, italic=True)
    p = _para(doc, "kèm theo báo cáo {{ title.summary }}", S_CENTER, italic=True)
    p.paragraph_format.space_after = Pt(12)
    _para(doc, "{%p if annex_overdue_rows %}", S_CONTROL)
    _caption(doc, "Đảng viên dự bị quá hạn xét công nhận đảng viên chính thức")
    cols = [
        Col("STT", "{{ r.stt }}", 12, True),
        Col("Họ và tên", "{{ r.name }}", 36),
        Col("Ngày sinh", "{{ r.birth }}", 24, center=True),
        Col("Chi bộ", "{{ r.branch }}", 37),
        Col("{{ annex_columns.start }}", "{{ r.start }}", 25, center=True),
        Col("{{ annex_columns.months }}", "{{ r.months }}", 31, True),
    ]
    _data_table(doc, cols, "annex_overdue_rows")
    _after_table(doc)
    _para(doc, "{%p endif %}", S_CONTROL)
    _para(doc, "{%p if annex_left_rows %}", S_CONTROL)
    _caption(doc, "{{ annex_left_caption }}")
    cols = [
        Col("STT", "{{ r.stt }}", 12, True),
        Col("Họ và tên", "{{ r.name }}", 33),
        Col("Ngày sinh", "{{ r.birth }}", 25, center=True),
        Col("Chi bộ", "{{ r.branch }}", 31),
        Col("Tình trạng", "{{ r.status }}", 23),
        Col("Ngày", "{{ r.date }}", 25, center=True),
        Col("Đã học NTVĐ", "{{ r.trained }}", 16, center=True),
    ]
    _data_table(doc, cols, "annex_left_rows")
    _para(doc, "{%p endif %}", S_CONTROL)
    _para(doc, "{%p endif %}", S_CONTROL)


def build_annual() -> DocumentObject:
    doc = _new_document("Báo cáo kết quả công tác tạo nguồn, kết nạp đảng viên năm")
    _header_block(doc)
    _title_block(doc)
    _para(doc, "{{ intro }}")
    _heading(doc, "I- KẾT QUẢ THỰC HIỆN")
    _section(doc, "1- Công tác lãnh đạo, chỉ đạo", "leadership_paragraphs")
    _subheading(doc, "2- Kết quả kết nạp đảng viên")
    _loop_paragraphs(doc, "admission_paragraphs")
    _caption(doc, "Biểu 1. Kết quả kết nạp đảng viên, tạo nguồn của các chi bộ năm {{ year }}")
    cols = [
        Col("STT", "{{ r.stt }}", 12, True),
        Col("Chi bộ", "{{ r.name }}", 48, total="Cộng"),
        Col("Chỉ tiêu", "{{ r.quota }}", 15, True, "{{ branch_total.quota }}", part="{{ r.quota }}"),
        Col("Kết nạp", "{{ r.admissions }}", 15, True, "{{ branch_total.admissions }}", part="{{ r.admissions }}"),
        Col("Tỷ lệ", "{{ r.share }}", 20, True, "{{ branch_total.share }}", part="{{ r.share }}"),
        Col("Tạo nguồn", "{{ r.added }}", 17, True, "{{ branch_total.added }}", part="{{ r.added }}"),
        Col("Học lớp NTVĐ", "{{ r.trained }}", 18, True, "{{ branch_total.trained }}", part="{{ r.trained }}"),
        Col("Nguồn cuối năm", "{{ r.year_end }}", 20, True, "{{ branch_total.year_end }}", part="{{ r.year_end }}"),
    ]
    cols[1] = Col("Chi bộ", "{{ r.name }}", 48, total="Cộng", part="{{ r.name }}")
    _data_table(doc, cols, "branch_rows", total=True, parts="branch_parts")
    _after_table(doc)
    _charts(doc)
    _section(doc, "3- Công tác tạo nguồn", "source_paragraphs")
    _section(doc, "4- Cơ cấu đảng viên mới kết nạp", "structure_paragraphs")
    _caption(doc, "Biểu 2. Cơ cấu đảng viên mới kết nạp năm {{ year }} so với năm trước")
    _structure_table(doc, with_prev=True)
    _after_table(doc)
    _heading(doc, "II- ĐÁNH GIÁ CHUNG")
    _section(doc, "1- Ưu điểm", "strength_paragraphs")
    _section(doc, "2- Hạn chế", "limitation_paragraphs")
    _causes(doc, "3- Nguyên nhân")
    _heading(doc, "III- PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {{ next_year }}")
    _section(doc, "1- Chỉ tiêu", "target_paragraphs")
    _section(doc, "2- Nhiệm vụ, giải pháp", "task_paragraphs")
    _proposals(doc, "IV- KIẾN NGHỊ, ĐỀ XUẤT")
    _closing(
        doc,
        "Trên đây là báo cáo kết quả công tác tạo nguồn, kết nạp đảng viên năm {{ year }} của {{ issuer_name }}./.",
    )
    _signature_block(doc)
    _annex(doc)
    return doc


def build_term() -> DocumentObject:
    doc = _new_document("Báo cáo tổng kết công tác tạo nguồn, kết nạp đảng viên nhiệm kỳ")
    _header_block(doc)
    _title_block(doc)
    _para(doc, "{{ intro }}")
    _heading(doc, "I- KẾT QUẢ THỰC HIỆN")
    _section(doc, "1- Công tác lãnh đạo, chỉ đạo", "leadership_paragraphs")
    _subheading(doc, "2- Kết quả kết nạp đảng viên")
    _loop_paragraphs(doc, "admission_paragraphs")
    _caption(doc, "Biểu 1. Kết quả kết nạp đảng viên qua các năm, nhiệm kỳ\u00a0{{ term.label }}")
    cols = [
        Col("Năm", "{{ r.year }}", 15, total="Cộng", center=True),
        Col("Chỉ tiêu cấp trên giao", "{{ r.quota }}", 20, True, "{{ year_total.quota }}"),
        Col("Kết nạp", "{{ r.admissions }}", 17, True, "{{ year_total.admissions }}"),
        Col("Tỷ lệ so với chỉ tiêu", "{{ r.share }}", 22, True, "{{ year_total.share }}"),
        Col("Đảng viên đầu năm", "{{ r.members }}", 20, True),
        Col("Tỷ lệ so với đảng viên", "{{ r.member_share }}", 23, True),
        Col("Tạo nguồn", "{{ r.added }}", 22, True, "{{ year_total.added }}"),
        Col("Học lớp NTVĐ", "{{ r.trained }}", 26, True, "{{ year_total.trained }}"),
    ]
    _data_table(doc, cols, "year_rows", total=True, keep_together=True)
    _after_table(doc)
    _loop_paragraphs(doc, "year_table_notes")
    _charts(doc)
    _section(doc, "3- Cơ cấu đảng viên mới kết nạp", "structure_paragraphs")
    _caption(doc, "Biểu 2. Cơ cấu đảng viên mới kết nạp, nhiệm kỳ\u00a0{{ term.label }}")
    _structure_table(doc, with_prev=False)
    _after_table(doc)
    _subheading(doc, "4- Kết quả của các chi bộ")
    _caption(doc, "Biểu 3. Kết quả kết nạp đảng viên, tạo nguồn của các chi bộ, nhiệm kỳ\u00a0{{ term.label }}")
    # with admissions in a year without quota, Kết nạp has two columns: all, and those set against the quota
    _para(doc, "{%p if branch_split %}", S_CONTROL)
    cols = [
        Col("STT", "{{ r.stt }}", 12, True),
        Col("Chi bộ", "{{ r.name }}", 37, total="Cộng"),
        Col("Loại hình", "{{ r.kind }}", 18),
        Col("Chỉ tiêu", "{{ r.quota }}", 13, True, "{{ branch_total.quota }}"),
        Col("Tổng số", "{{ r.admissions }}", 14, True, "{{ branch_total.admissions }}"),
        Col(SPLIT_HEAD, "{{ r.counted }}", 19, True, "{{ branch_total.counted }}"),
        Col("Tỷ lệ", "{{ r.share }}", 19, True, "{{ branch_total.share }}"),
        Col("Tạo nguồn", "{{ r.added }}", 16, True, "{{ branch_total.added }}"),
        Col("Ra khỏi nguồn", "{{ r.left }}", 16, True, "{{ branch_total.left }}"),
    ]
    head2 = [("", 4), ("Kết nạp", 2), ("", 3)]
    _data_table(doc, cols, "branch_rows", total=True, keep_together=True, head2=head2)
    _para(doc, "{%p else %}", S_CONTROL)
    cols = [
        Col("STT", "{{ r.stt }}", 12, True),
        Col("Chi bộ", "{{ r.name }}", 46, total="Cộng"),
        Col("Loại hình", "{{ r.kind }}", 25),
        Col("Chỉ tiêu", "{{ r.quota }}", 15, True, "{{ branch_total.quota }}"),
        Col("Kết nạp", "{{ r.admissions }}", 15, True, "{{ branch_total.admissions }}"),
        Col("Tỷ lệ", "{{ r.share }}", 20, True, "{{ branch_total.share }}"),
        Col("Tạo nguồn", "{{ r.added }}", 16, True, "{{ branch_total.added }}"),
        Col("Ra khỏi nguồn", "{{ r.left }}", 16, True, "{{ branch_total.left }}"),
    ]
    _data_table(doc, cols, "branch_rows", total=True, keep_together=True)  # the total never alone
    _para(doc, "{%p endif %}", S_CONTROL)
    _after_table(doc)
    _loop_paragraphs(doc, "branch_table_notes")
    _heading(doc, "II- ĐÁNH GIÁ CHUNG")
    _section(doc, "1- Ưu điểm", "strength_paragraphs")
    _section(doc, "2- Hạn chế", "limitation_paragraphs")
    _causes(doc, "3- Nguyên nhân")
    _para(doc, "{%p if lesson_paragraphs %}", S_CONTROL)
    _section(doc, "{{ lessons_heading }}", "lesson_paragraphs")
    _para(doc, "{%p endif %}", S_CONTROL)
    _heading(doc, "III- {{ term.aims_heading }}")
    _section(doc, "1- Mục tiêu, chỉ tiêu", "aim_paragraphs")
    _section(doc, "2- Nhiệm vụ, giải pháp", "task_paragraphs")
    _proposals(doc, "IV- KIẾN NGHỊ, ĐỀ XUẤT")
    _closing(doc, "Trên đây là báo cáo {{ title.summary }} của {{ issuer_name }}./.")
    _signature_block(doc)
    _annex(doc)
    return doc


def _people_table(doc: DocumentObject, rows: str, when_head: str, detail_head: str = "Ghi chú") -> None:
    cols = [
        Col("STT", "{{ r.stt }}", 12, True),
        Col("Họ và tên", "{{ r.name }}", 53),
        Col("Ngày sinh", "{{ r.birth }}", 27, center=True),
        Col(when_head, "{{ r.when }}", 30, center=True),
        Col(detail_head, "{{ r.detail }}", 43),
    ]
    _data_table(doc, cols, rows)


def build_branch() -> DocumentObject:
    doc = _new_document("Báo cáo của chi bộ về công tác tạo nguồn, kết nạp đảng viên")
    _header_block(doc)
    _title_block(doc)
    _para(doc, "{{ intro }}")
    _heading(doc, "I- KẾT QUẢ NĂM {{ year }}")
    _loop_paragraphs(doc, "admission_paragraphs")
    _para(doc, "{%p if admitted_rows %}", S_CONTROL)
    _subheading(doc, "1- Đảng viên mới kết nạp trong năm")
    _people_table(doc, "admitted_rows", "Ngày kết nạp", "Số quyết định")
    _after_table(doc)
    _para(doc, "{%p endif %}", S_CONTROL)
    _subheading(doc, "{{ candidates_heading }}")
    _para(doc, "{%p if candidate_rows %}", S_CONTROL)
    _people_table(doc, "candidate_rows", "Ngày vào nguồn")
    _after_table(doc)
    _para(doc, "{%p else %}", S_CONTROL)
    _para(doc, "{{ no_candidates_text }}")
    _para(doc, "{%p endif %}", S_CONTROL)
    _heading(doc, "II- KẾT QUẢ QUA CÁC NĂM, NHIỆM KỲ {{ term_label }}")
    _para(doc, "{%p if history_split %}", S_CONTROL)
    cols = [
        Col("Năm", "{{ r.year }}", 18, total="Cộng", center=True),
        Col("Chỉ tiêu", "{{ r.quota }}", 18, True, "{{ history_total.quota }}"),
        Col("Tổng số", "{{ r.admissions }}", 18, True, "{{ history_total.admissions }}"),
        Col(SPLIT_HEAD, "{{ r.counted }}", 24, True, "{{ history_total.counted }}"),
        Col("Tỷ lệ", "{{ r.share }}", 20, True, "{{ history_total.share }}"),
        Col("Tạo nguồn", "{{ r.added }}", 20, True, "{{ history_total.added }}"),
        Col("Học lớp NTVĐ", "{{ r.trained }}", 22, True, "{{ history_total.trained }}"),
        Col("Nguồn cuối năm", "{{ r.year_end }}", 25, True),
    ]
    _data_table(doc, cols, "history_rows", total=True, keep_together=True, head2=[("", 2), ("Kết nạp", 2), ("", 4)])
    _para(doc, "{%p else %}", S_CONTROL)
    cols = [
        Col("Năm", "{{ r.year }}", 20, total="Cộng", center=True),
        Col("Chỉ tiêu", "{{ r.quota }}", 20, True, "{{ history_total.quota }}"),
        Col("Kết nạp", "{{ r.admissions }}", 20, True, "{{ history_total.admissions }}"),
        Col("Tỷ lệ", "{{ r.share }}", 25, True, "{{ history_total.share }}"),
        Col("Tạo nguồn", "{{ r.added }}", 25, True, "{{ history_total.added }}"),
        Col("Học lớp NTVĐ", "{{ r.trained }}", 27, True, "{{ history_total.trained }}"),
        Col("Nguồn cuối năm", "{{ r.year_end }}", 28, True),
    ]
    _data_table(doc, cols, "history_rows", total=True, keep_together=True)
    _para(doc, "{%p endif %}", S_CONTROL)
    _after_table(doc)
    _heading(doc, "III- ĐÁNH GIÁ")
    _subheading(doc, "1- Ưu điểm")
    _loop_paragraphs(doc, "strength_paragraphs")
    _subheading(doc, "2- Hạn chế, tồn tại")
    _loop_paragraphs(doc, "shortfall_paragraphs")
    _para(doc, "{%p if cause_paragraphs %}", S_CONTROL)
    _subheading(doc, "3- Nguyên nhân")
    _loop_paragraphs(doc, "cause_paragraphs")
    _para(doc, "{%p endif %}", S_CONTROL)
    _heading(doc, "IV- PHƯƠNG HƯỚNG NĂM {{ next_year }}")
    _loop_paragraphs(doc, "direction_paragraphs", keep_next=True)  # never a signature alone on the last page
    _closing(
        doc,
        "Trên đây là báo cáo kết quả công tác tạo nguồn, kết nạp đảng viên năm {{ year }} của {{ issuer_name }}./.",
    )
    _signature_block(doc)
    return doc


def _bullet(doc: DocumentObject, text: str) -> None:
    _para(doc, f"- {text}")


def build_plan() -> DocumentObject:
    doc = _new_document("Kế hoạch phát triển đảng viên năm")
    _header_block(doc)
    _title_block(doc)
    _loop_paragraphs(doc, "basis_paragraphs")
    _heading(doc, "I- MỤC ĐÍCH, YÊU CẦU")
    _subheading(doc, "1- Mục đích")
    _bullet(
        doc,
        "Nâng cao nhận thức, trách nhiệm của cấp ủy, chi bộ và từng cán bộ, đảng viên đối với công tác phát triển"
        " đảng viên, xác định đây là nhiệm vụ quan trọng, thường xuyên của công tác xây dựng Đảng; tăng cường lực"
        " lượng, trẻ hóa đội ngũ đảng viên, góp phần nâng cao năng lực lãnh đạo và sức chiến đấu của tổ chức đảng.",
    )
    _bullet(
        doc,
        "Thực hiện đạt và vượt chỉ tiêu phát triển đảng viên năm {{ year }} theo Nghị quyết Đại hội Đảng bộ và"
        " chỉ tiêu cấp trên giao.",
    )
    _subheading(doc, "2- Yêu cầu")
    _bullet(
        doc,
        "Chi ủy, chi bộ chủ động khảo sát, lựa chọn, bồi dưỡng quần chúng ưu tú ngay từ đầu năm; coi trọng chất"
        " lượng, bảo đảm đúng tiêu chuẩn, điều kiện, quy trình, thủ tục kết nạp đảng viên; chú trọng kết nạp đảng"
        " viên ở những chi bộ có ít đảng viên, nhất là đảng viên trẻ.",
    )
    _bullet(
        doc,
        "Mặt trận Tổ quốc và các đoàn thể chính trị\u00a0- xã hội gắn công tác giới thiệu quần chúng ưu tú cho Đảng với"
        " các phong trào thi đua của tổ chức mình.",
    )
    _heading(doc, "II- CHỈ TIÊU")
    _loop_paragraphs(doc, "target_paragraphs")
    _caption(doc, "Biểu 1. Phân bổ chỉ tiêu kết nạp đảng viên, tạo nguồn năm {{ year }} cho các chi bộ")
    cols = [
        Col("STT", "{{ r.stt }}", 12, True),
        Col("Chi bộ", "{{ r.name }}", 63, total="Cộng"),
        Col("Trong danh sách", "{{ r.waiting }}", 21, True, "{{ plan_total.waiting }}"),
        Col("Có giấy chứng nhận NTVĐ còn giá trị", "{{ r.trained }}", 27, True, "{{ plan_total.trained }}"),
        Col("Kết nạp", "{{ r.admissions }}", 21, True, "{{ plan_total.admissions }}"),
        Col("Tạo nguồn", "{{ r.sources }}", 21, True, "{{ plan_total.sources }}"),
    ]
    head2 = [("", 1), ("", 1), ("{{ plan_columns.waiting }}", 2), ("{{ plan_columns.quota }}", 2)]
    _data_table(doc, cols, "plan_rows", total=True, head2=head2, keep_tail=True)
    _after_table(doc)
    _para(doc, "{%p if organisation_rows %}", S_CONTROL)
    _caption(
        doc,
        "Biểu 2. Chỉ tiêu giới thiệu quần chúng ưu tú của Mặt trận Tổ quốc và các đoàn thể"
        " chính trị\u00a0- xã hội năm {{ year }}",
    )
    cols = [
        Col("STT", "{{ r.stt }}", 12, True),
        Col("Tổ chức", "{{ r.name }}", 71, total="Cộng"),
        Col(
            "{{ organisation_columns.last_quota }}",
            "{{ r.last_quota }}",
            26,
            True,
            "{{ organisation_total.last_quota }}",
        ),
        Col(
            "{{ organisation_columns.introduced }}",
            "{{ r.introduced }}",
            26,
            True,
            "{{ organisation_total.introduced }}",
        ),
        Col("{{ organisation_columns.quota }}", "{{ r.quota }}", 30, True, "{{ organisation_total.quota }}"),
    ]
    head2 = [("", 1), ("", 1), ("{{ organisation_columns.last_year }}", 2), ("", 1)]
    _data_table(doc, cols, "organisation_rows", total=True, head2=head2, keep_together=True)
    _after_table(doc)
    _para(doc, "{%p endif %}", S_CONTROL)
    _heading(doc, "III- NHIỆM VỤ, GIẢI PHÁP")
    _section(doc, "1- Tuyên truyền, giáo dục chính trị tư tưởng", "education_paragraphs")
    _section(doc, "2- Bồi dưỡng, xem xét kết nạp", "procedure_paragraphs")
    _section(doc, "3- Phân công thực hiện", "task_paragraphs")
    _heading(doc, "IV- TỔ CHỨC THỰC HIỆN")
    _section(doc, "1- Tiến độ thực hiện và chế độ báo cáo", "timetable_paragraphs")
    _subheading(doc, "2- Trách nhiệm thi hành")
    last = _para(
        doc,
        "Văn phòng Đảng ủy giúp Ban Thường vụ Đảng ủy theo dõi, đôn đốc, kiểm tra việc thực hiện Kế hoạch; các"
        " chi bộ, Mặt trận Tổ quốc và các đoàn thể chính trị\u00a0- xã hội căn cứ chỉ tiêu được giao xây dựng kế"
        " hoạch của đơn vị mình; trong quá trình thực hiện có khó khăn, vướng mắc, báo cáo Đảng ủy (qua Văn phòng"
        " Đảng ủy) để xem xét, giải quyết.",
    )
    last.paragraph_format.keep_with_next = True  # never a signature alone on the last page
    _closing(
        doc,
        "Trên đây là Kế hoạch phát triển đảng viên năm {{ year }} của {{ issuer_name }}. Đề nghị các chi bộ trực"
        " thuộc, Mặt trận Tổ quốc và các đoàn thể chính trị\u00a0- xã hội triển khai thực hiện nghiêm túc./.",
    )
    _signature_block(doc)
    return doc


def build_province() -> DocumentObject:
    """The province report: the wards' admissions, quotas, 3% and structure, and who fell short."""
    doc = _new_document("Báo cáo tổng hợp kết quả công tác kết nạp đảng viên của các đảng bộ trực thuộc")
    _header_block(doc)
    _title_block(doc)
    _para(doc, "{{ intro }}")
    _heading(doc, "I- KẾT QUẢ THỰC HIỆN")
    _subheading(doc, "1- Kết quả kết nạp đảng viên")
    _loop_paragraphs(doc, "total_paragraphs")
    _caption(doc, "Biểu 1. Kết quả kết nạp đảng viên của các đảng bộ trực thuộc năm {{ year }}")
    cols = [
        Col("STT", "{{ r.stt }}", 12, True),
        Col("Đảng bộ", "{{ r.name }}", 45, total="Cộng"),
        Col("Đảng viên đầu năm", "{{ r.members }}", 18, True, "{{ ward_total.members }}"),
        Col("Chỉ tiêu", "{{ r.quota }}", 15, True, "{{ ward_total.quota }}"),
        Col("Kết nạp", "{{ r.admissions }}", 15, True, "{{ ward_total.admissions }}"),
        Col("Tỷ lệ so với chỉ tiêu", "{{ r.quota_share }}", 20, True, "{{ ward_total.quota_share }}"),
        Col("Tỷ lệ so với đảng viên", "{{ r.member_share }}", 20, True, "{{ ward_total.member_share }}"),
        Col("Mục tiêu 3%", "{{ r.member_target }}", 20, center=True, total="{{ ward_total.member_target }}"),
    ]
    _data_table(doc, cols, "ward_rows", total=True)
    _after_table(doc)
    _subheading(doc, "2- Cơ cấu đảng viên mới kết nạp")
    _caption(doc, "Biểu 2. Cơ cấu đảng viên mới kết nạp năm {{ year }}")
    _structure_table(doc, with_prev=False)
    _after_table(doc)
    _heading(doc, "II- HẠN CHẾ, TỒN TẠI")
    _loop_paragraphs(doc, "shortfall_paragraphs")
    _closing(doc, "Trên đây là báo cáo tổng hợp kết quả công tác kết nạp đảng viên năm {{ year }}./.")
    _signature_block(doc)
    return doc


BUILDERS = {
    "bao-cao.docx": build_annual,
    "tong-ket-nhiem-ky.docx": build_term,
    "chi-bo.docx": build_branch,
    "ke-hoach.docx": build_plan,
    "tong-hop.docx": build_province,
}


def _reproducible_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed timestamps so the same code gives the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def build_all(out_dir: Path = TEMPLATES_DIR) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, build in BUILDERS.items():
        buf = io.BytesIO()
        build().save(buf)
        path = out_dir / name
        path.write_bytes(_reproducible_zip(buf.getvalue()))
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=TEMPLATES_DIR, help="output folder (default: reportgen/templates/)")
    args = parser.parse_args(argv)
    for path in build_all(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
