"""After the decision on an industrial grant (IP-42): the grant agreement with the recipient's counter-obligations
(IP-42.1, IP-27.3) and tranches, the monitoring of the project's planned results by period with a deadline for
every report (IP-42.4), and the institute's grant account by financial year — budget funds received, grants paid,
and on 31 December the balance carried into the next year, never returned to the budget (IP-42.5).

The agreement, tranches and reports are the core's (`nisi.core.financing.agreements`, ADR 27) under the grants'
`SCHEME`; what IP-42 adds is here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from nisi.core.authz import SYSTEM, Actor, require
from nisi.core.financing import agreements
from nisi.core.financing import rules as financing_rules
from nisi.core.financing.scheme import FinancingError, fail
from nisi.core.models import Deadline, Organization
from nisi.core.roles import Role
from nisi.core.services.deadlines import deadline_complete, deadline_open_for_term
from nisi.core.services.documents import document_issue
from nisi.incentives.models import GrantAccountYear, GrantAgreement, GrantApplication, GrantReport, GrantTranche
from nisi.incentives.rules import grants as rules
from nisi.incentives.rules.counter_obligations import AREA_LABELS
from nisi.incentives.services.grants import AGREEMENT_SUBJECT, SCHEME, journal_account
from nisi.law import clock, params

REPORT_INTERVAL = "grant_report_interval"
REPORT_TERM = "grant_report_term"
REPORT_DEADLINE = "incentives.deadline.grant_report"
GRANT_AGREEMENT_DOCUMENT = "incentives_grant_agreement"


def agreement_data(agreement: GrantAgreement) -> dict[str, Any]:
    """What the grant agreement's document attests: the parties, the grant and the recipient's own contribution
    (co-financing, IP-42.2), the tranches, the counter-obligations by year in the areas of IP-27.3 (named in Russian
    and Kazakh, as the document is written)."""
    application = agreement.application
    organization, institute = application.organization, application.call.institute
    labels = {}
    for language in ("ru", "kk"):
        with translation.override(language):
            labels[language] = {area.value: str(label) for area, label in AREA_LABELS.items()}
    return {
        "number": agreement.number,
        "signed_on": agreement.signed_on.isoformat(),
        "term": [agreement.signed_on.isoformat(), agreement.ends_on.isoformat()],
        "recipient": {"identifier": organization.identifier, "name": organization.name},
        "institute": {"identifier": institute.identifier, "name": institute.name},
        "call": application.call.number,
        "application": application.number,
        "project": application.project_title,
        "amount": str(agreement.amount),
        "own_contribution": str(agreement.own_contribution),
        "own_share": str(rules.own_share(own=agreement.own_contribution, grant=agreement.amount)),
        "tranches": [
            {"on": t.planned_on.isoformat(), "amount": str(t.amount), "condition": t.condition}
            for t in agreement.tranches.order_by("planned_on", "id")
        ],
        "targets": [
            {
                "year": t["year"],
                "area": t["area"],
                "ru": labels["ru"].get(str(t["area"]), t["area"]),
                "kk": labels["kk"].get(str(t["area"]), t["area"]),
                "target": t["target"],
            }
            for t in agreement.counter_obligations
        ],
    }


def report_periods(agreement: GrantAgreement) -> list[tuple[dt.date, dt.date]]:
    """The agreement's monitoring periods, each `grant_report_interval` long from the signing (IP-42.4)."""
    months = int(params.value_on(REPORT_INTERVAL, agreement.signed_on).value)
    return financing_rules.report_periods(signed_on=agreement.signed_on, ends_on=agreement.ends_on, months=months)


