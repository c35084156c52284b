"""Explanation traces: a rule's result says which provisions and parameter values produced it (DESIGN 2).

A step keeps an English message id and its parameters, not rendered text, so that each reader gets it in
their own language (`Step.text` translates when read).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.utils.translation import gettext

T = TypeVar("T")


@dataclass(frozen=True)
class Step:
    """One reason: what was applied, under which provision, with which value."""

    message: str
    params: dict[str, Any] = field(default_factory=dict)
    provision: str | None = None
    parameter: str | None = None
    value: str | None = None
    effective_from: dt.date | None = None
    reference: str | None = None

    @property
    def text(self) -> str:
        # Parameters render themselves with str() at this moment, in the active language.
        return gettext(self.message) % {k: str(v) for k, v in self.params.items()}

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "text": self.text,
            "provision": self.provision,
            "parameter": self.parameter,
            "value": self.value,
            "effective_from": self.effective_from.isoformat() if self.effective_from else None,
            "reference": self.reference,
        }
        return {k: v for k, v in data.items() if v is not None}


@dataclass(frozen=True)
class Explained(Generic[T]):
    """A value together with the steps that produced it."""

    value: T
    steps: tuple[Step, ...] = field(default_factory=tuple)

    @property
    def provisions(self) -> list[str]:
        seen: list[str] = []
        for step in self.steps:
            if step.provision and step.provision not in seen:
                seen.append(step.provision)
        return seen

    def trace(self) -> list[dict[str, Any]]:
        return [step.as_dict() for step in self.steps]
