"""Golden files (STYLE.md habit 5): the sample inbox in; the aggregates (JSON) and the text
pulled from every document out, compared with the reviewed files in tests/golden/sample/.

After a change that is meant to alter the figures or the wording, regenerate and read the
diff before committing it:

    REPORTGEN_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
    git diff tests/golden
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table

from reportgen import pipeline

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data"
GOLDEN = Path(__file__).resolve().parent / "golden" / "sample"
ISSUED = date(2026, 1, 5)  # as `--ngay 05/01/2026`
UPDATE = os.environ.get("REPORTGEN_UPDATE_GOLDEN") == "1"


def _paragraph_text(p: Any) -> str:
    # a line break (a header name broken by reportgen) reads as a space
    text = "".join((t.text or "") if t.tag == qn("w:t") else " " for t in p.iter(qn("w:t"), qn("w:br")))
    if p.find(".//" + qn("w:drawing")) is not None:
        text = (text + " [hình]").strip()
    return text


def document_text(path: Path) -> str:
    """Paragraphs one per line; a table one row per line, cells joined by " | " (a merged cell once)."""
    doc = Document(str(path))
    lines: list[str] = []
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            lines.append(_paragraph_text(child))
        elif child.tag == qn("w:tbl"):
            for row in Table(child, doc).rows:
                cells: list[str] = []
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    cells.append(" / ".join(_paragraph_text(p) for p in cell._tc.iter(qn("w:p")) if _paragraph_text(p)))
                lines.append(" | ".join(cells))
            lines.append("")
    return "\n".join(lines).strip() + "\n"


def plain(value: Any) -> Any:
    """A Report as JSON-ready values: dates as ISO text, floats to 10 places."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 10)
    return value


@pytest.fixture(scope="module")
def produced(tmp_path_factory) -> dict[str, str]:
    """Relative golden file name -> the text produced now."""
    out = tmp_path_factory.mktemp("golden-out")
    result = pipeline.build(SAMPLE, out, issued=ISSUED, today=ISSUED)
    assert result.report is not None and result.check.ok
    files = {"aggregates.json": json.dumps(plain(result.report), ensure_ascii=False, indent=1) + "\n"}
    for path in sorted(p for p in result.written if p.suffix == ".docx"):
        files[path.relative_to(out).with_suffix(".txt").as_posix()] = document_text(path)
    return files


def _diff(name: str, expected: str, got: str, limit: int = 60) -> str:
    lines = list(difflib.unified_diff(expected.splitlines(), got.splitlines(), f"golden/{name}", "now", lineterm=""))
    more = f"\n... {len(lines) - limit} more lines" if len(lines) > limit else ""
    return "\n".join(lines[:limit]) + more


def test_golden_files(produced):
    if UPDATE:
        for stale in GOLDEN.rglob("*"):
            if stale.is_file() and stale.relative_to(GOLDEN).as_posix() not in produced:
                stale.unlink()
        for name, text in produced.items():
            target = GOLDEN / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
    expected = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
    assert expected == set(produced), (
        "the documents differ from tests/golden/sample; regenerate with REPORTGEN_UPDATE_GOLDEN=1"
        f" (missing: {sorted(set(produced) - expected)}, stale: {sorted(expected - set(produced))})"
    )
    problems = []
    for name, got in produced.items():
        want = (GOLDEN / name).read_text(encoding="utf-8")
        if want != got:
            problems.append(_diff(name, want, got))
    assert not problems, (
        "output differs from the golden files; if the change is intended, run"
        " REPORTGEN_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py and review git diff tests/golden\n\n"
        + "\n\n".join(problems)
    )


def test_golden_aggregates_hold_the_headline_figures():
    """A reviewed anchor in the JSON itself, so a regenerated file cannot silently lose them."""
    data = json.loads((GOLDEN / "aggregates.json").read_text(encoding="utf-8"))
    assert data["year"] == 2025 and data["issued"] == "2026-01-05"
    assert data["ward_year"]["admissions"] == sum(b["admissions"] for b in data["branch_years"])
    plan = data["plan"]
    assert plan["year"] == 2026
    assert sum(b["admission_quota"] for b in plan["branches"]) >= max(plan["quota_floor"], plan["member_floor"])
    assert all(b["admission_quota"] >= 1 and b["source_quota"] >= 1 for b in plan["branches"])
