"""Who a speaker phrase refers to: a key of the article's :class:`EntityIndex`.

The entity stage's mentions (names, aliases, titles, pronouns it resolved) come first.
Beyond them the phrase's own structure decides:

- "a spokesman for the National Security Council", "Trump's spokesman", "a Foreign
  Ministry spokesman": a spokesman-like head (``body_heads``) speaks for the body or
  person it is attached to;
- "he", "she", "the president" with no mention in the index: the most recent person who
  was the subject of a sentence or a speaker before it (a fallback that costs confidence).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from kg._types import EntityKey
from kg.extract.context import EntityIndex
from kg.extract.statement_cues import Patterns

logger = logging.getLogger(__name__)

_OWNER_DEPS = ("poss", "compound", "amod", "nmod")
_OWNER_PREPS = ("for", "of", "at", "from")
_NP_DEPS = ("det", "poss", "compound", "amod", "nmod", "case", "punct", "nummod", "quantmod")


@dataclass
class Salience:
    """Recently prominent people: ``(article offset, key)`` in text order."""

    recent: list[tuple[int, EntityKey]] = field(default_factory=list)
    people: list[tuple[int, EntityKey]] = field(default_factory=list)
    """Every mention of a person, whatever its role in the sentence ("met Karl Brandt")."""

    def note(self, pos: int, key: EntityKey) -> None:
        self.recent.append((pos, key))

    def last_distinct(self, pos: int, n: int) -> list[EntityKey]:
        """The ``n`` most recent distinct people before ``pos``."""
        out: list[EntityKey] = []
        for _, k in sorted((p, k) for p, k in self.recent + self.people if p < pos)[::-1]:
            if k not in out:
                out.append(k)
            if len(out) == n:
                break
        return out

    def before(self, pos: int) -> EntityKey | None:
        best: tuple[int, EntityKey] | None = None
        for p, k in self.recent:
            if p < pos and (best is None or p >= best[0]):
                best = (p, k)
        return best[1] if best else None


class SpeakerResolver:
    """Turns speaker head tokens of one parsed piece into entity keys."""

    def __init__(self, doc: Doc, offset: int, index: EntityIndex, patterns: Patterns) -> None:
        self.doc = doc
        self.offset = offset
        self.index = index
        self.patterns = patterns
        self.salience = Salience()
        self._seed_salience()

    def _seed_salience(self) -> None:
        """People who are grammatical subjects are the likeliest antecedents of "he"."""
        doc, off = self.doc, self.offset
        for m in self.index.mentions_in(off, off + len(doc.text)):
            entity = self.index.entities.get(m.key)
            if entity is None or entity.type != "Person" or m.kind == "pronoun":
                continue
            self.salience.people.append((m.start, m.key))
            span = doc.char_span(m.start - off, m.end - off, alignment_mode="expand")
            if span is None:
                continue
            head = span.root
            while head.dep_ in ("compound", "appos", "flat") and head.head is not head:
                head = head.head
            if head.dep_ == "pobj" and head.head.dep_ == "agent":
                head = head.head
            elif head.dep_ not in ("nsubj", "nsubjpass"):
                continue
            # subjects of reported clauses ("... that Pence would lead") are not in focus
            verb = head.head
            while verb.dep_ == "conj" and verb.head is not verb:
                verb = verb.head
            if verb.dep_ in ("ROOT", "parataxis", "advcl"):
                self.salience.note(m.start, m.key)

    def _at(self, start_char: int, end_char: int) -> EntityKey | None:
        return self.index.entity_at(start_char + self.offset, end_char + self.offset)

    def token_key(self, tok: Token) -> EntityKey | None:
        return self._at(tok.idx, tok.idx + len(tok.text))

    def _phrase_key(self, tokens: list[Token]) -> EntityKey | None:
        if not tokens:
            return None
        return self._at(min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens))

    def resolve_all(self, tok: Token) -> list[tuple[EntityKey, float]]:
        """Every entity a speaker head stands for: "both leaders" are the two people in focus."""
        lemma = tok.lemma_.lower()
        pair = any(c.lower_ in ("both", "two") for c in tok.children)
        if pair and tok.tag_ in ("NNS", "NNPS") and lemma in self.patterns.group_heads:
            keys = self.salience.last_distinct(tok.idx + self.offset, 2)
            if len(keys) == 2:
                return [(k, 0.6) for k in keys]
        key, conf = self.resolve(tok)
        return [(key, conf)] if key is not None else []

    def resolve(self, tok: Token) -> tuple[EntityKey | None, float]:
        """The entity ``tok`` (the head of a speaker phrase) stands for, and how sure."""
        key = self.token_key(tok) if tok.pos_ == "PROPN" else None
        if key is not None:
            return key, 1.0  # a name is itself, whatever stands in apposition
        for c in tok.children:
            if c.dep_ == "appos":  # "the head of diplomacy, Josep Borrell, said"
                key = self._phrase_key([t for t in c.subtree if t.dep_ != "appos" or t is c])
                if key is not None:
                    return key, 0.95
        key = self.token_key(tok)
        if key is not None:
            return key, 1.0
        lower = tok.lower_
        lemma = tok.lemma_.lower()
        if lower in self.patterns.pronouns:
            return self._salient(tok), 0.7
        if lemma in self.patterns.institution_heads:
            return None, 0.0  # "the prime minister's office": the office, not the minister
        if lemma in self.patterns.body_heads or lower in self.patterns.body_heads:
            key = self._owner(tok)
            return key, 0.9
        if lemma in self.patterns.person_titles and not any(c.dep_ == "poss" for c in tok.children):
            key = self._salient(tok)
            if key is not None:
                return key, 0.65
        np = [
            t
            for t in tok.subtree
            if t.i <= tok.i and (t is tok or t.dep_ in _NP_DEPS or t.head.i <= tok.i)
        ]
        return self._phrase_key(np), 0.8

    def _owner(self, tok: Token) -> EntityKey | None:
        """The body or person a spokesman-like head belongs to."""
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in _OWNER_PREPS:
                key = self._phrase_key([t for t in c.subtree if t is not c])
                if key is not None:
                    return key
        for c in sorted(tok.children, key=lambda t: (t.dep_ != "poss", -t.i)):
            if c.dep_ in _OWNER_DEPS and c.i < tok.i:
                key = self._phrase_key(list(c.subtree))
                if key is not None:
                    return key
        return None

    def _salient(self, tok: Token) -> EntityKey | None:
        return self.salience.before(tok.idx + self.offset)


__all__ = ["Salience", "SpeakerResolver"]
