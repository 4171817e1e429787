"""SPEC §6 through the CLI: every bad input is named with a reason and skipped; good ones are stored."""
import gzip
import json
import os

from .helpers import quotetrail, read_jsonl

GOOD = "The harbour reopened on Monday.\nPort officials said {} ships had been cleared to dock by the evening tide."


def make_bad_folder(root):
    root.mkdir()
    (root / "good.txt").write_text("Port reopens\n" + GOOD.format("twelve"), encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (root / "cp1252.txt").write_bytes(("Café owners cheer\n" + GOOD.format("forty") + " “We’re back,” she said.")
                                     .encode("cp1252"))
    (root / "truncated.html").write_text("<html><head><title>Cut</title></head><body><div><p>Unfinished", "utf-8")
    (root / "huge-line.jsonl").write_text(json.dumps({"text": "word " * 400_000, "title": "Huge"}) + "\n", "utf-8")
    (root / "dump.jsonl").write_text(
        json.dumps({"text": GOOD.format("nine"), "title": "First", "url": "https://a.example/1"}) + "\n"
        + "{not json at all\n"
        + json.dumps({"text": GOOD.format("three"), "title": "Third", "url": "https://a.example/3"}) + "\n",
        encoding="utf-8",
    )
    (root / "broken.txt.gz").write_bytes(gzip.compress(b"Broken gzip\n" + GOOD.encode())[:40])
    os.symlink(root / "nowhere.txt", root / "dangling.txt")


def test_bad_inputs_are_named_counted_and_never_stop_the_run(tmp_path):
    folder = tmp_path / "bad"
    make_bad_folder(folder)
    done = quotetrail("run", folder, tmp_path / "missing-path.html", "--db", tmp_path / "s.db",
                      "--export", tmp_path / "out", "--summary", tmp_path / "s.json", "--max-record-mb", "1")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    summary = json.loads((tmp_path / "s.json").read_text())
    skipped = {s["source"].split("/")[-1]: s["reason"] for s in summary["skipped_inputs"]}
    assert set(skipped) == {"empty.txt", "binary.txt", "truncated.html", "huge-line.jsonl#0", "dump.jsonl#1",
                            "broken.txt.gz", "dangling.txt", "missing-path.html"}, skipped
    for name, reason in skipped.items():
        assert reason and "\n" not in reason
        assert f"skipped {tmp_path}" in done.stderr and name in done.stderr
    assert "line 2" in skipped["dump.jsonl#1"]
    stored = {a["title"]: a for a in read_jsonl(tmp_path / "out" / "articles.jsonl")}
    assert set(stored) == {"Port reopens", "Café owners cheer", "First", "Third"}
    assert "“We’re back,” she said." in stored["Café owners cheer"]["text"]
    assert summary["skipped"] == 8 and summary["stored"] == 4
