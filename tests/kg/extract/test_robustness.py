"""No text crashes the extractor, and every result is a valid record.

Arbitrary text goes through the project's own components on a blank English pipeline (fast,
so hypothesis can try many texts); a smaller set goes through the statistical model; and one
5 MB article, longer than spaCy's ``max_length``, is read in pieces with the facts of its last
piece kept.
"""

from __future__ import annotations

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from kg.extract.extractor import PIECE_CHARS, extract
from kg.extract.records import ExtractionRecord
from kg.ingest.article import Article
from kg.nlp.components import add_components

SPECIAL = st.sampled_from([
    "", " ", "\n\n\t ", "word", "“", "\"", "“unclosed quote", "Moon.", "<p>Trump met <b>Moon</b></p>",
    "<script>alert('x')</script>", "Трамп встретился с Муном", "特朗普与文在寅通话", "ترامب التقى مون",
    "\x00\x01\x02\x1b[31m", "\u200b\u200e\ufeff", "…" * 50, "Mr. " * 40, "said said said",
    "North and South Korea and and and", "\"\"\"\"", "(((", "Trump told Moon: “", "“”“”",
])
TEXTS = st.one_of(SPECIAL, st.text(max_size=400),
                  st.lists(st.one_of(SPECIAL, st.text(max_size=40)), max_size=12).map(" ".join))


@pytest.fixture(scope="module")
def blank_nlp() -> Language:
    return add_components(spacy.blank("en"))


def check(record: ExtractionRecord) -> None:
    again = ExtractionRecord.model_validate_json(record.model_dump_json())
    assert again == record
    ids = {e.id for e in record.entities}
    for m in record.meetings:
        assert set(m.participants) <= ids and len(set(m.participants)) >= 2
    for s in record.statements:
        assert s.speaker is None or s.speaker in ids


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
def test_no_text_crashes_the_rules(blank_nlp: Language, text: str) -> None:
    check(extract(Article(id="prop", text=text, published="2020-01-01"), nlp=blank_nlp))


@pytest.mark.model
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
def test_no_text_crashes_the_model_pipeline(nlp: Language, text: str) -> None:
    check(extract(Article(id="prop", text=text), nlp=nlp))


@pytest.mark.model
@pytest.mark.slow
def test_five_megabytes_are_read_in_pieces_and_late_facts_kept(nlp: Language) -> None:
    filler = "Officials from several agencies reviewed routine trade figures in the capital. " * 8 + "\n\n"
    body = filler * (5_000_000 // len(filler) + 1)
    late = "US President Donald Trump met South Korean President Moon Jae-in in Seoul on Tuesday."
    text = body + late
    assert len(text) > 5_000_000 > nlp.max_length > PIECE_CHARS
    record = extract(Article(id="big", text=text, published="2019-06-30"), nlp=nlp)
    check(record)
    labels = {e.id: e.label for e in record.entities}
    met = [m for m in record.meetings if {labels[p] for p in m.participants} == {"Donald Trump", "Moon Jae-in"}]
    assert met, "the meeting in the last piece was lost"
    assert met[0].evidence == late
    assert text.endswith(met[0].evidence)
