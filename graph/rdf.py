"""The RDF store: rdflib over Oxigraph (``oxrdflib`` / ``pyoxigraph``), one named graph per story.

Kept beside the graph store of a workspace (see :mod:`powerlens.graph.mirror`), it holds the same
graph as RDF (:mod:`powerlens.graph.rdfmap`) and answers SPARQL. The layout:

* a story's graph, named by the story's IRI, holds the Story node and every relationship the story
  asserts (direct triples and their evidence-carrying assertions);
* a background source's graph, named by its Source IRI, holds the source and its facts;
* every other node's description (types, name, kind, aliases...) is in a graph named by the
  node's IRI, so the node is shared by the stories that mention it and replaced as one unit.

Writing a story is **one SPARQL update**, which Oxigraph applies in one transaction: it drops the
story's graph and the graphs of the nodes it touches (and of nodes left without any relationship),
and inserts the new ones. A crash leaves the old version or the new one, never half a story.
Entity descriptions are merged with the stored ones by the same rules as every other store
(:mod:`powerlens.graph.rows`), so the RDF store and the graph store hold the same graph.

Only one process may open the store for writing, and readers may not open it while a writer has it
(Oxigraph does not support that): a lock file beside the store says which process holds it.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from powerlens.model import Entity, Relation, StoryGraph
from powerlens.ontology import Ontology, load_ontology

from . import rows
from .base import QueryError, QueryResult, StoreError, StoryState, WorkspaceLocked
from .rdfmap import _OBJECT, _SUBJECT, _TYPE, Mapper, resolver


class RdfStore:
    dialect = "sparql"
    capabilities = frozenset({"sparql", "named_graphs", "transactions", "read_only", "embedded"})

    def __init__(self, path: str | Path, *, read_only: bool = False, ontology: Ontology | None = None):
        import pyoxigraph as ox
        import rdflib
        from oxrdflib.store import OxigraphStore

        self.path = Path(path)
        self.ontology = ontology or load_ontology()
        self.read_only = read_only
        self.map = Mapper(self.ontology)
        self._T = self.ontology.terms
        if read_only and not self.path.exists():
            raise StoreError(f"no RDF store at {self.path}: ingest some stories first (powerlens ingest PATH)")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = _lock(self.path.with_name(self.path.name + ".lock"), exclusive=not read_only)
        try:
            inner = ox.Store.read_only(str(self.path)) if read_only else ox.Store(str(self.path))
        except OSError as exc:
            self._unlock()
            raise StoreError(f"cannot open the RDF store at {self.path}: {exc}") from exc
        self.dataset = rdflib.Dataset(store=OxigraphStore(store=inner), default_union=True)
        for prefix, ns in self.ontology.rdf.prefixes.items():
            self.dataset.bind(prefix, ns, override=True)

    # --- low level -------------------------------------------------------------------------------

    @property
    def oxigraph(self):
        """The underlying :class:`pyoxigraph.Store` (for streaming dumps and bulk reads)."""
        return self.dataset.store._inner

    def _pred(self, label: str, prop: str) -> str:
        return next(p.predicate for p in self.map.m.nodes[label] if p.name == prop)

    def _select(self, sparql: str) -> list[tuple]:
        try:
            return [tuple(sol) for sol in self.oxigraph.query(sparql)]
        except (SyntaxError, OSError, RuntimeError) as exc:
            raise QueryError(str(exc)) from exc

    def _update(self, text: str) -> None:
        if self.read_only:
            raise StoreError("the RDF store is open read-only")
        try:
            self.oxigraph.update(text)  # one request: one transaction
        except (SyntaxError, OSError, ValueError, RuntimeError) as exc:
            raise StoreError(f"the RDF store refused the update: {exc}") from exc

    # --- protocol ------------------------------------------------------------------------------------

    def query(self, sparql: str, params: dict[str, Any] | None = None) -> QueryResult:
        """Run SPARQL over every graph (the default graph is their union); the ``$name`` variables
        are bound from ``params`` (see :func:`powerlens.graph.sparql.bind`)."""
        from .sparql import bind

        try:
            result = self.dataset.query(bind(sparql, params))
        except (SyntaxError, OSError, ValueError, NotImplementedError, RuntimeError) as exc:
            raise QueryError(str(exc).strip()) from exc
        if result.type == "ASK":
            return QueryResult(["ask"], [{"ask": bool(result.askAnswer)}])
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            return QueryResult(["subject", "predicate", "object"],
                               [{"subject": _plain(s), "predicate": _plain(p), "object": _plain(o)}
                                for s, p, o in result.graph])
        cols = [str(v) for v in result.vars]
        return QueryResult(cols, [{c: _plain(row.get(v)) for c, v in zip(cols, result.vars)}
                                  for row in (dict(b) for b in result.bindings)])

    def _story_rows(self, where: str) -> list[StoryState]:
        story = self._T.story
        cls = self.map.m.label_classes[story]
        p = {k: self._pred(story, k) for k in ("id", "source", "content_hash", "extractor_version")}
        out = self._select(
            f"SELECT ?id ?src ?h ?v WHERE {{ GRAPH ?g {{ ?g a <{cls}> ; <{p['id']}> ?id . {where} "
            f"OPTIONAL {{ ?g <{p['source']}> ?src }} OPTIONAL {{ ?g <{p['content_hash']}> ?h }} "
            f"OPTIONAL {{ ?g <{p['extractor_version']}> ?v }} }} }}"
        )
        return [StoryState(*(None if t is None else t.value for t in row)) for row in out]

    def story_state(self, story_id: str) -> StoryState | None:
        lit = _str_literal(story_id)
        found = [s for s in self._story_rows(f"FILTER(?id = {lit})")]
        return found[0] if found else None

    def story_states(self) -> dict[str, StoryState]:
        """Every story's state, by id (to compare with the graph store)."""
        return {s.id: s for s in self._story_rows("")}

    def story_by_hash(self, content_hash: str) -> StoryState | None:
        h = self._pred(self._T.story, "content_hash")
        found = self._story_rows(f"?g <{h}> {_str_literal(content_hash)} .")
        return found[0] if found else None

    def write_story(self, graph: StoryGraph) -> None:
        story = {"id": graph.id, **graph.story}
        rows.node_rows(self.ontology, self._T.story, [story], replace=True)  # refuses undeclared properties
        self._write_unit(self._T.story, story, list(graph.entities.values()), graph.relations)

    def write_stories(self, graphs: Iterable[StoryGraph]) -> None:
        for g in graphs:
            self.write_story(g)

    def remove_story(self, story_id: str) -> bool:
        if self.story_state(story_id) is None:
            return False
        self._remove_unit(self.map.m.node_iri(self._T.story, story_id))
        return True

    def write_background(self, source: dict[str, Any], entities: list[Entity], relations: list[Relation]) -> None:
        rows.node_rows(self.ontology, self._T.source, [source], replace=True)
        self._write_unit(self._T.source, source, entities, relations)

    def remove_background(self, source_id: str) -> bool:
        if source_id not in self.background_sources():
            return False
        self._remove_unit(self.map.m.node_iri(self._T.source, source_id))
        return True

    def background_sources(self) -> dict[str, str]:
        src = self._T.source
        cls = self.map.m.label_classes[src]
        pid, ph = self._pred(src, "id"), self._pred(src, "content_hash")
        out = self._select(f"SELECT ?id ?h WHERE {{ GRAPH ?g {{ ?g a <{cls}> ; <{pid}> ?id . OPTIONAL {{ ?g <{ph}> ?h }} }} }}")
        return {i.value: (h.value if h is not None else None) for i, h in out}

    def counts(self) -> dict[str, dict[str, int]]:
        classes = " ".join(f"<{c}>" for c in self.map.m.label_classes.values())
        nodes = {label: 0 for label in self.ontology.labels}
        for cls, n in self._select(
            f"SELECT ?c (COUNT(DISTINCT ?n) AS ?k) WHERE {{ VALUES ?c {{ {classes} }} GRAPH ?n {{ ?n a ?c }} }} GROUP BY ?c"
        ):
            nodes[self.map.label_of(cls.value)] = int(n.value)
        by_pred = {rm.predicate: name for name, rm in self.map.m.relationships.items()}
        rels = {name: 0 for name in self.ontology.relationships}
        preds = " ".join(f"<{p}>" for p in by_pred)
        for p, n in self._select(
            f"SELECT ?p (COUNT(?a) AS ?k) WHERE {{ VALUES ?p {{ {preds} }} GRAPH ?g {{ ?a <{_PRED}> ?p }} }} GROUP BY ?p"
        ):
            rels[by_pred[p.value]] = int(n.value)
        return {"nodes": nodes, "relationships": rels}

    def union_graph(self):
        """Every triple of every graph, copied into an in-memory :class:`rdflib.Graph`."""
        from rdflib import Graph

        g = Graph()
        for prefix, ns in self.ontology.rdf.prefixes.items():
            g.bind(prefix, ns)
        nt = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in self.oxigraph.quads_for_pattern(None, None, None, None))
        g.parse(data=nt, format="nt")
        return g

    def clear(self) -> None:
        """Drop every graph (one update)."""
        self._update("DROP SILENT ALL")

    def __len__(self) -> int:
        return len(self.oxigraph)

    def close(self) -> None:
        ds = getattr(self, "dataset", None)
        if ds is not None:
            try:
                if not self.read_only:
                    self.oxigraph.flush()
            finally:
                ds.store.close()
                self.dataset = None
        self._unlock()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # --- writing ---------------------------------------------------------------------------------------

    def _write_unit(self, owner_label: str, owner_row: dict[str, Any], entities: list[Entity],
                    relations: list[Relation]) -> None:
        """Replace one story (or background source) and the nodes it touches, in one update."""
        m = self.map
        resolve = resolver(m, entities)
        owner_iri, owner_triples = m.node_triples(owner_label, owner_row, resolve)
        triples = list(owner_triples)
        seen: dict[str, int] = {}
        refs: set[str] = set()
        for r in relations:
            rel = self.ontology.relationship(r.type)
            if not rel.allows(r.source[0], r.target[0]):
                raise StoreError(f"{r.type} does not allow {r.source[0]} -> {r.target[0]} (see the ontology)")
            triples += m.relation_triples(owner_iri, r, resolve, seen)
            refs.add(resolve(*r.source))
            refs.add(resolve(*r.target))
        graphs: dict[str, list] = {owner_iri: triples}
        by_label = rows.entities_by_label(entities)
        iris: dict[str, str] = {}
        for label, ents in by_label.items():
            for e in ents:
                iris[e.id + "\x1f" + label] = resolve(label, e.id)
        existing = self._descriptions({iris[e.id + "\x1f" + e.label]: e.label for e in entities})
        for label, ents in by_label.items():
            have = {e.id: existing.get(iris[e.id + "\x1f" + label], {}) for e in ents}
            have = {k: v for k, v in have.items() if v}
            for row in rows.entity_rows(self.ontology, label, ents, have):
                full = {**have.get(row["id"], {}), **row}
                rows.node_rows(self.ontology, label, [full], replace=False)
                iri, desc = m.node_triples(label, full, resolve)
                graphs[iri] = desc
        # nodes that no relationship will reference once this unit is replaced are deleted
        orphan_classes = {m.m.label_classes[lbl] for lbl in rows.orphan_labels(self.ontology)}
        candidates = {iri for iri, lbl in self._referenced_by(owner_iri).items() if lbl in orphan_classes}
        candidates |= {iri for e in entities for iri in [iris[e.id + "\x1f" + e.label]]
                       if m.m.label_classes[e.label] in orphan_classes}
        candidates -= refs
        still = self._referenced_elsewhere(candidates, owner_iri)
        orphans = candidates - still
        for iri in orphans:
            graphs.pop(iri, None)
        self._replace(drop=[owner_iri, *graphs, *orphans], insert=graphs)

    def _remove_unit(self, owner_iri: str) -> None:
        orphan_classes = {self.map.m.label_classes[lbl] for lbl in rows.orphan_labels(self.ontology)}
        candidates = {iri for iri, cls in self._referenced_by(owner_iri).items() if cls in orphan_classes}
        orphans = candidates - self._referenced_elsewhere(candidates, owner_iri)
        self._replace(drop=[owner_iri, *orphans], insert={})

    def _replace(self, *, drop: Iterable[str], insert: dict[str, list]) -> None:
        parts = [f"DROP SILENT GRAPH <{g}>" for g in dict.fromkeys(drop)]
        if insert:
            body = []
            for g, triples in insert.items():
                body.append(f"GRAPH <{g}> {{\n" + " .\n".join(str(t) for t in triples) + " .\n}")
            parts.append("INSERT DATA {\n" + "\n".join(body) + "\n}")
        self._update(" ;\n".join(parts))

    def _descriptions(self, iris: dict[str, str]) -> dict[str, dict[str, Any]]:
        """Stored rows of the nodes ``iris`` (IRI -> label), by IRI; absent nodes are left out."""
        if not iris:
            return {}
        values = " ".join(f"<{i}>" for i in iris)
        pairs: dict[str, list] = {}
        for g, p, o in self._select(f"SELECT ?g ?p ?o WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?g ?p ?o }} }}"):
            pairs.setdefault(g.value, []).append((p.value, o))
        return {iri: self.map.row_from_triples(iris[iri], iri, ps) for iri, ps in pairs.items()}

    def _referenced_by(self, owner_iri: str) -> dict[str, str]:
        """Nodes the relationships of one unit point at: IRI -> class IRI of their label."""
        refs = [x.value for (x,) in self._select(
            f"SELECT DISTINCT ?x WHERE {{ GRAPH <{owner_iri}> {{ ?a <{_SUBJ}>|<{_OBJ}> ?x }} }}") if x.value != owner_iri]
        out: dict[str, set] = {}
        if refs:  # two queries: joined in one, Oxigraph scans every graph for GRAPH ?x { ?x a ?c }
            values = " ".join(f"<{i}>" for i in refs)
            for x, cls in self._select(f"SELECT ?x ?c WHERE {{ VALUES ?x {{ {values} }} GRAPH ?x {{ ?x a ?c }} }}"):
                out.setdefault(x.value, set()).add(cls.value)
        labels = set(self.map.m.label_classes.values())
        return {iri: next(iter(sorted(c & labels)), "") for iri, c in out.items()}

    def _referenced_elsewhere(self, iris: set[str], owner_iri: str) -> set[str]:
        if not iris:
            return set()
        values = " ".join(f"<{i}>" for i in sorted(iris))
        # FILTER EXISTS stops at the first other graph that points at the node: the cost does not
        # grow with the number of stories that mention a popular entity
        found = self._select(
            f"SELECT ?x WHERE {{ VALUES ?x {{ {values} }} FILTER EXISTS {{ GRAPH ?g {{ ?a <{_SUBJ}>|<{_OBJ}> ?x }} "
            f"FILTER(?g != <{owner_iri}>) }} }}"
        )
        return {x.value for (x,) in found}

    def _unlock(self) -> None:
        lock = getattr(self, "_lock", None)
        self._lock = None
        if lock is not None:
            fcntl.flock(lock, fcntl.LOCK_UN)
            lock.close()


_SUBJ, _OBJ, _PRED = _SUBJECT.value, _OBJECT.value, "http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate"
del _TYPE


def _lock(path: Path, *, exclusive: bool):
    """Take the store's lock file (exclusive for a writer, shared for readers) or say who holds it."""
    f = open(path, "a+")
    try:
        fcntl.flock(f, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except BlockingIOError:
        f.seek(0)
        holder = f.read().strip() or "another process"
        f.close()
        what = f"open for writing by {holder}" if not exclusive else "in use by another process"
        raise WorkspaceLocked(
            f"the RDF store at {path.with_suffix('')} is {what}; wait for it to finish (or stop it) and try again"
        ) from None
    if exclusive:
        f.seek(0)
        f.truncate()
        f.write(f"process {os.getpid()}\n")
        f.flush()
    return f


def _str_literal(value: str) -> str:
    import pyoxigraph as ox

    return str(ox.Literal(value))


def _plain(term) -> Any:
    """rdflib terms -> plain Python values for rows (IRIs as strings)."""
    from rdflib import Literal

    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, Decimal):
            return float(value)
        if isinstance(value, Literal):  # an unknown datatype: its lexical form
            return str(value)
        return value
    return str(term)
