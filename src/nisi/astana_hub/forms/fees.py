"""Forms of the fees area in the GOV.UK pattern (errors linked from the summary, answers kept)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nisi.astana_hub.models import FeeSchedule
from nisi.astana_hub.rules import fees as rules
from nisi.core import identifiers
from nisi.forms import GovukFormMixin, date_field


def amount_field(label: Any, **kwargs: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=Decimal("0.01"),
        max_digits=14,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
        error_messages={
            "required": _("Enter the amount in tenge"),
            "invalid": _("Enter the amount as a number, for example 25000.00"),
            "min_value": _("Enter an amount greater than zero"),
            "max_decimal_places": _("Enter the amount with at most two decimal places (tiyn)"),
            "max_digits": _("The amount is too large"),
            "max_whole_digits": _("The amount is too large"),
        },
        **kwargs,
    )


class PeriodField(forms.CharField):
    """A fee period: 2025-03, 2025-Q2 or 2025."""

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value)
        if not text:
            return text
        try:
            return rules.parse_period(text).label
        except rules.PeriodError as exc:
            raise forms.ValidationError(str(exc)) from exc


class ChargePeriodForm(GovukFormMixin, forms.Form):
    period = PeriodField(
        label=_("Period to charge"),
        max_length=7,
        help_text=_("A month (2025-03), a quarter (2025-Q2) or a year (2025), as the fee schedule in force says"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={"required": _("Enter the period to charge")},
    )


class StatementPeriodForm(GovukFormMixin, forms.Form):
    period = PeriodField(
        label=_("Period of the statement"),
        max_length=7,
        required=False,
        help_text=_("A year (2025), a quarter (2025-Q2) or a month (2025-03)"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )


class FeeScheduleForm(GovukFormMixin, forms.Form):
    applies_from = date_field(
        _("Applies from"), help_text=_("The first day of a period of its kind, for example 2025-07-01")
    )
    period = forms.ChoiceField(
        label=_("Charged"),
        choices=FeeSchedule.Period.choices,
        error_messages={"required": _("Choose how often the fee is charged")},
    )
    amount = amount_field(_("Amount per period, tenge"))
    due_days = forms.IntegerField(
        label=_("Due, calendar days after the period starts"),
        min_value=0,
        max_value=365,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "required": _("Enter the number of days"),
            "invalid": _("Enter a whole number of days"),
            "min_value": _("Enter 0 to 365 days"),
            "max_value": _("Enter 0 to 365 days"),
        },
    )
    basis = forms.CharField(
        label=_("Clause of the Fund's operating rules"),
        max_length=300,
        help_text=_("The rules approved by the informatization authority (AH-9.4.4) that set this fee"),
        error_messages={"required": _("Enter the clause of the Fund's operating rules")},
    )


class FeePaymentForm(GovukFormMixin, forms.Form):
    identifier = forms.CharField(
        label=_("BIN of the payer"),
        max_length=12,
        min_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-20"}),
        error_messages={
            "required": _("Enter the BIN of the participant that paid"),
            "min_length": _("A BIN has 12 digits"),
            "max_length": _("A BIN has 12 digits"),
        },
    )
    amount = amount_field(_("Amount paid, tenge"))
    paid_on = date_field(_("Date of payment"))
    payment_reference = forms.CharField(
        label=_("Payment order number"),
        max_length=60,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
        error_messages={"required": _("Enter the number of the payment order")},
    )

    def clean_identifier(self) -> str:
        value = self.cleaned_data["identifier"].strip()
        if not identifiers.is_latin_digits(value):
            raise forms.ValidationError(_("A BIN has 12 digits: type them in Latin digits (0-9)"))
        return value


class ChargeCancelForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        help_text=_("The participant reads it, e.g. “Registration terminated on 1 March 2025”"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": _("Enter the reason for cancelling the charge")},
    )
