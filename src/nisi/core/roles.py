"""Every actor the laws name, and how far each one's view reaches."""

from __future__ import annotations

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    APPLICANT = "applicant", _("Organization user (applicant, producer, manufacturer, participant)")
    AUTHORIZED_BODY = "authorized_body", _("Officer of the authorized body for industry")
    DEVELOPMENT_INSTITUTE = "development_institute", _("Officer of a national development institute")
    AKIMAT = "akimat", _("Officer of an akimat (region, city of republican significance or the capital)")
    MAJOR_CUSTOMER = "major_customer", _("Major customer")
    INFORMATIZATION_AUTHORITY = "informatization_authority", _("Officer of the informatization authority")
    APPEALS_COMMISSION = "appeals_commission", _("Member of the appeals commission")
    ASTANA_HUB_FUND = "astana_hub_fund", _("Officer of the Astana Hub Fund")
    COMPETENT_BODY = (
        "competent_body",
        _("Officer of a competent body (solid minerals, hydrocarbons and uranium, agro-industrial complex)"),
    )
    ASTANA_HUB_FUND_MIGRATION = (
        "astana_hub_fund_migration",
        _("Officer of the Astana Hub Fund keeping the records of foreign workers (personal data)"),
    )
    INDEPENDENT_EXPERT = "independent_expert", _("Independent expert assessing projects for the Astana Hub Fund")
    MIGRATION_AUTHORITY = "migration_authority", _("Officer of the migration authority")
    NATIONAL_SECURITY_COMMITTEE = "national_security_committee", _("Officer of the National Security Committee")
    AUDITOR = "auditor", _("Auditor")
    INCENTIVE_OPERATOR = (
        "incentive_operator",
        _("Officer of an operator of state incentive measures (development bank, financial agent, institute, IP-13)"),
    )
    RESPONSIBLE_BODY = (
        "responsible_body",
        _("Officer of a state body or national managing holding responsible for projects of the industrialization map"),
    )


class CompetentBody(models.TextChoices):
    """Which competent body an officer with the competent body's role serves. Each submits the information on goods
    wholly produced in Kazakhstan that the law names it for, and no other (IP-51-3.2, 51-3.3, 51-3.5)."""

    SOLID_MINERALS = "solid_minerals", _("Competent body for solid minerals (IP-51-3.2)")
    HYDROCARBONS = "hydrocarbons", _("Competent body for hydrocarbons and uranium (IP-51-3.3)")
    AGRICULTURE = "agriculture", _("Competent body for the agro-industrial complex (IP-51-3.5)")


class Reach(StrEnum):
    ORGANIZATION = "organization"  # sees its own organization's records
    REGION = "region"  # sees records in its region
    NATIONAL = "national"  # sees every record its role concerns


ROLE_REACH: dict[str, Reach] = {
    Role.APPLICANT: Reach.ORGANIZATION,
    Role.MAJOR_CUSTOMER: Reach.ORGANIZATION,
    Role.AKIMAT: Reach.REGION,
    Role.AUTHORIZED_BODY: Reach.NATIONAL,
    Role.DEVELOPMENT_INSTITUTE: Reach.NATIONAL,
    Role.INFORMATIZATION_AUTHORITY: Reach.NATIONAL,
    Role.APPEALS_COMMISSION: Reach.NATIONAL,
    Role.ASTANA_HUB_FUND: Reach.NATIONAL,
    Role.COMPETENT_BODY: Reach.NATIONAL,
    Role.ASTANA_HUB_FUND_MIGRATION: Reach.NATIONAL,
    # An expert sees only the applications assigned to them (records addressed to the user), nothing by reach.
    Role.INDEPENDENT_EXPERT: Reach.ORGANIZATION,
    Role.MIGRATION_AUTHORITY: Reach.NATIONAL,
    Role.NATIONAL_SECURITY_COMMITTEE: Reach.NATIONAL,
    Role.AUDITOR: Reach.NATIONAL,
    # An operator of incentive measures (IP-13) sees the requests routed to its own organization, nothing more.
    Role.INCENTIVE_OPERATOR: Reach.ORGANIZATION,
    # A responsible state body or national managing holding is an organization (it has a BIN): its officers see and
    # report on the projects of the unified map of industrialization it is responsible for (IP-6.2).
    Role.RESPONSIBLE_BODY: Reach.ORGANIZATION,
}

OFFICER_ROLES = frozenset(r for r, reach in ROLE_REACH.items() if reach is not Reach.ORGANIZATION)
