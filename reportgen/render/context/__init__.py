"""The template variables of each document, built from the figures of a Report.

Templates never compute: every value is a finished string (formatted by `vietnamese.py`,
worded by `prose.py`) or a small list of dicts of strings (table rows, paragraphs). One
module per document (annual, term, branch, plan) over the shared pieces of `common`.
"""

from __future__ import annotations

from typing import Any

from reportgen.render.context.annual import _annual
from reportgen.render.context.branch import _branch
from reportgen.render.context.common import (
    chart_items,
    committee_in_sentence,
    recipient_lines,
    structure_rows,
    unit_word,
    ward_party_caps,
)
from reportgen.render.context.plan import _plan
from reportgen.render.context.term import _term
from reportgen.stats.model import BranchReport, Report

__all__ = [
    "KINDS",
    "KIND_ANNUAL",
    "KIND_BRANCH",
    "KIND_PLAN",
    "KIND_TERM",
    "build_context",
    "chart_items",
    "committee_in_sentence",
    "recipient_lines",
    "structure_rows",
    "unit_word",
    "ward_party_caps",
]

KIND_ANNUAL = "bao-cao"


KIND_TERM = "tong-ket-nhiem-ky"


KIND_BRANCH = "chi-bo"


KIND_PLAN = "ke-hoach"


KINDS = (KIND_ANNUAL, KIND_TERM, KIND_BRANCH, KIND_PLAN)


def build_context(
    report: Report,
    kind: str,
    branch: BranchReport | None = None,
    *,
    two_digits: bool = True,
    with_charts: bool = True,
) -> dict[str, Any]:
    """Template variables of one document: kind is "bao-cao", "tong-ket-nhiem-ky", "chi-bo" or "ke-hoach".

    two_digits: write small counts in prose as "01".."09" (the custom; a setting).
    with_charts: draw the charts (`charts` holds `charts.Picture` objects; without, it is empty).
    """
    if kind == KIND_ANNUAL:
        return _annual(report, two_digits, with_charts)
    if kind == KIND_TERM:
        return _term(report, two_digits, with_charts)
    if kind == KIND_BRANCH:
        if branch is None:
            raise ValueError("a branch report is needed for the kind 'chi-bo'")
        return _branch(report, branch, two_digits)
    if kind == KIND_PLAN:
        return _plan(report, two_digits)
    raise ValueError(f"unknown document kind {kind!r}; expected one of {', '.join(KINDS)}")
