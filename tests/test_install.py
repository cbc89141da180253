"""Install routes: a regular (non-editable) install outside the repository finds its
templates through importlib.resources and builds the sample there.

The package is copied out of the repository and installed with
`pip install --target` into a fresh folder; the program then runs from a folder that
holds neither the repository nor a `sample_data/`, with only the installed copy on
the path ahead of the dependencies of this environment.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

import reportgen

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    base = tmp_path_factory.mktemp("install")
    source = base / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "reportgen", source / "reportgen", ignore=shutil.ignore_patterns("__pycache__"))
    target = base / "site"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
         "--target", str(target), str(source)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    shutil.rmtree(source)  # nothing may be read from the copy it was built from
    work = base / "work"
    work.mkdir()
    return target, work


def _run(installed, *args: str) -> subprocess.CompletedProcess[str]:
    target, work = installed
    env = {**os.environ, "PYTHONPATH": str(target), "NO_COLOR": "1"}
    script = target / "bin" / "reportgen"
    command = [sys.executable, str(script)] if script.is_file() else [sys.executable, "-m", "reportgen"]
    return subprocess.run([*command, *args], cwd=work, env=env, capture_output=True, text=True, timeout=600)


def test_the_installed_copy_is_the_one_that_runs(installed):
    target, _ = installed
    probe = subprocess.run(
        [sys.executable, "-c", "import reportgen.render.documents as d; print(d.__file__); print(d.TEMPLATES_DIR)"],
        cwd=installed[1], env={**os.environ, "PYTHONPATH": str(target)}, capture_output=True, text=True, timeout=120,
    )
    assert probe.returncode == 0, probe.stderr
    module_file, templates = (Path(line) for line in probe.stdout.split())
    assert module_file.is_relative_to(target)
    assert templates == target / "reportgen" / "templates"
    assert sorted(p.name for p in templates.glob("*.docx")) == sorted(
        ["bao-cao.docx", "chi-bo.docx", "ke-hoach.docx", "tong-hop.docx", "tong-ket-nhiem-ky.docx"]
    )
    assert not (target / "share").exists()  # nothing outside the package any more


def test_version_without_the_repository(installed):
    result = _run(installed, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"reportgen {reportgen.__version__}"


def test_installed_copy_builds_the_sample(installed):
    _, work = installed
    made = _run(installed, "sample", "so-mau")
    assert made.returncode == 0, made.stderr
    built = _run(installed, "build", "so-mau", "--out", "van-ban", "--ngay", "05/01/2026")
    assert built.returncode == 0, built.stdout + built.stderr
    out = work / "van-ban"
    annual = out / "bao-cao-2025.docx"
    assert annual.is_file()
    text = "\n".join(p.text for p in Document(str(annual)).paragraphs)
    assert text.startswith("BÁO CÁO\nkết quả công tác tạo nguồn, kết nạp đảng viên năm 2025")
    assert "Đảng ủy phường Phổ Hòa" in text
    assert len(list((out / "chi-bo").glob("*.docx"))) == len(list((work / "so-mau").glob("CB-*.xlsx")))
    assert "mẫu văn bản" not in built.stdout.lower()


def test_installed_copy_hands_out_its_templates(installed):
    _, work = installed
    result = _run(installed, "templates", "mau")
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in (work / "mau").glob("*.docx")) == sorted(
        ["bao-cao.docx", "chi-bo.docx", "ke-hoach.docx", "tong-hop.docx", "tong-ket-nhiem-ky.docx"]
    )
