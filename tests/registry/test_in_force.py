"""The register's acts check that their provision applied on the act's date (IP-51-1 … 51-7 apply from sixty days
after Law No. 188-VIII was published) and refuse in words instead of failing inside verification."""

import datetime as dt
from typing import Any

import pytest
from django.test import TestCase

from nisi.law import clock
from nisi.law.provisions import NotInForce
from nisi.registry.models import RegisterApplication
from nisi.registry.services import applications, monitoring
from nisi.registry.services.applications import ApplicationError
from nisi.registry.services.monitoring import MonitoringError
from nisi.verification.services import verification_create
from tests.registry.conftest import OFFICER

BEFORE = dt.date(2025, 7, 19)  # the last day before Articles 51-1 … 51-7 applied
FIRST = dt.date(2025, 7, 20)


@pytest.mark.law("IP-51-1.1")
def test_an_application_cannot_be_started_before_the_register_existed(
    applicant: Any, producer: Any, english: None
) -> None:
    with clock.frozen(BEFORE), pytest.raises(ApplicationError, match=r"IP-51-1.1 applies from July 20, 2025"):
        applications.application_start(actor=applicant, organization=producer)
    with clock.frozen(FIRST):
        assert applications.application_start(actor=applicant, organization=producer).status == "draft"


@pytest.mark.law("IP-51-1.3")
def test_an_application_submitted_before_the_register_existed_is_refused_not_left_verifying(
    draft: RegisterApplication, applicant: Any, english: None
) -> None:
    with (
        clock.frozen(BEFORE),
        TestCase.captureOnCommitCallbacks(execute=True),
        pytest.raises(ApplicationError, match=r"IP-51-1.3 applies from July 20, 2025"),
    ):
        applications.application_submit(actor=applicant, application=draft)
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert draft.verification is None


@pytest.mark.law("IP-51-1.3")
def test_a_verification_dated_before_its_criteria_applied_is_refused(producer: Any) -> None:
    with pytest.raises(NotInForce):
        verification_create(
            purpose="registry_application",
            subject_type="register_application",
            subject_id="APP-X",
            organization=producer,
            on=BEFORE,
            declared_codes=["720810"],
            site_kato="351010000",
        )


@pytest.mark.law("IP-51-4.1")
def test_no_quarter_before_the_register_is_monitored(db: None, english: None) -> None:
    with pytest.raises(MonitoringError, match=r"IP-51-4.1 applies from July 20, 2025"):
        monitoring.monitoring_start(actor=OFFICER, quarter="2025-Q2")
    assert monitoring.monitoring_start(actor=OFFICER, quarter="2025-Q3").quarter == "2025-Q3"
