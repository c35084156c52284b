"""The list of priority goods (IP-26): the authorized body uploads a new version, in force from a date, as a CSV
or XLSX file (`nisi.core.table_import`); every bad row is reported by its line and nothing is written while any
is bad. A good leaves the list only by a new version that does not hold it."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from nisi.core import table_import
from nisi.core.authz import Actor, require
from nisi.core.csv_import import CsvImportError, RowProblem
from nisi.core.services.journal import journal_append
from nisi.incentives.models import PriorityGood, PriorityList
from nisi.incentives.rules import priority as rules
from nisi.law import clock

COLUMNS = ("hs_code", "name", "level", *rules.SCORES)
MAX_ROWS = 20_000


class PriorityListError(ValueError):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@transaction.atomic
def priority_list_upload(
    *, actor: Actor, content: bytes, name: str = "", in_force_from: dt.date, basis: str
) -> PriorityList:
    """A new version of the list from a file (columns hs_code, name, level, technological_complexity,
    export_potential, domestic_market_potential), in force from `in_force_from`: not before today (the list in
    force on a past day stays as it was) nor before the latest version's date."""
    draft = PriorityList(version=0, in_force_from=in_force_from, basis=basis, uploaded_at=clock.now())
    require(actor, draft, "upload")
    today = clock.today()
    if in_force_from < today:
        raise PriorityListError(
            _("A version comes into force today or later: the list in force on a past day is not rewritten."),
            "in_force_from",
        )
    latest = PriorityList.objects.select_for_update().order_by("-version").first()
    if latest is not None and in_force_from < latest.in_force_from:
        raise PriorityListError(
            _("Version %(version)s comes into force on %(on)s; a new version comes into force on that day or later.")
            % {"version": latest.version, "on": latest.in_force_from.isoformat()},
            "in_force_from",
        )
    basis = basis.strip()
    if not basis or len(basis) > 300:
        raise PriorityListError(_("Name the act approving the version (at most 300 characters)."), "basis")
    read = table_import.read(content, name=name, columns=COLUMNS, required=COLUMNS, max_rows=MAX_ROWS)
    if read.problems:
        raise CsvImportError(read.problems)
    goods: list[rules.GoodRow] = []
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}
    for line, row in read.rows:
        good, said = rules.good_row(row, in_force_from)
        problems.extend(RowProblem(line, message) for message in said)
        if good is None:
            continue
        if good.hs_code in seen:
            problems.append(
                RowProblem(
                    line,
                    _("the code %(code)s is already on line %(line)s")
                    % {"code": good.hs_code, "line": seen[good.hs_code]},
                )
            )
            continue
        seen[good.hs_code] = line
        goods.append(good)
    if problems:
        raise CsvImportError(problems)
    draft.version = (PriorityList.objects.aggregate(m=Max("version"))["m"] or 0) + 1
    draft.basis = basis
    draft.uploaded_by_label = actor.label[:200]
    draft.source_name = name[:200]
    draft.save()
    PriorityGood.objects.bulk_create(
        [
            PriorityGood(
                priority_list=draft,
                hs_code=g.hs_code,
                name=g.name,
                level=g.level,
                technological_complexity=g.technological_complexity,
                export_potential=g.export_potential,
                domestic_market_potential=g.domestic_market_potential,
            )
            for g in goods
        ]
    )
    journal_append(
        actor=actor,
        subject_type="priority_list",
        subject_id=str(draft.version),
        action="uploaded",
        payload={"in_force_from": in_force_from.isoformat(), "goods": len(goods), "basis": basis},
        provisions=["IP-26.1", "IP-26.2"],
    )
    return draft
