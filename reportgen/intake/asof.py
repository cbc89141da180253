"""The workbooks as they stood on the document's date: what happened after it had not happened yet.

A report issued again with its original date (`--year 2024 --ngay 10/01/2025`, run in November 2025)
reads workbooks that already hold 2025: an admission of June 2025, a class of April 2025, a status
changed since. On 10/01/2025 none of that had happened, so the document must not show it (a branch
report would list a class date after its own date). `validate.rules.Later` says those cells once;
this view leaves them out: a row that starts after the date (admitted, entered in the list) is not
there yet, a later date of a row is blank, a status changed after the date is the list's status.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from .. import schema

if TYPE_CHECKING:
    from .load import Inbox


def _after(series: pd.Series, on: date) -> pd.Series:
    return series.map(lambda v: isinstance(v, date) and v > on).astype(bool)


def as_of(inbox: Inbox, on: date) -> None:
    """Leave out of `inbox` every event dated after `on` (dates of birth are never changed)."""
    admissions = inbox.admissions
    if not admissions.empty:
        admissions = admissions[~_after(admissions["admitted"], on)].copy()
        for column in schema.ADMISSION_SHEET.columns:
            if column.kind is schema.Kind.DATE and column.key not in ("birth", "admitted"):
                if column.key in admissions.columns:
                    later = _after(admissions[column.key], on)
                    if later.any():
                        admissions[column.key] = admissions[column.key].astype(object).where(~later, None)
        inbox.admissions = admissions
    candidates = inbox.candidates
    if not candidates.empty:
        candidates = candidates[~_after(candidates["entered"], on)].copy()
        changed = _after(candidates["status_date"], on)
        if changed.any():
            candidates["status"] = candidates["status"].where(~changed, schema.STATUS_ACTIVE)
            candidates["status_date"] = candidates["status_date"].astype(object).where(~changed, None)
        later = _after(candidates["class_date"], on)
        if later.any():
            candidates["class_date"] = candidates["class_date"].astype(object).where(~later, None)
        inbox.candidates = candidates
