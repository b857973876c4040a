"""The RDF commands: ``export``, ``sparql`` and ``validate`` (registered on the main app by
:func:`register`; a thin skin over :mod:`powerlens.graph.export`, :mod:`powerlens.graph.rdf` and
:mod:`powerlens.graph.shapes`)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Annotated, Optional

import typer

from powerlens.graph import QueryError, StoreError
from powerlens.output import Format, write_rows

WorkspaceOpt = Annotated[
    Optional[Path],
    typer.Option("--workspace", "-w", envvar="POWERLENS_WORKSPACE",
                 help="Workspace folder holding the graph (default ./powerlens-data).", show_default=False),
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
ParamOpt = Annotated[
    Optional[list[str]],
    typer.Option("--param", "-p", help="Query parameter as NAME=VALUE (repeatable).", show_default=False),
]

EXPORT_FORMATS = ("ttl", "jsonld", "nt", "nq", "trig", "graphml", "gexf")


def _open_rdf(h, workspace):
    """The workspace's RDF store, read-only; warns when it lags the graph store."""
    from powerlens.workspace import Workspace

    ws = Workspace(workspace)
    try:
        rdf = ws.open_rdf(read_only=True)
    except StoreError as exc:
        raise h.fail(str(exc))
    try:
        primary = ws.open(read_only=True)
    except StoreError:
        return rdf
    try:
        from powerlens.graph.mirror import MirroredStore

        behind = MirroredStore(primary, [rdf]).stale()
    except StoreError:
        behind = {}
    finally:
        primary.close()
    n = sum(behind.values())
    if n:
        h.err.print(f"warning: the RDF store is behind the graph store for {n} stor{'y' if n == 1 else 'ies'} or "
                    "sources (an interrupted ingest?); `powerlens reextract` brings it up to date", soft_wrap=True)
    return rdf


def _progress(h, verb: str, total: int, quiet: bool):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(TextColumn(verb), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        console=h.err, disable=quiet or not h.err.is_terminal, transient=True)
    task = progress.add_task(verb, total=total)
    return progress, lambda n: progress.update(task, advance=n)


