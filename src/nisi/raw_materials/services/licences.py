"""Export licences for listed raw materials (IP-60.9): the producer applies, the authorized body issues a signed
licence with a QR code to its public check only when the producer concluded and fulfilled its agreements for the
preceding period, and refuses otherwise with the agreements not fulfilled named."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.core.authz import Actor, require
from nisi.core.models import Document, Organization
from nisi.core.services.documents import document_issue, register_status_provider
from nisi.core.services.journal import journal_append
from nisi.core.transitions import Context, Notice, Transition, transition_apply
from nisi.law import clock
from nisi.raw_materials import rules
from nisi.raw_materials.messages import LICENCE, LICENCE_DOCUMENT
from nisi.raw_materials.models import Agreement, DeliveryReport, ExportLicence, Producer
from nisi.raw_materials.services.common import RawMaterialError, check_amount, number
from nisi.raw_materials.services.listing import producer_is_listed


@transaction.atomic
def licence_apply(*, actor: Actor, producer: Producer, year: int, volume: Decimal, destination: str) -> ExportLicence:
    """A producer of a listed raw material applies for a licence to export it in a year (IP-60.9)."""
    require(actor, ExportLicence(producer=producer), "apply")
    today = clock.today()
    if not today.year <= year <= today.year + 1:
        raise RawMaterialError(
            _("Apply for this year or the next: %(this)s or %(next)s.") % {"this": today.year, "next": today.year + 1},
            "year",
        )
    check_amount(volume, "volume", 3)
    if volume <= 0:
        raise RawMaterialError(_("Give the volume to export, more than zero."), "volume")
    if not destination.strip():
        raise RawMaterialError(_("Give the country of destination."), "destination")
    licence = ExportLicence(
        number="",
        producer=producer,
        year=year,
        volume=volume,
        destination=destination.strip()[:100],
        applied_on=today,
    )
    licence.save()
    licence.number = number("RML", today.year, licence.pk)
    licence.save(update_fields=["number"])
    journal_append(
        actor=actor,
        subject_type=LICENCE,
        subject_id=licence.number,
        action="applied",
        payload={
            "raw_material": producer.raw_material.code,
            "producer": producer.organization.identifier,
            "year": year,
            "volume": str(volume),
            "destination": licence.destination,
        },
        provisions=["IP-60.9"],
    )
    return licence


def obligations(producer: Producer, on: dt.date) -> list[rules.Ground]:
    """What stands in the way of the producer's licence on `on`: its agreements concluded and fulfilled in the
    preceding period, from their delivery reports (IP-60.9)."""
    period = rules.preceding_period(on)
    delivered = dict(
        DeliveryReport.objects.filter(agreement__producer=producer, year=period).values_list(
            "agreement_id", "delivered"
        )
    )
    facts = [
        rules.AgreementFacts(
            number=a.number,
            starts_on=a.starts_on,
            ends_on=a.ends_on,
            yearly_volume=a.yearly_volume,
            terminated_on=a.terminated_on,
            delivered=delivered.get(a.pk),
        )
        for a in Agreement.objects.filter(producer=producer).order_by("number")
    ]
    return rules.licence_grounds(listed=producer_is_listed(producer, on), agreements=facts, on=on)


def _check(ctx: Context) -> None:
    grounds = obligations(ctx.record.producer, ctx.on)
    if grounds:
        raise RawMaterialError(
            _("The licence cannot be issued (IP-60.9): %(reasons)s Refuse it, or issue it once the producer has.")
            % {"reasons": " ".join(g.text for g in grounds)}
        )


def licence_data(licence: ExportLicence) -> dict[str, Any]:
    producer = licence.producer
    return {
        "number": licence.number,
        "issued_on": licence.decided_on.isoformat() if licence.decided_on else None,
        "producer": {"name": producer.organization.name, "identifier": producer.organization.identifier},
        "raw_material": {"code": producer.raw_material.code, "name": producer.raw_material.name},
        "unit": producer.raw_material.unit,
        "year": licence.year,
        "volume": str(licence.volume),
        "destination": licence.destination,
        "period_checked": rules.preceding_period(licence.decided_on or clock.today()),
    }


def _issue_document(ctx: Context) -> None:
    licence: ExportLicence = ctx.record
    licence.document = document_issue(
        actor=ctx.actor,
        kind=LICENCE_DOCUMENT,
        title=f"Лицензия на вывоз отечественного сырья № {licence.number}",
        data=licence_data(licence),
        template="raw_materials/licence_pdf.html",
        organization=licence.producer.organization,
        subject_type=LICENCE,
        subject_id=licence.number,
        provisions=["IP-60.9"],
    )
    licence.save(update_fields=["document"])


def _producer_org(ctx: Context) -> Organization:
    found: Organization = ctx.record.producer.organization
    return found


_COMMON: dict[str, Any] = {
    "subject_type": LICENCE,
    "journal_provisions": ("IP-60.9",),
    "sources": (ExportLicence.Status.APPLIED,),
    "provision": "IP-60.9",
    "related": ("producer__organization", "producer__raw_material"),
    "error": RawMaterialError,
    "dated_field": "decided_on",
    "decided_at_field": "decided_at",
    "decided_by_field": "decided_by",
}
ISSUE = Transition(
    name="issue",
    journal_action="issued",
    target=ExportLicence.Status.ISSUED,
    check=_check,
    effect=_issue_document,
    **_COMMON,
)
REFUSE = Transition(
    name="refuse",
    journal_action="refused",
    target=ExportLicence.Status.REFUSED,
    reasons_field="reasons",
    notice=Notice(
        "raw_materials.licence.refused",
        ("IP-60.9",),
        lambda ctx: {"number": ctx.record.number, "reasons": ctx.reasons},
        _producer_org,
    ),
    **_COMMON,
)


def licence_issue(*, actor: Actor, licence: ExportLicence) -> ExportLicence:
    """Issues the signed licence, only when the producer fulfilled its obligations (IP-60.9); otherwise refused in
    words naming each agreement not fulfilled, and nothing is written."""
    result: ExportLicence = transition_apply(actor=actor, record=licence, transition=ISSUE)
    return result


def licence_refuse(*, actor: Actor, licence: ExportLicence, reasons: str) -> ExportLicence:
    """Refuses the licence with reasons the producer reads (the agreements not fulfilled, IP-60.9)."""
    result: ExportLicence = transition_apply(actor=actor, record=licence, transition=REFUSE, reasons=reasons)
    return result


def _licence_status(document: Document) -> dict[str, Any]:
    """The licence's live status for its public check: in force until the end of its year of export."""
    licence = ExportLicence.objects.filter(number=document.subject_id).first()
    if licence is None:
        return {"current": False, "label": _("Unknown licence"), "since": None}
    ended = clock.today() > dt.date(licence.year, 12, 31)
    if licence.status != ExportLicence.Status.ISSUED or ended:
        return {"current": False, "label": _("Not in force"), "since": dt.date(licence.year, 12, 31) if ended else None}
    return {
        "current": True,
        "label": _("In force until %(day)s") % {"day": f"{licence.year}-12-31"},
        "since": licence.decided_on,
    }


register_status_provider(LICENCE_DOCUMENT, _licence_status)
