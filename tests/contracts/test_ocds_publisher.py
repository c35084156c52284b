"""The open contracting feed names its publisher, the authorized body, by its BIN in the scheme KZ-BIN (org-id.guide's
code for Kazakhstan's BIN register), as it names the parties; an unset BIN is left out, never given empty."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import checks
from django.test import Client, override_settings

from nisi.contracts.checks import authorized_body_bin
from nisi.core import identifiers
from tests.contracts.ocds_fixtures import validate

pytestmark = pytest.mark.django_db
FEED = "/api/v1/contracts/ocds/releases"
BIN = identifiers.complete("17024000089")


def _publisher(url: str = FEED) -> dict[str, Any]:
    response = Client().get(url)
    assert response.status_code == 200, response.content
    package = response.json()
    validate(package, "release-package-schema.json")
    return dict(package["publisher"])


def test_the_publisher_is_the_authorized_body_by_its_bin() -> None:
    with override_settings(NISI_AUTHORIZED_BODY_BIN=BIN):
        publisher = _publisher()
    assert (publisher["scheme"], publisher["uid"]) == ("KZ-BIN", BIN)
    assert publisher["name"]


def test_an_unset_bin_is_left_out_not_given_empty() -> None:
    with override_settings(NISI_AUTHORIZED_BODY_BIN=""):
        publisher = _publisher()
    assert "uid" not in publisher
    assert "scheme" not in publisher
    assert set(publisher) == {"name", "uri"}


@pytest.mark.parametrize(
    ("value", "errors"),
    [("", 0), (BIN, 0), (BIN[:-1] + str((int(BIN[-1]) + 1) % 10), 1), ("12345", 1), ("８" * 12, 1)],
)
def test_a_bin_that_fails_its_check_digit_stops_the_start(value: str, errors: int) -> None:
    with override_settings(NISI_AUTHORIZED_BODY_BIN=value):
        found = authorized_body_bin(None)
    assert len(found) == errors
    assert all(isinstance(e, checks.Error) and e.id == "contracts.E001" for e in found)
