"""Foreign workers of the Fund and of Astana Hub actors, their visas, and the Fund's submissions about them
(AH-7-1). Pure functions: no database, explicit dates; each names its provision.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from nisi.core import csv_export
from nisi.law import legal_calendar, params
from nisi.law.trace import Explained, Step

VISA_MAXIMUM = "foreign_worker_visa_maximum_validity"
EXTENSION_LEAD = "foreign_worker_visa_extension_request_lead"
FUND_BIN = "astana_hub_fund_bin"
# Subject types of the journal, the deadlines and the links of this area.
WORKER_SUBJECT = "astana_hub_foreign_worker"
VISA_SUBJECT = "astana_hub_visa"
SUBMISSION_SUBJECT = "astana_hub_submission"
SUBMISSION_DUE_SUBJECT = "astana_hub_submission_due"  # subject_id: "<recipient>:<period start>"
# Deadline kinds (message keys registered in messages/workers.py; a Deadline's kind holds 60 characters).
VISA_EXTENSION_DEADLINE = "astana_hub.deadline.visa_extension_request"
SUBMISSION_DEADLINE = {
    "migration_authority": "astana_hub.submission_due.migration_authority",
    "national_security_committee": "astana_hub.submission_due.national_security_committee",
}


class WorkerRuleError(ValueError):
    """A rule of AH-7-1 refuses; the message says what to do instead."""


# --- who may record foreign workers (AH-7-1.3) ----------------------------------------------------------------


def fund_identifier(on: dt.date) -> str:
    """The BIN of the Fund (AH-1.2) on `on`, as twelve digits (the parameter keeps it as a number)."""
    return f"{int(params.value_on(FUND_BIN, on).value):012d}"


def recruiter_problem(*, is_fund: bool, is_hub_actor: bool) -> str | None:
    """AH-7-1.3: the Fund keeps the records of the foreign workers recruited by the Fund itself and by Astana Hub
    actors (AH-1.4-1). Any other employer — a participant on another basis of AH-7.2, or no participant at all —
    recruits foreigners under the general rules, outside these records. Both facts are taken on the day the record
    is made: AH-7-1.2 speaks of the employees of actors as they are, so a worker hired before the employer joined
    is recorded too. None: may be recorded; otherwise the reason, saying what to do."""
    if is_fund or is_hub_actor:
        return None
    return str(
        _(
            "Only the Astana Hub Fund and Astana Hub actors record foreign workers here (AH-7-1.3), and this "
            "employer is neither today. Register the organization as an Astana Hub actor first; the workers it "
            "employs can then be recorded, whenever they were hired."
        )
    )


# --- a complete record (AH-7-1.4) -------------------------------------------------------------------------------


def completeness_problems(*, qualification_documents: int) -> list[str]:
    """AH-7-1.4: the Fund and the Astana Hub actors must have and keep documents certifying the qualification of
    each recruited foreigner, so a record without at least one of them is not complete."""
    if qualification_documents < 1:
        return [
            str(
                _(
                    "Upload at least one document certifying the worker's qualification (a diploma, a certificate "
                    "or a record of employment in the field): the employer must have and keep it (AH-7-1.4)."
                )
            )
        ]
    return []


def family_member_problem(*, relation: str, has_dependency_document: bool) -> str | None:
    """AH-7-1.2: a spouse and children get the same long-term visa; a dependant only "subject to availability of
    supporting documents", so a dependant is recorded only with the document of dependency."""
    if relation == "dependant" and not has_dependency_document:
        return str(
            _(
                "Upload the document confirming that this person is the worker's dependant: a dependant is "
                "entitled to the visa only with supporting documents (AH-7-1.2)."
            )
        )
    if relation not in {"spouse", "child", "dependant"}:
        return str(_("Choose the relation to the worker: spouse, child or dependant (AH-7-1.2)."))
    return None


# --- visas (AH-7-1.2, AH-7-1.5) ---------------------------------------------------------------------------------


