"""The public lookups' answers are kept until the register changes, and every change to the register shows in the
next lookup: inclusion, removal, reinstatement, a good entered from a feed, a producer renamed."""

import datetime as dt
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext

from nisi.core.authz import SYSTEM, Actor, Grant
from nisi.core.roles import Role
from nisi.law import clock
from nisi.registry import public_answers
from nisi.registry.models import RegisterRecord, Removal
from nisi.registry.services import feeds, register
from tests.registry.conftest import COPPER_ORE_LICENCE, OFFICER

D = dt.date
PRODUCER = "/api/v1/register/producers/{}"
GOODS = "/api/v1/register/goods"


def lookup(client: Client, path: str, params: dict[str, str] | None = None) -> tuple[int, Any]:
    response = client.get(path, params or {})
    return response.status_code, response.json()


def test_a_repeated_lookup_is_answered_without_the_database(client: Client, included: RegisterRecord) -> None:
    path = PRODUCER.format(included.organization.identifier)
    first = client.get(path)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(path)
    assert again.status_code == first.status_code == 200
    assert again.content == first.content
    assert again["Cache-Control"] == "public, max-age=60"
    assert not queries.captured_queries
    # A different question (another date) is its own answer.
    on_a_date = client.get(path, {"on": "2026-03-01"}).json()
    assert on_a_date["on"] == "2026-03-01"
    assert not on_a_date["in_register"]  # included on 2 March


def test_removal_and_reinstatement_show_in_the_next_lookup(client: Client, included: RegisterRecord) -> None:
    path = PRODUCER.format(included.organization.identifier)
    assert lookup(client, path)[1]["status"] == "included"
    assert [hit["good"]["hs_code"] for hit in lookup(client, GOODS, {"code": "720810"})[1]] == ["720810"]
    with clock.frozen(D(2026, 3, 13)):
        removal = register.record_remove(
            actor=SYSTEM, record=included, ground=Removal.Ground.MONITORING, reasons=[{"criterion": "staff"}]
        )
    status, now = lookup(client, path)
    assert (status, now["status"], now["in_register"], now["goods"]) == (200, "removed", False, [])
    assert lookup(client, GOODS, {"code": "720810"})[1] == []
    with clock.frozen(D(2026, 4, 1)):
        register.record_reinstate(actor=SYSTEM, removal=removal)
    now = lookup(client, path)[1]
    assert (now["status"], now["in_register"]) == ("included", True)
    assert [g["hs_code"] for g in now["goods"]] == ["720810"]
    assert len(lookup(client, GOODS, {"code": "720810"})[1]) == 1


def test_a_producer_entered_from_a_feed_shows_where_there_was_none(
    client: Client, hs_codes: None, make_org: Any
) -> None:
    path = PRODUCER.format("100140000003")
    assert lookup(client, path)[0] == 404  # "never in the register" is kept too …
    assert lookup(client, GOODS, {"code": "260300"})[1] == []
    subsoil = Actor(user_id=9300, label="subsoil", grants=(Grant(Role.COMPETENT_BODY, body="solid_minerals"),))
    entry = feeds.wholly_produced_receive(actor=subsoil, **COPPER_ORE_LICENCE)
    assert lookup(client, path)[0] == 404  # received, not yet entered: still not in the register
    with clock.frozen(D(2026, 5, 4)):
        feeds.wholly_produced_enter(actor=OFFICER, entry=entry)
    status, found = lookup(client, path)  # … until the register changes
    assert (status, found["basis"], [g["hs_code"] for g in found["goods"]]) == (200, "wholly_produced", ["260300"])
    assert [hit["identifier"] for hit in lookup(client, GOODS, {"code": "260300"})[1]] == ["100140000003"]


def test_a_renamed_producer_is_named_anew(client: Client, included: RegisterRecord) -> None:
    path = PRODUCER.format(included.organization.identifier)
    before = lookup(client, path)[1]["name"]
    organization = included.organization
    organization.name = "ТОО «Новое имя»"
    organization.save(update_fields=["name"])
    assert before != "ТОО «Новое имя»" == lookup(client, path)[1]["name"]


