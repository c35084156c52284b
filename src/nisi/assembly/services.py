"""Writes on the industrial assembly agreements: conclusion on the standard forms with the conditions checked
(IP-62.1, IP-63, IP-64), multilateral agreements (IP-63.3), the authorized body's checks (IP-62.3), the notice of
violations with its three months in the work queue, their elimination and the unilateral termination with the
benefits to reimburse (IP-62.4, IP-62.6), the benefits granted per code and period, and recall campaigns
(IP-62.5). The agreement and the termination decision are signed documents with a QR code."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nisi.assembly import rules
from nisi.assembly.messages import CURE_DEADLINE, SUBJECT
from nisi.assembly.models import Agreement, Benefit, Check, Notice, Recall
from nisi.core.authz import Actor, require
from nisi.core.identifiers import InvalidIdentifier, validate
from nisi.core.models import ClassifierCode, Organization
from nisi.core.roles import Role
from nisi.core.services.documents import document_issue
from nisi.core.services.journal import journal_append
from nisi.core.services.notifications import notification_send
from nisi.core.transitions import Context, Opens, Transition, TransitionError, transition_apply
from nisi.core.transitions import Notice as Notify
from nisi.law import clock, provisions
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


def _notice_effect(ctx: Context) -> None:
    due = rules.cure_period_end(ctx.on)
    Notice.objects.create(
        agreement=ctx.record,
        notified_on=ctx.on,
        violations=ctx.reasons,
        cure_ends_on=due.value,
        notified_by_label=ctx.actor.label[:200],
    )
    ctx.extra["due"] = due.value
    ctx.extra["payload"] = {"violations": ctx.reasons, "cure_ends_on": due.value.isoformat()}


A = Agreement.Status
NOTIFY = Transition(
    name="notify",
    subject_type=SUBJECT,
    journal_action="violations_notified",
    journal_provisions=("IP-62.4",),
    target=A.NOTIFIED,
    sources=(A.IN_FORCE,),
    provision="IP-62.4",
    related=("organization",),
    error=AssemblyError,
    reasons_field="reasons",
    reasons_message=gettext_lazy(
        "Describe the violations: the entity reads them and has three months to eliminate them."
    ),
    effect=_notice_effect,
    opens=(
        Opens(
            term="assembly_cure_period",
            kind=CURE_DEADLINE,
            responsible_role=Role.AUTHORIZED_BODY,
            params=lambda ctx: {"number": ctx.record.number, "notified_on": ctx.on.isoformat()},
        ),
    ),
    notice=Notify(
        "assembly.agreement.notified",
        ("IP-62.4",),
        lambda ctx: {"number": ctx.record.number, "violations": ctx.reasons, "due": ctx.extra["due"].isoformat()},
        organization=_organization_of,
    ),
)


def agreement_notify(*, actor: Actor, agreement: Agreement, violations: str) -> Agreement:
    """The authorized body notifies the entity of the violations found (IP-62.4): three months from the notification
    to eliminate them, a deadline in the authorized body's work queue."""
    result: Agreement = transition_apply(actor=actor, record=agreement, transition=NOTIFY, reasons=violations)
    return result


def _open_notice(agreement: Agreement) -> Notice:
    notice = agreement.notices.select_for_update().filter(status=Notice.Status.OPEN).first()
    if notice is None:
        raise AssemblyError(_("No notice of violations is open on this agreement."))
    return notice


def _cure_effect(ctx: Context) -> None:
    notice = _open_notice(ctx.record)
    notice.status = Notice.Status.CURED
    notice.closed_on = ctx.on
    notice.save(update_fields=["status", "closed_on"])
    ctx.extra["payload"] = {"notified_on": notice.notified_on.isoformat(), "note": ctx.reasons}


CURE = Transition(
    name="cure",
    subject_type=SUBJECT,
    journal_action="violations_eliminated",
    journal_provisions=("IP-62.4",),
    target=A.IN_FORCE,
    sources=(A.NOTIFIED,),
    provision="IP-62.4",
    related=("organization",),
    error=AssemblyError,
    reasons_field="reasons",
    reasons_message=gettext_lazy("Say how the violations were found eliminated."),
    effect=_cure_effect,
    closes=(CURE_DEADLINE,),
    notice=Notify(
        "assembly.agreement.cured",
        ("IP-62.4",),
        lambda ctx: {"number": ctx.record.number},
        organization=_organization_of,
    ),
)


def agreement_cure(*, actor: Actor, agreement: Agreement, note: str) -> Agreement:
    """The authorized body records that the violations were eliminated: the agreement stays in force."""
    result: Agreement = transition_apply(actor=actor, record=agreement, transition=CURE, reasons=note)
    return result


