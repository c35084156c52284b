"""The build in two stages: the figures stored and one task owed per language's edition (the outbox), then each
edition adding its share of the progress, the last marking the report ready; an edition delivered twice is made
once."""

from __future__ import annotations

from typing import Any

import pytest

from nisi.core.models import Document, OutboxTask
from nisi.reporting.models import NationalReport
from nisi.reporting.services import report as services
from tests.reporting.report.conftest import CUT_OFF

pytestmark = pytest.mark.django_db


def test_the_editions_are_tasks_of_their_own_and_the_progress_follows(actors: dict[str, Any], today: Any) -> None:
    report = services.report_request(actor=actors["officer"], year=2025, cut_off=CUT_OFF)  # not committed: queued
    report = services.report_build(report_id=report.pk)
    assert (report.status, report.progress, report.step) == ("building", 55, "editions")
    assert report.traces.count() == 12  # eleven tables (the effectiveness of measures among them) and the inputs
    owed = OutboxTask.objects.filter(name=services.EDITION_TASK).order_by("pk")
    assert [row.args for row in owed] == [[report.pk, "kk"], [report.pk, "ru"], [report.pk, "en"]]
    assert services.report_build(report_id=report.pk).progress == 55  # delivered twice: the figures once
    assert OutboxTask.objects.filter(name=services.EDITION_TASK).count() == 3
    progress = []
    for language in ("ru", "kk", "ru", "en"):  # ru delivered twice
        progress.append(services.report_edition(report_id=report.pk, language=language).progress)
    assert progress == [70, 85, 85, 100]
    report = NationalReport.objects.get(pk=report.pk)
    assert report.status == "ready"
    assert report.finished_at is not None
    assert sorted(report.editions.values_list("language", flat=True)) == ["en", "kk", "ru"]
    assert Document.objects.filter(kind="national_report").count() == 3
