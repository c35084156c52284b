"""Start-up checks of the contracts' settings."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register

from nisi.core import identifiers


@register()
def authorized_body_bin(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """`NISI_AUTHORIZED_BODY_BIN`, the open contracting feed's publisher identifier, is a valid BIN when set."""
    value = getattr(settings, "NISI_AUTHORIZED_BODY_BIN", "")
    if not value or (identifiers.is_valid(value) and identifiers.kind_of(value) == "BIN"):
        return []
    return [
        Error(
            f"NISI_AUTHORIZED_BODY_BIN={value!r} is not a valid business identification number.",
            hint="Give the authorized body's 12-digit BIN (its check digit is verified) or leave it unset.",
            id="contracts.E001",
        )
    ]
