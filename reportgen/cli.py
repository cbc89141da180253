"""Command line: a thin shell over `reportgen.pipeline`. Messages in Vietnamese."""

from __future__ import annotations

import functools
import os
import sys
import time
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from . import __version__, clitext, console
from .errors import ReportgenError, os_reason
from .findings import Findings, Severity, printable
from .intake.normalize import CellError, parse_date
from .pipeline import (
    BuildOptions,
    BuildResult,
    build as build_documents,
    check as check_inbox,
    check_output_folder,
    write_checks,
)
from .province import build_province, check_province, is_province
from .render.output import check_templates_folder, settle_outputs

clitext.install()
CONTEXT = {"help_option_names": ["-h", "--help"]}
OPTIONS = "[TÙY CHỌN]"
INBOX_ARGUMENT = click.argument("inbox", type=click.Path(path_type=Path), metavar="THƯ_MỤC_SỔ")


def _year_option(help_text: str):  # type: ignore[no-untyped-def]
    return click.option("--year", "--nam", "year", type=int, metavar="NĂM", help=help_text)


def _out_option(help_text: str):  # type: ignore[no-untyped-def]
    return click.option(
        "--out",
        "--ra",
        "out",
        type=click.Path(path_type=Path),
        default=Path("out"),
        show_default=True,
        metavar="THƯ_MỤC",
        help=help_text,
    )


EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def _document_options(command):  # type: ignore[no-untyped-def]
    """The report year, output folder, document date and templates: one declaration for build and watch."""
    for option in reversed(
        (
            _year_option("Năm báo cáo (mặc định: năm gần nhất có số liệu đã kết thúc vào ngày ghi trên văn bản)."),
            _out_option("Thư mục ghi các văn bản."),
            click.option(
                "--date",
                "--ngay",
                "issued",
                metavar="NGÀY",
                help="Ngày ghi trên văn bản, dạng ngày/tháng/năm (mặc định: hôm nay).",
            ),
            click.option(
                "--templates",
                "--mau",
                "templates",
                type=click.Path(path_type=Path, file_okay=False),
                metavar="THƯ_MỤC",
                help="Thư mục mẫu văn bản đã sửa (mặc định: mẫu có sẵn).",
            ),
        )
    ):
        command = option(command)
    return command


JOBS_OPTION = click.option(
    "--jobs",
    "--so-tien-trinh",
    "-j",
    "jobs",
    type=click.IntRange(min=1),
    default=None,
    metavar="SỐ",
    help="Số tiến trình chạy song song (mặc định: số nhân của máy); kết quả như khi chạy một tiến trình.",
)
QUIET_OPTION = click.option(
    "--quiet", "--im-lang", "-q", "quiet", is_flag=True, help="Không hiện thanh tiến độ và danh sách tệp đã tạo."
)


def _jobs(value: int | None) -> int:
    return value or os.cpu_count() or 1


def _closing(started: float, *, workbooks: int, written: int, findings: Findings) -> None:
    click.echo(
        console.closing_line(
            seconds=time.perf_counter() - started,
            workbooks=workbooks,
            written=written,
            errors=len(findings.errors),
            warnings=len(findings.warnings),
        )
    )


