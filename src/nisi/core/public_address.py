"""The public address that links printed on documents and sent in messages start with.

Production names it (`NISI_PUBLIC_BASE_URL`): the address people reach the service at, behind its proxy. The
embedded default (`make run`) serves wherever its user started it — another port, a laptop's LAN address — so
there, unless the setting is given, a document issued during a request links back to the address that request
came to (`nisi.web.middleware.PublicAddressFromRequest`), and the QR code of an extract opens on the same server.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

_served_at: ContextVar[str | None] = ContextVar("nisi_public_address", default=None)


def base_url() -> str:
    """The address without a trailing slash: the request's in the embedded default, else the setting."""
    return (_served_at.get() or settings.NISI_PUBLIC_BASE_URL).rstrip("/")


@contextmanager
def served_at(address: str) -> Iterator[None]:
    token = _served_at.set(address)
    try:
        yield
    finally:
        _served_at.reset(token)
