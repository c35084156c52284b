"""The Astana Hub start page: what a Fund officer, a participant, an authority or the public can do here.

Each link is shown to the roles that use it; the section's own page checks permissions anyway. Sections are built
by other areas at their own pace: a link whose URL name does not resolve yet is simply not listed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from nisi.core.authz import actor_for
from nisi.core.roles import Role

EVERYONE = None  # the public and every signed-in user
FUND = Role.ASTANA_HUB_FUND
FUND_MIGRATION = Role.ASTANA_HUB_FUND_MIGRATION
ORGANIZATION = Role.APPLICANT
OVERSIGHT = (Role.AUDITOR, Role.INFORMATIZATION_AUTHORITY)


@dataclass(frozen=True)
class Link:
    url_name: str
    label: Promise
    description: Promise
    roles: tuple[str, ...] | None  # None: everyone


SECTIONS: tuple[tuple[Promise, tuple[Link, ...]], ...] = (
    (
        _("Participants"),
        (
            Link(
                "astana_hub:participant_check",
                _("Check a participant"),
                _("Whether an organization is a participant on a date, and on which kind of basis (AH-7.2)."),
                EVERYONE,
            ),
            Link(
                "astana_hub:cluster_list",
                _("List of innovation cluster actors"),
                _("The actors approved by the Fund, with CSV and JSON open data (AH-8-1.5-11)."),
                EVERYONE,
            ),
            Link(
                "astana_hub:participants",
                _("Participants and their bases"),
                _("Who is a participant on a date and why, with the provisions and periods of each basis."),
                (FUND, FUND_MIGRATION, *OVERSIGHT),
            ),
            Link(
                "astana_hub:sez",
                _("SEZ “Park of Innovative Technologies” register"),
                _("The zone's single register as received, and its import from a file (AH-7.2.1)."),
                (FUND, FUND_MIGRATION, *OVERSIGHT),
            ),
            Link(
                "astana_hub:hub_actors",
                _("Registration of Astana Hub actors"),
                _("Apply for registration, or decide on applications and issue certificates (AH-8-1.5-7)."),
                (ORGANIZATION, FUND, FUND_MIGRATION, *OVERSIGHT),
            ),
            Link(
                "astana_hub:cluster_applications",
                _("Applications to the list of innovation cluster actors"),
                _("Apply in one of the eleven categories, or include, refuse and exclude (AH-7.2.2, AH-9.4.5)."),
                (ORGANIZATION, FUND, FUND_MIGRATION, *OVERSIGHT),
            ),
        ),
    ),
    (
        _("Foreign workers"),
        (
            Link(
                "astana_hub:workers",
                _("Foreign workers and their families"),
                _("Records of foreign workers of the Fund and Astana Hub actors, and their visas (AH-7-1)."),
                (
                    ORGANIZATION,
                    FUND,
                    FUND_MIGRATION,
                    Role.MIGRATION_AUTHORITY,
                    Role.NATIONAL_SECURITY_COMMITTEE,
                    Role.AUDITOR,
                ),
            ),
            Link(
                "astana_hub:submissions",
                _("Submissions to the migration authority and the National Security Committee"),
                _("The information the Fund sends about foreign workers (AH-7-1.3)."),
                (FUND_MIGRATION, Role.MIGRATION_AUTHORITY, Role.NATIONAL_SECURITY_COMMITTEE, Role.AUDITOR),
            ),
        ),
    ),
    (
        _("Fees and assets"),
        (
            Link(
                "astana_hub:fee_statement",
                _("Your membership fees"),
                _("Your organization's statement of membership fees charged and paid (AH-10.1.4-2)."),
                (ORGANIZATION,),
            ),
            Link(
                "astana_hub:fees",
                _("Membership fees"),
                _("Fee schedules, charges and payments of Astana Hub participants (AH-10.1.4-2)."),
                (FUND, Role.AUDITOR),
            ),
            Link(
                "astana_hub:assets",
                _("The Fund's assets"),
                _("The Fund's assets by source and their use (AH-10)."),
                (FUND, *OVERSIGHT),
            ),
        ),
    ),
    (
        _("Financing and programmes"),
        (
            Link(
                "astana_hub:calls",
                _("Financing of projects"),
                _("Calls for projects of innovation cluster actors, assessed by independent experts (AH-10.2-1)."),
                EVERYONE,
            ),
            Link(
                "astana_hub:programmes",
                _("Acceleration and incubation programmes"),
                _("The Fund's programmes, cohorts, invitations and housing (AH-8-1.5-1, AH-8-1.5-5, AH-8-1.5-8)."),
                EVERYONE,
            ),
        ),
    ),
    (
        _("Governance"),
        (
            Link(
                "astana_hub:governance",
                _("Governance of the Fund"),
                _("Decisions of the Management Committee and the Fund's strategic tasks (AH-9)."),
                (FUND, *OVERSIGHT),
            ),
        ),
    ),
)


def sections_for(roles: frozenset[str]) -> list[dict[str, object]]:
    """The sections and links a user with `roles` may use, leaving out sections not built yet."""
    out = []
    for title, links in SECTIONS:
        shown = []
        for link in links:
            if link.roles is not None and not roles & set(link.roles):
                continue
            try:
                url = reverse(link.url_name)
            except NoReverseMatch:
                continue
            shown.append({"url": url, "label": link.label, "description": link.description})
        if shown:
            out.append({"title": title, "links": shown})
    return out


def home(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    return render(
        request,
        "astana_hub/home.html",
        {"roles": actor.roles, "sections": sections_for(actor.roles), "signed_in": not actor.is_public},
    )
