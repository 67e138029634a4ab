"""When a meeting took place: the DATE expressions of its sentence that belong to its cue.

A date belongs to a meeting when it hangs on the cue's own clause (the cue verb, its light
or frame verb, the verb a noun cue is the subject of, an event participle such as "held on
Tuesday", or the noun phrase itself: "Tuesday's meeting"); failing that, when it hangs on a
reporting verb above the cue ("said today he held talks"); last, a dateline's date. The
expression is resolved by :mod:`kg.extract.dates` against the publication date, forwards
for planned and proposed meetings.

>>> DATELINE.match("BEIJING, March 3 (Xinhua) -- Han Zheng met Wong").group(0)
'BEIJING, March 3 (Xinhua) -- '
>>> DATELINE.match("New Delhi [India], June 4 (ANI): Modi met Wong").group(0)
'New Delhi [India], June 4 (ANI): '
>>> DATELINE.match("NATO-Russia talks resumed") is None
True
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Span, Token

from kg.extract.dates import is_after, is_future_expression, is_same_day, resolve_date
from kg.extract.meeting_lexicon import Lexicon
from kg.extract.meeting_syntax import entity_span, nearest_verb, reaches

DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’]{2,}(?:[ ,-]+[A-Z][A-Z.'’]+)*,?(?:\s*\[[^\]]{1,30}\])?"
    r"(?:,?\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)??(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"(?:\s*[|(][^)|\n]{1,40}[)|])*"
    # a mixed-case place only with a date and an agency: "New Delhi [India], June 4 (ANI):"
    r"|[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}(?:\s*\[[^\]]{1,30}\])?,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?"
    r"\s*\([^)\n]{1,40}\))"
    r"\s*(?:--|[|:–—]|-\s)\s*"
)

_OTHER_DAY = re.compile(r"\b(?:last|past|previous|earlier|recent|recently|ago|week|weekend)\b", re.IGNORECASE)
"""Words of an expression that puts the meeting on another day than the dateline's."""


def sentence_dates(sent: Span) -> list[Span]:
    """The DATE entities of a sentence, read from its tokens' IOB tags.

    A TIME entity counts when it names the day in focus ("earlier in the day").
    """
    out: list[Span] = []
    for tok in sent:
        if tok.ent_iob_ == "B" and tok.ent_type_ in {"DATE", "TIME"}:
            span = entity_span(tok)
            if span is not None and (tok.ent_type_ == "DATE" or is_same_day(span.text)):
                out.append(span)
    return out


def date_candidates(
    cue: Token, gov: Token | None, sent: Span, reporting: frozenset[str], predicates: frozenset[str]
) -> list[tuple[int, Span]]:
    """DATE expressions of the sentence that belong to the cue, best first.

    First those on the cue's own clause (its verb, light verb or frame verb, or inside the
    noun phrase: "Tuesday's meeting"), then those on a reporting verb above the cue ("said
    today he held talks"), then spans of the cue's clause ("over the past week": no day, but
    they keep the dateline's day off), last the date of a dateline opening the sentence.
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
        root = ent.root
        if root.head.lower_ in {"since", "until", "till", "for", "from", "through", "by", "over"}:
            span_verb = nearest_verb(root)
            if reaches(root, cue) or (span_verb is not None and span_verb.i in own_verbs):
                ranked.append((1900 + abs(root.i - cue.i), ent))  # a span, not the day
            continue  # "their second call since December"
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
    cue: Token,
    gov: Token | None,
    sent: Span,
    status: str,
    published: dt.date | None,
    lex: Lexicon,
    anchor: str | None = None,
) -> tuple[str | None, bool]:
    """The resolved date and whether the expression puts the meeting in the future.

    ``anchor`` is the day of the event last told of, for "earlier in the day". An expression
    of the cue's own clause that names no day ("late last week") leaves the meeting undated:
    the dateline's day is the publication's, not the meeting's.
    """
    pub = published
    for rank, ent in date_candidates(cue, gov, sent, lex.reporting_verbs, lex.event_predicates):
        if is_same_day(ent.text):
            return (anchor if anchor and len(anchor) == 10 else None), False
        if rank >= 1900:
            break
        future_word = is_future_expression(ent.text)
        future = status in {"planned", "proposed"} or future_word
        value = resolve_date(ent.text, pub, future=future)
        if value is not None or future_word:
            return value, future_word or (value is not None and is_after(value, pub))
    candidates = date_candidates(cue, gov, sent, lex.reporting_verbs, lex.event_predicates)
    if any(rank < 2000 and _OTHER_DAY.search(ent.text) for rank, ent in candidates):
        return None, False
    for rank, ent in candidates:  # "BEIJING, March 3 (Xinhua) --": the dateline's day
        if rank < 2000:
            continue
        value = resolve_date(ent.text, pub, future=status in {"planned", "proposed"})
        if value is not None:
            return value, is_after(value, pub)
    return None, False


def dateline_end(sent: Span) -> int:
    """Character offset (in the doc) where a dateline opening the sentence ends, else its start.

    "BERLIN (AP) — Germany's president ...", "TEHRAN- Iranian ...": the place and agency
    of a dateline are not actors of the sentence's meeting.
    """
    m = DATELINE.match(sent.text)
    return sent.start_char + m.end() if m else sent.start_char


__all__ = ["DATELINE", "date_candidates", "dateline_end", "meeting_date", "sentence_dates"]
