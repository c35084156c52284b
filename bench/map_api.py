"""Benchmark: the map page's data for all projects as the API response (`GET /api/v1/industrialization/map`,
IP-6.2, IP-16.3), p95 over a realistic mix, on the national-scale data of `bench.national_report` (10,000 projects
of the map with 40 versions each, 400,000 versions).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nisi_reportbench python -m bench.map_api --requests 600

The site is called as gunicorn calls it (the WSGI application, production settings: NISI_MODE=production, DEBUG
off, the Redis cache, persistent connections), one request at a time; each request's time is from the call to the
last byte of the body. The mix (seeded): 40 % the whole map, 25 % one region, 15 % one stage, 10 % one year of
commissioning, 10 % the map at the end of a past quarter; a third of the requests in English, Russian and Kazakh
each. Beside the production figure, in the same run (docs/benchmarks.md, the convention):

- **cold**: every request a miss (the cache emptied before each): what the first request after a change of the map
  costs;
- **the naive loop**: each version an ORM object, its project read by a query of its own, the answer validated by
  the `MapOut` schema and written by django-ninja's encoder (timed on a sample of the mix: it is slow);
- **the code as found** (branch `report`'s parent): the set-based read, then the schema and the encoder;
- **the thread pool**: the code as found with the map's rows read per region on 4 threads (a connection each);
- **the physical limit**: the CPU of this process per request on the kept path (2 cores ÷ it = requests a second),
  and the bare SQL of a miss (rows fetched, nothing done with them);
- the load average before and after.

Writes its figures to stdout as JSON.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import secrets
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from bench import measure
from bench.national_report import REGIONS

REDIS_DB = 5
ENV = {
    "NISI_MODE": "production",
    "NISI_SECRET_KEY": secrets.token_urlsafe(50),
    "NISI_ALLOWED_HOSTS": "127.0.0.1",
    "NISI_CACHE_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
    "NISI_DB_CONN_MAX_AGE": "600",
    "NISI_DEBUG": "0",
    "NISI_LOG_LEVEL": "ERROR",
    "NISI_PROXY_SSL_HEADER": "X-Forwarded-Proto",
    "NISI_GATEWAY_URL": "http://127.0.0.1:8765",  # production needs one named; the map asks it nothing
}
STAGES = ("preparation", "construction", "commissioning", "operation")


def the_mix(n: int, seed: int = 14) -> list[str]:
    """`n` query strings of the realistic mix."""
    rng = random.Random(seed)  # noqa: S311  (a reproducible mix, not a secret)
    out = []
    for _ in range(n):
        roll = rng.random()
        if roll < 0.40:
            query = ""
        elif roll < 0.65:
            query = f"region={rng.choice(REGIONS)}"
        elif roll < 0.80:
            query = f"stage={rng.choice(STAGES)}"
        elif roll < 0.90:
            query = f"year={rng.choice((2026, 2027, 2028))}"
        else:
            query = f"as_of={rng.choice(('2024-Q4', '2025-Q2', '2025-Q4'))}"
        out.append(f"{query}|{rng.choice(('en', 'ru', 'kk'))}")
    return out


def environ(ask: str) -> dict[str, object]:
    query, language = ask.split("|")
    return {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": "/api/v1/industrialization/map",
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8005",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_ACCEPT_LANGUAGE": language,
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }


def ask_once(app: Any, ask: str) -> tuple[str, int]:
    status: list[str] = []

    def start_response(s: str, headers: object, exc_info: object = None) -> None:
        status.append(s)

    body = app(environ(ask), start_response)
    size = 0
    try:
        for chunk in body:
            size += len(chunk)
    finally:
        if hasattr(body, "close"):
            body.close()
    return status[0], size


def percentiles(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)

    def at(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000, 1)

    return {"n": len(times), "p50_ms": at(0.5), "p95_ms": at(0.95), "max_ms": round(ordered[-1] * 1000, 1)}


def _filters(ask: str) -> Any:
    from nisi.industrialization.api.map import parse_quarter
    from nisi.industrialization.selectors.map import MapFilters

    query, _ = ask.split("|")
    key, _, value = query.partition("=")
    return MapFilters(
        region=value if key == "region" else None,
        stage=value if key == "stage" else None,
        year=int(value) if key == "year" else None,
        as_of=parse_quarter(value) if key == "as_of" else None,
    )


def _schema_bytes(out: dict[str, Any]) -> bytes:
    """What django-ninja did with the answer before: the schema's validation, then its JSON encoder."""
    from ninja.responses import NinjaJSONEncoder

    from nisi.industrialization.api.map import MapOut

    return json.dumps(MapOut.model_validate(out).model_dump(), cls=NinjaJSONEncoder).encode()


