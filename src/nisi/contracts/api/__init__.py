"""The contracts' API under /api/v1/contracts/: each area adds its router here."""

from ninja import Router

router = Router()

# Domestic value development programmes (IP-61-1).
from nisi.contracts.api import programmes as _programmes  # noqa: E402

router.add_router("", _programmes.router)
