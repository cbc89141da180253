"""Build from sample_data/ and from a hand-made inbox, read the documents back, and
compare their figures with figures recomputed here from the workbooks.

The expected figures come from tests/independent.py (openpyxl, its own header
matching and date parsing) and plain Python counting, never from reportgen.stats.
"""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document

from builders import Admission, Candidate, Ward, make_branch, make_ward
from docread import all_text, find_table, table_rows
from independent import fold, read_inbox
from reportgen.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data"
ISSUED = "05/01/2026"


def pct(part: int, whole: int) -> str:
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{value}".replace(".", ",") + "%"


def two(n: int) -> str:
    return f"{n:02d}" if 0 < n < 10 else str(n)


def build(inbox: Path, out: Path, *extra: str) -> str:
    result = CliRunner().invoke(main, ["build", str(inbox), "--out", str(out), "--ngay", ISSUED, *extra])
    assert result.exit_code == 0, result.output
    return result.output


# --- figures recomputed from the sample workbooks -----------------------------------


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample-out")
    output = build(SAMPLE, out)
    data = read_inbox(SAMPLE)
    admissions = [(b["info"]["name"], a) for b in data["branches"] for a in b["admissions"]]
    return {"out": out, "output": output, "data": data, "admissions": admissions}


def quota(data, year: int, branch: str):
    for row in data["ward"]["quotas"]:
        if int(row["year"]) == year and fold(row["branch"]) == fold(branch):
            return row
    return None


def test_build_prints_what_it_wrote(sample):
    out = sample["out"]
    for line in ("bao-cao-2025.docx", "tong-ket-nhiem-ky-2020-2025.docx", "tong-hop-2025.xlsx"):
        assert line in sample["output"]
        assert (out / line).exists()
    branches = [b["info"]["name"] for b in sample["data"]["branches"]]
    assert len(list((out / "chi-bo").glob("*.docx"))) == len(branches)


def test_annual_branch_table_matches_the_workbooks(sample):
    data, out = sample["data"], sample["out"]
    table = find_table(Document(str(out / "bao-cao-2025.docx")), "STT", "Kết nạp")
    rows = {r[1]: r for r in table_rows(table)[1:] if r[1] != "Cộng"}
    assert len(rows) == len(data["branches"])
    for branch in data["branches"]:
        name = branch["info"]["name"]
        admitted = sum(1 for a in branch["admissions"] if a["admitted"].year == 2025)
        added = sum(1 for c in branch["candidates"] if c["entered"].year == 2025)
        q = int(quota(data, 2025, name)["admission_quota"])
        row = rows[name]
        assert row[2:5] == [str(q), str(admitted), pct(admitted, q) if q else "–"], name
        assert row[5] == str(added), name
    total = next(r for r in table_rows(table) if r[1] == "Cộng")
    assert total[3] == str(sum(1 for _, a in sample["admissions"] if a["admitted"].year == 2025))


def test_annual_ward_figures_against_superior_quota_and_members(sample):
    data, out = sample["data"], sample["out"]
    text = all_text(out / "bao-cao-2025.docx")
    admitted = sum(1 for _, a in sample["admissions"] if a["admitted"].year == 2025)
    ward = quota(data, 2025, "Toàn Đảng bộ")
    assert f"kết nạp được {two(admitted)} đảng viên, đạt {pct(admitted, int(ward['admission_quota']))}" in text
    members = int(ward["members_start"])
    assert f"{pct(admitted, members)} tổng số đảng viên đầu năm ({members} đảng viên)" in text
    previous = sum(1 for _, a in sample["admissions"] if a["admitted"].year == 2024)
    assert f"So với năm 2024 ({two(previous)} đảng viên)" in text
    branch_quotas = sum(int(quota(data, 2025, b["info"]["name"])["admission_quota"]) for b in data["branches"])
    if branch_quotas != int(ward["admission_quota"]):
        assert f"Tổng chỉ tiêu Đảng ủy giao cho các chi bộ là {two(branch_quotas)} đảng viên" in text


