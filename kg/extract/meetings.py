"""Meetings stage: parsed sentences + entity index → meeting drafts.

A meeting is read from a *cue* (``kg/nlp/patterns/meetings.json``): a verb ("met",
"visited", "spoke by phone", "hosted") or a noun ("talks", "summit", "phone call",
"Tuesday's meeting"). Around the cue the parse says

- who took part (:mod:`kg.extract.meeting_participants`): the verb's subject, objects and
  "with"/"between" phrases; the noun's possessor, modifiers ("EU summit") and "with"/
  "between"/"of" phrases, plus the subject of its light verb ("held talks") or, for a frame
  phrase ("during the call, Moon briefed Trump"), the subject and object of its clause;
- whether it happened (:mod:`kg.extract.meeting_status`): occurred, planned ("will meet",
  "agreed to hold", "is due to"), proposed ("could", "open to talks", "invited") or cancelled
  ("called off", "canceled"); "postponed" is planned, since the meeting is still expected,
  unless "indefinitely"; a planned or proposed meeting is CAMEO 036 (intent to meet);
- when (:mod:`kg.extract.dates`): the DATE expression attached to the cue's clause, else
  one attached to a verb governing the cue ("said today he held talks"), resolved against
  the publication date; "earlier in the day" is the day of the last dated meeting; "The
  visit on Friday" right after an undated meeting dates that meeting; a meeting with no
  day in the text gets none;
- where: an "in"/"at" place on the cue or its light verb, or the place visited.

A sentence yields one draft per event: drafts whose participants are a subset of another
draft of the same sentence and status are folded into it ("Egypt and Qatar acted as
mediators between Israel and Hamas in months of talks" is one four-party event), and a
visit to a country is dropped when the same sentence names the person met there.

>>> import spacy
>>> from kg.extract.context import EntityIndex
>>> from kg.ingest.article import Article
>>> doc = spacy.blank("en")("Nothing happened.")
>>> find_meetings(doc, 0, Context(article=Article(id="a", text=doc.text), index=EntityIndex()))
[]
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.extract.context import Context, MeetingDraft
from kg.extract.meeting_dates import dateline_end, meeting_date
from kg.extract.meeting_lexicon import Cue, Lexicon, load_lexicon
from kg.extract.meeting_participants import Participant, ParticipantReader
from kg.extract.meeting_status import StatusReading, read_status
from kg.extract.meeting_syntax import (
    channel,
    children,
    climb_noun,
    entity_span,
    excluded,
    forbidden,
    is_epithet,
    objects,
    prep_objects,
    subjects,
)
from kg.extract.records import Kind
from kg.gazetteer import Gazetteer, load_gazetteer

logger = logging.getLogger(__name__)

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_CHANNEL_KINDS: frozenset[Kind] = frozenset({"phone_call", "video_call"})
_BREAK = re.compile(r"\n\s*\n|(?<=[.!?”\"])\s*\n")
"""Where the parser ran two paragraphs (or a headline and a sentence) into one sentence."""
@dataclass
class _Reading:
    """One cue's draft while the sentence is still being read."""

    cue: Cue
    token: Token
    kind: Kind
    cameo: str
    participants: list[Participant] = field(default_factory=list)
    own: int = 0
    """How many participants the cue's own phrase gave (not its clause)."""
    gov: Token | None = None
    frame: Token | None = None
    """The verb of a frame phrase ("during the call, Moon briefed Trump")."""
    predicate: Token | None = None
    """The verb a noun cue is the subject of ("talks resumed on Tuesday", "could take place")."""
    location: str | None = None
    destination_only: bool = False
    """A visit whose second participant is the place visited."""


# -- the reading of one cue ---------------------------------------------------------------


