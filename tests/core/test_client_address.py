"""The client's address: the connection's, unless the settings name the header a trusted proxy sets."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import RequestFactory

from nisi.core.client_address import client_ip

PROXY = "10.0.0.5"


def _request(rf: RequestFactory, **meta: str) -> Any:
    return rf.get("/", REMOTE_ADDR=meta.pop("REMOTE_ADDR", PROXY), **meta)


def test_without_a_configured_header_the_connection_counts(rf: RequestFactory, settings: Any) -> None:
    settings.NISI_CLIENT_IP_HEADER = ""
    request = _request(rf, HTTP_X_FORWARDED_FOR="192.0.2.1", HTTP_X_REAL_IP="192.0.2.2")
    assert client_ip(request) == PROXY


def test_a_header_of_the_proxys_own_is_read_as_it_is(rf: RequestFactory, settings: Any) -> None:
    settings.NISI_CLIENT_IP_HEADER = "X-Real-IP"
    assert client_ip(_request(rf, HTTP_X_REAL_IP="198.51.100.7")) == "198.51.100.7"
    assert client_ip(_request(rf, HTTP_X_REAL_IP="2001:db8::1")) == "2001:db8::1"


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "192.0.2.66, 198.51.100.7", "198.51.100.7"),  # the left entry is the client's own writing
        (2, "192.0.2.66, 198.51.100.7, 10.0.0.9", "198.51.100.7"),  # two proxies appended
        (2, "198.51.100.7", PROXY),  # fewer entries than proxies: not from them
    ],
)
def test_forwarded_for_is_read_from_the_right(
    rf: RequestFactory, settings: Any, proxies: int, forwarded_for: str, expected: str
) -> None:
    settings.NISI_CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.NISI_PROXY_COUNT = proxies
    assert client_ip(_request(rf, HTTP_X_FORWARDED_FOR=forwarded_for)) == expected


@pytest.mark.parametrize("value", ["", "unknown", "198.51.100.7:443", "<script>"])
def test_a_header_that_is_not_an_address_is_ignored(rf: RequestFactory, settings: Any, value: str) -> None:
    settings.NISI_CLIENT_IP_HEADER = "X-Real-IP"
    assert client_ip(_request(rf, HTTP_X_REAL_IP=value)) == PROXY
