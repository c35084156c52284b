"""The Astana Hub API under /api/v1/astana-hub/, one router per area."""

from ninja import Router

from nisi.astana_hub.api import assets, fees, financing, governance, participants, programmes, workers

router = Router()
for _area in (participants, workers, fees, assets, financing, programmes, governance):
    router.add_router("", _area.router)
