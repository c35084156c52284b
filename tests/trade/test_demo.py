"""Foreign trade in the demo: run on a register, it leaves declarations over four quarters, a signal on the
authorized body's work queue, two confirmed export profiles and this month's edition — made once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from nisi.core.models import Deadline
from nisi.demo.trade import trade_demo
from nisi.trade.messages import SIGNAL
from nisi.trade.models import CatalogueEdition, ExportProfile, ImportDeclaration, PriceSignal

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in (ImportDeclaration, PriceSignal, ExportProfile, CatalogueEdition)}


def test_the_demo_shows_monitoring_and_the_catalogue_and_runs_twice(people: dict[str, Any], today: dt.date) -> None:
    trade_demo()
    made = _counts()
    trade_demo()
    assert _counts() == made
    assert made["ImportDeclaration"] == 4 * 3  # the one code in the register now, four quarters, three each
    # The producers were included in January 2026: their price for 2026-Q1 only, far above the imports.
    assert made["PriceSignal"] == 1
    assert made["ExportProfile"] == 1
    assert made["CatalogueEdition"] == 1
    assert Deadline.objects.filter(subject_type=SIGNAL, status="open").exists()
    assert ExportProfile.objects.filter(status="confirmed", contacts_consent=True).count() == 1
