"""The incentives' API under /api/v1/incentives/: each area adds its router here."""

from ninja import Router

from nisi.incentives.api import agreements, applications, catalogue, competitiveness, grant_agreements, grants
from nisi.incentives.api import alerts as alerts_api
from nisi.incentives.api import queue as queue_api
from nisi.incentives.api import state_figures as state_figures_api
from nisi.incentives.api.grant_results import router as grant_results_router

router = Router()
router.add_router("", catalogue.router)
router.add_router("", applications.router)
router.add_router("", agreements.router)
router.add_router("", competitiveness.router)
router.add_router("", grants.router)
router.add_router("", grant_agreements.router)
router.add_router("", grant_results_router)
router.add_router("", queue_api.router)
router.add_router("", alerts_api.router)
router.add_router("", state_figures_api.router)
