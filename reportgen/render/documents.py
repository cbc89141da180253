"""Templates + figures -> .docx documents, each written atomically.

Rendering uses docxtpl with a Jinja environment that escapes every value (so `&`, `<`
and `{{` in a branch name are printed as they are) and refuses unknown variables. Any
problem in a template becomes a `TemplateProblem` naming the template and the tag.
"""

from __future__ import annotations

import functools
import io
import re
import tempfile
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import Environment, StrictUndefined

from reportgen.cache import Cache
from reportgen.progress import SILENT, Progress
from reportgen.render.charts import Picture
from reportgen.render.context import KIND_ANNUAL, KIND_BRANCH, KIND_PLAN, KIND_TERM, build_context
from reportgen.render.output import (
    OutputProblem,
    TemplateProblem,
    TemplatesExist,
    atomic_write,
    check_templates_folder,
    raise_template_problems,
)
from reportgen.render.prepared import DocxPicture, PreparedTemplate, Unsupported
from reportgen.render.template_check import Placed, block_problem, syntax_detail
from reportgen.render.vietnamese import slugify
from reportgen.resources import default_templates
from reportgen.stats.model import Report

TEMPLATES_DIR = default_templates()  # package data (reportgen/templates), see resources.py
TEMPLATE_FILES = {
    KIND_ANNUAL: "bao-cao.docx",
    KIND_TERM: "tong-ket-nhiem-ky.docx",
    KIND_BRANCH: "chi-bo.docx",
    KIND_PLAN: "ke-hoach.docx",
}
PROVINCE_TEMPLATE = "tong-hop.docx"  # the province report (render/province.py)
BRANCH_DIR = "chi-bo"

__all__ = [
    "TEMPLATES_DIR",
    "TemplateProblem",
    "TemplatesExist",
    "OutputProblem",
    "copy_templates",
    "make_environment",
    "check_template",
    "render_document",
    "write_documents",
    "document_names",
]


def _write_bytes(path: Path, data: bytes) -> None:
    path.write_bytes(data)


