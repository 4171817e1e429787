"""The `quotetrail` command line.

Exit codes: 0 done (bad inputs are skipped and reported, not fatal), 1 the run itself failed
(a store problem, an export that could not be written), 2 a usage mistake.
"""
from __future__ import annotations

import atexit
import gc
import inspect
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, Optional, TypeVar

import typer
from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)
from rich.table import Table

from . import __version__
from .terminal import json_line, plain, text

if TYPE_CHECKING:
    from .engines import Engine

T = TypeVar("T")

# Plain help (rich_markup_mode=None): usage lines that read like the README (`--db FILE`, `--format
# jsonl|csv|parquet`, `-q, --quiet`), with no boxes and no `<bool>` after flags.
app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, rich_markup_mode=None,
                  help="Who said what, when, and who reported it: quotes tracked across news coverage.")
out = Console()
err = Console(stderr=True)
# An argument given a metavar (SPEAKER, DIR) is shown with it alone, as options are, not followed
# by its Python type (`INPUT <list[str]>`): typer has no setting for that.
_argument_type = typer.core.TyperArgument.display_type_rich
typer.core.TyperArgument.display_type_rich = lambda self, ctx: None if self.metavar else _argument_type(self, ctx)

DEFAULT_DB = "quotetrail.db"
DbOption = Annotated[Path, typer.Option("--db", metavar="FILE", help="SQLite store to use.", envvar="QUOTETRAIL_DB")]
ExportFormat = Literal["jsonl", "csv", "parquet"]


def say(*parts: str | tuple[str, str]) -> None:
    """One message on standard error, its untrusted parts shown as text (`terminal.text`), never
    broken into lines by the console's width (scripts read these lines)."""
    err.print(text(*parts), soft_wrap=True)


def fail(message: str, code: int = 1) -> None:
    say(("error:", "bold red"), " ", message)
    raise typer.Exit(code)


def open_store(db: Path, *, readonly: bool = False):
    from .store.sqlite import Store, StoreError

    if readonly and not db.exists():
        fail(f"no store at {db}: run `quotetrail run INPUT... --db {db}` first", 2)
    try:
        return Store(db, readonly=readonly)
    except StoreError as exc:
        fail(str(exc))


