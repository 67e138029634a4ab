"""Whether a meeting happened: status from the words above its cue in the parse.

The cue and the words governing it, up to the first finite verb ("said", "canceled",
"accepted") are read as *levels*. A word of the status lexicon ("cancel", "agree",
"proposal", "willing"), a particle phrase ("call off") or a conditional clause ("if ...") at
a level decides, the outermost level winning, so "canceled a planned summit" is cancelled
and "accepted a proposal to hold talks" planned. Where no such word is found a modal
("will", "could") decides, outermost first; then an infinitive cue ("arrived to meet") is
planned, unless it is the purpose of a past trip that was made ("made a stopover in X to meet
Y"); else the meeting occurred. The verb a time phrase hangs on ("agreed a truce after talks")
lends no status word, and a verb saying what the talks did lends only a future modal ("talks
may complicate matters" occurred). A negated cue clause ("did not meet") means no meeting
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
        if lex is not None and _aside(tok, head, lex):
            break
        tok = head
        out.append(tok)
        if tok.pos_ in {"VERB", "AUX"} and _is_finite(tok):
            break
    return out


def _aside(tok: Token, head: Token, lex: Lexicon) -> bool:
    """True when ``head`` and the words above it do not speak for the meeting below it.

    A verb framing it through a plain preposition ("update MPs following the summit"), and
    a verb saying what the talks did ("talks mediated by X may complicate matters") unless
    its modal is one of ``subject_modals``.
    """
    if head.pos_ not in {"VERB", "AUX"}:
        return False
    lemma = head.lemma_.lower()
    if tok.dep_ == "prep":
        return lemma not in lex.status_lexical and lemma not in lex.support_verbs and lemma not in lex.exit_verbs
    passes = lemma in lex.event_predicates or lemma in lex.status_lexical or lemma in lex.copulas
    if tok.dep_ == "nsubj" and not passes:
        return any(
            c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ not in lex.subject_modals for c in head.children
        )
    return False


def _completed_trip(verb: Token, lex: Lexicon) -> bool:
    """"made a surprise stopover in X to meet Y", "flew to X to meet Y": the purpose of a past trip."""
    if verb.dep_ == "acl" and verb.head.lemma_.lower() in lex.trip_nouns and verb.head.dep_ == "dobj":
        verb = verb.head  # "paid a visit to X to meet Y": the purpose hangs on the trip noun
        trip = verb.head
        return trip.tag_ == "VBD" and trip.lemma_.lower() in lex.trip_verbs
    if verb.dep_ not in {"advcl", "xcomp"} or verb.head.i == verb.i:
        return False
    trip = verb.head
    lemma = trip.lemma_.lower()
    if trip.tag_ != "VBD":
        return False
    if lemma in lex.movement_verbs:
        return True
    return lemma in lex.trip_verbs and any(c.dep_ == "dobj" and c.lemma_.lower() in lex.trip_nouns for c in trip.children)


def _lexical(tok: Token, lex: Lexicon, *, at_cue: bool) -> tuple[Status, str] | None:
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if child.dep_ in {"prt", "prep"}:  # "pulled out of the talks": "out" parsed as a preposition
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
        # "agreed a truce after talks": the verb a time phrase hangs on is no status word of the
        # talks (its modal and the words above it still are: "is to hold talks after a meeting")
        aside = depth > 0 and chain[depth - 1].dep_ == "prep" and chain[depth - 1].lower_ in lex.aside_preps
        found = None if aside else _lexical(tok, lex, at_cue=depth == 0)
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
        if _completed_trip(verb, lex):
            return StatusReading("occurred", "purpose of a past trip")
        return StatusReading(lex.infinitive, "infinitive")
    return StatusReading("occurred", "tense" if verb is not None else "default")


__all__ = ["StatusReading", "levels", "read_status"]
