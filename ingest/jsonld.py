"""CognioNews analyses given as JSON-LD: ``.jsonld`` files, and HTML pages that embed
``<script type="application/ld+json">`` beside their visible text.

A page's analysis is a ``cognio:Review`` with lens readings (``cognio:lensAnalysis`` ->
``cognio:LensReading`` with ``cognio:lensType``, ``schema:text`` and ``cognio:score``), a CMR
score, what is missing, a synthesis and the coverage under review (``schema:itemReviewed``).
:func:`read_jsonld` and :func:`read_html` turn a file into a :class:`~.readers.Document` whose
``text`` holds the page text (or, for JSON-LD alone, the review's prose laid out as a CognioNews
page) with every lens reading written into its Analysis Dimensions section, so the normal text
extractor runs on it and each reading has a span for its evidence. :func:`apply_review` then adds
the Lens nodes, the READ_THROUGH relationships and the review's properties to the story graph.

Remote ``@context`` documents are never fetched: schema.org and the ACST vocabulary are resolved
from the ontology; any other remote context is an error naming it. Lens IRIs the ontology does
not declare become Lens nodes of their own (``review = true``); nothing is dropped silently.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from powerlens.model import Entity, Evidence, Relation, StoryGraph, slugify
from powerlens.ontology import COGNIO, Ontology

from .readers import Document, ReaderError, read_text
from .resources import load_data

SCHEMA = "https://schema.org/"
EXTRACTOR = "jsonld-review"
_SCHEMA_CONTEXTS = {"http://schema.org", "https://schema.org", "http://schema.org/", "https://schema.org/"}


@dataclass
class LensReading:
    lens_iri: str
    lens_name: str
    text: str
    score: float | None
    known: bool
    span: tuple[int, int] = (0, 0)


@dataclass
class Review:
    iri: str | None = None
    title: str | None = None
    summary: str | None = None
    whats_missing: str | None = None
    synthesis: str | None = None
    cmr_score: float | None = None
    cmr_scale: float | None = None
    reviewed_url: str | None = None
    reviewed_headline: str | None = None
    reviewed_publisher: str | None = None
    published: str | None = None
    readings: list[LensReading] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --- JSON-LD -> Review -------------------------------------------------------------------------------


def _local_contexts(ontology: Ontology) -> dict[str, dict]:
    acst = {"@vocab": str(COGNIO), "cognio": str(COGNIO), "schema": SCHEMA}
    ctx = {u: {"@vocab": SCHEMA, "schema": SCHEMA} for u in _SCHEMA_CONTEXTS}
    base = str(COGNIO).rstrip("#")
    for u in (base, base + "#", base + ".jsonld", base + "/context.jsonld"):
        ctx[u] = acst
    return ctx


def _inline_contexts(value, known: dict[str, dict]):
    """Replace remote @context references by the local copies (or fail naming them)."""
    if isinstance(value, list):
        return [_inline_contexts(v, known) for v in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for k, v in value.items():
        if k == "@context":
            out[k] = _context(v, known)
        else:
            out[k] = _inline_contexts(v, known)
    return out


def _context(ctx, known):
    if isinstance(ctx, list):
        return [_context(c, known) for c in ctx]
    if isinstance(ctx, str):
        if ctx in known:
            return known[ctx]
        raise ReaderError(f"the JSON-LD uses the remote @context {ctx!r}, which powerlens does not fetch; "
                          "inline it, or use schema.org / the ACST vocabulary")
    return ctx


def parse_review(blocks: list[str], ontology: Ontology, *, where: str = "") -> Review:
    """The one cognio:Review in the JSON-LD ``blocks`` (each a JSON document)."""
    from rdflib import RDF, RDFS, Graph, Literal, URIRef

    g = Graph()
    known = _local_contexts(ontology)
    for i, text in enumerate(blocks):
        label = f"JSON-LD block {i + 1}{where}" if len(blocks) > 1 or where else "JSON-LD"
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ReaderError(f"{label} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
        try:
            g.parse(data=json.dumps(_inline_contexts(data, known)), format="json-ld")
        except ReaderError:
            raise
        except Exception as exc:  # rdflib raises several types for bad JSON-LD
            raise ReaderError(f"{label} is not valid JSON-LD: {exc}") from None
    S = lambda name: URIRef(SCHEMA + name)  # noqa: E731
    reviews = sorted(set(g.subjects(RDF.type, COGNIO.Review)), key=str)
    if not reviews:
        raise ReaderError("no cognio:Review in the JSON-LD (powerlens reads CognioNews reviews; "
                          f"the ACST namespace is {COGNIO})")
    if len(reviews) > 1:
        raise ReaderError(f"{len(reviews)} cognio:Review nodes in one file; give each review its own file")
    r = reviews[0]

    def text(node, *names) -> str | None:
        for n in names:
            for o in g.objects(node, n):
                if isinstance(o, Literal) and str(o).strip():
                    return str(o).strip()
        return None

    rv = Review(iri=str(r) if isinstance(r, URIRef) else None)
    rv.title = text(r, S("name"), S("headline"))
    rv.summary = text(r, S("description"), S("abstract"))
    rv.whats_missing = text(r, COGNIO.whatsMissing)
    rv.synthesis = text(r, COGNIO.synthesis)
    rv.published = text(r, S("datePublished"))
    if rv.iri is None:
        rv.iri = text(r, S("url"))
    rv.cmr_score, rv.cmr_scale = _cmr(g, r, rv)
    item = next(iter(g.objects(r, S("itemReviewed"))), None)
    if item is not None:
        if isinstance(item, Literal):
            rv.reviewed_url = str(item)
        else:
            rv.reviewed_url = text(item, S("url")) or (str(item) if isinstance(item, URIRef) else None)
            rv.reviewed_headline = text(item, S("headline"), S("name"))
            pub = next(iter(g.objects(item, S("publisher"))), None)
            if isinstance(pub, Literal):
                rv.reviewed_publisher = str(pub)
            elif pub is not None:
                rv.reviewed_publisher = text(pub, S("name"))
    lenses = {URIRef(lens.iri): lens for lens in ontology.lenses}
    def lens_key(reading):
        return str(next(iter(g.objects(reading, COGNIO.lensType)), "")), text(reading, S("text")) or ""

    for reading in sorted(g.objects(r, COGNIO.lensAnalysis), key=lens_key):
        lens = next(iter(g.objects(reading, COGNIO.lensType)), None)
        body = text(reading, S("text"), S("description")) or ""
        if not isinstance(lens, URIRef):
            rv.warnings.append(f"a lens reading has no cognio:lensType IRI, so it is not linked to a lens: {body[:80]!r}")
            continue
        score = None
        for o in g.objects(reading, COGNIO.score):
            try:
                score = float(o.toPython())
            except (TypeError, ValueError):
                rv.warnings.append(f"lens reading {lens}: score {o!s} is not a number; kept without a score")
        if score is not None and not 0.0 <= score <= 1.0:
            rv.warnings.append(f"lens reading {lens}: score {score} is outside 0.0-1.0; kept as given")
        known_lens = lenses.get(lens)
        name = known_lens.name if known_lens else (text(lens, RDFS.label, S("name")) or _humanise(str(lens)))
        rv.readings.append(LensReading(str(lens), name, body, score, known_lens is not None))
        if known_lens is None:
            rv.warnings.append(f"lens {lens} is not among the ACST lenses powerlens knows; added as a new Lens (review = true)")
    unknown = sorted({str(p) for p in g.predicates(r, None) if str(p).startswith(str(COGNIO))}
                     - {str(COGNIO[x]) for x in ("whatsMissing", "synthesis", "cmrScore", "lensAnalysis")})
    for p in unknown:
        rv.warnings.append(f"the review's {p} is not an ACST term powerlens models; it is not stored")
    return rv


def _cmr(g, r, rv: Review) -> tuple[float | None, float | None]:
    """The CMR score and, when the input says, the top of its scale (7 and 10 have both been used)."""
    from rdflib import Literal, URIRef

    for o in g.objects(r, COGNIO.cmrScore):
        if isinstance(o, Literal):
            m = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*(?:/\s*([0-9]+(?:\.[0-9]+)?))?\s*", str(o))
            if not m:
                rv.warnings.append(f"cmrScore {o!s} is not a number; not stored")
                return None, None
            return float(m.group(1)), (float(m.group(2)) if m.group(2) else None)
        value = next(iter(g.objects(o, URIRef(SCHEMA + "ratingValue"))), None)
        best = next(iter(g.objects(o, URIRef(SCHEMA + "bestRating"))), None)
        if value is not None:
            try:
                return float(value.toPython()), (float(best.toPython()) if best is not None else None)
            except (TypeError, ValueError):
                pass
        rv.warnings.append("cmrScore is neither a number nor a schema:Rating with ratingValue; not stored")
    return None, None


def _humanise(iri: str) -> str:
    local = re.split(r"[#/]", iri.rstrip("/#"))[-1]
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local).replace("_", " ").strip() or iri


# --- the text the evidence points into ---------------------------------------------------------------------


def _heading(kind: str) -> str:
    for sec in load_data("sections")["section"]:
        if sec["kind"] == kind:
            return sec["headings"][0]
    raise ReaderError(f"no heading for section {kind!r} in sections.toml")


def _reading_lines(rv: Review) -> str:
    return "\n\n".join(f"{x.lens_name}: {x.text}" if x.text else x.lens_name for x in rv.readings)


def compose_text(rv: Review, page_text: str | None) -> str:
    """The story text: the page text with the lens readings in its Analysis Dimensions section
    (added when the page has none), or the review's prose laid out as a CognioNews page."""
    readings = _reading_lines(rv)
    if page_text is None:
        parts = [rv.title or "Untitled review"]
        if rv.summary:
            parts.append(rv.summary)
        if readings:
            parts += [_heading("dimensions"), readings]
        if rv.whats_missing:
            parts += [_heading("missing"), rv.whats_missing]
        if rv.synthesis:
            parts += [_heading("synthesis"), rv.synthesis]
        return "\n\n".join(parts) + "\n"
    if not readings:
        return page_text
    doc = read_text(page_text)
    dims = doc.section("dimensions")
    if dims is None:
        return doc.text.rstrip("\n") + f"\n\n{_heading('dimensions')}\n\n{readings}\n"
    return doc.text[: dims.end].rstrip("\n") + f"\n\n{readings}\n\n" + doc.text[dims.end:].lstrip("\n")


