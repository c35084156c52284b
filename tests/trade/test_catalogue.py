"""The catalogue for foreign buyers (IP-43.2.3): built from the register's producers listed now, goods named in
English from the HS classifier, contacts only with the producer's consent (IP-6.3), export profiles proposed by the
export development institute and confirmed by the producer, and monthly editions frozen when published."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from nisi.core.authz import SYSTEM
from nisi.core.models import Notification
from nisi.core.publication.datasets import dataset
from nisi.law import clock
from nisi.registry.models import RegisterGood
from nisi.trade import selectors
from nisi.trade.models import CatalogueEdition, ExportProfile
from nisi.trade.services import catalogue

pytestmark = pytest.mark.django_db


def _entry(identifier: str, entries: list[dict[str, Any]]) -> dict[str, Any] | None:
    return next((e for e in entries if e["identifier"] == identifier), None)


@pytest.mark.law("IP-43.2.3")
def test_ip_43_2_3_the_catalogue_lists_the_register_producers_now_with_english_names(
    people: dict[str, Any], today: dt.date
) -> None:
    entries = selectors.catalogue_entries(today)
    first = _entry(people["first"].identifier, entries)
    assert first is not None
    assert [g["hs_code"] for g in first["goods"]] == ["720810"]  # 720851 was taken out on 1 March
    assert first["goods"][0]["en"]  # the HS classifier's English name
    assert first["goods"][0]["ru"] == "Товар 720810"
    assert first["contacts"] is None  # no consent: no contacts
    assert _entry(people["removed"].identifier, entries) is None  # removed on 1 April
    assert _entry(people["outsider"].identifier, entries) is None  # never in the register


@pytest.mark.law("IP-43.2.3")
def test_ip_43_2_3_a_profile_is_published_once_the_producer_confirms_it_with_contacts_only_by_consent(
    people: dict[str, Any], today: dt.date
) -> None:
    institute, producer, first = people["institute"], people["producer"], people["first"]
    profile = catalogue.profile_propose(
        actor=institute, organization=first, markets=["de", "CN", "DE"], certifications=["ISO 9001:2015"]
    )
    assert profile.markets == ["DE", "CN"]
    assert profile.status == ExportProfile.Status.PROPOSED
    assert Notification.objects.filter(organization=first).exists()
    assert _entry(first.identifier, selectors.catalogue_entries(today))["markets"] == []  # type: ignore[index]
    catalogue.profile_answer(actor=producer, profile=profile, confirm=True, contacts_consent=False)
    entry = _entry(first.identifier, selectors.catalogue_entries(today))
    assert entry is not None
    assert entry["markets"] == ["DE", "CN"]
    assert entry["contacts"] is None
    catalogue.profile_answer(actor=producer, profile=profile, confirm=False)
    profile.refresh_from_db()
    profile.status = ExportProfile.Status.DECLINED
    catalogue.profile_answer(actor=producer, profile=profile, confirm=True, contacts_consent=True)
    entry = _entry(first.identifier, selectors.catalogue_entries(today))
    assert entry is not None
    assert entry["contacts"] == {"address": "", "email": "org@test.kz", "phone": ""}


def test_the_institute_cannot_confirm_and_another_producer_cannot_answer(people: dict[str, Any], today: Any) -> None:
    profile = catalogue.profile_propose(
        actor=people["institute"], organization=people["first"], markets=[], certifications=[]
    )
    for who in ("institute", "producer2", "officer"):
        with pytest.raises(PermissionDenied):
            catalogue.profile_answer(actor=people[who], profile=profile, confirm=True)
    with pytest.raises(PermissionDenied):
        catalogue.profile_propose(actor=people["producer"], organization=people["first"], markets=[], certifications=[])


def test_only_producers_in_the_register_get_a_profile_and_markets_are_countries(
    people: dict[str, Any], today: Any
) -> None:
    with pytest.raises(catalogue.TradeError, match="not listed"):
        catalogue.profile_propose(
            actor=people["institute"], organization=people["outsider"], markets=[], certifications=[]
        )
    for market in ("KZ", "Germany"):
        with pytest.raises(catalogue.TradeError, match="two capital Latin letters"):
            catalogue.profile_propose(
                actor=people["institute"], organization=people["first"], markets=[market], certifications=[]
            )


@pytest.mark.law("IP-43.2.3")
def test_ip_43_2_3_an_edition_a_month_frozen_when_published(people: dict[str, Any], today: dt.date) -> None:
    edition = catalogue.edition_publish(actor=people["institute"])
    assert edition.number == "2026-05"
    assert edition.producers == 2
    assert edition.goods == 2
    with pytest.raises(catalogue.TradeError, match="published already"):
        catalogue.edition_publish(actor=people["institute"])
    assert catalogue.edition_monthly(actor=SYSTEM) is None
    # The register changes after the edition: the edition stays as it was, the catalogue now moves on.
    RegisterGood.objects.filter(record__organization=people["second"]).update(
        removed_on=dt.date(2026, 5, 21), status="removed"
    )
    edition.refresh_from_db()
    assert {e["identifier"] for e in edition.entries} == {people["first"].identifier, people["second"].identifier}
    with clock.frozen(dt.date(2026, 6, 1)):
        assert catalogue.edition_monthly(actor=SYSTEM) == "2026-06"
        june = CatalogueEdition.objects.get(number="2026-06")
    assert {e["identifier"] for e in june.entries} == {people["first"].identifier}
    assert selectors.edition_on(dt.date(2026, 5, 31)) == edition
    assert selectors.edition_on(dt.date(2026, 6, 15)) == june
    assert selectors.edition_on(dt.date(2026, 4, 1)) is None


def test_only_the_institute_or_the_authorized_body_publishes(people: dict[str, Any], today: Any) -> None:
    for who in ("producer", "auditor", "akimat"):
        with pytest.raises(PermissionDenied):
            catalogue.edition_publish(actor=people[who])


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ({"code": "7208"}, {"first", "second"}),
        ({"code": "7208100000"}, {"second"}),  # only the second gives the TN VED code
        ({"region": "71"}, {"second"}),
        ({"q": "завод"}, {"first", "second"}),
        ({"q": "nothing-like-this"}, set()),
        ({"q": "товар 720810"}, {"first", "second"}),
        ({"code": "8401"}, set()),
    ],
)
def test_the_catalogue_is_searched_by_code_region_and_name(
    people: dict[str, Any], today: dt.date, query: dict[str, str], found: set[str]
) -> None:
    entries = selectors.search(selectors.catalogue_entries(today), **query)
    assert {e["identifier"] for e in entries} == {people[k].identifier for k in found}


def test_the_catalogue_is_in_the_open_data_catalogue() -> None:
    found = dataset("export-catalogue")
    assert found is not None
    assert found.provisions == ("IP-43.2.3",)
    assert found.frequency == "MONTHLY"
