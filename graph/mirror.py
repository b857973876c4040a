"""A graph store with secondary stores kept in step with it (the workspace's RDF store).

:class:`MirroredStore` implements the store protocol over a *primary* store (the one Cypher runs
on: embedded or Neo4j) and *mirrors* (stores that implement the same writes, such as
:class:`~powerlens.graph.rdf.RdfStore`). Every write goes to the primary first, then to each
mirror; each of the two writes is atomic on its own (one transaction, one SPARQL update). Reads
are answered by the primary.

What a crash between the two writes leaves, and how it heals: the primary holds the new version of
the story and a mirror the old one (or none). The mirror's copy of the Story node records the
source, content hash and extractor version it was written from, so :meth:`MirroredStore.reconcile`
(run whenever a workspace is opened for writing, so on every ingest) compares them with the
primary's, rewrites each story whose mirror copy is missing or stale from what the primary holds
(no re-extraction), and drops stories and background sources the primary no longer has. A rerun
therefore repairs what an interrupted one left, and a story is never half written in either store.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from powerlens.model import Entity, Relation, StoryGraph

from .base import QueryResult, Store, StoreError, StoryState

BATCH = 50


class MirroredStore:
    def __init__(self, primary: Store, mirrors: list[Any]):
        self.primary = primary
        self.mirrors = list(mirrors)
        self.dialect = primary.dialect
        self.capabilities = frozenset(primary.capabilities | {"mirrored"})
        self.ontology = primary.ontology

    def __getattr__(self, name: str):  # connection details (uri, path...) of the primary
        if name in ("primary", "mirrors"):
            raise AttributeError(name)
        return getattr(self.primary, name)

    # --- reads: the primary -------------------------------------------------------------------------

    def story_state(self, story_id: str) -> StoryState | None:
        return self.primary.story_state(story_id)

    def story_by_hash(self, content_hash: str) -> StoryState | None:
        return self.primary.story_by_hash(content_hash)

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        return self.primary.query(cypher, params)

    def counts(self) -> dict[str, dict[str, int]]:
        return self.primary.counts()

    def background_sources(self) -> dict[str, str]:
        return self.primary.background_sources()

    # --- writes: the primary, then every mirror --------------------------------------------------------

    def _mirror(self, what: str, work: Callable[[Any], Any]) -> None:
        for m in self.mirrors:
            try:
                work(m)
            except StoreError as exc:
                raise StoreError(
                    f"{what} is in the graph store but the RDF store could not take it ({exc}); "
                    "it is brought up to date the next time the workspace is opened for writing"
                ) from exc

    def write_story(self, graph: StoryGraph) -> None:
        self.primary.write_story(graph)
        self._mirror(f"story {graph.id}", lambda m: m.write_story(graph))

    def prepare_stories(self, graphs: list[StoryGraph]):
        prepare = getattr(self.primary, "prepare_stories", None)
        return graphs, (prepare(graphs) if prepare else None)

    def write_stories(self, prepared) -> None:
        graphs, inner = prepared
        if inner is not None:
            self.primary.write_stories(inner)
        else:
            for g in graphs:
                self.primary.write_story(g)
        for g in graphs:
            self._mirror(f"story {g.id}", lambda m, g=g: m.write_story(g))

    def remove_story(self, story_id: str) -> bool:
        done = self.primary.remove_story(story_id)
        self._mirror(f"the removal of story {story_id}", lambda m: m.remove_story(story_id))
        return done

    def write_background(self, source: dict[str, Any], entities: list[Entity], relations: list[Relation]) -> None:
        self.primary.write_background(source, entities, relations)
        self._mirror(f"background source {source['id']}", lambda m: m.write_background(source, entities, relations))

    def remove_background(self, source_id: str) -> bool:
        done = self.primary.remove_background(source_id)
        self._mirror(f"the removal of background source {source_id}", lambda m: m.remove_background(source_id))
        return done

    # --- keeping in step ---------------------------------------------------------------------------------

    def primary_states(self) -> dict[str, StoryState]:
        T = self.ontology.terms
        res = self.primary.query(
            f"MATCH (s:{T.story}) RETURN s.id AS id, s.source AS source, s.content_hash AS h, s.extractor_version AS v"
        )
        return {r["id"]: StoryState(r["id"], r["source"], r["h"], r["v"]) for r in res.rows}

    def stale(self) -> dict[str, int]:
        """How many stories and background sources each mirror lacks or has out of date (or has in excess)."""
        want, bg = self.primary_states(), self.primary.background_sources()
        out = {}
        for m in self.mirrors:
            have, mbg = m.story_states(), m.background_sources()
            n = sum(have.get(i) != s for i, s in want.items()) + len(set(have) - set(want))
            n += sum(mbg.get(i) != h for i, h in bg.items()) + len(set(mbg) - set(bg))
            out[type(m).__name__] = n
        return out

    def reconcile(self, *, rebuild: bool = False, on_start: Callable[[int], None] | None = None,
                  on_story: Callable[[str], None] | None = None) -> int:
        """Bring every mirror in line with the primary; returns how many stories and sources were
        rewritten or dropped. ``rebuild`` clears the mirrors first (after writes that bypassed the
        store protocol, such as ``powerlens cypher --write``)."""
        from .sync import GraphReader

        reader = GraphReader(self.primary)
        want, bg = self.primary_states(), self.primary.background_sources()
        changed = 0
        for m in self.mirrors:
            if rebuild:
                m.clear()
            have, mbg = m.story_states(), m.background_sources()
            todo = [i for i, s in sorted(want.items()) if have.get(i) != s]
            gone = sorted(set(have) - set(want))
            bg_todo = {i for i, h in bg.items() if mbg.get(i) != h}
            bg_gone = sorted(set(mbg) - set(bg))
            if on_start and (todo or gone):
                on_start(len(todo) + len(gone))
            for sid in gone:
                m.remove_story(sid)
                if on_story:
                    on_story(sid)
            for sid in bg_gone:
                m.remove_background(sid)
            if bg_todo:
                for src, ents, rels in reader.background():
                    if src["id"] in bg_todo:
                        m.write_background(src, ents, rels)
            for k in range(0, len(todo), BATCH):
                for g in reader.stories(todo[k:k + BATCH]):
                    m.write_story(g)
                    if on_story:
                        on_story(g.id)
            changed += len(todo) + len(gone) + len(bg_todo) + len(bg_gone)
        return changed

    def close(self) -> None:
        try:
            for m in self.mirrors:
                m.close()
        finally:
            self.primary.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
