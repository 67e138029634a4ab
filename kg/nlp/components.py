"""The project's spaCy components, added to a loaded pipeline by :func:`add_components`."""

from __future__ import annotations

from spacy.language import Language


def add_components(nlp: Language) -> Language:
    """Add the project's components to ``nlp`` (idempotent)."""
    return nlp


__all__ = ["add_components"]
