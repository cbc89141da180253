"""Time whole processes: several runs, the median, and the peak memory of the process tree.

    python benchmarks/run.py [CASE ...] [--runs 3] [--data /tmp/reportgen-bench]
    python benchmarks/run.py --list

Each case is one command line run in a fresh process (start-up included), the way a
user runs it. Inboxes are generated on demand into --data by generate.py (never
committed); the output folder is emptied before every run unless the case says
otherwise. Wall time is the median of the runs; CPU is user + system time of the whole
process tree (median), which a busy shared machine disturbs less than the wall time;
peak memory is the largest sum of the resident sizes of the process tree, sampled
every 20 ms. Run it under `nice`: the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable
REPORTGEN = [PY, "-m", "reportgen"]
ISSUED = ["--year", "2025", "--ngay", "05/01/2026"]


@dataclass(frozen=True)
class Case:
    name: str
    size: str | None  # the generated inbox it reads (generate.py SIZES), or None
    command: tuple[str, ...]  # {inbox}, {out}, {ref} are replaced
    prepare: str = "clean"  # "clean": empty out first; "keep": keep out (an incremental re-run); "touch": change one workbook
    reference: str | None = None  # a case whose output the floor copies


CASES = {c.name: c for c in (
    Case("import", None, (PY, "-c", "import pandas, openpyxl, docx, docxtpl")),
    Case("ward-build", "ward", (*REPORTGEN, "build", "{inbox}", "--out", "{out}", *ISSUED)),
    Case("ward-check", "ward", (*REPORTGEN, "check", "{inbox}", "--out", "{out}")),
    Case("ward-naive", "ward", (PY, str(HERE / "naive.py"), "{inbox}", "{out}")),
    Case("ward-floor", "ward", (PY, str(HERE / "floor.py"), "{inbox}", "{ref}", "{out}"), reference="ward-build"),
    Case("district-build", "district", (*REPORTGEN, "build", "{inbox}", "--out", "{out}", *ISSUED)),
    Case("district-build-serial", "district", (*REPORTGEN, "build", "{inbox}", "--out", "{out}", "--jobs", "1",
                                               *ISSUED)),
    Case("district-naive", "district", (PY, str(HERE / "naive.py"), "{inbox}", "{out}")),
    Case("district-floor", "district", (PY, str(HERE / "floor.py"), "{inbox}", "{ref}", "{out}"),
         reference="district-build"),
    Case("city-build", "city", (*REPORTGEN, "build", "{inbox}", "--out", "{out}", *ISSUED)),
    Case("province-build", "province", (*REPORTGEN, "build", "{inbox}", "--out", "{out}", *ISSUED)),
    Case("province-rerun", "province", (*REPORTGEN, "build", "{inbox}", "--out", "{out}", *ISSUED),
         prepare="touch", reference="province-build"),
    Case("province-naive", "province", (PY, str(HERE / "naive.py"), "{inbox}", "{out}")),
    Case("province-floor", "province", (PY, str(HERE / "floor.py"), "{inbox}", "{ref}", "{out}"),
         reference="province-build"),
    # 20 of the province's 100 wards (2,000 workbooks, copied from it): the middle of the curve,
    # and a province run that fits a shared machine's busy hour.
    Case("province20-build", "province20", (*REPORTGEN, "build", "{inbox}", "--out", "{out}", *ISSUED)),
    Case("province20-rerun", "province20", (*REPORTGEN, "build", "{inbox}", "--out", "{out}", *ISSUED),
         prepare="touch", reference="province20-build"),
    Case("province20-naive", "province20", (PY, str(HERE / "naive.py"), "{inbox}", "{out}")),
    Case("province20-floor", "province20", (PY, str(HERE / "floor.py"), "{inbox}", "{ref}", "{out}"),
         reference="province20-build"),
)}


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                ppid = int(f.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except (OSError, IndexError, ValueError):
        return 0


def _tree_rss(root: int) -> int:
    tree, total, todo = _children(), 0, [root]
    while todo:
        pid = todo.pop()
        total += _rss_kib(pid)
        todo += tree.get(pid, [])
    return total


def _load() -> float:
    """The machine's 1-minute load average (other users' work included)."""
    try:
        with open("/proc/loadavg") as f:
            return float(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return float("nan")


def measure(command: list[str]) -> tuple[float, float, int, int, tuple[float, float]]:
    """(wall seconds, CPU seconds of the tree, peak RSS of the tree in MiB, exit code, (lowest,
    highest) 1-minute load average seen during the run)."""
    peak = 0
    loads = [_load()]
    before = os.times()
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        ticks = 0
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            ticks += 1
            if ticks % 50 == 0:  # about once a second
                loads.append(_load())
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = process.communicate()
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    if process.returncode != 0:
        sys.stderr.write(err.decode(errors="replace")[-2000:])
    loads.append(_load())
    return wall, cpu, peak // 1024, process.returncode, (min(loads), max(loads))


def inbox(data: Path, size: str) -> Path:
    folder = data / size
    if not folder.exists() and size == "province20":
        whole = inbox(data, "province")
        folder.mkdir()
        shutil.copy2(whole / "So-tinh.xlsx", folder)
        for ward in sorted(p for p in whole.iterdir() if p.is_dir())[:20]:
            shutil.copytree(ward, folder / ward.name)
    if not folder.exists():
        subprocess.run([PY, str(HERE / "generate.py"), size, str(folder), "--jobs", str(os.cpu_count() or 1)],
                       check=True)
    return folder


def _touch_one(folder: Path) -> None:
    """Change one branch workbook's content (one admission's decision number)."""
    from openpyxl import load_workbook

    path = sorted(folder.rglob("CB-*.xlsx"))[0]
    wb = load_workbook(path)
    ws = wb["Kết nạp"]
    header = [c.value for c in ws[2]]
    cell = ws.cell(3, header.index("Số quyết định") + 1)
    cell.value = f"{str(cell.value).split('/')[0]}/ĐU-{time.time_ns() % 1000}"
    wb.save(path)


def run_case(case: Case, data: Path, runs: int) -> dict[str, object]:
    folder = inbox(data, case.size) if case.size else None
    out = data / "out" / case.name
    ref = data / "out" / (case.reference or case.name)
    if case.reference and not ref.exists():
        run_case(CASES[case.reference], data, 1)
    if case.prepare == "touch":
        out = ref  # a re-run over the full build's output, after one workbook changed
    command = [part.format(inbox=folder, out=out, ref=ref) for part in case.command]
    results = []
    for _ in range(runs):
        if case.prepare == "clean" and out.exists():
            shutil.rmtree(out)
        if case.prepare == "touch":
            _touch_one(folder)  # type: ignore[arg-type]
        results.append(measure(command))
    return {
        "case": case.name,
        "runs": runs,
        "wall": statistics.median(r[0] for r in results),
        "cpu": statistics.median(r[1] for r in results),
        "peak_mib": max(r[2] for r in results),
        "exit": max(r[3] for r in results),
        "load": (min(r[4][0] for r in results), max(r[4][1] for r in results)),
        "command": " ".join(str(c).replace(str(ROOT) + "/", "").replace(PY, "python") for c in command),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", default=["import", "ward-build", "ward-check", "ward-naive", "ward-floor"])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--data", type=Path, default=Path("/tmp/reportgen-bench"))
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    if args.list:
        for case in CASES.values():
            print(case.name, " ".join(case.command))
        return 0
    print("| case | runs | wall (median) | CPU (median) | peak memory | load average | exit | command |")
    print("|---|---|---|---|---|---|---|---|")
    for name in args.cases:
        r = run_case(CASES[name], args.data, args.runs)
        low, high = r["load"]  # type: ignore[misc]
        print(f"| {r['case']} | {r['runs']} | {r['wall']:.2f} s | {r['cpu']:.2f} s | {r['peak_mib']} MiB |"
              f" {low:.1f}–{high:.1f} | {r['exit']} | `{r['command']}` |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