def test_the_version_moves_at_once_and_again_when_the_write_commits(db: None) -> None:
    """At once: the writer's own transaction never reads an answer older than its write. At commit: an answer
    that a reader built from the rows as they were before the commit is retired."""
    public_answers.answer(("probe",), lambda: "x")
    seen = [cache.get(public_answers.VERSION_KEY)]
    with TestCase.captureOnCommitCallbacks(execute=True):
        public_answers.register_changed()
        seen.append(cache.get(public_answers.VERSION_KEY))
        # A reader that started before the commit keeps its answer under the version it saw …
        public_answers.answer(("stale",), lambda: "built from the rows before the commit")
    seen.append(cache.get(public_answers.VERSION_KEY))
    assert len(set(seen)) == 3
    # … which the commit retired: the next asker builds the answer anew.
    assert public_answers.answer(("stale",), lambda: "built after the commit") == "built after the commit"


def test_a_cache_that_lost_the_version_never_serves_an_answer_kept_before(db: None) -> None:
    assert public_answers.answer(("q",), lambda: "old") == "old"
    cache.delete(public_answers.VERSION_KEY)  # evicted, or the cache restarted without its keys
    assert public_answers.answer(("q",), lambda: "new") == "new"
    public_answers.register_changed()  # and a change with no version in the cache starts one
    assert cache.get(public_answers.VERSION_KEY) is not None


def test_with_a_shared_redis_cache_a_removal_shows_in_the_next_lookup(
    redis_cache: None, client: Client, included: RegisterRecord
) -> None:
    path = PRODUCER.format(included.organization.identifier)
    assert lookup(client, path)[1]["in_register"]
    with CaptureQueriesContext(connection) as queries:
        assert lookup(client, path)[1]["in_register"]
    assert not queries.captured_queries
    with clock.frozen(D(2026, 3, 13)):
        register.record_remove(actor=SYSTEM, record=included, ground=Removal.Ground.OWN_REQUEST)
    assert not lookup(client, path)[1]["in_register"]


@pytest.mark.parametrize("backend", ["django.core.cache.backends.redis.RedisCache", "nisi.core.cache.RedisCache"])
def test_with_redis_an_answer_is_kept_as_the_bytes_served_and_a_dropped_connection_is_made_anew(
    redis_cache: None, settings: Any, backend: str, client: Client, included: RegisterRecord, monkeypatch: Any
) -> None:
    from django.core.cache import caches

    from nisi.core.cache import raw_commands, redis_pool

    settings.CACHES = {"default": {**settings.CACHES["default"], "BACKEND": backend}}
    path = PRODUCER.format(included.organization.identifier)
    first = client.get(path)
    never = client.get(PRODUCER.format("100140000003"))
    parts = public_answers.producer_parts(included.organization.identifier, None)
    pool = redis_pool(caches["default"])
    (value,) = raw_commands(pool, [("GET", caches["default"].make_key(public_answers._key(parts)))])
    assert value.endswith(b"\n" + public_answers.ANSWER + first.content)  # the versions' tag, then the bytes served
    with CaptureQueriesContext(connection) as queries:
        again, never_again = client.get(path), client.get(PRODUCER.format("100140000003"))
    assert not queries.captured_queries
    assert (again.content, never_again.status_code, never_again.content) == (first.content, 404, never.content)
    # Redis drops the connection (a restart, a timeout): the lookup after it is answered from the database, and
    # the next one after the retry delay on a new connection.
    (connection_id,) = raw_commands(pool, [("CLIENT", "ID")])
    raw_commands(pool, [("CLIENT", "KILL", "ID", connection_id)])
    assert client.get(path).content == first.content
    monkeypatch.setattr(public_answers, "_cache_down_until", 0.0)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).content == first.content
    assert not queries.captured_queries


