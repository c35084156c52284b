"""Procurement plans of large customers (IP-47.1-3): a draft with its lines (entered by form, by a CSV or XLSX
file, or by the API), submitted by 10 December of the year before the first year of purchase (a late one accepted
and marked late). The review, publication and applications are in `plans_review.py`."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from nisi.contracts.models import PlanLine, ProcurementPlan
from nisi.contracts.models.plans import PLAN_SUBJECT
from nisi.contracts.rules import plans as rules
from nisi.contracts.services.customers import customer_of
from nisi.core import table_import
from nisi.core.authz import Actor, require
from nisi.core.csv_import import CsvImportError, RowProblem
from nisi.core.identifiers import is_latin_digits
from nisi.core.models import ClassifierCode, Organization, Region
from nisi.core.roles import Role
from nisi.core.services.journal import journal_append
from nisi.core.transitions import Context, Notice, Opens, Transition, transition_apply
from nisi.law import clock

SUBJECT = PLAN_SUBJECT
FILE_COLUMNS = (
    "product_code",
    "description",
    "quantity",
    "unit",
    "year",
    "region",
    "planned_amount",
    "exclusion",
    "exclusion_reason",
)
FILE_REQUIRED = ("product_code", "description", "quantity", "unit", "year")
MAX_FILE_ROWS = 10_000


class PlanError(ValueError):
    """A plan's change refused: the message says what to do; `field` names the question, `errors` each field's."""

    def __init__(self, message: str, field: str | None = None, errors: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.errors = errors or {}


def _journal(actor: Actor, plan: ProcurementPlan, action: str, payload: dict[str, Any], provisions: list[str]) -> None:
    journal_append(
        actor=actor, subject_type=SUBJECT, subject_id=plan.number, action=action, payload=payload, provisions=provisions
    )


@transaction.atomic
def plan_create(
    *, actor: Actor, organization: Organization, first_year: int, last_year: int, title: str = ""
) -> ProcurementPlan:
    """A draft plan of the customer's kind (IP-47.1) for its years of purchase; its due date is 10 December of the
    year before the first (IP-47.2)."""
    today = clock.today()
    customer = customer_of(organization, today)
    if customer is None:
        raise PlanError(
            _("%(name)s is not recorded as a large customer. Ask the authorized body to record it (IP-1.25, IP-46.2).")
            % {"name": organization.name}
        )
    problem = rules.years_problem(first_year, last_year)
    if problem:
        raise PlanError(problem, "last_year")
    problem = rules.first_year_problem(first_year, today)
    if problem:
        raise PlanError(problem, "first_year")
    kind = rules.plan_kind(customer.kind)
    plan = ProcurementPlan(
        number=f"tmp-{organization.identifier}-{first_year}",
        organization=organization,
        region=organization.region,
        customer_kind=customer.kind,
        kind=kind,
        title=title.strip(),
        first_year=first_year,
        last_year=last_year,
        due_on=rules.plans_due(first_year).value,
        created_at=clock.now(),
    )
    require(actor, plan, "create")
    if ProcurementPlan.objects.filter(organization=organization, first_year=first_year).exists():
        raise PlanError(
            _("%(name)s already has a plan from %(year)s: open it and amend its lines.")
            % {"name": organization.name, "year": first_year},
            "first_year",
        )
    plan.save()
    plan.number = f"PP-{first_year}-{plan.pk:05d}"
    plan.save(update_fields=["number"])
    _journal(actor, plan, "created", {"kind": kind, "years": [first_year, last_year]}, ["IP-47.1", "IP-47.2"])
    return plan


def _decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text.replace(" ", "").replace(",", "."))
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() else None


def _year(text: str) -> int | None:
    return int(text) if is_latin_digits(text) and len(text) == 4 else None


def line_from_text(row: dict[str, str]) -> tuple[rules.LineIn, dict[str, str]]:
    """A file's row as a line, with what cannot be read as a number."""
    unreadable: dict[str, str] = {}
    quantity = _decimal(row.get("quantity", ""))
    if row.get("quantity") and quantity is None:
        unreadable["quantity"] = _("The quantity is not a number.")
    amount_text = row.get("planned_amount", "")
    amount = _decimal(amount_text) if amount_text else None
    if amount_text and amount is None:
        unreadable["planned_amount"] = _("The planned amount is not a number.")
    return (
        rules.LineIn(
            product_code=row.get("product_code", "").strip(),
            description=row.get("description", "").strip(),
            quantity=quantity,
            unit=row.get("unit", "").strip(),
            year=_year(row.get("year", "").strip()),
            region=row.get("region", "").strip(),
            planned_amount=amount,
            exclusion=row.get("exclusion", "").strip(),
            exclusion_reason=row.get("exclusion_reason", "").strip(),
        ),
        unreadable,
    )


