"""A workspace: the folder holding one corpus's graph (``graph.lbug``) and its settings.

Resolution order for the folder: explicit argument, ``$POWERLENS_WORKSPACE``, ``./powerlens-data``.

The graph itself lives in the embedded store in that folder unless another store is chosen:
``open(store="neo4j", uri=...)``, or :func:`use_store` for every workspace opened afterwards in the
same context (the command line's ``--store``). A server store such as Neo4j keeps the graph on the
server; the folder then holds only the workspace's settings files.
"""

from __future__ import annotations

import json
import os
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from powerlens.graph import Store, StoreError, open_store, store_class
from powerlens.graph.schema import fingerprint
from powerlens.ontology import Ontology, load_ontology

DEFAULT_WORKSPACE = "powerlens-data"
GRAPH_FILE = "graph.lbug"
RDF_DIR = "rdf"
#: Stores kept in step with the graph store on every write, unless the workspace's state file
#: (powerlens.json) sets "mirrors" otherwise (e.g. "mirrors": [] to keep no RDF store).
DEFAULT_MIRRORS = ("rdf",)
STATE_FILE = "powerlens.json"
DECISIONS_FILE = "decisions.toml"
KB_DIR = "kb"


@dataclass(frozen=True)
class StoreChoice:
    """Which store workspaces open, and the connection options of each store by name."""

    name: str = "embedded"
    options: dict[str, dict[str, Any]] = field(default_factory=dict)


_STORE: ContextVar[StoreChoice] = ContextVar("powerlens_store", default=StoreChoice())


def use_store(name: str = "embedded", **options: dict[str, Any]) -> None:
    """Make workspaces opened from now on (in this context) use store ``name``.

    ``options`` maps a store name to its connection options, e.g.
    ``use_store("neo4j", neo4j={"uri": "neo4j+s://xxxx.databases.neo4j.io"})``.
    """
    if "cypher" not in store_class(name).capabilities:  # fails early on an unknown name too
        raise StoreError(f"the {name} store is kept beside the graph store, not instead of it; "
                         "choose embedded or neo4j")
    _STORE.set(StoreChoice(name, options))


def current_store() -> StoreChoice:
    return _STORE.get()


def resolve(path: str | Path | None = None) -> Path:
    return Path(path or os.environ.get("POWERLENS_WORKSPACE") or DEFAULT_WORKSPACE)


class Workspace:
    def __init__(self, path: str | Path | None = None, *, ontology: Ontology | None = None):
        self.path = resolve(path)
        self.ontology = ontology or load_ontology()

    @property
    def graph_path(self) -> Path:
        return self.path / GRAPH_FILE

    @property
    def rdf_path(self) -> Path:
        """The workspace's RDF store (Oxigraph), kept in step with the graph store."""
        return self.path / RDF_DIR

    def mirror_names(self) -> list[str]:
        """The stores kept in step with the graph store (``mirrors`` in powerlens.json)."""
        state_file = self.path / STATE_FILE
        if state_file.exists():
            state = json.loads(state_file.read_text(encoding="utf-8"))
            return list(state.get("mirrors", DEFAULT_MIRRORS))
        return list(DEFAULT_MIRRORS)

    def open_rdf(self, *, read_only: bool = True):
        """Open the workspace's RDF store on its own (for SPARQL, export, validation)."""
        if read_only and not self.rdf_path.exists():
            raise StoreError(
                f"no RDF store in the workspace {self.path}: run `powerlens ingest PATH` (or `powerlens reextract` "
                "for a workspace built before the RDF store existed) first"
            )
        return open_store("rdf", path=self.rdf_path, read_only=read_only, ontology=self.ontology)

    @property
    def decisions_path(self) -> Path:
        """The workspace's entity decisions (merges and splits), applied on every ingest."""
        return self.path / DECISIONS_FILE

    @property
    def kb_dir(self) -> Path:
        """The workspace's own background knowledge files (``powerlens kb add``)."""
        return self.path / KB_DIR

    def decisions(self):
        from powerlens.ingest.decisions import Decisions

        return Decisions.load(self.decisions_path, labels=set(self.ontology.labels))

    def extractor(self, nlp: str | None = None):
        """An extractor with this workspace's decisions (and a spaCy model when asked)."""
        if nlp:
            from powerlens.ingest.nlp import SpacyExtractor

            return SpacyExtractor(nlp, ontology=self.ontology, decisions=self.decisions())
        from powerlens.ingest.extract import Extractor

        return Extractor(self.ontology, decisions=self.decisions())

    def exists(self) -> bool:
        return self.graph_path.exists()

    def open(self, *, read_only: bool = False, store: str | None = None, **options: Any) -> Store:
        """Open the workspace's store (see :func:`use_store`). Read-only opens never create anything.

        ``options`` are connection options of a server store (for Neo4j: uri, user, password,
        database); unset ones come from :func:`use_store`, then from the store's own defaults.
        """
        choice = current_store()
        name = store or choice.name
        cls = store_class(name)
        if "embedded" not in cls.capabilities:
            given = {k: v for k, v in {**choice.options.get(name, {}), **options}.items() if v is not None}
            primary = cls(read_only=read_only, ontology=self.ontology, **given)
        else:
            if read_only and not self.exists():
                raise StoreError(
                    f"no powerlens workspace at {self.path}: run `powerlens ingest PATH` (or `powerlens demo`) "
                    "first, or point --workspace / POWERLENS_WORKSPACE at an existing one"
                )
            self._check_schema(create=not read_only)
            primary = open_store(name, path=self.graph_path, read_only=read_only, ontology=self.ontology)
        if read_only or name != choice.name or not self.mirror_names():
            return primary  # a read, or another store than the workspace's own (sync --to)
        return self._mirrored(primary)

    def _mirrored(self, primary: Store) -> Store:
        """The graph store with the workspace's mirrors, brought up to date (see graph/mirror.py)."""
        from powerlens.graph.mirror import MirroredStore

        mirrors = []
        try:
            for mname in self.mirror_names():
                if mname != "rdf":
                    raise StoreError(f"unknown mirror {mname!r} in {self.path / STATE_FILE}; known: rdf")
                mirrors.append(self.open_rdf(read_only=False))
            store = MirroredStore(primary, mirrors)
            store.reconcile()
        except BaseException:
            for m in mirrors:
                m.close()
            primary.close()
            raise
        return store

    def _check_schema(self, *, create: bool) -> None:
        state_file = self.path / STATE_FILE
        want = fingerprint(self.ontology)
        if state_file.exists():
            state = json.loads(state_file.read_text(encoding="utf-8"))
            if state.get("schema") != want:
                raise StoreError(
                    f"the workspace {self.path} was built with another version of the ontology "
                    f"(schema {state.get('schema')}, this powerlens has {want}); ingest the stories into a "
                    "new workspace (--workspace NEW_DIR)"
                )
        elif create:
            self.path.mkdir(parents=True, exist_ok=True)
            state = {"schema": want, "format": 1, "mirrors": list(DEFAULT_MIRRORS)}
            state_file.write_text(json.dumps(state, indent=2) + "\n", encoding="utf-8")
