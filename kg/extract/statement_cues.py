"""Speech cues in a parsed sentence: the verb, who speaks, to whom, and what was said.

The verbs and what their dependents mean are data (``kg/nlp/patterns/statements.json``);
this module only walks spaCy's dependency tree:

- the speaker is the cue's subject, the by-agent of a passive ("was described by X as"),
  or, for the subject of a passive "quote" ("the president was quoted by Reuters"), the
  subject; a cue without a subject ("..., adding that ...", "... and said ...") takes the
  speaker of the cue it hangs from, else the subject of the verb it hangs from;
- the content is the complement clause, the object ("stressed the need to ..."), a
  to-infinitive ("urged the U.S. to ...") or a listed prepositional phrase ("accused X of
  ..."), or, for a parenthetical "X, Dill said, Y", the clause around the cue;
- "according to X, ..." makes X the speaker of the clause it modifies.

Token positions are indexes into the ``Doc``; nothing here looks at entities.
"""

from __future__ import annotations

import bisect
import json
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Token

from kg.extract.quotes import paragraph_breaks

logger = logging.getLogger(__name__)

_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_INHERITING_DEPS = ("conj", "advcl", "xcomp", "ccomp", "parataxis", "pcomp", "acl")
_QUOTE_MARKS = {'"', "“", "”", "‘", "’", "«", "»"}
_CONTENT_TAIL_DEPS = ("prep", "dobj", "oprd", "acomp", "xcomp", "ccomp", "dative", "advmod")
_CIRCUMSTANCE_PREPS = frozenset(
    "according after before during amid despite since while following".split()
)
_LEADING_NOISE = {"that", "as", "for", "of", "on", "about", "with", ",", ":", "-", "—", "–"}
_TRAILING_NOISE = {",", ";", ":", "-", "—", "–", "and", "but", "or", "."}


@dataclass(frozen=True)
class VerbRule:
    """What one speech verb's dependents mean (one row of ``statements.json``)."""

    lemma: str
    particle: str | None
    cameo: str | None
    object: str
    preps: tuple[str, ...]
    addressee_preps: tuple[str, ...]
    xcomp: bool
    passive_speaker: str
    confidence: float
    object_cameo: dict[str, str] = field(default_factory=dict)
    quote_only: bool = False
    requires_prep: tuple[str, ...] = ()
    transparent: bool = False


@dataclass(frozen=True)
class Patterns:
    """The statement stage's data, loaded once from ``statements.json``."""

    verbs: dict[str, list[VerbRule]]
    according_lemmas: frozenset[str]
    according_preps: frozenset[str]
    according_confidence: float
    excluded_deps: frozenset[str]
    pronouns: dict[str, str]
    person_titles: frozenset[str]
    body_heads: frozenset[str]
    statement_nouns: frozenset[str]
    group_heads: frozenset[str]
    institution_heads: frozenset[str]
    future_aux: frozenset[str]
    future_heads: frozenset[str]
    conversation_nouns: frozenset[str]
    min_content_words: int
    long_quote_words: int
    quote_share_direct: float
    chunk_words: int


@dataclass
class Cue:
    """One speech cue found in a ``Doc``.

    ``speakers`` are the head tokens of who speaks (several for "A and B said");
    ``content`` is the token range ``[start, end)`` of what was said, if the cue has one;
    ``inherited`` marks a cue whose speaker came from another cue or verb.
    """

    verb: int
    rule: VerbRule | None
    speakers: list[int]
    addressee: int | None
    content: tuple[int, int] | None
    inherited: bool = False
    parent: int | None = None
    kind: str = "verb"

    @property
    def cameo(self) -> str | None:
        return self.rule.cameo if self.rule else "010"

    @property
    def confidence(self) -> float:
        return self.rule.confidence if self.rule else 0.75


def _rule(lemma: str, spec: dict[str, Any], defaults: dict[str, Any]) -> VerbRule:
    merged = {**defaults, **spec}
    verb, _, particle = lemma.partition(" ")
    return VerbRule(
        lemma=verb,
        particle=particle or None,
        cameo=merged.get("cameo"),
        object=merged["object"],
        preps=tuple(merged["preps"]),
        addressee_preps=tuple(merged["addressee_preps"]),
        xcomp=bool(merged["xcomp"]),
        passive_speaker=merged["passive_speaker"],
        confidence=float(merged["confidence"]),
        object_cameo=dict(merged.get("object_cameo", {})),
        quote_only=bool(merged.get("quote_only", False)),
        requires_prep=tuple(merged.get("requires_prep", ())),
        transparent=bool(merged.get("transparent", False)),
    )


