"""The infrastructure register and the competitive selection of territorial clusters through the API, on the same
services, selectors and policies as the pages. The register is public (list, one entry, as of a date); the
authorized body includes, suspends, resumes and excludes. The selection's calls are public once opened; the
authorized body makes, opens, closes and decides them; cluster organizations apply; the experts assigned declare
and score. Entries, calls and applications are named by their numbers, organizations by BIN."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from ninja import Field, Path

from nisi.law.api_common import path_code

ENTRY_NUMBER = r"^INF-[0-9]{4}-[0-9]{5,19}$"
CALL_NUMBER = r"^TC-C-[0-9]{4}-[0-9]{5,19}$"
APPLICATION_NUMBER = r"^TC-P-[0-9]{4}-[0-9]{5,19}$"
NO_ENTRY = "No entry with this number in the register."
NO_CALL = "No call with this number that you may see."
NO_APPLICATION = "No application with this number among those you may see."
ASSIGNMENT_ID = Path(..., ge=1, le=2**62, description="the assignment's id")
KindName = Literal[
    "special_economic_zone",
    "industrial_zone",
    "technopark",
    "venture_investment_fund",
    "venture_fund",
    "commercialization_centre",
    "design_bureau",
    "technology_transfer_centre",
    "innovation_cluster",
    "territorial_cluster",
    "competence_centre",
    "other",
]  # Kind's values (a test keeps them the same)
KATO = Field(..., pattern=r"^[0-9]{9}$", description="the KATO code of the site, 9 digits")


def entry_number() -> Any:
    return path_code(ENTRY_NUMBER, "the entry's register number", "INF-2026-00001")


def call_number() -> Any:
    return path_code(CALL_NUMBER, "the call's number", "TC-C-2026-00001")


def application_number() -> Any:
    return path_code(APPLICATION_NUMBER, "the application's number", "TC-P-2026-00001")


def money(description: str = "") -> Any:
    top = Decimal("99999999999999.99")
    return Field(gt=0, le=top, max_digits=16, decimal_places=2, description=description or None)
