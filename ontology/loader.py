"""Load and check the powerlens ontology (the Turtle files beside this module).

The ontology is the single source of every graph term. :func:`load_ontology` parses the files
once (it is cached per directory), checks that they are consistent, and returns an immutable
:class:`Ontology` from which the store schema, CLI choices, colours and docs are derived.
"""

from __future__ import annotations

import functools
import re
from functools import cached_property
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

PL = Namespace("https://w3id.org/powerlens/ns#")
COGNIO = Namespace("https://cognionews.com/vocab/acst#")

ONTOLOGY_DIR = Path(__file__).resolve().parent

_VALUE_TYPES = {
    XSD.string: "string",
    XSD.integer: "integer",
    XSD.double: "float",
    XSD.boolean: "boolean",
    PL.StringList: "string[]",
}
if TYPE_CHECKING:
    from .mapping import RdfMapping

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


class OntologyError(ValueError):
    """The ontology files are missing, unparsable or inconsistent."""


@dataclass(frozen=True)
class Property:
    name: str
    iri: str
    value_type: str  # string | integer | float | boolean | string[]
    required: bool
    is_key: bool = False
    comment: str = ""


@dataclass(frozen=True)
class Kind:
    name: str
    iri: str
    label: str
    is_default: bool = False


@dataclass(frozen=True)
class NodeLabel:
    name: str
    iri: str
    comment: str
    colour: str
    shape: str
    order: int
    properties: tuple[Property, ...]
    kinds: tuple[Kind, ...] = ()
    role: str = ""

    @property
    def default_kind(self) -> str | None:
        for k in self.kinds:
            if k.is_default:
                return k.name
        return None

    def kind_names(self) -> list[str]:
        return [k.name for k in self.kinds]

    def property(self, name: str) -> Property | None:
        return next((p for p in self.properties if p.name == name), None)


@dataclass(frozen=True)
class RelationshipType:
    name: str
    iri: str
    comment: str
    label: str
    group: str
    colour: str
    endpoints: tuple[tuple[str, str], ...]
    properties: tuple[Property, ...]
    role: str = ""

    def allows(self, source_label: str, target_label: str) -> bool:
        return (source_label, target_label) in self.endpoints

    @cached_property
    def sources(self) -> frozenset[str]:
        return frozenset(a for a, _ in self.endpoints)

    @cached_property
    def targets(self) -> frozenset[str]:
        return frozenset(b for _, b in self.endpoints)


@dataclass(frozen=True)
class SkosConcept:
    id: str
    iri: str
    pref_label: str
    alt_labels: tuple[str, ...]
    hidden_labels: tuple[str, ...]
    definition: str
    notation: str = ""


@dataclass(frozen=True)
class Lens:
    id: str
    iri: str
    name: str


class Terms:
    """Role -> graph name. Code refers to terms by role so graph names live only in the ontology."""

    def __init__(self, ontology: Ontology):
        roles: dict[str, str] = {}
        for item in (*ontology.labels.values(), *ontology.relationships.values()):
            if item.role in roles:
                raise OntologyError(f"role {item.role!r} is given to {roles[item.role]} and {item.name}")
            roles[item.role] = item.name
        self._roles = roles
        self.__dict__.update(roles)  # plain attributes: looked up without __getattr__

    def __getattr__(self, role: str) -> str:
        try:
            return self.__dict__["_roles"][role]
        except KeyError:
            raise OntologyError(f"the ontology declares no term with pl:role {role!r}") from None

    def roles(self) -> dict[str, str]:
        return dict(self._roles)


