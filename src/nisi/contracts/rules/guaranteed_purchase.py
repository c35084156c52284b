"""Guaranteed purchase agreements (IP-48-1): their term and required content. Pure functions."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext

from nisi.contracts.rules.offtake import add_years
from nisi.law import params


def term_problem(*, starts_on: dt.date, ends_on: dt.date) -> str | None:
    """Why a guaranteed purchase agreement's term is not allowed, or None (IP-48-1.3): at least one year and at most
    ten years. A term of N years from `starts_on` ends on the same day N years later, so one year from 1 January
    2026 ends on 1 January 2027 and ten years on 1 January 2036; eleven months, or ten years and a day, do not
    pass. The limits are the parameters in force on the day the agreement starts."""
    shortest = int(params.value_on("guaranteed_purchase_minimum_term", starts_on).value)
    longest = int(params.value_on("guaranteed_purchase_maximum_term", starts_on).value)
    if ends_on < add_years(starts_on, shortest):
        return gettext(
            "A guaranteed purchase agreement runs for at least %(years)s year(s) (IP-48-1.3): end it on %(day)s or "
            "later."
        ) % {"years": shortest, "day": add_years(starts_on, shortest).isoformat()}
    if ends_on > add_years(starts_on, longest):
        return gettext(
            "A guaranteed purchase agreement runs for at most %(years)s years (IP-48-1.3): end it on %(day)s or "
            "earlier."
        ) % {"years": longest, "day": add_years(starts_on, longest).isoformat()}
    return None


def content_missing(*, characteristics: str, total_volume: object, liability: str) -> list[str]:
    """What an agreement lacks of the content IP-48-1.4 requires: the goods with their technical characteristics,
    physical or chemical properties and configuration ("characteristics"), the volume of supplies for the whole
    term ("volumes"), the parties' liability for non-performance and improper performance ("liability")."""
    missing = []
    if not characteristics.strip():
        missing.append("characteristics")
    if not total_volume:
        missing.append("volumes")
    if not liability.strip():
        missing.append("liability")
    return missing
