"""Who may do what with the contracts' records: each kind's policy joins the one authorization function
(`nisi.core.authz`). Each area of the app adds its kinds here."""

from __future__ import annotations

# --- ctplans: large customers, the ownership chain, procurement plans and the manufacturers' applications ---
from nisi.contracts.models import (
    DevelopmentContract,
    DomesticValueProgramme,
    ExclusionObjection,
    LargeCustomer,
    NationalWelfareFund,
    OwnershipLink,
    PlanApplication,
    PlanOpinion,
    ProcurementPlan,
    ProductionSubmission,
    ProgrammeReport,
    PurchaseBatch,
    PurchaseLine,
    SystemicList,
)
from nisi.core.authz import Actor, Policy, allow, policy_for, register_policy
from nisi.core.roles import Role

_OFFICERS_READ: dict[str, frozenset[str]] = {Role.DEVELOPMENT_INSTITUTE: allow("view"), Role.AUDITOR: allow("view")}


def may(actor: Actor, model: type, action: str) -> bool:
    """Whether any of the actor's roles may take `action` on some record of `model` in some state (for lists and
    the forms of new records; each record is then checked with `allowed_actions`)."""
    table = policy_for(model).table
    return any(action in by_role.get(g.role, frozenset()) for by_role in table.values() for g in actor.grants)


LC = LargeCustomer.Status
LARGE_CUSTOMER_POLICY = Policy(
    model=LargeCustomer,
    states=tuple(LC.values),
    table={
        LC.ACTIVE: {
            Role.AUTHORIZED_BODY: allow("view", "record", "end"),
            Role.MAJOR_CUSTOMER: allow("view"),
            **_OFFICERS_READ,
        },
        LC.ENDED: {Role.AUTHORIZED_BODY: allow("view", "record"), Role.MAJOR_CUSTOMER: allow("view"), **_OFFICERS_READ},
    },
    state_of=lambda c: c.state,
    region_field=None,
    public={LC.ACTIVE: allow("view")},  # who is a large customer is public: manufacturers apply to them
)
_CHAIN_TABLE: dict[str, dict[str, frozenset[str]]] = {
    "recorded": {Role.AUTHORIZED_BODY: allow("view", "record"), **_OFFICERS_READ}
}
OWNERSHIP_LINK_POLICY = Policy(
    model=OwnershipLink,
    states=("recorded",),
    table=_CHAIN_TABLE,
    state_of=lambda link: link.state,
    organization_field="owned",
    region_field=None,
)
FUND_POLICY = Policy(
    model=NationalWelfareFund,
    states=("recorded",),
    table=_CHAIN_TABLE,
    state_of=lambda fund: fund.state,
    region_field=None,
)

P = ProcurementPlan.Status
_REVIEWERS_READ: dict[str, frozenset[str]] = {Role.AUTHORIZED_BODY: allow("view"), **_OFFICERS_READ}
PLAN_POLICY = Policy(
    model=ProcurementPlan,
    states=tuple(P.values),
    table={
        # A draft is the customer's alone, until it is submitted.
        P.DRAFT: {Role.MAJOR_CUSTOMER: allow("view", "create", "edit", "submit")},
        # IP-47.4: the authorized body reviews with the domestic value development institute.
        P.SUBMITTED: {
            Role.MAJOR_CUSTOMER: allow("view"),
            Role.AUTHORIZED_BODY: allow("view", "comment", "agree"),
            # IP-47.4: the institute takes part in the review with its opinion, before the authorized body decides.
            Role.DEVELOPMENT_INSTITUTE: allow("view", "give_opinion"),
            Role.AUDITOR: allow("view"),
        },
        P.COMMENTS: {Role.MAJOR_CUSTOMER: allow("view", "edit", "resubmit"), **_REVIEWERS_READ},
        P.AGREED: {
            Role.MAJOR_CUSTOMER: allow("view"),
            Role.AUTHORIZED_BODY: allow("view", "publish"),
            **_OFFICERS_READ,
        },
        P.PUBLISHED: {Role.MAJOR_CUSTOMER: allow("view"), Role.AKIMAT: allow("view"), **_REVIEWERS_READ},
    },
    state_of=lambda p: p.state,
    public={P.PUBLISHED: allow("view")},  # IP-47.5: the agreed list is public
)

