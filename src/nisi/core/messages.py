"""Message keys for notifications and deadlines, rendered in the reader's language when read.

Apps register their own keys with `register`; the text is a translatable template with named parameters.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

_MESSAGES: dict[str, tuple[Promise, Promise]] = {}
# Messages that name people (a foreign worker's visa or record number): the same message without them, for readers
# who may not see personal data (`authz.PERSONAL_DATA`), e.g. auditors, who see counts, not people (AH-7-1.3).
_WITHOUT_PERSONAL_DATA: dict[str, tuple[Promise, Promise]] = {}


def register(
    key: str, subject: Promise, body: Promise, *, without_personal_data: tuple[Promise, Promise] | None = None
) -> None:
    """A message key and its texts. A message whose parameters name people gives `without_personal_data`: the
    texts to show those who may not see them, using none of those parameters."""
    if key in _MESSAGES and _MESSAGES[key] != (subject, body):
        raise ValueError(f"message key {key} is registered twice with different texts")
    _MESSAGES[key] = (subject, body)
    if without_personal_data is not None:
        _WITHOUT_PERSONAL_DATA[key] = without_personal_data


def names_people(key: str, params: dict[str, Any]) -> bool:
    """Whether the message (or the deadline it is about) names people."""
    return key in _WITHOUT_PERSONAL_DATA or params.get("title_key") in _WITHOUT_PERSONAL_DATA


def known(key: str) -> bool:
    return key in _MESSAGES


_MONEY = re.compile(r"^-?[0-9]+\.[0-9]{2}$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _for_reader(value: Any) -> Any:
    """Parameters are stored language-neutral (ISO dates, plain decimals); the reader sees them as their language
    writes them: 16.11.2026, and 30 000 000,00 or 30,000,000.00."""
    if not isinstance(value, str):
        return value
    if _MONEY.match(value):
        return formats.number_format(Decimal(value), 2, use_l10n=True, force_grouping=True)
    if _DATE.match(value):
        try:
            return dt.date.fromisoformat(value).strftime("%d.%m.%Y")
        except ValueError:
            return value
    return value


def message(key: str, **params: Any) -> dict[str, Any]:
    """A parameter (or a stored text, e.g. a penalty's basis) that is itself a message: kept as its key and
    parameters and rendered in the reader's language when read, never frozen in the writer's."""
    return {"key": key, "params": params}


def is_message(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("key"), str) and isinstance(value.get("params", {}), dict)


def text(value: Any, *, personal_data: bool = False) -> str:
    """A stored `message(...)` as the reader reads it (its subject); any other value as it is."""
    if is_message(value):
        return render(value["key"], value.get("params", {}), personal_data=personal_data)[0]
    return "" if value is None else str(value)


def _nested(value: Any, personal_data: bool) -> Any:
    return text(value, personal_data=personal_data) if is_message(value) else value


def render(key: str, params: dict[str, Any], *, personal_data: bool = False) -> tuple[str, str]:
    """(subject, body) in the active language. An unknown key or a missing parameter never breaks a page.

    Without `personal_data` (the reader may not see the people a message names) a message that names people is
    given in its words without them; pass True only for a reader `authz` grants `PERSONAL_DATA`."""
    if key not in _MESSAGES:
        if not personal_data:
            return key, ""
        return key, ", ".join(f"{k}: {v}" for k, v in params.items())
    subject, body = _MESSAGES[key]
    if not personal_data and key in _WITHOUT_PERSONAL_DATA:
        subject, body = _WITHOUT_PERSONAL_DATA[key]
    if "title_key" in params:
        # A message about another (e.g. a deadline reminder) names it in the reader's language too.
        inner = {k: v for k, v in params.items() if k != "title_key"}
        params = {**inner, "title": render(params["title_key"], inner, personal_data=personal_data)[0]}
    params = {k: _for_reader(_nested(v, personal_data)) for k, v in params.items()}
    try:
        return str(subject) % params, str(body) % params
    except (KeyError, ValueError, TypeError):
        return str(subject), str(body)


register(
    "deadline.reminder",
    _("A deadline is coming: %(title)s"),
    _("%(title)s is due on %(due_on)s (%(provision)s)."),
)
register(
    "deadline.overdue",
    _("A deadline has passed: %(title)s"),
    _("%(title)s was due on %(due_on)s (%(provision)s) and is now overdue."),
)
register(
    "document.issued",
    _("A document was issued: %(title)s"),
    _("%(title)s was issued. Anyone can check it at %(verify_url)s."),
)
register(
    "document.revoked",
    _("A document was revoked: %(title)s"),
    _("%(title)s was revoked: %(reason)s"),
)
register(
    "organization.welcome",
    _("Your organization's personal account is open"),
    _("%(name)s (%(identifier)s) can now apply and receive decisions here."),
)
register(
    "deadline.procurement_plan_review",
    _("Review a major customer's procurement plan"),
    _("Review the procurement plan for compliance with the exceptions of IP-47.3."),
)
register(
    "deadline.procurement_plan_approval",
    _("Approve a major customer's procurement plan"),
    _("The approval of the procurement plan may not exceed ten working days."),
)
register(
    "deadline.procurement_plans_due",
    _("Submit the procurement plan"),
    _("Major customers' procurement plans are received by 10 December."),
)
