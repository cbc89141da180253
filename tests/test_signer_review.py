"""The signer's review (reviews/signer-1.md), as kinds of fault each read back from the built
documents with python-docx, on the sample ward and on a second ward (seed 11):

- two years without an admission are "từ 02 năm liền trở lên", never "nhiều năm";
- no spoken words ("được ai", "đang chờ");
- recipients outside the Party get a document with the internal annex "(không kèm Phụ lục)";
- the counts of branches in the causes come from the set the limitations listed.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from docread import all_text
from docx import Document
from independent import as_date, fold, read_inbox

from reportgen.pipeline import build
from reportgen.sample import write_sample

ISSUED = date(2026, 1, 5)
WARD_DOCS = ("bao-cao", "tong-ket-nhiem-ky", "ke-hoach")


@pytest.fixture(scope="module", params=[2025, 11], ids=["sample", "seed-11"])
def built(request, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp(f"signer-{request.param}")
    write_sample(root / "in", seed=request.param)
    build(root / "in", root / "out", issued=ISSUED)
    return root / "out"


def _doc(out: Path, kind: str) -> Path:
    return next(p for p in out.glob("*.docx") if p.name.startswith(kind))


def _paragraphs(path: Path) -> list[str]:
    return [line for line in all_text(path).splitlines() if line.strip()]


_BRANCH = r"Chi bộ .+?(?= \(| và |, | chưa | không |$)"


def _count(word: str) -> int:
    return int(word.lstrip("0") or "0")


def _names(listing: str) -> list[str]:
    return [n.strip() for n in re.split(r", | và ", listing) if n.strip()]


@pytest.mark.parametrize("kind", WARD_DOCS)
def test_two_years_without_admission_are_not_many_years(built, kind):
    text = all_text(_doc(built, kind))
    assert "nhiều năm" not in text
    for match in re.finditer(r"(\d+) chi bộ (từ \d+ năm liền trở lên) không kết nạp", text):
        assert match.group(2) == "từ 02 năm liền trở lên"


@pytest.mark.parametrize("kind", WARD_DOCS)
def test_no_spoken_words(built, kind):
    text = all_text(_doc(built, kind))
    assert not re.search(r"\bđược ai\b|\bkhông ai\b", text)
    assert "đang chờ" not in text


@pytest.mark.parametrize("kind", ("bao-cao", "tong-ket-nhiem-ky", "ke-hoach"))
def test_recipients_outside_the_party_get_no_annex(built, kind):
    path = _doc(built, kind)
    text = all_text(path)
    doc = Document(str(path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells if c.text.startswith("Nơi nhận")]
    assert cells, "no Nơi nhận"
    lines = [line for line in cells[0].splitlines() if line.startswith("- ")]
    outside = [line for line in lines if re.search(r"Mặt trận|đoàn thể|Công đoàn|Hội ", line)]
    inside = [line for line in lines if line not in outside]
    annexed = "PHỤ LỤC" in text and "(Lưu hành nội bộ)" in text
    for line in outside:
        assert ("(không kèm Phụ lục)" in line) == annexed, line
    assert all("(không kèm Phụ lục)" not in line for line in inside)


def test_causes_count_the_branches_the_limitations_named(built):
    paras = _paragraphs(_doc(built, "bao-cao"))
    limits = [p for p in paras if re.match(r"- \d+/\d+ chi bộ chưa đạt chỉ tiêu kết nạp được giao:", p)]
    assert limits, "both wards have branches below their quota"
    # the branches that admitted nobody: those "chưa kết nạp được đảng viên nào" this year and those that
    # have admitted nobody for years ("không kết nạp được đảng viên từ năm ..."), each named once
    pieces = limits[0].partition("giao: ")[2].rstrip(".").split("; ")
    zero = [name for piece in pieces if "mới đạt" not in piece for name in re.findall(_BRANCH, piece)]
    causes = [p for p in paras if "không kết nạp được" in p and "đã học lớp bồi dưỡng" in p]
    for cause in causes:
        among = re.search(r"[Tt]rong (?:số )?(\d+) chi bộ", cause) or re.match(r"- (\d+) ", cause)
        if among is None and len(zero) == 1:  # one branch is named, not counted
            assert cause.startswith(f"- {zero[0]} không kết nạp"), (cause, zero)
            continue
        assert among and _count(among.group(1)) == len(zero), (cause, zero)


def _pct(text: str) -> float:
    return float(text.rstrip("%").replace(".", "").replace(",", "."))


def test_younger_only_after_the_comparison_with_the_year_before(built):
    path = _doc(built, "bao-cao")
    doc = Document(str(path))
    table = next(t for t in doc.tables if any(c.text == "Đoàn viên TNCS Hồ Chí Minh" for c in t.columns[0].cells))
    rows = {r[0]: r for r in ([c.text for c in row.cells] for row in table.rows)}
    youth, age = rows["Đoàn viên TNCS Hồ Chí Minh"], rows["Tuổi bình quân khi kết nạp"]
    youth_now, youth_before = _pct(youth[2]), _pct(youth[4])
    age_now, age_before = float(age[1].replace(",", ".")), float(age[3].replace(",", "."))
    text = all_text(path)
    body, _, limitations = text.partition("2- Hạn chế")
    limitations = limitations.partition("3- Nguyên nhân")[0]
    if "trẻ hóa" in body.partition("II- ĐÁNH GIÁ CHUNG")[2]:
        assert age_now < age_before and youth_now >= youth_before
    if youth_now < youth_before:
        assert f"giảm từ {youth[4]}" in limitations and f"xuống {youth[2]}" in limitations
    if age_now > age_before:
        assert f"tăng từ {age[3]} lên {age[1]} tuổi" in limitations


def _table(path: Path, caption_start: str) -> list[list[str]]:
    """The rows of the table following the paragraph that starts with `caption_start`."""
    doc = Document(str(path))
    body = list(doc.element.body.iterchildren())
    for i, child in enumerate(body):
        if child.tag.endswith("}p") and "".join(child.itertext()).startswith(caption_start):
            nxt = next(c for c in body[i + 1 :] if c.tag.endswith("}tbl"))
            table = next(t for t in doc.tables if t._tbl is nxt)
            return [[c.text for c in row.cells] for row in table.rows]
    raise AssertionError(caption_start)


def test_plan_basis_says_only_what_holds(built):
    plan = _doc(built, "ke-hoach")
    paras = _paragraphs(plan)
    rows = _table(plan, "Biểu 1.")
    total_row = next(r for r in rows if "Cộng" in r)
    basis = next(p for p in paras if p.startswith("Chỉ tiêu trên"))
    target = re.search(r"kết nạp ít nhất (\d+) đảng viên mới", all_text(plan))
    assert target and _count(target.group(1)) == int(total_row[4])
    assert "tổng chỉ tiêu giao cho" not in basis  # signer 2: how the figure was obtained is program-speak
    if "trường hợp cấp trên giao chỉ tiêu năm" in basis:  # the superior's quota has not come
        assert "chỉ tiêu cấp trên giao" not in basis.partition("trường hợp cấp trên giao")[0]
        outlook = next(p for p in _paragraphs(_doc(built, "bao-cao")) if "phấn đấu kết nạp ít nhất" in p)
        assert "chỉ tiêu cấp trên giao" not in outlook


def test_plan_states_targets_not_methods(built):
    text = all_text(_doc(built, "ke-hoach"))
    assert "tỷ lệ này được áp" not in text and "phần còn lại theo" not in text


def test_an_organisations_quota_is_not_below_what_it_introduced(built):
    rows = _table(_doc(built, "ke-hoach"), "Biểu 2.")
    body = [r for r in rows if r[0].isdigit()]
    assert body
    for r in body:  # Năm N: Chỉ tiêu, Đã giới thiệu; Chỉ tiêu năm N+1: never below either (signer-4)
        assert int(r[4]) >= int(r[3]), r
        assert r[2] == "-" or int(r[4]) >= int(r[2]), r


@pytest.mark.parametrize("kind", WARD_DOCS)
def test_branches_to_build_sources_are_named(built, kind):
    assert not re.search(r"\d+ chi bộ cần tạo nguồn|Cần tạo nguồn: \d+ chi bộ", all_text(_doc(built, kind)))


def test_branches_rate_against_their_quotas_in_counts(built):
    path = _doc(built, "bao-cao")
    text = all_text(path)
    assert "so với tổng chỉ tiêu" not in text
    rows = _table(path, "Biểu 1.")
    total = next(r for r in rows if "Cộng" in r)
    match = re.search(
        r"các chi bộ (được giao chỉ tiêu )?kết nạp (\d+)/(\d+), đạt [\d,]+%"
        r"(?: \(không tính (\d+) đảng viên của chi bộ không được giao chỉ tiêu\))?",
        text,
    )
    if match:
        with_quota, without = _count(match.group(2)), _count(match.group(4) or "0")
        # The branches given a quota against the quotas; the others' admissions said apart: together the total.
        assert (with_quota + without, _count(match.group(3))) == (int(total[3]), int(total[2]))
        assert bool(match.group(1)) == (without > 0)


@pytest.mark.parametrize("kind", ("bao-cao", "tong-ket-nhiem-ky"))
def test_recommendations_do_not_ask_the_superior_for_the_offices_own_task(built, kind):
    text = all_text(_doc(built, kind))
    if "tham mưu mở lớp bồi dưỡng nhận thức về Đảng" in text:
        proposals = text.partition("KIẾN NGHỊ, ĐỀ XUẤT")[2]
        assert "bố trí lớp bồi dưỡng" not in proposals


def test_term_review_says_no_yearly_quota_for_every_branch_when_some_had_none(built):
    text = all_text(_doc(built, "tong-ket-nhiem-ky"))
    some_without = "chưa có chỉ tiêu" in text or "không được giao chỉ tiêu" in text
    if some_without:
        assert not re.search(r"hằng năm giao chỉ tiêu[^.]*cho (\d+)/\1 chi bộ", text)
        assert "được giao ít nhất 01 đảng viên mỗi năm" not in text


def test_term_review_says_how_many_times_from_its_figures(built):
    text = all_text(_doc(built, "tong-ket-nhiem-ky"))
    assert "gấp nhiều lần" not in text
    times = re.search(r"\((\d+) quần chúng, gấp (hơn )?(\d+) lần số được kết nạp\)", text)
    admitted = re.search(r"kết nạp được (\d+) đảng viên mới", text)
    if times and admitted:
        added, n = _count(times.group(1)), _count(times.group(3))
        adm = _count(admitted.group(1))
        assert n == added // adm and bool(times.group(2)) == (added % adm != 0)


def test_term_review_asks_nothing_of_organisations_it_did_not_report(built):
    text = all_text(_doc(built, "tong-ket-nhiem-ky"))
    task = re.search(r"; ([^;]+) có giải pháp cụ thể để giới thiệu", text)
    if task:  # asked only of organisations whose term results the review gives, under the limitations
        assert "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội giới thiệu" in text.replace("\xa0", " ")
        limits = text.partition("2- Hạn chế")[2].partition("3- Nguyên nhân")[0]
        for name in re.split(r", | và ", task.group(1)):
            assert name in limits, name


ORDER = (
    "Mặt trận Tổ quốc",
    "Công đoàn",
    "Hội Nông dân",
    "Đoàn Thanh niên",
    "Hội Liên hiệp Phụ nữ",
    "Hội Cựu chiến binh",
)


def test_organisations_in_the_conventional_order(built):
    text = all_text(_doc(built, "bao-cao"))
    match = re.search(r"đã giới thiệu \d+ quần chúng ưu tú để chi bộ xem xét, bồi dưỡng \((.*?)\)\.", text)
    assert match
    names = [re.sub(r" \d+$", "", n) for n in _names(match.group(1))]
    assert names == sorted(names, key=ORDER.index)


def _months(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


_DATE = r"ngày (\d+) tháng (\d+) năm (\d+)"


def _words_date(m: re.Match, first: int) -> date:
    return date(int(m.group(first + 2)), int(m.group(first + 1)), int(m.group(first)))


def test_branch_report_says_the_date_probation_is_counted_to(built):
    seen = 0
    for path in (built / "chi-bo").glob("*.docx"):
        for m in re.finditer(rf"kết nạp {_DATE}; tính đến {_DATE} đã dự bị (\d+) tháng", all_text(path)):
            seen += 1
            assert _months(_words_date(m, 1), _words_date(m, 4)) == int(m.group(7))
        assert not re.search(r", đã dự bị \d+ tháng", all_text(path))
    assert seen


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    return date(d.year + y, m + 1, d.day)


def test_branch_report_notes_say_when_a_certificate_expires(built):
    for path in (built / "chi-bo").glob("*.docx"):
        doc = Document(str(path))
        table = next((t for t in doc.tables if t.rows[0].cells[-1].text == "Ghi chú"), None)
        if table is None:
            continue
        notes = [row.cells[-1].text for row in table.rows[1:]]
        valid = 0
        for note in notes:
            if not note:
                continue
            m = re.match(r"đã học lớp bồi dưỡng NTVĐ ngày (\d\d)/(\d\d)/(\d{4})", note)
            assert m, note
            expiry = _add_months(date(int(m.group(3)), int(m.group(2)), int(m.group(1))), 60)
            expires = expiry < date(ISSUED.year, 12, 31)
            assert ("giấy chứng nhận hết hạn ngày" in note) == expires, note
            valid += not expires
        text = all_text(path)
        said = re.search(r"hoàn thiện hồ sơ đề nghị kết nạp (\d+) quần chúng đã học lớp", text)
        if said:
            assert _count(said.group(1)) == valid, path.name


def test_branch_report_has_strengths_and_limitations(built):
    for path in (built / "chi-bo").glob("*.docx"):
        text = all_text(path)
        strengths = text.partition("1- Ưu điểm")[2].partition("2- Hạn chế")[0]
        assert re.search(r"^- \S", strengths, re.M), path.name


def test_the_note_on_years_without_quota_sits_under_the_branches_table(built):
    text = all_text(_doc(built, "tong-ket-nhiem-ky"))
    before, _, after = text.partition("Biểu 3.")
    # which branch had no quota in which year is said under the table; the text only reconciles the totals
    assert "không giao chỉ tiêu kết nạp cho" not in before and "chưa có chỉ tiêu" not in before
    assert before.count("không được giao chỉ tiêu") <= 1
    notes = [line for line in after.partition("II- ĐÁNH GIÁ CHUNG")[0].splitlines() if line.startswith("Ghi chú:")]
    assert len(notes) <= 1
    if notes:
        assert re.match(
            r"Ghi chú: (Năm [\d, và]+ không giao chỉ tiêu kết nạp cho |Các chi bộ không được giao chỉ"
            r" tiêu kết nạp:$)",
            notes[0],
        ), notes[0]
        assert "tỷ lệ % chỉ tính" not in notes[0] and "cột" not in notes[0]  # a fact, not how the rate was computed


def _streak_branches(inbox: Path, year: int) -> set[str]:
    """The branches that admitted nobody in `year` and the year before, recounted from the workbooks."""
    ward = read_inbox(inbox)
    out = set()
    for b in ward["branches"]:
        years = {as_date(r["admitted"]).year for r in b["admissions"] if as_date(r.get("admitted"))}
        if not years & {year, year - 1}:
            out.add(b["info"]["name"])
    return out


# Who does a task, in the order of the tasks (issue 7): the test's own openings, not the program's.
ACTOR_OPENINGS = (
    ("- Đảng ủy", "- Ban Thường vụ"),
    ("- Văn phòng Đảng ủy", "- Ban Tổ chức"),
    ("- Các đồng chí đảng ủy viên",),
    ("- Các chi ủy", "- Chi ủy", "- Các chi bộ"),
    ("- Mặt trận",),
)


def test_term_tasks_name_the_branches_to_help_in_the_committees_task(built):
    streaks = _streak_branches(built.parent / "in", 2025)
    assert streaks, "both wards have branches without admission in 2024 and 2025"
    text = all_text(_doc(built, "tong-ket-nhiem-ky"))
    tasks = text.partition("2- Nhiệm vụ, giải pháp")[2].partition("IV- KIẾN NGHỊ")[0]
    bullets = [line for line in tasks.splitlines() if line.startswith("- ")]
    committee = next(line for line in bullets if line.startswith("- Đảng ủy, Ban Thường vụ"))
    help_part = committee.partition("phân công đảng ủy viên trực tiếp giúp ")[2]
    assert help_part, committee
    if len(streaks) <= 4:  # a short list is named where the task is given, with why
        assert all(fold(n) in fold(help_part) for n in streaks), (streaks, committee)
        assert re.search(r"\((cả nhiệm kỳ|từ 02 năm liền)[^)]*\) rà soát nguồn", help_part), committee
    else:
        assert help_part.startswith(f"{len(streaks):02d} chi bộ"), committee
    # the bullets in the order of who acts; no second committee bullet after the Front's
    ranks = [
        next((i for i, openings in enumerate(ACTOR_OPENINGS) if line.startswith(openings)), None) for line in bullets
    ]
    known = [r for r in ranks if r is not None]
    assert known == sorted(known), bullets
    assert not any("các chi bộ chưa kết nạp được đảng viên" in line for line in bullets), bullets


@pytest.mark.parametrize("kind", WARD_DOCS)
def test_the_front_has_no_union_members(built, kind):
    for line in all_text(_doc(built, kind)).splitlines():
        if re.search(r"Mặt trận Tổ quốc( và [^:;]*)? chưa chủ động", line):
            assert "đoàn viên, hội viên" not in line, line


@pytest.mark.parametrize("kind", WARD_DOCS)
def test_the_committee_says_why_it_directs_the_branches_it_names(built, kind):
    text = all_text(_doc(built, kind))
    line = next((x for x in text.splitlines() if x.startswith("- Đảng ủy, Ban Thường vụ Đảng ủy:")), "")
    m = re.search(r"tập trung chỉ đạo(?:, phân công đảng ủy viên trực tiếp giúp)? (.*?)(?: rà soát nguồn.*)?\.$", line)
    if m and "nêu trên" not in m.group(1):
        assert re.search(r"\((chưa đạt|từ \d+ năm liền|cả nhiệm kỳ)[^)]*\)$", m.group(1)) or re.match(
            r"\d+ chi bộ chưa đạt (tổng )?chỉ tiêu \S+ (năm|nhiệm kỳ) [\d-]+ \(", m.group(1)
        ), line


def test_the_quotas_given_are_said_in_the_order_of_the_years(built):
    """ "giao chỉ tiêu kết nạp cho 13/14 chi bộ (năm 2021 và 2024), 14/14 chi bộ (năm 2022 và 2025) ...": every
    year once, the groups in the order of their first year, each count recounted from the quota sheet."""
    ward = read_inbox(built.parent / "in")
    names = {b["info"]["name"] for b in ward["branches"]}
    given: dict[int, int] = {}
    for q in ward["ward"]["quotas"]:
        if q["branch"] != "Toàn Đảng bộ" and (q.get("admission_quota") or 0) > 0:
            given[q["year"]] = given.get(q["year"], 0) + 1
    text = all_text(_doc(built, "tong-ket-nhiem-ky"))
    line = next(x for x in text.splitlines() if "giao chỉ tiêu kết nạp cho" in x)
    said = line.partition("giao chỉ tiêu kết nạp cho ")[2].partition(";")[0]
    groups = re.findall(r"(\d+)/(\d+) chi bộ \(năm ([^)]*)\)", said)
    assert groups, line
    years_said = []
    for count, total, years in groups:
        ys = [int(y) for y in re.findall(r"\d{4}", years)]
        if years.startswith("từ năm"):
            ys = list(range(ys[0], ys[-1] + 1))
        assert ys == sorted(ys), line
        for y in ys:
            assert int(count) == given.get(y, 0) and int(total) == len(names), (y, line)
        years_said.append(ys)
    assert [ys[0] for ys in years_said] == sorted(ys[0] for ys in years_said), line
    assert sorted(y for ys in years_said for y in ys) == sorted(given), line
