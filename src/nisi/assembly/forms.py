"""Forms of the industrial assembly agreements in the GOV.UK pattern (errors linked from the summary, answers kept)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from nisi.assembly import rules
from nisi.assembly.models import Category, Operation
from nisi.forms import GovukFormMixin, date_field

BRAND_LINE = re.compile(r"^\s*(?P<brand>[^:]{1,100}?)\s*:\s*(?P<models>[0-9]{1,3})\s*$")


def _money(label: Any, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal(0),
        max_digits=18,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-20"}),
        error_messages={
            "required": _("Enter the amount in tenge"),
            "invalid": _("Enter the amount as a number, for example 1250000000.00"),
            "min_value": _("Enter zero or more"),
            "max_decimal_places": _("Enter the amount with at most two decimal places (tiyn)"),
            "max_digits": _("The amount is too large"),
            "max_whole_digits": _("The amount is too large"),
        },
    )


def _count(label: Any, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=0,
        max_value=10_000_000,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-10"}),
        error_messages={
            "required": _("Enter the number"),
            "invalid": _("Enter a whole number, for example 120"),
            "min_value": _("Enter zero or more"),
            "max_value": _("The number is too large"),
        },
    )


class FactsForm(GovukFormMixin, forms.Form):
    """What the authorized body found at the enterprise (IP-62.3): the conditions of IP-63.2 and IP-64."""

    operations = forms.MultipleChoiceField(
        label=_("Technological operations performed"),
        choices=Operation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    brands = forms.CharField(
        label=_("Brands and the number of models of each"),
        help_text=_("One brand a line, for example: Chevrolet: 2"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    capacity = _count(_("Production capacity in two shifts, units a year"), required=False)
    assets = _money(_("Production assets on the balance sheet (own or of a leasing company), tenge"), required=False)
    equipment = forms.BooleanField(label=_("Technological equipment is used"), required=False, initial=True)
    painting_in_design = forms.BooleanField(
        label=_("Painting is in the design of the machinery"), required=False, initial=True
    )

    def clean_brands(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for line in (self.cleaned_data.get("brands") or "").splitlines():
            if not line.strip():
                continue
            found = BRAND_LINE.match(line)
            if not found:
                raise ValidationError(_("Write each brand as “Brand: number of models”, for example Chevrolet: 2"))
            out[found["brand"]] = int(found["models"])
        return out

    def facts(self) -> rules.Facts:
        data = self.cleaned_data
        return rules.Facts(
            operations=frozenset(data.get("operations") or []),
            brands=data.get("brands") or {},
            capacity=data.get("capacity"),
            assets=data.get("assets"),
            equipment=bool(data.get("equipment")),
            painting_in_design=bool(data.get("painting_in_design")),
        )


class ConcludeForm(FactsForm):
    organization = forms.RegexField(
        label=_("BIN of the legal entity"),
        regex=r"^[0-9]{12}$",
        error_messages={"required": _("Enter the BIN"), "invalid": _("Enter the BIN: 12 digits")},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "inputmode": "numeric"}),
    )
    category = forms.ChoiceField(
        label=_("What is assembled (the standard form)"),
        choices=[("", _("Choose")), *Category.choices],
        error_messages={"required": _("Choose what is assembled")},
    )
    hs_codes = forms.CharField(
        label=_("FEA CN codes"),
        help_text=_("Separated by commas or spaces, for example 8703231981"),
        max_length=1000,
        error_messages={"required": _("Enter at least one FEA CN code")},
    )
    parent = forms.RegexField(
        label=_("Multilateral: the agreement it is concluded within (optional)"),
        help_text=_("Its number, for example IA-2026-00001 (IP-63.3)"),
        regex=r"^IA-[0-9]{4}-[0-9]{5}$",
        required=False,
        error_messages={"invalid": _("Enter the agreement's number, for example IA-2026-00001")},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    parties = forms.CharField(
        label=_("Multilateral: BINs of the other parties"),
        help_text=_("Separated by commas or spaces"),
        required=False,
        max_length=1000,
    )
    field_order = ["organization", "category", "hs_codes", "operations", "brands", "capacity", "assets"]

    def codes(self) -> list[str]:
        return [c for c in re.split(r"[\s,;]+", self.cleaned_data.get("hs_codes") or "") if c]

    def party_bins(self) -> list[str]:
        return [c for c in re.split(r"[\s,;]+", self.cleaned_data.get("parties") or "") if c]


class CheckForm(FactsForm):
    obligations_met = forms.ChoiceField(
        label=_("Are the obligations of the agreement fulfilled?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether the obligations are fulfilled")},
    )
    note = forms.CharField(
        label=_("What was found"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReasonsForm(GovukFormMixin, forms.Form):
    reasons = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": _("Give the reasons: the entity reads them")},
    )


class BenefitForm(GovukFormMixin, forms.Form):
    hs_code = forms.RegexField(
        label=_("FEA CN code"),
        regex=r"^[0-9]{4,10}$",
        error_messages={"required": _("Enter the code"), "invalid": _("Enter the code: 4 to 10 digits")},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "numeric"}),
    )
    period_start = date_field(_("Period from"))
    period_end = date_field(_("Period to"))
    kind = forms.CharField(
        label=_("Benefit"), max_length=200, help_text=_("For example: exemption from import customs duties")
    )
    amount = _money(_("Amount, tenge"))


class RecallForm(GovukFormMixin, forms.Form):
    started_on = date_field(_("Campaign started on"))
    models_affected = forms.CharField(label=_("Models and batch"), max_length=300)
    units = forms.IntegerField(
        label=_("Goods recalled"),
        min_value=1,
        max_value=10_000_000,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-10"}),
        error_messages={"required": _("Enter the number"), "invalid": _("Enter a whole number, for example 120")},
    )
    defect = forms.CharField(label=_("Defect"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    remedy = forms.CharField(label=_("Remedy"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    buyers_notified = _count(_("Buyers notified"), required=False)
