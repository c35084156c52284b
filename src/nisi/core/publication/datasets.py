"""The public lists as datasets: what each is, under which provision it is public, where each of its fields comes
from, how often it changes, where to download it, and (for those that publish their changes) how to take a
snapshot of it. Each app declares its own in its `ready`; the catalogue, the field catalogue and the feed read
them here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The EU's frequency vocabulary (http://publications.europa.eu/resource/authority/frequency/…).
CONTINUOUS, DAILY, QUARTERLY, ANNUAL, IRREGULAR = "CONT", "DAILY", "QUARTERLY", "ANNUAL", "IRREG"
FREQUENCY_BASE = "http://publications.europa.eu/resource/authority/frequency/"
# Open data of the state bodies of Kazakhstan is free to reuse with attribution; the catalogue says it as CC BY 4.0.
LICENCE = "https://creativecommons.org/licenses/by/4.0/"


@dataclass(frozen=True)
class PublishedField:
    """One published field: where its value comes from and which provision makes it public."""

    name: str
    title: str | Promise
    source: str | Promise
    provision: str


@dataclass(frozen=True)
class Distribution:
    """A download of the dataset: `url` is called at request time (addresses carry the reader's language)."""

    title: str | Promise
    media_type: str
    url: Callable[[], str]


@dataclass(frozen=True)
class Dataset:
    key: str
    title: str | Promise
    description: str | Promise
    provisions: tuple[str, ...]
    frequency: str
    landing: Callable[[], str]
    distributions: tuple[Distribution, ...]
    fields: tuple[PublishedField, ...]
    keywords: tuple[str, ...] = ()
    # The dataset whose published changes this one follows (its own key, another's, or "" if it publishes none).
    changes_from: str = ""
    # The kinds of change it publishes ("register.record.removed" …), each with what it means.
    event_kinds: dict[str, str | Promise] = field(default_factory=dict, compare=False)
    # Every record of the current list as (public key, public state): what a snapshot lists and a change carries.
    snapshot: Callable[[], Iterator[tuple[str, dict[str, Any]]]] | None = field(default=None, compare=False)
    # The list as it stood at the end of a day, for those that can answer "as of date D".
    snapshot_on: Callable[[dt.date], Iterator[tuple[str, dict[str, Any]]]] | None = field(default=None, compare=False)

    @property
    def as_of(self) -> bool:
        """It answers "as of a day": by its own versions, or from the changes it publishes."""
        return self.snapshot_on is not None or self.changes_from == self.key


def snapshot_json(key: str) -> Distribution:
    """The download every dataset that publishes its changes offers: its snapshot with the feed's sequence, as
    JSON (the feed's `api:feed_snapshot`)."""
    return Distribution(
        _("Snapshot with its sequence (JSON)"),
        "application/json",
        lambda: reverse("api:feed_snapshot", kwargs={"dataset": key}),
    )


def snapshot_csv(key: str) -> Distribution:
    """The same snapshot as CSV, one row a record (`api:feed_snapshot_csv`)."""
    return Distribution(
        _("Snapshot with its sequence (CSV)"),
        "text/csv",
        lambda: reverse("api:feed_snapshot_csv", kwargs={"dataset": key}),
    )


def public_text(value: Any) -> Any:
    """A value as a published state carries it: a date or a time in ISO 8601, an amount without trailing zeros,
    anything else (text, a number, nothing) as it is."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return value.isoformat() if hasattr(value, "isoformat") else value


DATASETS: dict[str, Dataset] = {}


def register_dataset(dataset: Dataset) -> None:
    """An app declares one of its public lists (in its `ready`)."""
    existing = DATASETS.get(dataset.key)
    if existing is not None and existing is not dataset:
        raise ValueError(f"a dataset {dataset.key!r} is already registered")
    DATASETS[dataset.key] = dataset


def datasets() -> list[Dataset]:
    """Those that publish their changes first (the register), then the others, each by key."""
    return sorted(DATASETS.values(), key=lambda d: (not d.changes_from, d.key))


def dataset(key: str) -> Dataset | None:
    return DATASETS.get(key)
