"""The audit log of sign-ins and administrative changes."""

from __future__ import annotations

from typing import Any

from nisi.core.models import AuditEvent
from nisi.law import clock


def audit_record(
    *, kind: str, user_id: int | None, username: str, ip: str | None = None, detail: dict[str, Any] | None = None
) -> AuditEvent:
    return AuditEvent.objects.create(
        at=clock.now(), kind=kind, user_id=user_id, username=username[:150], ip=ip, detail=detail or {}
    )
