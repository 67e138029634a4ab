"""Statements stage (placeholder until the rule-based stage lands)."""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.context import Context, StatementDraft


def find_statements(doc: Doc, offset: int, ctx: Context) -> list[StatementDraft]:
    return []
