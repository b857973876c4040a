"""docs/queries.md is generated from the query files and never drifts from them."""

from pathlib import Path

from powerlens.queries import load_queries
from powerlens.queries.docs import build

DOCS = Path(__file__).resolve().parents[2] / "docs" / "queries.md"
README = Path(__file__).resolve().parents[2] / "README.md"


def test_queries_page_is_current():
    assert DOCS.read_text(encoding="utf-8") == build(), (
        "docs/queries.md is stale: run `python -m powerlens.queries.docs -o docs/queries.md` and commit it")


def test_every_named_query_has_an_example_and_a_section():
    page = DOCS.read_text(encoding="utf-8")
    for name, q in load_queries().items():
        assert f"## {name}\n" in page and f"powerlens ask {name}" in page, name
        assert q.examples, f"{name} declares no [[examples]] in its header"
    assert "docs/queries.md" in README.read_text(encoding="utf-8")
