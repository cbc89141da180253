"""A deterministic, invented sample ward inbox (Đảng ủy phường Phổ Hòa, term 2020-2025).

`write_sample(out_dir)` writes one ward workbook and one workbook per branch, as
described in ../shared/FORMAT.md, with people who do not exist. The plan is the
data below: which branch admits how many people in which year, its quotas, how
many candidates it adds, and which quirks its workbook has. Everything else
(names, birth dates, the exact dates) comes from `random.Random(seed)`, so the
same seed always gives the same files, byte for byte.

Every record obeys the admission rules of ../shared/DOMAIN.md (age 18-60 at
admission, an awareness-class certificate younger than 60 months, 12 months of
probation, ...); the scenarios the reports must show are planned, not random:
see `SCENARIOS`.
"""

from __future__ import annotations

import io
import random
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from reportgen import dates, schema as S
from reportgen.blank import branch_file_name
from reportgen.errors import WorkbooksExist

YEARS = tuple(range(2021, 2026))  # the term 2020-2025 covers 2021..2025
LAST_LEAVING_YEAR = 2023  # planned leavers are put on the list by then (they leave a few months after)
REPORT_DATE = date(2025, 12, 31)  # no date in the sample is later
FIXED_TIME = datetime(2025, 12, 31)  # workbook properties and zip entry times

WARD_FILE = "So-tong-hop-Dang-uy.xlsx"
WARD_INFO = {  # keyed by schema.WARD_FIELDS keys
    "superior": "ĐẢNG BỘ TỈNH QUẢNG NGÃI",  # since 01/7/2025 a ward sits under the province
    "committee": "ĐẢNG ỦY PHƯỜNG PHỔ HÒA",
    "place": "Phổ Hòa",
    "code": "ĐU",
    "term": "2020-2025",
    "signer_authority": "T/M ĐẢNG ỦY",
    "signer_position": "BÍ THƯ",
    "signer_name": "Nguyễn Văn Nho",
    "recipients": "Ban Thường vụ Tỉnh ủy; Các chi bộ trực thuộc; Mặt trận và các đoàn thể CT-XH phường; "
    "Các đồng chí Đảng ủy viên; Lưu Văn phòng Đảng ủy",
    "congress": "XVII",
}
# The committee's texts on this work (sheet `Văn bản`): (year, kind code, summary, month, day of issue).
# Numbers and days come from the seed; none is later than REPORT_DATE.
TEXTS = (
    (2021, "KH", "về phát triển đảng viên năm 2021", 1, (12, 20)),
    (2021, "NQ", "về công tác tạo nguồn, kết nạp đảng viên nhiệm kỳ 2020-2025", 3, (5, 25)),
    (2022, "KH", "về phát triển đảng viên năm 2022", 1, (10, 20)),
    (2023, "KH", "về phát triển đảng viên năm 2023", 1, (10, 20)),
    (2024, "KH", "về phát triển đảng viên năm 2024", 1, (10, 20)),
    (
        2025,
        "NQ",
        "về tình hình thực hiện nhiệm vụ năm 2024; mục tiêu, chỉ tiêu, nhiệm vụ và giải pháp chủ yếu năm 2025",
        1,
        (6, 10),
    ),
    (2025, "KH", "về phát triển đảng viên năm 2025", 1, (12, 20)),
    (2025, "TB", "về việc mở lớp bồi dưỡng nhận thức về Đảng năm 2025", 4, (2, 20)),
)
# The office's own paragraphs (sheet `Nhận định`): (year or term, section, text).
ASSESSMENTS = (
    (
        "2025",
        S.SECTION_LEADERSHIP,
        "Ban Thường vụ Đảng ủy phân công đồng chí Phó Bí thư Thường trực Đảng ủy trực tiếp chỉ đạo công tác phát"
        " triển đảng viên; định kỳ hằng quý nghe Văn phòng Đảng ủy báo cáo tình hình tạo nguồn của các chi bộ.",
    ),
    (
        "2025",
        S.SECTION_OBJECTIVE,
        "Nhiều thanh niên trên địa bàn đi học tập, lao động xa địa phương, nên nguồn quần chúng ở các tổ dân phố"
        " thiếu ổn định.",
    ),
    (
        "2025",
        S.SECTION_PROPOSALS,
        "Đề nghị Ban Tổ chức Tỉnh ủy hướng dẫn thống nhất mẫu sổ theo dõi quần chúng ưu tú và đảng viên dự bị ở"
        " các chi bộ sau khi sắp xếp tổ chức bộ máy.",
    ),
    (
        "2020-2025",
        S.SECTION_LEADERSHIP,
        "Đảng ủy đưa chỉ tiêu phát triển đảng viên vào nghị quyết hằng năm và phân công đảng ủy viên phụ trách"
        " từng chi bộ theo dõi, giúp đỡ công tác tạo nguồn.",
    ),
    (
        "2020-2025",
        S.SECTION_LESSONS,
        "Cấp ủy phải giao chỉ tiêu cụ thể cho từng chi bộ, từng đoàn thể ngay từ đầu năm và lấy kết quả phát"
        " triển đảng viên làm tiêu chí đánh giá, xếp loại cuối năm.",
    ),
    (
        "2020-2025",
        S.SECTION_LESSONS,
        "Phải phát huy vai trò của Đoàn Thanh niên và các đoàn thể trong phát hiện, giới thiệu quần chúng ưu tú;"
        " nơi nào đoàn thể chủ động giới thiệu thì nguồn phát triển đảng viên dồi dào, ổn định.",
    ),
    (
        "2020-2025",
        S.SECTION_PROPOSALS,
        "Đề nghị Ban Thường vụ Tỉnh ủy quan tâm bố trí kinh phí hỗ trợ các chi bộ khu dân cư trong công tác tạo"
        " nguồn, bồi dưỡng quần chúng ưu tú.",
    ),
)
# Quota the superior body (Thị ủy) gave the whole ward, 2021..2025; differs from
# the sum of the branch quotas on purpose.
WARD_QUOTA = (8, 9, 9, 8, 10)
ORGANISATIONS = (
    "Đoàn Thanh niên",
    "Hội Liên hiệp Phụ nữ",
    "Hội Nông dân",
    "Hội Cựu chiến binh",
    "Mặt trận Tổ quốc",
    "Công đoàn",
)
BRANCH_INTRODUCER = "Chi bộ"  # Tổ chức giới thiệu when no mass organisation introduced


@dataclass(frozen=True)
class Branch:
    file: str
    name: str  # Tên chi bộ
    kind: str  # Loại hình, one of schema.BRANCH_KINDS
    secretary: str
    members: int  # Số đảng viên đầu năm 2021
    admit: tuple[int, ...]  # admissions 2021..2025
    quota: tuple[int, ...]  # Chỉ tiêu kết nạp 2021..2025
    source: tuple[int, ...]  # Chỉ tiêu tạo nguồn 2021..2025
    added: tuple[int, ...]  # candidates put on the list 2021..2025 (including those admitted later)
    leavers: tuple[str, ...] = ()  # statuses of trained candidates who left the list
    overdue: int = 0  # 2024 admissions with probation over 12 months and no recognition
    headers: str = "canonical"  # canonical | aliases | ascii (no diacritics) | mixed
    text_dates: bool = False  # dates written as text dd/mm/yyyy
    totals_row: bool = False  # a "Tổng cộng" line under the Kết nạp table
    veterans: int = 0  # candidates on the list since before the term, trained in 2019-2020 (certificate expired)


