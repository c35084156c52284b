"""What a criterion expected and what a state database answered, as sentences in the reader's language.

The criteria (`criteria/default.yaml`) and the results keep the databases' own field names and values
(`tax_arrears_kzt: 2038448.00`, `bankruptcy_proceedings: False`, a list of rights): exact, and what the API gives.
A person reads them here instead: each field by its name, amounts and dates as their language writes them, yes
and no for true and false, a right to premises or a licence as a phrase.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The databases' fields that the criteria read, by the name a person knows them by.
FIELDS = {
    "status": gettext_lazy("Registration status"),
    "resident": gettext_lazy("Resident of Kazakhstan"),
    "oked": gettext_lazy("Main activity (OKED code)"),
    "bankruptcy_proceedings": gettext_lazy("Bankruptcy proceedings"),
    "tax_arrears_kzt": gettext_lazy("Tax arrears"),
    "employees_by_month": gettext_lazy("Employees with pension contributions, by month"),
    "sales": gettext_lazy("Sales by e-invoices"),
    "purchases_kzt": gettext_lazy("Purchases by e-invoices"),
    "consumption_kwh_by_month": gettext_lazy("Electricity consumed"),
    "rights": gettext_lazy("Rights to premises and land"),
    "licences": gettext_lazy("Subsoil use licences and contracts"),
    "permits": gettext_lazy("Permits"),
    "record": gettext_lazy("Record in the database"),
}

WORDS = {
    "active": gettext_lazy("active"),
    "liquidated": gettext_lazy("liquidated"),
    "suspended": gettext_lazy("suspended"),
    "expired": gettext_lazy("expired"),
    "ownership": gettext_lazy("ownership"),
    "lease": gettext_lazy("lease"),
    "licence": gettext_lazy("licence"),
    "contract": gettext_lazy("contract"),
    "agricultural": gettext_lazy("agricultural"),
    "industrial": gettext_lazy("industrial"),
    "scrap_metal": gettext_lazy("collection and processing of scrap metal"),
    "present": gettext_lazy("present"),
    "not found": gettext_lazy("no record about the organization"),
}


def field(name: str) -> str:
    return str(FIELDS.get(name, name.replace("_", " ")))


def word(value: Any) -> str:
    """A value of a field: yes or no, a known word translated, anything else as given."""
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    if value is None or value == "":
        return "—"
    return str(WORDS.get(str(value), value))


def number(value: Any, places: int = 0) -> str:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    places = places if amount != amount.to_integral_value() else 0
    return formats.number_format(amount, decimal_pos=places, use_l10n=True, force_grouping=True)


def amount(name: str, value: Any) -> str:
    """A figure with its unit: tenge for the `_kzt` fields, kWh for electricity, people for employees."""
    shown = number(value, 2)
    if name.endswith("_kzt") or name == "sales":
        return _("%(amount)s ₸") % {"amount": shown}
    if "kwh" in name:
        return _("%(amount)s kWh") % {"amount": shown}
    if name.startswith("employees"):
        return _("%(amount)s people") % {"amount": shown}
    return shown


def day(value: Any) -> str:
    try:
        return formats.date_format(dt.date.fromisoformat(str(value)), "d.m.Y")
    except ValueError:
        return str(value)


def _item(item: Any) -> str:
    """A right, a licence or a permit as a phrase: what it is, where, and until when."""
    if not isinstance(item, dict):
        return word(item)
    parts = [word(item[k]) for k in ("right", "kind", "mineral", "purpose") if item.get(k)]
    if item.get("number"):
        parts.append(_("No. %(number)s") % {"number": item["number"]})
    if item.get("kato"):
        parts.append(_("at KATO %(kato)s") % {"kato": item["kato"]})
    if item.get("valid_to"):
        parts.append(_("until %(day)s") % {"day": day(item["valid_to"])})
    elif item.get("right") == "ownership" or "valid_to" in item:
        parts.append(_("without an end date"))
    if item.get("status") and item["status"] != "active":
        parts.append(f"({word(item['status'])})")
    return " ".join(parts)


def _quantity(name: str) -> bool:
    """A field holding an amount (tenge, kWh, people), not a code (OKED, KATO) that only looks like a number."""
    return name.endswith("_kzt") or "kwh" in name or name.startswith("employees") or name == "sales"


def _value(name: str, value: Any) -> str:
    if isinstance(value, list):
        if not value:
            return _("none")
        if all(isinstance(v, dict) for v in value):
            return "; ".join(_item(v) for v in value)
        return ", ".join(amount(name, v) if _quantity(name) else word(v) for v in value)
    return amount(name, value) if _quantity(name) and not isinstance(value, bool) else word(value)


def _how(spec: dict[str, Any]) -> str:
    """How a threshold was reached: `6 MCI × 4,325 ₸` or the parameter's value."""
    if "mci" in spec:
        return (
            " ("
            + _("%(count)s MCI × %(mci)s ₸") % {"count": number(spec["parameter_value"]), "mci": number(spec["mci"])}
            + ")"
        )
    return ""


