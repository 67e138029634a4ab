"""Page furniture: what is blanked before parsing, and that offsets never move.

Each row is a short fictional page, the pieces of it that must be blanked and the pieces that
must survive, and one line saying what it tests.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.furniture import blank, content_spans, furniture_spans, is_furniture

BODY = "Elbonian President Mara Voss met Karl Brandt in Fredville on Monday, officials said."
MORE = "Brandt said the meeting had been useful and that the talks would go on next month."


@dataclass(frozen=True)
class Row:
    text: str
    gone: tuple[str, ...]
    kept: tuple[str, ...]
    what: str


ROWS = [
    Row(
        f"{BODY}\n\nVoss and Vanek trade words over Freedonia sanctions\n\n{MORE}",
        ("Voss and Vanek trade words over Freedonia sanctions",),
        (BODY, MORE),
        "a related-story headline between paragraphs",
    ),
    Row(
        f"{BODY}\n\nIs Elbonia’s Voss serious about peace or just playing (again)?\n\n{MORE}",
        (),
        ("Is Elbonia’s Voss serious about peace",),
        "a line ending in a question mark is a sentence, not a headline",
    ),
    Row(
        f"Voss meets Brandt\n\n{BODY}\n\n{MORE}",
        (),
        ("Voss meets Brandt",),
        "the title block before the first paragraph is kept",
    ),
    Row(
        f"PUBLISHED : Thursday, 11 January, 2018, 4:40am\nUPDATED : Thursday, 11 January, 2018\n\n{BODY}",
        ("PUBLISHED : Thursday", "UPDATED : Thursday"),
        (BODY,),
        "publication stamps",
    ),
    Row(
        f"{BODY}\n\nVoss and Brandt shake hands in Fredville on Monday. Anna Berg/AFP/Getty Images\n\n{MORE}",
        ("Anna Berg/AFP/Getty Images",),
        ("Voss and Brandt shake hands in Fredville on Monday.",),
        "a photo credit after a caption; the caption stays",
    ),
    Row(
        f"{BODY} [Xinhua]\n\n{MORE}",
        ("[Xinhua]",),
        (BODY,),
        "a bracketed agency credit",
    ),
    Row(
        f"{BODY}\n\nBy Anna Berg\n\n{MORE}\n\nShare this article on social media",
        ("By Anna Berg", "Share this article"),
        (MORE,),
        "byline and share prompt",
    ),
    Row(
        f"{BODY}\n\n{{mosads}}\n\n{MORE}",
        ("{mosads}",),
        (MORE,),
        "an ad placeholder",
    ),
    Row(
        "Elbonian President Mara Voss met Karl Brandt in\nFredville on Monday and the two\n"
        "agreed to meet again in the spring\nof next year, officials said.\nThe talks lasted two"
        " hours and\nended without a statement.",
        (),
        ("met Karl Brandt in", "agreed to meet again in the spring"),
        "hard-wrapped text has no headlines by form",
    ),
]


@pytest.mark.parametrize("row", ROWS, ids=[r.what for r in ROWS])
def test_rows(row: Row) -> None:
    out = blank(row.text)
    assert len(out) == len(row.text)
    for piece in row.gone:
        assert piece in row.text
        assert piece not in out, f"{row.what}: {piece!r} survived"
    for piece in row.kept:
        assert piece in out, f"{row.what}: {piece!r} was blanked"


def test_blanking_keeps_newlines_and_offsets() -> None:
    text = f"{BODY}\n\nVoss and Vanek trade words over sanctions\n\n{MORE}"
    out = blank(text)
    assert [i for i, c in enumerate(out) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]
    assert out.index(MORE) == text.index(MORE)


def test_content_spans_complement_furniture() -> None:
    text = f"{BODY}\n\nVoss and Vanek trade words over sanctions\n\n{MORE} [Xinhua]"
    spans = content_spans(text) + furniture_spans(text)
    covered = sorted(spans)
    assert covered[0][0] == 0 and covered[-1][1] == len(text)
    for (_, end), (start, _) in itertools.pairwise(covered):
        assert end == start


def test_is_furniture_single_lines() -> None:
    assert is_furniture("Voss and Vanek trade words over sanctions")
    assert not is_furniture("Voss and Vanek trade words over sanctions", in_body=False)
    assert not is_furniture(BODY)
    assert is_furniture("Photo: Anna Berg")


@given(st.text(alphabet=st.sampled_from(list("ab .?\n[]/:XP")), max_size=200))
def test_blank_never_moves_text(text: str) -> None:
    out = blank(text)
    assert len(out) == len(text)
    assert all(o == t or o == " " for o, t in zip(out, text))
