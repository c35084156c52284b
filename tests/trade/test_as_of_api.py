"""The catalogue for foreign buyers through the API as of a day (ADR 45, IP-43.2.3): the edition published by the
end of that day, which keeps a producer the register removed later and leaves out one listed after it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from nisi.core.authz import SYSTEM
from nisi.law import clock
from nisi.registry.models import RegisterGood
from nisi.trade.services import catalogue
from tests.core.publication.helpers import assert_api_as_of_refused

API = "/api/v1/trade/catalogue"


@pytest.mark.law("IP-43.2.3")
def test_the_catalogue_as_of_a_day_is_the_edition_published_by_then(
    people: dict[str, Any], today: dt.date, client: Client
) -> None:
    catalogue.edition_publish(actor=people["institute"])
    RegisterGood.objects.filter(record__organization=people["second"]).update(
        removed_on=dt.date(2026, 5, 21), status="removed"
    )
    with clock.frozen(dt.date(2026, 6, 1)):
        catalogue.edition_monthly(actor=SYSTEM)
    with clock.frozen(dt.date(2026, 6, 2)):
        may = client.get(API, {"as_of": "2026-05-31"}).json()
        assert may["edition"] == "2026-05"
        assert {p["identifier"] for p in may["producers"]} == {people["first"].identifier, people["second"].identifier}
        june = client.get(API, {"as_of": "2026-06-01"}).json()
        assert june["edition"] == "2026-06"
        assert {p["identifier"] for p in june["producers"]} == {people["first"].identifier}
        assert client.get(API, {"as_of": "2026-04-01"}).json() == {"edition": None, "producers": []}
        assert_api_as_of_refused(client, API)
