"""Forms of the needs of industry in the GOV.UK pattern (errors linked from the summary, answers kept): a year's needs
for specialists (IP-55.1) or for research (IP-57) in rows, a file of them, and the authorized body's year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nisi.forms import GovukFormMixin, date_field
from nisi.industry_needs.models import Kind, Level
from nisi.industry_needs.rules import ResearchNeedIn, SpecialistNeedIn

ROWS = {Kind.SPECIALISTS: 5, Kind.RESEARCH: 3}  # rows a form offers; a new version offers the current ones and more
_NUMBER = {"inputmode": "numeric", "class": "govuk-input--width-5"}


def _year(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=2000,
        max_value=2100,
        widget=forms.TextInput(attrs=_NUMBER),
        error_messages={
            "required": _("Enter the year"),
            "invalid": _("Write the year in four digits, for example 2026"),
            "min_value": _("Write the year in four digits, for example 2026"),
            "max_value": _("Write the year in four digits, for example 2026"),
        },
    )


def _amount(label: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=Decimal(0),
        max_digits=16,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
        error_messages={
            "invalid": _("Enter tenge as a number, for example 50000000"),
            "min_value": _("Enter zero or more"),
            "max_decimal_places": _("Give tenge with at most 2 decimal places"),
            "max_digits": _("The number is too large"),
            "max_whole_digits": _("The number is too large"),
        },
    )


class NeedsForm(GovukFormMixin, forms.Form):
    """A year's needs of one kind, a row per need; the first row required, the others when any answer is given."""

    year = _year(_("Year the needs are for"))
    reason = forms.CharField(
        label=_("Why the needs change"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    kind: str = Kind.SPECIALISTS
    rows: int = ROWS[Kind.SPECIALISTS]
    amending: bool = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.amending:
            self.fields["reason"].required = True
            self.fields["reason"].error_messages["required"] = _("Say why the needs change")

    @staticmethod
    def row_fields(kind: str, i: int, regions: list[tuple[str, str]]) -> dict[str, forms.Field]:
        n = {"n": i}
        if kind == Kind.SPECIALISTS:
            return {
                "code": forms.CharField(
                    label=_("Need %(n)s: speciality code") % n,
                    required=False,
                    max_length=12,
                    help_text=_("From the classifier of specialities, for example 6B07101") if i == 1 else "",
                    widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
                ),
                "name": forms.CharField(label=_("Speciality name"), required=False, max_length=300),
                "number": forms.IntegerField(
                    label=_("Specialists needed"),
                    required=False,
                    min_value=1,
                    max_value=100_000,
                    widget=forms.TextInput(attrs=_NUMBER),
                    error_messages={"invalid": _("Write a whole number"), "min_value": _("Write 1 or more")},
                ),
                "region": forms.ChoiceField(
                    label=_("Region"), required=False, choices=[("", _("Choose the region")), *regions]
                ),
                "year_needed": forms.IntegerField(
                    label=_("Year needed"),
                    required=False,
                    min_value=2000,
                    max_value=2100,
                    widget=forms.TextInput(attrs=_NUMBER),
                    error_messages={"invalid": _("Write the year in four digits, for example 2027")},
                ),
                "level": forms.ChoiceField(
                    label=_("Level of education"),
                    required=False,
                    choices=[("", _("Choose the level")), *Level.choices],
                ),
            }
        return {
            "subject": forms.CharField(
                label=_("Need %(n)s: subject of the research") % n, required=False, max_length=500
            ),
            "oked": forms.CharField(
                label=_("Industry (OKED code)"),
                required=False,
                max_length=5,
                widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "numeric"}),
            ),
            "result": forms.CharField(
                label=_("Result wanted"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
            ),
            "budget_min": _amount(_("Budget from, tenge")),
            "budget_max": _amount(_("Budget up to, tenge")),
            "deadline": date_field(_("Needed by"), required=False),
            "consent": forms.BooleanField(
                label=_("We consent to being named and contacted by scientific organizations"), required=False
            ),
        }

    @property
    def line_rows(self) -> list[list[Any]]:
        names = (
            ("code", "name", "number", "region", "year_needed", "level")
            if self.kind == Kind.SPECIALISTS
            else ("subject", "oked", "result", "budget_min", "budget_max", "deadline", "consent")
        )
        return [[self[f"{name}_{i}"] for name in names] for i in range(1, self.rows + 1)]

    def _filled(self, i: int) -> bool:
        data = self.cleaned_data
        names = ("code", "name", "number", "region", "year_needed", "level")
        if self.kind == Kind.RESEARCH:
            names = ("subject", "oked", "result", "budget_min", "budget_max", "deadline")
        return any(data.get(f"{name}_{i}") not in (None, "") for name in names)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        required = (
            ("code", "name", "number", "region", "year_needed", "level")
            if self.kind == Kind.SPECIALISTS
            else ("subject", "oked", "result", "budget_min", "budget_max", "deadline")
        )
        filled = [i for i in range(1, self.rows + 1) if self._filled(i)]
        if not filled and not any(f"{r}_1" in self.errors for r in required):
            self.add_error(f"{required[0]}_1", _("Give at least one need"))
        for i in filled:
            for name in required:
                key = f"{name}_{i}"
                if key not in self.errors and data.get(key) in (None, ""):
                    self.add_error(key, _("Fill in this answer of need %(n)s") % {"n": i})
        return data

    def lines(self) -> list[SpecialistNeedIn | ResearchNeedIn]:
        data = self.cleaned_data
        out: list[SpecialistNeedIn | ResearchNeedIn] = []
        for i in range(1, self.rows + 1):
            if not self._filled(i):
                continue
            if self.kind == Kind.SPECIALISTS:
                out.append(
                    SpecialistNeedIn(
                        speciality_code=str(data[f"code_{i}"]).strip().upper(),
                        speciality_name=str(data[f"name_{i}"]).strip(),
                        number=int(data[f"number_{i}"]),
                        region=str(data[f"region_{i}"]),
                        year_needed=int(data[f"year_needed_{i}"]),
                        level=str(data[f"level_{i}"]),
                    )
                )
            else:
                out.append(
                    ResearchNeedIn(
                        subject=str(data[f"subject_{i}"]).strip(),
                        oked=str(data[f"oked_{i}"]).strip(),
                        desired_result=str(data[f"result_{i}"]).strip(),
                        budget_min=data[f"budget_min_{i}"],
                        budget_max=data[f"budget_max_{i}"],
                        deadline=data[f"deadline_{i}"],
                        contact_consent=bool(data.get(f"consent_{i}")),
                    )
                )
        return out


def needs_form(
    kind: str, *, regions: list[tuple[str, str]], rows: int | None = None, amending: bool = False
) -> type[NeedsForm]:
    """The form of a year's needs of `kind` with `rows` rows (a new version has no year, and asks why)."""
    count = max(rows or 0, ROWS[Kind(kind)])
    attrs: dict[str, Any] = {"kind": kind, "rows": count, "amending": amending, "__module__": __name__}
    attrs["year" if amending else "reason"] = None  # the question the form does not ask
    for i in range(1, count + 1):
        for name, field in NeedsForm.row_fields(kind, i, regions).items():
            attrs[f"{name}_{i}"] = field
    return type("SpecialistsForm" if kind == Kind.SPECIALISTS else "ResearchForm", (NeedsForm,), attrs)


def initial_of(kind: str, lines: list[Any]) -> dict[str, Any]:
    """A form's answers from the current version's lines (a new version starts from them)."""
    initial: dict[str, Any] = {}
    for i, line in enumerate(lines, start=1):
        if kind == Kind.SPECIALISTS:
            initial |= {
                f"code_{i}": line.speciality_code,
                f"name_{i}": line.speciality_name,
                f"number_{i}": line.number,
                f"region_{i}": line.region_id,
                f"year_needed_{i}": line.year_needed,
                f"level_{i}": line.level,
            }
        else:
            initial |= {
                f"subject_{i}": line.subject,
                f"oked_{i}": line.oked,
                f"result_{i}": line.desired_result,
                f"budget_min_{i}": line.budget_min,
                f"budget_max_{i}": line.budget_max,
                f"deadline_{i}": line.deadline,
                f"consent_{i}": line.contact_consent,
            }
    return initial


class NeedsFileForm(GovukFormMixin, forms.Form):
    file = forms.FileField(label=_("Needs file (CSV or XLSX)"), error_messages={"required": _("Choose the file")})
    amend_reason = forms.CharField(
        label=_("If a year's needs were given already: why they change"),
        help_text=_("Leave empty to give only years not given yet; with a reason, those years get a new version."),
        required=False,
        max_length=500,
    )


class YearForm(GovukFormMixin, forms.Form):
    year = _year(_("Year"))

    @classmethod
    def for_today(cls, data: Any, today: dt.date) -> YearForm:
        return cls(data, initial={"year": today.year})
