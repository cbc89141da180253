"""The format document in docs/ stays in step with schema.py, and the README's links resolve."""

from __future__ import annotations

import re
from pathlib import Path

from reportgen import schema

ROOT = Path(__file__).resolve().parents[1]
FORMAT = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")


def test_every_sheet_column_and_field_of_the_schema_is_documented():
    missing = []
    for spec in schema.TABLE_SHEETS:
        if f"`{spec.name}`" not in FORMAT:
            missing.append(spec.name)
        for column in spec.columns:
            if not re.search(rf"\|\s*{re.escape(column.header)}\b", FORMAT):
                missing.append(f"{spec.name}.{column.header}")
    for field in (*schema.WARD_FIELDS, *schema.BRANCH_FIELDS):
        if not re.search(rf"\|\s*{re.escape(field.label)}\b", FORMAT):
            missing.append(field.label)
    assert not missing, missing


def test_relative_links_in_the_readme_resolve():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = [target for target in re.findall(r"\]\(([^)#]+)\)", readme) if "://" not in target]
    assert "docs/format.md" in links
    for target in links:
        assert (ROOT / target).exists(), target
