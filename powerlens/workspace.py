"""A workspace: the folder holding one corpus's graph (``graph.lbug``) and its settings.

Resolution order for the folder: explicit argument, ``$POWERLENS_WORKSPACE``, ``./powerlens-data``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from powerlens.graph import Store, StoreError, open_store
from powerlens.graph.schema import fingerprint
from powerlens.ontology import Ontology, load_ontology

DEFAULT_WORKSPACE = "powerlens-data"
GRAPH_FILE = "graph.lbug"
STATE_FILE = "powerlens.json"


def resolve(path: str | Path | None = None) -> Path:
    return Path(path or os.environ.get("POWERLENS_WORKSPACE") or DEFAULT_WORKSPACE)


class Workspace:
    def __init__(self, path: str | Path | None = None, *, ontology: Ontology | None = None):
        self.path = resolve(path)
        self.ontology = ontology or load_ontology()

    @property
    def graph_path(self) -> Path:
        return self.path / GRAPH_FILE

    def exists(self) -> bool:
        return self.graph_path.exists()

    def open(self, *, read_only: bool = False, store: str = "embedded") -> Store:
        """Open the workspace's store. Read-only opens never create anything."""
        if read_only and not self.exists():
            raise StoreError(
                f"no powerlens workspace at {self.path}: run `powerlens ingest PATH` (or `powerlens demo`) "
                "first, or point --workspace / POWERLENS_WORKSPACE at an existing one"
            )
        self._check_schema(create=not read_only)
        return open_store(store, path=self.graph_path, read_only=read_only, ontology=self.ontology)

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
            state_file.write_text(json.dumps({"schema": want, "format": 1}, indent=2) + "\n", encoding="utf-8")