class _CompilingOnceEnvironment(Environment):
    """Compiles each template source once: docxtpl asks for the same body, headers and
    properties of a template for every document it renders (9 compiles a document)."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._compiled: dict[str, jinja2.Template] = {}

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> jinja2.Template:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        compiled = self._compiled.get(source)
        if compiled is None:
            if len(self._compiled) >= 256:  # a clerk's many template folders: stay bounded
                self._compiled.clear()
            compiled = self._compiled[source] = super().from_string(source)
        return compiled


def make_environment() -> Environment:
    """Autoescape on (data may hold & and <), unknown variables are errors."""
    return _CompilingOnceEnvironment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)


_SHARED: list[Environment] = []


def shared_environment() -> Environment:
    """One environment per process, so a template is compiled once per run (every ward of a province)."""
    if not _SHARED:
        _SHARED.append(make_environment())
    return _SHARED[0]


# A template file's bytes and its body as Jinja sees it, once per process (keyed on path, time, size).
_TEMPLATE_BYTES: dict[tuple[str, int, int], bytes] = {}
_PATCHED_BODY: dict[tuple[str, int, int], str] = {}


class _PreparedTemplate(DocxTemplate):
    """A docxtpl template read from memory whose patched body XML is prepared once."""

    def __init__(self, key: tuple[str, int, int]) -> None:
        if key not in _TEMPLATE_BYTES:
            _TEMPLATE_BYTES[key] = Path(key[0]).read_bytes()
        super().__init__(io.BytesIO(_TEMPLATE_BYTES[key]))
        self._key = key

    def build_xml(self, context: dict[str, Any], jinja_env: Environment | None = None) -> str:
        body = _PATCHED_BODY.get(self._key)
        if body is None:
            body = _PATCHED_BODY[self._key] = self.patch_xml(self.get_xml())
        return self.render_xml_part(body, self.docx._part, context, jinja_env)  # type: ignore[no-any-return]


# --- reading the tags of a template --------------------------------------------------

_TAG_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_OPEN_RE = re.compile(r"\{\{|\{%|\{#")
_DOCXTPL_PREFIX = re.compile(r"^(\{%-?|\{\{-?|\{#)(tr|tc|p|r) ")
_DOCXTPL_SPECIAL = re.compile(r"^\{%\s*(cellbg|colspan|vm|hm)\b")
_FULLWIDTH_TAG = re.compile(r"[｛{][｛{%][^｛｝{}]*[｝}%][｝}]")  # a tag typed with full-width braces (an IME)
_FULLWIDTH = str.maketrans({"｛": "{", "｝": "}", "％": "%"})
_SMART_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


@dataclass(frozen=True)
class _Paragraph:
    text: str  # runs joined
    index: int  # in the template, body first, then headers and footers
    row: int | None  # the table row it sits in (an index over the template's rows), None outside a table
    where: str  # in the clerk's words: "đoạn văn thứ 12 (sau «1- Lãnh đạo, chỉ đạo»)", "bảng 2, dòng 8"


def _paragraphs(path: Path) -> list[_Paragraph]:
    """Every paragraph of the body, the headers and the footers, with its place."""
    tpl = DocxTemplate(str(path))
    docx = tpl.get_docx()
    body = docx.element.body
    parts: list[tuple[str, Any]] = [("", body)]
    for section in docx.sections:
        for part in (
            section.header,
            section.first_page_header,
            section.even_page_header,
            section.footer,
            section.first_page_footer,
            section.even_page_footer,
        ):
            if not part.is_linked_to_previous:
                is_header = "header" in type(part).__name__.lower()
                parts.append(("đầu trang" if is_header else "chân trang", part._element))
    # keyed on the elements themselves: the dict keeps lxml's proxies alive, so they stay the same objects
    tables = {t: i for i, t in enumerate(body.iterchildren(qn("w:tbl")), start=1)}
    rows: dict[Any, int] = {}
    out: list[_Paragraph] = []
    for label, element in parts:
        last_text = ""
        number = 0
        for p in element.iter(qn("w:p")):
            text = "".join(t.text or "" for t in p.iter(qn("w:t")))
            row = next((a for a in p.iterancestors(qn("w:tr"))), None)
            row_index = None
            if row is not None:
                row_index = rows.setdefault(row, len(rows))
                table = row.getparent()
                top = next((a for a in p.iterancestors(qn("w:tbl")) if a in tables), None)
                after = f"; bảng đặt sau «{last_text}»" if last_text else ""
                line = list(table.iterchildren(qn("w:tr"))).index(row) + 1
                where = f"bảng thứ {tables[top]}, dòng {line}{after}" if top is not None else f"một bảng{after}"
            else:
                number += 1
                where = f"đoạn văn thứ {number}" + (f", sau «{last_text}»" if last_text else "")
            if label:
                where = f"{where}, phần {label}"
            out.append(_Paragraph(text, len(out), row_index, where))
            plain = _TAG_RE.sub("", text).strip()
            if plain and row is None:
                last_text = plain if len(plain) <= 40 else plain[:40] + "…"
    return out


def template_tags(path: Path) -> list[str]:
    """Every tag of a template in document order, as written (smart quotes kept)."""
    tags: list[str] = []
    for paragraph in _paragraphs(path):
        tags.extend(_TAG_RE.findall(paragraph.text))
    return tags


def _open_docx(path: Path, name: str) -> None:
    if not path.is_file():
        raise TemplateProblem(name, f"không tìm thấy tệp mẫu tại «{path}».")
    if not zipfile.is_zipfile(path):
        raise TemplateProblem(name, "tệp mẫu không phải là tệp Word (.docx) hợp lệ.")


def _as_jinja(tag: str) -> str:
    """A tag as Jinja sees it after docxtpl's preprocessing ({%tr for %} -> {% for %})."""
    tag = tag.translate(_SMART_QUOTES)
    if _DOCXTPL_SPECIAL.match(tag):
        return ""
    return _DOCXTPL_PREFIX.sub(lambda m: m.group(1) + " ", tag)