def register(app: typer.Typer, h: SimpleNamespace) -> None:
    """Add the commands to ``app``; ``h`` holds the CLI's helpers (fail, err, params)."""

    @app.command(epilog="Examples:\n\n  powerlens export --format ttl -o corpus.ttl\n\n"
                        "  powerlens export --format jsonld -o corpus.jsonld -w ./corpus\n\n"
                        "  powerlens export --format graphml -o corpus.graphml   # for Gephi or yEd\n\n"
                        "  powerlens export --format trig -o corpus.trig        # keeps one named graph per story")
    def export(
        fmt: Annotated[str, typer.Option("--format", "-f", metavar="|".join(EXPORT_FORMATS),
                                         help="ttl (Turtle), jsonld, nt (N-Triples), nq (N-Quads), trig, graphml or gexf.")],
        output: Annotated[Path, typer.Option("--output", "-o", help="File to write ('-' for stdout, RDF formats only).")],
        workspace: WorkspaceOpt = None,
        quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    ):
        """Export the workspace's graph as RDF (streamed) or as GraphML / GEXF (through networkx).

        RDF follows the mapping in ontology/rdf.ttl: stories are cognio:Review, every relationship
        is a direct triple plus a pl:StoryAssertion with its evidence (PROV-O). ttl, jsonld and nt hold
        the union of the named graphs; nq and trig keep them.
        """
        import sys

        from powerlens.graph.export import FORMATS, RDF_FORMATS, export_graph, export_rdf

        fmt = fmt.lower().lstrip(".")
        if fmt == "turtle":
            fmt = "ttl"
        if fmt not in FORMATS:
            raise h.fail(f"unknown export format {fmt!r}; choose one of: {', '.join(EXPORT_FORMATS)}", 2)
        if str(output) == "-" and fmt not in RDF_FORMATS:
            raise h.fail(f"{fmt} needs a file: give -o FILE", 2)
        rdf = _open_rdf(h, workspace)
        try:
            total = len(rdf)
            progress, advance = _progress(h, "exporting", total, quiet or str(output) == "-")
            with progress:
                if fmt in RDF_FORMATS:
                    if str(output) == "-":
                        n = export_rdf(rdf, fmt, sys.stdout.buffer, advance)
                    else:
                        tmp = output.with_name(output.name + ".part")
                        with open(tmp, "wb") as out:
                            n = export_rdf(rdf, fmt, out, advance)
                        tmp.replace(output)
                    what = f"{n:,} statements"
                else:
                    nodes, edges = export_graph(rdf, fmt, output, advance)
                    what = f"{nodes:,} nodes and {edges:,} edges"
        except OSError as exc:
            raise h.fail(f"cannot write {output}: {exc.strerror or exc}")
        finally:
            rdf.close()
        if str(output) != "-":
            h.err.print(f"wrote {what} to {output} ({fmt})", highlight=False)

    @app.command(epilog="Examples:\n\n  powerlens sparql 'SELECT ?name WHERE { ?a a pl:Actor ; schema:name ?name } LIMIT 5'\n\n"
                        "  powerlens sparql who-controls-metrics --format json\n\n"
                        "  powerlens sparql recurring-omissions -p min_stories=3\n\n"
                        "  powerlens sparql \"$(cat my-query.rq)\" -p story=cocoa --format csv\n\n"
                        "Prefixes pl, cognio, schema, skos, prov, rdf, rdfs, owl, xsd and dcterms are predefined.")
    def sparql(
        query: Annotated[str, typer.Argument(help="A SPARQL query, or the name of a named query with a SPARQL version.")],
        param: ParamOpt = None,
        workspace: WorkspaceOpt = None,
        fmt: FormatOpt = Format.table,
        explain: Annotated[bool, typer.Option("--explain", help="Print the query with its bound parameters first.")] = False,
    ):
        """Run SPARQL over the workspace's RDF store (the union of its named graphs; read-only).

        $name variables are bound from --param name=value. The named queries who-controls-metrics and
        recurring-omissions have SPARQL versions with the same columns and answers as `powerlens ask`.
        """
        from powerlens.graph.sparql import SparqlError, bind
        from powerlens.queries import SPARQL, ParameterError, QueryNotFound, load_queries

        given = h.params(param)
        named = load_queries().get(query.strip())
        try:
            if named is not None:
                text, bound, columns, title = named.text_for(SPARQL), named.bind(given), list(named.columns), named.title
            else:
                text, bound, columns, title = query, given, None, None
        except (QueryNotFound, ParameterError) as exc:
            raise h.fail(str(exc.args[0] if isinstance(exc, KeyError) else exc), 2)
        rdf = _open_rdf(h, workspace)
        try:
            if explain:
                h.err.print(bind(text, bound).rstrip(), markup=False, highlight=False)
            result = rdf.query(text, bound)
        except (QueryError, SparqlError) as exc:
            raise h.fail(f"query failed: {exc}")
        finally:
            rdf.close()
        rows = named.shape(result.rows, SPARQL) if named is not None else result.rows
        write_rows(rows, result.columns or (columns or []), fmt, title=title)

    @app.command(epilog="Examples:\n\n  powerlens validate\n\n  powerlens validate --format json -w ./corpus")
    def validate(
        workspace: WorkspaceOpt = None,
        fmt: FormatOpt = Format.table,
        limit: Annotated[int, typer.Option("--limit", help="Show at most this many violations (0: all).")] = 50,
    ):
        """Check the workspace's RDF graph against the SHACL shapes (ontology/shapes.ttl, derived
        from the ontology) and whole-graph consistency checks. Exit code 1 when it does not conform."""
        from powerlens.graph.shapes import validate_store

        rdf = _open_rdf(h, workspace)
        try:
            conforms, violations, n = validate_store(rdf)
        except ValueError as exc:
            raise h.fail(str(exc))
        finally:
            rdf.close()
        rows = [v.as_dict() for v in violations]
        shown = rows if not limit else rows[:limit]
        if fmt != Format.table or rows:
            write_rows(shown, ["focus", "path", "value", "severity", "message"], fmt, title="SHACL violations")
        if conforms:
            h.err.print(f"the graph conforms to the powerlens shapes ({n:,} triples checked)", highlight=False)
            return
        more = f" (first {limit} shown; --limit 0 for all)" if limit and len(rows) > limit else ""
        h.err.print(f"[bold red]{len(rows)} violation(s)[/] in {n:,} triples{more}", highlight=False)
        raise typer.Exit(1)
