"""The property graph as RDF: nodes, relationships and their evidence as triples (pyoxigraph terms).

Everything here follows the mapping the ontology declares (``ontology/rdf.ttl``, read into
:class:`~powerlens.ontology.mapping.RdfMapping`); no IRI is spelled in this module except the RDF
reification terms. The functions are pure: rows and relations in, triples out, and back.

* A node is written as a *description*: its rdf:types (its label's class, its kind's class, the
  schema.org / SKOS / ACST types the mapping gives) and one triple per property value.
* A relationship is a direct triple ``(subject, type IRI, object)`` plus an *assertion*: an IRI of
  class pl:StoryAssertion (pl:BackgroundAssertion for background facts) that reifies the triple
  and carries the evidence: prov:wasDerivedFrom the story (or the Source), sentence, offsets,
  confidence, extractor, and the type's own properties.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any
from urllib.parse import unquote

import pyoxigraph as ox

from powerlens.model import Entity, Relation
from powerlens.ontology import Ontology
from powerlens.ontology.mapping import PropertyMap

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_TYPE = ox.NamedNode(RDF_NS + "type")
_SUBJECT = ox.NamedNode(RDF_NS + "subject")
_PREDICATE = ox.NamedNode(RDF_NS + "predicate")
_OBJECT = ox.NamedNode(RDF_NS + "object")
_XSD = "http://www.w3.org/2001/XMLSchema#"


class Mapper:
    """Turns rows into triples and triples back into rows, for one ontology."""

    def __init__(self, ontology: Ontology):
        self.ontology = ontology
        self.m = ontology.rdf
        self.T = ontology.terms
        self._nn: dict[str, ox.NamedNode] = {}
        self._label_of_class = {v: k for k, v in self.m.label_classes.items()}
        self._iri_prop = {label: next((p.name for p in maps if p.node_iri), None) for label, maps in self.m.nodes.items()}
        self._concept_label = {iri: lbl for scheme in self.m.scheme_concepts.values() for lbl, iri in scheme.items()}
        self._reverse: dict[str, dict[str, PropertyMap]] = {
            label: {p.predicate: p for p in maps if not (p.node_iri or p.via)} for label, maps in self.m.nodes.items()
        }
        self._via: dict[str, dict[str, list[PropertyMap]]] = {}
        for label, maps in self.m.nodes.items():
            for p in maps:
                if p.via:
                    self._via.setdefault(label, {}).setdefault(p.via, []).append(p)
        self._name_pred = {label: next(p.predicate for p in maps if p.name == "name") for label, maps in self.m.nodes.items()}
        self.base = self.m.instance_base

    # --- terms -------------------------------------------------------------------------------------

    def nn(self, iri: str) -> ox.NamedNode:
        node = self._nn.get(iri)
        if node is None:
            node = self._nn[iri] = ox.NamedNode(iri)
        return node

    def iri(self, label: str, node_id: str, props: dict[str, Any] | None = None) -> str:
        """The node's IRI: the IRI it stands for (concepts of a scheme, lenses), else a minted one."""
        prop = self._iri_prop.get(label)
        if prop and props and props.get(prop):
            return str(props[prop])
        return self.m.node_iri(label, node_id)

    def literal(self, pm: PropertyMap, value: Any) -> ox.Literal:
        dt = pm.datatype
        if dt == _XSD + "string":
            return ox.Literal(str(value))
        if dt == _XSD + "boolean":
            return ox.Literal(bool(value))
        if dt == _XSD + "integer":
            return ox.Literal(int(value))
        if dt == _XSD + "double":
            return ox.Literal(float(value))
        if dt == _XSD + "decimal":
            return ox.Literal(format(Decimal(repr(float(value))), "f"), datatype=self.nn(dt))
        return ox.Literal(str(value), datatype=self.nn(dt))

    def value_term(self, pm: PropertyMap, value: Any, resolve) -> ox.NamedNode | ox.Literal | None:
        if pm.object_label:
            return self.nn(resolve(pm.object_label, str(value)))
        if pm.object_iri:
            return self.nn(str(value))
        if pm.object_scheme:
            iri = self.m.scheme_concepts[pm.object_scheme].get(str(value))
            return self.nn(iri) if iri else self.literal(pm, value)
        return self.literal(pm, value)

    def _default_resolve(self, label: str, node_id: str) -> str:
        return self.m.node_iri(label, node_id)

    # --- nodes ---------------------------------------------------------------------------------------

    def node_triples(self, label: str, row: dict[str, Any], resolve=None) -> tuple[str, list[ox.Triple]]:
        """(IRI, description triples) of one node given as a row of graph properties."""
        resolve = resolve or self._default_resolve
        iri = self.iri(label, row["id"], row)
        s = self.nn(iri)
        out = [ox.Triple(s, _TYPE, self.nn(self.m.label_classes[label]))]
        out += [ox.Triple(s, _TYPE, self.nn(t)) for t in self.m.label_types[label]]
        kind = row.get("kind")
        if kind is not None:
            for t in self.m.kind_classes.get((label, kind), ()):
                out.append(ox.Triple(s, _TYPE, self.nn(t)))
        vias: dict[str, ox.NamedNode] = {}
        for (lbl, via), typ in self.m.via_types.items():  # e.g. the coverage a review reviews, always there
            if lbl == label:
                vn = vias[via] = self.nn(f"{iri}#{_local(via)}")
                out.append(ox.Triple(s, self.nn(via), vn))
                out.append(ox.Triple(vn, _TYPE, self.nn(typ)))
        for pm in self.m.nodes[label]:
            value = row.get(pm.name)
            if value is None or pm.node_iri or (value == "" and (pm.via or pm.value_node or pm.object_label
                                                                 or pm.object_iri or pm.object_scheme)):
                continue
            subject = vias[pm.via] if pm.via else s
            if pm.value_node:
                vn = self.nn(f"{subject.value}-{_local(pm.predicate)}")
                out.append(ox.Triple(subject, self.nn(pm.predicate), vn))
                out.append(ox.Triple(vn, _TYPE, self.nn(pm.value_node)))
                out.append(ox.Triple(vn, self.nn(self._name_pred[label]), ox.Literal(str(value))))
                continue
            values = value if pm.many else [value]
            for v in values:
                out.append(ox.Triple(subject, self.nn(pm.predicate), self.value_term(pm, v, resolve)))
        return iri, out

    def row_from_triples(self, label: str, iri: str, triples: Iterable[tuple[str, Any]]) -> dict[str, Any]:
        """Graph properties of a node from its description's (predicate, object) pairs."""
        rev = self._reverse[label]
        row: dict[str, Any] = {}
        for p in self.m.nodes[label]:
            if p.many:
                row[p.name] = []
        for pred, obj in triples:
            pm = rev.get(pred)
            if pm is None:
                continue
            if isinstance(obj, ox.NamedNode):
                if pm.object_label:
                    value: Any = unquote(obj.value.rsplit("/", 1)[-1])
                elif pm.object_scheme:
                    value = self._concept_label.get(obj.value, obj.value)
                else:
                    value = obj.value
            elif isinstance(obj, ox.Literal):
                value = _python(obj)
            else:
                continue
            if pm.many:
                row[pm.name].append(value)
            else:
                row[pm.name] = value
        prop = self._iri_prop.get(label)
        if prop and not iri.startswith(self.base):
            row[prop] = iri
        for p in self.m.nodes[label]:
            if p.many:
                row[p.name] = sorted(row[p.name])
        return row

    def label_of(self, class_iri: str) -> str | None:
        return self._label_of_class.get(class_iri)

    # --- relationships -------------------------------------------------------------------------------

    def assertion_iri(self, owner: str, rel: Relation, seen: dict[str, int]) -> str:
        """A stable IRI for one relationship: a hash of what it says and where it was read."""
        ev = rel.evidence
        key = "\x1f".join(str(x) for x in (owner, rel.type, *rel.source, *rel.target, ev.start, ev.end,
                                           ev.sentence, ev.extractor, ev.citation))
        digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]
        n = seen.get(digest, 0)
        seen[digest] = n + 1
        return f"{self.base}assertion/{digest}" + (f"-{n}" if n else "")

    def relation_triples(self, owner: str, rel: Relation, resolve, seen: dict[str, int]) -> list[ox.Triple]:
        """The direct triple and the assertion (with evidence) of one relationship."""
        rm = self.m.relationships[rel.type]
        s = self.nn(resolve(*rel.source))
        o = self.nn(resolve(*rel.target))
        p = self.nn(rm.predicate)
        a = self.nn(self.assertion_iri(owner, rel, seen))
        background = rel.evidence.story is None
        cls = self.m.background_assertion_class if background else self.m.story_assertion_class
        out = [
            ox.Triple(s, p, o),
            ox.Triple(a, _TYPE, self.nn(cls)),
            ox.Triple(a, _SUBJECT, s),
            ox.Triple(a, _PREDICATE, p),
            ox.Triple(a, _OBJECT, o),
        ]
        out += [ox.Triple(a, _TYPE, self.nn(t)) for t in rm.assertion_types]
        if rm.subject_link:
            out.append(ox.Triple(s, self.nn(rm.subject_link), a))
        if rm.object_link:
            out.append(ox.Triple(a, self.nn(rm.object_link), o))
        props = rel.as_properties()
        for pm in rm.properties:
            value = props.get(pm.name)
            if value is None or (value == "" and (pm.object_label or pm.object_iri or pm.object_scheme)):
                continue
            if pm.object_label == self.T.source and not background:
                continue  # a story fact's evidence names no knowledge file
            out.append(ox.Triple(a, self.nn(pm.predicate), self.value_term(pm, value, resolve)))
        return out


def resolver(mapper: Mapper, entities: Iterable[Entity], story_id: str | None = None):
    """A function (label, id) -> IRI that knows the entities' own IRIs (scheme concepts, lenses)."""
    known = {(e.label, e.id): mapper.iri(e.label, e.id, e.properties) for e in entities}

    def resolve(label: str, node_id: str) -> str:
        return known.get((label, node_id)) or mapper.m.node_iri(label, node_id)

    return resolve


def _local(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _python(lit: ox.Literal) -> Any:
    dt = lit.datatype.value
    v = lit.value
    if dt == _XSD + "integer":
        return int(v)
    if dt in (_XSD + "double", _XSD + "decimal", _XSD + "float"):
        return float(v)
    if dt == _XSD + "boolean":
        return v in ("true", "1")
    return v


def to_quads(triples: Iterable[ox.Triple], graph: str) -> Iterator[ox.Quad]:
    g = ox.NamedNode(graph)
    for t in triples:
        yield ox.Quad(t.subject, t.predicate, t.object, g)
