"""The meeting and status cue lexicons, read from ``kg/nlp/patterns/{meetings,status}.json``.

The rules of :mod:`kg.extract.meetings` are data: which words make a meeting (and of which
kind and CAMEO code), which words around a cue say who took part, and which words say
whether it happened. This module only loads and indexes that data.

>>> lex = load_lexicon()
>>> lex.cue_for("meet", "VERB", "VBD").kind, lex.cue_for("summit", "NOUN", "NN").cameo
('meeting', '044')
>>> lex.cue_for("talk", "NOUN", "NN") is None  # "a talk" is not "talks"
True
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.matcher import Matcher
from spacy.vocab import Vocab

from kg.extract.records import Kind, Status

PATTERNS_DIR = Path(__file__).resolve().parent.parent / "nlp" / "patterns"


@dataclass(frozen=True)
class Cue:
    """One meeting cue: the words that trigger it and what they mean."""

    id: str
    lemmas: tuple[str, ...]
    pos: tuple[str, ...]
    kind: Kind
    cameo: str
    strength: float
    roles: str = "noun"
    tags: tuple[str, ...] = ()
    particle: str | None = None
    require_object: bool = False
    require_modifier: bool = False
    require_own_participants: bool = False
    forbid_children: tuple[str, ...] = ()
    max_objects: int = 0
    """More objects than this mean another sense ("called Maduro a puppet"); 0 = no limit."""
    preps: tuple[str, ...] = ()
    """Prepositions naming a participant of this noun cue only ("a dinner for X", "a call on X")."""
    unless_modifier: tuple[str, ...] = ()
    """Modifiers that lift ``forbid_children`` ("a courtesy call on X" is a meeting)."""

    @property
    def is_verb(self) -> bool:
        return "VERB" in self.pos


@dataclass(frozen=True)
class Modifier:
    kind: Kind
    cameo: str
    only: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Everything the meeting stage reads from the pattern files."""

    cues: tuple[Cue, ...]
    modifiers: dict[str, Modifier]
    excluded_modifiers: frozenset[str]
    support_verbs: frozenset[str]
    frame_preps: frozenset[str]
    climb_through_of: frozenset[str]
    with_preps: frozenset[str]
    noun_preps: frozenset[str]
    place_preps: frozenset[str]
    travel_preps: frozenset[str]
    actor_nouns: frozenset[str]
    led_by: frozenset[str]
    frame_object_verbs: frozenset[str]
    hosted_by: frozenset[str]
    event_predicates: frozenset[str]
    copula_frames: dict[str, frozenset[str]]
    separate_words: frozenset[str]
    certainty: dict[str, float]
    intent_cameo: dict[str, str]
    reporting_verbs: frozenset[str]
    plural_person: frozenset[str]
    plural_state: frozenset[str]
    plural_determiners: frozenset[str]
    relative_pronouns: frozenset[str]
    status_lexical: dict[str, Status]
    status_particles: dict[str, Status]
    status_modals: dict[str, Status]
    conditional_marks: frozenset[str]
    status_weights: dict[str, float]
    aside_preps: frozenset[str] = frozenset()
    exit_preps: frozenset[str] = frozenset()
    exit_verbs: frozenset[str] = frozenset()
    copulas: frozenset[str] = frozenset()
    back_reference_determiners: frozenset[str] = frozenset()
    subject_modals: frozenset[str] = frozenset()
    trip_verbs: frozenset[str] = frozenset()
    trip_nouns: frozenset[str] = frozenset()
    movement_verbs: frozenset[str] = frozenset()
    indefinitely: Status = "cancelled"
    negated_outer: Status = "proposed"
    infinitive: Status = "planned"
    future_date: Status = "planned"
    _by_lemma: dict[str, list[Cue]] = field(default_factory=dict, repr=False)

    def cue_for(self, lemma: str, pos: str, tag: str) -> Cue | None:
        """The cue a token with this lemma, coarse and fine tag triggers, if any."""
        for cue in self._by_lemma.get(lemma.lower(), []):
            if pos in cue.pos and (not cue.tags or tag in cue.tags):
                return cue
        return None

    def matcher(self, vocab: Vocab) -> Matcher:
        """A spaCy Matcher with one token pattern per cue (match id = cue id)."""
        m = Matcher(vocab)
        for cue in self.cues:
            lemmas = sorted({v for lem in cue.lemmas for v in (lem, lem.capitalize())})
            token: dict[str, Any] = {"LEMMA": {"IN": lemmas}, "POS": {"IN": list(cue.pos)}}
            if cue.tags:
                token["TAG"] = {"IN": list(cue.tags)}
            m.add(cue.id, [[token]])
        return m


