"""Who may do what with the exchanges, joined to the one authorization function: the authorized body interacts with
the Commission (IP-9.37) and so prepares exchanges and sees what was sent and when; auditors read."""

from __future__ import annotations

from nisi.core.authz import Actor, Policy, allow, policy_for, register_policy
from nisi.core.roles import Role
from nisi.eurasian_register.models import Exchange

NEW = "new"
_READ = allow("view")
E = Exchange.Status

EXCHANGE_POLICY = Policy(
    model=Exchange,
    states=(NEW, *E.values),
    table={
        NEW: {Role.AUTHORIZED_BODY: allow("prepare")},
        E.PREPARED: {Role.AUTHORIZED_BODY: _READ, Role.AUDITOR: _READ},
        E.ACKNOWLEDGED: {Role.AUTHORIZED_BODY: _READ, Role.AUDITOR: _READ},
        E.REFUSED: {Role.AUTHORIZED_BODY: _READ, Role.AUDITOR: _READ},
    },
    state_of=lambda e: NEW if e.pk is None else e.status,
    organization_field=None,
    region_field=None,
)
register_policy(EXCHANGE_POLICY)


def may(actor: Actor, action: str) -> bool:
    table = policy_for(Exchange).table
    return any(action in by_role.get(g.role, frozenset()) for by_role in table.values() for g in actor.grants)
