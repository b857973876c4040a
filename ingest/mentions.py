"""Entity mentions in one sentence: quoted frames, gazetteer names, proper-noun phrases,
acronyms and possessives, typed by cues from ``data/cues.toml``.

Everything here works on token sequences with character offsets, so every mention can be cited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from powerlens.ontology import Ontology

from . import english
from .gazetteer import Gazetteer, GazetteerEntry
from .resources import DataError, load_data
from .text import Sentence, Token, straighten, tokenize

OPEN_QUOTES = {"'", "‘", '"', "“"}
CLOSE_QUOTES = {"'", "’", '"', "”"}
POSSESSIVE = {"'s", "’s"}


@dataclass
class Mention:
    i: int  # first token index in the sentence
    j: int  # one past the last token
    start: int
    end: int
    surface: str
    label: str
    kind: str | None
    name: str
    confidence: float
    how: str
    entry: GazetteerEntry | None = None
    anaphor: str | None = None  # "narrative" | "pronoun" | "actor"
    quoted: bool = False
    refers: str | None = None  # a narrative reference's own words ("the level-playing-field frame")
    base: str | None = None  # "Falkenmark" in "the Falkenmark indicator": another name of the entity
    locative: bool = False  # a place after "in", "across", "from"...: a location, not an actor

    @property
    def weak(self) -> bool:
        return self.anaphor == "pronoun"


class Lexicon:
    """The extractor's data files, compiled once per ontology."""

    def __init__(self, ontology: Ontology):
        self.ontology = ontology
        T = ontology.terms
        self.T = T
        lex = load_data("lexicon")
        cues = load_data("cues")
        self.function_words = set(lex["entities"]["function_words"])
        self.function_words_lower = {w.lower() for w in self.function_words} | set(lex["clauses"]["boundaries"])
        self.connectors = {straighten(c) for c in lex["entities"]["connectors"]}
        self.languages = frozenset(lex["entities"].get("languages", []))
        self.event_names = frozenset(lex["entities"].get("event_names", []))
        self.regional_adjectives = frozenset(lex["entities"].get("regional_adjectives", []))
        self.compass_words = frozenset(lex["entities"].get("compass_words", []))
        self.given_names = frozenset(n for names in load_data("given_names").get("names", {}).values() for n in names)
        self.verb_like_cap = frozenset(w.capitalize() for w in lex["entities"].get("verb_like", []))
        self.not_entities = set(lex["entities"]["not_entities"])
        self.generic = {straighten(p).lower() for p in lex["entities"]["generic_phrases"]}
        self.narrative_phrases = _phrases(lex["anaphora"]["narrative"])
        self.narrative_pronouns = set(lex["anaphora"]["narrative_pronouns"])
        self.actor_anaphora = {tuple(straighten(k).lower().split()): v for k, v in lex["anaphora"]["actor"].items()}
        self.actor_anaphora_by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self.actor_anaphora_by_two: dict[tuple[str, ...], list[tuple[tuple[str, ...], str]]] = {}
        for phrase, kind in sorted(self.actor_anaphora.items(), key=lambda kv: -len(kv[0])):
            self.actor_anaphora_by_first.setdefault(phrase[0], []).append((phrase, kind))
            self.actor_anaphora_by_two.setdefault(phrase[:2], []).append((phrase, kind))
        self.narrative_first = {p[0] for p in self.narrative_phrases}
        self.anaphora_firsts = set(self.narrative_first) | {p[0] for p in self.actor_anaphora} \
            | set(lex["anaphora"]["narrative_pronouns"]) | set(lex["anaphora"].get("references", {}).get("determiners", [])) \
            | {"the", "a", "an", "this", "that", "these", "those"}
        self.narrative_by_two: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        for p in self.narrative_phrases:  # (longest first)
            self.narrative_by_two.setdefault(p[:2], []).append(p)
        ref = lex["anaphora"].get("references", {})
        self.reference_determiners = set(ref.get("determiners", []))
        self.reference_heads = set(ref.get("heads", []))
        self.reference_not = set(ref.get("not_modifiers", []))
        self.boundaries = set(lex["clauses"]["boundaries"])
        self.locative = set(lex["entities"].get("locative_prepositions", []))
        self.event_nouns = set(lex.get("precedents", {}).get("event_nouns", []))
        self.episode_heads = set(lex.get("precedents", {}).get("episode_heads", []))
        self.frame_words = tuple(lex.get("framing", {}).get("cue_words", []))
        self.as_frame_verbs = set(lex.get("framing", {}).get("as_verbs", []))
        self.legitimizing_words = {w for row in load_data("relations").get("wrapped", []) for w in row["complements"]}
        self.frame_verbs = set(lex.get("framing", {}).get("verbs", []))
        self.strict_locative = set(lex["entities"].get("place_prepositions", []))
        self.modifier_openers = set(lex["entities"].get("modifier_openers", []))
        self.document_words = set(lex["entities"].get("document_words", []))
        self.person_titles = {tuple(t.straight for t in tokenize(w)) for w in cues["context_kinds"].get("person_titles", [])}
        self.honorifics = frozenset(cues["context_kinds"].get("honorifics", []))
        self.domain_kind = cues["context"].get("domain_kind", "MediaOutlet")
        self.model_number_kind = cues["context"].get("model_number_kind", "Product")
        self._check(ontology.terms.product, self.model_number_kind, "model_number_kind")
        self.numbered_parts = set(cues["context"].get("numbered_parts", []))
        self.court_case_kind = cues["context"].get("court_case_kind", "Regulation")
        self._check(ontology.terms.precedent, self.court_case_kind, "court_case_kind")
        self.event_kind = cues["context"].get("event_kind", "Other")
        self._check(ontology.terms.precedent, self.event_kind, "event_kind")
        places = load_data("places").get("places", {})
        self.regions = {tuple(t.straight for t in tokenize(r)) for key in ("regions", "cities", "features") for r in places.get(key, [])}
        self.towns = {tuple(t.straight for t in tokenize(r)) for r in places.get("cities", [])}
        self.region_widths: dict[str, tuple[int, ...]] = {}
        for r in self.regions:
            self.region_widths[r[0]] = tuple(sorted(set(self.region_widths.get(r[0], ())) | {len(r)}, reverse=True))
        self._check(ontology.terms.actor, self.domain_kind, "domain_kind")
        self.verb_like = set(lex["entities"].get("verb_like", []))
        self.modals = {"must", "should", "would", "could", "can", "may", "might", "will", "shall", "to"}
        # verbs of the relation lexicon: never a modifier inside a lower-case name
        rel = load_data("relations")
        self.trigger_verbs = {tuple(straighten(t).lower().split())[0] for row in rel["pattern"] if not row.get("nominal")
                              for t in row["triggers"]} - self.function_words_lower - {"like", "part", "such", "as", "in", "on", "a", "the"}
        self.months = set(lex["entities"].get("months", []))
        self.coordination = set(lex["clauses"]["coordination"])

        def typed(rows, what):
            out = []
            for row in rows:
                label, kind = row["label"], row.get("kind")
                self._check(label, kind, what)
                out.append((label, kind, row["words"]))
            return out

        self.head = {}
        for label, kind, words in typed(cues["head"], "head cue"):
            for w in words:
                self.head.setdefault(w, (label, kind))
        self.first = {}
        for label, kind, words in typed(cues["first"], "first-word cue"):
            for w in words:
                self.first.setdefault(w, (label, kind))
        self.category: dict[tuple[str, ...], tuple[str, str | None]] = {}
        self.category_not_after: set[tuple[str, ...]] = set()
        for row, (label, kind, words) in zip(cues["category"], typed(cues["category"], "category cue")):
            for w in words:
                key = tuple(straighten(w).lower().split())
                self.category.setdefault(key, (label, kind))
                if row.get("after") is False:
                    self.category_not_after.add(key)
        self.category_max = max(len(k) for k in self.category)
        self.trailing: dict[tuple[str, ...], tuple[str, str | None]] = {}
        for label, kind, words in typed(cues.get("trailing", []), "trailing cue"):
            for w in words:
                self.trailing.setdefault(tuple(straighten(w).lower().split()), (label, kind))
        self.common_heads = {k: v for k, v in self.trailing.items() if v[0] in (self.T.metric, self.T.policy)}
        self.common_head_words = frozenset(k[-1] for k in self.common_heads)
        self.trailing_words = frozenset(w for k in self.trailing for w in k)
        self.generic_modifiers = set(lex["entities"].get("generic_modifiers", []))
        ctx = cues["context"]
        self.examples = _phrases(ctx["examples"])
        self.example_tails = {n: {p[-n:] for p in self.examples if len(p) == n} for n in range(1, 5)}
        self.example_last_words = {p[-1] for p in self.examples}
        self.between = {straighten(w).lower() for w in ctx["between"]}
        self.state_nouns = set(ctx["state_nouns"])
        self.actor_suffixes = set(ctx["actor_suffixes"])
        self.place_suffixes = set(ctx["place_suffixes"])
        self.modifier_suffixes = frozenset(ctx.get("modifier_suffixes", []))
        drugs = cues.get("drugs", {})
        self.drug_stems = tuple(drugs.get("stems", []))
        self.drug_kind = drugs.get("kind")
        if self.drug_stems:
            self._check(ontology.terms.product, self.drug_kind, "drugs kind")
        self.place_heads = set(ctx.get("place_heads", []))

    def _check(self, label: str, kind: str | None, what: str) -> None:
        if label not in self.ontology.labels:
            raise DataError(f"cues.toml: {what} label {label!r} is not in the ontology")
        kinds = self.ontology.labels[label].kind_names()
        if kind and kinds and kind not in kinds:
            raise DataError(f"cues.toml: {what} kind {kind!r} is not a kind of {label}")

    @cached_property
    def entity_labels(self) -> set[str]:
        return set(self.ontology.entity_labels())

    def category_at(self, low: list[str], i: int) -> tuple[int, tuple[str, str | None]] | None:
        for n in range(min(self.category_max, len(low) - i), 0, -1):
            hit = self.category.get(tuple(low[i : i + n]))
            if hit:
                return n, hit
        return None


