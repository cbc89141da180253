"""Problems a black-box tester found, each tested on real files (workbooks written with openpyxl)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from reportgen.cli import main
from reportgen.sample import WARD_FILE


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), prog_name="reportgen")
    return result.exit_code, result.output


def test_sample_refuses_to_overwrite_workbooks(tmp_path: Path) -> None:
    folder = tmp_path / "so"
    folder.mkdir()
    real = folder / WARD_FILE
    real.write_bytes(b"so that cua van phong")
    code, output = run("sample", str(folder))
    assert code == 1
    assert WARD_FILE in output and "--ghi-de" in output
    assert real.read_bytes() == b"so that cua van phong"
    assert [p.name for p in folder.iterdir()] == [WARD_FILE]  # nothing else written either
    code, output = run("sample", str(folder), "--ghi-de")
    assert code == 0, output
    assert real.read_bytes() != b"so that cua van phong"
