"""The embedded store: atomic story writes, idempotent re-ingest, replacement, removal, locking."""

import subprocess
import sys
import textwrap

import pytest

from powerlens.graph import StoreError, WorkspaceLocked
from powerlens.ingest.pipeline import ADDED, UNCHANGED, UPDATED, ingest_paths
from powerlens.model import Evidence, Relation
from powerlens.workspace import Workspace


def _counts(store):
    c = store.counts()
    return c["nodes"], c["relationships"]


def test_reingest_unchanged_is_a_noop(workspace, examples_dir):
    store = Workspace(workspace).open()
    try:
        first = ingest_paths(store, [examples_dir])
        assert {r.status for r in first.results} == {ADDED}
        before = _counts(store)
        second = ingest_paths(store, [examples_dir])
        assert {r.status for r in second.results} == {UNCHANGED}
        assert _counts(store) == before
        forced = ingest_paths(store, [examples_dir], force=True)
        assert {r.status for r in forced.results} == {UPDATED}
        assert _counts(store) == before, "re-extracting the same files must give the same graph"
    finally:
        store.close()


def test_changed_story_is_replaced(workspace, tmp_path, sample_path):
    story = tmp_path / "story.txt"
    text = sample_path.read_text(encoding="utf-8")
    story.write_text(text, encoding="utf-8")
    store = Workspace(workspace).open()
    try:
        ingest_paths(store, [story])
        assert store.query("MATCH (m:Metric {id: 'seedance'})<-[r:LEGITIMIZES]-() RETURN count(r) AS n").rows[0]["n"] == 1
        story.write_text(text.replace("(like Seedance)", "(like the Acme Leaderboard)").replace(
            "benchmarks like Seedance", "benchmarks like the Acme Leaderboard"), encoding="utf-8")
        report = ingest_paths(store, [story])
        assert report.results[0].status == UPDATED
        rows = store.query("MATCH (f:Framing)-[r:LEGITIMIZES]->(m:Metric) WHERE r.story = 'story' RETURN m.name AS m").rows
        assert {r["m"] for r in rows} == {"Acme Leaderboard"}
        # the old story-only metric is gone; Seedance survives only through the background fact
        rows = store.query("MATCH (m:Metric {id: 'seedance'})<-[r]-() RETURN r.story AS s").rows
        assert all(r["s"] is None for r in rows)
        n_stories = store.query("MATCH (s:Story) RETURN count(s) AS n").rows[0]["n"]
        assert n_stories == 1
    finally:
        store.close()


def test_failed_write_leaves_nothing_of_the_story(workspace, sample_graph):
    store = Workspace(workspace).open()
    try:
        before = _counts(store)
        bad = sample_graph
        broken = Relation("MIRRORS", ("Actor", "bytedance"), ("Actor", "alibaba-group"),
                          Evidence("sample", "x", 0, 1, 0.5, "test"))
        bad.relations.append(broken)
        try:
            with pytest.raises(StoreError):
                store.write_story(bad)
        finally:
            bad.relations.remove(broken)
        assert _counts(store) == before
        store.write_story(sample_graph)
        assert store.story_state("sample") is not None
    finally:
        store.close()


def test_remove_story_removes_entities_only_it_supported(workspace, sample_graph):
    store = Workspace(workspace).open()
    try:
        store.write_story(sample_graph)
        assert store.query("MATCH (p:Precedent) RETURN count(p) AS n").rows[0]["n"] > 0
        assert store.remove_story("sample")
        assert store.query("MATCH (s:Story) RETURN count(s) AS n").rows[0]["n"] == 0
        assert store.query("MATCH (p:Precedent) RETURN count(p) AS n").rows[0]["n"] == 0
        assert store.query("MATCH ()-[r]->() WHERE r.story = 'sample' RETURN count(r) AS n").rows[0]["n"] == 0
        assert not store.remove_story("sample")
    finally:
        store.close()


def test_second_writer_is_refused_with_a_clear_message(workspace):
    store = Workspace(workspace).open()
    try:
        code = textwrap.dedent(f"""
            from powerlens.workspace import Workspace
            from powerlens.graph import WorkspaceLocked
            try:
                Workspace({str(workspace)!r}).open()
            except WorkspaceLocked as exc:
                print("LOCKED", exc)
        """)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
        assert "LOCKED" in out.stdout, out.stderr
        assert "open for writing" in out.stdout
    finally:
        store.close()


def test_read_only_open_of_missing_workspace_says_what_to_do(tmp_path):
    with pytest.raises(StoreError, match="powerlens ingest"):
        Workspace(tmp_path / "nothing").open(read_only=True)


def test_workspace_lock_error_type():
    assert issubclass(WorkspaceLocked, StoreError)
