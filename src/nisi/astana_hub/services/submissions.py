"""The Fund's submissions on recruited foreigners to the migration authority and the National Security Committee
(AH-7-1.3): the schedule (content, frequency, format, term) as established by the IT development authority with
the recipients, a submission per period built from the records, sent and acknowledged, each step journaled, and a
deadline for every period that has come due.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from nisi.astana_hub.models import ForeignWorker, Submission, SubmissionRecipient, SubmissionSchedule, Visa
from nisi.astana_hub.rules import workers as rules
from nisi.astana_hub.services.workers import fund_organization, personal_data_viewed
from nisi.core.authz import SYSTEM, Actor, require
from nisi.core.models import Deadline
from nisi.core.roles import Role
from nisi.core.services.deadlines import deadline_complete, deadline_open
from nisi.core.services.journal import journal_append
from nisi.core.transitions import Context, Transition, transition_apply
from nisi.law import clock

SUBJECT = rules.SUBMISSION_SUBJECT
SCHEDULE_SUBJECT = "astana_hub_submission_schedule"
DUE_SUBJECT = rules.SUBMISSION_DUE_SUBJECT
MAX_DUE_DAYS = 60
S = Submission.Status


class SubmissionError(Exception):
    """A refusal with what to do instead; nothing was written."""


def _fmt(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


# --- the schedule ---------------------------------------------------------------------------------------------


def _schedule_values(
    *,
    recipient: str,
    frequency: str,
    file_format: str,
    fields: list[str],
    due_days_after_period: int,
    applies_from: dt.date,
    basis: str,
) -> dict[str, Any]:
    if recipient not in SubmissionRecipient.values:
        raise SubmissionError(_("Choose the recipient: the migration authority or the National Security Committee."))
    if frequency not in SubmissionSchedule.Frequency.values:
        raise SubmissionError(_("Choose how often: monthly, quarterly or every half-year."))
    if file_format not in SubmissionSchedule.Format.values:
        raise SubmissionError(_("Choose the file format: CSV or JSON."))
    problem = rules.fields_problem(fields)
    if problem:
        raise SubmissionError(problem)
    if not 1 <= due_days_after_period <= MAX_DUE_DAYS:
        raise SubmissionError(
            _("Enter the term as 1 to %(max)s working days after the period ends.") % {"max": MAX_DUE_DAYS}
        )
    start, _end = rules.period_containing(frequency, applies_from)
    if start != applies_from:
        raise SubmissionError(
            _("A schedule applies from the first day of one of its periods, e.g. %(start)s.") % {"start": _fmt(start)}
        )
    basis = " ".join((basis or "").split())
    if not basis:
        raise SubmissionError(
            _("Name the act of the IT development authority that sets this schedule (AH-7-1.3), with its date.")
        )
    return {
        "recipient": recipient,
        "frequency": frequency,
        "file_format": file_format,
        "fields": list(fields),
        "due_days_after_period": due_days_after_period,
        "applies_from": applies_from,
        "basis": basis[:300],
    }


def _check_not_retroactive(recipient: str, applies_from: dt.date, exclude_pk: int | None = None) -> None:
    covered = Submission.objects.filter(recipient=recipient, period_end__gte=applies_from)
    if exclude_pk is not None:
        covered = covered.exclude(schedule_id=exclude_pk)
    last = covered.order_by("-period_end").first()
    if last is not None:
        raise SubmissionError(
            _(
                "Submission %(number)s already covers the period to %(end)s under the earlier schedule; a new "
                "schedule can apply from the day after at the earliest."
            )
            % {"number": last.number, "end": _fmt(last.period_end)}
        )


def _schedule_journal(actor: Actor, schedule: SubmissionSchedule, action: str) -> None:
    journal_append(
        actor=actor,
        subject_type=SCHEDULE_SUBJECT,
        subject_id=f"{schedule.recipient}:{schedule.applies_from.isoformat()}",
        action=action,
        payload={
            "frequency": schedule.frequency,
            "format": schedule.file_format,
            "fields": schedule.fields,
            "due_days_after_period": schedule.due_days_after_period,
            "basis": schedule.basis,
        },
        provisions=["AH-7-1.3"],
    )


@transaction.atomic
def schedule_record(
    *,
    actor: Actor,
    recipient: str,
    frequency: str,
    file_format: str,
    fields: list[str],
    due_days_after_period: int,
    applies_from: dt.date,
    basis: str,
) -> SubmissionSchedule:
    """Records the content, frequency and format of the submissions to one recipient, as established by the IT
    development authority with the recipients (AH-7-1.3), from a date. A change is a new version from a later date."""
    require(actor, SubmissionSchedule(recipient=recipient), "record")
    values = _schedule_values(
        recipient=recipient,
        frequency=frequency,
        file_format=file_format,
        fields=fields,
        due_days_after_period=due_days_after_period,
        applies_from=applies_from,
        basis=basis,
    )
    list(SubmissionSchedule.objects.select_for_update().filter(recipient=recipient))
    if SubmissionSchedule.objects.filter(recipient=recipient, applies_from=applies_from).exists():
        raise SubmissionError(
            _("A schedule for this recipient already applies from %(d)s; change that one or choose another date.")
            % {"d": _fmt(applies_from)}
        )
    _check_not_retroactive(recipient, applies_from)
    try:
        with transaction.atomic():
            schedule = SubmissionSchedule.objects.create(recorded_at=clock.now(), **values)
    except IntegrityError as exc:
        raise SubmissionError(_("A schedule for this recipient and date was just recorded by someone else.")) from exc
    _schedule_journal(actor, schedule, "recorded")
    return schedule


@transaction.atomic
def schedule_update(
    *,
    actor: Actor,
    schedule: SubmissionSchedule,
    frequency: str,
    file_format: str,
    fields: list[str],
    due_days_after_period: int,
    applies_from: dt.date,
    basis: str,
) -> SubmissionSchedule:
    """Corrects a schedule no submission has used yet; one that was used stays as it was (it explains what was
    sent) and a change is recorded as a new version."""
    schedule = SubmissionSchedule.objects.select_for_update().get(pk=schedule.pk)
    require(actor, schedule, "edit")
    if schedule.submissions.exists():
        raise SubmissionError(
            _("Submissions were made under this schedule; record a new version from a later date instead.")
        )
    values = _schedule_values(
        recipient=schedule.recipient,
        frequency=frequency,
        file_format=file_format,
        fields=fields,
        due_days_after_period=due_days_after_period,
        applies_from=applies_from,
        basis=basis,
    )
    others = SubmissionSchedule.objects.filter(recipient=schedule.recipient, applies_from=applies_from)
    if others.exclude(pk=schedule.pk).exists():
        raise SubmissionError(_("Another schedule for this recipient applies from %(d)s.") % {"d": _fmt(applies_from)})
    _check_not_retroactive(schedule.recipient, applies_from)
    for key, value in values.items():
        setattr(schedule, key, value)
    schedule.save()
    _schedule_journal(actor, schedule, "corrected")
    return schedule


def schedule_for(recipient: str, on: dt.date) -> SubmissionSchedule | None:
    """The schedule version that applies to a period starting on `on`."""
    return (
        SubmissionSchedule.objects.filter(recipient=recipient, applies_from__lte=on).order_by("-applies_from").first()
    )


# --- building the file ----------------------------------------------------------------------------------------


def _visa_in(visas: list[Visa], start: dt.date, end: dt.date) -> Visa | None:
    """The person's visa for the period: the latest one valid on some day of it, else the latest issued by its end."""
    during = [v for v in visas if v.valid_from <= end and v.valid_until >= start]
    if during:
        return max(during, key=lambda v: (v.valid_until, v.pk))
    before = [v for v in visas if v.issued_on <= end]
    return max(before, key=lambda v: (v.valid_until, v.pk)) if before else None


