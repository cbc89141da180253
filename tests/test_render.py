"""The render stage: documents and the summary workbook from a hand-made Report."""

from __future__ import annotations

import importlib.util
import re
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm
from docxtpl import DocxTemplate
from report_fixture import SCHOOL, TDP3, TDP10, make_report

from reportgen.render import documents
from reportgen.render.context import KIND_ANNUAL, KIND_BRANCH, KIND_PLAN, KIND_TERM, build_context
from reportgen.render.documents import (
    TEMPLATE_FILES,
    TEMPLATES_DIR,
    OutputProblem,
    TemplateProblem,
    make_environment,
    write_documents,
)
from reportgen.render.workbooks import SHEETS, write_summary

ROOT = Path(__file__).resolve().parents[1]
ANNUAL = "bao-cao-2025.docx"
TERM = "tong-ket-nhiem-ky-2020-2025.docx"
PLAN = "ke-hoach-2026.docx"


from docread import all_text, find_table, table_rows  # noqa: E402


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("out")
    paths = write_documents(make_report(), out)
    return {p.relative_to(out).as_posix(): p for p in paths}


# --- files ------------------------------------------------------------------------------


def test_file_names(rendered):
    assert sorted(rendered) == sorted(
        [
            ANNUAL,
            TERM,
            PLAN,
            "chi-bo/chi-bo-to-dan-pho-3.docx",
            "chi-bo/chi-bo-truong-thcs-pho-hoa.docx",
            "chi-bo/chi-bo-to-dan-pho-10.docx",
        ]
    )
    folder = rendered[ANNUAL].parent
    assert not [p for p in folder.rglob("*") if p.name.startswith(".") or p.suffix == ".tmp"]


def test_no_tag_is_left_in_any_document(rendered):
    for path in rendered.values():
        text = all_text(path)
        assert "{{" not in text and "{%" not in text and "}}" not in text, path.name


# --- figures -------------------------------------------------------------------------


def test_annual_report_figures(rendered):
    text = all_text(rendered[ANNUAL])
    assert "Phổ Hòa, ngày 05 tháng 01 năm 2026" in text
    assert "ĐẢNG BỘ THỊ XÃ ĐỨC PHỔ" in text and "ĐẢNG ỦY PHƯỜNG PHỔ HÒA" in text
    assert "Số     -BC/ĐU" in text
    assert "kết quả công tác tạo nguồn, kết nạp đảng viên năm 2025" in text
    assert "Năm 2025, toàn Đảng bộ kết nạp được 09 đảng viên, đạt 90,00% chỉ tiêu cấp trên giao (10 đảng viên)" in text
    assert "bằng 2,50% tổng số đảng viên đầu năm (360 đảng viên), chưa đạt mục tiêu kết nạp 3% (11 đảng viên)" in text
    assert "So với năm 2024 (07 đảng viên), tăng 02 đảng viên." in text
    assert "02/03 chi bộ trực thuộc kết nạp được đảng viên mới; 02/03 chi bộ đạt chỉ tiêu được giao." in text
    for heading in (
        "1- Công tác lãnh đạo, chỉ đạo",
        "II- ĐÁNH GIÁ CHUNG",
        "1- Ưu điểm",
        "2- Hạn chế",
        "a) Nguyên nhân khách quan",
        "b) Nguyên nhân chủ quan",
        "2- Nhiệm vụ, giải pháp",
    ):
        assert heading in text
    assert "07 đoàn viên Đoàn TNCS Hồ Chí Minh (77,78%)" in text
    # shortfalls, with names and years
    assert re.search(r"Chi bộ Tổ dân phố 10 (đã 03 năm liền \(2023.- 2025\)|cả nhiệm kỳ 2020-2025) không kết nạp", text)
    assert "Hội Nông dân và Hội Cựu chiến binh chưa giới thiệu được quần chúng ưu tú nào cho Đảng." in text
    assert "02 quần chúng ra khỏi danh sách nguồn trong năm, trong đó 01 quần chúng đã học lớp" in text
    body, annex = text.split("PHỤ LỤC\n(Lưu hành nội bộ)")
    assert "Trần Thị Bình" not in body and "Trần Thị Bình" in annex  # persons only in the internal annex
    assert "III- PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026" in text
    assert "của Đảng ủy phường Phổ Hòa./." in text
    assert "T/M ĐẢNG ỦY" in text and "BÍ THƯ" in text and "Nguyễn Văn Nho" in text
    assert "- Ban Thường vụ Thị ủy,\n- Các chi bộ trực thuộc,\n- Lưu Văn phòng Đảng ủy." in text


