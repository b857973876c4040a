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

from . import english
from .decisions import Decisions
from .gazetteer import load_gazetteer
from .mentions import _NAME_ABBREVIATIONS, POSSESSIVE, Lexicon, Mention, MentionFinder, match_phrase
from .readers import Document
from .resources import DataError, load_data
from .text import Sentence, split_sentences, straighten, tokenize

EXTRACTOR = "rules"
VERSION = "rules-3"

_NEGATION = {"not", "never", "no", "nor", "n't", "without", "hardly", "rarely"}
_MAX_SUBJECT_GAP = 8
_NARRATIVE_SECTIONS = {"summary", "audit", "synthesis", "missing", "body"}
_CONNECTIVES = {"and", "also", "while", "thereby", "thus", "further", "but", "by", "so", "in", "turn", "whilst", "even", "as", "simultaneously", "meanwhile"}
_GAP_OK = {"the", "a", "an", "its", "their", "his", "her", "'", '"', "‘", "“", "’", "”"}
_DETERMINERS = {"the", "a", "an", "these", "those", "their", "its", "our", "his", "her", "this", "such", "own", "export", "price", "capital", "border"}


@dataclass(frozen=True)
class Pattern:
    type: str
    source_side: str  # "left" | "right"
    confidence: float
    trigger: tuple[str, ...]
    nominal: bool = False  # a noun in apposition ("the publisher of"): a determiner may precede
    targets: frozenset[str] = frozenset()  # labels the target may have (empty: those the ontology allows)


class _NoName(ValueError):
    """A mention whose name is empty once cleaned: never an entity."""


