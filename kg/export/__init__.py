"""Exports of graphs and of the store: see :mod:`kg.export.formats` for the registry."""

from __future__ import annotations

from kg.export.formats import EXPORT_FORMATS, EXPORTERS, Exporter, export, get_exporter

__all__ = ["EXPORTERS", "EXPORT_FORMATS", "Exporter", "export", "get_exporter"]
