"""Entity stage: who and what the article names, and every mention of them.

Input: the parsed pieces (``(offset, Doc)``, entities marked by the gazetteer ruler and the
statistical recogniser). Output: an :class:`~kg.extract.context.EntityIndex` whose mentions
carry article-global character offsets, for the meeting and statement stages.

Steps, each a small function:

1. *candidates*: spaCy entities cleaned ("the", possessive "'s", honorifics stripped; junk such
   as lower-case words, digits and credits dropped), each looked up in the gazetteer;
2. *persons*: names clustered by shared first/last words ("Sarah Huckabee Sanders" ⊃
   "Sanders", "Kim Jong Un" ⊃ "Kim"); the canonical label is the gazetteer label or the fullest
   name; a lone surname the recogniser took for an organisation joins its person;
3. *states*: gazetteer countries by name, by demonym ("South Korean counterpart" → South Korea)
   and by capital metonymy when the capital acts ("Pyongyang said", "talks with Pyongyang",
   not "in Pyongyang"); other places become Locations;
4. *organisations*: gazetteer bodies, or names that look like bodies (a head word such as
   Ministry or Council, an acronym, ...), merged with their acronyms; a seat of power that
   speaks ("Downing Street said") is a body;
5. *roles* (:mod:`kg.extract.roles`) and *coreference* (:mod:`kg.extract.coref`): titled
   forms, role descriptions, pronouns and groups become mentions too.

Word lists are data: ``kg/nlp/patterns/entities_lexicon.json`` and ``roles.json``.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span

from kg import ids
from kg._types import EntityKey
from kg.extract import coref
from kg.extract.context import DraftRole, EntityDraft, EntityIndex, Mention, MentionKind
from kg.extract.records import EntityType
from kg.extract.roles import (
    Lexicon,
    TextRole,
    appositive_after,
    appositive_before,
    honorific_gender,
    load_lexicon,
    sentence_of,
    title_before,
)
from kg.gazetteer import Gazetteer, GazetteerEntry
from kg.ingest.article import Article

logger = logging.getLogger(__name__)

LEXICON_PATH = Path(__file__).resolve().parent.parent / "nlp" / "patterns" / "entities_lexicon.json"

_LABEL_TYPES: dict[str, EntityType] = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Country",
    "NORP": "Country",
    "LOC": "Location",
    "FAC": "Location",
}
_POSSESSIVE = ("'s", "’s", "'", "’")
_ACRONYM = re.compile(r"^[A-Z][A-Z&./-]{1,7}$")
_INITIAL_SKIP = {"of", "for", "and", "the", "on", "in", "de", "&"}


@dataclass(frozen=True)
class Words:
    """Entity word lists (see ``entities_lexicon.json``)."""

    org_heads: frozenset[str]
    not_actor_heads: frozenset[str]
    locative: frozenset[str]
    place_verbs: frozenset[str]
    affix_prefixes: frozenset[str]
    drop_leading: frozenset[str]
    seat_heads: frozenset[str]
    compass: frozenset[str]
    not_persons: frozenset[str]


@lru_cache(maxsize=2)
def load_words(path: Path = LEXICON_PATH) -> Words:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return Words(
        org_heads=frozenset(raw["org_heads"]),
        not_actor_heads=frozenset(raw["not_actor_heads"]),
        locative=frozenset(raw["locative"]),
        place_verbs=frozenset(raw["place_verbs"]),
        affix_prefixes=frozenset(raw["affix_prefixes"]),
        drop_leading=frozenset(raw["drop_leading"]),
        seat_heads=frozenset(raw["seat_heads"]),
        compass=frozenset(raw["compass"]),
        not_persons=frozenset(raw["not_persons"]),
    )


@dataclass
class Cand:
    """One cleaned entity span of one piece."""

    piece: int
    doc: Doc
    offset: int
    start: int
    """Token index (inclusive) in ``doc``."""
    end: int
    """Token index (exclusive)."""
    label: str
    gaz_id: str | None
    honorific: str | None = None
    key: EntityKey | None = None
    kind: MentionKind = "name"
    type: EntityType | None = None

    @property
    def span(self) -> Span:
        return self.doc[self.start : self.end]

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def words(self) -> list[str]:
        return [t.text for t in self.span if not t.is_punct or t.text in "-"]

    @property
    def char_start(self) -> int:
        return self.offset + self.doc[self.start].idx

    @property
    def char_end(self) -> int:
        last = self.doc[self.end - 1]
        return self.offset + last.idx + len(last.text)


@dataclass
class _Person:
    names: list[str]
    key: EntityKey | None = None
    gender: str | None = None
    mentions: list[Cand] = field(default_factory=list)

    @property
    def full(self) -> str:
        return max(self.names, key=lambda n: (len(n.split()), len(n)))


# --------------------------------------------------------------------- candidates


def _clean(c: Cand, words: Words, lex: Lexicon) -> Cand | None:
    """Trim a span to its name; ``None`` for junk."""
    doc = c.doc
    s, e = c.start, c.end
    # an internal possessive ("the South's Blue House") leaves the part after it
    for k in range(e - 2, s, -1):
        if doc[k].text in _POSSESSIVE[:2] and c.label in ("ORG", "FAC", "LOC"):
            s = k + 1
            break
    while s < e and (doc[s].text in words.drop_leading or doc[s].is_punct):
        s += 1
    while s < e and doc[s].lower_ in lex.honorifics:
        c.honorific = doc[s].text
        s += 1
    if c.honorific is None and c.label == "PERSON" and s > 0 and doc[s - 1].lower_ in lex.honorifics and doc[s - 1].is_title:
        c.honorific = doc[s - 1].text  # "Mr" + "Brandt": the recogniser left the title out
    while e > s and (doc[e - 1].text in _POSSESSIVE or doc[e - 1].is_punct or doc[e - 1].is_space):
        e -= 1
    if e > s + 1 and doc[e - 1].lower_ in ("of", "for", "and"):
        # "Democratic Party of" + "Japan": the name goes on into the next entity
        if e < len(doc) and doc[e].ent_iob_ == "B" and c.label == "ORG":
            e += 1
            while e < len(doc) and doc[e].ent_iob_ == "I":
                e += 1
        else:
            e -= 1
    # "Moon Jae" + "-in": a hyphenated name part the recogniser left out
    while (
        c.label == "PERSON"
        and e + 1 < len(doc)
        and doc[e].text == "-"
        and not doc[e - 1].whitespace_
        and not doc[e].whitespace_
        and doc[e + 1].is_alpha
    ):
        e += 2
    if s >= e:
        return None
    c.start, c.end = s, e
    text = c.text
    if (
        len(text) < 2
        or any(ch.isdigit() for ch in text)
        or not any(t.is_title or t.is_upper for t in c.span)
        or text.islower()
        or "/" in text and c.label == "PERSON"
        or "\n" in text
        or len(c.span) > 10
        or c.label == "PERSON" and (text in words.not_persons or c.span[-1].lower_ in words.not_actor_heads)
    ):
        return None
    if c.label in ("ORG", "GPE", "LOC", "FAC", "NORP") and not c.gaz_id and s > 0:
        before = doc[s - 1]
        if c.span[-1].lower_ in words.not_actor_heads or c.span[-1].lower_ in words.org_heads:
            pass
        elif c.honorific or before.is_title and (before.lower_ in lex.last_words or before.lower_ in lex.honorifics):
            c.label = "PERSON"  # "Foreign Minister Lavrov", "Empress Michiko": a title makes a person
        elif before.text == "," and s > 1 and doc[s - 2].lower_ in lex.last_words and doc[s - 2].is_title:
            c.label = "PERSON"  # "the EU Special Representative, Miroslav Lajcak"
        elif before.lower_ == "of" and s > 1 and doc[s - 2].lower_ in lex.last_words:
            return None  # "Secretary of State": part of a title
    return c


def _is_dateline(c: Cand) -> bool:
    """"BEIJING —" at the start of a paragraph is where the story was filed."""
    doc = c.doc
    before = doc[c.start - 1] if c.start else None
    after = doc[c.end] if c.end < len(doc) else None
    starts_par = before is None or "\n" in before.text or before.is_space
    return bool(c.text.isupper() and starts_par and after is not None and after.text in ("—", "–", "-", ","))


def _lookup(c: Cand, gazetteer: Gazetteer) -> GazetteerEntry | None:
    if c.gaz_id:
        entry = gazetteer.get(c.gaz_id)
        if entry is not None:
            return entry
    found = gazetteer.lookup(c.text)
    if not found:
        return None
    wanted = _LABEL_TYPES.get(c.label)
    typed = [e for e in found if e.type == wanted] or found
    keys = {e.key for e in typed}
    if len(keys) == 1:
        return typed[0]
    if wanted != "Person" and len({e.type for e in typed}) == 1:
        return typed[0]
    return None


def candidates(docs: list[tuple[int, Doc]], words: Words, lex: Lexicon) -> list[Cand]:
    """Cleaned entity spans of every piece, in text order."""
    out: list[Cand] = []
    for n, (offset, doc) in enumerate(docs):
        for ent in doc.ents:
            if ent.label_ not in _LABEL_TYPES:
                continue
            c = _clean(
                Cand(n, doc, offset, ent.start, ent.end, ent.label_, ent.ent_id_ or None), words, lex
            )
            if c is not None:
                out.append(_embedded(c, words) or c)
    kept: list[Cand] = []
    for c in out:  # an embedded name swallows the entities it spans
        if kept and kept[-1].piece == c.piece and c.start < kept[-1].end:
            if c.end - c.start > kept[-1].end - kept[-1].start:
                kept[-1] = c
            continue
        kept.append(c)
    kept.extend(b for c in kept if (b := _state_body(c, words)) is not None)
    kept.sort(key=lambda c: (c.piece, c.start, -c.end))
    return kept


def _state_body(c: Cand, words: Words) -> Cand | None:
    """"Elbonian Defence Ministry": a state's body the recogniser left unmarked after the state."""
    if c.label not in ("GPE", "NORP") or c.span[-1].text in _POSSESSIVE:
        return None
    doc = c.doc
    e = c.end
    while e < len(doc) and e - c.end < 4 and doc[e].is_title and doc[e].ent_iob_ != "B":
        e += 1
    if e == c.end or doc[e - 1].lower_ not in words.org_heads:
        return None
    return Cand(c.piece, doc, c.offset, c.start, e, "ORG", None)


