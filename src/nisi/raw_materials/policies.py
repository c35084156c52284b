"""Who may do what with the records of domestic raw materials, joined to the one authorization function.

A manufacturing enterprise's users (organization users) apply to list a raw material and read their applications
and agreements; a producer's users report their production and deliveries and apply for export licences; the
authorized body decides on applications, records the producers' facts, concludes the tripartite agreements (it is a
party, IP-60.1), terminates them for resale (IP-60.8) and issues or refuses licences (IP-60.9); auditors read.
The list — raw materials, producers and their shares — is public (IP-60.1)."""

from __future__ import annotations

from nisi.core.authz import Actor, Policy, allow, policy_for, register_policy
from nisi.core.roles import Role
from nisi.raw_materials.models import (
    Agreement,
    AgreementOfProducer,
    ExportLicence,
    ListingApplication,
    Producer,
    RawMaterial,
)

NEW = "new"  # a record not yet written: the actions that create it
_READ = allow("view")
A = ListingApplication.Status
G = Agreement.Status
L = ExportLicence.Status


def may(actor: Actor, model: type, action: str) -> bool:
    """Whether any of the actor's roles may take `action` on some record of `model` in some state (to show a form)."""
    table = policy_for(model).table
    return any(action in by_role.get(g.role, frozenset()) for by_role in table.values() for g in actor.grants)


APPLICATION_POLICY = Policy(
    model=ListingApplication,
    states=(NEW, *A.values),
    table={
        NEW: {Role.APPLICANT: allow("apply")},
        A.SUBMITTED: {Role.AUTHORIZED_BODY: allow("view", "decide"), Role.APPLICANT: _READ, Role.AUDITOR: _READ},
        A.LISTED: {Role.AUTHORIZED_BODY: _READ, Role.APPLICANT: _READ, Role.AUDITOR: _READ},
        A.REFUSED: {Role.AUTHORIZED_BODY: _READ, Role.APPLICANT: _READ, Role.AUDITOR: _READ},
    },
    state_of=lambda a: NEW if a.pk is None else a.status,
    organization_field="manufacturer",
    region_field=None,
)

LISTED = "listed"
RAW_MATERIAL_POLICY = Policy(
    model=RawMaterial,
    states=(LISTED,),
    table={LISTED: {Role.AUTHORIZED_BODY: _READ, Role.AUDITOR: _READ, Role.APPLICANT: _READ}},
    state_of=lambda r: LISTED,
    organization_field=None,
    region_field=None,
    public={LISTED: _READ},
)

PRODUCER = "producer"
PRODUCER_POLICY = Policy(
    model=Producer,
    states=(PRODUCER,),
    table={
        PRODUCER: {
            Role.AUTHORIZED_BODY: allow("view", "set_facts"),
            Role.APPLICANT: allow("view", "report_volume", "apply_licence"),
            Role.AUDITOR: _READ,
        }
    },
    state_of=lambda p: PRODUCER,
    organization_field="organization",
    region_field=None,
    public={PRODUCER: _READ},
)

AGREEMENT_POLICY = Policy(
    model=Agreement,
    states=(NEW, *G.values),
    table={
        NEW: {Role.AUTHORIZED_BODY: allow("conclude")},
        G.CONCLUDED: {Role.AUTHORIZED_BODY: allow("view", "terminate"), Role.APPLICANT: _READ, Role.AUDITOR: _READ},
        G.TERMINATED: {Role.AUTHORIZED_BODY: _READ, Role.APPLICANT: _READ, Role.AUDITOR: _READ},
    },
    state_of=lambda a: NEW if a.pk is None else a.status,
    organization_field="manufacturer",
    region_field=None,
)

# The producer's side of the same agreement: its users read it and report deliveries while it is in force.
AGREEMENT_OF_PRODUCER_POLICY = Policy(
    model=AgreementOfProducer,
    states=tuple(G.values),
    table={G.CONCLUDED: {Role.APPLICANT: allow("view", "report_delivery")}, G.TERMINATED: {Role.APPLICANT: _READ}},
    state_of=lambda a: a.status,
    organization_field="producer__organization",
    region_field=None,
)

LICENCE_POLICY = Policy(
    model=ExportLicence,
    states=(NEW, *L.values),
    table={
        NEW: {Role.APPLICANT: allow("apply")},
        L.APPLIED: {Role.AUTHORIZED_BODY: allow("view", "issue", "refuse"), Role.APPLICANT: _READ, Role.AUDITOR: _READ},
        L.ISSUED: {Role.AUTHORIZED_BODY: _READ, Role.APPLICANT: _READ, Role.AUDITOR: _READ},
        L.REFUSED: {Role.AUTHORIZED_BODY: _READ, Role.APPLICANT: _READ, Role.AUDITOR: _READ},
    },
    state_of=lambda lic: NEW if lic.pk is None else lic.status,
    organization_field="producer__organization",
    region_field=None,
)

for _policy in (
    APPLICATION_POLICY,
    RAW_MATERIAL_POLICY,
    PRODUCER_POLICY,
    AGREEMENT_POLICY,
    AGREEMENT_OF_PRODUCER_POLICY,
    LICENCE_POLICY,
):
    register_policy(_policy)