def check_template(path: Path, env: Environment | None = None) -> list[Placed]:
    """Check a template's tags before rendering; return them with their places, or raise TemplateProblem.

    Finds a tag left open in its paragraph, a block tag without the prefix its paragraphs or rows
    need (render.template_check), a tag Jinja cannot parse, a block never closed (naming its
    opening tag), and "{% tr" written with a space.
    """
    name = Path(path).name
    _open_docx(Path(path), name)
    env = env or make_environment()
    try:
        paragraphs = _paragraphs(Path(path))
    except Exception as exc:  # a damaged package
        raise TemplateProblem(name, "không đọc được nội dung tệp mẫu (tệp Word bị hỏng).") from exc
    placed: list[Placed] = []
    for paragraph in paragraphs:
        found = _TAG_RE.findall(paragraph.text)
        rest = _TAG_RE.sub("", paragraph.text)
        opened = _OPEN_RE.search(rest)
        if opened:
            snippet = rest[opened.start() : opened.start() + 40]
            raise TemplateProblem(name, f"thẻ «{snippet}» ({paragraph.where}) không được đóng trong cùng đoạn văn.")
        wide = next((m for m in _FULLWIDTH_TAG.finditer(paragraph.text) if set(m.group(0)) & set("｛｝")), None)
        if wide:
            typed = wide.group(0)
            raise TemplateProblem(
                name,
                f"thẻ «{typed}» ({paragraph.where}) gõ bằng dấu ngoặc nhọn toàn khổ nên không được điền; "
                f"gõ lại bằng dấu ngoặc thường: «{typed.translate(_FULLWIDTH)}».",
            )
        placed.extend(Placed(tag, paragraph.index, paragraph.row, paragraph.where) for tag in found)
    tags = [p.tag for p in placed]
    lines = [_as_jinja(t) for t in tags]
    try:
        env.from_string("\n".join(lines))  # compiles too: unknown filters and tests
    except jinja2.TemplateSyntaxError as exc:
        problem = block_problem(placed)  # a block's tags out of place explain Jinja's complaint best
        raise TemplateProblem(name, problem or _syntax_detail(placed, lines, exc)) from exc
    problem = block_problem(placed)
    if problem:
        raise TemplateProblem(name, problem)
    return placed


def _syntax_detail(placed: list[Placed], lines: list[str], exc: jinja2.TemplateSyntaxError) -> str:
    message = exc.message or str(exc)
    if "Unexpected end of template" in message:
        opener = _unclosed_block(lines, placed)
        if opener:
            return f"thẻ «{opener.tag}» ({opener.where}) mở một khối nhưng không có thẻ đóng (endfor/endif)."
        return "thiếu thẻ đóng khối (endfor/endif)."
    index = (exc.lineno or 1) - 1
    return syntax_detail(placed[index] if 0 <= index < len(placed) else None, exc)


_BLOCK_RE = re.compile(r"^\{%-?\s*(\w+)")


def _unclosed_block(lines: list[str], placed: list[Placed]) -> Placed | None:
    stack: list[Placed] = []
    for line, tag in zip(lines, placed, strict=True):
        m = _BLOCK_RE.match(line)
        if not m:
            continue
        word = m.group(1)
        if word in ("for", "if", "macro", "block", "with", "filter"):
            stack.append(tag)
        elif word.startswith("end") and stack:
            stack.pop()
    return stack[-1] if stack else None


_UNDEFINED_RES = (
    re.compile(r"'([^']+)' is undefined"),
    re.compile(r"has no attribute '([^']+)'"),
    re.compile(r"no attribute '([^']+)'"),
)


def _undefined_detail(tags: list[Placed], exc: jinja2.UndefinedError) -> str:
    message = str(exc.message or exc)
    missing = None
    for pattern in _UNDEFINED_RES:
        m = pattern.search(message)
        if m:
            missing = m.group(1)
            break
    if missing is None:
        return "một thẻ dùng dữ liệu không có trong văn bản này."
    word = re.compile(rf"(?<![\w.]){re.escape(missing)}\b|\.{re.escape(missing)}\b")
    for placed in tags:
        if word.search(placed.tag):
            return f"thẻ «{placed.tag}» ({placed.where}) dùng tên «{missing}» nhưng dữ liệu không có tên này."
    return f"một thẻ dùng tên «{missing}» nhưng dữ liệu không có tên này."