def _visa_fields(visa: Visa | None) -> dict[str, Any]:
    if visa is None:
        return {}
    return {
        "visa_number": visa.visa_number,
        "visa_issued_on": visa.issued_on,
        "visa_valid_from": visa.valid_from,
        "visa_valid_until": visa.valid_until,
        "visa_extended": visa.extends_id is not None,
    }


def submission_rows(start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """One row per worker employed on any day of the period (AH-7-1.3), then one per family member of theirs
    (AH-7-1.2), each with the visa of the period. Every field of the catalogue; the schedule picks."""
    workers = (
        ForeignWorker.objects.filter(employed_from__lte=end)
        .filter(Q(employed_until__isnull=True) | Q(employed_until__gte=start))
        .select_related("employer")
        .prefetch_related("visas", "family_members__visas", "qualification_documents")
        .order_by("number")
    )
    rows: list[dict[str, Any]] = []
    for w in workers:
        if not rules.employed_during(
            employed_from=w.employed_from, employed_until=w.employed_until, start=start, end=end
        ):
            continue
        common = {
            "worker_number": w.number,
            "employer_bin": w.employer.identifier,
            "employer_name": w.employer.name,
            "position": w.position,
            "employed_from": w.employed_from,
            "employed_until": w.employed_until,
            "qualification_documents": len(w.qualification_documents.all()),
        }
        rows.append(
            {
                **common,
                "record_number": w.number,
                "person": "worker",
                "surname": w.surname,
                "given_names": w.given_names,
                "date_of_birth": w.date_of_birth,
                "citizenship": w.citizenship,
                "stateless": w.stateless,
                "passport_number": w.passport_number,
                "passport_valid_until": w.passport_valid_until,
                **_visa_fields(_visa_in(list(w.visas.all()), start, end)),
            }
        )
        for i, m in enumerate(sorted(w.family_members.all(), key=lambda m: (m.relation, m.surname, m.pk)), start=1):
            rows.append(
                {
                    **common,
                    "record_number": f"{w.number}-F{i}",
                    "person": m.relation,
                    "surname": m.surname,
                    "given_names": m.given_names,
                    "date_of_birth": m.date_of_birth,
                    "citizenship": m.citizenship,
                    "stateless": not m.citizenship,
                    "passport_number": m.passport_number,
                    **_visa_fields(_visa_in(list(m.visas.all()), start, end)),
                }
            )
    return rows


# --- deadlines of due submissions -----------------------------------------------------------------------------


def _due_deadline(recipient: str, schedule: SubmissionSchedule, start: dt.date, end: dt.date) -> tuple[Deadline, bool]:
    """The period's deadline, opened if it is not yet (and whether it was opened now)."""
    subject_id = f"{recipient}:{start.isoformat()}"
    existing = Deadline.objects.filter(subject_type=DUE_SUBJECT, subject_id=subject_id).first()
    if existing is not None:
        return existing, False
    deadline = deadline_open(
        actor=SYSTEM,
        subject_type=DUE_SUBJECT,
        subject_id=subject_id,
        kind=rules.SUBMISSION_DEADLINE[recipient],
        due=rules.submission_due(end, schedule.due_days_after_period),
        starts_on=end,
        provision="AH-7-1.3",
        responsible_role=Role.ASTANA_HUB_FUND_MIGRATION,
        organization=fund_organization(end),
        params={"period": f"{_fmt(start)}–{_fmt(end)}", "recipient": recipient},
    )
    return deadline, True


def submissions_due_open(*, today: dt.date | None = None, max_periods: int = 120) -> int:
    """The daily job: a deadline for every period of every schedule that has ended and has no deadline yet
    (idempotent). The deadline is completed when the period's submission is sent."""
    today = today or clock.today()
    opened = 0
    for recipient in SubmissionRecipient.values:
        schedules = list(SubmissionSchedule.objects.filter(recipient=recipient).order_by("applies_from"))
        for i, schedule in enumerate(schedules):
            until = schedules[i + 1].applies_from if i + 1 < len(schedules) else None
            start = schedule.applies_from
            for _n in range(max_periods):
                period = rules.period_containing(schedule.frequency, start)
                if period[1] >= today or (until is not None and period[0] >= until):
                    break
                with transaction.atomic():
                    opened += _due_deadline(recipient, schedule, *period)[1]
                start = period[1] + dt.timedelta(days=1)
    return opened


# --- a submission: prepare, send, acknowledge -----------------------------------------------------------------


def _journal(actor: Actor, submission: Submission, action: str, payload: dict[str, Any]) -> None:
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=submission.number,
        action=action,
        payload=payload,
        provisions=["AH-7-1.3"],
    )


