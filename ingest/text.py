"""Text normalisation, sentence splitting and tokenisation, all with character offsets.

Offsets always point into the *normalised* text, which is what a Story stores as ``text``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache

from .resources import load_data


def normalise(text: str) -> str:
    """Canonical stored form: no BOM, ``\\n`` line endings, Unicode NFC, no trailing spaces."""
    text = text.lstrip("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return text.strip("\n")


def straighten(s: str) -> str:
    """Straight apostrophes and quotes (for matching, never for stored text)."""
    return s.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


_CURLY = frozenset("’‘“”")


class Token:
    """One token with its character offsets; the derived forms are computed once."""

    __slots__ = ("text", "start", "end", "space_before", "straight", "lower", "is_cap", "is_word")

    def __init__(self, text: str, start: int, end: int, space_before: bool):
        self.text = text
        self.start = start
        self.end = end
        self.space_before = space_before
        straight = text if text.isalnum() or not _CURLY.intersection(text) else straighten(text)
        self.straight = straight
        self.lower = straight.lower()
        first = text[0]
        self.is_cap = first.isupper()
        self.is_word = first.isalnum()

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Token) and (self.text, self.start, self.end) == (other.text, other.start, other.end)

    def __hash__(self) -> int:
        return hash((self.text, self.start, self.end))

    @property
    def is_acronym(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    section: str
    tokens: tuple[Token, ...]

    @cached_property
    def low(self) -> list[str]:
        """The tokens' lower-case straightened forms (computed once; do not modify)."""
        return [t.lower for t in self.tokens]

    @cached_property
    def words(self) -> frozenset[str]:
        """The set of the sentence's lower-case tokens (a cheap test of what a rule needs)."""
        return frozenset(self.low)


_TOKEN = re.compile(
    r"""
    (?:[A-Z]\.){2,}                      # U.S., U.K., E.U.
  | [’']s\b                              # possessive 's
  | \d+(?:[.,]\d+)*%?                    # numbers
  | [^\W\d_](?:[\w&]|[’'](?=[^\W\d_]{2,})|\.(?=\w))*   # words (o'clock, don't are kept whole)
  | [^\w\s]                              # punctuation, one character
    """,
    re.VERBOSE,
)


def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    out = []
    prev_end = -1
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        out.append(Token(m.group(), start + offset, end + offset, prev_end < 0 or start > prev_end))
        prev_end = end
    return tuple(out)


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    lex = load_data("lexicon")
    return (
        frozenset(a.lower() for a in lex["sentences"]["abbreviations"]),
        frozenset(w for w in lex["sentences"]["sentence_starters"]),
    )


_PARA = re.compile(r"\n\s*\n")
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)")


def split_sentences(text: str, start: int, end: int, section: str) -> list[Sentence]:
    """Split ``text[start:end]`` into sentences (paragraph breaks always end a sentence)."""
    abbrevs, starters = _abbreviations()
    out: list[Sentence] = []
    pos = start
    region = text[start:end]
    bounds = []
    for m in _PARA.finditer(region):
        bounds.append((pos, start + m.start()))
        pos = start + m.end()
    bounds.append((pos, end))
    for p_start, p_end in bounds:
        seg_start = p_start
        para = text[p_start:p_end]
        for m in _END.finditer(para):
            cut = p_start + m.end()
            before = para[: m.start() + 1]
            parts = before.rsplit(None, 1)
            w = parts[-1].lower() if parts else ""
            nxt = re.match(r"\s+(\S+)", text[cut:p_end])
            if not nxt:
                continue
            following = nxt.group(1)
            if not (following[:1].isupper() or following[:1] in "\"'“‘(" or following[:1].isdigit()):
                continue
            if w.strip("(\"'“‘").rstrip(".") in abbrevs:
                continue  # "Mr. Smith", "Warner Bros. Discovery"
            if re.fullmatch(r"(?:[a-z]\.){2,}", w.strip("(\"'“‘")) and following.strip("\"'“‘,") not in starters:
                continue  # U.S. export controls; split only before a clear sentence starter
            if re.fullmatch(r"[a-z]\.", w):
                continue  # initials
            out.append(_sentence(text, seg_start, cut, section))
            seg_start = cut
        if text[seg_start:p_end].strip():
            out.append(_sentence(text, seg_start, p_end, section))
    return [s for s in out if s.text]


def _sentence(text: str, start: int, end: int, section: str) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end, text[start:end], section, tokenize(text[start:end], start))
