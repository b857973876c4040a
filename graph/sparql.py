"""Binding parameters into SPARQL as inline data, so every engine sees the same bound query.

A named query writes its parameters as variables (``$min_stories``). :func:`bind` adds a
``VALUES (?min_stories) { (2) }`` block at the start of the query's outermost WHERE group, with
each value written as an RDF term by pyoxigraph (so escaped, never spliced in as query text).
Inline data joins with the group it opens, so FILTERs in that group see the values; aggregate
conditions go in an outer FILTER over a subquery. (Oxigraph's own substitutions refuse variables
that a grouped query does not project, and rdflib's initBindings do not reach FILTERs in every
case, hence this.)
"""

from __future__ import annotations

import re
from typing import Any

_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_WORD = re.compile(r"[A-Za-z_]+")


class SparqlError(ValueError):
    """The query cannot take parameters (no WHERE group found)."""


def term(value: Any) -> str:
    """A Python value as a SPARQL term (a typed literal)."""
    import pyoxigraph as ox

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (ox.NamedNode, ox.Literal)):
        return str(value)
    return str(ox.Literal(value))


def _where_brace(text: str) -> int:
    """Offset of the ``{`` that opens the outermost WHERE group (or the only top-level group)."""
    i, n, depth = 0, len(text), 0
    first_group = None
    saw_where = False
    while i < n:
        c = text[i]
        if c == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        if c in "\"'":
            q3 = text[i:i + 3]
            if q3 in ('"""', "'''"):
                j = text.find(q3, i + 3)
                i = n if j < 0 else j + 3
                continue
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            continue
        if c == "<":
            m = _IRIREF.match(text, i)
            if m:
                i = m.end()
                continue
        if c == "{":
            if depth == 0:
                if saw_where:
                    return i
                if first_group is None:
                    first_group = i
            depth += 1
        elif c == "}":
            depth -= 1
        elif depth == 0 and (c.isalpha() or c == "_"):
            m = _WORD.match(text, i)
            word = m.group(0)
            if word.upper() == "WHERE" and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "?$:_")):
                saw_where = True
            i = m.end()
            continue
        i += 1
    if first_group is not None:
        return first_group
    raise SparqlError("no WHERE { ... } group to bind the parameters in")


def bind(query: str, params: dict[str, Any] | None) -> str:
    """``query`` with the parameters it uses (``$name`` or ``?name``) bound by a VALUES block."""
    used = {k: v for k, v in (params or {}).items()
            if v is not None and re.search(r"[?$]" + re.escape(k) + r"\b", query)}
    if not used:
        return query
    pos = _where_brace(query)
    names = " ".join(f"?{k}" for k in used)
    values = " ".join(term(v) for v in used.values())
    return f"{query[:pos + 1]} VALUES ({names}) {{ ({values}) }} {query[pos + 1:]}"
