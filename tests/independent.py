"""A minimal reader of the standard workbooks, independent of reportgen.intake.

Tests recompute figures from the input files with it (openpyxl, its own header
matching and date parsing), so a bug in the intake code cannot hide itself.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from pathlib import Path

import openpyxl

from reportgen import schema as S

def fold(text) -> str:
    text = unicodedata.normalize("NFD", str(text)).replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.lower().split())


def on_source_list(person: dict, day: date) -> bool:
    """On the branch's source list at the end of `day`: entered by then and not yet left."""
    if person["entered"] is None or person["entered"] > day:
        return False
    if fold(person["status"]) == fold("Đang bồi dưỡng"):
        return True
    return person.get("status_date") is not None and person["status_date"] > day


def months_later(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    day = d.day
    while True:
        try:
            return date(d.year + y, m + 1, day)
        except ValueError:
            day -= 1


def as_date(value):
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", str(value).strip())
    assert m, f"not a date: {value!r}"
    return date(int(m[3]), int(m[2]), int(m[1]))


def sheet_by_name(wb, name: str):
    for ws in wb.worksheets:
        if fold(ws.title) == fold(name):
            return ws
    return None


def read_table(ws, sheet: S.Sheet) -> list[dict]:
    """Records below the first row holding all required headers; dates parsed; totals rows dropped."""
    names = {fold(n): c for c in sheet.columns for n in c.names}
    rows = list(ws.iter_rows(values_only=True))
    for h, row in enumerate(rows):
        columns = {i: names[fold(v)] for i, v in enumerate(row) if v is not None and fold(v) in names}
        if {c.key for c in sheet.required} <= {c.key for c in columns.values()}:
            break
    else:
        raise AssertionError(f"{ws.title}: no header row")
    totals = {fold(w) for w in S.TOTALS_WORDS}
    records = []
    for row in rows[h + 1:]:
        if all(v is None or str(v).strip() == "" for v in row):
            continue
        rec = {}
        for i, col in columns.items():
            v = row[i] if i < len(row) else None
            rec[col.key] = as_date(v) if col.kind is S.Kind.DATE else v
        if fold(rec.get("name") or rec.get("branch") or "") in totals:
            continue
        records.append(rec)
    return records


def read_fields(ws, fields) -> dict:
    labels = {fold(f.label): f.key for f in fields}
    return {labels[fold(r[0])]: r[1] for r in ws.iter_rows(values_only=True) if r[0] and fold(r[0]) in labels}


def read_inbox(folder: Path) -> dict:
    ward, branches = None, []
    for path in sorted(folder.glob("*.xlsx")):
        wb = openpyxl.load_workbook(path)
        if sheet_by_name(wb, S.QUOTA_SHEET.name):
            assert ward is None, "two ward workbooks"
            ward = {
                "info": read_fields(sheet_by_name(wb, S.WARD_INFO_SHEET), S.WARD_FIELDS),
                "quotas": read_table(sheet_by_name(wb, S.QUOTA_SHEET.name), S.QUOTA_SHEET),
                "orgs": read_table(sheet_by_name(wb, S.ORG_QUOTA_SHEET.name), S.ORG_QUOTA_SHEET)
                if sheet_by_name(wb, S.ORG_QUOTA_SHEET.name) else None,
            }
        elif sheet_by_name(wb, S.CANDIDATE_SHEET.name) or sheet_by_name(wb, S.ADMISSION_SHEET.name):
            branches.append({
                "file": path.name,
                "info": read_fields(sheet_by_name(wb, S.BRANCH_INFO_SHEET), S.BRANCH_FIELDS),
                "candidates": read_table(sheet_by_name(wb, S.CANDIDATE_SHEET.name), S.CANDIDATE_SHEET),
                "admissions": read_table(sheet_by_name(wb, S.ADMISSION_SHEET.name), S.ADMISSION_SHEET),
            })
    assert ward is not None, "no ward workbook"
    return {"ward": ward, "branches": branches}


