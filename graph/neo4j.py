"""The Neo4j store: the same graph as the embedded store, on a Neo4j server (5.26 or later).

Connection settings are the arguments, else ``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``
and ``NEO4J_DATABASE``. Every URI scheme of the official driver works unchanged: ``bolt://`` for
one server, ``neo4j://`` for routing (clusters), ``neo4j+s://`` / ``bolt+s://`` with TLS (Aura).

Writes follow the embedded store exactly, with rows shaped by :mod:`powerlens.graph.rows`: one
story is one managed write transaction (``session.execute_write``) that deletes what the story
wrote before (its relationships, found by ``r.story``, and its pathways), MERGEs the story and
entity nodes by id, CREATEs the story's relationships in batches (``UNWIND``) and deletes the
nodes left without relationships. The driver may run that work function again after a transient
failure (its ``execute_write`` contract), so the function only reads the input graph and every
run leaves the same store: old evidence is deleted before new evidence is created, in the same
transaction. A uniqueness constraint on the key of every label (and an index on ``story`` for
every relationship type) is created from the ontology the first time a writable store opens.

Each write is a handful of statements whatever the story holds (one per step, covering every
label or relationship group), with the rows sent as columns. :meth:`Neo4jStore.write_stories`
writes a batch of stories in one transaction and :meth:`Neo4jStore.write_batches` prepares the
next batch while one is written; ``powerlens sync`` uses them for bulk copies.

Queries run in a READ transaction when the store is opened ``read_only`` (the server refuses
writes) and in auto-commit WRITE transactions otherwise. Values are always bound parameters; the
only names formatted into Cypher text are labels, types and properties from the ontology,
backtick-quoted.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import neo4j
from neo4j import exceptions as nx

from powerlens import __version__
from powerlens.model import Entity, Relation, StoryGraph
from powerlens.ontology import Ontology, load_ontology

from . import rows
from .base import QueryError, QueryResult, StoreError, StoreUnavailable, StoryState

DEFAULT_URI = "neo4j://localhost:7687"
DEFAULT_USER = "neo4j"
CONNECTION_TIMEOUT = 15.0
INDEX_WAIT_SECONDS = 300
#: Schema objects this store creates are named with this prefix.
PREFIX = "powerlens"
#: The write statements seek nodes by their unique key whatever the graph's statistics, so a plan
#: once made stays right: skip the replanning a fast-growing graph would otherwise trigger every
#: few seconds (about a second each for the larger statements).
REPLAN_SKIP = "CYPHER replan=skip\n"
#: Bolt URI schemes: one server, routing, each plain, with TLS (+s) or TLS with a self-signed certificate (+ssc).
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def q(name: str) -> str:
    """Backtick-quote a label, type or property name from the ontology."""
    return "`" + name.replace("`", "``") + "`"


def redact(uri: str) -> str:
    """The URI without any user:password part, for messages."""
    try:
        parts = urlsplit(uri)
    except ValueError:
        return uri
    if parts.username is None and parts.password is None:
        return uri
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


# --- schema, derived from the ontology -------------------------------------------------------


def schema_statements(ont: Ontology) -> dict[str, str]:
    """name -> CREATE statement, derived from the ontology: a uniqueness constraint on the key of
    every label; indexes on ``story`` wherever the ontology declares it (every relationship type,
    pathways), used to replace a story; an index on the story content hash, looked up on ingest."""
    out: dict[str, str] = {}

    def index(label: str, prop: str) -> None:
        name = f"{PREFIX}_{label}_{prop}"
        out[name] = f"CREATE INDEX {q(name)} IF NOT EXISTS FOR (n:{q(label)}) ON (n.{q(prop)})"

    for label in ont.labels.values():
        key = next(p for p in label.properties if p.is_key)
        name = f"{PREFIX}_{label.name}_{key.name}"
        out[name] = (f"CREATE CONSTRAINT {q(name)} IF NOT EXISTS FOR (n:{q(label.name)}) "
                     f"REQUIRE n.{q(key.name)} IS UNIQUE")
        if label.property("story"):
            index(label.name, "story")
    index(ont.terms.story, "content_hash")
    for rel in ont.relationships.values():
        if any(p.name == "story" for p in rel.properties):
            name = f"{PREFIX}_{rel.name}_story"
            out[name] = f"CREATE INDEX {q(name)} IF NOT EXISTS FOR ()-[r:{q(rel.name)}]-() ON (r.`story`)"
    return out


class _Columns:
    """A batch of rows sent as columns: one list per column instead of one map per row.

    The driver packs a few long lists far faster than many small maps, and the ``repeated``
    columns (evidence sentence, story, extractor...) are dictionary-encoded: distinct values plus
    an index per row, so a sentence behind several relationships is sent once. Rows are sorted by
    ``g`` (their label or relationship group), and ``$o{g}``/``$n{g}`` give each part's slice.
    ``expr(name)`` is the Cypher that reads row ``i``'s value.
    """

    def __init__(self, repeated: list[str], plain: list[str]):
        self.names = {n: f"c{k}" for k, n in enumerate(repeated + plain)}
        self.strings = set(repeated)

    def expr(self, name: str) -> str:
        c = self.names[name]
        return f"${c}v[${c}i[i]]" if name in self.strings else f"${c}[i]"

    def encode(self, batch: list[dict[str, Any]], parts: int) -> dict[str, Any]:
        """Columns for ``batch`` sorted by ``g``, plus ``o{k}``/``n{k}``: where the rows of part k
        start and how many there are (0 for a part with no rows)."""
        batch = sorted(batch, key=lambda r: r["g"])
        out: dict[str, Any] = {f"n{k}": 0 for k in range(parts)}
        for pos, row in enumerate(batch):
            out.setdefault(f"o{row['g']}", pos)
            out[f"n{row['g']}"] += 1
        for k in range(parts):
            out.setdefault(f"o{k}", 0)
        for name, c in self.names.items():
            if name == "g":
                continue
            values = [row.get(name) for row in batch]
            if name in self.strings:
                index: dict[Any, int] = {}
                out[f"{c}i"] = [index.setdefault(v, len(index)) for v in values]
                # Every list as long as the batch: the server's plan cache keys list parameters by
                # their size (1, up to 10, up to 100, ...), so equal lengths mean few plans.
                out[f"{c}v"] = list(index) + [None] * (len(batch) - len(index))
            else:
                out[c] = values
        return out


@dataclass(frozen=True)
class _Statements:
    """The write statements for one ontology, built once. Rows carry ``g``, the index of their
    label (or relationship group); one unit subquery per label or group does the work for the rows
    that name it. The text and the parameter types never change, so the server plans each once,
    whatever mix of labels and types a story has."""

    labels: tuple[str, ...]
    keys: dict[str, str]
    groups: tuple[tuple[str, str, str], ...]
    orphan_labels: tuple[str, ...]
    node_columns: _Columns
    rel_columns: _Columns
    key_columns: _Columns
    delete_story_facts: str
    delete_background_facts: str
    existing: str
    merge: str
    create: str
    delete_orphans: str


@functools.lru_cache(maxsize=8)
def _statements(ont: Ontology) -> _Statements:
    T = ont.terms
    labels = tuple(ont.labels)
    keys = {lbl.name: next(p.name for p in lbl.properties if p.is_key) for lbl in ont.labels.values()}
    groups = tuple((r.name, a, b) for r in ont.relationships.values() for a, b in r.endpoints)
    orphans = tuple(rows.orphan_labels(ont))
    types = [r.name for r in ont.relationships.values()]

    def columns(props: list, repeated: list[str], extra: tuple[str, ...] = ()) -> _Columns:
        names = sorted({p.name for p in props} - set(repeated))
        return _Columns([n for n in repeated if any(p.name == n for p in props)], ["g", *extra] + names)

    node_cols = columns([p for lbl in ont.labels.values() for p in lbl.properties], [])
    evidence = ["sentence", "story", "extractor", "section", "source", "citation"]
    rel_cols = columns([p for r in ont.relationships.values() for p in r.properties], evidence, ("_s", "_t"))
    key_cols = _Columns([], ["g", "k"])

    def delete_facts(where: str, extra: str = "") -> str:
        """Delete matching relationships; return their endpoints as [labels, key] pairs."""
        union = "\n  UNION ALL\n  ".join(
            f"MATCH (a)-[r:{q(t)}]->(b) WHERE {where} DELETE r RETURN a, b" for t in types
        )
        return (f"{REPLAN_SKIP}CALL () {{\n  {union}\n}}\nUNWIND [a, b] AS n\n"
                f"WITH collect(DISTINCT [labels(n), n.{q('id')}]) AS ends\n{extra}RETURN ends")

    def per_part(bodies: list[str], *, union: bool = False, tail: str = "") -> str:
        """One subquery per label or group, over its slice of the rows (``$o{k}``, ``$n{k}``)."""
        parts = [f"UNWIND range($o{k}, $o{k} + $n{k} - 1) AS i {body}" for k, body in enumerate(bodies)]
        if union:
            return REPLAN_SKIP + "CALL () {\n  " + "\n  UNION ALL\n  ".join(parts) + "\n}\n" + tail
        return REPLAN_SKIP + "\n".join(f"CALL () {{ {part} }}" for part in parts)

    def node_key(label: str, cols: _Columns, key_col: str) -> str:
        return f"{{{q(keys[label])}: {cols.expr(key_col)}}}"

    def sets(label: str) -> str:
        props = [p for p in ont.label(label).properties if not p.is_key]
        return ("SET " + ", ".join(f"n.{q(p.name)} = {node_cols.expr(p.name)}" for p in props)) if props else ""

    def rel_props(rtype: str) -> str:
        return ", ".join(f"{q(p.name)}: {rel_cols.expr(p.name)}" for p in ont.relationship(rtype).properties)

    pathway = ont.label(T.pathway)
    pathway_clause = ""
    if pathway.property("story"):
        pathway_clause = f"CALL () {{ MATCH (p:{q(pathway.name)}) WHERE p.`story` IN $ids DETACH DELETE p }}\n"
    return _Statements(
        labels=labels, keys=keys, groups=groups, orphan_labels=orphans,
        node_columns=node_cols, rel_columns=rel_cols, key_columns=key_cols,
        delete_story_facts=delete_facts("r.`story` IN $ids", pathway_clause),
        delete_background_facts=delete_facts("r.`story` IS NULL AND r.`source` = $src"),
        existing=per_part([f"MATCH (n:{q(lbl)} {node_key(lbl, key_cols, 'k')}) RETURN {k} AS g, properties(n) AS p"
                           for k, lbl in enumerate(labels)], union=True, tail="RETURN g, p"),
        merge=per_part([f"MERGE (n:{q(lbl)} {node_key(lbl, node_cols, keys[lbl])}) {sets(lbl)}"
                                  for lbl in labels]),
        create=per_part([
            f"MATCH (a:{q(a)} {node_key(a, rel_cols, '_s')}) MATCH (b:{q(b)} {node_key(b, rel_cols, '_t')}) "
            f"CREATE (a)-[:{q(t)} {{{rel_props(t)}}}]->(b)"
            for t, a, b in groups
        ]),
        delete_orphans=per_part([
            f"MATCH (n:{q(lbl)} {node_key(lbl, key_cols, 'k')}) WHERE NOT EXISTS {{ (n)--() }} DELETE n"
            for lbl in orphans
        ]),
    )


# --- the store -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PreparedStories:
    """A batch of stories checked and shaped for writing (see :meth:`Neo4jStore.prepare_stories`)."""

    ids: list[str]
    heads: list[dict[str, Any]]
    entities: list[list[Entity]]
    create: dict[str, Any] | None
    loose: list[Entity]


class Neo4jStore:
    dialect = "neo4j"
    capabilities = frozenset({"cypher", "transactions", "read_only", "server", "batch_writes"})

    def __init__(self, uri: str | None = None, *, user: str | None = None, password: str | None = None,
                 database: str | None = None, read_only: bool = False, ontology: Ontology | None = None,
                 connection_timeout: float = CONNECTION_TIMEOUT, **driver_config: Any):
        self.uri = uri or os.environ.get("NEO4J_URI") or DEFAULT_URI
        self.user = user or os.environ.get("NEO4J_USERNAME") or DEFAULT_USER
        password = password if password is not None else os.environ.get("NEO4J_PASSWORD")
        self._has_password = password is not None
        self.database = database or os.environ.get("NEO4J_DATABASE") or None
        self.read_only = read_only
        self.ontology = ontology or load_ontology()
        self._T = self.ontology.terms
        self._st = _statements(self.ontology)
        self._driver = None
        shown = redact(self.uri)
        scheme = self.uri.split("://", 1)[0].lower() if "://" in self.uri else ""
        hint = ("use bolt://HOST:PORT, neo4j://HOST:PORT (routing) or neo4j+s://HOST (TLS, Aura) "
                "via --neo4j-uri or NEO4J_URI")
        if scheme not in SCHEMES:
            raise StoreUnavailable(f"invalid Neo4j URI {shown!r}: {hint}")
        try:
            self._driver = neo4j.GraphDatabase.driver(
                self.uri,
                auth=(self.user, password) if password is not None else None,
                user_agent=f"powerlens/{__version__}",
                connection_timeout=connection_timeout,
                notifications_min_severity="OFF",
                **driver_config,
            )
        except (nx.ConfigurationError, ValueError) as exc:
            raise StoreUnavailable(f"invalid Neo4j URI {shown!r} ({_one_line(exc)}): {hint}") from exc
        self._bookmarks = neo4j.GraphDatabase.bookmark_manager()
        try:
            with self._errors():
                self._driver.verify_connectivity()
                with self._session(neo4j.READ_ACCESS) as s:
                    self.database = s.run("RETURN 1").consume().database or self.database
            if not read_only:
                self._ensure_schema()
        except BaseException:
            self.close()
            raise

    # --- low level -------------------------------------------------------------------------

    def _session(self, mode: str) -> neo4j.Session:
        return self._driver.session(database=self.database, default_access_mode=mode,
                                    bookmark_manager=self._bookmarks)

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Driver exceptions -> one-line StoreError / QueryError naming what to check."""
        shown = redact(self.uri)
        try:
            yield
        except nx.AuthError as exc:
            why = _one_line(exc.message or exc) if self._has_password else "no password was given"
            raise StoreUnavailable(
                f"Neo4j at {shown} refused the credentials of user {self.user!r} ({why}): "
                "check --neo4j-user / NEO4J_USERNAME and --neo4j-password / NEO4J_PASSWORD"
            ) from exc
        except (nx.ServiceUnavailable, nx.SessionExpired) as exc:
            raise StoreUnavailable(
                f"cannot reach Neo4j at {shown} ({_reason(exc)}): check that the server is running and "
                "that --neo4j-uri / NEO4J_URI names it (bolt://, neo4j://, neo4j+s://)"
            ) from exc
        except nx.Neo4jError as exc:
            code = exc.code or ""
            if code.endswith("DatabaseNotFound"):
                raise StoreUnavailable(
                    f"Neo4j at {shown} has no database {self.database!r}: check --neo4j-database / "
                    "NEO4J_DATABASE"
                ) from exc
            if code.endswith("Security.CredentialsExpired"):
                raise StoreUnavailable(
                    f"the password of Neo4j user {self.user!r} at {shown} has expired: set a new one "
                    "(ALTER CURRENT USER SET PASSWORD, e.g. in cypher-shell) and pass it via NEO4J_PASSWORD"
                ) from exc
            if code.endswith("Statement.AccessMode"):
                raise QueryError(
                    "the query writes to the graph, but the store is open read-only "
                    "(powerlens cypher --write allows writes)"
                ) from exc
            raise QueryError(_one_line(exc.message or exc)) from exc
        except nx.DriverError as exc:
            raise StoreUnavailable(f"Neo4j at {shown}: {_one_line(exc)}") from exc

    def _read(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        def work(tx):
            res = tx.run(cypher, params or {})
            keys = list(res.keys())
            return keys, [dict(zip(keys, (_plain(v) for v in rec.values()))) for rec in res]

        with self._errors(), self._session(neo4j.READ_ACCESS) as s:
            keys, out = s.execute_read(work)
        return QueryResult(keys, out)

    def _write(self, work) -> Any:
        if self.read_only:
            raise StoreError("the store is open read-only")
        with self._errors(), self._session(neo4j.WRITE_ACCESS) as s:
            return s.execute_write(work)

    def _ensure_schema(self) -> None:
        wanted = schema_statements(self.ontology)
        with self._errors(), self._session(neo4j.WRITE_ACCESS) as s:
            have = {r["name"] for r in s.run("SHOW CONSTRAINTS YIELD name")}
            have |= {r["name"] for r in s.run("SHOW INDEXES YIELD name")}
            missing = [stmt for name, stmt in wanted.items() if name not in have]
            if not missing:
                return
            try:
                for stmt in missing:
                    s.run(stmt).consume()
            except nx.ClientError as exc:
                raise StoreError(
                    f"could not create the powerlens constraints and indexes on Neo4j at {redact(self.uri)} "
                    f"({_one_line(exc.message or exc)}): the user needs the right to create them"
                ) from exc
            s.run("CALL db.awaitIndexes($s)", s=INDEX_WAIT_SECONDS).consume()

    # --- protocol --------------------------------------------------------------------------

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        """Run Cypher with bound parameters: READ access when read-only, auto-commit WRITE otherwise."""
        if self.read_only:
            return self._read(cypher, params)
        with self._errors(), self._session(neo4j.WRITE_ACCESS) as s:
            res = s.run(cypher, params or {})
            keys = list(res.keys())
            out = [dict(zip(keys, (_plain(v) for v in rec.values()))) for rec in res]
        return QueryResult(keys, out)

    def story_state(self, story_id: str) -> StoryState | None:
        return self._state(f"MATCH (s:{q(self._T.story)} {{`id`: $v}})", story_id)

    def story_by_hash(self, content_hash: str) -> StoryState | None:
        return self._state(f"MATCH (s:{q(self._T.story)}) WHERE s.`content_hash` = $v", content_hash)

    def _state(self, match: str, value: str) -> StoryState | None:
        res = self._read(
            match + " RETURN s.`id` AS id, s.`source` AS source, s.`content_hash` AS h, "
            "s.`extractor_version` AS v ORDER BY id LIMIT 1",
            {"v": value},
        )
        if not res.rows:
            return None
        r = res.rows[0]
        return StoryState(r["id"], r["source"], r["h"], r["v"])

    def write_story(self, graph: StoryGraph) -> None:
        """Write one story in one managed transaction, replacing what it wrote before."""
        self.write_stories([graph])

    def prepare_stories(self, graphs: list[StoryGraph]) -> PreparedStories:
        """Check and shape a batch for :meth:`write_stories` (pure computation, no I/O: safe to run
        in another thread while an earlier batch is written). Raises StoreError on a graph the
        ontology does not allow."""
        heads = [{"id": g.id, **g.story} for g in graphs]
        entities = [list(g.entities.values()) for g in graphs]
        relations = [r for g in graphs for r in g.relations]
        return PreparedStories([g.id for g in graphs], heads, entities, self._relation_params(relations),
                               self._loose(heads, entities, relations))

    def write_stories(self, batch: list[StoryGraph] | PreparedStories) -> None:
        """Write several stories in one managed transaction (a batch: all or nothing).

        The result is that of writing them one after another with :meth:`write_story`, except that
        a node left without relationships by one story and used again by a later one of the batch
        keeps its stored name and kind. ``powerlens sync`` uses it; ingest writes story by story.
        """
        prepared = batch if isinstance(batch, PreparedStories) else self.prepare_stories(batch)
        if not prepared.ids:
            return

        def work(tx):
            ends = tx.run(self._st.delete_story_facts, ids=prepared.ids).single()["ends"]
            self._write_nodes(tx, self._T.story, prepared.heads, prepared.entities)
            if prepared.create:
                tx.run(self._st.create, prepared.create).consume()
            self._delete_orphans(tx, ends, prepared.loose)

        self._write(work)

    def write_batches(self, batches: Iterable[list[StoryGraph]],
                      on_batch: Callable[[list[str]], None] | None = None) -> None:
        """Write batches of stories, one transaction each, preparing the next batch in a second
        thread while the current one is written (the driver waits on the network most of the time).
        """
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="powerlens-prepare") as pool:
            it = iter(batches)

            def next_batch() -> PreparedStories | None:
                graphs = next(it, None)
                return None if graphs is None else self.prepare_stories(graphs)

            pending = pool.submit(next_batch)
            while (prepared := pending.result()) is not None:
                pending = pool.submit(next_batch)
                self.write_stories(prepared)
                if on_batch:
                    on_batch(prepared.ids)

    def remove_story(self, story_id: str) -> bool:
        if self.story_state(story_id) is None:
            return False

        def work(tx):
            ends = tx.run(self._st.delete_story_facts, ids=[story_id]).single()["ends"]
            tx.run(f"MATCH (s:{q(self._T.story)} {{`id`: $id}}) DETACH DELETE s", id=story_id).consume()
            self._delete_orphans(tx, ends, [])

        self._write(work)
        return True

    def write_background(self, source: dict[str, Any], entities: list[Entity], relations: list[Relation]) -> None:
        entities, relations = list(entities), list(relations)
        create = self._relation_params(relations)
        loose = self._loose([source], [entities], relations)

        def work(tx):
            ends = tx.run(self._st.delete_background_facts, src=source["id"]).single()["ends"]
            self._write_nodes(tx, self._T.source, [source], [entities])
            if create:
                tx.run(self._st.create, create).consume()
            self._delete_orphans(tx, ends, loose)

        self._write(work)

    def remove_background(self, source_id: str) -> bool:
        if self.background_hash(source_id) is None:
            return False

        def work(tx):
            ends = tx.run(self._st.delete_background_facts, src=source_id).single()["ends"]
            tx.run(f"MATCH (s:{q(self._T.source)} {{`id`: $id}}) DETACH DELETE s", id=source_id).consume()
            self._delete_orphans(tx, ends, [])

        self._write(work)
        return True

    def background_sources(self) -> dict[str, str]:
        """Loaded background sources: id -> content hash."""
        res = self._read(f"MATCH (s:{q(self._T.source)}) RETURN s.`id` AS id, s.`content_hash` AS h")
        return {r["id"]: r["h"] for r in res.rows}

    def background_hash(self, source_id: str) -> str | None:
        res = self._read(f"MATCH (s:{q(self._T.source)} {{`id`: $id}}) RETURN s.`content_hash` AS h",
                         {"id": source_id})
        return res.rows[0]["h"] if res.rows else None

    def counts(self) -> dict[str, dict[str, int]]:
        labels, types = list(self.ontology.labels), list(self.ontology.relationships)
        parts = [f"MATCH (n:{q(lbl)}) WITH count(n) AS n RETURN {i} AS i, n" for i, lbl in enumerate(labels)]
        parts += [f"MATCH ()-[r:{q(t)}]->() WITH count(r) AS n RETURN {len(labels) + i} AS i, n"
                  for i, t in enumerate(types)]
        got = {r["i"]: r["n"] for r in self._read("\nUNION ALL\n".join(parts)).rows}
        return {
            "nodes": {lbl: got[i] for i, lbl in enumerate(labels)},
            "relationships": {t: got[len(labels) + i] for i, t in enumerate(types)},
        }

    def close(self) -> None:
        driver, self._driver = self._driver, None
        if driver is not None:
            driver.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # --- writing helpers (run inside the managed transaction; they never mutate their input) --

    def _write_nodes(self, tx, head_label: str, heads: list[dict[str, Any]],
                     entities: list[list[Entity]]) -> None:
        """MERGE each head node (story or background source, all properties replaced) and its
        entities, merged with what is stored as if the heads were written one after another.

        The nodes are first read (in this transaction), the writes applied to them in Python in
        order, and each changed node is sent once with every declared property, which leaves
        what setting only the written properties, write after write, would leave."""
        st = self._st
        index = {lbl: k for k, lbl in enumerate(st.labels)}
        wanted = sorted({(e.label, e.id) for ents in entities for e in ents})
        in_store: dict[tuple[str, str], dict[str, Any]] = {}
        if wanted:
            keys = st.key_columns.encode([{"g": index[label], "k": key} for label, key in wanted], len(st.labels))
            for rec in tx.run(st.existing, keys):
                label = st.labels[rec["g"]]
                in_store[(label, rec["p"][st.keys[label]])] = rec["p"]
        state = dict(in_store)  # the nodes as the writes so far leave them
        touched: dict[tuple[str, str], None] = {}
        for head, ents in zip(heads, entities):
            self._apply(state, touched, head_label, [head], replace=True)
            for label, group in rows.entities_by_label(ents).items():
                have = {e.id: state.get((label, e.id), {}) for e in group}
                self._apply(state, touched, label, rows.entity_rows(self.ontology, label, group, have), replace=False)
        changed = []
        for key in touched:
            label = key[0]
            node = {p.name: rows.coerce(p, state[key].get(p.name)) for p in self.ontology.label(label).properties}
            old = in_store.get(key)
            if old is None or any(v != old.get(k) for k, v in node.items()):
                changed.append({"g": index[label], **node})
        if changed:
            tx.run(st.merge, st.node_columns.encode(changed, len(st.labels))).consume()

    def _apply(self, state: dict, touched: dict, label: str, node_rows: list[dict[str, Any]], *, replace: bool) -> None:
        """Apply one write of ``node_rows`` (as the embedded store makes it) to ``state``."""
        props, full = rows.node_rows(self.ontology, label, node_rows, replace=replace)
        key, names = self._st.keys[label], [p.name for p in props]
        for row in full:
            k = (label, row[key])
            state[k] = {**({} if replace else state.get(k, {})), key: row[key], **{n: row[n] for n in names}}
            touched[k] = None

    def _relation_params(self, relations: list[Relation]) -> dict[str, Any] | None:
        """The parameters of the create statement (None when there is nothing to create)."""
        groups = rows.relation_groups(self.ontology, relations)
        batch = []
        for k, group in enumerate(self._st.groups):
            if group not in groups:
                continue
            props = self.ontology.relationship(group[0]).properties
            batch += [{"g": k, "_s": row["s"], "_t": row["t"], **{p.name: rows.coerce(p, row[p.name]) for p in props}}
                      for row in groups[group]]
        return self._st.rel_columns.encode(batch, len(self._st.groups)) if batch else None

    def _loose(self, heads: list[dict[str, Any]], entities: list[list[Entity]],
               relations: list[Relation]) -> list[Entity]:
        """The entities that no relationship of this write ties to another node of the write:
        they may be left without relationships (the others cannot)."""
        written = {(self._T.story, h["id"]) for h in heads} | {e.key for ents in entities for e in ents}
        tied = set()
        for r in relations:
            if r.source in written and r.target in written:
                tied |= {r.source, r.target}
        return [e for ents in entities for e in ents if e.key not in tied]

    def _delete_orphans(self, tx, ends: list, entities: list[Entity]) -> None:
        """Delete, among the nodes this write touched, those left without relationships."""
        index = {lbl: k for k, lbl in enumerate(self._st.orphan_labels)}
        keys = {(index[label], key) for labels, key in ends for label in labels if label in index}
        keys |= {(index[e.label], e.id) for e in entities if e.label in index}
        if keys:
            rows_ = [{"g": g, "k": k} for g, k in sorted(keys)]
            tx.run(self._st.delete_orphans, self._st.key_columns.encode(rows_, len(self._st.orphan_labels))).consume()


def _one_line(exc: Any) -> str:
    return " ".join(str(exc).split())


def _reason(exc: Exception) -> str:
    """The useful part of a connection error ("Connection refused", "Name or service not known")."""
    text = str(exc)
    m = re.search(r"reason (?:\[Errno -?\d+\] )?(.+?)\)?\s*$", text, re.S)
    return _one_line(m.group(1) if m else text) or type(exc).__name__


def _plain(value: Any) -> Any:
    """Driver values -> plain Python: nodes and relationships become property dicts with ``_label``
    (as the embedded store returns them), temporal values ISO strings."""
    if isinstance(value, neo4j.graph.Node):
        out = {k: _plain(v) for k, v in value.items()}
        out["_label"] = min(value.labels) if value.labels else None
        return out
    if isinstance(value, neo4j.graph.Relationship):
        out = {k: _plain(v) for k, v in value.items()}
        out["_label"] = value.type
        return out
    if isinstance(value, neo4j.graph.Path):
        return {"nodes": [_plain(n) for n in value.nodes], "rels": [_plain(r) for r in value.relationships]}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value