def _document(rv: Review, page_text: str | None, fmt: str, name: str) -> Document:
    text = compose_text(rv, page_text)
    doc = read_text(text, name=name)
    doc.format = fmt
    if page_text is None and rv.title:
        doc.title = rv.title
    if rv.published and not doc.published:
        doc.published = rv.published
    pos = 0
    for x in rv.readings:
        line = f"{x.lens_name}: {x.text}" if x.text else x.lens_name
        start = doc.text.find(line, pos)
        if start < 0:
            start = doc.text.find(line)
        if start < 0:
            raise ReaderError(f"lens reading {x.lens_iri} could not be placed in the story text")
        x.span = (start, start + len(line))
        pos = x.span[1]
    doc.review = rv  # type: ignore[attr-defined]
    return doc


def read_jsonld(raw: bytes, *, name: str, ontology: Ontology) -> Document:
    return _document(parse_review([_decode(raw)], ontology), None, "cognionews-jsonld", name)


# --- HTML ------------------------------------------------------------------------------------------------

_BLOCK = {"p", "div", "section", "article", "main", "header", "footer", "nav", "aside", "li", "ol", "ul",
          "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr", "tr", "table", "blockquote", "figure", "figcaption",
          "pre", "dd", "dt", "dl", "body", "html", "span.block"}
