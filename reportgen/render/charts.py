"""Charts for the documents: matplotlib (Agg), PNG bytes at 200 dpi, Vietnamese labels.

Each function takes figures from `stats.model` and returns a `Picture`, or None when
there is nothing to draw (no year, no quota): the document then shows neither the
picture nor its caption. Numbers on the charts go through `vietnamese.py`.
"""

from __future__ import annotations

import io
import textwrap
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display on a clerk's machine or in CI; set before pyplot could be imported

from matplotlib import font_manager  # noqa: E402
from matplotlib.artist import Artist  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ft2font import FT2Font  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from reportgen.render.vietnamese import fmt_count, fmt_int, fmt_pct, sort_texts  # noqa: E402
from reportgen.stats.model import BranchYear, WardYear  # noqa: E402

DPI = 200
WIDTH_MM = 150  # the width in the document; the figure is drawn at that size so fonts keep their size
FONT_SIZE = 11
# Times New Roman on Windows, its metric twin on Linux; DejaVu Serif ships with matplotlib.
# A family is used only when the files matplotlib picks for it hold every Vietnamese letter:
# Debian's old fonts-liberation (1.x) is named "Liberation Serif" too and lacks ư, ờ, ạ...
FONTS = ("Times New Roman", "Liberation Serif", "Tinos", "DejaVu Serif")
FALLBACK_FONT = "DejaVu Sans"  # ships with matplotlib, covers Vietnamese
VIETNAMESE_LETTERS = "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ"
MET, NOT_MET, QUOTA = "#1f4e79", "#c55a11", "#a50000"
# The branch chart draws one bar per branch with a quota up to this many branches. Above it (a
# large ward: 400 branches would be 400 unreadable bars) it draws only the branches below their
# quota, the lowest shares first, at most this many; the caption says which (`Picture.note`).
BRANCH_CHART_MAX_BARS = 30


@dataclass(frozen=True)
class Picture:
    """A PNG to place in a document as an inline picture `width_mm` wide."""

    png: bytes
    width_mm: float = WIDTH_MM
    note: str = ""  # added to the caption: which part of the data the picture shows, when not all


def font_file_lacks(path: str, text: str) -> list[str]:
    """The characters of `text` that the font file at `path` has no glyph for."""
    font = FT2Font(path)
    return [c for c in dict.fromkeys(text) if font.get_char_index(ord(c)) == 0]


def _family_file(name: str, weight: str) -> str | None:
    try:
        return str(
            font_manager.findfont(font_manager.FontProperties(family=name, weight=weight), fallback_to_default=False)
        )
    except ValueError:  # matplotlib knows no file of that family
        return None


@lru_cache(maxsize=1)
def chart_font() -> str:
    """The first of FONTS whose regular and bold files (as matplotlib resolves them) hold
    every Vietnamese letter, lower and upper case; DejaVu Sans when none does."""
    letters = VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper()
    for name in FONTS:
        files = [_family_file(name, weight) for weight in ("normal", "bold")]
        if all(f is not None and not font_file_lacks(f, letters) for f in files):
            return name
    return FALLBACK_FONT


def _figure(height_mm: float) -> Figure:
    fig = Figure(figsize=(WIDTH_MM / 25.4, height_mm / 25.4), dpi=DPI)
    FigureCanvasAgg(fig)
    return fig


def _style(ax) -> None:  # type: ignore[no-untyped-def]
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=FONT_SIZE)


@contextmanager
def _chart_settings() -> Iterator[None]:
    """The font of every text of a chart (no global change), and no English glyph warning
    on the clerk's console: a character outside the chosen font draws as a box in the picture."""
    with matplotlib.rc_context(_rc()), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
        yield


def _rc() -> dict[Any, Any]:  # matplotlib types its keys as a Literal of every setting
    """The font of every text of a chart (used with matplotlib.rc_context: no global change)."""
    return {"font.family": chart_font(), "font.size": FONT_SIZE, "svg.fonttype": "none"}


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})  # no version: same bytes each run
    return buf.getvalue()


def admissions_by_year(years: Sequence[WardYear]) -> Picture | None:
    """Bars: admissions per year; line with markers: the superior's quota of each year that has one.

    The annual report and the term review show the same term: drawn once (the same picture)."""
    return _admissions_by_year_once(tuple(sorted(years, key=lambda y: y.year)))


@lru_cache(maxsize=4)
def _admissions_by_year_once(years: tuple[WardYear, ...]) -> Picture | None:
    if not years or not any(y.admissions or y.ward_quota for y in years):
        return None
    with _chart_settings():
        return _admissions_by_year(years)


def _admissions_by_year(years: Sequence[WardYear]) -> Picture:
    fig = _figure(80)
    ax = fig.add_subplot()
    xs = list(range(len(years)))
    admitted = [y.admissions for y in years]
    bars = ax.bar(xs, admitted, width=0.55, color=MET, label="Số đảng viên kết nạp", zorder=2)
    for bar, n in zip(bars, admitted, strict=True):
        # in the middle of the bar, in white, clear of the quota line at its top; above an empty bar
        x = bar.get_x() + bar.get_width() / 2
        if n > 0:
            ax.text(
                x,
                n / 2,
                fmt_int(n),
                ha="center",
                va="center",
                color="white",
                fontsize=FONT_SIZE + 1,
                fontweight="bold",
                zorder=4,
            )
        else:
            ax.annotate(
                fmt_int(n),
                (x, 0),
                xytext=(0, 2),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=FONT_SIZE + 1,
                fontweight="bold",
                zorder=4,
            )
    with_quota = [(x, y.ward_quota) for x, y in zip(xs, years, strict=True) if y.ward_quota is not None]
    if with_quota:
        ax.plot(
            [x for x, _ in with_quota],
            [q for _, q in with_quota],
            color=QUOTA,
            marker="o",
            markersize=5,
            linewidth=1.5,
            label="Chỉ tiêu cấp trên giao",
            zorder=3,
        )
    top = max([*admitted, *(q for _, q in with_quota)], default=0)
    ax.set_ylim(0, max(1, top) * 1.25)
    ax.set_xticks(xs, [str(y.year) for y in years])
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt_int(int(round(float(v))))))
    ax.set_ylabel("Số đảng viên", fontsize=FONT_SIZE)
    ax.grid(axis="y", color="#d9d9d9", linewidth=0.6, zorder=0)
    ax.legend(loc="upper left", frameon=False, fontsize=FONT_SIZE, ncols=2)
    _style(ax)
    fig.tight_layout()
    return Picture(_png(fig))


