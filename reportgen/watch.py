"""A watched inbox (`reportgen watch`): build again whenever a workbook is added,
changed or removed.

Uses the `watchfiles` package (native change notification, polling where that is
not available). After a change it waits until every changed workbook has stopped
growing and can be opened (a copy from a USB stick or a mail attachment is written
over seconds), then builds. A run that fails (a bad file, a template problem, a
workbook open in Excel) is reported like any other run and the watch goes on. The
library never prints: each run is handed to a callback.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from .errors import ReportgenError, os_reason
from .pipeline import BuildOptions, BuildResult, build
from .schema import WORKBOOK_SUFFIXES

SETTLE_SECONDS = 1.0  # a changed file must keep its size and time this long before it is read
PATIENCE_SECONDS = 120.0  # then it is read anyway (and reported if incomplete)
POLL_SECONDS = 0.2
DEBOUNCE_MS = 800  # changes closer than this come as one batch

CHANGE_WORDS = {1: "thêm", 2: "sửa", 3: "xóa"}  # watchfiles.Change values: added, modified, deleted


@dataclass
class WatchRun:
    """One build after a change (or the first one at start)."""

    started: datetime
    changes: list[tuple[str, str]] = field(default_factory=list)  # (file relative to the inbox, thêm/sửa/xóa)
    result: BuildResult | None = None
    problem: str = ""  # Vietnamese: why no build could be made this time
    busy: list[str] = field(default_factory=list)  # files still being written when patience ran out


def is_watched(path: Path, inbox: Path, out: Path) -> bool:
    """A workbook (or an Office lock file) of the inbox, not a file of the output folder."""
    try:
        path.resolve().relative_to(out.resolve())
        return False
    except ValueError:
        pass
    name = path.name
    return name.startswith("~$") or name.startswith(".~lock") or path.suffix.lower() in WORKBOOK_SUFFIXES


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _can_open(path: Path) -> bool:
    """Readable now (on Windows a file still being copied is locked against readers)."""
    try:
        with open(path, "rb") as handle:
            handle.read(1)
    except OSError:
        return False
    return True


def inbox_state(inbox: Path, out: Path) -> dict[Path, tuple[int, int] | None]:
    """Size and time of every watched file of the inbox (a copy of many files is one change)."""
    state: dict[Path, tuple[int, int] | None] = {}
    for path in inbox.rglob("*"):
        if is_watched(path, inbox, out) and path.is_file():
            state[path] = _signature(path)
    return state


def wait_until_complete(
    paths: list[Path],
    settle: float = SETTLE_SECONDS,
    patience: float = PATIENCE_SECONDS,
    stop: threading.Event | None = None,
    state: Callable[[], dict[Path, tuple[int, int] | None]] | None = None,
) -> list[Path]:
    """Wait until each path is gone or has kept its size and time for `settle` seconds and can be
    opened, and `state()` (the whole inbox) has not changed for as long. Returns the paths
    still changing or locked when `patience` ran out."""
    deadline = time.monotonic() + patience

    def snapshot() -> tuple[dict[Path, tuple[int, int] | None], dict[Path, tuple[int, int] | None]]:
        return {p: _signature(p) for p in paths}, (state() if state is not None else {})

    last = snapshot()
    steady_since = time.monotonic()
    while True:
        if stop is not None and stop.is_set():
            return []
        time.sleep(POLL_SECONDS)
        now = snapshot()
        if now != last:
            last, steady_since = now, time.monotonic()
            continue
        waiting = [p for p, sig in now[0].items() if sig is not None and not _can_open(p)]
        if not waiting and time.monotonic() - steady_since >= settle:
            return []
        if time.monotonic() >= deadline:
            return waiting or [p for p, sig in now[0].items() if sig is not None]


def run_once(
    inbox: Path, out: Path, changes: list[tuple[str, str]] | None = None, options: BuildOptions | None = None
) -> WatchRun:
    """One build; every failure becomes `problem`, never an exception."""
    run = WatchRun(datetime.now(), list(changes or []))
    try:
        run.result = build(inbox, out, options)
    except ReportgenError as exc:  # a wrong use, a template problem, a file open in Excel
        run.problem = str(exc)
    except Exception as exc:  # noqa: BLE001 - the watch must survive anything one run meets
        run.problem = (
            f"không đọc hoặc ghi được tệp ({os_reason(exc)})"
            if isinstance(exc, OSError)
            else "lỗi không mong đợi trong chương trình; hãy chạy reportgen build với --verbose để xem chi tiết"
        )
    return run


def watch_inbox(
    inbox: Path,
    out: Path,
    on_run: Callable[[WatchRun], None],
    *,
    stop: threading.Event | None = None,
    settle: float = SETTLE_SECONDS,
    year: int | None = None,
    issued: date | None = None,
    templates: Path | None = None,
    force_polling: bool | None = None,
) -> None:
    """Build once, then again after every change of a workbook in `inbox`, until `stop` is set
    (or Ctrl+C, which reaches the caller as KeyboardInterrupt)."""
    from watchfiles import watch

    inbox, out = Path(inbox), Path(out)
    options = BuildOptions(year=year, issued=issued, templates=templates)

    def wanted(_change: object, path: str) -> bool:
        return is_watched(Path(path), inbox, out)

    # The watcher is running before the first build, so nothing copied meanwhile is missed:
    # with yield_on_timeout it hands over an empty batch once it is watching.
    started = False
    for batch in watch(
        inbox,
        watch_filter=wanted,
        stop_event=stop,
        debounce=DEBOUNCE_MS,
        recursive=True,
        force_polling=force_polling,
        rust_timeout=300,
        yield_on_timeout=True,
    ):
        if not batch:
            if not started:
                started = True
                on_run(run_once(inbox, out, options=options))
            continue
        started = True
        changes = sorted({(_relative(Path(p), inbox), CHANGE_WORDS.get(int(c), "sửa")) for c, p in batch})
        existing = [Path(p) for _, p in batch if Path(p).exists()]
        busy = wait_until_complete(existing, settle=settle, stop=stop, state=lambda: inbox_state(inbox, out))
        if stop is not None and stop.is_set():
            return
        run = run_once(inbox, out, changes, options)
        run.busy = [_relative(p, inbox) for p in busy]
        on_run(run)


def _relative(path: Path, inbox: Path) -> str:
    try:
        return path.relative_to(inbox).as_posix()
    except ValueError:
        return path.name