_SKIP = {"script", "style", "noscript", "template", "head", "title", "svg"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed", "param", "track"}
_OPTIONAL_END = {"html", "body", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "option", "head"}


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.stack: list[str] = []
        self.skip = 0
        self.jsonld: list[str] = []
        self._script: list[str] | None = None

    def _flush(self):
        text = re.sub(r"\s+", " ", "".join(self.current)).strip()
        if text:
            self.lines.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag not in _VOID:
            self.stack.append(tag)
        if tag == "script" and (dict(attrs).get("type") or "").split(";")[0].strip().lower() == "application/ld+json":
            self._script = []
        if tag in _SKIP:
            self.skip += 1
        if tag in _BLOCK:
            self._flush()

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack:
                top = self.stack.pop()
                if top in _SKIP:
                    self.skip -= 1
                if top == tag:
                    break
        if tag == "script" and self._script is not None:
            self.jsonld.append("".join(self._script))
            self._script = None
        if tag in _BLOCK:
            self._flush()

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)
        elif not self.skip:
            self.current.append(data)


def read_html(raw: bytes, *, name: str, ontology: Ontology) -> Document:
    page = _Page()
    page.feed(_decode(raw))
    leftover = page.rawdata
    page.close()
    if page._script is not None:
        raise ReaderError("the HTML ends inside a <script> block (truncated file?)")
    open_tags = [t for t in page.stack if t not in _OPTIONAL_END]
    if leftover.strip() or open_tags:
        what = f"an unfinished tag {leftover.strip()[:30]!r}" if leftover.strip() else \
            "<" + ">, <".join(dict.fromkeys(open_tags)) + "> still open"
        raise ReaderError(f"the HTML is incomplete: it ends with {what} (truncated download?)")
    page._flush()
    text = "\n\n".join(page.lines)
    if not page.jsonld:
        if not text.strip():
            raise ReaderError("the HTML page has no text and no embedded JSON-LD")
        doc = read_text(text, name=name)
        doc.format = "cognionews-html"
        return doc
    rv = parse_review(page.jsonld, ontology, where=" of the page")
    return _document(rv, text if text.strip() else None, "cognionews-html", name)


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReaderError(f"not UTF-8 (invalid byte 0x{raw[exc.start]:02x} at offset {exc.start})") from None


