"""Who may do what with the map's records, joined to the one authorization function (`nisi.core.authz`).

A project's initiator (an organization user) applies for inclusion and reads its own project; the akimat of the
project's region and the responsible state body or national managing holding may apply for it too and read it; the
authorized body checks, includes, refuses and excludes (IP-9.7, IP-9.11). The included projects are public: the
map is (IP-16.3). Quarterly information is given by the akimat on the projects it is responsible for in its region
and by the responsible body on its own (IP-6.2, IP-11.8)."""

from __future__ import annotations

from nisi.core.authz import Actor, Policy, allow, policy_for, register_policy
from nisi.core.roles import Role
from nisi.industrialization.models import Project, QuarterlyReport

P = Project.Status
NEW = "new"  # a record not yet written: the actions that create it

_READ = allow("view")
_OFFICERS_READ: dict[str, frozenset[str]] = {
    Role.DEVELOPMENT_INSTITUTE: _READ,
    Role.AUDITOR: _READ,
    Role.AKIMAT: _READ,
    Role.RESPONSIBLE_BODY: _READ,
    Role.APPLICANT: _READ,
}


def may(actor: Actor, model: type, action: str) -> bool:
    """Whether any of the actor's roles may take `action` on some record of `model` in some state (for showing a
    form of a new record; each record is then checked with `allowed_actions`)."""
    table = policy_for(model).table
    return any(action in by_role.get(g.role, frozenset()) for by_role in table.values() for g in actor.grants)


PROJECT_POLICY = Policy(
    model=Project,
    states=(NEW, *P.values),
    table={
        NEW: {
            Role.APPLICANT: allow("apply"),
            Role.AKIMAT: allow("apply"),
            Role.RESPONSIBLE_BODY: allow("apply"),
            Role.AUTHORIZED_BODY: allow("apply"),
        },
        P.APPLIED: {Role.AUTHORIZED_BODY: allow("view", "check", "refuse"), **_OFFICERS_READ},
        P.CHECKED: {Role.AUTHORIZED_BODY: allow("view", "include", "refuse"), **_OFFICERS_READ},
        P.INCLUDED: {Role.AUTHORIZED_BODY: allow("view", "exclude"), **_OFFICERS_READ},
        P.REFUSED: {Role.AUTHORIZED_BODY: _READ, **_OFFICERS_READ},
        P.EXCLUDED: {Role.AUTHORIZED_BODY: _READ, **_OFFICERS_READ},
    },
    state_of=lambda p: NEW if p.pk is None else p.status,
    organization_field="initiator",
    organization_fields={Role.RESPONSIBLE_BODY: "responsible"},
    region_field="region",
    # The map is public: the included projects and those once included (the map as it stood, ADR 0029).
    public={P.INCLUDED: _READ, P.EXCLUDED: _READ},
)

# An unwritten report is "for the akimat" when no state body or holding is responsible for its project.
FOR_AKIMAT = "new_for_akimat"
FOR_BODY = "new_for_body"
SUBMITTED = "submitted"
QUARTERLY_REPORT_POLICY = Policy(
    model=QuarterlyReport,
    states=(FOR_AKIMAT, FOR_BODY, SUBMITTED),
    table={
        FOR_AKIMAT: {Role.AKIMAT: allow("submit")},
        FOR_BODY: {Role.RESPONSIBLE_BODY: allow("submit")},
        SUBMITTED: {Role.AUTHORIZED_BODY: _READ, **_OFFICERS_READ},
    },
    state_of=lambda r: SUBMITTED if r.pk is not None else (FOR_AKIMAT if r.responsible_id is None else FOR_BODY),
    organization_field="responsible",
    organization_fields={Role.APPLICANT: "project__initiator"},
    region_field="region",
)

register_policy(PROJECT_POLICY)
register_policy(QUARTERLY_REPORT_POLICY)
