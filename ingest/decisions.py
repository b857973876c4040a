"""Entity decisions: a user-editable file of merges and splits, applied on every ingest.

Extraction resolves names by itself (gazetteer aliases, short forms, acronyms a story defines),
and it will sometimes be wrong. A decisions file corrects it without touching the rules::

    [[merge]]                       # these names are one entity, called `into`
    names = ["Acme Holdings Ltd", "Acme Holdings Inc."]
    into = "Acme Holdings"
    label = "Actor"                 # optional: only entities with this label

    [[split]]                       # the name `name` is not the entity `from`
    name = "Amazon"
    from = "Amazon Web Services"

The workspace keeps its file at ``WORKSPACE/decisions.toml`` (``powerlens merge``, ``powerlens
split`` and ``--undo`` edit it). A decision changes the extractor's version string, so the next
ingest re-extracts every stored story with it; removing the decision reverses it the same way.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .resources import DataError, read_toml
from .text import straighten

HEADER = """\
# powerlens entity decisions for this workspace: merges and splits, applied on every ingest.
# Edit by hand or with `powerlens merge A B`, `powerlens split NAME --from ENTITY` (add --undo to
# reverse). After a hand edit, run `powerlens reextract` (or any ingest) to apply it.
"""


def norm(name: str) -> str:
    """Comparison form of a name: accents, case, quotes and punctuation ignored."""
    t = unicodedata.normalize("NFKD", straighten(name))
    t = "".join(c for c in t if not unicodedata.combining(c)).lower().replace("'s ", " ")
    words = re.findall(r"[\w&]+", t.replace(".", ""))
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _toml_table(kind: str, fields: list[tuple[str, object]]) -> str:
    """One ``[[kind]]`` table; empty optional fields are left out."""
    lines = [f"[[{kind}]]"]
    lines += [f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in fields if v not in (None, "")]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Merge:
    names: tuple[str, ...]
    into: str
    label: str | None = None
    note: str = ""

    def as_toml(self) -> str:
        return _toml_table("merge", [("names", list(self.names)), ("into", self.into), ("label", self.label), ("note", self.note)])


@dataclass(frozen=True)
class Split:
    name: str
    from_: str
    label: str | None = None
    note: str = ""

    def as_toml(self) -> str:
        return _toml_table("split", [("name", self.name), ("from", self.from_), ("label", self.label), ("note", self.note)])


@dataclass
class Decisions:
    merges: list[Merge] = field(default_factory=list)
    splits: list[Split] = field(default_factory=list)
    path: Path | None = None

    # --- reading and writing -------------------------------------------------------------------

    @classmethod
    def load(cls, path: str | Path | None, *, labels: set[str] | None = None) -> Decisions:
        """The decisions in ``path`` (an absent file means none)."""
        if path is None:
            return cls()
        path = Path(path)
        if not path.exists():
            return cls(path=path)
        data = read_toml(path)
        out = cls(path=path)
        for i, m in enumerate(data.get("merge", []), 1):
            names = m.get("names")
            if isinstance(names, str):
                names = [names]
            if not names or not m.get("into"):
                raise DataError(f"{path}: merge {i} needs `names` (a list) and `into`")
            out.merges.append(Merge(tuple(names), m["into"], m.get("label"), m.get("note", "")))
        for i, s in enumerate(data.get("split", []), 1):
            if not s.get("name") or not s.get("from"):
                raise DataError(f"{path}: split {i} needs `name` and `from`")
            out.splits.append(Split(s["name"], s["from"], s.get("label"), s.get("note", "")))
        for d in [*out.merges, *out.splits]:
            if labels is not None and d.label and d.label not in labels:
                raise DataError(f"{path}: label {d.label!r} is not one of {', '.join(sorted(labels))}")
        return out

    def save(self) -> None:
        if self.path is None:
            raise DataError("these decisions have no file to save to")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        body = HEADER + f"# last changed {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}\n"
        for d in [*self.merges, *self.splits]:
            body += "\n" + d.as_toml()
        tmp = self.path.with_suffix(".toml.tmp")
        tmp.write_text(body, encoding="utf-8")
        tmp.replace(self.path)

    def __bool__(self) -> bool:
        return bool(self.merges or self.splits)

    @property
    def fingerprint(self) -> str:
        """Short hash of the decisions (empty when there are none): part of the extractor version."""
        if not self:
            return ""
        blob = json.dumps([[m.as_toml() for m in self.merges], [s.as_toml() for s in self.splits]])
        return hashlib.sha256(blob.encode()).hexdigest()[:8]

    # --- editing -------------------------------------------------------------------------------

    def add_merge(self, names: list[str], into: str, label: str | None = None, note: str = "") -> Merge:
        names = [n for n in names if norm(n) != norm(into)]
        if not names:
            raise DataError("a merge needs at least one name other than the one merged into")
        m = Merge(tuple(names), into, label, note)
        self.merges.append(m)
        return m

    def undo_merge(self, names: list[str], into: str) -> int:
        """Take ``names`` out of merges into ``into`` (all of them when ``names`` is empty);
        returns how many merge entries changed."""
        want = {norm(n) for n in names} - {norm(into)}
        changed = 0
        kept = []
        for m in self.merges:
            hit = norm(m.into) == norm(into) and (not want or want & {norm(n) for n in m.names})
            if not hit:
                kept.append(m)
                continue
            changed += 1
            rest = tuple(n for n in m.names if norm(n) not in want) if want else ()
            if rest:
                kept.append(Merge(rest, m.into, m.label, m.note))
        self.merges = kept
        return changed

    def add_split(self, name: str, from_: str, label: str | None = None, note: str = "") -> Split:
        if norm(name) == norm(from_):
            raise DataError("a split needs two different names: the name, and the entity it is not")
        s = Split(name, from_, label, note)
        self.splits.append(s)
        return s

    def undo_split(self, name: str, from_: str) -> int:
        before = len(self.splits)
        self.splits = [s for s in self.splits if not (norm(s.name) == norm(name) and norm(s.from_) == norm(from_))]
        return before - len(self.splits)

    # --- applying ------------------------------------------------------------------------------

    def resolver(self) -> Resolver:
        return Resolver(self)


class Resolver:
    """Applies decisions to one resolved name: ``resolve(label, name, surface) -> name``."""

    def __init__(self, decisions: Decisions):
        self.merge_to: dict[tuple[str | None, str], str] = {}
        for m in decisions.merges:
            for n in m.names:
                self.merge_to[(m.label, norm(n))] = m.into
        self.split_pairs = {(s.label, norm(s.name), norm(s.from_)) for s in decisions.splits}

    def resolve(self, label: str, name: str, surface: str) -> str:
        if self.split_pairs:
            sn, nn = norm(surface), norm(name)
            if sn != nn and ((label, sn, nn) in self.split_pairs or (None, sn, nn) in self.split_pairs):
                name = surface.strip()
        if self.merge_to:
            k = norm(name)
            into = self.merge_to.get((label, k)) or self.merge_to.get((None, k))
            if into is not None:
                return into
        return name
