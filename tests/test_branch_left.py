"""The branch report's sentence on candidates who left the list says the reason once."""

from __future__ import annotations

from datetime import date

from reportgen import schema
from reportgen.render.context.branch import left_sentence
from reportgen.stats.model import LeftCandidate


def _left(status: str, trained: bool = True) -> LeftCandidate:
    return LeftCandidate("Chi bộ A", "Người A", date(1990, 1, 1), status, date(2025, 5, 1), trained)


def test_one_reason_is_said_in_the_sentence_not_repeated_in_a_bracket() -> None:
    removed = left_sentence((_left(schema.STATUS_REMOVED), _left(schema.STATUS_REMOVED, False)))
    assert removed.startswith("Trong năm, Chi bộ phải đưa 02 quần chúng ra khỏi danh sách nguồn")
    assert "(bị đưa ra khỏi danh sách)" not in removed
    moved = left_sentence((_left(schema.STATUS_MOVED),))
    assert moved.startswith("Trong năm có 01 quần chúng chuyển đi nơi khác, ra khỏi danh sách nguồn")


def test_two_reasons_are_counted_apart() -> None:
    text = left_sentence((_left(schema.STATUS_MOVED), _left(schema.STATUS_REMOVED)))
    assert "02 quần chúng ra khỏi danh sách nguồn (01 chuyển đi, 01 bị đưa ra khỏi danh sách)" in text


def test_the_organisations_introduce_their_own_members() -> None:
    from reportgen.render.context.sections import members_of

    assert members_of(["Hội Nông dân", "Hội Cựu chiến binh"]) == "hội viên"
    assert members_of(["Đoàn Thanh niên", "Công đoàn"]) == "đoàn viên"
    assert members_of(["Công đoàn", "Hội Nông dân"]) == "đoàn viên, hội viên"
    assert members_of(["Mặt trận Tổ quốc", "Hội Nông dân"]) == "quần chúng"
