"""On stories written after the queries were (the held-out gold split), the omission and conflict
queries come out with evidence. Nothing in the queries was tuned to these stories."""

from __future__ import annotations

from pathlib import Path

import pytest

from powerlens.graph import open_store
from powerlens.ingest.pipeline import ingest_paths
from powerlens.queries import get_query

HELDOUT = Path(__file__).resolve().parents[1] / "fixtures" / "gold" / "heldout"


@pytest.fixture(scope="module")
def heldout_store(tmp_path_factory):
    store = open_store("embedded", path=tmp_path_factory.mktemp("heldout") / "graph.lbug")
    report = ingest_paths(store, [HELDOUT])
    assert not report.failed and len(report.results) >= 10
    yield store
    store.close()


def test_recurring_blind_spots(heldout_store):
    rows = get_query("recurring-omissions").run(heldout_store).rows
    assert rows
    for r in rows:
        assert r["story_count"] >= 2 and len(r["stories"]) == r["story_count"] and r["evidence"] and r["items"]


def test_omission_cross_references(heldout_store):
    story = heldout_store.query("MATCH (s:Story)-[:OMITS]->(c:Concept)<-[:OMITS]-(o:Story) WHERE o.id <> s.id "
                                "RETURN s.id AS id ORDER BY id LIMIT 1").rows[0]["id"]
    rows = get_query("omission-coverage").run(heldout_store, {"story": story}).rows
    assert rows and all(r["evidence"] and r["items"] for r in rows)
    assert any(r["omitted_by"] for r in rows)
    cells = get_query("omission-matrix").run(heldout_store, {"neither": "false"}).rows
    assert any(c["status"] == "omits" and c["evidence"] for c in cells)


def test_conflicts_of_interest_with_evidence(heldout_store):
    rows = get_query("conflicts-of-interest").run(heldout_store).rows
    assert rows
    for r in rows:
        assert r["stories"] and r["evidence"] and r["pattern"] and r["actor"] in r["detail"]
