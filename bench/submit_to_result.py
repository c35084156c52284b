"""Benchmark: from an applicant's "Submit" to the verification's result on the application page, as a browser
sees it (issue 11, item 5), with the gateway answering in 20 ms.

    python -m bench.submit_to_result --applications 40

Two set-ups against one gunicorn as the README runs it (4 sync workers): **workers** (a Redis broker and one Celery
worker of 2 processes; the submission answers before the verification ends and the page polls its fragment every
second, as htmx does) and the **embedded default** (no broker: the verification runs in the submission's request).
Each applicant's client signs in with a session of its own, loads the page, posts the form, follows the redirect and,
while the page says it is following the verification, asks the fragment every second until it brings the result.
The time counted is from sending the form to the moment the result is on the page; the naive baseline beside it
is the same client reloading the whole page every second instead (what an applicant did before), and the limit
is the verification's own work: six state databases asked at once at 20 ms each.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import io
import json
import os
import re
import statistics
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DB = os.environ.get("NISI_BENCH_SUBMIT_DB", "nisi_bench_submit")
PORT = int(os.environ.get("NISI_BENCH_SUBMIT_PORT", "8810"))
GATEWAY_PORT = int(os.environ.get("NISI_BENCH_SUBMIT_GATEWAY_PORT", "8775"))
BROKER = os.environ.get("NISI_BENCH_SUBMIT_BROKER", "redis://127.0.0.1:6379/13")
SERVER = f"http://127.0.0.1:{PORT}"
ENV = {
    **os.environ,
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
    "NISI_GATEWAY_URL": f"http://127.0.0.1:{GATEWAY_PORT}",
    "NISI_LOG_LEVEL": "ERROR",
    "NISI_DEBUG": "0",
    "NISI_DB_CONN_MAX_AGE": "600",
}
ENV.pop("CELERY_BROKER_URL", None)
MP4 = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 200
# The page's polling address; after a submission it carries `&amp;submitted=1` (the banner follows the state too).
FOLLOWING = re.compile(r'hx-get="([^"]+/progress/\?shown=[a-z_]+(?:&amp;submitted=1)?)"')
RESULT = "Each criterion, the data found"  # the verification's table: on the page once it has ended


def healthy(identifier: str) -> dict[str, dict[str, Any]]:
    """A manufacturer of 720810 that passes every criterion (as the registry's tests make one)."""
    return {
        "gbd_ul": {"status": "active", "oked": "24100", "resident": True},
        "kgd": {"tax_arrears_kzt": "0.00", "bankruptcy_proceedings": False},
        "gcvp": {"employees_by_month": [{"month": "2026-02", "employees": 40}]},
        "esf": {"sales": [{"code": "720810", "amount_kzt": "1000000.00"}], "purchases_kzt": "500000.00"},
        "energy": {"consumption_kwh_by_month": [{"month": "2026-02", "kwh": 90000}]},
        "gbd_rn": {"rights": [{"kato": "351010000", "right": "ownership"}]},
    }


def setup(applications: int) -> list[tuple[str, str, str]]:
    """The database and `applications` complete drafts, each with a signed-in session: (number, BIN, session key)."""
    import psycopg

    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB}")
        conn.execute(f"CREATE DATABASE {DB}")
    for args in (("migrate", "-v0"), ("classifiers", "load-hs")):
        subprocess.run([str(BIN / "nisi"), *args], env=ENV, check=True, capture_output=True)
    os.environ.update(ENV)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nisi.config.settings")
    import django

    django.setup()
    import datetime as dt

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    from nisi.core import identifiers
    from nisi.core.authz import SYSTEM, Actor, Grant
    from nisi.core.models import RoleAssignment
    from nisi.core.roles import Role
    from nisi.core.services.organizations import organization_register, regions_load
    from nisi.registry.services import applications as services
    from nisi.registry.services.catalogue import conditions_approve

    regions_load()
    officer = Actor(user_id=None, label="officer", grants=(Grant(Role.AUTHORIZED_BODY),))
    conditions_approve(
        actor=officer,
        product_code="7208",
        title="Flat-rolled products of iron or non-alloy steel, hot-rolled",
        conditions=[{"kind": "raw_material", "text": "Slabs smelted in Kazakhstan"}],
        operations=[
            {"code": "heating", "name": "Heating of slabs", "mandatory": True},
            {"code": "rolling", "name": "Hot rolling", "mandatory": True},
            {"code": "coiling", "name": "Coiling"},
        ],
        minimum_operations=3,
        valid_from=dt.date(2025, 8, 1),
        agreements=[
            {"body": "Ministry", "agreed_by": "A. S.", "agreed_on": dt.date(2025, 7, 15), "reference": "04-2-11/1"}
        ],
    )
    backend = settings.AUTHENTICATION_BACKENDS[-1]
    made = []
    counter = 10_000
    while len(made) < applications:
        counter += 1
        try:
            identifier = identifiers.complete(f"300140{counter:05d}")
        except identifiers.InvalidIdentifier:
            continue
        org = organization_register(
            actor=SYSTEM, identifier=identifier, name=f"ТОО «Заявитель {counter}»", kato="351010000", email="a@b.kz"
        )
        user = get_user_model().objects.create_user(f"applicant{counter}", password="pass-word-123")  # noqa: S106
        RoleAssignment.objects.create(user=user, role=Role.APPLICANT, organization=org)
        actor = Actor(user_id=user.pk, label="applicant", grants=(Grant(Role.APPLICANT, organization_id=org.pk),))
        application = services.application_start(actor=actor, organization=org)
        services.application_update(
            actor=actor,
            application=application,
            site_kato="351010000",
            site_address="Караганда, ул. Заводская, 1",
            declared_conditions="Own melt shop.",
        )
        services.product_add(
            actor=actor,
            application=application,
            hs_code="720810",
            tnved_code="7208100000",
            name_ru="Прокат плоский",
            annual_capacity=Decimal("120000"),
            unit="t",
            declared_operations=["heating", "rolling", "coiling"],
            ex_works_cost=Decimal("250000.00"),
            foreign_materials_cost=Decimal("37500.00"),
        )
        services.evidence_upload(
            actor=actor, application=application, kind="video", upload=io.BytesIO(MP4), name="process.mp4"
        )
        services.application_consent(
            actor=actor, application=application, personal_data=True, site_access=True, video_surveillance=True
        )
        session = SessionStore()
        session[SESSION_KEY], session[BACKEND_SESSION_KEY] = str(user.pk), backend
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        made.append((application.number, identifier, session.session_key or ""))
    return made


