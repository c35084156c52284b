"""Industrial grants (IP-42) on the core's financing by call (ADR 27, ADR 30): the development institute's calls
with their published criteria, the entities' applications with their own co-financing share (IP-42.2), the
examination by the institute's experts (IP-42.3: declaration of no conflict of interest, recusal, scores) and the
decision. The agreement, tranches, monitoring and the grant account are in `grant_agreements.py`.

`SCHEME` names the grants' tables, journal subjects, message keys, numbers (`IG-C`, `IG-P`, `IG-A`) and the
provisions of IP-42 they decide by; the shared mechanism is `nisi.core.financing`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.core.authz import Actor, require
from nisi.core.financing import panel
from nisi.core.financing import rules as financing_rules
from nisi.core.financing.scheme import (
    FinancingError,
    Numbers,
    Provisions,
    Scheme,
    Subjects,
    fail,
    numbered,
    provisional_number,
)
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.core.transitions import Context, Transition, transition_apply
from nisi.incentives.models import (
    GrantAccountYear,
    GrantAgreement,
    GrantApplication,
    GrantCall,
    GrantCriterion,
    GrantExpertAssignment,
    GrantReport,
    GrantTranche,
)
from nisi.incentives.rules import grants as rules
from nisi.law import clock, params

CALL_SUBJECT = "incentive_grant_call"
APPLICATION_SUBJECT = "incentive_grant_application"
AGREEMENT_SUBJECT = "incentive_grant_agreement"
ACCOUNT_SUBJECT = "incentive_grant_account"
ASSESSMENT = ("IP-42.3",)  # the applications are examined by the rules, against the published criteria
DECISION = ("IP-42.1", "IP-42.2")  # grants by the authorized body through the institute, by co-financing
FUNDS = ("IP-42.1", "IP-42.5")  # budget funds on the institute's grant account, paid as agreed
OWN_SHARE = "grant_own_share_min"


def _disburse(actor: Actor, tranche: GrantTranche, paid_on: dt.date, document_reference: str) -> None:
    """A tranche is paid from the grant account's year of payment (IP-42.5), never more than it holds; the
    account's year must be open (a closed year's balance was carried into the next)."""
    institute = tranche.agreement.application.call.institute
    account = (
        GrantAccountYear.objects.select_for_update()
        .filter(institute=institute, year=paid_on.year, status=GrantAccountYear.Status.OPEN)
        .first()
    )
    if account is None:
        raise FinancingError(
            _("The grant account has no open year %(year)s; record the budget funds received in %(year)s first.")
            % {"year": paid_on.year}
        )
    fail(rules.payment_problems(balance=account.balance, amount=tranche.amount, year=paid_on.year))
    account.paid += tranche.amount
    account.save(update_fields=["paid"])
    tranche.account_year = account
    tranche.save(update_fields=["account_year"])


SCHEME = Scheme(
    call=GrantCall,
    criterion=GrantCriterion,
    application=GrantApplication,
    assignment=GrantExpertAssignment,
    agreement=GrantAgreement,
    tranche=GrantTranche,
    report=GrantReport,
    subjects=Subjects(call=CALL_SUBJECT, application=APPLICATION_SUBJECT, agreement=AGREEMENT_SUBJECT),
    numbers=Numbers(call="IG-C", application="IG-P", agreement="IG-A"),
    provisions=Provisions(assessment=ASSESSMENT, decision=DECISION, funds=FUNDS),
    messages="incentives.grants",
    expert_role=Role.INDEPENDENT_EXPERT,
    disburse=_disburse,
)
criteria_of = panel.criteria_of


def own_share_min(on: dt.date) -> Decimal:
    return Decimal(str(params.value_on(OWN_SHARE, on).value))


def call_create(
    *,
    actor: Actor,
    institute: Organization,
    title: str,
    description: str,
    opens_on: dt.date,
    closes_on: dt.date,
    budget: Decimal,
    max_per_project: Decimal,
    pass_score: Decimal,
    experts_per_application: int,
    criteria: list[financing_rules.Criterion],
) -> GrantCall:
    """A draft call with its criteria (weights summing to 100), published when it opens (IP-42.3); the least own
    share of co-financing is the parameter in force on the opening day (IP-42.2)."""
    share = own_share_min(opens_on)
    call: GrantCall = panel.call_create(
        SCHEME,
        actor=actor,
        title=title,
        description=description,
        opens_on=opens_on,
        closes_on=closes_on,
        budget=budget,
        max_per_project=max_per_project,
        pass_score=pass_score,
        experts_per_application=experts_per_application,
        criteria=criteria,
        fields={"institute": institute, "own_share_min": share},
        payload={"institute": institute.identifier, "own_share_min": str(share)},
    )
    return call


def _may_open(ctx: Context) -> None:
    call = ctx.record
    problems = financing_rules.criteria_problems(criteria_of(call))
    if call.closes_on < ctx.on:
        problems.append(_("The call's window ended on %(d)s; create a call with a new window.") % {"d": call.closes_on})
    fail(problems)
    ctx.extra["payload"] = {"criteria": [c.code for c in criteria_of(call)]}


def _may_close(ctx: Context) -> None:
    call = ctx.record
    fail(panel.close_problems(call, ctx.on))
    ctx.extra["payload"] = {"applications": call.applications.count()}


CALL_OPEN = Transition(
    name="open",
    subject_type=CALL_SUBJECT,
    journal_action="opened",
    journal_provisions=("IP-42.3",),
    target=GrantCall.Status.OPEN,
    error=FinancingError,
    check=_may_open,
)
CALL_CLOSE = Transition(
    name="close",
    subject_type=CALL_SUBJECT,
    journal_action="closed",
    journal_provisions=("IP-42.3",),
    target=GrantCall.Status.ASSESSMENT,
    error=FinancingError,
    check=_may_close,
)
APPLICATION_WITHDRAW = Transition(
    name="withdraw",
    subject_type=APPLICATION_SUBJECT,
    journal_action="withdrawn",
    journal_provisions=("IP-42.2",),
    target=GrantApplication.Status.WITHDRAWN,
    error=FinancingError,
)


def call_open(*, actor: Actor, call: GrantCall) -> GrantCall:
    """Publishes a call and its criteria (IP-42.3) and takes applications in its window."""
    opened: GrantCall = transition_apply(actor=actor, record=call, transition=CALL_OPEN)
    return opened


def call_close(*, actor: Actor, call: GrantCall) -> GrantCall:
    """Ends the taking of applications once the window has passed; the examination goes on."""
    closed: GrantCall = transition_apply(actor=actor, record=call, transition=CALL_CLOSE)
    return closed


def _member(actor: Actor, organization: Organization) -> bool:
    return any(g.role == Role.APPLICANT and g.organization_id == organization.pk for g in actor.grants)


@transaction.atomic
def application_submit(
    *,
    actor: Actor,
    call: GrantCall,
    organization: Organization,
    project_title: str,
    project_summary: str,
    requested_amount: Decimal,
    own_contribution: Decimal,
    project_starts_on: dt.date,
    project_ends_on: dt.date,
) -> GrantApplication:
    """An entity of industrial and innovative activity applies for a grant for its project, bringing its own share
    of the cost (co-financing, IP-42.2), within the call's window and ceiling."""
    require(actor, call, "apply")
    if not _member(actor, organization):
        raise FinancingError(_("Only a user of the organization can apply for it. Sign in with its account."))
    today = clock.today()
    problems = [] if project_title.strip() else [_("Give the project a title.")]
    if not project_summary.strip():
        problems.append(_("Describe the project: its aims, activities and expected results."))
    problems += financing_rules.application_problems(
        on=today,
        opens_on=call.opens_on,
        closes_on=call.closes_on,
        requested=requested_amount,
        max_per_project=call.max_per_project,
        project_starts_on=project_starts_on,
        project_ends_on=project_ends_on,
    )
    problems += rules.cofinancing_problems(own=own_contribution, grant=requested_amount, minimum=call.own_share_min)
    if GrantApplication.objects.filter(
        call=call, organization=organization, project_title=project_title.strip()
    ).exists():
        problems.append(_("Your organization has already applied for this project under this call."))
    fail(problems)
    application = GrantApplication.objects.create(
        number=provisional_number(),
        call=call,
        organization=organization,
        project_title=project_title.strip(),
        project_summary=project_summary.strip(),
        requested_amount=requested_amount,
        own_contribution=own_contribution,
        project_starts_on=project_starts_on,
        project_ends_on=project_ends_on,
        submitted_on=today,
    )
    numbered(application, SCHEME.numbers.application, today.year)
    SCHEME.journal(
        APPLICATION_SUBJECT,
        application.number,
        actor,
        "submitted",
        {
            "call": call.number,
            "requested": str(requested_amount),
            "own_contribution": str(own_contribution),
            "own_share": str(rules.own_share(own=own_contribution, grant=requested_amount)),
        },
        DECISION,
    )
    SCHEME.notify(
        "application_received",
        {"number": application.number, "project": application.project_title, "call": call.number},
        DECISION,
        subject=APPLICATION_SUBJECT,
        number=application.number,
        organization=organization,
    )
    return application


def application_withdraw(*, actor: Actor, application: GrantApplication) -> GrantApplication:
    withdrawn: GrantApplication = transition_apply(actor=actor, record=application, transition=APPLICATION_WITHDRAW)
    return withdrawn


# The expert examination of the applications (IP-42.3): an expert never from the applicant, the declaration
# of a conflict of interest or none before any score, the scores against each published criterion with reasons.
PANEL = panel.SchemePanel(SCHEME)
expert_assign = PANEL.expert_assign
assignment_declare = PANEL.assignment_declare
assignment_score = PANEL.assignment_score


def call_decide(*, actor: Actor, call: GrantCall) -> list[GrantApplication]:
    """The decision on every application of the call on the examination's results, down the ranking within the
    call's budget (the core's `rules.decide`)."""
    decided: list[GrantApplication] = panel.call_decide(SCHEME, actor=actor, call=call)
    return decided


def journal_account(account: GrantAccountYear, actor: Actor, action: str, payload: dict[str, Any]) -> None:
    SCHEME.journal(ACCOUNT_SUBJECT, f"{account.institute.identifier}-{account.year}", actor, action, payload, FUNDS)
