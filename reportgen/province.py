"""A province run: every ward folder through the ordinary ward pipeline into
out/<ward-slug>/, then one roll-up over the wards' models into the province report and
the province summary workbook.

The ward pipeline does not know it is inside a province. A ward with errors gets its
findings workbook and no documents, and blocks the province report (which would
otherwise show a total without it); the other wards' documents are still made.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from . import schema
from .cache import Cache, inputs_digest, templates_digest
from .findings import Findings
from .intake.load import Inbox
from .intake.normalize import branch_key, person_key
from .intake.province import ProvinceInbox, is_province, load_province
from .pipeline import BuildOptions, UsageProblem, build as build_ward, check as check_ward, write_checks
from .progress import SILENT, Progress
from .stats.model import Report
from .stats.province import LeftOutWard, ProvinceReport, WardLine, province_rows, roll_up, row_quota, ward_line

_R = TypeVar("_R")

__all__ = ["ProvinceResult", "WardRun", "is_province", "build_province", "check_province", "ward_slugs"]


@dataclass
class WardRun:
    """What one ward's run left behind (its tables are not kept: a province has many)."""

    folder: Path
    slug: str  # out/<slug>/
    findings: Findings
    files_read: int = 0
    branches: int = 0
    year: int | None = None
    written: list[Path] = field(default_factory=list)
    checks: list[Path] = field(default_factory=list)
    problem: str = ""  # a problem of use (no data for the year), in Vietnamese
    committee: str = ""  # the ward workbook's `Tên đảng ủy`
    people: tuple[Person, ...] = ()  # every row of `Nguồn` and `Kết nạp` with a date of birth
    # the ward's own `Toàn Đảng bộ` quota rows: (year, file, sheet, Excel row, quota)
    own_quotas: tuple[tuple[int, str, str, int, int], ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problem and not self.findings.has_errors


# One row of a person in a ward: (folded name, birth, name as written, file, sheet, row, branch, status);
# status is `Kết nạp` for a row of that sheet. Kept small: a province has many wards.
Person = tuple[str, date, str, str, str, int, str, str]
ADMITTED_ROW = "Kết nạp"


def _people_of(inbox: Inbox) -> tuple[Person, ...]:
    out: list[Person] = []
    for frame in (inbox.candidates, inbox.admissions):
        if frame.empty:
            continue
        statuses = frame["status"] if "status" in frame.columns else [ADMITTED_ROW] * len(frame)
        for name, birth, file, sheet, row, branch, status in zip(
            frame["name"], frame["birth"], frame["_file"], frame["_sheet"], frame["_row"], frame["branch"], statuses
        ):
            if isinstance(birth, date) and isinstance(name, str):
                out.append((person_key(name), birth, name, str(file), str(sheet), int(row), str(branch), str(status)))
    return tuple(out)


def _ran(run: WardRun, inbox: Inbox) -> None:
    """What the province needs of a ward's inbox once the ward has been read."""
    run.files_read, run.branches = len(inbox.files_read), len(inbox.branches)
    run.committee = inbox.ward.committee if inbox.ward is not None else ""
    run.people = _people_of(inbox)
    total = branch_key(schema.WARD_TOTAL)
    run.own_quotas = tuple(
        (int(r["year"]), str(r["_file"]), str(r["_sheet"]), int(r["_row"]), quota)
        for r in inbox.quotas.to_dict("records")
        if branch_key(r["branch"]) == total and (quota := row_quota(r)) is not None
    )


@dataclass
class ProvinceResult:
    province: ProvinceInbox
    findings: Findings  # the province workbook's
    wards: list[WardRun]
    year: int | None = None
    report: ProvinceReport | None = None
    written: list[Path] = field(default_factory=list)  # the province's own files

    @property
    def ok(self) -> bool:
        return not self.findings.has_errors and all(w.ok for w in self.wards)

    @property
    def left_out(self) -> list[LeftOutWard]:
        """The wards whose documents were not made, and why."""
        out = []
        for w in self.wards:
            if w.problem:
                out.append(LeftOutWard(w.folder.name, w.problem))
            elif w.findings.has_errors:
                out.append(LeftOutWard(w.folder.name, f"sổ có {len(w.findings.errors)} lỗi"))
        return out


def ward_slugs(folders: tuple[Path, ...]) -> list[str]:
    """One unique, safe output folder name per ward folder."""
    from .render.vietnamese import slugify

    seen: set[str] = set()
    slugs = []
    for folder in folders:
        base = slugify(folder.name, fallback="dang-bo")
        slug, n = base, 2
        while slug in seen:
            slug, n = f"{base}-{n}", n + 1
        seen.add(slug)
        slugs.append(slug)
    return slugs


def _load(folder: Path, out: Path) -> tuple[ProvinceInbox, Findings]:
    if not folder.is_dir():
        raise UsageProblem(f"không có thư mục «{folder}»")
    findings = Findings()
    return load_province(folder, findings, exclude=(out,)), findings


def _check_one(ward_dir: Path, slug: str, out: Path, year: int | None, today: date | None) -> WardRun:
    run = WardRun(ward_dir, slug, Findings())
    try:
        result = check_ward(ward_dir, year, today, out=out / slug)
    except UsageProblem as exc:
        run.problem = str(exc)
    else:
        run.findings, run.year = result.findings, result.year
        _ran(run, result.inbox)
        run.checks = write_checks(result, out / slug)
    return run


def _each_ward(work: Callable[..., _R], tasks: list[tuple[object, ...]], jobs: int, progress: Progress) -> list[_R]:
    """work(*task) for every ward, in `jobs` processes when there are several; results in order."""
    progress.stage("Các đảng bộ", len(tasks))
    if jobs <= 1 or len(tasks) <= 1:
        results = []
        for task in tasks:
            results.append(work(*task))
            progress.advance()
        return results
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(min(jobs, len(tasks))) as pool:
        futures = [pool.submit(work, *task) for task in tasks]
        results = []
        for future in futures:
            results.append(future.result())
            progress.advance()
        return results


def check_province(
    folder: Path,
    out: Path,
    year: int | None = None,
    today: date | None = None,
    jobs: int = 1,
    progress: Progress = SILENT,
) -> ProvinceResult:
    """Check every ward of the province; each ward's findings workbook in out/<slug>/."""
    province, findings = _load(folder, out)
    wards = zip(province.wards, ward_slugs(province.wards), strict=True)
    tasks: list[tuple[object, ...]] = [(ward_dir, slug, out, year, today) for ward_dir, slug in wards]
    runs = _each_ward(_check_one, tasks, jobs, progress)
    chosen = year if year is not None else max((r.year for r in runs if r.year is not None), default=None)
    _across_wards(province, runs, chosen, findings)
    return ProvinceResult(province, findings, runs, year)


# What a ward's cached result depends on besides its workbooks, the year and the program.
_WARD_KEY_OPTIONS = ("issued", "templates", "today", "pdf", "two_digits")


def _build_one(ward_dir: Path, slug: str, out: Path, options: BuildOptions) -> tuple[WardRun, WardLine | None]:
    """One ward's ordinary build into out/<slug>/ (in one process) and the line the roll-up keeps of it.

    options.incremental: when the ward's workbooks, the options and the program are those of a
    run whose files are all still as it wrote them, that run's result is used as is.
    """
    target = out / slug
    options = replace(options, jobs=1)
    cache = key = None
    if options.incremental:
        cache = Cache(out)
        key = inputs_digest(
            ward_dir,
            [
                slug,
                options.year,
                *sorted((k, str(getattr(options, k))) for k in _WARD_KEY_OPTIONS),
                templates_digest(options.templates),
            ],
        )
        kept = cache.load("wards", key)
        if kept is not None:
            return kept  # type: ignore[no-any-return]
    run = WardRun(ward_dir, slug, Findings())
    try:
        result = build_ward(ward_dir, target, options)
    except UsageProblem as exc:
        run.problem = str(exc)
        return run, None
    inbox = result.check.inbox
    run.findings, run.year = result.check.findings, result.check.year
    _ran(run, inbox)
    run.written, run.checks = result.written, result.checks
    line = None if result.report is None else _line_of(run, result.report)
    if cache is not None and key is not None:
        cache.store("wards", key, (run, line), [*run.written, *run.checks])
    return run, line


def build_province(
    folder: Path,
    out: Path,
    options: BuildOptions | None = None,
    progress: Progress = SILENT,
    **changes: Any,
) -> ProvinceResult:
    """Build every ward into out/<slug>/; when every ward and the province workbook are
    free of errors, the province report and summary workbook into out/.

    changes: fields of `options` set for this call, as for `pipeline.build`.
    Without `year`, each ward takes its own latest year; the province takes the latest
    of them, and a ward whose latest year is earlier is built again for that year.
    jobs: wards built at once, each in its own process; the files are the same whatever
    the number. incremental: a ward whose workbooks did not change is not read again
    (the cache in `out`), and inside a changed ward only the documents whose figures
    changed are rendered again.
    """
    options = replace(options or BuildOptions(), **changes)
    today = options.today or date.today()
    issued = options.issued or today
    options = replace(options, today=today, issued=issued)
    province, findings = _load(folder, out)
    wards = zip(province.wards, ward_slugs(province.wards), strict=True)
    tasks: list[tuple[object, ...]] = [(ward_dir, slug, out, options) for ward_dir, slug in wards]
    built = _each_ward(_build_one, tasks, options.jobs, progress)
    runs = [run for run, _ in built]
    lines = [line for _, line in built]
    year = options.year
    chosen = year if year is not None else max((r.year for r in runs if r.ok and r.year is not None), default=None)
    for index, run in enumerate(runs):
        if run.ok and chosen is not None and run.year != chosen:
            runs[index], lines[index] = _build_one(run.folder, run.slug, out, replace(options, year=chosen))
    progress.close()
    _across_wards(province, runs, chosen, findings)
    result = ProvinceResult(province, findings, runs, chosen)
    if not result.ok or chosen is None or province.info is None:
        return result
    kept = [line for line in lines if line is not None]
    result.report = roll_up(province.info, province.quotas, chosen, issued, kept)

    from .render.province import write_province_report, write_province_summary

    out.mkdir(parents=True, exist_ok=True)
    result.written = [
        write_province_report(result.report, out, options.templates, two_digits=options.two_digits),
        write_province_summary(result.report, out),
    ]
    return result


def _line_of(run: WardRun, report: Report) -> WardLine:
    """The small part of a ward's model the roll-up needs; the report itself is let go."""
    return ward_line(run.folder.name, run.slug, report)


def _across_wards(province: ProvinceInbox, runs: list[WardRun], year: int | None, findings: Findings) -> None:
    """What no ward can see by itself: two wards with one name, one person in two wards, a ward the
    province's `Chỉ tiêu` names that is not in the folder."""
    _same_committee(runs, findings)
    _people_in_two_wards(runs, findings)
    if year is not None:
        _wards_without_folder(province, province_rows(province.quotas, year), runs, year, findings)
        _quotas_that_differ(province, province_rows(province.quotas, year), runs, year, findings)


def _quotas_that_differ(
    province: ProvinceInbox, rows: dict[str, dict[str, object]], runs: list[WardRun], year: int, findings: Findings
) -> None:
    """A ward whose own `Toàn Đảng bộ` quota of the year differs from the province's row for it: the
    province report sets it against the superior's quota, the ward's own documents against its own,
    so the two documents of one run give two rates. A warning at the province's row naming both."""
    for run in runs:
        row = rows.get(branch_key(run.committee)) if run.committee else None
        upper = row_quota(row)
        if row is None or upper is None:
            continue
        for own_year, file, sheet, own_row, own in run.own_quotas:
            if own_year != year or own == upper:
                continue
            findings.warning(
                f"chỉ tiêu kết nạp năm {year} của «{run.committee}»: sổ của cấp tỉnh ghi {upper} (dòng này),"
                f" sổ của Đảng ủy («{run.folder.name}/{file}», sheet «{sheet}», dòng {own_row},"
                f" «{schema.WARD_TOTAL}») ghi {own}. Báo cáo tổng hợp dùng chỉ tiêu cấp trên giao ({upper}, sổ"
                f" của cấp tỉnh); các văn bản của đảng bộ (thư mục «{run.slug}») dùng {own}, nên tỷ lệ đạt chỉ"
                " tiêu ở hai nơi khác nhau. Hãy sửa để hai sổ ghi cùng một chỉ tiêu",
                file=province.file,
                sheet=str(row.get("_sheet", "")),
                row=row.get("_row"),  # type: ignore[arg-type]
                column="Chỉ tiêu kết nạp",
                value=str(upper),
                rule="province-quota-differs",
            )


def _same_committee(runs: list[WardRun], findings: Findings) -> bool:
    """Two ward folders whose workbooks give one `Tên đảng ủy` (a ward copied twice, or a
    name not changed after copying) would be counted twice and share one quota row: an
    error for each such name, and no province report. Said whether or not the wards have errors."""
    by_name: dict[str, list[WardRun]] = {}
    for run in runs:
        if run.committee:
            by_name.setdefault(branch_key(run.committee), []).append(run)
    twins = [same for same in by_name.values() if len(same) > 1]
    for same in twins:
        findings.error(
            "các thư mục "
            + ", ".join(f"«{run.folder.name}»" for run in same)
            + f" cùng ghi «Tên đảng ủy» là «{same[0].committee}»: mỗi đảng bộ phải có một thư mục và một tên"
            " riêng (sửa «Tên đảng ủy» trong sheet «Đơn vị» của sổ tổng hợp, hoặc bỏ thư mục chép thừa)",
            column="Tên đảng ủy",
            value=same[0].committee,
            rule="same-ward-name",
        )
    return bool(twins)


def _ward_of(run: WardRun) -> str:
    """Which ward a folder holds: its `Tên đảng ủy` (two folders with one name are one ward copied), else the folder."""
    return branch_key(run.committee) if run.committee else f"/{run.folder}"


def _people_in_two_wards(runs: list[WardRun], findings: Findings) -> None:
    """The same person (name and date of birth; FORMAT.md has no ID number) in the workbooks of two
    wards: a warning at the first row, naming every ward, file, sheet and row; an error (no province
    report) when two wards record the person's admission, as across two branches of one ward: the
    province's admissions would count the person twice."""
    places: dict[tuple[str, date], list[tuple[WardRun, Person]]] = defaultdict(list)
    for run in runs:
        for person in run.people:
            places[(person[0], person[1])].append((run, person))
    for (_key, birth), found in places.items():
        wards = {run.folder for run, _ in found}
        if len(wards) < 2 or len({_ward_of(run) for run, _ in found}) < 2:
            continue  # one ward, or folders of one ward (copied): said once by `_same_committee`
        first_run, first = found[0]
        listed = "; ".join(
            f"«{run.folder.name}» (tệp {run.folder.name}/{p[3]}, sheet «{p[4]}», dòng {p[5]}, chi bộ «{p[6]}»"
            + ("" if p[7] == ADMITTED_ROW else f", {p[7]}")
            + ")"
            for run, p in found
        )
        admitted_in = {run.folder for run, p in found if p[7] == ADMITTED_ROW}
        moved = any(p[7] == schema.STATUS_MOVED for _, p in found)
        if len(admitted_in) > 1:
            advice = (
                f"người này được ghi kết nạp ở {len(admitted_in):02d} đảng bộ nên số kết nạp của tỉnh sẽ tính"
                " người này nhiều lần; vì vậy chưa lập báo cáo tổng hợp của tỉnh. Một người chỉ được kết nạp một"
                " lần: hãy xóa dòng ghi nhầm; nếu là hai người khác nhau, hãy kiểm tra lại ngày sinh"
            )
        elif moved:
            advice = (
                "một nơi ghi «Chuyển đi»: nếu người này đã chuyển sinh hoạt sang đảng bộ kia thì đúng, chỉ"
                " cần kiểm tra lại; nếu là hai người khác nhau, hãy kiểm tra lại ngày sinh"
            )
        else:
            advice = (
                "số liệu của tỉnh tính người này ở mỗi nơi. Nếu đã chuyển sinh hoạt, ghi «Chuyển đi» và «Ngày"
                " thay đổi» ở nơi cũ; nếu là hai người khác nhau, hãy kiểm tra lại ngày sinh"
            )
        say = findings.error if len(admitted_in) > 1 else findings.warning
        say(
            f"cùng một người (họ tên «{first[2]}», ngày sinh {birth:%d/%m/%Y}) có trong sổ của"
            f" {len(wards):02d} đảng bộ: {listed}; {advice}",
            file=f"{first_run.folder.name}/{first[3]}",
            sheet=first[4],
            row=first[5],
            column="Họ và tên",
            value=first[2],
            rule="person-in-two-wards",
        )


# The words before a ward's proper name (`Đảng ủy xã`, `Đảng bộ phường`), folded: every name shares them.
_WARD_NAME_PREFIX = re.compile(r"^(?:dang (?:uy|bo)\s*)?(?:xa|phuong|thi tran|dac khu)?\s*")


def _proper_name(key: str) -> str:
    """`dang uy xa cam thanh` -> `cam thanh`: what tells two wards apart."""
    return _WARD_NAME_PREFIX.sub("", key) or key


def _wards_without_folder(
    province: ProvinceInbox, rows: dict[str, dict[str, object]], runs: list[WardRun], year: int, findings: Findings
) -> None:
    """A row of the report year in the province's `Chỉ tiêu` that names no ward of the folder: that
    ward's workbooks are not in the province's folder (or the name is written otherwise), so the
    province's totals would leave it out. An error, as for a ward folder without its ward workbook:
    no province report."""
    known = {branch_key(run.committee): run for run in runs if run.committee}
    unnamed = [run.folder.name for run in runs if not run.committee] + list(province.unread_wards)
    without_row = {key: run for key, run in known.items() if key not in rows}
    for key, row in rows.items():
        if key in known or key == branch_key(schema.WARD_TOTAL):
            continue
        close = difflib.get_close_matches(_proper_name(key), [_proper_name(k) for k in without_row], n=1, cutoff=0.6)
        if close:
            twin = next(run for k, run in without_row.items() if _proper_name(k) == close[0])
            hint = (
                f" Có phải đảng bộ ở thư mục «{twin.folder.name}» («Tên đảng ủy» ghi «{twin.committee}»)? Nếu phải,"
                " hãy sửa hai nơi cho giống nhau"
            )
        elif unnamed:
            hint = (
                " Có thể là đảng bộ ở thư mục "
                + ", ".join(f"«{name}»" for name in unnamed)
                + " (chưa đọc được, xem lỗi của thư mục đó)"
            )
        else:
            hint = ""
        findings.error(
            f"dòng chỉ tiêu năm {year} ghi «{row['branch']}» nhưng không có thư mục con nào chứa sổ của đảng bộ này"
            f" (sổ tổng hợp có «Tên đảng ủy» là «{row['branch']}»): số liệu của đảng bộ này chưa có trong thư mục"
            " của tỉnh nên tổng của tỉnh sẽ thiếu; vì vậy chưa lập báo cáo tổng hợp của tỉnh. Hãy chép thư mục sổ"
            " của đảng bộ này vào thư mục của tỉnh; nếu đảng bộ không còn (đã sáp nhập, giải thể), hãy xóa dòng"
            f" này.{hint}",
            file=province.file,
            sheet=str(row.get("_sheet", "")),
            row=row.get("_row"),  # type: ignore[arg-type]
            column="Chi bộ",
            value=str(row["branch"]),
            rule="province-quota-without-ward",
        )
