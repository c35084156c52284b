"""The contracts' API under /api/v1/contracts/: each area adds its router here."""

from ninja import Router

from nisi.contracts.api import (  # noqa: F401  (the steps join their area's router)
    customers,
    examination,
    ocds,
    offtake,
    offtake_steps,
    plans,
    plans_opinions,
    programmes,
    programmes_steps,
    purchases,
    purchases_public,
    systemic,
)

router = Router()
for _area in (
    customers,
    plans,
    plans_opinions,
    examination,
    offtake,
    programmes,
    purchases,
    purchases_public,
    systemic,
    ocds,
):
    router.add_router("", _area.router)
