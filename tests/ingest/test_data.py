"""The extractor's data files: well formed, sourced, and consistent with the ontology."""

from collections import Counter

from powerlens.ingest.gazetteer import load_gazetteer
from powerlens.ingest.resources import load_data
from powerlens.ontology import load_ontology


def test_relation_triggers_are_unique_within_a_pattern_and_types_exist():
    ont = load_ontology()
    data = load_data("relations")
    assert data["meta"]["source"]
    for row in data["pattern"]:
        assert row["type"] in ont.relationships
        dup = [t for t, n in Counter(row["triggers"]).items() if n > 1]
        assert dup == [], (row["type"], row["source"], dup)
    for label, rtype in data["possessive"].items():
        assert label in ont.labels and rtype in ont.relationships


def test_every_gazetteer_file_names_its_source_and_every_kind_is_known():
    gz = load_gazetteer(load_ontology())
    assert len(gz.sources) >= 12 and all(gz.sources.values())
    ont = load_ontology()
    for e in gz.entries.values():
        kinds = ont.labels[e.label].kind_names()
        assert not kinds or e.kind in kinds, e.name


def test_omission_scheme_has_labels_to_match_on():
    for c in load_ontology().omission_concepts:
        assert c.pref_label and c.definition
        assert len(c.alt_labels) + len(c.hidden_labels) >= 10, c.id


def test_cue_kinds_are_kinds_of_the_ontology():
    ont = load_ontology()
    cues = load_data("cues")
    assert cues["context_kinds"]["unknown_actor_kind"] in ont.labels["Actor"].kind_names()
    for kind in cues["precedent_kinds"]:
        assert kind in ont.labels["Precedent"].kind_names()