def as_found(ask: str) -> int:
    from django.utils import translation

    from nisi.industrialization.api.map import map_out
    from nisi.industrialization.selectors.map import map_data

    language = ask.split("|")[1]
    with translation.override(language):
        return len(_schema_bytes(map_out(map_data(_filters(ask), language))))


def naive(ask: str) -> int:
    """Each version an object, its project read by itself, the figures summed in Python, the schema, the encoder."""
    from collections import Counter
    from decimal import Decimal

    from nisi.core.models import Region
    from nisi.industrialization.models import Project, Stage
    from nisi.industrialization.selectors.map import quarter_end_moment, versions_at
    from nisi.law import clock

    f = _filters(ask)
    language = ask.split("|")[1]
    moment = quarter_end_moment(f.as_of) if f.as_of else clock.now()
    regions = {
        r.code: {
            "code": r.code,
            "name": r.name_in(language),
            "projects": 0,
            "investment": Decimal(0),
            "jobs": 0,
            "by_stage": Counter(),
        }
        for r in Region.objects.all()
    }
    projects = []
    for v in versions_at(moment).filter(status=Project.Status.INCLUDED):
        project = v.project  # a query per version
        if (f.region and v.region_id != f.region) or (f.stage and v.stage != f.stage) or (f.year and v.year != f.year):
            continue
        projects.append(
            {
                "number": project.number,
                "name": v.data["name"],
                "region": v.region_id,
                "oked": v.oked,
                "stage": v.stage,
                "investment": v.investment,
                "jobs": v.jobs,
                "year": v.year,
                "latitude": Decimal(v.data["latitude"]),
                "longitude": Decimal(v.data["longitude"]),
            }
        )
        r = regions[v.region_id]
        r["projects"] += 1
        r["investment"] += v.investment
        r["jobs"] += v.jobs
        r["by_stage"][v.stage] += 1
    for r in regions.values():
        r["by_stage"] = {s: r["by_stage"][s] for s in Stage.values}
    out = {
        "moment": moment,
        "as_of": None,
        "projects_count": len(projects),
        "investment": sum((r["investment"] for r in regions.values()), Decimal(0)),
        "jobs": sum(r["jobs"] for r in regions.values()),
        "regions": list(regions.values()),
        "projects": projects,
    }
    return len(_schema_bytes(out))


def threaded(ask: str, pool: ThreadPoolExecutor) -> int:
    """The code as found, the rows read per region on the pool's threads, merged, then the schema and encoder."""
    from dataclasses import replace

    from django.db import connections

    from nisi.industrialization.api.map import map_out
    from nisi.industrialization.selectors.map import map_data

    f = _filters(ask)
    language = ask.split("|")[1]

    def one(code: str) -> Any:
        try:
            return map_data(replace(f, region=code), language)
        finally:
            connections.close_all()

    parts = list(pool.map(one, [f.region] if f.region else REGIONS))
    first = parts[0]
    first.projects = [p for part in parts for p in part.projects]
    by_code = {r.code: r for part in parts for r in part.regions if r.projects}
    first.regions = [by_code.get(r.code, r) for r in first.regions]
    return len(_schema_bytes(map_out(first)))