@transaction.atomic
def submission_prepare(*, actor: Actor, recipient: str, period_start: dt.date, period_end: dt.date) -> Submission:
    """Builds the file for one period from the records, with only the schedule's fields, in its format, and keeps
    it with its SHA-256 and the number of records. A period is submitted once: one that overlaps an earlier
    submission to the same recipient is refused."""
    if recipient not in SubmissionRecipient.values:
        raise SubmissionError(_("Choose the recipient: the migration authority or the National Security Committee."))
    # Lock the recipient's schedules: two officers preparing at once are served one after the other.
    list(SubmissionSchedule.objects.select_for_update().filter(recipient=recipient))
    schedule = schedule_for(recipient, period_start)
    if schedule is None:
        raise SubmissionError(
            _(
                "No schedule for this recipient applies on %(d)s. Record the schedule set by the IT development "
                "authority first."
            )
            % {"d": _fmt(period_start)}
        )
    require(actor, schedule, "prepare")
    problem = rules.period_problem(schedule.frequency, period_start, period_end)
    if problem:
        raise SubmissionError(problem)
    newer = SubmissionSchedule.objects.filter(
        recipient=recipient, applies_from__gt=period_start, applies_from__lte=period_end
    ).first()
    if newer is not None:
        raise SubmissionError(
            _("A new schedule applies from %(d)s, within this period; prepare the periods of the new schedule.")
            % {"d": _fmt(newer.applies_from)}
        )
    today = clock.today()
    if period_end >= today:
        raise SubmissionError(
            _("The period ends on %(end)s; its submission can be prepared from %(next)s.")
            % {"end": _fmt(period_end), "next": _fmt(period_end + dt.timedelta(days=1))}
        )
    earlier = (
        Submission.objects.filter(recipient=recipient, period_start__lte=period_end, period_end__gte=period_start)
        .order_by("period_start")
        .first()
    )
    if earlier is not None:
        raise SubmissionError(
            _(
                "This period overlaps submission %(number)s for %(start)s–%(end)s to the same recipient: each period "
                "is submitted once. Open that submission instead."
            )
            % {"number": earlier.number, "start": _fmt(earlier.period_start), "end": _fmt(earlier.period_end)}
        )
    rows = submission_rows(period_start, period_end)
    content = rules.render_submission(rows, list(schedule.fields), schedule.file_format)
    due, _opened = _due_deadline(recipient, schedule, period_start, period_end)
    now = clock.now()
    submission = Submission.objects.create(
        number=f"tmp-{uuid.uuid4().hex[:12]}",
        recipient=recipient,
        schedule=schedule,
        period_start=period_start,
        period_end=period_end,
        due_on=due.due_on,
        file_format=schedule.file_format,
        content=content,
        sha256=rules.checksum(content),
        record_count=len(rows),
        prepared_at=now,
        prepared_by_label=actor.label,
    )
    submission.number = f"AH-S-{now.year}-{submission.pk:05d}"
    submission.save(update_fields=["number"])
    _journal(
        actor,
        submission,
        "prepared",
        {
            "period": [period_start, period_end],
            "sha256": submission.sha256,
            "records": submission.record_count,
            "fields": schedule.fields,
        },
    )
    return submission


