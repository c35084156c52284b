"""A map project shows the measures of state incentive its initiator received (IP-6.2), read from the incentives app
through its selectors, as the incentives' policies let each reader see them, and the amounts only where IP-6.3 gives
the reader a ground (ADR 35)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from nisi.core.authz import PUBLIC, actor_for
from nisi.core.models import DisclosureView
from nisi.core.roles import Role
from nisi.core.services.disclosure import consent_give
from nisi.core.services.tokens import api_token_create
from nisi.incentives.selectors.received import SUPPORT_RECEIVED, measures_received
from nisi.industrialization.models import Project
from nisi.industrialization.services import measures as measure_services
from nisi.industrialization.services import projects as services
from tests.incentives.agreements_fixtures import conclude
from tests.incentives.fixtures import World, today_fixture, world_fixture  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.law("IP-6.2")]
PAID = Decimal("1000000000.00")


def _project(w: World) -> Project:
    project = services.project_apply(
        actor=w.applicant_actor,
        name="Сборочный завод грузовиков",
        initiator=w.applicant.identifier,
        kato="351010000",
        latitude=Decimal("49.80600"),
        longitude=Decimal("73.08500"),
        oked="29100",
        hs_codes=["870421"],
        investment=Decimal("5000000000.00"),
        jobs=200,
        capacity="",
        responsible_kind="akimat",
        responsible=None,
        stages=[services.StagePlan("commissioning", dt.date(2027, 6, 30))],
    )
    services.project_check(actor=w.officer, project=project)
    return services.project_include(actor=w.officer, project=project)


@pytest.fixture
def granted(world: World) -> tuple[World, Project, Any]:
    agreement = conclude(world)  # the bank grants dbk-financing and pays 1 000 000 000 tenge on 02.03.2026
    return world, _project(world), agreement


def test_the_initiator_sees_its_measure_with_the_amount_and_no_view_is_recorded(granted: Any) -> None:
    w, project, agreement = granted
    [seen] = measure_services.project_measures_seen(actor=w.applicant_actor, project=project, on=dt.date(2026, 3, 2))
    assert (seen.measure, seen.title, seen.operator) == ("dbk-financing", "Финансирование проектов", w.bank.name)
    assert seen.reference == agreement.request.number
    assert seen.decided_on == dt.date(2026, 3, 2)
    assert seen.amount == PAID
    assert not DisclosureView.objects.exists()  # its own figures: not a disclosure


@pytest.mark.law("IP-6.3")
def test_the_authorized_body_sees_the_amount_and_the_view_is_recorded(granted: Any) -> None:
    w, project, _agreement = granted
    [seen] = measure_services.project_measures_seen(actor=w.officer, project=project, on=dt.date(2026, 3, 2))
    assert seen.amount == PAID
    view = DisclosureView.objects.get()
    assert (view.organization_id, view.dataset, view.ground) == (w.applicant.pk, SUPPORT_RECEIVED, "law")
    assert project.number in view.what


@pytest.mark.law("IP-6.3")
def test_the_operator_sees_the_measure_but_the_amount_only_with_the_recipients_consent(granted: Any) -> None:
    w, project, _agreement = granted
    [seen] = measure_services.project_measures_seen(actor=w.bank_actor, project=project, on=dt.date(2026, 3, 2))
    assert seen.measure == "dbk-financing"
    assert seen.amount is None
    assert not DisclosureView.objects.exists()
    consent_give(actor=w.applicant_actor, organization=w.applicant, recipient=w.bank, dataset=SUPPORT_RECEIVED)
    [seen] = measure_services.project_measures_seen(actor=w.bank_actor, project=project, on=dt.date(2026, 3, 2))
    assert seen.amount == PAID
    assert DisclosureView.objects.get().ground == "consent"


def test_who_the_incentives_do_not_show_a_granted_measure_to_sees_none(granted: Any, make_user: Any) -> None:
    w, project, _agreement = granted
    stranger = actor_for(w.users["other"])
    other_akimat = actor_for(make_user(Role.AKIMAT, region="75"))  # the project and its initiator are in 35
    for actor in (PUBLIC, stranger, other_akimat):
        assert measure_services.project_measures_seen(actor=actor, project=project, on=dt.date(2026, 3, 2)) == []


@pytest.mark.law("IP-6.3")
def test_the_akimat_of_the_region_sees_the_measure_as_the_authorized_body_does_nationally(
    granted: Any, make_user: Any
) -> None:
    """An akimat reads the measures received by the entities of its region (a regional scope), the measure, its
    operator and its date; the amount only with a ground under IP-6.3, which the akimat does not have by law."""
    w, project, agreement = granted
    assert project.region_id == w.applicant.region_id == "35"
    akimat = make_user(Role.AKIMAT, region="35")
    [seen] = measure_services.project_measures_seen(actor=actor_for(akimat), project=project, on=dt.date(2026, 3, 2))
    assert (seen.measure, seen.reference, seen.decided_on) == (
        "dbk-financing",
        agreement.request.number,
        dt.date(2026, 3, 2),
    )
    assert seen.amount is None
    assert not DisclosureView.objects.exists()
    [owner] = measure_services.project_measures_seen(actor=w.applicant_actor, project=project, on=dt.date(2026, 3, 2))
    assert owner.amount == PAID
    # The same through the API and on the page, for each role.
    url = f"/api/v1/industrialization/projects/{project.number}"
    client = Client()
    assert [m["reference"] for m in client.get(url, **_token(akimat)).json()["measures"]] == [agreement.request.number]
    other = make_user(Role.AKIMAT, region="75")
    assert client.get(url, **_token(other)).json()["measures"] == []
    assert client.get(url).json()["measures"] == []
    assert client.get(url, **_token(w.users["applicant"])).json()["measures"][0]["amount"] == "1000000000.00"
    page = _client_of(akimat).get(f"/en/industrialization/projects/{project.number}/").content.decode()
    assert "Финансирование проектов" in page
    assert "1000000000.00" not in page
    page = _client_of(other).get(f"/en/industrialization/projects/{project.number}/").content.decode()
    assert "Финансирование проектов" not in page


def test_as_of_a_day_before_the_decision_there_is_no_measure(granted: Any) -> None:
    w = granted[0]
    assert measures_received(w.officer, bin_=w.applicant.identifier, on=dt.date(2026, 3, 1)) == []
    [seen] = measures_received(w.officer, bin_=w.applicant.identifier, on=dt.date(2026, 3, 2))
    assert seen.amount == PAID


def _client_of(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_the_project_page_shows_the_measures_and_hides_the_amount_from_the_operator(granted: Any) -> None:
    w, project, _agreement = granted
    page = _client_of(w.users["applicant"]).get(f"/en/industrialization/projects/{project.number}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Measures of state incentive received" in text
    assert "Финансирование проектов" in text
    assert "1000000000.00" in text
    text = _client_of(w.users["bank"]).get(f"/en/industrialization/projects/{project.number}/").content.decode()
    assert "Финансирование проектов" in text
    assert "1000000000.00" not in text
    assert "not shown: the recipient" in text
    public = Client(HTTP_ACCEPT_LANGUAGE="en").get(f"/en/industrialization/projects/{project.number}/")
    assert public.status_code == 200
    assert "Финансирование проектов" not in public.content.decode()


def _token(user: Any) -> dict[str, str]:
    user = get_user_model().objects.get(pk=user.pk)
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=actor_for(user), name='t')[1]}"}


def test_the_api_gives_the_same_measures_as_the_page(granted: Any, client: Client) -> None:
    w, project, agreement = granted
    url = f"/api/v1/industrialization/projects/{project.number}"
    body = client.get(url, **_token(w.users["officer"])).json()
    assert body["measures"] == [
        {
            "measure": "dbk-financing",
            "title": "Финансирование проектов",
            "operator": w.bank.name,
            "reference": agreement.request.number,
            "decided_on": "2026-03-02",
            "amount": "1000000000.00",
        }
    ]
    assert client.get(url, **_token(w.users["bank"])).json()["measures"][0]["amount"] is None
    assert client.get(url).json()["measures"] == []