def _anniversary(day: dt.date, years: int) -> dt.date:
    """The same date `years` later; 29 February, in a year without it, gives way to 1 March."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 3, 1)


def visa_latest_valid_until(*, issued_on: dt.date, valid_from: dt.date) -> Explained[dt.date]:
    """AH-7-1.2: an entry visa "valid for up to five years" (the term in force on the day of issue).

    The validity counts its first day, `valid_from`, so N years of it end on the day before the same date N years
    later: from 14.03.2026 to 13.03.2031 at most; from 01.03.2027 to 29.02.2032; from 29.02.2028 to 28.02.2033
    (its anniversary is taken as 1 March in a year without 29 February, so the last day is the end of February).
    Unlike `legal_calendar.add_years`, the ceiling is not moved to the next working day when it falls on a Sunday:
    that rule is about the term of an obligation, and moving it would let the visa run longer than the law allows.
    """
    term = params.value_on(VISA_MAXIMUM, issued_on)
    if term.unit != "years":
        raise WorkerRuleError(gettext("The parameter %(name)s must be a term in years.") % {"name": VISA_MAXIMUM})
    last = _anniversary(valid_from, int(term.value)) - dt.timedelta(days=1)
    step = Step(
        message=gettext_noop("a visa valid from %(start)s for up to %(count)s years is valid until %(due)s at most"),
        params={"start": valid_from.isoformat(), "count": term.value, "due": last.isoformat()},
        provision="AH-7-1.2",
    )
    return Explained(last, (term.step(), step))


def visa_problems(*, issued_on: dt.date, valid_from: dt.date, valid_until: dt.date, today: dt.date) -> list[str]:
    """Everything wrong with a visa's dates (AH-7-1.2); empty when it may be recorded."""
    problems: list[str] = []
    if issued_on > today:
        problems.append(str(_("The date of issue cannot be in the future.")))
    if valid_from < issued_on:
        problems.append(str(_("A visa cannot be valid from before the day it was issued.")))
    if valid_until < valid_from:
        problems.append(str(_("The visa's last day of validity must be on or after its first day.")))
    if problems:
        return problems
    try:
        latest = visa_latest_valid_until(issued_on=issued_on, valid_from=valid_from).value
    except params.NoValueOnDate:
        return [
            str(
                _(
                    "Visas for up to five years under AH-7-1.2 exist only from the day the provision entered into "
                    "force; a visa issued earlier is not one of them. Check the date of issue."
                )
            )
        ]
    if valid_until > latest:
        problems.append(
            str(
                _(
                    "A visa valid from %(start)s may be valid until %(latest)s at most: never beyond five years "
                    "(AH-7-1.2). Check the last day of validity."
                )
            )
            % {"start": valid_from.strftime("%d.%m.%Y"), "latest": latest.strftime("%d.%m.%Y")}
        )
    return problems


def extension_request_problem(*, visa_status: str, valid_until: dt.date, today: dt.date) -> str | None:
    """AH-7-1.5: a visa is extended on the Fund's request without leaving the country; an expired visa has
    nothing left to extend (the person needs a new visa), nor has one already extended or cancelled."""
    if visa_status == "expired" or valid_until < today:
        return str(
            _(
                "This visa expired on %(until)s and cannot be extended (AH-7-1.5): the person needs a new visa. "
                "Record the new visa when it is issued."
            )
        ) % {"until": valid_until.strftime("%d.%m.%Y")}
    if visa_status == "extension_requested":
        return str(_("An extension of this visa has already been requested; record the extended visa when issued."))
    if visa_status != "valid":
        return str(_("Only a valid visa can be extended; this one is no longer current."))
    return None


