"""The project's gazetteer of known actors (data in ``data/``)."""

from __future__ import annotations

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


@lru_cache(maxsize=1)
def load_gazetteer(data_dir: Path = DATA_DIR) -> Gazetteer:
    """Every ``*.jsonl`` file under ``data_dir``, loaded once per process."""
    entries = [e for path in sorted(data_dir.glob("*.jsonl")) for e in load_entries(path)]
    return Gazetteer(entries)


__all__ = ["DATA_DIR", "DatedRole", "Gazetteer", "GazetteerEntry", "load_gazetteer"]
