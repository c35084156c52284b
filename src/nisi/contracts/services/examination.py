"""The customer's examination of manufacturers' applications (IP-47.7): refused with reasons, or awarded with the
good's characteristics fixed before signing (IP-47.7, IP-47.8), and the contract of the application's kind
concluded from the award in one transaction with the contracts' own checks (`offtake.contract_conclude`). The
examination's deadline (opened when the application came) closes when the application is refused or concluded."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.contracts.models import DevelopmentContract, PlanApplication
from nisi.contracts.rules import examination as rules
from nisi.contracts.services import offtake
from nisi.contracts.services.plans_review import APPLICATION_SUBJECT
from nisi.core.authz import Actor, require
from nisi.core.transitions import Context, Notice, Transition, TransitionError, transition_apply

EXAMINE_DEADLINE = "contracts.deadline.application_examine"
S = PlanApplication.Status


class ExaminationError(TransitionError):
    """An examination's step refused; the message says what to do, `field` names the question."""


def _params(ctx: Context) -> dict[str, Any]:
    application = ctx.record
    return {"number": application.number, "customer": application.customer.name, "reasons": ctx.reasons}


def _awarded(ctx: Context) -> None:
    given = ctx.extra["characteristics"]
    problems = rules.award_problems(
        technical=given["technical_characteristics"],
        physical_chemical=given["physical_chemical_properties"],
        configuration=given["configuration"],
    )
    if problems:
        field = next(iter(problems))
        raise ExaminationError(" ".join(problems.values()), field)
    ctx.fields.update({name: given[name].strip() for name in rules.CHARACTERISTICS})
    ctx.fields["examined_on"] = ctx.on


def _award_payload(ctx: Context) -> dict[str, Any]:
    return {name: ctx.fields[name] for name in rules.CHARACTERISTICS}


def _examined(ctx: Context) -> None:
    ctx.fields["examined_on"] = ctx.on


REFUSE = Transition(
    name="refuse",
    subject_type=APPLICATION_SUBJECT,
    journal_action="refused",
    journal_provisions=("IP-47.7",),
    target=S.REFUSED,
    sources=(S.SUBMITTED, S.AWARDED),
    provision="IP-47.7",
    related=("customer", "organization"),
    error=ExaminationError,
    reasons_field="refusal_reasons",
    decided_by_field="decided_by_label",
    check=_examined,
    closes=(EXAMINE_DEADLINE,),
    notice=Notice("contracts.application.refused", ("IP-47.7",), _params),
)
AWARD = Transition(
    name="award",
    subject_type=APPLICATION_SUBJECT,
    journal_action="awarded",
    journal_provisions=("IP-47.7", "IP-47.8"),
    target=S.AWARDED,
    sources=(S.SUBMITTED,),
    provision="IP-47.7",
    related=("customer", "organization"),
    error=ExaminationError,
    decided_by_field="decided_by_label",
    check=_awarded,
    payload=_award_payload,
    notice=Notice("contracts.application.awarded", ("IP-47.7", "IP-47.8"), _params),
)
CONCLUDE = Transition(
    name="conclude",
    subject_type=APPLICATION_SUBJECT,
    journal_action="concluded",
    journal_provisions=("IP-47.7",),
    target=S.CONCLUDED,
    sources=(S.AWARDED,),
    provision="IP-47.7",
    related=("customer", "organization"),
    error=ExaminationError,
    closes=(EXAMINE_DEADLINE,),
    payload=lambda ctx: {"contract": ctx.extra["contract"]},
)


def application_refuse(*, actor: Actor, application: PlanApplication, reasons: str) -> PlanApplication:
    """The customer refuses the application, with its reasons (IP-47.7); the manufacturer is notified and the
    examination's deadline closes."""
    done: PlanApplication = transition_apply(actor=actor, record=application, transition=REFUSE, reasons=reasons)
    return done


def application_award(
    *,
    actor: Actor,
    application: PlanApplication,
    technical_characteristics: str,
    physical_chemical_properties: str,
    configuration: str,
) -> PlanApplication:
    """The customer awards the application, fixing the good's technical characteristics, physical and/or chemical
    properties and configuration before signing (IP-47.7, IP-47.8); the manufacturer is notified. The contract is
    then concluded from the award, within the same term."""
    given = {
        "technical_characteristics": technical_characteristics,
        "physical_chemical_properties": physical_chemical_properties,
        "configuration": configuration,
    }
    done: PlanApplication = transition_apply(
        actor=actor, record=application, transition=AWARD, extra={"characteristics": given}
    )
    return done


@transaction.atomic
def application_conclude(
    *,
    actor: Actor,
    application: PlanApplication,
    unit_price: Decimal,
    amount: Decimal,
    starts_on: dt.date,
    ends_on: dt.date,
    volumes: dict[int, Decimal],
    min_domestic_value: Decimal | None = None,
    programme_duty: bool = False,
    liability: str = "",
) -> DevelopmentContract:
    """The customer concludes the contract of the application's kind (off-take, IP-48; guaranteed purchase,
    IP-48-1) from the award (IP-47.7): the good and its characteristics are the award's, the terms are checked as
    every contract's are (volumes for each calendar year, the minimum domestic value, the term); the manufacturer
    then confirms (signs) it. All or nothing."""
    rows = PlanApplication.objects.select_for_update(of=("self",)).select_related("line__plan", "customer")
    locked = rows.get(pk=application.pk)
    require(actor, locked, "conclude")
    if not rules.may_conclude(locked.status):
        raise ExaminationError(
            _("A contract is concluded from an awarded application, once: award it first, fixing the characteristics.")
        )
    line = locked.line
    code = line.product_code
    terms = offtake.Terms(
        kind=locked.kind,
        manufacturer=locked.organization,
        customer_kind=line.plan.customer_kind,
        hs_code=code[:6],
        tnved_code=code if len(code) == 10 else "",
        goods_name=line.description,
        characteristics=rules.characteristics_text(
            technical=locked.technical_characteristics,
            physical_chemical=locked.physical_chemical_properties,
            configuration=locked.configuration,
        ),
        unit=line.unit,
        unit_price=unit_price,
        amount=amount,
        starts_on=starts_on,
        ends_on=ends_on,
        volumes=volumes,
        min_domestic_value=min_domestic_value,
        programme_duty=programme_duty,
        liability=liability,
        application=locked,
    )
    contract = offtake.contract_conclude(actor=actor, customer=locked.customer, terms=terms)
    transition_apply(actor=actor, record=locked, transition=CONCLUDE, extra={"contract": contract.number})
    application.refresh_from_db()
    return contract
