import shutil
from pathlib import Path

import pytest

from powerlens.graph import schema
from powerlens.ontology import OntologyError, load_ontology
from powerlens.ontology.loader import ONTOLOGY_DIR

CONTRACT_LABELS = {
    "Story": {"id", "title", "text", "source", "content_hash"},
    "Actor": {"id", "name", "kind", "aliases"},
    "Policy": {"id", "name", "kind"},
    "Metric": {"id", "name", "kind"},
    "Framing": {"id", "name", "dimension"},
    "Concept": {"id", "name"},
    "Precedent": {"id", "name"},
    "Pathway": {"id", "name", "text", "rank"},
    "Lens": {"id", "name"},
}
CONTRACT_RELS = {
    "CONTROLS": [("Actor", "Metric"), ("Actor", "Actor"), ("Actor", "Policy")],
    "OWNS": [("Actor", "Actor"), ("Actor", "Metric")],
    "PRODUCED": [("Actor", "Framing")],
    "AMPLIFIES": [("Actor", "Framing")],
    "SERVES_INTERESTS_OF": [("Framing", "Actor")],
    "LEGITIMIZES": [("Framing", "Metric"), ("Framing", "Actor"), ("Framing", "Policy")],
    "OBSCURES": [("Framing", "Concept"), ("Framing", "Actor"), ("Framing", "Policy")],
    "DIRECTS": [("Policy", "Actor"), ("Actor", "Concept")],
    "ALIGNED_WITH": [("Actor", "Actor"), ("Actor", "Policy")],
    "MIRRORS": [("Policy", "Policy")],
    "FUNDS": [("Actor", "Actor")],
    "EXCLUDES": [("Actor", "Actor"), ("Framing", "Actor")],
    "PARALLELS": [("Story", "Precedent"), ("Policy", "Precedent")],
    "MENTIONS": [("Story", "Actor"), ("Story", "Metric")],
    "FRAMES": [("Story", "Framing")],
    "OMITS": [("Story", "Concept")],
    "COVERS": [("Story", "Concept")],
    "PROPOSES": [("Story", "Pathway")],
    "TARGETS": [("Pathway", "Actor"), ("Pathway", "Policy"), ("Pathway", "Concept")],
    "READ_THROUGH": [("Story", "Lens")],
}
EVIDENCE = {"story", "sentence", "start", "end", "confidence", "extractor", "source", "citation"}


def test_contract_labels_and_required_properties():
    ont = load_ontology()
    for label, props in CONTRACT_LABELS.items():
        have = {p.name for p in ont.label(label).properties}
        assert props <= have, (label, props - have)
        required = {p.name for p in ont.label(label).properties if p.required}
        assert props <= required, (label, props - required)


def test_contract_relationships_endpoints_and_evidence():
    ont = load_ontology()
    for rel, pairs in CONTRACT_RELS.items():
        r = ont.relationship(rel)
        for pair in pairs:
            assert r.allows(*pair), (rel, pair)
        assert EVIDENCE <= {p.name for p in r.properties}, rel
    assert "count" in {p.name for p in ont.relationship("MENTIONS").properties}
    assert "text" in {p.name for p in ont.relationship("OMITS").properties}
    assert {"score", "text"} <= {p.name for p in ont.relationship("READ_THROUGH").properties}


def test_frame_dimensions_and_kinds():
    ont = load_ontology()
    assert len(ont.frame_dimension_names) == 15
    assert ont.frame_dimension_names[0] == "Economic" and ont.frame_dimension_names[-1] == "Other"
    assert {"Company", "State", "Agency", "MediaOutlet", "Person", "Community", "Organization"} <= set(
        ont.label("Actor").kind_names()
    )
    assert ont.label("Actor").default_kind == "Organization"


def test_loader_is_cached_and_explicit():
    assert load_ontology() is load_ontology()


def test_terms_by_role():
    ont = load_ontology()
    assert ont.terms.framing == "Framing"
    assert ont.terms.mentions == "MENTIONS"
    with pytest.raises(OntologyError):
        ont.terms.no_such_role  # noqa: B018


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    d = tmp_path / "onto"
    shutil.copytree(ONTOLOGY_DIR, d, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    p = d / "powerlens.ttl"
    text = p.read_text(encoding="utf-8")
    assert old in text
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    return d


@pytest.mark.parametrize(
    "old,new,message",
    [
        ("pl:endpoint [ pl:from pl:Policy ; pl:to pl:Policy ]", "pl:endpoint [ pl:from pl:Policy ; pl:to pl:Nowhere ]", "not a node label"),
        ('pl:colour "#d1495b"', 'pl:colour "red"', "not #rrggbb"),
        ('pl:MIRRORS a pl:RelationshipType ; pl:role "mirrors"', 'pl:MIRRORS a pl:RelationshipType ; pl:role "owns"', "role"),
        ("pl:Framing a owl:Class, pl:NodeLabel ;", "pl:Framing a owl:Class, pl:NodeLabel ; pl:graphName \"Actor\" ;", "graphName"),
        ('also the fallback kind." ;\n    pl:isDefault true .', 'also the fallback kind." .', "default"),
        ("@prefix pl:", "@prefix broken", "cannot parse"),
    ],
)
def test_inconsistent_ontology_fails_with_named_error(tmp_path, old, new, message):
    d = _broken(tmp_path, old, new)
    with pytest.raises(OntologyError, match=message):
        load_ontology(d)


def test_store_schema_is_derived_from_the_ontology():
    ont = load_ontology()
    ddl = schema.ddl(ont)
    for label in ont.labels.values():
        stmt = next(s for s in ddl if s.startswith(f"CREATE NODE TABLE IF NOT EXISTS {label.name}("))
        for p in label.properties:
            assert f"`{p.name}`" in stmt
    for rel in ont.relationships.values():
        stmt = next(s for s in ddl if s.startswith(f"CREATE REL TABLE IF NOT EXISTS {rel.name}("))
        for a, b in rel.endpoints:
            assert f"FROM {a} TO {b}" in stmt


def test_opened_store_has_exactly_the_ontology_tables(tmp_path):
    from powerlens.graph.ladybug import LadybugStore

    ont = load_ontology()
    with LadybugStore(tmp_path / "g.lbug") as store:
        rows = store.query("CALL show_tables() RETURN name, type").rows
    nodes = {r["name"] for r in rows if r["type"] == "NODE"}
    rels = {r["name"] for r in rows if r["type"] == "REL"}
    assert nodes == set(ont.labels)
    assert rels == set(ont.relationships)
