"""`nisi publication_baseline`: publishes, once, every record of each public list that has never been published
(records on the list before it published its changes), as `<dataset>.baseline`, so that the feed and "as of a
day" know them from now on. Safe to run again: a record already published is skipped."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from nisi.core.publication import selectors, services


class Command(BaseCommand):
    help = "Publish once every record of each public list that was never published (ADR 37)."

    def handle(self, *args: Any, **options: Any) -> None:
        for dataset in selectors.published_datasets():
            if dataset.changes_from != dataset.key or dataset.snapshot is None:
                continue
            count = services.publish_baseline(
                dataset, kind=f"{dataset.key}.baseline", provisions=list(dataset.provisions)
            )
            self.stdout.write(f"{dataset.key}: {count} records published")
        services.sequence_pending()
