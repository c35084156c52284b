"""An entity's needs for a year, given by a form's lines, a file and again as a new version (IP-55.1, IP-57)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from nisi.core.csv_import import CsvImportError
from nisi.core.models import ClassifierCode, Deadline, JournalEntry, Notification
from nisi.industry_needs.models import NeedsReturn, ResearchNeed
from nisi.industry_needs.rules import NeedsError
from nisi.industry_needs.services import needs as services
from nisi.law import clock
from tests.industry_needs.conftest import research, specialist

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


@pytest.mark.law("IP-55.1")
def test_ip_55_1_an_entity_gives_its_needs_for_specialists_once_a_year(people: dict, today: dt.date) -> None:
    given = services.needs_submit(
        actor=people["entity"], kind="specialists", year=2026, lines=[specialist(), specialist(region="55")]
    )
    assert given.number.startswith("SPN-2026-")
    assert (given.version, given.current, given.late, given.due_on) == (1, True, False, dt.date(2026, 4, 1))
    assert given.specialists.count() == 2
    assert JournalEntry.objects.filter(subject_id=given.number, action="submitted").exists()
    assert Notification.objects.filter(subject_id=given.number, organization=people["plants"][0]).exists()
    with pytest.raises(NeedsError, match="given already as SPN-2026-"):
        services.needs_submit(actor=people["entity"], kind="specialists", year=2026, lines=[specialist()])
    # Another kind, another year, another entity: each its own.
    services.needs_submit(actor=people["entity"], kind="research", year=2026, lines=[research()])
    services.needs_submit(actor=people["entity"], kind="specialists", year=2025, lines=[specialist(year_needed=2026)])
    services.needs_submit(actor=people["entities"][1], kind="specialists", year=2026, lines=[specialist()])


@pytest.mark.law("IP-55.1")
def test_ip_55_1_a_future_year_and_bad_lines_are_refused_with_nothing_written(people: dict, today: dt.date) -> None:
    with pytest.raises(NeedsError, match="2027 has not begun"):
        services.needs_submit(actor=people["entity"], kind="specialists", year=2027, lines=[specialist()])
    with pytest.raises(NeedsError, match=r"Need 2: .*region"):
        services.needs_submit(
            actor=people["entity"], kind="specialists", year=2026, lines=[specialist(), specialist(region="99")]
        )
    with pytest.raises(NeedsError, match="The same need as line 1"):
        services.needs_submit(actor=people["entity"], kind="specialists", year=2026, lines=[specialist(), specialist()])
    with pytest.raises(NeedsError, match="at least one"):
        services.needs_submit(actor=people["entity"], kind="specialists", year=2026, lines=[])
    assert not NeedsReturn.objects.exists()


@pytest.mark.law("IP-57")
def test_ip_57_an_oked_code_must_be_in_the_classifier_once_it_is_loaded(people: dict, today: dt.date) -> None:
    ClassifierCode.objects.create(system="OKED", code="24101", level=5, name_ru="Производство чугуна")
    with pytest.raises(NeedsError, match="OKED code 24102 is not in the classifier"):
        services.needs_submit(actor=people["entity"], kind="research", year=2026, lines=[research(oked="24102")])
    given = services.needs_submit(actor=people["entity"], kind="research", year=2026, lines=[research()])
    assert [n.reference for n in given.research.all()] == [f"{given.number}-001"]


@pytest.mark.law("IP-55.1")
def test_ip_55_1_a_change_is_a_new_version_with_its_reason(people: dict, today: dt.date) -> None:
    first = services.needs_submit(actor=people["entity"], kind="specialists", year=2026, lines=[specialist()])
    with pytest.raises(NeedsError, match="Say why"):
        services.needs_amend(actor=people["entity"], needs=first, reason="", lines=[specialist(number=12)])
    with pytest.raises(PermissionDenied):
        services.needs_amend(
            actor=people["entities"][1], needs=first, reason="Расширение цеха", lines=[specialist(number=12)]
        )
    with clock.frozen(dt.date(2026, 4, 20)):
        second = services.needs_amend(
            actor=people["entity"], needs=first, reason="Расширение цеха", lines=[specialist(number=12)]
        )
    first.refresh_from_db()
    assert (first.current, second.current, second.version, second.replaces_id) == (False, True, 2, first.pk)
    assert second.late  # given after the term
    assert JournalEntry.objects.filter(subject_id=first.number, action="superseded").exists()
    with pytest.raises(PermissionDenied):  # a superseded version is not amended: the current one is
        services.needs_amend(actor=people["entity"], needs=first, reason="Ещё раз", lines=[specialist(number=1)])


def test_only_an_entity_s_own_users_give_needs(people: dict, today: dt.date) -> None:
    for who in ("officer", "auditor", "akimat", "institute"):
        with pytest.raises(PermissionDenied):
            services.needs_submit(actor=people[who], kind="specialists", year=2026, lines=[specialist()])
    with pytest.raises(PermissionDenied):
        services.needs_submit(actor=people["customer"], kind="specialists", year=2026, lines=[specialist()])


SPECIALISTS_CSV = (
    "year;speciality_code;speciality_name;number;region;year_needed;level\n"
    "2026;6B07101;Химическая инженерия;10;35;2027;bachelor\n"
    "2026;6B07201;Металлургия;4;55;2028;master\n"
    "2025;07150100;Сварочное дело;3;71;2026;tve\n"
)


@pytest.mark.law("IP-55.1")
def test_ip_55_1_needs_from_a_file_one_year_per_group_of_rows(people: dict, today: dt.date) -> None:
    made = services.needs_import(actor=people["entity"], kind="specialists", content=SPECIALISTS_CSV.encode())
    assert sorted((n.year, n.specialists.count(), n.source) for n in made) == [(2025, 1, "file"), (2026, 2, "file")]
    with pytest.raises(CsvImportError) as refused:  # the same years again: refused unless given as a new version
        services.needs_import(actor=people["entity"], kind="specialists", content=SPECIALISTS_CSV.encode())
    assert {p.line for p in refused.value.problems} == {2, 3, 4}
    again = services.needs_import(
        actor=people["entity"], kind="specialists", content=SPECIALISTS_CSV.encode(), amend_reason="Уточнение"
    )
    assert sorted(n.version for n in again) == [2, 2]


def test_a_file_with_bad_rows_names_every_one_and_stores_nothing(people: dict, today: dt.date) -> None:
    content = (
        "year,speciality_code,speciality_name,number,region,year_needed,level\n"
        "2026,6B07101,Химическая инженерия,10,35,2027,bachelor\n"
        "2026,6B07101,Химическая инженерия,десять,35,2027,bachelor\n"
        "2027,6B07101,Химическая инженерия,1,35,2027,bachelor\n"
        "2026,XYZ,Химическая инженерия,1,99,2027,bachelor\n"
    ).encode()
    with pytest.raises(CsvImportError) as refused:
        services.needs_import(actor=people["entity"], kind="specialists", content=content)
    problems = {p.line: p.message for p in refused.value.problems}
    assert set(problems) == {3, 4, 5}
    assert "number" in problems[3]
    assert "has not begun" in problems[4]
    assert "speciality" in problems[5]
    assert not NeedsReturn.objects.exists()


@pytest.mark.law("IP-57")
def test_ip_57_needs_for_research_from_a_file(people: dict, today: dt.date) -> None:
    content = (
        "year,subject,oked,desired_result,budget_min,budget_max,deadline,contact_consent\n"
        '2026,Переработка шлаков,24101,Технология извлечения металлов,"50 000 000",120000000,31.12.2027,да\n'
        "2026,Цифровой двойник печи,24101,Модель печи для управления,1000000,2000000,2027-06-30,no\n"
    ).encode()
    [made] = services.needs_import(actor=people["entity"], kind="research", content=content)
    assert [(n.subject, n.contact_consent) for n in ResearchNeed.objects.filter(needs=made)] == [
        ("Переработка шлаков", True),
        ("Цифровой двойник печи", False),
    ]
    bad = content.replace(b",no\n", b",maybe\n")
    with pytest.raises(CsvImportError, match="line 3: contact_consent"):
        services.needs_import(actor=people["entities"][1], kind="research", content=bad)


@pytest.mark.law("IP-55.1")
def test_ip_55_1_the_year_s_term_is_in_the_work_queue_of_those_who_gave_last_year(people: dict) -> None:
    with clock.frozen(dt.date(2025, 3, 1)):
        services.needs_submit(
            actor=people["entity"], kind="specialists", year=2025, lines=[specialist(year_needed=2026)]
        )
    with clock.frozen(dt.date(2026, 1, 5)):
        assert services.needs_deadlines_open() == 1
        assert services.needs_deadlines_open() == 0  # once
        deadline = Deadline.objects.get(organization=people["plants"][0])
        assert (deadline.due_on, deadline.provision, deadline.status) == (dt.date(2026, 4, 1), "IP-55.1", "open")
        services.needs_submit(actor=people["entity"], kind="specialists", year=2026, lines=[specialist()])
    deadline.refresh_from_db()
    assert deadline.status == "done"