@app.command()
def run(
    inputs: Annotated[list[str], typer.Argument(metavar="INPUT", help="Files, folders, globs, or - for standard input.")],
    db: DbOption = Path(DEFAULT_DB),
    export_dir: Annotated[Optional[Path], typer.Option("--export", metavar="DIR", help="Also export the store to this folder.")] = None,
    fmt: Annotated[ExportFormat, typer.Option("--format", help="Export format.")] = "jsonl",
    workers: Annotated[Optional[int], typer.Option(metavar="N", help=(
        "Worker processes for the per-article stages (default: one per core this process may use;"
        " a run of one batch stays in this process)."), show_default=False)] = None,
    engine: Annotated[Literal["local", "ray"], typer.Option(help="Executor.")] = "local",
    address: Annotated[Optional[str], typer.Option(metavar="ADDR", help="Ray cluster address (with --engine ray); none starts Ray locally.")] = None,
    max_file_mb: Annotated[float, typer.Option(metavar="N", help="Skip single-article files larger than N MB.")] = 50.0,
    max_record_mb: Annotated[float, typer.Option(metavar="N", help="Skip records (JSONL lines, WARC payloads) larger than N MB.")] = 10.0,
    max_article_seconds: Annotated[float, typer.Option(metavar="S", help=(
        "Seconds each stage of an article may take (read and clean, parse, extract); past them it is skipped,"
        " or kept with what was found (0: no limit)."))] = 60.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary table.")] = False,
    summary_file: Annotated[Optional[Path], typer.Option("--summary", metavar="FILE", help="Also write the run's summary as JSON here.")] = None,
    batch_size: Annotated[int, typer.Option(metavar="N", help="Articles stored per transaction: a killed run loses at most one batch.")] = 32,
    wait: Annotated[float, typer.Option(metavar="S", help="Seconds to wait for another run on the same --db to finish (default: refuse at once).")] = 0.0,
    published: Annotated[Optional[str], typer.Option("--published", metavar="YYYY-MM-DD", help=(
        "Publication date for articles that carry none (a folder of plain files); a date"
        " in an article's metadata or dateline wins."))] = None,
    outlet: Annotated[Optional[str], typer.Option("--outlet", metavar="NAME", help="Outlet name for articles that carry none.")] = None,
) -> None:
    """Read INPUTs, clean them, find quotes and copies, and store the result; print a summary.

    Exit code 0: done (bad inputs are named, skipped and counted); 1: the run failed, or read no
    article; 2: a usage mistake, or none of the INPUTs exists (no store is created then).
    """
    if workers is not None and workers < 1:
        fail("--workers must be at least 1", 2)
    if batch_size < 1:
        fail("--batch-size must be at least 1", 2)
    if published is not None:
        from datetime import date

        try:
            published = date.fromisoformat(published.strip()).isoformat()
        except ValueError:
            fail(f"--published takes a date as YYYY-MM-DD, not {published!r}", 2)
    if outlet is not None:
        outlet = " ".join(outlet.split()) or None
    missing = [given for given in inputs if not input_exists(given)]
    if missing and len(missing) == len(inputs):  # a typo, not a bad file: say so before a store is made
        fail(f"no such file, folder or matching file: {', '.join(missing)}", 2)
    try:
        executor, total = start_engine(engine, workers=workers, address=address, inputs=inputs,
                                       batch_size=batch_size, max_article_seconds=max_article_seconds)
    except ValueError as exc:
        fail(str(exc), 2)
    if total == 0:  # folders holding no article file: nothing to read, so no store to make
        fail("no article was read from " + ", ".join(inputs) + " (no article files in them)", 1)
    from . import pipeline, read
    from .store.export import export
    from .store.sqlite import StoreError

    limits = read.ReadLimits(max_file_bytes=int(max_file_mb * 1e6), max_record_bytes=int(max_record_mb * 1e6))
    store = open_store(db)
    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.fields[rate]} docs/s"), TimeElapsedColumn(), TextColumn("elapsed,"),
                        TimeRemainingColumn(), TextColumn("left"), console=err, disable=quiet, transient=True)
    with progress:
        task = progress.add_task("processing", total=total, rate="-")

        def on_batch(documents: int, stored: int) -> None:
            elapsed = progress.tasks[0].elapsed or 1e-9
            # records not counted ahead (CSV, WARC, stdin) count one each: the total grows with them
            grown = max(progress.tasks[0].total or 0, documents) if total is not None else None
            progress.update(task, completed=documents, total=grown, rate=f"{documents / elapsed:.1f}")

        try:
            summary = pipeline.run(inputs, store, engine=executor, limits=limits, on_batch=on_batch,
                                   batch_size=batch_size, lock_wait=wait, published=published, outlet=outlet)
        except StoreError as exc:
            progress.stop()
            store.close()
            fail(str(exc))
    if summary_file is not None:
        import json

        summary_file.write_text(json.dumps(summary.as_dict(), indent=2, ensure_ascii=False), encoding="utf-8")
    if not summary.articles and not summary.unchanged:  # not a table of zeros: nothing was read
        print_summary(summary, quiet=True)
        store.close()
        fail("no article was read from " + ", ".join(inputs) + (
            f" ({len(summary.skipped)} skipped, named above)" if summary.skipped else " (no article files in it)"), 1)
    print_summary(summary, quiet=quiet)
    if export_dir is not None:
        try:
            counts = export(store, export_dir, fmt)
        except (OSError, RuntimeError) as exc:
            store.close()
            fail(f"export to {export_dir} failed: {exc}")
        say(f"exported {', '.join(f'{n} {name}' for name, n in counts.items())} to {export_dir}")
    store.close()  # folds the -wal into the .db: after a run, the .db file alone holds everything


def input_exists(given: str) -> bool:
    """Whether an INPUT names something: standard input, a path (a broken link too: it is reported
    as such), or a glob pattern that matches."""
    from .read.sources import expand_glob

    if given == "-" or os.path.lexists(given):
        return True
    return any(char in given for char in "*?[") and bool(expand_glob(given))


def count_inputs(inputs: list[str]) -> int | None:
    """The progress bar's total (`read.sources.count_documents`), imported only when a run starts."""
    from .read.sources import count_documents

    return count_documents(inputs)


# The counts `start_workers_early` made, for `run` to take instead of counting again (a folder of
# 200,000 files takes a while to list): INPUTs -> count.
_counted_early: dict[tuple[str, ...], int | None] = {}


