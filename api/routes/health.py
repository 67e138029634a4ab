"""GET /health: the service is up and its store answers."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import SettingsDep, StoreDep
from api.schemas import Health

router = APIRouter(tags=["service"])


@router.get("/health", response_model=Health)
async def health(store: StoreDep, settings: SettingsDep) -> Health:
    """Liveness and the store's generation (changes whenever its content changes)."""
    return Health(store="remote" if settings.is_remote else "embedded", generation=store.generation())


__all__ = ["router"]
