"""The deadlines of periodic reports (`nisi.core.periods.PeriodicReport`) in the obliged parties' work queues:
opened once for every party that owes the period's report, closed when it reports (or when it no longer owes it).

The apps say who is obliged for a period and who has reported it; the deadline's term, trace, period parameter and
idempotence are the same for every periodic report and live here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from nisi.core.authz import SYSTEM
from nisi.core.models import Deadline, Organization, Region
from nisi.core.periods import Period, PeriodicReport, parse
from nisi.core.services.deadlines import DeadlineSpec, deadline_complete, deadline_open_many


@dataclass(frozen=True)
class Obliged:
    """One party that owes a period's report: the record it reports under (`subject_id`), the role and the
    organization and region whose work queue the deadline is in, and what the deadline's message says of it."""

    subject_id: str
    responsible_role: str
    organization: Organization | None = None
    region: Region | None = None
    params: dict[str, Any] = field(default_factory=dict)


@transaction.atomic
def report_deadlines_open(
    report: PeriodicReport,
    period: Period,
    obliged: Iterable[Obliged],
    *,
    reported: Iterable[tuple[str, int | None]] = (),
) -> int:
    """Opens the deadline of `period`'s report for each obliged party that has none for it yet and has not reported
    it (`reported`: the parties' `report.party_key`s). Due within the report's term after the period's last day;
    the period named in the deadline's parameters. Idempotent: run daily, it opens each once. Returns how many."""
    have = {
        report.party_key(subject_id, organization_id)
        for subject_id, organization_id in Deadline.objects.filter(**report.deadline_lookup(period)).values_list(
            "subject_id", "organization_id"
        )
    }
    done = have | {report.party_key(subject_id, organization_id) for subject_id, organization_id in reported}
    due = report.due(period)
    specs = []
    for party in obliged:
        key = report.party_key(party.subject_id, party.organization.pk if party.organization else None)
        if key in done:
            continue
        done.add(key)
        specs.append(
            DeadlineSpec(
                subject_type=report.subject_type,
                subject_id=party.subject_id,
                kind=report.kind,
                due=due,
                starts_on=period.last_day,
                provision=report.provision,
                responsible_role=party.responsible_role,
                organization=party.organization,
                region=party.region,
                params={**party.params, report.period_param: period.label()},
            )
        )
    deadline_open_many(actor=SYSTEM, specs=specs)
    return len(specs)


def _open(report: PeriodicReport, subject_id: str, organization: Organization | None) -> Any:
    rows = Deadline.objects.filter(
        subject_type=report.subject_type, subject_id=subject_id, kind=report.kind, status=Deadline.Status.OPEN
    )
    if report.per_organization:
        rows = rows.filter(organization=organization)
    return rows


def report_deadline_close(
    report: PeriodicReport, period: Period, subject_id: str, *, organization: Organization | None = None
) -> int:
    """The party reported `period`: its open deadline for it is completed (within the caller's transaction)."""
    rows = _open(report, subject_id, organization).filter(**{f"params__{report.period_param}": period.label()})
    closed = 0
    for deadline in rows.select_for_update():
        deadline_complete(actor=SYSTEM, deadline=deadline)
        closed += 1
    return closed


def report_deadlines_close_after(
    report: PeriodicReport, subject_id: str, day: dt.date, *, organization: Organization | None = None
) -> int:
    """The party owes nothing after `day` (its activity ceased): its open deadlines of periods that begin after
    that day are completed."""
    closed = 0
    for deadline in _open(report, subject_id, organization).select_for_update():
        period = parse(str(deadline.params.get(report.period_param, "")))
        if period is not None and period.first_day > day:
            deadline_complete(actor=SYSTEM, deadline=deadline)
            closed += 1
    return closed