def start_engine(name: str, *, workers: int | None, address: str | None, inputs: Sequence[str], batch_size: int,
                 max_article_seconds: float) -> tuple[Engine, int | None]:
    """`run`'s engine and the count of its INPUTs. When more than one batch is likely, the engine's
    workers start now (`Engine.prepare`: the local engine's forkserver loads the model, about a
    second, on another core while this process goes on). Raises ValueError for an unknown engine."""
    from .engines import get_engine
    from .read.limits import ARTICLE_SECONDS_ENV

    executor = get_engine(name, workers=workers, address=address)
    os.environ[ARTICLE_SECONDS_ENV] = str(max_article_seconds)  # the workers (and their forkserver) inherit it
    key = tuple(inputs)
    total = _counted_early.pop(key) if key in _counted_early else count_inputs(list(inputs))
    if total is None or total > batch_size:
        executor.prepare()
    return executor, total


def start_workers_early(args: Sequence[str]) -> None:
    """For `quotetrail run ARGS...`, start the workers (`start_engine`) before typer parses the
    arguments: its parse (pydantic coercion) takes 0.1 s and the forkserver's model load is the
    start's longest path, so the workers began parsing 0.2 s after they could have (3% of a
    5-second run on 2 cores). The arguments are read raw, with the parser and definitions typer's
    parse uses. Anything else (another command, --help, a usage mistake, another engine) is left
    to `run`, which starts them itself if they are not running."""
    if len(args) < 2 or args[0] != "run":
        return
    try:
        command = typer.main.get_command(app).commands["run"]
        given, _, _ = command.make_parser(typer.Context(command)).parse_args(args=list(args[1:]))
        defaults = inspect.signature(run).parameters

        def value(name: str, kind: Callable[[str], T]) -> T:
            return kind(given[name]) if given.get(name) is not None else defaults[name].default

        if given.get("help") or value("engine", str) != "local" or not given.get("inputs"):
            return
        inputs = tuple(given["inputs"])
        batch_size, workers = value("batch_size", int), value("workers", int)
        if batch_size < 1 or (workers is not None and workers <= 1):  # one worker parses in this process
            return
        _, _counted_early[inputs] = start_engine("local", workers=workers, address=None, inputs=inputs,
                                                 batch_size=batch_size,
                                                 max_article_seconds=value("max_article_seconds", float))
    except Exception:  # `run` parses the arguments again and reports what is wrong with them
        return


def print_summary(summary, *, quiet: bool = False) -> None:
    for source, reason in summary.skipped:
        say(("skipped", "yellow"), f" {source}: {reason}")
    if quiet:
        return
    table = Table(title="quotetrail run", show_header=False, title_justify="left")
    table.add_row("inputs found", str(summary.documents + summary.unchanged))
    if summary.unchanged:
        table.add_row("  unchanged since last run", str(summary.unchanged))
    table.add_row("articles read", str(summary.articles))
    table.add_row("  new in store", str(summary.stored))
    table.add_row("  already stored", str(summary.already_stored))
    if summary.undated:
        table.add_row("  new without a publication date", str(summary.undated))
    table.add_row("skipped", str(len(summary.skipped)))
    junk = sum(summary.removed.values())
    table.add_row("junk removed", text(f"{junk}" + (" (" + ", ".join(
        f"{reason} {n}" for reason, n in summary.removed.most_common()) + ")" if junk else "")))
    table.add_row("duplicates found", f"{summary.exact_duplicates} exact, {summary.near_duplicates} near")
    table.add_row("similar pairs", str(summary.similar_pairs))
    table.add_row("paragraphs shared across articles", str(summary.shared_paragraphs))
    table.add_row("quotes found", str(summary.quotes))
    table.add_row("  new statements", str(summary.statements))
    if summary.analyses_reused:
        table.add_row("  copies not parsed again", str(summary.analyses_reused))
    # the definitions of `store.counts`, the ones the export and the web pages count by
    table.add_row("articles in store", str(summary.store_articles))
    table.add_row("quotes in store", str(summary.store_quotes))
    table.add_row("statements in store", str(summary.store_statements))
    table.add_row("people in store", str(summary.store_people))
    err.print(table)
    if summary.undated:
        which = "none of the new articles has a" if summary.undated == summary.stored else \
            f"{summary.undated} of the {summary.stored} new articles have no"
        say(("note", "yellow"), f" {which} publication date: they come last in timelines, start no story's"
            " span, and their statements dated only by words like \"on Friday\" have no date"
            " (give one with --published YYYY-MM-DD)")


