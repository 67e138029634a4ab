"""Meetings stage (placeholder until the rule-based stage lands)."""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.context import Context, MeetingDraft


def find_meetings(doc: Doc, offset: int, ctx: Context) -> list[MeetingDraft]:
    return []
