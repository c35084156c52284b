"""The DCAT-AP catalogue's shape (the properties DCAT-AP requires, and those this catalogue promises) and the
human page of datasets in each language."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from nisi.core.publication import services
from nisi.registry.models import RegisterRecord

# IP-16.3: the System holds and gives out the information on the state of industry — its information services.
pytestmark = pytest.mark.law("IP-16.3")

# DCAT-AP 2: mandatory (M) and the recommended ones this catalogue promises (R).
CATALOG_REQUIRED = ("dct:title", "dct:description", "dct:publisher", "dcat:dataset")  # M
DATASET_REQUIRED = ("dct:title", "dct:description")  # M
DATASET_PROMISED = (
    "dct:publisher",
    "dcat:distribution",
    "dcat:contactPoint",
    "dcat:theme",
    "dct:accrualPeriodicity",
    "dcat:keyword",
    "dcat:landingPage",
    "nisi:lastChangeSequence",
)
DISTRIBUTION_REQUIRED = ("dcat:accessURL",)  # M
DISTRIBUTION_PROMISED = ("dct:license", "dcat:mediaType", "dct:format", "dcat:downloadURL")


def _languages(value: list[dict[str, str]]) -> set[str]:
    assert all(v["@value"] for v in value)
    return {v["@language"] for v in value}


def test_the_catalogue_has_the_properties_dcat_ap_requires(included: RegisterRecord, client: Client) -> None:
    services.sequence_pending()
    response = client.get("/data/catalog.jsonld")
    assert response["Content-Type"].startswith("application/ld+json")
    catalog: dict[str, Any] = response.json()
    assert catalog["@type"] == "dcat:Catalog"
    assert {"dcat", "dct", "foaf"} <= set(catalog["@context"])
    for key in CATALOG_REQUIRED:
        assert catalog[key], key
    assert catalog["dct:publisher"]["@type"] == "foaf:Agent"
    assert catalog["dct:publisher"]["foaf:name"]
    assert _languages(catalog["dct:title"]) == {"kk", "ru", "en"}
    by_key = {d["dct:identifier"]: d for d in catalog["dcat:dataset"]}
    assert {"register", "register-goods", "offtake-register", "map-projects", "priority-goods"} <= set(by_key)
    for dataset in catalog["dcat:dataset"]:
        assert dataset["@type"] == "dcat:Dataset"
        for key in (*DATASET_REQUIRED, *DATASET_PROMISED):
            assert key in dataset, (dataset["dct:identifier"], key)
        assert _languages(dataset["dct:title"]) == {"kk", "ru", "en"}
        assert dataset["dct:accrualPeriodicity"]["@id"].startswith(
            "http://publications.europa.eu/resource/authority/frequency/"
        )
        assert dataset["dcat:distribution"]
        for distribution in dataset["dcat:distribution"]:
            assert distribution["@type"] == "dcat:Distribution"
            for key in (*DISTRIBUTION_REQUIRED, *DISTRIBUTION_PROMISED):
                assert key in distribution, (dataset["dct:identifier"], key)
            assert distribution["dcat:accessURL"]["@id"].startswith("http://testserver/")
            assert distribution["dct:license"]["@id"] == "https://creativecommons.org/licenses/by/4.0/"
        assert all(f["nisi:source"] and f["nisi:publicBy"].startswith("IP-") for f in dataset["nisi:fields"])
    assert by_key["register"]["nisi:lastChangeSequence"] == 1
    assert by_key["register-goods"]["nisi:lastChangeSequence"] == 1  # follows the register's changes
    assert by_key["offtake-register"]["nisi:lastChangeSequence"] is None
    assert by_key["register"]["nisi:answersAsOfDate"] is True


def test_every_distribution_answers(included: RegisterRecord, client: Client) -> None:
    catalog = client.get("/data/catalog.jsonld").json()
    for dataset in catalog["dcat:dataset"]:
        for distribution in dataset["dcat:distribution"]:
            url = distribution["dcat:accessURL"]["@id"].removeprefix("http://testserver")
            response = client.get(url, headers={"Accept-Language": "en"})
            if response.status_code == 404:  # the route exists and says no list is in force yet (no data here)
                assert "priority goods" in response.json()["detail"], url
            else:
                assert response.status_code == 200, url


@pytest.mark.parametrize(("language", "heading"), [("en", "Open data"), ("ru", "<h1"), ("kk", "<h1")])
def test_the_data_page_lists_the_datasets_in_each_language(
    included: RegisterRecord, client: Client, language: str, heading: str
) -> None:
    response = client.get(f"/{language}/data/")
    assert response.status_code == 200
    text = response.content.decode()
    assert heading in text
    assert "/data/catalog.jsonld" in text
    assert 'id="register"' in text
    assert 'id="map-projects"' in text
    assert client.get("/data/").status_code == 302
