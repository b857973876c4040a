"""Readers: files in, :class:`Document` out (normalised text plus section spans).

The formats:

* ``cognionews-text``: the text of a CognioNews story page (title, summary, emoji-headed
  sections such as "Power-Knowledge Audit", "What's Missing", numbered "Solution Pathways").
  Tolerant of missing sections, headings without emoji, other whitespace and Windows line endings.
* ``plain-text``: an analysis with no recognised headings, read as a title and one body.
* ``cognionews-jsonld`` and ``cognionews-html``: a ``.jsonld`` cognio:Review, or an HTML page with
  the review embedded as ``application/ld+json`` beside its visible text (see ``jsonld.py``).

A reader never raises anything but :class:`ReaderError`, whose message names the problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .resources import load_data
from .text import normalise, straighten

SUPPORTED_SUFFIXES = (".txt", ".text", ".md", ".jsonld", ".html", ".htm")
#: Formats whose analysis comes as a JSON-LD cognio:Review (see ingest/jsonld.py).
REVIEW_FORMATS = ("cognionews-jsonld", "cognionews-html")
DEFAULT_MAX_BYTES = 5_000_000


class ReaderError(ValueError):
    """A file cannot be read as a story; the message says why and what to do."""


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass
class Section:
    kind: str  # summary | audit | dimensions | missing | pathways | synthesis | body
    heading: str | None
    start: int
    end: int


@dataclass
class PathwayBlock:
    rank: int
    title: str
    title_span: Span
    text: str
    text_span: Span


@dataclass
class Document:
    text: str
    title: str
    title_span: Span | None
    format: str
    sections: list[Section] = field(default_factory=list)
    pathways: list[PathwayBlock] = field(default_factory=list)
    boilerplate: list[Span] = field(default_factory=list)
    published: str | None = None

    def section(self, kind: str) -> Section | None:
        return next((s for s in self.sections if s.kind == kind), None)

    @property
    def summary(self) -> str | None:
        s = self.section("summary")
        return self.text[s.start : s.end].strip() if s else None


@lru_cache(maxsize=1)
def _section_table() -> tuple[dict[str, str], tuple[re.Pattern, ...]]:
    data = load_data("sections")
    headings = {}
    for sec in data["section"]:
        for h in sec["headings"]:
            headings[_heading_key(h)] = sec["kind"]
    pats = tuple(re.compile(p, re.IGNORECASE) for p in data["boilerplate"]["lines"])
    return headings, pats


def _heading_key(line: str) -> str:
    s = straighten(line).strip()
    s = re.sub(r"^[^\w]+", "", s)  # emoji, symbols, '#', bullets
    s = s.rstrip(":").strip().lower()
    s = re.sub(r"\s+", " ", s)
    return s


def read_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[Document, bytes]:
    """Read one file. Returns the document and the raw bytes (for the content hash)."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise ReaderError(f"cannot read: {exc.strerror or exc}") from exc
    if size > max_bytes:
        raise ReaderError(f"file is {size:,} bytes, over the limit of {max_bytes:,} (raise it with --max-bytes)")
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ReaderError(f"cannot read: {exc.strerror or exc}") from exc
    return read_bytes(raw, name=p.name), raw


def read_bytes(raw: bytes, *, name: str = "<input>") -> Document:
    if not raw.strip():
        raise ReaderError("file is empty")
    suffix = Path(name).suffix.lower()
    if suffix in (".jsonld", ".html", ".htm"):
        from powerlens.ontology import load_ontology

        from . import jsonld

        read = jsonld.read_jsonld if suffix == ".jsonld" else jsonld.read_html
        return read(raw, name=name, ontology=load_ontology())
    if b"\x00" in raw[:8192]:
        raise ReaderError("file looks binary (contains NUL bytes); powerlens reads UTF-8 text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReaderError(
            f"not UTF-8 text (invalid byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "convert the file to UTF-8 and ingest it again"
        ) from exc
    return read_text(text, name=name)


