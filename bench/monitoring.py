"""Benchmark: quarterly monitoring of the register (100,000 producers) against the gateway simulator at 20 ms
latency, with PostgreSQL, Redis, Celery workers and Celery beat, under the production defaults (calls per source,
batch, chunk, lease, heartbeat, watch: none is set here). Beside it, in the same run (docs/benchmarks.md, the
convention): the naive loop and the thread-pool version on samples, the CPU per producer of the workers, of
PostgreSQL and of the simulator, the physical limit those give on this machine, and the load average before and
after. A worker killed at 40 % is replaced and nobody resumes the run by hand: the beat's watch and the live
tasks take over its checks (the seconds it took are reported).

    python -m bench.monitoring --kill-at 0.4                       # the full run
    python -m bench.monitoring --kill-at 0 --window 60 --worker-processes 4 --no-baselines   # throughput only

Needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379; NISI_BENCH_DB, NISI_BENCH_REDIS_DB and
NISI_BENCH_GATEWAY_PORT choose the database, the Redis database and the simulator's port. Writes its figures to
stdout as JSON; the results are copied into docs/benchmarks.md.
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

from bench import measure

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


def start_beat() -> subprocess.Popen[bytes]:
    """Celery beat with the project's schedule: its watch job is what takes a dead worker's checks over."""
    schedule = ROOT / "var" / f"bench-beat-{DB}"
    schedule.parent.mkdir(exist_ok=True)
    schedule.unlink(missing_ok=True)
    return subprocess.Popen(
        [str(BIN / "celery"), "-A", "nisi.config", "beat", "--loglevel=WARNING", "-s", str(schedule)],
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def django_setup() -> None:
    os.environ.update(ENV)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nisi.config.settings")
    import django

    django.setup()


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


def correctness(run: Any) -> dict[str, object]:
    """The proof of the run: every producer verified once, six calls each."""
    from django.db.models import Count

    from nisi.registry.models import MonitoringCheck
    from nisi.verification.models import GatewayCall, Verification

    verified = Verification.objects.filter(subject_type="monitoring_check")
    unfinished = MonitoringCheck.objects.filter(run=run).exclude(status__in=["passed", "failed"])
    return {
        "checks": run.total,
        "verifications": verified.count(),
        "gateway_calls": GatewayCall.objects.filter(verification__subject_type="monitoring_check").count(),
        "checks_without_result": unfinished.count(),
        "checks_verified_more_than_once": verified.values("subject_id").annotate(n=Count("id")).filter(n__gt=1).count(),
        "producers_with_other_than_6_calls": GatewayCall.objects.filter(verification__subject_type="monitoring_check")
        .values("verification")
        .annotate(n=Count("id"))
        .exclude(n=6)
        .count(),
    }


def held_by_dead(check_ids: list[int], holders: dict[int, str]) -> int:
    """How many of the dead worker's checks are still held by it (neither done nor taken over)."""
    from nisi.registry.models import MonitoringCheck

    still = MonitoringCheck.objects.filter(pk__in=check_ids, status__in=["pending", "verifying"]).values_list(
        "pk", "claimed_by"
    )
    return sum(1 for pk, holder in still if holder and holder == holders[pk])


def baselines(args: argparse.Namespace, connection: Any) -> dict[str, object]:
    from bench import monitoring_baselines

    out: dict[str, object] = {}
    with measure.CpuMeter(db=DB) as meter:
        out["naive_producers_per_s"] = round(monitoring_baselines.naive(ENV["NISI_GATEWAY_URL"], args.sample), 2)
    out["naive_cpu_s"] = meter.seconds()
    with measure.CpuMeter(db=DB) as meter:
        out["thread_pool_producers_per_s"] = round(
            monitoring_baselines.thread_pool(ENV["NISI_GATEWAY_URL"], args.pool_sample, args.pool_threads), 2
        )
    out["thread_pool_threads"] = args.pool_threads
    reset(connection)
    return out


