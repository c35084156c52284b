"""The open data's pages: the DCAT-AP catalogue (`/data/catalog.jsonld`) and the human list of datasets
(`/<language>/data/`)."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from nisi.core.publication import catalogue, selectors


def catalog_jsonld(request: HttpRequest) -> HttpResponse:
    body = json.dumps(catalogue.catalog(request.build_absolute_uri), ensure_ascii=False, indent=1)
    return HttpResponse(body, content_type="application/ld+json; charset=utf-8")


def data_page(request: HttpRequest) -> HttpResponse:
    rows = [
        {
            "dataset": d,
            "last": selectors.last_sequence_of(d.changes_from) if d.changes_from else None,
            "landing": d.landing(),
            "downloads": [(str(x.title), x.media_type, x.url()) for x in d.distributions],
        }
        for d in selectors.published_datasets()
    ]
    return render(request, "publication/data.html", {"rows": rows, "last_sequence": selectors.last_sequence()})
