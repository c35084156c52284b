"""Digital verification: start one, perform many at once (fanning out over the gateway), resume waiting ones.

An outage never produces a negative result (DESIGN 5): a verification whose sources did not all answer waits
and is resumed later, keeping the answers it already has. Starting one and announcing how a batch went are owed
through the outbox in the same transaction (ADR 11).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import JSONField

from nisi.core import outbox
from nisi.core.models import Organization
from nisi.law import clock, provisions
from nisi.verification import gateway, rules
from nisi.verification.models import CriterionResult, GatewayCall, Verification
from nisi.verification.signals import verifications_finished, verifications_waiting

PERFORM_TASK = "nisi.verification.tasks.verifications_perform"
ANNOUNCE_TASK = "nisi.verification.tasks.verifications_announce"


def gateway_settings() -> gateway.GatewaySettings:
    return gateway.GatewaySettings(
        base_url=settings.NISI_GATEWAY_URL,
        timeout_s=settings.NISI_GATEWAY_TIMEOUT_S,
        attempts=settings.NISI_GATEWAY_ATTEMPTS,
        backoff_initial_s=settings.NISI_GATEWAY_BACKOFF_S,
        per_source_limit=settings.NISI_GATEWAY_PER_SOURCE_LIMIT,
    )


def require_criteria_in_force(on: dt.date) -> None:
    """Digital verification is a procedure of IP-51-1.3: a verification dated before the article applied would
    find no thresholds to apply (their parameters start with it) and would wait for ever. Refused in words instead
    (`provisions.NotInForce`)."""
    provisions.require_in_force("IP-51-1.3", on)


def verification_create(
    *,
    purpose: str,
    subject_type: str,
    subject_id: str,
    organization: Organization,
    on: dt.date,
    declared_codes: list[str],
    site_kato: str,
    activities: list[str] | None = None,
) -> Verification:
    """A pending verification; the caller starts it with `verification_start` in the same transaction.
    `activities`: the kinds of production verified (rules.ACTIVITIES), which decide the criteria; manufacturing if
    none are given."""
    require_criteria_in_force(on)
    return Verification.objects.create(
        public_id=str(uuid.uuid4()),
        purpose=purpose,
        subject_type=subject_type,
        subject_id=str(subject_id),
        organization=organization,
        on=on,
        declared_codes=sorted(set(declared_codes)),
        activities=list(rules.activities_of(activities)),
        site_kato=site_kato,
        criteria_version=rules.active_criteria().version,
        created_at=clock.now(),
    )


def verification_start(verification: Verification) -> None:
    """Owes `verifications_perform` for a new verification in the caller's transaction (the outbox, ADR 11): it
    starts once the transaction commits, or later if the broker is down, but it is never lost."""
    outbox.enqueue(PERFORM_TASK, [verification.pk])


def call_params(source: str, *, on: dt.date, declared_codes: list[str], site_kato: str) -> dict[str, str]:
    """What a source is asked about an organization: the date, and the goods or the site where it needs them."""
    query = {"on": on.isoformat()}
    if source == "esf":
        query["codes"] = ",".join(declared_codes)
    if source == "gbd_rn":
        query["kato"] = site_kato
    return query


def _params(verification: Verification, source: str) -> dict[str, str]:
    return call_params(
        source, on=verification.on, declared_codes=verification.declared_codes, site_kato=verification.site_kato
    )


def retry_delay(attempts: int) -> dt.timedelta:
    """How long a verification waiting for a state database waits before its next attempt."""
    schedule = settings.NISI_VERIFICATION_RETRY_MINUTES
    return dt.timedelta(minutes=schedule[min(attempts, len(schedule)) - 1])


def verifications_perform(*, ids: list[int]) -> dict[str, int]:
    """Performs the pending or waiting verifications among `ids`, all calls concurrently.

    Idempotent and resumable: a finished verification is left alone; a waiting one asks again only the sources
    that have not answered yet.
    """
    criteria = rules.active_criteria()
    verifications = list(
        Verification.objects.filter(
            pk__in=ids, status__in=[Verification.Status.PENDING, Verification.Status.WAITING]
        ).select_related("organization")
    )
    # Only a waiting verification has answers stored (a pending one's calls are written with its outcome, in one
    # transaction): asking for the calls of a whole batch of fresh ones reads a large table for nothing.
    answered_by: dict[int, set[str]] = defaultdict(set)
    waiting = [v.pk for v in verifications if v.status == Verification.Status.WAITING]
    if waiting:
        for call in GatewayCall.objects.filter(verification_id__in=waiting):
            if call.ok:
                answered_by[call.verification_id].add(call.source)
    requests: list[gateway.CallRequest] = []
    owners: list[Verification] = []
    for verification in verifications:
        answered = answered_by[verification.pk]
        for source in criteria.sources(verification.purpose, rules.activities_of(verification.activities)):
            if source not in answered:
                requests.append(
                    gateway.CallRequest(source, verification.organization.identifier, _params(verification, source))
                )
                owners.append(verification)
    evidence = gateway.fetch_all(gateway_settings(), requests) if requests else []
    by_verification: dict[int, list[gateway.CallEvidence]] = defaultdict(list)
    for owner, item in zip(owners, evidence, strict=True):
        by_verification[owner.pk].append(item)
    return _settle_many([v.pk for v in verifications], by_verification, criteria)


def _evaluate(
    verification: Verification, calls: dict[str, GatewayCall], criteria: rules.CriteriaSet
) -> tuple[list[CriterionResult], dict[int, str]]:
    """The criteria's results from the answers at hand, and the calls whose answer could not be read."""
    context = rules.Context(
        on=verification.on, declared_codes=tuple(verification.declared_codes), site_kato=verification.site_kato
    )
    results: list[CriterionResult] = []
    unreadable: dict[int, str] = {}
    for criterion in criteria.for_purpose(verification.purpose, rules.activities_of(verification.activities)):
        call = calls.get(criterion.source)
        if call is None or call.pk in unreadable:
            continue
        try:
            outcome = rules.evaluate(criterion, call.data or {}, context)
        except rules.UnreadableAnswer as exc:
            # The source answered something we cannot read: ask it again later, as if it were down.
            unreadable[call.pk] = f"unreadable answer: {exc}"
            continue
        results.append(
            CriterionResult(
                verification=verification,
                criterion=outcome.criterion,
                source=outcome.source,
                provision=outcome.provision,
                passed=outcome.passed,
                expected=outcome.expected,
                found=outcome.found,
                call=call,
            )
        )
    return results, unreadable


