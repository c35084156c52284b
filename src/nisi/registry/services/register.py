"""The register itself: inclusion (IP-51-1.6), the extract (IP-51-1.8), removal (IP-51-6) and reinstatement
after an upheld appeal (IP-51-5.8)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.core.authz import SYSTEM, Actor, require
from nisi.core.models import Document, Organization
from nisi.core.roles import Role
from nisi.core.services.deadlines import deadline_open
from nisi.core.services.documents import document_issue
from nisi.core.services.journal import journal_append
from nisi.core.services.notifications import notification_send
from nisi.law import clock
from nisi.registry import public_answers, rules, search
from nisi.registry.models import (
    Appeal,
    ApplicationProduct,
    RecordPeriod,
    RegisterApplication,
    RegisterGood,
    RegisterRecord,
    Removal,
)

SUBJECT = "register_record"
EXTRACT = "register_extract"


class RegisterError(ValueError):
    pass


PARTLY_UPHELD_PROBLEMS = {
    "no_goods": "Choose the goods the objection is upheld for (IP-51-5.5).",
    "not_removed": "Choose among the goods this removal took out of the register.",
    "all_goods": "Every good removed is chosen: that is upholding the objection fully, not in part (IP-51-5.5).",
}


def _journal(
    actor: Actor,
    record: RegisterRecord,
    action: str,
    payload: dict[str, Any] | None = None,
    provisions: list[str] | None = None,
) -> None:
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=record.number,
        action=action,
        payload=payload or {},
        provisions=provisions or [],
    )


def _record_for(organization: Organization, basis: str, site_kato: str, on: dt.date) -> tuple[RegisterRecord, bool]:
    """The organization's record, opened or reopened for a new period in the register."""
    record = RegisterRecord.objects.select_for_update().filter(organization=organization).first()
    if record is None:
        record = RegisterRecord.objects.create(
            number=f"tmp-{organization.pk}",
            organization=organization,
            basis=basis,
            included_on=on,
            site_kato=site_kato,
            region_code=site_kato[:2],
            updated_at=clock.now(),
        )
        record.number = rules.register_number(on.year, record.pk)
        record.save(update_fields=["number"])
        RecordPeriod.objects.create(record=record, included_from=on)
        return record, True
    if record.status == RegisterRecord.Status.REMOVED:
        record.status = RegisterRecord.Status.INCLUDED
        record.included_on, record.removed_on = on, None
        record.basis, record.site_kato, record.region_code = basis, site_kato, site_kato[:2]
        record.updated_at = clock.now()
        record.save()
        RecordPeriod.objects.create(record=record, included_from=on)
        return record, True
    return record, False


@transaction.atomic
def record_include_application(*, actor: Actor, application: RegisterApplication) -> RegisterRecord:
    """Includes the applicant and the goods decided for in the register (IP-51-1.6) and issues the extract, which
    lists them (IP-51-1.8); a good not included stays out, with its reasons (docs/adr/0012)."""
    today = clock.today()
    rules.require_in_force("IP-51-1.6", today, RegisterError)
    record, opened = _record_for(application.organization, RegisterRecord.Basis.ASSESSED, application.site_kato, today)
    goods = []
    for product in application.products.exclude(decision=ApplicationProduct.Decision.REFUSED):
        share = (
            Decimal(100)
            if product.wholly_produced
            else rules.domestic_value_share(
                product.ex_works_cost or Decimal(0), product.foreign_materials_cost or Decimal(0)
            )
        )
        # A good already in the register is replaced by its newly assessed details.
        RegisterGood.objects.filter(
            record=record, hs_code=product.hs_code, tnved_code=product.tnved_code, removed_on__isnull=True
        ).update(removed_on=today, status=RegisterGood.Status.REPLACED)
        goods.append(
            RegisterGood(
                record=record,
                hs_code=product.hs_code,
                tnved_code=product.tnved_code,
                name_ru=product.name_ru,
                name_kk=product.name_kk,
                annual_capacity=product.annual_capacity,
                unit=product.unit,
                domestic_value_share=share,
                wholly_produced=product.wholly_produced,
                wholly_produced_kind=product.wholly_produced_kind if product.wholly_produced else "",
                application=application,
                included_on=today,
            )
        )
    RegisterGood.objects.bulk_create(search.fill(goods, record.organization))
    public_answers.record_changed(record)  # bulk writes send no signals
    application.status = RegisterApplication.Status.INCLUDED
    application.decided_at = clock.now()
    application.save(update_fields=["status", "decided_at"])
    journal_append(
        actor=actor,
        subject_type="register_application",
        subject_id=application.number,
        action="included",
        payload={"record": record.number},
        provisions=["IP-51-1.6"],
    )
    _journal(
        actor,
        record,
        "included" if opened else "goods_added",
        {"application": application.number, "goods": [g.tnved_code or g.hs_code for g in goods]},
        ["IP-51-1.6"],
    )
    notification_send(
        message_key="registry.included",
        params={"number": record.number, "application": application.number},
        provisions=["IP-51-1.6", "IP-51-1.8"],
        organization=record.organization,
        subject_type=SUBJECT,
        subject_id=record.number,
    )
    extract_issue(actor=SYSTEM, record=record)
    return record


