"""Forms of the agreements with counter-obligations (IP-27) and on increasing competitiveness (IP-28)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nisi.forms import GovukFormMixin, date_field
from nisi.incentives.rules.counter_obligations import AREA_LABELS, Area, CounterObligationError, agreement_periods

MAX_LINES = 120


def _number(raw: str) -> Decimal | None:
    try:
        value = Decimal(raw.replace("\u00a0", "").replace(" ", "").replace(",", "."))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


class ConcludeForm(GovukFormMixin, forms.Form):
    """The operator's agreement on a granted measure: its term, the payments of support, and a target per year in
    each area (IP-27.3)."""

    starts_on = date_field(_("The agreement takes effect on"), _("Enter the day the agreement takes effect"))
    ends_on = date_field(_("The agreement ends on"), _("Enter the day the agreement ends"))
    payments = forms.CharField(
        label=_("Payments of support"),
        help_text=_("One payment a line: the day and the amount in tenge, for example 2026-03-02 1500000.00"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=6000,
        error_messages={"required": _("Give at least one payment of support")},
    )
    labour_productivity = forms.CharField(label=AREA_LABELS[Area.LABOUR_PRODUCTIVITY], required=False, max_length=2000)
    export_output = forms.CharField(label=AREA_LABELS[Area.EXPORT_OUTPUT], required=False, max_length=2000)
    domestic_market = forms.CharField(label=AREA_LABELS[Area.DOMESTIC_MARKET], required=False, max_length=2000)

    def clean_payments(self) -> list[tuple[dt.date, Decimal]]:
        rows = []
        lines = [line.split() for line in self.cleaned_data["payments"].splitlines() if line.strip()]
        if len(lines) > MAX_LINES:
            raise forms.ValidationError(_("Give at most %(max)s payments.") % {"max": MAX_LINES})
        for parts in lines:
            try:
                day = dt.date.fromisoformat(parts[0])
            except ValueError:
                day = None
            amount = _number("".join(parts[1:])) if len(parts) > 1 else None
            if day is None or amount is None:
                raise forms.ValidationError(
                    _("Write each payment as the day and the amount, for example 2026-03-02 1500000.00")
                )
            rows.append((day, amount))
        return rows

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if not (starts_on and ends_on):
            return data
        try:
            periods = agreement_periods(starts_on, ends_on)
        except CounterObligationError as exc:
            self.add_error("ends_on", " ".join(exc.problems))
            return data
        targets: dict[dt.date, dict[str, object]] = {p.start: {} for p in periods}
        for area in Area:
            raw = (data.get(area.value) or "").strip()
            if not raw:
                continue
            values = [v.strip() for v in raw.split(";")]
            if len(values) != len(periods):
                self.add_error(
                    area.value,
                    _("Give %(n)s targets, one for each year of the agreement, separated by “;”.")
                    % {"n": len(periods)},
                )
                continue
            for period, value in zip(periods, values, strict=True):
                if value and value != "-":
                    number = _number(value)
                    targets[period.start][area.value] = number if number is not None else value
        data["targets"] = targets
        return data

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "payments": data["payments"],
            "targets": data["targets"],
        }


class ReportForm(GovukFormMixin, forms.Form):
    """The recipient's actual figures for one period: one field for each area with a target in it."""

    period_start = forms.DateField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, areas: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for area in areas:
            self.fields[area] = forms.DecimalField(
                label=AREA_LABELS[Area(area)],
                max_digits=20,
                decimal_places=2,
                min_value=0,
                localize=True,
                error_messages={
                    "required": _("Enter the actual figure, zero or more"),
                    "invalid": _("Enter the actual figure as a number, for example 1250,5"),
                    "min_value": _("An actual figure cannot be negative"),
                },
            )

    def actuals(self) -> dict[str, object]:
        return {k: v for k, v in self.cleaned_data.items() if k != "period_start"}


class CompetitivenessForm(GovukFormMixin, forms.Form):
    bin = forms.CharField(
        label=_("BIN of the entity"),
        min_length=12,
        max_length=12,
        error_messages={"required": _("Enter the entity's BIN, 12 digits")},
    )
    subject = forms.CharField(label=_("What the agreement is about"), max_length=300)
    ends_on = date_field(_("The agreement ends on"), _("Enter the day the agreement ends"))


class FulfilmentForm(GovukFormMixin, forms.Form):
    fulfilled = forms.TypedChoiceField(
        label=_("The counter-obligations are"),
        choices=[("yes", _("Fulfilled")), ("no", _("Not fulfilled"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether the counter-obligations were fulfilled")},
    )


class BeyondControlForm(GovukFormMixin, forms.Form):
    circumstances = forms.CharField(
        label=_("Circumstances beyond the entity's control"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": _("Describe the circumstances")},
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        help_text=_("One document a line, with its number"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": _("Name at least one piece of evidence")},
    )

    def clean_evidence(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["evidence"].splitlines() if line.strip()]


class TerminateForm(GovukFormMixin, forms.Form):
    reasons = forms.CharField(
        label=_("Reasons for terminating the agreement"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": _("Give the reasons for terminating the agreement")},
    )