def test_annual_branch_table(rendered):
    doc = Document(str(rendered[ANNUAL]))
    table = find_table(doc, "STT", "Chi bộ")
    rows = table_rows(table)
    assert rows[0] == ["STT", "Chi bộ", "Chỉ tiêu", "Kết nạp", "Tỷ lệ", "Tạo nguồn", "Học lớp NTVĐ", "Nguồn cuối năm"]
    # Vietnamese order, numbers as numbers: "Tổ dân phố 3" before "Tổ dân phố 10"
    assert [r[1] for r in rows[1:-1]] == [TDP3, TDP10, SCHOOL]
    assert rows[1] == ["1", TDP3, "4", "4", "100,00%", "5", "4", "3"]
    assert rows[2] == ["2", TDP10, "1", "0", "0,00%", "0", "0", "1"]
    assert rows[-1] == ["", "Cộng", "10", "9", "90,00%", "11", "9", "9"]
    # numbers are right-aligned, the header row repeats on every page
    assert table.rows[1].cells[3].paragraphs[0].alignment in (WD_ALIGN_PARAGRAPH.RIGHT, None)
    assert table.rows[1].cells[3].paragraphs[0].style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[1]._tr.trPr is None or table.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None


def test_annual_structure_table(rendered):
    doc = Document(str(rendered[ANNUAL]))
    table = find_table(doc, "Chỉ tiêu")
    rows = table_rows(table)
    assert rows[0][1:] == ["Năm 2025", "Năm 2025", "Năm 2024", "Năm 2024"]
    assert rows[1] == ["Chỉ tiêu", "Số lượng", "Tỷ lệ", "Số lượng", "Tỷ lệ"]
    by_label = {r[0]: r for r in rows[2:] if r[1] != r[0]}
    assert by_label["Đoàn viên TNCS Hồ Chí Minh"] == ["Đoàn viên TNCS Hồ Chí Minh", "7", "77,78%", "5", "71,43%"]
    assert by_label["Tuổi bình quân khi kết nạp"][1] == "27,4"
    assert by_label["Tuổi bình quân khi kết nạp"][3] == "28,1"
    assert by_label["Trường học"] == ["Trường học", "5", "55,56%", "4", "57,14%"]
    # group titles span the whole row
    groups = [r for r in rows if len(set(r)) == 1]
    assert ["Độ tuổi khi kết nạp"] * 5 in groups and ["Loại hình chi bộ"] * 5 in groups
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[1]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_term_review_figures(rendered):
    text = all_text(rendered[TERM])
    assert "tổng kết công tác tạo nguồn, kết nạp đảng viên nhiệm kỳ 2020-2025" in text
    assert (
        "Trong nhiệm kỳ 2020-2025, toàn Đảng bộ kết nạp được 38 đảng viên mới, bình quân mỗi năm trên 07"
        " đảng viên; đạt 95,00% tổng chỉ tiêu cấp trên giao (40 đảng viên)." in text
    )
    assert "28 đoàn viên Đoàn TNCS Hồ Chí Minh (73,68%)" in text
    assert "01 người có đạo (2,63%)" in text
    # the rest of the structure is in Biểu 2, not repeated in the prose
    assert "Trình độ học vấn:" not in text and "Nghề nghiệp:" not in text
    rows = {r[0]: r[1:3] for r in table_rows(find_table(Document(str(rendered[TERM])), "Chỉ tiêu"))}
    assert rows["Giáo viên"] == ["18", "47,37%"] and rows["Dân quân tự vệ"] == ["2", "5,26%"]
    assert "05 quần chúng ra khỏi danh sách nguồn trong nhiệm kỳ, trong đó 04 quần chúng đã học lớp" in text
    assert "4- Bài học kinh nghiệm" in text or "3- Bài học kinh nghiệm" in text
    assert "III- PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI" in text  # dated after the term: the congress was held
    doc = Document(str(rendered[TERM]))
    years = table_rows(find_table(doc, "Năm"))
    assert years[1] == ["2021", "7", "7", "100,00%", "330", "2,12%", "8", "6"]
    assert years[-1][:4] == ["Cộng", "40", "38", "95,00%"]
    left = table_rows(
        [
            t
            for t in doc.tables
            if t.rows[0].cells[0].text == "STT" and "Tình trạng" in [c.text for c in t.rows[0].cells]
        ][0]
    )  # in the annex
    # sorted by given name: Bảo, Lợi, Mai, Sơn, Yến
    assert [r[1] for r in left[1:]] == ["Lý Văn Bảo", "Đỗ Văn Lợi", "Hồ Thị Mai", "Bùi Văn Sơn", "Đặng Thị Yến"]
    assert left[1][2] == "03/02/2001"


