"""PDF copies of the documents through LibreOffice (`soffice --headless --convert-to pdf`).

LibreOffice runs with a private, throw-away profile (`-env:UserInstallation`), so it
neither clashes with a LibreOffice window the clerk has open nor leaves settings
behind, and under a time limit. The library never prints: a missing LibreOffice or a
failed conversion is a Vietnamese message in the result, and the Word documents stand.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import os_reason

SOFFICE_ENV = "REPORTGEN_SOFFICE"  # the path of soffice, when it is not on PATH
START_SECONDS = 90  # LibreOffice's first start with a fresh profile is slow
SECONDS_PER_DOCUMENT = 30

NOT_INSTALLED = (
    "Không tìm thấy LibreOffice nên chưa tạo được bản PDF; các văn bản Word vẫn được tạo đầy đủ."
    " Muốn có bản PDF: cài LibreOffice (miễn phí, https://www.libreoffice.org) rồi chạy lại lệnh với --pdf,"
    " hoặc mở văn bản bằng Word và chọn Lưu thành PDF."
)


@dataclass
class PdfResult:
    written: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # Vietnamese, one line each


def _candidates() -> list[str]:
    found = [os.environ.get(SOFFICE_ENV, ""), shutil.which("soffice") or "", shutil.which("libreoffice") or ""]
    if sys.platform == "win32":
        for root in (
            os.environ.get("ProgramFiles", r"C:\Program Files"),
            os.environ.get("ProgramFiles(x86)", r"C:\Program Files (x86)"),
        ):
            found.append(str(Path(root) / "LibreOffice" / "program" / "soffice.exe"))
    elif sys.platform == "darwin":
        found.append("/Applications/LibreOffice.app/Contents/MacOS/soffice")
    return [f for f in found if f]


def find_soffice() -> str | None:
    """The LibreOffice program: $REPORTGEN_SOFFICE, soffice or libreoffice on PATH, the usual install places."""
    for candidate in _candidates():
        if Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def _run(command: list[str], timeout: float) -> tuple[int | None, str]:
    """Run LibreOffice in its own process group; on timeout stop the whole group. (returncode, output)."""
    kwargs: dict[str, object] = {}
    if os.name == "posix":
        kwargs["start_new_session"] = True
    else:  # pragma: no cover - Windows
        kwargs["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP  # type: ignore[attr-defined]
    proc = subprocess.Popen(  # type: ignore[call-overload]
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, **kwargs
    )
    try:
        out, _ = proc.communicate(timeout=timeout)
        return proc.returncode, out.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        if os.name == "posix":
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        else:  # pragma: no cover
            proc.kill()
        proc.communicate()
        return None, ""


def _convert_folder(soffice: str, folder: Path, documents: list[Path], timeout: float) -> PdfResult:
    """One LibreOffice run for the documents of one folder; each PDF moved next to its document."""
    result = PdfResult()
    with (
        tempfile.TemporaryDirectory(prefix="reportgen-lo-") as profile,
        tempfile.TemporaryDirectory(prefix=".pdf-", dir=folder) as staging,
    ):
        command = [
            soffice,
            f"-env:UserInstallation={Path(profile).resolve().as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            "--nologo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(staging),
            *[str(d) for d in documents],
        ]
        try:
            code, output = _run(command, timeout)
        except OSError as exc:
            result.problems.append(f"Không chạy được LibreOffice ({soffice}): {os_reason(exc)}.")
            return result
        if code is None:
            result.problems.append(
                f"LibreOffice chạy quá {int(timeout)} giây nên đã bị dừng; chưa tạo được bản PDF trong thư mục"
                f" “{folder}”. Hãy đóng bớt chương trình rồi chạy lại, hoặc lưu PDF từ Word."
            )
            return result
        failed = []
        for doc in documents:
            made = Path(staging) / f"{doc.stem}.pdf"
            if made.is_file() and made.stat().st_size > 0:
                target = doc.with_suffix(".pdf")
                try:
                    os.replace(made, target)
                except OSError:
                    result.problems.append(
                        f"Không ghi được “{target}”: tệp đang mở hoặc không có quyền ghi. Hãy đóng tệp rồi chạy lại."
                    )
                    continue
                result.written.append(target)
            else:
                failed.append(doc.name)
        if failed:
            detail = output.strip().splitlines()[-1] if output.strip() else f"mã thoát {code}"
            result.problems.append(f"LibreOffice không chuyển được sang PDF: {', '.join(failed)} ({detail}).")
    return result


def convert_to_pdf(documents: Sequence[Path], soffice: str | None = None, timeout: float | None = None) -> PdfResult:
    """Write <name>.pdf next to each <name>.docx. Never raises for LibreOffice's sake: see `problems`."""
    documents = [Path(d) for d in documents]
    if not documents:
        return PdfResult()
    program = soffice or find_soffice()
    if program is None:
        return PdfResult(problems=[NOT_INSTALLED])
    result = PdfResult()
    folders: dict[Path, list[Path]] = {}
    for doc in documents:
        folders.setdefault(doc.parent, []).append(doc)
    for folder, docs in folders.items():
        limit = timeout if timeout is not None else START_SECONDS + SECONDS_PER_DOCUMENT * len(docs)
        part = _convert_folder(program, folder, docs, limit)
        result.written += part.written
        result.problems += part.problems
    return result
