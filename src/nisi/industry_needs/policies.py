"""Who may do what with the needs of industry, joined to the one authorization function (`nisi.core.authz`).

An entity of industrial and innovative activity (its organization's users) gives its needs and new versions of them,
and reads its own; the authorized body collects them (IP-55.1, IP-57), reads every one, forms and approves the
proposals of the list of specialities and sends them to the authorized body for employment, and sends the needs for
research for placement; auditors read. Only the authorized body reads a proposal's cells whole: everyone else reads
them with the small cells suppressed (`view_cells`, IP-6.3)."""

from __future__ import annotations

from nisi.core.authz import Actor, Policy, allow, policy_for, register_policy
from nisi.core.roles import Role
from nisi.industry_needs.models import NeedsReturn, ResearchPlacement, SpecialityProposal

NEW = "new"  # a record not yet written: the actions that create it
_READ = allow("view")

NEEDS_POLICY = Policy(
    model=NeedsReturn,
    states=(NEW, "current", "superseded"),
    table={
        NEW: {Role.APPLICANT: allow("submit")},
        "current": {
            Role.APPLICANT: allow("view", "amend"),
            Role.AUTHORIZED_BODY: _READ,
            Role.AUDITOR: _READ,
        },
        "superseded": {Role.APPLICANT: _READ, Role.AUTHORIZED_BODY: _READ, Role.AUDITOR: _READ},
    },
    state_of=lambda r: r.state,
    organization_field="organization",
    region_field=None,
)

P = SpecialityProposal.Status
_BODY_READ = allow("view", "view_cells")
PROPOSAL_POLICY = Policy(
    model=SpecialityProposal,
    states=(NEW, *P.values),
    table={
        NEW: {Role.AUTHORIZED_BODY: allow("form")},
        P.DRAFT: {Role.AUTHORIZED_BODY: allow("view", "view_cells", "form", "approve"), Role.AUDITOR: _READ},
        P.APPROVED: {Role.AUTHORIZED_BODY: allow("view", "view_cells", "send"), Role.AUDITOR: _READ},
        P.SENT: {Role.AUTHORIZED_BODY: _BODY_READ, Role.AUDITOR: _READ},
        P.ACKNOWLEDGED: {Role.AUTHORIZED_BODY: _BODY_READ, Role.AUDITOR: _READ},
        P.REFUSED: {Role.AUTHORIZED_BODY: _BODY_READ, Role.AUDITOR: _READ},
    },
    state_of=lambda p: p.state,
    organization_field=None,
    region_field=None,
)

PLACEMENT_POLICY = Policy(
    model=ResearchPlacement,
    states=(NEW, *ResearchPlacement.Status.values),
    table={
        NEW: {Role.AUTHORIZED_BODY: allow("place")},
        **{s: {Role.AUTHORIZED_BODY: _READ, Role.AUDITOR: _READ} for s in ResearchPlacement.Status.values},
    },
    state_of=lambda p: p.state,
    organization_field=None,
    region_field=None,
)

register_policy(NEEDS_POLICY)
register_policy(PROPOSAL_POLICY)
register_policy(PLACEMENT_POLICY)


def may(actor: Actor, model: type, action: str) -> bool:
    """Whether any of the actor's roles may take `action` on some record of `model` in some state (for showing a
    form of a new record; each record is then checked with `allowed_actions`)."""
    table = policy_for(model).table
    return any(action in by_role.get(g.role, frozenset()) for by_role in table.values() for g in actor.grants)
