"""Explanation traces: a rule's result says which provisions and parameter values produced it (DESIGN 2)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Step:
    """One reason: what was applied, under which provision, with which value."""

    text: str
    provision: str | None = None
    parameter: str | None = None
    value: str | None = None
    effective_from: dt.date | None = None
    reference: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if self.effective_from is not None:
            data["effective_from"] = self.effective_from.isoformat()
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
