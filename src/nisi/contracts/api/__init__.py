"""The contracts' API under /api/v1/contracts/: each area adds its router here."""

from ninja import Router

router = Router()

# --- purchases and systemic enterprises (ctpurch) ---
from nisi.contracts.api.purchases import router as purchases_router  # noqa: E402
from nisi.contracts.api.systemic import router as systemic_router  # noqa: E402

router.add_router("/", purchases_router)
router.add_router("/", systemic_router)
