"""The words a Russian reader gets for a message: what tests of refusals compare with, so that they hold while a
message waits for its translation and fail once it has one and the code stops wrapping it in gettext (issue 10)."""

from __future__ import annotations

from typing import Any

from django.utils import translation


def in_russian(msgid: str, **params: Any) -> str:
    with translation.override("ru"):
        text = translation.gettext(msgid)
    return text % params if params else text
