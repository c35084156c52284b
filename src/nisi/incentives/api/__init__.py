"""The incentives' API under /api/v1/incentives/: each area adds its router here."""

from ninja import Router

from nisi.incentives.api import applications, catalogue

router = Router()
router.add_router("", catalogue.router)
router.add_router("", applications.router)
