"""Entities stage (first cut: spaCy's PERSON/GPE/ORG; the gazetteer-backed stage replaces it)."""

from __future__ import annotations

from spacy.tokens import Doc

from kg import ids
from kg.extract.context import EntityDraft, EntityIndex, Mention
from kg.extract.records import EntityType
from kg.gazetteer import Gazetteer
from kg.ingest.article import Article

_TYPES: dict[str, EntityType] = {"PERSON": "Person", "GPE": "Country", "ORG": "Organization"}


def find_entities(docs: list[tuple[int, Doc]], article: Article, gazetteer: Gazetteer) -> EntityIndex:
    index = EntityIndex()
    for offset, doc in docs:
        for ent in doc.ents:
            type_ = _TYPES.get(ent.label_)
            if type_ is None:
                continue
            key = ids.actor_key(ent.text, type_)
            index.add_entity(EntityDraft(key=key, label=ent.text, type=type_))
            index.add_mention(Mention(offset + ent.start_char, offset + ent.end_char, key, ent.text))
    return index