def parse_patterns(data: dict[str, Any]) -> Patterns:
    """Build :class:`Patterns` from the JSON structure of ``statements.json``."""
    defaults = data["defaults"]
    verbs: dict[str, list[VerbRule]] = {}
    for lemma, spec in data["verbs"].items():
        rule = _rule(lemma, spec, defaults)
        verbs.setdefault(rule.lemma, []).append(rule)
    for rules in verbs.values():
        rules.sort(key=lambda r: r.particle is None)  # phrasal forms are tried first
    acc = data["according"]
    return Patterns(
        verbs=verbs,
        according_lemmas=frozenset(acc["lemmas"]),
        according_preps=frozenset(acc["preps"]),
        according_confidence=float(acc["confidence"]),
        excluded_deps=frozenset(data["cue_deps_excluded"]),
        pronouns=dict(data["pronouns"]),
        person_titles=frozenset(data["person_titles"]),
        body_heads=frozenset(data["body_heads"]),
        statement_nouns=frozenset(data.get("statement_nouns", ())),
        group_heads=frozenset(data.get("group_heads", ())),
        institution_heads=frozenset(data.get("institution_heads", ())),
        future_aux=frozenset(data.get("future_aux", ())),
        future_heads=frozenset(data.get("future_heads", ())),
        conversation_nouns=frozenset(data.get("conversation_nouns", ())),
        min_content_words=int(data["min_content_words"]),
        long_quote_words=int(data["long_quote_words"]),
        quote_share_direct=float(data["quote_share_direct"]),
        chunk_words=int(data["chunk_words"]),
    )


@lru_cache(maxsize=1)
def load_patterns() -> Patterns:
    """The packaged ``kg/nlp/patterns/statements.json``."""
    text = resources.files("kg.nlp").joinpath("patterns/statements.json").read_text("utf-8")
    return parse_patterns(json.loads(text))


def _particle_child(tok: Token, particle: str) -> Token | None:
    """The child that makes ``tok`` a phrasal cue: a particle, or the word right after it
    ("called for talks", "made clear that"; not "called the meeting a turning point for us")."""
    for child in tok.children:
        if child.lower_ != particle:
            continue
        if child.dep_ == "prt":
            return child
        between = tok.doc[tok.i + 1 : child.i]
        if (
            child.i > tok.i
            and all(t.pos_ == "ADV" for t in between)
            and child.dep_ in ("prep", "acomp", "oprd", "ccomp", "dobj", "advmod", "xcomp")
        ):
            return child
    return None


def match_rule(tok: Token, patterns: Patterns) -> tuple[VerbRule, Token | None] | None:
    """The speech-verb rule ``tok`` matches, with its particle token, if any."""
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    if tok.dep_ in patterns.excluded_deps and not (
        tok.dep_ == "acl" and tok.head.lemma_.lower() in patterns.statement_nouns
    ):
        return None  # "a statement saying ..." speaks; "a paper claiming ..." is left alone
    for rule in patterns.verbs.get(tok.lemma_.lower(), ()):
        if rule.requires_prep and not any(
            c.dep_ == "prep" and c.lower_ in rule.requires_prep for c in tok.children
        ):
            continue
        if rule.particle is None:
            return rule, None
        part = _particle_child(tok, rule.particle)
        if part is not None:
            return rule, part
    return None


def _is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)


def _own_subject(tok: Token, rule: VerbRule | None) -> Token | None:
    if _is_passive(tok):
        if rule is not None and rule.passive_speaker == "subject":
            return next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        if agent is not None:
            return next((c for c in agent.children if c.dep_ == "pobj"), None)
        return None
    subjects = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
    before = [c for c in subjects if c.i < tok.i]
    # "EU High Representative ... Javier Solana said": the parser may give two subjects
    subj = before[-1] if before else (subjects[0] if subjects else None)
    if subj is None:
        subj = _inverted_subject(tok)
    if subj is not None and subj.lower_ in ("who", "that", "which") and tok.dep_ == "relcl":
        return tok.head
    return subj


