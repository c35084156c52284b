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
from nisi.core.services.documents import document_issue
from nisi.core.services.journal import journal_append
from nisi.core.transitions import Context, Notice, Opens, Transition, transition_apply
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
        shown_before = (record.basis, record.region_code)
        record.basis, record.site_kato, record.region_code = basis, site_kato, site_kato[:2]
        record.updated_at = clock.now()
        record.save()
        if shown_before != (record.basis, record.region_code):  # shown in the answers about every day
            public_answers.record_changed(record, since=public_answers.ANY_DAY)
        RecordPeriod.objects.create(record=record, included_from=on)
        return record, True
    return record, False


def _included_in_register(ctx: Context) -> None:
    """The applicant's record opened (or reopened) with the goods decided for; a good already in the register is
    replaced by its newly assessed details."""
    application, today = ctx.record, ctx.on
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
    ctx.extra.update(record=record, opened=opened, goods=[g.tnved_code or g.hs_code for g in goods])


def _record_told(ctx: Context) -> None:
    """The record's own history says it was opened or given goods; the producer is told and the extract issued."""
    record = ctx.extra["record"]
    transition_apply(actor=ctx.actor, record=record, transition=RECORD_INCLUDED, extra=ctx.extra)
    extract_issue(actor=SYSTEM, record=record)


# The application's inclusion follows from the decision that includes (the assessment, the inspection's report,
# a verification of goods wholly produced), whose policy action was checked: no action of its own.
APPLICATION_INCLUDED = Transition(
    name=None,
    subject_type="register_application",
    journal_action="included",
    journal_provisions=("IP-51-1.6",),
    target=RegisterApplication.Status.INCLUDED,
    provision="IP-51-1.6",
    related=("organization",),
    error=RegisterError,
    decided_at_field="decided_at",
    effect=_included_in_register,
    payload=lambda ctx: {"record": ctx.extra["record"].number},
    then=_record_told,
)
RECORD_INCLUDED = Transition(
    name=None,
    subject_type=SUBJECT,
    journal_action=lambda ctx: "included" if ctx.extra["opened"] else "goods_added",
    journal_provisions=("IP-51-1.6",),
    related=("organization",),
    error=RegisterError,
    payload=lambda ctx: {"application": ctx.extra["application"], "goods": ctx.extra["goods"]},
    notice=Notice(
        message_key="registry.included",
        provisions=("IP-51-1.6", "IP-51-1.8"),
        params=lambda ctx: {"number": ctx.record.number, "application": ctx.extra["application"]},
    ),
)


def record_include_application(*, actor: Actor, application: RegisterApplication) -> RegisterRecord:
    """Includes the applicant and the goods decided for in the register (IP-51-1.6) and issues the extract, which
    lists them (IP-51-1.8); a good not included stays out, with its reasons (docs/adr/0012)."""
    extra: dict[str, Any] = {"application": application.number}
    # Its goods and period are in the register from today: the answers about days that have closed stay kept.
    with public_answers.changes_from(clock.today()):
        transition_apply(actor=actor, record=application, transition=APPLICATION_INCLUDED, extra=extra)
    record: RegisterRecord = extra["record"]
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


def _in_register(ctx: Context) -> None:
    if ctx.record.status != RegisterRecord.Status.INCLUDED:
        raise RegisterError(_("%(number)s is not in the register.") % {"number": ctx.record.number})


def _removal_made(ctx: Context) -> None:
    record, removed_on = ctx.record, ctx.on
    RecordPeriod.objects.filter(record=record, included_to__isnull=True).update(included_to=removed_on)
    removal = Removal.objects.create(
        record=record,
        ground=ctx.extra["ground"],
        removed_on=removed_on,
        reasons=ctx.extra["reasons"],
        successor_identifier=ctx.extra["successor"],
        decided_by_label=ctx.actor.label,
    )
    RegisterGood.objects.filter(record=record, removed_on__isnull=True).update(
        removed_on=removed_on, status=RegisterGood.Status.REMOVED, removal=removal
    )
    public_answers.record_changed(record)  # bulk writes send no signals
    ctx.extra["removal"] = removal


def _removal(ground: str, name: str | None) -> Transition:
    """Removal on `ground` (IP-51-6.1 monitoring, 6.2 software, 6.3 own request, or another of IP-51-6); after
    monitoring, with its 30-working-day appeal term (IP-51-5.3); after the informatization authority's notice, the
    software producer may appeal it within its own term (IP-51-2.5)."""
    provision = {"monitoring": "IP-51-6.1", "software": "IP-51-6.2", "own_request": "IP-51-6.3"}.get(ground, "IP-51-6")
    appeal_until: dict[str, tuple[str, Any, tuple[str, ...]]] = {
        Removal.Ground.MONITORING: ("registry.removed_appealable", rules.appeal_deadline, (provision, "IP-51-5.3")),
        Removal.Ground.SOFTWARE: (
            "registry.removed_software",
            rules.software_appeal_deadline,
            (provision, "IP-51-2.5"),
        ),
    }
    key, until, cited = appeal_until.get(ground, ("registry.removed", None, (provision, "IP-51-6")))
    opens = (
        (Opens(term="register_appeal_term", kind="registry.deadline.appeal", responsible_role=Role.APPLICANT),)
        if ground == Removal.Ground.MONITORING
        else ()
    )
    return Transition(
        name=name,
        subject_type=SUBJECT,
        journal_action="removed",
        journal_provisions=(provision,),
        target=RegisterRecord.Status.REMOVED,
        provision="IP-51-6",
        related=("organization",),
        error=RegisterError,
        dated_field="removed_on",
        check=_in_register,
        effect=_removal_made,
        payload=lambda ctx: {name: ctx.extra[name] for name in ("ground", "reasons", "successor")},
        opens=opens,
        notice=Notice(
            message_key=key,
            provisions=cited,
            params=lambda ctx: {
                "number": ctx.record.number,
                "appeal_until": until(ctx.on).value.isoformat() if until else "",
            },
        ),
    )


