"""Copy a graph from one store to another (``powerlens sync``), in batches of stories.

The source is read back into :class:`StoryGraph` values (the story node, the entities its
relationships touch and the relationships it asserts) and background sets, in batches of stories,
and written with the target's own methods: ``write_stories`` (one transaction per batch) where
the target has the ``batch_writes`` capability, else ``write_story`` (one per story), each
replacing what the stories wrote there before. A rerun is therefore safe, and skips stories whose
content hash and extractor version already match in the target.
Only the protocol's ``query`` is used to read, with Cypher both dialects accept.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from powerlens.model import Entity, Evidence, Relation, StoryGraph

from .base import Store, StoreError, StoreUnavailable
from .schema import q as _q

COPIED, UNCHANGED, FAILED = "copied", "unchanged", "failed"
_EVIDENCE = [f.name for f in dataclasses.fields(Evidence)]


@dataclass
class SyncReport:
    stories: dict[str, int] = field(default_factory=dict)  # status -> count
    background: dict[str, int] = field(default_factory=dict)
    relationships: int = 0
    only_in_target: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        def part(counts: dict[str, int]) -> str:
            return ", ".join(f"{n} {s}" for s, n in counts.items() if n) or "none"

        text = (f"stories: {part(self.stories)}; background sources: {part(self.background)}; "
                f"{self.relationships} relationships written in {self.seconds:.1f}s")
        if self.only_in_target:
            text += f"; {self.only_in_target} stories exist only in the target (left as they are)"
        return text


class GraphReader:
    """Reads stories and background sets back from any store, using only ``store.query``."""

    def __init__(self, store: Store):
        self.store = store
        self.ontology = store.ontology
        self.T = self.ontology.terms

    def _returns(self, var: str, label_or_type: list) -> str:
        return ", ".join(f"{var}.{_q(p.name)} AS {_q(p.name)}" for p in label_or_type)

    def story_ids(self) -> list[str]:
        res = self.store.query(f"MATCH (s:{_q(self.T.story)}) RETURN s.id AS id ORDER BY id")
        return [r["id"] for r in res.rows]

    def states(self, ids: list[str]) -> dict[str, tuple[Any, Any]]:
        """id -> (content hash, extractor version) of the stories among ``ids`` that exist."""
        res = self.store.query(
            f"MATCH (s:{_q(self.T.story)}) WHERE s.id IN $ids "
            "RETURN s.id AS id, s.content_hash AS h, s.extractor_version AS v",
            {"ids": ids},
        )
        return {r["id"]: (r["h"], r["v"]) for r in res.rows}

    def stories(self, ids: list[str]) -> list[StoryGraph]:
        story = self.ontology.label(self.T.story)
        res = self.store.query(
            f"MATCH (s:{_q(story.name)}) WHERE s.id IN $ids RETURN {self._returns('s', story.properties)}",
            {"ids": ids},
        )
        graphs = {r["id"]: StoryGraph(story=dict(r)) for r in res.rows}
        for rel in self._relations("r.story IN $ids", {"ids": ids}):
            graphs[rel.evidence.story].add_relation(rel)
        entities = self._entities(r for g in graphs.values() for r in g.relations)
        for g in graphs.values():
            for rel in g.relations:
                for key in (rel.source, rel.target):
                    if key in entities:
                        g.entities[key] = entities[key]
        return [graphs[i] for i in ids if i in graphs]

    def background(self) -> list[tuple[dict[str, Any], list[Entity], list[Relation]]]:
        source = self.ontology.label(self.T.source)
        res = self.store.query(
            f"MATCH (s:{_q(source.name)}) RETURN {self._returns('s', source.properties)} ORDER BY id"
        )
        out = []
        for row in res.rows:
            rels = list(self._relations("r.story IS NULL AND r.source = $src", {"src": row["id"]}))
            ents = self._entities(rels)
            out.append((dict(row), list(ents.values()), rels))
        return out

    def _relations(self, where: str, params: dict[str, Any]) -> Iterable[Relation]:
        for rel in self.ontology.relationships.values():
            cols = self._returns("r", rel.properties)
            for a, b in rel.endpoints:
                res = self.store.query(
                    f"MATCH (a:{_q(a)})-[r:{_q(rel.name)}]->(b:{_q(b)}) WHERE {where} "
                    f"RETURN a.id AS {_q('_s')}, b.id AS {_q('_t')}, {cols}",
                    params,
                )
                for row in res.rows:
                    ev = Evidence(**{k: row.get(k) for k in _EVIDENCE})
                    extra = {p.name: row[p.name] for p in rel.properties
                             if p.name not in _EVIDENCE and row[p.name] is not None}
                    yield Relation(rel.name, (a, row["_s"]), (b, row["_t"]), ev, extra)

    def _entities(self, relations: Iterable[Relation]) -> dict[tuple[str, str], Entity]:
        keys: dict[str, set[str]] = {}
        for r in relations:
            for label, key in (r.source, r.target):
                if label != self.T.story:
                    keys.setdefault(label, set()).add(key)
        out = {}
        for label, ids in keys.items():
            lbl = self.ontology.label(label)
            res = self.store.query(
                f"MATCH (n:{_q(label)}) WHERE n.id IN $ids RETURN {self._returns('n', lbl.properties)}",
                {"ids": sorted(ids)},
            )
            for row in res.rows:
                props = {k: v for k, v in row.items() if k not in ("id", "name", "aliases") and v is not None}
                out[(label, row["id"])] = Entity(label, row["id"], row["name"] or row["id"], props,
                                                 set(row.get("aliases") or []))
        return out


def sync(source: Store, target: Store, *, batch_size: int = 50, force: bool = False,
         on_start: Callable[[int], None] | None = None,
         on_story: Callable[[str, str], None] | None = None) -> SyncReport:
    """Copy every background source and story of ``source`` into ``target``.

    Unchanged stories (same content hash and extractor version in the target) and background
    sources (same content hash) are skipped unless ``force``. A target that can write batches
    (capability ``batch_writes``) gets ``batch_size`` stories per transaction, the next batch read
    from the source in a second thread meanwhile (each store is only ever used by one thread at a
    time); a batch the target refuses is written again story by story, to name the culprit.
    A story that cannot be written is reported in ``errors`` and the others go on; a target that
    cannot be reached at all (:class:`StoreUnavailable`) stops the sync. ``on_start(total)`` and
    ``on_story(id, status)`` report progress.
    """
    t0 = time.perf_counter()
    report = SyncReport({COPIED: 0, UNCHANGED: 0, FAILED: 0}, {COPIED: 0, UNCHANGED: 0})
    reader, there = GraphReader(source), GraphReader(target)
    ids = reader.story_ids()
    if on_start:
        on_start(len(ids))
    have = target.background_sources()
    for src, ents, rels in reader.background():
        if not force and have.get(src["id"]) == src.get("content_hash"):
            report.background[UNCHANGED] += 1
            continue
        target.write_background(src, ents, rels)
        report.background[COPIED] += 1
        report.relationships += len(rels)
    batches = [ids[i:i + batch_size] for i in range(0, len(ids), batch_size)]
    prepare = getattr(target, "prepare_stories", None) if "batch_writes" in target.capabilities else None

    def changed(batch: list[str]) -> list[str]:
        """The stories of ``batch`` to copy (reads both stores: call it while the reader thread idles)."""
        if force:
            return batch
        mine, theirs = reader.states(batch), there.states(batch)
        todo = []
        for sid in batch:
            if sid in theirs and theirs[sid] == mine.get(sid):
                report.stories[UNCHANGED] += 1
                if on_story:
                    on_story(sid, UNCHANGED)
            else:
                todo.append(sid)
        return todo

    def load(todo: list[str]):
        """Runs in the reader thread: reads the source, shapes the batch for the target (no I/O)."""
        graphs = reader.stories(todo) if todo else []
        prepared = None
        if prepare and graphs:
            try:
                prepared = prepare(graphs)
            except StoreError:
                prepared = None  # a graph the target refuses: written story by story to name it
        return graphs, prepared

    def done(graph: StoryGraph, status: str, error: str | None = None) -> None:
        report.stories[status] += 1
        if status == COPIED:
            report.relationships += len(graph.relations)
        else:
            report.errors.append(f"{graph.id}: {error}")
        if on_story:
            on_story(graph.id, status)

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="powerlens-sync") as pool:
        pending = pool.submit(load, changed(batches[0])) if batches else None
        for k in range(len(batches)):
            graphs, prepared = pending.result()
            if k + 1 < len(batches):
                pending = pool.submit(load, changed(batches[k + 1]))
            if prepared is not None:
                try:
                    target.write_stories(prepared)
                except StoreUnavailable:
                    raise
                except StoreError:
                    pass  # one story in the batch is refused: find it below
                else:
                    for graph in graphs:
                        done(graph, COPIED)
                    continue
            for graph in graphs:
                try:
                    target.write_story(graph)
                except StoreUnavailable:
                    raise
                except StoreError as exc:
                    done(graph, FAILED, str(exc))
                else:
                    done(graph, COPIED)
    report.only_in_target = len(set(there.story_ids()) - set(ids))
    report.seconds = time.perf_counter() - t0
    return report
