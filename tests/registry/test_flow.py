"""The whole lifecycle through the services, as the applicant, the system and the officer live it."""

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import TestCase

from nisi.core.models import Deadline, Document, Notification
from nisi.core.selectors import journal_of
from nisi.core.services.documents import signature_valid, subject_status
from nisi.law import clock
from nisi.registry.models import RecordPeriod, RegisterApplication, RegisterRecord
from nisi.registry.services import applications, decisions
from nisi.registry.services.applications import ApplicationError
from nisi.verification.models import Verification
from nisi.verification.simulator.app import Simulator
from tests.registry.conftest import OFFICER, make_healthy

TODAY = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def submit(applicant: Any, application: RegisterApplication) -> RegisterApplication:
    with clock.frozen(TODAY), TestCase.captureOnCommitCallbacks(execute=True):
        applications.application_submit(actor=applicant, application=application)
    application.refresh_from_db()
    return application


@pytest.mark.law("IP-51-1.3")
def test_submission_starts_digital_verification_and_a_pass_goes_to_assessment(
    draft: RegisterApplication, applicant: Any, simulator: Simulator
) -> None:
    make_healthy(simulator, draft.organization.identifier, ["720810"])
    application = submit(applicant, draft)
    assert application.status == "assessment"
    assert application.verification.status == "passed"
    deadline = Deadline.objects.get(subject_id=application.number, kind="registry.deadline.assessment")
    assert deadline.provision == "IP-51-1.4"
    assert [e.action for e in journal_of("register_application", application.number)] == [
        "started",
        "submitted",
        "verification_passed",
    ]


@pytest.mark.law("IP-51-1.3")
def test_a_negative_verification_is_a_reasoned_refusal_in_the_personal_account(
    draft: RegisterApplication, applicant: Any, simulator: Simulator
) -> None:
    make_healthy(simulator, draft.organization.identifier, ["720810"])
    simulator.overrides[("gcvp", draft.organization.identifier)] = {
        "employees_by_month": [{"month": "2026-02", "employees": 0}]
    }
    application = submit(applicant, draft)
    assert application.status == "refused"
    [reason] = application.refusal_reasons
    assert reason["criterion"] == "staff"
    assert reason["source"] == "gcvp"
    assert reason["provision"] == "IP-51-1.3"
    assert reason["found"] == {"employees_by_month": ["0"]}
    note = Notification.objects.get(organization=draft.organization, message_key="registry.verification_failed")
    assert "IP-51-1.3" in note.provisions
    # The right to reapply after fixing the non-conformities (IP-51-1.6).
    again = applications.application_start(actor=applicant, organization=draft.organization)
    assert again.reapplication_of == application


def test_an_outage_leaves_the_application_waiting_not_refused(
    draft: RegisterApplication, applicant: Any, simulator: Simulator
) -> None:
    make_healthy(simulator, draft.organization.identifier, ["720810"])
    simulator.sources["gbd_rn"].outage = True
    application = submit(applicant, draft)
    assert application.status == "verification_waiting"
    assert application.verification.status == "waiting"
    simulator.sources["gbd_rn"].outage = False
    from nisi.verification.services import verifications_perform

    with TestCase.captureOnCommitCallbacks(execute=True):
        verifications_perform(ids=[application.verification.pk])
    application.refresh_from_db()
    assert application.status == "assessment"


@pytest.mark.law("IP-51-1.6")
def test_a_positive_assessment_includes_the_producer_and_issues_the_extract(
    draft: RegisterApplication, applicant: Any, simulator: Simulator
) -> None:
    make_healthy(simulator, draft.organization.identifier, ["720810"])
    application = submit(applicant, draft)
    product = application.products.get()
    with clock.frozen(TODAY):
        decisions.assessment_record(
            actor=OFFICER,
            application=application,
            confirmed_operations={product.pk: ["heating", "rolling", "coiling"]},
            conditions_met={product.pk: True},
            evidence_sufficient=True,
            participants="Union of metallurgists",
        )
    application.refresh_from_db()
    assert application.status == "included"
    record = RegisterRecord.objects.get(organization=draft.organization)
    assert record.status == "included"
    good = record.goods.get()
    assert good.domestic_value_share == Decimal("85.00")
    assert good.tnved_code == "7208100000"
    assert list(RecordPeriod.objects.filter(record=record).values_list("included_from", "included_to")) == [
        (dt.date(2026, 3, 2), None)
    ]
    extract = Document.objects.get(kind="register_extract", subject_id=record.number)
    assert signature_valid(extract)
    assert extract.data["goods"][0]["domestic_value_share"] == "85.00"
    assert extract.pdf.read(5) == b"%PDF-"
    assert subject_status(extract)["current"] is True
    assert not Deadline.objects.filter(subject_id=application.number, status="open").exists()


