"""Type aliases shared across the library (aliases only, no logic)."""

from __future__ import annotations

from typing import TypeAlias

IRI: TypeAlias = str
"""An absolute IRI, as a plain string (``"http://.../id/actor/Q22686"``)."""

ArticleId: TypeAlias = str
"""An article's identifier: a file stem or the ``id`` of a JSON article."""

EntityKey: TypeAlias = str
"""A stable key for one real actor inside the library (``"Q22686"``, ``"person/catherine-dill"``)."""

MediaType: TypeAlias = str
"""A MIME type such as ``"text/turtle"``."""

__all__ = ["IRI", "ArticleId", "EntityKey", "MediaType"]
