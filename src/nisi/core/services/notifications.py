"""Notifications to an organization's personal-account inbox, and by e-mail through Django's backend."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation

from nisi.core import messages
from nisi.core.authz import Actor, require
from nisi.core.bulk import insert_rows
from nisi.core.models import Notification, Organization
from nisi.core.outbox import enqueue
from nisi.law import clock


def notification_send(
    *,
    message_key: str,
    params: dict[str, Any],
    provisions: list[str],
    organization: Organization | None = None,
    user_id: int | None = None,
    subject_type: str = "",
    subject_id: str = "",
) -> Notification:
    """Puts a message in the inbox and e-mails the organization's address once the transaction commits (through the
    outbox: a mail server that is down delays the e-mail, never the action, and never loses it)."""
    if not messages.known(message_key):
        raise ValueError(f"unknown message key {message_key}; register it in the app's messages")
    if organization is None and user_id is None:
        raise ValueError("a notification needs an organization or a user to go to")
    notification = Notification.objects.create(
        organization=organization,
        user_id=user_id,
        message_key=message_key,
        params=params,
        provisions=provisions,
        subject_type=subject_type,
        subject_id=subject_id,
        created_at=clock.now(),
    )
    if organization is not None and organization.email:
        enqueue("nisi.core.tasks.notification_email", notification.pk)
    return notification


@dataclass(frozen=True)
class NotificationSpec:
    """One notification for `notification_send_many`: the arguments of `notification_send`."""

    message_key: str
    params: dict[str, Any]
    provisions: Sequence[str]
    organization: Organization | None = None
    user_id: int | None = None
    subject_type: str = ""
    subject_id: str = ""


def notification_send_many(specs: Sequence[NotificationSpec]) -> list[Notification]:
    """Many notifications at once (a monitoring batch's notices): one insert, and the e-mails of all of them owed
    by one task through the outbox, each notification as `notification_send` would write it."""
    for spec in specs:
        if not messages.known(spec.message_key):
            raise ValueError(f"unknown message key {spec.message_key}; register it in the app's messages")
        if spec.organization is None and spec.user_id is None:
            raise ValueError("a notification needs an organization or a user to go to")
    if not specs:
        return []
    now = clock.now()
    notifications = [
        Notification(
            organization=spec.organization,
            user_id=spec.user_id,
            message_key=spec.message_key,
            params=spec.params,
            provisions=list(spec.provisions),
            subject_type=spec.subject_type,
            subject_id=spec.subject_id,
            created_at=now,
        )
        for spec in specs
    ]
    columns = (
        "organization_id",
        "user_id",
        "message_key",
        "params",
        "provisions",
        "subject_type",
        "subject_id",
        "created_at",
    )
    ids = insert_rows(Notification, columns, [tuple(getattr(n, c) for c in columns) for n in notifications], ids=True)
    for notification, pk in zip(notifications, ids, strict=True):
        notification.pk, notification._state.adding = pk, False
    to_mail = [n.pk for n in notifications if n.organization is not None and n.organization.email]
    if to_mail:
        enqueue("nisi.core.tasks.notifications_email", to_mail)
    return notifications


def notifications_email(*, notification_ids: list[int]) -> int:
    """E-mails each notification of a list (`notification_email`, idempotent); how many were sent."""
    return sum(notification_email(notification_id=pk) for pk in notification_ids)


def notification_email(*, notification_id: int) -> bool:
    """E-mails a notification to its organization; True if sent. Idempotent: one already e-mailed is not sent
    again (the outbox delivers at least once)."""
    notification = Notification.objects.select_related("organization").filter(pk=notification_id).first()
    if notification is None or notification.emailed_at is not None:
        return False
    if notification.organization is None or not notification.organization.email:
        return False
    # E-mail goes out in Russian and Kazakh; the inbox shows the reader's own language. It goes to the
    # organization's own address, whose users read its messages in full (authz.PERSONAL_DATA).
    parts = []
    for language in ("ru", "kk"):
        with translation.override(language):
            subject, body = messages.render(notification.message_key, notification.params, personal_data=True)
            parts.append((subject, body))
    provisions = ", ".join(notification.provisions)
    text = "\n\n".join(f"{s}\n{b}" for s, b in parts) + (f"\n\n{provisions}" if provisions else "")
    send_mail(parts[0][0], text, settings.DEFAULT_FROM_EMAIL, [notification.organization.email])
    Notification.objects.filter(pk=notification_id).update(emailed_at=clock.now())
    return True


def notification_mark_read(*, actor: Actor, notification: Notification) -> Notification:
    require(actor, notification, "mark_read")
    notification.read_at = clock.now()
    notification.save(update_fields=["read_at"])
    return notification
