"""Which files in the inbox are workbooks to read, and which are skipped (and why).

Only regular files are ever opened: a named pipe or a device named like a workbook
would block the reader. Nothing is skipped silently: links to folders, folders left
by an earlier run and anything not a workbook are listed with the reason.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..cache import CACHE_DIR
from ..errors import os_reason
from ..schema import WORKBOOK_SUFFIXES

FINDINGS_FILE = "kiem-tra-du-lieu.xlsx"  # the findings workbook every run writes into its output folder


@dataclass(frozen=True)
class Skipped:
    path: Path
    reason: str  # Vietnamese


@dataclass(frozen=True)
class Discovery:
    workbooks: tuple[Path, ...]
    skipped: tuple[Skipped, ...]


# What else a run writes beside the findings workbook: the marked copies, its own
# bookkeeping folder, the documents.
OUTPUT_FOLDERS = ("kiem-tra", CACHE_DIR)
OUTPUT_SUFFIXES = (".docx", ".pdf")


def is_output_folder(folder: Path) -> bool:
    """A folder an earlier run wrote its results into: the findings workbook with the marked
    copies, the run's bookkeeping or its documents beside it. The findings workbook alone (a
    copy the office saved next to the branch workbooks) does not make a folder an output: the
    folder is read and only that file is skipped."""
    if not (folder / FINDINGS_FILE).is_file():
        return False
    if any((folder / name).is_dir() for name in OUTPUT_FOLDERS):
        return True
    try:
        return any(p.suffix.lower() in OUTPUT_SUFFIXES for p in folder.iterdir())
    except OSError:
        return True


def _same_or_inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "ống dẫn (named pipe)"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "thiết bị"
    return "không phải tệp thông thường"


def locked_workbook(lock_name: str, names: list[str]) -> str | None:
    """The workbook an Office lock file stands for: Excel writes `~$` + the name (Word-style
    `~$` + the name less its first two letters is matched too), LibreOffice `.~lock.NAME#`."""
    if lock_name.startswith(".~lock."):
        wanted = lock_name[len(".~lock.") :].rstrip("#")
        return wanted if wanted in names else None
    rest = lock_name[2:]
    if rest in names:
        return rest
    return next((n for n in names if not n.startswith("~$") and len(n) > 2 and n[2:] == rest), None)


def lock_file_reason(lock_name: str, names: list[str]) -> str:
    """Why a lock file is skipped, naming the workbook that is open."""
    workbook = locked_workbook(lock_name, names)
    if workbook is None:
        return (
            "tệp khóa của Excel/LibreOffice, không đọc; sổ tương ứng không có trong thư mục (có thể tệp "
            "khóa còn sót lại sau khi máy tắt đột ngột, xóa được)"
        )
    return (
        f"tệp khóa: sổ «{workbook}» đang mở trong Excel/LibreOffice; chỉ phần đã lưu được đọc, những sửa "
        "chưa lưu sẽ không được tính. Hãy lưu (Ctrl+S) và đóng sổ rồi chạy lại"
    )


def discover(inbox: Path, exclude: tuple[Path, ...] = ()) -> Discovery:
    """Workbooks anywhere under the inbox, in a stable order; everything else skipped.

    Folders in `exclude` (the output folder) are not looked into; folders written by an
    earlier run and links to folders are listed as skipped and not looked into either.
    """
    excluded = tuple(folder for folder in exclude if folder.exists())
    workbooks: list[Path] = []
    skipped: list[Skipped] = []

    def walk(folder: Path) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: os.fsdecode(e.name).lower())
        except OSError as exc:
            skipped.append(Skipped(folder, f"không mở được thư mục ({os_reason(exc)})"))
            return
        for entry in entries:
            path = Path(entry.path)
            name = entry.name
            if any(_same_or_inside(path, folder) for folder in excluded):
                continue
            try:
                is_link = entry.is_symlink()
                mode = os.stat(path).st_mode  # follows a link
            except OSError:
                skipped.append(Skipped(path, "liên kết hỏng hoặc không đọc được, không đọc"))
                continue
            if stat.S_ISDIR(mode):
                if name.startswith("."):
                    skipped.append(Skipped(path, "thư mục ẩn, không đọc"))
                elif is_link:
                    skipped.append(
                        Skipped(
                            path,
                            "liên kết tới một thư mục khác (symlink/shortcut), không đọc; "
                            "hãy chép các sổ vào thư mục này",
                        )
                    )
                elif is_output_folder(path):
                    skipped.append(
                        Skipped(path, f"thư mục kết quả của một lần chạy trước (có tệp {FINDINGS_FILE}), không đọc")
                    )
                else:
                    walk(path)
                continue
            if name.startswith("~$") or name.startswith(".~lock"):
                skipped.append(Skipped(path, lock_file_reason(name, [os.fsdecode(e.name) for e in entries])))
            elif name.startswith("."):
                skipped.append(Skipped(path, "tệp ẩn, không đọc"))
            elif name.lower() == FINDINGS_FILE:
                skipped.append(
                    Skipped(
                        path,
                        "sổ kiểm tra dữ liệu do chương trình này tạo (bản chép từ một lần chạy trước), không đọc; "
                        "các sổ khác trong thư mục vẫn được đọc",
                    )
                )
            elif path.suffix.lower() not in WORKBOOK_SUFFIXES:
                skipped.append(Skipped(path, "không phải sổ Excel (.xlsx, .xlsm, .xls, .ods), không đọc"))
            elif not stat.S_ISREG(mode):
                skipped.append(Skipped(path, f"có đuôi của sổ Excel nhưng là {_kind(mode)}, không phải tệp; không mở"))
            else:
                workbooks.append(path)

    walk(inbox)
    return Discovery(tuple(workbooks), tuple(skipped))
