"""Gazetteer entries → token patterns for spaCy's ``entity_ruler`` / ``span_ruler``.

One pattern per name form, with ``"id"`` set to the entry's key, so a matched span carries the
actor key in ``ent.ent_id_``:

- label and aliases: PERSON / GPE / ORG / LOC by entry type;
- capitals and metonyms (``Pyongyang``, ``the Kremlin``): GPE, id = the country's key;
- demonyms (``French``, ``Americans``): NORP, id = the country's key.

Case: a token written in capitals (``US``, ``UN``, ``AP``, ``U.S.``) must match exactly, so
``let us go`` is not the United States; a one-word name matches as written or in capitals
(``Turkey``/``TURKEY``, not the bird: two exact patterns); other words of a longer name match
case-insensitively.
Names are split with spaCy's English tokenizer, the one the model uses, so patterns line up
with document tokens. The build writes the list to ``data/patterns.jsonl``; load it with
:func:`load_patterns` rather than recomputing at run time.

>>> p = entity_ruler_patterns([GazetteerEntry(key="Q30", label="United States",
...     type="Country", aliases=["US"], demonyms=["American"])])
>>> [(r["label"], r["pattern"]) for r in p]  # doctest: +NORMALIZE_WHITESPACE
[('GPE', [{'LOWER': 'united'}, {'LOWER': 'states'}]), ('GPE', [{'ORTH': 'US'}]),
 ('NORP', [{'ORTH': 'American'}]), ('NORP', [{'ORTH': 'AMERICAN'}])]
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from kg.gazetteer.entries import GazetteerEntry

logger = logging.getLogger(__name__)

PATTERNS_PATH = Path(__file__).parent / "data" / "patterns.jsonl"

TYPE_LABELS: dict[str, str] = {
    "Person": "PERSON",
    "Country": "GPE",
    "Organization": "ORG",
    "Location": "LOC",
}

Pattern = dict[str, Any]
_UPPER = re.compile(r"^[A-Z][A-Z.&\-]*[A-Z.]$|^[A-Z]$")


def _tokenizer() -> Callable[[str], Any]:
    from spacy.lang.en import English

    return English().tokenizer  # type: ignore[no-any-return]


def name_patterns(tokens: list[str]) -> list[list[dict[str, Any]]]:
    """Token patterns for a name already split into tokens (see the module docstring).

    A one-word name gets two exact patterns (as written, and in capitals) rather than one
    ``{"ORTH": {"IN": [...]}}``: spaCy's Matcher slows down quadratically with many distinct
    set predicates (30 s instead of 1 s for the full gazetteer).
    """
    if len(tokens) == 1:
        tok = tokens[0]
        if _UPPER.match(tok) or not any(c.isalpha() for c in tok):
            return [[{"ORTH": tok}]]
        return [[{"ORTH": v}] for v in dict.fromkeys([tok, tok.upper()])]
    return [
        [{"ORTH": t} if _UPPER.match(t) and len(t) <= 5 else {"LOWER": t.lower()} for t in tokens]
    ]


def _forms(entry: GazetteerEntry) -> list[tuple[str, str]]:
    own = TYPE_LABELS.get(entry.type, "ORG")
    forms = [(n, own) for n in (entry.label, *entry.aliases)]
    forms += [(n, "GPE") for n in entry.capitals]
    forms += [(n, "NORP") for n in entry.demonyms]
    names = {n.casefold() for n, _ in forms}
    # "the United States" / "The Washington Post": the bare name already has its pattern
    forms = [
        (n, lab)
        for n, lab in forms
        if not (n[:4].casefold() == "the " and n[4:].casefold() in names)
    ]
    # news text often prints the typographic apostrophe: People’s Daily, Robert O’Brien
    return forms + [(n.replace("'", "\u2019"), lab) for n, lab in forms if "'" in n]


def entity_ruler_patterns(gazetteer: Any) -> list[Pattern]:
    """Patterns for every name form of every entry (a ``Gazetteer`` or an iterable of entries).

    Hand-kept entries come first, so when two entries share a spelling the pattern keeps
    the hand-kept one's id (the build already removes such clashes; this is a safeguard).
    """
    entries: Iterable[GazetteerEntry] = (
        gazetteer.entries.values() if hasattr(gazetteer, "entries") else gazetteer
    )
    ordered = sorted(entries, key=lambda e: (e.source == "phoenix", e.key))
    tokenize = _tokenizer()
    seen: dict[tuple[str, str], str] = {}
    out: list[Pattern] = []
    for entry in ordered:
        for name, label in _forms(entry):
            tokens = [t.text for t in tokenize(name) if not t.is_space]
            if not tokens:
                continue
            for pattern in name_patterns(tokens):
                sig = (label, json.dumps(pattern, sort_keys=True))
                if sig in seen:
                    if seen[sig] != entry.key:
                        logger.debug("pattern %r kept for %s, not %s", name, seen[sig], entry.key)
                    continue
                seen[sig] = entry.key
                out.append({"label": label, "pattern": pattern, "id": entry.key})
    return out


def dump_patterns(patterns: Iterable[Pattern], path: Path) -> int:
    """Write patterns as JSON Lines (one pattern per line); returns how many."""
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for p in patterns:
            fh.write(json.dumps(p, ensure_ascii=False) + "\n")
            n += 1
    return n


def load_patterns(path: Path = PATTERNS_PATH) -> list[Pattern]:
    """Read patterns written by :func:`dump_patterns` (``ruler.add_patterns(...)`` takes them)."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


__all__ = [
    "PATTERNS_PATH",
    "TYPE_LABELS",
    "dump_patterns",
    "entity_ruler_patterns",
    "load_patterns",
    "name_patterns",
]
