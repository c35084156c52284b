"""The contracts' API under /api/v1/contracts/: each area adds its router here."""

from ninja import Router

router = Router()

from nisi.contracts.api import offtake, offtake_steps  # noqa: E402, F401  (the steps join the area's router)

router.add_router("", offtake.router)
