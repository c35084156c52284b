"""Benchmark: quarterly monitoring of N producers against the gateway simulator at 20 ms latency, with
PostgreSQL, Redis and Celery workers, against the naive sequential loop measured in the same run on a sample;
worker memory over the run; and a worker killed mid-run (nothing verified twice, nothing missed).

    python -m bench.monitoring --producers 100000 --sample 200 --kill-at 0.4

Needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379. Writes its figures to stdout as JSON; the
results are copied into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DB = os.environ.get("NISI_BENCH_DB", "nisi_bench")
REDIS_DB = os.environ.get("NISI_BENCH_REDIS_DB", "14")
PORT = os.environ.get("NISI_BENCH_GATEWAY_PORT", "8765")
# The production defaults for calls per source, batches, chunks, the lease and the heartbeat (settings.py): none is
# set here. What differs from production is said: the gateway is the simulator, DEBUG is off as in production.
ENV = {
    **os.environ,
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
    "CELERY_BROKER_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
    "NISI_GATEWAY_URL": f"http://127.0.0.1:{PORT}",
    "NISI_LOG_LEVEL": "ERROR",
    "NISI_DEBUG": "0",  # with DEBUG, Django keeps the last 9,000 SQL statements in memory
}


def nisi(*args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "nisi"), *args], env=ENV, check=True, text=True, capture_output=True, **kw)


def setup(producers: int) -> None:
    import psycopg

    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DB,)).fetchone():
            conn.execute(f"CREATE DATABASE {DB}")
    nisi("migrate", "-v0")
    nisi("classifiers", "load-hs")
    have = int(
        subprocess.run(
            [
                str(BIN / "python"),
                "-c",
                "import django,os;"
                "os.environ.setdefault('DJANGO_SETTINGS_MODULE','nisi.config.settings');django.setup();"
                "from nisi.registry.models import RegisterRecord;print(RegisterRecord.objects.count())",
            ],
            env=ENV,
            check=True,
            text=True,
            capture_output=True,
        ).stdout
    )
    if have < producers:
        subprocess.run(
            [str(BIN / "python"), "-m", "bench.generate_register", "--producers", str(producers - have)],
            env=ENV,
            check=True,
            cwd=ROOT,
        )


def start_simulator(workers: int = 1) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [str(BIN / "nisi"), "gateway-simulator", "--port", PORT, "--latency-ms", "20", "--workers", str(workers)],
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    import httpx

    for _ in range(100):
        try:
            httpx.get(f"http://127.0.0.1:{PORT}/health", timeout=1)
            return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("the gateway simulator did not start")


def start_worker(name: str, concurrency: int = 2) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            str(BIN / "celery"),
            "-A",
            "nisi.config",
            "worker",
            "-n",
            f"{name}@%h",
            "-c",
            str(concurrency),
            "-Q",
            "nisi",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
        ],
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, MB."""
    total = 0
    pids = [pid]
    try:
        children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False).stdout.split()
        pids += [int(c) for c in children]
        for p in pids:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return total / 1024


def load_average() -> str:
    """The 1, 5 and 15 minute load averages: other engineers' test suites share these two cores at times."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def django_setup() -> None:
    os.environ.update(ENV)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nisi.config.settings")
    import django

    django.setup()


def naive_baseline(sample: int) -> float:
    """The naive loop: one producer after another, each source asked in turn, results written as they come."""
    import datetime as dt

    import httpx

    from nisi.registry.models import RegisterRecord
    from nisi.verification import rules
    from nisi.verification.models import CriterionResult, GatewayCall, Verification

    criteria = rules.active_criteria()
    records = list(RegisterRecord.objects.select_related("organization").order_by("pk")[:sample])
    on = dt.date(2026, 11, 24)
    started = time.monotonic()
    with httpx.Client(base_url=ENV["NISI_GATEWAY_URL"], timeout=5) as client:
        for record in records:
            codes = list(record.goods.values_list("hs_code", flat=True))
            verification = Verification.objects.create(
                public_id=f"naive-{record.pk}-{time.time_ns()}",
                purpose="monitoring",
                subject_type="bench_naive",
                subject_id=str(record.pk),
                organization=record.organization,
                on=on,
                declared_codes=codes,
                site_kato=record.site_kato,
                criteria_version="bench",
                created_at=dt.datetime.now(dt.UTC),
            )
            context = rules.Context(on=on, declared_codes=tuple(codes), site_kato=record.site_kato)
            for source in criteria.sources("monitoring"):
                query = {"on": on.isoformat(), "codes": ",".join(codes), "kato": record.site_kato}
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
    elapsed = time.monotonic() - started
    return len(records) / elapsed


def reset(connection: object) -> None:
    """A clean slate for this run's figures. DELETE, not TRUNCATE … CASCADE: a cascade would follow the foreign
    keys from the register's goods and empty the register itself."""
    with connection.cursor() as cursor:  # type: ignore[attr-defined]
        for statement in (
            "DELETE FROM verification_criterionresult",
            "DELETE FROM verification_gatewaycall",
            "DELETE FROM registry_noncompliancenotice",
            "DELETE FROM core_deadline WHERE kind = 'registry.deadline.noncompliance'",
            "DELETE FROM registry_monitoringcheck",
            "DELETE FROM registry_monitoringrun",
            "DELETE FROM verification_verification WHERE subject_type IN ('monitoring_check', 'bench_naive')",
        ):
            cursor.execute(statement)
        # This machine's PostgreSQL runs without autovacuum (its CI configuration): the deleted rows are vacuumed
        # here so that each run starts from the same tables, not from the last run's dead rows.
        for table in (
            "verification_criterionresult",
            "verification_gatewaycall",
            "verification_verification",
            "registry_noncompliancenotice",
            "registry_monitoringcheck",
            "core_deadline",
        ):
            cursor.execute(f"VACUUM ANALYZE {table}")
        cursor.execute("SELECT count(*) FROM registry_registergood")
        if cursor.fetchone()[0] == 0:
            raise SystemExit("the register has no goods: regenerate it (drop the nisi_bench database)")


