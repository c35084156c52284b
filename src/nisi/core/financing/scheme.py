"""A financing scheme: what the shared services of financing by call need to know of an app (ADR 27) — its
concrete models, its journal subjects and message keys, the prefixes of its numbers, the provisions its law decides
by, the roles of its experts and recipients, and how it pays a tranche.

The Astana Hub's scheme is `nisi.astana_hub.services.financing.SCHEME`; the industrial grants (IP-42) will have
their own, with their own tables and provisions, over the same services.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from nisi.core.authz import Actor
from nisi.core.roles import Role
from nisi.core.services.journal import journal_append
from nisi.core.services.notifications import notification_send


class FinancingError(ValueError):
    """A refusal of a financing act; its message, translated, says what to do instead."""


def fail(problems: list[str]) -> None:
    """Refuses with every problem found, or lets the act go on when there is none."""
    if problems:
        raise FinancingError(" ".join(problems))


@dataclass(frozen=True)
class Subjects:
    """The journal's subject types of the scheme's calls, applications and agreements."""

    call: str
    application: str
    agreement: str


@dataclass(frozen=True)
class Numbers:
    """The prefixes of the public numbers: `<prefix>-<year>-<id, five digits>`."""

    call: str
    application: str
    agreement: str


@dataclass(frozen=True)
class Provisions:
    """The provisions the scheme's law decides by, each a tuple of provision ids: the independent, objective
    assessment (`assessment`), the decision on its results (`decision`), and the use of the money on the project
    as agreed (`funds`). The journal entries and notifications cite them; the core cites nothing of its own."""

    assessment: tuple[str, ...]
    decision: tuple[str, ...]
    funds: tuple[str, ...]


# Pays a tranche outside the financing records (the Hub records a use of the Fund's assets): called with the actor,
# the tranche (locked), the day paid and the payment document's reference, inside the payment's transaction; raises
# FinancingError to refuse.
Disburse = Callable[[Actor, Any, dt.date, str], None]


@dataclass(frozen=True)
class Scheme:
    call: type[Any]
    criterion: type[Any]
    application: type[Any]
    assignment: type[Any]
    agreement: type[Any]
    tranche: type[Any]
    report: type[Any]
    subjects: Subjects
    numbers: Numbers
    provisions: Provisions
    messages: str  # the prefix of the scheme's message keys, e.g. "astana_hub.financing"
    expert_role: str = Role.INDEPENDENT_EXPERT
    disburse: Disburse | None = None

    def journal(
        self,
        subject: str,
        number: str,
        actor: Actor,
        action: str,
        payload: dict[str, Any],
        *provisions: tuple[str, ...],
    ) -> None:
        journal_append(
            actor=actor,
            subject_type=subject,
            subject_id=number,
            action=action,
            payload=payload,
            provisions=[p for group in provisions for p in group],
        )

    def notify(
        self, key: str, params: dict[str, str], provisions: tuple[str, ...], *, subject: str, number: str, **to: Any
    ) -> None:
        notification_send(
            message_key=f"{self.messages}.{key}",
            params=params,
            provisions=list(provisions),
            subject_type=subject,
            subject_id=number,
            **to,
        )


def provisional_number() -> str:
    """A unique placeholder until the record has its id (its number is made of it)."""
    return f"tmp-{uuid.uuid4().hex[:12]}"


def numbered(record: Any, prefix: str, year: int) -> None:
    """Gives a record just created its public number, `<prefix>-<year>-<id, five digits>`."""
    record.number = f"{prefix}-{year}-{record.pk:05d}"
    record.save(update_fields=["number"])
