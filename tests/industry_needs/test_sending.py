"""The authorized body's proposals of the list of specialities (IP-55.1) and its placements of the needs for research
(IP-57), formed, approved and sent through the gateway with their receipts; an outage delays, never loses."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from nisi.core import outbox
from nisi.core.models import JournalEntry, Notification, OutboxTask
from nisi.industry_needs import selectors
from nisi.industry_needs.models import ResearchNeed, SpecialityProposal
from nisi.industry_needs.rules import TOTAL, NeedsError
from nisi.industry_needs.services import needs, placements, proposals, sending
from nisi.law import clock
from nisi.verification.simulator.app import Simulator
from tests.industry_needs.conftest import research, specialist

pytestmark = pytest.mark.django_db
NOON = dt.datetime(2026, 2, 16, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"), pytest.MonkeyPatch.context() as patch:
        patch.setattr("nisi.core.outbox.dispatch_committed", lambda pk: None)  # sent by the test
        yield


def _sent_proposal(officer: Any) -> SpecialityProposal:
    formed = proposals.proposal_form(actor=officer, year=2026)
    proposals.proposal_approve(actor=officer, proposal=formed)
    return proposals.proposal_send(actor=officer, proposal=formed)


@pytest.mark.law("IP-55.1")
def test_ip_55_1_the_authorized_body_forms_approves_and_sends_the_proposals(
    people: dict, submitted: list, gateway: Simulator, today: dt.date
) -> None:
    officer = people["officer"]
    formed = proposals.proposal_form(actor=officer, year=2026)
    assert formed.number.startswith("PSP-2026-")
    assert (formed.status, formed.returns, formed.entities) == ("draft", 4, 4)
    table = selectors.aggregate_of(formed)
    assert (table.cell("6B07201", "55").number, table.cell("6B07201", "55").entities) == (5 + 6 + 7 + 8, 4)
    assert (table.cell("6B07101", "35").number, table.cell("6B07101", "35").entities) == (20, 2)
    assert table.cell(TOTAL, TOTAL).number == 26 + 20 + 3
    # A need changed meanwhile: the draft is formed again with it.
    needs.needs_amend(
        actor=people["entity"],
        needs=submitted[0],
        reason="Новый цех",
        lines=[specialist("6B07201", 15, "55"), specialist("6B07101", 10, "35")],
    )
    again = proposals.proposal_form(actor=officer, year=2026)
    assert again.pk == formed.pk
    assert selectors.aggregate_of(again).cell(TOTAL, TOTAL).number == 15 + 6 + 7 + 8 + 20
    proposals.proposal_approve(actor=officer, proposal=again)
    with pytest.raises(NeedsError, match="approved already"):
        proposals.proposal_form(actor=officer, year=2026)
    sent = proposals.proposal_send(actor=officer, proposal=again)
    assert sent.status == "sent"
    # Beyond the authorized body: the chemists of Karaganda (two entities) and what gives them back are suppressed.
    cells = {(c["speciality"], c["region"]): c for c in sent.document["cells"]}
    assert cells[("6B07101", "35")] == {
        "speciality": "6B07101",
        "region": "35",
        "number": None,
        "entities": None,
        "suppressed": True,
    }
    # The metallurgists alone would give the chemists back from the grand total: they are suppressed with them.
    assert cells[("6B07201", "55")]["suppressed"]
    assert cells[("*", "*")] == {"speciality": "*", "region": "*", "number": 56, "entities": 4, "suppressed": False}
    assert OutboxTask.objects.get(name=sending.PROPOSALS.task).args == [sent.number]
    assert proposals.proposal_deliver(number=sent.number) is True
    assert proposals.proposal_deliver(number=sent.number) is False
    sent.refresh_from_db()
    assert sent.status == "acknowledged"
    assert sent.receipt.startswith("ENB-")
    assert gateway.employment_needs.documents[sent.number]["cells"] == sent.document["cells"]
    assert JournalEntry.objects.filter(subject_id=sent.number, action="acknowledged").count() == 1


@pytest.mark.law("IP-55.1")
def test_ip_55_1_an_outage_delays_the_proposal_and_never_loses_it(
    people: dict, submitted: list, gateway: Simulator, today: dt.date
) -> None:
    gateway.sources["employment_needs"].outage = True
    sent = _sent_proposal(people["officer"])
    row = OutboxTask.objects.get(name=sending.PROPOSALS.task)
    with clock.frozen(NOON):
        assert outbox.dispatch(row.pk) == "failed"
    sent.refresh_from_db()
    assert (sent.status, sent.attempts) == ("sent", 1)
    assert "503" in sent.last_error
    with pytest.raises(NeedsError, match="approved already"):  # on its way: no second one
        proposals.proposal_form(actor=people["officer"], year=2026)
    gateway.sources["employment_needs"].outage = False
    with clock.frozen(NOON + dt.timedelta(minutes=10)):
        outbox.dispatch_due()
    sent.refresh_from_db()
    assert (sent.status, sent.last_error) == ("acknowledged", "")
    # Once received, the year's proposals may be formed again (needs given late).
    assert proposals.proposal_form(actor=people["officer"], year=2026).pk != sent.pk


def test_a_refusal_is_kept_with_its_reason(people: dict, submitted: list, gateway: Simulator, today: dt.date) -> None:
    sent = _sent_proposal(people["officer"])
    SpecialityProposal.objects.filter(pk=sent.pk).update(document={"number": sent.number})  # no year, no cells
    assert proposals.proposal_deliver(number=sent.number) is False
    sent.refresh_from_db()
    assert sent.status == "refused"
    assert "cells" in sent.last_error


def test_the_daily_run_owes_again_what_nothing_owes(
    people: dict, submitted: list, gateway: Simulator, today: dt.date
) -> None:
    sent = _sent_proposal(people["officer"])
    OutboxTask.objects.update(dispatched_at=clock.now())  # a worker took it and then gave up
    assert sending.deliveries_resend() == {"employment_needs": 1, "science_needs": 0}
    assert OutboxTask.objects.filter(name=sending.PROPOSALS.task, dispatched_at__isnull=True).get().args == [
        sent.number
    ]


def test_only_the_authorized_body_forms_approves_and_sends(people: dict, submitted: list, today: dt.date) -> None:
    for who in ("entity", "auditor", "akimat", "institute"):
        with pytest.raises(PermissionDenied):
            proposals.proposal_form(actor=people[who], year=2026)
    formed = proposals.proposal_form(actor=people["officer"], year=2026)
    with pytest.raises(PermissionDenied):
        proposals.proposal_send(actor=people["officer"], proposal=formed)  # approve first
    with pytest.raises(PermissionDenied):
        proposals.proposal_approve(actor=people["auditor"], proposal=formed)


def test_no_needs_no_proposal(people: dict, today: dt.date) -> None:
    with pytest.raises(NeedsError, match="nothing to propose"):
        proposals.proposal_form(actor=people["officer"], year=2026)


@pytest.mark.law("IP-57")
def test_ip_57_needs_for_research_are_placed_with_receipts_and_published_named_only_with_consent(
    people: dict, gateway: Simulator, today: dt.date
) -> None:
    entities, plants = people["entities"], people["plants"]
    named = needs.needs_submit(actor=entities[0], kind="research", year=2026, lines=[research(consent=True)])
    needs.needs_submit(actor=entities[1], kind="research", year=2026, lines=[research("Сенсоры износа", False)])
    placement = placements.research_place(actor=people["officer"], year=2026)
    assert (placement.count, placement.status) == (2, "sent")
    by_ref = {n["reference"]: n for n in placement.document["needs"]}
    assert by_ref[f"{named.number}-001"]["entity"]["bin"] == plants[0].identifier
    assert [n["entity"] for n in placement.document["needs"] if n["subject"] == "Сенсоры износа"] == [None]
    assert set(Notification.objects.filter(subject_id=placement.number).values_list("organization", flat=True)) == {
        plants[0].pk,
        plants[1].pk,
    }
    assert selectors.published_research_needs(year=2026).count() == 2
    with pytest.raises(NeedsError, match="still awaits"):
        placements.research_place(actor=people["officer"], year=2026)
    assert placements.placement_deliver(number=placement.number) is True
    placement.refresh_from_db()
    assert placement.receipt.startswith("SCI-")
    assert len(gateway.science_needs.documents[placement.number]["needs"]) == 2
    with pytest.raises(NeedsError, match="waiting to be placed"):
        placements.research_place(actor=people["officer"], year=2026)
    # A new version of a placed need waits for the next placement; the superseded one is no longer published.
    needs.needs_amend(actor=entities[0], needs=named, reason="Новая тема", lines=[research("Водород", True)])
    assert selectors.published_research_needs(year=2026).count() == 1
    second = placements.research_place(actor=people["officer"], year=2026)
    assert second.count == 1
    assert ResearchNeed.objects.filter(placement=second).get().subject == "Водород"
    with pytest.raises(PermissionDenied):
        placements.research_place(actor=people["auditor"], year=2026)
