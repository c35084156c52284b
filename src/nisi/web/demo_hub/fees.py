"""Demo records of the Astana Hub fees area."""

from __future__ import annotations

from nisi.core.models import Organization


def load(orgs: list[Organization]) -> None:
    """Loaded by the area's owner as the area is built; nothing yet."""
