"""The map of industrialization's API under /api/v1/industrialization/."""

from ninja import Router

from nisi.industrialization.api import map, projects

router = Router()
for _area in (map, projects):
    router.add_router("", _area.router)
