"""API of the governance area."""

from ninja import Router

router = Router(tags=["Astana Hub"])
