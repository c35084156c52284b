"""A new extract for a register record replaces the one before (issue 10): the old one is never "valid" beside
the new, wherever it is read."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from nisi.core.models import Document, JournalEntry
from nisi.core.services.documents import document_check
from nisi.registry.models import RegisterRecord
from nisi.registry.services import register
from tests.registry.conftest import OFFICER

pytestmark = pytest.mark.django_db


def _two_extracts(record: RegisterRecord) -> tuple[Document, Document]:
    first = Document.objects.get(kind=register.EXTRACT, subject_id=record.number)
    second = register.extract_issue(actor=OFFICER, record=record)
    first.refresh_from_db()
    return first, second


@pytest.mark.law("IP-51-1.8")
def test_issuing_a_new_extract_marks_the_previous_one_replaced(included: RegisterRecord) -> None:
    first, second = _two_extracts(included)
    assert first.state == "replaced"
    assert first.replaced_by == second
    assert first.replaced_at == second.issued_at
    assert document_check(first).status == "replaced"
    assert document_check(second).status == "valid"
    entry = JournalEntry.objects.get(subject_type="document", subject_id=first.token, action="replaced")
    assert entry.payload == {"by": second.token}
    third = register.extract_issue(actor=OFFICER, record=included)
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.replaced_by == third
    assert first.replaced_by == second  # replaced once, by the extract that came after it


def test_a_revoked_extract_stays_revoked_when_a_new_one_is_issued(included: RegisterRecord) -> None:
    from nisi.core.services.documents import document_revoke

    first = Document.objects.get(kind=register.EXTRACT, subject_id=included.number)
    document_revoke(actor=OFFICER, document=first, reason="Issued in error")
    register.extract_issue(actor=OFFICER, record=included)
    first.refresh_from_db()
    assert first.replaced_at is None
    assert document_check(first).status == "revoked"


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_verification_page_of_a_replaced_extract_points_to_the_new_one(
    included: RegisterRecord, client: Client, language: str
) -> None:
    first, second = _two_extracts(included)
    page = client.get(f"/{language}/verify/{first.token}/").content.decode()
    assert f'href="/{language}/verify/{second.token}/"' in page
    assert "govuk-panel--confirmation" not in page  # no "valid" panel
    assert '<strong class="govuk-tag govuk-tag--grey">' in page  # the document's status: replaced
    with translation.override(language):
        assert translation.gettext("Replaced") in page
    newest = client.get(f"/{language}/verify/{second.token}/").content.decode()
    assert "govuk-panel--confirmation" in newest


def test_the_verification_api_says_replaced_and_by_which(included: RegisterRecord, client: Client) -> None:
    first, second = _two_extracts(included)
    body = client.get(f"/api/v1/documents/{first.token}/verify").json()
    assert body["status"] == "replaced"
    assert body["replaced_by"]["token"] == second.token
    assert body["replaced_by"]["verification_url"].endswith(f"/verify/{second.token}/")
    assert body["replaced_at"] is not None
    assert client.get(f"/api/v1/documents/{second.token}/verify").json()["replaced_by"] is None


def test_the_record_page_and_the_documents_list_show_the_replacement(
    included: RegisterRecord, client: Client, make_user: Any
) -> None:
    from nisi.core.roles import Role

    _first, second = _two_extracts(included)
    client.force_login(make_user(Role.APPLICANT, organization=included.organization))
    for url in (f"/en/register/records/{included.number}/", "/en/account/"):
        page = client.get(url).content.decode()
        assert "Replaced" in page, url
        assert f'href="/en/verify/{second.token}/"' in page, url


def test_the_migration_marks_the_extracts_issued_before_it_replaced(included: RegisterRecord) -> None:
    """Extracts issued before replacement was recorded: each but the newest is marked replaced by the next."""
    import importlib

    from django.apps import apps

    first, second = _two_extracts(included)
    third = register.extract_issue(actor=OFFICER, record=included)
    Document.objects.update(replaced_at=None, replaced_by=None)
    migration = importlib.import_module("nisi.core.migrations.0014_document_replaced")
    migration.mark_replaced(apps, None)
    first.refresh_from_db()
    second.refresh_from_db()
    third.refresh_from_db()
    assert (first.replaced_by, second.replaced_by, third.replaced_by) == (second, third, None)
    assert first.replaced_at == second.issued_at
