"""The RDF store (Oxigraph through rdflib): the same graph as the graph store, story graphs
replaced as one unit, repair after a crash between the two writes, the mapping, exports read back
by a second implementation, and SHACL validation that passes and that catches what it should."""

import json

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SKOS

from powerlens.graph import StoreError, open_store
from powerlens.graph.export import RDF_FORMATS, export_graph, export_rdf
from powerlens.graph.rdf import RdfStore
from powerlens.graph.shapes import shapes_graph, validate, validate_store
from powerlens.graph.sparql import bind
from powerlens.ingest.pipeline import ingest_paths
from powerlens.ontology.loader import ONTOLOGY_DIR
from powerlens.workspace import Workspace
from rdf_tools import oxigraph_parse, riot_validate

PL = Namespace("https://w3id.org/powerlens/ns#")
COGNIO = Namespace("https://cognionews.com/vocab/acst#")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")


@pytest.fixture
def corpus_rdf(corpus_workspace):
    store = Workspace(corpus_workspace).open_rdf()
    yield store
    store.close()


@pytest.fixture(scope="module")
def union(corpus_workspace):
    store = Workspace(corpus_workspace).open_rdf()
    try:
        return store.union_graph()
    finally:
        store.close()


def test_rdf_store_holds_the_same_graph_as_the_graph_store(corpus_store, corpus_rdf):
    assert corpus_rdf.counts() == corpus_store.counts()
    assert set(corpus_rdf.story_states()) == {r["id"] for r in corpus_store.query("MATCH (s:Story) RETURN s.id AS id").rows}


