"""A penalty's basis and a closed year's outcome are stored as message keys and parameters, and read in the reader's
language (kk, ru, en), whatever language the daily task that wrote them ran in."""

from __future__ import annotations

import datetime as dt
import importlib
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.test import Client
from django.urls import reverse
from django.utils import translation

from nisi.contracts.models import ContractKind, ContractYear, DevelopmentContract, Penalty
from nisi.contracts.services import offtake as services
from nisi.contracts.services import offtake_changes as changes
from nisi.contracts.services import offtake_performance as performance
from nisi.core import messages
from nisi.core.authz import actor_for
from nisi.core.models import Notification
from nisi.law import clock
from tests.contracts.offtake_fixtures import *  # noqa: F403  (the area's fixtures)
from tests.contracts.offtake_fixtures import OFFICER, terms

BASIS = {
    "en": "200 t delivered in 2026 up to the minimum and not accepted by the customer.",
    "ru": "200 t поставлено в 2026 году в пределах минимума и не принято заказчиком.",
    "kk": "2026 жылы ең төменгі шекте жеткізілген және тапсырыс беруші қабылдамаған 200 t.",
}


def _close_with_a_refusal(signed: DevelopmentContract, manufacturer_user: Any, customer_user: Any) -> Penalty:
    on = dt.date(2026, 6, 1)
    with clock.frozen(on):
        delivery = performance.delivery_record(
            actor=actor_for(manufacturer_user), contract=signed, delivered_on=on, volume=Decimal(1000)
        )
        performance.delivery_accept(
            actor=actor_for(customer_user), delivery=delivery, accepted_volume=Decimal(800), reasons="Storage full"
        )
    with translation.override("en"):  # the language the daily task happened to run in
        performance.contracts_daily(today=dt.date(2027, 1, 2))
    return Penalty.objects.get(contract=signed)


def _page(user: Any, language: str, path: str) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return str(response.content.decode())


@pytest.mark.law("IP-48.4")
@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_ip_48_4_the_contract_page_shows_the_penalty_basis_in_the_readers_language(
    signed: DevelopmentContract, manufacturer_user: Any, customer_user: Any, language: str
) -> None:
    penalty = _close_with_a_refusal(signed, manufacturer_user, customer_user)
    assert penalty.basis_key == "contracts.penalty.basis.refusal_to_buy"
    assert penalty.basis == ""  # nothing frozen in the task's language
    body = _page(customer_user, language, f"/{language}/contracts/offtake/contracts/{signed.number}/")
    assert BASIS[language] in body
    for other in {"ru", "kk", "en"} - {language}:
        assert BASIS[other] not in body


@pytest.mark.law("IP-48.2")
def test_ip_48_2_the_year_closed_notice_reads_its_outcome_in_russian_in_the_inbox(
    signed: DevelopmentContract, manufacturer_user: Any, customer_user: Any
) -> None:
    _close_with_a_refusal(signed, manufacturer_user, customer_user)
    notice = Notification.objects.get(
        organization=signed.manufacturer, message_key="contracts.contract.year_closed", params__year=2026
    )
    assert notice.params["outcome"] == {"key": "contracts.year_outcome.breached", "params": {}}
    with translation.override("ru"):
        path = reverse("web:account")
    inbox = _page(manufacturer_user, "ru", path)
    assert "Заказчик принял меньше минимума (IP-48.2)." in inbox
    assert "The customer accepted less than the minimum" not in inbox
    assert BASIS["ru"] in inbox  # the penalty's notice: its basis too
    assert "{'key'" not in inbox


def test_an_offset_failure_penalty_reads_its_basis_in_each_language(
    today: dt.date, hs_codes: None, customer: Any, customer_user: Any, manufacturer: Any, manufacturer_user: Any
) -> None:
    signed = services.contract_confirm(
        actor=actor_for(manufacturer_user),
        contract=services.contract_conclude(
            actor=actor_for(customer_user),
            customer=customer,
            terms=terms(manufacturer, ContractKind.CONTRACT_PROCUREMENT),
        ),
    )
    condition = signed.offset_conditions.first()
    assert condition is not None
    with clock.frozen(dt.date(2026, 6, 1)), translation.override("en"):
        changes.offset_failure_record(
            actor=OFFICER, condition=condition, evidence="No centre", on=dt.date(2026, 6, 1), penalty=Decimal(5)
        )
    penalty = Penalty.objects.get(contract=signed)
    with translation.override("ru"):
        assert penalty.basis_text == f"Офсетное условие не исполнено: {condition.description}"
    with translation.override("en"):
        assert penalty.basis_text == f"Offset condition not fulfilled: {condition.description}"


def test_the_migration_gives_old_rows_their_key_or_keeps_their_text(
    signed: DevelopmentContract, manufacturer_user: Any, customer_user: Any
) -> None:
    penalty = _close_with_a_refusal(signed, manufacturer_user, customer_user)
    Penalty.objects.filter(pk=penalty.pk).update(basis_key="", basis_params={}, basis="старый текст")
    unknown = Penalty.objects.create(
        contract=signed,
        ground=Penalty.Ground.OFFSET_FAILURE,
        amount=Decimal(1),
        basis="Offset condition not fulfilled: lost",
        recorded_on=dt.date(2026, 1, 5),
    )
    migration = importlib.import_module("nisi.contracts.migrations.0008_penalty_basis_key")
    migration.keys_from_rows(django_apps, None)
    penalty.refresh_from_db()
    unknown.refresh_from_db()
    assert (penalty.basis_key, penalty.basis_params) == (
        "contracts.penalty.basis.refusal_to_buy",
        {"refused": "200", "unit": "t", "year": 2026},
    )
    with translation.override("kk"):
        assert penalty.basis_text == BASIS["kk"]
    assert (unknown.basis_key, unknown.basis_text) == ("", "Offset condition not fulfilled: lost")
    assert ContractYear.objects.get(contract=signed, year=2026).status == ContractYear.Status.BREACHED


def test_a_parameter_that_is_a_message_is_rendered_in_the_readers_language() -> None:
    nested = messages.message("contracts.year_outcome.met")
    with translation.override("ru"):
        assert messages.text(nested) == "Обязательство заказчика за год выполнено."
        _subject, body = messages.render(
            "contracts.contract.year_closed",
            dict.fromkeys(("year", "number", "minimum", "delivered", "accepted", "refused"), "1") | {"outcome": nested},
        )
        assert body.endswith("Обязательство заказчика за год выполнено.")
    assert messages.text("plain") == "plain"
    assert messages.text(None) == ""
