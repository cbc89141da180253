"""Five small wards, one per corner of issue 8 (a)-(e). Each is built with openpyxl, run through
`reportgen build`, and its figures are recomputed here from the workbooks with the test's own
reader (tests/independent.py), or the documented warning is looked for.

(a) member counts missing for some rows, and a ward row that disagrees with the branches;
(b) a year with no quota rows inside the term;
(c) a term with mid-year dates (15/07/2020 to 14/07/2025);
(d) a candidate who moves between two branches of the ward and is admitted in the second;
(e) a person admitted at 60 years 3 months.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from docx import Document

from builders import Admission, Candidate, Ward, make_branch, make_ward
from docread import all_text, find_table, table_rows
from independent import fold, read_inbox
from reportgen import pipeline
from reportgen.findings import Severity

ISSUED = date(2026, 1, 5)


def pct(part: int, whole: int) -> str:
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{value}".replace(".", ",") + "%"


def run(inbox: Path, out: Path, year: int = 2025) -> pipeline.BuildResult:
    result = pipeline.build(inbox, out, year=year, issued=ISSUED, today=ISSUED)
    assert result.check.ok, [f.message for f in result.check.findings if f.severity is Severity.ERROR]
    assert result.report is not None
    return result


def warnings(result: pipeline.BuildResult, rule: str) -> list[str]:
    return [f.message for f in result.check.findings if f.rule == rule and f.severity is Severity.WARNING]


def person(name: str, admitted: date, birth: date = date(1990, 5, 5), **kw: object) -> Admission:
    return Admission(name, birth, admitted, **kw)  # type: ignore[arg-type]


def quota_rows(data: dict, year: int) -> dict[str, dict]:
    return {fold(r["branch"]): r for r in data["ward"]["quotas"] if int(r["year"]) == year}


def admissions_by_branch(data: dict, lo: date, hi: date) -> dict[str, int]:
    return {b["info"]["name"]: sum(1 for a in b["admissions"] if lo <= a["admitted"] <= hi) for b in data["branches"]}


# --- (a) member counts missing, and a ward row against the branches' sum ------------------------


def ward_a(folder: Path, ward_members: int | None, members: dict[str, int | None]) -> Path:
    folder.mkdir()
    quotas = [(2025, "Toàn Đảng bộ", 9, None, ward_members)]
    quotas += [(2025, name, 3, 1, m) for name, m in members.items()]
    make_ward(folder, Ward(quotas=quotas))
    for i, name in enumerate(members):
        make_branch(folder, name, file=f"b{i}.xlsx", admissions=[
            person(f"Người {i}{k}", date(2025, 3 + k, 10)) for k in range(3 if i != 1 else 2)])
    return folder


def test_a_missing_member_counts_give_no_three_percent_and_a_warning(tmp_path: Path) -> None:
    inbox = ward_a(tmp_path / "in", None, {"Chi bộ A": 100, "Chi bộ B": None, "Chi bộ C": 188})
    result = run(inbox, tmp_path / "out")
    data = read_inbox(inbox)
    rows = quota_rows(data, 2025)
    known = [r["members_start"] for k, r in rows.items() if k != fold("Toàn Đảng bộ") and r["members_start"]]
    assert len(known) == 2 and rows[fold("Toàn Đảng bộ")]["members_start"] is None  # what the workbook says
    wy = result.report.ward_year
    assert wy.members_start is None and wy.member_share is None and wy.short_of_three_percent is None
    text = all_text(tmp_path / "out" / "bao-cao-2025.docx")
    assert "tổng số đảng viên đầu năm" not in text  # no rate on a partial base (288 of ?)
    assert f"({sum(known)} đảng viên)" not in text
    [message] = warnings(result, "members-incomplete")
    assert "Chi bộ B" in message and "không tính được tỷ lệ kết nạp" in message


def test_a_ward_row_that_disagrees_with_the_branches_is_named_and_used(tmp_path: Path) -> None:
    inbox = ward_a(tmp_path / "in", 340, {"Chi bộ A": 100, "Chi bộ B": 120, "Chi bộ C": 112})
    result = run(inbox, tmp_path / "out")
    data = read_inbox(inbox)
    rows = quota_rows(data, 2025)
    ward_members = rows[fold("Toàn Đảng bộ")]["members_start"]
    branch_sum = sum(r["members_start"] for k, r in rows.items() if k != fold("Toàn Đảng bộ"))
    admitted = sum(admissions_by_branch(data, date(2025, 1, 1), date(2025, 12, 31)).values())
    assert (ward_members, branch_sum, admitted) == (340, 332, 8)
    [message] = warnings(result, "members-mismatch")
    assert f"ghi {ward_members} đảng viên đầu năm, tổng các chi bộ là {branch_sum}" in message
    text = all_text(tmp_path / "out" / "bao-cao-2025.docx")
    assert f"bằng {pct(admitted, ward_members)} tổng số đảng viên đầu năm ({ward_members} đảng viên)" in text


# --- (b) a year with no quota rows -------------------------------------------------------------


def test_b_a_year_without_quota_is_left_out_of_both_sides(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    quotas = [(y, b, q, 1, 50) for y in (2021, 2022, 2024, 2025)
              for b, q in (("Toàn Đảng bộ", 4), ("Chi bộ A", 2), ("Chi bộ B", 2))]
    make_ward(inbox, Ward(quotas=quotas))
    make_branch(inbox, "Chi bộ A", file="a.xlsx", admissions=[
        person(f"Người A{i}", d) for i, d in enumerate(
            [date(2021, 4, 10), date(2022, 4, 10), date(2023, 4, 10), date(2023, 8, 1), date(2024, 4, 10),
             date(2025, 4, 10)])])
    make_branch(inbox, "Chi bộ B", file="b.xlsx", admissions=[
        person(f"Người B{y}", date(y, 5, 10)) for y in (2021, 2023, 2024)])
    result = run(inbox, tmp_path / "out")
    data = read_inbox(inbox)
    quota_years = sorted({int(r["year"]) for r in data["ward"]["quotas"]})
    assert 2023 not in quota_years
    doc = Document(str(tmp_path / "out" / "tong-ket-nhiem-ky-2020-2025.docx"))
    table = find_table(doc, "STT", "Chi bộ")
    rows = {r[1]: r for r in table_rows(table)[1:]}
    for name in ("Chi bộ A", "Chi bộ B"):
        branch = next(b for b in data["branches"] if b["info"]["name"] == name)
        years = [a["admitted"].year for a in branch["admissions"]]
        quota = sum(int(r["admission_quota"]) for r in data["ward"]["quotas"] if r["branch"] == name)
        counted = sum(1 for y in years if y in quota_years)
        assert pct(counted, quota) in rows[name], (name, rows[name])
        assert str(len(years)) in rows[name]
    total = rows["Cộng"] if "Cộng" in rows else next(r for r in table_rows(table) if "Cộng" in r)
    all_years = [a["admitted"].year for b in data["branches"] for a in b["admissions"]]
    branch_quota = sum(int(r["admission_quota"]) for r in data["ward"]["quotas"] if r["branch"] != "Toàn Đảng bộ")
    assert pct(sum(1 for y in all_years if y in quota_years), branch_quota) in total
    text = all_text(tmp_path / "out" / "tong-ket-nhiem-ky-2020-2025.docx")
    assert "Ghi chú: Năm 2023 không giao chỉ tiêu kết nạp cho các chi bộ" in text
    outside = sum(1 for y in all_years if y not in quota_years)  # admitted, not in the rate: said apart
    assert outside and f"ngoài ra, {outside:02d} đảng viên được kết nạp ở các chi bộ trong năm không" in text
    # Biểu 3 shows, beside all the admissions, those set against the quota, and the total divides to its rate
    counted_all = sum(1 for y in all_years if y in quota_years)
    assert [str(branch_quota), str(len(all_years)), str(counted_all), pct(counted_all, branch_quota)] == total[3:7]
    assert result.report.term.quota_years_missing == (2023,)


# --- (c) a term with mid-year dates --------------------------------------------------------------


def test_c_part_years_are_marked_and_not_set_against_whole_years(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    quotas = [(y, b, q, 1, m) for y in range(2020, 2026)
              for b, q, m in (("Toàn Đảng bộ", 10, 100), ("Chi bộ A", 10, 100))]
    make_ward(inbox, Ward(quotas=quotas, fields={"Ngày bắt đầu nhiệm kỳ": "15/07/2020"}))
    admitted = [date(2020, 3, 1), date(2020, 9, 1), date(2021, 5, 5), date(2021, 6, 6), date(2021, 7, 7),
                date(2022, 2, 2), date(2023, 3, 3), date(2023, 4, 4), date(2023, 5, 5), date(2024, 1, 9),
                date(2024, 2, 9), date(2024, 3, 9), date(2024, 4, 9), date(2025, 2, 2), date(2025, 8, 8)]
    make_branch(inbox, "Chi bộ A", file="a.xlsx",
                admissions=[person(f"Người {i}", d) for i, d in enumerate(admitted)])
    result = run(inbox, tmp_path / "out")
    term = result.report.term
    data = read_inbox(inbox)
    start, end = date(2020, 7, 15), date(2025, 7, 14)
    dates = [a["admitted"] for b in data["branches"] for a in b["admissions"]]
    in_term = [d for d in dates if start <= d <= end]
    whole = [y for y in range(2020, 2026) if date(y, 1, 1) >= start and date(y, 12, 31) <= end]
    assert whole == [2021, 2022, 2023, 2024]
    quota = {int(r["year"]): int(r["admission_quota"]) for r in data["ward"]["quotas"] if r["branch"] == "Toàn Đảng bộ"}
    members = {int(r["year"]): int(r["members_start"]) for r in data["ward"]["quotas"] if r["branch"] == "Toàn Đảng bộ"}
    counted = sum(1 for d in in_term if d.year in whole)
    assert term.admissions == len(in_term)
    assert term.ward_quota_sum == sum(quota[y] for y in whole)
    assert term.quota_share == counted / sum(quota[y] for y in whole)
    by_year = {y.year: y for y in term.years}
    assert by_year[2020].partial and by_year[2025].partial and not by_year[2022].partial
    assert by_year[2025].quota_share is None and by_year[2025].member_share is None
    short = [y for y in whole if sum(1 for d in in_term if d.year == y) < 3 * members[y] / 100]
    assert [y.year for y in term.years_short_of_three_percent] == short
    doc = Document(str(tmp_path / "out" / "tong-ket-nhiem-ky-2020-2025.docx"))
    years = {r[0]: r for r in table_rows(find_table(doc, "Năm", "Kết nạp"))[1:]}
    assert years["2025 (đến 14/07)"][3] == "–" and years["2020 (từ 15/07)"][3] == "–"
    assert years["2022"][3] == pct(1, quota[2022])
    text = all_text(tmp_path / "out" / "tong-ket-nhiem-ky-2020-2025.docx")
    # under Biểu 1, a fact: which part of the two years is counted
    note = "Ghi chú: Năm 2020 tính từ ngày 15/07/2020 và năm 2025 tính đến ngày 14/07/2025"
    assert note in text and text.index(note) > text.index("Biểu 1.") and text.index(note) < text.index("II- ")
    # the part-years' quotas are printed in their rows but not in the total: said in the note
    whole_quota = sum(quota[y] for y in whole)
    assert f"{note}, không tính vào tổng chỉ tiêu cấp trên giao ({whole_quota} đảng viên)" in text
    assert years["Cộng"][1] == str(whole_quota) and years["2025 (đến 14/07)"][1] == str(quota[2025])
    years_said = " và ".join(str(y) for y in short) if len(short) < 3 else None
    if len(short) == len(whole):
        assert f"Cả {len(short):02d} năm của nhiệm kỳ, tỷ lệ kết nạp đều chưa đạt 3%" in text
    elif years_said:  # counts of years in words, never "01/04 năm"
        assert f"Có {len(short):02d} năm ({years_said}) tỷ lệ kết nạp chưa đạt 3%" in text
    assert f"/{len(whole):02d} năm" not in text
    # the term's rate over the whole years, said with its own figures (the total row gives none that does not divide)
    rate = pct(counted, sum(quota[y] for y in whole))
    assert (f"Trong {len(whole):02d} năm trọn của nhiệm kỳ (2021, 2022, 2023 và 2024), toàn Đảng bộ kết nạp được"
            f" {counted:02d} đảng viên, đạt {rate} tổng chỉ tiêu cấp trên giao ({sum(quota[y] for y in whole)} đảng"
            " viên).") in text
    assert years["Cộng"][1:4] == [str(sum(quota[y] for y in whole)), str(len(in_term)), ""]


# --- (d) a candidate who moves between two branches ---------------------------------------------


def test_d_a_move_inside_the_ward_is_one_person(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    quotas = [(y, b, 1, 1, 20) for y in (2024, 2025) for b in ("Toàn Đảng bộ", "Chi bộ A", "Chi bộ B")]
    make_ward(inbox, Ward(quotas=quotas))
    mover = dict(name="Trần Thị Lan", birth=date(1998, 2, 3))
    make_branch(inbox, "Chi bộ A", file="a.xlsx", candidates=[
        Candidate(**mover, entered=date(2023, 3, 1), class_date=date(2024, 5, 10), status="Chuyển đi",
                  status_date=date(2024, 9, 1)),
        Candidate("Lê Văn Đi", date(1995, 1, 1), date(2023, 1, 1), status="Chuyển đi", status_date=date(2024, 10, 1)),
    ])
    make_branch(inbox, "Chi bộ B", file="b.xlsx", candidates=[
        Candidate(**mover, entered=date(2024, 9, 15), class_date=date(2024, 5, 10), status="Đã kết nạp",
                  status_date=date(2025, 6, 1)),
    ], admissions=[Admission(mover["name"], mover["birth"], date(2025, 6, 1), gender="Nữ", youth_union="x",
                             professional="Không", class_date=date(2024, 5, 10))])
    result = run(inbox, tmp_path / "out")
    report = result.report
    data = read_inbox(inbox)
    # The test's own matching: a person is (folded name, birth); moved to a branch where they appear again.
    where: dict[tuple[str, date], set[str]] = {}
    for b in data["branches"]:
        for row in b["candidates"] + b["admissions"]:
            where.setdefault((fold(row["name"]), row["birth"]), set()).add(b["info"]["name"])
    left_2024 = [c for b in data["branches"] for c in b["candidates"]
                 if c["status"] == "Chuyển đi" and c["status_date"].year == 2024
                 and where[(fold(c["name"]), c["birth"])] == {b["info"]["name"]}]
    trained_2024 = {(fold(r["name"]), r["birth"]) for b in data["branches"] for r in b["candidates"] + b["admissions"]
                    if r.get("class_date") and r["class_date"].year == 2024}
    y2024 = next(y for y in report.ward_years if y.year == 2024)
    assert y2024.candidates_left == len(left_2024) == 1  # only Lê Văn Đi left the ward
    assert y2024.candidates_trained == len(trained_2024) == 1  # the class counted once
    assert y2024.candidates_added == 0  # the move is not a new source
    assert report.ward_year.admissions == 1
    assert [c.name for c in report.shortfalls.left_in_term] == ["Lê Văn Đi"]
    text = all_text(tmp_path / "out" / "tong-ket-nhiem-ky-2020-2025.docx")
    assert "Trần Thị Lan" not in text


# --- (e) admitted at 60 years 3 months ---------------------------------------------------------


def test_e_sixty_years_three_months_is_over_sixty_in_the_table_and_the_warning(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    make_ward(inbox, Ward(quotas=[(2025, b, 2, 1, 30) for b in ("Toàn Đảng bộ", "Chi bộ A")]))
    make_branch(inbox, "Chi bộ A", file="a.xlsx", admissions=[
        person("Phạm Văn Cao", date(2025, 6, 1), birth=date(1965, 3, 1)),  # 60 years 3 months
        person("Phạm Văn Vừa", date(2025, 6, 1), birth=date(1965, 6, 1)),  # 60 to the day
    ])
    result = run(inbox, tmp_path / "out")
    data = read_inbox(inbox)

    def months(born: date, on: date) -> int:
        return (on.year - born.year) * 12 + on.month - born.month - (on.day < born.day)

    people = [a for b in data["branches"] for a in b["admissions"]]
    ages = [months(a["birth"], a["admitted"]) for a in people]
    # Over 60: past the 60th birthday (720 full months and at least a day more).
    over = sum(1 for a, m in zip(people, ages) if m > 720 or (m == 720 and a["admitted"].day != a["birth"].day))
    assert sorted(ages) == [720, 723] and over == 1
    structure = result.report.structure
    assert structure.row("age_over_60").count == over
    assert structure.row("age_56_60").count == len(ages) - over
    warned = [f for f in result.check.findings if f.rule == "over-60"]
    assert [f.row for f in warned] == [4]  # the first person only, on the row the table counts over 60
    doc = Document(str(tmp_path / "out" / "bao-cao-2025.docx"))
    text = "\n".join("|".join(r) for t in doc.tables for r in table_rows(t))
    assert "Trên 60 tuổi|1|" in text and "Từ 56 đến 60 tuổi|1|" in text


def test_b_an_admission_in_a_year_without_quota_is_still_an_admission_in_the_prose(tmp_path: Path) -> None:
    """The rate leaves the year out of both sides, but the term review never says a branch admitted
    nobody in the term when it admitted someone in a year without a quota."""
    inbox = tmp_path / "in"
    inbox.mkdir()
    quotas = [(y, b, q, 1, 50) for y in (2021, 2022, 2024, 2025)
              for b, q in (("Toàn Đảng bộ", 3), ("Chi bộ C", 1), ("Chi bộ D", 1), ("Chi bộ E", 1))]
    make_ward(inbox, Ward(quotas=quotas))
    make_branch(inbox, "Chi bộ C", file="c.xlsx", admissions=[person("Người C", date(2023, 4, 10))])
    make_branch(inbox, "Chi bộ D", file="d.xlsx", admissions=[])
    make_branch(inbox, "Chi bộ E", file="e.xlsx", admissions=[
        person(f"Người E{y}", date(y, 4, 10)) for y in (2021, 2022, 2024, 2025)])
    run(inbox, tmp_path / "out")
    data = read_inbox(inbox)
    counts = admissions_by_branch(data, date(2021, 1, 1), date(2025, 12, 31))
    assert counts.get("Chi bộ C", 0) == 1 and counts.get("Chi bộ D", 0) == 0
    text = all_text(tmp_path / "out" / "tong-ket-nhiem-ky-2020-2025.docx")
    said = [line for line in text.splitlines() if "chưa kết nạp được đảng viên nào" in line]
    assert said, text
    assert any("Chi bộ D" in line for line in said)
    assert not any("Chi bộ C chưa kết nạp" in line or "Chi bộ C và" in line for line in said), said
