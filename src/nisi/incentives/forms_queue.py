"""The parts of the incentives' forms for the queues of measures with a limited budget, the alerts when a measure
opens and the state's figures: the amount asked of each measure with a budget (added to the application's form),
and the recipient's contest of a figure."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nisi.forms import GovukFormMixin
from nisi.incentives.facts import MeasureOn
from nisi.incentives.selectors import queue as selectors


def add_amounts(form: forms.BaseForm, measures: list[MeasureOn], on: dt.date) -> None:
    """One field per measure offered that has a budget on `on`: the amount asked, held in its public queue."""
    budgeted = selectors.budgeted_codes(on)
    form.amount_fields = []  # type: ignore[attr-defined]
    for m in measures:
        if m.measure.code not in budgeted:
            continue
        name = f"amount_{m.measure.code}"
        form.fields[name] = forms.CharField(
            label=_("Amount asked of “%(title)s”, in tenge") % {"title": m.measure.title},
            help_text=_(
                "This measure's budget is limited. If the request passes the conditions, it takes the next place in "
                "the measure's public queue, which holds this amount until the operator decides."
            ),
            max_length=24,
            required=False,
            widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10", "inputmode": "decimal"}),
        )
        form.amount_fields.append(form[name])  # type: ignore[attr-defined]


def amounts(form: forms.BaseForm) -> dict[str, Any]:
    """measure code: the amount as typed (the service checks it and names the field of a bad one)."""
    data = form.cleaned_data
    return {name.removeprefix("amount_"): data.get(name, "") for name in form.fields if name.startswith("amount_")}


class ContestForm(GovukFormMixin, forms.Form):
    value = forms.DecimalField(
        label=_("Your figure for the same period"),
        min_value=0,
        max_digits=20,
        decimal_places=2,
        error_messages={
            "required": _("Give your figure"),
            "invalid": _("Enter the figure as a number, for example 1250.50"),
            "min_value": _("A figure cannot be negative"),
            "max_decimal_places": _("Use at most two digits after the point"),
            "max_digits": _("The figure is too large: check the number of digits"),
        },
    )
    reasons = forms.CharField(
        label=_("Why the state's figure is wrong"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Say why the figure is wrong"), "max_length": _("Use at most 2000 characters")},
    )
