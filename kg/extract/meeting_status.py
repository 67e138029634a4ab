"""Whether a meeting happened: status from the words above its cue in the parse.

The cue and the words governing it, up to the first finite verb ("said", "canceled",
"accepted") are read as *levels*. A word of the status lexicon ("cancel", "agree",
"proposal", "willing"), a particle phrase ("call off") or a conditional clause ("if ...") at
a level decides, the outermost level winning, so "canceled a planned summit" is cancelled
and "accepted a proposal to hold talks" planned. Where no such word is found a modal
("will", "could") decides, outermost first; then an infinitive cue ("arrived to meet") is
planned; else the meeting occurred. A negated cue clause ("did not meet") means no meeting
(``None``); a negation further up ("were not able to announce talks") means proposed.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from kg.extract.meeting_lexicon import Lexicon
from kg.extract.records import Status

_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_STOP_DEPS = frozenset({"relcl", "appos", "parataxis", "ROOT"})
_LEVEL_MODS = frozenset({"amod", "acl", "advmod", "acomp", "compound"})


@dataclass(frozen=True)
class StatusReading:
    status: Status
    evidence: str
    """What decided: lexical word, modal, infinitive, tense or default."""


def _is_finite(tok: Token) -> bool:
    if tok.tag_ in _FINITE:
        return True
    return any(c.dep_ in {"aux", "auxpass"} and c.tag_ in _FINITE for c in tok.children)


def levels(cue: Token, lex: Lexicon | None = None) -> list[Token]:
    """The cue and its governors up to (and including) the first finite verb.

    The climb stops below a verb that only frames the cue through an adverbial phrase
    ("update MPs following last week's summit"), unless that verb is a support or status
    word ("agreed to talks", "called for a summit").
    """
    out = [cue]
    tok = cue
    if tok.pos_ in {"VERB", "AUX"} and _is_finite(tok):
        return out
    while tok.dep_ not in _STOP_DEPS and tok.head.i != tok.i:
        head = tok.head
        if (
            lex is not None
            and tok.dep_ == "prep"
            and head.pos_ in {"VERB", "AUX"}
            and head.lemma_.lower() not in lex.status_lexical
            and head.lemma_.lower() not in lex.support_verbs
        ):
            break
        tok = head
        out.append(tok)
        if tok.pos_ in {"VERB", "AUX"} and _is_finite(tok):
            break
    return out


def _lexical(tok: Token, lex: Lexicon, *, at_cue: bool) -> tuple[Status, str] | None:
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if child.dep_ == "prt":
            phrase = f"{lemma} {child.lower_}"
            if phrase in lex.status_particles:
                return lex.status_particles[phrase], phrase
    if not at_cue:
        status = lex.status_lexical.get(lemma) or lex.status_lexical.get(tok.lower_)
        if status:
            if status == "planned" and lemma in {"postpone", "delay", "defer"} and any(
                c.lower_ == "indefinitely" for c in tok.children
            ):
                return lex.indefinitely, f"{lemma} indefinitely"
            return status, lemma
    for child in tok.children:
        if child.dep_ in _LEVEL_MODS and child.pos_ in {"ADJ", "VERB", "ADV", "NOUN"}:
            status = lex.status_lexical.get(child.lemma_.lower()) or lex.status_lexical.get(child.lower_)
            if status:
                return status, child.lower_
        if child.dep_ == "advcl" and any(
            g.dep_ == "mark" and g.lower_ in lex.conditional_marks for g in child.children
        ):
            return "proposed", "conditional"
    return None


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in tok.children)


def read_status(
    cue: Token, lex: Lexicon, gov: Token | None = None, *, frame: Token | None = None
) -> StatusReading | None:
    """The status of the meeting cued by ``cue``; ``None`` when the cue is negated.

    ``gov`` is the verb whose clause the cue belongs to ("held" in "held talks", "briefed"
    in "during the call, Moon briefed Trump"): its tense stands for a noun cue's. ``frame``
    is the verb of a frame phrase ("during the call, Moon briefed Trump"): only its modal
    counts ("will brief him during the call").
    """
    chain = levels(cue, lex)
    clause_end = next((i for i, t in enumerate(chain) if t.pos_ in {"VERB", "AUX"}), len(chain) - 1)
    lexical: tuple[Status, str] | None = None
    modal: tuple[Status, str] | None = None
    negated_outer = False
    for depth, tok in enumerate(chain):
        if _negated(tok):
            if depth <= clause_end:
                return None
            negated_outer = True
        found = _lexical(tok, lex, at_cue=depth == 0)
        if found:
            lexical = found
        for child in tok.children:
            if child.dep_ in {"aux", "auxpass"} and child.tag_ == "MD":
                status = lex.status_modals.get(child.lower_)
                if status:
                    modal = (status, child.lower_)
    if negated_outer:
        return StatusReading(lex.negated_outer, "negation")
    if lexical:
        return StatusReading(lexical[0], lexical[1])
    if modal is None and frame is not None:
        for child in frame.children:
            if child.dep_ in {"aux", "auxpass"} and child.tag_ == "MD" and child.lower_ in lex.status_modals:
                modal = (lex.status_modals[child.lower_], child.lower_)
    if modal:
        return StatusReading(modal[0], modal[1])
    verb = cue if cue.pos_ in {"VERB", "AUX"} else gov
    if verb is not None and verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return StatusReading(lex.infinitive, "infinitive")
    return StatusReading("occurred", "tense" if verb is not None else "default")


__all__ = ["StatusReading", "levels", "read_status"]
