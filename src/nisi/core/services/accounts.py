"""Demo accounts: the embedded default's demo loader marks the accounts it makes; production refuses them.

The embedded default publishes their password on its sign-in page. A database seeded in embedded mode and then
run with NISI_MODE=production must not let anyone in with it: neither an account the loader marked (whatever its
password has become), nor any account whose password is the published one, at sign-in, in a session still open, or
through an API token (`nisi.core.backends`, `services.tokens`).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from nisi.core.models import AccountLanguage, DemoAccount
from nisi.law import clock

DEMO_PASSWORD = "demo-password"  # noqa: S105 - published on the sign-in page of the embedded demo only


def demo_accounts_allowed() -> bool:
    """Only the embedded default lets demo accounts in; production (or anything not plainly embedded) refuses."""
    return bool(settings.NISI_EMBEDDED) and settings.NISI_MODE == "embedded"


def demo_account_mark(*, user: Any) -> None:
    """Marks an account as made by the demo loader (idempotent)."""
    DemoAccount.objects.get_or_create(user_id=user.pk, defaults={"marked_at": clock.now()})


# The name under which `nisi.core.backends.AccountBackend.get_user` reads the mark with the user, in one statement.
DEMO_MARK = "nisi_is_demo_account"


def is_demo_account(user: Any) -> bool:
    marked = getattr(user, DEMO_MARK, None)
    if marked is not None:
        return bool(marked)
    return user.pk is not None and DemoAccount.objects.filter(user_id=user.pk).exists()


def demo_account_refused(user: Any) -> bool:
    """Whether this account is a demo account that may not be used here (production)."""
    return not demo_accounts_allowed() and is_demo_account(user)


def demo_password_refused(password: str | None) -> bool:
    """Whether this is the published demo password, which opens no account in production."""
    return not demo_accounts_allowed() and password == DEMO_PASSWORD


def account_language(user: Any) -> str | None:
    """The language stored on the user's account, if they have chosen one."""
    if user is None or user.pk is None:
        return None
    return AccountLanguage.objects.filter(user_id=user.pk).values_list("language", flat=True).first()


def account_language_set(*, user: Any, language: str) -> str:
    """Stores the language the user reads nisi in (one of settings.LANGUAGES)."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"{language} is not a language of nisi")
    AccountLanguage.objects.update_or_create(
        user_id=user.pk, defaults={"language": language, "updated_at": clock.now()}
    )
    return language
