"""The optional spaCy pipeline, with a real spaCy pipeline that needs no model download: a blank
English pipeline with an entity ruler stands in for a statistical model's NER."""

import spacy

from powerlens.ingest.extract import Extractor
from powerlens.ingest.nlp import SpacyExtractor
from powerlens.ingest.readers import read_text

from helpers import run_cli

TEXT = "A note on rankings\n\nThe Civic Index is published by quillworks, a data firm, and the coverage amplified it.\n"


def controls(g):
    return {(r.source[1], r.target[1]) for r in g.relations if r.type == "CONTROLS"}


def test_spacy_entities_raise_recall_where_rules_miss_a_name():
    doc = read_text(TEXT, name="t.txt")
    rules = Extractor().extract(doc, story_id="t", source="t", content_hash="h")
    assert ("quillworks", "civic-index") not in controls(rules)  # a lower-case brand: the rules miss it
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "ORG", "pattern": "quillworks"}])
    ex = SpacyExtractor(nlp=nlp)
    g = ex.extract(doc, story_id="t", source="t", content_hash="h")
    assert ("quillworks", "civic-index") in controls(g)
    assert "+spacy:" in ex.version  # stories built with a model are re-extracted without it
    assert not g.check_evidence()


def test_missing_model_is_a_clear_error_and_nothing_is_downloaded(tmp_path):
    story = tmp_path / "t.txt"
    story.write_text(TEXT, encoding="utf-8")
    out = run_cli("ingest", "--nlp", "xx_no_such_model", "-w", str(tmp_path / "ws"), str(story))
    assert out.returncode == 2
    assert "xx_no_such_model" in out.stderr and "never downloads" in out.stderr
    assert not (tmp_path / "ws" / "graph.lbug").exists()
