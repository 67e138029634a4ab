"""Quotation finding: pairing marks, apostrophes, quotes running over paragraphs (no model)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.quotes import count_words, find_quotes, paragraph_spans, split_sentences

CASES = [
    # (text, expected quoted texts, what it tests)
    ("He said “we will go” today.", ["we will go"], "curly double marks"),
    ('He said "we will go" today.', ["we will go"], "straight double marks"),
    (
        '"One," she said. "Two."',
        ["One,", "Two."],
        "two straight quotes in one paragraph pair in order",
    ),
    (
        "keeping up ‘maximum pressure’ campaign",
        ["maximum pressure"],
        "single curly marks in a headline",
    ),
    ("Korea’s leader and the talks’ end", [], "apostrophes are not quotation marks"),
    ("a ‘Korea’s best’ deal", ["Korea’s best"], "apostrophe inside a single-quoted phrase"),
    (
        "“How our ties become a 'factor of stability' matters,” he said.",
        ["How our ties become a 'factor of stability' matters,"],
        "a nested single quote stays inside",
    ),
    (
        "“We’ll see what happens,” Trump said.",
        ["We’ll see what happens,"],
        "apostrophe inside curly quote",
    ),
    ("No quotation here.", [], "plain text"),
    ("«Nous verrons» dit-il.", ["Nous verrons"], "guillemets"),
]


@pytest.mark.parametrize(("text", "expected", "what"), CASES, ids=[c[2] for c in CASES])
def test_quote_texts(text: str, expected: list[str], what: str) -> None:
    assert [q.text for q in find_quotes(text)] == expected


def test_offsets_point_at_marks_and_words() -> None:
    text = "Li said: “This is a testament.” Then he left."
    (q,) = find_quotes(text)
    assert text[q.open] == "“" and text[q.close - 1] == "”"
    assert text[q.start : q.end] == "This is a testament."
    assert q.closed and q.words == 4


def test_quote_continues_into_next_paragraph() -> None:
    text = (
        "He said: “No, never. I am surprised.\n\n“And of course "
        "repeated. Nothing is true.”\n\nNext."
    )
    first, second = find_quotes(text)
    assert not first.closed and second.closed
    assert first.group == second.group == 0
    assert first.text == "No, never. I am surprised."
    assert second.text == "And of course repeated. Nothing is true."


def test_unclosed_quote_without_continuation_stops_at_paragraph_end() -> None:
    text = "He said: “No, never.\n\nThe minister left the room."
    (q,) = find_quotes(text)
    assert not q.closed and q.text == "No, never."


def test_next_paragraph_quote_with_own_speaker_is_a_new_group_when_first_closed() -> None:
    text = "“One thing,” he said.\n\n“Another thing,” she said."
    a, b = find_quotes(text)
    assert (a.group, b.group) == (0, 1)


def test_count_words_ignores_marks() -> None:
    assert count_words("“wonderful” and “very productive”") == 4
    assert count_words("—") == 0


def test_split_sentences() -> None:
    assert split_sentences("We’ll see. We’re talking to them now. OK?") == [
        "We’ll see.",
        "We’re talking to them now.",
        "OK?",
    ]
    assert split_sentences("the U.S. team") == ["the U.S. team"]


def test_hard_wrapped_lines_are_one_paragraph() -> None:
    text = (
        '"I will ask him about the next\nround of talks," Hill told reporters at the\nairport.\n'
        "The ministry confirmed it."
    )
    (q,) = find_quotes(text)
    assert q.closed and q.text == "I will ask him about the next\nround of talks,"
    first, second = (text[a:b] for a, b in paragraph_spans(text))
    assert first.endswith("at the\nairport.") and second == "The ministry confirmed it."


def test_paragraph_breaks_after_sentences_headlines_and_blank_lines() -> None:
    text = "KOREAN PENINSULA\nTalks open\n\nHe said so.\nShe left"
    starts = [text[a:b] for a, b in paragraph_spans(text)]
    assert starts == ["KOREAN PENINSULA", "Talks open", "He said so.", "She left"]


@given(st.text(alphabet=st.sampled_from(list("ab ’‘“”\"'.,\n")), max_size=60))
def test_quote_spans_are_ordered_and_inside_the_text(text: str) -> None:
    quotes = find_quotes(text)
    last = -1
    for q in quotes:
        assert 0 <= q.open < q.start <= q.end <= q.close <= len(text)
        assert text[q.start : q.end] == q.text and q.text == q.text.strip()
        assert q.open > last
        last = q.close - 1
        assert q.group <= quotes.index(q)
