"""The catalogue's writes (IP-29 … IP-42, IP-13): the authorized body records the operators, publishes each
measure an operator provides, and opens the periods in which it takes applications."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.core.authz import Actor, require
from nisi.core.models import Organization
from nisi.core.services.journal import journal_append
from nisi.incentives.models import Measure, MeasureKind, MeasureWindow, Operator, OperatorKind
from nisi.incentives.rules import measures as measure_rules
from nisi.incentives.rules.findings import describe
from nisi.law import clock


class CatalogueError(ValueError):
    """A change of the catalogue refused; the message says what to do."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@transaction.atomic
def operator_record(*, actor: Actor, organization: Organization, kind: str) -> Operator:
    """Records an organization as an operator of measures, one of the bodies of IP-13 (or changes which)."""
    if kind not in OperatorKind.values:
        raise CatalogueError(_("Choose which body of IP-13 the operator is."), "kind")
    operator = Operator.objects.filter(organization=organization).first() or Operator(
        organization=organization, recorded_at=clock.now()
    )
    operator.kind = kind
    require(actor, operator, "record")
    operator.save()
    journal_append(
        actor=actor,
        subject_type="incentive_operator",
        subject_id=organization.identifier,
        action="recorded",
        payload={"kind": kind},
        provisions=["IP-13"],
    )
    return operator


@transaction.atomic
def measure_publish(
    *, actor: Actor, code: str, kind: str, operator: Operator, title: str, description: str = ""
) -> Measure:
    """Publishes a measure of one of IP-29's kinds as the operator provides it; the operator must be a body the
    measure's article names (IP-30 … IP-42; export support, IP-38)."""
    if kind not in MeasureKind.values:
        raise CatalogueError(_("Choose the kind of measure of IP-29."), "kind")
    title = title.strip()
    if not title or len(title) > 300:
        raise CatalogueError(_("Give the measure's title, at most 300 characters."), "title")
    problems = (
        measure_rules.export_operator(operator.kind, operator.organization.name)
        if kind == MeasureKind.EXPORT
        else measure_rules.operator_kind_problem(kind, operator.kind, operator.organization.name)
    )
    if problems:
        raise CatalogueError(" ".join(describe(p) for p in problems), "operator")
    measure = Measure.objects.filter(code=code).first() or Measure(code=code, created_at=clock.now())
    measure.kind, measure.operator, measure.title, measure.description = kind, operator, title, description.strip()
    require(actor, measure, "publish")
    measure.save()
    journal_append(
        actor=actor,
        subject_type="incentive_measure",
        subject_id=code,
        action="published",
        payload={"kind": kind, "operator": operator.organization.identifier},
        provisions=["IP-29"],
    )
    return measure


@transaction.atomic
def measure_window_open(
    *, actor: Actor, measure: Measure, opens_on: dt.date, closes_on: dt.date | None = None
) -> MeasureWindow:
    """A period in which the measure takes applications (both days included)."""
    require(actor, measure, "open")
    if closes_on is not None and closes_on < opens_on:
        raise CatalogueError(_("The closing day must not be before the opening day."), "closes_on")
    for other in measure.windows.all():
        if other.opens_on <= (closes_on or dt.date.max) and opens_on <= (other.closes_on or dt.date.max):
            raise CatalogueError(
                _("The period overlaps the measure's period from %(opens)s; change that one instead.")
                % {"opens": other.opens_on.isoformat()},
                "opens_on",
            )
    window = MeasureWindow.objects.create(measure=measure, opens_on=opens_on, closes_on=closes_on)
    journal_append(
        actor=actor,
        subject_type="incentive_measure",
        subject_id=measure.code,
        action="opened",
        payload={"opens_on": opens_on.isoformat(), "closes_on": closes_on.isoformat() if closes_on else None},
        provisions=["IP-29"],
    )
    return window
