"""The same actor read from several articles is one node; different people stay apart.

Short articles the team wrote, read by the real extractor and written by the real pipeline.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg.config import Settings
from kg.ingest.article import Article
from kg.namespaces import sparql_prefixes
from kg.pipeline import ingest_inputs
from kg.rdf.backends import open_store
from kg.rdf.store import KnowledgeStore

pytestmark = pytest.mark.model

SETTINGS = Settings(workers=1)

FIVE_REPORTS = [
    "Trade envoy Marisol Quintanilla met Japanese officials in Tokyo on Monday, the ministry said.",
    "Marisol Quintanilla, the trade envoy, said talks would continue. Quintanilla declined to give details.",
    "Envoy Quintanilla told reporters that \"progress is slow but real\" after the second round.",
    "Officials said Marisol Quintanilla would travel to Seoul next week for further talks.",
    "Marisol Quintanilla praised the agreement. \"This is a good day,\" Quintanilla said on Friday.",
]

KIMS = [
    "North Korean leader Kim Jong-un met Russian President Vladimir Putin in Vladivostok on Thursday.",
    "Kim Yo-jong, the sister of the North Korean leader, said on Tuesday that Seoul should stop the drills.",
]


def articles(texts: list[str], prefix: str) -> list[Article | object]:
    return [Article(id=f"{prefix}{n}", text=t, published="2023-09-15") for n, t in enumerate(texts)]


@pytest.fixture
def store() -> Iterator[KnowledgeStore]:
    with open_store("memory:", base_iri=SETTINGS.base_iri) as s:
        yield s


def ingest(store: KnowledgeStore, items: list[Article | object]) -> None:
    outcomes = list(ingest_inputs(items, store, settings=SETTINGS))  # type: ignore[arg-type]
    assert all(o.ok for o in outcomes), [o.error for o in outcomes]


PEOPLE = sparql_prefixes() + """
SELECT ?p ?label (COUNT(DISTINCT ?g) AS ?articles) WHERE {
  GRAPH ?g { ?p a dkg:Person ; rdfs:label ?label }
} GROUP BY ?p ?label
"""


def people(store: KnowledgeStore) -> dict[str, tuple[str, int]]:
    return {str(r["p"]): (str(r["label"]), int(r["articles"])) for r in store.select(PEOPLE)}


def test_a_person_named_in_five_articles_is_one_entity_with_every_alias(store: KnowledgeStore) -> None:
    ingest(store, articles(FIVE_REPORTS, "q"))
    found = [(iri, label, n) for iri, (label, n) in people(store).items() if "Quintanilla" in label]
    assert len(found) == 1, found
    iri, label, n = found[0]
    assert label == "Marisol Quintanilla"
    assert n >= 4  # every article that names her fully or by surname after a full mention
    aliases = {str(r["a"]) for r in store.select(sparql_prefixes() + "SELECT ?a { ?p dkg:alias ?a }",
                                                  {"p": __import__("rdflib").URIRef(iri)})}
    assert "Quintanilla" in aliases


def test_two_different_kims_stay_two_people(store: KnowledgeStore) -> None:
    ingest(store, articles(KIMS, "k"))
    kims = sorted(label for label, _ in people(store).values() if label.startswith("Kim"))
    assert kims == ["Kim Jong-un", "Kim Yo-jong"]
