"""A small Report built by hand: three branches, term 2020-2025, report year 2025.

The term has 38 admissions (7,6 a year), 28 of them Youth Union members (73,68%);
the ward quota of 2025 is 10 and 9 were admitted (90,00%). "Chi bộ Tổ dân phố 10"
admitted no one in 2023-2025. Everything the render stage reads is here, so the
tests do not depend on the intake or aggregate stages.
"""

from __future__ import annotations

from datetime import date

from reportgen.render.vietnamese import slugify
from reportgen.stats.plan import BranchNeed, OrganisationNeed, make_plan
from reportgen.stats.model import (
    BranchInfo,
    BranchReport,
    BranchTerm,
    BranchYear,
    LeftCandidate,
    NoAdmissionStreak,
    OrganisationYear,
    OverdueProbation,
    PersonLine,
    Plan,
    PlanBranch,
    PlanOrganisation,
    QuotaShortfall,
    Report,
    Shortfalls,
    SourceShortfall,
    Structure,
    StructureRow,
    TermSummary,
    WardInfo,
    WardYear,
    share,
)

TDP3 = "Chi bộ Tổ dân phố 3"
SCHOOL = "Chi bộ Trường THCS Phổ Hòa"
TDP10 = "Chi bộ Tổ dân phố 10"
YEARS = (2021, 2022, 2023, 2024, 2025)

# admissions per branch per year
ADMISSIONS = {
    "tdp3": (3, 3, 2, 3, 4),  # 15
    "school": (4, 4, 5, 4, 5),  # 22
    "tdp10": (0, 1, 0, 0, 0),  # 1
}
BRANCH_QUOTAS = {"tdp3": (3, 3, 3, 3, 4), "school": (4, 4, 4, 4, 5), "tdp10": (1, 1, 1, 1, 1)}
WARD_QUOTAS = (7, 8, 8, 7, 10)  # sum 40
MEMBERS = {"tdp3": 120, "school": 40, "tdp10": 200}  # members at the start of 2025: 360
WARD_MEMBERS = (330, 338, 345, 350, 360)
ADDED = {"tdp3": (2, 3, 2, 3, 5), "school": (5, 4, 6, 5, 6), "tdp10": (1, 0, 1, 1, 0)}
TRAINED = {"tdp3": (2, 3, 2, 3, 4), "school": (4, 4, 5, 5, 5), "tdp10": (0, 1, 0, 0, 0)}
YEAR_END = {"tdp3": (2, 2, 2, 2, 3), "school": (2, 2, 3, 4, 5), "tdp10": (1, 0, 1, 1, 1)}
LEFT = {"tdp3": (0, 0, 1, 0, 1), "school": (0, 1, 0, 0, 1), "tdp10": (0, 0, 0, 1, 0)}
LEFT_TRAINED = {"tdp3": (0, 0, 1, 0, 1), "school": (0, 1, 0, 0, 0), "tdp10": (0, 0, 0, 1, 0)}
RECOGNITIONS = {"tdp3": (2, 3, 3, 2, 3), "school": (3, 4, 4, 5, 4), "tdp10": (0, 0, 1, 0, 0)}


def _rows(
    total: int, spec: list[tuple[str, str, str, int]], prev_total: int | None = None, prev: dict[str, int] | None = None
) -> tuple[StructureRow, ...]:
    out = []
    for group, label, key, count in spec:
        prev_count = None if prev is None else prev.get(key, 0)
        out.append(
            StructureRow(
                group=group,
                label=label,
                key=key,
                count=count,
                share=share(count, total),
                prev_count=prev_count,
                prev_share=None if prev_count is None else share(prev_count, prev_total),
            )
        )
    return tuple(out)


G0, G1, G2, G3, G4, G5 = (
    "Tổng số",
    "Độ tuổi khi kết nạp",
    "Trình độ học vấn",
    "Trình độ chuyên môn",
    "Lý luận chính trị",
    "Nghề nghiệp",
)


