"""Benchmark: the site under a realistic mix of requests — public register search and lookups, law pages, the
home page and signed-in pages — served as production serves it (gunicorn with the README's settings, PostgreSQL,
the shared Redis cache, NISI_MODE=production), on a register of N producers from bench.generate_register.

    python -m bench.load --producers 100000 --users 200 --seconds 120

It reports, in one run:
- the saturation throughput of the mix (wrk, closed loop, as many connections as the server has threads and
  twice that) beside the trivial endpoint's (/health) on the same server: the mix's cost in units of the
  cheapest request the stack can answer;
- 200 users who each ask, wait 1-3 s as people do, and ask again, for `--seconds`: the rate they make, p50, p95
  and p99 latency, and errors;
- the CPU that the server, PostgreSQL and the client used per request (from /proc), so that the physical limit
  of the two cores can be worked out: cores / CPU per request;
- the machine's load average before and after.

`--server` chooses the gunicorn settings: `production` (the README's: 4 sync workers with timeouts and recycling),
`gthread` (4 workers of 4 threads) or `sync4` (4 sync workers, the set-up the review measured 72 requests/s with);
`all` (the default) runs the three in one run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import secrets
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import uvloop

from bench.measure import load_average
from bench.monitoring import BIN, ENV, django_setup, setup

SERVER = "http://127.0.0.1:8800"
CACHE_DB = "9"
APPLICANTS = 150
OFFICERS = 50

# The production settings the README documents (sync workers, 2 x cores, behind a buffering proxy), the same with
# threads (gthread: what a server without a buffering proxy in front would need), and the review's set-up.
_LIFE = ["--timeout", "30", "--graceful-timeout", "30", "--keep-alive", "5"]
_RECYCLE = ["--max-requests", "20000", "--max-requests-jitter", "2000"]
GUNICORN = {
    "production": ["-w", "4", *_LIFE, *_RECYCLE],
    "gthread": ["-k", "gthread", "-w", "4", "--threads", "4", *_LIFE, *_RECYCLE],
    "sync4": ["-w", "4"],
}
THREADS = {"production": 4, "gthread": 16, "sync4": 4}
SERVER_ENV = {
    "NISI_MODE": "production",
    "NISI_SECRET_KEY": secrets.token_urlsafe(50),
    "NISI_ALLOWED_HOSTS": "127.0.0.1",
    "NISI_CACHE_URL": f"redis://127.0.0.1:6379/{CACHE_DB}",
    "NISI_DB_CONN_MAX_AGE": "600",
    "NISI_DEBUG": "0",
    "NISI_LOG_LEVEL": "ERROR",
    # Behind a TLS-terminating proxy, as production runs: the client says https as the proxy would.
    "NISI_PROXY_SSL_HEADER": "X-Forwarded-Proto",
}


@dataclass(frozen=True)
class Ask:
    """One request of the mix: a path, and the session cookie of a signed-in user (or none)."""

    kind: str
    path: str
    cookie: str = ""


def accounts() -> tuple[list[str], list[str]]:
    """Session cookies of applicants (users of producers in the register, each with an application) and of the
    authorized body's officers; made anew each run, as people sign in."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    from nisi.core.authz import actor_for
    from nisi.core.models import RoleAssignment
    from nisi.core.roles import Role
    from nisi.registry.models import RegisterApplication, RegisterRecord
    from nisi.registry.services.applications import application_start

    user_model = get_user_model()
    records = list(RegisterRecord.objects.select_related("organization").order_by("id")[:APPLICANTS])

    def session_for(user: object) -> str:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)  # type: ignore[attr-defined]
        store[BACKEND_SESSION_KEY] = "nisi.core.backends.AccountBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()  # type: ignore[attr-defined]
        store.create()
        return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"

    applicants, officers = [], []
    for i, record in enumerate(records):
        user, made = user_model.objects.get_or_create(username=f"bench-applicant-{i}")
        if made:
            user.set_password(secrets.token_urlsafe(16))
            user.save()
            RoleAssignment.objects.create(user=user, role=Role.APPLICANT, organization=record.organization)
        if not RegisterApplication.objects.filter(organization=record.organization).exists():
            application_start(actor=actor_for(user), organization=record.organization)
        applicants.append(session_for(user))
    for i in range(OFFICERS):
        user, made = user_model.objects.get_or_create(username=f"bench-officer-{i}")
        if made:
            user.set_password(secrets.token_urlsafe(16))
            user.save()
            RoleAssignment.objects.create(user=user, role=Role.AUTHORIZED_BODY)
        officers.append(session_for(user))
    return applicants, officers