# --- the review in the story graph ---------------------------------------------------------------------------


def apply_review(graph: StoryGraph, doc: Document, ontology: Ontology) -> None:
    """Add the review's properties, Lens nodes and READ_THROUGH relationships to ``graph``."""
    rv: Review | None = getattr(doc, "review", None)
    if rv is None:
        return
    T = ontology.terms
    for key in ("whats_missing", "synthesis", "cmr_score", "cmr_scale", "reviewed_url", "reviewed_headline",
                "reviewed_publisher"):
        value = getattr(rv, key)
        if value is not None:
            graph.story[key] = value
    if rv.iri:
        graph.story["url"] = rv.iri
    graph.warnings.extend(rv.warnings)
    for x in rv.readings:
        lens = Entity(T.lens, slugify(x.lens_name), x.lens_name, {"iri": x.lens_iri, "review": not x.known})
        graph.add_entity(lens)
        s, e = x.span
        sentence = doc.text[s:e]
        ev = Evidence(graph.id, sentence, s, e, 1.0, EXTRACTOR, "dimensions")
        props = {"text": x.text or None}
        if x.score is not None:
            props["score"] = x.score
        graph.add_relation(Relation(T.read_through, (T.story, graph.id), lens.key, ev, props))


def review_sections(graph: StoryGraph, doc: Document) -> None:
    """whats_missing and synthesis from the text's sections, for inputs without a JSON-LD review."""
    for key, kind in (("whats_missing", "missing"), ("synthesis", "synthesis")):
        if graph.story.get(key):
            continue
        sec = doc.section(kind)
        if sec is not None:
            body = doc.text[sec.start:sec.end].strip()
            if body:
                graph.story[key] = body
