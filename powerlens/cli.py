"""The powerlens command line: a thin skin over the library.

Every command that prints rows takes ``--format table|json|csv``; json prints one array of row
objects on stdout and nothing else (diagnostics go to stderr).
"""

from __future__ import annotations

import sys
from importlib import resources
from types import SimpleNamespace
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
        "  powerlens cypher 'MATCH (a:Actor) RETURN a.name LIMIT 5'\n\n"
        "  powerlens sparql who-controls-metrics       # the same question in SPARQL, on the RDF store\n\n"
        "  powerlens export --format ttl -o graph.ttl  # RDF (ttl, jsonld, nt, nq, trig), graphml or gexf"
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


def _esc(text) -> str:
    """Text for a rich console line: square brackets are shown, not read as markup."""
    from rich.markup import escape

    return escape(str(text))


def _where(ws, store) -> str:
    """Where the graph lives: the workspace folder, or a server store's (redacted) address."""
    uri = getattr(store, "uri", None)
    if uri:
        from powerlens.graph.neo4j import redact

        return redact(uri)
    return str(ws.path)


def _fail(message: str, code: int = 1) -> typer.Exit:
    from rich.markup import escape

    err.print(f"[bold red]error:[/] {escape(message)}", soft_wrap=True)  # one line, however long; [brackets] kept
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
    store: Annotated[str, typer.Option("--store", envvar="POWERLENS_STORE", metavar="embedded|neo4j",
                                       help="Where the graph lives: the workspace folder (embedded) or a Neo4j server.")] = "embedded",
    neo4j_uri: Annotated[Optional[str], typer.Option("--neo4j-uri", envvar="NEO4J_URI", show_default=False,
                                                     help="bolt://, neo4j:// or neo4j+s:// URI (default neo4j://localhost:7687).")] = None,
    neo4j_user: Annotated[Optional[str], typer.Option("--neo4j-user", envvar="NEO4J_USERNAME", show_default=False,
                                                      help="Neo4j user (default neo4j).")] = None,
    neo4j_password: Annotated[Optional[str], typer.Option("--neo4j-password", envvar="NEO4J_PASSWORD", show_default=False,
                                                          help="Neo4j password (prefer the environment variable).")] = None,
    neo4j_database: Annotated[Optional[str], typer.Option("--neo4j-database", envvar="NEO4J_DATABASE", show_default=False,
                                                          help="Neo4j database (default: the server's home database).")] = None,
):
    """powerlens: power relations and omissions in news coverage, as a queryable graph."""
    from powerlens.workspace import use_store

    neo4j = {"uri": neo4j_uri, "user": neo4j_user, "password": neo4j_password, "database": neo4j_database}
    try:
        use_store(store, neo4j=neo4j)
    except StoreError as exc:
        raise _fail(str(exc), 2)


NlpOpt = Annotated[
    Optional[str],
    typer.Option("--nlp", envvar="POWERLENS_NLP", show_default=False,
                 help="Also use this installed spaCy model (e.g. en_core_web_sm) to raise recall; never downloaded."),
]


