"""Meeting stage as a validation table (petrarch style): sentence → expected meetings.

Each row gives a short fictional text, the index coreference it relies on (surface → key; the
names themselves are found by the table's own entity list, so rows do not depend on the
named-entity recogniser), the meetings expected as ``Want(kind, participants, status, date)``
and one line saying what it tests. Articles are published on Thursday 11 January 2018.
Rows need the spaCy model (dependency parses) and are marked ``model``; the pattern-data
tests and the hand-built parses at the end run without it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.context import Context, EntityDraft, EntityIndex, Mention, MentionKind
from kg.extract.meeting_lexicon import PATTERNS_DIR, load_lexicon
from kg.extract.meeting_status import read_status
from kg.extract.meetings import find_meetings
from kg.extract.records import KINDS, STATUSES
from kg.gazetteer import Gazetteer, GazetteerEntry
from kg.ingest.article import Article

PUBLISHED = dt.date(2018, 1, 11)  # a Thursday

V, B, K = "person/mara-voss", "person/karl-brandt", "person/ilse-kern"
E, F = "country/elbonia", "country/freedonia"
NR, SR = "country/north-ruritania", "country/south-ruritania"
NLS = "organization/nls"

# surface, key, type, mention kind: longest surfaces win where they overlap
ENTITIES: list[tuple[str, str, str, MentionKind]] = [
    ("Mara Voss", V, "Person", "name"),
    ("Voss", V, "Person", "alias"),
    ("Karl Brandt", B, "Person", "name"),
    ("Brandt", B, "Person", "alias"),
    ("Ilse Kern", K, "Person", "name"),
    ("Kern", K, "Person", "alias"),
    ("Elbonia", E, "Country", "name"),
    ("Elbonian", E, "Country", "demonym"),
    ("Freedonia", F, "Country", "name"),
    ("Freedonian", F, "Country", "demonym"),
    ("North Ruritania", NR, "Country", "name"),
    ("South Ruritania", SR, "Country", "name"),
    ("Northern League", NLS, "Organization", "name"),
    ("Elbo City", "location/elbo-city", "Location", "name"),
    ("ELBO CITY", "location/elbo-city", "Location", "name"),
    ("Vienna", "location/vienna", "Location", "name"),
]

GAZETTEER = Gazetteer(
    [
        GazetteerEntry(key="Q-ELB", label="Elbonia", type="Country", capitals=["Elbo City"], demonyms=["Elbonian"]),
        GazetteerEntry(key="Q-NRU", label="North Ruritania", type="Country"),
        GazetteerEntry(key="Q-SRU", label="South Ruritania", type="Country"),
    ]
)


@dataclass(frozen=True)
class Want:
    kind: str
    participants: frozenset[str]
    status: str = "occurred"
    date: str | None = None
    location: str | None = None


def want(kind: str, *keys: str, status: str = "occurred", date: str | None = None, location: str | None = None) -> Want:
    return Want(kind, frozenset(keys), status, date, location)


@dataclass
class Case:
    text: str
    expected: list[Want]
    what: str
    coref: dict[str, str] = field(default_factory=dict)
    cameo: str | None = None


CASES = [
    # kinds and cues
    Case("Voss met Brandt in Vienna on Tuesday.", [want("meeting", V, B, date="2018-01-09", location="Vienna")],
         "verb 'met' with subject and object; weekday before publication; place", cameo="040"),
    Case("Voss and Brandt met on Wednesday.", [want("meeting", V, B, date="2018-01-10")],
         "coordinated subject"),
    Case("Voss met with Brandt and Kern in Vienna.", [want("meeting", V, B, K, location="Vienna")],
         "several parties are one event, not pairs"),
    Case("Voss held talks with Brandt on Monday.", [want("talks", V, B, date="2018-01-08")],
         "'held talks with': light verb subject + 'with'"),
    Case("Talks between Elbonia and Freedonia resumed on Tuesday.", [want("talks", E, F, date="2018-01-09")],
         "noun cue with 'between X and Y'; states when no person is named"),
    Case("Voss spoke by phone with Brandt on Wednesday.", [want("phone_call", V, B, date="2018-01-10")],
         "'spoke by phone': the channel gives the kind", cameo="041"),
    Case("Voss telephoned Brandt on Wednesday.", [want("phone_call", V, B, date="2018-01-10")],
         "verb 'telephoned'", cameo="041"),
    Case("Voss called for restraint on Wednesday.", [], "'called for' is no phone call"),
    Case("Voss and Brandt held a video conference on Monday.", [want("video_call", V, B, date="2018-01-08")],
         "'video conference' is a video call"),
    Case("Voss visited Freedonia last week.", [want("visit", V, F, date="2018-01")],
         "'X visited Y (a country)': [X, Y]; 'last week' is month-only", cameo="042"),
    Case("Brandt hosted Voss in Vienna on Friday.", [want("visit", B, V, date="2018-01-05", location="Vienna")],
         "'hosted': host and guest", cameo="043"),
    Case("Voss traveled to Elbo City on Monday.", [want("visit", V, "Q-ELB", date="2018-01-08")],
         "a capital visited stands for its state (gazetteer)"),
    Case("Voss arrived in Vienna to meet Brandt.", [want("meeting", V, B, status="planned")],
         "arrival whose purpose is a meeting: the meeting only, planned"),
    Case("Elbonia and Freedonia have acted as mediators between North Ruritania and South Ruritania "
         "in months of talks.", [want("talks", E, F, NR, SR)],
         "mediators and the mediated are one four-party event"),
    Case("Voss visited Freedonia on Monday and met Brandt.",
         [want("meeting", V, B, date="2018-01-08", location="Freedonia")],
         "a visit whose host is named is the meeting with the host, dated by the visit"),
    Case("The meeting between Voss and Brandt, held on Tuesday, went well.",
         [want("meeting", V, B, date="2018-01-09")], "a participle 'held on Tuesday' dates its meeting"),
    Case("Talks between Elbonia and Freedonia that collapsed on Tuesday had lasted a year.",
         [want("talks", E, F)], "a relative clause's own event dates nothing"),
    Case("ELBO CITY, Jan. 8 (AP) -- Voss met with visiting Freedonian envoy Karl Brandt here on Tuesday.",
         [want("meeting", V, B, date="2018-01-09")],
         "'met with visiting X' (epithet misparsed as a verb); the clause's day beats the dateline's"),
    Case("ELBO CITY, Jan. 8 (AP) -- Voss held talks with Brandt.", [want("talks", V, B, date="2018-01-08")],
         "a dateline's date when the sentence names no day"),
    Case("Voss held separate meetings with Brandt and Kern on Monday.",
         [want("meeting", V, B, date="2018-01-08"), want("meeting", V, K, date="2018-01-08")],
         "'separate meetings' are one meeting per other side"),
    Case("Brandt is on an official visit to Elbonia until Friday.",
         [want("visit", B, E, location="Elbonia")], "'X is on a visit to Y': the copula's subject visits"),
    # participants
    Case("Voss welcomed Tuesday's meeting between North and South Ruritania.",
         [want("meeting", NR, SR, date="2018-01-09")],
         "elliptical coordination resolved by name; possessive weekday dates the meeting"),
    Case("Voss and her counterpart Karl Brandt spoke over the phone on Thursday.",
         [want("phone_call", V, B, date="2018-01-11")], "'her counterpart Y' names a participant"),
    Case("During the call, Voss briefed Brandt on the talks.", [want("phone_call", V, B)],
         "frame phrase: the clause's subject and object took part"),
    Case("Voss met Brandt on Monday. The two leaders met again on Friday.",
         [want("meeting", V, B, date="2018-01-08"), want("meeting", V, B, date="2018-01-05")],
         "'the two leaders' are the last meeting's participants"),
    Case("Elbonian officials met a Freedonian delegation in Vienna.", [want("meeting", E, F, location="Vienna")],
         "officials and delegations stand for their states"),
    Case("A delegation headed by Voss met Freedonian officials.", [want("meeting", V, F)],
         "a delegation led by a named person is that person"),
    Case("Voss said she held phone talks with Brandt today.", [want("phone_call", V, B, date="2018-01-11")],
         "'today'; pronoun subject via the index", coref={"she": V}),
    Case("ELBO CITY (AP) — Voss met Brandt on Tuesday.", [want("meeting", V, B, date="2018-01-09")],
         "a dateline's place is no participant"),
    Case("Voss met the Northern League on Tuesday.", [want("meeting", V, NLS, date="2018-01-09")],
         "an organisation as participant"),
    # status
    Case("Voss will meet Brandt next week.", [want("meeting", V, B, status="planned", date="2018-01")],
         "'will meet' is planned (CAMEO 036); 'next week' gives only its month", cameo="036"),
    Case("Voss is due to visit Freedonia on Monday.", [want("visit", V, F, status="planned", date="2018-01-15")],
         "'is due to' is planned; a future weekday is the next one"),
    Case("Elbonia and Freedonia agreed to hold talks.", [want("talks", E, F, status="planned")],
         "'agreed to hold' is planned"),
    Case("Voss said Elbonia would be open to talks with Freedonia.", [want("talks", E, F, status="proposed")],
         "'open to talks' is proposed"),
    Case("Voss has invited Brandt to visit Elbonia.", [want("visit", B, E, status="proposed")],
         "an invitation is proposed; the invited one is the visitor"),
    Case("A summit between Elbonia and Freedonia could take place in March.",
         [want("summit", E, F, status="proposed", date="2018-03")], "'could' is proposed; a future month"),
    Case("Voss canceled a planned summit with Brandt.", [want("summit", V, B, status="cancelled")],
         "'canceled a planned summit': the outer word wins"),
    Case("Voss called off her meeting with Brandt.", [want("meeting", V, B, status="cancelled")],
         "'called off' is cancelled", coref={"her": V}),
    Case("The talks between Elbonia and Freedonia were postponed.", [want("talks", E, F, status="planned")],
         "'postponed' stays planned (the meeting is still expected)"),
    Case("Voss, who met Brandt on Monday, will travel to Freedonia next week.",
         [want("meeting", V, B, date="2018-01-08"), want("visit", V, F, status="planned", date="2018-01")],
         "a relative clause keeps its own tense"),
    Case("Voss is set to hold talks with Brandt in Vienna on Monday.",
         [want("talks", V, B, status="planned", date="2018-01-15", location="Vienna")],
         "'is set to hold talks': planned, next Monday"),
    Case("The planned meeting between Voss and Brandt was called off.",
         [want("meeting", V, B, status="cancelled")], "passive 'was called off' over an inner 'planned'"),
    Case("Voss's trip to Freedonia was postponed indefinitely.",
         [want("visit", V, F, status="cancelled")], "'postponed indefinitely' is cancelled"),
    Case("Voss and Brandt held a virtual meeting on Tuesday.", [want("video_call", V, B, date="2018-01-09")],
         "'virtual meeting' is a video call"),
    Case("Brandt received a phone call from Voss on Tuesday.", [want("phone_call", B, V, date="2018-01-09")],
         "'received a call from X'"),
    Case("Voss will travel to Vienna next month for talks with Brandt.",
         [want("talks", V, B, status="planned", date="2018-02")],
         "travel for talks: the talks, planned, with the traveller"),
    Case("Elbonia and Freedonia agreed to restore relations after talks hosted by the Northern League.",
         [want("talks", E, F, NLS)], "the host of hosted talks takes part"),
    Case("Voss spoke with Brandt on Friday, the first call between the two leaders in a year.",
         [want("phone_call", V, B, date="2018-01-05")],
         "'the two leaders' of the same sentence; the call and the talk are one event"),
    Case("Brandt received visiting Elbonian minister Mara Voss in Vienna on Thursday.",
         [want("visit", B, V, date="2018-01-11", location="Vienna")],
         "'received visiting X': one visit, dated by its clause"),
    Case("Voss arrived in Elbo City on Saturday for a four-day visit.",
         [want("visit", V, "Q-ELB", date="2018-01-06", location="Elbo City")],
         "arrival for a visit: the place visited (capital → state)"),
    Case("Voss, who visited Elbo City in March, said Elbonia would help.",
         [want("visit", V, "Q-ELB", date="2017-03")], "a past month without a year: the last one"),
    # participants, status and dates read from the meeting's own words, not from nearby ones
    Case("Elbonian Prime Minister Voss met Brandt on Tuesday.", [want("meeting", V, B, date="2018-01-09")],
         "a demonym in a title makes no participant: the named person does"),
    Case("Voss ended her one-day summit in Freedonia, where she and President Brandt agreed to expand trade.",
         [want("summit", V, B, location="Freedonia")],
         "'a summit in X, where A and B agreed': A and B took part, X is the place",
         coref={"her": V, "she": V}),
    Case("Voss met Brandt in Vienna on Monday. They have spoken on the phone before.",
         [want("meeting", V, B, date="2018-01-08"), want("phone_call", V, B)],
         "a plural pronoun the index took for one state: the two people in focus", coref={"They": E}),
    Case("Elbonia and Freedonia agreed a truce after indirect talks in Vienna on Monday.",
         [want("talks", E, F, date="2018-01-08", location="Vienna")],
         "'agreed X after talks': the verb of a time phrase is no status word of the talks"),
    Case("Voss is scheduled to hold talks with Brandt on Friday after a meeting with Kern.",
         [want("talks", V, B, status="planned", date="2018-01-12"),
          want("meeting", V, K, status="planned", date="2018-01-12")],
         "a time phrase under a planned event: the words above it still speak"),
    Case("Talks mediated by Elbonia and Freedonia may complicate matters for North Ruritania.",
         [want("talks", E, F)], "the modal of what the talks do is about the consequence, not the talks"),
    Case("Voss made a surprise stopover in Freedonia on Monday to meet her counterpart Karl Brandt.",
         [want("meeting", V, B, date="2018-01-08")],
         "an infinitive of purpose under a past trip that was made: occurred, dated by the trip",
         coref={"her": V}),
    Case("Voss flew to Freedonia on Monday to meet Brandt.", [want("meeting", V, B, date="2018-01-08")],
         "the purpose of a past flight: occurred, on the flight's day"),
    Case("Voss paid a visit to Freedonia on Monday to meet Brandt.",
         [want("meeting", V, B, date="2018-01-08", location="Freedonia")],
         "'paid a visit to X to meet Y': the meeting with Y, occurred, where and when the visit was"),
    Case("Voss arrived in Vienna on Monday to meet Brandt.", [want("meeting", V, B, status="planned", date="2018-01-08")],
         "an arrival to meet stays planned, but the arrival's past day is no next Monday"),
    Case("Freedonia backed out of the summit with Elbonia.", [want("summit", E, F, status="cancelled")],
         "'backed out of the summit' is cancelled"),
    Case("Voss will host a dinner for Brandt on Friday.", [want("meeting", V, B, status="planned", date="2018-01-12")],
         "'a dinner for X' is a meeting with X; 'will host' keeps it planned"),
    Case("Freedonia pulled out of the talks with Elbonia.", [want("talks", E, F, status="cancelled")],
         "'pulled out of the talks' (particle parsed as a preposition) is cancelled, the subject a side"),
    Case("Voss withdrew from the talks with Brandt.", [want("talks", V, B, status="cancelled")],
         "'withdrew from the talks' is cancelled"),
    Case("Voss paid a courtesy call on Brandt on Monday.", [want("meeting", V, B, date="2018-01-08")],
         "'a courtesy call on X' is an in-person meeting, not an appeal"),
    Case("Voss met Brandt in Vienna. The visit on Friday was the first in a decade.",
         [want("meeting", V, B, date="2018-01-05")],
         "'The visit on Friday' in the next sentence dates the undated meeting just told"),
    Case("Voss traveled to Freedonia last week. The visit on Friday ended with a joint statement.",
         [want("visit", V, F, date="2018-01-05")], "a back-reference's day refines the month of 'last week'"),
    Case("Voss met Brandt on Tuesday. Earlier in the day, she spoke by phone with Kern.",
         [want("meeting", V, B, date="2018-01-09"), want("phone_call", V, K, date="2018-01-09")],
         "'earlier in the day' is the day of the event in focus", coref={"she": V}),
    Case("ELBO CITY, Jan. 8 (AP) -- Voss has met Brandt twice over the past week.",
         [want("meeting", V, B)], "a span of the past week keeps the dateline's day off the meeting"),
    Case("Elbo City [Elbonia], Jan. 8 (ANI): Voss held talks with Brandt.",
         [want("talks", V, B, date="2018-01-08")],
         "a mixed-case dateline with a bracketed state: no participant, its date"),
    # no meeting
    Case("Voss called on Freedonia to release the prisoners.", [], "'called on X to' is an appeal"),
    Case("Voss called the meeting a success.", [], "'called X a Y' is naming; the meeting has no parties"),
    Case("The meeting of the Northern League was held on Monday.", [], "a body alone is no meeting"),
    Case("Voss did not meet Brandt.", [], "a negated meeting is none"),
    Case("Officials said a meeting could take place soon.", [], "no participants, no meeting"),
    Case("Voss met reporters on Tuesday.", [], "fewer than two actors"),
    Case("Voss welcomed Elbonia's willingness to help.", [], "'welcomed' a thing is no hosting"),
]


def _index(text: str, coref: dict[str, str]) -> EntityIndex:
    index = EntityIndex()
    taken: list[tuple[int, int]] = []
    for surface, key, type_, kind in sorted(ENTITIES, key=lambda e: -len(e[0])):
        index.add_entity(EntityDraft(key=key, label=surface, type=type_))  # type: ignore[arg-type]
        for m in re.finditer(rf"\b{re.escape(surface)}\b", text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            index.add_mention(Mention(m.start(), m.end(), key, surface, kind=kind))
    for surface, key in coref.items():
        m = re.search(rf"\b{re.escape(surface)}\b", text)
        assert m is not None
        index.add_mention(Mention(m.start(), m.end(), key, surface, kind="pronoun"))
    return index


def _context(text: str, coref: dict[str, str] | None = None) -> Context:
    return Context(article=Article(id="t", text=text), index=_index(text, coref or {}), published=PUBLISHED)


@pytest.mark.model
@pytest.mark.parametrize("case", CASES, ids=[c.what for c in CASES])
def test_meeting_table(bare_nlp: Language, case: Case) -> None:
    doc = bare_nlp(case.text)
    drafts = find_meetings(doc, 0, _context(case.text, case.coref), gazetteer=GAZETTEER)
    got = [Want(d.kind, frozenset(d.participants), d.status, d.date, d.location) for d in drafts]
    expected = [
        Want(w.kind, w.participants, w.status, w.date, w.location if w.location else None) for w in case.expected
    ]
    # location is only checked where the row names one
    got = [g if any(w.location for w in case.expected) else Want(g.kind, g.participants, g.status, g.date) for g in got]
    assert got == expected
    for d in drafts:
        assert case.text[d.start : d.end] == d.evidence
        assert 0.0 < d.confidence <= 1.0
        assert len(set(d.participants)) >= 2
    if case.cameo:
        assert drafts[0].cameo == case.cameo


@pytest.mark.model
def test_offsets_are_article_offsets(bare_nlp: Language) -> None:
    """A piece parsed at offset 40 reports evidence offsets into the whole article."""
    piece = "Voss met Brandt on Tuesday."
    article_text = " " * 40 + piece
    index = EntityIndex()
    for key, label, start in ((V, "Voss", 40), (B, "Brandt", 49)):
        index.add_entity(EntityDraft(key=key, label=label, type="Person"))
        index.add_mention(Mention(start, start + len(label), key, label))
    ctx = Context(article=Article(id="t", text=article_text), index=index, published=PUBLISHED)
    (draft,) = find_meetings(bare_nlp(piece), 40, ctx, gazetteer=GAZETTEER)
    assert article_text[draft.start : draft.end] == draft.evidence == piece


@pytest.mark.model
def test_ellipsis_names_from_the_gazetteer(bare_nlp: Language) -> None:
    """'North and South Ruritania' read as one entity: each name found in the gazetteer."""
    text = "Voss welcomed Tuesday's meeting between North and South Ruritania."
    index = EntityIndex()
    index.add_entity(EntityDraft(key="country/north-and-south-ruritania", label="North and South Ruritania",
                                 type="Country"))
    start = text.index("North")
    index.add_mention(Mention(start, len(text) - 1, "country/north-and-south-ruritania", text[start:-1]))
    ctx = Context(article=Article(id="t", text=text), index=index, published=PUBLISHED)
    (draft,) = find_meetings(bare_nlp(text), 0, ctx, gazetteer=GAZETTEER)
    assert draft.participants == ["Q-NRU", "Q-SRU"]
    assert index.entities["Q-NRU"].label == "North Ruritania"


@pytest.mark.model
def test_unknown_ellipsis_names_stay_unresolved(bare_nlp: Language) -> None:
    """'North and South Ruritania' with neither name known anywhere: no invented actors."""
    text = "Voss welcomed Tuesday's meeting between North and South Ruritania."
    index = EntityIndex()
    drafts = find_meetings(
        bare_nlp(text), 0, Context(article=Article(id="t", text=text), index=index, published=PUBLISHED),
        gazetteer=Gazetteer([]),
    )
    assert drafts == []


# -- without the model ------------------------------------------------------------------------


def test_pattern_files_are_well_formed() -> None:
    meetings = json.loads((PATTERNS_DIR / "meetings.json").read_text(encoding="utf-8"))
    status = json.loads((PATTERNS_DIR / "status.json").read_text(encoding="utf-8"))
    ids = [c["id"] for c in meetings["cues"]]
    assert len(ids) == len(set(ids))
    for cue in meetings["cues"]:
        assert cue["kind"] in KINDS, cue["id"]
        assert re.fullmatch(r"0[34]\d", cue["cameo"]), cue["id"]
        assert 0.0 < cue["strength"] <= 1.0, cue["id"]
    for word, mod in meetings["modifiers"].items():
        if isinstance(mod, dict):
            assert mod["kind"] in KINDS, word
    for table in ("lexical", "particles", "modals"):
        for word, value in status[table].items():
            assert value in STATUSES, (table, word)
    assert set(status["weights"]) == set(STATUSES)


def test_lexicon_maps_words_to_cues() -> None:
    lex = load_lexicon()
    meet = lex.cue_for("meet", "VERB", "VBD")
    assert meet is not None and (meet.kind, meet.cameo) == ("meeting", "040")
    talks = lex.cue_for("talk", "NOUN", "NNS")
    assert talks is not None and talks.kind == "talks"
    assert lex.cue_for("talk", "NOUN", "NN") is None
    host = lex.cue_for("host", "VERB", "VBD")
    assert host is not None and host.cameo == "043"
    assert lex.modifiers["phone"].kind == "phone_call"
    assert lex.status_particles["call off"] == "cancelled"


def test_matcher_patterns_agree_with_the_lookup() -> None:
    """The lexicon's spaCy Matcher (for pipeline use) finds the cues the stage looks up."""
    lex = load_lexicon()
    doc = _parsed(
        words=["Voss", "held", "talks", "and", "a", "summit", "before", "she", "visited", "Brandt", "."],
        heads=[1, 1, 1, 2, 5, 2, 8, 8, 1, 8, 1],
        deps=["nsubj", "ROOT", "dobj", "cc", "det", "conj", "mark", "nsubj", "advcl", "dobj", "punct"],
        pos=["PROPN", "VERB", "NOUN", "CCONJ", "DET", "NOUN", "SCONJ", "PRON", "VERB", "PROPN", "PUNCT"],
        tags=["NNP", "VBD", "NNS", "CC", "DT", "NN", "IN", "PRP", "VBD", "NNP", "."],
        lemmas=["Voss", "hold", "talk", "and", "a", "summit", "before", "she", "visit", "Brandt", "."],
    )
    matched = {(start, doc.vocab.strings[mid]) for mid, start, _ in lex.matcher(doc.vocab)(doc)}
    looked_up = {(t.i, cue.id) for t in doc if (cue := lex.cue_for(t.lemma_, t.pos_, t.tag_)) is not None}
    assert matched == looked_up == {(2, "talks"), (5, "summit"), (8, "visit")}


