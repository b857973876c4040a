"""The query library on the real embedded store: evidence on every row, background facts labelled
and left out on request, ownership chains, the analytics (centrality, contrast, paths, matrix)."""

from __future__ import annotations

import pytest

from query_graphs import write_chain
from powerlens.graph import open_store
from powerlens.queries import ParameterError, get_query, load_queries


@pytest.fixture
def chain_store(tmp_path):
    store = open_store("embedded", path=tmp_path / "graph.lbug")
    write_chain(store)
    yield store
    store.close()


def rows(store, name, **params):
    return get_query(name).run(store, params).rows


def _with_evidence_columns():
    return sorted(n for n, q in load_queries().items() if {"stories", "evidence"} <= set(q.columns))


@pytest.mark.parametrize("name", _with_evidence_columns())
def test_every_row_carries_its_evidence(corpus_store, name):
    q = get_query(name)
    answered = 0
    for params in q.examples or ({},):
        for r in q.run(corpus_store, dict(params)).rows:
            if r.get("status") == "neither":
                assert not r["evidence"]
                continue
            answered += 1
            assert r["evidence"] or r.get("citations"), (name, r)
            if not r.get("citations") and not r.get("background_only"):
                assert r["stories"], (name, r)
            assert all(isinstance(s, str) and s for s in r["evidence"])
    assert answered or name == "conflicts-of-interest", f"{name} gave no rows on the examples"


def test_ownership_chain_with_evidence_of_every_tie(chain_store):
    found = rows(chain_store, "who-controls-metrics")
    by = {(r["controller"], tuple(r["via"])): r for r in found}
    direct = by[("Daily Outlet", ())]
    assert direct["relation"] == "CONTROLS" and direct["background_only"] is False
    owner = by[("Holding Co", ("Daily Outlet",))]
    assert owner["relation"] == "CONTROLS" and owner["stories"] == ["A chain of holdings"]
    assert set(owner["evidence"]) == {"Holding Co owns the Daily Outlet.", "The Daily Outlet publishes the Outlet Index."}
    top = by[("Parent Group", ("Holding Co", "Daily Outlet"))]
    assert top["citations"] == ["Fixture register, entry 1."] and top["background_only"] is False
    story_only = rows(chain_store, "who-controls-metrics", background=False)
    assert {(r["controller"], tuple(r["via"])) for r in story_only} == {("Daily Outlet", ()), ("Holding Co", ("Daily Outlet",))}


def test_conflicts_of_interest_all_three_patterns(chain_store):
    found = rows(chain_store, "conflicts-of-interest")
    patterns = {(r["actor"], r["pattern"]): r for r in found}
    producer = patterns[("Holding Co", "producer owned by the actor it serves")]
    assert "Daily Outlet" in producer["detail"] and producer["via"] == [] and producer["background"] is False
    assert "The Daily Outlet produced the 'miracle market' narrative." in producer["evidence"]
    metric = patterns[("Holding Co", "served actor controls the legitimized metric")]
    assert metric["via"] == ["Daily Outlet"] and len(metric["evidence"]) == 4
    funded = patterns[("Holding Co", "legitimized body funded by the actor served")]
    assert "Market Institute" in funded["detail"] and funded["stories"] == ["A chain of holdings"]
    assert len(found) == 3  # the background owner serves no narrative


def test_background_facts_are_labelled_and_left_out_on_request(chain_store):
    for name in sorted(n for n, q in load_queries().items() if "background" in {p.name for p in q.params}):
        q = get_query(name)
        params = dict(q.examples[0]) if q.examples else {}
        params.update({"actor": "holding", "from": "Parent Group", "to": "Outlet Index"} if name in ("actor-profile", "path") else {})
        params = {k: v for k, v in params.items() if k in {p.name for p in q.params}}
        with_bg = q.run(chain_store, params).rows
        without = q.run(chain_store, {**params, "background": False}).rows
        flag = next((c for c in ("background", "background_only") if c in q.columns), None)
        if flag:
            assert not any(r[flag] for r in without), name
        assert not any(r.get("citations") for r in without), name
        assert len(without) <= len(with_bg), name
    profile = rows(chain_store, "actor-profile", actor="holding-co")
    owned_by = [r for r in profile if r["relation"] == "OWNS" and r["direction"] == "in"]
    assert owned_by and owned_by[0]["other"] == "Parent Group" and owned_by[0]["background"] is True


