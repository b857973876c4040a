"""The Neo4j store on a real server: writes, replacement, background facts, schema, faults,
hostile values, sync, and parity with the embedded store (same corpus, same answers)."""

from __future__ import annotations

import json
import socket
import tempfile

import neo4j as driver_pkg
import pytest

from helpers import EXAMPLES, copy_examples, run_cli
from powerlens.graph import QueryError, StoreError, open_store
from powerlens.graph.neo4j import PREFIX, schema_statements
from powerlens.ingest.pipeline import ADDED, UNCHANGED, UPDATED, ingest_paths
from powerlens.model import Entity, Evidence, Relation, StoryGraph
from powerlens.queries import load_queries
from query_graphs import write_chain
from powerlens.workspace import Workspace

pytestmark = pytest.mark.neo4j

HOSTILE = "O'Brien \"Q\" `tick` } {x} MATCH (n) DETACH DELETE n // RETURN"


@pytest.fixture
def store(neo4j_db):
    s = open_store("neo4j", **neo4j_db.options())
    yield s
    s.close()


def _norm(value):
    """Lists compare as multisets: collect() order is not defined by Cypher."""
    if isinstance(value, list):
        return sorted((_norm(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items()}
    return value


def dump(store, skip: tuple[str, ...] = ()) -> dict[str, list[str]]:
    """Every node and relationship with every declared property, in a comparable form."""
    ont = store.ontology
    out = {}
    for lbl in ont.labels.values():
        cols = ", ".join(f"n.`{p.name}` AS `{p.name}`" for p in lbl.properties if p.name not in skip)
        rows = store.query(f"MATCH (n:{lbl.name}) RETURN {cols}").rows
        out[lbl.name] = sorted(json.dumps(_norm(r), sort_keys=True) for r in rows)
    for rel in ont.relationships.values():
        cols = ", ".join(f"r.`{p.name}` AS `{p.name}`" for p in rel.properties)
        for a, b in rel.endpoints:
            rows = store.query(f"MATCH (a:{a})-[r:{rel.name}]->(b:{b}) RETURN a.id AS a_, b.id AS b_, {cols}").rows
            out[f"{a}-{rel.name}->{b}"] = sorted(json.dumps(_norm(r), sort_keys=True) for r in rows)
    return out


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _one_line_error(stderr: str) -> str:
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("error: ") and "Traceback" not in stderr
    return lines[0]


# --- writes -------------------------------------------------------------------------------------


def test_write_read_round_trip(store, sample_graph):
    store.write_story(sample_graph)
    state = store.story_state("sample")
    assert state is not None and state.content_hash == "x"
    assert store.story_by_hash("x").id == "sample" and store.story_by_hash("nope") is None
    story = store.query("MATCH (s:Story {id: 'sample'}) RETURN s AS s").rows[0]["s"]
    assert story["_label"] == "Story" and story["text"] == sample_graph.story["text"]

    rels = store.query(
        "MATCH (a)-[r]->(b) WHERE r.story = 'sample' RETURN type(r) AS t, a.id AS a, b.id AS b, "
        "r.sentence AS sentence, r.start AS start, r.`end` AS `end`, r.confidence AS confidence").rows
    assert len(rels) == len(sample_graph.relations)
    text = sample_graph.story["text"]
    for r in rels:
        assert text[r["start"]:r["end"]] in r["sentence"]
        assert isinstance(r["start"], int) and isinstance(r["confidence"], float)
    want = sorted((r.type, r.source[1], r.target[1]) for r in sample_graph.relations)
    assert sorted((r["t"], r["a"], r["b"]) for r in rels) == want

    actor = next(e for e in sample_graph.entities.values() if e.label == "Actor")
    node = store.query("MATCH (a:Actor {id: $id}) RETURN a.name AS name, a.aliases AS aliases",
                       {"id": actor.id}).rows[0]
    assert node["name"] == actor.name and actor.name in node["aliases"]


def test_routing_uri_works_unchanged(neo4j_db, sample_graph):
    """neo4j:// (client-side routing, as for clusters and Aura) against the same server."""
    uri = neo4j_db.uri.replace("bolt://", "neo4j://", 1)
    routed = open_store("neo4j", **{**neo4j_db.options(), "uri": uri})
    try:
        routed.write_story(sample_graph)
        assert routed.story_state("sample").content_hash == "x"
    finally:
        routed.close()
    reader = open_store("neo4j", read_only=True, **{**neo4j_db.options(), "uri": uri})
    try:
        assert reader.counts()["nodes"]["Story"] == 1
        with pytest.raises(QueryError, match="read-only"):
            reader.query("CREATE (:Actor {id: 'nope'})")
    finally:
        reader.close()


def test_reingest_is_idempotent(store):
    first = ingest_paths(store, [EXAMPLES])
    assert {r.status for r in first.results} == {ADDED}
    before, counts = dump(store, skip=("ingested_at",)), store.counts()
    assert {r.status for r in ingest_paths(store, [EXAMPLES]).results} == {UNCHANGED}
    assert dump(store, skip=("ingested_at",)) == before
    forced = ingest_paths(store, [EXAMPLES], force=True)
    assert {r.status for r in forced.results} == {UPDATED}
    assert dump(store, skip=("ingested_at",)) == before, "re-extracting the same files must give the same graph"
    assert store.counts() == counts


def test_work_function_is_safe_to_run_twice(store, monkeypatch, sample_graph):
    """execute_write may run the work function again: running it twice in one transaction must
    leave exactly what one run leaves."""
    store.write_story(sample_graph)
    once = dump(store)
    store.query("MATCH (n) DETACH DELETE n")
    original = driver_pkg.Session.execute_write

    def twice(self, work, *args, **kwargs):
        return original(self, lambda tx, *a, **k: (work(tx, *a, **k), work(tx, *a, **k))[1], *args, **kwargs)

    monkeypatch.setattr(driver_pkg.Session, "execute_write", twice)
    store.write_story(sample_graph)
    assert dump(store) == once


def test_changed_story_replaces_its_evidence(store, tmp_path, sample_path):
    story = tmp_path / "story.txt"
    text = sample_path.read_text(encoding="utf-8")
    story.write_text(text, encoding="utf-8")
    ingest_paths(store, [story])
    assert store.query("MATCH (m:Metric {id: 'seedance'})<-[r:LEGITIMIZES]-() RETURN count(r) AS n").rows[0]["n"] == 1
    story.write_text(text.replace("(like Seedance)", "(like the Acme Leaderboard)").replace(
        "benchmarks like Seedance", "benchmarks like the Acme Leaderboard"), encoding="utf-8")
    assert ingest_paths(store, [story]).results[0].status == UPDATED
    rows = store.query("MATCH (f:Framing)-[r:LEGITIMIZES]->(m:Metric) WHERE r.story = 'story' RETURN m.name AS m").rows
    assert {r["m"] for r in rows} == {"Acme Leaderboard"}
    # the old story-only evidence is gone; Seedance survives only through its background fact
    rows = store.query("MATCH (m:Metric {id: 'seedance'})<-[r]-() RETURN r.story AS s").rows
    assert rows and all(r["s"] is None for r in rows)
    assert store.query("MATCH (s:Story) RETURN count(s) AS n").rows[0]["n"] == 1


def test_failed_write_leaves_nothing_and_remove_story(store, sample_graph):
    before = store.counts()
    broken = Relation("MIRRORS", ("Actor", "bytedance"), ("Actor", "alibaba-group"),
                      Evidence("sample", "x", 0, 1, 0.5, "test"))
    bad = StoryGraph(sample_graph.story, sample_graph.entities, sample_graph.relations + [broken])
    with pytest.raises(StoreError):
        store.write_story(bad)
    assert store.counts() == before
    store.write_story(sample_graph)
    assert store.query("MATCH (p:Precedent) RETURN count(p) AS n").rows[0]["n"] > 0
    assert store.remove_story("sample") and not store.remove_story("sample")
    counts = store.counts()
    assert sum(counts["relationships"].values()) == 0
    assert all(n == 0 for label, n in counts["nodes"].items()), counts


def test_background_facts(store, examples_dir):
    ingest_paths(store, [examples_dir])
    sources = store.background_sources()
    assert sources and all(h for h in sources.values())
    rows = store.query("MATCH (a)-[r]->(b) WHERE r.story IS NULL "
                       "RETURN r.source AS source, r.citation AS citation, a.id AS a, b.id AS b").rows
    assert rows and all(r["source"] in sources and r["citation"] for r in rows)
    assert any(r["a"] == "bytedance" and r["b"] == "seedance" for r in rows)
    sid = next(iter(sources))
    assert store.background_hash(sid) == sources[sid]
    assert store.remove_background(sid) and not store.remove_background(sid)
    left = store.query("MATCH ()-[r]->() WHERE r.source = $s RETURN count(r) AS n", {"s": sid}).rows
    assert left[0]["n"] == 0 and sid not in store.background_sources()


def test_constraints_are_created_from_the_ontology(neo4j_db):
    with neo4j_db.driver() as d:
        for rec in d.execute_query("SHOW CONSTRAINTS YIELD name").records:
            if rec["name"].startswith(PREFIX + "_"):
                d.execute_query(f"DROP CONSTRAINT `{rec['name']}`")
        for rec in d.execute_query("SHOW INDEXES YIELD name, owningConstraint").records:
            if rec["name"].startswith(PREFIX + "_") and rec["owningConstraint"] is None:
                d.execute_query(f"DROP INDEX `{rec['name']}`")
    ro = open_store("neo4j", read_only=True, **neo4j_db.options())
    ro.close()
    with neo4j_db.driver() as d:
        assert not [r for r in d.execute_query("SHOW CONSTRAINTS YIELD name").records
                    if r["name"].startswith(PREFIX)], "a read-only open must not create anything"
    s = open_store("neo4j", **neo4j_db.options())
    try:
        with neo4j_db.driver() as d:
            cons = {r["name"]: r for r in d.execute_query(
                "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties").records}
            idx = {r["name"]: r["state"] for r in d.execute_query("SHOW INDEXES YIELD name, state").records}
        for label in s.ontology.labels:
            c = cons[f"{PREFIX}_{label}_id"]
            assert c["type"] == "UNIQUENESS" and c["labelsOrTypes"] == [label] and c["properties"] == ["id"]
        assert set(schema_statements(s.ontology)) <= set(idx)
        assert all(idx[name] == "ONLINE" for name in schema_statements(s.ontology))
        s.query("CREATE (:Actor {id: 'dup', name: 'A'})")
        with pytest.raises(QueryError, match="already exists"):
            s.query("CREATE (:Actor {id: 'dup', name: 'B'})")
    finally:
        s.close()


# --- the command line -----------------------------------------------------------------------------


def test_cli_on_neo4j_and_read_only_by_default(neo4j_db, tmp_path, sample_path):
    ws = str(tmp_path / "ws")
    out = run_cli(*neo4j_db.cli_args(), "ingest", "-q", "-w", ws, str(sample_path))
    assert out.returncode == 0, out.stderr
    assert not (tmp_path / "ws" / "graph.lbug").exists(), "the graph lives on the server"
    out = run_cli(*neo4j_db.cli_args(), "ask", "who-controls-metrics", "-w", ws, "-f", "json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert any(r["metric"] == "Seedance" and r["relation"] in ("CONTROLS", "OWNS") for r in rows)
    out = run_cli(*neo4j_db.cli_args(), "stats", "-w", ws, "-f", "json")
    counts = {(r["kind"], r["name"]): r["count"] for r in json.loads(out.stdout)}
    assert counts[("node", "Story")] == 1 and counts[("relationship", "OMITS")] >= 5

    out = run_cli(*neo4j_db.cli_args(), "cypher", "CREATE (:Actor {id: 'x', name: 'X'})", "-w", ws)
    assert out.returncode == 1 and "query failed" in out.stderr and "--write" in out.stderr
    out = run_cli(*neo4j_db.cli_args(), "cypher", "--write", "CREATE (a:Actor {id: 'x', name: 'X'}) RETURN a.id AS id",
                  "-w", ws, "-f", "json")
    assert out.returncode == 0 and json.loads(out.stdout) == [{"id": "x"}], out.stderr
    # the environment selects the store too
    env = {**__import__("os").environ, "POWERLENS_STORE": "neo4j", "NEO4J_URI": neo4j_db.uri}
    out = run_cli("cypher", "MATCH (a:Actor {id: 'x'}) RETURN count(a) AS n", "-w", ws, "-f", "json", env=env)
    assert json.loads(out.stdout) == [{"n": 1}], out.stderr


def test_cypher_write_flag_on_the_embedded_store(tmp_path, sample_path):
    ws = str(tmp_path / "ws")
    assert run_cli("ingest", "-q", "-w", ws, str(sample_path)).returncode == 0
    assert run_cli("cypher", "CREATE (:Actor {id: 'y', name: 'Y'})", "-w", ws).returncode == 1
    assert run_cli("cypher", "--write", "CREATE (:Actor {id: 'y', name: 'Y'})", "-w", ws).returncode == 0
    out = run_cli("cypher", "MATCH (a:Actor {id: 'y'}) RETURN count(a) AS n", "-w", ws, "-f", "json")
    assert json.loads(out.stdout) == [{"n": 1}]


def test_unreachable_neo4j_is_one_clear_line(tmp_path, neo4j_db):
    uri = f"bolt://127.0.0.1:{_closed_port()}"
    stories = copy_examples(tmp_path / "stories")
    ws = str(tmp_path / "ws")
    assert run_cli("ingest", "-q", "-w", ws, str(stories)).returncode == 0  # embedded, for sync
    for args in (["ingest", "-q", str(stories)], ["ask", "who-controls-metrics"], ["stats"],
                 ["cypher", "RETURN 1"], ["sync", "--to", "neo4j"], ["sync", "--from", "neo4j"]):
        out = run_cli("--store", "neo4j", "--neo4j-uri", uri, *args, "-w", ws)
        assert out.returncode == 1, (args, out.stderr)
        line = _one_line_error(out.stderr)
        assert uri in line and "cannot reach Neo4j" in line and "NEO4J_URI" in line, line
    out = run_cli("--store", "neo4j", "--neo4j-uri", "http://127.0.0.1:7474", "stats")
    assert out.returncode == 1 and "bolt://" in _one_line_error(out.stderr)
    # a wrong database on a live server: an error naming it, and nothing written anywhere
    out = run_cli(*neo4j_db.cli_args(), "--neo4j-database", "no-such-db", "ingest", "-q", str(stories),
                  "-w", str(tmp_path / "ws"))
    line = _one_line_error(out.stderr)
    assert out.returncode == 1 and "no-such-db" in line and "NEO4J_DATABASE" in line
    with neo4j_db.driver() as d:
        assert d.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"] == 0


def test_wrong_credentials_are_one_clear_line(neo4j_auth_server, tmp_path):
    stories = copy_examples(tmp_path / "stories")
    out = run_cli("--store", "neo4j", "--neo4j-uri", neo4j_auth_server, "--neo4j-user", "neo4j",
                  "--neo4j-password", "not-the-password", "ingest", "-q", str(stories), "-w", str(tmp_path / "ws"))
    line = _one_line_error(out.stderr)
    assert out.returncode == 1
    assert neo4j_auth_server in line and "refused the credentials" in line and "NEO4J_PASSWORD" in line
    assert "not-the-password" not in line
    env = {**__import__("os").environ, "NEO4J_USERNAME": "neo4j", "NEO4J_PASSWORD": "wrong"}
    out = run_cli("--store", "neo4j", "--neo4j-uri", neo4j_auth_server, "stats", env=env)
    assert out.returncode == 1 and "refused the credentials" in _one_line_error(out.stderr)


def test_hostile_values_are_only_ever_parameters(store, neo4j_db, tmp_path, examples_dir):
    # through ingest: a title, an omission item and a file name full of Cypher syntax
    src = next(examples_dir.glob("finance-*.txt")).read_text(encoding="utf-8")
    title = src.splitlines()[2]
    text = src.replace(title, HOSTILE, 1).replace(
        "The coverage omits the historical precedents of rating failure,",
        f"The coverage omits {HOSTILE}, the historical precedents of rating failure,", 1)
    folder = tmp_path / "stories"
    folder.mkdir()
    (folder / "it's `a` {story} } MATCH.txt").write_text(text, encoding="utf-8")
    ws = str(tmp_path / "ws")
    out = run_cli(*neo4j_db.cli_args(), "ingest", "-q", "-w", ws, str(folder))
    assert out.returncode == 0, out.stderr
    out = run_cli(*neo4j_db.cli_args(), "cypher", "MATCH (s:Story) WHERE s.title = $t RETURN s.source AS source",
                  "-p", f"t={HOSTILE}", "-w", ws, "-f", "json")
    rows = json.loads(out.stdout)
    assert len(rows) == 1 and rows[0]["source"].endswith("it's `a` {story} } MATCH.txt"), out.stderr
    out = run_cli(*neo4j_db.cli_args(), "ask", "omission-coverage", "--param", f"story={HOSTILE}",
                  "-w", ws, "-f", "json")
    assert out.returncode == 0 and json.loads(out.stdout), out.stderr
    items = store.query("MATCH (:Story)-[o:OMITS]->() WHERE o.text CONTAINS $h RETURN o.text AS t", {"h": HOSTILE}).rows
    assert items, "the hostile omission item is stored verbatim"

    # through the store API: entity names and ids that are Cypher
    story = {"id": "h", "title": HOSTILE, "text": "x " + HOSTILE, "source": HOSTILE, "content_hash": HOSTILE}
    g = StoryGraph(story)
    a = g.add_entity(Entity("Actor", "id`) DETACH DELETE n //", HOSTILE, {"kind": "Company"}, {HOSTILE + "'"}))
    m = g.add_entity(Entity("Metric", "m}{", "RETURN 1 }", {}, set()))
    g.add_relation(Relation("CONTROLS", a.key, m.key, Evidence("h", "x " + HOSTILE, 2, 9, 0.9, HOSTILE)))
    store.write_story(g)
    row = store.query("MATCH (a:Actor {id: $id})-[r:CONTROLS]->(m:Metric) RETURN a.name AS a, a.aliases AS al, "
                      "m.name AS m, r.extractor AS x", {"id": "id`) DETACH DELETE n //"}).rows
    assert row == [{"a": HOSTILE, "al": sorted({HOSTILE, HOSTILE + "'"}), "m": "RETURN 1 }", "x": HOSTILE}]
    assert store.story_by_hash(HOSTILE).id == "h"
    assert store.query("MATCH (s:Story) RETURN count(s) AS n").rows[0]["n"] == 2


def test_sync_to_and_from_neo4j(neo4j_db, tmp_path, examples_dir, sample_path):
    ws1, ws2 = str(tmp_path / "ws1"), str(tmp_path / "ws2")
    assert run_cli("ingest", "-q", "-w", ws1, str(examples_dir), str(sample_path)).returncode == 0
    out = run_cli(*neo4j_db.cli_args(), "sync", "--to", "neo4j", "-w", ws1)
    assert out.returncode == 0, out.stderr
    assert "9 copied" in out.stderr
    out = run_cli(*neo4j_db.cli_args(), "sync", "--to", "neo4j", "-w", ws1)
    assert out.returncode == 0 and "9 unchanged" in out.stderr, out.stderr

    embedded = Workspace(ws1).open(read_only=True)
    server = open_store("neo4j", read_only=True, **neo4j_db.options())
    try:
        assert dump(server) == dump(embedded)
        assert server.counts() == embedded.counts()
    finally:
        server.close()
        embedded.close()

    out = run_cli(*neo4j_db.cli_args(), "sync", "--from", "neo4j", "-w", ws2)
    assert out.returncode == 0 and "9 copied" in out.stderr, out.stderr
    first, second = Workspace(ws1).open(read_only=True), Workspace(ws2).open(read_only=True)
    try:
        assert dump(second) == dump(first)
    finally:
        first.close()
        second.close()
    out = run_cli(*neo4j_db.cli_args(), "sync", "-w", ws2)
    assert out.returncode == 2 and "--to" in out.stderr


# --- parity ---------------------------------------------------------------------------------------


def test_parity_with_the_embedded_store(store, examples_dir, sample_path):
    """The example corpus (and the sample) in both stores: the same graph, the same answer to every
    named query, each in its own dialect."""
    ingest_paths(store, [examples_dir, sample_path])
    with tempfile.TemporaryDirectory() as tmp:
        embedded = Workspace(f"{tmp}/ws").open()
        try:
            ingest_paths(embedded, [examples_dir, sample_path])
            assert store.counts() == embedded.counts()
            assert dump(store, skip=("ingested_at",)) == dump(embedded, skip=("ingested_at",))
            answered = 0
            for q in load_queries().values():
                for params in _param_sets(q):
                    a, b = q.run(store, params), q.run(embedded, params)
                    assert a.columns == b.columns, q.name
                    rows_a = [json.dumps(_norm(r), sort_keys=True) for r in a.rows]
                    rows_b = [json.dumps(_norm(r), sort_keys=True) for r in b.rows]
                    if q.analytic or q.sort or "ORDER BY" in q.cypher_for(store.dialect).upper():
                        assert rows_a == rows_b, (q.name, params)
                    else:
                        assert sorted(rows_a) == sorted(rows_b), (q.name, params)
                    answered += bool(rows_a)
            assert answered >= len(load_queries())
            write_chain(store)
            write_chain(embedded)
            for q in load_queries().values():
                params = {p.name: v for p in q.params if (v := CHAIN_PARAMS.get(p.name)) is not None}
                for extra in ({}, {"background": False}) if "background" in {p.name for p in q.params} else ({},):
                    a, b = q.run(store, {**params, **extra}), q.run(embedded, {**params, **extra})
                    assert [_norm(r) for r in a.rows] == [_norm(r) for r in b.rows] or \
                        sorted(json.dumps(_norm(r), sort_keys=True) for r in a.rows) == \
                        sorted(json.dumps(_norm(r), sort_keys=True) for r in b.rows), (q.name, extra)
        finally:
            embedded.close()


#: Parameters for the hand-written chain graph (tests/query_graphs.py).
CHAIN_PARAMS = {"story": "chain", "actor": "holding", "from": "Parent Group", "to": "Outlet Index", "framing": "miracle"}


def _param_sets(q) -> list[dict]:
    """The query's own examples, its defaults, and the required parameters set for the sample story."""
    sets = [dict(p) for p in q.examples] + [{}]
    required = {p.name for p in q.params if p.required}
    if required:
        sets = [s for s in sets if required <= set(s)]
        sample = {"story": "happyhorse", "actor": "bytedance", "from": "Alibaba Group", "to": "ByteDance"}
        sets.append({k: sample[k] for k in required})
    if "background" in {p.name for p in q.params}:
        sets.append({**sets[0], "background": "false"})
    return sets


def test_sync_writes_a_refused_batch_story_by_story(store, tmp_path, examples_dir, monkeypatch):
    from powerlens.graph.neo4j import Neo4jStore
    from powerlens.graph.sync import COPIED, FAILED, sync

    embedded = Workspace(tmp_path / "ws").open()
    try:
        ingest_paths(embedded, [examples_dir])
        bad = sorted(r["id"] for r in embedded.query("MATCH (s:Story) RETURN s.id AS id").rows)[1]
        real = Neo4jStore.write_stories

        def refuse_batches(self, batch):
            if len(getattr(batch, "ids", batch)) > 1:
                raise StoreError("refused")
            real(self, batch)

        def refuse_one(self, graph):
            if graph.id == bad:
                raise StoreError("this one is refused")
            real(self, [graph])

        monkeypatch.setattr(Neo4jStore, "write_stories", refuse_batches)
        monkeypatch.setattr(Neo4jStore, "write_story", refuse_one)
        seen = []
        report = sync(embedded, store, batch_size=3, on_story=lambda sid, status: seen.append((sid, status)))
        assert report.stories[FAILED] == 1 and report.errors == [f"{bad}: this one is refused"]
        assert report.stories[COPIED] == len(seen) - 1 == 7
        assert store.story_state(bad) is None and store.counts()["nodes"]["Story"] == 7
    finally:
        embedded.close()
