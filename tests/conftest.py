"""Shared fixtures: the sample story from ../shared/seeds, the bundled example stories, and
workspaces built from them with the real embedded store."""

from __future__ import annotations

from pathlib import Path

import pytest

from powerlens.ingest.extract import Extractor
from powerlens.ingest.pipeline import ingest_paths
from powerlens.ingest.readers import read_path
from powerlens.workspace import Workspace

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
SAMPLE = SEEDS / "000_23b284ff81e4c257.txt"
from helpers import EXAMPLES
from neo4j_server import (  # noqa: F401  (fixtures for the tests marked neo4j)
    _no_store_from_environment,
    neo4j_auth_server,
    neo4j_db,
    neo4j_server,
)


@pytest.fixture(scope="session")
def sample_path() -> Path:
    assert SAMPLE.exists(), f"the sample story is expected at {SAMPLE} (shared/ beside the repo)"
    return SAMPLE


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def sample_graph(sample_path, extractor):
    doc, raw = read_path(sample_path)
    return extractor.extract(doc, story_id="sample", source=str(sample_path), content_hash="x")


@pytest.fixture(scope="session")
def corpus_workspace(tmp_path_factory, sample_path, examples_dir) -> Path:
    """A workspace holding the sample and every example story (built once per session)."""
    path = tmp_path_factory.mktemp("corpus") / "ws"
    store = Workspace(path).open()
    try:
        report = ingest_paths(store, [examples_dir, sample_path])
    finally:
        store.close()
    assert not report.failed, [r.error for r in report.failed]
    return path


@pytest.fixture
def corpus_store(corpus_workspace):
    store = Workspace(corpus_workspace).open(read_only=True)
    yield store
    store.close()


@pytest.fixture
def workspace(tmp_path) -> Path:
    return tmp_path / "ws"


