"""Charts: PNG pictures for every shape of data, none when there is nothing to draw, and
their place in the documents."""

from __future__ import annotations

import io
import warnings
from dataclasses import replace

import pytest
from docread import all_text
from docx import Document
from docx.shared import Mm
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font
from PIL import Image
from report_fixture import make_report

from reportgen.render import charts
from reportgen.render.documents import write_documents
from reportgen.stats.model import BranchYear, WardYear

PNG = b"\x89PNG\r\n\x1a\n"


def ward_year(year: int, admissions: int, quota: int | None) -> WardYear:
    return WardYear(year, admissions, quota, 0, 300, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0)


def branch_year(name: str, admissions: int, quota: int | None) -> BranchYear:
    return BranchYear(name, "Khu dân cư", 2025, admissions, quota, 1, 30, 0, 0, 0, 0, 0, 0)


def assert_png(picture: charts.Picture | None) -> Image.Image:
    assert picture is not None
    assert picture.png.startswith(PNG)
    image = Image.open(io.BytesIO(picture.png))
    # drawn at the width it is shown (150 mm) at 200 dpi
    assert abs(image.width - round(charts.WIDTH_MM / 25.4 * charts.DPI)) <= 2
    assert image.info.get("dpi", (200, 200))[0] == pytest.approx(200, abs=1)
    return image


@pytest.mark.parametrize(
    "years",
    [
        [ward_year(y, a, q) for y, a, q in [(2021, 8, 8), (2022, 7, 9), (2023, 9, 9), (2024, 6, 8), (2025, 8, 10)]],
        [ward_year(2025, 3, None)],  # one year, no quota
        [ward_year(2024, 0, 5), ward_year(2025, 0, 4)],  # nobody admitted
        [ward_year(2024, 2, 0), ward_year(2025, 40, None)],  # a quota of 0, a missing one, a big year
    ],
    ids=["term", "one-year-no-quota", "no-admission", "zero-and-missing-quota"],
)
def test_admissions_by_year_draws_every_shape_of_data(years):
    assert_png(charts.admissions_by_year(years))


def test_admissions_by_year_nothing_to_draw():
    assert charts.admissions_by_year([]) is None
    assert charts.admissions_by_year([ward_year(2025, 0, None), ward_year(2024, 0, 0)]) is None


@pytest.mark.parametrize(
    "rows",
    [
        [branch_year(f"Chi bộ Tổ dân phố {i}", i % 3, 1 + i % 2) for i in range(1, 15)],
        [branch_year("Chi bộ Công ty TNHH Thủy sản và Dịch vụ Hậu cần Nghề cá Phổ Hòa", 7, 2)],  # 350%, long
        [branch_year("Chi bộ A", 0, 3), branch_year("Chi bộ B", 2, None), branch_year("Chi bộ C", 1, 0)],
    ],
    ids=["fourteen", "one-long-over-quota", "zero-and-missing-quotas"],
)
def test_branch_achievement_draws_every_shape_of_data(rows):
    assert_png(charts.branch_achievement(rows))


def test_branch_achievement_nothing_to_draw():
    assert charts.branch_achievement([]) is None
    assert charts.branch_achievement([branch_year("Chi bộ A", 2, None), branch_year("Chi bộ B", 0, 0)]) is None


def test_charts_are_the_same_bytes_every_time():
    years = [ward_year(2024, 3, 4), ward_year(2025, 5, 4)]
    assert charts.admissions_by_year(years) == charts.admissions_by_year(years)


def test_the_chart_font_has_every_vietnamese_letter():
    """Whatever fonts the machine has (Debian's fonts-liberation 1.x is named "Liberation Serif"
    too and lacks ư, ờ, ạ...), the files matplotlib picks for the chart font hold every letter."""
    name = charts.chart_font()
    assert name in (*charts.FONTS, charts.FALLBACK_FONT)
    letters = charts.VIETNAMESE_LETTERS + charts.VIETNAMESE_LETTERS.upper()
    assert len(set(letters)) == 146  # 73 letters, both cases
    for weight in ("normal", "bold"):
        path = font_manager.findfont(font_manager.FontProperties(family=name, weight=weight), fallback_to_default=False)
        font = FT2Font(path)
        missing = [c for c in letters if font.get_char_index(ord(c)) == 0]
        assert not missing, (path, missing)