def _inverted_subject(tok: Token) -> Token | None:
    """The name after the verb in “...,” wrote Vučić (often parsed as an object)."""
    doc = tok.doc
    if tok.tag_ not in ("VBD", "VBZ", "VBP") or tok.i < 2 or tok.i + 1 >= len(doc):
        return None
    prev = doc[tok.i - 1] if doc[tok.i - 1].text != "," else doc[tok.i - 2]
    if prev.text not in _QUOTE_MARKS:
        return None
    j = tok.i + 1
    if doc[j].pos_ != "PROPN":
        return None
    while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN":
        j += 1
    return doc[j]


def _conjuncts(tok: Token) -> list[Token]:
    out = [tok]
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN", "PRON"):
                out.append(c)
                stack.append(c)
    return sorted(out, key=lambda t: t.i)


def _quoted_object(tok: Token, rule: VerbRule) -> Token | None:
    """The object of an active "quoted X as saying", who is the one speaking."""
    if rule.passive_speaker != "subject" or _is_passive(tok):
        return None
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    as_ = any(c.dep_ in ("prep", "advcl") and c.lower_ == "as" for c in tok.children)
    saying = any(t.lemma_ == "say" for t in tok.subtree if t.i > tok.i)
    return obj if obj is not None and (as_ or saying) else None


def _not_yet_said(tok: Token, pats: Patterns) -> bool:
    """Speech announced for later ("will tell the summit", "is expected to say") is no statement."""
    if any(c.dep_ == "aux" and c.lower_ in pats.future_aux for c in tok.children):
        return True
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in pats.future_heads


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _words(doc: Doc, start: int, end: int) -> int:
    return sum(1 for t in doc[start:end] if not t.is_punct and not t.is_space)


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].lower_ in _LEADING_NOISE or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].lower_ in _TRAILING_NOISE or doc[end - 1].is_space):
        end -= 1
    return start, end


def _content_tokens(
    tok: Token, part: Token | None, rule: VerbRule
) -> tuple[set[int], Token | None]:
    """Token indexes of what ``tok`` says, and the addressee token."""
    content: set[int] = set()
    addressee: Token | None = None
    heads = [tok] + ([part] if part is not None and part.dep_ != "prep" else [])
    for head in heads:
        for c in head.children:
            dep = c.dep_
            if dep == "ccomp" and c is not part:
                content.update(t.i for t in c.subtree)
            elif dep in ("dobj", "dative"):
                if rule.object == "addressee" or dep == "dative":
                    addressee = c
                elif rule.object == "content":
                    content.update(t.i for t in c.subtree)
            elif dep == "xcomp" and rule.xcomp and c is not part:
                content.update(t.i for t in c.subtree)
            elif dep == "prep":
                word = c.lower_
                if part is not None and c is part:
                    if word in rule.preps:
                        content.update(t.i for t in c.subtree if t is not c)
                    elif word in rule.addressee_preps:
                        addressee = next((g for g in c.children if g.dep_ == "pobj"), addressee)
                    continue
                if word in rule.preps:
                    content.update(t.i for t in c.subtree)
                elif word in rule.addressee_preps and addressee is None and head is tok:
                    addressee = next((g for g in c.children if g.dep_ == "pobj"), None)
    if content:
        # "called for a coordinated approach to overcome ...": a purpose clause goes along
        end = max(content)
        for c in tok.children:
            if (
                c.dep_ in ("advcl", "xcomp")
                and c.left_edge.i == end + 1
                and c.left_edge.lower_ == "to"
            ):
                content.update(t.i for t in c.subtree)
    return content, addressee


def _span(indexes: set[int]) -> tuple[int, int] | None:
    if not indexes:
        return None
    return min(indexes), max(indexes) + 1


def _that_clause(tok: Token) -> set[int]:
    """A "that" clause hanging lower in the tree ("said at a briefing that ...")."""
    for t in tok.subtree:
        if t.i <= tok.i or t.lower_ != "that" or t.head.pos_ not in ("VERB", "AUX"):
            continue
        # the small parser often reads the complementiser as a relative pronoun
        if t.dep_ == "mark" or (t.dep_ in ("dobj", "nsubj") and t.head.dep_ in ("relcl", "acl")):
            return {x.i for x in t.head.subtree if x.i > t.i}
    return set()


