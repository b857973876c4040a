"""A browser view of the graph: one self-contained HTML file (inline SVG and a few lines of inline
script, nothing loaded from the network). Colours and the legend come from the ontology; every
edge carries its evidence sentences and stories, shown when the edge is clicked.
"""

from __future__ import annotations

import html
import json
import math
import random
from pathlib import Path

from powerlens.graph import Store

_SKIP_TYPES_ROLES = ("mentions",)


def graph_data(store: Store, *, max_nodes: int = 400) -> dict:
    ont = store.ontology
    T = ont.terms
    skip = {getattr(T, r) for r in _SKIP_TYPES_ROLES}
    edges: dict[tuple[str, str, str], dict] = {}
    nodes: dict[str, dict] = {}
    titles = {r["id"]: r["title"] for r in store.query(f"MATCH (s:{T.story}) RETURN s.id AS id, s.title AS title").rows}
    for rel in ont.relationships.values():
        if rel.name in skip:
            continue
        res = store.query(
            f"MATCH (a)-[r:{rel.name}]->(b) RETURN a.id AS a, a.name AS an, b.id AS b, b.name AS bn, "
            "r.story AS story, r.sentence AS sentence, r.citation AS citation"
        )
        for row in res.rows:
            a_label = _label_of(store, rel, row["a"], 0)
            b_label = _label_of(store, rel, row["b"], 1)
            ka, kb = f"{a_label}:{row['a']}", f"{b_label}:{row['b']}"
            nodes.setdefault(ka, {"id": ka, "name": row["an"] or row["a"], "label": a_label})
            nodes.setdefault(kb, {"id": kb, "name": row["bn"] or row["b"], "label": b_label})
            e = edges.setdefault((ka, rel.name, kb), {"source": ka, "target": kb, "type": rel.name, "evidence": []})
            e["evidence"].append({
                "story": titles.get(row["story"]) if row["story"] else None,
                "sentence": row["sentence"],
                "citation": row["citation"],
            })
    if len(nodes) > max_nodes:
        degree: dict[str, int] = {}
        for (a, _, b) in edges:
            degree[a] = degree.get(a, 0) + 1
            degree[b] = degree.get(b, 0) + 1
        keep = set(sorted(nodes, key=lambda k: -degree.get(k, 0))[:max_nodes])
        total = len(nodes)
        nodes = {k: v for k, v in nodes.items() if k in keep}
        edges = {k: v for k, v in edges.items() if k[0] in keep and k[2] in keep}
    else:
        total = len(nodes)
    return {"nodes": list(nodes.values()), "edges": list(edges.values()), "total_nodes": total}


_label_cache: dict[tuple[int, str, int], str] = {}


def _label_of(store: Store, rel, node_id: str, side: int) -> str:
    labels = sorted({ep[side] for ep in rel.endpoints})
    if len(labels) == 1:
        return labels[0]
    key = (id(store), node_id, hash(tuple(labels)))
    if key not in _label_cache:
        for lbl in labels:
            if store.query(f"MATCH (n:{lbl} {{id: $id}}) RETURN count(n) AS n", {"id": node_id}).rows[0]["n"]:
                _label_cache[key] = lbl
                break
        else:
            _label_cache[key] = labels[0]
    return _label_cache[key]


