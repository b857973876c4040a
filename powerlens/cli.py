"""The powerlens command line: a thin skin over the library.

Every command that prints rows takes ``--format table|json|csv``; json prints one array of row
objects on stdout and nothing else (diagnostics go to stderr).
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from powerlens import __version__
from powerlens.graph import QueryError, StoreError
from powerlens.output import Format, write_rows

err = Console(stderr=True, highlight=False)

app = typer.Typer(
    name="powerlens",
    help=(
        "Turn analyses of news coverage into a knowledge graph of actors, policies, metrics, "
        "framings, omissions and precedents, and ask who holds power over the story.\n\n"
        "Quick start:\n\n"
        "  powerlens demo                          # ingest the bundled example stories and answer\n\n"
        "  powerlens ingest stories/               # ingest every .txt/.md story under a folder\n\n"
        "  powerlens ask who-controls-metrics      # a named power question\n\n"
        "  powerlens cypher 'MATCH (a:Actor) RETURN a.name LIMIT 5'"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

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


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}")
    return typer.Exit(code)


def _params(raw: list[str] | None) -> dict[str, str]:
    out = {}
    for item in raw or []:
        if "=" not in item:
            raise _fail(f"--param needs NAME=VALUE, got {item!r}", 2)
        k, v = item.split("=", 1)
        out[k.strip()] = v
    return out


def _version(value: bool):
    if value:
        typer.echo(f"powerlens {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")] = False,
):
    """powerlens: power relations and omissions in news coverage, as a queryable graph."""


@app.command(epilog="Examples:\n\n  powerlens ingest stories/ more/story.txt\n\n  powerlens ingest --force -w ./corpus stories/")
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Story files or folders (every .txt, .text, .md under a folder).")],
    workspace: WorkspaceOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Re-extract files even when unchanged.")] = False,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Refuse files larger than this.")] = 5_000_000,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar; errors and the summary only.")] = False,
    fmt: Annotated[Optional[Format], typer.Option("--format", "-f", help="Print per-file results as rows.")] = None,
):
    """Ingest stories into the workspace graph; unchanged files are skipped, changed ones replaced.

    Each file is one transaction: a failure never leaves half a story. Files that cannot be read
    are reported with their reason and the others go on; the exit code is 1 if any file failed.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from powerlens.ingest.pipeline import FAILED, ingest_paths
    from powerlens.workspace import Workspace

    ws = Workspace(workspace)
    try:
        store = ws.open()
    except StoreError as exc:
        raise _fail(str(exc))
    progress = Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                        TimeRemainingColumn(), console=err, disable=quiet or not err.is_terminal, transient=True)
    task = None

    def on_start(total: int):
        nonlocal task
        task = progress.add_task("ingest", total=total, rate="")

    def on_file(result):
        if result.status == FAILED:
            progress.console.print(f"[red]failed[/] {result.path}: {result.error}")
        if task is not None:
            done = progress.tasks[0].completed + 1
            elapsed = progress.tasks[0].elapsed or 0
            progress.update(task, advance=1, rate=f"{done / elapsed:.1f} stories/s" if elapsed else "")

    try:
        with progress:
            report = ingest_paths(store, paths, force=force, max_bytes=max_bytes, on_file=on_file, on_start=on_start)
    finally:
        store.close()
    if fmt is not None:
        rows = [r.as_dict() for r in report.results]
        write_rows(rows, ["path", "status", "story", "error", "entities", "relations"], fmt)
    err.print(report.summary() + f" -> {ws.path}")
    if report.failed:
        raise typer.Exit(1)


@app.command(epilog="Examples:\n\n  powerlens ask --list\n\n  powerlens ask who-controls-metrics --format json\n\n"
                    "  powerlens ask omission-coverage --param story=cocoa\n\n  powerlens ask interests-served --explain")
def ask(
    name: Annotated[Optional[str], typer.Argument(help="Named query (see --list).", show_default=False)] = None,
    param: ParamOpt = None,
    list_: Annotated[bool, typer.Option("--list", "-l", help="List the named queries and their parameters.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Print the query text and bound parameters, then run it.")] = False,
    workspace: WorkspaceOpt = None,
    fmt: FormatOpt = Format.table,
):
    """Ask a named power or omission question."""
    from powerlens.queries import ParameterError, QueryNotFound, get_query, load_queries

    if list_ or name is None:
        qs = load_queries()
        rows = [
            {"name": q.name, "title": q.title, "description": q.description,
             "params": [p["name"] + ("" if p["required"] else "?") for p in q.as_dict()["params"]]}
            for q in qs.values()
        ]
        if fmt == Format.json:
            rows = [{"name": q.name, "description": q.description, "params": q.as_dict()["params"],
                     "title": q.title, "columns": list(q.columns)} for q in qs.values()]
            write_rows(rows, ["name", "description", "params"], fmt)
        else:
            write_rows(rows, ["name", "title", "params", "description"], fmt, title="Named queries")
        return
    try:
        q = get_query(name)
        bound = q.bind(_params(param))
    except (QueryNotFound, ParameterError) as exc:
        raise _fail(str(exc.args[0] if isinstance(exc, KeyError) else exc), 2)
    _run(workspace, lambda store: (q.cypher_for(store.dialect), bound), fmt, explain, title=q.title, columns=list(q.columns))


