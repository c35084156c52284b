"""Forms of the domestic value development programmes (IP-61-1), in the GOV.UK pattern."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nisi.contracts.models import (
    DomesticValueProgramme,
    LargeCustomerKind,
    ProgrammeAction,
    ProgrammeArea,
    ProgrammeReport,
    RefusalGround,
)
from nisi.forms import GovukFormMixin, date_field
from nisi.forms.listing import ListFilterForm

YEAR_ERRORS = {
    "invalid": _("Enter the year as four digits, for example 2026"),
    "min_value": _("Enter a year from 2025"),
    "max_value": _("Enter a year before 2100"),
    "required": _("Enter the year"),
}
NUMBER_ERRORS = {
    "invalid": _("Enter a number, for example 42.5"),
    "required": _("Enter the value"),
    "min_value": _("Enter zero or more"),
    "max_digits": _("Enter a number of at most 14 digits before the decimal point"),
    "max_decimal_places": _("Enter the value with no more than 2 decimal places"),
    "max_whole_digits": _("Enter a number of at most 14 digits before the decimal point"),
}


def number_field(label: Any, *, help_text: Any = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        max_digits=16,
        decimal_places=2,
        min_value=Decimal(0),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal"}),
        error_messages=NUMBER_ERRORS,
    )


def added(field: forms.Field) -> forms.Field:
    """A question added after the form's classes were set (one per year, one per target): given them here."""
    field.widget.attrs["class"] = f"govuk-input {field.widget.attrs.get('class', '')}".strip()
    return field


def year_field(label: Any, *, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=2025,
        max_value=2099,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
        error_messages=YEAR_ERRORS,
    )


class ProgrammeForm(GovukFormMixin, forms.Form):
    customer_kind = forms.ChoiceField(
        label=_("Kind of large customer"),
        choices=LargeCustomerKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the kind of large customer")},
    )
    title = forms.CharField(
        label=_("Title of the programme"), max_length=300, error_messages={"required": _("Enter the title")}
    )
    first_year = year_field(_("First year of the programme"))


class ActionForm(GovukFormMixin, forms.Form):
    action_area = forms.ChoiceField(
        label=_("Area"), choices=ProgrammeArea.choices, error_messages={"required": _("Choose the area")}
    )
    action_kind = forms.ChoiceField(
        label=_("Whose measure"),
        choices=ProgrammeAction.Kind.choices,
        widget=forms.RadioSelect,
        initial=ProgrammeAction.Kind.CUSTOMER,
        error_messages={"required": _("Choose whose measure the action is")},
    )
    description = forms.CharField(
        label=_("Action"), max_length=500, error_messages={"required": _("Describe the action")}
    )
    due_on = date_field(_("Due date"))


class TargetForm(GovukFormMixin, forms.Form):
    area = forms.ChoiceField(
        label=_("Area"), choices=ProgrammeArea.choices, error_messages={"required": _("Choose the area")}
    )
    indicator = forms.CharField(
        label=_("Indicator"), max_length=300, error_messages={"required": _("Name the indicator")}
    )
    unit = forms.CharField(
        label=_("Unit"),
        max_length=40,
        help_text=_("For example: per cent, contracts, enterprises"),
        error_messages={"required": _("Enter the unit")},
    )
    is_share = forms.BooleanField(label=_("The indicator is the share of domestic value, in per cent"), required=False)
    baseline = number_field(_("Baseline"))

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.years = years
        for year in years:
            self.fields[f"year_{year}"] = added(number_field(_("Target for %(year)s") % {"year": year}))

    def values(self) -> dict[int, Decimal]:
        return {year: self.cleaned_data[f"year_{year}"] for year in self.years}


class RegulatorForm(GovukFormMixin, forms.Form):
    regulator_name = forms.CharField(
        label=_("State body overseeing the natural monopoly's sphere"),
        max_length=300,
        error_messages={"required": _("Name the regulator")},
    )
    regulator_letter = forms.CharField(
        label=_("The regulator's letter"),
        max_length=200,
        help_text=_("Number and date, for example No. 12-3/456 of 10.03.2026"),
        error_messages={"required": _("Enter the letter's number and date")},
    )
    agreed_on = date_field(_("Date of the regulator's agreement"))


class RefuseForm(GovukFormMixin, forms.Form):
    ground = forms.ChoiceField(
        label=_("Ground for refusal (IP-61-1.2)"),
        choices=RefusalGround.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the ground for refusal")},
    )
    reasons = forms.CharField(
        label=_("What in the programme meets the ground"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say what in the programme meets the ground")},
    )
    by_regulator = forms.BooleanField(
        label=_("The natural-monopoly regulator refused it (recorded from its letter)"), required=False
    )


class ReportForm(GovukFormMixin, forms.Form):
    year = forms.TypedChoiceField(
        label=_("Year reported on"), coerce=int, error_messages={"required": _("Choose the year")}
    )
    summary = forms.CharField(
        label=_("What was done in the year under each area"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Describe what was done in the year")},
    )

    def __init__(self, *args: Any, programme: DomesticValueProgramme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in programme.years]  # type: ignore[attr-defined]
        self.targets = list(programme.targets.all())
        for target in self.targets:
            self.fields[f"target_{target.pk}"] = added(
                number_field(
                    _("%(indicator)s, reached (%(unit)s)") % {"indicator": target.indicator, "unit": target.unit}
                )
            )

    def figures(self) -> dict[int, Decimal]:
        return {t.pk: self.cleaned_data[f"target_{t.pk}"] for t in self.targets}


class MonitorForm(GovukFormMixin, forms.Form):
    assessment = forms.ChoiceField(
        label=_("Assessment"),
        choices=ProgrammeReport.Assessment.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the assessment")},
    )
    notes = forms.CharField(label=_("Notes to the customer"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class RecogniseForm(GovukFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("The programme's obligations are"),
        choices=[
            (DomesticValueProgramme.Status.FULFILLED, _("Fulfilled")),
            (DomesticValueProgramme.Status.NOT_FULFILLED, _("Not fulfilled")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether the obligations are fulfilled")},
    )
    recognition_reasons = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reasons for the recognition")},
    )
    no_fault = forms.BooleanField(label=_("Not fulfilled through no fault of the customer"), required=False)
    no_fault_reason = forms.CharField(
        label=_("Why it was not the customer's fault"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ProgrammeFilterForm(ListFilterForm):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any")), *DomesticValueProgramme.Status.choices], required=False
    )
    customer_kind = forms.ChoiceField(
        label=_("Kind of large customer"), choices=[("", _("Any")), *LargeCustomerKind.choices], required=False
    )
    year = forms.IntegerField(label=_("Covers the year"), min_value=2000, max_value=2100, required=False)