def _parsed(words: list[str], heads: list[int], deps: list[str], pos: list[str], tags: list[str],
            lemmas: list[str], ents: list[str] | None = None) -> Doc:
    nlp = spacy.blank("en")
    spaces = [i + 1 < len(words) and words[i + 1] != "." for i in range(len(words))]
    return Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags,
               lemmas=lemmas, ents=ents or ["O"] * len(words))


def _hand_context(doc: Doc, names: dict[str, str]) -> Context:
    index = EntityIndex()
    for tok in doc:
        if tok.text in names:
            key = names[tok.text]
            index.add_entity(EntityDraft(key=key, label=tok.text, type="Person"))
            index.add_mention(Mention(tok.idx, tok.idx + len(tok.text), key, tok.text))
    return Context(article=Article(id="t", text=doc.text), index=index, published=PUBLISHED)


def test_meeting_from_a_hand_built_parse() -> None:
    """'Voss met Brandt on Tuesday.' parsed by hand: no model needed for the rules."""
    doc = _parsed(
        words=["Voss", "met", "Brandt", "on", "Tuesday", "."],
        heads=[1, 1, 1, 1, 3, 1],
        deps=["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"],
        pos=["PROPN", "VERB", "PROPN", "ADP", "PROPN", "PUNCT"],
        tags=["NNP", "VBD", "NNP", "IN", "NNP", "."],
        lemmas=["Voss", "meet", "Brandt", "on", "Tuesday", "."],
        ents=["O", "O", "O", "O", "B-DATE", "O"],
    )
    (draft,) = find_meetings(doc, 0, _hand_context(doc, {"Voss": V, "Brandt": B}), gazetteer=GAZETTEER)
    assert (draft.kind, draft.participants, draft.status, draft.date, draft.cameo) == (
        "meeting", [V, B], "occurred", "2018-01-09", "040"
    )
    assert draft.evidence == "Voss met Brandt on Tuesday."


