"""Who reads the operators' decisions and the institute's grant agreements (IP-25.8, IP-42.1): the issuing operator's
own officers and the institute download what they issued, another operator does not, the applicant downloads its own,
and the public only verifies through the QR code."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from nisi.core.authz import actor_for, allowed_actions, document_issuer
from nisi.core.models import Document
from nisi.core.roles import Role
from nisi.core.selectors import documents_for
from nisi.incentives.services.decisions import DECISION_DOCUMENT
from nisi.incentives.services.grant_agreements import GRANT_AGREEMENT_DOCUMENT
from tests.incentives.agreements_fixtures import granted
from tests.incentives.fixtures import World
from tests.incentives.grants_fixtures import Grants

pytestmark = pytest.mark.django_db


def _download(user: Any, document: Document) -> int:
    client = Client()
    if user is not None:
        client.force_login(user)
    response = client.get(f"/en/documents/{document.token}.pdf", HTTP_ACCEPT_LANGUAGE="en")
    return int(response.status_code)


@pytest.fixture(name="decision")
def decision_fixture(world: World) -> Document:
    request = granted(world)
    return Document.objects.get(pk=request.document_id)


@pytest.mark.law("IP-25.8")
def test_the_decision_is_issued_by_the_operator_that_took_it(world: World, decision: Document) -> None:
    assert document_issuer(DECISION_DOCUMENT) == Role.INCENTIVE_OPERATOR
    assert decision.issuer_organization_id == world.bank.pk
    assert decision.organization_id == world.applicant.pk


@pytest.mark.law("IP-25.8")
def test_the_issuing_operator_downloads_its_decision(world: World, decision: Document) -> None:
    assert _download(world.users["bank"], decision) == 200
    assert {"view", "download"} <= allowed_actions(world.bank_actor, decision)
    assert decision in documents_for(world.bank_actor)


def test_another_operator_cannot_read_the_decision(world: World, decision: Document) -> None:
    assert _download(world.users["agent"], decision) in (403, 404)
    assert allowed_actions(world.agent_actor, decision) == {"verify"}
    assert decision not in documents_for(world.agent_actor)


def test_the_applicant_downloads_its_own_decision_and_another_applicant_does_not(
    world: World, decision: Document
) -> None:
    assert _download(world.users["applicant"], decision) == 200
    assert decision in documents_for(world.applicant_actor)
    assert _download(world.users["other"], decision) in (403, 404)
    assert decision not in documents_for(actor_for(world.users["other"]))


def test_the_public_only_verifies_the_decision(decision: Document) -> None:
    assert _download(None, decision) in (302, 403, 404)  # sent to sign in, never the PDF
    page = Client().get(f"/en/verify/{decision.token}/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200


def test_the_authorized_body_and_the_auditor_still_read_the_decision(world: World, decision: Document) -> None:
    assert _download(world.users["officer"], decision) == 200
    assert _download(world.users["auditor"], decision) == 200


def test_the_issuing_operator_alone_revokes_its_decision(world: World, decision: Document) -> None:
    assert "revoke" in allowed_actions(world.bank_actor, decision)
    assert "revoke" not in allowed_actions(world.agent_actor, decision)
    assert "revoke" not in allowed_actions(world.officer, decision)


@pytest.mark.law("IP-42.1")
def test_the_institute_downloads_the_grant_agreement_it_concluded(grants_world: Grants) -> None:
    agreement = grants_world.agreement()
    document = Document.objects.get(pk=agreement.document_id)
    assert document_issuer(GRANT_AGREEMENT_DOCUMENT) == Role.DEVELOPMENT_INSTITUTE
    assert document.issuer_organization_id == grants_world.institute.pk
    assert _download(grants_world.users["institute"], document) == 200
    assert _download(grants_world.users["applicant"], document) == 200
    assert _download(grants_world.users["other"], document) in (403, 404)
    assert _download(None, document) in (302, 403, 404)


def test_the_institute_lists_only_the_kinds_it_issues(grants_world: Grants, world: World, decision: Document) -> None:
    agreement = grants_world.agreement()
    listed = set(documents_for(grants_world.institute_actor).values_list("kind", flat=True))
    assert listed == {GRANT_AGREEMENT_DOCUMENT}
    assert agreement.document_id in documents_for(grants_world.institute_actor).values_list("pk", flat=True)
