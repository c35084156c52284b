"""The API of the alerts when a measure opens and of the state's figures of the counter-obligations: the pages'
services and policies, tried as each role — the entity itself, another entity, the operator, the public."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client

from nisi.core.models import JournalEntry
from nisi.incentives.models import OpeningAlert, StateActual
from nisi.incentives.services import state_actuals
from nisi.law import clock
from nisi.verification.simulator.app import Simulator
from tests.incentives.agreements_fixtures import conclude
from tests.incentives.fixtures import World
from tests.incentives.test_alerts_and_state_figures import gateway  # noqa: F401  (the fixture)
from tests.incentives.test_api import API, post, token


def get(path: str, user: Any) -> Any:
    return Client().get(f"{API}{path}", **token(user))


def test_the_entity_asks_lists_and_cancels_its_alerts(world: World, english: None) -> None:
    applicant = world.users["applicant"]
    open_now = post("/alerts", {"measure": "dbk-financing"}, applicant, "en")
    assert open_now.status_code == 422
    assert "apply now" in open_now.json()["detail"]
    unknown = post("/alerts", {"measure": "no-such-measure"}, applicant, "en")
    assert (unknown.status_code, unknown.json()["detail"]) == (422, "Choose a measure of the catalogue.")
    assert post("/alerts", {"measure": "bad code!"}, applicant).status_code == 422
    made = post("/alerts", {"measure": "damu-guarantee"}, applicant)
    assert made.status_code == 201, made.content
    alert = made.json()
    assert (alert["measure"], alert["status"], alert["can_cancel"]) == ("damu-guarantee", "waiting", True)
    again = post("/alerts", {"measure": "damu-guarantee"}, applicant)
    assert again.json()["id"] == alert["id"]  # asked again: the waiting one
    listed = get("/alerts", applicant).json()
    assert [a["id"] for a in listed] == [alert["id"]]
    # another entity neither sees nor cancels it
    assert get("/alerts", world.users["other"]).json() == []
    assert post(f"/alerts/{alert['id']}/cancel", {}, world.users["other"]).status_code == 404
    # an operator and the authorized body are not entities asking to be told
    assert get("/alerts", world.users["bank"]).status_code == 403
    assert post("/alerts", {"measure": "damu-guarantee"}, world.users["officer"]).status_code == 403
    assert post(f"/alerts/{alert['id']}/cancel", {}, world.users["bank"]).status_code == 403
    # the public: a token is needed
    assert Client().get(f"{API}/alerts").status_code == 401
    assert Client().post(f"{API}/alerts/{alert['id']}/cancel").status_code == 401
    assert post("/alerts/99999999/cancel", {}, applicant).status_code == 404
    assert post("/alerts/0/cancel", {}, applicant).status_code == 422
    cancelled = post(f"/alerts/{alert['id']}/cancel", {}, applicant)
    assert cancelled.status_code == 200
    assert (cancelled.json()["status"], cancelled.json()["can_cancel"]) == ("cancelled", False)
    assert OpeningAlert.objects.get(pk=alert["id"]).status == OpeningAlert.Status.CANCELLED
    assert JournalEntry.objects.filter(subject_type="incentive_opening_alert", action="cancelled").count() == 1
    twice = post(f"/alerts/{alert['id']}/cancel", {}, applicant, "en")
    assert twice.status_code == 409
    assert twice.json()["detail"] == "This request to be told cannot be cancelled."


def _fetched(world: World) -> str:
    agreement = conclude(world)
    with clock.frozen(dt.date(2026, 5, 10)):
        state_actuals.state_actuals_fetch()
    return agreement.number


def test_the_recipient_sees_confirms_and_contests_the_states_figures(
    world: World,
    english: None,
    gateway: Simulator,  # noqa: F811
) -> None:
    number = _fetched(world)
    applicant = world.users["applicant"]
    export = StateActual.objects.get(area="export_output")
    productivity = StateActual.objects.get(area="labour_productivity")
    with clock.frozen(dt.date(2026, 5, 10)):
        seen = get(f"/agreements/{number}/state-figures", applicant)
    assert seen.status_code == 200, seen.content
    body = seen.json()
    assert body["agreement"] == number
    assert {f["area"]: f["actions"] for f in body["figures"]} == {
        "labour_productivity": ["confirm", "contest"],
        "export_output": ["confirm", "contest"],
    }
    assert body["figures"][0]["sources"][0]["request_id"]
    assert body["awaited"] == []
    assert body["estimate"]["period_start"] == "2026-03-02"
    assert body["estimate"]["used"]["export_output"]["origin"] == "state"
    base = f"/agreements/{number}/state-figures"
    # the operator reads, but neither confirms nor contests; another entity sees nothing; the public needs a token
    operator = get(base, world.users["bank"]).json()
    assert {tuple(f["actions"]) for f in operator["figures"]} == {()}
    assert post(f"{base}/{productivity.pk}/confirm", {}, world.users["bank"]).status_code == 403
    contest = {"value": "1000000.00", "reasons": "Не учтены поставки в РФ"}
    assert post(f"{base}/{export.pk}/contest", contest, world.users["bank"]).status_code == 403
    assert get(base, world.users["other"]).status_code == 404
    assert post(f"{base}/{productivity.pk}/confirm", {}, world.users["other"]).status_code == 404
    assert Client().get(f"{API}{base}").status_code == 401
    assert Client().post(f"{API}{base}/{productivity.pk}/confirm").status_code == 401
    assert post(f"{base}/99999999/confirm", {}, applicant).status_code == 404
    # the recipient confirms once; a confirmed figure may still be contested
    confirmed = post(f"{base}/{productivity.pk}/confirm", {}, applicant)
    assert confirmed.status_code == 200
    assert (confirmed.json()["status"], confirmed.json()["actions"]) == ("confirmed", ["contest"])
    assert post(f"{base}/{productivity.pk}/confirm", {}, applicant).status_code == 409
    # contesting needs a figure that is not negative and a reason
    assert post(f"{base}/{export.pk}/contest", contest | {"value": "-1"}, applicant).status_code == 422
    assert post(f"{base}/{export.pk}/contest", contest | {"reasons": ""}, applicant).status_code == 422
    blank = post(f"{base}/{export.pk}/contest", contest | {"reasons": "  "}, applicant, "en")
    assert (blank.status_code, blank.json()["detail"]) == (422, "Say why the state's figure is wrong.")
    contested = post(f"{base}/{export.pk}/contest", contest, applicant)
    assert contested.status_code == 200
    assert (contested.json()["status"], contested.json()["contested_value"]) == ("contested", "1000000.00")
    again = post(f"{base}/{export.pk}/contest", contest, applicant, "en")
    assert (again.status_code, again.json()["detail"]) == (409, "This figure cannot be contested.")
    with clock.frozen(dt.date(2026, 5, 10)):
        estimate = get(base, applicant).json()["estimate"]
    assert estimate["used"]["export_output"] == {"value": "1000000.00", "origin": "contested", "as_of": "2026-04-30"}
    assert estimate["total"] is not None
    assert estimate["lines"][0]["provision"] == "IP-27.4"
    assert JournalEntry.objects.filter(subject_id=number, action="state_figure_contested").count() == 1


def test_the_page_refuses_a_cancel_that_names_no_alert(world: World, english: None) -> None:
    client = Client()
    client.force_login(world.users["applicant"])
    for bad in ("abc", "٣", "99999999999999999999999"):
        answer = client.post("/en/incentives/alerts/", {"cancel": bad}, follow=True)
        assert answer.status_code == 200
        assert "This request to be told cannot be cancelled." in answer.content.decode()
