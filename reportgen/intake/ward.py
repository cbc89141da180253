"""The ward's own facts from the `Đơn vị` sheet, as intake reads them.

Defined here, at the intake stage that builds it; `stats.model` re-exports it for the
documents (a lower stage never imports a higher one).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from ..dates import add_years


@dataclass(frozen=True)
class WardInfo:
    superior: str  # Đảng bộ cấp trên
    committee: str  # Tên đảng ủy
    place: str  # Địa danh
    code: str  # Ký hiệu, e.g. ĐU
    term_label: str  # "2020-2025"
    term_first_year: int  # A
    term_last_year: int  # B
    term_start: date  # first day covered by the term's statistics
    term_end: date  # last day covered by the term's statistics
    signer_authority: str
    signer_position: str
    signer_name: str
    recipients: tuple[str, ...]
    congress: str = ""  # Đại hội lần thứ: the congress that opened the term, e.g. "XVII"

    @property
    def term_years(self) -> int:
        return self.term_last_year - self.term_first_year


def term_for_year(ward: WardInfo, year: int) -> WardInfo:
    """The term that holds `year`: the one in `Đơn vị`, or the one before or after it (same
    length) when the year falls outside it, e.g. a report on 2025 made after the 2025
    congress opened the 2025-2030 term. The ward's own term when a shift leaves the calendar."""
    length = max(1, ward.term_years)
    shift = 0
    while year < ward.term_start.year + shift * length:
        shift -= 1
    while year > ward.term_end.year + shift * length:
        shift += 1
    if shift == 0:
        return ward
    start, end = add_years(ward.term_start, shift * length), add_years(ward.term_end, shift * length)
    if start is None or end is None:
        return ward
    first, last = ward.term_first_year + shift * length, ward.term_last_year + shift * length
    return replace(
        ward,
        term_label=f"{first}-{last}",
        term_first_year=first,
        term_last_year=last,
        term_start=start,
        term_end=end,
    )
