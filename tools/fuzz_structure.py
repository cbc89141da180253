"""Structural damage to copies of sample_data/, then `build`: a traceback or a hang is a bug.

    nice .venv/bin/python tools/fuzz_structure.py SEED RUNS [--timeout SECONDS] [--branches N] [--first I]

Beside tools/fuzz_inbox.py (which changes cell values), this one changes the shape of
the workbooks: sheets renamed (to another sheet's name, a folded or invisible-character
variant, nonsense), deleted or hidden; columns duplicated (sometimes with other values),
moved, emptied; the header row deleted or pushed down; rows of other sheets and other
workbooks pasted in; cells merged; files truncated. Each run copies the ward workbook and
N branch workbooks of the sample (default 4), damages one to three of them, and builds
in a worker process under a timeout. Problems of use (ReportgenError) are expected;
any other exception is printed with the run's seed, and a run that outlives the timeout
counts as a hang. Exit status 1 when a run failed or hung.
"""

from __future__ import annotations

import argparse
import datetime
import multiprocessing
import random
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

import openpyxl

from reportgen.errors import ReportgenError
from reportgen.pipeline import build

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data"
WARD = "So-tong-hop-Dang-uy.xlsx"
NAMES = [
    "Nguồn",
    "Kết nạp",
    "Thông tin",
    "Chỉ tiêu",
    "Đơn vị",
    "Đoàn thể",
    "Văn bản",
    "Nhận định",
    "NGUON",
    "ket nap",
    "Kết\u2060 nạp",
    "\ufeffNguồn",
    "Sheet1",
    "Danh sách nguồn",
    "Đảng viên mới",
    "X",
]


def _header_row(ws) -> int:  # type: ignore[no-untyped-def]
    """The row with the most filled cells among the first ten (the table's header, usually)."""
    best, count = 1, -1
    for row in range(1, min(ws.max_row, 10) + 1):
        filled = sum(1 for c in range(1, ws.max_column + 1) if ws.cell(row, c).value not in (None, ""))
        if filled > count:
            best, count = row, filled
    return best


def _column(ws, col: int) -> list[object]:  # type: ignore[no-untyped-def]
    return [ws.cell(r, col).value for r in range(1, ws.max_row + 1)]


def _put_column(ws, col: int, values: list[object]) -> None:  # type: ignore[no-untyped-def]
    for r, value in enumerate(values, start=1):
        ws.cell(r, col).value = value


def rename_sheet(rng, wb, others) -> str:  # type: ignore[no-untyped-def]
    ws = rng.choice(wb.worksheets)
    name = rng.choice(NAMES + [ws.title.upper(), ws.title + " ", ws.title + "2"])
    ws.title = name
    return f"rename {name!r}"


def duplicate_column(rng, wb, others) -> str:  # type: ignore[no-untyped-def]
    ws = rng.choice(wb.worksheets)
    col = rng.randint(1, max(ws.max_column, 1))
    values = _column(ws, col)
    if rng.random() < 0.5:  # the copy disagrees in a few rows
        header = _header_row(ws)
        for r in rng.sample(range(header + 1, len(values) + 1), min(3, max(0, len(values) - header))):
            values[r - 1] = rng.choice([None, "khác", datetime.datetime(2024, 2, 29), 7, "Nữ"])
    target = rng.randint(1, ws.max_column + 1)
    ws.insert_cols(target)
    _put_column(ws, target, values)
    return f"duplicate column {col} at {target}"


def move_column(rng, wb, others) -> str:  # type: ignore[no-untyped-def]
    ws = rng.choice(wb.worksheets)
    col = rng.randint(1, max(ws.max_column, 1))
    values = _column(ws, col)
    ws.delete_cols(col)
    target = rng.randint(1, ws.max_column + 1)
    ws.insert_cols(target)
    _put_column(ws, target, values)
    return f"move column {col} to {target}"


def empty_column(rng, wb, others) -> str:  # type: ignore[no-untyped-def]
    ws = rng.choice(wb.worksheets)
    col = rng.randint(1, max(ws.max_column, 1))
    keep = _header_row(ws) if rng.random() < 0.7 else 0
    for r in range(1, ws.max_row + 1):
        if r != keep:
            ws.cell(r, col).value = None
    return f"empty column {col}" + (" with its header" if not keep else "")


def paste_rows(rng, wb, others) -> str:  # type: ignore[no-untyped-def]
    source_book = rng.choice([wb, *others]) if others else wb
    source = rng.choice(source_book.worksheets)
    target = rng.choice(wb.worksheets)
    first = rng.randint(1, max(source.max_row, 1))
    rows = [[c.value for c in row] for row in source.iter_rows(min_row=first, max_row=first + rng.randint(0, 4))]
    at = rng.randint(1, target.max_row + 1)
    target.insert_rows(at, len(rows))
    for offset, row in enumerate(rows):
        for c, value in enumerate(row, start=1):
            target.cell(at + offset, c).value = value
    return f"paste {len(rows)} rows of {source.title!r} into {target.title!r} at {at}"


def delete_header(rng, wb, others) -> str:  # type: ignore[no-untyped-def]
    ws = rng.choice(wb.worksheets)
    row = _header_row(ws)
    ws.delete_rows(row)
    return f"delete header row {row} of {ws.title!r}"


def push_down(rng, wb, others) -> str:  # type: ignore[no-untyped-def]
    ws = rng.choice(wb.worksheets)
    count = rng.choice([1, 5, 45])  # 45: past the rows searched for a header
    ws.insert_rows(1, count)
    return f"insert {count} rows on top of {ws.title!r}"


def delete_sheet(rng, wb, others) -> str:  # type: ignore[no-untyped-def]
    if len(wb.worksheets) < 2:
        return "keep the only sheet"
    ws = rng.choice(wb.worksheets)
    wb.remove(ws)
    return f"delete sheet {ws.title!r}"


