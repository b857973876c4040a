"""Extraction quality against the gold set: the development split must not fall below the
recorded baseline, and the scorer itself must count what it claims to count."""

from pathlib import Path

import pytest

from powerlens.ingest.evaluate import (
    GoldError,
    SplitScore,
    below_baseline,
    evaluate,
    load_baseline,
    load_gold,
    match_key,
    score_story,
)
from powerlens.ingest.readers import read_path

from helpers import run_cli

GOLD = Path(__file__).resolve().parent / "fixtures" / "gold"


def test_gold_set_shape():
    # failure messages name files and counts only: nobody should read held-out stories in a log
    n_dev, n_held = len(load_gold(GOLD, ("dev",))), len(load_gold(GOLD, ("heldout",)))
    assert n_dev + n_held >= 12
    assert n_held * 3 >= n_dev + n_held - 1, f"{n_held} held out of {n_dev + n_held}: keep a third out"
    bad = [st.name for st in load_gold(GOLD) if not (st.entities and st.relations and st.omissions)
           or sum(e.main for e in st.entities if e.label == "Framing") != 1]
    assert bad == []


def test_gold_annotations_point_into_their_stories():
    """Every annotated name, alias and omission item occurs in its story, so the scorer can find
    them (the held-out split is checked too, without anyone reading it)."""
    from powerlens.ingest.evaluate import _find

    problems = []
    for story in load_gold(GOLD):
        text = story.path.read_text(encoding="utf-8")
        for e in story.entities:
            if not any(_find(text, n) for n in [e.name, *e.aliases]):
                problems.append(f"{story.split}/{story.name}: an entity")
        for item, _ in story.omissions:
            if _find(text, item) is None:
                problems.append(f"{story.split}/{story.name}: an omission item")
    assert problems == []


def test_development_split_meets_the_recorded_baseline(extractor):
    scores = evaluate(load_gold(GOLD, ("dev",)), extractor)
    baseline = load_baseline(GOLD / "baseline.toml")
    assert "dev" in baseline and set(baseline["dev"]) >= {"entity_f1", "relation_f1", "omission_accuracy"}
    assert below_baseline(scores, baseline) == []


def test_eval_command_reports_both_splits_and_fails_below_a_baseline(tmp_path):
    out = run_cli("eval", str(GOLD), "--format", "json")
    assert out.returncode == 0, out.stderr
    import json

    rows = json.loads(out.stdout)
    assert {r["split"] for r in rows} == {"dev", "heldout"}
    assert {"entity", "relation", "omission"} <= {r["group"] for r in rows}
    high = tmp_path / "high.toml"
    high.write_text("[dev]\nentity_f1 = 0.999\n", encoding="utf-8")
    out = run_cli("eval", str(GOLD), "--split", "dev", "--baseline", str(high))
    assert out.returncode == 1 and "below the baseline" in out.stderr


def test_scorer_counts_a_perfect_and_a_wrong_prediction(extractor, tmp_path):
    """Annotate one small story with exactly what is in it, then break the annotation."""
    story = tmp_path / "s.txt"
    story.write_text("Acme Ratings under scrutiny\n\nThe Acme Index is published by Acme Group.\n", encoding="utf-8")
    (tmp_path / "s.toml").write_text(
        '[[entity]]\nlabel = "Actor"\nkind = "Company"\nname = "Acme Group"\n'
        '[[entity]]\nlabel = "Metric"\nkind = "Index"\nname = "Acme Index"\n'
        '[[entity]]\nlabel = "Framing"\nname = "under scrutiny"\nmain = true\n'
        '[[relation]]\ntype = "CONTROLS"\nsource = "Acme Group"\ntarget = "Acme Index"\n', encoding="utf-8")
    gold = load_gold(tmp_path)
    doc, _ = read_path(story)
    graph = extractor.extract(doc, story_id="s", source="s", content_hash="h")
    sc = SplitScore(".")
    score_story(gold[0], graph, doc.text, sc)
    assert sc.relations["CONTROLS"].tp == 1 and sc.relations["CONTROLS"].fn == 0
    assert sc.entities["Actor"].tp == 1 and sc.entities["Metric"].tp == 1
    gold[0].relations = [("OWNS", "Acme Group", "Acme Index")]
    sc2 = SplitScore(".")
    score_story(gold[0], graph, doc.text, sc2)
    assert sc2.relations["OWNS"].fn == 1 and sc2.relations["CONTROLS"].fp == 1 and sc2.relation_f1 == 0


def test_match_key_ignores_articles_case_years_and_frame_words():
    assert match_key("The Acme Index", "Metric") == match_key("acme index", "Metric")
    assert match_key("Veterans Health Care Act of 1992", "Precedent") == match_key("Veterans Health Care Act", "Precedent")
    assert match_key("the 'talent race' narrative", "Framing") == match_key("talent race", "Framing")
    assert match_key("the narrative", "Actor") != match_key("talent race", "Actor")


def test_malformed_gold_is_named(tmp_path):
    (tmp_path / "a.txt").write_text("x\n\ny\n", encoding="utf-8")
    (tmp_path / "a.toml").write_text('[[relation]]\ntype = "CONTROLS"\nsource = "Nobody"\ntarget = "X"\n', encoding="utf-8")
    with pytest.raises(GoldError, match="not an annotated entity"):
        load_gold(tmp_path)
    out = run_cli("eval", str(tmp_path))
    assert out.returncode == 2 and "a.toml" in out.stderr