# The middleware in front of the stack (nisi.registry.middleware) serves only what the API kept, under the API's own
# key: for each request below, the key it computes is the API's, or it leaves the request to the API.
CANONICAL = [
    "/api/v1/register/producers/{bin}",
    "/api/v1/register/producers/{bin}?on=2026-03-01",
    "/api/v1/register/goods?code=720810",
    "/api/v1/register/goods?code=720810&limit=20",
    "/api/v1/register/goods?code=7208&limit=20&offset=20",
    "/api/v1/register/goods?code=72&region=35&on=2026-03-05",
    "/api/v1/register/goods?q=%D0%9F%D1%80%D0%BE%D0%BA%D0%B0%D1%82",
    "/api/v1/register/goods?code=720810&limit=900",  # the API serves 500 at most: the same page as limit=500
    "/api/v1/register/goods?code=720810&limit=0",  # … and at least 1
    "/api/v1/register/goods?code=720810&limit=020",
]
LEFT_TO_THE_API = [
    "/api/v1/register/producers/{bin}?on=2026-3-1",
    "/api/v1/register/producers/{bin}?on=2026-02-30",
    "/api/v1/register/producers/{bin}?on=",
    "/api/v1/register/producers/{bin}?on=2026-03-01&on=2026-03-02",
    "/api/v1/register/producers/{bin}?format=xml",
    "/api/v1/register/producers/%20{bin}",
    "/api/v1/register/goods?code=720810&limit=-5",
    "/api/v1/register/goods?code=720810&offset=1e3",
    "/api/v1/register/goods?code=720810&code=730630",
    "/api/v1/register/goods?code=720810&page=2",
]


