"""Readers: every input kind becomes an Article, and every bad input a clear error naming it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kg.errors import EmptyInputError, InputError, OversizedInputError, UnreadableInputError
from kg.ingest.article import Article
from kg.ingest.batch import InputFailure, iter_inputs
from kg.ingest.readers import read_path

TXT = """World

Ministers meet in Lisbon

A short standfirst line

PUBLISHED : Monday, 8 May, 2023, 9:15pm
UPDATED : Tuesday, 9 May, 2023, 7:00am

Foreign Minister Ana Lopes met her counterpart on Monday.
"""


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    p = tmp_path / name
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    return p


def test_txt_header_is_metadata_and_body_is_text(tmp_path: Path) -> None:
    [a] = read_path(write(tmp_path, "lisbon-talks.txt", TXT))
    assert isinstance(a, Article)
    assert a.id == "lisbon-talks"
    assert a.section == "World"
    assert a.title == "Ministers meet in Lisbon"
    assert a.published == dt.date(2023, 5, 8)  # PUBLISHED wins over UPDATED
    assert a.text.strip() == "Foreign Minister Ana Lopes met her counterpart on Monday."
    assert "PUBLISHED" not in a.text


def test_txt_without_header_keeps_all_text(tmp_path: Path) -> None:
    [a] = read_path(write(tmp_path, "plain.txt", "Leaders met.\nThey talked.\n"))
    assert isinstance(a, Article)
    assert a.published is None and a.title is None
    assert a.text == "Leaders met.\nThey talked.\n"


def test_json_article_with_iso_datetime(tmp_path: Path) -> None:
    obj = {"id": "x1", "url": "https://news.example/x1", "title": "T", "published": "2020-02-03T10:00:00Z",
           "text": "Body.", "source": "Example News"}
    [a] = read_path(write(tmp_path, "whatever.json", json.dumps(obj)))
    assert isinstance(a, Article)
    assert (a.id, a.published, a.source) == ("x1", dt.date(2020, 2, 3), "Example News")


def test_json_without_id_takes_the_file_stem(tmp_path: Path) -> None:
    [a] = read_path(write(tmp_path, "stem-id.json", json.dumps({"text": "Body.", "published": None})))
    assert isinstance(a, Article) and a.id == "stem-id"


def test_jsonl_bad_line_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "a", "text": "One."}), "{not json", json.dumps({"id": "c", "text": ""}),
             json.dumps({"id": "d", "text": "Four."})]
    items = read_path(write(tmp_path, "batch.jsonl", "\n".join(lines)))
    assert [i.id for i in items if isinstance(i, Article)] == ["a", "d"]
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(errors) == 2
    assert "batch.jsonl:2" in str(errors[0]) and "invalid JSON" in str(errors[0])
    assert "batch.jsonl:3" in str(errors[1]) and isinstance(errors[1], EmptyInputError)


def test_html_page_main_text_and_metadata(tmp_path: Path) -> None:
    html = """<html><head><title>Leaders meet | Example News</title>
    <meta property="og:title" content="Leaders meet in Geneva">
    <meta property="article:published_time" content="2021-06-16T12:00:00Z">
    <meta property="og:site_name" content="Example News"></head>
    <body><nav>Home | World | Share this</nav>
    <article><h1>Leaders meet in Geneva</h1>
    <p>The two presidents met in Geneva on Wednesday for talks that lasted four hours,
    their first meeting since the election, officials said after the summit.</p>
    <p>Both sides described the discussions as constructive and agreed to return
    ambassadors to their posts, according to a joint statement released afterwards.</p>
    </article><footer>Copyright Example News</footer></body></html>"""
    [a] = read_path(write(tmp_path, "geneva.html", html))
    assert isinstance(a, Article)
    assert a.id == "geneva"
    assert "met in Geneva on Wednesday" in a.text
    assert "Share this" not in a.text and "Copyright" not in a.text
    assert a.published == dt.date(2021, 6, 16)
    assert a.title and "Geneva" in a.title


@pytest.mark.parametrize(
    ("name", "content", "error", "words"),
    [
        ("empty.txt", "   \n\n", EmptyInputError, "no text"),
        ("binary.txt", b"\x00\x01\x02abc", UnreadableInputError, "binary"),
        ("latin1.txt", "caf\xe9".encode("latin-1"), UnreadableInputError, "UTF-8"),
        ("broken.json", "{\"text\": ", UnreadableInputError, "invalid JSON"),
        ("notext.json", "{\"id\": \"z\"}", EmptyInputError, "no 'text'"),
        ("badid.json", "{\"id\": \"a b\", \"text\": \"x\"}", UnreadableInputError, "field 'id'"),
        ("baddate.json", "{\"text\": \"x\", \"published\": \"yesterday\"}", UnreadableInputError, "published"),
        ("notes.md", "# hi", UnreadableInputError, "unknown file type"),
    ],
)
def test_bad_inputs_raise_clear_errors_naming_the_file(
    tmp_path: Path, name: str, content: str | bytes, error: type[InputError], words: str
) -> None:
    path = write(tmp_path, name, content)
    with pytest.raises(error) as info:
        read_path(path)
    assert name in str(info.value)
    assert words in str(info.value)


def test_oversized_input_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", "word " * 1000)
    with pytest.raises(OversizedInputError, match="big.txt.*more than the limit of 100"):
        read_path(path, max_bytes=100)


def test_batch_walks_folders_and_reports_failures_as_values(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    write(tmp_path, "a.txt", "Alpha text.")
    write(tmp_path / "sub", "b.json", json.dumps({"id": "b", "text": "Beta."}))
    write(tmp_path / "sub", "c.txt", "")
    write(tmp_path / "sub", "ignored.csv", "x,y")
    write(tmp_path / ".hidden", "h.txt", "Hidden.")
    items = list(iter_inputs([tmp_path, tmp_path / "missing.txt"]))
    ok = sorted(i.id for i in items if isinstance(i, Article))
    failures = [i for i in items if isinstance(i, InputFailure)]
    assert ok == ["a", "b"]
    assert sorted(Path(f.source).name for f in failures) == ["c.txt", "missing.txt"]
    assert all(f.message for f in failures)
