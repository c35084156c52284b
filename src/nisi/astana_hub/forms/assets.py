"""Forms of the assets area in the GOV.UK pattern."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nisi.astana_hub.forms.fees import amount_field
from nisi.astana_hub.models import AssetMovement, AssetSource
from nisi.forms import GovukFormMixin, date_field

# Membership fees come in only as participants' payments (recorded on the fees pages), never by hand here.
RECEIPT_SOURCES = [(value, label) for value, label in AssetSource.choices if value != AssetSource.MEMBERSHIP_FEES]


class _MovementForm(GovukFormMixin, forms.Form):
    amount = amount_field(_("Amount, tenge"))
    on = date_field(_("Date"))
    description = forms.CharField(
        label=_("Description"), max_length=500, error_messages={"required": _("Enter a description")}
    )
    document_reference = forms.CharField(
        label=_("Accounting document"),
        max_length=100,
        help_text=_("The number of the receipt order, payment order or act"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
        error_messages={"required": _("Enter the accounting document's number")},
    )


class AssetReceiptForm(_MovementForm):
    source = forms.ChoiceField(
        label=_("Source (AH-10.1)"),
        choices=[("", _("Choose a source")), *RECEIPT_SOURCES],
        error_messages={"required": _("Choose the source of the receipt"), "invalid_choice": _("Choose a source")},
    )
    counterparty_name = forms.CharField(label=_("From whom"), max_length=300, required=False)
    field_order = ["source", "amount", "on", "counterparty_name", "description", "document_reference"]


class AssetUseForm(_MovementForm):
    purpose = forms.ChoiceField(
        label=_("Purpose (AH-10.5)"),
        choices=[("", _("Choose a purpose")), *AssetMovement.Purpose.choices],
        error_messages={"required": _("Choose the purpose of the use"), "invalid_choice": _("Choose a purpose")},
    )
    field_order = ["purpose", "amount", "on", "description", "document_reference"]


class AssetPeriodForm(GovukFormMixin, forms.Form):
    start = date_field(_("From"), required=False)
    end = date_field(_("To"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
            self.add_error("end", _("The end of the period is before its start"))
        return data
