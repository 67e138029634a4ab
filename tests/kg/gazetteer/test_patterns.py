"""Entity-ruler patterns built from the gazetteer, run in a blank English pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from kg.gazetteer.entries import GazetteerEntry
from kg.gazetteer.patterns import (
    dump_patterns,
    entity_ruler_patterns,
    load_patterns,
    name_patterns,
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(load_patterns())  # type: ignore[attr-defined]
    return nlp


def _ents(nlp: Language, text: str) -> list[tuple[str, str, str]]:
    return [(e.text, e.label_, e.ent_id_) for e in nlp(text).ents]


def test_finds_states_people_and_capitals_with_their_keys(nlp: Language) -> None:
    ents = _ents(nlp, "US President Donald Trump met Moon Jae-in in Seoul")
    assert ents == [
        ("US", "GPE", "Q30"),
        ("Donald Trump", "PERSON", "Q22686"),
        ("Moon Jae-in", "PERSON", "Q21001"),
        ("Seoul", "GPE", "Q884"),
    ]


def test_short_acronyms_are_case_sensitive(nlp: Language) -> None:
    assert _ents(nlp, "let us go to the un-named place, ap") == []
    assert [e[2] for e in _ents(nlp, "The UN and the AP said")] == ["Q1065", "Q40469"]


def test_acronyms_keep_their_mixed_case_spelling(nlp: Language) -> None:
    assert _ents(nlp, "Nato and NATO") == [("Nato", "ORG", "Q7184"), ("NATO", "ORG", "Q7184")]
    assert _ents(nlp, "nato") == []


def test_demonyms_are_norp_and_one_word_names_need_a_capital(nlp: Language) -> None:
    assert _ents(nlp, "French officials") == [("French", "NORP", "Q142")]
    assert _ents(nlp, "roast turkey") == []
    assert _ents(nlp, "talks with Turkey") == [("Turkey", "GPE", "Q43")]


def test_longer_names_win_and_ignore_case(nlp: Language) -> None:
    ents = _ents(nlp, "The North Korean leader Kim Jong Un spoke to the UNITED NATIONS")
    assert ("North Korean", "NORP", "Q423") in ents
    assert ("Kim Jong Un", "PERSON", "Q56226") in ents
    assert ("UNITED NATIONS", "ORG", "Q1065") in ents


def test_typographic_apostrophes_match_too(nlp: Language) -> None:
    assert _ents(nlp, "the People\u2019s Liberation Army") == [
        ("People\u2019s Liberation Army", "ORG", "organization/peoples-liberation-army")
    ]
    assert _ents(nlp, "Robert O\u2019Brien said") == [
        ("Robert O\u2019Brien", "PERSON", "person/robert-o-brien")
    ]


def test_patterns_for_a_small_gazetteer_and_jsonl_round_trip(tmp_path: Path) -> None:
    entries = [
        GazetteerEntry(key="Q30", label="United States", type="Country", aliases=["US",
                       "the United States"], capitals=["Washington"], demonyms=["American"]),
        GazetteerEntry(key="person/jane-roe", label="Jane Roe", type="Person"),
    ]
    pats = entity_ruler_patterns(entries)
    assert not any(isinstance(v, dict) for p in pats for t in p["pattern"] for v in t.values())
    assert {(p["label"], p["id"]) for p in pats} == {
        ("GPE", "Q30"), ("NORP", "Q30"), ("PERSON", "person/jane-roe")
    }
    # "the United States" adds nothing over "United States"
    assert sum(1 for p in pats if p["pattern"][0] == {"LOWER": "the"}) == 0
    path = tmp_path / "p.jsonl"
    assert dump_patterns(pats, path) == len(pats)
    assert load_patterns(path) == pats


def test_name_pattern_case_rules() -> None:
    assert name_patterns(["US"]) == [[{"ORTH": "US"}]]
    assert name_patterns(["Seoul"]) == [[{"ORTH": "Seoul"}], [{"ORTH": "SEOUL"}]]
    assert name_patterns(["U.S.", "Congress"]) == [[{"ORTH": "U.S."}, {"LOWER": "congress"}]]
    assert name_patterns(["Moon", "Jae", "-", "in"]) == [
        [{"LOWER": "moon"}, {"LOWER": "jae"}, {"LOWER": "-"}, {"LOWER": "in"}]
    ]
