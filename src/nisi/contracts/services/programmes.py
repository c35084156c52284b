"""Every write of the domestic value development programmes (IP-61-1): the large customer prepares its three-year
programme (its four areas, each with actions and targets) and submits it; the authorized body records the
natural-monopoly regulator's agreement (ADR 22), agrees the programme or refuses it on a ground of IP-61-1.2. The
implementation — each year's information, its monitoring, the recognition (IP-61-1.5, IP-61-1.6) — is in
`programmes_implementation`, whose steps this module also offers. Each term is a deadline in the work queue of
whoever must act."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.contracts.models import (
    DomesticValueProgramme,
    LargeCustomerKind,
    ProgrammeAction,
    ProgrammeArea,
    ProgrammeTarget,
    RefusalGround,
    TargetValue,
)
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
from nisi.contracts.services.programmes_implementation import (
    PROGRAMME_RECOGNISE,
    REPORT_MONITOR,
    programme_recognise,
    programme_report_monitor,
    programme_report_submit,
)
from nisi.core.authz import Actor, require
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.core.services.deadlines import deadline_open
from nisi.core.services.journal import journal_append
from nisi.core.transitions import Context, Notice, Opens, Transition, transition_apply
from nisi.law import clock

# The implementation's steps are offered here too: callers write `programmes.programme_report_submit(...)`.
__all__ = [
    "PROGRAMME_AGREE",
    "PROGRAMME_RECOGNISE",
    "PROGRAMME_REFUSE",
    "PROGRAMME_REGULATOR",
    "PROGRAMME_SUBJECT",
    "PROGRAMME_SUBMIT",
    "REPORT_MONITOR",
    "REPORT_SUBJECT",
    "ProgrammeError",
    "as_planned",
    "programme_action_add",
    "programme_agree",
    "programme_create",
    "programme_item_remove",
    "programme_recognise",
    "programme_refuse",
    "programme_regulator_record",
    "programme_report_monitor",
    "programme_report_submit",
    "programme_submit",
    "programme_target_add",
    "report_subject_id",
]


def as_planned(programme: DomesticValueProgramme) -> list[rules.PlannedArea]:
    """The programme's areas as the rules see them."""
    actions = list(programme.actions.all())
    targets = list(programme.targets.prefetch_related("values"))
    return [
        rules.PlannedArea(
            area=area,
            actions=[rules.PlannedAction(a.description, a.due_on) for a in actions if a.area == area],
            targets=[
                rules.PlannedTarget(
                    indicator=t.indicator,
                    is_share=t.is_share,
                    baseline=t.baseline,
                    values={v.year: v.planned for v in t.values.all()},
                )
                for t in targets
                if t.area == area
            ],
        )
        for area in ProgrammeArea.values
    ]


@transaction.atomic
def programme_create(
    *, actor: Actor, organization: Organization, customer_kind: str, title: str, first_year: int
) -> DomesticValueProgramme:
    """A large customer starts its three-year programme (IP-61-1.1, 61-1.2), of its kind of large customer."""
    today = clock.today()
    in_force("IP-61-1.1", today)
    draft = DomesticValueProgramme(organization=organization, customer_kind=customer_kind, status=Status.DRAFT)
    require(actor, draft, "create")
    problems = []
    if customer_kind not in LargeCustomerKind.values:
        problems.append(_("Choose the kind of large customer (IP-1.25)."))
    if not title.strip():
        problems.append(_("Give the programme a title."))
    problems.extend(rules.first_year_problems(first_year, today))
    fail(problems)
    years = rules.programme_years(first_year, today)
    programme = DomesticValueProgramme.objects.create(
        number=f"tmp-{uuid.uuid4().hex[:16]}",
        organization=organization,
        customer_kind=customer_kind,
        title=title.strip(),
        first_year=years[0],
        last_year=years[-1],
        created_at=clock.now(),
    )
    programme.number = f"DVP-{first_year}-{programme.pk:05d}"
    programme.save(update_fields=["number"])
    journal_append(
        actor=actor,
        subject_type=PROGRAMME_SUBJECT,
        subject_id=programme.number,
        action="created",
        payload={"kind": customer_kind, "years": [years[0], years[-1]], "title": programme.title},
        provisions=["IP-61-1.1", "IP-61-1.2"],
    )
    return programme