# Removals by ground, asked for by a person (the producer's own request is its "request_removal", any other ground
# the authorized body's "remove") or made by the nisi itself (monitoring, a registry's feed), which no policy checks.
REMOVALS = {
    (ground, by_nisi): _removal(
        ground, None if by_nisi else "request_removal" if ground == Removal.Ground.OWN_REQUEST else "remove"
    )
    for ground in Removal.Ground.values
    for by_nisi in (False, True)
}


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
    extra: dict[str, Any] = {"ground": ground, "reasons": reasons or [], "successor": successor_identifier}
    day = on or clock.today()
    with public_answers.changes_from(day):  # a removal dated back rewrites the days since
        transition_apply(
            actor=actor,
            record=record,
            transition=REMOVALS[ground, actor is SYSTEM],
            on=day,
            extra=extra,
            updated_at=clock.now(),
        )
    removal: Removal = extra["removal"]
    return removal


def good_label(good: RegisterGood) -> str:
    return f"{good.tnved_code or good.hs_code or good.software_register_number} {good.name_ru}".strip()


def _removed_goods(ctx: Context) -> None:
    """The goods the removal took out, those reinstated and those left out; refused unless the record is out of the
    register and a choice of goods is a part of them with the reasons for the others (IP-51-5.5)."""
    record, removal, goods = ctx.record, ctx.extra["removal"], ctx.extra["goods"]
    if record.status != RegisterRecord.Status.REMOVED:
        raise RegisterError(_("%(number)s is in the register already.") % {"number": record.number})
    removed = list(removal.goods.filter(status=RegisterGood.Status.REMOVED).order_by("hs_code", "id"))
    chosen = {g.pk for g in removed} if goods is None else set(goods)
    if goods is not None:
        problem = rules.partly_upheld_problem([g.pk for g in removed], chosen)
        if problem is not None:
            raise RegisterError(PARTLY_UPHELD_PROBLEMS[problem])
        if not ctx.extra["reasons"]:
            raise RegisterError(_("Say why the goods left out are not reinstated (IP-51-5.5)."))
    ctx.extra["reinstated"] = [g for g in removed if g.pk in chosen]
    ctx.extra["left_out"] = [g for g in removed if g.pk not in chosen]


def _goods_reinstated(ctx: Context) -> None:
    record, day, removal, appeal = ctx.record, ctx.on, ctx.extra["removal"], ctx.extra["appeal"]
    reinstated, left_out = ctx.extra["reinstated"], ctx.extra["left_out"]
    RecordPeriod.objects.create(record=record, included_from=day)
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


def _reinstated_payload(ctx: Context, goods: str = "reinstated") -> dict[str, Any]:
    appeal = ctx.extra["appeal"]
    return {
        "removal_of": ctx.extra["removal"].removed_on.isoformat(),
        "appeal": appeal.number if appeal else "",
        "goods": [good_label(g) for g in ctx.extra[goods]],
    }


def _left_out_journalled(ctx: Context) -> None:
    _journal(
        ctx.actor,
        ctx.record,
        "goods_not_reinstated",
        _reinstated_payload(ctx, "left_out") | {"reasons": ctx.extra["reasons"]},
        ["IP-51-5.5", "IP-51-5.8"],
    )


def _reinstatement(key: str, provisions: tuple[str, ...], **options: Any) -> Transition:
    # Ordered by the appeals commission's decision, whose action was checked: no policy action of its own.
    return Transition(
        name=None,
        subject_type=SUBJECT,
        journal_action="reinstated",
        journal_provisions=("IP-51-5.8",),
        target=RegisterRecord.Status.INCLUDED,
        provision="IP-51-5.8",
        related=("organization",),
        error=RegisterError,
        check=_removed_goods,
        effect=_goods_reinstated,
        payload=_reinstated_payload,
        notice=Notice(
            message_key=key,
            provisions=provisions,
            params=lambda ctx: {
                "number": ctx.record.number,
                "not_reinstated": "; ".join(good_label(g) for g in ctx.extra["left_out"]),
            },
        ),
        **options,
    )


REINSTATED = _reinstatement("registry.reinstated", ("IP-51-5.8",))
REINSTATED_PARTLY = _reinstatement("registry.reinstated_partly", ("IP-51-5.5", "IP-51-5.8"), then=_left_out_journalled)


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
    day = on or clock.today()
    with public_answers.changes_from(day):
        reinstated: RegisterRecord = transition_apply(
            actor=actor,
            record=removal.record,
            # Upheld in part, a choice of goods is never all of them (IP-51-5.5): some are left out.
            transition=REINSTATED if goods is None else REINSTATED_PARTLY,
            on=day,
            extra={"removal": removal, "appeal": appeal, "goods": goods, "reasons": not_reinstated_reasons.strip()},
            removed_on=None,
            included_on=day,
            updated_at=clock.now(),
        )
    return reinstated
