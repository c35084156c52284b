"""Every read of the shared core, scoped to the actor through `authz.scope`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet

from nisi.core import messages
from nisi.core.authz import PERSONAL_DATA, Actor, allowed_actions, documents_hidden_from, scope
from nisi.core.identifiers import is_latin_digits
from nisi.core.links import subject_roles, subject_url
from nisi.core.models import (
    ApiToken,
    ClassifierCode,
    Deadline,
    DisclosureConsent,
    DisclosureView,
    Document,
    JournalCheckpoint,
    JournalEntry,
    Notification,
    Organization,
    Region,
)
from nisi.core.periods import Period, PeriodicReport
from nisi.core.roles import Role
from nisi.core.text import search_key, search_words
from nisi.law import clock

WEEK = dt.timedelta(days=7)


def inbox(actor: Actor) -> QuerySet[Notification]:
    return scope(actor, Notification.objects.select_related("organization"))


def unread_count(actor: Actor) -> int:
    if actor.is_public:
        return 0
    return inbox(actor).filter(read_at__isnull=True).count()


def work_queue(actor: Actor, *, include_closed: bool = False) -> QuerySet[Deadline]:
    """The deadlines an actor can see, soonest first; overdue ones come first by their due date."""
    qs = scope(actor, Deadline.objects.select_related("organization", "region"))
    if Role.AUDITOR not in actor.roles:
        owned = subject_roles()
        others = [s for s, roles in owned.items() if not roles & actor.roles]
        qs = qs.exclude(subject_type__in=others)
        domain_roles = frozenset().union(*owned.values()) if owned else frozenset()
        if actor.roles and actor.roles <= domain_roles:  # e.g. the Astana Hub Fund's officers: their work only
            qs = qs.filter(subject_type__in=[s for s, roles in owned.items() if roles & actor.roles])
    if not include_closed:
        qs = qs.filter(status=Deadline.Status.OPEN)
    return qs.order_by("due_on", "id")


def notification_text(actor: Actor, notification: Notification) -> tuple[str, str]:
    """(subject, body) of a notification as this reader may read it: the people it names only for a reader of
    personal data (the employer, the Fund's migration officers), the same message without them for others."""
    personal = PERSONAL_DATA in allowed_actions(actor, notification)
    return messages.render(notification.message_key, notification.params, personal_data=personal)


@dataclass(frozen=True)
class QueueEntry:
    deadline: Deadline
    title: str
    url: str | None
    actions: frozenset[str]


# The work queue's views: everything open, what is overdue, what falls due within the coming week.
QUEUE_VIEWS = ("all", "overdue", "week")
QUEUE_ORDERS = {"due": ("due_on", "id"), "organization": ("organization__name", "due_on", "id")}


def _overdue(today: dt.date) -> Q:
    return Q(status=Deadline.Status.OPEN) & (Q(overdue_since__isnull=False) | Q(due_on__lt=today))


def queue_view(deadlines: QuerySet[Deadline], view: str, today: dt.date) -> QuerySet[Deadline]:
    if view == "overdue":
        return deadlines.filter(_overdue(today))
    if view == "week":
        return deadlines.filter(status=Deadline.Status.OPEN, due_on__gte=today, due_on__lte=today + WEEK)
    return deadlines


def queue_counts(actor: Actor, today: dt.date) -> dict[str, int]:
    """How much of the actor's work is open, overdue, and due within the coming week (one statement)."""
    return work_queue(actor).aggregate(
        all=Count("id"),
        overdue=Count("id", filter=_overdue(today)),
        week=Count("id", filter=Q(due_on__gte=today, due_on__lte=today + WEEK)),
    )


def queue_entries(
    actor: Actor,
    *,
    include_closed: bool = False,
    limit: int = 500,
    offset: int = 0,
    view: str = "all",
    order: str = "due",
    today: dt.date | None = None,
) -> list[QueueEntry]:
    """The work queue as the actor may read it (the page and the API): each deadline's title names people only
    for a reader of personal data, and the link to a record that names them only for such a reader."""
    out = []
    deadlines = queue_view(work_queue(actor, include_closed=include_closed), view, today or clock.today())
    for deadline in deadlines.order_by(*QUEUE_ORDERS.get(order, QUEUE_ORDERS["due"]))[offset : offset + limit]:
        actions = allowed_actions(actor, deadline)
        personal = PERSONAL_DATA in actions
        title = messages.render(deadline.kind, deadline.params, personal_data=personal)[0]
        hidden = not personal and messages.names_people(deadline.kind, deadline.params)
        url = None if hidden else subject_url(deadline.subject_type, deadline.subject_id)
        out.append(QueueEntry(deadline=deadline, title=title, url=url, actions=actions))
    return out


@dataclass(frozen=True)
class InboxEntry:
    notification: Notification
    subject: str
    body: str
    url: str | None
    actions: frozenset[str]


def _linked_subject(notification: Notification) -> tuple[str, str]:
    """What a notification is about, for its link: a reminder about a deadline links to what the deadline is for."""
    if notification.subject_type == "deadline" and is_latin_digits(notification.subject_id):
        deadline = Deadline.objects.filter(pk=int(notification.subject_id)).only("subject_type", "subject_id").first()
        if deadline is not None:
            return deadline.subject_type, deadline.subject_id
    return notification.subject_type, notification.subject_id


def inbox_entries(actor: Actor, *, unread_only: bool = False, offset: int = 0, limit: int = 50) -> list[InboxEntry]:
    """The inbox as the actor may read it: each message with a link to what it is about, both naming people only
    for a reader of personal data (as the work queue)."""
    notifications = inbox(actor).order_by("-created_at", "-id")
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    out = []
    for notification in notifications[offset : offset + limit]:
        actions = allowed_actions(actor, notification)
        personal = PERSONAL_DATA in actions
        subject, body = messages.render(notification.message_key, notification.params, personal_data=personal)
        hidden = not personal and messages.names_people(notification.message_key, notification.params)
        url = None if hidden or not notification.subject_type else subject_url(*_linked_subject(notification))
        out.append(InboxEntry(notification=notification, subject=subject, body=body, url=url, actions=actions))
    return out


def documents_for(actor: Actor) -> QuerySet[Document]:
    return scope(actor, Document.objects.select_related("organization", "replaced_by")).exclude(
        documents_hidden_from(actor)
    )


def documents_about(kind: str, subject_id: str) -> QuerySet[Document]:
    """Documents issued about one subject (e.g. a register record's extracts), newest first."""
    return (
        Document.objects.select_related("replaced_by")
        .filter(kind=kind, subject_id=subject_id)
        .order_by("-issued_at", "-pk")
    )


def document_by_token(token: str) -> Document | None:
    """For the public verification page: anyone holding the token may check the document."""
    return Document.objects.select_related("organization", "replaced_by").filter(token=token).first()


def journal_of(subject_type: str, subject_id: str) -> list[JournalEntry]:
    return list(JournalEntry.objects.filter(subject_type=subject_type, subject_id=str(subject_id)).order_by("seq"))


def tokens_of(actor: Actor) -> QuerySet[ApiToken]:
    if actor.user_id is None:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user_id=actor.user_id)


