#!/usr/bin/env python3
"""Throughput of `quotetrail run` (pipeline.run) and of quotetrail's MinHash against datasketch.

    python benchmarks/throughput.py [--articles 2000] [--full-articles 100] [--workers 1,2]
                                    [--minhash-docs 300] [--json PATH] [--profile no-nlp|all|both] [--keep DIR]
                                    [--synthetic] [--baseline-articles 1000] [--baseline-single-thread]
                                    [--memory-scaling 10000,50000] [--plain-articles 168] [--plain-repeats 3]

1. Builds a corpus of real-length articles in a temp folder (PolNeAR texts from ../shared when
   present, else fictional ones) with scraper junk and planted copies (benchmarks/corpus.py).
2. Runs `pipeline.run` on it with a fresh SQLite store once per worker count, each in its own
   subprocess so peak memory (max RSS of the main process and of every worker) is that run's own:
   first read + clean + dedup + store without the NLP stages (benchmarks/stages.py) on the whole
   corpus, then every stage (spaCy parsing, quotes, speakers, statements) on a smaller corpus,
   as spaCy costs ~10x the rest. Reports articles/s and CPU per article, and checks the
   duplicates found against the planted ones.
3. Times `minhash.signatures` against datasketch (`MinHash.update` per shingle, and `update_batch`)
   on the same texts and compares their Jaccard estimates on planted copy pairs.
4. Whole processes on plain texts (`--plain-articles`, default 168 PolNeAR train texts, 0 skips
   it): `quotetrail run FOLDER --db STORE -q` with default flags against the peer on a folder, each
   timed from outside as a user would, in turn, `--plain-repeats` times; medians of wall time and of
   the peak PSS summed over the process and its children.
5. Peer comparison (`--baseline-articles`, 0 skips it): on another corpus of the same kind, the
   baseline (spaCy's full `nlp.pipe` over whole texts + textacy's `direct_quotations`) and then
   `pipeline.run` with every stage and 2 workers, each in a child process: articles/s, their ratio,
   and peak RSS including children. `--baseline-single-thread` runs the baseline once more with
   one BLAS thread, as quotetrail's workers run, for a ratio that leaves that setting out.
6. Prints a table of the figures; `--json PATH` also writes them as JSON.

`--memory-scaling 10000,50000` instead only runs read+clean+dedup+stories+store (2 workers) on
generated corpora of those sizes and prints their peak memory, to show it stays flat.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
SPEED_TARGET = 4  # issue 18: `quotetrail run` with default flags, against the peer's articles/s
REPO = BENCH_DIR.parent
POLNEAR_TEXT = REPO / ".." / "shared" / "polnear" / "train" / "text"
sys.path.insert(0, str(BENCH_DIR))

from corpus import Corpus, build_corpus  # noqa: E402  (a sibling module, not an installed one)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# Peak memory of a process tree

def _status_kib(pid: int, field: str) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def own_peak_kib() -> int:
    """This process's peak RSS since it started. Not `ru_maxrss`: Linux carries that over exec
    from the forked copy of the parent, so a child started by a benchmark holding a 50k-article
    corpus in memory would report the parent's size (it did: 1064 MiB for a 180 MiB process)."""
    return _status_kib(os.getpid(), "VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _pss_kib(pid: int) -> int | None:
    """Proportional set size: the process's private pages plus its share of pages shared with
    others (a page shared by the forkserver and two workers counts a third in each), so summed
    over processes it counts shared memory once, unlike RSS."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def _descendants(root: int) -> list[tuple[int, int, int]]:
    """(pid, parent pid, CPU clock ticks used so far) of every process under `root`."""
    children: dict[int, list[tuple[int, int]]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                stat = fh.read()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        children.setdefault(int(fields[1]), []).append((int(entry), int(fields[11]) + int(fields[12])))
    out, stack = [], [root]
    while stack:
        parent = stack.pop()
        for child, ticks in children.get(parent, []):
            out.append((child, parent, ticks))
            stack.append(child)
    return out


class PeakRss:
    """Samples VmHWM (the kernel's own peak-RSS mark) of every process under this one.

    RUSAGE_CHILDREN cannot see pool workers here: they are children of multiprocessing's
    forkserver, which is never waited for, so their peaks never reach this process.
    """

    def __init__(self, interval: float = 0.25, root: int | None = None):
        self.interval = interval
        self.root = root  # the process sampled with everything under it (default: this one)
        self.own_cpu_seconds = 0.0  # this sampler's CPU, to leave out of the main process's figure
        self.peaks: dict[int, int] = {}  # pid -> peak KiB
        self.cpu_ticks: dict[int, int] = {}  # pid -> CPU used, as last seen
        self.roles: dict[int, str] = {}  # pid -> "worker" | "forkserver" | "resource_tracker"
        self.peak_pss_sum_kib = 0  # the largest PSS of this process and all under it, summed at one moment
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> "PeakRss":
        if os.path.isdir("/proc"):
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def by_role(self, role: str) -> list[int]:
        return [kib for pid, kib in self.peaks.items() if self.roles.get(pid) == role]

    def cpu_seconds(self, role: str) -> float:
        ticks = sum(t for pid, t in self.cpu_ticks.items() if self.roles.get(pid) == role)
        return ticks / os.sysconf("SC_CLK_TCK")

    def _role(self, pid: int, parent: int, me: int) -> str:
        if parent != me:
            return "worker"  # forked by the forkserver
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                command = fh.read()
        except OSError:
            return "worker"
        # Workers forked from the forkserver inherit its command line, so only direct children are named by it.
        for role in ("forkserver", "resource_tracker"):
            if role.encode() in command:
                return role
        return "worker"

    def _loop(self) -> None:
        me = self.root or os.getpid()
        while True:
            pss_sum = _pss_kib(me) or 0
            for pid, parent, ticks in _descendants(me):
                pss_sum += _pss_kib(pid) or 0
                hwm = _status_kib(pid, "VmHWM")
                if hwm is None:
                    continue
                self.cpu_ticks[pid] = ticks
                if pid not in self.roles:
                    self.roles[pid] = self._role(pid, parent, me)
                self.peaks[pid] = max(hwm, self.peaks.get(pid, 0))
            self.peak_pss_sum_kib = max(self.peak_pss_sum_kib, pss_sum)
            self.own_cpu_seconds = time.thread_time()
            if self._stop.wait(self.interval):
                return


# --------------------------------------------------------------------------------------------
# One pipeline configuration, run in a child process

def run_config(corpus_dir: str, planted_path: str, db: str, workers: int, nlp: bool, out_path: str,
               profile: str | None) -> None:
    t_import = time.perf_counter()
    from quotetrail import pipeline
    from quotetrail.engines.local import LocalEngine
    from quotetrail.store.sqlite import Store
    import_seconds = time.perf_counter() - t_import

    from stages import WithoutNlp

    # without NLP, the forkserver need not load the spaCy model
    engine = (LocalEngine(workers=workers) if nlp
              else WithoutNlp(LocalEngine(workers=workers, preload=["quotetrail.pipeline"])))
    planted = json.loads(Path(planted_path).read_text())
    store = Store(db)
    load_before = os.getloadavg()[0]
    with PeakRss() as peaks:
        started = time.perf_counter()
        cpu_started = time.process_time()
        if profile:
            import cProfile

            profiler = cProfile.Profile()
            summary = profiler.runcall(pipeline.run, [corpus_dir], store, engine=engine)
            profiler.dump_stats(profile)
        else:
            summary = pipeline.run([corpus_dir], store, engine=engine)
        seconds = time.perf_counter() - started
        main_cpu = time.process_time() - cpu_started
    main_cpu -= peaks.own_cpu_seconds
    # Before the check below, which holds every stored text in memory: its peak is not the run's.
    self_kib = own_peak_kib()
    check = check_duplicates(store, planted)
    store.close()
    children_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    workers_kib = peaks.by_role("worker")
    others_kib = [kib for pid, kib in peaks.peaks.items() if peaks.roles.get(pid) != "worker"]
    result = {
        "workers": workers,
        "stages": "all" if nlp else "no-nlp",
        "quotes": getattr(summary, "quotes", None),
        "analyses_reused": getattr(summary, "analyses_reused", None),
        "seconds": seconds,
        "import_seconds": import_seconds,
        "main_cpu_seconds": main_cpu,
        "workers_cpu_seconds": peaks.cpu_seconds("worker"),
        "documents": summary.documents,
        "articles": summary.articles,
        "stored": summary.stored,
        "already_stored": summary.already_stored,
        "skipped": len(summary.skipped),
        "skipped_examples": summary.skipped[:3],
        "junk_removed": sum(summary.removed.values()),
        "removed_by_reason": dict(summary.removed.most_common()),
        "exact_duplicates": summary.exact_duplicates,
        "near_duplicates": summary.near_duplicates,
        "similar_pairs": summary.similar_pairs,
        "shared_paragraphs": summary.shared_paragraphs,
        "articles_per_second": summary.documents / seconds,
        "max_rss_main_mib": self_kib / 1024,
        "max_rss_children_rusage_mib": children_kib / 1024,
        "max_rss_worker_mib": max(workers_kib, default=0) / 1024,
        "worker_processes": len(workers_kib),
        "max_rss_forkserver_mib": max(peaks.by_role("forkserver"), default=0) / 1024,
        "max_rss_sum_mib": (self_kib + sum(workers_kib) + sum(others_kib)) / 1024,
        "max_pss_sum_mib": peaks.peak_pss_sum_kib / 1024,
        "load_average_1m": [load_before, os.getloadavg()[0]],
        "dedup_check": check,
        "db_mib": sum(os.path.getsize(p) for p in (db, db + "-wal") if os.path.exists(p)) / 2**20,
    }
    Path(out_path).write_text(json.dumps(result, indent=1))


def load_peer():
    """The peer's model, the package as shipped (quotetrail's own `nlp.load` speeds up its
    components), and textacy's `direct_quotations`."""
    import importlib

    from textacy.extract.triples import direct_quotations

    from quotetrail import nlp as qnlp

    return importlib.import_module(qnlp.model_name()).load(), direct_quotations


def peer_quotes(model, direct_quotations, texts: list[str]) -> tuple[int, int]:
    """spaCy's whole pipeline over whole texts with `nlp.pipe`, then `direct_quotations` on every
    Doc: (quotes found, texts textacy refused for an unbalanced quotation mark)."""
    found = refused = 0
    for doc in model.pipe(texts, batch_size=16):
        try:
            found += len(list(direct_quotations(doc)))
        except ValueError:
            refused += 1
    return found, refused


def run_baseline(texts_path: str, out_path: str) -> None:
    """The peer baseline in this (child) process: spaCy's whole pipeline over whole texts with
    `nlp.pipe`, then textacy's `direct_quotations` on every Doc (as benchmarks/textacy_baseline.py)."""
    texts = json.loads(Path(texts_path).read_text())
    with PeakRss() as peaks:
        started = time.perf_counter()
        model, direct_quotations = load_peer()
        loaded = time.perf_counter()
        found, refused = peer_quotes(model, direct_quotations, texts)
        seconds = time.perf_counter() - started
    result = {"articles": len(texts), "seconds": seconds, "load_seconds": loaded - started,
              "articles_per_second": len(texts) / seconds, "quotes": found, "textacy_refused": refused,
              "max_rss_sum_mib": own_peak_kib() / 1024,
              "max_pss_sum_mib": peaks.peak_pss_sum_kib / 1024,
              "cpu_seconds": time.process_time()}
    Path(out_path).write_text(json.dumps(result, indent=1))


def baseline_bench(corpus: Corpus, work: Path, single_thread: bool = False) -> dict:
    """The baseline over the same articles (title and body as written, junk included), in a child:
    as a user runs it, or with `single_thread` in the environment quotetrail's workers get
    (`quotetrail.engines.threads`: no BLAS thread pools)."""
    texts_path, out = work / "baseline-texts.json", work / "result-baseline.json"
    texts_path.write_text(json.dumps([a.title + "\n\n" + a.body for a in corpus.articles]))
    env = None
    if single_thread:
        from quotetrail.engines.threads import SINGLE_THREAD_ENV

        env = {**os.environ, **SINGLE_THREAD_ENV}
    child = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--_baseline", str(texts_path), str(out)],
                             env=env)
    try:
        if child.wait() != 0:
            raise SystemExit(f"error: the baseline run failed (exit {child.returncode})")
    except BaseException:
        child.terminate()
        child.wait()
        raise
    return json.loads(out.read_text())


