"""The figures' reads run at once on threads when no transaction is open (the background build), one after
another inside one (what a thread's own connection would not see): the same tables either way."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import transaction

from nisi.reporting.selectors import report as selectors
from tests.reporting.report.conftest import CUT_OFF


@pytest.mark.django_db(transaction=True)
def test_the_reads_at_once_give_the_same_tables(producers: Any, today: Any) -> None:
    producers(4, "35", "72")
    producers(2, "71", "84", since=dt.date(2023, 5, 1))
    told: list[tuple[str, int]] = []
    at_once = selectors.report_tables(2025, CUT_OFF, lambda key, percent: told.append((key, percent)))
    with transaction.atomic():
        one_by_one = selectors.report_tables(2025, CUT_OFF)
    assert at_once == one_by_one
    cells = {c.key: c for c in at_once[0].cells}
    assert cells["35"].count == 4
    assert cells["71"].suppressed
    percents = [p for _, p in told]
    assert percents == sorted(percents)
    assert percents[-1] == 52