class _SentenceReader:
    def __init__(self, doc: Doc, offset: int, ctx: Context, lex: Lexicon, gaz: Gazetteer | None) -> None:
        self.doc = doc
        self.offset = offset
        self.ctx = ctx
        self.lex = lex
        self.people = ParticipantReader(ctx, offset, lex, gaz)

    def actors(self, toks: list[Token]) -> list[Participant]:
        out: list[Participant] = []
        for t in toks:
            out.extend(self.people.resolve(t))
        return out

    def read(self, tok: Token, cue: Cue) -> _Reading | None:
        if forbidden(tok, cue) or (cue.is_verb and (tok.dep_ == "amod" or is_epithet(tok))):
            return None  # "visiting", "planned" as adjectives are no events of their own
        if cue.particle and not any(c.dep_ == "prt" and c.lower_ == cue.particle for c in tok.children):
            return None
        reading = _Reading(cue=cue, token=tok, kind=cue.kind, cameo=cue.cameo)
        if cue.is_verb:
            self._verb(reading)
        else:
            self._noun(reading)
        if excluded(tok, self.lex):
            return None
        via = channel(tok, reading.gov or reading.frame, cue, self.lex)
        if via is not None:
            reading.kind, reading.cameo = via.kind, via.cameo
        elif cue.require_modifier:
            return None
        if cue.require_own_participants and reading.own == 0:
            return None
        if reading.location is None:
            holders = [tok, reading.gov, reading.frame, reading.predicate]
            if reading.predicate is not None:
                holders += children(reading.predicate, {"xcomp"})  # "expected to take place in X"
            if cue.is_verb:
                holders += objects(tok) + prep_objects(tok, self.lex.with_preps)
            reading.location = self._place(holders)
        return reading

    def _verb(self, r: _Reading) -> None:
        tok, roles = r.token, r.cue.roles
        head = tok.head
        if tok.dep_ == "xcomp" and head.pos_ == "VERB" and head.lemma_.lower() not in self.lex.status_lexical:
            r.frame = head  # "received visiting Macron on Thursday": the clause's time and place
        elif tok.dep_ == "advcl" and head.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            r.frame = head  # "made a stopover in Islamabad on Monday to meet X": the trip's time and place
        elif (
            tok.dep_ == "acl"
            and head.lemma_.lower() in self.lex.trip_nouns
            and head.dep_ == "dobj"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        ):
            r.frame = head.head  # "paid a visit to X on Monday to meet Y": the trip's verb
        subj = self.actors(subjects(tok))
        withs = self.actors(prep_objects(tok, self.lex.with_preps))
        agents = self.actors(prep_objects(tok, {"by"})) if tok.tag_ == "VBN" else []
        object_toks = objects(tok)
        objs = self.actors(object_toks)
        if r.cue.require_object and not (objs or withs):
            return
        if r.cue.max_objects and len(object_toks) + len(children(tok, {"oprd", "attr", "xcomp"})) > r.cue.max_objects:
            return  # "called Maduro a puppet": naming, not calling
        if roles in {"symmetric", "host"}:
            r.participants = subj + objs + withs + agents
        elif roles == "talk":
            r.participants = subj + withs + self.actors(prep_objects(tok, {"to"})) + agents
        elif roles == "mediate":
            r.participants = subj + self.actors(prep_objects(tok, {"between", "among"}))
        elif roles == "visit":
            r.participants = subj + objs + agents
            self._visit_place(r, object_toks)
        elif roles == "travel":
            if any(self._is_cue(c) for c in tok.children if c.dep_ in {"xcomp", "advcl", "prep"}):
                return  # "arrived in Cairo to meet X", "flew in for talks": the purpose is the meeting
            places = prep_objects(tok, self.lex.travel_preps)
            dest = [p for p in self.actors(places) if self._type(p.key) in {"Country", "Organization", "Location"}]
            if dest:
                r.participants = subj + dest[:1]
                r.destination_only = True
                self._visit_place(r, places)
        r.own = len(r.participants)

    def _visit_place(self, r: _Reading, toks: list[Token]) -> None:
        for t in toks:
            place = self._place_name(t)
            if place:
                r.location = place
                if self.people.mentions_on(t) and all(
                    self._type(m.key) in {"Country", "Location"} for m in self.people.mentions_on(t)
                ):
                    r.destination_only = True
                return

    def _type(self, key: str) -> str | None:
        entity = self.ctx.index.entities.get(key)
        return entity.type if entity else None

    def _is_cue(self, tok: Token) -> bool:
        if tok.dep_ == "prep":
            return any(self._is_cue(c) for c in tok.children if c.dep_ == "pobj")
        cue = self.lex.cue_for(tok.lemma_, tok.pos_, tok.tag_)
        return cue is not None and cue.roles != "travel"

    def _noun(self, r: _Reading) -> None:
        tok, lex = r.token, self.lex
        own: list[Participant] = []
        own += self.actors(children(tok, {"poss"}))
        for mod in children(tok, {"compound", "amod", "nmod"}):
            mentions = self.people.mentions_over(mod.left_edge, mod.right_edge)
            own += self.people.from_mentions(mentions, self.offset + mod.idx)
        own += self.actors(prep_objects(tok, lex.noun_preps | set(r.cue.preps)))
        for place in prep_objects(tok, lex.place_preps):
            for clause_verb in children(place, {"relcl"}):
                if any(c.lower_ == "where" for c in clause_verb.children):
                    own += self.actors(subjects(clause_verb))  # "a summit in X, where he and Y agreed"
        if r.kind == "visit":
            self._visit_place(r, prep_objects(tok, {"to"}))  # "a visit to China"
        for acl in children(tok, {"acl"}):
            chain = [acl, *[c for c in acl.subtree if c.dep_ == "xcomp"]]
            for verb in chain:
                own += self.actors(prep_objects(verb, lex.with_preps))
            if acl.lemma_.lower() in lex.hosted_by:  # "talks hosted by China": the host took part
                own += self.actors(prep_objects(acl, {"by"}))
        for appos in children(tok, {"appos"}):
            own += self.actors(prep_objects(appos, lex.with_preps))
        if tok.dep_ == "nsubj" and tok.head.lemma_ == "be":
            for attr in children(tok.head, {"attr"}):
                own += self.actors(prep_objects(attr, lex.with_preps))
        r.own = len({p.key for p in own})
        if tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.pos_ in {"VERB", "AUX"}:
            r.predicate = tok.head
        clause: list[Participant] = []
        top = climb_noun(tok, lex)
        head = top.head
        if top.dep_ in {"dobj", "nsubjpass", "attr", "oprd"} and head.pos_ in {"VERB", "AUX"}:
            if head.lemma_.lower() in lex.support_verbs or head.lemma_.lower() in lex.status_lexical:
                r.gov = head
                clause += self.actors(subjects(head))
                clause += self.actors(prep_objects(head, lex.with_preps))
        elif top.dep_ == "pobj" and head.dep_ == "prep":
            holder = head.head
            prep = head.lower_
            if holder.pos_ == "ADP" and holder.dep_ in {"prep", "prt"} and prep in lex.exit_preps:
                holder = holder.head  # "pulled out of the talks": "out" parsed as a preposition
            framed = prep in lex.frame_preps or holder.lemma_.lower() in lex.copula_frames.get(prep, ())
            if framed and holder.pos_ in {"VERB", "AUX"}:
                r.frame = holder
                clause += self.actors(subjects(holder))
                if holder.lemma_.lower() in lex.frame_object_verbs:
                    clause += self.actors(objects(holder))
                clause += self.actors(prep_objects(holder, lex.with_preps))
            elif prep in lex.frame_preps and holder.pos_ in {"PROPN", "NOUN", "PRON"}:
                clause += self.people.resolve(holder, conjuncts=False)
            elif prep in lex.exit_preps and holder.pos_ == "VERB" and holder.lemma_.lower() in lex.exit_verbs:
                r.gov = holder  # "X pulled out of the talks with Y", "withdrew from talks"
                clause += self.actors(subjects(holder))
            elif prep in {"to", "for", "on"} and holder.pos_ in {"ADJ", "VERB", "NOUN"}:
                lemma = holder.lemma_.lower()
                if lemma in lex.status_lexical or lemma in lex.support_verbs:
                    verb = holder.head if holder.pos_ != "VERB" and holder.dep_ in {"acomp", "dobj", "attr"} else holder
                    if verb.pos_ in {"VERB", "AUX"}:
                        r.gov = verb if verb.i == holder.i else None
                        clause += self.actors(subjects(verb))
                        travel = lex.cue_for(verb.lemma_, verb.pos_, verb.tag_)
                        if r.kind == "visit" and travel is not None and travel.roles == "travel":
                            # "arrived in Canberra for a four-day visit": the place visited
                            places = prep_objects(verb, lex.travel_preps)
                            clause += self.actors(places)
                            self._visit_place(r, places)
        if not own and not clause and r.gov is None and r.frame is None:
            clause += self._frame_subject(top)
        r.participants = own + clause

    def _frame_subject(self, top: Token) -> list[Participant]:
        """"X and Y offered signals that a meeting could be on the table": the offering side."""
        tok = top
        for _ in range(4):
            if tok.head.i == tok.i:
                return []
            tok = tok.head
            if tok.pos_ in {"VERB", "AUX"} and tok.lemma_.lower() in self.lex.status_lexical:
                return self.actors(subjects(tok))
        return []

    def _place_name(self, tok: Token) -> str | None:
        """The place named by ``tok`` ("in Vienna", "in the village of Panmunjom")."""
        for probe in (tok, *[c for c in prep_objects(tok, {"of"})]):
            for m in self.people.mentions_on(probe):
                if self._type(m.key) in {"Location", "Country"}:
                    return m.text
            ent = entity_span(probe)
            if ent is not None and ent.label_ in _PLACE_LABELS:
                text = ent.text
                return text[4:] if text.lower().startswith("the ") else text
        return None

    def _place(self, holders: list[Token | None]) -> str | None:
        """The place of an "in"/"at" phrase on the cue, its verbs or its arguments."""
        for holder in holders:
            if holder is None:
                continue
            for obj in prep_objects(holder, self.lex.place_preps):
                name = self._place_name(obj)
                if name:
                    return name
        return None


