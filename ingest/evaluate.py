"""Measure extraction against a gold set: precision, recall and F1 per label and per relation
type, kind accuracy, and omission-concept accuracy (see ``tests/fixtures/gold/README.md``).

A gold folder holds ``NAME.txt`` + ``NAME.toml`` pairs, either directly or in split folders
(``dev/``, ``heldout/``). Scoring is on extraction alone (no store, no background facts).
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from powerlens.model import StoryGraph, slugify

from .extract import Extractor
from .readers import ReaderError, read_path
from .resources import DataError
from .text import straighten

ENTITY_LABELS = ("Actor", "Policy", "Metric", "Product", "Framing", "Precedent")
RELATION_TYPES = (
    "CONTROLS", "OWNS", "PRODUCED", "AMPLIFIES", "SERVES_INTERESTS_OF", "LEGITIMIZES", "OBSCURES",
    "DIRECTS", "ALIGNED_WITH", "MIRRORS", "FUNDS", "EXCLUDES", "PARALLELS",
)
STORY = "story"
_FRAME_WORDS = {"narrative", "narratives", "framing", "frame", "frames", "story", "storyline"}
_ARTICLES = {"the", "a", "an"}


class GoldError(ValueError):
    """A gold annotation file is malformed; the message names the file and the problem."""


@dataclass
class GoldEntity:
    label: str
    name: str
    kind: str | None
    aliases: list[str]
    main: bool = False


@dataclass
class GoldStory:
    name: str
    split: str
    path: Path
    entities: list[GoldEntity]
    relations: list[tuple[str, str, str]]  # (type, source name, target name), names canonical
    omissions: list[tuple[str, frozenset[str]]]  # (item text, concept ids)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class SplitScore:
    split: str
    stories: int = 0
    entities: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    relations: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    kinds_right: int = 0
    kinds_total: int = 0
    omissions_right: int = 0
    omissions_total: int = 0
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def total(self, table: dict[str, Counts]) -> Counts:
        c = Counts()
        for v in table.values():
            c.add(v)
        return c

    @property
    def entity_f1(self) -> float:
        return self.total(self.entities).f1

    @property
    def relation_f1(self) -> float:
        return self.total(self.relations).f1

    @property
    def omission_accuracy(self) -> float:
        return self.omissions_right / self.omissions_total if self.omissions_total else 0.0

    @property
    def kind_accuracy(self) -> float:
        return self.kinds_right / self.kinds_total if self.kinds_total else 0.0

    def rows(self) -> list[dict]:
        """One row per label and relation type, then the totals: the table ``powerlens eval`` prints."""
        out = []
        for group, table in (("entity", self.entities), ("relation", self.relations)):
            for name in sorted(table):
                c = table[name]
                out.append(_row(self.split, group, name, c))
            out.append(_row(self.split, group, "ALL", self.total(table)))
        out.append({"split": self.split, "group": "omission", "name": "concept accuracy",
                    "gold": self.omissions_total, "predicted": None, "correct": self.omissions_right,
                    "precision": None, "recall": None, "f1": None,
                    "accuracy": round(self.omission_accuracy, 3)})
        out.append({"split": self.split, "group": "entity", "name": "kind accuracy",
                    "gold": self.kinds_total, "predicted": None, "correct": self.kinds_right,
                    "precision": None, "recall": None, "f1": None, "accuracy": round(self.kind_accuracy, 3)})
        return out

    def summary(self) -> dict:
        return {"split": self.split, "stories": self.stories, "entity_f1": round(self.entity_f1, 3),
                "relation_f1": round(self.relation_f1, 3), "omission_accuracy": round(self.omission_accuracy, 3),
                "kind_accuracy": round(self.kind_accuracy, 3)}


def _row(split: str, group: str, name: str, c: Counts) -> dict:
    return {"split": split, "group": group, "name": name, "gold": c.tp + c.fn, "predicted": c.tp + c.fp,
            "correct": c.tp, "precision": round(c.precision, 3), "recall": round(c.recall, 3),
            "f1": round(c.f1, 3), "accuracy": None}


# --- gold files -----------------------------------------------------------------------------------


def load_gold(folder: str | Path, splits: tuple[str, ...] | None = None) -> list[GoldStory]:
    """Gold stories under ``folder``; the split is the name of the sub-folder ("." when flat)."""
    root = Path(folder)
    if not root.is_dir():
        raise GoldError(f"{root}: not a folder of gold stories (NAME.txt + NAME.toml pairs)")
    out = []
    for toml_path in sorted(root.rglob("*.toml")):
        if toml_path.name == "baseline.toml":
            continue
        rel = toml_path.parent.relative_to(root)
        split = rel.parts[0] if rel.parts else "."
        if splits and split not in splits:
            continue
        out.append(_load_story(toml_path, split))
    if not out:
        raise GoldError(f"{root}: no annotated stories found" + (f" in split(s) {', '.join(splits)}" if splits else ""))
    return out


def _load_story(toml_path: Path, split: str) -> GoldStory:
    txt = toml_path.with_suffix(".txt")
    if not txt.exists():
        raise GoldError(f"{toml_path}: no story file {txt.name} beside it")
    try:
        data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise GoldError(f"{toml_path}: not valid TOML ({exc})") from None
    ents = []
    by_name: dict[str, GoldEntity] = {}
    for i, e in enumerate(data.get("entity", []), 1):
        if e.get("label") not in ENTITY_LABELS or not e.get("name"):
            raise GoldError(f"{toml_path}: entity {i} needs a label in {ENTITY_LABELS} and a name")
        ge = GoldEntity(e["label"], e["name"], e.get("kind"), list(e.get("aliases", [])), bool(e.get("main")))
        ents.append(ge)
        for n in [ge.name, *ge.aliases]:
            by_name.setdefault(n.lower(), ge)
    rels = []
    for i, r in enumerate(data.get("relation", []), 1):
        if r.get("type") not in RELATION_TYPES:
            raise GoldError(f"{toml_path}: relation {i}: type must be one of {RELATION_TYPES}")
        ends = []
        for side in ("source", "target"):
            name = r.get(side, "")
            if name == STORY:
                ends.append(STORY)
                continue
            ge = by_name.get(name.lower())
            if ge is None:
                raise GoldError(f"{toml_path}: relation {i}: {side} {name!r} is not an annotated entity")
            ends.append(ge.name)
        rels.append((r["type"], ends[0], ends[1]))
    oms = [(o["text"], frozenset(o.get("concepts", []))) for o in data.get("omission", [])]
    return GoldStory(toml_path.stem, split, txt, ents, sorted(set(rels)), oms)


# --- matching --------------------------------------------------------------------------------------


def match_key(name: str, label: str) -> str:
    """The comparison form of a name: case, punctuation and a leading article ignored; for
    framings also the words "narrative", "framing", "frame", "story"."""
    words = re.findall(r"[\w&]+", straighten(name).lower().replace("'s ", " ").replace("’s ", " "))
    while words and words[0] in _ARTICLES:
        words = words[1:]
    while len(words) > 1 and (re.fullmatch(r"\d{4}", words[-1]) or words[-1] == "of"):
        words = words[:-1]  # "Veterans Health Care Act of 1992" is the Veterans Health Care Act
    if label == "Framing":
        words = [w for w in words if w not in _FRAME_WORDS] or words
    return slugify(" ".join(words))


def _keys(label: str, names) -> set[str]:
    return {k for k in (match_key(n, label) for n in names) if k}


def score_story(gold: GoldStory, graph: StoryGraph, text: str, into: SplitScore) -> None:
    """Add one story's counts into ``into``."""
    gmap: dict[tuple[str, str], str] = {}  # predicted entity key -> gold entity name
    for label in ENTITY_LABELS:
        golds = [g for g in gold.entities if g.label == label]
        preds = [e for e in graph.entities.values() if e.label == label]
        gkeys = [(g, _keys(label, [g.name, *g.aliases])) for g in golds]
        used: set[str] = set()
        c = into.entities[label]
        for e in sorted(preds, key=lambda e: e.name):
            pk = _keys(label, [e.name, *e.aliases])
            hit = next((g for g, gk in gkeys if g.name not in used and pk & gk), None)
            if hit is None:
                # a second prediction of an already matched entity still maps for relations
                dup = next((g for g, gk in gkeys if pk & gk), None)
                if dup is not None:
                    gmap[e.key] = dup.name
                c.fp += 1
                into.errors["entity-fp"].append(f"{gold.name}: {label} {e.name!r}")
                continue
            used.add(hit.name)
            gmap[e.key] = hit.name
            c.tp += 1
            if hit.kind:
                into.kinds_total += 1
                if e.properties.get("kind") == hit.kind:
                    into.kinds_right += 1
                else:
                    into.errors["kind"].append(f"{gold.name}: {e.name!r} {e.properties.get('kind')} != {hit.kind}")
        for g in golds:
            if g.name not in used:
                c.fn += 1
                into.errors["entity-fn"].append(f"{gold.name}: {label} {g.name!r}")

    pred_rels: set[tuple[str, str, str]] = set()
    unmapped: set[tuple[str, str, str]] = set()
    for r in graph.relations:
        if r.type not in RELATION_TYPES or r.evidence.story is None or "Concept" in (r.source[0], r.target[0]):
            continue
        ends = []
        for key in (r.source, r.target):
            if key[0] == "Story":
                ends.append(STORY)
            else:
                ends.append(gmap.get(key) or f"?{graph.entities[key].name if key in graph.entities else key[1]}")
        t = (r.type, ends[0], ends[1])
        (unmapped if any(x.startswith("?") for x in ends) else pred_rels).add(t)
    gold_rels = set(gold.relations)
    for rtype in RELATION_TYPES:
        g = {t for t in gold_rels if t[0] == rtype}
        p = {t for t in pred_rels if t[0] == rtype}
        u = {t for t in unmapped if t[0] == rtype}
        if not (g or p or u):
            continue
        c = into.relations[rtype]
        c.tp += len(g & p)
        c.fp += len(p - g) + len(u)
        c.fn += len(g - p)
        for t in sorted(p - g) + sorted(u):
            into.errors["relation-fp"].append(f"{gold.name}: {t[1]} -{t[0]}-> {t[2]}")
        for t in sorted(g - p):
            into.errors["relation-fn"].append(f"{gold.name}: {t[1]} -{t[0]}-> {t[2]}")

    scheme = {c_id for (lbl, c_id), e in graph.entities.items() if lbl == "Concept" and e.properties.get("scheme")}
    omits = [r for r in graph.relations if r.type == "OMITS"]
    for item, concepts in gold.omissions:
        into.omissions_total += 1
        span = _find(text, item)
        got: set[str] = set()
        if span is not None:
            for r in omits:
                if r.evidence.start is not None and r.evidence.start < span[1] and span[0] < r.evidence.end:
                    got.add(r.target[1])
        if concepts:
            ok = bool(got) and got <= concepts
        else:
            ok = bool(got) and not (got & scheme)
        if ok:
            into.omissions_right += 1
        else:
            into.errors["omission"].append(f"{gold.name}: {item[:60]!r} -> {sorted(got)} (gold {sorted(concepts)})")