def test_modal_from_a_hand_built_parse() -> None:
    """'Voss will meet Brandt on Tuesday.': planned, and the weekday is the next one."""
    doc = _parsed(
        words=["Voss", "will", "meet", "Brandt", "on", "Tuesday", "."],
        heads=[2, 2, 2, 2, 2, 4, 2],
        deps=["nsubj", "aux", "ROOT", "dobj", "prep", "pobj", "punct"],
        pos=["PROPN", "AUX", "VERB", "PROPN", "ADP", "PROPN", "PUNCT"],
        tags=["NNP", "MD", "VB", "NNP", "IN", "NNP", "."],
        lemmas=["Voss", "will", "meet", "Brandt", "on", "Tuesday", "."],
        ents=["O", "O", "O", "O", "O", "B-DATE", "O"],
    )
    (draft,) = find_meetings(doc, 0, _hand_context(doc, {"Voss": V, "Brandt": B}), gazetteer=GAZETTEER)
    assert (draft.status, draft.date) == ("planned", "2018-01-16")


def test_negated_cue_from_a_hand_built_parse() -> None:
    doc = _parsed(
        words=["Voss", "did", "not", "meet", "Brandt", "."],
        heads=[3, 3, 3, 3, 3, 3],
        deps=["nsubj", "aux", "neg", "ROOT", "dobj", "punct"],
        pos=["PROPN", "AUX", "PART", "VERB", "PROPN", "PUNCT"],
        tags=["NNP", "VBD", "RB", "VB", "NNP", "."],
        lemmas=["Voss", "do", "not", "meet", "Brandt", "."],
    )
    assert find_meetings(doc, 0, _hand_context(doc, {"Voss": V, "Brandt": B}), gazetteer=GAZETTEER) == []


def test_outer_status_word_wins_on_a_hand_built_parse() -> None:
    """'Voss canceled a planned summit': cancel (outer) beats planned (inner)."""
    doc = _parsed(
        words=["Voss", "canceled", "a", "planned", "summit", "."],
        heads=[1, 1, 4, 4, 1, 1],
        deps=["nsubj", "ROOT", "det", "amod", "dobj", "punct"],
        pos=["PROPN", "VERB", "DET", "VERB", "NOUN", "PUNCT"],
        tags=["NNP", "VBD", "DT", "VBN", "NN", "."],
        lemmas=["Voss", "cancel", "a", "plan", "summit", "."],
    )
    reading = read_status(doc[4], load_lexicon(), doc[1])
    assert reading is not None and reading.status == "cancelled"
    inner = read_status(doc[4], load_lexicon())
    assert inner is not None


def test_unparsed_doc_gives_nothing() -> None:
    doc = spacy.blank("en")("Voss met Brandt on Tuesday.")
    assert find_meetings(doc, 0, _hand_context(doc, {"Voss": V, "Brandt": B}), gazetteer=GAZETTEER) == []
