"""Load speed: relationships per second written into Neo4j and into the embedded store.

    python benchmarks/load_neo4j.py                                  # starts a throwaway test server
    python benchmarks/load_neo4j.py --uri bolt://localhost:7687      # or NEO4J_URI (+ NEO4J_PASSWORD)
    python benchmarks/load_neo4j.py --stories 400 --relations 500

Builds a synthetic corpus in memory: ``--stories`` story graphs of ``--relations`` relationships
each, drawn at random (fixed seed) from every (type, source label, target label) the ontology
allows, between entities from a shared pool of ``--entities`` names, so later stories MERGE into
nodes that earlier ones created, as a real corpus does. Every relationship carries the evidence
properties of the graph contract (story, sentence, start, end, confidence, extractor, section).

Each store receives the corpus through its ordinary ``write_story`` (one transaction per story,
exactly what ``powerlens ingest`` does after extraction), into an empty database, timed with
``time.perf_counter`` around the loop; then the same stories are written again, which is the
replace path (delete the story's evidence, write it again). Without ``--uri`` the script starts
``scripts/neo4j-test-server`` (Neo4j Community 5.26 on loopback) and stops it at the end. The
database named by ``--uri`` is emptied first: point it at a throwaway one. Prints figures only.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "neo4j-test-server"


def build_corpus(ontology, stories: int, relations: int, entities: int, seed: int = 7):
    from powerlens.model import Entity, Evidence, Relation, StoryGraph, slugify

    rnd = random.Random(seed)
    T = ontology.terms
    groups = [(r.name, a, b) for r in ontology.relationships.values() for a, b in r.endpoints]
    pool: dict[str, list[tuple[str, dict]]] = {}
    for label in ontology.labels.values():
        if label.name in (T.story, T.source):
            continue
        kinds = label.kind_names()
        names = [f"{label.name} {i:05d}" for i in range(max(10, entities // len(ontology.labels)))]
        pool[label.name] = [(n, {"kind": rnd.choice(kinds)} if kinds else {}) for n in names]
    sentence = "The coverage presents the ranking as neutral while its publisher sells advice to those it ranks. "
    out = []
    for s in range(stories):
        sid = f"story-{s:05d}"
        text = sentence * 40
        g = StoryGraph({"id": sid, "title": f"Synthetic story {s}", "text": text, "source": f"synthetic/{sid}.txt",
                        "content_hash": f"hash-{s}", "extractor_version": "bench", "format": "plain-text"})
        for _ in range(relations):
            rtype, a, b = rnd.choice(groups)
            keys = []
            for label in (a, b):
                if label == T.story:
                    keys.append((T.story, sid))
                    continue
                if label == T.pathway:  # pathways belong to one story
                    rank = rnd.randint(1, 5)
                    name, props = f"{sid} pathway {rank}", {"story": sid, "rank": rank, "text": "..."}
                else:
                    name, props = rnd.choice(pool[label])
                e = g.add_entity(Entity(label, slugify(name), name, props, {name}))
                keys.append(e.key)
            start = rnd.randrange(0, len(text) - 200)
            ev = Evidence(sid, sentence.strip(), start, start + 20, round(rnd.random(), 4), "bench", "body")
            extra = {}
            if rtype == T.mentions:
                extra["count"] = rnd.randint(1, 5)
            g.add_relation(Relation(rtype, keys[0], keys[1], ev, extra))
        out.append(g)
    return out


def load(store, corpus, batch: int = 1) -> float:
    """Seconds to write the corpus: one transaction per story, or per ``batch`` stories."""
    t0 = time.perf_counter()
    if batch == 1:
        for g in corpus:
            store.write_story(g)
    else:  # what powerlens sync does: the next batch is prepared while one is written
        store.write_batches(corpus[i:i + batch] for i in range(0, len(corpus), batch))
    return time.perf_counter() - t0


def wipe(store) -> None:
    store.query("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS")
    store.query("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 20000 ROWS")


def start_server(state: str) -> str:
    # A server sized like a small real one (the test defaults are 512m heap, 64m page cache).
    out = subprocess.run([sys.executable, str(SCRIPT), "start", "--state-dir", state, "--max-lifetime", "3600",
                          "--heap", "2g", "--pagecache", "1g"], check=True, stdout=subprocess.PIPE, text=True)
    return out.stdout.strip()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--uri", default=os.environ.get("NEO4J_URI"), help="a Neo4j to load into (emptied first!)")
    ap.add_argument("--stories", type=int, default=200)
    ap.add_argument("--relations", type=int, default=500, help="relationships per story")
    ap.add_argument("--entities", type=int, default=5000, help="size of the shared entity pool")
    ap.add_argument("--batch", type=int, default=50, help="stories per transaction in the batched run (as sync)")
    args = ap.parse_args()

    from powerlens.graph import open_store
    from powerlens.ontology import load_ontology

    ontology = load_ontology()
    t0 = time.perf_counter()
    corpus = build_corpus(ontology, args.stories, args.relations, args.entities)
    total = sum(len(g.relations) for g in corpus)
    distinct = len({k for g in corpus for k in g.entities})
    print(f"corpus: {len(corpus)} stories, {total} relationships, {distinct} distinct entities "
          f"(built in {time.perf_counter() - t0:.1f}s)")

    state = None
    uri = args.uri
    if not uri:
        state = tempfile.mkdtemp(prefix="powerlens-bench-neo4j-")
        uri = start_server(state)
    results = {}
    try:
        neo = open_store("neo4j", uri=uri, ontology=ontology)
        try:
            # Warm-up: the server plans each write statement once per size class of its batch
            # (measured apart: it is paid once per server, not per story).
            wipe(neo)
            warm = build_corpus(ontology, args.batch, args.relations, args.entities, seed=99)
            t_warm = load(neo, warm[:4]) + load(neo, warm, batch=args.batch)
            wipe(neo)
            results["neo4j, 1 story/tx"] = (load(neo, corpus), load(neo, corpus), neo.counts())
            wipe(neo)
            results[f"neo4j, {args.batch} stories/tx"] = (load(neo, corpus, args.batch), load(neo, corpus, args.batch),
                                                          neo.counts())
        finally:
            neo.close()
        with tempfile.TemporaryDirectory() as tmp:
            emb = open_store("embedded", path=Path(tmp) / "graph.lbug", ontology=ontology)
            try:
                results["embedded, 1 story/tx"] = (load(emb, corpus), load(emb, corpus), emb.counts())
            finally:
                emb.close()
    finally:
        if state:
            subprocess.run([sys.executable, str(SCRIPT), "stop", "--state-dir", state], check=False)

    print(f"(Neo4j warm-up, planning the write statements: {t_warm:.1f}s)")
    print(f"\n{'store':<24} {'first load':>11} {'rels/s':>9} {'replace':>9} {'rels/s':>9}")
    for name, (first, again, counts) in results.items():
        stored = sum(counts["relationships"].values())
        assert stored == total, f"{name} holds {stored} relationships, expected {total}"
        print(f"{name:<24} {first:>10.2f}s {total / first:>9,.0f} {again:>8.2f}s {total / again:>9,.0f}")
    same = len({repr(c) for *_, c in results.values()}) == 1
    print(f"\nsame node and relationship counts in every store: {same}")


if __name__ == "__main__":
    main()
