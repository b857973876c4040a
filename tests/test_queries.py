"""Named queries on the real embedded store, over the sample and the example stories."""

import pytest

from powerlens.queries import ParameterError, QueryNotFound, get_query, load_queries

CONTRACT_COLUMNS = {
    "who-controls-metrics": {"controller", "metric", "relation", "stories", "evidence"},
    "recurring-omissions": {"concept", "story_count", "stories"},
    "omission-coverage": {"concept", "omitted_by", "covered_by"},
    "conflicts-of-interest": {"actor", "pattern", "detail", "stories"},
}


def run(store, name, **params):
    return get_query(name).run(store, params)


def test_query_files_declare_contract_columns():
    qs = load_queries()
    for name, cols in CONTRACT_COLUMNS.items():
        assert cols <= set(qs[name].columns), name


@pytest.mark.parametrize("name", sorted(load_queries()))
def test_every_named_query_runs_and_returns_its_columns(corpus_store, name):
    q = get_query(name)
    params = {p.name: "happyhorse" for p in q.params if p.required}
    res = q.run(corpus_store, params)
    assert set(q.columns) <= set(res.columns)
    assert all(set(q.columns) <= set(r) for r in res.rows)


def test_who_controls_metrics_lists_seedance(corpus_store):
    rows = run(corpus_store, "who-controls-metrics").rows
    seedance = [r for r in rows if r["metric"] == "Seedance"]
    assert seedance and seedance[0]["controller"] == "ByteDance"
    assert seedance[0]["background_only"] is True and seedance[0]["citations"]
    story_rows = [r for r in rows if not r["background_only"]]
    assert story_rows and all(r["stories"] and r["evidence"] for r in story_rows)
    assert not [r for r in run(corpus_store, "who-controls-metrics", background=False).rows if r["background_only"]]


def test_conflict_of_interest_owner_of_producer(corpus_store):
    rows = run(corpus_store, "conflicts-of-interest").rows
    alibaba = [r for r in rows if r["actor"].startswith("Alibaba")]
    assert alibaba and "South China Morning Post" in alibaba[0]["detail"]
    assert alibaba[0]["stories"] and alibaba[0]["evidence"]
    assert any(r["actor"] == "ByteDance" and "Seedance" in r["detail"] for r in rows)


def test_recurring_omissions_across_stories(corpus_store):
    rows = run(corpus_store, "recurring-omissions").rows
    assert rows and all(r["story_count"] >= 2 and len(r["stories"]) == r["story_count"] for r in rows)
    assert "Historical precedents" in {r["concept"] for r in rows}


def test_omission_coverage_for_the_sample(corpus_store):
    rows = run(corpus_store, "omission-coverage", story="happyhorse").rows
    by = {r["concept"]: r for r in rows}
    assert "Historical precedents" in by and by["Historical precedents"]["omitted_by"]


def test_interests_served_filter(corpus_store):
    rows = run(corpus_store, "interests-served", actor="bytedance").rows
    assert rows and all(any("ByteDance" in a for a in r["serves"]) for r in rows)
    assert rows[0]["produced_by"]


def test_parameter_errors():
    with pytest.raises(ParameterError, match="story"):
        get_query("omission-coverage").bind({})
    with pytest.raises(ParameterError, match="no parameter"):
        get_query("recurring-omissions").bind({"bogus": "1"})
    with pytest.raises(ParameterError, match="integer"):
        get_query("recurring-omissions").bind({"min_stories": "two"})
    with pytest.raises(QueryNotFound):
        get_query("no-such-query")