def test_branch_reports(rendered):
    path = rendered["chi-bo/chi-bo-to-dan-pho-3.docx"]
    text = all_text(path)
    assert "ĐẢNG BỘ PHƯỜNG PHỔ HÒA" in text and "CHI BỘ TỔ DÂN PHỐ 3" in text
    assert "Số     -BC/CB" in text
    assert (
        "Năm 2025, Chi bộ được giao chỉ tiêu kết nạp 04 đảng viên, đã kết nạp được 04 đảng viên, đạt 100,00% chỉ tiêu."
        in text
    )
    assert "T/M CHI BỘ" in text and "Võ Văn Hùng" in text
    doc = Document(str(path))
    admitted = table_rows(doc.tables[1])
    assert [r[1] for r in admitted[1:]] == ["Trần Đức An", "Lê Thị Anh", "Phạm Minh Ảnh", "Nguyễn Văn Ánh"]
    assert admitted[1][2:4] == ["30/11/1998", "01/12/2025"]

    text10 = all_text(rendered["chi-bo/chi-bo-to-dan-pho-10.docx"])
    # nobody admitted: said once in the results, no empty table heading; the list, alone, unnumbered
    assert "Năm 2025, Chi bộ không kết nạp đảng viên nào." not in text10
    assert "1- Đảng viên mới kết nạp trong năm" not in text10
    assert "\nQuần chúng ưu tú trong danh sách nguồn" in text10 and "1- Quần chúng ưu tú" not in text10
    assert "Chi bộ đã 03 năm liền (2023, 2024 và 2025) không kết nạp được đảng viên." in text10
    assert "Không hoàn thành chỉ tiêu kết nạp 01 đảng viên được giao." in text10  # never "0/01"
    assert "0/01" not in text10 and "0/1 " not in text10