@dataclass(frozen=True, eq=False)
class Ontology:
    """The checked ontology. Look terms up by their graph names."""

    directory: Path
    labels: dict[str, NodeLabel]
    relationships: dict[str, RelationshipType]
    frame_dimensions: tuple[SkosConcept, ...]
    omission_concepts: tuple[SkosConcept, ...]
    lenses: tuple[Lens, ...]
    omission_scheme: str = ""
    rdf: "RdfMapping" = field(repr=False, compare=False, default=None)  # type: ignore[assignment]
    graph: Graph = field(repr=False, compare=False, default=None)  # type: ignore[assignment]

    def __post_init__(self):
        Terms(self)  # fails early when two terms claim one role

    def label(self, name: str) -> NodeLabel:
        try:
            return self.labels[name]
        except KeyError:
            raise OntologyError(f"unknown label {name!r}; known: {', '.join(self.labels)}") from None

    def relationship(self, name: str) -> RelationshipType:
        try:
            return self.relationships[name]
        except KeyError:
            raise OntologyError(
                f"unknown relationship type {name!r}; known: {', '.join(self.relationships)}"
            ) from None

    @functools.cached_property
    def terms(self) -> Terms:
        """Graph names looked up by role: ``ont.terms.framing == "Framing"``."""
        return Terms(self)

    def entity_labels(self) -> list[str]:
        """Labels that a story can mention (targets of the mentions relationship)."""
        mention = self.relationships[self.terms.mentions]
        return [lbl for lbl in self.labels if lbl in mention.targets]

    @property
    def frame_dimension_names(self) -> list[str]:
        return [c.pref_label for c in self.frame_dimensions]

    def kind_label(self, kind: str) -> str | None:
        """The label a kind belongs to, when the kind name is unique across labels."""
        owners = [lbl.name for lbl in self.labels.values() if kind in lbl.kind_names()]
        return owners[0] if len(owners) == 1 else None


def _one(g: Graph, s, p, *, required: bool = True, what: str = ""):
    values = list(g.objects(s, p))
    if not values:
        if required:
            raise OntologyError(f"{_short(s)} has no {_short(p)}{what}")
        return None
    if len(values) > 1:
        raise OntologyError(f"{_short(s)} has {len(values)} values for {_short(p)}; expected one")
    return values[0]


def _short(term) -> str:
    text = str(term)
    for prefix, ns in (("pl:", str(PL)), ("cognio:", str(COGNIO))):
        if text.startswith(ns):
            return prefix + text[len(ns):]
    return text


def _slug_of_iri(iri: URIRef) -> str:
    text = str(iri)
    local = re.split(r"[#/]", text)[-1]
    return local


def _property(g: Graph, p: URIRef, required: bool) -> Property:
    name = str(_one(g, p, PL.graphName))
    vt = _one(g, p, PL.valueType)
    if vt not in _VALUE_TYPES:
        raise OntologyError(f"{_short(p)} has unknown value type {_short(vt)}")
    is_key = bool(_one(g, p, PL.isKey, required=False))
    comment = str(_one(g, p, RDFS.comment, required=False) or "")
    return Property(name, str(p), _VALUE_TYPES[vt], required, is_key, comment)