def start(args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, cwd=ROOT
    )


def wait_for(url: str) -> None:
    for _ in range(150):
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not start")


def stop(proc: subprocess.Popen[bytes]) -> None:
    os.killpg(proc.pid, 15)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)


def one(number: str, session: str, *, follow: str) -> dict[str, float]:
    """One applicant: load the page, submit, and wait as the page does (`follow`: "fragment" as htmx polls it, or
    "reload", the whole page every second). Seconds from sending the form to the result on the page."""
    with httpx.Client(base_url=SERVER, cookies={"sessionid": session}, timeout=30) as client:
        page = client.get(f"/en/register/applications/{number}/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        if page.status_code != 200 or token is None:
            raise SystemExit(f"{number}: the application page did not offer the submission ({page.status_code})")
        started = time.perf_counter()
        answer = client.post(
            f"/en/register/applications/{number}/submit/",
            data={"csrfmiddlewaretoken": token[1]},
            headers={"Referer": SERVER + "/"},
        )
        answered = time.perf_counter() - started
        if answer.status_code != 302:
            raise SystemExit(f"{number}: the submission answered {answer.status_code}")
        page = client.get(answer.headers["location"])
        polls = 0
        while RESULT not in page.text:
            following = FOLLOWING.search(page.text)
            if following is None:
                raise SystemExit(f"{number}: neither the result nor a verification in progress on the page")
            time.sleep(1.0)  # hx-trigger="every 1s"
            polls += 1
            if follow == "fragment":
                fragment = client.get(following[1].replace("&amp;", "&"))
                if fragment.status_code == 200:
                    page = fragment
            else:
                page = client.get(answer.headers["location"])
            if polls > 120:
                raise SystemExit(f"{number}: no result after two minutes")
        return {"seconds": time.perf_counter() - started, "submit_answered_s": answered, "polls": polls}


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def run(
    label: str, sessions: list[tuple[str, str]], env: dict[str, str], *, workers: bool, follow: str, concurrency: int
) -> dict[str, Any]:
    gunicorn = start([str(BIN / "gunicorn"), "nisi.config.wsgi", "-w", "4", "-b", f"127.0.0.1:{PORT}"], env)
    worker = None
    if workers:
        subprocess.run(["redis-cli", "-u", BROKER, "FLUSHDB"], check=True, capture_output=True)
        worker = start(
            [
                str(BIN / "celery"),
                "-A",
                "nisi.config",
                "worker",
                "-c",
                "2",
                "-Q",
                "nisi",
                "--loglevel=WARNING",
                "--without-gossip",
                "--without-mingle",
                "-n",
                f"bench-submit-{os.getpid()}@%h",
            ],
            env,
        )
        time.sleep(4)
    try:
        wait_for(SERVER + "/health")
        before = load_average()
        with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
            results = list(pool.map(lambda s: one(*s, follow=follow), sessions))
        seconds = sorted(r["seconds"] for r in results)
        return {
            "set_up": label,
            "follow": follow,
            "applications": len(results),
            "concurrency": concurrency,
            "p50_s": round(statistics.median(seconds), 3),
            "p95_s": round(statistics.quantiles(seconds, n=20)[18], 3),
            "max_s": round(seconds[-1], 3),
            "submit_answered_p50_s": round(statistics.median(r["submit_answered_s"] for r in results), 3),
            "polls_mean": round(statistics.mean(r["polls"] for r in results), 2),
            "load_average_before": before,
            "load_average_after": load_average(),
        }
    finally:
        stop(gunicorn)
        if worker is not None:
            stop(worker)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--applications", type=int, default=40, help="per set-up")
    parser.add_argument("--concurrency", type=int, default=4, help="applicants submitting at the same time")
    args = parser.parse_args()
    plans = [("workers", True, "fragment"), ("workers", True, "reload"), ("embedded default", False, "fragment")]
    made = setup(args.applications * len(plans))
    sessions = [(number, key) for number, _, key in made]
    simulator = start([str(BIN / "nisi"), "gateway-simulator", "--port", str(GATEWAY_PORT), "--latency-ms", "20"], ENV)
    try:
        wait_for(f"http://127.0.0.1:{GATEWAY_PORT}/health")
        with httpx.Client(base_url=f"http://127.0.0.1:{GATEWAY_PORT}") as gateway:
            for _, identifier, _ in made:
                for source, data in healthy(identifier).items():
                    gateway.put(f"/_control/entities/{source}/{identifier}", json=data).raise_for_status()
        results = []
        for i, (label, workers, follow) in enumerate(plans):
            env = {**ENV, "CELERY_BROKER_URL": BROKER} if workers else ENV
            batch = sessions[i * args.applications : (i + 1) * args.applications]
            results.append(run(label, batch, env, workers=workers, follow=follow, concurrency=args.concurrency))
            print(json.dumps(results[-1]), flush=True)
    finally:
        stop(simulator)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