#            admissions        quota            source quota     candidates added
BRANCHES = (
    Branch(
        "CB-To-dan-pho-1.xlsx",
        "Chi bộ Tổ dân phố 1",
        "Khu dân cư",
        "Trần Văn Hải",
        41,
        (1, 1, 1, 1, 1),
        (1, 1, 1, 1, 1),
        (2, 2, 2, 2, 2),
        (3, 3, 3, 3, 3),
    ),
    Branch(
        "CB-To-dan-pho-2.xlsx",
        "Chi bộ Tổ dân phố 2",
        "Khu dân cư",
        "Lê Thị Bích Hà",
        35,
        (1, 0, 1, 0, 0),
        (1, 1, 1, 1, 1),
        (2, 2, 2, 2, 2),
        (2, 3, 2, 3, 2),
        headers="ascii",
    ),
    Branch(
        "CB-To-dan-pho-3.xlsx",
        "Chi bộ Tổ dân phố 3",
        "Khu dân cư",
        "Phạm Ngọc Thạch",
        38,
        (0, 1, 0, 1, 1),
        (1, 1, 1, 1, 1),
        (2, 2, 2, 2, 2),
        (3, 2, 3, 2, 2),
        overdue=1,
    ),
    Branch(
        "CB-To-dan-pho-4.xlsx",
        "Chi bộ Tổ dân phố 4",
        "Khu dân cư",
        "Võ Văn Tám",
        29,
        (1, 0, 0, 0, 0),
        (1, 1, 1, 1, 1),
        (2, 2, 2, 2, 2),
        (2, 2, 1, 1, 0),
        leavers=("Chuyển đi", "Chuyển đi"),
    ),
    Branch(
        "CB-To-dan-pho-5.xlsx",
        "Chi bộ Tổ dân phố 5",
        "Khu dân cư",
        "Huỳnh Thị Mai",
        33,
        (0, 1, 0, 1, 1),
        (1, 1, 1, 1, 1),
        (2, 2, 2, 2, 2),
        (2, 2, 3, 2, 2),
        text_dates=True,
    ),
    Branch(
        "CB-Vinh-Xuan.xlsx",
        "Chi bộ Tổ dân phố Vĩnh Xuân",
        "Khu dân cư",
        "Nguyễn Hữu Phước",
        36,
        (1, 0, 1, 1, 0),
        (1, 1, 1, 1, 2),
        (2, 2, 2, 2, 3),
        (3, 2, 3, 2, 2),
        headers="aliases",
    ),
    Branch(
        "CB-Hoa-Thanh.xlsx",
        "Chi bộ Tổ dân phố Hòa Thạnh",
        "Khu dân cư",
        "Đặng Công Bình",
        27,
        (0, 1, 0, 0, 1),
        (1, 1, 1, 1, 1),
        (2, 2, 2, 2, 2),
        (2, 3, 2, 2, 2),
        leavers=("Đưa ra khỏi nguồn",),
    ),
    Branch(
        "CB-THCS-Nguyen-Nghiem.xlsx",
        "Chi bộ Trường THCS Nguyễn Nghiêm",
        "Trường học",
        "Bùi Thị Thu Hằng",
        17,
        (1, 1, 1, 1, 1),
        (1, 1, 1, 1, 1),
        (2, 2, 2, 2, 2),
        (2, 3, 2, 2, 3),
    ),
    Branch(
        "CB-TH-Pho-Hoa.xlsx",
        "Chi bộ Trường Tiểu học Phổ Hòa",
        "Trường học",
        "Đỗ Thị Kim Oanh",
        13,
        (0, 1, 0, 1, 0),
        (1, 1, 0, 1, 1),
        (1, 2, 1, 2, 2),
        (2, 2, 1, 2, 2),
        headers="mixed",
    ),
    Branch(
        "CB-UBND-phuong.xlsx",
        "Chi bộ Cơ quan UBND phường",
        "Cơ quan",
        "Hồ Quốc Dũng",
        22,
        (1, 0, 1, 0, 1),
        (1, 1, 1, 1, 1),
        (2, 2, 2, 2, 2),
        (2, 2, 3, 2, 1),
    ),
    Branch(
        "CB-Cong-an-phuong.xlsx",
        "Chi bộ Công an phường",
        "Công an",
        "Ngô Minh Tuấn",
        14,
        (1, 1, 1, 1, 1),
        (1, 1, 1, 1, 1),
        (2, 2, 2, 2, 2),
        (2, 3, 2, 2, 2),
        totals_row=True,
    ),
    Branch(
        "CB-Quan-su-phuong.xlsx",
        "Chi bộ Quân sự phường",
        "Quân sự",
        "Phan Văn Lợi",
        9,
        (1, 1, 2, 1, 1),
        (2, 2, 2, 2, 2),
        (3, 3, 3, 3, 3),
        (3, 4, 3, 3, 3),
        leavers=("Chuyển đi",),
    ),
    Branch(
        "CB-Tram-Y-te.xlsx",
        "Chi bộ Trạm Y tế",
        "Y tế",
        "Dương Thị Ngọc Lan",
        7,
        (0, 0, 0, 1, 0),
        (1, 1, 0, 1, 1),
        (1, 1, 1, 1, 1),
        (1, 1, 2, 2, 1),
        overdue=1,
        text_dates=True,
    ),
    Branch(
        "CB-Cong-ty-Thuy-san.xlsx",
        "Chi bộ Công ty TNHH Thủy sản Phổ Hòa",
        "Doanh nghiệp",
        "Lý Văn Cường",
        6,
        (0, 0, 1, 0, 0),
        (0, 1, 1, 0, 1),
        (1, 1, 1, 1, 1),
        (1, 2, 2, 1, 0),
        leavers=("Chuyển đi",),
    ),
)

# What the sample is meant to show, for tests and docs (all derivable from BRANCHES).
SCENARIOS = {
    "no_admissions_2022_2025": ("Chi bộ Tổ dân phố 4",),
    "missed_quota_2025": tuple(b.name for b in BRANCHES if b.admit[-1] < b.quota[-1]),
    "fewer_candidates_than_source_quota_2025": tuple(b.name for b in BRANCHES if b.added[-1] < b.source[-1]),
    "trained_candidates_left": tuple(b.name for b in BRANCHES if b.leavers),
    "recognition_overdue_2024": tuple(b.name for b in BRANCHES if b.overdue),
    "headers_aliases_or_no_diacritics": tuple(b.name for b in BRANCHES if b.headers != "canonical"),
    "text_dates": tuple(b.name for b in BRANCHES if b.text_dates),
    "totals_row": tuple(b.name for b in BRANCHES if b.totals_row),
}

# Ethnicity and religion of the k-th admission generated (branch order, then
# year), so that the sample always has a few of each, whatever the seed.
ADMISSION_EXTRAS = {
    2: ("Hrê", "Không"),
    9: ("Kinh", "Phật giáo"),
    14: ("Hoa", "Phật giáo"),
    20: ("Kinh", "Công giáo"),
    27: ("Hrê", "Không"),
    33: ("Kinh", "Phật giáo"),
}


@dataclass(frozen=True)
class WardPlan:
    """Everything a ward's workbooks are made from, before the seed draws people and dates."""

    info: dict[str, str]  # sheet `Đơn vị`, keyed by schema.WARD_FIELDS keys
    branches: tuple[Branch, ...]
    ward_quota: tuple[int, ...]  # `Toàn Đảng bộ` quota per year of YEARS
    texts: tuple  # like TEXTS
    assessments: tuple  # like ASSESSMENTS
    organisations: tuple[str, ...]  # rows of `Đoàn thể`, in this order
    org_quota: dict[str, tuple[int, int]]  # (lowest, highest) quota per organisation; (1, 1) when absent
    banner: str  # second title line of the branch sheets, after the branch's name
    admission_extras: dict[int, tuple[str, str]]  # (ethnicity, religion) of the k-th admission
    decision_issuer: str = "TU"  # code of the committee that decided admissions until 30/6/2025
    population: Population | None = None  # None: the sample's own mix (Phổ Hòa)

    @property
    def files(self) -> tuple[str, ...]:
        return (WARD_FILE, *(b.file for b in self.branches))


@dataclass(frozen=True)
class Population:
    """Who lives in a generated ward: ethnic minorities and religions with their shares, and which
    organisations introduce the candidates that are not Youth Union members."""

    ethnic: tuple[tuple[str, float], ...]  # (ethnicity, share) besides Kinh
    religions: tuple[tuple[str, float], ...]  # (religion, share) besides Không
    introducers: tuple[tuple[str, int], ...]  # (organisation or Chi bộ, weight) in residential branches
    youth_share: float  # of candidates aged up to 30, the share who are Youth Union members
    meetings: bool = True  # `Ngày chi bộ xét` filled


SAMPLE = WardPlan(
    info=WARD_INFO,
    branches=BRANCHES,
    ward_quota=WARD_QUOTA,
    texts=TEXTS,
    assessments=ASSESSMENTS,
    organisations=ORGANISATIONS,
    org_quota={"Đoàn Thanh niên": (2, 3), "Hội Liên hiệp Phụ nữ": (1, 2), "Công đoàn": (1, 2)},
    banner="Đảng bộ phường Phổ Hòa, nhiệm kỳ 2020-2025",
    admission_extras=ADMISSION_EXTRAS,
)
DEFAULT_SEED = 2025  # the seed of the sample ward (sample_data/); any other seed makes another ward

