"""Version strings written into the graph, independent of the package version.

``EXTRACTOR_VERSION`` goes on every article (``dkg:extractorVersion``): bump it when the
extraction rules change what a given article yields, so stale graphs can be found and
re-ingested. ``ONTOLOGY_VERSION`` is ``owl:versionInfo`` of ``ontology/dkg.ttl`` (a test keeps
them equal); its ``owl:versionIRI`` is ``ONTOLOGY_IRI/ONTOLOGY_VERSION``.
"""

from __future__ import annotations

EXTRACTOR_VERSION = "0.1.0"
ONTOLOGY_VERSION = "0.1.0"

__all__ = ["EXTRACTOR_VERSION", "ONTOLOGY_VERSION"]
