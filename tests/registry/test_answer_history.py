"""A producer's answers about closed days kept by stretch (registry/answer_history.py, ADR 17 addendum 8): the answer
about any day of a stretch is the stretch's answer with that day written in, and through the lookups it is exactly
the answer built for that day."""

import datetime as dt
import json
import random
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from nisi.core.authz import SYSTEM
from nisi.law import clock
from nisi.registry import public_answers
from nisi.registry.answer_history import History, dates_of, prior_dates_of
from nisi.registry.models import RegisterRecord, Removal
from nisi.registry.services import register

D = dt.date
PRODUCER = "/api/v1/register/producers/{}"


def history_of(built_on: D, dates: list[D] | None) -> History:
    return History(built_on.isoformat().encode(), None if dates is None else [d.isoformat().encode() for d in dates])


def answer_about(day: D, status: str) -> bytes:
    return json.dumps({"register_number": "R-1", "name": 'ТОО "on"', "status": status, "on": day.isoformat()}).encode()


def test_the_dates_where_an_answer_changes_are_each_period_and_good_date_once() -> None:
    periods = [(D(2026, 1, 15), D(2026, 4, 1)), (D(2026, 5, 1), None)]
    goods = [(D(2026, 1, 15), D(2026, 3, 1)), (D(2026, 1, 15), None), (D(2026, 5, 1), None)]
    assert dates_of(periods, goods) == [D(2026, 1, 15), D(2026, 3, 1), D(2026, 4, 1), D(2026, 5, 1)]


@pytest.mark.parametrize(
    ("in_force", "dates"),
    [
        ([], []),
        ([(D(2024, 3, 15), D(2025, 3, 14))], [D(2024, 3, 15), D(2025, 3, 15)]),
        # One ends the day before another begins: the day after its last is the other's first, once.
        (
            [(D(2024, 1, 1), D(2024, 12, 31)), (D(2025, 1, 1), D(2025, 12, 31))],
            [D(2024, 1, 1), D(2025, 1, 1), D(2026, 1, 1)],
        ),
        ([(D(2025, 4, 1), D(2025, 4, 1))], [D(2025, 4, 1), D(2025, 4, 2)]),  # in force for one day
    ],
)
def test_the_dates_where_an_answer_before_the_register_changes_are_each_certificate_s_first_and_after_last(
    in_force: list[tuple[D, D]], dates: list[D]
) -> None:
    assert prior_dates_of(in_force) == dates


# (day asked, its stretch) for the dates 15 January, 1 March and 1 April: a date begins the stretch it opens.
STRETCHES = [
    (D(2026, 1, 14), 0),
    (D(2026, 1, 15), 1),
    (D(2026, 2, 28), 1),
    (D(2026, 3, 1), 2),
    (D(2026, 3, 31), 2),
    (D(2026, 4, 1), 3),
    (D(2026, 11, 30), 3),
]


@pytest.mark.parametrize(("day", "stretch"), STRETCHES)
def test_a_day_falls_in_the_stretch_its_last_date_on_or_before_it_opens(day: D, stretch: int) -> None:
    history = history_of(D(2026, 12, 1), [D(2026, 1, 15), D(2026, 3, 1), D(2026, 4, 1)])
    assert history.stretch(day.isoformat().encode()) == stretch


def test_an_answer_kept_for_one_day_answers_every_day_of_its_stretch_and_no_other() -> None:
    history = history_of(D(2026, 12, 1), [D(2026, 1, 15), D(2026, 3, 1)])
    assert history.add(D(2026, 2, 10), answer_about(D(2026, 2, 10), "included"))
    assert history.answer(D(2026, 1, 20)) == (True, answer_about(D(2026, 1, 20), "included"))
    assert history.answer(D(2026, 2, 28)) == (True, answer_about(D(2026, 2, 28), "included"))
    assert history.answer(D(2026, 3, 1)) == (False, None)  # the next stretch: not asked yet
    assert history.answer(D(2026, 1, 14)) == (False, None)
    # Kept and read back as the cache holds it.
    history.add(D(2026, 3, 10), answer_about(D(2026, 3, 10), "removed\n"))  # a text may hold any byte
    again = History.decode(history.encode())
    assert again == history
    assert again.answer(D(2026, 2, 1)) == (True, answer_about(D(2026, 2, 1), "included"))
    assert again.answer(D(2026, 3, 2)) == (True, answer_about(D(2026, 3, 2), "removed\n"))
    assert History.decode(history_of(D(2026, 5, 4), None).encode()) == history_of(D(2026, 5, 4), None)
    assert History.decode(history_of(D(2026, 5, 4), []).encode()) == history_of(D(2026, 5, 4), [])