class Extractor:
    """Extract one story's graph. Create once and reuse: data files are compiled in ``__init__``."""

    version = VERSION

    def __init__(self, ontology: Ontology | None = None, decisions: Decisions | None = None):
        self.ontology = ontology or load_ontology()
        self.decisions = decisions or Decisions()
        self.resolver = self.decisions.resolver()
        fp = self.decisions.fingerprint
        self.version = VERSION + (f"+d{fp}" if fp else "")
        self.T = self.ontology.terms
        self.lx = Lexicon(self.ontology)
        self.gz = load_gazetteer(self.ontology)
        self.finder = MentionFinder(self.lx, self.gz)
        self.patterns = _patterns(self.ontology)
        self.max_trigger = max(len(p.trigger) for p in self.patterns)
        self.by_first: dict[str, list[Pattern]] = defaultdict(list)
        self.by_trigger: dict[tuple[str, ...], list[Pattern]] = defaultdict(list)
        self._pattern_order = {id(p): k for k, p in enumerate(self.patterns)}
        for p in self.patterns:
            self.by_first[p.trigger[0]].append(p)
            self.by_trigger[p.trigger].append(p)  # (in lexicon order: the first whose endpoints fit wins)
        # distinct triggers per first word, longest first
        self.triggers_by_first: dict[str, list[tuple[str, ...]]] = {
            w: sorted({p.trigger for p in ps}, key=len, reverse=True) for w, ps in self.by_first.items()}
        frames = load_data("frames")["dimensions"]
        known = set(self.ontology.frame_dimension_names)
        for dim in frames:
            if dim not in known:
                raise DataError(f"frames.toml: {dim!r} is not a frame dimension in the ontology")
        self.frame_keywords = frames
        lex = load_data("lexicon")
        self.omission_triggers = _tense_variants(_token_phrases(lex.get("omissions", {}).get("triggers", [])))
        self.precedent_cues = _token_phrases(lex.get("precedents", {}).get("cues", []))
        rel_data = load_data("relations")
        self.role_types: dict[tuple[str, ...], str] = {}
        for table, rtype in (("owner_roles", self.T.owns), ("funder_roles", self.T.funds), ("ally_roles", self.T.aligned_with),
                             ("roles", self.T.controls)):
            for phrase in _token_phrases(rel_data.get(table, {}).get("words", [])):
                self.role_types.setdefault(phrase, rtype)
        self.roles = sorted(self.role_types, key=len, reverse=True)
        self._role_first = {r[0] for r in self.roles}
        self.possessive_relations = dict(rel_data.get("possessive", {}))
        self.nominal_relations: dict[tuple[str, ...], str] = {}
        for row in rel_data.get("nominal_relation", []):
            if row["type"] not in self.ontology.relationships:
                raise DataError(f"relations.toml: nominal_relation {row['type']!r} is not a relationship type")
            for noun in row["nouns"]:
                self.nominal_relations[tuple(straighten(noun).lower().split())] = row["type"]
        self._nominal_first = frozenset(k[0] for k in self.nominal_relations)
        self._BENEFIT_CUES = frozenset(self._BENEFICIARY | self._BENEFIT_VERBS)
        ctx = load_data("cues").get("context_kinds", {})
        self._actor_default = self.ontology.labels[self.T.actor].default_kind
        self._precedent_default = self.ontology.labels[self.T.precedent].default_kind
        self.unknown_actor_kind = ctx.get("unknown_actor_kind", self._actor_default)
        if self.unknown_actor_kind not in self.ontology.labels[self.T.actor].kind_names():
            raise DataError(f"cues.toml: unknown_actor_kind {self.unknown_actor_kind!r} is not a kind of Actor")
        self.precedent_kinds = {}
        for kind, words in load_data("cues").get("precedent_kinds", {}).items():
            if kind not in self.ontology.labels[self.T.precedent].kind_names():
                raise DataError(f"cues.toml: [precedent_kinds] {kind!r} is not a kind of Precedent")
            for w in words:
                self.precedent_kinds[w] = kind
        self.ambiguous_heads = dict(load_data("cues").get("ambiguous_heads", {}))
        for w, kind in self.ambiguous_heads.items():
            if kind not in self.ontology.labels[self.T.actor].kind_names():
                raise DataError(f"cues.toml: [ambiguous_heads] {w} = {kind!r} is not a kind of Actor")
        # verbs whose subject can only be an actor ("X funds", "X publishes"): active triggers of
        # types whose sources are actors alone
        self._actor_verbs: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for p in self.patterns:
            if p.source_side == "left" and not p.nominal and self.ontology.relationships[p.type].sources == {self.T.actor}:
                self._actor_verbs[p.trigger[0]].append(p.trigger)
        self.context_cues = {
            "titles": set(ctx.get("person_titles", [])), "roles": set(ctx.get("person_roles", [])),
            "speech": set(ctx.get("speech_verbs", [])), "media_nouns": set(ctx.get("media_nouns", [])),
            "media_verbs": set(ctx.get("media_verbs", [])),
        }
        for label, rtype in self.possessive_relations.items():
            if label not in self.ontology.labels or rtype not in self.ontology.relationships:
                raise DataError(f"relations.toml: [possessive] {label} = {rtype!r} is not in the ontology")
        self.wrapped: dict[str, tuple[str, set[str]]] = {}
        for row in rel_data.get("wrapped", []):
            if row["type"] not in self.ontology.relationships:
                raise DataError(f"relations.toml: wrapped {row['type']!r} is not a relationship type")
            for v in row["verbs"]:
                self.wrapped[v] = (row["type"], set(row["complements"]))
        self._legit_triggers = sorted({p.trigger for p in self.patterns if p.type == self.T.legitimizes and p.source_side == "left"},
                                      key=len, reverse=True)
        self._legit_first = frozenset(t[0] for t in self._legit_triggers)
        self.questions = []
        for rtype, starts in lex.get("questions", {}).items():
            if rtype not in self.ontology.relationships:
                raise DataError(f"lexicon.toml: [questions] {rtype!r} is not a relationship type")
            self.questions.append((rtype, tuple(starts)))
        fronted = lex.get("fronted", {})
        self._fronted_served = tuple(fronted.get("served", []))
        self._fronted_omitted = tuple(fronted.get("omitted", []))
        self.given_names = frozenset(n for names in load_data("given_names").get("names", {}).values() for n in names)
        self.product_verbs = _token_phrases(lex.get("products", {}).get("verbs", []))
        self._product_verb_first = {v[0] for v in self.product_verbs}
        self.precedent_verbs = _token_phrases(lex.get("precedents", {}).get("verbs", []))
        self._precedent_verb_first = {v[0] for v in self.precedent_verbs}
        self.example_intro = self.lx.examples
        self._precedent_first = {c[0] for c in self.precedent_cues}
        om = lex.get("omissions", {})
        self.body_omission_triggers = _tense_variants(_token_phrases(om.get("body_triggers", [])))
        self.omission_subjects = set(om.get("subjects", []))
        self.omission_subjects |= {english.lemma(w) for w in self.omission_subjects}
        self.omission_nouns = set(om.get("paragraph_nouns", []))
        self.passive_omissions = _tense_variants(_token_phrases(om.get("passive", [])))
        self.excluding_words = set(om.get("excluding_words", []))
        self._passive_omission_first = frozenset(t[0] for t in self.passive_omissions)
        self.all_omission_triggers = sorted(set(self.omission_triggers) | set(self.body_omission_triggers), key=len, reverse=True)
        self.concept_keep_ratio = float(om.get("keep_ratio", 0.75))
        self.item_leads = sorted((straighten(x).lower() for x in om.get("item_leads", [])), key=len, reverse=True)
        self.dated_episode_concept = om.get("dated_episode_concept")
        if self.dated_episode_concept and self.dated_episode_concept not in {c.id for c in self.ontology.omission_concepts}:
            raise DataError(f"lexicon.toml: dated_episode_concept {self.dated_episode_concept!r} is not in the omission scheme")
        self._concept_cache: dict[str, list] = {}
        self._trigger_index: dict[int, tuple] = {}
        self._concept_patterns = []
        vocab = load_data("concept_words").get("concepts", {})
        scheme_ids = {c.id for c in self.ontology.omission_concepts}
        for cid in vocab:
            if cid not in scheme_ids:
                raise DataError(f"concept_words.toml: {cid!r} is not a concept of the omission scheme")
        # one pattern per kind of label over all concepts; a match maps back to its concepts
        self._label_owner: dict[str, dict[str, set]] = {"full": {}, "hidden": {}, "word": {}}
        for c in self.ontology.omission_concepts:
            for lbl in (c.pref_label, *c.alt_labels):
                self._label_owner["full"].setdefault(lbl.lower(), set()).add(c)
            for h in c.hidden_labels:
                self._label_owner["hidden"].setdefault(h.lower(), set()).add(c)
            for w in vocab.get(c.id, {}).get("words", []):
                self._label_owner["word"].setdefault(straighten(w).lower(), set()).add(c)

        def alternation(items):
            return _trie_pattern(items) if items else r"(?!x)x"

        self._concept_patterns = (
            re.compile(r"\b(?:" + alternation(self._label_owner["full"]) + r")\b"),
            re.compile(r"\b(?:" + alternation(self._label_owner["hidden"]) + ")"),
            re.compile(r"\b(" + alternation(self._label_owner["word"]) + r")(?:e?s)?\b"),
        )

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
        self._seen: set[tuple] = set()  # (type, source, target, sentence start) already related
        self._right_cache: dict[tuple, list] = {}  # arguments right of a trigger, per sentence and position
        self._shared_subject: dict[int, tuple[Mention, int]] = {}  # sentence -> (left argument, end of last right argument)
        sentences = self._sentences(doc)
        mentions = self._find_mentions(doc, sentences)
        self._unify_types(sentences, mentions)
        self._agents_named_like_policies(sentences, mentions)
        self._link_short_forms(sentences, mentions)
        self._precedent_objects(sentences, mentions)
        self._product_objects(sentences, mentions)
        self._legitimized_nps(sentences, mentions)
        self._resolve_actor_anaphora(sentences, mentions, g)
        self._resolve_definites(sentences, mentions)
        self._people(sentences, mentions)
        self._context_kinds(sentences, mentions)
        narrative = self._main_narrative(doc, sentences, mentions)
        nkey = self._entity(g, T.framing, None, narrative[0], narrative[0], dimension=self._dimension(narrative[0], narrative[1]))
        self._resolve_frame_references(sentences, mentions)
        self._frame_head_references(sentences, mentions)

        # power relations
        self._prev_ms: list[Mention] = []
        for s in sentences:
            if s.section in ("dimensions", "pathways"):
                continue  # (pathways recommend; what they name is no fact of power, see TARGETS)
            prev_ms, self._prev_ms = self._prev_ms, mentions[id(s)]
            self._prev_subject = next((m for m in prev_ms if not m.anaphor and m.label in (T.policy, T.metric, T.product)
                                       and m.i <= 2), None)
            if s.section == "title":
                # a headline says who produced the narrative ("How Sky Sports News covered X as 'Y'")
                self._relations(g, s, mentions[id(s)], nkey, only={self.T.produced})
                self._outlet_possessive(g, s, mentions[id(s)], nkey)
                self._nominal_relations(g, s, mentions[id(s)])  # "Saudi Arabia's ownership of Newcastle United"
                continue
            # what "What's Missing" lists are omissions (OMITS), not relations of the narrative
            self._relations(g, s, mentions[id(s)], nkey,
                            skip={T.obscures, T.excludes} if s.section == "missing" else None)
            words = s.words  # (each rule runs only where its cue words occur)
            possessive = not words.isdisjoint(POSSESSIVE)
            if possessive or "'" in words:
                self._outlet_possessive(g, s, mentions[id(s)], nkey)
                self._predicate_possessive(g, s, mentions[id(s)], nkey)
            if not words.isdisjoint(self._BENEFIT_CUES):
                self._beneficiaries(g, s, mentions[id(s)], nkey)
            if id(s) in self._role_pairs:
                self._roles(g, s, mentions[id(s)])
            if possessive:
                self._possessives(g, s, mentions[id(s)])
                self._apposed_possessor(g, s, mentions[id(s)])
            if "," in words:
                if possessive:
                    self._possessive_owner(g, s, mentions[id(s)])
                self._appositive_owner(g, s, mentions[id(s)])
            if not words.isdisjoint(self._nominal_first):
                self._nominal_relations(g, s, mentions[id(s)])
            if not words.isdisjoint(self.wrapped):
                self._wrapped(g, s, mentions[id(s)], nkey)
            if not words.isdisjoint(self._passive_omission_first):
                self._left_out(g, s, mentions[id(s)], nkey)
            if not words.isdisjoint(_BE_VERBS):
                self._fronted(g, s, mentions[id(s)], nkey)

        for s, nxt in zip(sentences, [*sentences[1:], None]):
            if nxt is not None:
                self._answered_question(g, s, nxt, mentions[id(nxt)], nkey)

        # MENTIONS (count + first span) and FRAMES. A lone capitalised word with no other cue is
        # kept only when it recurs or takes part in a relation.
        counts: dict[tuple[str, str], list] = {}
        weak: dict[tuple[str, str], list] = {}
        actorlike: set[tuple[str, str]] = set()
        framed: set[tuple[str, str]] = set()
        seen_frames: dict[tuple[str, str], int] = defaultdict(int)
        for s in sentences:
            low = s.low
            for m in mentions[id(s)]:
                if m.anaphor or m.label not in self.lx.entity_labels:
                    continue
                entry = self.gz.lookup(m.name) if m.entry else None
                key = (m.label, slugify(_clean_name(entry.name if entry else m.name)))
                if not m.locative:
                    actorlike.add(key)
                if m.label == T.framing:
                    seen_frames[key] += 1
                    if _introduced_as_frame(low, m) or seen_frames[key] > 1 or not m.quoted:
                        framed.add(key)
        for s in sentences:
            for m in mentions[id(s)]:
                if m.anaphor:
                    continue
                if m.label not in self.lx.entity_labels:
                    continue
                entry = self.gz.lookup(m.name) if m.entry else None
                name = entry.name if entry else m.name
                key = (m.label, slugify(_clean_name(name)))
                if key not in actorlike and key not in g.entities:
                    continue  # a state named only as a place ("in India") is not an actor here
                if m.label == T.actor and m.entry is None and not m.quoted and name.split() and name.split()[-1].split("-")[-1][:1].islower() \
                        and m.how.split("+")[0] in {"proper-noun", "capitalised-word"}:
                    continue  # "Indigenous peoples": a description, not a name
                if m.label == T.framing and key not in g.entities and key not in framed:
                    continue  # a quoted term that is never presented as a frame nor takes part in a relation
                if m.how == "common-np" and key not in g.entities:
                    continue  # a lower-case name is an entity only when it takes part in a relation
                # a lone capitalised word, or a community named once in passing, is an entity only
                # when it recurs or takes part in a relation
                bucket = weak if ((m.how.startswith("capitalised-word") or m.kind == "Community" or (m.entry is not None and m.entry.minor))
                                  and key not in g.entities) else counts
                if key not in bucket:
                    bucket[key] = [0, s, m]
                bucket[key][0] += 1
        for key, val in weak.items():
            if key in counts:
                counts[key][0] += val[0]
            elif val[0] >= 2:
                counts[key] = val
        frames_done = set()
        resolved: dict[tuple[str, str], list] = {}
        for count, s, m in counts.values():
            key = self._mention_entity(g, m, s)
            if key is None:
                continue
            if key in resolved:
                resolved[key][0] += count
            else:
                resolved[key] = [count, s, m]
        for key, (count, s, m) in resolved.items():
            if key[0] in self.ontology.relationships[T.mentions].targets:
                self._rel(g, T.mentions, (T.story, story_id), key, s, m.start, m.end, m.confidence, "mention", count=count)
            if key[0] == T.framing and key not in frames_done:
                frames_done.add(key)
                self._rel(g, T.frames, (T.story, story_id), key, s, m.start, m.end, m.confidence, "quoted-frame")
        if nkey not in frames_done:
            s, (a, b) = narrative[1], narrative[2]
            self._rel(g, T.frames, (T.story, story_id), nkey, s, a, b, 0.7, "main-narrative")

        # whoever produced the narrative, if nothing else typed it, is a media outlet
        default = self.ontology.labels[T.actor].default_kind
        for r in g.relations:
            if r.type == T.produced and r.source in g.entities:
                e = g.entities[r.source]
                if e.label == T.actor and e.properties.get("kind") in (default, self.unknown_actor_kind) and not self.gz.lookup(e.name):
                    e.properties["kind"] = "MediaOutlet"
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

    def _find_mentions(self, doc: Document, sentences: list[Sentence]) -> dict[int, list[Mention]]:
        """Mentions per sentence (keyed by ``id(sentence)``). Subclasses add other finders."""
        self.finder.doc_names = _names_inside_sentences(sentences)
        found = {id(s): self.finder.find(s, heading=s.section == "title" or getattr(s, "heading", False)) for s in sentences}
        # A one-word "name" that opens a sentence but appears in lower case elsewhere in the story
        # is an ordinary word ("Build rankings on...", "Until 2020..."), not an entity.
        vocab = set(re.findall(r"\b[a-z][a-z'’-]+\b", doc.text))
        for s in sentences:
            ms = found[id(s)]
            keep = [m for m in ms if not (m.i == 0 and m.j == 1 and m.entry is None and not m.quoted and not m.anaphor
                                          and (m.surface.lower() in vocab or (s.section == "pathways" and not s.tokens[0].is_acronym))
                                          and m.how not in {"quoted-frame"})]
            if len(keep) != len(ms):
                found[id(s)] = keep
        return found

    def _entity(self, g: StoryGraph, label: str, kind: str | None, name: str, surface: str, *, also: str | None = None,
                **props) -> tuple[str, str]:
        lbl = self.ontology.label(label)
        entry = self.gz.lookup(name) if label != self.T.framing else None
        if entry is not None and entry.label == label:
            name = entry.name
            kind = entry.kind or kind
            if entry.note and lbl.property("description"):
                props.setdefault("description", entry.note)
        name = _clean_name(self.resolver.resolve(label, name, surface))
        if not name or not any(c.isalnum() for c in name):
            raise _NoName(surface)
        if lbl.kind_names():
            if kind not in lbl.kind_names():
                kind = lbl.default_kind
            props["kind"] = kind
        extra = also if isinstance(also, tuple) else (also,)
        aliases = {x.strip() for x in (surface, *extra) if x and x.strip()}
        ent = Entity(label, slugify(name), name, props, aliases)
        return g.add_entity(ent).key

    def _mention_entity(self, g: StoryGraph, m: Mention, s: Sentence) -> tuple[str, str] | None:
        try:
            return self._mention_entity_unchecked(g, m, s)
        except _NoName:
            return None

    def _mention_entity_unchecked(self, g: StoryGraph, m: Mention, s: Sentence) -> tuple[str, str] | None:
        if m.label not in self.lx.entity_labels and m.label != self.T.concept:
            return None
        props = {}
        if m.label == self.T.framing:
            props["dimension"] = self._dimension(m.name, s)
        kind = m.kind
        if m.label == self.T.actor and m.entry is None and kind == self._actor_default \
                and m.how.split("+")[0] in {"proper-noun", "capitalised-word", "possessive"} and not m.surface.isupper():
            kind = self.unknown_actor_kind  # a bare name with no organisational head word
        if m.label == self.T.precedent and kind in (None, self._precedent_default):
            words = m.name.split()
            if len(words) > 2 and words[-2] == "of" and words[-1].isdigit():
                words = words[:-2]  # "the Fair Credit Reporting Act of 1970": the act is what it is
            last = words[-1].lower() if words else ""
            kind = self.precedent_kinds.get(last, kind)
        surface = "" if m.how in ("actor-anaphor", "definite") else m.surface  # "the regulator" is not a name of it
        also = m.base
        if m.label == self.T.precedent:
            # "the 2007 H5N1 sample dispute" is also "the H5N1 sample dispute"
            bare = _YEAR_AROUND.sub("", m.name).strip()
            if bare and bare != m.name and len(bare.split()) >= 1 and not bare.isdigit():
                also = (m.base, bare)
        return self._entity(g, m.label, kind, m.name, surface, also=also, **props)

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

    def _product_objects(self, sentences, mentions) -> None:
        """The object of a verb of making or selling ("the developer of Stelara", "SpaceX builds
        Starship"), when nothing else typed it, is a Product everywhere in the story."""
        T = self.T
        default = self.ontology.labels[T.actor].default_kind
        names: set[str] = set()
        for s in sentences:
            if s.words.isdisjoint(self._product_verb_first):
                continue
            low, ms = s.low, mentions[id(s)]
            for i, n in _phrases_in(low, self.product_verbs, self._product_verb_first):
                k = i + n
                while k < len(low) and low[k] in {"the", "a", "an", "its", "their", "own", "rival", "new", "popular"}:
                    k += 1
                m = next((m for m in ms if m.i == k and not m.anaphor), None)
                if m is None or m.label != T.actor or m.kind != default or m.entry is not None \
                        or m.how.split("+")[0] not in self._WEAK_TYPING:
                    continue
                if m.j < len(low) and (low[m.j] in POSSESSIVE or low[m.j] == "("):
                    continue  # "maker of Acme's ..." names the owner
                names.add(m.name)
        if not names:
            return
        kind = self.ontology.labels[T.product].default_kind
        for s in sentences:
            for m in mentions[id(s)]:
                if m.name in names and m.label == T.actor and m.how.split("+")[0] in self._WEAK_TYPING:
                    m.label, m.kind, m.how = T.product, kind, m.how + "+product-object"

    _NP_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "our", "this", "these", "that", "those"}
    _UNNAMED_GENERIC = {"idea", "ideas", "claim", "claims", "notion", "view", "views", "impression", "sense", "argument",
                        "arguments", "premise", "assumption", "assumptions", "belief", "beliefs", "perception", "approach",
                        "process", "way", "ways", "effort", "efforts", "move", "moves", "thing", "things", "case", "fact",
                        "facts", "picture", "account", "accounts", "version", "terms", "language", "word", "words", "figure",
                        "numbers", "number", "data", "evidence", "results", "findings", "point", "points", "position", "side",
                        "people", "companies", "firms", "industry", "sector", "market", "government", "state", "public"}

    def _legitimized_nps(self, sentences, mentions) -> None:
        """What a narrative legitimizes is often unnamed: "legitimizes the stress capital buffer",
        "presents dynamic pricing as a neutral market mechanism", "lends credibility to
        hilirisasi". The lower-case noun phrase right after such a verb becomes a relation-only
        Metric (a Policy when its head says so, or when it names a practice: "negative gearing")."""
        T = self.T
        for s in sentences:
            if s.section in {"title", "dimensions", "missing"}:
                continue
            words = s.words
            if words.isdisjoint(self._legit_first) and words.isdisjoint(self.wrapped):
                continue
            low, toks, ms = s.low, s.tokens, mentions[id(s)]
            starts = []
            for i, n in _phrases_in(low, self._legit_triggers, self._legit_first):
                starts.append(i + n)
            for i, w in enumerate(low):
                rule = self.wrapped.get(w)
                if rule is not None and rule[0] == T.legitimizes:
                    k = next((q for q in range(i + 1, min(len(low), i + 14)) if low[q] == "as"), None)
                    if k is not None and any(x in rule[1] for x in low[k + 1 : k + 5]):
                        starts.append(i + 1)
            for k in starts:
                for _ in range(4):  # "the stress capital buffer and the 1,000-stream threshold"
                    m = self._unnamed_np(s, ms, k)
                    if m is None:
                        break
                    ms[:] = [x for x in ms if not (x.anaphor == "definite" and x.i < m.j and m.i < x.j)]
                    ms.append(m)
                    ms.sort(key=lambda x: (x.i, -x.j))
                    q = m.j
                    if q < len(low) and low[q] == ",":
                        q += 1
                    if q >= len(low) or low[q] not in {"and", "or"}:
                        break
                    k = q + 1

    def _unnamed_np(self, s: Sentence, ms: list[Mention], k: int) -> Mention | None:
        T = self.T
        low, toks = s.low, s.tokens
        n = len(low)
        while k < n and low[k] in self._NP_DETERMINERS:
            k += 1
        if k >= n or any(m.i <= k < m.j and m.anaphor != "definite" for m in ms):
            return None
        j = k
        while j < n and j - k < 6:
            t, w = toks[j], low[j]
            if w in self._NP_STOP or w in self._NP_DETERMINERS or w in {"as", "to", "in", "on", "by", "with", "from", "at", "than", "into"}:
                break
            if w == "for" and j > k and j + 1 < n and toks[j + 1].is_word and not toks[j + 1].is_cap:
                j += 1  # "the value for money framework"
                continue
            if w in {"-", "‐"} and j > k and not t.space_before and j + 1 < n and not toks[j + 1].space_before:
                j += 1
                continue
            if w in self.lx.function_words_lower or not t.is_word and not (t.text[:1].isdigit() and j + 1 < n and low[j + 1] == "-"):
                break
            if t.is_cap or any(m.i == j and m.anaphor != "definite" for m in ms):
                return None  # a name: leave it to the name
            if j > k and not w.endswith("ing") and english.only(w, english.VERB):
                break
            j += 1
        while j > k and low[j - 1] in {"for", "-", "‐"}:
            j -= 1
        if j == k:
            return None
        head = low[j - 1]
        if head in self._UNNAMED_GENERIC or any(head in (f, f + "s", f + "ing") for f in self.lx.frame_words) \
                or not head.isalpha() and "-" not in head:
            return None
        if j - k == 1 and (english.word_classes(head) or len(head) < 5):
            return None  # one ordinary word ("legitimizes it", "lends credibility to claims")
        if not english.can_be(head, english.NOUN) and english.word_classes(head) and not head.endswith("ing"):
            return None
        if low[k] in self._NUMBER_WORDS:
            return None  # "two measures", "a single reassurance": a count, not a name
        hit = self.lx.trailing.get((head,)) or self.lx.category.get((head,))
        if hit and hit[0] in (T.metric, T.policy):
            label, kind = hit
        elif head in self._MEASURE_HEADS:
            label, kind = T.metric, None
        elif head in self._PRACTICE_HEADS or (head.endswith("ing") and j - k >= 2) or (j - k == 1 and not english.word_classes(head)):
            label, kind = T.policy, None  # "negative gearing", "the pro-rata system", "hilirisasi"
        else:
            return None  # no word of measure or policy: "one private network", "continued growth"
        surface = s.text[toks[k].start - s.start : toks[j - 1].end - s.start]
        return Mention(k, j, toks[k].start, toks[j - 1].end, surface, label, kind, surface, 0.55, "common-np")

    _PRACTICE_HEADS = {"system", "model", "discount", "policy", "policies", "practice", "practices", "exemption", "exemptions",
                       "relief", "concession", "concessions", "incentive", "incentives"}
    _MEASURE_HEADS = {"index", "buffer", "ratio", "ratios", "rate", "rates", "cost", "costs", "savings", "record", "records",
                      "list", "intensity", "performance", "framework", "measure", "measures", "estimate", "estimates",
                      "forecast", "forecasts", "projection", "projections", "scenario", "count", "tally", "average",
                      "baseline", "standard", "standards", "criteria", "criterion", "methodology", "formula", "yardstick",
                      "statistics", "figure", "share", "valuation", "value"}
    _NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "single", "several", "many", "some", "both", "each",
                     "every", "itself", "such", "other", "another"}

    def _agents_named_like_policies(self, sentences, mentions) -> None:
        """"the Responsible Minerals Initiative", "the Public Investment Fund": a name whose head
        word names both programmes and organisations (``cues.toml`` [ambiguous_heads]) is an
        organisation when it acts: the agent after "by" or "from", or the subject of a verb only an
        actor can do ("funds", "publishes", "amplified"). Decided once per name for the story."""
        T = self.T
        acting: dict[str, str] = {}
        for s in sentences:
            low = s.low
            for m in mentions[id(s)]:
                if m.anaphor or m.label not in (T.policy, T.metric) or m.entry is not None or m.how != "name-cue":
                    continue
                kind = self.ambiguous_heads.get(m.name.split()[-1]) if m.name.split() else None
                if kind is None or m.name in acting:
                    continue
                k = m.i - 1
                while k >= 0 and low[k] in {"the", "a", "an", "its", "their"}:
                    k -= 1
                agent = k >= 0 and low[k] in {"by", "from"}
                q = m.j
                if q + 2 < len(low) and low[q] == "(" and low[q + 2] == ")":
                    q += 3  # "the Public Investment Fund (PIF), which holds ..."
                if q + 1 < len(low) and low[q] == "," and low[q + 1] in {"which", "that", "who"}:
                    q += 2
                while q < len(low) and low[q] in {"is", "was", "has", "had", "also", "now", "still"}:
                    q += 1
                subject = q < len(low) and (any(_match_trigger(low, q, t) for t in self._actor_verbs.get(low[q], ()))
                                            or low[q] in {"chaired", "headed", "staffed", "led"})
                if agent or subject:
                    acting[m.name] = kind
        if not acting:
            return
        for s in sentences:
            for m in mentions[id(s)]:
                if m.name in acting and m.label == T.policy and m.entry is None:
                    m.label, m.kind, m.how = T.actor, acting[m.name], m.how + "+acting"

    _NP_STOP = {",", ";", ".", ":", "which", "when", "that", "where", "whose", "who", "—", "–", "(", "while", "but", "because", "as", "and", "or", "!", "?"}
    _NOT_EPISODE = {"it", "this", "that", "these", "those", "they", "them", "on", "in", "at", "by", "with", "for", "to",
                    "its", "their", "his", "her", "our", "what", "how", "which", "much", "many", "some", "such", "both", "all"}
    _AMPLIFYING_ECHOES = {"echo", "echoes", "echoed", "echoing", "repeats", "reprises", "replays", "reprised"}
    _NP_PREPOSITIONS = {"of", "in", "on", "under", "at", "from", "by", "with", "during", "to", "for", "against", "after",
                        "before", "between", "over", "into", "than"}
    _NP_SKIP = {"the", "a", "an", "its", "their", "this", "that", "those", "these", "earlier", "medieval", "old", "famous", "infamous", "so-called"}

    def _precedent_objects(self, sentences, mentions) -> None:
        """What a story 'recalls', 'echoes' or 'parallels' is a historical precedent: the name
        right after such a verb is retyped as a Precedent throughout the story, and an unnamed
        episode ("the medieval sale of indulgences") becomes one."""
        T = self.T
        names: dict[str, Mention] = {}
        for s in sentences:
            if s.section in {"title", "dimensions", "pathways", "missing"}:
                continue
            low = s.low
            ms = mentions[id(s)]
            for i, n in _phrases_in(low, self.precedent_verbs, self._precedent_verb_first):
                k = i + n
                if low[i] in self._AMPLIFYING_ECHOES and any(m.label == T.actor and not m.anaphor and not m.locative
                                                             and 0 <= i - m.j <= 4 and low[m.j] not in POSSESSIVE
                                                             and not any(w in {",", "which", "that", "who"} for w in low[m.j : i])
                                                             for m in ms):
                    continue  # "the RIAA echoed the line": an actor repeating is amplification, not a precedent
                if k < len(low) and (low[k] in {"almost", "nearly", "within", "verbatim", "word", "closely", "faithfully"}
                                     or (low[k].endswith("ly") and len(low[k]) > 4)):
                    continue  # "echoed almost word for word", "echoed closely"
                year = None
                while k < len(low) and not any(m.i == k for m in ms) \
                        and (low[k] in self._NP_SKIP or (s.tokens[k].text[:1].isdigit() and low[k + 1 : k + 2] != ["per"])):
                    if s.tokens[k].text[:1].isdigit():
                        year = k
                    k += 1
                if k >= len(low):
                    continue
                if low[k] == "s" and not s.tokens[k].space_before:
                    k += 1  # "the 1980s fight"
                    year = None
                hit = next((m for m in ms if m.i == k and not m.anaphor and m.label != T.framing), None)
                toks = s.tokens
                if hit is not None and year is not None and year == k - 1 and len(low[year]) == 4:
                    # "the 1978 World Cup", "the 1936 Berlin Olympics": the year is part of the episode
                    surface = s.text[toks[year].start - s.start : toks[hit.j - 1].end - s.start]
                    ms.append(Mention(year, hit.j, toks[year].start, toks[hit.j - 1].end, surface, T.precedent, None,
                                      surface, 0.7, "precedent-episode"))
                    ms.remove(hit)
                    ms.sort(key=lambda m: (m.i, -m.j))
                    continue
                if hit is None and k + 2 < len(low) and low[k] in self.lx.event_nouns and low[k + 1] == "of":
                    inner = next((m for m in ms if m.i == k + 2 and not m.anaphor and m.label != T.framing), None)
                    if inner is not None:
                        # "the collapse of FTX", "the break-up of Standard Oil", "the 2008 takeover of Manchester City"
                        b = year if year is not None and year == k - 1 and len(low[year]) == 4 else k
                        surface = s.text[toks[b].start - s.start : toks[inner.j - 1].end - s.start]
                        ms.append(Mention(b, inner.j, toks[b].start, toks[inner.j - 1].end, surface, T.precedent, None,
                                          surface, 0.7, "precedent-episode"))
                        ms.sort(key=lambda m: (m.i, -m.j))
                        continue
                if hit is not None and hit.j < len(low) and low[hit.j] in POSSESSIVE:
                    k = hit.j + 1  # "Germany's AMNOG reform": the precedent is what the possessor had
                    hit = next((m for m in ms if m.i == k and not m.anaphor and m.label != T.framing), None)
                toks = s.tokens
                if hit is not None:
                    # a name followed by lower-case words is an episode named after it ("the Kefauver
                    # hearings", "the Glasgow rent strikes", "Uber BV v Aslam")
                    j = hit.j
                    while j < len(low) and j - hit.j < 3 and toks[j].is_word and not toks[j].is_cap \
                            and low[j] not in self._NP_STOP and low[j] not in self.lx.function_words_lower \
                            and low[j] not in {"of", "in", "on", "to", "for", "from", "with", "by", "at", "against", "over", "under",
                                               "between", "about", "during", "after", "before", "across"}:
                        j += 1
                    if j > hit.j:
                        surface = s.text[toks[hit.i].start - s.start : toks[j - 1].end - s.start]
                        ms.append(Mention(hit.i, j, toks[hit.i].start, toks[j - 1].end, surface, T.precedent, None,
                                          surface, 0.7, "precedent-episode"))
                        ms.remove(hit)
                        ms.sort(key=lambda m: (m.i, -m.j))
                    elif hit.label != T.precedent and not (hit.label == T.actor and (hit.entry is not None or hit.kind in ("Person", "State"))):
                        names[hit.name] = hit  # (a known company or a person recalled is no precedent)
                    continue
                if k >= len(low) or not toks[k].is_word or low[k] in self._NOT_EPISODE or any(m.i <= k < m.j for m in ms):
                    continue
                j = k
                while j < len(low) and j - k < 8 and low[j] not in self._NP_STOP \
                        and not (j > k and low[j] in {"of", "in", "on", "under", "at", "from", "by", "with", "during", "before", "after"}) \
                        and not (j > k + 1 and not low[j].endswith("ing") and english.only(low[j], english.VERB)):
                    j += 1  # (a participle ends the phrase: "the lifetime bans handed out after ...")
                named_part = False
                if j < len(low) and low[j] == "of" and j > k and j - k <= 3 \
                        and (english.can_be(low[j - 1], english.NOUN) or low[j - 1].endswith("ing")):
                    # "the medieval sale of indulgences", "the editing of federal climate reports",
                    # "the collapse of Peru's anchoveta fishery": the noun's object is part of the episode
                    q = j + 1
                    while q < len(low) and low[q] in {"the", "a", "an"}:
                        q += 1
                    inner = next((m for m in ms if m.i == q and not m.anaphor and m.label != T.framing), None)
                    if inner is not None and low[j - 1] not in self.lx.event_nouns and j - k == 1:
                        # "the consequences of the Fairness Doctrine", "the logic of the Kimberley
                        # Process": the precedent is the name
                        if inner.label != T.precedent and inner.kind != "State":
                            names[inner.name] = inner
                        continue
                    e = q if low[q : q + 1] and low[q] not in self._NOT_EPISODE else len(low)
                    while e < len(low) and e - q < 5 and low[e] not in self._NP_STOP and low[e] not in self._NP_PREPOSITIONS \
                            and not (e > q and english.only(low[e], english.VERB)) \
                            and not (toks[e].text[:1].isdigit() and len(low[e]) == 4) \
                            and (toks[e].is_word or low[e] in POSSESSIVE or low[e] in {"-", "'"}):
                        e += 1
                    capitalised = [x for x in range(q, min(e, len(low))) if toks[x].is_cap and toks[x].is_word]
                    placed = bool(capitalised) and low[j - 1] not in self.lx.event_nouns  # ("contract selling of postwar Chicago")
                    if q < e < len(low) + 1 and toks[e - 1].is_word and not english.only(low[e - 1], english.VERB) and not placed:
                        j, named_part = e, True
                one_word = j - k == 1 and j < len(low) and low[j] == "," and j + 1 < len(low) and low[j + 1] in {"the", "a", "an"}
                if (j - k < 2 and not one_word) or j - k >= 12 or low[j - 1] in {"of", "in", "the", "to", "for", "on", "a", "an"} \
                        or low[j - 1].startswith(self.lx.frame_words):
                    continue  # ("the kipande, the registration pass": one word with an apposition)
                if any(m.i < j and m.j > k and not (named_part and m.i > k and m.j <= j) for m in ms):
                    continue  # a named thing inside (other than the object of "of"): leave it to the name
                if year is not None and year == k - 1 and len(low[year]) == 4:
                    k = year  # "the 1923 sale of the insulin patent"
                surface = s.text[toks[k].start - s.start : toks[j - 1].end - s.start]
                ms.append(Mention(k, j, toks[k].start, toks[j - 1].end, surface, T.precedent, None, surface, 0.65,
                                  "precedent-episode"))
                ms.sort(key=lambda m: (m.i, -m.j))
        self._dated_episodes(sentences, mentions, names)
        self._named_precedents(sentences, mentions, names)
        if not names:
            return
        kind = self.ontology.labels[T.precedent].default_kind
        for s in sentences:
            for m in mentions[id(s)]:
                if m.name in names and m.label != T.precedent:
                    m.label, m.kind, m.how = T.precedent, kind, m.how + "+precedent-context"

    def _defined_acronyms(self, sentences, mentions) -> None:
        """"the Food and Drug Administration (FDA)": the acronym is the full name everywhere in the
        story, with its label and kind. An acronym the story defines as something else ("total
        processing performance (TPP)") is never read as the gazetteer's entity of that acronym."""
        defined: dict[str, Mention] = {}
        other: set[str] = set()
        for s in sentences:
            toks, ms = s.tokens, mentions[id(s)]
            for k in range(1, len(toks) - 2):
                if toks[k].text == "(" and toks[k + 2].text == ")" and toks[k + 1].is_acronym:
                    acr = toks[k + 1].text
                    words = [t.text for t in toks[max(0, k - len(acr) - 3) : k] if t.is_word and t.lower not in {"and", "of", "for", "the", "&"}]
                    initials = "".join(w[0] for w in words[-len(acr):]).upper()
                    if len(words) >= len(acr) and initials == acr.upper() and not any(m.j == k for m in ms):
                        other.add(acr)  # defined by words that are not a recognised name
        for s in sentences:
            toks, ms = s.tokens, mentions[id(s)]
            if other:
                # an acronym the story spells out as an ordinary phrase ("maximum sustainable yield
                # (MSY)") names no entity, whatever a gazetteer says it stands for elsewhere
                ms[:] = [m for m in ms if not (m.surface in other and not m.anaphor
                                               and (m.entry is None or m.entry.name != m.surface))]
            for m in ms:
                j = m.j
                if m.anaphor or m.label == self.T.framing or j + 2 >= len(toks) or toks[j].text != "(" or toks[j + 2].text != ")":
                    continue
                acr = toks[j + 1].text
                if toks[j + 1].is_acronym or (acr[:1].isupper() and len(acr) <= 8 and " " not in acr):
                    defined.setdefault(acr, m)
        if not defined:
            return
        for s in sentences:
            for m in mentions[id(s)]:
                full = defined.get(m.surface) or defined.get(m.name)
                if full is not None and m is not full and not m.anaphor:
                    m.label, m.kind, m.name = full.label, full.kind, full.name
                    m.how += "+acronym"

    def _link_short_forms(self, sentences, mentions) -> None:
        """Within a story, a shorter name that is a prefix, suffix or acronym of a longer one of the
        same label ("the Post" aside) is the same entity: "Acme" -> "Acme Group"."""
        self._defined_acronyms(sentences, mentions)
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
            people = set()
            if label == self.T.actor:
                for short, long in canon.items():
                    lw = long.split()
                    # "Bill Pulte ... Pulte said": a two- or three-word name later called by its last
                    # word alone is a person's (firms are shortened by their first word)
                    if " " not in short and 2 <= len(lw) <= 3 and lw[-1] == short and not any(w in self.lx.head for w in lw) \
                            and all(w[:1].isupper() for w in lw) and self.gz.lookup(long) is None:
                        people.add(long)
            for m in ms:
                if m.name in canon and (m.entry is None or m.entry.name == canon[m.name]):
                    m.name = canon[m.name]
                if m.name in people and m.entry is None and m.kind in (None, self._actor_default, self.unknown_actor_kind):
                    m.kind = "Person"

    def _resolve_actor_anaphora(self, sentences, mentions, g) -> None:
        """"the company", "the regulator": the most salient actor of that kind among those named
        in the last three sentences (mentioned most often so far; the latest on a tie)."""
        seen: dict[str, list[tuple[int, Mention]]] = defaultdict(list)  # kind -> (sentence no, mention)
        counts: dict[str, int] = defaultdict(int)
        for no, s in enumerate(sentences):
            for m in mentions[id(s)]:
                if m.anaphor == "actor":
                    recent = [(k, x) for k, x in seen.get(m.kind or "", []) if no - k <= 3 and x.j <= m.i or k < no and no - k <= 3]
                    if recent:
                        best = max(recent, key=lambda kx: (counts[kx[1].name], kx[0], kx[1].i))[1]
                        m.name, m.kind, m.anaphor, m.how = best.name, best.kind, None, "actor-anaphor"
                        m.confidence = 0.6
                    else:
                        m.anaphor = "unresolved"
                elif m.label == self.T.actor and not m.anaphor:
                    counts[m.name] += 1
                    seen[m.kind or ""].append((no, m))

    def _resolve_definites(self, sentences, mentions) -> None:
        """"the ban", "the Bank", "that exchange", "the trial": a definite description refers to
        the latest entity named in the last four sentences whose name ends in its noun ("the
        nickel ore export ban", "World Bank", "London Metal Exchange"); failing that, for metrics,
        policies and products, to the latest one of its label and kind."""
        recent: list[tuple[int, Mention]] = []
        frames: dict[str, str] = {}  # last word of a quoted framing -> its name
        for s in sentences:
            for m in mentions[id(s)]:
                if m.label == self.T.framing and m.quoted and not m.anaphor and len(m.name.split()) >= 2:
                    frames.setdefault(english.lemma(m.name.split()[-1]), m.name)
        for no, s in enumerate(sentences):
            for m in mentions[id(s)]:
                if m.anaphor == "definite":
                    noun = english.lemma((m.refers or "").split()[-1] if m.refers else "")
                    frame = frames.get(noun)
                    if frame is not None:
                        # "The pledge was taken up by X" in a story about the "affordability pledge"
                        m.label, m.kind, m.anaphor, m.refers, m.how = self.T.framing, None, "narrative", frame, "frame-head"
                        continue
                    window = [(k, x) for k, x in recent if no - k <= 4 and (k < no or x.j <= m.i)]
                    mod = (m.refers or "").split()[0] if len((m.refers or "").split()) == 2 else None
                    if mod is not None and mod not in self.lx.generic_modifiers:
                        window = [(k, x) for k, x in window if mod in x.name.lower().split()]
                    best = next((x for k, x in reversed(window)
                                 if english.lemma(x.name.split()[-1]) == noun and x.label != self.T.framing), None)
                    if best is None and m.label in (self.T.metric, self.T.policy, self.T.product):
                        best = next((x for k, x in reversed(window) if x.label == m.label and x.kind == m.kind), None)
                    if best is None:
                        m.anaphor = "unresolved"
                        continue
                    m.name, m.label, m.kind, m.entry, m.anaphor = best.name, best.label, best.kind, best.entry, None
                    m.locative = False
                elif not m.anaphor and m.label != self.T.framing and m.name and not m.locative:
                    recent.append((no, m))

    def _resolve_frame_references(self, sentences, mentions) -> None:
        """A narrative reference whose modifiers name one of the story's quoted framings ("the
        water war frame", "the level-playing-field story", "the micro-entrepreneur story") refers
        to that framing; otherwise it refers to the main narrative."""
        names = {}
        for s in sentences:
            for m in mentions[id(s)]:
                if m.label == self.T.framing and not m.anaphor and m.name:
                    names.setdefault(m.name, _content_words(m.name))
        for s in sentences:
            for m in mentions[id(s)]:
                if m.anaphor != "narrative" or not m.refers:
                    continue
                words = _content_words(m.refers)
                if not words:
                    m.refers = None
                    continue
                exact = [n for n, w in names.items() if w == words]
                inside = [n for n, w in names.items() if words <= w]
                hit = exact or (inside if len(inside) == 1 else [])
                m.refers = hit[0] if hit else None

    def _quoted_modifier(self, s: Sentence, low: list[str], m: Mention) -> bool:
        """A quoted phrase right before a lower-case noun that is no frame word modifies that noun
        ("'inclusive access' textbook billing")."""
        k = m.j + 1 if m.j < len(low) and low[m.j] in {"'", '"', "’", "”"} else m.j
        if k >= len(low):
            return False
        t = s.tokens[k]
        w = low[k]
        if k + 1 < len(low) and low[k + 1] in {"the", "a", "an", "its", "their", "his", "her", "our", "up", "out", "off"}:
            return False  # 'a "security risk" set the terms': a verb follows, not a noun
        return t.is_word and not t.is_cap and w.isalpha() and w not in self.lx.function_words_lower \
            and not w.startswith(self.lx.frame_words) and w not in self.lx.verb_like and not w.endswith(("ed", "ly"))

    def _frame_head_references(self, sentences, mentions) -> None:
        """"The pledge was then taken up by PhRMA" in a story about the "affordability pledge": a
        definite noun phrase made of a framing's last word refers to that framing."""
        heads: dict[str, str] = {}
        for s in sentences:
            for m in mentions[id(s)]:
                if m.label == self.T.framing and m.quoted and not m.anaphor and len(m.name.split()) >= 2:
                    last = english.lemma(re.sub(r"[^a-z0-9-]", "", m.name.split()[-1]))
                    if last and last not in self.lx.function_words_lower:
                        heads.setdefault(last, m.name)
        if not heads:
            return
        for s in sentences:
            ms = mentions[id(s)]
            low, toks = s.low, s.tokens
            taken = {k for m in ms for k in range(m.i, m.j)}
            added = []
            for i in range(len(low) - 1):
                if low[i] in {"the", "this", "that", "such", "its"} and i not in taken and (i + 1) not in taken \
                        and toks[i + 1].is_word and not toks[i + 1].is_cap:
                    name = heads.get(english.lemma(low[i + 1]))
                    nxt = low[i + 2] if i + 2 < len(low) else ""
                    if name and not (nxt.isalpha() and english.can_be(nxt, english.NOUN) and not english.can_be(nxt, english.VERB)):
                        added.append(Mention(i, i + 2, toks[i].start, toks[i + 1].end, s.text[toks[i].start - s.start : toks[i + 1].end - s.start],
                                             self.T.framing, None, "", 0.6, "frame-head", anaphor="narrative", refers=name))
            if added:
                ms.extend(added)
                ms.sort(key=lambda m: (m.i, -m.j))

    def _narrative_key(self, g, m: Mention, s: Sentence, nkey):
        """The framing a narrative anaphor stands for: the one it names, else the main narrative."""
        if m.refers:
            key = self._entity(g, self.T.framing, None, m.refers, m.refers, dimension=self._dimension(m.refers, s))
            return key
        return nkey

    def _main_narrative(self, doc, sentences, mentions) -> tuple[str, Sentence, tuple[int, int]]:
        """The narrative under review, scored among the quoted frames: quoted in the title (+3),
        introduced as a frame ("the 'X' narrative", "framed as 'X'", +2 each time), named again
        anywhere (+1 per occurrence), first in the summary or body (+1). Failing any quoted frame,
        a narrative named after the story title."""
        T = self.T
        order = ["title", "summary", "audit", "body", "synthesis", "missing"]
        cands: dict[str, list] = {}
        for section in order:
            for s in sentences:
                if s.section != section:
                    continue
                low = s.low
                for m in mentions[id(s)]:
                    if m.label != T.framing or not m.quoted:
                        continue
                    c = cands.setdefault(m.name, [0.0, None, None])
                    if section == "title":
                        c[0] += 3
                        if c[1] is None:
                            c[1], c[2] = s, (m.start, m.end)  # the headline is evidence too
                    elif c[1] is None or c[1].section == "title":
                        c[1], c[2] = s, (m.start, m.end)
                    intro = _introduced_as_frame(low, m)
                    if intro:
                        c[0] += 3 if intro == "verb" else 2
                    elif self._quoted_modifier(s, low, m):
                        c[0] -= 2  # "'inclusive access' textbook billing": a name used as a modifier
        # "... a 'digital hustle'. The phrase has become house style": a narrative reference that
        # opens the next sentence takes up the frame quoted last
        last = None
        for s in sentences:
            ms = mentions[id(s)]
            quoted = [m for m in ms if m.label == T.framing and m.quoted and m.name in cands]
            if last is not None and not quoted and any(m.anaphor == "narrative" and m.i <= 1 and not m.refers for m in ms):
                cands[last][0] += 2
            last = quoted[-1].name if quoted else None
        cands = {k: v for k, v in cands.items() if v[1] is not None}
        for name in [k for k in cands if " " not in k.strip()]:
            # 'the "verdict" line' after '"football's verdict"': a quoted last word takes up the
            # longer frame it ends
            longer = [k for k in cands if k != name and " " in k.strip() and k.split()[-1].lower() == name.strip().lower()]
            if len(longer) == 1:
                cands[longer[0]][0] += cands.pop(name)[0]
        if cands:
            flat = re.sub(r"[-‐–\s]+", " ", straighten(doc.text).lower())
            for name, c in cands.items():
                c[0] += min(4, flat.count(re.sub(r"[-‐–\s]+", " ", name)))
            first = next(iter(cands))
            cands[first][0] += 1
            for name, c in cands.items():
                if " " not in name.strip():
                    c[0] -= 2  # one scare-quoted word is a weaker candidate than a quoted phrase
            name = max(cands, key=lambda k: cands[k][0])  # ties keep the earliest
            return name, cands[name][1], cands[name][2]
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
        seen_key = (rtype, src, tgt, s.start, props.get("text"))
        if seen_key in self._seen:
            return
        self._seen.add(seen_key)
        ev = Evidence(g.id, s.text, start, end, round(max(0.05, min(conf, 0.99)), 3), f"{EXTRACTOR}:{how}", s.section)
        g.add_relation(Relation(rtype, src, tgt, ev, props))

    _BENEFICIARY = {"beneficiary", "beneficiaries", "winner", "winners"}
    _BENEFIT_VERBS = {"benefits", "benefit", "benefited", "benefitted", "profits", "profit", "profited", "gains", "gain", "gained"}

    def _beneficiaries(self, g, s: Sentence, ms: list[Mention], nkey) -> None:
        """"Apple is the first beneficiary", "Its chief beneficiary is Boeing", "Google, OpenAI and
        Meta are its beneficiaries", "X and Y are the clearest beneficiaries of the 'Z' frame",
        "The Commission benefits as well": SERVES_INTERESTS_OF from the narrative (or the frame
        named) to the beneficiaries."""
        T = self.T
        if s.section not in _NARRATIVE_SECTIONS or s.section == "missing":
            return
        low = s.low
        actors = [m for m in ms if m.label == T.actor and not m.anaphor and not m.locative]
        if not actors:
            return
        for k, w in enumerate(low):
            targets: list[Mention] = []
            frame = nkey
            if w in self._BENEFICIARY:
                q = k - 1
                while q >= 0 and (low[q] in {"the", "its", "their", "a", "an", "main", "chief", "first", "biggest", "clearest", "obvious",
                                             "principal", "real", "most", "prime", "immediate", "direct", "other", "only", "also"}
                                  or low[q].endswith("est")):
                    q -= 1
                if q >= 0 and low[q] in {"is", "are", "was", "were", "remains", "remain"}:
                    last = next((m for m in reversed(actors) if m.j <= q and q - m.j <= 3), None)  # "X ... is the beneficiary"
                    if last is not None:
                        targets = [last] + self._coordinated_before(s, ms, last)
                elif k + 1 < len(low) and low[k + 1] in {"is", "are", "was", "were"}:
                    first = next((m for m in actors if m.i >= k + 2 and m.i - k <= 4), None)  # "Its chief beneficiary is X"
                    if first is not None:
                        targets = [first] + self._coordinated(s, [m for m in actors if m.i > first.i], first)
                if targets and k + 1 < len(low) and low[k + 1] == "of":
                    named = next((m for m in ms if m.label == T.framing and k + 1 < m.i <= k + 4), None)
                    if named is not None:
                        frame = self._narrative_key(g, named, s, nkey) if named.anaphor else self._mention_entity(g, named, s)
            elif w in self._BENEFIT_VERBS and k >= 1:
                after = low[k + 1] if k + 1 < len(low) else "."
                if after in {".", ",", ";", "as", "too", "most", "handsomely", "directly", "again", "also"}:
                    q = k
                    if low[k - 1] == ",":  # "The Commission, which enforces the DMA, benefits as well"
                        q = next((x for x in range(k - 2, max(-1, k - 16), -1) if low[x] == ","), k)
                    last = next((m for m in reversed(actors) if m.j <= q and q - m.j <= 2), None)  # "The Commission benefits as well"
                    if last is not None:
                        targets = [last] + self._coordinated_before(s, ms, last)
            for t in targets:
                key = self._mention_entity(g, t, s)
                if key and frame:
                    self._rel(g, T.serves_interests_of, frame, key, s, min(t.start, s.tokens[k].start), max(t.end, s.tokens[k].end), 0.7, "beneficiary")

    def _answered_question(self, g, s: Sentence, nxt: Sentence | None, ms_next: list[Mention], nkey) -> None:
        """"Whose interests does the race serve? Above all those of SpaceX." / "Whom does it
        serve? Palantir first.": the actors that answer the question are served."""
        T = self.T
        low = s.low
        if nxt is None or not low or low[-1] != "?" or s.section not in _NARRATIVE_SECTIONS:
            return
        text = " ".join(low)
        rtype = next((r for r, starts in self.questions if text.startswith(starts)), None)
        if rtype is None and "whose interests" in text and "serve" in text:
            rtype = T.serves_interests_of
        if rtype is None:
            return
        answer = [m for m in ms_next if m.label == T.actor and not m.anaphor and not m.locative and m.i <= 8]
        if not answer:
            return
        first = answer[0]
        for t in [first] + self._coordinated(nxt, answer[1:], first):
            key = self._mention_entity(g, t, nxt)
            if key:
                src, tgt = (nkey, key) if rtype == T.serves_interests_of else (key, nkey)
                self._rel(g, rtype, src, tgt, nxt, nxt.start, t.end, 0.6, "answered-question")

    def _predicate_possessive(self, g, s: Sentence, ms: list[Mention], nkey) -> None:
        """"The job creator frame was AL.com's", "The phrase is the FT's own": the narrative
        belongs to (was PRODUCED by) the actor whose possessive is the predicate."""
        T = self.T
        low = s.low
        for ref in ms:
            if ref.anaphor != "narrative" or ref.j + 3 > len(low) or low[ref.j] not in {"is", "was", "remains"}:
                continue
            k = ref.j + 1
            if low[k] in {"the", "largely", "mostly", "entirely", "originally", "first"}:
                k += 1
            actor = next((m for m in ms if m.i == k and m.label == T.actor and not m.anaphor), None)
            if actor is None or actor.j >= len(low) or low[actor.j] not in POSSESSIVE | {"'"}:
                continue
            after = low[actor.j + 1] if actor.j + 1 < len(low) else "."
            if after in {".", ",", ";", ":", "own", "—", "–", "and", "before", "from", "long"}:
                key = self._mention_entity(g, actor, s)
                if key:
                    self._rel(g, T.produced, key, self._narrative_key(g, ref, s, nkey), s, ref.start, s.tokens[actor.j].end, 0.7,
                              "predicate-possessive")

    def _outlet_possessive(self, g, s: Sentence, ms: list[Mention], nkey) -> None:
        """"Billboard's record-payout story", "Reuters' coverage": an outlet's possessive before a
        narrative noun produced the story's narrative."""
        T = self.T
        if s.section not in _NARRATIVE_SECTIONS | {"title"}:
            return
        low = s.low
        for m in ms:
            if m.anaphor or m.label != T.actor or m.kind not in ("MediaOutlet", None, self._actor_default, self.unknown_actor_kind):
                continue
            if m.j >= len(low) or low[m.j] not in POSSESSIVE | {"'"}:
                continue
            k = m.j + 1
            while k < len(low) and k - m.j <= 4 and low[k] not in _NARRATIVE_NOUNS and low[k].isalpha() and low[k] not in {"and", "or"}:
                k += 1  # "Billboard's record-payout story": modifiers before the noun
            if k < len(low) and low[k] in _NARRATIVE_NOUNS:
                key = self._mention_entity(g, m, s)
                if key and (m.kind == "MediaOutlet" or k == m.j + 1 or low[k] in {"coverage", "reporting"}):
                    self._rel(g, T.produced, key, nkey, s, m.start, s.tokens[k].end, 0.65, "outlet-possessive")

    def _relations(self, g: StoryGraph, s: Sentence, ms: list[Mention], nkey, only: set[str] | None = None,
                   skip: set[str] | None = None) -> None:
        toks = s.tokens
        low = s.low
        covered = set()
        for m in ms:
            if not m.anaphor:
                covered.update(range(m.i, m.j))
        by_first = self.triggers_by_first
        positions = [k for k, w in enumerate(low) if w in by_first and k not in covered]
        matched: dict[tuple[int, tuple[str, ...]], int] = {}

        words = s.words

        def match(k: int, trigger: tuple[str, ...]) -> int:
            if len(trigger) > 1 and not words.issuperset(trigger[1:]):
                return 0  # (a word of the trigger is nowhere in the sentence)
            key = (k, trigger)
            hit = matched.get(key)
            if hit is None:
                hit = matched[key] = _match_trigger(low, k, trigger)
            return hit

        triggers = {k for k in positions if k > 0 and (low[k - 1] in {",", "and", "or", "but", "while", ";"}
                                                       or (k > 1 and low[k - 1] in self._AUX and low[k - 2] in {",", "and", "but"}))
                    and any(match(k, t) for t in by_first[low[k]])}  # a new predicate ends the previous object ("and is chaired by")
        pos_iter = iter(positions)
        i = -1
        for i0 in pos_iter:
            if i0 < i:
                continue
            i = i0
            best = None
            for trig in by_first[low[i]]:
                n = match(i, trig)
                if not n or covered.intersection(range(i, i + n)):
                    continue
                for p in self.by_trigger[trig]:
                    if (only is not None and p.type not in only) or (skip and p.type in skip):
                        continue
                    if best is None or len(p.trigger) > len(best[0].trigger):
                        best = (p, n)
                    break
            if best is None:
                continue
            late = self._late_agent(low, i, best, only)
            if late is not None:
                best = late  # "Politico Europe, owned like its sister title by Axel Springer"
            n = best[1]
            prev = low[i - 1] if i > 0 else ""
            noun_compound = i >= 2 and low[i - 2] in {"the", "a", "an", "its", "their"} and toks[i - 1].is_word \
                and not toks[i - 1].is_cap and not any(m.i <= i - 1 < m.j for m in ms) and i + 1 < len(toks) and toks[i + 1].is_cap \
                and len(best[0].trigger) == 1 and not best[0].nominal  # "the industry fund HESTA"
            if noun_compound or any(w in _NEGATION for w in low[max(0, i - 3) : i]) or (prev in _DETERMINERS and not best[0].nominal) \
                    or (len(best[0].trigger) == 1 and "whose" in low[max(0, i - 3) : i]
                        and not any(w in self._AUX for w in low[max(0, i - 3) : i])) \
                    or prev in POSSESSIVE or (prev == "-" and not toks[i].space_before) \
                    or (prev.endswith("ly") and best[0].source_side == "left" and not best[0].nominal
                        and (best[0].trigger[0].endswith(("ed", "en")) or best[0].trigger[0] in {"run", "held", "owned", "led", "known", "built", "set"})):
                i += n
                continue
            # every pattern whose trigger ends where this one does ("is published by" also reads as
            # "published by"), in lexicon order
            pool = list(self.by_trigger[best[0].trigger])
            for k in range(i + 1, i + n):
                for trig in by_first.get(low[k], ()):
                    if match(k, trig) == i + n - k:
                        pool.extend(self.by_trigger[trig])
            candidates = sorted({id(q): q for q in pool if (only is None or q.type in only) and not (skip and q.type in skip)}.values(),
                                key=lambda q: self._pattern_order[id(q)])
            # a pattern with an explicit argument on each side beats one that falls back on the
            # story's narrative ("the Index, published by WIPO" is CONTROLS, not PRODUCED)
            if not any(self._apply(g, s, ms, p, i, i + n, nkey, triggers, implicit_ok=False) for p in candidates):
                any(self._apply(g, s, ms, p, i, i + n, nkey, triggers) for p in candidates)
            i += n

    _PARTICIPLES = {"run", "held", "owned", "led", "known", "built", "set", "paid", "sold", "made", "written", "backed", "bought"}

    def _late_agent(self, low: list[str], i: int, best, only) -> tuple[Pattern, int] | None:
        """A reduced relative whose agent comes late: ", owned like its sister title by X",
        ", compiled each year with help from academics by X". The participle after a comma is
        passive; the pattern "<participle> by" applies, its trigger running up to the "by"."""
        p, n = best
        if p.source_side != "left" or n != 1 or i == 0:
            return None
        q = i - 1
        while q > 0 and (low[q].endswith("ly") and len(low[q]) > 4 or low[q] in {"also", "still", "now", "then", "in", "turn"}):
            q -= 1
        if low[q] not in {",", "is", "are", "was", "were", "been", "be", "being"}:
            return None  # ("is controlled through its voting shares by X": a passive after a be-verb too)
        w = low[i]
        if not (w.endswith(("ed", "en")) or w in self._PARTICIPLES):
            return None
        for k in range(i + 1, min(len(low), i + 9)):
            if low[k] in {",", ";", ".", ":", "(", "—", "–"} or low[k] in self.lx.boundaries:
                return None
            if low[k] == "by":
                if k == i + 1:
                    return None  # "owned by": the lexicon's own passive trigger
                for q in self.by_first.get(w, []):
                    if q.source_side == "right" and q.trigger == (w, "by") and (only is None or q.type in only):
                        return q, k - i + 1
                return None
        return None

    def _apply(self, g, s, ms, p: Pattern, ti: int, tj: int, nkey, triggers: set[int], implicit_ok: bool = True) -> bool:
        rel = self.ontology.relationship(p.type)
        low_ = s.low
        left = [m for m in ms if m.j <= ti and m.anaphor != "unresolved"]
        left.sort(key=lambda m: ti - m.j)
        nxt = min((k for k in triggers if k >= tj + 1), default=None)
        right = self._right_args(s, ms, tj, nxt)
        src_side, tgt_side = (left, right) if p.source_side == "left" else (right, left)
        src_labels = rel.sources
        tgt_labels = rel.targets & p.targets if p.targets else rel.targets
        toks = s.tokens

        def key_of(m: Mention) -> tuple[str, str] | None:
            if m.anaphor in ("narrative", "pronoun"):
                return self._narrative_key(g, m, s, nkey)
            return self._mention_entity(g, m, s)

        def fits(m, labels):
            return (m.label in labels) and (not m.weak or m.label == self.T.framing) and not m.locative

        # choose the first argument on the right (nearest), then the nearest fitting one on the left
        right_fit = [m for m in right if fits(m, tgt_labels if p.source_side == "left" else src_labels)]
        if right_fit and right_fit[0].i - tj > 14:
            right_fit = []  # the first argument stands close to its verb (list members may run on)
        if p.source_side == "left" and self.T.framing in tgt_labels and tj < len(toks) \
                and toks[tj].lower in {"it", "this", "them"} and (not right_fit or right_fit[0].i > tj):
            # "the lobby echoed it": an object pronoun after the verb is the narrative
            right_fit = [Mention(tj, tj + 1, toks[tj].start, toks[tj].end, toks[tj].text, self.T.framing, None, "",
                                 0.6, "pronoun", anaphor="pronoun")]
        if right_fit and p.source_side == "left" and self._object_relative_frame(s, ms, ti) \
                and (right_fit[0].i - tj > 2 or (tj < len(low_) and low_[tj] in _TRIGGER_ADVERBS)):
            # "the Report, which Apple publishes each year with figures ..., and the study": the
            # verb's object is the noun the relative clause hangs on, not a name further on
            if self._object_relative(g, s, ms, p, ti, tj, key_of, fits):
                return True
        if right_fit and p.source_side == "left" and any(
                low_[q] == "to" and not toks[q + 1].is_cap and low_[q + 1] not in {"be", "have"}
                and english.can_be(low_[q + 1], english.VERB) and english.lemma(low_[q + 1]) == low_[q + 1]
                and not any(m.i <= q < m.j for m in ms)
                for q in range(tj, right_fit[0].i - 1)):
            # "the measure the DfE designed to compare pupils' GCSE results", "designed the chip to
            # beat Intel": a name after an infinitive of purpose is that verb's, not this one's
            right_fit = []
        if not right_fit:
            if p.source_side == "left":
                return self._object_relative(g, s, ms, p, ti, tj, key_of, fits)
            return False
        first = right_fit[0]
        if len(right_fit) > 1 and first.j < len(low_) and low_[first.j] in POSSESSIVE \
                and _example_gap(low_[first.j : right_fit[1].i]) and first.label == right_fit[1].label:
            # "favours the company's senior creditors, among them Elliott Management": the
            # possessor is not the target; the listed members are
            right_fit = right_fit[1:]
            first = right_fit[0]
        ante_rel = self._antecedent(s, ms, ti)
        group = [first] + self._coordinated(s, right_fit, first, stop_at_and=ante_rel is not None)
        left_labels = src_labels if p.source_side == "left" else tgt_labels
        left_m = None
        ante = self._antecedent(s, ms, ti)
        if ante is None and p.source_side == "right":
            # "Politico Europe, the Brussels outlet owned by Axel Springer": a participle after an
            # apposition describes the name the apposition is about
            ends = {m.j: m for m in ms if not m.anaphor}
            q = ti - 1
            while q >= 1 and ti - q <= 6 and low_[q] not in {"the", "a", "an"} and (
                    (toks[q].is_word and not toks[q].is_cap and low_[q] not in self.lx.function_words_lower
                     and low_[q] not in {"is", "are", "was", "were", "been", "be"})
                    or any(m.i <= q < m.j and m.locative for m in ms)):
                q -= 1  # back over the apposition's words ("the Brussels outlet owned by")
            if q >= 1 and low_[q] in {"the", "a", "an"} and low_[q - 1] == ",":
                ante = _ending_at(low_, ends, q - 1)
        shared = self._shared_subject.get(id(s))
        shared_narrative = False
        if shared is not None and p.source_side == "right":
            m0, end0 = shared
            low = [t.lower for t in toks]
            gap = _drop_asides(low[end0:ti])  # "produced by A, a Hong Kong-based outlet, and amplified by B"
            between = [w for w in gap if w not in {",", "and", "then", "later", "also", "is", "was", "are", "were", "first"}]
            if not between and "and" in gap:
                if m0 is None:
                    shared_narrative = self.T.framing in left_labels  # the first verb's subject was the narrative
                elif fits(m0, left_labels):
                    ante = m0  # "compiled by X and sponsored by Y": both describe the same thing
        if ante is not None and fits(ante, left_labels):
            left = [ante]
        elif p.source_side == "right" and left and not fits(left[0], left_labels) and not left[0].anaphor:
            return False  # a passive's subject is the name right before it: "the Index, published by X"
        asides = _relative_asides(toks, ti) if ante is None and p.source_side == "left" else ()
        for m in left[:8]:
            if not fits(m, left_labels) or any(a <= m.i < b for a, b in asides):
                continue  # (not a name inside a relative clause before the verb: "The Post, which Bezos owns, recirculated it")
            if p.source_side == "left" and not m.anaphor and m is not ante \
                    and len(_drop_asides(s.low[m.j:ti])) > _MAX_SUBJECT_GAP:
                break  # an active verb's subject stands close to it
            if p.source_side == "left" and not m.anaphor and m is not ante and m.i >= 1 and s.low[m.i - 1] in {"of", "about"}:
                break  # "Coverage of Google's targets repeats ...": a name after "of" is no subject
            if p.source_side == "right" and m is not ante and p.type != self.T.amplifies and p.type != self.T.produced \
                    and self._noun_between(s, m.j, ti):
                break  # "forest credits sold by Guyana": the passive's subject is the noun before it, no name
            left_m = m
            break
        implicit = False
        if left_m is None and p.source_side == "right" and self.T.framing not in left_labels and ti <= 4 \
                and getattr(self, "_prev_subject", None) is not None and fits(self._prev_subject, left_labels) \
                and any(m.anaphor == "pronoun" and m.i <= 1 and toks[m.i].lower == "it" for m in ms) \
                and all(w in {"it", "is", "was", "has", "been", "also", "now", "still", "jointly", "largely"} for w in low_[:ti]):
            # "The Moratorium is a pact. It is administered by ABIOVE": "it" is the last sentence's subject
            left_m = self._prev_subject
        if shared_narrative:
            left_m, implicit = None, True
        elif left_m is None:
            if implicit_ok and self.T.framing in left_labels and s.section in _NARRATIVE_SECTIONS and (
                    self._clause_initial(s, ti) or (p.source_side == "right" and self._unnamed_subject(s, ms, ti))):
                implicit = True
            else:
                return False
        made = False
        lefts = [left_m] if implicit else [left_m] + self._coordinated_before(s, ms, left_m)
        pairs = [(lm, r) for lm in lefts for r in group]
        for lm, r in pairs:
            lk = nkey if implicit else key_of(lm)
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
        if made and p.source_side == "right":
            self._shared_subject[id(s)] = (None if implicit else left_m, max(r.j for r in group))
        return made

    @staticmethod
    def _object_relative_frame(s: Sentence, ms: list[Mention], ti: int) -> bool:
        """The verb at ``ti`` follows "which/that (the) NAME": an object relative clause."""
        low = s.low
        subj = next((m for m in ms if m.j <= ti and ti - m.j <= 2 and not m.anaphor), None)
        if subj is None:
            return False
        k = subj.i - 1
        while k >= 0 and low[k] in {"the", "a", "an"} or (k >= 1 and low[k - 1] in {"the", "a"} and s.tokens[k].is_word and not s.tokens[k].is_cap):
            k -= 1
        return k >= 0 and low[k] in {"which", "that", "whom"}

    def _object_relative(self, g, s: Sentence, ms: list[Mention], p: Pattern, ti: int, tj: int, key_of, fits) -> bool:
        """An object relative clause: "the report, which Volkswagen publishes each year", "the
        rating the IMO imposes", "a chip the company designed" -> subject -TYPE-> the noun before."""
        rel = self.ontology.relationship(p.type)
        low = s.low
        subj = next((m for m in sorted(ms, key=lambda m: -m.j) if m.j <= ti and ti - m.j <= 2
                     and all(w in _TRIGGER_ADVERBS or w.endswith("ly") or w == ")" for w in low[m.j : ti])), None)
        if subj is None or not fits(subj, rel.sources) or subj.i == 0:
            return False
        if subj.i >= 2 and low[subj.i - 1] == "(":
            full = next((m for m in ms if m.j == subj.i - 1 and not m.anaphor), None)
            if full is not None:
                subj = full  # "the International Telecommunication Union (ITU) compiles"
        k = subj.i - 1
        if k >= 2 and low[k - 1] in {"the", "a", "an"} and self.lx.category.get((low[k],)):
            k -= 1  # "the study that the consultancy Analysis Group produces"
        if k >= 1 and low[k] in {"the", "a", "an"}:
            k -= 1
        ends = {m.j: m for m in ms if not m.anaphor and m is not subj}
        obj = None
        if low[k] in {"which", "that"}:
            if k >= 1 and low[k - 1] == ",":
                obj = _ending_at(low, ends, k - 1)
                if obj is None:  # "a 'guilt-free flying' pitch, which Delta spread": the frame before its noun
                    obj = next((m for m in ms if m.label == self.T.framing and not m.anaphor and k - 1 - m.j in (1, 2)
                                and low[m.j] not in {",", ";"}), None)
                if obj is None:  # "X, the annual report, which ..." / "X, the report that ..."
                    obj = _before_apposition(low, ends, k - 2, 10)
            else:
                obj = ends.get(k)
                if obj is None:
                    obj = _before_apposition(low, ends, k - 1, 9)
        elif k in ends:
            obj = ends[k]  # "the Acme Index Acme publishes" is rare; a name right before the subject
        elif low[k] not in {",", "and", "or", "but", "while"} and low[k][:1].isalpha():
            # "the A-to-E rating the IMO imposes": an apposition whose noun precedes the subject
            obj = _before_apposition(low, ends, k, 7, stops={"which", "that", "who"})
        if obj is None or not fits(obj, rel.targets):
            return False
        sk, ok = key_of(subj), key_of(obj)
        if sk is None or ok is None or not rel.allows(sk[0], ok[0]):
            return False
        toks = s.tokens
        self._rel(g, p.type, sk, ok, s, min(obj.start, subj.start), max(toks[tj - 1].end, subj.end), p.confidence * 0.85,
                  "object-relative:" + " ".join(p.trigger))
        return True

    def _coordinated_before(self, s: Sentence, ms: list[Mention], m: Mention | None) -> list[Mention]:
        """Names coordinated before ``m`` ("Tesco and Sainsbury's fund...", "Equifax, Experian and
        TransUnion, the three bureaus, which own..."): same label, joined only by commas and "and"."""
        if m is None or m.anaphor:
            return []
        low = s.low
        ends = {x.j: x for x in ms if not x.anaphor and x.label == m.label}
        out, cur = [], m
        if m.i >= 2 and low[m.i - 1] == "(" and m.j < len(low) and low[m.j] == ")" and (m.i - 1) in ends:
            cur = ends[m.i - 1]  # "the Real Estate Institute (REINSW)": coordinate from the full name
        while True:
            k = cur.i
            if k >= 1 and low[k - 1] in {"the", "a", "an"}:
                k -= 1  # "the RIAA and the IFPI"
            q = k - 1
            while q >= 0 and low[q] in {",", "and", "&", "or"}:
                q -= 1
            gap = low[q + 1 : k]
            prev = ends.get(q + 1)
            if prev is None or not gap or len(gap) > 2 or gap == [","] and not out and not any(w == "and" for w in low[m.j : m.j + 1]):
                break
            if gap == [","] and not self._list_closes(low, m):
                break
            out.append(prev)
            cur = prev
        return out

    @staticmethod
    def _list_closes(low: list[str], m: Mention) -> bool:
        """A comma-joined name belongs to a list only if the list closes with "and" somewhere
        before the last member ``m``."""
        return "and" in low[max(0, m.i - 12) : m.i]

    _AUX = {"is", "are", "was", "were", "has", "have", "had", "been", "be", "being", "now", "also", "still", "itself", "in", "turn",
            "since", "then", "already", "long", "once"}

    def _antecedent(self, s: Sentence, ms: list[Mention], ti: int) -> Mention | None:
        """The subject of a relative clause: "X, which is owned by Y", "X, the firm that runs Y"."""
        low = s.low
        k = ti - 1
        while k >= 0 and (low[k] in self._AUX or low[k] in self._SKIPPABLE or (low[k].endswith("ly") and len(low[k]) > 4)):
            k -= 1
        if k >= 1 and low[k] == "and":
            # "X, which is run by Y and administers Z": the second verb shares the relative subject
            for q in range(k - 1, max(0, k - 14), -1):
                if low[q] in {";", ".", ":", "but", "while"}:
                    return None
                if low[q] in {"which", "who"} and q >= 1 and low[q - 1] == ",":
                    return _ending_at(low, {m.j: m for m in ms if not m.anaphor}, q - 1)
            return None
        if k < 1 or low[k] not in {"that", "which", "who"}:
            return None
        c = k - 1
        ends = {m.j: m for m in ms if not m.anaphor}
        if low[c] == ",":
            hit = _ending_at(low, ends, c)
            if hit is not None:
                return hit
            return _before_apposition(low, ends, c - 1, 9)  # "X, the three bureaus, which ...": past the apposition
        return _before_apposition(low, ends, c, 9, openers=_APPOSITION_OPENERS | {"itself"})

    def _find_roles(self, s: Sentence, ms: list[Mention], prev: list[Mention] = ()) -> list[tuple[Mention, Mention, int, int, str]]:
        """Office-holders, owners and funders: "Jensen Huang, Nvidia's chief executive", "the
        company's chief executive, Richard Teng", "X, chair of Y", "Y chief executive X", "Rio
        Tinto, whose largest shareholder is Chinalco", "a lobby whose largest sponsor is Apple"
        -> (holder, org, i, j, relationship type)."""
        T = self.T
        low = s.low
        actors = [m for m in ms if m.label == T.actor and m.anaphor != "unresolved"]
        before = [m for m in prev if m.label == T.actor and not m.anaphor and m.kind not in ("Person", "State") and not m.locative]
        if len(actors) < 2 and not (actors and before):
            return []
        starts = {m.i: m for m in actors}
        ends = {m.j: m for m in actors}
        n = len(low)
        out = []
        for i0, r in _phrases_in(low, self.roles, self._role_first):
            j = i0 + r
            i = i0
            while i >= 1 and low[i - 1] in {"acting", "interim", "current", "new", "longtime", "long-serving", "executive", "deputy", "powerful",
                                            "largest", "biggest", "single", "sole", "main", "principal", "chief", "leading", "major",
                                            "dominant", "controlling", "founding"}:
                i -= 1  # "its acting director": the role's modifiers belong to it
            org = person = None
            if i >= 3 and low[i - 1] in {"now", "currently"} and low[i - 2] == ",":
                i -= 1  # "Kristalina Georgieva, now managing director of the IMF"
            if i >= 2 and low[i - 1] in POSSESSIVE and (i - 1) in ends:
                org = ends[i - 1]  # "Nvidia's chief executive"
                a = org.i
                if j < n and low[j] == "," and (j + 1) in starts:
                    person = starts[j + 1]  # ..., Richard Teng
                elif j + 1 < n and low[j] == "," and low[j + 1] == "the" and (j + 2) in starts:
                    person = starts[j + 2]  # "the paper's owner, the Scott Trust"
                elif a >= 2 and low[a - 1] == "," and a - 1 in ends:
                    person = ends[a - 1]  # Jensen Huang, Nvidia's chief executive
                elif a >= 3 and low[a - 1] == "the" and low[a - 2] == "," and a - 2 in ends:
                    person = ends[a - 2]  # Fatih Birol, the IEA's executive director
            elif i >= 2 and low[i - 1] in {"its", "their"} and low[i - 2] == "," and (i - 2) in ends:
                person = ends[i - 2]  # "X, Y's lobby, ... Willie Walsh, its director general" -> last org
                org = next((m for m in reversed(actors) if m.j < person.i and m.kind not in ("Person", "State")), None)
                if org is None and before:
                    org = before[-1]  # "The Association ... . Willie Walsh, its director general, ..."
            elif low[j - 1] in {"of", "for", "at"} and j < n and (j in starts or (low[j] == "the" and (j + 1) in starts)):
                org = starts.get(j) or starts[j + 1]  # "the minister in charge of (the) Y"
                if i >= 2 and low[i - 1] == "," and (i - 1) in ends:
                    person = ends[i - 1]
                elif i >= 3 and low[i - 1] in {"the", "a"} and low[i - 2] == "," and (i - 2) in ends:
                    person = ends[i - 2]
            elif j + 1 < n and low[j] in {"of", "at"} and ((j + 1) in starts or (low[j + 1] == "the" and (j + 2) in starts)):
                org = starts.get(j + 1) or starts[j + 2]  # chief executive of (the) Y
                if i >= 2 and low[i - 1] == "," and (i - 1) in ends:
                    person = ends[i - 1]
                elif i >= 3 and low[i - 1] in {"the", "a"} and low[i - 2] == "," and (i - 2) in ends:
                    person = ends[i - 2]
                elif org.j < n and low[org.j] == "," and (org.j + 1) in starts:
                    person = starts[org.j + 1]
            w = i - 1
            while w >= 1 and low[w] not in {"whose", ",", ";"} and i - w <= 3 and s.tokens[w].is_word and not s.tokens[w].is_cap:
                w -= 1  # "whose corporate sponsors": modifiers of the role
            if org is None and w >= 2 and low[w] == "whose":
                owner = _ending_at(low, ends, w - 1) if low[w - 1] == "," else _before_apposition(low, ends, w - 1, 8)
                q = j
                while q < n and low[q] not in {"is", "was", "are", "were", "include", "includes", "included", "have", ","} and q - j < 5:
                    q += 1  # "whose chairman and chief executive is X", "whose chief executive, X,"
                while q + 1 < n and (low[q + 1] in {"included", "the", "a", "an", "now", "still", "long"}
                                     or ((s.tokens[q + 1].text,) in self.lx.person_titles and (q + 2) in starts)):
                    q += 1  # "whose corporate sponsors have included X", "whose owner is the X Trust"
                if owner is not None and j in starts:
                    org, person = owner, starts[j]  # "whose chief executive Michael Rapino has argued"
                elif owner is not None and q < n and (q + 1) in starts:
                    org, person = owner, starts[q + 1]
            if org is None and i >= 1 and i in ends and j in starts:
                org, person = ends[i], starts[j]  # "Nvidia chief executive Jensen Huang"
            if org is None and i >= 1 and low[i - 1] in {"its", "their"} \
                    and (j in starts or (j + 1 < n and low[j] == "," and (j + 1) in starts and i - 1 <= 1)):
                # "Alphabet, Google's parent, and its chief executive Sundar Pichai"; "Its chief
                # executive, Alex Blania, ..." (the organisation is the last sentence's)
                person = starts[j] if j in starts else starts[j + 1]
                c0 = max((q for q in range(i) if low[q] in {";", ":"}), default=-1)
                # the clause's first organisation, not one inside an apposition ("Google's parent")
                org = next((m for m in actors if c0 < m.i and m.j <= i - 1 and m.kind not in ("Person", "State") and m is not person), None)
                if org is None and before:
                    org = before[-1]
            if org is not None and person is None and i >= 3 and low[i - 1] in POSSESSIVE and low[org.i - 1] == "as" \
                    and org.i >= 2 and low[org.i - 2] in {"sits", "sat", "serves", "served", "acts", "acted", "remains", "remained", "works", "worked"}:
                # "Yasir Al-Rumayyan, the governor of the PIF, sits as Newcastle's chairman"
                verb = org.i - 2
                asides = _relative_asides(s.tokens, verb)
                person = next((m for m in reversed(actors) if m.j <= verb and not any(a <= m.i < b for a, b in asides)
                               and m is not org), None)
            if org is not None and person is None:
                person = self._copula_holder(s, actors, org.i if org.j <= i else (i - 1 if i >= 1 and low[i - 1] in {"the", "a"} else i))
            if org is None or person is None or org is person or org.name == person.name:
                continue
            rtype = self.role_types[tuple(low[i0:j])]
            if rtype == T.controls and (person.kind not in (None, "Person", self.ontology.labels[T.actor].default_kind)
                                        or person.entry is not None):
                continue  # an office is held by a person
            out.append((person, org, i, j, rtype))
            # "Oracle's chairman and largest shareholder": a second role of the same holder
            if j + 1 < n and low[j] == "and":
                k = next((r for r in self.roles if tuple(low[j + 1 : j + 1 + len(r)]) == r), None)
                if k is not None:
                    rtype2 = self.role_types[k]
                    if rtype2 != rtype:
                        out.append((person, org, i, j + 1 + len(k), rtype2))
        return out

    _COPULAS = (("is",), ("became",), ("becomes",), ("remains",), ("has", "become"), ("was", "named"), ("was", "appointed"),
                ("has", "been", "named"), ("has", "been", "appointed"), ("took", "over", "as"), ("serves", "as"), ("is", "also"))

    def _copula_holder(self, s: Sentence, actors: list[Mention], k: int) -> Mention | None:
        """The subject of "X is (now) Y's chief executive", "X became the chair of Y", "X, who
        joined in 2019, is now ...": the office's holder before a copula ending at ``k``."""
        low = s.low
        q = k
        while q >= 1 and low[q - 1] in {"now", "still", "currently", "also"}:
            q -= 1
        verb = None
        for c in self._COPULAS:
            if q - len(c) >= 1 and tuple(low[q - len(c) : q]) == c:
                verb = q - len(c)
                break
        if verb is None:
            return None
        if verb >= 1 and low[verb - 1] == "and":
            # "Simon Trott, who took over the division and is now Rio Tinto's chief executive"
            w = next((x for x in range(verb - 2, max(0, verb - 25), -1) if low[x] in {"who", ";", ".", ":"}), None)
            if w is not None and low[w] == "who" and w >= 2 and low[w - 1] == ",":
                m = _ending_at(low, {m.j: m for m in actors if not m.anaphor}, w - 1)
                return m if m is not None and m.kind == "Person" else None
            return None
        asides = _relative_asides(s.tokens, verb)
        for m in sorted((m for m in actors if m.j <= verb), key=lambda m: -m.j):
            if any(a <= m.i < b for a, b in asides):
                continue
            gap = _drop_asides(low[m.j : verb])
            if m.kind == "Person" and len([w for w in gap if w != ","]) == 0:
                return m
            break
        return None

    _PRECEDENT_NOUNS = {"precedent", "parallel", "analogy", "analogue", "template", "warning", "lesson", "model", "forerunner", "antecedent"}

    def _named_precedents(self, sentences, mentions, names: dict) -> None:
        """"the precedent of X", "the parallel with X", "the lessons of X"; "X is the closer
        precedent", "X offers a warning": in the synthesis (or a plain analysis), X is a precedent."""
        T = self.T
        for s in sentences:
            if s.section not in {"synthesis", "body"}:
                continue
            low = s.low
            ms = [m for m in mentions[id(s)] if not m.anaphor and m.label != T.framing]
            starts = {m.i: m for m in ms}
            for i, w in enumerate(low):
                stem = w[:-1] if w.endswith("s") else w
                if stem not in self._PRECEDENT_NOUNS:
                    continue
                # "the precedent of X", "the parallel with X", "the lessons of X"
                if i + 1 < len(low) and low[i + 1] in {"of", "with", "from", "set by"}:
                    k = i + 2
                    while k < len(low) and low[k] in {"the", "a", "an"}:
                        k += 1
                    m = starts.get(k)
                    if m is not None and m.label != T.precedent and m.kind not in ("State", "Person") \
                            and not (m.label == T.actor and m.entry is not None):
                        names[m.name] = m
                # "X is the closer precedent", "X offers a warning"
                k = i - 1
                while k >= 0 and i - k <= 5 and (low[k] in {"the", "a", "an", "more", "most", "less", "far", "much"}
                                                 or (s.tokens[k].is_word and not s.tokens[k].is_cap and low[k].isalpha()
                                                     and low[k] not in self.lx.function_words_lower
                                                     and low[k] not in {"is", "was", "are", "were", "offers", "offered", "provides",
                                                                        "provided", "remains", "offer", "provide"})):
                    k -= 1  # "X is a more recent precedent", "X offers a grimmer parallel"
                if k >= 1 and low[k] in {"is", "was", "are", "were", "offers", "offered", "provides", "provided", "remains", "offer", "provide"}:
                    q = k
                    if low[q - 1] == ",":  # "The HQ2 contest of 2017, which ..., is a more recent precedent"
                        q = next((x for x in range(q - 2, max(-1, q - 20), -1) if low[x] == ","), q)
                    m = next((x for x in reversed(ms) if x.j <= q and q - x.j <= 4), None)
                    if m is not None and m.label != T.precedent and m.kind not in ("State", "Person") \
                            and not (m.label == T.actor and m.entry is not None):
                        names[m.name] = m

    def _dated_episodes(self, sentences, mentions, names: dict) -> None:
        """Dated episodes are precedents: "the subprime mortgage crisis of 2008", "the Equifax data
        breach of 2017" (a phrase ending in an episode noun, then "of"/"in" and a year), and, in the
        synthesis section, any name dated that way ("the Fair Credit Reporting Act of 1970")."""
        T = self.T
        heads = self.lx.episode_heads
        for s in sentences:
            if s.section in {"title", "dimensions", "pathways", "missing"}:
                continue
            low = s.low
            toks, ms = s.tokens, mentions[id(s)]
            for y in range(2, len(low)):
                if not (low[y].isdigit() and len(low[y]) == 4 and low[y - 1] in {"of", "in"}):
                    continue
                e = y - 2  # the word before "of YEAR"
                named = next((m for m in ms if (m.j == e + 1 or m.j == y + 1 and m.i < e) and not m.anaphor and m.label != T.framing), None)
                if named is not None and s.section == "synthesis" and named.label in (T.policy, T.actor, T.metric) \
                        and named.kind != "State":
                    names[named.name] = named
                    continue
                if low[e] not in heads or any(m.i <= e < m.j for m in ms if m.label == T.precedent):
                    continue
                b = e
                while b - 2 >= 0 and low[b - 1] in {"-", "‐"} and not toks[b - 1].space_before and not toks[b].space_before:
                    b -= 2  # "price-fixing settlement"
                while b - 1 >= 0 and e - b < 5 and (toks[b - 1].is_word or (low[b - 1] in {"-", "‐"} and not toks[b].space_before)) \
                        and low[b - 1] not in self._NP_STOP \
                        and low[b - 1] not in _DETERMINERS and low[b - 1] not in {"of", "in", "to", "by", "with", "from", "for", "on", "at", "after", "before"}:
                    b -= 1
                inside = [m for m in ms if m.i < e + 1 and m.j > b]
                if any(m.i < b or m.j > e + 1 for m in inside):
                    continue  # a name straddles the phrase
                surface = s.text[toks[b].start - s.start : toks[e].end - s.start]
                for m in inside:
                    ms.remove(m)
                ms.append(Mention(b, e + 1, toks[b].start, toks[e].end, surface, T.precedent, None, surface, 0.7, "dated-episode"))
                ms.sort(key=lambda m: (m.i, -m.j))

    def _people(self, sentences, mentions) -> None:
        """Names holding an office are people: retype them (everywhere in the story) as Person."""
        self._role_pairs: dict[int, list] = {}
        people = set()
        prev: list[Mention] = []
        for s in sentences:
            pairs = self._find_roles(s, mentions[id(s)], prev)
            prev = mentions[id(s)]
            if pairs:
                self._role_pairs[id(s)] = pairs
                people.update(p.name for p, _, _, _, rtype in pairs if rtype == self.T.controls)
        if people:
            for s in sentences:
                for m in mentions[id(s)]:
                    if m.name in people and m.label == self.T.actor and m.entry is None:
                        m.kind = "Person"

    _CONTEXT_TYPABLE = {"proper-noun", "capitalised-word", "possessive", "apposition", "the-category"}

    def _context_kinds(self, sentences, mentions) -> None:
        """Kinds from context for names nothing else typed: a title or role noun beside a name,
        or a verb of saying after it, makes a person; a possessive before coverage nouns, or a
        reporting verb after it, makes a media outlet; a CamelCase brand is a company. Decided
        once per name for the whole story."""
        T = self.T
        cues = self.context_cues
        decided: dict[str, str] = {}
        default = self.ontology.labels[T.actor].default_kind
        for s in sentences:
            low = s.low
            texts = [t.straight for t in s.tokens]
            n = len(low)
            for m in mentions[id(s)]:
                if m.anaphor or m.label != T.actor or m.entry is not None or m.kind not in (default, None, "Company"):
                    continue
                if m.how.split("+")[0] not in self._CONTEXT_TYPABLE or m.name in decided:
                    continue
                words = m.name.split()
                kind = None
                prev2 = " ".join(texts[max(0, m.i - 2) : m.i])
                prev1 = texts[m.i - 1] if m.i > 0 else ""
                after = low[m.j] if m.j < n else ""
                if 2 <= len(words) <= 4 and (prev1 in cues["titles"] or prev2 in cues["titles"] or low[m.i - 1:m.i] and low[m.i - 1] in cues["roles"]
                                             or after in cues["speech"]
                                             or (after == "," and m.j + 2 < n and low[m.j + 1] in {"the", "its", "their", "a", "an"} and
                                                 (low[m.j + 2] in cues["roles"] or " ".join(low[m.j + 2 : m.j + 4]) in cues["roles"]))):
                    if not any(w in self.lx.head for w in words):
                        kind = "Person"
                if kind is None and after in POSSESSIVE and m.j + 1 < n and (low[m.j + 1] in cues["media_nouns"]
                                                                             or " ".join(low[m.j + 1 : m.j + 3]) in cues["media_nouns"]):
                    kind = "MediaOutlet"
                if kind is None and after in cues["media_verbs"] and m.kind != "Company":
                    kind = "MediaOutlet"
                if kind is None and 2 <= len(words) <= 4 and words[0] in self.given_names \
                        and all(w[:1].isupper() or w in _NAME_PARTICLES for w in words[1:]) \
                        and not any(w in self.lx.head or w in self.lx.first for w in words):
                    kind = "Person"  # "Bill Pulte", "Aleksander Čeferin": a given name opens it
                if kind is None and len(words) == 1 and _CAMEL_INNER.search(m.name):
                    kind = "Company"
                if kind:
                    decided[m.name] = kind
        if not decided:
            return
        for s in sentences:
            for m in mentions[id(s)]:
                if m.name in decided and m.label == T.actor and m.entry is None:
                    m.kind = decided[m.name]

    def _roles(self, g, s: Sentence, ms: list[Mention]) -> None:
        T = self.T
        for person, org, i, j, rtype in self._role_pairs.get(id(s), []):
            pk, ok = self._mention_entity(g, person, s), self._mention_entity(g, org, s)
            if pk and ok:
                a, b = min(person.start, org.start), max(person.end, org.end, s.tokens[j - 1].end)
                self._rel(g, rtype, pk, ok, s, a, b, 0.8, "role:" + " ".join(t.lower for t in s.tokens[i:j]))

    _OWNER_NOUNS = {"parent", "owner", "majority owner", "parent company", "parent group", "holding company", "proprietor"}

    def _possessive_owner(self, g, s: Sentence, ms: list[Mention]) -> None:
        """"Live Nation, Ticketmaster's parent company": X OWNS Y."""
        T = self.T
        low = s.low
        starts = {m.i: m for m in ms if not m.anaphor and m.label == T.actor}
        for a in ms:
            if a.anaphor or a.label != T.actor or a.j + 2 >= len(low) or low[a.j] != ",":
                continue
            b = starts.get(a.j + 1)
            if b is None or b.j + 1 >= len(low) or low[b.j] not in POSSESSIVE:
                continue
            k = b.j + 1
            words = " ".join(low[k : k + 2])
            if low[k] in self._OWNER_NOUNS or words in self._OWNER_NOUNS:
                ak, bk = self._mention_entity(g, a, s), self._mention_entity(g, b, s)
                if ak and bk:
                    self._rel(g, T.owns, ak, bk, s, a.start, s.tokens[min(k + 1, len(low) - 1)].end, 0.75, "possessive-owner")

    _OWNED_NOUNS = {"company", "title", "subsidiary", "unit", "brand", "vehicle", "affiliate", "outlet", "paper", "newspaper",
                    "publication", "channel", "station", "magazine", "business", "venture", "label", "imprint", "platform", "site",
                    "arm", "division", "network", "broadcaster", "tabloid", "daily", "weekly", "app", "service", "firm", "fund"}

    def _appositive_owner(self, g, s: Sentence, ms: list[Mention]) -> None:
        """"the New York Post, another News Corp title", "Fidere, a Blackstone vehicle", "Pratt &
        Whitney, the RTX subsidiary that makes its engine": the owner named before a noun of
        ownership in an apposition OWNS the name."""
        T = self.T
        low = s.low
        starts = {m.i: m for m in ms if not m.anaphor and m.label == T.actor and m.kind != "State" and not m.locative
                  and not (m.entry is not None and m.entry.place)}  # ("the Brussels outlet" is where, not whose)
        for a in ms:
            if a.anaphor or a.label not in (T.actor, T.product, T.metric) or a.j + 3 >= len(low) or low[a.j] != ",":
                continue
            k = a.j + 1
            if low[k] not in {"a", "an", "another", "the", "itself"}:
                continue
            k += 1
            while k < len(low) and low[k] in {"a", "an", "another", "the"}:
                k += 1  # "itself a ..."
            b = starts.get(k)
            if b is None or b is a or b.j >= len(low):
                continue
            q = b.j
            while q < len(low) and q - b.j < 2 and s.tokens[q].is_word and not s.tokens[q].is_cap and low[q] not in self._OWNED_NOUNS:
                q += 1  # "a Blackstone rental vehicle"
            if q < len(low) and low[q] in self._OWNED_NOUNS:
                ak, bk = self._mention_entity(g, a, s), self._mention_entity(g, b, s)
                if ak and bk:
                    self._rel(g, T.owns, bk, ak, s, a.start, s.tokens[q].end, 0.7, "appositive-owner")

    def _nominal_relations(self, g, s: Sentence, ms: list[Mention]) -> None:
        """"Qatar's ownership of PSG", "Alphabet's voting control by its founders", "the
        ownership of that initiative by the Responsible Business Alliance", "the backing of the M23
        rebels by Rwanda": a relation named by a noun, its object after "of"/"over"."""
        low = s.low
        starts = {m.i: m for m in ms if not m.anaphor}
        ends = {m.j: m for m in ms if not m.anaphor}
        for k in range(len(low)):
            for width in (2, 1):
                rtype = self.nominal_relations.get(tuple(low[k : k + width]))
                if rtype is not None:
                    break
            else:
                continue
            e = k + width
            if e >= len(low) or low[e] not in {"of", "over", "in"}:
                continue
            q = e + 1
            while q < len(low) and low[q] in {"the", "a", "an", "that", "this", "its", "their"}:
                q += 1
            obj = starts.get(q)
            if obj is None:
                continue
            # the source: a possessor before the noun, or the agent after "by"
            src = None
            b = k - 1
            while b >= 0 and low[b] in {"own", "full", "partial", "majority", "indirect", "direct", "continued", "new", "de", "facto", "voting"}:
                b -= 1
            if b >= 1 and low[b] in POSSESSIVE and b in ends:
                src = ends[b]
            elif (by := next((x for x in range(obj.j, min(len(low) - 1, obj.j + 3)) if low[x] == "by"), None)) is not None \
                    and all(s.tokens[x].is_word and not s.tokens[x].is_cap for x in range(obj.j, by)):
                q = by + 1  # "the backing of the M23 rebels by Rwanda"
                while q < len(low) and low[q] in {"the", "a", "an", "its", "their"}:
                    q += 1
                src = starts.get(q)
                if src is not None and src.anaphor:
                    src = None
            if src is None or src is obj:
                continue
            rel = self.ontology.relationship(rtype)
            sk, ok = self._mention_entity(g, src, s), self._mention_entity(g, obj, s)
            if sk and ok and rel.allows(sk[0], ok[0]):
                self._rel(g, rtype, sk, ok, s, min(src.start, s.tokens[k].start), max(obj.end, src.end), 0.7,
                          "nominal:" + " ".join(low[k:e]))

    def _possessives(self, g, s: Sentence, ms: list[Mention]) -> None:
        """"Bayer's own Climate FieldView platform" (OWNS a product), "CoinGecko's Trust Score"
        (CONTROLS a metric): an actor's possessive right before a named product or metric."""
        T = self.T
        low = s.low
        starts = {m.i: m for m in ms if not m.anaphor}
        for a in ms:
            if a.anaphor or a.label != T.actor or a.j >= len(low) or low[a.j] not in POSSESSIVE:
                continue
            k = a.j + 1
            while k < len(low) and (low[k] in {"own", "flagship", "in-house", "proprietary", "new", "latest", "annual"}
                                    or low[k] in {"'", '"', "‘", "“"}):
                k += 1
            b = starts.get(k)
            described = False
            if b is None and a.kind != "State" and not a.locative:
                b = self._possessed_apposition(s, ms, k, starts)  # "Grupo Globo's agribusiness magazine, Globo Rural"
                described = b is not None
            if b is None or a.kind == "State" or a.locative:
                continue
            rtype = self.possessive_relations.get(b.label)
            if rtype is None or (b.label == T.actor and not described and (a.kind != "Person" or b.kind in ("State", "Person", "Community"))):
                continue  # only a person's possessive makes an actor theirs (or a described one: "X's magazine, Y")
            ak, bk = self._mention_entity(g, a, s), self._mention_entity(g, b, s)
            if ak and bk:
                self._rel(g, rtype, ak, bk, s, a.start, b.end, 0.7, "possessive")

    def _apposed_possessor(self, g, s: Sentence, ms: list[Mention]) -> None:
        """"Discovery Mode, Spotify's programme in which ...", "the Sun, Murdoch's tabloid": a name,
        a comma, an actor's possessive and a few lower-case words ending in a category noun of the
        name's own label (an ownership noun for an actor): the possessor holds the name, as in
        "Spotify's Discovery Mode"."""
        T = self.T
        low = s.low
        starts = {m.i: m for m in ms if not m.anaphor}
        for b in ms:
            if b.anaphor or b.j + 3 >= len(low) or low[b.j] != "," or b.label not in self.possessive_relations:
                continue
            a = starts.get(b.j + 1)
            if a is None or a.label != T.actor or a.kind == "State" or a.locative or a.j >= len(low) or low[a.j] not in POSSESSIVE:
                continue
            k = q = a.j + 1
            while q < len(low) and q - k < 3 and s.tokens[q].is_word and not s.tokens[q].is_cap \
                    and low[q] not in self.lx.function_words_lower:
                q += 1
            if q == k:
                continue
            head = low[q - 1]
            if any(w in self._OWNER_NOUNS for w in low[k:q]):
                continue  # "Live Nation, Ticketmaster's parent company": the other way round
            hit = self.lx.category.get((head,))
            if b.label == T.actor:
                if head not in self._OWNED_NOUNS or b.kind in ("State", "Person", "Community"):
                    continue
            elif hit is None or hit[0] != b.label:
                continue
            if q < len(low) and s.tokens[q].is_word and s.tokens[q].is_cap:
                continue  # "X, Y's chief executive Z": the head is a title, the name follows
            ak, bk = self._mention_entity(g, a, s), self._mention_entity(g, b, s)
            rtype = self.possessive_relations[b.label]
            if ak and bk and ak != bk and self.ontology.relationship(rtype).allows(ak[0], bk[0]):
                self._rel(g, rtype, ak, bk, s, b.start, s.tokens[q - 1].end, 0.7, "apposed-possessor")

    def _possessed_apposition(self, s: Sentence, ms: list[Mention], k: int, starts: dict) -> Mention | None:
        """After a possessive, a few lower-case words ending in a category noun, a comma and the
        name they describe: "Grupo Globo's agribusiness magazine, Globo Rural"."""
        low = s.low
        q = k
        while q < len(low) and q - k < 4 and s.tokens[q].is_word and not s.tokens[q].is_cap and low[q] not in self.lx.function_words_lower:
            q += 1
        if q == k or q + 1 >= len(low) or low[q] != "," or (q + 1) not in starts:
            return None
        hit = self.lx.category.get((low[q - 1],))
        b = starts[q + 1]
        if hit is None or hit[0] != b.label or b.anaphor or (q + 1 + (b.j - b.i) < len(low) and low[b.j] in POSSESSIVE):
            return None
        return b

    def _fronted(self, g, s: Sentence, ms: list[Mention], nkey) -> None:
        """A fronted predicate: "Left out entirely are the Hongana Manyawa and WALHI", "Shut out of
        the coverage are the Munduruku", "Well served by this story are the contractor and Meta":
        the names after the verb take the relation the fronted words state, with the narrative."""
        T = self.T
        if s.section not in _NARRATIVE_SECTIONS or s.section == "missing":
            return
        low = s.low
        v = next((k for k in range(1, min(len(low), 12)) if low[k] in _BE_VERBS), None)
        if v is None or v + 1 >= len(low) or any(m.i < v and not m.anaphor for m in ms) or "," in low[:v]:
            return
        head = " ".join(low[:v])
        if any(head.startswith(p) or (" " + p) in head for p in self._fronted_served):
            rtype = T.serves_interests_of
        elif any(head.startswith(p) or (" " + p) in head for p in self._fronted_omitted):
            rtype = None  # excluded (actors) or obscured (the rest)
        else:
            return
        after = [m for m in ms if m.i > v and not m.anaphor and not m.locative]
        if not after or after[0].i > v + 5:
            return
        first = after[0]
        for obj in [first] + self._coordinated(s, after[1:], first):
            key = self._mention_entity(g, obj, s)
            if key is None:
                continue
            t = rtype or (T.excludes if obj.label == T.actor else T.obscures)
            rel = self.ontology.relationship(t)
            if rel.allows(nkey[0], key[0]):
                self._rel(g, t, nkey, key, s, s.tokens[0].start, obj.end, 0.7, "fronted")

    def _left_out(self, g, s: Sentence, ms: list[Mention], nkey) -> None:
        """"The Tenants' Union is left out altogether", "Amnesty's findings go unmentioned": a
        passive omission whose subject opens the clause. A left-out actor is EXCLUDED by the
        narrative; a left-out policy or metric is OBSCURED by it."""
        T = self.T
        if s.section not in _NARRATIVE_SECTIONS or s.section == "missing":
            return
        low = s.low
        i, n = self._trigger_at(low, self.passive_omissions)
        if i is None:
            return
        start = 0
        for q in range(i - 1, -1, -1):
            if low[q] in {";", ":"} or (low[q] in {"and", "but", "while"} and q > 0 and low[q - 1] == ","):
                start = q + 1
                break
        subj = next((m for m in ms if m.i >= start and m.j <= i and not m.anaphor and not m.locative), None)
        if subj is None or subj.i > start + 2:
            return  # the clause does not open with a name
        src = nkey
        after = low[i + n : i + n + 4]
        agent = next((m for m in ms if m.i >= i + n and m.i <= i + n + 3 and m.anaphor == "narrative"), None)
        if agent is None and after and after[0] in {"by", "from", "of"}:
            named = next((m for m in ms if m.i >= i + n and m.i <= i + n + 3 and m.label == T.framing), None)
            if named is not None:
                src = self._mention_entity(g, named, s)
        # the verb decides: "left out", "marginalised" exclude a group; "ignored", "sidelined" obscure
        excluding = any(w in self.excluding_words for w in low[i : i + n])
        between = [m for m in ms if m.i >= subj.i and m.j <= i and not m.anaphor and not m.locative]
        for obj in [subj] + self._coordinated(s, between, subj):
            rtype = T.excludes if obj.label == T.actor and excluding else T.obscures
            rel = self.ontology.relationship(rtype)
            key = self._mention_entity(g, obj, s)
            if key and src and rel.allows(src[0], key[0]):
                self._rel(g, rtype, src, key, s, obj.start, s.tokens[i + n - 1].end, 0.7, "left-out")

    def _wrapped(self, g, s: Sentence, ms: list[Mention], nkey) -> None:
        """'treats X as neutral', 'presents X as an objective measure': LEGITIMIZES X."""
        T = self.T
        low = s.low
        for i, w in enumerate(low):
            rule = self.wrapped.get(w)
            if rule is None:
                continue
            rtype, comps = rule
            k = next((q for q in range(i + 1, min(len(low), i + 14)) if low[q] == "as"), None)
            if k is None or not any(x in comps for x in low[k + 1 : k + 5]):
                continue
            targets = self.ontology.relationships[rtype].targets
            objs = [m for m in ms if m.i > i and m.j <= k and not m.anaphor and m.label in targets]
            if objs:
                # the object is the first name after the verb (and names coordinated with it), not
                # one inside its apposition ("presents MLPerf, the benchmark suite run by MLCommons, as")
                objs = [objs[0]] + self._coordinated(s, objs, objs[0])
            passive = False
            q = i - 1
            while q > 0 and (low[q] in self._SKIPPABLE or (low[q].endswith("ly") and len(low[q]) > 4)):
                q -= 1
            if not objs and i > 0 and low[q] in {"is", "are", "was", "were", "been", "be", "being", "gets", "get"}:
                ante = self._antecedent(s, ms, i)  # "X, which is treated as neutral"
                asides = _relative_asides(s.tokens, q)
                c0 = max((x for x in range(q) if low[x] in {";", ":"}), default=-1)
                before = [m for m in ms if c0 < m.i and m.j <= q and not m.anaphor and m.label in targets
                          and not any(a <= m.i < b for a, b in asides)]
                # the subject: the first name of the clause outside its asides ("The platform, which
                # Palantir builds and NHS England runs, is presented as ...")
                objs = [ante] if ante is not None and ante.label in targets else before[:1]
                passive = bool(objs)
            if not objs and k == i + 1:
                # "treats as authoritative the ICT Development Index": the object after the complement
                after = [m for m in ms if k + 1 < m.i <= k + 7 and not m.anaphor and m.label in targets]
                objs = after[:1]
            if not objs:
                continue
            subj = None
            left = [m for m in ms if m.j <= i]
            if left and left[-1].anaphor in ("narrative", "pronoun") or (left and left[-1].label == T.framing and i - left[-1].j <= 3):
                subj = self._narrative_key(g, left[-1], s, nkey) if left[-1].anaphor else self._mention_entity(g, left[-1], s)
            elif s.section in _NARRATIVE_SECTIONS and (passive or self._clause_initial(s, i)
                                                      or not [m for m in left if m.label == T.actor]):
                subj = nkey  # "the X Index is presented as neutral": by the narrative
            if subj is None:
                continue
            for o in objs:
                ok = self._mention_entity(g, o, s)
                if ok:
                    self._rel(g, rtype, subj, ok, s, min(o.start, s.tokens[i].start), max(o.end, s.tokens[k].end), 0.7,
                              f"wrapped:{w} as")

    def _unnamed_subject(self, s: Sentence, ms: list[Mention], ti: int) -> bool:
        """A passive whose subject opens the sentence and names nothing ("Each instalment was
        echoed by X", "The claim was repeated by Y"): what was echoed is the narrative."""
        low = s.low
        return ti <= 8 and not any(m.i < ti for m in ms) and not any(w in {",", ";", ":", "—", "–"} for w in low[:ti]) \
            and any(w in {"was", "were", "is", "are", "been", "being"} for w in low[max(0, ti - 3) : ti])

    def _clause_initial(self, s: Sentence, ti: int) -> bool:
        """Nothing but connectives between the clause start and the trigger ("..., while obscuring")."""
        low = s.low
        k = ti - 1
        while k >= 0 and low[k] not in {",", ";", "—", "–", ":"}:
            if low[k] not in _CONNECTIVES:
                return False
            k -= 1
        return True

    def _right_args(self, s: Sentence, ms: list[Mention], tj: int, next_trigger: int | None = None) -> list[Mention]:
        key = (id(s), len(ms), tj, next_trigger)
        hit = self._right_cache.get(key)
        if hit is None:
            hit = self._right_cache[key] = self._right_args_uncached(s, ms, tj, next_trigger)
        return hit

    def _right_args_uncached(self, s: Sentence, ms: list[Mention], tj: int, next_trigger: int | None = None) -> list[Mention]:
        low = s.low
        stop = min(len(low) if next_trigger is None else next_trigger, tj + 60)
        skip_to = -1
        for k in range(tj, stop):
            if k < skip_to:
                continue
            if low[k] in self.lx.boundaries and k - 1 > tj and low[k - 1] == "," and low[k] in {"which", "who", "whose"}:
                # "serves Fox Corporation, which owns Fox News, and Lachlan Murdoch": the list goes on
                q = next((x for x in range(k + 1, min(len(low), k + 13)) if low[x] in {",", ";", ".", ":"}), None)
                if q is not None and low[q] == "," and q + 1 < len(low) and low[q + 1] == "and" \
                        and not self._in_apposition(low, tj):
                    skip_to = q
                    continue
            if low[k] == ":" and k - tj <= 4 and not any(tj <= m.i < k for m in ms):
                continue  # "it legitimizes two numbers: the X price and the Y values"
            if low[k] == "." and k > tj and s.tokens[k - 1].text in _NAME_ABBREVIATIONS and not s.tokens[k].space_before:
                continue  # "Nikkei Inc., ..." (the stop of an abbreviation)
            if low[k] in {";", ".", ":", "?", "!"} or low[k] in self.lx.boundaries \
                    or (low[k] == "," and k + 2 < len(low) and low[k + 1] in {"and", "but", "while", "yet"}
                        and low[k + 2] in {"it", "they", "the", "this", "its", "their", "he", "she", "which"}
                        and (low[k + 2] not in {"the", "its", "their"} or self._clause_follows(s, k + 3))):
                stop = k  # ", and it was recirculated by ..." starts a new clause (not ", and the Saudi state.")
                break
            if low[k] in {"and", "but"} and k > tj and k + 1 < len(low) and low[k + 1] in {"is", "was", "are", "were", "has", "had", "have", "remains", "became"}:
                stop = k  # "took over the division after the blast and is now ...": a second verb phrase
                break
        q = tj - 1
        while q > 0 and low[q] not in {",", ";", ":", "(", "—"}:
            q -= 1
        if q > 0 and low[q] == "," and q + 1 < tj and low[q + 1] in {"who", "which"}:
            # "Simon Trott, who took over in January, is now ...": the relative clause ends at the
            # comma before the main clause's verb
            for k in range(tj, stop):
                if low[k] == "," and k + 1 < len(low) and (low[k + 1] in {"is", "was", "are", "were", "has", "had", "have"}
                                                          or (not s.tokens[k + 1].is_cap and self._verb_like(s.tokens[k + 1]))):
                    stop = k
                    break
        by_start = {m.i: m for m in ms}
        for k in range(tj + 1, stop):
            # "When the Fed published its results, Reuters led with ...": a name after a comma that
            # is followed by its own verb opens a new clause
            first = k + 2 if k + 2 < len(low) and low[k + 1] in {"the", "a", "an"} and (k + 2) in by_start else k + 1
            if low[k] == "," and first in by_start and not any(m.i < k < m.j for m in ms):
                m = by_start[first]
                if m.j < len(low) and self._verb_like(s.tokens[m.j]) and not any(tj <= x.i < k for x in ms):
                    stop = k
                    break
        starts = {m.i for m in ms}
        inside = set()
        for k in range(tj, stop):
            if low[k] in {"which", "who", "whose"} and k > tj and low[k - 1] == ",":
                q = next((x for x in range(k + 1, min(len(low), k + 13)) if low[x] == ","), None)
                if q is None and not any(low[x] == "," for x in range(k + 1, stop)):
                    q = stop  # "the industry lobby whose members include X and Y." runs to the end
                if q is not None:
                    inside.update(range(k, q))  # names inside the relative clause are not the verb's objects
        out = [m for m in ms if m.i >= tj and m.j <= stop and m.anaphor != "unresolved" and m.i not in inside
               and not (m.j + 1 < len(low) and low[m.j] in POSSESSIVE
                        and ((m.j + 1) in starts or (low[m.j + 1] in _POSSESSED_MODIFIERS and (m.j + 2) in starts)))]  # "X's (own) Y": Y is the argument
        out.sort(key=lambda m: (m.i, -(m.j - m.i)))
        return out

    def _noun_between(self, s: Sentence, a: int, b: int) -> bool:
        """A lower-case noun (outside asides) stands between a name ending at ``a`` and a passive
        trigger at ``b``, right before the trigger."""
        low, toks = s.low, s.tokens
        q = b - 1
        while q >= a and (low[q] in self._AUX or low[q] in _TRIGGER_ADVERBS or low[q].endswith("ly")):
            q -= 1
        if q < a or not toks[q].is_word or toks[q].is_cap or low[q] in self.lx.function_words_lower:
            return False
        if low[q] in {",", ")"} or low[q] in POSSESSIVE:
            return False
        # a noun right before the trigger that is not inside an apposition of the name
        gap = low[a : q + 1]
        if "," in gap or "(" in gap or "—" in gap:
            return False
        return english.can_be(low[q], english.NOUN) and not english.only(low[q], english.VERB)

    @staticmethod
    def _in_apposition(low: list[str], tj: int) -> bool:
        """The trigger ending at ``tj`` stands in an apposition (", the news site owned by"): a list
        after its object's relative clause belongs to the outer verb."""
        for q in range(tj - 1, max(0, tj - 9), -1):
            if low[q] == "," :
                return q + 1 < len(low) and low[q + 1] in {"the", "a", "an"}
            if low[q] in {".", ";", ":"}:
                return False
        return False

    def _clause_follows(self, s: Sentence, k: int) -> bool:
        """A verb comes within a few words after ``k`` and before the clause ends: the words
        from ``k`` open a clause of their own, not one more noun phrase."""
        low, toks = s.low, s.tokens
        for q in range(k, min(len(low), k + 16)):
            if low[q] in {";", ".", ":", "?", "!", "which", "who", "whose", "whom", "that"}:
                return False
            if not toks[q].is_cap and self._verb_like(toks[q]):
                return True
        return False

    def _verb_like(self, t) -> bool:
        """A lower-case token that reads as a finite verb: a relation trigger verb or a common verb."""
        w = t.lower
        return t.is_word and not t.is_cap and (w in self.lx.verb_like or w in self.lx.trigger_verbs
                                               or (w.endswith("ed") and len(w) > 4) or english.only(w, english.VERB))

    @staticmethod
    def _list_continues(low: list[str], k: int) -> bool:
        """After a comma-joined member ending at ``k``, the list goes on to a closing "and"/"or"
        before the clause ends ("A, B and C")."""
        for q in range(k, min(len(low), k + 14)):
            if low[q] in {"and", "or", "as"}:
                return True
            if low[q] in {";", ".", ":", "which", "who", "that", "whose", "while", "but"}:
                return False
        return False

    def _coordinated(self, s: Sentence, cands: list[Mention], first: Mention, stop_at_and: bool = False) -> list[Mention]:
        low = s.low
        out = []
        prev = first
        aside_end = _aside_end(low, first.j, self._role_first)
        for m in cands:
            if m.i < prev.j or m.i < aside_end:
                continue  # (a name inside the apposition of the previous member: "X, another Y title, and Z")
            gap = _strip_descriptor(_drop_asides(low[prev.j : m.i]))
            # "..., and by press releases from X", "and by investor networks such as X": a repeated
            # "by" with a few nouns before the name
            if len(gap) >= 3 and "by" in gap:
                b = gap.index("by")
                tail = 0
                if gap[-1] in {"from", "of"}:
                    tail = 1
                elif gap[-2:] == ["such", "as"] or gap[-1] in {"including", "like"}:
                    tail = 2 if gap[-1] == "as" else 1
                elif len(gap) >= 4 and gap[-3:-1] == ["such", "as"] and gap[-1] == "the":
                    tail = 3
                if tail and 1 <= len(gap) - b - 1 - tail <= 3 and all(w.isalpha() or "-" in w for w in gap[b + 1 : len(gap) - tail]):
                    gap = gap[: b + 1]
            ok = all(w in self.lx.coordination or w in POSSESSIVE or w in _GAP_OK or w in _REPEATED_PREPS
                     or w in _TRIGGER_ADVERBS for w in gap) or _example_gap(gap, lead=True)
            if ok and any(w in _REPEATED_PREPS - {"as", "well"} for w in gap) and not any(w in {"and", "or", "nor", ","} for w in gap):
                ok = False  # "bought the F-35 from Lockheed Martin": a preposition alone joins no list
            if not ok or m.label != first.label and not (gap and gap[0] in POSSESSIVE):
                break
            if gap == [","] and (m.j < len(low) and low[m.j] in POSSESSIVE or not self._list_continues(low, m.j)):
                break  # "Jeff Bezos, Amazon's executive chairman": an apposition, not a list
            if stop_at_and and "," in gap and "and" in gap:
                break  # "Fox Corporation, which owns Fox News, and Lachlan Murdoch": the relative clause ended
            out.append(m)
            prev = m
            aside_end = _aside_end(low, m.j, self._role_first)
        return out

    # --- precedents, omissions, coverage, pathways ----------------------------------------------

    def _precedents(self, g, sentences, mentions) -> None:
        """'historical precedents (e.g., A or B)', 'parallels such as A and B' -> Precedent nodes
        linked to the story; plus every mention already typed as a Precedent."""
        T = self.T
        story = (T.story, g.id)
        # a precedent that a named policy draws ("CORSIA echoes the Clean Development Mechanism")
        # is that policy's parallel, not the story's
        drawn = {r.target for r in g.relations if r.type == T.parallels and r.source[0] != T.story}
        for s in sentences:
            if s.section in ("title", "missing"):
                continue  # (a precedent "What's Missing" names is an omission of the coverage, not a parallel drawn)
            for m in mentions[id(s)]:
                if m.label == T.precedent and not m.anaphor:
                    key = self._mention_entity(g, m, s)
                    if key and key not in drawn:
                        self._rel(g, T.parallels, story, key, s, m.start, m.end, 0.75, "precedent-mention")
            low = s.low
            for i in range(len(low)):
                if low[i] not in self._precedent_first or not any(tuple(low[i : i + len(c)]) == c for c in self.precedent_cues):
                    continue
                for k in range(i + 1, min(len(low), i + 12)):
                    n = next((len(e) for e in self.example_intro if tuple(low[k : k + len(e)]) == e), 0)
                    if n:
                        for a, b in self._list_items(s, k + n):
                            name = _strip_det(s.text[a - s.start : b - s.start])
                            words = name.split()
                            if not words or len(name) < 3 or len(words) > 7 or words[0].lower() in self._NOT_EPISODE:
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
                cur = []  # not a list of names
                break
        if cur:
            items.append(cur)
        return [(c[0].start, c[-1].end) for c in items if c]

    def _omissions(self, g, doc: Document, sentences) -> set[str]:
        """OMITS from the "What's Missing" section; for a story without one (a plain analysis),
        from sentences where the coverage is said to leave something out."""
        T = self.T
        omitted: set[str] = set()
        has_missing = any(s.section == "missing" for s in sentences)
        paragraphs = _paragraph_ids(doc.text, sentences)
        omission_paras: set[int] = set()
        if not has_missing:
            firsts: dict[int, Sentence] = {}
            for s in sentences:
                firsts.setdefault(paragraphs[id(s)], s)
            for pid, s in firsts.items():
                low = s.low
                if s.section in _NARRATIVE_SECTIONS and (self._trigger_at(low, self.body_omission_triggers)[0] is not None
                                                          or any(w in self.omission_nouns for w in low)):
                    omission_paras.add(pid)
        for s, nxt in zip(sentences, [*sentences[1:], None]):
            if s.section != "missing" and (has_missing or s.section not in _NARRATIVE_SECTIONS):
                continue
            in_para = paragraphs[id(s)] in omission_paras
            if nxt is not None and self._unanswered(s, nxt):
                # "Who checks the savings figures? The article does not say."
                a, b = s.tokens[0].start, s.tokens[-1].start if s.tokens[-1].text == "?" else s.end
                item = doc.text[a:b].strip()
                for key in self._concepts_for(g, item):
                    omitted.add(key[1])
                    self._rel(g, T.omits, (T.story, g.id), key, s, a, a + len(item), 0.65, "unanswered-question", text=item)
                continue
            listing = False  # a trigger earlier in the sentence still governs the clauses after it
            for c in _clauses(s):  # "X is never raised; Y goes unexamined; and nobody asks Z"
                low = c.low
                if s.section == "missing":
                    i, n = self._trigger_at(low, self.all_omission_triggers)
                    if i is None:
                        i, n = self._nor_does(low)
                    if i is None and listing and low and (low[0] in {"and", "or", "the", "a", "an", "its", "their", "any", "how",
                                                                      "who", "whether", "what", "why"} or c.tokens[0].is_cap):
                        # "Also absent: the wages of X; the damage of Y; and the geopolitics of Z"
                        i, n = 0, 1 if low[0] in {"and", "or"} else 0
                    if i is not None:
                        listing = True
                    how, conf = "whats-missing", 0.85
                else:
                    i, n = self._trigger_at(low, self.body_omission_triggers)
                    if i is None:
                        i, n = self._nor_does(low)
                    if i is None:
                        i, n = self._neither_nor(low)
                    if i is None:
                        i, n = self._negated_passive(low)
                    if i is None:
                        continue
                    if low and low[0] == "what" and n and i + n < len(low) and low[i + n] in {"is", "are", "was"}:
                        rest = [w for w in low[i + n + 1 :] if w not in {".", ",", ";"}]
                        if len(rest) < 6 and not (rest and rest[0] in {"how", "why", "who", "whether", "what", "where", "which"}):
                            continue  # "What the coverage leaves out is substantial." only introduces the list
                        n += 1  # "What the reporting never asks is how ...": the items follow "is"
                    if not in_para and i > 1 and not any(w in self.omission_subjects or english.lemma(w) in self.omission_subjects
                                                         for w in low[max(0, i - 5) : i]) \
                            and not self._passive_tail(low, i, n):
                        continue  # (a clause that opens with the trigger, "Missing, too, is X", needs no subject)
                    how, conf = "omission-sentence", 0.7
                if i is None:
                    continue
                for a, b in self._omission_spans(doc, c, low, i, n):
                    item = doc.text[a:b]
                    if len(item) < 4:
                        continue
                    for key in self._concepts_for(g, item):
                        omitted.add(key[1])
                        self._rel(g, T.omits, (T.story, g.id), key, s, a, b, conf, how, text=item)
        return omitted

    _COGNITION = {"touch", "touches", "broach", "broaches", "raise", "raises", "reckon", "grapple", "grapples", "describe", "describes", "described", "examine", "consider", "considers", "mention", "mentions", "ask", "asks", "explain", "explains", "examine", "examines",
                  "asked", "examined", "explained", "considered", "mentioned", "addressed", "explored", "noted", "discussed",
                  "acknowledge", "acknowledged", "engage", "engages", "interrogate", "interrogates", "scrutinise", "scrutinize",
                  "scrutinises", "scrutinizes", "name", "names", "quote", "quotes", "hear", "hears", "learn", "learns",
                  "recall", "recalls", "remember", "remembers", "revisit", "revisits", "cite", "cites", "say", "says",
                  "note", "notes", "address", "addresses", "acknowledge", "acknowledges", "question", "questions",
                  "discuss", "discusses", "report", "reports", "say", "says", "tell", "tells", "cover", "covers",
                  "investigate", "investigates", "explore", "explores", "weigh", "weighs", "probe", "probes"}

    _NEGATORS = {"not", "never", "rarely", "seldom", "barely", "hardly", "n't"}

    def _nor_does(self, low: list[str]) -> tuple[int | None, int]:
        """Negated attention, whatever the exact words: "nor does the magazine consider X",
        "the paper does not examine X", "it never once explains X", "fails to ask X"."""
        for i, w in enumerate(low):
            if w == "nor" and i + 2 < len(low) and low[i + 1] in {"does", "did", "do"}:
                for k in range(i + 2, min(len(low), i + 7)):
                    if low[k] in self._COGNITION:
                        return i, k - i + 1
            if w in self._NEGATORS and i + 1 < len(low):
                k = i + 1
                while k < len(low) and k - i <= 3 and low[k] in self._SKIPPABLE | {"once", "really", "seriously"}:
                    k += 1
                if k < len(low) and (low[k] in self._COGNITION or low[k].rstrip("s") in self._COGNITION):
                    return i, k - i + 1
            if w in {"fails", "failed", "fail"} and i + 2 < len(low) and low[i + 1] == "to" and low[i + 2].isalpha():
                return i, 3  # "fails to ask", "failed to examine"
            if w in {"no", "little", "scant", "scarcely", "hardly"} and i + 2 < len(low):
                k = i + 1
                if low[k] == "any":
                    k += 1
                if k + 1 < len(low) and low[k] in self._ATTENTION and low[k + 1] in {"of", "about", "on", "to", "for"}:
                    return i, k - i + 2  # "there is no account of X", "little attention to X"
        return None, 0

    _ATTENTION = {"account", "mention", "discussion", "analysis", "examination", "word", "sign", "trace",
                  "acknowledgement", "acknowledgment", "hint", "consideration", "attention", "space", "room",
                  "scrutiny", "explanation", "reference", "coverage", "context", "recognition", "sense"}

    _NEITHER_VERBS = {"examined", "mentioned", "discussed", "considered", "explained", "raised", "asked", "questioned",
                      "addressed", "reported", "noted", "explored", "investigated", "acknowledged", "covered", "quoted"}

    def _neither_nor(self, low: list[str]) -> tuple[int | None, int]:
        """"Neither X nor Y is examined": the closing passive is the trigger."""
        if not low or low[0] != "neither" or "nor" not in low:
            return None, 0
        end = len(low)
        while end > 0 and low[end - 1] in {".", ",", "!", "?"}:
            end -= 1
        k = end - 1
        while k > 0 and low[k] in self._TAIL:
            k -= 1
        if k > 1 and low[k] in self._NEITHER_VERBS and low[k - 1] in {"is", "are", "was", "were", "gets", "get"}:
            return k - 1, 2
        return None, 0

    _BE = {"is", "are", "was", "were", "goes", "go", "went", "gets", "get", "got", "remains", "remain", "remained"}
    _PASSIVE_COGNITION = _NEITHER_VERBS | {"told", "reported", "shown", "heard", "seen", "reminded", "informed", "answered",
                                           "scrutinised", "scrutinized", "interrogated", "challenged", "probed", "pursued",
                                           "described", "named", "cited", "included", "featured", "aired", "tested"}

    def _negated_passive(self, low: list[str]) -> tuple[int | None, int]:
        """"X is not reported", "Y was never once examined", "Z are barely mentioned": a negated
        passive of attention closes the clause whose subject is the omitted item."""
        for k in range(1, len(low) - 2):
            if low[k] not in self._BE:
                continue
            q = k + 1
            if low[q] not in self._NEGATORS | {"rarely", "seldom", "scarcely"}:
                continue
            q += 1
            while q < len(low) and q - k <= 4 and (low[q] in self._SKIPPABLE | {"once", "properly", "seriously", "really", "even"}):
                q += 1
            if q < len(low) and low[q] in self._PASSIVE_COGNITION:
                return k, q - k + 1
        return None, 0

    _WH = {"who", "what", "how", "why", "whether", "which", "where", "when", "does", "did", "is", "are", "was", "were"}

    def _unanswered(self, s: Sentence, nxt: Sentence) -> bool:
        """A question the story then says the coverage leaves open."""
        if not s.tokens or s.tokens[-1].text != "?" or s.tokens[0].lower not in self._WH:
            return False
        low = nxt.low
        if len(low) > 12:
            return False
        i, n = self._nor_does(low)
        return i is not None or "answer" in low or "unanswered" in low or "unasked" in low

    def _passive_tail(self, low: list[str], i: int, n: int) -> bool:
        """The trigger closes its clause ("X goes unexamined"): a passive omission needs no subject cue."""
        rest = [w for w in low[i + n :] if w not in {".", ",", ";", ":", "!", "?"}]
        return i > 0 and all(w in self._TAIL for w in rest)

    _PASSIVE_AUX = {"is", "are", "was", "were", "go", "goes", "went", "remain", "remains", "stay", "stays", "get", "gets"}
    _TAIL = {"entirely", "altogether", "too", "as", "well", "again", "completely", "throughout", "of", "from", "in", "the", "once", "at", "all",
             "coverage", "reporting", "story", "stories", "its", "their", "reports", "by"}

    def _omission_spans(self, doc: Document, s: Sentence, low: list[str], i: int, n: int) -> list[tuple[int, int]]:
        """Items a trigger introduces: the list after it ("omits A, B and C"), or, for a passive
        trigger at the end ("A and B are left out"), the subject before it. A second trigger in
        the sentence ("...; it never asks how X") starts its own list."""
        toks = s.tokens
        clause_end = next((q for q in range(i + n, len(low)) if low[q] in {",", ";", ".", ":", "!", "?"}), len(low))
        after = [w for w in low[i + n : clause_end]]
        if i > 0 and all(w in self._TAIL for w in after):
            k = i - 1 if low[i - 1] in self._PASSIVE_AUX else i
            if any(english.lemma(w) in _AUDIENCE for w in low[max(0, k - 2) : k]):
                return []  # "a fact its readers were not reminded of": the audience is no omitted item
            c0 = 0
            for q in range(k - 1, -1, -1):  # the subject opens this clause
                if low[q] in {";", ":"} or (low[q] in {"and", "but", "while"} and q > 0 and low[q - 1] == ","):
                    c0 = q + 1
                    break
            if low[c0] == "neither":
                c0 += 1  # "Neither X nor Y is examined"
            spans = []
            if k > c0:
                seg = doc.text[toks[c0].start : toks[k].start]
                m_nor = re.search(r",?\s+nor\s+", seg)
                if m_nor and low[c0 - 1 : c0] == ["neither"]:
                    spans = list(_split_items(doc.text, toks[c0].start, toks[c0].start + m_nor.start()))
                    spans += list(_split_items(doc.text, toks[c0].start + m_nor.end(), toks[k].start))
                else:
                    spans = list(_split_items(doc.text, toks[c0].start, toks[k].start))
            # "..., and so does X" / "and so do X": another item left out the same way
            q = clause_end + 1
            if q + 2 < len(low) and low[q] == "and" and low[q + 1] == "so" and low[q + 2] in {"does", "do", "is", "are", "did", "was", "were"}:
                spans.extend(_split_items(doc.text, toks[q + 3].start, s.end) if q + 3 < len(toks) else [])
            elif q + 1 < len(low) and low[q] == "as" and low[q + 1] in {"does", "do", "is", "are", "did", "was", "were"}:
                spans.extend(_split_items(doc.text, toks[q + 2].start, s.end) if q + 2 < len(toks) else [])  # "..., as do Y"
            # "The article does not say": the coverage itself is no omitted item
            return [(a, b) for a, b in spans if b > a and not _narrative_subject(doc.text[a:b])]
        start = toks[i + n].start if i + n < len(toks) else s.end
        spans = []
        prep = low[i + n - 1] if low[i + n - 1] in {"on", "of", "about", "to", "over"} else None
        for a, b in _split_items(doc.text, start, s.end, prep):
            sub = tokenize(doc.text[a:b], a)
            sl = [t.lower for t in sub]
            j, m = self._trigger_at(sl[:6], self.all_omission_triggers)
            if j is not None and j + m < len(sub):
                a = sub[j + m].start  # "and it never asks how X" -> "how X"
            spans.append((a, b))
        return [self._strip_item_lead(doc.text, a, b) for a, b in spans]

    def _strip_item_lead(self, text: str, a: int, b: int) -> tuple[int, int]:
        """'an account of what data the app will log', 'the question of who audits it': the item
        is what the lead phrase is about."""
        low = straighten(text[a:b]).lower()
        for lead in self.item_leads:
            if low.startswith(lead + " ") and len(low) > len(lead) + 3:
                rest = text[a + len(lead) + 1 : b]
                return a + len(lead) + 1 + (len(rest) - len(rest.lstrip())), b
        return a, b

    _SKIPPABLE = {"first", "finally", "again", "also", "largely", "entirely", "almost", "completely", "simply", "likewise", "conspicuously",
                  "notably", "equally", "again", "mostly", "even", "all", "too", "altogether", "similarly"}

    def _trigger_at(self, low: list[str], triggers: list[tuple[str, ...]]) -> tuple[int | None, int]:
        """First trigger phrase in ``low``: (index, length in tokens). Adverbs inside the phrase
        are skipped ("is also silent on", "does not even mention")."""
        index = self._trigger_index.get(id(triggers))
        if index is None or index[0] is not triggers:
            by_first: dict[str, list[tuple[str, ...]]] = {}
            for t in triggers:  # (longest first, as given)
                by_first.setdefault(t[0], []).append(t)
            index = self._trigger_index[id(triggers)] = (triggers, by_first)
        by_first = index[1]
        for i, w in enumerate(low):
            cands = by_first.get(w)
            if cands is None:
                continue
            for t in cands:
                k, q = i, 0
                while q < len(t) and k < len(low):
                    if low[k] == t[q]:
                        k, q = k + 1, q + 1
                    elif q > 0 and (low[k] in self._SKIPPABLE or (low[k].endswith("ly") and len(low[k]) > 4)
                                    or (low[k] == "," and k + 2 < len(low) and low[k + 2] == "," and low[k + 1].isalpha())):
                        k += 3 if low[k] == "," else 1  # "Missing, finally, is X"
                    else:
                        break
                if q == len(t):
                    return i, k - i
        return None, 0

    def _concepts_for(self, g, item: str) -> list[tuple[str, str]]:
        """Scheme concepts an omission item belongs to (the best-scoring ones); an item that
        matches none becomes a concept of its own, flagged for review."""
        T = self.T
        # the item's head names the omitted thing; its relative clauses and examples elaborate
        # ("the seafarers who will handle toxic ammonia" is about seafarers)
        head = _ITEM_HEAD.split(item, maxsplit=1)[0]
        scored = self._score_concepts(head) if len(head.split()) >= 2 and head != item else []
        if not scored:
            dated = _DATED.search(head)
            if dated and any(w in self.lx.episode_heads for w in re.findall(r"[a-z]+", head.lower())):
                # "the Maxwell scandal of 1991": a dated past episode is a historical precedent
                hist = next((c for c in self.ontology.omission_concepts if c.id == self.dated_episode_concept), None)
                if hist is not None:
                    return [self._concept(g, hist)]
            scored = self._score_concepts(item)
            core = _CORE.split(head, maxsplit=1)[0]
            if scored and core != head and len(core.split()) >= 2:
                # what the item names counts double ("the safety of drivers" is about safety)
                boost = dict(self._score_concepts(core))
                scored = [(c, sc + boost.get(c, 0)) for c, sc in scored]
        if scored:
            best = max(sc for _, sc in scored)
            keep = [c for c, sc in scored if sc >= best * self.concept_keep_ratio]
            return [self._concept(g, c) for c in keep]
        name = _concept_name(item)
        if not name:
            return []
        key = self._entity(g, T.concept, None, name, item, review=True, scheme="")
        return [key]

    def _score_concepts(self, text: str):
        """(concept, score) for scheme concepts whose labels occur in ``text``: 3 per preferred or
        alternative label, 2 per hidden (prefix) phrase, 1 per hidden single word."""
        t = " " + re.sub(r"\s+", " ", straighten(text).lower()) + " "
        cached = self._concept_cache.get(t)
        if cached is not None:
            return cached
        # a preferred or alternative label counts 3; a hidden label or a vocabulary word 1, or 2
        # when it is a phrase (each distinct match once per concept)
        full_p, hidden_p, word_p = self._concept_patterns
        owners = self._label_owner
        scores: dict = {}
        found: dict = {}
        first: dict = {}  # concept -> where its first match starts (ties go to what the item names first)
        for mt in full_p.finditer(t):
            for c in owners["full"][mt.group(0)]:
                if (c, mt.group(0)) not in found.setdefault("full", set()):
                    found["full"].add((c, mt.group(0)))
                    scores[c] = scores.get(c, 0) + 3
                first.setdefault(c, mt.start())
        found.pop("full", None)
        for mt in hidden_p.finditer(t):
            h = mt.group(0)
            for c in owners["hidden"][h]:
                found.setdefault(c, set()).add(h)
                first.setdefault(c, mt.start())
        for mt in word_p.finditer(t):
            w = mt.group(1)
            for c in owners["word"][w]:
                found.setdefault(c, set()).add(w)
                first.setdefault(c, mt.start())
        for c, hits in found.items():
            scores[c] = scores.get(c, 0) + sum(2 if " " in h else 1 for h in hits)
        out = [(c, sc - first.get(c, 0) / 10000) for c in self.ontology.omission_concepts if (sc := scores.get(c, 0))]
        if len(self._concept_cache) > 4096:
            self._concept_cache.clear()
        self._concept_cache[t] = out
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
    s = _with_rank(Sentence(start, end, text[start:end], section, tokenize(text[start:end], start)), rank)
    object.__setattr__(s, "heading", True)
    return s


