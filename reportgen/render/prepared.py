"""A docxtpl template prepared once per process, and documents rendered from it without
docxtpl's per-document parse and re-serialise of the whole package.

docxtpl (the template language the clerks edit in Word) renders a document by opening
the template as a python-docx package, rendering the body, the headers, the footers and
the core properties with Jinja, and saving the whole package again: every part is
parsed, re-serialised and compressed for every document (800 KB of styles among them).
Here the same steps run once per template and process:

- the package is opened once with python-docx; every part that rendering does not
  change is serialised and compressed once, as python-docx would write it;
- the body, the headers and the footers are patched once with docxtpl's own
  `patch_xml` and compiled once with the run's Jinja environment;

and for each document only the Jinja render of the body (and of the parts that hold
tags), docxtpl's own post-processing of the rendered XML (`resolve_listing`,
`fix_tables`, the drawing ids), the pictures (as python-docx adds them) and a zip made
of the precompressed parts remain. The parts written are those docxtpl writes (a test
compares them part by part). Anything this path does not handle (footnotes holding
tags, a picture in a header) raises `Unsupported`, and the caller renders with docxtpl.
"""

from __future__ import annotations

import io
import re
import struct
import time
import zlib
from dataclasses import dataclass, field
from typing import Any

import jinja2
from docx.image.image import Image
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import CT_Relationships, serialize_part_xml
from docx.opc.packuri import PackURI
from docx.opc.pkgwriter import _ContentTypesItem
from docx.oxml.parser import parse_xml
from docx.oxml.shape import CT_Inline
from docx.shared import Mm
from docxtpl import DocxTemplate
from jinja2 import Environment, meta

from ..errors import ReportgenError

__all__ = ["PreparedTemplate", "Unsupported", "DocxPicture"]

_TAG = re.compile(r"\{[{%#]")
_P_OPEN = re.compile(r"<w:p([ >])")
_P_OPEN_NL = re.compile(r"\n<w:p([ >])")
_CORE_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")  # as docxtpl renders them
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_BODY_START = b"<w:body"
_BODY_END = b"</w:body>"


class Unsupported(ReportgenError):
    """The template (or this document) uses something only docxtpl's own path renders (internal:
    caught by render/documents.py, never shown)."""


class DocxPicture:
    """A PNG placed as docxtpl's InlineImage places it: `{{ chart }}` in a run."""

    def __init__(self, png: bytes, width_mm: float) -> None:
        self.png = png
        self.width_mm = width_mm
        self.sink: _Render | None = None

    def __html__(self) -> str:
        if self.sink is None:
            raise Unsupported("a picture outside the body")
        return self.sink.picture(self)

    __str__ = __html__


@dataclass
class _Entry:
    name: str
    data: bytes
    crc: int
    deflated: bytes


def _entry(name: str, data: bytes) -> _Entry:
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)  # as zipfile does
    return _Entry(name, data, zlib.crc32(data), compressor.compress(data) + compressor.flush())


@dataclass
class _Part:
    """A part docxtpl renders with Jinja (a header or a footer)."""

    name: str  # zip member name
    compiled: jinja2.Template
    encoding: str
    fixed: bytes | None  # the rendered part when it holds no tag (the same for every document)


@dataclass
class _Rel:
    rId: str
    reltype: str
    target_ref: str
    is_external: bool
    target: str | None  # partname of an internal target


