"""Every write of an entity's needs (IP-55.1, IP-57): its needs for specialists and for research and development for
a year, by a form, a CSV/XLSX file or the API, and a new version of a year's needs. The term of a year's needs is a
deadline in the entity's work queue (`needs_deadlines_open`).

Bad input is refused before anything is written: a future year, a year given already (a change is a new version,
with its reason), a line with a wrong speciality, region, year, level, OKED code or budget; a file with any bad row
is refused whole, every bad row named by its line."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from nisi.core import validation
from nisi.core.authz import SYSTEM, Actor, require
from nisi.core.csv_import import CsvImportError, RowProblem, parse_date
from nisi.core.identifiers import is_latin_digits
from nisi.core.models import ClassifierCode, Deadline, Organization, Region
from nisi.core.roles import Role
from nisi.core.services.deadlines import DeadlineSpec, deadline_complete, deadline_open_many
from nisi.core.services.journal import journal_append
from nisi.core.services.notifications import notification_send
from nisi.core.table_import import read as read_table
from nisi.industry_needs import rules
from nisi.industry_needs.messages import DEADLINES, DUE_SUBJECT, SUBJECT
from nisi.industry_needs.models import Kind, NeedsReturn, ResearchNeed, Source, SpecialistNeed
from nisi.industry_needs.rules import NeedsError, ResearchNeedIn, SpecialistNeedIn
from nisi.law import clock, provisions

MAX_LINES = 500
PREFIX = {Kind.SPECIALISTS: "SPN", Kind.RESEARCH: "RDN"}
Line = SpecialistNeedIn | ResearchNeedIn


def _in_force(kind: str, on: dt.date) -> None:
    try:
        provisions.require_in_force(rules.PROVISION[kind], on)
    except provisions.NotInForce as exc:
        raise NeedsError(str(exc)) from None


def organization_of(actor: Actor) -> Organization:
    """The entity an applicant acts for: needs are given by the entity itself."""
    org_id = next((g.organization_id for g in actor.grants if g.role == Role.APPLICANT and g.organization_id), None)
    if org_id is None:
        raise PermissionDenied(_("Needs are given by the entity itself: sign in with its organization's account."))
    return Organization.objects.get(pk=org_id)


def due_subject_id(kind: str, year: int, organization: Organization) -> str:
    return f"{kind}-{year}-{organization.identifier}"


def _text_problems(line: Line) -> dict[str, str]:
    """Text a column can hold, without control characters (`nisi.core.validation`)."""
    texts = (
        {"speciality_name": (line.speciality_name, validation.max_length(SpecialistNeed, "speciality_name"))}
        if isinstance(line, SpecialistNeedIn)
        else {
            "subject": (line.subject, validation.max_length(ResearchNeed, "subject")),
            "desired_result": (line.desired_result, 2000),
        }
    )
    problems = {}
    for field, (text, limit) in texts.items():
        problem = validation.text_problem(text, limit)
        if problem:
            problems[field] = f"{field}: {problem}"
    return problems


def _line_problems(kind: str, line: Line, *, year: int, today: dt.date, regions: set[str]) -> dict[str, str]:
    if isinstance(line, SpecialistNeedIn):
        return rules.specialist_need_problems(line, year=year, regions=regions, on=today) | _text_problems(line)
    problems = rules.research_need_problems(line, year=year, today=today) | _text_problems(line)
    if "oked" not in problems:
        oked = ClassifierCode.objects.filter(system=ClassifierCode.System.OKED)
        if oked.exists() and not oked.filter(code=line.oked).exists():
            problems["oked"] = _("OKED code %(code)s is not in the classifier (NK RK 03-2019): check the code.") % {
                "code": line.oked
            }
    return problems


def _key(line: Line) -> tuple[object, ...]:
    if isinstance(line, SpecialistNeedIn):
        return (line.speciality_code, line.region, line.year_needed, line.level)
    return (line.subject.strip().casefold(),)


def lines_problems(kind: str, lines: Sequence[Line], *, year: int, today: dt.date) -> list[tuple[int, str, str]]:
    """Every problem of a year's lines as (line index from 1, field, message): each line's own, and a line that
    repeats another (the same speciality, region, year and level; the same subject of research)."""
    expected = SpecialistNeedIn if kind == Kind.SPECIALISTS else ResearchNeedIn
    regions = set(Region.objects.values_list("code", flat=True))
    out: list[tuple[int, str, str]] = []
    seen: dict[tuple[object, ...], int] = {}
    for index, line in enumerate(lines, start=1):
        if not isinstance(line, expected):
            out.append((index, "lines", _("This line is not of the kind of needs given.")))
            continue
        out.extend(
            (index, f, m) for f, m in _line_problems(kind, line, year=year, today=today, regions=regions).items()
        )
        key = _key(line)
        if key in seen:
            out.append((index, "lines", _("The same need as line %(line)s: keep one line.") % {"line": seen[key]}))
        else:
            seen[key] = index
    return out


@dataclass(frozen=True)
class Checked:
    kind: str
    organization: Organization
    year: int
    lines: tuple[Line, ...]
    replaces: NeedsReturn | None
    reason: str


def _check(
    actor: Actor,
    *,
    kind: str,
    organization: Organization,
    year: int,
    lines: Sequence[Line],
    today: dt.date,
    replaces: NeedsReturn | None = None,
    reason: str = "",
) -> Checked:
    """Everything that refuses a year's needs, before anything is written."""
    if kind not in rules.KINDS:
        raise NeedsError(_("Choose the kind of needs: for specialists or for research."), "kind")
    _in_force(kind, today)
    rules.reportable_year(year, today)
    reason = reason.strip()
    if replaces is None:
        require(actor, NeedsReturn(organization=organization, kind=kind), "submit")
        given = NeedsReturn.objects.filter(kind=kind, organization=organization, year=year, current=True).first()
        if given is not None:
            raise NeedsError(
                _(
                    "Your needs of this kind for %(year)s were given already as %(number)s. To change them, give a new "
                    "version on its page, with the reason."
                )
                % {"year": year, "number": given.number},
                "year",
            )
    else:
        require(actor, replaces, "amend")
        if not 5 <= len(reason) <= 500 or validation.first_control_character(reason):
            raise NeedsError(_("Say why the needs change (5 to 500 characters)."), "reason")
    if not lines:
        raise NeedsError(_("Give at least one need."), "lines")
    if len(lines) > MAX_LINES:
        raise NeedsError(_("Give at most %(max)s needs at a time.") % {"max": MAX_LINES}, "lines")
    problems = lines_problems(kind, lines, year=year, today=today)
    if problems:
        index, field, message = problems[0]
        more = len(problems) - 1
        text = _("Need %(line)s: %(message)s") % {"line": index, "message": message}
        if more:
            text += " " + _("(and %(count)s more problems)") % {"count": more}
        raise NeedsError(text, field if len(lines) == 1 else "lines")
    return Checked(kind, organization, year, tuple(lines), replaces, reason)