def test_a_font_without_vietnamese_letters_is_passed_over(monkeypatch):
    """A family whose file lacks the letters (Computer Modern here, as the old Liberation) is skipped."""
    lacking = font_manager.findfont(font_manager.FontProperties(family="cmr10"), fallback_to_default=False)
    assert charts.font_file_lacks(lacking, "ư")
    real = charts._family_file
    monkeypatch.setattr(charts, "FONTS", ("cmr10", "DejaVu Serif"))
    monkeypatch.setattr(charts, "_family_file", lambda name, weight: lacking if name == "cmr10" else real(name, weight))
    charts.chart_font.cache_clear()
    try:
        assert charts.chart_font() == "DejaVu Serif"
    finally:
        charts.chart_font.cache_clear()


def test_drawing_vietnamese_labels_warns_nothing():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        charts.admissions_by_year([ward_year(2024, 3, 4), ward_year(2025, 5, 4)])
        charts.branch_achievement(
            [
                branch_year("Chi bộ Trường Tiểu học Nguyễn Thị Định", 1, 2),
                branch_year("Chi bộ Tổ dân phố Hưng Lợi", 3, 2),
            ]
        )


def test_charts_do_not_change_matplotlib_settings():
    import matplotlib

    before = dict(matplotlib.rcParams)
    charts.admissions_by_year([ward_year(2025, 3, 4)])
    assert dict(matplotlib.rcParams) == before


# --- in the documents ------------------------------------------------------------------------


def test_documents_hold_the_charts(tmp_path):
    write_documents(make_report(), tmp_path)
    annual = Document(str(tmp_path / "bao-cao-2025.docx"))
    assert len(annual.inline_shapes) == 2
    for shape in annual.inline_shapes:
        assert abs(shape.width - Mm(150)) < Mm(1)
    text = all_text(tmp_path / "bao-cao-2025.docx")
    assert "Biểu đồ 1. Tỷ lệ thực hiện chỉ tiêu kết nạp đảng viên của các chi bộ năm 2025" in text
    assert "Biểu đồ 2. Kết nạp đảng viên so với chỉ tiêu cấp trên giao, nhiệm kỳ\u00a02020-2025" in text
    term = Document(str(tmp_path / "tong-ket-nhiem-ky-2020-2025.docx"))
    assert len(term.inline_shapes) == 1
    assert (
        "Biểu đồ 1. Kết nạp đảng viên so với chỉ tiêu cấp trên giao qua các năm, nhiệm kỳ\u00a02020-2025"
        in all_text(tmp_path / "tong-ket-nhiem-ky-2020-2025.docx")
    )
    assert len(Document(str(tmp_path / "chi-bo" / "chi-bo-to-dan-pho-3.docx")).inline_shapes) == 0


def test_a_chart_without_data_leaves_no_picture_and_no_caption(tmp_path):
    report = make_report()
    report = replace(report, branch_years=tuple(replace(b, quota=None) for b in report.branch_years))
    write_documents(report, tmp_path)
    annual = Document(str(tmp_path / "bao-cao-2025.docx"))
    assert len(annual.inline_shapes) == 1
    text = all_text(tmp_path / "bao-cao-2025.docx")
    assert "Biểu đồ 1. Kết nạp đảng viên so với chỉ tiêu cấp trên giao" in text  # renumbered
    assert "Biểu đồ 2" not in text and "Tỷ lệ thực hiện chỉ tiêu kết nạp đảng viên của các chi bộ" not in text


def test_no_chart_at_all(tmp_path):
    report = make_report()
    empty = tuple(replace(y, admissions=0, ward_quota=None) for y in report.term.years)
    report = replace(
        report,
        branch_years=tuple(replace(b, quota=0) for b in report.branch_years),
        term=replace(report.term, years=empty),
    )
    write_documents(report, tmp_path)
    for name in ("bao-cao-2025.docx", "tong-ket-nhiem-ky-2020-2025.docx"):
        assert len(Document(str(tmp_path / name)).inline_shapes) == 0
        assert "Biểu đồ" not in all_text(tmp_path / name)


# --- the branch chart of a large ward --------------------------------------------------------


def _many(count: int, below: set[int]) -> list[BranchYear]:
    """`count` branches with a quota of 4; those numbered in `below` admitted fewer (i % 4)."""
    return [branch_year(f"Chi bộ Tổ dân phố {i}", (i % 4) if i in below else 4 + i % 3, 4) for i in range(1, count + 1)]


