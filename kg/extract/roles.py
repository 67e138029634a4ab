"""Roles read from the text: titles before a name, appositives after or before it.

"US President Donald Trump" gives the title *President* of the United States; "White House
spokeswoman Sarah Huckabee Sanders" gives *spokeswoman* of the White House; "Catherine Dill,
senior research associate at Middlebury Institute" gives *senior research associate* of the
institute. The role words are data (``kg/nlp/patterns/roles.json``); the functions here only
walk tokens next to a person mention. ``actor_at(token_index)`` tells them which state or
body a token belongs to (so "US" or "White House" become the role's ``of``).

>>> lex = load_lexicon()
>>> lex.is_head("foreign minister"), lex.is_head("weather")
(True, False)
>>> role_matches("Foreign Minister", "minister"), role_matches("Vice-President", "president")
(True, False)
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from kg._types import EntityKey

ROLES_PATH = Path(__file__).resolve().parent.parent / "nlp" / "patterns" / "roles.json"

ActorAt = Callable[[int], "tuple[EntityKey, str] | None"]
"""Token index → (entity key, entity type) of the state/body/person mention covering it."""


@dataclass(frozen=True)
class Lexicon:
    """Role vocabulary (see ``roles.json``)."""

    heads: frozenset[str]
    last_words: frozenset[str]
    modifiers: frozenset[str]
    honorifics: dict[str, str | None]
    gendered: dict[str, str]
    generic: frozenset[str]
    groups: dict[str, str]
    group_openers: tuple[str, ...]
    connectors: frozenset[str]

    def is_head(self, words: str) -> bool:
        return words.lower() in self.heads

    def is_role_word(self, word: str) -> bool:
        w = word.lower()
        return w in self.last_words or w in self.modifiers


@lru_cache(maxsize=2)
def load_lexicon(path: Path = ROLES_PATH) -> Lexicon:
    raw = json.loads(path.read_text(encoding="utf-8"))
    heads = frozenset(h.lower() for h in raw["heads"])
    return Lexicon(
        heads=heads,
        last_words=frozenset(h.split()[-1] for h in heads),
        modifiers=frozenset(raw["modifiers"]),
        honorifics=dict(raw["honorifics"]),
        gendered=dict(raw["gendered"]),
        generic=frozenset(raw["generic"]),
        groups=dict(raw["groups"]),
        group_openers=tuple(raw["group_openers"]),
        connectors=frozenset(raw["connectors"]),
    )


@dataclass(frozen=True)
class TextRole:
    """A role read next to a mention: ``title`` (as written), ``of`` (state/body key)."""

    title: str
    of: EntityKey | None
    start: int
    """Token index where the title (with its state or body) begins."""


def role_matches(title: str, head: str) -> bool:
    """Whether a role ``title`` is described by ``head`` ("Foreign Minister" ~ "minister")."""
    t, h = title.lower(), head.lower()
    return t == h or t.endswith(" " + h)


def sentence_of(doc: Doc, i: int) -> Span:
    """The sentence holding token ``i`` (the whole doc when it has no sentence boundaries)."""
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        return doc[i].sent
    return doc[:]


def sentences(doc: Doc) -> list[Span]:
    """The doc's sentences (one, the whole doc, when it has no sentence boundaries)."""
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        return list(doc.sents)
    return [doc[:]]


def _title_text(tokens: list[Token]) -> str:
    return "".join(t.text_with_ws for t in tokens).strip()


def _of_before(doc: Doc, i: int, actor_at: ActorAt) -> tuple[EntityKey | None, int]:
    """The state/body whose mention ends at token ``i`` (or at ``i-1`` before a possessive)."""
    if i < 0:
        return None, i + 1
    if doc[i].lower_ in ("'s", "’s", "'", "’") and i > 0:
        i -= 1
    hit = actor_at(i)
    if hit is None or hit[1] not in ("Country", "Organization"):
        return None, i + 1
    start = i
    while start > 0 and actor_at(start - 1) == hit:
        start -= 1
    return hit[0], start


