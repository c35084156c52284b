"""The National Report's services: inputs with deadlines, the build from the other apps' selectors with traces and
suppression, and the reproducible, signed editions."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from nisi.core.models import Deadline, Document
from nisi.core.services.documents import document_check
from nisi.law import clock
from nisi.reporting.models import NationalReport, ReportInput, ReportTrace
from nisi.reporting.report_messages import INPUT_DEADLINE
from nisi.reporting.rules.report import ReportError
from nisi.reporting.services import report as services
from tests.reporting.report.conftest import CUT_OFF

pytestmark = pytest.mark.django_db


def _open(actors: dict[str, Any]) -> list[ReportInput]:
    return services.report_inputs_open(actor=actors["officer"], year=2025, bodies=[actors["ministry"]])


@pytest.mark.law("IP-5.2")
def test_ip_5_2_inputs_opened_for_every_akimat_and_each_body_with_deadlines(actors: dict[str, Any], today: Any) -> None:
    opened = _open(actors)
    assert len(opened) == 21  # 20 regions, cities of republican significance and the capital, and the ministry
    deadlines = Deadline.objects.filter(kind=INPUT_DEADLINE)
    assert deadlines.count() == 21
    assert {d.due_on for d in deadlines} == {dt.date(2026, 3, 2)}
    body = deadlines.get(organization=actors["ministry"])
    assert body.responsible_role == "responsible_body"
    assert body.provision == "IP-5.2"
    assert _open(actors) == []  # opening again adds nothing


def test_only_the_authorized_body_opens_inputs(actors: dict[str, Any], today: Any) -> None:
    for who in ("akimat", "body", "auditor", "applicant"):
        with pytest.raises(PermissionDenied):
            services.report_inputs_open(actor=actors[who], year=2025, bodies=[])


@pytest.mark.law("IP-5.2")
def test_ip_5_2_akimat_gives_its_input_late_and_its_deadline_closes(actors: dict[str, Any], today: Any) -> None:
    _open(actors)
    mine = ReportInput.objects.get(year=2025, region_id="35")
    done = services.report_input_submit(
        actor=actors["akimat"],
        report_input=mine,
        sections=[{"title": "Итоги", "text": "Выпуск вырос."}],
        figures=[services.Figure("Рабочие места", Decimal("1250"), "чел.")],
    )
    assert done.status == "submitted"
    assert done.late
    assert Deadline.objects.get(subject_id=str(mine.pk), kind=INPUT_DEADLINE).status == "done"
    with pytest.raises(PermissionDenied):  # given once
        services.report_input_submit(
            actor=actors["akimat"], report_input=mine, sections=[{"title": "a", "text": "b"}], figures=[]
        )


def test_an_akimat_gives_only_its_region_and_bad_input_is_refused(actors: dict[str, Any], today: Any) -> None:
    _open(actors)
    other = ReportInput.objects.get(year=2025, region_id="35")
    with pytest.raises(PermissionDenied):
        services.report_input_submit(
            actor=actors["akimat_away"], report_input=other, sections=[{"title": "a", "text": "b"}], figures=[]
        )
    with pytest.raises(ReportError):
        services.report_input_submit(actor=actors["akimat"], report_input=other, sections=[], figures=[])
    with pytest.raises(ReportError):
        services.report_input_submit(
            actor=actors["akimat"], report_input=other, sections=[{"title": "Итоги", "text": ""}], figures=[]
        )
    other.refresh_from_db()
    assert other.status == "awaited"  # nothing half-written


def test_a_report_is_refused_for_a_cut_off_inside_the_year(actors: dict[str, Any], today: Any) -> None:
    with pytest.raises(ReportError):
        services.report_request(actor=actors["officer"], year=2025, cut_off=dt.date(2025, 12, 1))
    with pytest.raises(PermissionDenied):
        services.report_request(actor=actors["akimat"], year=2025, cut_off=CUT_OFF)
    assert not NationalReport.objects.exists()


def _text(pdf: bytes, tmp: Path, name: str) -> list[str]:
    path = tmp / f"{name}.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout
    return out.split("\f")


@pytest.fixture
def world(actors: dict[str, Any], producers: Any, people: Any, included: Any, today: Any) -> dict[str, Any]:
    with clock.frozen(dt.date(2025, 6, 1)):
        producers(4, "35", "72")
        producers(2, "71", "84")  # two producers: their region's and chapter's cells are suppressed
        for _ in range(3):
            included()  # three projects of one initiator in Karaganda: one entity, suppressed
    with clock.frozen(dt.date(2026, 1, 15)):
        _open(actors)
    with clock.frozen(dt.date(2026, 3, 5)):  # after 2 March: late, before the cut-off
        services.report_input_submit(
            actor=actors["body"],
            report_input=ReportInput.objects.get(year=2025, organization=actors["ministry"]),
            sections=[{"title": "Энергетика", "text": "Ввод мощностей."}],
            figures=[services.Figure("Мощность", Decimal("350.5"), "МВт")],
        )
    return actors


@pytest.mark.law("IP-5.2")
def test_ip_5_2_the_report_is_built_traced_suppressed_signed(
    world: dict[str, Any], tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_request(actor=world["officer"], year=2025, cut_off=CUT_OFF)
    report.refresh_from_db()  # eager: built when the request committed
    assert report.status == "ready"
    assert report.progress == 100
    tables = report.data["tables"]
    regions = {c["key"]: c for c in tables["register_regions"]["cells"]}
    assert regions["35"]["count"] == 4
    assert regions["71"]["suppressed"]
    assert regions["71"]["count"] is None
    assert regions["10"]["count"] == 0
    assert {c["key"]: c["suppressed"] for c in tables["register_groups"]["cells"]} == {"72": False, "84": True}
    map_regions = {c["key"]: c for c in tables["map_regions"]["cells"]}
    assert map_regions["35"]["suppressed"]  # three projects, one initiator
    assert report.data["timeliness"] == {"on_time": 0, "late": 1, "missing": 20, "awaited": 0}
    trace = ReportTrace.objects.get(report=report, table="register_regions")
    assert trace.source == "nisi.registry.statistics.producers_on"
    assert trace.query == {"on": "2026-03-15"}
    assert trace.cells["71"]["count"] == 2
    assert len(trace.cells["71"]["ids"]) == 2
    assert ReportTrace.objects.get(report=report, table="map_regions").cells["35"]["entities"] == 1
    editions = {e.language: e for e in report.editions.all()}
    assert set(editions) == {"kk", "ru", "en"}
    for language, edition in editions.items():
        document = edition.document
        assert document_check(document).status == "valid"
        assert document.data["pdf_sha256"] == edition.pdf_sha256 == hashlib.sha256(edition.pdf.read()).hexdigest()
        pages = _text(edition.signed_pdf.read(), tmp_path, language)
        assert document.token in "".join(pages).replace("\n", "")
    en = _text(editions["en"].pdf.open("rb").read(), tmp_path, "en-content")
    assert "National Report on the State of Industry" in en[0]
    assert "suppressed" in "".join(en)
    assert "Энергетика" in "".join(en)


@pytest.mark.law("IP-5.2")
def test_ip_5_2_built_again_from_the_same_cut_off_the_same_bytes(
    world: dict[str, Any], tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        first = services.report_request(actor=world["officer"], year=2025, cut_off=CUT_OFF)
    with (
        clock.frozen(dt.datetime(2026, 3, 21, 15, 30, tzinfo=clock.now().tzinfo)),
        django_capture_on_commit_callbacks(execute=True),
    ):  # a day later
        second = services.report_request(actor=world["officer"], year=2025, cut_off=CUT_OFF)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.number != second.number
    assert first.digest == second.digest
    for language in ("kk", "ru", "en"):
        a, b = first.editions.get(language=language), second.editions.get(language=language)
        assert a.pdf.read() == b.pdf.read()  # the report's pages: the same bytes
        assert a.html == b.html
        # The signed PDFs differ only on the signature page (its time, number, token and QR code).
        pages_a = _text(a.signed_pdf.read(), tmp_path, f"a-{language}")
        pages_b = _text(b.signed_pdf.read(), tmp_path, f"b-{language}")
        signature_a = next(i for i, p in enumerate(pages_a) if "Ed25519" in p)
        assert pages_a[:signature_a] == pages_b[:signature_a]
        assert pages_a[signature_a] != pages_b[signature_a]
        assert a.document.issued_at != b.document.issued_at
    assert Document.objects.filter(kind="national_report").count() == 6
