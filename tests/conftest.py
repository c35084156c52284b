from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
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
def _fresh_cache() -> None:
    """Each test starts with an empty cache: its database rolls back, kept answers would not."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _isolated_files(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


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
    ) -> Any:
        user = get_user_model().objects.create_user(f"user{next(counter)}", password=password)
        if role:
            RoleAssignment.objects.create(user=user, role=role, organization=organization, region_id=region)
        return user

    return make


@pytest.fixture
def actor_of() -> Any:
    return actor_for


NOWHERE = "redis://127.0.0.1:1/0"  # a Redis port where nothing listens


def _celery_reconnect(app: Any) -> None:
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
        _celery_reconnect(current_app)

    conf.update(broker_url=NOWHERE, result_backend=NOWHERE, task_always_eager=False)
    _celery_reconnect(current_app)
    try:
        yield back
    finally:
        back()
        outbox.breaker.open_until = 0.0
