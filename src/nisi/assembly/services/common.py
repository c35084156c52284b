"""What the assembly agreement's writes share: the error, the facts found and their verdict on the conditions
(IP-63.2, IP-64), the agreement's fulfilment, the trace in every language."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from nisi.assembly import rules
from nisi.assembly.models import Agreement, Notice
from nisi.core.models import Organization
from nisi.core.transitions import Context, TransitionError
from nisi.law.trace import Explained

AGREEMENT_DOCUMENT = "assembly_agreement"
TERMINATION_DOCUMENT = "assembly_termination"
LANGUAGES = ("kk", "ru", "en")
MAX_CODES = 50
MAX_BRANDS = 20


class AssemblyError(TransitionError):
    """A write refused; the message says what to do, `field` names the question it is about."""


def traced(explained: Explained[Any]) -> dict[str, list[dict[str, Any]]]:
    lines: dict[str, list[dict[str, Any]]] = {}
    for language in LANGUAGES:
        with translation.override(language):
            lines[language] = explained.trace()
    return lines


def _facts_problems(facts: rules.Facts) -> None:
    unknown = facts.operations - {o.value for o in rules.Operation}
    if unknown:
        raise AssemblyError(_("Unknown operations: %(ops)s.") % {"ops": ", ".join(sorted(unknown))}, "operations")
    if len(facts.brands) > MAX_BRANDS:
        raise AssemblyError(_("Give at most %(max)s brands.") % {"max": MAX_BRANDS}, "brands")
    if any(not b.strip() or n < 0 for b, n in facts.brands.items()):
        raise AssemblyError(_("Give each brand's name and the number of its models, zero or more."), "brands")
    if facts.capacity is not None and facts.capacity < 0:
        raise AssemblyError(_("The capacity is zero or more a year."), "capacity")
    if facts.assets is not None and (facts.assets < 0 or facts.assets != facts.assets.quantize(Decimal("0.01"))):
        raise AssemblyError(_("Production assets are tenge, zero or more, to the tiyn."), "assets")


def facts_data(facts: rules.Facts) -> dict[str, Any]:
    data = asdict(facts)
    data["operations"] = sorted(facts.operations)
    data["brands"] = dict(facts.brands)
    data["assets"] = None if facts.assets is None else str(facts.assets)
    return data


def facts_from(data: dict[str, Any]) -> rules.Facts:
    return rules.Facts(
        operations=frozenset(data.get("operations", [])),
        brands=dict(data.get("brands", {})),
        capacity=data.get("capacity"),
        assets=None if data.get("assets") is None else Decimal(data["assets"]),
        equipment=bool(data.get("equipment", True)),
        painting_in_design=bool(data.get("painting_in_design", True)),
    )


def _verdict(category: rules.Category, facts: rules.Facts, on: dt.date) -> Explained[rules.Verdict]:
    _facts_problems(facts)
    try:
        return rules.conditions_check(category, facts, on)
    except rules.AssemblyRuleError as exc:
        raise AssemblyError(str(exc)) from exc


def unmet_message(verdict: rules.Verdict) -> str:
    return _("The conditions are not met: %(unmet)s. The agreement is not concluded.") % {
        "unmet": "; ".join(
            _("%(criterion)s (%(provision)s): required %(required)s, found %(found)s")
            % {"criterion": f.criterion_text, "provision": f.provision, "required": f.required, "found": f.found}
            for f in verdict.unmet
        )
    }


def last_facts(agreement: Agreement) -> rules.Facts:
    last = agreement.checks.first()
    return facts_from(last.facts if last else agreement.facts)


def _fulfilled(agreement: Agreement, on: dt.date) -> Explained[bool]:
    last = agreement.checks.filter(checked_on__lte=on).first()
    return rules.fulfilment(
        category=rules.Category(agreement.category),
        in_force=agreement.status == Agreement.Status.IN_FORCE,
        last_check_met=None if last is None else last.met,
        open_notice=agreement.notices.filter(status=Notice.Status.OPEN).exists(),
    )


def _organization_of(ctx: Context) -> Organization:
    organization: Organization = ctx.record.organization
    return organization