@pytest.mark.parametrize("url", CANONICAL)
def test_the_middleware_keys_a_canonical_request_as_the_api_does(
    url: str, client: Client, included: RegisterRecord, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.http import QueryDict

    from nisi.registry.middleware import question

    url = url.format(bin=included.organization.identifier)
    asked: list[tuple[Any, ...]] = []
    real = public_answers.served
    monkeypatch.setattr(public_answers, "served", lambda parts, build: asked.append(parts) or real(parts, build))
    assert client.get(url).status_code == 200
    path, _, query = url.partition("?")
    # The middleware's look (and, where it does not build, the API's answer) under one and the same key.
    assert asked
    assert set(asked) == {question(path, QueryDict(query))}


@pytest.mark.parametrize("url", [*CANONICAL, *LEFT_TO_THE_API, "/api/v1/register/goods?q=%D0%B1&limit=20"])
def test_a_plain_query_string_is_read_as_django_reads_it(url: str, rf: Any) -> None:
    from nisi.registry.middleware import PlainQuery, query_of

    request = rf.get(url.format(bin="100140000003"))
    query = query_of(request)
    assert {name: query.getlist(name) for name in query} == dict(request.GET.lists())
    if "%" in url.partition("?")[2]:  # anything to decode is left to Django
        assert not isinstance(query, PlainQuery)


@pytest.mark.parametrize("url", LEFT_TO_THE_API)
def test_the_middleware_leaves_other_spellings_to_the_api(url: str) -> None:
    from django.http import QueryDict

    from nisi.registry.middleware import question

    path, _, query = url.format(bin="100140000003").partition("?")
    assert question(path.replace("%20", " "), QueryDict(query)) is None


def test_a_kept_answer_is_served_in_front_of_the_stack_with_the_security_headers(
    client: Client, included: RegisterRecord, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nisi.registry import selectors
    from nisi.registry.api import public as api

    path = PRODUCER.format(included.organization.identifier)
    first = client.get(path)

    def no_build(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the answer was built again although it was kept")

    monkeypatch.setattr(selectors, "producer_json", no_build)
    monkeypatch.setattr(api, "_producer_text", no_build)
    again = client.get(path)
    assert (again.status_code, again.content) == (200, first.content)
    for header in ("Content-Type", "Cache-Control", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"):
        assert again[header] == first[header]
    assert int(again["Content-Length"]) == len(first.content)
    # Only GET: the API answers other methods itself (HEAD is not one of its operations).
    assert client.head(path).status_code == 405


@pytest.mark.parametrize("language", [None, "en", "ru", "kk-KZ,kk;q=0.9"])
def test_a_producer_never_in_the_register_is_answered_in_front_of_the_stack_as_the_api_answers_it(
    settings: Any, client: Client, db: None, language: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nisi.registry import selectors
    from nisi.registry.api import public as api

    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    path = PRODUCER.format("100140000003")
    middleware = list(settings.MIDDLEWARE)
    settings.MIDDLEWARE = [m for m in middleware if m != "nisi.registry.middleware.PublicAnswersMiddleware"]
    by_the_api = client.get(path, **headers)  # answered (and kept) by the API alone
    settings.MIDDLEWARE = middleware

    def no_build(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the answer was built again although it was kept")

    monkeypatch.setattr(selectors, "producer_json", no_build)
    monkeypatch.setattr(api, "_producer_text", no_build)
    in_front = client.get(path, **headers)
    assert (in_front.status_code, in_front.content) == (404, by_the_api.content)
    if language == "en":  # without Accept-Language the site speaks Russian
        assert in_front.json()["detail"] == "This producer has never been in the register."
    assert dict(in_front.headers) == dict(by_the_api.headers)
    # Not kept yet: on PostgreSQL the middleware finds it so itself, and says it the same way.
    monkeypatch.undo()
    cache.clear()
    first_asked = client.get(path, **headers)
    assert (first_asked.status_code, first_asked.content) == (404, by_the_api.content)
    assert dict(first_asked.headers) == dict(by_the_api.headers)


def test_a_producer_never_in_the_register_is_an_expected_answer_not_a_logged_fault(
    client: Client, db: None, caplog: pytest.LogCaptureFixture
) -> None:
    path = PRODUCER.format("100140000003")
    with caplog.at_level("WARNING", logger="django.request"):
        assert client.get(path).status_code == 404
        assert client.get(path).status_code == 404  # kept: answered in front of the stack
    from django.db import connection as db_connection

    if db_connection.vendor == "postgresql":  # both in front of the stack there: nothing logged
        assert not [r for r in caplog.records if r.name == "django.request"]


def test_without_a_cache_that_answers_the_lookups_and_the_register_go_on(
    settings: Any, client: Client, included: RegisterRecord, monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    """Redis down: lookups are answered from the database, a removal is still made; nothing fails for the cache."""
    settings.CACHES = {
        "default": {
            "BACKEND": "nisi.core.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    monkeypatch.setattr(public_answers, "_cache_down_until", 0.0)
    path = PRODUCER.format(included.organization.identifier)
    assert lookup(client, path)[1]["in_register"]
    assert "does not answer" in caplog.text
    with clock.frozen(D(2026, 3, 13)):
        register.record_remove(actor=SYSTEM, record=included, ground=Removal.Ground.OWN_REQUEST)
    assert "could not be told" in caplog.text
    status, now = lookup(client, path)
    assert (status, now["in_register"]) == (200, False)


# A change drops only the answers it touches (ADR 17): the producer's, its goods' codes' and the searches.


def ask_all(client: Client, records: list[RegisterRecord]) -> dict[str, tuple[Any, ...]]:
    """Asks (and so keeps) each producer's answer, three code lookups and a name search; their keys."""
    questions = {}
    for record in records:
        identifier = record.organization.identifier
        client.get(PRODUCER.format(identifier))
        questions[identifier] = public_answers.producer_parts(identifier, None)
    for code in ("720810", "7208", "730630"):
        client.get(GOODS, {"code": code})
        questions[code] = public_answers.goods_parts(code=code, q="", region="", on=None, limit=100, offset=0)
    client.get(GOODS, {"q": "Товар"})
    questions["search"] = public_answers.goods_parts(code="", q="Товар", region="", on=None, limit=100, offset=0)
    assert all(public_answers.kept(parts) is not None for parts in questions.values())
    return questions


def still_kept(questions: dict[str, tuple[Any, ...]]) -> set[str]:
    return {name for name, parts in questions.items() if public_answers.kept(parts) is not None}


def test_an_organization_not_in_the_register_changes_nothing(
    client: Client, lookup_register: list[RegisterRecord], make_org: Any
) -> None:
    questions = ask_all(client, lookup_register)
    stranger = make_org(name="ТОО «Не производитель»")
    stranger.name = "ТОО «Всё ещё не производитель»"
    stranger.save()
    stranger.save(update_fields=["name"])
    assert still_kept(questions) == set(questions)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(PRODUCER.format(lookup_register[0].organization.identifier)).status_code == 200
    assert not queries.captured_queries


def test_a_producer_renamed_drops_its_own_answers_and_its_codes_only(
    client: Client, lookup_register: list[RegisterRecord]
) -> None:
    first, second, third = lookup_register  # goods 720810 and 720851 (out); 720810; 730630 (removed)
    questions = ask_all(client, lookup_register)
    organization = second.organization
    organization.name = "ТОО «Новое имя»"
    organization.save(update_fields=["name"])
    assert still_kept(questions) == {first.organization.identifier, third.organization.identifier, "730630"}
    found = lookup(client, GOODS, {"code": "720810"})[1]
    assert "ТОО «Новое имя»" in {hit["producer"] for hit in found}
    # A save of what no answer shows keeps even the producer's own answers.
    questions = ask_all(client, lookup_register)
    organization.email = "new@example.kz"
    organization.save(update_fields=["email"])
    assert still_kept(questions) == set(questions)


def test_a_removal_drops_the_producer_and_its_codes_only(client: Client, lookup_register: list[RegisterRecord]) -> None:
    first, second, third = lookup_register
    questions = ask_all(client, lookup_register)
    with clock.frozen(D(2026, 5, 4)):
        register.record_remove(actor=SYSTEM, record=first, ground=Removal.Ground.OWN_REQUEST)
    # Its goods' codes (720810, 720851 under 7208) go, the other producers' own answers and 730630 stay.
    assert still_kept(questions) == {second.organization.identifier, third.organization.identifier, "730630"}
    assert lookup(client, PRODUCER.format(first.organization.identifier))[1]["status"] == "removed"
    assert [hit["identifier"] for hit in lookup(client, GOODS, {"code": "720810"})[1]] == [
        second.organization.identifier
    ]


def test_a_good_saved_drops_its_producer_and_its_codes_only(
    client: Client, lookup_register: list[RegisterRecord]
) -> None:
    first, second, third = lookup_register
    questions = ask_all(client, lookup_register)
    good = third.goods.get()  # 730630
    good.name_ru = "Трубы"
    good.save()
    assert still_kept(questions) == {first.organization.identifier, second.organization.identifier, "720810", "7208"}


def test_a_period_changed_drops_its_producer_only(client: Client, lookup_register: list[RegisterRecord]) -> None:
    first, *_ = lookup_register
    questions = ask_all(client, lookup_register)
    period = first.periods.get()
    period.included_from = D(2026, 1, 10)
    period.save()
    assert still_kept(questions) == set(questions) - {first.organization.identifier}
    assert lookup(client, PRODUCER.format(first.organization.identifier))[1]["periods"][0]["included_from"] == (
        "2026-01-10"
    )


def test_the_scopes_a_change_touches() -> None:
    assert public_answers.touched_scopes(identifiers=["100140000003"], codes=["720810"], goods=True) == {
        "producer:100140000003",
        "code:72",
        "code:720",
        "code:7208",
        "code:72081",
        "code:720810",
        "search",
    }
    assert public_answers.touched_scopes(identifiers=["100140000003"]) == {"producer:100140000003"}
    assert (
        public_answers.scope_of(
            public_answers.goods_parts(code="7208100000", q="", region="35", on=None, limit=20, offset=0)
        )
        == "code:720810"
    )
    assert (
        public_answers.scope_of(public_answers.goods_parts(code="", q="", region="35", on=None, limit=20, offset=0))
        == "search"
    )


# Answers about a day that has closed are kept until a change rewrites that day (since-aware).


def about(identifier: str, day: dt.date | None) -> tuple[Any, ...]:
    return public_answers.producer_parts(identifier, day)


def test_an_answer_about_a_closed_day_outlives_a_change_from_today(
    client: Client, lookup_register: list[RegisterRecord]
) -> None:
    first, *_ = lookup_register
    identifier = first.organization.identifier
    with clock.frozen(D(2026, 5, 4)):
        before = lookup(client, PRODUCER.format(identifier), {"on": "2026-02-01"})
        lookup(client, PRODUCER.format(identifier))
        register.record_remove(actor=SYSTEM, record=first, ground=Removal.Ground.OWN_REQUEST)  # from today
        assert public_answers.kept(about(identifier, None)) is None
        assert public_answers.kept(about(identifier, D(2026, 2, 1))) is not None
        # … and it is what the register says of that day, built anew.
        cache.clear()
        assert lookup(client, PRODUCER.format(identifier), {"on": "2026-02-01"}) == before
        assert lookup(client, PRODUCER.format(identifier), {"on": "2026-05-04"})[1]["status"] == "removed"


def test_a_removal_dated_back_retires_the_answers_about_the_days_since(
    client: Client, lookup_register: list[RegisterRecord]
) -> None:
    first, *_ = lookup_register
    identifier = first.organization.identifier
    with clock.frozen(D(2026, 5, 4)):
        assert lookup(client, PRODUCER.format(identifier), {"on": "2026-04-15"})[1]["in_register"]
        register.record_remove(actor=SYSTEM, record=first, ground=Removal.Ground.OWN_REQUEST, on=D(2026, 4, 1))
        assert public_answers.kept(about(identifier, D(2026, 4, 15))) is None
        status, then = lookup(client, PRODUCER.format(identifier), {"on": "2026-04-15"})
        assert (status, then["status"], then["in_register"]) == (200, "removed", False)


@pytest.mark.parametrize("change", ["rename", "good edited", "good deleted"])
def test_a_change_of_what_every_day_shows_retires_the_answers_about_closed_days(
    client: Client, lookup_register: list[RegisterRecord], change: str
) -> None:
    _, second, _ = lookup_register
    identifier = second.organization.identifier
    lookup(client, PRODUCER.format(identifier), {"on": "2026-03-01"})
    assert public_answers.kept(about(identifier, D(2026, 3, 1))) is not None
    if change == "rename":
        second.organization.name = "ТОО «Новое имя»"
        second.organization.save(update_fields=["name"])
    elif change == "good edited":  # outside a service (the admin): it may rewrite any day
        good = second.goods.get()
        good.name_ru = "Прокат плоский"
        good.save()
    else:
        second.goods.get().delete()
    assert public_answers.kept(about(identifier, D(2026, 3, 1))) is None
    then = lookup(client, PRODUCER.format(identifier), {"on": "2026-03-01"})[1]
    assert {
        "rename": then["name"] == "ТОО «Новое имя»",
        "good edited": [g["name_ru"] for g in then["goods"]] == ["Прокат плоский"],
        "good deleted": then["goods"] == [],
    }[change]


def test_a_bin_never_in_the_register_made_a_producer_retires_its_answers_about_past_days(
    client: Client, hs_codes: None, make_org: Any
) -> None:
    path = PRODUCER.format("100140000003")
    assert lookup(client, path, {"on": "2026-03-01"})[0] == 404
    subsoil = Actor(user_id=9300, label="subsoil", grants=(Grant(Role.COMPETENT_BODY, body="solid_minerals"),))
    entry = feeds.wholly_produced_receive(actor=subsoil, **COPPER_ORE_LICENCE)
    with clock.frozen(D(2026, 5, 4)):
        feeds.wholly_produced_enter(actor=OFFICER, entry=entry)
    status, then = lookup(client, path, {"on": "2026-03-01"})
    assert (status, then["status"]) == (200, "not_included")


def test_the_scope_of_an_answer_about_a_closed_day() -> None:
    with clock.frozen(D(2026, 5, 4)):
        assert public_answers.scope_of(about("100140000003", D(2026, 5, 3))) == "history:100140000003"
        assert public_answers.scope_of(about("100140000003", D(2026, 5, 4))) == "producer:100140000003"
        assert public_answers.scope_of(about("100140000003", None)) == "producer:100140000003"
    assert public_answers.touched_scopes(identifiers=["100140000003"], history=True) == {
        "producer:100140000003",
        "history:100140000003",
    }