def extract_data(record: RegisterRecord, on: dt.date) -> dict[str, Any]:
    organization = record.organization
    goods = record.goods.filter(removed_on__isnull=True).order_by("hs_code", "id")
    return {
        "register_number": record.number,
        "as_of": on.isoformat(),
        "producer": {
            "identifier": organization.identifier,
            "name": organization.name,
            "name_kk": organization.name_kk,
            "kato": record.site_kato,
            "address": organization.address,
            "oked": organization.oked,
        },
        "included_on": record.included_on.isoformat(),
        "basis": record.basis,
        "goods": [
            {
                "hs_code": g.hs_code,
                "tnved_code": g.tnved_code,
                "name_ru": g.name_ru,
                "name_kk": g.name_kk,
                "annual_capacity": str(g.annual_capacity),
                "unit": g.unit,
                "domestic_value_share": str(g.domestic_value_share),
                "wholly_produced": g.wholly_produced,
                "included_on": g.included_on.isoformat(),
            }
            for g in goods
        ],
    }


@transaction.atomic
def extract_issue(*, actor: Actor, record: RegisterRecord) -> Document:
    """A signed PDF extract: the producer, its goods with details and domestic value shares (IP-51-1.8), with a
    QR code to the public page that shows the record's current status."""
    if actor is not SYSTEM:
        require(actor, record, "issue_extract")
    if record.status != RegisterRecord.Status.INCLUDED:
        raise RegisterError(_("An extract is issued only for a producer in the register."))
    today = clock.today()
    document = document_issue(
        actor=actor,
        kind=EXTRACT,
        title=f"Выписка из реестра казахстанских товаропроизводителей № {record.number}",
        data=extract_data(record, today),
        template="registry/extract_pdf.html",
        organization=record.organization,
        subject_type=SUBJECT,
        subject_id=record.number,
        provisions=["IP-51-1.8"],
    )
    _journal(actor, record, "extract_issued", {"document": document.token}, ["IP-51-1.8"])
    return document


@transaction.atomic
def record_remove(
    *,
    actor: Actor,
    record: RegisterRecord,
    ground: str,
    reasons: list[dict[str, Any]] | None = None,
    successor_identifier: str = "",
    on: dt.date | None = None,
) -> Removal:
    """Removes a producer from the register (IP-51-6) and opens its 30-working-day appeal term (IP-51-5.3)."""
    if ground not in Removal.Ground.values:
        raise RegisterError(_("Unknown ground for removal: %(ground)s.") % {"ground": ground})
    if actor is not SYSTEM:
        require(actor, record, "request_removal" if ground == Removal.Ground.OWN_REQUEST else "remove")
    record = RegisterRecord.objects.select_for_update().get(pk=record.pk)
    if record.status != RegisterRecord.Status.INCLUDED:
        raise RegisterError(_("%(number)s is not in the register.") % {"number": record.number})
    removed_on = on or clock.today()
    rules.require_in_force("IP-51-6", removed_on, RegisterError)
    record.status, record.removed_on, record.updated_at = RegisterRecord.Status.REMOVED, removed_on, clock.now()
    record.save(update_fields=["status", "removed_on", "updated_at"])
    RecordPeriod.objects.filter(record=record, included_to__isnull=True).update(included_to=removed_on)
    removal = Removal.objects.create(
        record=record,
        ground=ground,
        removed_on=removed_on,
        reasons=reasons or [],
        successor_identifier=successor_identifier,
        decided_by_label=actor.label,
    )
    RegisterGood.objects.filter(record=record, removed_on__isnull=True).update(
        removed_on=removed_on, status=RegisterGood.Status.REMOVED, removal=removal
    )
    public_answers.record_changed(record)  # bulk writes send no signals
    provision = {"monitoring": "IP-51-6.1", "software": "IP-51-6.2", "own_request": "IP-51-6.3"}.get(ground, "IP-51-6")
    _journal(
        actor,
        record,
        "removed",
        {"ground": ground, "reasons": reasons or [], "successor": successor_identifier},
        [provision],
    )
    if ground == Removal.Ground.MONITORING:
        deadline_open(
            actor=actor,
            subject_type=SUBJECT,
            subject_id=record.number,
            kind="registry.deadline.appeal",
            due=rules.appeal_deadline(removed_on),
            starts_on=removed_on,
            provision="IP-51-5.3",
            responsible_role=Role.APPLICANT,
            organization=record.organization,
            params={"number": record.number},
        )
    if ground == Removal.Ground.MONITORING:
        key, until, cited = (
            "registry.removed_appealable",
            rules.appeal_deadline(removed_on).value,
            [provision, "IP-51-5.3"],
        )
    elif ground == Removal.Ground.SOFTWARE:
        key, until, cited = (
            "registry.removed_software",
            rules.software_appeal_deadline(removed_on).value,
            [provision, "IP-51-2.5"],
        )
    else:
        key, until, cited = "registry.removed", None, [provision, "IP-51-6"]
    notification_send(
        message_key=key,
        params={"number": record.number, "appeal_until": until.isoformat() if until else ""},
        provisions=cited,
        organization=record.organization,
        subject_type=SUBJECT,
        subject_id=record.number,
    )
    return removal


