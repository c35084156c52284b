"""Recording purchase lines (IP-47-1.3, IP-11.3): from a CSV file or through the API, by the customer for its own
purchases or by an akimat for a systemic enterprise of its region.

Every line is checked; every bad line is reported with its line number and nothing is written while any is bad,
unless the user asks to skip bad lines (DESIGN 10). On PostgreSQL a plain file goes straight to the database
(`purchases_copy`; its speed in docs/benchmarks.md). Otherwise the file is read with `csv.reader` into tuples (the
header checked as `nisi.core.csv_import` checks it), each distinct BIN and date is checked once
(`rules.purchases.LineReader`), and the lines go to the database in chunks by COPY on PostgreSQL (`nisi.core.bulk`)
inside the one transaction, which a bad line found later rolls back.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.contracts.models import PurchaseBatch, PurchaseLine, SystemicEntry, SystemicList
from nisi.contracts.rules import purchases as rules
from nisi.contracts.services import purchases_copy
from nisi.core import bulk, csv_import
from nisi.core.authz import Actor, require
from nisi.core.csv_import import RowProblem
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.core.services.journal import journal_append
from nisi.law import clock, provisions

MAX_LINES = 2_000_000
CHUNK = 50_000
KEPT_SKIPPED = 500  # bad lines skipped at the user's request that the batch keeps (the count is kept whole)
LINE_COLUMNS = (
    "batch_id",
    "customer_id",
    "line_number",
    "supplier_bin",
    "product_code",
    "hs_code",
    "quantity",
    "amount",
    "purchase_date",
    "contract_reference",
    "price_confidential",
)


class PurchaseImportError(ValueError):
    """The lines were not recorded; `problems` lists every bad line by its number."""

    def __init__(self, problems: list[RowProblem]) -> None:
        first = problems[0]
        super().__init__(
            _(
                "Nothing was recorded: %(count)s lines have problems (the first, line %(line)s: %(message)s). Correct "
                "them and send the file again, or ask to skip the bad lines."
            )
            % {"count": len(problems), "line": first.line, "message": first.message}
        )
        self.problems = problems


@dataclass
class ImportResult:
    batch: PurchaseBatch
    written: int
    skipped: list[RowProblem] = field(default_factory=list)
    skipped_count: int = 0


def csv_lines(content: bytes | str) -> Iterator[tuple[int, list[str]] | RowProblem]:
    """The lines of a purchases file in `rules.COLUMNS` order with their line numbers, or the file's problems: UTF-8
    or Windows-1251, comma or semicolon, a header naming the columns (as `nisi.core.csv_import` reads every file)."""
    text = csv_import.decode(content) if isinstance(content, bytes) else content.removeprefix("\ufeff")
    if not text.strip():
        yield RowProblem(1, _("The file is empty."))
        return
    first_line = text[: text.find("\n")] if "\n" in text else text
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader)]
    missing = [c for c in rules.REQUIRED if c not in header]
    if missing:
        yield RowProblem(
            1,
            _("The header must name the columns %(columns)s; missing: %(missing)s.")
            % {"columns": ", ".join(rules.COLUMNS), "missing": ", ".join(missing)},
        )
        return
    at = [header.index(c) if c in header else None for c in rules.COLUMNS]
    width = len(header)
    count = 0
    for raw in reader:
        if not raw or not any(raw):
            continue
        count += 1
        if count > MAX_LINES:
            yield RowProblem(
                reader.line_num, _("A file may hold at most %(max)s lines; split it.") % {"max": MAX_LINES}
            )
            return
        if len(raw) != width:
            yield RowProblem(reader.line_num, rules.width_problem(len(raw), width))
            continue
        yield reader.line_num, [raw[i].strip() if i is not None else "" for i in at]
    if count == 0:
        yield RowProblem(1, _("The file has a header but no lines."))


def _akimat_may_submit_for(actor: Actor, customer: Organization, on: Any) -> str | None:
    """The region an akimat of the actor submits for, when the customer is on the approved systemic list in that
    region (IP-11.3 with IP-47-1.2); None otherwise."""
    regions = [g.region_code for g in actor.grants if g.role == Role.AKIMAT and g.region_code]
    if not regions:
        return None
    entry = (
        SystemicEntry.objects.filter(
            systemic_list__status=SystemicList.Status.APPROVED, manufacturer=customer, region_id__in=regions
        )
        .order_by("-systemic_list__year")
        .values_list("region_id", flat=True)
        .first()
    )
    return entry


def _batch_for(*, actor: Actor, customer: Organization, source: str, file_name: str) -> PurchaseBatch:
    now = clock.now()
    own = any(g.role == Role.MAJOR_CUSTOMER and g.organization_id == customer.pk for g in actor.grants)
    region = customer.region_id
    role = Role.MAJOR_CUSTOMER
    if not own:
        akimat_region = _akimat_may_submit_for(actor, customer, now.date())
        if akimat_region is None and Role.AKIMAT in actor.roles:
            raise PurchaseImportError(
                [
                    RowProblem(
                        1,
                        _(
                            "An akimat records the purchases of its own region's systemic enterprises only (IP-11.3); "
                            "%(name)s is not on the approved list of systemic enterprises for your region."
                        )
                        % {"name": customer.name},
                    )
                ]
            )
        if akimat_region is not None:
            provisions.require_in_force("IP-11.3", now.date())
            region, role = akimat_region, Role.AKIMAT
    batch = PurchaseBatch(
        customer=customer,
        region_id=region,
        source=source,
        file_name=file_name[:200],
        submitted_by_label=actor.label[:200],
        submitted_by_role=role,
        submitted_at=now,
    )
    require(actor, batch, "import")
    return batch


def _record(
    *,
    actor: Actor,
    customer: Organization,
    source: str,
    file_name: str,
    lines: Iterator[tuple[int, Sequence[str]] | RowProblem],
    skip_bad: bool,
) -> ImportResult:
    batch = _batch_for(actor=actor, customer=customer, source=source, file_name=file_name)
    reader = rules.LineReader(today=clock.today())
    problems: list[RowProblem] = []
    fatal = False  # a problem with the file as a whole: never skipped
    written = 0
    chunk: list[tuple[Any, ...]] = []
    with transaction.atomic():
        batch.save()
        batch_id, customer_id = batch.pk, customer.pk
        read = reader.read
        for item in lines:
            if isinstance(item, RowProblem):
                problems.append(item)
                fatal = fatal or item.line == 1
                continue
            number, values = item
            line = read(values)
            if isinstance(line, list):
                problems.append(RowProblem(number, "; ".join(line)))
                continue
            if problems and not skip_bad:
                continue  # keep reading to report every bad line; nothing will be written
            chunk.append((batch_id, customer_id, number, *line))
            if len(chunk) >= CHUNK:
                bulk.insert_rows(PurchaseLine, LINE_COLUMNS, chunk)
                written += len(chunk)
                chunk = []
        if fatal or (problems and not skip_bad):
            transaction.set_rollback(True)
            raise PurchaseImportError(problems)
        if chunk:
            bulk.insert_rows(PurchaseLine, LINE_COLUMNS, chunk)
            written += len(chunk)
        if written == 0:
            transaction.set_rollback(True)
            raise PurchaseImportError(problems or [RowProblem(1, _("No lines were given."))])
        return _finish(actor=actor, batch=batch, written=written, problems=problems)


def _record_copied(
    *, actor: Actor, customer: Organization, file_name: str, plan: purchases_copy.Plan, skip_bad: bool
) -> ImportResult:
    batch = _batch_for(actor=actor, customer=customer, source=PurchaseBatch.Source.CSV, file_name=file_name)
    reader = rules.LineReader(today=clock.today())
    with transaction.atomic():
        batch.save()
        written, problems = purchases_copy.record_copied(
            batch_id=batch.pk,
            customer_id=customer.pk,
            plan=plan,
            reader=reader,
            skip_bad=skip_bad,
            columns=LINE_COLUMNS,
        )
        if problems and not skip_bad:
            raise PurchaseImportError(problems)
        if written == 0:
            raise PurchaseImportError(problems or [RowProblem(1, _("No lines were given."))])
        return _finish(actor=actor, batch=batch, written=written, problems=problems)


def _finish(*, actor: Actor, batch: PurchaseBatch, written: int, problems: list[RowProblem]) -> ImportResult:
    """The batch's counts and the journal entry, in the import's transaction once the lines are written."""
    batch.lines_written = written
    batch.lines_skipped = len(problems)
    batch.skipped = [{"line": p.line, "message": p.message} for p in problems[:KEPT_SKIPPED]]
    batch.save(update_fields=["lines_written", "lines_skipped", "skipped"])
    journal_append(
        actor=actor,
        subject_type="purchase_batch",
        subject_id=str(batch.pk),
        action="recorded",
        payload={
            "customer": batch.customer.identifier,
            "source": batch.source,
            "lines": written,
            "skipped": len(problems),
            "by": batch.submitted_by_role,
        },
        provisions=["IP-11.3"] if batch.submitted_by_role == Role.AKIMAT else ["IP-47-1.3"],
    )
    return ImportResult(batch=batch, written=written, skipped=problems[:KEPT_SKIPPED], skipped_count=len(problems))


def purchases_import(
    *, actor: Actor, customer: Organization, content: bytes | str, file_name: str = "", skip_bad: bool = False
) -> ImportResult:
    """Records the purchase lines of a CSV file for `customer`: all of them, or none while any line is bad (unless
    `skip_bad`, when the bad ones are left out and listed). On PostgreSQL a plain file goes straight to the database
    (`purchases_copy`), with the same checks and the same words."""
    try:
        text = csv_import.decode(content) if isinstance(content, bytes) else content.removeprefix("\ufeff")
    except csv_import.CsvImportError:
        text = None  # the Python path says so, after the actor's right to import is checked
    plan = None if text is None else purchases_copy.plan(text, max_lines=MAX_LINES)
    if plan is not None:
        return _record_copied(actor=actor, customer=customer, file_name=file_name, plan=plan, skip_bad=skip_bad)
    return _record(
        actor=actor,
        customer=customer,
        source=PurchaseBatch.Source.CSV,
        file_name=file_name,
        lines=csv_lines(content if text is None else text),
        skip_bad=skip_bad,
    )


def purchases_record(
    *, actor: Actor, customer: Organization, lines: Sequence[dict[str, str]], skip_bad: bool = False
) -> ImportResult:
    """Records purchase lines given through the API (each a mapping of `rules.COLUMNS` to text), numbered from 1 in
    the order given."""
    if len(lines) > MAX_LINES:
        raise PurchaseImportError([RowProblem(1, _("A call may hold at most %(max)s lines.") % {"max": MAX_LINES})])
    given = ((i, [str(line.get(c, "") or "").strip() for c in rules.COLUMNS]) for i, line in enumerate(lines, 1))
    return _record(
        actor=actor, customer=customer, source=PurchaseBatch.Source.API, file_name="", lines=given, skip_bad=skip_bad
    )
