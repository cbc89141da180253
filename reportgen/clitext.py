"""Vietnamese for click's own words (usage, help headings, usage errors).

click marks its messages with gettext; we give its modules a gettext of our own
that looks the English message up here, so that a clerk never reads English.
"""

from __future__ import annotations

import importlib

VIETNAMESE = {
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Positional arguments": "Tham số",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Show the version and exit.": "Hiện phiên bản rồi thoát.",
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Xem hướng dẫn: {command} {option}",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ ở {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "{value!r} is not a valid {number_type}.": "«{value}» không phải là số hợp lệ.",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng cho phép {range}.",
    "Missing argument": "Thiếu tham số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing command.": "Thiếu tên lệnh (build, check, sample ...).",
    "No such command {name!r}.": "Không có lệnh «{name}».",
    "No such option {name!r}.": "Không có tùy chọn «{name}».",
    "Option {name!r} does not take a value.": "Tùy chọn «{name}» không nhận giá trị.",
    "Option {name!r} requires an argument.": "Tùy chọn «{name}» cần một giá trị.",
    "Option {name!r} requires {nargs} arguments.": "Tùy chọn «{name}» cần {nargs} giá trị.",
    "Got unexpected extra argument ({args})": "Thừa tham số ({args})",
    "Got unexpected extra arguments ({args})": "Thừa các tham số ({args})",
    "Did you mean {possibility}?": "Có phải ý là {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Có phải ý là một trong: {possibilities}?)",
    "default: {default}": "mặc định: {default}",
    "{name} {filename!r} does not exist.": "{name} «{filename}» không tồn tại.",
    "{name} {filename!r} is a file.": "{name} «{filename}» là một tệp, cần một thư mục.",
    "{name} {filename!r} is a directory.": "{name} «{filename}» là một thư mục, cần một tệp.",
    "path": "Đường dẫn",
    "directory": "Thư mục",
    "file": "Tệp",
    "Aborted!": "Đã dừng.",
}

_MODULES = (
    "click.core",
    "click.exceptions",
    "click.decorators",
    "click.types",
    "click.parser",
    "click.formatting",
    "click.termui",
)


def gettext(message: str) -> str:
    return VIETNAMESE.get(message, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return gettext(singular if count == 1 else plural)


def install() -> None:
    """Make click speak Vietnamese."""
    for name in _MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:  # pragma: no cover - a click without that module
            continue
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
