"""Told when a measure opens (once, only if the entity would pass that day), and the counter-obligations' figures
from the state's systems for the agreement's whole term: recorded with their sources, an outage delaying them and
never losing them, confirmed or contested by the recipient, and used by "what you would owe today"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from nisi.core.models import JournalEntry, Notification
from nisi.incentives.models import OpeningAlert, StateActual, StateDataFetch
from nisi.incentives.selectors import state_actuals as selectors
from nisi.incentives.services import alerts, state_actuals
from nisi.law import clock
from nisi.registry.models import RecordPeriod, RegisterRecord
from nisi.verification.simulator import state_figures
from nisi.verification.simulator.app import Simulator, shared_simulator
from tests.contracts.purchases_fixtures import put_in_register
from tests.incentives.agreements_fixtures import conclude
from tests.incentives.fixtures import World

OPENS = dt.date(2026, 4, 1)  # the guarantees measure ("damu-guarantee") opens then


@pytest.fixture
def producer(world: World) -> World:
    """The applicant's register record names a priority good (8704 is on the list), as the pre-check reads it."""
    RecordPeriod.objects.filter(record__organization=world.applicant).delete()
    RegisterRecord.objects.filter(organization=world.applicant).delete()
    put_in_register(
        world.applicant, periods=[(dt.date(2025, 1, 10), None)], goods=[("870421", None, dt.date(2025, 1, 10), None)]
    )
    return world


def test_the_entity_is_told_once_on_the_day_the_measure_opens(producer: World) -> None:
    world = producer
    alert = alerts.alert_ask(actor=world.applicant_actor, organization=world.applicant, measure=world.closed)
    assert alerts.alert_ask(actor=world.applicant_actor, organization=world.applicant, measure=world.closed) == alert
    assert alerts.alerts_check(on=dt.date(2026, 3, 31))["not_yet"] == 1
    with clock.frozen(OPENS):
        assert alerts.alerts_check()["notify"] == 1
        assert alerts.alerts_check()["notify"] == 0  # once, however often the job runs
    alert.refresh_from_db()
    assert (alert.status, alert.checked_on) == (OpeningAlert.Status.NOTIFIED, OPENS)
    told = Notification.objects.filter(organization=world.applicant, message_key="incentives.measure.opened")
    assert told.count() == 1


@pytest.mark.law("IP-25.6")
def test_an_entity_that_left_the_register_before_the_opening_is_not_told(producer: World) -> None:
    world = producer
    alert = alerts.alert_ask(actor=world.applicant_actor, organization=world.applicant, measure=world.closed)
    RecordPeriod.objects.filter(record__organization=world.applicant).update(included_to=dt.date(2026, 3, 31))
    with clock.frozen(OPENS):
        assert alerts.alerts_check()["not_eligible"] == 1
    alert.refresh_from_db()
    assert alert.status == OpeningAlert.Status.NOT_ELIGIBLE
    assert [f["criterion"] for f in alert.findings] == ["not_in_register"]
    assert not Notification.objects.filter(message_key="incentives.measure.opened").exists()


def test_an_open_measure_is_applied_for_not_waited_for_and_others_cannot_ask(world: World) -> None:
    with pytest.raises(alerts.AlertError, match="apply now"):
        alerts.alert_ask(actor=world.applicant_actor, organization=world.applicant, measure=world.financing)
    with pytest.raises(PermissionDenied):
        alerts.alert_ask(actor=world.bank_actor, organization=world.applicant, measure=world.closed)
    alert = alerts.alert_ask(actor=world.applicant_actor, organization=world.applicant, measure=world.closed)
    with pytest.raises(PermissionDenied):
        alerts.alert_cancel(actor=world.officer, alert=alert)
    assert alerts.alert_cancel(actor=world.applicant_actor, alert=alert).status == OpeningAlert.Status.CANCELLED


@pytest.fixture
def gateway(settings: Any) -> Iterator[Simulator]:
    settings.NISI_GATEWAY_URL = "inprocess"
    settings.NISI_GATEWAY_BACKOFF_S = 0.001
    settings.NISI_GATEWAY_ATTEMPTS = 2
    sim = shared_simulator()
    saved = {s: (sim.sources[s].latency_ms, sim.sources[s].outage) for s in state_figures.SOURCES}
    for s in state_figures.SOURCES:
        sim.sources[s].latency_ms, sim.sources[s].outage = 0, False
    yield sim
    for s, (latency, outage) in saved.items():
        sim.sources[s].latency_ms, sim.sources[s].outage = latency, outage


