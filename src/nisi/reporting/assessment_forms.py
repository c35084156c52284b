"""The GOV.UK forms of the administrative data forms (IP-6.1, IP-6.3): a new form, a version's fields, its
approval, the filers, and a return built from the version's own fields."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nisi.forms import GovukFormMixin, date_field
from nisi.reporting.models import FormPurpose, Periodicity
from nisi.reporting.rules.assessment import FIRST_YEAR, Field, fields_of


class NewFormForm(GovukFormMixin, forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40, error_messages={"required": _("Give the form a code")})
    title = forms.CharField(label=_("Title"), max_length=300, error_messages={"required": _("Give the form a title")})
    purpose = forms.ChoiceField(label=_("Purpose"), choices=FormPurpose.choices, widget=forms.RadioSelect)
    periodicity = forms.ChoiceField(label=_("Period"), choices=Periodicity.choices, widget=forms.RadioSelect)


class FieldsForm(GovukFormMixin, forms.Form):
    fields_json = forms.CharField(
        label=_("Fields"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "One field per line: code;kind;required;label in Kazakh;label in Russian;label in English — kind is "
            "integer, amount, number or text; required is yes or no."
        ),
        error_messages={"required": _("Give at least one field")},
    )

    def clean_fields_json(self) -> list[Field]:
        text: str = self.cleaned_data["fields_json"]
        out: list[Field] = []
        for n, line in enumerate(t for t in text.splitlines() if t.strip()):
            parts = [p.strip() for p in line.split(";")]
            if len(parts) < 5:
                raise forms.ValidationError(
                    _("Line %(n)s: write code;kind;required;Kazakh;Russian;English.") % {"n": n + 1}
                )
            code, kind, required, kk, ru, *rest = parts
            out.append(
                Field(
                    code,
                    kind,
                    required.lower() in ("yes", "y", "1", "true", "иә", "да"),
                    {"kk": kk, "ru": ru, "en": rest[0] if rest else ""},
                )
            )
        return out

    @staticmethod
    def text_of(stored: list[dict[str, Any]]) -> str:
        return "\n".join(
            ";".join(
                [
                    f.code,
                    f.kind,
                    "yes" if f.required else "no",
                    f.label.get("kk", ""),
                    f.label.get("ru", ""),
                    f.label.get("en", ""),
                ]
            )
            for f in fields_of(stored)
        )


class ApproveForm(GovukFormMixin, forms.Form):
    in_force_from = date_field(label=_("In force from"))
    statistics_agreement = forms.CharField(
        label=_("Agreement of the authorized body in the field of state statistics"),
        max_length=300,
        help_text=_("Its number and date (IP-6.3)."),
        error_messages={"required": _("Give the reference of the statistics body's agreement")},
    )


class FilersForm(GovukFormMixin, forms.Form):
    filers = forms.CharField(
        label=_("Organizations that must fill the form"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Their BINs, separated by spaces, commas or new lines."),
        error_messages={"required": _("Give at least one BIN")},
    )

    def clean_filers(self) -> list[str]:
        text: str = self.cleaned_data["filers"]
        return [t for t in text.replace(",", " ").split() if t]


class ReturnForm(GovukFormMixin, forms.Form):
    """A return: the organization, the period and the fields of the version in force, as the version names them."""

    def __init__(
        self,
        *args: Any,
        version_fields: list[dict[str, Any]],
        organizations: list[tuple[str, str]],
        periodicity: str,
        language: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"] = forms.ChoiceField(label=_("Organization"), choices=organizations)
        self.fields["year"] = forms.IntegerField(
            label=_("Year"), min_value=FIRST_YEAR, max_value=2100, error_messages={"required": _("Give the year")}
        )
        if periodicity == "quarter":
            self.fields["period"] = forms.IntegerField(
                label=_("Quarter"), min_value=1, max_value=4, error_messages={"required": _("Give the quarter")}
            )
        for f in fields_of(version_fields):
            self.fields[f.code] = forms.CharField(
                label=f.label.get(language) or f.label.get("ru") or f.code, required=False, max_length=2000
            )

    def values(self) -> dict[str, str]:
        skip = {"organization", "year", "period"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class ReturnFileForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Returns file (CSV or XLSX)"),
        help_text=_(
            "Columns: bin, year, period (the quarter; empty for a yearly form) and the field codes of the version "
            "in force. Nothing is recorded while any row is bad."
        ),
        error_messages={"required": _("Choose the file")},
    )


def json_of(fields: list[Field]) -> str:
    return json.dumps([f.as_dict() for f in fields], ensure_ascii=False)
