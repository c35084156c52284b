"""Forms of the participants area, in the GOV.UK pattern; errors say what to do."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nisi.astana_hub.models import ClusterActorCategory
from nisi.astana_hub.rules.participants import PRIORITY_DIRECTIONS, STATUS_DOCUMENTS
from nisi.core import identifiers
from nisi.forms import GovukFormMixin, date_field


class BinField(forms.CharField):
    """A BIN or IIN whose check digit is verified (DESIGN 10)."""

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        if not value:
            return ""
        try:
            return identifiers.validate(value)
        except identifiers.InvalidIdentifier as exc:
            raise forms.ValidationError(str(exc)) from None


class ParticipantSearchForm(GovukFormMixin, forms.Form):
    q = forms.CharField(
        label=_("BIN or name"),
        required=False,
        max_length=300,
        help_text=_("The whole BIN, its start, or part of the name"),
    )
    on = date_field(_("Participant on"), required=False, help_text=_("Leave empty for today"))


class PublicCheckForm(GovukFormMixin, forms.Form):
    bin = BinField(
        label=_("BIN"),
        max_length=14,
        help_text=_("12 digits"),
        error_messages={"required": _("Enter the BIN of the organization")},
    )
    on = date_field(_("On the date"), required=False, help_text=_("Leave empty for today"))


class SezImportForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label=_("CSV extract of the SEZ single register"),
        help_text=_(
            "Columns: bin, register_number, included_on, excluded_on, outside_territory, name (name only for an "
            "organization new to NISI). Dates as 2026-03-01 or 01.03.2026; comma or semicolon separated."
        ),
        error_messages={"required": _("Choose the CSV file to import")},
    )
    source = forms.CharField(
        label=_("Source of the extract"),
        max_length=200,
        required=False,
        help_text=_("For example: extract of the SEZ single register of 01.03.2026, letter No. 12-34"),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB; split it into smaller files."))
        return upload


def _organization_field(organizations: list[Any]) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Organization"),
        choices=[(str(o.pk), f"{o.name} ({o.identifier})") for o in organizations],
        error_messages={"required": _("Choose the organization"), "invalid_choice": _("Choose the organization")},
    )


class HubActorApplyForm(GovukFormMixin, forms.Form):
    organization = forms.ChoiceField()
    activity = forms.CharField(
        label=_("Innovative activity"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text=_("What your organization develops or provides, for whom, and what is new in it"),
        error_messages={"required": _("Describe the innovative activity your organization carries out.")},
    )
    priority_direction = forms.ChoiceField(
        label=_("Priority direction"),
        choices=PRIORITY_DIRECTIONS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the priority direction of your activity.")},
    )

    def __init__(self, *args: Any, organizations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"] = _organization_field(organizations)
        self.fields["organization"].widget.attrs["class"] = "govuk-select"


class ClusterActorApplyForm(GovukFormMixin, forms.Form):
    organization = forms.ChoiceField()
    category = forms.ChoiceField(
        label=_("Category (AH-7.2.2)"),
        choices=[("", _("Choose a category")), *ClusterActorCategory.choices],
        error_messages={"required": _("Choose the category of your organization")},
    )
    status_basis = forms.CharField(
        label=_("Document that gives the status"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Its kind, number, date and issuer, e.g. licence for educational activity No. KZ00LAA00012345"),
        error_messages={
            "required": _("Name the document that gives your organization its status: its kind, number and date.")
        },
    )
    innovation_activity = forms.CharField(
        label=_("Innovative activity"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required for a legal entity engaged in innovative activities"),
    )

    def __init__(self, *args: Any, organizations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"] = _organization_field(organizations)
        self.fields["organization"].widget.attrs["class"] = "govuk-select"

    @staticmethod
    def status_documents() -> list[tuple[str, str]]:
        return [(str(ClusterActorCategory(k).label), str(v)) for k, v in STATUS_DOCUMENTS.items()]


class ReasonsForm(GovukFormMixin, forms.Form):
    reasons = forms.CharField(
        label=_("Reasons"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The organization reads them in its personal account"),
        error_messages={"required": _("Give the reasons for the decision")},
    )


class EndForm(ReasonsForm):
    """Termination of a registration or exclusion from the list: the reasons and the date it takes effect."""

    ends_on = date_field(
        _("Takes effect on"), required=False, help_text=_("Leave empty for today. Not a date in the past.")
    )


class ClusterListForm(GovukFormMixin, forms.Form):
    q = forms.CharField(label=_("BIN or name"), required=False, max_length=300)
    on = date_field(_("On the list on"), required=False, help_text=_("Leave empty for today"))
