"""When a meeting took place: the DATE expressions of its sentence that belong to its cue.

A date belongs to a meeting when it hangs on the cue's own clause (the cue verb, its light
or frame verb, the verb a noun cue is the subject of, an event participle such as "held on
Tuesday", or the noun phrase itself: "Tuesday's meeting"); failing that, when it hangs on a
reporting verb above the cue ("said today he held talks"); last, a dateline's date. The
expression is resolved by :mod:`kg.extract.dates` against the publication date, forwards
for planned and proposed meetings.

>>> DATELINE.match("BEIJING, March 3 (Xinhua) -- Han Zheng met Wong").group(0)
'BEIJING, March 3 (Xinhua) -- '
>>> DATELINE.match("NATO-Russia talks resumed") is None
True
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Span, Token

from kg.extract.dates import is_after, is_future_expression, resolve_date
from kg.extract.meeting_lexicon import Lexicon
from kg.extract.meeting_syntax import entity_span, nearest_verb, reaches

DATELINE = re.compile(
    r"^[A-Z][A-Z.'’]{2,}(?:[ ,-]+[A-Z][A-Z.'’]+)*,?(?:\s*\[[^\]]{1,30}\])?"
    r"(?:,?\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)??(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"(?:\s*[|(][^)|\n]{1,40}[)|])*\s*(?:--|[|:–—]|-\s)\s*"
)


def sentence_dates(sent: Span) -> list[Span]:
    """The DATE entities of a sentence, read from its tokens' IOB tags."""
    out: list[Span] = []
    for tok in sent:
        if tok.ent_iob_ == "B" and tok.ent_type_ == "DATE":
            span = entity_span(tok)
            if span is not None:
                out.append(span)
    return out


def date_candidates(
    cue: Token, gov: Token | None, sent: Span, reporting: frozenset[str], predicates: frozenset[str]
) -> list[tuple[int, Span]]:
    """DATE expressions of the sentence that belong to the cue, best first.

    First those on the cue's own clause (its verb, light verb or frame verb, or inside the
    noun phrase: "Tuesday's meeting"), then those on a reporting verb above the cue ("said
    today he held talks"), last the date of a dateline opening the sentence.
    """
    ancestors = set(a.i for a in cue.ancestors)
    # "talks that broke down in August" is no date of the talks; "the meeting, held on Tuesday" is
    relcl = {
        t.i
        for c in cue.children
        if c.dep_ in {"relcl", "acl"} and c.lemma_.lower() not in predicates
        for t in c.subtree
    }
    own_verbs = {cue.i, *([gov.i] if gov is not None else [])}
    own_verbs |= {c.i for c in cue.children if c.dep_ in {"relcl", "acl"} and c.lemma_.lower() in predicates}
    dateline = dateline_end(sent)
    ranked: list[tuple[int, Span]] = []
    for ent in sentence_dates(sent):
        if ent.start_char < dateline:
            ranked.append((2000 + abs(ent.root.i - cue.i), ent))  # "BEIJING, March 3 (Xinhua) --"
            continue
        if ent.root.i in relcl:
            continue
        if ent.root.head.lower_ in {"since", "until", "till", "for", "from", "through", "by", "over"}:
            continue  # "their second call since December": a span, not the day
        root = ent.root
        verb = nearest_verb(root)
        if reaches(root, cue) or (verb is not None and verb.i in own_verbs):
            rank = 0
        elif verb is not None and verb.i in ancestors and verb.lemma_.lower() in reporting:
            rank = 1
        else:
            continue
        ranked.append((rank * 1000 + abs(root.i - cue.i), ent))
    return sorted(ranked, key=lambda x: x[0])


def meeting_date(
    cue: Token, gov: Token | None, sent: Span, status: str, published: dt.date | None, lex: Lexicon
) -> tuple[str | None, bool]:
    """The resolved date and whether the expression puts the meeting in the future."""
    pub = published
    for _, ent in date_candidates(cue, gov, sent, lex.reporting_verbs, lex.event_predicates):
        future_word = is_future_expression(ent.text)
        future = status in {"planned", "proposed"} or future_word
        value = resolve_date(ent.text, pub, future=future)
        if value is not None or future_word:
            return value, future_word or (value is not None and is_after(value, pub))
    return None, False


def dateline_end(sent: Span) -> int:
    """Character offset (in the doc) where a dateline opening the sentence ends, else its start.

    "BERLIN (AP) — Germany's president ...", "TEHRAN- Iranian ...": the place and agency
    of a dateline are not actors of the sentence's meeting.
    """
    m = DATELINE.match(sent.text)
    return sent.start_char + m.end() if m else sent.start_char


__all__ = ["DATELINE", "date_candidates", "dateline_end", "meeting_date", "sentence_dates"]