def read_text(text: str, *, name: str = "<input>") -> Document:
    text = normalise(text)
    if not text.strip():
        raise ReaderError("file has no text")
    headings, boiler = _section_table()
    lines = list(_lines(text))
    boilerplate = [Span(s, e) for s, e, ln in lines if any(p.match(ln.strip()) for p in boiler)]
    is_boiler = {b.start for b in boilerplate}
    content = [(s, e, ln) for s, e, ln in lines if ln.strip() and s not in is_boiler]
    if not content:
        raise ReaderError("file has only page furniture, no story text")
    heads = [(s, e, headings[_heading_key(ln)], ln.strip()) for s, e, ln in content if _heading_key(ln) in headings]
    published = _published(text)
    if not heads:
        return _plain(text, content, boilerplate, published, name)

    t_start, t_end, t_line = content[0]
    if (t_start, t_end) == heads[0][:2]:
        title, title_span = _title_from_name(name), None
    else:
        title, title_span = t_line.strip(), Span(t_start + _lead(t_line), t_end)
    doc = Document(text, title, title_span, "cognionews-text", boilerplate=boilerplate, published=published)
    first_head = heads[0][0]
    if title_span is not None and title_span.end < first_head:
        doc.sections.append(Section("summary", None, title_span.end, first_head))
    for i, (hs, he, kind, line) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        doc.sections.append(Section(kind, line, he, end))
        if kind == "pathways":
            doc.pathways = _pathways(text, he, end, is_boiler)
    return doc


def _plain(text, content, boilerplate, published, name) -> Document:
    t_start, t_end, t_line = content[0]
    words = t_line.split()
    looks_like_title = len(words) <= 25 and not t_line.rstrip().endswith((".", "?", "!")) or len(content) == 1
    if looks_like_title and len(content) > 1:
        doc = Document(text, t_line.strip(), Span(t_start + _lead(t_line), t_end), "plain-text",
                       boilerplate=boilerplate, published=published)
        body_start = t_end
    else:
        doc = Document(text, _title_from_name(name), None, "plain-text", boilerplate=boilerplate, published=published)
        body_start = t_start
    doc.sections.append(Section("body", None, body_start, len(text)))
    return doc


_NUM_ONLY = re.compile(r"^\s*(\d{1,2})[.)]?\s*(?:0?\d{1,2})?\s*$")
_NUM_TITLE = re.compile(r"^\s*(\d{1,2})[.)]\s+(?:0?\d{1,2}\s+)?(\S.*)$")


def _pathways(text: str, start: int, end: int, boiler: set[int]) -> list[PathwayBlock]:
    lines = [(s, e, ln) for s, e, ln in _lines(text, start, end) if ln.strip() and s not in boiler]
    blocks: list[list] = []
    for s, e, ln in lines:
        m_only, m_title = _NUM_ONLY.match(ln), _NUM_TITLE.match(ln)
        if m_only:
            blocks.append([int(m_only.group(1)), None, []])
        elif m_title and len(m_title.group(2).split()) <= 16:
            ts = s + ln.index(m_title.group(2))
            blocks.append([int(m_title.group(1)), Span(ts, e), []])
        elif blocks:
            if blocks[-1][1] is None:
                blocks[-1][1] = Span(s + _lead(ln), e)
            else:
                blocks[-1][2].append((s + _lead(ln), e))
    out = []
    for rank, title_span, paras in blocks:
        if title_span is None:
            continue
        if paras:
            ts = Span(paras[0][0], paras[-1][1])
            body = text[ts.start : ts.end]
        else:
            ts, body = Span(title_span.end, title_span.end), ""
        out.append(PathwayBlock(rank, text[title_span.start : title_span.end].strip(), title_span, body, ts))
    return out


def _lines(text: str, start: int = 0, end: int | None = None):
    end = len(text) if end is None else end
    pos = start
    for ln in text[start:end].split("\n"):
        yield pos, pos + len(ln), ln
        pos += len(ln) + 1


def _lead(line: str) -> int:
    return len(line) - len(line.lstrip())


def _title_from_name(name: str) -> str:
    stem = Path(name).stem
    return re.sub(r"[-_]+", " ", stem).strip() or "untitled"


_DATE = re.compile(r"\b(?:Published|Date|Updated)\s*:?\s*(\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)


def _published(text: str) -> str | None:
    m = _DATE.search(text[:2000])
    return m.group(1) if m else None


def iter_story_files(paths: list[str | Path]) -> list[tuple[Path, str | None]]:
    """Expand files and directories into (file, problem) pairs, in a stable order.

    A directory contributes every supported file under it (hidden files and folders skipped);
    a path that does not exist or a file of an unsupported type comes back with its problem.
    """
    out: list[tuple[Path, str | None]] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p)
                if any(part.startswith(".") for part in rel.parts):
                    continue
                if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES:
                    out.append((f, None))
        elif p.is_file():
            if p.suffix.lower() in SUPPORTED_SUFFIXES:
                out.append((p, None))
            else:
                out.append((p, f"unsupported file type {p.suffix or '(none)'}; powerlens reads {', '.join(SUPPORTED_SUFFIXES)}"))
        else:
            out.append((p, "no such file or directory"))
    return out