def test_term_review_totals_average_and_structure(sample):
    out = sample["out"]
    text = all_text(out / "tong-ket-nhiem-ky-2020-2025.docx")
    term = [a for _, a in sample["admissions"] if date(2021, 1, 1) <= a["admitted"] <= date(2025, 12, 31)]
    total = len(term)
    whole, rest = divmod(total, 5)  # people are kept whole: "bình quân mỗi năm trên 08 đảng viên"
    assert f"kết nạp được {total} đảng viên mới" in text
    assert f"bình quân mỗi năm {'trên ' if rest else ''}{two(whole)} đảng viên" in text
    youth = sum(1 for a in term if str(a.get("youth_union") or "").strip().lower() in {"x", "có", "1", "đ", "yes"})
    women = sum(1 for a in term if a["gender"] == "Nữ")
    # the paragraph gives the few figures an office judges by; Biểu 2 holds every row
    assert f"{two(youth)} đoàn viên Đoàn TNCS Hồ Chí Minh ({pct(youth, total)})" in text
    assert f"{two(women)} nữ ({pct(women, total)})" in text
    rows = {r[0]: r for r in table_rows(find_table(Document(str(out / "tong-ket-nhiem-ky-2020-2025.docx")), "Chỉ tiêu"))}
    assert rows["Đoàn viên TNCS Hồ Chí Minh"][1:3] == [str(youth), pct(youth, total)]
    assert rows["Nữ"][1:3] == [str(women), pct(women, total)]
    per_year = Counter(a["admitted"].year for a in term)
    table = find_table(Document(str(out / "tong-ket-nhiem-ky-2020-2025.docx")), "Năm", "Kết nạp")
    got = {r[0]: r[2] for r in table_rows(table)[1:]}
    for year in range(2021, 2026):
        assert got[str(year)] == str(per_year[year])
    assert got["Cộng"] == str(total)


def test_branches_without_admissions_for_years_are_named(sample):
    data, out = sample["data"], sample["out"]
    text = all_text(out / "bao-cao-2025.docx")
    for branch in data["branches"]:
        years = {a["admitted"].year for a in branch["admissions"]}
        streak = []
        year = 2025
        while year >= 2021 and year not in years:
            streak.append(year)
            year -= 1
        name = branch["info"]["name"]
        limits = text.partition("2- Hạn chế")[2].partition("3- Nguyên nhân")[0]
        if len(streak) >= 2:
            # named once, in the paragraph that says from which year it has admitted nobody
            para = next(p for p in limits.splitlines() if name in p)
            assert para.count(name) == 1 and "chưa đạt chỉ tiêu kết nạp" in para, (name, para)
            assert sum(name in p for p in limits.splitlines() if "chỉ tiêu kết nạp" in p or "từ năm" in p) == 1
            tail = para.partition(name)[2]
            # the years said, never an ambiguous "từ năm 2024": "đã 02 năm liền (2024, 2025)", "(2022 - 2025)",
            # or "cả nhiệm kỳ" for a branch that admitted nobody in the term
            years = sorted(streak)
            span = f"({years[0]}, {years[1]})" if len(years) == 2 else f"({years[0]}\xa0- {years[-1]})"
            assert "từ năm" not in tail.split(";")[0], (name, para)
            assert f"đã {len(years):02d} năm liền {span}" in tail or "cả nhiệm kỳ" in tail, (name, para)


def test_branch_report_lists_the_people_admitted(sample):
    data, out = sample["data"], sample["out"]
    texts = [all_text(p) for p in (out / "chi-bo").glob("*.docx")]
    for branch in data["branches"]:
        name = branch["info"]["name"]
        docs = [t for t in texts if f"{name.upper()}\n" in t]
        assert len(docs) == 1, name
        for person in (a["name"] for a in branch["admissions"] if a["admitted"].year == 2025):
            assert person in docs[0], (name, person)


