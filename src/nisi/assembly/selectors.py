"""Reads of the industrial assembly agreements: the agreements each reader may see, one agreement, its open notice
and what termination would reimburse today; and the one answer other apps ask (IP-63.4, IP-65.1): whether an
entity's executed agreement opens contracts aimed at industrial development for a code on a date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.translation import gettext

from nisi.assembly import rules
from nisi.assembly.messages import CURE_DEADLINE, SUBJECT
from nisi.assembly.models import Agreement, Notice, Recall
from nisi.core.authz import Actor, scope
from nisi.core.models import Deadline
from nisi.law.trace import Explained


def agreements_for(actor: Actor) -> QuerySet[Agreement]:
    return scope(actor, Agreement.objects.all(), "view").select_related("organization", "parent")


def agreement_by_number(actor: Actor, number: str) -> Agreement | None:
    return agreements_for(actor).filter(number=number).first()


def recalls_for(actor: Actor) -> QuerySet[Recall]:
    return scope(actor, Recall.objects.all(), "view").select_related("agreement__organization")


def open_notice(agreement: Agreement) -> Notice | None:
    return agreement.notices.filter(status=Notice.Status.OPEN).first()


def cure_deadlines(actor: Actor) -> QuerySet[Deadline]:
    """The open terms to eliminate violations (IP-62.4), soonest first, for the agreements the actor may see."""
    numbers = agreements_for(actor).values_list("number", flat=True)
    return Deadline.objects.filter(
        subject_type=SUBJECT, kind=CURE_DEADLINE, status=Deadline.Status.OPEN, subject_id__in=numbers
    ).order_by("due_on")


@dataclass(frozen=True)
class Access:
    """IP-63.4's answer for one entity, code and date: whether the law asks for an executed agreement at all
    (`required`: the code is one of IP-63.2's vehicles), whether the entity has one (`granted`), which agreement,
    and the reasons in the reader's language."""

    required: bool
    granted: bool
    agreement: str | None = None
    reasons: tuple[str, ...] = field(default_factory=tuple)

    @property
    def refused(self) -> bool:
        return self.required and not self.granted


def _fulfilment(agreement: Agreement, on: dt.date) -> Explained[bool]:
    last = agreement.checks.filter(checked_on__lte=on).first()
    in_force = agreement.concluded_on <= on and (agreement.terminated_on is None or agreement.terminated_on > on)
    return rules.fulfilment(
        category=rules.Category(agreement.category),
        in_force=in_force and agreement.status != Agreement.Status.TERMINATED,
        last_check_met=None if last is None else last.met,
        open_notice=agreement.notices.filter(notified_on__lte=on, status=Notice.Status.OPEN).exists(),
    )


def development_contract_access(*, organization_identifier: str, hs_code: str, on: dt.date) -> Access:
    """IP-63.4: executing an agreement on the industrial assembly of truck tractors, buses, special equipment, cars or
    trucks gives the entity the opportunity to conclude contracts aimed at industrial development under those codes.
    For a code of those vehicles (by its HS heading) the entity needs an agreement under that code, executed on `on`
    (in force, its last check met, no notice open); any other code is not this provision's concern. A fact about
    the entity that the deciding app asks on its own authority, not a read scoped to a user."""
    category = rules.category_of_code(hs_code.strip())
    if category not in rules.IP_63_2:
        return Access(required=False, granted=True)
    candidates = Agreement.objects.filter(
        Q(organization__identifier=organization_identifier) | Q(parties__identifier=organization_identifier),
        concluded_on__lte=on,
    ).distinct()
    reasons: list[str] = []
    for agreement in candidates.order_by("-concluded_on", "-id"):
        code = hs_code.strip()
        if not any(c.startswith(code) or code.startswith(c) for c in agreement.hs_codes):
            continue
        result = _fulfilment(agreement, on)
        if result.value:
            return Access(required=True, granted=True, agreement=agreement.number)
        reasons += [f"{agreement.number}: {step.text}" for step in result.steps]
    if not reasons:
        reasons.append(
            gettext("the manufacturer has no industrial assembly agreement under code %(code)s") % {"code": hs_code}
        )
    return Access(required=True, granted=False, reasons=tuple(reasons))
