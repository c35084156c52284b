"""The catalogue's writes (IP-29, IP-13) and the list of priority goods' versions (IP-26), uploaded as CSV or XLSX
with every bad row reported."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from nisi.core.authz import SYSTEM
from nisi.core.csv_import import CsvImportError
from nisi.incentives.models import PriorityList
from nisi.incentives.selectors import applications as app_selectors
from nisi.incentives.selectors import catalogue as selectors
from nisi.incentives.services import catalogue, priority
from nisi.law import clock
from tests.incentives.fixtures import LIST_CSV, World

HEADER = "hs_code,name,level,technological_complexity,export_potential,domestic_market_potential\n"


def test_the_catalogue_says_which_measures_are_open_on_a_day(world: World) -> None:
    open_today = {m.measure.code for m in selectors.catalogue_on(dt.date(2026, 3, 2), open_only=True)}
    assert open_today == {"dbk-financing", "damu-subsidy"}
    later = {m.measure.code for m in selectors.catalogue_on(dt.date(2027, 1, 1), open_only=True)}
    assert later == {"dbk-financing", "damu-guarantee"}


@pytest.mark.law("IP-38.1")
def test_ip_38_an_export_measure_of_the_development_bank_is_not_published(world: World, english: None) -> None:
    bank = world.financing.operator
    with pytest.raises(catalogue.CatalogueError, match="foreign trade"):
        catalogue.measure_publish(actor=SYSTEM, code="x-export", kind="export", operator=bank, title="Экспорт")


def test_overlapping_windows_are_refused(world: World) -> None:
    with pytest.raises(catalogue.CatalogueError):
        catalogue.measure_window_open(actor=SYSTEM, measure=world.subsidy, opens_on=dt.date(2026, 6, 1))


def test_only_the_authorized_body_keeps_the_catalogue(world: World) -> None:
    with pytest.raises(PermissionDenied):
        catalogue.measure_window_open(actor=world.bank_actor, measure=world.financing, opens_on=dt.date(2027, 1, 1))


@pytest.mark.law("IP-26")
def test_ip_26_a_good_leaves_the_list_only_by_a_new_version(world: World) -> None:
    later = dt.date(2026, 7, 1)
    new = (HEADER + "8704,Грузовые автомобили,high,80,70,75\n").encode()
    version = priority.priority_list_upload(
        actor=world.officer, content=new, name="v2.csv", in_force_from=later, basis="Приказ № 2"
    )
    assert version.version == 2
    assert selectors.list_in_force(dt.date(2026, 6, 30)).version == 1
    assert selectors.list_in_force(later).version == 2
    assert set(
        selectors.priority_goods(selectors.list_in_force(dt.date(2026, 6, 30))).values_list("hs_code", flat=True)
    ) == {"8704", "730429"}
    assert set(selectors.priority_goods(version).values_list("hs_code", flat=True)) == {"8704"}


def test_every_bad_row_is_reported_and_nothing_written(world: World) -> None:
    bad = HEADER + "8704,Грузовики,high,80,70,75\n87,Х,low,1,2,3\n8704,Снова,high,1,2,3\n9403,Мебель,medium,500,1,1\n"
    with pytest.raises(CsvImportError) as caught:
        priority.priority_list_upload(
            actor=world.officer, content=bad.encode(), name="bad.csv", in_force_from=dt.date(2026, 5, 1), basis="Б"
        )
    assert sorted({p.line for p in caught.value.problems}) == [3, 4, 5]
    assert PriorityList.objects.count() == 1


def test_an_xlsx_version_is_read_through_the_shared_table_import(world: World) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in (HEADER.strip().split(","), ["870421", "Самосвалы", "high", 90, 65.5, 70]):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    version = priority.priority_list_upload(
        actor=world.officer, content=out.getvalue(), name="v2.xlsx", in_force_from=dt.date(2026, 4, 1), basis="Приказ"
    )
    good = version.goods.get()
    assert (good.hs_code, str(good.export_potential)) == ("870421", "65.50")


@pytest.mark.parametrize(
    ("in_force_from", "field"), [(dt.date(2026, 3, 1), "in_force_from"), (dt.date(2026, 3, 2), None)]
)
def test_a_version_is_not_dated_in_the_past(world: World, in_force_from: dt.date, field: Any) -> None:
    call = lambda: priority.priority_list_upload(  # noqa: E731
        actor=world.officer, content=LIST_CSV, name="v.csv", in_force_from=in_force_from, basis="Приказ"
    )
    if field:
        with pytest.raises(priority.PriorityListError) as caught:
            call()
        assert caught.value.field == field
    else:
        assert call().version == 2


def test_only_the_authorized_body_uploads(world: World) -> None:
    with pytest.raises(PermissionDenied):
        priority.priority_list_upload(
            actor=world.applicant_actor, content=LIST_CSV, in_force_from=clock.today(), basis="Приказ"
        )


@pytest.mark.law("IP-25.5")
def test_the_public_pre_check_names_the_reason_for_each_no(world: World, make_org: Any, english: None) -> None:
    passing = app_selectors.precheck(world.applicant.identifier, dt.date(2026, 3, 2))
    # The producer's register record has no goods: the production's goods are not known to be priority goods.
    assert [c.passed for c in passing.conditions] == [False, None, True, True]
    assert {m.measure.code for m in passing.measures} == {"dbk-financing", "damu-subsidy"}
    stranger = make_org("ТОО «Вне реестра»")
    result = app_selectors.precheck(stranger.identifier, dt.date(2026, 3, 2))
    assert result.conditions[3].passed is False
    assert result.would_pass is False
    unknown = app_selectors.precheck("000000000000", dt.date(2026, 3, 2))
    assert unknown.organization is None
