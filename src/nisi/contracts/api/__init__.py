"""The contracts' API under /api/v1/contracts/: each area adds its router here."""

from ninja import Router

from nisi.contracts.api import offtake, offtake_steps, plans  # noqa: F401  (the steps join the off-take area's router)

router = Router()
for _area in (plans, offtake):
    router.add_router("", _area.router)
