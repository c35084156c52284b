"""Liquidation and reorganization published by the state database of legal entities remove a producer from the
register automatically, except reorganization by transformation (IP-51-6), read once through the gateway."""

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import TestCase

from nisi.core.models import Deadline, Notification, Organization
from nisi.core.selectors import journal_of
from nisi.law import clock
from nisi.registry import selectors
from nisi.registry.models import NonComplianceNotice, RegisterRecord, Removal
from nisi.registry.services import appeals, organization_events
from nisi.verification import events
from nisi.verification.models import EventFeedCursor, LegalEntityEvent
from nisi.verification.simulator.app import Simulator

D = dt.date
SUCCESSOR = "100140000003"


POLLED_ON = D(2026, 4, 6)


def poll(on: dt.date = POLLED_ON) -> dict[str, int]:
    with clock.frozen(on), TestCase.captureOnCommitCallbacks(execute=True):
        return events.legal_entity_events_poll()


@pytest.mark.law("IP-51-6")
def test_a_liquidation_removes_the_producer_automatically_with_no_cure_term_nor_objection(
    included: RegisterRecord, applicant: Any, simulator: Simulator
) -> None:
    identifier = included.organization.identifier
    # The state database says it is being liquidated: monitoring alone would give it a term to cure (IP-51-4.2).
    simulator.overrides[("gbd_ul", identifier)]["status"] = "in_liquidation"
    simulator.emit_event(identifier=identifier, kind="liquidation", on=D(2026, 4, 3))
    assert poll() == {"pages": 1, "events": 1, "new": 1, "unreadable": 0, "announced_again": 0, "unavailable": 0}
    included.refresh_from_db()
    assert included.status == "removed"
    removal = included.removals.get()
    assert (removal.ground, removal.removed_on) == (Removal.Ground.LIQUIDATION, D(2026, 4, 3))
    assert removal.reasons[0]["event"] == "1"
    assert removal.reasons[0]["request_id"]
    included.organization.refresh_from_db()
    assert included.organization.liquidated_on == D(2026, 4, 3)
    [removed] = [e for e in journal_of("register_record", included.number) if e.action == "removed"]
    assert removed.provisions == ["IP-51-6"]
    assert removed.payload["ground"] == "liquidation"
    # Automatic: no notice, no term to cure, no appeal term, and no objection to the commission.
    assert not NonComplianceNotice.objects.exists()
    assert not Deadline.objects.filter(kind="registry.deadline.appeal").exists()
    with clock.frozen(D(2026, 4, 7)), pytest.raises(appeals.AppealError, match=r"IP-51-5\.1"):
        appeals.appeal_file(actor=applicant, removal=removal, grounds="We are liquidated, but object.")
    assert not selectors.in_register_on(identifier, D(2026, 4, 3))
    assert selectors.in_register_on(identifier, D(2026, 4, 2))
    # Read once: polling again reads nothing new, and announcing again does nothing.
    assert poll()["new"] == 0
    event = LegalEntityEvent.objects.get()
    assert event.handled_at is not None
    assert event.outcome.startswith(f"{included.number} removed on 2026-04-03")
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert events.legal_entity_events_announce(ids=[event.pk]) == 0
    assert Removal.objects.count() == 1
    assert EventFeedCursor.objects.get().last_event_id == "1"


@pytest.mark.law("IP-51-6")
@pytest.mark.parametrize("form", ["merger", "accession", "division", "separation"])
def test_a_reorganization_removes_the_producer_and_tells_its_successor_to_apply(
    included: RegisterRecord, simulator: Simulator, make_org: Any, form: str
) -> None:
    successor = make_org(name="ТОО «Преемник»")
    simulator.emit_event(
        identifier=included.organization.identifier,
        kind="reorganization",
        form=form,
        on=D(2026, 4, 3),
        successors=[{"bin": successor.identifier, "name": successor.name}],
    )
    poll()
    included.refresh_from_db()
    assert included.status == "removed"
    removal = included.removals.get()
    assert (removal.ground, removal.successor_identifier) == (Removal.Ground.REORGANIZATION, successor.identifier)
    assert removal.reasons[0]["form"] == form
    note = Notification.objects.get(organization=successor, message_key="registry.successor_may_apply")
    assert note.provisions == ["IP-51-6"]


