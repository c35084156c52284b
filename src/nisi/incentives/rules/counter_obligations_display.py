"""How the figures of a counter-obligations trace read (IP-27.4: a refund explains itself line by line): each is
rendered when the line is read, in the reader's language and number format (nisi.law.display), so one trace
serves every reader."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext

from nisi.law import display, params
from nisi.law.trace import Step

HUNDRED = Decimal(100)


class Money:
    """An amount to the tiyn, e.g. 1 234 567,89 ₸."""

    def __init__(self, value: Decimal) -> None:
        self.value = value

    def __str__(self) -> str:
        shown = formats.number_format(self.value, decimal_pos=2, use_l10n=True, force_grouping=True)
        return gettext("%(amount)s ₸") % {"amount": shown}


class Percent:
    """A share (0.3877) or a rate in per cent (16.75) as the reader writes per cent, e.g. 38,77 %."""

    def __init__(self, value: Decimal, *, share: bool = True) -> None:
        self.value = value * HUNDRED if share else value

    def __str__(self) -> str:
        return f"{display.number(self.value.quantize(Decimal('0.01')))} %"


class Figure:
    """A reported or target figure, grouped as the reader groups numbers."""

    def __init__(self, value: Decimal) -> None:
        self.value = value

    def __str__(self) -> str:
        return display.number(self.value.normalize() if self.value == self.value.to_integral() else self.value)


class WeightedTerms:
    """The weighted levels of an overall level, e.g. 1 × 80,00 % + 1 × 50,00 %."""

    def __init__(self, terms: tuple[tuple[int, Decimal], ...]) -> None:
        self.terms = terms

    def __str__(self) -> str:
        return " + ".join(f"{weight} × {Percent(level)}" for weight, level in self.terms)


class Day:
    """A date as every page of the project writes it (dd.mm.yyyy)."""

    def __init__(self, value: dt.date) -> None:
        self.value = value

    def __str__(self) -> str:
        return formats.date_format(self.value, "d.m.Y", use_l10n=True)


def parameter_step(value: params.ParameterValue) -> Step:
    """A parameter's line in a trace, its value as the reader writes it (a weight or a day count has no unit a
    reader would recognise: `ParameterValue.step` would show its code)."""
    step = value.step()
    return Step(
        message=step.message,
        params={"name": value.name, "value": Figure(Decimal(value.value))},
        provision=step.provision,
        parameter=step.parameter,
        value=step.value,
        effective_from=step.effective_from,
        reference=step.reference,
    )
