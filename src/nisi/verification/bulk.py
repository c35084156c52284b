"""Many new verifications performed at once and written in their final state (quarterly monitoring, ADR 16).

`verifications_run_many` asks the gateway for every subject of a batch, judges the answers in memory, and writes,
in one transaction, each verification already decided (passed or failed, or waiting when a source did not answer
or answered what cannot be read) with its evidence and its results — as tuples, by COPY on PostgreSQL. Nothing is
written before the answers are in: there is no pending row to update afterwards and nothing to announce, because
the caller settles its own subjects in the same transaction (`settle`). The caller also says, under lock in that
transaction, which subjects still want a verification (`still_open`): a subject verified meanwhile (by a worker
that had been given up for dead) gets none, so none is verified twice.

A verification left waiting is resumed later by `verifications_resume` like any other (DESIGN 5); its finish is
announced with the batch signals then.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from nisi.core.bulk import insert_rows
from nisi.law import clock
from nisi.verification import gateway, rules
from nisi.verification.models import CriterionResult, GatewayCall, Verification
from nisi.verification.services import call_params, gateway_settings, retry_delay


@dataclass(frozen=True)
class Subject:
    """What is verified: one organization, for one subject of the caller's (a monitoring check)."""

    subject_id: str
    organization_id: int
    identifier: str
    on: dt.date
    declared_codes: tuple[str, ...]
    site_kato: str
    activities: tuple[str, ...]


@dataclass(frozen=True)
class Settled:
    subject_id: str
    verification_id: int
    status: str  # Verification.Status: passed, failed or waiting


_VERIFICATION = (
    "public_id",
    "purpose",
    "subject_type",
    "subject_id",
    "organization_id",
    "on",
    "declared_codes",
    "activities",
    "site_kato",
    "criteria_version",
    "status",
    "attempts",
    "next_attempt_at",
    "created_at",
    "finished_at",
)
_CALL = (
    "verification_id",
    "source",
    "identifier",
    "url",
    "params",
    "request_id",
    "started_at",
    "finished_at",
    "attempts",
    "status_code",
    "response_text",
    "data",
    "error",
)
_RESULT = ("verification_id", "criterion", "source", "provision", "passed", "expected", "found", "call_id")


def _judge(
    subject: Subject, answers: dict[str, gateway.CallEvidence], criteria: tuple[rules.Criterion, ...]
) -> tuple[bool, list[tuple[rules.Outcome, str]]]:
    """(complete, outcomes with their source): complete when every criterion could be judged. An answer that
    cannot be read is turned into an error on its evidence, and the verification waits as if the source were
    down."""
    context = rules.Context(on=subject.on, declared_codes=subject.declared_codes, site_kato=subject.site_kato)
    outcomes: list[tuple[rules.Outcome, str]] = []
    complete = True
    for criterion in criteria:
        call = answers.get(criterion.source)
        if call is None or call.data is None:
            complete = False
            continue
        try:
            outcomes.append((rules.evaluate(criterion, call.data, context), criterion.source))
        except rules.UnreadableAnswer as exc:
            call.data, call.error = None, f"unreadable answer: {exc}"
            complete = False
    return complete, outcomes


def verifications_run_many(
    *,
    purpose: str,
    subject_type: str,
    subjects: Sequence[Subject],
    still_open: Callable[[list[str]], set[str]],
    settle: Callable[[list[Settled]], None],
) -> dict[str, int]:
    """Verifies `subjects` now, all calls concurrently, and writes the verifications in their final state; returns
    the counts by outcome. `still_open(subject_ids)` runs first in the writing transaction and returns those that
    still want a verification (locking them); `settle(settled)` runs last in it."""
    criteria_set = rules.active_criteria()
    plans = []
    requests: list[gateway.CallRequest] = []
    for subject in subjects:
        activities = rules.activities_of(subject.activities)
        criteria = criteria_set.for_purpose(purpose, activities)
        sources = sorted({c.source for c in criteria})
        codes = sorted(set(subject.declared_codes))
        requests += [
            gateway.CallRequest(
                s, subject.identifier, call_params(s, on=subject.on, declared_codes=codes, site_kato=subject.site_kato)
            )
            for s in sources
        ]
        plans.append((subject, activities, criteria, codes, len(sources)))
    evidence = gateway.fetch_all(gateway_settings(), requests) if requests else []
    counts = {"passed": 0, "failed": 0, "waiting": 0}
    with transaction.atomic():
        wanted = still_open([s.subject_id for s in subjects])
        now = clock.now()
        version = criteria_set.version
        verification_rows: list[tuple[Any, ...]] = []
        judged: list[tuple[list[gateway.CallEvidence], list[tuple[rules.Outcome, str]], str]] = []
        position = 0
        for subject, activities, criteria, codes, n in plans:
            calls, position = evidence[position : position + n], position + n
            if subject.subject_id not in wanted:
                continue
            complete, outcomes = _judge(subject, {c.source: c for c in calls}, criteria)
            if complete:
                passed = all(o.passed for o, _ in outcomes)
                status = Verification.Status.PASSED if passed else Verification.Status.FAILED
            else:
                status, outcomes = Verification.Status.WAITING, []
            counts[str(status)] += 1
            verification_rows.append(
                (
                    str(uuid.uuid4()),
                    purpose,
                    subject_type,
                    subject.subject_id,
                    subject.organization_id,
                    subject.on,
                    codes,
                    list(activities),
                    subject.site_kato,
                    version,
                    str(status),
                    1,
                    now + retry_delay(1) if status == Verification.Status.WAITING else None,
                    now,
                    now if status != Verification.Status.WAITING else None,
                )
            )
            judged.append((calls, outcomes, str(status)))
        verification_ids = insert_rows(Verification, _VERIFICATION, verification_rows, ids=True)
        call_rows = [
            (
                vid,
                c.source,
                c.identifier,
                c.url,
                c.params,
                c.request_id,
                c.started_at,
                c.finished_at,
                c.attempts,
                c.status_code,
                c.response_text,
                c.data,
                c.error,
            )
            for vid, (calls, _, _) in zip(verification_ids, judged, strict=True)
            for c in calls
        ]
        call_ids = insert_rows(GatewayCall, _CALL, call_rows, ids=True)
        call_of = {(row[0], row[1]): pk for row, pk in zip(call_rows, call_ids, strict=True)}
        insert_rows(
            CriterionResult,
            _RESULT,
            [
                (vid, o.criterion, source, o.provision, o.passed, o.expected, o.found, call_of[(vid, source)])
                for vid, (_, outcomes, _) in zip(verification_ids, judged, strict=True)
                for o, source in outcomes
            ],
        )
        settle(
            [
                Settled(subject_id=row[3], verification_id=vid, status=status)
                for row, vid, (_, _, status) in zip(verification_rows, verification_ids, judged, strict=True)
            ]
        )
    return counts
