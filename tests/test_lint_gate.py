"""`make test` runs the lint and type gate first (ruff check and mypy on the library)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def target(name: str) -> tuple[list[str], list[str]]:
    """(prerequisites, recipe lines) of a Makefile target."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(rf"^{name}:([^\n]*)\n((?:\t[^\n]*\n)*)", text, re.MULTILINE)
    assert match, f"no target {name}"
    return match.group(1).split(), [line.strip() for line in match.group(2).splitlines()]


def test_test_depends_on_lint() -> None:
    prerequisites, _ = target("test")
    assert "lint" in prerequisites


def test_lint_runs_ruff_and_mypy_on_the_library() -> None:
    _, recipe = target("lint")
    assert any(line.endswith("ruff check reportgen") for line in recipe)
    assert any(line.endswith("mypy") for line in recipe)
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["tool"]["mypy"]["files"] == ["reportgen"]
    assert config["tool"]["ruff"]["line-length"] == 120


def test_the_gate_tools_are_in_the_test_extras() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extras = " ".join(config["project"]["optional-dependencies"]["test"])
    assert "ruff" in extras and "mypy" in extras
