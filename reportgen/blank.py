"""Blank standard workbooks for an office to hand out (`reportgen init`).

One ward workbook and one branch workbook per branch, exactly as ../shared/FORMAT.md
describes them (every sheet, the optional ones too), written from `schema.py`: each
column with allowed values gets an Excel drop-down list, date columns are formatted
and refuse what is not a date, counts refuse what is not a whole number, the header
row is bold, frozen and protected (the rest of the sheet stays editable), and a
`Hướng dẫn` sheet explains every column in Vietnamese. The branch names fill the
quota sheet and each branch workbook's `Tên chi bộ`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from . import schema
from .errors import WorkbooksExist
from .render.output import OutputProblem, atomic_write
from .schema import Column, Field, Kind, Sheet

WARD_FILE = "So-tong-hop-Dang-uy.xlsx"
GUIDE_SHEET = schema.GUIDE_SHEET
LISTS_SHEET = "Danh mục"  # hidden: the drop-down lists, one column each
LAST_ROW = 2000  # rows the formats and validations cover (more than any branch keeps)
DATE_FORMAT = "dd/mm/yyyy"
FIRST_YEAR, LAST_YEAR = 1945, 2100
EARLIEST_DATE, LATEST_DATE = "DATE(1900,1,1)", "DATE(2100,12,31)"

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
LOCKED = Protection(locked=True)
UNLOCKED = Protection(locked=False)

YES, NO = "Có", "Không"

# What each column means, for the `Hướng dẫn` sheet (the column itself is named in schema.py).
NOTES: dict[str, str] = {
    "year": "năm của chỉ tiêu hoặc của văn bản",
    "branch": f"tên chi bộ đúng như ô «Tên chi bộ» trong sổ của chi bộ; dòng «{schema.WARD_TOTAL}» là chỉ tiêu "
    "cấp trên giao cho cả Đảng bộ",
    "admission_quota": "số đảng viên chi bộ phải kết nạp trong năm",
    "source_quota": "số quần chúng ưu tú chi bộ phải đưa vào nguồn trong năm",
    "members_start": "số đảng viên của chi bộ đầu năm",
    "organisation": "tên Mặt trận hoặc đoàn thể",
    "introduction_quota": "số đoàn viên, hội viên ưu tú tổ chức phải giới thiệu cho Đảng trong năm",
    "number": "số và ký hiệu văn bản của Đảng ủy, ví dụ 44-KH/ĐU",
    "issued": "ngày ban hành văn bản",
    "summary": "trích yếu, ví dụ «về phát triển đảng viên năm 2023»",
    "period": "năm (2025) hoặc nhiệm kỳ (2020-2025, cho báo cáo tổng kết nhiệm kỳ)",
    "section": "mục của văn bản mà đoạn văn được đưa vào",
    "text": "một đoạn văn của Văn phòng, in sau các câu do số liệu tạo ra",
    "stt": "số thứ tự (không bắt buộc, chương trình không đọc)",
    "name": "họ và tên đầy đủ",
    "birth": "ngày sinh",
    "gender": "giới tính",
    "ethnicity": "dân tộc",
    "religion": "tôn giáo",
    "education": "trình độ giáo dục phổ thông",
    "professional": "trình độ chuyên môn cao nhất",
    "occupation": "nghề nghiệp hiện nay",
    "theory": "trình độ lý luận chính trị",
    "youth_union": "là đoàn viên Đoàn TNCS Hồ Chí Minh",
    "introduced_by": "Mặt trận, đoàn thể giới thiệu (tên như trong sheet «Đoàn thể» của Đảng ủy), hoặc Chi bộ",
    "entered": "ngày đưa vào danh sách nguồn",
    "class_date": "ngày trên giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng",
    "status": "tình trạng hiện nay của quần chúng",
    "status_date": "ngày tình trạng thay đổi lần cuối (bắt buộc khi đã kết nạp, chuyển đi, đưa ra khỏi nguồn)",
    "meeting": "ngày chi bộ họp xét kết nạp; tuổi được tính tại ngày này",
    "admitted": "ngày của quyết định kết nạp",
    "ceremony": "ngày tổ chức lễ kết nạp; thời gian dự bị tính từ ngày này",
    "decision_no": "số quyết định kết nạp",
    "official": "ngày công nhận đảng viên chính thức; để trống khi còn dự bị",
    "note": "ghi chú (ghi «kết nạp lại» nếu là kết nạp lại)",
}
FIELD_NOTES: dict[str, str] = {
    "superior": "tên cấp ủy cấp trên, chữ in hoa, in ở góc trái văn bản",
    "committee": "tên Đảng ủy, chữ in hoa, ví dụ ĐẢNG ỦY PHƯỜNG PHỔ HÒA",
    "place": "địa danh ghi ở dòng ngày tháng",
    "code": "ký hiệu của Đảng ủy trong số văn bản",
    "term": "nhiệm kỳ hiện tại, dạng năm đầu-năm cuối, ví dụ 2020-2025",
    "term_start": "ngày bắt đầu nhiệm kỳ (nếu để trống: 01/01 của năm sau năm đầu)",
    "signer_authority": "thẩm quyền ký",
    "signer_position": "chức vụ người ký",
    "signer_name": "họ tên người ký",
    "recipients": "nơi nhận, cách nhau bằng dấu chấm phẩy (;)",
    "congress": "đại hội mở đầu nhiệm kỳ, số La Mã, ví dụ XVII",
    "name": "tên chi bộ, ví dụ Chi bộ Tổ dân phố 3; phải giống tên ở sheet «Chỉ tiêu» của Đảng ủy",
    "kind": "loại hình chi bộ",
    "secretary": "họ tên bí thư chi bộ",
    "former_names": "chỉ khi chi bộ đổi tên trong nhiệm kỳ: tên cũ (các dòng «Chỉ tiêu» năm trước ghi tên này);"
    " nhiều tên cách nhau bằng dấu chấm phẩy (;)",
}


class BlankSetExists(WorkbooksExist):
    """Writing the blank set would replace workbooks already in the folder."""


# --- branch names -------------------------------------------------------------------------


def parse_branch_names(text: str) -> list[str]:
    """Names separated by `;` or new lines, spaces folded, NFC, duplicates (ignoring case) dropped."""
    names: list[str] = []
    seen: set[str] = set()
    for part in re.split(r"[;\n\r]+", unicodedata.normalize("NFC", text)):
        name = " ".join(part.split()).strip(" -•\t")
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


def branch_file_name(name: str, taken: set[str]) -> str:
    """`CB-To-dan-pho-3.xlsx` from `Chi bộ Tổ dân phố 3`: ASCII, unique in `taken`."""
    text = unicodedata.normalize("NFD", name).replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"^chi bo\s+", "", text, flags=re.IGNORECASE)
    stem = "-".join(re.findall(r"[A-Za-z0-9]+", text))[:60] or "chi-bo"
    base, n = f"CB-{stem}", 2
    candidate = base
    while candidate.casefold() in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate.casefold())
    return f"{candidate}.xlsx"


# --- the drop-down lists ------------------------------------------------------------------


def offered_values(column: Column) -> tuple[str, ...]:
    """The values a drop-down offers for a column: its allowed values in schema.py."""
    if column.kind is Kind.YESNO:
        return (YES, NO)
    if column.kind is Kind.CHOICE:
        return tuple(column.choices)
    if column.key in ("organisation",):
        return schema.ORGANISATIONS
    if column.key == "introduced_by":
        return (*schema.ORGANISATIONS, "Chi bộ")
    return ()


def _is_open_list(column: Column) -> bool:
    """A list of usual values that other values may join (Excel asks, does not refuse)."""
    return column.kind is not Kind.CHOICE and column.kind is not Kind.YESNO


class _Lists:
    """The hidden `Danh mục` sheet: each drop-down list in a column of its own."""

    def __init__(self, wb: Workbook):
        self.ws = wb.create_sheet(LISTS_SHEET)
        self.ws.sheet_state = "hidden"
        self.ws.protection.sheet = True
        self.refs: dict[tuple[str, ...], str] = {}

    def ref(self, title: str, values: Sequence[str]) -> str:
        key = tuple(values)
        if key not in self.refs:
            col = len(self.refs) + 1
            letter = get_column_letter(col)
            self.ws.cell(1, col, title).font = HEADER_FONT
            for row, value in enumerate(values, start=2):
                self.ws.cell(row, col, value)
            self.ws.column_dimensions[letter].width = max(12, min(40, max(len(v) for v in values) + 2))
            self.refs[key] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(values) + 1}"
        return self.refs[key]


def _list_validation(ref: str, title: str, strict: bool) -> DataValidation:
    dv = DataValidation(type="list", formula1=f"={ref}", allow_blank=True, showDropDown=False)
    dv.showErrorMessage = True
    dv.errorStyle = "stop" if strict else "warning"
    dv.errorTitle = "Giá trị không có trong danh sách"
    dv.error = (
        f"«{title}»: hãy chọn một giá trị trong danh sách."
        if strict
        else f"«{title}»: giá trị này không có trong danh sách; vẫn ghi?"
    )
    dv.showInputMessage = True
    dv.promptTitle = title[:32]
    dv.prompt = "Chọn trong danh sách (bấm mũi tên bên phải ô)."
    return dv


def _date_validation(title: str) -> DataValidation:
    dv = DataValidation(type="date", operator="between", formula1=EARLIEST_DATE, formula2=LATEST_DATE, allow_blank=True)
    dv.showErrorMessage = True
    dv.errorStyle = "stop"
    dv.errorTitle = "Cần một ngày"
    dv.error = f"«{title}»: hãy gõ một ngày dạng ngày/tháng/năm, ví dụ 05/01/2023."
    dv.showInputMessage = True
    dv.promptTitle = title[:32]
    dv.prompt = "Ngày dạng ngày/tháng/năm, ví dụ 05/01/2023."
    return dv


def _whole_validation(title: str, low: int, high: int | None, prompt: str) -> DataValidation:
    if high is None:
        dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1=str(low), allow_blank=True)
    else:
        dv = DataValidation(type="whole", operator="between", formula1=str(low), formula2=str(high), allow_blank=True)
    dv.showErrorMessage = True
    dv.errorStyle = "stop"
    dv.errorTitle = "Cần một số nguyên"
    dv.error = f"«{title}»: {prompt}"
    dv.showInputMessage = True
    dv.promptTitle = title[:32]
    dv.prompt = prompt
    return dv


def _validation(column: Column | Field, title: str, lists: _Lists) -> DataValidation | None:
    if column.kind is Kind.DATE:
        return _date_validation(title)
    if column.kind is Kind.YEAR:
        return _whole_validation(title, FIRST_YEAR, LAST_YEAR, f"năm, ví dụ 2025 (từ {FIRST_YEAR} đến {LAST_YEAR}).")
    if column.kind is Kind.COUNT:
        return _whole_validation(title, 0, None, "số nguyên từ 0 trở lên.")
    values = offered_values(column) if isinstance(column, Column) else tuple(column.choices)
    if values:
        strict = not isinstance(column, Column) or not _is_open_list(column)
        return _list_validation(lists.ref(title, values), title, strict)
    return None


# --- sheets -------------------------------------------------------------------------------


def _width(column: Column) -> float:
    values = offered_values(column)
    longest = max([len(column.header), *(len(v) for v in values)])
    if column.kind is Kind.DATE:
        longest = max(longest, 12)
    if column.key == "name":
        longest = max(longest, 26)
    if column.key in ("note", "summary", "text"):
        longest = max(longest, 40)
    return min(60, longest + 3)


def _header_cell(ws: Worksheet, row: int, col: int, text: str, required: bool) -> None:
    cell = ws.cell(row, col, text)
    cell.font = HEADER_FONT
    cell.fill = REQUIRED_FILL if required else HEADER_FILL
    cell.border = BOX
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    cell.protection = LOCKED


def _protect(ws: Worksheet) -> None:
    """Header locked; rows may still be inserted, deleted, sorted, filtered, resized. No password."""
    p = ws.protection
    p.sheet = True
    p.insertRows = p.deleteRows = p.formatColumns = p.formatRows = p.sort = p.autoFilter = False
    p.formatCells = False
    p.selectLockedCells = p.selectUnlockedCells = False


def table_sheet(wb: Workbook, spec: Sheet, lists: _Lists, rows: Iterable[Sequence[object]] = ()) -> Worksheet:
    """A table sheet: header in row 1 (frozen, bold, locked), columns formatted and validated to LAST_ROW."""
    ws = wb.create_sheet(spec.name)
    for col, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(col)
        _header_cell(ws, 1, col, column.header, column.required)
        dim = ws.column_dimensions[letter]
        dim.width = _width(column)
        dim.protection = UNLOCKED  # every cell below the header stays editable
        if column.kind is Kind.DATE:
            dim.number_format = DATE_FORMAT
        elif column.kind in (Kind.TEXT, Kind.CHOICE) or column.kind.value == "period":
            dim.number_format = "@"  # typed as text: "9/12" stays 9/12, "2020-2025" stays a term
        dv = _validation(column, column.header, lists)
        if dv is not None:
            dv.add(f"{letter}2:{letter}{LAST_ROW}")
            ws.add_data_validation(dv)
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            if value is not None:
                cell = ws.cell(r, c, value)
                cell.protection = UNLOCKED
                cell.number_format = ws.column_dimensions[get_column_letter(c)].number_format
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(spec.columns))}1"
    _protect(ws)
    _page_setup(ws)
    return ws


def fields_sheet(
    wb: Workbook, title: str, fields: Sequence[Field], values: dict[str, object], lists: _Lists
) -> Worksheet:
    """A field/value sheet (`Đơn vị`, `Thông tin`): labels locked, values editable and validated."""
    ws = wb.create_sheet(title)
    _header_cell(ws, 1, 1, "Mục", False)
    _header_cell(ws, 1, 2, "Nội dung", False)
    for row, spec in enumerate(fields, start=2):
        label = ws.cell(row, 1, spec.label)
        label.font = Font(bold=spec.required)
        label.fill = REQUIRED_FILL if spec.required else PatternFill()
        label.border = BOX
        label.protection = LOCKED
        value = values.get(spec.key, spec.default if spec.default not in (None, "") else None)
        cell = ws.cell(row, 2, value)
        cell.border = BOX
        cell.protection = UNLOCKED
        if spec.kind is Kind.DATE:
            cell.number_format = DATE_FORMAT
        else:
            cell.number_format = "@"
        dv = _validation(spec, spec.label, lists) or DataValidation(allow_blank=True)
        dv.showInputMessage = True  # the hint shows when the cell is selected (a third column would be read)
        dv.promptTitle = spec.label[:32]
        dv.prompt = _field_hint(spec)[:255]
        dv.add(cell.coordinate)
        ws.add_data_validation(dv)
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 50
    ws.freeze_panes = "A2"
    _protect(ws)
    _page_setup(ws)
    return ws


def _field_hint(spec: Field) -> str:
    text = FIELD_NOTES.get(spec.key, "")
    if spec.required:
        text = f"Bắt buộc: {text}"
    if spec.choices:
        text += f"; chọn một trong: {', '.join(spec.choices)}"
    return text


def _page_setup(ws: Worksheet) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"


def _kind_text(column: Column | Field) -> str:
    if column.kind is Kind.DATE:
        return "ngày, dạng ngày/tháng/năm (05/01/2023)"
    if column.kind is Kind.YEAR:
        return "năm, ví dụ 2025"
    if column.kind is Kind.COUNT:
        return "số nguyên từ 0 trở lên"
    if column.kind is Kind.YESNO:
        return "Có hoặc Không (x, 1 cũng là có; để trống là không)"
    if column.kind is Kind.CHOICE:
        return "một trong: " + ", ".join(column.choices)
    if column.kind is Kind.IGNORED:
        return "không đọc"
    if column.kind.value == "period":
        return "năm (2025) hoặc nhiệm kỳ (2020-2025)"
    values = offered_values(column) if isinstance(column, Column) else ()
    if values:
        return "chữ; thường là: " + ", ".join(values)
    return "chữ"


def _default_text(default: object) -> str:
    if default is None or default == "":
        return ""
    if default is False:
        return NO
    if default is True:
        return YES
    return str(default)


def guide_sheet(wb: Workbook, intro: Sequence[str], parts: Sequence[tuple[str, Sequence[Column | Field]]]) -> None:
    """`Hướng dẫn`: what the workbook is for, then one line per column of each sheet."""
    ws = wb.create_sheet(GUIDE_SHEET, 0)
    ws.cell(1, 1, "HƯỚNG DẪN GHI SỔ").font = Font(bold=True, size=14)
    row = 2
    for line in intro:
        ws.cell(row, 1, line).alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
        ws.row_dimensions[row].height = 15 * max(1, len(line) // 120 + 1)
        row += 1
    for sheet_name, columns in parts:
        row += 1
        ws.cell(row, 1, f"Sheet «{sheet_name}»").font = Font(bold=True, size=12)
        row += 1
        for col, title in enumerate(
            ("Cột / mục", "Bắt buộc", "Kiểu, giá trị", "Mặc định khi để trống", "Ý nghĩa", "Tên khác được chấp nhận"),
            start=1,
        ):
            _header_cell(ws, row, col, title, False)
        for column in columns:
            row += 1
            label = column.header if isinstance(column, Column) else column.label
            note = NOTES.get(column.key, "") if isinstance(column, Column) else FIELD_NOTES.get(column.key, "")
            aliases = ", ".join(column.aliases)
            values = (
                label,
                "có" if column.required else "",
                _kind_text(column),
                _default_text(column.default),
                note,
                aliases,
            )
            for col, value in enumerate(values, start=1):
                cell = ws.cell(row, col, value)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                cell.border = BOX
                if col == 1:
                    cell.font = Font(bold=column.required)
    for letter, width in zip("ABCDEF", (28, 9, 42, 16, 50, 36), strict=True):
        ws.column_dimensions[letter].width = width
    _page_setup(ws)
    ws.print_title_rows = None  # type: ignore[assignment]


_COMMON_INTRO = (
    "Mỗi sheet có dòng tiêu đề ở dòng 1 (đã khóa để không bị sửa nhầm); ghi mỗi người, mỗi chỉ tiêu một dòng "
    "từ dòng 2. Ô tô màu cam ở dòng tiêu đề là cột bắt buộc.",
    "Cột có danh sách: bấm mũi tên bên phải ô để chọn. Cột ngày: gõ ngày/tháng/năm, ví dụ 05/01/2023; "
    "Excel không nhận giá trị không phải ngày.",
    "Có thể chèn, xóa, sắp xếp dòng. Muốn sửa dòng tiêu đề (không nên): Review (Xem lại) > Unprotect Sheet "
    "(Bỏ bảo vệ trang tính), không có mật khẩu.",
    "Kiểm tra sổ: reportgen check THƯ_MỤC_SỔ. Lập văn bản: reportgen build THƯ_MỤC_SỔ.",
)


def _finish(wb: Workbook, first_data_sheet: str) -> None:
    wb.move_sheet(LISTS_SHEET, offset=len(wb.sheetnames))  # the hidden lists last
    wb.active = wb.sheetnames.index(first_data_sheet)
    for ws in wb.worksheets:
        ws.sheet_view.tabSelected = ws.title == first_data_sheet
    wb.properties.creator = "reportgen"


def ward_workbook(branches: Sequence[str], year: int) -> Workbook:
    """The blank ward workbook: `Đơn vị`, `Chỉ tiêu` (one row per branch for `year`, and the ward's total),
    the optional table sheets, `Hướng dẫn`."""
    wb = Workbook()
    wb.remove(wb.active)
    lists = _Lists(wb)
    fields_sheet(wb, schema.WARD_INFO_SHEET, schema.WARD_FIELDS, {}, lists)
    sheets = ward_table_sheets()
    for spec in sheets:
        rows: list[list[object]] = []
        if spec is schema.QUOTA_SHEET:
            keys = [c.key for c in spec.columns]
            for name in [*branches, schema.WARD_TOTAL]:
                row: list[object] = [None] * len(keys)
                row[keys.index("year")] = year
                row[keys.index("branch")] = name
                rows.append(row)
        ws = table_sheet(wb, spec, lists, rows)
        if spec is schema.QUOTA_SHEET and branches:
            letter = get_column_letter([c.key for c in spec.columns].index("branch") + 1)
            dv = _list_validation(lists.ref("Chi bộ", [*branches, schema.WARD_TOTAL]), "Chi bộ", strict=False)
            dv.add(f"{letter}2:{letter}{LAST_ROW}")
            ws.data_validations.dataValidation = [
                v for v in ws.data_validations.dataValidation if letter not in str(v.sqref)
            ]
            ws.add_data_validation(dv)
    guide_sheet(
        wb,
        (
            "Sổ tổng hợp của Đảng ủy: thông tin đơn vị, chỉ tiêu kết nạp, tạo nguồn của từng chi bộ từng năm, "
            "chỉ tiêu của Mặt trận, các đoàn thể; văn bản và nhận định của Đảng ủy (không bắt buộc).",
            "Tên chi bộ ở sheet «Chỉ tiêu» phải giống ô «Tên chi bộ» trong sổ của chi bộ.",
            *_COMMON_INTRO,
        ),
        [(schema.WARD_INFO_SHEET, schema.WARD_FIELDS), *((s.name, s.columns) for s in sheets)],
    )
    _finish(wb, schema.WARD_INFO_SHEET)
    return wb


def branch_workbook(name: str) -> Workbook:
    """A blank branch workbook: `Thông tin` (with the branch's name), `Nguồn`, `Kết nạp`, `Hướng dẫn`."""
    wb = Workbook()
    wb.remove(wb.active)
    lists = _Lists(wb)
    fields_sheet(wb, schema.BRANCH_INFO_SHEET, schema.BRANCH_FIELDS, {"name": name} if name else {}, lists)
    for spec in branch_table_sheets():
        table_sheet(wb, spec, lists)
    guide_sheet(
        wb,
        (
            "Sổ theo dõi của chi bộ: danh sách quần chúng ưu tú (sheet «Nguồn») và đảng viên mới kết nạp "
            "(sheet «Kết nạp»). Người đã kết nạp ghi ở cả hai sheet: «Nguồn» với tình trạng «Đã kết nạp», "
            "«Kết nạp» với ngày kết nạp.",
            *_COMMON_INTRO,
        ),
        [(schema.BRANCH_INFO_SHEET, schema.BRANCH_FIELDS), *((s.name, s.columns) for s in branch_table_sheets())],
    )
    _finish(wb, schema.BRANCH_INFO_SHEET)
    return wb


def branch_table_sheets() -> tuple[Sheet, ...]:
    return (schema.CANDIDATE_SHEET, schema.ADMISSION_SHEET)


def ward_table_sheets() -> tuple[Sheet, ...]:
    """Every table sheet of schema.py that is not a branch's, in schema order (`Chỉ tiêu` first)."""
    return tuple(s for s in schema.TABLE_SHEETS if s not in branch_table_sheets())


def write_blank_set(folder: Path, branches: Sequence[str], year: int, overwrite: bool = False) -> list[Path]:
    """Write the ward workbook and one branch workbook per name (one unnamed one without names).

    Refuses, before writing anything, to replace a workbook already in `folder` unless
    `overwrite`. Returns the paths written, the ward workbook first.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputProblem(folder, "đã có một tệp trùng tên; hãy chọn tên thư mục khác.")
    taken: set[str] = {Path(WARD_FILE).stem.casefold()}
    plan: list[tuple[str, Workbook]] = [(WARD_FILE, ward_workbook(branches, year))]
    for name in branches or [""]:
        plan.append((branch_file_name(name, taken) if name else "CB-mau.xlsx", branch_workbook(name)))
    existing = [file for file, _ in plan if (folder / file).exists()]
    if existing and not overwrite:
        raise BlankSetExists(folder, existing)
    folder.mkdir(parents=True, exist_ok=True)
    return [atomic_write(folder / file, wb.save) for file, wb in plan]