FAMILY = (
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
)
FAMILY_WEIGHTS = (30, 12, 10, 8, 3, 8, 5, 8, 3, 3, 3, 3, 2, 1, 1)
FAMILY_BY_ETHNICITY: dict[str, tuple[str, ...]] = {  # minorities whose names take the Kinh form
    "Hrê": ("Phạm", "Hồ"),
    "Hoa": ("Lý", "Dương"),
    "Co": ("Hồ", "Đinh"),  # the others below: generated wards only
    "Thái": ("Lò", "Vi", "Lương", "Lữ", "Quang"),
    "Mường": ("Bùi", "Đinh", "Quách", "Hà"),
    "Khmer": ("Thạch", "Danh", "Sơn", "Kim", "Lâm"),
    "Chăm": ("Mã", "Từ"),
}
MIDDLE_MEN = (
    "Văn",
    "Văn",
    "Văn",
    "Minh",
    "Quốc",
    "Đức",
    "Hữu",
    "Công",
    "Thành",
    "Ngọc",
    "Xuân",
    "Tấn",
    "Anh",
    "Quang",
    "Trọng",
    "Đình",
)
MIDDLE_WOMEN = (
    "Thị",
    "Thị",
    "Thị",
    "Thị",
    "Ngọc",
    "Thu",
    "Thanh",
    "Mỹ",
    "Kim",
    "Bích",
    "Hồng",
    "Phương",
    "Diệu",
    "Như",
)
GIVEN_MEN = (
    "Hùng",
    "Dũng",
    "Tuấn",
    "Khoa",
    "Phúc",
    "Nam",
    "Long",
    "Huy",
    "Bảo",
    "Trung",
    "Hiếu",
    "Tài",
    "Thắng",
    "Sơn",
    "Tâm",
    "Nhân",
    "Lộc",
    "Vinh",
    "Quang",
    "Hưng",
    "Phát",
    "Đạt",
    "Khánh",
    "Toàn",
    "Thịnh",
    "Hòa",
    "Cường",
    "Tín",
    "Kiên",
    "Lực",
    "Việt",
    "Thuận",
    "Định",
    "Tiến",
    "Hoàng",
    "Duy",
    "Thái",
    "Nghĩa",
)
GIVEN_WOMEN = (
    "Lan",
    "Hương",
    "Hạnh",
    "Trang",
    "Nhung",
    "Thảo",
    "Linh",
    "Ngân",
    "Vy",
    "Yến",
    "Hoa",
    "Mai",
    "Ánh",
    "Diễm",
    "Hằng",
    "Phượng",
    "Trinh",
    "Quyên",
    "Nhi",
    "My",
    "Thủy",
    "Loan",
    "Oanh",
    "Hà",
    "Vân",
    "Nga",
    "Duyên",
    "Trâm",
    "Hiền",
    "Uyên",
    "Thư",
    "Giang",
    "Huyền",
    "Tuyết",
    "Nguyệt",
    "Xuân",
)

# Per kind: share of women, age range of candidates, (occupation, weight) pairs.
PROFILES = {
    "Khu dân cư": (
        0.45,
        (18, 55),
        (
            ("Lao động tự do", 4),
            ("Kinh doanh", 3),
            ("Công nhân", 3),
            ("Nông dân", 2),
            ("Học sinh - sinh viên", 3),
            ("Chủ doanh nghiệp", 1),
            ("Khác", 1),
        ),
    ),
    "Trường học": (0.8, (23, 42), (("Giáo viên", 6), ("Cán bộ - công chức - viên chức", 1))),
    "Cơ quan": (0.5, (23, 40), (("Cán bộ - công chức - viên chức", 1),)),
    "Công an": (0.15, (21, 35), (("Lực lượng vũ trang", 1),)),
    "Quân sự": (0.05, (18, 30), (("Dân quân tự vệ", 6), ("Lực lượng vũ trang", 1))),
    "Y tế": (0.75, (23, 40), (("Y tế", 1),)),
    "Doanh nghiệp": (0.5, (20, 45), (("Công nhân", 6), ("Khác", 2), ("Chủ doanh nghiệp", 1))),
    "Khác": (0.5, (22, 50), (("Kinh doanh", 3), ("Lao động tự do", 2), ("Cán bộ - công chức - viên chức", 1))),
}
PROFESSIONAL_BY_OCCUPATION = {  # (level, weight) pairs
    "Giáo viên": (("Đại học", 8), ("Cao đẳng", 2)),
    "Cán bộ - công chức - viên chức": (("Đại học", 8), ("Cao đẳng", 1), ("Thạc sĩ", 1)),
    "Y tế": (("Đại học", 4), ("Cao đẳng", 3), ("Trung cấp", 3)),
    "Lực lượng vũ trang": (("Trung cấp", 5), ("Đại học", 5)),
    "Dân quân tự vệ": (("Không", 7), ("Sơ cấp", 2), ("Trung cấp", 1)),
    "Công nhân": (("Không", 5), ("Sơ cấp", 3), ("Trung cấp", 2)),
    "Học sinh - sinh viên": (("Không", 1),),
    "Chủ doanh nghiệp": (("Đại học", 3), ("Cao đẳng", 1)),
    "Hưu trí": (("Không", 1), ("Trung cấp", 1)),
}
PROFESSIONAL_OTHER = (("Không", 6), ("Trung cấp", 2), ("Cao đẳng", 1), ("Đại học", 1))
LEAVE_NOTES = {
    S.STATUS_MOVED: (
        "Đi làm ăn tại TP. Hồ Chí Minh",
        "Đi làm việc tại Bình Dương",
        "Đi lao động tại Nhật Bản",
        "Chuyển nơi cư trú",
    ),
    S.STATUS_REMOVED: ("Không còn đủ tiêu chuẩn", "Bản thân xin rút khỏi danh sách"),
}
MOVED_NOTE_BY_KIND = {
    "Cơ quan": "Chuyển công tác",
    "Trường học": "Chuyển công tác",
    "Y tế": "Chuyển công tác",
    "Quân sự": "Nhập ngũ",
    "Doanh nghiệp": "Nghỉ việc tại công ty",
}


def check_plan(plan: WardPlan) -> None:
    """The plan is one the writers can make a clean ward of (an AssertionError names what is not)."""
    names = [b.name.casefold() for b in plan.branches]
    assert len(set(names)) == len(names), "branch names must be unique"
    assert len({b.file.casefold() for b in plan.branches}) == len(plan.branches), "file names must be unique"
    assert len(plan.ward_quota) == len(YEARS)
    for b in plan.branches:
        assert b.kind in S.BRANCH_KINDS and b.kind in PROFILES, b.kind
        assert all(len(t) == len(YEARS) for t in (b.admit, b.quota, b.source, b.added)), b.name
        assert b.headers in ("canonical", "aliases", "ascii", "mixed"), b.headers
        assert set(b.leavers) <= set(S.LEFT_STATUSES), b.leavers
        assert b.overdue <= b.admit[YEARS.index(2024)], b.name
    for _share, _ages, occupations in PROFILES.values():
        assert all(o in S.OCCUPATIONS for o, _ in occupations)


check_plan(SAMPLE)


# --- people -------------------------------------------------------------


@dataclass
class Person:
    name: str
    birth: date
    gender: str
    ethnicity: str
    religion: str
    education: str
    professional: str
    occupation: str
    theory: str
    youth_union: bool
    introduced_by: str
    entered: date
    class_date: date | None
    status: str
    status_date: date | None
    note: str = ""
    admitted: date | None = None
    ceremony: date | None = None
    decision_no: str = ""
    official: date | None = None
    meeting: date | None = None  # Ngày chi bộ xét


def add_months(d: date, months: int) -> date:
    """d plus a number of months, the day clipped to the month's length (29/02 + 12 -> 28/02)."""
    moved = dates.add_months(d, months)  # the one month arithmetic of the package
    assert moved is not None  # the sample's dates are far from the calendar's ends
    return moved


def _between(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, (end - start).days))


def _pick(rng: random.Random, pairs) -> str:
    values, weights = zip(*pairs)
    return rng.choices(values, weights)[0]


def _share_pick(rng: random.Random, shares: Sequence[tuple[str, float]], otherwise: str) -> str:
    """One of `shares` with its probability, else `otherwise`."""
    r = rng.random()
    for value, share in shares:
        if r < share:
            return value
        r -= share
    return otherwise


