"""API of the financing area."""

from ninja import Router

router = Router(tags=["Astana Hub"])
