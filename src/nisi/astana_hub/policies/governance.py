"""Who may record and read the governance records (AH-5, AH-6.1, AH-9.2).

The Fund's officers keep the records as the secretariat of its bodies; the informatization authority, which
provides the Management Committee's activities and coordinates the Fund (AH-9.1, AH-9.3, AH-9.4.3), and auditors
read them. Nobody edits a decision: a later decision supersedes it (AH-9.2), and the superseded one stays on record.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist

from nisi.astana_hub.models import CommitteeDecision, StrategicTask
from nisi.core.authz import Actor, Policy, allow, policy_for, register_policy
from nisi.core.roles import Role


def may(actor: Actor, model: type, action: str) -> bool:
    """Whether any of the actor's roles may take `action` on some record of `model`, in some state (for the
    Astana Hub's lists and forms for new records; each record is then checked with `allowed_actions`)."""
    table = policy_for(model).table
    return any(action in by_role.get(g.role, frozenset()) for by_role in table.values() for g in actor.grants)


READERS: dict[str, frozenset[str]] = {
    Role.INFORMATIZATION_AUTHORITY: allow("view"),
    Role.AUDITOR: allow("view"),
}

T = StrategicTask.Status
STRATEGIC_TASK_POLICY = Policy(
    model=StrategicTask,
    states=tuple(T.values),
    table={
        T.ACTIVE: {Role.ASTANA_HUB_FUND: allow("view", "record", "close"), **READERS},
        T.ACHIEVED: {Role.ASTANA_HUB_FUND: allow("view"), **READERS},
        T.WITHDRAWN: {Role.ASTANA_HUB_FUND: allow("view"), **READERS},
    },
    state_of=lambda t: str(t.status),
    organization_field=None,
    region_field=None,
)

IN_FORCE, SUPERSEDED = "in_force", "superseded"


def decision_state(decision: Any) -> str:
    """In force until a later decision supersedes it."""
    if decision.pk is None:
        return IN_FORCE
    try:
        decision.superseded_by  # noqa: B018  (the reverse one-to-one: present once superseded)
    except ObjectDoesNotExist:
        return IN_FORCE
    return SUPERSEDED


DECISION_POLICY = Policy(
    model=CommitteeDecision,
    states=(IN_FORCE, SUPERSEDED),
    table={
        IN_FORCE: {Role.ASTANA_HUB_FUND: allow("view", "record", "supersede"), **READERS},
        SUPERSEDED: {Role.ASTANA_HUB_FUND: allow("view"), **READERS},
    },
    state_of=decision_state,
    organization_field=None,
    region_field=None,
)

register_policy(STRATEGIC_TASK_POLICY)
register_policy(DECISION_POLICY)
