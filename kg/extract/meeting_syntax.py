"""Dependency-parse helpers of the meeting stage: arguments, channels, governing words.

Small pure functions over spaCy tokens, shared by :mod:`kg.extract.meetings` (cues and
participants) and :mod:`kg.extract.meeting_dates` (which words a date belongs to). Tokens
are compared by index (spaCy makes a new Token object at every access).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.meeting_lexicon import Cue, Lexicon, Modifier

SUBJECTS = frozenset({"nsubj", "nsubjpass"})
OBJECTS = frozenset({"dobj", "dative"})
EPITHETS = frozenset({"visiting", "touring", "travelling", "traveling"})
CHANNEL_PREPS = frozenset({"by", "over", "on", "via", "through", "in"})


def children(tok: Token, deps: frozenset[str] | set[str]) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def is_epithet(tok: Token) -> bool:
    """"visiting" in "received visiting Macron", "met with visiting Wong": an adjective that the
    parser took for a verb with the person as its object."""
    return tok.tag_ == "VBG" and tok.lower_ in EPITHETS and tok.dep_ in {"amod", "xcomp", "pcomp", "advcl"}


def objects(tok: Token) -> list[Token]:
    """Direct objects, looking through a misparsed epithet ("received visiting Macron")."""
    out = children(tok, OBJECTS)
    for child in tok.children:
        if is_epithet(child):
            out.extend(children(child, OBJECTS))
    return out


def prep_objects(tok: Token, preps: frozenset[str] | set[str]) -> list[Token]:
    """Objects of the named prepositions under ``tok`` (the passive "by" included)."""
    out: list[Token] = []
    for prep in tok.children:
        if prep.dep_ in {"prep", "agent"} and prep.lower_ in preps:
            out.extend(c for c in prep.children if c.dep_ == "pobj")
            out.extend(o for c in prep.children if c.dep_ == "pcomp" and is_epithet(c) for o in objects(c))
    return out


def subjects(verb: Token, depth: int = 0) -> list[Token]:
    """The verb's subject, or its controller's for infinitives and conjuncts."""
    found = children(verb, SUBJECTS)
    if found or depth > 3:
        return found
    if verb.dep_ in {"xcomp", "advcl", "ccomp", "acomp"} and verb.head.i != verb.i:
        controllers = children(verb.head, OBJECTS)
        if verb.dep_ == "xcomp" and controllers:
            return controllers[:1]  # "urged him to visit": object control
        return subjects(verb.head, depth + 1)
    if verb.dep_ == "conj" and verb.head.i != verb.i:
        return subjects(verb.head, depth + 1)
    if verb.dep_ == "relcl" and verb.head.i != verb.i:
        return [verb.head]
    if verb.dep_ == "acl" and verb.head.i != verb.i:
        noun = verb.head
        if noun.pos_ in {"PROPN", "PRON"} or noun.ent_type_:
            return [noun]
        # "Seoul's proposal to hold talks", accepted by Pyongyang: the proposer and the acceptor
        owners = children(noun, {"poss"})
        if noun.dep_ in {"dobj", "nsubjpass"} and noun.head.pos_ in {"VERB", "AUX"}:
            owners += subjects(noun.head, depth + 1)
        return owners
    return []


def entity_span(tok: Token) -> Span | None:
    """The named-entity span holding ``tok`` (read from the token's IOB tag, not doc.ents)."""
    if not tok.ent_type_:
        return None
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def is_date_phrase(tok: Token) -> bool:
    return any(c.ent_type_ in {"DATE", "TIME"} for c in tok.subtree)


def forbidden(tok: Token, cue: Cue) -> bool:
    """A child the cue may not have ("calls for restraint", "called it a success").

    A modifier the cue lists in ``unless_modifier`` lifts the ban ("a courtesy call on X").
    """
    if cue.unless_modifier and any(
        c.dep_ in {"amod", "compound", "nmod"} and c.lemma_.lower() in cue.unless_modifier for c in tok.children
    ):
        return False
    for spec in cue.forbid_children:
        dep, _, word = spec.partition(":")
        for c in tok.children:
            if c.dep_ == dep and (not word or c.lower_ == word) and not is_date_phrase(c):
                return True
    return False


def excluded(tok: Token, lex: Lexicon) -> bool:
    """A modifier that makes the cue something else ("press conference", "roll call")."""
    return any(
        c.dep_ in {"compound", "amod", "nmod"} and c.lemma_.lower() in lex.excluded_modifiers for c in tok.children
    )


def channel(tok: Token, holder: Token | None, cue: Cue, lex: Lexicon) -> Modifier | None:
    """The channel a modifier gives ("phone call", "video conference", "by phone")."""
    candidates: list[Token] = [c for c in tok.children if c.dep_ in {"compound", "amod", "nmod"}]
    for head in (tok, holder):
        if head is None:
            continue
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in CHANNEL_PREPS:
                candidates.extend(c for c in prep.children if c.dep_ == "pobj")
    for c in candidates:
        mod = lex.modifiers.get(c.lemma_.lower()) or lex.modifiers.get(c.lower_)
        if mod and (not mod.only or cue.id in mod.only):
            return mod
    return None


def climb_noun(tok: Token, lex: Lexicon) -> Token:
    """From a noun cue up through "months of", "a round of", "the start of" and coordination."""
    while True:
        head = tok.head
        if tok.dep_ == "conj" and head.i != tok.i and head.pos_ in {"NOUN", "PROPN"}:
            tok = head
            continue
        if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in lex.climb_through_of:
            tok = head.head
            continue
        return tok


def nearest_verb(tok: Token) -> Token | None:
    t = tok
    while t.head.i != t.i:
        t = t.head
        if t.pos_ in {"VERB", "AUX"}:
            return t
    return None


def reaches(tok: Token, target: Token) -> bool:
    """True when ``target`` governs ``tok`` with no verb in between."""
    t = tok
    while t.head.i != t.i:
        t = t.head
        if t.i == target.i:
            return True
        if t.pos_ in {"VERB", "AUX"}:
            return False
    return False


__all__ = [
    "CHANNEL_PREPS",
    "EPITHETS",
    "OBJECTS",
    "SUBJECTS",
    "channel",
    "children",
    "climb_noun",
    "entity_span",
    "excluded",
    "forbidden",
    "is_date_phrase",
    "is_epithet",
    "nearest_verb",
    "objects",
    "prep_objects",
    "reaches",
    "subjects",
]