def _embedded(c: Cand, words: Words) -> Cand | None:
    """"the South China Morning Post": a place name inside a capitalised body name."""
    if c.label not in ("GPE", "NORP", "LOC") or c.start == 0:
        return None
    doc = c.doc
    before = doc[c.start - 1]
    if not before.is_title or before.is_sent_start or before.lower_ in words.drop_leading:
        return None
    e = c.end
    while e < len(doc) and e - c.end < 4 and doc[e].is_title and not doc[e].is_punct:
        e += 1
    if e == c.end or doc[e - 1].lower_ not in words.org_heads:
        return None
    s = c.start - 1
    while s > 0 and doc[s - 1].is_title and not doc[s - 1].is_sent_start and c.start - s < 3:
        s -= 1
    return Cand(c.piece, doc, c.offset, s, e, "ORG", None)


# --------------------------------------------------------------------- states and places


def _acting(c: Cand, words: Words) -> bool:
    """Whether a capital stands for its state here ("Seoul's proposal", not "in Seoul")."""
    if _is_dateline(c):
        return False
    tok = c.span.root
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ in words.locative:
        return False
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in words.not_actor_heads:
        return False
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in words.place_verbs:
        return False
    return tok.dep_ not in ("compound", "npadvmod", "appos")


def _state_kind(c: Cand, entry: GazetteerEntry) -> MentionKind:
    text = c.text.casefold()
    if any(text == d.casefold() for d in entry.demonyms):
        return "demonym"
    if any(text == cap.casefold() for cap in entry.capitals):
        return "metonym"
    return "name"


