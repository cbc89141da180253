"""`reportgen sample --seed N`: the default seed writes sample_data/ byte for byte; any other
seed writes a ward of its own (name, province, branches, members, quotas, people, texts) that
obeys the workbook contract and the admission rules, so that its build has no error and makes
every document.

The wards are read back by tests/independent.py (openpyxl, not reportgen.intake) and judged by
the rule checker of test_sample.py; the figures compared between seeds come from the files.
More seeds: REPORTGEN_SEEDS=1-10 (the build test then builds each).
"""

from __future__ import annotations

import os
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
import test_sample
from independent import fold, months_later, read_inbox

from reportgen import schema as S
from reportgen.pipeline import build
from reportgen.sample import DEFAULT_SEED, write_sample

ROOT = Path(__file__).resolve().parents[1]
LAST_DAY = date(2025, 12, 31)
YEARS = range(2021, 2026)


def _seeds(default: str) -> list[int]:
    text = os.environ.get("REPORTGEN_SEEDS", default)
    first, _, last = text.partition("-")
    return list(range(int(first), int(last or first) + 1))


SEEDS = _seeds("1-8")
BUILD_SEEDS = _seeds(os.environ.get("REPORTGEN_SEEDS", "3-4"))


@pytest.fixture(scope="module")
def wards(tmp_path_factory) -> dict[int, dict]:
    root = tmp_path_factory.mktemp("seeds")
    out = {}
    for seed in SEEDS:
        write_sample(root / str(seed), seed=seed)
        out[seed] = read_inbox(root / str(seed))
    return out


def test_the_default_seed_writes_sample_data_byte_for_byte(tmp_path):
    written = write_sample(tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in (ROOT / "sample_data").glob("*.xlsx"))
    for path in written:
        assert path.read_bytes() == (ROOT / "sample_data" / path.name).read_bytes(), path.name
    again = write_sample(tmp_path / "again", seed=DEFAULT_SEED)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in written]


def test_a_seed_gives_the_same_ward_every_time(tmp_path):
    a, b = write_sample(tmp_path / "a", seed=5), write_sample(tmp_path / "b", seed=5)
    assert [p.name for p in a] == [p.name for p in b]
    assert all(p.read_bytes() == q.read_bytes() for p, q in zip(a, b))


