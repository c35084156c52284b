"""The large customers' pages as their users use them: the public list and search, the authorized body records a
customer (the IP-46.2 refusal shown on the form), ends one, records the Fund and the chain; the officers read the
chain; the others are refused."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from nisi.contracts.models import LargeCustomer, NationalWelfareFund, OwnershipLink
from nisi.contracts.services import customers
from nisi.core.authz import SYSTEM
from nisi.law import clock
from tests.contracts.customers_fixtures import DAY, People, people_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def client_of(user: object | None) -> Client:
    client = Client(**EN)
    if user is not None:
        client.force_login(user)  # type: ignore[arg-type]
    return client


def test_the_authorized_body_records_and_ends_a_customer(people: People) -> None:
    officer = client_of(people.users["officer"])
    here = reverse("contracts:customers")
    with clock.frozen(DAY):
        bad = officer.post(here, {"identifier": "12345", "kind": "", "since": ""})
        assert bad.status_code == 200
        assert b"govuk-error-summary" in bad.content
        assert b"Enter the BIN: 12 digits" in bad.content
        unknown = officer.post(here, {"identifier": "000000000000", "kind": "subsoil_user", "since": "2026-03-02"})
        assert b"No organization with BIN 000000000000" in unknown.content
        done = officer.post(
            here, {"identifier": people.customer.identifier, "kind": "subsoil_user", "since": "2026-03-02"}
        )
        assert done.status_code == 302
        page = client_of(None).get(here)
        assert "АО «Недра»" in page.content.decode()
        assert b"Record a large customer" not in page.content
        detail = reverse("contracts:customer", args=[people.customer.identifier])
        assert officer.post(detail, {"until": "2026-12-31"}).status_code == 302
    assert LargeCustomer.objects.get().status == LargeCustomer.Status.ENDED
    assert client_of(None).get(detail).status_code == 404
    assert "АО «Недра»" not in client_of(None).get(here).content.decode()


def test_the_fund_s_entity_is_refused_on_the_form_with_the_reason(people: People) -> None:
    customers.fund_record(actor=SYSTEM, organization=people.fund)
    customers.ownership_record(
        actor=SYSTEM, owner=people.fund, owned=people.customer, share=customers.Decimal("50"), on=DAY
    )
    officer = client_of(people.users["officer"])
    with clock.frozen(DAY):
        page = officer.post(
            reverse("contracts:customers"),
            {"identifier": people.customer.identifier, "kind": "quasi_public", "since": "2026-03-02"},
        )
    assert page.status_code == 200
    text = page.content.decode()
    assert "IP-46.2" in text
    assert "the Fund holds 50 % of" in text
    assert 'id="id_identifier-error"' in text
    assert not LargeCustomer.objects.exists()


@pytest.mark.parametrize(
    ("who", "status", "forms"),
    [("officer", 200, True), ("institute", 200, False), ("auditor", 200, False), ("customer", 403, False)],
)
def test_the_chain_page_as_each_role(people: People, who: str, status: int, forms: bool) -> None:
    page = client_of(people.users[who]).get(reverse("contracts:customers_ownership"))
    assert page.status_code == status
    if status == 200:
        assert (b"Record a holding" in page.content) is forms


def test_anonymous_is_sent_to_sign_in_for_the_chain(people: People) -> None:
    assert client_of(None).get(reverse("contracts:customers_ownership")).status_code == 302


def test_the_officer_records_the_fund_and_a_holding(people: People) -> None:
    officer = client_of(people.users["officer"])
    here = reverse("contracts:customers_ownership")
    assert officer.post(here, {"step": "fund", "identifier": people.fund.identifier}).status_code == 302
    link = {
        "step": "link",
        "owner": people.fund.identifier,
        "owned": people.customer.identifier,
        "share": "33.3333",
        "on": "2025-01-01",
    }
    assert officer.post(here, link).status_code == 302
    bad = officer.post(here, {**link, "owned": people.fund.identifier})
    assert bad.status_code == 200
    assert b"An organization cannot own itself" in bad.content
    assert NationalWelfareFund.objects.get().organization == people.fund
    assert OwnershipLink.objects.get().share == customers.Decimal("33.3333")
    assert "33" in officer.get(here).content.decode()
    # Only the authorized body's posts are taken.
    institute = client_of(people.users["institute"])
    assert institute.post(here, {**link, "share": "10"}).status_code == 200
    assert OwnershipLink.objects.count() == 1
