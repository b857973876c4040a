"""A real Neo4j for the tests marked ``neo4j``.

The session fixture ``neo4j_server`` runs ``scripts/neo4j-test-server start`` (Neo4j Community
5.26 from Maven Central jars, loopback only, auth off; the jars are cached under ~/.cache) and
stops it when the session ends. Set ``NEO4J_TEST_URI`` (and ``NEO4J_TEST_USERNAME`` /
``NEO4J_TEST_PASSWORD`` if it needs them) to use a server of your own instead: every test wipes
its database, so give it a throwaway one. Without java or mvn the Neo4j tests are skipped, except
in CI (``CI`` set), where that is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "neo4j-test-server"
#: Environment that would point a command at a developer's own store; removed for every test.
STORE_ENV = ("POWERLENS_STORE", "NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE")


@dataclass(frozen=True)
class Neo4jServer:
    uri: str
    user: str | None = None
    password: str | None = None

    def options(self) -> dict[str, str]:
        """Keyword arguments for ``open_store("neo4j", ...)``."""
        return {k: v for k, v in {"uri": self.uri, "user": self.user, "password": self.password}.items() if v}

    def cli_args(self) -> list[str]:
        """Global command-line options that select this server."""
        args = ["--store", "neo4j", "--neo4j-uri", self.uri]
        if self.user:
            args += ["--neo4j-user", self.user]
        if self.password:
            args += ["--neo4j-password", self.password]
        return args

    def driver(self):
        import neo4j

        auth = (self.user or "neo4j", self.password) if self.password else None
        return neo4j.GraphDatabase.driver(self.uri, auth=auth, notifications_min_severity="OFF")


def _need_tools() -> None:
    missing = [tool for tool in ("java", "mvn")
               if not shutil.which(tool) and not (tool == "java" and os.environ.get("JAVA_HOME"))]
    if missing:
        msg = (f"the Neo4j tests need {' and '.join(missing)} (scripts/neo4j-test-server fetches Neo4j "
               "with Maven and runs it on Java 17); set NEO4J_TEST_URI to use a server of your own")
        if os.environ.get("CI"):
            pytest.fail(msg, pytrace=False)
        pytest.skip(msg)


def start_server(state_dir: Path, *extra: str) -> str:
    """Start a throwaway server and return its Bolt URI (fails the test session with the log)."""
    _need_tools()
    out = subprocess.run([sys.executable, str(SCRIPT), "start", "--state-dir", str(state_dir),
                          "--max-lifetime", "3600", *extra],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=900)
    if out.returncode != 0 or not out.stdout.strip().startswith("bolt://"):
        pytest.fail(f"scripts/neo4j-test-server start failed (exit {out.returncode}):\n{out.stderr[-4000:]}",
                    pytrace=False)
    return out.stdout.strip()


def stop_server(state_dir: Path) -> None:
    subprocess.run([sys.executable, str(SCRIPT), "stop", "--state-dir", str(state_dir)],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory):
    """The session's Neo4j server (NEO4J_TEST_URI, or a test server started here)."""
    uri = os.environ.get("NEO4J_TEST_URI")
    if uri:
        yield Neo4jServer(uri, os.environ.get("NEO4J_TEST_USERNAME"), os.environ.get("NEO4J_TEST_PASSWORD"))
        return
    state = tmp_path_factory.mktemp("neo4j-server")
    uri = start_server(state)
    try:
        yield Neo4jServer(uri)
    finally:
        stop_server(state)


@pytest.fixture
def neo4j_db(neo4j_server) -> Neo4jServer:
    """The Neo4j server with an empty database for this test."""
    with neo4j_server.driver() as driver, driver.session() as session:
        # in batches, relationships first: a big leftover graph must not exceed the transaction memory
        session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS").consume()
        session.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 20000 ROWS").consume()
    return neo4j_server


@pytest.fixture(scope="module")
def neo4j_auth_server(tmp_path_factory):
    """A second test server with authentication on (user neo4j, initial password unusable)."""
    state = tmp_path_factory.mktemp("neo4j-auth-server")
    uri = start_server(state, "--auth", "--heap", "256m")
    try:
        yield uri
    finally:
        stop_server(state)


@pytest.fixture(autouse=True)
def _no_store_from_environment(monkeypatch):
    """Tests never talk to a store the developer configured in the environment."""
    for name in STORE_ENV:
        monkeypatch.delenv(name, raising=False)
