"""API of the programmes area."""

from ninja import Router

router = Router(tags=["Astana Hub"])
