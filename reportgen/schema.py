"""The standard workbooks as data (../shared/FORMAT.md).

This is the single place where a sheet, column, alias or allowed value is named.
Reading, validation, the sample generator and the docs all use it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from .rules import DEFAULT_SOURCE_QUOTA


class Kind(str, Enum):
    """How a cell is turned into a value."""

    TEXT = "text"
    DATE = "date"
    YEAR = "year"
    COUNT = "count"  # whole number >= 0
    YESNO = "yesno"
    CHOICE = "choice"
    PERIOD = "period"  # a year (2025) or a term (2020-2025)
    IGNORED = "ignored"


@dataclass(frozen=True)
class Column:
    key: str  # English name used in DataFrames
    header: str  # Vietnamese header as in FORMAT.md
    kind: Kind
    required: bool = False
    aliases: tuple[str, ...] = ()
    default: object = None
    choices: tuple[str, ...] = ()
    # Other spellings accepted for a choice, mapped to the canonical value.
    choice_aliases: dict[str, str] = field(default_factory=dict)
    # What to suggest for a value that is not allowed (else the closest spelling).
    choice_hint: Callable[[str], str | None] | None = None
    # A free-text column read against a list (`ethnicity`, `religion`): known spellings are
    # normalised, anything else is kept with a warning (see ETHNICITY_UNKNOWN_RULE...).
    vocabulary: str = ""
    # A free-text column whose line breaks (Alt+Enter) are kept: each line is cleaned on its own.
    lines: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        return (self.header, *self.aliases)


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()
    # Columns a blank workbook fills in advance (`reportgen init`): a row with nothing
    # else is not filled in yet, so it is skipped with a note instead of being an error.
    placeholder: tuple[str, ...] = ()

    @property
    def required(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required)

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)


@dataclass(frozen=True)
class Field:
    """A row of a two-column field/value sheet (`Đơn vị`, `Thông tin`)."""

    key: str
    label: str
    kind: Kind = Kind.TEXT
    required: bool = False
    default: object = None
    choices: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


WARD_TOTAL = "Toàn Đảng bộ"
TOTALS_WORDS = ("Tổng cộng", "Cộng", "Tổng", "Tổng số")
# How the signature block under a list begins (`Người lập biểu`, `T/M CHI ỦY`, `BÍ THƯ`, `(Ký, ghi rõ
# họ tên)`); a cell that starts with one of these, or a place-and-date line (`Phổ Hòa, ngày 20 tháng 12
# năm 2025`), opens the block.
SIGNATURE_WORDS = (
    "Người lập",
    "T/M",
    "TM.",
    "Thay mặt",
    "Bí thư",
    "Phó bí thư",
    "Chi ủy",
    "Xác nhận",
    "Thủ trưởng",
    "Ký tên",
    "Ký, ghi rõ họ tên",
    "Ký và ghi rõ họ tên",
    "Ký ghi rõ họ tên",
)

YES_WORDS = ("có", "x", "1", "đ", "yes", "c", "true", "đúng", "v", "đv", "đoàn viên", "✓", "√", "+")
NO_WORDS = ("", "không", "0", "no", "k", "false", "-", "ko")

BRANCH_KINDS = (
    "Khu dân cư",
    "Trường học",
    "Cơ quan",
    "Doanh nghiệp",
    "Công an",
    "Quân sự",
    "Y tế",
    "Khác",
)
BRANCH_KIND_ALIASES = {
    "Tổ dân phố": "Khu dân cư",
    "Thôn": "Khu dân cư",
    "Khu phố": "Khu dân cư",
    "Dân cư": "Khu dân cư",
    "Quân sự phường": "Quân sự",
    "Trạm y tế": "Y tế",
}

# --- ethnicity and religion (Dân tộc, Tôn giáo) --------------------------------------
# Free-text columns whose values decide two rows of the breakdown (ethnic minorities: not
# Kinh; religious: any religion). The reader maps every value onto these lists; the rule
# for a value it cannot map is in `ETHNICITY_UNKNOWN_RULE` / `RELIGION_UNKNOWN_RULE`.
KINH = "Kinh"
NO_RELIGION = "Không"
# The 54 ethnic groups of Viet Nam (Danh mục các dân tộc Việt Nam, General Statistics Office).
ETHNICITIES = (
    "Kinh", "Tày", "Thái", "Mường", "Khmer", "Hoa", "Nùng", "Mông", "Dao", "Gia Rai", "Ê Đê",
    "Ba Na", "Sán Chay", "Chăm", "Cơ Ho", "Xơ Đăng", "Sán Dìu", "Hrê", "Ra Glai", "Mnông", "Thổ",
    "Xtiêng", "Khơ Mú", "Bru - Vân Kiều", "Cơ Tu", "Giáy", "Tà Ôi", "Mạ", "Giẻ Triêng", "Co",
    "Chơ Ro", "Xinh Mun", "Hà Nhì", "Chu Ru", "Lào", "Kháng", "La Chí", "Phù Lá", "La Hủ",
    "La Ha", "Pà Thẻn", "Chứt", "Lự", "Lô Lô", "Mảng", "Cờ Lao", "Bố Y", "Cống", "Ngái", "Si La",
    "Pu Péo", "Brâu", "Ơ Đu", "Rơ Măm",
)  # fmt: skip
ETHNICITY_ALIASES = {
    "Việt": KINH,
    "Người Việt": KINH,
    "Người Kinh": KINH,
    "Kinh (Việt)": KINH,
    "Khơ-me": "Khmer",
    "Khơ me": "Khmer",
    "Khmer Krom": "Khmer",
    "H'Mông": "Mông",
    "Hmông": "Mông",
    "Mèo": "Mông",
    "Jrai": "Gia Rai",
    "Ja Rai": "Gia Rai",
    "Bahnar": "Ba Na",
    "Cao Lan": "Sán Chay",
    "Sán Chỉ": "Sán Chay",
    "Chàm": "Chăm",
    "Cơ Tu": "Cơ Tu",
    "Katu": "Cơ Tu",
    "Stiêng": "Xtiêng",
    "Raglai": "Ra Glai",
    "Mơ Nông": "Mnông",
    "Vân Kiều": "Bru - Vân Kiều",
    "Bru": "Bru - Vân Kiều",
    "Ta Ôi": "Tà Ôi",
    "Pa Cô": "Tà Ôi",
    "Kơ Ho": "Cơ Ho",
    "Xê Đăng": "Xơ Đăng",
    "Sedang": "Xơ Đăng",
    "Ê-đê": "Ê Đê",
    "Rhade": "Ê Đê",
    "Khơ Mú": "Khơ Mú",
    "Xá": "Khơ Mú",
}
# Values read as Kinh with a warning: they name the nation, not an ethnic group.
ETHNICITY_NATIONAL = ("Việt Nam", "VN", "Người Việt Nam")
# Words written before the group's name: `Dân tộc Kinh`, `Người Tày`.
ETHNICITY_PREFIXES = ("Dân tộc", "DT", "Người")
ETHNICITY_UNKNOWN_RULE = "được tính là người dân tộc thiểu số (không phải dân tộc Kinh)"

# Religions recognised in Viet Nam (the Government Committee for Religious Affairs' list) and
# the common ways of writing them.
RELIGIONS = (
    "Phật giáo",
    "Công giáo",
    "Tin Lành",
    "Cao Đài",
    "Phật giáo Hòa Hảo",
    "Hồi giáo",
    "Bà-la-môn",
    "Baha'i",
    "Tịnh độ Cư sĩ Phật hội Việt Nam",
    "Tứ Ân Hiếu Nghĩa",
    "Bửu Sơn Kỳ Hương",
    "Minh Sư Đạo",
    "Minh Lý Đạo",
    "Cơ đốc Phục lâm",
    "Mặc Môn",
    "Phật giáo Hiếu Nghĩa Tà Lơn",
    "Bửu Quang",
    "Các Thánh hữu ngày sau",
)
RELIGION_ALIASES = {
    "Phật": "Phật giáo",
    "Đạo Phật": "Phật giáo",
    "Thiên Chúa": "Công giáo",
    "Thiên Chúa giáo": "Công giáo",
    "Đạo Thiên Chúa": "Công giáo",
    "Công giáo La Mã": "Công giáo",
    "Đạo Tin Lành": "Tin Lành",
    "Tin lành giáo": "Tin Lành",
    "Đạo Cao Đài": "Cao Đài",
    "Hòa Hảo": "Phật giáo Hòa Hảo",
    "Đạo Hòa Hảo": "Phật giáo Hòa Hảo",
    "Đạo Hồi": "Hồi giáo",
    "Islam": "Hồi giáo",
    "Bà Ni": "Hồi giáo",
    "Chăm Bà Ni": "Hồi giáo",
    "Bà La Môn": "Bà-la-môn",
    "Chăm Bà-la-môn": "Bà-la-môn",
}
# Every way of writing "no religion" (`Lương`: not a believer, as opposed to `Giáo`).
NO_RELIGION_WORDS = (
    "Không",
    "Không có",
    "Không theo tôn giáo",
    "Không theo tôn giáo nào",
    "Không tôn giáo",
    "Không theo đạo",
    "Không theo đạo nào",
    "Không đạo",
    "KTG",
    "K",
    "Ko",
    "Lương",
    "Bên lương",
    "Vô thần",
    "Chưa",
    "0",
    "-",
)
RELIGION_PREFIXES = ("Đạo", "Tôn giáo")
RELIGION_UNKNOWN_RULE = "được tính là người có tôn giáo"
# A yes/no mark or a number where a name is expected (`x`, `Có`, `1`) names no group and no
# religion: it is read as an empty cell (the column's default), with a warning.
VOCABULARY_MARK_RULE = "được đọc như ô trống"

GENDERS = ("Nam", "Nữ")
EDUCATION = ("Tiểu học", "THCS", "THPT")
EDUCATION_ALIASES = {
    "5/12": "Tiểu học",
    "5/10": "Tiểu học",
    "Cấp I": "Tiểu học",
    "Cấp 1": "Tiểu học",
    "9/12": "THCS",
    "7/10": "THCS",
    "Cấp II": "THCS",
    "Cấp 2": "THCS",
    "Trung học cơ sở": "THCS",
    "12/12": "THPT",
    "10/10": "THPT",
    "Cấp III": "THPT",
    "Cấp 3": "THPT",
    "Trung học phổ thông": "THPT",
    "5": "Tiểu học",
    "9": "THCS",
    "12": "THPT",
}
# A grade of general education ("8/12": grade 8 of the 12-year system; "8/10": the old
# 10-year one) stands for the last level completed, never the one above it: 8/12 is primary.
EDUCATION_LEVEL_GRADES: dict[int, tuple[tuple[int, str], ...]] = {
    12: ((12, "THPT"), (9, "THCS"), (5, "Tiểu học")),
    10: ((10, "THPT"), (7, "THCS"), (4, "Tiểu học")),
}
_GRADE_RE = re.compile(r"^\s*(\d{1,2})\s*/\s*(\d{2})\s*$")


def education_hint(value: str) -> str | None:
    """What an unlisted grade such as `8/12` means: the level completed (`Tiểu học`); a
    professional level (`Đại học`) belongs in the other column."""
    if value.casefold() in {v.casefold() for v in (*PROFESSIONAL[1:], *PROFESSIONAL_ALIASES)}:
        return (
            f"«{value.strip()}» là trình độ chuyên môn, ghi ở cột «Chuyên môn»; cột này ghi cấp phổ thông đã học"
            " xong (người học đại học, cao đẳng thường là THPT)"
        )
    match = _GRADE_RE.match(value)
    if not match:
        return None
    grade, system = int(match.group(1)), int(match.group(2))
    levels = EDUCATION_LEVEL_GRADES.get(system)
    if levels is None or not 0 < grade <= system:
        return None
    for first_grade, level in levels:
        if grade >= first_grade:
            return f"«{value.strip()}» là học đến lớp {grade} hệ {system} năm: ghi cấp đã học xong, tức «{level}»"
    lowest = levels[-1][0]
    return f"«{value.strip()}» là chưa học xong tiểu học ({lowest}/{system}): để trống ô này và ghi rõ ở cột «Ghi chú»"


PROFESSIONAL = ("Không", "Sơ cấp", "Trung cấp", "Cao đẳng", "Đại học", "Thạc sĩ", "Tiến sĩ")
PROFESSIONAL_ALIASES = {
    "Chưa qua đào tạo": "Không",
    "Cử nhân": "Đại học",
    "Kỹ sư": "Đại học",
    "Thạc sỹ": "Thạc sĩ",
    "Tiến sỹ": "Tiến sĩ",
    "ĐH": "Đại học",
    "CĐ": "Cao đẳng",
    "TC": "Trung cấp",
    "ThS": "Thạc sĩ",
    "TS": "Tiến sĩ",
}
OCCUPATIONS = (
    "Công nhân",
    "Nông dân",
    "Giáo viên",
    "Y tế",
    "Học sinh - sinh viên",
    "Cán bộ - công chức - viên chức",
    "Lực lượng vũ trang",
    "Dân quân tự vệ",
    "Chủ doanh nghiệp",
    "Kinh doanh",
    "Lao động tự do",
    "Hưu trí",
    "Khác",
)
OCCUPATION_ALIASES = {
    "Học sinh": "Học sinh - sinh viên",
    "Sinh viên": "Học sinh - sinh viên",
    "HSSV": "Học sinh - sinh viên",
    "Cán bộ": "Cán bộ - công chức - viên chức",
    "Công chức": "Cán bộ - công chức - viên chức",
    "Viên chức": "Cán bộ - công chức - viên chức",
    "CBCCVC": "Cán bộ - công chức - viên chức",
    "DQTV": "Dân quân tự vệ",
    "Dân quân": "Dân quân tự vệ",
    "LLVT": "Lực lượng vũ trang",
    "Bác sĩ": "Y tế",
    "Nhân viên y tế": "Y tế",
    "Buôn bán": "Kinh doanh",
    "Tiểu thương": "Kinh doanh",
    "Lao động phổ thông": "Lao động tự do",
    "Nghỉ hưu": "Hưu trí",
}
THEORY = ("Không", "Sơ cấp", "Trung cấp", "Cao cấp")
THEORY_ALIASES = {"Cử nhân": "Cao cấp", "Cao cấp, cử nhân": "Cao cấp"}
STATUS_ACTIVE = "Đang bồi dưỡng"
STATUS_ADMITTED = "Đã kết nạp"
STATUS_MOVED = "Chuyển đi"
STATUS_REMOVED = "Đưa ra khỏi nguồn"
STATUSES = (STATUS_ACTIVE, STATUS_ADMITTED, STATUS_MOVED, STATUS_REMOVED)
STATUS_ALIASES = {
    "Đang bồi dưỡng": STATUS_ACTIVE,
    "Đang theo dõi": STATUS_ACTIVE,
    "Bồi dưỡng": STATUS_ACTIVE,
    "Kết nạp": STATUS_ADMITTED,
    "Đã vào Đảng": STATUS_ADMITTED,
    "Chuyển đi nơi khác": STATUS_MOVED,
    "Đi khỏi địa phương": STATUS_MOVED,
    "Đã chuyển đi": STATUS_MOVED,
    "Chuyển sinh hoạt": STATUS_MOVED,
    "Đã đưa ra khỏi nguồn": STATUS_REMOVED,
    "Ra khỏi nguồn": STATUS_REMOVED,
    "Đưa ra khỏi danh sách": STATUS_REMOVED,
}
LEFT_STATUSES = (STATUS_MOVED, STATUS_REMOVED)

# In the conventional order of Party documents: the Front first, then the mass organisations.
ORGANISATIONS = (
    "Mặt trận Tổ quốc",
    "Công đoàn",
    "Hội Nông dân",
    "Đoàn Thanh niên",
    "Hội Liên hiệp Phụ nữ",
    "Hội Cựu chiến binh",
)
ORGANISATION_ALIASES = {
    "MTTQ": "Mặt trận Tổ quốc",
    "Mặt trận": "Mặt trận Tổ quốc",
    "Ủy ban MTTQ": "Mặt trận Tổ quốc",
    "Ủy ban Mặt trận Tổ quốc": "Mặt trận Tổ quốc",
    "Đoàn TN": "Đoàn Thanh niên",
    "ĐTN": "Đoàn Thanh niên",
    "Đoàn": "Đoàn Thanh niên",
    "Đoàn TNCS": "Đoàn Thanh niên",
    "Đoàn TNCS Hồ Chí Minh": "Đoàn Thanh niên",
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh": "Đoàn Thanh niên",
    "Chi đoàn": "Đoàn Thanh niên",
    "Xã đoàn": "Đoàn Thanh niên",
    "Đoàn xã": "Đoàn Thanh niên",
    "Phường đoàn": "Đoàn Thanh niên",
    "Đoàn phường": "Đoàn Thanh niên",
    "Đoàn trường": "Đoàn Thanh niên",
    "Đoàn thanh niên xã": "Đoàn Thanh niên",
    "Đoàn thanh niên phường": "Đoàn Thanh niên",
    "Hội PN": "Hội Liên hiệp Phụ nữ",
    "Hội Phụ nữ xã": "Hội Liên hiệp Phụ nữ",
    "Hội Phụ nữ phường": "Hội Liên hiệp Phụ nữ",
    "Hội Nông dân xã": "Hội Nông dân",
    "Hội Cựu chiến binh xã": "Hội Cựu chiến binh",
    "Hội Cựu chiến binh phường": "Hội Cựu chiến binh",
    "Mặt trận Tổ quốc xã": "Mặt trận Tổ quốc",
    "Mặt trận Tổ quốc phường": "Mặt trận Tổ quốc",
    "Hội LHPN": "Hội Liên hiệp Phụ nữ",
    "Hội Phụ nữ": "Hội Liên hiệp Phụ nữ",
    "Phụ nữ": "Hội Liên hiệp Phụ nữ",
    "HLHPN": "Hội Liên hiệp Phụ nữ",
    "Hội ND": "Hội Nông dân",
    "HND": "Hội Nông dân",
    "Nông dân": "Hội Nông dân",
    "Hội CCB": "Hội Cựu chiến binh",
    "CCB": "Hội Cựu chiến binh",
    "Cựu chiến binh": "Hội Cựu chiến binh",
    "Công đoàn cơ sở": "Công đoàn",
    "CĐ": "Công đoàn",
}

# Where the organisations' table counts a candidate introduced by an organisation it does not know.
OTHER_ORGANISATION = "Khác"
# `Tổ chức giới thiệu` values that are no mass organisation (the branch itself, a member): known,
# never a warning, not in the organisations' table.
NOT_ORGANISATION_INTRODUCERS = ("Chi bộ", "Chi bộ giới thiệu", "Chi ủy", "Đảng viên", "Đảng viên giới thiệu")

# --- ward workbook -------------------------------------------------------

WARD_FIELDS = (
    Field("superior", "Đảng bộ cấp trên", required=True),
    Field("committee", "Tên đảng ủy", required=True),
    Field("place", "Địa danh", required=True),
    Field("code", "Ký hiệu", default="ĐU"),
    Field("term", "Nhiệm kỳ", required=True),
    Field("term_start", "Ngày bắt đầu nhiệm kỳ", kind=Kind.DATE),
    Field("signer_authority", "Thẩm quyền ký", default="T/M ĐẢNG ỦY"),
    Field("signer_position", "Chức vụ người ký", default="BÍ THƯ"),
    Field("signer_name", "Người ký", default=""),
    Field("recipients", "Nơi nhận", default=""),
    Field("congress", "Đại hội lần thứ", default="", aliases=("Đại hội Đảng bộ lần thứ", "Đại hội lần")),
)

WARD_INFO_SHEET = "Đơn vị"

QUOTA_SHEET = Sheet(
    "Chỉ tiêu",
    (
        Column("year", "Năm", Kind.YEAR, required=True),
        Column("branch", "Chi bộ", Kind.TEXT, required=True, aliases=("Tên chi bộ",)),
        Column("admission_quota", "Chỉ tiêu kết nạp", Kind.COUNT, required=True, aliases=("Chỉ tiêu",)),
        Column("source_quota", "Chỉ tiêu tạo nguồn", Kind.COUNT, default=DEFAULT_SOURCE_QUOTA),
        Column(
            "members_start",
            "Số đảng viên đầu năm",
            Kind.COUNT,
            aliases=("Tổng số đảng viên",),
        ),
    ),
    placeholder=("year", "branch"),
)

ORG_QUOTA_SHEET = Sheet(
    "Đoàn thể",
    (
        Column("year", "Năm", Kind.YEAR, required=True),
        Column("organisation", "Tổ chức", Kind.TEXT, required=True),
        Column("introduction_quota", "Chỉ tiêu giới thiệu", Kind.COUNT, required=True),
    ),
)

# --- branch workbook -----------------------------------------------------

BRANCH_FIELDS = (
    Field("name", "Tên chi bộ", required=True),
    Field("kind", "Loại hình", kind=Kind.CHOICE, required=True, choices=BRANCH_KINDS),
    Field("secretary", "Bí thư chi bộ", default=""),
    # a branch renamed during the term: its earlier `Chỉ tiêu` rows under the former name(s), `;` between
    Field("former_names", "Tên cũ", default="", aliases=("Tên chi bộ cũ", "Tên trước đây")),
)
BRANCH_INFO_SHEET = "Thông tin"


CLASS_DATE_ALIASES = (
    "Ngày học lớp NTVĐ",
    "Học lớp nhận thức về Đảng",
    "Ngày học lớp nhận thức về Đảng",
    "Học lớp NTVĐ",
)


def _person_columns() -> tuple[Column, ...]:
    return (
        Column("stt", "STT", Kind.IGNORED, aliases=("TT", "Số TT", "Số thứ tự")),
        Column(
            "name",
            "Họ và tên",
            Kind.TEXT,
            required=True,
            aliases=("Họ tên", "Họ và tên quần chúng", "Họ và tên đảng viên"),
        ),
        Column("birth", "Ngày sinh", Kind.DATE, required=True, aliases=("Ngày tháng năm sinh", "Sinh ngày")),
        Column(
            "gender",
            "Giới tính",
            Kind.CHOICE,
            required=True,
            choices=GENDERS,
            choice_aliases={"Nu": "Nữ", "Phái nữ": "Nữ", "Male": "Nam", "Female": "Nữ"},
        ),
        Column("ethnicity", "Dân tộc", Kind.TEXT, default=KINH, vocabulary="ethnicity"),
        Column("religion", "Tôn giáo", Kind.TEXT, default=NO_RELIGION, vocabulary="religion"),
        Column(
            "education",
            "Trình độ học vấn",
            Kind.CHOICE,
            aliases=("Học vấn", "Văn hóa", "Trình độ văn hóa", "GDPT", "Giáo dục phổ thông"),
            choices=EDUCATION,
            choice_aliases=EDUCATION_ALIASES,
            choice_hint=education_hint,
        ),
        Column(
            "professional",
            "Chuyên môn",
            Kind.CHOICE,
            aliases=("Trình độ chuyên môn", "Chuyên môn nghiệp vụ"),
            default="Không",
            choices=PROFESSIONAL,
            choice_aliases=PROFESSIONAL_ALIASES,
        ),
        Column(
            "occupation",
            "Nghề nghiệp",
            Kind.CHOICE,
            aliases=(
                "Thành phần",
                "Nghề nghiệp hiện nay",
                "Nghề nghiệp chức vụ",
                "Nghề nghiệp, chức vụ",
                "Thành phần xuất thân",
            ),
            choices=OCCUPATIONS,
            choice_aliases=OCCUPATION_ALIASES,
        ),
        Column(
            "theory",
            "Lý luận chính trị",
            Kind.CHOICE,
            aliases=("LLCT", "Trình độ LLCT", "Trình độ lý luận chính trị"),
            default="Không",
            choices=THEORY,
            choice_aliases=THEORY_ALIASES,
        ),
        Column("youth_union", "Đoàn viên", Kind.YESNO, aliases=("Đoàn viên TNCS", "Là đoàn viên", "ĐV"), default=False),
    )


CANDIDATE_SHEET = Sheet(
    "Nguồn",
    (
        *_person_columns(),
        Column("introduced_by", "Tổ chức giới thiệu", Kind.TEXT, aliases=("Giới thiệu", "Đoàn thể giới thiệu")),
        Column(
            "entered",
            "Ngày vào nguồn",
            Kind.DATE,
            required=True,
            aliases=("Ngày đưa vào nguồn", "Ngày được đưa vào nguồn", "Ngày vào danh sách nguồn"),
        ),
        Column("class_date", "Ngày học lớp nhận thức", Kind.DATE, aliases=CLASS_DATE_ALIASES),
        Column("status", "Tình trạng", Kind.CHOICE, required=True, choices=STATUSES, choice_aliases=STATUS_ALIASES),
        Column("status_date", "Ngày thay đổi", Kind.DATE, aliases=("Ngày thay đổi tình trạng",)),
        Column("note", "Ghi chú", Kind.TEXT, default=""),
    ),
    aliases=("Nguồn kết nạp", "Quần chúng ưu tú", "Danh sách nguồn"),
)

ADMISSION_SHEET = Sheet(
    "Kết nạp",
    (
        *_person_columns(),
        Column("class_date", "Ngày học lớp nhận thức", Kind.DATE, required=True, aliases=CLASS_DATE_ALIASES),
        Column(
            "meeting",
            "Ngày chi bộ xét",
            Kind.DATE,
            aliases=("Ngày chi bộ họp xét", "Ngày nghị quyết chi bộ", "Ngày chi bộ họp xét kết nạp"),
        ),
        Column(
            "admitted",
            "Ngày kết nạp",
            Kind.DATE,
            required=True,
            aliases=(
                "Ngày quyết định kết nạp",
                "Ngày QĐ kết nạp",
                "Ngày vào Đảng",
                "Ngày kết nạp Đảng",
                "Ngày kết nạp vào Đảng",
            ),
        ),
        Column("ceremony", "Ngày lễ kết nạp", Kind.DATE, aliases=("Ngày tổ chức lễ kết nạp",)),
        Column("decision_no", "Số quyết định", Kind.TEXT, aliases=("Số QĐ", "Số quyết định kết nạp"), default=""),
        Column(
            "official",
            "Ngày công nhận chính thức",
            Kind.DATE,
            aliases=("Ngày chính thức", "Ngày công nhận ĐV chính thức"),
        ),
        Column("note", "Ghi chú", Kind.TEXT, default=""),
    ),
    aliases=("Đảng viên mới", "Kết nạp đảng viên", "Đảng viên mới kết nạp"),
)

# --- the committee's own texts and words (optional ward sheets) ----------------

# Codes of Party documents (Hướng dẫn 36-HD/VPTW) in a number such as `44-KH/ĐU`, and what they are called.
DOCUMENT_KINDS = {
    "NQ": "Nghị quyết",
    "KH": "Kế hoạch",
    "CT": "Chỉ thị",
    "CTr": "Chương trình",
    "KL": "Kết luận",
    "BC": "Báo cáo",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "QĐ": "Quyết định",
    "TTr": "Tờ trình",
    "CV": "Công văn",
}


def document_code(number: str) -> str:
    """The kind code of a document's number: "KH" in `44-KH/ĐU` and in `46/KH-ĐU`; "" when it has none."""
    match = re.search(r"-\s*([A-Za-zĐđ]+)\s*/", number) or re.match(r"\s*\d+\s*/\s*([A-Za-zĐđ]+)\s*-", number)
    return match.group(1) if match else ""


