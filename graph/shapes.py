"""SHACL shapes of a valid powerlens graph, derived from the ontology and its RDF mapping.

One node shape per label (its required properties, their datatypes and cardinality, the allowed
kinds, IRIs where a value names another node), one per assertion class (the evidence every
assertion must carry, value ranges, ``start < end``, exactly one subject, predicate and object,
and a direct triple that it reifies), the allowed (subject label, object label) pairs of every
relationship type (and :func:`consistency_queries` for what core SHACL cannot say quickly: that the
triple an assertion reifies is in the graph), and the shape of the nodes reached through ``pl:rdfVia`` (the coverage under
review) and of ACST lens readings. ``ontology/shapes.ttl`` is this graph written out for other
validators (``python -m powerlens.graph.shapes > ontology/shapes.ttl``); a test keeps it current.

:func:`validate` runs them with pySHACL and returns the violations as plain rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF

from powerlens.ontology import Ontology, load_ontology

SH = Namespace("http://www.w3.org/ns/shacl#")


def _prop(g: Graph, shape, path: str, *, min_count=None, max_count=None, datatype=None, iri=False,
          cls=None, values=None, min_value=None, max_value=None, less_than=None, name=None):
    b = BNode()
    g.add((shape, SH.property, b))
    g.add((b, SH.path, URIRef(path)))
    if name:
        g.add((b, SH.name, Literal(name)))
    if min_count:
        g.add((b, SH.minCount, Literal(min_count)))
    if max_count is not None:
        g.add((b, SH.maxCount, Literal(max_count)))
    if datatype:
        g.add((b, SH.datatype, URIRef(datatype)))
    if iri:
        g.add((b, SH.nodeKind, SH.IRI))
    if cls:
        g.add((b, SH["class"], URIRef(cls)))
    if values is not None:
        head = BNode()
        Collection(g, head, list(values))
        g.add((b, SH["in"], head))
    if min_value is not None:
        g.add((b, SH.minInclusive, Literal(min_value)))
    if max_value is not None:
        g.add((b, SH.maxInclusive, Literal(max_value)))
    if less_than:
        g.add((b, SH.lessThan, URIRef(less_than)))
    return b


def _value_constraints(pm, m, nodes_of_label=None):
    kw = {}
    if pm.object_label:
        kw.update(iri=True, cls=m.label_classes[pm.object_label])
    elif pm.object_iri:
        kw.update(iri=True)
    elif pm.object_scheme:
        kw.update(values=[URIRef(i) for i in sorted(m.scheme_concepts[pm.object_scheme].values())])
    else:
        kw.update(datatype=pm.datatype)
    if pm.min_value is not None:
        kw["min_value"] = pm.min_value
    if pm.max_value is not None:
        kw["max_value"] = pm.max_value
    return kw


def shapes_graph(ontology: Ontology | None = None) -> Graph:
    ont = ontology or load_ontology()
    m = ont.rdf
    g = Graph()
    for prefix, ns in m.prefixes.items():
        g.bind(prefix, ns)
    g.bind("sh", SH)

    # --- nodes ---------------------------------------------------------------------------------------
    for lbl in ont.labels.values():
        shape = URIRef(lbl.iri + "Shape")
        g.add((shape, RDF.type, SH.NodeShape))
        g.add((shape, SH.targetClass, URIRef(lbl.iri)))
        props = {p.name: p for p in lbl.properties}
        for pm in m.nodes[lbl.name]:
            if pm.node_iri or pm.via:
                continue
            prop = props[pm.name]
            kw = _value_constraints(pm, m)
            if pm.value_node:
                kw = {"iri": True, "cls": pm.value_node}
            if prop.name == "kind" and lbl.kinds:
                kw = {"values": [Literal(k) for k in lbl.kind_names()]}
            _prop(g, shape, pm.predicate, min_count=1 if prop.required else None,
                  max_count=None if pm.many else 1, name=prop.name, **kw)
        for (label, via), typ in m.via_types.items():
            if label != lbl.name:
                continue
            _prop(g, shape, via, min_count=1, max_count=1, iri=True, cls=typ)
            vshape = URIRef(lbl.iri + "ViaShape")
            g.add((vshape, RDF.type, SH.NodeShape))
            g.add((vshape, SH.targetClass, URIRef(typ)))
            for pm in m.nodes[lbl.name]:
                if pm.via == via:
                    kw = {"iri": True, "cls": pm.value_node} if pm.value_node else _value_constraints(pm, m)
                    _prop(g, vshape, pm.predicate, max_count=1, name=pm.name, **kw)

    # --- assertions ------------------------------------------------------------------------------------
    evidence = {p.name: p for p in next(iter(m.relationships.values())).properties}
    for cls, required in m.requires.items():
        if cls == m.assertion_class:
            continue
        shape = URIRef(cls + "Shape")
        g.add((shape, RDF.type, SH.NodeShape))
        g.add((shape, SH.targetClass, URIRef(cls)))
        for path in (RDF.subject, RDF.predicate, RDF.object):
            _prop(g, shape, str(path), min_count=1, max_count=1, iri=True)
        for name in required:
            pm = evidence[name]
            kw = _value_constraints(pm, m)
            if pm.less_than:
                kw["less_than"] = evidence[pm.less_than].predicate
            _prop(g, shape, pm.predicate, min_count=1, max_count=1, name=name, **kw)
        for name, pm in evidence.items():
            if name in required or pm.predicate in {evidence[r].predicate for r in required}:
                continue
            _prop(g, shape, pm.predicate, max_count=1, name=name, **_value_constraints(pm, m))
    # --- relationship types: allowed endpoints ----------------------------------------------------------
    # Core SHACL on the direct triples (fast): the subject's label, and the object's label. Where a
    # type's allowed pairs are not every source with every target, the pairs are checked by
    # :func:`consistency_queries` instead.
    for rm in m.relationships.values():
        rel = ont.relationship(rm.name)
        shape = URIRef(rm.predicate + "EndpointShape")
        g.add((shape, RDF.type, SH.NodeShape))
        g.add((shape, SH.targetSubjectsOf, URIRef(rm.predicate)))
        _one_of_classes(g, shape, [m.label_classes[a] for a in sorted(rel.sources)])
        b = _prop(g, shape, rm.predicate, iri=True)
        _one_of_classes(g, b, [m.label_classes[t] for t in sorted(rel.targets)])

    # --- per relationship type: the extra assertion types (ACST lens readings) ------------------------
    for rm in m.relationships.values():
        for typ in rm.assertion_types:
            shape = URIRef(rm.predicate + "Shape")
            g.add((shape, RDF.type, SH.NodeShape))
            g.add((shape, SH.targetClass, URIRef(typ)))
            if rm.object_link:
                targets = {b for _, b in ont.relationship(rm.name).endpoints}
                for b in sorted(targets):
                    _prop(g, shape, rm.object_link, min_count=1, max_count=1, iri=True, cls=m.label_classes[b])
            for pm in rm.properties:
                if pm.min_value is not None or pm.max_value is not None:
                    _prop(g, shape, pm.predicate, max_count=1, name=pm.name, **_value_constraints(pm, m))
    return g


def _one_of_classes(g: Graph, node, classes: list[str]) -> None:
    if len(classes) == 1:
        g.add((node, SH["class"], URIRef(classes[0])))
        return
    alts = []
    for c in classes:
        b = BNode()
        g.add((b, SH["class"], URIRef(c)))
        alts.append(b)
    head = BNode()
    Collection(g, head, alts)
    g.add((node, SH["or"], head))


def consistency_queries(ontology: Ontology | None = None) -> dict[str, str]:
    """Whole-graph checks that SHACL would run once per node (too slow with pySHACL): message ->
    a SPARQL SELECT of (?focus ?value) rows that break it. Run on the RDF store by :func:`validate_store`."""
    ont = ontology or load_ontology()
    m = ont.rdf
    S, P, O = RDF.subject, RDF.predicate, RDF.object
    classes = " ".join(f"<{c}>" for c in m.requires if c != m.assertion_class)
    out = {
        "The assertion reifies a triple that is not in the graph.":
            f"SELECT ?focus ?value WHERE {{ VALUES ?c {{ {classes} }} ?focus a ?c ; <{S}> ?s ; <{P}> ?value ; <{O}> ?o . "
            "FILTER NOT EXISTS { ?s ?value ?o } }",
    }
    rows = []
    for rm in m.relationships.values():
        rel = ont.relationship(rm.name)
        if set(rel.endpoints) != {(a, b) for a in rel.sources for b in rel.targets}:
            rows += [f"(<{rm.predicate}> <{m.label_classes[a]}> <{m.label_classes[b]}>)" for a, b in rel.endpoints]
    if rows:
        preds = " ".join(sorted({r.split()[0][1:] for r in rows}))
        out["The relationship's type does not allow these endpoint labels (see the ontology)."] = (
            f"SELECT ?focus ?value WHERE {{ VALUES ?value {{ {preds} }} ?focus <{P}> ?value ; <{S}> ?s ; <{O}> ?o . "
            f"FILTER NOT EXISTS {{ VALUES (?value ?cs ?co) {{ {' '.join(rows)} }} ?s a ?cs . ?o a ?co }} }}")
    return out


@dataclass
class Violation:
    focus: str
    path: str | None
    value: str | None
    severity: str
    message: str
    shape: str

    def as_dict(self) -> dict:
        return {"focus": self.focus, "path": self.path, "value": self.value, "severity": self.severity,
                "message": self.message, "shape": self.shape}


def validate(data: Graph, ontology: Ontology | None = None) -> tuple[bool, list[Violation], int]:
    """(conforms, violations, number of triples checked) of ``data`` against the shapes."""
    import pyshacl

    shapes = shapes_graph(ontology)
    conforms, report, text = pyshacl.validate(data, shacl_graph=shapes, inference="none",
                                              advanced=True, allow_warnings=True)
    if not isinstance(report, Graph):  # pySHACL could not run the shapes at all
        raise ValueError(f"the SHACL shapes could not be run: {text.strip()}")
    out = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        def one(p):
            v = report.value(r, p)
            return None if v is None else str(v)

        out.append(Violation(
            focus=one(SH.focusNode) or "",
            path=one(SH.resultPath),
            value=one(SH.value),
            severity=(one(SH.resultSeverity) or "").rsplit("#", 1)[-1],
            message=one(SH.resultMessage) or "",
            shape=one(SH.sourceShape) or "",
        ))
    out.sort(key=lambda v: (v.severity != "Violation", v.focus, v.path or "", v.message))
    return bool(conforms), out, len(data)


def validate_store(store, ontology: Ontology | None = None) -> tuple[bool, list[Violation], int]:
    """Validate an :class:`~powerlens.graph.rdf.RdfStore`: the SHACL shapes on a copy of its union
    graph, then :func:`consistency_queries` on the store itself."""
    data = store.union_graph()
    conforms, out, n = validate(data, ontology or store.ontology)
    for message, select in consistency_queries(ontology or store.ontology).items():
        for focus, value in store._select(select):
            out.append(Violation(focus.value, None, value.value if value is not None else None, "Violation",
                                 message, "powerlens consistency check"))
            conforms = False
    return conforms, out, n


def main() -> None:
    import sys

    header = ("# SHACL shapes of a valid powerlens graph. GENERATED from the ontology by\n"
              "# `python -m powerlens.graph.shapes > ontology/shapes.ttl`: do not edit by hand (a test checks\n"
              "# that this file matches what the ontology gives). `powerlens validate` runs the same shapes.\n\n")
    sys.stdout.write(header + shapes_graph().serialize(format="turtle"))


if __name__ == "__main__":
    main()

__all__ = ["SH", "Violation", "consistency_queries", "shapes_graph", "validate", "validate_store"]
