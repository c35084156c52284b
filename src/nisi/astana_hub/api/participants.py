"""API of the participants area."""

from ninja import Router

router = Router(tags=["Astana Hub"])
