"""Each lifecycle operation of the API tried as each role: those the policy lets do it are driven through the whole
lifecycle in test_lifecycle_api; here every other role is refused, in the way the API documents: 404 for a record
it may not see, 403 for what its role never does, 409 for what its role does in another state."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import TestCase

from nisi.core.authz import SYSTEM, Actor
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.law import clock
from nisi.registry.models import RegisterApplication, RegisterRecord
from nisi.registry.services import appeals, applications, register
from nisi.verification.simulator.app import Simulator
from tests.registry.conftest import make_healthy
from tests.registry.test_lifecycle_api import Api

ROLES = ("applicant", "other_applicant", "officer", "commission", "auditor")
GOOD = {
    "hs_code": "720810",
    "name_ru": "Прокат",
    "annual_capacity": "1",
    "unit": "t",
    "ex_works_cost": "100.00",
    "foreign_materials_cost": "10.00",
}
SITE = {"site_kato": "351010000", "site_address": "Караганда"}
CONSENTS = {"personal_data": True, "site_access": True, "video_surveillance": True}
ASSESSMENT = {"evidence_sufficient": False, "participants": "A. Officer"}
INSPECTION = {"on": "2026-03-20", "participants": "A. Officer"}
REPORT = {"report": "Seen.", "goods": [{"code": "7208100000", "confirmed_operations": [], "conditions_met": False}]}


@pytest.fixture
def people(producer: Organization, make_user: Any, make_org: Any) -> dict[str, Api]:
    return {
        "applicant": Api(make_user(Role.APPLICANT, organization=producer)),
        "other_applicant": Api(make_user(Role.APPLICANT, organization=make_org(name="ТОО «Другое»"))),
        "officer": Api(make_user(Role.AUTHORIZED_BODY)),
        "commission": Api(make_user(Role.APPEALS_COMMISSION)),
        "auditor": Api(make_user(Role.AUDITOR)),
    }


def _statuses(people: dict[str, Api], method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, int]:
    out = {}
    for who in ROLES:
        api = people[who]
        r = api.get(path) if method == "get" else api.send(method, path, body)
        out[who] = r.status_code
    return out


def _table(expected: str) -> dict[str, int]:
    """`"200 404 200 404 200"` reads as the statuses of ROLES in order."""
    return dict(zip(ROLES, (int(code) for code in expected.split()), strict=True))


@pytest.mark.django_db
def test_an_application_in_assessment_refuses_each_role_as_documented(
    draft: RegisterApplication, applicant: Actor, simulator: Simulator, people: dict[str, Api]
) -> None:
    make_healthy(simulator, draft.organization.identifier, ["720810"])
    with clock.frozen(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)):
        with TestCase.captureOnCommitCallbacks(execute=True):
            applications.application_submit(actor=applicant, application=draft)
        draft.refresh_from_db()
        assert draft.status == RegisterApplication.Status.ASSESSMENT
        n = draft.number
        # roles:                               applicant other officer commission auditor
        expected = {
            ("get", f"/applications/{n}"): "200 404 200 404 200",
            ("get", f"/applications/{n}/history"): "200 404 200 404 200",
            ("put", f"/applications/{n}/site"): "409 404 403 404 403",
            ("post", f"/applications/{n}/goods"): "409 404 403 404 403",
            ("delete", f"/applications/{n}/goods/7208100000"): "409 404 403 404 403",
            ("put", f"/applications/{n}/consents"): "409 404 403 404 403",
            ("post", f"/applications/{n}/submit"): "409 404 403 404 403",
            ("post", f"/applications/{n}/withdraw"): "--- 404 403 404 403",
            ("post", f"/applications/{n}/assessment"): "403 404 --- 404 403",
            ("post", f"/applications/{n}/inspection"): "403 404 409 404 403",
            ("post", f"/applications/{n}/inspection/report"): "403 404 409 404 403",
            ("get", "/assessment-queue"): "403 403 200 403 403",
        }
        bodies = {
            "site": SITE,
            "goods": GOOD,
            "consents": CONSENTS,
            "assessment": ASSESSMENT,
            "inspection": INSPECTION,
            "report": REPORT,
        }
        for (method, path), codes in expected.items():
            body = bodies.get(path.rsplit("/", 1)[-1], {})
            statuses = _statuses(people, method, path, body)
            wanted = {who: int(c) for who, c in zip(ROLES, codes.split(), strict=True) if c != "---"}
            got = {who: statuses[who] for who in wanted}
            assert got == wanted, f"{method.upper()} {path}"


@pytest.mark.django_db
def test_a_draft_is_its_applicants_alone(draft: RegisterApplication, people: dict[str, Api]) -> None:
    n = draft.number
    assert _statuses(people, "get", f"/applications/{n}") == _table("200 404 404 404 404")
    assert _statuses(people, "post", f"/applications/{n}/assessment", ASSESSMENT) == _table("403 404 404 404 404")
    assert _statuses(people, "post", "/applications", {"identifier": draft.organization.identifier}) == _table(
        "409 403 403 403 403"
    )


@pytest.mark.django_db
def test_a_record_and_its_objection_refuse_each_role_as_documented(
    included: RegisterRecord, applicant: Actor, people: dict[str, Api]
) -> None:
    r = included.number
    with clock.frozen(dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.UTC)):
        assert _statuses(people, "get", f"/records/{r}") == _table("200 404 200 200 200")
        assert _statuses(people, "get", f"/records/{r}/history") == _table("200 404 200 200 200")
        leave = {"ground": "own_request"}
        statuses = _statuses(people, "post", f"/records/{r}/removal", leave)
        assert {k: v for k, v in statuses.items() if k != "applicant"} == {
            "other_applicant": 404,
            "officer": 403,
            "commission": 403,
            "auditor": 403,
        }
        assert statuses["applicant"] == 200  # tried last among the roles allowed: it leaves the register
        included.refresh_from_db()
        assert included.status == RegisterRecord.Status.REMOVED
        # Left at its own request: a new extract is refused as a conflict with the state, an objection too.
        assert _statuses(people, "post", f"/records/{r}/extracts") == _table("409 404 409 403 403")
        statuses = _statuses(people, "post", f"/records/{r}/objections", {"grounds": "No."})
        assert statuses == _table("422 404 403 403 403")  # only a removal by monitoring is objected to

        register.record_reinstate(actor=SYSTEM, removal=included.removals.get(), appeal=None)
        register.record_remove(actor=SYSTEM, record=included, ground="monitoring", reasons=[])
        appeal = appeals.appeal_file(
            actor=applicant, removal=included.removals.get(reversed_on__isnull=True), grounds="x"
        )
        a = appeal.number
        assert _statuses(people, "get", "/objections") == _table("403 403 200 200 200")
        assert _statuses(people, "get", f"/objections/{a}") == _table("200 404 200 200 200")
        assert _statuses(people, "get", f"/objections/{a}/history") == _table("200 404 200 200 200")
        for path, body in (
            ("documents-request", {"documents": "The payment order."}),
            ("schedule", {"what": "hearing", "on": "2026-03-20"}),
            ("decision", {"outcome": "refused", "decision": "No grounds."}),
        ):
            statuses = _statuses(people, "post", f"/objections/{a}/{path}", body)
            assert {k: v for k, v in statuses.items() if k != "commission"} == {
                "applicant": 403,
                "other_applicant": 404,
                "officer": 403,
                "auditor": 403,
            }, path