class _People:
    """Makes invented people with unique names for one ward."""

    def __init__(self, rng: random.Random, population: Population | None = None):
        self.rng = rng
        self.population = population  # None: the sample ward's own mix
        self.used: set[str] = set()
        # The awareness classes the ward (with the town's political centre) held: spring and autumn.
        self.sessions = [date(y, m, rng.randint(8, 26)) for y in range(2019, 2026) for m in (4, 10)]

    def name(self, gender: str, ethnicity: str) -> str:
        rng = self.rng
        while True:
            family = (
                rng.choice(FAMILY_BY_ETHNICITY[ethnicity])
                if ethnicity in FAMILY_BY_ETHNICITY
                else rng.choices(FAMILY, FAMILY_WEIGHTS)[0]
            )
            if self.population is not None and rng.random() < 0.08:
                family = f"{family} {rng.choice(FAMILY)}"  # a few four-word names (Nguyễn Trần Thị Mai)
            if gender == "Nữ":
                middle, given = rng.choice(MIDDLE_WOMEN), rng.choice(GIVEN_WOMEN)
            else:
                middle, given = rng.choice(MIDDLE_MEN), rng.choice(GIVEN_MEN)
            name = f"{family} {middle} {given}"
            if name not in self.used:
                self.used.add(name)
                return name

    def person(self, kind: str, ref: date, entered: date, extras: tuple[str, str] | None = None) -> Person:
        """A person of a branch of this kind, aged 18.. at `ref` (admission or entry date)."""
        rng = self.rng
        female_share, (lo, hi), occupations = PROFILES[kind]
        gender = "Nữ" if rng.random() < female_share else "Nam"
        age = rng.randint(lo, min(hi, 30)) if rng.random() < 0.7 or hi <= 30 else rng.randint(31, hi)
        occupation = _pick(rng, occupations)
        if occupation == "Học sinh - sinh viên" and age > 22:
            occupation = "Lao động tự do"
        if kind == "Khu dân cư" and age >= 48:
            occupation = rng.choice(("Hưu trí", "Kinh doanh", "Nông dân"))
        # Born so that the age at `ref` is exactly `age` full years.
        birth = _between(rng, add_months(ref, -12 * (age + 1)) + timedelta(days=1), add_months(ref, -12 * age))
        if extras is not None:
            ethnicity, religion = extras
        elif self.population is not None:
            ethnicity = _share_pick(rng, self.population.ethnic, "Kinh")
            religion = _share_pick(rng, self.population.religions, "Không")
        else:
            r = rng.random()
            ethnicity = "Hrê" if r < 0.03 else "Hoa" if r < 0.045 else "Kinh"
            r = rng.random()
            religion = "Phật giáo" if r < 0.07 else "Công giáo" if r < 0.10 else "Không"
        education = "12/12"
        if (
            occupation in ("Lao động tự do", "Kinh doanh", "Nông dân", "Công nhân", "Dân quân tự vệ", "Khác", "Hưu trí")
            and rng.random() < 0.35
        ):
            education = "9/12"
        professional = _pick(rng, PROFESSIONAL_BY_OCCUPATION.get(occupation, PROFESSIONAL_OTHER))
        if occupation == "Cán bộ - công chức - viên chức":
            theory = _pick(rng, (("Sơ cấp", 5), ("Trung cấp", 2), ("Không", 3)))
        elif occupation in ("Lực lượng vũ trang", "Dân quân tự vệ"):
            theory = _pick(rng, (("Sơ cấp", 4), ("Không", 6)))
        else:
            theory = "Sơ cấp" if rng.random() < 0.1 else "Không"
        youth = age <= 30 and rng.random() < (0.92 if self.population is None else self.population.youth_share)
        if youth:
            introduced = "Đoàn Thanh niên"
        elif kind in ("Trường học", "Cơ quan", "Y tế", "Doanh nghiệp"):
            introduced = "Công đoàn"
        elif kind in ("Công an", "Quân sự"):
            introduced = BRANCH_INTRODUCER
        elif occupation == "Nông dân":
            introduced = "Hội Nông dân"
        elif gender == "Nữ":
            introduced = "Hội Liên hiệp Phụ nữ"
        else:
            introduced = rng.choice(("Hội Cựu chiến binh", "Mặt trận Tổ quốc", BRANCH_INTRODUCER))
        if self.population is not None and not youth and kind == "Khu dân cư":
            introduced = self._introducer(gender, age, occupation)
        return Person(
            self.name(gender, ethnicity),
            birth,
            gender,
            ethnicity,
            religion,
            education,
            professional,
            occupation,
            theory,
            youth,
            introduced,
            entered,
            None,
            S.STATUS_ACTIVE,
            None,
        )

    def _introducer(self, gender: str, age: int, occupation: str) -> str:
        """Who introduced a resident who is not in the Youth Union, by the ward's own weights."""
        assert self.population is not None
        pairs = [
            (org, weight)
            for org, weight in self.population.introducers
            if not (org == "Hội Liên hiệp Phụ nữ" and gender == "Nam")
            and not (org == "Hội Cựu chiến binh" and (gender == "Nữ" or age < 35))
            and not (org == "Hội Nông dân" and occupation not in ("Nông dân", "Hưu trí", "Lao động tự do"))
        ]
        return _pick(self.rng, pairs) if pairs else BRANCH_INTRODUCER

    def admission(self, kind: str, year: int, overdue: bool, extras: tuple[str, str] | None) -> Person:
        rng = self.rng
        last = date(year, 6, 30) if overdue else date(year, 11, 30)
        admitted = _between(rng, date(year, 2, 1), last)
        # A class at most 24 months (well within the certificate's 60) and at least 20 days before.
        class_date = rng.choice(
            [s for s in self.sessions if admitted - timedelta(days=720) <= s <= admitted - timedelta(days=20)]
        )
        # On the list a few months before the class, and in an earlier year than the admission.
        entered = _between(
            rng, class_date - timedelta(days=400), min(class_date - timedelta(days=45), date(year - 1, 12, 31))
        )
        meeting = None
        if self.population is not None and self.population.meetings:
            # The branch meets after the class and 1-7 weeks before the decision (within its 60 working days).
            meeting = _between(
                rng, max(class_date + timedelta(days=1), admitted - timedelta(days=50)), admitted - timedelta(days=7)
            )
        p = self.person(kind, meeting or admitted, entered, extras)  # of age at the meeting
        p.class_date, p.admitted, p.meeting = class_date, admitted, meeting
        p.status, p.status_date = S.STATUS_ADMITTED, admitted
        p.ceremony = admitted + timedelta(days=rng.randint(7, 25))
        due = add_months(p.ceremony, 12)  # probation: 12 months from the ceremony
        if year < 2025 and not overdue and due <= REPORT_DATE:
            official = due + timedelta(days=rng.randint(0, 30))
            p.official = official if official <= REPORT_DATE else due
        return p

    def candidate(self, kind: str, year: int, forced_status: str | None) -> Person:
        rng = self.rng
        entered = _between(rng, date(year, 1, 5), date(year, 11, 30))
        p = self.person(kind, entered, entered)
        later = [s for s in self.sessions if entered + timedelta(days=30) <= s <= REPORT_DATE]
        if later and (forced_status or rng.random() < 0.55):
            p.class_date = rng.choice(later[:2])
        status = forced_status
        if status is None and year <= 2024 and rng.random() < 0.1:
            status = S.STATUS_MOVED if rng.random() < 0.65 else S.STATUS_REMOVED
        if status:
            start = max(entered + timedelta(days=90), (p.class_date or entered) + timedelta(days=60))
            p.status, p.status_date = status, _between(rng, min(start, REPORT_DATE), REPORT_DATE)
            notes = LEAVE_NOTES[status]
            p.note = MOVED_NOTE_BY_KIND.get(kind, rng.choice(notes)) if status == S.STATUS_MOVED else rng.choice(notes)
        return p

    def veteran(self, kind: str) -> Person:
        """On the list since before the term, trained at one of the first classes (2019-2020), never
        admitted: the certificate's 60 months ran out during 2024-2025."""
        rng = self.rng
        entered = _between(rng, date(2018, 5, 2), date(2019, 9, 1))
        p = self.person(kind, entered, entered)
        p.class_date = next(s for s in self.sessions if s >= entered + timedelta(days=30))
        return p


