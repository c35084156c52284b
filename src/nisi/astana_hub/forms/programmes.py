"""Forms of the Fund's programmes (AH-8-1.5-1, 5-5, 5-8), in the GOV.UK pattern."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from nisi.astana_hub.models import CohortMember, Invitation, Programme
from nisi.core.validation import max_length
from nisi.forms import GovukFormMixin, date_field


class ProgrammeForm(GovukFormMixin, forms.Form):
    code = forms.SlugField(
        label=_("Code"),
        max_length=40,
        help_text=_("Latin letters, digits and hyphens, for example startup-accel"),
        error_messages={"required": _("Enter a code"), "invalid": _("Use Latin letters, digits and hyphens only")},
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=Programme.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose acceleration or incubation")},
    )
    title = forms.CharField(label=_("Title"), max_length=300, error_messages={"required": _("Enter the title")})
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    provides_housing = forms.BooleanField(label=_("Provides housing during acceleration (AH-8-1.5-8)"), required=False)


class CohortForm(GovukFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Name of the cohort"), max_length=100, error_messages={"required": _("Enter a name")}
    )
    starts_on = date_field(_("Starts on"))
    ends_on = date_field(_("Ends on"))
    capacity = forms.IntegerField(
        label=_("Places"),
        min_value=1,
        max_value=1000,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={
            "required": _("Enter the number of places"),
            "invalid": _("Enter a whole number of places"),
            "min_value": _("A cohort has at least one place"),
            "max_value": _("Enter at most 1000 places"),
        },
    )


class MemberForm(GovukFormMixin, forms.Form):
    full_name = forms.CharField(
        label=_("Full name"), max_length=250, error_messages={"required": _("Enter the full name")}
    )
    citizenship = forms.RegexField(
        label=_("Citizenship"),
        regex=r"^[A-Za-z]{3}$",
        help_text=_("Three-letter country code, for example KAZ or UZB"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4"}),
        error_messages={"required": _("Enter the citizenship"), "invalid": _("Enter a three-letter country code")},
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=max_length(CohortMember, "email"),  # the column's 254, not the form field's default 320
        error_messages={"required": _("Enter the e-mail"), "invalid": _("Enter a real e-mail address")},
    )
    project_title = forms.CharField(
        label=_("Project"), max_length=300, error_messages={"required": _("Enter the title of the project")}
    )


class HousingForm(GovukFormMixin, forms.Form):
    member = forms.TypedChoiceField(
        label=_("Person"), coerce=int, error_messages={"required": _("Choose the person to house")}
    )
    address = forms.CharField(label=_("Address"), max_length=300, error_messages={"required": _("Enter the address")})
    room = forms.CharField(
        label=_("Room"),
        max_length=40,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={"required": _("Enter the room")},
    )
    from_date = date_field(_("From"))
    until_date = date_field(_("Until"))

    def __init__(self, *args: object, members: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [("", _("Choose a person")), *members]  # type: ignore[attr-defined]


class InvitationForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=Invitation.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the kind of invitation")},
    )
    full_name = forms.CharField(
        label=_("Full name (as in the passport)"), max_length=250, error_messages={"required": _("Enter the full name")}
    )
    citizenship = forms.CharField(
        label=_("Citizenship"),
        max_length=3,
        required=False,
        help_text=_("Three-letter country code, for example UZB; leave empty for a stateless person"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4"}),
    )
    stateless = forms.BooleanField(label=_("Stateless person"), required=False)
    passport_number = forms.CharField(
        label=_("Passport or travel document number"),
        max_length=30,
        required=False,
        help_text=_("Required for a visa invitation"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
