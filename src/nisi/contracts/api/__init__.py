"""The contracts' API under /api/v1/contracts/: each area adds its router here."""

from ninja import Router

router = Router()

from nisi.contracts.api import plans as _plans  # noqa: E402  (each area adds its router)

router.add_router("", _plans.router)