def run_peer_folder(folder: str) -> None:
    """The peer as a user runs it on a folder of plain texts: the model package as shipped, spaCy's
    whole pipeline with `nlp.pipe`, textacy's `direct_quotations` on every Doc."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))]
    model, direct_quotations = load_peer()
    found, _ = peer_quotes(model, direct_quotations, texts)
    print(len(texts), found)


def whole_process(command: list[str]) -> dict:
    """Wall time of `command` from start to exit, and the largest PSS of it and its children
    summed at one moment (sampled every 0.25 s)."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    with PeakRss(root=child.pid) as peaks:
        code = child.wait()
    seconds = time.perf_counter() - started
    if code != 0:
        raise SystemExit(f"error: {' '.join(command)} failed (exit {code})")
    return {"seconds": seconds, "max_pss_sum_mib": peaks.peak_pss_sum_kib / 1024}


def plain_bench(n: int, work: Path, repeats: int, synthetic: bool, seed: int) -> dict:
    """`quotetrail run FOLDER --db STORE -q` with default flags against the peer on `n` plain texts
    (every k-th PolNeAR train text, no junk, no copies; generated articles without PolNeAR), each a
    whole process timed from outside, in turn, `repeats` times; medians."""
    import statistics

    folder = work / "plain"
    folder.mkdir(parents=True)
    if not synthetic and POLNEAR_TEXT.is_dir():
        files = sorted(POLNEAR_TEXT.glob("*.txt"))
        chosen = files[::max(1, len(files) // n)][:n]
        for f in chosen:  # third-party text: written under the temp folder only
            (folder / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
        origin = f"{len(chosen)} PolNeAR train texts (every {max(1, len(files) // n)}th)"
    else:
        from corpus import Vocabulary

        vocab = Vocabulary(random.Random(seed))
        for i in range(n):
            title, paragraphs = vocab.article()
            (folder / f"{i:05d}.txt").write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        origin = f"{n} generated articles"
    quotetrail = str(Path(sys.executable).with_name("quotetrail"))
    ours_runs, peer_runs = [], []
    for r in range(repeats):
        store = work / f"plain-{r}.db"
        ours_runs.append(whole_process([quotetrail, "run", str(folder), "--db", str(store), "-q"]))
        peer_runs.append(whole_process([sys.executable, str(Path(__file__).resolve()), "--_peer", str(folder)]))
    articles = len(list(folder.glob("*.txt")))

    def median(runs: list[dict], key: str) -> float:
        return statistics.median(run[key] for run in runs)

    ours = {"seconds": median(ours_runs, "seconds"), "max_pss_sum_mib": median(ours_runs, "max_pss_sum_mib"),
            "runs": ours_runs}
    peer = {"seconds": median(peer_runs, "seconds"), "max_pss_sum_mib": median(peer_runs, "max_pss_sum_mib"),
            "runs": peer_runs}
    return {"articles": articles, "origin": origin, "repeats": repeats, "quotetrail": ours, "peer": peer,
            "workers": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
            "speed_ratio": peer["seconds"] / ours["seconds"],
            "memory_ratio_pss": ours["max_pss_sum_mib"] / peer["max_pss_sum_mib"]}


def shingle_jaccard(a: str, b: str) -> float:
    sa, sb = set(shingles(a)), set(shingles(b))
    return len(sa & sb) / len(sa | sb) if sa | sb else 1.0


def check_duplicates(store, planted: dict[str, dict]) -> dict:
    """Compare `duplicate_of` links with the planted families (a copy may point at any member).

    For links across families and for planted copies left unlinked, the true Jaccard of the two
    clean texts' shingles says whether the finding is wrong or the source data holds real copies.
    """
    family: dict[str, int] = {}
    kind: dict[str, str] = {}
    text: dict[str, str] = {}
    links: list[tuple[str, str | None]] = []
    for article in store.iter_articles():
        info = planted.get(article.source)
        if info is None:
            continue
        family[article.id] = info["family"]
        kind[article.id] = info["kind"]
        text[article.id] = article.text
        links.append((article.id, article.duplicate_of))
    members: dict[int, list[str]] = {}
    for article_id, f in family.items():
        members.setdefault(f, []).append(article_id)
    expected = sum(len(m) - 1 for m in members.values())
    # `duplicate_of` points every copy straight at its group's original, so the group of an article
    # is its `duplicate_of`, or itself. A family is found whole when its members share one group,
    # even when that group's original belongs to another family (a same-story pair in the source).
    group = {a: d or a for a, d in links}
    wrong = [(a, d) for a, d in links if d is not None and family.get(d) != family[a]]
    flagged_by_kind: dict[str, int] = {}
    for a, d in links:
        if d is not None:
            flagged_by_kind[kind[a]] = flagged_by_kind.get(kind[a], 0) + 1
    missed = 0
    missed_scores = []
    for ids in members.values():
        groups = {group[a] for a in ids}
        missed += len(groups) - 1
        if len(groups) > 1:
            best = max(shingle_jaccard(text[x], text[y]) for x in ids for y in ids if group[x] != group[y])
            missed_scores.append(round(best, 3))
    from quotetrail.dedup.corpus import NEAR_DUPLICATE

    # Source data can hold copies of its own (PolNeAR has a few same-story pairs): a link across
    # families is only false when the two clean texts are not near-duplicates in truth.
    cross = sorted(round(shingle_jaccard(text[a], text[d]), 3) for a, d in wrong if d in text)
    return {"stored_checked": len(links), "planted_duplicates": expected, "found": expected - missed,
            "links": sum(1 for _, d in links if d is not None),
            "linked_to_wrong_family": len(wrong), "missed": missed, "flagged_by_kind": flagged_by_kind,
            "cross_family_true_jaccard": cross, "false_links": sum(j < NEAR_DUPLICATE for j in cross),
            "missed_best_true_jaccard": sorted(missed_scores)}


def planted_edit_jaccard(corpus: Corpus) -> dict:
    """How close the planted light edits are to their originals (bodies without junk)."""
    from quotetrail.dedup.corpus import NEAR_DUPLICATE

    fresh = {a.family: a for a in corpus.articles if a.kind == "fresh"}
    scores = sorted(shingle_jaccard(fresh[a.family].clean_body, a.clean_body)
                    for a in corpus.articles if a.kind == "edit" and a.family in fresh)
    if not scores:
        return {}
    return {"count": len(scores), "min": scores[0], "median": scores[len(scores) // 2], "max": scores[-1],
            "at_or_above_threshold": sum(s >= NEAR_DUPLICATE for s in scores), "threshold": NEAR_DUPLICATE}


def pipeline_bench(corpus: Corpus, work: Path, workers: int, nlp: bool, profile: str | None = None) -> dict:
    """One `pipeline.run` over `corpus` in a child process; its figures as a dict."""
    planted_path = work / "planted.json"
    if not planted_path.exists():
        planted_path.write_text(json.dumps(corpus.planted))
    name = f"w{workers}-{'all' if nlp else 'no-nlp'}{'-profile' if profile else ''}"
    db, out = work / f"store-{name}.db", work / f"result-{name}.json"
    command = [sys.executable, str(Path(__file__).resolve()), "--_config", str(corpus.folder), str(planted_path),
               str(db), str(workers), "all" if nlp else "no-nlp", str(out)] + (["--_profile", profile] if profile else [])
    child = subprocess.Popen(command)
    try:
        if child.wait() != 0:
            raise SystemExit(f"error: the {name} run failed (exit {child.returncode})")
    except BaseException:
        child.terminate()  # an interrupted benchmark must not leave a run (and its pool) behind
        child.wait()
        raise
    return json.loads(out.read_text())


def corpus_info(corpus: Corpus, seconds: float) -> dict:
    size = sum(p.stat().st_size for p in corpus.folder.rglob("*") if p.is_file())
    return {"articles": len(corpus.articles), "origin": corpus.origin, "planted": corpus.counts(),
            "mean_words": sum(len(a.body.split()) for a in corpus.articles) / len(corpus.articles),
            "mib": size / 2**20, "build_seconds": seconds, "edit_jaccard": planted_edit_jaccard(corpus)}


# --------------------------------------------------------------------------------------------
# MinHash: quotetrail (numpy, whole batches) against datasketch (per document)

def shingles(text: str) -> list[str]:
    from quotetrail.dedup import minhash

    tokens = minhash.words(text)
    n = minhash.SHINGLE_WORDS
    if len(tokens) < n:
        return [" ".join(tokens)] if tokens else []
    return [" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]


def datasketch_update(texts: list[str]) -> list:
    from datasketch import MinHash

    out = []
    for text in texts:
        m = MinHash(num_perm=128)
        for s in shingles(text):
            m.update(s.encode("utf-8"))
        out.append(m)
    return out


def datasketch_update_batch(texts: list[str]) -> list:
    from datasketch import MinHash

    out = []
    for text in texts:
        m = MinHash(num_perm=128)
        m.update_batch([s.encode("utf-8") for s in shingles(text)])
        out.append(m)
    return out


def timed(fn, *args) -> tuple[float, object]:
    started = time.perf_counter()
    value = fn(*args)
    return time.perf_counter() - started, value


def minhash_bench(corpus: Corpus, sample_size: int, seed: int, repeats: int = 3) -> dict:
    from datasketch import MinHash
    from quotetrail.dedup import minhash

    texts = [a.body for a in corpus.articles]
    rng = random.Random(seed)
    sample = rng.sample(texts, min(sample_size, len(texts)))
    warm = sample[:5]
    minhash.signatures(warm), datasketch_update(warm), datasketch_update_batch(warm)

    result: dict = {"sample_docs": len(sample), "all_docs": len(texts), "repeats": repeats,
                    "mean_shingles": sum(len(shingles(t)) for t in sample) / len(sample)}
    seconds, _ = timed(minhash.signatures, texts)
    result["quotetrail_all_docs_per_s"] = len(texts) / seconds
    paths = {"quotetrail": minhash.signatures, "datasketch_update": datasketch_update}
    if hasattr(MinHash, "update_batch"):
        paths["datasketch_update_batch"] = datasketch_update_batch
    # Best of a few interleaved repeats: on a shared machine other load comes and goes.
    best: dict[str, float] = {}
    for _ in range(repeats):
        for name, fn in paths.items():
            seconds, _ = timed(fn, sample)
            best[name] = min(seconds, best.get(name, seconds))
    for name, seconds in best.items():
        result[f"{name}_docs_per_s"] = len(sample) / seconds
    result["speedup_vs_update"] = result["quotetrail_docs_per_s"] / result["datasketch_update_docs_per_s"]
    if "datasketch_update_batch_docs_per_s" in result:
        result["speedup_vs_update_batch"] = result["quotetrail_docs_per_s"] / result["datasketch_update_batch_docs_per_s"]
    result["pairs"] = jaccard_pairs(corpus, rng)
    errors_q = [abs(p["quotetrail"] - p["true"]) for p in result["pairs"]]
    errors_d = [abs(p["datasketch"] - p["true"]) for p in result["pairs"]]
    result["mean_abs_error_quotetrail"] = sum(errors_q) / len(errors_q) if errors_q else None
    result["mean_abs_error_datasketch"] = sum(errors_d) / len(errors_d) if errors_d else None
    return result


def jaccard_pairs(corpus: Corpus, rng: random.Random, per_kind: int = 5) -> list[dict]:
    """True and estimated Jaccard of 5-word shingles for planted (fresh, copy) pairs, junk included."""
    from quotetrail.dedup import minhash

    fresh = {a.family: a for a in corpus.articles if a.kind == "fresh"}
    pairs = []
    for kind in ("edit", "exact"):
        copies = [a for a in corpus.articles if a.kind == kind and a.family in fresh]
        for copy in rng.sample(copies, min(per_kind, len(copies))):
            a, b = fresh[copy.family].body, copy.body
            sa, sb = set(shingles(a)), set(shingles(b))
            true = len(sa & sb) / len(sa | sb) if sa | sb else 1.0
            qa, qb = minhash.signatures([a, b])
            da, db = datasketch_update([a, b])
            pairs.append({"kind": kind, "true": true, "quotetrail": minhash.estimate_jaccard(qa, qb),
                          "datasketch": da.jaccard(db)})
    return pairs


# --------------------------------------------------------------------------------------------
# Report

def machine() -> dict:
    info = {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()}
    try:
        info["nproc"] = int(subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip())
    except (OSError, ValueError):
        pass
    try:
        with open("/proc/meminfo") as fh:
            info["mem_total_gib"] = int(fh.readline().split()[1]) / 2**20
        with open("/proc/cpuinfo") as fh:
            info["cpu_model"] = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), None)
        info["load_average_1m_at_start"] = os.getloadavg()[0]
    except OSError:
        pass
    return info


def print_report(report: dict) -> None:
    m = report["machine"]
    print()
    print(f"quotetrail throughput benchmark — Python {m['python']}, {m.get('nproc', m['cpus'])} cores"
          f" ({m.get('cpu_model') or '?'}), {m.get('mem_total_gib', 0):.0f} GiB RAM,"
          f" load {m.get('load_average_1m_at_start', 0):.2f} at start")
    for name, c in report["corpora"].items():
        print(f"corpus '{name}': {c['articles']} articles from {c['origin']} ({c['mean_words']:.0f} words on average,"
              f" {c['mib']:.1f} MiB, half .txt with front matter, half JSONL); {c['planted']}")
    print()
    print("pipeline.run, fresh SQLite store per run; stages 'no-nlp' = read+clean+dedup+store (+stories),"
          " 'all' = also nlp+quotes+people+statements")
    header = (f"{'stages':>7} {'corpus':>6} {'workers':>7} {'seconds':>8} {'articles/s':>10} {'CPU ms/art':>10}"
              f" {'max RSS main':>12} {'max RSS worker':>16} {'RSS sum':>8}"
              f" {'dups found':>10} {'planted':>7} {'missed':>6} {'false':>5} {'already':>7} {'skipped':>7}")
    print(header)
    print("-" * len(header))
    for r in report["pipeline"]:
        d = r["dedup_check"]
        worker = f"{r['max_rss_worker_mib']:.0f} MiB x{r['worker_processes']}" if r["worker_processes"] else "-"
        found = d["found"]
        cpu_ms = 1000 * (r["main_cpu_seconds"] + r["workers_cpu_seconds"]) / max(1, r["documents"])
        print(f"{r['stages']:>7} {r['corpus']:>6} {r['workers']:>7} {r['seconds']:>8.1f} {r['articles_per_second']:>10.1f}"
              f" {cpu_ms:>10.1f} {r['max_rss_main_mib']:>8.0f} MiB {worker:>16} {r['max_rss_sum_mib']:>4.0f} MiB"
              f" {found:>10} {d['planted_duplicates']:>7} {d['missed']:>6} {d['false_links']:>5}"
              f" {r['already_stored']:>7} {r['skipped']:>7}")
    for r in report["pipeline"]:
        c = report["corpora"][r["corpus"]]
        d, e = r["dedup_check"], c.get("edit_jaccard") or {}
        print(f"  {r['stages']}, {r['workers']} worker(s): load average {r['load_average_1m'][0]:.2f} ->"
              f" {r['load_average_1m'][1]:.2f}; CPU main {r['main_cpu_seconds']:.1f} s + workers"
              f" {r['workers_cpu_seconds']:.1f} s = {(r['main_cpu_seconds'] + r['workers_cpu_seconds']) / r['seconds']:.2f}"
              f" cores busy; forkserver RSS {r['max_rss_forkserver_mib']:.0f} MiB; store {r['db_mib']:.0f} MiB")
        print(f"    planted {c['planted'].get('exact', 0)} exact copies (other junk) + {c['planted'].get('edit', 0)} light"
              f" edits (Jaccard to original {e.get('min', 0):.2f}-{e.get('max', 0):.2f}, median {e.get('median', 0):.2f},"
              f" {e.get('at_or_above_threshold', 0)} >= {e.get('threshold', 0)}) + {c['planted'].get('redelivered', 0)}"
              f" re-deliveries (-> 'already')")
        print(f"    store: {d['links']} duplicate_of links; {d['found']} planted copies grouped with their family,"
              f" {d['missed']} missed (best true Jaccard {d['missed_best_true_jaccard'][:6]}); {d['linked_to_wrong_family']}"
              f" links across families (true Jaccard {d['cross_family_true_jaccard'][:6]}: below the threshold = false); run summary says {r['exact_duplicates']} exact +"
              f" {r['near_duplicates']} near; junk lines removed {r['junk_removed']}"
              + (f"; quotes {r['quotes']}" if r.get("quotes") else ""))
    peer = report.get("peer")
    if peer:
        b, q = peer["baseline"], peer["quotetrail"]
        c = report["corpora"]["peer"]
        print()
        print(f"Peer comparison on the same {c['articles']} articles ({c['mean_words']:.0f} words on average):")
        print(f"{'':<58} {'seconds':>8} {'articles/s':>10} {'peak RSS (incl. children)':>26} {'peak PSS sum':>13}")
        print(f"{'baseline: spaCy nlp.pipe (all components) + textacy':<58} {b['seconds']:>8.1f}"
              f" {b['articles_per_second']:>10.2f} {b['max_rss_sum_mib']:>22.0f} MiB {b.get('max_pss_sum_mib', 0):>9.0f} MiB")
        print(f"{'quotetrail run (every stage, --workers 2)':<58} {q['seconds']:>8.1f}"
              f" {q['articles_per_second']:>10.2f} {q['max_rss_sum_mib']:>22.0f} MiB {q.get('max_pss_sum_mib', 0):>9.0f} MiB")
        print(f"  quotetrail / baseline: {peer['speed_ratio']:.2f}x the articles/s (target >= {SPEED_TARGET}x:"
              f" {'met' if peer['speed_ratio'] >= SPEED_TARGET else 'NOT met'}), {peer['memory_ratio_pss']:.2f}x the memory by PSS"
              f" (target <= 1x: {'met' if peer['memory_ratio_pss'] <= 1 else 'NOT met'}; by RSS, which counts shared"
              f" pages once per process, {peer['memory_ratio']:.2f}x); quotetrail main"
              f" {q['max_rss_main_mib']:.0f} MiB + workers {q['max_rss_worker_mib']:.0f} MiB x{q['worker_processes']}"
              f" + forkserver {q['max_rss_forkserver_mib']:.0f} MiB; CPU baseline {b['cpu_seconds']:.0f} s,"
              f" quotetrail {q['main_cpu_seconds'] + q['workers_cpu_seconds']:.0f} s; baseline found {b['quotes']}"
              f" direct quotes (textacy refused {b['textacy_refused']} texts), quotetrail {q['quotes']} quotes")
        lean = peer.get("baseline_single_thread")
        if lean:
            print(f"  baseline with one BLAS thread: {lean['seconds']:.1f} s, {lean['articles_per_second']:.2f} articles/s,"
                  f" CPU {lean['cpu_seconds']:.0f} s; quotetrail / it: {peer['speed_ratio_single_thread']:.2f}x the articles/s")
    plain = report.get("plain")
    if plain:
        o, p = plain["quotetrail"], plain["peer"]
        print()
        print(f"Whole processes on {plain['origin']}, no junk, no copies ({plain['repeats']} runs each in turn, medians):")
        print(f"{'':<58} {'seconds':>8} {'articles/s':>10} {'peak PSS sum':>13}")
        print(f"{'peer: spaCy nlp.pipe (all components) + textacy':<58} {p['seconds']:>8.1f}"
              f" {plain['articles'] / p['seconds']:>10.2f} {p['max_pss_sum_mib']:>9.0f} MiB")
        print(f"{'quotetrail run FOLDER --db STORE -q (default flags)':<58} {o['seconds']:>8.1f}"
              f" {plain['articles'] / o['seconds']:>10.2f} {o['max_pss_sum_mib']:>9.0f} MiB")
        print(f"  quotetrail / peer: {plain['speed_ratio']:.2f}x the articles/s on {plain['workers']} cores (target >= "
              f"{SPEED_TARGET}x: {'met' if plain['speed_ratio'] >= SPEED_TARGET else 'NOT met'}), "
              f"{plain['memory_ratio_pss']:.2f}x the memory by PSS (target <= 1x: "
              f"{'met' if plain['memory_ratio_pss'] <= 1 else 'NOT met'})")
    mh = report.get("minhash")
    if mh:
        print()
        print(f"MinHash, 128 permutations, 5-word shingles ({mh['sample_docs']} docs, {mh['mean_shingles']:.0f} shingles"
              f" each on average; best of {mh.get('repeats', 1)})")
        rows = [("quotetrail minhash.signatures (batch)", mh["quotetrail_docs_per_s"], 1.0),
                ("datasketch MinHash.update per shingle", mh["datasketch_update_docs_per_s"], mh["speedup_vs_update"])]
        if "datasketch_update_batch_docs_per_s" in mh:
            rows.append(("datasketch MinHash.update_batch per doc", mh["datasketch_update_batch_docs_per_s"], mh["speedup_vs_update_batch"]))
        print(f"{'path':<42} {'docs/s':>9} {'quotetrail is':>14}")
        for name, rate, speedup in rows:
            print(f"{name:<42} {rate:>9.1f} {'' if name.startswith('quotetrail') else f'{speedup:.1f}x faster':>14}")
        print(f"  quotetrail on all {mh['all_docs']} docs: {mh['quotetrail_all_docs_per_s']:.1f} docs/s;"
              f" target >= 5x datasketch update: {'met' if mh['speedup_vs_update'] >= 5 else 'NOT met'}")
        print(f"  Jaccard on planted pairs (true / quotetrail / datasketch):")
        for p in mh["pairs"]:
            print(f"    {p['kind']:<5} {p['true']:.3f} / {p['quotetrail']:.3f} / {p['datasketch']:.3f}")
        print(f"  mean |error|: quotetrail {mh['mean_abs_error_quotetrail']:.3f}, datasketch {mh['mean_abs_error_datasketch']:.3f}"
              f" (128 permutations: standard error up to ~0.044)")
    print(f"\ntotal benchmark time: {report['total_seconds']:.0f} s")


def print_memory_scaling(report: dict) -> None:
    m = report["machine"]
    print(f"\nPeak memory, read+clean+dedup+stories+store (NLP stages left out), 2 workers, generated corpora"
          f" ({m.get('nproc', m['cpus'])} cores, {m.get('mem_total_gib', 0):.0f} GiB RAM)")
    print(f"{'articles':>9} {'seconds':>8} {'articles/s':>10} {'max RSS main':>12} {'max RSS worker':>16} {'RSS sum':>9}"
          f" {'PSS sum':>9} {'store':>9} {'main CPU/article':>16}")
    for r in report["memory_scaling"]:
        print(f"{r['corpus_articles']:>9} {r['seconds']:>8.0f} {r['articles_per_second']:>10.1f} {r['max_rss_main_mib']:>8.0f} MiB"
              f" {r['max_rss_worker_mib']:>8.0f} MiB x{r['worker_processes']} {r['max_rss_sum_mib']:>5.0f} MiB"
              f" {r['max_pss_sum_mib']:>5.0f} MiB {r['db_mib']:>5.0f} MiB"
              f" {1000 * r['main_cpu_seconds'] / max(1, r['documents']):>13.1f} ms")
    print(f"\ntotal benchmark time: {report['total_seconds']:.0f} s")


def load_source_texts(force_synthetic: bool) -> tuple[list[str] | None, str]:
    if force_synthetic or not POLNEAR_TEXT.is_dir():
        return None, "synthetic"
    files = sorted(POLNEAR_TEXT.glob("*.txt"))
    return [f.read_text(encoding="utf-8") for f in files], f"{len(files)} PolNeAR texts"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000,
                        help="corpus for read+clean+dedup+store and MinHash (default 2000)")
    parser.add_argument("--full-articles", type=int, default=100,
                        help="corpus for the full run, NLP stages included (spaCy: ~0.3 s of CPU per article;"
                             " default 100; 0 skips it)")
    parser.add_argument("--workers", default="1,2", help="worker counts to run, comma-separated (default 1,2)")
    parser.add_argument("--minhash-docs", type=int, default=300,
                        help="documents in the MinHash comparison sample, timed best of 3 (datasketch is slow; default 300)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--profile", choices=("no-nlp", "all", "both"),
                        help="also profile a workers=1 run (without NLP, with every stage, or both) under cProfile"
                             " on --profile-articles articles and print the top costs")
    parser.add_argument("--profile-articles", type=int, default=150)
    parser.add_argument("--keep", type=Path, help="build the corpora and stores here and keep them (default: a temp dir, removed)")
    parser.add_argument("--synthetic", action="store_true", help="use fictional articles even when PolNeAR is present")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-minhash", action="store_true", help="skip the MinHash comparison")
    parser.add_argument("--baseline-articles", type=int, default=1000,
                        help="articles for the peer comparison: spaCy's full nlp.pipe + textacy direct_quotations"
                             " against `quotetrail run` with every stage and 2 workers, on the same articles"
                             " (default 1000; 0 skips it)")
    parser.add_argument("--baseline-single-thread", action="store_true",
                        help="also run the baseline with one BLAS thread, the environment quotetrail's workers"
                             " start with, and give the speed ratio against that too")
    parser.add_argument("--memory-scaling", default=None, metavar="N,N",
                        help="only measure peak memory of read+clean+dedup+stories+store (2 workers) on generated"
                             " corpora of these sizes, e.g. 10000,50000 (not part of the default run)")
    parser.add_argument("--_config", nargs=6, help=argparse.SUPPRESS)
    parser.add_argument("--plain-articles", type=int, default=168,
                        help="plain texts (PolNeAR train, no junk, no copies) for the whole-process comparison of"
                             " `quotetrail run` with default flags against the peer (default 168; 0 skips it)")
    parser.add_argument("--plain-repeats", type=int, default=3, help="runs of each in that comparison, in turn (default 3)")
    parser.add_argument("--_baseline", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--_peer", help=argparse.SUPPRESS)
    parser.add_argument("--_profile", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args._config:
        corpus_dir, planted, db, workers, stages, out = args._config
        run_config(corpus_dir, planted, db, int(workers), stages == "all", out, args._profile)
        return 0
    if args._baseline:
        run_baseline(*args._baseline)
        return 0
    if args._peer:
        run_peer_folder(args._peer)
        return 0

    started = time.perf_counter()
    report: dict = {"machine": machine(), "command": " ".join(["python", "benchmarks/throughput.py"] + (argv or sys.argv[1:]))}
    source_texts, origin = load_source_texts(args.synthetic)
    worker_counts = [int(w) for w in args.workers.split(",") if w.strip()]
    from stages import can_skip_nlp

    skip_nlp = can_skip_nlp()
    if not skip_nlp:
        log("warning: quotetrail.pipeline has no find_statements: the 'no-nlp' runs run every stage")
    # PolNeAR text is third-party: it is only ever written under a temp folder, never the repo.
    work = args.keep or Path(tempfile.mkdtemp(prefix="quotetrail-bench-"))
    if args.keep:
        if work.exists() and any(work.iterdir()):
            parser.error(f"--keep {work}: give an empty or new folder")
        work.mkdir(parents=True, exist_ok=True)
    try:
        def build(folder: Path, n: int, seed: int) -> Corpus:
            log(f"building {n} articles from {origin} in {folder} …")
            t = time.perf_counter()
            built = build_corpus(folder / "corpus", n, seed=seed, source_texts=source_texts)
            report.setdefault("corpora", {})[folder.name] = corpus_info(built, time.perf_counter() - t)
            return built

        if args.memory_scaling:
            report["memory_scaling"] = []
            for n in [int(x) for x in args.memory_scaling.split(",") if x.strip()]:
                # Generated text: PolNeAR's 840 texts would make a 50k corpus mostly mosaics and copies.
                log(f"building {n} generated articles …")
                built = build_corpus(work / f"scale{n}" / "corpus", n, seed=args.seed, source_texts=None)
                log(f"memory scaling: read+clean+dedup+stories+store, 2 workers, {n} articles …")
                result = pipeline_bench(built, work / f"scale{n}", 2, nlp=False)
                result["corpus_articles"] = n
                log(f"  {result['seconds']:.0f} s, main {result['max_rss_main_mib']:.0f} MiB,"
                    f" worker {result['max_rss_worker_mib']:.0f} MiB, sum {result['max_rss_sum_mib']:.0f} MiB")
                report["memory_scaling"].append(result)
                if not args.keep:  # kept, the stores can be replayed (the stories stage alone, say)
                    shutil.rmtree(work / f"scale{n}", ignore_errors=True)
            report["total_seconds"] = time.perf_counter() - started
            print_memory_scaling(report)
            if args.json:
                args.json.write_text(json.dumps(report, indent=1, default=str))
            return 0
        if args.plain_articles:
            log(f"whole processes: `quotetrail run` (default flags) and the peer on {args.plain_articles} plain texts,"
                f" {args.plain_repeats} times each in turn …")
            plain = report["plain"] = plain_bench(args.plain_articles, work, args.plain_repeats, args.synthetic, args.seed)
            log(f"  quotetrail {plain['quotetrail']['seconds']:.1f} s, peer {plain['peer']['seconds']:.1f} s:"
                f" {plain['speed_ratio']:.2f}x")
        corpus = build(work / "main", args.articles, args.seed)
        if args.baseline_articles:
            peer = build(work / "peer", args.baseline_articles, args.seed + 3)
            log(f"baseline: spaCy full nlp.pipe + textacy direct_quotations, {len(peer.articles)} articles …")
            base = baseline_bench(peer, work / "peer")
            log(f"  {base['seconds']:.1f} s, {base['articles_per_second']:.2f} articles/s")
            log(f"quotetrail run, all stages, 2 workers, the same {len(peer.articles)} articles …")
            ours = pipeline_bench(peer, work / "peer", 2, nlp=True)
            ours["corpus"] = "peer"
            log(f"  {ours['seconds']:.1f} s, {ours['articles_per_second']:.2f} articles/s")
            report["peer"] = {"baseline": base, "quotetrail": ours,
                              "speed_ratio": ours["articles_per_second"] / base["articles_per_second"],
                              "memory_ratio": ours["max_rss_sum_mib"] / base["max_rss_sum_mib"],
                              "memory_ratio_pss": ours["max_pss_sum_mib"] / base["max_pss_sum_mib"]}
            if args.baseline_single_thread:
                log("baseline again, with one BLAS thread (as quotetrail's workers) …")
                lean = baseline_bench(peer, work / "peer", single_thread=True)
                log(f"  {lean['seconds']:.1f} s, {lean['articles_per_second']:.2f} articles/s")
                report["peer"]["baseline_single_thread"] = lean
                report["peer"]["speed_ratio_single_thread"] = ours["articles_per_second"] / lean["articles_per_second"]
        full = None
        if args.full_articles:
            full = corpus if args.full_articles >= args.articles else build(work / "full", args.full_articles, args.seed + 1)
        report["pipeline"] = []
        for workers in worker_counts:
            log(f"pipeline.run, read+clean+dedup+store, {workers} worker(s), {len(corpus.articles)} articles …")
            result = pipeline_bench(corpus, work / "main", workers, nlp=not skip_nlp)
            result["corpus"] = "main"
            log(f"  {result['seconds']:.1f} s, {result['articles_per_second']:.1f} articles/s")
            report["pipeline"].append(result)
        if full is not None and skip_nlp:
            for workers in worker_counts:
                log(f"pipeline.run, all stages, {workers} worker(s), {len(full.articles)} articles …")
                result = pipeline_bench(full, full.folder.parent, workers, nlp=True)
                result["corpus"] = full.folder.parent.name
                log(f"  {result['seconds']:.1f} s, {result['articles_per_second']:.1f} articles/s")
                report["pipeline"].append(result)
        if not args.no_minhash:
            log(f"MinHash: quotetrail vs datasketch on {args.minhash_docs} docs …")
            report["minhash"] = minhash_bench(corpus, args.minhash_docs, args.seed)
        if args.profile:
            import pstats

            small = build(work / "profile", args.profile_articles, args.seed + 2)
            kinds = {"no-nlp": [False], "all": [True], "both": [False, True]}[args.profile]
            for nlp in (kinds if skip_nlp else [True]):
                log(f"profiling workers=1, {'all stages' if nlp else 'no NLP'}, {args.profile_articles} articles …")
                prof = small.folder.parent / f"profile-{'all' if nlp else 'no-nlp'}.pstats"
                pipeline_bench(small, small.folder.parent, 1, nlp=nlp, profile=str(prof))
                print(f"\ncProfile of pipeline.run, workers=1, {'all stages' if nlp else 'without NLP'},"
                      f" {args.profile_articles} articles, top by cumulative time:")
                pstats.Stats(str(prof)).sort_stats("cumulative").print_stats(30)
                print("top by own time:")
                pstats.Stats(str(prof)).sort_stats("tottime").print_stats(20)
        report["total_seconds"] = time.perf_counter() - started
        print_report(report)
        if args.json:
            args.json.write_text(json.dumps(report, indent=1, default=str))
            log(f"wrote {args.json}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