def test_story_mapping(union, corpus_store):
    story = URIRef("https://w3id.org/powerlens/id/story/000-23b284ff81e4c257")
    for t in (COGNIO.Review, SCHEMA.Review, PL.Story):
        assert (story, RDF.type, t) in union
    item = union.value(story, SCHEMA.itemReviewed)
    assert item is not None and (item, RDF.type, SCHEMA.CreativeWork) in union
    assert union.value(story, COGNIO.whatsMissing) and union.value(story, COGNIO.synthesis)
    text = str(union.value(story, SCHEMA.text))
    facts = list(union.subjects(PROV.wasDerivedFrom, story))
    assert len(facts) > 50
    for a in facts:
        assert (a, RDF.type, PL.StoryAssertion) in union
        s, p, o = (union.value(a, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        assert (s, p, o) in union, "every assertion reifies a direct triple"
        start, end = int(union.value(a, PL.evStart)), int(union.value(a, PL.evEnd))
        assert text[start:end] in str(union.value(a, PL.evSentence))
        assert 0 <= float(union.value(a, PL.evConfidence)) <= 1
    # omission concepts are SKOS concepts of the scheme
    omitted = {union.value(a, RDF.object) for a in facts if union.value(a, RDF.predicate) == PL.OMITS}
    assert omitted and all((c, RDF.type, SKOS.Concept) in union for c in omitted)
    assert any((c, SKOS.inScheme, PL.OmissionTopics) in union for c in omitted)
    # schema.org types by kind
    outlet = next(iter(union.subjects(SCHEMA.name, Literal("South China Morning Post"))))
    assert (outlet, RDF.type, SCHEMA.NewsMediaOrganization) in union and (outlet, RDF.type, PL.MediaOutlet) in union


def test_background_facts_stay_distinguishable(union):
    bg = list(union.subjects(RDF.type, PL.BackgroundAssertion))
    assert bg
    for a in bg:
        src = union.value(a, PROV.wasDerivedFrom)
        assert (src, RDF.type, PL.Source) in union and (src, RDF.type, PL.Story) not in union
        assert union.value(a, URIRef("http://purl.org/dc/terms/bibliographicCitation"))
        assert union.value(a, PL.evStart) is None


def _graph(sample_graph, **story):
    import copy

    g = copy.deepcopy(sample_graph)
    g.story.update(story)
    return g


def test_story_graph_is_replaced_as_one_unit(tmp_path, sample_graph, extractor):
    store = RdfStore(tmp_path / "rdf")
    try:
        store.write_story(sample_graph)
        before = len(store)
        store.write_story(sample_graph)
        assert len(store) == before, "writing the same graph twice leaves the same store"
        smaller = _graph(sample_graph)
        smaller.relations = [r for r in smaller.relations if r.type != "PARALLELS"]
        store.write_story(smaller)
        assert store.counts()["relationships"]["PARALLELS"] == 0
        assert store.counts()["nodes"]["Precedent"] < 6 or all(
            r.type != "MENTIONS" or r.target[0] != "Precedent" for r in smaller.relations)

        class FailingAtTheEnd(RdfStore):  # the real Oxigraph refuses the last operation of the update
            def _update(self, text):
                super()._update(text + " ;\nDROP GRAPH <urn:powerlens:test:no-such-graph>")

        store.close()
        failing = FailingAtTheEnd(tmp_path / "rdf")
        try:
            kept = failing.counts()
            with pytest.raises(StoreError):
                failing.write_story(sample_graph)
            assert failing.counts() == kept, "a failed update leaves the previous version whole"
            with pytest.raises(StoreError):
                failing.remove_story(sample_graph.id)
            assert failing.story_state(sample_graph.id) is not None
        finally:
            failing.close()
        store = RdfStore(tmp_path / "rdf")
        assert store.remove_story(sample_graph.id) and len(store) == 0
    finally:
        store.close()


def test_interrupted_write_is_repaired_on_the_next_open(tmp_path, examples_dir, sample_graph):
    ws = Workspace(tmp_path / "ws")
    store = ws.open()
    try:
        ingest_paths(store, [examples_dir])
    finally:
        store.close()
    # a crash after the graph store's commit and before the RDF update: only the primary has the story
    primary = open_store("embedded", path=ws.graph_path)
    try:
        primary.write_story(sample_graph)
        primary.remove_story("finance-esg-ratings")
    finally:
        primary.close()
    rdf = ws.open_rdf(read_only=False)
    try:
        rdf.write_story(_graph(sample_graph, id="only-in-rdf"))
        ghost = _graph(sample_graph)
        ghost.story["content_hash"] = "stale"
        assert rdf.story_state(sample_graph.id) is None
    finally:
        rdf.close()
    store = ws.open()  # a rerun (any ingest) opens the workspace for writing: the RDF store catches up
    try:
        states = store.mirrors[0].story_states()
        assert set(states) == set(store.primary_states()) and "only-in-rdf" not in states
        assert states[sample_graph.id] == store.primary_states()[sample_graph.id]
        assert store.mirrors[0].counts() == store.counts()
        assert store.stale() == {"RdfStore": 0}
    finally:
        store.close()


def test_writer_excludes_readers(tmp_path):
    from powerlens.graph import WorkspaceLocked

    w = RdfStore(tmp_path / "rdf")
    try:
        with pytest.raises(WorkspaceLocked, match="open for writing"):
            RdfStore(tmp_path / "rdf", read_only=True)
    finally:
        w.close()
    r = RdfStore(tmp_path / "rdf", read_only=True)
    r2 = RdfStore(tmp_path / "rdf", read_only=True)
    r.close(), r2.close()


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_exports_are_read_by_pyoxigraph(corpus_rdf, tmp_path, fmt):
    path = tmp_path / f"corpus.{fmt}"
    with open(path, "wb") as out:
        n = export_rdf(corpus_rdf, fmt, out)
    assert n == len(corpus_rdf)
    assert oxigraph_parse(path, fmt) == n


def test_exports_validate_with_jena_riot(corpus_rdf, tmp_path):
    files = []
    for fmt in RDF_FORMATS:
        files.append(tmp_path / f"corpus.{fmt}")
        with open(files[-1], "wb") as out:
            export_rdf(corpus_rdf, fmt, out)
    out = riot_validate(*files)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "WARN" not in out.stderr and "ERROR" not in out.stderr, out.stderr
    bad = tmp_path / "bad.ttl"
    bad.write_text(files[0].read_text(encoding="utf-8").replace(" .\n", " ;\n", 1), encoding="utf-8")
    assert riot_validate(bad).returncode != 0, "riot must reject broken Turtle (the check can fail)"


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_exports(corpus_rdf, corpus_store, tmp_path, fmt):
    import networkx as nx

    path = tmp_path / f"corpus.{fmt}"
    nodes, edges = export_graph(corpus_rdf, fmt, path)
    g = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(path)
    counts = corpus_store.counts()
    assert g.number_of_nodes() == nodes == sum(counts["nodes"].values())
    assert g.number_of_edges() == edges == sum(counts["relationships"].values())
    attrs = [d for _, _, d in g.edges(data=True) if d.get("label") == "LEGITIMIZES"]
    assert attrs and all(d.get("sentence") and "start" in d for d in attrs)


def test_exported_corpus_conforms_to_the_shapes(corpus_rdf):
    conforms, violations, n = validate_store(corpus_rdf)
    assert conforms, [v.as_dict() for v in violations[:5]]
    assert n > 5000


def test_shapes_catch_what_is_wrong(union):
    g = Graph()
    for t in union:
        g.add(t)
    a = next(iter(g.subjects(RDF.type, PL.StoryAssertion)))
    g.remove((a, PL.evSentence, None))
    g.set((a, PL.evConfidence, Literal(1.5)))
    actor = next(iter(g.subjects(RDF.type, PL.Actor)))
    g.set((actor, PL.kind, Literal("Wizard")))
    story = next(iter(g.subjects(RDF.type, PL.Story)))
    metric = next(iter(g.subjects(RDF.type, PL.Metric)))
    g.add((story, PL.CONTROLS, metric))  # a Story cannot control anything
    conforms, violations, _ = validate(g)
    assert not conforms
    found = {(v.focus, v.path) for v in violations}
    assert (str(a), str(PL.evSentence)) in found
    assert (str(a), str(PL.evConfidence)) in found
    assert (str(actor), str(PL.kind)) in found
    assert any(v.focus == str(story) for v in violations)


def test_shapes_file_is_what_the_ontology_gives():
    published = Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")
    assert isomorphic(published, shapes_graph()), \
        "ontology/shapes.ttl is stale: python -m powerlens.graph.shapes > ontology/shapes.ttl"


def test_parameters_are_bound_as_inline_data():
    q = 'PREFIX ex: <http://ex/#x> SELECT ?a (CONCAT("{", ?b) AS ?c) # { a comment\nWHERE { ?a ?p $b FILTER(1 < 2) } ORDER BY ?a'
    bound = bind(q, {"b": 'say "}" {', "unused": 1})
    assert bound.startswith(q[:q.index("WHERE")]) and "VALUES (?b)" in bound and "unused" not in bound
    import pyoxigraph as ox

    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://ex/a"), ox.NamedNode("http://ex/p"), ox.Literal('say "}" {')))
    rows = list(store.query(bound))
    assert len(rows) == 1 and rows[0]["c"].value == '{say "}" {'
    c = bind("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(?o = $v) }", {"v": 3})
    assert c.index("VALUES") > c.index("WHERE")
    assert json.dumps(bind("SELECT * WHERE { ?s ?p ?o }", {}))