@app.command("export")
def export_cmd(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="Folder to write the export files into.")],
    db: DbOption = Path(DEFAULT_DB),
    fmt: Annotated[ExportFormat, typer.Option("--format", help="Export format.")] = "jsonl",
) -> None:
    """Export the store to DIR: articles, quotes, people, statements and stories, one file each."""
    from .store.export import export
    from .store.sqlite import checkpoint

    store = open_store(db, readonly=True)
    try:
        counts = export(store, directory, fmt)
    except (OSError, RuntimeError) as exc:
        fail(f"export to {directory} failed: {exc}")
    finally:
        store.close()
        checkpoint(db)  # what a killed run left in the -wal goes into the .db (not on read-only media)
    say(f"exported {', '.join(f'{n} {name}' for name, n in counts.items())} to {directory}")


def print_rows(rows: list[dict], fmt: str, columns: list[str] | None = None) -> None:
    """Rows as a table, JSON Lines or CSV on standard output. Stored text is untrusted: a table
    shows it without control sequences and never reads it as markup (`terminal`); JSON escapes
    them; CSV keeps the data as it is unless it goes to a terminal.

    A table on a terminal keeps every column and wraps between words (`layout_table`); piped (a
    script, a file, `less`), it is tab-separated text with every column, one row a line."""
    try:
        _print_rows(rows, fmt, columns)
        sys.stdout.flush()
    except BrokenPipeError:  # `quotetrail quotes | head`: the reader took what it wanted; not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(0)


