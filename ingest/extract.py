"""Rule-based extraction (v1): a :class:`~powerlens.ingest.readers.Document` in, a
:class:`~powerlens.model.StoryGraph` out, with evidence (sentence and character offsets) on every
relationship.

The rules are general and data-driven: mentions come from :mod:`.mentions` (gazetteer, cues,
proper-noun phrases, quoted frames); relations from the trigger lexicon ``data/relations.toml``
constrained by the endpoints the ontology allows; omissions from the "What's Missing" section,
matched to the omission concept scheme of the ontology.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from powerlens.model import Entity, Evidence, Relation, StoryGraph, slugify
from powerlens.ontology import Ontology, load_ontology

from .gazetteer import load_gazetteer
from .mentions import POSSESSIVE, Lexicon, Mention, MentionFinder
from .readers import Document
from .resources import DataError, load_data
from .text import Sentence, split_sentences, straighten, tokenize

EXTRACTOR = "rules"
VERSION = "rules-1"

_NEGATION = {"not", "never", "no", "nor", "n't", "without", "hardly", "rarely"}
_MAX_SUBJECT_GAP = 8
_NARRATIVE_SECTIONS = {"summary", "audit", "synthesis", "missing", "body"}
_CONNECTIVES = {"and", "also", "while", "thereby", "thus", "further", "but", "by", "so", "in", "turn", "whilst", "even", "as", "simultaneously", "meanwhile"}
_GAP_OK = {"the", "a", "an", "its", "their", "his", "her", "'", '"', "‘", "“", "’", "”"}
_DETERMINERS = {"the", "a", "an", "these", "those", "their", "its", "our", "his", "her", "this", "that", "such"}


@dataclass(frozen=True)
class Pattern:
    type: str
    source_side: str  # "left" | "right"
    confidence: float
    trigger: tuple[str, ...]


class Extractor:
    """Extract one story's graph. Create once and reuse: data files are compiled in ``__init__``."""

    version = VERSION

    def __init__(self, ontology: Ontology | None = None):
        self.ontology = ontology or load_ontology()
        self.T = self.ontology.terms
        self.lx = Lexicon(self.ontology)
        self.gz = load_gazetteer(self.ontology)
        self.finder = MentionFinder(self.lx, self.gz)
        self.patterns = _patterns(self.ontology)
        self.max_trigger = max(len(p.trigger) for p in self.patterns)
        self.by_first: dict[str, list[Pattern]] = defaultdict(list)
        for p in self.patterns:
            self.by_first[p.trigger[0]].append(p)
        frames = load_data("frames")["dimensions"]
        known = set(self.ontology.frame_dimension_names)
        for dim in frames:
            if dim not in known:
                raise DataError(f"frames.toml: {dim!r} is not a frame dimension in the ontology")
        self.frame_keywords = frames
        lex = load_data("lexicon")
        self.omission_triggers = _token_phrases(lex.get("omissions", {}).get("triggers", []))
        self.precedent_cues = _token_phrases(lex.get("precedents", {}).get("cues", []))
        self.example_intro = self.lx.examples

    # --- entry point -----------------------------------------------------------------------------

    def extract(self, doc: Document, *, story_id: str, source: str, content_hash: str) -> StoryGraph:
        T = self.T
        story = {
            "id": story_id,
            "name": doc.title,
            "title": doc.title,
            "text": doc.text,
            "summary": doc.summary,
            "source": source,
            "content_hash": content_hash,
            "format": doc.format,
            "extractor_version": self.version,
            "published": doc.published,
        }
        g = StoryGraph(story=story)
        sentences = self._sentences(doc)
        mentions = {id(s): self.finder.find(s) for s in sentences}
        self._unify_types(sentences, mentions)
        self._link_short_forms(sentences, mentions)
        narrative = self._main_narrative(doc, sentences, mentions)
        nkey = self._entity(g, T.framing, None, narrative[0], narrative[0], dimension=self._dimension(narrative[0], narrative[1]))
        self._resolve_actor_anaphora(sentences, mentions, g)

        # power relations
        for s in sentences:
            if s.section in {"title", "dimensions"}:
                continue
            self._relations(g, s, mentions[id(s)], nkey)

        # MENTIONS (count + first span) and FRAMES. A lone capitalised word with no other cue is
        # kept only when it recurs or takes part in a relation.
        counts: dict[tuple[str, str], list] = {}
        weak: dict[tuple[str, str], list] = {}
        for s in sentences:
            for m in mentions[id(s)]:
                if m.anaphor:
                    continue
                if m.label not in self.lx.entity_labels:
                    continue
                entry = self.gz.lookup(m.name) if m.entry else None
                name = entry.name if entry else m.name
                key = (m.label, slugify(_clean_name(name)))
                bucket = weak if (m.how.startswith("capitalised-word") and key not in g.entities) else counts
                if key not in bucket:
                    bucket[key] = [0, s, m]
                bucket[key][0] += 1
        for key, val in weak.items():
            if key in counts:
                counts[key][0] += val[0]
            elif val[0] >= 2:
                counts[key] = val
        frames_done = set()
        for key, (count, s, m) in counts.items():
            key = self._mention_entity(g, m, s)
            if key is None:
                continue
            if key[0] in self.ontology.relationships[T.mentions].targets:
                self._rel(g, T.mentions, (T.story, story_id), key, s, m.start, m.end, m.confidence, "mention", count=count)
            if key[0] == T.framing and key not in frames_done:
                frames_done.add(key)
                self._rel(g, T.frames, (T.story, story_id), key, s, m.start, m.end, m.confidence, "quoted-frame")
        if nkey not in frames_done:
            s, (a, b) = narrative[1], narrative[2]
            self._rel(g, T.frames, (T.story, story_id), nkey, s, a, b, 0.7, "main-narrative")

        self._precedents(g, sentences, mentions)
        omitted = self._omissions(g, doc, sentences)
        self._covers(g, sentences, omitted)
        self._pathways(g, doc, sentences, mentions)
        g.warnings.extend(g.check_evidence())
        return g

    # --- sentences -------------------------------------------------------------------------------

    def _sentences(self, doc: Document) -> list[Sentence]:
        out: list[Sentence] = []
        if doc.title_span:
            out.extend(split_sentences(doc.text, doc.title_span.start, doc.title_span.end, "title"))
        boiler = sorted((b.start, b.end) for b in doc.boilerplate)
        for sec in doc.sections:
            if sec.kind == "pathways":
                for p in doc.pathways:
                    out.append(_as_sentence(doc.text, p.title_span.start, p.title_span.end, "pathways", p.rank))
                    if p.text:
                        for s in split_sentences(doc.text, p.text_span.start, p.text_span.end, "pathways"):
                            out.append(_with_rank(s, p.rank))
                continue
            for a, b in _minus(sec.start, sec.end, boiler):
                out.extend(split_sentences(doc.text, a, b, sec.kind))
        return out

    # --- entities --------------------------------------------------------------------------------

    def _entity(self, g: StoryGraph, label: str, kind: str | None, name: str, surface: str, **props) -> tuple[str, str]:
        lbl = self.ontology.label(label)
        entry = self.gz.lookup(name) if label != self.T.framing else None
        if entry is not None and entry.label == label:
            name = entry.name
            kind = entry.kind or kind
            if entry.note and lbl.property("description"):
                props.setdefault("description", entry.note)
        name = _clean_name(name)
        if lbl.kind_names():
            if kind not in lbl.kind_names():
                kind = lbl.default_kind
            props["kind"] = kind
        ent = Entity(label, slugify(name), name, props, {surface.strip()} if surface.strip() else set())
        return g.add_entity(ent).key

    def _mention_entity(self, g: StoryGraph, m: Mention, s: Sentence) -> tuple[str, str] | None:
        if m.label not in self.lx.entity_labels and m.label != self.T.concept:
            return None
        props = {}
        if m.label == self.T.framing:
            props["dimension"] = self._dimension(m.name, s)
        return self._entity(g, m.label, m.kind, m.name, m.surface, **props)

    _WEAK_TYPING = {"proper-noun", "capitalised-word", "possessive"}

    def _unify_types(self, sentences, mentions) -> None:
        """One name, one type per story: a name typed by a cue anywhere lends that type to its
        mentions typed only by the proper-noun fallback ("the Acme model" -> every Acme)."""
        strong: dict[str, Mention] = {}
        for s in sentences:
            for m in mentions[id(s)]:
                if not m.anaphor and m.how not in self._WEAK_TYPING and m.label != self.T.framing:
                    strong.setdefault(m.name, m)
        for s in sentences:
            for m in mentions[id(s)]:
                ref = strong.get(m.name)
                if ref is not None and m.how in self._WEAK_TYPING:
                    m.label, m.kind, m.how = ref.label, ref.kind, m.how + "+story-type"

    def _link_short_forms(self, sentences, mentions) -> None:
        """Within a story, a shorter name that is a prefix, suffix or acronym of a longer one of the
        same label ("the Post" aside) is the same entity: "Acme" -> "Acme Group"."""
        full: dict[str, list[Mention]] = defaultdict(list)
        for s in sentences:
            for m in mentions[id(s)]:
                if not m.anaphor and m.label != self.T.framing:
                    full[m.label].append(m)
        for label, ms in full.items():
            names = sorted({m.name for m in ms}, key=len, reverse=True)
            canon: dict[str, str] = {}
            for short in names:
                sw = short.split()
                for long in names:
                    if long == short or len(long) <= len(short):
                        continue
                    lw = long.split()
                    acronym = "".join(w[0] for w in lw if w[:1].isupper())
                    if (len(sw) < len(lw) and (lw[: len(sw)] == sw or lw[-len(sw):] == sw) and len(short) > 3) or short == acronym:
                        canon[short] = canon.get(long, long)
                        break
            for m in ms:
                if m.name in canon and (m.entry is None or m.entry.name == canon[m.name]):
                    m.name = canon[m.name]

    def _resolve_actor_anaphora(self, sentences, mentions, g) -> None:
        last_by_kind: dict[str, Mention] = {}
        for s in sentences:
            for m in mentions[id(s)]:
                if m.anaphor == "actor":
                    ref = last_by_kind.get(m.kind or "")
                    if ref is not None:
                        m.name, m.kind, m.anaphor, m.how = ref.name, ref.kind, None, "actor-anaphor"
                        m.confidence = 0.6
                    else:
                        m.anaphor = "unresolved"
                elif m.label == self.T.actor and not m.anaphor:
                    last_by_kind[m.kind or ""] = m

    def _main_narrative(self, doc, sentences, mentions) -> tuple[str, Sentence, tuple[int, int]]:
        """The narrative under review: the first quoted frame in the summary or audit (or in the
        body of a plain analysis); failing that, a narrative named after the story title."""
        order = ["summary", "audit", "body", "synthesis", "missing"]
        for section in order:
            for s in sentences:
                if s.section != section:
                    continue
                low = [t.lower for t in s.tokens]
                for m in mentions[id(s)]:
                    if m.label == self.T.framing and m.quoted and _introduced_as_frame(low, m):
                        return m.name, s, (m.start, m.end)
        for section in order:
            for s in sentences:
                if s.section != section:
                    continue
                for m in mentions[id(s)]:
                    if m.label == self.T.framing and m.quoted:
                        return m.name, s, (m.start, m.end)
        first = next((s for s in sentences if s.section in ("summary", "body", "audit")), sentences[0])
        words = doc.title.split()
        short = " ".join(words[:10]) + (" …" if len(words) > 10 else "")
        return f"{short} (narrative)", first, (first.start, first.end)

    def _dimension(self, name: str, s: Sentence | None) -> str:
        text = straighten(name).lower()
        context = straighten(s.text).lower() if s is not None else ""
        best, score = "Other", 0
        for dim, words in self.frame_keywords.items():
            n = sum(2 for w in words if w in text) + sum(1 for w in words if w in context)
            if n > score:
                best, score = dim, n
        return best

    # --- relations ---------------------------------------------------------------------------------

    def _rel(self, g, rtype, src, tgt, s: Sentence, start, end, conf, how, **props) -> None:
        rel = self.ontology.relationship(rtype)
        if not rel.allows(src[0], tgt[0]) or src == tgt:
            return
        start, end = max(start, s.start), min(end, s.end)
        for r in g.relations:
            if r.type == rtype and r.source == src and r.target == tgt and r.evidence.sentence == s.text:
                return
        ev = Evidence(g.id, s.text, start, end, round(max(0.05, min(conf, 0.99)), 3), f"{EXTRACTOR}:{how}", s.section)
        g.add_relation(Relation(rtype, src, tgt, ev, props))

    def _relations(self, g: StoryGraph, s: Sentence, ms: list[Mention], nkey) -> None:
        toks = s.tokens
        low = [t.lower for t in toks]
        covered = set()
        for m in ms:
            if not m.anaphor:
                covered.update(range(m.i, m.j))
        triggers = set()
        for k in range(len(low)):
            if k not in covered and k > 0 and low[k - 1] in {",", "and", "or", "but", "while", ";"} and any(
                tuple(low[k : k + len(p.trigger)]) == p.trigger for p in self.by_first.get(low[k], [])
            ):
                triggers.add(k)  # a new predicate ("..., and amplified by X") ends the previous object
        i = 0
        while i < len(toks):
            if i in covered:
                i += 1
                continue
            best = None
            for p in self.by_first.get(low[i], []):
                n = len(p.trigger)
                if tuple(low[i : i + n]) == p.trigger and not covered.intersection(range(i, i + n)):
                    if best is None or n > len(best[0].trigger):
                        best = (p, n)
            if best is None:
                i += 1
                continue
            n = best[1]
            prev = low[i - 1] if i > 0 else ""
            if any(w in _NEGATION for w in low[max(0, i - 3) : i]) or prev in _DETERMINERS or prev in POSSESSIVE \
                    or (prev == "-" and not toks[i].space_before) or (prev.endswith("ly") and best[0].source_side == "left"):
                i += n
                continue
            for p in [q for q in self.by_first[low[i]] if q.trigger == best[0].trigger]:
                if self._apply(g, s, ms, p, i, i + n, nkey, triggers):
                    break
            i += n

    def _apply(self, g, s, ms, p: Pattern, ti: int, tj: int, nkey, triggers: set[int]) -> bool:
        rel = self.ontology.relationship(p.type)
        left = [m for m in ms if m.j <= ti and m.anaphor != "unresolved"]
        left.sort(key=lambda m: ti - m.j)
        nxt = min((k for k in triggers if k >= tj + 1), default=None)
        right = self._right_args(s, ms, tj, nxt)
        src_side, tgt_side = (left, right) if p.source_side == "left" else (right, left)
        src_labels = rel.sources
        tgt_labels = rel.targets
        toks = s.tokens

        def key_of(m: Mention) -> tuple[str, str] | None:
            if m.anaphor in ("narrative", "pronoun"):
                return nkey
            return self._mention_entity(g, m, s)

        def fits(m, labels):
            return (m.label in labels) and (not m.weak or m.label == self.T.framing)

        # choose the first argument on the right (nearest), then the nearest fitting one on the left
        right_fit = [m for m in right if fits(m, tgt_labels if p.source_side == "left" else src_labels)]
        if not right_fit:
            return False
        first = right_fit[0]
        group = [first] + self._coordinated(s, right_fit, first)
        left_labels = src_labels if p.source_side == "left" else tgt_labels
        left_m = None
        for m in left[:8]:
            if not fits(m, left_labels):
                continue
            if p.source_side == "left" and not m.anaphor and ti - m.j > _MAX_SUBJECT_GAP:
                break  # an active verb's subject stands close to it
            left_m = m
            break
        implicit = False
        if left_m is None:
            if self.T.framing in left_labels and s.section in _NARRATIVE_SECTIONS and self._clause_initial(s, ti):
                implicit = True
            else:
                return False
        made = False
        for r in group:
            lk = nkey if implicit else key_of(left_m)
            rk = key_of(r)
            if lk is None or rk is None:
                continue
            src, tgt = (lk, rk) if p.source_side == "left" else (rk, lk)
            if not rel.allows(src[0], tgt[0]):
                continue
            start = min(toks[ti].start, r.start, left_m.start if left_m is not None else toks[ti].start)
            end = max(toks[tj - 1].end, r.end, left_m.end if left_m is not None else toks[tj - 1].end)
            dist = (0 if implicit else max(0, ti - left_m.j)) + max(0, r.i - tj)
            conf = p.confidence * min(r.confidence if not r.anaphor else 0.8, 0.95 if implicit else (left_m.confidence if not left_m.anaphor else 0.8)) ** 0.3
            conf -= min(0.15, 0.005 * dist) + (0.1 if implicit else 0)
            self._rel(g, p.type, src, tgt, s, start, end, conf, "trigger:" + " ".join(p.trigger))
            made = True
        return made

    def _clause_initial(self, s: Sentence, ti: int) -> bool:
        """Nothing but connectives between the clause start and the trigger ("..., while obscuring")."""
        low = [t.lower for t in s.tokens]
        k = ti - 1
        while k >= 0 and low[k] not in {",", ";", "—", "–", ":"}:
            if low[k] not in _CONNECTIVES:
                return False
            k -= 1
        return True

    def _right_args(self, s: Sentence, ms: list[Mention], tj: int, next_trigger: int | None = None) -> list[Mention]:
        low = [t.lower for t in s.tokens]
        stop = len(low) if next_trigger is None else next_trigger
        for k in range(tj, stop):
            if low[k] in {";", ".", ":", "?", "!"} or low[k] in self.lx.boundaries:
                stop = k
                break
        out = [m for m in ms if m.i >= tj and m.j <= stop and m.i - tj <= 14 and m.anaphor != "unresolved"]
        out.sort(key=lambda m: (m.i, -(m.j - m.i)))
        return out

    def _coordinated(self, s: Sentence, cands: list[Mention], first: Mention) -> list[Mention]:
        low = [t.lower for t in s.tokens]
        out = []
        prev = first
        for m in cands:
            if m.i < prev.j:
                continue
            gap = low[prev.j : m.i]
            ok = all(w in self.lx.coordination or w in POSSESSIVE or w in _GAP_OK for w in gap)
            if not ok or m.label != first.label and not (gap and gap[0] in POSSESSIVE):
                break
            out.append(m)
            prev = m
        return out

    # --- precedents, omissions, coverage, pathways ----------------------------------------------

    def _precedents(self, g, sentences, mentions) -> None:
        """'historical precedents (e.g., A or B)', 'parallels such as A and B' -> Precedent nodes
        linked to the story; plus every mention already typed as a Precedent."""
        T = self.T
        story = (T.story, g.id)
        for s in sentences:
            if s.section == "title":
                continue
            for m in mentions[id(s)]:
                if m.label == T.precedent and not m.anaphor:
                    key = self._mention_entity(g, m, s)
                    if key:
                        self._rel(g, T.parallels, story, key, s, m.start, m.end, 0.75, "precedent-mention")
            low = [t.lower for t in s.tokens]
            for i in range(len(low)):
                if not any(tuple(low[i : i + len(c)]) == c for c in self.precedent_cues):
                    continue
                for k in range(i + 1, min(len(low), i + 12)):
                    n = next((len(e) for e in self.example_intro if tuple(low[k : k + len(e)]) == e), 0)
                    if n:
                        for a, b in self._list_items(s, k + n):
                            name = _strip_det(s.text[a - s.start : b - s.start])
                            if len(name.split()) < 1 or len(name) < 3:
                                continue
                            key = self._entity(g, T.precedent, None, _precedent_name(name), name)
                            self._rel(g, T.parallels, story, key, s, a, b, 0.8, "precedent-list")
                        break
                    if low[k] in {".", ";"}:
                        break

    def _list_items(self, s: Sentence, k: int) -> list[tuple[int, int]]:
        """Items of a list starting at token k, up to ')' or the end of the clause."""
        toks = s.tokens
        items, cur = [], []
        depth = 0
        for q in range(k, len(toks)):
            w = toks[q].lower
            if w == "(":
                depth += 1
            if w == ")":
                if depth == 0:
                    break
                depth -= 1
            if depth == 0 and w in {";", ".", ":"}:
                break
            if depth == 0 and w == "," and q + 1 < len(toks) and toks[q + 1].lower in {"suggest", "suggests", "show", "shows", "which", "where", "that"}:
                break
            if depth == 0 and (w in {",", "or", "and"}):
                if cur:
                    items.append(cur)
                cur = []
                continue
            cur.append(toks[q])
            if len(cur) > 10:
                return items  # not a list of names
        if cur:
            items.append(cur)
        return [(c[0].start, c[-1].end) for c in items if c]

    def _omissions(self, g, doc: Document, sentences) -> set[str]:
        T = self.T
        omitted: set[str] = set()
        for s in sentences:
            if s.section != "missing":
                continue
            low = [t.lower for t in s.tokens]
            for i in range(len(low)):
                n = next((len(t) for t in self.omission_triggers if tuple(low[i : i + len(t)]) == t), 0)
                if not n:
                    continue
                start = s.tokens[i + n].start if i + n < len(s.tokens) else s.end
                for a, b in _split_items(doc.text, start, s.end):
                    item = doc.text[a:b]
                    for key in self._concepts_for(g, item):
                        omitted.add(key[1])
                        self._rel(g, T.omits, (T.story, g.id), key, s, a, b, 0.85, "whats-missing", text=item)
                break
        return omitted

    def _concepts_for(self, g, item: str) -> list[tuple[str, str]]:
        T = self.T
        scored = self._score_concepts(item)
        if scored:
            best = max(sc for _, sc in scored)
            keep = [c for c, sc in scored if sc >= max(2, best / 2)] or [c for c, sc in scored if sc == best]
            return [self._concept(g, c) for c in keep]
        name = _concept_name(item)
        if not name:
            return []
        key = self._entity(g, T.concept, None, name, item)
        return [key]

    def _score_concepts(self, text: str):
        t = " " + re.sub(r"\s+", " ", straighten(text).lower()) + " "
        out = []
        for c in self.ontology.omission_concepts:
            score = 0
            for lbl in (c.pref_label, *c.alt_labels):
                if re.search(r"\b" + re.escape(lbl.lower()) + r"\b", t):
                    score += 2
            for h in c.hidden_labels:
                if re.search(r"\b" + re.escape(h.lower()), t):
                    score += 1
            if score:
                out.append((c, score))
        return out

    def _concept(self, g, c) -> tuple[str, str]:
        T = self.T
        ent = Entity(T.concept, c.id, c.pref_label, {"iri": c.iri, "scheme": self.ontology.omission_scheme,
                                                     "description": c.definition}, set())
        return g.add_entity(ent).key

    def _covers(self, g, sentences, omitted: set[str]) -> None:
        """COVERS: a scheme concept that the story discusses in at least two sentences outside its
        list of omissions (and does not itself list as omitted)."""
        T = self.T
        hits: dict[str, list] = defaultdict(list)
        for s in sentences:
            if s.section in {"missing", "title", "dimensions"}:
                continue
            for c, score in self._score_concepts(s.text):
                if score >= 2:
                    hits[c.id].append((c, s))
        for cid, found in hits.items():
            if cid in omitted or len(found) < 2:
                continue
            c, s = found[0]
            key = self._concept(g, c)
            self._rel(g, T.covers, (T.story, g.id), key, s, s.start, s.end, 0.6, "concept-terms")

    def _pathways(self, g, doc: Document, sentences, mentions) -> None:
        T = self.T
        story = (T.story, g.id)
        targets = self.ontology.relationships[T.targets].targets
        for p in doc.pathways:
            pid = slugify(f"{g.id} pathway {p.rank}")
            ent = Entity(T.pathway, pid, p.title, {"text": p.text, "rank": p.rank, "story": g.id}, set())
            key = g.add_entity(ent).key
            title_s = next((s for s in sentences if s.section == "pathways" and getattr(s, "rank", None) == p.rank), None)
            if title_s is None:
                continue
            self._rel(g, T.proposes, story, key, title_s, p.title_span.start, p.title_span.end, 0.95, "pathway")
            for s in sentences:
                if s.section != "pathways" or getattr(s, "rank", None) != p.rank:
                    continue
                for m in mentions[id(s)]:
                    if m.anaphor or m.label not in targets:
                        continue
                    tk = self._mention_entity(g, m, s)
                    if tk:
                        self._rel(g, T.targets, key, tk, s, m.start, m.end, 0.6, "pathway-mention")
                for c, score in self._score_concepts(s.text):
                    if score >= 2 and T.concept in targets:
                        self._rel(g, T.targets, key, self._concept(g, c), s, s.start, s.end, 0.5, "pathway-concept")


