"""Messages a clerk acts on: the lock-file note, the short guide, the help, colours."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from reportgen.cli import main
from reportgen.intake.discover import discover, locked_workbook

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_lock_files_name_the_open_workbook(tmp_path):
    (tmp_path / "CB-To-dan-pho-3.xlsx").write_bytes(b"")
    (tmp_path / "~$CB-To-dan-pho-3.xlsx").write_bytes(b"")  # Excel
    (tmp_path / ".~lock.So-tong-hop.xlsx#").write_bytes(b"")  # LibreOffice
    (tmp_path / "So-tong-hop.xlsx").write_bytes(b"")
    (tmp_path / "~$mat-tich.xlsx").write_bytes(b"")  # left over, no workbook
    reasons = {s.path.name: s.reason for s in discover(tmp_path).skipped}
    assert "sổ «CB-To-dan-pho-3.xlsx» đang mở" in reasons["~$CB-To-dan-pho-3.xlsx"]
    assert "những sửa chưa lưu sẽ không được tính" in reasons["~$CB-To-dan-pho-3.xlsx"]
    assert "sổ «So-tong-hop.xlsx» đang mở" in reasons[".~lock.So-tong-hop.xlsx#"]
    assert "không có trong thư mục" in reasons["~$mat-tich.xlsx"]
    # Word-style names: the first two letters replaced by ~$
    assert locked_workbook("~$-To-dan-pho-3.xlsx", ["CB-To-dan-pho-3.xlsx"]) == "CB-To-dan-pho-3.xlsx"


def test_bare_reportgen_prints_the_short_guide():
    result = CliRunner().invoke(main, [])
    assert result.exit_code == 0
    for command in ("init", "check", "build", "watch"):
        assert f"reportgen {command} " in result.output
    assert "reportgen --help" in result.output


def test_help_lists_every_command_with_its_whole_line():
    result = CliRunner().invoke(main, ["--help"], terminal_width=200)
    assert result.exit_code == 0
    listed = " ".join(result.output.split())
    for name, command in main.commands.items():
        assert command.short_help, name
        assert f"{name} {command.short_help}" in listed, name
    assert "..." not in result.output.split("Lệnh:")[1]


def test_no_developer_default_in_any_help():
    for name in main.commands:
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        assert "sample_data" not in result.output, name


def _check_output(tmp_path, **kwargs) -> str:
    inbox = tmp_path / "so"
    shutil.copytree(SAMPLE, inbox)
    (inbox / "hong.xlsx").write_bytes(b"not a workbook")
    result = CliRunner().invoke(main, ["check", str(inbox), "--out", str(tmp_path / "out")], **kwargs)
    assert result.exit_code == 1
    return result.output


def test_errors_red_and_warnings_yellow_on_a_terminal(tmp_path, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    output = _check_output(tmp_path, color=True)
    lines = output.splitlines()
    error = next(line for line in lines if "[Lỗi]" in line)
    warning = next(line for line in lines if "[Cảnh báo]" in line)
    note = next(line for line in lines if "[Ghi chú]" in line)
    assert error.startswith("\x1b[31m") and error.endswith("\x1b[0m")
    assert warning.startswith("\x1b[33m")
    assert not ANSI.search(note)


def test_no_colours_with_no_color_or_off_a_terminal(tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert not ANSI.search(_check_output(tmp_path / "a", color=True))
    monkeypatch.delenv("NO_COLOR")
    assert not ANSI.search(_check_output(tmp_path / "b"))  # CliRunner's output is not a terminal
