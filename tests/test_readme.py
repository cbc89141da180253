"""The README documents every template variable (developer part) and every command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from report_fixture import make_report

from reportgen.cli import main
from reportgen.render.context import KIND_ANNUAL, KIND_BRANCH, KIND_PLAN, KIND_TERM, build_context
from reportgen.render.documents import TEMPLATE_FILES

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def section(text: str, start: str, level: str = "### ") -> str:
    begin = text.index(start)
    rest = text[begin + len(start):]
    end = re.search(rf"^{re.escape(level)}", rest, flags=re.M)
    return rest[: end.start()] if end else rest


def names_in(value) -> set[str]:
    """Field names of the dicts in a variable (a dict, or a list of dicts)."""
    if isinstance(value, dict):
        return set(value)
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return set().union(*(v.keys() for v in value))
    return set()


@pytest.mark.parametrize("kind", [KIND_ANNUAL, KIND_TERM, KIND_BRANCH, KIND_PLAN])
def test_every_template_variable_is_documented(kind):
    variables = section(README, "### Templates and their variables")
    common = variables[: variables.index("#### ")]
    own = section(variables, f"#### `{TEMPLATE_FILES[kind]}`", "#### ")
    documented = {part for name in re.findall(r"`([a-z_.]+)`", common + own) for part in name.split(".")}
    report = make_report()
    context = build_context(report, kind, report.branch_reports[0] if kind == KIND_BRANCH else None,
                            with_charts=False)
    missing = [k for k in context if k not in documented]
    missing += [f"{k}.{f}" for k, v in context.items() for f in names_in(v) if f not in documented]
    assert not missing, f"README, {TEMPLATE_FILES[kind]}: {missing}"


def test_every_province_template_variable_is_documented():
    import pandas as pd

    from reportgen.render.documents import PROVINCE_TEMPLATE
    from reportgen.render.province_context import province_context
    from reportgen.stats.province import roll_up, ward_line

    report = make_report()
    province = roll_up(report.ward, pd.DataFrame(columns=["year", "branch"]), report.year, report.issued,
                       [ward_line("a", "a", report)])
    variables = section(README, "### Templates and their variables")
    common = variables[: variables.index("#### ")]
    own = section(variables, f"#### `{PROVINCE_TEMPLATE}`", "#### ")
    documented = {part for name in re.findall(r"`([a-z_.]+)`", common + own) for part in name.split(".")}
    context = province_context(province)
    missing = [k for k in context if k not in documented]
    missing += [f"{k}.{f}" for k, v in context.items() for f in names_in(v) if f not in documented]
    assert not missing, f"README, {PROVINCE_TEMPLATE}: {missing}"


def test_every_command_is_in_the_readme():
    for command in main.commands:
        assert f"reportgen {command} " in README, command
    assert "--pdf" in README and "--ghi-de" in README
