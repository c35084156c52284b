"""Producers who enter or leave the register on others' information: software producers on the notices of
the informatization authority (IP-51-2), and goods wholly produced in Kazakhstan on the information of the
competent bodies and akimats (IP-51-3); and automatic removal on liquidation or reorganization (IP-51-6)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from nisi.core.authz import SYSTEM, Actor
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.core.services.journal import journal_append
from nisi.core.services.notifications import notification_send
from nisi.core.services.organizations import OrganizationError, organization_register
from nisi.law import clock
from nisi.registry import rules
from nisi.registry.models import RegisterGood, RegisterRecord, Removal, SoftwareNotice, WhollyProducedEntry
from nisi.registry.services.register import _record_for, record_remove

# Who may submit information on wholly produced goods from which source (IP-51-3.2 … 51-3.6).
FEED_SENDERS: dict[str, str] = {
    WhollyProducedEntry.Source.SOLID_MINERALS: Role.COMPETENT_BODY,
    WhollyProducedEntry.Source.HYDROCARBONS: Role.COMPETENT_BODY,
    WhollyProducedEntry.Source.AGRICULTURE: Role.COMPETENT_BODY,
    WhollyProducedEntry.Source.COMMON_MINERALS: Role.AKIMAT,
    WhollyProducedEntry.Source.SCRAP: Role.AKIMAT,
}


class FeedError(ValueError):
    pass


def _organization(identifier: str, name: str, actor: Actor) -> Organization:
    organization = Organization.objects.filter(identifier=identifier).first()
    if organization is not None:
        return organization
    if not name.strip():
        raise FeedError(f"{identifier} is not registered in nisi; give the organization's name to register it.")
    try:
        return organization_register(actor=actor, identifier=identifier, name=name)
    except OrganizationError as exc:
        raise FeedError(str(exc)) from None


@transaction.atomic
def software_notice_receive(
    *,
    actor: Actor,
    identifier: str,
    kind: str,
    software_name: str,
    trusted_register_number: str,
    organization_name: str = "",
    quarter: str = "",
    reasons: str = "",
) -> SoftwareNotice:
    """Takes the informatization authority's notice and includes or excludes the producer (IP-51-2.4)."""
    if Role.INFORMATIZATION_AUTHORITY not in actor.roles:
        raise FeedError("Notices on software producers come from the informatization authority (IP-51-2.3).")
    if kind not in SoftwareNotice.Kind.values:
        raise FeedError("A notice includes or excludes a software producer.")
    if not trusted_register_number.strip() or not software_name.strip():
        raise FeedError("Give the software and its number in the register of trusted software (IP-51-2.1).")
    organization = _organization(identifier, organization_name, actor)
    notice = SoftwareNotice.objects.create(
        identifier=organization.identifier,
        kind=kind,
        software_name=software_name.strip(),
        trusted_register_number=trusted_register_number.strip(),
        quarter=quarter,
        reasons=reasons.strip(),
        received_at=clock.now(),
    )
    today = clock.today()
    if kind == SoftwareNotice.Kind.INCLUDE:
        record, _opened = _record_for(organization, RegisterRecord.Basis.SOFTWARE, organization.kato, today)
        RegisterGood.objects.create(
            record=record,
            hs_code="",
            name_ru=software_name.strip(),
            annual_capacity=Decimal(0),
            unit="",
            domestic_value_share=None,
            software_register_number=trusted_register_number.strip(),
            included_on=today,
        )
        journal_append(
            actor=actor,
            subject_type="register_record",
            subject_id=record.number,
            action="included",
            payload={"software": software_name.strip(), "notice": notice.pk},
            provisions=["IP-51-2.4"],
        )
        notification_send(
            message_key="registry.included",
            params={"number": record.number, "application": "—"},
            provisions=["IP-51-2.4"],
            organization=organization,
            subject_type="register_record",
            subject_id=record.number,
        )
        notice.result = f"included as {record.number}"
    else:
        current = RegisterRecord.objects.filter(
            organization=organization, status=RegisterRecord.Status.INCLUDED
        ).first()
        if current is None:
            notice.result = "not in the register: nothing to exclude"
        else:
            # The authorized body removes on the notice (IP-51-2.4): the system does it as soon as it arrives.
            record_remove(
                actor=SYSTEM,
                record=current,
                ground=Removal.Ground.SOFTWARE,
                reasons=[{"notice": notice.pk, "quarter": quarter, "reasons": reasons.strip()}],
            )
            notice.result = f"{current.number} removed"
    notice.processed_at = clock.now()
    notice.save(update_fields=["result", "processed_at"])
    return notice


