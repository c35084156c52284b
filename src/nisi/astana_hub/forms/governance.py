"""Forms of the governance records (AH-6.1, AH-9.2), in the GOV.UK pattern."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nisi.astana_hub.models import CommitteeMatter, StrategicTask
from nisi.forms import GovukFormMixin, date_field


def year_field(label: Any, *, required: bool = False, help_text: Any = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=2014,
        max_value=2100,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
        error_messages={
            "invalid": _("Enter the year as four digits, for example 2026"),
            "min_value": _("Enter a year from 2014 (the year of the law)"),
            "max_value": _("Enter a year before 2100"),
            "required": _("Enter the year"),
        },
    )


class BasisForm(GovukFormMixin, forms.Form):
    year = year_field(_("Year"), required=True)
    on = date_field(_("On the date"), help_text=_("For the procurement rules and the Charter in force"))


class StrategicTaskForm(GovukFormMixin, forms.Form):
    title = forms.CharField(
        label=_("Strategic task"), max_length=300, error_messages={"required": _("Enter the strategic task")}
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    set_on = date_field(_("Date of the Board of Trustees' meeting"))
    meeting_reference = forms.CharField(
        label=_("Minutes of the Board of Trustees"),
        max_length=200,
        help_text=_("Number and date of the minutes, for example No. 3 of 12.02.2026"),
        error_messages={"required": _("Enter the reference of the minutes")},
    )
    target_year = year_field(_("Target year"), help_text=_("Optional: the year by which the task is to be achieved"))


class StrategicTaskCloseForm(GovukFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(StrategicTask.Status.ACHIEVED, _("Achieved")), (StrategicTask.Status.WITHDRAWN, _("Withdrawn"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether the task was achieved or withdrawn")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter the reason, for example the Board's minutes or the result achieved")},
    )


class CommitteeDecisionForm(GovukFormMixin, forms.Form):
    matter = forms.ChoiceField(
        label=_("Matter of the Management Committee's exclusive competence"),
        choices=CommitteeMatter.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the matter of the decision")},
    )
    decided_on = date_field(_("Date of the decision"))
    applies_from = date_field(_("Applies from"))
    period_year = year_field(
        _("Year the decision is for"), help_text=_("For a budget (the first year of a medium-term budget) or an audit")
    )
    amount = forms.DecimalField(
        label=_("Amount of the budget, tenge"),
        required=False,
        max_digits=16,
        decimal_places=2,
        min_value=0,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal"}),
        error_messages={
            "invalid": _("Enter the amount in tenge, for example 1500000000.00"),
            "max_decimal_places": _("Enter the amount with no more than 2 decimal places"),
        },
    )
    auditor_name = forms.CharField(label=_("Audit organization"), max_length=300, required=False)
    summary = forms.CharField(
        label=_("What the Committee decided"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Summarise what the Committee decided")},
    )
    minutes_reference = forms.CharField(
        label=_("Minutes of the Management Committee"),
        max_length=200,
        error_messages={"required": _("Enter the reference of the minutes")},
    )
    strategic_task = forms.ChoiceField(label=_("Strategic task it serves"), required=False)
    supersedes = forms.ChoiceField(
        label=_("Supersedes the decision"),
        required=False,
        help_text=_("Only when this decision replaces an earlier one of the same matter (an amended budget)"),
    )

    def __init__(self, *args: Any, tasks: list[tuple[str, str]], decisions: list[tuple[str, str]], **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["strategic_task"].choices = [("", _("None")), *tasks]  # type: ignore[attr-defined]
        self.fields["supersedes"].choices = [("", _("None")), *decisions]  # type: ignore[attr-defined]
