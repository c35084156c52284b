"""What follows an industrial assembly agreement's conclusion, as pure functions with explicit dates: the three
months to eliminate violations after the notice (IP-62.4) and when unilateral termination is open; the benefits to
reimburse on termination by FEA CN code since conclusion (IP-62.6); multilateral agreements (IP-63.3) and what
fulfilment opens (IP-63.4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext, gettext_noop

from nisi.assembly.rules.conditions import FORM_OF, IP_63_2, ZERO, Category, Form, Operation
from nisi.law import legal_calendar
from nisi.law.money import tenge
from nisi.law.trace import Explained, Step


def cure_period_end(notified_on: dt.date) -> Explained[dt.date]:
    """IP-62.4: the violations are to be eliminated "within three months from the date of notification": the term
    ends on the same date three months later, or on that month's last day when it has no such date; a term ending
    on a non-working day ends on the next working day (the legal calendar's rule)."""
    return legal_calendar.parameter_term("assembly_cure_period", notified_on)


def termination_problems(*, cure_ends_on: dt.date, cured: bool, on: dt.date) -> list[str]:
    """IP-62.4: the authorized body terminates the agreement unilaterally only if the violations were not
    eliminated within the three months: not while the term runs (to its last day included), not once cured."""
    if cured:
        return [gettext("The violations were eliminated: the agreement cannot be terminated on this notice.")]
    if on <= cure_ends_on:
        return [
            gettext(
                "The term to eliminate the violations runs to %(day)s inclusive: the agreement can be terminated "
                "from the next day if they are not eliminated (IP-62.4)."
            )
            % {"day": cure_ends_on.strftime("%d.%m.%Y")}
        ]
    return []


@dataclass(frozen=True)
class Benefit:
    """A benefit granted under the agreement for one FEA CN code and one period (IP-62.6)."""

    hs_code: str
    period_start: dt.date
    period_end: dt.date
    kind: str
    amount: Decimal


def benefit_problems(benefit: Benefit, *, codes: Iterable[str], concluded_on: dt.date, on: dt.date) -> list[str]:
    """A benefit is recorded under one of the agreement's codes, for a period from the agreement's conclusion
    (IP-62.6: "granted from the date of conclusion") that has ended, in tenge to the tiyn and more than zero."""
    problems = []
    if benefit.hs_code not in set(codes):
        problems.append(
            gettext("The code %(code)s is not one of the agreement's FEA CN codes.") % {"code": benefit.hs_code}
        )
    if benefit.period_end < benefit.period_start:
        problems.append(gettext("The period ends before it starts: check the dates."))
    if benefit.period_start < concluded_on:
        problems.append(
            gettext("Benefits count from the agreement's conclusion on %(day)s: start the period on or after it.")
            % {"day": concluded_on.strftime("%d.%m.%Y")}
        )
    if benefit.period_end > on:
        problems.append(gettext("The period has not ended yet: record the benefit once it has."))
    if benefit.amount <= 0 or benefit.amount != benefit.amount.quantize(Decimal("0.01")):
        problems.append(gettext("Give the benefit in tenge, more than zero, at most two digits after the point."))
    return problems


@dataclass(frozen=True)
class CodeTotal:
    hs_code: str
    amount: Decimal
    lines: int


@dataclass(frozen=True)
class Reimbursement:
    by_code: tuple[CodeTotal, ...]

    @property
    def total(self) -> Decimal:
        return sum((c.amount for c in self.by_code), ZERO)


def reimbursement(
    *, codes: Sequence[str], concluded_on: dt.date, terminated_on: dt.date, benefits: Sequence[Benefit]
) -> Explained[Reimbursement]:
    """IP-62.6: on termination for non-fulfilment or improper fulfilment, the entity reimburses the benefits granted
    from the date of conclusion under the relevant FEA CN code. Each benefit is a line; a benefit of another code or
    for a period before the conclusion or after the termination is shown and not counted; per code a subtotal; the
    total. Tenge to the tiyn, no rounding (each benefit is already in tiyn)."""
    steps: list[Step] = []
    totals: list[CodeTotal] = []
    agreed = list(dict.fromkeys(codes))
    for code in agreed:
        amount = ZERO
        count = 0
        for b in sorted((b for b in benefits if b.hs_code == code), key=lambda b: (b.period_start, b.kind)):
            counted = concluded_on <= b.period_start and b.period_start <= terminated_on
            steps.append(
                Step(
                    message=(
                        gettext_noop("%(code)s · %(start)s – %(end)s · %(kind)s: %(amount)s ₸")
                        if counted
                        else gettext_noop(
                            "%(code)s · %(start)s – %(end)s · %(kind)s: %(amount)s ₸ — not counted, "
                            "outside the agreement's term"
                        )
                    ),
                    params={
                        "code": code,
                        "start": b.period_start.strftime("%d.%m.%Y"),
                        "end": b.period_end.strftime("%d.%m.%Y"),
                        "kind": b.kind,
                        "amount": tenge(b.amount),
                    },
                    provision="IP-62.6",
                )
            )
            if counted:
                amount += tenge(b.amount)
                count += 1
        steps.append(
            Step(
                message=gettext_noop("code %(code)s: %(count)s benefits, to reimburse %(amount)s ₸"),
                params={"code": code, "count": count, "amount": amount},
                provision="IP-62.6",
            )
        )
        totals.append(CodeTotal(code, amount, count))
    stray = sorted({b.hs_code for b in benefits} - set(agreed))
    if stray:
        steps.append(
            Step(
                message=gettext_noop("benefits under codes outside the agreement are not counted: %(codes)s"),
                params={"codes": ", ".join(stray)},
                provision="IP-62.6",
            )
        )
    result = Reimbursement(tuple(totals))
    steps.append(
        Step(
            message=gettext_noop("total to reimburse since %(since)s = %(total)s ₸"),
            params={"since": concluded_on.strftime("%d.%m.%Y"), "total": result.total},
            provision="IP-62.6",
        )
    )
    return Explained(result, tuple(steps))


def fulfilment(
    *, category: Category, in_force: bool, last_check_met: bool | None, open_notice: bool
) -> Explained[bool]:
    """IP-63.4: the execution of an agreement on the industrial assembly of truck tractors, buses, special
    equipment, cars or trucks gives the entity the opportunity to conclude long-term public procurement contracts and
    contracts aimed at industrial development. Executed here means: in force, its last check by the authorized body
    (IP-62.3) found every condition and obligation met, and no notice of violations is open (IP-62.4)."""
    if category not in IP_63_2:
        return Explained(
            False, (Step(gettext_noop("the category is not one of IP-63.2's vehicles"), provision="IP-63.4"),)
        )
    reasons = []
    if not in_force:
        reasons.append(gettext_noop("the agreement is not in force"))
    if last_check_met is None:
        reasons.append(gettext_noop("the authorized body has not yet checked its execution"))
    elif not last_check_met:
        reasons.append(gettext_noop("its last check found conditions or obligations not met"))
    if open_notice:
        reasons.append(gettext_noop("a notice of violations is open"))
    if reasons:
        return Explained(False, tuple(Step(r, provision="IP-63.4") for r in reasons))
    return Explained(True, (Step(gettext_noop("the agreement is in force and executed"), provision="IP-63.4"),))


def multilateral_problems(
    *, category: Category, parent_category: Category, parent_fulfilled: bool, parent_operations: frozenset[str]
) -> list[str]:
    """IP-63.3: a multilateral agreement on the industrial assembly of vehicles is concluded within an agreement with
    one of the legal entities, when its earlier conditions and obligations are fulfilled, welding and painting
    included, and never for passenger cars."""
    problems = []
    if category is Category.PASSENGER_CAR:
        problems.append(gettext("A multilateral agreement is never concluded for passenger cars (IP-63.3)."))
    if FORM_OF[category] is not Form.VEHICLES or FORM_OF[parent_category] is not Form.VEHICLES:
        problems.append(gettext("A multilateral agreement is one on the industrial assembly of vehicles (IP-63.3)."))
    if not parent_fulfilled:
        problems.append(
            gettext(
                "The earlier agreement's conditions and obligations are not shown fulfilled: its last check must find "
                "them met and no notice of violations may be open (IP-63.3)."
            )
        )
    if not {Operation.WELDING, Operation.PAINTING} <= parent_operations:
        problems.append(gettext("Welding and painting must be performed under the earlier agreement (IP-63.3)."))
    return problems
