"""The institute's opinion on a plan under review (IP-47.4), in the GOV.UK pattern."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from nisi.contracts.models import PlanOpinion
from nisi.forms import GovukFormMixin


class OpinionForm(GovukFormMixin, forms.Form):
    finding = forms.ChoiceField(
        label=_("The institute's finding"),
        choices=PlanOpinion.Finding.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether the plan complies with the exceptions of IP-47.3.")},
    )
    text = forms.CharField(
        label=_("Opinion"),
        help_text=_("Which goods, and why: the authorized body reads it before it decides (IP-47.4)."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10_000,
        error_messages={
            "required": _("Write the opinion: which goods and why, so that the authorized body can decide.")
        },
    )
