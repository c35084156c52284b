"""Forms of the incentives in the GOV.UK pattern (errors linked from the summary, answers kept)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nisi.core.financing import forms as financing_forms
from nisi.core.identifiers import is_latin_digits
from nisi.forms import GovukFormMixin, date_field
from nisi.incentives.models import Assessment, Purpose
from nisi.incentives.rules.counter_obligations import AREA_LABELS, Area

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
PRODUCTIVITY_COSTS = [
    ("competence", _("Increasing the competence of employees")),
    ("digital", _("Introduction of digital technologies")),
    ("processes", _("Improvement of technological processes")),
    ("organization", _("Increasing the efficiency of the organization of production")),
]
CLUSTER_BASES = [
    ("competitive_selection", _("The results of the competitive selection of territorial clusters")),
    ("cluster_register", _("The register of territorial clusters")),
]
RESTRUCTURING_FORMS = [
    ("schedule_change", _("Changing the payment schedule")),
    ("claims_terminated", _("Terminating rights (claims) in whole or in part")),
    ("penalties_cancelled", _("Cancelling penalties, fines and remuneration")),
    ("terms_changed", _("Changing the terms of investment, lending or financing")),
    ("debt_to_capital", _("Converting debt into authorized capital")),
    ("other_lawful", _("Another way the legislation provides")),
]


class ApplicationForm(GovukFormMixin, forms.Form):
    measures = forms.MultipleChoiceField(
        label=_("Measures you apply for"),
        help_text=_("Only measures that take applications today are listed; choose one or several."),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one measure")},
    )
    project = forms.CharField(
        label=_("The project"),
        max_length=300,
        error_messages={"required": _("Describe the project"), "max_length": _("Use at most 300 characters")},
    )
    purpose = forms.ChoiceField(
        label=_("What the project does"),
        choices=Purpose.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the project does")},
    )
    hs_codes = forms.CharField(
        label=_("HS codes of the goods the project produces"),
        help_text=_("4 to 10 digits each, separated by commas, for example 870421, 730429"),
        max_length=600,
        error_messages={"required": _("Give the HS codes of the goods")},
    )
    counter_obligations_accepted = forms.BooleanField(
        label=_("We accept counter-obligations (IP-27): labour productivity, export-oriented output, domestic market"),
        required=False,
    )
    productivity_costs = forms.MultipleChoiceField(
        label=_("For labour productivity measures: the costs (IP-39.2)"),
        choices=PRODUCTIVITY_COSTS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    cluster_basis = forms.ChoiceField(
        label=_("For territorial cluster measures: the basis (IP-40.1)"),
        choices=CLUSTER_BASES,
        widget=forms.RadioSelect,
        required=False,
    )
    restructuring_forms = forms.MultipleChoiceField(
        label=_("For debt restructuring: the forms (IP-41.2)"),
        choices=RESTRUCTURING_FORMS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, measures: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measures"].choices = measures  # type: ignore[attr-defined]

    def clean_hs_codes(self) -> list[str]:
        return [c.strip() for c in self.cleaned_data["hs_codes"].split(",") if c.strip()]

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "measure_codes": data["measures"],
            "project": data["project"],
            "purpose": data["purpose"],
            "hs_codes": data["hs_codes"],
            "counter_obligations_accepted": data["counter_obligations_accepted"],
            "details": {
                "productivity_costs": data.get("productivity_costs") or [],
                "cluster_basis": data.get("cluster_basis") or "",
                "restructuring_forms": data.get("restructuring_forms") or [],
            },
        }


def _criterion(label: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=Assessment.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Assess this criterion")},
    )


class AssessForm(GovukFormMixin, forms.Form):
    innovativeness = _criterion(_("Innovativeness (IP-25.4.1)"))
    competitiveness = _criterion(_("Competitiveness (IP-25.4.2)"))
    scale = _criterion(_("Scale (IP-25.4.3)"))
    export_orientation = _criterion(_("Export orientation (IP-25.4.4)"))
    labour_productivity = _criterion(_("Labour productivity (IP-25.4.5)"))


class DeclineForm(GovukFormMixin, forms.Form):
    reasons = forms.CharField(
        label=_("Reasons for the refusal"),
        help_text=_("The entity reads them in its personal account."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        error_messages={"required": _("Give the reasons for the refusal")},
    )


class PrecheckForm(GovukFormMixin, forms.Form):
    bin = forms.CharField(
        label=_("BIN of the entity"),
        min_length=12,
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-20"}),
        error_messages={
            "required": _("Enter the BIN"),
            "min_length": _("Enter the BIN as 12 digits"),
            "max_length": _("Enter the BIN as 12 digits"),
        },
    )

    def clean_bin(self) -> str:
        value: str = self.cleaned_data["bin"].strip()
        if not is_latin_digits(value):
            raise forms.ValidationError(_("Enter the BIN as 12 digits"))
        return value


class PriorityUploadForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "Columns: hs_code, name, level (medium or high), technological_complexity, export_potential, "
            "domestic_market_potential."
        ),
        error_messages={"required": _("Choose the file to upload")},
    )
    in_force_from = date_field(_("In force from"), _("Enter the day the version comes into force"))
    basis = forms.CharField(
        label=_("The act approving the version"),
        max_length=300,
        error_messages={"required": _("Name the act approving the version")},
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file must be smaller than 5 MB; split it."))
        return upload


# --- Industrial grants (IP-42): the core's financing forms (ADR 27) with what the grants add ---

TARGET_ROWS = 3


class GrantApplicationForm(financing_forms.ApplicationForm):
    """The core's application with the applicant's own contribution (co-financing, IP-42.2)."""

    own_contribution = financing_forms.money_field(
        _("Your own contribution to the project, tenge"),
        help_text=_("Industrial grants are given through co-financing: you finance a share of the project yourself."),
    )


class GrantAgreementForm(financing_forms.AgreementForm):
    """The core's agreement with tranches, and the recipient's counter-obligations: yearly targets in the areas of
    IP-27.3."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        areas = [("", _("Choose an area")), *((a.value, AREA_LABELS[a]) for a in Area)]
        for i in range(1, TARGET_ROWS + 1):
            self.fields[f"target_{i}_area"] = forms.ChoiceField(
                label=_("Counter-obligation %(i)s: area") % {"i": i}, choices=areas, required=False
            )
            self.fields[f"target_{i}_year"] = forms.IntegerField(
                label=_("Counter-obligation %(i)s: year") % {"i": i},
                required=False,
                min_value=2000,
                max_value=2100,
                widget=forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
                error_messages={"invalid": _("Enter the year as four digits, for example 2027")},
            )
            self.fields[f"target_{i}_target"] = forms.DecimalField(
                label=_("Counter-obligation %(i)s: target") % {"i": i},
                required=False,
                max_digits=18,
                decimal_places=2,
                widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal"}),
                error_messages={"invalid": _("Enter the target as a number, for example 12.5")},
            )

    def target_rows(self) -> list[tuple[Any, Any, Any]]:
        return [
            (self[f"target_{i}_area"], self[f"target_{i}_year"], self[f"target_{i}_target"])
            for i in range(1, TARGET_ROWS + 1)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        rows = []
        for i in range(1, TARGET_ROWS + 1):
            area, year, target = (data.get(f"target_{i}_{k}") for k in ("area", "year", "target"))
            if not area and year is None and target is None:
                continue
            if not area or year is None or target is None:
                self.add_error(
                    f"target_{i}_area", _("Give counter-obligation %(i)s its area, year and target") % {"i": i}
                )
                continue
            rows.append({"area": area, "year": year, "target": target})
        if not rows and not self.errors:
            self.add_error("target_1_area", _("Record at least one counter-obligation"))
        data["counter_obligations"] = rows
        return data


class AccountReceiveForm(GovukFormMixin, forms.Form):
    amount = financing_forms.money_field(_("Budget funds received, tenge"))
    received_on = date_field(_("Received on"))
    document_reference = forms.CharField(
        label=_("Payment document"),
        max_length=100,
        error_messages={"required": _("Enter the number of the payment document")},
    )
