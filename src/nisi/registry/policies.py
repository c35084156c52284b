"""Who may do what to applications and register records, by state (DESIGN 4)."""

from __future__ import annotations

from nisi.core.authz import Policy, allow, register_policy
from nisi.core.roles import Role
from nisi.registry.models import Appeal, RegisterApplication, RegisterRecord

A = RegisterApplication.Status
OVERSIGHT: dict[str, frozenset[str]] = {Role.DEVELOPMENT_INSTITUTE: allow("view"), Role.AUDITOR: allow("view")}

APPLICATION_POLICY = Policy(
    model=RegisterApplication,
    states=tuple(A.values),
    table={
        A.DRAFT: {Role.APPLICANT: allow("view", "edit", "submit", "withdraw")},
        A.VERIFYING: {Role.APPLICANT: allow("view"), Role.AUTHORIZED_BODY: allow("view"), **OVERSIGHT},
        A.VERIFICATION_WAITING: {Role.APPLICANT: allow("view"), Role.AUTHORIZED_BODY: allow("view"), **OVERSIGHT},
        A.ASSESSMENT: {
            Role.APPLICANT: allow("view", "withdraw"),
            Role.AUTHORIZED_BODY: allow("view", "assess"),
            **OVERSIGHT,
        },
        A.INSPECTION: {
            Role.APPLICANT: allow("view", "withdraw"),
            Role.AUTHORIZED_BODY: allow("view", "record_inspection"),
            **OVERSIGHT,
        },
        A.INCLUDED: {Role.APPLICANT: allow("view"), Role.AUTHORIZED_BODY: allow("view"), **OVERSIGHT},
        A.REFUSED: {Role.APPLICANT: allow("view", "reapply"), Role.AUTHORIZED_BODY: allow("view"), **OVERSIGHT},
        A.WITHDRAWN: {Role.APPLICANT: allow("view"), Role.AUTHORIZED_BODY: allow("view"), **OVERSIGHT},
    },
    state_of=lambda a: a.state,
    region_field=None,
)

R = RegisterRecord.Status
RECORD_POLICY = Policy(
    model=RegisterRecord,
    states=tuple(R.values),
    table={
        R.INCLUDED: {
            Role.APPLICANT: allow("view", "issue_extract", "request_removal"),
            Role.AUTHORIZED_BODY: allow("view", "issue_extract", "remove"),
            Role.INFORMATIZATION_AUTHORITY: allow("view"),
            Role.APPEALS_COMMISSION: allow("view"),
            **OVERSIGHT,
        },
        R.REMOVED: {
            Role.APPLICANT: allow("view", "appeal"),
            Role.AUTHORIZED_BODY: allow("view"),
            Role.APPEALS_COMMISSION: allow("view", "decide_appeal"),
            **OVERSIGHT,
        },
    },
    state_of=lambda r: r.state,
    region_field=None,
    # The register is public: anyone may look a producer up and check an extract.
    public={R.INCLUDED: allow("lookup"), R.REMOVED: allow("lookup")},
)

P = Appeal.Status
_COMMISSION_WORKS = allow("view", "request_documents", "schedule_hearing", "schedule_site_visit", "decide")
APPEAL_POLICY = Policy(
    model=Appeal,
    states=tuple(P.values),
    table={
        **{
            state: {
                Role.APPLICANT: allow("view"),
                Role.APPEALS_COMMISSION: _COMMISSION_WORKS,
                Role.AUTHORIZED_BODY: allow("view"),
                **OVERSIGHT,
            }
            for state in (P.FILED, P.DOCUMENTS_REQUESTED, P.HEARING_SCHEDULED, P.SITE_VISIT_SCHEDULED)
        },
        **{
            state: {
                Role.APPLICANT: allow("view"),
                Role.APPEALS_COMMISSION: allow("view"),
                Role.AUTHORIZED_BODY: allow("view"),
                **OVERSIGHT,
            }
            for state in (P.UPHELD, P.PARTLY_UPHELD, P.REFUSED)
        },
    },
    state_of=lambda a: a.state,
    organization_field="removal__record__organization",
    region_field=None,
)

register_policy(APPLICATION_POLICY)
register_policy(APPEAL_POLICY)
register_policy(RECORD_POLICY)
