"""Imports point down the stages only (../shared/DESIGN.md), read from the modules' own source.

Order: schema/dates/rules/findings -> intake -> validate -> stats -> render -> pipeline -> cli.
A module may import its own layer and the ones below it, never one above. Every import
counts, also those inside functions (lazy imports) and under TYPE_CHECKING.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "reportgen"

# Lowest first. A module is placed by its longest matching prefix.
LAYERS: dict[str, int] = {
    "reportgen.schema": 0,
    "reportgen.dates": 0,
    "reportgen.rules": 0,
    "reportgen.findings": 0,
    "reportgen.vntext": 0,
    "reportgen.errors": 0,
    "reportgen.resources": 0,  # the package's data files (templates)
    "reportgen.progress": 0,  # how far a run has gone, told to the caller (no printing)
    "reportgen.cache": 0,  # the incremental cache: content hashes, nothing of the stages
    "reportgen.intake": 1,
    "reportgen.validate": 2,
    "reportgen.stats": 3,
    "reportgen.render": 4,
    "reportgen.pipeline": 5,
    "reportgen.sample": 5,
    "reportgen.blank": 5,  # the blank workbooks of `reportgen init`
    "reportgen.watch": 5,  # `reportgen watch` over pipeline.build
    "reportgen.cli": 6,
    "reportgen.console": 6,
    "reportgen.clitext": 6,
    "reportgen.__main__": 6,
    "reportgen": 6,  # a module not placed above is application level: nothing below may import it
}
LAYER_NAMES = ["schema/dates/rules/findings", "intake", "validate", "stats", "render", "pipeline", "cli"]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer(module: str) -> int:
    best = max((p for p in LAYERS if module == p or module.startswith(p + ".")), key=len)
    return LAYERS[best]


def _is_module(dotted: str) -> bool:
    base = PACKAGE.parent.joinpath(*dotted.split("."))
    return base.with_suffix(".py").exists() or base.is_dir()


def imports_in(source: str, module: str, is_package: bool = False) -> list[tuple[int, str]]:
    """(line, module) of every reportgen import in `source`, relative ones resolved."""
    package = module if is_package else module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                target = ".".join(parts[: len(parts) - node.level + 1] + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # `from reportgen.render import prose` imports the module reportgen.render.prose
            found += [(node.lineno, f"{target}.{a.name}" if _is_module(f"{target}.{a.name}") else target)
                      for a in node.names]
    return [(line, m) for line, m in found if m == "reportgen" or m.startswith("reportgen.")]


def imports_of(path: Path) -> list[tuple[int, str]]:
    return imports_in(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py")


def upward_imports(source: str, module: str, is_package: bool = False) -> list[str]:
    return [
        f"line {line} imports {target} ({LAYER_NAMES[layer(target)]} is above {LAYER_NAMES[layer(module)]})"
        for line, target in imports_in(source, module, is_package)
        if target != "reportgen" and layer(target) > layer(module)
    ]


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_stage_is_found() -> None:
    names = {module_name(p) for p in MODULES}
    for expected in ("reportgen.dates", "reportgen.rules", "reportgen.intake.load", "reportgen.validate.rules",
                     "reportgen.stats.aggregate", "reportgen.render.context.annual", "reportgen.pipeline",
                     "reportgen.cli"):
        assert expected in names


@pytest.mark.parametrize("path", MODULES, ids=module_name)
def test_imports_point_down(path: Path) -> None:
    upward = upward_imports(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py")
    assert not upward, f"{path.relative_to(PACKAGE.parent)}: " + "; ".join(upward)


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("reportgen.stats.x", "from ..render.vietnamese import fmt_int\n"),
        ("reportgen.validate.y", "def f():\n    from reportgen.stats import aggregate\n"),
        ("reportgen.intake.z", "from reportgen.stats.model import Report\n"),
        ("reportgen.rules", "import reportgen.intake.normalize\n"),
        ("reportgen.render.context.x", "from ...pipeline import build\n"),
    ],
)
def test_the_check_bites(module: str, source: str) -> None:
    """An upward import is seen, relative or absolute, at top level or inside a function."""
    assert upward_imports(source, module)


def test_same_layer_and_downward_pass() -> None:
    assert not upward_imports("from . import prose\nfrom ...stats.model import Report\n", "reportgen.render.context.x")
    assert not upward_imports("from .dates import add_months\n", "reportgen.rules")
