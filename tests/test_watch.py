"""`reportgen watch`: files dropped into a watched temporary folder.

The library test runs `watch_inbox` in a thread and collects each run; the CLI test runs
the real program, drops the sample in, and stops it with Ctrl+C (SIGINT).
"""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reportgen.findings import Severity
from reportgen.watch import WatchRun, is_watched, wait_until_complete, watch_inbox

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data"
WAIT = 90.0  # seconds: generous on a shared machine; the measured times are far below


class Watcher:
    def __init__(self, inbox: Path, out: Path):
        self.runs: queue.Queue[WatchRun] = queue.Queue()
        self.stop = threading.Event()
        self.thread = threading.Thread(
            target=watch_inbox, args=(inbox, out, self.runs.put), kwargs={"stop": self.stop, "settle": 0.6},
            daemon=True,
        )
        self.thread.start()

    def next_run(self, until, timeout: float = WAIT) -> WatchRun:
        """The first run for which `until(run)` holds."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            assert remaining > 0, "no such run within the time allowed"
            run = self.runs.get(timeout=remaining)
            if until(run):
                return run

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=15)
        assert not self.thread.is_alive()


def _errors(run: WatchRun, file: str) -> list:
    assert run.result is not None, run.problem
    return [f for f in run.result.check.findings if f.file == file and f.severity is Severity.ERROR]


def _slow_copy(source: Path, target: Path, pieces: int = 4, pause: float = 0.35) -> None:
    data = source.read_bytes()
    size = len(data) // pieces + 1
    with open(target, "wb") as handle:
        for start in range(0, len(data), size):
            handle.write(data[start:start + size])
            handle.flush()
            os.fsync(handle.fileno())
            time.sleep(pause)


def test_documents_appear_then_a_bad_file_is_reported_and_the_watch_goes_on(tmp_path):
    inbox, out = tmp_path / "hop-thu", tmp_path / "van-ban"
    inbox.mkdir()
    watcher = Watcher(inbox, out)
    try:
        first = watcher.next_run(lambda r: True)
        assert first.changes == [] and first.result is not None and not first.result.check.ok  # nothing yet

        started = time.monotonic()
        for path in sorted(SAMPLE.glob("*.xlsx")):
            shutil.copy2(path, inbox / path.name)
        built = watcher.next_run(lambda r: r.result is not None and bool(r.result.written))
        elapsed = time.monotonic() - started
        assert (out / "bao-cao-2025.docx").is_file() and (out / "tong-hop-2025.xlsx").is_file()
        assert len(list((out / "chi-bo").glob("*.docx"))) == len(list(SAMPLE.glob("CB-*.xlsx")))
        assert ("So-tong-hop-Dang-uy.xlsx", "thêm") in built.changes
        print(f"documents written {elapsed:.1f} s after the copy began")

        (inbox / "hong.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
        bad = watcher.next_run(lambda r: any(name == "hong.xlsx" for name, _ in r.changes))
        assert [f.rule for f in _errors(bad, "hong.xlsx")] == ["unreadable-file"]
        assert not bad.result.written and bad.problem == ""
        assert watcher.thread.is_alive()

        (inbox / "hong.xlsx").unlink()
        again = watcher.next_run(lambda r: ("hong.xlsx", "xóa") in r.changes)
        assert again.result is not None and again.result.check.ok and again.result.written
    finally:
        watcher.close()


def test_a_workbook_copied_slowly_is_read_only_when_complete(tmp_path):
    inbox, out = tmp_path / "hop-thu", tmp_path / "van-ban"
    inbox.mkdir()
    for path in sorted(SAMPLE.glob("*.xlsx")):
        if path.name != "CB-Tram-Y-te.xlsx":
            shutil.copy2(path, inbox / path.name)
    watcher = Watcher(inbox, out)
    try:
        watcher.next_run(lambda r: True)
        _slow_copy(SAMPLE / "CB-Tram-Y-te.xlsx", inbox / "CB-Tram-Y-te.xlsx")
        run = watcher.next_run(lambda r: any(name == "CB-Tram-Y-te.xlsx" for name, _ in r.changes))
        assert _errors(run, "CB-Tram-Y-te.xlsx") == []  # never read half-written
        assert run.result.check.ok and (out / "chi-bo" / "chi-bo-tram-y-te.docx").is_file()
    finally:
        watcher.close()


def test_a_template_problem_is_a_run_with_a_problem_not_the_end(tmp_path):
    inbox, out, templates = tmp_path / "hop-thu", tmp_path / "van-ban", tmp_path / "mau"
    templates.mkdir()  # an empty templates folder: every build fails with a TemplateProblem
    shutil.copytree(SAMPLE, inbox)
    runs: list[WatchRun] = []
    stop = threading.Event()
    thread = threading.Thread(target=watch_inbox, args=(inbox, out, runs.append),
                              kwargs={"stop": stop, "settle": 0.3, "templates": templates}, daemon=True)
    thread.start()
    deadline = time.monotonic() + WAIT
    while not runs and time.monotonic() < deadline:
        time.sleep(0.1)
    assert runs and "không tìm thấy tệp mẫu" in runs[0].problem
    assert thread.is_alive()
    stop.set()
    thread.join(timeout=15)
    assert not thread.is_alive()


def test_only_workbooks_and_lock_files_outside_the_output_folder_are_watched(tmp_path):
    out = tmp_path / "out"
    assert is_watched(tmp_path / "a.xlsx", tmp_path, out)
    assert is_watched(tmp_path / "~$a.xlsx", tmp_path, out)
    assert is_watched(tmp_path / "sub" / "b.ODS", tmp_path, out)
    assert not is_watched(tmp_path / "ghi-chu.docx", tmp_path, out)
    assert not is_watched(out / "kiem-tra" / "a.xlsx", tmp_path, out)


def test_wait_until_complete_waits_for_a_growing_file(tmp_path):
    target = tmp_path / "a.xlsx"
    target.write_bytes(b"x")
    writer = threading.Thread(target=_slow_copy, args=(SAMPLE / "CB-Tram-Y-te.xlsx", target, 5, 0.3))
    started = time.monotonic()
    writer.start()
    assert wait_until_complete([target], settle=0.6) == []
    writer.join()
    assert time.monotonic() - started >= 1.5  # five pieces 0.3 s apart, then 0.6 s of quiet
    assert target.read_bytes() == (SAMPLE / "CB-Tram-Y-te.xlsx").read_bytes()
    load_workbook(target)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process")
def test_the_program_watches_and_stops_cleanly_on_ctrl_c(tmp_path):
    inbox = tmp_path / "hop-thu"
    inbox.mkdir()
    env = {**os.environ, "NO_COLOR": "1", "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "reportgen", "watch", str(inbox), "--out", str(tmp_path / "van-ban")],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()

    def wait_for(text: str) -> list[str]:
        seen = []
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                continue
            seen.append(line)
            if text in line:
                return seen
        process.kill()
        raise AssertionError(f"no line with {text!r}; got {seen[-20:]}; errors: {process.stderr.read()[-3000:]}")

    try:
        wait_for("Đang theo dõi")
        for path in sorted(SAMPLE.glob("*.xlsx")):
            shutil.copy2(path, inbox / path.name)
        shown = wait_for("Đã tạo 18 tệp")
        text = "".join(shown)
        assert "Có thay đổi: thêm «" in text
        assert text.lstrip().startswith("[")  # each run starts with its time
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
        errors = process.stderr.read()
        wait_for("Đã dừng theo dõi.")
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0
    assert "Traceback" not in errors, errors