# --- rendering -------------------------------------------------------------------------


def _place_pictures(value: Any, tpl: DocxTemplate) -> Any:
    """The context with every `Picture` (PNG bytes) turned into docxtpl's InlineImage for `tpl`."""
    if isinstance(value, Picture):
        return InlineImage(tpl, io.BytesIO(value.png), width=Mm(value.width_mm))
    if isinstance(value, dict):
        return {k: _place_pictures(v, tpl) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_place_pictures(v, tpl) for v in value]
    return value


# Results of the checks that depend only on the template file (and the names a context defines).
_CHECKED: dict[tuple[str, int, int], list[Placed]] = {}
_UNDECLARED: dict[tuple[tuple[str, int, int], frozenset[str]], set[str]] = {}
# Each template prepared once per process and Jinja environment (None: only docxtpl's own path renders it).
_PREPARED: dict[tuple[tuple[str, int, int], int], PreparedTemplate | None] = {}


_GUARDED: set[tuple[str, int, int]] = set()


def _body_faults(data: bytes) -> set[str]:
    """What makes a document one Word refuses or one cut short: a paragraph inside a paragraph (not in
    a text box), a body without its closing section properties (everything after a point lost)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = parse_xml(package.read("word/document.xml"))
    faults = set()
    body = root.find(qn("w:body"))
    if body is None or len(body) == 0 or body[-1].tag != qn("w:sectPr"):
        faults.add("thiếu phần cuối văn bản")
    for p in root.iter(qn("w:p")):
        parent = p.getparent()
        while parent is not None and parent.tag != qn("w:txbxContent"):
            if parent.tag == qn("w:p"):
                faults.add("có đoạn văn nằm trong đoạn văn")
                break
            parent = parent.getparent()
        if "có đoạn văn nằm trong đoạn văn" in faults:
            break
    return faults


def broken_body(template: bytes, data: bytes | None) -> str | None:
    """A fault of the rendered document its template does not have itself (None: none)."""
    if data is None:
        return None
    faults = _body_faults(data) - _body_faults(template)
    return "; ".join(sorted(faults)) or None


def _fast_pictures(value: Any) -> Any:
    """The context with every `Picture` turned into the prepared renderer's picture."""
    if isinstance(value, Picture):
        return DocxPicture(value.png, value.width_mm)
    if isinstance(value, dict):
        return {k: _fast_pictures(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_fast_pictures(v) for v in value]
    return value


def _prepared(key: tuple[str, int, int], env: Environment) -> PreparedTemplate | None:
    slot = (key, id(env))
    if slot not in _PREPARED:
        if len(_PREPARED) >= 64:  # a clerk's many template folders: stay bounded
            _PREPARED.clear()
        if key not in _TEMPLATE_BYTES:
            _TEMPLATE_BYTES[key] = Path(key[0]).read_bytes()
        try:
            _PREPARED[slot] = PreparedTemplate(_TEMPLATE_BYTES[key], env)
        except Unsupported:
            _PREPARED[slot] = None
    return _PREPARED[slot]


def _render_bytes(key: tuple[str, int, int], context: dict[str, Any], env: Environment) -> bytes | None:
    """The document rendered from the prepared template, or None when only docxtpl can render it."""
    prepared = _prepared(key, env)
    if prepared is None:
        return None
    missing = prepared.variables - set(context)
    if missing:
        raise jinja2.UndefinedError(f"'{sorted(missing)[0]}' is undefined")
    try:
        return prepared.render(_fast_pictures(context))
    except Unsupported:
        return None


def _render_docxtpl(key: tuple[str, int, int], context: dict[str, Any], env: Environment) -> DocxTemplate:
    """docxtpl's own path: the whole package parsed, rendered and saved for this document."""
    tpl = _PreparedTemplate(key)
    context = _place_pictures(context, tpl)
    names_key = (key, frozenset(context))
    if names_key not in _UNDECLARED:
        _UNDECLARED[names_key] = set(tpl.get_undeclared_template_variables(jinja_env=env, context=context))
    missing = _UNDECLARED[names_key]
    if missing:
        first = sorted(missing)[0]
        raise jinja2.UndefinedError(f"'{first}' is undefined")
    tpl.render(context, jinja_env=env, autoescape=True)
    return tpl


def _template_key(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return (str(path.resolve()), stat.st_mtime_ns, stat.st_size)


def checked_template(path: Path, env: Environment) -> list[Placed]:
    """check_template once per process for a template file as it is (every branch, every ward of a
    province reuse the result); a problem is raised each time."""
    path = Path(path)
    if not path.is_file():
        return check_template(path, env)  # raises: the file is missing
    key = _template_key(path)
    if key not in _CHECKED:
        _CHECKED[key] = check_template(path, env)
    return _CHECKED[key]


def render_document(
    template_path: Path, context: dict[str, Any], out_path: Path, env: Environment | None = None
) -> Path:
    """Render one template with its context and write it atomically to out_path."""
    template_path = Path(template_path)
    name = template_path.name
    env = env or shared_environment()
    key = _template_key(template_path)
    tags = checked_template(template_path, env)
    tpl: DocxTemplate | None = None
    try:
        data = _render_bytes(key, context, env)
        if data is None:
            tpl = _render_docxtpl(key, context, env)
    except jinja2.UndefinedError as exc:
        raise TemplateProblem(name, _undefined_detail(tags, exc)) from exc
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(name, syntax_detail(None, exc)) from exc
    except jinja2.TemplateError as exc:
        raise TemplateProblem(name, "lỗi khi điền mẫu: một thẻ không dùng được với dữ liệu của văn bản này.") from exc
    except Exception as exc:  # docxtpl / lxml: the tags broke the document structure
        raise TemplateProblem(name, "văn bản sinh ra từ mẫu không hợp lệ, có thể do thẻ đặt sai chỗ.") from exc

    if tpl is not None:
        docxtpl_template = tpl
        return atomic_write(Path(out_path), lambda tmp: docxtpl_template.save(str(tmp)))
    if key not in _GUARDED:  # the first document of a template in this process: a last look at its body
        _GUARDED.add(key)
        broken = broken_body(_TEMPLATE_BYTES[key], data)
        if broken:
            raise TemplateProblem(name, f"văn bản sinh ra từ mẫu không hợp lệ ({broken}), có thể do thẻ đặt sai chỗ.")
    return atomic_write(Path(out_path), functools.partial(write_document_bytes, data=data))


def write_document_bytes(path: Path, data: bytes | None) -> None:
    """Write a rendered document's bytes (the one place a prepared document reaches the disk)."""
    assert data is not None
    path.write_bytes(data)


def document_names(report: Report) -> dict[str, str]:
    """File names of the documents, relative to the output folder."""
    ward = report.ward
    names = {KIND_ANNUAL: f"bao-cao-{report.year}.docx"}
    if report.term_declared:  # never a review of a term `Đơn vị` does not declare
        names[KIND_TERM] = f"tong-ket-nhiem-ky-{ward.term_first_year}-{ward.term_last_year}.docx"
    if report.plan is not None:
        names[KIND_PLAN] = f"ke-hoach-{report.plan.year}.docx"
    return names


def branch_file_stems(report: Report) -> list[str]:
    """One unique, safe file stem per branch report, in the order of report.branch_reports."""
    seen: set[str] = set()
    stems = []
    for br in report.branch_reports:
        base = slugify(br.info.slug or br.info.name)
        stem, n = base, 2
        while stem in seen:
            stem, n = f"{base}-{n}", n + 1
        seen.add(stem)
        stems.append(stem)
    return stems


# Below this many branch reports, starting worker processes costs more than it saves.
PARALLEL_MIN_DOCUMENTS = 24


@dataclass(frozen=True)
class _Job:
    kind: str
    branch: int | None  # index into report.branch_reports
    template: Path
    target: Path


def _render_job(report: Report, job: _Job, two_digits: bool, cache: Cache | None) -> Path:
    """Fill one document's variables and render it, unless the cache has it as it would be."""
    br = None if job.branch is None else report.branch_reports[job.branch]
    context = build_context(report, job.kind, br, two_digits=two_digits)
    key = None
    if cache is not None:
        key = cache.document_key(job.template, context)
        if cache.document_fresh(job.target, key):
            return job.target
    render_document(job.template, context, job.target, shared_environment())
    if cache is not None and key is not None:
        cache.document_written(job.target, key)
    return job.target


_WORKER: dict[str, Any] = {}


def _worker_start(report: Report, two_digits: bool, cache: Cache | None) -> None:
    _WORKER.update(report=report, two_digits=two_digits, cache=cache)


def _worker_render(jobs: list[_Job]) -> list[Path]:
    return [_render_job(_WORKER["report"], job, _WORKER["two_digits"], _WORKER["cache"]) for job in jobs]


def write_documents(
    report: Report,
    out_dir: Path,
    templates_dir: Path | None = None,
    *,
    two_digits: bool = True,
    jobs: int = 1,
    progress: Progress = SILENT,
    cache: Cache | None = None,
) -> list[Path]:
    """Write bao-cao-<year>.docx, tong-ket-nhiem-ky-<A>-<B>.docx, ke-hoach-<year+1>.docx (when the
    report has a plan) and chi-bo/<slug>.docx.

    All templates are checked before anything is written. With `jobs` > 1 and many
    branches, the branch reports are rendered by that many processes; the documents are
    the same as one process makes. With a `cache`, a document whose template and
    variables are those of its file is not rendered again. Raises TemplateProblem or
    OutputProblem, both with a Vietnamese message.
    """
    templates_dir = Path(templates_dir) if templates_dir is not None else TEMPLATES_DIR
    out_dir = Path(out_dir)
    env = shared_environment()
    check_templates_folder(templates_dir)
    problems: list[TemplateProblem] = []
    for file_name in TEMPLATE_FILES.values():
        try:
            checked_template(templates_dir / file_name, env)
        except TemplateProblem as exc:
            problems.append(exc)
    raise_template_problems(problems)

    names = document_names(report)
    ward_jobs = [
        _Job(kind, None, templates_dir / TEMPLATE_FILES[kind], out_dir / names[kind])
        for kind in (KIND_ANNUAL, KIND_TERM, KIND_PLAN)
        if kind in names
    ]
    branch_template = templates_dir / TEMPLATE_FILES[KIND_BRANCH]
    branch_jobs = [
        _Job(KIND_BRANCH, i, branch_template, out_dir / BRANCH_DIR / f"{stem}.docx")
        for i, stem in enumerate(branch_file_stems(report))
    ]
    progress.stage("Tạo văn bản", len(ward_jobs) + len(branch_jobs))
    failed: dict[Path, TemplateProblem] = {}  # a template that failed is named once, the others still tried
    probed: set[Path] = set()

    def render(job: _Job) -> list[Path]:
        if job.template in failed:
            return []
        if failed:  # nothing more is written: the other templates are only tried, on a scratch copy
            if job.template not in probed:
                probed.add(job.template)
                with tempfile.TemporaryDirectory(prefix="reportgen-") as scratch:
                    try:
                        _render_job(report, replace(job, target=Path(scratch) / job.target.name), two_digits, None)
                    except TemplateProblem as exc:
                        failed[job.template] = exc
            return []
        try:
            return [_render_job(report, job, two_digits, cache)]
        except TemplateProblem as exc:
            failed[job.template] = exc
            return []

    if jobs <= 1 or len(branch_jobs) < PARALLEL_MIN_DOCUMENTS:
        written = []
        for job in [*ward_jobs, *branch_jobs]:
            written += render(job)
            progress.advance()
        raise_template_problems(list(failed.values()))
        return written

    from concurrent.futures import ProcessPoolExecutor

    size = max(1, min(16, len(branch_jobs) // (jobs * 4)))  # small chunks: the bar moves, the cores stay busy
    chunks = [branch_jobs[i : i + size] for i in range(0, len(branch_jobs), size)]
    with ProcessPoolExecutor(jobs, initializer=_worker_start, initargs=(report, two_digits, cache)) as pool:
        futures = [pool.submit(_worker_render, chunk) for chunk in chunks]
        written = []
        for job in ward_jobs:  # the ward's documents (and their charts) here meanwhile
            written += render(job)
            progress.advance()
        for future, chunk in zip(futures, chunks, strict=True):
            try:
                written += future.result()
            except TemplateProblem as exc:
                failed.setdefault(branch_template, exc)
            progress.advance(len(chunk))
    raise_template_problems(list(failed.values()))
    return written


def _names_used(path: Path, env: Environment) -> set[str]:
    """The data names a template uses (`branch_rows`, `year`...), loop variables left out."""
    source = "\n".join(_as_jinja(p.tag) for p in checked_template(path, env))
    return set(jinja2.meta.find_undeclared_variables(env.parse(source)))


def template_folder_notes(templates_dir: Path | None) -> list[str]:
    """What a clerk's template folder (`--templates`) gave, when it may not be what the clerk meant:
    a Word file there that is not one of the templates' names (an edit saved under another name is
    not used), and a name the original template uses that the edited one no longer does (a table or
    a section deleted: the documents will not have it)."""
    if templates_dir is None or not Path(templates_dir).is_dir():
        return []
    folder = Path(templates_dir)
    env = shared_environment()
    known = [*TEMPLATE_FILES.values(), PROVINCE_TEMPLATE]
    notes = []
    others = sorted(
        p.name
        for p in folder.iterdir()
        if p.is_file()
        and p.suffix.lower() in (".docx", ".doc", ".odt")
        and not p.name.startswith("~$")
        and p.name not in known
    )
    if others:
        used = [name for name in TEMPLATE_FILES.values() if (folder / name).is_file()]
        hints = []
        for other in others:
            stem = slugify(Path(other).stem)
            like = [n for n in known if stem.startswith(Path(n).stem)]
            if like:
                target = max(like, key=len)
                hints.append(f"nếu «{other}» là mẫu đã sửa, đổi tên thành «{target}» (thay tệp «{target}» đang có)")
        notes.append(
            f"thư mục mẫu «{folder}»: dùng {', '.join(f'«{n}»' for n in used) or 'không mẫu nào'}; không dùng "
            f"{', '.join(f'«{n}»' for n in others)} vì chương trình chỉ đọc các mẫu có đúng tên "
            f"{', '.join(f'«{n}»' for n in known)}" + (f"; {'; '.join(hints)}" if hints else "")
        )
    for name in TEMPLATE_FILES.values():
        edited = folder / name
        if not edited.is_file() or edited.read_bytes() == (TEMPLATES_DIR / name).read_bytes():
            continue
        try:
            lost = _names_used(TEMPLATES_DIR / name, env) - _names_used(edited, env)
        except TemplateProblem:
            continue  # said as an error by write_documents
        if lost:
            notes.append(
                f"mẫu «{name}» đã sửa không còn dùng {', '.join(f'«{n}»' for n in sorted(lost))} của mẫu gốc "
                "(bảng hoặc đoạn văn đã bị xóa), nên văn bản không có phần này; nếu xóa nhầm, chép lại phần đó "
                "từ mẫu gốc (reportgen templates THƯ_MỤC_KHÁC)"
            )
    return notes


def copy_templates(dest: Path, overwrite: bool = False, source: Path | None = None) -> list[Path]:
    """Copy the default templates into `dest` for a clerk to edit (then `build --templates dest`).

    Refuses, before copying anything, when one of them is already there, unless `overwrite`.
    Raises TemplatesExist or OutputProblem, both with a Vietnamese message.
    """
    source = Path(source) if source is not None else TEMPLATES_DIR
    dest = Path(dest)
    if dest.exists() and not dest.is_dir():
        raise OutputProblem(dest, "đã có một tệp trùng tên; hãy chọn tên thư mục khác.")
    names = [*TEMPLATE_FILES.values(), PROVINCE_TEMPLATE]
    existing = [dest / name for name in names if (dest / name).exists()]
    if existing and not overwrite:
        raise TemplatesExist(dest, [p.name for p in existing])
    written = []
    for name in names:
        data = (source / name).read_bytes()
        written.append(atomic_write(dest / name, functools.partial(_write_bytes, data=data)))
    return written
