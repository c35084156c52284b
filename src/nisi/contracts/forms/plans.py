"""Forms of procurement plans, their review, the public list and the applications, in the GOV.UK pattern: errors
say what to do, answers are kept."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nisi.contracts.models import Exclusion, PlanApplication
from nisi.contracts.rules.plans import LineIn
from nisi.forms import GovukFormMixin

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def _year(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=2000,
        max_value=2100,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
        error_messages={
            "required": _("Enter the year, for example 2027"),
            "invalid": _("Enter the year as 4 digits, for example 2027"),
            "min_value": _("Enter a year from 2000"),
            "max_value": _("Enter a year up to 2100"),
        },
    )


def _quantity(label: Any, *, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=18,
        decimal_places=3,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal"}),
        error_messages={
            "required": _("Enter the quantity"),
            "invalid": _("Enter the quantity as a number, for example 12.5"),
            "max_decimal_places": _("Enter the quantity with no more than 3 decimal places"),
            "max_digits": _("Enter a smaller quantity"),
            "max_whole_digits": _("Enter a smaller quantity"),
        },
    )


class PlanForm(GovukFormMixin, forms.Form):
    title = forms.CharField(label=_("Title of the plan (optional)"), required=False, max_length=300)
    first_year = _year(_("First year of purchase"))
    last_year = _year(_("Last year of purchase"))


class LineForm(GovukFormMixin, forms.Form):
    product_code = forms.CharField(
        label=_("Product code"),
        help_text=_("6 digits of the HS or 10 of the TN VED"),
        max_length=10,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "numeric"}),
        error_messages={"required": _("Enter the product code")},
    )
    description = forms.CharField(
        label=_("Description of the good"), max_length=500, error_messages={"required": _("Describe the good")}
    )
    quantity = _quantity(_("Quantity"))
    unit = forms.CharField(
        label=_("Unit of measure"),
        max_length=20,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={"required": _("Enter the unit of measure")},
    )
    year = _year(_("Year of purchase"))
    region = forms.ChoiceField(label=_("Region of delivery (optional)"), required=False, choices=())
    planned_amount = forms.DecimalField(
        label=_("Planned amount, tenge (optional)"),
        required=False,
        max_digits=18,
        decimal_places=2,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal"}),
        error_messages={"invalid": _("Enter the amount in tenge, for example 25000000.00")},
    )
    exclusion = forms.ChoiceField(
        label=_("Excluded from the goods planned for purchase (IP-47.3)"),
        required=False,
        choices=[("", _("No: planned for purchase")), *Exclusion.choices],
    )
    exclusion_reason = forms.CharField(label=_("Why it is excluded"), required=False, max_length=500)

    def __init__(self, *args: Any, regions: list[tuple[str, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("Any region")), *regions]  # type: ignore[attr-defined]

    def line(self) -> LineIn:
        data = self.cleaned_data
        return LineIn(
            product_code=data["product_code"].strip(),
            description=data["description"].strip(),
            quantity=data["quantity"],
            unit=data["unit"].strip(),
            year=data["year"],
            region=data.get("region") or "",
            planned_amount=data.get("planned_amount"),
            exclusion=data.get("exclusion") or "",
            exclusion_reason=(data.get("exclusion_reason") or "").strip(),
        )


class UploadForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "Columns: product_code, description, quantity, unit, year; optionally region, planned_amount, "
            "exclusion (domestic_market or foreign_warranty), exclusion_reason."
        ),
        error_messages={"required": _("Choose the file to upload")},
    )
    replace = forms.BooleanField(label=_("Replace the plan's lines with the file's"), required=False)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file must be smaller than 5 MB; split it."))
        return upload


class CommentsForm(GovukFormMixin, forms.Form):
    comments = forms.CharField(
        label=_("Comments to the customer"),
        help_text=_("Which goods do not comply with IP-47.3 and why"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write the comments")},
    )


class ApplicationForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of contract"),
        choices=PlanApplication.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the kind of contract")},
    )
    quantity = _quantity(_("Quantity you offer"))
    notes = forms.CharField(
        label=_("About your production (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_quantity(self) -> Decimal:
        value: Decimal = self.cleaned_data["quantity"]
        if value <= 0:
            raise forms.ValidationError(_("Enter a quantity more than zero"))
        return value


class SearchForm(GovukFormMixin, forms.Form):
    code = forms.RegexField(
        label=_("Product code"),
        regex=r"^[0-9]{0,10}$",
        required=False,
        max_length=10,
        error_messages={"invalid": _("Enter the first digits of the code, for example 7304")},
    )
    region = forms.ChoiceField(label=_("Region"), required=False, choices=())
    customer = forms.CharField(label=_("Customer (BIN or name)"), required=False, max_length=300)

    def __init__(self, *args: Any, regions: list[tuple[str, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("Any region")), *regions]  # type: ignore[attr-defined]
