"""The incentives' API under /api/v1/incentives/: each area adds its router here."""

from ninja import Router

router = Router()
