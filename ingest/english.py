"""English word classes and lemmas: which parts of speech a word form can have ("reports" is a
noun or a verb, "published" only a verb), and its lemma.

The lexicon is the lemma table shipped with the ``lemminflect`` package (MIT licence; about 80,000
English word forms with their class and lemma, compiled by its authors from the NIH SPECIALIST
Lexicon). Only the data file is read, so importing this module never imports ``lemminflect``
itself (nor spaCy, which that package hooks into when it is present). Lookups are on lower-case
forms; a word the lexicon does not know has no classes.
"""

from __future__ import annotations

import gzip
import importlib.util
from functools import lru_cache
from pathlib import Path

from .resources import DataError

NOUN, VERB, ADJ, ADV, AUX = "noun", "verb", "adj", "adv", "aux"

_EMPTY: frozenset[str] = frozenset()


def _lexicon_file() -> Path:
    spec = importlib.util.find_spec("lemminflect")
    if spec is None or not spec.submodule_search_locations:
        raise DataError("the English lexicon needs the 'lemminflect' package: pip install lemminflect")
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "lemma_lu.csv.gz"
    if not path.exists():
        raise DataError(f"the English lexicon file is missing from the lemminflect package: {path}")
    return path


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, frozenset[str]], dict[str, str], dict[str, frozenset[str]]]:
    classes: dict[str, set[str]] = {}
    lemmas: dict[str, str] = {}
    verb_forms: dict[str, set[str]] = {}
    with gzip.open(_lexicon_file(), "rt", encoding="utf-8") as f:
        for line in f:
            word, _, rest = line.rstrip("\n").partition(",")
            cls, _, forms = rest.partition(",")
            classes.setdefault(word, set()).add(cls)
            if cls in (NOUN, VERB) and word not in lemmas:
                lemmas[word] = forms.split("/", 1)[0]
            if cls == VERB:
                for lem in forms.split("/"):
                    verb_forms.setdefault(lem, set()).add(word)
    return ({w: frozenset(c) for w, c in classes.items()}, lemmas,
            {w: frozenset(f) for w, f in verb_forms.items()})


def word_classes(word: str) -> frozenset[str]:
    """The classes a word form can have: a subset of {"noun", "verb", "adj", "adv", "aux"}."""
    return _table()[0].get(word.lower(), _EMPTY)


def can_be(word: str, cls: str) -> bool:
    return cls in word_classes(word)


def only(word: str, cls: str) -> bool:
    """The word is known and has no other class than ``cls``."""
    c = word_classes(word)
    return bool(c) and c == {cls}


def lemma(word: str) -> str:
    """The lemma of a noun or verb form ("workers" -> "worker", "displaced" -> "displace"); the
    lower-case word itself when the lexicon does not know it."""
    w = word.lower()
    return _table()[1].get(w, w)


def verb_forms(word: str) -> frozenset[str]:
    """Every form of the verb ``word`` is a form of ("belongs" -> belong, belongs, belonged,
    belonging); empty when the word is no verb."""
    w = word.lower()
    if VERB not in word_classes(w):
        return _EMPTY
    table = _table()
    return table[2].get(table[1].get(w, w), _EMPTY) | table[2].get(w, _EMPTY)
