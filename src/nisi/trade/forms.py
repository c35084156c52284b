"""Forms of the foreign trade pages in the GOV.UK pattern (errors linked from the summary, answers kept)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nisi.forms import GovukFormMixin

_PERIOD_HELP = _("A month (2026-03) or a quarter (2026-Q1)")


def _period(label: Any = None) -> forms.CharField:
    return forms.CharField(
        label=label or _("Period"),
        max_length=7,
        help_text=_PERIOD_HELP,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={"required": _("Enter the period")},
    )


class MonitoringForm(GovukFormMixin, forms.Form):
    period = _period(_("Period to monitor"))


class DeclarationsFileForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Import declarations file (CSV or XLSX)"),
        help_text=_(
            "Columns: number, code, country, unit, quantity, customs_value, declared_on; one row per declaration's "
            "line, the customs value in tenge. Nothing is recorded while any row is bad."
        ),
        error_messages={"required": _("Choose the file")},
    )


class PriceReportForm(GovukFormMixin, forms.Form):
    hs_code = forms.RegexField(
        label=_("HS code of the good"),
        regex=r"^[0-9]{6}$",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "numeric"}),
        error_messages={"required": _("Enter the HS code of the good"), "invalid": _("An HS code has 6 digits")},
    )
    unit = forms.CharField(
        label=_("Unit"),
        max_length=20,
        help_text=_("The unit of the price, as the customs declarations give quantities: t, pcs, m3 …"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={"required": _("Enter the unit")},
    )
    period = _period()
    unit_price = forms.DecimalField(
        label=_("Ex-works price per unit, tenge, VAT excluded"),
        min_value=Decimal("0.01"),
        max_digits=16,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
        error_messages={
            "required": _("Enter the price"),
            "invalid": _("Enter the price as a number, for example 412500.50"),
            "min_value": _("Enter a price more than zero"),
            "max_decimal_places": _("Enter the price to the tiyn: at most two decimal places"),
            "max_digits": _("The number is too large"),
            "max_whole_digits": _("The number is too large"),
        },
    )


class ReviewForm(GovukFormMixin, forms.Form):
    conclusion = forms.CharField(
        label=_("What you concluded"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write what you concluded on the signal")},
    )


class ProfileForm(GovukFormMixin, forms.Form):
    identifier = forms.RegexField(
        label=_("BIN of the producer"),
        regex=r"^[0-9]{12}$",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "numeric"}),
        error_messages={"required": _("Enter the producer's BIN"), "invalid": _("A BIN has 12 digits")},
    )
    markets = forms.CharField(
        label=_("Export markets"),
        max_length=300,
        required=False,
        help_text=_("Country codes (ISO 3166-1), separated by commas, for example DE, CN, UZ"),
    )
    certifications = forms.CharField(
        label=_("Certifications"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, for example ISO 9001:2015"),
    )
    description_en = forms.CharField(
        label=_("Description for foreign buyers (in English)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnswerForm(GovukFormMixin, forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("confirm", _("Confirm the profile")), ("decline", _("Decline it"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you confirm the profile")},
    )
    contacts_consent = forms.BooleanField(
        label=_("Publish our address, e-mail and telephone to foreign buyers"),
        required=False,
        help_text=_("Your consent under IP-6.3; without it the catalogue lists your goods without contacts."),
    )