@dataclass
class _Render:
    """The state of one document's render: the pictures added to the body."""

    template: PreparedTemplate
    images: list[tuple[str, str, bytes]] = field(default_factory=list)  # (partname, content type, png)
    rels: list[_Rel] = field(default_factory=list)  # relationships added to the document part

    def picture(self, picture: DocxPicture) -> str:
        t = self.template
        image = Image.from_blob(picture.png)
        partname = None
        for name, sha1 in t.image_parts:
            if sha1 == image.sha1:
                partname = name
        for name, _, png in self.images:
            if png == picture.png:
                partname = name
        if partname is None:  # python-docx's ImageParts._next_image_partname
            used = {PackURI(n).idx for n, _ in t.image_parts} | {PackURI(n).idx for n, _, _ in self.images}
            count = len(t.image_parts) + len(self.images)
            number = next((n for n in range(1, count + 1) if n not in used), count + 1)
            partname = f"/word/media/image{number}.{image.ext}"
            self.images.append((partname, image.content_type, picture.png))
        rels = [*t.document_rels, *self.rels]
        rId = next((r.rId for r in rels if r.reltype == RT.IMAGE and not r.is_external and r.target == partname), None)
        if rId is None:  # python-docx's _Relationships._next_rId
            taken = {r.rId for r in rels}
            rId = next(f"rId{n}" for n in range(1, len(rels) + 2) if f"rId{n}" not in taken)
            self.rels.append(_Rel(rId, RT.IMAGE, PackURI(partname).relative_ref("/word"), False, partname))
        cx, cy = image.scaled_dimensions(Mm(picture.width_mm), None)
        pic = CT_Inline.new_pic_inline(t.next_id, rId, image.filename, cx, cy).xml
        return f'</w:t></w:r><w:r><w:drawing>{pic}</w:drawing></w:r><w:r><w:t xml:space="preserve">'


def _compile(env: Environment, source: str, variables: set[str]) -> jinja2.Template:
    """env.from_string(source), parsed once for both the compiled template and the names it uses
    that it does not set (added to `variables`)."""
    tree = env.parse(source)
    variables |= meta.find_undeclared_variables(tree)
    return env.template_class.from_code(env, env.compile(tree), env.make_globals(None), None)


def _finish(tpl: DocxTemplate, xml: str) -> str:
    """docxtpl's post-processing of a rendered part (DocxTemplate.render_xml_part)."""
    xml = _P_OPEN_NL.sub(r"<w:p\1", xml)
    xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    return str(tpl.resolve_listing(xml))


_TOOLS = DocxTemplate(io.BytesIO(b""))  # never loaded: only its stateless helpers are called