TEXT_SHEET = Sheet(
    "Văn bản",
    (
        Column("year", "Năm", Kind.YEAR, required=True),
        Column(
            "number",
            "Số, ký hiệu",
            Kind.TEXT,
            required=True,
            aliases=("Số ký hiệu", "Số hiệu", "Số văn bản", "Số, ký hiệu văn bản"),
        ),
        Column("issued", "Ngày", Kind.DATE, required=True, aliases=("Ngày ban hành", "Ngày văn bản", "Ngày ký")),
        Column("summary", "Trích yếu", Kind.TEXT, required=True, aliases=("Trích yếu nội dung", "Về việc")),
    ),
    aliases=("Văn bản chỉ đạo", "Văn bản của Đảng ủy"),
)

# The sections of the documents a `Nhận định` row may go to, in the order the documents use.
SECTION_LEADERSHIP = "Lãnh đạo, chỉ đạo"
SECTION_STRENGTHS = "Ưu điểm"
SECTION_LIMITATIONS = "Hạn chế"
SECTION_OBJECTIVE = "Nguyên nhân khách quan"
SECTION_SUBJECTIVE = "Nguyên nhân chủ quan"
SECTION_LESSONS = "Bài học kinh nghiệm"
SECTION_TASKS = "Nhiệm vụ, giải pháp"
SECTION_PROPOSALS = "Kiến nghị"
ASSESSMENT_SECTIONS = (
    SECTION_LEADERSHIP,
    SECTION_STRENGTHS,
    SECTION_LIMITATIONS,
    SECTION_OBJECTIVE,
    SECTION_SUBJECTIVE,
    SECTION_LESSONS,
    SECTION_TASKS,
    SECTION_PROPOSALS,
)
ASSESSMENT_SECTION_ALIASES = {
    "Lãnh đạo chỉ đạo": SECTION_LEADERSHIP,
    "Công tác lãnh đạo, chỉ đạo": SECTION_LEADERSHIP,
    "Lãnh đạo": SECTION_LEADERSHIP,
    "Kết quả nổi bật": SECTION_STRENGTHS,
    "Ưu điểm, kết quả": SECTION_STRENGTHS,
    "Hạn chế, tồn tại": SECTION_LIMITATIONS,
    "Tồn tại, hạn chế": SECTION_LIMITATIONS,
    "Tồn tại": SECTION_LIMITATIONS,
    "Khuyết điểm": SECTION_LIMITATIONS,
    "Khách quan": SECTION_OBJECTIVE,
    "Chủ quan": SECTION_SUBJECTIVE,
    "Bài học": SECTION_LESSONS,
    "Nhiệm vụ": SECTION_TASKS,
    "Giải pháp": SECTION_TASKS,
    "Nhiệm vụ và giải pháp": SECTION_TASKS,
    "Phương hướng, nhiệm vụ": SECTION_TASKS,
    "Kiến nghị, đề xuất": SECTION_PROPOSALS,
    "Đề xuất": SECTION_PROPOSALS,
}

