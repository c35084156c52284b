"""The programmes' pages: the customer prepares, submits and reports; the authorized body agrees or refuses with a
ground, monitors and recognises (IP-61-1). Without JavaScript: every step is a form that posts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from nisi.contracts.models import DomesticValueProgramme, ProgrammeAction, ProgrammeTarget
from nisi.core.roles import Role
from nisi.law import clock
from tests.contracts.programmes_fixtures import START, make_programme, plan
from tests.contracts.programmes_fixtures import customer_of as actor_of_customer

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def org(make_org: Any) -> Any:
    return make_org(name="АО «Энергосеть»")


def signed_in(make_user: Any, role: str, organization: Any = None) -> Client:
    client = Client()
    client.force_login(make_user(role, organization=organization))
    return client


LIST = "/en/contracts/programmes/"
NEW = "/en/contracts/programmes/new/"


def url(programme: DomesticValueProgramme) -> str:
    return reverse("contracts:programme", args=[programme.number])


def test_a_customer_starts_a_programme_and_plans_its_areas(make_user: Any, org: Any) -> None:
    client = signed_in(make_user, Role.MAJOR_CUSTOMER, org)
    with clock.frozen(START):
        page = client.get(NEW, **EN)
        assert page.status_code == 200
        answer = client.post(
            NEW,
            {"customer_kind": "natural_monopoly", "title": "Grid local content", "first_year": "2026"},
            **EN,
        )
        programme = DomesticValueProgramme.objects.get()
        assert answer.status_code == 302
        assert answer["Location"] == url(programme)
        page = client.get(url(programme), **EN)
        assert "Before you can submit the programme" in page.content.decode()
        client.post(
            url(programme),
            {
                "step": "add_action",
                "action_area": "sme_development",
                "action_kind": "state_support",
                "description": "Supplier development fair",
                "due_on": "2026-10-01",
            },
        )
        client.post(
            url(programme),
            {
                "step": "add_target",
                "area": "sme_development",
                "indicator": "SME suppliers",
                "unit": "enterprises",
                "baseline": "10",
                "year_2026": "12",
                "year_2027": "14",
                "year_2028": "16",
            },
        )
    action = ProgrammeAction.objects.get()
    assert (action.kind, action.description) == ("state_support", "Supplier development fair")
    assert [v.planned for v in ProgrammeTarget.objects.get().values.all()] == [12, 14, 16]


def test_an_action_outside_the_years_is_shown_on_its_question_with_the_answers_kept(make_user: Any, org: Any) -> None:
    client = signed_in(make_user, Role.MAJOR_CUSTOMER, org)
    programme = make_programme(actor_of_customer(org), org)
    with clock.frozen(START):
        page = client.post(
            url(programme),
            {
                "step": "add_action",
                "action_area": "other",
                "action_kind": "customer",
                "description": "Too late",
                "due_on": "2030-01-01",
            },
            **EN,
        )
    body = page.content.decode()
    assert page.status_code == 200
    assert "govuk-error-summary" in body
    assert "within the programme&#x27;s years" in body
    assert 'value="Too late"' in body
    assert not ProgrammeAction.objects.exists()


def test_an_officer_agrees_a_natural_monopoly_s_programme_after_the_regulator(make_user: Any, org: Any) -> None:
    customer = actor_of_customer(org)
    programme = make_programme(customer, org, kind="natural_monopoly")
    with clock.frozen(START):
        plan(customer, programme)
        signed_in(make_user, Role.MAJOR_CUSTOMER, org).post(url(programme), {"step": "submit"})
    programme.refresh_from_db()
    assert programme.status == "submitted"
    officer = signed_in(make_user, Role.AUTHORIZED_BODY)
    with clock.frozen(START + dt.timedelta(days=3)):
        queue = officer.get(LIST, **EN).content.decode()
        assert programme.number in queue
        refused = officer.post(url(programme), {"step": "agree"}, follow=True, **EN)
        assert "record the regulator" in refused.content.decode()
        officer.post(
            url(programme),
            {
                "step": "record_regulator",
                "regulator_name": "Committee for the Regulation of Natural Monopolies",
                "regulator_letter": "No. 12-3/456 of 17.01.2026",
                "agreed_on": "2026-01-17",
            },
        )
        officer.post(url(programme), {"step": "agree"})
    programme.refresh_from_db()
    assert (programme.status, programme.regulator_agreed_on) == ("agreed", dt.date(2026, 1, 17))


def test_an_officer_refuses_only_with_a_ground(make_user: Any, org: Any) -> None:
    customer = actor_of_customer(org)
    programme = make_programme(customer, org)
    with clock.frozen(START):
        plan(customer, programme)
        signed_in(make_user, Role.MAJOR_CUSTOMER, org).post(url(programme), {"step": "submit"})
    officer = signed_in(make_user, Role.AUTHORIZED_BODY)
    with clock.frozen(START):
        page = officer.post(url(programme), {"step": "refuse", "reasons": "Too low"}, **EN)
        assert "Choose the ground for refusal" in page.content.decode()
        officer.post(url(programme), {"step": "refuse", "ground": "no_sme_measures", "reasons": "No SME measures."})
    programme.refresh_from_db()
    assert (programme.status, programme.refusal_ground) == ("refused", "no_sme_measures")
    page = signed_in(make_user, Role.MAJOR_CUSTOMER, org).get(url(programme), **EN).content.decode()
    assert "No measures to develop small and medium-sized enterprises (IP-61-1.2.3)" in page


def test_the_customer_reports_and_the_officer_monitors(make_user: Any, org: Any) -> None:
    customer = actor_of_customer(org)
    programme = make_programme(customer, org)
    from nisi.contracts.services import programmes as services
    from tests.contracts.programmes_fixtures import OFFICER

    with clock.frozen(START):
        plan(customer, programme)
        services.programme_submit(actor=customer, programme=programme)
        services.programme_agree(actor=OFFICER, programme=programme)
    client = signed_in(make_user, Role.MAJOR_CUSTOMER, org)
    answers = {"year": "2026", "summary": "Trained 12 SMEs."}
    answers.update({f"target_{t.pk}": "50" for t in programme.targets.all()})
    with clock.frozen(dt.date(2027, 2, 1)):
        assert client.get(f"{url(programme)}report/", **EN).status_code == 200
        answer = client.post(f"{url(programme)}report/", answers)
    assert answer.status_code == 302
    report_url = f"{url(programme)}reports/2026/"
    assert answer["Location"] == report_url
    officer = signed_in(make_user, Role.AUTHORIZED_BODY)
    with clock.frozen(dt.date(2027, 2, 5)):
        assert programme.number in officer.get(LIST, **EN).content.decode()
        officer.post(report_url, {"assessment": "on_track", "notes": ""})
    page = client.get(report_url, **EN).content.decode()
    assert "Being implemented as agreed" in page


def test_other_organizations_and_the_public_do_not_see_a_programme(make_user: Any, make_org: Any, org: Any) -> None:
    programme = make_programme(actor_of_customer(org), org)
    other = signed_in(make_user, Role.MAJOR_CUSTOMER, make_org(name="Other"))
    assert other.get(url(programme)).status_code == 404
    # A draft is the customer's own: the officers see it once submitted.
    assert signed_in(make_user, Role.AUTHORIZED_BODY).get(url(programme)).status_code == 404
    assert Client().get(url(programme)).status_code == 302  # to sign in
    assert signed_in(make_user, Role.APPLICANT, org).get(LIST).status_code == 403


@pytest.mark.parametrize(
    "path", ["/en/contracts/programmes/DVP-2026-00001%00/", "/en/contracts/programmes/x/reports/99999999999999999999/"]
)
def test_bad_addresses_are_not_server_errors(make_user: Any, org: Any, path: str) -> None:
    response = signed_in(make_user, Role.AUTHORIZED_BODY).get(path)
    assert response.status_code in (400, 404)


def test_a_list_filters_by_status(make_user: Any, org: Any) -> None:
    make_programme(actor_of_customer(org), org)
    client = signed_in(make_user, Role.MAJOR_CUSTOMER, org)
    assert "DVP-2026" in client.get(LIST + "?status=draft", **EN).content.decode()
    assert "DVP-2026" not in client.get(LIST + "?status=agreed", **EN).content.decode()
    assert client.get(LIST + "?status=nonsense&year=x&page=zz").status_code == 200
