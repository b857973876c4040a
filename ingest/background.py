"""Background facts (``data/background/*.toml``): cited facts of public record, loaded into the
graph with ``story = null``, the file as ``source`` and the fact's ``citation``."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from powerlens.model import Entity, Evidence, Relation, slugify
from powerlens.ontology import Ontology

from .gazetteer import load_gazetteer
from .resources import DataError, load_folder

EXTRACTOR = "background"


@dataclass
class BackgroundSet:
    source: dict
    entities: list[Entity]
    relations: list[Relation]


def load_background(ontology: Ontology) -> list[BackgroundSet]:
    gz = load_gazetteer(ontology)
    out = []
    for path, data in load_folder("background"):
        meta = data.get("meta", {})
        if not meta.get("source"):
            raise DataError(f"{path}: [meta] needs a `source`")
        sid = "background-" + slugify(path.stem)
        digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
        source = {"id": sid, "name": meta.get("title", path.stem), "source": str(path.name), "content_hash": digest}
        ents: dict[tuple[str, str], Entity] = {}
        rels = []
        for i, fact in enumerate(data.get("fact", []), 1):
            try:
                rtype = fact["relation"]
                citation = fact["citation"]
            except KeyError as exc:
                raise DataError(f"{path}: fact {i} lacks {exc.args[0]!r}") from None
            if rtype not in ontology.relationships:
                raise DataError(f"{path}: fact {i}: unknown relationship type {rtype!r}")
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
        out.append(BackgroundSet(source, list(ents.values()), rels))
    return out
