"""Find quotation spans in plain text: pair the marks, follow a quote across paragraphs.

News text quotes with straight ``"..."`` and curly ``“...”`` double marks, and headlines
often with curly single marks ``‘...’``, whose closing mark is also the apostrophe
(``Korea’s``, ``don’t``). A quotation that runs over several paragraphs leaves its opening
mark unclosed at the end of each paragraph and re-opens at the start of the next one.

Everything here is pure string work (no spaCy), so the statement stage can ask which
characters are quoted and tests need no model.

>>> [q.text for q in find_quotes('He said: “We will go.” Then ‘maximum pressure’ and Korea’s.')]
['We will go.', 'maximum pressure']
>>> qs = find_quotes('“First part.\\n\\n“Second part,” she said.')
>>> [(q.text, q.group, q.closed) for q in qs]
[('First part.', 0, False), ('Second part,', 0, True)]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_OPEN_CLOSE = {"“": "”", "‘": "’", '"': '"', "«": "»", "„": "“"}
_DOUBLE_OPENERS = {"“", '"', "«", "„"}
_WORD = re.compile(r"[\w][\w'’\-]*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’]?\s+(?=[\"“‘(\[A-Z0-9])")


@dataclass(frozen=True)
class QuoteSpan:
    """One quotation inside one paragraph.

    ``open``/``close`` are the offsets of the marks (``close`` is one past the closing mark,
    or the paragraph end when the quote runs on); ``start``/``end`` bound the quoted words
    without marks or edge spaces. Segments of one quotation that runs over several
    paragraphs share ``group`` (the index of its first segment).
    """

    open: int
    close: int
    start: int
    end: int
    text: str
    mark: str
    group: int
    closed: bool = True

    @property
    def words(self) -> int:
        return count_words(self.text)


def count_words(text: str) -> int:
    """Words in ``text`` (marks and punctuation do not count).

    >>> count_words("“wonderful” and “very productive”")
    4
    """
    return len(_WORD.findall(text))


def split_sentences(text: str) -> list[str]:
    """Cut quoted text into sentences at ``. ! ?`` followed by a capital or a mark.

    >>> split_sentences("No, never. I am surprised. And so?")
    ['No, never.', 'I am surprised.', 'And so?']
    """
    parts = [p.strip() for p in _SENTENCE_END.split(text)]
    return [p for p in parts if p]


_SOFT_WRAP_BEFORE = re.compile(r"[^\s.!?:\"”’)\]]$")


def paragraph_breaks(text: str) -> list[int]:
    """Offsets of the newlines that end a paragraph.

    A newline after a blank line, or after a line that ends a sentence, ends a paragraph;
    one in the middle of a sentence is a hard wrap of a paragraph ("arrived in\\nBeijing").

    >>> paragraph_breaks("He arrived in\\nBeijing today.\\nHe left.")
    [28]
    """
    out: list[int] = []
    for m in re.finditer(r"\n", text):
        i = m.start()
        line_start = text.rfind("\n", 0, i) + 1
        before = text[line_start:i].rstrip()
        after = text[i + 1 : i + 2]
        if (
            not before
            or after in ("\n", "")
            or after.isspace()
            or not _SOFT_WRAP_BEFORE.search(before)
        ):
            out.append(i)
        elif after in '“"‘«' or before.isupper():
            out.append(i)  # a line opening a quotation, or a headline in capitals
    return out


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph of ``text`` (see :func:`paragraph_breaks`)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for i in paragraph_breaks(text) + [len(text)]:
        if i > start and text[start:i].strip():
            spans.append((start, i))
        start = i + 1
    return spans


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    yield from paragraph_spans(text)


def _is_opening(text: str, i: int, lo: int, hi: int) -> bool:
    """Whether an ambiguous mark at ``i`` opens: word-initial and followed by a word char."""
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    return (before.isspace() or before in '([{—–-:;,/“"') and not after.isspace()


def _is_single_close(text: str, i: int, hi: int) -> bool:
    """A ``’`` closes a single quote unless it sits between letters (an apostrophe)."""
    after = text[i + 1] if i + 1 < hi else " "
    return not after.isalnum()


def _scan(text: str, lo: int, hi: int) -> Iterator[tuple[int, int, str, bool]]:
    """Yield ``(open, close, mark, closed)`` for top-level quotes in ``text[lo:hi]``."""
    i = lo
    while i < hi:
        ch = text[i]
        opener = ch in ("“", "«", "„") or (ch in ('"', "‘") and _is_opening(text, i, lo, hi))
        if not opener:
            i += 1
            continue
        closer = _OPEN_CLOSE[ch]
        j = i + 1
        found = -1
        while j < hi:
            c = text[j]
            if c == closer and (ch != "‘" or _is_single_close(text, j, hi)):
                found = j
                break
            if ch == "‘" and c in '“"':
                break  # a single-quoted phrase never spans a double quote
            j += 1
        if found < 0:
            if ch in _DOUBLE_OPENERS:
                yield i, hi, ch, False
                return
            i += 1  # a lone ‘ is an apostrophe or a typo, not a quote
            continue
        yield i, found + 1, ch, True
        i = found + 1


def _trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def find_quotes(text: str) -> list[QuoteSpan]:
    """Every top-level quotation segment of ``text``, in order.

    A segment whose paragraph ends before its closing mark continues into the next
    paragraph when that paragraph opens with a double mark; both then share a ``group``.
    Without such a continuation the segment runs to its paragraph end (``closed=False``).

    >>> [q.text for q in find_quotes('She said "yes" and "no way at all" today.')]
    ['yes', 'no way at all']
    >>> find_quotes("the countries’ ties and ‘usable’ warheads")[0].text
    'usable'
    """
    out: list[QuoteSpan] = []
    pending: int | None = None  # group of a quote left open at the previous paragraph's end
    for lo, hi in _paragraphs(text):
        first = True
        stripped = lo
        while stripped < hi and text[stripped].isspace():
            stripped += 1
        carried = pending
        pending = None
        for o, c, mark, closed in _scan(text, lo, hi):
            continues = first and carried is not None and o == stripped and mark in _DOUBLE_OPENERS
            group = carried if continues and carried is not None else len(out)
            first = False
            inner_end = c - 1 if closed else c
            a, b = _trimmed(text, o + 1, inner_end)
            if b <= a:
                continue
            out.append(QuoteSpan(o, c, a, b, text[a:b], mark, group, closed))
            if not closed:
                pending = group
    return out


__all__ = [
    "QuoteSpan",
    "count_words",
    "find_quotes",
    "paragraph_breaks",
    "paragraph_spans",
    "split_sentences",
]
