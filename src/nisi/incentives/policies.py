"""Who may do what with the incentives' records: each kind's policy joins the one authorization function
(`nisi.core.authz`)."""

from __future__ import annotations

from dataclasses import replace

from nisi.core.authz import Actor, Policy, allow, policy_for, register_policy
from nisi.core.financing import policies as financing_policies
from nisi.core.roles import Role
from nisi.incentives.models import (
    CompetitivenessAgreement,
    CounterObligationAgreement,
    GrantAccountYear,
    GrantAgreement,
    GrantApplication,
    GrantCall,
    GrantExpertAssignment,
    IncentiveApplication,
    Measure,
    MeasureBudget,
    OpeningAlert,
    Operator,
    PriorityList,
    QueuePlace,
    RequestedMeasure,
    StateActual,
)

_READ: dict[str, frozenset[str]] = {Role.DEVELOPMENT_INSTITUTE: allow("view"), Role.AUDITOR: allow("view")}


def may(actor: Actor, model: type, action: str) -> bool:
    """Whether any of the actor's roles may take `action` on some record of `model` in some state."""
    table = policy_for(model).table
    return any(action in by_role.get(g.role, frozenset()) for by_role in table.values() for g in actor.grants)


# The catalogue and the list of priority goods are public (IP-25.8, IP-26); the authorized body keeps them.
OPERATOR_POLICY = Policy(
    model=Operator,
    states=("recorded",),
    table={"recorded": {Role.AUTHORIZED_BODY: allow("view", "record"), **_READ}},
    state_of=lambda o: o.state,
    region_field=None,
    public={"recorded": allow("view")},
)
MEASURE_POLICY = Policy(
    model=Measure,
    states=("published",),
    table={"published": {Role.AUTHORIZED_BODY: allow("view", "publish", "open"), **_READ}},
    state_of=lambda m: m.state,
    organization_field=None,
    region_field=None,
    public={"published": allow("view")},
)
PRIORITY_LIST_POLICY = Policy(
    model=PriorityList,
    states=("published",),
    table={"published": {Role.AUTHORIZED_BODY: allow("view", "upload"), **_READ}},
    state_of=lambda p: p.state,
    organization_field=None,
    region_field=None,
    public={"published": allow("view")},
)

A = IncentiveApplication.Status
# An application is its entity's: it applies (once, for several measures) and reads it; the authorized body
# coordinates (IP-25.7) and reads every one. Operators read the requests routed to them, not the application.
APPLICATION_POLICY = Policy(
    model=IncentiveApplication,
    states=tuple(A.values),
    table={
        state: {Role.APPLICANT: allow("view", "apply"), Role.AUTHORIZED_BODY: allow("view"), **_READ}
        for state in A.values
    },
    state_of=lambda a: a.state,
    region_field=None,
)

R = RequestedMeasure.Status
_SEE: dict[str, frozenset[str]] = {Role.APPLICANT: allow("view"), Role.AUTHORIZED_BODY: allow("view"), **_READ}
REQUEST_POLICY = Policy(
    model=RequestedMeasure,
    states=tuple(R.values),
    table={
        R.REFUSED: dict(_SEE),
        R.WITH_OPERATOR: {
            **_SEE,
            Role.APPLICANT: allow("view", "withdraw"),
            Role.INCENTIVE_OPERATOR: allow("view", "assess", "grant", "decline"),
        },
        # A measure received: the akimat of the recipient's region reads it too (the map's projects, IP-6.2).
        R.GRANTED: {**_SEE, Role.INCENTIVE_OPERATOR: allow("view", "conclude_agreement"), Role.AKIMAT: allow("view")},
        R.DECLINED: {**_SEE, Role.INCENTIVE_OPERATOR: allow("view")},
        R.WITHDRAWN: {**_SEE, Role.INCENTIVE_OPERATOR: allow("view")},
    },
    state_of=lambda r: r.state,
    organization_field="application__organization",
    organization_fields={Role.INCENTIVE_OPERATOR: "operator"},
    # An akimat reaches the requests of the entities registered in its region (ADR 48, addendum).
    region_field="application__organization__region",
)

