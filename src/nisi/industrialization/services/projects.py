"""Projects of the unified map of industrialization (IP-6.2): the application for inclusion, its check, the
inclusion, a refusal and an exclusion with reasons (IP-9.7, IP-9.11). Every change writes the project's next
version (ADR 0029)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.core.authz import Actor, require
from nisi.core.identifiers import InvalidIdentifier, validate
from nisi.core.models import ClassifierCode, Organization
from nisi.core.roles import Role
from nisi.core.services.deadlines import deadline_open_for_term
from nisi.core.services.journal import journal_append
from nisi.core.services.organizations import OrganizationError, check_oked, region_for_kato
from nisi.core.transitions import Context, Notice, Transition, transition_apply
from nisi.industrialization import publication, rules
from nisi.industrialization.messages import CHECK_DEADLINE, SUBJECT
from nisi.industrialization.models import Project, ProjectStage, ProjectVersion, ResponsibleKind, Stage
from nisi.industrialization.shapes import region_shapes
from nisi.law import clock

MAX_HS_CODES = 50
MAX_MONEY = Decimal(10) ** 18


class MapError(ValueError):
    """A project or its information refused; the message says what to do, `field` names the question."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class StagePlan:
    stage: str
    planned_on: dt.date
    actual_on: dt.date | None = None


def _organization(identifier: str, field: str) -> Organization:
    try:
        bin_ = validate(identifier)
    except InvalidIdentifier as exc:
        raise MapError(str(exc), field) from exc
    found = Organization.objects.filter(identifier=bin_).first()
    if found is None:
        raise MapError(
            _("No organization with BIN %(bin)s is known to the system; register it first.") % {"bin": bin_}, field
        )
    return found


def _check_point(latitude: Decimal, longitude: Decimal, region_code: str) -> None:
    """IP-6.2: a project of the map is implemented in the Republic; its point lies in the region its KATO names."""
    found = rules.region_at(float(longitude), float(latitude), region_shapes())
    if found is None:
        raise MapError(
            _(
                "The point %(lat)s, %(lon)s is outside the territory of Kazakhstan. Give the latitude and longitude "
                "of the project's site in decimal degrees (for example 51.128, 71.430)."
            )
            % {"lat": latitude, "lon": longitude},
            "latitude",
        )
    if found != region_code:
        raise MapError(
            _(
                "The point lies in the region with code %(found)s, but the KATO code names region %(kato)s. Check the "
                "KATO code or the coordinates."
            )
            % {"found": found, "kato": region_code},
            "latitude",
        )


def _check_hs(codes: Sequence[str]) -> list[str]:
    cleaned = sorted({c.strip() for c in codes if c.strip()})
    if len(cleaned) > MAX_HS_CODES:
        raise MapError(_("Give at most %(max)s product codes.") % {"max": MAX_HS_CODES}, "hs_codes")
    known = set(
        ClassifierCode.objects.filter(
            system__in=[ClassifierCode.System.HS, ClassifierCode.System.TNVED], code__in=cleaned
        ).values_list("code", flat=True)
    )
    unknown = [c for c in cleaned if c not in known]
    if unknown:
        raise MapError(
            _("These product codes are not in the HS or TN VED classifier: %(codes)s. Check them.")
            % {"codes": ", ".join(unknown)},
            "hs_codes",
        )
    return cleaned


def _check_stages(stages: Sequence[StagePlan], today: dt.date) -> None:
    if not any(s.stage == Stage.COMMISSIONING for s in stages):
        raise MapError(_("Give the planned date of commissioning: the map counts projects by it."), "stages")
    seen: set[str] = set()
    for s in stages:
        if s.stage not in Stage.values:
            raise MapError(_("Unknown stage %(stage)s.") % {"stage": s.stage}, "stages")
        if s.stage in seen:
            raise MapError(_("Give each stage once."), "stages")
        seen.add(s.stage)
        if s.actual_on is not None and s.actual_on > today:
            raise MapError(_("An actual date cannot be in the future."), "stages")


