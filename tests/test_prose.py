"""Sentences from figures: the zero, one and all-met cases are worded on their own."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from report_fixture import TDP10, make_report

from reportgen.render import prose
from reportgen.render.context import build_context, committee_in_sentence, recipient_lines, ward_party_caps
from reportgen.stats.model import LeftCandidate, NoAdmissionStreak, QuotaShortfall, Structure, StructureRow

REPORT = make_report()
WY = REPORT.ward_year


def test_ward_admissions_below_quota():
    text = prose.ward_admissions(WY, REPORT.ward_prev_year)
    assert text.startswith(
        "Năm 2025, toàn Đảng bộ kết nạp được 09 đảng viên, đạt 90,00% chỉ tiêu cấp trên giao (10 đảng viên),"
        " còn thiếu 01 đảng viên;"
    )
    assert text.endswith("So với năm 2024 (07 đảng viên), tăng 02 đảng viên.")


def test_ward_admissions_over_quota_and_member_target_met():
    wy = replace(WY, admissions=12, members_start=360)
    text = prose.ward_admissions(wy, None)
    assert "đạt 120,00% chỉ tiêu cấp trên giao (10 đảng viên), vượt 02 đảng viên" in text
    assert "bằng 3,33% tổng số đảng viên đầu năm (360 đảng viên), đạt mục tiêu kết nạp 3% (11 đảng viên)" in text
    assert "So với" not in text


def test_ward_admissions_zero_and_no_quota():
    wy = replace(WY, admissions=0, ward_quota=None, members_start=None)
    assert prose.ward_admissions(wy, None) == "Năm 2025, toàn Đảng bộ chưa kết nạp được đảng viên nào."
    wy = replace(WY, admissions=0)
    text = prose.ward_admissions(wy, replace(WY, year=2024, admissions=0))
    assert text.startswith(
        "Năm 2025, toàn Đảng bộ chưa kết nạp được đảng viên nào (chỉ tiêu cấp trên giao: 10 đảng viên)"
    )
    assert "số đảng viên kết nạp bằng năm trước" in text


def test_two_digit_setting():
    text = prose.ward_admissions(WY, None, two_digits=False)
    assert "kết nạp được 9 đảng viên" in text and "còn thiếu 1 đảng viên" in text


def test_branches_all_met_none_met_some_met():
    all_met = replace(WY, branches_met_quota=3, branches_with_admission=3)
    assert "03/03 chi bộ đạt chỉ tiêu được giao" in prose.branches_meeting_quota(all_met)
    assert "100% chi bộ trực thuộc (03/03) kết nạp được đảng viên mới" in prose.branches_meeting_quota(all_met)
    none_met = replace(WY, branches_met_quota=0, branches_with_admission=0)
    text = prose.branches_meeting_quota(none_met)
    assert "không có chi bộ nào kết nạp được đảng viên" in text
    assert "không có chi bộ nào đạt chỉ tiêu được giao" in text
    assert text[0].isupper()
    some = prose.branches_meeting_quota(WY)
    assert some == "02/03 chi bộ trực thuộc kết nạp được đảng viên mới; 02/03 chi bộ đạt chỉ tiêu được giao."


def test_shortfall_lists_are_sorted_and_zero_cases_worded():
    items = (
        QuotaShortfall("Chi bộ Tổ dân phố 10", 2, 0),
        QuotaShortfall("Chi bộ Tổ dân phố 2", 1, 0),
        QuotaShortfall("Chi bộ Đông Hòa", 1, 0),
    )
    text = prose.below_quota(items, 5)
    assert text.index("Đông Hòa") < text.index("Tổ dân phố 2 (") < text.index("Tổ dân phố 10 (")
    assert text.startswith("Còn 3/5 chi bộ chưa đạt chỉ tiêu kết nạp đảng viên được giao:")
    assert prose.below_quota((), 5) == "Không có chi bộ nào chưa đạt chỉ tiêu kết nạp đảng viên được giao."
    assert prose.below_quota((), 0) == ""
    assert prose.no_admission_streaks(()) == "Không có chi bộ nào 02 năm liền trở lên không kết nạp được đảng viên."
    streak = prose.no_admission_streaks((NoAdmissionStreak(TDP10, (2024, 2025)),))
    assert streak == f"Có 01 chi bộ từ 02 năm liền trở lên không kết nạp được đảng viên: {TDP10} (02 năm: 2024 và 2025)."
    assert prose.below_source_quota((), any_quota=True) == "100% chi bộ đạt chỉ tiêu tạo nguồn được giao."
    assert prose.below_source_quota((), any_quota=False) == ""
    assert prose.organisations_below((), 0) == ""
    assert prose.overdue_probation(()) == "Không có đảng viên dự bị nào quá hạn xét công nhận đảng viên chính thức."


def test_left_candidates_cases():
    assert prose.left_candidates((), "Trong năm") == "Trong năm không có quần chúng nào ra khỏi danh sách nguồn."
    one = (LeftCandidate("X", "A", None, "Chuyển đi", date(2025, 1, 1), False),)
    assert prose.left_candidates(one, "Trong năm") == (
        "Trong năm có 01 quần chúng ra khỏi danh sách nguồn (01 chuyển đi), không có người nào đã học lớp"
        " bồi dưỡng nhận thức về Đảng."
    )
    both = one + (LeftCandidate("X", "B", None, "Đưa ra khỏi nguồn", None, True),)
    trained = tuple(replace(c, trained=True) for c in both)
    assert "tất cả đều đã được học lớp" in prose.left_candidates(trained, "Trong nhiệm kỳ")


def test_structure_sentences():
    sentences = prose.structure_sentences(REPORT.term.structure)
    assert sentences[0] == "Nữ: 15 (39,47%); có tôn giáo: 01 (2,63%); Đoàn viên TNCS Hồ Chí Minh: 28 (73,68%)."
    assert "Độ tuổi khi kết nạp: từ 18 đến 30 tuổi 26 (68,42%); từ 31 đến 35 tuổi 06 (15,79%)" in sentences[1]
    assert sentences[-1] == "Tuổi bình quân khi kết nạp: 28,9 tuổi."
    empty = Structure(total=0, rows=(StructureRow("Tổng số", "Tổng số", "total", 0, None),), mean_age=None)
    assert prose.structure_sentences(empty) == []


def test_term_incomplete_is_worded_from_the_start_of_the_term():
    term = replace(
        REPORT.term,
        complete=False,
        end=date(2023, 12, 31),
        years=REPORT.term.years[:3],
        admissions=22,
        yearly_average=22 / 3,
        ward_quota_sum=23,
    )
    text = prose.term_admissions(term)
    assert text.startswith(
        "Từ đầu nhiệm kỳ 2020-2025 đến ngày 31 tháng 12 năm 2023, toàn Đảng bộ đã kết nạp được 22 đảng viên mới,"
        " trung bình hằng năm kết nạp 7,3 đảng viên; đạt 95,65% tổng chỉ tiêu cấp trên giao (23 đảng viên)."
    )
    report = replace(REPORT, term=term)
    ctx = build_context(report, "tong-ket-nhiem-ky")
    assert ctx["title"]["summary"] == "sơ kết công tác tạo nguồn, kết nạp đảng viên nhiệm kỳ 2020-2025"
    assert ctx["term"]["aims_heading"] == "NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN CÒN LẠI CỦA NHIỆM KỲ"


def test_branch_sentences():
    tdp3, school, tdp10 = REPORT.branch_reports
    assert prose.branch_admissions(tdp10.year) == (
        "Năm 2025, Chi bộ được giao chỉ tiêu kết nạp 01 đảng viên nhưng chưa kết nạp được đảng viên nào."
    )
    over = replace(school.year, admissions=7)
    assert prose.branch_admissions(over) == (
        "Năm 2025, Chi bộ được giao chỉ tiêu kết nạp 05 đảng viên, đã kết nạp được 07 đảng viên,"
        " đạt 140,00% chỉ tiêu, vượt 02 đảng viên."
    )
    no_quota = replace(school.year, quota=None)
    assert "chưa có chỉ tiêu trong sổ tổng hợp" in prose.branch_admissions(no_quota)
    ctx = build_context(REPORT, "chi-bo", replace(school, left_in_year=()))
    assert ctx["shortfall_paragraphs"][0].startswith("Năm 2025, Chi bộ hoàn thành các chỉ tiêu được giao")


def test_names_and_recipients():
    ward = REPORT.ward
    assert committee_in_sentence(ward) == "Đảng ủy phường Phổ Hòa"
    assert committee_in_sentence(replace(ward, committee="ĐẢNG UỶ XÃ BÌNH AN", place="Bình An")) == "Đảng ủy xã Bình An"
    assert (
        committee_in_sentence(replace(ward, committee="ĐẢNG ỦY PHƯỜNG HƯƠNG HỒ", place="")) == "Đảng ủy phường Hương Hồ"
    )
    assert ward_party_caps(ward) == "ĐẢNG BỘ PHƯỜNG PHỔ HÒA"
    assert recipient_lines(["Ban Thường vụ Thị ủy;", "- Các chi bộ trực thuộc,", "Lưu VP."]) == [
        "- Ban Thường vụ Thị ủy,",
        "- Các chi bộ trực thuộc,",
        "- Lưu VP.",
    ]
    assert recipient_lines([]) == ["- Lưu Văn phòng Đảng ủy."]
