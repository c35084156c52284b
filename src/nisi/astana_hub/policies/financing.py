"""Who may do what in project financing (AH-4.5, AH-10.2-1), by state: the core's tables of financing by call
(`nisi.core.financing.policies`, ADR 27) for the Astana Hub Fund, its applicants and readers.

Calls are public once open: any innovation cluster actor may read them and apply (the service then checks that
the applicant is a user of a cluster actor on the day). An application is seen by its organization, the Fund and
auditors — never by experts through their role: an expert sees only the applications assigned to them, through
the assignment addressed to them (`user_field`), so that no expert reaches an application by reach (AH-4.5).
"""

from __future__ import annotations

from nisi.astana_hub.models import ExpertAssignment, FinancingAgreement, FinancingApplication, FinancingCall
from nisi.core.authz import allow, register_policy
from nisi.core.financing import policies
from nisi.core.roles import Role

READERS: dict[str, frozenset[str]] = {Role.AUDITOR: allow("view"), Role.INFORMATIZATION_AUTHORITY: allow("view")}
_APP_READERS: dict[str, frozenset[str]] = {Role.AUDITOR: allow("view")}

CALL_POLICY = policies.call_policy(FinancingCall, manager=Role.ASTANA_HUB_FUND, readers=READERS)
APPLICATION_POLICY = policies.application_policy(
    FinancingApplication, manager=Role.ASTANA_HUB_FUND, recipient=Role.APPLICANT, readers=_APP_READERS
)
ASSIGNMENT_POLICY = policies.assignment_policy(
    ExpertAssignment, manager=Role.ASTANA_HUB_FUND, readers={Role.AUDITOR: allow("view")}
)
AGREEMENT_POLICY = policies.agreement_policy(
    FinancingAgreement, manager=Role.ASTANA_HUB_FUND, recipient=Role.APPLICANT, readers=_APP_READERS
)

register_policy(CALL_POLICY)
register_policy(APPLICATION_POLICY)
register_policy(ASSIGNMENT_POLICY)
register_policy(AGREEMENT_POLICY)