def _known_codes(codes: set[str]) -> set[str]:
    """The codes the classifier has: a 6-digit code is an HS subheading; a 10-digit one extends one, and is a TN
    VED code once that classifier is loaded (ADR 19)."""
    hs = {c[:6] for c in codes}
    known_hs = set(
        ClassifierCode.objects.filter(system=ClassifierCode.System.HS, level=6, code__in=hs).values_list(
            "code", flat=True
        )
    )
    long_codes = {c for c in codes if len(c) == 10}
    tnved = ClassifierCode.objects.filter(system=ClassifierCode.System.TNVED)
    if long_codes and tnved.exists():
        known_long = set(tnved.filter(code__in=long_codes).values_list("code", flat=True))
    else:
        known_long = long_codes
    return {c for c in codes if c[:6] in known_hs and (len(c) == 6 or c in known_long)}


def _key(line: rules.LineIn) -> tuple[str, int | None, str, str]:
    return (line.product_code, line.year, line.region, line.exclusion)


def line_errors(
    plan: ProcurementPlan, lines: Sequence[tuple[int, rules.LineIn]], *, existing: bool = True
) -> list[tuple[int, dict[str, str]]]:
    """Every problem of the lines, each line's by field: the rules' (IP-47.3), an unknown product code, an unknown
    region, a duplicate of another line (in the file, or already in the plan unless `existing` is False)."""
    out: list[tuple[int, dict[str, str]]] = []
    known = _known_codes({line.product_code for _n, line in lines if line.product_code})
    regions = set(Region.objects.values_list("code", flat=True))
    seen: dict[tuple[str, int | None, str, str], int] = {}
    if existing:
        for kept in plan.lines.all():
            seen[(kept.product_code, kept.year, kept.region_id or "", kept.exclusion)] = 0
    for number, line in lines:
        found = rules.line_problems(line, first_year=plan.first_year, last_year=plan.last_year)
        if "product_code" not in found and line.product_code not in known:
            found["product_code"] = _("The product code %(code)s is not in the HS/TN VED classifier.") % {
                "code": line.product_code
            }
        if line.region and line.region not in regions:
            found["region"] = _("The region %(code)s is not a region's code (2 digits of the KATO).") % {
                "code": line.region
            }
        if not found and _key(line) in seen:
            first = seen[_key(line)]
            found["product_code"] = (
                _("This good is already in the plan for that year and region.")
                if first == 0
                else _("The same good, year and region as line %(line)s.") % {"line": first}
            )
        seen.setdefault(_key(line), number)
        if found:
            out.append((number, found))
    return out


def _insert(plan: ProcurementPlan, lines: Sequence[rules.LineIn]) -> list[PlanLine]:
    # Only lines without problems come here: a quantity and a year are there.
    start = (plan.lines.aggregate(top=Max("position"))["top"] or 0) + 1
    return PlanLine.objects.bulk_create(
        PlanLine(
            plan=plan,
            position=start + i,
            product_code=line.product_code,
            description=line.description,
            quantity=line.quantity or Decimal(0),
            unit=line.unit,
            year=line.year or plan.first_year,
            region_id=line.region or None,
            planned_amount=line.planned_amount,
            exclusion=line.exclusion,
            exclusion_reason=line.exclusion_reason if line.exclusion else "",
        )
        for i, line in enumerate(lines)
    )


def _editable(actor: Actor, plan: ProcurementPlan) -> ProcurementPlan:
    locked = ProcurementPlan.objects.select_for_update().get(pk=plan.pk)
    require(actor, locked, "edit")
    return locked


@transaction.atomic
def line_add(*, actor: Actor, plan: ProcurementPlan, line: rules.LineIn) -> PlanLine:
    """Adds a line to a draft (or a plan returned with comments); refused field by field."""
    locked = _editable(actor, plan)
    errors = line_errors(locked, [(1, line)])
    if errors:
        by_field = errors[0][1]
        raise PlanError(" ".join(by_field.values()), next(iter(by_field)), by_field)
    (added,) = _insert(locked, [line])
    _journal(actor, locked, "line_added", {"position": added.position, "product_code": line.product_code}, ["IP-47.3"])
    return added


