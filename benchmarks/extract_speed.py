"""Extraction speed: stories per second for the rule-based extractor alone and for ingest end to end.

    python benchmarks/extract_speed.py                 # the bundled example stories
    python benchmarks/extract_speed.py STORY_DIR --copies 50

Extraction alone reads every story once, then times ``Extractor.extract`` over all of them
``--rounds`` times (one process, one core). End to end copies the stories ``--copies`` times
into a temporary folder (each copy made unique, so none is skipped as a duplicate) and times
``powerlens.ingest.pipeline.ingest_paths`` into a fresh embedded workspace. Prints figures only;
the targets live in the issue tracker, not in assertions.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import tempfile
import time
from importlib import resources as ir
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", nargs="?", help="folder of stories (default: the bundled examples)")
    ap.add_argument("--rounds", type=int, default=20, help="passes over the stories for extraction alone")
    ap.add_argument("--copies", type=int, default=25, help="copies of each story for the end-to-end run")
    ap.add_argument("--nlp", help="an installed spaCy model to time as well")
    args = ap.parse_args()

    from powerlens.ingest.extract import Extractor
    from powerlens.ingest.pipeline import ingest_paths
    from powerlens.ingest.readers import iter_story_files, read_path
    from powerlens.workspace import Workspace

    folder = Path(args.folder) if args.folder else Path(str(ir.files("powerlens") / "examples" / "stories"))
    files = [p for p, problem in iter_story_files([folder]) if problem is None]
    docs = [read_path(p)[0] for p in files]
    chars = statistics.mean(len(d.text) for d in docs)
    print(f"corpus: {len(docs)} stories from {folder} (mean {chars:,.0f} characters)")

    t0 = time.perf_counter()
    ex = Extractor() if not args.nlp else __import__("powerlens.ingest.nlp", fromlist=["SpacyExtractor"]).SpacyExtractor(args.nlp)
    print(f"extractor start-up: {time.perf_counter() - t0:.2f} s ({ex.version})")
    ex.extract(docs[0], story_id="warm", source="warm", content_hash="warm")
    per_round = []
    rels = 0
    for _ in range(args.rounds):
        t = time.perf_counter()
        for i, d in enumerate(docs):
            g = ex.extract(d, story_id=f"s{i}", source="bench", content_hash="bench")
            rels += len(g.relations)
        per_round.append(time.perf_counter() - t)
    n = len(docs) * args.rounds
    total = sum(per_round)
    best = len(docs) / min(per_round)
    print(f"extraction alone: {n} stories in {total:.2f} s = {n / total:,.0f} stories/s "
          f"(best round {best:,.0f}/s; {rels / n:.0f} relationships per story; one core)")

    tmp = Path(tempfile.mkdtemp(prefix="powerlens-bench-"))
    try:
        src = tmp / "stories"
        src.mkdir()
        for c in range(args.copies):
            for p in files:
                text = p.read_text(encoding="utf-8")
                (src / f"{p.stem}-{c:04d}{p.suffix}").write_text(text + f"\n\nCopy {c}.\n", encoding="utf-8")
        ws = Workspace(tmp / "ws")
        store = ws.open()
        try:
            t = time.perf_counter()
            report = ingest_paths(store, [src])
            secs = time.perf_counter() - t
        finally:
            store.close()
        m = len(report.results)
        print(f"ingest end to end (embedded store): {m} stories in {secs:.2f} s = {m / secs:,.1f} stories/s "
              f"({report.summary()})")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {rss:,.0f} MB; cores available: {os.cpu_count()}")


if __name__ == "__main__":
    main()