class PreparedTemplate:
    """One template, prepared once: its unchanged parts compressed, its tagged parts compiled."""

    def __init__(self, data: bytes, env: Environment) -> None:
        self.env = env
        tpl = DocxTemplate(io.BytesIO(data))
        tpl.init_docx()
        self._tpl = _TOOLS  # docxtpl's helpers that use no state; the package is not kept
        doc = tpl.docx
        part = doc.part
        package = part.package
        for p in package.iter_parts():
            if p.content_type == _FOOTNOTES and _TAG.search(p.blob.decode("utf-8", "replace")):
                raise Unsupported("footnotes holding tags")

        # The body: patched and compiled once; the document part's frame around it.
        body = tpl.patch_xml(tpl.get_xml())
        variables: set[str] = set()
        self.body = _compile(env, _P_OPEN.sub(r"\n<w:p\1", body), variables)
        whole = serialize_part_xml(doc.element)
        start, end = whole.find(_BODY_START), whole.rfind(_BODY_END)
        if start < 0 or end < 0:
            raise Unsupported("no body")
        self.frame = whole[:start] + b"<w:body/>" + whole[end + len(_BODY_END) :]
        self.document_name = part.partname.membername
        self.next_id = part.next_id
        self.image_parts = [(str(p.partname), p.sha1) for p in package.image_parts]
        self.document_rels = [
            _Rel(
                r.rId,
                r.reltype,
                r.target_ref,
                r.is_external,
                None if r.is_external else str(r.target_part.partname),
            )
            for r in part.rels.values()
        ]

        # Headers and footers, as docxtpl renders them.
        self.parts: list[_Part] = []
        for uri in (DocxTemplate.HEADER_URI, DocxTemplate.FOOTER_URI):
            for _, hf in tpl.get_headers_footers(uri):
                xml = tpl.get_part_xml(hf)
                encoding = tpl.get_headers_footers_encoding(xml)
                patched = tpl.patch_xml(xml)
                compiled = _compile(env, _P_OPEN.sub(r"\n<w:p\1", patched), variables)
                entry = _Part(hf.partname.membername, compiled, encoding, None)
                if not _TAG.search(patched):
                    entry.fixed = self._header_blob(entry, {})
                self.parts.append(entry)
        self.variables = variables  # as docxtpl's get_undeclared_template_variables finds them

        # Core properties: rendered once when none holds a tag, else for each document.
        core = doc.core_properties  # python-docx adds the part when the template has none
        self.core_name: str = _core_part(package).partname.membername
        self.core_sources = {name: getattr(core, name) for name in _CORE_PROPERTIES}
        self.core_compiled = {name: env.from_string(src) for name, src in self.core_sources.items()}
        self.core_templated = any(_TAG.search(src) for src in self.core_sources.values())
        self.core_blob = _core_part(package).blob
        fixed_core = None if self.core_templated else self._core({})

        # Everything else as python-docx writes it, compressed once.
        self.order: list[str] = []  # zip members in python-docx's order
        parts = list(package.iter_parts())
        self.content_types = [(p.partname, p.content_type) for p in parts]
        self.entries: dict[str, _Entry] = {}
        self._content_types: dict[tuple[tuple[str, str], ...], _Entry] = {}
        self.entries["[Content_Types].xml"] = self._content_types_entry(())
        self.order.append("[Content_Types].xml")
        self.entries["_rels/.rels"] = _entry("_rels/.rels", package.rels.xml)
        self.order.append("_rels/.rels")
        rendered = {p.name for p in self.parts} | {self.document_name}
        self.media_after = ""  # pictures are written after the document part's own subtree
        subtree = _subtree(part)
        for p in parts:
            name = p.partname.membername
            self.order.append(name)
            if name == self.core_name and fixed_core is not None:
                self.entries[name] = _entry(name, fixed_core)
            elif name not in rendered:
                self.entries[name] = _entry(name, p.blob)
            else:
                fixed = next((h.fixed for h in self.parts if h.name == name), None)
                if fixed is not None:
                    self.entries[name] = _entry(name, fixed)
            if len(p.rels):
                rels_name = p.partname.rels_uri.membername
                self.order.append(rels_name)
                self.entries[rels_name] = _entry(rels_name, p.rels.xml)
                if p is part:
                    self.document_rels_name = rels_name
            if p is part or p in subtree:
                self.media_after = self.order[-1]

    def _header_blob(self, part: _Part, context: dict[str, Any]) -> bytes:
        xml = _finish(self._tpl, part.compiled.render(context))
        return serialize_part_xml(parse_xml(xml.encode(part.encoding)))

    def _core(self, context: dict[str, Any]) -> bytes:
        from docx.opc.coreprops import CoreProperties

        element = parse_xml(self.core_blob)
        core = CoreProperties(element)
        for name in _CORE_PROPERTIES:
            setattr(core, name, self.core_compiled[name].render(context))
        return serialize_part_xml(element)

    def _content_types_entry(self, images: tuple[tuple[str, str], ...]) -> _Entry:
        entry = self._content_types.get(images)
        if entry is None:
            parts = [_Typed(PackURI(n), t) for n, t in [*self.content_types, *images]]
            blob = _ContentTypesItem.from_parts(parts).blob
            entry = self._content_types[images] = _entry("[Content_Types].xml", blob)
        return entry

    def render(self, context: dict[str, Any]) -> bytes:
        """The rendered document as the bytes of a .docx file."""
        state = _Render(self)
        placed = _bind_pictures(context, state)
        xml = _finish(self._tpl, self.body.render(placed))
        for picture in _pictures(placed):
            picture.sink = None  # a picture rendered by a header is docxtpl's case
        tree = DocxTemplate.fix_tables(self._tpl, xml)
        for number, elt in enumerate(tree.xpath("//wp:docPr", namespaces=_NSMAP), start=1001):
            elt.attrib["id"] = str(number)
        root = parse_xml(self.frame)
        root.replace(root.body, tree)
        changed: dict[str, _Entry] = {}
        changed[self.document_name] = _entry(self.document_name, serialize_part_xml(root))
        for hf in self.parts:
            if hf.fixed is None:
                changed[hf.name] = _entry(hf.name, self._header_blob(hf, placed))
        if self.core_templated:
            changed[self.core_name] = _entry(self.core_name, self._core(placed))
        if state.rels:
            rels = CT_Relationships.new()
            for r in [*self.document_rels, *state.rels]:
                rels.add_rel(r.rId, r.reltype, r.target_ref, r.is_external)
            changed[self.document_rels_name] = _entry(self.document_rels_name, rels.xml)
        media = tuple((name, content_type) for name, content_type, _ in state.images)
        if media:
            changed["[Content_Types].xml"] = self._content_types_entry(media)
        entries = []
        for name in self.order:
            entries.append(changed[name] if name in changed else self.entries[name])
            if name == self.media_after:
                entries += [_entry(n.lstrip("/"), png) for n, _, png in state.images]
        return _zip(entries)