def _write(actor: Actor, checked: Checked, *, source: str, today: dt.date) -> NeedsReturn:
    due = rules.return_due(checked.year).value
    previous = checked.replaces
    if previous is not None:
        NeedsReturn.objects.filter(pk=previous.pk).update(current=False)
    try:
        with transaction.atomic():
            needs = NeedsReturn.objects.create(
                number=f"new-{uuid.uuid4().hex[:16]}",
                kind=checked.kind,
                organization=checked.organization,
                year=checked.year,
                version=previous.version + 1 if previous else 1,
                replaces=previous,
                reason=checked.reason[:500],
                due_on=due,
                submitted_on=today,
                late=rules.is_late(today, due),
                submitted_at=clock.now(),
                submitted_by=actor.label[:200],
                source=source,
            )
    except IntegrityError:
        raise NeedsError(
            _("These needs were given at the same moment from elsewhere: look at your needs' history."), "year"
        ) from None
    needs.number = f"{PREFIX[Kind(checked.kind)]}-{checked.year}-{needs.pk:06d}"
    needs.save(update_fields=["number"])
    if checked.kind == Kind.SPECIALISTS:
        SpecialistNeed.objects.bulk_create(
            SpecialistNeed(
                needs=needs,
                line=i,
                speciality_code=line.speciality_code,
                speciality_name=line.speciality_name.strip(),
                number=line.number,
                region_id=line.region,
                year_needed=line.year_needed,
                level=line.level,
            )
            for i, line in enumerate(checked.lines, start=1)
            if isinstance(line, SpecialistNeedIn)
        )
    else:
        ResearchNeed.objects.bulk_create(
            ResearchNeed(
                needs=needs,
                line=i,
                reference=f"{needs.number}-{i:03d}",
                subject=line.subject.strip(),
                oked=line.oked,
                desired_result=line.desired_result.strip(),
                budget_min=line.budget_min,
                budget_max=line.budget_max,
                deadline=line.deadline,
                contact_consent=line.contact_consent,
            )
            for i, line in enumerate(checked.lines, start=1)
            if isinstance(line, ResearchNeedIn)
        )
    for deadline in Deadline.objects.filter(
        subject_type=DUE_SUBJECT,
        subject_id=due_subject_id(checked.kind, checked.year, checked.organization),
        status=Deadline.Status.OPEN,
    ).select_for_update():
        deadline_complete(actor=SYSTEM, deadline=deadline)
    provision = [rules.PROVISION[checked.kind]]
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=needs.number,
        action="amended" if previous else "submitted",
        payload={
            "organization": checked.organization.identifier,
            "kind": checked.kind,
            "year": checked.year,
            "version": needs.version,
            "replaces": previous.number if previous else None,
            "reason": checked.reason,
            "lines": len(checked.lines),
            "late": needs.late,
            "source": source,
        },
        provisions=provision,
    )
    if previous is not None:
        journal_append(
            actor=actor,
            subject_type=SUBJECT,
            subject_id=previous.number,
            action="superseded",
            payload={"by": needs.number, "reason": checked.reason},
            provisions=provision,
        )
    notification_send(
        message_key="industry_needs.return.received",
        params={"number": needs.number, "year": checked.year, "version": needs.version},
        provisions=provision,
        organization=checked.organization,
        subject_type=SUBJECT,
        subject_id=needs.number,
    )
    return needs


