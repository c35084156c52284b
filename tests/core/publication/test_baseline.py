"""A list's records from before it published its changes are published once by the baseline command."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from nisi.core.publication.models import PublishedChange
from nisi.registry.models import RegisterRecord


def test_the_baseline_publishes_each_unpublished_record_once(included: RegisterRecord) -> None:
    PublishedChange.objects.all().delete()  # as if the register had been filled before it published
    call_command("publication_baseline", stdout=StringIO())
    call_command("publication_baseline", stdout=StringIO())
    changes = PublishedChange.objects.filter(dataset="register")
    assert [(c.kind, c.record_key) for c in changes] == [("register.baseline", included.number)]
    assert changes[0].seq == 1