@pytest.mark.law("IP-51-1.5")
def test_insufficient_evidence_leads_to_an_on_site_inspection_and_its_report_decides(
    draft: RegisterApplication, applicant: Any, simulator: Simulator
) -> None:
    make_healthy(simulator, draft.organization.identifier, ["720810"])
    application = submit(applicant, draft)
    product = application.products.get()
    decisions.assessment_record(
        actor=OFFICER,
        application=application,
        confirmed_operations={},
        conditions_met={},
        evidence_sufficient=False,
        participants="",
    )
    application.refresh_from_db()
    assert application.status == "inspection"
    with clock.frozen(TODAY):
        inspection = decisions.inspection_schedule(
            actor=OFFICER,
            application=application,
            on=dt.date(2026, 3, 10),
            participants="Ministry of Industry; Union of metallurgists",
        )
    with pytest.raises(decisions.DecisionError, match="Explain the negative result"):
        decisions.inspection_report(
            actor=OFFICER,
            inspection=inspection,
            report="Visited the mill.",
            confirmed_operations={product.pk: ["heating", "pickling"]},
            conditions_met={product.pk: True},
        )
    decisions.inspection_report(
        actor=OFFICER,
        inspection=inspection,
        report="Visited the mill.",
        confirmed_operations={product.pk: ["heating", "pickling"]},
        conditions_met={product.pk: True},
        reasons="Hot rolling is not done on site.",
    )
    application.refresh_from_db()
    assert application.status == "refused"
    finding = application.refusal_reasons[0]["findings"][0]
    assert finding["mandatory_missing"] == ["rolling"]
    assert finding["threshold_met"] is False


@pytest.mark.law("IP-51-1.9")
def test_goods_wholly_produced_skip_the_assessment(
    applicant: Any, producer: Any, hs_codes: None, simulator: Simulator
) -> None:
    application = applications.application_start(actor=applicant, organization=producer)
    applications.product_add(
        actor=applicant,
        application=application,
        hs_code="260300",
        name_ru="Руды и концентраты медные",
        annual_capacity=Decimal("50000"),
        unit="t",
        declared_operations=[],
        wholly_produced=True,
        wholly_produced_kind="natural_resources",
        wholly_produced_basis="Subsoil use licence No. 123-EL of 01.02.2020",
    )
    applications.application_consent(
        actor=applicant, application=application, personal_data=True, site_access=True, video_surveillance=True
    )
    make_healthy(simulator, producer.identifier, ["260300"])
    simulator.overrides[("gbd_ul", producer.identifier)]["oked"] = "07290"  # mining of non-ferrous metal ores
    simulator.profiles[producer.identifier] = "miner"  # its licence is in the subsoil use system
    application = submit(applicant, application)
    assert application.status == "included"
    assert application.verification.activities == ["natural_resources"]
    criteria = set(application.verification.results.values_list("criterion", flat=True))
    assert "subsoil_use_right" in criteria
    assert "manufacturing_oked" not in criteria
    good = RegisterRecord.objects.get(organization=producer).goods.get()
    assert good.domestic_value_share == Decimal("100.00")
    assert good.wholly_produced_kind == "natural_resources"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"personal_data": False}, "IP-51-1.2.1"),
        ({"video_surveillance": False}, "IP-51-1.2.3"),
    ],
)
def test_an_application_missing_a_consent_cannot_be_submitted(
    draft: RegisterApplication, applicant: Any, change: dict, message: str
) -> None:
    consents = {"personal_data": True, "site_access": True, "video_surveillance": True, **change}
    applications.application_consent(actor=applicant, application=draft, **consents)
    with pytest.raises(ApplicationError, match=message):
        applications.application_submit(actor=applicant, application=draft)
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert not Verification.objects.exists()


def test_a_video_that_is_not_a_video_is_refused(draft: RegisterApplication, applicant: Any) -> None:
    with pytest.raises(ApplicationError, match="not a video file"):
        applications.evidence_upload(
            actor=applicant,
            application=draft,
            kind="video",
            upload=io.BytesIO(b"%PDF-1.7 pretending"),
            name="process.mp4",
        )
    assert draft.evidence.count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"hs_code": "123456"}, "not a code of the HS 2022 classifier"),
        ({"tnved_code": "7209100000"}, "starts with the good's HS code"),
        ({"declared_operations": ["welding"]}, "not in the production conditions"),
        ({"foreign_materials_cost": Decimal("300000.00")}, "cannot exceed"),
        ({"hs_code": "847130", "tnved_code": ""}, "No production conditions"),
    ],
)
def test_bad_goods_are_refused_with_what_to_fix(
    draft: RegisterApplication, applicant: Any, fields: dict, message: str
) -> None:
    data = {
        "hs_code": "720825",
        "tnved_code": "",
        "name_ru": "Прокат",
        "annual_capacity": Decimal("10"),
        "unit": "t",
        "declared_operations": ["heating", "rolling", "coiling"],
        "ex_works_cost": Decimal("250000.00"),
        "foreign_materials_cost": Decimal("1.00"),
        **fields,
    }
    with pytest.raises(ApplicationError, match=message):
        applications.product_add(actor=applicant, application=draft, **data)
    assert draft.products.count() == 1


