"""The officers' and organizations' reads: projects and quarterly reports each may see, and the state of a quarter's
information (who reported, late, missing), which the authorized body watches (IP-6.2)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from nisi.core import periods
from nisi.core.authz import Actor, scope
from nisi.core.models import Deadline
from nisi.core.publication.selectors import end_of_day
from nisi.core.roles import Role
from nisi.core.selectors import period_deadlines
from nisi.industrialization.messages import QUARTERLY_REPORT
from nisi.industrialization.models import Project, ProjectVersion, QuarterlyReport
from nisi.industrialization.rules import Quarter
from nisi.industrialization.selectors.map import quarter_end_moment, versions_at
from nisi.law import clock


def projects_for(actor: Actor) -> QuerySet[Project]:
    """The projects the actor may see: the public the included and excluded ones; an officer by reach."""
    if actor.is_public:
        return Project.objects.filter(status__in=[Project.Status.INCLUDED, Project.Status.EXCLUDED])
    seen = scope(actor, Project.objects.all(), "view")
    public = Project.objects.filter(status__in=[Project.Status.INCLUDED, Project.Status.EXCLUDED])
    return (seen | public).distinct().select_related("region", "initiator", "responsible")


def project_by_number(actor: Actor, number: str) -> Project | None:
    return projects_for(actor).filter(number=number).first()


def reportable_for(actor: Actor) -> QuerySet[Project]:
    """The included projects on which the actor gives the quarterly information: an akimat those of its region no
    state body or holding is responsible for, a responsible body its own (IP-6.2, IP-11.8)."""
    regions = [g.region_code for g in actor.grants if g.role == Role.AKIMAT and g.region_code]
    bodies = [g.organization_id for g in actor.grants if g.role == Role.RESPONSIBLE_BODY and g.organization_id]
    mine = Q(pk__in=[])
    if regions:
        mine |= Q(region_id__in=regions, responsible__isnull=True)
    if bodies:
        mine |= Q(responsible_id__in=bodies)
    return Project.objects.filter(mine, status=Project.Status.INCLUDED).select_related("region", "responsible")


def reports_for(actor: Actor) -> QuerySet[QuarterlyReport]:
    return scope(actor, QuarterlyReport.objects.all(), "view").select_related("project", "region")


@dataclass
class QuarterLine:
    project: Project
    report: QuarterlyReport | None
    deadline: Deadline | None

    @property
    def state(self) -> str:
        return periods.state(
            reported_late=None if self.report is None else self.report.late,
            due=self.deadline.due_on if self.deadline else None,
            today=clock.today(),
        ).value


def quarter_status(actor: Actor, quarter: Quarter) -> list[QuarterLine]:
    """For each project in the map at the quarter's end (or reported on for it) that the actor may see: its report,
    or the open term of the missing one. The authorized body sees every line; an akimat its region's."""
    in_map = versions_at(quarter_end_moment(quarter)).filter(status=Project.Status.INCLUDED)
    reported = QuarterlyReport.objects.filter(year=quarter.year, quarter=quarter.number)
    projects = (
        scope(
            actor,
            Project.objects.filter(Q(pk__in=in_map.values("project_id")) | Q(pk__in=reported.values("project_id"))),
            "view",
        )
        .select_related("region", "responsible")
        .order_by("region_id", "number")
    )
    reports = {r.project_id: r for r in QuarterlyReport.objects.filter(year=quarter.year, quarter=quarter.number)}
    deadlines = period_deadlines(QUARTERLY_REPORT, quarter)
    return [
        QuarterLine(p, reports.get(p.pk), deadlines.get(QUARTERLY_REPORT.party_key(p.number, None))) for p in projects
    ]


def project_on_map(number: str, on: dt.date) -> ProjectVersion | None:
    """A project as the map showed it at the end of `on`, Kazakhstan time (ADR 45): the version current then, if
    the project was on the map that day; the same version the map's page as of that day shows."""
    return (
        ProjectVersion.objects.at(end_of_day(on))
        .filter(project__number=number, status=Project.Status.INCLUDED)
        .select_related("project")
        .first()
    )