def test_plan_text(rendered):
    text = all_text(rendered[PLAN])
    assert "KẾ HOẠCH\nphát triển đảng viên năm 2026\n-----" in text
    assert "Số     -KH/ĐU" in text and "Phổ Hòa, ngày 05 tháng 01 năm 2026" in text
    assert "Quy định số 294-QĐ/TW ngày 26/5/2025" in text  # in force on the date of the plan
    assert "Căn cứ Nghị quyết Đại hội Đảng bộ phường nhiệm kỳ 2025-2030" in text
    for heading in (
        "I- MỤC ĐÍCH, YÊU CẦU",
        "II- CHỈ TIÊU",
        "III- NHIỆM VỤ, GIẢI PHÁP",
        "IV- TỔ CHỨC THỰC HIỆN",
        "1- Tiến độ thực hiện và chế độ báo cáo",
    ):
        assert heading in text
    assert "- Quý I: Đảng ủy giao chỉ tiêu" in text and "(20/3, 20/6, 20/9/2026)" in text
    assert "Năm 2026, toàn Đảng bộ phấn đấu kết nạp ít nhất 11 đảng viên mới" in text
    # 3% of 360 is 10,8, so 11: said as what holds of the target, with no method in brackets
    assert ("Chỉ tiêu trên không thấp hơn 3% tổng số đảng viên hiện có của Đảng bộ theo Nghị quyết số 21-NQ/TW;"
            " trường hợp cấp trên giao chỉ tiêu năm 2026 cao hơn, Đảng ủy sẽ điều chỉnh") in text
    assert "bằng tổng chỉ tiêu giao cho" not in text  # how the figure was obtained is not a plan's business
    assert ("các chi bộ có 09 quần chúng ưu tú trong danh sách nguồn, trong đó 02 quần chúng có giấy chứng nhận"
            " học lớp bồi dưỡng nhận thức về Đảng còn giá trị") in text
    assert "chỉ tiêu còn lại được phân bổ" not in text  # the plan states targets, not the method
    # branches with no valid certificate: a task under III, not a target under II
    assert ("- Chi bộ Tổ dân phố 10 và Chi bộ Trường THCS Phổ Hòa: lựa chọn, cử quần chúng trong danh sách nguồn"
            " đi học lớp bồi dưỡng nhận thức về Đảng ngay trong quý I năm 2026") in text
    assert text.index("2- Bồi dưỡng, xem xét kết nạp") < text.index("- Chi bộ Tổ dân phố 10 và Chi bộ Trường")
    assert "giới thiệu ít nhất 06 quần chúng ưu tú" in text  # 1 + 3 + 1 + 1: each what it introduced, at least 1
    assert "- Đảng ủy, Ban Thường vụ Đảng ủy: quán triệt, triển khai Kế hoạch này" in text
    assert "tập trung chỉ đạo Chi bộ Tổ dân phố 10 (từ 02 năm liền trở lên không kết nạp được đảng viên)." in text
    assert "Trên đây là Kế hoạch phát triển đảng viên năm 2026 của Đảng ủy phường Phổ Hòa." in text
    # the plan adds the mass organisations to the recipients, before the file copy
    assert "- Các chi bộ trực thuộc,\n- Mặt trận và các đoàn thể chính trị - xã hội phường,\n- Lưu" in text


def test_plan_tables(rendered):
    doc = Document(str(rendered[PLAN]))
    table = find_table(doc, "STT", "Chi bộ")
    rows = table_rows(table)
    assert rows[0] == [
        "STT",
        "Chi bộ",
        "Nguồn đến 31/12/2025",
        "Nguồn đến 31/12/2025",
        "Chỉ tiêu năm 2026",
        "Chỉ tiêu năm 2026",
    ]
    assert rows[1] == ["STT", "Chi bộ", "Trong danh sách", "Có giấy chứng nhận NTVĐ còn giá trị", "Kết nạp", "Tạo nguồn"]
    assert rows[2:] == [
        ["1", TDP3, "3", "2", "9", "16"],
        ["2", TDP10, "1", "0", "1", "2"],
        ["3", SCHOOL, "5", "0", "1", "2"],
        ["", "Cộng", "9", "2", "11", "20"],
    ]
    orgs = table_rows(find_table(doc, "STT", "Tổ chức"))
    assert orgs[0] == ["STT", "Tổ chức", "Năm 2025", "Năm 2025", "Chỉ tiêu giới thiệu năm 2026"]
    assert orgs[1] == ["STT", "Tổ chức", "Chỉ tiêu", "Đã giới thiệu", "Chỉ tiêu giới thiệu năm 2026"]
    assert orgs[2] == ["1", "Hội Nông dân", "1", "0", "1"]
    assert orgs[3] == ["2", "Đoàn Thanh niên", "2", "3", "3"]
    assert orgs[-1] == ["", "Cộng", "5", "4", "6"]


