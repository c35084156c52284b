"""Dated parameters read from `parameters/*.yaml` (DESIGN 1).

`value_on("mci", date)` answers with the value in force on that date, the date it took effect, its source and
its confidence; errors say what the caller can do instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext, gettext_noop

from nisi.law import enactments
from nisi.law.display import value_for_reader
from nisi.law.trace import Step

PARAMETERS_DIR = Path(__file__).parent / "parameters"
GENERAL = "general"
CALENDAR_FILE = "calendar.yaml"  # the legal calendar's table, not a parameter
KINDS = {"amount", "rate", "share", "multiple", "term", "annual_date", "count", "date"}


class ParameterError(LookupError):
    """A parameter question that cannot be answered; the message says what to ask instead."""


class UnknownParameter(ParameterError):
    pass


class NoValueOnDate(ParameterError):
    pass


@dataclass(frozen=True)
class DatedValue:
    effective_from: dt.date
    value: Any  # None: repealed from that date
    reference: str
    confidence: str = "high"
    note: str = ""
    same_as: str | None = None


@dataclass(frozen=True)
class Parameter:
    name: str
    title: dict[str, str]
    kind: str
    unit: str
    provisions: tuple[str, ...]
    source_file: str
    note: str = ""
    values: dict[str, tuple[DatedValue, ...]] = field(default_factory=dict)  # purpose -> dated values
    purpose_titles: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def purposes(self) -> list[str]:
        return list(self.values)

    def title_in(self, language: str) -> str:
        return self.title.get(language) or self.title["en"]


@dataclass(frozen=True)
class ParameterValue:
    """A parameter's value on a date, with where it came from."""

    name: str
    purpose: str
    on: dt.date
    value: Any
    unit: str
    kind: str
    effective_from: dt.date
    effective_to: dt.date | None  # the day before the next change, if any
    reference: str
    confidence: str
    note: str
    provisions: tuple[str, ...]

    @property
    def unconfirmed(self) -> bool:
        return self.confidence != "high"

    def for_reader(self) -> str:
        """The value in the reader's language and number format (`display` is the same for every reader)."""
        return value_for_reader(self.kind, self.unit, self.value)

    def display(self) -> str:
        if self.kind == "share":
            return f"{(Decimal(self.value) * 100).normalize():f} %"
        if self.kind == "rate":
            return f"{self.value} %"
        if self.kind in {"term", "multiple", "amount", "count"}:
            return f"{self.value:,}".replace(",", " ") + f" {self.unit}"
        return str(self.value)

    def step(self) -> Step:
        return Step(
            message=gettext_noop("%(name)s = %(value)s"),
            params={"name": self.name, "value": self.display()},
            provision=self.provisions[0] if self.provisions else None,
            parameter=self.name if self.purpose == GENERAL else f"{self.name}[{self.purpose}]",
            value=str(self.value),
            effective_from=self.effective_from,
            reference=self.reference,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "purpose": self.purpose,
            "on": self.on.isoformat(),
            "value": str(self.value),
            "display": self.display(),
            "unit": self.unit,
            "kind": self.kind,
            "effective_from": self.effective_from.isoformat(),
            "effective_to": self.effective_to.isoformat() if self.effective_to else None,
            "reference": self.reference,
            "confidence": self.confidence,
            "note": self.note,
            "provisions": list(self.provisions),
        }


def _parse_value(kind: str, raw: Any, where: str) -> Any:
    if raw is None:
        return None
    if kind in {"share", "rate", "amount"}:
        value = Decimal(str(raw))
        if kind == "share" and not (0 <= value <= 1):
            raise ValueError(f"{where}: a share is a fraction between 0 and 1, got {raw}")
        return value
    if kind in {"term", "multiple", "count"}:
        if not isinstance(raw, int) or raw < 0:
            raise ValueError(f"{where}: expected a non-negative whole number, got {raw!r}")
        return raw
    if kind == "annual_date":
        month, day = (int(p) for p in str(raw).split("-"))
        dt.date(2024, month, day)  # refuses an impossible day of the year
        return f"{month:02d}-{day:02d}"
    if kind == "date":
        return dt.date.fromisoformat(str(raw))
    raise ValueError(f"{where}: unknown kind {kind!r}")


def _as_date(key: Any, where: str) -> dt.date:
    """A value's start date: a calendar date, or `188-VIII+60` (derived from the law's publication date)."""
    return enactments.resolve(key, where)


def _dated_values(kind: str, raw_values: dict[Any, Any], where: str) -> tuple[DatedValue, ...]:
    out = []
    for key, entry in raw_values.items():
        effective_from = _as_date(key, where)
        here = f"{where} {effective_from}"
        if entry is None:
            out.append(DatedValue(effective_from, None, "repealed"))
            continue
        meta = entry.get("metadata") or {}
        if "same_as" in entry:
            out.append(DatedValue(effective_from, None, entry.get("reference", ""), same_as=entry["same_as"]))
            continue
        if "reference" not in entry or not entry["reference"]:
            raise ValueError(f"{here}: every value needs a reference (its source)")
        out.append(
            DatedValue(
                effective_from=effective_from,
                value=_parse_value(kind, entry["value"], here),
                reference=entry["reference"],
                confidence=meta.get("confidence", "low" if enactments.symbolic_unconfirmed(key) else "high"),
                note=meta.get("note", ""),
            )
        )
    out.sort(key=lambda v: v.effective_from)
    return tuple(out)


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_file(path: Path) -> dict[str, Parameter]:
    # libyaml's parser where PyYAML has it (the same safe constructor): ~5 times faster than the pure-Python one.
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or {}  # noqa: S506 - a safe loader
    out: dict[str, Parameter] = {}
    for name, spec in data.items():
        where = f"{path.name}:{name}"
        kind = spec["kind"]
        if kind not in KINDS:
            raise ValueError(f"{where}: unknown kind {kind!r}")
        values = {GENERAL: _dated_values(kind, spec["values"], where)}
        purpose_titles = {}
        for purpose, pspec in (spec.get("by_purpose") or {}).items():
            values[purpose] = _dated_values(kind, pspec["values"], f"{where}[{purpose}]")
            purpose_titles[purpose] = pspec.get("title", {})
        out[name] = Parameter(
            name=name,
            title=spec["title"],
            kind=kind,
            unit=spec["unit"],
            provisions=tuple(spec.get("provisions", [])),
            source_file=path.name,
            note=" ".join(str(spec.get("note", "")).split()),
            values=values,
            purpose_titles=purpose_titles,
        )
    return out


