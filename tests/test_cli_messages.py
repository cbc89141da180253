"""The CLI's main errors, compared whole (exit code and every line), the one handler of the
library's problems, and help derived from the command list itself."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import reportgen
from reportgen import cli, pipeline
from reportgen.cli import main
from reportgen.errors import ReportgenError, UsageProblem
from reportgen.render.output import OutputProblem
from reportgen.sample import write_sample


def run(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, list(args), prog_name="reportgen")
    return result.exit_code, result.output.splitlines()


def test_missing_folder_whole_message(tmp_path: Path) -> None:
    missing = tmp_path / "khong-co"
    assert run("check", str(missing)) == (2, [
        "Cách dùng: reportgen check [TÙY CHỌN] THƯ_MỤC_SỔ",
        "Xem hướng dẫn: reportgen check --help",
        "",
        f"Lỗi: không có thư mục «{missing}»",
    ])


def test_out_is_a_file_whole_message(tmp_path: Path) -> None:
    write_sample(tmp_path / "in")
    target = tmp_path / "ket-qua.txt"
    target.write_text("x", encoding="utf-8")
    assert run("build", str(tmp_path / "in"), "--out", str(target)) == (2, [
        "Cách dùng: reportgen build [TÙY CHỌN] THƯ_MỤC_SỔ",
        "Xem hướng dẫn: reportgen build --help",
        "",
        f"Lỗi: «{target}» là một tệp, không phải thư mục; hãy chọn thư mục kết quả khác cho --out",
    ])


def test_missing_template_whole_message(tmp_path: Path) -> None:
    write_sample(tmp_path / "in")
    (tmp_path / "mau").mkdir()
    code, lines = run("build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--templates",
                      str(tmp_path / "mau"))
    assert code == 1
    assert lines[-6:] == [  # every template named in one run
        "4 mẫu văn bản có lỗi:",
        *(f"- «{name}»: không tìm thấy tệp mẫu tại «{tmp_path / 'mau' / name}»."
          for name in ("bao-cao.docx", "tong-ket-nhiem-ky.docx", "chi-bo.docx", "ke-hoach.docx")),
        "Hãy sửa các mẫu rồi chạy lại (hoặc chép lại mẫu gốc bằng lệnh: reportgen templates THƯ_MỤC_MẪU --ghi-de).",
    ]
    assert not any("Traceback" in line for line in lines)


def test_templates_already_there_whole_message(tmp_path: Path) -> None:
    assert run("templates", str(tmp_path))[0] == 0
    code, lines = run("templates", str(tmp_path))
    assert code == 1
    assert lines == [
        f"Thư mục «{tmp_path}» đã có mẫu văn bản «bao-cao.docx», «tong-ket-nhiem-ky.docx», «chi-bo.docx»,"
        " «ke-hoach.docx», «tong-hop.docx»; chưa chép mẫu nào để khỏi ghi đè lên mẫu đã sửa. Muốn thay bằng mẫu"
        " gốc, hãy chạy lại với --ghi-de; hoặc chọn một thư mục khác."
    ]


def test_bad_document_date_whole_message(tmp_path: Path) -> None:
    code, lines = run("build", str(tmp_path), "--ngay", "31/02/2026")
    assert code == 2
    assert lines[-1] == ("Lỗi: Giá trị không hợp lệ ở --ngay: «31/02/2026»: ngày này không có thật; cần một ngày hợp"
                         " lệ, ghi theo thứ tự ngày/tháng/năm (ví dụ 05/01/2023)")


# --- the one handler -----------------------------------------------------------------


def _raising(exc: BaseException):  # type: ignore[no-untyped-def]
    def fail(*args: object, **kwargs: object) -> None:
        raise exc

    return fail


def test_a_bug_is_reported_without_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_sample(tmp_path / "in")
    monkeypatch.setattr(cli, "build_documents", _raising(RuntimeError("hỏng")))
    assert run("build", str(tmp_path / "in"), "--out", str(tmp_path / "out")) == (1, [
        "Lỗi không mong đợi trong chương trình. Hãy chạy lại với --verbose và gửi nội dung hiện ra cho người hỗ trợ."
    ])


def test_verbose_shows_the_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_sample(tmp_path / "in")
    monkeypatch.setattr(cli, "build_documents", _raising(RuntimeError("hỏng")))
    result = CliRunner().invoke(main, ["build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-v"])
    assert result.exit_code == 1
    assert "Traceback" in result.output and "RuntimeError: hỏng" in result.output


@pytest.mark.parametrize(("problem", "code"), [
    (UsageProblem("năm 2031 chưa có số liệu nào"), 2),
    (OutputProblem(Path("x.docx"), "tệp đang mở trong Word"), 1),
])
def test_every_library_problem_goes_through_one_handler(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        problem: ReportgenError, code: int) -> None:
    write_sample(tmp_path / "in")
    monkeypatch.setattr(cli, "check_inbox", _raising(problem))
    exit_code, lines = run("check", str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert exit_code == code
    assert lines[-1] == (f"Lỗi: {problem}" if code == 2 else str(problem))


def test_every_command_is_handled() -> None:
    for name, command in main.commands.items():
        assert getattr(command.callback, cli.HANDLED, False), name


def _library_modules() -> list[str]:
    return [m.name for m in pkgutil.walk_packages(reportgen.__path__, "reportgen.")
            if not m.name.endswith("__main__")]


def test_every_exception_of_the_library_has_the_one_base() -> None:
    for name in _library_modules():
        module = importlib.import_module(name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, BaseException) and value.__module__ == name:
                assert issubclass(value, ReportgenError), f"{name}.{value.__name__}"


def test_pipeline_usage_problem_is_the_library_one() -> None:
    assert pipeline.UsageProblem is UsageProblem


# --- help, from the command list ---------------------------------------------------------


def commands(group: click.Group = main, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += commands(command, (*path, name))
        else:
            found.append((*path, name))
    return found


@pytest.mark.parametrize("path", commands(), ids=lambda p: " ".join(p) or "reportgen")
def test_every_command_and_option_has_help(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    command: click.Command = main
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    assert (command.help or "").strip(), f"{' '.join(path)}: no help text"
    assert command.help.split()[0] in result.output
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert (param.help or "").strip(), f"{' '.join(path)} {param.opts[0]}: no help text"
            assert param.opts[0] in result.output


def test_the_command_list_is_not_empty() -> None:
    assert {"build", "check", "sample", "templates"} <= set(main.commands)
