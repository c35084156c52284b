"""The reporting app's API: one router per area, joined here (one line per area)."""

from ninja import Router

from nisi.reporting.api import report
from nisi.reporting.api.assessment import router as assessment_router
from nisi.reporting.api.effectiveness import router as effectiveness_router

router = Router(tags=["reporting"])
router.add_router("/assessment", assessment_router)
router.add_router("/effectiveness", effectiveness_router)
router.add_router("", report.router)
