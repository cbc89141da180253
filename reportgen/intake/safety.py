"""Checks made before and beside reading a workbook: archives that would unpack to
far more than any real workbook (zip bombs), XML that declares entities (entity
bombs: no real workbook has a DTD), and formula cells that carry no computed value
(files written by programs other than Excel)."""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException, ElementTree

from ..errors import ReportgenError

MAX_ENTRIES = 5_000
MAX_UNPACKED_BYTES = 300 * 1024 * 1024  # a ward's workbooks are a few MB at most
MAX_RATIO = 300  # XML of real sheets compresses 5-30 times
RATIO_FLOOR_BYTES = 5 * 1024 * 1024  # small entries may compress any amount
PROLOG_BYTES = 4096  # a DTD sits before the root element, in the first bytes of a part


class UnsafeArchive(ReportgenError):
    """The archive would unpack to too much; message in Vietnamese."""


def check_archive(path: Path) -> None:
    """Refuse a zip-based workbook whose unpacked size is out of all proportion."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # the reader reports a damaged file
    if len(entries) > MAX_ENTRIES:
        raise UnsafeArchive(f"tệp chứa {len(entries)} thành phần, quá nhiều so với một sổ Excel thật; không đọc")
    total = sum(e.file_size for e in entries)
    if total > MAX_UNPACKED_BYTES:
        raise UnsafeArchive(
            f"tệp khi giải nén lớn tới {total // (1024 * 1024)} MB, vượt giới hạn "
            f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MB của một sổ theo dõi; không đọc (có thể là tệp độc hại)"
        )
    _check_xml_declarations(path, entries)
    for entry in entries:
        if entry.file_size > RATIO_FLOOR_BYTES and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise UnsafeArchive(
                "tệp có thành phần nén bất thường (giải nén lớn gấp hàng trăm lần); không đọc (có thể là tệp độc hại)"
            )


_ENTITY_BOMB = (
    "tệp có khai báo DTD/thực thể XML trong «{part}» (sổ Excel thật không có), có thể là tệp độc hại "
    "(«bom thực thể XML»); không đọc. Hãy mở bằng Excel và lưu lại thành tệp mới"
)


def _check_xml_declarations(path: Path, entries: list[zipfile.ZipInfo]) -> None:
    """Refuse XML parts that declare a DTD; parse the workbook's own parts with defusedxml."""
    try:
        with zipfile.ZipFile(path) as archive:
            for entry in entries:
                if not entry.filename.endswith((".xml", ".rels")):
                    continue
                with archive.open(entry) as stream:
                    head = stream.read(PROLOG_BYTES)
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise UnsafeArchive(_ENTITY_BOMB.format(part=entry.filename))
            for part in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
                try:
                    ElementTree.fromstring(archive.read(part), forbid_dtd=True)
                except KeyError:
                    continue
                except DefusedXmlException:
                    raise UnsafeArchive(_ENTITY_BOMB.format(part=part)) from None
                except ParseError as exc:
                    raise UnsafeArchive(
                        f"phần «{part}» của tệp bị hỏng (XML không hợp lệ ở dòng {exc.position[0]}); không đọc. "
                        "Hãy mở bằng Excel và lưu lại"
                    ) from None
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError, zlib.error):
        return  # the reader reports a damaged file


@dataclass(frozen=True)
class FormulaCell:
    sheet: str
    row: int
    column: int  # 1-based
    formula: str


_CELL = re.compile(rb"<c\b([^>]*?)(?<!/)>(.*?)</c>", re.S)
_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_FORMULA = re.compile(rb"<f\b[^>]*?(?:/>|>(.*?)</f>)", re.S)
_VALUE = re.compile(rb"<v>([^<]+)</v>")
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters.decode():
        number = number * 26 + ord(ch) - 64
    return number


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> part name inside the archive."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"), forbid_dtd=True)
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"), forbid_dtd=True)
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    parts = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        target = target.lstrip("/")
        parts[sheet.get("name", "")] = target if target.startswith("xl/") else f"xl/{target}"
    return parts


def formulas_without_value(path: Path) -> list[FormulaCell]:
    """Formula cells of an .xlsx/.xlsm that hold no computed value."""
    return scan_cells(path)[0]


_ERROR_TYPE = re.compile(rb'\bt="e"')


_HIDDEN_ROW = re.compile(rb'<row\b[^>]*?\bhidden="(?:1|true)"[^>]*>')
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')


def hidden_rows(data: bytes) -> list[int]:
    """The Excel numbers of the rows a sheet's XML marks as hidden."""
    if b'hidden="1"' not in data and b'hidden="true"' not in data:
        return []
    found = []
    for match in _HIDDEN_ROW.finditer(data):
        number = _ROW_NUMBER.search(match.group(0))
        if number is not None:
            found.append(int(number.group(1)))
    return found


def scan_cells(path: Path, hidden: dict[str, list[int]] | None = None) -> tuple[list[FormulaCell], list[FormulaCell]]:
    """Formula cells of an .xlsx/.xlsm that hold no computed value, and cells that hold an Excel
    error value (`#N/A`, `#REF!`: the reader sees them as empty). For the latter `formula` is the
    error's text. One pass over the sheets' XML, and only those that hold such cells."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return [], []
    found: list[FormulaCell] = []
    errors: list[FormulaCell] = []
    try:
        with zipfile.ZipFile(path) as archive:
            for name, part in _sheet_parts(archive).items():
                try:
                    data = archive.read(part)
                except KeyError:
                    continue
                if hidden is not None:
                    rows = hidden_rows(data)
                    if rows:
                        hidden[name] = rows
                formulas, error_values = b"<f" in data, b't="e"' in data
                if not formulas and not error_values:
                    continue
                for match in _CELL.finditer(data):
                    head, inner = match.group(1), match.group(2)
                    if error_values and _ERROR_TYPE.search(head):
                        value, ref = _VALUE.search(inner), _REF.search(head)
                        if value is not None and ref is not None:
                            text = value.group(1).decode("utf-8", "replace")
                            errors.append(FormulaCell(name, int(ref.group(2)), _column_number(ref.group(1)), text))
                        continue
                    if not formulas:
                        continue
                    formula = _FORMULA.search(inner)
                    if formula is None or _VALUE.search(inner):
                        continue
                    ref = _REF.search(head)
                    if ref is None:
                        continue
                    text = (formula.group(1) or b"").decode("utf-8", "replace")
                    found.append(FormulaCell(name, int(ref.group(2)), _column_number(ref.group(1)), "=" + text))
    except (zipfile.BadZipFile, KeyError, ParseError, DefusedXmlException, OSError):
        return found, errors  # check_archive has refused such files before they are read
    return found, errors
