"""The webhook's pure rules: signature, retry schedule, addresses it may call."""

from __future__ import annotations

import datetime as dt

import pytest

from nisi.core.publication import rules


def test_the_signature_is_hmac_sha256_of_timestamp_dot_body() -> None:
    import hashlib
    import hmac

    body = b'{"events":[]}'
    expected = hmac.new(b"k" * 24, b"1767225600." + body, hashlib.sha256).hexdigest()
    assert rules.signature("k" * 24, 1767225600, body) == "sha256=" + expected
    assert rules.signature_valid("k" * 24, 1767225600, body, "sha256=" + expected)
    assert not rules.signature_valid("k" * 24, 1767225601, body, "sha256=" + expected)  # a replayed timestamp
    assert not rules.signature_valid("x" * 24, 1767225600, body, "sha256=" + expected)


@pytest.mark.parametrize(("failures", "minutes"), [(0, 0), (1, 1), (2, 2), (3, 4), (6, 32), (7, 60), (40, 60)])
def test_retries_back_off_to_an_hour(failures: int, minutes: int) -> None:
    assert rules.retry_delay(failures) == dt.timedelta(minutes=minutes)


@pytest.mark.parametrize(
    ("url", "debug", "addresses", "refused"),
    [
        ("https://erp.example.kz/hook", False, ["93.184.216.34"], None),
        ("http://erp.example.kz/hook", False, ["93.184.216.34"], "must start with https"),
        ("https://erp.example.kz/hook", False, ["10.0.0.5"], "private or local"),
        ("https://erp.example.kz/hook", False, ["93.184.216.34", "192.168.1.1"], "private or local"),
        ("https://localhost/hook", False, ["127.0.0.1"], "private or local"),
        ("https://[::1]/hook", False, ["::1"], "private or local"),
        ("https://metadata/hook", False, ["169.254.169.254"], "private or local"),
        ("https://x/hook", False, ["::ffff:10.1.1.1"], "private or local"),
        ("https://erp.example.kz/hook", False, None, "does not resolve"),
        ("https://user:pw@erp.example.kz/hook", False, ["93.184.216.34"], "user name"),
        ("ftp://erp.example.kz/hook", False, ["93.184.216.34"], "starting with https"),
        ("http://127.0.0.1:8080/hook", True, None, None),  # a developer's machine
        ("ftp://127.0.0.1/hook", True, None, "starting with https"),
    ],
)
def test_which_receivers_may_be_called(url: str, debug: bool, addresses: list[str] | None, refused: str) -> None:
    problem = rules.url_problem(url, debug=debug, addresses=addresses)
    if refused is None:
        assert problem is None
    else:
        assert problem is not None
        assert refused in problem
