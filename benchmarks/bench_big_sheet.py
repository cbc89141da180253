"""Reading speed on one big sheet: a branch whose `Nguồn` sheet has ROWS candidates.

Writes the ward workbook and one branch workbook (openpyxl, write-only), then times
`check` on that inbox (the whole reading and validation of every row), best of
REPEATS runs, wall clock and CPU time of this process (the CPU time does not count
waiting for a core on a shared machine), and prints the rows per second. The target (issue 9): 50,000 rows
checked in at most 3 s on the development machine.

    nice .venv/bin/python benchmarks/bench_big_sheet.py [ROWS] [REPEATS]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

from reportgen.pipeline import check

HEADERS = [
    "STT", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Tôn giáo", "Trình độ học vấn", "Chuyên môn",
    "Nghề nghiệp", "Lý luận chính trị", "Đoàn viên", "Tổ chức giới thiệu", "Ngày vào nguồn",
    "Ngày học lớp nhận thức", "Tình trạng", "Ngày thay đổi", "Ghi chú",
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Đức", "Thu"]
GIVEN = ["An", "Bình", "Cúc", "Dũng", "Hà", "Hùng", "Lan", "Long", "Mai", "Nam", "Phúc", "Quang", "Sơn", "Tâm"]
BRANCH = "Chi bộ Tổ dân phố 1"


def make_inbox(folder: Path, rows: int, seed: int = 9) -> None:
    rng = random.Random(seed)
    ward = Workbook()
    info = ward.active
    info.title = "Đơn vị"
    for key, value in (("Đảng bộ cấp trên", "ĐẢNG BỘ TỈNH QUẢNG NGÃI"), ("Tên đảng ủy", "ĐẢNG ỦY PHƯỜNG PHỔ HÒA"),
                       ("Địa danh", "Phổ Hòa"), ("Nhiệm kỳ", "2020-2025")):
        info.append([key, value])
    quotas = ward.create_sheet("Chỉ tiêu")
    quotas.append(["Năm", "Chi bộ", "Chỉ tiêu kết nạp", "Chỉ tiêu tạo nguồn", "Số đảng viên đầu năm"])
    quotas.append([2025, BRANCH, 1, 1, 30])
    quotas.append([2025, "Toàn Đảng bộ", 1, None, 30])
    ward.save(folder / "Dang-uy.xlsx")

    book = Workbook(write_only=True)
    info = book.create_sheet("Thông tin")
    for row in (["Tên chi bộ", BRANCH], ["Loại hình", "Khu dân cư"]):
        info.append(row)
    sheet = book.create_sheet("Nguồn")
    sheet.append(["DANH SÁCH QUẦN CHÚNG ƯU TÚ"])
    sheet.append(HEADERS)
    for index in range(1, rows + 1):
        born = date(1970, 1, 1) + timedelta(days=rng.randrange(12000))
        entered = date(2021, 1, 1) + timedelta(days=rng.randrange(1700))
        text_dates = rng.random() < 0.3  # some offices type dates as text
        sheet.append([
            index, f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)} {index}",
            born.strftime("%d/%m/%Y") if text_dates else born, rng.choice(["Nam", "Nữ", "nữ"]), "Kinh", None,
            rng.choice(["12/12", "9/12", "THPT"]), rng.choice(["Không", "Đại học", "Trung cấp", "ĐH"]),
            rng.choice(["Công nhân", "Nông dân", "Kinh doanh", "Khác"]), None, rng.choice(["x", "", "Có"]),
            rng.choice(["Đoàn Thanh niên", "Hội LHPN", "Chi bộ"]),
            entered.strftime("%d/%m/%Y") if text_dates else entered, None, "Đang bồi dưỡng", None, None,
        ])
    book.create_sheet("Kết nạp").append(HEADERS[:11] + ["Ngày học lớp nhận thức", "Ngày kết nạp"])
    book.save(folder / "chi-bo.xlsx")


def main() -> int:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        make_inbox(folder, rows)
        print(f"wrote {rows} rows in {time.perf_counter() - started:.1f} s")
        times, cpu = [], []
        for _ in range(repeats):
            started, started_cpu = time.perf_counter(), time.process_time()
            result = check(folder, today=date(2026, 1, 5))
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        used = sum(t.counts.used for t in result.inbox.tallies)
        print(f"check: best {min(times):.2f} s wall of {repeats} ({', '.join(f'{t:.2f}' for t in times)}), "
              f"best {min(cpu):.2f} s CPU; {used} rows used, {len(result.findings.errors)} errors; "
              f"{rows / min(times):,.0f} rows/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