# -- sentence assembly --------------------------------------------------------------------


def _evidence(sent: Span, cue: Token, offset: int) -> tuple[str, int, int]:
    """The sentence, cut to the line holding the cue when the parser ran lines together."""
    text = sent.text
    start = sent.start_char
    breaks = [m.end() for m in _BREAK.finditer(text)]
    if breaks:
        rel = cue.idx - start
        line_start = max([b for b in breaks if b <= rel], default=0)
        line_end = min([m.start() for m in _BREAK.finditer(text) if m.start() >= rel], default=len(text))
        text = text[line_start:line_end]
        start += line_start
    stripped = text.strip()
    start += len(text) - len(text.lstrip())
    return stripped, offset + start, offset + start + len(stripped)


def _confidence(r: _Reading, status: StatusReading, lex: Lexicon) -> float:
    parts = {p.key: p.certainty for p in r.participants}
    certainty = sum(parts.values()) / len(parts) if parts else 0.0
    weight = lex.status_weights.get(status.status, 1.0)
    own_bonus = 1.0 if r.own >= 2 else 0.9
    return round(max(0.0, min(1.0, r.cue.strength * (0.6 + 0.4 * certainty) * weight * own_bonus)), 3)


def _fold(drafts: list[tuple[MeetingDraft, _Reading]]) -> list[MeetingDraft]:
    """One draft per event in a sentence (see the module docstring)."""
    kept: list[tuple[MeetingDraft, _Reading]] = []
    visits: list[MeetingDraft] = []
    for d, r in sorted(drafts, key=lambda x: (-len(set(x[0].participants)), -x[0].confidence)):
        keys = set(d.participants)
        if r.destination_only and len(keys) == 2 and any(
            o is not d
            and o.status == d.status
            and set(o.participants) & keys
            and len(set(o.participants) - keys) >= 1
            and o.kind != "visit"
            for o, _ in drafts
        ):
            visits.append(d)  # "visited Freedonia and met Brandt": the meeting with the host
            continue
        host = next((k for k, _ in kept if keys <= set(k.participants) and k.status == d.status), None)
        if host is not None:
            if d.kind in _CHANNEL_KINDS and host.kind not in _CHANNEL_KINDS:
                host.kind, host.cameo = d.kind, d.cameo
            host.date = host.date or d.date
            host.location = host.location or d.location
            host.confidence = max(host.confidence, d.confidence)
            continue
        kept.append((d, r))
    for visit in visits:
        for d, _ in kept:
            if d.status == visit.status and set(d.participants) & set(visit.participants):
                d.date = d.date or visit.date
                d.location = d.location or visit.location
    return [d for d, _ in sorted(kept, key=lambda x: x[0].start)]


