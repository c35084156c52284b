"""The fourteen kinds of measures (IP-29) and, for each, its provision, the bodies that provide it (IP-13 and the
measure's own article), the rules the nisi applies and the dated parameters that concern it. Pure: no database.

The kinds' codes are those of `nisi.incentives.models.MeasureKind` (a test keeps the two the same)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class KindInfo:
    code: str
    item: str  # IP-29's subparagraph naming the kind
    provision: str  # the measure's own article
    operators: tuple[str, ...]  # the OperatorKind codes that may provide it
    summary: Any  # what the law says it is, translatable
    rules: tuple[str, ...] = ()  # the measure rules of `rules.measures` that apply
    parameters: tuple[str, ...] = ("incentive_operator_decision_term",)


KINDS: dict[str, KindInfo] = {
    k.code: k
    for k in (
        KindInfo(
            "financing",
            "IP-29.1",
            "IP-30",
            ("development_bank", "investment_institute", "industrial_institute"),
            _(
                "Financing and co-financing of projects and leasing for medium and long terms, by the Development Bank "
                "of Kazakhstan and other national development institutions: for new projects and for modernizing "
                "or "
                "expanding the production of priority goods (IP-30)."
            ),
            ("financing_purpose",),
        ),
        KindInfo(
            "guarantees",
            "IP-29.2",
            "IP-31",
            ("financial_agent",),
            _(
                "Guarantee obligations and guarantees for second-tier banks' loans for projects, by the financial "
                "agent the Government determines (IP-31)."
            ),
        ),
        KindInfo(
            "lending",
            "IP-29.3",
            "IP-32",
            ("financial_agent",),
            _(
                "Lending through financial institutions by the financial agent's conditional placement of funds, "
                "for new, modernized and expanded production and recovery, with the entity's own property (IP-32)."
            ),
        ),
        KindInfo(
            "interest_subsidy",
            "IP-29.4",
            "IP-33",
            ("financial_agent",),
            _(
                "Subsidizing the interest rate on loans and coupon interest on bonds, by the financial agent; never "
                "for replenishing working capital (IP-33)."
            ),
            ("working_capital",),
        ),
        KindInfo(
            "capital_investment",
            "IP-29.5",
            "IP-34",
            ("investment_institute", "akimat"),
            _(
                "Investment in authorized capital by national development institutions and akimats, on the conditions "
                "of IP-34.1 (IP-34)."
            ),
        ),
        KindInfo(
            "infrastructure",
            "IP-29.6",
            "IP-35",
            ("authorized_body", "akimat"),
            _(
                "Engineering and communication infrastructure built with budget funds for new competitive production "
                "and for modernizing and expanding existing production (IP-35)."
            ),
        ),
        KindInfo(
            "land",
            "IP-29.7",
            "IP-36",
            ("akimat",),
            _("Land plots on the right of temporary land use under the Land Code (IP-36)."),
        ),
        KindInfo(
            "domestic_market",
            "IP-29.8",
            "IP-37",
            ("authorized_body", "domestic_value_institute"),
            _(
                "Promotion of processed goods, works and services of Kazakh origin on the domestic market, with the "
                "domestic value development institute (IP-37)."
            ),
        ),
        KindInfo(
            "export",
            "IP-29.9",
            "IP-38",
            ("foreign_trade_authority", "financial_agent"),
            _(
                "Reimbursing part of the costs of promoting goods and services to foreign markets, subsidizing export "
                "loans and leasing, export trade financing and insurance, by the authorized body for foreign trade "
                "(IP-38.1) and, for interest subsidies, the financial agent (IP-38.2)."
            ),
            ("export_operator",),
        ),
        KindInfo(
            "labour_productivity",
            "IP-29.10",
            "IP-39",
            ("authorized_body", "industrial_institute"),
            _(
                "Covering the costs of raising employees' competence, introducing digital technologies, improving "
                "technological processes and organizing production efficiently (IP-39.2)."
            ),
            ("productivity_costs",),
        ),
        KindInfo(
            "clusters",
            "IP-29.11",
            "IP-40",
            ("authorized_body", "industrial_institute"),
            _(
                "Cost recovery, financing and co-financing for territorial clusters chosen by competitive selection or "
                "in the register of territorial clusters (IP-40)."
            ),
            ("cluster_basis",),
        ),
        KindInfo(
            "debt_restructuring",
            "IP-29.12",
            "IP-41",
            ("investment_institute",),
            _(
                "Restructuring debt for financial and economic recovery, in the forms of IP-41.2, with additional "
                "financing from third parties or security in the entity's own property (IP-41)."
            ),
            ("restructuring_form",),
        ),
        KindInfo(
            "grants",
            "IP-29.13",
            "IP-42",
            ("authorized_body", "industrial_institute"),
            _(
                "Industrial grants: co-financing of projects creating competitive priority goods, irrevocable subject "
                "to counter-obligations (IP-42)."
            ),
        ),
        KindInfo(
            "other",
            "IP-29.14",
            "IP-29.14",
            (
                "authorized_body",
                "development_bank",
                "financial_agent",
                "investment_institute",
                "industrial_institute",
                "domestic_value_institute",
                "akimat",
                "foreign_trade_authority",
            ),
            _(
                "Other measures the Government determines on the recommendations of the interdepartmental commission "
                "on industrial policy (IP-29.14)."
            ),
        ),
    )
}


def kind(code: str) -> KindInfo:
    return KINDS[code]


def open_on(windows: Iterable[tuple[dt.date, dt.date | None]], on: dt.date) -> bool:
    """Whether a measure takes applications on `on`: a window from its opening day to its closing day, both
    included (an open-ended window has no closing day)."""
    return any(opens <= on and (closes is None or on <= closes) for opens, closes in windows)


def next_opening(windows: Iterable[tuple[dt.date, dt.date | None]], on: dt.date) -> dt.date | None:
    """The first opening day after `on`, if any."""
    later = [opens for opens, _closes in windows if opens > on]
    return min(later) if later else None