def commissioning_year(project: Project) -> int:
    planned = [s.planned_on for s in project.stages.all() if s.stage == Stage.COMMISSIONING]
    return planned[0].year if planned else project.applied_on.year


def version_write(project: Project) -> ProjectVersion:
    """Closes the project's current version and opens the next with what it is now (in the caller's transaction)."""
    now = clock.now()
    ProjectVersion.objects.filter(project=project, valid_to__isnull=True).update(valid_to=now)
    stages = {
        s.stage: {"planned_on": s.planned_on.isoformat(), "actual_on": s.actual_on.isoformat() if s.actual_on else None}
        for s in project.stages.all()
    }
    version = ProjectVersion.objects.create(
        project=project,
        valid_from=now,
        status=project.status,
        region_id=project.region_id,
        oked=project.oked,
        stage=project.stage,
        investment=project.investment,
        jobs=project.jobs,
        year=commissioning_year(project),
        data={
            "number": project.number,
            "name": project.name,
            "initiator": project.initiator.identifier,
            "kato": project.kato,
            "latitude": str(project.latitude),
            "longitude": str(project.longitude),
            "hs_codes": project.hs_codes,
            "capacity": project.capacity,
            "responsible_kind": project.responsible_kind,
            "stages": stages,
        },
    )
    publication.version_published(version)  # the map's change in the feed of changes, in this transaction (ADR 37)
    return version


@transaction.atomic
def project_apply(
    *,
    actor: Actor,
    name: str,
    initiator: str,
    kato: str,
    latitude: Decimal,
    longitude: Decimal,
    oked: str,
    hs_codes: Sequence[str],
    investment: Decimal,
    jobs: int,
    capacity: str,
    responsible_kind: str,
    responsible: str | None,
    stages: Sequence[StagePlan],
) -> Project:
    """An application to include an industrial and innovative project in the map (IP-6.2, IP-9.11): the initiator
    by BIN, its place by KATO and a point inside that region, its industry (OKED), products (HS codes), investment,
    jobs, capacity, stages and who informs on it every quarter."""
    today = clock.today()
    if not name.strip():
        raise MapError(_("Give the project's name."), "name")
    initiator_org = _organization(initiator, "initiator")
    try:
        region = region_for_kato(kato)
        check_oked(oked)
    except OrganizationError as exc:
        raise MapError(str(exc), "oked" if "OKED" in str(exc) else "kato") from exc
    if region is None:
        raise MapError(_("Give the KATO code of the project's locality."), "kato")
    if not oked:
        raise MapError(_("Give the project's OKED code."), "oked")
    if not Decimal(0) <= investment < MAX_MONEY or investment.as_tuple().exponent < -2:  # type: ignore[operator]
        raise MapError(_("The investment is tenge, zero or more, with at most 2 decimal places."), "investment")
    if jobs < 0:
        raise MapError(_("The number of jobs is zero or more."), "jobs")
    if responsible_kind not in ResponsibleKind.values:
        raise MapError(_("Choose who informs on the project every quarter."), "responsible_kind")
    responsible_org = None
    if responsible_kind != ResponsibleKind.AKIMAT:
        if not responsible:
            raise MapError(_("Give the BIN of the responsible state body or national managing holding."), "responsible")
        responsible_org = _organization(responsible, "responsible")
    _check_point(latitude, longitude, region.code)
    codes = _check_hs(hs_codes)
    _check_stages(stages, today)
    project = Project(
        number="",
        name=name.strip()[:300],
        initiator=initiator_org,
        region=region,
        kato=kato,
        latitude=latitude,
        longitude=longitude,
        oked=oked,
        hs_codes=codes,
        investment=investment,
        jobs=jobs,
        capacity=capacity.strip()[:200],
        responsible_kind=responsible_kind,
        responsible=responsible_org,
        applied_on=today,
        created_at=clock.now(),
    )
    require(actor, project, "apply")
    project.save()
    project.number = f"IM-{today.year}-{project.pk:06d}"
    project.save(update_fields=["number"])
    ProjectStage.objects.bulk_create(
        [ProjectStage(project=project, stage=s.stage, planned_on=s.planned_on, actual_on=s.actual_on) for s in stages]
    )
    version_write(project)
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=project.number,
        action="applied",
        payload={"initiator": initiator_org.identifier, "kato": kato, "investment": str(investment), "jobs": jobs},
        provisions=["IP-6.2", "IP-9.11"],
    )
    deadline_open_for_term(
        actor=actor,
        term="industrialization_application_check_term",
        starts_on=today,
        subject_type=SUBJECT,
        subject_id=project.number,
        kind=CHECK_DEADLINE,
        responsible_role=Role.AUTHORIZED_BODY,
        params={"number": project.number},
    )
    return project


