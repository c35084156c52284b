"""The journal of an Astana Hub record as its readers see it: each action in words, in the reader's language.

The journal keeps actions as stable codes (`visa_recorded`); this is the one place that names them for people, by
the kind of record they belong to. An action not named here is shown by a general phrase, never by its code.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from nisi.astana_hub.rules.participants import CLUSTER_ACTOR_SUBJECT, HUB_ACTOR_SUBJECT
from nisi.astana_hub.rules.workers import SUBMISSION_SUBJECT, WORKER_SUBJECT
from nisi.core import selectors as core_selectors

_PARTICIPANT: dict[str, Promise] = {
    "applied": _("Applied"),
    "submitted": _("Applied"),
    "registered": _("Registered; certificate issued"),
    "included": _("Included in the list"),
    "refused": _("Refused"),
    "terminated": _("Registration terminated"),
    "excluded": _("Excluded from the list"),
}

ACTION_LABELS: dict[str, dict[str, Promise]] = {
    HUB_ACTOR_SUBJECT: _PARTICIPANT,
    CLUSTER_ACTOR_SUBJECT: _PARTICIPANT,
    WORKER_SUBJECT: {
        "recorded": _("Worker recorded"),
        "corrected": _("Record corrected"),
        "qualification_document_kept": _("Qualification document kept"),
        "completed": _("Record completed"),
        "employment_ended": _("Employment ended"),
        "family_member_added": _("Family member added"),
        "visa_recorded": _("Visa recorded"),
        "visa_extension_requested": _("Visa extension requested"),
        "visa_extended": _("Visa extended"),
        "visa_expired": _("Visa expired"),
    },
    SUBMISSION_SUBJECT: {
        "prepared": _("Submission prepared"),
        "sent": _("Submission sent"),
        "acknowledged": _("Receipt acknowledged"),
        "downloaded": _("File downloaded"),
    },
}
OTHER_ACTION = _("Recorded in the journal")


def action_label(subject_type: str, action: str) -> str:
    return str(ACTION_LABELS.get(subject_type, {}).get(action, OTHER_ACTION))


def journal(subject_type: str, subject_id: str) -> list[dict[str, Any]]:
    """The record's journal entries, oldest first, each with its action in words (`label`)."""
    return [
        {"entry": e, "label": action_label(subject_type, e.action)}
        for e in core_selectors.journal_of(subject_type, subject_id)
    ]
