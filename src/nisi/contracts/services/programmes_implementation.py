"""The implementation of an agreed domestic value development programme (IP-61-1.5, IP-61-1.6): the customer gives
the information on each year's implementation, which the authorized body monitors; the authorized body recognises
the obligations fulfilled or not, recording "not the customer's fault" with its reason. Each term is a deadline in
the work queue of whoever must act."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.contracts.models import DomesticValueProgramme, ProgrammeReport, ReportFigure
from nisi.contracts.rules import programmes as rules
from nisi.contracts.services.programmes_common import (
    PROGRAMME_SUBJECT,
    REPORT_SUBJECT,
    ProgrammeError,
    Status,
    fail,
    in_force,
    report_subject_id,
)
from nisi.core.authz import SYSTEM, Actor, require
from nisi.core.models import Deadline
from nisi.core.roles import Role
from nisi.core.services.deadlines import deadline_complete, deadline_open_for_term
from nisi.core.services.journal import journal_append
from nisi.core.transitions import Context, Notice, Transition, transition_apply
from nisi.law import clock


def _close_deadlines(subject_type: str, subject_id: str) -> None:
    for deadline in Deadline.objects.select_for_update().filter(
        subject_type=subject_type, subject_id=subject_id, status=Deadline.Status.OPEN
    ):
        deadline_complete(actor=SYSTEM, deadline=deadline)


@transaction.atomic
def programme_report_submit(
    *,
    actor: Actor,
    programme: DomesticValueProgramme,
    year: int,
    summary: str,
    figures: Mapping[int, Decimal],
) -> ProgrammeReport:
    """The customer's information on a year of the programme's implementation (IP-61-1.5): what was done, and the
    value each target reached that year. A late report is accepted and marked late."""
    programme = DomesticValueProgramme.objects.select_for_update().select_related("organization").get(pk=programme.pk)
    require(actor, programme, "report")
    today = clock.today()
    in_force("IP-61-1.5", today)
    problems = rules.report_year_problems(year, programme.years, today)
    if not summary.strip():
        problems.append(_("Describe what was done in the year under each area of the programme."))
    if programme.reports.filter(year=year).exists():
        problems.append(_("The information for this year was already given."))
    targets = list(programme.targets.all())
    missing = [t.indicator for t in targets if t.pk not in figures]
    if missing:
        problems.append(_("Give the value reached for each target: %(targets)s.") % {"targets": "; ".join(missing)})
    if any(v < 0 for v in figures.values()):
        problems.append(_("A value reached cannot be negative."))
    fail(problems)
    due = rules.report_due(year)
    report = ProgrammeReport.objects.create(
        programme=programme,
        year=year,
        summary=summary.strip(),
        submitted_on=today,
        submitted_late=today > due.value,
        submitted_by_label=actor.label,
    )
    ReportFigure.objects.bulk_create([ReportFigure(report=report, target=t, actual=figures[t.pk]) for t in targets])
    subject_id = report_subject_id(programme, year)
    _close_deadlines(REPORT_SUBJECT, subject_id)
    deadline_open_for_term(
        actor=actor,
        term="domestic_value_programme_monitoring_term",
        starts_on=today,
        subject_type=REPORT_SUBJECT,
        subject_id=subject_id,
        kind="contracts.deadline.programme_monitoring",
        responsible_role=Role.AUTHORIZED_BODY,
        organization=programme.organization,
        params={"number": programme.number, "year": year},
    )
    journal_append(
        actor=actor,
        subject_type=PROGRAMME_SUBJECT,
        subject_id=programme.number,
        action="report_submitted",
        payload={
            "year": year,
            "late": report.submitted_late,
            "due_on": due.value.isoformat(),
            "figures": {t.indicator: str(figures[t.pk]) for t in targets},
        },
        provisions=["IP-61-1.5"],
    )
    return report


def _monitor_check(ctx: Context) -> None:
    assessment = ctx.fields["assessment"]
    if assessment not in ProgrammeReport.Assessment.values:
        raise ProgrammeError(_("Choose the assessment: being implemented as agreed, or lagging."), "assessment")
    if assessment == ProgrammeReport.Assessment.LAGGING and not ctx.fields["monitoring_notes"].strip():
        raise ProgrammeError(_("Say which targets or actions lag behind; the customer reads it."), "notes")
    ctx.fields["monitoring_notes"] = ctx.fields["monitoring_notes"].strip()
    ctx.fields["monitored_by_label"] = ctx.actor.label


REPORT_MONITOR = Transition(
    name="monitor",
    subject_type=REPORT_SUBJECT,
    journal_action="monitored",
    journal_provisions=("IP-61-1.5",),
    target=ProgrammeReport.Status.MONITORED,
    sources=(ProgrammeReport.Status.SUBMITTED,),
    provision="IP-61-1.5",
    subject_id=lambda r: report_subject_id(r.programme, r.year),
    related=("programme__organization",),
    dated_field="monitored_on",
    error=ProgrammeError,
    check=_monitor_check,
    closes=("*",),
    notice=Notice(
        "contracts.programme.report_monitored",
        ("IP-61-1.5",),
        lambda ctx: {
            "number": ctx.record.programme.number,
            "year": ctx.record.year,
            "assessment": str(ProgrammeReport.Assessment(ctx.fields["assessment"]).label),
            "notes": ctx.fields["monitoring_notes"],
        },
        organization=lambda ctx: ctx.record.programme.organization,
    ),
)


def programme_report_monitor(*, actor: Actor, report: ProgrammeReport, assessment: str, notes: str) -> ProgrammeReport:
    """The authorized body's monitoring of a year's information (IP-61-1.5): implemented as agreed, or lagging with
    what lags."""
    done: ProgrammeReport = transition_apply(
        actor=actor, record=report, transition=REPORT_MONITOR, assessment=assessment, monitoring_notes=notes
    )
    return done


def _recognise_check(ctx: Context) -> None:
    p = ctx.record
    outcome = ctx.fields["status"]
    no_fault = bool(ctx.fields["no_fault"])
    fail(rules.fulfilment_problems(outcome, no_fault, ctx.fields["no_fault_reason"], ctx.reasons))
    monitored = set(p.reports.filter(status=ProgrammeReport.Status.MONITORED).values_list("year", flat=True))
    every_year = set(p.years) <= monitored
    last_due_passed = ctx.on > rules.report_due(p.last_year).value
    if outcome == rules.FULFILLED and not every_year:
        raise ProgrammeError(
            _("The obligations are recognised as fulfilled once the information for every year has been monitored.")
        )
    if outcome == rules.NOT_FULFILLED and not (every_year or last_due_passed):
        raise ProgrammeError(
            _(
                "Recognise the obligations once the information for every year has been monitored, or once the last "
                "year's information is overdue."
            )
        )
    ctx.fields["no_fault_reason"] = ctx.fields["no_fault_reason"].strip() if no_fault else ""
    ctx.fields["recognised_by_label"] = ctx.actor.label
    ctx.fields["recognition_reasons"] = ctx.reasons


PROGRAMME_RECOGNISE = Transition(
    name="recognise",
    subject_type=PROGRAMME_SUBJECT,
    journal_action=lambda ctx: str(ctx.fields["status"]),
    journal_provisions=("IP-61-1.6",),
    sources=(Status.AGREED,),
    provision="IP-61-1.6",
    related=("organization",),
    dated_field="recognised_on",
    error=ProgrammeError,
    check=_recognise_check,
    closes=("*",),
    payload=lambda ctx: {
        "outcome": ctx.fields["status"],
        "reasons": ctx.reasons,
        "no_fault": ctx.fields["no_fault"],
        "no_fault_reason": ctx.fields["no_fault_reason"],
        "liability": rules.liability_applies(ctx.fields["status"], ctx.fields["no_fault"]),
    },
    notice=Notice(
        "contracts.programme.recognised",
        ("IP-61-1.6",),
        lambda ctx: {
            "number": ctx.record.number,
            "outcome": str(Status(ctx.fields["status"]).label),
            "reasons": ctx.reasons,
        },
    ),
)


def programme_recognise(
    *,
    actor: Actor,
    programme: DomesticValueProgramme,
    outcome: str,
    reasons: str,
    no_fault: bool = False,
    no_fault_reason: str = "",
) -> DomesticValueProgramme:
    """Recognises the programme's obligations fulfilled or not (IP-61-1.6); a failure not through the customer's
    fault is recorded with its reason, and then entails no liability."""
    if outcome not in (rules.FULFILLED, rules.NOT_FULFILLED):
        raise ProgrammeError(_("Choose whether the programme's obligations are fulfilled or not."), "outcome")
    done: DomesticValueProgramme = transition_apply(
        actor=actor,
        record=programme,
        transition=PROGRAMME_RECOGNISE,
        reasons=reasons,
        status=outcome,
        no_fault=no_fault,
        no_fault_reason=no_fault_reason,
    )
    return done
