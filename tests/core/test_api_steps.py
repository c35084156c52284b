"""The found-or-404 shape of the API handlers (nisi.core.api_steps): 404 with the app's words, the service's
refusal as 422, else the record as the step left it."""

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from ninja.responses import Status

from nisi.core.api_steps import found_or_404, not_found, record_step, refused
from nisi.core.authz import PUBLIC
from nisi.core.models import Organization


class Refusal(ValueError):
    pass


def _request() -> Any:
    request = RequestFactory().post("/api/v1/x")
    request.user = AnonymousUser()
    return request


def test_found_or_404_answers_the_record_or_says_what_is_missing() -> None:
    assert found_or_404(2, "No such thing.", lambda n: n * 10) == 20
    missing = found_or_404(None, "No such thing.", lambda n: n * 10)
    assert isinstance(missing, Status)
    assert (missing.status_code, missing.value) == (404, {"detail": "No such thing."})
    assert not_found("x").value == {"detail": "x"}
    assert (refused(Refusal("Do this first.")).status_code, refused(Refusal("Do this first.")).value) == (
        422,
        {"detail": "Do this first."},
    )


@pytest.mark.django_db
def test_record_step_finds_as_the_caller_acts_and_answers_the_record_read_again(make_org: Any) -> None:
    org = make_org(name="Old")
    seen: list[Any] = []

    def act(actor: Any, found: Organization) -> None:
        seen.append(actor)
        Organization.objects.filter(pk=found.pk).update(name="New")  # the service writes on its own copy

    answer = record_step(
        _request(),
        find=lambda actor: Organization.objects.filter(pk=org.pk).first(),
        missing="No organization.",
        act=act,
        answer=lambda o: {"name": o.name},
        error=Refusal,
    )
    assert answer == {"name": "New"}
    assert seen == [PUBLIC]


@pytest.mark.django_db
def test_record_step_answers_404_or_422_and_no_record(make_org: Any) -> None:
    org = make_org()
    acted: list[Any] = []

    def step(find: Any, act: Any) -> Any:
        return record_step(
            _request(), find=find, missing="No organization.", act=act, answer=lambda o: o, error=Refusal
        )

    missing = step(lambda actor: None, lambda actor, found: acted.append(found))
    assert (missing.status_code, missing.value, acted) == (404, {"detail": "No organization."}, [])

    def refuse(actor: Any, found: Organization) -> None:
        raise Refusal("Give the reasons.")

    refusal = step(lambda actor: Organization.objects.get(pk=org.pk), refuse)
    assert (refusal.status_code, refusal.value) == (422, {"detail": "Give the reasons."})

    def broken(actor: Any, found: Organization) -> None:
        raise KeyError("a programmer's error is not a refusal")

    with pytest.raises(KeyError):
        step(lambda actor: Organization.objects.get(pk=org.pk), broken)
