"""`nisi astana-hub fees charge --period …` and the nightly task charge like the Fund's button: once per period."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from nisi.astana_hub.models import FeeCharge, FeeSchedule, HubActor
from nisi.astana_hub.tasks import fees_charge_period
from nisi.core.models import JournalEntry
from nisi.law import clock

pytestmark = pytest.mark.law("AH-10.1.4-2")


def test_the_command_charges_once_and_says_what_it_did(hub_actor: HubActor, fee_schedule: FeeSchedule) -> None:
    out = io.StringIO()
    with clock.frozen(dt.date(2025, 3, 5)):
        call_command("astana-hub", "fees", "charge", "--period", "2025-03", stdout=out)
        call_command("astana-hub", "fees", "charge", "--period", "2025-03", stdout=out)
    assert "2025-03: 1 participant(s) charged" in out.getvalue()
    assert "2025-03: 0 participant(s) charged, 1 charged before" in out.getvalue()
    assert FeeCharge.objects.count() == 1
    entry = JournalEntry.objects.get(subject_type="fee_charge")
    assert entry.actor_label == "nisi (automatic, Astana Hub Fund)"


@pytest.mark.parametrize(
    ("period", "message"), [("2025-Q1", "charge 2025-01 instead"), ("03-2025", "Write the period")]
)
def test_the_command_refuses_a_wrong_period_clearly(
    hub_actor: HubActor, fee_schedule: FeeSchedule, period: str, message: str, english: None
) -> None:
    with clock.frozen(dt.date(2025, 3, 5)), pytest.raises(CommandError, match=message):
        call_command("astana-hub", "fees", "charge", "--period", period)
    assert FeeCharge.objects.count() == 0


def test_the_nightly_task_charges_the_running_period(hub_actor: HubActor, fee_schedule: FeeSchedule) -> None:
    with clock.frozen(dt.date(2025, 4, 1)):
        assert fees_charge_period() == {"period": "2025-04", "charged": 1, "already": 0}
    with clock.frozen(dt.date(2025, 4, 2)):
        assert fees_charge_period() == {"period": "2025-04", "charged": 0, "already": 1}
    with clock.frozen(dt.date(2024, 12, 31)):
        assert fees_charge_period()["charged"] == 0  # no schedule in force yet
