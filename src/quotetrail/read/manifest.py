"""Manifest files: per-folder metadata (url, outlet, published, title, author) for article files.

A folder may hold `manifest.csv`, `manifest.jsonl` or `manifest.json`, each row naming a file in
column `file`, `filename`, `name` or `path`. Each folder's manifests are read once and cached.
"""
from __future__ import annotations

import json
import os
from typing import Any

from ..model import Skipped, display_path
from .fields import first_value, record_meta
from .limits import ReadLimits
from .streams import open_regular

MANIFEST_NAMES = ("manifest.json", "manifest.jsonl", "manifest.csv")
_FILE_COLUMNS = ("file", "filename", "file_name", "name", "path")


def is_manifest(name: str) -> bool:
    return name.lower() in MANIFEST_NAMES


class ManifestCache:
    def __init__(self, limits: ReadLimits):
        self._limits = limits
        self._folders: dict[str, dict[str, dict[str, Any]]] = {}

    def lookup(self, path: str) -> tuple[dict[str, Any], list[Skipped]]:
        """(metadata for the file at `path`, problems met loading its folder's manifests)."""
        folder = os.path.dirname(os.path.abspath(path))
        problems: list[Skipped] = []
        if folder not in self._folders:
            self._folders[folder] = self._load(folder, problems)
        entries = self._folders[folder]
        if not entries:
            return {}, problems
        name = os.path.basename(path)
        candidates = [name]
        for suffix in (".gz", ".bz2", ".xz"):
            if name.lower().endswith(suffix):
                candidates.append(name[: -len(suffix)])
        for candidate in candidates:
            if candidate in entries:
                return dict(entries[candidate]), problems
            if candidate.casefold() in entries:
                return dict(entries[candidate.casefold()]), problems
        return {}, problems

    def _load(self, folder: str, problems: list[Skipped]) -> dict[str, dict[str, Any]]:
        entries: dict[str, dict[str, Any]] = {}
        try:
            names = {n.lower(): n for n in os.listdir(folder)}
        except OSError:
            return entries
        for manifest_name in MANIFEST_NAMES:
            if manifest_name not in names:
                continue
            path = os.path.join(folder, names[manifest_name])
            try:
                rows = list(self._rows(path))
            except (OSError, ValueError) as exc:
                problems.append(Skipped(display_path(path), f"manifest could not be read ({exc})"))
                continue
            for row in rows:
                if not isinstance(row, dict):
                    continue
                file_name = first_value(row, _FILE_COLUMNS)
                if not isinstance(file_name, str) or not file_name.strip():
                    continue
                meta = record_meta({k: v for k, v in row.items() if str(k).lower() not in _FILE_COLUMNS})
                key = os.path.basename(file_name.strip().replace("\\", "/"))
                entries.setdefault(key, meta)
                entries.setdefault(key.casefold(), meta)
        return entries

    def _rows(self, path: str):
        lower = path.lower()
        if lower.endswith(".csv"):
            yield from _csv_rows(path)
            return
        with open_regular(path) as stream:  # a FIFO named manifest.json must not hang the run
            data = stream.read(self._limits.max_file_bytes + 1)
        if len(data) > self._limits.max_file_bytes:
            raise ValueError("manifest is too large")
        text = data.decode("utf-8-sig", "replace")
        if lower.endswith(".jsonl"):
            for number, line in enumerate(text.splitlines(), 1):
                if line.strip():
                    try:
                        yield json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise ValueError(f"line {number} is not valid JSON: {exc.msg}") from exc
            return
        value = json.loads(text)
        if isinstance(value, dict):
            if all(isinstance(v, dict) for v in value.values()):
                # {"a.txt": {...}, "b.txt": {...}}
                for name, row in value.items():
                    yield {"file": name, **row}
                return
            for key in ("files", "articles", "items", "data"):
                if isinstance(value.get(key), list):
                    yield from value[key]
                    return
        if isinstance(value, list):
            yield from value


def _csv_rows(path: str):
    import csv

    from .decoding import UTF8_CP1252_FALLBACK

    import io

    with io.TextIOWrapper(open_regular(path), encoding="utf-8-sig", errors=UTF8_CP1252_FALLBACK,
                          newline="") as handle:
        first = handle.readline()
        counts = {d: first.count(d) for d in (",", ";", "\t", "|")}
        delimiter = max(counts, key=counts.get) if max(counts.values()) else ","
        handle.seek(0)
        yield from csv.DictReader(handle, delimiter=delimiter)