@transaction.atomic
def agreement_conclude(
    *,
    actor: Actor,
    application: GrantApplication,
    signed_on: dt.date,
    ends_on: dt.date,
    tranches: list[tuple[dt.date, Decimal, str]],
    counter_obligations: Iterable[Mapping[str, object]],
) -> GrantAgreement:
    """The grant agreement on an approved application: the grant in tranches, the recipient's own contribution as
    applied, and its counter-obligations — yearly targets in the areas of IP-27.3 (IP-42.1). A deadline opens for
    the report of every monitoring period (IP-42.4), in the recipient's work queue."""
    targets, problems = rules.targets_from(counter_obligations)
    problems += rules.target_problems(targets, signed_on=signed_on, ends_on=ends_on) if not problems else []
    fail(problems)
    agreement: GrantAgreement = agreements.agreement_conclude(
        SCHEME, actor=actor, application=application, signed_on=signed_on, ends_on=ends_on, tranches=tranches
    )
    agreement.own_contribution = agreement.application.own_contribution
    agreement.counter_obligations = [t.as_json() for t in targets]
    agreement.save(update_fields=["own_contribution", "counter_obligations"])
    SCHEME.journal(
        AGREEMENT_SUBJECT,
        agreement.number,
        actor,
        "counter_obligations_agreed",
        {"own_contribution": str(agreement.own_contribution), "targets": agreement.counter_obligations},
        ("IP-42.1", "IP-27.3"),
    )
    organization = agreement.application.organization
    agreement.document = document_issue(
        actor=actor,
        kind=GRANT_AGREEMENT_DOCUMENT,
        title=f"Договор о предоставлении промышленного гранта № {agreement.number}",
        data=agreement_data(agreement),
        template="incentives/grants/agreement_pdf.html",
        organization=organization,
        issuer_organization=agreement.application.call.institute,
        subject_type=AGREEMENT_SUBJECT,
        subject_id=agreement.number,
        provisions=["IP-42.1", "IP-42.2", "IP-27.3"],
    )
    agreement.save(update_fields=["document"])
    for start, end in report_periods(agreement):
        deadline_open_for_term(
            actor=actor,
            term=REPORT_TERM,
            starts_on=end,
            subject_type=AGREEMENT_SUBJECT,
            subject_id=agreement.number,
            kind=REPORT_DEADLINE,
            responsible_role=Role.APPLICANT,
            organization=organization,
            params={"number": agreement.number, "from": start.isoformat(), "to": end.isoformat()},
        )
    return agreement


def tranche_release(*, actor: Actor, tranche: GrantTranche, paid_on: dt.date, document_reference: str) -> GrantTranche:
    """Pays a tranche from the grant account's year of payment (IP-42.5), in order, none while breached."""
    paid: GrantTranche = agreements.tranche_release(
        SCHEME, actor=actor, tranche=tranche, paid_on=paid_on, document_reference=document_reference
    )
    return paid


@transaction.atomic
def report_submit(
    *,
    actor: Actor,
    agreement: GrantAgreement,
    period_start: dt.date,
    period_end: dt.date,
    progress: str,
    spent: Decimal,
) -> GrantReport:
    """The recipient's report on the project's planned results for a period (IP-42.4); its deadline is met, and
    the journal records whether it came on time (`report_timeliness`)."""
    report: GrantReport = agreements.report_submit(
        SCHEME,
        actor=actor,
        agreement=agreement,
        period_start=period_start,
        period_end=period_end,
        progress=progress,
        spent=spent,
    )
    deadline = Deadline.objects.filter(
        subject_type=AGREEMENT_SUBJECT,
        subject_id=agreement.number,
        kind=REPORT_DEADLINE,
        params__to=period_end.isoformat(),
        status=Deadline.Status.OPEN,
    ).first()
    if deadline is not None:
        timeliness = financing_rules.report_timeliness(clock.today(), deadline.due_on)
        deadline_complete(actor=SYSTEM, deadline=deadline)
        SCHEME.journal(
            AGREEMENT_SUBJECT,
            agreement.number,
            actor,
            "report_timeliness",
            {"report": report.pk, "due": timeliness.due.isoformat(), "days_late": timeliness.days_late},
            ("IP-42.4",),
        )
    return report