def _with_rank(s: Sentence, rank: int) -> Sentence:
    r = _RankedSentence(s.start, s.end, s.text, s.section, s.tokens)
    object.__setattr__(r, "rank", rank)
    return r


def _introduced_as_frame(low: list[str], m: Mention, lx=None) -> str:
    """A quoted phrase that the sentence presents as the frame: "frames X as a 'talent race'",
    "the 'flexibility' narrative", "the line that caps are 'a supply killer'". The cue words are
    data (``lexicon.toml`` [framing])."""
    words, verbs = _frame_cues()
    before = low[max(0, m.i - 6) : m.i]
    after = low[m.j : m.j + 3]
    if any(w in verbs for w in before[-4:]):
        return "verb"
    return "noun" if any(w.startswith(words) for w in before + after) else ""


@lru_cache(maxsize=1)
def _frame_cues() -> tuple[tuple[str, ...], frozenset[str]]:
    data = load_data("lexicon").get("framing", {})
    return tuple(data.get("cue_words", [])), frozenset(data.get("verbs", []))


_APPOSITION_OPENERS = frozenset({"the", "a", "an", "its", "their"})


def _before_apposition(low: list[str], ends: dict, start: int, span: int, *, stops: set[str] = frozenset(),
                       openers: frozenset[str] = _APPOSITION_OPENERS):
    """The name an apposition describes, scanning back from ``start`` at most ``span`` tokens to
    the comma that opens it: "Thai Union, the Bangkok-based processor that ..." -> Thai Union."""
    for q in range(start, max(0, start - span) - 1, -1):
        if low[q] in {";", ".", ":"} or low[q] in stops:
            return None
        if low[q] == "," and q + 1 < len(low) and low[q + 1] in openers:
            return _ending_at(low, ends, q)
    return None


