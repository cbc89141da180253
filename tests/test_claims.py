"""The office's claims of success (sheet `Nhận định`) held against the figures (stats.claims): a row
of `Ưu điểm`, or a `Lãnh đạo, chỉ đạo` row that says the work went well, on a topic the figures show
shortfalls on, is a warning naming the workbook, the sheet, the Excel row, the sentence's start and
the figures; the row is still printed as written. The sample generator writes only rows its own
figures support."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from builders import Admission, Candidate, Ward, make_branch, make_ward
from docread import all_text
from independent import as_date, read_inbox

from reportgen import schema as S
from reportgen.pipeline import build, check
from reportgen.sample import STRENGTH_ALL, STRENGTH_SOME, write_sample
from reportgen.stats.claims import RULE, hedged, is_claim, says_success, topics_claimed

TODAY = date(2026, 1, 10)
CLAIM = "Các chi bộ chủ động rà soát nguồn ngay từ đầu năm, bổ sung kịp thời quần chúng ưu tú vào danh sách."
HEDGED = "Một số chi bộ chủ động rà soát nguồn ngay từ đầu năm, bổ sung quần chúng ưu tú vào danh sách."
DIRECTED = "Đảng ủy chỉ đạo kịp thời, sát sao công tác tạo nguồn ở các chi bộ."
PLAIN_DIRECTION = "Đảng ủy giao cho các đồng chí đảng ủy viên phụ trách chi bộ theo dõi việc tạo nguồn."


def _inbox(folder: Path, source_quota_b: int, rows: list[tuple[str, str, str]]) -> Path:
    """Two branches: A met its source quota of 1 (one candidate added in 2025); B was given
    `source_quota_b` and added one candidate."""
    make_ward(
        folder,
        Ward(
            quotas=[
                (2025, "Chi bộ A", 1, 1, 20),
                (2025, "Chi bộ B", 1, source_quota_b, 20),
                (2025, "Toàn Đảng bộ", 2, None, 40),
            ],
            assessments=rows,
        ),
    )
    for name in ("Chi bộ A", "Chi bộ B"):
        make_branch(
            folder,
            name,
            candidates=[Candidate(f"Trần Thị {name[-1]}", date(2000, 1, 2), date(2025, 2, 3))],
            admissions=[Admission(f"Lê Văn {name[-1]}", date(1995, 1, 2), date(2025, 6, 4))],
        )
    return folder


def _row_of(folder: Path, text: str) -> int:
    ws = openpyxl.load_workbook(folder / "Dang-uy.xlsx")["Nhận định"]
    return next(c.row for row in ws.iter_rows() for c in row if c.value == text)


def _below_source(folder: Path, year: int) -> tuple[int, int]:
    """(branches below their source quota, branches given one), recounted from the workbooks."""
    ward = read_inbox(folder)
    added = {
        b["info"]["name"]: sum(1 for c in b["candidates"] if (as_date(c.get("entered")) or date.min).year == year)
        for b in ward["branches"]
    }
    given = {
        q["branch"]: q["source_quota"]
        for q in ward["ward"]["quotas"]
        if q["year"] == year and q["branch"] != S.WARD_TOTAL and q.get("source_quota")
    }
    return sum(added.get(b, 0) < q for b, q in given.items()), len(given)


def _claims(folder: Path):
    return [f for f in check(folder, today=TODAY).findings if f.rule == RULE]


def test_a_strength_the_figures_contradict_is_a_warning_at_its_cell(tmp_path):
    _inbox(tmp_path, 3, [("2025", S.SECTION_STRENGTHS, CLAIM)])
    below, given = _below_source(tmp_path, 2025)
    assert (below, given) == (1, 2)
    [found] = _claims(tmp_path)
    assert found.severity.value == "Cảnh báo"
    assert (found.file, found.sheet, found.row) == ("Dang-uy.xlsx", "Nhận định", _row_of(tmp_path, CLAIM))
    assert found.column == "Nội dung" and found.cell_column == 3
    assert "«Các chi bộ chủ động rà soát nguồn ngay từ …»" in found.message  # the row's first words
    assert f"{below:02d}/{given:02d} chi bộ chưa đạt chỉ tiêu tạo nguồn năm 2025" in found.message
    assert "đề nghị xem lại trước khi trình ký" in found.message


def test_the_row_is_still_printed_as_written_and_the_warning_reaches_the_findings_workbook(tmp_path):
    (tmp_path / "in").mkdir()
    _inbox(tmp_path / "in", 3, [("2025", S.SECTION_STRENGTHS, CLAIM)])
    result = build(tmp_path / "in", tmp_path / "out", issued=TODAY, today=TODAY)
    assert [f.rule for f in result.check.findings if f.rule == RULE] == [RULE]
    assert f"- {CLAIM}" in all_text(tmp_path / "out" / "bao-cao-2025.docx").splitlines()
    ws = openpyxl.load_workbook(tmp_path / "out" / "kiem-tra-du-lieu.xlsx").worksheets[0]
    cells = [str(c) for row in ws.iter_rows(values_only=True) for c in row if c]
    assert any("chưa đạt chỉ tiêu tạo nguồn năm 2025" in c for c in cells)


def test_the_same_claim_is_no_warning_when_every_branch_met_its_quota(tmp_path):
    _inbox(tmp_path, 1, [("2025", S.SECTION_STRENGTHS, CLAIM), ("2025", S.SECTION_LEADERSHIP, DIRECTED)])
    assert _below_source(tmp_path, 2025)[0] == 0
    assert _claims(tmp_path) == []


def test_a_hedged_claim_stands_while_some_branch_met_the_quota(tmp_path):
    _inbox(tmp_path, 3, [("2025", S.SECTION_STRENGTHS, HEDGED)])
    assert _claims(tmp_path) == []


def test_a_leadership_row_is_a_claim_only_when_it_says_the_work_went_well(tmp_path):
    _inbox(tmp_path, 3, [("2025", S.SECTION_LEADERSHIP, PLAIN_DIRECTION), ("2025", S.SECTION_LEADERSHIP, DIRECTED)])
    [found] = _claims(tmp_path)
    assert found.row == _row_of(tmp_path, DIRECTED)
    assert "mục «Lãnh đạo, chỉ đạo», năm 2025" in found.message


def test_a_limitation_or_another_years_row_is_never_a_claim(tmp_path):
    _inbox(tmp_path, 3, [("2025", S.SECTION_LIMITATIONS, CLAIM), ("2024", S.SECTION_STRENGTHS, CLAIM)])
    assert _claims(tmp_path) == []


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        (CLAIM, ("sources",)),
        ("Công tác phát triển đảng viên đạt kết quả tốt.", ("admissions",)),
        ("Các đoàn thể giới thiệu đủ quần chúng ưu tú đi học lớp nhận thức về Đảng.", ("introductions", "class")),
        ("Giấy chứng nhận của quần chúng được theo dõi chặt chẽ.", ("certificates",)),
        ("Đảng ủy họp định kỳ.", ()),
    ],
)
def test_topics_are_read_from_whole_words(text, topics):
    assert topics_claimed(text) == topics


def test_success_negated_or_hedged():
    assert says_success("chỉ đạo kịp thời") and says_success("đạt kết quả")
    assert not says_success("chưa chủ động, chưa đạt") and not says_success("hiệu quả chưa cao")
    assert hedged(HEDGED) and not hedged(CLAIM)
    assert is_claim(S.SECTION_STRENGTHS, "Đảng ủy họp định kỳ.")
    assert not is_claim(S.SECTION_LEADERSHIP, PLAIN_DIRECTION) and is_claim(S.SECTION_LEADERSHIP, DIRECTED)
    assert not is_claim(S.SECTION_LIMITATIONS, DIRECTED)


@pytest.mark.parametrize("seed", [31, 58])
def test_a_seeded_ward_writes_only_what_its_figures_support(tmp_path, seed):
    write_sample(tmp_path, seed=seed)
    ws = openpyxl.load_workbook(tmp_path / "So-tong-hop-Dang-uy.xlsx")[S.ASSESSMENT_SHEET.name]
    strengths = [r[2] for r in ws.iter_rows(min_row=3, values_only=True) if r[1] == S.SECTION_STRENGTHS]
    below, given = _below_source(tmp_path, 2025)
    # both wards missed the source quota somewhere (signer-4): the claim of all is said of some
    assert 0 < below < given
    assert strengths == [STRENGTH_SOME] and STRENGTH_ALL not in strengths
    assert [f for f in check(tmp_path, today=TODAY).findings if f.rule == RULE] == []


def test_a_claim_on_the_class_is_held_against_the_branches_without_a_valid_certificate(tmp_path):
    row = "Các chi bộ cử quần chúng ưu tú đi học lớp nhận thức về Đảng kịp thời."
    _inbox(tmp_path, 1, [("2025", S.SECTION_STRENGTHS, row)])
    ward = read_inbox(tmp_path)
    # recounted: the branches none of whose candidates on the list has taken the class
    untrained = [b for b in ward["branches"] if not any(as_date(c.get("class_date")) for c in b["candidates"])]
    assert len(untrained) == len(ward["branches"]) == 2
    [found] = _claims(tmp_path)
    assert (
        f"{len(untrained):02d}/{len(ward['branches']):02d} chi bộ chưa có quần chúng có giấy chứng nhận học lớp bồi"
        " dưỡng nhận thức về Đảng còn giá trị đến hết năm 2026" in found.message
    )


@pytest.mark.parametrize(
    "row",
    [
        "Các chi bộ đều hoàn thành chỉ tiêu được giao.",
        "Không có chi bộ nào chưa đạt chỉ tiêu.",
        "Các chi bộ đều đạt.",
        "100% chi bộ hoàn thành nhiệm vụ được giao.",
    ],
)
def test_a_quota_named_without_its_kind_is_the_admission_quota(tmp_path, row):
    """breaker-3 F20: "chỉ tiêu" alone is held against the admission figures."""
    make_ward(
        tmp_path,
        Ward(
            quotas=[(2025, "Chi bộ A", 2, 1, 20), (2025, "Toàn Đảng bộ", 1, None, 20)],
            assessments=[("2025", S.SECTION_STRENGTHS, row)],
        ),
    )
    make_branch(tmp_path, "Chi bộ A", admissions=[Admission("Lê Văn A", date(1995, 1, 2), date(2025, 6, 4))])
    ward = read_inbox(tmp_path)
    admitted = sum(1 for b in ward["branches"] for r in b["admissions"] if as_date(r["admitted"]).year == 2025)
    assert admitted == 1  # below the branch quota of 2
    [found] = _claims(tmp_path)
    assert "01/01 chi bộ chưa đạt chỉ tiêu kết nạp năm 2025" in found.message


def test_the_figure_on_what_the_row_says_comes_first(tmp_path):
    """breaker-3 F20: a claim on the 3% is answered with the 3% first, not with the superior's quota."""
    row = "Toàn Đảng bộ đạt mục tiêu kết nạp 3% tổng số đảng viên."
    make_ward(
        tmp_path,
        Ward(
            quotas=[(2025, "Chi bộ A", 2, 1, 100), (2025, "Toàn Đảng bộ", 2, None, 100)],
            assessments=[("2025", S.SECTION_STRENGTHS, row)],
        ),
    )
    make_branch(tmp_path, "Chi bộ A", admissions=[Admission("Lê Văn A", date(1995, 1, 2), date(2025, 6, 4))])
    [found] = _claims(tmp_path)
    facts = found.message.partition("như vậy: ")[2]
    assert facts.startswith("toàn Đảng bộ kết nạp 01 đảng viên, chưa đạt 3% tổng số đảng viên đầu năm (03 đảng viên)")
    assert "chưa đạt chỉ tiêu cấp trên giao năm 2025" in facts  # the others follow