C = CounterObligationAgreement.Status
# An agreement with counter-obligations (IP-27): the recipient reads it, reports its figures and sees what it would
# owe today; the operator that concluded it and the authorized body monitor it and determine the refund.
_MONITORS = allow("view", "determine_refund")
CO_AGREEMENT_POLICY = Policy(
    model=CounterObligationAgreement,
    states=tuple(C.values),
    table={
        C.MONITORED: {
            Role.APPLICANT: allow("view", "report", "estimate"),
            Role.INCENTIVE_OPERATOR: _MONITORS,
            Role.AUTHORIZED_BODY: _MONITORS,
            **_READ,
        },
        C.COMPLETED: {
            Role.APPLICANT: allow("view"),
            Role.INCENTIVE_OPERATOR: allow("view"),
            Role.AUTHORIZED_BODY: allow("view"),
            **_READ,
        },
    },
    state_of=lambda a: a.state,
    organization_field="organization",
    organization_fields={Role.INCENTIVE_OPERATOR: "operator"},
    region_field=None,
)

K = CompetitivenessAgreement.Status
# An agreement on increasing competitiveness (IP-28): the authorized body concludes, monitors and terminates it and
# records the circumstances beyond the entity's control (IP-28.4); the entity reads its own.
COMPETITIVENESS_POLICY = Policy(
    model=CompetitivenessAgreement,
    states=tuple(K.values),
    table={
        K.MONITORED: {
            Role.APPLICANT: allow("view"),
            Role.AUTHORIZED_BODY: allow("view", "conclude", "monitor", "record_beyond_control", "terminate"),
            **_READ,
        },
        K.TERMINATED: {
            Role.APPLICANT: allow("view"),
            Role.AUTHORIZED_BODY: allow("view", "monitor", "record_beyond_control"),
            **_READ,
        },
    },
    state_of=lambda a: a.state,
    organization_field="organization",
    region_field=None,
)

for _policy in (
    OPERATOR_POLICY,
    MEASURE_POLICY,
    PRIORITY_LIST_POLICY,
    APPLICATION_POLICY,
    REQUEST_POLICY,
    CO_AGREEMENT_POLICY,
    COMPETITIVENESS_POLICY,
):
    register_policy(_policy)


# --- Industrial grants (IP-42) on the core's financing tables (ADR 27, ADR 30) ---
# The national development institute in the field of industrial development runs the calls, the examination, the
# agreements and the grant account (IP-42.1, IP-42.3 … IP-42.5); the applicant's users apply, sign and report; the
# authorized body (which provides the grants through the institute, IP-42.1) and auditors read. Experts reach only
# the applications assigned to them, through their assignment.
_GRANT_READERS: dict[str, frozenset[str]] = {Role.AUTHORIZED_BODY: allow("view"), Role.AUDITOR: allow("view")}
GRANT_CALL_POLICY = financing_policies.call_policy(
    GrantCall, manager=Role.DEVELOPMENT_INSTITUTE, readers=_GRANT_READERS
)
GRANT_APPLICATION_POLICY = financing_policies.application_policy(
    GrantApplication, manager=Role.DEVELOPMENT_INSTITUTE, recipient=Role.APPLICANT, readers=_GRANT_READERS
)
GRANT_ASSIGNMENT_POLICY = financing_policies.assignment_policy(
    GrantExpertAssignment, manager=Role.DEVELOPMENT_INSTITUTE, readers=_GRANT_READERS
)
GRANT_AGREEMENT_POLICY = financing_policies.agreement_policy(
    GrantAgreement, manager=Role.DEVELOPMENT_INSTITUTE, recipient=Role.APPLICANT, readers=_GRANT_READERS
)
# What only the grants add (IP-42.1, IP-27.4): the recipient sees what it would owe today while the agreement is in
# force; the institute determines the refund of a year that fell short, in force, completed or terminated.
_GRANT_EXTRA: dict[str, dict[str, frozenset[str]]] = {
    state: {
        Role.DEVELOPMENT_INSTITUTE: frozenset({"determine_refund"}),
        **({Role.APPLICANT: frozenset({"estimate"})} if state == GrantAgreement.Status.ACTIVE else {}),
    }
    for state in GRANT_AGREEMENT_POLICY.states
}
# A grant signed is a measure received: the akimat of the recipient's region reads it (the map, IP-6.2; ADR 48).
GRANT_AGREEMENT_POLICY = replace(
    GRANT_AGREEMENT_POLICY,
    table={
        state: {
            **{role: actions | _GRANT_EXTRA[state].get(role, allow()) for role, actions in by_role.items()},
            Role.AKIMAT: allow("view"),
        }
        for state, by_role in GRANT_AGREEMENT_POLICY.table.items()
    },
    region_field="application__organization__region",
)
_ACC = GrantAccountYear.Status
GRANT_ACCOUNT_POLICY = Policy(
    model=GrantAccountYear,
    states=tuple(_ACC.values),
    table={
        _ACC.OPEN: {Role.DEVELOPMENT_INSTITUTE: allow("view", "receive", "close"), **_GRANT_READERS},
        _ACC.CLOSED: {Role.DEVELOPMENT_INSTITUTE: allow("view"), **_GRANT_READERS},
    },
    state_of=lambda a: a.state,
    organization_field=None,
    region_field=None,
)