def _phrases(items: list[str]) -> list[tuple[str, ...]]:
    out = [tuple(t.lower for t in tokenize(p)) for p in items]
    return sorted(out, key=len, reverse=True)


def match_phrase(low: list[str], i: int, phrases: list[tuple[str, ...]]) -> int:
    for p in phrases:
        if tuple(low[i : i + len(p)]) == p:
            return len(p)
    return 0


_CAMEL = re.compile(r"[a-z][A-Z]")
_NAME_ENDS_AFTER_S = {",", ".", ";", ":", "and", "or", "nor", "that", "which", "who", ")", "(", "is", "was", "has", "had", "said", "says"}
_VERSION = re.compile(r"\d+\.\d+(?:\.\d+)?")


class MentionFinder:
    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer):
        self.lx = lexicon
        self.gz = gazetteer
        self.T = lexicon.T
        #: words the current document capitalises inside sentences (set per document by the
        #: extractor): a sentence-initial word among them is a name, not an ordinary word
        self.doc_names: frozenset[str] = frozenset()

    def find(self, s: Sentence, heading: bool = False) -> list[Mention]:
        toks = list(s.tokens)
        texts = [t.straight for t in toks]
        low = s.low
        claimed = [False] * len(toks)
        out: list[Mention] = []

        def claim(m: Mention):
            for k in range(m.i, m.j):
                claimed[k] = True
            out.append(m)
        self._claim = claim

        words = s.words
        if not words.isdisjoint(OPEN_QUOTES):
            self._quoted(s, toks, texts, low, claimed, claim)
        self._gazetteer(s, toks, texts, low, claimed, claim)
        self._regions(texts, claimed)
        if not heading and not _title_case(toks):
            self._proper(s, toks, texts, low, claimed, claim)
        self._claimed_out = out
        if "as" in words and not words.isdisjoint(self.lx.as_frame_verbs):
            self._unquoted_frames(s, toks, low, claimed, claim)
        self._anaphora(s, toks, low, claimed, claim)
        if self.lx.drug_stems:
            self._drug_names(toks, low, claimed, claim)
        if not words.isdisjoint(self.lx.common_head_words):
            self._common_nps(s, toks, low, claimed, claim)
        if any(m.kind == "State" or m.how == "demonym+state" for m in out):
            out.extend(self._state_policies(s, toks, low, out))
        if out and not words.isdisjoint(self.lx.trailing_words):
            self._trailing_heads(s, toks, low, claimed, out)
        out.sort(key=lambda m: (m.i, -m.j))
        self._places(toks, low, out)
        return out

    def _drug_names(self, toks, low, claimed, claim) -> None:
        """Generic drug names are written in lower case ("semaglutide", "adalimumab"): a word
        ending in an international nonproprietary name stem (``cues.toml`` [drugs]) that is no
        English word is a Product of the drug kind."""
        for k, w in enumerate(low):
            if claimed[k] or len(w) < 8 or not w.isalpha() or not w.endswith(self.lx.drug_stems) or english.word_classes(w):
                continue
            t = toks[k]
            claim(Mention(k, k + 1, t.start, t.end, t.text, self.T.product, self.lx.drug_kind, t.text, 0.7, "drug-stem"))

    def _heads_after(self, texts, k) -> bool:
        """Up to three lower-case words from ``k`` end in a trailing head of a precedent, policy or
        metric ("doping scandal", "teacher exchange", "export ban")."""
        for q in range(k, min(len(texts), k + 3)):
            w = texts[q].lower()
            if not texts[q].isalpha() or not texts[q].islower():
                return False
            hit = self.lx.trailing.get((w,))
            if hit is not None and hit[0] in (self.T.precedent, self.T.policy, self.T.metric):
                return True
        return False

    def _places(self, toks, low, out: list[Mention]) -> None:
        """Mark actors that stand only as places or as modifiers: "in (the) Netherlands", "across
        Argentina, Bolivia and Chile" (the whole list), "the largest US banks"."""
        n = len(low)
        prev_place: Mention | None = None
        for m in out:
            if m.label != self.T.actor or m.anaphor:
                continue
            place_like = m.kind == "State" or (m.entry is not None and m.entry.place) or m.how in ("proper-noun", "capitalised-word")
            if prev_place is not None and place_like and m.i - prev_place.j <= 2 \
                    and all(w in {",", "and", "or"} for w in low[prev_place.j : m.i]) and (m.j >= n or low[m.j] not in POSSESSIVE):
                m.locative = True  # the rest of a list of places
                prev_place = m
                continue
            prev_place = None
            if m.i == 0 or (m.j < n and low[m.j] in POSSESSIVE):
                continue
            q = m.i - 1
            if low[q] == "the" and q > 0:
                q -= 1  # "in the Netherlands"
            prev = low[q]
            if prev == "in" and q > 0 and low[q - 1] in _NOT_LOCATIVE_BEFORE_IN:
                prev = ""  # "a controlling stake in Newcastle United", "invested in X": no place
            if (m.kind == "State" or (m.entry is not None and m.entry.place)) and prev in self.lx.locative:
                m.locative = True
            elif m.how in ("proper-noun", "capitalised-word") and prev in self.lx.strict_locative:
                m.locative = True  # "in Kolwezi", "across South Asia"
            elif (m.kind == "State" or (m.entry is not None and m.entry.place)) and m.j < n and toks[m.j].is_word \
                    and not toks[m.j].is_cap and low[m.j].isalpha() \
                    and low[m.j] not in self.lx.function_words_lower and low[m.i - 1] in self.lx.modifier_openers \
                    and not low[m.j].endswith("ed") and low[m.j] not in self.lx.verb_like:
                m.locative = True  # "the US version", "a UK bank": the state names a kind of thing
            if m.entry is None and m.how in ("proper-noun", "capitalised-word") and m.name.split()[-1] in self.lx.place_heads:
                m.locative = True  # "the Eastern Cape", "Thacker Pass": a place wherever it stands
            if m.locative:
                prev_place = m

    # --- passes -------------------------------------------------------------------------------

    def _quoted(self, s, toks, texts, low, claimed, claim):
        n = len(toks)
        i = 0
        while i < n:
            t = toks[i]
            if t.text in OPEN_QUOTES and (i == 0 or t.space_before or texts[i - 1] in "([—–-"):
                j = next(
                    (k for k in range(i + 1, min(n, i + 14)) if toks[k].text in CLOSE_QUOTES
                     and (k + 1 >= n or toks[k + 1].space_before or not toks[k + 1].is_word)),
                    None,
                )
                if j is not None and j > i + 1:
                    inner_i, inner_j = i + 1, j
                    while inner_j > inner_i and texts[inner_j - 1] in {",", ".", ";", ":"}:
                        inner_j -= 1
                    m = self._classify_quoted(s, toks, texts, low, i, j, inner_i, inner_j)
                    if m is not None:
                        claim(m)
                        i = j + 1
                        continue
            i += 1

    def _classify_quoted(self, s, toks, texts, low, qi, qj, a, b) -> Mention | None:
        inner = s.text[toks[a].start - s.start : toks[b - 1].end - s.start]
        inner_low = straighten(inner).lower()
        if inner_low in self.lx.generic or not inner.strip():
            return None
        start, end = toks[a].start, toks[b - 1].end
        hit = self.gz.surface.get(tuple(texts[a:b]))
        if hit:
            return Mention(a, b, start, end, inner, hit.label, hit.kind, hit.name, 0.95, "gazetteer", hit, quoted=True)
        after = self._category_after(low, qj + 1)
        if after and (toks[a].is_cap or toks[a].text[:1].isdigit()):
            label, kind = after
            if label != self.T.framing:
                return Mention(a, b, start, end, inner, label, kind, inner, 0.85, "quoted+category", quoted=True)
        before = self._category_before(low, qi)
        if before and toks[a].is_cap:
            label, kind = before
            return Mention(a, b, start, end, inner, label, kind, inner, 0.85, "category+quoted", quoted=True)
        caps = [t for t in toks[a:b] if t.is_word]
        if caps and all(t.is_cap or t.text[:1].isdigit() or straighten(t.text) in self.lx.connectors for t in caps):
            typed = self._type_by_name(texts[a:b])
            if typed:
                return Mention(a, b, start, end, inner, typed[0], typed[1], inner, 0.8, "quoted+head", quoted=True)
            if len(caps) >= 2 and self._title_context(low, qi, qj):
                # '"Primed for Pain", a report', 'published "Cures Delayed"': the title of a document
                return Mention(a, b, start, end, inner, self.T.metric, "Report", inner, 0.75, "quoted-title", quoted=True)
            return None  # a quoted proper name: leave it to the proper-noun pass
        words = [t for t in toks[a:b] if t.is_word]
        if len(words) == 1 and not self._frame_context(low, qi, qj) and not (
                words[0].text.isalpha() and words[0].text.islower() and len(words[0].text) >= 5 and s.section in ("title", "summary")):
            return None  # scare quotes around one word (in the headline or summary they mark the coverage's own word)
        if len(words) > 8:
            return None  # a quotation, not a frame
        return Mention(a, b, start, end, inner, self.T.framing, None, _frame_name(inner), 0.85, "quoted-frame", quoted=True)

    _AS_NP_STOP = {",", ";", ".", ":", "while", "whereas", "and", "but", "rather", "instead", "that", "which", "who", "because",
                   "despite", "when", "even", "than", "by", "in", "to", "for", "with", "from", "at", "on", "—", "–", "(", ")"}

    def _unquoted_frames(self, s, toks, low, claimed, claim) -> None:
        """"presenting continued growth in oil use as the sober baseline", "framing the purchase as an
        act of patriotic service": the phrase after "as" is a frame (Framing), quoted or not."""
        n = len(toks)
        for i, w in enumerate(low):
            if w not in self.lx.as_frame_verbs:
                continue
            k = next((q for q in range(i + 1, min(n, i + 12)) if low[q] == "as"), None)
            if k is None or k + 1 >= n or any(low[q] in {".", ";", ":"} for q in range(i, k)):
                continue
            a = k + 1
            if a >= n or low[a] not in {"the", "a", "an"}:
                continue  # "as a lifeline", "as the sober baseline": a frame is a noun phrase
            while a < n and low[a] in {"the", "a", "an", "mere", "simply", "merely", "just", "nothing", "more", "than"}:
                a += 1
            b = a
            while b < n and b - a < 6 and low[b] not in self._AS_NP_STOP and not claimed[b] \
                    and not (b > a and low[b] == "of" and b + 1 < n and toks[b + 1].is_cap):
                if toks[b].is_cap and b > a:
                    break
                b += 1
            if b - a < 2 or any(claimed[a:b]) or not all(toks[q].is_word or low[q] in {"-", "'"} for q in range(a, b)):
                continue  # (a single word after "as" is an attribute more often than a frame)
            if toks[a].is_cap or low[b - 1] in self.lx.function_words_lower or any(english.only(low[q], english.VERB) for q in range(a, b)) \
                    or any(low[q] in self.lx.legitimizing_words for q in range(a, b)):
                continue  # ("as a neutral measure" legitimizes what it describes; it is no frame of its own)
            surface = s.text[toks[a].start - s.start : toks[b - 1].end - s.start]
            claim(Mention(a, b, toks[a].start, toks[b - 1].end, surface, self.T.framing, None, _frame_name(surface), 0.65,
                          "as-frame"))

    def _title_context(self, low, qi, qj) -> bool:
        """A document noun or a verb of publishing within three words of a quoted title."""
        window = low[max(0, qi - 3) : qi] + low[qj + 1 : qj + 4]
        return any(w in self.lx.document_words for w in window)

    def _frame_context(self, low, qi, qj) -> bool:
        window = low[max(0, qi - 6) : qi] + low[qj + 1 : qj + 3]
        return any(w.startswith(self.lx.frame_words) or w in self.lx.frame_verbs for w in window)

    def _gazetteer(self, s, toks, texts, low, claimed, claim):
        n = len(toks)
        lengths, demonyms = self.gz.lengths, self.gz.demonyms
        i = -1
        for i0 in [q for q, w in enumerate(texts) if w in lengths or w in demonyms]:
            if i0 < i or claimed[i0]:
                continue
            i = i0
            hit = self.gz.match(texts, i)
            if hit:
                length, e = hit
                j = i + length
                place = j + 1 < n and texts[j] == "-" and low[j + 1] in self.lx.place_suffixes
                if place:
                    i = j
                    continue
                if i > 1 and texts[i - 1] in {"of", "for"} and toks[i - 2].is_cap and toks[i - 2].is_word and not claimed[i - 2] \
                        and texts[i - 2] in self.lx.head:
                    i += 1  # "Recording Industry Association of America": part of a longer name
                    continue
                if i > 3 and texts[i - 1] == "the" and texts[i - 2] == "of" and toks[i - 3].text[:1].isdigit() \
                        and toks[i - 4].is_cap and not claimed[i - 4]:
                    i += 1  # "Section 1502 of the Dodd-Frank Act", "Article 6 of the Paris Agreement"
                    continue
                if j + 1 < n and texts[j] in {"-", "–"} and not toks[j].space_before and not toks[j + 1].space_before \
                        and toks[j + 1].is_cap and toks[j + 1].is_word:
                    i += 1  # "Gazprom-Media", "Live Nation–Ticketmaster": a longer hyphenated name
                    continue
                if j + 1 < n and texts[j] in {"v", "vs"} and (toks[j + 1].is_cap or (texts[j + 1] == "." and j + 2 < n and toks[j + 2].is_cap)):
                    i += 1  # "New York Times v. Sullivan": a court case
                    continue
                if i > 1 and toks[i].space_before and toks[i - 1].is_cap and toks[i - 1].is_word and not claimed[i - 1] \
                        and texts[i - 1] not in self.lx.function_words and texts[i - 1] not in self.gz.demonyms \
                        and texts[i - 1] not in self.lx.not_entities:
                    i += 1  # part of a longer name ("Move EU"): the proper-noun pass takes it
                    continue
                if j < n and toks[j].space_before and _MODEL_NUMBER.fullmatch(toks[j].text) and not self._year_like([toks[j].text]) \
                        and e.label in (self.T.product, self.T.actor) and e.kind != "State" and not any(claimed[i : j + 1]):
                    # "Gemini 2.5 Pro", "Boeing 737 MAX": a model of the named product or maker
                    k = j + 1
                    while k < n and not claimed[k] and toks[k].space_before and toks[k].is_word and toks[k].is_cap and len(toks[k].text) <= 8:
                        k += 1
                    surface = s.text[toks[i].start - s.start : toks[k - 1].end - s.start]
                    claim(Mention(i, k, toks[i].start, toks[k - 1].end, surface, self.T.product, self.lx.model_number_kind, surface,
                                  0.8, "gazetteer+model"))
                    i = k
                    continue
                if not any(claimed[i:j]) and not (j < n and toks[j].space_before and _joins(toks, j) and texts[j] not in self.lx.function_words):
                    claim(Mention(i, j, toks[i].start, toks[j - 1].end, s.text[toks[i].start - s.start : toks[j - 1].end - s.start],
                                  e.label, e.kind, e.name, 0.95, "gazetteer", e))
                    i = j
                    continue
            d = demonyms.get(texts[i])
            if d is not None:
                k = i + 1
                if k < n and low[k] in self.lx.state_nouns:
                    claim(Mention(i, k + 1, toks[i].start, toks[k].end, s.text[toks[i].start - s.start : toks[k].end - s.start],
                                  d.label, d.kind, d.name, 0.85, "demonym+state", d))
                    i = k + 1
                    continue
            i += 1

    def _regions(self, texts, claimed) -> None:
        """World regions ("West Africa", "the Middle East") are places: claim them so that no
        entity is made of them."""
        n = len(texts)
        widths = self.lx.region_widths
        for i in [q for q, w in enumerate(texts) if w in widths]:
            for width in widths[texts[i]]:
                if i + width <= n and tuple(texts[i : i + width]) in self.lx.regions and not any(claimed[i : i + width]):
                    if i + width < n and texts[i + width][:1].isupper():
                        break  # "Africa Group", "Europe Direct": part of a longer name
                    if (i + width + 1 < n and texts[i + width] in {"-", "–"} and texts[i + width + 1][:1].isupper()) \
                            or (i >= 2 and texts[i - 1] in {"-", "–"} and texts[i - 2][:1].isupper()):
                        break  # "Reno-Sparks Indian Colony": part of a hyphenated name
                    if i >= 2 and texts[i - 1] in {"of", "for"} and texts[i - 2] in self.lx.head:
                        break  # "Federal Reserve Bank of Atlanta", "University of Chicago"
                    if self._heads_after(texts, i + width):
                        break  # "the Sochi doping scandal": a name for the trailing-head pass
                    if i >= 2 and tuple(texts[i : i + width]) in self.lx.towns and texts[i - 1][:1].isupper() and texts[i - 1].isalpha() \
                            and texts[i - 1] not in self.lx.function_words and not claimed[i - 1]:
                        break  # "a New York private equity firm": a town after a capitalised word ends a longer name
                    if i >= 2 and texts[i - 1][:1].isupper() and texts[i - 1].isalpha() and not claimed[i - 1] \
                            and texts[i - 1] not in self.lx.function_words and texts[i - 1] not in self.lx.not_entities \
                            and (texts[i - 2][:1].isupper() and texts[i - 2].isalpha() and texts[i - 2] not in self.lx.function_words
                                 or texts[i - 2] in {"of", "for"}):
                        break  # "Football Supporters Europe", "Authority of South Africa": a region closing a longer name
                    for k in range(i, i + width):
                        claimed[k] = True
                    break

    def _proper(self, s, toks, texts, low, claimed, claim):
        n = len(toks)
        i = 0
        while i < n:
            t0 = toks[i]
            if claimed[i] or not t0.is_word or not (t0.is_cap or t0.text[0].isdigit() or "." in t0.text or _CAMEL.search(t0.text)):
                i += 1
                continue
            if "." in t0.text and _DOMAIN.fullmatch(t0.text):
                # "news.com.au", "Index.hu": a web address names a site
                claim(Mention(i, i + 1, toks[i].start, toks[i].end, toks[i].text, self.T.actor, self.lx.domain_kind,
                              toks[i].text, 0.7, "domain"))
                i += 1
                continue
            if claimed[i] or not (self._can_start(toks, texts, i) or self._number_name(toks, texts, claimed, i)):
                i += 1
                continue
            j = i + 1
            case = False
            while j < n and not claimed[j]:
                t = toks[j]
                if texts[j] in {"-", "–"} and not t.space_before and j + 1 < n and not claimed[j + 1] \
                        and (toks[j + 1].is_cap or toks[j + 1].is_acronym or (texts[j] == "-" and toks[j + 1].text[:1].isdigit()))\
                        and toks[j + 1].is_word and not toks[j + 1].space_before:
                    j += 2  # Dodd-Frank, Rolls-Royce, First-Class, US–Japan, Live Nation–Ticketmaster, F-35, COVID-19
                    if j < n and not claimed[j] and not toks[j].space_before and toks[j].is_word and len(toks[j].text) <= 2 \
                            and texts[j - 1][:1].isdigit():
                        j += 1  # "F-35A"
                    continue
                if texts[j] == "-" and j - i >= 2 and not t.space_before and j + 2 < n and toks[j + 1].is_word \
                        and not toks[j + 1].is_cap and not toks[j + 1].space_before and low[j + 1].isalpha() \
                        and not low[j + 1].endswith("ed") and low[j + 1] not in _HYPHEN_PARTICIPLES \
                        and toks[j + 2].space_before and toks[j + 2].is_cap and toks[j + 2].is_word \
                        and not claimed[j + 1] and not claimed[j + 2]:
                    j += 3  # a lower-case part of a hyphenated word inside a long name: "... of Breast-milk Substitutes"
                    continue
                if texts[j] in POSSESSIVE and j - i == 1 and self._possessive_joins(texts, j) and not toks[i].is_acronym \
                        and self.gz.surface.get((texts[i],)) is None and texts[i] not in self.gz.demonyms:
                    j += 1  # Alzheimer's Association, People's Bank of China (not "Len Blavatnik's Access Industries")
                    continue
                if texts[j] in POSSESSIVE and (j + 1 >= n or texts[j + 1] in _NAME_ENDS_AFTER_S):
                    j += 1  # a brand ending in 's: "Sainsbury's", "Moody's" (no noun follows)
                    break
                if texts[j] == "'" and not t.space_before and texts[j - 1].endswith("s") and j + 1 < n \
                        and not claimed[j + 1] and toks[j + 1].is_cap and toks[j + 1].is_word and toks[j + 1].space_before \
                        and self._possessive_joins(texts, j):
                    j += 1  # Tenants' Union of NSW, Building and Wood Workers' International
                    continue
                if texts[j] in {"v", "vs"} and j + 1 < n:
                    q = j + 2 if texts[j + 1] == "." and j + 2 < n else j + 1
                    if not claimed[q] and toks[q].is_cap and toks[q].is_word:
                        j = q  # a court case: Uber BV v Aslam, Bowman v. Monsanto Co.
                        case = True
                        continue
                if t.space_before and (t.is_cap or t.is_acronym) and t.is_word and (
                        texts[j] not in self.lx.not_entities - {"AI"} or texts[j] in self.lx.head
                        or (j + 1 < n and toks[j + 1].is_cap and toks[j + 1].is_word and toks[j + 1].space_before)):
                    j += 1  # a generic word inside a name goes on: "Oxford Internet Institute", "MSCI ESG Research"
                    continue
                if t.space_before and t.text[:1].isdigit() and j - i >= 1 and (2 <= len(t.text) <= 4 and t.text.isdigit() or _VERSION.fullmatch(t.text)
                        or (_GROUPED_NUMBER.fullmatch(t.text) and texts[j - 1] in self.lx.head and self.lx.head[texts[j - 1]][0] == self.T.policy)
                        or (len(t.text) == 1 and t.text.isdigit() and j - i == 1 and texts[i] not in self.lx.numbered_parts
                            and texts[i] not in self.lx.verb_like_cap and texts[i] not in self.lx.not_entities
                            and (j + 1 >= n or not toks[j + 1].is_cap))):
                    j += 1  # "Vision 2030", "Agenda 2063", "VantageScore 4.0"
                    continue
                if texts[j] == "of" and j + 1 < n and not claimed[j + 1] and len(texts[j + 1]) == 4 and texts[j + 1].isdigit() \
                        and texts[j + 1][:2] in {"18", "19", "20"} and self.lx.head.get(texts[j - 1], ("",))[0] == self.T.policy \
                        and not (j + 2 < n and texts[j + 2] in {"-", "–", "to"}):
                    j += 2  # "the General Mining Law of 1872", "the Electronic Communications Act of 2005": the year is in the title
                    break
                if texts[j] == "." and texts[j - 1] in _NAME_ABBREVIATIONS and j + 1 < n and toks[j + 1].is_cap \
                        and toks[j + 1].is_word and toks[j + 1].space_before and not claimed[j + 1]:
                    j += 1  # "Warner Bros. Discovery"
                    continue
                if texts[j] in {"al", "el", "ul", "bin", "bint", "ibn", "abu", "ben"} and j + 1 < n and not claimed[j + 1]:
                    q = j + 2 if j + 2 < n and texts[j + 1] == "-" and not toks[j + 1].space_before else j + 1
                    if q < n and toks[q].is_cap and toks[q].is_word and not claimed[q]:
                        j = q + 1  # "Haitham al-Ghais", "Mohammed bin Salman"
                        continue
                if texts[j] == "," and j - i >= 1 and j + 1 < n and toks[j + 1].is_cap and toks[j + 1].is_word:
                    q = self._comma_name_end(toks, texts, claimed, i, j)
                    if q:
                        j = q  # "Rwanda Mines, Petroleum and Gas Board", "Ministry of Information, Communications and the Digital Economy"
                        continue
                if texts[j] in _TITLE_WORDS and j + 1 < n:
                    q = self._law_title_end(toks, texts, claimed, j)
                    if q:
                        j = q  # "Trading with the Enemy Act", "Protecting Americans from Foreign Adversary ... Act"
                        continue
                if texts[j] in {"de", "da", "van", "von", "di", "del", "du"} and j + 2 < n and texts[j + 1] in {"la", "las", "los", "der", "den", "le", "les", "lo", "il"} \
                        and not claimed[j + 2] and toks[j + 2].is_cap and toks[j + 2].is_word:
                    j += 3  # "Caisse de la Dette", "Ursula von der Leyen"
                    continue
                if texts[j] in self.lx.connectors and j + 1 < n and not claimed[j + 1] and toks[j + 1].is_cap and toks[j + 1].is_word:
                    if texts[j] in {"and", "&"} and not self._and_joins(texts, i, j):
                        break
                    if texts[j] == "in" or (texts[j] == "on" and texts[j - 1] not in self.lx.head):
                        break  # "Commission on Human Rights", "Declaration on ...", but not "Musicians in Lagos" nor "League in Atlanta"
                    if texts[j] in {"the"} and texts[j - 1] not in {"of", "for"}:
                        break
                    j += 2
                    continue
                if texts[j] in {"of", "for", "on"} and j + 2 < n and texts[j + 1] == "the" and not claimed[j + 1] and not claimed[j + 2] \
                        and toks[j + 2].is_cap and toks[j + 2].is_word and self._names_a_part(texts, i, j):
                    j += 3  # "Section 1502 of the Dodd-Frank Act", "Bank of the South"
                    continue
                break
            # an imperative opens a sentence of a pathway ("Let Tribal staff run ...", "Give
            # community networks ..."); elsewhere only a word that cannot be a noun does
            if j - i >= 2 and (i == 0 or (i == 1 and texts[0] in OPEN_QUOTES)) and not toks[i].is_acronym \
                    and self._imperative(low[i], s.section == "pathways"):
                i += 1
            # trim trailing connectors and generic words, and leading function words
            while j > i and (texts[j - 1] in self.lx.connectors or not toks[j - 1].is_word
                             or (j - i > 1 and texts[j - 1] in self.lx.not_entities and texts[j - 1] not in self.lx.head)):
                j -= 1
            while i < j and texts[i] in self.lx.function_words:
                i += 1
            titled = False
            honorific = None
            for width in (2, 1):
                if j - i > width and tuple(texts[i : i + width]) in self.lx.person_titles and toks[i + width].is_cap \
                        and not any(w in self.lx.head for w in texts[j - 3 : j] if w[:1].isupper()):
                    # ("the General Mining Law (of 1872)", "the Justice Department": no title)
                    if width == 1 and texts[i] in self.lx.honorifics:
                        honorific = i  # "Sir Martyn Oliver": also a name of the person
                    i += width  # "Governor Kay Ivey", "President William Ruto": the title is not part of the name
                    titled = True
                    break
            if i >= j:
                i = max(i, j) + 1
                continue
            m = self._type_proper(s, toks, texts, low, i, j)
            if case and m is not None and any(w in {"v", "v.", "vs", "vs."} for w in texts[i:j]):
                m.label, m.kind, m.how = self.T.precedent, self.lx.court_case_kind, "court-case"  # a ruling cited as a precedent
            if m is not None:
                if titled and m.label == self.T.actor:
                    m.kind, m.how = "Person", "title+name"
                    if honorific is not None:
                        m.base = s.text[toks[honorific].start - s.start : toks[j - 1].end - s.start]
                claim(m)
            i = j

    @staticmethod
    def _imperative(word: str, pathway: bool) -> bool:
        if not english.can_be(word, english.VERB) or english.lemma(word) != word:
            return False
        return pathway or not (english.can_be(word, english.NOUN) or english.can_be(word, english.ADJ))

    @staticmethod
    def _year_like(words) -> bool:
        return any(w.isdigit() and len(w) == 4 and w[:2] in {"19", "20"} for w in words)

    @staticmethod
    def _acronym_spans(texts, i, j) -> bool:
        """The capitalised words from ``i`` on, across the "and" at ``j``, are spelled out by the
        acronym in brackets after them: "Research and Manufacturers of America (PhRMA)"."""
        k = j + 1
        while k < len(texts) and k - j < 10 and (texts[k][:1].isupper() or texts[k] in {"of", "the", "and", "for", "&"}):
            k += 1
        if not (k + 2 < len(texts) and texts[k] == "(" and texts[k + 2] == ")"):
            return False
        letters = "".join(c for c in texts[k + 1] if c.isupper())
        initials = "".join(w[0] for w in texts[i:k] if w[:1].isupper())
        return len(letters) >= 3 and initials.upper() == letters and len(initials) > len([w for w in texts[i:j] if w[:1].isupper()]) + 0

    def _comma_name_end(self, toks, texts, claimed, i, j) -> int:
        """A name with a list inside: from the comma at ``j``, capitalised words in comma-joined
        groups closed by "and" (or "&"), ending in a head word of a law or an institution ("Rwanda
        Mines, Petroleum and Gas Board"; "Economic Growth, Regulatory Relief, and Consumer
        Protection Act"), or after "Ministry of"-like heads, a list of portfolios ("Ministry of
        Information, Communications and the Digital Economy"). Returns the end, or 0."""
        n = len(toks)
        portfolio = any(texts[q] in {"of", "for"} and q > i and texts[q - 1] in self.lx.head and self.lx.head[texts[q - 1]][0] == self.T.actor
                        and self.lx.head[texts[q - 1]][1] != "Company" for q in range(i, j))
        q, closed = j, False
        while q < n and q - j < 16:
            w = texts[q]
            if w == "," and not closed:
                q += 1
                if q < n and texts[q] in {"and", "&"}:
                    continue
                if not (q < n and toks[q].is_cap and toks[q].is_word and not claimed[q]):
                    return 0
                continue
            if w in {"and", "&"} and not closed:
                closed = True
                q += 1
                if q < n and texts[q] == "the" and portfolio:
                    q += 1
                if not (q < n and toks[q].is_cap and toks[q].is_word and not claimed[q]):
                    return 0
                continue
            if toks[q].is_cap and toks[q].is_word and not claimed[q] or (w == "-" and not toks[q].space_before):
                q += 1
                continue
            break
        if not closed or q <= j + 1:
            return 0
        last = texts[q - 1]
        if last in self.lx.head and self.lx.head[last][0] in (self.T.policy, self.T.actor) \
                and self.lx.head[last][1] != "Company":
            return q
        if portfolio and (q >= n or not toks[q].is_cap):
            return q
        return 0

    def _law_title_end(self, toks, texts, claimed, j) -> int:
        """A title with lower-case words inside ("Trading with the Enemy Act", "Protecting
        Americans from Foreign Adversary Controlled Applications Act"): from the lower-case word
        at ``j``, capitalised words and a few small words up to a law or policy head word. Returns
        the index after the head, or 0."""
        n = len(toks)
        q = j
        small = 0
        joiners = False  # "and", "the": two organisations may stand there ("X of Australia and the Y Institute")
        while q < n and q - j < 10 and not claimed[q]:
            w = texts[q]
            if toks[q].is_cap and toks[q].is_word:
                if w in self.lx.head and (self.lx.head[w][0] in (self.T.policy, self.T.metric)
                                          or (self.lx.head[w][0] == self.T.actor and not joiners
                                              and self.lx.head[w][1] not in ("Company", "MediaOutlet"))) \
                        and not (q + 1 < n and toks[q + 1].is_cap and toks[q + 1].is_word and toks[q + 1].space_before):
                    return q + 1  # (the head closes the title: not "... and by Bill Pulte")
                q += 1
                continue
            if w in _TITLE_WORDS and small < 3:
                small += 1
                joiners = joiners or w in {"and", "the", "a", "an", "in", "at", "by", "on"}
                q += 1
                continue
            return 0
        return 0

    def _number_name(self, toks, texts, claimed, i) -> bool:
        """"1789 Capital", "3M Company": a number opens a name when capitalised words follow it up
        to an organisation head word."""
        if not toks[i].text.isdigit() or (i > 0 and texts[i - 1].lower() in {"in", "of", "since", "from", "until", "to", "during", "before", "after", "at", "on"}):
            return False  # "in 2023 Congress ...": a date
        k = i + 1
        while k < len(toks) and not claimed[k] and toks[k].is_word and toks[k].is_cap and toks[k].space_before:
            k += 1
        return k > i + 1 and texts[k - 1] in self.lx.head and self.lx.head[texts[k - 1]][0] == self.T.actor

    def _can_start(self, toks, texts, i) -> bool:
        t = toks[i]
        if not t.is_word or not (t.is_cap or _CAMEL.search(t.text)):
            return False
        return texts[i] not in self.lx.function_words

    def _possessive_joins(self, texts, j) -> bool:
        """"People's Bank", "Workers' International": the possessive is inside a name when the
        run of capitalised words after it ends in an organisation head."""
        k = j + 1
        while k < len(texts) and texts[k][:1].isupper():
            k += 1
        return k > j + 1 and texts[k - 1] in self.lx.head and (self.lx.head[texts[k - 1]][0] == self.T.actor or texts[j] == "'")

    def _names_a_part(self, texts, i, j) -> bool:
        """"Section 1502 of the Act", "Article 6 of the Paris Agreement", "Bank of the South": a
        numbered part or an institution head before "of the"."""
        words = texts[i:j]
        return (len(words) == 2 and words[1][:1].isdigit()) or (words and words[-1] in self.lx.head)

    def _and_joins(self, texts, i, j) -> bool:
        """'and' inside a name: after 'of' (Ministry of Trade and Industry) or before a name head (CHIPS and Science Act)."""
        if texts[j] == "&":
            return True  # Johnson & Johnson, Loud & Clear, Marks & Spencer
        if "of" in texts[i:j] or "for" in texts[i:j]:
            return True
        if self._acronym_spans(texts, i, j):
            return True  # "the Pharmaceutical Research and Manufacturers of America (PhRMA)"
        k = j + 1
        while k < len(texts) and texts[k][:1].isupper():
            if texts[k] in self.lx.head:
                # "CHIPS and Science Act", "Food and Drug Administration" are one name; "Tesco and
                # Thai Union", "Bureau Veritas and Control Union" are two actors
                if self.lx.head[texts[k]][0] != self.T.actor:
                    return True
                first = texts[i:j]
                if self.gz.surface.get(tuple(first)) is not None:
                    return False
                if len(first) == 1:
                    # "Food and Drug Administration" (an ordinary word first), not "Tesco and Thai Union"
                    return bool(english.word_classes(first[0].lower()))
                # "Occupational Safety and Health Administration": a first part of ordinary words
                # with no head of its own, and an agency or institution head after it; "Epic Games
                # and Match Group", "Bureau Veritas and Control Union" are two names
                return self.lx.head[texts[k]][1] != "Company" and k - j <= 3 \
                    and not any(w in self.lx.head for w in first) and all(english.word_classes(w) for w in first)
            k += 1
        return False

    def _type_proper(self, s, toks, texts, low, i, j) -> Mention | None:
        surface = s.text[toks[i].start - s.start : toks[j - 1].end - s.start]
        words = texts[i:j]
        if surface in self.lx.not_entities or all(
            w in self.lx.not_entities or w in self.lx.connectors or w in self.gz.demonyms for w in words
        ):
            return None
        if straighten(surface).lower() in self.lx.generic or words[0] in self.lx.months:
            return None
        if len(words) == 1 and words[0] in self.lx.languages:
            return None  # "in Swahili and Sheng"
        if len(words) <= 3 and (words[-1] in self.lx.regional_adjectives or words[-1] in self.gz.demonyms) \
                and all(w in self.lx.compass_words for w in words[:-1]) and (len(words) > 1 or words[0] in self.lx.regional_adjectives) \
                and not (j < len(toks) and toks[j].is_cap and toks[j].is_word):
            return None  # "South Asian workers", "East German sport": a regional adjective, not a name
        event = next((w for w in (" ".join(words[-2:]), words[-1]) if w in self.lx.event_names), None)
        if event and not any(w in self.lx.head for w in words[:-1]):
            if i > 0 and self._year_like([texts[i - 1]]) and texts[i - 1].isdigit():
                a = i - 1  # "the 1936 Berlin Olympics": a past episode, the year part of its name
                surface = s.text[toks[a].start - s.start : toks[j - 1].end - s.start]
                return Mention(a, j, toks[a].start, toks[j - 1].end, surface, self.T.precedent, self.lx.event_kind,
                               surface, 0.7, "dated-event")
            if not self._year_like(words):
                return None  # "the Winter Olympics": an event, no actor
        if len(words) == 1 and words[0] in self.lx.head and self.lx.head[words[0]] == (self.T.actor, "MediaOutlet") \
                and i > 0 and texts[i - 1] == "The" and words[0] not in {"News", "Press", "Daily", "Weekly", "Monthly", "TV", "Radio",
                                                                          "Broadcasting", "Broadcast", "Wire", "Magazine"}:
            # "The Times", "The Economist", "The Guardian": the capitalised article is part of the title
            a = i - 1
            surface = s.text[toks[a].start - s.start : toks[j - 1].end - s.start]
            return Mention(a, j, toks[a].start, toks[j - 1].end, surface, self.T.actor, "MediaOutlet", surface, 0.7, "the+title")
        if len(words) == 1 and words[0] in self.lx.head:
            if i > 0 and low[i - 1] in self._NP_DETS:
                # "the Bank", "the Act": a back-reference to the last name with that head word
                label, kind = self.lx.head[words[0]]
                return Mention(i, j, toks[i].start, toks[j - 1].end, surface, label, kind, "", 0.6, "definite",
                               anaphor="definite", refers=low[i])
            return None  # a bare "Act" or "Programme" is no name
        start, end = toks[i].start, toks[j - 1].end
        n = len(toks)
        possessive = j < n and texts[j] in POSSESSIVE
        hyphen_suffix = None
        if j + 1 < n and texts[j] == "-" and not toks[j].space_before and low[j + 1].isalpha():
            hyphen_suffix = low[j + 1]
        if hyphen_suffix in self.lx.place_suffixes or hyphen_suffix in self.lx.modifier_suffixes:
            return None
        sentence_initial = i == 0 or (i > 0 and texts[i - 1] in OPEN_QUOTES and i == 1)
        if sentence_initial and len(words) == 1 and not toks[i].is_acronym and words[0] not in self.doc_names \
                and self._imperative(low[i], s.section == "pathways"):
            return None  # "Give community networks ...": a verb, not a name

        def mk(label, kind, conf, how):
            return Mention(i, j, start, end, surface, label, kind, surface, conf, how)

        typed = self._type_by_name(words)
        if typed:
            appos = self._apposition(texts, low, j)
            if appos and appos[0] != typed[0] and appos[0] != self.T.framing:
                return mk(appos[0], appos[1], 0.8, "apposition")  # "X Scheme, a British company"
            return mk(typed[0], typed[1], 0.8, "name-cue")
        after = self._category_after(low, j + (2 if possessive else 0))
        if after and not possessive and after[0] != self.T.framing:
            return mk(after[0], after[1], 0.8, "category-after")
        the_cat = self._the_category(low, i)
        if the_cat and j < n and low[j].endswith("ed") and low[j].isalpha():
            the_cat = None  # "a campaign News Corp launched": the name is a subject, not in apposition
        if the_cat:
            return mk(the_cat[0], the_cat[1], 0.75, "the-category")
        before = None if possessive else self._category_before(low, i)
        if before:
            return mk(before[0], before[1], 0.8, "category-example")
        appos = self._apposition(texts, low, j)
        if appos:
            return mk(appos[0], appos[1], 0.8, "apposition")
        if self.lx.model_number_kind and len(words) >= 2 and any(_MODEL_NUMBER.fullmatch(w) and not w.isalpha() for w in words) \
                and not (len(words) == 2 and len(words[1]) == 1) \
                and words[0] not in self.lx.numbered_parts and not self._year_like(words):
            # "Llama 4 Maverick", "Gemini 2.5 Pro", "Boeing 737 MAX", "F-35A": a model name
            return mk(self.T.product, self.lx.model_number_kind, 0.6, "model-number")
        camel = bool(_CAMEL.search(surface.replace(" ", "")))
        acronym = len(words) == 1 and toks[i].is_acronym
        known = sentence_initial and len(words) == 1 and words[0] in self.doc_names
        if sentence_initial and len(words) == 1 and not (possessive or camel or acronym or known or hyphen_suffix in self.lx.actor_suffixes):
            return None
        default = self.lx.ontology.labels[self.T.actor].default_kind
        if len(words) >= 2 or camel or acronym or possessive or hyphen_suffix in self.lx.actor_suffixes:
            if after and possessive and after[0] == self.T.actor:
                return mk(self.T.actor, default, 0.6, "possessive")
            if 2 <= len(words) <= 4 and words[0] in self.lx.given_names and not possessive \
                    and all(w[:1].isupper() for w in words[1:]) and not any(w in self.lx.head for w in words):
                return mk(self.T.actor, "Person", 0.55, "proper-noun")  # "Mike Doustdar": a given name opens it
            return mk(self.T.actor, default, 0.55, "proper-noun")
        nxt = low[j] if j < n else ""
        if words[0].endswith("s") and words[0][:-1] in self.gz.demonyms:
            return None  # "Kenyans", "Americans": people of a country, not a named actor
        lower_noun = nxt.isalpha() and j < n and not toks[j].is_cap and nxt not in self.lx.function_words_lower \
            and english.can_be(nxt, english.NOUN)
        if english.can_be(low[i], english.ADJ) and lower_noun and not toks[i].is_acronym:
            return None  # "Black workers", "Aboriginal groups": a capitalised adjective before its noun
        adjective = _adjectival(words[0]) and (nxt[:1].isalpha() and nxt not in {"and", "or", "nor"} and not toks[j].is_cap)
        if (not sentence_initial or known) and not adjective:
            return mk(self.T.actor, default, 0.45, "capitalised-word")
        return None

    def _type_by_name(self, words: list[str]) -> tuple[str, str | None] | None:
        words = [w for w in words if w not in {",", "."}]
        if len(words) > 1 and words[-1].isdigit() and words[-1] in self.lx.head and words[0] not in self.lx.numbered_parts:
            return self.lx.head[words[-1]]  # "Hot 100", "Fortune 500": a chart's round number
        if len(words) > 2 and words[-2] == "of" and words[-1].isdigit():
            words = words[:-2]  # "the Revised Code of 1862"
        while len(words) > 1 and (words[-1][:1].isdigit() or _VERSION.fullmatch(words[-1])):
            words = words[:-1]  # "Finance Bill 2024", "Lion Air Flight 610"
        if not words:
            return None
        k = next((q for q, w in enumerate(words) if w == "of"), None)
        if k is not None and k > 0 and words[-1] in self.lx.head and self.lx.head.get(words[k - 1], ("",))[0] == self.T.actor:
            return self.lx.head[words[k - 1]]  # "Bureau of Labor Statistics": the institution before "of" heads it
        if words[-1] in self.lx.head:
            return self.lx.head[words[-1]]
        camel = re.search(r"(?<=[a-z])[A-Z][a-z]+$", words[-1])
        if camel and self.lx.head.get(camel.group(0), ("", ""))[0] == self.T.metric \
                and self.lx.head[camel.group(0)][1] in {"Rating", "Index", "Benchmark"}:  # (not "OpenTable")
            return self.lx.head[camel.group(0)]  # "VantageScore", "TrustScore": a measure's head inside one word
        if words[0] in self.lx.first and len(words) > 1:
            return self.lx.first[words[0]]
        # "Scheme for International Aviation", "Guidance for Responsible Supply Chains of Minerals":
        # the head noun stands before the first preposition
        k = next((q for q, w in enumerate(words) if w in {"of", "for", "on", "against"}), None)
        if k is not None and k > 0 and words[k - 1] in self.lx.head:
            return self.lx.head[words[k - 1]]
        return None

    def _category_after(self, low, k) -> tuple[str, str | None] | None:
        """A category noun right after a name ("X policy", "X's own PR ecosystem" is not one)."""
        steps = 0
        while k < len(low) and steps < 3 and low[k] in self.lx.between:
            k += 1
            steps += 1
        hit = self.lx.category_at(low, k)
        if hit and tuple(low[k : k + hit[0]]) in self.lx.category_not_after:
            return None  # ("a Boeing aircraft" says who made it, not what Boeing is)
        return hit[1] if hit else None

    def _category_before(self, low, i) -> tuple[str, str | None] | None:
        """'benchmarks (like X', 'firms such as A, B and X' (within the list)."""
        k = i - 1
        hops = 0
        last_words = self.lx.example_last_words
        while k >= 0 and hops < 14:
            if low[k] not in last_words:
                if low[k] in self._LIST_STOPS or low[k] in self.lx.verb_like or low[k] in {"these", "those", "them", "not", "against"}:
                    return None  # ("precedents such as these do not argue against a fab in Kumamoto")
                k -= 1
                hops += 1
                continue
            for n in range(4, 0, -1):
                if k - n + 1 >= 0 and tuple(low[k - n + 1 : k + 1]) in self.lx.example_tails[n]:
                    c = k - n
                    while c >= 0 and low[c] in {"(", ",", "—", "–", "-"}:
                        c -= 1
                    for m in range(self.lx.category_max, 0, -1):
                        if c - m + 1 >= 0:
                            hit = self.lx.category.get(tuple(low[c - m + 1 : c + 1]))
                            if hit:
                                return hit
                    return None
            if low[k] in self._LIST_STOPS:
                return None
            k -= 1
            hops += 1
        return None

    _LIST_STOPS = frozenset({".", ";", ":", "while", "but", "which", "who", "whose", "that", "by"})

    def _apposition(self, texts, low, j) -> tuple[str, str | None] | None:
        """'X, a Hong Kong-based outlet ...', 'X, the firm that runs Y'."""
        if j >= len(low) or low[j] != ",":
            return None
        k = j + 1
        if k >= len(low):
            return None
        if low[k] not in {"a", "an", "the", "its", "their"}:
            # "Nido, Nestlé's powdered milk for toddlers": a possessive name opens the apposition
            q = next((q for q in range(k + 1, min(len(low), k + 5)) if low[q] in POSSESSIVE), None)
            if q is None or not all(texts[x][:1].isupper() or texts[x] in {"&", "-"} for x in range(k, q)):
                return None
            k = q
        best = None
        q = k + 1
        while q < min(len(low), k + 8):
            if low[q] in {",", ".", ";", ":", "which", "that", "who", "whose", "(", "—", "–", "of", "for", "in", "on", "at",
                          "with", "from", "by", "behind", "to"} or low[q].endswith("ed") and q > k + 1:
                break  # the head noun comes before any prepositional phrase: "the developer of the X Index"
            hit = self.lx.category_at(low, q)
            if hit:
                if q + hit[0] < len(low) and low[q + hit[0]] in POSSESSIVE:
                    q += hit[0] + 1  # "X, the company's chief executive": the company is not X
                    continue
                best = hit[1]  # the head is the last category noun: "a country ranking" is a ranking
                q += hit[0]
                continue
            q += 1
        return best

    def _the_category(self, low, i) -> tuple[str, str | None] | None:
        """'the regulator Ofcom', 'the newspaper Le Monde', 'the payments app PhonePe'."""
        for m in range(self.lx.category_max, 0, -1):
            c0 = i - m
            hit = self.lx.category.get(tuple(low[c0:i])) if c0 >= 1 else None
            if not hit:
                continue
            for d in range(c0 - 1, max(-1, c0 - 4), -1):
                if low[d] in {"the", "a", "an", "its", "their"}:
                    return hit
                if not low[d].isalpha() or low[d] in self.lx.function_words_lower:
                    break
        return None

    def _anaphora(self, s, toks, low, claimed, claim):
        n = len(toks)
        firsts = self.lx.anaphora_firsts
        for i in [q for q, w in enumerate(low) if w in firsts]:
            if claimed[i]:
                continue
            k = match_phrase(low, i, self.lx.narrative_by_two.get(tuple(low[i : i + 2]), ())) if low[i] in self.lx.narrative_first else 0
            if k and not any(claimed[i : i + k]):
                claim(Mention(i, i + k, toks[i].start, toks[i + k - 1].end, s.text[toks[i].start - s.start : toks[i + k - 1].end - s.start],
                              self.T.framing, None, "", 0.8, "narrative-anaphor", anaphor="narrative"))
                continue
            k = self._narrative_reference(toks, low, claimed, i) if low[i] in self.lx.reference_determiners else 0
            if k:
                words = [t.lower for t in toks[i + 1 : i + k - 1] if t.is_word]
                claim(Mention(i, i + k, toks[i].start, toks[i + k - 1].end, s.text[toks[i].start - s.start : toks[i + k - 1].end - s.start],
                              self.T.framing, None, "", 0.75, "narrative-reference", anaphor="narrative",
                              refers=" ".join(words) or None))
                continue
            if low[i] in self.lx.narrative_pronouns and (i == 0 or low[i - 1] in {",", ";", "and", "—", "but", "yet"}):
                if low[i] == "which" and not any(m.label == self.T.framing and m.j >= i - 2 for m in self._claimed_out):
                    continue  # ", which" refers to the noun before it, not to the narrative
                nxt = low[i + 1] if i + 1 < n else ""
                if nxt and nxt not in {"is", "was", "'s", "’s"} or low[i] == "it":
                    claim(Mention(i, i + 1, toks[i].start, toks[i].end, toks[i].text, self.T.framing, None, "", 0.6,
                                  "pronoun", anaphor="pronoun"))
                    continue
            if low[i] in self._NP_DETS and i + 1 < n and low[i] != "a" and low[i] != "an":
                k = self._definite(s, toks, low, claimed, i)
                if k:
                    continue
            for phrase, kind in (*self.lx.actor_anaphora_by_two.get(tuple(low[i : i + 2]), ()),
                                 *self.lx.actor_anaphora_by_two.get((low[i],), ())):
                if tuple(low[i : i + len(phrase)]) == phrase and not any(claimed[i : i + len(phrase)]):
                    k = len(phrase)
                    nxt = toks[i + k] if i + k < n else None
                    if nxt is not None and nxt.is_cap and len(phrase) > 1:
                        break  # "the company Acme" is a category cue, not an anaphor
                    claim(Mention(i, i + k, toks[i].start, toks[i + k - 1].end, s.text[toks[i].start - s.start : toks[i + k - 1].end - s.start],
                                  self.T.actor, kind, "", 0.6, "actor-anaphor", anaphor="actor"))
                    break

    _NP_DETS = {"the", "a", "an", "this", "that", "these", "those"}

    def _definite(self, s, toks, low, claimed, i) -> int:
        """"the ban", "that exchange", "the trial", "the foundation": a definite description whose
        noun is a category noun (``cues.toml`` [[category]]) refers back to a named entity; the
        extractor resolves it. Phrases of the actor anaphora list keep their own rule."""
        n = len(toks)
        if any(tuple(low[i : i + len(p)]) == p for p, _ in self.lx.actor_anaphora_by_two.get(tuple(low[i : i + 2]), ())):
            return 0
        for width in (2, 1):
            k = i + 1
            end = k + width
            if end > n or any(claimed[k:end]) or not all(toks[q].is_word and not toks[q].is_cap for q in range(k, end)):
                continue
            hit = self.lx.category.get(tuple(low[k:end]))
            if hit is None or hit[0] == self.T.framing or hit[0] == self.T.precedent:
                continue
            if end < n and toks[end].is_word and (toks[end].is_cap or low[end] == "of" or (
                    low[end].isalpha() and english.can_be(low[end], english.NOUN) and not english.can_be(low[end], english.VERB))):
                continue  # "the regulator Ofcom", "the index of", "the index providers": not a back-reference
            label, kind = hit
            self._claim(Mention(i, end, toks[i].start, toks[end - 1].end, s.text[toks[i].start - s.start : toks[end - 1].end - s.start],
                                label, kind, "", 0.55, "definite", anaphor="definite", refers=low[end - 1]))
            return end - i
        # "the rental report", "the annual ranking": one modifier before the category noun; the
        # extractor resolves it only to a name that holds the modifier (or a generic one)
        k, end = i + 1, i + 3
        if low[i] == "the" and end <= n and not any(claimed[k:end]) and all(toks[q].is_word and not toks[q].is_cap for q in range(k, end)) \
                and low[k].isalpha() and (low[k] in self.lx.generic_modifiers or english.can_be(low[k], english.ADJ) or english.can_be(low[k], english.NOUN)) \
                and not english.only(low[k], english.VERB):
            hit = self.lx.category.get((low[k + 1],))
            if hit is not None and hit[0] in (self.T.metric, self.T.policy, self.T.product) \
                    and not (end < n and toks[end].is_word and (toks[end].is_cap or low[end] == "of" or (
                        low[end].isalpha() and english.can_be(low[end], english.NOUN) and not english.can_be(low[end], english.VERB)))):
                label, kind = hit
                self._claim(Mention(i, end, toks[i].start, toks[end - 1].end, s.text[toks[i].start - s.start : toks[end - 1].end - s.start],
                                    label, kind, "", 0.5, "definite", anaphor="definite", refers=f"{low[k]} {low[k + 1]}"))
                return end - i
        return 0

    def _common_nps(self, s, toks, low, claimed, claim) -> None:
        """Lower-case names of metrics and policies: "the supervisory stress test", "the maximum
        fair price", "a national lithium strategy". A determiner, one or more modifiers that are
        not generic ("annual", "new"), and a head noun of a metric or policy. Such a mention
        becomes an entity only if it takes part in a relation (``how == "common-np"``)."""
        n = len(toks)
        i = 0
        while i < n:
            if low[i] not in self._NP_DETS or claimed[i] or (i > 0 and low[i - 1] in POSSESSIVE):
                i += 1
                continue
            k = i + 1
            while k < n and not claimed[k] and toks[k].is_word and not toks[k].is_cap and (low[k].isalpha() or "-" in low[k]) \
                    and low[k] not in self.lx.function_words_lower and low[k] not in _NP_STOPS and k - i <= 5:
                k += 1
                if k < n and low[k] == "-" and not toks[k].space_before and k + 1 < n and toks[k + 1].is_word and not toks[k + 1].space_before:
                    k += 1  # "price-fixing", "day-one"
            end = k
            head = None
            for width in (2, 1):
                if end - width > i and tuple(low[end - width : end]) in self.lx.common_heads:
                    head = (width, self.lx.common_heads[tuple(low[end - width : end])])
                    break
            if head is None:
                i = max(i + 1, end)
                continue
            width, (label, kind) = head
            mods = [w for w in low[i + 1 : end - width] if w.isalpha()]
            nxt = low[end] if end < n else ""
            if not mods or all(w in self.lx.generic_modifiers for w in mods) or (end < n and toks[end].is_cap and toks[end].is_word) \
                    or nxt in self._NP_DETS or nxt in {"its", "their", "his", "her", "them", "it"} or nxt[:1].isdigit() \
                    or any(w in self.lx.verb_like or w in self.lx.modals or w in self.lx.trigger_verbs for w in mods):
                i = max(i + 1, end)
                continue
            a = i + 1
            surface = s.text[toks[a].start - s.start : toks[end - 1].end - s.start]
            claim(Mention(a, end, toks[a].start, toks[end - 1].end, surface, label, kind, surface, 0.5, "common-np"))
            i = end

    _TRAILING_LABELS = None

    def _trailing_heads(self, s, toks, low, claimed, out: list[Mention]) -> None:
        """"the Falkenmark indicator", "the Sochi doping scandal": a name and the lower-case noun
        after it are one name, typed by that noun (``cues.toml`` [[trailing]])."""
        n = len(toks)
        typable = {self.T.actor, self.T.policy, self.T.metric, self.T.product}
        for idx, m in enumerate(out):
            if m.anaphor or m.quoted or m.label not in typable or m.kind in ("State", "Person") or m.j >= n:
                continue
            if low[m.j] in POSSESSIVE or not toks[m.j].space_before:
                continue
            best = None
            k = m.j
            words = 0
            while k < n and words < 3 and not claimed[k] and toks[k].is_word and not toks[k].is_cap and low[k].isalpha():
                if low[k] in self.lx.function_words_lower or low[k] in self.lx.verb_like or low[k] in _MODALS \
                        or (english.only(low[k], english.VERB) and not low[k].endswith("ing")):
                    break  # ("the Federal Reserve should study", "USAID adding grants")
                # the longest trailing head ending here ("stress test", "league table")
                for width in (2, 1):
                    head = tuple(low[k - width + 1 : k + 1])
                    if k - width + 1 >= m.j and head in self.lx.trailing:
                        verb_next = k + 1 < n and low[k + 1] in _OBJECT_OPENERS and english.can_be(low[k], english.VERB)
                        if not verb_next and (k + 1 >= n or not (toks[k + 1].is_word and not toks[k + 1].is_cap and low[k + 1].isalpha()
                                                                 and (low[k + 1],) in self.lx.trailing)):
                            best = (k + 1, self.lx.trailing[head])  # (not "Tesco and Thai Union fund most of it")
                        break
                k += 1
                words += 1
                if k < n and low[k] == "-" and not toks[k].space_before and k + 1 < n and not claimed[k + 1]:
                    k += 1  # "price-fixing settlement"
            if best is None:
                continue
            j, (label, kind) = best
            i0 = m.i
            if label == self.T.precedent and i0 >= 1 and low[i0 - 1].isdigit() and len(low[i0 - 1]) == 4 and not claimed[i0 - 1]:
                i0 -= 1  # "the 2012 F-35 costing scandal": the year belongs to the episode
            surface = s.text[toks[i0].start - s.start : toks[j - 1].end - s.start]
            new = Mention(i0, j, toks[i0].start, toks[j - 1].end, surface, label, kind, surface, 0.75, "name+head")
            if label != self.T.precedent and (label, kind) != (self.T.actor, "Community"):
                new.base = m.surface  # "the Falkenmark indicator" is also "Falkenmark"; "the BALCO scandal" is not BALCO
            out[idx] = new
            for q in range(i0, j):
                claimed[q] = True

    def _narrative_reference(self, toks, low, claimed, i) -> int:
        """"The level-playing-field frame", "such coverage", "both frames", "the race story": a
        determiner, up to five lower-case modifiers and a narrative noun refer to a narrative.
        Returns the length in tokens, or 0."""
        if low[i] not in self.lx.reference_determiners:
            return 0
        n = len(toks)
        k = i + 1
        while k < n and k - i <= 6 and not claimed[k]:
            w = low[k]
            if w in self.lx.reference_heads and (k + 1 >= n or low[k + 1] not in self.lx.reference_heads):
                if any(x in self.lx.reference_not for x in low[i + 1 : k]):
                    return 0
                if k + 1 < n and (low[k + 1] in POSSESSIVE or (toks[k + 1].is_word and toks[k + 1].is_cap)):
                    return 0  # "the story's framing" is a phrase of its own; "the coverage Reuters ran" names the producer
                return k - i + 1
            if not (toks[k].is_word and not toks[k].is_cap and w.isalpha() or w in {"-", "'", '"'}):
                return 0
            if w in self.lx.function_words_lower:
                return 0
            k += 1
        return 0

    def _state_policies(self, s, toks, low, found: list[Mention]) -> list[Mention]:
        """'U.S. export controls', 'China's subsidies': a state plus a policy noun is a Policy."""
        out = []
        n = len(toks)
        for m in found:
            if m.label != self.T.actor or m.kind != "State" and m.how != "demonym+state":
                continue
            k = m.j
            if k < n and low[k] in POSSESSIVE:
                k += 1
            q = k
            while q < n and low[q] in {"new", "sweeping", "tighter", "tough", "own", "latest", "expanded", "recent"}:
                q += 1
            hit = self.lx.category_at(low, q)
            if hit and hit[1][0] == self.T.policy:
                length, (label, kind) = hit
                end_tok = q + length - 1
                words = s.text[toks[q].start - s.start : toks[end_tok].end - s.start]
                name = f"{m.name} {words}"
                out.append(Mention(m.i, end_tok + 1, m.start, toks[end_tok].end,
                                   s.text[m.start - s.start : toks[end_tok].end - s.start],
                                   label, kind, name, 0.75, "state+policy"))
        return out


