"""The laws that made and amended IP and AH, each with its one recorded publication date (data/enactments.yaml).

A provision that takes effect "upon expiry of N calendar days after the day of its first official publication"
applies from publication + N + 1 days: the N days begin the day after publication and the
provision applies once they have run out. Every in-force window and parameter start date that depends on a
publication is derived here, so correcting a publication date corrects them all.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DATA_FILE = Path(__file__).parent / "data" / "enactments.yaml"
# "188-VIII+60": sixty calendar days after the first official publication of Law No. 188-VIII.
SYMBOLIC_DATE = re.compile(r"^\s*(?P<law>[0-9]+-[IVX]+)\s*\+\s*(?P<days>[0-9]+)\s*$")


class UnknownLaw(LookupError):
    pass


@dataclass(frozen=True)
class Enactment:
    number: str
    title: str
    signed: dt.date
    published: dt.date | None
    confidence: str
    note: str

    @property
    def unconfirmed(self) -> bool:
        return self.published is None or self.confidence != "high"

    def in_force_from(self, days: int) -> dt.date:
        """The first day a provision of this law applies when it takes effect `days` calendar days after its
        first official publication. Without a recorded publication, the earliest day it can be (published on
        the day it was signed)."""
        return (self.published or self.signed) + dt.timedelta(days=days + 1)


def normalize(number: str) -> str:
    """A law number as the texts write it, with the Cyrillic І of some footnotes read as a Latin I."""
    return number.strip().replace("І", "I").replace("Х", "X").upper()


@cache
def catalogue() -> dict[str, Enactment]:
    raw = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8")) or {}
    return {
        normalize(number): Enactment(
            number=normalize(number),
            title=spec["title"],
            signed=spec["signed"],
            published=spec.get("published"),
            confidence=spec.get("confidence", "high") if spec.get("published") else "low",
            note=spec.get("note", ""),
        )
        for number, spec in raw.items()
    }


def get(number: str) -> Enactment:
    try:
        return catalogue()[normalize(number)]
    except KeyError:
        raise UnknownLaw(
            f"Law No. {number} is not in law/data/enactments.yaml; record its signing and publication dates there."
        ) from None


def in_force_from(number: str, days: int) -> dt.date:
    return get(number).in_force_from(days)


def resolve(value: object, where: str) -> dt.date:
    """A date written in a data file: a calendar date, or `LAW+N` (N days after the law's publication)."""
    if isinstance(value, dt.date):
        return value
    text = str(value)
    if m := SYMBOLIC_DATE.match(text):
        return in_force_from(m.group("law"), int(m.group("days")))
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"{where}: {value!r} is neither a YYYY-MM-DD date nor LAW+DAYS (188-VIII+60)") from exc


def symbolic_unconfirmed(value: object) -> bool:
    """Whether a date written as `LAW+N` rests on a publication date that is not confirmed."""
    m = SYMBOLIC_DATE.match(str(value))
    return m is not None and get(m.group("law")).unconfirmed
