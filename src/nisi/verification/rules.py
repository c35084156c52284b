"""Digital verification as pure functions (IP-51-1.3, IP-1.23-1): criteria are data, evaluated on the answers
of the state databases. No database, no I/O; the reference date and the thresholds come in as arguments.

A criterion fails only on an answer that says so. An answer that cannot be read (a missing field, a wrong type)
raises `UnreadableAnswer`: the source is treated as unavailable and the verification waits (DESIGN 5).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from nisi.law import params

DEFAULT_CRITERIA = Path(__file__).parent / "criteria" / "default.yaml"

# The kinds of production a verification confirms: manufacturing (goods assessed under IP-51-1), and the three
# kinds of goods wholly produced in Kazakhstan (IP-51-3.1: natural resources extracted, agricultural products, scrap
# and waste of metals). A criterion names the kinds it applies to; one that names none applies to every kind.
ACTIVITIES = ("manufacturing", "natural_resources", "agriculture", "scrap")
# A verification that names no kind (made before kinds were kept) is of a manufacturer, as every one was then.
DEFAULT_ACTIVITIES = ("manufacturing",)


def activities_of(stored: Iterable[str] | None) -> tuple[str, ...]:
    """The kinds of production a verification confirms, as stored on it (none stored: manufacturing)."""
    kinds = tuple(sorted(set(stored or ())))
    return kinds or DEFAULT_ACTIVITIES


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
    activities: tuple[str, ...] = ()  # the kinds of production it applies to; none: every kind

    def title_in(self, language: str) -> str:
        return self.title.get(language) or self.title["en"]

    def applies(self, purpose: str, activities: Iterable[str] | None) -> bool:
        """Checked on this purpose, for a producer of these kinds (None: whatever the kind)."""
        if purpose not in self.applies_to:
            return False
        return activities is None or not self.activities or bool(set(self.activities) & set(activities))


@dataclass(frozen=True)
class CriteriaSet:
    version: str
    reference: str
    criteria: tuple[Criterion, ...]
    source_titles: dict[str, dict[str, str]] = field(default_factory=dict)

    def source_title(self, source: str, language: str) -> str:
        titles = self.source_titles.get(source, {})
        return titles.get(language) or titles.get("en") or source

    def for_purpose(self, purpose: str, activities: Iterable[str] | None = None) -> tuple[Criterion, ...]:
        """The criteria checked on this purpose for a producer of these kinds of production (None: of any kind)."""
        kinds = None if activities is None else tuple(activities)
        return tuple(c for c in self.criteria if c.applies(purpose, kinds))

    def sources(self, purpose: str, activities: Iterable[str] | None = None) -> list[str]:
        return sorted({c.source for c in self.for_purpose(purpose, activities)})


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
        if op not in EVALUATORS:
            raise ValueError(f"{path.name}: criterion {raw['id']} has an unknown rule operator {op!r}")
        if raw["id"] in seen:
            raise ValueError(f"{path.name}: criterion {raw['id']} is defined twice")
        seen.add(raw["id"])
        unknown = [a for a in raw.get("activities", ()) if a not in ACTIVITIES]
        if unknown:
            raise ValueError(f"{path.name}: criterion {raw['id']} names unknown kinds of production {unknown}")
        criteria.append(
            Criterion(
                id=raw["id"],
                title=raw["title"],
                source=raw["source"],
                rule=raw["rule"],
                provision=raw["provision"],
                applies_to=tuple(raw["applies_to"]),
                activities=tuple(raw.get("activities", ())),
            )
        )
    return CriteriaSet(
        version=str(data["version"]),
        reference=data["reference"],
        criteria=tuple(criteria),
        source_titles=data.get("sources", {}),
    )


@cache
def active_criteria() -> CriteriaSet:
    """The configured criteria: NISI_VERIFICATION_CRITERIA names a YAML file; the default set otherwise."""
    return load_criteria(Path(os.environ.get("NISI_VERIFICATION_CRITERIA", DEFAULT_CRITERIA)))


def _get(data: dict[str, Any], path: str) -> Any:
    if path not in data:
        raise UnreadableAnswer(f"the answer has no field '{path}'")
    return data[path]


def _decimal(value: Any, what: str) -> Decimal:
    if isinstance(value, (bool, float)):
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


Judgement = tuple[bool, dict[str, Any], dict[str, Any]]  # passed, expected, found


def _list(data: dict[str, Any], path: str) -> list[Any]:
    items = _get(data, path)
    if not isinstance(items, list):
        raise UnreadableAnswer(f"'{path}' is not a list")
    return items


def _eq(rule: dict[str, Any], data: dict[str, Any], context: Context) -> Judgement:
    value = _get(data, rule["path"])
    return value == rule["value"], {rule["path"]: rule["value"]}, {rule["path"]: value}


def _not_in(rule: dict[str, Any], data: dict[str, Any], context: Context) -> Judgement:
    value = _get(data, rule["path"])
    return value not in rule["value"], {rule["path"]: {"not_in": rule["value"]}}, {rule["path"]: value}


def _prefix_in(rule: dict[str, Any], data: dict[str, Any], context: Context) -> Judgement:
    value = str(_get(data, rule["path"]))
    passed = any(value.startswith(p) for p in rule["value"])
    return passed, {rule["path"]: {"starts_with_one_of": rule["value"]}}, {rule["path"]: value}


def _gt(rule: dict[str, Any], data: dict[str, Any], context: Context) -> Judgement:
    path = rule["path"]
    value = _decimal(_get(data, path), path)
    return value > Decimal(str(rule["value"])), {path: {"more_than": str(rule["value"])}}, {path: str(value)}


def _lte(rule: dict[str, Any], data: dict[str, Any], context: Context) -> Judgement:
    path = rule["path"]
    value = _decimal(_get(data, path), path)
    limit, how = threshold_value(rule, context.on)
    return value <= limit, {path: {"at_most": str(limit), **how}}, {path: str(value)}


def _all_gte(rule: dict[str, Any], data: dict[str, Any], context: Context) -> Judgement:
    path, name = rule["path"], rule["field"]
    values = [_decimal(_get(item, name), name) for item in _list(data, path)]
    limit, how = threshold_value(rule, context.on)
    passed = bool(values) and all(v >= limit for v in values)
    return passed, {path: {f"each {name} at least": str(limit), **how}}, {path: [str(v) for v in values]}


def _sum_gte(rule: dict[str, Any], data: dict[str, Any], context: Context) -> Judgement:
    path, name = rule["path"], rule["field"]
    total = sum((_decimal(_get(item, name), name) for item in _list(data, path)), Decimal(0))
    limit, how = threshold_value(rule, context.on)
    return total >= limit, {path: {f"total {name} at least": str(limit), **how}}, {path: str(total)}


def _covers_codes(rule: dict[str, Any], data: dict[str, Any], context: Context) -> Judgement:
    path, name = rule["path"], rule["field"]
    sold = {str(_get(item, "code")) for item in _list(data, path) if _decimal(_get(item, name), name) > 0}
    missing = [code for code in context.declared_codes if code not in sold]
    passed = not missing and bool(context.declared_codes)
    found = {path: {"codes_with_sales": sorted(sold), "codes_without_sales": missing}}
    return passed, {path: {"sales_of_each_code": list(context.declared_codes)}}, found


def _right_holds(right: dict[str, Any], context: Context) -> bool:
    if str(_get(right, "kato")) != context.site_kato:
        return False
    if _get(right, "right") == "ownership":
        return True
    valid_to = right.get("valid_to")
    return bool(valid_to) and dt.date.fromisoformat(str(valid_to)) >= context.on


def _any_at_site(rule: dict[str, Any], data: dict[str, Any], context: Context) -> Judgement:
    path = rule["path"]
    rights = _list(data, path)
    passed = any(_right_holds(r, context) for r in rights)
    return passed, {path: {"ownership or a valid lease at": context.site_kato}}, {path: rights}


def _holds_on(item: dict[str, Any], on: dt.date) -> bool:
    """A right, licence or permit in force on a date: active if it has a status, begun, and not expired (ownership
    and open-ended documents have no end)."""
    if "status" in item and _get(item, "status") != "active":
        return False
    for name, before in (("valid_from", True), ("valid_to", False)):
        value = item.get(name)
        if value in (None, ""):
            continue
        try:
            day = dt.date.fromisoformat(str(value))
        except ValueError:
            raise UnreadableAnswer(f"{name} is not a date: {value!r}") from None
        if (day > on) if before else (day < on):
            return False
    return True


def _any_valid(rule: dict[str, Any], data: dict[str, Any], context: Context) -> Judgement:
    """At least one item of the list (a licence, a permit, a right to land) matches `where`, is in force on the
    date and, with `at_site`, is at the production site."""
    path, where = rule["path"], rule.get("where", {})
    items = _list(data, path)
    if not all(isinstance(i, dict) for i in items):
        raise UnreadableAnswer(f"'{path}' holds something other than records")
    matching = [i for i in items if all(i.get(k) == v for k, v in where.items())]
    passed = any(
        _holds_on(i, context.on) and (not rule.get("at_site") or str(_get(i, "kato")) == context.site_kato)
        for i in matching
    )
    expected: dict[str, Any] = {"in_force_on": context.on.isoformat(), **where}
    if rule.get("at_site"):
        expected["at"] = context.site_kato
    return passed, {path: expected}, {path: items}


EVALUATORS = {
    "eq": _eq,
    "not_in": _not_in,
    "prefix_in": _prefix_in,
    "gt": _gt,
    "lte": _lte,
    "all_gte": _all_gte,
    "sum_gte": _sum_gte,
    "covers_codes": _covers_codes,
    "any_at_site": _any_at_site,
    "any_valid": _any_valid,
}


def evaluate(criterion: Criterion, data: dict[str, Any], context: Context) -> Outcome:
    """Applies one criterion to one source's answer."""
    if data.get("found") is False:
        return Outcome(
            criterion.id,
            criterion.source,
            criterion.provision,
            False,
            expected={"record": "present"},
            found={"record": "not found"},
        )
    passed, expected, found = EVALUATORS[criterion.rule["op"]](criterion.rule, data, context)
    return Outcome(criterion.id, criterion.source, criterion.provision, passed, expected, found)