def _ending_at(low: list[str], ends: dict, c: int):
    """The mention that ends right before token ``c`` (a comma), looking past a parenthesis or a
    closing quote: "the Bureau of Industry and Security (BIS), which ..." -> the Bureau."""
    if c >= 1 and low[c - 1] in {"'", '"', "’", "”"} and (c - 1) in ends:
        return ends[c - 1]
    if c >= 1 and low[c - 1] == ")":
        q = c - 1
        while q >= 0 and low[q] != "(":
            q -= 1
        if q >= 0 and q in ends:
            return ends[q]
    return ends.get(c)


# Where an omission item's elaboration starts: a relative clause, an aside or examples. The
# concepts of an item are those of its head ("public alternatives such as X" is about public
# alternatives), as the gold set's annotators read them.
def _names_inside_sentences(sentences) -> frozenset[str]:
    """Capitalised words that stand inside a sentence of running text (not first, not after a
    quote or colon) somewhere in the document."""
    out = set()
    for s in sentences:
        if s.section in ("title", "pathways") or getattr(s, "heading", False):
            continue
        toks = s.tokens
        for k in range(1, len(toks)):
            t = toks[k]
            if t.is_word and t.is_cap and toks[k - 1].text not in {":", "“", '"', "‘", "'", "(", "—", "–"}:
                out.add(t.straight)
    return frozenset(out)


