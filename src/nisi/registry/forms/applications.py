"""Forms of applicants, assessors and the appeals commission, in the GOV.UK pattern; errors say what to do."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nisi.core.identifiers import is_latin_digits
from nisi.core.text import search_words
from nisi.forms import CheckboxSelectMultiple, GovukFormMixin, RadioSelect, date_field
from nisi.registry import rules
from nisi.registry.models import Evidence, WhollyProducedKind

REGION_CHOICES_EMPTY = [("", _("All regions"))]


MIN_NAME_WORD = 3


class RegisterSearchForm(GovukFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Name of the producer or the good"),
        help_text=_("Words of a name, or a product code or a BIN"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("Search with at most 200 characters: a few words of the name are enough")},
    )
    identifier = forms.RegexField(
        label=_("BIN or IIN"),
        regex=r"^[0-9]{12}$",
        required=False,
        error_messages={"invalid": _("Enter the 12 digits of the BIN or IIN")},
    )
    code = forms.RegexField(
        label=_("HS or TN VED code"),
        regex=r"^[0-9]{2,10}$",
        required=False,
        error_messages={"invalid": _("Enter 2 to 10 digits of the product code")},
    )
    region = forms.ChoiceField(label=_("Region"), required=False)
    on = date_field(_("In the register on"), required=False, help_text=_("Leave empty for today"))

    def __init__(self, *args: Any, regions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = REGION_CHOICES_EMPTY + regions  # type: ignore[attr-defined]

    def clean_q(self) -> str:
        q: str = self.cleaned_data["q"]
        words = search_words(q)
        # A word of one or two letters ("АО") is in most names: alone, it would list the whole register slowly.
        if words and all(len(w) < MIN_NAME_WORD and not is_latin_digits(w) for w in words):
            raise forms.ValidationError(
                _("Type at least %(n)d letters of a word of the name, or a product code or a BIN"),
                params={"n": MIN_NAME_WORD},
            )
        return q


class SiteForm(GovukFormMixin, forms.Form):
    site_kato = forms.RegexField(
        label=_("KATO code of the production site"),
        regex=r"^[0-9]{9}$",
        help_text=_("9 digits, for example 351010000"),
        error_messages={
            "invalid": _("Enter the 9-digit KATO code"),
            "required": _("Enter the KATO code of the production site"),
        },
    )
    site_address = forms.CharField(
        label=_("Address of the production site"),
        max_length=300,
        error_messages={"required": _("Enter the address of the production site")},
    )
    declared_conditions = forms.CharField(
        label=_("How the production conditions are met"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("The raw materials and components used, the tests of the goods, the documents held (IP-51-7.2)"),
    )


class GoodCodeForm(GovukFormMixin, forms.Form):
    hs_code = forms.RegexField(
        label=_("HS code of the good"),
        regex=r"^[0-9]{6}$",
        help_text=_("6 digits, for example 720810; or type a word of the good's name to find its code"),
        error_messages={
            "invalid": _("Enter the 6-digit HS code, or find the code by the good's name"),
            "required": _("Enter the HS code of the good"),
        },
    )


class CodeSearchForm(GovukFormMixin, forms.Form):
    q = forms.CharField(
        label=_("The good's name or the first digits of its code"),
        help_text=_("For example: steel, прокат, болат, or 7208"),
        max_length=100,
        error_messages={
            "required": _("Type a word of the good's name or the first digits of its code"),
            "max_length": _("Search with at most 100 characters: a word or two of the name is enough"),
        },
    )


class GoodForm(GovukFormMixin, forms.Form):
    hs_code = forms.CharField(widget=forms.HiddenInput, max_length=6)
    tnved_code = forms.RegexField(
        label=_("TN VED code (optional)"),
        regex=r"^[0-9]{10}$",
        required=False,
        help_text=_("10 digits, starting with the HS code"),
        error_messages={"invalid": _("Enter the 10-digit TN VED code")},
    )
    name_ru = forms.CharField(
        label=_("Name of the good (Russian)"),
        max_length=300,
        error_messages={"required": _("Enter the name of the good")},
    )
    name_kk = forms.CharField(label=_("Name of the good (Kazakh)"), max_length=300, required=False)
    annual_capacity = forms.DecimalField(
        label=_("Annual production capacity"),
        min_value=0,
        max_digits=16,
        decimal_places=3,
        error_messages={
            "required": _("Enter the annual production capacity"),
            "invalid": _("Enter a number, for example 12000"),
        },
    )
    unit = forms.CharField(
        label=_("Unit"),
        max_length=20,
        help_text=_("for example t, pcs, m"),
        error_messages={"required": _("Enter the unit of the capacity")},
    )
    declared_operations = forms.MultipleChoiceField(
        label=_("Production and technological operations you carry out"),
        required=False,
        widget=CheckboxSelectMultiple,
    )
    ex_works_cost = forms.DecimalField(
        label=_("Ex-works cost of a unit, tenge"), min_value=0, max_digits=18, decimal_places=2, required=False
    )
    foreign_materials_cost = forms.DecimalField(
        label=_("Cost of foreign materials in a unit, tenge"),
        min_value=0,
        max_digits=18,
        decimal_places=2,
        required=False,
    )
    wholly_produced = forms.BooleanField(label=_("The good is wholly produced in Kazakhstan (IP-51-3)"), required=False)
    wholly_produced_kind = forms.ChoiceField(
        label=_("Kind of good wholly produced"),
        choices=WhollyProducedKind.choices,
        required=False,
        widget=RadioSelect,
    )
    wholly_produced_basis = forms.CharField(label=_("Licence, contract or permit"), max_length=300, required=False)

    def __init__(self, *args: Any, operations: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["declared_operations"]
        # The mandatory operations first: the applicant reads at once which ones the good cannot go without.
        ordered = sorted(operations, key=lambda op: not op.get("mandatory"))
        field.choices = [  # type: ignore[attr-defined]
            (op["code"], f"{op['name']}" + (f" — {_('mandatory')}" if op.get("mandatory") else "")) for op in ordered
        ]
        field.widget.attrs["class"] = "govuk-checkboxes__input"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("wholly_produced") and not data.get("wholly_produced_kind"):
            self.add_error(
                "wholly_produced_kind",
                _("Choose the kind of good wholly produced: it decides how the production is verified (IP-51-3.1)"),
            )
        if not data.get("wholly_produced"):
            data["wholly_produced_kind"] = ""
        return data


class EvidenceForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("What the file is"), choices=Evidence.Kind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_("Video: MP4, WebM or AVI. Documents: PDF, JPEG or PNG."),
        error_messages={"required": _("Choose a file to upload")},
    )


class ConsentsForm(GovukFormMixin, forms.Form):
    personal_data = forms.BooleanField(
        required=False,
        label=_(
            "I consent to the collection and processing of information under the law on "
            "personal data and its protection (IP-51-1.2.1)"
        ),
    )
    site_access = forms.BooleanField(
        required=False,
        label=_(
            "I consent to give access to the production facility for production assessment and monitoring (IP-51-1.2.2)"
        ),
    )
    video_surveillance = forms.BooleanField(
        required=False,
        label=_(
            "I accept the obligation to install video surveillance at the production facility "
            "and give the authorized body remote access to it (IP-51-1.2.3)"
        ),
    )


class AssessmentForm(GovukFormMixin, forms.Form):
    evidence_sufficient = forms.ChoiceField(
        label=_("Is the evidence enough to assess the production?"),
        widget=RadioSelect,
        choices=[("yes", _("Yes")), ("no", _("No: an on-site inspection is needed (IP-51-1.5)"))],
        error_messages={"required": _("Say whether the evidence is enough")},
    )
    participants = forms.CharField(
        label=_("Industry agencies and associations taking part"), required=False, max_length=500
    )
    reasons = forms.CharField(
        label=_("Remarks on the assessment as a whole (optional)"),
        help_text=_("Each good not included has its own reasons above; these go with them to the applicant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class InspectionScheduleForm(GovukFormMixin, forms.Form):
    on = date_field(_("Date of the on-site inspection"))
    participants = forms.CharField(label=_("Participants"), required=False, max_length=500)


class InspectionReportForm(GovukFormMixin, forms.Form):
    report = forms.CharField(
        label=_("Production assessment report"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write the report of the inspection")},
    )
    reasons = forms.CharField(
        label=_("Remarks on the result as a whole (optional)"),
        help_text=_("Each good not included has its own reasons above; these go with them to the applicant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AppealForm(GovukFormMixin, forms.Form):
    grounds = forms.CharField(
        label=_("Your objection and its grounds"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("State your objection and its grounds")},
    )


class AppealDecisionForm(GovukFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        widget=RadioSelect,
        choices=[
            ("upheld", _("Uphold the objection")),
            ("partly_upheld", _("Uphold the objection in part")),
            ("refused", _("Refuse the objection")),
        ],
        error_messages={"required": _("Choose the decision")},
    )
    upheld_goods = forms.TypedMultipleChoiceField(
        label=_("Goods the objection is upheld for"),
        help_text=_("The producer is reinstated with these goods only; the others stay out of the register."),
        coerce=int,
        required=False,
        widget=CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose among the goods this removal took out of the register")},
    )
    not_upheld_reasons = forms.CharField(
        label=_("Why the objection is not upheld for the other goods"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    decision = forms.CharField(
        label=_("Written decision and its justification"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write the decision with its justification")},
    )

    def __init__(self, *args: Any, goods: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["upheld_goods"].choices = [  # type: ignore[attr-defined]
            (g.pk, f"{g.tnved_code or g.hs_code} {g.name_ru}") for g in goods
        ]

    def clean(self) -> dict[str, Any]:
        """A partial decision names at least one of the goods removed, not all of them, and why the others stay out
        (IP-51-5.5); the service checks the same again."""
        data = super().clean() or {}
        if data.get("outcome") != "partly_upheld":
            data["upheld_goods"], data["not_upheld_reasons"] = [], ""
            return data
        removed = [value for value, _label in self.fields["upheld_goods"].choices]  # type: ignore[attr-defined]
        problem = rules.partly_upheld_problem(removed, data.get("upheld_goods") or [])
        if len(removed) < 2:
            self.add_error(
                "upheld_goods",
                _("Only one good was removed with the record: uphold the objection or refuse it"),
            )
        elif problem == "no_goods" and "upheld_goods" not in self.errors:
            self.add_error("upheld_goods", _("Choose the goods the objection is upheld for"))
        elif problem == "all_goods":
            self.add_error(
                "upheld_goods",
                _("You chose every good: choose fewer, or uphold the objection fully"),
            )
        if not (data.get("not_upheld_reasons") or "").strip():
            self.add_error(
                "not_upheld_reasons", _("Say why the objection is not upheld for the goods you did not choose")
            )
        return data


class AppealStepForm(GovukFormMixin, forms.Form):
    step = forms.ChoiceField(choices=[("documents", "documents"), ("hearing", "hearing"), ("site_visit", "site_visit")])
    documents = forms.CharField(
        label=_("Documents requested"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    on = date_field(_("Date"), required=False)
