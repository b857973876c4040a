"""Analytics that Cypher cannot express well, run in Python over a networkx projection.

A named query whose header says ``analytic = "NAME"`` holds Cypher that fetches a projection of
the graph; :func:`run` hands a ``fetch`` function (which runs that Cypher on the store with the
parameters it is given and returns the rows) and the bound parameters to the function ``NAME``
here. The functions read the store only through ``fetch``, so they answer the same on every store
that speaks Cypher (the embedded store and Neo4j); they build their graphs from rows sorted first,
so the answer never depends on the order a store returns rows in.

Contract for every analytic: ``fn(fetch, params) -> list of row dicts`` with the query file's
columns, deterministic for a given graph. A parameter value it cannot use raises
:class:`powerlens.queries.ParameterError`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

import networkx as nx

Fetch = Callable[[dict[str, Any]], list[dict[str, Any]]]

#: Relationship types whose two ends are peers (the projection links them both ways).
SYMMETRIC = frozenset({"ALIGNED_WITH"})
DIGITS = 6


def run(name: str, fetch: Fetch, params: dict[str, Any]) -> list[dict[str, Any]]:
    try:
        fn = ANALYTICS[name]
    except KeyError:
        raise KeyError(f"no analytic {name!r} in powerlens.queries.analytics; known: {', '.join(ANALYTICS)}") from None
    return fn(fetch, params)


def _param_error(message: str) -> Exception:
    from . import ParameterError

    return ParameterError(message)


def _positive(params: dict[str, Any], name: str) -> int:
    value = params.get(name)
    if not isinstance(value, int) or value < 1:
        raise _param_error(f"parameter {name!r} must be a whole number of at least 1, got {value!r}")
    return value


def _key(row: dict[str, Any]) -> tuple:
    return tuple("" if v is None else str(v) for _, v in sorted(row.items()))


def _sorted_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(rows, key=_key)


def _distinct(values) -> list:
    """Values in first-seen order, without None or repeats."""
    seen: dict[Any, None] = {}
    for v in values:
        if v is not None and v != "":
            seen.setdefault(v, None)
    return list(seen)


# --- central actors ---------------------------------------------------------------------------


def actor_projection(rows: list[dict[str, Any]]) -> nx.DiGraph:
    """The directed actor projection from rows with ``source``, ``target`` (actor ids),
    ``source_name``, ``target_name``, ``source_kind``, ``target_kind``, ``relation``, ``weight``
    and ``stories`` (titles). An edge points from an actor to the actor it works for or depends
    on; its ``weight`` is the number of relationships behind it. Symmetric relations give both
    directions. Self-ties are dropped."""
    g = nx.DiGraph()
    for r in _sorted_rows(rows):
        a, b = r["source"], r["target"]
        if a == b:
            continue
        for x, name, kind in ((a, r["source_name"], r.get("source_kind")), (b, r["target_name"], r.get("target_kind"))):
            if x not in g:
                g.add_node(x, name=name, kind=kind, stories=set(), relations=set(), ties=0)
        pairs = [(a, b), (b, a)] if r["relation"] in SYMMETRIC else [(a, b)]
        for x, y in pairs:
            data = g.get_edge_data(x, y)
            if data is None:
                g.add_edge(x, y, weight=0)
                data = g[x][y]
            data["weight"] += r["weight"]
        for x in (a, b):
            g.nodes[x]["stories"].update(t for t in r.get("stories") or [] if t)
            g.nodes[x]["relations"].add(r["relation"])
            g.nodes[x]["ties"] += r["weight"]
    return g


def centrality(fetch: Fetch, params: dict[str, Any]) -> list[dict[str, Any]]:
    """PageRank (weighted, on the directed projection: rank flows to the actors others work for
    or depend on) and betweenness (on the undirected projection: actors that broker between
    others), top ``top`` actors by PageRank. Betweenness is exact when the projection has at most
    ``samples`` actors, and otherwise estimated from that many source actors chosen with a fixed
    seed (so the answer is repeatable)."""
    top = _positive(params, "top")
    samples = _positive(params, "samples")
    g = actor_projection(fetch(params))
    if g.number_of_nodes() == 0:
        return []
    rank = nx.pagerank(g, weight="weight")
    u = g.to_undirected(as_view=False)
    k = None if u.number_of_nodes() <= samples else samples
    between = nx.betweenness_centrality(u, k=k, seed=0 if k else None, normalized=True)
    order = sorted(g.nodes, key=lambda n: (-round(rank[n], DIGITS), -round(between[n], DIGITS), g.nodes[n]["name"], n))
    out = []
    for n in order[:top]:
        d = g.nodes[n]
        out.append({
            "actor": d["name"], "kind": d["kind"],
            "pagerank": round(rank[n], DIGITS), "betweenness": round(between[n], DIGITS),
            "degree": u.degree(n), "ties": d["ties"], "relations": sorted(d["relations"]),
            "stories": sorted(d["stories"]),
        })
    return out


# --- omission matrix ----------------------------------------------------------------------------


def matrix(fetch: Fetch, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Stories x concepts: one row per cell, ``omits`` (the story says the coverage leaves the
    concept out; wins when the story also covers it), ``covers`` or ``neither``. The columns are
    the ``top`` concepts omitted by the most stories; the rows are the stories that omit or cover
    any of them. ``neither`` = false leaves the empty cells out."""
    top = _positive(params, "top")
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    stories: dict[str, str] = {}
    concepts: dict[str, str] = {}
    omitted_by: dict[str, set[str]] = defaultdict(set)
    for r in _sorted_rows(fetch(params)):
        sid, cid = r["story_id"], r["concept_id"]
        stories[sid], concepts[cid] = r["story"], r["concept"]
        cell = cells.setdefault((sid, cid), {"omits": False, "covers": False, "items": [], "evidence": []})
        if r["status"] == "OMITS":
            cell["omits"] = True
            omitted_by[cid].add(sid)
        else:
            cell["covers"] = True
        cell["items"].append(r.get("item"))
        cell["evidence"].append(r.get("sentence"))
    columns = sorted(omitted_by, key=lambda c: (-len(omitted_by[c]), concepts[c], c))[:top]
    chosen = set(columns)
    rows_of = sorted({sid for sid, cid in cells if cid in chosen}, key=lambda s: (stories[s], s))
    out = []
    for sid in rows_of:
        for cid in columns:
            cell = cells.get((sid, cid))
            if cell is None:
                if params.get("neither", True):
                    out.append({"story": stories[sid], "concept": concepts[cid], "status": "neither",
                                "omitted_by": len(omitted_by[cid]), "items": [], "evidence": []})
                continue
            out.append({"story": stories[sid], "concept": concepts[cid],
                        "status": "omits" if cell["omits"] else "covers", "omitted_by": len(omitted_by[cid]),
                        "items": _distinct(cell["items"]), "evidence": _distinct(cell["evidence"])})
    return out