def test_plan_without_organisations_has_no_second_table(tmp_path):
    from dataclasses import replace

    report = make_report()
    report = replace(report, plan=replace(report.plan, organisations=(), organisations_year=None))
    write_documents(report, tmp_path)
    doc = Document(str(tmp_path / PLAN))
    assert [c.text for c in doc.tables[-2].rows[-1].cells][1] == "Cộng"  # the branch table, then the signature
    with pytest.raises(AssertionError):
        find_table(doc, "STT", "Tổ chức")
    assert "mỗi tổ chức giới thiệu ít nhất 01 quần chúng ưu tú" in all_text(tmp_path / PLAN)


def test_no_plan_no_plan_document(tmp_path):
    from dataclasses import replace

    paths = write_documents(replace(make_report(), plan=None), tmp_path)
    assert not [p for p in paths if p.name.startswith("ke-hoach")]


# --- layout -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", [ANNUAL, TERM, PLAN, "chi-bo/chi-bo-to-dan-pho-3.docx"])
def test_layout(rendered, name):
    doc = Document(str(rendered[name]))
    section = doc.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.5) and abs(section.page_height - Mm(297)) < Mm(0.5)
    assert abs(section.top_margin - Mm(20)) < Mm(0.2)
    assert abs(section.bottom_margin - Mm(20)) < Mm(0.2)
    assert abs(section.left_margin - Mm(30)) < Mm(0.2)
    assert abs(section.right_margin - Mm(15)) < Mm(0.2)
    # page number from page 2: a PAGE field in the default header, none on the first page
    assert section.different_first_page_header_footer
    page_fields = [t.text for t in section.header._element.iter(qn("w:instrText"))]
    assert any("PAGE" in t for t in page_fields)
    assert not list(section.first_page_header._element.iter(qn("w:instrText")))
    # Times New Roman in all four slots and Vietnamese language, in the defaults and Normal
    styles = doc.styles.element
    for rpr in (
        styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")),
        doc.styles["Normal"].element.rPr,
    ):
        fonts = rpr.find(qn("w:rFonts"))
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            assert fonts.get(qn(slot)) == "Times New Roman"
        assert not [a for a in fonts.attrib if "Theme" in a]
        assert rpr.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"
    normal = doc.styles["Normal"]
    assert normal.font.size.pt == 14
    assert normal.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert abs(normal.paragraph_format.first_line_indent - Mm(10)) < Mm(0.2)
    assert normal.paragraph_format.space_after.pt >= 6
    assert 1.0 <= normal.paragraph_format.line_spacing <= 1.5
    # the header table: borderless, two columns, the Party's name bold and underlined on the right
    header = doc.tables[0]
    assert len(header.columns) == 2
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert borders is not None and all(b.get(qn("w:val")) == "nil" for b in borders)
    right = header.rows[0].cells[1].paragraphs[0]
    assert right.text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert right.runs[0].bold and right.runs[0].underline and right.runs[0].font.size.pt == 15
    date_p = header.rows[0].cells[1].paragraphs[1]
    assert date_p.runs[0].italic and "ngày 05 tháng 01 năm 2026" in date_p.text
    left = header.rows[0].cells[0].paragraphs
    assert [p.text for p in left][2] == "*"
    assert left[1].runs[0].bold and not left[0].runs[0].bold
    # the signature block: recipients underlined title, 12 pt lines
    sign = next(t for t in doc.tables if t.rows[0].cells[0].paragraphs[0].text == "Nơi nhận:")
    recipients = sign.rows[0].cells[0].paragraphs
    assert recipients[0].text == "Nơi nhận:" and recipients[0].runs[0].underline
    assert recipients[1].style.font.size.pt == 12
    assert recipients[-1].text.endswith(".")
    assert sign.rows[0].cells[1].paragraphs[0].runs[0].bold


