"""The officers' desk for quarterly monitoring (issue 10): who may read, start and resume runs; the runs list and a
run's page with its progress, non-compliances and notices; starting and resuming through the page and the API."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

from nisi.core import identifiers
from nisi.core.authz import SYSTEM, Actor, Grant, allowed_actions
from nisi.core.models import JournalEntry
from nisi.core.roles import Role
from nisi.core.services.organizations import organization_register
from nisi.law import clock
from nisi.registry import monitoring_selectors as reads
from nisi.registry.models import MonitoringCheck, MonitoringRun, RegisterGood, RegisterRecord
from nisi.registry.services import monitoring, monitoring_desk
from nisi.registry.services.register import _record_for
from nisi.verification.simulator import agency_data
from nisi.verification.simulator.app import Simulator
from tests.registry.conftest import make_healthy
from tests.registry.test_lifecycle_api import Api

pytestmark = pytest.mark.django_db
D = dt.date
APRIL = dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.UTC)
# Which source each seeded problem is answered by: the producer is healthy in every other source.
SOURCE_OF = {"tax_arrears": "kgd", "no_staff": "gcvp"}


def _identifier(problem: str | None, start: int) -> str:
    """A valid BIN to which the gateway simulator gives `problem` (None: no problem)."""
    for serial in range(start, start + 200_000):
        try:
            identifier = identifiers.complete(f"{serial:011d}")
        except identifiers.InvalidIdentifier:
            continue
        if agency_data.problem_of(identifier) == problem:
            return identifier
    raise AssertionError(f"no identifier with {problem}")


def _producer(simulator: Simulator, name: str, problem: str | None, start: int) -> RegisterRecord:
    identifier = _identifier(problem, start)
    org = organization_register(actor=SYSTEM, identifier=identifier, name=name, kato="351010000", email="o@test.kz")
    # Atomic: the browser's tests run in autocommit, where PostgreSQL's row locks need a transaction of their own.
    with clock.frozen(D(2026, 1, 15)), transaction.atomic():
        record, _ = _record_for(org, RegisterRecord.Basis.ASSESSED, "351010000", D(2026, 1, 15))
    RegisterGood.objects.create(
        record=record,
        hs_code="720810",
        name_ru="Прокат",
        annual_capacity=Decimal(10),
        unit="t",
        domestic_value_share=Decimal("80.00"),
        included_on=D(2026, 1, 15),
    )
    make_healthy(simulator, identifier, ["720810"])
    if problem:
        # The source that holds the seeded problem answers as the simulator seeds it.
        del simulator.overrides[(SOURCE_OF[problem], identifier)]
    return record


@pytest.fixture
def register(simulator: Simulator) -> dict[str, RegisterRecord]:
    return {
        "healthy": _producer(simulator, "ТОО «Сталь»", None, 20014000000),
        "arrears": _producer(simulator, "ТОО «Долг»", "tax_arrears", 20014100000),
        "no_staff": _producer(simulator, "ТОО «Пусто»", "no_staff", 20014200000),
        "healthy2": _producer(simulator, "ТОО «Кабель»", None, 20014300000),
    }


@pytest.fixture
def officer(make_user: Any) -> Any:
    return make_user(Role.AUTHORIZED_BODY)


@pytest.fixture
def april() -> Any:
    with clock.frozen(APRIL):
        yield


def _actor(role: str, org: int | None = None) -> Actor:
    return Actor(user_id=5, label="x", grants=(Grant(role, organization_id=org),))


def _run(status: str = MonitoringRun.Status.RUNNING) -> MonitoringRun:
    return MonitoringRun(pk=1, quarter="2026-Q2", status=status, started_at=APRIL)


# --- who may do what -------------------------------------------------------------------------------------------------

EXPECTED = {
    Role.AUTHORIZED_BODY: ({"start", "list"}, {"read", "resume"}, {"read"}),
    Role.DEVELOPMENT_INSTITUTE: ({"list"}, {"read"}, {"read"}),
    Role.AUDITOR: ({"list"}, {"read"}, {"read"}),
}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_may_start_resume_and_read_as_the_policy_says(role: Role) -> None:
    actor = _actor(role, org=1)
    blank, running, finished = EXPECTED.get(role, (set(), set(), set()))
    assert allowed_actions(actor, monitoring_desk.blank_run()) == blank
    assert allowed_actions(actor, _run()) == running
    assert allowed_actions(actor, _run(MonitoringRun.Status.FINISHED)) == finished


def test_the_runs_are_read_only_by_those_who_oversee_the_register(april: None) -> None:
    monitoring.monitoring_start(actor=SYSTEM, quarter="2026-Q2")
    assert [r.quarter for r in reads.runs_for(_actor(Role.AUDITOR))] == ["2026-Q2"]
    assert reads.run_for(_actor(Role.AUTHORIZED_BODY), "2026-Q2") is not None
    assert not reads.runs_for(_actor(Role.APPLICANT, org=1)).exists()
    assert not reads.runs_for(_actor(Role.AKIMAT)).exists()
    assert reads.run_for(_actor(Role.APPLICANT, org=1), "2026-Q2") is None


def test_anyone_else_is_sent_to_sign_in_or_refused(client: Any, make_user: Any, make_org: Any) -> None:
    page = client.get("/en/register/monitoring/")
    assert page.status_code == 302
    assert page["Location"].startswith("/en/sign-in/")
    client.force_login(make_user(Role.APPLICANT, organization=make_org()))
    assert client.get("/en/register/monitoring/").status_code == 403
    assert client.post("/en/register/monitoring/start/", {"quarter": "2026-Q2"}).status_code == 403


# --- the page --------------------------------------------------------------------------------------------------------


@pytest.mark.law("IP-51-4.1")
@pytest.mark.law("IP-51-4.2")
def test_an_officer_starts_a_run_on_the_page_and_reads_its_non_compliances(
    client: Any,
    officer: Any,
    register: dict[str, RegisterRecord],
    april: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client.force_login(officer)
    listing = client.get("/en/register/monitoring/").content.decode()
    assert "Start the monitoring of 2026-Q2" in listing
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post("/en/register/monitoring/start/", {"quarter": "2026-Q2"})
    assert answer.status_code == 302
    assert answer["Location"] == "/en/register/monitoring/2026-Q2/"
    run = MonitoringRun.objects.get(quarter="2026-Q2")
    assert run.status == "finished"
    assert run.total == 4
    assert run.started_by_label == officer.username
    assert JournalEntry.objects.filter(subject_type="monitoring_run", subject_id="2026-Q2", action="started").exists()

    page = client.get(answer["Location"]).content.decode()
    assert "4 of 4 producers checked (100 %)" in page
    assert '<progress class="nisi-progress' in page
    assert 'value="4"' in page
    assert "hx-trigger" not in page  # finished: nothing to follow
    arrears, no_staff = register["arrears"], register["no_staff"]
    for record in (arrears, no_staff):
        assert f'href="/en/register/records/{record.number}/"' in page
        assert f"BIN {record.organization.identifier}" in page
    assert register["healthy"].organization.name not in page  # the non-compliances are listed first
    assert "Tax arrears:" in page  # the failed criterion as a sentence (verification.wording)
    assert "Employees with pension contributions" in page
    due = arrears.notices.get().deadline.due_on
    assert f"Issued 01.04.2026, to eliminate by {due:%d.%m.%Y}" in page

    passed = client.get(answer["Location"] + "?outcome=passed").content.decode()
    assert register["healthy"].organization.name in passed
    assert arrears.organization.name not in passed

    listing = client.get("/en/register/monitoring/").content.decode()
    assert 'href="/en/register/monitoring/2026-Q2/"' in listing
    assert "The monitoring of 2026-Q2 has started." in listing  # no second start button
    assert "2 notices" in listing


def test_a_second_start_of_a_period_is_refused_in_words(
    client: Any, officer: Any, register: dict[str, RegisterRecord], april: None
) -> None:
    monitoring.monitoring_start(actor=SYSTEM, quarter="2026-Q2")
    client.force_login(officer)
    answer = client.post("/en/register/monitoring/start/", {"quarter": "2026-Q2"}, follow=True)
    assert "The monitoring of 2026-Q2 has already started" in answer.content.decode()
    assert MonitoringRun.objects.count() == 1


@pytest.mark.law("IP-51-4.1")
def test_no_run_starts_before_the_provision_applied(client: Any, officer: Any) -> None:
    client.force_login(officer)
    with clock.frozen(D(2025, 6, 2)):
        page = client.get("/en/register/monitoring/").content.decode()
        assert "Monitoring cannot start today" in page
        answer = client.post("/en/register/monitoring/start/", {"quarter": "2025-Q2"}, follow=True)
    assert MonitoringRun.objects.count() == 0
    assert "IP-51-4.1" in answer.content.decode()


def test_a_period_not_begun_or_badly_written_is_refused(officer: Any, april: None) -> None:
    from nisi.core.authz import actor_for

    with pytest.raises(monitoring_desk.MonitoringError, match="has not begun"):
        monitoring_desk.monitoring_run_start(actor=actor_for(officer), quarter="2026-Q3")
    with pytest.raises(monitoring_desk.MonitoringError, match="Write the period"):
        monitoring_desk.monitoring_run_start(actor=actor_for(officer), quarter="2026-Q9")


def test_the_progress_fragment_polls_while_the_run_runs_and_stops_when_it_finishes(
    client: Any, officer: Any, register: dict[str, RegisterRecord], april: None
) -> None:
    run = monitoring.monitoring_start(actor=SYSTEM, quarter="2026-Q2")
    client.force_login(officer)
    fragment = client.get("/en/register/monitoring/2026-Q2/progress/")
    assert fragment["Cache-Control"] == "no-store"
    html = fragment.content.decode()
    assert 'hx-get="/en/register/monitoring/2026-Q2/progress/?following=1" hx-trigger="every 2s"' in html
    assert "0 of 4 producers checked (0 %)" in html
    assert 'href="/en/register/monitoring/2026-Q2/">Refresh the progress' in html  # without JavaScript
    assert "<html" not in html
    for low, high in monitoring.chunks(run, 10):
        monitoring.monitoring_process_chunk(run_id=run.pk, low=low, high=high)
    html = client.get("/en/register/monitoring/2026-Q2/progress/?following=1").content.decode()
    assert "4 of 4 producers checked (100 %)" in html
    assert 'href="/en/register/monitoring/2026-Q2/">The run has finished: show every producer' in html
    assert "hx-get" not in html
    assert "Resume" not in html


def test_a_check_waiting_for_a_state_database_is_shown_as_such(
    client: Any, officer: Any, register: dict[str, RegisterRecord], simulator: Simulator, april: None
) -> None:
    simulator.sources["gcvp"].outage = True
    run = monitoring.monitoring_start(actor=SYSTEM, quarter="2026-Q2")
    for low, high in monitoring.chunks(run, 10):
        monitoring.monitoring_process_chunk(run_id=run.pk, low=low, high=high)
    client.force_login(officer)
    page = client.get("/en/register/monitoring/2026-Q2/?outcome=waiting").content.decode()
    assert "4 of 4" not in page
    assert page.count('govuk-tag--yellow">Waiting for a state database') == 4
    assert reads.run_progress(run)["waiting"] == 4


@pytest.mark.law("IP-51-4.1")
def test_an_officer_resumes_a_run_whose_checks_were_never_dispatched(
    client: Any,
    officer: Any,
    register: dict[str, RegisterRecord],
    april: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    run = monitoring.monitoring_start(actor=SYSTEM, quarter="2026-Q2")  # started, its chunks never queued
    client.force_login(officer)
    page = client.get("/en/register/monitoring/2026-Q2/").content.decode()
    assert "4 checks have not been taken by a worker yet. If the figures do not move, resume the run." in page
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post("/en/register/monitoring/2026-Q2/resume/", follow=True)
    assert "were queued again" in answer.content.decode()
    run.refresh_from_db()
    assert run.status == "finished"
    entry = JournalEntry.objects.get(subject_type="monitoring_run", subject_id="2026-Q2", action="resumed")
    assert entry.payload["untaken"] == 4
    assert entry.payload["lapsed_only"] is False


def test_a_resume_takes_only_what_a_stopped_worker_held(
    officer: Any, register: dict[str, RegisterRecord], april: None, settings: Any
) -> None:
    from nisi.core.authz import actor_for
    from nisi.core.models import OutboxTask

    run = monitoring.monitoring_start(actor=SYSTEM, quarter="2026-Q2")
    checks = run.checks.order_by("record_id")
    stale = APRIL - dt.timedelta(seconds=settings.NISI_MONITORING_LEASE_S + 5)
    MonitoringCheck.objects.filter(pk=checks[0].pk).update(claimed_by="dead", claimed_at=stale)
    MonitoringCheck.objects.filter(pk__in=[c.pk for c in checks[1:]]).update(claimed_by="alive", claimed_at=APRIL)
    assert monitoring_desk.resumable(run) == {"lapsed": 1, "untaken": 0}
    assert monitoring_desk.monitoring_run_resume(actor=actor_for(officer), run=run) == 1
    first = checks[0].record_id
    assert OutboxTask.objects.get(name="nisi.registry.tasks.monitoring_process_chunk").args == [run.pk, first, first]
    MonitoringCheck.objects.filter(pk=checks[0].pk).update(claimed_by="alive", claimed_at=APRIL)
    with pytest.raises(monitoring_desk.MonitoringError, match="Nothing to resume"):
        monitoring_desk.monitoring_run_resume(actor=actor_for(officer), run=run)


def test_an_auditor_reads_but_neither_starts_nor_resumes(
    client: Any, make_user: Any, register: dict[str, RegisterRecord], april: None
) -> None:
    monitoring.monitoring_start(actor=SYSTEM, quarter="2026-Q2")
    client.force_login(make_user(Role.AUDITOR))
    listing = client.get("/en/register/monitoring/").content.decode()
    assert "Start the monitoring" not in listing
    assert "2026-Q2" in listing
    page = client.get("/en/register/monitoring/2026-Q2/").content.decode()
    assert "Resume" not in page
    assert client.post("/en/register/monitoring/2026-Q2/resume/").status_code == 403
    assert client.get("/en/register/monitoring/2099-Q1/").status_code == 404
    assert client.get("/en/register/monitoring/nonsense/").status_code == 404


def test_the_runs_are_paged(client: Any, officer: Any, april: None) -> None:
    for year in range(2000, 2023):
        MonitoringRun.objects.create(quarter=f"{year}-Q1", started_at=APRIL, started_by_label="x", status="finished")
    client.force_login(officer)
    first = client.get("/en/register/monitoring/").content.decode()
    assert "2022-Q1" in first
    assert "2002-Q1" not in first
    assert 'href="?page=2"' in first
    second = client.get("/en/register/monitoring/?page=2").content.decode()
    assert "2002-Q1" in second
    assert "2000-Q1" in second
    assert "2022-Q1" not in second


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_pages_speak_each_language(
    client: Any, officer: Any, register: dict[str, RegisterRecord], april: None, language: str
) -> None:
    monitoring.monitoring_start(actor=SYSTEM, quarter="2026-Q2")
    client.force_login(officer)
    for path in ("", "2026-Q2/", "2026-Q2/progress/"):
        page = client.get(f"/{language}/register/monitoring/{path}")
        assert page.status_code == 200, path


def test_the_officers_start_page_and_header_link_the_desk(client: Any, officer: Any, make_user: Any) -> None:
    client.force_login(officer)
    html = client.get(reverse("web:work_queue")).content.decode()
    header = re.search(r"<header .*?</header>", html, re.S)
    assert header
    assert 'href="/en/register/monitoring/"' in header.group(0)
    assert html.count('href="/en/register/monitoring/"') == 2  # the header and the start page
    account = client.get(reverse("web:account")).content.decode()
    assert "Quarterly monitoring" in account
    client.force_login(make_user(Role.AKIMAT, region="35"))
    assert "/register/monitoring/" not in client.get(reverse("web:work_queue")).content.decode()


# --- the API ---------------------------------------------------------------------------------------------------------


@pytest.mark.law("IP-51-4.1")
def test_the_api_starts_lists_reads_and_resumes_a_run(
    officer: Any,
    make_user: Any,
    make_org: Any,
    register: dict[str, RegisterRecord],
    april: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    api = Api(officer)
    with django_capture_on_commit_callbacks(execute=True):
        started = api.send("post", "/monitoring/runs", {})
    assert started.status_code == 201, started.content
    # The answer is given as the run starts; its chunks are sent to the workers once the request commits.
    assert (started.json()["quarter"], started.json()["status"], started.json()["total"]) == ("2026-Q2", "running", 4)
    body = api.get("/monitoring/runs/2026-Q2").json()
    assert body["status"] == "finished"
    assert (body["total"], body["done"], body["passed"], body["failed"], body["notices"]) == (4, 4, 2, 2, 2)

    again = api.send("post", "/monitoring/runs", {"quarter": "2026-Q2"})
    assert again.status_code == 409
    assert "already started" in again.json()["detail"]
    assert api.send("post", "/monitoring/runs", {"quarter": "2026-Q4"}).status_code == 422
    assert api.send("post", "/monitoring/runs", {"quarter": "soon"}).status_code in (400, 422)

    listed = api.get("/monitoring/runs")
    assert [r["quarter"] for r in listed.json()] == ["2026-Q2"]
    detail = api.get("/monitoring/runs/2026-Q2").json()
    assert detail["outcome"] == "failed"
    assert detail["has_next"] is False
    by_bin = {c["identifier"]: c for c in detail["checks"]}
    arrears = by_bin[register["arrears"].organization.identifier]
    assert arrears["record"] == register["arrears"].number
    assert [c["criterion"] for c in arrears["criteria_not_met"]] == ["no_tax_arrears"]
    assert arrears["criteria_not_met"][0]["text"].startswith("No tax arrears above the threshold: Tax arrears: ")
    assert arrears["notice"]["status"] == "open"
    assert arrears["notice"]["issued_on"] == "2026-04-01"
    passed = api.get("/monitoring/runs/2026-Q2?outcome=passed").json()["checks"]
    assert {c["identifier"] for c in passed} == {
        register["healthy"].organization.identifier,
        register["healthy2"].organization.identifier,
    }
    assert api.get("/monitoring/runs/2026-Q2?outcome=maybe").status_code in (400, 422)

    finished = api.send("post", "/monitoring/runs/2026-Q2/resume")
    assert finished.status_code == 409
    assert api.get("/monitoring/runs/2031-Q1").status_code == 404

    auditor = Api(make_user(Role.AUDITOR))
    assert auditor.get("/monitoring/runs").status_code == 200
    assert auditor.send("post", "/monitoring/runs", {}).status_code == 403
    applicant = Api(make_user(Role.APPLICANT, organization=make_org()))
    assert applicant.get("/monitoring/runs").status_code == 403
    assert applicant.get("/monitoring/runs/2026-Q2").status_code == 404


def test_the_api_resumes_a_stalled_run(
    officer: Any, register: dict[str, RegisterRecord], april: None, django_capture_on_commit_callbacks: Any
) -> None:
    monitoring.monitoring_start(actor=SYSTEM, quarter="2026-Q2")
    api = Api(officer)
    detail = api.get("/monitoring/runs/2026-Q2").json()
    assert (detail["status"], detail["untaken"], detail["actions"]) == ("running", 4, ["read", "resume"])
    with django_capture_on_commit_callbacks(execute=True):
        resumed = api.send("post", "/monitoring/runs/2026-Q2/resume")
    assert resumed.status_code == 200, resumed.content
    assert resumed.json()["queued"] == 1
    assert resumed.json()["run"]["untaken"] == 4
    assert api.get("/monitoring/runs/2026-Q2").json()["status"] == "finished"
    assert api.send("post", "/monitoring/runs/2026-Q2/resume").status_code == 409  # finished now