def _title_case(toks) -> bool:
    """A heading-like line: most of its words capitalised (proper-noun rules would misfire)."""
    words = [t for t in toks if t.is_word and t.text[:1].isalpha() and len(t.text) > 3]
    if len(words) < 3:
        return False
    share = sum(t.is_cap for t in words) / len(words)
    ends_like_prose = bool(toks) and toks[-1].text in {".", "!", "?"}
    if ends_like_prose and any(t.is_word and t.text.isalpha() and t.text.islower() and t.text not in _TITLE_SMALL for t in toks):
        return False  # a sentence full of names is still a sentence: it has a verb
    return share > 0.9 or (share > 0.7 and not ends_like_prose)


_MODEL_NUMBER = re.compile(r"(?:\d+(?:\.\d+)?[A-Za-z]{0,3}|[A-Z]{1,3}-?\d+[A-Za-z]{0,2})")
_TITLE_SMALL = frozenset({"of", "and", "the", "for", "a", "an", "in", "on", "to", "at", "by", "with", "from", "de", "la", "du", "van", "von", "or", "vs", "v"})
_NAME_ABBREVIATIONS = frozenset({"Bros", "Inc", "Co", "Corp", "Ltd", "Jr", "Sr", "St", "Mt", "Intl"})  # (see also lexicon [sentences])
_TITLE_WORDS = frozenset({"with", "from", "against", "to", "the", "for", "of", "on", "and", "in", "a", "an", "by", "at", "into"})
_GROUPED_NUMBER = re.compile(r"\d{1,3}(?:[,.]\d{3})+")  # "Law 12,709", "Decree 10.123"
_OBJECT_OPENERS = frozenset({"it", "them", "the", "a", "an", "its", "their", "his", "her", "most", "much", "all", "some",
                             "this", "these", "those", "both", "each", "every", "our", "any"})