def test_fonts_are_times_new_roman_everywhere(rendered):
    """No run or style names another font, nor a theme font, nor a colour."""
    with zipfile.ZipFile(rendered[ANNUAL]) as z:
        for part in ("word/document.xml", "word/styles.xml", "word/header1.xml", "word/header2.xml"):
            if part not in z.namelist():
                continue
            xml = z.read(part).decode("utf-8")
            fonts = set()
            for element in re.findall(r"<w:rFonts [^>]*>", xml):
                fonts.update(re.findall(r'w:(?:ascii|hAnsi|eastAsia|cs)="([^"]+)"', element))
                assert "Theme" not in element, (part, element)
            assert fonts <= {"Times New Roman"}, (part, fonts)
            assert "<w:color " not in xml, part


# --- escaping and variables -------------------------------------------------------------


def test_markup_in_data_is_printed_literally(tmp_path):
    evil = "Chi bộ {{ x }} <b>&amp; {% if %}"
    report = make_report(names={"tdp3": evil})
    paths = write_documents(report, tmp_path)
    annual = all_text(tmp_path / ANNUAL)
    assert evil in annual
    assert evil.upper() not in annual  # only the branch report's header uses capitals
    branch_files = [p for p in paths if p.parent.name == "chi-bo"]
    assert tmp_path / "chi-bo" / "chi-bo-x-b-amp-if.docx" in branch_files
    branch_text = all_text(tmp_path / "chi-bo" / "chi-bo-x-b-amp-if.docx")
    assert evil in branch_text and "CHI BỘ {{ X }} <B>&AMP; {% IF %}" in branch_text


@pytest.mark.parametrize(
    ("kind", "template"),
    [
        (KIND_ANNUAL, "bao-cao.docx"),
        (KIND_TERM, "tong-ket-nhiem-ky.docx"),
        (KIND_BRANCH, "chi-bo.docx"),
        (KIND_PLAN, "ke-hoach.docx"),
    ],
)
def test_every_template_variable_is_supplied(kind, template):
    report = make_report()
    branch = report.branch_reports[0] if kind == KIND_BRANCH else None
    context = build_context(report, kind, branch)
    tpl = DocxTemplate(str(TEMPLATES_DIR / template))
    assert tpl.get_undeclared_template_variables(jinja_env=make_environment(), context=context) == set()
    # and the other way round: the context holds nothing the template forgot
    used = tpl.get_undeclared_template_variables(jinja_env=make_environment())
    assert set(context) - used <= {"next_year", "year", "base_year", "term_label", "branch", "term"}


def test_templates_are_up_to_date_with_the_builder(tmp_path):
    spec = importlib.util.spec_from_file_location("build_templates", ROOT / "tools" / "build_templates.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules["build_templates"] = module  # dataclasses look their module up
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules["build_templates"]
    module.build_all(tmp_path)
    for name in TEMPLATE_FILES.values():
        assert (tmp_path / name).read_bytes() == (TEMPLATES_DIR / name).read_bytes(), (
            f"reportgen/templates/{name} differs from tools/build_templates.py: run the builder and commit"
        )


def test_each_tag_sits_in_a_single_run():
    for name in TEMPLATE_FILES.values():
        doc = Document(str(TEMPLATES_DIR / name))
        for p in doc.element.body.iter(qn("w:p")):
            runs = ["".join(t.text or "" for t in r.iter(qn("w:t"))) for r in p.iter(qn("w:r"))]
            for text in runs:
                assert text.count("{{") == text.count("}}") and text.count("{%") == text.count("%}"), (name, text)


# --- template problems ---------------------------------------------------------------------


def _copy_templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    for name in TEMPLATE_FILES.values():
        (folder / name).write_bytes((TEMPLATES_DIR / name).read_bytes())
    return folder


def _add_paragraph(path: Path, text: str) -> None:
    doc = Document(str(path))
    doc.add_paragraph(text)
    doc.save(str(path))


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("{{ header.nothing }}", "«{{ header.nothing }}»"),
        ("{{ ward_nothing }}", "«{{ ward_nothing }}»"),
        ("{{ year }", "không được đóng"),
        ("{% tr for r in branch_rows %}", "viết liền «{%tr»"),
        ("{%p for x in recipients %}", "«{%p for x in recipients %}» (đoạn văn thứ"),
        ("{{ year | nofilter }}", "«{{ year | nofilter }}»"),
    ],
)
def test_template_problem_names_template_and_tag(tmp_path, tag, expected):
    folder = _copy_templates(tmp_path)
    _add_paragraph(folder / "bao-cao.docx", tag)
    out = tmp_path / "out"
    with pytest.raises(TemplateProblem) as info:
        write_documents(make_report(), out, folder)
    problem = info.value
    assert problem.template_name == "bao-cao.docx"
    assert expected in str(problem)
    assert "Mẫu văn bản «bao-cao.docx» có lỗi" in str(problem)
    assert "Traceback" not in str(problem)
    # nothing was written: every template is checked first, or the failing one is not replaced
    assert not (out / ANNUAL).exists()


