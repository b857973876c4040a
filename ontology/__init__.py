"""The powerlens ontology: Turtle files (ACST terms, the powerlens extension, the frame dimensions
and the omission topics) and :func:`load_ontology`, the checked, cached loader."""

from .loader import (
    COGNIO,
    PL,
    Kind,
    Lens,
    NodeLabel,
    Ontology,
    OntologyError,
    Property,
    RelationshipType,
    SkosConcept,
    Terms,
    load_ontology,
)

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
    "Terms",
    "load_ontology",
]