def figures(
    run: Any, elapsed: float, naive: float, killed_at: int | None, memory: list[tuple[int, float]]
) -> dict[str, object]:
    """Speed against the naive loop, and the proof of the run: every producer verified once, six calls each."""
    from django.db.models import Count

    from nisi.registry.models import MonitoringCheck
    from nisi.verification.models import GatewayCall, Verification

    done = ["passed", "failed"]
    verified = Verification.objects.filter(purpose="monitoring").exclude(subject_type="bench_naive")
    return {
        "monitoring_seconds": round(elapsed, 1),
        "producers_per_s": round(run.total / elapsed, 1),
        "gateway_calls": GatewayCall.objects.count(),
        "speedup_vs_naive": round(run.total / elapsed / naive, 1),
        "killed_at": killed_at,
        "checks": run.total,
        "verifications": verified.count(),
        "checks_without_result": MonitoringCheck.objects.filter(run=run).exclude(status__in=done).count(),
        "checks_verified_more_than_once": verified.values("subject_id").annotate(n=Count("id")).filter(n__gt=1).count(),
        "producers_with_other_than_6_calls": GatewayCall.objects.values("verification")
        .annotate(n=Count("id"))
        .exclude(n=6)
        .count(),
        "worker_rss_mb_first_last_peak": [memory[0][1], memory[-1][1], max(m for _, m in memory)],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--producers", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--kill-at", type=float, default=0.4, help="share done when a worker is killed (0: never)")
    parser.add_argument("--quarter", default="2099-Q1")
    parser.add_argument("--worker-concurrency", type=int, default=2, help="Celery worker processes")
    parser.add_argument("--simulator-workers", type=int, default=1, help="uvicorn processes of the simulator")
    parser.add_argument("--batch", type=int, default=int(ENV["NISI_MONITORING_BATCH"]))
    parser.add_argument("--chunk", type=int, default=int(ENV["NISI_MONITORING_CHUNK"]))
    args = parser.parse_args()
    ENV.update({"NISI_MONITORING_BATCH": str(args.batch), "NISI_MONITORING_CHUNK": str(args.chunk)})
    setup(args.producers)
    simulator = start_simulator(args.simulator_workers)
    django_setup()
    from django.db import connection

    from nisi.registry.models import MonitoringCheck, MonitoringRun

    reset(connection)
    results: dict[str, object] = {"producers": args.producers, "load_average_before": load_average()}
    results["setup"] = {
        "worker_processes": args.worker_concurrency,
        "simulator_processes": args.simulator_workers,
        "batch": args.batch,
        "chunk": args.chunk,
        "cpus": os.cpu_count(),
    }
    results["naive_producers_per_s"] = round(naive_baseline(args.sample), 2)
    reset(connection)
    subprocess.run(["redis-cli", "-n", "14", "FLUSHDB"], check=True, capture_output=True)
    workers = [start_worker("bench-a", args.worker_concurrency)]
    time.sleep(3)
    started = time.monotonic()
    nisi("registry", "monitoring", "start", "--quarter", args.quarter)
    run = MonitoringRun.objects.get(quarter=args.quarter)
    killed_at = None
    memory: list[tuple[int, float]] = []
    while True:
        time.sleep(5)
        done = MonitoringCheck.objects.filter(run=run, status__in=["passed", "failed"]).count()
        memory.append((done, round(sum(rss_mb(w.pid) for w in workers), 1)))
        print(f"{time.monotonic() - started:7.0f} s  {done}/{run.total}  workers {memory[-1][1]} MB", flush=True)
        if args.kill_at and killed_at is None and done >= run.total * args.kill_at:
            os.killpg(workers[0].pid, signal.SIGKILL)  # the worker and its children die mid-chunk
            killed_at = done
            workers = [start_worker("bench-b", args.worker_concurrency)]
            time.sleep(int(ENV["NISI_MONITORING_LEASE_S"]) + 1)
            nisi("registry", "monitoring", "resume", "--quarter", args.quarter)
        run.refresh_from_db()
        if run.status == "finished":
            break
    elapsed = time.monotonic() - started
    for w in workers:
        os.killpg(w.pid, signal.SIGTERM)
    os.killpg(simulator.pid, signal.SIGTERM)
    results["load_average_after"] = load_average()
    naive = float(results["naive_producers_per_s"])  # type: ignore[arg-type]
    results.update(figures(run, elapsed, naive, killed_at, memory))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
