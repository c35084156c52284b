"""Domestic raw materials in the demo: `nisi demo` runs twice and leaves copper concentrate listed with a producer
and a new facility, their shares, an agreement fulfilled, one terminated with its manufacturer barred, a refused
application, an issued licence with its signed PDF and one awaiting the decision — made once."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command

from nisi.core.models import Organization
from nisi.core.services.documents import document_check
from nisi.core.services.organizations import regions_load
from nisi.demo.raw_materials import raw_materials_demo
from nisi.law import clock
from nisi.raw_materials import selectors
from nisi.raw_materials.models import Agreement, ExportLicence, ListingApplication, ManufacturerBar, RawMaterial

DAY = dt.date(2026, 12, 2)


def _counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in (ListingApplication, Agreement, ExportLicence, ManufacturerBar)}


@pytest.mark.django_db(transaction=True)
def test_the_demo_shows_domestic_raw_materials_and_runs_twice(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    regions_load()
    with clock.frozen(DAY):
        call_command("demo", stdout=io.StringIO())
        made = _counts()
        raw_materials_demo(list(Organization.objects.order_by("pk")))
        assert _counts() == made
        view = selectors.standing(RawMaterial.objects.get(code="260300"), DAY)
    assert made == {"ListingApplication": 2, "Agreement": 2, "ExportLicence": 2, "ManufacturerBar": 1}
    assert sorted(str(line.listing.value) for line in view.lines) == ["listed", "new_facility"]
    assert sorted(line.share.value for line in view.lines if line.share) == [Decimal("15.00"), Decimal("85.00")]
    assert ListingApplication.objects.get(status="refused").grounds[0]["kind"] == "incomplete_documents"
    issued = ExportLicence.objects.get(status="issued")
    assert issued.document is not None
    assert document_check(issued.document).status == "valid"
    assert ExportLicence.objects.filter(status="applied").count() == 1