def test_summary_workbook_holds_the_branch_figures(sample):
    data, out = sample["data"], sample["out"]
    wb = openpyxl.load_workbook(out / "tong-hop-2025.xlsx")
    sheet = wb.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = [str(h) for h in rows[0]]
    name_col, adm_col = header.index("Chi bộ"), header.index("Kết nạp")
    got = {r[name_col]: r[adm_col] for r in rows[1:] if r[name_col]}
    for branch in data["branches"]:
        expected = sum(1 for a in branch["admissions"] if a["admitted"].year == 2025)
        assert got[branch["info"]["name"]] == expected


def test_build_is_repeatable_and_leaves_no_temporary_files(sample, tmp_path):
    build(SAMPLE, tmp_path)
    first = {p.relative_to(tmp_path): all_text(p) for p in tmp_path.rglob("*.docx")}
    build(SAMPLE, tmp_path)
    second = {p.relative_to(tmp_path): all_text(p) for p in tmp_path.rglob("*.docx")}
    assert first == second
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["bao-cao-2025.docx", "tong-ket-nhiem-ky-2020-2025.docx", "ke-hoach-2026.docx", "tong-hop-2025.xlsx", "chi-bo",
         "kiem-tra-du-lieu.xlsx", "kiem-tra", ".reportgen-cache"])
    assert not [p for p in tmp_path.rglob("*") if p.suffix == ".tmp"]


# --- a hand-made ward: 38 admissions in the term, 28 of them Youth Union members -----


