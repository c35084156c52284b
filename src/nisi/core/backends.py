"""The sign-in backend: Django's, refusing demo accounts and the published demo password in production; and the
password validator that keeps anyone from choosing the published demo password."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.utils.translation import gettext as _

from nisi.core.models import DemoAccount
from nisi.core.services.accounts import (
    DEMO_MARK,
    DEMO_PASSWORD,
    demo_account_refused,
    demo_accounts_allowed,
    demo_password_refused,
)


class AccountBackend(ModelBackend):
    """Used for the sign-in page, the admin's sign-in and every open session (`get_user`)."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> Any:
        if demo_password_refused(password):
            # PermissionDenied stops every backend; Django records a failed sign-in (the audit log keeps it).
            raise PermissionDenied
        return super().authenticate(request, username=username, password=password, **kwargs)

    def get_user(self, user_id: Any) -> Any:
        """The session's user, read with its demo mark in one statement (every signed-in request asks this)."""
        users = get_user_model()._default_manager.all()
        if not demo_accounts_allowed():
            users = users.annotate(**{DEMO_MARK: Exists(DemoAccount.objects.filter(user_id=OuterRef("pk")))})
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

    def user_can_authenticate(self, user: Any) -> bool:
        return super().user_can_authenticate(user) and not demo_account_refused(user)


class NotTheDemoPasswordValidator:
    """The demo's password is printed on its sign-in page: no account chooses it (the demo loader sets it directly)."""

    def validate(self, password: str, user: Any = None) -> None:
        if password == DEMO_PASSWORD:
            raise ValidationError(
                _("This password is published on the demo's sign-in page. Choose another."),
                code="password_is_demo_password",
            )

    def get_help_text(self) -> str:
        return _("Your password cannot be the demo's published password.")