def _utf8_console() -> None:
    """A Windows console or a redirected output may not be UTF-8: Vietnamese must still print."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):  # a stream that cannot change: leave it
                pass


def _color() -> bool | None:
    """Colours on a terminal (click leaves them out elsewhere); never with NO_COLOR set."""
    return False if os.environ.get("NO_COLOR") else None


def _echo(lines: list[str], err: bool = False) -> None:
    for line in lines:
        click.echo(console.paint(line), err=err, color=_color())


def _parse_issued(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except CellError as exc:
        raise click.BadParameter(f"«{value}»: {exc.message}", param_hint="--ngay") from None


def _check_out(folder: Path, out: Path) -> None:
    """A wrong --out is a usage error before anything is read (ward or province)."""
    if folder.is_dir():  # else the library says so in its own words
        check_output_folder(folder, out)


VERBOSE = "reportgen.verbose"
HANDLED = "reportgen_handled"  # marks a command callback wrapped by `_handled`


def _verbose(on: bool) -> None:
    """Remember --verbose for the one handler below (the context's meta is shared by all levels)."""
    click.get_current_context().meta[VERBOSE] = on


def _report_unexpected(exc: BaseException, verbose: bool) -> None:
    """A bug, or an error of the system no stage turned into a message: in Vietnamese; the
    exception's class and English text only with --verbose."""
    if verbose:
        traceback.print_exception(exc)
        click.echo(f"Lỗi không mong đợi: {type(exc).__name__}: {exc}.", err=True)
        return
    if isinstance(exc, OSError):
        where = f" «{printable(str(exc.filename))}»" if getattr(exc, "filename", None) else ""
        click.echo(
            f"Không đọc hoặc ghi được{where}: {os_reason(exc)}. Hãy kiểm tra rồi chạy lại"
            " (chạy lại với --verbose để xem chi tiết kỹ thuật).",
            err=True,
        )
        return
    click.echo(
        "Lỗi không mong đợi trong chương trình. Hãy chạy lại với --verbose và gửi nội dung hiện ra cho người hỗ trợ.",
        err=True,
    )


def _handled(callback: Callable[..., Any]) -> Callable[..., Any]:
    """The one place where the library's problems become messages: a wrong use is a usage
    error (exit 2), any other `ReportgenError` its Vietnamese message (exit 1), anything else
    a bug reported without a traceback unless --verbose (exit 1)."""

    @functools.wraps(callback)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return callback(*args, **kwargs)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except ReportgenError as exc:
            if exc.usage:
                raise click.UsageError(str(exc)) from None
            if click.get_current_context().meta.get(VERBOSE):
                traceback.print_exception(exc)
            click.echo(str(exc), err=True)
            sys.exit(EXIT_DATA)
        except Exception as exc:  # noqa: BLE001 - the edge of the program: never a bare traceback
            _report_unexpected(exc, bool(click.get_current_context().meta.get(VERBOSE)))
            sys.exit(EXIT_DATA)

    setattr(run, HANDLED, True)
    return run


class _Commands(click.Group):
    """Every command added to `main` runs inside `_handled`."""

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        if cmd.callback is not None:
            cmd.callback = _handled(cmd.callback)
        super().add_command(cmd, name)


def _show_findings(findings: Findings, verbose: bool, no_data: bool = False, watching: bool = False) -> None:
    lines = console.finding_lines(findings, show_info=True)
    if lines:
        click.echo("")
        _echo(lines)
    click.echo("")
    _echo([console.verdict_line(findings, no_data, watching)])


def _province(folder: Path, out: Path, build: bool, quiet: bool, options: BuildOptions) -> None:
    """A province inbox: every ward, then the province report (build) or only the checks."""
    started = time.perf_counter()
    bar = console.ProgressBar.for_terminal(quiet)
    try:
        if build:
            result = build_province(folder, out, options, progress=bar)
        else:
            result = check_province(folder, out, year=options.year, jobs=options.jobs, progress=bar)
    finally:
        bar.close()
    _echo(console.province_lines(result, out))
    if result.report is not None:
        click.echo(f"Năm báo cáo: {result.year}.")
        if not quiet:
            _echo(console.written_lines(result.written, out))
    click.echo(
        console.closing_line(
            seconds=time.perf_counter() - started,
            wards=len(result.wards),
            workbooks=sum(w.files_read for w in result.wards),
            written=sum(len(w.written) + len(w.checks) for w in result.wards) + len(result.written),
            errors=sum(len(w.findings.errors) for w in result.wards) + len(result.findings.errors),
            warnings=sum(len(w.findings.warnings) for w in result.wards) + len(result.findings.warnings),
        )
    )
    sys.exit(EXIT_OK if result.ok else EXIT_DATA)


@click.group(
    cls=_Commands,
    context_settings=CONTEXT,
    options_metavar=OPTIONS,
    subcommand_metavar="LỆNH [THAM SỐ]...",
    invoke_without_command=True,
)
@click.version_option(version=__version__, message="reportgen %(version)s")
@click.pass_context
def main(ctx: click.Context) -> None:
    """reportgen: từ sổ theo dõi Excel của các chi bộ, lập báo cáo công tác tạo nguồn,
    kết nạp đảng viên của Đảng ủy (Word) và danh sách mọi lỗi trong sổ."""
    _utf8_console()
    if ctx.invoked_subcommand is None:
        _echo(console.GUIDE)


@main.command(
    context_settings=CONTEXT,
    options_metavar=OPTIONS,
    short_help="Kiểm tra các sổ và lập các văn bản (Word, sổ tổng hợp).",
)
@INBOX_ARGUMENT
@_document_options
@click.option("--pdf", "pdf", is_flag=True, help="Tạo thêm bản PDF của mỗi văn bản (cần cài LibreOffice).")
@click.option(
    "--hai-chu-so/--mot-chu-so",
    "two_digits",
    default=True,
    show_default=True,
    help="Số nhỏ trong lời văn ghi hai chữ số (kết nạp 01 đảng viên) hay một chữ số (1 đảng viên).",
)
@JOBS_OPTION
@click.option(
    "--no-cache",
    "--lam-lai",
    "full",
    is_flag=True,
    help="Lập lại mọi văn bản, không dùng kết quả lần chạy trước (lưu trong THƯ_MỤC ra).",
)
@QUIET_OPTION
@click.option("--verbose", "-v", is_flag=True, help="In thêm chi tiết (số dòng từng sheet, lỗi kỹ thuật).")
def build(
    inbox: Path,
    year: int | None,
    out: Path,
    issued: str | None,
    templates: Path | None,
    pdf: bool,
    two_digits: bool,
    jobs: int | None,
    full: bool,
    quiet: bool,
    verbose: bool,
) -> None:
    """Kiểm tra các sổ Excel trong THƯ_MỤC_SỔ và lập các văn bản (báo cáo năm, tổng kết nhiệm kỳ,
    kế hoạch năm sau, báo cáo từng chi bộ, sổ tổng hợp). Nếu sổ còn lỗi, không văn bản nào được tạo."""
    started = time.perf_counter()
    _verbose(verbose)
    folder = inbox
    options = BuildOptions(
        year=year,
        issued=_parse_issued(issued),
        templates=templates,
        pdf=pdf,
        two_digits=two_digits,
        jobs=_jobs(jobs),
        incremental=not full,
    )
    _check_out(folder, out)
    check_templates_folder(templates)
    if is_province(folder, exclude=(out,)):
        _province(folder, out, build=True, quiet=quiet, options=options)
        return
    bar = console.ProgressBar.for_terminal(quiet)
    try:
        result = build_documents(folder, out, options, progress=bar)
    finally:
        bar.close()
    ok = _show_build(result, out, verbose, quiet)
    _closing(
        started,
        workbooks=len(result.check.inbox.files_read),
        written=len(result.written) + len(result.checks),
        findings=result.check.findings,
    )
    if not ok:
        sys.exit(EXIT_DATA)


def _show_build(result: BuildResult, out: Path, verbose: bool, quiet: bool = False, watching: bool = False) -> bool:
    """What a build found and wrote; False when the workbooks have errors (nothing written)."""
    _echo(console.summary_lines(result.check.inbox))
    if verbose:
        _echo(console.tally_lines(result.check.inbox))
    _show_findings(result.check.findings, verbose, result.check.no_data, watching)
    _echo(console.checks_lines(result.checks, out))
    _echo(console.removed_lines(result.removed, result.kept_edited, out, errors=not result.check.ok))
    if not result.check.ok:
        return False
    click.echo(f"Năm báo cáo: {result.check.year}.")
    if not quiet:
        _echo(console.written_lines(result.written, out))
    for note in result.notes:
        click.echo(f"Lưu ý: {note}")
    return True


@main.command(
    context_settings=CONTEXT, options_metavar=OPTIONS, short_help="Chỉ kiểm tra các sổ, liệt kê mọi lỗi và cảnh báo."
)
@INBOX_ARGUMENT
@_year_option("Năm báo cáo (để kiểm tra chỉ tiêu năm đó).")
@_out_option("Thư mục ghi sổ kiểm tra (kiem-tra-du-lieu.xlsx) và bản sao đánh dấu ô lỗi.")
@JOBS_OPTION
@QUIET_OPTION
@click.option("--verbose", "-v", is_flag=True, help="In thêm số dòng của từng sheet.")
def check(inbox: Path, year: int | None, out: Path, jobs: int | None, quiet: bool, verbose: bool) -> None:
    """Chỉ kiểm tra các sổ trong THƯ_MỤC_SỔ, in mọi lỗi và cảnh báo; không tạo văn bản.
    Danh sách lỗi được ghi thêm vào tệp kiem-tra-du-lieu.xlsx trong thư mục --out."""
    started = time.perf_counter()
    _verbose(verbose)
    folder = inbox
    _check_out(folder, out)
    if is_province(folder, exclude=(out,)):
        _province(folder, out, build=False, quiet=quiet, options=BuildOptions(year=year, jobs=_jobs(jobs)))
        return
    bar = console.ProgressBar.for_terminal(quiet)
    try:
        result = check_inbox(folder, year=year, out=out, progress=bar, jobs=_jobs(jobs))
    finally:
        bar.close()
    checks = write_checks(result, out)
    from .render.findings_workbook import is_check_output

    settled = settle_outputs(out, checks, replaces=is_check_output)
    _echo(console.summary_lines(result.inbox))
    if verbose:
        _echo(console.tally_lines(result.inbox))
    _show_findings(result.findings, verbose, result.no_data)
    _echo(console.checks_lines(checks, out))
    _echo(console.removed_lines(settled.removed, settled.kept_edited, out, errors=not result.ok))
    _closing(started, workbooks=len(result.inbox.files_read), written=len(checks), findings=result.findings)
    sys.exit(EXIT_DATA if not result.ok else EXIT_OK)


@main.command(
    context_settings=CONTEXT, options_metavar=OPTIONS, short_help="Tạo bộ sổ trống theo mẫu chuẩn để gửi các chi bộ."
)
@click.argument("folder", type=click.Path(path_type=Path), metavar="THƯ_MỤC")
@click.option(
    "--chi-bo",
    "branches",
    metavar='"A; B; C" | TỆP',
    help="Tên các chi bộ, cách nhau bằng dấu chấm phẩy, hoặc một tệp văn bản mỗi dòng một tên.",
)
@click.option(
    "--year", "--nam", "year", type=int, metavar="NĂM", help="Năm ghi sẵn ở các dòng chỉ tiêu (mặc định: năm nay)."
)
@click.option("--ghi-de", "--force", "overwrite", is_flag=True, help="Ghi đè lên các sổ trùng tên đã có trong THƯ_MỤC.")
def init(folder: Path, branches: str | None, year: int | None, overwrite: bool) -> None:
    """Tạo bộ sổ trống theo mẫu chuẩn vào THƯ_MỤC: sổ tổng hợp của Đảng ủy và mỗi chi bộ một sổ
    theo dõi, có danh sách chọn, cột ngày, sheet «Hướng dẫn»."""
    from .blank import parse_branch_names, write_blank_set

    names: list[str] = []
    if branches is not None:
        source = Path(branches)
        if source.is_file():
            try:
                names = parse_branch_names(source.read_text(encoding="utf-8-sig"))
            except (OSError, UnicodeDecodeError) as exc:
                reason = os_reason(exc) if isinstance(exc, OSError) else "không phải chữ UTF-8"
                raise click.BadParameter(
                    f"không đọc được tệp «{source}» ({reason}); cần tệp văn bản UTF-8", param_hint="--chi-bo"
                ) from None
        else:
            names = parse_branch_names(branches)
        if not names:
            raise click.BadParameter("không có tên chi bộ nào", param_hint="--chi-bo")
    written = write_blank_set(folder, names, year or date.today().year, overwrite=overwrite)
    _echo(console.written_lines(written, folder))
    if not names:
        click.echo(
            "Chưa có tên chi bộ: đã tạo một sổ chi bộ mẫu (CB-mau.xlsx); chép ra mỗi chi bộ một bản và ghi"
            ' «Tên chi bộ», hoặc chạy lại với --chi-bo "Chi bộ A; Chi bộ B".'
        )
    click.echo(
        "Gửi mỗi chi bộ sổ của mình; khi nhận lại, đặt tất cả vào một thư mục rồi chạy: reportgen check THƯ_MỤC_SỔ"
    )


@main.command(
    context_settings=CONTEXT,
    options_metavar=OPTIONS,
    short_help="Theo dõi thư mục sổ, tự lập lại văn bản mỗi khi có sổ mới hay sổ được sửa.",
)
@INBOX_ARGUMENT
@_document_options
@click.option("--verbose", "-v", is_flag=True, help="In thêm số dòng của từng sheet.")
def watch(inbox: Path, year: int | None, out: Path, issued: str | None, templates: Path | None, verbose: bool) -> None:
    """Theo dõi THƯ_MỤC_SỔ: lập văn bản ngay, rồi lập lại mỗi khi một sổ được thêm, sửa hay xóa
    (chờ tệp chép xong mới đọc). Mỗi lần in giờ chạy và kết quả kiểm tra. Dừng: Ctrl+C."""
    from .watch import WatchRun, watch_inbox

    _verbose(verbose)
    issued_date = _parse_issued(issued)
    if not inbox.is_dir():
        raise click.UsageError(f"không có thư mục «{inbox}»")
    _check_out(inbox, out)

    def show(run: WatchRun) -> None:
        click.echo("")
        _echo([console.run_heading(run.started, run.changes)])
        for name in run.busy:
            _echo([f"Lưu ý: tệp «{name}» vẫn đang được ghi hoặc bị khóa; đã đọc phần hiện có."])
        if run.problem:
            _echo([f"[{Severity.ERROR.value}] {run.problem}"])
        elif run.result is not None:
            _show_build(run.result, out, verbose, watching=True)
        click.echo(f"Đang theo dõi «{inbox}»; dừng: Ctrl+C.")

    try:
        watch_inbox(inbox, out, show, year=year, issued=issued_date, templates=templates)
    except KeyboardInterrupt:
        click.echo("")
        click.echo("Đã dừng theo dõi.")
    sys.exit(EXIT_OK)


@main.command(
    context_settings=CONTEXT, options_metavar=OPTIONS, short_help="Tạo bộ sổ mẫu của một phường giả định để chạy thử."
)
@click.argument("folder", type=click.Path(path_type=Path), metavar="THƯ_MỤC")
@click.option(
    "--seed",
    type=int,
    default=2025,
    show_default=True,
    help="Số khởi tạo: mặc định là bộ sổ mẫu của phường Phổ Hòa; số khác cho một phường,"
    " xã khác hẳn (tên, tỉnh, các chi bộ, đảng viên, chỉ tiêu, kết nạp, văn bản). Cùng số cho cùng bộ sổ.",
)
@click.option("--ghi-de", "--force", "overwrite", is_flag=True, help="Ghi đè lên các sổ trùng tên đã có trong THƯ_MỤC.")
def sample(folder: Path, seed: int, overwrite: bool) -> None:
    """Tạo bộ sổ mẫu (một phường giả định, nhiệm kỳ 2020-2025) vào THƯ_MỤC."""
    from .sample import write_sample

    written = write_sample(folder, seed=seed, overwrite=overwrite)
    _echo(console.written_lines(list(written), folder))


@main.command(context_settings=CONTEXT, options_metavar=OPTIONS, short_help="Chép các mẫu văn bản ra để sửa bằng Word.")
@click.argument("folder", type=click.Path(path_type=Path), metavar="THƯ_MỤC")
@click.option("--ghi-de", "--force", "overwrite", is_flag=True, help="Ghi đè lên các mẫu đã có trong THƯ_MỤC.")
def templates(folder: Path, overwrite: bool) -> None:
    """Chép các mẫu văn bản có sẵn vào THƯ_MỤC để sửa bằng Word; sau đó lập văn bản
    theo mẫu đã sửa bằng: reportgen build ... --templates THƯ_MỤC."""
    from .render.documents import copy_templates

    written = copy_templates(folder, overwrite=overwrite)
    _echo(console.written_lines(written, folder))
    click.echo(
        f"Sửa các mẫu bằng Word (giữ nguyên các thẻ {{{{ ... }}}} và {{% ... %}}), rồi chạy:"
        f" reportgen build THƯ_MỤC_SỔ --templates {folder}"
    )


if __name__ == "__main__":  # pragma: no cover
    main()
