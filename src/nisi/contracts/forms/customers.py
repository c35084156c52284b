"""Forms of large customers, the National Welfare Fund and the ownership chain (IP-1.25, IP-46.2), in the GOV.UK
pattern (errors linked from the summary, answers kept)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nisi.contracts.models import LargeCustomerKind
from nisi.forms import GovukFormMixin, date_field


def bin_field(label: Any, required_message: Any) -> forms.RegexField:
    return forms.RegexField(
        label=label,
        regex=r"^[0-9]{12}$",
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-20"}),
        error_messages={"invalid": _("Enter the BIN: 12 digits"), "required": required_message},
    )


class CustomerForm(GovukFormMixin, forms.Form):
    identifier = bin_field(_("The organization's BIN"), _("Enter the BIN of the organization"))
    kind = forms.ChoiceField(
        label=_("Kind of large customer (IP-1.25)"),
        choices=LargeCustomerKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the kind of large customer")},
    )
    since = date_field(_("A large customer from"), _("Enter the day it became a large customer"))


class CustomerEndForm(GovukFormMixin, forms.Form):
    until = date_field(_("Its last day as a large customer"), _("Enter its last day as a large customer"))


class FundForm(GovukFormMixin, forms.Form):
    identifier = bin_field(_("The National Welfare Fund's BIN"), _("Enter the National Welfare Fund's BIN"))


class OwnershipForm(GovukFormMixin, forms.Form):
    owner = bin_field(_("The owner's BIN"), _("Enter the owner's BIN"))
    owned = bin_field(_("BIN of the organization owned"), _("Enter the BIN of the organization owned"))
    share = forms.DecimalField(
        label=_("Share of the voting shares held, per cent"),
        min_value=Decimal("0.0001"),
        max_value=Decimal(100),
        max_digits=7,
        decimal_places=4,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
        error_messages={
            "required": _("Enter the share in per cent, for example 50"),
            "invalid": _("Enter the share as a number, for example 50 or 33.3333"),
            "min_value": _("Enter a share more than 0"),
            "max_value": _("Enter a share of at most 100"),
            "max_digits": _("Enter a share of at most 100 with at most 4 decimal places"),
            "max_decimal_places": _("Enter a share with at most 4 decimal places"),
        },
    )
    on = date_field(_("Held from"), _("Enter the day the holding began"))
    trust_management = forms.BooleanField(label=_("Held in trust management, not by ownership"), required=False)


class CustomerSearchForm(GovukFormMixin, forms.Form):
    q = forms.CharField(label=_("Name or BIN"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *LargeCustomerKind.choices]
    )
