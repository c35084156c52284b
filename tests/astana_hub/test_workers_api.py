"""The workers' API: employers and the Fund record and read, recipients pull their submissions; 401/403/404/422."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from nisi.astana_hub.models import ForeignWorker, HubActor, Submission
from nisi.astana_hub.services import submissions as submission_services
from nisi.core.authz import Actor, Grant, actor_for
from nisi.core.models import AuditEvent
from nisi.core.roles import Role
from nisi.core.services.tokens import api_token_create
from nisi.law import clock
from tests.astana_hub.conftest import FUND_MIGRATION

D = dt.date
BASE = "/api/v1/astana-hub"
pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture(autouse=True)
def _today() -> Any:
    with clock.frozen(D(2026, 3, 10)):
        yield


def _auth(make_user: Any, role: str, organization: Any = None) -> dict[str, str]:
    raw = api_token_create(actor=actor_for(make_user(role, organization=organization)), name="hr")[1]
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


PAYLOAD = {
    "surname": "Kumar",
    "given_names": "Ravi",
    "date_of_birth": "1992-02-29",
    "citizenship": "IND",
    "passport_number": "Z1234567",
    "passport_valid_until": "2031-01-01",
    "position": "Backend developer",
    "employed_from": "2026-03-02",
}


def test_an_employer_records_and_reads_its_worker(client: Any, make_user: Any, hub_actor: HubActor) -> None:
    auth = _auth(make_user, Role.APPLICANT, hub_actor.organization)
    body = {**PAYLOAD, "employer_bin": hub_actor.organization.identifier}
    r = client.post(f"{BASE}/workers", body, content_type="application/json", **auth)
    assert r.status_code == 201, r.content
    number = r.json()["number"]
    assert number.startswith("AH-W-2026-")
    assert "id" not in r.json()
    r = client.post(
        f"{BASE}/workers/{number}/visas",
        {"visa_number": "KZ1", "issued_on": "2026-03-01", "valid_from": "2026-03-01", "valid_until": "2031-03-01"},
        content_type="application/json",
        **auth,
    )
    assert r.status_code == 422
    assert "five years" in r.json()["detail"]
    r = client.post(
        f"{BASE}/workers/{number}/visas",
        {"visa_number": "KZ1", "issued_on": "2026-03-01", "valid_from": "2026-03-01", "valid_until": "2031-02-28"},
        content_type="application/json",
        **auth,
    )
    assert r.status_code == 201
    detail = client.get(f"{BASE}/workers/{number}", **auth).json()
    assert detail["visas"][0]["visa_number"] == "KZ1"
    assert [w["number"] for w in client.get(f"{BASE}/workers", **auth).json()] == [number]


def test_bad_input_is_a_clear_4xx(client: Any, make_user: Any, hub_actor: HubActor, make_org: Any) -> None:
    auth = _auth(make_user, Role.APPLICANT, hub_actor.organization)
    r = client.post(f"{BASE}/workers", {**PAYLOAD, "employer_bin": "123"}, content_type="application/json", **auth)
    assert r.status_code == 422
    r = client.post(f"{BASE}/workers", {"surname": "x"}, content_type="application/json", **auth)
    assert r.status_code == 422
    other = make_org(name="Other")
    r = client.post(
        f"{BASE}/workers", {**PAYLOAD, "employer_bin": other.identifier}, content_type="application/json", **auth
    )
    assert r.status_code == 403
    r = client.post(
        f"{BASE}/workers",
        {**PAYLOAD, "employer_bin": hub_actor.organization.identifier, "citizenship": "KAZ"},
        content_type="application/json",
        **auth,
    )
    assert r.status_code == 422
    assert "not a foreign worker" in r.json()["detail"]
    assert client.get(f"{BASE}/workers/AH-W-2026-99999", **auth).status_code == 404
    assert not ForeignWorker.objects.exists()


@pytest.mark.parametrize("role", [Role.ASTANA_HUB_FUND, Role.AUDITOR, Role.MIGRATION_AUTHORITY])
def test_officers_without_the_migration_role_get_403_on_people(
    client: Any, make_user: Any, recorded_worker: ForeignWorker, role: str
) -> None:
    auth = _auth(make_user, role)
    assert client.get(f"{BASE}/workers", **auth).status_code == 403
    assert client.get(f"{BASE}/workers/{recorded_worker.number}", **auth).status_code == 403
    counts = client.get(f"{BASE}/workers/counts", **auth)
    if role == Role.MIGRATION_AUTHORITY:
        assert counts.status_code == 403
    else:
        assert counts.json()["complete"] == 1
        assert "Schmidt" not in counts.content.decode()


def test_without_a_token_401(client: Any, recorded_worker: ForeignWorker) -> None:
    assert client.get(f"{BASE}/workers").status_code == 401


def test_the_fund_migration_officer_reads_everyone_audited(
    client: Any, make_user: Any, recorded_worker: ForeignWorker
) -> None:
    auth = _auth(make_user, Role.ASTANA_HUB_FUND_MIGRATION)
    r = client.get(f"{BASE}/workers/{recorded_worker.number}", **auth)
    assert r.json()["passport_number"] == "C01X00T47"
    assert AuditEvent.objects.get(kind="personal_data_viewed").detail["via"] == "api"


def test_recipients_pull_their_submissions(client: Any, make_user: Any, recorded_worker: ForeignWorker) -> None:
    informatization = Actor(user_id=9303, label="it", grants=(Grant(Role.INFORMATIZATION_AUTHORITY),))
    for recipient in ("migration_authority", "national_security_committee"):
        with clock.frozen(D(2025, 12, 20)):
            submission_services.schedule_record(
                actor=informatization,
                recipient=recipient,
                frequency="monthly",
                file_format="json",
                fields=["record_number", "surname"],
                due_days_after_period=5,
                applies_from=D(2026, 1, 1),
                basis="Order No. 1",
            )
        s = submission_services.submission_prepare(
            actor=FUND_MIGRATION, recipient=recipient, period_start=D(2026, 2, 1), period_end=D(2026, 2, 28)
        )
        submission_services.submission_send(actor=FUND_MIGRATION, submission=s, channel_reference=f"OUT-{recipient}")
    mine = Submission.objects.get(recipient="migration_authority")
    theirs = Submission.objects.get(recipient="national_security_committee")
    auth = _auth(make_user, Role.MIGRATION_AUTHORITY)
    listed = client.get(f"{BASE}/submissions", **auth).json()
    assert [s["number"] for s in listed] == [mine.number]
    r = client.get(f"{BASE}/submissions/{mine.number}/file", **auth)
    assert r.status_code == 200
    assert r.json() == [{"record_number": recorded_worker.number, "surname": "Schmidt"}]
    assert r["X-Content-SHA256"] == mine.sha256
    assert client.get(f"{BASE}/submissions/{theirs.number}/file", **auth).status_code == 404
    r = client.post(f"{BASE}/submissions/{mine.number}/acknowledge", **auth)
    assert r.json()["status"] == "acknowledged"
    # Oversight sees the record of what was sent, not the file.
    fund = _auth(make_user, Role.ASTANA_HUB_FUND)
    assert len(client.get(f"{BASE}/submissions", **fund).json()) == 2
    assert client.get(f"{BASE}/submissions/{mine.number}/file", **fund).status_code == 403
    assert client.post(f"{BASE}/submissions/{theirs.number}/acknowledge", **fund).status_code == 403


def test_deadlines_and_notifications_name_a_visa_only_to_those_who_may_see_the_people(
    client: Any, make_user: Any, recorded_worker: ForeignWorker
) -> None:
    """An auditor sees counts, not people (AH-7-1.3): the visa's deadline and its reminder say that a visa expires,
    not which one or whose; the Fund's migration officers and the employer read the numbers."""
    from nisi.astana_hub.services import worker_visas as visas
    from nisi.core.services.deadlines import deadlines_daily

    visas.visa_record(
        actor=FUND_MIGRATION,
        worker=recorded_worker,
        visa_number="KZ777",
        issued_on=D(2026, 2, 1),
        valid_from=D(2026, 2, 1),
        valid_until=D(2026, 6, 30),
    )
    deadlines_daily(today=D(2026, 5, 27))  # a reminder to the employer: the request is due on 29.05.2026
    personal = ("KZ777", recorded_worker.number)
    auditor = make_user(Role.AUDITOR)
    readers = {
        "auditor": _auth(make_user, Role.AUDITOR),
        "migration officer": _auth(make_user, Role.ASTANA_HUB_FUND_MIGRATION),
        "employer": _auth(make_user, Role.APPLICANT, recorded_worker.employer),
    }
    answers = {}
    for who, auth in readers.items():
        deadlines = client.get("/api/v1/deadlines", **auth).json()
        notes = client.get("/api/v1/notifications", **auth).json()
        answers[who] = (
            [d["title"] for d in deadlines if d["kind"] == "astana_hub.deadline.visa_extension_request"],
            [f"{n['subject']} {n['body']}" for n in notes if "29.05.2026" in n["body"]],
        )
    titles, reminders = answers["auditor"]
    assert titles == ["Request the extension of a visa expiring on 30.06.2026"]
    assert len(reminders) == 1
    assert "expiring on 30.06.2026" in reminders[0]
    assert not any(p in text for p in personal for text in titles + reminders)
    titles, _reminders = answers["migration officer"]
    assert titles == [f"Request the extension of visa KZ777 (foreign worker {recorded_worker.number})"]
    _titles, reminders = answers["employer"]
    assert all(p in reminders[0] for p in personal)
    client.force_login(auditor)
    page = client.get("/en/work/").content.decode()
    assert "Request the extension of a visa expiring on 30.06.2026" in page
    assert not any(p in page for p in personal)  # nor the link to the worker's record, which names the worker
    client.force_login(make_user(Role.ASTANA_HUB_FUND_MIGRATION))
    assert "KZ777" in client.get("/en/work/").content.decode()
