"""A ward's workbooks read in several processes give what one process reads: the same tables,
branches, tallies and findings in the same order, also when workbooks conflict (two ward
workbooks, two workbooks of one branch) or cannot be read."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from reportgen.findings import Findings
from reportgen.intake import load
from reportgen.intake.load import load_inbox
from reportgen.pipeline import check

ROOT = Path(__file__).resolve().parents[1]
DAY = date(2026, 1, 5)


@pytest.fixture()
def many_workbooks(monkeypatch):
    """Worker processes even for the few workbooks of a test ward."""
    monkeypatch.setattr(load, "PARALLEL_MIN_WORKBOOKS", 1)


def _read(folder: Path, jobs: int):
    findings = Findings()
    inbox = load_inbox(folder, findings, today=DAY, jobs=jobs)
    return inbox, list(findings)


def _assert_same(one, two) -> None:
    (a, fa), (b, fb) = one, two
    assert fa == fb
    for name in ("quotas", "organisation_quotas", "candidates", "admissions", "texts", "assessments"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_dtype=True)
    for name in (
        "ward",
        "ward_file",
        "branches",
        "tallies",
        "files_read",
        "headers",
        "positions",
        "rejected_admissions",
        "paths",
    ):
        assert getattr(a, name) == getattr(b, name), name


def test_the_sample_ward_read_in_two_processes_is_read_as_in_one(many_workbooks):
    serial, parallel = _read(ROOT / "sample_data", 1), _read(ROOT / "sample_data", 2)
    assert len(serial[0].files_read) == 15 and len(serial[0].candidates) > 0
    _assert_same(serial, parallel)


def test_conflicting_and_broken_workbooks_read_in_parallel_give_the_serial_findings(tmp_path, many_workbooks):
    folder = tmp_path / "so"
    shutil.copytree(ROOT / "sample_data", folder)
    shutil.copy(folder / "So-tong-hop-Dang-uy.xlsx", folder / "So-tong-hop-Dang-uy (2).xlsx")  # two ward workbooks
    shutil.copy(folder / "CB-To-dan-pho-1.xlsx", folder / "CB-To-dan-pho-1 - Copy.xlsx")  # one branch twice
    (folder / "CB-hong.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")  # unreadable
    wb = openpyxl.Workbook()
    wb.active.title = "Danh sách"
    wb.active.append(["Họ và tên", "Ghi chú"])
    wb.save(folder / "Ghi-chep.xlsx")  # not a standard workbook
    book = openpyxl.load_workbook(folder / "CB-To-dan-pho-2.xlsx")
    book.worksheets[-1].sheet_state = "hidden"  # a hidden sheet is read, with a warning
    book.save(folder / "CB-To-dan-pho-2.xlsx")

    serial, parallel = _read(folder, 1), _read(folder, 2)
    rules = [f.rule for f in serial[1]]
    for rule in (
        "two-ward-workbooks",
        "duplicate-branch",
        "unreadable-file",
        "not-a-standard-workbook",
        "hidden-sheet",
    ):
        assert rule in rules, rule
    _assert_same(serial, parallel)
    # the second workbook of a branch is read (tallied) but its rows are not counted twice
    second = next(f.file for f in serial[1] if f.rule == "duplicate-branch")
    tallied = [t for t in serial[0].tallies if t.file == second]
    assert tallied and all(t.counts.used == 0 and t.counts.rejected == t.counts.read for t in tallied)


def test_check_with_jobs_gives_the_serial_result(many_workbooks):
    one = check(ROOT / "sample_data", today=DAY, jobs=1)
    two = check(ROOT / "sample_data", today=DAY, jobs=2)
    assert list(one.findings) == list(two.findings)
    assert one.year == two.year
    pd.testing.assert_frame_equal(one.inbox.admissions, two.inbox.admissions)