def test_missing_template(tmp_path):
    folder = _copy_templates(tmp_path)
    (folder / "chi-bo.docx").unlink()
    with pytest.raises(TemplateProblem) as info:
        write_documents(make_report(), tmp_path / "out", folder)
    assert info.value.template_name == "chi-bo.docx"
    assert "không tìm thấy tệp mẫu" in str(info.value)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").rglob("*.docx"))


def test_not_a_docx(tmp_path):
    folder = _copy_templates(tmp_path)
    (folder / "tong-ket-nhiem-ky.docx").write_text("not a zip")
    with pytest.raises(TemplateProblem, match="không phải là tệp Word"):
        write_documents(make_report(), tmp_path / "out", folder)


# --- atomic writing ----------------------------------------------------------------------


def test_a_failed_write_leaves_the_previous_document(tmp_path, monkeypatch):
    write_documents(make_report(), tmp_path)
    before = (tmp_path / ANNUAL).read_bytes()

    def broken_save(path, data):
        Path(path).write_bytes(b"half a docx")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(documents, "write_document_bytes", broken_save)
    with pytest.raises(OutputProblem) as info:
        write_documents(make_report(), tmp_path)
    assert "Không ghi được tệp" in str(info.value)
    assert (tmp_path / ANNUAL).read_bytes() == before
    assert not [p for p in tmp_path.rglob("*") if p.suffix == ".tmp"]


def test_documents_module_exports():
    assert documents.TEMPLATES_DIR == ROOT / "reportgen" / "templates"


# --- the summary workbook ---------------------------------------------------------------------


def test_summary_workbook(tmp_path):
    report = make_report(names={"tdp10": '=HYPERLINK("http://x")'})
    path = write_summary(report, tmp_path / "tong-hop-2025.xlsx")
    assert path.name == "tong-hop-2025.xlsx"
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [s.format(year=2025) for s in SHEETS]

    ws = wb["Chi bộ năm 2025"]
    header = [c.value for c in ws[1]]
    assert header[:7] == [
        "STT",
        "Chi bộ",
        "Loại hình",
        "Đảng viên đầu năm",
        "Chỉ tiêu kết nạp",
        "Kết nạp",
        "Tỷ lệ so với chỉ tiêu",
    ]
    assert all(c.font.bold for c in ws[1])
    rows = {r[1].value: r for r in ws.iter_rows(min_row=2)}
    tdp3 = rows[TDP3]
    assert tdp3[5].value == 4 and isinstance(tdp3[5].value, int)
    assert tdp3[6].value == pytest.approx(1.0) and tdp3[6].number_format == "0.00%"
    total = rows["Cộng"]
    assert total[5].value == 9 and total[6].value == pytest.approx(0.9)
    # a name that looks like a formula stays text
    evil = rows['=HYPERLINK("http://x")'][1]
    assert evil.data_type == "s" and evil.quotePrefix

    years = wb["Toàn Đảng bộ theo năm"]
    assert [c.value for c in years["A"]][1:] == [2021, 2022, 2023, 2024, 2025]
    assert years["C6"].value == 9 and years["D6"].value == pytest.approx(0.9)

    structure = wb["Cơ cấu nhiệm kỳ"]
    by_key = {(r[0].value, r[1].value): r for r in structure.iter_rows(min_row=2)}
    youth = by_key[("Tổng số", "Đoàn viên TNCS Hồ Chí Minh")]
    assert youth[2].value == 28 and youth[3].value == pytest.approx(28 / 38)
    assert by_key[("Độ tuổi khi kết nạp", "Tuổi bình quân khi kết nạp")][2].value == pytest.approx(28.9)

    left = wb["Nguồn ra khỏi danh sách"]
    assert left.max_row == 6  # 5 people, each once
    assert left["C2"].is_date

    plan = wb["Kế hoạch chi bộ"]
    assert [c.value for c in plan[1]][4:7] == [
        "Có giấy chứng nhận NTVĐ còn giá trị đến 31/12/2025",
        "Trong đó: hết hạn trong năm 2026",
        "Chỉ tiêu kết nạp năm 2026",
    ]
    by_branch = {r[1].value: [c.value for c in r][2:] for r in plan.iter_rows(min_row=2)}
    assert by_branch[TDP3] == ["Khu dân cư", 3, 2, 0, 9, 16]
    assert by_branch["Cộng"] == [None, 9, 2, 0, 11, 20] and plan["B5"].font.bold
    assert [c.value for c in wb["Kế hoạch đoàn thể"][6]][1:] == ["Cộng", 5, 4, 6]

    assert wb["Không kết nạp nhiều năm"]["B2"].value == 3
    assert wb["Quá hạn công nhận chính thức"]["G2"].value == 18
    assert wb["Đoàn thể"].max_row == 5


