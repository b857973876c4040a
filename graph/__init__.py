"""Graph stores behind one small protocol (:class:`Store`).

Backends are registered by name and imported lazily, so ``neo4j`` is imported only when that store
is used. ``open_store("embedded", path=...)`` opens the default embedded store;
``open_store("neo4j", uri=..., user=..., password=..., database=...)`` a Neo4j server.
"""

from __future__ import annotations

import importlib
from typing import Any

from .base import QueryError, QueryResult, Store, StoreError, StoreUnavailable, StoryState, WorkspaceLocked

#: name -> "module:Class"; extend with :func:`register`.
STORES: dict[str, str] = {
    "embedded": "powerlens.graph.ladybug:LadybugStore",
    "neo4j": "powerlens.graph.neo4j:Neo4jStore",
    "rdf": "powerlens.graph.rdf:RdfStore",  # kept beside a graph store (a mirror), never instead of one
}


def register(name: str, target: str) -> None:
    """Register a store class given as ``"package.module:Class"``."""
    STORES[name] = target


def store_class(name: str) -> type:
    try:
        target = STORES[name]
    except KeyError:
        raise StoreError(f"unknown store {name!r}; choose one of: {', '.join(STORES)}") from None
    module, _, cls = target.partition(":")
    try:
        return getattr(importlib.import_module(module), cls)
    except ImportError as exc:
        raise StoreError(f"the {name} store needs a package that is not installed: {exc.name}") from exc


def open_store(name: str = "embedded", **options: Any) -> Store:
    return store_class(name)(**options)


__all__ = [
    "STORES",
    "QueryError",
    "QueryResult",
    "Store",
    "StoreError",
    "StoreUnavailable",
    "StoryState",
    "WorkspaceLocked",
    "open_store",
    "register",
    "store_class",
]