def test_path_shortest_first_with_directions(chain_store):
    found = rows(chain_store, "path", **{"from": "Parent Group", "to": "outlet-index", "max": 4})
    assert found and [r["hops"] for r in found] == sorted(r["hops"] for r in found)
    best = found[0]
    assert best["hops"] == 3 and best["nodes"] == ["Parent Group", "Holding Co", "Daily Outlet", "Outlet Index"]
    assert best["path"] == "Parent Group -OWNS-> Holding Co -OWNS-> Daily Outlet -CONTROLS-> Outlet Index"
    assert best["background"] is True and best["citations"]
    assert all(r["hops"] <= 4 for r in found)
    assert not rows(chain_store, "path", **{"from": "Parent Group", "to": "outlet-index", "max": 2})
    assert not rows(chain_store, "path", **{"from": "Parent Group", "to": "outlet-index", "background": False})
    assert rows(chain_store, "path", **{"from": "Holding Co", "to": "outlet-index", "max": 1}) == []
    two = rows(chain_store, "path", **{"from": "Holding Co", "to": "outlet-index", "max": 2})
    assert {r["hops"] for r in two} == {2}


def test_central_actors_rank_the_owner_chain(chain_store, corpus_store):
    ranked = rows(chain_store, "central-actors")
    names = [r["actor"] for r in ranked]
    assert names[0] == "Parent Group"  # everything below works for it, through Holding Co
    assert [r["pagerank"] for r in ranked] == sorted((r["pagerank"] for r in ranked), reverse=True)
    story_only = [r["actor"] for r in rows(chain_store, "central-actors", background=False)]
    assert "Parent Group" not in story_only and story_only[0] == "Holding Co"
    top = rows(corpus_store, "central-actors", top=3)
    assert len(top) == 3 and all(r["stories"] and r["ties"] >= 1 for r in top)
    with pytest.raises(ParameterError, match="top"):
        rows(corpus_store, "central-actors", top=0)


def test_omission_matrix_is_complete_and_agrees_with_the_graph(corpus_store):
    cells = rows(corpus_store, "omission-matrix", top=4)
    stories = {r["story"] for r in cells}
    concepts = {r["concept"] for r in cells}
    assert len(concepts) == 4 and len(cells) == len(stories) * len(concepts)
    omits = {(r["s"], r["c"]) for r in corpus_store.query(
        "MATCH (s:Story)-[:OMITS]->(c:Concept) RETURN s.title AS s, c.name AS c").rows}
    for r in cells:
        assert r["status"] in ("omits", "covers", "neither")
        assert (r["status"] == "omits") == ((r["story"], r["concept"]) in omits)
    counts = {r["concept"]: r["omitted_by"] for r in cells}
    assert sorted(counts.values(), reverse=True) == [counts[c] for c in dict.fromkeys(r["concept"] for r in cells)]
    filled = rows(corpus_store, "omission-matrix", top=4, neither=False)
    assert filled and all(r["status"] != "neither" for r in filled)


def test_contrastive_omissions_are_not_in_the_story(corpus_store):
    story = corpus_store.query(
        "MATCH (s:Story)-[:MENTIONS]->(e)<-[:MENTIONS]-(o:Story) WHERE o.id <> s.id "
        "RETURN s.id AS id, count(DISTINCT e) AS n ORDER BY n DESC, id LIMIT 1").rows[0]["id"]
    found = rows(corpus_store, "contrastive-omissions", story=story, min_support=1)
    assert found
    own = {r["n"] for r in corpus_store.query(
        "MATCH (s:Story {id: $id})-[]->(x) RETURN x.name AS n", {"id": story}).rows}
    for r in found:
        assert r["item"] not in own and r["support"] == len(r["mentioned_by"]) >= 1
        assert r["evidence"] and r["score"] > 0
    assert [(-r["support"], -r["score"]) for r in found] == sorted((-r["support"], -r["score"]) for r in found)
    with pytest.raises(ParameterError, match="matches"):
        rows(corpus_store, "contrastive-omissions", story="the")


def test_explain_names_the_python_step():
    q = get_query("central-actors")
    text = q.explain("kuzu", q.bind({}))
    assert "analytics.centrality" in text and "MATCH" in text and "'top': 20" in text