def _editable(actor: Actor, programme: DomesticValueProgramme) -> DomesticValueProgramme:
    locked = DomesticValueProgramme.objects.select_for_update().get(pk=programme.pk)
    require(actor, locked, "edit")
    return locked


def _area(area: str) -> None:
    if area not in ProgrammeArea.values:
        raise ProgrammeError(_("Choose one of the four areas of IP-61-1.3."), "area")


@transaction.atomic
def programme_action_add(
    *, actor: Actor, programme: DomesticValueProgramme, area: str, kind: str, description: str, due_on: dt.date
) -> ProgrammeAction:
    """An action of an area's action plan (IP-61-1.4), due within the programme's years."""
    programme = _editable(actor, programme)
    _area(area)
    if kind not in ProgrammeAction.Kind.values:
        raise ProgrammeError(_("Choose whose measure the action is."), "kind")
    if not description.strip():
        raise ProgrammeError(_("Describe the action."), "description")
    fail(rules.action_problems(due_on, programme.years), "due_on")
    action = ProgrammeAction.objects.create(
        programme=programme, area=area, kind=kind, description=description.strip(), due_on=due_on
    )
    journal_append(
        actor=actor,
        subject_type=PROGRAMME_SUBJECT,
        subject_id=programme.number,
        action="action_added",
        payload={"area": area, "kind": kind, "description": action.description, "due_on": due_on.isoformat()},
        provisions=["IP-61-1.4"],
    )
    return action


@transaction.atomic
def programme_target_add(
    *,
    actor: Actor,
    programme: DomesticValueProgramme,
    area: str,
    indicator: str,
    unit: str,
    is_share: bool,
    baseline: Decimal,
    values: Mapping[int, Decimal],
) -> ProgrammeTarget:
    """A target of an area (IP-61-1.4): its indicator, baseline and value for each year of the programme."""
    programme = _editable(actor, programme)
    _area(area)
    if not indicator.strip():
        raise ProgrammeError(_("Name the indicator."), "indicator")
    if not unit.strip():
        raise ProgrammeError(_("Give the indicator's unit, for example per cent or contracts."), "unit")
    planned = rules.PlannedTarget(indicator=indicator.strip(), is_share=is_share, baseline=baseline, values=values)
    fail(rules.target_problems(planned, programme.years))
    target = ProgrammeTarget.objects.create(
        programme=programme,
        area=area,
        indicator=indicator.strip(),
        unit=unit.strip(),
        is_share=is_share,
        baseline=baseline,
    )
    TargetValue.objects.bulk_create([TargetValue(target=target, year=y, planned=v) for y, v in sorted(values.items())])
    journal_append(
        actor=actor,
        subject_type=PROGRAMME_SUBJECT,
        subject_id=programme.number,
        action="target_added",
        payload={
            "area": area,
            "indicator": target.indicator,
            "unit": target.unit,
            "share": is_share,
            "baseline": str(baseline),
            "values": {str(y): str(v) for y, v in sorted(values.items())},
        },
        provisions=["IP-61-1.4"],
    )
    return target


@transaction.atomic
def programme_item_remove(*, actor: Actor, programme: DomesticValueProgramme, item: str, item_id: int) -> None:
    """Removes an action or a target from a programme being prepared (or corrected after a refusal)."""
    programme = _editable(actor, programme)
    rows = ProgrammeAction.objects if item == "action" else ProgrammeTarget.objects
    found = rows.filter(programme=programme, pk=item_id).first()
    if found is None:
        raise ProgrammeError(_("That action or target is no longer in the programme. Reload the page."))
    label = str(found)
    found.delete()
    journal_append(
        actor=actor,
        subject_type=PROGRAMME_SUBJECT,
        subject_id=programme.number,
        action=f"{item}_removed",
        payload={"removed": label},
        provisions=["IP-61-1.4"],
    )


def _complete(ctx: Context) -> None:
    fail(rules.completeness_problems(as_planned(ctx.record), ctx.record.years))
    ctx.fields["reasons"] = ""  # a resubmission clears the refusal (kept in the journal)