def _content_range(tok: Token, content_idx: set[int]) -> tuple[int, int] | None:
    """The contiguous token range of what ``tok`` says, never holding ``tok`` itself.

    Content to the right of the verb runs to the end of the verb's phrase (later cues that
    share the speaker are cut out afterwards); content to the left stops before the
    speaker ("“...,” Mr Juncker said").
    """
    if not content_idx:
        content_idx = _that_clause(tok)
        if not content_idx:
            return None
    left_idx = {i for i in content_idx if i < tok.i}
    for c in tok.children:
        # "And asked by the BBC ..., Juncker said:" - a clause before the cue needs a subject
        finite = any(g.dep_ in _SUBJECTS + ("expl",) for g in c.children) and not (
            c.tag_ in ("VBN", "VBG") and not any(g.dep_ in ("aux", "auxpass") for g in c.children)
        )
        if c.dep_ == "ccomp" and c.i < tok.i and not finite:
            if c.left_edge.text not in _QUOTE_MARKS:
                left_idx -= {t.i for t in c.subtree}
    right_idx = {i for i in content_idx if i > tok.i}
    if right_idx and len(right_idx) >= len(left_idx):
        lo, hi = min(right_idx), max(right_idx) + 1
        for c in sorted(tok.children, key=lambda t: t.i):
            # phrases that continue the content ("accused X of ..." parsed loosely) go along;
            # clauses and time or circumstance phrases of the saying itself do not
            if c.i < hi:
                continue
            if c.dep_ in _CONTENT_TAIL_DEPS and c.lower_ not in _CIRCUMSTANCE_PREPS:
                hi = c.right_edge.i + 1
            else:
                break
        return lo, hi
    if not left_idx:
        return None
    subjects = [c.left_edge.i for c in tok.children if c.dep_ in _SUBJECTS and c.i < tok.i]
    hi = min(subjects + [max(left_idx) + 1])
    lo = min(left_idx)
    return (lo, hi) if hi > lo else None


def _clause_around(tok: Token) -> tuple[int, int]:
    """For a parenthetical cue ("X, Dill said, Y"): the head clause without the cue."""
    head = tok.head
    cue_part = {t.i for t in tok.subtree}
    idx = {t.i for t in head.subtree if t.i not in cue_part and t.sent == tok.sent}
    lo, hi = min(idx), max(idx) + 1
    return lo, hi


def _ancestors(tok: Token, limit: int = 5) -> list[Token]:
    out = []
    cur = tok
    for _ in range(limit):
        if cur.head is cur:
            break
        out.append(cur.head)
        cur = cur.head
    return out


def find_cues(doc: Doc, quoted: list[bool], patterns: Patterns | None = None) -> list[Cue]:
    """Every speech cue outside quotation marks in ``doc``, in text order.

    ``quoted[i]`` says whether token ``i`` lies inside a quotation (cues there belong to
    the quoted speaker's own words and are skipped).
    """
    pats = patterns or load_patterns()
    found: dict[int, tuple[VerbRule, Token | None]] = {}
    for tok in doc:
        if quoted[tok.i] or _negated(tok) or _not_yet_said(tok, pats):
            continue
        hit = match_rule(tok, pats)
        if hit is not None:
            found[tok.i] = hit

    cues: dict[int, Cue] = {}
    for i, (rule, part) in found.items():
        tok = doc[i]
        subj = _own_subject(tok, rule)
        content_idx, addressee = _content_tokens(tok, part, rule)
        quoted_person = _quoted_object(tok, rule)
        if quoted_person is not None:
            # "Xinhua quoted Xi as saying ...": Xi speaks, through the "saying" below
            subj, content_idx, addressee = quoted_person, set(), None
        cue = Cue(
            verb=i,
            rule=rule,
            speakers=[],
            addressee=addressee.i if addressee is not None else None,
            content=None,
        )
        if subj is not None:
            cue.speakers = [t.i for t in _conjuncts(subj)]
        elif tok.dep_ in _INHERITING_DEPS:
            cue.inherited = True
            ancestors = _ancestors(tok)
            cue.parent = next((a.i for a in ancestors if a.i in found), None)
            if cue.parent is None:
                for anc in ancestors:
                    anc_subj = _own_subject(anc, None)
                    if anc_subj is not None:
                        cue.speakers = [t.i for t in _conjuncts(anc_subj)]
                        break
        if (
            not content_idx
            and tok.dep_ == "parataxis"
            and tok.head.i in range(tok.sent.start, tok.sent.end)
        ):
            cue.content = _clause_around(tok)
        else:
            cue.content = _content_range(tok, content_idx)
        cues[i] = cue

    breaks = paragraph_breaks(doc.text)

    def paragraph(i: int) -> int:
        return bisect.bisect_right(breaks, doc[i].idx)

    # a parse that runs over a paragraph break must not lend a speaker across it
    for cue in cues.values():
        here = paragraph(cue.verb)
        kept = [t for t in cue.speakers if paragraph(t) == here]
        lost = bool(cue.speakers) and not kept
        if cue.parent is not None and paragraph(cue.parent) != here:
            cue.parent, lost = None, True
        if lost and cue.kind == "verb":
            # the parser took a subject from the paragraph above: use the noun before the verb
            j = cue.verb - 1
            while j >= 0 and doc[j].pos_ == "ADV":
                j -= 1
            if j >= 0 and doc[j].pos_ in ("PROPN", "NOUN", "PRON") and paragraph(j) == here:
                kept = [j]
        cue.speakers = kept

    # a subject-less cue speaks for the cue it hangs from
    for cue in cues.values():
        seen = {cue.verb}
        parent = cue.parent
        while parent is not None and parent not in seen and not cue.speakers:
            seen.add(parent)
            cue.speakers = list(cues[parent].speakers)
            parent = cues[parent].parent

    for cue in _according_cues(doc, quoted, pats, cues):
        cues[cue.verb] = cue

    for cue in cues.values():
        if cue.content is not None:
            before = cue.content
            cue.content = _trim(doc, *_same_paragraph(doc, breaks, cue.verb, *cue.content))
            if cue.content[0] >= cue.content[1]:
                cue.content = None
            elif cue.content != before and not _holds_a_head(doc, cue):
                cue.content = None  # the clause's head lies in another paragraph
    return [cues[i] for i in sorted(cues)]


