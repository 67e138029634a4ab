"""All configuration in one frozen object, built once from an injected mapping.

Nothing in the library reads ``os.environ`` by itself: the CLI and the API build
``Settings.from_env(os.environ)`` once and pass it down.

>>> s = Settings.from_env({"KG_STORE": "/tmp/kg", "KG_QUERY_TIMEOUT": "5"})
>>> s.store, s.query_timeout
('/tmp/kg', 5.0)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from kg.errors import ConfigError

DEFAULT_BASE_IRI = "http://127.0.0.1:8000/"


class Settings(BaseModel):
    """Every knob of the library and the service, with its environment variable."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    store: str = Field("data/kg", description="KG_STORE: a folder (embedded Oxigraph) or an http(s) SPARQL endpoint URL")
    update_endpoint: str | None = Field(None, description="KG_UPDATE_ENDPOINT: SPARQL update URL when it differs from the query URL")
    base_iri: str = Field(DEFAULT_BASE_IRI, description="KG_BASE_IRI: the base under which entity, meeting and article IRIs are minted")
    model: str = Field("en_core_web_sm", description="KG_MODEL: the spaCy pipeline to load")
    token: str | None = Field(None, description="KG_TOKEN: bearer token that allows writes over HTTP")
    host: str = Field("127.0.0.1", description="KG_HOST: where `kg serve` listens")
    port: int = Field(8000, ge=1, le=65535, description="KG_PORT")
    query_timeout: float = Field(30.0, gt=0, description="KG_QUERY_TIMEOUT: seconds a SPARQL query may run")
    result_limit: int = Field(10000, ge=1, description="KG_RESULT_LIMIT: most rows a SPARQL query may return")
    max_article_bytes: int = Field(10_000_000, ge=1, description="KG_MAX_ARTICLE_BYTES: larger inputs are refused")
    max_request_bytes: int = Field(20_000_000, ge=1, description="KG_MAX_REQUEST_BYTES: larger HTTP bodies are refused")
    workers: int = Field(0, ge=0, description="KG_WORKERS: processes for ingest (0: one per core)")
    remote_timeout: float = Field(60.0, gt=0, description="KG_REMOTE_TIMEOUT: seconds to wait for a remote SPARQL endpoint")

    @field_validator("base_iri")
    @classmethod
    def _ends_with_slash(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) IRI")
        return value if value.endswith("/") else value + "/"

    @property
    def is_remote(self) -> bool:
        """True when the store is a SPARQL endpoint rather than a folder."""
        return self.store.startswith(("http://", "https://"))

    @classmethod
    def from_env(cls, environ: Mapping[str, str], **overrides: Any) -> Settings:
        """Read ``KG_*`` keys from ``environ``; ``overrides`` (e.g. CLI flags) win when not None."""
        values: dict[str, Any] = {}
        for name in cls.model_fields:
            key = "KG_" + name.upper()
            if key in environ and environ[key] != "":
                values[name] = environ[key]
        values.update({k: v for k, v in overrides.items() if v is not None})
        try:
            return cls(**values)
        except ValidationError as exc:
            err = exc.errors()[0]
            name = str(err["loc"][0]) if err["loc"] else "?"
            raise ConfigError(
                f"KG_{name.upper()}={values.get(name)!r}: {err['msg']}"
            ) from None


__all__ = ["DEFAULT_BASE_IRI", "Settings"]