def _find(text: str, item: str) -> tuple[int, int] | None:
    words = re.findall(r"\w+", straighten(item))
    if not words:
        return None
    pattern = r"\W+".join(re.escape(w) for w in words)
    m = re.search(pattern, straighten(text), re.IGNORECASE)
    return (m.start(), m.end()) if m else None


def evaluate(gold: list[GoldStory], extractor: Extractor | None = None) -> dict[str, SplitScore]:
    """Score every gold story; returns one :class:`SplitScore` per split, plus "all" when there are
    several splits."""
    extractor = extractor or Extractor()
    scores: dict[str, SplitScore] = {}
    for story in gold:
        try:
            doc, raw = read_path(story.path)
        except ReaderError as exc:
            raise GoldError(f"{story.path}: {exc}") from None
        sc = scores.setdefault(story.split, SplitScore(story.split))
        sc.stories += 1
        try:
            graph = extractor.extract(doc, story_id=slugify(story.name), source=str(story.path), content_hash="gold")
        except Exception as exc:  # an extractor bug costs this story's recall, and is reported
            sc.errors["extraction-failed"].append(f"{story.name}: {type(exc).__name__}: {exc}")
            graph = StoryGraph(story={"id": slugify(story.name), "text": doc.text})
        score_story(story, graph, doc.text, sc)
    return scores


def load_baseline(path: str | Path) -> dict[str, dict[str, float]]:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"{path}: cannot read the baseline ({exc})") from None
    return {k: v for k, v in data.items() if isinstance(v, dict)}


def below_baseline(scores: dict[str, SplitScore], baseline: dict[str, dict[str, float]]) -> list[str]:
    """Figures that fell below the recorded baseline (empty when none did)."""
    out = []
    for split, floor in baseline.items():
        sc = scores.get(split)
        if sc is None:
            continue
        have = sc.summary()
        for metric, value in floor.items():
            if metric in have and have[metric] + 1e-9 < value:
                out.append(f"{split}: {metric} {have[metric]:.3f} is below the baseline {value:.3f}")
    return out
