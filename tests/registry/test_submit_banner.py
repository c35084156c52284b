"""The banner after a submission says what is true of the page beside it (issue 10): the result when it is there,
the verification under way while it is not, and it changes when the result arrives."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, TestCase

from nisi.core import outbox
from nisi.core.roles import Role
from nisi.registry.models import RegisterApplication
from nisi.verification.simulator.app import Simulator
from tests.registry.conftest import make_healthy

pytestmark = pytest.mark.django_db


def _banner(page: str) -> str:
    start = page.index('id="submitted-title"')
    return page[start : page.index("</div>\n</div>", start)]


def _submit(client: Client, make_user: Any, draft: RegisterApplication, simulator: Simulator) -> str:
    make_healthy(simulator, draft.organization.identifier, ["720810"])
    client.force_login(make_user(Role.APPLICANT, organization=draft.organization))
    with TestCase.captureOnCommitCallbacks(execute=True):
        r = client.post(f"/en/register/applications/{draft.number}/submit/")
    assert r.status_code == 302
    return str(r["Location"])


def test_when_the_result_is_there_the_banner_says_so_and_points_at_it(
    client: Client, make_user: Any, draft: RegisterApplication, simulator: Simulator
) -> None:
    page = client.get(_submit(client, make_user, draft, simulator)).content.decode()
    banner = _banner(page)
    assert "The result of digital verification is below." in banner
    assert 'href="#verification-result"' in banner
    assert "start shortly" not in banner
    assert "has started" not in banner
    assert 'id="verification-result"' in page
    # Read again later (no ?submitted), the page has no banner.
    assert 'id="submitted-title"' not in client.get(f"/en/register/applications/{draft.number}/").content.decode()


def test_while_the_verification_is_owed_the_banner_says_so_and_changes_with_the_result(
    client: Client,
    make_user: Any,
    draft: RegisterApplication,
    simulator: Simulator,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(outbox, "dispatch_committed", lambda pk: None)  # as with workers: sent later
    location = _submit(client, make_user, draft, simulator)
    page = client.get(location).content.decode()
    assert "Digital verification will start shortly" in _banner(page)
    assert "submitted=1" in page.split('hx-get="', 1)[1].split('"', 1)[0]  # the page follows with its banner
    monkeypatch.undo()
    with TestCase.captureOnCommitCallbacks(execute=True):
        outbox.dispatch_due()
    draft.refresh_from_db()
    assert draft.status == RegisterApplication.Status.ASSESSMENT
    fragment = client.get(
        f"/en/register/applications/{draft.number}/progress/?shown=verifying&submitted=1"
    ).content.decode()
    assert "The result of digital verification is below." in _banner(fragment)
