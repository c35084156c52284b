"""Forms of the officers' desks: the informatization authority's software notices (IP-51-2), the competent
bodies' goods wholly produced (IP-51-3) and the production conditions catalogue (IP-51-7)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nisi.core import identifiers
from nisi.forms import GovukFormMixin, RadioSelect, date_field
from nisi.law import clock

BIN_ERRORS = {
    "required": _("Enter the BIN or IIN of the producer"),
    "invalid": _("Enter a real BIN or IIN: 12 digits, the last one a check digit"),
}


class IdentifierField(forms.CharField):
    """A BIN or IIN, its check digit verified."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("error_messages", BIN_ERRORS)
        kwargs.setdefault("widget", forms.TextInput(attrs={"class": "govuk-input--width-20", "inputmode": "numeric"}))
        super().__init__(max_length=20, **kwargs)

    def clean(self, value: Any) -> str:
        cleaned = super().clean(value)
        if not cleaned:
            return ""
        try:
            return identifiers.validate(cleaned)
        except identifiers.InvalidIdentifier:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class SoftwareNoticeForm(GovukFormMixin, forms.Form):
    """The informatization authority's notice to include or exclude a software producer (IP-51-2.3, 51-2.4)."""

    kind = forms.ChoiceField(
        label=_("What the notice says"),
        widget=RadioSelect,
        choices=[
            ("include", _("Include the producer: its software is in the register of trusted software")),
            ("exclude", _("Exclude the producer: the results of quarterly monitoring")),
        ],
        error_messages={"required": _("Choose whether the notice includes or excludes the producer")},
    )
    quarter = forms.RegexField(
        label=_("Quarter monitored"),
        regex=r"^[0-9]{4}-Q[1-4]$",
        required=False,
        help_text=_("for example 2026-Q1"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
        error_messages={"invalid": _("Enter the quarter like 2026-Q1")},
    )
    reasons = forms.CharField(
        label=_("Results of monitoring that exclude the producer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    identifier = IdentifierField(label=_("BIN or IIN of the software producer"))
    organization_name = forms.CharField(
        label=_("Name of the producer (if it is not yet registered in nisi)"), max_length=300, required=False
    )
    software_name = forms.CharField(
        label=_("Name of the software"),
        max_length=300,
        error_messages={"required": _("Enter the name of the software")},
    )
    trusted_register_number = forms.CharField(
        label=_("Number in the register of trusted software and electronic industry products"),
        max_length=60,
        help_text=_("for example TS-2025-0142 (IP-51-2.1)"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
        error_messages={"required": _("Enter the number in the register of trusted software")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == "exclude":
            if not data.get("quarter") and "quarter" not in self.errors:
                self.add_error("quarter", _("Enter the quarter whose monitoring excludes the producer"))
            if not (data.get("reasons") or "").strip():
                self.add_error("reasons", _("Give the results of monitoring that exclude the producer"))
        return data


class WhollyProducedForm(GovukFormMixin, forms.Form):
    """Information on goods wholly produced in Kazakhstan, from the body IP-51-3.2 … 51-3.6 names for it."""

    source = forms.ChoiceField(
        label=_("Source of the information"),
        widget=RadioSelect,
        error_messages={"required": _("Choose the source of the information")},
    )
    identifier = IdentifierField(label=_("BIN or IIN of the producer"))
    organization_name = forms.CharField(
        label=_("Name of the producer (if it is not yet registered in nisi)"), max_length=300, required=False
    )
    document_kind = forms.CharField(
        label=_("Kind of document"),
        max_length=40,
        help_text=_("licence, contract or permit"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
        error_messages={"required": _("Enter the kind of document: licence, contract or permit")},
    )
    document_number = forms.CharField(
        label=_("Number of the licence, contract or permit"),
        max_length=80,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
        error_messages={"required": _("Enter the number of the licence, contract or permit")},
    )
    valid_from = date_field(_("Valid from"), _("Enter the date the document takes effect"))
    valid_to = date_field(_("Valid to (leave empty if open-ended)"), required=False)
    hs_code = forms.RegexField(
        label=_("HS code of the good"),
        regex=r"^[0-9]{6}$",
        help_text=_("6 digits, for example 260300"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "numeric"}),
        error_messages={"invalid": _("Enter the 6-digit HS code"), "required": _("Enter the HS code of the good")},
    )
    name_ru = forms.CharField(
        label=_("Name of the good (Russian)"),
        max_length=300,
        error_messages={"required": _("Enter the name of the good")},
    )
    annual_capacity = forms.DecimalField(
        label=_("Annual volume"),
        min_value=Decimal("0.001"),
        max_digits=16,
        decimal_places=3,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal"}),
        error_messages={
            "required": _("Enter the annual volume"),
            "invalid": _("Enter a number, for example 12000"),
            "min_value": _("Enter an annual volume more than zero"),
        },
    )
    unit = forms.CharField(
        label=_("Unit"),
        max_length=20,
        help_text=_("for example t, m3, head"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={"required": _("Enter the unit of the volume")},
    )

    def __init__(self, *args: Any, sources: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = sources  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("valid_from") and data.get("valid_to") and data["valid_to"] < data["valid_from"]:
            self.add_error("valid_to", _("The document cannot expire before it takes effect"))
        return data


class WhollyProducedUploadForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8, comma or semicolon separated, with a header row: source, identifier, organization_name, "
            "document_kind, document_number, valid_from, valid_to, hs_code, name_ru, annual_capacity, unit. "
            "Dates like 2026-03-01."
        ),
        error_messages={"required": _("Choose a CSV file to upload")},
    )

    MAX_BYTES = 2 * 1024 * 1024

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file must be smaller than 2 MB: split it"))
        raw = upload.read()
        try:
            return str(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file must be a CSV file saved as UTF-8")) from None


CONDITION_KINDS = (
    ("raw_material", _("Production from a specific raw material or components")),
    ("testing", _("Testing of the goods")),
    ("documents", _("Regulatory, technical or permit documents held")),
)
OPERATION_CODE = re.compile(r"^[a-z0-9_-]{1,30}$")
OPERATIONS_MAX = 60  # the rows of operations the form shows at most, so the most a threshold can count


class ConditionsForm(GovukFormMixin, forms.Form):
    """A version of a product's production conditions and operations, with the minimum threshold (IP-51-7).

    Each kind of condition is a text area, one condition a line (IP-51-7.2 names the three kinds); the operations
    are rows of code, name and whether mandatory, with blank rows to add more (saving shows three more)."""

    product_code = forms.RegexField(
        label=_("HS or TN VED code of the goods, or its first digits"),
        regex=r"^[0-9]{2,10}$",
        help_text=_("2 to 10 digits, for example 7208 for all flat-rolled products of 7208"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "numeric"}),
        error_messages={
            "invalid": _("Enter 2 to 10 digits of the product code"),
            "required": _("Enter the product code the conditions are for"),
        },
    )
    title = forms.CharField(
        label=_("Goods the conditions are for"),
        max_length=300,
        error_messages={"required": _("Enter the name of the goods the conditions are for")},
    )
    valid_from = date_field(_("In force from"), _("Enter the date the version takes effect"))
    raw_material = forms.CharField(
        label=CONDITION_KINDS[0][1],
        required=False,
        help_text=_("One condition a line"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    testing = forms.CharField(
        label=CONDITION_KINDS[1][1],
        required=False,
        help_text=_("One condition a line"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    documents = forms.CharField(
        label=CONDITION_KINDS[2][1],
        required=False,
        help_text=_("One condition a line"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    minimum_operations = forms.IntegerField(
        label=_("Minimum threshold: how many of the operations a producer must carry out"),
        min_value=1,
        max_value=OPERATIONS_MAX,
        help_text=_("The mandatory operations count towards it"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "required": _("Enter the minimum threshold of operations"),
            "invalid": _("Enter a whole number, for example 3"),
            "min_value": _("The minimum threshold is at least one operation"),
            "max_value": _("The minimum threshold cannot be more than the operations listed"),
        },
    )

    def __init__(self, *args: Any, with_code: bool, operations: list[dict[str, Any]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if not with_code:
            del self.fields["product_code"]
        operations = operations or []
        if self.is_bound:
            rows = sum(1 for key in self.data if re.fullmatch(r"op_[0-9]+_name", key))
        else:
            rows = len(operations) + 3
        self.operation_rows: list[dict[str, Any]] = []
        for i in range(max(1, min(rows, OPERATIONS_MAX))):
            op = operations[i] if i < len(operations) else {}
            number = i + 1
            code = forms.CharField(
                label=_("Code of operation %(n)s") % {"n": number},
                required=False,
                max_length=30,
                initial=op.get("code", ""),
                widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
            )
            name = forms.CharField(
                label=_("Name of operation %(n)s") % {"n": number},
                required=False,
                max_length=200,
                initial=op.get("name", ""),
            )
            mandatory = forms.BooleanField(
                label=_("Operation %(n)s is mandatory") % {"n": number},
                required=False,
                initial=bool(op.get("mandatory")),
            )
            for suffix, field in (("code", code), ("name", name), ("mandatory", mandatory)):
                self.fields[f"op_{i}_{suffix}"] = field
            self.operation_rows.append({"number": number, "prefix": f"op_{i}"})
        # The mixin classed the fields declared on the class; these were added after it ran.
        for i in range(len(self.operation_rows)):
            self.fields[f"op_{i}_code"].widget.attrs["class"] = "govuk-input govuk-input--width-10"
            self.fields[f"op_{i}_name"].widget.attrs["class"] = "govuk-input"
            self.fields[f"op_{i}_mandatory"].widget.attrs["class"] = "govuk-checkboxes__input"

    def rows(self) -> list[dict[str, Any]]:
        """The operation rows with their bound fields, for the template."""
        return [
            {
                "number": row["number"],
                "code": self[f"{row['prefix']}_code"],
                "name": self[f"{row['prefix']}_name"],
                "mandatory": self[f"{row['prefix']}_mandatory"],
            }
            for row in self.operation_rows
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        conditions = [
            {"kind": kind, "text": line.strip()}
            for kind, _label in CONDITION_KINDS
            for line in (data.get(kind) or "").splitlines()
            if line.strip()
        ]
        if not conditions:
            self.add_error("raw_material", _("Give at least one production condition (IP-51-7.2)"))
        operations: list[dict[str, Any]] = []
        seen: set[str] = set()
        for i in range(len(self.operation_rows)):
            code = (data.get(f"op_{i}_code") or "").strip()
            name = (data.get(f"op_{i}_name") or "").strip()
            if not code and not name:
                continue
            if not name:
                self.add_error(f"op_{i}_name", _("Enter the name of operation %(n)s") % {"n": i + 1})
            if not code:
                self.add_error(f"op_{i}_code", _("Enter a code for operation %(n)s") % {"n": i + 1})
            elif not OPERATION_CODE.fullmatch(code):
                self.add_error(
                    f"op_{i}_code",
                    _("The code of operation %(n)s may have small Latin letters, digits, - and _ only") % {"n": i + 1},
                )
            elif code in seen:
                self.add_error(
                    f"op_{i}_code", _("Operation %(n)s repeats the code %(code)s") % {"n": i + 1, "code": code}
                )
            seen.add(code)
            operations.append({"code": code, "name": name, "mandatory": bool(data.get(f"op_{i}_mandatory"))})
        if not operations:
            self.add_error("op_0_name", _("List the production and technological operations (IP-51-7.3)"))
        minimum = data.get("minimum_operations")
        if minimum is not None and operations and minimum > len(operations):
            self.add_error(
                "minimum_operations",
                _("The minimum threshold cannot be more than the %(n)s operations listed") % {"n": len(operations)},
            )
        data["conditions"], data["operations"] = conditions, operations
        return data

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "valid_from": data["valid_from"],
            "conditions": data["conditions"],
            "operations": data["operations"],
            "minimum_operations": data["minimum_operations"],
        }

    @staticmethod
    def initial_from(version: Any) -> dict[str, Any]:
        """A form's answers from an existing version (the draft, or the version in force to start from)."""
        return {
            "title": version.title,
            "valid_from": version.valid_from,
            "minimum_operations": version.minimum_operations,
            **{
                kind: "\n".join(c["text"] for c in version.conditions if c.get("kind") == kind)
                for kind, _label in CONDITION_KINDS
            },
        }


class ConditionsAgreementForm(GovukFormMixin, forms.Form):
    """An industry state body's agreement to a draft of production conditions (IP-51-7.3)."""

    body = forms.CharField(
        label=_("Industry state body that agreed"),
        max_length=300,
        help_text=_("for example, the Ministry of Industry and Construction"),
        error_messages={"required": _("Enter the industry state body that agreed")},
    )
    agreed_by = forms.CharField(
        label=_("Who agreed for the body"),
        max_length=200,
        help_text=_("name and position"),
        error_messages={"required": _("Enter who agreed for the body: name and position")},
    )
    agreed_on = date_field(_("Date of the agreement"), _("Enter the date of the agreement"))
    reference = forms.CharField(
        label=_("Reference of the letter or protocol"),
        max_length=100,
        help_text=_("its number and date, for example 04-2-11/1234 of 12.01.2026"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
        error_messages={"required": _("Enter the reference of the body's letter or protocol")},
    )

    def clean_agreed_on(self) -> Any:
        day = self.cleaned_data["agreed_on"]
        if day > clock.today():
            raise forms.ValidationError(_("The agreement cannot be dated later than today"))
        return day
