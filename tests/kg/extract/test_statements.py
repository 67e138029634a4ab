"""Statement stage as a validation table (petrarch style): sentence, entities, expected statements.

Each row gives a short fictional text, the entities the index holds (so the rows do not
depend on the named-entity recogniser), the statements expected as
``(speaker, addressee, text, direct)`` and one line saying what it tests. Texts compare
without edge punctuation. Rows need the spaCy model (dependency parses); the pattern-data
tests and the hand-built parse at the end do not.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from importlib import resources

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.context import Context, EntityDraft, EntityIndex, Mention
from kg.extract.statement_cues import find_cues, load_patterns, parse_patterns
from kg.extract.statements import find_statements
from kg.ingest.article import Article

VOSS = ("Mara Voss", "person/mara-voss", "Person")
BRANDT = ("Karl Brandt", "person/karl-brandt", "Person")
ENTITIES = [
    VOSS,
    ("Voss", "person/mara-voss", "Person"),
    BRANDT,
    ("Brandt", "person/karl-brandt", "Person"),
    ("Daily Courier", "org/daily-courier", "Organization"),
    ("Foreign Ministry", "org/foreign-ministry", "Organization"),
    ("National Security Council", "org/nsc", "Organization"),
    ("White House", "org/white-house", "Organization"),
    ("Elbonia", "country/elbonia", "Country"),
    ("Freedonia", "country/freedonia", "Country"),
    ("Reuters", "org/reuters", "Organization"),
]

V, B = "person/mara-voss", "person/karl-brandt"


@dataclass
class Case:
    text: str
    expected: list[tuple[str | None, str | None, str, bool]]
    what: str
    coref: dict[str, str] = field(default_factory=dict)  # surface -> key (index coreference)
    cameo: str | None = None


CASES = [
    Case(
        "“We will not give up on these talks,” Voss said.",
        [(V, None, "We will not give up on these talks", True)],
        "quote before its cue",
    ),
    Case(
        "Voss said: “The border will stay open for trade.”",
        [(V, None, "The border will stay open for trade.", True)],
        "cue with a colon before the quote",
    ),
    Case(
        "“The first part is simple,” Voss said. “The second part is much harder.”",
        [
            (V, None, "The first part is simple", True),
            (V, None, "The second part is much harder.", True),
        ],
        "split quotation: the second part has no cue of its own",
    ),
    Case(
        "Voss said: “We met twice this week.\n\n“Both meetings went very well for us.”",
        [
            (V, None, "We met twice this week.", True),
            (V, None, "Both meetings went very well for us.", True),
        ],
        "quotation running over two paragraphs",
    ),
    Case(
        "“Who knows where it really leads?” the president was quoted by Reuters.",
        [(V, None, "Who knows where it really leads?", True)],
        "passive 'was quoted by': the subject speaks, not the agency",
        coref={"the president": V},
    ),
    Case(
        "He said that the talks had been useful and friendly.",
        [(V, None, "the talks had been useful and friendly", False)],
        "pronoun speaker resolved by the index's coreference",
        coref={"He": V},
    ),
    Case(
        "Mara Voss arrived in Lisbon on Monday. She said that the visit would strengthen ties.",
        [(V, None, "the visit would strengthen ties", False)],
        "pronoun speaker without coreference: the person in focus",
    ),
    Case(
        "Voss said that the two sides would meet again in May.",
        [(V, None, "the two sides would meet again in May", False)],
        "reported speech with 'that'",
    ),
    Case(
        "Voss told Karl Brandt that the sanctions would be lifted soon.",
        [(V, B, "the sanctions would be lifted soon", False)],
        "'told Y that': Y is the addressee",
    ),
    Case(
        "Voss told reporters that the sanctions would be lifted soon.",
        [(V, None, "the sanctions would be lifted soon", False)],
        "'told reporters': no addressee",
    ),
    Case(
        "Voss told the Daily Courier that the sanctions would be lifted soon.",
        [(V, "org/daily-courier", "the sanctions would be lifted soon", False)],
        "an organisation as addressee",
    ),
    Case(
        "The sanctions will be lifted very soon, Voss said.",
        [(V, None, "The sanctions will be lifted very soon", False)],
        "cue after the content",
    ),
    Case(
        "Voss stressed the need for closer cooperation on energy.",
        [(V, None, "the need for closer cooperation on energy", False)],
        "object of 'stressed' is the content",
    ),
    Case(
        "According to the Foreign Ministry, the talks were postponed until next week.",
        [("org/foreign-ministry", None, "the talks were postponed until next week", False)],
        "'according to X'",
    ),
    Case(
        "A spokesman for the National Security Council said the alliance remained strong.",
        [("org/nsc", None, "the alliance remained strong", False)],
        "'a spokesman for X': the body speaks",
    ),
    Case(
        "Voss's spokesman said the minister would not attend the summit.",
        [(V, None, "the minister would not attend the summit", False)],
        "'X's spokesman': X speaks",
    ),
    Case(
        "A Foreign Ministry spokesman said the embassy would reopen next month.",
        [("org/foreign-ministry", None, "the embassy would reopen next month", False)],
        "'a Foreign Ministry spokesman': the ministry speaks",
    ),
    Case(
        "The White House said in a press release that the two "
        "presidents had agreed to keep talking.",
        [("org/white-house", None, "the two presidents had agreed to keep talking", False)],
        "'said in a press release that'",
    ),
    Case(
        "Voss agreed to hold talks with Brandt next week.",
        [],
        "a reported action is not a statement",
    ),
    Case(
        "Voss said the plan was a “dangerous gamble” for the region.",
        [(V, None, "the plan was a “dangerous gamble” for the region", False)],
        "scare quotes inside reported speech are not statements of their own",
    ),
    Case(
        "“No comment,” Voss said.",
        [(V, None, "No comment", True)],
        "a whole short quotation by a named speaker counts",
    ),
    Case(
        "Voss criticised the decision, saying it would hurt ordinary workers.",
        [(V, None, "it would hurt ordinary workers", False)],
        "participle 'saying' takes the speaker of its head; a two-word object is too short",
    ),
    Case(
        "Voss denied the report and said the meeting never took place.",
        [(V, None, "the meeting never took place", False)],
        "coordinated cue inherits the subject",
    ),
    Case(
        "Voss said that Brandt told her the deal was dead.",
        [(V, None, "Brandt told her the deal was dead", False)],
        "speech reported inside speech is not the article's statement",
    ),
    Case(
        "Elbonia and Freedonia said in a joint statement that they would resume trade.",
        [
            ("country/elbonia", None, "they would resume trade", False),
            ("country/freedonia", None, "they would resume trade", False),
        ],
        "joint speakers",
    ),
    Case("Voss did not say whether the talks would resume.", [], "a negated cue says nothing"),
    Case(
        "The call was described by Voss as “wonderful” and “very productive”.",
        [(V, None, "“wonderful” and “very productive”", True)],
        "passive 'described by X as' with short quotations making up the content",
    ),
    Case("Officials said the talks would resume in the spring.", [], "a vague speaker is dropped"),
    Case(
        "Voss told the Daily Courier that the council was “in "
        "close contact with our allies about a "
        "unified response”.",
        [
            (
                V,
                "org/daily-courier",
                "in close contact with our allies about a unified response",
                True,
            )
        ],
        "a quotation filling the reported clause is a direct statement",
    ),
    Case(
        "Voss denied that her government had sent troops across the border.",
        [(V, None, "her government had sent troops across the border", False)],
        "deny carries CAMEO 016",
        cameo="016",
    ),
    Case(
        "“We are ready for a new round of dialogue,” said Mara Voss.",
        [(V, None, "We are ready for a new round of dialogue", True)],
        "inverted cue: said X",
    ),
    Case(
        "Elbonia and Freedonia issued a joint statement calling "
        "for an immediate ceasefire in the region.",
        [
            ("country/elbonia", None, "an immediate ceasefire in the region", False),
            ("country/freedonia", None, "an immediate ceasefire in the region", False),
        ],
        "a statement noun speaks for whoever issued it",
    ),
    Case(
        "“So you have finally come,” Voss told Brandt, according to "
        "an official, the Daily Courier reported.",
        [(V, B, "So you have finally come", True)],
        "a reporting outlet passes the speech on (transparent cue)",
    ),
    Case(
        "Voss called the meeting “a turning point for our relations”.",
        [(V, None, "a turning point for our relations", True)],
        "'called X “...”' speaks through a quotation",
    ),
    Case(
        "Voss called a press conference for Monday morning.",
        [],
        "'called a press conference' is not speech",
    ),
    Case(
        "Voss said on Tuesday that the border would\nreopen for trucks next week.",
        [(V, None, "the border would reopen for trucks next week", False)],
        "a hard-wrapped line stays in the statement, white space collapsed",
    ),
    Case(
        "Mara Voss met Karl Brandt in Vienna. "
        "Both leaders stressed the importance of open trade routes.",
        [
            (B, None, "the importance of open trade routes", False),
            (V, None, "the importance of open trade routes", False),
        ],
        "'both leaders' are the two people in focus",
    ),
    Case(
        "The prime minister's office said the visit had been postponed until March.",
        [],
        "an office without an entity of its own does not speak for its holder",
    ),
    Case(
        "The Daily Courier quoted Voss as saying that Elbonia would never give up its claim.",
        [(V, None, "Elbonia would never give up its claim", False)],
        "'quoted X as saying': X speaks, not the outlet",
    ),
    Case(
        "Voss is expected to tell the summit that Elbonia must spend more on defence.",
        [],
        "speech announced for later is not a statement",
    ),
    Case(
        "Voss met Brandt on Monday.\n\nVoss says Elbonia is ready for talks with Freedonia\n\n"
        "Brandt said the meeting had been useful.",
        [(B, None, "the meeting had been useful", False)],
        "a related-story headline says nothing; no speaker is taken across a paragraph break",
    ),
    Case(
        "“The talks went better than I had expected,” wrote Voss on her social media account.",
        [(V, None, "The talks went better than I had expected", True)],
        "inverted 'wrote X' after a quotation",
    ),
    Case(
        "The head of the delegation, Karl Brandt, said the ceasefire would hold.",
        [(B, None, "the ceasefire would hold", False)],
        "a name in apposition to a title speaks",
    ),
    Case(
        "The ceasefire will hold, said Karl Brandt, a senior adviser at the Foreign Ministry.",
        [(B, None, "The ceasefire will hold", False)],
        "a name keeps the word over the body named in its apposition",
    ),
    Case(
        "During a phone call with Brandt, Voss stressed the need for closer cooperation on energy.",
        [(V, B, "the need for closer cooperation on energy", False)],
        "the partner of a call in the cue's sentence is the addressee",
    ),
    Case(
        "After the talks Voss told reporters:\n\n“We have found common ground on energy.”",
        [(V, None, "We have found common ground on energy.", True)],
        "a cue ending its paragraph with a colon introduces the quotation below",
    ),
    Case(
        '"We will go," Voss said. "It is the right thing to do for Elbonia."',
        [
            (V, None, "We will go", True),
            (V, None, "It is the right thing to do for Elbonia.", True),
        ],
        "a short first part still carries its speaker to the next part",
    ),
    Case(
        "“We will go,” Voss said. Brandt disagreed: “We will stay in Vienna for now.”",
        [(V, None, "We will go", True)],
        "a quotation after another named actor does not continue the last speaker",
    ),
    Case(
        "Brandt, the author of “The Long Road to Vienna,” said the agreement was a good one.",
        [(B, None, "the agreement was a good one", False)],
        "a title in quotation marks is not speech",
    ),
    Case(
        "Voss said the two sides shared many views, including being “true to each other on trade”.",
        [
            (
                V,
                None,
                "the two sides shared many views, including being “true to each other on trade”",
                False,
            )
        ],
        "a quotation inside a sentence does not continue as a statement of its own",
    ),
    Case(
        "Voss announced the cancellation on Tuesday.",
        [],
        "an object with one content word says too little",
    ),
    Case(
        "But Brandt said the deadline could not be extended, the Daily Courier said.",
        [(B, None, "the deadline could not be extended", False)],
        "an outlet named after the clause is a source, not the speaker",
    ),
    Case(
        "Voss expressed concern over the growing number of border incidents.",
        [(V, None, "concern over the growing number of border incidents", False)],
        "'expressed concern' carries CAMEO 012",
        cameo="012",
    ),
]


def _index(text: str, coref: dict[str, str]) -> EntityIndex:
    index = EntityIndex()
    taken: list[tuple[int, int]] = []
    for surface, key, type_ in sorted(ENTITIES, key=lambda e: -len(e[0])):
        index.add_entity(EntityDraft(key=key, label=surface, type=type_))
        for m in re.finditer(rf"\b{re.escape(surface)}\b", text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            index.add_mention(Mention(m.start(), m.end(), key, surface))
    for surface, key in coref.items():
        m = re.search(rf"\b{re.escape(surface)}\b", text)
        assert m is not None
        index.add_mention(Mention(m.start(), m.end(), key, surface, kind="pronoun"))
    return index


def _clean(text: str) -> str:
    return text.strip(" ,.;:")


@pytest.mark.model
@pytest.mark.parametrize("case", CASES, ids=[c.what for c in CASES])
def test_statement_table(bare_nlp: Language, case: Case) -> None:
    doc = bare_nlp(case.text)
    ctx = Context(article=Article(id="t", text=case.text), index=_index(case.text, case.coref))
    drafts = find_statements(doc, 0, ctx)
    got = [(d.speaker, d.addressee, _clean(d.text), d.direct) for d in drafts]
    want = [(s, a, _clean(t), d) for s, a, t, d in case.expected]
    assert got == want
    for d in drafts:
        assert 0.0 <= d.confidence <= 1.0
        assert d.evidence and d.evidence in case.text
        assert case.text[d.start : d.end] == d.evidence
    if case.cameo is not None:
        assert [d.cameo for d in drafts] == [case.cameo] * len(drafts)


@pytest.mark.model
def test_offsets_are_article_offsets(bare_nlp: Language) -> None:
    """A piece starting at offset 100 reports evidence offsets in article characters."""
    text = "Voss said that the two sides would meet again in May."
    article_text = "x" * 99 + "\n" + text
    doc = bare_nlp(text)
    index = EntityIndex()
    index.add_entity(EntityDraft(key=V, label="Mara Voss", type="Person"))
    index.add_mention(Mention(100, 104, V, "Voss"))
    ctx = Context(article=Article(id="t", text=article_text), index=index)
    (draft,) = find_statements(doc, 100, ctx)
    assert article_text[draft.start : draft.end] == draft.evidence == text


# ---- data and parse-only tests (no model) ------------------------------------------------


def test_pattern_file_is_well_formed() -> None:
    raw = json.loads(
        resources.files("kg.nlp").joinpath("patterns/statements.json").read_text("utf-8")
    )
    pats = parse_patterns(raw)
    rules = [r for rs in pats.verbs.values() for r in rs]
    assert len(rules) == len(raw["verbs"])
    for rule in rules:
        assert rule.cameo is None or re.fullmatch(r"\d{3}", rule.cameo), rule
        assert rule.object in ("content", "addressee", "none"), rule
        assert rule.passive_speaker in ("subject", "agent"), rule
        assert 0.0 < rule.confidence <= 1.0, rule
    codes = {r.lemma: r.cameo for r in rules if r.particle is None}
    assert codes["say"] == "010" and codes["deny"] == "016" and codes["acknowledge"] == "015"
    assert (
        "agree" in codes and not pats.verbs["agree"][0].xcomp
    )  # "agreed to hold talks" is an action


def _parsed(
    words: list[str], heads: list[int], deps: list[str], pos: list[str], lemmas: list[str]
) -> Doc:
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


def test_cues_from_a_hand_built_parse() -> None:
    """'Voss told Brandt that talks went well, adding that more would follow.'"""
    words = [
        "Voss",
        "told",
        "Brandt",
        "that",
        "talks",
        "went",
        "well",
        ",",
        "adding",
        "that",
        "more",
        "would",
        "follow",
        ".",
    ]
    heads = [1, 1, 1, 5, 5, 1, 5, 1, 1, 12, 12, 12, 8, 1]
    deps = [
        "nsubj",
        "ROOT",
        "dobj",
        "mark",
        "nsubj",
        "ccomp",
        "advmod",
        "punct",
        "advcl",
        "mark",
        "nsubj",
        "aux",
        "ccomp",
        "punct",
    ]
    pos = [
        "PROPN",
        "VERB",
        "PROPN",
        "SCONJ",
        "NOUN",
        "VERB",
        "ADV",
        "PUNCT",
        "VERB",
        "SCONJ",
        "PRON",
        "AUX",
        "VERB",
        "PUNCT",
    ]
    lemmas = [
        "Voss",
        "tell",
        "Brandt",
        "that",
        "talk",
        "go",
        "well",
        ",",
        "add",
        "that",
        "more",
        "will",
        "follow",
        ".",
    ]
    doc = _parsed(words, heads, deps, pos, lemmas)
    told, adding = find_cues(doc, [False] * len(doc), load_patterns())
    assert (told.verb, told.speakers, told.addressee) == (1, [0], 2)
    assert (
        told.content is not None
        and doc[told.content[0] : told.content[1]].text == "talks went well"
    )
    assert adding.inherited and adding.speakers == [0]
    assert (
        adding.content is not None
        and doc[adding.content[0] : adding.content[1]].text == "more would follow"
    )


def test_cues_inside_quotations_are_skipped() -> None:
    words = ["“", "As", "I", "said", "before", ",", "no", "”", "."]
    heads = [3, 3, 3, 3, 3, 3, 3, 3, 3]
    deps = ["punct", "mark", "nsubj", "ROOT", "advmod", "punct", "dobj", "punct", "punct"]
    pos = ["PUNCT", "SCONJ", "PRON", "VERB", "ADV", "PUNCT", "INTJ", "PUNCT", "PUNCT"]
    lemmas = ["“", "as", "I", "say", "before", ",", "no", "”", "."]
    doc = _parsed(words, heads, deps, pos, lemmas)
    assert find_cues(doc, [True] * 8 + [False], load_patterns()) == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Voss said on Tuesday that the border would reopen next week.", "2018-01-09"),
        ("“The border will reopen,” Voss said on Tuesday.", "2018-01-09"),
        ("Voss said that the border would reopen next week.", None),
    ],
    ids=["reported speech dated by its cue", "quotation dated by its cue", "no date phrase"],
)
def test_statement_date_resolved_against_publication(
    bare_nlp: Language, text: str, date: str | None
) -> None:
    import datetime as dt

    ctx = Context(
        article=Article(id="t", text=text), index=_index(text, {}), published=dt.date(2018, 1, 11)
    )
    (draft,) = find_statements(bare_nlp(text), 0, ctx)
    assert draft.date == date


def test_without_a_parser_nothing_is_found_and_nothing_breaks() -> None:
    """A blank pipeline (no tagger, no parser) yields no statements rather than an error."""
    text = "“We will go,” Voss said.\n\n“And we will stay.”"
    doc = spacy.blank("en")(text)
    ctx = Context(article=Article(id="t", text=text), index=_index(text, {}))
    assert find_statements(doc, 0, ctx) == []
