"""The feed of changes, the snapshots, the field catalogue and webhook subscriptions through the API (ADR 37).

Public: the feed (`/feed/changes`, JSON and Atom), the snapshots with their sequence, the kinds of change and the
fields. With a token: an organization's webhook subscriptions and their delivery logs, on the same services and
policies as everything else."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.responses import Status

from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for, allowed_actions
from nisi.core.models import Organization
from nisi.core.publication import formats, rules, selectors, webhooks
from nisi.core.publication.models import Delivery, Subscription
from nisi.law import clock
from nisi.law.api_common import BIGINT_MAX, Identifier, Problem, explain

router = Router(tags=["Open data: feed of changes and webhooks"])
DATASET = Path(..., pattern=r"^[a-z][a-z0-9-]{1,39}$", description="the dataset's key, e.g. register")
RECORD = Path(..., min_length=1, max_length=80, description="the record's public key in its dataset")


class FeedChangesQuery(Schema):
    after: int = Field(0, ge=0, le=BIGINT_MAX, description="the last sequence already read; 0 from the start")
    limit: int = Field(100, ge=1, le=selectors.MAX_PAGE)
    kind: list[str] = Field(default_factory=list, max_length=20, description="only these kinds of change")


class FeedEventOut(Schema):
    seq: int
    id: str
    dataset: str
    kind: str
    record: dict[str, Any] = Field(..., description="public identifiers: key, version and the dataset's own")
    effective_on: dt.date
    published_at: dt.datetime | None
    provisions: list[str] = Field(..., description="the provisions of the act that made the change")
    state: dict[str, Any] | None = Field(..., description="the record's public fields after the change")


class FeedChangesOut(Schema):
    events: list[FeedEventOut]
    next_after: int = Field(..., description="pass as `after` for the next page")
    last_seq: int = Field(..., description="the last sequence published so far")


def _page(query: FeedChangesQuery) -> tuple[list[dict[str, Any]], int, int]:
    events = [selectors.event_out(c) for c in selectors.changes_after(query.after, query.limit, kinds=query.kind)]
    next_after = events[-1]["seq"] if events else query.after
    return events, next_after, selectors.last_sequence()


@router.get(
    "/feed/changes",
    url_name="feed_changes",
    response=FeedChangesOut,
    summary="Published changes after a sequence, in sequence order, each exactly once (public; IP-16.3)",
)
def changes(request: HttpRequest, query: Query[FeedChangesQuery]) -> Any:
    events, next_after, last = _page(query)
    return {"events": events, "next_after": next_after, "last_seq": last}


@router.get(
    "/feed/changes.atom",
    url_name="feed_changes_atom",
    response={200: None},
    summary="The same changes as an Atom feed (public)",
    openapi_extra={"responses": {200: {"description": "Atom", "content": {"application/atom+xml": {}}}}},
)
def changes_atom(request: HttpRequest, query: Query[FeedChangesQuery]) -> HttpResponse:
    events, next_after, _last = _page(query)
    base = request.build_absolute_uri(request.path)
    body = formats.atom(
        events=events,
        self_url=f"{base}?after={query.after}&limit={query.limit}",
        next_url=f"{base}?after={next_after}&limit={query.limit}" if events else None,
        title=_("nisi: changes of the public lists"),
        updated=clock.now(),
    )
    return HttpResponse(body, content_type="application/atom+xml; charset=utf-8")


class FeedKindOut(Schema):
    kind: str
    dataset: str
    meaning: str


@router.get("/feed/kinds", response=list[FeedKindOut], summary="The kinds of change the feed publishes (public)")
def kinds(request: HttpRequest) -> Any:
    return [
        {"kind": kind, "dataset": d.key, "meaning": str(meaning)}
        for d in selectors.published_datasets()
        for kind, meaning in d.event_kinds.items()
    ]


class FeedFieldOut(Schema):
    dataset: str
    name: str
    title: str
    source: str = Field(..., description="where the value comes from")
    provision: str = Field(..., description="the provision that makes it public")


@router.get("/feed/fields", response=list[FeedFieldOut], summary="Every published field, its source and provision")
def fields(request: HttpRequest) -> Any:
    return [
        {"dataset": d.key, "name": f.name, "title": str(f.title), "source": str(f.source), "provision": f.provision}
        for d in selectors.published_datasets()
        for f in d.fields
    ]


AS_OF_DESCRIPTION = (
    "YYYY-MM-DD: the list as it stood at the end of this day, Kazakhstan time (by the list's own versions, or "
    "from its published changes); a malformed day or one still to come is refused with 400"
)


class FeedSnapshotQuery(Schema):
    as_of: str | None = Field(None, max_length=40, description=AS_OF_DESCRIPTION)


class FeedSnapshotOut(Schema):
    dataset: str
    sequence: int | None = Field(
        ..., description="read the feed after this to follow the list; none for a past day's list"
    )
    as_of: dt.date | None
    taken_at: dt.datetime
    records: list[dict[str, Any]]


def as_of_param(text: str | None) -> dt.date | Status | None:
    """The `as_of` of a public list's or record's API: None for now, the day, or a 400 that says what to give."""
    if text is None:
        return None
    day, problem = rules.as_of_day(text, clock.today())
    return Status(400, {"detail": problem}) if day is None else day


def _snapshot(key: str, as_of_text: str | None) -> tuple[int | None, list[dict[str, Any]]] | Status:
    dataset = selectors.dataset_by_key(key)
    if dataset is None or dataset.snapshot is None:
        return Status(404, {"detail": _("No dataset with this key publishes a snapshot; see /data/catalog.jsonld.")})
    as_of = as_of_param(as_of_text)
    if isinstance(as_of, Status):
        return as_of
    if as_of is not None:
        past = selectors.snapshot_on(dataset, as_of)
        if past is None:
            return Status(422, {"detail": _("This list does not answer for a past day.")})
        return None, [state for _key, state in past]
    seq, rows = selectors.snapshot(dataset)
    return seq, [state for _key, state in rows]


def fields_description(lead: str) -> str:
    """Every dataset's published fields, each with its source and the provision that makes it public, for the
    OpenAPI description of the endpoints that return records (built when the API is, after every app declared its
    datasets)."""
    lines = [lead, ""]
    with translation.override("en"):
        for d in selectors.published_datasets():
            if d.changes_from != d.key:
                continue
            lines += [f"**{d.key}** — {d.title} ({', '.join(d.provisions)}):", ""]
            lines += [f"- `{f.name}`: {f.title}. Source: {f.source}. Public under {f.provision}." for f in d.fields]
            lines.append("")
    return "\n".join(lines)


SNAPSHOT_STATUSES = explain(
    {
        400: "The `as_of` day is malformed or still to come.",
        404: "No dataset with this key publishes a snapshot.",
        422: "The list does not answer for a past day.",
    }
)


# The CSV's address first: the JSON's would take `register.csv` as a dataset's key.
@router.get(
    "/feed/snapshots/{dataset}.csv",
    url_name="feed_snapshot_csv",
    response={200: None, 400: Problem, 404: Problem, 422: Problem},
    summary="The same snapshot as CSV, one row per sub-record (a producer's goods), the sequence in each row",
    openapi_extra={
        "responses": {
            200: {"description": "CSV (UTF-8 with BOM)", "content": {"text/csv": {}}},
            **SNAPSHOT_STATUSES["responses"],
        }
    },
)
def snapshot_csv(request: HttpRequest, query: Query[FeedSnapshotQuery], dataset: str = DATASET) -> Any:
    taken = _snapshot(dataset, query.as_of)
    if isinstance(taken, Status):
        return taken
    seq, records = taken
    header, rows = formats.flat_rows(records, sequence=seq or 0)
    response = HttpResponse(formats.csv_text(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{dataset}-{seq or query.as_of}.csv"'
    if seq is not None:
        response["X-Nisi-Sequence"] = str(seq)
    return response


@router.get(
    "/feed/snapshots/{dataset}",
    url_name="feed_snapshot",
    response={200: FeedSnapshotOut, 400: Problem, 404: Problem, 422: Problem},
    summary="A public list now, with the sequence it was taken at, or as it stood on a day (public)",
    description=fields_description("Each record's fields, by dataset (also at /api/v1/feed/fields):"),
    openapi_extra=SNAPSHOT_STATUSES,
)
def snapshot(request: HttpRequest, query: Query[FeedSnapshotQuery], dataset: str = DATASET) -> Any:
    taken = _snapshot(dataset, query.as_of)
    if isinstance(taken, Status):
        return taken
    seq, records = taken
    as_of = as_of_param(query.as_of)
    return {"dataset": dataset, "sequence": seq, "as_of": as_of, "taken_at": clock.now(), "records": records}


class FeedRecordOut(Schema):
    dataset: str
    key: str
    as_of: dt.date | None
    sequence: int | None = Field(..., description="the last published change of the record (now only)")
    state: dict[str, Any] = Field(..., description="the record's public fields; see /feed/fields for each source")


@router.get(
    "/feed/records/{dataset}/{key}",
    url_name="feed_record",
    response={200: FeedRecordOut, 400: Problem, 404: Problem},
    summary="One record of a public list now, or as it stood at the end of a day (public)",
    description=fields_description("The record's `state`, by dataset:"),
    openapi_extra=explain(
        {
            400: "The `as_of` day is malformed or still to come.",
            404: "No such dataset, or the record was not on its list (then).",
        }
    ),
)
def record(request: HttpRequest, query: Query[FeedSnapshotQuery], dataset: str = DATASET, key: str = RECORD) -> Any:
    found = selectors.dataset_by_key(dataset)
    as_of = as_of_param(query.as_of)
    if isinstance(as_of, Status):
        return as_of
    missing = Status(404, {"detail": _("This record is not on the list; check its key in the list's snapshot.")})
    if found is None or found.changes_from != found.key:
        return missing
    day = as_of or clock.today()
    if as_of is None:
        _published, state = selectors.last_published_state(dataset, key)
        seq = selectors.record_sequence(dataset, key)
    else:
        state, seq = selectors.record_on(found, key, day), None
    if state is None:
        return missing
    return {"dataset": dataset, "key": key, "as_of": as_of, "sequence": seq, "state": state}


# Subscriptions -----------------------------------------------------------------------------------------------


class FeedSubscriptionIn(Schema):
    url: str = Field(..., min_length=8, max_length=500, description="the receiver, https:// outside development")
    kinds: list[str] = Field(default_factory=list, max_length=50, description="kinds to receive; none for all")
    secret: str = Field(..., min_length=24, max_length=200, description="the key deliveries are signed with")
    organization: Identifier | None = Field(None, description="BIN of your organization, if you act for several")
    after: int | None = Field(None, ge=0, le=BIGINT_MAX, description="deliver after this sequence (a snapshot's)")


class FeedSubscriptionOut(Schema):
    id: int
    organization: str
    url: str
    kinds: list[str]
    status: str
    acked_seq: int = Field(..., description="the last sequence your receiver acknowledged")
    failures: int
    next_attempt_at: dt.datetime | None
    created_at: dt.datetime
    actions: list[str]


class FeedRewindIn(Schema):
    after: int = Field(..., ge=0, le=BIGINT_MAX)


class FeedDeliveryOut(Schema):
    attempted_at: dt.datetime
    first_seq: int
    last_seq: int
    events: int
    outcome: str
    http_status: int | None
    error: str
    duration_ms: int
    attempt: int


def _sub_out(subscription: Subscription, request: HttpRequest) -> dict[str, Any]:
    return {
        "id": subscription.pk,
        "organization": subscription.organization.identifier,
        "url": subscription.url,
        "kinds": subscription.kinds,
        "status": subscription.status,
        "acked_seq": subscription.acked_seq,
        "failures": subscription.failures,
        "next_attempt_at": subscription.next_attempt_at,
        "created_at": subscription.created_at,
        "actions": sorted(allowed_actions(actor_for(request.user), subscription)),
    }


def _organization(request: HttpRequest, identifier: str | None) -> Organization | None:
    actor = actor_for(request.user)
    if identifier:
        return Organization.objects.filter(identifier=identifier).first()
    ids = sorted(set(actor.organization_ids()))
    return Organization.objects.filter(pk=ids[0]).first() if len(ids) == 1 else None


@router.post(
    "/feed/subscriptions",
    auth=TokenAuth(),
    url_name="feed_subscribe",
    response={201: FeedSubscriptionOut, 403: Problem, 422: Problem},
    summary="Subscribe your organization's receiver to the changes (webhook, signed with your secret)",
    openapi_extra=explain(
        {
            403: "An organization's own users, a major customer's and the authorized body subscribe.",
            422: "The address is not https, or is private; an unknown kind; a short secret; no organization.",
        }
    ),
)
def subscribe(request: HttpRequest, body: FeedSubscriptionIn) -> Any:
    organization = _organization(request, body.organization)
    if organization is None:
        return Status(422, {"detail": _("Name your organization by its BIN (`organization`).")})
    try:
        created = webhooks.subscription_create(
            actor=actor_for(request.user),
            organization=organization,
            url=body.url,
            kinds=body.kinds,
            secret=body.secret,
            after=body.after,
        )
    except webhooks.SubscriptionError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, _sub_out(created, request))


@router.get(
    "/feed/subscriptions", auth=TokenAuth(), response=list[FeedSubscriptionOut], summary="The subscriptions you may see"
)
def subscriptions(request: HttpRequest) -> Any:
    return [_sub_out(s, request) for s in selectors.subscriptions_for(actor_for(request.user))[:500]]


NOT_FOUND = "No subscription with this id that you may see."
MISSING = explain({404: NOT_FOUND})
ID = Path(..., ge=1, le=BIGINT_MAX)


def _missing() -> Status:
    return Status(404, {"detail": _("No subscription with this id that you may see.")})


@router.get(
    "/feed/subscriptions/{pk}",
    auth=TokenAuth(),
    response={200: FeedSubscriptionOut, 404: Problem},
    summary="One subscription",
    openapi_extra=MISSING,
)
def subscription(request: HttpRequest, pk: int = ID) -> Any:
    found = selectors.subscription_by_id(actor_for(request.user), pk)
    return _sub_out(found, request) if found else _missing()


@router.delete(
    "/feed/subscriptions/{pk}",
    auth=TokenAuth(),
    response={200: FeedSubscriptionOut, 403: Problem, 404: Problem},
    summary="Cancel a subscription",
    openapi_extra=explain({403: "Its organization's users and the authorized body cancel it.", 404: NOT_FOUND}),
)
def cancel(request: HttpRequest, pk: int = ID) -> Any:
    actor = actor_for(request.user)
    found = selectors.subscription_by_id(actor, pk)
    if found is None:
        return _missing()
    try:
        return _sub_out(webhooks.subscription_cancel(actor=actor, subscription=found), request)
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})


@router.post(
    "/feed/subscriptions/{pk}/rewind",
    auth=TokenAuth(),
    response={200: FeedSubscriptionOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Deliver again from the change after a sequence",
    openapi_extra=explain(
        {403: "Only its organization's users rewind it.", 422: "No such sequence yet.", 404: NOT_FOUND}
    ),
)
def rewind(request: HttpRequest, body: FeedRewindIn, pk: int = ID) -> Any:
    actor = actor_for(request.user)
    found = selectors.subscription_by_id(actor, pk)
    if found is None:
        return _missing()
    try:
        return _sub_out(webhooks.subscription_rewind(actor=actor, subscription=found, after=body.after), request)
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})
    except webhooks.SubscriptionError as exc:
        return Status(422, {"detail": str(exc)})


@router.get(
    "/feed/subscriptions/{pk}/deliveries",
    auth=TokenAuth(),
    response={200: list[FeedDeliveryOut], 403: Problem, 404: Problem},
    summary="The delivery log of a subscription, latest first",
    openapi_extra=explain({403: "Its organization's users and the authorized body read its log.", 404: NOT_FOUND}),
)
def deliveries(request: HttpRequest, pk: int = ID) -> Any:
    actor = actor_for(request.user)
    found = selectors.subscription_by_id(actor, pk)
    if found is None:
        return _missing()
    if "view_deliveries" not in allowed_actions(actor, found):
        return Status(403, {"detail": _("Only the subscription's organization and the authorized body read its log.")})
    rows: list[Delivery] = list(selectors.deliveries_for(actor, found)[:200])
    return [
        {
            name: getattr(d, name)
            for name in (
                "attempted_at",
                "first_seq",
                "last_seq",
                "events",
                "outcome",
                "http_status",
                "error",
                "duration_ms",
                "attempt",
            )
        }
        for d in rows
    ]
