"""Personal API tokens for the ninja API: `Authorization: Bearer nisi_…`.

A token operation answers in its user's language (stored on the account: the language they last read the site in,
or set with `PUT /me/language`) unless the request names one with `Accept-Language`, which overrides it; without
either, in the site's default language."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import translation
from ninja.security import HttpBearer

from nisi.core.services.accounts import account_language
from nisi.core.services.tokens import api_token_authenticate


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = api_token_authenticate(token)
        if api_token is None:
            return None
        request.user = api_token.user
        if not request.headers.get("Accept-Language"):
            language = account_language(api_token.user)
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return api_token.user