@transaction.atomic
def line_remove(*, actor: Actor, plan: ProcurementPlan, position: int) -> None:
    locked = _editable(actor, plan)
    deleted, _rows = locked.lines.filter(position=position).delete()
    if not deleted:
        raise PlanError(_("The plan has no line %(n)s; reload the page.") % {"n": position})
    _journal(actor, locked, "line_removed", {"position": position}, ["IP-47.3"])


@transaction.atomic
def lines_upload(*, actor: Actor, plan: ProcurementPlan, content: bytes, name: str = "", replace: bool = False) -> int:
    """The lines of a CSV or XLSX file (columns: product_code, description, quantity, unit, year, and optionally
    region, planned_amount, exclusion, exclusion_reason). Every bad row is reported with its line and nothing is
    stored while any is bad (`CsvImportError`). `replace` puts the file's lines in place of the plan's."""
    locked = _editable(actor, plan)
    read = table_import.read(content, name=name, columns=FILE_COLUMNS, required=FILE_REQUIRED, max_rows=MAX_FILE_ROWS)
    if read.problems:
        raise CsvImportError(read.problems)
    parsed: list[tuple[int, rules.LineIn]] = []
    problems: list[RowProblem] = []
    unreadable_in: dict[int, dict[str, str]] = {}
    for number, row in read.rows:
        line, unreadable = line_from_text(row)
        unreadable_in[number] = unreadable
        problems.extend(RowProblem(number, message) for message in unreadable.values())
        parsed.append((number, line))
    for number, by_field in line_errors(locked, parsed, existing=not replace):
        said = unreadable_in.get(number, {})
        problems.extend(RowProblem(number, message) for name, message in by_field.items() if name not in said)
    if problems:
        raise CsvImportError(sorted(problems, key=lambda p: p.line))
    if replace:
        locked.lines.all().delete()
    _insert(locked, [line for _n, line in parsed])
    _journal(actor, locked, "lines_uploaded", {"lines": len(parsed), "replace": replace}, ["IP-47.3"])
    return len(parsed)


def _may_submit(ctx: Context) -> None:
    plan = ctx.record
    if not plan.lines.exists():
        raise PlanError(_("Add the goods of the plan before submitting it: by the form or by uploading a file."))
    ctx.fields["submitted_on"] = ctx.on
    ctx.fields["late"] = rules.plan_late(ctx.on, plan.first_year)


def _number(ctx: Context) -> dict[str, Any]:
    return {"number": ctx.record.number}


PLAN_SUBMIT = Transition(
    name="submit",
    subject_type=SUBJECT,
    journal_action="submitted",
    journal_provisions=("IP-47.1", "IP-47.2"),
    target=ProcurementPlan.Status.SUBMITTED,
    sources=(ProcurementPlan.Status.DRAFT,),
    provision="IP-47.1",
    error=PlanError,
    check=_may_submit,
    opens=(
        Opens(
            term="procurement_plan_review_term",
            kind="contracts.deadline.plan_review",
            responsible_role=Role.AUTHORIZED_BODY,
            region=lambda ctx: ctx.record.region,
        ),
    ),
    notice=Notice("contracts.plan.submitted", ("IP-47.4",), _number),
)


def plan_submit(*, actor: Actor, plan: ProcurementPlan) -> ProcurementPlan:
    """Submits the plan to the authorized body (IP-47.1); after its due date it is accepted and marked late, and
    the review's thirty calendar days start (IP-47.4)."""
    submitted: ProcurementPlan = transition_apply(actor=actor, record=plan, transition=PLAN_SUBMIT)
    return submitted


class LinesRefused(PlanError):
    """Lines sent together were refused; `problems` names each by its place (1 for the first)."""

    def __init__(self, problems: list[RowProblem]) -> None:
        super().__init__("; ".join(f"{p.line}: {p.message}" for p in problems))
        self.problems = problems


@transaction.atomic
def lines_add_many(*, actor: Actor, plan: ProcurementPlan, lines: Sequence[rules.LineIn]) -> int:
    """Adds lines all or none (the API): every refused one is named by its place."""
    locked = _editable(actor, plan)
    numbered = list(enumerate(lines, start=1))
    problems = [RowProblem(n, m) for n, by_field in line_errors(locked, numbered) for m in by_field.values()]
    if problems:
        raise LinesRefused(problems)
    _insert(locked, lines)
    _journal(actor, locked, "lines_added", {"lines": len(lines)}, ["IP-47.3"])
    return len(lines)
