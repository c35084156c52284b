"""Systemic enterprises (IP-47-1.1): pure functions, no database."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from django.utils.translation import gettext

from nisi.law import params

SHARE_PLACES = Decimal("0.000001")
CENT = Decimal("0.01")
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


def least_systemic_volume(territory_total: Decimal, threshold: Decimal) -> Decimal:
    """`is_systemic` for volumes in whole tiyn, as the least volume that is more than `threshold` × total: that
    product rounded down to the tiyn, plus one tiyn. For a volume with at most 2 decimal places, `volume >= this`
    exactly when `is_systemic(volume, territory_total, threshold)`, so a database compares each volume with its
    territory's bound and multiplies nothing (exactly 3 % gives the bound 1 tiyn above it)."""
    if territory_total <= 0:
        raise ValueError(gettext("the territory's production volume must be more than zero"))
    return (threshold * territory_total).quantize(CENT, rounding=ROUND_FLOOR) + CENT


def threshold_on(on: dt.date) -> params.ParameterValue:
    """The share in force on the list's date (`systemic_enterprise_regional_share`)."""
    return params.value_on(PARAMETER, on)
