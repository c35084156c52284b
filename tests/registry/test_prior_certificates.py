"""CT-KZ and industrial certificates and the IP-51 database, imported read-only (IP-68), answer "was this
organization a recognised domestic producer on D" for the days before the register."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client

from nisi.core.authz import SYSTEM, Actor, Grant
from nisi.core.csv_import import CsvImportError
from nisi.core.models import JournalEntry
from nisi.core.roles import Role
from nisi.registry import selectors
from nisi.registry.models import PriorCertificate
from nisi.registry.services.certificates import certificates_import

D = dt.date
HEADER = "kind;number;identifier;organization_name;hs_code;product_name;issued_on;valid_to\n"
GOOD = (
    HEADER + "ct_kz;KZ-2024-000123;100140000003;ТОО «Болат»;720810;Прокат;15.03.2024;14.03.2025\n"
    "industrial;IC-77;100140000003;ТОО «Болат»;;;2025-04-01;2026-06-30\n"
    "ip51_database;DB-5;061211600012;ИП Ахметов;940360;Мебель;2023-05-05;2027-05-04\n"
)


def _import(text: str, actor: Actor = SYSTEM) -> Any:
    return certificates_import(actor=actor, content=text.encode("utf-8"), source_name="extract.csv")


@pytest.mark.law("IP-68")
def test_certificates_answer_for_the_days_before_the_register_and_end_with_2025(db: None) -> None:
    result = _import(GOOD)
    assert (result.created, result.unchanged) == (3, 0)
    assert [c.number for c in selectors.prior_recognition("100140000003", D(2024, 6, 1))] == ["KZ-2024-000123"]
    assert selectors.prior_recognition("100140000003", D(2025, 3, 20)) == []  # the CT-KZ lapsed, IC not yet
    # Printed valid into 2026, the industrial certificate lost its force when IP-68 ended them all.
    assert [c.number for c in selectors.prior_recognition("100140000003", D(2025, 12, 31))] == ["IC-77"]
    assert selectors.prior_recognition("100140000003", D(2026, 1, 1)) == []
    assert [c.kind for c in selectors.prior_recognition("061211600012", D(2025, 7, 1))] == ["ip51_database"]


@pytest.mark.law("IP-68")
def test_a_bad_extract_is_refused_line_by_line_and_nothing_is_written(db: None, english: None) -> None:
    bad = (
        HEADER + "ct_kz;A-1;100140000003;ТОО «Болат»;;;2024-01-01;2024-12-31\n"
        "passport;A-2;100140000003;ТОО «Болат»;;;2024-01-01;2024-12-31\n"
        "ct_kz;A-3;100140000004;ТОО «Болат»;;;2024-01-01;2024-12-31\n"
        "ct_kz;A-4;100140000003;ТОО «Болат»;;;2026-01-05;2026-12-31\n"
        "ct_kz;A-5;100140000003;ТОО «Болат»;;;2024-05-01;2024-04-01\n"
        "ct_kz;A-1;100140000003;ТОО «Болат»;;;2024-01-01;2024-12-31\n"
    )
    with pytest.raises(CsvImportError) as refused:
        _import(bad)
    lines = {p.line: p.message for p in refused.value.problems}
    assert sorted(lines) == [3, 4, 5, 6, 7]
    assert "kind" in lines[3]
    assert "identifier" in lines[4]
    assert "issued until 2026-01-01" in lines[5]
    assert "before the day of issue" in lines[6]
    assert "same certificate as line 2" in lines[7]
    assert not PriorCertificate.objects.exists()


def test_an_imported_certificate_is_never_changed(db: None, english: None) -> None:
    _import(GOOD)
    assert _import(GOOD).unchanged == 3
    changed = GOOD.replace("14.03.2025", "14.03.2026")
    with pytest.raises(CsvImportError, match="never changed"):
        _import(changed)
    assert PriorCertificate.objects.get(number="KZ-2024-000123").valid_to == D(2025, 3, 14)
    assert JournalEntry.objects.filter(subject_type="prior_certificates", action="imported").count() == 2


def test_only_the_authorized_body_imports(db: None) -> None:
    applicant = Actor(user_id=1, label="applicant", grants=(Grant(Role.APPLICANT, organization_id=1),))
    with pytest.raises(PermissionDenied):
        _import(GOOD, actor=applicant)


@pytest.mark.law("IP-68")
def test_the_cli_imports_and_looks_up(db: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ct-kz.csv"
    path.write_text(GOOD, encoding="utf-8")
    call_command("certificates", "import", str(path))
    assert "3 certificate(s) imported" in capsys.readouterr().out
    call_command("certificates", "lookup", "100140000003", "--on", "2024-06-01")
    out = capsys.readouterr().out
    assert "by a prior certificate (IP-68)" in out
    assert "KZ-2024-000123" in out
    call_command("certificates", "lookup", "100140000003", "--on", "2026-02-01")
    assert "was not a recognised domestic producer" in capsys.readouterr().out


@pytest.mark.law("IP-68")
def test_the_public_lookup_answers_a_day_before_the_register_from_prior_certificates(
    db: None, client: Client, english: None
) -> None:
    _import(GOOD)
    answer = client.get("/api/v1/register/producers/100140000003", {"on": "2024-06-01"}).json()
    assert answer["source"] == "prior_certificate"
    assert answer["recognized"] is True
    assert answer["register_from"] == "2025-07-20"
    assert [c["number"] for c in answer["certificates"]] == ["KZ-2024-000123"]
    none = client.get("/api/v1/register/producers/100140000003", {"on": "2025-03-20"}).json()
    assert (none["recognized"], none["certificates"]) == (False, [])
    # After the register began, the register answers (this BIN never was in it).
    assert client.get("/api/v1/register/producers/100140000003", {"on": "2025-08-01"}).status_code == 404
    page = client.get("/en/register/producers/100140000003/", {"on": "2024-06-01"})
    assert page.status_code == 200
    body = page.content.decode()
    assert "comes from those prior certificates" in body
    assert "KZ-2024-000123" in body


@pytest.mark.law("IP-68")
def test_an_answer_from_prior_certificates_is_kept_until_an_import_names_its_bin(
    db: None, client: Client, english: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nisi.registry import selectors as registry_selectors

    path = "/api/v1/register/producers/100140000003"
    assert client.get(path, {"on": "2024-06-01"}).json()["recognized"] is False  # nothing imported yet: kept
    real = registry_selectors.prior_recognition
    monkeypatch.setattr(registry_selectors, "prior_recognition", lambda *a: pytest.fail("asked again"))
    kept = client.get(path, {"on": "2024-06-01"})
    assert (kept.status_code, kept.json()["recognized"], kept["Cache-Control"]) == (200, False, "public, max-age=60")
    monkeypatch.setattr(registry_selectors, "prior_recognition", real)
    _import(GOOD)  # names 100140000003: its answers retire
    answer = client.get(path, {"on": "2024-06-01"}).json()
    assert (answer["recognized"], [c["number"] for c in answer["certificates"]]) == (True, ["KZ-2024-000123"])


def test_the_answer_about_a_day_before_the_register_is_written_as_the_api_s_schema_writes_it(db: None) -> None:
    """The lookups' front layer builds this answer without the API: it must be the schema's own JSON, byte for byte
    (certificates with Cyrillic names, none, several)."""
    from nisi.registry.api.public import PriorRecognitionOut, _render

    _import(GOOD)
    for identifier, on in (
        ("100140000003", D(2024, 6, 1)),
        ("100140000003", D(2025, 3, 20)),
        ("061211600012", D(2025, 7, 1)),
    ):
        held = selectors.prior_recognition(identifier, on)
        by_the_schema = _render(
            PriorRecognitionOut,
            {
                "identifier": identifier,
                "on": on,
                "source": "prior_certificate",
                "recognized": bool(held),
                "register_from": selectors.register_start(),
                "certificates": [{f: getattr(c, f) for f in selectors.PRIOR_CERTIFICATE_FIELDS} for c in held],
            },
        )
        assert selectors.prior_recognition_text(identifier, on) == by_the_schema.encode()


@pytest.mark.law("IP-68")
@pytest.mark.parametrize("shared", [False, True], ids=["this process's cache", "redis"])
def test_days_before_the_register_are_kept_by_stretch_of_the_certificates_in_force(
    db: None,
    client: Client,
    settings: Any,
    shared: bool,
    request: Any,
    monkeypatch: pytest.MonkeyPatch,
    stretches_built: list[D],
) -> None:
    """Each day before the register is answered exactly as if built for it, with one answer built for each stretch
    between the dates where the certificates in force change (an issue, the day after a last day of force) — on
    PostgreSQL in front of the stack, the API not reached."""
    import random

    from django.core.cache import cache
    from django.db import connection

    from nisi.registry import public_answers

    if shared:
        request.getfixturevalue("redis_cache")
    _import(GOOD)  # 100140000003: CT-KZ 15.03.2024–14.03.2025, IC from 01.04.2025 (to the end of 2025)
    path = "/api/v1/register/producers/100140000003"
    days = [D(2024, 1, 1) + dt.timedelta(days=n) for n in range(0, 566, 6)] + [D(2025, 3, 20), D(2025, 7, 19)]
    random.Random(3).shuffle(days)
    settings.NISI_PUBLIC_ANSWER_TTL_S = 0  # nothing kept: each answer built for its day
    built = {day: client.get(path, {"on": day.isoformat()}).content for day in days}
    assert {json.loads(body)["recognized"] for body in built.values()} == {True, False}
    settings.NISI_PUBLIC_ANSWER_TTL_S = 60
    cache.clear()
    added = stretches_built
    if connection.vendor == "postgresql":

        def reached(*args: Any, **kwargs: Any) -> None:
            raise AssertionError("a day before the register went down the stack to the API")

        monkeypatch.setattr(public_answers, "answer", reached)
    for _ in range(2):
        for day in days:
            assert client.get(path, {"on": day.isoformat()}).content == built[day], day
    # Before 15 March 2024, to 15 March 2025, to 1 April 2025, to the register's first day: four stretches.
    assert len(added) == 4
