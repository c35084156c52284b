"""Conclusion of the industrial assembly agreements on the standard forms with the conditions checked (IP-62.1,
IP-63, IP-64), multilateral agreements (IP-63.3), and the authorized body's checks (IP-62.3). The agreement is a
signed document with a QR code."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from nisi.assembly import rules
from nisi.assembly.messages import SUBJECT
from nisi.assembly.models import Agreement, Check
from nisi.assembly.services.common import (
    AGREEMENT_DOCUMENT,
    MAX_CODES,
    AssemblyError,
    _fulfilled,
    _organization_of,
    _verdict,
    facts_data,
    last_facts,
    unmet_message,
)
from nisi.core.authz import Actor, require
from nisi.core.identifiers import InvalidIdentifier, validate
from nisi.core.models import ClassifierCode, Organization
from nisi.core.services.documents import document_issue
from nisi.core.services.journal import journal_append
from nisi.core.services.notifications import notification_send
from nisi.core.transitions import Context, Transition, transition_apply
from nisi.core.transitions import Notice as Notify
from nisi.law import clock, provisions
from nisi.law.trace import Explained


def _organization(identifier: str, field: str) -> Organization:
    try:
        bin_ = validate(identifier)
    except InvalidIdentifier as exc:
        raise AssemblyError(str(exc), field) from exc
    found = Organization.objects.filter(identifier=bin_).first()
    if found is None:
        raise AssemblyError(
            _("No organization with BIN %(bin)s is known to the system; register it first.") % {"bin": bin_}, field
        )
    return found


def _codes(category: rules.Category, raw: Sequence[str]) -> list[str]:
    codes = sorted({c.strip() for c in raw if c.strip()})
    if len(codes) > MAX_CODES:
        raise AssemblyError(_("Give at most %(max)s FEA CN codes.") % {"max": MAX_CODES}, "hs_codes")
    known = set(
        ClassifierCode.objects.filter(
            system__in=[ClassifierCode.System.HS, ClassifierCode.System.TNVED], code__in=codes
        ).values_list("code", flat=True)
    )
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise AssemblyError(
            _("These codes are not in the HS or FEA CN classifier: %(codes)s. Check them.")
            % {"codes": ", ".join(unknown)},
            "hs_codes",
        )
    problems = rules.code_problems(category, codes)
    if problems:
        raise AssemblyError(" ".join(problems), "hs_codes")
    return codes


@transaction.atomic
def agreement_conclude(
    *,
    actor: Actor,
    organization: str,
    category: str,
    hs_codes: Sequence[str],
    facts: rules.Facts,
    parent: Agreement | None = None,
    parties: Sequence[str] = (),
) -> Agreement:
    """The authorized body concludes an agreement on industrial assembly with a legal entity of Kazakhstan on the
    standard form of its category (IP-62.1), under the FEA CN codes of what it assembles, once the conditions of
    IP-63.2 / IP-64 are met on the facts found (each unmet one named, and nothing written). A multilateral agreement
    (IP-63.3) is concluded within `parent`, when the parent is executed and does welding and painting, never for
    passenger cars. Issued as a signed document with a QR code; the entity is notified."""
    on = clock.today()
    if category not in rules.Category.__members__.values():
        raise AssemblyError(_("Choose the category of what is assembled."), "category")
    cat = rules.Category(category)
    holder = _organization(organization, "organization")
    others: list[Organization] = []
    if parent is not None:
        parent = Agreement.objects.select_for_update().get(pk=parent.pk)
        require(actor, parent, "conclude_multilateral")
        others = [_organization(p, "parties") for p in parties]
        if not others:
            raise AssemblyError(_("Name the other parties of the multilateral agreement by BIN."), "parties")
        problems = rules.multilateral_problems(
            category=cat,
            parent_category=rules.Category(parent.category),
            parent_fulfilled=_fulfilled(parent, on).value,
            parent_operations=frozenset(last_facts(parent).operations),
        )
        if problems:
            raise AssemblyError(" ".join(problems), "category")
        if holder.pk != parent.organization_id:
            raise AssemblyError(
                _("A multilateral agreement is concluded within the agreement with its holder: give the holder's BIN."),
                "organization",
            )
    else:
        require(actor, Agreement(organization=holder, category=cat), "conclude")
    provision = "IP-63.3" if parent is not None else "IP-62.1"
    try:
        provisions.require_in_force(provision, on)
    except provisions.NotInForce as exc:
        raise AssemblyError(str(exc)) from exc
    codes = _codes(cat, hs_codes)
    explained = _verdict(cat, facts, on)
    if not explained.value.met:
        raise AssemblyError(unmet_message(explained.value), "operations")
    agreement = Agreement.objects.create(
        number=f"tmp-{clock.now().timestamp()}",
        organization=holder,
        category=cat,
        form=rules.FORM_OF[cat],
        hs_codes=codes,
        parent=parent,
        concluded_on=on,
        concluded_by_label=actor.label[:200],
        facts=facts_data(facts),
        findings=[f.as_dict() for f in explained.value.findings],
    )
    agreement.number = f"IA-{on.year}-{agreement.pk:05d}"
    agreement.save(update_fields=["number"])
    if others:
        agreement.parties.set(others)
    cited = [provision, *explained.provisions]
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=agreement.number,
        action="concluded",
        payload={
            "organization": holder.identifier,
            "category": cat.value,
            "hs_codes": codes,
            "facts": agreement.facts,
            "parent": parent.number if parent else None,
            "parties": [o.identifier for o in others],
        },
        provisions=list(dict.fromkeys(cited)),
    )
    agreement.document = document_issue(
        actor=actor,
        kind=AGREEMENT_DOCUMENT,
        title=f"Соглашение о промышленной сборке № {agreement.number}",
        data=agreement_data(agreement, explained),
        template="assembly/agreement_pdf.html",
        organization=holder,
        subject_type=SUBJECT,
        subject_id=agreement.number,
        provisions=[provision],
    )
    agreement.save(update_fields=["document"])
    notification_send(
        message_key="assembly.agreement.concluded",
        params={"number": agreement.number},
        provisions=[provision],
        organization=holder,
        subject_type=SUBJECT,
        subject_id=agreement.number,
    )
    return agreement


def agreement_data(agreement: Agreement, explained: Explained[rules.Verdict]) -> dict[str, Any]:
    """What the agreement's document attests: the parties, the standard form, the codes, the conditions found."""
    with translation.override("ru"):
        category = str(agreement.get_category_display())
        lines = [line["text"] for line in explained.trace()]
    return {
        "number": agreement.number,
        "concluded_on": agreement.concluded_on.isoformat(),
        "organization": {"identifier": agreement.organization.identifier, "name": agreement.organization.name},
        "form": agreement.form,
        "category": category,
        "hs_codes": agreement.hs_codes,
        "parent": agreement.parent.number if agreement.parent else None,
        "parties": [{"identifier": o.identifier, "name": o.name} for o in agreement.parties.all()],
        "lines": lines,
    }