def test_plan_with_no_trained_candidate_states_no_method(tmp_path):
    from dataclasses import replace

    report = make_report()
    branches = tuple(replace(b, trained_waiting=0) for b in report.plan.branches)
    write_documents(replace(report, plan=replace(report.plan, branches=branches)), tmp_path)
    text = all_text(tmp_path / PLAN)
    assert "trong đó chưa có quần chúng nào có giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng" in text
    assert "được phân bổ chia đều" not in text


def test_term_causes_follow_the_figures():
    from dataclasses import replace

    report = make_report()
    blocks = build_context(report, KIND_TERM, with_charts=False)["cause_blocks"]
    assert [b["title"] for b in blocks] == ["a) Nguyên nhân khách quan", "b) Nguyên nhân chủ quan"]
    assert any("chuyển đi nơi khác" in p for p in blocks[0]["paragraphs"])
    met = tuple(replace(b, quota=b.admissions) for b in report.term.branches)
    clean = replace(
        report,
        term=replace(report.term, branches=met, left=()),
        shortfalls=replace(
            report.shortfalls, no_admission_streaks=(), organisations_below_quota=(), overdue_probation=()
        ),
        plan=replace(report.plan, branches=tuple(replace(b, trained_expiring=0) for b in report.plan.branches)),
    )
    youth_low = clean.term.structure.youth_union_low
    got = build_context(clean, KIND_TERM, with_charts=False)["cause_blocks"]
    assert [b["title"] for b in got] == (["a) Nguyên nhân chủ quan"] if youth_low else [])
    aims = build_context(report, KIND_TERM, with_charts=False)["aim_paragraphs"]
    assert aims[0].startswith("Tiếp tục thực hiện Nghị quyết Đại hội Đảng bộ phường nhiệm kỳ 2025-2030, phấn đấu")
    assert "cụ thể hóa tại kế hoạch phát triển đảng viên hằng năm" in aims[-1]
    assert f"năm 2026 phấn đấu kết nạp ít nhất {report.plan.total:02d} đảng viên mới" in aims[-1]


def test_branch_directions_carry_the_plan_quotas():
    report = make_report()
    for br in report.branch_reports:
        planned = next(b for b in report.plan.branches if b.branch == br.info.name)
        first = build_context(report, KIND_BRANCH, br)["direction_paragraphs"][0]
        assert f"kết nạp ít nhất {planned.admission_quota:02d} đảng viên" in first
        assert f"ít nhất {planned.source_quota:02d} quần chúng ưu tú" in first
