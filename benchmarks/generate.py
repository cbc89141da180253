"""Synthetic inboxes for the benchmarks, made on demand and never committed.

    python benchmarks/generate.py ward     DEST   # 1 ward workbook + 14 branch workbooks
    python benchmarks/generate.py district DEST   # 1 ward workbook + 399 branch workbooks
    python benchmarks/generate.py city     DEST   # 1 ward workbook + 1,999 branch workbooks (the 2,000 point)
    python benchmarks/generate.py province DEST   # 100 ward folders of 1 + 99 workbooks, and the province workbook
    python benchmarks/generate.py ward DEST --jobs 2

Only the input contract (../shared/FORMAT.md, canonical headers) is used, not the
package's code, so the generator does not move when the package does. Every record
obeys the admission rules (age, class certificate, probation), so a build has no
errors: the whole pipeline runs. About 30 rows per branch workbook (18 candidates,
12 admissions over the term 2020-2025). Deterministic: the same size gives the same
data (the files' zip timestamps may differ).
"""

from __future__ import annotations

import argparse
import random
import sys
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

YEARS = range(2021, 2026)
LAST_DAY = date(2025, 11, 30)
KINDS = ("Khu dân cư", "Khu dân cư", "Khu dân cư", "Trường học", "Cơ quan", "Doanh nghiệp", "Y tế", "Công an",
         "Quân sự")
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Trương", "Bùi", "Đặng", "Đỗ", "Ngô", "Hồ",
          "Dương", "Đinh")
MIDDLE = ("Văn", "Thị", "Minh", "Ngọc", "Thanh", "Hữu", "Đức", "Thu", "Quốc", "Kim", "Xuân", "Hoàng")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương", "Khánh",
         "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vy")
ORGS = ("Đoàn Thanh niên", "Hội Liên hiệp Phụ nữ", "Hội Nông dân", "Hội Cựu chiến binh", "Chi bộ")
EDUCATION = ("9/12", "12/12", "12/12", "12/12")
PROFESSIONAL = ("Không", "Trung cấp", "Cao đẳng", "Đại học", "Đại học")
OCCUPATIONS = ("Công nhân", "Nông dân", "Giáo viên", "Kinh doanh", "Lao động tự do", "Cán bộ - công chức - viên chức")
CANDIDATE_HEADERS = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Tôn giáo", "Trình độ học vấn",
                     "Chuyên môn", "Nghề nghiệp", "Lý luận chính trị", "Đoàn viên", "Tổ chức giới thiệu",
                     "Ngày vào nguồn", "Ngày học lớp nhận thức", "Tình trạng", "Ngày thay đổi", "Ghi chú"]
ADMISSION_HEADERS = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Tôn giáo", "Trình độ học vấn",
                     "Chuyên môn", "Nghề nghiệp", "Lý luận chính trị", "Đoàn viên", "Ngày học lớp nhận thức",
                     "Ngày chi bộ xét", "Ngày kết nạp", "Ngày lễ kết nạp", "Số quyết định",
                     "Ngày công nhận chính thức", "Ghi chú"]
SIZES = {"ward": (1, 15), "district": (1, 400), "city": (1, 2000), "province": (100, 100)}  # wards, workbooks each


def _day(rng: random.Random, lo: date, hi: date) -> date:
    return lo + timedelta(days=rng.randint(0, (hi - lo).days))


def _working_days_after(day: date, n: int) -> date:
    while n:
        day += timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def _name(number: int) -> str:
    """The `number`-th name of the ward: distinct for 4,860 people, so that (name, birth)
    never repeats by chance (a person in two branches is an error the tool reports)."""
    family, rest = FAMILY[number % len(FAMILY)], number // len(FAMILY)
    middle, rest = MIDDLE[rest % len(MIDDLE)], rest // len(MIDDLE)
    return f"{family} {middle} {GIVEN[rest % len(GIVEN)]}"