# --- contrastive omissions ------------------------------------------------------------------------


def contrast(fetch: Fetch, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Omissions found by contrast: what the stories on the same subject as one story mention or
    cover and that story neither mentions, covers nor lists as omitted.

    The projection holds the story's own items and those of its nearest stories (most shared
    entities, framings and concepts; ``neighbours`` of them, each sharing at least ``min_shared``).
    On the bipartite story-item graph, each neighbour's similarity to the story is the Jaccard
    coefficient of their items; an item's ``score`` is the sum of the similarities of the
    neighbours that have it, ``support`` their number. Items with ``support`` of at least
    ``min_support`` are kept, best first."""
    min_support = _positive(params, "min_support")
    rows = _sorted_rows(fetch(params))
    targets = {r["story_id"]: r["story"] for r in rows}
    if len(targets) > 1:
        names = "; ".join(f"{sid} ({title})" for sid, title in sorted(targets.items()))
        raise _param_error(f"story {params.get('story')!r} matches {len(targets)} stories, give one id: {names}")
    if not targets:
        return []
    (sid, title), = targets.items()
    g = nx.Graph()
    listed: set[tuple[str, str]] = set()
    items: dict[tuple[str, str], dict[str, Any]] = {}
    evidence: dict[tuple[tuple[str, str], str], list[str]] = defaultdict(list)
    others: dict[str, str] = {}
    for r in rows:
        item = (r["label"], r["item_id"])
        items.setdefault(item, {"name": r["item"], "label": r["label"]})
        story = ("Story", r["other_id"])
        if r["relation"] == "OMITS":
            if r["other_id"] == sid:
                listed.add(item)  # already in the story's own What's Missing
            continue
        if r["other_id"] != sid:
            others[r["other_id"]] = r["other"]
        g.add_edge(story, item)
        if r.get("sentence"):
            evidence[(item, r["other_id"])].append(r["sentence"])
    me = ("Story", sid)
    if me not in g:
        g.add_node(me)
    pairs = [(me, ("Story", o)) for o in sorted(others)]
    similarity = {v[1]: j for _, v, j in nx.jaccard_coefficient(g, pairs)}
    mine = set(g[me])
    scored = []
    for item in sorted(items):
        if item in mine or item in listed or item not in g:
            continue
        backers = sorted(o for (_, o) in g[item] if o != sid)
        if len(backers) < min_support:
            continue
        score = round(sum(similarity[o] for o in backers), DIGITS)
        scored.append({
            "story": title, "item": items[item]["name"], "label": items[item]["label"],
            "support": len(backers), "score": score,
            "mentioned_by": sorted(others[o] for o in backers),
            "evidence": _distinct(s for o in backers for s in evidence[(item, o)]),
        })
    scored.sort(key=lambda r: (-r["support"], -r["score"], r["item"], r["label"]))
    return scored


# --- paths ------------------------------------------------------------------------------------------


def paths(fetch: Fetch, params: dict[str, Any]) -> list[dict[str, Any]]:
    """How two entities are connected: simple paths over the power relationships (material and
    discursive ties, and parallels), shortest first, at most ``max`` hops and ``limit`` paths.

    ``from`` and ``to`` name an entity by id or by name (case-insensitive, whole name). The graph
    is explored from both ends, one hop per fetch, ceil(max/2) hops from ``from`` and floor(max/2)
    from ``to``: every path of at most ``max`` hops lies in what is fetched."""
    max_hops = _positive(params, "max")
    limit = _positive(params, "limit")
    start, goal = str(params["from"]), str(params["to"])
    edges: dict[tuple, dict[str, list]] = {}
    names: dict[tuple[str, str], str] = {}

    def expand(ids: set[str], lookup: list[str]) -> list[dict[str, Any]]:
        rows = fetch({**params, "ids": sorted(ids), "names": lookup})
        for r in rows:
            a, b = (r["a_label"], r["a_id"]), (r["b_label"], r["b_id"])
            names[a], names[b] = r["a_name"], r["b_name"]
            ev = edges.setdefault((a, r["relation"], b), {"stories": [], "sentences": [], "citations": []})
            ev["stories"].append(r.get("story"))
            ev["sentences"].append(r.get("sentence"))
            ev["citations"].append(r.get("citation"))
        return rows

    def matches(node: tuple[str, str], wanted: str) -> bool:
        return node[1] == wanted or (names.get(node) or "").lower() == wanted.lower()

    def explore(wanted: str, hops: int) -> None:
        """Fetch every tie within ``hops`` of the entities ``wanted`` names."""
        if not hops:
            return
        rows = expand({wanted}, [wanted.lower()])
        frontier = {n for r in rows for n in ((r["a_label"], r["a_id"]), (r["b_label"], r["b_id"])) if matches(n, wanted)}
        seen = set(frontier)
        for level in range(1, hops + 1):
            if level > 1:
                expand({n[1] for n in frontier}, [])
            reached = {n for (a, _, b) in edges if a in frontier or b in frontier for n in (a, b)}
            frontier = reached - seen
            seen |= reached
            if not frontier:
                return

    explore(start, (max_hops + 1) // 2)
    explore(goal, max_hops // 2)
    g = nx.Graph()
    for (a, rel, b) in sorted(edges):
        if a == b:
            continue
        g.add_edge(a, b)
        g[a][b].setdefault("ties", []).append((a, rel, b))
    found = []
    for s in sorted(n for n in g if matches(n, start)):
        for t in sorted(n for n in g if matches(n, goal)):
            if s == t:
                continue
            try:
                for k, p in enumerate(nx.shortest_simple_paths(g, s, t)):
                    if len(p) - 1 > max_hops or k >= limit:
                        break
                    found.append(p)
            except nx.NetworkXNoPath:
                continue
    rows = [_path_row(p, g, names, edges) for p in found]
    rows.sort(key=lambda r: (r["hops"], r["path"]))
    return rows[:limit]


def _path_row(p, g, names, edges) -> dict[str, Any]:
    text = names[p[0]]
    relations, stories, sentences, citations = [], [], [], []
    for x, y in zip(p, p[1:]):
        steps = []
        for (a, rel, b) in g[x][y]["ties"]:
            steps.append(f"-{rel}->" if a == x else f"<-{rel}-")
            relations.append(rel)
            ev = edges[(a, rel, b)]
            stories += ev["stories"]
            sentences += ev["sentences"]
            citations += ev["citations"]
        text += " " + " | ".join(_distinct(steps)) + " " + names[y]
    return {
        "hops": len(p) - 1, "path": text, "nodes": [names[n] for n in p],
        "labels": [n[0] for n in p], "relations": _distinct(relations),
        "stories": _distinct(stories), "evidence": _distinct(sentences),
        "citations": _distinct(citations), "background": bool(_distinct(citations)),
    }


ANALYTICS: dict[str, Callable[[Fetch, dict[str, Any]], list[dict[str, Any]]]] = {
    "centrality": centrality,
    "matrix": matrix,
    "contrast": contrast,
    "paths": paths,
}
