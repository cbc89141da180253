"""The command line: exit codes, Vietnamese messages, no traceback, help everywhere."""

from datetime import date

import pytest
from click.testing import CliRunner

from builders import Admission, Ward, make_branch, make_ward
from reportgen.cli import main


def small_inbox(folder, birth=date(1990, 1, 1)):
    make_ward(folder, Ward(quotas=[(2025, "Chi bộ A", 1, 1, 10), (2025, "Toàn Đảng bộ", 1, None, 10)]))
    make_branch(folder, "Chi bộ A", file="chi-bo-a.xlsx",
                admissions=[Admission("Lê Văn An", birth, date(2025, 6, 1))])
    return folder


def test_check_names_file_sheet_row_column_and_value_of_a_bad_date(tmp_path, monkeypatch):
    small_inbox(tmp_path, birth="30/02/1990")
    monkeypatch.chdir(tmp_path)  # the default --out (`out`) is made here, not in the repository
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    line = next(l for l in result.output.splitlines() if "30/02/1990" in l)
    assert "[Lỗi]" in line and "«Kết nạp»" in line and "dòng 4" in line and "«Ngày sinh»" in line
    assert "── chi-bo-a.xlsx" in result.output


def test_check_clean_inbox_exits_0(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the default --out (`out`) is made here, not in the repository
    result = CliRunner().invoke(main, ["check", str(small_inbox(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "Không có lỗi" in result.output


def test_build_with_errors_writes_nothing(tmp_path):
    inbox = small_inbox(tmp_path / "in", birth="30/02/1990") if (tmp_path / "in").mkdir() is None else None
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(inbox), "--out", str(out)])
    assert result.exit_code == 1
    assert "chưa có văn bản nào được tạo" in result.output
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert [n for n in written if not n.startswith(".reportgen-cache/")] == [  # the cache: reportgen's bookkeeping
        "kiem-tra-du-lieu.xlsx", "kiem-tra/chi-bo-a.xlsx"]


def test_missing_folder_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["check", str(tmp_path / "khong-co")])
    assert result.exit_code == 2
    assert "không có thư mục" in result.output
    assert "Traceback" not in result.output


def test_bad_option_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["build", str(tmp_path), "--year", "hai nghìn"])
    assert result.exit_code == 2


@pytest.mark.parametrize("command", [[], ["build"], ["check"], ["sample"]])
def test_every_command_has_help(command):
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert len(result.output.strip().splitlines()) > 2


def test_usage_errors_are_in_vietnamese(tmp_path):
    result = CliRunner().invoke(main, ["build", str(tmp_path), "--year", "hai nghìn"])
    assert result.exit_code == 2
    assert "Lỗi:" in result.output and "không phải là số hợp lệ" in result.output
    assert "Error" not in result.output and "Usage" not in result.output
    result = CliRunner().invoke(main, ["bild"])
    assert result.exit_code == 2 and "Không có lệnh «bild»" in result.output
    help_text = CliRunner().invoke(main, ["build", "--help"]).output
    assert "Cách dùng:" in help_text and "Tùy chọn:" in help_text and "Options" not in help_text


def test_a_year_without_data_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["build", str(small_inbox(tmp_path)), "--year", "2031",
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "năm 2031 chưa có số liệu" in result.output


def test_a_year_before_the_data_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["build", str(small_inbox(tmp_path)), "--year", "2019",
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "năm 2019 chưa có số liệu" in result.output and "năm đầu tiên có số liệu: 2025" in result.output


def test_vietnamese_output_on_a_non_utf8_console(tmp_path):
    """A Windows console in cp1252 (or output redirected to a file there) must not crash."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    inbox = small_inbox(tmp_path, birth="30/02/1990")
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    done = subprocess.run([sys.executable, "-m", "reportgen", "check", str(inbox), "--out", str(tmp_path / "o")],
                          capture_output=True, env=env, timeout=120)
    out = done.stdout.decode("utf-8")
    assert done.returncode == 1, done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in done.stderr.decode("utf-8", "replace")
    assert "[Lỗi]" in out and "«Ngày sinh»" in out