A = PlanApplication.Status
# An application is between two organizations: the applicant's users reach it through `organization`, the
# customer's (major customer) through `customer`, each only as that side. The customer examines it (IP-47.7):
# refuses it, or awards it fixing the characteristics and concludes the contract from the award.
_APPLICANT_READ: dict[str, frozenset[str]] = {Role.APPLICANT: allow("view"), Role.MAJOR_CUSTOMER: allow("view")}
APPLICATION_POLICY = Policy(
    model=PlanApplication,
    states=tuple(A.values),
    table={
        A.SUBMITTED: {
            Role.APPLICANT: allow("view", "apply", "withdraw"),
            Role.MAJOR_CUSTOMER: allow("view", "refuse", "award"),
            **_REVIEWERS_READ,
        },
        A.AWARDED: {
            Role.APPLICANT: allow("view"),
            Role.MAJOR_CUSTOMER: allow("view", "conclude", "refuse"),
            **_REVIEWERS_READ,
        },
        A.REFUSED: {**_APPLICANT_READ, **_REVIEWERS_READ},
        A.CONCLUDED: {**_APPLICANT_READ, **_REVIEWERS_READ},
        A.WITHDRAWN: {**_APPLICANT_READ, **_REVIEWERS_READ},
    },
    state_of=lambda a: a.state,
    organization_fields={Role.APPLICANT: "organization", Role.MAJOR_CUSTOMER: "customer"},
    region_field=None,
)

_OB = ExclusionObjection.Status
# A producer's objection to an excluded good (IP-47.3): filed by the producer's users (applicant), read by the
# customer whose plan it is about (through `customer`), decided by the authorized body in the review (IP-47.4).
_OBJECTION_DECIDED: dict[str, frozenset[str]] = {
    Role.APPLICANT: allow("view"),
    Role.MAJOR_CUSTOMER: allow("view"),
    **_REVIEWERS_READ,
}
OBJECTION_POLICY = Policy(
    model=ExclusionObjection,
    states=tuple(_OB.values),
    table={
        _OB.PENDING: {
            Role.APPLICANT: allow("view", "file"),
            Role.MAJOR_CUSTOMER: allow("view"),
            Role.AUTHORIZED_BODY: allow("view", "accept", "reject"),
            **_OFFICERS_READ,
        },
        _OB.ACCEPTED: _OBJECTION_DECIDED,
        _OB.REJECTED: _OBJECTION_DECIDED,
    },
    state_of=lambda o: o.state,
    organization_fields={Role.APPLICANT: "organization", Role.MAJOR_CUSTOMER: "customer"},
    region_field=None,
)

# The institute's opinion on a plan under review (IP-47.4): for the review's officers, not the customer (the authorized
# body's comments are what the customer receives); the institute records it on the plan (`give_opinion`).
OPINION_POLICY = Policy(
    model=PlanOpinion,
    states=("recorded",),
    table={"recorded": {Role.AUTHORIZED_BODY: allow("view"), **_OFFICERS_READ}},
    state_of=lambda o: o.state,
    organization_field=None,
    region_field=None,
)

for _policy in (
    OPINION_POLICY,
    LARGE_CUSTOMER_POLICY,
    OWNERSHIP_LINK_POLICY,
    FUND_POLICY,
    PLAN_POLICY,
    APPLICATION_POLICY,
    OBJECTION_POLICY,
):
    register_policy(_policy)

# --- ctofftake: contracts aimed at industrial development ---
# Contracts aimed at industrial development (off-take, guaranteed purchase, contract procurement with offset). A
# contract is between two organizations: the customer's users (major customer) reach it through its customer, the
# manufacturer's users (applicant) through its manufacturer, each only as that side. The authorized body keeps the
# register of off-take contracts (IP-48.6) and follows every contract; the development institute and auditors read.
_S = DevelopmentContract.Status
_READERS: dict[str, frozenset[str]] = {Role.DEVELOPMENT_INSTITUTE: allow("view"), Role.AUDITOR: allow("view")}
_SIDES_READ: dict[str, frozenset[str]] = {
    Role.MAJOR_CUSTOMER: allow("view"),
    Role.APPLICANT: allow("view"),
    Role.AUTHORIZED_BODY: allow("view"),
}