def test_only_the_authorized_body_assesses(draft: RegisterApplication, applicant: Any, simulator: Simulator) -> None:
    make_healthy(simulator, draft.organization.identifier, ["720810"])
    application = submit(applicant, draft)
    with pytest.raises(PermissionDenied):
        decisions.assessment_record(
            actor=applicant,
            application=application,
            confirmed_operations={},
            conditions_met={},
            evidence_sufficient=True,
            participants="",
        )
    application.refresh_from_db()
    assert application.status == "assessment"


def _two_goods(applicant: Any, application: RegisterApplication) -> None:
    applications.product_add(
        actor=applicant,
        application=application,
        hs_code="720851",
        name_ru="Прокат толстолистовой",
        annual_capacity=Decimal("30000"),
        unit="t",
        declared_operations=["heating", "rolling", "cutting"],
        ex_works_cost=Decimal("300000.00"),
        foreign_materials_cost=Decimal("60000.00"),
    )


@pytest.mark.law("IP-51-1.6")
def test_one_good_refused_does_not_refuse_the_others(
    draft: RegisterApplication, applicant: Any, simulator: Simulator
) -> None:
    _two_goods(applicant, draft)
    make_healthy(simulator, draft.organization.identifier, ["720810", "720851"])
    application = submit(applicant, draft)
    coil, plate = application.products.order_by("hs_code")
    with pytest.raises(decisions.DecisionError, match="720851 cannot be included"):
        decisions.assessment_record(
            actor=OFFICER,
            application=application,
            confirmed_operations={coil.pk: ["heating", "rolling", "coiling"], plate.pk: ["heating"]},
            conditions_met={coil.pk: True, plate.pk: True},
            included={coil.pk: True, plate.pk: True},
            evidence_sufficient=True,
            participants="",
        )
    with clock.frozen(TODAY):
        assessment = decisions.assessment_record(
            actor=OFFICER,
            application=application,
            confirmed_operations={coil.pk: ["heating", "rolling", "coiling"], plate.pk: ["heating"]},
            conditions_met={coil.pk: True, plate.pk: True},
            included={coil.pk: True, plate.pk: False},
            good_reasons={plate.pk: "Plate is rolled by a contractor abroad."},
            evidence_sufficient=True,
            participants="Union of metallurgists",
        )
    assert assessment.outcome == "partly"
    application.refresh_from_db()
    assert application.status == "included"
    [refusal] = application.refusal_reasons
    assert [f["code"] for f in refusal["findings"]] == ["720851"]
    assert refusal["findings"][0]["refusal_reasons"] == "Plate is rolled by a contractor abroad."
    record = RegisterRecord.objects.get(organization=draft.organization)
    assert [g.hs_code for g in record.goods.all()] == ["720810"]
    actions = [(e.action, e.provisions) for e in journal_of("register_application", application.number)]
    assert ("goods_refused", ["IP-51-1.6"]) in actions
    # The applicant may apply again for the good not included (IP-51-1.6).
    again = applications.application_start(actor=applicant, organization=draft.organization)
    assert again.reapplication_of == application


@pytest.mark.law("IP-51-1.6")
def test_an_application_with_no_good_included_is_refused(
    draft: RegisterApplication, applicant: Any, simulator: Simulator
) -> None:
    _two_goods(applicant, draft)
    make_healthy(simulator, draft.organization.identifier, ["720810", "720851"])
    application = submit(applicant, draft)
    coil, plate = application.products.order_by("hs_code")
    with pytest.raises(decisions.DecisionError, match="Explain the negative result for 720810"):
        decisions.assessment_record(
            actor=OFFICER,
            application=application,
            confirmed_operations={coil.pk: ["heating"], plate.pk: ["heating"]},
            conditions_met={},
            good_reasons={plate.pk: "Not rolled on site."},
            evidence_sufficient=True,
            participants="",
        )
    assessment = decisions.assessment_record(
        actor=OFFICER,
        application=application,
        confirmed_operations={coil.pk: ["heating"], plate.pk: ["heating"]},
        conditions_met={},
        good_reasons={coil.pk: "Coils are bought in.", plate.pk: "Not rolled on site."},
        evidence_sufficient=True,
        participants="",
    )
    assert assessment.outcome == "negative"
    application.refresh_from_db()
    assert application.status == "refused"
    assert set(application.products.values_list("decision", flat=True)) == {"refused"}
    assert not RegisterRecord.objects.filter(organization=draft.organization).exists()
