"""Forms of the workers area (foreign workers, family members, visas, submissions) in the GOV.UK pattern: each
error says what to do; the services check everything again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nisi.astana_hub.models import FamilyMember, QualificationDocument, SubmissionRecipient, SubmissionSchedule
from nisi.astana_hub.rules.workers import FIELD_CATALOGUE
from nisi.core.models import Organization
from nisi.forms import GovukFormMixin, date_field

DATE_HINT = _("For example 2026-03-01")


def _text(label: Any, max_length: int, message: Any, *, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        help_text=help_text,
        error_messages={
            "required": message,
            "max_length": _("Shorten this answer to %(limit_value)d characters or fewer"),
        },
    )


def _choice(label: Any, choices: Any, message: Any, widget: Any = forms.RadioSelect) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices, widget=widget, error_messages={"required": message})


class WorkerForm(GovukFormMixin, forms.Form):
    employer = forms.ChoiceField(
        label=_("Employer"),
        help_text=_("The Astana Hub Fund or an Astana Hub actor on the first day of employment (AH-7-1.3)"),
        error_messages={"required": _("Choose the employer"), "invalid_choice": _("Choose the employer from the list")},
    )
    surname = _text(_("Surname"), 100, _("Enter the surname"), help_text=_("As in the passport, in Latin letters"))
    given_names = _text(_("Given names"), 150, _("Enter the given names"))
    date_of_birth = date_field(_("Date of birth"), _("Enter the date of birth"), help_text=DATE_HINT)
    stateless = forms.BooleanField(label=_("Stateless person"), required=False)
    citizenship = forms.CharField(
        label=_("Citizenship"),
        required=False,
        max_length=3,
        help_text=_("Three-letter country code (ISO 3166-1 alpha-3), e.g. DEU, IND, TUR; empty for a stateless person"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "autocomplete": "off"}),
    )
    passport_number = _text(_("Passport number"), 30, _("Enter the passport number"))
    passport_valid_until = date_field(_("Passport valid until"), _("Enter the date the passport is valid until"))
    position = _text(_("Position"), 200, _("Enter the position"))
    employed_from = date_field(
        _("Employed from"), _("Enter the first day of employment"), help_text=_("The first day of employment")
    )

    def __init__(self, *args: Any, employers: list[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.employers = {str(o.pk): o for o in employers}
        field = self.fields["employer"]
        field.choices = [(str(o.pk), f"{o.name} ({o.identifier})") for o in employers]  # type: ignore[attr-defined]
        field.widget.attrs["class"] = "govuk-select"
        if len(employers) == 1:
            field.initial = str(employers[0].pk)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("stateless") and not (data.get("citizenship") or "").strip():
            self.add_error("citizenship", _("Enter the citizenship, or tick 'Stateless person'"))
        return data

    def employer_org(self) -> Organization:
        return self.employers[self.cleaned_data["employer"]]

    def person(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "employer"}


class QualificationForm(GovukFormMixin, forms.Form):
    kind = _choice(_("What is the document"), QualificationDocument.Kind.choices, _("Choose what the document is"))
    title = _text(
        _("Title of the document"),
        300,
        _("Enter the title of the document"),
        help_text=_("e.g. Master of Science in Computer Science"),
    )
    issuer = _text(_("Issued by"), 300, _("Enter who issued the document"))
    issued_on = date_field(_("Date of issue"), _("Enter the date of issue"))
    file = forms.FileField(
        label=_("The document"),
        help_text=_("A PDF, JPEG or PNG scan"),
        error_messages={"required": _("Choose the file to upload"), "empty": _("The file is empty")},
    )


class FamilyMemberForm(GovukFormMixin, forms.Form):
    relation = _choice(_("Relation to the worker"), FamilyMember.Relation.choices, _("Choose the relation"))
    surname = _text(_("Surname"), 100, _("Enter the surname"))
    given_names = _text(_("Given names"), 150, _("Enter the given names"))
    date_of_birth = date_field(_("Date of birth"), _("Enter the date of birth"))
    citizenship = forms.CharField(
        label=_("Citizenship"),
        required=False,
        max_length=3,
        help_text=_("Three-letter country code; empty for a stateless person"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4"}),
    )
    passport_number = _text(_("Passport number"), 30, _("Enter the passport number"))
    dependency_document = forms.FileField(
        label=_("Document confirming dependency"),
        required=False,
        help_text=_("Required for a dependant (AH-7-1.2): a PDF, JPEG or PNG"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("relation") == FamilyMember.Relation.DEPENDANT and not data.get("dependency_document"):
            self.add_error(
                "dependency_document",
                _("Upload the document confirming dependency: a dependant needs it for the visa (AH-7-1.2)"),
            )
        return data


class VisaForm(GovukFormMixin, forms.Form):
    holder = forms.ChoiceField(label=_("Whose visa"), error_messages={"required": _("Choose whose visa it is")})
    visa_number = _text(_("Visa number"), 30, _("Enter the visa number"))
    issued_on = date_field(_("Date of issue"), _("Enter the date of issue"))
    valid_from = date_field(_("Valid from"), _("Enter the first day of validity"))
    valid_until = date_field(
        _("Valid until"), _("Enter the last day of validity"), help_text=_("Up to five years (AH-7-1.2)")
    )

    def __init__(self, *args: Any, holders: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["holder"].choices = holders  # type: ignore[attr-defined]
        self.fields["holder"].widget.attrs["class"] = "govuk-select"


class ExtensionRequestForm(GovukFormMixin, forms.Form):
    requested_until = date_field(
        _("Extend until"),
        _("Enter the date to extend the visa until"),
        help_text=_("Up to five years from the day after the visa ends (AH-7-1.2, AH-7-1.5)"),
    )


class ExtensionRecordForm(GovukFormMixin, forms.Form):
    visa_number = _text(_("Number of the extended visa"), 30, _("Enter the number of the extended visa"))
    issued_on = date_field(_("Date of issue"), _("Enter the date of issue"))
    valid_until = date_field(_("Valid until"), _("Enter the last day of validity"))


class EndEmploymentForm(GovukFormMixin, forms.Form):
    employed_until = date_field(_("Last day of employment"), _("Enter the last day of employment"))


class ScheduleForm(GovukFormMixin, forms.Form):
    recipient = _choice(_("Recipient"), SubmissionRecipient.choices, _("Choose the recipient"))
    frequency = _choice(_("How often"), SubmissionSchedule.Frequency.choices, _("Choose how often"))
    file_format = _choice(_("File format"), SubmissionSchedule.Format.choices, _("Choose the file format"))
    submitted_fields = forms.MultipleChoiceField(
        label=_("Information submitted for each person"),
        choices=[(f.key, f.label) for f in FIELD_CATALOGUE],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only these fields are put in the file, in this order (AH-7-1.3)"),
        error_messages={"required": _("Choose at least one field")},
    )
    due_days_after_period = forms.IntegerField(
        label=_("Due within (working days after the period ends)"),
        min_value=1,
        max_value=60,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={
            "required": _("Enter the number of working days"),
            "invalid": _("Enter a whole number of working days"),
            "min_value": _("Enter 1 to 60 working days"),
            "max_value": _("Enter 1 to 60 working days"),
        },
    )
    applies_from = date_field(
        _("Applies from"),
        _("Enter the date the schedule applies from"),
        help_text=_("The first day of a period, e.g. 2026-01-01"),
    )
    basis = _text(
        _("Basis"),
        300,
        _("Name the act that sets the schedule"),
        help_text=_("The act of the IT development authority that sets it, with its number and date"),
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["recipient"].disabled = True
            self.fields["recipient"].required = False


class PrepareForm(GovukFormMixin, forms.Form):
    recipient = _choice(_("Recipient"), SubmissionRecipient.choices, _("Choose the recipient"))
    period_start = date_field(
        _("Period from"),
        _("Enter the first day of the period"),
        help_text=_("The first day of a period of the recipient's schedule"),
    )
    period_end = date_field(_("Period to"), _("Enter the last day of the period"), help_text=_("Its last day"))


class SendForm(GovukFormMixin, forms.Form):
    channel_reference = _text(
        _("Outgoing number or gateway message id"),
        100,
        _("Enter the outgoing number or the gateway message id"),
        help_text=_("How the file was sent: the letter's outgoing number or the e-government gateway's message id"),
    )
