"""Statements stage: who said what (direct quotations and reported speech), to whom, when.

For one parsed piece of an article:

1. :func:`kg.extract.quotes.find_quotes` marks every quotation (paired marks, quotes that
   run over paragraphs);
2. :func:`kg.extract.statement_cues.find_cues` finds the speech cues outside quotations
   (verbs and phrases listed in ``kg/nlp/patterns/statements.json``, and "according to
   X"), with their speaker, addressee and content;
3. each cue's content becomes a reported statement, unless quotations fill most of it
   (then the quotation is the statement, ``direct``) or it sits inside another cue's
   content with a speaker of its own (speech reported inside speech is not the article's
   claim);
4. each remaining quotation of five words or more is attributed to the cue right after it
   (“...,” X said), else the cue before it in its sentence (X said: “...”), else the
   quotation before it in the same paragraph or the paragraph above (a split or running
   quote); a shorter quotation counts only when it is all its cue reports.

Speakers become entity keys through the article's :class:`EntityIndex` (see
:mod:`kg.extract.statement_speakers`); statements without a resolved speaker are dropped.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from kg._types import EntityKey
from kg.extract.context import Context, StatementDraft
from kg.extract.dates import resolve_date as resolve_date_text
from kg.extract.quotes import QuoteSpan, count_words, find_quotes, paragraph_breaks, split_sentences
from kg.extract.statement_cues import Cue, Patterns, find_cues, load_patterns
from kg.extract.statement_speakers import SpeakerResolver

logger = logging.getLogger(__name__)

_DATE_DEPS = ("npadvmod", "tmod", "prep", "advmod")
_DATE_WORDS = frozenset(
    "today yesterday tonight monday tuesday wednesday thursday friday saturday sunday".split()
)

_DATELINE = re.compile(
    r"^[A-Z][A-Z .'-]{2,}(?:,\s*[A-Z][\w .]*)?\s*(?:\([^)]{1,30}\))?\s*[—–-]{1,2}\s+"
)
"""A wire dateline ("CARACAS, Venezuela (AP) — ") is not part of what anyone said."""

_FUNCTION_POS = frozenset(
    {"DET", "PRON", "ADP", "AUX", "CCONJ", "SCONJ", "PART", "PUNCT", "SYM", "SPACE", "X"}
)

_HEADLINE_WORDS = 25
_FINAL_MARKS = frozenset('.!?…"”’:;)]')

_CLOSERS = frozenset({'"', "”", "’", "»"})

_NEAR_AFTER = 6
"""Tokens allowed between a closing mark and its cue for “...,” the Prime Minister said."""


@dataclass
class _Said:
    """A cue with its resolved speakers."""

    cue: Cue
    speakers: list[tuple[EntityKey, float]]
    addressee: EntityKey | None
    embedded: bool = False


def _quote_index(doc: Doc, quotes: list[QuoteSpan]) -> list[int]:
    """For each token, the index of the quotation holding it (marks included), or -1."""
    out = [-1] * len(doc)
    qi = 0
    for tok in doc:
        while qi < len(quotes) and quotes[qi].close <= tok.idx:
            qi += 1
        if qi < len(quotes) and quotes[qi].open <= tok.idx < quotes[qi].close:
            out[tok.i] = qi
    return out


def _paragraph_starts(text: str) -> list[int]:
    return [0] + [b + 1 for b in paragraph_breaks(text)]


def _paragraph_of(starts: list[int], pos: int) -> int:
    """Index of the paragraph (by its start offset in ``starts``) holding ``pos``."""
    return max(bisect.bisect_right(starts, pos) - 1, 0)


class _Piece:
    """Everything the stage works out for one parsed piece."""

    def __init__(self, doc: Doc, offset: int, ctx: Context, patterns: Patterns) -> None:
        self.doc = doc
        self.text = doc.text  # spaCy rebuilds Doc.text from its tokens on every access
        self.offset = offset
        self.ctx = ctx
        self.pats = patterns
        self.quotes = find_quotes(self.text)
        self.qidx = _quote_index(doc, self.quotes)
        self.pstarts = _paragraph_starts(self.text)
        self.resolver = SpeakerResolver(doc, offset, ctx.index, patterns)
        cues = find_cues(doc, [q >= 0 for q in self.qidx], patterns)
        self.said = [self._resolve(c) for c in cues]
        self.by_verb = {s.cue.verb: s for s in self.said}
        self.owner: dict[int, _Said] = {}  # quotation -> the reported statement holding it
        self._mark_embedded()
        for s in self.said:
            if self._headline(self.doc[s.cue.verb].idx):
                s.speakers = []  # a related-story headline is not the article's content

    # ---- speakers -------------------------------------------------------------------
    def _resolve(self, cue: Cue) -> _Said:
        speakers: list[tuple[EntityKey, float]] = []
        for i in cue.speakers:
            for key, conf in self.resolver.resolve_all(self.doc[i]):
                if any(k == key for k, _ in speakers):
                    continue
                speakers.append((key, conf))
                entity = self.ctx.index.entities.get(key)
                if entity is not None and entity.type == "Person":
                    self.resolver.salience.note(self.doc[i].idx + self.offset, key)
        addressee = None
        tok = self.doc[cue.addressee] if cue.addressee is not None else self._partner(cue)
        if tok is not None:
            addressee = self.resolver.token_key(tok) or self.resolver.resolve(tok)[0]
            if addressee is not None and any(addressee == k for k, _ in speakers):
                addressee = None
        return _Said(cue, speakers, addressee)

    def _partner(self, cue: Cue) -> Token | None:
        """Who the speaker was talking with: "during a phone call with X, Y said ..."."""
        sent = self.doc[cue.verb].sent
        content = cue.content or (0, 0)
        for tok in sent:
            if (
                tok.lemma_.lower() not in self.pats.conversation_nouns
                or content[0] <= tok.i < content[1]
            ):
                continue
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ == "with":
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        return pobj
        return None

    def _mark_embedded(self) -> None:
        """A cue with its own subject inside another cue's content reports speech within speech.

        A transparent cue ("..., X told Y, Reuters reports") only passes speech on: what it
        holds stays the inner speaker's, and the transparent cue itself says nothing.
        """
        for s in self.said:
            if s.cue.inherited:
                continue
            for other in self.said:
                c = other.cue.content
                if other is not s and c is not None and c[0] <= s.cue.verb < c[1]:
                    source_after = c[1] <= other.cue.verb and bool(s.speakers)
                    if source_after or (other.cue.rule is not None and other.cue.rule.transparent):
                        # "Zarif said ..., IRIB said": the outlet after the clause is a source
                        other.cue.content = None
                        continue
                    s.embedded = True
                    break
        # an inherited cue inside its parent's content ("said X and pointed out Y") is cut out
        for s in self.said:
            if not s.cue.inherited or s.embedded or not s.speakers or s.cue.content is None:
                continue
            for other in self.said:
                c = other.cue.content
                if other is s or c is None or not (c[0] <= s.cue.verb < c[1]):
                    continue
                sub = [t.i for t in self.doc[s.cue.verb].subtree]
                lo = min(sub)
                if lo > c[0] and max(sub) + 1 >= c[1] - 1:
                    end = lo
                    while end > c[0] and self.doc[end - 1].lower_ in {",", "and", "but", ";"}:
                        end -= 1
                    other.cue.content = (c[0], end) if end > c[0] else None

    # ---- helpers --------------------------------------------------------------------
    def _evidence(self, start_char: int, end_char: int) -> tuple[int, int, str]:
        """The sentence(s) around ``[start_char, end_char)``, kept inside one paragraph."""
        doc = self.doc
        first = doc.char_span(start_char, start_char + 1, alignment_mode="expand")
        last = doc.char_span(max(end_char - 1, start_char), end_char, alignment_mode="expand")
        a = first.sent.start_char if first is not None and len(first) else start_char
        b = last.sent.end_char if last is not None and len(last) else end_char
        pa = self.pstarts[_paragraph_of(self.pstarts, start_char)]
        pb_i = _paragraph_of(self.pstarts, max(end_char - 1, start_char)) + 1
        pb = self.pstarts[pb_i] - 1 if pb_i < len(self.pstarts) else len(self.text)
        a, b = max(a, pa), min(b, pb)
        a, b = min(a, start_char), max(b, end_char)
        text = self.text[a:b]
        stripped = text.strip()
        lead = len(text) - len(text.lstrip())
        return a + lead, a + lead + len(stripped), stripped

    def _draft(
        self,
        said: _Said,
        text: str,
        direct: bool,
        span: tuple[int, int],
        confidence: float,
    ) -> list[StatementDraft]:
        verb = self.doc[said.cue.verb]
        lo = min(span[0], verb.idx)
        hi = max(span[1], verb.idx + len(verb.text))
        a, b, evidence = self._evidence(lo, hi)
        cameo = self._cameo(said)
        date = self._date(said)
        text = " ".join(text.split())  # hard-wrapped lines
        return [
            StatementDraft(
                speaker=key,
                text=text,
                direct=direct,
                evidence=evidence,
                start=a + self.offset,
                end=b + self.offset,
                addressee=said.addressee,
                date=date,
                confidence=round(min(1.0, confidence * sconf), 3),
                cameo=cameo,
            )
            for key, sconf in said.speakers
        ]

    def _date(self, said: _Said) -> str | None:
        """When it was said: a date phrase on the cue verb ("said on Tuesday", "said today")."""
        seen: set[int] = set()
        cur: _Said | None = said
        while cur is not None and cur.cue.verb not in seen:
            seen.add(cur.cue.verb)
            verb = self.doc[cur.cue.verb]
            content = cur.cue.content or (0, 0)
            for c in verb.children:
                if c.dep_ not in _DATE_DEPS or content[0] <= c.i < content[1]:
                    continue
                sub = list(c.subtree)
                if not any(t.ent_type_ == "DATE" or t.lower_ in _DATE_WORDS for t in sub):
                    continue
                text = self.doc[sub[0].i : sub[-1].i + 1].text
                found = resolve_date_text(text, self.ctx.published)
                if found:
                    return found
            parent = cur.cue.parent
            cur = self.by_verb.get(parent) if parent is not None else None
        return None

    def _cameo(self, said: _Said) -> str | None:
        rule = said.cue.rule
        if rule is None:
            return "010"
        if rule.object_cameo and said.cue.content is not None:
            head = self.doc[said.cue.content[0] : said.cue.content[1]].root
            return rule.object_cameo.get(head.lemma_.lower(), rule.cameo)
        return rule.cameo

    def _substance(self, start: int, end: int) -> int:
        """Words of ``[start, end)`` that carry content: no function words, no dates."""
        return sum(
            1
            for t in self.doc[start:end]
            if t.pos_ not in _FUNCTION_POS
            and t.ent_type_ not in ("DATE", "TIME")
            and not t.is_space
        )

    def _headline(self, char: int) -> bool:
        """Whether the paragraph holding ``char`` reads as a headline: short, no final stop."""
        k = _paragraph_of(self.pstarts, char)
        a = self.pstarts[k]
        b = self.pstarts[k + 1] - 1 if k + 1 < len(self.pstarts) else len(self.text)
        text = self.text[a:b].strip()
        return count_words(text) < _HEADLINE_WORDS and text[-1:] not in _FINAL_MARKS

    def _quotes_in(self, start: int, end: int) -> list[int]:
        """Quotation indexes whose marks lie inside token range ``[start, end)``."""
        out: list[int] = []
        for i in range(start, end):
            q = self.qidx[i]
            if q >= 0 and (not out or out[-1] != q):
                out.append(q)
        return out

    def _ends_paragraph(self, tok: Token) -> bool:
        """Whether a paragraph break lies in ``tok`` or the white space after it."""
        lo = tok.idx
        hi = tok.idx + len(tok.text) + len(tok.whitespace_)
        k = bisect.bisect_left(self.pstarts, lo + 1)
        return k < len(self.pstarts) and self.pstarts[k] - 1 < hi

    def _boundary(self, tok: Token) -> bool:
        return (self.qidx[tok.i] < 0 and tok.text in (".", "!", "?")) or self._ends_paragraph(tok)

    # ---- reported speech ------------------------------------------------------------
    def reported(self, taken: set[int]) -> list[StatementDraft]:
        """Statements from cue contents; quotations they absorb are added to ``taken``."""
        out: list[StatementDraft] = []
        for s in self.said:
            c = s.cue.content
            if s.embedded or not s.speakers or c is None:
                continue
            start, end = c
            # "X asserted that ...: “...”" - the quotation after the colon is its own statement
            for i in range(start, end):
                if self.doc[i].text == ":" and i + 1 < end and self.qidx[i + 1] >= 0:
                    end = i
                    break
            span = self.doc[start:end]
            dateline = _DATELINE.match(span.text)
            if dateline:
                cut = self.doc.char_span(
                    span.start_char + dateline.end(), span.end_char, alignment_mode="contract"
                )
                if cut is None or not len(cut):
                    continue
                span, start = cut, cut.start
            words = count_words(span.text)
            if words == 0:
                continue
            inside = self._quotes_in(start, end)
            quoted_words = sum(self.quotes[q].words for q in inside)
            conf = s.cue.confidence
            if inside and quoted_words / words >= self.pats.quote_share_direct:
                long_quotes = [
                    q for q in inside if self.quotes[q].words >= self.pats.long_quote_words
                ]
                if long_quotes:
                    continue  # the quotations are the statements; attributed below
                taken.update(inside)
                self.owner.update({q: s for q in inside})
                if quoted_words >= 2:  # '“wonderful” and “very productive”', not 'simply “talks”'
                    out.extend(
                        self._draft(
                            s, span.text.strip(), True, (span.start_char, span.end_char), conf
                        )
                    )
                continue
            if (
                words < self.pats.min_content_words
                or self._substance(start, end) < 2
                or (s.cue.rule is not None and s.cue.rule.quote_only)
            ):
                continue  # "announced the cancellation on Tuesday" says too little
            taken.update(inside)
            self.owner.update({q: s for q in inside})
            out.extend(
                self._draft(s, span.text.strip(), False, (span.start_char, span.end_char), conf)
            )
        return out

    # ---- direct quotations ----------------------------------------------------------
    def _cue_after(self, q: QuoteSpan) -> tuple[_Said | None, int]:
        doc = self.doc
        span = doc.char_span(q.close - 1, q.close, alignment_mode="expand")
        if span is None:
            return None, 0
        nxt = doc[span.end] if span.end < len(doc) else None
        closes_clause = q.text[-1:] in ",.?!…—–-" or (nxt is not None and nxt.is_punct)
        if not closes_clause and q.closed:
            return None, 0  # “a truly great project” and called ...: the quote is a phrase
        gap = 0
        for tok in doc[span.end :]:
            if self.qidx[tok.i] >= 0 or (tok.is_space and self._ends_paragraph(tok)):
                break
            s = self.by_verb.get(tok.i)
            if s is not None and not s.embedded and s.speakers:
                return s, gap
            if self._boundary(tok):
                break
            if not tok.is_punct:
                gap += 1
        return None, 0

    def _cue_before(self, q: QuoteSpan) -> tuple[_Said | None, int]:
        doc = self.doc
        span = doc.char_span(q.open, q.open + 1, alignment_mode="expand")
        if span is None:
            return None, 0
        gap = 0
        for i in range(span.start - 1, -1, -1):
            tok = doc[i]
            if self.qidx[i] >= 0 or self._boundary(tok):
                break
            s = self.by_verb.get(i)
            if s is not None and not s.embedded and s.speakers:
                return s, gap
            if not tok.is_punct:
                gap += 1
        return None, 0

    def direct(self, taken: set[int]) -> list[StatementDraft]:
        """Statements from quotations not absorbed by reported speech."""
        out: list[StatementDraft] = []
        last: dict[int, tuple[_Said, int]] = {}  # paragraph -> last attributed cue, its quote end
        group_cue: dict[int, _Said] = {}
        for qi, q in enumerate(self.quotes):
            para = _paragraph_of(self.pstarts, q.open)
            if qi in taken:
                if qi in self.owner:  # absorbed by reported speech: still the paragraph's voice
                    group_cue.setdefault(q.group, self.owner[qi])
                    last[para] = (self.owner[qi], q.close)
                continue
            said, conf, whole = self._attribute(q, para, last, group_cue)
            if said is None or said.embedded or not said.speakers:
                continue
            group_cue.setdefault(q.group, said)
            last[para] = (said, q.close)
            if q.words < self.pats.long_quote_words and not (whole and _whole_short(q)):
                continue
            if _title(q.text):
                continue  # a name or title in quotation marks (“The Art of the Deal”)
            for text, a, b in self._chunks(q):
                out.extend(self._draft(said, text, True, (a, b), conf))
        return out

    def _attribute(
        self,
        q: QuoteSpan,
        para: int,
        last: dict[int, tuple[_Said, int]],
        group_cue: dict[int, _Said],
    ) -> tuple[_Said | None, float, bool]:
        after, gap_after = self._cue_after(q)
        if after is not None and gap_after <= _NEAR_AFTER:
            return after, after.cue.confidence, gap_after <= len(after.cue.speakers) + 3
        before, gap_before = self._cue_before(q)
        if before is not None:
            whole = before.cue.content is None or before.cue.content[1] <= self._token_at(q.open)
            return before, before.cue.confidence * 0.95, whole and gap_before <= 4
        if after is not None:
            return after, after.cue.confidence * 0.85, False
        if q.group in group_cue:
            return group_cue[q.group], group_cue[q.group].cue.confidence * 0.9, True
        if self._someone_else_before(q, last.get(para, (None, 0))[0]) or not self._opens_sentence(
            q
        ):
            return None, 0.0, False  # “A,” Voss said. Brandt disagreed: “B.” / "... including “B”"
        if para in last:
            return last[para][0], last[para][0].cue.confidence * 0.85, False
        prev = para - 1
        while prev >= 0 and self.pstarts[prev + 1] - self.pstarts[prev] <= 1:
            prev -= 1  # skip empty lines between paragraphs
        para_text = self.text[self.pstarts[para] :].lstrip()
        opens_para = para_text[:1] in ("“", '"', "«") and self.text[q.open] == para_text[:1]
        if prev >= 0 and opens_para:
            end = self.pstarts[prev + 1] - 1 if prev + 1 < len(self.pstarts) else len(self.text)
            if self.text[self.pstarts[prev] : end].rstrip().endswith(":"):
                # "Voss said:" closing one paragraph, the quotation opening the next
                cues = [
                    s
                    for s in self.said
                    if self.pstarts[prev] <= self.doc[s.cue.verb].idx < end
                    and s.speakers
                    and not s.embedded
                ]
                if cues:
                    return cues[-1], cues[-1].cue.confidence * 0.9, True
        if prev in last and opens_para:
            return last[prev][0], last[prev][0].cue.confidence * 0.75, False
        return None, 0.0, False

    def _opens_sentence(self, q: QuoteSpan) -> bool:
        """Whether the quotation starts its sentence (only such a quote continues a speaker)."""
        span = self.doc.char_span(q.open, q.open + 1, alignment_mode="expand")
        if span is None:
            return False
        i = span.start - 1
        while i >= 0 and self.doc[i].is_space:
            if self._ends_paragraph(self.doc[i]):
                return True
            i -= 1
        if i < 0 or self._ends_paragraph(self.doc[i]):
            return True
        prev = self.doc[i]
        return prev.text in (".", "!", "?") or (self.qidx[i] >= 0 and prev.text in _CLOSERS)

    def _someone_else_before(self, q: QuoteSpan, said: _Said | None) -> bool:
        """Whether the quotation's own sentence names an actor other than ``said``'s speakers."""
        span = self.doc.char_span(q.open, q.open + 1, alignment_mode="expand")
        if span is None:
            return False
        known = {k for k, _ in said.speakers} if said is not None else set()
        i = span.start - 1
        while i >= 0 and self.qidx[i] < 0 and not self._boundary(self.doc[i]):
            i -= 1
        lo = self.doc[i + 1].idx if i + 1 < span.start else q.open
        return any(
            k not in known
            for k in self.ctx.index.entities_in(lo + self.offset, q.open + self.offset)
        )

    def _token_at(self, char: int) -> int:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span.start if span is not None else 0

    def _chunks(self, q: QuoteSpan) -> list[tuple[str, int, int]]:
        """The quotation's text, cut at sentence ends when it is very long."""
        if q.words <= self.pats.chunk_words:
            return [(q.text.rstrip(",;: "), q.open, q.close)]
        out: list[tuple[str, int, int]] = []
        pos = q.start
        buf: list[str] = []
        buf_start = q.start
        for sent in split_sentences(q.text):
            at = self.text.find(sent, pos, q.end + 1)
            at = pos if at < 0 else at
            if buf and count_words(" ".join(buf)) + count_words(sent) > self.pats.chunk_words:
                out.append((" ".join(buf), buf_start, pos))
                buf, buf_start = [], at
            buf.append(sent)
            pos = at + len(sent)
        if buf:
            out.append((" ".join(buf), buf_start, q.end))
        return out


