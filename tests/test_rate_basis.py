"""Admissions made in a year a branch had no admission quota (no row, or 0): the rule of issue 8 leaves
such a year out of both sides of every rate, and every table and sentence says so consistently.

A ward is written with openpyxl where branches admit in years without quota (and a seeded ward of
`reportgen sample`); every document is read back with python-docx, and

- in EVERY table row that prints a rate, the printed numerator (the admissions set against the quota)
  over the printed quota divides to the printed rate; no heading says "Tỷ lệ %";
- in EVERY sentence that prints a rate beside its figures, the figures divide to it;
- the figures themselves are recomputed from the workbooks by tests/independent.py (not reportgen.intake):
  the totals of the prose agree with the totals of the tables, and the judgements ("chưa đạt", "chưa kết
  nạp được đảng viên nào") follow from the workbook.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from docx import Document

from builders import Admission, Ward, make_branch, make_ward
from docread import find_table, table_rows
from independent import fold, read_inbox
from reportgen import pipeline
from reportgen.findings import Severity
from reportgen.sample import write_sample

ISSUED = date(2026, 1, 10)
YEARS = range(2021, 2026)
MISSING = "–"
SPLIT = "Trong năm được giao chỉ tiêu"
PCT = r"\d{1,3}(?:\.\d{3})*,\d{2}%"

# branch -> {year: quota} (a year absent: no row); admissions by year
QUOTAS = {
    "Chi bộ An Bình": {2021: 2, 2023: 2, 2024: 2, 2025: 2},  # 2022: no row, admits 2 then
    "Chi bộ Bình Minh": {2021: 1, 2022: 1, 2023: 1, 2024: 0, 2025: 0},  # admits only in the 0 years
    "Chi bộ Cầu Đá": {y: 1 for y in YEARS},
    "Chi bộ Đông Hòa": {2021: 1, 2022: 1, 2024: 1},  # 2023, 2025: no row
    "Chi bộ Gò Sành": {y: 1 for y in YEARS},  # admits nobody
}
ADMITTED = {
    "Chi bộ An Bình": {2021: 1, 2022: 2, 2023: 2, 2024: 1, 2025: 2},
    "Chi bộ Bình Minh": {2024: 1, 2025: 1},
    "Chi bộ Cầu Đá": {y: 1 for y in YEARS},
    "Chi bộ Đông Hòa": {2021: 1, 2025: 1},
    "Chi bộ Gò Sành": {},
}


def pct(part: int, whole: int) -> str:
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    whole_part, frac = f"{value}".split(".")
    return f"{int(whole_part):,}".replace(",", ".") + f",{frac}%"


def below_100(rate: str) -> bool:
    """A printed rate ("87,50%") under 100%; "–" is no rate."""
    return bool(re.fullmatch(PCT, rate)) and float(rate.rstrip("%").replace(".", "").replace(",", ".")) < 100


def number(text: str) -> int:
    return int(text.replace(".", ""))


def write_ward(inbox: Path) -> None:
    inbox.mkdir()
    quotas: list[tuple[int, str, object, object, object]] = [(y, "Toàn Đảng bộ", 5, None, 200) for y in YEARS]
    quotas += [(y, name, q, 1, 40) for name, by_year in QUOTAS.items() for y, q in by_year.items()]
    make_ward(inbox, Ward(quotas=quotas))
    for i, (name, by_year) in enumerate(ADMITTED.items()):
        people = [
            Admission(f"Người {i}{y}{k}", date(1990, 5, 5), date(y, 3 + 2 * k, 10))
            for y, n in by_year.items()
            for k in range(n)
        ]
        make_branch(inbox, name, file=f"b{i}.xlsx", admissions=people)


def build(inbox: Path, out: Path) -> pipeline.BuildResult:
    result = pipeline.build(inbox, out, year=2025, issued=ISSUED, today=ISSUED)
    assert result.check.ok, [f.message for f in result.check.findings if f.severity is Severity.ERROR]
    return result


# --- what the workbooks say (tests/independent.py) ------------------------------------------------


def figures(inbox: Path) -> dict[str, dict[str, object]]:
    """Per branch over the term and in 2025: quota (given years), admissions, those of the given years."""
    data = read_inbox(inbox)
    quota = {
        (fold(r["branch"]), int(r["year"])): int(r["admission_quota"] or 0)
        for r in data["ward"]["quotas"]
        if fold(r["branch"]) != fold("Toàn Đảng bộ")
    }
    out: dict[str, dict[str, object]] = {}
    for b in data["branches"]:
        name = b["info"]["name"]
        years = [a["admitted"].year for a in b["admissions"] if a["admitted"].year in YEARS]
        given = {y for y in YEARS if quota.get((fold(name), y), 0) > 0}
        out[name] = {
            "quota": sum(quota[(fold(name), y)] for y in given),
            "admitted": len(years),
            "counted": sum(1 for y in years if y in given),
            "quota_2025": quota.get((fold(name), 2025), 0),
            "admitted_2025": years.count(2025),
            "given": given,
        }
    return out


# --- reading the documents back ---------------------------------------------------------------------


def heads(table) -> tuple[list[str], int]:
    """The column heads (the lower head under a two-level one) and the number of header rows."""
    rows = table_rows(table)
    top = rows[0]
    if len(rows) > 1 and SPLIT in rows[1]:
        return [low if low != up else up for up, low in zip(top, rows[1], strict=True)], 2
    return top, 1


def rate_tables(doc) -> list[tuple[list[str], list[list[str]]]]:
    """Tables of admissions with a rate against a quota: (heads, data rows incl. totals)."""
    out = []
    for t in doc.tables:
        head, n = heads(t)
        if any(h.startswith("Tỷ lệ") for h in head) and any(h.startswith("Chỉ tiêu") for h in head[1:]):
            if "Kết nạp" in head or "Tổng số" in head:
                out.append((head, table_rows(t)[n:]))
    return out


def check_table_rates(path: Path) -> int:
    """Every row that prints a rate divides to it; returns how many rows were checked."""
    doc = Document(str(path))
    checked = 0
    for t in doc.tables:
        for cell in t.rows[0].cells:
            assert "%" not in cell.text, (path.name, cell.text)  # "Tỷ lệ", cells carry the %
    for head, rows in rate_tables(doc):
        quota_col = next(i for i, h in enumerate(head) if h.startswith("Chỉ tiêu") and i > 0)
        rate_col = next(i for i, h in enumerate(head) if h.startswith("Tỷ lệ") and "đảng viên" not in h)
        num_col = head.index(SPLIT) if SPLIT in head else head.index("Kết nạp")
        for row in rows:
            rate, quota, num = row[rate_col], row[quota_col], row[num_col]
            if re.fullmatch(PCT, rate):
                assert re.fullmatch(r"[\d.]+", quota) and re.fullmatch(r"[\d.]+", num), (path.name, row)
                assert pct(number(num), number(quota)) == rate, (path.name, head, row)
                checked += 1
            else:
                assert rate in (MISSING, ""), (path.name, row)
                if quota not in (MISSING, "") and rate == MISSING and "Cộng" not in row:
                    assert number(quota) == 0, (path.name, row)  # a quota given: a rate printed
    return checked


def sentences(path: Path) -> list[str]:
    doc = Document(str(path))
    return [p.text for p in doc.paragraphs if p.text.strip()]


def check_sentence_rates(path: Path) -> int:
    """Every "N/M ..., đạt P%" and "... là Q đảng viên; ... kết nạp (được) N đảng viên, đạt P%" divides."""
    checked = 0
    for text in sentences(path):
        for m in re.finditer(rf"(\d+)/(\d+)[^.;()]{{0,40}}?, đạt ({PCT})", text):
            assert pct(int(m[1]), int(m[2])) == m[3], (path.name, text)
            checked += 1
        for m in re.finditer(rf"là (\d+) đảng viên[^;]*;[^;]*?kết nạp(?: được)? (\d+) đảng viên, đạt ({PCT})", text):
            assert pct(int(m[2]), int(m[1])) == m[3], (path.name, text)
            checked += 1
        for m in re.finditer(
            rf"kết nạp được (\d+) đảng viên(?: mới)?, đạt ({PCT}) (?:tổng )?chỉ tiêu cấp trên giao \((\d+)", text
        ):
            assert pct(int(m[1]), int(m[3])) == m[2], (path.name, text)
            checked += 1
    return checked


def data_rows(rows: list[list[str]]) -> dict[str, list[str]]:
    return {r[1]: r for r in rows}


# --- the ward written here ---------------------------------------------------------------------------


def test_every_rate_divides_and_agrees_with_the_workbooks(tmp_path: Path) -> None:
    inbox, out = tmp_path / "in", tmp_path / "out"
    write_ward(inbox)
    build(inbox, out)
    fig = figures(inbox)
    assert sum(f["admitted"] for f in fig.values()) > sum(f["counted"] for f in fig.values())  # the case is there

    # term review, Biểu 3: Tổng số, Trong năm được giao chỉ tiêu, Tỷ lệ = the latter over the quota
    term = out / "tong-ket-nhiem-ky-2020-2025.docx"
    doc = Document(str(term))
    table = find_table(doc, "STT", "Chi bộ")
    head, n = heads(table)
    assert head[3:7] == ["Chỉ tiêu", "Tổng số", SPLIT, "Tỷ lệ"], head
    rows = data_rows(table_rows(table)[n:])
    for name, f in fig.items():
        assert rows[name][3:7] == [
            str(f["quota"]),
            str(f["admitted"]),
            str(f["counted"]),
            pct(f["counted"], f["quota"]),
        ]
    quota_all = sum(f["quota"] for f in fig.values())
    admitted_all = sum(f["admitted"] for f in fig.values())
    counted_all = sum(f["counted"] for f in fig.values())
    assert rows["Cộng"][3:7] == [str(quota_all), str(admitted_all), str(counted_all), pct(counted_all, quota_all)]
    assert check_table_rates(term) >= len(fig) + 1

    # the prose: one basis, said once, reconciled in words, and the same totals as the tables
    text = "\n".join(sentences(term))
    assert (
        f"Tổng chỉ tiêu Đảng ủy giao cho các chi bộ trong nhiệm kỳ là {quota_all:02d} đảng viên; trong các năm được"
        f" giao chỉ tiêu, các chi bộ kết nạp {counted_all:02d} đảng viên, đạt {pct(counted_all, quota_all)};"
        f" ngoài ra, {admitted_all - counted_all:02d} đảng viên được kết nạp ở các chi bộ trong năm không được giao"
        " chỉ tiêu."
    ) in text
    assert f"toàn Đảng bộ kết nạp được {admitted_all:02d} đảng viên mới" in text
    assert "không tính" not in text and "cột" not in text
    assert check_sentence_rates(term) >= 1

    # the note: in words, by year, each line short
    note = [line for line in text.splitlines() if line.startswith(("Ghi chú", "- Năm"))]
    assert note and note[0].startswith("Ghi chú:")
    without = {y: sorted(nm for nm, f in fig.items() if f["quota"] and y not in f["given"]) for y in YEARS}
    for y, names in without.items():
        if names:
            line = next(line for line in note if f"Năm {y}" in line or f"năm {y}" in line)
            assert all(nm in line for nm in names), (y, line)
    assert all(len(line.split()) <= 40 for line in note), note

    # the judgements: "chưa đạt" = short in the given years and short in all; nobody = nobody at all
    short = sorted(nm for nm, f in fig.items() if f["counted"] < f["quota"] and f["admitted"] < f["quota"])
    assert "Chi bộ An Bình" not in short and "Chi bộ Bình Minh" in short  # 8 of 8 in all; 0 of 3 in quota years
    said = next(line for line in text.splitlines() if "chưa đạt tổng chỉ tiêu kết nạp" in line)
    assert said.startswith(f"- {len(short):02d}/{len(fig):02d} chi bộ chưa đạt"), said
    # the table agrees with the text: its rates under 100% are the "chưa đạt" branches and those said apart
    reached = sorted(nm for nm, f in fig.items() if f["counted"] < f["quota"] <= f["admitted"])
    assert reached == ["Chi bộ An Bình"]
    apart = next(line for line in text.splitlines() if "chưa đạt chỉ tiêu của các năm được giao (Biểu 3)" in line)
    assert apart.startswith("- Chi bộ An Bình kết nạp đủ số chỉ tiêu trong nhiệm kỳ"), apart
    under = {nm for nm in fig if below_100(rows[nm][6])}
    assert under == set(short) | set(reached)
    nobody = [nm for nm, f in fig.items() if f["admitted"] == 0]
    for line in text.splitlines():
        if "chưa kết nạp được đảng viên nào" in line:
            assert "Chi bộ Bình Minh" not in line and "Chi bộ An Bình" not in line, line
    assert nobody == ["Chi bộ Gò Sành"] and any(
        "Chi bộ Gò Sành" in line and "chưa kết nạp được đảng viên nào" in line for line in text.splitlines()
    )

    # annual report, Biểu 1: "–" for a branch given no quota; no rate on the total; "Trong đó" rows
    annual = out / "bao-cao-2025.docx"
    table = find_table(Document(str(annual)), "STT", "Chi bộ")
    body = table_rows(table)[1:]
    rows = data_rows(body)
    given = {nm: f for nm, f in fig.items() if f["quota_2025"] > 0}
    none = {nm: f for nm, f in fig.items() if f["quota_2025"] == 0}
    assert given and none
    for name, f in none.items():
        assert rows[name][2:5] == [MISSING, str(f["admitted_2025"]), MISSING], rows[name]
    total = next(r for r in body if r[1] == "Cộng")
    assert total[2:5] == [
        str(sum(f["quota_2025"] for f in given.values())),
        str(sum(f["admitted_2025"] for f in fig.values())),
        "",
    ]
    quota_given = sum(f["quota_2025"] for f in given.values())
    admitted_given = sum(f["admitted_2025"] for f in given.values())
    admitted_none = sum(f["admitted_2025"] for f in none.values())
    [part_given] = [r for r in body if r[1].startswith("Trong đó: Chi bộ được giao chỉ tiêu")]
    [part_none] = [r for r in body if r[1].startswith("Chi bộ không được giao chỉ tiêu")]
    assert part_given[1].endswith(f"({len(given):02d})") and part_none[1].endswith(f"({len(none):02d})")
    assert part_given[2:5] == [str(quota_given), str(admitted_given), pct(admitted_given, quota_given)]
    assert part_none[2:5] == [MISSING, str(admitted_none), MISSING]
    assert check_table_rates(annual) >= len(given) + 1
    text = "\n".join(sentences(annual))
    assert (
        f"Tổng chỉ tiêu Đảng ủy giao cho {len(given):02d} chi bộ là {quota_given:02d} đảng viên, thấp hơn chỉ tiêu cấp"
        f" trên giao (05 đảng viên); {len(given):02d} chi bộ này kết nạp được {admitted_given:02d} đảng viên, đạt"
        f" {pct(admitted_given, quota_given)}; {len(none):02d} chi bộ không được giao chỉ tiêu kết nạp được"
        f" {admitted_none:02d} đảng viên."
    ) in text
    assert f"toàn Đảng bộ kết nạp được {admitted_given + admitted_none:02d} đảng viên" in text
    assert check_sentence_rates(annual) >= 2

    # the branch reports' table II: Tổng số, Trong năm được giao chỉ tiêu, Tỷ lệ
    for name, f in fig.items():
        path = next(p for p in (out / "chi-bo").glob("*.docx") if name in "\n".join(sentences(p))[:2000])
        doc = Document(str(path))
        table = find_table(doc, "Năm", "Chỉ tiêu")
        head, n = heads(table)
        rows = table_rows(table)[n:]
        total = next(r for r in rows if r[0] == "Cộng")
        if f["admitted"] > f["counted"]:
            assert head[1:5] == ["Chỉ tiêu", "Tổng số", SPLIT, "Tỷ lệ"], (name, head)
            assert total[1:5] == [str(f["quota"]), str(f["admitted"]), str(f["counted"]), pct(f["counted"], f["quota"])]
        else:
            assert SPLIT not in head and head[2] == "Kết nạp", (name, head)  # no redundant column
            assert total[1:4] == [str(f["quota"]), str(f["admitted"]), pct(f["counted"], f["quota"])]
        check_table_rates(path)


def test_a_seeded_ward_has_no_rate_that_does_not_divide(tmp_path: Path) -> None:
    """A ward nobody tuned for (seed 9: 13 admissions in a year without quota over the term)."""
    inbox, out = tmp_path / "in", tmp_path / "out"
    write_sample(inbox, seed=9)
    build(inbox, out)
    fig = figures(inbox)
    assert sum(f["admitted"] for f in fig.values()) > sum(f["counted"] for f in fig.values())
    rows_checked = sentences_checked = 0
    for path in sorted(out.rglob("*.docx")):
        rows_checked += check_table_rates(path)
        sentences_checked += check_sentence_rates(path)
    assert rows_checked > len(fig) * 5 and sentences_checked >= 3
    term = out / "tong-ket-nhiem-ky-2020-2025.docx"
    table = find_table(Document(str(term)), "STT", "Chi bộ")
    head, n = heads(table)
    total = data_rows(table_rows(table)[n:])["Cộng"]
    quota_all = sum(f["quota"] for f in fig.values())
    counted_all = sum(f["counted"] for f in fig.values())
    admitted_all = sum(f["admitted"] for f in fig.values())
    assert total[3:7] == [str(quota_all), str(admitted_all), str(counted_all), pct(counted_all, quota_all)]
    text = "\n".join(sentences(term))
    assert f"các chi bộ kết nạp {counted_all:02d} đảng viên, đạt {pct(counted_all, quota_all)}" in text
    assert f"ngoài ra, {admitted_all - counted_all:02d} đảng viên được kết nạp" in text
    short = [nm for nm, f in fig.items() if f["quota"] and f["counted"] < f["quota"] and f["admitted"] < f["quota"]]
    with_quota = [nm for nm, f in fig.items() if f["quota"]]
    assert f"{len(short):02d}/{len(with_quota):02d} chi bộ chưa đạt tổng chỉ tiêu kết nạp" in text
    # every branch whose Biểu 3 rate is under 100% is counted there or named apart, and no other
    body = data_rows(table_rows(table)[n:])
    under = {nm for nm, r in body.items() if nm in fig and below_100(r[6])}
    reached = {nm for nm, f in fig.items() if f["quota"] and f["counted"] < f["quota"] <= f["admitted"]}
    assert under == set(short) | reached
    lines = text.splitlines()
    for nm in reached:
        assert any(nm in line and "chưa đạt chỉ tiêu của các năm được giao" in line for line in lines), nm


def test_the_summary_workbook_sets_the_same_admissions_against_the_quotas(tmp_path: Path) -> None:
    import openpyxl

    inbox, out = tmp_path / "in", tmp_path / "out"
    write_ward(inbox)
    build(inbox, out)
    fig = figures(inbox)
    wb = openpyxl.load_workbook(out / "tong-hop-2025.xlsx")
    ws = wb["Chi bộ năm 2025"]
    head = [c.value for c in ws[1]]
    rows = {r[1]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    quota_col, adm_col, rate_col = (
        head.index("Chỉ tiêu kết nạp"),
        head.index("Kết nạp"),
        head.index("Tỷ lệ so với chỉ tiêu"),
    )
    given = [f for f in fig.values() if f["quota_2025"] > 0]
    none = [f for f in fig.values() if f["quota_2025"] == 0]
    total = rows["Cộng"]
    assert total[adm_col] == sum(f["admitted_2025"] for f in fig.values()) and total[rate_col] is None
    part = rows["Trong đó: chi bộ được giao chỉ tiêu"]
    quota, admitted = sum(f["quota_2025"] for f in given), sum(f["admitted_2025"] for f in given)
    assert (part[quota_col], part[adm_col]) == (quota, admitted)
    assert abs(part[rate_col] - admitted / quota) < 1e-9
    assert rows["Chi bộ không được giao chỉ tiêu"][adm_col] == sum(f["admitted_2025"] for f in none)
    ws = wb["Chi bộ nhiệm kỳ"]
    head = [c.value for c in ws[1]]
    counted_col = head.index("Kết nạp trong năm được giao chỉ tiêu")
    for row in ws.iter_rows(min_row=2, values_only=True):
        f = fig[row[1]]
        assert (row[head.index("Chỉ tiêu kết nạp")], row[head.index("Kết nạp")], row[counted_col]) == (
            f["quota"],
            f["admitted"],
            f["counted"],
        )
        assert abs(row[head.index("Tỷ lệ so với chỉ tiêu")] - f["counted"] / f["quota"]) < 1e-9


def test_a_year_without_the_superior_quota_leaves_no_rate_that_does_not_divide(tmp_path: Path) -> None:
    """No `Chỉ tiêu` row at all in 2023 (neither the ward's nor the branches'), admissions that year."""
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    quotas = [(y, b, q, 1, 50) for y in (2021, 2022, 2024, 2025) for b, q in (("Toàn Đảng bộ", 3), ("Chi bộ A", 3))]
    make_ward(inbox, Ward(quotas=quotas))
    days = [date(2021, 4, 1), date(2022, 4, 1), date(2022, 6, 1), date(2023, 4, 1), date(2023, 6, 1), date(2025, 4, 1)]
    people = [Admission(f"Người {i}", date(1990, 5, 5), d) for i, d in enumerate(days)]
    make_branch(inbox, "Chi bộ A", file="a.xlsx", admissions=people)
    build(inbox, out)
    data = read_inbox(inbox)
    ward = {int(r["year"]): int(r["admission_quota"]) for r in data["ward"]["quotas"] if r["branch"] == "Toàn Đảng bộ"}
    years = [a["admitted"].year for b in data["branches"] for a in b["admissions"]]
    counted = sum(1 for y in years if y in ward)
    assert counted < len(years)
    term = out / "tong-ket-nhiem-ky-2020-2025.docx"
    for path in sorted(out.rglob("*.docx")):
        check_table_rates(path)
    assert check_sentence_rates(term) >= 2
    text = "\n".join(sentences(term))
    given = sorted(ward)
    assert (
        f"Trong {len(given):02d} năm cấp trên giao chỉ tiêu ({', '.join(map(str, given[:-1]))} và {given[-1]}), toàn"
        f" Đảng bộ kết nạp được {counted:02d} đảng viên, đạt {pct(counted, sum(ward.values()))} tổng chỉ tiêu cấp"
        f" trên giao ({sum(ward.values()):02d} đảng viên)."
    ) in text
    total = next(r for r in table_rows(find_table(Document(str(term)), "Năm")) if r[0] == "Cộng")
    assert total[1:4] == [str(sum(ward.values())), str(len(years)), ""]