def _print_rows(rows: list[dict], fmt: str, columns: list[str] | None) -> None:
    import csv
    import json

    if fmt == "json":
        for row in rows:
            print(json_line(row))
    elif fmt == "csv":
        if rows:
            shown = plain if sys.stdout.isatty() else (lambda v: v)
            writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows({k: shown(json.dumps(v, ensure_ascii=False)) if isinstance(v, (list, dict))
                              else shown(v) if isinstance(v, str) else v for k, v in r.items()} for r in rows)
    elif fmt == "table":
        columns = columns or (list(rows[0]) if rows else [])
        cells = [[cell_text(row.get(c)) for c in columns] for row in rows]
        if not sys.stdout.isatty():
            # one line per row, tab between fields: cut, awk and spreadsheets read it; the exact
            # data (tabs and line breaks included) is what --format csv or json gives
            for line in [columns, *cells]:
                print("\t".join(" ".join(plain(value).split()) for value in line))
        else:
            out.print(layout_table(columns, cells, out.width))
    else:
        fail(f"unknown --format {fmt!r} (choose: table, json, csv)", 2)


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def layout_table(columns: list[str], cells: list[list[str]], width: int):
    """A rich table of every column that fits `width` without cutting a word: each column is at
    least as wide as its longest word, and the room left goes to the columns that wrap most. Rich
    itself shrinks columns to nothing (or cuts words) when a table is too wide, so the widths are
    set here. When even the longest words do not fit side by side, each row is shown as a block
    of `column  value` lines instead."""
    from rich.cells import cell_len

    def longest_word(value: str) -> int:
        return max((cell_len(word) for word in plain(value).split()), default=0)

    shortest = [max([cell_len(c)] + [longest_word(row[i]) for row in cells]) for i, c in enumerate(columns)]
    natural = [max([cell_len(c)] + [cell_len(plain(row[i])) for row in cells]) for i, c in enumerate(columns)]
    room = width - 3 * len(columns) - 1  # a border and a space each side of every column
    if sum(shortest) > room:
        return _records(columns, cells)
    widths = natural
    if sum(natural) > room:
        spare = room - sum(shortest)
        wants = [n - s for n, s in zip(natural, shortest)]
        widths = [s + spare * w // max(sum(wants), 1) for s, w in zip(shortest, wants)]
    table = Table(show_lines=False)
    for column, column_width in zip(columns, widths):
        table.add_column(column, width=column_width, overflow="fold")  # fold only a word wider than the terminal
    for row in cells:
        table.add_row(*(text(value) for value in row))
    return table


def _records(columns: list[str], cells: list[list[str]]):
    from rich.console import Group

    blocks = []
    for row in cells:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for column, value in zip(columns, row):
            grid.add_row(column, text(value))
        blocks += [grid, ""]
    return Group(*blocks[:-1])


FormatOption = Annotated[Literal["table", "json", "csv"], typer.Option("--format", help=(
    "A table on a terminal (tab-separated text when piped), JSON Lines or CSV."))]
LimitOption = Annotated[int, typer.Option(metavar="N", help="Rows to show.")]


@app.command()
def quotes(
    db: DbOption = Path(DEFAULT_DB),
    speaker: Annotated[Optional[str], typer.Option("--speaker", metavar="NAME", help="Any name or alias of the speaker, or part of it.")] = None,
    search: Annotated[Optional[str], typer.Option("--search", "-s", metavar="WORDS", help="Words in the quote.")] = None,
    kind: Annotated[Optional[Literal["direct", "mixed", "indirect"]], typer.Option(help="Only quotes of this kind.")] = None,
    limit: LimitOption = 50,
    fmt: FormatOption = "table",
) -> None:
    """List quotes: who said what, in which article (each report of a statement is a quote)."""
    from .store.query import find_quotes

    store = open_store(db, readonly=True)
    rows = find_quotes(store, speaker=speaker, search=search, kind=kind, limit=limit)
    print_rows(rows, fmt, ["speaker", "kind", "text", "cue", "via", "said_on", "outlet"])


@app.command()
def timeline(
    speaker: Annotated[str, typer.Argument(metavar="SPEAKER", help="Any name or alias of the person, or part of it.")],
    db: DbOption = Path(DEFAULT_DB),
    topic: Annotated[Optional[str], typer.Option(metavar="TOPIC", help="Only statements on this topic (e.g. ceasefire).")] = None,
    since: Annotated[Optional[str], typer.Option(metavar="YYYY-MM-DD", help="From this date.")] = None,
    until: Annotated[Optional[str], typer.Option(metavar="YYYY-MM-DD", help="Up to this date.")] = None,
    fmt: FormatOption = "table",
) -> None:
    """A person's statements in the order they were said, with date, outlets and wording."""
    from datetime import date

    from .store.query import timeline as person_timeline

    for value, name in ((since, "--since"), (until, "--until")):
        if value:
            try:
                date.fromisoformat(value)
            except ValueError:
                fail(f"{name} takes a date as YYYY-MM-DD, not {value!r}", 2)
    store = open_store(db, readonly=True)
    rows = person_timeline(store, speaker, topic=topic, since=since, until=until)
    if not rows and fmt == "table":
        say(f"no statements by {speaker!r}" + (f" on {topic!r}" if topic else ""))
    if fmt == "table":
        for row in rows:
            if not row["said_on"]:  # no publication date to count from: say so, with the words
                row["said_on"] = "date unknown" + (f" ({row['date_text']})" if row.get("date_text") else "")
            row["outlets"] = ", ".join(row["outlets"]) + (f" ({len(row['variants'])} reports)" if len(row["variants"]) > 1 else "")
        print_rows(rows, fmt, ["said_on", "speaker", "text", "outlets", "topics"])
    else:
        print_rows(rows, fmt)


@app.command("stories")
def stories_cmd(
    db: DbOption = Path(DEFAULT_DB),
    limit: LimitOption = 50,
    fmt: FormatOption = "table",
) -> None:
    """List stories: articles about the same event, biggest first."""
    from .store.query import stories

    store = open_store(db, readonly=True)
    rows = stories(store, limit)
    if fmt == "table":
        for row in rows:
            row["size"] = len(row["articles"])
            row["people"] = row["people"][:6]
        print_rows(rows, fmt, ["title", "size", "first_published", "last_published", "outlets", "people"])
    else:
        print_rows(rows, fmt)


@app.command()
def people(
    db: DbOption = Path(DEFAULT_DB),
    limit: LimitOption = 50,
    fmt: FormatOption = "table",
) -> None:
    """List the people (and organisations) quoted or named in more than one article, most quoted first."""
    from .store.export import people_rows

    store = open_store(db, readonly=True)
    rows = [r for _, r in zip(range(limit), people_rows(store))]
    print_rows(rows, fmt, ["name", "quotes", "aliases", "descriptions", "kind"])


@app.command()
def articles(
    db: DbOption = Path(DEFAULT_DB),
    search: Annotated[Optional[str], typer.Option("--search", "-s", metavar="WORDS", help="Full-text search.")] = None,
    limit: LimitOption = 50,
    fmt: FormatOption = "table",
) -> None:
    """List stored articles (or search them)."""
    store = open_store(db, readonly=True)
    if search:
        rows = store.search_articles(search, limit=limit)
    else:
        rows = [
            {"id": a.id, "published": a.published, "outlet": a.outlet, "title": a.title,
             "duplicate_of": a.duplicate_of}
            for _, a in zip(range(limit), store.iter_articles(order="published"))
        ]
    print_rows(rows, fmt)


@app.command()
def serve(
    db: DbOption = Path(DEFAULT_DB),
    host: Annotated[str, typer.Option(metavar="ADDR", help="Address to bind; 127.0.0.1 keeps it private to this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(metavar="N", help="Port to listen on.")] = 8765,
    token: Annotated[Optional[str], typer.Option(metavar="T", help="Token for write endpoints.", envvar="QUOTETRAIL_TOKEN")] = None,
    allowed_host: Annotated[Optional[list[str]], typer.Option(
        "--allowed-host", metavar="NAME", help="Also answer requests for this host name (repeatable; '*.example.org' "
        "for its subdomains). 127.0.0.1, localhost, [::1] and --host are always answered.")] = None,
) -> None:
    """Serve the web app over the store at --db."""
    import signal

    import uvicorn

    from .store.sqlite import checkpoint
    from .web.app import allowed_host_patterns, create_app
    from .web.server import raise_open_file_limit, uvicorn_options

    open_store(db, readonly=True).close()
    try:  # requests naming another host are refused (DNS rebinding): see create_app
        hosts = allowed_host_patterns([host, *(allowed_host or [])])
    except ValueError as exc:
        fail(f"{exc} (in --host or --allowed-host)", 2)
    say(f"serving {db} on http://{host}:{port} (Ctrl-C to stop)")
    if host in ("0.0.0.0", "::", "") and not allowed_host:
        say(f"listening on every address, but answering only requests for {', '.join(hosts)}: "
            "name the others with --allowed-host NAME")
    options = uvicorn_options(raise_open_file_limit())  # timeouts and limits for idle or slow connections
    # uvicorn shuts down cleanly on SIGTERM, then raises it again: as an exception, so the end below runs
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        uvicorn.run(create_app(db, token=token, allowed_hosts=hosts), host=host, port=port, log_level="warning",
                    **options)
    finally:
        checkpoint(db)  # ingested articles and a killed run's rows: into the .db, so it alone holds them


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # the exit status a process killed by the signal would have


@app.command()
def version() -> None:
    """Print the version."""
    out.print(__version__)


def main() -> None:
    import sqlite3

    from .engines.threads import prefer_single_thread

    prefer_single_thread()  # before numpy loads: one-worker runs parse in this process
    start_workers_early(sys.argv[1:])
    # The interpreter's last garbage collection walks every object a run leaves (0.1 s after a
    # run of 168 texts) to free memory the process is about to give back whole; everything that
    # holds data (the store, exports) is closed by then, and the standard streams are flushed
    # apart from the collection.
    atexit.register(gc.freeze)

    try:
        # not standalone: a usage mistake raises here, to be said in one line like every other error
        code = app(standalone_mode=False)
    except typer.TyperException as exc:  # click's UsageError and BadParameter (exit 2)
        if type(exc).__name__ == "NoArgsIsHelpError":  # `quotetrail` alone: the help, as it asks
            err.print(exc.format_message(), markup=False, highlight=False)
            sys.exit(2)
        message = exc.format_message().replace("Value error, ", "")  # pydantic's prefix on a bad choice
        command = getattr(getattr(exc, "ctx", None), "command_path", None)
        say(("error:", "bold red"), " ", message.rstrip(".") + (f" (see `{command} --help`)" if command else ""))
        sys.exit(getattr(exc, "exit_code", 2))
    except typer.Abort:
        err.print("interrupted")
        sys.exit(130)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
    except sqlite3.OperationalError as exc:  # e.g. a store another process holds too long, a full disk
        if os.environ.get("QUOTETRAIL_DEBUG"):
            raise
        say(("error:", "bold red"), f" the store could not be used: {exc}")
        sys.exit(1)
    except BrokenPipeError:  # `quotetrail articles | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except Exception as exc:  # a bug: one line for the user, the traceback on request
        if os.environ.get("QUOTETRAIL_DEBUG"):
            raise
        say(("internal error:", "bold red"), f" {type(exc).__name__}: {exc} "
            "(set QUOTETRAIL_DEBUG=1 for the traceback, and please report it)")
        sys.exit(1)
    if code == 130:
        err.print("interrupted")
    sys.exit(code or 0)


if __name__ == "__main__":
    main()
