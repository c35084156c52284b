"""Quarterly monitoring in the browser (issue 10): an officer starts the period's run and reads its
non-compliances; a running run's progress follows itself every two seconds; the pages are accessible."""

from __future__ import annotations

from typing import Any

import pytest

from nisi.core.roles import Role
from tests.browser.conftest import axe_violations, sign_in
from tests.verification.conftest import simulator  # noqa: F401  (the in-process gateway simulator fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def producers(simulator: Any, make_org: Any) -> dict[str, Any]:  # noqa: F811
    # make_org reloads the regions a transactional test's flush removed.
    from tests.registry.test_monitoring_desk import _producer

    for state in simulator.sources.values():
        state.latency_ms = 0
    return {
        "healthy": _producer(simulator, "ТОО «Сталь»", None, 20014000000),
        "arrears": _producer(simulator, "ТОО «Долг»", "tax_arrears", 20014100000),
    }


def test_an_officer_starts_the_monitoring_and_reads_its_non_compliances(
    page: Any, make_user: Any, producers: dict[str, Any]
) -> None:
    from nisi.registry.services.monitoring_desk import current_period

    period = current_period()
    assert period is not None
    sign_in(page, make_user(Role.AUTHORIZED_BODY).username)
    page.get_by_role("link", name="Monitoring", exact=True).click()  # from the header
    page.wait_for_url("**/register/monitoring/")
    assert page.get_by_role("heading", level=1).inner_text() == "Quarterly monitoring of the register"
    assert axe_violations(page) == []

    page.get_by_role("button", name=f"Start the monitoring of {period}").click()
    page.wait_for_url(f"**/register/monitoring/{period}/")
    assert page.get_by_role("heading", level=1).inner_text() == f"Monitoring of {period}"
    assert page.get_by_text("2 of 2 producers checked (100 %)").is_visible()
    bar = page.get_by_role("progressbar")
    assert bar.get_attribute("value") == "2"
    assert bar.get_attribute("max") == "2"
    arrears = producers["arrears"]
    assert (
        page.get_by_role("link", name=arrears.organization.name)
        .get_attribute("href")
        .endswith(f"/register/records/{arrears.number}/")
    )
    assert page.get_by_text("Tax arrears:", exact=False).first.is_visible()
    assert axe_violations(page) == []

    page.get_by_label("Outcome").select_option("all")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**?outcome=all*")
    assert page.get_by_role("link", name=producers["healthy"].organization.name).is_visible()


def test_a_running_runs_progress_follows_itself_until_it_finishes(
    page: Any, make_user: Any, producers: dict[str, Any]
) -> None:
    from nisi.core.authz import SYSTEM
    from nisi.registry.services import monitoring

    run = monitoring.monitoring_start(actor=SYSTEM)  # its chunks not queued: the page shows it running
    sign_in(page, make_user(Role.AUDITOR).username)
    page.goto(f"/en/register/monitoring/{run.quarter}/")
    assert page.get_by_text("0 of 2 producers checked (0 %)").is_visible()
    assert page.locator("#monitoring-progress[hx-trigger='every 2s']").count() == 1
    assert axe_violations(page) == []

    for low, high in monitoring.chunks(run, 10):
        monitoring.monitoring_process_chunk(run_id=run.pk, low=low, high=high)
    # No reload: the fragment asked for every two seconds brings the outcome, then asks no more.
    # Every producer checked may show one poll before the run is marked finished: wait for the finish itself.
    page.get_by_text("Finished", exact=True).wait_for(timeout=10_000)
    assert page.get_by_text("2 of 2 producers checked (100 %)").is_visible()
    assert page.locator("#monitoring-progress[hx-trigger]").count() == 0
    # The link leads to the address the page already has: waiting for that address would not wait.
    with page.expect_navigation(url=f"**/register/monitoring/{run.quarter}/"):
        page.get_by_role("link", name="The run has finished: show every producer's outcome").click()
    assert page.get_by_role("heading", level=1).inner_text() == f"Monitoring of {run.quarter}"