@transaction.atomic
def needs_submit(
    *, actor: Actor, kind: str, year: int, lines: Sequence[Line], source: str = Source.FORM
) -> NeedsReturn:
    """An entity's needs of one kind for a year (IP-55.1: for specialists; IP-57: for research and development).
    Refused for a future year, a year given already (give a new version instead), or any bad line."""
    today = clock.today()
    organization = organization_of(actor)
    Organization.objects.select_for_update().filter(pk=organization.pk).first()  # one entity's writes in turn
    checked = _check(actor, kind=kind, organization=organization, year=year, lines=lines, today=today)
    return _write(actor, checked, source=source, today=today)


@transaction.atomic
def needs_amend(
    *, actor: Actor, needs: NeedsReturn, reason: str, lines: Sequence[Line], source: str = Source.FORM
) -> NeedsReturn:
    """A new version of a year's needs: it replaces the current one whole, which stays in the history (IP-55.1,
    IP-57). Only the current version is amended, by its entity, with the reason."""
    today = clock.today()
    locked = NeedsReturn.objects.select_for_update().select_related("organization").get(pk=needs.pk)
    checked = _check(
        actor,
        kind=locked.kind,
        organization=locked.organization,
        year=locked.year,
        lines=lines,
        today=today,
        replaces=locked,
        reason=reason,
    )
    return _write(actor, checked, source=source, today=today)


COLUMNS = {
    Kind.SPECIALISTS: ("year", "speciality_code", "speciality_name", "number", "region", "year_needed", "level"),
    Kind.RESEARCH: (
        "year",
        "subject",
        "oked",
        "desired_result",
        "budget_min",
        "budget_max",
        "deadline",
        "contact_consent",
    ),
}
MAX_ROWS = 5000
YES = frozenset({"yes", "true", "1", "да", "иә", "y"})
NO = frozenset({"no", "false", "0", "нет", "жоқ", "n", ""})


def _whole(text: str, column: str) -> int:
    text = text.strip()
    if not text or not is_latin_digits(text) or len(text) > 9:
        raise NeedsError(_("%(column)s: write a whole number in Latin digits (0-9)") % {"column": column}, column)
    return int(text)


def _amount(text: str, column: str) -> Decimal:
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "").replace(",", ".")
    if not cleaned.isascii():
        raise NeedsError(_("%(column)s: write the number in Latin digits (0-9)") % {"column": column}, column)
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        raise NeedsError(
            _("%(column)s: “%(value)s” is not a number") % {"column": column, "value": text[:40]}
        ) from None


