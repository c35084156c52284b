"""The Fund's expert panel through the API (AH-4.5), on the core's expert endpoints (`nisi.core.financing.api`): the
Fund assigns an independent expert; the expert lists their own assignments, declares, then scores; every other role
is refused (403), finds nothing (404) or is told why (422)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from nisi.astana_hub.models import FinancingApplication, FinancingCall, HubActor
from nisi.astana_hub.rules.financing import Criterion
from nisi.astana_hub.services import financing as services
from nisi.core.authz import actor_for
from nisi.core.roles import Role
from nisi.law import clock
from tests.astana_hub.conftest import FUND, bearer

pytestmark = pytest.mark.django_db
D = dt.date
API = "/api/v1/astana-hub/financing"


@pytest.fixture
def application(approved_budget: Any, hub_actor: HubActor, make_user: Any) -> FinancingApplication:
    with clock.frozen(D(2025, 3, 1)):
        call: FinancingCall = services.call_create(
            actor=FUND,
            title="Deep tech",
            description="",
            opens_on=D(2025, 3, 1),
            closes_on=D(2025, 3, 31),
            budget=Decimal(50_000_000),
            max_per_project=Decimal(20_000_000),
            pass_score=Decimal(60),
            experts_per_application=1,
            criteria=[Criterion("c1", "Novelty", Decimal(60), 10), Criterion("c2", "Team", Decimal(40), 5)],
        )
        services.call_open(actor=FUND, call=call)
    with clock.frozen(D(2025, 3, 10)):
        made: FinancingApplication = services.application_submit(
            actor=actor_for(make_user(Role.APPLICANT, organization=hub_actor.organization)),
            call=call,
            organization=hub_actor.organization,
            project_title="Vision AI",
            project_summary="CV",
            requested_amount=Decimal(1000),
            project_starts_on=D(2025, 5, 1),
            project_ends_on=D(2026, 4, 30),
        )
    return made


def _post(path: str, body: dict[str, Any], auth: dict[str, str]) -> Any:
    return Client(HTTP_ACCEPT_LANGUAGE="en").post(f"{API}{path}", body, content_type="application/json", **auth)


def test_the_fund_assigns_and_the_expert_declares_and_scores(
    application: FinancingApplication, make_user: Any, hub_actor: HubActor
) -> None:
    expert, other = make_user(Role.INDEPENDENT_EXPERT), make_user(Role.INDEPENDENT_EXPERT)
    fund = bearer(make_user(Role.ASTANA_HUB_FUND))
    experts = f"/applications/{application.number}/experts"
    assert _post(experts, {"expert_user_id": expert.pk}, {}).status_code == 401
    applicant = bearer(make_user(Role.APPLICANT, organization=hub_actor.organization))
    assert _post(experts, {"expert_user_id": expert.pk}, applicant).status_code == 403
    assert _post(experts, {"expert_user_id": expert.pk}, bearer(other)).status_code == 404  # no reach by role
    not_expert = _post(experts, {"expert_user_id": make_user(Role.AUDITOR).pk}, fund)
    assert not_expert.status_code == 422
    assert "independent expert" in not_expert.json()["detail"]
    assert _post("/applications/AH-P-2025-99999/experts", {"expert_user_id": expert.pk}, fund).status_code == 404
    assigned = _post(experts, {"expert_user_id": expert.pk}, fund)
    assert assigned.status_code == 201
    pk = assigned.json()["id"]
    assert assigned.json() == {"id": pk, "application": application.number, "status": "assigned", "scores": {}}

    mine = Client().get(f"{API}/assignments", **bearer(expert)).json()
    assert [a["id"] for a in mine] == [pk]
    assert Client().get(f"{API}/assignments", **bearer(other)).json() == []
    assert Client().get(f"{API}/assignments").status_code == 401

    scores = {"scores": {"c1": 9, "c2": 4}, "comment": "Strong team"}
    assert _post(f"/assignments/{pk}/scores", scores, bearer(expert)).status_code == 403  # declare first
    assert _post(f"/assignments/{pk}/declaration", {"conflict": False}, bearer(other)).status_code == 404
    assert _post(f"/assignments/{pk}/declaration", {"conflict": False}, fund).status_code == 403
    no_details = _post(f"/assignments/{pk}/declaration", {"conflict": True}, bearer(expert))
    assert no_details.status_code == 422
    assert _post(f"/assignments/{pk}/declaration", {"conflict": False}, bearer(expert)).json()["status"] == "declared"
    too_high = _post(f"/assignments/{pk}/scores", {**scores, "scores": {"c1": 11, "c2": 4}}, bearer(expert))
    assert too_high.status_code == 422
    scored = _post(f"/assignments/{pk}/scores", scores, bearer(expert))
    assert scored.json()["scores"] == {"c1": 9, "c2": 4}
    application.refresh_from_db()
    assert application.average_score == Decimal("86.00")
    assert _post(f"/assignments/{pk}/declaration", {"conflict": False}, bearer(expert)).status_code == 403
