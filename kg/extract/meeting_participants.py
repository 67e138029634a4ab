"""Who took part: from a noun phrase's head token to the entity keys it refers to.

A participant phrase is read in this order, stopping at the first that gives an actor:
the entity mentioned on the head word itself ("Moon Jae-in"), an apposition ("his
counterpart, Scott Morrison"), a plural reference ("the two leaders", "both countries",
"their"), and, for an actor noun ("the Chinese premier", "a delegation of Hamas leaders"),
the actors named in its modifiers or its "of" phrase. Coordinations give one participant
per conjunct; an elliptical coordination ("North and South Korea") is expanded by name.

Names the entity index lacks are looked up in the index's own labels first, then in the
gazetteer; an entity found there is added to the index so the record carries it.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass

from spacy.tokens import Token

from kg import ids
from kg.extract.context import Context, EntityDraft, Mention
from kg.extract.meeting_lexicon import Lexicon
from kg.gazetteer import Gazetteer

logger = logging.getLogger(__name__)


_ELLIPSIS = re.compile(r"^(?:the\s+)?([A-Z][\w.-]*)\s+(?:and|&)\s+([A-Z][\w.-]*)\s+([A-Z][\w.-]*)$")
_PERSONAL_PLURALS = frozenset({"their", "they", "them"})


class MentionView:
    """The index's mentions sorted by start, searched with bisection and an early stop.

    A snapshot taken per parsed piece: the meeting stage adds entities, never mentions.
    """

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = sorted(mentions)
        self.starts = [m.start for m in self.mentions]
        self.longest = max((m.end - m.start for m in self.mentions), default=0)
        self.by_key: dict[str, list[Mention]] = {}
        for m in self.mentions:
            self.by_key.setdefault(m.key, []).append(m)

    def overlapping(self, start: int, end: int) -> list[Mention]:
        """Mentions overlapping ``[start, end)``, in text order."""
        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_left(self.starts, end)
        return [m for m in self.mentions[lo:hi] if m.end > start]

    def before(self, offset: int, window: int) -> list[Mention]:
        """Mentions ending at or before ``offset`` and at most ``window`` characters before it."""
        lo = bisect.bisect_left(self.starts, offset - window - self.longest)
        hi = bisect.bisect_left(self.starts, offset)
        return [m for m in self.mentions[lo:hi] if m.end <= offset and offset - m.end < window]


@dataclass(frozen=True)
class Participant:
    key: str
    certainty: float
    start: int
    """Article offset of the phrase the participant was read from."""


class ParticipantReader:
    """Reads participants from tokens of one parsed piece (``offset`` = its article offset)."""

    def __init__(self, ctx: Context, offset: int, lexicon: Lexicon, gazetteer: Gazetteer | None) -> None:
        self.ctx = ctx
        self.offset = offset
        self.lex = lexicon
        self.gazetteer = gazetteer
        self.certainty = lexicon.certainty
        self.view = MentionView(ctx.index.mentions)
        self.last_meeting: list[str] = []
        """Participants of the last meeting read in the article, for "the two leaders"."""

    # -- mentions ---------------------------------------------------------------------

    def _span(self, tok: Token) -> tuple[int, int]:
        return self.offset + tok.idx, self.offset + tok.idx + len(tok.text)

    def _type(self, key: str) -> str | None:
        entity = self.ctx.index.entities.get(key)
        return entity.type if entity else None

    def mentions_on(self, tok: Token) -> list[Mention]:
        """Mentions on the head word of an argument; a place there acts for its state."""
        start, end = self._span(tok)
        return self.view.overlapping(start, end)

    def mentions_over(self, first: Token, last: Token) -> list[Mention]:
        start, end = self.offset + first.idx, self.offset + last.idx + len(last.text)
        return [m for m in self.view.overlapping(start, end) if self._type(m.key) != "Location"]

    def from_mentions(self, mentions: list[Mention], start: int) -> list[Participant]:
        out: dict[str, Participant] = {}
        for m in mentions:
            key, certainty = m.key, self.certainty.get(m.kind, self.certainty["default"])
            if self._type(key) == "Location":
                key = self.state_of_place(key)
                certainty *= self.certainty["place"]
            out.setdefault(key, Participant(key, certainty, start))
        return list(out.values())

    def state_of_place(self, key: str) -> str:
        """A capital stands for its state ("traveled to Tehran"); other places stay places."""
        entity = self.ctx.index.entities.get(key)
        if entity is None or self.gazetteer is None:
            return key
        folded = entity.label.casefold()
        states = [
            e for e in self.gazetteer.lookup(entity.label)
            if e.type == "Country" and folded in {c.casefold() for c in e.capitals}
        ]
        if len(states) != 1:
            return key
        state = states[0]
        self.ctx.index.add_entity(EntityDraft(key=state.key, label=state.label, type=state.type, same_as=list(state.same_as)))
        return state.key

    # -- names the index lacks ----------------------------------------------------------

    def key_for_name(self, name: str, type_hint: str | None) -> str | None:
        """The key of the actor called ``name``: index labels/aliases, then the gazetteer."""
        folded = name.casefold()
        for entity in self.ctx.index.entities.values():
            if entity.label.casefold() == folded or folded in {a.casefold() for a in entity.aliases}:
                return entity.key
        if self.gazetteer is not None:
            for entry in self.gazetteer.lookup(name):
                if entry.label.casefold() == folded or folded in {a.casefold() for a in entry.aliases}:
                    self.ctx.index.add_entity(
                        EntityDraft(key=entry.key, label=entry.label, type=entry.type, same_as=list(entry.same_as))
                    )
                    return entry.key
        if type_hint in {"Country", "Organization"}:
            key = ids.actor_key(name, type_hint)
            self.ctx.index.add_entity(EntityDraft(key=key, label=name, type=type_hint))  # type: ignore[arg-type]
            return key
        return None

    def ellipsis(self, head: Token) -> list[Participant] | None:
        """``North and South Korea`` → North Korea + South Korea (None when not elliptical)."""
        left = head.left_edge
        if left.i == head.i:
            return None
        text = head.doc[left.i : head.i + 1].text
        m = _ELLIPSIS.match(text)
        if not m:
            return None
        first, second, shared = m.groups()
        hint_mentions = self.mentions_over(left, head)
        hint = self._type(hint_mentions[0].key) if hint_mentions else None
        names = [f"{first} {shared}", f"{second} {shared}"]
        existing = {self.ctx.index.entities[m.key].label.casefold() for m in hint_mentions if m.key in self.ctx.index.entities}
        if all(n.casefold() in existing for n in names):
            return None  # the index already tells them apart
        keys = [self.key_for_name(n, hint) for n in names]
        if any(k is None for k in keys):
            return None
        start = self._span(left)[0]
        return [Participant(k, self.certainty["ellipsis"], start) for k in keys if k]

    # -- plural references -------------------------------------------------------------

    def plural(self, head: Token, *, recent_only: bool = False) -> list[Participant] | None:
        """``the two leaders`` / ``both sides`` / ``their``: the last two actors of that sort."""
        lemma = head.lemma_.lower()
        words = {c.lower_ for c in head.children if c.dep_ in {"det", "nummod", "predet", "poss", "quantmod"}}
        before = self._span(head)[0]
        if head.lower_ in _PERSONAL_PLURALS:
            # "Li told Trudeau after their meeting": the actors of the same sentence first
            sent_start = self.offset + head.sent.start_char
            same = [m for m in self.view.overlapping(sent_start, before) if m.end <= before]
            people = list(dict.fromkeys(m.key for m in same if self._type(m.key) == "Person"))
            actors = list(dict.fromkeys(m.key for m in same if self._type(m.key) in {"Country", "Organization"}))
            for group in (people, actors):
                if len(group) >= 2:
                    return [Participant(k, self.certainty["plural"], before) for k in group[-2:]]
            # else only the sides of the meeting just read: "they" is too loose for more
            if len(self.last_meeting) >= 2:
                return [Participant(k, self.certainty["plural"], before) for k in self.last_meeting]
            return None
        elif lemma in self.lex.plural_person and head.tag_ in {"NNS", "NNPS"} and (
            words & self.lex.plural_determiners
            or ("the" in words and self.last_meeting and not self._modified(head))
        ):
            # "Scholz spoke with Putin, the first call between the two leaders": same sentence first
            sent_start = self.offset + head.sent.start_char
            people = list(dict.fromkeys(
                m.key for m in self.view.overlapping(sent_start, before)
                if m.end <= before and self._type(m.key) == "Person"
            ))
            if len(people) >= 2:
                return [Participant(k, self.certainty["plural"], before) for k in people[-2:]]
            wanted: set[str] = {"Person"}
        elif lemma in self.lex.plural_state and head.tag_ in {"NNS", "NNPS"} and words & self.lex.plural_determiners:
            wanted = {"Country", "Organization"}
        else:
            return None
        if any(self.mentions_over(c, c) for c in head.lefts if c.dep_ in {"amod", "compound", "poss"}):
            return None  # "the two Korean leaders" names its own actors
        recent = self._from_last_meeting(wanted)
        if recent:
            return [Participant(k, self.certainty["plural"], before) for k in recent]
        if recent_only or not words & self.lex.plural_determiners:
            return None
        found: list[str] = []
        for m in reversed(self.view.before(before, 1500)):
            if self._type(m.key) in wanted and m.key not in found:
                found.append(m.key)
                if len(found) == 2:
                    break
        if len(found) < 2:
            return None
        return [Participant(k, self.certainty["plural"], before) for k in reversed(found)]

    @staticmethod
    def _modified(head: Token) -> bool:
        """"the foreign ministers'", "the leaders of Turkey": not a bare back-reference."""
        return any(c.dep_ in {"amod", "compound", "nmod", "prep", "acl", "relcl"} for c in head.children)

    def _from_last_meeting(self, wanted: set[str]) -> list[str]:
        """The participants of the article's last meeting so far, as persons or as states."""
        if not self.last_meeting:
            return []
        if "Person" in wanted:
            keys = [k for k in self.last_meeting if self._type(k) == "Person"]
        else:
            keys = list(dict.fromkeys(self.state_of(k) or "" for k in self.last_meeting))
            keys = [k for k in keys if k and self._type(k) in wanted]
        return keys if len(keys) == len(self.last_meeting) and len(keys) >= 2 else []

    def state_of(self, key: str) -> str | None:
        """The state or body a person holds office for (the key itself for a state)."""
        entity = self.ctx.index.entities.get(key)
        if entity is None:
            return None
        if entity.type != "Person":
            return key
        for role in entity.roles:
            if role.of and role.of in self.ctx.index.entities:
                return role.of
        # "his Japanese counterpart Katsuya Okada": the state named inside a titled mention
        for m in self.view.by_key.get(key, []):
            if m.kind == "title":
                for inner in self.view.overlapping(m.start, m.end):
                    if inner.key != key and self._type(inner.key) == "Country":
                        return inner.key
        return None

    # -- phrases -----------------------------------------------------------------------

    def resolve(self, tok: Token, *, conjuncts: bool = True, strict: bool = False) -> list[Participant]:
        """The actors a phrase headed by ``tok`` names (one per conjunct).

        ``strict`` drops the modifier rule, for objects like "welcomed Egypt's willingness".
        """
        out: list[Participant] = []
        heads = [tok, *(c for c in tok.conjuncts if c.i > tok.i)] if conjuncts else [tok]
        for head in heads:
            out.extend(self._resolve_one(head, strict))
        seen: dict[str, Participant] = {}
        for p in out:
            seen.setdefault(p.key, p)
        return list(seen.values())

    def _resolve_one(self, tok: Token, strict: bool) -> list[Participant]:
        if tok.lower_ in self.lex.relative_pronouns and tok.head.dep_ == "relcl":
            tok = tok.head.head
        start = self._span(tok)[0]
        split = self.ellipsis(tok)
        if split:
            return split
        on_head = self.mentions_on(tok)
        if (
            tok.lower_ in _PERSONAL_PLURALS
            and len({m.key for m in on_head}) < 2
            and all(m.kind in {"pronoun", "group", "other"} for m in on_head)
        ):
            # "They have spoken on the phone before": the two sides in focus, not one state
            plural = self.plural(tok)
            if plural:
                return plural
        if on_head and all(m.kind == "group" for m in on_head):
            # "both nations" right after a meeting: that meeting's sides, before any guess
            plural = self.plural(tok, recent_only=True)
            if plural:
                return plural
        named = [m for m in on_head if m.kind in {"name", "alias"}]
        if on_head and (named or not self._appositions(tok)):
            return self.from_mentions(self._best(on_head), start)
        for child in self._appositions(tok):
            found = self._resolve_one(child, strict)
            if found:
                return found
        if on_head:
            return self.from_mentions(self._best(on_head), start)
        plural = self.plural(tok)
        if plural:
            return plural
        lemma = tok.lemma_.lower()
        if lemma not in self.lex.actor_nouns and (strict or tok.pos_ != "PROPN"):
            return []
        leaders = self._led_by(tok)
        if leaders:
            return leaders
        mods = [c for c in tok.lefts if c.dep_ in {"amod", "compound", "poss", "nmod", "npadvmod"}]
        mentions: list[Mention] = []
        for mod in mods:
            mentions.extend(self.mentions_over(mod.left_edge, mod.right_edge))
        if mentions:
            # "Maduro's government", "Trump's envoy": the possessor's state, not the possessor
            bodies = [m for m in mentions if self._type(m.key) != "Person"]
            if bodies:
                return self.from_mentions(bodies, start)
            states = [s for s in (self.state_of(m.key) for m in mentions) if s]
            return [Participant(k, self.certainty["modifier"], start) for k in dict.fromkeys(states)]
        by_name = self._demonyms(mods, start)
        if by_name:
            return by_name
        for child in tok.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return self.resolve(obj, strict=True)
        return []

    def _best(self, mentions: list[Mention]) -> list[Mention]:
        """Of the mentions on one head word: the persons, else a group's members, else one."""
        persons = [m for m in mentions if self._type(m.key) == "Person"]
        if persons:
            return persons
        groups = [m for m in mentions if m.kind == "group"]
        return groups or mentions[:1]

    def _appositions(self, tok: Token) -> list[Token]:
        return [c for c in tok.children if c.dep_ == "appos"]

    def _led_by(self, tok: Token) -> list[Participant]:
        """``a delegation headed by X``: the named leader stands for the delegation."""
        for acl in tok.children:
            if acl.dep_ == "acl" and acl.lemma_.lower() in self.lex.led_by:
                for prep in acl.children:
                    if prep.dep_ == "agent" or (prep.dep_ == "prep" and prep.lower_ == "by"):
                        for obj in prep.children:
                            if obj.dep_ == "pobj":
                                found = [p for p in self.resolve(obj, strict=True) if self._type(p.key) == "Person"]
                                if found:
                                    return found
        return []

    def _demonyms(self, mods: list[Token], start: int) -> list[Participant]:
        """``Egyptian officials`` when the index has no mention for "Egyptian": the gazetteer."""
        if self.gazetteer is None:
            return []
        out: list[Participant] = []
        for mod in mods:
            for word in mod.subtree:
                if word.pos_ not in {"ADJ", "PROPN"} or not word.text[:1].isupper():
                    continue
                entries = [e for e in self.gazetteer.lookup(word.text) if e.type in {"Country", "Organization"}]
                if len(entries) == 1 and word.text in entries[0].demonyms:
                    entry = entries[0]
                    self.ctx.index.add_entity(
                        EntityDraft(key=entry.key, label=entry.label, type=entry.type, same_as=list(entry.same_as))
                    )
                    out.append(Participant(entry.key, self.certainty["demonym"], start))
        return out


__all__ = ["MentionView", "Participant", "ParticipantReader"]
