"""The one base of the library's own problems: each carries a Vietnamese message (its str)
and whether it is a wrong use of the program (the CLI prints it as a usage error, exit 2)
or a problem with the files (exit 1). The CLI turns them into messages in one place;
anything else reaching it is a bug, printed as such."""

from __future__ import annotations


class ReportgenError(Exception):
    """A problem the user can act on; `str(error)` is the whole Vietnamese message."""

    usage: bool = False  # a wrong use (folder, option), not a problem with the files


class WorkbooksExist(ReportgenError):
    """Writing workbooks (`init`, `sample`) would replace workbooks already in the folder."""

    def __init__(self, folder: object, names: list[str]):
        self.folder, self.names = folder, names
        shown = ", ".join(names[:5]) + (" ..." if len(names) > 5 else "")
        super().__init__(
            f"Thư mục «{folder}» đã có sổ trùng tên ({shown}); không ghi đè. "
            "Hãy chọn thư mục khác, hoặc thêm --ghi-de để ghi đè."
        )


class UsageProblem(ReportgenError):
    """Wrong use (a folder that does not exist, a year with no data); Vietnamese message."""

    usage = True


# What the common errors of the operating system mean, in the clerk's words (never its English).
_OS_REASONS = {
    "EACCES": "không có quyền truy cập",
    "EPERM": "không có quyền truy cập",
    "ENOENT": "không tìm thấy tệp hoặc thư mục",
    "EISDIR": "đây là một thư mục, không phải tệp",
    "ENOTDIR": "một phần của đường dẫn không phải thư mục",
    "ENOSPC": "ổ đĩa đã đầy",
    "EDQUOT": "đã hết dung lượng được phép dùng trên ổ đĩa",
    "EROFS": "ổ đĩa chỉ cho đọc, không cho ghi",
    "EBUSY": "tệp đang được chương trình khác dùng",
    "ETXTBSY": "tệp đang được chương trình khác dùng",
    "ENAMETOOLONG": "tên tệp hoặc đường dẫn quá dài",
    "ELOOP": "đường dẫn có liên kết vòng",
    "EMFILE": "mở quá nhiều tệp cùng lúc",
    "EIO": "lỗi đọc ghi ổ đĩa",
    "EEXIST": "đã có tệp trùng tên",
}


def os_reason(exc: BaseException) -> str:
    """An error of the operating system in Vietnamese: the common ones by their code, any other
    by its number only (its own text is English)."""
    import errno

    code = getattr(exc, "errno", None)
    name = errno.errorcode.get(code, "") if isinstance(code, int) else ""
    if name in _OS_REASONS:
        return _OS_REASONS[name]
    if isinstance(exc, PermissionError):
        return _OS_REASONS["EACCES"]
    if isinstance(exc, FileNotFoundError):
        return _OS_REASONS["ENOENT"]
    if isinstance(exc, IsADirectoryError):
        return _OS_REASONS["EISDIR"]
    return f"lỗi hệ điều hành, mã {code}" if isinstance(code, int) else "lỗi hệ điều hành"
