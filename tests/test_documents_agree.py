"""Every ward document built from one inbox tells the same story (issue 7):

- next year's targets (ward admissions, sources, introductions) are the same numbers in the
  annual report, the term review and the plan, and the plan's table adds up to them;
- no candidate's or new member's name from the workbooks appears before the internal annex;
- every text cited by number and date is dated on or before the document's date.

Built on the sample ward and on a second ward generated with another seed, and on the sample
dated early in 2025 (before 232-QĐ/TW and before the 2025 texts of the `Văn bản` sheet).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from docread import all_text, find_table, table_rows
from independent import read_inbox
from reportgen.pipeline import build
from reportgen.sample import write_sample

WARD_DOCS = ("bao-cao", "tong-ket-nhiem-ky", "ke-hoach")
ISSUED = date(2026, 1, 5)


def _build(tmp_path: Path, seed: int, year: int | None = None, issued: date = ISSUED) -> tuple[Path, dict]:
    inbox = tmp_path / f"in-{seed}"
    write_sample(inbox, seed=seed)
    out = tmp_path / f"out-{seed}-{issued.isoformat()}"
    build(inbox, out, year=year, issued=issued)
    return out, read_inbox(inbox)


@pytest.fixture(scope="module", params=[2025, 7], ids=["sample", "seed-7"])
def built(request, tmp_path_factory):
    return _build(tmp_path_factory.mktemp("agree"), request.param)


def _docs(out: Path) -> dict[str, str]:
    found = {}
    for path in out.glob("*.docx"):
        kind = next(k for k in WARD_DOCS if path.name.startswith(k))
        found[kind] = all_text(path)
    assert sorted(found) == sorted(WARD_DOCS)
    return found


def _number(pattern: str, text: str) -> int:
    match = re.search(pattern, text)
    assert match, pattern
    return int(match.group(1).replace(".", ""))


def test_next_years_targets_agree_across_documents(built):
    out, _ = built
    docs = _docs(out)
    plan_doc = next(out.glob("ke-hoach-*.docx"))
    year = int(re.search(r"ke-hoach-(\d{4})", plan_doc.name).group(1))
    rows = table_rows(find_table(Document(str(plan_doc)), "STT", "Chi bộ"))
    total_row = next(r for r in rows if r[1] == "Cộng")
    admissions, sources = int(total_row[4]), int(total_row[5])
    assert admissions == sum(int(r[4]) for r in rows[2:] if r[1] != "Cộng")
    orgs = table_rows(find_table(Document(str(plan_doc)), "STT", "Tổ chức"))
    introductions = int(orgs[-1][-1])  # the last column: the plan year's quotas

    assert _number(rf"Năm {year}, toàn Đảng bộ phấn đấu kết nạp ít nhất (\d+) đảng viên mới", docs["ke-hoach"]) \
        == admissions
    for kind in ("bao-cao", "tong-ket-nhiem-ky", "ke-hoach"):
        text = docs[kind]
        if kind != "ke-hoach":
            assert _number(rf"[Nn]ăm {year},? phấn đấu kết nạp ít nhất (\d+) đảng viên mới", text) == admissions, kind
        if kind == "tong-ket-nhiem-ky":
            # the term review gives the term's direction; of the plan year only the admissions target, and it
            # says the years' figures are set in the yearly plans
            assert "cụ thể hóa tại kế hoạch phát triển đảng viên hằng năm" in text
            continue
        assert _number(r"bổ sung vào danh sách\s+nguồn ít nhất (\d+) quần chúng ưu tú", text) == sources, kind
        assert _number(r"giới thiệu ít nhất (\d+) quần chúng ưu tú", text) == introductions, kind
        # no other figure for that year's admissions anywhere
        for other in re.findall(rf"năm {year}[^.;]*?ít nhất (\d+) đảng viên(?! mỗi)", text):
            assert int(other) in (admissions, 1), (kind, other)


def test_no_persons_name_before_the_annex(built):
    out, data = built
    names = {p["name"] for b in data["branches"] for p in b["candidates"] + b["admissions"]}
    assert len(names) > 50
    docs = _docs(out)
    for kind, text in docs.items():
        body = text.split("PHỤ LỤC\n(Lưu hành nội bộ)")[0]
        leaked = sorted(n for n in names if n in body)
        assert not leaked, (kind, leaked[:5])
    # the annual report and the term review keep the lists, in the internal annex
    for kind in ("bao-cao", "tong-ket-nhiem-ky"):
        assert "PHỤ LỤC\n(Lưu hành nội bộ)" in docs[kind]
        annex = docs[kind].split("PHỤ LỤC\n(Lưu hành nội bộ)")[1]
        assert any(n in annex for n in names)


_CITED = re.compile(r"số (\d+-[A-Za-zĐđ]+/[A-Za-zĐđ]+) ngày (\d{1,2})/(\d{1,2})/(\d{4})")


def _citations(text: str) -> list[tuple[str, date]]:
    return [(m.group(1), date(int(m.group(4)), int(m.group(3)), int(m.group(2)))) for m in _CITED.finditer(text)]


def test_every_cited_text_is_dated_on_or_before_the_document(built):
    out, _ = built
    for kind, text in _docs(out).items():
        cited = _citations(text)
        assert cited, kind  # the opening cites a plan, a resolution or the rules in force
        assert all(day <= ISSUED for _, day in cited), (kind, [c for c in cited if c[1] > ISSUED])


def test_a_text_is_cited_only_once_the_document_is_dated_after_it(tmp_path):
    """The 2026 resolution of the sample ward, entered in `Văn bản` as of 20/01/2026: a plan dated
    05/01/2026 cannot cite it; the same plan dated 25/01/2026 does."""
    import openpyxl

    inbox = tmp_path / "in"
    write_sample(inbox)
    ward = inbox / "So-tong-hop-Dang-uy.xlsx"
    wb = openpyxl.load_workbook(ward)
    wb["Văn bản"].append([2026, "40-NQ/ĐU", "20/01/2026", "về nhiệm vụ năm 2026"])
    wb.save(ward)
    early, late = tmp_path / "early", tmp_path / "late"
    build(inbox, early, issued=date(2026, 1, 5))
    build(inbox, late, issued=date(2026, 1, 25))
    before = all_text(early / "ke-hoach-2026.docx")
    after = all_text(late / "ke-hoach-2026.docx")
    assert "40-NQ/ĐU" not in before
    assert "Nghị quyết số 40-NQ/ĐU ngày 20/01/2026 của Đảng ủy về nhiệm vụ năm 2026" in after
    for text, day in ((before, date(2026, 1, 5)), (after, date(2026, 1, 25))):
        assert all(d <= day for _, d in _citations(text))