def regions() -> QuerySet[Region]:
    return Region.objects.all()


REGION_NAMES_KEY = "nisi:region-names:v1:{language}"


def region_names(language: str) -> list[tuple[str, str]]:
    """The regions' codes and names in one language, for the filters every search page shows. Kept in the cache
    (the regions change by law, rarely; a change retires the kept lists: nisi.core.receivers)."""
    key = REGION_NAMES_KEY.format(language=language)
    names: list[tuple[str, str]] | None = cache.get(key)
    if names is None:
        names = [(r.code, r.name_in(language)) for r in Region.objects.order_by("code")]
        cache.set(key, names, 3600)
    return names


def region_names_forget() -> None:
    from django.conf import settings

    cache.delete_many([REGION_NAMES_KEY.format(language=code) for code, _name in settings.LANGUAGES])


def classifier_search_text(names: Mapping[str, Any]) -> str:
    """What a classifier code's words are searched in: its names in the three languages, folded."""
    return search_key(" ".join(str(names.get(f"name_{language}") or "") for language in ("kk", "ru", "en")))


def classifier_search(
    system: str, query: str, *, limit: int = 20, level: int | None = None
) -> QuerySet[ClassifierCode]:
    """Codes that start with the digits typed, or whose name in any of the three languages holds every word typed
    (case and Kazakh letters folded alike on SQLite and PostgreSQL); `level` keeps one level (6: HS subheadings)."""
    qs = ClassifierCode.objects.filter(system=system)
    if level is not None:
        qs = qs.filter(level=level)
    query = query.strip()
    if is_latin_digits(query):
        return qs.filter(code__startswith=query)[:limit]
    words = search_words(query)
    if not words:
        return qs.none()
    for word in words:
        qs = qs.filter(search_text__contains=word)
    return qs[:limit]


def classifier_entry(system: str, code: str) -> ClassifierCode | None:
    return ClassifierCode.objects.filter(system=system, code=code).first()


def organization_identifiers(actor: Actor) -> dict[int, str]:
    """The BIN/IIN of each organization the actor acts for, by id."""
    return dict(Organization.objects.filter(pk__in=actor.organization_ids()).values_list("pk", "identifier"))


def journal_checkpoint_latest() -> JournalCheckpoint | None:
    """The newest signed checkpoint of the journal (public: its statement holds only hashes and counts)."""
    return JournalCheckpoint.objects.defer("heads").order_by("-number").first()


def consents_for(actor: Actor) -> QuerySet[DisclosureConsent]:
    """The consents of IP-6.3 the actor may read: an entity's own, all of them for the authorized body."""
    rows = DisclosureConsent.objects.select_related("organization", "recipient")
    return scope(actor, rows).order_by("-given_at", "-id")


def disclosure_views_for(actor: Actor) -> QuerySet[DisclosureView]:
    """The record of views of entities' data by others (IP-6.3): an entity reads who saw its own, the authorized
    body and auditors read all."""
    rows = DisclosureView.objects.select_related("organization", "viewer_organization")
    return scope(actor, rows).order_by("-at", "-id")


def consenting_organizations(recipients: list[int], dataset: str) -> list[int]:
    """The entities whose consent in force lets any of `recipients` see their data of kind `dataset` (IP-6.3)."""
    rows = DisclosureConsent.objects.filter(recipient_id__in=recipients, dataset=dataset, withdrawn_at__isnull=True)
    return sorted(set(rows.values_list("organization_id", flat=True)))


def period_deadlines(
    report: PeriodicReport, period: Period, subject_ids: list[str] | None = None
) -> dict[tuple[str, int | None], Deadline]:
    """The deadlines of `period`'s report (open or closed) by party (`report.party_key`), for the lists of who is
    late and who is missing; the caller has scoped the parties to the actor (and may name them in `subject_ids`)."""
    rows = Deadline.objects.filter(**report.deadline_lookup(period))
    if subject_ids is not None:
        rows = rows.filter(subject_id__in=subject_ids)
    return {report.party_key(d.subject_id, d.organization_id): d for d in rows}
