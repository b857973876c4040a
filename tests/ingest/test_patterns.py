"""The relation patterns of the rule-based extractor, one construction per case, on invented
sentences (names made up so that no gazetteer entry helps)."""

import pytest

from powerlens.ingest.extract import Extractor
from powerlens.ingest.readers import read_text

CASES = [
    # (sentence, relation type, source name, target name)
    ("The Harbor Index, which is published by Quillon Holdings, is cited everywhere.", "CONTROLS", "Quillon Holdings", "Harbor Index"),
    ("Quillon Holdings, the firm that runs the Harbor Index, declined to comment.", "CONTROLS", "Quillon Holdings", "Harbor Index"),
    ("The coverage quoted the Harbor Report, which Quillon Holdings publishes each year.", "CONTROLS", "Quillon Holdings", "Harbor Report"),
    ("Marlow Okonkwo, Quillon Holdings's chief executive, spoke first.", "CONTROLS", "Marlow Okonkwo", "Quillon Holdings"),
    ("Dana Okafor, the chair of Quillon Holdings, spoke first.", "CONTROLS", "Dana Okafor", "Quillon Holdings"),
    ("Quillon Holdings, whose chairman and chief executive is Dana Okafor, grew fast.", "CONTROLS", "Dana Okafor", "Quillon Holdings"),
    ("Tarn Media and Vesk Capital, the two largest investors, which jointly own Quillon Holdings, said nothing.", "OWNS", "Vesk Capital", "Quillon Holdings"),
    ("Tarn Media and Vesk Capital, the two largest investors, which jointly own Quillon Holdings, said nothing.", "OWNS", "Tarn Media", "Quillon Holdings"),
    ("The Harbor Index is compiled by Orlen Analytics and sponsored first by Tarn Media and later by Vesk Capital.", "FUNDS", "Vesk Capital", "Harbor Index"),
    ("Orlen Analytics, the developer of the Harbor Index, was not named.", "CONTROLS", "Orlen Analytics", "Harbor Index"),
    ("The Daily Ledger, which was bought in 2021 by Tarn Media, led the coverage.", "OWNS", "Tarn Media", "Daily Ledger"),
    ("The 'green growth' narrative was produced by the Daily Ledger and amplified by Orlen Analytics, the industry lobby, and by Vesk Capital.", "AMPLIFIES", "Vesk Capital", "green growth"),
    ("The framing serves Tarn Media, Vesk Capital and Quillon Holdings.", "SERVES_INTERESTS_OF", "green growth", "Quillon Holdings"),
    ("It treats the Harbor Index as an objective measure.", "LEGITIMIZES", "green growth", "Harbor Index"),
    ("The Kestrel Workers Union is left out altogether.", "EXCLUDES", "green growth", "Kestrel Workers Union"),
    ("The present coverage recalls the Marrow Bank crash of 1987.", "PARALLELS", "story", "Marrow Bank crash"),
    ("It was repeated by Tarn Media, Quillon Holdings's parent company, at every turn.", "OWNS", "Tarn Media", "Quillon Holdings"),
    ("It serves Tarn Media, whose chief executive Dana Okafor argued the case.", "CONTROLS", "Dana Okafor", "Tarn Media"),
    ("The Harbor Report, which Quillon Holdings publishes, is quoted everywhere.", "CONTROLS", "Quillon Holdings", "Harbor Report"),
]

PREFIX = "A title for the tests\n\nThe 'green growth' narrative runs through the coverage. "


@pytest.fixture(scope="module")
def ex():
    return Extractor()


@pytest.mark.parametrize("sentence,rtype,source,target", CASES)
def test_pattern(ex, sentence, rtype, source, target):
    doc = read_text(PREFIX + sentence + "\n", name="t.txt")
    g = ex.extract(doc, story_id="t", source="t", content_hash="h")

    def name(key):
        return "story" if key[0] == "Story" else g.entities[key].name

    found = {(r.type, name(r.source), name(r.target)) for r in g.relations}
    assert (rtype, source, target) in found, sorted(x for x in found if x[0] not in ("MENTIONS", "FRAMES"))
    for r in g.relations:  # every relation cites its sentence
        assert g.story["text"][r.evidence.start : r.evidence.end] in (r.evidence.sentence or "")
