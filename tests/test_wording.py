"""The prose rules of issue 7, item 7, each as code with a test that can fail."""

from reportgen.render.wording import (
    NBSP,
    Named,
    Reference,
    Said,
    actor_of,
    by_actor,
    in_conventional_order,
    met_words,
    people_average,
    ratio,
    tie_hyphens,
    times_words,
)


def test_exceeded_only_when_exceeded():
    assert met_words(3, 2) == "vượt chỉ tiêu"
    assert met_words(2, 2) == "đạt chỉ tiêu"
    assert met_words(1, 2) == "chưa đạt chỉ tiêu"


def test_averages_of_people_stay_whole():
    assert people_average(8.4) == "trên 08 đảng viên"
    assert people_average(8.0) == "08 đảng viên"
    assert people_average(12.6, "quần chúng") == "trên 12 quần chúng"
    assert people_average(0.4) == "chưa đến 01 đảng viên"
    assert people_average(8.4, two_digits=False) == "trên 8 đảng viên"


def test_one_form_for_counts():
    assert ratio(7, 14) == "07/14"
    assert ratio(11, 14) == "11/14"
    assert ratio(7, 14, two_digits=False) == "7/14"


def test_organisations_in_the_conventional_order():
    names = [
        "Hội Cựu chiến binh",
        "Đoàn Thanh niên",
        "Hội LHPN",
        "Công đoàn",
        "MTTQ",
        "Hội Nông dân",
        "Hội Người cao tuổi",
    ]
    assert in_conventional_order(names) == [
        "MTTQ",
        "Công đoàn",
        "Hội Nông dân",
        "Đoàn Thanh niên",
        "Hội LHPN",
        "Hội Cựu chiến binh",
        "Hội Người cao tuổi",
    ]


def test_no_line_can_start_with_a_hyphen_unless_a_bullet():
    assert (
        tie_hyphens("Mặt trận và các đoàn thể chính trị - xã hội")
        == f"Mặt trận và các đoàn thể chính trị{NBSP}- xã hội"
    )
    assert tie_hyphens("- Bullet về chính trị - xã hội").startswith("- Bullet")
    assert f"trị{NBSP}- xã" in tie_hyphens("- Bullet về chính trị - xã hội")
    assert tie_hyphens("2020-2025") == "2020-2025"


def test_a_list_is_named_once_then_referred_to():
    named = Named()
    first = named.name("below", ["Chi bộ A", "Chi bộ B", "Chi bộ C"])
    assert first == "Chi bộ A, Chi bộ B và Chi bộ C"
    again = named.name("weak", ["Chi bộ C", "Chi bộ B", "Chi bộ A"], what="chưa đạt chỉ tiêu")
    assert again == "03 chi bộ chưa đạt chỉ tiêu nêu trên"
    assert named.name("other", ["Chi bộ D"]) == "Chi bộ D"


def test_a_back_reference_is_never_ambiguous():
    """Two lists of as many branches above (admissions and sources, both "04/10 chi bộ chưa đạt"): the
    reference says which quota, and names a short list again."""
    below = ["Chi bộ A", "Chi bộ B", "Chi bộ C", "Chi bộ D"]
    named = Named()
    named.name("below", below, which="chưa đạt chỉ tiêu kết nạp năm 2025")
    named.note("sources", ["Chi bộ A", "Chi bộ E", "Chi bộ F", "Chi bộ G"], "chưa đạt chỉ tiêu tạo nguồn năm 2025")
    again = named.name("weak", below, what="chưa đạt chỉ tiêu")
    assert isinstance(again, Reference)
    assert again == ("04 chi bộ chưa đạt chỉ tiêu kết nạp năm 2025 (Chi bộ A, Chi bộ B, Chi bộ C và Chi bộ D)")
    # a list of as many that the words cannot mean ("đạt" is not "chưa đạt"): "nêu trên" is clear
    clear = Named()
    clear.name("met", ["Chi bộ E", "Chi bộ F", "Chi bộ G", "Chi bộ H"], which="đạt chỉ tiêu kết nạp năm 2025")
    clear.name("below", below, which="chưa đạt chỉ tiêu kết nạp năm 2025")
    assert clear.name("weak", below, what="chưa đạt chỉ tiêu") == "04 chi bộ chưa đạt chỉ tiêu nêu trên"
    # a long list is described without its names
    many = [f"Chi bộ {i}" for i in range(6)]
    long = Named()
    long.name("below", many, which="chưa đạt chỉ tiêu kết nạp năm 2025")
    long.note("sources", [f"Chi bộ X{i}" for i in range(6)], "chưa đạt chỉ tiêu tạo nguồn năm 2025")
    assert long.name("weak", many, what="chưa đạt chỉ tiêu") == "06 chi bộ chưa đạt chỉ tiêu kết nạp năm 2025"


