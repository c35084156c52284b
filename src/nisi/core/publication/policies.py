"""Who may subscribe to the feed of changes and read a subscription's delivery log, joined to the one
authorization function (`nisi.core.authz`).

The feed itself, the snapshots and the catalogue are public (IP-16.3). A webhook is an organization's: its users
(an applicant's, a major customer's — the procurement systems that must know the day a producer leaves the
register) subscribe it, change and cancel it and read its delivery log, which names their receiver's address and
its errors; the authorized body, which runs the system, may subscribe its own systems, reads every subscription and
its log and cancels one that abuses the service; an auditor reads the subscriptions, not their logs."""

from __future__ import annotations

from nisi.core.authz import Policy, allow, register_policy
from nisi.core.publication.models import Subscription
from nisi.core.roles import Role

S = Subscription.Status
NEW = "new"

_OWNER = allow("view", "view_deliveries", "update", "cancel")

SUBSCRIPTION_POLICY = Policy(
    model=Subscription,
    states=(NEW, *S.values),
    table={
        NEW: {
            Role.APPLICANT: allow("subscribe"),
            Role.MAJOR_CUSTOMER: allow("subscribe"),
            Role.AUTHORIZED_BODY: allow("subscribe"),
        },
        S.ACTIVE: {
            Role.APPLICANT: _OWNER,
            Role.MAJOR_CUSTOMER: _OWNER,
            Role.AUTHORIZED_BODY: allow("view", "view_deliveries", "cancel"),
            Role.AUDITOR: allow("view"),
        },
        S.CANCELLED: {
            Role.APPLICANT: allow("view", "view_deliveries"),
            Role.MAJOR_CUSTOMER: allow("view", "view_deliveries"),
            Role.AUTHORIZED_BODY: allow("view", "view_deliveries"),
            Role.AUDITOR: allow("view"),
        },
    },
    state_of=lambda s: NEW if s.pk is None else s.status,
    organization_field="organization",
    region_field=None,
)
register_policy(SUBSCRIPTION_POLICY)