def _programme_params(ctx: Context) -> dict[str, object]:
    p = ctx.record
    return {"number": p.number, "first_year": p.first_year, "last_year": p.last_year}


PROGRAMME_SUBMIT = Transition(
    name="submit",
    subject_type=PROGRAMME_SUBJECT,
    journal_action="submitted",
    journal_provisions=("IP-61-1.2", "IP-61-1.3", "IP-61-1.4"),
    target=Status.SUBMITTED,
    sources=(Status.DRAFT, Status.REFUSED),
    provision="IP-61-1.2",
    dated_field="submitted_on",
    error=ProgrammeError,
    check=_complete,
    closes=("*",),
    opens=(
        Opens(
            term="domestic_value_programme_review_term",
            kind="contracts.deadline.programme_review",
            responsible_role=Role.AUTHORIZED_BODY,
        ),
    ),
    notice=Notice("contracts.programme.submitted", ("IP-61-1.2",), _programme_params),
)


def programme_submit(*, actor: Actor, programme: DomesticValueProgramme) -> DomesticValueProgramme:
    """The customer submits the programme for agreement once each area has its actions and targets; a refused
    programme, corrected, is submitted again."""
    done: DomesticValueProgramme = transition_apply(
        actor=actor,
        record=programme,
        transition=PROGRAMME_SUBMIT,
        refusal_ground="",
        refused_by="",
        regulator_name="",
        regulator_letter="",
        regulator_agreed_on=None,
        regulator_recorded_by_label="",
    )
    return done


def _regulator_check(ctx: Context) -> None:
    p = ctx.record
    if rules.REGULATOR not in rules.agreeing_bodies(p.customer_kind):
        raise ProgrammeError(_("Only a natural monopoly's programme is agreed with the natural-monopoly regulator."))
    if p.regulator_agreed_on is not None:
        raise ProgrammeError(_("The regulator's agreement is already recorded."))
    problems = []
    if not ctx.fields["regulator_name"].strip():
        problems.append(_("Name the state body overseeing the natural monopoly's sphere."))
    if not ctx.fields["regulator_letter"].strip():
        problems.append(_("Give the number and date of the regulator's letter."))
    agreed_on = ctx.fields["regulator_agreed_on"]
    if agreed_on > ctx.on or (p.submitted_on and agreed_on < p.submitted_on):
        problems.append(_("The regulator agreed between the submission and today: correct the date of its letter."))
    fail(problems)
    ctx.fields["regulator_name"] = ctx.fields["regulator_name"].strip()
    ctx.fields["regulator_letter"] = ctx.fields["regulator_letter"].strip()
    ctx.fields["regulator_recorded_by_label"] = ctx.actor.label


PROGRAMME_REGULATOR = Transition(
    name="record_regulator",
    subject_type=PROGRAMME_SUBJECT,
    journal_action="regulator_agreed",
    journal_provisions=("IP-61-1.2",),
    sources=(Status.SUBMITTED,),
    provision="IP-61-1.2",
    error=ProgrammeError,
    check=_regulator_check,
)


def programme_regulator_record(
    *, actor: Actor, programme: DomesticValueProgramme, regulator_name: str, regulator_letter: str, agreed_on: dt.date
) -> DomesticValueProgramme:
    """Records the natural-monopoly regulator's agreement from its letter (IP-61-1.2, ADR 22)."""
    done: DomesticValueProgramme = transition_apply(
        actor=actor,
        record=programme,
        transition=PROGRAMME_REGULATOR,
        regulator_name=regulator_name,
        regulator_letter=regulator_letter,
        regulator_agreed_on=agreed_on,
    )
    return done


def _agree_check(ctx: Context) -> None:
    p = ctx.record
    if rules.REGULATOR in rules.agreeing_bodies(p.customer_kind) and p.regulator_agreed_on is None:
        raise ProgrammeError(
            _(
                "A natural monopoly's programme is agreed with the natural-monopoly regulator too (IP-61-1.2): "
                "record the regulator's agreement first, or refuse the programme on the ground the regulator gave."
            )
        )