def _holds_a_head(doc: Doc, cue: Cue) -> bool:
    """Whether the cue's content range still holds a token the cue governs directly."""
    if cue.content is None:
        return False
    lo, hi = cue.content
    verb = doc[cue.verb]
    anchors = [c.i for c in verb.children] + [verb.head.i]
    anchors += [
        g.i for c in verb.children if c.dep_ in ("prt", "acomp", "oprd", "prep") for g in c.children
    ]
    return any(lo <= i < hi for i in anchors)


def _same_paragraph(
    doc: Doc, breaks: list[int], verb: int, start: int, end: int
) -> tuple[int, int]:
    """Clip ``[start, end)`` to the paragraph of token ``verb`` (parses may run over breaks)."""

    def breaks_in(i: int) -> tuple[bool, bool]:
        tok = doc[i]
        lo, mid, hi = (
            tok.idx,
            tok.idx + len(tok.text),
            tok.idx + len(tok.text) + len(tok.whitespace_),
        )
        k = bisect.bisect_left(breaks, lo)
        inside = k < len(breaks) and breaks[k] < mid
        after = k < len(breaks) and breaks[k] < hi
        return inside, after

    for i in range(verb - 1, start - 1, -1):
        inside, after = breaks_in(i)
        if after:
            start = i + 1
            break
    for i in range(max(verb, start), end):
        inside, after = breaks_in(i)
        if after:
            end = i if inside else i + 1
            break
    return start, end


def _according_cues(
    doc: Doc, quoted: list[bool], pats: Patterns, verbs: dict[int, Cue]
) -> list[Cue]:
    out: list[Cue] = []
    for tok in doc:
        if quoted[tok.i] or tok.lemma_.lower() not in pats.according_lemmas or tok.dep_ != "prep":
            continue
        prep = next((c for c in tok.children if c.lower_ in pats.according_preps), None)
        source = None
        if prep is not None:
            source = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if source is None:
            continue
        head = tok.head
        if head.pos_ not in ("VERB", "AUX"):
            continue
        mine = {t.i for t in tok.subtree}
        clause = {t.i for t in head.subtree if t.i not in mine and t.sent == tok.sent}
        if not clause or any(i in verbs for i in clause):
            continue  # the clause names its own speaker ("X told Y ..., according to ...")
        if not any(doc[i].dep_ in _SUBJECTS + ("expl",) for i in clause):
            continue  # no clause at all, a misparse ("according to the readout on ...")
        cue = Cue(
            verb=tok.i,
            rule=None,
            speakers=[t.i for t in _conjuncts(source)],
            addressee=None,
            content=_span(clause),
            kind="according",
        )
        out.append(cue)
    return out


__all__ = [
    "Cue",
    "Patterns",
    "VerbRule",
    "find_cues",
    "load_patterns",
    "match_rule",
    "parse_patterns",
]
