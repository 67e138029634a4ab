"""Page furniture: the parts of a scraped page that are not the article's own sentences.

Related-story headlines embedded between paragraphs, bylines, photo credits, share prompts
and ad placeholders name people and countries that the article does not talk about, so the
extractor blanks them out (replaces them by spaces, keeping every offset) before parsing.
The rules are regular expressions in ``kg/nlp/patterns/furniture.json``; the one structural
rule is the headline rule: a line without final punctuation, standing alone after the
article's head (its title block), is a link to another story.

>>> text = ("Title line\\n\\nTrump met Moon on Monday in Seoul, the Blue House said.\\n\\n"
...         "Related story about Kim\\n\\nHe left.")
>>> blank(text).split("\\n\\n")[2].strip() == ""
True
>>> len(blank(text)) == len(text)
True
"""

from __future__ import annotations

import itertools
import json
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

logger = logging.getLogger(__name__)

RULES_PATH = Path(__file__).resolve().parent.parent / "nlp" / "patterns" / "furniture.json"


@dataclass(frozen=True)
class Rules:
    """Compiled furniture rules (see ``furniture.json`` for what each list means)."""

    line: tuple[re.Pattern[str], ...]
    tail: tuple[re.Pattern[str], ...]
    inline: tuple[re.Pattern[str], ...]
    min_words: int
    max_words: int
    terminal: str
    body_min_words: int


@lru_cache(maxsize=4)
def load_rules(path: Path = RULES_PATH) -> Rules:
    """Read and compile the rules file once per process."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    head = raw["headline"]
    return Rules(
        line=tuple(re.compile(p) for p in raw["line"]),
        tail=tuple(re.compile(p) for p in raw["tail"]),
        inline=tuple(re.compile(p) for p in raw["inline"]),
        min_words=int(head["min_words"]),
        max_words=int(head["max_words"]),
        terminal=str(head["terminal"]),
        body_min_words=int(head["body_min_words"]),
    )


def _lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line, without its newline."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"\n", text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _is_body(line: str, rules: Rules) -> bool:
    return line.endswith(tuple(rules.terminal)) and len(line.split()) >= rules.body_min_words


def is_furniture(line: str, *, in_body: bool = True, rules: Rules | None = None) -> bool:
    """Whether a whole (stripped) line is furniture; ``in_body`` enables the headline rule."""
    r = rules or load_rules()
    line = line.strip()
    if not line:
        return False
    if any(p.search(line) for p in r.line):
        return True
    if in_body and not line.endswith(tuple(r.terminal)):
        return r.min_words <= len(line.split()) <= r.max_words
    return False


def _hard_wrapped(lines: list[str], rules: Rules) -> bool:
    """Whether the text breaks lines inside sentences (then no line is a headline by form)."""
    open_ = sum(
        1
        for line, nxt in itertools.pairwise(lines)
        if line and nxt and not line.endswith(tuple(rules.terminal))
    )
    return open_ > max(2, len([x for x in lines if x]) // 5)


def furniture_spans(text: str, rules: Rules | None = None) -> list[tuple[int, int]]:
    """Character spans ``[start, end)`` of ``text`` that are furniture, in order."""
    r = rules or load_rules()
    spans: list[tuple[int, int]] = []
    bounds = _lines(text)
    stripped = [text[s:e].strip() for s, e in bounds]
    headlines = not _hard_wrapped(stripped, r)
    in_body = False
    for i, (start, end) in enumerate(bounds):
        raw = text[start:end]
        line = stripped[i]
        if not line:
            continue
        lead = start + (len(raw) - len(raw.lstrip()))
        prev = stripped[i - 1] if i else ""
        alone = headlines and in_body and (not prev or prev.endswith(tuple(r.terminal)))
        tail = len(line)
        for p in r.tail:
            m = p.search(line)
            if m and m.start() > 0:
                tail = m.start()
                break
        if is_furniture(line[:tail], in_body=alone, rules=r):
            spans.append((lead, lead + len(line)))
            continue
        if tail < len(line):
            spans.append((lead + tail, lead + len(line)))
            line = line[:tail]
        for p in r.inline:
            spans.extend((lead + m.start(), lead + m.end()) for m in p.finditer(line))
        if not in_body and _is_body(line, r):
            in_body = True
    spans.sort()
    return spans


def content_spans(text: str, rules: Rules | None = None) -> list[tuple[int, int]]:
    """The complement of :func:`furniture_spans`: the article's own text, as spans."""
    out: list[tuple[int, int]] = []
    pos = 0
    for start, end in furniture_spans(text, rules):
        if start > pos:
            out.append((pos, start))
        pos = max(pos, end)
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def blank(text: str, rules: Rules | None = None) -> str:
    """``text`` with furniture replaced by spaces: same length, same offsets."""
    spans = furniture_spans(text, rules)
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug("furniture: %s", [text[s:e] for s, e in spans])
    return "".join(chars)


__all__ = ["RULES_PATH", "Rules", "blank", "content_spans", "furniture_spans", "is_furniture", "load_rules"]
