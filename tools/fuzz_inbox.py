"""Random damage to copies of sample_data/, then `build`: any exception is a bug.

    .venv/bin/python tools/fuzz_inbox.py SEED RUNS [--ward]

Each run copies the sample inbox, changes cells, rows, columns and sheet names of a
few workbooks at random (with --ward: always the ward workbook), and builds. Usage
problems are expected; anything else is printed with the seed that reproduces it.
"""

from __future__ import annotations

import datetime
import random
import shutil
import sys
import tempfile
import traceback
from pathlib import Path

import openpyxl

from reportgen.pipeline import UsageProblem, build

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data"
VALUES = [
    None,
    "",
    " ",
    "x",
    "abc",
    "Tổng cộng",
    "31/02/2020",
    "12/25/2020",
    "2020",
    0,
    -1,
    3.5,
    1e9,
    True,
    datetime.datetime(2030, 1, 1),
    datetime.datetime(1800, 1, 1),
    datetime.datetime(2024, 2, 29),
    "=1+1",
    "Nữ",
    "Nam",
    "Đã kết nạp",
    "Chuyển đi",
    "Toàn Đảng bộ",
    "{{ x }}",
    "<b>&",
    "NguyÔn V¨n A",
    "Có",
    "0",
    "Khu dân cư",
    "Chi bộ Tổ dân phố 1",
    2025,
    "2025",
    "Năm",
    "Họ và tên",
    "Ngày sinh",
    "\u200b",
    "∞",
]
SHEET_NAMES = ["Nguồn", "Kết nạp", "X", "Thông tin", "Chỉ tiêu", "Đơn vị", "nguon"]


def mutate(path: Path, rng: random.Random, changes: int) -> None:
    wb = openpyxl.load_workbook(path)
    for _ in range(changes):
        ws = rng.choice(wb.worksheets)
        row, col = rng.randint(1, max(ws.max_row, 1) + 2), rng.randint(1, max(ws.max_column, 1) + 1)
        op = rng.random()
        try:
            if op < 0.7:
                ws.cell(row, col).value = rng.choice(VALUES)
            elif op < 0.8:
                ws.delete_rows(row)
            elif op < 0.9:
                ws.insert_rows(row)
            elif op < 0.95:
                ws.title = rng.choice(SHEET_NAMES) + str(rng.randint(0, 1) or "")
            else:
                ws.delete_cols(col)
        except (ValueError, AttributeError):
            pass  # a sheet name already taken, a merged cell
    wb.save(path)


def main() -> int:
    seed, runs, ward = int(sys.argv[1]), int(sys.argv[2]), "--ward" in sys.argv
    failures = 0
    for i in range(runs):
        rng = random.Random(seed * 1000 + i)
        with tempfile.TemporaryDirectory() as tmp:
            inbox = Path(tmp) / "in"
            shutil.copytree(SAMPLE, inbox)
            files = sorted(inbox.glob("*.xlsx"))
            chosen = (
                ([inbox / "So-tong-hop-Dang-uy.xlsx"] + rng.sample(files, 1))
                if ward
                else rng.sample(files, rng.randint(1, 4))
            )
            for path in chosen:
                mutate(path, rng, rng.randint(1, 25))
            try:
                build(inbox, Path(tmp) / "out", issued=datetime.date(2026, 1, 5))
            except UsageProblem:
                pass
            except Exception:  # noqa: BLE001 - that is what we look for
                failures += 1
                print("seed", seed * 1000 + i)
                traceback.print_exc()
    print(f"{runs} runs, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
