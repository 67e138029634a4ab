"""Temporary entry point for the scorer: ``python -m kg.extract.run FILES...``.

Prints one extraction record per article (JSON Lines). ``kg extract`` replaces it.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

from kg.extract.extractor import extract_many
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.ingest.article import Article
from kg.ingest.readers import read_path
from kg.nlp.components import add_components
from kg.nlp.pipeline import build_nlp, load_model

logger = logging.getLogger(__name__)


def main(argv: list[str] | None = None) -> int:
    """Extract every article of every file named in ``argv`` and print the records."""
    articles: list[Article] = []
    for name in argv if argv is not None else sys.argv[1:]:
        for item in read_path(Path(name)):
            if isinstance(item, Article):
                articles.append(item)
            else:
                logger.warning("%s: %s", name, item)
    out = sys.stdout
    gaz: Gazetteer | None = None
    nlp = build_nlp()
    if os.environ.get("KG_GAZETTEER_DIR"):  # a gazetteer under test
        gaz = load_gazetteer(Path(os.environ["KG_GAZETTEER_DIR"]))
        nlp = add_components(load_model(), gazetteer=gaz)
    for record in extract_many(articles, nlp=nlp, gazetteer=gaz):
        out.write(json.dumps(record.model_dump(mode="json"), ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

__all__ = ["main"]
