"""The DCAT-AP catalogue of the public lists (`/data/catalog.jsonld`): each dataset with its title and description
(kk, ru, en), publisher, licence, update frequency, the provisions that make it public, its distributions (the
downloads) and the sequence of its last published change."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from nisi.core.publication import selectors
from nisi.core.publication.datasets import FREQUENCY_BASE, LICENCE, Dataset

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "nisi": "urn:nisi:terms:",
}
PUBLISHER = {
    "@id": "urn:nisi:publisher:authorized-body",
    "@type": "foaf:Agent",
    "foaf:name": "Authorized body in the field of state stimulation of industry of the Republic of Kazakhstan",
    "dct:type": {"@id": "http://purl.org/adms/publishertype/NationalAuthority"},
}
THEME = {"@id": "http://publications.europa.eu/resource/authority/data-theme/ECON"}
LANGUAGES = [
    {"@id": f"http://publications.europa.eu/resource/authority/language/{code}"} for code in ("KAZ", "RUS", "ENG")
]


def _in_each_language(value: Any) -> list[dict[str, str]]:
    texts = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts.append({"@language": code, "@value": str(value)})
    return texts


def _url(absolute: Callable[[str], str], path: Callable[[], str]) -> str:
    with translation.override("en"):
        return absolute(path())


def dataset_node(dataset: Dataset, absolute: Callable[[str], str]) -> dict[str, Any]:
    last = selectors.last_sequence_of(dataset.changes_from) if dataset.changes_from else None
    node: dict[str, Any] = {
        "@id": f"urn:nisi:dataset:{dataset.key}",
        "@type": "dcat:Dataset",
        "dct:identifier": dataset.key,
        "dct:title": _in_each_language(dataset.title),
        "dct:description": _in_each_language(dataset.description),
        "dct:publisher": {"@id": PUBLISHER["@id"]},
        "dcat:theme": THEME,
        "dct:language": LANGUAGES,
        "dcat:keyword": list(dataset.keywords),
        "dct:accrualPeriodicity": {"@id": FREQUENCY_BASE + dataset.frequency},
        "dcat:landingPage": {"@id": _url(absolute, dataset.landing)},
        "dct:conformsTo": [{"@id": f"urn:nisi:provision:{p}"} for p in dataset.provisions],
        "dcat:contactPoint": {"@type": "vcard:Organization", "vcard:fn": PUBLISHER["foaf:name"]},
        "dct:spatial": {"@id": "http://publications.europa.eu/resource/authority/country/KAZ"},
        "nisi:lastChangeSequence": last,
        "nisi:answersAsOfDate": dataset.as_of,
        "nisi:fields": [
            {"nisi:name": f.name, "nisi:source": str(f.source), "nisi:publicBy": f.provision} for f in dataset.fields
        ],
        "dcat:distribution": [
            {
                "@type": "dcat:Distribution",
                "dct:title": _in_each_language(d.title),
                "dcat:accessURL": {"@id": _url(absolute, d.url)},
                "dcat:downloadURL": {"@id": _url(absolute, d.url)},
                "dcat:mediaType": {"@id": f"https://www.iana.org/assignments/media-types/{d.media_type}"},
                "dct:format": d.media_type,
                "dct:license": {"@id": LICENCE},
            }
            for d in dataset.distributions
        ],
    }
    if dataset.changes_from:
        node["nisi:changesFeed"] = {"@id": absolute("/api/v1/feed/changes")}
    return node


def catalog(absolute: Callable[[str], str]) -> dict[str, Any]:
    """The catalogue as JSON-LD; `absolute` makes a path into a full address."""
    return {
        "@context": CONTEXT,
        "@id": absolute("/data/catalog.jsonld"),
        "@type": "dcat:Catalog",
        "dct:title": _in_each_language(_("Open data of the National Information System of Industry")),
        "dct:description": _in_each_language(
            _(
                "The public lists of nisi, each with its licence, update frequency, downloads and the sequence of "
                "its last published change (IP-16.3)."
            )
        ),
        "dct:publisher": PUBLISHER,
        "dct:license": {"@id": LICENCE},
        "dct:language": LANGUAGES,
        "foaf:homepage": {"@id": absolute("/data/")},
        "nisi:lastChangeSequence": selectors.last_sequence(),
        "dcat:dataset": [dataset_node(d, absolute) for d in selectors.published_datasets()],
    }
