"""Way-finding (issue 10): every page below the start page has breadcrumbs, its parents as its address nests
them. The base template draws them in its `breadcrumbs` block unless a page sets the block itself (a back link
on a form, or breadcrumbs of its own)."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import HttpRequest
from django.urls import Resolver404, resolve, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

register = template.Library()

START_PAGES = frozenset({"web:home"})

# What a parent page is called in the breadcrumbs: a list by its title; a record by its number (its page's title).
LABELS: dict[str, Promise | str] = {
    "web:account": _("Personal account"),
    "web:tokens": _("API tokens"),
    "web:work_queue": _("Work queue"),
    "law:parameters": _("Legal parameters"),
    "law:provisions": _("Laws"),
    "law:parameter": "{name}",
    "law:provision": "{provision_id}",
    "registry:search": _("Register"),
    "registry:producer": "{identifier}",
    "registry:conditions": _("Production conditions and operations"),
    "registry:conditions_detail": "{product_code}",
    "registry:applications": _("Applications to the register"),
    "registry:application": "{number}",
    "registry:assessment_queue": _("Production assessment"),
    "registry:record": "{number}",
    "registry:software_notices": _("Notices on software producers"),
    "registry:wholly_produced": _("Goods wholly produced in Kazakhstan"),
    "registry:appeals": _("Objections to removal"),
    "registry:appeal": "{number}",
    "astana_hub:home": "Astana Hub",
    "astana_hub:participants": _("Participants of the innovation cluster"),
    "astana_hub:cluster_list": _("List of innovation cluster actors"),
    "astana_hub:cluster_applications": _("Applications to the list of innovation cluster actors"),
    "astana_hub:cluster_entry": "{number}",
    "astana_hub:hub_actors": _("Astana Hub actors"),
    "astana_hub:hub_actor": "{number}",
    "astana_hub:workers": _("Foreign workers"),
    "astana_hub:worker": "{number}",
    "astana_hub:submissions": _("Submissions on foreign workers"),
    "astana_hub:submission": "{number}",
    "astana_hub:fees": _("Membership fees"),
    "astana_hub:assets": _("The Fund's assets"),
    "astana_hub:calls": _("Calls for project financing"),
    "astana_hub:call": "{number}",
    "astana_hub:financing_applications": _("Applications for financing"),
    "astana_hub:financing_application": "{number}",
    "astana_hub:expert_assignments": _("My assessments"),
    "infrastructure:clusters": _("Territorial clusters"),
    "infrastructure:call": "{number}",
    "infrastructure:application": "{number}",
    "infrastructure:assessments": _("My assessments"),
    "astana_hub:programmes": _("Acceleration and incubation"),
    "astana_hub:programme": "{code}",
    "astana_hub:governance": _("Governance of the Fund"),
    "contracts:home": _("Contracts aimed at industrial development"),
    "contracts:plans": _("Procurement plans"),
    "contracts:plan": "{number}",
    "contracts:goods": _("Goods planned for purchase by large customers"),
    "contracts:applications": _("Applications for contracts"),
    "contracts:application": "{number}",
    "contracts:offtake_contracts": _("Contracts"),
    "contracts:offtake_contract": "{number}",
    "contracts:offtake_register": _("Register of off-take contracts"),
    "contracts:programmes": _("Domestic value development programmes"),
    "contracts:programme": "{number}",
    "contracts:purchases": _("Purchases and their domestic value"),
    "contracts:systemic": _("Systemic enterprises"),
}


def crumbs_for(request: HttpRequest) -> list[dict[str, str]]:
    """Home, then each shorter address of the page that is a page with a name: /en/register/applications/A-1/
    gives Home › Register › Applications to the register (the page itself is not a crumb). None on a start page."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name in START_PAGES:
        return []
    crumbs = [{"label": str(_("Home")), "url": reverse("web:home")}]
    parts = request.path.strip("/").split("/")
    for n in range(1, len(parts)):
        prefix = "/" + "/".join(parts[:n]) + "/"
        try:
            parent = resolve(prefix)
        except Resolver404:
            continue
        label = LABELS.get(parent.view_name)
        if label is None:
            continue
        crumbs.append({"label": str(label).format(**parent.kwargs), "url": prefix})
    return crumbs


@register.inclusion_tag("web/_breadcrumbs.html", takes_context=True)
def breadcrumbs(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    return {"crumbs": crumbs_for(request) if request is not None else []}
