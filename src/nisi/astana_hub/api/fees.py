"""API of the fees area."""

from ninja import Router

router = Router(tags=["Astana Hub"])
