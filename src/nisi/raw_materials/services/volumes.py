"""Production volumes of the producers of listed raw materials (IP-60.5), reported by a form with its period, a
CSV/XLSX file or the API; a changed volume is journalled with the shares it leads to, which are computed from the
volumes as they stand (`selectors.shares`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from nisi.core.authz import Actor, require, scope
from nisi.core.csv_import import CsvImportError, RowProblem
from nisi.core.services.journal import journal_append
from nisi.core.table_import import read as read_table
from nisi.law import clock
from nisi.raw_materials import rules
from nisi.raw_materials.messages import RAW_MATERIAL
from nisi.raw_materials.models import Producer, ProductionVolume
from nisi.raw_materials.services.common import RawMaterialError, check_amount

COLUMNS = ("raw_material", "producer", "year", "volume")
MAX_ROWS = 5000
FIRST_YEAR = 2000


@dataclass(frozen=True)
class VolumeIn:
    year: int
    volume: Decimal


def _check(data: VolumeIn) -> None:
    today = clock.today()
    if not FIRST_YEAR <= data.year <= today.year - 1:
        raise RawMaterialError(
            _("Report a year that has ended: from %(first)s to %(last)s.")
            % {"first": FIRST_YEAR, "last": today.year - 1},
            "year",
        )
    check_amount(data.volume, "volume", 3)


def _shares(raw_material_id: int, year: int) -> dict[str, str]:
    volumes = {
        v.producer.organization.identifier: v.volume
        for v in ProductionVolume.objects.filter(producer__raw_material_id=raw_material_id, year=year).select_related(
            "producer__organization"
        )
    }
    return {k: str(s.value) for k, s in rules.supply_shares(volumes).items()}


def _write(actor: Actor, producer: Producer, data: VolumeIn) -> ProductionVolume:
    before = ProductionVolume.objects.select_for_update().filter(producer=producer, year=data.year).first()
    previous = before.volume if before else None
    volume, _created = ProductionVolume.objects.update_or_create(
        producer=producer,
        year=data.year,
        defaults={"volume": data.volume, "reported_at": clock.now(), "reported_by": actor.label[:200]},
    )
    journal_append(
        actor=actor,
        subject_type=RAW_MATERIAL,
        subject_id=producer.raw_material.code,
        action="volume_reported" if previous is None else "volume_changed",
        payload={
            "producer": producer.organization.identifier,
            "year": data.year,
            "volume": str(data.volume),
            "previous": str(previous) if previous is not None else None,
            "shares": _shares(producer.raw_material_id, data.year),
        },
        provisions=["IP-60.5"],
    )
    return volume


@transaction.atomic
def volume_report(*, actor: Actor, producer: Producer, data: VolumeIn) -> ProductionVolume:
    """A producer's production of the raw material in an ended year; reported again, it replaces the earlier figure
    and every producer's share of that year follows (IP-60.5)."""
    locked = Producer.objects.select_for_update().select_related("raw_material", "organization").get(pk=producer.pk)
    require(actor, locked, "report_volume")
    _check(data)
    return _write(actor, locked, data)


def _row(row: Mapping[str, str]) -> VolumeIn:
    try:
        year = int(row["year"])
    except ValueError as exc:
        raise RawMaterialError(_("year is a whole number, such as 2025.")) from exc
    try:
        volume = Decimal(row["volume"].replace(" ", "").replace(",", "."))
    except InvalidOperation as exc:
        raise RawMaterialError(_("volume is a number, such as 125000.5.")) from exc
    data = VolumeIn(year, volume)
    _check(data)
    return data


@transaction.atomic
def volumes_import(*, actor: Actor, content: bytes, name: str = "") -> list[ProductionVolume]:
    """Many volumes from a CSV or XLSX file (columns `COLUMNS`: the raw material's code, the producer's BIN, the
    year, the volume): every bad row is reported with its line, and nothing is stored while any row is bad."""
    table = read_table(content, name=name, columns=COLUMNS, required=COLUMNS, max_rows=MAX_ROWS)
    if table.problems:
        raise CsvImportError(table.problems)
    producers = {
        (p.raw_material.code, p.organization.identifier): p
        for p in scope(actor, Producer.objects.select_related("raw_material", "organization"), "report_volume")
    }
    problems: list[RowProblem] = []
    checked: list[tuple[Producer, VolumeIn]] = []
    seen: set[tuple[str, str, int]] = set()
    for line, row in table.rows:
        key = (row["raw_material"].strip(), row["producer"].strip())
        producer = producers.get(key)
        if producer is None:
            problems.append(
                RowProblem(
                    line,
                    _("%(bin)s is not a producer of %(code)s on the list whose volumes you report")
                    % {"bin": key[1], "code": key[0]},
                )
            )
            continue
        try:
            data = _row(row)
            require(actor, producer, "report_volume")
        except RawMaterialError as exc:
            problems.append(RowProblem(line, str(exc)))
            continue
        except PermissionDenied:
            problems.append(RowProblem(line, _("you may not report this producer's volumes")))
            continue
        if (*key, data.year) in seen:
            problems.append(RowProblem(line, _("this producer's year is given twice in the file; keep one row")))
            continue
        seen.add((*key, data.year))
        checked.append((producer, data))
    if problems:
        raise CsvImportError(problems)
    return [_write(actor, producer, data) for producer, data in checked]
