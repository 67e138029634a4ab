"""The project's spaCy components, added to a loaded pipeline by :func:`add_components`.

The one component so far is the actor ruler: an ``entity_ruler`` placed before the
statistical ``ner`` that marks every name the gazetteer knows (labels, aliases, capitals,
demonyms) with the gazetteer key as the entity id (``ent.ent_id_``). The statistical
recogniser then fills in around those spans. Extra hand-written patterns may be kept in
``kg/nlp/patterns/entities*.json`` (a JSON list of EntityRuler pattern dicts).

>>> import spacy
>>> from kg.gazetteer import Gazetteer, GazetteerEntry
>>> gaz = Gazetteer([GazetteerEntry(key="Q423", label="North Korea", type="Country",
...     capitals=["Pyongyang"], demonyms=["North Korean"])])
>>> nlp = add_components(spacy.blank("en"), gazetteer=gaz)
>>> [(e.text, e.label_, e.ent_id_) for e in nlp("Pyongyang and North Korean envoys").ents]
[('Pyongyang', 'GPE', 'Q423'), ('North Korean', 'NORP', 'Q423')]
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from spacy.language import Language

from kg.gazetteer import Gazetteer, load_gazetteer

logger = logging.getLogger(__name__)

RULER_NAME = "dkg_actor_ruler"
PATTERNS_DIR = Path(__file__).parent / "patterns"
SPACY_LABELS: dict[str, str] = {
    "Person": "PERSON",
    "Country": "GPE",
    "Organization": "ORG",
    "Location": "LOC",
}
"""Gazetteer type → the spaCy label the ruler gives its names (demonyms get ``NORP``)."""


def _own_patterns(gazetteer: Gazetteer) -> list[dict[str, Any]]:
    """Phrase patterns straight from the entries, used when no pattern builder is installed."""
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for e in gazetteer.entries.values():
        label = SPACY_LABELS.get(e.type, "ORG")
        forms = [(n, label) for n in (e.label, *e.aliases, *e.capitals)]
        forms += [(n, "NORP") for n in e.demonyms]
        for name, lab in forms:
            if not name.strip() or name.islower() or (name, e.key) in seen:
                continue
            seen.add((name, e.key))
            out.append({"label": lab, "pattern": name, "id": e.key})
    return out


def gazetteer_patterns(gazetteer: Gazetteer | None = None) -> list[dict[str, Any]]:
    """EntityRuler patterns for the gazetteer.

    For the project's own gazetteer (``gazetteer is None``) the patterns its build saved
    (``kg/gazetteer/data/patterns.jsonl``) are read; for any other, they are built with the
    gazetteer's pattern builder, or from the entries directly when it is not installed.
    """
    try:
        from kg.gazetteer import patterns as gaz_patterns
    except ImportError:
        return _own_patterns(gazetteer if gazetteer is not None else load_gazetteer())
    if gazetteer is None:
        if gaz_patterns.PATTERNS_PATH.exists():
            return list(gaz_patterns.load_patterns())
        gazetteer = load_gazetteer()
    return list(gaz_patterns.entity_ruler_patterns(gazetteer))


def file_patterns(folder: Path = PATTERNS_DIR) -> list[dict[str, Any]]:
    """Hand-written ruler patterns from ``entities*.json`` files in ``folder``."""
    out: list[dict[str, Any]] = []
    for path in sorted(folder.glob("entities*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, list):
            continue  # a word list such as entities_lexicon.json, not ruler patterns
        out.extend(p for p in data if isinstance(p, dict) and "pattern" in p)
    return out


def add_components(nlp: Language, gazetteer: Gazetteer | None = None) -> Language:
    """Add the project's components to ``nlp`` (idempotent)."""
    if RULER_NAME in nlp.pipe_names:
        return nlp
    patterns = gazetteer_patterns(gazetteer) + file_patterns()
    where: dict[str, Any] = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe(
        "entity_ruler",
        name=RULER_NAME,
        config={"overwrite_ents": True, "validate": False, "phrase_matcher_attr": None},
        **where,
    )
    if patterns:
        ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    logger.info("actor ruler: %d patterns", len(patterns))
    return nlp


__all__ = [
    "PATTERNS_DIR",
    "RULER_NAME",
    "SPACY_LABELS",
    "add_components",
    "file_patterns",
    "gazetteer_patterns",
]
