"""Deterministic IRI minting: the same fact read twice gets the same IRI.

IRIs live under ``Settings.base_iri``:

- ``{base}id/article/{article-id}``  the article
- ``{base}graph/{article-id}``       the named graph holding what the article asserts
- ``{base}id/actor/{key}``           an actor; ``key`` is a Wikidata id (``Q22686``) when
  the gazetteer knows the actor, else ``{type}/{slug}`` (``person/catherine-dill``)
- ``{base}id/meeting/{digest}``      a meeting, digest of its identifying parts
- ``{base}id/statement/{digest}``    a statement, digest of article, speaker and text

>>> slugify("Moon Jae-in")
'moon-jae-in'
>>> slugify("Zoë  Ça-va?")
'zoe-ca-va'
>>> actor_iri("http://x/", "Q22686")
'http://x/id/actor/Q22686'
>>> digest("a", "b") == digest("a", "b") != digest("ab", "")
True
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

from kg._types import IRI, ArticleId, EntityKey

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens; accents folded, punctuation dropped."""
    folded = unicodedata.normalize("NFKD", text)
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    return _NON_WORD.sub("-", ascii_text).strip("-") or "x"


def digest(*parts: str) -> str:
    """A short stable hex digest of the parts (order matters, separators are unambiguous)."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8")
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()[:16]


def article_iri(base: str, article_id: ArticleId) -> IRI:
    return f"{base}id/article/{quote(article_id, safe='')}"


def graph_iri(base: str, article_id: ArticleId) -> IRI:
    return f"{base}graph/{quote(article_id, safe='')}"


def actor_iri(base: str, key: EntityKey) -> IRI:
    return f"{base}id/actor/{quote(key, safe='/')}"


def meeting_iri(base: str, *parts: str) -> IRI:
    return f"{base}id/meeting/{digest(*parts)}"


def statement_iri(base: str, *parts: str) -> IRI:
    return f"{base}id/statement/{digest(*parts)}"


def role_iri(base: str, *parts: str) -> IRI:
    return f"{base}id/role/{digest(*parts)}"


def actor_key(label: str, type_: str) -> EntityKey:
    """The key of an actor the gazetteer does not know: ``{type}/{slug}``."""
    return f"{type_.lower()}/{slugify(label)}"


def article_id_from_iri(base: str, iri: IRI) -> ArticleId | None:
    """Invert :func:`article_iri` or :func:`graph_iri`; None when the IRI is neither."""
    from urllib.parse import unquote

    for prefix in (f"{base}id/article/", f"{base}graph/"):
        if iri.startswith(prefix):
            return unquote(iri[len(prefix):])
    return None


__all__ = [
    "actor_iri",
    "actor_key",
    "article_id_from_iri",
    "article_iri",
    "digest",
    "graph_iri",
    "meeting_iri",
    "role_iri",
    "slugify",
    "statement_iri",
]
