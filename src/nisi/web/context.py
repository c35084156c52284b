"""What every page needs: the actor, the unread count, and the links to this page in each language."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url

from nisi.core import selectors
from nisi.core.authz import actor_for
from nisi.core.roles import OFFICER_ROLES


def nisi(request: HttpRequest) -> dict[str, Any]:
    actor = actor_for(getattr(request, "user", None))
    path = request.get_full_path()
    return {
        "actor": actor,
        "is_officer": bool(actor.roles & OFFICER_ROLES),
        "unread_count": selectors.unread_count(actor),
        "language_links": [
            {"code": code, "name": name, "url": translate_url(path, code)} for code, name in settings.LANGUAGES
        ],
        "language_labels": {"kk": "Қазақша", "ru": "Русский", "en": "English"},
        "embedded": settings.NISI_EMBEDDED,
    }