CONTRACT_POLICY = Policy(
    model=DevelopmentContract,
    states=tuple(_S.values),
    table={
        _S.PROPOSED: {
            Role.MAJOR_CUSTOMER: allow("view", "add_characteristics", "withdraw"),
            Role.APPLICANT: allow("view", "confirm", "decline"),
            Role.AUTHORIZED_BODY: allow("view"),
            **_READERS,
        },
        _S.IN_FORCE: {
            # Adding characteristics is asked for, and refused in words (IP-47.8), once the contract is signed.
            Role.MAJOR_CUSTOMER: allow(
                "view",
                "add_characteristics",
                "accept_delivery",
                "record_pilot_result",
                "propose_amendment",
                "decide_amendment",
            ),
            Role.APPLICANT: allow(
                "view", "record_delivery", "propose_amendment", "decide_amendment", "record_pledge", "report_offset"
            ),
            Role.AUTHORIZED_BODY: allow("view", "close_year", "record_offset_failure"),
            **_READERS,
        },
        _S.DECLINED: {**_SIDES_READ, **_READERS},
        _S.TERMINATED: {**_SIDES_READ, **_READERS},
        _S.COMPLETED: {**_SIDES_READ, **_READERS},
    },
    state_of=lambda c: c.state,
    organization_field="customer",
    organization_fields={Role.MAJOR_CUSTOMER: "customer", Role.APPLICANT: "manufacturer"},
    region_field=None,
)

register_policy(CONTRACT_POLICY)

# --- domestic value development programmes (IP-61-1) ---
# The large customer develops, submits and reports on its programme; the authorized body agrees or refuses it on the
# grounds of IP-61-1.2 (recording the natural-monopoly regulator's agreement from its letter, ADR 22), monitors the
# reports and recognises the obligations fulfilled or not (IP-61-1.5, 61-1.6); the domestic value institute and
# auditors read. A draft is the customer's own until it is submitted (the selectors keep it from the officers).

_P = DomesticValueProgramme.Status
_PROGRAMME_READERS: dict[str, frozenset[str]] = {Role.DEVELOPMENT_INSTITUTE: allow("view"), Role.AUDITOR: allow("view")}
PROGRAMME_POLICY = Policy(
    model=DomesticValueProgramme,
    states=tuple(_P.values),
    table={
        _P.DRAFT: {Role.MAJOR_CUSTOMER: allow("view", "create", "edit", "submit")},
        _P.SUBMITTED: {
            Role.MAJOR_CUSTOMER: allow("view"),
            Role.AUTHORIZED_BODY: allow("view", "agree", "refuse", "record_regulator"),
            **_PROGRAMME_READERS,
        },
        _P.AGREED: {
            Role.MAJOR_CUSTOMER: allow("view", "report"),
            Role.AUTHORIZED_BODY: allow("view", "recognise"),
            **_PROGRAMME_READERS,
        },
        _P.REFUSED: {
            Role.MAJOR_CUSTOMER: allow("view", "edit", "submit"),
            Role.AUTHORIZED_BODY: allow("view"),
            **_PROGRAMME_READERS,
        },
        _P.FULFILLED: {Role.MAJOR_CUSTOMER: allow("view"), Role.AUTHORIZED_BODY: allow("view"), **_PROGRAMME_READERS},
        _P.NOT_FULFILLED: {
            Role.MAJOR_CUSTOMER: allow("view"),
            Role.AUTHORIZED_BODY: allow("view"),
            **_PROGRAMME_READERS,
        },
    },
    state_of=lambda p: p.state,
    organization_field="organization",
    region_field=None,
)

PROGRAMME_REPORT_POLICY = Policy(
    model=ProgrammeReport,
    states=("submitted", "monitored"),
    table={
        "submitted": {
            Role.MAJOR_CUSTOMER: allow("view"),
            Role.AUTHORIZED_BODY: allow("view", "monitor"),
            **_PROGRAMME_READERS,
        },
        "monitored": {Role.MAJOR_CUSTOMER: allow("view"), Role.AUTHORIZED_BODY: allow("view"), **_PROGRAMME_READERS},
    },
    state_of=lambda r: r.state,
    organization_field="programme__organization",
    region_field=None,
)

register_policy(PROGRAMME_POLICY)
register_policy(PROGRAMME_REPORT_POLICY)


