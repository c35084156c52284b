"""Large customers (IP-1.25, IP-46.2), kept by the authorized body, and the ownership chain it is given: an entity
50 % or more of whose voting shares the National Welfare Fund holds, directly or indirectly, by ownership or in
trust management, is refused with that reason."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.contracts.models import (
    LargeCustomer,
    LargeCustomerKind,
    NationalWelfareFund,
    OwnershipLink,
    SystemicEntry,
    SystemicList,
)
from nisi.contracts.rules import customers as rules
from nisi.core.authz import Actor, require
from nisi.core.models import Organization
from nisi.core.services.journal import journal_append
from nisi.law import clock, provisions

SUBJECT = "contracts_large_customer"


class CustomerError(ValueError):
    """A large customer's record refused; the message says what to do."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def organization_named(identifier: str, field: str) -> Organization:
    """The organization registered with this BIN, or a refusal naming the question."""
    found = Organization.objects.filter(identifier=identifier).first()
    if found is None:
        raise CustomerError(
            _("No organization with BIN %(bin)s is registered in the system: check the BIN.") % {"bin": identifier},
            field,
        )
    return found


def holdings_on(on: dt.date) -> list[rules.Holding]:
    """The ownership chain as it stood on a date."""
    links = OwnershipLink.objects.filter(on__lte=on).exclude(until__lt=on)
    return [
        rules.Holding(
            owner=str(link.owner_id),
            owned=str(link.owned_id),
            share=link.share,
            trust_management=link.basis == OwnershipLink.Basis.TRUST_MANAGEMENT,
        )
        for link in links
    ]


def fund_holding(organization: Organization, on: dt.date) -> rules.FundHolding | None:
    """The National Welfare Fund's share in the organization on a date (None while the Fund is not recorded)."""
    fund = NationalWelfareFund.objects.first()
    if fund is None:
        return None
    return rules.fund_share(
        str(fund.organization_id), str(organization.pk), holdings_on(on), threshold=rules.fund_threshold(on)
    )


@transaction.atomic
def fund_record(*, actor: Actor, organization: Organization) -> NationalWelfareFund:
    """Records which organization is the National Welfare Fund (IP-46.2)."""
    require(actor, NationalWelfareFund(organization=organization), "record")
    NationalWelfareFund.objects.all().delete()
    fund = NationalWelfareFund.objects.create(organization=organization, recorded_at=clock.now())
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id="national-welfare-fund",
        action="fund_recorded",
        payload={"identifier": organization.identifier},
        provisions=["IP-46.2"],
    )
    return fund


@transaction.atomic
def ownership_record(
    *,
    actor: Actor,
    owner: Organization,
    owned: Organization,
    share: Decimal,
    on: dt.date,
    trust_management: bool = False,
) -> OwnershipLink:
    """One link of the ownership chain: `owner` holds `share` per cent of `owned` from `on`; a link recorded
    before between the same two ends on the day before."""
    link = OwnershipLink(owner=owner, owned=owned, share=share, on=on)
    require(actor, link, "record")
    if owner.pk == owned.pk:
        raise CustomerError(_("An organization cannot own itself; check the owner's BIN."), "owner")
    if not Decimal(0) < share <= Decimal(100):
        raise CustomerError(_("Give the share in per cent: more than 0 and at most 100."), "share")
    OwnershipLink.objects.filter(owner=owner, owned=owned, until__isnull=True, on__lt=on).update(
        until=on - dt.timedelta(days=1)
    )
    OwnershipLink.objects.filter(owner=owner, owned=owned, on=on).delete()
    link = OwnershipLink.objects.create(
        owner=owner,
        owned=owned,
        share=share,
        on=on,
        basis=OwnershipLink.Basis.TRUST_MANAGEMENT if trust_management else OwnershipLink.Basis.OWNERSHIP,
        created_at=clock.now(),
    )
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=owned.identifier,
        action="ownership_recorded",
        payload={"owner": owner.identifier, "share": str(share), "on": on.isoformat(), "basis": link.basis},
        provisions=["IP-46.2"],
    )
    return link


