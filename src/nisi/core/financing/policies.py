"""Who may do what in financing by call (ADR 27), by state, for the roles a scheme names: the body that runs the
calls and holds the agreements (`manager`), the applicant organization's users (`recipient`), and readers
(auditors and the like). Each app registers the tables built here for its own concrete models.

Calls are public once open: anyone may read them, and apply while they are open (the app's service then checks who
may). An application is seen by its organization, the manager and the readers — never by experts through their
role: an expert sees only the applications assigned to them, through the assignment addressed to them
(`user_field`), so that no expert reaches an application by reach (the independence of the assessment).
"""

from __future__ import annotations

from collections.abc import Mapping

from django.db.models import Model

from nisi.core.authz import Policy, allow
from nisi.core.financing.models import (
    ExpertAssignmentBase,
    FinancingAgreementBase,
    FinancingApplicationBase,
    FinancingCallBase,
)

Readers = Mapping[str, frozenset[str]]


def call_policy(model: type[Model], *, manager: str, readers: Readers) -> Policy:
    c = FinancingCallBase.Status
    return Policy(
        model=model,
        states=tuple(c.values),
        table={
            c.DRAFT: {manager: allow("view", "create", "open"), **readers},
            c.OPEN: {manager: allow("view", "close"), **readers},
            c.ASSESSMENT: {manager: allow("view", "decide"), **readers},
            c.DECIDED: {manager: allow("view"), **readers},
        },
        state_of=lambda call: call.state,
        organization_field=None,
        region_field=None,
        public={c.OPEN: allow("view", "apply"), c.ASSESSMENT: allow("view"), c.DECIDED: allow("view")},
    )


def application_policy(model: type[Model], *, manager: str, recipient: str, readers: Readers) -> Policy:
    a = FinancingApplicationBase.Status
    assessing = {recipient: allow("view", "withdraw"), manager: allow("view", "assign"), **readers}
    decided = {recipient: allow("view"), manager: allow("view"), **readers}
    return Policy(
        model=model,
        states=tuple(a.values),
        table={
            a.SUBMITTED: assessing,
            a.ASSESSMENT: dict(assessing),
            a.APPROVED: {recipient: allow("view"), manager: allow("view", "conclude_agreement"), **readers},
            a.REJECTED: decided,
            a.WITHDRAWN: dict(decided),
        },
        state_of=lambda application: application.state,
        region_field=None,
    )


def assignment_policy(model: type[Model], *, manager: str, readers: Readers) -> Policy:
    """The manager and the readers see every assignment; the assigned expert alone declares, then scores."""
    e = ExpertAssignmentBase.Status
    return Policy(
        model=model,
        states=tuple(e.values),
        table={state: {manager: allow("view"), **readers} for state in e.values},
        state_of=lambda assignment: assignment.state,
        organization_field=None,
        region_field=None,
        user_field="expert",
        user_actions={
            e.ASSIGNED: allow("view", "declare"),
            e.DECLARED: allow("view", "score"),
            e.CONFLICT: allow("view"),
            e.SCORED: allow("view"),
        },
    )


def agreement_policy(model: type[Model], *, manager: str, recipient: str, readers: Readers) -> Policy:
    """In force: the recipient reports; the manager pays, assesses, terminates and completes."""
    g = FinancingAgreementBase.Status
    closed = {recipient: allow("view"), manager: allow("view"), **readers}
    return Policy(
        model=model,
        states=tuple(g.values),
        table={
            g.ACTIVE: {
                recipient: allow("view", "report"),
                manager: allow("view", "pay", "assess", "terminate", "complete"),
                **readers,
            },
            g.COMPLETED: closed,
            g.TERMINATED: dict(closed),
        },
        state_of=lambda agreement: agreement.state,
        organization_field="application__organization",
        region_field=None,
    )
