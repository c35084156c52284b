"""Who may do what with the scrap records, joined to the one authorization function (`nisi.core.authz`).

A legal entity (its organization's users) lodges its notification and its reports and reads its own; the akimat of
the region where the activity's site is reads that region's (the notification is lodged with it, IP-51-3.6); the
authorized body regulates the activity (IP-9.39) and reads every one; auditors read. A notified activity may be
declared ceased by its entity."""

from __future__ import annotations

from nisi.core.authz import Actor, Policy, allow, policy_for, register_policy
from nisi.core.roles import Role
from nisi.scrap_metal.models import ScrapNotification, ScrapReport

NEW = "new"  # a record not yet written: the actions that create it
_READ = allow("view")
_OFFICERS_READ: dict[str, frozenset[str]] = {Role.AUTHORIZED_BODY: _READ, Role.AKIMAT: _READ, Role.AUDITOR: _READ}

N = ScrapNotification.Status

NOTIFICATION_POLICY = Policy(
    model=ScrapNotification,
    states=(NEW, *N.values),
    table={
        NEW: {Role.APPLICANT: allow("notify")},
        N.ACTIVE: {Role.APPLICANT: allow("view", "report", "cease"), **_OFFICERS_READ},
        N.CEASED: {Role.APPLICANT: allow("view", "report"), **_OFFICERS_READ},
    },
    state_of=lambda n: NEW if n.pk is None else n.status,
    organization_field="organization",
    region_field="region",
)

SUBMITTED = "submitted"
REPORT_POLICY = Policy(
    model=ScrapReport,
    states=(NEW, SUBMITTED),
    table={
        NEW: {Role.APPLICANT: allow("submit")},
        SUBMITTED: {Role.APPLICANT: _READ, **_OFFICERS_READ},
    },
    state_of=lambda r: NEW if r.pk is None else SUBMITTED,
    organization_field="organization",
    region_field="region",
)

register_policy(NOTIFICATION_POLICY)
register_policy(REPORT_POLICY)


def may(actor: Actor, model: type, action: str) -> bool:
    """Whether any of the actor's roles may take `action` on some record of `model` in some state (for showing a
    form of a new record; each record is then checked with `allowed_actions`)."""
    table = policy_for(model).table
    return any(action in by_role.get(g.role, frozenset()) for by_role in table.values() for g in actor.grants)
