"""The register's search by name: case- and accent-insensitive in Kazakh, Russian and English on both databases,
kept true by every write of a good and every rename of a producer, and counted only up to a cap."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from nisi.core.models import Organization
from nisi.law import clock
from nisi.registry import search, selectors
from nisi.registry.models import RegisterGood, RegisterRecord
from nisi.registry.services.register import _record_for

D = dt.date(2026, 1, 15)


def producer_with_good(make_org: Any, name: str, good: str, code: str = "720810", name_kk: str = "") -> RegisterRecord:
    org = make_org(name=name)
    with clock.frozen(D):
        record, _ = _record_for(org, RegisterRecord.Basis.ASSESSED, org.kato, D)
    RegisterGood.objects.create(
        record=record,
        hs_code=code,
        name_ru=good,
        name_kk=name_kk,
        annual_capacity=Decimal(1),
        unit="t",
        domestic_value_share=Decimal(50),
        included_on=D,
    )
    return record


def found(**query: Any) -> list[str]:
    return sorted({g.record.organization.name for g in selectors.public_goods(**query)})


@pytest.mark.parametrize(
    "typed",
    ["болат", "БОЛАТ", "Болат", "казак", "ҚАЗАҚ", "қазақ болат", "прокат", "ПРОКАТ", "тоо болат", "Болат»"],
)
def test_a_name_is_found_whatever_the_case_and_the_keyboard(make_org: Any, typed: str) -> None:
    producer_with_good(make_org, "ТОО «Қазақ Болат»", "Прокат плоский")
    producer_with_good(make_org, "ТОО «Темир»", "Трубы")
    assert found(q=typed) == ["ТОО «Қазақ Болат»"]


def test_a_good_is_found_by_its_kazakh_name_and_an_english_name_without_accents(make_org: Any) -> None:
    producer_with_good(make_org, "ТОО «Нан»", "Хлеб", name_kk="Нан өнімдері")
    producer_with_good(make_org, "Café Crème LLP", "Кофе")
    assert found(q="онимдери") == ["ТОО «Нан»"]
    assert found(q="CAFE creme") == ["Café Crème LLP"]


def test_every_word_must_be_found(make_org: Any) -> None:
    producer_with_good(make_org, "ТОО «Болат»", "Прокат")
    producer_with_good(make_org, "ТОО «Болат Трубы»", "Трубы")
    assert found(q="болат трубы") == ["ТОО «Болат Трубы»"]


def test_a_renamed_producer_is_found_by_its_new_name_only(make_org: Any) -> None:
    record = producer_with_good(make_org, "ТОО «Старое»", "Прокат")
    org = Organization.objects.get(pk=record.organization_id)
    org.name = "ТОО «Новое Имя»"
    org.save()
    assert found(q="новое") == ["ТОО «Новое Имя»"]
    assert found(q="старое") == []


def test_a_good_written_without_its_search_text_is_refused(make_org: Any) -> None:
    """Bulk writes send no signals: the database refuses a good that search could not find."""
    record = producer_with_good(make_org, "ТОО «Болат»", "Прокат")
    good = RegisterGood(
        record=record,
        hs_code="720851",
        name_ru="Лист",
        annual_capacity=Decimal(1),
        unit="t",
        domestic_value_share=Decimal(50),
        included_on=D,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        RegisterGood.objects.bulk_create([good])
    RegisterGood.objects.bulk_create(search.fill([good], record.organization))
    assert found(q="лист") == ["ТОО «Болат»"]


def test_the_page_counts_up_to_the_cap_and_says_more_than(
    make_org: Any, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(4):
        producer_with_good(make_org, f"ТОО «Болат {i}»", "Прокат")
    monkeypatch.setattr(selectors, "SEARCH_COUNT_CAP", 3)
    assert selectors.CappedCount(selectors.public_goods(q="болат")).count() == 4  # the cap, and one more
    page = client.get("/en/register/", {"q": "болат"}).content.decode()
    assert "more than 3 goods" in page
    assert "Add words of the name" in page
    page = client.get("/en/register/", {"q": "болат 2"}).content.decode()
    assert "In the register today: 1<" in page


def test_a_kept_count_changes_with_the_register(make_org: Any, client: Client) -> None:
    producer_with_good(make_org, "ТОО «Болат 1»", "Прокат")
    assert "In the register today: 1<" in client.get("/en/register/", {"q": "болат"}).content.decode()
    producer_with_good(make_org, "ТОО «Болат 2»", "Прокат")
    assert "In the register today: 2<" in client.get("/en/register/", {"q": "болат"}).content.decode()


@pytest.mark.parametrize(("typed", "refused"), [("ао", True), ("ао тоо", False), ("72", False), ("а б", True)])
def test_a_name_search_needs_a_word_of_three_letters(db: None, client: Client, typed: str, refused: bool) -> None:
    page = client.get("/en/register/", {"q": typed}).content.decode()
    assert ("Type at least 3 letters of a word of the name" in page) is refused


def _page_cases(make_org: Any) -> None:
    for i in range(6):
        producer_with_good(make_org, f"ТОО «Болат {i}»", "Прокат плоский", code="720810")
    producer_with_good(make_org, "ТОО «Темир»", "Трубы болат", code="730411")
    producer_with_good(make_org, "ТОО «Нан»", "Хлеб", code="190590")


@pytest.mark.parametrize("cap", [2, 1000])
@pytest.mark.parametrize("q", ["болат", "трубы", "прокат 7208", "болат трубы", "нет такого", "хлеб"])
def test_a_search_page_is_the_same_by_either_plan(make_org: Any, monkeypatch: Any, cap: int, q: str) -> None:
    """The search's page (ADR 17, addendum 7) is the page of `public_goods` whether the words are found in fewer
    goods than the cap (their ids sorted) or in more (the index walked in order), on any page."""
    _page_cases(make_org)
    monkeypatch.setattr(selectors, "SEARCH_COUNT_CAP", cap)
    for offset, limit in [(0, 20), (0, 3), (2, 3), (6, 5), (9, 5)]:
        expected = [g.pk for g in selectors.public_goods(q=q)[offset : offset + limit]]
        assert [g.pk for g in selectors.public_goods_page(q=q, offset=offset, limit=limit)] == expected


def test_a_search_page_on_a_date_and_in_a_region_is_the_same_by_either_plan(make_org: Any, monkeypatch: Any) -> None:
    _page_cases(make_org)
    monkeypatch.setattr(selectors, "SEARCH_COUNT_CAP", 2)
    region = RegisterRecord.objects.first().region_code  # type: ignore[union-attr]
    for query in [{"on": D}, {"on": D - dt.timedelta(days=1)}, {"region": region}, {"code": "7208"}]:
        expected = [g.pk for g in selectors.public_goods(q="болат", **query)[:4]]
        assert [g.pk for g in selectors.public_goods_page(q="болат", limit=4, **query)] == expected


def test_a_walked_search_leaves_the_connection_as_it_was(make_org: Any, monkeypatch: Any) -> None:
    """The walk's settings (no sort, no parallel workers) are for its one statement: every later one is planned as
    before."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's planner settings")
    _page_cases(make_org)
    monkeypatch.setattr(selectors, "SEARCH_COUNT_CAP", 2)
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        workers = cursor.fetchone()[0]
        assert len(selectors.public_goods_page(q="болат", limit=3)) == 3
        cursor.execute("SHOW enable_sort")
        assert cursor.fetchone()[0] == "on"
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == workers
