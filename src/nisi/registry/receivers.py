"""The register listens for finished digital verifications (applications, monitoring, rechecks) and for the
legal entities database's liquidations and reorganizations."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.urls import reverse

from nisi.core.links import register_subject_link
from nisi.core.models import Document, Organization
from nisi.core.services.documents import register_status_provider
from nisi.registry import public_answers, search
from nisi.registry.models import RecordPeriod, RegisterGood, RegisterRecord
from nisi.registry.services import monitoring, organization_events
from nisi.registry.services.decisions import application_after_verification, application_waiting
from nisi.verification.models import LegalEntityEvent, Verification
from nisi.verification.signals import (
    legal_entity_events_published,
    verifications_finished,
    verifications_waiting,
)


@receiver(verifications_finished, dispatch_uid="registry.verifications_finished")
def _verifications_finished(sender: Any, verifications: list[Verification], **kwargs: Any) -> None:
    checks = []
    for verification in verifications:
        if verification.subject_type == "register_application":
            application_after_verification(verification=verification)
        elif verification.subject_type == "monitoring_check":
            checks.append(int(verification.subject_id))
        elif verification.subject_type == "noncompliance_notice":
            monitoring.noncompliance_after_recheck(verification=verification)
    if checks:
        monitoring.monitoring_settle_many(check_ids=checks)


@receiver(legal_entity_events_published, dispatch_uid="registry.legal_entity_events")
def _legal_entity_events(sender: Any, events: list[LegalEntityEvent], **kwargs: Any) -> None:
    """Liquidations and reorganizations remove producers automatically, transformation excepted (IP-51-6)."""
    organization_events.legal_entity_events_apply(events=events)


@receiver(verifications_waiting, dispatch_uid="registry.verifications_waiting")
def _verifications_waiting(sender: Any, verifications: list[Verification], **kwargs: Any) -> None:
    for verification in verifications:
        if verification.subject_type == "register_application":
            application_waiting(verification=verification)


# What the public lookups answer is built from records, goods, periods and producers' names: a saved or deleted
# one retires the kept answers it touches, and only those (ADR 17; the register's services say so themselves for
# their bulk updates, which send no signals).


# A save within a register's service takes effect from the service's day (`public_answers.changes_from`); any other
# save (the admin's), and every deletion, may rewrite what the answers about past days show.


def _since(kwargs: dict[str, Any]) -> dict[str, Any]:
    """`register_changed`'s `since` for a signal: a deletion rewrites any day; a save, as the service's context says."""
    return {"since": public_answers.ANY_DAY} if kwargs.get("signal") is post_delete else {}


def _good_changed(sender: Any, instance: RegisterGood, **kwargs: Any) -> None:
    record = RegisterRecord.objects.select_related("organization").filter(pk=instance.record_id).first()
    identifiers = [record.organization.identifier] if record else []
    public_answers.register_changed(identifiers=identifiers, codes=[instance.hs_code], **_since(kwargs))


def _record_changed(sender: Any, instance: RegisterRecord, **kwargs: Any) -> None:
    # A record made: its producer's answers about past days are no longer "never in the register".
    created = kwargs.get("created")
    public_answers.record_changed(instance, **({"since": public_answers.ANY_DAY} if created else _since(kwargs)))


def _period_changed(sender: Any, instance: RecordPeriod, **kwargs: Any) -> None:
    """Periods show in the answers about their producer only (the goods carry their own dates)."""
    identifier = Organization.objects.filter(register_record__id=instance.record_id).values_list("identifier")
    public_answers.register_changed(identifiers=[i for (i,) in identifier], goods=False, **_since(kwargs))


SHOWN = {"identifier", "name", "name_kk"}  # what of an organization the answers show or search by


@receiver(pre_save, sender=Organization, dispatch_uid="registry.answers.organization.before")
def _organization_before(sender: Any, instance: Organization, **kwargs: Any) -> None:
    """The BIN an organization had before the save: a changed one retires the answers kept under the old one."""
    update_fields = kwargs.get("update_fields")
    if instance.pk is not None and (update_fields is None or "identifier" in update_fields):
        instance._nisi_identifier_before = (  # type: ignore[attr-defined]
            Organization.objects.filter(pk=instance.pk).values_list("identifier", flat=True).first()
        )


def _organization_changed(sender: Any, instance: Organization, **kwargs: Any) -> None:
    """Only a producer's name and BIN are in the answers: an organization that is not in the register, or a save
    of other fields, changes nothing."""
    update_fields = kwargs.get("update_fields")
    if kwargs.get("created") or (update_fields is not None and not SHOWN & set(update_fields)):
        return
    record = RegisterRecord.objects.filter(organization_id=instance.pk).select_related("organization").first()
    if record is not None:
        before = getattr(instance, "_nisi_identifier_before", None)
        # A name or a BIN is shown in the answers about every day.
        public_answers.record_changed(record, identifiers=[before] if before else [], since=public_answers.ANY_DAY)


for _model, _changed in (
    (RegisterRecord, _record_changed),
    (RegisterGood, _good_changed),
    (RecordPeriod, _period_changed),
    (Organization, _organization_changed),
):
    post_save.connect(_changed, sender=_model, dispatch_uid=f"registry.answers.{_model.__name__}.save")
    post_delete.connect(_changed, sender=_model, dispatch_uid=f"registry.answers.{_model.__name__}.delete")


@receiver(pre_save, sender=RegisterGood, dispatch_uid="registry.search.good")
def _good_search_text(sender: Any, instance: RegisterGood, **kwargs: Any) -> None:
    """A good saved one at a time is made searchable here; bulk writes call `search.fill` themselves."""
    search.fill([instance], instance.record.organization)


@receiver(post_save, sender=Organization, dispatch_uid="registry.search.organization")
def _organization_renamed(sender: Any, instance: Organization, created: bool, **kwargs: Any) -> None:
    """Goods are found by their producer's name too: a renamed producer's goods are found by the new name."""
    update_fields = kwargs.get("update_fields")
    if created or (update_fields is not None and not {"name", "name_kk"} & set(update_fields)):
        return
    search.refresh_for(instance)


def _extract_status(document: Document) -> dict[str, Any]:
    """The current status of the producer that a register extract attests (shown on the public check page)."""
    from django.utils.translation import gettext as _

    record = RegisterRecord.objects.filter(number=document.subject_id).first()
    if record is None:
        return {"current": False, "label": _("Not in the register"), "since": None}
    if record.status == RegisterRecord.Status.INCLUDED:
        return {"current": True, "label": _("In the register"), "since": record.included_on}
    return {"current": False, "label": _("Removed from the register"), "since": record.removed_on}


register_status_provider("register_extract", _extract_status)


register_subject_link("register_application", lambda number: reverse("registry:application", args=[number]))
register_subject_link("register_record", lambda number: reverse("registry:record", args=[number]))
