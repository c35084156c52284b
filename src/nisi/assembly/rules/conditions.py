"""The conditions of concluding and keeping an industrial assembly agreement by category, as pure functions: no
database, explicit dates, every threshold a dated parameter (`law/parameters/assembly.yaml`), the MCI the one in
force on the date asked: operations, models per brand, two-shift capacity and production assets in MCI (IP-63.2,
IP-64.1, IP-64.2), checked by the authorized body (IP-62.3); the categories and the FEA CN codes naming them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext, gettext_noop

from nisi.law import params
from nisi.law.money import mci_multiple, tenge
from nisi.law.trace import Explained, Step

ZERO = Decimal("0.00")


class Category(StrEnum):
    """What is assembled, as the law draws it: the five vehicles of IP-63.2, other vehicles (IP-63.1), tractors and
    combine and forage harvesters (IP-64.1), other agricultural machinery (IP-64.2), and components (IP-62.1)."""

    PASSENGER_CAR = "passenger_car"
    TRUCK_TRACTOR = "truck_tractor"
    BUS = "bus"
    SPECIAL_EQUIPMENT = "special_equipment"
    TRUCK = "truck"
    OTHER_VEHICLE = "other_vehicle"
    AGRICULTURAL_MAJOR = "agricultural_major"
    AGRICULTURAL_OTHER = "agricultural_other"
    VEHICLE_COMPONENTS = "vehicle_components"
    AGRICULTURAL_COMPONENTS = "agricultural_components"


class Form(StrEnum):
    """The three standard forms of IP-62.1."""

    VEHICLES = "vehicles"
    AGRICULTURAL = "agricultural"
    COMPONENTS = "components"


class Operation(StrEnum):
    WELDING = "welding"
    PAINTING = "painting"
    CATAPHORESIS = "cataphoresis"
    BODY_ASSEMBLY = "body_assembly"  # of the body (cabin)
    CUTTING = "cutting"
    BENDING = "bending"
    ASSEMBLY = "assembly"


# The vehicles whose agreements IP-63.2 conditions and whose fulfilment IP-63.4 rewards.
IP_63_2 = frozenset(
    {Category.PASSENGER_CAR, Category.TRUCK_TRACTOR, Category.BUS, Category.SPECIAL_EQUIPMENT, Category.TRUCK}
)
FORM_OF: dict[Category, Form] = {
    **dict.fromkeys((*IP_63_2, Category.OTHER_VEHICLE), Form.VEHICLES),
    Category.AGRICULTURAL_MAJOR: Form.AGRICULTURAL,
    Category.AGRICULTURAL_OTHER: Form.AGRICULTURAL,
    Category.VEHICLE_COMPONENTS: Form.COMPONENTS,
    Category.AGRICULTURAL_COMPONENTS: Form.COMPONENTS,
}

# The FEA CN (HS) headings naming each category. The law names the goods, not the codes; the rules of concluding the
# agreements (IP-9.22, IP-9.23), which list the codes, were not read, so these are the HS 2022 headings of those
# names: 8701 21–24 road tractors for semi-trailers, 8702 buses, 8703 cars, 8704 trucks, 8705 special purpose motor
# vehicles; 8701 91–95 (and 8701 10, 30) tractors, 8433 51–59 combine and forage harvesters; other vehicles of
# chapter 87; other machinery of headings 8432–8436. Components carry any code.
CODE_PREFIXES: dict[Category, tuple[str, ...]] = {
    Category.TRUCK_TRACTOR: ("870121", "870122", "870123", "870124", "870120"),
    Category.BUS: ("8702",),
    Category.PASSENGER_CAR: ("8703",),
    Category.TRUCK: ("8704",),
    Category.SPECIAL_EQUIPMENT: ("8705",),
    Category.AGRICULTURAL_MAJOR: (
        "870191",
        "870192",
        "870193",
        "870194",
        "870195",
        "870110",
        "870130",
        "843351",
        "843352",
        "843353",
        "843359",
    ),
    Category.AGRICULTURAL_OTHER: ("8432", "8433", "8434", "8435", "8436"),
    Category.OTHER_VEHICLE: ("87",),
}


class AssemblyRuleError(ValueError):
    """Input the rules cannot answer; the message says what to correct."""


def category_of_code(code: str) -> Category | None:
    """The category whose headings hold `code` (the most specific heading first), or None."""
    best: tuple[int, Category] | None = None
    for category, prefixes in CODE_PREFIXES.items():
        for prefix in prefixes:
            if code.startswith(prefix) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), category)
    return best[1] if best else None


def code_problems(category: Category, codes: Sequence[str]) -> list[str]:
    """IP-62.1, IP-63.1, IP-64: an agreement is concluded "under the FEA CN codes" of what it assembles; a vehicle
    or machinery code of another category belongs to another agreement (components may carry any code)."""
    if not codes:
        return [gettext("Give at least one FEA CN code of what is assembled.")]
    if FORM_OF[category] is Form.COMPONENTS:
        return []
    wrong = [c for c in codes if category_of_code(c) != category]
    if wrong:
        return [
            gettext(
                "These FEA CN codes are not of the agreement's category: %(codes)s. Check the category or the codes."
            )
            % {"codes": ", ".join(wrong)}
        ]
    return []


@dataclass(frozen=True)
class Facts:
    """What the authorized body found at the enterprise (IP-62.3): operations performed, models made of each brand,
    two-shift capacity a year, production assets on the balance sheet (its own or a leasing company's), whether the
    technological equipment is used, and whether painting is in the machinery's design (IP-64.2.1)."""

    operations: frozenset[str] = frozenset()
    brands: Mapping[str, int] = field(default_factory=dict)
    capacity: int | None = None
    assets: Decimal | None = None
    equipment: bool = True
    painting_in_design: bool = True


@dataclass(frozen=True)
class Finding:
    """One condition: the provision, what it requires, what was found, whether it is met."""

    provision: str
    criterion: str  # an English message id, translated when read
    required: str
    found: str
    met: bool

    @property
    def criterion_text(self) -> str:
        return gettext(self.criterion)

    def as_dict(self) -> dict[str, object]:
        return {
            "provision": self.provision,
            "criterion": self.criterion,
            "required": self.required,
            "found": self.found,
            "met": self.met,
        }


@dataclass(frozen=True)
class Verdict:
    findings: tuple[Finding, ...]

    @property
    def met(self) -> bool:
        return all(f.met for f in self.findings)

    @property
    def unmet(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if not f.met)


CAPACITY_PARAMETER = {
    Category.PASSENGER_CAR: "assembly_capacity_passenger_car",
    Category.TRUCK_TRACTOR: "assembly_capacity_truck",
    Category.SPECIAL_EQUIPMENT: "assembly_capacity_truck",
    Category.TRUCK: "assembly_capacity_truck",
    Category.BUS: "assembly_capacity_bus",
}
ASSETS_PARAMETER = {
    Category.PASSENGER_CAR: "assembly_assets_passenger_car",
    **dict.fromkeys(IP_63_2 - {Category.PASSENGER_CAR}, "assembly_assets_commercial_vehicle"),
    Category.AGRICULTURAL_MAJOR: "assembly_assets_agricultural_major",
    Category.AGRICULTURAL_OTHER: "assembly_assets_agricultural_other",
}
ASSETS_PROVISION = {
    **dict.fromkeys(IP_63_2, "IP-63.2.2"),
    Category.AGRICULTURAL_MAJOR: "IP-64.1.2",
    Category.AGRICULTURAL_OTHER: "IP-64.2.2",
}


def required_operations(category: Category, *, painting_in_design: bool = True) -> tuple[frozenset[str], str] | None:
    """The technological operations the enterprise performs, and the provision: welding, painting (with
    cataphoresis for passenger cars) and body (cabin) assembly for the vehicles of IP-63.2.1; cutting, bending of
    blanks, welding, assembly and painting for tractors and harvesters (IP-64.1.1), painting only "if any, in the
    design" for other machinery (IP-64.2.1). None where the law sets none (IP-63.1, components)."""
    if category in IP_63_2:
        ops = {Operation.WELDING, Operation.PAINTING, Operation.BODY_ASSEMBLY}
        if category is Category.PASSENGER_CAR:
            ops.add(Operation.CATAPHORESIS)
        return frozenset(ops), "IP-63.2.1"
    base = {Operation.CUTTING, Operation.BENDING, Operation.WELDING, Operation.ASSEMBLY}
    if category is Category.AGRICULTURAL_MAJOR:
        return frozenset(base | {Operation.PAINTING}), "IP-64.1.1"
    if category is Category.AGRICULTURAL_OTHER:
        return frozenset(base | ({Operation.PAINTING} if painting_in_design else set())), "IP-64.2.1"
    return None


def _models_finding(category: Category, brands: Mapping[str, int], on: dt.date) -> tuple[Finding, list[Step]]:
    """IP-63.2.1: passenger cars — at least one model of each brand when two or more brands are made, at least two
    models when only one brand is; truck tractors, buses, special equipment and trucks — at least one model."""
    per_brand = params.value_on("assembly_models_per_brand", on)
    steps = [per_brand.step()]
    found = ", ".join(f"{b}: {n}" for b, n in sorted(brands.items())) or "—"
    if any(n < 0 for n in brands.values()):
        raise AssemblyRuleError(gettext("A number of models is zero or more."))
    if category is Category.PASSENGER_CAR and len(brands) == 1:
        single = params.value_on("assembly_models_single_brand_passenger_car", on)
        steps.append(single.step())
        need = int(single.value)
        met = next(iter(brands.values())) >= need
        required = gettext_noop("at least %(n)s models of the one brand")
        return Finding(
            "IP-63.2.1", gettext_noop("models per brand"), gettext(required) % {"n": need}, found, met
        ), steps
    need = int(per_brand.value)
    if category is Category.PASSENGER_CAR:
        met = len(brands) >= 2 and all(n >= need for n in brands.values())
        required = gettext("at least %(n)s model of each brand") % {"n": need}
    else:
        met = sum(brands.values()) >= need
        required = gettext("at least %(n)s model") % {"n": need}
    return Finding("IP-63.2.1", gettext_noop("models per brand"), required, found, met), steps


def assets_threshold(category: Category, on: dt.date) -> Explained[Decimal]:
    """The production assets required (IP-63.2.2, IP-64.1.2, IP-64.2.2): the multiple of the MCI "established by
    the law on the republican budget for the corresponding financial year", read as the MCI in force on `on`."""
    if category not in ASSETS_PARAMETER:
        raise AssemblyRuleError(gettext("The law sets no production assets for this category."))
    multiple = params.value_on(ASSETS_PARAMETER[category], on)
    mci = params.value_on("mci", on)
    amount = mci_multiple(int(multiple.value), Decimal(mci.value))
    step = Step(
        message=gettext_noop("production assets required = %(multiple)s × MCI %(mci)s = %(amount)s ₸"),
        params={"multiple": multiple.value, "mci": mci.value, "amount": amount},
        provision=ASSETS_PROVISION[category],
    )
    return Explained(amount, (multiple.step(), mci.step(), step))


def conditions_check(category: Category, facts: Facts, on: dt.date) -> Explained[Verdict]:
    """The conditions of IP-63.2 (vehicles of its five kinds) or IP-64.1 / IP-64.2 (agricultural machinery) on the
    facts found, each a `Finding` with its provision; the conditions the law leaves to the rules (IP-63.1,
    components) are the rules', not checked here, and give no finding. IP-62.3: the authorized body checks these
    at conclusion and while the agreement is in force."""
    findings: list[Finding] = []
    steps: list[Step] = []
    needed = required_operations(category, painting_in_design=facts.painting_in_design)
    if needed is not None:
        ops, provision = needed
        missing = sorted(ops - facts.operations)
        findings.append(
            Finding(
                provision,
                gettext_noop("technological operations"),
                ", ".join(sorted(ops)),
                ", ".join(sorted(facts.operations & ops)) or "—",
                not missing,
            )
        )
    if category in IP_63_2:
        findings.append(
            Finding(
                "IP-63.2",
                gettext_noop("technological equipment used"),
                "yes",  # stored as data; pages say it in the reader's language
                "yes" if facts.equipment else "no",
                facts.equipment,
            )
        )
        models, model_steps = _models_finding(category, facts.brands, on)
        findings.append(models)
        steps += model_steps
        capacity = params.value_on(CAPACITY_PARAMETER[category], on)
        steps.append(capacity.step())
        findings.append(
            Finding(
                "IP-63.2.1",
                gettext_noop("two-shift production capacity a year"),
                f"≥ {capacity.value}",
                "—" if facts.capacity is None else str(facts.capacity),
                facts.capacity is not None and facts.capacity >= int(capacity.value),
            )
        )
    if category in ASSETS_PARAMETER:
        threshold = assets_threshold(category, on)
        steps += threshold.steps
        if facts.assets is not None and facts.assets < 0:
            raise AssemblyRuleError(gettext("Production assets are zero or more tenge."))
        findings.append(
            Finding(
                ASSETS_PROVISION[category],
                gettext_noop("production assets on the balance sheet"),
                f"≥ {threshold.value}",
                "—" if facts.assets is None else str(tenge(facts.assets)),
                facts.assets is not None and facts.assets >= threshold.value,
            )
        )
    for f in findings:
        steps.append(
            Step(
                message=gettext_noop("%(criterion)s: required %(required)s, found %(found)s — %(verdict)s"),
                params={
                    "criterion": _Lazy(f.criterion),
                    "required": f.required,
                    "found": f.found,
                    "verdict": _Lazy(gettext_noop("met") if f.met else gettext_noop("not met")),
                },
                provision=f.provision,
            )
        )
    return Explained(Verdict(tuple(findings)), tuple(steps))


class _Lazy:
    """A message id that renders in the reader's language when the step is read."""

    def __init__(self, message: str) -> None:
        self.message = message

    def __str__(self) -> str:
        return gettext(self.message)