def title_before(doc: Doc, i: int, actor_at: ActorAt, lex: Lexicon | None = None) -> TextRole | None:
    """The title written right before the name starting at token ``i``.

    Walks left over role words and capitalised title words ("High Representative for Common
    Foreign and Security Policy") until a state or body mention, a possessive or anything else.
    """
    lex = lex or load_lexicon()
    words: list[Token] = []
    j = i - 1
    while j >= 0:
        t = doc[j]
        if actor_at(j) is not None or t.is_punct and t.text != "-" or t.is_space:
            break
        if lex.is_role_word(t.text) or t.is_title and t.is_alpha or (t.lower_ in lex.connectors and words):
            if t.is_sent_start and not lex.is_role_word(t.text):
                break
            words.insert(0, t)
            j -= 1
            continue
        break
    while words and words[0].lower_ in lex.connectors:
        words.pop(0)
    if not words or not any(w.lower_ in lex.last_words for w in words):
        return None
    # the title ends at its last role word; leading capitalised non-role words are names
    while words and not lex.is_role_word(words[0].text) and words[0].is_title and len(words) > 1:
        if any(w.lower_ in lex.connectors for w in words):
            break
        words.pop(0)
    if not words:
        return None
    of, start = _of_before(doc, words[0].i - 1, actor_at)
    return TextRole(title=_title_text(words), of=of, start=start if of else words[0].i)


_APPOS_END = {",", ".", ";", ")", "(", "—", "–", ":"}
_APPOS_PREP = {"at", "of", "with", "for", "from", "in"}


def appositive_after(doc: Doc, j: int, actor_at: ActorAt, lex: Lexicon | None = None) -> TextRole | None:
    """"Name, senior research associate at Body": the role after a name ending at token ``j``."""
    lex = lex or load_lexicon()
    if j >= len(doc) or doc[j].text != ",":
        return None
    sent_end = sentence_of(doc, j).end
    words: list[Token] = []
    k = j + 1
    while k < sent_end and doc[k].text not in _APPOS_END and doc[k].pos_ not in ("VERB", "AUX"):
        words.append(doc[k])
        k += 1
    while words and words[0].lower_ in ("a", "an", "the"):
        words.pop(0)
    cut = next((n for n, w in enumerate(words) if w.lower_ in _APPOS_PREP), len(words))
    title = words[:cut]
    if not title or title[-1].lower_ not in lex.last_words or len(title) > 6:
        return None
    if any(actor_at(w.i) is not None for w in title):
        return None
    of = next(
        (hit[0] for w in words[cut:] if (hit := actor_at(w.i)) and hit[1] in ("Country", "Organization")),
        None,
    )
    return TextRole(title=_title_text(title), of=of, start=doc[j].i)


def appositive_before(doc: Doc, i: int, actor_at: ActorAt, lex: Lexicon | None = None) -> TextRole | None:
    """"Iran's chief nuclear negotiator, Ali Larijani": the role before a name at token ``i``."""
    lex = lex or load_lexicon()
    if i < 2 or doc[i - 1].text != ",":
        return None
    head = doc[i - 2]
    if head.lower_ not in lex.last_words:
        return None
    words: list[Token] = [head]
    k = i - 3
    while k >= 0 and doc[k].is_alpha and actor_at(k) is None and doc[k].lower_ not in ("the", "a", "an"):
        if doc[k].pos_ in ("VERB", "AUX", "ADP", "PRON") or len(words) >= 5:
            break
        words.insert(0, doc[k])
        k -= 1
    of, _ = _of_before(doc, k, actor_at)
    return TextRole(title=_title_text(words), of=of, start=words[0].i)


def honorific_gender(word: str, lex: Lexicon | None = None) -> str | None:
    """``"m"``/``"f"`` for a gendered honorific or role word, else ``None``."""
    lex = lex or load_lexicon()
    w = word.lower()
    return lex.honorifics.get(w) or lex.gendered.get(w)


__all__ = [
    "ROLES_PATH",
    "ActorAt",
    "Lexicon",
    "TextRole",
    "appositive_after",
    "appositive_before",
    "honorific_gender",
    "load_lexicon",
    "role_matches",
    "sentence_of",
    "sentences",
    "title_before",
]
