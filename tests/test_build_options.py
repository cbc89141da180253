"""One set of build options (`pipeline.BuildOptions`) for a ward and a province, from the CLI and the
library alike: every option of `reportgen build` reaches the build it asks for, whichever kind of
folder it is, and a province's wards are built (and kept in the cache) under those options."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from click.testing import CliRunner
from test_parallel_incremental import contents, stamps
from test_province import YEAR, _province, _ward

from reportgen import cli, pipeline, province
from reportgen.cli import main
from reportgen.pipeline import BuildOptions
from reportgen.province import build_province

ISSUED = date(2025, 1, 5)
WARD = ("ĐẢNG ỦY XÃ CẨM THÀNH", {"Chi bộ Thôn Đông": (2, 1)}, 2, 40)


@pytest.mark.parametrize("kind", ["ward", "province"])
def test_every_build_option_of_the_cli_reaches_the_build(tmp_path, monkeypatch, kind):
    """Each option is given a value other than its default, so a dropped or swapped one fails."""
    root = _province(tmp_path / "tinh") if kind == "province" else tmp_path / "phuong"
    if kind == "ward":
        _ward(root, *WARD)
    templates = tmp_path / "mau"
    assert CliRunner().invoke(main, ["templates", str(templates)]).exit_code == 0
    seen: list[BuildOptions] = []

    def record(folder, out, options=None, progress=None, **changes):  # type: ignore[no-untyped-def]
        seen.append(dataclasses.replace(options or BuildOptions(), **changes))
        raise SystemExit(0)

    monkeypatch.setattr(cli, "build_documents" if kind == "ward" else "build_province", record)
    arguments = ["build", str(root), "--out", str(tmp_path / "out"), "--year", "2023", "--ngay", "20/01/2025"]
    arguments += ["--templates", str(templates), "--pdf", "--mot-chu-so", "-j", "3", "--no-cache"]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.output
    assert seen == [
        BuildOptions(
            year=2023,
            issued=date(2025, 1, 20),
            templates=templates,
            pdf=True,
            two_digits=False,
            jobs=3,
            incremental=False,
        )
    ]
    fields = {f.name for f in dataclasses.fields(BuildOptions)}
    assert fields - {"today"} == {
        "year",
        "issued",
        "templates",
        "pdf",
        "two_digits",
        "jobs",
        "incremental",
    }, "a new build option: give it a value above"


def test_the_library_takes_options_or_single_changes_alike(tmp_path):
    root = tmp_path / "phuong"
    _ward(root, *WARD)
    given = BuildOptions(year=YEAR, issued=ISSUED, today=ISSUED, two_digits=False)
    by_object = pipeline.build(root, tmp_path / "a", given)
    pipeline.build(root, tmp_path / "b", year=YEAR, issued=ISSUED, today=ISSUED, two_digits=False)
    assert by_object.check.ok and by_object.written
    assert contents(tmp_path / "a") == contents(tmp_path / "b")
    with pytest.raises(TypeError):
        pipeline.build(root, tmp_path / "c", yaer=YEAR)  # a misspelt option is not ignored


def test_a_province_builds_its_wards_as_a_ward_alone_under_the_same_options(tmp_path, monkeypatch):
    """The wards of a province get the province's options (one digit here), one process each, and a
    ward's document is the one a build of that ward alone makes."""
    root = _province(tmp_path / "tinh")
    jobs_seen: list[int] = []
    ward_build = pipeline.build

    def counting(folder, out, options=None, progress=None, **changes):  # type: ignore[no-untyped-def]
        jobs_seen.append((options or BuildOptions()).jobs)
        return ward_build(folder, out, options, **changes)

    monkeypatch.setattr(province, "build_ward", counting)
    options = BuildOptions(year=YEAR, issued=ISSUED, today=ISSUED, two_digits=False, jobs=1)
    result = build_province(root, tmp_path / "out", options)
    assert result.ok and result.report is not None
    assert jobs_seen == [1, 1, 1]
    alone = pipeline.build(root / "Phuong An Hai", tmp_path / "alone", options)
    built = contents(tmp_path / "out")
    assert {k: v for k, v in built.items() if k.startswith("phuong-an-hai/")} == {
        f"phuong-an-hai/{k}": v for k, v in contents(tmp_path / "alone").items()
    }
    assert alone.written


def test_a_province_ward_is_taken_from_the_cache_only_under_the_same_options(tmp_path):
    root = _province(tmp_path / "tinh")
    out = tmp_path / "out"
    options = BuildOptions(year=YEAR, issued=ISSUED, today=ISSUED, incremental=True)
    assert build_province(root, out, options).ok
    before, first = stamps(out), contents(out)
    assert build_province(root, out, options).ok
    wards_only = {k: v for k, v in stamps(out).items() if "/" in k}
    assert wards_only == {k: v for k, v in before.items() if "/" in k}  # nothing changed: every ward from the cache
    again = build_province(root, out, dataclasses.replace(options, two_digits=False))
    full = build_province(root, tmp_path / "full", dataclasses.replace(options, two_digits=False, incremental=False))
    assert again.ok and full.report == again.report
    one_digit = contents(tmp_path / "full")
    wards = {k.split("/")[0] for k in first if "/" in k}
    for ward in wards:  # each ward's documents differ with one digit, so none may come from the cache
        assert {k: v for k, v in one_digit.items() if k.startswith(ward)} != {
            k: v for k, v in first.items() if k.startswith(ward)
        }
    assert contents(out) == one_digit