def line_from_row(kind: str, row: Mapping[str, str]) -> Line:
    """One line of needs from a file's row (the columns of `COLUMNS`), or the first problem of its form."""
    if kind == Kind.SPECIALISTS:
        return SpecialistNeedIn(
            speciality_code=row["speciality_code"].strip().upper(),
            speciality_name=row["speciality_name"].strip(),
            number=_whole(row["number"], "number"),
            region=row["region"].strip().zfill(2),
            year_needed=_whole(row["year_needed"], "year_needed"),
            level=row["level"].strip().lower(),
        )
    deadline = parse_date(row["deadline"])
    if deadline is None:
        raise NeedsError(_("deadline: write a date as 2027-12-31 or 31.12.2027"), "deadline")
    consent = row["contact_consent"].strip().casefold()
    if consent not in YES | NO:
        raise NeedsError(_("contact_consent: write yes or no"), "contact_consent")
    return ResearchNeedIn(
        subject=row["subject"].strip(),
        oked=row["oked"].strip(),
        desired_result=row["desired_result"].strip(),
        budget_min=_amount(row["budget_min"], "budget_min"),
        budget_max=_amount(row["budget_max"], "budget_max"),
        deadline=deadline,
        contact_consent=consent in YES,
    )


@transaction.atomic
def needs_import(
    *, actor: Actor, kind: str, content: bytes, name: str = "", amend_reason: str = ""
) -> list[NeedsReturn]:
    """An entity's needs of one kind from a CSV or XLSX file, one row per need (columns as `COLUMNS[kind]`): the rows
    of one year make that year's needs. A year given already is refused unless `amend_reason` says why a new version
    is given. Every bad row is reported with its line, and nothing is stored while any row is bad (DESIGN 10)."""
    if kind not in rules.KINDS:
        raise NeedsError(_("Choose the kind of needs: for specialists or for research."), "kind")
    today = clock.today()
    organization = organization_of(actor)
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    columns = COLUMNS[Kind(kind)]
    table = read_table(content, name=name, columns=columns, required=columns, max_rows=MAX_ROWS)
    if table.problems:
        raise CsvImportError(table.problems)
    problems: list[RowProblem] = []
    groups: dict[int, list[tuple[int, Line]]] = {}
    for line_number, row in table.rows:
        try:
            year = _whole(row["year"], "year")
            groups.setdefault(year, []).append((line_number, line_from_row(kind, row)))
        except NeedsError as exc:
            problems.append(RowProblem(line_number, str(exc)))
    checked: list[Checked] = []
    for year, items in sorted(groups.items()):
        lines = [item for _n, item in items]
        current = NeedsReturn.objects.filter(kind=kind, organization=organization, year=year, current=True).first()
        replaces = current if current is not None and amend_reason.strip() else None
        try:
            rules.reportable_year(year, today)
            found = lines_problems(kind, lines, year=year, today=today)
            if found:
                problems.extend(
                    RowProblem(items[index - 1][0], f"{field_name}: {message}") for index, field_name, message in found
                )
                continue
            checked.append(
                _check(
                    actor,
                    kind=kind,
                    organization=organization,
                    year=year,
                    lines=lines,
                    today=today,
                    replaces=replaces,
                    reason=amend_reason,
                )
            )
        except (NeedsError, PermissionDenied) as exc:
            problems.extend(RowProblem(n, str(exc)) for n, _item in items)
    if problems:
        raise CsvImportError(sorted(set(problems), key=lambda p: (p.line, p.message)))
    return [_write(actor, c, source=Source.FILE, today=today) for c in checked]


@transaction.atomic
def needs_deadlines_open(*, year: int | None = None) -> int:
    """Opens the term of a year's needs (the current one by default) for each entity that gave needs of that kind for
    the year before and has given none for this year yet (IP-55.1, IP-57). Idempotent: run daily, it opens each once."""
    year = year or clock.today().year
    due = rules.return_due(year)
    specs: list[DeadlineSpec] = []
    for kind in rules.KINDS:
        last_year = NeedsReturn.objects.filter(kind=kind, year=year - 1, current=True).select_related("organization")
        given = set(NeedsReturn.objects.filter(kind=kind, year=year).values_list("organization_id", flat=True))
        have = set(
            Deadline.objects.filter(subject_type=DUE_SUBJECT, kind=DEADLINES[kind], params__year=year).values_list(
                "subject_id", flat=True
            )
        )
        for previous in last_year:
            subject_id = due_subject_id(kind, year, previous.organization)
            if previous.organization_id in given or subject_id in have:
                continue
            specs.append(
                DeadlineSpec(
                    subject_type=DUE_SUBJECT,
                    subject_id=subject_id,
                    kind=DEADLINES[kind],
                    due=due,
                    starts_on=dt.date(year, 1, 1),
                    provision=rules.PROVISION[kind],
                    responsible_role=Role.APPLICANT,
                    organization=previous.organization,
                    params={"year": year, "kind": kind},
                )
            )
    if specs:
        deadline_open_many(actor=SYSTEM, specs=specs)
    return len(specs)