def _after_affix(c: Cand, words: Words) -> bool:
    """"inter-Korean", "anti-American": the demonym is part of another word."""
    doc = c.doc
    if c.start >= 2 and doc[c.start - 1].text == "-" and not doc[c.start - 2].whitespace_:
        return doc[c.start - 2].lower_ in words.affix_prefixes
    return False


# --------------------------------------------------------------------- organisations


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w and w.lower() not in _INITIAL_SKIP and w[0].isupper())


def _looks_like_org(c: Cand, words: Words, lowered_text: str) -> bool:
    toks = [t for t in c.span if not t.is_punct]
    if not toks:
        return False
    if _ACRONYM.match(c.text):
        return True  # "RFE/RL", "NATO"
    last = toks[-1].lower_
    if last in words.not_actor_heads:
        return False
    if last in words.org_heads or any(t.lower_ in words.org_heads for t in toks[:-1]) and len(toks) > 2:
        return True
    if len(toks) == 1:
        word = toks[0].text
        if _ACRONYM.match(word):
            return True
        # a capitalised common word ("Games") shows itself in lower case elsewhere
        return word[0].isupper() and f" {word.lower()} " not in lowered_text and toks[0].pos_ in ("PROPN", "NOUN")
    return False  # a capitalised run without a body word may be anything: not an actor


