"""The prose rules of issue 7, item 7, each as code with a test that can fail."""

from reportgen.render.wording import (
    NBSP,
    Named,
    in_conventional_order,
    met_words,
    people_average,
    ratio,
    tie_hyphens,
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
    names = ["Hội Cựu chiến binh", "Đoàn Thanh niên", "Hội LHPN", "Công đoàn", "MTTQ", "Hội Nông dân", "Hội Người cao tuổi"]
    assert in_conventional_order(names) == [
        "MTTQ", "Công đoàn", "Hội Nông dân", "Đoàn Thanh niên", "Hội LHPN", "Hội Cựu chiến binh", "Hội Người cao tuổi"]


def test_no_line_can_start_with_a_hyphen_unless_a_bullet():
    assert tie_hyphens("Mặt trận và các đoàn thể chính trị - xã hội") == f"Mặt trận và các đoàn thể chính trị{NBSP}- xã hội"
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
