"""The reporting app's API (the National Report and the public dashboard)."""

from ninja import Router

from nisi.reporting.api import report

router = Router()
router.add_router("", report.router)
