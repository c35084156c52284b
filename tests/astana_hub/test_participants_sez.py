"""Import of the SEZ "Park of Innovative Technologies" single register (AH-7.2.1): all rows or none, every bad row
reported with its line number, the same extract imported twice changes nothing, a later extract records an exclusion."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from nisi.astana_hub import participation
from nisi.astana_hub.models import SezParticipant
from nisi.astana_hub.services.participants_sez import SezImportError, sez_import
from nisi.core import identifiers
from nisi.core.models import JournalEntry, Organization
from tests.astana_hub.conftest import AUDITOR, FUND, member_of

D = dt.date
NEW = identifiers.complete("21104000036")
HEADER = "bin,register_number,included_on,excluded_on,outside_territory,name\n"


@pytest.mark.law("AH-7.2.1")
def test_every_bad_row_is_reported_and_nothing_is_written(make_org: Any, english: None) -> None:
    known = make_org()
    unknown_without_name = identifiers.complete("22104000017")
    content = (
        HEADER
        + f"{known.identifier},PIT-1,2024-01-10,,no,\n"  # line 2: good
        + f"{known.identifier[:11]}{(int(known.identifier[11]) + 1) % 10},PIT-2,2024-01-10,,no,\n"  # 3: check digit
        + f"{unknown_without_name},PIT-3,2024-01-10,,no,\n"  # 4: unknown BIN, no name
        + f"{NEW},PIT-4,2024-01-10,2023-01-01,no,ТОО «New»\n"  # 5: excluded before included
        + "\n"  # 6: an empty line is skipped
        + f"{known.identifier},PIT-1b,2024-01-10,,no,\n"  # 7: the same BIN and inclusion date as line 2
    )
    with pytest.raises(SezImportError) as caught:
        sez_import(actor=FUND, content=content.encode(), source="test")
    lines = [p.line for p in caught.value.problems]
    assert lines == [3, 4, 5, 7]
    messages = " | ".join(p.message for p in caught.value.problems)
    assert "does not match its check digit" in messages
    assert "give its registered name in the name column" in messages
    assert "before the date of inclusion" in messages
    assert "already on line 2" in messages
    assert not SezParticipant.objects.exists()
    assert not Organization.objects.filter(identifier=NEW).exists()
    assert not JournalEntry.objects.filter(subject_type="sez_participant").exists()


@pytest.mark.law("AH-7.2.1")
def test_import_creates_named_organizations_and_is_idempotent(make_org: Any) -> None:
    known = make_org(name="ТОО «Known»")
    content = (
        "bin;register_number;included_on;excluded_on;outside_territory;name\n"
        f"{known.identifier};PIT-1;10.01.2024;;да;\n"
        f"{NEW};PIT-2;2024-02-01;;no;ТОО «New»\n"
    ).encode("cp1251")  # Excel in a Russian locale: semicolons, Windows-1251
    result = sez_import(actor=FUND, content=content, source="extract of 01.03.2025")
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    assert result.organizations_created == [NEW]
    assert Organization.objects.get(identifier=NEW).name == "ТОО «New»"
    entry = SezParticipant.objects.get(organization=known)
    assert entry.outside_territory is True
    assert entry.source == "extract of 01.03.2025"
    again = sez_import(actor=FUND, content=content, source="again")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert participation.is_participant(known.pk, D(2024, 1, 10))
    assert not participation.is_hub_participant(known.pk, D(2024, 1, 10))
    # A later extract records the exclusion; the basis ends that day.
    later = f"{HEADER}{known.identifier},PIT-1,2024-01-10,2025-01-01,yes,\n".encode()
    assert sez_import(actor=FUND, content=later, source="extract of 01.02.2025").updated == 1
    assert participation.is_participant(known.pk, D(2024, 12, 31))
    assert not participation.is_participant(known.pk, D(2025, 1, 1))
    journal = JournalEntry.objects.filter(subject_type="sez_participant", subject_id=f"{known.identifier}:2024-01-10")
    assert list(journal.values_list("action", flat=True)) == ["recorded", "updated"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty"),
        (b"bin,number\n1,2\n", "missing: included_on, register_number"),
        (HEADER.encode(), "has a header but no rows"),
        (b"\xff\xfe\x00\x00garbage\x81\x8d", "bin"),  # not UTF-8: read as Windows-1251, then the header is wrong
    ],
)
def test_a_file_that_cannot_be_read_says_why(content: bytes, message: str, english: None, db: None) -> None:
    with pytest.raises(SezImportError) as caught:
        sez_import(actor=FUND, content=content, source="x")
    assert message in caught.value.problems[0].message


def test_only_the_fund_imports(make_org: Any) -> None:
    for actor in (AUDITOR, member_of(make_org())):
        with pytest.raises(PermissionDenied):
            sez_import(actor=actor, content=b"", source="x")


def test_one_row_naming_a_new_organization_serves_its_other_rows(db: None) -> None:
    content = f"{HEADER}{NEW},PIT-9,2020-01-01,2021-01-01,no,\n{NEW},PIT-10,2023-01-01,,no,ТОО «New»\n".encode()
    result = sez_import(actor=FUND, content=content, source="x")
    assert result.created == 2
    assert result.organizations_created == [NEW]