def report_assess(*, actor: Actor, report: GrantReport, assessment: str, notes: str) -> GrantReport:
    """The institute's assessment of a report against the planned results (IP-42.4)."""
    assessed: GrantReport = agreements.report_assess(
        SCHEME, actor=actor, report=report, assessment=assessment, notes=notes
    )
    return assessed


def agreement_terminate(*, actor: Actor, agreement: GrantAgreement, reasons: str) -> GrantAgreement:
    terminated: GrantAgreement = agreements.agreement_terminate(
        SCHEME, actor=actor, agreement=agreement, reasons=reasons
    )
    return terminated


def agreement_complete(*, actor: Actor, agreement: GrantAgreement) -> GrantAgreement:
    completed: GrantAgreement = agreements.agreement_complete(SCHEME, actor=actor, agreement=agreement)
    return completed


# --- The grant account (IP-42.5) ---


def _account(institute: Organization, year: int) -> GrantAccountYear:
    account, _created = GrantAccountYear.objects.select_for_update().get_or_create(institute=institute, year=year)
    return account


@transaction.atomic
def account_receive(
    *, actor: Actor, institute: Organization, amount: Decimal, received_on: dt.date, document_reference: str
) -> GrantAccountYear:
    """Budget funds allocated for grants arrive on the institute's current account (IP-42.5), in the year of
    receipt; a closed year takes no more."""
    require(actor, GrantAccountYear(institute=institute, status=GrantAccountYear.Status.OPEN), "receive")
    if amount <= 0:
        raise FinancingError(_("Give the amount received (more than zero)."))
    if not document_reference.strip():
        raise FinancingError(_("Give the payment document by which the funds arrived."))
    if received_on > clock.today():
        raise FinancingError(_("Record the funds once they arrived: the date cannot be in the future."))
    account = _account(institute, received_on.year)
    if account.status == GrantAccountYear.Status.CLOSED:
        raise FinancingError(
            _("The year %(year)s of the grant account is closed; record the funds in the year they arrive.")
            % {"year": account.year}
        )
    account.received += amount
    account.save(update_fields=["received"])
    journal_account(
        account,
        actor,
        "funds_received",
        {"amount": str(amount), "on": received_on.isoformat(), "document": document_reference.strip()},
    )
    return account


@transaction.atomic
def account_year_close(*, actor: Actor, account: GrantAccountYear, on: dt.date | None = None) -> GrantAccountYear:
    """Closes a financial year of the grant account on its 31 December (or later) and carries its whole balance
    into the next year's account, which it opens if need be; nothing goes back to the authorized body or the
    budget (IP-42.5, `rules.grants.close_year`)."""
    account = GrantAccountYear.objects.select_for_update().select_related("institute").get(pk=account.pk)
    require(actor, account, "close")
    on = on or clock.today()
    if on > clock.today():
        raise FinancingError(_("A year is closed on the day it is closed, not in advance."))
    try:
        closing = rules.close_year(
            year=account.year,
            on=on,
            brought_forward=account.brought_forward,
            received=account.received,
            paid=account.paid,
        )
    except ValueError as exc:
        raise FinancingError(str(exc)) from exc
    account.carried_forward = closing.carried_forward
    account.status = GrantAccountYear.Status.CLOSED
    account.closed_on = on
    account.closed_by_label = actor.label
    account.save(update_fields=["carried_forward", "status", "closed_on", "closed_by_label"])
    following = _account(account.institute, closing.into_year)
    if following.status == GrantAccountYear.Status.CLOSED:
        raise FinancingError(_("The year after it is already closed; the balance cannot be carried into it."))
    following.brought_forward = closing.carried_forward
    following.save(update_fields=["brought_forward"])
    journal_account(
        account,
        actor,
        "year_closed",
        {
            "balance": str(closing.balance),
            "carried_forward": str(closing.carried_forward),
            "into_year": closing.into_year,
            "returned_to_budget": str(closing.returned_to_budget),
        },
    )
    return account
