"""Derive the embedded store's DDL from the ontology (one direction: ontology -> DDL)."""

from __future__ import annotations

import hashlib
import json

from powerlens.ontology import Ontology, Property

_LADYBUG_TYPES = {
    "string": "STRING",
    "integer": "INT64",
    "float": "DOUBLE",
    "boolean": "BOOLEAN",
    "string[]": "STRING[]",
}


def q(name: str) -> str:
    """Quote an identifier (property names such as ``end`` are keywords)."""
    return f"`{name}`"


def column_type(prop: Property) -> str:
    return _LADYBUG_TYPES[prop.value_type]


def node_tables(ont: Ontology) -> list[str]:
    out = []
    for label in ont.labels.values():
        key = next(p for p in label.properties if p.is_key)
        cols = ", ".join(f"{q(p.name)} {column_type(p)}" for p in label.properties)
        out.append(f"CREATE NODE TABLE IF NOT EXISTS {label.name}({cols}, PRIMARY KEY({q(key.name)}))")
    return out


def rel_tables(ont: Ontology) -> list[str]:
    out = []
    for rel in ont.relationships.values():
        pairs = ", ".join(f"FROM {a} TO {b}" for a, b in rel.endpoints)
        cols = ", ".join(f"{q(p.name)} {column_type(p)}" for p in rel.properties)
        out.append(f"CREATE REL TABLE IF NOT EXISTS {rel.name}({pairs}, {cols}, MANY_MANY)")
    return out


def ddl(ont: Ontology) -> list[str]:
    """Every statement needed to create the schema, node tables first."""
    return node_tables(ont) + rel_tables(ont)


def fingerprint(ont: Ontology) -> str:
    """A hash of the schema; a workspace records it to notice an ontology change."""
    return hashlib.sha256(json.dumps(ddl(ont)).encode()).hexdigest()[:16]


def cast(prop: Property, expr: str) -> str:
    """Cast a parameter expression to the column type (parameter maps with nulls are untyped)."""
    if prop.value_type == "string[]":
        return expr
    return f"CAST({expr} AS {column_type(prop)})"