def _cue(row: dict[str, Any]) -> Cue:
    return Cue(
        id=row["id"],
        lemmas=tuple(row["lemmas"]),
        pos=tuple(row["pos"]),
        kind=row["kind"],
        cameo=row["cameo"],
        strength=float(row["strength"]),
        roles=row.get("roles", "noun"),
        tags=tuple(row.get("tags", ())),
        particle=row.get("particle"),
        require_object=bool(row.get("require_object", False)),
        require_modifier=bool(row.get("require_modifier", False)),
        require_own_participants=bool(row.get("require_own_participants", False)),
        forbid_children=tuple(row.get("forbid_children", ())),
        max_objects=int(row.get("max_objects", 0)),
        preps=tuple(row.get("preps", ())),
        unless_modifier=tuple(row.get("unless_modifier", ())),
    )


def parse_lexicon(meetings: dict[str, Any], status: dict[str, Any]) -> Lexicon:
    """Build a :class:`Lexicon` from the two pattern documents."""
    cues = tuple(_cue(row) for row in meetings["cues"])
    by_lemma: dict[str, list[Cue]] = {}
    for cue in cues:
        for lemma in cue.lemmas:
            by_lemma.setdefault(lemma.lower(), []).append(cue)
    modifiers = {
        word: Modifier(kind=v["kind"], cameo=v["cameo"], only=tuple(v.get("only", ())))
        for word, v in meetings["modifiers"].items()
        if isinstance(v, dict)
    }
    plural = meetings["plural_refs"]
    return Lexicon(
        cues=cues,
        modifiers=modifiers,
        excluded_modifiers=frozenset(meetings["excluded_modifiers"]),
        support_verbs=frozenset(meetings["support_verbs"]),
        frame_preps=frozenset(meetings["frame_preps"]),
        climb_through_of=frozenset(meetings["climb_through_of"]),
        with_preps=frozenset(meetings["with_preps"]),
        noun_preps=frozenset(meetings["noun_preps"]),
        place_preps=frozenset(meetings["place_preps"]),
        travel_preps=frozenset(meetings["travel_preps"]),
        actor_nouns=frozenset(meetings["actor_nouns"]),
        led_by=frozenset(meetings.get("led_by", ())),
        frame_object_verbs=frozenset(meetings.get("frame_object_verbs", ())),
        hosted_by=frozenset(meetings.get("hosted_by", ())),
        event_predicates=frozenset(meetings.get("event_predicates", ())),
        copula_frames={k: frozenset(v) for k, v in meetings.get("copula_frames", {}).items() if k != "about"},
        separate_words=frozenset(meetings.get("separate_words", ())),
        certainty={k: float(v) for k, v in meetings["certainty"].items() if k != "about"},
        intent_cameo={k: str(v) for k, v in meetings["intent_cameo"].items() if k != "about"},
        reporting_verbs=frozenset(meetings.get("reporting_verbs", ())),
        plural_person=frozenset(plural["person"]),
        plural_state=frozenset(plural["state"]),
        plural_determiners=frozenset(meetings["plural_determiners"]),
        relative_pronouns=frozenset(meetings["relative_pronouns"]),
        status_lexical=dict(status["lexical"]),
        status_particles=dict(status["particles"]),
        status_modals=dict(status["modals"]),
        conditional_marks=frozenset(status["conditional_marks"]),
        status_weights={k: float(v) for k, v in status["weights"].items()},
        aside_preps=frozenset(meetings.get("aside_preps", {}).get("preps", ())),
        exit_preps=frozenset(meetings.get("exit_preps", {}).get("preps", ())),
        exit_verbs=frozenset(meetings.get("exit_preps", {}).get("verbs", ())),
        copulas=frozenset(status.get("subject_modals", {}).get("copulas", ())),
        back_reference_determiners=frozenset(meetings.get("back_reference_determiners", ())),
        subject_modals=frozenset(status.get("subject_modals", {}).get("modals", ())),
        trip_verbs=frozenset(status.get("completed_trips", {}).get("verbs", ())),
        trip_nouns=frozenset(status.get("completed_trips", {}).get("nouns", ())),
        movement_verbs=frozenset(status.get("completed_trips", {}).get("movement", ())),
        indefinitely=status["indefinitely"],
        negated_outer=status["negated_outer"],
        infinitive=status["infinitive"],
        future_date=status["future_date"],
        _by_lemma=by_lemma,
    )


@lru_cache(maxsize=4)
def load_lexicon(directory: Path = PATTERNS_DIR) -> Lexicon:
    """The lexicon of ``meetings.json`` and ``status.json`` in ``directory`` (cached)."""
    meetings = json.loads((directory / "meetings.json").read_text(encoding="utf-8"))
    status = json.loads((directory / "status.json").read_text(encoding="utf-8"))
    return parse_lexicon(meetings, status)


__all__ = ["PATTERNS_DIR", "Cue", "Lexicon", "Modifier", "load_lexicon", "parse_lexicon"]
