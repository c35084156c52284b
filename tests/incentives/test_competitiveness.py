"""Agreements on increasing competitiveness (IP-28): concluded, monitored, terminated; refused to an entity that
failed an earlier one's counter-obligations unless the failure was beyond its control, recorded with evidence."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from nisi.core.models import JournalEntry
from nisi.incentives.models import CompetitivenessAgreement
from nisi.incentives.services import competitiveness as services
from nisi.incentives.services.agreements import AgreementError
from nisi.law import clock
from tests.incentives.fixtures import World

ENDS = dt.date(2029, 12, 31)


def conclude(w: World) -> CompetitivenessAgreement:
    return services.competitiveness_conclude(
        actor=w.officer, organization=w.applicant, subject="Локализация производства грузовиков", ends_on=ENDS
    )


def failed(w: World) -> CompetitivenessAgreement:
    with clock.frozen(dt.date(2024, 2, 1)):
        agreement = conclude(w)
    return services.competitiveness_fulfilment_record(actor=w.officer, agreement=agreement, fulfilled=False)


def test_concluded_monitored_terminated(world: World) -> None:
    agreement = conclude(world)
    assert agreement.number.startswith("CA-2026-")
    assert agreement.status == "monitored"
    assert agreement.decision["ru"][-1]["text"]
    services.competitiveness_fulfilment_record(actor=world.officer, agreement=agreement, fulfilled=True)
    agreement = services.competitiveness_terminate(actor=world.officer, agreement=agreement, reasons="Срок истёк")
    assert (agreement.status, agreement.terminated_on) == ("terminated", clock.today())
    actions = list(
        JournalEntry.objects.filter(subject_type="competitiveness_agreement").values_list("action", flat=True)
    )
    assert actions == ["concluded", "fulfilment_recorded", "terminated"]


@pytest.mark.law("IP-28.4")
def test_ip_28_4_refused_after_an_earlier_failure(world: World) -> None:
    earlier = failed(world)
    with pytest.raises(AgreementError) as refused:
        conclude(world)
    assert earlier.number in str(refused.value)
    assert "IP-28.4" in str(refused.value)
    assert CompetitivenessAgreement.objects.count() == 1


@pytest.mark.law("IP-28.4")
def test_ip_28_4_the_exception_recorded_with_evidence_allows_a_new_one(world: World) -> None:
    earlier = failed(world)
    with pytest.raises(AgreementError):
        services.competitiveness_beyond_control_record(
            actor=world.officer, agreement=earlier, circumstances="Паводок", evidence=["  "]
        )
    services.competitiveness_beyond_control_record(
        actor=world.officer, agreement=earlier, circumstances="Паводок 2026 года", evidence=["Акт ЧС № 12"]
    )
    later = conclude(world)
    assert any("Акт ЧС № 12" in line["text"] for line in later.decision["ru"])


def test_only_the_authorized_body_concludes_and_terminates(world: World) -> None:
    for actor in (world.applicant_actor, world.bank_actor, world.auditor):
        with pytest.raises(PermissionDenied):
            services.competitiveness_conclude(actor=actor, organization=world.applicant, subject="x", ends_on=ENDS)
    agreement = conclude(world)
    with pytest.raises(PermissionDenied):
        services.competitiveness_terminate(actor=world.applicant_actor, agreement=agreement, reasons="x")
    with pytest.raises(AgreementError):
        services.competitiveness_terminate(actor=world.officer, agreement=agreement, reasons=" ")
