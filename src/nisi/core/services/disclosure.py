"""Confidentiality of the administrative data an entity gives (IP-6.3): the entity's consents, given and withdrawn
in the journal, and the record of every view of an entity's data by someone other than the entity.

An app that shows one entity's figures asks `disclosures_record` first, with the entities it would show: it answers
on what ground each may be seen (`nisi.core.disclosure.disclosure_ground`) and, in the same transaction, records each
view by another than the entity. An entity with no ground is not in the answer, and the app shows it only within an
aggregate (`nisi.core.disclosure.suppress`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nisi.core.authz import Actor, require
from nisi.core.disclosure import Ground, disclosure_ground
from nisi.core.models import DisclosureConsent, DisclosureView, Organization
from nisi.core.roles import Role
from nisi.core.services.journal import journal_append
from nisi.law import clock

SUBJECT = "disclosure_consents"  # one journal chain per entity, by its BIN
PROVISIONS = ["IP-6.3"]

# The kinds of administrative data an entity can consent to show, declared by the apps that collect them.
DATASETS: dict[str, Any] = {}


def register_dataset(code: str, label: Any) -> None:
    """An app declares a kind of administrative data (its code and its name in words) that consents may cover."""
    DATASETS[code] = label


class DisclosureError(Exception):
    """A consent that cannot be given or withdrawn; the message says what to do."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _dataset_check(dataset: str) -> None:
    if dataset not in DATASETS:
        raise DisclosureError(_("Choose the kind of data the consent covers."), "dataset")


@transaction.atomic
def consent_give(
    *, actor: Actor, organization: Organization, recipient: Organization, dataset: str, purpose: str = ""
) -> DisclosureConsent:
    """The entity consents that `recipient` sees its administrative data of kind `dataset` (IP-6.3)."""
    consent = DisclosureConsent(organization=organization, recipient=recipient, dataset=dataset, purpose=purpose)
    require(actor, consent, "give")
    _dataset_check(dataset)
    if recipient.pk == organization.pk:
        raise DisclosureError(_("Choose another organization: your own figures are always yours to see."), "recipient")
    if DisclosureConsent.objects.filter(
        organization=organization, recipient=recipient, dataset=dataset, withdrawn_at__isnull=True
    ).exists():
        raise DisclosureError(
            _("%(name)s already has your consent to this data. Withdraw it first to change it.")
            % {"name": recipient.name},
            "recipient",
        )
    consent.purpose = purpose.strip()[:300]
    consent.given_at = clock.now()
    consent.given_by_label = actor.label[:200]
    consent.save()
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=organization.identifier,
        action="consent_given",
        payload={"recipient": recipient.identifier, "dataset": dataset, "purpose": consent.purpose},
        provisions=PROVISIONS,
    )
    return consent


@transaction.atomic
def consent_withdraw(*, actor: Actor, consent: DisclosureConsent) -> DisclosureConsent:
    """The entity withdraws its consent (IP-6.3): from now on the recipient no longer sees its data."""
    locked = (
        DisclosureConsent.objects.select_for_update().select_related("organization", "recipient").get(pk=consent.pk)
    )
    if locked.withdrawn_at is not None:
        raise DisclosureError(_("This consent was already withdrawn."))
    require(actor, locked, "withdraw")
    locked.withdrawn_at = clock.now()
    locked.withdrawn_by_label = actor.label[:200]
    locked.save(update_fields=["withdrawn_at", "withdrawn_by_label"])
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=locked.organization.identifier,
        action="consent_withdrawn",
        payload={"recipient": locked.recipient.identifier, "dataset": locked.dataset},
        provisions=PROVISIONS,
    )
    return locked


def _collects_by_law(actor: Actor) -> bool:
    return Role.AUTHORIZED_BODY in actor.roles


@transaction.atomic
def disclosures_record(*, actor: Actor, entities: Iterable[int], dataset: str, what: str) -> dict[int, Ground]:
    """The entities (organization ids) whose figures of kind `dataset` the actor may see, each with its ground
    (IP-6.3), every one seen by another than the entity recorded with who, when, what and the ground. Entities
    without a ground are left out: the caller shows them only in aggregates."""
    _dataset_check(dataset)
    wanted = set(entities)
    if not wanted:
        return {}
    mine = set(actor.organization_ids())
    consents: dict[int, DisclosureConsent] = {}
    if mine:
        for given in DisclosureConsent.objects.filter(
            organization_id__in=wanted, recipient_id__in=mine, dataset=dataset, withdrawn_at__isnull=True
        ):
            consents.setdefault(given.organization_id, given)
    law = _collects_by_law(actor)
    now = clock.now()
    viewer_org = next(iter(sorted(mine)), None)
    grounds: dict[int, Ground] = {}
    views: list[DisclosureView] = []
    for entity in sorted(wanted):
        consent = consents.get(entity)
        ground = disclosure_ground(
            viewer_organizations=mine,
            collects_by_law=law,
            entity=entity,
            consented_to=[consent.recipient_id] if consent else [],
        )
        if ground is None:
            continue
        grounds[entity] = ground
        if ground is Ground.OWN:
            continue
        views.append(
            DisclosureView(
                organization_id=entity,
                viewer_id=actor.user_id,
                viewer_label=actor.label[:200],
                viewer_organization_id=consent.recipient_id if consent and ground is Ground.CONSENT else viewer_org,
                dataset=dataset,
                what=what[:300],
                ground=str(ground),
                consent=consent if ground is Ground.CONSENT else None,
                at=now,
            )
        )
    DisclosureView.objects.bulk_create(views, batch_size=1000)
    return grounds


def figures_seen(*, actor: Actor, organization: Organization, dataset: str, what: str) -> Ground:
    """One entity's figures about to be shown to the actor: the ground (the view recorded when the actor is not the
    entity), or a refusal when there is none (IP-6.3)."""
    grounds = disclosures_record(actor=actor, entities=[organization.pk], dataset=dataset, what=what)
    if organization.pk not in grounds:
        raise DisclosureError(
            _("%(name)s has not consented to show you these figures (IP-6.3). Ask it to give its consent.")
            % {"name": organization.name}
        )
    return grounds[organization.pk]


GROUND_LABELS = {
    Ground.OWN: gettext_lazy("your own data"),
    Ground.LAW: gettext_lazy("the authorized body collecting the data (IP-6.3)"),
    Ground.CONSENT: gettext_lazy("the entity's consent"),
    Ground.COURT: gettext_lazy("a court decision in force"),
}
