"""The sign-in backend: Django's, refusing demo accounts and the published demo password in production."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from nisi.core.services.accounts import demo_account_refused, demo_password_refused


class AccountBackend(ModelBackend):
    """Used for the sign-in page, the admin's sign-in and every open session (`get_user`)."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> Any:
        if demo_password_refused(password):
            # PermissionDenied stops every backend; Django records a failed sign-in (the audit log keeps it).
            raise PermissionDenied
        return super().authenticate(request, username=username, password=password, **kwargs)

    def user_can_authenticate(self, user: Any) -> bool:
        return super().user_can_authenticate(user) and not demo_account_refused(user)