# --------------------------------------------------------------------- the stage


class _Builder:
    """Collects entities and mentions for one article."""

    def __init__(self, article: Article, gazetteer: Gazetteer) -> None:
        self.article = article
        self.gazetteer = gazetteer
        self.day = article.published.isoformat() if article.published else None
        self.index = EntityIndex()
        self.words = load_words()
        self.lex = load_lexicon()
        self.gender: dict[EntityKey, str] = {}
        self.seats: dict[EntityKey, bool] = {}
        self.acronyms: dict[str, EntityKey | None] = {}

    def entity(self, key: EntityKey, label: str, type_: EntityType, entry: GazetteerEntry | None = None) -> EntityDraft:
        draft = self.index.add_entity(EntityDraft(key=key, label=label, type=type_))
        if entry is not None and not draft.same_as:
            draft.same_as = list(entry.same_as)
            draft.roles = [
                DraftRole(r.title, r.of, _month(r.start), _month(r.end)) for r in entry.roles_on(self.day)
            ]
        return draft

    def mention(self, c: Cand, key: EntityKey, kind: MentionKind, start: int | None = None) -> None:
        s = c.char_start if start is None else start
        text = self.article.text[s : c.char_end]
        c.key, c.kind = key, kind
        self.index.add_mention(Mention(s, c.char_end, key, text, kind))
        draft = self.index.entities.get(key)
        if draft is not None and kind not in ("pronoun", "group"):
            draft.aliases.add(text)

    # -- states, places, bodies --------------------------------------------------

    def states_and_bodies(self, cands: list[Cand], extra: list[Cand], lowered: str) -> None:
        seat_texts: set[str] = set()
        extra_set = {id(c) for c in extra}
        for c in cands:
            if c.key is not None or c.label == "PERSON":
                continue
            if c.key is None and id(c) in extra_set:
                continue  # a surname the recogniser took for a place or body
            entry = _lookup(c, self.gazetteer)
            if entry is not None and entry.type == "Person":
                continue
            if entry is not None and entry.type == "Country":
                kind = _state_kind(c, entry)
                if kind == "metonym" and c.span[-1].lower_ in self.words.seat_heads:
                    self.body(c)  # a seat of government (White House, Downing Street) is a body
                    continue
                if kind == "demonym" and _after_affix(c, self.words):
                    continue
                if kind == "metonym" and not _acting(c, self.words):
                    self.place(c)
                    continue
                self.entity(entry.key, entry.label, "Country", entry)
                self.mention(c, entry.key, kind)
                c.type = "Country"
                continue
            if entry is not None and entry.type == "Organization":
                self.body(c, entry.key, entry)
                continue
            if entry is not None:
                self.entity(entry.key, entry.label, entry.type, entry)
                self.mention(c, entry.key, "name")
                c.type = entry.type
                continue
            if entry is None and len(c.span) == 1 and c.text[0].isupper() and not _ACRONYM.match(c.text):
                known = self.by_surname(c.text)
                if known is not None:  # "Kurti and Vucic": a lone surname of a known office-holder
                    self.entity(known.key, known.label, "Person", known)
                    self.mention(c, known.key, "alias")
                    c.type = "Person"
                    continue
            if c.label == "NORP":
                continue
            if entry is None and self.shared_head(c):
                continue  # "North and South Korea": two states
            if c.text in self.words.compass:
                self.compass_state(c)  # "the North" for North Korea, when the text names it
                continue
            if _ACRONYM.match(c.text) and self.parenthesised(c):
                continue
            if c.label == "ORG":
                if _looks_like_org(c, self.words, lowered):
                    self.body(c)
                continue
            if c.label in ("LOC", "FAC") and (c.text in seat_texts or self._speaks(c)):
                seat_texts.add(c.text)
                self.body(c)
                continue
            if not _is_dateline(c):
                self.place(c)

    def _names_state(self, c: Cand) -> bool:
        """Whether the span is a gazetteer state's own name or alias (not a demonym or capital)."""
        entry = self.gazetteer.get(c.gaz_id) if c.gaz_id else None
        if entry is None or entry.type == "Person":
            return False
        return c.text.casefold() in {n.casefold() for n in (entry.label, *entry.aliases)}

    def role_offices(self, docs: list[tuple[int, Doc]], covered: set[tuple[int, int]]) -> None:
        """"the prime minister's office said": an office named by its holder's title is a body."""
        for n, (offset, doc) in enumerate(docs):
            for t in doc:
                if t.lower_ != "office" or t.dep_ not in ("nsubj", "nsubjpass") or t.i < 3:
                    continue
                if doc[t.i - 1].text not in _POSSESSIVE[:2] or (n, t.i - 2) in covered:
                    continue
                k = t.i - 2
                while k > 0 and doc[k - 1].lower_ in self.lex.modifiers | self.lex.last_words:
                    k -= 1
                title = " ".join(x.text for x in doc[k : t.i - 1])
                if not self.lex.is_head(title):
                    continue
                label = f"{title.title()}'s Office"
                key = ids.actor_key(label, "Organization")
                self.entity(key, label, "Organization")
                s, e = offset + doc[k].idx, offset + t.idx + len(t.text)
                self.index.add_mention(Mention(s, e, key, self.article.text[s:e], "name"))
                self.index.entities[key].aliases.add(self.article.text[s:e])

    def hyphen_states(self, docs: list[tuple[int, Doc]], covered: set[tuple[int, int]]) -> None:
        """"a U.S.-backed package": a state's name glued to a word in one token."""
        for n, (offset, doc) in enumerate(docs):
            for t in doc:
                if "-" not in t.text or t.is_alpha or (n, t.i) in covered:
                    continue
                head = t.text.split("-", 1)[0]
                entry = next((e for e in self.gazetteer.lookup(head) if e.type == "Country"), None) if head else None
                if entry is None or not (head[0].isupper()):
                    continue
                self.entity(entry.key, entry.label, "Country", entry)
                start = offset + t.idx
                self.index.add_mention(Mention(start, start + len(head), entry.key, head, "name"))
                self.index.entities[entry.key].aliases.add(head)

    def shared_head(self, c: Cand) -> bool:
        """"North and South Korea": two gazetteer states sharing their last word."""
        words = c.text.split()
        if len(words) < 4 or "and" not in words[1:-2]:
            return False
        k = words.index("and")
        first = " ".join(words[:k] + words[-1:])
        second = " ".join(words[k + 1 :])
        found = [next((e for e in self.gazetteer.lookup(n) if e.type == "Country"), None) for n in (first, second)]
        if any(e is None for e in found):
            return False
        doc = c.doc
        cut = next(t for t in c.span if t.lower_ == "and")
        for entry, (start, end) in zip(found, ((c.start, cut.i), (cut.i + 1, c.end))):
            assert entry is not None
            self.entity(entry.key, entry.label, "Country", entry)
            s, e = c.offset + doc[start].idx, c.offset + doc[end - 1].idx + len(doc[end - 1].text)
            self.index.add_mention(Mention(s, e, entry.key, self.article.text[s:e], "alias"))
        return True

    def compass_state(self, c: Cand) -> None:
        doc = c.doc
        if c.end + 2 < len(doc) and doc[c.end].lower_ in ("and", "or", "&"):
            # "North and South Korea": the head word is written once, after the second part
            nxt = doc[c.end + 1 : c.end + 3]
            if nxt[0].text in self.words.compass:
                entry = next((e for e in self.gazetteer.lookup(f"{c.text} {nxt[1].text}") if e.type == "Country"), None)
                if entry is not None:
                    self.entity(entry.key, entry.label, "Country", entry)
                    self.mention(c, entry.key, "alias")
                    return
        states = {
            k for k, e in self.index.entities.items() if e.type == "Country" and e.label.split()[0] == c.text
        }
        if len(states) == 1:
            the = c.doc[c.start - 1] if c.start else None
            start = c.offset + the.idx if the is not None and the.lower_ == "the" else None
            self.mention(c, states.pop(), "alias", start)

    def parenthesised(self, c: Cand) -> bool:
        """"the Demilitarized Zone (DMZ)": an acronym in brackets names what precedes it."""
        doc = c.doc
        if c.text not in self.acronyms and (
            c.start < 2 or doc[c.start - 1].text != "(" or c.end >= len(doc) or doc[c.end].text != ")"
        ):
            return False
        before = doc[c.start - 2]
        if c.text in self.acronyms:
            key = self.acronyms[c.text]
        elif not (before.is_title or before.is_upper):
            return False
        else:
            key = self.index.entity_at(c.offset + before.idx, c.offset + before.idx + len(before.text))
            self.acronyms[c.text] = key
        if key is not None:
            self.mention(c, key, "alias")
        return True

    def _speaks(self, c: Cand) -> bool:
        tok = c.span.root
        return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX")

    def place(self, c: Cand) -> None:
        if c.span[-1].lower_ in self.words.not_actor_heads or _is_dateline(c):
            return
        key = ids.actor_key(c.text, "Location")
        self.entity(key, c.text, "Location")
        self.mention(c, key, "name")
        c.type = "Location"

    def body(self, c: Cand, key: EntityKey | None = None, entry: GazetteerEntry | None = None) -> None:
        key = key or ids.actor_key(c.text, "Organization")
        self.entity(key, entry.label if entry else c.text, "Organization", entry)
        self.mention(c, key, "name")
        c.type = "Organization"
        if c.span[-1].lower_ in self.words.seat_heads:
            self.seats.setdefault(key, False)
            if _acting(c, self.words):
                self.seats[key] = True

    def settle_seats(self) -> None:
        """A seat of power never acting in the text ("the South Lawn of the White House") is a place."""
        for key, acting in self.seats.items():
            if not acting and key in self.index.entities:
                self.index.entities[key].type = "Location"

    def merge_bodies(self) -> None:
        """Acronyms and country-prefixed names join the body they abbreviate."""
        orgs = {k: e for k, e in self.index.entities.items() if e.type == "Organization" and "/" in k}
        by_initials: dict[str, EntityKey] = {}
        by_label: dict[str, EntityKey] = {}
        for k, e in orgs.items():
            if len(e.label.split()) > 1:
                by_initials.setdefault(_initials(e.label), k)
            by_label[e.label] = k
        target: dict[EntityKey, EntityKey] = {}
        for k, e in orgs.items():
            label = e.label
            if _ACRONYM.match(label) and by_initials.get(label.replace(".", "")) not in (None, k):
                target[k] = by_initials[label.replace(".", "")]
                continue
            parts = label.split(" ", 1)
            if (
                len(parts) == 2
                and by_label.get(parts[1], k) != k
                and any(x.type == "Country" for x in self.gazetteer.lookup(parts[0]))
            ):
                target[k] = by_label[parts[1]]
        self._remap(target)

    def _remap(self, target: dict[EntityKey, EntityKey]) -> None:
        if not target:
            return
        for old, new in target.items():
            gone = self.index.entities.pop(old)
            keep = self.index.entities[new]
            keep.aliases |= gone.aliases | {gone.label}
            if len(gone.label) > len(keep.label) and not _ACRONYM.match(gone.label):
                keep.label = gone.label
        mentions = self.index.mentions
        self.index._mentions = []
        for m in mentions:
            self.index.add_mention(Mention(m.start, m.end, target.get(m.key, m.key), m.text, m.kind))

    # -- persons ------------------------------------------------------------------

    def by_surname(self, word: str) -> GazetteerEntry | None:
        """The one gazetteer person in a named office on the article's day whose name ends in ``word``.

        Phoenix's generic "Government" roles do not count: too many people hold them.
        """
        if len(word) < 4:
            return None  # "Sun", "Kim", "Li": too many people, and often a given name
        found = [
            e
            for e in _surnames(self.gazetteer).get(word, [])
            if any(r.title != "Government" for r in (e.roles_on(self.day) if self.day else e.roles))
        ]
        return found[0] if len(found) == 1 else None

    def persons(self, cands: list[Cand], extra: list[Cand]) -> None:
        people: list[_Person] = []
        named = [c for c in cands if c.label == "PERSON"]
        entries: dict[int, GazetteerEntry | None] = {id(c): _lookup(c, self.gazetteer) for c in named}
        for c in named:
            e = entries[id(c)]
            if e is not None and e.type != "Person":
                entries[id(c)] = None
                if e.type == "Country":
                    c.label = "GPE"  # handled as a state
        named = [c for c in named if c.label == "PERSON"]
        full = sorted({c.text for c in named if len(c.words) > 1}, key=lambda t: -len(t.split()))
        for name in full:
            home = next((p for p in people if _part_of(name, p.full) or _spelling(name, p.full)), None)
            if home is None:
                people.append(_Person([name]))
            else:
                home.names.append(name)
        by_name = {n: p for p in people for n in p.names}
        last_seen: dict[int, int] = {}
        for c in sorted(named + extra, key=lambda c: c.char_start):
            person = by_name.get(c.text)
            if person is None:
                fits = [p for p in people if _part_of(c.text, p.full)]
                if fits:
                    person = max(fits, key=lambda p: last_seen.get(id(p), -1))
                else:
                    if c in extra:
                        continue
                    known = self.by_surname(c.text) if len(c.words) == 1 else None
                    if known is not None:
                        entries[id(c)] = known
                    person = _Person([c.text])
                    people.append(person)
                    by_name[c.text] = person
            last_seen[id(person)] = c.char_start
            person.mentions.append(c)
            e = entries.get(id(c))
            if e is not None and (person.key is None or len(c.words) > 1):
                person.key = e.key
            g = honorific_gender(c.honorific or "", self.lex)
            if g:
                person.gender = g
        for p in people:
            if not p.mentions:
                continue
            entry = self.gazetteer.get(p.key) if p.key else None
            key = entry.key if entry else ids.actor_key(p.full, "Person")
            draft = self.entity(key, entry.label if entry else p.full, "Person", entry)
            if entry is None and draft.label != p.full and len(p.full) > len(draft.label):
                draft.label = p.full
            for c in p.mentions:
                c.type = "Person"
                kind: MentionKind = "name" if c.text == p.full else "alias"
                start = None
                if c.honorific:
                    start = c.offset + c.doc[c.start - 1].idx
                    kind = "title"
                self.mention(c, key, kind, start)
            if p.gender:
                self.gender[key] = p.gender

    # -- roles --------------------------------------------------------------------

    def roles(self, cands: list[Cand], actor_at: dict[int, coref.TokenActors]) -> None:
        """Titles, appositives and counterparts next to person mentions."""
        counterparts: list[tuple[EntityKey, TextRole, Cand]] = []
        for c in cands:
            if c.type != "Person" or c.key is None:
                continue
            at = actor_at[c.piece].get
            draft = self.index.entities[c.key]
            for found in (
                title_before(c.doc, c.start - (1 if c.honorific else 0), at, self.lex),
                appositive_after(c.doc, c.end, at, self.lex),
                appositive_before(c.doc, c.start, at, self.lex),
            ):
                if found is None:
                    continue
                if found.title.lower() == "counterpart":
                    counterparts.append((c.key, found, c))
                else:
                    _add_role(draft, found)
                if found.start < c.start:
                    s = c.offset + c.doc[found.start].idx
                    text = self.article.text[s : c.char_end]
                    self.index.add_mention(Mention(s, c.char_end, c.key, text, "title"))
                    if found.of is None or c.doc[found.start].lower_ not in ("his", "her"):
                        draft.aliases.add(text.removeprefix("his ").removeprefix("her "))
        for key, found, c in counterparts:
            other = coref.possessor(c.doc, max(found.start - 1, 0), c.offset, self.index)
            if other is None:  # the nearest person with a role earlier in the sentence
                sent = sentence_of(c.doc, c.start)
                earlier = self.index.mentions_in(c.offset + sent.start_char, c.char_start)
                other = next(
                    (m.key for m in reversed(earlier) if m.key != key and self.index.entities[m.key].roles
                     and self.index.entities[m.key].type == "Person"),
                    None,
                )
            titles = [r.title for r in self.index.entities[other].roles] if other else []
            draft = self.index.entities[key]
            if titles:
                _add_role(draft, TextRole(title=titles[0], of=found.of, start=found.start))
            elif found.of:
                _add_role(draft, found)

    # -- all ----------------------------------------------------------------------

    def build(self, docs: list[tuple[int, Doc]]) -> EntityIndex:
        cands = candidates(docs, self.words, self.lex)
        person_cands = [c for c in cands if c.label == "PERSON"]
        person_words = {w for c in person_cands if len(c.words) > 1 for w in c.words}
        lowered = " " + " ".join(d.text for _, d in docs) + " "  # to find common words written lower-case
        # surnames mislabelled as places/bodies, and surnames the recogniser missed
        covered = {(c.piece, i) for c in cands for i in range(c.start, c.end)}
        full_names = {c.text for c in person_cands if len(c.words) > 1}
        extra = [
            c
            for c in cands
            if c.label in ("ORG", "GPE", "LOC", "FAC", "NORP")
            and not self._names_state(c)
            and any(_part_of(c.text, f) for f in full_names)
        ]
        for n, (offset, doc) in enumerate(docs):
            for t in doc:
                if (n, t.i) not in covered and t.pos_ == "PROPN" and t.text in person_words and t.is_title:
                    extra.append(Cand(n, doc, offset, t.i, t.i + 1, "PERSON", None))
                elif t.is_title and t.lower_ in self.lex.honorifics and (n, t.i + 1) not in covered:
                    named = _named_after(doc, t.i + 1, {i for p, i in covered if p == n})
                    if named is not None:  # "Empress Michiko" that the recogniser missed
                        c = Cand(n, doc, offset, t.i + 1, named, "PERSON", None, honorific=t.text)
                        cands.append(c)
                        person_cands.append(c)
        self.persons(cands, extra)
        self.states_and_bodies(cands, extra, lowered)
        self.hyphen_states(docs, covered)
        self.role_offices(docs, covered)
        self.merge_bodies()
        self.settle_seats()
        actor_at = coref.token_actors(docs, self.index)
        self.roles([c for c in cands + extra if c.key], actor_at)
        coref.resolve(docs, self.index, actor_at, self.lex, self.gender)
        return self.index