def zipf_pick(rng: random.Random, items: list[str], s: float = 1.1) -> str:
    """An item by a Zipf-like law: a few are asked very often, most rarely (as procurement asks of producers)."""
    rank = min(int(rng.paretovariate(s)) - 1, len(items) - 1)
    return items[rank]


def the_mix(n: int, seed: int = 7) -> list[Ask]:
    """`n` requests drawn from the mix that the review measured: public search and lookups, law pages, the home
    page, and signed-in pages, in kk, ru and en."""
    from nisi.core.models import ClassifierCode
    from nisi.law import params, provisions
    from nisi.registry.models import RegisterApplication, RegisterRecord

    rng = random.Random(seed)  # noqa: S311  (a repeatable mix, not a secret)
    bins = list(RegisterRecord.objects.order_by("?").values_list("organization__identifier", flat=True)[:20000])
    codes = list(ClassifierCode.objects.filter(system="HS", level=6).values_list("code", flat=True)[:2000])
    words = [
        "болат",
        "сталь",
        "агро",
        "казак",
        "прокат",
        "молоко",
        "цемент",
        "нефть",
        "текстиль",
        "павлодар",
        "Қазақ",
        "Астана",
        "трубы",
        "мебель",
        "кабель",
        "зерно",
        "стекло",
        "тоо алтын",
        "ao",
        "пласт",
    ]
    regions = ["10", "11", "15", "19", "23", "27", "31", "35", "39", "55", "63", "71", "75"]
    parameter_names = sorted(params.catalogue())
    provision_ids = sorted(provisions.catalogue())
    applicants, officers = accounts()
    applications = dict(
        RegisterApplication.objects.filter(
            organization__roleassignment__user__username__startswith="bench-applicant-"
        ).values_list("organization__roleassignment__user__username", "number")
    )

    def language() -> str:
        return rng.choices(["ru", "kk", "en"], weights=[60, 30, 10])[0]

    def search() -> Ask:
        query = rng.choice(
            [
                f"q={rng.choice(words)}",
                f"q={rng.choice(codes)[:4]}",
                f"region={rng.choice(regions)}",
                f"q={rng.choice(words)}&region={rng.choice(regions)}",
                f"code={rng.choice(codes)}",
            ]
        )
        page = "&page=2" if rng.random() < 0.1 else ""
        return Ask("search", f"/{language()}/register/?{query}{page}")

    def applicant_page() -> Ask:
        i = rng.randrange(len(applicants))
        number = applications.get(f"bench-applicant-{i}")
        path = rng.choice(
            ["/account/", "/register/applications/"] + ([f"/register/applications/{number}/"] if number else [])
        )
        return Ask("signed_in", f"/{language()}{path}", applicants[i])

    def officer_page() -> Ask:
        path = rng.choice(["/work/", "/register/assessment/", "/account/"])
        return Ask("signed_in", f"/{language()}{path}", rng.choice(officers))

    kinds = [
        (25, search),
        (10, lambda: Ask("producer_page", f"/{language()}/register/producers/{zipf_pick(rng, bins)}/")),
        (8, lambda: Ask("api_lookup", f"/api/v1/register/producers/{zipf_pick(rng, bins)}")),
        (7, lambda: Ask("api_lookup", f"/api/v1/register/goods?code={zipf_pick(rng, codes)}&limit=20")),
        (5, lambda: Ask("law", f"/{language()}/law/parameters/")),
        (4, lambda: Ask("law", f"/{language()}/law/parameters/{rng.choice(parameter_names)}/")),
        (4, lambda: Ask("law", f"/{language()}/law/provisions/{rng.choice(provision_ids)}/")),
        (2, lambda: Ask("law", f"/{language()}/law/provisions/?q={rng.choice(['реестр', 'закуп', 'тізілім'])}")),
        (
            3,
            lambda: Ask(
                "law",
                f"/{language()}/law/deadline/?start=2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
                f"&count={rng.randint(1, 60)}&unit={rng.choice(['working_days', 'calendar_days'])}",
            ),
        ),
        (8, lambda: Ask("home", f"/{language()}/")),
        (16, applicant_page),
        (8, officer_page),
    ]
    weights = [w for w, _ in kinds]
    makers = [m for _, m in kinds]
    # Written as a browser sends them: words of other scripts percent-encoded (wrk sends the path as given, and a
    # raw Cyrillic request line is refused by the server before nisi sees it).
    return [encoded(rng.choices(makers, weights=weights)[0]()) for _ in range(n)]


