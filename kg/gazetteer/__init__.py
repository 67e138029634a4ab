"""The project's gazetteer of known actors (data in ``data/``)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from kg.gazetteer.entries import DatedRole, GazetteerEntry, load_entries

DATA_DIR = Path(__file__).parent / "data"


class Gazetteer:
    """Known actors by key, with a case-folded name → keys lookup."""

    def __init__(self, entries: list[GazetteerEntry]) -> None:
        self.entries: dict[str, GazetteerEntry] = {e.key: e for e in entries}
        self._by_name: dict[str, list[str]] = {}
        for e in entries:
            for name in (e.label, *e.aliases, *e.capitals, *e.demonyms):
                self._by_name.setdefault(name.casefold(), []).append(e.key)

    def get(self, key: str) -> GazetteerEntry | None:
        return self.entries.get(key)

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Entries whose label, alias, capital or demonym is ``name`` (case-insensitive)."""
        return [self.entries[k] for k in self._by_name.get(name.casefold(), [])]

    def __len__(self) -> int:
        return len(self.entries)


# Files in data/ that are not gazetteer entries, or are inputs already merged into actors.jsonl.
_NOT_ENTRIES = frozenset({"patterns.jsonl", "leaders.jsonl", "bodies.jsonl"})


@lru_cache(maxsize=1)
def load_gazetteer(data_dir: Path = DATA_DIR) -> Gazetteer:
    """The built gazetteer, loaded once per process.

    ``actors.jsonl`` (written by ``python -m kg.gazetteer.build``) already merges the hand-kept
    inputs, so it is read alone; a folder without it has every entry ``*.jsonl`` read instead.
    """
    merged = data_dir / "actors.jsonl"
    paths = [merged] if merged.exists() else [
        p for p in sorted(data_dir.glob("*.jsonl")) if p.name not in _NOT_ENTRIES
    ]
    return Gazetteer([e for path in paths for e in load_entries(path)])


@lru_cache(maxsize=1)
def load_role_words(data_dir: Path = DATA_DIR) -> dict[str, str]:
    """Role words the entity stage recognises as titles (``foreign minister``) → sector code."""
    path = data_dir / "roles.json"
    if not path.exists():
        return {}
    rows = json.loads(path.read_text(encoding="utf-8"))["roles"]
    return {str(r["phrase"]): str(r["sector"]) for r in rows}


__all__ = [
    "DATA_DIR",
    "DatedRole",
    "Gazetteer",
    "GazetteerEntry",
    "load_gazetteer",
    "load_role_words",
]
