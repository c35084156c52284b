"""The contracts' lists that officers work through filter, sort and page like the house's other lists: the
applications for contracts, the objections to excluded goods, the customers whose purchases one may see, the
versions of the systemic enterprises' list and the akimats' submissions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from nisi.contracts.models import PlanApplication, ProductionSubmission, SystemicList
from nisi.contracts.services import objections
from nisi.core.authz import Actor
from nisi.core.models import Region
from nisi.forms import listing
from nisi.law import clock
from tests.contracts.examination_fixtures import EXCLUDED, D, applied, producer_in_register, under_review
from tests.contracts.plans_fixtures import Cycle, cycle_fixture, hs_codes_fixture  # noqa: F401
from tests.contracts.purchases_fixtures import today, world  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_per_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages of one row, so that two rows make two pages."""
    monkeypatch.setitem(listing.list_page.__kwdefaults__, "per_page", 1)


def _page(client: Client, user: Any, url: str, **query: str) -> str:
    client.force_login(user)
    page = client.get(url, query, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200, page.content[:500]
    return str(page.content.decode())


def _user(actor: Actor) -> Any:
    return get_user_model().objects.get(pk=actor.user_id)


def test_applications_filter_by_text_status_and_kind_and_sort(client: Client, cycle: Cycle) -> None:
    application = applied(cycle)
    url = "/en/contracts/applications/"
    officer = cycle.users["officer"]
    assert application.number in _page(client, officer, url)
    assert application.number in _page(client, officer, url, q=cycle.manufacturer.identifier)
    assert application.number not in _page(client, officer, url, q="no such manufacturer")
    assert application.number in _page(client, officer, url, status=PlanApplication.Status.SUBMITTED)
    assert application.number not in _page(client, officer, url, status=PlanApplication.Status.REFUSED)
    assert application.number not in _page(client, officer, url, kind=PlanApplication.Kind.GUARANTEED_PURCHASE)
    html = _page(client, officer, url, order="manufacturer", status="nonsense")  # a bad filter is left out
    assert application.number in html
    assert '<option value="manufacturer" selected>' in html
    # each side sees its own only
    assert application.number in _page(client, cycle.users["manufacturer"], url)
    assert application.number not in _page(client, cycle.users["akimat"], url)


def _two_objections(cycle: Cycle, make_org: Any, make_user: Any) -> list[str]:
    plan = under_review(cycle)
    numbers = []
    for note in ("Выпускаем 5 000 шт. в год", "Делаем с 2024 года"):
        producer, actor = producer_in_register(cycle, make_org, make_user)
        with clock.frozen(D(2025, 12, 15)):
            objection = objections.objection_file(
                actor=actor, line=plan.lines.get(product_code=EXCLUDED), organization=producer, note=note
            )
        numbers.append(objection.number)
    return numbers


def test_objections_filter_sort_and_page(
    client: Client, cycle: Cycle, make_org: Any, make_user: Any, one_per_page: None
) -> None:
    first, second = _two_objections(cycle, make_org, make_user)
    url = "/en/contracts/objections/"
    officer = cycle.users["officer"]
    newest = _page(client, officer, url)
    assert second in newest
    assert first not in newest
    assert 'href="?page=2"' in newest
    assert first in _page(client, officer, url, page="2")
    assert first in _page(client, officer, url, order="oldest")
    assert first in _page(client, officer, url, q=first)
    assert second not in _page(client, officer, url, q=first)
    assert first not in _page(client, officer, url, status="accepted")
    assert first not in _page(client, officer, url, year="2031")


def test_purchases_customers_search_sort_and_page(
    client: Client,
    world: dict[str, Any],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from nisi.contracts.services.purchases import purchases_record

    for customer in (world["customer"], world["other"]):
        actor = world["users"]["customer" if customer == world["customer"] else "other_customer"]
        purchases_record(
            actor=actor,
            customer=customer,
            lines=[
                {
                    "supplier_bin": world["steady"].identifier,
                    "product_code": "720711",
                    "quantity": Decimal(1),
                    "amount": Decimal(100),
                    "purchase_date": dt.date(2026, 1, 15),
                    "contract_reference": "Д-1",
                }
            ],
        )
    monkeypatch.setattr("nisi.contracts.views.purchases.PER_PAGE", 1)
    url = "/en/contracts/purchases/"
    officer = _user(world["users"]["authorized_body"])
    first = _page(client, officer, url)
    assert 'href="?page=2"' in first
    assert world["other"].name in first  # «Другой» sorts before «Заказчик»
    assert world["customer"].name in _page(client, officer, url, page="2")
    assert world["customer"].name in _page(client, officer, url, q=world["customer"].identifier)
    assert world["other"].name not in _page(client, officer, url, q="Заказчик")
    assert '<option value="bin" selected>' in _page(client, officer, url, order="bin")
    # a customer finds only itself
    assert world["other"].name not in _page(client, _user(world["users"]["customer"]), url)


def _list(year: int, version: int, status: str) -> SystemicList:
    return SystemicList.objects.create(
        year=year,
        version=version,
        status=status,
        threshold=Decimal("0.03"),
        threshold_reference="IP-47-1.1",
        computed_at=timezone.now(),
        computed_by_label="officer",
    )


def test_systemic_lists_filter_sort_and_page(
    client: Client,
    world: dict[str, Any],  # noqa: F811
    one_per_page: None,
) -> None:
    _list(2024, 1, SystemicList.Status.APPROVED)
    _list(2025, 1, SystemicList.Status.DRAFT)
    url = "/en/contracts/systemic/"
    officer = _user(world["users"]["authorized_body"])
    newest = _page(client, officer, url)
    assert "/contracts/systemic/2025/1/" in newest
    assert "/contracts/systemic/2024/1/" not in newest
    assert "/contracts/systemic/2024/1/" in _page(client, officer, url, page="2")
    assert "/contracts/systemic/2024/1/" in _page(client, officer, url, order="oldest")
    assert "/contracts/systemic/2024/1/" in _page(client, officer, url, year="2024")
    assert "/contracts/systemic/2025/1/" not in _page(client, officer, url, status="approved")
    assert "/contracts/systemic/2025/1/" not in _page(client, _user(world["users"]["applicant"]), url)  # a draft


def test_submissions_filter_sort_and_page(
    client: Client,
    world: dict[str, Any],  # noqa: F811
    one_per_page: None,
) -> None:
    for code, year in (("35", 2024), ("75", 2025)):
        ProductionSubmission.objects.create(
            region=Region.objects.get(code=code),
            year=year,
            territory_total=Decimal(100),
            created_at=timezone.now(),
            created_by_label="akimat",
        )
    url = "/en/contracts/systemic/submissions/"
    officer = _user(world["users"]["authorized_body"])
    karaganda, turkistan = Region.objects.get(code="35").name_en, Region.objects.get(code="75").name_en
    newest = _page(client, officer, url)
    assert turkistan in newest
    assert 'href="?page=2"' in newest
    assert karaganda in _page(client, officer, url, page="2")
    assert karaganda in _page(client, officer, url, order="oldest")
    assert karaganda in _page(client, officer, url, region="35")
    assert karaganda in _page(client, officer, url, year="2024")
    assert turkistan not in _table(_page(client, officer, url, status="submitted"))
    # an akimat reads its own region's only
    assert turkistan not in _table(_page(client, _user(world["users"]["akimat"]), url, region="75"))


def _table(html: str) -> str:
    return html.split("<tbody", 1)[1].split("</tbody>", 1)[0]
