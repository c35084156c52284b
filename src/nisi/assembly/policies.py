"""Who may do what with the industrial assembly agreements, joined to the one authorization function
(`nisi.core.authz`).

The authorized body concludes the agreements (IP-62.1), checks them (IP-62.3), notifies violations, records their
elimination and terminates (IP-62.4), records the benefits granted per code (IP-62.6) and concludes multilateral
agreements within one in force (IP-63.3). The entity reads its agreements and records its recall campaigns
(IP-62.5). Auditors and the development institutes read."""

from __future__ import annotations

from nisi.assembly.models import Agreement, Benefit, Check, Notice, Recall
from nisi.core.authz import Actor, Policy, allow, policy_for, register_policy
from nisi.core.roles import Role

A = Agreement.Status
NEW = "new"

_READ = allow("view")
_READERS: dict[str, frozenset[str]] = {Role.AUDITOR: _READ, Role.DEVELOPMENT_INSTITUTE: _READ}


def may(actor: Actor, model: type, action: str) -> bool:
    """Whether any of the actor's roles may take `action` on some record of `model` (to show a form of a new one)."""
    table = policy_for(model).table
    return any(action in by_role.get(g.role, frozenset()) for by_role in table.values() for g in actor.grants)


AGREEMENT_POLICY = Policy(
    model=Agreement,
    states=(NEW, *A.values),
    table={
        NEW: {Role.AUTHORIZED_BODY: allow("conclude")},
        A.IN_FORCE: {
            Role.AUTHORIZED_BODY: allow("view", "check", "notify", "record_benefit", "conclude_multilateral"),
            Role.APPLICANT: allow("view", "record_recall"),
            **_READERS,
        },
        A.NOTIFIED: {
            Role.AUTHORIZED_BODY: allow("view", "check", "cure", "terminate", "record_benefit"),
            Role.APPLICANT: allow("view", "record_recall"),
            **_READERS,
        },
        A.TERMINATED: {Role.AUTHORIZED_BODY: _READ, Role.APPLICANT: _READ, **_READERS},
    },
    state_of=lambda a: NEW if a.pk is None else a.status,
    region_field=None,
)

# The records kept under an agreement are read by whoever reads the agreement; they are written only through the
# agreement's actions above.
_UNDER = {"kept": {Role.AUTHORIZED_BODY: _READ, Role.APPLICANT: _READ, **_READERS}}


def _under(model: type) -> Policy:
    return Policy(
        model=model,
        states=("kept",),
        table=_UNDER,
        state_of=lambda r: "kept",
        organization_field="agreement__organization",
        region_field=None,
    )


RECALL_POLICY = Policy(
    model=Recall,
    states=(NEW, *Recall.Status.values),
    table={
        NEW: {Role.APPLICANT: allow("record")},
        Recall.Status.OPEN: {Role.APPLICANT: allow("view", "complete"), Role.AUTHORIZED_BODY: _READ, **_READERS},
        Recall.Status.COMPLETED: {Role.APPLICANT: _READ, Role.AUTHORIZED_BODY: _READ, **_READERS},
    },
    state_of=lambda r: NEW if r.pk is None else r.status,
    organization_field="agreement__organization",
    region_field=None,
)

register_policy(AGREEMENT_POLICY)
register_policy(RECALL_POLICY)
for _model in (Check, Notice, Benefit):
    register_policy(_under(_model))
