"""The core model: what extraction produces and what a store writes.

A :class:`StoryGraph` is everything one story contributes to the graph: the story node, the
entities it mentions, and the relationships it asserts, each with :class:`Evidence` pointing into
the story's stored ``text``. Stores write a StoryGraph as one unit.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

_SLUG_DROP = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def slugify(name: str) -> str:
    """A stable, ASCII, lowercase slug: the ``id`` of an entity named ``name``.

    >>> slugify("Le Monde diplomatique")
    'le-monde-diplomatique'
    >>> slugify("Ghana’s COCOBOD")
    'ghanas-cocobod'
    >>> slugify("U.S.")
    'us'
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("’", "").replace("'", "").replace(".", "")
    text = text.replace("&", " and ")
    slug = _SLUG_DROP.sub("-", text).strip("-")
    if not slug:
        slug = "x" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]
    return slug


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: ``story_text[start:end]`` is the quoted span inside ``sentence``."""

    story: str | None
    sentence: str | None
    start: int | None
    end: int | None
    confidence: float
    extractor: str
    section: str | None = None
    source: str | None = None  # background facts: the knowledge file
    citation: str | None = None  # background facts: the public record

    def as_properties(self) -> dict[str, Any]:
        return {
            "story": self.story,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "confidence": round(float(self.confidence), 4),
            "extractor": self.extractor,
            "section": self.section,
            "source": self.source,
            "citation": self.citation,
        }


@dataclass
class Entity:
    """A node other than the story: identified by (label, id)."""

    label: str
    id: str
    name: str
    properties: dict[str, Any] = field(default_factory=dict)
    aliases: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[str, str]:
        return (self.label, self.id)


@dataclass
class Relation:
    type: str
    source: tuple[str, str]  # (label, id)
    target: tuple[str, str]
    evidence: Evidence
    properties: dict[str, Any] = field(default_factory=dict)

    def as_properties(self) -> dict[str, Any]:
        return {**self.evidence.as_properties(), **self.properties}


@dataclass
class StoryGraph:
    """One story's contribution to the graph. ``story`` holds the Story node's properties."""

    story: dict[str, Any]
    entities: dict[tuple[str, str], Entity] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.story["id"]

    def add_entity(self, entity: Entity) -> Entity:
        """Add or merge an entity; aliases and missing properties are merged into the existing one."""
        have = self.entities.get(entity.key)
        if have is None:
            self.entities[entity.key] = entity
            return entity
        have.aliases |= entity.aliases
        for k, v in entity.properties.items():
            if have.properties.get(k) in (None, "") and v not in (None, ""):
                have.properties[k] = v
        return have

    def add_relation(self, relation: Relation) -> None:
        self.relations.append(relation)

    def check_evidence(self) -> list[str]:
        """Problems with evidence offsets (empty when every span points into the story text)."""
        text = self.story.get("text", "")
        problems = []
        for r in self.relations:
            ev = r.evidence
            if ev.story is None:
                continue
            if ev.start is None or ev.end is None or not (0 <= ev.start < ev.end <= len(text)):
                problems.append(f"{r.type} {r.source}->{r.target}: bad offsets {ev.start}..{ev.end}")
            elif ev.sentence is not None and text[ev.start : ev.end] not in ev.sentence:
                problems.append(f"{r.type} {r.source}->{r.target}: span is not inside its sentence")
        return problems