def benefits_of(agreement: Agreement) -> list[rules.Benefit]:
    return [rules.Benefit(b.hs_code, b.period_start, b.period_end, b.kind, b.amount) for b in agreement.benefits.all()]


def reimbursement_of(agreement: Agreement, on: dt.date) -> Explained[rules.Reimbursement]:
    """What termination on `on` would have the entity reimburse (IP-62.6)."""
    return rules.reimbursement(
        codes=agreement.hs_codes, concluded_on=agreement.concluded_on, terminated_on=on, benefits=benefits_of(agreement)
    )


def _terminate_check(ctx: Context) -> None:
    notice = _open_notice(ctx.record)
    problems = rules.termination_problems(cure_ends_on=notice.cure_ends_on, cured=False, on=ctx.on)
    if problems:
        raise AssemblyError(" ".join(problems))
    ctx.extra["notice"] = notice


def _terminate_effect(ctx: Context) -> None:
    agreement: Agreement = ctx.record
    notice: Notice = ctx.extra["notice"]
    notice.status = Notice.Status.TERMINATED
    notice.closed_on = ctx.on
    notice.save(update_fields=["status", "closed_on"])
    explained = reimbursement_of(agreement, ctx.on)
    agreement.reimbursement_total = explained.value.total
    agreement.reimbursement_trace = traced(explained)
    agreement.save(update_fields=["reimbursement_total", "reimbursement_trace"])
    agreement.termination_document = document_issue(
        actor=ctx.actor,
        kind=TERMINATION_DOCUMENT,
        title=f"Решение о расторжении соглашения о промышленной сборке № {agreement.number}",
        data={
            "agreement": agreement.number,
            "organization": {"identifier": agreement.organization.identifier, "name": agreement.organization.name},
            "concluded_on": agreement.concluded_on.isoformat(),
            "terminated_on": ctx.on.isoformat(),
            "notified_on": notice.notified_on.isoformat(),
            "cure_ends_on": notice.cure_ends_on.isoformat(),
            "violations": notice.violations,
            "reasons": ctx.reasons,
            "by_code": [{"hs_code": c.hs_code, "amount": str(c.amount)} for c in explained.value.by_code],
            "total": str(explained.value.total),
            "lines": [line["text"] for line in agreement.reimbursement_trace["ru"]],
        },
        template="assembly/termination_pdf.html",
        organization=agreement.organization,
        subject_type="assembly_termination",
        subject_id=agreement.number,
        provisions=["IP-62.4", "IP-62.6"],
    )
    agreement.save(update_fields=["termination_document"])
    ctx.extra["payload"] = {
        "total": str(explained.value.total),
        "by_code": {c.hs_code: str(c.amount) for c in explained.value.by_code},
        "reasons": ctx.reasons,
    }


TERMINATE = Transition(
    name="terminate",
    subject_type=SUBJECT,
    journal_action="terminated",
    journal_provisions=("IP-62.4", "IP-62.6"),
    target=A.TERMINATED,
    sources=(A.NOTIFIED,),
    provision="IP-62.4",
    related=("organization",),
    error=AssemblyError,
    reasons_field="reasons",
    reasons_message=gettext_lazy("Give the reasons for the termination: the entity reads them in the decision."),
    dated_field="terminated_on",
    decided_at_field="decided_at",
    decided_by_field="decided_by",
    check=_terminate_check,
    effect=_terminate_effect,
    closes=("*",),
    notice=Notify(
        "assembly.agreement.terminated",
        ("IP-62.4", "IP-62.6"),
        lambda ctx: {"number": ctx.record.number, "reasons": ctx.reasons, "total": str(ctx.record.reimbursement_total)},
        organization=_organization_of,
    ),
)


def agreement_terminate(*, actor: Actor, agreement: Agreement, reasons: str) -> Agreement:
    """The authorized body terminates the agreement unilaterally once the three months of the notice have passed
    without the violations eliminated (IP-62.4); the benefits granted since the conclusion are computed by FEA CN
    code to be reimbursed (IP-62.6), and the decision is issued signed with a QR code."""
    result: Agreement = transition_apply(actor=actor, record=agreement, transition=TERMINATE, reasons=reasons)
    return result