_SURNAMES: dict[int, dict[str, list[GazetteerEntry]]] = {}


def _surnames(gazetteer: Gazetteer) -> dict[str, list[GazetteerEntry]]:
    """Last word of every gazetteer person's label → the entries (built once per gazetteer)."""
    table = _SURNAMES.get(id(gazetteer))
    if table is None:
        table = {}
        for e in gazetteer.entries.values():
            if e.type == "Person" and len(e.label.split()) > 1:
                table.setdefault(e.label.split()[-1], []).append(e)
        _SURNAMES.clear()
        _SURNAMES[id(gazetteer)] = table
    return table


def _named_after(doc: Doc, i: int, covered: set[int]) -> int | None:
    """End of a run of up to three capitalised proper nouns starting at token ``i``, if any."""
    e = i
    while e < len(doc) and e - i < 3 and e not in covered and doc[e].pos_ == "PROPN" and doc[e].is_title:
        e += 1
    return e if e > i else None


def _part_of(name: str, full: str) -> bool:
    """Whether ``name``'s words open or close ``full``'s ("Kim" in "Kim Jong Un")."""
    n, f = name.split(), full.split()
    if len(n) > len(f):
        return False
    if n == f[: len(n)] or n == f[-len(n) :]:
        return True
    # "Jae-in" vs "Jae - in": compare without hyphen spacing
    return full.replace(" - ", "-").endswith(name.replace(" - ", "-"))