def find_meetings(
    doc: Doc,
    offset: int,
    ctx: Context,
    *,
    lexicon: Lexicon | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[MeetingDraft]:
    """Meeting drafts of one parsed piece (``offset``: where the piece starts in the article)."""
    if not doc.has_annotation("DEP"):
        return []
    lex = lexicon if lexicon is not None else load_lexicon()
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    reader = _SentenceReader(doc, offset, ctx, lex, gaz)
    # one dictionary look-up per token (the lexicon's Matcher gives the same cues, slower)
    cues: dict[int, Cue] = {}
    for tok in doc:
        cue = lex.cue_for(tok.lemma_, tok.pos_, tok.tag_)
        if cue is not None:
            cues[tok.i] = cue
    out: list[MeetingDraft] = []
    anchor: str | None = None
    previous: list[MeetingDraft] = []
    for sent in doc.sents:
        drafts: list[tuple[MeetingDraft, _Reading]] = []
        for i in range(sent.start, sent.end):
            cue = cues.get(i)
            if cue is None:
                continue
            found = _drafts(reader, doc[i], cue, sent, ctx, lex, offset, anchor)
            if not found and previous:
                _date_back_reference(reader, doc[i], cue, sent, ctx, lex, previous)
            drafts.extend(found)
        kept = _fold(drafts)
        if kept:
            reader.people.last_meeting = list(kept[-1].participants)
        previous = kept
        anchor = next((d.date for d in reversed([*out, *kept]) if d.date and len(d.date) == 10), None)
        out.extend(kept)
    return out


def _date_back_reference(
    reader: _SentenceReader, tok: Token, cue: Cue, sent: Span, ctx: Context, lex: Lexicon, previous: list[MeetingDraft]
) -> None:
    """"X met Y in Vienna. The visit on Friday was the first ...": the day of the meeting just told.

    A definite meeting noun with no sides of its own in the sentence right after an undated
    (or only month-dated) meeting refers back to it; its date is that meeting's.
    """
    if cue.is_verb or not any(c.dep_ == "det" and c.lower_ in lex.back_reference_determiners for c in tok.children):
        return
    undated = [d for d in previous if d.date is None or len(d.date) == 7]
    if not undated:
        return
    r = reader.read(tok, cue)
    if r is None or r.own:
        return
    status = undated[-1].status
    date, _ = meeting_date(tok, r.gov or r.frame or r.predicate, sent, status, ctx.published, lex)
    if date is not None:
        for d in undated:
            if d.date is None or date.startswith(d.date):  # "last week ... The visit on Friday"
                d.date = date


def _actors(reader: _SentenceReader, keys: list[str]) -> list[str]:
    """Distinct actor keys: places dropped, a state dropped when its named person is there."""
    index = reader.ctx.index
    out = [k for k in dict.fromkeys(keys) if k in index.entities and index.entities[k].type != "Location"]
    people_states = {reader.people.state_of(k) for k in out if index.entities[k].type == "Person"}
    trimmed = [k for k in out if not (index.entities[k].type != "Person" and k in people_states)]
    return trimmed if len(trimmed) >= 2 else out


def _groups(r: _Reading, keys: list[str], lex: Lexicon) -> list[list[str]]:
    """The participant lists: one, or one per other side for "separate meetings with X and Y"."""
    if not any(c.dep_ == "amod" and c.lemma_.lower() in lex.separate_words for c in r.token.children):
        return [keys]
    hosts = [k for k in dict.fromkeys(p.key for p in r.participants[r.own :]) if k in keys]
    others = [k for k in keys if k not in hosts]
    if not hosts or len(others) < 2:
        return [keys]
    return [[*hosts, other] for other in others]


def _drafts(
    reader: _SentenceReader,
    tok: Token,
    cue: Cue,
    sent: Span,
    ctx: Context,
    lex: Lexicon,
    offset: int,
    anchor: str | None = None,
) -> list[tuple[MeetingDraft, _Reading]]:
    r = reader.read(tok, cue)
    if r is None:
        return []
    dateline = offset + dateline_end(sent)
    keys = _actors(reader, [p.key for p in r.participants if p.start >= dateline])
    if len(keys) < 2:
        return []
    status = read_status(tok, lex, r.gov, frame=r.frame)
    if status is None:
        return []
    when = r.gov or r.frame or r.predicate
    # "arrived in Vienna on Monday to meet X": planned, but the trip's day is past
    direction = "occurred" if status.evidence == "infinitive" and r.frame is not None and r.frame.tag_ == "VBD" else status.status
    date, future = meeting_date(tok, when, sent, direction, ctx.published, lex, anchor)
    if future and status.status == "occurred":
        status = StatusReading(lex.future_date, "future date")
        date, _ = meeting_date(tok, when, sent, status.status, ctx.published, lex, anchor)
    evidence, start, end = _evidence(sent, tok, offset)
    out: list[tuple[MeetingDraft, _Reading]] = []
    for group in _groups(r, keys, lex):
        draft = MeetingDraft(
            kind=r.kind,
            participants=group,
            evidence=evidence,
            start=start,
            end=end,
            status=status.status,
            date=date,
            location=r.location,
            confidence=_confidence(r, status, lex),
            cameo=lex.intent_cameo.get(status.status, r.cameo),
        )
        logger.debug("meeting %s %s %s (%s) from %r", draft.kind, group, draft.status, status.evidence, tok.text)
        out.append((draft, r))
    return out


__all__ = ["find_meetings"]
