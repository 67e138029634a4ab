"""A pure ASGI middleware that refuses request bodies larger than a limit with 413.

It checks ``Content-Length`` first and then counts the bytes actually received, so a chunked
upload cannot slip past the header check: the handler reading the body gets an
``HTTPException(413)``, which the app's error handlers answer as problem+json.
"""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodySizeLimit:
    """Answer 413 (problem+json) when a request body exceeds ``max_bytes``."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > self.max_bytes:
                    await self._refuse(send)
                    return
        received = 0
        limit = self.max_bytes

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise HTTPException(413, _detail(limit))
            return message

        await self.app(scope, counting_receive, send)

    async def _refuse(self, send: Send) -> None:
        body = json.dumps({
            "type": "about:blank",
            "title": "Content Too Large",
            "status": 413,
            "detail": _detail(self.max_bytes),
        }).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/problem+json"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def _detail(limit: int) -> str:
    return f"the request body is larger than {limit} bytes (KG_MAX_REQUEST_BYTES)"


__all__ = ["BodySizeLimit"]
