"""Entity resolution, the decisions file (merge/split), omissions in plain analyses, and the
background knowledge files."""

import json

import pytest

from powerlens.ingest.decisions import Decisions
from powerlens.ingest.extract import Extractor
from powerlens.ingest.readers import read_text
from powerlens.ingest.resources import DataError

from helpers import run_cli

STORY = """How the Daily Ledger sold the Acme Index as neutral

The Acme Index, which is published by Acme Holdings, is everywhere. The coverage treated the Acme Index as an objective measure.
The Food and Drug Administration (FDA) reviewed it, and the FDA later funded Harbor Labs.
Jane Roe, Acme Holdings's chief executive, amplified the 'fair market' narrative in Europe.

What the coverage leaves out is telling. It does not mention the wages of warehouse workers, nor the carbon emissions of the data centres, nor the astrology columns of the paper.
"""


def extract(text=STORY, decisions=None):
    doc = read_text(text, name="story.txt")
    return Extractor(decisions=decisions).extract(doc, story_id="story", source="story.txt", content_hash="h")


def names(g, label):
    return {e.name for e in g.entities.values() if e.label == label}


def rels(g, rtype):
    return {(g.entities[r.source].name if r.source in g.entities else r.source[1],
             g.entities[r.target].name if r.target in g.entities else r.target[1]) for r in g.relations if r.type == rtype}


def test_relative_clause_acronym_role_and_wrapped_patterns():
    g = extract()
    assert ("Acme Holdings", "Acme Index") in rels(g, "CONTROLS")  # ", which is published by"
    assert ("Jane Roe", "Acme Holdings") in rels(g, "CONTROLS")  # "X, Y's chief executive"
    assert "Food and Drug Administration" in names(g, "Actor") and "FDA" not in names(g, "Actor")
    assert ("Food and Drug Administration", "Harbor Labs") in rels(g, "FUNDS")
    assert any(t == "Acme Index" for _, t in rels(g, "LEGITIMIZES"))  # "treated X as an objective measure"
    assert "Europe" not in names(g, "Actor")  # a place, not an actor


def test_plain_analysis_omissions_map_to_concepts_or_new_reviewed_concepts():
    g = extract()
    omits = [r for r in g.relations if r.type == "OMITS"]
    by_text = {r.properties["text"]: g.entities[r.target] for r in omits}
    assert by_text["the wages of warehouse workers"].id == "global-south-labour"
    assert by_text["the carbon emissions of the data centres"].id == "environmental-footprint"
    new = by_text["the astrology columns of the paper"]
    assert new.properties.get("review") is True and not new.properties.get("scheme")
    text = g.story["text"]
    assert all(text[r.evidence.start : r.evidence.end] == r.properties["text"] for r in omits)


def test_merge_and_split_decisions_apply_and_reverse(tmp_path):
    d = Decisions.load(tmp_path / "decisions.toml")
    d.add_merge(["Harbor Labs"], "Harbor Laboratories", "Actor")
    d.add_split("FDA", "Food and Drug Administration")
    d.save()
    d = Decisions.load(tmp_path / "decisions.toml")
    g = extract(decisions=d)
    assert "Harbor Laboratories" in names(g, "Actor") and "Harbor Labs" not in names(g, "Actor")
    assert "FDA" in names(g, "Actor")
    assert d.undo_merge(["Harbor Labs"], "Harbor Laboratories") == 1 and d.undo_split("FDA", "Food and Drug Administration") == 1
    g = extract(decisions=d)
    assert "Harbor Labs" in names(g, "Actor") and "FDA" not in names(g, "Actor")
    assert Extractor(decisions=d).version == Extractor().version


def test_decisions_file_errors_are_named(tmp_path):
    bad = tmp_path / "decisions.toml"
    bad.write_text("[[merge]]\ninto = 'X'\n", encoding="utf-8")
    with pytest.raises(DataError, match="needs `names`"):
        Decisions.load(bad)


def test_merge_command_reextracts_stored_stories_and_undo_restores(tmp_path):
    story = tmp_path / "stories" / "story.txt"
    story.parent.mkdir()
    story.write_text(STORY, encoding="utf-8")
    ws = str(tmp_path / "ws")
    assert run_cli("ingest", "-w", ws, str(story.parent), "-q").returncode == 0
    q = "MATCH (a:Actor) WHERE a.name CONTAINS 'Harbor' RETURN a.name AS name"
    out = run_cli("merge", "Harbor Labs", "Harbor Research Group", "-w", ws)
    assert out.returncode == 0, out.stderr
    assert json.loads(run_cli("cypher", q, "-w", ws, "-f", "json").stdout) == [{"name": "Harbor Research Group"}]
    assert "Harbor Research Group" in run_cli("decisions", "-w", ws).stdout
    out = run_cli("merge", "Harbor Labs", "Harbor Research Group", "--undo", "-w", ws)
    assert out.returncode == 0, out.stderr
    assert json.loads(run_cli("cypher", q, "-w", ws, "-f", "json").stdout) == [{"name": "Harbor Labs"}]
    out = run_cli("merge", "Nope", "Nothing", "--undo", "-w", ws)
    assert out.returncode == 1 and "no merge" in out.stderr


KB = """[meta]
title = "Test ownership facts"
source = "Written for the powerlens tests."

[[fact]]
subject = "Ledger Media Trust"
subject_label = "Actor"
subject_kind = "Company"
relation = "OWNS"
object = "Daily Ledger"
object_label = "Actor"
object_kind = "MediaOutlet"
citation = "An invented fact for the tests."
"""


def test_kb_add_list_remove_and_no_background(tmp_path):
    ws = str(tmp_path / "ws")
    good = tmp_path / "ledger.toml"
    good.write_text(KB, encoding="utf-8")
    bad = tmp_path / "broken.toml"
    bad.write_text(KB.replace('citation = "An invented fact for the tests."', ""), encoding="utf-8")
    out = run_cli("kb", "add", str(good), str(bad), "-w", ws)
    assert out.returncode == 1 and "broken.toml" in out.stderr and "citation" in out.stderr
    assert "added ledger.toml: 1 fact" in out.stderr
    q = ("MATCH (a:Actor)-[r:OWNS]->(b:Actor {name: 'Daily Ledger'}) "
         "RETURN a.name AS owner, r.story AS story, r.source AS source, r.citation AS citation")
    rows = json.loads(run_cli("cypher", q, "-w", ws, "-f", "json").stdout)
    assert rows == [{"owner": "Ledger Media Trust", "story": None, "source": "background-ledger",
                     "citation": "An invented fact for the tests."}]
    listed = json.loads(run_cli("kb", "list", "-w", ws, "-f", "json").stdout)
    assert {r["file"] for r in listed} >= {"ledger.toml", "public-record.toml"}
    out = run_cli("ask", "who-controls-metrics", "--no-background", "-w", ws, "-f", "json")
    assert out.returncode == 0 and all(not r["background_only"] for r in json.loads(out.stdout))
    assert run_cli("kb", "remove", "ledger.toml", "-w", ws).returncode == 0
    assert json.loads(run_cli("cypher", q, "-w", ws, "-f", "json").stdout) == []
    assert run_cli("kb", "remove", "public-record.toml", "-w", ws).returncode == 1