@cache
def catalogue() -> dict[str, Parameter]:
    """All parameters, by name, from every YAML file in `parameters/`."""
    out: dict[str, Parameter] = {}
    for path in sorted(PARAMETERS_DIR.glob("*.yaml")):
        if path.name == CALENDAR_FILE:
            continue
        for name, parameter in _load_file(path).items():
            if name in out:
                raise ValueError(f"parameter {name} is defined twice ({out[name].source_file}, {path.name})")
            out[name] = parameter
    return out


def get(name: str) -> Parameter:
    try:
        return catalogue()[name]
    except KeyError:
        known = ", ".join(sorted(catalogue()))
        raise UnknownParameter(
            gettext("There is no parameter named '%(name)s'. Known parameters: %(known)s.")
            % {"name": name, "known": known}
        ) from None


def value_on(name: str, on: dt.date, *, purpose: str = GENERAL) -> ParameterValue:
    """The value of `name` in force on `on` (for `purpose`, where the value depends on it)."""
    parameter = get(name)
    if purpose not in parameter.values:
        raise UnknownParameter(
            gettext("Parameter '%(name)s' has no purpose '%(purpose)s'. Choose one of: %(purposes)s.")
            % {"name": name, "purpose": purpose, "purposes": ", ".join(parameter.purposes)}
        )
    table = parameter.values[purpose]
    applicable = [v for v in table if v.effective_from <= on]
    if not applicable:
        raise NoValueOnDate(
            gettext("Parameter '%(name)s' has no value before %(date)s; ask for a date on or after it.")
            % {"name": name, "date": table[0].effective_from.isoformat()}
        )
    current = applicable[-1]
    later = [v for v in table if v.effective_from > on]
    effective_to = later[0].effective_from - dt.timedelta(days=1) if later else None
    if current.same_as is not None:
        inner = value_on(name, on, purpose=current.same_as)
        ends = [d for d in (effective_to, inner.effective_to) if d is not None]
        return ParameterValue(
            name=name,
            purpose=purpose,
            on=on,
            value=inner.value,
            unit=inner.unit,
            kind=inner.kind,
            effective_from=max(current.effective_from, inner.effective_from),
            effective_to=min(ends) if ends else None,
            reference=inner.reference,
            confidence=inner.confidence,
            note=f"same as the {current.same_as} value on this date",
            provisions=parameter.provisions,
        )
    if current.value is None:
        raise NoValueOnDate(
            gettext("Parameter '%(name)s' was repealed on %(date)s; ask for a date before it.")
            % {"name": name, "date": current.effective_from.isoformat()}
        )
    return ParameterValue(
        name=name,
        purpose=purpose,
        on=on,
        value=current.value,
        unit=parameter.unit,
        kind=parameter.kind,
        effective_from=current.effective_from,
        effective_to=effective_to,
        reference=current.reference,
        confidence=current.confidence,
        note=current.note,
        provisions=parameter.provisions,
    )


def history(name: str, *, purpose: str = GENERAL) -> list[DatedValue]:
    parameter = get(name)
    if purpose not in parameter.values:
        raise UnknownParameter(
            gettext("Parameter '%(name)s' has no purpose '%(purpose)s'. Choose one of: %(purposes)s.")
            % {"name": name, "purpose": purpose, "purposes": ", ".join(parameter.purposes)}
        )
    return list(parameter.values[purpose])


@cache
def transferred_working_days() -> dict[dt.date, str]:
    """Weekend days made working days by a Government decree, with the decree."""
    data = yaml.safe_load((PARAMETERS_DIR / CALENDAR_FILE).read_text(encoding="utf-8"))
    return {_as_date(k, "calendar.yaml"): v["reference"] for k, v in data["transferred_working_days"].items()}


@cache
def _holiday_names_ru() -> dict[str, str]:
    data = yaml.safe_load((PARAMETERS_DIR / CALENDAR_FILE).read_text(encoding="utf-8"))
    return dict(data["holiday_names_ru"])


def holiday_name_ru(name_en: str) -> str:
    """The Russian name of a holiday named in English by the holidays package (with its suffixes)."""
    return "; ".join(_one_holiday_name_ru(part) for part in name_en.split("; "))


def _one_holiday_name_ru(name_en: str) -> str:
    names = _holiday_names_ru()
    estimated = name_en.endswith(" (estimated)")
    base = name_en.removesuffix(" (estimated)")
    observed = base.endswith(" (observed)")
    base = base.removesuffix(" (observed)")
    if base.startswith("Day off (substituted from "):
        month, day, year = base.removeprefix("Day off (substituted from ").rstrip(")").split("/")
        text = f"{names['Day off']} (перенесён с {day}.{month}.{year})"
    else:
        text = names.get(base, base)
    if observed:
        text += f" ({names['observed']})"
    if estimated:
        text += f" ({names['estimated']})"
    return text
