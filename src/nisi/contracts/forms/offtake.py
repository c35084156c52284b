"""Forms of contracts aimed at industrial development: concluding one, the decisions on it, deliveries and
acceptance, pilot batch results, amendments, pledges, offsets, and the public register's filters."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from nisi.contracts.models import ContractKind, DevelopmentContract, LargeCustomerKind, OffsetCondition, PilotBatchTest
from nisi.forms import GovukFormMixin, date_field
from nisi.forms.listing import ListFilterForm, Sort

ANY = [("", _("Any"))]
_YEAR_LINE = re.compile(r"^\s*([0-9]{4})\s*[:;=]\s*([0-9]{1,15}(?:[.,][0-9]{1,3})?)\s*$")
MAX_MONEY = Decimal("9999999999999999.99")  # what the money columns hold


def _decimal(label: Any, *, required: bool = True, places: int = 2, help_text: Any = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=18,
        decimal_places=places,
        min_value=Decimal(0),
        help_text=help_text,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal"}),
        error_messages={"required": _("Enter a number"), "invalid": _("Enter a number, for example 1250.50")},
    )


def _text(
    label: Any, *, rows: int = 0, required: bool = True, max_length: int | None = None, help_text: Any = ""
) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(label=label, required=required, max_length=max_length, widget=widget, help_text=help_text)


def parse_volumes(text: str) -> dict[int, Decimal]:
    """Lines of "year: volume" (2026: 1000), each year once."""
    volumes: dict[int, Decimal] = {}
    for line in (raw for raw in text.splitlines() if raw.strip()):
        match = _YEAR_LINE.match(line)
        if match is None:
            raise ValidationError(_("Write each year on its own line as year: volume, for example 2026: 1000"))
        year = int(match.group(1))
        if year in volumes:
            raise ValidationError(_("Give each year once."))
        volumes[year] = Decimal(match.group(2).replace(",", "."))
    return volumes


class VolumesField(forms.CharField):
    def clean(self, value: Any) -> Any:
        text = super().clean(value)
        return parse_volumes(text) if text else {}


class OffsetConditionsField(forms.CharField):
    """Lines of "kind; description; value in tenge; due date" (training; A training centre; 70000000; 2027-12-31)."""

    def clean(self, value: Any) -> Any:
        text = super().clean(value) or ""
        out = []
        for line in (raw for raw in text.splitlines() if raw.strip()):
            parts = [p.strip() for p in line.split(";")]
            try:
                kind, description, amount, due = parts
                value = Decimal(amount.replace(" ", ""))
                day = dt.date.fromisoformat(due)
                if not (value.is_finite() and abs(value) <= MAX_MONEY and -value.as_tuple().exponent <= 2):
                    raise ValueError(value)
                if not dt.date(1900, 1, 1) <= day <= dt.date(2199, 12, 31):
                    raise ValueError(day)
                out.append((kind[:24], description[:2000], value, day))
            except (ValueError, InvalidOperation):
                raise ValidationError(
                    _(
                        "Write each condition as kind; description; value in tenge; due date, for example "
                        "training; A training centre; 70000000; 2027-12-31"
                    )
                ) from None
        return out


class ContractForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of contract"), choices=ContractKind.choices, widget=forms.RadioSelect)
    manufacturer = forms.RegexField(
        label=_("Manufacturer's BIN"),
        regex=r"^[0-9]{12}$",
        max_length=12,
        error_messages={
            "invalid": _("Enter the manufacturer's BIN: 12 digits"),
            "required": _("Enter the manufacturer's BIN"),
        },
    )
    customer_kind = forms.ChoiceField(label=_("The customer is a large customer as"), choices=LargeCustomerKind.choices)
    hs_code = forms.RegexField(
        label=_("HS code of the good"),
        regex=r"^[0-9]{6}$",
        max_length=6,
        error_messages={
            "invalid": _("Enter the good's 6-digit HS code"),
            "required": _("Enter the good's 6-digit HS code"),
        },
    )
    tnved_code = _text(_("TN VED code (10 digits), if known"), required=False, max_length=10)
    goods_name = _text(_("Name of the good"), max_length=300)
    characteristics = _text(
        _("Technical characteristics, physical and/or chemical properties, configuration"),
        rows=5,
        help_text=_("Fixed before signing: none can be added after (IP-47.8)"),
    )
    unit = _text(_("Unit of volume"), max_length=20)
    unit_price = _decimal(_("Price per unit, tenge"))
    amount = _decimal(_("Contract amount, tenge"))
    starts_on = date_field(_("Starts on"))
    ends_on = date_field(_("Ends on"))
    volumes = VolumesField(
        label=_("Volume of each calendar year"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One line a year, for every year of the term: 2026: 1000"),
    )
    min_domestic_value = _decimal(_("Minimum domestic value, per cent (off-take)"), required=False)
    programme_duty = forms.BooleanField(
        label=_("The manufacturer develops a programme to raise domestic value (off-take, IP-48.5)"), required=False
    )
    liability = _text(_("Liability of the parties (guaranteed purchase, IP-48-1.4)"), rows=3, required=False)
    customer_year_purchases = _decimal(
        _("The customer's purchases this year, tenge (contract procurement, IP-49.1)"), required=False
    )
    offset_conditions = OffsetConditionsField(
        label=_("Offset conditions (contract procurement, IP-49.2)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One a line: kind; description; value in tenge; due date. Kinds: %(kinds)s")
        % {"kinds": ", ".join(OffsetCondition.Kind.values)},
    )


class ReasonsForm(GovukFormMixin, forms.Form):
    reasons = _text(_("Reasons"), rows=3, max_length=5000)


class CharacteristicsForm(GovukFormMixin, forms.Form):
    text = _text(_("Characteristics to add"), rows=3, max_length=5000)


class DeliveryForm(GovukFormMixin, forms.Form):
    delivered_on = date_field(_("Delivered on"))
    volume = _decimal(_("Volume delivered"), places=3)
    document = _text(_("Waybill or act number"), required=False, max_length=100)


class AcceptForm(GovukFormMixin, forms.Form):
    delivery = forms.TypedChoiceField(label=_("Delivery"), coerce=int, choices=())
    accepted_volume = _decimal(_("Volume accepted"), places=3)
    reasons = _text(_("Why the rest is not accepted"), rows=2, required=False, max_length=5000)

    def __init__(self, *args: Any, deliveries: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["delivery"].choices = deliveries  # type: ignore[attr-defined]


class PilotForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Tests"), choices=PilotBatchTest.Kind.choices, widget=forms.RadioSelect)
    tested_on = date_field(_("Tested on"))
    positive = forms.TypedChoiceField(
        label=_("Result"),
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        choices=[
            ("yes", _("Positive: the batch meets the characteristics")),
            ("no", _("Negative: the contract is terminated (IP-47.8)")),
        ],
    )
    findings = _text(_("What the tests found"), rows=3, max_length=5000)


class AmendmentForm(GovukFormMixin, forms.Form):
    volumes = VolumesField(
        label=_("New volumes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One line a year to change: 2027: 1200"),
    )
    unit_price = _decimal(_("New price per unit, tenge"), required=False)
    explanation = _text(_("Explanation"), rows=3, max_length=5000)


class AmendmentDecisionForm(GovukFormMixin, forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Decision"),
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        choices=[("yes", _("Accept the amendment")), ("no", _("Reject it"))],
    )
    reasons = _text(_("Reasons for a rejection"), rows=2, required=False, max_length=5000)


class PledgeForm(GovukFormMixin, forms.Form):
    pledgee = _text(_("Financial institution"), max_length=300)
    agreement_reference = _text(_("Pledge agreement"), max_length=100)
    pledged_on = date_field(_("Pledged on"))


class OffsetForm(GovukFormMixin, forms.Form):
    condition = forms.TypedChoiceField(label=_("Offset condition"), coerce=int, choices=())
    evidence = _text(_("Evidence"), rows=3, max_length=5000)
    on = date_field(_("On"))
    penalty = _decimal(_("Penalty under the contract, tenge (a failure only)"), required=False)

    def __init__(self, *args: Any, conditions: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["condition"].choices = conditions  # type: ignore[attr-defined]


class RegisterFilterForm(ListFilterForm):
    q = forms.CharField(label=_("Number, party, BIN or good"), required=False, max_length=200)
    hs_code = forms.RegexField(
        label=_("HS code (its first digits)"), regex=r"^[0-9]{2,6}$", required=False, max_length=6
    )
    year = forms.IntegerField(label=_("Running in the year"), required=False, min_value=2000, max_value=2199)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=ANY
        + [
            (s.value, s.label)
            for s in (
                DevelopmentContract.Status.IN_FORCE,
                DevelopmentContract.Status.TERMINATED,
                DevelopmentContract.Status.COMPLETED,
            )
        ],
    )
    SORTS: tuple[Sort, ...] = (
        Sort("newest", _("Signed most recently"), ("-signed_on", "-id")),
        Sort("oldest", _("Signed earliest"), ("signed_on", "id")),
        Sort("ends", _("Ending soonest"), ("ends_on", "id")),
    )


class ContractFilterForm(RegisterFilterForm):
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=ANY + ContractKind.choices)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=ANY + DevelopmentContract.Status.choices)
    SORTS = (
        Sort("newest", _("Newest first"), ("-proposed_on", "-id")),
        Sort("ends", _("Ending soonest"), ("ends_on", "id")),
    )
