"""How findings, row tallies and written files look on a terminal (Vietnamese)."""

from __future__ import annotations

import os
import sys
from collections import defaultdict
from datetime import datetime
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

import click

from .findings import Finding, Findings, Severity, printable
from .intake.load import Inbox

if TYPE_CHECKING:
    from .province import ProvinceResult


def _plural(count: int, word: str) -> str:
    return f"{count} {word}"


def summary_lines(inbox: Inbox) -> list[str]:
    branches = len(inbox.branches)
    lines = [
        f"Đã đọc {len(inbox.files_read)} sổ trong «{printable(str(inbox.folder))}»: "
        f"{'1 sổ tổng hợp của Đảng ủy' if inbox.ward_file else 'không có sổ tổng hợp của Đảng ủy'}, "
        f"{_plural(branches, 'sổ chi bộ')}."
    ]
    nested: dict[str, list[str]] = {}  # sub-folder -> its workbooks: read too, so said by name
    for file in inbox.files_read:
        folder, _, name = file.replace("\\", "/").rpartition("/")
        if folder:
            nested.setdefault(folder, []).append(name)
    if nested:
        lines.append(
            "Đọc cả sổ trong thư mục con: "
            + "; ".join(f"«{printable(k)}»: {', '.join(printable(n) for n in v)}" for k, v in nested.items())
            + " (bản lưu cũ, sổ của nơi khác thì chuyển ra khỏi thư mục)."
        )
    read = sum(t.counts.read for t in inbox.tallies)
    used = sum(t.counts.used for t in inbox.tallies)
    ignored = sum(t.counts.ignored for t in inbox.tallies)
    rejected = sum(t.counts.rejected for t in inbox.tallies)
    lines.append(
        f"Số dòng: đọc {read} = dùng {used} + bỏ qua {ignored} (dòng trống, dòng tổng cộng) "
        f"+ không dùng được do lỗi {rejected}."
    )
    return lines


def tally_lines(inbox: Inbox) -> list[str]:
    return [
        f"  {t.file} / {t.sheet}: đọc {t.counts.read} = dùng {t.counts.used} + bỏ qua {t.counts.ignored}"
        f" + lỗi {t.counts.rejected}"
        for t in inbox.tallies
    ]


def finding_lines(findings: Findings, show_info: bool = True) -> list[str]:
    """Findings grouped by file; errors first within a file."""
    groups: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        if f.severity is Severity.INFO and not show_info:
            continue
        groups[f.file].append(f)
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    lines: list[str] = []
    for file in sorted(groups, key=lambda k: (k != "", k.lower())):
        lines.append(f"── {file}" if file else "── Chung")
        for f in sorted(groups[file], key=lambda x: (order[x.severity], x.sheet, x.row or 0)):
            lines.append(f"   [{f.severity.value}] {f.describe()}")
    return lines


def verdict_line(findings: Findings, no_data: bool = False, watching: bool = False) -> str:
    """The closing sentence; `watching`: the run starts again by itself when a workbook is saved."""
    errors, warnings = len(findings.errors), len(findings.warnings)
    again = "lưu lại, chương trình tự kiểm tra lại" if watching else "chạy lại"
    if no_data and not errors:
        return (
            "Các sổ chưa có số liệu (sổ trống): không có lỗi. Hãy điền các ô còn trống (ghi chú ở trên), "
            f"các danh sách nguồn, kết nạp, chỉ tiêu rồi {again}."
        )
    if errors:
        return (
            f"Có {errors} lỗi và {warnings} cảnh báo. Hãy sửa các lỗi trong sổ Excel rồi {again}; "
            "chưa có văn bản nào được tạo."
        )
    if warnings:
        return f"Không có lỗi; có {warnings} cảnh báo cần xem lại."
    return "Không có lỗi, không có cảnh báo."


def written_lines(paths: list[Path], out: Path) -> list[str]:
    lines = [f"Đã tạo {len(paths)} tệp trong «{printable(str(out))}»:"]
    for path in paths:
        try:
            shown = path.relative_to(out).as_posix()
        except ValueError:
            shown = str(path)
        lines.append(f"  {printable(shown)}")
    return lines


def removed_lines(removed: list[Path], kept: list[Path], out: Path, errors: bool) -> list[str]:
    """What this run removed of an earlier run's files in the output folder, and why."""

    def shown(paths: list[Path]) -> str:
        names = []
        for path in paths:
            try:
                names.append(printable(path.relative_to(out).as_posix()))
            except ValueError:
                names.append(printable(str(path)))
        return ", ".join(names[:8]) + (f" và {len(names) - 8} tệp khác" if len(names) > 8 else "")

    lines = []
    if removed:
        why = (
            "vì lần này các sổ có lỗi nên chưa tạo lại được; các văn bản cũ không còn khớp với sổ"
            if errors
            else "vì lần này không tạo lại các tệp đó"
        )
        lines.append(
            f"Đã xóa {len(removed)} tệp do lần chạy trước tạo trong «{printable(str(out))}» {why}: {shown(removed)}"
        )
    if kept:
        lines.append(
            f"Giữ lại {len(kept)} tệp do lần chạy trước tạo vì đã được sửa sau đó (không còn khớp với sổ,"
            f" hãy tự xem lại): {shown(kept)}"
        )
    return lines


def checks_lines(paths: list[Path], out: Path) -> list[str]:
    """Where the findings workbook and the marked copies are."""
    if not paths:
        return []
    lines = [f"Sổ kiểm tra dữ liệu: {printable(str(paths[0]))}"]
    if len(paths) > 1:
        lines.append(
            f"Bản sao các sổ có lỗi hoặc cảnh báo, ô cần sửa được tô màu và ghi chú: "
            f"{printable(os.path.commonpath([str(p.parent) for p in paths[1:]]))}"
            f" ({len(paths) - 1} tệp)"
        )
    return lines


