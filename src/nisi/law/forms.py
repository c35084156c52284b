"""The public's forms for the law layer; errors say what to enter instead."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from nisi.forms import GovukFormMixin, date_field
from nisi.law import legal_calendar


class ParameterOnDateForm(GovukFormMixin, forms.Form):
    on = date_field(_("Date"), _("Enter a date"), help_text=_("For example 2022-05-01"))
    purpose = forms.ChoiceField(label=_("Purpose"), required=False)

    def __init__(self, *args: Any, purposes: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        purpose_field = cast(forms.ChoiceField, self.fields["purpose"])
        purpose_field.choices = list(purposes.items())
        if len(purposes) < 2:
            del self.fields["purpose"]


class DeadlineForm(GovukFormMixin, forms.Form):
    UNITS = [("working_days", _("working days")), ("calendar_days", _("calendar days")), ("months", _("months"))]
    start = date_field(_("Start date"), _("Enter a date"), help_text=_("The day of the event the term runs from"))
    count = forms.IntegerField(
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
        label=_("Length of the term"),
        min_value=0,
        # The longest of the units' bounds here; the unit's own (legal_calendar.MAX_TERM, the API's too) in `clean`.
        max_value=max(legal_calendar.MAX_TERM.values()),
        error_messages={
            "required": _("Enter the number of days or months"),
            "invalid": _("Enter a whole number, for example 30"),
            "min_value": _("The number cannot be negative; enter 0 or more"),
            "max_value": _("A term can be at most ten years; enter a shorter term"),
        },
    )
    unit = forms.ChoiceField(
        label=_("Counted in"),
        choices=UNITS,
        error_messages={
            "required": _("Choose working days, calendar days or months"),
            "invalid_choice": _("Choose working days, calendar days or months"),
        },
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("count") is not None and data.get("unit"):
            try:
                legal_calendar.check_count(data["count"], data["unit"])
            except legal_calendar.TermError as exc:
                self.add_error("count", str(exc))
        return data


class ProvisionSearchForm(GovukFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Search the laws"),
        required=False,
        max_length=200,
        help_text=_("A word, or a citation such as IP-51-1.3"),
        error_messages={"max_length": _("Search with at most 200 characters: a few words are enough")},
    )
    law = forms.ChoiceField(
        label=_("Law"),
        required=False,
        choices=[
            ("", _("Both laws")),
            ("IP", _("On industrial policy")),
            ("AH", _("On the Astana Hub innovation cluster")),
        ],
    )