def _trie_pattern(items) -> str:
    """A regular expression matching any of ``items``, longest first at each position, written as
    a trie ("sub(?:sidy|sidies|...)") so that thousands of alternatives match fast."""
    trie: dict = {}
    for item in items:
        node = trie
        for ch in item:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


def _content_words(text: str) -> frozenset[str]:
    """Words of a frame name for comparing references ("level-playing-field" = "level playing
    field"; a plural matches its singular)."""
    words = re.findall(r"[a-z0-9]+", straighten(text).lower())
    return frozenset(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
                     for w in words if w not in {"the", "a", "an", "of", "and", "to"})


def _narrative_subject(text: str) -> bool:
    words = re.findall(r"[a-z]+", straighten(text).lower())
    return len(words) <= 4 and any(w in _NARRATIVE_NOUNS or w in {"it", "paper", "piece", "coverage", "outlet"} for w in words)


_AUDIENCE = {"reader", "viewer", "audience", "listener", "subscriber", "public"}
_CORE = re.compile(r"\s(?:of|for|in|on|to|with|by|from|at|behind|over|under|against|between|among|across|about|after|before|during)\s")
_DATED = re.compile(r"\b(?:of|in)\s+(1[0-9]{3}|20[0-2][0-9])\b")
_ITEM_HEAD = re.compile(r",\s|\s(?:who|whom|which|that|whose|where|when|such as|including|like|as well as)\s")
_NARRATIVE_NOUNS = {"coverage", "story", "stories", "reporting", "framing", "narrative", "reports", "report", "articles",
                    "article", "headline", "headlines", "segment", "segments", "editorial", "editorials", "spin", "take"}
