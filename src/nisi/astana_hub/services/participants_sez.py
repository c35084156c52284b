"""Mirroring the single register of participants of the SEZ "Park of Innovative Technologies" (AH-7.2.1).

The Fund does not decide who is an SEZ participant: that register does. A Fund officer imports its entries from a
CSV file (or an integration posts them): every row is checked first, every bad row is reported with its line number,
and nothing is written when any row is bad (DESIGN 10). An entry is keyed by the organization and its inclusion date,
so that importing the same extract again changes nothing and a later extract records an exclusion.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.astana_hub.models import SezParticipant
from nisi.astana_hub.rules import participants as rules
from nisi.astana_hub.rules.participants import SEZ_SUBJECT, SezRow
from nisi.core import csv_import
from nisi.core.authz import Actor, require
from nisi.core.csv_import import RowProblem
from nisi.core.models import Organization
from nisi.core.services.journal import journal_append
from nisi.core.services.organizations import OrganizationError, organization_register
from nisi.law import clock

MAX_ROWS = 20_000


class SezImportError(ValueError):
    """The file was not imported; `problems` lists every bad row by its line number."""

    def __init__(self, problems: list[RowProblem]) -> None:
        super().__init__(_("The file was not imported: %(count)s problems.") % {"count": len(problems)})
        self.problems = problems


@dataclass
class SezImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    organizations_created: list[str] = field(default_factory=list)


def sez_rows_read(content: bytes) -> tuple[list[SezRow], list[RowProblem]]:
    """The rows of a CSV file (comma or semicolon separated, a header naming the columns) and the problems found,
    read by the core's one CSV reader (`nisi.core.csv_import`)."""
    try:
        read = csv_import.read(
            content, columns=rules.SEZ_COLUMNS, required=sorted(rules.SEZ_REQUIRED_COLUMNS), max_rows=MAX_ROWS
        )
    except csv_import.CsvImportError as exc:
        raise SezImportError(exc.problems) from None
    rows: list[SezRow] = []
    problems = list(read.problems)
    for line, raw in read.rows:
        row, row_problems = rules.parse_sez_row(line, raw)
        problems.extend(RowProblem(line, p) for p in row_problems)
        if row is not None:
            rows.append(row)
    return rows, problems


@transaction.atomic
def sez_import(*, actor: Actor, content: bytes, source: str) -> SezImportResult:
    """Imports the entries of an SEZ register file: all of them, or none if any row is bad."""
    require(actor, SezParticipant(), "import")
    rows, problems = sez_rows_read(content)
    seen: dict[tuple[str, object], int] = {}
    for row in rows:
        key = (row.bin, row.included_on)
        if key in seen:
            problems.append(
                RowProblem(
                    row.line,
                    _("This BIN and inclusion date are already on line %(line)s; keep one of the two rows.")
                    % {"line": seen[key]},
                )
            )
        seen.setdefault(key, row.line)
    known = {o.identifier: o for o in Organization.objects.filter(identifier__in={r.bin for r in rows})}
    named = {r.bin: r.name for r in rows if r.name}  # one row naming a new organization serves its other rows
    for row in rows:
        if row.bin not in known and row.bin not in named:
            problems.append(
                RowProblem(
                    row.line,
                    _(
                        "bin: no organization with BIN %(bin)s is known to NISI; give its registered name in the name "
                        "column to add it."
                    )
                    % {"bin": row.bin},
                )
            )
    if problems:
        raise SezImportError(sorted(problems, key=lambda p: p.line))
    result = SezImportResult()
    source = source.strip()[:200] or _("file upload")
    for row in rows:
        organization = known.get(row.bin)
        if organization is None:
            try:
                organization = organization_register(actor=actor, identifier=row.bin, name=named[row.bin])
            except OrganizationError as exc:  # pragma: no cover - checked above; kept for a concurrent insert
                raise SezImportError([RowProblem(row.line, str(exc))]) from None
            known[row.bin] = organization
            result.organizations_created.append(row.bin)
        _entry_save(actor, organization, row, source, result)
    return result


def _entry_save(actor: Actor, organization: Organization, row: SezRow, source: str, result: SezImportResult) -> None:
    entry = SezParticipant.objects.filter(organization=organization, included_on=row.included_on).first()
    values = {
        "register_number": row.register_number,
        "excluded_on": row.excluded_on,
        "outside_territory": row.outside_territory,
    }
    if entry is not None and all(getattr(entry, k) == v for k, v in values.items()):
        result.unchanged += 1
        return
    action = "recorded" if entry is None else "updated"
    if entry is None:
        entry = SezParticipant(organization=organization, included_on=row.included_on)
        result.created += 1
    else:
        result.updated += 1
    for name, value in values.items():
        setattr(entry, name, value)
    entry.source = source
    entry.recorded_at = clock.now()
    entry.save()
    journal_append(
        actor=actor,
        subject_type=SEZ_SUBJECT,
        subject_id=f"{organization.identifier}:{row.included_on.isoformat()}",
        action=action,
        payload={
            "register_number": row.register_number,
            "included_on": row.included_on.isoformat(),
            "excluded_on": row.excluded_on.isoformat() if row.excluded_on else None,
            "outside_territory": row.outside_territory,
            "source": source,
            "line": row.line,
        },
        provisions=["AH-7.2.1"],
    )
