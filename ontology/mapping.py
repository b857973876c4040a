"""The RDF mapping of the ontology (``rdf.ttl``): node IRIs, rdf:types and predicates, as data.

:func:`parse_mapping` reads the ``pl:rdf*`` annotations from the ontology graph into an immutable
:class:`RdfMapping`; :mod:`powerlens.graph.rdfmap` and :mod:`powerlens.graph.shapes` use nothing
else, so every RDF term is defined once, in the Turtle files.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from .loader import PL, OntologyError

#: Literal datatypes of the graph value types (``string[]`` values are written one triple each).
VALUE_DATATYPES = {
    "string": str(XSD.string),
    "integer": str(XSD.integer),
    "float": str(XSD.double),
    "boolean": str(XSD.boolean),
    "string[]": str(XSD.string),
}


@dataclass(frozen=True)
class PropertyMap:
    """How one graph property is written on nodes (or assertions) of one label (or type)."""

    name: str
    predicate: str
    datatype: str
    object_label: str | None = None  # the value is the id of a node of this label
    object_iri: bool = False  # the value is an IRI
    object_scheme: str | None = None  # the value is a prefLabel of this SKOS scheme
    node_iri: bool = False  # the value is the node's own IRI (not written as a triple)
    via: str | None = None  # written on the node reached with this predicate
    value_node: str | None = None  # the value is a name: a node of this type carrying it
    many: bool = False  # a list: one triple per item
    less_than: str | None = None  # the name of a property whose value this one is less than
    min_value: float | None = None
    max_value: float | None = None


@dataclass(frozen=True)
class RelationshipMap:
    name: str
    predicate: str  # of the direct triple (the relationship type's IRI)
    assertion_types: tuple[str, ...] = ()
    subject_link: str | None = None
    object_link: str | None = None
    properties: tuple[PropertyMap, ...] = ()


@dataclass(frozen=True)
class RdfMapping:
    ontology_iri: str
    instance_base: str
    prefixes: dict[str, str]
    label_classes: dict[str, str]  # label -> its class IRI
    label_types: dict[str, tuple[str, ...]]  # label -> extra rdf:types
    kind_classes: dict[tuple[str, str], tuple[str, ...]]  # (label, kind) -> kind class and extra types
    via_types: dict[tuple[str, str], str]  # (label, via predicate) -> type of the node reached
    nodes: dict[str, tuple[PropertyMap, ...]]  # label -> property maps
    relationships: dict[str, RelationshipMap]
    assertion_class: str
    requires: dict[str, tuple[str, ...]]  # assertion class -> evidence property names
    story_assertion_class: str
    background_assertion_class: str
    scheme_concepts: dict[str, dict[str, str]] = field(default_factory=dict)  # scheme -> prefLabel -> IRI

    def node_iri(self, label: str, node_id: str) -> str:
        from urllib.parse import quote

        return f"{self.instance_base}{label.lower()}/{quote(str(node_id), safe='')}"

    def label_of_class(self) -> dict[str, str]:
        return {v: k for k, v in self.label_classes.items()}


def _objects(g: Graph, s, p) -> list:
    return sorted(g.objects(s, p), key=str)


def _one(g: Graph, s, p, default=None):
    values = _objects(g, s, p)
    if len(values) > 1:
        raise OntologyError(f"{s} has {len(values)} values for {p}; expected at most one")
    return values[0] if values else default


def _property_map(g: Graph, prop_iri: URIRef, name: str, value_type: str, label_iri: URIRef | None,
                  labels_by_iri: dict[URIRef, str], schemes: dict[str, dict[str, str]]) -> PropertyMap:
    predicate = _one(g, prop_iri, PL.rdfProperty, prop_iri)
    if label_iri is not None:
        for b in g.objects(prop_iri, PL.rdfPropertyFor):
            if (b, PL.forLabel, label_iri) in g:
                predicate = _one(g, b, PL.rdfProperty)
                if predicate is None:
                    raise OntologyError(f"{prop_iri}: pl:rdfPropertyFor needs a pl:rdfProperty")
    datatype = _one(g, prop_iri, PL.rdfDatatype) or URIRef(VALUE_DATATYPES[value_type])
    obj_label = _one(g, prop_iri, PL.rdfObjectLabel)
    if obj_label is not None and obj_label not in labels_by_iri:
        raise OntologyError(f"{prop_iri}: pl:rdfObjectLabel {obj_label} is not a node label")
    scheme = _one(g, prop_iri, PL.rdfObjectScheme)
    if scheme is not None and str(scheme) not in schemes:
        raise OntologyError(f"{prop_iri}: pl:rdfObjectScheme {scheme} is not a concept scheme")
    return PropertyMap(
        name=name,
        predicate=str(predicate),
        datatype=str(datatype),
        object_label=labels_by_iri[obj_label] if obj_label is not None else None,
        object_iri=bool(_one(g, prop_iri, PL.rdfObjectIri, Literal(False)).toPython()),
        object_scheme=str(scheme) if scheme is not None else None,
        node_iri=bool(_one(g, prop_iri, PL.rdfNodeIri, Literal(False)).toPython()),
        via=str(_one(g, prop_iri, PL.rdfVia)) if _one(g, prop_iri, PL.rdfVia) is not None else None,
        value_node=str(_one(g, prop_iri, PL.rdfValueNode)) if _one(g, prop_iri, PL.rdfValueNode) is not None else None,
        many=value_type == "string[]",
        less_than=_name_of(g, _one(g, prop_iri, PL.rdfLessThan)),
        min_value=_num(_one(g, prop_iri, PL.rdfMinInclusive)),
        max_value=_num(_one(g, prop_iri, PL.rdfMaxInclusive)),
    )


def _name_of(g: Graph, prop_iri) -> str | None:
    return None if prop_iri is None else str(_one(g, prop_iri, PL.graphName))


def _num(lit) -> float | None:
    return None if lit is None else float(lit.toPython())


def parse_mapping(g: Graph, labels, relationships, schemes: dict[str, dict[str, str]]) -> RdfMapping:
    """Read the RDF mapping from the ontology graph ``g`` for the checked labels and relationships."""
    onto = next(iter(sorted(g.subjects(PL.instanceBase, None), key=str)), None)
    if onto is None:
        raise OntologyError("no pl:instanceBase declared (see rdf.ttl)")
    base = str(_one(g, onto, PL.instanceBase))
    if not base.endswith(("/", "#")):
        raise OntologyError(f"pl:instanceBase {base!r} must end with / or #")
    labels_by_iri = {URIRef(lbl.iri): lbl.name for lbl in labels.values()}
    label_types, kind_classes, via_types, nodes = {}, {}, {}, {}
    for lbl in labels.values():
        li = URIRef(lbl.iri)
        label_types[lbl.name] = tuple(str(t) for t in _objects(g, li, PL.rdfType))
        for k in lbl.kinds:
            ki = URIRef(k.iri)
            kind_classes[(lbl.name, k.name)] = (k.iri, *(str(t) for t in _objects(g, ki, PL.rdfType)))
        for b in g.objects(li, PL.rdfViaType):
            via, typ = _one(g, b, PL.rdfVia), _one(g, b, PL.rdfType)
            if via is None or typ is None:
                raise OntologyError(f"{lbl.name}: pl:rdfViaType needs pl:rdfVia and pl:rdfType")
            via_types[(lbl.name, str(via))] = str(typ)
        maps = []
        for p in lbl.properties:
            pm = _property_map(g, URIRef(p.iri), p.name, p.value_type, li, labels_by_iri, schemes)
            if pm.via and (lbl.name, pm.via) not in via_types:
                raise OntologyError(f"{p.iri}: {lbl.name} declares no pl:rdfViaType for {pm.via}")
            maps.append(pm)
        nodes[lbl.name] = tuple(maps)
    rels = {}
    for rel in relationships.values():
        ri = URIRef(rel.iri)
        rels[rel.name] = RelationshipMap(
            name=rel.name,
            predicate=rel.iri,
            assertion_types=tuple(str(t) for t in _objects(g, ri, PL.rdfAssertionType)),
            subject_link=str(_one(g, ri, PL.rdfSubjectLink)) if _one(g, ri, PL.rdfSubjectLink) is not None else None,
            object_link=str(_one(g, ri, PL.rdfObjectLink)) if _one(g, ri, PL.rdfObjectLink) is not None else None,
            properties=tuple(_property_map(g, URIRef(p.iri), p.name, p.value_type, None, labels_by_iri, schemes)
                             for p in rel.properties),
        )
    prefixes = {}
    for prefix, ns in g.namespaces():
        if prefix and str(ns) not in prefixes.values() and not prefix.startswith(("ns", "brick", "csvw")):
            prefixes[prefix] = str(ns)
    # the prefixes that the ontology files themselves use (rdflib also binds its own defaults)
    wanted = {"pl", "cognio", "schema", "skos", "prov", "rdf", "rdfs", "owl", "xsd", "dcterms"}
    prefixes = {k: v for k, v in prefixes.items() if k in wanted}
    requires = {}
    for cls in (PL.Assertion, PL.StoryAssertion, PL.BackgroundAssertion):
        if (cls, RDF.type, None) not in g:
            raise OntologyError(f"{cls} is not declared (see rdf.ttl)")
        requires[str(cls)] = tuple(sorted(str(_one(g, p, PL.graphName)) for p in g.objects(cls, PL.requires)))
    return RdfMapping(
        ontology_iri=str(onto),
        instance_base=base,
        prefixes=prefixes,
        label_classes={lbl.name: lbl.iri for lbl in labels.values()},
        label_types=label_types,
        kind_classes=kind_classes,
        via_types=via_types,
        nodes=nodes,
        relationships=rels,
        assertion_class=str(PL.Assertion),
        requires=requires,
        story_assertion_class=str(PL.StoryAssertion),
        background_assertion_class=str(PL.BackgroundAssertion),
        scheme_concepts=schemes,
    )


__all__ = ["PropertyMap", "RdfMapping", "RelationshipMap", "parse_mapping"]
