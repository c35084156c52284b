"""Who may do what in project financing (AH-4.5, AH-10.2-1), by state.

Calls are public once open: any innovation cluster actor may read them and apply (the service then checks that
the applicant is a user of a cluster actor on the day). An application is seen by its organization, the Fund and
auditors — never by experts through their role: an expert sees only the applications assigned to them, through
the assignment addressed to them (`user_field`), so that no expert reaches an application by reach (AH-4.5).
"""

from __future__ import annotations

from nisi.astana_hub.models import ExpertAssignment, FinancingAgreement, FinancingApplication, FinancingCall
from nisi.core.authz import Policy, allow, register_policy
from nisi.core.roles import Role

READERS: dict[str, frozenset[str]] = {Role.AUDITOR: allow("view"), Role.INFORMATIZATION_AUTHORITY: allow("view")}

C = FinancingCall.Status
CALL_POLICY = Policy(
    model=FinancingCall,
    states=tuple(C.values),
    table={
        C.DRAFT: {Role.ASTANA_HUB_FUND: allow("view", "create", "open"), **READERS},
        C.OPEN: {Role.ASTANA_HUB_FUND: allow("view", "close"), **READERS},
        C.ASSESSMENT: {Role.ASTANA_HUB_FUND: allow("view", "decide"), **READERS},
        C.DECIDED: {Role.ASTANA_HUB_FUND: allow("view"), **READERS},
    },
    state_of=lambda c: c.state,
    organization_field=None,
    region_field=None,
    public={C.OPEN: allow("view", "apply"), C.ASSESSMENT: allow("view"), C.DECIDED: allow("view")},
)

A = FinancingApplication.Status
_APP_READERS: dict[str, frozenset[str]] = {Role.AUDITOR: allow("view")}
APPLICATION_POLICY = Policy(
    model=FinancingApplication,
    states=tuple(A.values),
    table={
        A.SUBMITTED: {
            Role.APPLICANT: allow("view", "withdraw"),
            Role.ASTANA_HUB_FUND: allow("view", "assign"),
            **_APP_READERS,
        },
        A.ASSESSMENT: {
            Role.APPLICANT: allow("view", "withdraw"),
            Role.ASTANA_HUB_FUND: allow("view", "assign"),
            **_APP_READERS,
        },
        A.APPROVED: {
            Role.APPLICANT: allow("view"),
            Role.ASTANA_HUB_FUND: allow("view", "conclude_agreement"),
            **_APP_READERS,
        },
        A.REJECTED: {Role.APPLICANT: allow("view"), Role.ASTANA_HUB_FUND: allow("view"), **_APP_READERS},
        A.WITHDRAWN: {Role.APPLICANT: allow("view"), Role.ASTANA_HUB_FUND: allow("view"), **_APP_READERS},
    },
    state_of=lambda a: a.state,
    region_field=None,
)

E = ExpertAssignment.Status
ASSIGNMENT_POLICY = Policy(
    model=ExpertAssignment,
    states=tuple(E.values),
    table={state: {Role.ASTANA_HUB_FUND: allow("view"), Role.AUDITOR: allow("view")} for state in E.values},
    state_of=lambda a: a.state,
    organization_field=None,
    region_field=None,
    user_field="expert",
    user_actions={
        E.ASSIGNED: allow("view", "declare"),
        E.DECLARED: allow("view", "score"),
        E.CONFLICT: allow("view"),
        E.SCORED: allow("view"),
    },
)

G = FinancingAgreement.Status
AGREEMENT_POLICY = Policy(
    model=FinancingAgreement,
    states=tuple(G.values),
    table={
        G.ACTIVE: {
            Role.APPLICANT: allow("view", "report"),
            Role.ASTANA_HUB_FUND: allow("view", "pay", "assess", "terminate", "complete"),
            **_APP_READERS,
        },
        G.COMPLETED: {Role.APPLICANT: allow("view"), Role.ASTANA_HUB_FUND: allow("view"), **_APP_READERS},
        G.TERMINATED: {Role.APPLICANT: allow("view"), Role.ASTANA_HUB_FUND: allow("view"), **_APP_READERS},
    },
    state_of=lambda g: g.state,
    organization_field="application__organization",
    region_field=None,
)

register_policy(CALL_POLICY)
register_policy(APPLICATION_POLICY)
register_policy(ASSIGNMENT_POLICY)
register_policy(AGREEMENT_POLICY)
