"""The form that calls a service: every page that posts a decision or a record does the same steps, so they are here
once. On POST with a valid form, call the service; if it refuses (the app's error: a `ValueError` whose message says
what to do, with a `field` naming the question it is about, if any), put the message on that question or above the
form, so that the page shows it again with the GOV.UK error summary and the answers kept; otherwise say what was done
and go on to the next page.

A view calls `form_post` and renders its page when it returns None (a GET, a form with errors, a refusal):

    form = ReasonsForm(request.POST or None)
    done = form_post(request, form, lambda data: services.x_refuse(actor=actor, x=x, **data),
                     errors=services.XError, success=_("Refused."), redirect_to=x_url)
    return done or render(request, "x.html", {"form": form})
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

Errors = type[Exception] | tuple[type[Exception], ...]


def add_service_error(
    form: forms.BaseForm, exc: Exception, *, field: str | None = None, fields: Mapping[str, str] | None = None
) -> None:
    """Puts a service's refusal on the form: on the question its `field` names (renamed by `fields`, the service's
    argument -> the form's field), else on `field`, else above the form. A field the form does not have is never
    named: the message goes above the form."""
    named = getattr(exc, "field", None) or field
    if named is not None and fields:
        named = fields.get(named, named)
    form.add_error(named if named in form.fields else None, str(exc))
    mark_errors = getattr(form, "mark_errors", None)
    if mark_errors is not None:
        mark_errors()


def form_post(
    request: HttpRequest,
    form: forms.BaseForm | None,
    call: Callable[[dict[str, Any]], Any],
    *,
    errors: Errors,
    success: str | Callable[[Any], str],
    redirect_to: str | Callable[[Any], str],
    field: str | None = None,
    fields: Mapping[str, str] | None = None,
) -> HttpResponse | None:
    """On a POST whose form is valid (or with no form: a decision without questions), calls `call(cleaned_data)`.
    Returns the redirect after a success (with `success` as the page's message; either may be computed from what the
    service returned), or None: the caller renders the page, where the form now carries the service's refusal. A
    refusal of a decision without a form is the message of the page it redirects to."""
    if request.method != "POST" or (form is not None and not form.is_valid()):
        return None
    try:
        result = call(dict(form.cleaned_data) if form is not None else {})
    except errors as exc:
        if form is None:
            messages.error(request, str(exc))
            return redirect(redirect_to(None) if callable(redirect_to) else redirect_to)
        add_service_error(form, exc, field=field, fields=fields)
        return None
    said = success(result) if callable(success) else success
    if said:  # a step that the page itself shows done (a date set) may go without a message
        messages.success(request, str(said))
    return redirect(redirect_to(result) if callable(redirect_to) else redirect_to)


def posted_step(request: HttpRequest, allowed: frozenset[str] | set[str], *, refused: str) -> str:
    """The decision a record's page was posted for (its `step` button), refused with `refused` unless the actor may
    take it: pages that offer several decisions on one record (register, refuse, terminate) post each with its own
    button."""
    step = request.POST.get("step", "") if request.method == "POST" else ""
    if request.method == "POST" and step not in allowed:
        raise PermissionDenied(refused)
    return step


# One decision of a record's page: its form (None: no questions), the service call, the message after success.
Step = tuple[forms.BaseForm | None, Callable[[dict[str, Any]], Any], str | Callable[[Any], str]]


def step_post(
    request: HttpRequest, step: str, steps: Mapping[str, Step], *, errors: Errors, redirect_to: str, **options: Any
) -> HttpResponse | None:
    """`form_post` for the decision the page was posted for, among the page's `steps`; `options` as form_post's."""
    if step not in steps:
        return None
    form, call, success = steps[step]
    return form_post(request, form, call, errors=errors, success=success, redirect_to=redirect_to, **options)


def bound_if(request: HttpRequest, step: str, name: str) -> Any:
    """The POST data for the form of decision `name` if the page was posted for it, else None (the form unbound)."""
    return request.POST if step == name else None
