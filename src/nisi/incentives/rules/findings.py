"""A finding that explains itself (DESIGN 2): the provision, the criterion, the data behind it and where the data
came from, kept language-neutral in the record and said in the reader's language when read."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils.translation import gettext, gettext_lazy

# Each criterion's sentence; `%(…)s` are the finding's data. Read in the reader's language by `describe`.
SENTENCES: dict[str, Any] = {
    # IP-25.5 conditions, as a failure
    "priority_goods": gettext_lazy(
        "The production is not of goods on the list of priority goods in force on %(on)s (version %(version)s): "
        "%(codes)s are not on it."
    ),
    "no_priority_list": gettext_lazy("No list of priority goods was in force on %(on)s."),
    "no_goods": gettext_lazy("No goods of the production were named, so none can be on the list of priority goods."),
    "counter_obligations": gettext_lazy(
        "The counter-obligations were not accepted; a measure is provided only to a recipient who accepts them."
    ),
    "entity_liquidated": gettext_lazy("The entity was liquidated on %(liquidated_on)s."),
    "entity_not_resident": gettext_lazy("The entity is not a resident of the Republic of Kazakhstan."),
    "not_in_register": gettext_lazy(
        "The entity was not in the register of Kazakhstani commodity producers on %(on)s (%(history)s)."
    ),
    # The measures' own rules
    "financing_purpose": gettext_lazy(
        "Financing is provided only for a new project or the modernization or expansion of an existing production "
        "(IP-30.2); the project is for: %(purpose)s."
    ),
    "working_capital": gettext_lazy(
        "The interest rate on loans and coupon interest on bonds are not subsidized for replenishing working capital "
        "(IP-33.1)."
    ),
    "export_operator": gettext_lazy(
        "Export support is provided by the authorized body for regulating foreign trade activity (IP-38.1) or, for "
        "interest subsidies, the financial agent (IP-38.2); this measure's operator is %(operator)s."
    ),
    "productivity_costs": gettext_lazy(
        "Labour productivity is stimulated only for the costs IP-39.2 names: raising employees' competence, "
        "introducing digital technologies, improving technological processes, organizing production more "
        "efficiently; given: %(given)s."
    ),
    "cluster_basis": gettext_lazy(
        "Territorial clusters are supported on the results of a competitive selection or according to the register "
        "of territorial clusters (IP-40.1); given: %(given)s."
    ),
    "cluster_not_selected": gettext_lazy(
        "The territorial cluster of %(identifier)s was not selected by the competitive selection on %(on)s "
        "(IP-40.1); selections found: %(found)s."
    ),
    "cluster_not_registered": gettext_lazy(
        "The territorial cluster of %(identifier)s was not in the register of territorial clusters on %(on)s "
        "(IP-40.1); entries found: %(found)s."
    ),
    "restructuring_form": gettext_lazy("Debt is restructured only in the forms of IP-41.2; given: %(given)s."),
    "operator_kind": gettext_lazy(
        "A measure of this kind is provided by %(expected)s (%(provision)s), not by %(operator)s."
    ),
}

# What a met condition rests on, by condition (IP-25.5), read the same way.
MET: dict[str, Any] = {
    "priority_goods": gettext_lazy("%(goods)s on version %(version)s of the list in force on %(on)s."),
    "register": gettext_lazy("In the register on %(on)s (%(history)s)."),
}

SOURCES: dict[str, Any] = {
    "application": gettext_lazy("the application"),
    "priority_list": gettext_lazy("the list of priority goods"),
    "register": gettext_lazy("the register of Kazakhstani commodity producers as it stood that day"),
    "organizations": gettext_lazy("the nisi's record of the organization"),
    "catalogue": gettext_lazy("the catalogue of measures"),
    "cluster_selection": gettext_lazy("the results of the competitive selection of territorial clusters"),
    "cluster_register": gettext_lazy("the register of territorial clusters as it stood that day"),
    "producer_goods": gettext_lazy("the goods of the producer's register record"),
}


@dataclass(frozen=True)
class Finding:
    """Why a condition or a measure's rule fails: `criterion` names the sentence, `data` fills it."""

    provision: str
    criterion: str
    source: str
    data: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def describe(finding: dict[str, Any] | Finding) -> str:
    """The finding's sentence in the reader's language (the active one)."""
    if isinstance(finding, Finding):
        finding = finding.as_json()
    sentence = SENTENCES.get(finding.get("criterion", ""))
    if sentence is None:
        return str(finding.get("criterion", ""))
    data = {k: str(v) for k, v in (finding.get("data") or {}).items()}
    try:
        return str(sentence) % data
    except (KeyError, ValueError, TypeError):
        return str(sentence)


def met(condition: dict[str, Any]) -> str:
    """What a met condition rests on, in the reader's language; empty when there is nothing to say."""
    sentence = MET.get(condition.get("condition", ""))
    if sentence is None or not condition.get("passed"):
        return ""
    try:
        return str(sentence) % {k: str(v) for k, v in (condition.get("data") or {}).items()}
    except (KeyError, ValueError, TypeError):
        return ""


def source_label(finding: dict[str, Any] | Finding) -> str:
    if isinstance(finding, Finding):
        finding = finding.as_json()
    label = SOURCES.get(finding.get("source", ""))
    return str(label) if label is not None else gettext("unknown source")