_NSMAP = {"wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}


@dataclass
class _Typed:
    partname: PackURI
    content_type: str


def _core_part(package: Any) -> Any:
    return package._core_properties_part


def _subtree(part: Any) -> set[Any]:
    """The parts reachable from `part` through its relationships."""
    seen: set[Any] = set()
    todo = [part]
    while todo:
        p = todo.pop()
        for rel in p.rels.values():
            if not rel.is_external and rel.target_part not in seen:
                seen.add(rel.target_part)
                todo.append(rel.target_part)
    return seen


def _bind_pictures(value: Any, state: _Render) -> Any:
    if isinstance(value, DocxPicture):
        bound = DocxPicture(value.png, value.width_mm)
        bound.sink = state
        return bound
    if isinstance(value, dict):
        return {k: _bind_pictures(v, state) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_bind_pictures(v, state) for v in value]
    return value


def _pictures(value: Any) -> list[DocxPicture]:
    if isinstance(value, DocxPicture):
        return [value]
    if isinstance(value, dict):
        return [p for v in value.values() for p in _pictures(v)]
    if isinstance(value, list | tuple):
        return [p for v in value for p in _pictures(v)]
    return []


def _dos_time() -> tuple[int, int]:
    t = time.localtime()
    clock = (t.tm_hour << 11) | (t.tm_min << 5) | (t.tm_sec // 2)
    return clock, ((t.tm_year - 1980) << 9) | (t.tm_mon << 5) | t.tm_mday


def _zip(entries: list[_Entry]) -> bytes:
    """A zip of deflated entries, written the way zipfile writes them (no data descriptor, no zip64)."""
    dostime, dosdate = _dos_time()
    out = io.BytesIO()
    central = []
    for e in entries:
        offset = out.tell()
        name = e.name.encode("utf-8")
        flags = 0x800 if not e.name.isascii() else 0
        out.write(
            struct.pack(
                "<4s2B4HL2L2H",
                b"PK\x03\x04",
                20,
                0,
                flags,
                8,
                dostime,
                dosdate,
                e.crc,
                len(e.deflated),
                len(e.data),
                len(name),
                0,
            )
        )
        out.write(name)
        out.write(e.deflated)
        central.append(
            struct.pack(
                "<4s4B4HL2L5H2L",
                b"PK\x01\x02",
                20,
                3,
                20,
                0,
                flags,
                8,
                dostime,
                dosdate,
                e.crc,
                len(e.deflated),
                len(e.data),
                len(name),
                0,
                0,
                0,
                0,
                0o600 << 16,
                offset,
            )
            + name
        )
    start = out.tell()
    for c in central:
        out.write(c)
    size = out.tell() - start
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), size, start, 0))
    return out.getvalue()
