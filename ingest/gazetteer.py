"""Gazetteer: known entities from ``data/gazetteer/*.toml``, matched as token sequences.

Every file has a ``[meta]`` table with its ``source``; every ``[[entry]]`` has ``name``,
``label``, ``kind`` and optional ``aliases``, ``demonyms``, ``parent``, ``controller`` and
``note``. Matching is case-sensitive on surface forms (apostrophes straightened), longest first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from powerlens.ontology import Ontology

from .resources import DataError, load_folder
from .text import straighten, tokenize


@dataclass(frozen=True)
class GazetteerEntry:
    name: str
    label: str
    kind: str | None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    note: str = ""
    parent: str | None = None
    controller: str | None = None
    file: str = ""
    place: bool = False  # a place name: after "in", "across"... it is a location, not an actor
    minor: bool = False  # an entity only when it recurs or takes part in a relation (a province named in passing)


@dataclass
class Gazetteer:
    entries: dict[str, GazetteerEntry] = field(default_factory=dict)  # canonical name -> entry
    surface: dict[tuple[str, ...], GazetteerEntry] = field(default_factory=dict)
    demonyms: dict[str, GazetteerEntry] = field(default_factory=dict)
    max_len: int = 1
    lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)  # first token -> lengths, longest first
    sources: dict[str, str] = field(default_factory=dict)  # file -> meta.source

    def lookup(self, name: str) -> GazetteerEntry | None:
        """Entry for a canonical name or any alias."""
        if name in self.entries:
            return self.entries[name]
        cache = self.__dict__.setdefault("_lookups", {})
        if name not in cache:
            if len(cache) > 100_000:
                cache.clear()
            cache[name] = self.surface.get(_key(name))
        return cache[name]

    def match(self, tokens: list[str], i: int) -> tuple[int, GazetteerEntry] | None:
        """Longest entry whose surface form starts at token ``i``: (length, entry)."""
        for n in self.lengths.get(tokens[i], ()):
            if i + n > len(tokens):
                continue
            e = self.surface.get(tuple(tokens[i : i + n]))
            if e is not None:
                return n, e
        return None


def _key(text: str) -> tuple[str, ...]:
    return tuple(straighten(t.text) for t in tokenize(text))


@lru_cache(maxsize=4)
def _load(ontology_id: int, ontology: Ontology) -> Gazetteer:
    g = Gazetteer()
    for path, data in load_folder("gazetteer"):
        meta = data.get("meta", {})
        if not meta.get("source"):
            raise DataError(f"{path}: [meta] needs a `source` saying where the entries come from")
        g.sources[path.name] = meta["source"]
        for raw in data.get("entry", []):
            _add(g, raw, path, ontology)
    return g


def _add(g: Gazetteer, raw: dict, path: Path, ontology: Ontology) -> None:
    try:
        name, label = raw["name"], raw["label"]
    except KeyError as exc:
        raise DataError(f"{path}: an entry lacks {exc.args[0]!r}: {raw}") from None
    if label not in ontology.labels:
        raise DataError(f"{path}: {name}: label {label!r} is not in the ontology")
    kinds = ontology.labels[label].kind_names()
    kind = raw.get("kind") or ontology.labels[label].default_kind
    if kinds and kind not in kinds:
        raise DataError(f"{path}: {name}: kind {kind!r} is not a kind of {label} ({', '.join(kinds)})")
    entry = GazetteerEntry(
        name=name,
        label=label,
        kind=kind,
        aliases=tuple(raw.get("aliases", [])),
        demonyms=tuple(raw.get("demonyms", [])),
        note=raw.get("note", ""),
        parent=raw.get("parent"),
        controller=raw.get("controller"),
        file=path.name,
        place=bool(raw.get("place", kind == "State")),
        minor=bool(raw.get("minor", False)),
    )
    g.entries.setdefault(name, entry)
    for form in (name, *entry.aliases):
        key = _key(form)
        if key and key not in g.surface:
            g.surface[key] = entry
            g.max_len = max(g.max_len, len(key))
            g.lengths[key[0]] = tuple(sorted({*g.lengths.get(key[0], ()), len(key)}, reverse=True))
    for d in entry.demonyms:
        g.demonyms.setdefault(straighten(d), entry)


def load_gazetteer(ontology: Ontology) -> Gazetteer:
    """The bundled gazetteer plus any in ``$POWERLENS_DATA/gazetteer`` (cached)."""
    return _load(id(ontology), ontology)
