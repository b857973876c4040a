"""Second RDF implementations for the tests: pyoxigraph's parsers, and Apache Jena's `riot
--validate` run by scripts/jena-riot (jars from Maven Central, Java 17). Without java or mvn the
Jena checks are skipped locally; in CI (``CI`` set) that is a failure."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
RIOT = REPO / "scripts" / "jena-riot"


def need_jena() -> None:
    missing = [t for t in ("java", "mvn") if not shutil.which(t) and not (t == "java" and os.environ.get("JAVA_HOME"))]
    if missing:
        msg = f"the Jena checks need {' and '.join(missing)} (scripts/jena-riot fetches Jena with Maven, runs it on Java 17)"
        if os.environ.get("CI"):
            pytest.fail(msg, pytrace=False)
        pytest.skip(msg)


def riot_validate(*files: Path) -> subprocess.CompletedProcess:
    need_jena()
    return subprocess.run([sys.executable, str(RIOT), "--validate", "--strict", *map(str, files)],
                          capture_output=True, text=True, timeout=600)


def oxigraph_parse(path: Path, fmt: str) -> int:
    """How many triples or quads pyoxigraph reads from ``path`` (raises on invalid RDF)."""
    import pyoxigraph as ox

    formats = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS,
               "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD}
    return sum(1 for _ in ox.parse(path=str(path), format=formats[fmt]))
