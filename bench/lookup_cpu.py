"""Benchmark: the CPU one public lookup costs, against the trivial endpoint at the same layer, in one process.

    NISI_BENCH_DB=nisi_lookups NISI_BENCH_CACHE_DB=7 python -m bench.lookup_cpu --requests 1000

`bench.lookup` counts requests per second, which another engineer's work on the same cores falsifies; this one
counts CPU time, which it hardly does. The WSGI application under `bench.trivial`'s settings (production's, plus the
trivial endpoint right below the lookups' middleware; persistent database connections, the answers kept in Redis)
is called directly with a WSGI environ, as gunicorn calls it — gunicorn's own HTTP parsing is the same for every
request and left out. CPU per request = this process's (`time.process_time`) + its PostgreSQL backend's (the
backend's own CPU clock, nanoseconds), in microseconds; Redis's CPU is given apart (`bench.lookup` does not count
it either). The set-ups take turns request by request, so that the machine's load weighs on each alike; each on
the register of `bench.generate_register` (run `bench.lookup` once to make it):

- **trivial**: `/bench/trivial`;
- **kept**: by BIN, by code (first page of 20), a BIN never in the register (404) — each asked once before;
- **uncached**: the same, each asked for the first time since the cache was emptied, and a BIN on a day of the
  register (after 20 July 2025);
- **nothing kept**: by BIN and by code with `NISI_PUBLIC_ANSWER_TTL_S=0`, `bench.lookup`'s "simple" set-up (one
  statement at the front layer, nothing kept), on keys not asked before in the run;
- **mix**: `bench.lookup`'s realistic mix (Zipf keys) from a cold cache: the CPU of its second half.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable
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

    def clocks(self) -> tuple[float, float, float]:
        return time.process_time(), self.database(), self.redis()


class Meter:
    """CPU per request by set-up, each request's own (set-ups interleaved request by request: the machine's load,
    other engineers' work included, weighs on every set-up alike)."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.spent: dict[str, list[float]] = {}
        self.count: dict[str, int] = {}

    def ask(self, name: str, path: str, expect: str = "200 404", *, nothing_kept: bool = False) -> None:
        from django.conf import settings

        kept_for = settings.NISI_PUBLIC_ANSWER_TTL_S
        if nothing_kept:
            settings.NISI_PUBLIC_ANSWER_TTL_S = 0
        try:
            before = self.server.clocks()
            status = self.server.ask(path)
            after = self.server.clocks()
        finally:
            settings.NISI_PUBLIC_ANSWER_TTL_S = kept_for
        if status[:3] not in expect.split():
            raise SystemExit(f"{path}: {status}")
        spent = self.spent.setdefault(name, [0.0, 0.0, 0.0])
        for i in range(3):
            spent[i] += after[i] - before[i]
        self.count[name] = self.count.get(name, 0) + 1

    def figures(self) -> dict[str, dict[str, float]]:
        out = {}
        for name, (server, database, redis) in self.spent.items():
            n = self.count[name]
            out[name] = {
                "server": round(server / n * 1e6, 1),
                "database": round(database / n * 1e6, 1),
                "total": round((server + database) / n * 1e6, 1),
                "redis": round(redis / n * 1e6, 1),
                "requests": n,
            }
        trivial = out["trivial"]["total"]
        for figures in out.values():
            figures["ratio_to_trivial"] = round(trivial / figures["total"], 2)
        return out


def distinct(paths: list[str], n: int) -> list[str]:
    return list(dict.fromkeys(paths))[:n]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000, help="requests per set-up")
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
    bin_paths = distinct(producers, 3 * n)
    code_paths = distinct(goods, 3 * n)
    never = []
    serial = 0
    while len(never) < 2 * n:  # valid BINs never in the register (bench.lookup's are 26014…)
        serial += 1
        try:
            never.append(f"/api/v1/register/producers/{bins.complete(f'26015{serial:06d}')}")
        except bins.InvalidIdentifier:
            continue
    # Days the register existed (before it, the API answers from the prior certificates: bench.lookup's mix).
    dated = [f"{p}?on={2025 + rng.randrange(8, 24) // 12}-{rng.randrange(8, 24) % 12 + 1:02d}-15" for p in bin_paths]

    meter = Meter(server)
    server.flush()
    for path in [*bin_paths[:n], *code_paths[:n], *never[:n]]:  # asked once: kept from now on
        server.ask(path)
    mixed = [rng.choice(mix) for _ in range(2 * n)]
    for path in mixed[:n]:  # the mix's first half warms the cache as a run's start would
        server.ask(path)
    trivial = "/bench/trivial"
    for i in range(n):
        # Each kind in turn; a code's first asking is the first of the run's second pass over the codes.
        meter.ask("trivial", trivial, "200")
        meter.ask("kept_bin", bin_paths[i], "200")
        meter.ask("uncached_bin", bin_paths[n + i], "200")
        meter.ask("kept_code", code_paths[i], "200")
        if n + i < len(code_paths):
            meter.ask("uncached_code", code_paths[n + i], "200")
        meter.ask("kept_404", never[i], "404")
        meter.ask("uncached_404", never[n + i], "404")
        meter.ask("uncached_bin_on_date", dated[n + i], "200")
        meter.ask("nothing_kept_bin", bin_paths[2 * n + i], "200", nothing_kept=True)
        if 2 * n + i < len(code_paths):
            meter.ask("nothing_kept_code", code_paths[2 * n + i], "200", nothing_kept=True)
        meter.ask("mix_second_half", mixed[n + i])
    print(json.dumps({"requests": n, "cpu_us_per_request": meter.figures()}, indent=2))


if __name__ == "__main__":
    main()
