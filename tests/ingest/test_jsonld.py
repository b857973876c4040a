"""CognioNews JSON-LD input: a .jsonld review, an HTML page with embedded ld+json and its visible
text, unknown lens IRIs, and clear per-file errors for malformed JSON-LD and truncated HTML."""

from pathlib import Path

import pytest

from helpers import run_cli
from powerlens.ingest.pipeline import ADDED, FAILED, UPDATED, ingest_paths, reextract
from powerlens.ingest.readers import ReaderError, read_bytes, read_path
from powerlens.workspace import Workspace

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "jsonld"
REVIEW, PAGE = FIXTURES / "review-fisheries.jsonld", FIXTURES / "page-water-tariffs.html"


def _rows(store, cypher, **params):
    return store.query(cypher, params).rows


@pytest.fixture
def ws(tmp_path):
    return Workspace(tmp_path / "ws")


def test_jsonld_review_becomes_lens_readings_and_review_properties(ws):
    store = ws.open()
    try:
        report = ingest_paths(store, [REVIEW])
        assert [r.status for r in report.results] == [ADDED]
        assert any("TidalCommons" in w for w in report.results[0].warnings), "an unknown lens is reported"
        story = _rows(store, "MATCH (s:Story) RETURN s.format AS f, s.cmr_score AS c, s.cmr_scale AS k, "
                             "s.reviewed_url AS u, s.reviewed_headline AS h, s.reviewed_publisher AS p, s.url AS id, "
                             "s.text AS text, s.whats_missing AS m, s.title AS title")[0]
        assert story["f"] == "cognionews-jsonld" and story["c"] == 6 and story["k"] == 7
        assert story["u"] == "https://news.example.com/quota-auction" and story["p"] == "Harbour Business Weekly"
        assert story["h"].startswith("Quota auction") and story["id"].endswith("fisheries-quota-review")
        assert story["title"].startswith("A trade paper cheers") and "small-scale fishers" in story["m"]
        reads = _rows(store, "MATCH (s:Story)-[r:READ_THROUGH]->(l:Lens) RETURN l.name AS lens, l.iri AS iri, "
                             "l.review AS review, r.score AS score, r.text AS text, r.start AS a, r.`end` AS b ORDER BY lens")
        assert [r["lens"] for r in reads] == ["Future Modelling", "Historical Parallels", "Indigenous Knowledge", "Tidal Commons"]
        by = {r["lens"]: r for r in reads}
        assert by["Tidal Commons"]["review"] is True and by["Tidal Commons"]["iri"].endswith("#TidalCommons")
        assert by["Historical Parallels"]["review"] is False and by["Historical Parallels"]["score"] == 0.8
        assert by["Future Modelling"]["score"] is None
        for r in reads:
            assert r["text"] in story["text"][r["a"]:r["b"]], "evidence offsets point at the reading in Story.text"
        # the review's prose went through the text extractor: omissions from cognio:whatsMissing
        omitted = {r["c"] for r in _rows(store, "MATCH (:Story)-[:OMITS]->(c:Concept) RETURN c.name AS c")}
        assert "Historical precedents" in omitted and "Environmental footprint" in omitted
        # the RDF store has them as ACST lens readings
        rdf = store.mirrors[0]
        rows = rdf.query("SELECT ?lens ?score WHERE { ?r a cognio:LensReading ; cognio:lensType ?lens . "
                         "OPTIONAL { ?r cognio:score ?score } ?s cognio:lensAnalysis ?r }").rows
        assert len(rows) == 4 and any(r["lens"].endswith("#TidalCommons") for r in rows)
        # re-extraction from the stored text keeps what only the JSON-LD said
        report = reextract(store, ws.extractor(), force=True)
        assert [r.status for r in report.results] == [UPDATED]
        assert len(_rows(store, "MATCH (:Story)-[r:READ_THROUGH]->() RETURN r.score AS s")) == 4
        assert _rows(store, "MATCH (s:Story) RETURN s.cmr_scale AS k, s.format AS f")[0] == {"k": 7, "f": "cognionews-jsonld"}
    finally:
        store.close()


def test_html_page_with_embedded_jsonld_and_visible_text():
    doc, _ = read_path(PAGE)
    assert doc.format == "cognionews-html"
    assert doc.title.startswith("A city daily calls")
    assert {s.kind for s in doc.sections} >= {"summary", "audit", "dimensions", "missing", "synthesis"}
    assert "body { font-family" not in doc.text and "@context" not in doc.text, "scripts and styles are not text"
    dims = doc.section("dimensions")
    assert "Leakage figures" in doc.text[dims.start:dims.end], "the lens readings go into Analysis Dimensions"
    assert doc.review.cmr_score == 7.5 and doc.review.cmr_scale is None and doc.review.reviewed_publisher == "Riverside Courier"


def test_html_page_goes_through_the_text_extractor(ws):
    store = ws.open()
    try:
        ingest_paths(store, [PAGE])
        produced = _rows(store, "MATCH (a:Actor)-[r:PRODUCED]->(f:Framing) RETURN a.name AS a")
        assert any("Riverside Courier" in r["a"] for r in produced)
        assert len(_rows(store, "MATCH (:Story)-[r:READ_THROUGH]->() RETURN r.score AS s")) == 2
    finally:
        store.close()


def test_bad_files_fail_one_by_one_with_their_reason(ws, tmp_path):
    store = ws.open()
    try:
        report = ingest_paths(store, [FIXTURES])
    finally:
        store.close()
    by = {Path(r.path).name: r for r in report.results}
    assert by["malformed.jsonld"].status == FAILED and "not valid JSON" in by["malformed.jsonld"].error
    assert "line" in by["malformed.jsonld"].error
    assert by["truncated.html"].status == FAILED and "incomplete" in by["truncated.html"].error
    assert by["review-fisheries.jsonld"].status == ADDED and by["page-water-tariffs.html"].status == ADDED
    out = run_cli("ingest", "-q", "-w", str(tmp_path / "cli"), str(FIXTURES))
    assert out.returncode == 1
    assert "malformed.jsonld" in out.stderr and "truncated.html" in out.stderr and "2 added" in out.stderr


@pytest.mark.parametrize(("data", "message"), [
    (b'{"@context": "https://example.org/ctx.jsonld", "@type": "Review"}', "remote @context"),
    (b'{"@context": {"@vocab": "https://schema.org/"}, "@type": "Review", "name": "x"}', "no cognio:Review"),
    (b'[{"@context": {"c": "https://cognionews.com/vocab/acst#"}, "@type": "c:Review"},'
     b' {"@context": {"c": "https://cognionews.com/vocab/acst#"}, "@type": "c:Review"}]', "2 cognio:Review"),
])
def test_jsonld_problems_are_named(data, message):
    with pytest.raises(ReaderError, match=message):
        read_bytes(data, name="x.jsonld")
