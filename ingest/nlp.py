"""Optional spaCy pipeline: the rule-based extractor plus a statistical model's entities and
dependency parse, to raise recall on names the rules miss (lower-case brands, unfamiliar
organisations, people) and to type names by their appositions.

Everything works without it. Models are never downloaded at run time: install one with pip
(``pip install 'powerlens[nlp]'`` for spaCy itself, then the model package of your choice) and
pass its name with ``--nlp MODEL`` (or ``POWERLENS_NLP``). The mapping from the model's entity
types to the ontology is data: ``data/nlp.toml``.
"""

from __future__ import annotations

from typing import Any

from powerlens.ontology import Ontology

from .decisions import Decisions
from .extract import Extractor
from .mentions import Mention
from .readers import Document
from .resources import DataError, load_data
from .text import Sentence


class NLPError(RuntimeError):
    """spaCy or the requested model is not available; the message says what to install."""


def load_model(name: str):
    try:
        import spacy
    except ImportError:
        raise NLPError("--nlp needs spaCy, which is not installed: pip install 'powerlens[nlp]' "
                       "(then a model package, e.g. en_core_web_sm)") from None
    try:
        return spacy.load(name)
    except OSError:
        raise NLPError(f"the spaCy model {name!r} is not installed; install its package with pip "
                       "(powerlens never downloads models at run time), or drop --nlp") from None


class SpacyExtractor(Extractor):
    """:class:`Extractor` whose mentions are augmented by a spaCy pipeline.

    ``model`` is an installed model name; tests and notebooks may pass a loaded pipeline as
    ``nlp`` instead (any ``spacy.Language``, e.g. a blank one with an entity ruler).
    """

    def __init__(self, model: str | None = None, *, nlp: Any = None, ontology: Ontology | None = None,
                 decisions: Decisions | None = None):
        super().__init__(ontology, decisions)
        if nlp is None:
            if not model:
                raise NLPError("give a spaCy model name or a loaded pipeline")
            nlp = load_model(model)
        self.nlp = nlp
        meta = getattr(nlp, "meta", {}) or {}
        tag = f"{meta.get('lang', 'xx')}_{meta.get('name', model or 'pipeline')}-{meta.get('version', '0')}"
        self.version = f"{self.version}+spacy:{tag}"
        data = load_data("nlp")
        self.ent_map: dict[str, tuple[str, str | None]] = {}
        for ent_type, target in data.get("entities", {}).items():
            label, kind = target.get("label"), target.get("kind")
            if label not in self.ontology.labels:
                raise DataError(f"nlp.toml: {ent_type}: {label!r} is not a label of the ontology")
            kinds = self.ontology.labels[label].kind_names()
            if kind and kinds and kind not in kinds:
                raise DataError(f"nlp.toml: {ent_type}: {kind!r} is not a kind of {label}")
            self.ent_map[ent_type] = (label, kind)
        self.typing_deps = set(data.get("dependencies", {}).get("typing", []))

    def _find_mentions(self, doc: Document, sentences: list[Sentence]) -> dict[int, list[Mention]]:
        found = super()._find_mentions(doc, sentences)
        sp = self.nlp(doc.text)
        ents = sorted(sp.ents, key=lambda e: e.start_char)
        by_char = {t.idx: t for t in sp}
        for s in sentences:
            ms = found[id(s)]
            added = self._entity_mentions(s, ms, [e for e in ents if e.start_char >= s.start and e.end_char <= s.end])
            if added:
                ms.extend(added)
                ms.sort(key=lambda m: (m.i, -m.j))
            if sp.has_annotation("DEP"):
                self._type_by_dependency(s, ms, by_char)
        return found

    def _entity_mentions(self, s: Sentence, ms: list[Mention], ents) -> list[Mention]:
        claimed = set()
        for m in ms:
            claimed.update(range(m.i, m.j))
        toks = s.tokens
        out = []
        for e in ents:
            target = self.ent_map.get(e.label_)
            if target is None:
                continue
            idx = [k for k, t in enumerate(toks) if t.start >= e.start_char and t.end <= e.end_char]
            if not idx or claimed.intersection(idx):
                continue
            i, j = idx[0], idx[-1] + 1
            while i < j and toks[i].lower in {"the", "a", "an"}:
                i += 1
            if i >= j:
                continue
            surface = s.text[toks[i].start - s.start : toks[j - 1].end - s.start]
            if surface.lower() in self.lx.generic or surface in self.lx.not_entities:
                continue
            typed = self.finder._type_by_name([t.straight for t in toks[i:j]])
            label, kind = typed or target
            out.append(Mention(i, j, toks[i].start, toks[j - 1].end, surface, label, kind, surface, 0.7, f"spacy:{e.label_}"))
            claimed.update(range(i, j))
        return out

    def _type_by_dependency(self, s: Sentence, ms: list[Mention], by_char: dict) -> None:
        """A weakly typed name in apposition to (or compounded with) a category noun takes the
        noun's type: "Verra, the registry that ..." -> Metric."""
        for m in ms:
            if m.anaphor or m.how not in {"proper-noun", "capitalised-word"}:
                continue
            tok = by_char.get(s.tokens[m.j - 1].start)
            if tok is None:
                continue
            neighbours = [tok.head] if tok.dep_ in self.typing_deps else []
            neighbours += [c for c in tok.children if c.dep_ in self.typing_deps]
            for n in neighbours:
                hit = self.lx.category.get((n.lemma_.lower(),)) or self.lx.category.get((n.text.lower(),))
                if hit and hit[0] != self.T.framing:
                    m.label, m.kind, m.how = hit[0], hit[1], m.how + "+spacy-dep"
                    break
