"""Who may do what with the National Report's records, joined to the one authorization function (`nisi.core.authz`).

The authorized body opens the inputs of a reporting year, reads every input, builds the report and reads it (IP-5.2,
IP-9.36). A central state body gives its own input (its officers hold the responsible body's role, reaching their
organization's records); an akimat gives its region's. The report is for the President (IP-5.2): the officers who
oversee read it, the public reads the dashboard's figures instead (IP-16.3), never the report's traces."""

from __future__ import annotations

from nisi.core.authz import Actor, Policy, allow, policy_for, register_policy
from nisi.core.roles import Role
from nisi.reporting.models import NationalReport, ReportInput

NEW = "new"  # a record not yet written: the actions that create it
_READ = allow("view")

REPORT_INPUT_POLICY = Policy(
    model=ReportInput,
    states=(NEW, *ReportInput.Status.values),
    table={
        NEW: {Role.AUTHORIZED_BODY: allow("open")},
        ReportInput.Status.AWAITED: {
            Role.AUTHORIZED_BODY: _READ,
            Role.AKIMAT: allow("view", "submit"),
            Role.RESPONSIBLE_BODY: allow("view", "submit"),
            Role.AUDITOR: _READ,
        },
        ReportInput.Status.SUBMITTED: {
            Role.AUTHORIZED_BODY: _READ,
            Role.AKIMAT: _READ,
            Role.RESPONSIBLE_BODY: _READ,
            Role.AUDITOR: _READ,
        },
    },
    state_of=lambda r: NEW if r.pk is None else r.status,
    organization_field="organization",
    region_field="region",
)

_REPORT_READERS: dict[str, frozenset[str]] = {Role.AUTHORIZED_BODY: _READ, Role.AUDITOR: _READ}
REPORT_POLICY = Policy(
    model=NationalReport,
    states=(NEW, *NationalReport.Status.values),
    table={
        NEW: {Role.AUTHORIZED_BODY: allow("generate")},
        NationalReport.Status.QUEUED: _REPORT_READERS,
        NationalReport.Status.BUILDING: _REPORT_READERS,
        NationalReport.Status.READY: {
            Role.AUTHORIZED_BODY: allow("view", "download"),
            Role.AUDITOR: allow("view", "download"),
        },
        NationalReport.Status.FAILED: _REPORT_READERS,
    },
    state_of=lambda r: NEW if r.pk is None else r.status,
    organization_field=None,
    region_field=None,
)


def may(actor: Actor, model: type, action: str) -> bool:
    """Whether any of the actor's roles may take `action` on some record of `model` in some state (to show a form)."""
    table = policy_for(model).table
    return any(action in by_role.get(g.role, frozenset()) for by_role in table.values() for g in actor.grants)


register_policy(REPORT_INPUT_POLICY)
register_policy(REPORT_POLICY)