def _birth(rng: random.Random, first_year: int, last_year: int, number: int) -> date:
    """A birth date whose day of the month differs between people of the same name."""
    day = 1 + (number // (len(FAMILY) * len(MIDDLE) * len(GIVEN))) % 28
    return date(rng.randint(first_year, last_year), rng.randint(1, 12), day)


def _person(rng: random.Random, number: int) -> list:
    female = rng.random() < 0.45
    return [_name(number), _birth(rng, 1975, 2000, number), "Nữ" if female else "Nam",
            "Kinh" if rng.random() < 0.9 else "Hrê", "Không" if rng.random() < 0.9 else "Phật giáo",
            rng.choice(EDUCATION), rng.choice(PROFESSIONAL), rng.choice(OCCUPATIONS), "Sơ cấp",
            "x" if rng.random() < 0.5 else ""]


def branch_rows(seed: str, first: int = 0) -> tuple[list[list], list[list]]:
    """(Nguồn rows, Kết nạp rows) of one branch, from its seed; its people are the ward's
    `first`-th to `first + 29`-th."""
    rng = random.Random(seed)
    candidates, admissions = [], []
    for i in range(18):
        person = _person(rng, first + i)
        entered = _day(rng, date(2021, 1, 1), LAST_DAY)
        trained = _day(rng, entered, min(entered + timedelta(days=300), LAST_DAY)) if rng.random() < 0.6 else None
        status, changed = "Đang bồi dưỡng", None
        if rng.random() < 0.1:
            status, changed = "Chuyển đi", _day(rng, entered, LAST_DAY)
        candidates.append([i + 1, *person, rng.choice(ORGS), entered, trained, status, changed, None])
    for i in range(12):
        person = _person(rng, first + 18 + i)
        admitted = _day(rng, date(2021, 1, 1), LAST_DAY)
        person[1] = _birth(rng, admitted.year - 55, admitted.year - 21, first + 18 + i)
        met = admitted - timedelta(days=rng.randint(20, 50))
        trained = met - timedelta(days=rng.randint(60, 700))
        ceremony = _working_days_after(admitted, rng.randint(3, 20))
        official = ceremony + timedelta(days=380)
        admissions.append([i + 1, *person, trained, met, admitted, ceremony, f"{100 + i}-QĐ/ĐU",
                           official if official <= LAST_DAY else None, None])
    return candidates, admissions


def _sheet(wb: Workbook, title: str, banner: str, headers: list[str], rows: list[list]) -> None:
    ws = wb.create_sheet(title)
    ws.append([banner])
    ws.append(headers)
    for row in rows:
        ws.append(row)


def write_branch(path: Path, name: str, kind: str, seed: str, first: int = 0) -> None:
    wb = Workbook(write_only=True)
    info = wb.create_sheet("Thông tin")
    for row in (["THÔNG TIN CHI BỘ"], ["Tên chi bộ", name], ["Loại hình", kind], ["Bí thư chi bộ", "Lê Văn Bí"]):
        info.append(row)
    candidates, admissions = branch_rows(seed, first)
    _sheet(wb, "Nguồn", "DANH SÁCH QUẦN CHÚNG ƯU TÚ", CANDIDATE_HEADERS, candidates)
    _sheet(wb, "Kết nạp", "DANH SÁCH ĐẢNG VIÊN MỚI KẾT NẠP", ADMISSION_HEADERS, admissions)
    wb.save(path)


def _info(committee: str, place: str, superior: str, code: str) -> list[list]:
    return [["THÔNG TIN ĐƠN VỊ"], ["Mục", "Nội dung"], ["Đảng bộ cấp trên", superior], ["Tên đảng ủy", committee],
            ["Địa danh", place], ["Ký hiệu", code], ["Nhiệm kỳ", "2020-2025"], ["Người ký", "Nguyễn Văn Nho"],
            ["Nơi nhận", "Ban Thường vụ Tỉnh ủy; Các chi bộ trực thuộc; Lưu Văn phòng Đảng ủy"]]


def write_ward(path: Path, committee: str, place: str, branches: list[str]) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Đơn vị")
    for row in _info(committee, place, "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "ĐU"):
        ws.append(row)
    rows = []
    for year in YEARS:
        for name in branches:
            rows.append([year, name, 2, 2, 20])
        rows.append([year, "Toàn Đảng bộ", 2 * len(branches), 2 * len(branches), 20 * len(branches)])
    _sheet(wb, "Chỉ tiêu", "CHỈ TIÊU PHÁT TRIỂN ĐẢNG VIÊN",
           ["Năm", "Chi bộ", "Chỉ tiêu kết nạp", "Chỉ tiêu tạo nguồn", "Số đảng viên đầu năm"], rows)
    wb.save(path)


def write_ward_folder(args: tuple[Path, int, int]) -> int:
    """One ward inbox: its workbook and `count - 1` branch workbooks. Returns the files written."""
    folder, ward, count = args
    folder.mkdir(parents=True, exist_ok=True)
    branches = [f"Chi bộ Tổ dân phố {b + 1}" for b in range(count - 1)]
    write_ward(folder / "So-tong-hop-Dang-uy.xlsx", f"ĐẢNG ỦY PHƯỜNG SỐ {ward + 1}", f"Phường Số {ward + 1}",
               branches)
    for b, name in enumerate(branches):
        # people numbered across the province, so that two wards do not share a person by chance (the
        # tool rightly warns of one person in two wards); a single ward (ward 0) is numbered as before
        first = 30 * (b + ward * len(branches))
        write_branch(folder / f"CB-{b + 1:03d}.xlsx", name, KINDS[b % len(KINDS)], f"{ward}/{b}", first)
    return count


def generate(size: str, dest: Path, jobs: int = 1) -> int:
    wards, per_ward = SIZES[size]
    dest.mkdir(parents=True, exist_ok=True)
    if wards == 1:
        return write_ward_folder((dest, 0, per_ward))
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Đơn vị")
    for row in _info("BAN TỔ CHỨC TỈNH ỦY", "Quảng Ngãi", "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "BTCTU"):
        ws.append(row)
    wb.save(dest / "So-tinh.xlsx")
    tasks = [(dest / f"phuong-{w + 1:03d}", w, per_ward) for w in range(wards)]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return 1 + sum(pool.map(write_ward_folder, tasks))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", choices=sorted(SIZES))
    parser.add_argument("dest", type=Path)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)
    if args.dest.exists() and any(args.dest.iterdir()):
        print(f"{args.dest} is not empty", file=sys.stderr)
        return 2
    print(f"{generate(args.size, args.dest, args.jobs)} workbooks in {args.dest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