def _plain_expectation(name: str, spec: Any) -> str:
    if isinstance(spec, list):
        return _("%(field)s: one of %(values)s") % {"field": field(name), "values": ", ".join(map(word, spec))}
    return f"{field(name)}: {word(spec)}"


def _codes(codes: list[str]) -> str:
    return f"{codes[0]}–{codes[-1]}" if len(codes) > 3 else ", ".join(codes)


def _in_force(label: str, spec: dict[str, Any]) -> str:
    kinds = [word(v) for k, v in spec.items() if k not in ("in_force_on", "at")]
    if not kinds:
        return _("%(field)s: at least one in force on %(day)s") % {"field": label, "day": day(spec["in_force_on"])}
    return _("%(field)s: at least one (%(kind)s) in force on %(day)s") % {
        "field": label,
        "kind": ", ".join(kinds),
        "day": day(spec["in_force_on"]),
    }


# Each kind of expectation the rules record (rules.EVALUATORS), by the key that marks it, as a sentence.
_PHRASES: list[tuple[str, Any]] = [
    (
        "at_most",
        lambda n, label, s: _("%(field)s: at most %(limit)s") % {"field": label, "limit": amount(n, s["at_most"])},
    ),
    (
        "more_than",
        lambda n, label, s: _("%(field)s: more than %(limit)s") % {"field": label, "limit": amount(n, s["more_than"])},
    ),
    (
        "not_in",
        lambda n, label, s: (
            _("%(field)s: none of %(values)s") % {"field": label, "values": ", ".join(map(word, s["not_in"]))}
        ),
    ),
    (
        "starts_with_one_of",
        lambda n, label, s: (
            _("%(field)s: a code beginning with %(codes)s") % {"field": label, "codes": _codes(s["starts_with_one_of"])}
        ),
    ),
    (
        "sales_of_each_code",
        lambda n, label, s: (
            _("Sales of each declared product code: %(codes)s") % {"codes": ", ".join(s["sales_of_each_code"])}
        ),
    ),
    (
        "ownership or a valid lease at",
        lambda n, label, s: (
            _("Ownership or a lease in force of premises at the production site (KATO %(kato)s)")
            % {"kato": s["ownership or a valid lease at"]}
        ),
    ),
    ("in_force_on", lambda n, label, s: _in_force(label, s)),
]


def _expectation(name: str, spec: Any) -> str:
    if not isinstance(spec, dict):
        return _plain_expectation(name, spec)
    label, how = field(name), _how(spec)
    for key, phrase in _PHRASES:
        if key in spec:
            return str(phrase(name, label, spec)) + how
    for key, limit in spec.items():
        if key.startswith("each ") and key.endswith(" at least"):
            return (
                _("%(field)s: at least %(limit)s in each month") % {"field": label, "limit": amount(name, limit)} + how
            )
        if key.startswith("total ") and key.endswith(" at least"):
            return _("%(field)s: at least %(limit)s in total") % {"field": label, "limit": amount(name, limit)} + how
    return f"{label}: " + ", ".join(f"{k.replace('_', ' ')} {word(v)}" for k, v in spec.items())


def expected(values: dict[str, Any]) -> str:
    """What a criterion expected, as a sentence."""
    return "; ".join(_expectation(name, spec) for name, spec in values.items())


def found(values: dict[str, Any]) -> str:
    """What the database answered, as a sentence."""
    parts = []
    for name, value in values.items():
        if isinstance(value, dict) and "codes_with_sales" in value and not value["codes_without_sales"]:
            parts.append(
                _("Sales found for each declared code: %(codes)s") % {"codes": ", ".join(value["codes_with_sales"])}
            )
        elif isinstance(value, dict) and "codes_with_sales" in value:
            parts.append(
                _("Sales found for %(with)s; none for %(without)s")
                % {
                    "with": ", ".join(value["codes_with_sales"]) or _("no code"),
                    "without": ", ".join(value["codes_without_sales"]) or _("no code"),
                }
            )
        else:
            parts.append(f"{field(name)}: {_value(name, value)}")
    return "; ".join(parts)
