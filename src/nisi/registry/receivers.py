"""The register listens for finished digital verifications of its applications (and, later, monitoring)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver
from django.urls import reverse

from nisi.core.links import register_subject_link
from nisi.core.models import Document
from nisi.core.services.documents import register_status_provider
from nisi.registry.models import RegisterRecord
from nisi.registry.services import monitoring
from nisi.registry.services.decisions import application_after_verification, application_waiting
from nisi.verification.models import Verification
from nisi.verification.signals import verifications_finished, verifications_waiting


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


@receiver(verifications_waiting, dispatch_uid="registry.verifications_waiting")
def _verifications_waiting(sender: Any, verifications: list[Verification], **kwargs: Any) -> None:
    for verification in verifications:
        if verification.subject_type == "register_application":
            application_waiting(verification=verification)


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