def _branch_label(name: str) -> str:
    """ "Chi bộ Tổ dân phố 3" -> "Tổ dân phố 3" (the axis says they are branches), wrapped."""
    short = name[len("Chi bộ ") :] if name.lower().startswith("chi bộ ") else name
    return "\n".join(textwrap.wrap(short, 34)) or name


def branch_achievement(branch_years: Sequence[BranchYear], two_digits: bool = True) -> Picture | None:
    """Horizontal bars: each branch's admissions as a share of its quota, a line at 100%.

    Branches with no quota, or a quota of 0, have no share and are left out. Above
    BRANCH_CHART_MAX_BARS branches, only those below their quota are drawn (see
    `branch_chart_rows`), and the picture's note says so.
    """
    rows, note = branch_chart_rows(branch_years, two_digits)
    if not rows:
        return None
    with _chart_settings():
        picture = _branch_achievement(rows)
    return replace(picture, note=note)


def _share(b: BranchYear) -> float:
    return b.admissions / b.quota if b.quota else 0.0


def branch_chart_rows(branch_years: Sequence[BranchYear], two_digits: bool = True) -> tuple[list[BranchYear], str]:
    """The branches the chart draws, and the note its caption takes ("" when it draws them all).

    Up to BRANCH_CHART_MAX_BARS branches with a quota: all, by name. Above: the branches below
    their quota, the lowest shares first (ties by name), at most BRANCH_CHART_MAX_BARS of them;
    when every branch met its quota, the BRANCH_CHART_MAX_BARS lowest shares.
    """
    rows = [b for b in sort_texts(branch_years, key=lambda b: b.branch) if b.quota]
    if len(rows) <= BRANCH_CHART_MAX_BARS:
        return rows, ""
    below = [b for b in rows if b.below_quota]
    pool = below or rows
    shown = sorted(pool, key=_share)[:BRANCH_CHART_MAX_BARS]  # stable: ties keep the names' order
    n, k, m = (fmt_count(x, two_digits) for x in (len(rows), len(below), len(shown)))
    if not below:
        note = f" (cả {n} chi bộ được giao chỉ tiêu đều đạt; biểu đồ gồm {m} chi bộ có tỷ lệ thấp nhất)"
    elif len(below) <= BRANCH_CHART_MAX_BARS:
        note = f" (gồm {k} chi bộ chưa đạt chỉ tiêu trong số {n} chi bộ được giao chỉ tiêu)"
    else:
        note = (
            f" (gồm {m} chi bộ có tỷ lệ thấp nhất trong số {k} chi bộ chưa đạt chỉ tiêu; {n} chi bộ được giao chỉ tiêu)"
        )
    return shown, note


def _branch_achievement(rows: list[BranchYear]) -> Picture:
    lines = sum(_branch_label(b.branch).count("\n") + 1 for b in rows)
    fig = _figure(min(230.0, 28 + 5.5 * lines + 2.5 * len(rows)))
    ax = fig.add_subplot()
    rows = rows[::-1]  # barh draws from the bottom: the first name on top
    ys = list(range(len(rows)))
    shares = [100 * b.admissions / b.quota for b in rows if b.quota]
    colours = [NOT_MET if b.below_quota else MET for b in rows]
    ax.barh(ys, shares, height=0.6, color=colours, zorder=2)
    for y, value, b in zip(ys, shares, rows, strict=True):
        ax.annotate(
            f"{fmt_pct(value / 100, 1, trim=True)} ({b.admissions}/{b.quota})",
            (value, y),
            xytext=(3, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=FONT_SIZE - 1,
        )
    ax.axvline(100, color=QUOTA, linewidth=1.2, linestyle="--", zorder=3)
    right = max(130.0, max(shares) * 1.3)
    ax.set_xlim(0, right)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_yticks(ys, [_branch_label(b.branch) for b in rows])
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt_pct(float(v) / 100, 0)))
    ax.set_xlabel("Tỷ lệ kết nạp so với chỉ tiêu được giao", fontsize=FONT_SIZE)
    ax.grid(axis="x", color="#d9d9d9", linewidth=0.6, zorder=0)
    handles: list[Artist] = [Line2D([], [], color=QUOTA, linestyle="--", label="100% chỉ tiêu")]
    if MET in colours:
        handles.append(Patch(color=MET, label="Đạt chỉ tiêu"))
    if NOT_MET in colours:
        handles.append(Patch(color=NOT_MET, label="Chưa đạt chỉ tiêu"))
    fig.legend(handles=handles, loc="lower center", ncols=len(handles), frameon=False, fontsize=FONT_SIZE)
    _style(ax)
    fig.tight_layout(rect=(0, 0.06 if len(rows) > 3 else 0.12, 1, 1))
    return Picture(_png(fig))