_CAMEL_INNER = re.compile(r"^[A-Z][a-z]+[A-Z][a-z]")

_REPEATED_PREPS = {"by", "from", "to", "for", "with", "of", "as", "well"}
_APPOSITION_START = {"the", "a", "an", "another", "its", "their", "his", "her", "itself", "which", "who", "whose", "now", "once", "then", "formerly", "later", "still"}


_DESCRIPTOR_DETS = {"its", "their", "his", "her", "the", "a", "an", "our"}


def _strip_descriptor(gap: list[str]) -> list[str]:
    """Drop a descriptive phrase that opens the next member of a list: in "Pfizer, its German
    partner BioNTech and Moderna" the gap before BioNTech is ", its german partner": the member is
    the name, the rest describes it."""
    for k in range(len(gap) - 1, max(-1, len(gap) - 6), -1):
        if gap[k] in _DESCRIPTOR_DETS:
            words = gap[k + 1 :]
            if words and all(w.isalpha() and w not in _CONNECTIVES and w not in _TRIGGER_ADVERBS for w in words) \
                    and (k == 0 or gap[k - 1] in {",", "and", "or"}
                         or (k >= 2 and gap[k - 1] in {"of", "by", "to", "for", "from", "with"} and gap[k - 2] in {",", "and", "or"})):
                return gap[:k]  # (also "... and of its Japanese partners X")
            break
    return gap