def hide_sheet(rng, wb, others) -> str:  # type: ignore[no-untyped-def]
    ws = rng.choice(wb.worksheets)
    if sum(1 for w in wb.worksheets if w.sheet_state == "visible") > 1:
        ws.sheet_state = rng.choice(["hidden", "veryHidden"])
    return f"hide {ws.title!r}"


def merge_cells(rng, wb, others) -> str:  # type: ignore[no-untyped-def]
    ws = rng.choice(wb.worksheets)
    row, col = rng.randint(1, max(ws.max_row, 1)), rng.randint(1, max(ws.max_column, 1))
    ws.merge_cells(start_row=row, start_column=col, end_row=row + rng.randint(0, 3), end_column=col + rng.randint(0, 2))
    return f"merge at {row},{col} of {ws.title!r}"


def copy_sheet(rng, wb, others) -> str:  # type: ignore[no-untyped-def]
    ws = rng.choice(wb.worksheets)
    copy = wb.copy_worksheet(ws)
    copy.title = rng.choice(NAMES)
    return f"copy {ws.title!r} as {copy.title!r}"


OPERATIONS = [
    rename_sheet,
    duplicate_column,
    move_column,
    empty_column,
    paste_rows,
    delete_header,
    push_down,
    delete_sheet,
    hide_sheet,
    merge_cells,
    copy_sheet,
]


def damage(path: Path, rng: random.Random, others: list[Path], log: list[str]) -> None:
    wb = openpyxl.load_workbook(path)
    other_books = [openpyxl.load_workbook(p, read_only=False) for p in rng.sample(others, min(2, len(others)))]
    for _ in range(rng.randint(1, 6)):
        operation = rng.choice(OPERATIONS)
        try:
            log.append(f"{path.name}: {operation(rng, wb, other_books)}")
        except (ValueError, AttributeError, KeyError, IndexError, TypeError) as exc:
            log.append(f"{path.name}: {operation.__name__} not possible ({type(exc).__name__})")
    wb.save(path)
    if rng.random() < 0.1:  # truncated on the way (a copy interrupted, a mail attachment cut)
        data = path.read_bytes()
        cut = rng.randint(0, len(data))
        path.write_bytes(data[:cut])
        log.append(f"{path.name}: truncated to {cut} of {len(data)} bytes")


def one_run(seed: int, branches: int) -> tuple[str, list[str], str]:
    """(how it ended: 'documents', 'findings' (errors in the data), 'usage' or 'failed';
    what was done; the traceback)."""
    rng = random.Random(seed)
    log: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        inbox = Path(tmp) / "in"
        inbox.mkdir()
        chosen = [SAMPLE / WARD] + rng.sample(sorted(p for p in SAMPLE.glob("CB-*.xlsx")), branches)
        for path in chosen:
            shutil.copy(path, inbox / path.name)
        files = sorted(inbox.glob("*.xlsx"))
        for path in rng.sample(files, rng.randint(1, 3)):
            try:
                damage(path, rng, [p for p in chosen if p.name != path.name], log)  # rows pasted from intact books
            except Exception as exc:  # noqa: BLE001 - openpyxl refused the damage (e.g. every sheet hidden)
                log.append(f"{path.name}: damage not saved ({type(exc).__name__}: {exc})")
        try:
            result = build(inbox, Path(tmp) / "out", issued=datetime.date(2026, 1, 5))
        except ReportgenError:
            return "usage", log, ""
        except Exception:  # noqa: BLE001 - that is what we look for
            return "failed", log, traceback.format_exc()
    return ("documents" if result.written else "findings"), log, ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed", type=int)
    parser.add_argument("runs", type=int)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds a run may take before it is a hang")
    parser.add_argument("--branches", type=int, default=4, help="branch workbooks of the sample in each inbox")
    parser.add_argument(
        "--first", type=int, default=0, help="index of the first run (to share one seed's runs between processes)"
    )
    args = parser.parse_args()
    context = multiprocessing.get_context("fork")
    pool = context.Pool(1, maxtasksperchild=25)
    failures = hangs = 0
    endings: dict[str, int] = {}
    started = time.perf_counter()
    slowest = 0.0
    for i in range(args.first, args.first + args.runs):
        seed = args.seed * 100_000 + i
        began = time.perf_counter()
        try:
            status, log, trace = pool.apply_async(one_run, (seed, args.branches)).get(args.timeout)
        except multiprocessing.TimeoutError:
            pool.terminate()
            pool = context.Pool(1, maxtasksperchild=25)
            hangs += 1
            print(f"HANG seed {seed} (over {args.timeout:.0f} s)", flush=True)
            continue
        slowest = max(slowest, time.perf_counter() - began)
        endings[status] = endings.get(status, 0) + 1
        if status == "failed":
            failures += 1
            print(f"FAILED seed {seed}", *log, trace, sep="\n", flush=True)
        if (i + 1 - args.first) % 50 == 0:
            print(
                f"{i + 1 - args.first} runs (up to index {i}), {failures} failures, {hangs} hangs, "
                f"{time.perf_counter() - started:.0f} s",
                flush=True,
            )
    pool.close()
    pool.join()
    print(
        f"{args.runs} runs (seed {args.seed}, indexes {args.first}-{args.first + args.runs - 1}): "
        f"{failures} failures, {hangs} hangs; "
        f"slowest run {slowest:.1f} s, {time.perf_counter() - started:.0f} s in all; endings: "
        + ", ".join(f"{k} {v}" for k, v in sorted(endings.items()))
    )
    return 1 if failures or hangs else 0


if __name__ == "__main__":
    sys.exit(main())