def _open_reports(ctx: Context) -> None:
    """The information on each year of the programme is due the following year (IP-61-1.5)."""
    p = ctx.record
    for year in p.years:
        due = rules.report_due(year)
        deadline_open(
            actor=ctx.actor,
            subject_type=REPORT_SUBJECT,
            subject_id=report_subject_id(p, year),
            kind="contracts.deadline.programme_report",
            due=due,
            starts_on=max(ctx.on, dt.date(year, 1, 1)),
            provision="IP-61-1.5",
            responsible_role=Role.MAJOR_CUSTOMER,
            organization=p.organization,
            params={"number": p.number, "year": year},
        )


PROGRAMME_AGREE = Transition(
    name="agree",
    subject_type=PROGRAMME_SUBJECT,
    journal_action="agreed",
    journal_provisions=("IP-61-1.2",),
    target=Status.AGREED,
    sources=(Status.SUBMITTED,),
    provision="IP-61-1.2",
    related=("organization",),
    dated_field="decided_on",
    decided_at_field="decided_at",
    decided_by_field="decided_by_label",
    error=ProgrammeError,
    check=_agree_check,
    closes=("*",),
    effect=_open_reports,
    notice=Notice(
        "contracts.programme.agreed",
        ("IP-61-1.2", "IP-61-1.5"),
        lambda ctx: {"number": ctx.record.number, "decided_on": ctx.on.isoformat()},
    ),
)


def programme_agree(*, actor: Actor, programme: DomesticValueProgramme) -> DomesticValueProgramme:
    """The authorized body agrees the programme (for a natural monopoly, after the regulator agreed)."""
    done: DomesticValueProgramme = transition_apply(actor=actor, record=programme, transition=PROGRAMME_AGREE)
    return done


def _refuse_check(ctx: Context) -> None:
    fail(rules.refusal_problems(ctx.fields["refusal_ground"], ctx.reasons))
    if ctx.fields["refused_by"] == DomesticValueProgramme.RefusedBy.REGULATOR and (
        rules.REGULATOR not in rules.agreeing_bodies(ctx.record.customer_kind)
    ):
        raise ProgrammeError(_("Only a natural monopoly's programme is agreed with the natural-monopoly regulator."))


PROGRAMME_REFUSE = Transition(
    name="refuse",
    subject_type=PROGRAMME_SUBJECT,
    journal_action="refused",
    journal_provisions=("IP-61-1.2",),
    target=Status.REFUSED,
    sources=(Status.SUBMITTED,),
    provision="IP-61-1.2",
    reasons_field="reasons",
    reasons_message=_("Say what in the programme meets the ground, so that the customer can correct it."),
    dated_field="decided_on",
    decided_at_field="decided_at",
    decided_by_field="decided_by_label",
    error=ProgrammeError,
    check=_refuse_check,
    closes=("*",),
    payload=lambda ctx: {
        "ground": ctx.fields["refusal_ground"],
        "provision": rules.REFUSAL_GROUNDS[ctx.fields["refusal_ground"]],
        "by": ctx.fields["refused_by"],
        "reasons": ctx.reasons,
    },
    notice=Notice(
        "contracts.programme.refused",
        ("IP-61-1.2",),
        lambda ctx: {
            "number": ctx.record.number,
            "ground": str(RefusalGround(ctx.fields["refusal_ground"]).label),
            "reasons": ctx.reasons,
        },
    ),
)


def programme_refuse(
    *, actor: Actor, programme: DomesticValueProgramme, ground: str, reasons: str, by_regulator: bool = False
) -> DomesticValueProgramme:
    """Refuses the programme on one of the three grounds of IP-61-1.2, named, with the reasons; a natural-monopoly
    regulator's refusal is recorded the same way, from its letter."""
    if ground not in rules.REFUSAL_GROUNDS:
        # Refused before the transition so that a ground outside the law never reaches the record.
        raise ProgrammeError(" ".join(rules.refusal_problems(ground, reasons or "-")), "ground")
    by = (
        DomesticValueProgramme.RefusedBy.REGULATOR if by_regulator else DomesticValueProgramme.RefusedBy.AUTHORIZED_BODY
    )
    done: DomesticValueProgramme = transition_apply(
        actor=actor,
        record=programme,
        transition=PROGRAMME_REFUSE,
        reasons=reasons,
        refusal_ground=ground,
        refused_by=by,
    )
    return done