def _relative_asides(toks, ti: int) -> list[tuple[int, int]]:
    """Spans of relative clauses and appositions set off by commas that close before token ``ti``
    (", which X owns,", ", the oil company whose shares Y owns,"): the names inside are not the
    subject of a verb after them."""
    out = []
    k = 0
    while k < ti:
        opens = k + 1 < ti and toks[k + 1].lower in {"which", "who", "whom", "whose", "the", "a", "an", "another", "its", "their"}
        if not opens and k + 2 < ti and toks[k + 1].is_cap:
            # ", Nvidia's chief executive,": a possessive name opening a short apposition
            p = next((x for x in range(k + 1, min(ti, k + 5)) if toks[x].lower in POSSESSIVE), None)
            opens = p is not None and all(toks[x].is_cap or toks[x].text in {"&", "-"} for x in range(k + 1, p)) \
                and p + 1 < ti and toks[p + 1].is_word and not toks[p + 1].is_cap
        if toks[k].lower == "," and opens:
            q = k + 2
            while q < ti and toks[q].lower not in {",", ";", ":"}:
                q += 1
            if q < ti and toks[q].lower == ",":
                out.append((k, q))
                k = q
                continue
        k += 1
    return out


def _aside_end(low: list[str], j: int, openers: frozenset[str] | set[str] = frozenset()) -> int:
    """Where an apposition that opens at token ``j`` (", the airline lobby,", ", chief executive of
    X,") closes (the index of its closing comma), or ``j`` when none opens there. ``openers`` are
    further words that may open one (role nouns)."""
    if j + 1 < len(low) and low[j] == "," and (low[j + 1] in _APPOSITION_START or low[j + 1] in openers):
        for q in range(j + 2, min(len(low), j + 19)):
            if low[q] in {"and", "or"}:
                return j  # "Pfizer, its German partner BioNTech and Moderna, which ...": a list goes on
            if low[q] in {",", ";", ".", ":"}:
                return q if low[q] == "," else j
    return j