def _branch_people(
    people: _People, b: Branch, counter: list[int], admission_extras: dict[int, tuple[str, str]]
) -> list[Person]:
    """All people on the branch's list (admitted ones included), in the order they entered it."""
    persons: list[Person] = []
    for i, year in enumerate(YEARS):
        for j in range(b.admit[i]):
            extras = admission_extras.get(counter[0])
            counter[0] += 1
            persons.append(people.admission(b.kind, year, overdue=(year == 2024 and j < b.overdue), extras=extras))
    forced = list(b.leavers)
    for year, added in zip(YEARS, b.added):
        already = sum(1 for p in persons if p.entered.year == year)
        more = max(0, added - already)
        if year == LAST_LEAVING_YEAR:
            more = max(more, len(forced))  # the planned leavers come whatever the admissions took
        for _ in range(more):
            status = forced.pop(0) if forced and year <= LAST_LEAVING_YEAR else None
            persons.append(people.candidate(b.kind, year, status))
    persons += [people.veteran(b.kind) for _ in range(b.veterans)]
    persons.sort(key=lambda p: (p.entered, p.name))
    return persons


def _number_decisions(all_admitted: list[Person], rng: random.Random, district: str = "TU") -> None:
    """Admission decisions: by the district-level committee (`district`: Thị ủy TU, Huyện ủy HU) until
    30/6/2025, by the ward committee from 1/7/2025."""
    by_year: dict[tuple[int, str], int] = {}
    for p in sorted(all_admitted, key=lambda p: (p.admitted, p.name)):
        assert p.admitted is not None  # admitted people only
        issuer = "ĐU" if p.admitted >= date(2025, 7, 1) else district
        key = (p.admitted.year, issuer)
        n = by_year.get(key, 0 if issuer == "ĐU" else rng.randint(120, 180))
        n += 1 if issuer == "ĐU" else rng.randint(2, 9)
        by_year[key] = n
        p.decision_no = f"{n:02d}-QĐ/{issuer}"


# --- other wards (any seed but the default) ------------------------------
#
# A ward nobody tuned the documents for: its province, name, branches (8-20, of every kind,
# some with long names), members, quotas (some years without one, some branches below, some
# above, some admitting nobody for years), candidates (some trained long ago, their certificate
# expired), who introduced them, and the committee's texts and words, which say only what the
# planned figures show. Drawn from its own random stream, so the people of the default sample
# stay as they were.