def _parse(directory: Path) -> Ontology:
    files = sorted(directory.glob("*.ttl"))
    if not files:
        raise OntologyError(f"no ontology files (*.ttl) in {directory}")
    g = Graph()
    for f in files:
        try:
            g.parse(f, format="turtle")
        except Exception as exc:  # rdflib raises several parser exception types
            raise OntologyError(f"{f.name}: cannot parse Turtle: {exc}") from exc

    # --- node labels and their properties -------------------------------------------------
    label_iris = sorted(set(g.subjects(RDF.type, PL.NodeLabel)), key=str)
    if not label_iris:
        raise OntologyError("no pl:NodeLabel declared")
    names_by_iri: dict[URIRef, str] = {}
    for iri in label_iris:
        names_by_iri[iri] = str(_one(g, iri, PL.graphName))
    if len(set(names_by_iri.values())) != len(names_by_iri):
        raise OntologyError("two node labels share a graphName")

    node_props: dict[str, list[Property]] = {n: [] for n in names_by_iri.values()}
    rel_prop_decl: list[tuple[URIRef, URIRef]] = []
    for p in sorted(set(g.subjects(RDF.type, PL.GraphProperty)), key=str):
        required_on = set(g.objects(p, PL.requiredOn))
        optional_on = set(g.objects(p, PL.onLabel))
        on_rel = set(g.objects(p, PL.onRelationship))
        if not (required_on or optional_on or on_rel):
            raise OntologyError(f"{_short(p)} is declared on no label and no relationship")
        for targets, required in ((required_on, True), (optional_on, False)):
            for t in targets:
                if t == PL.Node:
                    applies = list(names_by_iri.values())
                elif t in names_by_iri:
                    applies = [names_by_iri[t]]
                else:
                    raise OntologyError(f"{_short(p)} is declared on {_short(t)}, which is not a node label")
                for lbl in applies:
                    prop = _property(g, p, required)
                    if any(x.name == prop.name for x in node_props[lbl]):
                        raise OntologyError(f"label {lbl} declares property {prop.name!r} twice")
                    node_props[lbl].append(prop)
        for t in on_rel:
            rel_prop_decl.append((p, t))

    kinds: dict[str, list[Kind]] = {n: [] for n in names_by_iri.values()}
    for k in sorted(set(g.subjects(RDF.type, PL.Kind)), key=str):
        parents = [o for o in g.objects(k, RDFS.subClassOf) if o in names_by_iri]
        if len(parents) != 1:
            raise OntologyError(f"kind {_short(k)} must be a subclass of exactly one node label")
        owner = names_by_iri[parents[0]]
        name = str(_one(g, k, PL.graphName))
        if any(x.name == name for x in kinds[owner]):
            raise OntologyError(f"label {owner} has two kinds named {name!r}")
        kinds[owner].append(
            Kind(name, str(k), str(_one(g, k, RDFS.label)), bool(_one(g, k, PL.isDefault, required=False)))
        )
    labels: dict[str, NodeLabel] = {}
    for iri, name in names_by_iri.items():
        colour = str(_one(g, iri, PL.colour))
        if not _HEX.match(colour):
            raise OntologyError(f"{_short(iri)} colour {colour!r} is not #rrggbb")
        props = node_props[name]
        keys = [p for p in props if p.is_key]
        if len(keys) != 1:
            raise OntologyError(f"label {name} must have exactly one key property, has {len(keys)}")
        ks = sorted(kinds[name], key=lambda k: k.name)
        if ks and sum(k.is_default for k in ks) != 1:
            raise OntologyError(f"label {name} must mark exactly one kind as default")
        if ks and not any(p.name == "kind" for p in props):
            raise OntologyError(f"label {name} has kinds but no kind property")
        labels[name] = NodeLabel(
            name=name,
            iri=str(iri),
            comment=str(_one(g, iri, RDFS.comment, required=False) or ""),
            colour=colour,
            shape=str(_one(g, iri, PL.shape)),
            order=int(_one(g, iri, PL.order)),
            properties=tuple(sorted(props, key=lambda p: (not p.is_key, p.name))),
            kinds=tuple(ks),
            role=str(_one(g, iri, PL.role)),
        )
    labels = dict(sorted(labels.items(), key=lambda kv: kv[1].order))

    # --- relationship types ------------------------------------------------------------------
    rel_iris = sorted(set(g.subjects(RDF.type, PL.RelationshipType)), key=str)
    if not rel_iris:
        raise OntologyError("no pl:RelationshipType declared")
    common: list[URIRef] = [p for p, t in rel_prop_decl if t == PL.Relationship]
    rels: dict[str, RelationshipType] = {}
    for iri in rel_iris:
        name = str(_one(g, iri, PL.graphName))
        if name in rels:
            raise OntologyError(f"two relationship types are named {name!r}")
        endpoints = []
        for ep in g.objects(iri, PL.endpoint):
            a = _one(g, ep, PL["from"], what=f" (endpoint of {name})")
            b = _one(g, ep, PL.to, what=f" (endpoint of {name})")
            for t in (a, b):
                if t not in names_by_iri:
                    raise OntologyError(f"{name} endpoint {_short(t)} is not a node label")
            endpoints.append((names_by_iri[a], names_by_iri[b]))
        if not endpoints:
            raise OntologyError(f"relationship type {name} has no pl:endpoint")
        order = list(labels)
        endpoints.sort(key=lambda e: (order.index(e[0]), order.index(e[1])))
        props = [_property(g, p, False) for p in common]
        props += [_property(g, p, False) for p, t in rel_prop_decl if t == iri]
        names = [p.name for p in props]
        if len(set(names)) != len(names):
            raise OntologyError(f"relationship type {name} declares a property twice")
        colour = str(_one(g, iri, PL.colour))
        if not _HEX.match(colour):
            raise OntologyError(f"{name} colour {colour!r} is not #rrggbb")
        rels[name] = RelationshipType(
            name=name,
            iri=str(iri),
            comment=str(_one(g, iri, RDFS.comment, required=False) or ""),
            label=str(_one(g, iri, RDFS.label)),
            group=str(_one(g, iri, PL.group)),
            colour=colour,
            endpoints=tuple(endpoints),
            properties=tuple(props),
            role=str(_one(g, iri, PL.role)),
        )
    for p, t in rel_prop_decl:
        if t != PL.Relationship and t not in rel_iris:
            raise OntologyError(f"{_short(p)} is declared on {_short(t)}, which is not a relationship type")

    # --- SKOS schemes ----------------------------------------------------------------------------
    def scheme(iri: URIRef) -> tuple[SkosConcept, ...]:
        out = []
        for c in g.subjects(SKOS.inScheme, iri):
            pref = _one(g, c, SKOS.prefLabel)
            out.append(
                SkosConcept(
                    id=_slug_of_iri(c).removeprefix("omission-").removeprefix("frame-"),
                    iri=str(c),
                    pref_label=str(pref),
                    alt_labels=tuple(sorted(str(x) for x in g.objects(c, SKOS.altLabel))),
                    hidden_labels=tuple(sorted(str(x) for x in g.objects(c, SKOS.hiddenLabel))),
                    definition=str(_one(g, c, SKOS.definition, required=False) or ""),
                    notation=str(_one(g, c, SKOS.notation, required=False) or ""),
                )
            )
        return tuple(sorted(out, key=lambda c: (int(c.notation) if c.notation.isdigit() else 0, c.pref_label)))

    frames = scheme(PL.FrameDimensions)
    if len(frames) != 15:
        raise OntologyError(f"the frame dimension scheme must have 15 concepts, has {len(frames)}")
    if "Other" not in [c.pref_label for c in frames]:
        raise OntologyError("the frame dimension scheme needs an 'Other' concept")
    omissions = scheme(PL.OmissionTopics)
    if not omissions:
        raise OntologyError("the omission topic scheme (pl:OmissionTopics) has no concepts")

    lenses = tuple(
        sorted(
            (
                Lens(id=_slug_of_iri(x), iri=str(x), name=str(_one(g, x, RDFS.label)))
                for x in g.subjects(RDF.type, COGNIO.Lens)
            ),
            key=lambda x: x.id,
        )
    )
    from .mapping import parse_mapping

    schemes = {str(PL.FrameDimensions): {c.pref_label: c.iri for c in frames},
               str(PL.OmissionTopics): {c.pref_label: c.iri for c in omissions}}
    rdf = parse_mapping(g, labels, rels, schemes)
    return Ontology(
        directory=directory,
        labels=labels,
        relationships=rels,
        frame_dimensions=frames,
        omission_concepts=omissions,
        lenses=lenses,
        omission_scheme=str(PL.OmissionTopics),
        graph=g,
        rdf=rdf,
    )


@functools.lru_cache(maxsize=8)
def _cached(directory: str) -> Ontology:
    return _parse(Path(directory))


def load_ontology(directory: str | Path | None = None) -> Ontology:
    """Parse and check the ontology in ``directory`` (default: the bundled one).

    The result is cached per directory; call ``load_ontology.cache_clear()`` after editing the
    files in a running process. Raises :class:`OntologyError` when the files are inconsistent.
    """
    d = Path(directory).resolve() if directory is not None else ONTOLOGY_DIR
    return _cached(str(d))


load_ontology.cache_clear = _cached.cache_clear  # type: ignore[attr-defined]

__all__ = [
    "COGNIO",
    "PL",
    "Kind",
    "Lens",
    "NodeLabel",
    "Ontology",
    "OntologyError",
    "Property",
    "RelationshipType",
    "SkosConcept",
    "load_ontology",
]
