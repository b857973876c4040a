"""Background knowledge: cited facts of public record that stories assume but do not state (who
owns which outlet, who runs which benchmark), loaded into the graph with ``story = null``, the
file as ``source`` and the fact's ``citation``, so queries can show or exclude them.

Files are read from the curated starter set bundled in ``ontology/kb/``, then from a workspace's
``kb/`` folder (``powerlens kb add FILE``), then from ``$POWERLENS_DATA/background``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from powerlens.model import Entity, Evidence, Relation, slugify
from powerlens.ontology import Ontology

from .decisions import Decisions
from .gazetteer import load_gazetteer
from .resources import DataError, data_dirs, read_toml

KB_DIR = Path(__file__).resolve().parent.parent / "ontology" / "kb"

EXTRACTOR = "background"


@dataclass
class BackgroundSet:
    source: dict
    entities: list[Entity]
    relations: list[Relation]


def kb_files(extra: list[Path] | None = None) -> list[Path]:
    """Knowledge files in load order: bundled, then ``extra`` folders, then ``$POWERLENS_DATA``."""
    folders = [KB_DIR, *(extra or []), *(d / "background" for d in data_dirs()[1:])]
    out = []
    for folder in folders:
        if folder.is_dir():
            out.extend(sorted(folder.glob("*.toml")))
    return out


def load_background(ontology: Ontology, extra: list[Path] | None = None, decisions: Decisions | None = None) -> list[BackgroundSet]:
    """Every knowledge file, parsed and checked against the ontology (entity decisions applied)."""
    seen: dict[str, Path] = {}
    out = []
    for path in kb_files(extra):
        bg = parse_kb_file(path, ontology, decisions)
        if bg.source["id"] in seen:
            raise DataError(f"{path}: a knowledge file named {path.name} is already loaded from {seen[bg.source['id']]}; rename one")
        seen[bg.source["id"]] = path
        out.append(bg)
    return out


def parse_kb_file(path: Path, ontology: Ontology, decisions: Decisions | None = None) -> BackgroundSet:
    """One knowledge file: ``[meta]`` with a ``source``, then ``[[fact]]`` tables with ``subject``,
    ``relation``, ``object`` and ``citation`` (see ``ontology/kb/public-record.toml``)."""
    gz = load_gazetteer(ontology)
    data = read_toml(path)
    meta = data.get("meta", {})
    if not meta.get("source"):
        raise DataError(f"{path}: [meta] needs a `source` saying where the facts come from")
    if not data.get("fact"):
        raise DataError(f"{path}: no [[fact]] tables")
    sid = "background-" + slugify(path.stem)
    decisions = decisions or Decisions()
    resolver = decisions.resolver()
    digest = hashlib.sha256((json.dumps(data, sort_keys=True) + decisions.fingerprint).encode()).hexdigest()
    source = {"id": sid, "name": meta.get("title", path.stem), "source": str(path.name), "content_hash": digest}
    ents: dict[tuple[str, str], Entity] = {}
    rels = []
    for i, fact in enumerate(data.get("fact", []), 1):
        try:
            rtype = fact["relation"]
            citation = fact["citation"]
            fact["subject"], fact["object"]
        except KeyError as exc:
            raise DataError(f"{path}: fact {i} lacks {exc.args[0]!r}") from None
        if not str(citation).strip():
            raise DataError(f"{path}: fact {i} has an empty citation; every fact needs one")
        if rtype not in ontology.relationships:
            raise DataError(f"{path}: fact {i}: unknown relationship type {rtype!r} "
                            f"(one of {', '.join(sorted(ontology.relationships))})")
        keys = []
        for side in ("subject", "object"):
            name = fact[side]
            entry = gz.lookup(name)
            label = fact.get(f"{side}_label") or (entry.label if entry else None)
            kind = fact.get(f"{side}_kind") or (entry.kind if entry else None)
            if entry is not None and entry.label == label:
                name, kind = entry.name, entry.kind or kind
            if label not in ontology.labels:
                raise DataError(f"{path}: fact {i}: {side} {name!r} needs a {side}_label from the ontology")
            name = resolver.resolve(label, name, fact[side])
            lbl = ontology.labels[label]
            props = {}
            if lbl.kind_names():
                props["kind"] = kind if kind in lbl.kind_names() else lbl.default_kind
            e = Entity(label, slugify(name), name, props, {fact[side]})
            if e.key in ents:
                ents[e.key].aliases |= e.aliases
            else:
                ents[e.key] = e
            keys.append(e.key)
        if not ontology.relationships[rtype].allows(keys[0][0], keys[1][0]):
            raise DataError(f"{path}: fact {i}: {rtype} does not allow {keys[0][0]} -> {keys[1][0]}")
        since = f" (since {fact['since']})" if fact.get("since") else ""
        ev = Evidence(None, None, None, None, 1.0, EXTRACTOR, None, sid, citation + since)
        rels.append(Relation(rtype, keys[0], keys[1], ev))
    return BackgroundSet(source, list(ents.values()), rels)