def main() -> None:  # noqa: PLR0915 - one run, told in order
    parser = argparse.ArgumentParser()
    parser.add_argument("--producers", type=int, default=100_000, help="producers in the register (generated)")
    parser.add_argument("--sample", type=int, default=100, help="producers verified by the naive loop")
    parser.add_argument("--pool-sample", type=int, default=1000, help="producers verified by the thread pool")
    parser.add_argument("--pool-threads", type=int, default=32)
    parser.add_argument("--no-baselines", action="store_true")
    parser.add_argument("--kill-at", type=float, default=0.4, help="share done when a worker is killed (0: never)")
    parser.add_argument("--window", type=float, default=0, help="stop after this many seconds (throughput only)")
    parser.add_argument("--quarter", default="2099-Q1")
    parser.add_argument("--worker-processes", type=int, default=2, help="Celery worker processes (prefork)")
    parser.add_argument("--simulator-workers", type=int, default=1, help="uvicorn processes of the simulator")
    args = parser.parse_args()
    setup(args.producers)
    simulator = start_simulator(args.simulator_workers)
    django_setup()
    from django.conf import settings
    from django.db import connection

    from nisi.registry.models import MonitoringCheck, MonitoringRun

    reset(connection)
    results: dict[str, object] = {"producers": args.producers, "load_average_before": measure.load_average()}
    results["setup"] = {
        "worker_processes": args.worker_processes,
        "simulator_processes": args.simulator_workers,
        "per_source_limit": settings.NISI_GATEWAY_PER_SOURCE_LIMIT,
        "batch": settings.NISI_MONITORING_BATCH,
        "chunk": settings.NISI_MONITORING_CHUNK,
        "lease_s": settings.NISI_MONITORING_LEASE_S,
        "heartbeat_s": settings.NISI_MONITORING_HEARTBEAT_S,
        "watch_s": settings.NISI_MONITORING_WATCH_S,
        "cpus": os.cpu_count(),
    }
    if not args.no_baselines:
        results.update(baselines(args, connection))
    subprocess.run(["redis-cli", "-n", REDIS_DB, "FLUSHDB"], check=True, capture_output=True)
    meter = measure.CpuMeter(db=DB)
    workers = [start_worker("bench-a", args.worker_processes)]
    beat = start_beat()
    time.sleep(3)
    meter.__enter__()
    meter.watch("simulator", simulator.pid)
    meter.watch("worker", workers[0].pid)
    started = time.monotonic()
    nisi("registry", "monitoring", "start", "--quarter", args.quarter)
    run = MonitoringRun.objects.get(quarter=args.quarter)
    killed_at = killed_after = takeover_s = None
    dead: tuple[list[int], dict[int, str], float] | None = None
    memory: list[tuple[int, float]] = []
    done = 0
    while True:
        time.sleep(1 if dead else 5)
        done = MonitoringCheck.objects.filter(run=run, status__in=["passed", "failed"]).count()
        memory.append((done, sum(measure.rss_mb(measure.descendants(w.pid)) for w in workers)))
        print(f"{time.monotonic() - started:7.0f} s  {done}/{run.total}  workers {memory[-1][1]} MB", flush=True)
        if dead and held_by_dead(dead[0], dead[1]) == 0:
            takeover_s = round(time.monotonic() - dead[2], 1)
            print(f"the dead worker's checks all taken over {takeover_s} s after the kill", flush=True)
            dead = None
        if args.kill_at and killed_at is None and done >= run.total * args.kill_at:
            os.killpg(workers[0].pid, signal.SIGKILL)  # the worker and its children die mid-chunk
            killed_at, killed_after = done, round(time.monotonic() - started, 1)
            held = list(
                MonitoringCheck.objects.filter(run=run, status__in=["pending", "verifying"])
                .exclude(claimed_by="")
                .values_list("pk", "claimed_by")
            )
            dead = ([pk for pk, _ in held], dict(held), time.monotonic())
            print(f"killed at {done}: it held {len(held)} checks", flush=True)
            workers = [start_worker("bench-b", args.worker_processes)]
            meter.watch("worker", workers[0].pid)
        run.refresh_from_db()
        if run.status == "finished" or (args.window and time.monotonic() - started >= args.window):
            break
    elapsed = time.monotonic() - started
    meter.__exit__()
    for process in (*workers, beat, simulator):
        os.killpg(process.pid, signal.SIGTERM)
    results["load_average_after"] = measure.load_average()
    results.update(
        {
            "monitoring_seconds": round(elapsed, 1),
            "producers_done": done,
            "producers_per_s": round(done / elapsed, 1),
            "killed_at": killed_at,
            "killed_after_s": killed_after,
            "takeover_seconds_after_kill": takeover_s,
            "cpu_s": meter.seconds(),
            "cpu_ms_per_producer": measure.per_unit_ms(meter.seconds(), max(done, 1)),
            "worker_rss_mb_first_last_peak": [memory[0][1], memory[-1][1], max(m for _, m in memory)],
        }
    )
    cpu: dict[str, float] = results["cpu_ms_per_producer"]  # type: ignore[assignment]
    ours = cpu.get("worker", 0) + cpu.get("postgresql", 0)
    cpus = os.cpu_count() or 1
    # The physical limit on these cores: all the CPU a producer costs here (the simulator included, since it
    # shares them), and without the simulator (in production the gateway runs elsewhere).
    limit = round(cpus * 1000 / cpu["all"], 1)
    results["limit_producers_per_s_on_these_cpus"] = limit
    results["limit_without_the_simulator"] = round(cpus * 1000 / ours, 1) if ours else None
    results["share_of_limit"] = round(done / elapsed / limit, 2)
    for key in ("naive", "thread_pool"):
        if f"{key}_producers_per_s" in results:
            results[f"speedup_vs_{key}"] = round(
                float(results["producers_per_s"]) / float(results[f"{key}_producers_per_s"]),  # type: ignore[arg-type]
                1,
            )
    if run.status == "finished":
        results.update(correctness(run))
    print(json.dumps(results, indent=2))
    reset(connection)


if __name__ == "__main__":
    main()
