"""Latency of every named query (p50 and p95) on synthetic corpora, on the embedded store and on
Neo4j when java and mvn are there (a throwaway server from scripts/neo4j-test-server, as the tests
use).

    python benchmarks/query_speed.py                          # 1,000 and 10,000 stories, both stores
    python benchmarks/query_speed.py --sizes 200 --runs 5 --no-neo4j
    python benchmarks/query_speed.py --mix uniform            # every relationship type equally likely

The corpus comes from benchmarks/synthetic.py. By default its mix of relationship types is the one
of the bundled example stories (ingested first into a scratch store and counted), so a synthetic
story holds about as many ownership, framing and omission facts as a real one; ``--mix uniform``
makes every (type, endpoints) pair equally likely (far more power facts than real stories). The
larger corpus is the smaller one plus more stories. Each query runs once to warm up, then ``--runs``
times; the figures are wall-clock milliseconds through the library (``NamedQuery.run``, as
``powerlens ask`` runs it). Parameters a query needs are taken from the corpus: its first story,
its most connected actor, two actors two material ties apart. The load average (1, 5, 15 minutes) is
printed with each block, since the machine may be shared.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from powerlens.graph import open_store
from powerlens.ingest.pipeline import ingest_paths
from powerlens.queries import load_queries

from synthetic import relation_mix, synthetic_corpus

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "powerlens" / "examples" / "stories"
SERVER = REPO / "scripts" / "neo4j-test-server"


def load_average() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def percentiles(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]


def corpus_params(store) -> dict[str, str]:
    """Values for the queries' required parameters, read from the corpus (nothing hard-coded)."""
    story = store.query("MATCH (s:Story) RETURN s.id AS id ORDER BY id LIMIT 1").rows[0]["id"]
    actor = store.query("MATCH (a:Actor)-[r]-() RETURN a.id AS id, count(r) AS n ORDER BY n DESC, id LIMIT 1").rows[0]["id"]
    tie = store.query("MATCH (a:Actor)-[:OWNS|CONTROLS|FUNDS]->(b:Actor)-[:OWNS|CONTROLS|FUNDS]->(c:Actor) "
                      "WHERE a.id <> b.id AND b.id <> c.id AND a.id <> c.id "
                      "RETURN a.id AS x, c.id AS y ORDER BY x, y LIMIT 1").rows[0]
    return {"story": story, "actor": actor, "from": tie["x"], "to": tie["y"]}


def measure(store, runs: int, label: str) -> None:
    values = corpus_params(store)
    print(f"  {label}: {load_average()}; parameters from the corpus: {values}", flush=True)
    for q in load_queries().values():
        params = {p.name: values[p.name] for p in q.params if p.required}
        try:
            n = len(q.run(store, params).rows)  # warm-up
            times = []
            for _ in range(runs):
                t0 = time.perf_counter()
                q.run(store, params)
                times.append((time.perf_counter() - t0) * 1000)
        except Exception as exc:  # a benchmark reports a failing query and goes on
            print(f"    {q.name:24s} failed: {exc}", flush=True)
            continue
        p50, p95 = percentiles(times)
        print(f"    {q.name:24s} p50 {p50:9.1f} ms  p95 {p95:9.1f} ms  ({n} rows)", flush=True)
    print(f"  {label}: {load_average()}", flush=True)


def write_embedded(store, graphs: list, batch: int = 100) -> None:
    """New synthetic stories into the embedded store, ``batch`` stories per transaction, with the
    store's own merge and create statements. Ingest writes one story per transaction and first
    deletes what the story wrote before, scanning every relationship; new stories have nothing to
    replace, and 10,000 of them would take hours that way."""
    T = store.ontology.terms
    for k in range(0, len(graphs), batch):
        part = graphs[k:k + batch]
        entities: dict = {}
        for g in part:
            for key, e in g.entities.items():
                have = entities.get(key)
                if have is None:
                    entities[key] = type(e)(e.label, e.id, e.name, dict(e.properties), set(e.aliases))
                else:
                    have.aliases |= e.aliases

        def work():
            store._merge_nodes(T.story, [{"id": g.id, **g.story} for g in part], replace=True)
            store._write_entities(list(entities.values()))
            store._write_relations([r for g in part for r in g.relations])

        store._in_transaction(work)


def start_neo4j(state: Path) -> str | None:
    if not (shutil.which("java") and shutil.which("mvn")):
        print("Neo4j: skipped (needs java and mvn for scripts/neo4j-test-server)")
        return None
    out = subprocess.run([sys.executable, str(SERVER), "start", "--state-dir", str(state), "--heap", "2g",
                          "--pagecache", "1g", "--max-lifetime", "14400"], capture_output=True, text=True)
    if out.returncode != 0:
        print(f"Neo4j: could not start the test server: {out.stderr[-500:]}")
        return None
    return out.stdout.strip()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--mix", choices=["real", "uniform"], default="real")
    ap.add_argument("--neo4j", action=argparse.BooleanOptionalAction, default=True)
    args = ap.parse_args()
    sizes = sorted(args.sizes)
    with tempfile.TemporaryDirectory() as tmp:
        weights = None
        if args.mix == "real":
            scratch = open_store("embedded", path=Path(tmp) / "examples.lbug")
            ingest_paths(scratch, [EXAMPLES], kb_dirs=[])
            weights = relation_mix(scratch)
            scratch.close()
        print(f"relationship mix: {args.mix}; {load_average()}")
        stores = [("embedded", open_store("embedded", path=Path(tmp) / "graph.lbug"))]
        state = Path(tmp) / "neo4j"
        uri = start_neo4j(state) if args.neo4j else None
        if uri:
            neo = open_store("neo4j", uri=uri)
            neo.query("MATCH (n) DETACH DELETE n")
            stores.append(("neo4j", neo))
        try:
            corpus = synthetic_corpus(sizes[-1], weights=weights)
            have = 0
            for size in sizes:
                batch = [next(corpus) for _ in range(size - have)]
                have = size
                for name, store in stores:
                    t0 = time.perf_counter()
                    if "batch_writes" in store.capabilities:
                        for k in range(0, len(batch), 50):
                            store.write_stories(batch[k:k + 50])
                    else:
                        write_embedded(store, batch)
                    rels = sum(store.counts()["relationships"].values())
                    print(f"{name}, {size:,} stories ({rels:,} relationships; the last {len(batch):,} stories "
                          f"written in {time.perf_counter() - t0:.0f} s)", flush=True)
                    measure(store, args.runs, f"{name} {size:,}")
        finally:
            for _, store in stores:
                store.close()
            if uri:
                subprocess.run([sys.executable, str(SERVER), "stop", "--state-dir", str(state)], capture_output=True)


if __name__ == "__main__":
    main()