@app.command(epilog="Examples:\n\n  powerlens cypher 'MATCH (m:Metric)<-[r:CONTROLS]-(a) RETURN a.name, m.name'\n\n"
                    "  powerlens cypher 'MATCH (a:Actor) WHERE a.name CONTAINS $q RETURN a.name, a.kind' -p q=Post")
def cypher(
    query: Annotated[str, typer.Argument(help="A Cypher query; use $name for parameters.")],
    param: ParamOpt = None,
    workspace: WorkspaceOpt = None,
    fmt: FormatOpt = Format.table,
    explain: Annotated[bool, typer.Option("--explain", help="Print the query and bound parameters first.")] = False,
):
    """Run your own Cypher against the workspace graph (read-only)."""
    params = _params(param)
    _run(workspace, lambda store: (query, params), fmt, explain)


def _run(workspace, make, fmt: Format, explain: bool, title: str | None = None, columns: list[str] | None = None):
    from powerlens.workspace import Workspace

    try:
        store = Workspace(workspace).open(read_only=True)
    except StoreError as exc:
        raise _fail(str(exc))
    try:
        text, params = make(store)
        if explain:
            err.print(f"-- dialect: {store.dialect}\n{text.rstrip()}\n-- parameters: {params}", markup=False)
        result = store.query(text, params)
    except QueryError as exc:
        raise _fail(f"query failed: {exc}")
    finally:
        store.close()
    write_rows(result.rows, result.columns or (columns or []), fmt, title=title)


@app.command(epilog="Example:\n\n  powerlens stats --format json")
def stats(workspace: WorkspaceOpt = None, fmt: FormatOpt = Format.table):
    """Count nodes per label and relationships per type."""
    from powerlens.workspace import Workspace

    try:
        store = Workspace(workspace).open(read_only=True)
    except StoreError as exc:
        raise _fail(str(exc))
    try:
        counts = store.counts()
    finally:
        store.close()
    rows = [{"kind": "node", "name": k, "count": v} for k, v in counts["nodes"].items()]
    rows += [{"kind": "relationship", "name": k, "count": v} for k, v in counts["relationships"].items()]
    write_rows(rows, ["kind", "name", "count"], fmt, title="Graph contents")


DEMO_QUERIES = ["who-controls-metrics", "interests-served", "conflicts-of-interest", "recurring-omissions"]


@app.command(epilog="Example:\n\n  powerlens demo --workspace /tmp/demo --view demo.html")
def demo(
    workspace: WorkspaceOpt = None,
    view: Annotated[Optional[Path], typer.Option("--view", help="Where to write the browser view (default WORKSPACE/view.html).")] = None,
    fmt: FormatOpt = Format.table,
):
    """Ingest the bundled example stories, answer the power questions and write a browser view."""
    from powerlens.ingest.pipeline import ingest_paths
    from powerlens.queries import get_query
    from powerlens.view import write_view
    from powerlens.workspace import Workspace

    ws = Workspace(workspace)
    stories = resources.files("powerlens") / "examples" / "stories"
    with resources.as_file(stories) as folder:
        try:
            store = ws.open()
        except StoreError as exc:
            raise _fail(str(exc))
        try:
            report = ingest_paths(store, [folder])
            err.print(report.summary() + f" -> {ws.path}")
            for name in DEMO_QUERIES:
                q = get_query(name)
                result = store.query(q.cypher_for(store.dialect), q.bind({}))
                if fmt == Format.table:
                    err.print(f"\n[bold]{q.title}[/]  (powerlens ask {name})")
                write_rows(result.rows, result.columns, fmt)
            target = view or ws.path / "view.html"
            write_view(store, target)
            err.print(f"\nbrowser view: {target.resolve()}")
        finally:
            store.close()
    if report.failed:
        raise typer.Exit(1)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)


if __name__ == "__main__":
    main()
