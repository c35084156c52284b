"""Forms of domestic raw materials in the GOV.UK pattern (errors linked from the summary, answers kept)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nisi.forms import GovukFormMixin, date_field
from nisi.raw_materials import rules


def _bin(label: Any) -> forms.RegexField:
    return forms.RegexField(
        label=label,
        regex=r"^[0-9]{12}$",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "numeric"}),
        error_messages={"required": _("Enter the BIN"), "invalid": _("A BIN has 12 digits.")},
    )


def _number(label: Any, places: int, help_text: Any = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        min_value=Decimal(0),
        max_digits=18 if places == 3 else 20,
        decimal_places=places,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
        error_messages={
            "required": _("Enter the number"),
            "invalid": _("Enter a number, for example 1250.5"),
            "min_value": _("Enter zero or more"),
            "max_decimal_places": _("Enter at most %(max)s decimal places"),
            "max_digits": _("The number is too large"),
            "max_whole_digits": _("The number is too large"),
        },
    )


def _year(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=2000,
        max_value=2100,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
        error_messages={"required": _("Enter the year"), "invalid": _("Enter a year, for example 2025")},
    )


class ApplicationForm(GovukFormMixin, forms.Form):
    """A manufacturing enterprise's application to list a raw material (IP-60.2)."""

    code = forms.RegexField(
        label=_("Commodity code of the raw material (HS or TN VED)"),
        regex=r"^[0-9]{4,10}$",
        help_text=_("For example 260300 (copper ores and concentrates)"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "numeric"}),
        error_messages={
            "required": _("Enter the commodity code"),
            "invalid": _("A commodity code has 4 to 10 digits."),
        },
    )
    name = forms.CharField(
        label=_("Name of the raw material"), max_length=300, error_messages={"required": _("Enter the name")}
    )
    purpose = forms.CharField(
        label=_("What the enterprise makes of it"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what the enterprise makes of the raw material")},
    )
    documents = forms.MultipleChoiceField(
        label=_("Documents attached"),
        choices=rules.REQUIRED_DOCUMENTS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class ProducerFactsForm(GovukFormMixin, forms.Form):
    operating_since = date_field(_("Day its production in Kazakhstan started"), required=False)
    excluded_ground = forms.CharField(
        label=_("Ground of the rules excluding it (empty if none)"), max_length=500, required=False
    )


class VolumeForm(GovukFormMixin, forms.Form):
    producer = forms.ChoiceField(label=_("Raw material"), error_messages={"required": _("Choose the raw material")})
    year = _year(_("Year"))
    volume = _number(_("Production in the year"), 3, _("In the raw material's unit, for example tonnes"))

    def __init__(self, *args: Any, producers: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["producer"].choices = producers  # type: ignore[attr-defined]


class FileForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("Columns: raw_material, producer, year, volume"),
        error_messages={"required": _("Choose a file")},
    )


class AgreementForm(GovukFormMixin, forms.Form):
    """The tripartite agreement as the authorized body records it (IP-60.1, 60.7, 60.8)."""

    raw_material = forms.CharField(label=_("Commodity code of the listed raw material"), max_length=10)
    producer = _bin(_("Producer's BIN"))
    manufacturer = _bin(_("Manufacturing enterprise's BIN"))
    price = _number(_("Price, tenge per unit"), 2, _("A special competitive price, not above the minimum export price"))
    min_export_price = _number(_("Producer's minimum export price, tenge per unit"), 2)
    yearly_volume = _number(_("Volume to supply a year"), 3)
    starts_on = date_field(_("Starts on"))
    ends_on = date_field(_("Ends on"))
    processing = forms.CharField(
        label=_("The manufacturer's commitment to increase processing"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the commitment to increase processing")},
    )


class DeliveryForm(GovukFormMixin, forms.Form):
    year = _year(_("Year"))
    delivered = _number(_("Delivered in the year"), 3)


class ReasonsForm(GovukFormMixin, forms.Form):
    reasons = forms.CharField(
        label=_("Reasons"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reasons")},
    )


class LicenceForm(GovukFormMixin, forms.Form):
    producer = forms.ChoiceField(label=_("Raw material"), error_messages={"required": _("Choose the raw material")})
    year = _year(_("Year of export"))
    volume = _number(_("Volume to export"), 3)
    destination = forms.CharField(
        label=_("Country of destination"), max_length=100, error_messages={"required": _("Enter the country")}
    )

    def __init__(self, *args: Any, producers: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["producer"].choices = producers  # type: ignore[attr-defined]
