"""Named queries: files in this folder, loaded by name.

A query file ``NAME.cypher`` starts with a header of ``//`` comment lines holding TOML::

    // title = "Who controls the metrics?"
    // description = "..."
    // columns = ["controller", "metric", ...]
    // [params.actor]
    // description = "an actor's name"
    // required = false

followed by the Cypher text. Values are always bound parameters (``$actor``). Where Cypher
dialects differ, ``NAME.DIALECT.cypher`` (e.g. ``who-controls-metrics.kuzu.cypher``) holds the
variant used by stores that declare that dialect.

A query whose answer Cypher cannot express well (centrality, contrast, paths, a filled-in matrix)
names an *analytic* in its header (``// analytic = "centrality"``): its Cypher text then fetches a
projection of the graph (on any store, in that store's dialect), and the function of that name in
:mod:`powerlens.queries.analytics` turns the projection into the answer's rows. :func:`run` runs
either kind, so the command line, the library and the tests answer the same way.

``sort`` in the header (a list of column names) sorts the rows in Python after the query, for
queries whose parts are joined with ``UNION ALL`` (Cypher has no ORDER BY over a union on every
store). ``ordered`` names the list columns whose order means something (a chain of owners, the
nodes of a path); the other lists are collected in no defined order. ``examples`` in the header (a TOML array of tables, ``// [[examples]]`` then ``// story = "cocoa"``)
are parameter sets for the generated docs page (``docs/queries.md``) and the parity tests.

``NAME.sparql`` is the query in SPARQL (dialect ``sparql``, run on the workspace's RDF store by
``powerlens sparql NAME``), with the same parameters (``$name`` is a SPARQL variable, bound to the
value) and columns. SPARQL has no lists: a ``# lists = [...]`` header line names the columns that
come back joined with U+001F, and :meth:`NamedQuery.shape` splits them again.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

QUERY_DIR = Path(__file__).resolve().parent
SPARQL = "sparql"
LIST_SEPARATOR = "\x1f"


class QueryNotFound(KeyError):
    pass


class ParameterError(ValueError):
    pass


@dataclass(frozen=True)
class Param:
    name: str
    description: str = ""
    required: bool = False
    default: Any = None
    type: str = "string"  # string | integer | float | boolean

    def convert(self, raw: Any) -> Any:
        if raw is None or not isinstance(raw, str):
            return raw
        try:
            if self.type == "integer":
                return int(raw)
            if self.type == "float":
                return float(raw)
            if self.type == "boolean":
                if raw.lower() in ("1", "true", "yes", "on"):
                    return True
                if raw.lower() in ("0", "false", "no", "off"):
                    return False
                raise ValueError(raw)
        except ValueError:
            raise ParameterError(f"parameter {self.name!r} must be a {self.type}, got {raw!r}") from None
        return raw


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    columns: tuple[str, ...]
    params: tuple[Param, ...]
    text: str
    path: Path
    variants: dict[str, str] = field(default_factory=dict)
    list_columns: dict[str, tuple[str, ...]] = field(default_factory=dict)  # dialect -> joined columns
    analytic: str | None = None  # a function of powerlens.queries.analytics, fed the Cypher's rows
    examples: tuple[dict[str, Any], ...] = ()
    sort: tuple[str, ...] = ()
    ordered: tuple[str, ...] = ()  # list columns whose order means something (a chain, a path)

    def cypher_for(self, dialect: str) -> str:
        return self.text_for(dialect)

    def text_for(self, dialect: str) -> str:
        """The query text for a store's dialect (a SPARQL store needs a NAME.sparql file)."""
        if dialect == SPARQL and SPARQL not in self.variants:
            raise QueryNotFound(f"{self.name} has no SPARQL version (no {self.name}.sparql); "
                                f"run it with powerlens ask {self.name}")
        return self.variants.get(dialect, self.text)

    def shape(self, rows: list[dict[str, Any]], dialect: str) -> list[dict[str, Any]]:
        """Rows as the Cypher version returns them: joined list columns split again."""
        cols = self.list_columns.get(dialect, ())
        if not cols:
            return rows
        out = []
        for r in rows:
            r = dict(r)
            for c in cols:
                v = r.get(c)
                r[c] = [x for x in v.split(LIST_SEPARATOR) if x] if isinstance(v, str) else ([] if v is None else v)
            out.append(r)
        return out

    def bind(self, given: dict[str, Any]) -> dict[str, Any]:
        known = {p.name: p for p in self.params}
        unknown = sorted(set(given) - set(known))
        if unknown:
            raise ParameterError(
                f"{self.name} has no parameter {', '.join(map(repr, unknown))}; "
                f"its parameters: {self.param_summary()}"
            )
        out = {}
        for p in self.params:
            if p.name in given:
                out[p.name] = p.convert(given[p.name])
            elif p.required:
                raise ParameterError(f"{self.name} needs --param {p.name}=VALUE; its parameters: {self.param_summary()}")
            else:
                out[p.name] = p.default
        return out

    def param_summary(self) -> str:
        if not self.params:
            return "(none)"
        return ", ".join(f"{p.name}{'' if p.required else '?'} ({p.description})" for p in self.params)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "params": [
                {"name": p.name, "description": p.description, "required": p.required, "default": p.default, "type": p.type}
                for p in self.params
            ],
            "columns": list(self.columns),
            "analytic": self.analytic,
        }

    def explain(self, dialect: str, bound: dict[str, Any]) -> str:
        """The query text for ``dialect`` and the bound parameters, as ``--explain`` prints them."""
        lines = [f"-- {self.name} (dialect: {dialect})", self.text_for(dialect).rstrip()]
        if self.analytic:
            lines.append(f"-- then, in Python: powerlens.queries.analytics.{self.analytic} over the rows above")
        lines.append(f"-- parameters: {bound}")
        return "\n".join(lines)

    def run(self, store: Any, params: dict[str, Any] | None = None, *, bound: bool = False) -> Any:
        """Answer the query on ``store`` (any store with ``query`` and ``dialect``).

        ``params`` are raw values (strings from a command line are converted) unless ``bound`` says
        they came from :meth:`bind` already. Returns a :class:`powerlens.graph.QueryResult` whose
        columns are the declared ones for analytics, the Cypher's own otherwise.
        """
        values = dict(params or {}) if bound else self.bind(params or {})
        text = self.cypher_for(store.dialect)
        if self.analytic:
            from powerlens.graph import QueryResult

            from . import analytics

            rows = analytics.run(self.analytic, lambda p: store.query(text, p).rows, values)
            result = QueryResult(list(self.columns), rows)
        else:
            result = store.query(text, values)
        if self.sort:
            result.rows.sort(key=lambda r: tuple(_sort_key(r.get(c)) for c in self.sort))
        return result