@transaction.atomic
def benefit_record(
    *,
    actor: Actor,
    agreement: Agreement,
    hs_code: str,
    period_start: dt.date,
    period_end: dt.date,
    kind: str,
    amount: Decimal,
) -> Benefit:
    """A benefit granted under the agreement for one of its codes and one ended period (IP-62.6), recorded by the
    authorized body from the body that granted it; once per code, period and kind."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    require(actor, agreement, "record_benefit")
    on = clock.today()
    if not kind.strip():
        raise AssemblyError(_("Name the benefit, for example: exemption from import customs duties."), "kind")
    benefit = rules.Benefit(hs_code.strip(), period_start, period_end, kind.strip()[:200], amount)
    problems = rules.benefit_problems(benefit, codes=agreement.hs_codes, concluded_on=agreement.concluded_on, on=on)
    if problems:
        raise AssemblyError(
            " ".join(problems), "amount" if len(problems) == 1 and "tenge" in problems[0] else "hs_code"
        )
    if agreement.benefits.filter(hs_code=benefit.hs_code, period_start=period_start, kind=benefit.kind).exists():
        raise AssemblyError(_("This benefit is already recorded for this code and period."), "period_start")
    row = Benefit.objects.create(
        agreement=agreement,
        hs_code=benefit.hs_code,
        period_start=period_start,
        period_end=period_end,
        kind=benefit.kind,
        amount=amount,
        recorded_at=clock.now(),
        recorded_by_label=actor.label[:200],
    )
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=agreement.number,
        action="benefit_recorded",
        payload={
            "hs_code": row.hs_code,
            "period": [period_start.isoformat(), period_end.isoformat()],
            "kind": row.kind,
            "amount": str(amount),
        },
        provisions=["IP-62.6"],
    )
    return row


@transaction.atomic
def recall_record(
    *,
    actor: Actor,
    agreement: Agreement,
    started_on: dt.date,
    models_affected: str,
    units: int,
    defect: str,
    remedy: str,
    buyers_notified: int = 0,
) -> Recall:
    """The manufacturer (or the vehicle manufacturer's authorized representative) that concluded an agreement records
    a recall campaign at its initiative and expense (IP-62.5): the batch, the defect, the remedy, the buyers
    notified."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    require(actor, agreement, "record_recall")
    require(actor, Recall(agreement=agreement), "record")
    if rules.FORM_OF[rules.Category(agreement.category)] is rules.Form.AGRICULTURAL:
        raise AssemblyError(
            _("Recall campaigns are recorded under agreements on vehicles and their components (IP-62.5).")
        )
    if started_on > clock.today():
        raise AssemblyError(_("The campaign's start cannot be in the future."), "started_on")
    if not models_affected.strip() or not defect.strip() or not remedy.strip():
        raise AssemblyError(_("Name the models or batch, the defect and how it is remedied."), "models_affected")
    if units <= 0:
        raise AssemblyError(_("Give the number of goods recalled, one or more."), "units")
    if not buyers_notified >= 0:
        raise AssemblyError(_("The number of buyers notified is zero or more."), "buyers_notified")
    recall = Recall.objects.create(
        number=f"tmp-{clock.now().timestamp()}",
        agreement=agreement,
        started_on=started_on,
        models_affected=models_affected.strip()[:300],
        units=units,
        defect=defect.strip()[:4000],
        remedy=remedy.strip()[:4000],
        buyers_notified=buyers_notified,
        recorded_by_label=actor.label[:200],
    )
    recall.number = f"RC-{started_on.year}-{recall.pk:05d}"
    recall.save(update_fields=["number"])
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=agreement.number,
        action="recall_recorded",
        payload={"recall": recall.number, "units": units, "models": recall.models_affected},
        provisions=["IP-62.5"],
    )
    return recall


@transaction.atomic
def recall_complete(*, actor: Actor, recall: Recall, repaired: int, buyers_notified: int) -> Recall:
    """The manufacturer closes the campaign with the goods repaired and the buyers notified (IP-62.5)."""
    recall = Recall.objects.select_for_update().select_related("agreement").get(pk=recall.pk)
    require(actor, recall, "complete")
    if not 0 <= repaired <= recall.units:
        raise AssemblyError(
            _("The goods repaired are between 0 and the %(units)s recalled.") % {"units": recall.units}, "repaired"
        )
    if buyers_notified < 0:
        raise AssemblyError(_("The number of buyers notified is zero or more."), "buyers_notified")
    recall.repaired = repaired
    recall.buyers_notified = buyers_notified
    recall.status = Recall.Status.COMPLETED
    recall.completed_on = clock.today()
    recall.save(update_fields=["repaired", "buyers_notified", "status", "completed_on"])
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=recall.agreement.number,
        action="recall_completed",
        payload={"recall": recall.number, "repaired": repaired, "buyers_notified": buyers_notified},
        provisions=["IP-62.5"],
    )
    return recall