def bare_sql() -> float:
    """The physical limit of a miss: the whole map's rows as the set-based query reads them, fetched and dropped."""
    from nisi.industrialization.models import Project, ProjectVersion
    from nisi.law import clock

    t = time.perf_counter()
    list(
        ProjectVersion.objects.filter(valid_to__isnull=True, valid_from__lte=clock.now())
        .filter(status=Project.Status.INCLUDED)
        .order_by("region_id", "project__number")
        .values_list(
            "region_id",
            "stage",
            "investment",
            "jobs",
            "year",
            "oked",
            "data__number",
            "data__name",
            "data__latitude",
            "data__longitude",
        )
    )
    return time.perf_counter() - t


def main() -> None:  # noqa: PLR0915  (the figures of one run, in order)
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--cold", type=int, default=60)
    parser.add_argument("--naive", type=int, default=6)
    args = parser.parse_args()
    os.environ.update(ENV)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nisi.config.settings")
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.wsgi import get_wsgi_application

    from nisi.industrialization.models import ProjectVersion

    app = get_wsgi_application()
    mix = the_mix(args.requests)
    result: dict[str, Any] = {
        "load_before": measure.load_average(),
        "versions": ProjectVersion.objects.count(),
        "mix": {k: sum(1 for a in mix if a.startswith(k)) for k in ("|", "region", "stage", "year", "as_of")},
    }
    status, size = ask_once(app, "|en")  # imports, connections
    result["whole_map_bytes"] = size
    assert status.startswith("200"), status
    # Cold: every request a miss.
    times = []
    for ask in mix[: args.cold]:
        cache.clear()
        t = time.perf_counter()
        ask_once(app, ask)
        times.append(time.perf_counter() - t)
    result["cold_every_request_a_miss"] = percentiles(times)
    # Production: the mix from an empty cache (each distinct question misses once, then is kept).
    cache.clear()
    times, cpu = [], time.process_time()
    with measure.CpuMeter(db=os.environ.get("NISI_BENCH_DB", "nisi_reportbench")) as meter:
        for ask in mix:
            t = time.perf_counter()
            ask_once(app, ask)
            times.append(time.perf_counter() - t)
    result["production_mix_from_empty_cache"] = percentiles(times)
    result["production_distinct_questions"] = len(set(mix))
    # Warm: the same mix again, every answer kept.
    times, cpu = [], time.process_time()
    for ask in mix:
        t = time.perf_counter()
        ask_once(app, ask)
        times.append(time.perf_counter() - t)
    warm_cpu = time.process_time() - cpu
    result["production_warm"] = percentiles(times)
    result["warm_cpu_ms_per_request"] = round(warm_cpu / len(mix) * 1000, 2)
    result["postgresql_cpu_s_mix"] = meter.seconds().get("postgresql")
    sample = mix[: args.cold]
    times = []
    for ask in sample:
        t = time.perf_counter()
        as_found(ask)
        times.append(time.perf_counter() - t)
    result["as_found"] = percentiles(times)
    with ThreadPoolExecutor(4) as pool:
        times = []
        for ask in sample:
            t = time.perf_counter()
            threaded(ask, pool)
            times.append(time.perf_counter() - t)
    result["thread_pool_4"] = percentiles(times)
    times = []
    for ask in mix[: args.naive]:
        t = time.perf_counter()
        naive(ask)
        times.append(time.perf_counter() - t)
    result["naive"] = percentiles(times)
    result["bare_sql_whole_map_ms"] = round(min(bare_sql() for _ in range(3)) * 1000, 1)
    result["physical_limit_rps_2_cores_warm"] = round(2 / (warm_cpu / len(mix)), 0)
    result["ratios_p95"] = {
        "naive_over_production": round(
            result["naive"]["p95_ms"] / result["production_mix_from_empty_cache"]["p95_ms"], 1
        ),
        "as_found_over_production": round(
            result["as_found"]["p95_ms"] / result["production_mix_from_empty_cache"]["p95_ms"], 1
        ),
        "thread_pool_over_production": round(
            result["thread_pool_4"]["p95_ms"] / result["production_mix_from_empty_cache"]["p95_ms"], 1
        ),
    }
    result["load_after"] = measure.load_average()
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
