"""The world around the workbooks: things in the inbox that are not regular files,
file names that are not UTF-8, links to folders, old output folders, where --out
points. Each run ends in bounded time with a clear message and writes only in --out."""

from __future__ import annotations

import os
import shutil
import signal
import zipfile
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from builders import Admission, Ward, make_branch, make_ward
from reportgen.cli import main
from reportgen.findings import Findings
from reportgen.intake.load import load_inbox

FIXTURES = Path(__file__).parent / "fixtures"
BRANCH = "Chi bộ Tổ dân phố 1"


def clean_inbox(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    make_ward(folder, Ward(quotas=[(2025, BRANCH, 1, 1, 10), (2025, "Toàn Đảng bộ", 1, None, 10)]))
    make_branch(folder, BRANCH, file="a.xlsx", admissions=[Admission("Lê Văn An", date(1990, 1, 1), date(2025, 6, 1))])
    return folder


@contextmanager
def deadline(seconds: int):
    """Fail instead of hanging."""
    def expired(signum, frame):  # noqa: ARG001
        raise TimeoutError(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    state = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in filenames + dirnames:
            path = Path(dirpath) / name
            stat = path.lstat()
            state[str(path)] = (stat.st_size, stat.st_mtime_ns if not path.is_dir() else 0)
    return state


def run(*args: str) -> "object":
    return CliRunner().invoke(main, [*args])


def changed_outside(before: dict, after: dict, out: Path) -> list[str]:
    return [p for p in set(after) | set(before)
            if before.get(p) != after.get(p) and not Path(p).is_relative_to(out) and Path(p) != out]


def test_named_pipe_named_like_a_workbook_is_skipped_not_opened(tmp_path):
    inbox = clean_inbox(tmp_path / "in")
    os.mkfifo(inbox / "ong.xlsx")
    with deadline(60):
        result = run("check", str(inbox), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert "── ong.xlsx" in result.output
    assert "ống dẫn (named pipe)" in result.output and "Traceback" not in result.output


def test_link_to_a_device_named_like_a_workbook_is_skipped(tmp_path):
    inbox = clean_inbox(tmp_path / "in")
    (inbox / "thiet-bi.xlsx").symlink_to("/dev/zero")
    with deadline(60):
        result = run("check", str(inbox), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert "── thiet-bi.xlsx" in result.output and "thiết bị" in result.output


def test_link_to_a_folder_is_listed_not_followed(tmp_path):
    inbox = clean_inbox(tmp_path / "in")
    other = clean_inbox(tmp_path / "other")
    (inbox / "lien-ket").symlink_to(other, target_is_directory=True)
    findings = Findings()
    loaded = load_inbox(inbox, findings)
    skipped = [f for f in findings if f.rule == "skipped-file" and f.file == "lien-ket"]
    assert len(skipped) == 1 and "liên kết tới một thư mục" in skipped[0].message
    assert loaded.files_read == ["a.xlsx", "Dang-uy.xlsx"]


def test_broken_link_is_listed(tmp_path):
    inbox = clean_inbox(tmp_path / "in")
    (inbox / "mat.xlsx").symlink_to(tmp_path / "khong-co.xlsx")
    findings = Findings()
    load_inbox(inbox, findings)
    assert [f.file for f in findings if f.rule == "skipped-file"] == ["mat.xlsx"]


def test_file_name_that_is_not_utf8_is_read_printed_and_written(tmp_path):
    inbox = clean_inbox(tmp_path / "in")
    raw = os.fsencode(inbox) + b"/B\xe1o c\xe1o chi b\xf4.xlsx"  # cp1258 bytes, not UTF-8
    os.rename(inbox / "a.xlsx", raw)
    out = tmp_path / "out"
    wb = load_workbook(os.fsdecode(raw))
    wb["Kết nạp"]["D4"] = "Khác"  # an error in that file, so that it gets a marked copy
    wb.save(os.fsdecode(raw))
    result = run("check", str(inbox), "--out", str(out))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "Lỗi không mong đợi" not in result.output
    shown = "B\\xe1o c\\xe1o chi b\\xf4.xlsx"
    assert f"── {shown}" in result.output
    assert "tên tệp không phải chữ Unicode" in result.output
    rows = list(load_workbook(out / "kiem-tra-du-lieu.xlsx")["Lỗi và cảnh báo"].iter_rows(values_only=True))
    assert any(r[2] == shown and r[3] == "Kết nạp" and r[4] == 4 and r[7] == "Khác" for r in rows)
    assert (out / "kiem-tra" / shown).is_file()


def test_same_file_name_in_two_sub_folders_keeps_both_marked_copies(tmp_path):
    inbox = clean_inbox(tmp_path / "in")
    for sub, name in (("to1", "Chi bộ Tổ dân phố 2"), ("to2", "Chi bộ Tổ dân phố 3")):
        (inbox / sub).mkdir()
        make_branch(inbox / sub, name, file="so.xlsx", admissions=[Admission("Ai Đó", "31/02/1990", date(2025, 6, 1))])
    out = tmp_path / "out"
    result = run("check", str(inbox), "--out", str(out))
    assert result.exit_code == 1
    copies = sorted(p.relative_to(out / "kiem-tra").as_posix() for p in (out / "kiem-tra").rglob("*.xlsx"))
    assert copies == ["to1/so.xlsx", "to2/so.xlsx"]
    for sub in ("to1", "to2"):
        cell = load_workbook(out / "kiem-tra" / sub / "so.xlsx")["Kết nạp"]["C4"]
        assert cell.comment is not None and "không có thật" in cell.comment.text


def test_xls_with_errors_says_it_has_no_marked_copy(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    make_ward(inbox, Ward(quotas=[(2025, "Chi bộ Tổ dân phố 7", 1, 1, 10)]))
    shutil.copy(FIXTURES / "cb7.xls", inbox / "cb7.xls")
    shutil.copy(FIXTURES / "cb7.xls", inbox / "cb7-ban-sao.xls")  # the same branch twice: an error there
    out = tmp_path / "out"
    result = run("check", str(inbox), "--out", str(out))
    assert result.exit_code == 1
    section = result.output.split("── cb7.xls", 1)[1].split("──", 1)[0]
    assert "không có bản sao đánh dấu ô lỗi" in section
    assert not list((out / "kiem-tra").glob("cb7*"))


def _entity_bomb(source: Path, target: Path) -> None:
    entities = "".join(f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10 if i else "lol"}">' for i in range(10))
    dtd = f'<?xml version="1.0"?><!DOCTYPE w [{entities}]>'.encode()
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = dtd + data.split(b"?>", 1)[-1].replace('name="Nguồn"'.encode(), b'name="&l9;"', 1)
            out.writestr(item, data)


def test_entity_bomb_in_workbook_xml_is_refused(tmp_path):
    inbox = clean_inbox(tmp_path / "in")
    _entity_bomb(inbox / "a.xlsx", inbox / "bom.xlsx")
    with deadline(60):
        findings = Findings()
        load_inbox(inbox, findings)
    hits = [f for f in findings.errors if f.file == "bom.xlsx"]
    assert len(hits) == 1 and "xl/workbook.xml" in hits[0].message and "thực thể XML" in hits[0].message


# --- the output folder --------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize("placement, words", [
    ("inbox", "trùng với thư mục sổ"),
    ("parent", "chứa thư mục sổ"),
    ("file", "là một tệp, không phải thư mục"),
    ("under-a-file", "là một tệp, không phải thư mục"),
])
def test_wrong_output_folder_is_a_usage_error_before_any_work(tmp_path, command, placement, words):
    inbox = clean_inbox(tmp_path / "work" / "in")
    (tmp_path / "work" / "ghi-chu.txt").write_text("x")
    out = {"inbox": inbox, "parent": tmp_path / "work", "file": tmp_path / "work" / "ghi-chu.txt",
           "under-a-file": tmp_path / "work" / "ghi-chu.txt" / "out"}[placement]
    before = snapshot(tmp_path)
    result = run(command, str(inbox), "--out", str(out))
    assert result.exit_code == 2, result.output
    assert words in result.output and "--out" in result.output
    assert "Traceback" not in result.output and "Lỗi không mong đợi" not in result.output
    assert snapshot(tmp_path) == before  # nothing written anywhere


@pytest.mark.parametrize("command", ["check", "build"])
def test_output_folder_that_cannot_be_written_is_a_usage_error(tmp_path, command, monkeypatch):
    inbox = clean_inbox(tmp_path / "in")
    out = tmp_path / "chi-doc"

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("reportgen.pipeline.tempfile.mkstemp", refuse)
    before = snapshot(tmp_path)
    result = run(command, str(inbox), "--out", str(out))
    assert result.exit_code == 2, result.output
    assert "không ghi được vào thư mục kết quả" in result.output and "không có quyền truy cập" in result.output
    assert "Permission denied" not in result.output
    assert snapshot(tmp_path) == before


def test_output_folder_of_an_earlier_run_inside_the_inbox_is_not_read(tmp_path):
    inbox = clean_inbox(tmp_path / "in")
    first = run("build", str(inbox), "--out", str(inbox / "ket-qua-cu"), "--year", "2025")
    assert first.exit_code == 0, first.output
    wb = load_workbook(inbox / "a.xlsx")  # an error, so that a marked copy is written next time
    wb["Kết nạp"]["D4"] = "Khác"
    wb.save(inbox / "a.xlsx")
    second = run("check", str(inbox), "--out", str(inbox / "ket-qua-cu"))
    assert (inbox / "ket-qua-cu" / "kiem-tra" / "a.xlsx").is_file()
    out = tmp_path / "out"
    third = run("check", str(inbox), "--out", str(out))
    assert third.exit_code == 1, third.output
    assert "hai sổ" not in third.output  # its marked copy is no second branch workbook
    assert "── ket-qua-cu" in third.output and "thư mục kết quả của một lần chạy trước" in third.output
    assert second.exit_code == 1 and "── ket-qua-cu" not in second.output  # the current --out: not even listed


def test_output_folder_inside_the_inbox_is_allowed_and_not_read(tmp_path):
    inbox = clean_inbox(tmp_path / "in")
    out = inbox / "ket-qua"
    before = snapshot(inbox)
    result = run("build", str(inbox), "--out", str(out), "--year", "2025")
    assert result.exit_code == 0, result.output
    assert not changed_outside(before, snapshot(inbox), out)
    again = run("build", str(inbox), "--out", str(out), "--year", "2025")
    assert again.exit_code == 0 and "── ket-qua" not in again.output
