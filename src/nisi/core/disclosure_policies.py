"""Who may do what with the records of IP-6.3's confidentiality, joined to the one authorization function.

An entity's users give and withdraw its consents and read them and the record of every view of its data by others;
the authorized body and auditors read both (the authorized body answers for the data it collects, IP-6.3)."""

from __future__ import annotations

from nisi.core.authz import Policy, allow, register_policy
from nisi.core.models import DisclosureConsent, DisclosureView
from nisi.core.roles import Role

NEW = "new"
_READ = allow("view")

DISCLOSURE_CONSENT_POLICY = Policy(
    model=DisclosureConsent,
    states=(NEW, "given", "withdrawn"),
    table={
        NEW: {Role.APPLICANT: allow("give")},
        "given": {Role.APPLICANT: allow("view", "withdraw"), Role.AUTHORIZED_BODY: _READ, Role.AUDITOR: _READ},
        "withdrawn": {Role.APPLICANT: _READ, Role.AUTHORIZED_BODY: _READ, Role.AUDITOR: _READ},
    },
    state_of=lambda c: NEW if c.pk is None else c.state,
    organization_field="organization",
    region_field=None,
)

DISCLOSURE_VIEW_POLICY = Policy(
    model=DisclosureView,
    states=("recorded",),
    table={"recorded": {Role.APPLICANT: _READ, Role.AUTHORIZED_BODY: _READ, Role.AUDITOR: _READ}},
    state_of=lambda v: "recorded",
    organization_field="organization",
    region_field=None,
)

register_policy(DISCLOSURE_CONSENT_POLICY)
register_policy(DISCLOSURE_VIEW_POLICY)