def encoded(ask: Ask) -> Ask:
    return Ask(ask.kind, quote(ask.path, safe="/?=&%+:"), ask.cookie)


def check_the_mix(asks: list[Ask]) -> None:
    """Every kind of request in the mix answers 200 (signed-in pages signed in), asked in-process before the run:
    a mix that measures redirects and refusals measures nothing."""
    from django.test import Client

    client = Client(HTTP_X_FORWARDED_PROTO="https")
    seen: dict[str, int] = {}
    for ask in asks[:600]:
        if ask.cookie:
            name, value = ask.cookie.split("=", 1)
            client.cookies[name] = value
        else:
            client.cookies.clear()
        status = client.get(ask.path).status_code
        if status != 200:
            seen[f"{status} {ask.kind} {ask.path}"] = status
    if seen:
        raise SystemExit("the mix does not answer 200: " + "; ".join(list(seen)[:10]))


def lua_script(asks: list[Ask]) -> str:
    """A wrk script that walks the mix in its (random) order, each connection from its own place."""

    def lua(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    rows = ",\n".join(f"{{{lua(a.path)}, {lua(a.cookie)}}}" for a in asks)
    script = f"""
local asks = {{
{rows}
}}
local n = #asks
local i = 0
function setup(thread) thread:set("offset", math.random(n)) end
function init(args) i = offset or 0 end
function request()
  i = (i % n) + 1
  local ask = asks[i]
  local headers = {{["X-Forwarded-Proto"] = "https"}}
  if ask[2] ~= "" then headers["Cookie"] = ask[2] end
  return wrk.format("GET", ask[1], headers)
end
"""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    return handle.name


def wrk(target: str, connections: int, seconds: int) -> dict[str, float]:
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-H", "X-Forwarded-Proto: https"]
    args += ["-s", target, SERVER] if target.endswith(".lua") else [SERVER + target]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),  # type: ignore[union-attr]
        "errors": int(bad.group(1)) if bad else 0,
        "p99_ms": _wrk_ms(re.search(r"99%\s+([\d.]+\w+)", out).group(1)),  # type: ignore[union-attr]
    }


def _wrk_ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()  # type: ignore[union-attr]
    return round(float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit], 1)


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]


async def people(asks: list[Ask], users: int, seconds: int) -> dict[str, object]:
    """`users` people, each asking the next request of the mix, reading it, pausing 1-3 s, asking again; each on
    their own kept-alive connection as a browser would. Latency is from the request to the last byte."""
    import aiohttp

    latencies: dict[str, list[float]] = {}
    errors: list[str] = []
    done = 0
    stop_at = time.monotonic() + seconds
    position = 0

    async def person(n: int) -> None:
        nonlocal done, position
        rng = random.Random(n)  # noqa: S311  (repeatable pauses, not a secret)
        await asyncio.sleep(rng.uniform(0, 3))  # people arrive spread out, not all in the first instant
        connector = aiohttp.TCPConnector(limit=1, force_close=False)
        async with aiohttp.ClientSession(SERVER, connector=connector, cookie_jar=aiohttp.DummyCookieJar()) as s:
            while time.monotonic() < stop_at:
                ask = asks[position % len(asks)]
                position += 1
                headers = {"X-Forwarded-Proto": "https", **({"Cookie": ask.cookie} if ask.cookie else {})}
                started = time.perf_counter()
                try:
                    async with s.get(
                        ask.path, headers=headers, allow_redirects=False, timeout=aiohttp.ClientTimeout(total=30)
                    ) as response:
                        await response.read()
                        # A signed-in page that redirects has lost its session: as wrong as an error.
                        if response.status >= 400 or (ask.cookie and response.status >= 300):
                            errors.append(f"{response.status} {ask.path}")
                except (aiohttp.ClientError, TimeoutError) as exc:
                    errors.append(f"{type(exc).__name__} {ask.path}")
                latencies.setdefault(ask.kind, []).append((time.perf_counter() - started) * 1000)
                done += 1
                await asyncio.sleep(rng.uniform(1, 3))

    started = time.monotonic()
    await asyncio.gather(*(person(n) for n in range(users)))
    every = [x for values in latencies.values() for x in values]
    return {
        "users": users,
        "seconds": round(time.monotonic() - started, 1),
        "requests": done,
        "rps": round(done / (time.monotonic() - started), 1),
        "errors": len(errors),
        "first_errors": errors[:5],
        "p50_ms": round(percentile(every, 50), 1),
        "p95_ms": round(percentile(every, 95), 1),
        "p99_ms": round(percentile(every, 99), 1),
        "by_kind_p95_ms": {k: round(percentile(v, 95), 1) for k, v in sorted(latencies.items())},
    }


