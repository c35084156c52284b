"""Connects the audit log to Django's sign-in signals, to sign-in lockouts and to admin changes; retires the kept
region names when a region changes."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from nisi.core import selectors
from nisi.core.client_address import client_ip
from nisi.core.models import AuditEvent, Region
from nisi.core.services.audit import audit_record


def _ip(request: Any) -> str | None:
    return client_ip(request) if request is not None else None


@receiver(user_logged_in)
def _signed_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit_record(kind=AuditEvent.Kind.SIGNED_IN, user_id=user.pk, username=user.get_username(), ip=_ip(request))


@receiver(user_logged_out)
def _signed_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit_record(kind=AuditEvent.Kind.SIGNED_OUT, user_id=user.pk, username=user.get_username(), ip=_ip(request))


@receiver(user_login_failed)
def _sign_in_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    audit_record(
        kind=AuditEvent.Kind.SIGN_IN_FAILED,
        user_id=None,
        username=str(credentials.get("username", "")),
        ip=_ip(request),
    )


@receiver(user_locked_out)
def _locked_out(sender: Any, request: Any, username: str | None, ip_address: str | None, **kwargs: Any) -> None:
    """Sent when a failure reaches the limit, and again for each attempt refused while locked out."""
    audit_record(
        kind=AuditEvent.Kind.LOCKED_OUT,
        user_id=None,
        username=username or "",
        ip=ip_address,
        detail={
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cool_off_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
    )


@receiver(post_save, sender=LogEntry)
def _admin_change(sender: Any, instance: LogEntry, created: bool, **kwargs: Any) -> None:
    if created:
        audit_record(
            kind=AuditEvent.Kind.ADMIN_CHANGE,
            user_id=instance.user_id,
            username=str(instance.user),
            detail={
                "action": instance.get_action_flag_display(),
                "object": instance.object_repr,
                "model": str(instance.content_type) if instance.content_type_id else "",
                "change": instance.get_change_message(),
            },
        )


@receiver(post_save, sender=Region)
@receiver(post_delete, sender=Region)
def _regions_changed(sender: Any, **kwargs: Any) -> None:
    # The kept lists of region names retire when a region changes: at once, and again once the change is committed
    # (a page read in between may have kept the old names).
    selectors.region_names_forget()
    transaction.on_commit(selectors.region_names_forget)