def thirty_eight(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    branches = [("Chi bộ Tổ dân phố 1", "Khu dân cư"), ("Chi bộ Trường THCS Phổ Hòa", "Trường học")]
    people: dict[str, list[Admission]] = {b: [] for b, _ in branches}
    per_year = {2021: 8, 2022: 7, 2023: 9, 2024: 6, 2025: 8}
    n = 0
    for year, count in per_year.items():
        for i in range(count):
            branch = branches[n % 2][0]
            people[branch].append(Admission(
                f"Trần Văn Người{n:02d}", date(1996, 1 + n % 12, 1 + n % 28), date(year, 2 + i, 15),
                youth_union="Có" if n % 19 < 14 else "Không",
                official=date(year + 1, 2 + i, 16) if year < 2025 else None,
            ))
            n += 1
    quotas = [(y, b, 4, 1, 30) for y in per_year for b, _ in branches] + [(y, "Toàn Đảng bộ", 7, None, 60)
                                                                        for y in per_year]
    make_ward(folder, Ward(quotas=quotas))
    for branch, kind in branches:
        make_branch(folder, branch, kind, admissions=people[branch],
                    candidates=[Candidate(f"Lê Thị Nguồn{kind[0]}", date(2001, 1, 1), date(2025, 3, 1))])
    return folder


def test_thirty_eight_admissions_twenty_eight_youth_union(tmp_path):
    inbox = thirty_eight(tmp_path / "in")
    out = tmp_path / "out"
    output = build(inbox, out)
    assert "Năm báo cáo: 2025." in output
    text = all_text(out / "tong-ket-nhiem-ky-2020-2025.docx")
    assert "kết nạp được 38 đảng viên mới" in text
    assert "28 đoàn viên Đoàn TNCS Hồ Chí Minh (73,68%)" in text
    assert "bình quân mỗi năm trên 07 đảng viên" in text


def test_year_option_reports_an_earlier_year(tmp_path):
    inbox = thirty_eight(tmp_path / "in")
    out = tmp_path / "out"
    build(inbox, out, "--year", "2023")
    assert (out / "bao-cao-2023.docx").exists()
    text = all_text(out / "bao-cao-2023.docx")
    assert "Năm 2023, toàn Đảng bộ kết nạp được 09 đảng viên" in text
    term = all_text(out / "tong-ket-nhiem-ky-2020-2025.docx")
    assert "8 + 7 + 9" not in term and "24 đảng viên mới" in term


def test_sample_command_writes_a_ward_that_builds(tmp_path):
    result = CliRunner().invoke(main, ["sample", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    build(tmp_path / "s", tmp_path / "out")
    assert (tmp_path / "out" / "bao-cao-2025.docx").exists()


def test_output_folder_inside_the_inbox_is_not_read_back(tmp_path):
    inbox = tmp_path / "in"
    shutil.copytree(SAMPLE, inbox)
    build(inbox, inbox / "out")
    output = build(inbox, inbox / "out")
    assert "tong-hop-2025.xlsx" in output
    assert "không phải sổ chuẩn" not in output


def test_plan_table_matches_the_workbooks(sample):
    """Candidates on the lists on 31/12/2025 and those of them with a valid certificate, counted here; one
    admission per branch at least; the ward total reaches the 2025 quota (no 2026 row in the sample) and
    3% of the members at the start of 2026 (at most those of 2025 plus those admitted), rounded up."""
    data, out = sample["data"], sample["out"]
    end = date(2025, 12, 31)
    table = find_table(Document(str(out / "ke-hoach-2026.docx")), "STT", "Chi bộ")
    rows = {r[1]: r for r in table_rows(table)[2:]}
    for branch in data["branches"]:
        waiting = [c for c in branch["candidates"] if c["entered"] <= end and (
            fold(c["status"]) == fold("Đang bồi dưỡng") or (c.get("status_date") and c["status_date"] > end))]
        # a certificate of 60 months still valid on 31/12/2025 (Biểu 1's column): a class from 31/12/2020 on
        trained = [c for c in waiting if c.get("class_date") and date(2020, 12, 31) <= c["class_date"] <= end]
        row = rows[branch["info"]["name"]]
        assert row[2:4] == [str(len(waiting)), str(len(trained))], branch["info"]["name"]
        assert int(row[4]) >= 1 and int(row[5]) >= 1
    ward = quota(data, 2025, "Toàn Đảng bộ")
    # no 2026 figure: 3% of the members at the start of 2025 plus those admitted in 2025
    admitted = sum(1 for b in data["branches"] for a in b["admissions"] if a["admitted"].year == 2025)
    members = int(ward["members_start"]) + admitted
    floor = max(int(ward["admission_quota"]), -(-members * 3 // 100), len(data["branches"]))
    assert rows["Cộng"][4] == str(floor)
    assert sum(int(r[4]) for name, r in rows.items() if name != "Cộng") == floor


def test_summary_workbook_per_branch_per_year(sample):
    data, out = sample["data"], sample["out"]
    ws = openpyxl.load_workbook(out / "tong-hop-2025.xlsx")["Chi bộ theo năm"]
    rows = list(ws.iter_rows(values_only=True))
    header = list(rows[0])
    col = {name: header.index(name) for name in ("Năm", "Chi bộ", "Kết nạp", "Chỉ tiêu kết nạp", "Tạo nguồn",
                                                  "Công nhận chính thức")}
    got = {(r[col["Năm"]], r[col["Chi bộ"]]): r for r in rows[1:]}
    assert len(got) == 5 * len(data["branches"])
    for branch in data["branches"]:
        name = branch["info"]["name"]
        for year in range(2021, 2026):
            row = got[(year, name)]
            assert row[col["Kết nạp"]] == sum(1 for a in branch["admissions"] if a["admitted"].year == year)
            assert row[col["Tạo nguồn"]] == sum(1 for c in branch["candidates"] if c["entered"].year == year)
            recognised = sum(1 for a in branch["admissions"] if a.get("official") and a["official"].year == year)
            assert row[col["Công nhận chính thức"]] == recognised
            q = quota(data, year, name)
            assert row[col["Chỉ tiêu kết nạp"]] == (int(q["admission_quota"]) if q else None)


def test_default_year_ignores_next_years_quotas(tmp_path):
    inbox = thirty_eight(tmp_path / "in")
    from openpyxl import load_workbook

    wb = load_workbook(inbox / "Dang-uy.xlsx")
    wb["Chỉ tiêu"].append([2026, "Toàn Đảng bộ", 9, None, 62])
    wb.save(inbox / "Dang-uy.xlsx")
    output = build(inbox, tmp_path / "out")
    assert "Năm báo cáo: 2025." in output
    plan = all_text(tmp_path / "out" / "ke-hoach-2026.docx")
    assert "09 đảng viên" in plan or "9 đảng viên" in plan


def test_term_rate_uses_only_the_years_with_a_superior_quota(tmp_path):
    """QA: without the 2023 `Toàn Đảng bộ` row, the term rate is over 2021, 2022, 2024, 2025 only."""
    inbox = thirty_eight(tmp_path / "in")
    from openpyxl import load_workbook

    wb = load_workbook(inbox / "Dang-uy.xlsx")
    ws = wb["Chỉ tiêu"]
    for row in ws.iter_rows(min_row=3):
        if row[0].value == 2023 and row[1].value == "Toàn Đảng bộ":
            ws.delete_rows(row[0].row)
            break
    wb.save(inbox / "Dang-uy.xlsx")
    result = CliRunner().invoke(main, ["check", str(inbox), "--out", str(tmp_path / "c")])
    assert "năm 2023" in result.output and "Toàn Đảng bộ" in result.output
    build(inbox, tmp_path / "out")
    text = all_text(tmp_path / "out" / "tong-ket-nhiem-ky-2020-2025.docx")
    # admissions 8 + 7 + 6 + 8 = 29 in the years with a quota of 7 each (28)
    assert ("Trong 04 năm cấp trên giao chỉ tiêu (2021, 2022, 2024 và 2025), toàn Đảng bộ kết nạp được 29 đảng"
            f" viên, đạt {pct(29, 28)} tổng chỉ tiêu cấp trên giao (28 đảng viên).") in text
    # Biểu 1's total: the 38 admitted over the term beside the 28 of four years: no rate that does not divide
    years = table_rows(find_table(Document(str(tmp_path / "out" / "tong-ket-nhiem-ky-2020-2025.docx")), "Năm"))
    total = next(r for r in years if r[0] == "Cộng")
    assert total[1:4] == ["28", "38", ""] and next(r for r in years if r[0] == "2023")[1:4] == ["–", "9", "–"]


def test_one_digit_small_counts_on_request(tmp_path):
    inbox = thirty_eight(tmp_path / "in")
    build(inbox, tmp_path / "out", "--mot-chu-so")
    text = all_text(tmp_path / "out" / "bao-cao-2025.docx")
    assert "kết nạp được 8 đảng viên" in text and "kết nạp được 08 đảng viên" not in text


def test_a_branch_without_quota_does_not_inflate_the_total_rate(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    # Chi bộ B has a row of 2024 only: a branch of the ward (a branch named in no year is another
    # ward's workbook, an error: tests/test_wrong_figures.py), given no quota in 2025.
    make_ward(inbox, Ward(quotas=[(2025, "Chi bộ A", 1, 1, 10), (2024, "Chi bộ B", 1, 1, None)]))
    make_branch(inbox, "Chi bộ A", admissions=[Admission("Lê Văn An", date(1990, 1, 1), date(2025, 6, 1))])
    make_branch(inbox, "Chi bộ B", admissions=[Admission("Lê Văn Bình", date(1990, 1, 1), date(2025, 6, 1))])
    build(inbox, tmp_path / "out")
    table = find_table(Document(str(tmp_path / "out" / "bao-cao-2025.docx")), "STT", "Kết nạp")
    rows = table_rows(table)
    total = next(r for r in rows if r[1] == "Cộng")
    assert total[2:5] == ["1", "2", ""]  # the rate is on the branches given a quota, not 2 of 1
    assert rows[-2][1:5] == ["Trong đó: Chi bộ được giao chỉ tiêu (01)", "1", "1", "100,00%"]
    assert rows[-1][1:5] == ["Chi bộ không được giao chỉ tiêu (01)", "–", "1", "–"]
    text = all_text(tmp_path / "out" / "bao-cao-2025.docx")
    # Chi bộ B's members are unknown: 10 would be a partial base, so no 3% figure (issue 8, case a).
    assert "mục tiêu kết nạp 3%" not in text
