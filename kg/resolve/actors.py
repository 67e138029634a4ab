"""Give a person known in this article only by surname the node of the one stored person it is.

Actors the gazetteer knows already share a key (their Wikidata id) across articles, and so do
people written out in full (``person/marisol-quintanilla``). What needs the store is a person
an article names only by surname, or by title and surname ("Envoy Quintanilla"): such a name
is looked up among the stored names and aliases. When exactly one stored person answers to
it, this article's mentions are that person; when several do (two Kims) or none, the name is
kept to this article (key ``person/<surname>~<article>``) so that unrelated people who share a
surname never merge across articles.
"""

from __future__ import annotations

import logging
import re

from rdflib import Literal

from kg import ids
from kg.extract.records import Entity, ExtractionRecord
from kg.gazetteer import load_role_words
from kg.namespaces import sparql_prefixes
from kg.rdf.store import KnowledgeStore

logger = logging.getLogger(__name__)

NAMED = sparql_prefixes() + """
SELECT DISTINCT ?p ?label WHERE {
  { ?p dkg:alias ?name } UNION { ?p rdfs:label ?name }
  ?p a dkg:Person ; rdfs:label ?label .
  FILTER (!STRENDS(STR(?p), ?scope))
}
"""
"""Stored persons with a name or alias written exactly as given, outside one article's scope."""

_HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "dame", "madam", "lord", "lady", "prof", "professor"}


def bare_name(label: str) -> str:
    """The name without leading titles and role words.

    >>> bare_name("Envoy Quintanilla"), bare_name("Foreign Minister Wang"), bare_name("Kim Yo-jong")
    ('Quintanilla', 'Wang', 'Kim Yo-jong')
    """
    roles = load_role_words()
    words = label.split()
    changed = True
    while changed and len(words) > 1:
        changed = False
        for size in (3, 2, 1):
            head = " ".join(words[:size]).lower().rstrip(".")
            if len(words) > size and (head in roles or head in _HONORIFICS):
                words = words[size:]
                changed = True
                break
    return " ".join(words)


def _single_name(entity: Entity) -> str | None:
    """The surname when the article knows the person by one name only."""
    if entity.type != "Person" or entity.same_as:
        return None
    name = bare_name(entity.label)
    return name if re.fullmatch(r"[^\s]+", name) else None


def resolve_actors(record: ExtractionRecord, store: KnowledgeStore) -> ExtractionRecord:
    """The record with surname-only persons joined to the one stored person they name, or kept
    to this article."""
    scope = f"~{ids.slugify(record.article.id)}"
    base = store.base_iri
    renamed: dict[str, str] = {}
    entities: list[Entity] = []
    for e in record.entities:
        name = _single_name(e)
        if name is None:
            entities.append(e)
            continue
        found = {str(r["p"]): str(r["label"]) for r in store.select(NAMED, {"name": Literal(name), "scope": Literal(scope)})}
        if len(found) == 1:
            (iri, label), = found.items()
        else:
            iri, label = ids.actor_iri(base, f"person/{ids.slugify(name)}{scope}"), name
            if found:
                logger.info("%r in %s could be any of %d people; kept apart", name, record.article.id, len(found))
        aliases = sorted({*e.aliases, e.label, name} - {label})
        renamed[e.id] = iri
        entities.append(e.model_copy(update={"id": iri, "label": label, "aliases": aliases}))
    if not renamed:
        return record

    def ref(iri: str | None) -> str | None:
        return renamed.get(iri, iri) if iri else iri

    return record.model_copy(update={
        "entities": [e.model_copy(update={"roles": [r.model_copy(update={"of": ref(r.of)}) for r in e.roles]})
                     for e in entities],
        "meetings": [m.model_copy(update={"participants": list(dict.fromkeys(ref(p) or p for p in m.participants))})
                     for m in record.meetings],
        "statements": [s.model_copy(update={"speaker": ref(s.speaker), "addressee": ref(s.addressee)})
                       for s in record.statements],
    })


__all__ = ["bare_name", "resolve_actors"]
