"""The `quotetrail` command line.

Exit codes: 0 done (bad inputs are skipped and reported, not fatal), 1 the run itself failed
(a store problem, an export that could not be written), 2 a usage mistake.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .terminal import json_line, plain, text

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Who said what, when, and who reported it: quotes tracked across news coverage.")
out = Console()
err = Console(stderr=True)

DEFAULT_DB = "quotetrail.db"
DbOption = Annotated[Path, typer.Option("--db", help="SQLite store to use.", envvar="QUOTETRAIL_DB")]


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
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for standard input.")],
    db: DbOption = Path(DEFAULT_DB),
    export_dir: Annotated[Optional[Path], typer.Option("--export", help="Also export the store to this folder.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="Export format: jsonl, csv or parquet.")] = "jsonl",
    workers: Annotated[Optional[int], typer.Option(help=(
        "Worker processes for the per-article stages (default: one per core this process may use;"
        " a run of one batch stays in this process)."), show_default=False)] = None,
    engine: Annotated[str, typer.Option(help="Executor: local or ray.")] = "local",
    address: Annotated[Optional[str], typer.Option(help="Ray cluster address (with --engine ray); none starts Ray locally.")] = None,
    max_file_mb: Annotated[float, typer.Option(help="Skip single-article files larger than this.")] = 50.0,
    max_record_mb: Annotated[float, typer.Option(help="Skip records (JSONL lines, WARC payloads) larger than this.")] = 10.0,
    max_article_seconds: Annotated[float, typer.Option(help=(
        "Seconds each stage of an article may take (read and clean, parse, extract); past them it is skipped,"
        " or kept with what was found (0: no limit)."))] = 60.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary table.")] = False,
    summary_file: Annotated[Optional[Path], typer.Option("--summary", help="Also write the run's summary as JSON here.")] = None,
    batch_size: Annotated[int, typer.Option(help="Articles stored per transaction: a killed run loses at most one batch.")] = 32,
    wait: Annotated[float, typer.Option(help="Seconds to wait for another run on the same --db to finish (default: refuse at once).")] = 0.0,
    published: Annotated[Optional[str], typer.Option("--published", help=(
        "Publication date (YYYY-MM-DD) for articles that carry none (a folder of plain files); a date"
        " in an article's metadata or dateline wins."))] = None,
    outlet: Annotated[Optional[str], typer.Option("--outlet", help="Outlet name for articles that carry none.")] = None,
) -> None:
    """Read INPUTS, clean them, find copies, and store the result; print a summary."""
    from . import pipeline, read
    from .engines import get_engine
    from .store.export import FORMATS, export
    from .store.sqlite import StoreError

    if fmt not in FORMATS:
        fail(f"unknown --format {fmt!r} (choose: {', '.join(FORMATS)})", 2)
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
    try:
        executor = get_engine(engine, workers=workers, address=address)
    except ValueError as exc:
        fail(str(exc), 2)
    limits = read.ReadLimits(max_file_bytes=int(max_file_mb * 1e6), max_record_bytes=int(max_record_mb * 1e6))
    os.environ[pipeline.ARTICLE_SECONDS_ENV] = str(max_article_seconds)  # worker processes inherit it
    store = open_store(db)
    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.fields[rate]} docs/s"), TimeElapsedColumn(), console=err,
                        disable=quiet, transient=True)
    with progress:
        task = progress.add_task("processing", total=None, rate="-")

        def on_batch(documents: int, stored: int) -> None:
            elapsed = progress.tasks[0].elapsed or 1e-9
            progress.update(task, completed=documents, rate=f"{documents / elapsed:.1f}")

        try:
            summary = pipeline.run(inputs, store, engine=executor, limits=limits, on_batch=on_batch,
                                   batch_size=batch_size, lock_wait=wait, published=published, outlet=outlet)
        except StoreError as exc:
            progress.stop()
            store.close()
            fail(str(exc))
    print_summary(summary, quiet=quiet)
    if summary_file is not None:
        import json

        summary_file.write_text(json.dumps(summary.as_dict(), indent=2, ensure_ascii=False), encoding="utf-8")
    if export_dir is not None:
        try:
            counts = export(store, export_dir, fmt)
        except (OSError, RuntimeError) as exc:
            store.close()
            fail(f"export to {export_dir} failed: {exc}")
        say(f"exported {', '.join(f'{n} {name}' for name, n in counts.items())} to {export_dir}")
    store.close()  # folds the -wal into the .db: after a run, the .db file alone holds everything


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
    table.add_row("statements found", str(summary.quotes))
    if summary.analyses_reused:
        table.add_row("  copies not parsed again", str(summary.analyses_reused))
    table.add_row("articles in store", str(summary.store_articles))
    table.add_row("quotes in store", str(summary.store_quotes))
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
    directory: Annotated[Path, typer.Argument(help="Folder to write the export files into.")],
    db: DbOption = Path(DEFAULT_DB),
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "jsonl",
) -> None:
    """Export the store (articles.jsonl, …) to DIRECTORY."""
    from .store.export import FORMATS, export
    from .store.sqlite import checkpoint

    if fmt not in FORMATS:
        fail(f"unknown --format {fmt!r} (choose: {', '.join(FORMATS)})", 2)
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
    """Rows as a rich table, JSON Lines or CSV on standard output. Stored text is untrusted: a
    table shows it without control sequences and never reads it as markup (`terminal`); JSON
    escapes them; CSV keeps the data as it is unless it goes to a terminal."""
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
        table = Table(show_lines=False)
        for column in columns:
            wide = column in ("text", "title")
            table.add_column(column, overflow="fold", ratio=4 if wide else 1, min_width=24 if wide else None,
                             no_wrap=column in ("said_on", "published", "first_published", "last_published"))
        for row in rows:
            table.add_row(*(text("" if row.get(c) is None else ", ".join(map(str, row[c]))
                                 if isinstance(row.get(c), list) else str(row[c])) for c in columns))
        out.print(table)
    else:
        fail(f"unknown --format {fmt!r} (choose: table, json, csv)", 2)


FormatOption = Annotated[str, typer.Option("--format", help="table, json or csv.")]


@app.command()
def quotes(
    db: DbOption = Path(DEFAULT_DB),
    speaker: Annotated[Optional[str], typer.Option("--speaker", help="Any name or alias of the speaker.")] = None,
    search: Annotated[Optional[str], typer.Option("--search", "-s", help="Words in the quote.")] = None,
    kind: Annotated[Optional[str], typer.Option(help="direct, mixed or indirect.")] = None,
    limit: Annotated[int, typer.Option(help="Rows to show.")] = 50,
    fmt: FormatOption = "table",
) -> None:
    """List statements: who said what, in which article."""
    from .store.query import find_quotes

    store = open_store(db, readonly=True)
    rows = find_quotes(store, speaker=speaker, search=search, kind=kind, limit=limit)
    print_rows(rows, fmt, ["speaker", "kind", "text", "cue", "via", "said_on", "outlet"])


@app.command()
def timeline(
    speaker: Annotated[str, typer.Argument(help="Any name or alias of the person.")],
    db: DbOption = Path(DEFAULT_DB),
    topic: Annotated[Optional[str], typer.Option(help="Only statements on this topic (e.g. ceasefire).")] = None,
    since: Annotated[Optional[str], typer.Option(help="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Up to this date (YYYY-MM-DD).")] = None,
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
    limit: Annotated[int, typer.Option(help="Rows to show.")] = 50,
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
    limit: Annotated[int, typer.Option(help="Rows to show.")] = 50,
    fmt: FormatOption = "table",
) -> None:
    """List the people (and organisations) quoted, most quoted first."""
    from .store.export import people_rows

    store = open_store(db, readonly=True)
    rows = [r for _, r in zip(range(limit), people_rows(store))]
    print_rows(rows, fmt, ["name", "quotes", "aliases", "descriptions", "kind"])


@app.command()
def articles(
    db: DbOption = Path(DEFAULT_DB),
    search: Annotated[Optional[str], typer.Option("--search", "-s", help="Full-text search.")] = None,
    limit: Annotated[int, typer.Option(help="Rows to show.")] = 50,
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
    host: Annotated[str, typer.Option(help="Address to bind; 127.0.0.1 keeps it private to this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8765,
    token: Annotated[Optional[str], typer.Option(help="Token for write endpoints.", envvar="QUOTETRAIL_TOKEN")] = None,
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

    try:
        app()
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


if __name__ == "__main__":
    main()
