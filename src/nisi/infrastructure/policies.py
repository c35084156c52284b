"""Who may do what with the infrastructure register and the selection of territorial clusters, joined to the one
authorization function (`nisi.core.authz`).

The register is public (IP-16.3): anyone reads every entry in every state. The authorized body keeps it: it
includes an element, suspends, resumes and excludes it (IP-9.18 for territorial clusters). The national development
institute in the field of industrial development diagnoses cluster initiatives (IP-23.4) and reads; auditors read;
an akimat reads its region's. The competitive selection runs on the core's financing tables (ADR 27): the
authorized body makes and decides the calls (IP-9.16, IP-40.1), cluster organizations apply, the independent
experts assigned declare and score."""

from __future__ import annotations

from nisi.core.authz import Actor, Policy, allow, policy_for, register_policy
from nisi.core.financing import policies as financing
from nisi.core.roles import Role
from nisi.infrastructure.models import (
    ClusterApplication,
    ClusterCall,
    ClusterExpertAssignment,
    InfrastructureEntry,
    Status,
)

NEW = "new"  # an entry not yet written: the action that creates it
_READ = allow("view")
_READERS: dict[str, frozenset[str]] = {
    Role.DEVELOPMENT_INSTITUTE: _READ,
    Role.AUDITOR: _READ,
    Role.AKIMAT: _READ,
    Role.APPLICANT: _READ,
}

ENTRY_POLICY = Policy(
    model=InfrastructureEntry,
    states=(NEW, *Status.values),
    table={
        NEW: {Role.AUTHORIZED_BODY: allow("include")},
        Status.INCLUDED: {Role.AUTHORIZED_BODY: allow("view", "suspend", "exclude"), **_READERS},
        Status.SUSPENDED: {Role.AUTHORIZED_BODY: allow("view", "resume", "exclude"), **_READERS},
        Status.EXCLUDED: {Role.AUTHORIZED_BODY: _READ, **_READERS},
    },
    state_of=lambda e: NEW if e.pk is None else e.status,
    organization_field="organization",
    region_field="region",
    public=dict.fromkeys(Status.values, _READ),
)

_SELECTION_READERS: dict[str, frozenset[str]] = {Role.DEVELOPMENT_INSTITUTE: _READ, Role.AUDITOR: _READ}
CALL_POLICY = financing.call_policy(ClusterCall, manager=Role.AUTHORIZED_BODY, readers=_SELECTION_READERS)
APPLICATION_POLICY = financing.application_policy(
    ClusterApplication, manager=Role.AUTHORIZED_BODY, recipient=Role.APPLICANT, readers=_SELECTION_READERS
)
ASSIGNMENT_POLICY = financing.assignment_policy(
    ClusterExpertAssignment, manager=Role.AUTHORIZED_BODY, readers=_SELECTION_READERS
)

for _policy in (ENTRY_POLICY, CALL_POLICY, APPLICATION_POLICY, ASSIGNMENT_POLICY):
    register_policy(_policy)


def may(actor: Actor, model: type, action: str) -> bool:
    """Whether any of the actor's roles may take `action` on some record of `model` in some state (for showing a
    form of a new record; each record is then checked with `allowed_actions`)."""
    table = policy_for(model).table
    return any(action in by_role.get(g.role, frozenset()) for by_role in table.values() for g in actor.grants)
