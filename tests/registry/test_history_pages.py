"""The history of a record on its page: who did what, when (Kazakhstan's time) and under which provision, in words,
for those who may see the record and for no one else."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from nisi.core.roles import Role
from nisi.registry.models import RegisterRecord


@pytest.mark.django_db
def test_the_applicant_and_the_officers_read_the_records_history_on_its_page(
    included: RegisterRecord, make_user: Any
) -> None:
    for user in (make_user(Role.APPLICANT, organization=included.organization), make_user(Role.AUTHORIZED_BODY)):
        client = Client()
        client.force_login(user)
        body = client.get(f"/en/register/records/{included.number}/").content.decode()
        assert 'id="history"' in body
        assert "The producer was included in the register, with the goods 7208100000." in body
        assert "An extract from the register was issued." in body
        assert "paragraph 6 of article 51-1 of the Law on industrial policy" in body
        # The journal keeps UTC (09:00); the page shows Kazakhstan's time.
        assert "02.03.2026 14:00" in body
        assert "nisi, automatically" in body


@pytest.mark.django_db
def test_the_application_page_shows_its_history_and_others_see_none(
    included: RegisterRecord, make_user: Any, make_org: Any
) -> None:
    from nisi.registry.models import RegisterApplication

    application = RegisterApplication.objects.get(organization=included.organization)
    own = Client()
    own.force_login(make_user(Role.APPLICANT, organization=included.organization))
    body = own.get(f"/en/register/applications/{application.number}/").content.decode()
    assert "The application was submitted, with the goods 7208100000." in body
    assert "Digital verification found every criterion met." in body
    stranger = Client()
    stranger.force_login(make_user(Role.APPLICANT, organization=make_org(name="ТОО «Другое»")))
    assert stranger.get(f"/en/register/applications/{application.number}/").status_code == 404
    assert stranger.get(f"/en/register/records/{included.number}/").status_code == 404
