"""Agreements on increasing competitiveness (IP-28): who may conclude one. Pure functions: no database, no clock.

IP-28.4: "It shall be prohibited to conclude an agreement on increasing competitiveness with an entity of industrial
and innovative activity, with which such an agreement was previously concluded and which allowed non-fulfilment of
counter obligations, except in cases where such non-fulfilment was due to circumstances beyond its control."

Read as: the entity's earlier agreements on increasing competitiveness count; one whose counter-obligations were
recognised as not fulfilled bars a new one, unless the authorized body recorded that the failure was due to
circumstances beyond the entity's control, with the evidence (a finding without evidence does not excuse). An
earlier agreement still monitored, or fulfilled, bars nothing. The procedure of conclusion is left to the rules for
concluding and terminating agreements on increasing competitiveness (IP-28.2, IP-9.26), which were not read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext, gettext_noop, ngettext

from nisi.incentives.rules.counter_obligations import CounterObligationError
from nisi.incentives.rules.counter_obligations_display import Day
from nisi.law.trace import Explained, Step

PROVISION = "IP-28.4"


class Fulfilment(StrEnum):
    """How an agreement's counter-obligations stand once monitored (IP-28.3)."""

    PENDING = "pending"  # still monitored: not yet known
    FULFILLED = "fulfilled"
    NOT_FULFILLED = "not_fulfilled"


@dataclass(frozen=True)
class BeyondControl:
    """The authorized body's record that a failure was due to circumstances beyond the entity's control (IP-28.4,
    the exception), with the evidence it rests on (documents' numbers or file references)."""

    circumstances: str
    evidence: tuple[str, ...]
    recorded_on: dt.date

    @property
    def has_evidence(self) -> bool:
        return bool(self.circumstances.strip()) and any(item.strip() for item in self.evidence)


@dataclass(frozen=True)
class EarlierAgreement:
    """One of the entity's earlier agreements on increasing competitiveness."""

    number: str
    concluded_on: dt.date
    fulfilment: Fulfilment
    beyond_control: BeyondControl | None = None


@dataclass(frozen=True)
class ConclusionDecision:
    """Whether an agreement may be concluded (IP-28.4), with the earlier agreements that bar it and those whose
    failure is excused."""

    allowed: bool
    barring: tuple[str, ...]
    excused: tuple[str, ...]


def beyond_control_problems(
    *, fulfilment: Fulfilment, circumstances: str, evidence: Sequence[str], recorded_on: dt.date, concluded_on: dt.date
) -> list[str]:
    """What is wrong with a record that a failure was due to circumstances beyond the entity's control (IP-28.4):
    it is made only for counter-obligations not fulfilled, says what the circumstances were, names at least one
    piece of evidence, and is dated on or after the agreement's conclusion."""
    problems = []
    if fulfilment is not Fulfilment.NOT_FULFILLED:
        problems.append(
            gettext(
                "Circumstances beyond the entity's control excuse only counter-obligations not fulfilled (IP-28.4): "
                "record the failure first."
            )
        )
    if not circumstances.strip():
        problems.append(gettext("Describe the circumstances beyond the entity's control that caused the failure."))
    if not any(item.strip() for item in evidence):
        problems.append(
            gettext("Attach or name at least one piece of evidence of the circumstances (a document and its number).")
        )
    if recorded_on < concluded_on:
        problems.append(
            gettext("The circumstances cannot be recorded before the agreement was concluded on %(on)s.")
            % {"on": Day(concluded_on)}
        )
    return problems


def conclusion_decision(*, earlier: Sequence[EarlierAgreement], on: dt.date) -> Explained[ConclusionDecision]:
    """May an agreement on increasing competitiveness be concluded with the entity on `on` (IP-28.4)? Refused if an
    earlier such agreement's counter-obligations were not fulfilled, unless the failure was recorded as due to
    circumstances beyond its control with evidence. Each earlier agreement is one line of the reasons."""
    later = [agreement.number for agreement in earlier if agreement.concluded_on >= on]
    if later:
        raise CounterObligationError(
            [
                gettext("Agreement %(numbers)s was not concluded before %(on)s: only earlier agreements count.")
                % {"numbers": ", ".join(later), "on": Day(on)}
            ]
        )
    steps = []
    barring, excused = [], []
    for agreement in sorted(earlier, key=lambda a: (a.concluded_on, a.number)):
        found = agreement.beyond_control
        params: dict[str, object] = {"number": agreement.number, "on": Day(agreement.concluded_on)}
        reference = None
        if agreement.fulfilment is Fulfilment.FULFILLED:
            message = gettext_noop("agreement %(number)s of %(on)s: counter-obligations fulfilled")
        elif agreement.fulfilment is Fulfilment.PENDING:
            message = gettext_noop(
                "agreement %(number)s of %(on)s: still monitored, no non-fulfilment recognised; not a ground to refuse"
            )
        elif found is not None and found.has_evidence:
            excused.append(agreement.number)
            message = gettext_noop(
                "agreement %(number)s of %(on)s: counter-obligations not fulfilled due to circumstances beyond the "
                "entity's control (%(circumstances)s), recorded on %(recorded)s with evidence %(evidence)s; not a "
                "ground to refuse"
            )
            params |= {
                "circumstances": found.circumstances.strip(),
                "recorded": Day(found.recorded_on),
                "evidence": ", ".join(item.strip() for item in found.evidence if item.strip()),
            }
            reference = "IP-28.4 (exception)"
        else:
            barring.append(agreement.number)
            message = (
                gettext_noop(
                    "agreement %(number)s of %(on)s: counter-obligations not fulfilled; the circumstances beyond the "
                    "entity's control are recorded without evidence, so they do not excuse the failure"
                )
                if found is not None
                else gettext_noop("agreement %(number)s of %(on)s: counter-obligations not fulfilled")
            )
        steps.append(Step(message=message, params=params, provision=PROVISION, reference=reference))
    allowed = not barring
    steps.append(
        Step(
            message=gettext_noop("the agreement may be concluded")
            if allowed
            else gettext_noop("concluding the agreement is prohibited"),
            provision=PROVISION,
        )
    )
    return Explained(ConclusionDecision(allowed, tuple(barring), tuple(excused)), tuple(steps))


def refusal_text(decision: ConclusionDecision) -> str | None:
    """The refusal the entity reads, naming the agreements that bar it and what it can do, or None if allowed."""
    if decision.allowed:
        return None
    return ngettext(
        "An agreement on increasing competitiveness cannot be concluded: the counter-obligations of the earlier "
        "agreement %(numbers)s were not fulfilled (IP-28.4). If the failure was due to circumstances beyond your "
        "control, ask the authorized body to record them with their evidence.",
        "An agreement on increasing competitiveness cannot be concluded: the counter-obligations of the earlier "
        "agreements %(numbers)s were not fulfilled (IP-28.4). If a failure was due to circumstances beyond your "
        "control, ask the authorized body to record them with their evidence.",
        len(decision.barring),
    ) % {"numbers": ", ".join(decision.barring)}