def may_programmes(actor: object, action: str) -> bool:
    """Whether any of the actor's roles may take `action` on some programme in some state (for the lists and the
    form for a new programme; each programme is then checked with `allowed_actions`)."""
    table = policy_for(DomesticValueProgramme).table
    grants = getattr(actor, "grants", ())
    return any(action in by_role.get(g.role, frozenset()) for by_role in table.values() for g in grants)


# --- purchases, production submissions and the systemic list (DESIGN 4) ---
# Who may do what with purchase lines, production submissions and the systemic list (DESIGN 4).
#
# - A customer (its major customer's users) records and reads its own purchases; an akimat records and reads those of
#   its region's systemic enterprises (IP-11.3); the authorized body monitors them all (IP-47-1.3); the domestic
#   value institute and auditors read.
# - A price the customer marks as its commercial secret is read with its amount only by the customer, the akimat that
#   collects it for the authorized body (IP-11.3), the authorized body and auditors (`view_amount`); the others see
#   the line without its amount (docs/adr/0021-domestic-value-of-purchases.md).
# - Akimats draft and submit their territory's production volumes, each its own region only; the authorized body
#   computes and approves the list (IP-47-1.2), which is then public.
READERS: dict[str, frozenset[str]] = {Role.DEVELOPMENT_INSTITUTE: allow("view"), Role.AUDITOR: allow("view")}

BATCH_POLICY = Policy(
    model=PurchaseBatch,
    states=("recorded",),
    table={
        "recorded": {
            Role.MAJOR_CUSTOMER: allow("view", "import"),
            Role.AKIMAT: allow("view", "import"),
            Role.AUTHORIZED_BODY: allow("view"),
            **READERS,
        }
    },
    state_of=lambda b: b.state,
    organization_field="customer",
    region_field="region",
)

_LINE_READERS: dict[str, frozenset[str]] = {
    Role.MAJOR_CUSTOMER: allow("view", "view_amount"),
    Role.AKIMAT: allow("view", "view_amount"),
    Role.AUTHORIZED_BODY: allow("view", "view_amount"),
}
LINE_POLICY = Policy(
    model=PurchaseLine,
    states=("open", "confidential"),
    table={
        "open": {
            **_LINE_READERS,
            Role.DEVELOPMENT_INSTITUTE: allow("view", "view_amount"),
            Role.AUDITOR: allow("view", "view_amount"),
        },
        "confidential": {
            **_LINE_READERS,
            Role.DEVELOPMENT_INSTITUTE: allow("view"),
            Role.AUDITOR: allow("view", "view_amount"),
        },
    },
    state_of=lambda line: line.state,
    organization_field="customer",
    region_field="batch__region",
)

S = ProductionSubmission.Status
SUBMISSION_POLICY = Policy(
    model=ProductionSubmission,
    states=tuple(S.values),
    table={
        S.DRAFT: {Role.AKIMAT: allow("view", "edit", "submit")},
        S.SUBMITTED: {Role.AKIMAT: allow("view"), Role.AUTHORIZED_BODY: allow("view"), **READERS},
        S.REPLACED: {Role.AKIMAT: allow("view"), Role.AUTHORIZED_BODY: allow("view"), **READERS},
    },
    state_of=lambda s: s.state,
    organization_field=None,
    region_field="region",
)

L = SystemicList.Status
SYSTEMIC_LIST_POLICY = Policy(
    model=SystemicList,
    states=tuple(L.values),
    table={
        L.DRAFT: {Role.AUTHORIZED_BODY: allow("view", "approve", "compute"), Role.DEVELOPMENT_INSTITUTE: allow("view")},
        L.APPROVED: {Role.AUTHORIZED_BODY: allow("view", "compute"), **READERS},
        L.SUPERSEDED: {Role.AUTHORIZED_BODY: allow("view"), **READERS},
    },
    state_of=lambda s: s.state,
    organization_field=None,
    region_field=None,
    # The approved list is the authorized body's act (IP-47-1.2): anyone may read it.
    public={L.APPROVED: allow("view"), L.SUPERSEDED: allow("view")},
)

for _policy in (BATCH_POLICY, LINE_POLICY, SUBMISSION_POLICY, SYSTEMIC_LIST_POLICY):
    register_policy(_policy)
