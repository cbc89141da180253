"""One person in several branches' workbooks: the same name and date of birth with
facts that cannot both be true, or counted as a current candidate twice."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pandas as pd

from .. import schema
from ..findings import Findings
from ..intake.load import Inbox, records
from ..intake.normalize import person_key


def _where(inbox: Inbox, r: dict, key: str, spec: schema.Sheet) -> dict[str, object]:
    value = r.get(key)
    shown = value.strftime("%d/%m/%Y") if isinstance(value, date) else ("" if value is None else str(value))
    return {
        "file": r["_file"],
        "sheet": r["_sheet"],
        "row": int(r["_row"]),
        "value": shown,
        "column": inbox.header(r["_file"], r["_sheet"], key, spec.column(key).header),
        "cell_column": inbox.position(r["_file"], r["_sheet"], key),
    }


_COLUMNS = ["branch", "name", "birth", "gender", "status", "_file", "_sheet", "_row"]


def _rows(frame: pd.DataFrame, spec: schema.Sheet) -> list[tuple[dict, schema.Sheet]]:
    columns = [c for c in _COLUMNS if c in frame.columns]
    return [(r, spec) for r in records(frame[columns])]


def check_people_across_branches(inbox: Inbox, findings: Findings) -> None:
    """The same person (name and date of birth) in two branches: an error when the rows
    disagree on gender, or when both branches count the person as a current candidate."""
    rows = _rows(inbox.candidates, schema.CANDIDATE_SHEET) + _rows(inbox.admissions, schema.ADMISSION_SHEET)
    branch_of: dict[tuple[str, object], object] = {}
    shared: set[tuple[str, object]] = set()
    keyed = []
    for r, spec in rows:
        if isinstance(r.get("birth"), date):
            key = (person_key(r["name"]), r["birth"])
            keyed.append((key, r, spec))
            if branch_of.setdefault(key, r["branch"]) != r["branch"]:
                shared.add(key)
    people: dict[tuple[str, object], list[tuple[dict, schema.Sheet]]] = defaultdict(list)
    for key, r, spec in keyed:
        if key in shared:
            people[key].append((r, spec))
    for rows_of_person in people.values():
        first, first_spec = rows_of_person[0]
        place = f"«{first['branch']}» (tệp {first['_file']}, sheet {first['_sheet']}, dòng {int(first['_row'])})"
        for r, spec in rows_of_person[1:]:
            if r["branch"] == first["branch"]:
                continue  # twice in one branch: reported by the sheet's own check
            if r.get("gender") != first.get("gender"):
                findings.error(
                    f"cùng họ tên và ngày sinh với người ở chi bộ {place} nhưng giới tính khác "
                    f"(«{first.get('gender')}» ở đó); nếu là một người hãy sửa cho đúng, nếu là hai người hãy "
                    "kiểm tra lại ngày sinh",
                    rule="conflicting-person",
                    **_where(inbox, r, "gender", spec),
                )
            elif (
                spec is schema.CANDIDATE_SHEET
                and first_spec is schema.CANDIDATE_SHEET
                and r.get("status") == schema.STATUS_ACTIVE
                and first.get("status") == schema.STATUS_ACTIVE
            ):
                findings.error(
                    f"cùng họ tên và ngày sinh với người đang bồi dưỡng ở chi bộ {place}: một người được tính "
                    "hai lần trong nguồn. Nếu đã chuyển chi bộ, ghi «Chuyển đi» và «Ngày thay đổi» ở chi bộ cũ",
                    rule="candidate-in-two-branches",
                    **_where(inbox, r, "name", spec),
                )
