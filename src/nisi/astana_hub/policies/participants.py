"""Who may do what to the participants' records, by state (DESIGN 4): the SEZ register's entries the Fund mirrors
(AH-7.2.1), the registrations of Astana Hub actors (AH-8-1.5-7) and the list of innovation cluster actors
(AH-8-1.5-11).

The Fund decides registrations and the list; the informatization authority, which approves the Fund's operating
rules and the inclusion rules (AH-9.4.4, AH-9.4.5), and auditors see them; an organization sees and applies for its
own. A new record is checked before it exists: the service builds it unsaved, in its first state, and asks
`require(actor, record, "apply")`.
"""

from __future__ import annotations

from nisi.astana_hub.models import ClusterActorEntry, HubActor, SezParticipant
from nisi.core.authz import Actor, Policy, allow, register_policy
from nisi.core.roles import Role

OVERSIGHT: dict[str, frozenset[str]] = {
    Role.INFORMATIZATION_AUTHORITY: allow("view"),
    Role.AUDITOR: allow("view"),
    # The Fund's officers for foreign workers check the employer's participation (AH-7-1.3).
    Role.ASTANA_HUB_FUND_MIGRATION: allow("view"),
}

# Who may look up participation with its reasons (the bases, their records and periods). The public gets yes/no and
# the kinds of bases only, through the public lookup.
PARTICIPATION_VIEWERS = frozenset(
    {Role.ASTANA_HUB_FUND, Role.ASTANA_HUB_FUND_MIGRATION, Role.INFORMATIZATION_AUTHORITY, Role.AUDITOR}
)


def may_see_participation(actor: Actor) -> bool:
    return bool(actor.roles & PARTICIPATION_VIEWERS)


SEZ_POLICY = Policy(
    model=SezParticipant,
    states=("current", "excluded"),
    table={
        "current": {Role.ASTANA_HUB_FUND: allow("view", "import"), Role.APPLICANT: allow("view"), **OVERSIGHT},
        "excluded": {Role.ASTANA_HUB_FUND: allow("view", "import"), Role.APPLICANT: allow("view"), **OVERSIGHT},
    },
    state_of=lambda e: "excluded" if e.excluded_on else "current",
    region_field=None,
)

H = HubActor.Status
HUB_ACTOR_POLICY = Policy(
    model=HubActor,
    states=tuple(H.values),
    table={
        H.APPLIED: {
            Role.APPLICANT: allow("view", "apply"),
            Role.ASTANA_HUB_FUND: allow("view", "register", "refuse"),
            **OVERSIGHT,
        },
        H.REGISTERED: {Role.APPLICANT: allow("view"), Role.ASTANA_HUB_FUND: allow("view", "terminate"), **OVERSIGHT},
        H.REFUSED: {Role.APPLICANT: allow("view"), Role.ASTANA_HUB_FUND: allow("view"), **OVERSIGHT},
        H.TERMINATED: {Role.APPLICANT: allow("view"), Role.ASTANA_HUB_FUND: allow("view"), **OVERSIGHT},
    },
    state_of=lambda a: a.state,
    region_field=None,
)

C = ClusterActorEntry.Status
CLUSTER_ACTOR_POLICY = Policy(
    model=ClusterActorEntry,
    states=tuple(C.values),
    table={
        C.SUBMITTED: {
            Role.APPLICANT: allow("view", "apply"),
            Role.ASTANA_HUB_FUND: allow("view", "include", "refuse"),
            **OVERSIGHT,
        },
        C.INCLUDED: {Role.APPLICANT: allow("view"), Role.ASTANA_HUB_FUND: allow("view", "exclude"), **OVERSIGHT},
        C.REFUSED: {Role.APPLICANT: allow("view"), Role.ASTANA_HUB_FUND: allow("view"), **OVERSIGHT},
        C.EXCLUDED: {Role.APPLICANT: allow("view"), Role.ASTANA_HUB_FUND: allow("view"), **OVERSIGHT},
    },
    state_of=lambda e: e.state,
    region_field=None,
    # The list is public (AH-8-1.5-11): anyone may see who is on it and who was excluded, with the dates.
    public={C.INCLUDED: allow("lookup"), C.EXCLUDED: allow("lookup")},
)

register_policy(SEZ_POLICY)
register_policy(HUB_ACTOR_POLICY)
register_policy(CLUSTER_ACTOR_POLICY)