# (superior body, what its standing committee is called, ethnic minorities, religions)
PROVINCES = (
    ("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "Tỉnh ủy", (("Hrê", 0.05), ("Co", 0.01)), (("Phật giáo", 0.05), ("Công giáo", 0.02))),
    ("ĐẢNG BỘ TỈNH NGHỆ AN", "Tỉnh ủy", (("Thái", 0.06),), (("Công giáo", 0.08), ("Phật giáo", 0.02))),
    ("ĐẢNG BỘ TỈNH THANH HÓA", "Tỉnh ủy", (("Mường", 0.07), ("Thái", 0.03)), (("Công giáo", 0.05),)),
    ("ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG", "Thành ủy", (("Hoa", 0.01),), (("Phật giáo", 0.06), ("Công giáo", 0.03))),
    (
        "ĐẢNG BỘ TỈNH AN GIANG",
        "Tỉnh ủy",
        (("Khmer", 0.10), ("Chăm", 0.01), ("Hoa", 0.02)),
        (("Phật giáo Hòa Hảo", 0.10), ("Phật giáo", 0.08)),
    ),
    (
        "ĐẢNG BỘ THÀNH PHỐ CẦN THƠ",
        "Thành ủy",
        (("Khmer", 0.06), ("Hoa", 0.03)),
        (("Phật giáo", 0.08), ("Cao Đài", 0.03)),
    ),
    ("ĐẢNG BỘ TỈNH BẮC NINH", "Tỉnh ủy", (), (("Phật giáo", 0.05),)),
    ("ĐẢNG BỘ TỈNH ĐỒNG THÁP", "Tỉnh ủy", (("Hoa", 0.01),), (("Phật giáo Hòa Hảo", 0.04), ("Phật giáo", 0.06))),
)
PLACE_SYLLABLES = (
    "An",
    "Bình",
    "Hòa",
    "Phú",
    "Tân",
    "Vĩnh",
    "Long",
    "Thạnh",
    "Phước",
    "Đông",
    "Tây",
    "Mỹ",
    "Hưng",
    "Lợi",
    "Thuận",
    "Lộc",
    "Xuân",
    "Hải",
    "Sơn",
    "Quang",
    "Thịnh",
    "Phong",
    "Đức",
    "Thành",
    "Nghĩa",
    "Khánh",
    "Hiệp",
    "Trung",
    "Lạc",
    "Điền",
)
SCHOOL_NAMES = (
    "Nguyễn Văn Trỗi",
    "Lê Quý Đôn",
    "Kim Đồng",
    "Võ Thị Sáu",
    "Trần Quốc Toản",
    "Chu Văn An",
    "Nguyễn Du",
    "Lý Tự Trọng",
    "Phan Bội Châu",
    "Nguyễn Trãi",
    "Lê Hồng Phong",
    "Trần Hưng Đạo",
    "Nguyễn Bỉnh Khiêm",
)
KINDERGARTENS = ("Hoa Sen", "Sơn Ca", "Họa Mi", "Hoa Mai", "Vành Khuyên", "Bông Sen")
TRADES = (
    ("Công ty TNHH May mặc", "Doanh nghiệp"),
    ("Công ty Cổ phần Xây dựng", "Doanh nghiệp"),
    ("Công ty TNHH Chế biến Thủy sản", "Doanh nghiệp"),
    ("Công ty Cổ phần Cấp thoát nước", "Doanh nghiệp"),
    ("Hợp tác xã Nông nghiệp", "Doanh nghiệp"),
    ("Ban Quản lý chợ", "Khác"),
    ("Ban Quản lý rừng phòng hộ", "Khác"),
)
MEMBERS_BY_KIND = {  # members of a branch at the start of 2021
    "Khu dân cư": (18, 70),
    "Trường học": (8, 32),
    "Cơ quan": (12, 40),
    "Công an": (6, 24),
    "Quân sự": (4, 14),
    "Y tế": (4, 14),
    "Doanh nghiệp": (3, 18),
    "Khác": (3, 12),
}
INTRODUCERS = ("Mặt trận Tổ quốc", "Hội Nông dân", "Hội Liên hiệp Phụ nữ", "Hội Cựu chiến binh", BRANCH_INTRODUCER)
ROMAN = ("XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "XXII")


def _place(rng: random.Random, taken: set[str]) -> str:
    while True:
        first, second = rng.sample(PLACE_SYLLABLES, 2)
        name = f"{first} {second}"
        if name not in taken:
            taken.add(name)
            return name


def _branch_names(rng: random.Random, level: str, southern: bool, places: set[str]) -> list[tuple[str, str]]:
    """(Tên chi bộ, Loại hình) of 8-20 branches: residential ones first, then the others."""
    count = rng.randint(8, 20)
    others: list[tuple[str, str]] = [(f"Công an {level}", "Công an"), (f"Quân sự {level}", "Quân sự")]
    if rng.random() < 0.5:
        others[1] = (f"Ban Chỉ huy Quân sự {level}", "Quân sự")
    others.append(
        rng.choice(
            (
                (f"Cơ quan Ủy ban nhân dân {level}", "Cơ quan"),
                (f"Cơ quan UBND {level}", "Cơ quan"),
                (f"Cơ quan chính quyền {level}", "Cơ quan"),
            )
        )
    )
    if rng.random() < 0.6:
        others.append((f"Cơ quan Đảng - Mặt trận - Đoàn thể {level}", "Cơ quan"))
    if rng.random() < 0.7:
        others.append((f"Trạm Y tế {level}", "Y tế"))
    schools = rng.sample(SCHOOL_NAMES, 3)
    school_kinds = ["Trường Trung học cơ sở", rng.choice(("Trường Tiểu học", "Trường TH")), "Trường THCS"]
    for i in range(rng.randint(1, 3)):
        others.append((f"{school_kinds[i]} {schools[i]}", "Trường học"))
    if rng.random() < 0.5:
        others.append((f"Trường Mầm non {rng.choice(KINDERGARTENS)}", "Trường học"))
    for trade, kind in rng.sample(TRADES, rng.randint(0, 2)):
        others.append((f"{trade} {_place(rng, places)}", kind))
    rng.shuffle(others)
    others = others[: max(4, count - 4)]
    residential: list[tuple[str, str]] = []
    unit = ("Ấp" if southern else "Thôn") if level == "xã" else rng.choice(("Tổ dân phố", "Khu phố", "Khối"))
    numbered = rng.random() < 0.5
    for n in range(1, count - len(others) + 1):
        name = f"{unit} {n}" if numbered and n <= 9 else f"{unit} {_place(rng, places)}"
        residential.append((name, "Khu dân cư"))
    return [(f"Chi bộ {name}", kind) for name, kind in residential + others]


def _yearly(rng: random.Random, kind: str, mood: str) -> tuple[int, ...]:
    """Admissions per year for a branch of this mood: idle admits nobody from 2022 on (or ever)."""
    if mood == "idle":
        return (int(rng.random() < 0.5), 0, 0, 0, 0)
    if mood == "late":  # nobody in the first years, then some
        return (0, 0, 0, 1, rng.randint(0, 1))
    p, two = {"weak": (0.35, 0.0), "steady": (0.8, 0.1), "exceeds": (0.8, 0.1), "strong": (0.9, 0.45)}[mood]
    if kind in ("Quân sự", "Công an") and mood != "weak":
        two += 0.1
    return tuple(int(rng.random() < p) + int(rng.random() < two) for _ in YEARS)


def _random_branch(
    rng: random.Random, people: _People, name: str, kind: str, mood: str, file: str, quirks: dict[str, object]
) -> Branch:
    lo, hi = MEMBERS_BY_KIND[kind]
    admit = _yearly(rng, kind, mood)
    exceeded = -1
    if mood == "exceeds":  # a year it admitted more than its quota of one
        exceeded = rng.randrange(len(YEARS))
        admit = tuple(2 if i == exceeded else n for i, n in enumerate(admit))
    usual = 2 if mood == "strong" and kind != "Y tế" else 1
    quota, source, added = [], [], []
    for i, done in enumerate(admit):
        r = rng.random()
        if i == exceeded:
            q = 1
        elif r < 0.12:
            q = 0  # no quota given this year
        elif r < 0.25 and done >= 2:
            q = done - 1  # above the quota
        else:
            q = usual
        quota.append(q)
        source.append(max(1, q + rng.randint(0, 2)))
        upcoming = sum(admit[i + 1 : i + 3])
        added.append(max(0, upcoming // 2 + rng.randint(0, 3) - (mood == "idle")))
    leavers: tuple[str, ...] = ()
    if rng.random() < 0.35:
        leavers = tuple(
            rng.choice((S.STATUS_MOVED, S.STATUS_MOVED, S.STATUS_REMOVED)) for _ in range(rng.randint(1, 2))
        )
    overdue = 1 if admit[YEARS.index(2024)] and rng.random() < 0.1 else 0
    return Branch(
        file,
        name,
        kind,
        people.name("Nữ" if rng.random() < 0.3 else "Nam", "Kinh"),
        rng.randint(lo, hi),
        admit,
        tuple(quota),
        tuple(source),
        tuple(added),
        leavers=leavers,
        overdue=overdue,
        veterans=rng.choice((0, 0, 0, 1, 2)),
        **quirks,  # type: ignore[arg-type]
    )


def _quirks(rng: random.Random) -> dict[str, object]:
    """How a branch keeps its workbook: most as the standard says, some with aliases, no
    diacritics, dates typed as text or a totals line."""
    return {
        "headers": rng.choices(("canonical", "aliases", "ascii", "mixed"), (14, 2, 1, 2))[0],
        "text_dates": rng.random() < 0.1,
        "totals_row": rng.random() < 0.08,
    }


def _random_texts(rng: random.Random, level: str, plan_years: Sequence[int], classes: Sequence[int]) -> tuple:
    """The committee's texts: a plan most years, a resolution on the term, a notice of each class year."""
    texts: list[tuple] = []
    for year in YEARS:
        if year == 2021 and rng.random() < 0.7:
            texts.append((year, "NQ", "về công tác tạo nguồn, kết nạp đảng viên nhiệm kỳ 2020-2025", 3, (2, 28)))
        if year in plan_years:
            texts.append((year, "KH", f"về phát triển đảng viên năm {year}", 1, (5, 25)))
        if year in classes:
            texts.append((year, "TB", f"về việc mở lớp bồi dưỡng nhận thức về Đảng năm {year}", 3, (10, 28)))
        if year == 2023 and rng.random() < 0.4:
            texts.append(
                (
                    year,
                    "CT",
                    f"về tăng cường công tác tạo nguồn, phát triển đảng viên ở các chi bộ khu dân cư {level}",
                    6,
                    (1, 20),
                )
            )
    return tuple(texts)


def _random_assessments(
    rng: random.Random,
    plan_admit: dict[int, int],
    quota: dict[int, int],
    moved: bool,
    idle: int,
    level: str,
    superior: str,
) -> tuple:
    """The office's own paragraphs, each true of the planned figures."""
    rows: list[tuple[str, str, str]] = []
    last = YEARS[-1]
    rows.append(
        (
            str(last),
            S.SECTION_LEADERSHIP,
            rng.choice(
                (
                    "Ban Thường vụ Đảng ủy phân công đồng chí Phó Bí thư Đảng ủy trực tiếp chỉ đạo công tác phát"
                    " triển đảng viên; hằng quý nghe các chi bộ báo cáo tình hình tạo nguồn.",
                    "Đảng ủy giao cho các đồng chí đảng ủy viên phụ trách chi bộ theo dõi, đôn đốc việc bồi dưỡng"
                    " quần chúng ưu tú và hoàn thiện hồ sơ đề nghị kết nạp.",
                )
            ),
        )
    )
    if plan_admit[last] >= quota[last]:
        rows.append((str(last), S.SECTION_STRENGTHS, STRENGTH_ALL))
    else:
        rows.append(
            (
                str(last),
                S.SECTION_SUBJECTIVE,
                "Một số cấp ủy chi bộ chưa chủ động phát hiện, bồi dưỡng quần chúng ưu tú; việc giới thiệu quần"
                " chúng đi học lớp bồi dưỡng nhận thức về Đảng còn chậm.",
            )
        )
    if moved:
        rows.append(
            (
                str(last),
                S.SECTION_OBJECTIVE,
                f"Một bộ phận thanh niên trên địa bàn {level} đi học tập, lao động xa địa phương nên nguồn quần chúng"
                " ở các chi bộ khu dân cư thiếu ổn định.",
            )
        )
    term = "2020-2025"
    rows.append(
        (
            term,
            S.SECTION_LESSONS,
            rng.choice(
                (
                    "Cấp ủy phải giao chỉ tiêu cụ thể cho từng chi bộ ngay từ đầu năm và lấy kết quả phát triển"
                    " đảng viên làm một tiêu chí đánh giá, xếp loại chi bộ cuối năm.",
                    "Phải gắn công tác phát triển đảng viên với xây dựng tổ chức đoàn thể vững mạnh; nơi nào đoàn"
                    " thể chủ động giới thiệu thì nguồn phát triển đảng viên ổn định.",
                )
            ),
        )
    )
    if idle:
        rows.append(
            (
                term,
                S.SECTION_TASKS,
                # the committee's own task, not the members' (the documents name the branches to help)
                "Ban Thường vụ Đảng ủy định kỳ 06 tháng nghe các chi bộ báo cáo tiến độ tạo nguồn, kết nạp đảng"
                " viên; kịp thời biểu dương chi bộ làm tốt, nhắc nhở chi bộ thực hiện chậm.",
            )
        )
    rows.append(
        (
            term,
            S.SECTION_PROPOSALS,
            f"Đề nghị Ban Thường vụ {superior} quan tâm mở thêm lớp bồi dưỡng nhận thức về Đảng tại {level},"
            " tạo điều kiện cho quần chúng ưu tú ở các chi bộ khu dân cư tham gia.",
        )
    )
    return tuple(rows)


# A strength the office writes of all its branches, and the same said of some (`weaker`): `write_sample` keeps
# the first its generated figures support (stats.claims), as an office writes knowing its figures.
STRENGTH_ALL = (
    "Các chi bộ chủ động rà soát nguồn ngay từ đầu năm, phối hợp với các đoàn thể giới thiệu quần chúng ưu tú"
    " đi học lớp bồi dưỡng nhận thức về Đảng kịp thời."
)
STRENGTH_SOME = (
    "Một số chi bộ chủ động rà soát nguồn ngay từ đầu năm, phối hợp với các đoàn thể lựa chọn quần chúng ưu tú"
    " đi học lớp bồi dưỡng nhận thức về Đảng."
)
WEAKER = {STRENGTH_ALL: STRENGTH_SOME}


def supported_assessments(inbox: Path, plan: WardPlan) -> tuple:
    """The plan's `Nhận định` rows as the written workbooks' own figures support them: a claim of success
    the figures contradict (stats.claims) is said of some branches (`WEAKER`), or left out when even
    that is contradicted. The rows are checked on the figures the documents will print."""
    from reportgen.pipeline import check
    from reportgen.stats.claims import contradictions, is_claim

    rows = list(plan.assessments)
    if not any(is_claim(section, text) for _period, section, text in rows):
        return tuple(rows)
    report = check(inbox, today=REPORT_DATE + timedelta(days=10)).report
    if report is None:
        return tuple(rows)
    for _ in range(2):  # the claim, then its weaker form
        report = replace(report, assessments=tuple(replace(a, text=t) for a, (*_, t) in zip(report.assessments, rows)))
        wrong = {c.assessment.text for c in contradictions(report)}
        if not wrong:
            break
        rows = [(p, sec, WEAKER.get(t, "")) if t in wrong else (p, sec, t) for p, sec, t in rows]
    wrong = {c.assessment.text for c in contradictions(report)}
    return tuple((p, sec, t) for p, sec, t in rows if t and t not in wrong)


def random_plan(seed: int) -> WardPlan:
    """A ward of its own for `seed` (never the sample's): the same seed gives the same ward."""
    rng = random.Random(f"{seed}-ward")
    namer = _People(random.Random(f"{seed}-names"))
    superior, standing, ethnic, religions = rng.choice(PROVINCES)
    level = rng.choice(("phường", "phường", "xã"))
    southern = "AN GIANG" in superior or "CẦN THƠ" in superior or "ĐỒNG THÁP" in superior
    places: set[str] = set()
    place = _place(rng, places)
    committee = f"ĐẢNG ỦY {level.upper()} {place.upper()}"
    named = _branch_names(rng, level, southern, places)
    moods = ["steady"] * len(named)
    # Every kind of branch the documents must speak of: one idle for years, one admitting late,
    # some weak, one above its quota, some strong.
    slots = rng.sample(range(len(named)), len(named))
    for mood, index in zip(("idle", "late", "weak", "exceeds", "strong", "weak"), slots):
        moods[index] = mood
    for index in slots[6:]:
        moods[index] = rng.choice(("steady", "steady", "weak", "strong"))
    taken: set[str] = set()
    branches = tuple(
        _random_branch(rng, namer, name, kind, mood, branch_file_name(name, taken), _quirks(rng))
        for (name, kind), mood in zip(named, moods)
    )
    admitted = {y: sum(b.admit[i] for b in branches) for i, y in enumerate(YEARS)}
    # The superior's quota: some years met, some missed, some exceeded.
    ward_quota = tuple(max(1, round(admitted[y] * rng.uniform(0.8, 1.25))) for y in YEARS)
    quota = dict(zip(YEARS, ward_quota))
    organisations = tuple(o for o in S.ORGANISATIONS if o != "Hội Nông dân" or level == "xã" or rng.random() < 0.5)
    introducers = tuple(
        (org, rng.choice((0, 1, 2, 3)) if org != BRANCH_INTRODUCER else 2)
        for org in INTRODUCERS
        if org == BRANCH_INTRODUCER or org in organisations
    )
    org_quota = {org: (rng.choice((0, 1)), rng.choice((1, 2, 3))) for org in organisations}
    plan_years = [y for y in YEARS if rng.random() < 0.85 or y == YEARS[-1]]
    class_years = [y for y in YEARS if rng.random() < 0.5]
    info = {
        "superior": superior,
        "committee": committee,
        "place": place,
        "code": "ĐU",
        "term": "2020-2025",
        "signer_authority": "T/M ĐẢNG ỦY",
        "signer_position": rng.choice(("BÍ THƯ", "BÍ THƯ", "PHÓ BÍ THƯ")),
        "signer_name": namer.name(rng.choice(("Nam", "Nữ")), "Kinh"),
        "recipients": "; ".join(
            (
                f"Ban Thường vụ {standing}",
                *((f"Ban Tổ chức {standing}",) if rng.random() < 0.5 else ()),
                "Các chi bộ trực thuộc",
                *((f"Mặt trận và các đoàn thể CT-XH {level}",) if rng.random() < 0.7 else ()),
                "Lưu Văn phòng Đảng ủy",
            )
        ),
    }
    if rng.random() < 0.8:
        info["congress"] = rng.choice(ROMAN)
    plan = WardPlan(
        info=info,
        branches=branches,
        ward_quota=ward_quota,
        texts=_random_texts(rng, level, plan_years, class_years),
        assessments=_random_assessments(
            rng,
            admitted,
            quota,
            any(S.STATUS_MOVED in b.leavers for b in branches),
            sum(1 for b in branches if not any(b.admit[1:])),
            level,
            standing,
        ),
        organisations=organisations,
        org_quota=org_quota,
        banner=f"Đảng bộ {level} {place}, nhiệm kỳ 2020-2025",
        admission_extras={},
        decision_issuer="HU" if level == "xã" else rng.choice(("TU", "HU")),
        population=Population(
            ethnic=ethnic,
            religions=religions,
            introducers=introducers,
            youth_share=rng.uniform(0.6, 0.95),
        ),
    )
    check_plan(plan)
    return plan


# --- writing ------------------------------------------------------------

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
DATE_FORMAT = "dd/mm/yyyy"


def _nfc(value):
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def strip_diacritics(text: str) -> str:
    """'Ngày học lớp nhận thức' -> 'Ngay hoc lop nhan thuc'."""
    text = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D")
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _header(col: S.Column, style: str) -> str:
    if style == "aliases" and col.aliases:
        return col.aliases[0]
    if style == "mixed" and col.key in ("name", "occupation", "theory"):
        return col.aliases[0]  # Họ tên, Thành phần, LLCT
    if style == "ascii":
        return strip_diacritics(col.header)
    return col.header


def _banner(ws, row: int, text: str, width: int, size: int = 13, bold: bool = True, italic: bool = False) -> None:
    ws.cell(row, 1, _nfc(text)).font = Font(bold=bold, italic=italic, size=size)
    ws.cell(row, 1).alignment = Alignment(horizontal="center", vertical="center")
    if width > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


def _table(
    ws,
    first_row: int,
    headers: list[str],
    rows: list[list],
    text_dates: bool = False,
    widths: dict[int, int] | None = None,
) -> None:
    """Bold boxed header at first_row, then the rows; dates as real dates (or text dd/mm/yyyy)."""
    for c, h in enumerate(headers, 1):
        cell = ws.cell(first_row, c, _nfc(h))
        cell.font = Font(bold=True)
        cell.border = BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r, values in enumerate(rows, first_row + 1):
        for c, v in enumerate(values, 1):
            if isinstance(v, date):
                v = v.strftime("%d/%m/%Y") if text_dates else datetime(v.year, v.month, v.day)
            cell = ws.cell(r, c, _nfc(v))
            cell.border = BOX
            if isinstance(v, datetime):
                cell.number_format = DATE_FORMAT
            elif text_dates and isinstance(v, str) and re.fullmatch(r"\d\d/\d\d/\d{4}", v):
                cell.number_format = "@"  # typed as text, as in hand-kept books
    for c, h in enumerate(headers, 1):
        ws.column_dimensions[get_column_letter(c)].width = (widths or {}).get(c, max(10, min(24, len(h) + 4)))
    ws.freeze_panes = ws.cell(first_row + 1, 1)


def _fields(ws, title: str, fields, values: dict[str, str]) -> None:
    _banner(ws, 1, title, 2)
    ws.append(["Mục", "Nội dung"])
    ws.cell(2, 1).font = ws.cell(2, 2).font = Font(bold=True)
    for f in fields:
        if f.key in values:
            ws.append([_nfc(f.label), _nfc(values[f.key])])
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 60


def _person_row(p: Person, sheet: S.Sheet, index: int, yes: str, no: str) -> list:
    values = {"stt": index, "youth_union": yes if p.youth_union else no}
    return [values.get(c.key, getattr(p, c.key, None)) for c in sheet.columns]


def _branch_workbook(b: Branch, persons: list[Person], banner: str) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = S.BRANCH_INFO_SHEET
    _fields(ws, "THÔNG TIN CHI BỘ", S.BRANCH_FIELDS, {"name": b.name, "kind": b.kind, "secretary": b.secretary})
    yes, no = ("x", "") if b.headers == "ascii" else ("Có", "Không")
    admitted = sorted((p for p in persons if p.admitted), key=lambda p: (p.admitted, p.name))
    for sheet, title, people in (
        (S.CANDIDATE_SHEET, "DANH SÁCH QUẦN CHÚNG ƯU TÚ", persons),
        (S.ADMISSION_SHEET, "DANH SÁCH ĐẢNG VIÊN MỚI KẾT NẠP", admitted),
    ):
        ws = wb.create_sheet(sheet.name)
        width = len(sheet.columns)
        _banner(ws, 1, title, width, size=14)
        _banner(ws, 2, f"{b.name} - {banner}", width, size=12, bold=False, italic=True)
        rows = [_person_row(p, sheet, i, yes, no) for i, p in enumerate(people, 1)]
        if sheet is S.ADMISSION_SHEET and b.totals_row:
            total: list[object] = [None] * width
            keys = [c.key for c in sheet.columns]
            total[keys.index("name")] = S.TOTALS_WORDS[0]
            total[keys.index("note")] = f"{len(people):02d} đồng chí"
            rows.append(total)
        _table(ws, 3, [_header(c, b.headers) for c in sheet.columns], rows, b.text_dates, {1: 6, 2: 26})
        if sheet is S.ADMISSION_SHEET and b.totals_row:
            for c in range(1, width + 1):
                ws.cell(3 + len(rows), c).font = Font(bold=True)
    return wb


def office_texts(rng: random.Random, plan: WardPlan = SAMPLE) -> list[tuple[int, str, date, str]]:
    """(year, number, date, summary) of each row of `Văn bản`; numbers run per kind and term."""
    counters: dict[str, int] = {}
    out = []
    for year, code, summary, month, (first_day, last_day) in plan.texts:
        counters[code] = counters.get(code, rng.randint(2, 9)) + rng.randint(3, 40)
        issued = date(year, month, rng.randint(first_day, last_day))
        out.append((year, f"{counters[code]:02d}-{code}/{plan.info['code']}", issued, summary))
    return out


def _ward_workbook(
    members: dict[str, list[int]],
    org_quota: dict[tuple[int, str], int],
    texts: Sequence[tuple[int, str, date, str]] = (),
    plan: WardPlan = SAMPLE,
) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = S.WARD_INFO_SHEET
    _fields(ws, "THÔNG TIN ĐƠN VỊ", S.WARD_FIELDS, plan.info)

    ws = wb.create_sheet(S.QUOTA_SHEET.name)
    cols = S.QUOTA_SHEET.columns
    _banner(ws, 1, f"CHỈ TIÊU PHÁT TRIỂN ĐẢNG VIÊN NHIỆM KỲ {plan.info['term']}", len(cols))
    rows = []
    branches = plan.branches
    for i, year in enumerate(YEARS):
        for b in branches:
            rows.append([year, b.name, b.quota[i], b.source[i], members[b.name][i]])
        rows.append(
            [
                year,
                S.WARD_TOTAL,
                plan.ward_quota[i],
                sum(b.source[i] for b in branches),
                sum(m[i] for m in members.values()),
            ]
        )
    _table(ws, 2, [c.header for c in cols], rows, widths={1: 8, 2: 40})

    ws = wb.create_sheet(S.ORG_QUOTA_SHEET.name)
    cols = S.ORG_QUOTA_SHEET.columns
    _banner(ws, 1, "CHỈ TIÊU GIỚI THIỆU ĐOÀN VIÊN, HỘI VIÊN ƯU TÚ CHO ĐẢNG", len(cols))
    rows = [[year, org, org_quota[year, org]] for year in YEARS for org in plan.organisations]
    _table(ws, 2, [c.header for c in cols], rows, widths={1: 8, 2: 28})

    ws = wb.create_sheet(S.TEXT_SHEET.name)
    cols = S.TEXT_SHEET.columns
    _banner(ws, 1, "VĂN BẢN CỦA ĐẢNG ỦY VỀ CÔNG TÁC PHÁT TRIỂN ĐẢNG VIÊN", len(cols))
    _table(ws, 2, [c.header for c in cols], [list(t) for t in texts], widths={1: 8, 2: 14, 3: 12, 4: 70})

    ws = wb.create_sheet(S.ASSESSMENT_SHEET.name)
    cols = S.ASSESSMENT_SHEET.columns
    _banner(ws, 1, "NHẬN ĐỊNH, ĐÁNH GIÁ CỦA ĐẢNG ỦY", len(cols))
    _table(ws, 2, [c.header for c in cols], [list(a) for a in plan.assessments], widths={1: 11, 2: 22, 3: 90})
    for row in ws.iter_rows(min_row=3):
        row[-1].alignment = Alignment(wrap_text=True, vertical="top")
    return wb


def _save(wb: Workbook, path: Path) -> None:
    """Save with fixed timestamps (document properties and zip entries), so reruns give the same bytes."""
    wb.properties.creator = "reportgen"
    wb.properties.lastModifiedBy = "reportgen"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    wb.save(buffer)  # openpyxl stamps `modified` with the current time; undone below
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), data)
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, data)


def generate(
    seed: int = DEFAULT_SEED, plan: WardPlan = SAMPLE
) -> tuple[dict[str, list[Person]], dict[str, list[int]], dict[tuple[int, str], int]]:
    """The ward as data: people per branch, members at the start of each year, mass-organisation quotas."""
    rng = random.Random(seed)
    people = _People(rng, plan.population)
    counter = [0]
    persons = {b.name: _branch_people(people, b, counter, plan.admission_extras) for b in plan.branches}
    _number_decisions([p for ps in persons.values() for p in ps if p.admitted], rng, plan.decision_issuer)
    members: dict[str, list[int]] = {}
    for b in plan.branches:
        m = [b.members]
        for i in range(len(YEARS) - 1):  # + admissions, - deaths and transfers
            m.append(max(4, m[-1] + b.admit[i] - rng.choice((0, 0, 1, 1, 2) if b.members > 20 else (0, 0, 1))))
        members[b.name] = m
    org_quota = {}
    for year in YEARS:
        for org in plan.organisations:
            lo, hi = plan.org_quota.get(org, (1, 1))
            org_quota[year, org] = rng.randint(lo, hi)
    return persons, members, org_quota


def ward_plan(seed: int = DEFAULT_SEED) -> WardPlan:
    """The sample ward for the default seed; for any other seed a ward of its own (see `random_plan`)."""
    return SAMPLE if seed == DEFAULT_SEED else random_plan(seed)


def write_sample(out_dir: Path, seed: int = DEFAULT_SEED, overwrite: bool = False) -> list[Path]:
    """Write the ward workbook and one workbook per branch into out_dir; return the paths written.

    The default seed writes the sample ward (Phổ Hòa, as in sample_data/); another seed writes
    another ward: its name and province, branches, members, quotas, people and texts.
    Refuses, before writing anything, to replace a workbook already in out_dir (the names are
    those of `reportgen init`: a clerk's real workbooks) unless `overwrite`, as `init` does.
    """
    out_dir = Path(out_dir)
    plan = ward_plan(seed)
    existing = [name for name in plan.files if (out_dir / name).exists()]
    if existing and not overwrite:
        raise WorkbooksExist(out_dir, existing)
    out_dir.mkdir(parents=True, exist_ok=True)
    persons, members, org_quota = generate(seed, plan)
    texts = office_texts(random.Random(f"{seed}-texts"), plan)  # its own stream: the people stay as they were
    paths = [out_dir / WARD_FILE]
    _save(_ward_workbook(members, org_quota, texts, plan), paths[0])
    for b in plan.branches:
        path = out_dir / b.file
        _save(_branch_workbook(b, persons[b.name], plan.banner), path)
        paths.append(path)
    rows = supported_assessments(out_dir, plan)
    if rows != plan.assessments:
        _save(_ward_workbook(members, org_quota, texts, replace(plan, assessments=rows)), paths[0])
    return paths
