"""The actor ruler: gazetteer names marked with their actor keys, exact case where asked."""

from __future__ import annotations

import spacy
from spacy.language import Language

from kg.gazetteer import Gazetteer, GazetteerEntry
from kg.nlp.components import RULER_NAME, ActorRuler, add_components


def _nlp() -> Language:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe(RULER_NAME)
    assert isinstance(ruler, ActorRuler)
    ruler.add_patterns(
        [
            {"label": "GPE", "pattern": [{"ORTH": "US"}], "id": "Q30"},
            {"label": "GPE", "pattern": [{"LOWER": "united"}, {"LOWER": "states"}], "id": "Q30"},
            {"label": "ORG", "pattern": [{"ORTH": "US"}, {"LOWER": "state"}, {"LOWER": "department"}], "id": "Q1"},
            {"label": "PERSON", "pattern": "Mara Voss", "id": "p1"},
        ]
    )
    return nlp


def ents(nlp: Language, text: str) -> list[tuple[str, str, str]]:
    return [(e.text, e.label_, e.ent_id_) for e in nlp(text).ents]


def test_exact_case_tokens_must_match_as_written() -> None:
    nlp = _nlp()
    assert ents(nlp, "The US protested.") == [("US", "GPE", "Q30")]
    assert ents(nlp, "Let us go.") == []


def test_other_tokens_match_in_any_case() -> None:
    nlp = _nlp()
    assert ents(nlp, "the UNITED States said") == [("UNITED States", "GPE", "Q30")]


def test_longest_match_wins() -> None:
    nlp = _nlp()
    assert ents(nlp, "The US State Department said") == [("US State Department", "ORG", "Q1")]


def test_phrase_string_patterns() -> None:
    assert ents(_nlp(), "Mara Voss spoke.") == [("Mara Voss", "PERSON", "p1")]


def test_add_components_is_idempotent_and_uses_the_gazetteer() -> None:
    gaz = Gazetteer([GazetteerEntry(key="Q9", label="Elbonia", type="Country", demonyms=["Elbonian"])])
    nlp = add_components(spacy.blank("en"), gazetteer=gaz)
    add_components(nlp, gazetteer=gaz)
    assert nlp.pipe_names.count(RULER_NAME) == 1
    assert ents(nlp, "Elbonian envoys") == [("Elbonian", "NORP", "Q9")]
