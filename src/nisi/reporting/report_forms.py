"""The National Report's forms in the GOV.UK pattern."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nisi.forms import GovukFormMixin
from nisi.reporting.rules.report import FIRST_YEAR

SECTIONS = 3


class InputsOpenForm(GovukFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Reporting year"), min_value=FIRST_YEAR, max_value=2100)
    bodies = forms.CharField(
        label=_("Central state bodies"),
        help_text=_("The BIN of each central state body that gives information, one a line. Every akimat is included."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=20000,
    )

    def identifiers(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("bodies", "").splitlines() if line.strip()]


class ReportRequestForm(GovukFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Reporting year"), min_value=FIRST_YEAR, max_value=2100)
    cut_off = forms.DateField(
        label=_("Cut-off date"),
        help_text=_("The records are taken as they stood at the end of this day, for example 2026-03-15."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class InputForm(GovukFormMixin, forms.Form):
    """Up to three text sections and the figures, one a line as "name; value; unit"."""

    figures = forms.CharField(
        label=_("Figures"),
        help_text=_("One a line: name; value; unit — for example: Jobs created; 1250; persons"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=20000,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, SECTIONS + 1):
            self.fields[f"title_{n}"] = forms.CharField(
                label=_("Section %(n)s: title") % {"n": n}, required=False, max_length=300
            )
            self.fields[f"text_{n}"] = forms.CharField(
                label=_("Section %(n)s: text") % {"n": n},
                required=False,
                max_length=20000,
                widget=forms.Textarea(attrs={"rows": 5}),
            )
        self.order_fields([*(f for n in range(1, SECTIONS + 1) for f in (f"title_{n}", f"text_{n}")), "figures"])

    def clean_figures(self) -> list[tuple[str, Decimal, str]]:
        out = []
        for number, line in enumerate(self.cleaned_data.get("figures", "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split(";")]
            if len(parts) not in (2, 3) or not parts[0]:
                raise forms.ValidationError(_("Line %(n)s: write the figure as: name; value; unit.") % {"n": number})
            try:
                value = Decimal(parts[1].replace(" ", "").replace(",", "."))
            except InvalidOperation:
                raise forms.ValidationError(_("Line %(n)s: the value must be a number.") % {"n": number}) from None
            if not value.is_finite():
                raise forms.ValidationError(_("Line %(n)s: the value must be a number.") % {"n": number})
            out.append((parts[0], value, parts[2] if len(parts) == 3 else ""))
        return out

    def sections(self) -> list[dict[str, str]]:
        data = self.cleaned_data
        return [
            {"title": data.get(f"title_{n}", ""), "text": data.get(f"text_{n}", "")} for n in range(1, SECTIONS + 1)
        ]
