"""Who may do what to applications and register records, by state (DESIGN 4)."""

from __future__ import annotations

from nisi.core.authz import Actor, Policy, allow, register_policy
from nisi.core.roles import Role
from nisi.registry.models import (
    Appeal,
    MonitoringRun,
    PriorCertificate,
    ProductionConditions,
    RegisterApplication,
    RegisterRecord,
    SoftwareNotice,
    WhollyProducedEntry,
)

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
            # The informatization authority sees the outcome of its notice to exclude (IP-51-2.4).
            Role.INFORMATIZATION_AUTHORITY: allow("view"),
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

# Notices, feed entries and conditions are also asked about before they exist: a blank instance (never saved) is
# in the state "new", whose actions say who may enter one ("submit", "draft") and who may see the list of them
# ("list") — through `allowed_actions`, like every record, so that reach applies too (an akimat enters only for
# its own region).
NEW = "new"
LISTERS: dict[str, frozenset[str]] = {
    Role.AUTHORIZED_BODY: allow("list"),
    Role.DEVELOPMENT_INSTITUTE: allow("list"),
    Role.AUDITOR: allow("list"),
}

SOFTWARE_NOTICE_POLICY = Policy(
    model=SoftwareNotice,
    states=(NEW, "processed"),
    table={
        # The informatization authority notifies; the authorized body includes or excludes on the notice
        # (IP-51-2.3, IP-51-2.4), which nisi does as soon as the notice arrives.
        NEW: {Role.INFORMATIZATION_AUTHORITY: allow("submit", "list"), **LISTERS},
        "processed": {
            Role.INFORMATIZATION_AUTHORITY: allow("view"),
            Role.AUTHORIZED_BODY: allow("view"),
            # A producer sees the notices about it: it may appeal one to the informatization authority (IP-51-2.5).
            Role.APPLICANT: allow("view"),
            **OVERSIGHT,
        },
    },
    state_of=lambda n: n.state,
    organization_field="organization",
    region_field=None,
)

W = WhollyProducedEntry.Status
_FEED_READERS: dict[str, frozenset[str]] = {Role.AKIMAT: allow("view"), **OVERSIGHT}
WHOLLY_PRODUCED_POLICY = Policy(
    model=WhollyProducedEntry,
    states=(NEW, *W.values),
    table={
        # Competent bodies and akimats submit, each for the sources IP-51-3.2 … 51-3.6 name (the service checks
        # the source); the authorized body enters the goods in the register (IP-51-3.7).
        NEW: {Role.COMPETENT_BODY: allow("submit", "list"), Role.AKIMAT: allow("submit", "list"), **LISTERS},
        W.RECEIVED: {Role.AUTHORIZED_BODY: allow("view", "enter"), **_FEED_READERS},
        W.ENTERED: {Role.AUTHORIZED_BODY: allow("view"), **_FEED_READERS},
        W.REJECTED: {Role.AUTHORIZED_BODY: allow("view"), **_FEED_READERS},
    },
    state_of=lambda e: e.state,
    organization_field=None,
    region_field="region",
    # An officer of a competent body sees the entries they submitted.
    user_field="submitted_by",
    user_actions={state: allow("view") for state in W.values},
)

C = ProductionConditions.Status
CONDITIONS_POLICY = Policy(
    model=ProductionConditions,
    states=(NEW, *C.values),
    table={
        # Developed and approved by the authorized body (IP-51-7.3).
        NEW: {Role.AUTHORIZED_BODY: allow("draft")},
        # The authorized body records the industry state bodies' agreement to a draft before approving it.
        C.DRAFT: {
            Role.AUTHORIZED_BODY: allow("view", "edit", "record_agreement", "approve", "discard"),
            **OVERSIGHT,
        },
        C.APPROVED: {Role.AUTHORIZED_BODY: allow("view"), **OVERSIGHT},
    },
    state_of=lambda c: NEW if c.pk is None else c.state,
    organization_field=None,
    region_field=None,
    public={C.APPROVED: allow("view")},
)

# The register's desks that are lists rather than records: the view and the link to it ask the same question, so a
# link never leads to a refusal.
ASSESSMENT_QUEUE_ROLES = frozenset({Role.AUTHORIZED_BODY})
APPEALS_LIST_ROLES = frozenset({Role.APPEALS_COMMISSION, Role.AUTHORIZED_BODY, Role.AUDITOR})
# The register in figures on the officers' start page: for those who oversee the register.
OVERVIEW_ROLES = frozenset({Role.AUTHORIZED_BODY, Role.DEVELOPMENT_INSTITUTE, Role.AUDITOR})


def may_open(actor: Actor, desk_roles: frozenset[str]) -> bool:
    return bool(actor.roles & desk_roles)


register_policy(APPLICATION_POLICY)
register_policy(APPEAL_POLICY)
register_policy(RECORD_POLICY)
register_policy(SOFTWARE_NOTICE_POLICY)
register_policy(WHOLLY_PRODUCED_POLICY)
register_policy(CONDITIONS_POLICY)

# Certificates and database entries from before the register (IP-68, IP-51 until 1 January 2026): imported by the
# authorized body, read-only; anyone may ask whether an organization held one on a day, as for the register.
PRIOR_CERTIFICATE_POLICY = Policy(
    model=PriorCertificate,
    states=(NEW, "imported"),
    table={
        NEW: {**LISTERS, Role.AUTHORIZED_BODY: allow("import", "list")},
        "imported": {Role.AUTHORIZED_BODY: allow("view"), **OVERSIGHT},
    },
    state_of=lambda c: c.state if c.pk else NEW,
    organization_field=None,
    region_field=None,
    public={"imported": allow("lookup")},
)
register_policy(PRIOR_CERTIFICATE_POLICY)

# Quarterly monitoring (IP-51-4.1) is the authorized body's: it starts a run and resumes one whose checks stalled;
# those who oversee the register read the runs. A run not yet started is the blank instance (state "new"), asked
# whether one may be started and who may see the list.
M = MonitoringRun.Status
_MONITORING_READERS: dict[str, frozenset[str]] = {
    Role.DEVELOPMENT_INSTITUTE: allow("read"),
    Role.AUDITOR: allow("read"),
}
MONITORING_RUN_POLICY = Policy(
    model=MonitoringRun,
    states=(NEW, *M.values),
    table={
        NEW: {**LISTERS, Role.AUTHORIZED_BODY: allow("start", "list")},
        M.RUNNING: {Role.AUTHORIZED_BODY: allow("read", "resume"), **_MONITORING_READERS},
        M.FINISHED: {Role.AUTHORIZED_BODY: allow("read"), **_MONITORING_READERS},
    },
    state_of=lambda r: NEW if r.pk is None else r.status,
    organization_field=None,
    region_field=None,
)
register_policy(MONITORING_RUN_POLICY)
