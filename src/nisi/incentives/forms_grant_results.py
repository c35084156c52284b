"""Forms of a grant recipient's yearly results (IP-42.1, IP-27.3): one year's figures, or a CSV/XLSX file of them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nisi.forms import GovukFormMixin
from nisi.incentives.rules.counter_obligations import AREA_LABELS, Area

MAX_UPLOAD_BYTES = 1_000_000


class ResultsForm(GovukFormMixin, forms.Form):
    """The actual figures of one year: one field for each area with a target that year."""

    year = forms.IntegerField(widget=forms.HiddenInput, min_value=2000, max_value=2100)

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
        return {k: v for k, v in self.cleaned_data.items() if k != "year"}


class ResultsFileForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "Columns: year, area, actual — one line per area and year; area is labour_productivity, "
            "export_output or domestic_market."
        ),
        error_messages={"required": _("Choose the file to upload")},
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file must be smaller than 1 MB."))
        return upload
