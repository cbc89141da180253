"""The admission rules, thresholds and targets, each named once, and the dated table of
the texts they come from (../shared/DOMAIN.md).

Validation checks these numbers, stats decide with them, and the documents cite the
texts in force on their own date, never a text issued after it. A new text is one more
row in `REGIMES` or `TEXTS`, not a code change elsewhere.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .dates import add_months, add_working_days, add_years, full_years

# --- dates the workbooks can mean ------------------------------------------------------

EARLIEST_YEAR = 1900  # no date in the workbooks is earlier, births included
EVENT_YEARS_AHEAD = 1  # an event may be dated up to next year (a planned ceremony); a birth not after this year

# A term's statistics run from `Ngày bắt đầu nhiệm kỳ` for B−A years. A start this close to a
# 1 January (a congress on 31/12/2020, or on 05/01/2021) makes no part-year of a few days at
# either end: the term covers the B−A whole calendar years from that 1 January.
TERM_START_WHOLE_YEAR_DAYS = 31


def term_statistics_start(given: date) -> date:
    """The first day a term's statistics cover, from the date the term started: the nearest
    1 January when it is at most `TERM_START_WHOLE_YEAR_DAYS` days away, else the date itself."""
    nearest = date(given.year + 1, 1, 1) if given.month == 12 else date(given.year, 1, 1)
    return nearest if abs((nearest - given).days) <= TERM_START_WHOLE_YEAR_DAYS else given


# --- admission rules (the same numbers in 29, 24, 232 and 294-QĐ/TW) -------------------

MIN_AGE_YEARS = 18  # "đủ 18 tuổi", judged at the branch meeting that considers the admission
MAX_AGE_YEARS = 60  # over "đủ 60 tuổi" only with the province standing committee's consent
MEETING_MARGIN_MONTHS = 3  # without `Ngày chi bộ xét`: under 18 years 3 months at the decision is worth a look
DECISION_WITHIN_WORKING_DAYS = 60  # the decision may come up to 60 working days after the branch meeting
CEREMONY_WITHIN_WORKING_DAYS = 30  # the ceremony within 30 working days of receiving the decision
CLASS_VALID_MONTHS = 60  # the Party-awareness class certificate is valid 60 months
PROBATION_MONTHS = 12  # probation, counted from the ceremony (default: the decision)
RECOGNITION_WITHIN_WORKING_DAYS = 30  # after probation the branch considers recognition within 30 working days
READMISSION_MIN_MONTHS = 36  # re-admission only once, at least 36 months after leaving
MIN_OFFICIAL_MEMBERS = 3  # a branch needs at least 3 official members
BRANCH_COMMITTEE_MIN_MEMBERS = 9  # a branch of 9 official members or more elects a chi ủy; a smaller one a bí thư

# --- targets (Nghị quyết 21-NQ/TW and the ward plans) ----------------------------------

MEMBER_TARGET_RATE = 0.03  # yearly admissions of at least 3% of the members at the start of the year
MIN_ADMISSIONS_PER_BRANCH = 1
MIN_SOURCES_PER_BRANCH = 1
MIN_INTRODUCTIONS_PER_ORGANISATION = 1
DEFAULT_SOURCE_QUOTA = 1  # `Chỉ tiêu tạo nguồn` when the row exists and the cell is empty

# --- judgements the documents make from the figures -------------------------------------

NO_ADMISSION_STREAK_YEARS = 2  # this many years in a row without an admission is a shortfall
SMALL_BRANCH_MEMBERS = 10  # a branch of this many members or fewer is small (a cause: few people to choose from)
YOUTH_UNION_LOW_SHARE = 0.5  # under half of the new members from the Youth Union: the Union's role is a cause
# A change in the new members' structure from one year to the next is judged (a strength, a shortcoming)
# only when it is this large: with 8 or 9 admissions a year, one person moves a share by 11-12 points.
STRUCTURE_SHIFT_SHARE = 0.10  # the Youth Union share, in points of 100%
STRUCTURE_SHIFT_AGE = 2.0  # the mean age at admission, in years


def short_source_list(count: int, ward: list[int]) -> bool:
    """A branch's source list is short when below the middle of the ward's lists (the median): the
    smallness of a branch is a cause only where its list is short too."""
    if not ward:
        return False
    ordered = sorted(ward)
    middle = len(ordered) // 2
    median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return count < median


def quota_given(quota: int | None) -> bool:
    """A quota counts only when entered and above zero (a 0 means none was given)."""
    return quota is not None and quota > 0


def below(done: int, quota: int | None) -> bool:
    """The one test of "chưa đạt": a given quota that `done` does not reach."""
    return quota_given(quota) and done < (quota or 0)


def has_branch_committee(members: int | None) -> bool | None:
    """Whether a branch has a chi ủy (9 official members or more; fewer: a secretary, no
    committee). None when the member count is not known. The workbooks give the members at
    the start of the year, which is the count a document can name."""
    if members is None:
        return None
    return members >= BRANCH_COMMITTEE_MIN_MEMBERS


def member_target(members: int | None, rate: float = MEMBER_TARGET_RATE) -> int | None:
    """The 3% target in people: ceil(rate × members), in decimals (3% of 300 is 9, not 10).

    The one rounding of the target: reports, the term review and the plan all use it.
    None without a member count; 0 members give a target of 0.
    """
    if members is None:
        return None
    return math.ceil(Decimal(str(rate)) * Decimal(members))


def short_of_target(admissions: int, members: int | None, rate: float = MEMBER_TARGET_RATE) -> bool | None:
    """Admissions below the 3% target; None when the member count is missing."""
    target = member_target(members, rate)
    if target is None or members == 0:
        return None
    return admissions < target


# --- age at admission -----------------------------------------------------------------

AGE_UNDER_MIN = "age_under_18"
AGE_OVER_MAX = "age_over_60"
# (key, label, first full year, last full year) of the official form Biểu 3-BTCTW.
AGE_BANDS: tuple[tuple[str, str, int, int], ...] = (
    (AGE_UNDER_MIN, "Dưới 18 tuổi", 0, MIN_AGE_YEARS - 1),
    ("age_18_30", "Từ 18 đến 30 tuổi", MIN_AGE_YEARS, 30),
    ("age_31_35", "Từ 31 đến 35 tuổi", 31, 35),
    ("age_36_40", "Từ 36 đến 40 tuổi", 36, 40),
    ("age_41_45", "Từ 41 đến 45 tuổi", 41, 45),
    ("age_46_50", "Từ 46 đến 50 tuổi", 46, 50),
    ("age_51_55", "Từ 51 đến 55 tuổi", 51, 55),
    ("age_56_60", "Từ 56 đến 60 tuổi", 56, MAX_AGE_YEARS),
    (AGE_OVER_MAX, "Trên 60 tuổi", MAX_AGE_YEARS + 1, 10_000),
)


def age_judged_on(meeting: object, decision: date) -> date:
    """Age is judged at the branch meeting that considers the admission, else at the decision."""
    return meeting if isinstance(meeting, date) and meeting <= decision else decision


def under_min_age(birth: date, on: date) -> bool:
    """Not yet full 18 years old on `on`."""
    reached = add_years(birth, MIN_AGE_YEARS)
    return reached is None or on < reached


def over_max_age(birth: date, on: date) -> bool:
    """Past full 60 years on `on` (60 years and one day is over 60)."""
    reached = add_years(birth, MAX_AGE_YEARS)
    return reached is not None and on > reached


def age_band(birth: date, on: date) -> str:
    """The key of the age row a person admitted on `on` belongs to.

    The same test as the over-60 warning: a person 60 years and 3 months old is over 60,
    not in the 56-60 row; under 18 likewise.
    """
    if under_min_age(birth, on):
        return AGE_UNDER_MIN
    if over_max_age(birth, on):
        return AGE_OVER_MAX
    years = full_years(birth, on)
    for key, _label, first, last in AGE_BANDS:
        if first <= years <= last:
            return key
    return AGE_OVER_MAX  # pragma: no cover - the bands cover every age


def class_expiry(class_date: date) -> date | None:
    """The last day the Party-awareness certificate is valid (60 months); None past the calendar."""
    return add_months(class_date, CLASS_VALID_MONTHS)


def class_valid_on(class_date: date, on: date) -> bool:
    """The certificate of `class_date` is valid on `on` (taken by then and not older than 60 months)."""
    expiry = class_expiry(class_date)
    return class_date <= on and (expiry is None or on <= expiry)


def probation_end(start: date) -> date | None:
    """The end of the 12 months of probation counted from `start` (ceremony, else decision)."""
    return add_months(start, PROBATION_MONTHS)


def recognition_deadline(start: date) -> date | None:
    """The last day the branch may consider official recognition: 30 working days after the
    12 months of probation counted from `start`; None past the calendar."""
    end = probation_end(start)
    return None if end is None else add_working_days(end, RECOGNITION_WITHIN_WORKING_DAYS)


def recognition_overdue(start: date, on: date) -> bool:
    """Not yet recognised on `on` although the deadline counted from `start` has passed."""
    deadline = recognition_deadline(start)
    return deadline is not None and deadline < on


# --- the texts, dated -----------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """One text of the Party a document may cite."""

    kind: str  # Quy định, Hướng dẫn, Nghị quyết
    number: str  # 294-QĐ/TW
    issued: date
    issuer: str  # của ... (Ban Chấp hành Trung ương, Ban Bí thư)
    subject: str  # về ...

    @property
    def short(self) -> str:
        """ "Quy định 294-QĐ/TW" as in a message."""
        return f"{self.kind} {self.number}"

    def citation(self) -> str:
        """ "Quy định số 294-QĐ/TW ngày 26/5/2025 của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng"."""
        d = self.issued
        return f"{self.kind} số {self.number} ngày {d.day:02d}/{d.month}/{d.year} của {self.issuer} {self.subject}"


_CHARTER = "về thi hành Điều lệ Đảng"
_CHARTER_DETAILS = "về một số vấn đề cụ thể thi hành Điều lệ Đảng"
_CC = "Ban Chấp hành Trung ương"
_SECRETARIAT = "Ban Bí thư"

REGULATION_29 = Text("Quy định", "29-QĐ/TW", date(2016, 7, 25), _CC, _CHARTER)
GUIDANCE_01_2016 = Text("Hướng dẫn", "01-HD/TW", date(2016, 9, 20), _SECRETARIAT, _CHARTER_DETAILS)
REGULATION_24 = Text("Quy định", "24-QĐ/TW", date(2021, 7, 30), _CC, _CHARTER)
GUIDANCE_01_2021 = Text("Hướng dẫn", "01-HD/TW", date(2021, 9, 28), _SECRETARIAT, _CHARTER_DETAILS)
REGULATION_232 = Text("Quy định", "232-QĐ/TW", date(2025, 1, 20), _CC, _CHARTER)
REGULATION_294 = Text("Quy định", "294-QĐ/TW", date(2025, 5, 26), _CC, _CHARTER)
GUIDANCE_06_2025 = Text("Hướng dẫn", "06-HD/TW", date(2025, 6, 9), _SECRETARIAT, _CHARTER_DETAILS)
RESOLUTION_21 = Text(
    "Nghị quyết",
    "21-NQ/TW",
    date(2022, 6, 16),
    "Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng khóa XIII",
    "về tăng cường củng cố, xây dựng tổ chức cơ sở đảng và nâng cao chất lượng đội ngũ đảng viên trong giai đoạn mới",
)


@dataclass(frozen=True)
class Regime:
    """The texts that govern admissions from a date on."""

    since: date
    regulation: Text
    guidance: Text
    district_level: bool  # a district-level committee may still be a ward's superior


# Oldest first. A regime's guidance may be issued after the regime starts (then the one
# before it is still the one a document can cite).
REGIMES: tuple[Regime, ...] = (
    Regime(date(2016, 7, 25), REGULATION_29, GUIDANCE_01_2016, True),
    Regime(date(2021, 7, 30), REGULATION_24, GUIDANCE_01_2021, True),
    Regime(date(2025, 1, 20), REGULATION_232, GUIDANCE_01_2021, True),
    Regime(date(2025, 7, 1), REGULATION_294, GUIDANCE_06_2025, False),
)
DISTRICT_LEVEL_ENDED = next(r.since for r in REGIMES if not r.district_level)

# Other texts the documents cite, each citable from its issue date.
TEXTS: tuple[Text, ...] = (RESOLUTION_21,)


def regime_on(day: date) -> Regime | None:
    """The regime in force on `day`; None before the first one the table knows."""
    current = None
    for regime in REGIMES:
        if regime.since <= day:
            current = regime
    return current


def district_level_exists(day: date) -> bool:
    """Whether a district-level committee can be a ward's superior on `day`."""
    regime = regime_on(day)
    return regime is None or regime.district_level