def test_how_many_times_as_an_office_rounds_it():
    assert times_words(97, 33) == "gấp gần 03 lần"  # 2,94
    assert times_words(90, 30) == "gấp 03 lần"
    assert times_words(75, 33) == "gấp hơn 02 lần"  # 2,27
    assert times_words(150, 42) == "gấp hơn 03 lần"  # 3,57
    assert times_words(59, 33) == "gấp gần 02 lần"  # 1,79
    assert times_words(40, 33) == ""  # 1,2: "nhiều hơn"
    assert times_words(97, 33, two_digits=False) == "gấp gần 3 lần"


def test_tasks_are_ordered_by_who_acts():
    assert actor_of("- Đảng ủy, Ban Thường vụ Đảng ủy: ...") == 0
    assert actor_of("Đảng ủy phân công đảng ủy viên trực tiếp giúp ...") == 0
    assert actor_of("Đảng ủy viên phụ trách chi bộ dự sinh hoạt ...") == 2
    assert actor_of("Văn phòng Đảng ủy (bộ phận xây dựng Đảng): ...") == 1
    assert actor_of("Các chi ủy, chi bộ: ...") == 3
    assert actor_of("Mặt trận Tổ quốc và các đoàn thể ...") == 4
    assert actor_of("Tăng cường công tác tuyên truyền.") is None
    program = [
        "Đảng ủy, Ban Thường vụ Đảng ủy: giao chỉ tiêu.",
        "Văn phòng Đảng ủy (bộ phận xây dựng Đảng): theo dõi.",
        Said("Các đồng chí đảng ủy viên phụ trách chi bộ: dự sinh hoạt.", "members"),
        "Các chi ủy, chi bộ: rà soát nguồn.",
        "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội: giới thiệu.",
    ]
    office = [
        "Ban Thường vụ Đảng ủy định kỳ nghe các chi bộ báo cáo.",
        "Tăng cường công tác tuyên truyền.",
        "Các chi bộ khu dân cư phối hợp với Ban công tác Mặt trận.",
    ]
    assert by_actor(program, office) == [
        program[0],
        office[0],
        program[1],
        program[2],
        program[3],
        office[2],
        program[4],
        office[1],
    ]
    # an office row on the members' task replaces the program's, in the committee's place
    members = "Đảng ủy phân công đảng ủy viên trực tiếp giúp các chi bộ rà soát nguồn."
    assert by_actor(program, [members]) == [program[0], members, program[1], program[3], program[4]]


def test_the_ward_documents_apply_the_rules(tmp_path):
    """The sample's documents: no "đạt và vượt", no decimal average of people, counts as 07/14,
    every "chính trị - xã hội" with its hyphen tied."""
    import re

    from docx import Document

    from reportgen.pipeline import build
    from reportgen.sample import write_sample

    write_sample(tmp_path / "in")
    build(tmp_path / "in", tmp_path / "out")
    for path in (tmp_path / "out").glob("*.docx"):
        paragraphs = [p.text for p in Document(str(path)).paragraphs]
        text = "\n".join(paragraphs)
        assert "đạt và vượt chỉ tiêu được giao" not in text, path.name
        assert not re.search(r"(bình quân|trung bình)[^.;]*\d+,\d+ đảng viên", text), path.name
        body = text.split("PHỤ LỤC")[0].replace("(9/12)", "").replace("(12/12)", "")  # education grades
        assert not re.search(r"\b[1-9]/\d{2}\b", body), path.name  # 7/14 is written 07/14
        for p in paragraphs:
            assert " - " not in p[2:], (path.name, p[:80])  # tied with a non-breaking space


def test_some_only_for_two_or_more():
    from reportgen.render.wording import some_or_named

    assert some_or_named(["Chi bộ Quân sự phường"]) == "Chi bộ Quân sự phường"
    assert some_or_named(["Chi bộ A", "Chi bộ B"]) == "Một số chi bộ"


def test_a_short_source_list_is_below_the_wards_median():
    from reportgen.rules import short_source_list

    assert short_source_list(5, [5, 12, 7, 6, 9])  # median 7
    assert not short_source_list(12, [5, 12, 7, 6, 9])  # the longest list is never short
    assert not short_source_list(7, [5, 12, 7, 6, 9])
    assert not short_source_list(3, [])
