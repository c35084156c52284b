"""Links to the register's desks that the signed-in officer may use (for the personal account's list)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from nisi.core.authz import Actor, allowed_actions
from nisi.registry import policies
from nisi.registry.services import catalogue, feeds, monitoring_desk

register = template.Library()


@register.simple_tag
def registry_officer_links(actor: Actor) -> list[dict[str, Any]]:
    """Each desk asks the one authorization function, as its page does, so a link never leads to a refusal."""
    links = []
    if policies.may_open(actor, policies.ASSESSMENT_QUEUE_ROLES):
        links.append({"url": reverse("registry:assessment_queue"), "label": _("Production assessment")})
    if policies.may_open(actor, policies.APPEALS_LIST_ROLES):
        links.append({"url": reverse("registry:appeals"), "label": _("Objections to removal")})
    if "list" in allowed_actions(actor, feeds.blank_notice()):
        links.append({"url": reverse("registry:software_notices"), "label": _("Notices on software producers")})
    if "list" in allowed_actions(actor, feeds.blank_entry(actor)):
        links.append({"url": reverse("registry:wholly_produced"), "label": _("Goods wholly produced in Kazakhstan")})
    if "draft" in allowed_actions(actor, catalogue.blank_conditions()):
        links.append({"url": reverse("registry:conditions"), "label": _("Production conditions and operations")})
    link = registry_monitoring_link(actor)
    if link:
        links.append(link)
    return links


@register.simple_tag
def registry_monitoring_link(actor: Actor) -> dict[str, Any] | None:
    """The quarterly monitoring desk, for those who may see its runs (the header, the start page, the account)."""
    if "list" not in allowed_actions(actor, monitoring_desk.blank_run()):
        return None
    return {"url": reverse("registry:monitoring_runs"), "label": _("Quarterly monitoring"), "short": _("Monitoring")}
