"""A producer's answers about closed days, kept by stretch of days instead of day by day (ADR 17, addendum 8).

"Was this producer in the register on D?" is asked about any day, and almost never twice about the same one: kept
day by day, such answers were nearly all built anew (a tenth of the lookups, at twice the cost of one about today).
Yet the answer about D (`selectors.record_on`, `answer_statements.producer_json`) depends on D only through
comparisons with the dates of the producer's own rows — its periods' `included_from` and `included_to`, its goods'
`included_on` and `removed_on`, each compared so that the new value holds from that date on — and through the `on`
it repeats. Between two consecutive such dates (a *stretch*) every answer is the same but for `on`. So a producer's
history is kept as one value: those dates, and the answer of each stretch asked about so far with the place of its
`on`; the answer about any day of a known stretch is that text with the day written in.

The value serves only days before the day it was built on (Kazakhstan's): a change that takes effect from today
does not retire the answers about closed days (`public_answers`), and may add a date that the value does not know,
which can split only stretches from today on. Pure: no database, no cache, no clock.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import re
from dataclasses import dataclass, field

# Where an answer says which day it is about: its first `"on"` key (top level, before its periods and goods; a name
# or basis before it cannot hold an unescaped quote), written as PostgreSQL's json_build_object or Python's json do.
_ON = '"on"\\s*:\\s*"{day}"'


@dataclass
class History:
    """One producer's answers about closed days: `dates` where its answer changes (None: never in the register),
    and the answers of the stretches asked about so far, each as the text before and after its day."""

    built_on: dt.date
    dates: list[dt.date] | None
    stretches: dict[int, tuple[str, str]] = field(default_factory=dict)

    def stretch(self, on: dt.date) -> int:
        """The stretch of `on`: how many of the dates are on or before it."""
        return bisect.bisect_right(self.dates or [], on)

    def answer(self, on: dt.date) -> tuple[bool, bytes | None]:
        """(True, the answer about `on`) — None: never in the register — if this value knows it; (False, None)
        otherwise (a stretch not asked about yet, or a day not closed when the value was built)."""
        if on >= self.built_on:
            return False, None
        if self.dates is None:
            return True, None
        kept = self.stretches.get(self.stretch(on))
        if kept is None:
            return False, None
        return True, f"{kept[0]}{on.isoformat()}{kept[1]}".encode()

    def add(self, on: dt.date, text: bytes) -> bool:
        """Keeps the answer about `on` for its stretch; False if the text does not say its day where expected (it
        is then not kept, and the day's own answer stands)."""
        if self.dates is None or on >= self.built_on:
            return False
        decoded = text.decode()
        found = re.search(_ON.format(day=on.isoformat()), decoded)
        if found is None:
            return False
        day_at = found.end() - len(on.isoformat()) - 1
        self.stretches[self.stretch(on)] = (decoded[:day_at], decoded[day_at + len(on.isoformat()) :])
        return True

    def encode(self) -> bytes:
        return json.dumps(
            {
                "built_on": self.built_on.isoformat(),
                "dates": None if self.dates is None else [d.isoformat() for d in self.dates],
                "stretches": {str(n): list(parts) for n, parts in self.stretches.items()},
            },
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode()

    @classmethod
    def decode(cls, raw: bytes) -> History | None:
        """The value as kept; None if it is not one (a value of another kind, or damaged)."""
        try:
            value = json.loads(raw)
            dates = value["dates"]
            return cls(
                built_on=dt.date.fromisoformat(value["built_on"]),
                dates=None if dates is None else [dt.date.fromisoformat(d) for d in dates],
                stretches={int(n): (parts[0], parts[1]) for n, parts in value["stretches"].items()},
            )
        except (ValueError, KeyError, TypeError, IndexError):
            return None


Dates = list[tuple[dt.date, dt.date | None]]


def dates_of(periods: Dates, goods: Dates) -> list[dt.date]:
    """The dates where a producer's answer about a day changes: its periods' starts and ends, its goods' inclusions
    and removals, sorted, each once."""
    return sorted({d for pair in (*periods, *goods) for d in pair if d is not None})
