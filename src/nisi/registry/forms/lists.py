"""The filters and orders of the register's lists for signed-in users (issue 10): applications, the assessment
queue, objections. The public register's search has its own form (RegisterSearchForm)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nisi.forms.listing import ListFilterForm, Sort
from nisi.registry.models import Appeal, RegisterApplication

ANY = [("", _("Any"))]


class _NumberOrName(ListFilterForm):
    q = forms.CharField(label=_("Number, organization or BIN"), required=False, max_length=200)

    def narrowed(self, found: Any, *, organization: str) -> Any:
        """`found` narrowed by the answers (each field by its own name)."""
        values = self.values()
        if "q" in values:
            text = values["q"].strip()
            found = found.filter(
                Q(number__icontains=text)
                | Q(**{f"{organization}__name__icontains": text})
                | Q(**{f"{organization}__identifier": text})
            )
        if "status" in values:
            found = found.filter(status=values["status"])
        return found


class ApplicationFilterForm(_NumberOrName):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=ANY + RegisterApplication.Status.choices)
    SORTS = (
        Sort("newest", _("Newest first"), ("-created_at", "-id")),
        Sort("oldest", _("Oldest first"), ("created_at", "id")),
        Sort("submitted", _("Submitted, latest first"), ("-submitted_at", "-id")),
        Sort("organization", _("Organization"), ("organization__name", "-created_at")),
    )


class QueueFilterForm(_NumberOrName):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=ANY
        + [(s.value, s.label) for s in (RegisterApplication.Status.ASSESSMENT, RegisterApplication.Status.INSPECTION)],
    )
    # The oldest first: the term of the assessment runs from the submission (IP-51-1.4).
    SORTS = (
        Sort("oldest", _("Oldest first"), ("submitted_at", "id")),
        Sort("newest", _("Newest first"), ("-submitted_at", "-id")),
        Sort("organization", _("Organization"), ("organization__name", "submitted_at")),
    )


class AppealFilterForm(_NumberOrName):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=ANY + Appeal.Status.choices)
    SORTS = (
        Sort("newest", _("Newest first"), ("-filed_on", "-id")),
        Sort("oldest", _("Oldest first"), ("filed_on", "id")),
        Sort("producer", _("Producer"), ("removal__record__organization__name", "-filed_on")),
    )