def test_only_days_closed_when_the_value_was_built_are_served() -> None:
    """A change from today does not retire answers about closed days, and may add a date from today on."""
    history = history_of(D(2026, 5, 4), [D(2026, 1, 15)])
    assert history.add(D(2026, 5, 3), answer_about(D(2026, 5, 3), "included"))
    assert history.answer(D(2026, 5, 3))[0]
    assert history.answer(D(2026, 5, 4)) == (False, None)
    assert not history.add(D(2026, 5, 4), answer_about(D(2026, 5, 4), "included"))


def test_never_in_the_register_is_the_answer_about_every_closed_day() -> None:
    history = history_of(D(2026, 5, 4), None)
    assert history.answer(D(2025, 8, 1)) == (True, None)
    assert history.answer(D(2026, 5, 4)) == (False, None)


def test_an_answer_that_does_not_say_its_day_is_not_kept_by_stretch() -> None:
    history = history_of(D(2026, 12, 1), [D(2026, 1, 15)])
    assert not history.add(D(2026, 2, 10), answer_about(D(2026, 2, 11), "included"))
    assert history.stretches == {}


@pytest.mark.parametrize("raw", [b"", b"{", b"2026-05-04\n-\n1:5:5\nshort", b"2026-05-04\n-\n1:x:5\n", b"today\n\n\n"])
def test_a_value_that_is_not_a_history_is_not_read_as_one(raw: bytes) -> None:
    assert History.decode(raw) is None


@pytest.fixture
def eventful(client: Client, lookup_register: list[RegisterRecord]) -> RegisterRecord:
    """The first producer of the lookups' register (included 15 January 2026, one good taken out on 1 March),
    removed from 1 April and reinstated on 4 May: five stretches."""
    first = lookup_register[0]
    with clock.frozen(D(2026, 5, 4)):
        removal = register.record_remove(
            actor=SYSTEM, record=first, ground=Removal.Ground.OWN_REQUEST, on=D(2026, 4, 1)
        )
        register.record_reinstate(actor=SYSTEM, removal=removal)
    return first


@pytest.mark.parametrize("shared", [False, True], ids=["this process's cache", "redis"])
def test_through_the_lookups_every_closed_day_is_answered_as_if_built_for_it(
    client: Client, eventful: RegisterRecord, settings: Any, shared: bool, request: Any, stretches_built: list[D]
) -> None:
    if shared:
        request.getfixturevalue("redis_cache")
    path = PRODUCER.format(eventful.organization.identifier)
    days = [D(2025, 12, 20) + dt.timedelta(days=n) for n in range(0, 150, 3)]
    random.Random(4).shuffle(days)
    added = stretches_built
    with clock.frozen(D(2026, 6, 1)):
        settings.NISI_PUBLIC_ANSWER_TTL_S = 0  # nothing kept: each answer built for its day
        built = {day: client.get(path, {"on": day.isoformat()}).content for day in days}
        assert not added
        settings.NISI_PUBLIC_ANSWER_TTL_S = 60
        cache.clear()
        for _ in range(2):
            for day in days:
                assert client.get(path, {"on": day.isoformat()}).content == built[day], day
        kept = public_answers.kept(public_answers.producer_parts(eventful.organization.identifier, D(2026, 4, 20)))
    # One answer built for each stretch asked about (before 15 January, to 1 March, to 1 April, to 4 May, since),
    # not one for each of the 50 days.
    assert len(added) == 5
    assert kept is not None
    assert json.loads(kept)["on"] == "2026-04-20"
    assert {json.loads(body)["status"] for body in built.values()} == {"not_included", "included", "removed"}


def test_a_change_dated_back_is_seen_in_every_stretch_since(client: Client, eventful: RegisterRecord) -> None:
    path = PRODUCER.format(eventful.organization.identifier)
    with clock.frozen(D(2026, 6, 1)):
        assert client.get(path, {"on": "2026-05-20"}).json()["in_register"]
        register.record_remove(actor=SYSTEM, record=eventful, ground=Removal.Ground.OWN_REQUEST, on=D(2026, 5, 10))
        assert client.get(path, {"on": "2026-05-20"}).json()["status"] == "removed"
        assert client.get(path, {"on": "2026-05-05"}).json()["in_register"]
