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
import re
from dataclasses import dataclass, field

# Where an answer says which day it is about: its first `"on"` key (top level, before its periods and goods; a name
# or basis before it cannot hold an unescaped quote), written as PostgreSQL's json_build_object or Python's json do.
_ON = rb'"on"\s*:\s*"'
NEVER = b"-"  # the dates line of a producer never in the register


@dataclass
class History:
    """One producer's answers about closed days: `dates` where its answer changes (ISO, ascending: as bytes they
    sort as the days do; None: never in the register), and the answers of the stretches asked about so far, each
    as the text before and after its day. Dates are kept as ISO bytes, compared as such: reading a kept value
    parses no date and decodes no text (a lookup's whole budget is a few hundred microseconds)."""

    built_on: bytes
    dates: list[bytes] | None
    stretches: dict[int, tuple[bytes, bytes]] = field(default_factory=dict)

    def stretch(self, day: bytes) -> int:
        """The stretch of `day` (ISO): how many of the dates are on or before it."""
        return bisect.bisect_right(self.dates or [], day)

    def answer(self, on: dt.date) -> tuple[bool, bytes | None]:
        """(True, the answer about `on`) — None: never in the register — if this value knows it; (False, None)
        otherwise (a stretch not asked about yet, or a day not closed when the value was built)."""
        day = on.isoformat().encode()
        if day >= self.built_on:
            return False, None
        if self.dates is None:
            return True, None
        kept = self.stretches.get(self.stretch(day))
        if kept is None:
            return False, None
        return True, kept[0] + day + kept[1]

    def add(self, on: dt.date, text: bytes) -> bool:
        """Keeps the answer about `on` for its stretch; False if the text does not say its day where expected (it
        is then not kept, and the day's own answer stands)."""
        day = on.isoformat().encode()
        if self.dates is None or day >= self.built_on:
            return False
        found = re.search(_ON + re.escape(day) + b'"', text)
        if found is None:
            return False
        at = found.end() - len(day) - 1
        self.stretches[self.stretch(day)] = (text[:at], text[at + len(day) :])
        return True

    def encode(self) -> bytes:
        """Three lines — the day built on, the dates, the stretches' numbers and lengths — then their texts."""
        dates = NEVER if self.dates is None else b",".join(self.dates)
        table = b",".join(b"%d:%d:%d" % (n, len(a), len(b)) for n, (a, b) in self.stretches.items())
        texts = b"".join(a + b for a, b in self.stretches.values())
        return b"\n".join((self.built_on, dates, table, texts))

    @classmethod
    def decode(cls, raw: bytes) -> History | None:
        """The value as kept; None if it is not one (a value of another kind, or damaged)."""
        try:
            built_on, dates, table, texts = raw.split(b"\n", 3)
            stretches = {}
            at = 0
            for entry in table.split(b",") if table else []:
                n, before, after = (int(x) for x in entry.split(b":"))
                stretches[n] = (texts[at : at + before], texts[at + before : at + before + after])
                at += before + after
        except ValueError:
            return None
        if at != len(texts) or len(built_on) != len(b"YYYY-MM-DD"):
            return None
        return cls(built_on, None if dates == NEVER else dates.split(b",") if dates else [], stretches)


Dates = list[tuple[dt.date, dt.date | None]]


def dates_of(periods: Dates, goods: Dates) -> list[dt.date]:
    """The dates where a producer's answer about a day changes: its periods' starts and ends, its goods' inclusions
    and removals, sorted, each once."""
    return sorted({d for pair in (*periods, *goods) for d in pair if d is not None})


def prior_dates_of(in_force: list[tuple[dt.date, dt.date]]) -> list[dt.date]:
    """The dates where the answer about a day before the register changes (`selectors.prior_recognition_text`), for
    the (first, last) days each of a BIN's prior certificates was in force: the first day of each, and the day after
    the last, sorted, each once."""
    return sorted({d for first, last in in_force for d in (first, last + dt.timedelta(days=1))})
