"""The National Report's section on the assessment of industrial development (IP-6.1) and the effectiveness of the
measures (IP-6.3): the assessment forms' returns filed by the cut-off, summed per form, period and figure, suppressed
under three organizations, in every edition, and each figure traced to the returns it was summed from."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import Any

import pytest

from nisi.core.authz import actor_for
from nisi.core.roles import Role
from nisi.law import clock
from nisi.reporting.models import AssessmentReturn, ReportTrace
from nisi.reporting.rules.assessment import Field
from nisi.reporting.services import assessment
from nisi.reporting.services import report as services
from tests.reporting.report.conftest import CUT_OFF

pytestmark = pytest.mark.django_db

FIELDS = [
    Field("employees", "integer", True, {"kk": "Қызметкерлер саны", "ru": "Численность работников", "en": "Employees"}),
    Field("output", "amount", True, {"kk": "Өнім көлемі", "ru": "Объём продукции", "en": "Output, tenge"}),
    Field("note", "text", False, {"kk": "Ескерту", "ru": "Примечание", "en": "Note"}),
]


def _form(officer: Any, code: str, purpose: str, organizations: list[Any]) -> Any:
    form = assessment.form_create(actor=officer, code=code, title=f"Форма {code}", purpose=purpose, periodicity="year")
    version = assessment.version_draft(actor=officer, form=form, fields=FIELDS)
    assessment.version_approve(actor=officer, version=version, in_force_from=clock.today(), statistics_agreement="№ 1")
    assessment.filers_add(actor=officer, form=form, identifiers=[o.identifier for o in organizations])
    return form


def _file(form: Any, organization: Any, make_user: Any, employees: int) -> AssessmentReturn:
    actor = actor_for(make_user(Role.APPLICANT, organization=organization))
    values = {"employees": str(employees), "output": f"{employees * 1000}.50", "note": "—"}
    return assessment.return_submit(actor=actor, form=form, organization=organization, year=2025, values=values)


@pytest.fixture
def returns(actors: dict[str, Any], make_org: Any, make_user: Any, today: Any) -> dict[str, list[AssessmentReturn]]:
    officer = actors["officer"]
    orgs = [make_org(f"ТОО «Завод {k}»") for k in range(4)]
    with clock.frozen(dt.date(2026, 1, 12)):
        development = _form(officer, "ip61-yearly", "assessment", orgs)
        effectiveness = _form(officer, "ip63-yearly", "effectiveness", orgs[:2])
    with clock.frozen(dt.date(2026, 2, 10)):  # before the cut-off
        counted = [_file(development, org, make_user, 10 * (k + 1)) for k, org in enumerate(orgs[:3])]
        two = [_file(effectiveness, org, make_user, 5) for org in orgs[:2]]
    with clock.frozen(dt.date(2026, 3, 18)):  # after the cut-off: not in the report
        late = [_file(development, orgs[3], make_user, 1000)]
    return {"counted": counted, "two": two, "late": late}


def _pdf_text(pdf: bytes, tmp: Path) -> str:
    path = tmp / "report.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout


@pytest.mark.law("IP-6.1")
def test_ip_6_1_the_assessment_returns_are_a_section_traced_to_them(
    actors: dict[str, Any],
    returns: dict[str, list[AssessmentReturn]],
    tmp_path: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_request(actor=actors["officer"], year=2025, cut_off=CUT_OFF)
    report.refresh_from_db()
    assert report.status == "ready"
    cells = {c["key"]: c for c in report.data["tables"]["assessment_development"]["cells"]}
    assert set(cells) == {"ip61-yearly|2025|employees", "ip61-yearly|2025|output"}  # a text field is no figure
    assert cells["ip61-yearly|2025|employees"] == {
        "key": "ip61-yearly|2025|employees",
        "count": 3,
        "amount": "60.00",  # 10 + 20 + 30; the return filed after the cut-off is not counted
        "jobs": 0,
        "suppressed": False,
    }
    trace = ReportTrace.objects.get(report=report, table="assessment_development")
    assert trace.source == "nisi.reporting.selectors.report.assessment_returns"
    assert trace.query == {"year": 2025, "cut_off": CUT_OFF.isoformat(), "purpose": "assessment"}
    figure = trace.cells["ip61-yearly|2025|employees"]
    assert figure["ids"] == sorted(r.pk for r in returns["counted"])  # the figure traces to its returns
    assert figure["entities"] == 3
    summed = sum(int(AssessmentReturn.objects.get(pk=pk).values["employees"]) for pk in figure["ids"])
    assert summed == 60
    assert returns["late"][0].pk not in figure["ids"]
    effectiveness = {c["key"]: c for c in report.data["tables"]["assessment_effectiveness"]["cells"]}
    assert effectiveness["ip63-yearly|2025|employees"]["suppressed"]  # two organizations (IP-6.3)
    assert effectiveness["ip63-yearly|2025|employees"]["amount"] is None
    assert ReportTrace.objects.get(report=report, table="assessment_effectiveness").cells["ip63-yearly|2025|employees"][
        "ids"
    ] == sorted(r.pk for r in returns["two"])
    editions = {e.language: e for e in report.editions.all()}
    assert "Форма ip61-yearly — 2025 — Employees" in editions["en"].html
    assert "Численность работников" in editions["ru"].html
    assert "Қызметкерлер саны" in editions["kk"].html
    text = " ".join(_pdf_text(editions["en"].pdf.read(), tmp_path).split())
    assert "Assessment of industrial development: the returns of the assessment forms (IP-6.1)" in text
    assert "Effectiveness of the measures of state incentives: the returns of the forms (IP-6.3)" in text
    assert "60.00" in text
