"""Digital verification: start one, perform many at once (fanning out over the gateway), resume waiting ones.

An outage never produces a negative result (DESIGN 5): a verification whose sources did not all answer waits
and is resumed later, keeping the answers it already has.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict

from django.conf import settings
from django.db import transaction

from nisi.core.models import Organization
from nisi.law import clock
from nisi.verification import gateway, rules
from nisi.verification.models import CriterionResult, GatewayCall, Verification
from nisi.verification.signals import verification_finished, verification_waiting


def gateway_settings() -> gateway.GatewaySettings:
    return gateway.GatewaySettings(
        base_url=settings.NISI_GATEWAY_URL,
        timeout_s=settings.NISI_GATEWAY_TIMEOUT_S,
        attempts=settings.NISI_GATEWAY_ATTEMPTS,
        backoff_initial_s=settings.NISI_GATEWAY_BACKOFF_S,
        per_source_limit=settings.NISI_GATEWAY_PER_SOURCE_LIMIT,
    )


def verification_create(
    *,
    purpose: str,
    subject_type: str,
    subject_id: str,
    organization: Organization,
    on: dt.date,
    declared_codes: list[str],
    site_kato: str,
) -> Verification:
    """A pending verification; the caller queues `verifications_perform` once its transaction commits."""
    return Verification.objects.create(
        public_id=str(uuid.uuid4()),
        purpose=purpose,
        subject_type=subject_type,
        subject_id=str(subject_id),
        organization=organization,
        on=on,
        declared_codes=sorted(set(declared_codes)),
        site_kato=site_kato,
        criteria_version=rules.active_criteria().version,
        created_at=clock.now(),
    )


def _params(verification: Verification, source: str) -> dict[str, str]:
    query = {"on": verification.on.isoformat()}
    if source == "esf":
        query["codes"] = ",".join(verification.declared_codes)
    if source == "gbd_rn":
        query["kato"] = verification.site_kato
    return query


def _retry_delay(attempts: int) -> dt.timedelta:
    schedule = settings.NISI_VERIFICATION_RETRY_MINUTES
    return dt.timedelta(minutes=schedule[min(attempts, len(schedule)) - 1])


def verifications_perform(*, ids: list[int]) -> dict[str, int]:
    """Performs the pending or waiting verifications among `ids`, all calls concurrently.

    Idempotent and resumable: a finished verification is left alone; a waiting one asks again only the sources
    that have not answered yet.
    """
    criteria = rules.active_criteria()
    verifications = list(
        Verification.objects.filter(pk__in=ids, status__in=[Verification.Status.PENDING, Verification.Status.WAITING])
        .select_related("organization")
        .prefetch_related("calls")
    )
    requests: list[gateway.CallRequest] = []
    owners: list[Verification] = []
    for verification in verifications:
        answered = {c.source for c in verification.calls.all() if c.ok}
        for source in criteria.sources(verification.purpose):
            if source not in answered:
                requests.append(
                    gateway.CallRequest(source, verification.organization.identifier, _params(verification, source))
                )
                owners.append(verification)
    evidence = gateway.fetch_all(gateway_settings(), requests) if requests else []
    by_verification: dict[int, list[gateway.CallEvidence]] = defaultdict(list)
    for owner, item in zip(owners, evidence, strict=True):
        by_verification[owner.pk].append(item)
    counts = {"passed": 0, "failed": 0, "waiting": 0}
    for verification in verifications:
        outcome = _settle(verification, by_verification.get(verification.pk, []), criteria)
        if outcome:
            counts[outcome] += 1
    return counts


@transaction.atomic
def _settle(
    verification: Verification, evidence: list[gateway.CallEvidence], criteria: rules.CriteriaSet
) -> str | None:
    locked = Verification.objects.select_for_update().get(pk=verification.pk)
    if locked.status in (Verification.Status.PASSED, Verification.Status.FAILED):
        return None  # another worker finished it first: never verify twice
    GatewayCall.objects.bulk_create(
        [
            GatewayCall(
                verification=locked,
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
            for e in evidence
        ]
    )
    locked.attempts += 1
    calls = {c.source: c for c in GatewayCall.objects.filter(verification=locked).exclude(data=None).order_by("id")}
    context = rules.Context(on=locked.on, declared_codes=tuple(locked.declared_codes), site_kato=locked.site_kato)
    results: list[CriterionResult] = []
    unreadable: list[str] = []
    for criterion in criteria.for_purpose(locked.purpose):
        call = calls.get(criterion.source)
        if call is None:
            continue
        try:
            outcome = rules.evaluate(criterion, call.data or {}, context)
        except rules.UnreadableAnswer as exc:
            # The source answered something we cannot read: ask it again later, as if it were down.
            GatewayCall.objects.filter(pk=call.pk).update(data=None, error=f"unreadable answer: {exc}")
            unreadable.append(criterion.source)
            continue
        results.append(
            CriterionResult(
                verification=locked,
                criterion=outcome.criterion,
                source=outcome.source,
                provision=outcome.provision,
                passed=outcome.passed,
                expected=outcome.expected,
                found=outcome.found,
                call=call,
            )
        )
    missing = set(criteria.sources(locked.purpose)) - set(calls) | set(unreadable)
    if missing:
        locked.status = Verification.Status.WAITING
        locked.next_attempt_at = clock.now() + _retry_delay(locked.attempts)
        locked.save(update_fields=["status", "attempts", "next_attempt_at"])
        transaction.on_commit(lambda: verification_waiting.send(sender=Verification, verification=locked))
        return "waiting"
    CriterionResult.objects.filter(verification=locked).delete()
    CriterionResult.objects.bulk_create(results)
    locked.status = Verification.Status.PASSED if all(r.passed for r in results) else Verification.Status.FAILED
    locked.finished_at = clock.now()
    locked.next_attempt_at = None
    locked.save(update_fields=["status", "attempts", "next_attempt_at", "finished_at"])
    transaction.on_commit(lambda: verification_finished.send(sender=Verification, verification=locked))
    return str(locked.status)


def verifications_due(*, limit: int = 1000) -> list[int]:
    """Waiting verifications whose next attempt is due, oldest first."""
    return list(
        Verification.objects.filter(status=Verification.Status.WAITING, next_attempt_at__lte=clock.now())
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
