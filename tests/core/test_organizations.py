from typing import Any

import pytest
from django.core.management import call_command

from nisi.core import identifiers
from nisi.core.authz import SYSTEM
from nisi.core.models import ClassifierCode
from nisi.core.selectors import classifier_search
from nisi.core.services.organizations import OrganizationError, organization_register


@pytest.fixture
def classifiers(db: None) -> None:
    call_command("classifiers", "load-oked", verbosity=0)
    call_command("classifiers", "load-hs", verbosity=0)


def test_an_organization_is_placed_in_its_region_by_kato(classifiers: None) -> None:
    org = organization_register(
        actor=SYSTEM, identifier="100140000003", name="ТОО «Тест»", kato="351010000", oked="24100"
    )
    assert org.region is not None
    assert org.region.code == "35"
    assert org.identifier_kind == "BIN"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"identifier": "100140000004"}, "check digit"),
        ({"identifier": "10014"}, "12 digits"),
        ({"kato": "991010000"}, "No region has KATO code 99"),
        ({"kato": "35101"}, "9 digits"),
        ({"oked": "99999"}, "not in the classifier"),
        ({"name": " "}, "registered name"),
    ],
)
def test_bad_organization_data_is_refused_and_nothing_is_written(
    classifiers: None, fields: dict[str, Any], message: str
) -> None:
    data = {"identifier": "100140000003", "name": "ТОО «Тест»", "kato": "351010000", "oked": "24100", **fields}
    with pytest.raises(OrganizationError, match=message):
        organization_register(actor=SYSTEM, **data)
    from nisi.core.models import JournalEntry, Organization

    assert not Organization.objects.exists()
    assert not JournalEntry.objects.exists()


def test_a_bin_is_registered_once(classifiers: None) -> None:
    organization_register(actor=SYSTEM, identifier="100140000003", name="A")
    with pytest.raises(OrganizationError, match="already registered"):
        organization_register(actor=SYSTEM, identifier="100140000003", name="B")


def test_classifiers_load_and_search_by_code_or_name(classifiers: None) -> None:
    assert ClassifierCode.objects.filter(system="HS", level=6).count() > 5000
    assert [c.code for c in classifier_search("HS", "720810")] == ["720810"]
    assert "24100" in [c.code for c in classifier_search("OKED", "чугуна")]
    call_command("classifiers", "load-hs", verbosity=0)  # loading twice adds nothing
    assert ClassifierCode.objects.filter(system="HS", code="720810").count() == 1


def test_a_tn_ved_csv_with_a_bad_row_loads_nothing(db: None, tmp_path: Any) -> None:
    from django.core.management.base import CommandError

    good = tmp_path / "tnved.csv"
    good.write_text(
        "code,name_ru,name_kk,name_en\n7208100000,Прокат плоский,Жалпақ прокат,Flat-rolled\n", encoding="utf-8"
    )
    call_command("classifiers", "load", "TNVED", str(good), verbosity=0)
    assert ClassifierCode.objects.get(system="TNVED").level == 10
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name_ru,name_kk,name_en\n7208200000,a,b,c\nABC,a,b,c\n", encoding="utf-8")
    with pytest.raises(CommandError, match="line 3"):
        call_command("classifiers", "load", "TNVED", str(bad), verbosity=0)
    assert ClassifierCode.objects.filter(system="TNVED").count() == 1


def test_demo_identifiers_are_valid() -> None:
    from nisi.demo.management.commands.demo import ORGANIZATIONS

    for first11, *_ in ORGANIZATIONS:
        assert identifiers.is_valid(identifiers.complete(first11))
