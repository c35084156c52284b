"""Benchmark: the CPU that each kind of request of the load mix (`bench.load`) costs the server and PostgreSQL,
measured in one process, so that it can be measured on a busy machine (CPU time, unlike throughput, does not
depend on what else runs on the cores).

    NISI_BENCH_DB=nisi_speed NISI_BENCH_REDIS_DB=6 python -m bench.cpu_per_request --producers 20000 --rounds 3

The site runs as production runs it (NISI_MODE=production, DEBUG off, the Redis cache, persistent database
connections, behind a TLS-terminating proxy), called as gunicorn calls it: the WSGI application, one request at a
time, each request the same bytes as `bench.load` sends. The mix is drawn once (`the_mix`), every request asked once
to warm the process (imports, templates, connections, the kept answers), then each kind's requests are asked
`--rounds` times in a row and timed: `time.process_time()` for the server (the quickest round: a busy machine
only adds), the PostgreSQL backend's user + system CPU from /proc for the database (the mean of the rounds: /proc
counts in 10 ms ticks). The weighted figure is the mix's: each kind's CPU by its share of the mix.
`physical_limit_rps` is what two cores could serve at that CPU per request (no load generator, no Redis).

`--profile KIND` runs one kind's requests under cProfile and prints where the time goes.

Figures of 2 December 2026 (20,000 producers; the machine shared with five other engineers' test suites, load
average 10-12, so every figure is inflated alike: compare the columns, not with a quiet machine). CPU ms per
request, server + PostgreSQL, `--rounds 3`, main before this session's `speed` changes and after, run one after
the other (the API lookups, which no change touched, read the same in both runs):

    kind            share   before           after            change
    api_lookup      0.148   0.35 + 0.00      0.34 + 0.00        -
    home            0.082   1.63 + 0.00      1.10 + 0.00      -33 %
    law             0.183   3.67 + 0.00      1.60 + 0.00      -56 %   (parameters 5.82 -> 0.90)
    producer_page   0.097   6.83 + 0.96      4.45 + 0.76      -33 %
    search          0.240  10.41 + 2.26      6.54 + 1.99      -33 %
    signed_in       0.249  12.19 + 2.65      9.52 + 2.26      -21 %
    mix             1.000   7.06 + 1.30      4.81 + 1.11      -29 %   (8.36 -> 5.92)

On a quiet machine the same code measured 5.22 ms a request in this process, and 11.4 ms under gunicorn and wrk
(docs/benchmarks.md); the coordinator's `bench.load` run on a quiet machine gives the figure that counts.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import re
import secrets
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote

from bench.load import SERVER_ENV, Ask, check_the_mix, the_mix
from bench.monitoring import REDIS_DB, django_setup, setup

TICKS = os.sysconf("SC_CLK_TCK")


def backend_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def backend_pid() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return int(cursor.fetchone()[0])


def environ(ask: Ask) -> dict[str, object]:
    """What gunicorn hands the application for the request that wrk sends for `ask`."""
    path, _, query = ask.path.partition("?")
    result: dict[str, object] = {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": unquote(path).encode().decode("latin-1"),
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8800",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1:8800",
        "HTTP_X_FORWARDED_PROTO": "https",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }
    if ask.cookie:
        result["HTTP_COOKIE"] = ask.cookie
    return result


def ask_once(app: object, ask: Ask) -> str:
    status: list[str] = []

    def start_response(s: str, headers: object, exc_info: object = None) -> None:
        status.append(s)

    body = app(environ(ask), start_response)  # type: ignore[operator]
    try:
        for _ in body:
            pass
    finally:
        if hasattr(body, "close"):
            body.close()
    return status[0]


def page_of(ask: Ask) -> str:
    """A finer name than the kind: the page, without language, keys and query."""
    path = re.sub(r"^/(kk|ru|en)/", "/", ask.path.split("?")[0])
    path = re.sub(r"/(\d{12}|[A-Z]{2,}-[\w-]+|[\w.]+-\d[\w-]*)/$", "/<key>/", path)
    if ask.kind == "api_lookup":
        path = re.sub(r"producers/\d+$", "producers/<bin>", path)
    if ask.kind == "law":
        path = re.sub(r"/(parameters|provisions)/[^/]+/$", r"/\1/<key>/", path)
    return f"{ask.kind} {path}"


def measure(app: object, asks: list[Ask], rounds: int) -> dict[str, dict[str, float]]:
    by: dict[str, list[Ask]] = defaultdict(list)
    for ask in asks:
        by[page_of(ask)].append(ask)
    figures: dict[str, dict[str, float]] = {}
    for page, group in sorted(by.items()):
        pid = backend_pid()
        database = backend_cpu(pid)
        # The quickest round: what other processes on the cores add (caches evicted, turns taken) only adds.
        server = float("inf")
        for _ in range(rounds):
            started = time.process_time()
            for ask in group:
                ask_once(app, ask)
            server = min(server, time.process_time() - started)
        database = backend_cpu(pid) - database
        if backend_pid() != pid:
            raise SystemExit("the database connection changed during a measurement: set NISI_DB_CONN_MAX_AGE")
        n = len(group)
        figures[page] = {"n": n, "server_ms": server * 1000 / n, "postgres_ms": database * 1000 / (n * rounds)}
    return figures


def by_kind(asks: list[Ask], pages: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    kinds: dict[str, dict[str, float]] = {}
    for page, f in pages.items():
        k = kinds.setdefault(page.split(" ", 1)[0], {"n": 0, "server_ms": 0.0, "postgres_ms": 0.0})
        k["n"] += f["n"]
        k["server_ms"] += f["server_ms"] * f["n"]
        k["postgres_ms"] += f["postgres_ms"] * f["n"]
    for k in kinds.values():
        k["server_ms"] /= k["n"]
        k["postgres_ms"] /= k["n"]
    share = {kind: sum(1 for a in asks if a.kind == kind) / len(asks) for kind in kinds}
    mix = {
        "share": 1.0,
        "server_ms": sum(share[k] * f["server_ms"] for k, f in kinds.items()),
        "postgres_ms": sum(share[k] * f["postgres_ms"] for k, f in kinds.items()),
    }
    result = {kind: {"share": share[kind], **f} for kind, f in sorted(kinds.items())}
    result["mix"] = mix
    for f in result.values():
        f["total_ms"] = f["server_ms"] + f["postgres_ms"]
    mix["physical_limit_rps"] = 2000 / mix["total_ms"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--producers", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=2_000, help="the size of the mix drawn")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--profile", help="a kind (or page, as printed) to run under cProfile instead")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    setup(args.producers)
    os.environ.update(SERVER_ENV)
    os.environ.update(
        {
            "NISI_SECRET_KEY": secrets.token_urlsafe(50),
            "NISI_CACHE_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
            "NISI_ALLOWED_HOSTS": "127.0.0.1,testserver",
            # One PostgreSQL backend for the whole run, whose CPU is read from /proc: on a busy machine the run
            # outlasts production's ten minutes, after which Django would open another.
            "NISI_DB_CONN_MAX_AGE": "86400",
        }
    )
    django_setup()
    from django.core.cache import cache
    from django.core.wsgi import get_wsgi_application

    cache.clear()
    asks = the_mix(args.requests)
    check_the_mix(asks)
    app = get_wsgi_application()
    bad = {}
    for ask in asks:  # warm, and every answer must be a 200
        status = ask_once(app, ask)
        if not status.startswith("200"):
            bad[ask.path] = status
    if bad:
        raise SystemExit(f"not 200: {list(bad.items())[:10]}")
    if args.profile:
        group = [a for a in asks if page_of(a).startswith(args.profile)]
        profiler = cProfile.Profile(time.process_time)  # CPU, not the waits for PostgreSQL
        profiler.enable()
        for _ in range(args.rounds):
            for ask in group:
                ask_once(app, ask)
        profiler.disable()
        print(f"{len(group) * args.rounds} requests")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(60)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(40)
        return
    pages = measure(app, asks, args.rounds)
    kinds = by_kind(asks, pages)
    if args.json:
        print(json.dumps({"pages": pages, "kinds": kinds}, indent=2))
        return
    print(f"{'page':58} {'n':>6} {'server':>8} {'pg':>7} {'total':>7}")
    for page, f in pages.items():
        line = f"{page[:58]:58} {f['n']:6d} {f['server_ms']:8.2f} {f['postgres_ms']:7.2f}"
        print(f"{line} {f['server_ms'] + f['postgres_ms']:7.2f}")
    print()
    print(f"{'kind':16} {'share':>6} {'server':>8} {'pg':>7} {'total':>7}")
    for kind, f in kinds.items():
        print(f"{kind:16} {f['share']:6.3f} {f['server_ms']:8.2f} {f['postgres_ms']:7.2f} {f['total_ms']:7.2f}")
    print(f"two cores' limit at the mix's CPU per request: {kinds['mix']['physical_limit_rps']:.0f} requests/s")


if __name__ == "__main__":
    main()
