"""The queue of a measure with a limited budget: only requests that passed IP-25.5 take a place, in the routing
transaction; the place is stamped by the queue's journal; amounts are held until decided and released on refusal or
withdrawal, the next in line moving up; places are never reused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from nisi.core.models import JournalEntry, Notification
from nisi.core.publication.models import PublishedChange
from nisi.incentives.models import IncentiveApplication, QueuePlace, RequestedMeasure
from nisi.incentives.services import applications as app_services
from nisi.incentives.services import queue as services
from nisi.incentives.services.applications import ApplicationError
from tests.incentives.fixtures import World
from tests.incentives.queue_fixtures import apply_for, budget, entity

CRITERIA = dict.fromkeys(
    ("innovativeness", "competitiveness", "scale", "export_orientation", "labour_productivity"), "adequate"
)


def request_of(application: IncentiveApplication) -> RequestedMeasure:
    return application.measures.get()


@pytest.mark.law("IP-25.5")
def test_only_a_request_that_passed_the_conditions_takes_a_place(world: World, make_org: Any, make_user: Any) -> None:
    budget(world.financing, "100.00")
    refused = apply_for(world, "40.00", counter_obligations_accepted=False)
    assert request_of(refused).status == RequestedMeasure.Status.REFUSED
    assert not QueuePlace.objects.exists()
    passed = apply_for(world, "40.00")
    place = request_of(passed).queue_place
    assert (place.place, place.amount, place.status) == (1, Decimal("40.00"), "reserved")
    entry = JournalEntry.objects.get(subject_type="incentive_queue", action="place_taken")
    assert (entry.entry_hash, entry.seq) == (place.journal_hash, place.journal_seq)
    assert (entry.payload["place"], entry.payload["request"]) == (1, request_of(passed).number)
    assert PublishedChange.objects.filter(dataset="incentive-queue", kind="incentives.queue.place_taken").count() == 1


def test_a_measure_with_a_budget_needs_an_amount_and_nothing_is_written_without_it(world: World) -> None:
    budget(world.financing)
    for amount in (None, "-5", "abc", "1.234"):
        with pytest.raises(ApplicationError) as caught:
            apply_for(world, amount)
        assert caught.value.field == "amount_dbk-financing"
    assert not IncentiveApplication.objects.exists()


def test_a_measure_without_a_budget_takes_no_place(world: World) -> None:
    application = apply_for(world, None)
    assert request_of(application).status == RequestedMeasure.Status.WITH_OPERATOR
    assert not QueuePlace.objects.exists()


def test_strict_order_a_place_beyond_the_budget_cannot_be_granted_until_an_earlier_one_is_released(
    world: World, make_org: Any, make_user: Any
) -> None:
    budget(world.financing, "100.00")
    first = request_of(apply_for(world, "80.00"))
    org, actor = entity(make_org, make_user, "ТОО «Второй»")
    second = request_of(apply_for(world, "30.00", org=org, actor=actor))
    assert second.queue_place.place == 2
    services_request = app_services.request_assess(actor=world.bank_actor, request=second, **CRITERIA)
    with pytest.raises(ApplicationError, match="beyond its budget"):
        app_services.request_grant(actor=world.bank_actor, request=services_request)
    app_services.request_decline(actor=world.bank_actor, request=first, reasons="Документы не соответствуют")
    first.refresh_from_db()
    assert (first.queue_place.status, first.queue_place.released_because) == ("released", "refused")
    assert Notification.objects.filter(organization=org, message_key="incentives.queue.within_budget").exists()
    granted = app_services.request_grant(actor=world.bank_actor, request=second)
    assert granted.queue_place.status == "granted"
    # A new request takes place 3: places are never reused.
    third = request_of(apply_for(world, "10.00"))
    assert third.queue_place.place == 3
    queue = services.queue_of(second.queue_place.budget)
    assert [(p.place, p.standing) for p in queue.places] == [(1, "released"), (2, "within"), (3, "within")]
    assert queue.remaining == Decimal("60.00")


def test_the_applicant_withdraws_and_its_place_is_released(world: World) -> None:
    budget(world.financing)
    request = request_of(apply_for(world, "50.00"))
    withdrawn = services.request_withdraw(actor=world.applicant_actor, request=request)
    assert withdrawn.status == RequestedMeasure.Status.WITHDRAWN
    assert withdrawn.application.status == IncentiveApplication.Status.DECIDED
    assert QueuePlace.objects.get().status == "released"
    assert Notification.objects.filter(organization=world.bank, message_key="incentives.request.withdrawn").exists()
    with pytest.raises(PermissionDenied):
        services.request_withdraw(actor=world.bank_actor, request=withdrawn)


def test_budgets_do_not_overlap_and_only_the_authorized_body_records_them(world: World) -> None:
    budget(world.financing)
    with pytest.raises(services.QueueError, match="already has a budget"):
        budget(world.financing, start=dt.date(2026, 6, 1))
    with pytest.raises(PermissionDenied):
        services.budget_record(
            actor=world.applicant_actor,
            measure=world.financing,
            period_start=dt.date(2027, 1, 1),
            period_end=dt.date(2027, 12, 31),
            amount=Decimal("1.00"),
            basis="x",
        )
