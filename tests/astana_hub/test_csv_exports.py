"""Every CSV the Fund's system writes (the assets report, fee statements, the list of innovation cluster actors,
the files submitted on foreign workers): text typed by anyone never opens as a formula in a spreadsheet, and
amounts, negative ones included, stay numbers."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any

from django.test import Client

from nisi.astana_hub import participation
from nisi.astana_hub.models import ClusterActorEntry, FeeSchedule, HubActor
from nisi.astana_hub.rules import workers as worker_rules
from nisi.astana_hub.services import fees
from nisi.astana_hub.services.assets import asset_receipt_record
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.law import clock
from tests.astana_hub.conftest import FUND

D = dt.date
FORMULA = '=HYPERLINK("http://x.example","open")'


def _rows(response: Any) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_assets_report_writes_typed_text_as_text(client: Client, make_user: Any, db: None) -> None:
    with clock.frozen(D(2025, 6, 30)):
        asset_receipt_record(
            actor=FUND,
            amount=Decimal("1000"),
            on=D(2025, 2, 1),
            source="contribution",
            description=FORMULA,
            document_reference="+RO-1",
        )
        client.force_login(make_user(Role.ASTANA_HUB_FUND))
        rows = _rows(client.get("/en/astana-hub/assets/report.csv?start=2025-01-01&end=2025-06-30"))
    assert ["2025-02-01", "receipt", "contribution", "1000.00", "", "'+RO-1", "'" + FORMULA] in rows
    assert ["closing_balance", "", "", "1000.00"] in rows


def test_a_fee_statement_keeps_a_negative_balance_a_number_and_a_formula_text(
    client: Client, make_user: Any, hub_actor: HubActor, fee_schedule: FeeSchedule
) -> None:
    org = hub_actor.organization
    with clock.frozen(D(2025, 2, 2)):
        fees.fees_charge_period(actor=FUND, period="2025-02", hub_participant_ids=participation.hub_participant_ids)
    with clock.frozen(D(2025, 2, 10)):
        fees.fee_payment_record(
            actor=FUND,
            organization=org,
            amount=Decimal("30000"),  # 5,000 more than February's 25,000: the balance is -5,000.00
            paid_on=D(2025, 2, 10),
            payment_reference="=1+1",
            is_hub_participant=participation.is_hub_participant,
        )
    client.force_login(make_user(Role.APPLICANT, organization=org))
    with clock.frozen(D(2025, 2, 20)):
        rows = _rows(client.get("/en/astana-hub/fees/statement.csv?period=2025-02"))
    payment = next(row for row in rows if row[1] == "payment")
    assert payment[2] == "'=1+1"
    assert payment[-1] == "-5000.00"


def test_the_cluster_actors_list_writes_typed_text_as_text(client: Client, cluster_actor: ClusterActorEntry) -> None:
    Organization.objects.filter(pk=cluster_actor.organization_id).update(name="-2+3 University")
    with clock.frozen(D(2025, 3, 1)):
        rows = _rows(client.get("/en/astana-hub/cluster-actors/list.csv"))
    assert rows[1][2] == "'-2+3 University"
    assert rows[1][1] == cluster_actor.organization.identifier


def test_a_submission_file_writes_typed_text_as_text() -> None:
    rows = [{"record_number": "AH-W-2026-00001", "surname": "@cmd", "passport_number": "-12345"}]
    content = worker_rules.render_submission(rows, ["record_number", "surname", "passport_number"], "csv")
    assert list(csv.reader(io.StringIO(content)))[1] == ["AH-W-2026-00001", "'@cmd", "-12345"]
