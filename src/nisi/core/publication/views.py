"""The open data's pages: the DCAT-AP catalogue (`/data/catalog.jsonld`) and the human list of datasets
(`/<language>/data/`)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from nisi.core.publication import catalogue, rules, selectors
from nisi.core.publication.datasets import Dataset
from nisi.law import clock


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


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return "; ".join(
            ", ".join(str(v) for v in item.values() if v not in (None, "")) if isinstance(item, dict) else str(item)
            for item in value
        )
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return str(value)


def as_of_asked(request: HttpRequest, dataset_key: str) -> tuple[dt.date | None, HttpResponse | None]:
    """For a page that answers "as of a day" by itself: the day asked for (None: now), or the page refusing a
    malformed or future day (status 400, in the reader's language)."""
    if "as_of" not in request.GET:
        return None, None
    day, _problem = rules.as_of_day(request.GET.get("as_of", ""), clock.today())
    return (day, None) if day is not None else (None, as_of_page(request, dataset_key))


def as_of_page(request: HttpRequest, dataset_key: str, record_key: str | None = None) -> HttpResponse | None:
    """A public list's or record's page "as of date D" (`?as_of=YYYY-MM-DD`): the list or the record as it stood at
    the end of that day in Kazakhstan's time, each field with its source and the provision that makes it public.
    None when the reader did not ask for a day (the page shows the list now). A malformed or future day is a form
    error, in the reader's language, with status 400."""
    if "as_of" not in request.GET:
        return None
    found = selectors.dataset_by_key(dataset_key)
    if found is None:  # a programmer's error: the page names a dataset that is not declared
        raise ValueError(f"no dataset {dataset_key!r}")
    dataset: Dataset = found
    day, problem = rules.as_of_day(request.GET.get("as_of", ""), clock.today())
    context: dict[str, Any] = {
        "dataset": dataset,
        "as_of": request.GET.get("as_of", ""),
        "problem": problem,
        "record_key": record_key,
        "path": request.path,
    }
    if day is None:
        return render(request, "publication/as_of.html", context, status=400)
    titles = {f.name: f for f in dataset.fields}
    if record_key is not None:
        state = selectors.record_on(dataset, record_key, day)
        if state is None:
            context.update(day=day, missing=True)
            return render(request, "publication/as_of.html", context, status=404)
        fields = [(titles.get(name), name, _shown(value)) for name, value in state.items()]
        context.update(day=day, fields=fields)
        return render(request, "publication/as_of.html", context)
    records = selectors.snapshot_on(dataset, day) or []
    columns = [f for f in dataset.fields if "." not in f.name]
    rows = [[_shown(state.get(f.name)) for f in columns] for _key, state in records]
    context.update(day=day, columns=columns, rows=rows)
    return render(request, "publication/as_of.html", context)
