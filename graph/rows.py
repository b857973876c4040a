"""What a store writes: node and relationship rows shaped from the model and the ontology.

Every store takes its rows from here, so the embedded store and Neo4j hold the same graph: the
same properties, the same merge rules for entities seen before (keep the first name and the first
specific kind, union the aliases), and the same checks against the ontology. The functions are
pure: they read what is already stored from the ``existing`` argument and never touch a store.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from powerlens.model import Entity, Relation
from powerlens.ontology import Ontology, Property

from .base import StoreError


def entities_by_label(entities: Iterable[Entity]) -> dict[str, list[Entity]]:
    out: dict[str, list[Entity]] = {}
    for e in entities:
        out.setdefault(e.label, []).append(e)
    return out


def entity_rows(ontology: Ontology, label: str, entities: list[Entity],
                existing: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows for ``entities`` (all of ``label``), merged with the stored nodes in ``existing`` (by id).

    The first name and the first specific kind win; aliases are the union of the stored ones,
    the entity's and its name; other properties keep the stored value when the entity has none.
    """
    lbl = ontology.label(label)
    declared = {p.name for p in lbl.properties}
    default_kind = lbl.default_kind
    rows = []
    for e in entities:
        have = existing.get(e.id, {})
        row = {"id": e.id, "name": have.get("name") or e.name}
        for k, v in e.properties.items():
            if k not in declared:
                continue
            old = have.get(k)
            if k == "kind" and old and old != default_kind:
                row[k] = old  # keep the first specific kind; entity resolution may change it
            else:
                row[k] = v if v not in (None, "") else old
        if "aliases" in declared:
            row["aliases"] = sorted(set(have.get("aliases") or []) | e.aliases | {e.name})
        rows.append(row)
    return rows


def node_rows(ontology: Ontology, label: str, rows: list[dict[str, Any]], *,
              replace: bool) -> tuple[list[Property], list[dict[str, Any]]]:
    """(the non-key properties to SET, full rows holding every declared property).

    With ``replace`` every declared property is set (missing ones to null); otherwise only the
    properties that appear in some row. Unset list properties become ``[]``. Raises
    :class:`StoreError` for a property the ontology does not declare.
    """
    lbl = ontology.label(label)
    declared = {p.name for p in lbl.properties}
    for row in rows:
        unknown = set(row) - declared
        if unknown:
            raise StoreError(f"{label} has no properties {sorted(unknown)} in the ontology")
    props = [p for p in lbl.properties if not p.is_key]
    if not replace:
        keys = {k for r in rows for k in r}
        props = [p for p in props if p.name in keys]
    full = [{p.name: row.get(p.name) for p in lbl.properties} for row in rows]
    for row in full:
        for p in lbl.properties:
            if p.value_type == "string[]" and row[p.name] is None:
                row[p.name] = []
    return props, full


def relation_groups(ontology: Ontology,
                    relations: Iterable[Relation]) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """Relationship rows grouped by (type, source label, target label).

    Each row holds ``s`` and ``t`` (the endpoint ids) and every declared property of the type.
    Raises :class:`StoreError` for endpoints the ontology does not allow.
    """
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for r in relations:
        rel = ontology.relationship(r.type)
        if not rel.allows(r.source[0], r.target[0]):
            raise StoreError(f"{r.type} does not allow {r.source[0]} -> {r.target[0]} (see the ontology)")
        given = r.as_properties()
        row = {"s": r.source[1], "t": r.target[1], **{p.name: given.get(p.name) for p in rel.properties}}
        groups.setdefault((r.type, r.source[0], r.target[0]), []).append(row)
    return groups


def orphan_labels(ontology: Ontology) -> list[str]:
    """Labels whose nodes are deleted when no relationship is left on them."""
    T = ontology.terms
    return ontology.entity_labels() + [T.concept, T.pathway]


def coerce(prop: Property, value: Any) -> Any:
    """A value converted to the property's declared type (None stays None)."""
    if value is None:
        return None
    if prop.value_type == "integer":
        return int(value)
    if prop.value_type == "float":
        return float(value)
    if prop.value_type == "boolean":
        return bool(value)
    if prop.value_type == "string[]":
        return [str(v) for v in value]
    return str(value)