for _policy in (
    GRANT_CALL_POLICY,
    GRANT_APPLICATION_POLICY,
    GRANT_ASSIGNMENT_POLICY,
    GRANT_AGREEMENT_POLICY,
    GRANT_ACCOUNT_POLICY,
):
    register_policy(_policy)


# --- The queues of measures with a limited budget, opening alerts, state figures (issue 13, ahead of today) ---

# A measure's budget and its queue are public (place, measure, amount; no natural person's name): anyone can check
# the order. The authorized body records the budgets.
BUDGET_POLICY = Policy(
    model=MeasureBudget,
    states=("published",),
    table={"published": {Role.AUTHORIZED_BODY: allow("view", "record"), **_READ}},
    state_of=lambda b: b.state,
    organization_field=None,
    region_field=None,
    public={"published": allow("view")},
)
_Q = QueuePlace.Status
QUEUE_PLACE_POLICY = Policy(
    model=QueuePlace,
    states=tuple(_Q.values),
    table={state: {Role.AUTHORIZED_BODY: allow("view"), **_READ} for state in _Q.values},
    state_of=lambda p: p.state,
    region_field=None,
    public={state: allow("view") for state in _Q.values},
)
_AL = OpeningAlert.Status
# An entity's users ask to be told when a measure opens, and cancel while it waits; the authorized body reads.
OPENING_ALERT_POLICY = Policy(
    model=OpeningAlert,
    states=tuple(_AL.values),
    table={
        state: {
            Role.APPLICANT: allow("view", "ask", "cancel") if state == _AL.WAITING else allow("view"),
            Role.AUTHORIZED_BODY: allow("view"),
        }
        for state in _AL.values
    },
    state_of=lambda a: a.state,
    region_field=None,
)
_SA = StateActual.Status
# A figure from the state's systems: the recipient confirms or contests it while it is as received, and may still
# contest one it confirmed; the operator that concluded the agreement and the authorized body read every one.
_SA_READ = {Role.INCENTIVE_OPERATOR: allow("view"), Role.AUTHORIZED_BODY: allow("view"), **_READ}
STATE_ACTUAL_POLICY = Policy(
    model=StateActual,
    states=tuple(_SA.values),
    table={
        _SA.RECEIVED: {Role.APPLICANT: allow("view", "confirm", "contest"), **_SA_READ},
        _SA.CONFIRMED: {Role.APPLICANT: allow("view", "contest"), **_SA_READ},
        _SA.CONTESTED: {Role.APPLICANT: allow("view"), **_SA_READ},
    },
    state_of=lambda a: a.state,
    organization_field="agreement__organization",
    organization_fields={Role.INCENTIVE_OPERATOR: "agreement__operator"},
    region_field=None,
)
for _policy in (BUDGET_POLICY, QUEUE_PLACE_POLICY, OPENING_ALERT_POLICY, STATE_ACTUAL_POLICY):
    register_policy(_policy)
