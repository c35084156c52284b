"""Reads of the one-stop applications: the facts the IP-25.5 conditions are checked on (gathered from their
sources as they stood on the day), the public pre-check, and each actor's own lists."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from nisi.core.authz import Actor, policy_for, scope
from nisi.core.models import Organization
from nisi.incentives.facts import MeasureOn, facts_on
from nisi.incentives.models import IncentiveApplication, RequestedMeasure
from nisi.incentives.rules import conditions as rules
from nisi.incentives.selectors.catalogue import catalogue_on


@dataclass(frozen=True)
class Precheck:
    organization: Organization | None
    on: dt.date
    conditions: list[rules.Condition]
    measures: list[MeasureOn]

    @property
    def would_pass(self) -> bool | None:
        """No if any condition fails; yes if all pass; unknown while one is asked only when applying."""
        if any(c.passed is False for c in self.conditions) or self.organization is None:
            return False
        return None if any(c.passed is None for c in self.conditions) else True


def precheck(identifier: str, on: dt.date) -> Precheck:
    """For a BIN, every measure open on `on` and whether the entity would pass each IP-25.5 condition, with the
    reason for each "no" (public: the facts are the public register's and the public list's)."""
    organization = Organization.objects.filter(identifier=identifier).first()
    open_measures = catalogue_on(on, open_only=True)
    if organization is None:
        return Precheck(None, on, [], open_measures)
    checked = rules.check(facts_on(organization, on, goods=None, counter_obligations_accepted=None))
    return Precheck(organization, on, checked, open_measures)


def applications_for(actor: Actor) -> QuerySet[IncentiveApplication]:
    return scope(actor, IncentiveApplication.objects.select_related("organization")).order_by("-submitted_at", "-id")


def requests_for(actor: Actor) -> QuerySet[RequestedMeasure]:
    """The requested measures the actor reaches: an operator's, those routed to its organization."""
    rows = RequestedMeasure.objects.select_related("application__organization", "measure", "operator")
    # Only the states the actor's roles see: a request the nisi refused never reached its operator.
    table = policy_for(RequestedMeasure).table
    states = [state for state, by_role in table.items() if any("view" in by_role.get(r, ()) for r in actor.roles)]
    return scope(actor, rows).filter(status__in=states).order_by("-application__submitted_at", "number")


def application_by_number(number: str) -> IncentiveApplication | None:
    return IncentiveApplication.objects.select_related("organization").filter(number=number).first()


def request_by_number(number: str) -> RequestedMeasure | None:
    rows = RequestedMeasure.objects.select_related("application__organization", "measure__operator", "operator")
    return rows.filter(number=number).first()
