"""The contracts' API under /api/v1/contracts/: each area adds its router here."""

from ninja import Router

router = Router()

from nisi.contracts.api import offtake  # noqa: E402

router.add_router("", offtake.router)
