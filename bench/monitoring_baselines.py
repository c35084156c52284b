"""The baselines of the monitoring benchmark (the convention in docs/benchmarks.md): the naive loop, and the simple
concurrent version a competent engineer would write in an afternoon — the same code on a thread pool.

Both verify a producer the obvious way: its goods read, a verification created, each state database asked in
turn over a kept HTTP connection (httpx), each answer and each criterion's result saved as it comes. They write
under their own subject type (`bench_naive`), so they never touch the run's checks.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import threading
import time
import uuid
from typing import Any

ON = dt.date(2026, 11, 24)


def verify_naively(record: Any, client: Any) -> None:
    from nisi.verification import rules
    from nisi.verification.models import CriterionResult, GatewayCall, Verification

    criteria = rules.active_criteria()
    codes = list(record.goods.values_list("hs_code", flat=True))
    verification = Verification.objects.create(
        public_id=str(uuid.uuid4()),
        purpose="monitoring",
        subject_type="bench_naive",
        subject_id=str(record.pk),
        organization=record.organization,
        on=ON,
        declared_codes=codes,
        site_kato=record.site_kato,
        criteria_version="bench",
        created_at=dt.datetime.now(dt.UTC),
    )
    context = rules.Context(on=ON, declared_codes=tuple(codes), site_kato=record.site_kato)
    for source in criteria.sources("monitoring"):
        query = {"on": ON.isoformat(), "codes": ",".join(codes), "kato": record.site_kato}
        response = client.get(f"/api/v1/{source}/{record.organization.identifier}", params=query)
        data = response.json()["data"]
        call = GatewayCall.objects.create(
            verification=verification,
            source=source,
            identifier=record.organization.identifier,
            url="",
            params=query,
            request_id="",
            started_at=dt.datetime.now(dt.UTC),
            attempts=1,
            status_code=response.status_code,
            response_text=response.text,
            data=data,
        )
        for criterion in criteria.for_purpose("monitoring"):
            if criterion.source == source:
                o = rules.evaluate(criterion, data, context)
                CriterionResult.objects.create(
                    verification=verification,
                    criterion=o.criterion,
                    source=source,
                    provision=o.provision,
                    passed=o.passed,
                    expected=o.expected,
                    found=o.found,
                    call=call,
                )


def _records(offset: int, count: int) -> list[Any]:
    from nisi.registry.models import RegisterRecord

    return list(RegisterRecord.objects.select_related("organization").order_by("pk")[offset : offset + count])


def naive(base_url: str, sample: int) -> float:
    """The naive loop: one producer after another; producers per second."""
    import httpx

    records = _records(0, sample)
    started = time.monotonic()
    with httpx.Client(base_url=base_url, timeout=5) as client:
        for record in records:
            verify_naively(record, client)
    return len(records) / (time.monotonic() - started)


def thread_pool(base_url: str, sample: int, threads: int) -> float:
    """The same code on a pool of threads, each with its own HTTP client and database connection; producers per
    second."""
    import httpx
    from django.db import connection

    records = _records(sample, sample)  # other producers than the naive loop's
    local = threading.local()
    clients: list[Any] = []

    def one(record: Any) -> None:
        if not hasattr(local, "client"):
            local.client = httpx.Client(base_url=base_url, timeout=5)
            clients.append(local.client)
        verify_naively(record, local.client)

    def close() -> None:
        connection.close()

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(one, records))
        elapsed = time.monotonic() - started
        for future in [pool.submit(close) for _ in range(threads * 2)]:
            future.result()
    for client in clients:
        client.close()
    return len(records) / elapsed
