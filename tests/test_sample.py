"""The sample ward inbox: deterministic, large enough, and clean under the Party's rules.

The files are read back with openpyxl by a small reader of its own (header
variants, text dates, totals rows), not by reportgen.intake, so these checks
hold the generator to FORMAT.md and DOMAIN.md independently of the intake code.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from reportgen import schema as S
from independent import as_date, fold, months_later, read_inbox, sheet_by_name
from reportgen.sample import BRANCHES, SCENARIOS, WARD_FILE, write_sample

YEARS = range(2021, 2026)
LAST_DAY = date(2025, 12, 31)


def rule_errors(inbox: dict) -> list[str]:
    """Every breach of the admission rules and of the workbook contract, as messages."""
    errors: list[str] = []
    orgs = {fold(o["organisation"]) for o in inbox["ward"]["orgs"]} | {fold("Chi bộ")}
    seen: dict[tuple, str] = {}
    for b in inbox["branches"]:
        where = b["info"].get("name", b["file"])
        for kind, records in (("Nguồn", b["candidates"]), ("Kết nạp", b["admissions"])):
            for r in records:
                who = f"{where} / {kind} / {r.get('name')}"
                for key, v in r.items():
                    if isinstance(v, date) and v > LAST_DAY:
                        errors.append(f"{who}: {key} {v} after {LAST_DAY}")
                    if isinstance(v, str) and unicodedata.normalize("NFC", v) != v:
                        errors.append(f"{who}: {key} not NFC")
                if not r.get("name") or not r.get("birth") or r.get("gender") not in S.GENDERS:
                    errors.append(f"{who}: name, birth or gender missing")
                edu = r.get("education")
                if edu not in S.EDUCATION and edu not in S.EDUCATION_ALIASES:
                    errors.append(f"{who}: education {edu!r}")
                for key, allowed in (("professional", S.PROFESSIONAL), ("occupation", S.OCCUPATIONS),
                                     ("theory", S.THEORY)):
                    if r.get(key) not in allowed:
                        errors.append(f"{who}: {key} {r.get(key)!r}")
        admitted = {}
        for r in b["admissions"]:
            who = f"{where} / Kết nạp / {r['name']}"
            adm, birth, cls = r["admitted"], r["birth"], r["class_date"]
            if not adm or not cls:
                errors.append(f"{who}: admission or class date missing")
                continue
            if months_later(birth, 18 * 12) > adm or adm > months_later(birth, 60 * 12):
                errors.append(f"{who}: age at admission outside 18-60")
            if not (months_later(adm, -60) <= cls < adm):
                errors.append(f"{who}: class {cls} not within 60 months before admission {adm}")
            start = r.get("ceremony") or adm
            if r.get("ceremony") and r["ceremony"] < adm:
                errors.append(f"{who}: ceremony before the decision")
            if r.get("official") and r["official"] < months_later(start, 12):
                errors.append(f"{who}: recognised {r['official']} less than 12 months after {start}")
            if (r["name"], birth) in admitted:
                errors.append(f"{who}: twice in Kết nạp")
            admitted[r["name"], birth] = r
        in_source = set()
        for r in b["candidates"]:
            who = f"{where} / Nguồn / {r['name']}"
            key = (r["name"], r["birth"])
            if key in seen:
                errors.append(f"{who}: also in {seen[key]}")
            seen[key] = where
            if r.get("status") not in S.STATUSES:
                errors.append(f"{who}: status {r.get('status')!r}")
            if not r.get("entered"):
                errors.append(f"{who}: no Ngày vào nguồn")
                continue
            if r.get("class_date") and not r["entered"] < r["class_date"]:
                errors.append(f"{who}: class {r['class_date']} not after entering {r['entered']}")
            if r.get("status") != S.STATUS_ACTIVE:
                if not r.get("status_date") or r["status_date"] < r["entered"]:
                    errors.append(f"{who}: Ngày thay đổi missing or before entering")
            if fold(r.get("introduced_by") or "") not in orgs:
                errors.append(f"{who}: Tổ chức giới thiệu {r.get('introduced_by')!r} unknown")
            if r.get("status") == S.STATUS_ADMITTED:
                in_source.add(key)
                a = admitted.get(key)
                if a is None:
                    errors.append(f"{who}: Đã kết nạp but not in Kết nạp")
                elif r["status_date"] != a["admitted"] or r.get("class_date") != a["class_date"]:
                    errors.append(f"{who}: Nguồn and Kết nạp disagree on dates")
                elif not r["entered"] < a["class_date"] < a["admitted"]:
                    errors.append(f"{who}: not entered < class < admission")
        for key in set(admitted) - in_source:
            errors.append(f"{where} / Kết nạp / {key[0]}: not in Nguồn as Đã kết nạp")
    names = [b["info"].get("name") for b in inbox["branches"]]
    if len({fold(n) for n in names}) != len(names):
        errors.append("branch names not unique")
    quota_branches = {fold(q["branch"]) for q in inbox["ward"]["quotas"]} - {fold(S.WARD_TOTAL)}
    if quota_branches != {fold(n) for n in names}:
        errors.append(f"quota branches and workbooks differ: {quota_branches ^ {fold(n) for n in names}}")
    return errors


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("inbox")
    write_sample(folder)
    return folder


@pytest.fixture(scope="module")
def inbox(sample_dir) -> dict:
    return read_inbox(sample_dir)


def by_name(inbox, name) -> dict:
    return next(b for b in inbox["branches"] if b["info"]["name"] == name)


# --- tests -----------------------------------------------------------------


def cell_values(folder: Path) -> dict:
    out = {}
    for path in sorted(folder.iterdir()):
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            out[path.name, ws.title] = (list(ws.iter_rows(values_only=True)), sorted(map(str, ws.merged_cells.ranges)))
    return out


def test_deterministic(tmp_path):
    a = write_sample(tmp_path / "a")
    b = write_sample(tmp_path / "b")
    assert [p.name for p in a] == [p.name for p in b]
    assert cell_values(tmp_path / "a") == cell_values(tmp_path / "b")
    assert all(p.read_bytes() == q.read_bytes() for p, q in zip(a, b)), "files differ byte for byte"
    write_sample(tmp_path / "c", seed=7)
    assert cell_values(tmp_path / "c") != cell_values(tmp_path / "a"), "the seed is not used"


def test_paths_returned(sample_dir, tmp_path):
    paths = write_sample(tmp_path)
    assert sorted(p.name for p in paths) == sorted(p.name for p in tmp_path.iterdir())
    assert paths[0].name == WARD_FILE
    assert all(p.suffix == ".xlsx" for p in paths)


def test_branches(inbox):
    branches = inbox["branches"]
    assert len(branches) >= 12
    kinds = {b["info"]["kind"] for b in branches}
    assert kinds <= set(S.BRANCH_KINDS)
    assert len(kinds) >= 5
    assert all(b["info"].get("secretary") for b in branches)
    assert sum(1 for b in branches if b["info"]["kind"] == "Khu dân cư") >= 6


def test_ward_info(inbox):
    info = inbox["ward"]["info"]
    assert {f.key for f in S.WARD_FIELDS if f.required} <= set(info)
    assert info["superior"] == "ĐẢNG BỘ TỈNH QUẢNG NGÃI"
    assert info["committee"] == "ĐẢNG ỦY PHƯỜNG PHỔ HÒA"
    assert info["term"] == "2020-2025"
    assert info["recipients"].split("; ")[-1] == "Lưu Văn phòng Đảng ủy"


def test_quotas(inbox):
    quotas = inbox["ward"]["quotas"]
    totals = {q["year"]: q for q in quotas if q["branch"] == S.WARD_TOTAL}
    assert sorted(totals) == list(YEARS)
    for year, total in totals.items():
        rows = [q for q in quotas if q["year"] == year and q["branch"] != S.WARD_TOTAL]
        assert len(rows) == len(inbox["branches"])
        assert total["members_start"] == sum(q["members_start"] for q in rows)
        assert all(q["members_start"] >= 3 for q in rows)
    assert any(t["admission_quota"] != sum(q["admission_quota"] for q in quotas
                                           if q["year"] == y and q["branch"] != S.WARD_TOTAL)
               for y, t in totals.items())
    orgs = inbox["ward"]["orgs"]
    assert orgs is not None
    assert Counter(o["year"] for o in orgs) == {y: 6 for y in YEARS}
    assert all(1 <= o["introduction_quota"] <= 3 for o in orgs)


def test_sizes(inbox):
    candidates = [r for b in inbox["branches"] for r in b["candidates"]]
    admissions = [r for b in inbox["branches"] for r in b["admissions"]]
    assert len(candidates) >= 150
    assert 35 <= len(admissions) <= 45
    per_year = Counter(r["admitted"].year for r in admissions)
    assert set(per_year) == set(YEARS)
    assert all(6 <= n <= 10 for n in per_year.values()), per_year
    yes = {fold(w) for w in S.YES_WORDS}
    assert sum(fold(r["youth_union"] or "") in yes for r in admissions) > len(admissions) / 2
    assert 0 < sum(r["gender"] == "Nữ" for r in admissions) < len(admissions)
    assert {"Hrê", "Hoa"} <= {r["ethnicity"] for r in admissions}
    assert {"Phật giáo", "Công giáo"} <= {r["religion"] for r in admissions}
    assert {fold(r["introduced_by"]) for r in candidates} >= {fold("Đoàn Thanh niên"), fold("Chi bộ")}


def test_rules_hold(inbox):
    assert rule_errors(inbox) == []


def test_rule_check_catches_breaches(sample_dir, tmp_path):
    """The checker above is not vacuous: break a few rules in a copy and it notices each."""
    write_sample(tmp_path)
    path = tmp_path / BRANCHES[0].file
    wb = openpyxl.load_workbook(path)
    ws = wb[S.ADMISSION_SHEET.name]
    header = [c.value for c in ws[3]]
    col = {c.key: header.index(c.header) + 1 for c in S.ADMISSION_SHEET.columns}
    ws.cell(4, col["official"], ws.cell(4, col["admitted"]).value + timedelta(days=200))
    ws.cell(5, col["birth"], ws.cell(5, col["admitted"]).value - timedelta(days=17 * 365))
    ws.cell(6, col["class_date"], ws.cell(6, col["admitted"]).value - timedelta(days=61 * 31))
    wb.save(path)
    errors = rule_errors(read_inbox(tmp_path))
    assert any("less than 12 months" in e for e in errors)
    assert any("age at admission" in e for e in errors)
    assert any("not within 60 months" in e for e in errors)
    assert any("disagree" in e or "not in Nguồn" in e for e in errors)  # birth changed on one side only


def test_header_and_date_variants(sample_dir):
    exact = {c.header for c in S.CANDIDATE_SHEET.columns}
    variant, text_dates, totals = 0, 0, 0
    for b in BRANCHES:
        wb = openpyxl.load_workbook(sample_dir / b.file)
        headers = [c.value for c in wb[S.CANDIDATE_SHEET.name][3] if c.value]
        variant += any(h not in exact for h in headers)
        assert wb[S.CANDIDATE_SHEET.name]["A1"].value == "DANH SÁCH QUẦN CHÚNG ƯU TÚ"
        assert wb[S.ADMISSION_SHEET.name]["A1"].value == "DANH SÁCH ĐẢNG VIÊN MỚI KẾT NẠP"
        assert "A1:" in str(wb[S.CANDIDATE_SHEET.name].merged_cells.ranges)
        assert all(c.font.bold for c in wb[S.CANDIDATE_SHEET.name][3] if c.value)
        births = [r[2] for r in wb[S.CANDIDATE_SHEET.name].iter_rows(min_row=4, values_only=True)]
        text_dates += all(isinstance(v, str) for v in births)
        if not b.text_dates:
            assert all(isinstance(v, datetime) for v in births)
        totals += any(r[1] == "Tổng cộng" for r in wb[S.ADMISSION_SHEET.name].iter_rows(values_only=True))
    assert 2 <= variant <= 3
    assert 1 <= text_dates <= 2
    assert totals == 1


def test_scenarios(inbox):
    quotas = {(q["year"], q["branch"]): q for q in inbox["ward"]["quotas"]}

    def admitted(b, year):
        return sum(1 for r in b["admissions"] if r["admitted"].year == year)

    (idle,) = SCENARIOS["no_admissions_2022_2025"]
    assert by_name(inbox, idle)["info"]["kind"] == "Khu dân cư"
    assert all(admitted(by_name(inbox, idle), y) == 0 for y in range(2022, 2026))

    missed = [b["info"]["name"] for b in inbox["branches"]
              if admitted(b, 2025) < quotas[2025, b["info"]["name"]]["admission_quota"]]
    assert set(missed) == set(SCENARIOS["missed_quota_2025"]) and len(missed) >= 2

    short = [b["info"]["name"] for b in inbox["branches"]
             if sum(r["entered"].year == 2025 for r in b["candidates"])
             < quotas[2025, b["info"]["name"]]["source_quota"]]
    assert set(short) == set(SCENARIOS["fewer_candidates_than_source_quota_2025"]) and len(short) >= 2

    left = {b["info"]["name"] for b in inbox["branches"] for r in b["candidates"]
            if r["status"] in S.LEFT_STATUSES and r["class_date"] and r["status_date"]}
    assert set(SCENARIOS["trained_candidates_left"]) <= left

    # Probation over 12 months + 30 working days (~6 weeks) at 31/12/2025 without recognition.
    overdue = [(b["info"]["name"], r["admitted"].year) for b in inbox["branches"] for r in b["admissions"]
               if not r["official"] and months_later(r["admitted"], 12) + timedelta(days=42) < LAST_DAY]
    assert sorted(overdue) == sorted((name, 2024) for name in SCENARIOS["recognition_overdue_2024"])

    earlier = [r for b in inbox["branches"] for r in b["admissions"] if r["admitted"].year < 2025]
    on_time = [r for r in earlier if r["official"]
               and r["official"] <= months_later(r["admitted"], 14)]
    assert len(on_time) >= 0.8 * len(earlier)
