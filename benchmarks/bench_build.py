"""Speed and memory of `check` and `build` on a large ward.

Makes an inbox of COPIES x the sample ward's branches (each copy a new branch, its
people born a few days earlier so nobody is admitted twice), then times the library
calls and reports the peak resident memory.

    .venv/bin/python benchmarks/bench_build.py [COPIES]
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl

from reportgen import schema
from reportgen.intake.normalize import fold
from reportgen.pipeline import build, check
from reportgen.sample import write_sample


def _find(wb, name):  # type: ignore[no-untyped-def]
    return next(ws for ws in wb.worksheets if fold(ws.title) == fold(name))


def make_large_inbox(folder: Path, copies: int) -> int:
    written = write_sample(folder)
    ward_path, branch_paths = written[0], written[1:]
    ward = openpyxl.load_workbook(ward_path)
    quotas = _find(ward, schema.QUOTA_SHEET.name)
    base_rows = [list(r) for r in quotas.iter_rows(values_only=True)]
    rows = 0
    for copy in range(1, copies):
        for path in branch_paths:
            wb = openpyxl.load_workbook(path)
            info = _find(wb, schema.BRANCH_INFO_SHEET)
            for row in info.iter_rows():
                if row[0].value and fold(row[0].value) == fold("Tên chi bộ"):
                    old = row[1].value
                    row[1].value = f"{old} (bản {copy})"
                    for q in base_rows:
                        if len(q) > 1 and q[1] == old:
                            quotas.append([q[0], row[1].value, *q[2:]])
            for sheet in (schema.CANDIDATE_SHEET.name, schema.ADMISSION_SHEET.name):
                ws = _find(wb, sheet)
                for row in ws.iter_rows():
                    for cell in row:
                        if cell.column != 3 or cell.row < 4:
                            continue
                        if isinstance(cell.value, datetime):
                            cell.value = cell.value - timedelta(days=copy)
                        elif isinstance(cell.value, str) and cell.value.count("/") == 2:
                            day = datetime.strptime(cell.value.strip(), "%d/%m/%Y") - timedelta(days=copy)
                            cell.value = day.strftime("%d/%m/%Y")
                    rows += 1
            wb.save(folder / f"{path.stem}-{copy}.xlsx")
    ward.save(ward_path)
    return rows


def main() -> None:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    with tempfile.TemporaryDirectory() as tmp:
        inbox, out = Path(tmp) / "inbox", Path(tmp) / "out"
        inbox.mkdir()
        started = time.perf_counter()
        make_large_inbox(inbox, copies)
        files = len(list(inbox.glob("*.xlsx")))
        print(f"inbox: {files} workbooks ({copies} x sample), made in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        result = check(inbox, today=date(2026, 1, 5))
        rows = sum(t.counts.read for t in result.inbox.tallies)
        print(f"check: {rows} rows, {len(result.findings.errors)} errors, {time.perf_counter() - started:.2f} s")
        started = time.perf_counter()
        built = build(inbox, out, issued=date(2026, 1, 5), today=date(2026, 1, 5))
        print(f"build: {len(built.written)} files, {time.perf_counter() - started:.2f} s")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak resident memory: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
