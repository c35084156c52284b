"""Forms of financing by call (ADR 27), in the GOV.UK pattern: errors say what to do, answers are kept. Every
scheme's pages use them: the call with its criteria, the application, the expert's assignment, declaration and
scores, the agreement with its tranches, the payment, the report, its assessment and the termination."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nisi.core.financing.models import MonitoringReportBase
from nisi.core.financing.rules import Criterion
from nisi.forms import GovukFormMixin, date_field

CRITERIA_ROWS = 5
TRANCHE_ROWS = 6


def money_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=16,
        decimal_places=2,
        help_text=help_text,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal"}),
        error_messages={
            "required": _("Enter the amount in tenge"),
            "invalid": _("Enter the amount in tenge, for example 25000000.00"),
            "max_decimal_places": _("Enter the amount with no more than 2 decimal places"),
            "max_digits": _("Enter a smaller amount"),
            "max_whole_digits": _("Enter a smaller amount"),
        },
    )


def _text(
    label: Any, *, rows: int = 0, required: bool = True, max_length: int | None = None, **kw: Any
) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(label=label, required=required, max_length=max_length, widget=widget, **kw)


class CallForm(GovukFormMixin, forms.Form):
    title = _text(_("Title of the call"), max_length=300, error_messages={"required": _("Enter the title of the call")})
    description = _text(_("What the call finances"), rows=4, required=False)
    opens_on = date_field(_("Opens on"))
    closes_on = date_field(_("Closes on"), help_text=_("The last day applications are taken"))
    budget = money_field(_("Budget of the call, tenge"))
    max_per_project = money_field(_("Ceiling per project, tenge"))
    pass_score = forms.DecimalField(
        label=_("Pass score (0–100)"),
        max_digits=5,
        decimal_places=2,
        min_value=Decimal(0),
        max_value=Decimal(100),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "decimal"}),
        error_messages={
            "required": _("Enter the pass score"),
            "invalid": _("Enter the pass score as a number from 0 to 100"),
            "min_value": _("Enter the pass score as a number from 0 to 100"),
            "max_value": _("Enter the pass score as a number from 0 to 100"),
        },
    )
    experts_per_application = forms.IntegerField(
        label=_("Independent experts per application"),
        min_value=1,
        max_value=9,
        initial=3,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-2"}),
        error_messages={
            "required": _("Enter how many experts assess each application"),
            "invalid": _("Enter a whole number from 1 to 9"),
            "min_value": _("Enter a whole number from 1 to 9"),
            "max_value": _("Enter a whole number from 1 to 9"),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(1, CRITERIA_ROWS + 1):
            self.fields[f"criterion_{i}_title"] = forms.CharField(
                label=_("Criterion %(i)s") % {"i": i}, max_length=300, required=False
            )
            self.fields[f"criterion_{i}_weight"] = forms.DecimalField(
                label=_("Weight of criterion %(i)s, %%") % {"i": i},
                required=False,
                max_digits=5,
                decimal_places=2,
                widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "decimal"}),
                error_messages={"invalid": _("Enter the weight as a number, for example 25")},
            )
            self.fields[f"criterion_{i}_max"] = forms.IntegerField(
                label=_("Maximum score of criterion %(i)s") % {"i": i},
                required=False,
                min_value=1,
                max_value=100,
                widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
                error_messages={
                    "invalid": _("Enter a whole number from 1 to 100"),
                    "min_value": _("Enter a whole number from 1 to 100"),
                    "max_value": _("Enter a whole number from 1 to 100"),
                },
            )

    def criterion_rows(self) -> list[tuple[Any, Any, Any]]:
        return [
            (self[f"criterion_{i}_title"], self[f"criterion_{i}_weight"], self[f"criterion_{i}_max"])
            for i in range(1, CRITERIA_ROWS + 1)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        criteria: list[Criterion] = []
        for i in range(1, CRITERIA_ROWS + 1):
            title, weight, maximum = (data.get(f"criterion_{i}_{k}") for k in ("title", "weight", "max"))
            if not title:
                continue
            if weight is None:
                self.add_error(f"criterion_{i}_weight", _("Enter the weight of criterion %(i)s") % {"i": i})
                continue
            criteria.append(Criterion(code=f"c{i}", title=title, weight=weight, max_score=maximum or 10))
        if not criteria and not self.errors:
            self.add_error("criterion_1_title", _("Enter at least one scoring criterion"))
        data["criteria"] = criteria
        return data

    def call_data(self) -> dict[str, Any]:
        keys = ("title", "description", "opens_on", "closes_on", "budget", "max_per_project", "pass_score")
        return {
            **{k: self.cleaned_data[k] for k in keys},
            "experts_per_application": self.cleaned_data["experts_per_application"],
            "criteria": self.cleaned_data["criteria"],
        }


class ApplicationForm(GovukFormMixin, forms.Form):
    project_title = _text(
        _("Title of the project"), max_length=300, error_messages={"required": _("Enter the title of the project")}
    )
    project_summary = _text(
        _("About the project"),
        rows=6,
        help_text=_("Its aims, activities, team and expected results"),
        error_messages={"required": _("Describe the project")},
    )
    requested_amount = money_field(_("Amount requested, tenge"))
    project_starts_on = date_field(_("The project starts on"))
    project_ends_on = date_field(_("The project ends on"))


class AssignForm(GovukFormMixin, forms.Form):
    expert = forms.TypedChoiceField(
        label=_("Independent expert"),
        coerce=int,
        error_messages={"required": _("Choose an expert"), "invalid_choice": _("Choose an expert from the list")},
    )

    def __init__(self, *args: Any, experts: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expert"].choices = [("", _("Choose an expert")), *experts]  # type: ignore[attr-defined]


class DeclarationForm(GovukFormMixin, forms.Form):
    conflict = forms.ChoiceField(
        label=_("Do you have a conflict of interest with this applicant or project?"),
        choices=[("no", _("No, I have no conflict of interest")), ("yes", _("Yes, I have a conflict of interest"))],
        widget=forms.RadioSelect,
        help_text=_(
            "For example: you work or worked for the applicant, hold a stake in it, or are related to its team."
        ),
        error_messages={"required": _("Say whether you have a conflict of interest")},
    )
    details = _text(_("If yes, describe the conflict"), rows=3, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("conflict") == "yes" and not (data.get("details") or "").strip():
            self.add_error("details", _("Describe the conflict of interest"))
        return data


class ScoreForm(GovukFormMixin, forms.Form):
    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for c in criteria:
            message = _("Score “%(title)s” with a whole number from 0 to %(max)s") % {
                "title": c.title,
                "max": c.max_score,
            }
            self.fields[f"score_{c.code}"] = forms.IntegerField(
                label=_("%(title)s (weight %(weight)s%%, 0 to %(max)s)")
                % {"title": c.title, "weight": format(c.weight.normalize(), "f"), "max": c.max_score},
                min_value=0,
                max_value=c.max_score,
                widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
                error_messages={"required": message, "invalid": message, "min_value": message, "max_value": message},
            )
        self.fields["comment"] = _text(
            _("Reasons for your scores"), rows=5, error_messages={"required": _("Give the reasons for your scores")}
        )

    def scores(self) -> dict[str, int]:
        return {c.code: self.cleaned_data[f"score_{c.code}"] for c in self.criteria}


class AgreementForm(GovukFormMixin, forms.Form):
    signed_on = date_field(_("Signed on"))
    ends_on = date_field(_("Ends on"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(1, TRANCHE_ROWS + 1):
            self.fields[f"tranche_{i}_on"] = date_field(_("Tranche %(i)s: planned on") % {"i": i}, required=False)
            self.fields[f"tranche_{i}_amount"] = money_field(
                _("Tranche %(i)s: amount, tenge") % {"i": i}, required=False
            )
            self.fields[f"tranche_{i}_condition"] = forms.CharField(
                label=_("Tranche %(i)s: milestone it depends on") % {"i": i}, max_length=300, required=False
            )

    def tranche_rows(self) -> list[tuple[Any, Any, Any]]:
        return [
            (self[f"tranche_{i}_on"], self[f"tranche_{i}_amount"], self[f"tranche_{i}_condition"])
            for i in range(1, TRANCHE_ROWS + 1)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        tranches = []
        for i in range(1, TRANCHE_ROWS + 1):
            on, amount, condition = (data.get(f"tranche_{i}_{k}") for k in ("on", "amount", "condition"))
            if on is None and amount is None:
                continue
            if on is None:
                self.add_error(f"tranche_{i}_on", _("Enter the date of tranche %(i)s") % {"i": i})
            elif amount is None:
                self.add_error(f"tranche_{i}_amount", _("Enter the amount of tranche %(i)s") % {"i": i})
            else:
                tranches.append((on, amount, condition or ""))
        if not tranches and not self.errors:
            self.add_error("tranche_1_on", _("Plan at least one tranche"))
        data["tranches"] = tranches
        return data


class TranchePayForm(GovukFormMixin, forms.Form):
    paid_on = date_field(_("Paid on"))
    document_reference = _text(
        _("Payment order"), max_length=100, error_messages={"required": _("Enter the number of the payment order")}
    )


class ReportForm(GovukFormMixin, forms.Form):
    period_start = date_field(_("Period from"))
    period_end = date_field(_("Period to"))
    progress = _text(
        _("What the project achieved"), rows=5, error_messages={"required": _("Describe what the project achieved")}
    )
    spent = money_field(_("Spent in the period, tenge"))


class AssessForm(GovukFormMixin, forms.Form):
    assessment = forms.ChoiceField(
        label=_("Assessment"),
        choices=MonitoringReportBase.Assessment.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the assessment")},
    )
    notes = _text(_("Notes for the recipient"), rows=3, required=False)


class TerminateForm(GovukFormMixin, forms.Form):
    reasons = _text(
        _("Reasons for termination"), rows=4, error_messages={"required": _("Give the reasons for terminating")}
    )