ASSESSMENT_SHEET = Sheet(
    "Nhận định",
    (
        Column("period", "Năm", Kind.PERIOD, required=True, aliases=("Năm, nhiệm kỳ", "Nhiệm kỳ")),
        Column(
            "section",
            "Mục",
            Kind.CHOICE,
            required=True,
            choices=ASSESSMENT_SECTIONS,
            choice_aliases=ASSESSMENT_SECTION_ALIASES,
        ),
        Column("text", "Nội dung", Kind.TEXT, required=True, aliases=("Nhận định", "Đoạn văn"), lines=True),
    ),
    aliases=("Nhận định, đánh giá", "Đánh giá"),
)

# Sheets a standard workbook may hold that are not read (the explanations of `reportgen init`).
GUIDE_SHEET = "Hướng dẫn"
TABLE_SHEETS = (QUOTA_SHEET, ORG_QUOTA_SHEET, TEXT_SHEET, ASSESSMENT_SHEET, CANDIDATE_SHEET, ADMISSION_SHEET)

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")

# --- longest text a cell may hold (characters) -----------------------------
# A longer value is an error naming the cell: a whole paragraph pasted into a name
# would be printed whole in the documents and cut by Excel in the summary workbook.

TEXT_MAX_LENGTH = 500
MAX_LENGTHS = {
    "name": 100,  # a person's full name
    "branch": 150,
    "organisation": 150,
    "introduced_by": 150,
    "ethnicity": 50,
    "religion": 50,
    "decision_no": 60,
    "number": 60,
    "note": 1000,
    "summary": 1000,
    "text": 5000,  # one paragraph of the office's own assessment
    "recipients": 1000,
}


def max_length(key: str) -> int:
    """The longest text the column or field `key` may hold."""
    return MAX_LENGTHS.get(key, TEXT_MAX_LENGTH)
