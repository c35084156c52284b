"""Forms of the examination of applications (IP-47.7, IP-47.8) and of producers' objections to excluded goods
(IP-47.3)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nisi.contracts.forms.offtake import VolumesField, _decimal, _text
from nisi.forms import GovukFormMixin, date_field


def _required(field: forms.CharField, message: Any) -> forms.CharField:
    field.error_messages["required"] = message
    return field


class AwardForm(GovukFormMixin, forms.Form):
    technical_characteristics = _required(
        _text(
            _("Technical characteristics"),
            rows=4,
            max_length=10_000,
            help_text=_("The pilot batch is tested against them; none can be added after signing (IP-47.8)"),
        ),
        _("Give the good's technical characteristics: the pilot batch is tested against them (IP-47.8)."),
    )
    physical_chemical_properties = _required(
        _text(_("Physical and/or chemical properties"), rows=3, max_length=10_000),
        _(
            "Give the good's physical and/or chemical properties; write what applies, they cannot be added after "
            "signing (IP-47.8)."
        ),
    )
    configuration = _required(
        _text(_("Configuration"), rows=3, max_length=10_000),
        _(
            "Give the good's configuration (its composition and completeness); it cannot be added after signing "
            "(IP-47.8)."
        ),
    )


class ConcludeForm(GovukFormMixin, forms.Form):
    """The terms of the contract concluded from an award; the good and its characteristics are the award's."""

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


class ObjectionForm(GovukFormMixin, forms.Form):
    note = _required(
        _text(
            _("What you make"),
            rows=4,
            max_length=5000,
            help_text=_("The good you make, where, and your capacity: the authorized body reads it in the review"),
        ),
        _("Say what you make and where: the authorized body reads it in the review."),
    )