def _structure_spec(counts: dict[str, int]) -> list[tuple[str, str, str, int]]:
    rows = [
        (G0, "Tổng số", "total"),
        (G0, "Nữ", "women"),
        (G0, "Dân tộc thiểu số", "ethnic_minority"),
        (G0, "Có tôn giáo", "religious"),
        (G0, "Đoàn viên TNCS Hồ Chí Minh", "youth_union"),
        (G0, "Chủ doanh nghiệp tư nhân", "business_owner"),
        (G1, "Từ 18 đến 30 tuổi", "age_18_30"),
        (G1, "Từ 31 đến 35 tuổi", "age_31_35"),
        (G1, "Từ 36 đến 40 tuổi", "age_36_40"),
        (G1, "Từ 41 đến 45 tuổi", "age_41_45"),
        (G1, "Từ 46 đến 50 tuổi", "age_46_50"),
        (G1, "Từ 51 đến 55 tuổi", "age_51_55"),
        (G1, "Từ 56 đến 60 tuổi", "age_56_60"),
        (G1, "Trên 60 tuổi", "age_over_60"),
        (G2, "Tiểu học", "edu_primary"),
        (G2, "THCS", "edu_lower_secondary"),
        (G2, "THPT", "edu_upper_secondary"),
        (G3, "Sơ cấp", "pro_elementary"),
        (G3, "Trung cấp", "pro_intermediate"),
        (G3, "Cao đẳng", "pro_college"),
        (G3, "Đại học", "pro_university"),
        (G3, "Thạc sĩ", "pro_master"),
        (G3, "Tiến sĩ", "pro_doctor"),
        (G4, "Sơ cấp", "theory_elementary"),
        (G4, "Trung cấp", "theory_intermediate"),
        (G4, "Cao cấp", "theory_advanced"),
        (G5, "Giáo viên", "occ_teacher"),
        (G5, "Dân quân tự vệ", "occ_militia"),
        (G5, "Cán bộ - công chức - viên chức", "occ_civil_servant"),
        (G5, "Lao động tự do", "occ_freelance"),
        (G5, "Kinh doanh", "occ_business"),
    ]
    return [(g, label, key, counts.get(key, 0)) for g, label, key in rows]


TERM_COUNTS = {
    "total": 38,
    "women": 15,
    "religious": 1,
    "youth_union": 28,
    "age_18_30": 26,
    "age_31_35": 6,
    "age_36_40": 4,
    "age_41_45": 2,
    "edu_lower_secondary": 3,
    "edu_upper_secondary": 35,
    "pro_intermediate": 2,
    "pro_college": 4,
    "pro_university": 28,
    "theory_elementary": 3,
    "occ_teacher": 18,
    "occ_militia": 2,
    "occ_civil_servant": 6,
    "occ_freelance": 8,
    "occ_business": 4,
}
YEAR_COUNTS = {
    "total": 9,
    "women": 4,
    "youth_union": 7,
    "age_18_30": 7,
    "age_31_35": 2,
    "edu_lower_secondary": 1,
    "edu_upper_secondary": 8,
    "pro_university": 6,
    "pro_college": 1,
    "occ_teacher": 5,
    "occ_civil_servant": 2,
    "occ_freelance": 2,
}
PREV_COUNTS = {
    "total": 7,
    "women": 3,
    "youth_union": 5,
    "religious": 1,
    "age_18_30": 5,
    "age_36_40": 2,
    "edu_upper_secondary": 7,
    "pro_university": 5,
    "occ_teacher": 4,
    "occ_freelance": 3,
}


def _ward_year(i: int, branch_years: list[BranchYear]) -> WardYear:
    with_quota = [b for b in branch_years if b.quota is not None]
    return WardYear(
        year=YEARS[i],
        admissions=sum(b.admissions for b in branch_years),
        ward_quota=WARD_QUOTAS[i],
        branch_quota_sum=sum(b.quota or 0 for b in branch_years),
        members_start=WARD_MEMBERS[i],
        candidates_added=sum(b.candidates_added for b in branch_years),
        candidates_trained=sum(b.candidates_trained for b in branch_years),
        candidates_at_year_end=sum(b.candidates_at_year_end for b in branch_years),
        candidates_left=sum(b.candidates_left for b in branch_years),
        candidates_left_trained=sum(b.candidates_left_trained for b in branch_years),
        recognitions=sum(b.recognitions for b in branch_years),
        branches_total=len(branch_years),
        branches_with_quota=len(with_quota),
        branches_met_quota=sum(1 for b in with_quota if b.met_quota),
        branches_with_admission=sum(1 for b in branch_years if b.admissions),
    )


