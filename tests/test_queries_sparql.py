"""The SPARQL versions of the named queries give the same answers as the Cypher versions, on the
same corpus (the bundled example stories plus the sample story), with every parameter value tried."""

import pytest

from powerlens.queries import SPARQL, QueryNotFound, get_query, load_queries
from powerlens.workspace import Workspace

CASES = [
    ("who-controls-metrics", {}),
    ("who-controls-metrics", {"background": "false"}),
    ("recurring-omissions", {}),
    ("recurring-omissions", {"min_stories": "1"}),
    ("recurring-omissions", {"min_stories": "3"}),
]


def _norm(rows):
    return [{k: sorted(v) if isinstance(v, list) else v for k, v in r.items()} for r in rows]


@pytest.fixture
def corpus_rdf(corpus_workspace):
    store = Workspace(corpus_workspace).open_rdf()
    yield store
    store.close()


@pytest.mark.parametrize(("name", "params"), CASES)
def test_sparql_and_cypher_agree(corpus_store, corpus_rdf, name, params):
    q = get_query(name)
    bound = q.bind(params)
    cypher = _norm(corpus_store.query(q.cypher_for(corpus_store.dialect), bound).rows)
    sparql = _norm(q.shape(corpus_rdf.query(q.text_for(SPARQL), bound).rows, SPARQL))
    assert cypher, "the corpus must give rows, or the comparison proves nothing"
    assert sparql == cypher


def test_core_queries_ship_as_sparql():
    qs = load_queries()
    assert {n for n, q in qs.items() if SPARQL in q.variants} >= {"who-controls-metrics", "recurring-omissions"}
    with pytest.raises(QueryNotFound, match="no SPARQL version"):
        qs["omission-coverage"].text_for(SPARQL)