@transaction.atomic
def wholly_produced_receive(
    *,
    actor: Actor,
    source: str,
    identifier: str,
    organization_name: str,
    document_kind: str,
    document_number: str,
    valid_from: dt.date,
    valid_to: dt.date | None,
    hs_code: str,
    name_ru: str,
    annual_capacity: Decimal,
    unit: str,
) -> WhollyProducedEntry:
    """Information on goods wholly produced in Kazakhstan from the body the law names for its source."""
    if source not in FEED_SENDERS:
        raise FeedError(f"Unknown source {source}.")
    if FEED_SENDERS[source] not in actor.roles:
        raise FeedError("This information is submitted by the body that IP-51-3 names for it.")
    if valid_to is not None and valid_to < valid_from:
        raise FeedError("The document cannot expire before it takes effect.")
    organization = _organization(identifier, organization_name, actor)
    region = next((g.region_code for g in actor.grants if g.role == Role.AKIMAT), None) or ""
    if WhollyProducedEntry.objects.filter(source=source, document_number=document_number, hs_code=hs_code).exists():
        raise FeedError(f"{document_number} for {hs_code} was submitted already.")
    return WhollyProducedEntry.objects.create(
        source=source,
        identifier=organization.identifier,
        document_kind=document_kind,
        document_number=document_number,
        valid_from=valid_from,
        valid_to=valid_to,
        hs_code=hs_code,
        name_ru=name_ru,
        annual_capacity=annual_capacity,
        unit=unit,
        region_code=region,
        received_at=clock.now(),
        submitted_by_label=actor.label,
    )


@transaction.atomic
def wholly_produced_enter(*, actor: Actor, entry: WhollyProducedEntry) -> RegisterRecord:
    """The authorized body enters the goods in the register without assessment (IP-51-3.7, IP-51-1.9)."""
    if Role.AUTHORIZED_BODY not in actor.roles:
        raise FeedError("Goods are entered in the register by the authorized body (IP-51-3.7).")
    entry = WhollyProducedEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.status != WhollyProducedEntry.Status.RECEIVED:
        raise FeedError("This information was dealt with already.")
    today = clock.today()
    if entry.valid_to and entry.valid_to < today:
        entry.status, entry.result = WhollyProducedEntry.Status.REJECTED, "the licence, contract or permit has expired"
        entry.save(update_fields=["status", "result"])
        raise FeedError(f"{entry.document_number} expired on {entry.valid_to.isoformat()}.")
    organization = Organization.objects.get(identifier=entry.identifier)
    record, _opened = _record_for(organization, RegisterRecord.Basis.WHOLLY_PRODUCED, organization.kato, today)
    RegisterGood.objects.create(
        record=record,
        hs_code=entry.hs_code,
        name_ru=entry.name_ru,
        annual_capacity=entry.annual_capacity,
        unit=entry.unit,
        domestic_value_share=Decimal(100),
        wholly_produced=True,
        included_on=today,
    )
    entry.status, entry.result = WhollyProducedEntry.Status.ENTERED, record.number
    entry.save(update_fields=["status", "result"])
    journal_append(
        actor=actor,
        subject_type="register_record",
        subject_id=record.number,
        action="goods_added",
        payload={"wholly_produced": entry.hs_code, "document": entry.document_number, "source": entry.source},
        provisions=["IP-51-3.7", "IP-51-1.9"],
    )
    return record


@transaction.atomic
def organization_ended(
    *, actor: Actor, organization: Organization, event: str, on: dt.date, form: str = "", successor_identifier: str = ""
) -> Removal | None:
    """Liquidation removes the producer automatically; so does reorganization, except by transformation (IP-51-6).
    The successor of a reorganization must apply anew."""
    record = RegisterRecord.objects.filter(organization=organization, status=RegisterRecord.Status.INCLUDED).first()
    if event == "liquidation":
        organization.liquidated_on = on
        organization.save(update_fields=["liquidated_on"])
        ground = Removal.Ground.LIQUIDATION
    elif event == "reorganization":
        if not rules.removal_on_reorganization(form):
            return None
        ground = Removal.Ground.REORGANIZATION
    else:
        raise FeedError("The event is a liquidation or a reorganization.")
    if record is None:
        return None
    return record_remove(
        actor=SYSTEM,
        record=record,
        ground=ground,
        on=on,
        successor_identifier=successor_identifier,
        reasons=[{"event": event, "form": form, "successor": successor_identifier}],
    )