def extension_problems(
    *,
    visa_status: str,
    extension_requested: bool,
    previous_valid_until: dt.date,
    issued_on: dt.date,
    valid_until: dt.date,
    today: dt.date,
) -> list[str]:
    """AH-7-1.5 with AH-7-1.2: the extended visa continues the previous one from the day after it ends, is issued
    on the Fund's request while the previous one is still valid (the person has not left the country and is not
    staying without a visa), and is itself capped at five years. An extension issued in time may be recorded after
    the previous visa's last day (the daily job may have marked it expired meanwhile)."""
    if visa_status in {"extended", "cancelled"}:
        return [str(_("This visa was already extended or cancelled; extend the current visa instead."))]
    if not extension_requested:
        return [str(_("The Fund first requests the extension (AH-7-1.5); then record the extended visa."))]
    if issued_on > previous_valid_until:
        return [
            str(
                _(
                    "The previous visa expired on %(until)s, before this extension was issued: an expired visa "
                    "cannot be extended (AH-7-1.5). Record a new visa instead."
                )
            )
            % {"until": previous_valid_until.strftime("%d.%m.%Y")}
        ]
    valid_from = previous_valid_until + dt.timedelta(days=1)
    return visa_problems(issued_on=issued_on, valid_from=valid_from, valid_until=valid_until, today=today)


def extension_request_due(valid_until: dt.date) -> Explained[dt.date]:
    """The last day for the Fund to request an extension: the lead time of its operating rules (AH-7-1.5,
    AH-9.4.4) before the visa's last day, counted back. A day that is not worked moves the term earlier, not
    later — a later day could be too late for the migration authority."""
    lead = params.value_on(EXTENSION_LEAD, valid_until)
    due = valid_until - dt.timedelta(days=int(lead.value))
    steps = [
        lead.step(),
        Step(
            message=gettext_noop("%(start)s − %(count)s calendar days = %(due)s"),
            params={"start": valid_until.isoformat(), "count": lead.value, "due": due.isoformat()},
            provision="AH-7-1.5",
        ),
    ]
    while not legal_calendar.is_working_day(due):
        due -= dt.timedelta(days=1)
    if due.isoformat() != steps[-1].params["due"]:
        steps.append(
            Step(
                message=gettext_noop("moved to the working day before: %(due)s"),
                params={"due": due.isoformat()},
            )
        )
    return Explained(due, tuple(steps))


def visa_is_expired(*, valid_until: dt.date, on: dt.date) -> bool:
    """A visa is valid through its last day and expired from the day after."""
    return valid_until < on


# --- submissions to the migration authority and the National Security Committee (AH-7-1.3) ---------------------

FREQUENCY_MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6}
FREQUENCY_LABELS = {"monthly": _("monthly"), "quarterly": _("quarterly"), "half_yearly": _("half-yearly")}


