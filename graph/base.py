"""The store protocol: the small seam every backend implements.

A store writes one story's graph as one atomic unit (replacing what the story wrote before),
writes background facts, removes stories, and runs Cypher with bound parameters. Callers ask a
store what it can do through :attr:`Store.capabilities` and which Cypher dialect it speaks through
:attr:`Store.dialect`, never by its name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from powerlens.model import Entity, Relation, StoryGraph


class StoreError(RuntimeError):
    """A store could not do what was asked; the message says what to check."""


class WorkspaceLocked(StoreError):
    """Another process holds the workspace for writing."""


class StoreUnavailable(StoreError):
    """A server store cannot be used at all: unreachable, credentials refused, no such database."""


class QueryError(StoreError):
    """A Cypher query failed (syntax, unknown label, wrong parameter...)."""


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self):
        return iter(self.rows)

    def column(self, name: str) -> list[Any]:
        return [r[name] for r in self.rows]


@dataclass(frozen=True)
class StoryState:
    id: str
    source: str
    content_hash: str
    extractor_version: str | None


@runtime_checkable
class Store(Protocol):
    #: Cypher dialect, used to pick per-dialect variants of named queries ("kuzu", "neo4j").
    dialect: str
    #: What the store can do, e.g. {"cypher", "transactions", "read_only"}.
    capabilities: frozenset[str]

    def story_state(self, story_id: str) -> StoryState | None: ...

    def story_by_hash(self, content_hash: str) -> StoryState | None: ...

    def write_story(self, graph: StoryGraph) -> None:
        """Write ``graph`` atomically, replacing everything the same story id wrote before.

        Must be idempotent: writing the same graph twice leaves the same store.
        """

    def remove_story(self, story_id: str) -> bool: ...

    def write_background(
        self, source: dict[str, Any], entities: list[Entity], relations: list[Relation]
    ) -> None:
        """Replace the facts of one background source (``source["id"]``) atomically."""

    def remove_background(self, source_id: str) -> bool:
        """Drop one background source and its facts; False when it was not loaded."""

    def background_sources(self) -> dict[str, str]:
        """Loaded background sources: id -> content hash."""

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult: ...

    def counts(self) -> dict[str, dict[str, int]]:
        """{"nodes": {label: n}, "relationships": {type: n}}."""

    def close(self) -> None: ...
