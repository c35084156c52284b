"""A list's records from before it published its changes are published once by the baseline command."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from nisi.core.publication.models import PublishedChange
from nisi.core.services import journal
from nisi.registry.models import RegisterRecord


@pytest.fixture
def before_publishing(monkeypatch: Any) -> None:
    """The register filled before it published its changes: nothing listens to its journal."""
    monkeypatch.setattr(journal, "_LISTENERS", {})


def test_the_baseline_publishes_each_unpublished_record_once(before_publishing: None, included: RegisterRecord) -> None:
    assert not PublishedChange.objects.exists()
    call_command("publication_baseline", stdout=StringIO())
    call_command("publication_baseline", stdout=StringIO())
    changes = PublishedChange.objects.filter(dataset="register")
    assert [(c.kind, c.record_key) for c in changes] == [("register.baseline", included.number)]
    assert changes[0].seq == 1
