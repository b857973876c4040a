"""RDF speed: export triples/s per format and SPARQL latency of the shipped queries, on a synthetic
corpus, for the Oxigraph store and for rdflib's in-memory store holding the same triples.

    python benchmarks/rdf_speed.py                      # 10,000 stories; rdflib on the first 50
    python benchmarks/rdf_speed.py --stories 500 --rdflib-stories 500 --runs 5

The corpus is built straight as story graphs (no text extraction): each story has 40-60
entities drawn from a shared pool (so stories share actors and concepts, as real ones do) and
60-120 relationships with evidence. rdflib's in-memory store needs about 1 KB per triple, so by
default it holds only the first --rdflib-stories stories; Oxigraph is then also measured on that
same subset, side by side.
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from pathlib import Path

from powerlens.graph.export import RDF_FORMATS, export_rdf
from powerlens.graph.rdf import RdfStore
from powerlens.graph.rdfmap import Mapper, resolver, to_quads
from powerlens.queries import SPARQL, get_query

from synthetic import synthetic_corpus

QUERIES = [("who-controls-metrics", {}), ("recurring-omissions", {"min_stories": "2"})]


def load(store: RdfStore, graphs) -> tuple[int, float]:
    t0 = time.perf_counter()
    for g in graphs:
        store.write_story(g)
    return len(store), time.perf_counter() - t0


def latency(run, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        run()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]


def report_store(name: str, store: RdfStore, runs: int) -> None:
    for fmt in RDF_FORMATS:
        buf = io.BytesIO()
        t0 = time.perf_counter()
        n = export_rdf(store, fmt, buf)
        dt = time.perf_counter() - t0
        print(f"  {name:9s} export {fmt:6s} {n / dt:12,.0f} triples/s  ({n:,} in {dt:.1f}s, {len(buf.getvalue()) / 2**20:.0f} MiB)")
    for qname, params in QUERIES:
        q = get_query(qname)
        text, bound = q.text_for(SPARQL), q.bind(params)
        p50, p95 = latency(lambda: store.query(text, bound), runs)
        print(f"  {name:9s} sparql {qname:22s} p50 {p50:9.1f} ms  p95 {p95:9.1f} ms")


def report_rdflib(graph, store: RdfStore, runs: int) -> None:
    from powerlens.graph.sparql import bind

    for fmt, rdflib_fmt in (("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")):
        t0 = time.perf_counter()
        data = graph.serialize(format=rdflib_fmt, encoding="utf-8")
        dt = time.perf_counter() - t0
        print(f"  rdflib    export {fmt:6s} {len(graph) / dt:12,.0f} triples/s  ({len(graph):,} in {dt:.1f}s, {len(data) / 2**20:.0f} MiB)")
    ns = dict(store.ontology.rdf.prefixes)
    for qname, params in QUERIES:
        q = get_query(qname)
        text = bind(q.text_for(SPARQL), q.bind(params))
        p50, p95 = latency(lambda: list(graph.query(text, initNs=ns)), max(1, runs // 3))
        print(f"  rdflib    sparql {qname:22s} p50 {p50:9.1f} ms  p95 {p95:9.1f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stories", type=int, default=10_000)
    ap.add_argument("--rdflib-stories", type=int, default=50)
    ap.add_argument("--runs", type=int, default=9, help="query runs for the percentiles")
    args = ap.parse_args()
    small = min(args.rdflib_stories, args.stories)
    with tempfile.TemporaryDirectory() as tmp:
        store = RdfStore(Path(tmp) / "rdf")
        corpus = synthetic_corpus(args.stories)
        first = [next(corpus) for _ in range(small)]
        n, dt = load(store, first)
        print(f"corpus: {small:,} stories, {n:,} triples (loaded in {dt:.1f}s, {n / dt:,.0f} triples/s)")
        report_store("oxigraph", store, args.runs)
        import rdflib

        t0 = time.perf_counter()
        mem = rdflib.Graph()
        mem.parse(data="".join(f"{q.subject} {q.predicate} {q.object} .\n"
                               for q in store.oxigraph.quads_for_pattern(None, None, None, None)), format="nt")
        print(f"  rdflib    in-memory load of the same {len(mem):,} triples in {time.perf_counter() - t0:.1f}s")
        report_rdflib(mem, store, args.runs)
        del mem
        if args.stories > small:
            n, dt = load(store, corpus)
            print(f"corpus: {args.stories:,} stories, {n:,} triples (loaded in {dt:.1f}s, {n / dt:,.0f} triples/s)")
            report_store("oxigraph", store, args.runs)
        store.close()


if __name__ == "__main__":
    main()
