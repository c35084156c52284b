"""Forms of the infrastructure register and of the selection of territorial clusters, in the GOV.UK pattern."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nisi.forms import GovukFormMixin, date_field
from nisi.infrastructure.models import Kind

_KATO = {"class": "govuk-input--width-10", "inputmode": "numeric"}


def _kato() -> forms.RegexField:
    return forms.RegexField(
        label=_("KATO code of the site"),
        regex=r"^[0-9]{9}$",
        help_text=_("9 digits, for example 751210000"),
        widget=forms.TextInput(attrs=_KATO),
        error_messages={"required": _("Enter the KATO code of the site"), "invalid": _("A KATO code has 9 digits")},
    )


def _participants() -> forms.CharField:
    return forms.CharField(
        label=_("Participants of the cluster (BIN)"),
        required=False,
        help_text=_("For a cluster: the BIN of each participant besides the cluster organization, one a line"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def participants_of(text: str) -> list[str]:
    return [line.strip() for line in text.replace(",", "\n").splitlines() if line.strip()]


class IncludeForm(GovukFormMixin, forms.Form):
    """The authorized body includes an element of the infrastructure (IP-17)."""

    kind = forms.ChoiceField(
        label=_("Kind (IP-17)"), choices=Kind.choices, error_messages={"required": _("Choose the kind")}
    )
    identifier = forms.CharField(
        label=_("BIN of the organization"),
        max_length=20,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "inputmode": "numeric"}),
        error_messages={"required": _("Enter the organization's BIN: 12 digits")},
    )
    organization_name = forms.CharField(
        label=_("Registered name of the organization"),
        max_length=300,
        required=False,
        help_text=_("Only if the nisi does not know this BIN yet"),
    )
    name = forms.CharField(
        label=_("Name of the element"),
        max_length=300,
        help_text=_("The park, the centre, the bureau or the cluster"),
        error_messages={"required": _("Enter the element's name")},
    )
    kato = _kato()
    included_on = date_field(_("Date of the decision to include"), required=False, help_text=_("Today if left empty"))
    basis_reference = forms.CharField(
        label=_("Decision"), max_length=300, required=False, help_text=_("Its number and date; for IP-17.12 the act")
    )
    specialization = forms.CharField(label=_("Industry specialization (clusters)"), max_length=300, required=False)
    participants = _participants()

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["participants"] = participants_of(data.get("participants") or "")
        return data


class DecisionForm(GovukFormMixin, forms.Form):
    """Suspend, resume or exclude an entry, dated, with reasons."""

    decision = forms.ChoiceField(label=_("Decision"), error_messages={"required": _("Choose the decision")})
    on = date_field(_("Date of the decision"), required=False, help_text=_("Today if left empty"))
    reasons = forms.CharField(
        label=_("Reasons"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reasons: the organization reads them in its personal account")},
    )

    def __init__(self, *args: Any, decisions: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = decisions  # type: ignore[attr-defined]


class ClusterApplicationForm(GovukFormMixin, forms.Form):
    """A cluster organization's application in the competitive selection (IP-40.1, IP-40.2)."""

    cluster_name = forms.CharField(
        label=_("Name of the territorial cluster"), max_length=300, error_messages={"required": _("Enter its name")}
    )
    specialization = forms.CharField(
        label=_("Industry specialization"),
        max_length=300,
        error_messages={"required": _("Enter the cluster's industry specialization")},
    )
    kato = _kato()
    participants = _participants()
    development_plan = forms.CharField(
        label=_("Development plan"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Describe the cluster's development plan")},
    )
    requested_amount = forms.DecimalField(
        label=_("Support requested, tenge"),
        min_value=Decimal("0.01"),
        max_digits=16,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
        error_messages={"required": _("Enter the support requested"), "invalid": _("Enter an amount in tenge")},
    )
    plan_starts_on = date_field(_("The plan starts on"))
    plan_ends_on = date_field(_("The plan ends on"))

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["participants"] = participants_of(data.get("participants") or "")
        return data
