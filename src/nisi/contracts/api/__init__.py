"""The contracts' API under /api/v1/contracts/: each area adds its router here."""

from ninja import Router

router = Router()
