"""Cut an article's text into pieces spaCy can parse, keeping each piece's offset.

spaCy refuses texts longer than ``nlp.max_length`` and its memory grows with length, so long
texts are parsed in pieces cut at paragraph ends (or, for one huge paragraph, at sentence
ends or white space). Offsets let every fact point back into the original text.

>>> [(o, t) for o, t in pieces("a b\\n\\nc d", 4)]
[(0, 'a b'), (5, 'c d')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_PARAGRAPH = re.compile(r"\n\s*\n|\n")
_SOFT_BREAK = re.compile(r"(?<=[.!?])\s+|\s+")


def _spans(text: str, limit: int) -> Iterator[tuple[int, int]]:
    start = 0
    n = len(text)
    while start < n:
        if n - start <= limit:
            yield start, n
            return
        window = text[start : start + limit]
        cut = 0
        for pattern in (_PARAGRAPH, _SOFT_BREAK):
            ends = [m.end() for m in pattern.finditer(window) if 0 < m.end() <= len(window)]
            if ends:
                cut = ends[-1]
                break
        if cut <= 0:
            cut = limit
        yield start, start + cut
        start += cut


def pieces(text: str, limit: int = 100_000) -> Iterator[tuple[int, str]]:
    """Yield ``(offset, piece)`` with ``len(piece) <= limit``; blank pieces are skipped.

    Pieces are stripped of surrounding white space; the offset is that of the first kept char.
    """
    for start, end in _spans(text, limit):
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            yield start + (len(chunk) - len(chunk.lstrip())), stripped


__all__ = ["pieces"]