def _reference_given(ctx: Context) -> None:
    reference = ctx.fields["channel_reference"]
    if not reference or len(reference) > 100:
        raise SubmissionError(
            _("Enter the outgoing number or the gateway's message id (100 characters at most) to show how it was sent.")
        )


def _period_done(ctx: Context) -> None:
    # The period's deadline is kept for the recipient and the period, not for the submission that answers it.
    submission = ctx.record
    for deadline in Deadline.objects.filter(
        subject_type=DUE_SUBJECT,
        subject_id=f"{submission.recipient}:{submission.period_start.isoformat()}",
        status=Deadline.Status.OPEN,
    ):
        deadline_complete(actor=SYSTEM, deadline=deadline)


SUBMISSION_SEND = Transition(
    name="send",
    subject_type=SUBJECT,
    journal_action="sent",
    journal_provisions=("AH-7-1.3",),
    target=S.SENT,
    error=SubmissionError,
    decided_at_field="sent_at",
    check=_reference_given,
    effect=_period_done,
    payload=lambda ctx: {"channel_reference": ctx.record.channel_reference, "sha256": ctx.record.sha256},
)
SUBMISSION_ACKNOWLEDGE = Transition(
    name="acknowledge",
    subject_type=SUBJECT,
    journal_action="acknowledged",
    journal_provisions=("AH-7-1.3",),
    target=S.ACKNOWLEDGED,
    error=SubmissionError,
    decided_at_field="acknowledged_at",
)


def submission_send(*, actor: Actor, submission: Submission, channel_reference: str) -> Submission:
    """Records that the file was sent, by which channel (outgoing number or gateway id); completes the period's
    deadline, on time or late as the case is."""
    sent: Submission = transition_apply(
        actor=actor,
        record=submission,
        transition=SUBMISSION_SEND,
        channel_reference=" ".join((channel_reference or "").split()),
        sent_by_label=actor.label[:200],
    )
    return sent


def submission_acknowledge(*, actor: Actor, submission: Submission) -> Submission:
    """Records that the recipient acknowledged receipt: its own officer confirms, or the Fund records the
    recipient's confirmation."""
    acknowledged: Submission = transition_apply(actor=actor, record=submission, transition=SUBMISSION_ACKNOWLEDGE)
    return acknowledged


def submission_downloaded(*, actor: Actor, submission: Submission, via: str, ip: str | None = None) -> None:
    """The file holds personal data: who downloaded it is journaled and, for officers, audited."""
    require(actor, submission, "download")
    with transaction.atomic():
        _journal(actor, submission, "downloaded", {"via": via})
        personal_data_viewed(actor=actor, what="submission", numbers=[submission.number], via=via, ip=ip)