# --- helpers --------------------------------------------------------------------------------------


class _RankedSentence(Sentence):
    pass


def _as_sentence(text: str, start: int, end: int, section: str, rank: int) -> Sentence:
    s = Sentence(start, end, text[start:end], section, tokenize(text[start:end], start))
    return _with_rank(s, rank)


def _with_rank(s: Sentence, rank: int) -> Sentence:
    r = _RankedSentence(s.start, s.end, s.text, s.section, s.tokens)
    object.__setattr__(r, "rank", rank)
    return r


_FRAME_WORDS = ("frame", "framing", "narrative", "story", "storyline", "trope", "myth", "spin", "rhetoric", "label")
_FRAME_VERBS = {"as", "into", "called", "dubbed", "branded", "billed"}


def _introduced_as_frame(low: list[str], m: Mention) -> bool:
    """A quoted phrase that the sentence presents as the frame: "frames X as a 'talent race'",
    "the 'flexibility' narrative", "casts it as 'energy security'"."""
    before = low[max(0, m.i - 4) : m.i]
    after = low[m.j : m.j + 3]
    if any(w in _FRAME_VERBS for w in before):
        return True
    return any(w.startswith(_FRAME_WORDS) for w in before + after)


def _minus(a: int, b: int, holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out, pos = [], a
    for s, e in holes:
        if e <= pos or s >= b:
            continue
        if s > pos:
            out.append((pos, s))
        pos = max(pos, e)
    if pos < b:
        out.append((pos, b))
    return out


_DET = re.compile(r"^(?:the|a|an|its|their|any|some)\s+", re.IGNORECASE)


def _strip_det(text: str) -> str:
    return _DET.sub("", text.strip(" ,.;:()")).strip()


def _clean_name(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" ,.;:'\"‘’“”")
    return name


def _precedent_name(text: str) -> str:
    t = _strip_det(text)
    return t[0].upper() + t[1:] if t and t[0].islower() else t


def _concept_name(item: str) -> str:
    t = _strip_det(re.sub(r"\s+", " ", item))
    t = re.split(r",|\bsuch as\b|\bwho\b|\bwhich\b|\bthat\b", t)[0].strip()
    words = t.split()
    if len(words) > 8:
        t = " ".join(words[:8])
    return t[:1].upper() + t[1:] if t else ""


_ITEM_START = re.compile(r"^(?:the|a|an|its|their|how|what|why|who|whether|any|whose|where|[A-Z])\b")
_ATTACH = re.compile(r"^(?:such as|e\.g\.|including|like|especially|particularly|notably|for example|in particular)\b", re.IGNORECASE)


def _split_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split an enumeration ("A, the B (e.g., C or D), and E") into item spans."""
    seg = text[start:end]
    pieces: list[list[int]] = []
    depth, cur = 0, 0
    for k, ch in enumerate(seg):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0:
            pieces.append([cur, k])
            cur = k + 1
    pieces.append([cur, len(seg)])
    # ", and X" / ", or X" pieces begin with the conjunction: drop it
    spans = []
    for a, b in pieces:
        piece = seg[a:b]
        lead = len(piece) - len(piece.lstrip())
        a += lead
        m = re.match(r"(?:and|or|as well as|nor)\s+", seg[a:b])
        if m:
            a += m.end()
        spans.append([a, b])
    merged: list[list[int]] = []
    for a, b in spans:
        piece = seg[a:b].strip()
        if not piece:
            continue
        if merged and (_ATTACH.match(piece) or not _ITEM_START.match(piece) and len(piece.split()) < 3):
            merged[-1][1] = b
        else:
            merged.append([a, b])
    # a final "A and the B" inside the last piece, when items start with determiners
    uses_det = all(_ITEM_START.match(seg[a:b].strip()) for a, b in merged)
    out = []
    for a, b in merged:
        piece = seg[a:b]
        m = re.search(r"\s+(?:and|or)\s+(?=(?:the|a|an|its|their|how|what|why|whether)\b)", piece)
        if uses_det and m and len(merged) == 1:
            out.append((a, a + m.start()))
            out.append((a + m.end(), b))
        else:
            out.append((a, b))
    result = []
    for a, b in out:
        piece = seg[a:b]
        stripped = piece.rstrip(" .;:")
        lead = len(piece) - len(piece.lstrip())
        if stripped.strip():
            result.append((start + a + lead, start + a + len(stripped)))
    return result


def _token_phrases(items: list[str]) -> list[tuple[str, ...]]:
    out = [tuple(t.lower for t in tokenize(p)) for p in items]
    return sorted(out, key=len, reverse=True)


@lru_cache(maxsize=4)
def _load_patterns(ontology_id: int, ontology: Ontology) -> tuple[Pattern, ...]:
    data = load_data("relations")
    out = []
    for row in data["pattern"]:
        rtype = row["type"]
        if rtype not in ontology.relationships:
            raise DataError(f"relations.toml: {rtype!r} is not a relationship type in the ontology")
        if row["source"] not in ("left", "right"):
            raise DataError(f"relations.toml: {rtype}: source must be 'left' or 'right'")
        for trig in row["triggers"]:
            toks = tuple(t.lower for t in tokenize(trig))
            out.append(Pattern(rtype, row["source"], float(row.get("confidence", 0.8)), toks))
    return tuple(out)


def _patterns(ontology: Ontology) -> tuple[Pattern, ...]:
    return _load_patterns(id(ontology), ontology)
