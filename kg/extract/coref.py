"""Coreference the later stages need: role descriptions, pronouns and groups → mentions.

- *Role descriptions* ("the president", "the Turkish foreign minister", "the Mexican
  leader", "his Australian counterpart") resolve to the person whose role fits the head word
  and, when a demonym or state is written, belongs to that state. Several fit: the one
  mentioned most so far, then the one mentioned most in the whole article.
- *Pronouns* he/him/his/she/her resolve to the subject of the clause (possessives), to a
  person earlier in the same sentence (subjects first), or to the subject of the previous
  sentence; when two persons compete equally nothing is guessed. Genders known from
  honorifics or earlier pronouns rule candidates out.
- *Groups* ("the two leaders", "both sides") become one mention per member: the two most
  recently mentioned distinct persons (or states for countries/nations, states or bodies
  for sides/parties).

Everything runs once over the sentences in text order, so the work is linear in the text.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg._types import EntityKey
from kg.extract.context import EntityIndex, Mention, MentionKind
from kg.extract.roles import Lexicon, role_matches, sentences

logger = logging.getLogger(__name__)

TokenActors = dict[int, tuple[EntityKey, str]]
"""Token index → (entity key, entity type), for one piece."""

PRONOUNS: dict[str, str] = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}  # fmt: skip
_OBJECT = {"him", "her", "himself", "herself"}
_DETERMINERS = {"the", "his", "her", "their", "its"}
_SUBJ = ("nsubj", "nsubjpass")


def token_actors(docs: list[tuple[int, Doc]], index: EntityIndex) -> dict[int, TokenActors]:
    """For each piece, which entity each token of a mention belongs to."""
    out: dict[int, TokenActors] = {}
    for n, (offset, doc) in enumerate(docs):
        table: TokenActors = {}
        for m in index.mentions_in(offset, offset + len(doc.text)):
            span = doc.char_span(m.start - offset, m.end - offset, alignment_mode="expand")
            entity = index.entities.get(m.key)
            if span is None or entity is None:
                continue
            for t in span:
                table.setdefault(t.i, (m.key, entity.type))
        out[n] = table
    return out


@dataclass
class _Seen:
    start: int
    key: EntityKey
    subject: bool
    sent: int


def _is_subject(tok: Token) -> bool:
    while tok.dep_ in ("compound", "flat", "appos", "conj") and tok.head is not tok:
        tok = tok.head
    return tok.dep_ in _SUBJ


def _clause_subject(tok: Token) -> Token | None:
    head = tok.head
    while head.pos_ not in ("VERB", "AUX") and head.head is not head:
        head = head.head
    for _ in range(3):
        subj = next((c for c in head.children if c.dep_ in _SUBJ), None)
        if subj is not None or head.dep_ not in ("conj", "xcomp", "advcl") or head.head is head:
            return subj
        head = head.head  # "X pointed out ... and urged": the subject of the first verb
    return None


def possessor(doc: Doc, i: int, offset: int, index: EntityIndex) -> EntityKey | None:
    """The person "his"/"her" at token ``i`` refers to, when the clause subject names one."""
    if i >= len(doc) or doc[i].lower_ not in ("his", "her"):
        return None
    subj = _clause_subject(doc[i])
    if subj is None:
        return None
    key = index.entity_at(offset + subj.idx, offset + subj.idx + len(subj.text))
    entity = index.entities.get(key) if key else None
    return key if entity is not None and entity.type == "Person" else None


class _Resolver:
    def __init__(self, index: EntityIndex, lex: Lexicon, gender: dict[EntityKey, str]) -> None:
        self.index = index
        self.lex = lex
        self.gender = dict(gender)
        self.people = [k for k, e in index.entities.items() if e.type == "Person"]
        self.total = Counter(m.key for m in index.mentions)
        self.seen: list[_Seen] = []
        self.count: Counter[EntityKey] = Counter()
        self.new: list[Mention] = []
        self.new_at: dict[int, EntityKey] = {}

    def key_at(self, start: int, end: int) -> EntityKey | None:
        return self.new_at.get(start) or self.index.entity_at(start, end)

    def type_of(self, key: EntityKey) -> str | None:
        e = self.index.entities.get(key)
        return e.type if e else None

    def note(self, start: int, key: EntityKey, subject: bool, sent: int) -> None:
        self.seen.append(_Seen(start, key, subject, sent))
        self.count[key] += 1

    def add(self, start: int, end: int, key: EntityKey, text: str, kind: MentionKind) -> None:
        self.new.append(Mention(start, end, key, text, kind))
        self.new_at.setdefault(start, key)

    # -- role descriptions ------------------------------------------------------

    def description(self, sent: Span, t: Token, actors: TokenActors, offset: int) -> tuple[int, str, EntityKey | None] | None:
        """``(start token, head phrase, state)`` of "the [state] [modifiers] head" ending at ``t``."""
        doc = t.doc
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if nxt is not None and (nxt.pos_ == "PROPN" and nxt.is_title or nxt.i in actors):
            return None  # a title before a name, handled with the name
        if t.dep_ in ("amod", "compound") or t.pos_ not in ("NOUN", "PROPN"):
            return None  # "his official visit": a role word used as a modifier
        state: EntityKey | None = None
        j = t.i - 1
        words = [t.lower_]
        while j >= sent.start:
            tok = doc[j]
            hit = actors.get(j)
            if hit is not None and hit[1] in ("Country", "Organization"):
                state = state or hit[0]
                j -= 1
                continue
            if tok.lower_ in self.lex.modifiers or tok.lower_ in self.lex.last_words or tok.text == "-":
                words.insert(0, tok.lower_)
                j -= 1
                continue
            if tok.text in ("'s", "’s") and state is None and actors.get(j - 1):
                j -= 1
                continue
            break
        if j < sent.start:
            return None
        opener = doc[j]
        if opener.lower_ not in _DETERMINERS and state is None:
            return None
        start = j if opener.lower_ in _DETERMINERS else j + 1
        phrase = " ".join(words).replace(" - ", "-")
        head = next((" ".join(phrase.split()[k:]) for k in range(len(phrase.split())) if self.lex.is_head(" ".join(phrase.split()[k:]))), None)
        if head is None:
            return None
        return start, head, state

    def fits(self, key: EntityKey, head: str, state: EntityKey | None) -> bool:
        roles = self.index.entities[key].roles
        generic = head.split()[-1] in self.lex.generic
        for r in roles:
            if state is not None and r.of != state:
                continue
            if generic or role_matches(r.title, head) or role_matches(r.title.replace("-", " "), head):
                return True
        return False

    def pick(self, head: str, state: EntityKey | None, exclude: EntityKey | None) -> EntityKey | None:
        found = [k for k in self.people if k != exclude and self.fits(k, head, state)]
        if not found:
            return None
        return max(found, key=lambda k: (self.count[k], self.total[k]))

    # -- pronouns -----------------------------------------------------------------

    def pronoun(self, t: Token, sent_no: int, pos: int, offset: int) -> EntityKey | None:
        g = PRONOUNS[t.lower_]
        ok = [s for s in self.seen if s.sent >= sent_no - 1 and s.start < pos]
        ok = [s for s in ok if self.type_of(s.key) == "Person" and self.gender.get(s.key, g) == g]
        if not ok:
            return None
        here = [s for s in ok if s.sent == sent_no]
        if t.lower_ in ("his", "her") and t.dep_ == "poss" or t.lower_ in _OBJECT:
            subj = _clause_subject(t)
            subj_key = (
                self.key_at(offset + subj.idx, offset + subj.idx + len(subj.text)) if subj is not None else None
            )
            if t.lower_ in ("his", "her") and t.dep_ == "poss":
                if subj_key is not None and self.type_of(subj_key) == "Person" and subj.i < t.i:
                    return subj_key
            elif subj_key is not None:
                here = [s for s in here if s.key != subj_key]
                ok = [s for s in ok if s.key != subj_key]
        for group in (here, [s for s in ok if s.sent < sent_no]):
            if not group:
                continue
            subjects = {s.key for s in group if s.subject}
            if len(subjects) == 1:
                return subjects.pop()
            keys = {s.key for s in group}
            if len(keys) == 1:
                return keys.pop()
            if subjects:
                return None
            if group is here:
                return group[-1].key if len(keys) == 1 else None
            return None
        return None

    # -- groups -------------------------------------------------------------------

    def group(self, t: Token, pos: int) -> tuple[int, list[EntityKey]] | None:
        doc = t.doc
        phrase = t.lower_
        start = t.i
        if t.i > 0 and f"{doc[t.i - 1].lower_} {phrase}" in self.lex.groups:
            phrase = f"{doc[t.i - 1].lower_} {phrase}"
            start -= 1
        kind = self.lex.groups.get(phrase)
        if kind is None:
            return None
        for opener in self.lex.group_openers:
            n = len(opener.split())
            if start - n >= 0 and " ".join(x.lower_ for x in doc[start - n : start]) == opener:
                start -= n
                break
        else:
            return None
        keys: list[EntityKey] = []
        if kind == "Person":
            for s in reversed(self.seen):
                if s.start < pos and self.type_of(s.key) == "Person" and s.key not in keys:
                    keys.append(s.key)
                if len(keys) == 2:
                    break
        else:
            kinds = ("Country", "Organization") if kind == "Actor" else (kind,)
            for m in reversed(self.index.mentions_in(0, pos)):
                if self.type_of(m.key) in kinds and m.key not in keys:
                    keys.append(m.key)
                if len(keys) == 2:
                    break
        return (start, keys) if len(keys) == 2 else None


def _head_word(t: Token, lex: Lexicon) -> bool:
    """Whether ``t`` ends a role head ("president", or "elect" in "president-elect")."""
    doc = t.doc
    if t.i + 2 < len(doc) and doc[t.i + 1].text == "-" and not t.whitespace_ and not doc[t.i + 1].whitespace_:
        return False  # "president" in "president-elect": the head ends later
    if t.lower_ in lex.last_words:
        return True
    if t.i >= 2 and doc[t.i - 1].text == "-" and not doc[t.i - 2].whitespace_ and not doc[t.i - 1].whitespace_:
        return f"{doc[t.i - 2].lower_}-{t.lower_}" in lex.heads
    return False


def resolve(
    docs: list[tuple[int, Doc]],
    index: EntityIndex,
    actors: dict[int, TokenActors],
    lex: Lexicon,
    gender: dict[EntityKey, str] | None = None,
) -> None:
    """Add description, pronoun and group mentions to ``index``."""
    r = _Resolver(index, lex, gender or {})
    group_words = set(lex.groups) | {g.split()[-1] for g in lex.groups}
    sent_no = 0
    for n, (offset, doc) in enumerate(docs):
        table = actors.get(n, {})
        text = doc.text  # spaCy rebuilds Doc.text from its tokens on every access
        for sent in sentences(doc):
            sent_no += 1
            existing = [
                m for m in index.mentions_in(offset + sent.start_char, offset + sent.end_char) if r.type_of(m.key) == "Person"
            ]
            e_iter = iter(existing)
            pending = next(e_iter, None)
            for t in sent:
                pos = offset + t.idx
                while pending is not None and pending.start <= pos:
                    span = doc.char_span(pending.start - offset, pending.end - offset, alignment_mode="expand")
                    subject = span is not None and _is_subject(span.root)
                    r.note(pending.start, pending.key, subject, sent_no)
                    pending = next(e_iter, None)
                if t.i in table:
                    continue
                low = t.lower_
                if low in PRONOUNS:
                    key = r.pronoun(t, sent_no, pos, offset)
                    if key is not None:
                        r.add(pos, pos + len(t.text), key, t.text, "pronoun")
                        r.note(pos, key, _is_subject(t), sent_no)
                        r.gender.setdefault(key, PRONOUNS[low])
                elif _head_word(t, lex):
                    d = r.description(sent, t, table, offset)
                    if d is None:
                        continue
                    start_tok, head, state = d
                    exclude = possessor(doc, start_tok, offset, index) if doc[start_tok].lower_ in ("his", "her") else None
                    if head == "counterpart" and exclude is None and state is None:
                        continue
                    key = r.pick("" if head == "counterpart" else head, state, exclude) if head != "counterpart" else None
                    if head == "counterpart" and state is not None:
                        key = next((k for k in r.people if k != exclude and any(x.of == state for x in index.entities[k].roles)), None)
                    if key is not None:
                        s = offset + doc[start_tok].idx
                        r.add(s, pos + len(t.text), key, text[s - offset : pos - offset + len(t.text)], "title")
                        r.note(s, key, _is_subject(t), sent_no)
                elif low in group_words:
                    g = r.group(t, pos)
                    if g is not None:
                        s = offset + doc[g[0]].idx
                        for key in g[1]:
                            r.add(s, pos + len(t.text), key, text[s - offset : pos - offset + len(t.text)], "group")
    for m in r.new:
        index.add_mention(m)
    logger.debug("coref added %d mentions", len(r.new))


__all__ = ["PRONOUNS", "TokenActors", "possessor", "resolve", "token_actors"]
