"""The infrastructure app's API: the register (register.py) and the clusters' selection (clusters.py)."""

from ninja import Router

from nisi.infrastructure.api import clusters, register

router = Router(tags=["Industrial and innovative infrastructure, territorial clusters"])
router.add_router("", register.router)
router.add_router("", clusters.router)
