"""The unified map of industrialization in the browser: the public map draws every region from the shipped shapes
and agrees with its table and with the API; an akimat gives its quarter through the form with the period filled in
(IP-6.2, IP-11.8); the pages pass axe."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from nisi.core.roles import Role
from tests.browser.conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _projects(make_org: Any) -> list[Any]:
    from nisi.core.authz import SYSTEM
    from nisi.industrialization.services import projects as services
    from nisi.law import clock
    from tests.conftest import hs_codes_loaded
    from tests.industrialization.conftest import ASTANA, KARAGANDA

    hs_codes_loaded()
    org = make_org(name="ТОО «Browser Steel»")
    made = []
    for name, place, kind in (("Литейный завод", KARAGANDA, "akimat"), ("Кабельный завод", ASTANA, "akimat")):
        project = services.project_apply(
            actor=SYSTEM,
            name=name,
            initiator=org.identifier,
            oked="24100",
            hs_codes=["720110"],
            investment=services.Decimal("1500000000.00"),
            jobs=120,
            capacity="",
            responsible_kind=kind,
            responsible=None,
            stages=[services.StagePlan("commissioning", clock.today().replace(year=clock.today().year + 1))],
            **place,
        )
        services.project_check(actor=SYSTEM, project=project)
        made.append(services.project_include(actor=SYSTEM, project=project))
    return made


@pytest.mark.law("IP-6.2")
def test_the_public_map_and_its_table_agree(page: Any, live_server: Any, make_org: Any) -> None:
    made = _projects(make_org)
    page.goto("/en/industrialization/")
    page.wait_for_selector(".leaflet-overlay-pane path.leaflet-interactive")
    # 20 regions and one point per project, drawn without a tile server.
    page.wait_for_function("document.querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive').length >= 22")
    assert page.locator(".leaflet-tile").count() == 0
    assert axe_violations(page) == []
    api = page.request.get("/api/v1/industrialization/map").json()
    table = {
        row.get_attribute("data-region"): int(row.locator("[data-figure=projects]").inner_text())
        for row in page.locator("#map-regions tbody tr[data-region]").all()
    }
    assert table == {r["code"]: r["projects"] for r in api["regions"]}
    assert table["35"] == table["71"] == 1
    numbers = [cell.inner_text() for cell in page.locator("#map-projects tbody tr td:first-child").all()]
    assert sorted(numbers) == sorted(p.number for p in made) == sorted(p["number"] for p in api["projects"])
    # A filter narrows the map, the table and the API alike.
    page.get_by_text("Filters and the figure that colours the regions").click()
    page.get_by_label("Region", exact=True).select_option("35")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(re.compile(r"[?&]region=35(&|$)"))
    assert page.locator("#map-projects tbody tr").count() == 1
    assert "region=35" in (page.get_by_role("link", name="This data as JSON (API)").get_attribute("href") or "")


@pytest.mark.law("IP-11.8")
def test_an_akimat_gives_its_quarter(page: Any, live_server: Any, make_org: Any, make_user: Any) -> None:
    from nisi.industrialization.models import QuarterlyReport
    from nisi.industrialization.rules import last_ended_quarter
    from nisi.law import clock

    made = _projects(make_org)
    akimat = make_user(Role.AKIMAT, region="35")
    sign_in(page, akimat.username)
    page.goto("/en/industrialization/reports/")
    assert axe_violations(page) == []
    quarter = str(last_ended_quarter(clock.today()))
    assert page.get_by_label("Quarter", exact=True).last.input_value() == quarter
    page.get_by_label("Project", exact=True).select_option(made[0].number)
    page.get_by_label("Stage reached").select_option("construction")
    page.get_by_label("Investment made since the start, tenge").fill("350000000.00")
    page.get_by_label("Jobs created").fill("40")
    page.get_by_role("button", name="Send the information").click()
    expect(page.get_by_text("The quarter's information was recorded.")).to_be_visible()
    assert axe_violations(page) == []
    report = QuarterlyReport.objects.get()
    assert (report.project_id, f"{report.year}-Q{report.quarter}") == (made[0].pk, quarter)
    # The Astana project is not the Karaganda akimat's to report.
    assert page.locator("#id_project option", has_text=made[1].number).count() == 0
