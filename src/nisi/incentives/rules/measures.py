"""The measures' own refusal rules (IP-30 … IP-41). Pure: each takes what the application says and returns the
findings that refuse the measure (an empty list: the rule passes)."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from nisi.incentives.rules.catalogue import kind as kind_info
from nisi.incentives.rules.findings import Finding

NEW_OR_MODERNIZED = ("new_production", "modernization", "expansion")
WORKING_CAPITAL = "working_capital"
PRODUCTIVITY_COSTS = ("competence", "digital", "processes", "organization")
CLUSTER_BASES = ("competitive_selection", "cluster_register")
RESTRUCTURING_FORMS = (
    "schedule_change",
    "claims_terminated",
    "penalties_cancelled",
    "terms_changed",
    "debt_to_capital",
    "other_lawful",
)


def financing_purpose(purpose: str) -> list[Finding]:
    """IP-30.2: financing, including co-financing, is for creating new projects and for projects, in accordance with
    the list of priority goods, of modernization (technical re-equipment) and expansion of existing production. Not
    for recovery, nor working capital. (That the goods are priority goods is IP-25.5's condition, checked for every
    measure.)"""
    if purpose in NEW_OR_MODERNIZED:
        return []
    return [Finding("IP-30.2", "financing_purpose", "application", {"purpose": purpose})]


def working_capital(purpose: str) -> list[Finding]:
    """IP-33.1, second part: "Subsidizing the interest rate on loans … and coupon interest on bonds for working
    capital replenishment shall not be carried out"."""
    if purpose == WORKING_CAPITAL:
        return [Finding("IP-33.1", "working_capital", "application", {"purpose": purpose})]
    return []


def export_operator(operator_kind: str, operator_name: str = "") -> list[Finding]:
    """IP-38.1: export measures are provided by the authorized body in the field of regulation of foreign trade
    activities (with the export development institute); IP-38.2: interest subsidies on export loans and leasing by
    the financial agent. Any other operator is not the law's."""
    if operator_kind in ("foreign_trade_authority", "financial_agent"):
        return []
    return [Finding("IP-38.1", "export_operator", "catalogue", {"operator": operator_name or operator_kind})]


def productivity_costs(costs: Collection[str]) -> list[Finding]:
    """IP-39.2: the measures are provided for the costs of (1) increasing employees' competence, (2) introducing
    digital technologies, (3) improving technological processes, (4) increasing the efficiency of the organization
    of production — at least one, and nothing else."""
    unknown = [c for c in costs if c not in PRODUCTIVITY_COSTS]
    if costs and not unknown:
        return []
    return [Finding("IP-39.2", "productivity_costs", "application", {"given": ", ".join(costs) or "—"})]


def cluster_basis(basis: str, cluster: Mapping[str, str] | None = None) -> list[Finding]:
    """IP-40.1: territorial clusters are stimulated on the results of the competitive selection of territorial
    clusters and (or) in accordance with the register of territorial clusters. `cluster` is what the infrastructure
    register answered for the applicant on the application's day (`nisi.infrastructure.selectors.cluster_standing`,
    as a dict): the basis named must be the one that held that day."""
    if basis not in CLUSTER_BASES:
        return [Finding("IP-40.1", "cluster_basis", "application", {"given": basis or "—"})]
    if cluster is None:
        return []
    data = {"identifier": cluster.get("identifier", ""), "on": cluster.get("on", "")}
    if basis == "competitive_selection" and not cluster.get("selected"):
        return [
            Finding(
                "IP-40.1",
                "cluster_not_selected",
                "cluster_selection",
                {**data, "found": cluster.get("selections_found") or "—"},
            )
        ]
    if basis == "cluster_register" and not cluster.get("registered"):
        return [
            Finding(
                "IP-40.1",
                "cluster_not_registered",
                "cluster_register",
                {**data, "found": cluster.get("register_found") or "—"},
            )
        ]
    return []


def restructuring_form(forms: Collection[str]) -> list[Finding]:
    """IP-41.2: debt is restructured by changing the payment schedule, terminating rights (claims) in whole or in
    part, cancelling penalties and remuneration, changing the terms of investment, lending or financing, converting
    debt into authorized capital, and in other ways the legislation provides — at least one form named."""
    unknown = [f for f in forms if f not in RESTRUCTURING_FORMS]
    if forms and not unknown:
        return []
    return [Finding("IP-41.2", "restructuring_form", "application", {"given": ", ".join(forms) or "—"})]


def operator_kind_problem(kind: str, operator_kind: str, operator_name: str = "") -> list[Finding]:
    """The body the measure's article names provides it (IP-13, IP-30 … IP-42): a measure of another operator
    is not the law's measure."""
    info = kind_info(kind)
    if operator_kind in info.operators:
        return []
    return [
        Finding(
            info.provision,
            "operator_kind",
            "catalogue",
            {
                "expected": ", ".join(info.operators),
                "provision": info.provision,
                "operator": operator_name or operator_kind,
            },
        )
    ]


def measure_problems(
    kind: str,
    *,
    purpose: str,
    operator_kind: str,
    operator_name: str = "",
    details: dict[str, object] | None = None,
    cluster: Mapping[str, str] | None = None,
) -> list[Finding]:
    """Every finding of the rules that apply to a measure of `kind` (the catalogue lists them); `cluster` is the
    infrastructure register's answer for IP-40.1 (see `cluster_basis`)."""
    details = details or {}
    found: list[Finding] = []
    for rule in kind_info(kind).rules:
        if rule == "financing_purpose":
            found += financing_purpose(purpose)
        elif rule == "working_capital":
            found += working_capital(purpose)
        elif rule == "export_operator":
            found += export_operator(operator_kind, operator_name)
        elif rule == "productivity_costs":
            found += productivity_costs(_strings(details.get("productivity_costs")))
        elif rule == "cluster_basis":
            found += cluster_basis(str(details.get("cluster_basis") or ""), cluster)
        elif rule == "restructuring_form":
            found += restructuring_form(_strings(details.get("restructuring_forms")))
    return found


def _strings(value: object) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return []