def _month(day: str | None) -> str | None:
    """A role date as the records take it (YYYY-MM or YYYY-MM-DD); a bare year is dropped."""
    return day if day and len(day) >= 7 else None


def _spelling(a: str, b: str) -> bool:
    """Two spellings of one name ("Isaias Afwerki" / "Isaias Afewerki")."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or len(wa) < 2 or wa[0] != wb[0]:
        return False
    return SequenceMatcher(None, a, b).ratio() >= 0.88


def _add_role(draft: EntityDraft, found: TextRole) -> None:
    for r in draft.roles:
        if r.title.lower() == found.title.lower():
            if r.of is None and found.of:
                r.of = found.of
            return
        if found.title.lower() in r.title.lower() and (found.of is None or found.of == r.of):
            return
    draft.roles.append(DraftRole(title=found.title, of=found.of))


def find_entities(docs: list[tuple[int, Doc]], article: Article, gazetteer: Gazetteer) -> EntityIndex:
    """The article's entities and mentions (offsets are article-global)."""
    index = _Builder(article, gazetteer).build(docs)
    counts = Counter(e.type for e in index.entities.values())
    logger.debug("%s: entities %s, mentions %d", article.id, dict(counts), len(index.mentions))
    return index


__all__ = ["LEXICON_PATH", "Cand", "Words", "candidates", "find_entities", "load_words"]
