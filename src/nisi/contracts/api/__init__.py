"""The contracts' API under /api/v1/contracts/: each area adds its router here."""

from ninja import Router

from nisi.contracts.api import (  # noqa: F401  (the steps join offtake's router)
    examination,
    offtake,
    offtake_steps,
    plans,
    programmes,
    purchases,
    systemic,
)

router = Router()
for _area in (plans, examination, offtake, programmes, purchases, systemic):
    router.add_router("", _area.router)
