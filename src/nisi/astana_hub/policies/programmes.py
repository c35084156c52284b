"""Who may do what with the Fund's programmes (AH-8-1.5-1, 5-5, 5-8). Programmes and cohorts are public (the
Fund announces them); the people in them, their housing and invitations (personal data, passports) are the Fund's
and auditors' to see — and a participant organization sees its own team members."""

from __future__ import annotations

from nisi.astana_hub.models import Cohort, CohortMember, HousingAllocation, Invitation, Programme
from nisi.core.authz import Policy, allow, register_policy
from nisi.core.roles import Role

OFFERED, RECORDED, ISSUED = "offered", "recorded", "issued"

PROGRAMME_POLICY = Policy(
    model=Programme,
    states=(OFFERED,),
    table={
        OFFERED: {
            Role.ASTANA_HUB_FUND: allow("view", "create", "add_cohort"),
            Role.INFORMATIZATION_AUTHORITY: allow("view"),
            Role.AUDITOR: allow("view"),
        }
    },
    state_of=lambda p: OFFERED,
    organization_field=None,
    region_field=None,
    public={OFFERED: allow("view")},
)

COHORT_POLICY = Policy(
    model=Cohort,
    states=(RECORDED,),
    table={
        RECORDED: {
            Role.ASTANA_HUB_FUND: allow("view", "admit", "house", "invite", "see_people"),
            Role.INFORMATIZATION_AUTHORITY: allow("view"),
            Role.AUDITOR: allow("view", "see_people"),
        }
    },
    state_of=lambda c: RECORDED,
    organization_field=None,
    region_field=None,
    public={RECORDED: allow("view")},
)

M = CohortMember.Status
MEMBER_POLICY = Policy(
    model=CohortMember,
    states=tuple(M.values),
    table={
        M.ADMITTED: {
            Role.ASTANA_HUB_FUND: allow("view", "complete", "leave", "house"),
            Role.APPLICANT: allow("view"),
            Role.AUDITOR: allow("view"),
        },
        M.COMPLETED: {Role.ASTANA_HUB_FUND: allow("view"), Role.APPLICANT: allow("view"), Role.AUDITOR: allow("view")},
        M.LEFT: {Role.ASTANA_HUB_FUND: allow("view"), Role.APPLICANT: allow("view"), Role.AUDITOR: allow("view")},
    },
    state_of=lambda m: str(m.status),
    region_field=None,
)

HOUSING_POLICY = Policy(
    model=HousingAllocation,
    states=(RECORDED,),
    table={RECORDED: {Role.ASTANA_HUB_FUND: allow("view"), Role.AUDITOR: allow("view")}},
    state_of=lambda h: RECORDED,
    organization_field=None,
    region_field=None,
)

INVITATION_POLICY = Policy(
    model=Invitation,
    states=(ISSUED,),
    table={ISSUED: {Role.ASTANA_HUB_FUND: allow("view"), Role.AUDITOR: allow("view")}},
    state_of=lambda i: ISSUED,
    organization_field=None,
    region_field=None,
)

for _policy in (PROGRAMME_POLICY, COHORT_POLICY, MEMBER_POLICY, HOUSING_POLICY, INVITATION_POLICY):
    register_policy(_policy)