@pytest.mark.law("IP-51-6")
def test_a_transformation_keeps_the_record_in_the_register_under_the_successor(
    included: RegisterRecord, simulator: Simulator
) -> None:
    predecessor = included.organization
    simulator.emit_event(
        identifier=predecessor.identifier,
        kind="reorganization",
        form="transformation",
        on=D(2026, 4, 3),
        successors=[{"bin": SUCCESSOR, "name": "АО «Қарағанды Болат Құю»"}],
    )
    poll()
    included.refresh_from_db()
    assert included.status == "included"
    assert not included.removals.exists()
    successor = Organization.objects.get(identifier=SUCCESSOR)
    assert included.organization == successor
    assert included.goods.filter(removed_on__isnull=True).count() == 1
    [entry] = [e for e in journal_of("register_record", included.number) if e.action == "transformed"]
    assert entry.provisions == ["IP-51-6"]
    assert (entry.payload["predecessor"], entry.payload["successor"]) == (predecessor.identifier, SUCCESSOR)
    assert Notification.objects.filter(organization=successor, message_key="registry.transformed").exists()
    assert selectors.in_register_on(SUCCESSOR, D(2026, 4, 6))


@pytest.mark.law("IP-51-6")
def test_a_transformation_keeping_the_identifier_changes_nothing_but_the_journal(
    included: RegisterRecord, simulator: Simulator
) -> None:
    simulator.emit_event(
        identifier=included.organization.identifier, kind="reorganization", form="transformation", on=D(2026, 4, 3)
    )
    poll()
    included.refresh_from_db()
    assert included.status == "included"
    assert "transformed" in [e.action for e in journal_of("register_record", included.number)]


def test_an_outage_of_the_feed_reads_nothing_and_loses_nothing(included: RegisterRecord, simulator: Simulator) -> None:
    simulator.emit_event(identifier=included.organization.identifier, kind="liquidation", on=D(2026, 4, 3))
    simulator.sources["gbd_ul"].outage = True
    assert poll()["unavailable"] == 1
    cursor = EventFeedCursor.objects.get()
    assert cursor.last_event_id == ""
    assert "503" in cursor.last_error
    included.refresh_from_db()
    assert included.status == "included"
    simulator.sources["gbd_ul"].outage = False
    assert poll()["new"] == 1
    included.refresh_from_db()
    assert included.status == "removed"


def test_an_event_that_cannot_be_read_is_kept_and_acted_on_by_no_one(
    included: RegisterRecord, simulator: Simulator
) -> None:
    simulator.events.append(
        {"id": "1", "bin": included.organization.identifier, "kind": "bankruptcy", "on": "2026-04-03"}
    )
    simulator.emit_event(identifier="100140000003", kind="liquidation", on=D(2026, 4, 3))  # not a producer
    counts = poll()
    assert (counts["new"], counts["unreadable"]) == (2, 1)
    bad = LegalEntityEvent.objects.get(event_id="1")
    assert "unknown kind of event" in bad.problem
    assert bad.handled_at is not None
    assert LegalEntityEvent.objects.get(event_id="2").outcome == "not in the register: nothing to do"
    included.refresh_from_db()
    assert included.status == "included"


def test_the_feed_is_read_by_a_command_and_on_a_schedule(included: RegisterRecord, simulator: Simulator) -> None:
    from nisi.config.celery import app

    entry = app.conf.beat_schedule["legal-entity-events-poll"]
    assert entry["task"] == "nisi.verification.tasks.legal_entity_events_poll"
    out = StringIO()
    call_command("legal-entity-events", "status", stdout=out)
    assert "not been read yet" in out.getvalue()
    simulator.emit_event(identifier=included.organization.identifier, kind="liquidation", on=D(2026, 4, 3))
    with clock.frozen(D(2026, 4, 6)), TestCase.captureOnCommitCallbacks(execute=True):
        call_command("legal-entity-events", "poll", stdout=out)
    assert "1 new event(s) in 1 page(s)" in out.getvalue()
    call_command("legal-entity-events", "status", stdout=out)
    assert "read to event 1" in out.getvalue()
    assert "0 not handled yet" in out.getvalue()
    included.refresh_from_db()
    assert included.status == "removed"


def test_the_simulator_refuses_an_event_the_law_does_not_know(simulator: Simulator) -> None:
    from nisi.verification.simulator.app import EventError

    with pytest.raises(EventError, match="form is one of"):
        simulator.emit_event(identifier=SUCCESSOR, kind="reorganization", form="spin-off", on=D(2026, 4, 3))
    with pytest.raises(EventError, match="no form and no successor"):
        simulator.emit_event(identifier=SUCCESSOR, kind="liquidation", form="merger", on=D(2026, 4, 3))


def test_an_event_for_a_producer_removed_already_does_nothing(included: RegisterRecord) -> None:
    from nisi.core.authz import SYSTEM
    from nisi.registry.services.register import record_remove

    with clock.frozen(D(2026, 3, 10)):
        record_remove(actor=SYSTEM, record=included, ground=Removal.Ground.OWN_REQUEST)
        outcome = organization_events.organization_ended(
            actor=SYSTEM, identifier=included.organization.identifier, event="liquidation", on=D(2026, 3, 10)
        )
    assert outcome == "not in the register: nothing to do"
    assert included.removals.count() == 1
