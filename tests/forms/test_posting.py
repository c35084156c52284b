"""The form that calls a service (nisi.forms.posting): refusals onto the form, success message and redirect."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.test import RequestFactory

from nisi.forms import GovukFormMixin
from nisi.forms.posting import add_service_error, bound_if, form_post, posted_step, step_post


class Refused(ValueError):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class _Ends(GovukFormMixin, forms.Form):
    reasons = forms.CharField(error_messages={"required": "Enter the reasons"})
    ends_on = forms.CharField(required=False)


def _request(method: str = "post", data: dict[str, str] | None = None) -> HttpRequest:
    request = getattr(RequestFactory(), method)("/x/", data or {})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    return request


def _messages(request: HttpRequest) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(request)]


def test_a_get_shows_the_form_and_calls_nothing() -> None:
    calls: list[Any] = []
    request = _request("get")
    form = _Ends(None)
    assert form_post(request, form, calls.append, errors=Refused, success="Done", redirect_to="/next/") is None
    assert calls == []


def test_an_invalid_form_is_shown_again_without_calling_the_service() -> None:
    calls: list[Any] = []
    request = _request(data={"reasons": ""})
    form = _Ends(request.POST)
    assert form_post(request, form, calls.append, errors=Refused, success="Done", redirect_to="/next/") is None
    assert calls == []
    assert form.errors["reasons"] == ["Enter the reasons"]


def test_a_success_calls_the_service_with_the_cleaned_data_says_so_and_redirects() -> None:
    calls: list[Any] = []
    request = _request(data={"reasons": " Stopped ", "ends_on": ""})
    form = _Ends(request.POST)
    response = form_post(
        request,
        form,
        lambda data: calls.append(data) or "N-1",
        errors=Refused,
        success=lambda number: f"{number} was ended.",
        redirect_to=lambda number: f"/records/{number}/",
    )
    assert response is not None
    assert (response.status_code, response["Location"]) == (302, "/records/N-1/")
    assert calls == [{"reasons": "Stopped", "ends_on": ""}]
    assert _messages(request) == [("success", "N-1 was ended.")]


@pytest.mark.parametrize(
    ("exc", "options", "where"),
    [
        (Refused("Say why", "reasons"), {}, "reasons"),
        (Refused("Too early", "terminated_on"), {"fields": {"terminated_on": "ends_on"}}, "ends_on"),
        (Refused("Not a question of the form", "something_else"), {}, "__all__"),
        (Refused("No field"), {}, "__all__"),
        (Refused("No field"), {"field": "ends_on"}, "ends_on"),
    ],
)
def test_a_refusal_goes_on_its_question_or_above_the_form(exc: Refused, options: dict[str, Any], where: str) -> None:
    request = _request(data={"reasons": "x"})
    form = _Ends(request.POST)

    def refuse(data: dict[str, Any]) -> None:
        raise exc

    assert form_post(request, form, refuse, errors=Refused, success="Done", redirect_to="/n/", **options) is None
    assert form.errors[where] == [str(exc)]
    assert _messages(request) == []
    # The page shows it again with the GOV.UK error classes on the question.
    if where != "__all__":
        assert "govuk-input--error" in str(form[where])


def test_only_the_apps_error_is_caught() -> None:
    request = _request(data={"reasons": "x"})

    def broken(data: dict[str, Any]) -> None:
        raise KeyError("bug")

    with pytest.raises(KeyError):
        form_post(request, _Ends(request.POST), broken, errors=Refused, success="Done", redirect_to="/n/")


def test_a_decision_without_a_form_redirects_with_its_refusal() -> None:
    def refuse(data: dict[str, Any]) -> None:
        raise Refused("Not now")

    request = _request()
    response = form_post(request, None, refuse, errors=Refused, success="Done", redirect_to="/n/")
    assert response is not None
    assert (response.status_code, response["Location"]) == (302, "/n/")
    assert _messages(request) == [("error", "Not now")]


def test_a_record_page_posts_the_step_it_was_asked_for_and_refuses_others() -> None:
    request = _request(data={"step": "refuse", "refuse-reasons": "Late"})
    step = posted_step(request, {"refuse", "register"}, refused="No.")
    refuse_form = _Ends(bound_if(request, step, "refuse"), prefix="refuse")
    end_form = _Ends(bound_if(request, step, "end"), prefix="end")
    assert refuse_form.is_bound
    assert not end_form.is_bound
    calls: list[Any] = []
    response = step_post(
        request,
        step,
        {"refuse": (refuse_form, calls.append, "Refused."), "end": (end_form, calls.append, "Ended.")},
        errors=Refused,
        redirect_to="/n/",
    )
    assert response is not None
    assert calls == [{"reasons": "Late", "ends_on": ""}]
    assert _messages(request) == [("success", "Refused.")]
    with pytest.raises(PermissionDenied, match=r"No\."):
        posted_step(_request(data={"step": "end"}), {"refuse"}, refused="No.")
    assert posted_step(_request("get"), set(), refused="No.") == ""
    assert step_post(_request(data={"step": "x"}), "x", {}, errors=Refused, redirect_to="/n/") is None


def test_add_service_error_reads_the_field_of_the_error() -> None:
    form = _Ends({"reasons": "x"})
    form.is_valid()
    add_service_error(form, Refused("Wrong", "reasons"))
    assert form.errors["reasons"] == ["Wrong"]
