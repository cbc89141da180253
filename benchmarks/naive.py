"""The naive baseline: what a user could write in an afternoon to make the same documents.

    python benchmarks/naive.py INBOX OUT [--year 2025]

Every workbook read with pandas.read_excel (openpyxl engine, every sheet); the figures
counted with pandas; then one document after another with docxtpl from reportgen's own
templates, the template loaded from disk for each document: the annual report (with a
matplotlib chart), the term review, the plan, one report per branch, and a summary
workbook with DataFrame.to_excel. A province inbox (sub-folders) is done ward by ward.
Missing template variables render empty (ChainableUndefined): the documents have the
same pages, tables and rows, not every sentence. Not part of the package.
"""

from __future__ import annotations

import argparse
import io
import unicodedata
from datetime import date, datetime
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from docx.shared import Mm  # noqa: E402
from docxtpl import DocxTemplate, InlineImage  # noqa: E402
from jinja2 import ChainableUndefined, Environment  # noqa: E402

TEMPLATES = Path(__file__).resolve().parents[1] / "reportgen" / "templates"
ENV = Environment(undefined=ChainableUndefined, autoescape=True)


def _fold(text: object) -> str:
    t = unicodedata.normalize("NFD", str(text or "")).replace("đ", "d").replace("Đ", "D")
    return " ".join("".join(c for c in t if not unicodedata.combining(c)).lower().split())


def _table(frame: pd.DataFrame, header_word: str) -> pd.DataFrame:
    for i, row in frame.iterrows():
        if any(_fold(v) == header_word for v in row):
            body = frame.iloc[i + 1:].copy()
            body.columns = [_fold(v) for v in row]
            return body.dropna(how="all")
    return pd.DataFrame()


def _year(value: object) -> int | None:
    if isinstance(value, (datetime, date, pd.Timestamp)):
        return value.year
    try:
        return int(str(value)[-4:])
    except ValueError:
        return None


def read_ward(folder: Path) -> tuple[dict, pd.DataFrame, list[dict]]:
    info: dict = {}
    quotas = pd.DataFrame()
    branches = []
    for path in sorted(folder.glob("*.xlsx")):
        sheets = pd.read_excel(path, sheet_name=None, header=None, engine="openpyxl")
        names = {_fold(k): v for k, v in sheets.items()}
        if "chi tieu" in names:
            unit = names["don vi"]
            info = {_fold(r[0]): r[1] for r in unit.itertuples(index=False) if len(r) > 1}
            quotas = _table(names["chi tieu"], "nam")
        else:
            fields = {_fold(r[0]): r[1] for r in names["thong tin"].itertuples(index=False) if len(r) > 1}
            branches.append({
                "name": fields.get("ten chi bo"), "kind": fields.get("loai hinh"),
                "candidates": _table(names["nguon"], "ho va ten"),
                "admissions": _table(names["ket nap"], "ho va ten"),
            })
    return info, quotas, branches


def _render(template: str, context: dict, target: Path, with_chart: bytes | None = None) -> None:
    tpl = DocxTemplate(str(TEMPLATES / template))  # loaded each time
    if with_chart is not None:
        context = {**context, "charts": [{"picture": InlineImage(tpl, io.BytesIO(with_chart), width=Mm(150)),
                                          "caption": "Biểu đồ 1."}]}
    tpl.render(context, jinja_env=ENV, autoescape=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    tpl.save(str(target))


def _chart(names: list[str], values: list[int]) -> bytes:
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.bar(range(len(values)), values)
    ax.set_xticks(range(len(values)), names, rotation=90, fontsize=6)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=200)
    plt.close(fig)
    return buf.getvalue()


def build_ward(folder: Path, out: Path, year: int) -> int:
    info, quotas, branches = read_ward(folder)
    rows = []
    for i, b in enumerate(branches, start=1):
        adm = b["admissions"]
        admitted = int(sum(1 for v in adm.get("ngay ket nap", []) if _year(v) == year))
        q = quotas[(quotas["nam"].map(_year) == year) & (quotas["chi bo"] == b["name"])]
        quota = int(q["chi tieu ket nap"].iloc[0]) if len(q) else None
        rows.append({"stt": str(i), "name": b["name"], "kind": b["kind"], "quota": str(quota),
                     "admissions": str(admitted), "share": f"{admitted / quota:.2%}" if quota else "–"})
    common = {
        "year": str(year), "next_year": str(year + 1),
        "header": {"superior": str(info.get("dang bo cap tren", "")).upper(),
                   "issuer": str(info.get("ten dang uy", "")).upper(), "number": "Số     -BC/ĐU",
                   "date_line": f"{info.get('dia danh', '')}, ngày 05 tháng 01 năm {year + 1}"},
        "title": {"type": "BÁO CÁO", "summary": f"kết quả công tác kết nạp đảng viên năm {year}"},
        "signature": {"authority": "T/M ĐẢNG ỦY", "position": "BÍ THƯ", "name": str(info.get("nguoi ky", ""))},
        "recipients": ["- Lưu Văn phòng Đảng ủy."],
        "branch_rows": rows, "plan_rows": rows, "year_rows": rows,
        "admission_paragraphs": [f"Năm {year} kết nạp {sum(int(r['admissions']) for r in rows)} đảng viên."],
    }
    chart = _chart([r["name"] for r in rows], [int(r["admissions"]) for r in rows])
    _render("bao-cao.docx", dict(common), out / f"bao-cao-{year}.docx", with_chart=chart)
    _render("tong-ket-nhiem-ky.docx", dict(common), out / "tong-ket-nhiem-ky-2020-2025.docx", with_chart=chart)
    _render("ke-hoach.docx", dict(common), out / f"ke-hoach-{year + 1}.docx")
    for b, row in zip(branches, rows):
        people = [{"stt": str(i), "name": n} for i, n in enumerate(b["admissions"].get("ho va ten", []), start=1)]
        context = {**common, "branch": row, "admitted_rows": people, "history_rows": [row],
                   "candidate_rows": [{"stt": str(i), "name": n}
                                      for i, n in enumerate(b["candidates"].get("ho va ten", []), start=1)]}
        _render("chi-bo.docx", context, out / "chi-bo" / f"{row['stt']}.docx")
    pd.DataFrame(rows).to_excel(out / f"tong-hop-{year}.xlsx", engine="openpyxl", index=False)
    return 4 + len(branches)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inbox", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--year", type=int, default=2025)
    args = parser.parse_args()
    wards = sorted(p for p in args.inbox.iterdir() if p.is_dir()) or [args.inbox]
    made = sum(build_ward(w, args.out / (w.name if w != args.inbox else ""), args.year) for w in wards)
    print(f"{made} files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
