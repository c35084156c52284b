"""The list of domestic raw materials (IP-60.1–60.4): a manufacturing enterprise's application, the authorized
body's decision on the two grounds of IP-60.3, the producers found in the register of Kazakhstani commodity
producers, the facts that list or except them, and the work queue of listed producers without an agreement
(IP-60.6)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.core.authz import SYSTEM, Actor, require
from nisi.core.models import Deadline, Organization
from nisi.core.roles import Role
from nisi.core.services.deadlines import DeadlineSpec, deadline_complete, deadline_open, deadline_open_many
from nisi.core.services.journal import journal_append
from nisi.core.transitions import Context, Notice, Transition, transition_apply
from nisi.law import clock, legal_calendar
from nisi.raw_materials import rules
from nisi.raw_materials.messages import AGREEMENT_DEADLINE, APPLICATION, APPLICATION_DEADLINE, PRODUCER, RAW_MATERIAL
from nisi.raw_materials.models import Agreement, ListingApplication, Producer, RawMaterial
from nisi.raw_materials.services.common import RawMaterialError, classifier_code, number, organization
from nisi.registry import selectors as register


def producers_in_kazakhstan(code: str, on: dt.date) -> list[Organization]:
    """The producers of goods under `code` in the register of Kazakhstani commodity producers on `on` (residents of
    Kazakhstan by definition, IP-1.7-1), asked of the register through its selectors."""
    goods = register.public_goods(code=code, on=on).select_related("record__organization")
    seen: dict[int, Organization] = {}
    for good in goods[:5000]:
        seen.setdefault(good.record.organization_id, good.record.organization)
    return sorted(seen.values(), key=lambda o: o.identifier)


@transaction.atomic
def application_submit(
    *, actor: Actor, manufacturer: str, code: str, name: str, purpose: str, documents: Sequence[str]
) -> ListingApplication:
    """A manufacturing enterprise applies to list a raw material (IP-60.2): its commodity code, its name, what the
    enterprise makes of it, and the documents it gives (`rules.REQUIRED_DOCUMENTS`). An incomplete set is accepted
    for decision and refused on that ground with the documents missing named (IP-60.3)."""
    today = clock.today()
    manufacturer_org = organization(manufacturer, "manufacturer")
    require(actor, ListingApplication(manufacturer=manufacturer_org), "apply")
    classified = classifier_code(code)
    if not name.strip():
        raise RawMaterialError(_("Give the raw material's name."), "name")
    if not purpose.strip():
        raise RawMaterialError(_("Say what the enterprise makes of the raw material."), "purpose")
    known = {key for key, _label in rules.REQUIRED_DOCUMENTS}
    unknown = [d for d in documents if d not in known]
    if unknown:
        raise RawMaterialError(_("Unknown documents: %(docs)s.") % {"docs": ", ".join(unknown)}, "documents")
    application = ListingApplication(
        number="",
        manufacturer=manufacturer_org,
        code=classified.code,
        name=name.strip()[:300],
        purpose=purpose.strip()[:4000],
        documents=sorted(set(documents)),
        submitted_on=today,
        created_at=clock.now(),
    )
    application.save()
    application.number = number("RMA", today.year, application.pk)
    application.save(update_fields=["number"])
    journal_append(
        actor=actor,
        subject_type=APPLICATION,
        subject_id=application.number,
        action="submitted",
        payload={
            "manufacturer": manufacturer_org.identifier,
            "code": application.code,
            "documents": application.documents,
        },
        provisions=["IP-60.2"],
    )
    deadline_open(
        actor=actor,
        subject_type=APPLICATION,
        subject_id=application.number,
        kind=APPLICATION_DEADLINE,
        due=legal_calendar.parameter_term(rules.APPLICATION_TERM, today),
        starts_on=today,
        provision="IP-60.2",
        responsible_role=Role.AUTHORIZED_BODY,
        params={"number": application.number, "code": application.code},
    )
    return application


def _grounds_payload(ctx: Context) -> dict[str, object]:
    return {"code": ctx.record.code, "grounds": ctx.record.grounds, "producers": ctx.extra.get("producers", [])}


def _list(ctx: Context) -> None:
    """The raw material on the list, with every producer the register knows of it (IP-60.1, 60.4)."""
    application: ListingApplication = ctx.record
    material, _created = RawMaterial.objects.get_or_create(
        code=application.code,
        defaults={"name": application.name, "listed_on": ctx.on, "application": application},
    )
    for producer_org in ctx.extra["found"]:
        Producer.objects.get_or_create(raw_material=material, organization=producer_org, defaults={"found_on": ctx.on})


def _manufacturer(ctx: Context) -> Organization:
    found: Organization = ctx.record.manufacturer
    return found


def _reasons(ctx: Context) -> dict[str, str]:
    texts = [rules.Ground.from_dict(g).text for g in ctx.record.grounds]
    return {"number": ctx.record.number, "code": ctx.record.code, "reasons": " ".join(texts)}


_COMMON: dict[str, object] = {
    "name": "decide",
    "subject_type": APPLICATION,
    "journal_provisions": ("IP-60.2", "IP-60.3", "IP-60.4"),
    "sources": (ListingApplication.Status.SUBMITTED,),
    "provision": "IP-60.3",
    "related": ("manufacturer",),
    "error": RawMaterialError,
    "dated_field": "decided_on",
    "decided_by_field": "decided_by",
    "closes": (APPLICATION_DEADLINE,),
    "payload": _grounds_payload,
}
LIST = Transition(
    journal_action="listed",
    target=ListingApplication.Status.LISTED,
    effect=_list,
    notice=Notice("raw_materials.application.listed", ("IP-60.1",), _reasons, _manufacturer),
    **_COMMON,  # type: ignore[arg-type]
)
REFUSE = Transition(
    journal_action="refused",
    target=ListingApplication.Status.REFUSED,
    notice=Notice("raw_materials.application.refused", ("IP-60.3",), _reasons, _manufacturer),
    **_COMMON,  # type: ignore[arg-type]
)


@transaction.atomic
def application_decide(*, actor: Actor, application: ListingApplication) -> ListingApplication:
    """The authorized body decides on the application by the rules: refused only on the grounds of IP-60.3 (the
    documents missing; no producer of the code in Kazakhstan on the day), each named with its data; otherwise the raw
    material is listed with its producers, and those listed owe an agreement (IP-60.6)."""
    today = clock.today()
    found = producers_in_kazakhstan(application.code, today)
    grounds = rules.application_grounds(
        documents=application.documents, code=application.code, producers=[o.identifier for o in found], on=today
    )
    extra = {"found": found, "producers": [o.identifier for o in found]}
    transition = REFUSE if grounds else LIST
    decided: ListingApplication = transition_apply(
        actor=actor,
        record=application,
        transition=transition,
        extra=extra,
        grounds=[g.as_dict() for g in grounds],
    )
    if not grounds:
        agreement_deadlines_open()
    return decided


@transaction.atomic
def producer_facts_set(
    *, actor: Actor, producer: Producer, operating_since: dt.date | None, excluded_ground: str
) -> Producer:
    """The authorized body records the day a producer's production in Kazakhstan started (from the state
    registration of its facility) and any ground of the rules that excludes it; whether it is listed follows
    (IP-60.4)."""
    locked = Producer.objects.select_for_update().select_related("raw_material", "organization").get(pk=producer.pk)
    require(actor, locked, "set_facts")
    today = clock.today()
    if operating_since is not None and operating_since > today:
        raise RawMaterialError(_("The day production started cannot be in the future."), "operating_since")
    locked.operating_since = operating_since
    locked.excluded_ground = excluded_ground.strip()[:500]
    locked.save(update_fields=["operating_since", "excluded_ground"])
    listing = rules.producer_listing(operating_since=operating_since, excluded_ground=locked.excluded_ground, on=today)
    journal_append(
        actor=actor,
        subject_type=RAW_MATERIAL,
        subject_id=locked.raw_material.code,
        action="producer_facts_set",
        payload={
            "producer": locked.organization.identifier,
            "operating_since": operating_since.isoformat() if operating_since else None,
            "excluded_ground": locked.excluded_ground,
            "listing": str(listing.value),
        },
        provisions=["IP-60.4"],
    )
    agreement_deadlines_open()
    producer.refresh_from_db()
    return locked


def producer_is_listed(producer: Producer, on: dt.date) -> bool:
    listing = rules.producer_listing(
        operating_since=producer.operating_since, excluded_ground=producer.excluded_ground, on=on
    )
    return listing.value is rules.Listing.LISTED


@transaction.atomic
def agreement_deadlines_open() -> int:
    """Every listed producer without an agreement in force appears on the authorized body's work queue, once
    (IP-60.6); those that concluded one are taken off it. Run after each listing and daily."""
    today = clock.today()
    producers = list(Producer.objects.select_related("raw_material", "organization"))
    with_agreement = set(
        Agreement.objects.filter(status=Agreement.Status.CONCLUDED, ends_on__gte=today).values_list(
            "producer_id", flat=True
        )
    )
    open_ = {
        d.subject_id: d
        for d in Deadline.objects.filter(kind=AGREEMENT_DEADLINE, status=Deadline.Status.OPEN).select_for_update()
    }
    specs = []
    for p in producers:
        key = f"{p.raw_material.code}:{p.organization.identifier}"
        owes = producer_is_listed(p, today) and p.pk not in with_agreement
        if owes and key not in open_:
            specs.append(
                DeadlineSpec(
                    subject_type=PRODUCER,
                    subject_id=key,
                    kind=AGREEMENT_DEADLINE,
                    due=legal_calendar.parameter_term(rules.AGREEMENT_TERM, today),
                    starts_on=today,
                    provision="IP-60.6",
                    responsible_role=Role.AUTHORIZED_BODY,
                    params={"bin": p.organization.identifier, "code": p.raw_material.code},
                )
            )
        elif not owes and key in open_:
            deadline_complete(actor=SYSTEM, deadline=open_[key])
    deadline_open_many(actor=SYSTEM, specs=specs)
    return len(specs)