def layout(nodes: list[dict], edges: list[dict], *, width: float = 1200, height: float = 800,
           iterations: int = 200, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold force layout in pure Python (deterministic for a seed)."""
    rnd = random.Random(seed)
    pos = {n["id"]: [rnd.uniform(0, width), rnd.uniform(0, height)] for n in nodes}
    if not nodes:
        return {}
    k = math.sqrt(width * height / len(nodes)) * 0.75
    t = width / 10
    ids = list(pos)
    for _ in range(iterations):
        disp = {i: [0.0, 0.0] for i in ids}
        for a_i, a in enumerate(ids):
            for b in ids[a_i + 1:]:
                dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
                d = max(math.hypot(dx, dy), 0.01)
                f = k * k / d
                disp[a][0] += dx / d * f
                disp[a][1] += dy / d * f
                disp[b][0] -= dx / d * f
                disp[b][1] -= dy / d * f
        for e in edges:
            a, b = e["source"], e["target"]
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            d = max(math.hypot(dx, dy), 0.01)
            f = d * d / k
            disp[a][0] -= dx / d * f
            disp[a][1] -= dy / d * f
            disp[b][0] += dx / d * f
            disp[b][1] += dy / d * f
        for i in ids:
            dx, dy = disp[i]
            d = max(math.hypot(dx, dy), 0.01)
            pos[i][0] = min(width - 20, max(20, pos[i][0] + dx / d * min(d, t)))
            pos[i][1] = min(height - 20, max(20, pos[i][1] + dy / d * min(d, t)))
        t *= 0.97
    return {i: (p[0], p[1]) for i, p in pos.items()}


def render(store: Store, *, title: str = "powerlens graph", max_nodes: int = 400) -> str:
    ont = store.ontology
    data = graph_data(store, max_nodes=max_nodes)
    width, height = 1200, 800
    pos = layout(data["nodes"], data["edges"], width=width, height=height, iterations=150 if len(data["nodes"]) < 200 else 60)
    esc = html.escape
    parts = []
    for i, e in enumerate(data["edges"]):
        (x1, y1), (x2, y2) = pos[e["source"]], pos[e["target"]]
        colour = ont.relationships[e["type"]].colour
        w = 1 + min(4, len(e["evidence"]) - 1)
        tip = f"{e['type']}: {len(e['evidence'])} supporting statement(s)"
        parts.append(
            f'<line class="edge" data-edge="{i}" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="{colour}" stroke-width="{w}" marker-end="url(#arrow)"><title>{esc(tip)}</title></line>'
        )
    for n in data["nodes"]:
        x, y = pos[n["id"]]
        colour = ont.labels[n["label"]].colour
        parts.append(
            f'<g class="node"><circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="{colour}"><title>{esc(n["label"])}: {esc(n["name"])}</title></circle>'
            f'<text x="{x + 9:.1f}" y="{y + 4:.1f}">{esc(n["name"][:48])}</text></g>'
        )
    legend = "".join(
        f'<li><span class="swatch" style="background:{lbl.colour}"></span>{esc(lbl.name)}</li>' for lbl in ont.labels.values()
    )
    evidence_json = json.dumps([{"type": e["type"], "source": e["source"].split(":", 1)[1], "target": e["target"].split(":", 1)[1],
                                 "evidence": e["evidence"]} for e in data["edges"]], ensure_ascii=False)
    evidence_json = evidence_json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    shown = f"{len(data['nodes'])} of {data['total_nodes']} nodes" if data["total_nodes"] > len(data["nodes"]) else f"{len(data['nodes'])} nodes"
    return _PAGE.format(
        title=esc(title), width=width, height=height, svg="\n".join(parts), legend=legend,
        shown=esc(shown), edges=len(data["edges"]), evidence=evidence_json,
    )


def write_view(store: Store, path: str | Path, **kw) -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(render(store, **kw), encoding="utf-8")
    return p


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 0; display: flex; }}
main {{ flex: 1; }} aside {{ width: 360px; padding: 12px; border-left: 1px solid #ddd; height: 100vh; overflow: auto; box-sizing: border-box; }}
svg text {{ font-size: 11px; fill: #222; pointer-events: none; }} .edge {{ cursor: pointer; opacity: .75; }} .edge:hover {{ opacity: 1; }}
ul.legend {{ list-style: none; padding: 0; }} .swatch {{ display: inline-block; width: 12px; height: 12px; margin-right: 6px; border-radius: 6px; }}
blockquote {{ margin: 6px 0; padding-left: 8px; border-left: 3px solid #ccc; }}
</style></head><body>
<main><svg id="graph" viewBox="0 0 {width} {height}" width="100%" height="100vh" role="img" aria-label="graph">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="16" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#888"/></marker></defs>
{svg}
</svg></main>
<aside><h2>{title}</h2><p>{shown}, {edges} relationships. Click an edge to read the sentences it came from.</p>
<ul class="legend">{legend}</ul><div id="evidence"></div></aside>
<script>
const EDGES = {evidence};
function show(i) {{
  const e = EDGES[i]; const box = document.getElementById('evidence'); box.textContent = '';
  const h = document.createElement('h3'); h.textContent = e.source + ' ' + e.type + ' ' + e.target; box.appendChild(h);
  for (const ev of e.evidence) {{
    const q = document.createElement('blockquote'); q.textContent = ev.sentence || ev.citation || '';
    const s = document.createElement('div'); s.textContent = ev.story ? 'story: ' + ev.story : 'background fact';
    box.appendChild(q); box.appendChild(s);
  }}
}}
document.querySelectorAll('.edge').forEach(el => el.addEventListener('click', () => show(+el.dataset.edge)));
</script></body></html>
"""
