"""The page of a grant agreement's yearly results (IP-42.1, IP-27.4): the recipient reports by form or file and
sees what it would owe today; after the year the institute determines the refund, with its signed decision."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from nisi.incentives.models import GrantRefund, GrantResultReport
from nisi.law import clock
from tests.incentives.grant_results_fixtures import paid_agreement
from tests.incentives.grants_fixtures import Grants
from tests.incentives.test_pages import client_of

pytestmark = pytest.mark.django_db


def test_the_recipient_reports_sees_what_it_owes_and_the_institute_determines(
    grants_world: Grants, english: None
) -> None:
    agreement = paid_agreement(grants_world)
    applicant = client_of(grants_world.users["applicant"])
    institute = client_of(grants_world.users["institute"])
    url = f"/en/incentives/grants/agreements/{agreement.number}/results/"
    assert "Yearly figures" in applicant.get(f"/en/incentives/grants/agreements/{agreement.number}/").content.decode()
    with clock.frozen(dt.date(2026, 12, 20)):
        assert "Report the actual figures" in applicant.get(url).content.decode()
        bad = applicant.post(url, {"step": "report", "year": "2026", "labour_productivity": "-1"})
        assert bad.status_code == 200
        assert "cannot be negative" in bad.content.decode()
        assert not GrantResultReport.objects.exists()
        done = applicant.post(url, {"step": "report", "year": "2026", "labour_productivity": "10"})
        assert done.status_code == 302
        page = applicant.get(url).content.decode()
        assert "What you would owe today" in page
        assert "(provisional)" in page
        assert institute.post(url, {"step": "report", "year": "2026"}).status_code == 403
    with clock.frozen(dt.date(2027, 1, 15)):
        done = institute.post(url, {"step": "determine_refund", "year": "2026"})
        assert done.status_code == 302
        refund = GrantRefund.objects.get()
        page = applicant.get(url).content.decode()
        assert "Refund determined" in page
        assert refund.document is not None
        assert refund.document.token in page
        pdf = applicant.get(f"/en/documents/{refund.document.token}.pdf")
        assert pdf.status_code == 200
        assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_a_bad_file_names_its_lines_and_writes_nothing(grants_world: Grants, english: None) -> None:
    agreement = paid_agreement(grants_world)
    applicant = client_of(grants_world.users["applicant"])
    url = f"/en/incentives/grants/agreements/{agreement.number}/results/"
    content = b"year,area,actual\n2026,labour_productivity,5\n2031,export_output,1\n"
    with clock.frozen(dt.date(2026, 12, 20)):
        page = applicant.post(url, {"step": "upload", "file": SimpleUploadedFile("f.csv", content)})
    assert page.status_code == 200
    assert "Line 3" in page.content.decode()
    assert not GrantResultReport.objects.exists()
