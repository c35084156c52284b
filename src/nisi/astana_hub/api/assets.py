"""API of the assets area."""

from ninja import Router

router = Router(tags=["Astana Hub"])
