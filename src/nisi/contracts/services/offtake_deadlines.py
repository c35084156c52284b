"""What waits on a party to a contract aimed at industrial development, as deadlines in that party's work queue
(DESIGN 6): the manufacturer's confirmation (signing) of a contract the customer concluded (IP-47.7), the customer's
yearly acceptance of an off-take contract's volume by the year's end (IP-48.2), and the other party's answer to a
proposed amendment (IP-48.2, IP-48-1.2). Each deadline names the contract, so the work queue links to its page, and
belongs to the organization that must act, so only that party's users see it in their queue. The services of
concluding, performing and changing a contract open and close them here."""

from __future__ import annotations

import datetime as dt

from nisi.contracts.models import Amendment, ContractKind, ContractYear, DevelopmentContract
from nisi.contracts.models.offtake import CONTRACT_SUBJECT as SUBJECT
from nisi.core.authz import SYSTEM, Actor
from nisi.core.models import Deadline, Organization
from nisi.core.roles import Role
from nisi.core.services.deadlines import deadline_complete, deadline_open
from nisi.law import clock, legal_calendar, params

CONFIRM = "contracts.deadline.contract_confirm"
ACCEPTANCE = "contracts.deadline.year_acceptance"
AMENDMENT = "contracts.deadline.amendment_answer"
AMENDMENT_PROVISION = {
    ContractKind.OFFTAKE: "IP-48.2",
    ContractKind.GUARANTEED_PURCHASE: "IP-48-1.2",
    ContractKind.CONTRACT_PROCUREMENT: "IP-49.2",
}


def _open_ones(contract: DevelopmentContract, kind: str) -> list[Deadline]:
    rows = Deadline.objects.select_for_update().filter(
        subject_type=SUBJECT, subject_id=contract.number, kind=kind, status=Deadline.Status.OPEN
    )
    return list(rows.order_by("id"))


def _party_role(contract: DevelopmentContract, party: Organization) -> str:
    return Role.MAJOR_CUSTOMER if party.pk == contract.customer_id else Role.APPLICANT


def confirmation_open(*, actor: Actor, contract: DevelopmentContract) -> Deadline | None:
    """IP-47.7: the customer examines the applications and concludes the contracts within thirty calendar days of
    the deadline for applications; the conclusion is complete when the manufacturer signs. Counted from that
    deadline when the contract comes from an application, otherwise from the day the customer concluded it."""
    starts_on = contract.proposed_on
    application = contract.application
    if application is not None and application.line.plan.applications_due_on is not None:
        starts_on = min(starts_on, application.line.plan.applications_due_on)
    try:
        due = legal_calendar.parameter_term("contract_conclusion_term", starts_on)
    except params.NoValueOnDate:  # the term was not in force on that day (IP-47.7 as amended): nothing to count
        return None
    return deadline_open(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=contract.number,
        kind=CONFIRM,
        due=due,
        starts_on=starts_on,
        provision="IP-47.7",
        responsible_role=Role.APPLICANT,
        organization=contract.manufacturer,
        params={"number": contract.number},
    )


def acceptance_open(*, actor: Actor, contract: DevelopmentContract, after: int | None = None) -> Deadline | None:
    """IP-48.2: the customer accepts the calendar year's minimum (all of it in the first year, at least half in each
    later year) by the year's end. Opens the deadline of the contract's first open year (after `after`, when a year
    has just closed), once; the year's warning in its last quarter is this deadline's reminder."""
    if contract.kind != ContractKind.OFFTAKE or contract.status != DevelopmentContract.Status.IN_FORCE:
        return None
    years = contract.years.filter(status=ContractYear.Status.OPEN).order_by("year")
    if after is not None:
        years = years.filter(year__gt=after)
    year = years.first()
    if year is None:
        return None
    already = Deadline.objects.filter(
        subject_type=SUBJECT, subject_id=contract.number, kind=ACCEPTANCE, params__year=year.year
    )
    if already.exists():
        return None
    return deadline_open(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=contract.number,
        kind=ACCEPTANCE,
        due=legal_calendar.by_date(dt.date(year.year, 12, 31), provision="IP-48.2"),
        starts_on=max(clock.today(), dt.date(year.year, 1, 1)),
        provision="IP-48.2",
        responsible_role=Role.MAJOR_CUSTOMER,
        organization=contract.customer,
        params={"number": contract.number, "year": year.year},
    )


def acceptance_close(*, contract: DevelopmentContract, year: int) -> None:
    """The year's acceptance is done: its minimum accepted, or the year closed."""
    for deadline in _open_ones(contract, ACCEPTANCE):
        if deadline.params.get("year") == year:
            deadline_complete(actor=SYSTEM, deadline=deadline)


def acceptance_warned(*, contract: DevelopmentContract, year: int, on: dt.date) -> None:
    """The year's warning in its last quarter (IP-48.2) reminded the parties: the deadline is not reminded again."""
    Deadline.objects.filter(
        subject_type=SUBJECT,
        subject_id=contract.number,
        kind=ACCEPTANCE,
        status=Deadline.Status.OPEN,
        params__year=year,
        reminded_on__isnull=True,
    ).update(reminded_on=on)


def amendment_open(*, actor: Actor, contract: DevelopmentContract, amendment: Amendment, to: Organization) -> Deadline:
    """An amendment takes effect only with the other party's consent (IP-48.2, IP-48-1.2): its answer is due within
    the term of `contract_amendment_answer_term`."""
    today = clock.today()
    return deadline_open(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=contract.number,
        kind=AMENDMENT,
        due=legal_calendar.parameter_term("contract_amendment_answer_term", today),
        starts_on=today,
        provision=AMENDMENT_PROVISION[ContractKind(contract.kind)],
        responsible_role=_party_role(contract, to),
        organization=to,
        params={"number": contract.number, "amendment": amendment.pk},
    )


def amendment_close(*, contract: DevelopmentContract, amendment: Amendment) -> None:
    for deadline in _open_ones(contract, AMENDMENT):
        if deadline.params.get("amendment") == amendment.pk:
            deadline_complete(actor=SYSTEM, deadline=deadline)