def _check_effect(ctx: Context) -> None:
    facts: rules.Facts = ctx.extra["facts"]
    explained = _verdict(rules.Category(ctx.record.category), facts, ctx.on)
    met = explained.value.met and bool(ctx.extra["obligations_met"])
    check = Check.objects.create(
        agreement=ctx.record,
        checked_on=ctx.on,
        checked_by_label=ctx.actor.label[:200],
        facts=facts_data(facts),
        findings=[f.as_dict() for f in explained.value.findings],
        obligations_met=bool(ctx.extra["obligations_met"]),
        obligations_note=ctx.extra.get("note", "")[:4000],
        met=met,
    )
    ctx.extra["check"] = check
    ctx.extra["payload"] = {"met": met, "facts": check.facts, "obligations_met": check.obligations_met}


CHECK = Transition(
    name="check",
    subject_type=SUBJECT,
    journal_action="checked",
    journal_provisions=("IP-62.3",),
    provision="IP-62.3",
    related=("organization",),
    error=AssemblyError,
    effect=_check_effect,
    notice=Notify(
        "assembly.agreement.checked",
        ("IP-62.3",),
        lambda ctx: {
            "number": ctx.record.number,
            "verdict": _("conditions and obligations met") if ctx.extra["check"].met else _("violations found"),
        },
        organization=_organization_of,
    ),
)


def agreement_check(
    *, actor: Actor, agreement: Agreement, facts: rules.Facts, obligations_met: bool, note: str = ""
) -> Check:
    """The authorized body checks the entity's compliance with the conditions of concluding the agreement and the
    fulfilment of its obligations (IP-62.3): the conditions on the facts found today, the obligations as found;
    stored with each finding. Violations found open the way to a notice (IP-62.4)."""
    extra: dict[str, Any] = {"facts": facts, "obligations_met": obligations_met, "note": note.strip()}
    transition_apply(actor=actor, record=agreement, transition=CHECK, extra=extra)
    check: Check = extra["check"]
    return check
