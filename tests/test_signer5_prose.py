"""signer-5, lane prose, read back from the built documents and recounted from the workbooks:

- a row of the structure that fell to nobody from some the year before is said ("không có đảng viên nữ
  (năm 2024: 06 đồng chí)") and judged among the limitations (women);
- "few members, few candidates" is a cause only for branches whose figures support it: a small branch with
  one of the longest source lists is not named; one branch is named, never "Một số chi bộ".
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docread import all_text
from independent import as_date, fold, read_inbox

from reportgen import schema as S
from reportgen.pipeline import build
from reportgen.sample import write_sample

ISSUED = date(2026, 1, 10)


@pytest.fixture(scope="module", params=[31, 4242])
def ward(request, tmp_path_factory) -> tuple[int, Path, Path]:
    root = tmp_path_factory.mktemp(f"s5-{request.param}")
    write_sample(root / "in", seed=request.param)
    build(root / "in", root / "out", issued=ISSUED, today=ISSUED)
    return request.param, root / "in", root / "out"


def _women(inbox: Path, year: int) -> int:
    wb = read_inbox(inbox)
    return sum(
        1
        for b in wb["branches"]
        for r in b["admissions"]
        if as_date(r.get("admitted")) and as_date(r["admitted"]).year == year and fold(r.get("gender") or "") == "nu"
    )


def test_nobody_after_some_is_said(ward):
    seed, inbox, out = ward
    text = all_text(out / "bao-cao-2025.docx")
    structure = next(
        line for line in text.splitlines() if line.startswith("Trong ") and "đảng viên mới kết nạp" in line
    )
    now, before = _women(inbox, 2025), _women(inbox, 2024)
    if now == 0 and before:
        assert f"không có đảng viên nữ (năm 2024: {before:02d} đồng chí)" in structure, structure
        assert f"- Không kết nạp được đảng viên nữ (năm 2024: {before:02d} đồng chí)." in text.splitlines()
    else:
        assert f"{now:02d} nữ" in structure, structure
        assert "không có đảng viên nữ" not in structure
    if seed == 31:
        assert (now, before) == (0, 6)  # the case signer-5 read


def test_a_small_branch_is_a_cause_only_with_a_short_list(ward):
    seed, inbox, out = ward
    wb = read_inbox(inbox)
    members = {
        q["branch"]: q.get("members_start")
        for q in wb["ward"]["quotas"]
        if q["year"] == 2025 and q["branch"] != S.WARD_TOTAL
    }
    on_list = {
        b["info"]["name"]: sum(
            1
            for c in b["candidates"]
            if (as_date(c.get("entered")) or date.max) <= date(2025, 12, 31)
            and not (as_date(c.get("status_date")) and as_date(c["status_date"]).year <= 2025)
        )
        for b in wb["branches"]
    }
    longest = max(on_list, key=lambda n: on_list[n])
    for doc in ("bao-cao-2025.docx", "tong-ket-nhiem-ky-2020-2025.docx"):
        causes = [line for line in all_text(out / doc).splitlines() if "ít đảng viên" in line]
        for line in causes:
            assert longest not in line, (longest, line)
            if not line.startswith("- Một số"):
                name = line[2:].partition(" ít đảng viên")[0]
                assert (members.get(name) or 99) <= 10, line
                assert f"({on_list[name]:02d} quần chúng trong danh sách nguồn)" in line, (on_list[name], line)
    if seed == 4242:  # signer-5: the company branch holds the longest list and is not a cause
        assert "Thành Thạnh" in longest
