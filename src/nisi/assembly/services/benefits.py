"""Records under an industrial assembly agreement: the benefits granted per code and period (IP-62.6), and the
manufacturer's recall campaigns (IP-62.5)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.assembly import rules
from nisi.assembly.messages import SUBJECT
from nisi.assembly.models import Agreement, Benefit, Recall
from nisi.assembly.services.common import AssemblyError
from nisi.core.authz import Actor, require
from nisi.core.services.journal import journal_append
from nisi.law import clock


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