def _whole_short(q: QuoteSpan) -> bool:
    """A short quotation stands as a statement when it is a phrase or a full sentence ("No.")."""
    return q.words >= 2 or q.text.rstrip("”’\"' ")[-1:] in (".", "!", "?")


_SMALL_WORDS = frozenset("a an and at by for in of on or the to with".split())


def _title(text: str) -> bool:
    """Whether quoted words read as a title or name: few, capitalised, no final stop.

    >>> _title("The Art of the Deal"), _title("We will never give up")
    (True, False)
    """
    words = re.findall(r"[\w’'-]+", text)
    if not words or len(words) > 8 or text.rstrip()[-1:] in (".", "!", "?"):
        return False
    big = [w for w in words if w.lower() not in _SMALL_WORDS]
    return bool(big) and sum(w[0].isupper() for w in big) >= 0.7 * len(big) and len(big) > 1


def find_statements(
    doc: Doc,
    offset: int,
    ctx: Context,
    *,
    patterns: Patterns | None = None,
) -> list[StatementDraft]:
    """Statements in one parsed piece (``doc`` starts at article offset ``offset``)."""
    piece = _Piece(doc, offset, ctx, patterns or load_patterns())
    taken: set[int] = set()
    drafts = piece.reported(taken)
    drafts.extend(piece.direct(taken))
    drafts.sort(key=lambda d: d.start)
    return drafts


__all__ = ["find_statements"]