def _progress(verb: str, quiet: bool):
    """A progress bar on stderr (only on a terminal) and the callbacks that drive it."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from powerlens.ingest.pipeline import FAILED

    progress = Progress(TextColumn(verb), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                        TimeRemainingColumn(), console=err, disable=quiet or not err.is_terminal, transient=True)
    state = {"task": None}

    def on_start(total: int):
        state["task"] = progress.add_task(verb, total=total, rate="")

    def on_file(result):
        if result.status == FAILED:
            progress.console.print(f"[red]failed[/] {_esc(result.path)}: {_esc(result.error)}", highlight=False)
        for w in result.warnings:
            progress.console.print(f"[yellow]warning[/] {_esc(result.path)}: {_esc(w)}", highlight=False)
        task = state["task"]
        if task is not None:
            t = progress.tasks[-1]
            elapsed = t.elapsed or 0
            progress.update(task, advance=1, rate=f"{(t.completed + 1) / elapsed:.1f} stories/s" if elapsed else "")

    return progress, on_start, on_file


def _open_for_writing(ws, nlp: str | None = None):
    from powerlens.ingest.resources import DataError

    try:
        extractor = ws.extractor(nlp)
        store = ws.open()
    except (StoreError, DataError) as exc:
        raise _fail(str(exc))
    except Exception as exc:  # an NLP model that cannot load
        if type(exc).__name__ == "NLPError":
            raise _fail(str(exc), 2)
        raise
    return extractor, store


@app.command(epilog="Examples:\n\n  powerlens ingest stories/ more/story.txt\n\n  powerlens ingest --force -w ./corpus stories/\n\n"
                    "  powerlens ingest --nlp en_core_web_sm stories/")
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Story files or folders (every .txt, .text, .md, .jsonld, .html under a folder).")],
    workspace: WorkspaceOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Re-extract files even when unchanged.")] = False,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Refuse files larger than this.")] = 5_000_000,
    nlp: NlpOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar; errors and the summary only.")] = False,
    fmt: Annotated[Optional[Format], typer.Option("--format", "-f", help="Print per-file results as rows.")] = None,
):
    """Ingest stories into the workspace graph; unchanged files are skipped, changed ones replaced.

    Each file is one transaction: a failure never leaves half a story. Files that cannot be read
    are reported with their reason and the others go on; the exit code is 1 if any file failed.
    The workspace's entity decisions (powerlens merge/split) and knowledge files (powerlens kb)
    are applied; stored stories built by other rules or decisions are re-extracted too.
    """
    from powerlens.ingest.pipeline import ingest_paths, reextract
    from powerlens.workspace import Workspace

    ws = Workspace(workspace)
    extractor, store = _open_for_writing(ws, nlp)
    progress, on_start, on_file = _progress("ingesting", quiet)
    try:
        with progress:
            report = ingest_paths(store, paths, extractor=extractor, force=force, max_bytes=max_bytes,
                                  kb_dirs=[ws.kb_dir], on_file=on_file, on_start=on_start)
            stale = reextract(store, extractor, on_file=on_file)
    except Exception as exc:
        from powerlens.ingest.resources import DataError

        if isinstance(exc, DataError):
            raise _fail(str(exc))
        raise
    finally:
        store.close()
    report.results.extend(stale.results)
    if fmt is not None:
        rows = [r.as_dict() for r in report.results]
        write_rows(rows, ["path", "status", "story", "error", "entities", "relations"], fmt)
    err.print(report.summary() + f" -> {_where(ws, store)}")
    if report.failed:
        raise typer.Exit(1)


@app.command(epilog="Examples:\n\n  powerlens reextract\n\n  powerlens reextract --force -w ./corpus")
def reextract(
    workspace: WorkspaceOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Re-extract every story, not only stale ones.")] = False,
    nlp: NlpOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
):
    """Extract the stored stories again from their stored text: after editing decisions.toml,
    adding gazetteer entries or upgrading powerlens. Only stale stories unless --force."""
    from powerlens.ingest.pipeline import apply_background
    from powerlens.ingest.pipeline import reextract as run_reextract
    from powerlens.workspace import Workspace

    ws = Workspace(workspace)
    extractor, store = _open_for_writing(ws, nlp)
    progress, on_start, on_file = _progress("re-extracting", quiet)
    try:
        with progress:
            apply_background(store, extractor, [ws.kb_dir])
            report = run_reextract(store, extractor, force=force, on_file=on_file, on_start=on_start)
    finally:
        store.close()
    err.print(report.summary() + f" -> {_where(ws, store)}")
    if report.failed:
        raise typer.Exit(1)


@app.command(epilog="Examples:\n\n  powerlens ask --list\n\n  powerlens ask who-controls-metrics --format json\n\n"
                    "  powerlens ask omission-coverage --param story=cocoa\n\n  powerlens ask interests-served --explain\n\n"
                    "  powerlens ask path -p from='Alibaba Group' -p to=ByteDance -p max=3\n\n"
                    "  powerlens ask central-actors -p top=10 --no-background\n\n"
                    "Every named query, with an example and sample output: docs/queries.md")
def ask(
    name: Annotated[Optional[str], typer.Argument(help="Named query (see --list).", show_default=False)] = None,
    param: ParamOpt = None,
    list_: Annotated[bool, typer.Option("--list", "-l", help="List the named queries and their parameters.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Print the query text and bound parameters, then run it.")] = False,
    no_background: Annotated[bool, typer.Option("--no-background", help="Leave out background facts from knowledge files (story evidence only).")] = False,
    workspace: WorkspaceOpt = None,
    fmt: FormatOpt = Format.table,
):
    """Ask a named power or omission question.

    Every row that states a relation carries its evidence (story titles and sentences); rows
    resting on background facts say so, and --no-background leaves those facts out. --explain
    prints the query text and the bound parameters (for centrality, contrast, paths and the
    omission matrix: the Cypher that fetches the projection, then the Python step).
    """
    from powerlens.queries import ParameterError, QueryNotFound, get_query, load_queries

    if list_ or name is None:
        qs = load_queries()
        rows = [
            {"name": q.name, "title": q.title, "description": q.description,
             "params": [p.name + ("" if p.required else f"? (default {p.default!r})") + f": {p.description}" for p in q.params]}
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
        given = _params(param)
        if no_background:
            if "background" in {p.name for p in q.params}:
                given["background"] = "false"
            else:
                err.print(f"note: {name} uses no background facts; --no-background changes nothing")
        bound = q.bind(given)
    except (QueryNotFound, ParameterError) as exc:
        raise _fail(str(exc.args[0] if isinstance(exc, KeyError) else exc), 2)
    _run(workspace, lambda store: (q.explain(store.dialect, bound), bound), fmt, explain, title=q.title,
         columns=list(q.columns), execute=lambda store: q.run(store, bound, bound=True))


@app.command(epilog="Examples:\n\n  powerlens cypher 'MATCH (m:Metric)<-[r:CONTROLS]-(a) RETURN a.name, m.name'\n\n"
                    "  powerlens cypher 'MATCH (a:Actor) WHERE a.name CONTAINS $q RETURN a.name, a.kind' -p q=Post")
def cypher(
    query: Annotated[str, typer.Argument(help="A Cypher query; use $name for parameters.")],
    param: ParamOpt = None,
    workspace: WorkspaceOpt = None,
    fmt: FormatOpt = Format.table,
    explain: Annotated[bool, typer.Option("--explain", help="Print the query and bound parameters first.")] = False,
    write: Annotated[bool, typer.Option("--write", help="Allow the query to change the graph (read-only otherwise).")] = False,
):
    """Run your own Cypher against the workspace graph (read-only unless --write)."""
    params = _params(param)
    _run(workspace, lambda store: (query, params), fmt, explain, write=write)


def _run(workspace, make, fmt: Format, explain: bool, title: str | None = None, columns: list[str] | None = None,
         write: bool = False, execute=None):
    """Open the store, print the query when asked, run it (``execute(store)``, else the text from
    ``make``) and print the rows."""
    from powerlens.queries import ParameterError
    from powerlens.workspace import Workspace

    try:
        store = Workspace(workspace).open(read_only=not write)
    except StoreError as exc:
        raise _fail(str(exc))
    try:
        text, params = make(store)
        if explain:
            shown = text.rstrip() if execute else f"-- dialect: {store.dialect}\n{text.rstrip()}\n-- parameters: {params}"
            err.print(shown, markup=False, highlight=False, soft_wrap=True)
        result = execute(store) if execute else store.query(text, params)
        if write and "mirrored" in store.capabilities:
            store.reconcile(rebuild=True)  # the query bypassed the store protocol: rewrite the RDF store
    except QueryError as exc:
        raise _fail(f"query failed: {exc}")
    except StoreError as exc:
        raise _fail(str(exc))
    except ParameterError as exc:
        raise _fail(str(exc), 2)
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
    except StoreError as exc:
        raise _fail(str(exc))
    finally:
        store.close()
    rows = [{"kind": "node", "name": k, "count": v} for k, v in counts["nodes"].items()]
    rows += [{"kind": "relationship", "name": k, "count": v} for k, v in counts["relationships"].items()]
    write_rows(rows, ["kind", "name", "count"], fmt, title="Graph contents")


@app.command(epilog="Examples:\n\n  NEO4J_URI=bolt://localhost:7687 powerlens sync --to neo4j -w ./corpus\n\n"
                    "  powerlens --neo4j-uri neo4j+s://xxxx.databases.neo4j.io sync --from neo4j -w ./copy")
def sync(
    to: Annotated[Optional[str], typer.Option("--to", metavar="STORE", show_default=False,
                                              help="Copy the workspace's graph to this store (neo4j).")] = None,
    from_: Annotated[Optional[str], typer.Option("--from", metavar="STORE", show_default=False,
                                                 help="Copy this store's graph into the workspace.")] = None,
    workspace: WorkspaceOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Rewrite stories that are unchanged in the target.")] = False,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1,
                                            help="Stories per batch (one transaction each, in Neo4j).")] = 50,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar; errors and the summary only.")] = False,
):
    """Copy stories and background facts between the workspace's embedded graph and another store.

    Stories are written in batches, one transaction each (one per story into the embedded
    store), replacing what they wrote there before, so a rerun is safe (and skips stories already
    there with the same content). Connection options are the global ones:
    powerlens --neo4j-uri URI sync --to neo4j.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from powerlens.graph.sync import FAILED, sync as copy_graph
    from powerlens.workspace import Workspace

    if (to is None) == (from_ is None):
        raise _fail("give exactly one of --to STORE or --from STORE (e.g. --to neo4j)", 2)
    other = to or from_
    if other == "embedded":
        raise _fail("sync copies between the workspace's embedded graph and another store, e.g. --to neo4j", 2)
    ws = Workspace(workspace)
    try:
        if to:
            source = ws.open(read_only=True, store="embedded")
            target_factory = lambda: ws.open(store=other)  # noqa: E731
        else:
            source = ws.open(read_only=True, store=other)
            target_factory = lambda: ws.open(store="embedded")  # noqa: E731
    except StoreError as exc:
        raise _fail(str(exc))
    try:
        target = target_factory()
    except StoreError as exc:
        source.close()
        raise _fail(str(exc))
    progress = Progress(TextColumn("syncing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        console=err, disable=quiet or not err.is_terminal, transient=True)
    state = {"task": None}

    def on_start(total: int):
        state["task"] = progress.add_task("sync", total=total)

    def on_story(story_id: str, status: str):
        if status == FAILED:
            progress.console.print(f"[red]failed[/] {story_id}", highlight=False)
        if state["task"] is not None:
            progress.update(state["task"], advance=1)

    try:
        with progress:
            report = copy_graph(source, target, batch_size=batch_size, force=force, on_start=on_start, on_story=on_story)
    except StoreError as exc:
        raise _fail(str(exc))
    finally:
        source.close()
        target.close()
    for line in report.errors:
        err.print(f"[red]failed[/] {line}", highlight=False, soft_wrap=True)
    where = f"{ws.path} -> {other}" if to else f"{other} -> {ws.path}"
    err.print(f"{report.summary()} ({where})", highlight=False, soft_wrap=True)
    if report.errors:
        raise typer.Exit(1)


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
        extractor, store = _open_for_writing(ws)
        try:
            report = ingest_paths(store, [folder], extractor=extractor, kb_dirs=[ws.kb_dir])
            err.print(report.summary() + f" -> {_where(ws, store)}")
            for name in DEMO_QUERIES:
                q = get_query(name)
                result = q.run(store)
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


def _apply_decisions(ws, quiet: bool = True) -> None:
    """Re-extract the workspace's stories (and knowledge files) with its current decisions."""
    from powerlens.ingest.pipeline import apply_background
    from powerlens.ingest.pipeline import reextract as run_reextract

    if not ws.exists():
        err.print(f"saved in {ws.decisions_path}; it applies when stories are ingested")
        return
    extractor, store = _open_for_writing(ws)
    try:
        apply_background(store, extractor, [ws.kb_dir])
        report = run_reextract(store, extractor)
    finally:
        store.close()
    err.print(f"saved in {ws.decisions_path}; re-extracted {len(report.results)} stor{'y' if len(report.results) == 1 else 'ies'}")
    for r in report.failed:
        err.print(f"[red]failed[/] {_esc(r.path)}: {_esc(r.error)}", highlight=False)
    if report.failed:
        raise typer.Exit(1)


def _edit_decisions(ws, edit) -> None:
    from powerlens.ingest.resources import DataError

    try:
        decisions = ws.decisions()
        message = edit(decisions)
        decisions.save()
    except DataError as exc:
        raise _fail(str(exc), 2)
    err.print(message, highlight=False)
    _apply_decisions(ws)


LabelOpt = Annotated[Optional[str], typer.Option("--label", help="Only entities with this label (Actor, Policy, Metric, ...).", show_default=False)]
NoteOpt = Annotated[str, typer.Option("--note", help="Why: kept in the decisions file.")]


@app.command(epilog="Examples:\n\n  powerlens merge 'Acme Holdings Ltd' 'Acme Holdings'\n\n"
                    "  powerlens merge 'U.S.' USA 'United States' --label Actor\n\n"
                    "  powerlens merge 'Acme Holdings Ltd' 'Acme Holdings' --undo")
def merge(
    names: Annotated[list[str], typer.Argument(help="Names to merge, then LAST the name to keep.")],
    label: LabelOpt = None,
    note: NoteOpt = "",
    undo: Annotated[bool, typer.Option("--undo", help="Remove this merge instead (the names become separate again).")] = False,
    workspace: WorkspaceOpt = None,
):
    """Record that several names are one entity (kept under the LAST name) and apply it to every
    stored story. Decisions live in WORKSPACE/decisions.toml and apply on every ingest."""
    from powerlens.workspace import Workspace

    if len(names) < 2 and not undo:
        raise _fail("give at least two names: the names to merge, then the name to keep", 2)
    *others, into = names
    ws = Workspace(workspace)

    def edit(d):
        if undo:
            n = d.undo_merge(others, into)
            if not n:
                raise _fail(f"no merge into {into!r} with those names in {ws.decisions_path}", 1)
            return f"removed {n} merge decision(s) into {into!r}"
        d.add_merge(others, into, label, note)
        return f"merge: {', '.join(map(repr, others))} -> {into!r}"

    _edit_decisions(ws, edit)


@app.command(epilog="Examples:\n\n  powerlens split Amazon --from 'Amazon Web Services'\n\n"
                    "  powerlens split Amazon --from 'Amazon Web Services' --undo")
def split(
    name: Annotated[str, typer.Argument(help="A name that was resolved to the wrong entity.")],
    from_: Annotated[str, typer.Option("--from", help="The entity it was wrongly resolved to.")],
    label: LabelOpt = None,
    note: NoteOpt = "",
    undo: Annotated[bool, typer.Option("--undo", help="Remove this split instead.")] = False,
    workspace: WorkspaceOpt = None,
):
    """Record that NAME is not the entity --from (undoing an alias, short-form or acronym match)
    and apply it to every stored story; NAME becomes an entity of its own."""
    from powerlens.workspace import Workspace

    ws = Workspace(workspace)

    def edit(d):
        if undo:
            if not d.undo_split(name, from_):
                raise _fail(f"no split of {name!r} from {from_!r} in {ws.decisions_path}", 1)
            return f"removed the split of {name!r} from {from_!r}"
        d.add_split(name, from_, label, note)
        return f"split: {name!r} is not {from_!r}"

    _edit_decisions(ws, edit)


@app.command(epilog="Example:\n\n  powerlens decisions --format json")
def decisions(workspace: WorkspaceOpt = None, fmt: FormatOpt = Format.table):
    """List the workspace's entity decisions (merges and splits)."""
    from powerlens.ingest.resources import DataError
    from powerlens.workspace import Workspace

    ws = Workspace(workspace)
    try:
        d = ws.decisions()
    except DataError as exc:
        raise _fail(str(exc), 2)
    rows = [{"decision": "merge", "names": list(m.names), "entity": m.into, "label": m.label, "note": m.note} for m in d.merges]
    rows += [{"decision": "split", "names": [x.name], "entity": x.from_, "label": x.label, "note": x.note} for x in d.splits]
    write_rows(rows, ["decision", "names", "entity", "label", "note"], fmt, title=f"Decisions in {ws.decisions_path}")


kb_app = typer.Typer(help="Background knowledge files: cited facts that stories assume (who owns which outlet, who runs which benchmark).",
                     no_args_is_help=True, rich_markup_mode=None)
app.add_typer(kb_app, name="kb")


@kb_app.command("add", epilog="Example:\n\n  powerlens kb add my-ownership-facts.toml\n\n"
                               "A file has a [meta] table with `source`, then [[fact]] tables with subject, relation, "
                               "object and citation; see ontology/kb/public-record.toml.")
def kb_add(
    files: Annotated[list[Path], typer.Argument(help="Knowledge files (TOML) to add to the workspace.")],
    workspace: WorkspaceOpt = None,
):
    """Check knowledge files and add them to the workspace (WORKSPACE/kb/); their facts are loaded
    with story = null, the file as source and each fact's citation. Re-adding replaces a file."""
    import shutil

    from rich.markup import escape

    from powerlens.ingest.background import parse_kb_file
    from powerlens.ingest.pipeline import apply_background
    from powerlens.ingest.resources import DataError
    from powerlens.workspace import Workspace

    ws = Workspace(workspace)
    failed = 0
    for f in files:
        try:
            bg = parse_kb_file(f, ws.ontology)
        except DataError as exc:
            err.print(f"[red]refused[/] {escape(str(exc))}", highlight=False)
            failed += 1
            continue
        ws.kb_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, ws.kb_dir / f.name)
        err.print(f"added {f.name}: {len(bg.relations)} fact(s)", highlight=False)
    extractor, store = _open_for_writing(ws)
    try:
        apply_background(store, extractor, [ws.kb_dir])
    except DataError as exc:
        raise _fail(str(exc))
    finally:
        store.close()
    if failed:
        raise typer.Exit(1)


@kb_app.command("list", epilog="Example:\n\n  powerlens kb list --format json")
def kb_list(workspace: WorkspaceOpt = None, fmt: FormatOpt = Format.table):
    """List the knowledge files in use (bundled and the workspace's) with their fact counts."""
    from powerlens.ingest.background import KB_DIR, kb_files, parse_kb_file
    from powerlens.ingest.resources import DataError
    from powerlens.workspace import Workspace

    ws = Workspace(workspace)
    rows = []
    for path in kb_files([ws.kb_dir]):
        try:
            bg = parse_kb_file(path, ws.ontology)
            rows.append({"file": path.name, "origin": "bundled" if path.parent == KB_DIR else str(path.parent),
                         "title": bg.source["name"], "facts": len(bg.relations), "problem": None})
        except DataError as exc:
            rows.append({"file": path.name, "origin": str(path.parent), "title": None, "facts": 0, "problem": str(exc)})
    write_rows(rows, ["file", "origin", "title", "facts", "problem"], fmt, title="Knowledge files")


@kb_app.command("remove", epilog="Example:\n\n  powerlens kb remove my-ownership-facts.toml")
def kb_remove(
    name: Annotated[str, typer.Argument(help="File name of a knowledge file added to the workspace.")],
    workspace: WorkspaceOpt = None,
):
    """Remove a knowledge file from the workspace, and its facts from the graph."""
    from powerlens.ingest.pipeline import apply_background
    from powerlens.workspace import Workspace

    ws = Workspace(workspace)
    path = ws.kb_dir / Path(name).name
    if not path.exists():
        raise _fail(f"no knowledge file {Path(name).name} in {ws.kb_dir} (bundled files cannot be removed; see `powerlens kb list`)")
    path.unlink()
    extractor, store = _open_for_writing(ws)
    try:
        apply_background(store, extractor, [ws.kb_dir])
    finally:
        store.close()
    err.print(f"removed {path.name} and its facts")


@app.command(name="eval", epilog="Examples:\n\n  powerlens eval tests/fixtures/gold\n\n"
                                 "  powerlens eval tests/fixtures/gold --split dev --errors\n\n"
                                 "  powerlens eval tests/fixtures/gold --baseline tests/fixtures/gold/baseline.toml")
def eval_(
    gold_dir: Annotated[Path, typer.Argument(help="Gold folder: NAME.txt + NAME.toml pairs, optionally in split folders (dev/, heldout/).")],
    split: Annotated[Optional[list[str]], typer.Option("--split", "-s", help="Only this split (repeatable).", show_default=False)] = None,
    errors: Annotated[bool, typer.Option("--errors", help="Also list missed and spurious entities, relations and omissions.")] = False,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", help="Exit 1 if a figure falls below this recorded baseline (TOML).", show_default=False)] = None,
    nlp: Annotated[Optional[str], typer.Option("--nlp", help="Use this installed spaCy model too (e.g. en_core_web_sm).", show_default=False)] = None,
    fmt: FormatOpt = Format.table,
):
    """Measure extraction against hand-annotated stories: precision, recall and F1 per label and
    relation type, kind accuracy and omission-concept accuracy, per split.

    The annotation format and scoring rules are in tests/fixtures/gold/README.md.
    """
    from powerlens.ingest.evaluate import GoldError, below_baseline, evaluate, load_baseline, load_gold
    from powerlens.ingest.resources import DataError

    try:
        gold = load_gold(gold_dir, tuple(split) if split else None)
        scores = evaluate(gold, _extractor(nlp))
        floor = load_baseline(baseline) if baseline else {}
    except (GoldError, DataError) as exc:
        raise _fail(str(exc), 2)
    rows = [row for sc in scores.values() for row in sc.rows()]
    cols = ["split", "group", "name", "gold", "predicted", "correct", "precision", "recall", "f1", "accuracy"]
    write_rows(rows, cols, fmt, title="Extraction against the gold set")
    if fmt == Format.table:
        for sc in scores.values():
            s = sc.summary()
            err.print(f"{s['split']}: {s['stories']} stories, entities F1 {s['entity_f1']:.3f}, relations F1 "
                      f"{s['relation_f1']:.3f}, omission accuracy {s['omission_accuracy']:.3f}, kinds {s['kind_accuracy']:.3f}")
    if errors:
        for sc in scores.values():
            for group, items in sc.errors.items():
                for item in items:
                    err.print(f"[{sc.split}] {group}: {item}", markup=False, highlight=False, soft_wrap=True)
    drops = below_baseline(scores, floor)
    for d in drops:
        err.print(f"[bold red]below baseline:[/] {_esc(d)}")
    if drops:
        raise typer.Exit(1)


def _extractor(nlp: str | None):
    from powerlens.ingest.extract import Extractor

    if not nlp:
        return Extractor()
    from powerlens.ingest.nlp import NLPError, SpacyExtractor

    try:
        return SpacyExtractor(nlp)
    except NLPError as exc:
        raise _fail(str(exc), 2)


from powerlens import rdf_cli as _rdf_cli  # noqa: E402  (export, sparql, validate)

_rdf_cli.register(app, SimpleNamespace(fail=_fail, err=err, params=_params))


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)


if __name__ == "__main__":
    main()
