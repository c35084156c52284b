from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from nisi.core import identifiers
from nisi.core.authz import Actor, actor_for
from nisi.core.models import Organization, RoleAssignment
from nisi.core.services.organizations import organization_register, regions_load
from nisi.law import clock

SYSTEM_ACTOR = Actor(user_id=None, label="test")


@pytest.fixture(autouse=True)
def _english_outside_requests() -> Iterator[None]:
    """Code called directly (services, rules, commands) speaks English in tests, which read its words; a request
    still gets the language its address or Accept-Language asks for (LocaleMiddleware), and tests of kk and ru
    say so."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Each test starts with an empty cache: its database rolls back, kept answers would not."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _isolated_files(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    settings.NISI_JOURNAL_CHECKPOINT_DIR = tmp_path_factory.mktemp("journal-checkpoints")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # A production hash of a password costs a slow machine half a second, and most tests make several users: the
    # suite hashes quickly (what is tested is who may sign in and do what, not the hash's strength).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    """Transactional tests (browser, worker) empty the database after each test with TRUNCATE (Django's flush),
    which the journal's statement-level guards refuse on PostgreSQL: the test database lets it through, and the
    guards' own test turns them back on inside its transaction."""
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ALTER TABLE core_journalentry DISABLE TRIGGER nisi_journal_no_truncate")
                cursor.execute("ALTER TABLE core_journalcheckpoint DISABLE TRIGGER nisi_checkpoint_no_truncate")
        # The HS classifier (about 7,000 codes) once a test database, not once a test: loading it took two seconds,
        # and most of the register's and the contracts' tests need it. A transactional test empties the database;
        # `hs_codes_loaded` puts the codes back for the next test that asks for them.
        hs_codes_loaded()


def hs_codes_loaded() -> None:
    """The HS classifier is in the test database (loaded if a transactional test's flush emptied it)."""
    from django.core.management import call_command

    from nisi.core.models import ClassifierCode

    if not ClassifierCode.objects.filter(system=ClassifierCode.System.HS).exists():
        call_command("classifiers", "load-hs", verbosity=0)


@pytest.fixture
def english() -> Iterator[None]:
    """Messages in English, for tests that read rendered text."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def frozen_today() -> Iterator[dt.date]:
    day = dt.date(2025, 3, 14)
    with clock.frozen(day):
        yield day


@pytest.fixture
def make_org(db: None) -> Any:
    # Transactional tests (browser, worker) flush the database, data-migration rows included: reload them.
    regions_load()
    counter = iter(range(10_000, 99_999))

    def make(name: str = "ТОО «Тест»", kato: str = "351010000", email: str = "org@test.kz") -> Organization:
        while True:
            try:
                identifier = identifiers.complete(f"200140{next(counter):05d}")
                break
            except identifiers.InvalidIdentifier:
                continue
        return organization_register(actor=SYSTEM_ACTOR, identifier=identifier, name=name, kato=kato, email=email)

    return make


@pytest.fixture
def make_user(db: None) -> Any:
    counter = iter(range(1, 10_000))

    def make(
        role: str | None = None,
        organization: Organization | None = None,
        region: str | None = None,
        password: str = "pass-word-123",
        body: str = "",
    ) -> Any:
        user = get_user_model().objects.create_user(f"user{next(counter)}", password=password)
        if role:
            RoleAssignment.objects.create(user=user, role=role, organization=organization, region_id=region, body=body)
        return user

    return make


@pytest.fixture
def actor_of() -> Any:
    return actor_for


NOWHERE = "redis://127.0.0.1:1/0"  # a Redis port where nothing listens


def real_redis_url() -> str:
    """The Redis of the worker tests (NISI_TEST_REDIS_URL, PostgreSQL pass): the URL if it answers, else the test
    is skipped, or fails in CI, which requires it."""
    url = os.environ.get("NISI_TEST_REDIS_URL", "")
    if url:
        import redis

        try:
            if redis.Redis.from_url(url, socket_connect_timeout=2).ping():
                return url
        except redis.RedisError:
            pass
    if os.environ.get("CI") == "true":
        pytest.fail(f"Redis does not answer at {url!r}; CI requires the worker tests")
    pytest.skip("Redis is not available (set NISI_TEST_REDIS_URL)")


def celery_reconnect(app: Any) -> None:
    """Forgets the app's broker connections and result store, so that its configuration is read again."""
    app._pool = None
    app.amqp._producer_pool = None
    app._backend_cache = None
    if hasattr(app._local, "backend"):
        del app._local.backend


@pytest.fixture
def broker_down() -> Iterator[Any]:
    """Celery as production runs it (not eager; results stored on the broker) with a broker that does not answer.
    Yields a function that brings the broker "back": tasks run eagerly again, as in the embedded default."""
    from celery import current_app

    from nisi.core import outbox

    conf = current_app.conf
    saved = {key: conf[key] for key in ("broker_url", "result_backend", "task_always_eager")}

    def back() -> None:
        conf.update(saved)
        celery_reconnect(current_app)

    conf.update(broker_url=NOWHERE, result_backend=NOWHERE, task_always_eager=False)
    celery_reconnect(current_app)
    try:
        yield back
    finally:
        back()
        outbox.breaker.open_until = 0.0


@dataclass
class Worker:
    process: subprocess.Popen[str]
    queue: str
    output: str = ""


@contextmanager
def celery_worker(tmp_path: Path, redis_url: str, *, beat: bool = False, **env: str) -> Iterator[Worker]:
    """A real Celery worker (solo pool) on this test's PostgreSQL database and its own queue on `redis_url`, with
    its beat if asked; terminated on exit, its log then in `output`."""
    from django.db import connection

    db = connection.settings_dict
    queue = f"nisi-test-{uuid.uuid4().hex[:8]}"
    command = [str(Path(sys.executable).parent / "celery"), "-A", "nisi.config", "worker", "--pool=solo"]
    command += ["-Q", queue, "--loglevel=INFO"]
    if beat:
        command += ["-B", "--schedule", str(tmp_path / "beat-schedule")]
    process = subprocess.Popen(
        command,
        env={
            **os.environ,
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "CELERY_BROKER_URL": redis_url,
            "CELERY_TASK_DEFAULT_QUEUE": queue,
            "NISI_MEDIA_ROOT": str(tmp_path),
            **env,
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    worker = Worker(process, queue)
    try:
        yield worker
    finally:
        process.terminate()
        worker.output, _ = process.communicate(timeout=30)
