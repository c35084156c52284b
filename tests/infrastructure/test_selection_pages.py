"""The territorial clusters' competitive selection through its pages, as each role: the authorized body creates a call
with its criteria and assigns experts on an application's page; the cluster organization follows its application;
an expert lists their assessments, declares, then scores; everyone else is refused (403) or finds nothing (404)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from nisi.core.links import subject_url
from nisi.infrastructure.messages import APPLICATION_SUBJECT
from nisi.infrastructure.models import ClusterCall, ClusterExpertAssignment
from nisi.infrastructure.services import selection
from nisi.law import clock

pytestmark = pytest.mark.django_db


def _client(actor: Any) -> Client:
    c = Client(HTTP_ACCEPT_LANGUAGE="en")
    user_id = actor.user_id if hasattr(actor, "user_id") else actor.pk
    c.force_login(get_user_model().objects.get(pk=user_id))
    return c


@pytest.fixture
def may_day() -> Any:
    with clock.frozen(dt.date(2026, 5, 1)):
        yield


CALL_FORM = {
    "title": "Отбор кластеров 2027",
    "description": "",
    "opens_on": "2026-07-01",
    "closes_on": "2026-08-31",
    "budget": "500000000",
    "max_per_project": "200000000",
    "pass_score": "60",
    "experts_per_application": "1",
    "criterion_1_title": "Depth of cooperation",
    "criterion_1_weight": "60",
    "criterion_1_max": "10",
    "criterion_2_title": "Quality of the plan",
    "criterion_2_weight": "30",
    "criterion_2_max": "10",
}


def test_the_authorized_body_creates_a_call_with_its_criteria(people: dict[str, Any], today: dt.date) -> None:
    officer = _client(people["officer"])
    assert "Create a call" in officer.get("/en/infrastructure/clusters/").content.decode()
    assert officer.get("/en/infrastructure/clusters/calls/new/").status_code == 200
    r = officer.post("/en/infrastructure/clusters/calls/new/", CALL_FORM)
    page = r.content.decode()
    assert r.status_code == 200
    assert "govuk-error-summary" in page
    assert "100" in page
    assert 'value="Depth of cooperation"' in page  # the answers are kept
    r = officer.post("/en/infrastructure/clusters/calls/new/", {**CALL_FORM, "criterion_2_weight": "40"})
    call = ClusterCall.objects.get()
    assert r.status_code == 302
    assert r["Location"] == f"/en/infrastructure/clusters/calls/{call.number}/"
    assert (call.status, [c.weight for c in call.criteria.order_by("id")]) == ("draft", [60, 40])


@pytest.mark.parametrize("who", ["applicant", "institute", "auditor", "akimat"])
def test_no_one_else_creates_a_call(people: dict[str, Any], today: dt.date, who: str) -> None:
    assert _client(people[who]).get("/en/infrastructure/clusters/calls/new/").status_code == 403
    assert "Create a call" not in _client(people[who]).get("/en/infrastructure/clusters/").content.decode()


def test_creating_a_call_needs_signing_in_and_the_expert_role_is_refused(people: dict[str, Any]) -> None:
    assert Client().get("/en/infrastructure/clusters/calls/new/").status_code == 302
    assert _client(people["expert_user"]).get("/en/infrastructure/clusters/calls/new/").status_code == 403


def test_the_applicant_follows_its_application_and_others_find_nothing(
    people: dict[str, Any], applied: Any, may_day: None
) -> None:
    url = f"/en/infrastructure/clusters/applications/{applied.number}/"
    page = _client(people["applicant"]).get(url).content.decode()
    assert applied.number in page
    assert "Submitted" in page
    assert "Assign the expert" not in page
    assert "Independent experts" not in page
    assert "Withdraw the application" in page
    for who in ("park_user", "expert_user"):  # another organization; an expert not assigned through the page
        assert _client(people[who]).get(url).status_code == 404
    assert Client().get(url).status_code == 302
    call_page = _client(people["applicant"]).get(f"/en/infrastructure/clusters/calls/{applied.call.number}/")
    assert url in call_page.content.decode()


def test_the_authorized_body_assigns_only_experts(people: dict[str, Any], applied: Any, may_day: None) -> None:
    url = f"/en/infrastructure/clusters/applications/{applied.number}/"
    officer = _client(people["officer"])
    page = officer.get(url).content.decode()
    assert "Assign the expert" in page
    assert "No expert assigned yet." in page
    non_expert = people["institute"].user_id
    r = officer.post(url, {"assign": "1", "expert": str(non_expert)})
    assert r.status_code == 200
    assert "Choose an expert from the list" in r.content.decode()
    r = officer.post(url, {"assign": "1", "expert": ""})
    assert "Choose an expert" in r.content.decode()
    r = officer.post(url, {"assign": "1", "expert": str(people["expert_user"].pk)})
    assert r.status_code == 302
    assert r["Location"] == url
    assert ClusterExpertAssignment.objects.get().expert_id == people["expert_user"].pk
    assert people["expert_user"].username in officer.get(url).content.decode()


@pytest.mark.parametrize("who", ["applicant", "institute", "auditor"])
def test_no_one_else_assigns(people: dict[str, Any], applied: Any, may_day: None, who: str) -> None:
    url = f"/en/infrastructure/clusters/applications/{applied.number}/"
    r = _client(people[who]).post(url, {"assign": "1", "expert": str(people["expert_user"].pk)})
    assert r.status_code == 403
    assert not ClusterExpertAssignment.objects.exists()


def test_the_expert_declares_then_scores(people: dict[str, Any], applied: Any, may_day: None) -> None:
    assignment = selection.expert_assign(
        actor=people["officer"], application=applied, expert_user_id=people["expert_user"].pk
    )
    expert = _client(people["expert_user"])
    assert "My assessments" in expert.get("/en/infrastructure/clusters/").content.decode()
    mine = expert.get("/en/infrastructure/clusters/assessments/").content.decode()
    url = f"/en/infrastructure/clusters/assessments/{assignment.pk}/"
    assert url in mine
    assert "IP-9.16" in mine
    page = expert.get(url).content.decode()
    assert "Make the declaration" in page
    assert "Submit the scores" not in page
    assert "Development plan" in page
    r = expert.post(url, {"score": "1", "score_cooperation": "8", "score_plan": "7", "comment": "x"})
    assert r.status_code == 403  # no score before the declaration
    r = expert.post(url, {"declare": "1"})
    assert "Say whether you have a conflict of interest" in r.content.decode()
    assert expert.post(url, {"declare": "1", "conflict": "no"}).status_code == 302
    r = expert.post(url, {"score": "1", "score_cooperation": "11", "score_plan": "7", "comment": "Сильная кооперация"})
    page = r.content.decode()
    assert r.status_code == 200
    assert "govuk-error-summary" in page
    assert "Сильная кооперация" in page  # the answers are kept
    r = expert.post(url, {"score": "1", "score_cooperation": "8", "score_plan": "7", "comment": "Сильная кооперация"})
    assert r.status_code == 302
    assignment.refresh_from_db()
    assert (assignment.status, assignment.scores) == ("scored", {"cooperation": 8, "plan": 7})
    assert "Your scores" in expert.get(url).content.decode()
    assert expert.post(url, {"declare": "1", "conflict": "no"}).status_code == 403


def test_a_conflict_stands_the_expert_down(people: dict[str, Any], applied: Any, may_day: None) -> None:
    assignment = selection.expert_assign(
        actor=people["officer"], application=applied, expert_user_id=people["expert_user"].pk
    )
    url = f"/en/infrastructure/clusters/assessments/{assignment.pk}/"
    expert = _client(people["expert_user"])
    r = expert.post(url, {"declare": "1", "conflict": "yes", "details": ""})
    assert "Describe the conflict of interest" in r.content.decode()
    r = expert.post(url, {"declare": "1", "conflict": "yes", "details": "Работал в кластерной организации"})
    assert "the authorized body will assign another expert" in expert.get(r["Location"]).content.decode()
    assignment.refresh_from_db()
    assert assignment.status == "conflict"


def test_assessments_are_the_experts_own(people: dict[str, Any], applied: Any, may_day: None) -> None:
    assignment = selection.expert_assign(
        actor=people["officer"], application=applied, expert_user_id=people["expert_user"].pk
    )
    url = f"/en/infrastructure/clusters/assessments/{assignment.pk}/"
    other = _client(people["expert2_user"])
    assert url not in other.get("/en/infrastructure/clusters/assessments/").content.decode()
    assert other.get(url).status_code == 404
    assert other.post(url, {"declare": "1", "conflict": "no"}).status_code == 404
    for who in ("applicant", "park_user", "akimat"):
        assert _client(people[who]).get("/en/infrastructure/clusters/assessments/").status_code == 403
        assert _client(people[who]).get(url).status_code == 404
    officer = _client(people["officer"])  # the body sees the assignment, never declares for the expert
    assert officer.post(url, {"declare": "1", "conflict": "no"}).status_code == 403
    assert Client().get(url).status_code == 302


def test_the_application_page_is_where_the_queue_and_inbox_link(applied: Any) -> None:
    assert (
        subject_url(APPLICATION_SUBJECT, applied.number)
        == f"/en/infrastructure/clusters/applications/{applied.number}/"
    )


def test_the_decided_application_shows_its_result(people: dict[str, Any], selected: Any) -> None:
    page = _client(people["applicant"]).get(f"/en/infrastructure/clusters/applications/{selected.number}/")
    text = page.content.decode()
    assert "approved" in text
    assert "enters the register of territorial clusters" in text