def test_each_seed_is_a_different_ward(wards):
    sample = read_inbox(ROOT / "sample_data")
    committees = [w["ward"]["info"]["committee"] for w in wards.values()]
    assert sample["ward"]["info"]["committee"] not in committees
    assert len(set(committees)) == len(committees)
    assert len({w["ward"]["info"]["superior"] for w in wards.values()}) >= 3
    assert len({w["ward"]["info"]["place"] for w in wards.values()}) == len(wards)
    counts = [len(w["branches"]) for w in wards.values()]
    assert all(8 <= n <= 20 for n in counts) and len(set(counts)) >= 3, counts
    names = [frozenset(b["info"]["name"] for b in w["branches"]) for w in wards.values()]
    assert len(set(names)) == len(names)
    sample_names = {b["info"]["name"] for b in sample["branches"]}
    assert all(len(n - sample_names) >= len(n) // 2 for n in names)  # "Tổ dân phố 1", "Công an phường" recur
    every = [b for w in wards.values() for b in w["branches"]]
    assert {b["info"]["kind"] for b in every} >= set(S.BRANCH_KINDS) - {"Khác"}
    assert any(len(b["info"]["name"]) >= 40 for b in every), "no long branch name"
    members = [
        q["members_start"]
        for w in wards.values()
        for q in w["ward"]["quotas"]
        if q["year"] == 2021 and q["branch"] != S.WARD_TOTAL
    ]
    assert min(members) <= 6 and max(members) >= 50


def _per_branch_year(ward: dict):
    quotas = {(q["year"], fold(q["branch"])): q for q in ward["ward"]["quotas"]}
    for b in ward["branches"]:
        done = Counter(r["admitted"].year for r in b["admissions"])
        for year in YEARS:
            yield b, year, done[year], quotas[year, fold(b["info"]["name"])]["admission_quota"]


def test_each_ward_has_the_situations_a_report_speaks_of(wards):
    for seed, ward in wards.items():
        rows = list(_per_branch_year(ward))
        assert any(q == 0 for _, _, _, q in rows), f"seed {seed}: every branch has a quota every year"
        assert any(0 < q and d < q for _, _, d, q in rows), f"seed {seed}: nobody below quota"
        assert any(0 < q < d for _, _, d, q in rows), f"seed {seed}: nobody above quota"
        idle = [b for b in ward["branches"] if not any(r["admitted"].year >= 2022 for r in b["admissions"])]
        assert idle, f"seed {seed}: no branch that admitted nobody for years"
        admitted = Counter(r["admitted"].year for b in ward["branches"] for r in b["admissions"])
        assert set(admitted) == set(YEARS), f"seed {seed}: a year without admissions"


def test_candidates_trained_introduced_and_leaving_vary(wards):
    expired = left = 0
    introducers: Counter = Counter()
    for ward in wards.values():
        for b in ward["branches"]:
            for r in b["candidates"]:
                introducers[fold(r["introduced_by"] or "")] += 1
                if r["status"] == S.STATUS_ACTIVE and r["class_date"] and months_later(r["class_date"], 60) < LAST_DAY:
                    expired += 1
                left += r["status"] in S.LEFT_STATUSES
    assert expired >= len(wards), "no candidate whose certificate expired"
    assert left >= len(wards)
    assert len(introducers) >= 6, introducers
    ethnic = {r["ethnicity"] for w in wards.values() for b in w["branches"] for r in b["admissions"]}
    assert len(ethnic - {"Kinh"}) >= 2


def test_the_branch_meeting_date_is_filled_and_lawful(wards):
    for ward in wards.values():
        for b in ward["branches"]:
            for r in b["admissions"]:
                meeting = r["meeting"]
                assert meeting is not None, (b["file"], r["name"])
                assert r["class_date"] < meeting < r["admitted"] <= meeting + timedelta(days=84)
                assert months_later(r["birth"], 18 * 12) <= meeting


def test_seeded_wards_keep_the_rules_and_the_contract(wards):
    for seed, ward in wards.items():
        assert test_sample.rule_errors(ward) == [], f"seed {seed}"


def test_texts_and_assessments_fit_the_ward(tmp_path):
    import openpyxl

    for seed in SEEDS[:4]:
        folder = tmp_path / str(seed)
        write_sample(folder, seed=seed)
        ward = read_inbox(folder)
        wb = openpyxl.load_workbook(folder / "So-tong-hop-Dang-uy.xlsx")
        texts = list(wb[S.TEXT_SHEET.name].iter_rows(min_row=3, values_only=True))
        assert texts and all(row[2].date() <= LAST_DAY and row[2].year == row[0] for row in texts)
        assert all(row[1].endswith("/" + ward["ward"]["info"].get("code", "ĐU")) for row in texts)
        notes = list(wb[S.ASSESSMENT_SHEET.name].iter_rows(min_row=3, values_only=True))
        assert {row[1] for row in notes} <= set(S.ASSESSMENT_SECTIONS)
        quota = next(
            q["admission_quota"] for q in ward["ward"]["quotas"] if q["year"] == 2025 and q["branch"] == S.WARD_TOTAL
        )
        done = sum(r["admitted"].year == 2025 for b in ward["branches"] for r in b["admissions"])
        sections = {row[1] for row in notes if row[0] == "2025"}
        # A strength is claimed only when the superior's quota was met, a subjective cause only when not.
        assert (S.SECTION_STRENGTHS in sections) == (done >= quota)
        assert (S.SECTION_SUBJECTIVE in sections) == (done < quota)
        names = {r["name"] for b in ward["branches"] for r in b["candidates"]}
        assert not any(n in row[2] for row in notes for n in names)


@pytest.mark.parametrize("seed", BUILD_SEEDS)
def test_a_seeded_ward_builds_every_document_without_errors(tmp_path, seed):
    write_sample(tmp_path / "in", seed=seed)
    result = build(tmp_path / "in", tmp_path / "out", issued=date(2026, 1, 5), today=date(2026, 1, 5))
    errors = [f for f in result.check.findings if f.severity.name == "ERROR"]
    assert errors == []
    names = {p.relative_to(tmp_path / "out").as_posix() for p in result.written}
    assert {
        "bao-cao-2025.docx",
        "tong-ket-nhiem-ky-2020-2025.docx",
        "ke-hoach-2026.docx",
        "tong-hop-2025.xlsx",
    } <= names
    branches = len(list((tmp_path / "in").glob("CB-*.xlsx")))
    assert len([n for n in names if n.startswith("chi-bo/")]) == branches
    assert all((tmp_path / "out" / n).stat().st_size > 0 for n in names)