_NOT_LOCATIVE_BEFORE_IN = frozenset({"stake", "stakes", "investment", "investments", "shares", "share", "holding", "holdings",
                                      "interest", "interests", "invested", "invests", "investing", "investor", "investors",
                                      "position", "positions", "equity", "role", "seat", "seats", "membership", "partner",
                                      "partners", "involved", "involvement", "participation", "trust", "confidence", "faith"})
_MODALS = frozenset({"should", "would", "could", "must", "might", "may", "can", "will", "shall"})
_HYPHEN_PARTICIPLES = frozenset({"led", "run", "made", "built", "born", "held", "won", "driven", "grown", "known", "friendly", "style", "era", "year", "old", "like"})
_DOMAIN = re.compile(r"(?:[A-Za-z0-9-]+\.)+(?:com|org|net|co|io|info|news|tv|fm|au|uk|hu|de|fr|es|it|in|ng|za|ke|br|cn|jp|kr|ru|ca|nz|ie|eu)")
_NP_STOPS = {"itself", "themselves", "himself", "herself", "alone", "too", "also", "now", "then", "here", "there", "again"}

_ADJ = re.compile(r"(?:ian|ean|ese|ish|ic|ical|ist|ern|an)$")


def _adjectival(word: str) -> bool:
    """Capitalised adjectives (Western, Confucian, Islamic): not names on their own."""
    return bool(_ADJ.search(word)) and not word.isupper()


def _joins(toks: list[Token], j: int) -> bool:
    return toks[j].is_word and toks[j].is_cap


def _frame_name(inner: str) -> str:
    """A frame's canonical name: lower case, straight quotes, no leading article or "to"."""
    name = straighten(inner).strip(" ,.;:").lower()
    return re.sub(r"^(?:the|a|an|to)\s+(?=\S)", "", name)
