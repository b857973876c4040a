"""Exports of the workspace's RDF store: Turtle, N-Triples, JSON-LD, N-Quads, TriG (streamed by
pyoxigraph's serializers, triple by triple), and GraphML / GEXF through networkx (for Gephi and
yEd: one node per graph node, one edge per relationship with its evidence as attributes).

Triple formats hold the union of the store's graphs; N-Quads and TriG keep the named graphs (one
per story, per background source and per node description).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import unquote

RDF_FORMATS = ("ttl", "nt", "jsonld", "nq", "trig")
GRAPH_FORMATS = ("graphml", "gexf")
FORMATS = RDF_FORMATS + GRAPH_FORMATS
PROGRESS_EVERY = 5000


def _ox_format(fmt: str):
    import pyoxigraph as ox

    return {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
            "nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}[fmt]


def export_rdf(store, fmt: str, out: BinaryIO, on_progress: Callable[[int], None] | None = None) -> int:
    """Stream the store as ``fmt`` into the binary stream ``out``; returns the number of statements."""
    import pyoxigraph as ox

    count = [0]
    quads = fmt in ("nq", "trig")

    def items() -> Iterator:
        for q in store.oxigraph.quads_for_pattern(None, None, None, None):
            count[0] += 1
            if on_progress and count[0] % PROGRESS_EVERY == 0:
                on_progress(PROGRESS_EVERY)
            yield q if quads else ox.Triple(q.subject, q.predicate, q.object)
        if on_progress:
            on_progress(count[0] % PROGRESS_EVERY)

    prefixes = None if fmt in ("nt", "nq") else dict(store.ontology.rdf.prefixes)
    ox.serialize(items(), out, _ox_format(fmt), prefixes=prefixes)
    return count[0]


def to_networkx(store, on_progress: Callable[[int], None] | None = None):
    """A :class:`networkx.MultiDiGraph` of the store: nodes keyed by IRI with ``label`` (the name, which
    Gephi and yEd display), ``graph_label`` (Actor, Metric...), ``kind`` and their other properties;
    edges keyed by assertion IRI with ``label`` (the relationship type) and the evidence.
    Lists are joined with "; " (GraphML and GEXF have no list attributes); missing values are left out."""
    import networkx as nx
    import pyoxigraph as ox

    from .rdfmap import _OBJECT, _PREDICATE, _SUBJECT, _TYPE, _python

    m = store.map
    label_of = {c: lbl for lbl, c in m.m.label_classes.items()}
    rel_of = {rm.predicate: rm for rm in m.m.relationships.values()}
    assertion_classes = {c for c in m.m.requires if c != m.m.assertion_class}
    by_subject: dict[str, list] = {}
    n = 0
    for q in store.oxigraph.quads_for_pattern(None, None, None, None):
        n += 1
        if on_progress and n % PROGRESS_EVERY == 0:
            on_progress(PROGRESS_EVERY)
        if isinstance(q.subject, ox.NamedNode) and q.graph_name != q.subject and not _is_assertion_quad(q):
            continue  # direct triples: the assertions carry them
        by_subject.setdefault(q.subject.value, []).append((q.predicate, q.object))
    if on_progress:
        on_progress(n % PROGRESS_EVERY)
    g = nx.MultiDiGraph()
    edges = []
    for subject, pairs in by_subject.items():
        types = {o.value for p, o in pairs if p == _TYPE}
        label = next((label_of[t] for t in types if t in label_of), None)
        if label is not None:
            row = m.row_from_triples(label, subject, [(p.value, o) for p, o in pairs])
            g.add_node(subject, **_attrs(row), label=row.get("name") or row.get("id"), graph_label=label)
        elif types & assertion_classes:
            edges.append((subject, pairs))
    for a, pairs in edges:
        d = {p.value: o for p, o in pairs if p in (_SUBJECT, _PREDICATE, _OBJECT)}
        rm = rel_of.get(d.get(_PREDICATE.value).value if d.get(_PREDICATE.value) else "")
        if rm is None:
            continue
        by_pred = {pm.predicate: pm for pm in rm.properties if not pm.object_label}
        by_label = {(pm.predicate, m.m.node_iri(pm.object_label, "")): pm for pm in rm.properties if pm.object_label}
        attrs: dict[str, Any] = {"label": rm.name}
        for p, o in pairs:
            if isinstance(o, ox.NamedNode):
                pm = next((x for (pred, prefix), x in by_label.items() if pred == p.value and o.value.startswith(prefix)), None)
                if pm is not None:
                    attrs[pm.name] = unquote(o.value[len(m.m.node_iri(pm.object_label, "")):])
                continue
            pm = by_pred.get(p.value)
            if pm is not None and isinstance(o, ox.Literal):
                attrs[pm.name] = _python(o)
        g.add_edge(d[_SUBJECT.value].value, d[_OBJECT.value].value, key=a, **_attrs(attrs))
    return g


def _is_assertion_quad(q) -> bool:
    return q.subject.value.rsplit("/", 2)[-2:-1] == ["assertion"]


def _attrs(row: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in row.items():
        if v is None or v == []:
            continue
        out[k] = "; ".join(map(str, v)) if isinstance(v, list) else v
    return out


def export_graph(store, fmt: str, path: Path, on_progress: Callable[[int], None] | None = None) -> tuple[int, int]:
    """Write GraphML or GEXF to ``path``; returns (nodes, edges)."""
    import networkx as nx

    g = to_networkx(store, on_progress)
    if fmt == "graphml":
        nx.write_graphml(g, path)
    else:
        nx.write_gexf(g, path)
    return g.number_of_nodes(), g.number_of_edges()