@transaction.atomic
def _settle_many(
    ids: list[int], evidence: dict[int, list[gateway.CallEvidence]], criteria: rules.CriteriaSet
) -> dict[str, int]:
    """Stores the evidence and decides every verification of a batch in one transaction.

    The answers are judged as they came back, in memory; only a verification that was waiting reads the answers
    its earlier attempts stored. The evidence is written before the transaction commits, whatever the verdict."""
    counts = {"passed": 0, "failed": 0, "waiting": 0}
    open_ones = {
        v.pk: v
        for v in Verification.objects.select_for_update().filter(pk__in=ids).order_by("pk")
        if v.status in (Verification.Status.PENDING, Verification.Status.WAITING)  # never verify twice
    }
    new_calls = [
        GatewayCall(
            verification_id=pk,
            source=e.source,
            identifier=e.identifier,
            url=e.url,
            params=e.params,
            request_id=e.request_id,
            started_at=e.started_at,
            finished_at=e.finished_at,
            attempts=e.attempts,
            status_code=e.status_code,
            response_text=e.response_text,
            data=e.data,
            error=e.error,
        )
        for pk in open_ones
        for e in evidence.get(pk, [])
    ]
    _allocate_ids(new_calls)
    answered: dict[int, dict[str, GatewayCall]] = defaultdict(dict)
    resumed = [pk for pk, v in open_ones.items() if v.status == Verification.Status.WAITING]
    if resumed:
        for call in GatewayCall.objects.filter(verification_id__in=resumed).exclude(data=None).order_by("id"):
            answered[call.verification_id][call.source] = call
    for call in new_calls:
        if call.data is not None:
            answered[call.verification_id][call.source] = call
    finished, waiting, results, unreadable = _judge(list(open_ones.values()), answered, criteria)
    stored_unreadable = {pk: error for pk, error in unreadable.items() if pk not in {c.pk for c in new_calls}}
    _insert(GatewayCall, new_calls, with_ids=True)
    for call_pk, error in stored_unreadable.items():
        GatewayCall.objects.filter(pk=call_pk).update(data=None, error=error)
    if resumed:
        CriterionResult.objects.filter(verification_id__in=resumed).delete()
    _insert(CriterionResult, results, with_ids=False)
    _store_outcomes(list(open_ones.values()))
    for v in finished:
        counts[str(v.status)] += 1
    counts["waiting"] = len(waiting)
    if finished or waiting:
        # Owed in the settling transaction (ADR 11): a process that dies after the commit loses no announcement.
        outbox.enqueue(ANNOUNCE_TASK, [v.pk for v in finished], [v.pk for v in waiting])
    return counts


def verifications_announce(*, finished: list[int], waiting: list[int]) -> dict[str, int]:
    """Tells whoever started them how the verifications of a settled batch went, with the batch signals. At least
    once: the receivers check their subject's state, so a second announcement changes nothing. A verification
    announced as waiting that has finished since is left to its own announcement."""
    done = list(
        Verification.objects.filter(
            pk__in=finished, status__in=[Verification.Status.PASSED, Verification.Status.FAILED]
        ).order_by("pk")
    )
    still = list(Verification.objects.filter(pk__in=waiting, status=Verification.Status.WAITING).order_by("pk"))
    if done:
        verifications_finished.send(sender=Verification, verifications=done)
    if still:
        verifications_waiting.send(sender=Verification, verifications=still)
    return {"finished": len(done), "waiting": len(still)}


