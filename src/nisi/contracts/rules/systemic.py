"""Systemic enterprises (IP-47-1.1): pure functions, no database."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext

from nisi.law import params

SHARE_PLACES = Decimal("0.000001")
PARAMETER = "systemic_enterprise_regional_share"


def territory_share(volume: Decimal, territory_total: Decimal) -> Decimal:
    """A manufacturer's share of its territory's production volume, as a fraction rounded half up to 6 places for
    display (the decision itself compares exactly, `is_systemic`)."""
    if territory_total <= 0:
        raise ValueError(gettext("the territory's production volume must be more than zero"))
    if volume < 0 or volume > territory_total:
        raise ValueError(gettext("a manufacturer's volume must lie between zero and its territory's volume"))
    return (volume / territory_total).quantize(SHARE_PLACES, rounding=ROUND_HALF_UP)


def is_systemic(volume: Decimal, territory_total: Decimal, threshold: Decimal) -> bool:
    """IP-47-1.1: a manufacturing enterprise whose production volume is *more than* three per cent of the total
    production volume of its region, city of republican significance or the capital — exactly the threshold is not.
    Compared exactly (volume > threshold × total), never on a rounded share."""
    if territory_total <= 0:
        raise ValueError(gettext("the territory's production volume must be more than zero"))
    return volume > threshold * territory_total


def threshold_fraction(threshold: Decimal) -> tuple[int, int]:
    """The threshold as a fraction of whole numbers (numerator, denominator > 0), so that a database can apply
    `is_systemic` exactly, on whole numbers: volume × denominator > numerator × total (0.03 → 3, 100)."""
    if not threshold.is_finite() or not 0 <= threshold <= 1:
        raise ValueError(gettext("the share in force must be a fraction from 0 to 1"))
    numerator, denominator = threshold.as_integer_ratio()
    return numerator, denominator


def threshold_on(on: dt.date) -> params.ParameterValue:
    """The share in force on the list's date (`systemic_enterprise_regional_share`)."""
    return params.value_on(PARAMETER, on)
