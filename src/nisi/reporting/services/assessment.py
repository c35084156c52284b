"""Administrative data forms (IP-6.1, IP-6.3): the authorized body creates a form, drafts and approves its versions
(in agreement with the statistics body) and names the organizations that must fill it; they file a return for each
ended period by the form, a CSV/XLSX file or the API, each return on the version in force when it was filed. The
term is a deadline in the filer's work queue, opened when the period ends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from nisi.core.authz import Actor, require
from nisi.core.csv_import import CsvImportError, RowProblem
from nisi.core.models import Organization
from nisi.core.periods import is_late
from nisi.core.roles import Role
from nisi.core.services.journal import journal_append
from nisi.core.services.periodic_reports import Obliged, report_deadline_close, report_deadlines_open
from nisi.core.table_import import read as read_table
from nisi.law import clock
from nisi.reporting.assessment_messages import RETURN, SUBJECT
from nisi.reporting.models import AssessmentForm, AssessmentReturn, FormFiler, FormVersion
from nisi.reporting.rules import assessment as rules
from nisi.reporting.rules.assessment import AssessmentError

PROVISIONS = ["IP-6.3"]
MAX_ROWS = 5000


def _provisions(form: AssessmentForm) -> list[str]:
    return ["IP-6.1", "IP-6.3"] if form.purpose == "assessment" else PROVISIONS


@transaction.atomic
def form_create(*, actor: Actor, code: str, title: str, purpose: str, periodicity: str) -> AssessmentForm:
    """A new administrative data form (IP-6.3), without fields yet: its first version is drafted next."""
    form = AssessmentForm(
        code=code.strip().lower(), title=title.strip()[:300], purpose=purpose, periodicity=periodicity
    )
    require(actor, form, "create")
    if AssessmentForm.objects.filter(code=form.code).exists():
        raise AssessmentError(_("A form with code %(code)s exists; choose another code.") % {"code": form.code}, "code")
    form.created_at = clock.now()
    form.created_by_label = actor.label[:200]
    form.save()
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=form.code,
        action="form_created",
        payload={"title": form.title, "purpose": purpose, "periodicity": periodicity},
        provisions=_provisions(form),
    )
    return form


def _approved(form: AssessmentForm) -> FormVersion | None:
    return form.versions.filter(status=FormVersion.Status.APPROVED).order_by("-number").first()


@transaction.atomic
def version_draft(*, actor: Actor, form: AssessmentForm, fields: Sequence[rules.Field]) -> FormVersion:
    """The fields of the form's next version, as a draft (a draft already open is replaced). An approved version is
    never edited: a field added or removed makes a new version (IP-6.3)."""
    locked = AssessmentForm.objects.select_for_update().get(pk=form.pk)
    require(actor, locked, "draft")
    problems = rules.field_problems(fields)
    if problems:
        raise AssessmentError(" ".join(problems), "fields")
    approved = _approved(locked)
    if approved is not None and not rules.version_changes(rules.fields_of(approved.fields), fields).any:
        raise AssessmentError(
            _("These are the fields of version %(n)s in force: change a field to make a new version.")
            % {"n": approved.number},
            "fields",
        )
    draft = locked.versions.filter(status=FormVersion.Status.DRAFT).first()
    if draft is None:
        last = locked.versions.order_by("-number").first()
        draft = FormVersion(form=locked, number=(last.number + 1) if last else 1)
    draft.fields = [f.as_dict() for f in fields]
    draft.save()
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=locked.code,
        action="version_drafted",
        payload={"version": draft.number, "fields": [f.code for f in fields]},
        provisions=_provisions(locked),
    )
    return draft


@transaction.atomic
def version_approve(
    *, actor: Actor, version: FormVersion, in_force_from: dt.date, statistics_agreement: str
) -> FormVersion:
    """IP-6.3: the authorized body approves the drafted version, in agreement with the authorized body in the field
    of state statistics (the agreement's reference recorded), in force from a date not in the past. Returns already
    filed keep the version they were filed on."""
    locked = FormVersion.objects.select_for_update().select_related("form").get(pk=version.pk)
    require(actor, locked, "approve")
    if not statistics_agreement.strip():
        raise AssessmentError(
            _("Give the reference of the statistics body's agreement to the form (IP-6.3)."), "statistics_agreement"
        )
    today = clock.today()
    if in_force_from < today:
        raise AssessmentError(_("A version comes into force today or later, not in the past."), "in_force_from")
    previous = _approved(locked.form)
    if previous is not None and previous.in_force_from and in_force_from < previous.in_force_from:
        raise AssessmentError(
            _("Version %(n)s is in force from %(date)s: the new one comes into force on that day or later.")
            % {"n": previous.number, "date": previous.in_force_from.isoformat()},
            "in_force_from",
        )
    changes = rules.version_changes(
        rules.fields_of(previous.fields) if previous else [], rules.fields_of(locked.fields)
    )
    locked.status = FormVersion.Status.APPROVED
    locked.in_force_from = in_force_from
    locked.statistics_agreement = statistics_agreement.strip()[:300]
    locked.approved_at = clock.now()
    locked.approved_by_label = actor.label[:200]
    locked.changes = changes.as_dict()
    locked.save()
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=locked.form.code,
        action="version_approved",
        payload={
            "version": locked.number,
            "in_force_from": in_force_from.isoformat(),
            "statistics_agreement": locked.statistics_agreement,
            **changes.as_dict(),
        },
        provisions=_provisions(locked.form),
    )
    return locked


@transaction.atomic
def filers_add(*, actor: Actor, form: AssessmentForm, identifiers: Sequence[str]) -> list[FormFiler]:
    """The organizations (by BIN) that must fill the form from today (IP-6.3)."""
    require(actor, FormFiler(form=form), "add")
    wanted = [i.strip() for i in identifiers if i.strip()]
    orgs = {o.identifier: o for o in Organization.objects.filter(identifier__in=wanted)}
    unknown = [i for i in wanted if i not in orgs]
    if unknown:
        raise AssessmentError(
            _("No organization with BIN %(bins)s: register it first.") % {"bins": ", ".join(unknown[:10])}, "filers"
        )
    have = set(form.filers.values_list("organization_id", flat=True))
    today = clock.today()
    added = [
        FormFiler(form=form, organization=o, since=today, added_by_label=actor.label[:200])
        for o in orgs.values()
        if o.pk not in have
    ]
    FormFiler.objects.bulk_create(added)
    if added:
        journal_append(
            actor=actor,
            subject_type=SUBJECT,
            subject_id=form.code,
            action="filers_added",
            payload={"filers": sorted(f.organization.identifier for f in added)},
            provisions=_provisions(form),
        )
    return added


def _version_for(form: AssessmentForm, today: dt.date) -> FormVersion:
    approved = list(form.versions.filter(status=FormVersion.Status.APPROVED))
    number = rules.version_in_force(
        [rules.VersionDates(v.number, v.in_force_from) for v in approved if v.in_force_from], today
    )
    if number is None:
        raise AssessmentError(_("Form %(code)s has no version in force yet: it cannot be filed.") % {"code": form.code})
    return next(v for v in approved if v.number == number)


def _refusals(
    *, actor: Actor, form: AssessmentForm, organization: Organization, year: int, number: int, raw: Mapping[str, Any]
) -> tuple[FormVersion, rules.Period, dict[str, str]]:
    """Everything that refuses a return, before anything is written."""
    today = clock.today()
    require(actor, AssessmentReturn(form=form, organization=organization), "submit")
    if not form.filers.filter(organization=organization).exists():
        raise AssessmentError(
            _("%(name)s is not among those who must fill form %(code)s; ask the authorized body.")
            % {"name": organization.name, "code": form.code}
        )
    period = rules.reportable_period(form.periodicity, year, number, today)
    version = _version_for(form, today)
    if AssessmentReturn.objects.filter(form=form, organization=organization, period_start=period.first_day).exists():
        raise AssessmentError(
            _(
                "Form %(code)s for %(period)s was already filed. A period is filed once; ask the authorized body to "
                "correct it."
            )
            % {"code": form.code, "period": period.label()},
            "period",
        )
    values, problems = rules.values_of(rules.fields_of(version.fields), raw)
    if problems:
        first = next(iter(problems))
        raise AssessmentError("; ".join(f"{code}: {message}" for code, message in problems.items()), first)
    return version, period, values


def _write(
    *,
    actor: Actor,
    form: AssessmentForm,
    organization: Organization,
    version: FormVersion,
    period: rules.Period,
    values: dict[str, str],
    source: str,
) -> AssessmentReturn:
    today = clock.today()
    due = RETURN.due(period).value
    filed = AssessmentReturn.objects.create(
        form=form,
        version=version,
        organization=organization,
        region_id=organization.region_id,
        period_start=period.first_day,
        period_end=period.last_day,
        values=values,
        due_on=due,
        submitted_on=today,
        late=is_late(today, due),
        submitted_at=clock.now(),
        submitted_by_label=actor.label[:200],
        source=source,
    )
    report_deadline_close(RETURN, period, form.code, organization=organization)
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=form.code,
        action="return_filed",
        # The figures stay in the return, not in the journal: the journal is read more widely (IP-6.3).
        payload={
            "organization": organization.identifier,
            "period": period.label(),
            "version": version.number,
            "late": filed.late,
            "source": source,
        },
        provisions=_provisions(form),
    )
    return filed


@transaction.atomic
def return_submit(
    *,
    actor: Actor,
    form: AssessmentForm,
    organization: Organization,
    year: int,
    number: int = 1,
    values: Mapping[str, Any],
    source: str = AssessmentReturn.Source.FORM,
) -> AssessmentReturn:
    """The organization's return of the form for one ended period (IP-6.3). Refused for a period not yet ended, a
    period already filed, an organization that need not fill the form or a filer not of it, and figures that do not
    fit the version's fields."""
    locked = AssessmentForm.objects.select_for_update().get(pk=form.pk)
    version, period, clean = _refusals(
        actor=actor, form=locked, organization=organization, year=year, number=number, raw=values
    )
    return _write(
        actor=actor, form=locked, organization=organization, version=version, period=period, values=clean, source=source
    )


def _columns(version: FormVersion) -> tuple[tuple[str, ...], tuple[str, ...]]:
    codes = tuple(f["code"] for f in version.fields)
    return ("bin", "year", "period", *codes), ("bin", "year")


@transaction.atomic
def returns_import(*, actor: Actor, form: AssessmentForm, content: bytes, name: str = "") -> list[AssessmentReturn]:
    """Many returns of the form from a CSV or XLSX file (columns: bin, year, period — the quarter, empty for a yearly
    form — and the version's field codes): every bad row is reported with its line, and nothing is stored while any
    row is bad (DESIGN 10)."""
    locked = AssessmentForm.objects.select_for_update().get(pk=form.pk)
    version = _version_for(locked, clock.today())
    columns, required = _columns(version)
    table = read_table(content, name=name, columns=columns, required=required, max_rows=MAX_ROWS)
    if table.problems:
        raise CsvImportError(table.problems)
    orgs = {
        o.identifier: o for o in Organization.objects.filter(identifier__in={r["bin"].strip() for _l, r in table.rows})
    }
    problems: list[RowProblem] = []
    checked: list[tuple[Organization, FormVersion, rules.Period, dict[str, str]]] = []
    seen: set[tuple[str, rules.Period]] = set()
    codes = columns[3:]
    for line, row in table.rows:
        org = orgs.get(row["bin"].strip())
        if org is None:
            problems.append(RowProblem(line, _("no organization with BIN %(bin)s") % {"bin": row["bin"][:12]}))
            continue
        try:
            year = int(row["year"])
            number = int(row.get("period") or 1)
        except ValueError:
            problems.append(RowProblem(line, _("year and period are whole numbers")))
            continue
        try:
            raw = {code: row.get(code, "") for code in codes}
            ver, period, values = _refusals(
                actor=actor, form=locked, organization=org, year=year, number=number, raw=raw
            )
            if (org.identifier, period) in seen:
                raise AssessmentError(_("this organization's period is given twice in the file; keep one row"))
            seen.add((org.identifier, period))
        except AssessmentError as exc:
            problems.append(RowProblem(line, str(exc)))
            continue
        except PermissionDenied:
            problems.append(RowProblem(line, _("you may not file for %(bin)s") % {"bin": org.identifier}))
            continue
        checked.append((org, ver, period, values))
    if problems:
        raise CsvImportError(problems)
    return [
        _write(
            actor=actor,
            form=locked,
            organization=org,
            version=ver,
            period=period,
            values=values,
            source=AssessmentReturn.Source.FILE,
        )
        for org, ver, period, values in checked
    ]


@transaction.atomic
def return_deadlines_open(*, today: dt.date | None = None) -> int:
    """Opens, for each form with a version in force and each organization that must fill it, the deadline of the
    return for the last ended period, unless it is open or the return filed (IP-6.3). Idempotent: run daily, it
    opens each once."""
    today = today or clock.today()
    opened = 0
    for form in AssessmentForm.objects.filter(versions__status=FormVersion.Status.APPROVED).distinct():
        period = rules.last_ended_period(form.periodicity, today)
        filed = form.returns.filter(period_start=period.first_day).values_list("organization_id", flat=True)
        filers = form.filers.select_related("organization__region").filter(since__lte=today)
        opened += report_deadlines_open(
            RETURN,
            period,
            (
                Obliged(
                    form.code,
                    Role.APPLICANT,
                    f.organization,
                    f.organization.region,
                    {"form": form.code, "title": form.title},
                )
                for f in filers
            ),
            reported=[RETURN.party_key(form.code, organization_id) for organization_id in filed],
        )
    return opened
