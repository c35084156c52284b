"""CPU per producer of quarterly monitoring, measured in one process (no Celery): the chunks of the first N
producers verified against the gateway simulator over HTTP, with this process's CPU, its PostgreSQL backend's and
the simulator's; optionally a cProfile of the worker side.

    python -m bench.monitoring_cpu --producers 2000 [--profile /tmp/monitoring.prof]

It uses the production defaults for calls per source, batch and chunk (NISI_GATEWAY_PER_SOURCE_LIMIT,
NISI_MONITORING_BATCH, NISI_MONITORING_CHUNK) unless they are set in the environment. Needs the bench database
(bench/generate_register.py) and writes its figures to stdout as JSON.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import time

from bench import measure
from bench.monitoring import DB, ENV, reset, start_simulator


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--producers", type=int, default=2000)
    parser.add_argument("--quarter", default="2098-Q1")
    parser.add_argument("--profile", default="", help="write a cProfile of the worker side here")
    args = parser.parse_args()
    os.environ.update(ENV)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nisi.config.settings")
    os.environ["CELERY_BROKER_URL"] = ""  # eager: what is owed runs here, as in a worker
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from nisi.core.authz import SYSTEM
    from nisi.registry.models import MonitoringCheck
    from nisi.registry.services import monitoring

    simulator = start_simulator()
    reset(connection)
    run = monitoring.monitoring_start(actor=SYSTEM, quarter=args.quarter)
    chunk = settings.NISI_MONITORING_CHUNK
    ranges = list(monitoring.chunks(run, chunk))[: max(1, args.producers // chunk)]
    done_before = MonitoringCheck.objects.filter(run=run, status__in=["passed", "failed"]).count()
    load_before = measure.load_average()
    profiler = cProfile.Profile() if args.profile else None
    with measure.CpuMeter(db=DB) as meter:
        meter.watch("simulator", simulator.pid)
        cpu0, wall0 = time.process_time(), time.monotonic()
        if profiler:
            profiler.enable()
        for low, high in ranges:
            monitoring.monitoring_process_chunk(run_id=run.pk, low=low, high=high)
        if profiler:
            profiler.disable()
        worker_cpu, wall = time.process_time() - cpu0, time.monotonic() - wall0
    done = MonitoringCheck.objects.filter(run=run, status__in=["passed", "failed"]).count() - done_before
    cpu = {"worker": round(worker_cpu, 2), **meter.seconds()}
    os.killpg(simulator.pid, 15)
    if profiler:
        profiler.dump_stats(args.profile)
    reset(connection)
    connection.close()
    print(
        json.dumps(
            {
                "producers": done,
                "seconds": round(wall, 1),
                "settings": {
                    "per_source_limit": settings.NISI_GATEWAY_PER_SOURCE_LIMIT,
                    "batch": settings.NISI_MONITORING_BATCH,
                    "chunk": chunk,
                },
                "cpu_s": cpu,
                "cpu_ms_per_producer": measure.per_unit_ms(cpu, done),
                "load_average_before": load_before,
                "load_average_after": measure.load_average(),
            }
        )
    )


if __name__ == "__main__":
    main()
