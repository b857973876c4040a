"""The embedded store: Ladybug (the maintained fork of Kùzu), a Cypher graph database in one file.

One story is written in one transaction, so a crash never leaves half a story. The schema is
created from the ontology on first open (see :mod:`powerlens.graph.schema`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import ladybug as lb

from powerlens.model import Entity, Relation, StoryGraph
from powerlens.ontology import Ontology, load_ontology

from . import rows, schema
from .base import QueryError, QueryResult, StoreError, StoryState, WorkspaceLocked

_LOCK_PID = re.compile(r"Lock is held by PID (\d+)")


class LadybugStore:
    dialect = "kuzu"
    capabilities = frozenset({"cypher", "transactions", "read_only", "embedded"})

    def __init__(self, path: str | Path, *, read_only: bool = False, ontology: Ontology | None = None):
        self.path = Path(path)
        self.ontology = ontology or load_ontology()
        self.read_only = read_only
        if read_only and not self.path.exists():
            raise StoreError(f"no graph at {self.path}: ingest some stories first (powerlens ingest PATH)")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = lb.Database(str(self.path), read_only=read_only)
            self._conn = lb.Connection(self._db)
        except RuntimeError as exc:
            msg = str(exc)
            if "lock" in msg.lower():
                m = _LOCK_PID.search(msg)
                holder = f"process {m.group(1)}" if m else "another process"
                raise WorkspaceLocked(
                    f"the graph at {self.path} is open for writing by {holder}; "
                    "wait for it to finish (or stop it) and try again"
                ) from exc
            raise StoreError(f"cannot open the graph at {self.path}: {msg}") from exc
        if not read_only:
            for stmt in schema.ddl(self.ontology):
                self._exec(stmt)
        self._T = self.ontology.terms

    # --- low level -------------------------------------------------------------------------------

    def _exec(self, cypher: str, params: dict[str, Any] | None = None):
        try:
            return self._conn.execute(cypher, params or {})
        except RuntimeError as exc:
            raise QueryError(str(exc).strip()) from exc

    def _rows(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        res = self._exec(cypher, params)
        try:
            cols = res.get_column_names()
            rows = []
            while res.has_next():
                rows.append(dict(zip(cols, (_plain(v) for v in res.get_next()))))
            return QueryResult(cols, rows)
        finally:
            res.close()

    def _in_transaction(self, work) -> None:
        if self.read_only:
            raise StoreError("the store is open read-only")
        self._exec("BEGIN TRANSACTION")
        try:
            work()
        except BaseException:
            try:
                self._exec("ROLLBACK")
            finally:
                pass
            raise
        self._exec("COMMIT")

    # --- protocol ----------------------------------------------------------------------------------

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        return self._rows(cypher, params)

    def story_state(self, story_id: str) -> StoryState | None:
        res = self._rows(
            f"MATCH (s:{self._T.story} {{id: $id}}) RETURN s.id AS id, s.source AS source, "
            "s.content_hash AS h, s.extractor_version AS v",
            {"id": story_id},
        )
        if not res.rows:
            return None
        r = res.rows[0]
        return StoryState(r["id"], r["source"], r["h"], r["v"])

    def story_by_hash(self, content_hash: str) -> StoryState | None:
        res = self._rows(
            f"MATCH (s:{self._T.story}) WHERE s.content_hash = $h RETURN s.id AS id, s.source AS source, "
            "s.content_hash AS h, s.extractor_version AS v LIMIT 1",
            {"h": content_hash},
        )
        if not res.rows:
            return None
        r = res.rows[0]
        return StoryState(r["id"], r["source"], r["h"], r["v"])

    def write_story(self, graph: StoryGraph) -> None:
        def work():
            self._delete_story_facts(graph.id)
            self._merge_nodes(self._T.story, [{"id": graph.id, **graph.story}], replace=True)
            self._write_entities(list(graph.entities.values()))
            self._write_relations(graph.relations)
            self._delete_orphans()

        self._in_transaction(work)

    def remove_story(self, story_id: str) -> bool:
        if self.story_state(story_id) is None:
            return False

        def work():
            self._delete_story_facts(story_id)
            self._exec(f"MATCH (s:{self._T.story} {{id: $id}}) DETACH DELETE s", {"id": story_id})
            self._delete_orphans()

        self._in_transaction(work)
        return True

    def write_background(self, source: dict[str, Any], entities: list[Entity], relations: list[Relation]) -> None:
        def work():
            self._exec(
                "MATCH ()-[r]->() WHERE r.story IS NULL AND r.source = $src DELETE r", {"src": source["id"]}
            )
            self._merge_nodes(self._T.source, [source], replace=True)
            self._write_entities(entities)
            self._write_relations(relations)
            self._delete_orphans()

        self._in_transaction(work)

    def remove_background(self, source_id: str) -> bool:
        if self.background_hash(source_id) is None:
            return False

        def work():
            self._exec("MATCH ()-[r]->() WHERE r.story IS NULL AND r.source = $src DELETE r", {"src": source_id})
            self._exec(f"MATCH (s:{self._T.source} {{id: $id}}) DELETE s", {"id": source_id})
            self._delete_orphans()

        self._in_transaction(work)
        return True

    def background_sources(self) -> dict[str, str]:
        """Loaded background sources: id -> content hash."""
        res = self._rows(f"MATCH (s:{self._T.source}) RETURN s.id AS id, s.content_hash AS h")
        return {r["id"]: r["h"] for r in res.rows}

    def background_hash(self, source_id: str) -> str | None:
        res = self._rows(
            f"MATCH (s:{self._T.source} {{id: $id}}) RETURN s.content_hash AS h", {"id": source_id}
        )
        return res.rows[0]["h"] if res.rows else None

    def counts(self) -> dict[str, dict[str, int]]:
        nodes = {}
        for label in self.ontology.labels:
            nodes[label] = self._rows(f"MATCH (n:{label}) RETURN count(n) AS n").rows[0]["n"]
        rels = {}
        for rel in self.ontology.relationships:
            rels[rel] = self._rows(f"MATCH ()-[r:{rel}]->() RETURN count(r) AS n").rows[0]["n"]
        return {"nodes": nodes, "relationships": rels}

    def close(self) -> None:
        conn, db = getattr(self, "_conn", None), getattr(self, "_db", None)
        self._conn = self._db = None
        if conn is not None:
            conn.close()
        if db is not None:
            db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # --- writing helpers -----------------------------------------------------------------------

    def _delete_story_facts(self, story_id: str) -> None:
        self._exec("MATCH ()-[r]->() WHERE r.story = $id DELETE r", {"id": story_id})
        pathway = self.ontology.label(self._T.pathway)
        if pathway.property("story"):
            self._exec(f"MATCH (p:{pathway.name}) WHERE p.story = $id DETACH DELETE p", {"id": story_id})

    def _delete_orphans(self) -> None:
        for label in rows.orphan_labels(self.ontology):
            self._exec(f"MATCH (n:{label}) WHERE NOT EXISTS {{ MATCH (n)-[]-() }} DELETE n")

    def _write_entities(self, entities: list[Entity]) -> None:
        for label, ents in rows.entities_by_label(entities).items():
            existing = self._existing(label, [e.id for e in ents])
            self._merge_nodes(label, rows.entity_rows(self.ontology, label, ents, existing), replace=False)

    def _existing(self, label: str, ids: list[str]) -> dict[str, dict[str, Any]]:
        res = self._rows(f"MATCH (n:{label}) WHERE n.id IN $ids RETURN n AS n", {"ids": ids})
        return {r["n"]["id"]: r["n"] for r in res.rows}

    def _merge_nodes(self, label: str, node_rows: list[dict[str, Any]], *, replace: bool) -> None:
        """MERGE nodes by id and SET the given properties (all declared ones when ``replace``)."""
        if not node_rows:
            return
        props, full = rows.node_rows(self.ontology, label, node_rows, replace=replace)
        sets = ", ".join(f"n.{schema.q(p.name)} = {schema.cast(p, 'r.' + schema.q(p.name))}" for p in props)
        cypher = f"UNWIND $rows AS r MERGE (n:{label} {{id: r.id}})"
        if sets:
            cypher += f" SET {sets}"
        self._exec(cypher, {"rows": full})

    def _write_relations(self, relations: list[Relation]) -> None:
        for (rtype, a, b), full in rows.relation_groups(self.ontology, relations).items():
            rel = self.ontology.relationship(rtype)
            props = ", ".join(f"{schema.q(p.name)}: {schema.cast(p, 'r.' + schema.q(p.name))}" for p in rel.properties)
            self._exec(
                f"UNWIND $rows AS r MATCH (a:{a} {{id: r.s}}), (b:{b} {{id: r.t}}) "
                f"CREATE (a)-[:{rtype} {{{props}}}]->(b)",
                {"rows": full},
            )


def _plain(value: Any) -> Any:
    """Ladybug node/relationship dicts -> plain property dicts (internal keys dropped)."""
    if isinstance(value, dict):
        if "_LABEL" in value or "_ID" in value:
            out = {k: _plain(v) for k, v in value.items() if not k.startswith("_")}
            out["_label"] = value.get("_LABEL")
            return out
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