def make_report(names: dict[str, str] | None = None) -> Report:
    """The fixture report; `names` replaces branch names by key ("tdp3", "school", "tdp10")."""
    names = {"tdp3": TDP3, "school": SCHOOL, "tdp10": TDP10, **(names or {})}
    kinds = {"tdp3": "Khu dân cư", "school": "Trường học", "tdp10": "Khu dân cư"}
    secretaries = {"tdp3": "Võ Văn Hùng", "school": "Nguyễn Thị Hoa", "tdp10": "Phạm Văn Tâm"}
    keys = ("tdp3", "school", "tdp10")

    infos = {
        k: BranchInfo(name=names[k], kind=kinds[k], secretary=secretaries[k], file=f"{k}.xlsx", slug=slugify(names[k]))
        for k in keys
    }
    history: dict[str, list[BranchYear]] = {k: [] for k in keys}
    for i, year in enumerate(YEARS):
        for k in keys:
            history[k].append(
                BranchYear(
                    branch=names[k],
                    kind=kinds[k],
                    year=year,
                    admissions=ADMISSIONS[k][i],
                    quota=BRANCH_QUOTAS[k][i],
                    source_quota=1,
                    members_start=MEMBERS[k] - (4 - i) * 2,
                    candidates_added=ADDED[k][i],
                    candidates_trained=TRAINED[k][i],
                    candidates_at_year_end=YEAR_END[k][i],
                    candidates_left=LEFT[k][i],
                    candidates_left_trained=LEFT_TRAINED[k][i],
                    recognitions=RECOGNITIONS[k][i],
                )
            )
    ward_years = tuple(_ward_year(i, [history[k][i] for k in keys]) for i in range(len(YEARS)))
    branch_years = tuple(history[k][-1] for k in keys)

    left_term = (
        LeftCandidate(names["tdp3"], "Đỗ Văn Lợi", date(1998, 4, 2), "Chuyển đi", date(2023, 8, 1), True),
        LeftCandidate(names["school"], "Hồ Thị Mai", date(1999, 9, 9), "Chuyển đi", date(2022, 9, 1), True),
        LeftCandidate(names["tdp10"], "Bùi Văn Sơn", date(1990, 1, 1), "Đưa ra khỏi nguồn", date(2024, 3, 3), True),
        LeftCandidate(names["tdp3"], "Lý Văn Bảo", date(2001, 2, 3), "Chuyển đi", date(2025, 5, 6), True),
        LeftCandidate(
            names["school"], "Đặng Thị Yến", date(2000, 12, 1), "Đưa ra khỏi nguồn", date(2025, 10, 20), False
        ),
    )
    left_year = tuple(c for c in left_term if c.date and c.date.year == 2025)
    overdue = (
        OverdueProbation(names["tdp3"], "Trần Thị Bình", date(1995, 3, 3), date(2024, 6, 10), date(2024, 6, 10), 18),
    )
    shortfalls = Shortfalls(
        below_quota=(QuotaShortfall(names["tdp10"], 1, 0),),
        no_admission_streaks=(NoAdmissionStreak(names["tdp10"], (2023, 2024, 2025)),),
        below_source_quota=(SourceShortfall(names["tdp10"], 1, 0),),
        organisations_below_quota=(
            OrganisationYear("Hội Nông dân", 2025, 1, 0),
            OrganisationYear("Hội Cựu chiến binh", 2025, 1, 0),
        ),
        left_in_year=left_year,
        left_in_term=left_term,
        overdue_probation=overdue,
    )
    organisations = (
        OrganisationYear("Đoàn Thanh niên", 2025, 2, 3),
        OrganisationYear("Hội Liên hiệp Phụ nữ", 2025, 1, 1),
        OrganisationYear("Hội Nông dân", 2025, 1, 0),
        OrganisationYear("Hội Cựu chiến binh", 2025, 1, 0),
    )

    structure = Structure(
        total=9,
        rows=_rows(9, _structure_spec(YEAR_COUNTS), 7, PREV_COUNTS),
        mean_age=27.4,
        prev_total=7,
        prev_mean_age=28.14,
    )
    kind_structure = Structure(
        total=9,
        rows=_rows(
            9,
            [
                ("Loại hình chi bộ", "Khu dân cư", "kind_residential", 4),
                ("Loại hình chi bộ", "Trường học", "kind_school", 5),
            ],
            7,
            {"kind_residential": 3, "kind_school": 4},
        ),
        mean_age=None,
        prev_total=7,
    )
    term_structure = Structure(total=38, rows=_rows(38, _structure_spec(TERM_COUNTS)), mean_age=28.9)
    term_kind_structure = Structure(
        total=38,
        rows=_rows(
            38,
            [
                ("Loại hình chi bộ", "Khu dân cư", "kind_residential", 16),
                ("Loại hình chi bộ", "Trường học", "kind_school", 22),
            ],
        ),
        mean_age=None,
    )
    term = TermSummary(
        label="2020-2025",
        start=date(2021, 1, 1),
        end=date(2025, 12, 31),
        complete=True,
        years=ward_years,
        years_count=5,
        admissions=38,
        yearly_average=38 / 5,
        ward_quota_sum=sum(WARD_QUOTAS),
        structure=term_structure,
        branches=tuple(
            BranchTerm(
                branch=names[k],
                kind=kinds[k],
                admissions=sum(ADMISSIONS[k]),
                quota=sum(BRANCH_QUOTAS[k]),
                candidates_added=sum(ADDED[k]),
                candidates_left=sum(LEFT[k]),
            )
            for k in keys
        ),
        left=left_term,
    )

    admitted_tdp3 = (
        PersonLine("Nguyễn Văn Ánh", date(2000, 5, 1), date(2025, 3, 2)),
        PersonLine("Lê Thị Anh", date(2001, 6, 7), date(2025, 5, 19), "Đoàn viên"),
        PersonLine("Phạm Minh Ảnh", date(1999, 1, 9), date(2025, 9, 2)),
        PersonLine("Trần Đức An", date(1998, 11, 30), date(2025, 12, 1)),
    )
    admitted_school = tuple(
        PersonLine(n, date(1996 + i, 2, 10), date(2025, 4, 1 + i), "Giáo viên")
        for i, n in enumerate(["Hoàng Thị Lan", "Võ Thị Hằng", "Ngô Văn Đức", "Đinh Thị Thu", "Mai Văn Dũng"])
    )
    candidates = {
        "tdp3": (
            PersonLine("Trương Văn Tú", date(2002, 1, 5), date(2025, 2, 1), "Đã học lớp NTVĐ"),
            PersonLine("Lê Văn Út", date(2003, 3, 3), date(2025, 6, 1)),
            PersonLine("Cao Thị Ngọc", date(2000, 7, 7), date(2024, 8, 8), "Đã học lớp NTVĐ"),
        ),
        "school": tuple(PersonLine(f"Nguyễn Thị Bích {c}", date(1997, 1, 1), date(2025, 1, 15)) for c in "ABCDE"),
        "tdp10": (PersonLine("Phan Văn Quý", date(1985, 10, 10), date(2024, 5, 5)),),
    }
    admitted = {"tdp3": admitted_tdp3, "school": admitted_school, "tdp10": ()}
    no_adm = {"tdp3": (), "school": (), "tdp10": (2023, 2024, 2025)}
    branch_reports = tuple(
        BranchReport(
            info=infos[k],
            year=history[k][-1],
            history=tuple(history[k]),
            admitted=admitted[k],
            candidates=candidates[k],
            no_admission_years=no_adm[k],
            overdue_probation=tuple(p for p in overdue if p.branch == names[k]),
            left_in_year=tuple(c for c in left_year if c.branch == names[k]),
        )
        for k in keys
    )

    ward = WardInfo(
        superior="ĐẢNG BỘ THỊ XÃ ĐỨC PHỔ",
        committee="ĐẢNG ỦY PHƯỜNG PHỔ HÒA",
        place="Phổ Hòa",
        code="ĐU",
        term_label="2020-2025",
        term_first_year=2020,
        term_last_year=2025,
        term_start=date(2021, 1, 1),
        term_end=date(2025, 12, 31),
        signer_authority="T/M ĐẢNG ỦY",
        signer_position="BÍ THƯ",
        signer_name="Nguyễn Văn Nho",
        recipients=("Ban Thường vụ Thị ủy", "Các chi bộ trực thuộc", "Lưu Văn phòng Đảng ủy"),
    )
    # the plan for 2026: quota of 2025 is 10, 3% of 360 members is 10,8 -> 11
    plan = make_plan(
        2026,
        [BranchNeed(names["tdp3"], kinds["tdp3"], 2, 3), BranchNeed(names["tdp10"], kinds["tdp10"], 0, 1),
         BranchNeed(names["school"], kinds["school"], 0, 5)],
        superior_quota=None, previous_quota=10, members_base=360, members_year=2025,
        organisations=[OrganisationNeed("Hội Nông dân", None, 0, 1), OrganisationNeed("Đoàn Thanh niên", None, 3, 2),
                       OrganisationNeed("Hội Liên hiệp Phụ nữ", None, 1, 1),
                       OrganisationNeed("Hội Cựu chiến binh", None, 0, 1)],
        organisations_year=2025, sources_added_last_year=6,
    )
    return Report(
        ward=ward,
        year=2025,
        issued=date(2026, 1, 5),
        branches=tuple(infos[k] for k in keys),
        branch_years=branch_years,
        ward_year=ward_years[-1],
        ward_prev_year=ward_years[-2],
        structure=structure,
        kind_structure=kind_structure,
        organisations=organisations,
        shortfalls=shortfalls,
        term=term,
        term_kind_structure=term_kind_structure,
        branch_reports=branch_reports,
        ward_years=ward_years,
        plan=plan,
    )
