"""A synthetic corpus of story graphs, written straight as StoryGraphs (no text extraction), for
the benchmarks: ``rdf_speed.py`` (RDF store) and ``query_speed.py`` (named queries).

    from synthetic import synthetic_corpus, relation_mix
"""

from __future__ import annotations

import itertools
import random

from powerlens.model import Entity, Evidence, Relation, StoryGraph
from powerlens.ontology import load_ontology


def synthetic_corpus(n: int, seed: int = 7, weights: dict[str, float] | None = None):
    """``n`` story graphs whose relationships fit the ontology's allowed endpoints.

    Each story has 40-60 entities drawn from a shared pool (4,000 actors, 800 of every other
    label), so stories share actors and concepts as real ones do, and 60-120 relationships with
    evidence. Without ``weights`` every (type, source label, target label) of the ontology is
    equally likely; ``weights`` (type -> weight, e.g. :func:`relation_mix` of a real corpus) makes
    the mix of types that of real stories. The same arguments give the same corpus.
    """
    ont = load_ontology()
    rng = random.Random(seed)
    T = ont.terms
    pool = {lbl: [f"{lbl.lower()}-{i}" for i in range(4000 if lbl == T.actor else 800)]
            for lbl in ont.entity_labels() + [T.concept]}
    pairs = [(rel.name, a, b) for rel in ont.relationships.values() for a, b in rel.endpoints
             if a in pool and b in pool or (a == T.story and b in pool)]
    cum = None
    if weights is not None:
        per_pair = [weights.get(t, 0.0) / sum(1 for p in pairs if p[0] == t) for t, _, _ in pairs]
        cum = list(itertools.accumulate(per_pair))
    words = "the coverage frames a narrative that serves interests while obscuring who controls metrics".split()
    for k in range(n):
        sid = f"story-{k:05d}"
        text = " ".join(rng.choice(words) for _ in range(900))
        g = StoryGraph(story={"id": sid, "name": f"Story {k}", "title": f"Story {k}", "text": text,
                              "source": f"/corpus/{sid}.txt", "content_hash": f"{k:064x}",
                              "format": "synthetic", "extractor_version": "synthetic-1"})
        ents = {}
        for _ in range(rng.randint(40, 60)):
            lbl = rng.choice(list(pool))
            i = rng.choice(pool[lbl])
            props = {"kind": ont.label(lbl).default_kind} if ont.label(lbl).kinds else {}
            if lbl == T.framing:
                props = {"dimension": "Other"}
            ents[(lbl, i)] = Entity(lbl, i, i.replace("-", " ").title(), props, {i})
        for e in ents.values():
            g.add_entity(e)
        by_label = {}
        for lbl, i in ents:
            by_label.setdefault(lbl, []).append(i)
        for _ in range(rng.randint(60, 120)):
            rtype, a, b = rng.choice(pairs) if cum is None else rng.choices(pairs, cum_weights=cum)[0]
            src = (T.story, sid) if a == T.story else (a, rng.choice(by_label[a])) if a in by_label else None
            if src is None or b not in by_label:
                continue
            start = rng.randrange(0, len(text) - 200)
            ev = Evidence(sid, text[start:start + 150], start, start + 40, round(rng.random(), 3), "synthetic", "body")
            props = {"count": 1} if rtype == T.mentions else {"text": "an omission item"} if rtype == T.omits else {}
            g.add_relation(Relation(rtype, src, (b, rng.choice(by_label[b])), ev, props))
        yield g


def relation_mix(store) -> dict[str, float]:
    """Relationships per type in ``store`` (a real corpus), as weights for :func:`synthetic_corpus`."""
    counts = store.counts()["relationships"]
    return {t: float(n) for t, n in counts.items() if n}
