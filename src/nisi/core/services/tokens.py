"""Personal API tokens: created by their owner, shown once, stored only as a hash, revocable."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.core.authz import Actor
from nisi.core.models import ApiToken, AuditEvent
from nisi.core.services.accounts import demo_account_refused
from nisi.law import clock

TOKEN_PREFIX = "nisi_"  # noqa: S105 - a visible prefix that tells a nisi token apart, not a secret


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, actor: Actor, name: str) -> tuple[ApiToken, str]:
    """A new token for the signed-in user. Returns the record and the token, which is never shown again."""
    if actor.user_id is None:
        raise PermissionError(_("Sign in to create an API token."))
    name = name.strip()
    if not name:
        raise ValueError(_("Give the token a name, e.g. the system that will use it."))
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user_id=actor.user_id,
        name=name[:100],
        prefix=raw[: len(TOKEN_PREFIX) + 6],
        token_hash=hash_token(raw),
        created_at=clock.now(),
    )
    AuditEvent.objects.create(
        at=clock.now(),
        kind=AuditEvent.Kind.TOKEN_CREATED,
        user_id=actor.user_id,
        username=actor.label,
        detail={"token": token.prefix, "name": token.name},
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor: Actor, token: ApiToken) -> ApiToken:
    if token.user_id != actor.user_id:
        raise PermissionError(_("You can revoke only your own tokens."))
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
        AuditEvent.objects.create(
            at=clock.now(),
            kind=AuditEvent.Kind.TOKEN_REVOKED,
            user_id=actor.user_id,
            username=actor.label,
            detail={"token": token.prefix},
        )
    return token


def api_token_authenticate(raw: str) -> ApiToken | None:
    """The live token for a presented string, with its last use recorded; None for an unknown or revoked one, and
    for a demo account's token in production."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(token_hash=hash_token(raw), revoked_at__isnull=True).first()
    if token is None or not token.user.is_active or demo_account_refused(token.user):
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=clock.now())
    return token
