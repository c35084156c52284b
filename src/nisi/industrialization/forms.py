"""Forms of the map of industrialization in the GOV.UK pattern (errors linked from the summary, answers kept)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nisi.core.models import Region
from nisi.forms import GovukFormMixin
from nisi.forms.listing import ListFilterForm
from nisi.industrialization.models import ResponsibleKind, Stage
from nisi.industrialization.rules import FIRST_YEAR, Quarter

FIGURES = (
    ("investment", _("Investment, tenge")),
    ("jobs", _("Jobs")),
    ("projects", _("Projects")),
)


def _money(label: Any, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal(0),
        max_digits=20,
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


def _count(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
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


def _date(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=_("For example 2027-06-30"),
        widget=forms.DateInput(attrs={"type": "date", "class": "govuk-input--width-10"}),
        error_messages={"required": _("Enter the date"), "invalid": _("Enter a real date, for example 2027-06-30")},
    )


def region_choices(language: str) -> list[tuple[str, str]]:
    return [(r.code, r.name_in(language)) for r in Region.objects.order_by("code")]


class MapFilterForm(ListFilterForm):
    """The map's filters and the figure that colours the regions, by GET."""

    figure = forms.ChoiceField(label=_("Colour the regions by"), choices=FIGURES, required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    industry = forms.RegexField(
        label=_("Industry (OKED code or its first digits)"),
        regex=r"^[0-9]{2,5}$",
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "numeric"}),
    )
    stage = forms.ChoiceField(label=_("Stage"), choices=[("", _("All stages")), *Stage.choices], required=False)
    year = forms.IntegerField(
        label=_("Year of commissioning"),
        min_value=FIRST_YEAR,
        max_value=2100,
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
    )
    as_of = forms.RegexField(
        label=_("The map as at the end of a quarter"),
        help_text=_("For example 2026-Q1; empty: now"),
        regex=r"^[0-9]{4}-Q[1-4]$",
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )

    def __init__(self, *args: Any, language: str = "en", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("All regions")), *region_choices(language)]  # type: ignore[attr-defined]


class ProjectForm(GovukFormMixin, forms.Form):
    """An application to include a project in the map (IP-6.2, IP-9.11)."""

    name = forms.CharField(label=_("Project name"), max_length=300, error_messages={"required": _("Enter the name")})
    initiator = forms.CharField(
        label=_("Initiator's BIN"),
        max_length=12,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "numeric"}),
        error_messages={"required": _("Enter the initiator's BIN")},
    )
    kato = forms.RegexField(
        label=_("KATO code of the locality"),
        regex=r"^[0-9]{9}$",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "numeric"}),
        error_messages={"required": _("Enter the KATO code"), "invalid": _("A KATO code has 9 digits.")},
    )
    latitude = forms.DecimalField(
        label=_("Latitude of the site, decimal degrees"),
        max_digits=8,
        decimal_places=5,
        min_value=-90,
        max_value=90,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal"}),
        error_messages={"required": _("Enter the latitude"), "invalid": _("Enter the latitude, for example 49.806")},
    )
    longitude = forms.DecimalField(
        label=_("Longitude of the site, decimal degrees"),
        max_digits=8,
        decimal_places=5,
        min_value=-180,
        max_value=180,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal"}),
        error_messages={"required": _("Enter the longitude"), "invalid": _("Enter the longitude, for example 73.085")},
    )
    oked = forms.RegexField(
        label=_("Industry (OKED code)"),
        regex=r"^[0-9]{2,5}$",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "numeric"}),
        error_messages={"required": _("Enter the OKED code"), "invalid": _("An OKED code has 2 to 5 digits.")},
    )
    hs_codes = forms.CharField(
        label=_("Products (HS codes)"),
        help_text=_("Separated by commas, for example 720110, 720851"),
        required=False,
        max_length=1000,
    )
    investment = _money(_("Investment, tenge"))
    jobs = _count(_("Permanent jobs"))
    capacity = forms.CharField(label=_("Design capacity"), required=False, max_length=200)
    responsible_kind = forms.ChoiceField(
        label=_("Who informs on the project every quarter"),
        choices=ResponsibleKind.choices,
        error_messages={"required": _("Choose who informs on the project")},
    )
    responsible = forms.CharField(
        label=_("BIN of the responsible state body or national managing holding"),
        help_text=_("Leave empty when the akimat informs"),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "numeric"}),
    )
    construction_on = _date(_("Planned start of construction"), required=False)
    commissioning_on = _date(_("Planned commissioning"))

    def codes(self) -> list[str]:
        return [c.strip() for c in self.cleaned_data.get("hs_codes", "").split(",") if c.strip()]


class ReasonsForm(GovukFormMixin, forms.Form):
    reasons = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": _("Give the reasons: the initiator reads them")},
    )


class ReportForm(GovukFormMixin, forms.Form):
    """One project's information for a quarter, the period filled in (IP-6.2, IP-11.8)."""

    project = forms.ChoiceField(label=_("Project"), error_messages={"required": _("Choose the project")})
    period = forms.RegexField(
        label=_("Quarter"),
        regex=r"^[0-9]{4}-Q[1-4]$",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={"required": _("Enter the quarter"), "invalid": _("Write the quarter as 2026-Q1")},
    )
    stage = forms.ChoiceField(label=_("Stage reached"), choices=Stage.choices)
    stage_date = _date(_("Date the stage was reached"), required=False)
    investment_to_date = _money(_("Investment made since the start, tenge"))
    jobs_created = _count(_("Jobs created"))
    output = _money(_("Products made in the quarter, tenge"), required=False)
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: Any, projects: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].choices = [("", _("Choose the project")), *projects]  # type: ignore[attr-defined]

    def quarter(self) -> Quarter:
        year, number = self.cleaned_data["period"].split("-Q")
        return Quarter(int(year), int(number))


class ReportFileForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Quarterly information file (CSV or XLSX)"),
        help_text=_(
            "Columns: project, year, quarter, stage, investment_to_date, jobs_created and, if any, output, stage_date, "
            "comment. Nothing is recorded while any row is bad."
        ),
        error_messages={"required": _("Choose the file")},
    )