def period_containing(frequency: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The calendar period of the schedule's frequency (a month, a quarter, a half-year) containing `day`."""
    months = FREQUENCY_MONTHS[frequency]
    first_month = (day.month - 1) // months * months + 1
    start = dt.date(day.year, first_month, 1)
    end_month = first_month + months - 1
    return start, dt.date(day.year, end_month, calendar.monthrange(day.year, end_month)[1])


def period_problem(frequency: str, start: dt.date, end: dt.date) -> str | None:
    """AH-7-1.3: the IT development authority sets the frequency; a submission covers exactly one of its periods
    (a calendar month, quarter or half-year), so that consecutive submissions neither gap nor overlap."""
    if end < start:
        return str(_("The period must end on or after the day it starts."))
    if period_containing(frequency, start) != (start, end):
        expected_start, expected_end = period_containing(frequency, start)
        return str(
            _(
                "The schedule's periods are %(frequency)s: a period starting on %(start)s runs from %(es)s to "
                "%(ee)s. Choose a whole period."
            )
        ) % {
            "frequency": FREQUENCY_LABELS[frequency],
            "start": start.strftime("%d.%m.%Y"),
            "es": expected_start.strftime("%d.%m.%Y"),
            "ee": expected_end.strftime("%d.%m.%Y"),
        }
    return None


def periods_overlap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> bool:
    """Two closed periods [start, end] share at least one day."""
    return a[0] <= b[1] and b[0] <= a[1]


def submission_due(period_end: dt.date, working_days: int) -> Explained[dt.date]:
    """A submission is due the N-th working day after its period ends, N set by the schedule (AH-7-1.3)."""
    return legal_calendar.add_working_days(period_end, working_days, provision="AH-7-1.3")


def employed_during(*, employed_from: dt.date, employed_until: dt.date | None, start: dt.date, end: dt.date) -> bool:
    """A worker is reported for a period if employed on any day of it."""
    return periods_overlap((employed_from, employed_until or dt.date.max), (start, end))


@dataclass(frozen=True)
class SubmissionField:
    key: str
    label: Any  # lazy translation
    personal: bool  # personal data (name, birth, passport): only the Fund's migration officers and recipients


# The fixed catalogue of what a schedule may ask for (AH-7-1.3: "the content of the information ... shall be
# established by the IT development authority"): a schedule picks from these, in its own order.
FIELD_CATALOGUE: tuple[SubmissionField, ...] = (
    SubmissionField("record_number", _("Record number"), False),
    SubmissionField("person", _("Worker or family member (relation)"), False),
    SubmissionField("worker_number", _("Record number of the worker"), False),
    SubmissionField("surname", _("Surname"), True),
    SubmissionField("given_names", _("Given names"), True),
    SubmissionField("date_of_birth", _("Date of birth"), True),
    SubmissionField("citizenship", _("Citizenship (ISO 3166-1 alpha-3; empty for a stateless person)"), True),
    SubmissionField("stateless", _("Stateless person"), False),
    SubmissionField("passport_number", _("Passport number"), True),
    SubmissionField("passport_valid_until", _("Passport valid until"), True),
    SubmissionField("employer_bin", _("Employer's BIN"), False),
    SubmissionField("employer_name", _("Employer"), False),
    SubmissionField("position", _("Position"), False),
    SubmissionField("employed_from", _("Employed from"), False),
    SubmissionField("employed_until", _("Employed until"), False),
    SubmissionField("visa_number", _("Visa number"), True),
    SubmissionField("visa_issued_on", _("Visa issued on"), False),
    SubmissionField("visa_valid_from", _("Visa valid from"), False),
    SubmissionField("visa_valid_until", _("Visa valid until"), False),
    SubmissionField("visa_extended", _("Visa extended in Kazakhstan (AH-7-1.5)"), False),
    SubmissionField("qualification_documents", _("Qualification documents on file (AH-7-1.4)"), False),
)
FIELD_KEYS = tuple(f.key for f in FIELD_CATALOGUE)


def fields_problem(fields: Iterable[str]) -> str | None:
    """A schedule asks for one or more fields of the catalogue, each once."""
    chosen = list(fields)
    if not chosen:
        return str(_("Choose at least one field to submit."))
    unknown = [f for f in chosen if f not in FIELD_KEYS]
    if unknown:
        return str(_("Unknown fields: %(fields)s. Choose from the catalogue.")) % {"fields": ", ".join(unknown)}
    if len(set(chosen)) != len(chosen):
        return str(_("Each field may be chosen once."))
    return None


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def render_submission(rows: Sequence[Mapping[str, Any]], fields: list[str], file_format: str) -> str:
    """The file exactly as submitted: only the schedule's fields, in its order; CSV (UTF-8, a header row) or
    JSON (a list of objects). Values are strings; dates ISO 8601; booleans true/false."""
    table = [{f: _cell(row.get(f)) for f in fields} for row in rows]
    if file_format == "json":
        return json.dumps(table, ensure_ascii=False, indent=1) + "\n"
    if file_format == "csv":
        out = io.StringIO()
        writer = csv_export.DictWriter(out, fieldnames=fields, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(table)
        return out.getvalue()
    raise WorkerRuleError(gettext("Unknown file format %(format)r; use csv or json.") % {"format": file_format})


def checksum(content: str) -> str:
    return hashlib.sha256(content.encode("utf-8")).hexdigest()
