"""Forms of the scrap records in the GOV.UK pattern (errors linked from the summary, answers kept)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nisi.forms import GovukFormMixin, date_field
from nisi.scrap_metal import rules
from nisi.scrap_metal.models import Activity, Metal

LINES = 3  # kinds of scrap a report form offers; a file or the API gives any number


def _tonnes(label: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=Decimal(0),
        max_digits=14,
        decimal_places=3,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
        error_messages={
            "invalid": _("Enter the tonnes as a number, for example 125.5"),
            "min_value": _("Enter zero or more"),
            "max_decimal_places": _("Enter the tonnes with at most three decimal places (kilograms)"),
            "max_digits": _("The number is too large"),
            "max_whole_digits": _("The number is too large"),
        },
    )


def _code(label: Any, *, required: bool = False) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[("", _("None")), *((c, f"{c} {rules.NAMES_RU[c]}") for c in rules.SCRAP_CODES)],
        required=required,
        error_messages={"required": _("Choose the kind of scrap")},
    )


class NotificationForm(GovukFormMixin, forms.Form):
    """The notification of the start of the activity (IP-9.39)."""

    site_kato = forms.RegexField(
        label=_("KATO code of the site"),
        regex=r"^[0-9]{9}$",
        help_text=_("9 digits, for example 351010000"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "numeric"}),
        error_messages={"required": _("Enter the KATO code of the site"), "invalid": _("A KATO code has 9 digits")},
    )
    site_address = forms.CharField(
        label=_("Address of the site"), max_length=300, error_messages={"required": _("Enter the address of the site")}
    )
    activities = forms.MultipleChoiceField(
        label=_("Activities"),
        choices=Activity.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one activity")},
    )
    metals = forms.MultipleChoiceField(
        label=_("Scrap and waste of"),
        choices=Metal.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose ferrous metals, non-ferrous metals or both")},
    )
    starts_on = date_field(_("Day the activity starts"), _("Enter the day the activity starts"))


class ReportForm(GovukFormMixin, forms.Form):
    """One period's report under a notification, the period filled in (IP-9.39)."""

    notification = forms.ChoiceField(label=_("Notification"), error_messages={"required": _("Choose the notification")})
    period = forms.RegexField(
        label=_("Period (quarter)"),
        regex=r"^[0-9]{4}-Q[1-4]$",
        help_text=_("For example 2026-Q1"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={"required": _("Enter the period"), "invalid": _("Write the period as 2026-Q1")},
    )

    code_1 = _code(_("Kind of scrap (HS code)"), required=True)
    bought_1 = _tonnes(_("Bought, tonnes"))
    sold_1 = _tonnes(_("Sold, tonnes"))
    code_2 = _code(_("Second kind of scrap (HS code)"))
    bought_2 = _tonnes(_("Bought, tonnes"))
    sold_2 = _tonnes(_("Sold, tonnes"))
    code_3 = _code(_("Third kind of scrap (HS code)"))
    bought_3 = _tonnes(_("Bought, tonnes"))
    sold_3 = _tonnes(_("Sold, tonnes"))

    def __init__(self, *args: Any, notifications: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["notification"].choices = [("", _("Choose the notification")), *notifications]  # type: ignore[attr-defined]

    @property
    def line_rows(self) -> list[tuple[Any, Any, Any]]:
        return [(self[f"code_{i}"], self[f"bought_{i}"], self[f"sold_{i}"]) for i in range(1, LINES + 1)]

    def lines(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        return [
            {
                "hs_code": data[f"code_{i}"],
                "bought_tonnes": data.get(f"bought_{i}") or Decimal(0),
                "sold_tonnes": data.get(f"sold_{i}") or Decimal(0),
            }
            for i in range(1, LINES + 1)
            if data.get(f"code_{i}")
        ]

    def quarter(self) -> rules.Quarter:
        return rules.parse_quarter(self.cleaned_data["period"])


class ReportFileForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Reports file (CSV or XLSX)"),
        help_text=_(
            "Columns: notification, period, hs_code, bought_tonnes, sold_tonnes; one row per kind of scrap. Nothing "
            "is recorded while any row is bad."
        ),
        error_messages={"required": _("Choose the file")},
    )


class CeaseForm(GovukFormMixin, forms.Form):
    ceased_on = date_field(_("Day the activity ceased"), _("Enter the day the activity ceased"))