def _drop_asides(gap: list[str]) -> list[str]:
    """Remove parentheticals "(IATA)" and appositions ", the airline lobby," from the tokens
    between two coordinated names, so "A (B), the airline lobby, and by C" coordinates A and C."""
    out, depth, k = [], 0, 0
    while k < len(gap):
        w = gap[k]
        if w == "(":
            depth += 1
        elif w == ")":
            depth = max(0, depth - 1)
        elif depth:
            pass
        elif w == "," and k + 1 < len(gap) and gap[k + 1] in _APPOSITION_START:
            q = k + 1
            while q < len(gap) and gap[q] not in {",", ";"}:
                q += 1
            if q < len(gap) and q - k <= 18:
                k = q  # keep the closing comma
                continue
            out.append(w)
        else:
            out.append(w)
        k += 1
    return out


_TRIGGER_ADVERBS = {"turn", "within", "hours", "days", "weeks", "minutes", "moments", "almost", "unedited", "verbatim", "wholesale", "generous", "wide", "ample", "prominent", "most", "more", "long", "january", "february", "march", "april", "june", "july", "august", "september", "october",
                    "november", "december", "last", "this", "decade", "decades", "years", "ago", "recently", "also", "first", "later", "partly", "largely", "jointly", "mainly", "mostly", "directly", "indirectly",
                    "ultimately", "now", "still", "once", "originally", "initially", "subsequently", "formerly", "quietly",
                    "openly", "heavily", "generously", "annually", "itself", "themselves", "wholly", "entirely", "in", "part",
                    "each", "every", "year", "month", "week", "since", "late", "early", "mid", "until", "close", "nearly", "about",
                    "some", "around", "roughly", "up", "over", "than", "fully", "privately", "publicly", "majority", "partly-owned"}


_CURRENCY = frozenset({"$", "€", "£", "¥", "₹", "us$", "a$", "c$", "r", "ksh", "n"})
_AMOUNT_WORDS = frozenset({"million", "billion", "trillion", "bn", "m", "mn", "tn", "k", "crore", "lakh", "per", "cent", "%",
                           ",", ".", "yen", "euros", "dollars", "pounds", "rupees"})
_AMOUNT_AFTER = frozenset({"from", "into", "to", "in", "for"})  # words an amount may stand before


def _match_trigger(low: list[str], i: int, trigger: tuple[str, ...]) -> int:
    """Length in tokens of ``trigger`` matched at ``i``, letting adverbials sit between its words
    ("published each year by", "sponsored first by", "bought in 2023 by"); 0 when it does not match."""
    k, q, n = i, 0, len(low)
    while q < len(trigger):
        if k < n and low[k] == trigger[q]:
            k, q = k + 1, q + 1
            if q == len(trigger) and trigger[-1] == "to" and k < n and (low[k] in _CURRENCY or low[k][:1].isdigit()):
                return 0  # "close to $2bn", "up to 40 per cent": an amount, not a relation
            continue
        if q == 0 or k >= n:
            return 0
        w = low[k]
        if w in {"and", "or"} and trigger[q] == "by" and k + 2 < n and low[k + 1].endswith(("ed", "en", "ten", "id", "ht")) \
                and (low[k + 2] == "by" or (k + 3 < n and low[k + 2] in {"for", "up", "out"} and low[k + 3] == "by")):
            k += 2 if low[k + 2] == "by" else 3  # "written and revised by", "commissioned and paid for by"
            continue
        if w in _TRIGGER_ADVERBS or (w.isdigit() and len(w) == 4) or (w.endswith("ly") and len(w) > 4):
            if k - i > len(trigger) + 4:
                return 0
            k += 1
            continue
        if w in {"and", "or"} and k > i and (low[k - 1] in _TRIGGER_ADVERBS or low[k - 1].endswith("ly")) and k + 1 < n \
                and (low[k + 1] in _TRIGGER_ADVERBS or low[k + 1].endswith("ly")):
            k += 1  # "told first and most fully by"
            continue
        if w == "to" and k > i and low[k - 1] in {"up", "close"} and k + 1 < n and (low[k + 1] in _CURRENCY or low[k + 1][:1].isdigit()):
            k += 1  # "up to ¥476 billion", "close to $2bn"
            continue
        if trigger[q] in _AMOUNT_AFTER and (w in _CURRENCY or w[:1].isdigit()) and q > 0:
            # "received €375 million from", "poured close to $2bn into": an amount between the words
            e = k
            while e < n and e - k < 6 and (low[e] in _CURRENCY or low[e][:1].isdigit() or low[e] in _AMOUNT_WORDS):
                e += 1
            if e < n and low[e] == trigger[q]:
                k = e
                continue
            return 0
        if w == "," and k + 1 < n and q > 0:
            # "written first, and most influentially, by X": an adverbial set off by commas
            e = k + 1
            while e < n and e - k <= 5 and (low[e] in _TRIGGER_ADVERBS or low[e] == "and" or (low[e].endswith("ly") and len(low[e]) > 4)):
                e += 1
            if e < n and e > k + 1 and low[e] == "," and e + 1 < n and low[e + 1] == trigger[q]:
                k = e + 1
                continue
        return 0
    return k - i


_NAME_PARTICLES = frozenset({"de", "da", "van", "von", "der", "den", "del", "di", "du", "la", "le", "bin", "al", "el", "ibn", "dos", "das"})

_YEAR_AROUND = re.compile(r"^(?:19|20)\d\d\s+|\s+(?:of|in)\s+(?:19|20)\d\d$")

_BE_VERBS = frozenset({"is", "are", "was", "were"})
_POSSESSED_MODIFIERS = frozenset({"own", "flagship", "in-house", "proprietary", "new", "latest", "annual", "main", "chief"})

_EXAMPLE_TAILS = (("among", "them"), ("among", "whom"), ("including",), ("such", "as"), ("notably",), ("especially",),
                  ("chief", "among", "them"), ("led", "by"))
_GAP_DETERMINERS = frozenset({"its", "their", "his", "her", "the", "a", "an", "and", "several", "many", "other", "two", "three", "four"})


def _example_gap(gap: list[str], lead: bool = False) -> bool:
    """The words between two names that open a list of examples after a short description:
    "'s senior creditors, among them", (with ``lead``) "and its member companies, among them"."""
    tail = next((t for t in _EXAMPLE_TAILS if tuple(gap[-len(t):]) == t), None)
    if tail is None:
        return False
    body = gap[: -len(tail)]
    if body and body[-1] == ",":
        body = body[:-1]
    if not body or len(body) > 6 or "," in body:
        return False
    if body[0] in POSSESSIVE:
        body = body[1:]
    elif not lead or body[0] != "and":
        return False
    return bool(body) and all(w in _GAP_DETERMINERS or (w.isalpha() and w.islower()) or "-" in w for w in body) \
        and not all(w in _GAP_DETERMINERS for w in body)


_PHRASE_INDEX: dict[int, tuple[list, dict[str, list[tuple[str, ...]]]]] = {}


def _phrases_in(low: list[str], phrases: list[tuple[str, ...]], firsts: set[str]):
    """(index, length) of every phrase of ``phrases`` (longest first) found in ``low``."""
    hit = _PHRASE_INDEX.get(id(phrases))
    if hit is None or hit[0] is not phrases:
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for p in sorted(phrases, key=len, reverse=True):
            by_first.setdefault(p[0], []).append(p)
        hit = _PHRASE_INDEX[id(phrases)] = (phrases, by_first)
    by_first = hit[1]
    for i, w in enumerate(low):
        if w in firsts:
            for p in by_first.get(w, ()):
                if tuple(low[i : i + len(p)]) == p:
                    yield i, len(p)
                    break


def _clauses(s: Sentence) -> list[Sentence]:
    """The sentence split at semicolons (offsets unchanged), or the sentence itself."""
    toks = s.tokens
    cuts = [k for k, t in enumerate(toks) if t.text == ";"]
    if not cuts:
        return [s]
    out, a = [], 0
    for k in [*cuts, len(toks)]:
        part = toks[a:k]
        if part:
            start, end = part[0].start, part[-1].end
            out.append(Sentence(start, end, s.text[start - s.start : end - s.start], s.section, tuple(part)))
        a = k + 1
    return out


def _paragraph_ids(text: str, sentences: list[Sentence]) -> dict[int, int]:
    """Paragraph number of each sentence (keyed by ``id(sentence)``): a blank line starts one."""
    out, pid, prev_end = {}, 0, None
    for s in sentences:
        if prev_end is not None and "\n\n" in text[prev_end : s.start]:
            pid += 1
        out[id(s)] = pid
        prev_end = s.end
    return out


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
    t = re.sub(r"^(?:who|what|how|why|whether|which)\s+", "", t)
    t = re.split(r",|\bsuch as\b|\bwho\b|\bwhich\b|\bthat\b", t)[0].strip()
    words = t.split()
    if len(words) > 8:
        t = " ".join(words[:8])
    return t[:1].upper() + t[1:] if t else ""


_ITEM_START = re.compile(r"^(?:the|a|an|its|their|how|what|why|who|whether|any|whose|where|[A-Z])\b")
# "who writes the rules", "who pays for it": a question as an item, not a relative clause
_WH_ITEM = re.compile(r"^who\s+(?!was\b|has\b|is\b|does\b)[a-z]+(?:ies|[^s]s)\b")
_ATTACH = re.compile(
    r"^(?:such as|e\.g\.|i\.e\.|including|like|especially|particularly|notably|for example|in particular|mostly|mainly|"
    r"largely|often|usually|many of|most of|some of|all of|which|who|whose|whom|where|when|with|without|while|"
    r"even|both|than|from|in|at|by|to|for|on|under|after|before|despite|via|plus|through|into|over|against|among|between|"
    r"across|along|per|[a-z]+ed by|[a-z]+en by|"
    r"owned|run|made|built|based|known|led|held|set|won|given|taken|paid|sold|bought|seen|told|kept|left|brought|found|"
    r"begun|driven|written|chosen|spent|grown|shown|drawn|worth|costing|[a-z]+ed|then|would|will|can|could|should|may|might|must|"
    r"is|are|was|were|has|have|had|does|do|did|who|often|sometimes|still|now|so that|because|although|though|"
    r"whereas|if|unless|until|since|and then|and so)\b")


def _split_items(text: str, start: int, end: int, prep: str | None = None) -> list[tuple[int, int]]:
    """Split an enumeration ("A, the B (e.g., C or D), and E") into item spans. ``prep`` is the
    preposition that ended the trigger ("silent on A and on B"): it repeats before each item."""
    if prep:
        out = []
        seg = text[start:end]
        cuts = [m for m in re.finditer(r"(?:,\s*|\s+)(?:and|or|nor)\s+" + prep + r"\s+", seg)]
        pos = 0
        for m in cuts:
            out.extend(_split_items(text, start + pos, start + m.start()))
            pos = m.end()
        if cuts:
            out.extend(_split_items(text, start + pos, end))
            return out
    seg = text[start:end]
    pieces: list[list[int]] = []
    depth, cur = 0, 0
    for k, ch in enumerate(seg):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0 and not (0 < k < len(seg) - 1 and seg[k - 1].isdigit() and seg[k + 1].isdigit()):
            pieces.append([cur, k])  # (not inside a number: "100,000")
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
        words = piece.split()
        lead = []
        for w in words:
            if w.lower() in {"that", "which", "who", "whose", "whom", "where", "for", "in", "of", "on", "with", "to", "from"}:
                break
            lead.append(w)
        names_only = bool(lead) and all(w[:1].isupper() or w in {"and", "or"} for w in lead)
        after_example = merged and re.search(r"\b(?:such as|including|like|e\.g\.)\s", seg[merged[-1][0] : merged[-1][1]])
        prev_words = seg[merged[-1][0] : merged[-1][1]].split() if merged else []
        short_prev = merged and len([w for w in prev_words if w.lower() not in {"the", "a", "an"}]) <= 1 and len(merged) == 1 \
            and not _ITEM_START.match(piece) and " and " in f" {piece} "
        prev_name = merged and 1 <= len(prev_words) <= 4 and all(w[:1].isupper() or w in {"and", "of", "&"} for w in prev_words) \
            and words[0].lower() in {"the", "a", "an"}  # "CoopCycle, the federation of courier cooperatives"
        if merged and (_ATTACH.match(piece) and not _WH_ITEM.match(piece) or piece[:1] in "(-–—" or short_prev
                       or not _ITEM_START.match(piece) and len(words) < 3
                       or names_only and len(lead) <= 6  # "the salt flats of Argentina, Bolivia and Chile that ..."
                       or after_example and (words[0].lower() in {"the", "a", "an"} and len(words) <= 5
                                             or not _ITEM_START.match(piece) or len(words) <= 3)
                       or prev_name):
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


_TENSES = ({"is", "are", "was", "were"}, {"does", "do", "did"}, {"has", "have", "had"})


def _tense_variants(phrases: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Each phrase in every tense and number of its auxiliary ("is not told" -> "are/was/were not
    told"; "does not mention" -> "did not mention"), longest first."""
    out = set(phrases)
    for p in phrases:
        for k, w in enumerate(p):
            for group in _TENSES:
                if w in group:
                    out.update(p[:k] + (v,) + p[k + 1 :] for v in group)
    for p in list(out):
        if len(p) > 1 and p[-1] in _ABOUT:
            out.update(p[:-1] + (v,) for v in _ABOUT)  # "nothing is said of" = "nothing is said about"
    return sorted(out, key=len, reverse=True)


_ABOUT = ("about", "of", "on")


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
        targets = frozenset(row.get("targets", ()))
        for label in targets:
            if label not in ontology.labels:
                raise DataError(f"relations.toml: {rtype}: target label {label!r} is not in the ontology")
        nominal = bool(row.get("nominal", False))
        seen: set[tuple[str, ...]] = set()
        for trig in row["triggers"]:
            toks = tuple(t.lower for t in tokenize(trig))
            variants = [toks]
            if not nominal:
                variants += _tense_variants([toks])  # "is run by" -> "was run by", "are run by"
                if toks[-1] != "by" and len(toks) > 1:
                    # "belongs to" -> "belonged to", "belong to", "belonging to"
                    variants += [(f,) + toks[1:] for f in sorted(english.verb_forms(toks[0]))]
            for v in variants:
                if v not in seen:
                    seen.add(v)
                    out.append(Pattern(rtype, row["source"], float(row.get("confidence", 0.8)), v, nominal, targets))
    return tuple(out)


def _patterns(ontology: Ontology) -> tuple[Pattern, ...]:
    return _load_patterns(id(ontology), ontology)
