"""Sign-in throttling (django-axes): by account and by address, a cool-off, the lockout page, the audit log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import F
from django.test import Client

from nisi.core.models import AuditEvent

RIGHT = "pass-word-123"  # the conftest's make_user password
ATTACKER = "198.51.100.7"  # documentation addresses (RFC 5737): only REMOTE_ADDR values, no traffic
OTHER = "203.0.113.9"


def _sign_in(client: Client, username: str, password: str, address: str = ATTACKER, **headers: Any) -> Any:
    return client.post("/en/sign-in/", {"username": username, "password": password}, REMOTE_ADDR=address, **headers)


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def _hammer(client: Client, username: str, times: int = 30, address: str = ATTACKER, **headers: Any) -> None:
    for _ in range(times):
        _sign_in(client, username, "wrong", address, **headers)


def test_thirty_wrong_passwords_then_the_right_one_is_refused(client: Client, make_user: Any) -> None:
    user = make_user()
    _hammer(client, user.username)
    r = _sign_in(client, user.username, RIGHT)
    assert r.status_code == 429
    body = r.content.decode()
    assert "Signing in is paused" in body
    assert "Try again after" in body
    assert 'lang="en"' in body
    assert not _signed_in(client)
    assert client.get("/en/account/").status_code == 302  # still to the sign-in page


def test_the_lockout_page_is_translated(client: Client, make_user: Any) -> None:
    from django.utils import translation

    user = make_user()
    _hammer(client, user.username, times=settings.AXES_FAILURE_LIMIT)
    r = client.post("/ru/sign-in/", {"username": user.username, "password": RIGHT}, REMOTE_ADDR=ATTACKER)
    assert r.status_code == 429
    with translation.override("ru"):
        heading = translation.gettext("Signing in is paused")
    assert 'lang="ru"' in r.content.decode()
    assert heading in r.content.decode()


def test_below_the_limit_the_right_password_still_signs_in(client: Client, make_user: Any) -> None:
    user = make_user()
    _hammer(client, user.username, times=settings.AXES_FAILURE_LIMIT - 1)
    r = _sign_in(client, user.username, RIGHT)
    assert r.status_code == 302
    assert _signed_in(client)


def test_the_address_is_locked_for_every_account_and_the_account_from_every_address(
    client: Client, make_user: Any
) -> None:
    target, colleague, elsewhere = make_user(), make_user(), make_user()
    _hammer(client, target.username)
    # Another account, from the attacker's address: refused (password spraying is throttled too).
    assert _sign_in(client, colleague.username, RIGHT).status_code == 429
    # The attacked account, from another address: refused (a distributed attack on one account is throttled).
    assert _sign_in(Client(), target.username, RIGHT, address=OTHER).status_code == 429
    # Another account from another address is not affected.
    other = Client()
    assert _sign_in(other, elsewhere.username, RIGHT, address=OTHER).status_code == 302
    assert _signed_in(other)


def test_after_the_cool_off_the_right_password_signs_in(client: Client, make_user: Any) -> None:
    user = make_user()
    _hammer(client, user.username)
    assert _sign_in(client, user.username, RIGHT).status_code == 429
    # The cool-off passes (moved back rather than waited for).
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME - dt.timedelta(seconds=1))
    r = _sign_in(client, user.username, RIGHT)
    assert r.status_code == 302
    assert _signed_in(client)


def test_attempts_while_locked_out_do_not_extend_the_pause(client: Client, make_user: Any) -> None:
    user = make_user()
    _hammer(client, user.username, times=settings.AXES_FAILURE_LIMIT)
    locked_at = AccessAttempt.objects.get().attempt_time
    _hammer(client, user.username, times=5)
    assert AccessAttempt.objects.get().attempt_time == locked_at


def test_the_lockout_is_in_the_audit_log(client: Client, make_user: Any) -> None:
    user = make_user()
    _hammer(client, user.username, times=settings.AXES_FAILURE_LIMIT)
    _sign_in(client, user.username, RIGHT)
    locked = AuditEvent.objects.filter(kind=AuditEvent.Kind.LOCKED_OUT).order_by("at")
    assert locked.count() == 2  # the failure that reached the limit, and the refused right password
    first = locked.first()
    assert first is not None
    assert first.username == user.username
    assert first.ip == ATTACKER
    assert first.detail["failure_limit"] == settings.AXES_FAILURE_LIMIT
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.SIGNED_IN).exists()


def test_a_forged_forwarded_for_header_does_not_escape_the_address_lock(client: Client, make_user: Any) -> None:
    """By default the connection's address counts: X-Forwarded-For is whatever the client wrote."""
    users = [make_user() for _ in range(3)]
    for n in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, users[n % 2].username, "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    r = _sign_in(client, users[2].username, RIGHT, HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert r.status_code == 429


def test_behind_a_trusted_proxy_its_forwarded_address_counts(client: Client, make_user: Any, settings: Any) -> None:
    """With NISI_CLIENT_IP_HEADER set, the address the proxy appended (the right-most) is the client's."""
    settings.NISI_CLIENT_IP_HEADER = "X-Forwarded-For"
    proxy = "10.0.0.5"
    user, colleague = make_user(), make_user()
    for n in range(30):
        # The attacker writes its own X-Forwarded-For; the proxy appends the address it saw.
        _sign_in(client, user.username, "wrong", proxy, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {ATTACKER}")
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.SIGN_IN_FAILED, ip=ATTACKER).count() == 30
    # The attacker's address is locked for every account, whatever it writes in front ...
    r = _sign_in(client, colleague.username, RIGHT, proxy, HTTP_X_FORWARDED_FOR=f"192.0.2.99, {ATTACKER}")
    assert r.status_code == 429
    # ... while another client behind the same proxy signs in.
    other = Client()
    r = _sign_in(other, colleague.username, RIGHT, proxy, HTTP_X_FORWARDED_FOR=OTHER)
    assert r.status_code == 302


def test_api_tokens_are_not_throttled_as_passwords(client: Client, make_user: Any) -> None:
    """A wrong API token is refused (401) every time, and does not lock sign-in for the address."""
    user = make_user()
    for _ in range(30):
        r = client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer nisi_not-a-token", REMOTE_ADDR=ATTACKER)
        assert r.status_code == 401
    assert _sign_in(client, user.username, RIGHT).status_code == 302
