"""Who may do what with the foreign trade records, joined to the one authorization function (`nisi.core.authz`).

Import prices (IP-52): the authorized body monitors them: it uploads declarations, reads the monitoring and reviews
its signals; auditors read. A producer (its organization's users) reports its own prices and reads them.

The catalogue for foreign buyers (IP-43.2.3): the law gives the publishing to the authorized body for foreign trade
with the national institute for the development and promotion of non-resource exports; nisi has no role of its own
for the former, so the national development institute's officers propose export profiles and publish editions (ADR
trade-catalogue). The producer confirms or declines its profile, and with it consents (or not) to its contacts being
published. The monthly edition is published by the system, which acts as the authorized body; the authorized body
may publish one too. Editions are public."""

from __future__ import annotations

from nisi.core.authz import Actor, Policy, allow, policy_for, register_policy
from nisi.core.roles import Role
from nisi.trade.models import CatalogueEdition, ExportProfile, ImportDeclaration, PriceSignal, ProducerPrice

NEW = "new"  # a record not yet written: the actions that create it
STORED = "stored"
_READ = allow("view")

DECLARATION_POLICY = Policy(
    model=ImportDeclaration,
    states=(NEW, STORED),
    table={
        NEW: {Role.AUTHORIZED_BODY: allow("upload")},
        STORED: {Role.AUTHORIZED_BODY: _READ, Role.AUDITOR: _READ},
    },
    state_of=lambda d: NEW if d.pk is None else STORED,
    organization_field=None,
    region_field=None,
)

PRICE_POLICY = Policy(
    model=ProducerPrice,
    states=(NEW, STORED),
    table={
        NEW: {Role.APPLICANT: allow("report")},
        STORED: {Role.APPLICANT: _READ, Role.AUTHORIZED_BODY: _READ, Role.AUDITOR: _READ},
    },
    state_of=lambda p: NEW if p.pk is None else STORED,
    organization_field="organization",
    region_field=None,
)

S = PriceSignal.Status
SIGNAL_POLICY = Policy(
    model=PriceSignal,
    states=tuple(S.values),
    table={
        S.OPEN: {Role.AUTHORIZED_BODY: allow("view", "review"), Role.AUDITOR: _READ},
        S.REVIEWED: {Role.AUTHORIZED_BODY: _READ, Role.AUDITOR: _READ},
    },
    state_of=lambda s: s.status,
    organization_field=None,
    region_field=None,
)

P = ExportProfile.Status
PROFILE_POLICY = Policy(
    model=ExportProfile,
    states=(NEW, *P.values),
    table={
        NEW: {Role.DEVELOPMENT_INSTITUTE: allow("propose")},
        P.PROPOSED: {
            Role.DEVELOPMENT_INSTITUTE: allow("view", "propose"),
            Role.APPLICANT: allow("view", "confirm", "decline"),
            Role.AUTHORIZED_BODY: _READ,
        },
        P.CONFIRMED: {
            Role.DEVELOPMENT_INSTITUTE: allow("view", "propose"),
            Role.APPLICANT: allow("view", "decline"),
            Role.AUTHORIZED_BODY: _READ,
        },
        P.DECLINED: {
            Role.DEVELOPMENT_INSTITUTE: allow("view", "propose"),
            Role.APPLICANT: allow("view", "confirm"),
            Role.AUTHORIZED_BODY: _READ,
        },
    },
    state_of=lambda p: NEW if p.pk is None else p.status,
    organization_field="organization",
    region_field=None,
)

PUBLISHED = "published"
EDITION_POLICY = Policy(
    model=CatalogueEdition,
    states=(NEW, PUBLISHED),
    table={
        NEW: {Role.DEVELOPMENT_INSTITUTE: allow("publish"), Role.AUTHORIZED_BODY: allow("publish")},
        PUBLISHED: {Role.DEVELOPMENT_INSTITUTE: _READ, Role.AUTHORIZED_BODY: _READ, Role.AUDITOR: _READ},
    },
    state_of=lambda e: NEW if e.pk is None else PUBLISHED,
    organization_field=None,
    region_field=None,
    public={PUBLISHED: _READ},
)

for _policy in (DECLARATION_POLICY, PRICE_POLICY, SIGNAL_POLICY, PROFILE_POLICY, EDITION_POLICY):
    register_policy(_policy)


def may(actor: Actor, model: type, action: str) -> bool:
    """Whether any of the actor's roles may take `action` on some record of `model` in some state (for showing a
    form of a new record; each record is then checked with `allowed_actions`)."""
    table = policy_for(model).table
    return any(action in by_role.get(g.role, frozenset()) for by_role in table.values() for g in actor.grants)