@transaction.atomic
def customer_record(*, actor: Actor, organization: Organization, kind: str, since: dt.date) -> LargeCustomer:
    """Recognises an organization as a large customer of a kind (IP-1.25) from a date. Refused for the National
    Welfare Fund and the entities it holds 50 % or more of (IP-46.2), naming the chain."""
    if kind not in LargeCustomerKind.values:
        raise CustomerError(_("Choose the kind of large customer (IP-1.25)."), "kind")
    existing = LargeCustomer.objects.filter(organization=organization).first()
    record = existing or LargeCustomer(organization=organization, kind=kind, since=since, created_at=clock.now())
    require(actor, record, "record")
    try:
        provisions.require_in_force("IP-46.2", since)
    except provisions.NotInForce as exc:
        raise CustomerError(str(exc), "since") from exc
    held = fund_holding(organization, since)
    if held is not None and held.excluded:
        raise CustomerError(
            _(
                "IP-46.2: contracts aimed at industrial development do not apply to the National Welfare Fund and "
                "to entities 50 %% or more of whose voting shares it holds, directly or indirectly. On %(on)s the "
                "Fund holds %(share)s %% of %(name)s."
            )
            % {"on": since.isoformat(), "share": held.share_text, "name": organization.name},
            "organization",
        )
    if kind == LargeCustomerKind.SYSTEMIC_ENTERPRISE:
        # IP-47-1.2: a systemic enterprise is one on the approved list in force on the day (ADR 50).
        problem = rules.systemic_problem(systemic_list_in_force(since), str(organization.pk), since)
        if problem:
            raise CustomerError(problem, "kind")
    record.kind, record.since, record.until = kind, since, None
    record.status = LargeCustomer.Status.ACTIVE
    record.recorded_by_label = actor.label
    record.save()
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=organization.identifier,
        action="recorded",
        payload={"kind": kind, "since": since.isoformat(), "fund_share": str(held.share) if held else None},
        provisions=["IP-1.25", "IP-46.2"],
    )
    return record


@transaction.atomic
def customer_end(*, actor: Actor, customer: LargeCustomer, until: dt.date) -> LargeCustomer:
    """The organization stops being a large customer after `until` (its last day as one): it no longer answers the
    kind's conditions (IP-1.25), or a later list of systemic enterprises no longer names it (IP-47-1.2)."""
    require(actor, customer, "end")
    if until < customer.since:
        raise CustomerError(
            _("The last day cannot be before the day it became a large customer, %(since)s.")
            % {"since": customer.since.isoformat()},
            "until",
        )
    customer.until = until
    customer.status = LargeCustomer.Status.ENDED
    customer.recorded_by_label = actor.label
    customer.save(update_fields=["until", "status", "recorded_by_label"])
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=customer.organization.identifier,
        action="ended",
        payload={"until": until.isoformat()},
        provisions=["IP-1.25"],
    )
    return customer


def customer_of(organization: Organization, on: dt.date) -> LargeCustomer | None:
    """The organization's large customer record in force on a date."""
    return (
        LargeCustomer.objects.filter(organization=organization, since__lte=on, status=LargeCustomer.Status.ACTIVE)
        .exclude(until__lt=on)
        .first()
    )


def _version(systemic_list: SystemicList) -> rules.ListVersion:
    assert systemic_list.approved_on is not None
    members = SystemicEntry.objects.filter(systemic_list=systemic_list).values_list("manufacturer_id", flat=True)
    return rules.ListVersion(
        year=systemic_list.year,
        version=systemic_list.version,
        approved_on=systemic_list.approved_on,
        members=frozenset(str(m) for m in members),
    )


def systemic_list_in_force(on: dt.date) -> rules.ListVersion | None:
    """The approved list of systemic enterprises in force on a day (IP-47-1.2), with its members: the version
    approved last on or before the day (approved then, superseded since, or still approved)."""
    approved = SystemicList.objects.filter(
        status__in=(SystemicList.Status.APPROVED, SystemicList.Status.SUPERSEDED), approved_on__lte=on
    ).order_by("-approved_on", "-year", "-version")
    heads = [
        rules.ListVersion(year=s.year, version=s.version, approved_on=s.approved_on, members=frozenset())
        for s in approved[:1]
        if s.approved_on is not None
    ]
    chosen = rules.list_in_force(heads, on)
    if chosen is None:
        return None
    return _version(approved.get(year=chosen.year, version=chosen.version))
