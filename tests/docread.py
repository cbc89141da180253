"""Reading generated documents back with python-docx, for assertions."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml.ns import qn


def all_text(path: Path) -> str:
    """Every paragraph of the body (tables included), one per line."""
    doc = Document(str(path))
    return "\n".join(
        "".join((t.text or "") if t.tag == qn("w:t") else " " for t in p.iter(qn("w:t"), qn("w:br")))
        for p in doc.element.body.iter(qn("w:p"))
    )


def table_rows(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def find_table(doc, first_header: str, second_header: str | None = None):
    for t in doc.tables:
        head = [c.text for c in t.rows[0].cells]
        if head and head[0] == first_header and (second_header is None or second_header in head):
            return t
    raise AssertionError(f"no table starting with {first_header!r}")