def _drawn(monkeypatch, rows):
    seen = []
    real = charts._branch_achievement
    monkeypatch.setattr(charts, "_branch_achievement", lambda r: seen.append(list(r)) or real(r))
    picture = charts.branch_achievement(rows)
    assert_png(picture)
    return seen[0], picture.note


def test_up_to_the_threshold_every_branch_is_drawn(monkeypatch):
    rows = _many(charts.BRANCH_CHART_MAX_BARS, {1, 2})
    drawn, note = _drawn(monkeypatch, rows)
    assert sorted(b.branch for b in drawn) == sorted(b.branch for b in rows)
    assert note == ""


def test_above_the_threshold_only_the_branches_below_quota_are_drawn(monkeypatch):
    below = {3, 17, 101, 250, 399}
    rows = _many(400, below)
    drawn, note = _drawn(monkeypatch, rows)
    expected = [b for b in rows if b.admissions < b.quota]
    assert len(expected) == len(below)
    assert sorted(b.branch for b in drawn) == sorted(b.branch for b in expected)
    shares = [b.admissions / b.quota for b in drawn]
    assert shares == sorted(shares)  # the lowest first
    assert note == " (gồm 05 chi bộ chưa đạt chỉ tiêu trong số 400 chi bộ được giao chỉ tiêu)"


def test_above_the_threshold_with_many_below_quota_the_lowest_are_drawn(monkeypatch):
    rows = _many(400, set(range(1, 401, 2)))  # 200 below quota
    drawn, note = _drawn(monkeypatch, rows)
    assert len(drawn) == charts.BRANCH_CHART_MAX_BARS
    below = sorted((b for b in rows if b.admissions < b.quota), key=lambda b: b.admissions / b.quota)
    worst_drawn = max(b.admissions / b.quota for b in drawn)
    assert all(b.admissions / b.quota >= worst_drawn for b in below if b not in drawn)
    assert note == (
        f" (gồm {charts.BRANCH_CHART_MAX_BARS} chi bộ có tỷ lệ thấp nhất trong số 200 chi bộ chưa đạt chỉ tiêu;"
        " 400 chi bộ được giao chỉ tiêu)"
    )


def test_above_the_threshold_with_every_branch_at_quota_the_lowest_are_drawn(monkeypatch):
    rows = _many(60, set())
    drawn, note = _drawn(monkeypatch, rows)
    assert len(drawn) == charts.BRANCH_CHART_MAX_BARS
    assert min(b.admissions for b in rows if b not in drawn) >= max(b.admissions for b in drawn)
    assert note == (
        f" (cả 60 chi bộ được giao chỉ tiêu đều đạt; biểu đồ gồm {charts.BRANCH_CHART_MAX_BARS} chi bộ có tỷ lệ"
        " thấp nhất)"
    )


def test_the_annual_report_caption_says_which_branches_the_chart_shows(tmp_path):
    report = make_report()
    template = report.branch_years[0]
    many = tuple(
        replace(template, branch=f"Chi bộ Tổ dân phố {i}", admissions=1 if i % 10 == 0 else 3, quota=2)
        for i in range(1, charts.BRANCH_CHART_MAX_BARS + 20)
    )
    report = replace(report, branch_years=many)
    write_documents(report, tmp_path)
    text = all_text(tmp_path / "bao-cao-2025.docx")
    n = len(many)
    assert (
        "Biểu đồ 1. Tỷ lệ thực hiện chỉ tiêu kết nạp đảng viên của các chi bộ năm 2025"
        f" (gồm 04 chi bộ chưa đạt chỉ tiêu trong số {n} chi bộ được giao chỉ tiêu)"
    ) in text


def test_the_term_chart_is_drawn_once_for_the_annual_report_and_the_term_review(tmp_path, monkeypatch):
    drawn = []
    real = charts._admissions_by_year
    monkeypatch.setattr(charts, "_admissions_by_year", lambda years: drawn.append(years) or real(years))
    charts._admissions_by_year_once.cache_clear()
    write_documents(make_report(), tmp_path)
    assert len(drawn) == 1
    term = Document(str(tmp_path / "tong-ket-nhiem-ky-2020-2025.docx"))
    annual = Document(str(tmp_path / "bao-cao-2025.docx"))

    def media(doc) -> set[bytes]:
        return {p.blob for p in doc.part.package.parts if p.partname.startswith("/word/media/")}

    assert len(media(term)) == 1 and media(term) <= media(annual)  # the annual report's second chart