def good_label(good: RegisterGood) -> str:
    return f"{good.tnved_code or good.hs_code or good.software_register_number} {good.name_ru}".strip()


@transaction.atomic
def record_reinstate(
    *,
    actor: Actor,
    removal: Removal,
    on: dt.date | None = None,
    appeal: Appeal | None = None,
    goods: Collection[int] | None = None,
    not_reinstated_reasons: str = "",
) -> RegisterRecord:
    """Includes the producer again without repeating the stages of IP-51-1, after an upheld objection (IP-51-5.8).

    `goods` (ids of the goods the removal took out) reinstates only those, when the objection is upheld in part
    (IP-51-5.5): the others stay out, marked so with the decision and its reasons, and the journal says which and
    why. None reinstates every good the removal took out."""
    record = RegisterRecord.objects.select_for_update().get(pk=removal.record_id)
    if record.status != RegisterRecord.Status.REMOVED:
        raise RegisterError(_("%(number)s is in the register already.") % {"number": record.number})
    removed = list(removal.goods.filter(status=RegisterGood.Status.REMOVED).order_by("hs_code", "id"))
    chosen = {g.pk for g in removed} if goods is None else set(goods)
    if goods is not None:
        problem = rules.partly_upheld_problem([g.pk for g in removed], chosen)
        if problem is not None:
            raise RegisterError(PARTLY_UPHELD_PROBLEMS[problem])
        if not not_reinstated_reasons.strip():
            raise RegisterError(_("Say why the goods left out are not reinstated (IP-51-5.5)."))
    day = on or clock.today()
    rules.require_in_force("IP-51-5.8", day, RegisterError)
    record.status, record.removed_on, record.included_on, record.updated_at = (
        RegisterRecord.Status.INCLUDED,
        None,
        day,
        clock.now(),
    )
    record.save(update_fields=["status", "removed_on", "included_on", "updated_at"])
    RecordPeriod.objects.create(record=record, included_from=day)
    reinstated = [g for g in removed if g.pk in chosen]
    left_out = [g for g in removed if g.pk not in chosen]
    # A new row from the day of reinstatement: the removed row keeps saying the good was out in between.
    RegisterGood.objects.bulk_create(
        RegisterGood(
            record=record,
            hs_code=g.hs_code,
            tnved_code=g.tnved_code,
            name_ru=g.name_ru,
            name_kk=g.name_kk,
            annual_capacity=g.annual_capacity,
            unit=g.unit,
            domestic_value_share=g.domestic_value_share,
            software_register_number=g.software_register_number,
            wholly_produced=g.wholly_produced,
            wholly_produced_kind=g.wholly_produced_kind,
            application=g.application,
            included_on=day,
            search_text=g.search_text,
        )
        for g in reinstated
    )
    RegisterGood.objects.filter(pk__in=[g.pk for g in reinstated]).update(
        status=RegisterGood.Status.REINSTATED, appeal=appeal
    )
    RegisterGood.objects.filter(pk__in=[g.pk for g in left_out]).update(
        status=RegisterGood.Status.NOT_REINSTATED, appeal=appeal
    )
    public_answers.record_changed(record)  # bulk writes send no signals
    removal.reversed_on = day
    removal.save(update_fields=["reversed_on"])
    _journal(
        actor,
        record,
        "reinstated",
        {
            "removal_of": removal.removed_on.isoformat(),
            "appeal": appeal.number if appeal else "",
            "goods": [good_label(g) for g in reinstated],
        },
        ["IP-51-5.8"],
    )
    if left_out:
        _journal(
            actor,
            record,
            "goods_not_reinstated",
            {
                "removal_of": removal.removed_on.isoformat(),
                "appeal": appeal.number if appeal else "",
                "goods": [good_label(g) for g in left_out],
                "reasons": not_reinstated_reasons.strip(),
            },
            ["IP-51-5.5", "IP-51-5.8"],
        )
    notification_send(
        message_key="registry.reinstated_partly" if left_out else "registry.reinstated",
        params={"number": record.number, "not_reinstated": "; ".join(good_label(g) for g in left_out)},
        provisions=["IP-51-5.5", "IP-51-5.8"] if left_out else ["IP-51-5.8"],
        organization=record.organization,
        subject_type=SUBJECT,
        subject_id=record.number,
    )
    return record
