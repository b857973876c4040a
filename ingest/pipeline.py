"""Ingest: files -> documents -> story graphs -> the store, one story per transaction.

One bad file never stops the others: each file ends with a :class:`FileResult` whose status says
what happened and, for failures, why.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from powerlens.graph import Store, StoreError
from powerlens.model import content_hash, slugify

from .background import load_background
from .extract import Extractor
from .jsonld import apply_review, review_sections
from .readers import DEFAULT_MAX_BYTES, REVIEW_FORMATS, ReaderError, iter_story_files, read_path, read_text

ADDED, UPDATED, UNCHANGED, DUPLICATE, FAILED = "added", "updated", "unchanged", "duplicate", "failed"


@dataclass
class FileResult:
    path: str
    status: str
    story_id: str | None = None
    error: str | None = None
    entities: int = 0
    relations: int = 0
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "status": self.status,
            "story": self.story_id,
            "error": self.error,
            "entities": self.entities,
            "relations": self.relations,
        }


@dataclass
class IngestReport:
    results: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == FAILED]

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)

    def summary(self) -> str:
        parts = [f"{self.count(s)} {s}" for s in (ADDED, UPDATED, UNCHANGED, DUPLICATE, FAILED) if self.count(s)]
        return f"{len(self.results)} file(s): " + (", ".join(parts) or "nothing to do") + f" in {self.seconds:.1f}s"


def story_id_for(path: Path, store: Store) -> str:
    """The file's stem as a slug; disambiguated by a hash of the path when another file has it."""
    sid = slugify(path.stem)
    state = store.story_state(sid)
    if state is not None and state.source != str(path.resolve()):
        sid = f"{sid}-{hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:6]}"
    return sid


