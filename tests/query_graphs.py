"""Small story graphs written by hand, for queries whose patterns the example stories lack."""

from __future__ import annotations

from powerlens.model import Entity, Evidence, Relation, StoryGraph


def chain_story(story_id: str = "chain") -> StoryGraph:
    """Holding Co owns Daily Outlet, which controls Outlet Index; Daily Outlet produced the
    narrative "miracle market", which serves Holding Co and legitimizes Outlet Index; Holding Co
    funds Market Institute, which the narrative legitimizes too. A self-loop (Daily Outlet controls
    itself) must not make chains through it."""
    sentences = [
        "Holding Co owns the Daily Outlet.",
        "The Daily Outlet publishes the Outlet Index.",
        "The Daily Outlet produced the 'miracle market' narrative.",
        "The narrative serves the interests of Holding Co.",
        "It legitimizes the Outlet Index as neutral.",
        "Holding Co funds the Market Institute.",
        "It presents the Market Institute as independent.",
    ]
    text = " ".join(sentences)
    g = StoryGraph(story={"id": story_id, "name": "A chain of holdings", "title": "A chain of holdings", "text": text,
                          "source": f"/fixtures/{story_id}.txt", "content_hash": story_id * 4})
    for label, eid, name, props in [
        ("Actor", "holding-co", "Holding Co", {"kind": "Company"}),
        ("Actor", "daily-outlet", "Daily Outlet", {"kind": "MediaOutlet"}),
        ("Actor", "market-institute", "Market Institute", {"kind": "Organization"}),
        ("Metric", "outlet-index", "Outlet Index", {"kind": "Index"}),
        ("Framing", "miracle-market", "miracle market", {"dimension": "Economic"}),
    ]:
        g.add_entity(Entity(label, eid, name, props, {name}))

    def ev(i: int) -> Evidence:
        i = min(i, len(sentences) - 1)
        start = text.index(sentences[i])
        return Evidence(story_id, sentences[i], start, start + len(sentences[i]), 0.9, "fixture", "body")

    for i, (rtype, a, b) in enumerate([
        ("OWNS", ("Actor", "holding-co"), ("Actor", "daily-outlet")),
        ("CONTROLS", ("Actor", "daily-outlet"), ("Metric", "outlet-index")),
        ("PRODUCED", ("Actor", "daily-outlet"), ("Framing", "miracle-market")),
        ("SERVES_INTERESTS_OF", ("Framing", "miracle-market"), ("Actor", "holding-co")),
        ("LEGITIMIZES", ("Framing", "miracle-market"), ("Metric", "outlet-index")),
        ("FUNDS", ("Actor", "holding-co"), ("Actor", "market-institute")),
        ("LEGITIMIZES", ("Framing", "miracle-market"), ("Actor", "market-institute")),
        ("CONTROLS", ("Actor", "daily-outlet"), ("Actor", "daily-outlet")),  # a self-loop: extraction can make one
    ]):
        g.add_relation(Relation(rtype, a, b, ev(i)))
    for label, eid in [("Actor", "holding-co"), ("Actor", "daily-outlet"), ("Metric", "outlet-index"),
                       ("Framing", "miracle-market")]:
        g.add_relation(Relation("MENTIONS", ("Story", story_id), (label, eid), ev(0), {"count": 1}))
    return g


def background_owner() -> tuple[dict, list[Entity], list[Relation]]:
    """A background fact: Parent Group owns Holding Co (story = null, with a citation)."""
    source = {"id": "fixture-kb", "name": "Fixture facts", "source": "fixture.toml", "content_hash": "f" * 8}
    ents = [Entity("Actor", "parent-group", "Parent Group", {"kind": "Company"}, {"Parent Group"}),
            Entity("Actor", "holding-co", "Holding Co", {"kind": "Company"}, {"Holding Co"})]
    ev = Evidence(None, None, None, None, 1.0, "background", None, "fixture.toml", "Fixture register, entry 1.")
    return source, ents, [Relation("OWNS", ("Actor", "parent-group"), ("Actor", "holding-co"), ev)]


def write_chain(store) -> None:
    store.write_story(chain_story())
    store.write_background(*background_owner())