def _version(ctx: Context) -> None:
    version_write(ctx.record)


def _initiator(ctx: Context) -> Organization | None:
    organization: Organization = ctx.record.initiator
    return organization


def _notice(key: str) -> Notice:
    return Notice(
        message_key=key,
        provisions=("IP-6.2",),
        params=lambda ctx: {"number": ctx.record.number, "reasons": ctx.reasons},
        organization=_initiator,
    )


P = Project.Status
_COMMON: dict[str, Any] = {
    "subject_type": SUBJECT,
    "journal_provisions": ("IP-6.2", "IP-9.11"),
    "provision": "IP-6.2",
    "related": ("initiator",),
    "error": MapError,
    "decided_at_field": "decided_at",
    "decided_by_field": "decided_by",
    "then": _version,
}
CHECK = Transition(
    name="check", journal_action="checked", target=P.CHECKED, sources=(P.APPLIED,), dated_field="checked_on", **_COMMON
)
INCLUDE = Transition(
    name="include",
    journal_action="included",
    target=P.INCLUDED,
    sources=(P.CHECKED,),
    dated_field="included_on",
    closes=(CHECK_DEADLINE,),
    notice=_notice("industrialization.project.included"),
    **_COMMON,
)
REFUSE = Transition(
    name="refuse",
    journal_action="refused",
    target=P.REFUSED,
    sources=(P.APPLIED, P.CHECKED),
    reasons_field="reasons",
    closes=(CHECK_DEADLINE,),
    notice=_notice("industrialization.project.refused"),
    **_COMMON,
)
EXCLUDE = Transition(
    name="exclude",
    journal_action="excluded",
    target=P.EXCLUDED,
    sources=(P.INCLUDED,),
    reasons_field="reasons",
    dated_field="excluded_on",
    closes=("*",),
    notice=_notice("industrialization.project.excluded"),
    **_COMMON,
)


def project_check(*, actor: Actor, project: Project) -> Project:
    """The authorized body checked the application against the rules of inclusion (IP-9.11)."""
    result: Project = transition_apply(actor=actor, record=project, transition=CHECK)
    return result


def project_include(*, actor: Actor, project: Project) -> Project:
    """The authorized body includes the checked project in the map (IP-6.2, IP-9.7)."""
    result: Project = transition_apply(actor=actor, record=project, transition=INCLUDE)
    return result


def project_refuse(*, actor: Actor, project: Project, reasons: str) -> Project:
    """The authorized body refuses to include the project, with reasons the initiator reads."""
    result: Project = transition_apply(actor=actor, record=project, transition=REFUSE, reasons=reasons)
    return result


def project_exclude(*, actor: Actor, project: Project, reasons: str) -> Project:
    """The authorized body excludes the project from the map, with reasons; its open quarterly terms are closed."""
    result: Project = transition_apply(actor=actor, record=project, transition=EXCLUDE, reasons=reasons)
    return result
