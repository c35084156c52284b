"""API of the workers area."""

from ninja import Router

router = Router(tags=["Astana Hub"])
