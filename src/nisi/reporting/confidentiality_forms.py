"""The GOV.UK form of an entity's consent (IP-6.3)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nisi.core.services.disclosure import DATASETS
from nisi.forms import GovukFormMixin


class ConsentForm(GovukFormMixin, forms.Form):
    recipient = forms.RegexField(
        label=_("BIN of the organization you let see your data"),
        regex=r"^[0-9]{12}$",
        error_messages={"required": _("Give the organization's BIN"), "invalid": _("A BIN is 12 digits")},
    )
    dataset = forms.ChoiceField(label=_("Which data"), widget=forms.RadioSelect)
    purpose = forms.CharField(label=_("Purpose (optional)"), required=False, max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(code, label) for code, label in DATASETS.items()]
        self.fields["dataset"].choices = choices  # type: ignore[attr-defined]
