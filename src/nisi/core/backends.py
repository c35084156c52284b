"""The sign-in backend: Django's, refusing demo accounts and the published demo password in production; and the
password validator that keeps anyone from choosing the published demo password."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied, ValidationError
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


@cache
def _user_with_mark() -> str:
    # Names from the models' own metadata; the user's id goes as a parameter.
    users, marks = get_user_model()._meta, DemoAccount._meta
    user_table, marks_table = users.db_table, marks.db_table
    pk = users.pk.column
    return (
        f'SELECT "{user_table}".*, EXISTS (SELECT 1 FROM "{marks_table}" WHERE "{marks_table}"."user_id" = '  # noqa: S608
        f'"{user_table}"."{pk}") AS "{DEMO_MARK}" FROM "{user_table}" WHERE "{user_table}"."{pk}" = %s'
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
        """The session's user, read with its demo mark in one statement: every signed-in request asks this, and
        the ORM's compiling of two statements cost more than PostgreSQL's answering them."""
        if demo_accounts_allowed():
            return super().get_user(user_id)
        try:
            user_pk = get_user_model()._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        users = get_user_model()._default_manager.raw(_user_with_mark(), [user_pk])
        user = next(iter(users), None)
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
