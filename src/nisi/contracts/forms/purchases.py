"""Forms of the purchases area in the GOV.UK pattern (errors linked from the summary, answers kept)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nisi.forms import GovukFormMixin


class PurchasesFileForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Purchases file (CSV)"),
        help_text=_(
            "Columns: supplier_bin, product_code, quantity, amount, purchase_date, contract_reference and, if a price "
            "is your commercial secret, price_confidential (yes or no). UTF-8 or Windows-1251, comma or semicolon."
        ),
        error_messages={"required": _("Choose the CSV file of purchases")},
    )
    skip_bad = forms.BooleanField(
        label=_("Record the good lines and list the bad ones (otherwise nothing is recorded while any line is bad)"),
        required=False,
    )


class YearForm(GovukFormMixin, forms.Form):
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
        error_messages={
            "required": _("Enter the year, for example 2026"),
            "invalid": _("Enter the year as four digits, for example 2026"),
            "min_value": _("Enter a year from 2000 to 2100"),
            "max_value": _("Enter a year from 2000 to 2100"),
        },
    )


class SubmissionForm(GovukFormMixin, forms.Form):
    region = forms.ChoiceField(label=_("Territory"), error_messages={"required": _("Choose the territory")})
    year = YearForm.base_fields["year"]
    territory_total = forms.DecimalField(
        label=_("The territory's whole production volume in the year, tenge"),
        min_value=Decimal("0.01"),
        max_digits=20,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-20"}),
        error_messages={
            "required": _("Enter the territory's production volume"),
            "invalid": _("Enter the volume as a number, for example 1250000000.00"),
            "min_value": _("Enter a volume greater than zero"),
            "max_decimal_places": _("Enter the volume with at most two decimal places (tiyn)"),
            "max_digits": _("The volume is too large"),
            "max_whole_digits": _("The volume is too large"),
        },
    )
    volumes = forms.CharField(
        label=_("Manufacturers' volumes"),
        help_text=_("One manufacturer a line: its BIN, a semicolon, its volume in tenge (190540000123;45000000.00)"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=2_000_000,
        error_messages={"required": _("Enter at least one manufacturer's volume")},
    )

    def __init__(self, *args: Any, regions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = regions  # type: ignore[attr-defined]

    def clean_volumes(self) -> list[tuple[str, str]]:
        rows = []
        for line in str(self.cleaned_data["volumes"]).splitlines():
            if not line.strip():
                continue
            bin_, _sep, volume = line.partition(";")
            rows.append((bin_.strip(), volume.strip()))
        if not rows:
            raise forms.ValidationError(_("Enter at least one manufacturer's volume"))
        return rows
