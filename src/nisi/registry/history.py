"""The history of an application, a register record or an objection, as the applicant and the officers read it:
who did what, when (in Kazakhstan's time) and under which provision, in words and in the reader's language.

It is read from the action journal (DESIGN 3), which keeps codes and parameters, not text, so that each reader gets
it in their own language. Only those who may view the record read its history (the pages and the API ask the same
scoped selectors first); the public sees the register's public answers, never the history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nisi.core.authz import SYSTEM, Actor, allowed_actions
from nisi.core.models import JournalEntry
from nisi.law import provisions
from nisi.registry import selectors
from nisi.registry.models import Appeal, ProductionAssessment, Removal

APPLICATION = "register_application"
RECORD = "register_record"
APPEAL = "register_appeal"

# What each action of the journal says. Parameters come from the entry's payload (see `_params`).
WORDS: dict[tuple[str, str], Promise] = {
    (APPLICATION, "started"): gettext_lazy("The application was started."),
    (APPLICATION, "submitted"): gettext_lazy("The application was submitted, with the goods %(goods)s."),
    (APPLICATION, "withdrawn"): gettext_lazy("The application was withdrawn."),
    (APPLICATION, "verification_passed"): gettext_lazy("Digital verification found every criterion met."),
    (APPLICATION, "verification_failed"): gettext_lazy(
        "Digital verification found criteria not met; the application was refused with the reasons."
    ),
    (APPLICATION, "assessment_not_required"): gettext_lazy(
        "No production assessment was needed: the goods are wholly produced in Kazakhstan."
    ),
    (APPLICATION, "assessed"): gettext_lazy("The production was assessed: %(outcome)s."),
    (APPLICATION, "inspection_scheduled"): gettext_lazy("An on-site inspection was scheduled for %(on)s."),
    (APPLICATION, "inspection_reported"): gettext_lazy("The on-site inspection's report was recorded: %(outcome)s."),
    (APPLICATION, "goods_refused"): gettext_lazy("Goods not included in the register, with the reasons: %(goods)s."),
    (APPLICATION, "refused"): gettext_lazy("The application was refused, with the reasons."),
    (APPLICATION, "included"): gettext_lazy("The producer was included in the register as %(record)s."),
    (RECORD, "included"): gettext_lazy("The producer was included in the register, with the goods %(goods)s."),
    (RECORD, "goods_added"): gettext_lazy("Goods were added to the register: %(goods)s."),
    (RECORD, "extract_issued"): gettext_lazy("An extract from the register was issued."),
    (RECORD, "removed"): gettext_lazy("The producer was removed from the register. Ground: %(ground)s."),
    (RECORD, "appealed"): gettext_lazy("An objection to the removal was filed (%(appeal)s)."),
    (RECORD, "reinstated"): gettext_lazy(
        "The producer was reinstated in the register after the objection was upheld, with the goods %(goods)s."
    ),
    (RECORD, "goods_not_reinstated"): gettext_lazy("Goods left out of the register on reinstatement: %(goods)s."),
    (RECORD, "notified"): gettext_lazy(
        "Monitoring found criteria not met; a notice was sent to eliminate the non-compliance by %(due_on)s."
    ),
    (RECORD, "noncompliance_eliminated"): gettext_lazy("The non-compliance found by monitoring was eliminated."),
    (RECORD, "transformed"): gettext_lazy(
        "The organization was reorganized (%(predecessor)s → %(successor)s); the record stays in the register."
    ),
    (RECORD, "transformation_not_carried"): gettext_lazy(
        "The organization was reorganized, but its successor %(successor)s has a record of its own; the authorized "
        "body decides."
    ),
    (APPEAL, "filed"): gettext_lazy("The objection was filed with the appeals commission."),
    (APPEAL, "documents_requested"): gettext_lazy("The commission requested documents: %(documents)s."),
    (APPEAL, "hearing_scheduled"): gettext_lazy("The commission scheduled a hearing for %(on)s."),
    (APPEAL, "site_visit_scheduled"): gettext_lazy("The commission scheduled an on-site visit for %(on)s."),
    (APPEAL, "decided"): gettext_lazy("The commission decided: %(outcome)s."),
}


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime  # in Kazakhstan's time
    action: str
    actor: str
    text: str
    provisions: list[dict[str, str]]


def _day(value: Any) -> str:
    try:
        return dt.date.fromisoformat(str(value)).strftime("%d.%m.%Y")
    except ValueError:
        return str(value)


def _label(choices: Any, value: Any) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def _params(subject_type: str, payload: dict[str, Any]) -> dict[str, str]:
    # A software product is included by the informatization authority's notice, named by its name (IP-51-2.4).
    goods = payload.get("goods", payload.get("products", [])) or (
        [payload["software"]] if payload.get("software") else []
    )
    outcome = payload.get("outcome", "")
    return {
        "goods": ", ".join(str(g) for g in goods) if isinstance(goods, list) else str(goods),
        "outcome": _label(Appeal.Status if subject_type == APPEAL else ProductionAssessment.Outcome, outcome).lower()
        if outcome
        else "",
        "on": _day(payload.get("on", "")),
        "due_on": _day(payload.get("due_on", "")),
        "ground": _label(Removal.Ground, payload.get("ground", "")),
        "appeal": str(payload.get("appeal", "")),
        "record": str(payload.get("record", "")),
        "documents": str(payload.get("documents", "")),
        "predecessor": str(payload.get("predecessor", "")),
        "successor": str(payload.get("successor", "")),
    }


def _who(entry: JournalEntry) -> str:
    if entry.actor_id is None and entry.actor_label == SYSTEM.label:
        return _("nisi, automatically")
    return entry.actor_label


def _entry(entry: JournalEntry) -> HistoryEntry:
    words = WORDS.get((entry.subject_type, entry.action))
    payload = entry.payload if isinstance(entry.payload, dict) else {}
    # An action without words here is never shown by its code: a reader cannot read `goods_refused`.
    text = str(words) % _params(entry.subject_type, payload) if words else _("Recorded in the journal.")
    return HistoryEntry(
        at=timezone.localtime(entry.at),
        action=entry.action,
        actor=_who(entry),
        text=text,
        provisions=[{"id": p, "words": provisions.in_words(p)} for p in entry.provisions],
    )


def _history(subject_type: str, subject_id: str) -> list[HistoryEntry]:
    entries = JournalEntry.objects.filter(subject_type=subject_type, subject_id=subject_id).order_by("seq")
    return [_entry(e) for e in entries]


def _visible(actor: Actor, found: Any) -> bool:
    return found is not None and "view" in allowed_actions(actor, found)


def application_history(actor: Actor, number: str) -> list[HistoryEntry] | None:
    """The application's history, or None if the actor may not see the application (as its page decides)."""
    if not _visible(actor, selectors.applications_for(actor).filter(number=number).first()):
        return None
    return _history(APPLICATION, number)


def record_history(actor: Actor, number: str) -> list[HistoryEntry] | None:
    """The register record's history, or None if the actor may not see the record."""
    if not _visible(actor, selectors.records_for(actor).filter(number=number).first()):
        return None
    return _history(RECORD, number)


def appeal_history(actor: Actor, number: str) -> list[HistoryEntry] | None:
    """The objection's history, or None if the actor may not see the objection."""
    if not _visible(actor, selectors.appeals_for(actor).filter(number=number).first()):
        return None
    return _history(APPEAL, number)