def _sort_key(value: Any) -> tuple:
    """Rows sort by value with nulls first, then numbers, text, and lists by their joined text."""
    if value is None:
        return (0, 0)
    if isinstance(value, bool | int | float):
        return (1, value)
    if isinstance(value, list):
        return (3, "\x1f".join(map(str, value)))
    return (2, str(value))


def _split(text: str) -> tuple[dict, str]:
    header, body = [], []
    in_header = True
    for line in text.splitlines():
        if in_header and line.startswith("//"):
            header.append(line[2:].removeprefix(" "))
        else:
            in_header = False
            body.append(line)
    meta = tomllib.loads("\n".join(header)) if header else {}
    return meta, "\n".join(body).strip() + "\n"


def _sparql_header(text: str) -> dict:
    """TOML from the ``# key = value`` comment lines at the top of a SPARQL file (others skipped)."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line[1:].strip()
        if "=" in body and body.split("=", 1)[0].strip().isidentifier():
            lines.append(body)
    return tomllib.loads("\n".join(lines)) if lines else {}


def query_dirs() -> list[Path]:
    extra = os.environ.get("POWERLENS_QUERIES")
    return [QUERY_DIR] + ([Path(extra)] if extra else [])


def load_queries() -> dict[str, NamedQuery]:
    """Every named query (bundled, then ``$POWERLENS_QUERIES``), by name."""
    base: dict[str, Path] = {}
    variants: dict[str, dict[str, str]] = {}
    lists: dict[str, dict[str, tuple[str, ...]]] = {}
    for d in query_dirs():
        for f in sorted(d.glob("*.sparql")):
            name = f.name[: -len(".sparql")]
            text = f.read_text(encoding="utf-8")
            variants.setdefault(name, {})[SPARQL] = text
            lists.setdefault(name, {})[SPARQL] = tuple(_sparql_header(text).get("lists", []))
        for f in sorted(d.glob("*.cypher")):
            parts = f.name[: -len(".cypher")].split(".")
            if len(parts) == 1:
                base[parts[0]] = f
            else:
                variants.setdefault(parts[0], {})[parts[1]] = _split(f.read_text(encoding="utf-8"))[1]
    out = {}
    for name, f in sorted(base.items()):
        meta, body = _split(f.read_text(encoding="utf-8"))
        params = tuple(
            Param(pname, p.get("description", ""), bool(p.get("required", False)), p.get("default"), p.get("type", "string"))
            for pname, p in meta.get("params", {}).items()
        )
        out[name] = NamedQuery(
            name=name,
            title=meta.get("title", name),
            description=meta.get("description", ""),
            columns=tuple(meta.get("columns", [])),
            params=params,
            text=body,
            path=f,
            variants=variants.get(name, {}),
            list_columns=lists.get(name, {}),
            analytic=meta.get("analytic"),
            examples=tuple(meta.get("examples", ())),
            sort=tuple(meta.get("sort", ())),
            ordered=tuple(meta.get("ordered", ())),
        )
    return out


def run(store: Any, name: str, params: dict[str, Any] | None = None) -> Any:
    """Answer the named query ``name`` on ``store`` with raw parameter values (see :meth:`NamedQuery.run`)."""
    return get_query(name).run(store, params)


def get_query(name: str) -> NamedQuery:
    queries = load_queries()
    try:
        return queries[name]
    except KeyError:
        raise QueryNotFound(f"no named query {name!r}; known: {', '.join(queries)} (see powerlens ask --list)") from None