def cpu_seconds(pattern: str) -> float:
    """User and system CPU seconds of every process whose command line matches `pattern` (and have exited
    children's), from /proc."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for pid in subprocess.run(["pgrep", "-f", pattern], capture_output=True, text=True, check=False).stdout.split():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += sum(int(f) for f in fields[11:15]) / tick  # utime, stime, cutime, cstime
    return total


def serve(kind: str) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "nisi.config.wsgi", "-b", "127.0.0.1:8800", "--log-level", "warning", *GUNICORN[kind]],
        env={**ENV, **SERVER_ENV},
        start_new_session=True,
    )
    import httpx

    for _ in range(100):
        try:
            if httpx.get(SERVER + "/health", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def measure(kind: str, asks: list[Ask], *, users: int, seconds: int, saturation_seconds: int) -> dict[str, object]:
    subprocess.run(["redis-cli", "-n", CACHE_DB, "FLUSHDB"], check=True, capture_output=True)
    server = serve(kind)
    try:
        results: dict[str, object] = {
            "server": kind,
            "gunicorn": " ".join(GUNICORN[kind]),
            "load_average_before": load_average(),
        }
        script = lua_script(asks)
        wrk(script, THREADS[kind], 5)  # warm: imports, connections, templates, the first kept answers
        for connections in (THREADS[kind], 2 * THREADS[kind]):
            trivial = wrk("/health", connections, saturation_seconds)
            cpu = {name: cpu_seconds(p) for name, p in (("server", "gunicorn nisi.config"), ("postgres", "postgres:"))}
            mix = wrk(script, connections, saturation_seconds)
            used = {
                name: cpu_seconds(p) - cpu[name]
                for name, p in (("server", "gunicorn nisi.config"), ("postgres", "postgres:"))
            }
            per = {name: round(value * 1000 / mix["requests"], 2) for name, value in used.items()}
            results[f"saturation_{connections}_connections"] = {
                "trivial_rps": trivial["rps"],
                "mix_rps": mix["rps"],
                "mix_errors": mix["errors"],
                "mix_p99_ms": mix["p99_ms"],
                "ratio_to_trivial": round(mix["rps"] / trivial["rps"], 3),
                "cpu_ms_per_request": per,
                "physical_limit_rps": round(2000 / (per["server"] + per["postgres"]), 1),
            }
        results["people"] = uvloop.run(people(asks, users, seconds))
        results["load_average_after"] = load_average()
        return results
    finally:
        os.killpg(server.pid, 15)
        time.sleep(2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--producers", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--saturation-seconds", type=int, default=20)
    parser.add_argument("--server", choices=[*GUNICORN, "all"], default="all")
    args = parser.parse_args()
    setup(args.producers)
    # The sessions the mix signs in with are made here: under the server's key, or the server reads them as
    # corrupted and every signed-in page becomes a redirect to the sign-in page.
    os.environ["NISI_SECRET_KEY"] = SERVER_ENV["NISI_SECRET_KEY"]
    django_setup()
    asks = the_mix(20_000)
    check_the_mix(asks)
    results: dict[str, object] = {
        "producers": args.producers,
        "mix": {kind: sum(1 for a in asks if a.kind == kind) / len(asks) for kind in sorted({a.kind for a in asks})},
    }
    for kind in ["sync4", "production", "gthread"] if args.server == "all" else [args.server]:
        results[kind] = measure(
            kind, asks, users=args.users, seconds=args.seconds, saturation_seconds=args.saturation_seconds
        )
    print(json.dumps(results, indent=2, ensure_ascii=False))
    summary = {k: v for k, v in results.items() if isinstance(v, dict) and "people" in v}
    for kind, figures in summary.items():
        people_figures = figures["people"]  # type: ignore[index]
        print(
            f"{kind}: people p95 {people_figures['p95_ms']} ms, p99 {people_figures['p99_ms']} ms",
            f"({people_figures['rps']} requests/s, {people_figures['errors']} errors)",
        )


if __name__ == "__main__":
    main()
