"""The offline browser view, tested without a browser: escaping and evidence."""

import json
import re

from powerlens.ingest.readers import read_text
from powerlens.view import render
from powerlens.workspace import Workspace

HOSTILE = """<script>alert(1)</script> story

Summary: coverage frames the deal as a 'win <img src=x onerror=alert(2)>' for everyone.

⚡ Power-Knowledge Audit

The narrative is produced by the <b>Evil</b> Daily Post and amplified by Acme Holdings. It serves the interests of Acme Holdings.
"""


def test_view_escapes_story_text_and_carries_evidence(tmp_path, extractor):
    store = Workspace(tmp_path / "ws").open()
    try:
        doc = read_text(HOSTILE)
        g = extractor.extract(doc, story_id="hostile", source="h.txt", content_hash="h")
        store.write_story(g)
        page = render(store)
    finally:
        store.close()
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page
    m = re.search(r"const EDGES = (.*);\n", page)
    edges = json.loads(m.group(1))
    assert any(e["type"] == "PRODUCED" and e["evidence"][0]["sentence"].startswith("The narrative is produced") for e in edges)
    assert "https://" not in page
