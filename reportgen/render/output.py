"""Writing files atomically: a document is either complete or not there at all; the
problems of the render stage, each with a Vietnamese message (light to import: the CLI
names them without loading docxtpl)."""

from __future__ import annotations

import functools
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..cache import CACHE_DIR
from ..errors import ReportgenError, UsageProblem, os_reason
from ..findings import printable


class OutputProblem(ReportgenError):
    """A result file could not be written (folder not writable, file open in Word/Excel)."""

    def __init__(self, path: Path, detail: str) -> None:
        self.path = Path(path)
        self.detail = detail
        super().__init__(f"Không ghi được tệp «{printable(str(self.path))}»: {detail}")

    def __reduce__(self) -> tuple[type, tuple[Path, str]]:  # raised in a worker process, shown by the parent
        return type(self), (self.path, self.detail)


class TemplateProblem(ReportgenError):
    """A template cannot be used: missing, not a .docx, a bad tag, an unknown variable."""

    def __init__(self, template_name: str, detail: str) -> None:
        self.template_name = template_name
        self.detail = detail
        super().__init__(
            f"Mẫu văn bản «{template_name}» có lỗi: {detail} Hãy sửa mẫu rồi chạy lại"
            " (hoặc chép lại mẫu gốc bằng lệnh: reportgen templates THƯ_MỤC_MẪU --ghi-de)."
        )

    def __reduce__(self) -> tuple[type, tuple[str, str]]:  # raised in a worker process, shown by the parent
        return type(self), (self.template_name, self.detail)


class TemplateProblems(ReportgenError):
    """Several templates cannot be used: each named in one message (all problems in one run)."""

    def __init__(self, problems: list[TemplateProblem]) -> None:
        self.problems = problems
        lines = "\n".join(f"- «{p.template_name}»: {p.detail}" for p in problems)
        super().__init__(
            f"{len(problems)} mẫu văn bản có lỗi:\n{lines}\nHãy sửa các mẫu rồi chạy lại"
            " (hoặc chép lại mẫu gốc bằng lệnh: reportgen templates THƯ_MỤC_MẪU --ghi-de)."
        )

    def __reduce__(self) -> tuple[type, tuple[list[TemplateProblem]]]:
        return type(self), (self.problems,)


def check_templates_folder(folder: Path | None) -> None:
    """A `--templates` folder that does not exist is a wrong use, said before anything is read."""
    if folder is not None and not Path(folder).is_dir():
        what = "là một tệp, không phải thư mục" if Path(folder).exists() else "không có"
        raise UsageProblem(
            f"thư mục mẫu văn bản «{printable(str(folder))}» (--templates) {what}; hãy chỉ ra thư mục "
            "đã chép mẫu bằng lệnh: reportgen templates THƯ_MỤC_MẪU"
        )


def raise_template_problems(problems: list[TemplateProblem]) -> None:
    """Nothing when there is none; the one problem as it is; several in one message."""
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise TemplateProblems(problems)


class TemplatesExist(ReportgenError):
    """Copying the default templates would replace files a clerk may have edited."""

    def __init__(self, folder: Path, names: list[str]) -> None:
        self.folder = Path(folder)
        self.names = names
        listed = ", ".join(f"«{n}»" for n in names)
        super().__init__(
            f"Thư mục «{printable(str(self.folder))}» đã có mẫu văn bản {listed}; "
            "chưa chép mẫu nào để khỏi ghi đè lên mẫu đã sửa."
            " Muốn thay bằng mẫu gốc, hãy chạy lại với --ghi-de; hoặc chọn một thư mục khác."
        )


def _file_mode(path: Path) -> int:
    """The mode of the file being replaced, else 0666 minus the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def atomic_write(path: Path, write: Callable[[Path], None]) -> Path:
    """Call write(tmp) on a temporary file in the same folder, then move it onto path.

    os.replace within one folder is atomic, so a reader never sees a half-written file,
    and a failure leaves the previous version (if any) untouched.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputProblem(path, f"không tạo được tệp trong thư mục ({os_reason(exc)}).") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.chmod(tmp, _file_mode(path))  # mkstemp makes 0600; give the usual permissions
        os.replace(tmp, path)
    except PermissionError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputProblem(
            path, "tệp đang mở trong Word/Excel hoặc không có quyền ghi. Hãy đóng tệp rồi chạy lại."
        ) from exc
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputProblem(path, f"lỗi khi ghi tệp ({os_reason(exc)}).") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


# The list of files the last run wrote in the output folder (with their size and time, so a file the
# clerk has edited since is never removed). Only what is listed here is ever removed: never anything
# else the user put in the folder, nor the cache folder.
MANIFEST = f"{CACHE_DIR}/da-tao.json"  # beside the cache: reportgen's own bookkeeping folder


@dataclass
class Settled:
    removed: list[Path] = field(default_factory=list)  # files of an earlier run this run did not make
    kept_edited: list[Path] = field(default_factory=list)  # such files changed since: left in place


def _stamp(path: Path) -> list[int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns]


def _listed(out: Path) -> dict[str, list[int]]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        files = data.get("files", {}) if isinstance(data, dict) else {}
        return {str(k): list(v) for k, v in files.items() if isinstance(v, list)}
    except (OSError, ValueError, AttributeError, TypeError):
        return {}


def settle_outputs(out: Path, written: list[Path], replaces: Callable[[str], bool] | None = None) -> Settled:
    """Leave in `out` only what this run wrote: remove the files an earlier run listed in the
    manifest and this run did not write (unless changed since), then list this run's files.

    replaces: which earlier files (relative paths) this kind of run makes anew; the others stay
    listed and in place (`check` writes only the findings, so a build's documents survive it).
    """
    out = Path(out)
    settled = Settled()
    mine: dict[str, list[int]] = {}
    carried: dict[str, list[int]] = {}
    for path in written:
        try:
            relative = Path(path).resolve().relative_to(out.resolve()).as_posix()
        except (OSError, ValueError):
            continue
        stamp = _stamp(Path(path))
        if stamp is not None:
            mine[relative] = stamp
    folders: set[Path] = set()
    for relative, stamp in _listed(out).items():
        if relative in mine or relative.startswith(("/", "..")) or "/../" in f"/{relative}/":
            continue
        if replaces is not None and not replaces(relative):
            carried[relative] = stamp
            continue
        path = out / relative
        if path.is_symlink() or not path.is_file():
            continue
        if _stamp(path) != stamp:
            settled.kept_edited.append(path)
            continue
        try:
            path.unlink()
        except OSError:
            continue
        settled.removed.append(path)
        folders.add(path.parent)
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        if folder != out:
            try:
                folder.rmdir()  # only when this left it empty
            except OSError:
                pass
    if mine or carried or (out / MANIFEST).exists():
        data = json.dumps({"files": {**carried, **mine}}, ensure_ascii=False, indent=1)
        atomic_write(out / MANIFEST, functools.partial(_write_text, text=data))
    return settled


def _write_text(tmp: Path, text: str) -> None:
    tmp.write_text(text, encoding="utf-8")
