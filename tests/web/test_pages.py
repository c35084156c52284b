from typing import Any

import pytest
from django.test import Client

from nisi.core.roles import Role


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_public_pages_render_in_each_language(client: Client, language: str, db: None) -> None:
    for path in (
        "",
        "law/parameters/",
        "law/parameters/mci/",
        "law/deadline/",
        "law/provisions/",
        "law/provisions/IP-51-1/",
        "sign-in/",
    ):
        r = client.get(f"/{language}/{path}")
        assert r.status_code == 200, path
        assert f'lang="{language}"' in r.content.decode()


def test_root_redirects_to_a_language(client: Client, db: None) -> None:
    r = client.get("/", HTTP_ACCEPT_LANGUAGE="kk")
    assert r.status_code == 302
    assert r["Location"] == "/kk/"


def test_the_chrome_is_translated(client: Client, db: None) -> None:
    assert "Кіру" in client.get("/kk/sign-in/").content.decode()
    assert "Войти" in client.get("/ru/sign-in/").content.decode()
    assert "Sign in" in client.get("/en/sign-in/").content.decode()


def test_parameter_on_a_date_and_bad_dates(client: Client, db: None) -> None:
    r = client.get("/en/law/parameters/mci/", {"on": "2020-04-01"})
    assert "2,778 tenge" in r.content.decode()  # in the reader's number format, the unit in words
    assert "2\xa0778" in client.get("/ru/law/parameters/mci/", {"on": "2020-04-01"}).content.decode()
    r = client.get("/en/law/parameters/mci/", {"on": "2010-01-01"})
    body = r.content.decode()
    assert "There is a problem" in body
    assert "no value before 2018-01-01" in body
    r = client.get("/en/law/parameters/mci/", {"on": "not a date"})
    assert "Enter a real date" in r.content.decode()


def test_deadline_calculator(client: Client, db: None) -> None:
    body = client.get(
        "/en/law/deadline/", {"start": "2024-05-01", "count": "5", "unit": "working_days"}
    ).content.decode()
    assert "10.05.2024" in body
    body = client.get(
        "/en/law/deadline/", {"start": "2024-05-01", "count": "-5", "unit": "working_days"}
    ).content.decode()
    assert "cannot be negative" in body


def test_a_repealed_provision_says_so(client: Client, db: None) -> None:
    assert "does not apply" in client.get("/en/law/provisions/IP-51/").content.decode()
    assert client.get("/en/law/provisions/IP-999/").status_code == 404


def test_sign_in_lists_demo_accounts_only_in_the_embedded_default(
    client: Client, make_user: Any, settings: Any
) -> None:
    from django.contrib.auth import get_user_model

    from nisi.core.services.accounts import demo_account_mark

    demo_account_mark(user=get_user_model().objects.create_user("demo-officer", password="x"))
    get_user_model().objects.create_user("demo-lookalike", password="x")  # not made by the demo loader
    page = client.get("/en/sign-in/").content.decode()
    assert "demo-officer" in page
    assert "demo-lookalike" not in page
    settings.NISI_EMBEDDED = False
    assert "demo-officer" not in client.get("/en/sign-in/").content.decode()


def test_sign_in_is_audited_and_the_account_shows_the_inbox(client: Client, make_user: Any, make_org: Any) -> None:
    from nisi.core.models import AuditEvent

    org = make_org()
    user = make_user(Role.APPLICANT, organization=org)
    r = client.post("/en/sign-in/", {"username": user.username, "password": "wrong"})
    assert "Enter a correct username and password" in r.content.decode()
    client.post("/en/sign-in/", {"username": user.username, "password": "pass-word-123"})
    kinds = list(AuditEvent.objects.order_by("at").values_list("kind", flat=True))
    assert kinds == ["sign_in_failed", "signed_in"]
    assert client.get("/en/account/").status_code == 200


def test_work_queue_is_for_officers(client: Client, make_user: Any, make_org: Any) -> None:
    applicant = make_user(Role.APPLICANT, organization=make_org())
    client.force_login(applicant)
    assert client.get("/en/work/").status_code == 403
    client.force_login(make_user(Role.AUTHORIZED_BODY))
    assert client.get("/en/work/").status_code == 200


def test_tokens_are_created_and_shown_once(client: Client, make_user: Any) -> None:
    client.force_login(make_user(Role.AUTHORIZED_BODY))
    r = client.post("/en/account/tokens/", {"name": ""})
    assert "Enter a name for the token" in r.content.decode()
    r = client.post("/en/account/tokens/", {"name": "ERP"})
    assert "nisi_" in r.content.decode()
    assert "Copy it now" in r.content.decode()
    assert "Copy it now" not in client.get("/en/account/tokens/").content.decode()


def test_admin_adds_organizations_through_the_service_and_is_audited(client: Client, db: None) -> None:
    from django.contrib.auth import get_user_model

    from nisi.core.models import AuditEvent, JournalEntry, Organization

    admin = get_user_model().objects.create_superuser("root", "root@nisi.kz", "pass-word-123")
    client.force_login(admin)
    form = {"identifier": "100140000004", "name": "ТОО «Админ»", "resident": "on", "kato": "351010000"}
    r = client.post("/en/admin/core/organization/add/", form)
    assert r.status_code == 200
    assert "check digit" in r.content.decode()
    assert not Organization.objects.exists()
    r = client.post("/en/admin/core/organization/add/", {**form, "identifier": "100140000003"})
    assert r.status_code == 302
    org = Organization.objects.get()
    assert org.region_id == "35"
    assert JournalEntry.objects.filter(subject_type="organization", subject_id="100140000003").exists()
    event = AuditEvent.objects.get(kind="admin_change")
    assert event.username == "root"
    assert "ТОО «Админ»" in event.detail["object"]
