"""A tiny fictional diplomatic graph for the API tests, built through the real mapping.

Two articles report the same dated phone call (one as planned, one as occurred); a visit and
a statement give the other routes something to find. Names carry accents and hyphens so the
accent- and case-insensitive matching is exercised.
"""

from __future__ import annotations

from kg.extract.records import ArticleRef, Entity, ExtractionRecord, Meeting, Role, Statement
from kg.rdf.mapping import record_to_graph
from kg.rdf.store import KnowledgeStore

BASE = "http://127.0.0.1:8000/"
ACTOR = BASE + "id/actor/"
ALBA = ACTOR + "Q900001"  # President Alba Reyes of Veloria
BORIS = ACTOR + "Q900002"  # Prime Minister Boris Kettle of Norland
CELINE = ACTOR + "person/celine-dupre"  # Céline Duprée, envoy
VELORIA = ACTOR + "Q900010"
CALL = BASE + "id/meeting/call1"
VISIT = BASE + "id/meeting/visit1"
SAID = BASE + "id/statement/said1"


def _entities() -> list[Entity]:
    return [
        Entity(id=ALBA, label="Alba Reyes", type="Person", aliases=["Reyes", "President Reyes"],
               roles=[Role(title="President", of=VELORIA)],
               same_as=["http://www.wikidata.org/entity/Q900001"]),
        Entity(id=BORIS, label="Boris Kettle", type="Person", aliases=["Kettle"]),
        Entity(id=CELINE, label="Céline Duprée", type="Person", aliases=["Duprée"]),
        Entity(id=VELORIA, label="Veloria", type="Country"),
    ]


def records() -> list[ExtractionRecord]:
    first = ExtractionRecord(
        article=ArticleRef(id="art-1", iri=BASE + "id/article/art-1", title="Leaders to talk",
                           published="2021-03-01", source="Fictional Times"),
        entities=_entities(),
        meetings=[Meeting(id=CALL, kind="phone_call", participants=[ALBA, BORIS], date="2021-03-02",
                          status="planned", evidence="Reyes will call Kettle on Tuesday.", confidence=0.6)],
    )
    second = ExtractionRecord(
        article=ArticleRef(id="art-2", iri=BASE + "id/article/art-2", title="Leaders talked",
                           published="2021-03-03", source="Fictional Times"),
        entities=_entities(),
        meetings=[
            Meeting(id=CALL, kind="phone_call", participants=[ALBA, BORIS], date="2021-03-02",
                    status="occurred", evidence="Reyes spoke to Kettle by phone on Tuesday.", confidence=0.9),
            Meeting(id=VISIT, kind="visit", participants=[ALBA, CELINE], date="2021-04",
                    location="Norburg", status="planned", evidence="Duprée is to visit Reyes in April.",
                    confidence=0.7),
        ],
        statements=[Statement(id=SAID, speaker=ALBA, addressee=BORIS, date="2021-03-02",
                              text="We share a long border and longer history.", direct=True,
                              evidence="“We share a long border and longer history,” Reyes said.",
                              confidence=0.8)],
    )
    return [first, second]


def load(store: KnowledgeStore) -> None:
    for record in records():
        store.put_article(record.article.id, record_to_graph(record, base_iri=store.base_iri))


__all__ = ["ALBA", "BASE", "BORIS", "CALL", "CELINE", "SAID", "VELORIA", "VISIT", "load", "records"]