def ingest_file(store: Store, path: Path, extractor: Extractor, *, force: bool = False,
                max_bytes: int = DEFAULT_MAX_BYTES) -> FileResult:
    shown = str(path)
    try:
        doc, raw = read_path(path, max_bytes=max_bytes)
    except ReaderError as exc:
        return FileResult(shown, FAILED, error=str(exc))
    digest = content_hash(raw)
    sid = story_id_for(path, store)
    state = store.story_state(sid)
    if state is not None and not force and state.content_hash == digest and state.extractor_version == extractor.version:
        return FileResult(shown, UNCHANGED, sid)
    twin = store.story_by_hash(digest)
    if twin is not None and twin.id != sid and not force:
        return FileResult(shown, DUPLICATE, twin.id, error=f"same content as story {twin.id} ({twin.source})")
    try:
        graph = extractor.extract(doc, story_id=sid, source=str(path.resolve()), content_hash=digest)
        graph.story["ingested_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        apply_review(graph, doc, extractor.ontology)
        review_sections(graph, doc)
        problems = graph.check_evidence()
        if problems:
            raise ValueError("evidence offsets do not point into the story text: " + "; ".join(problems[:3]))
        store.write_story(graph)
    except StoreError as exc:
        return FileResult(shown, FAILED, sid, error=f"could not write to the graph: {exc}")
    except Exception as exc:  # an extractor bug must not stop the other files
        return FileResult(shown, FAILED, sid, error=f"extraction failed ({type(exc).__name__}: {exc})")
    return FileResult(shown, UPDATED if state is not None else ADDED, sid, entities=len(graph.entities),
                      relations=len(graph.relations), warnings=graph.warnings)


def apply_background(store: Store, extractor: Extractor, kb_dirs: list[Path] | None = None) -> int:
    """Bring the store's background facts in line with the knowledge files: load files whose
    content changed, drop sources whose file is gone. Returns how many sources changed."""
    n = 0
    loaded = store.background_sources()
    wanted = set()
    for bg in load_background(extractor.ontology, kb_dirs, extractor.decisions):
        wanted.add(bg.source["id"])
        if loaded.get(bg.source["id"]) == bg.source["content_hash"]:
            continue
        store.write_background(bg.source, bg.entities, bg.relations)
        n += 1
    for sid in set(loaded) - wanted:
        store.remove_background(sid)
        n += 1
    return n


def ingest_paths(store: Store, paths: Iterable[str | Path], *, extractor: Extractor | None = None,
                 force: bool = False, max_bytes: int = DEFAULT_MAX_BYTES, background: bool = True,
                 kb_dirs: list[Path] | None = None,
                 on_file: Callable[[FileResult], None] | None = None,
                 on_start: Callable[[int], None] | None = None) -> IngestReport:
    """Ingest files and directories. ``on_start(total)`` and ``on_file(result)`` report progress."""
    t0 = time.perf_counter()
    extractor = extractor or Extractor()
    report = IngestReport()
    files = iter_story_files(list(paths))
    if on_start:
        on_start(len(files))
    if background:
        apply_background(store, extractor, kb_dirs)
    for path, problem in files:
        if problem:
            result = FileResult(str(path), FAILED, error=problem)
        else:
            result = ingest_file(store, path, extractor, force=force, max_bytes=max_bytes)
        report.results.append(result)
        if on_file:
            on_file(result)
    report.seconds = time.perf_counter() - t0
    return report


def _carry_review(store: Store, graph, fmt: str) -> None:
    """Keep what a JSON-LD review gave a story (its lens readings and review properties), which the
    stored text alone cannot give again: the text is the same, so the evidence offsets still hold."""
    from powerlens.graph.sync import GraphReader

    T = store.ontology.terms
    old = GraphReader(store).stories([graph.id])
    if not old:
        return
    graph.story["format"] = fmt
    for key in ("url", "whats_missing", "synthesis", "cmr_score", "cmr_scale", "reviewed_url",
                "reviewed_headline", "reviewed_publisher"):
        if old[0].story.get(key) is not None:
            graph.story[key] = old[0].story[key]
    for rel in old[0].relations:
        if rel.type == T.read_through:
            graph.add_entity(old[0].entities[rel.target])
            graph.add_relation(rel)


def reextract(store: Store, extractor: Extractor, *, force: bool = False,
              on_file: Callable[[FileResult], None] | None = None,
              on_start: Callable[[int], None] | None = None) -> IngestReport:
    """Extract the stories already in the store again, from their stored text, when the
    extractor's version (rules, or entity decisions) differs from the one that built them."""
    t0 = time.perf_counter()
    T = extractor.ontology.terms
    rows = store.query(
        f"MATCH (s:{T.story}) RETURN s.id AS id, s.source AS source, s.content_hash AS h, "
        "s.extractor_version AS v, s.format AS f ORDER BY id"
    ).rows
    todo = [r for r in rows if force or r["v"] != extractor.version]
    report = IngestReport()
    if on_start:
        on_start(len(todo))
    for r in todo:
        shown = r["source"] or r["id"]
        try:
            text = store.query(f"MATCH (s:{T.story}) WHERE s.id = $id RETURN s.text AS text", {"id": r["id"]}).rows[0]["text"]
            doc = read_text(text, name=Path(r["source"] or r["id"]).name)
            graph = extractor.extract(doc, story_id=r["id"], source=r["source"], content_hash=r["h"])
            graph.story["ingested_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
            if r.get("f") in REVIEW_FORMATS:
                _carry_review(store, graph, r["f"])
            review_sections(graph, doc)
            problems = graph.check_evidence()
            if problems:
                raise ValueError("evidence offsets do not point into the story text: " + "; ".join(problems[:3]))
            store.write_story(graph)
            result = FileResult(shown, UPDATED, r["id"], entities=len(graph.entities), relations=len(graph.relations))
        except (ReaderError, StoreError, ValueError) as exc:
            result = FileResult(shown, FAILED, r["id"], error=str(exc))
        report.results.append(result)
        if on_file:
            on_file(result)
    report.seconds = time.perf_counter() - t0
    return report