def _judge(
    verifications: list[Verification], answered: dict[int, dict[str, GatewayCall]], criteria: rules.CriteriaSet
) -> tuple[list[Verification], list[Verification], list[CriterionResult], dict[int, str]]:
    """Decides each verification from the answers at hand: finished (passed or failed, with its results) or
    waiting (a source has not answered, or answered what cannot be read); and the calls found unreadable."""
    now = clock.now()
    finished: list[Verification] = []
    waiting: list[Verification] = []
    results: list[CriterionResult] = []
    all_unreadable: dict[int, str] = {}
    for verification in verifications:
        verification.attempts += 1
        calls = answered.get(verification.pk, {})
        own_results, unreadable = _evaluate(verification, calls, criteria)
        for call in calls.values():
            if call.pk in unreadable:
                # Kept as evidence, but not as an answer: the source is asked again, as if it had been down.
                call.data, call.error = None, unreadable[call.pk]
        all_unreadable.update(unreadable)
        bad_sources = {c.source for c in calls.values() if c.pk in unreadable}
        needed = criteria.sources(verification.purpose, rules.activities_of(verification.activities))
        missing = set(needed) - set(calls) | bad_sources
        if missing:
            verification.status = Verification.Status.WAITING
            verification.next_attempt_at = now + retry_delay(verification.attempts)
            waiting.append(verification)
            continue
        results.extend(own_results)
        passed = all(r.passed for r in own_results)
        verification.status = Verification.Status.PASSED if passed else Verification.Status.FAILED
        verification.finished_at, verification.next_attempt_at = now, None
        finished.append(verification)
    return finished, waiting, results, all_unreadable


def _allocate_ids(calls: list[GatewayCall]) -> None:
    """Ids for new rows before they are written, so that results can name their call without reading it back:
    on PostgreSQL from the table's sequence in one statement; elsewhere the rows are written here."""
    if not calls:
        return
    if connection.vendor != "postgresql":
        GatewayCall.objects.bulk_create(calls)
        for call in calls:
            call._state.adding = False
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [GatewayCall._meta.db_table, len(calls)],
        )
        for call, (pk,) in zip(calls, cursor.fetchall(), strict=True):
            call.pk = pk


def _insert(model: type[GatewayCall | CriterionResult], rows: list[Any], *, with_ids: bool) -> None:
    """Writes new rows: COPY on PostgreSQL (no statement of tens of thousands of parameters to build and parse),
    bulk_create elsewhere. Rows already written by `_allocate_ids` are skipped."""
    rows = [r for r in rows if r._state.adding]
    if not rows:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(rows)
        return
    fields = [f for f in model._meta.concrete_fields if with_ids or not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
    names = [f.attname for f in fields]
    as_json = [isinstance(f, JSONField) for f in fields]
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor, for COPY
        with raw.copy(f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN") as copy:
            for row in rows:
                values = row.__dict__
                copy.write_row(
                    [
                        _json(values[name]) if json_field and values[name] is not None else values[name]
                        for name, json_field in zip(names, as_json, strict=True)
                    ]
                )
    for row in rows:
        row._state.adding = False


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)


def _store_outcomes(verifications: list[Verification]) -> None:
    """Saves statuses with one UPDATE per distinct outcome (a CASE per row, as bulk_update writes, is slow)."""
    groups: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for v in verifications:
        groups[(v.status, v.attempts, v.next_attempt_at, v.finished_at)].append(v.pk)
    for (status, attempts, next_attempt_at, finished_at), pks in groups.items():
        Verification.objects.filter(pk__in=pks).update(
            status=status, attempts=attempts, next_attempt_at=next_attempt_at, finished_at=finished_at
        )


def verifications_due(*, limit: int = 1000) -> list[int]:
    """Waiting verifications whose next attempt is due, oldest first; then stranded ones."""
    due = list(
        Verification.objects.filter(status=Verification.Status.WAITING, next_attempt_at__lte=clock.now())
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    if len(due) < limit:
        due += verifications_stranded(limit=limit - len(due))
    return due


def verifications_stranded(*, limit: int = 1000) -> list[int]:
    """Pending verifications that nothing will start: older than NISI_VERIFICATION_STRANDED_MINUTES and owed by
    no task in the outbox (their task was lost before the outbox kept it, or with a worker's queue). Oldest
    first. Performing one that a slow worker does start after all does no harm: performing is idempotent."""
    before = clock.now() - dt.timedelta(minutes=settings.NISI_VERIFICATION_STRANDED_MINUTES)
    owed = {pk for args in outbox.pending_args(PERFORM_TASK) if args for pk in args[0]}
    candidates = (
        Verification.objects.filter(status=Verification.Status.PENDING, created_at__lte=before)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
    )
    stranded: list[int] = []
    for pk in candidates.iterator(chunk_size=2000):
        if len(stranded) >= limit:
            break
        if pk not in owed:
            stranded.append(pk)
    return stranded