# --- district-level bodies ------------------------------------------------------------

# The cities directly under the centre (Nghị quyết 202/2025/QH15): their committees are of
# province level; every other "thành phố" (a city within a province) was of district level.
CENTRAL_CITIES = ("ha noi", "hue", "hai phong", "da nang", "ho chi minh", "hcm", "can tho")
_CITY_RE = re.compile(r"\b(?:thanh pho|thanh uy|tp)\b\.?\s*(.+)")
_ALWAYS_DISTRICT = re.compile(r"\b(huyen|huyen uy|thi xa|thi uy)\b")
_NOT_DISTRICT_AFTER_QUAN = {"su", "doi", "khu", "chung", "nhan", "doan", "y"}
_NOT_DISTRICT_BEFORE_QUAN = {"co", "hai", "tham", "lien", "chu"}


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w.]+", " ", bare.lower()).split())


def district_level_unit(name: str) -> str | None:
    """ "huyện", "quận", "thị xã" or "thành phố" when `name` is a district-level body
    ("ĐẢNG BỘ HUYỆN X", "QUẬN 1", "THỊ ỦY X", "THÀNH PHỐ ĐÀ LẠT" under a province), else None.

    Recognised by the unit word rather than a list of places; "quân" (military: "Đảng ủy Quân
    sự tỉnh") is told from "quận" by its diacritics, or without them by the word after it.
    """
    folded = _fold(name)
    match = _ALWAYS_DISTRICT.search(folded)
    if match:
        return "thị xã" if match.group(1).startswith("thi") else "huyện"
    upper = unicodedata.normalize("NFC", name).upper()
    if _fold(upper) != " ".join(re.sub(r"[^\w.]+", " ", upper.lower()).split()):  # written with diacritics
        if re.search(r"\bQUẬN\b", upper):
            return "quận"
    else:  # without: "quan" after "cơ"/"hải" or before "sự"/"đội"... is not a district
        words = folded.split()
        for i, word in enumerate(words):
            before = words[i - 1] if i else ""
            after = words[i + 1] if i + 1 < len(words) else ""
            if word == "quan" and before not in _NOT_DISTRICT_BEFORE_QUAN and after not in _NOT_DISTRICT_AFTER_QUAN:
                return "quận"
    city = _CITY_RE.search(folded)
    if city:
        place = re.split(r"\b(?:tinh|thuoc)\b", city.group(1))[0].strip(" .")
        if place and not any(place == c or place.startswith(c + " ") for c in CENTRAL_CITIES):
            return "thành phố"
    return None


def citable(text: Text, day: date) -> bool:
    """A document dated `day` may cite `text` only once it is issued."""
    return text.issued <= day


def rules_in_force(day: date) -> tuple[Text, ...]:
    """The regulation and guidance a document dated `day` cites: those in force and already
    issued (the latest issued guidance while the new one is not out); empty before the table."""
    regime = regime_on(day)
    if regime is None:
        return ()
    regulations = [r.regulation for r in REGIMES if r.since <= day and citable(r.regulation, day)]
    guidance = [r.guidance for r in REGIMES if r.since <= day and citable(r.guidance, day)]
    return tuple(texts[-1] for texts in (regulations, guidance) if texts)


def rules_short(day: date) -> str:
    """ "Quy định 294-QĐ/TW, Hướng dẫn 06-HD/TW" for a message about a date; the first regime's when
    `day` is before the table (the numbers are the same in all of them)."""
    texts = rules_in_force(day) or rules_in_force(REGIMES[0].since)
    return ", ".join(t.short for t in texts)