def province_lines(result: ProvinceResult, out: Path) -> list[str]:
    """One line per ward (documents made, or why not), the wards' errors, the province's findings
    and what became of the province report."""
    lines = [
        f"Đã đọc {len(result.wards)} đảng bộ trong «{result.province.folder}»"
        + (f" và sổ của cấp tỉnh «{result.province.file}»." if result.province.file else ".")
    ]
    for w in result.wards:
        errors, warnings = len(w.findings.errors), len(w.findings.warnings)
        where = printable(str(out / w.slug)) + os.sep  # the whole path given: a clerk finds it from there
        if w.problem:
            lines.append(f"  ✗ {w.folder.name}: {w.problem}")
        elif errors:
            lines.append(
                f"  ✗ {w.folder.name}: {w.files_read} sổ, {errors} lỗi, {warnings} cảnh báo;"
                f" chưa tạo văn bản (xem {where}kiem-tra-du-lieu.xlsx)"
            )
        else:
            made = f", {len(w.written)} tệp trong {where}" if w.written else ""
            lines.append(f"  ✓ {w.folder.name}: {w.files_read} sổ, {warnings} cảnh báo{made}")
    for w in result.wards:
        # a workbook open in Excel while the ward was read: its unsaved changes are not counted
        locks = [f for f in w.findings if PurePath(f.file).name.startswith(("~$", ".~lock"))]
        if w.findings.has_errors or locks:
            lines.append("")
            lines.append(f"══ {w.folder.name}")
            lines += [f"   {line}" for line in finding_lines(Findings([*w.findings.errors, *locks]), show_info=True)]
    if len(result.findings):
        lines.append("")
        lines += finding_lines(result.findings, show_info=True)
    left = result.left_out
    lines.append("")
    if left:
        lines.append(
            "Chưa lập báo cáo tổng hợp vì thiếu số liệu của "
            + "; ".join(f"«{w.folder}» ({w.reason})" for w in left)
            + ". Hãy sửa các sổ này rồi chạy lại."
        )
    elif result.findings.has_errors:
        lines.append("Chưa lập báo cáo tổng hợp vì các lỗi nêu trên. Hãy sửa rồi chạy lại.")
    return lines


class ProgressBar:
    """The library's progress as click progress bars on standard error; nothing when it
    is not a terminal (a script, a pipe, a log file) or with --quiet."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._bar: Any = None

    @classmethod
    def for_terminal(cls, quiet: bool) -> ProgressBar:
        return cls(not quiet and sys.stderr.isatty())

    def stage(self, label: str, total: int) -> None:
        self.close()
        if self.enabled and total > 0:
            self._bar = click.progressbar(
                length=total, label=label, file=sys.stderr, show_pos=True, show_eta=True, width=30
            )
            self._bar.__enter__()

    def advance(self, count: int = 1) -> None:
        if self._bar is not None:
            self._bar.update(count)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


def _seconds(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def closing_line(
    *, seconds: float, workbooks: int, written: int, errors: int, warnings: int, wards: int | None = None
) -> str:
    """One line at the end of every run: what was read and made, the findings, the time."""
    read = f"đọc {workbooks} sổ" + (f" của {wards} đảng bộ" if wards is not None else "")
    return f"Xong sau {_seconds(seconds)} giây: {read}, tạo {written} tệp; {errors} lỗi, {warnings} cảnh báo."


# `reportgen` alone: the short guide (the full list of commands is in `reportgen --help`).
GUIDE = [
    "reportgen: lập báo cáo công tác phát triển đảng viên từ các sổ Excel của chi bộ.",
    "",
    "Các bước thường dùng:",
    '  1. reportgen init D:\\SoLieu --chi-bo "Chi bộ A; Chi bộ B"   tạo bộ sổ trống gửi các chi bộ',
    "  2. reportgen check D:\\SoLieu                               kiểm tra các sổ đã nhận, liệt kê lỗi",
    "  3. reportgen build D:\\SoLieu --out D:\\BaoCao               lập các văn bản",
    "     reportgen watch D:\\SoLieu --out D:\\BaoCao               tự lập lại mỗi khi có sổ mới (dừng: Ctrl+C)",
    "",
    "Mọi lệnh và tùy chọn: reportgen --help; hướng dẫn một lệnh: reportgen build --help.",
]

# Colours on a terminal: red for errors, yellow for warnings (click drops them when not a terminal).
_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow"}


def paint(line: str) -> str:
    """A line coloured by the severity it starts with (`[Lỗi]`, `[Cảnh báo]`) or the verdict it gives."""
    text = line.lstrip()
    for severity, colour in _COLOURS.items():
        if text.startswith(f"[{severity.value}]"):
            return click.style(line, fg=colour)
    if text.startswith("Có ") and " lỗi và " in text:
        return click.style(line, fg="red", bold=True)
    if text.startswith("Không có lỗi; có "):
        return click.style(line, fg="yellow")
    return line


def run_heading(started: datetime, changes: list[tuple[str, str]]) -> str:
    """`[23:05:12] thêm CB-1.xlsx, sửa So-tong-hop.xlsx` for a run of `reportgen watch`."""
    stamp = started.strftime("%H:%M:%S %d/%m/%Y")
    if not changes:
        return f"[{stamp}] Lập văn bản từ các sổ hiện có."
    listed = ", ".join(f"{word} «{name}»" for name, word in changes[:8])
    more = f" và {len(changes) - 8} tệp khác" if len(changes) > 8 else ""
    return f"[{stamp}] Có thay đổi: {listed}{more}."