@pytest.mark.law("IP-27.1")
def test_ip_27_1_figures_come_from_the_state_for_the_whole_term_and_an_outage_only_delays_them(
    world: World, gateway: Simulator
) -> None:
    agreement = conclude(world)  # periods 02.03.2026 – 01.03.2027 and on; targets: productivity, exports
    gateway.sources["customs"].outage = True
    with clock.frozen(dt.date(2026, 5, 10)):
        counts = state_actuals.state_actuals_fetch()
    assert counts == {"planned": 1, "done": 0, "pending": 1}
    fetch = StateDataFetch.objects.get()
    assert (fetch.as_of, fetch.status, fetch.attempts) == (dt.date(2026, 4, 30), "pending", 1)
    assert "customs" in fetch.last_error
    assert not StateActual.objects.exists()
    gateway.sources["customs"].outage = False
    with clock.frozen(dt.date(2026, 5, 11)):
        assert state_actuals.state_actuals_fetch() == {"planned": 0, "done": 1, "pending": 0}
    bin_ = world.applicant.identifier
    query = {"from": "2026-03-02", "to": "2026-04-30"}
    exported = Decimal(state_figures.answer("customs", bin_, dt.date(2026, 4, 30), query)["export_value_kzt"])
    figures = {a.area: a for a in StateActual.objects.filter(agreement=agreement)}
    assert set(figures) == {"labour_productivity", "export_output"}
    assert figures["export_output"].value == exported
    assert figures["export_output"].sources[0]["source"] == "customs"
    assert figures["export_output"].sources[0]["request_id"]
    assert JournalEntry.objects.filter(subject_id=agreement.number, action="state_figures_received").count() == 1
    assert Notification.objects.filter(message_key="incentives.state_actuals.received").count() == 1
    # Years later, the agreement still in force: its second period is followed too, not only the first.
    with clock.frozen(dt.date(2027, 6, 1)):
        state_actuals.state_actuals_fetch()
    assert set(StateDataFetch.objects.values_list("period_start", "as_of")) >= {
        (dt.date(2026, 3, 2), dt.date(2027, 3, 1)),
        (dt.date(2027, 3, 2), dt.date(2027, 5, 31)),
    }


def test_the_recipient_confirms_or_contests_and_the_estimate_uses_its_figure(world: World, gateway: Simulator) -> None:
    agreement = conclude(world)
    with clock.frozen(dt.date(2026, 5, 10)):
        state_actuals.state_actuals_fetch()
    export = StateActual.objects.get(area="export_output")
    productivity = StateActual.objects.get(area="labour_productivity")
    with pytest.raises(PermissionDenied):
        state_actuals.state_actual_confirm(actor=world.bank_actor, actual=export)
    state_actuals.state_actual_confirm(actor=world.applicant_actor, actual=productivity)
    with pytest.raises(state_actuals.StateActualError):
        state_actuals.state_actual_contest(actor=world.applicant_actor, actual=export, value=Decimal("1"), reasons=" ")
    state_actuals.state_actual_contest(
        actor=world.applicant_actor, actual=export, value=Decimal("1000000.00"), reasons="Не учтены поставки в РФ"
    )
    with clock.frozen(dt.date(2026, 5, 10)):
        found = selectors.estimate(agreement, dt.date(2026, 5, 10))
    assert found is not None
    assert found.used["export_output"].value == Decimal("1000000.00")
    assert found.used["export_output"].origin == "contested"
    assert found.estimate is not None
    # exports at half the target of 2 000 000: a shortfall, so something would be owed today
    assert found.estimate.value.total > 0
    assert found.estimate.value.provisional


def test_the_state_figures_page_confirms_contests_and_estimates(
    world: World, gateway: Simulator, english: None
) -> None:
    from django.test import Client

    agreement = conclude(world)
    with clock.frozen(dt.date(2026, 5, 10)):
        state_actuals.state_actuals_fetch()
        client = Client()
        client.force_login(world.users["applicant"])
        here = f"/en/incentives/agreements/{agreement.number}/state-figures/"
        page = client.get(here).content.decode()
        assert "What you would owe today" in page
        assert "customs" in page
        export = StateActual.objects.get(area="export_output")
        bad = client.post(here, {"actual": export.pk, "step": "contest", "value": "-1", "reasons": ""})
        assert bad.status_code == 422
        assert "cannot be negative" in bad.content.decode()
        client.post(here, {"actual": export.pk, "step": "contest", "value": "1000000", "reasons": "Поставки в РФ"})
        export.refresh_from_db()
        assert (export.status, export.contested_value) == ("contested", Decimal("1000000.00"))
        assert "your own figure (contested)" in client.get(here).content.decode()
        stranger = Client()
        stranger.force_login(world.users["other"])
        assert stranger.get(here).status_code == 404
