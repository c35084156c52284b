"""Benchmark: the CPU one public lookup costs, against the trivial endpoint at the same layer, in one process.

    NISI_BENCH_DB=nisi_lookups NISI_BENCH_CACHE_DB=7 python -m bench.lookup_cpu --requests 2000

`bench.lookup` counts requests per second, which another engineer's work on the same cores falsifies; this one
counts CPU time, which it hardly does. The WSGI application under `bench.trivial`'s settings (production's, plus the
trivial endpoint right below the lookups' middleware; persistent database connections, the answers kept in Redis)
is called directly with a WSGI environ, as gunicorn calls it — gunicorn's own HTTP parsing is the same for every
request and left out. CPU per request = this process's (`time.process_time`) + its PostgreSQL backend's (the
backend's own CPU clock, nanoseconds), in microseconds; Redis's CPU is given apart (`bench.lookup` does not count
it either). Set-ups, each on the register of `bench.generate_register` (run `bench.lookup` once to make it):

- **trivial**: `/bench/trivial`;
- **kept**: by BIN, by code (first page of 20), a BIN never in the register (404) — each asked once before;
- **uncached**: the same, each asked for the first time (a cold cache), and a BIN on a past date;
- **mix**: `bench.lookup`'s realistic mix (Zipf keys) from a cold cache, CPU per request of its second half.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

from bench.lookup import CACHE_DB, key_lists
from bench.monitoring import ENV

SERVER_NAME = "127.0.0.1"


def cpu_clock(pid: int) -> Callable[[], float]:
    """Another process's CPU time so far, in seconds (Linux's per-process CPU clock: nanoseconds, not ticks)."""
    clock = ((~pid) << 3) | 2  # MAKE_PROCESS_CPUCLOCK(pid, CPUCLOCK_SCHED)
    return lambda: time.clock_gettime(clock)


def environ(path: str) -> dict[str, Any]:
    parts = urlsplit(path)
    return {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": parts.path,
        "QUERY_STRING": parts.query,
        "SERVER_NAME": SERVER_NAME,
        "SERVER_PORT": "8801",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": f"{SERVER_NAME}:8801",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


class Server:
    """The WSGI application and the CPU clocks of what serves it."""

    def __init__(self) -> None:
        from django.core.wsgi import get_wsgi_application
        from django.db import connection

        self.app = get_wsgi_application()
        self.status = ""
        self.ask("/bench/trivial")
        connection.ensure_connection()
        self.database = cpu_clock(connection.connection.info.backend_pid)
        redis_pid = int(self._redis_info("server")["process_id"])
        self.redis = cpu_clock(redis_pid)

    @staticmethod
    def _redis_info(section: str) -> dict[str, str]:
        out = subprocess.run(["redis-cli", "-n", CACHE_DB, "INFO", section], check=True, capture_output=True, text=True)
        return dict(line.split(":", 1) for line in out.stdout.split() if ":" in line)

    def flush(self) -> None:
        subprocess.run(["redis-cli", "-n", CACHE_DB, "FLUSHDB"], check=True, capture_output=True)

    def _start(self, status: str, headers: list[tuple[str, str]]) -> None:
        self.status = status

    def ask(self, path: str) -> str:
        body = self.app(environ(path), self._start)
        for _ in body:
            pass
        body.close()  # type: ignore[attr-defined]
        return self.status

    def cpu_us(self, paths: Iterable[str], expect: set[str]) -> dict[str, float]:
        """CPU per request over `paths`, each asked once, in µs: server, database, both; Redis's apart."""
        paths = list(paths)
        server, database, redis = time.process_time(), self.database(), self.redis()
        for path in paths:
            status = self.ask(path)
            if status[:3] not in expect:
                raise SystemExit(f"{path}: {status}")
        n = len(paths)
        spent = {
            "server": (time.process_time() - server) / n * 1e6,
            "database": (self.database() - database) / n * 1e6,
            "redis": (self.redis() - redis) / n * 1e6,
        }
        spent["total"] = spent["server"] + spent["database"]
        return {k: round(v, 1) for k, v in spent.items()}


def distinct(paths: list[str], n: int) -> list[str]:
    return list(dict.fromkeys(paths))[:n]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000, help="requests per set-up")
    parser.add_argument("--repeat", type=int, default=3, help="measurements of each set-up (the median is given)")
    args = parser.parse_args()
    os.environ.update(ENV)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.trivial",
            "NISI_DEBUG": "0",
            "NISI_DB_CONN_MAX_AGE": "600",
            "NISI_CACHE_URL": f"redis://127.0.0.1:6379/{CACHE_DB}",
            "NISI_LOG_LEVEL": "ERROR",
        }
    )
    import django

    django.setup()
    from nisi.core import identifiers as bins

    server = Server()
    n = args.requests
    producers, goods, mix = key_lists(100_000)
    rng = random.Random(17)  # noqa: S311 - a benchmark's keys
    bin_paths = distinct(producers, n * (args.repeat + 1))
    code_paths = distinct(goods, n * (args.repeat + 1))
    never = []
    serial = 0
    while len(never) < n * (args.repeat + 1):  # valid BINs never in the register (bench.lookup's are 26014…)
        serial += 1
        try:
            never.append(f"/api/v1/register/producers/{bins.complete(f'26015{serial:06d}')}")
        except bins.InvalidIdentifier:
            continue
    dated = [f"{p}?on=2025-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}" for p in bin_paths]

    results: dict[str, list[dict[str, float]]] = {}

    def record(name: str, figures: dict[str, float]) -> None:
        results.setdefault(name, []).append(figures)

    for round_ in range(args.repeat):
        fresh = slice((round_ + 1) * n, (round_ + 2) * n)
        record("trivial", server.cpu_us(["/bench/trivial"] * n, {"200"}))
        server.flush()
        record("uncached_bin", server.cpu_us(bin_paths[fresh], {"200"}))
        record("uncached_code", server.cpu_us(code_paths[:n], {"200"}))
        record("uncached_bin_on_date", server.cpu_us(dated[fresh], {"200"}))
        record("uncached_404", server.cpu_us(never[fresh], {"404"}))
        record("kept_bin", server.cpu_us(bin_paths[fresh], {"200"}))
        record("kept_code", server.cpu_us(code_paths[:n], {"200"}))
        record("kept_404", server.cpu_us(never[fresh], {"404"}))
        server.flush()
        asked = [rng.choice(mix) for _ in range(4 * n)]
        server.cpu_us(asked[: 2 * n], {"200", "404"})
        record("mix_second_half", server.cpu_us(asked[2 * n :], {"200", "404"}))
    summary: dict[str, Any] = {}
    for name, runs in results.items():
        summary[name] = {k: round(statistics.median(r[k] for r in runs), 1) for k in runs[0]}
    trivial = summary["trivial"]["total"]
    for name, figures in summary.items():
        figures["ratio_to_trivial"] = round(trivial / figures["total"], 2)
    print(json.dumps({"requests": n, "repeat": args.repeat, "cpu_us_per_request": summary}, indent=2))


if __name__ == "__main__":
    main()
