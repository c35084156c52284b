"""The contracts' API under /api/v1/contracts/: each area adds its router here."""

from ninja import Router

from nisi.contracts.api import ocds, offtake, offtake_steps, plans, programmes, purchases, systemic  # noqa: F401  (the steps join offtake's router)

router = Router()
for _area in (plans, offtake, programmes, purchases, systemic, ocds):
    router.add_router("", _area.router)
