"""Digital verification as pure functions (IP-51-1.3, IP-1.23-1): criteria are data, evaluated on the answers
of the state databases. No database, no I/O; the reference date and the thresholds come in as arguments.

A criterion fails only on an answer that says so. An answer that cannot be read (a missing field, a wrong type)
raises `UnreadableAnswer`: the source is treated as unavailable and the verification waits (DESIGN 5).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from nisi.law import params

DEFAULT_CRITERIA = Path(__file__).parent / "criteria" / "default.yaml"
OPERATORS = {"eq", "not_in", "prefix_in", "lte", "gt", "all_gte", "sum_gte", "covers_codes", "any_at_site"}


class UnreadableAnswer(ValueError):
    """The source answered, but not with the data the criterion reads."""


@dataclass(frozen=True)
class Criterion:
    id: str
    title: dict[str, str]
    source: str
    rule: dict[str, Any]
    provision: str
    applies_to: tuple[str, ...]

    def title_in(self, language: str) -> str:
        return self.title.get(language) or self.title["en"]


@dataclass(frozen=True)
class CriteriaSet:
    version: str
    reference: str
    criteria: tuple[Criterion, ...]

    def for_purpose(self, purpose: str) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if purpose in c.applies_to)

    def sources(self, purpose: str) -> list[str]:
        return sorted({c.source for c in self.for_purpose(purpose)})


@dataclass(frozen=True)
class Context:
    """What the criteria are checked against: the date, the declared goods and the production site."""

    on: dt.date
    declared_codes: tuple[str, ...] = ()
    site_kato: str = ""


@dataclass(frozen=True)
class Outcome:
    criterion: str
    source: str
    provision: str
    passed: bool
    expected: dict[str, Any]
    found: dict[str, Any] = field(default_factory=dict)


def load_criteria(path: Path) -> CriteriaSet:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    criteria = []
    seen: set[str] = set()
    for raw in data["criteria"]:
        op = raw["rule"]["op"]
        if op not in OPERATORS:
            raise ValueError(f"{path.name}: criterion {raw['id']} has an unknown rule operator {op!r}")
        if raw["id"] in seen:
            raise ValueError(f"{path.name}: criterion {raw['id']} is defined twice")
        seen.add(raw["id"])
        criteria.append(
            Criterion(
                id=raw["id"],
                title=raw["title"],
                source=raw["source"],
                rule=raw["rule"],
                provision=raw["provision"],
                applies_to=tuple(raw["applies_to"]),
            )
        )
    return CriteriaSet(version=str(data["version"]), reference=data["reference"], criteria=tuple(criteria))


@cache
def active_criteria() -> CriteriaSet:
    """The configured criteria: NISI_VERIFICATION_CRITERIA names a YAML file; the default set otherwise."""
    return load_criteria(Path(os.environ.get("NISI_VERIFICATION_CRITERIA", DEFAULT_CRITERIA)))


def _get(data: dict[str, Any], path: str) -> Any:
    if path not in data:
        raise UnreadableAnswer(f"the answer has no field '{path}'")
    return data[path]


def _decimal(value: Any, what: str) -> Decimal:
    if isinstance(value, bool) or isinstance(value, float):
        raise UnreadableAnswer(f"{what} is not an exact number: {value!r}")
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise UnreadableAnswer(f"{what} is not a number: {value!r}") from None


def threshold_value(rule: dict[str, Any], on: dt.date) -> tuple[Decimal, dict[str, Any]]:
    """The threshold of a rule on a date, and how it was reached (parameter, MCI)."""
    spec = rule["threshold"]
    value = params.value_on(spec["parameter"], on)
    amount = Decimal(str(value.value))
    how: dict[str, Any] = {"parameter": spec["parameter"], "parameter_value": str(value.value)}
    if spec.get("in_mci"):
        mci = params.value_on("mci", on)
        amount *= Decimal(mci.value)
        how["mci"] = str(mci.value)
    return amount, how


def evaluate(criterion: Criterion, data: dict[str, Any], context: Context) -> Outcome:
    """Applies one criterion to one source's answer."""
    rule = criterion.rule
    op, path = rule["op"], rule["path"]
    if data.get("found") is False:
        return Outcome(
            criterion.id,
            criterion.source,
            criterion.provision,
            False,
            expected={"record": "present"},
            found={"record": "not found"},
        )
    passed: bool
    expected: dict[str, Any]
    found: dict[str, Any]
    if op == "eq":
        value = _get(data, path)
        passed, expected, found = value == rule["value"], {path: rule["value"]}, {path: value}
    elif op == "not_in":
        value = _get(data, path)
        passed, expected, found = value not in rule["value"], {path: {"not_in": rule["value"]}}, {path: value}
    elif op == "prefix_in":
        value = str(_get(data, path))
        passed = any(value.startswith(p) for p in rule["value"])
        expected, found = {path: {"starts_with_one_of": rule["value"]}}, {path: value}
    elif op == "gt":
        value = _decimal(_get(data, path), path)
        passed, expected, found = (
            value > Decimal(str(rule["value"])),
            {path: {"more_than": str(rule["value"])}},
            {path: str(value)},
        )
    elif op == "lte":
        value = _decimal(_get(data, path), path)
        limit, how = threshold_value(rule, context.on)
        passed, expected, found = value <= limit, {path: {"at_most": str(limit), **how}}, {path: str(value)}
    elif op in ("all_gte", "sum_gte"):
        items = _get(data, path)
        if not isinstance(items, list):
            raise UnreadableAnswer(f"'{path}' is not a list")
        values = [_decimal(_get(item, rule["field"]), rule["field"]) for item in items]
        limit, how = threshold_value(rule, context.on)
        if op == "all_gte":
            passed = bool(values) and all(v >= limit for v in values)
            expected = {path: {f"each {rule['field']} at least": str(limit), **how}}
            found = {path: [str(v) for v in values]}
        else:
            passed = sum(values, Decimal(0)) >= limit
            expected = {path: {f"total {rule['field']} at least": str(limit), **how}}
            found = {path: str(sum(values, Decimal(0)))}
    elif op == "covers_codes":
        items = _get(data, path)
        if not isinstance(items, list):
            raise UnreadableAnswer(f"'{path}' is not a list")
        sold = {str(_get(item, "code")) for item in items if _decimal(_get(item, rule["field"]), rule["field"]) > 0}
        missing = [code for code in context.declared_codes if code not in sold]
        passed = not missing and bool(context.declared_codes)
        expected = {path: {"sales_of_each_code": list(context.declared_codes)}}
        found = {path: {"codes_with_sales": sorted(sold), "codes_without_sales": missing}}
    elif op == "any_at_site":
        rights = _get(data, path)
        if not isinstance(rights, list):
            raise UnreadableAnswer(f"'{path}' is not a list")
        valid = [
            r
            for r in rights
            if str(_get(r, "kato")) == context.site_kato
            and (
                _get(r, "right") == "ownership"
                or (r.get("valid_to") and dt.date.fromisoformat(r["valid_to"]) >= context.on)
            )
        ]
        passed = bool(valid)
        expected = {path: {"ownership or a valid lease at": context.site_kato}}
        found = {path: rights}
    else:  # pragma: no cover - load_criteria refuses unknown operators
        raise ValueError(op)
    return Outcome(criterion.id, criterion.source, criterion.provision, passed, expected, found)
