"""NetworkX projections of the store and the questions asked of them.

``Projection(store)`` holds three graphs (contacts, events, statements) kept in step with
writes; every question is a function taking a graph first and never touching the store.
"""

from __future__ import annotations

from kg.graph.actors import resolve_actor
from kg.graph.change import ContactChange, contact_change
from kg.graph.collapse import collapse
from kg.graph.communities import communities, with_communities
from kg.graph.ego import ego
from kg.graph.filters import EdgeFilter, date_interval
from kg.graph.links import Links, relationships
from kg.graph.met import Encounter, Met, met
from kg.graph.paths import Chain, shortest_chain
from kg.graph.projection import Projection, project
from kg.graph.rank import Ranked, central_actors, centrality
from kg.graph.results import MeetingRef, StatementRef
from kg.graph.timeline import TimelineEntry, timeline

__all__ = [
    "Chain",
    "ContactChange",
    "EdgeFilter",
    "Encounter",
    "Links",
    "MeetingRef",
    "Met",
    "Projection",
    "Ranked",
    "StatementRef",
    "TimelineEntry",
    "central_actors",
    "centrality",
    "collapse",
    "communities",
    "contact_change",
    "date_interval",
    "ego",
    "met",
    "project",
    "relationships",
    "resolve_actor",
    "shortest_chain",
    "timeline",
    "with_communities",
]
