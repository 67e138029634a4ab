"""The project's spaCy components, added to a loaded pipeline by :func:`add_components`.

The one component so far is the actor ruler (:class:`ActorRuler`), placed before the
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
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

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


class ActorRuler:
    """Marks gazetteer names as entities, with the actor key as ``ent_id_``.

    It accepts EntityRuler patterns (a phrase string, or a token list whose tokens say
    ``ORTH`` or ``LOWER``) but matches them all with one case-folded
    :class:`~spacy.matcher.PhraseMatcher` and then checks the exact-case (``ORTH``) tokens of
    each hit. spaCy's token Matcher tries every pattern at every token, which with the whole
    gazetteer made parsing about eight times slower than the model alone; a phrase matcher
    costs one hash lookup per token window.
    """

    def __init__(self, nlp: Language) -> None:
        self.tokenizer = nlp.tokenizer
        self.vocab = nlp.vocab
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        # (label, lower-cased words) -> [(exact-case constraint per token or None, actor key)]
        self.checks: dict[tuple[str, tuple[str, ...]], list[tuple[tuple[str | None, ...], str]]] = {}
        self.count = 0

    def __len__(self) -> int:
        return self.count

    def _tokens(self, pattern: str | list[dict[str, Any]]) -> list[tuple[str, str | None]] | None:
        if isinstance(pattern, str):
            return [(t.lower_, t.text) for t in self.tokenizer(pattern) if not t.is_space]
        out: list[tuple[str, str | None]] = []
        for tok in pattern:
            if set(tok) == {"ORTH"} and isinstance(tok["ORTH"], str):
                out.append((tok["ORTH"].lower(), tok["ORTH"]))
            elif set(tok) == {"LOWER"} and isinstance(tok["LOWER"], str):
                out.append((tok["LOWER"], None))
            else:
                return None
        return out

    def add_patterns(self, patterns: list[dict[str, Any]]) -> None:
        """Add EntityRuler-style patterns (``label``, ``pattern``, optional ``id``).

        Match keys are the labels only (a handful): every distinct key costs the vocabulary
        a lexeme, which made one key per actor slow to build.
        """
        docs: dict[str, list[Doc]] = {}
        for p in patterns:
            tokens = self._tokens(p["pattern"])
            if not tokens:
                logger.debug("actor ruler: pattern not supported: %r", p["pattern"])
                continue
            label = str(p["label"])
            words = tuple(w for w, _ in tokens)
            check = (tuple(o for _, o in tokens), str(p.get("id", "")))
            seen = self.checks.setdefault((label, words), [])
            if not seen:
                docs.setdefault(label, []).append(Doc(self.vocab, words=list(words)))
            if check not in seen:
                seen.append(check)
                self.count += 1
        for label, group in docs.items():
            self.matcher.add(label, group)

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        for match_id, start, end in self.matcher(doc):
            label = self.vocab.strings[match_id]
            texts = [t.text for t in doc[start:end]]
            words = tuple(t.lower() for t in texts)
            for exact, ent_id in self.checks.get((label, words), []):
                if all(c is None or c == t for c, t in zip(exact, texts)):
                    spans.append(Span(doc, start, end, label=label, span_id=ent_id or 0))
                    break  # the first pattern added wins (hand-kept entries come first)
        if spans:
            kept = filter_spans(spans)
            taken = {i for s in kept for i in range(s.start, s.end)}
            old = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))]
            doc.ents = filter_spans(kept + old)
        return doc


@Language.factory(RULER_NAME)
def make_actor_ruler(nlp: Language, name: str) -> ActorRuler:
    """spaCy factory for :class:`ActorRuler` (patterns are added by :func:`add_components`)."""
    return ActorRuler(nlp)


def add_components(nlp: Language, gazetteer: Gazetteer | None = None) -> Language:
    """Add the project's components to ``nlp`` (idempotent)."""
    if RULER_NAME in nlp.pipe_names:
        return nlp
    patterns = gazetteer_patterns(gazetteer) + file_patterns()
    where: dict[str, Any] = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe(RULER_NAME, name=RULER_NAME, **where)
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    logger.info("actor ruler: %d patterns", len(ruler))  # type: ignore[arg-type]
    return nlp


__all__ = [
    "PATTERNS_DIR",
    "RULER_NAME",
    "SPACY_LABELS",
    "ActorRuler",
    "add_components",
    "file_patterns",
    "gazetteer_patterns",
]
