"""The register's changes in the feed: one sequence, each change once, snapshot + feed = the register now."""

from __future__ import annotations

import datetime as dt
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from django.db import transaction
from django.test import Client

from nisi.core.authz import SYSTEM, Actor, Grant
from nisi.core.publication import selectors, services
from nisi.core.publication.models import PublishedChange
from nisi.core.roles import Role
from nisi.law import clock
from nisi.registry.models import RegisterRecord, Removal
from nisi.registry.services import appeals, register

# IP-16.3: the System holds and gives out the information on the state of industry — its information services.
pytestmark = pytest.mark.law("IP-16.3")

D = dt.date
COMMISSION = Actor(user_id=9100, label="commission", grants=(Grant(Role.APPEALS_COMMISSION),))


def remove(record: RegisterRecord, on: dt.date) -> Removal:
    with clock.frozen(on):
        return register.record_remove(
            actor=SYSTEM, record=record, ground=Removal.Ground.MONITORING, on=on, reasons=[{"criterion": "staff"}]
        )


def reinstate(record: RegisterRecord, removal: Removal, applicant: Actor) -> None:
    with clock.frozen(D(2026, 3, 20)):
        appeal = appeals.appeal_file(actor=applicant, removal=removal, grounds="The pension data were late.")
        appeals.appeal_schedule(actor=COMMISSION, appeal=appeal, what="hearing", on=D(2026, 3, 27))
    with clock.frozen(D(2026, 3, 27)):
        appeals.appeal_decide(actor=COMMISSION, appeal=appeal, outcome="upheld", decision="The data were late.")


def feed(client: Client, after: int = 0, limit: int = 100) -> dict[str, Any]:
    response = client.get("/api/v1/feed/changes", {"after": after, "limit": limit})
    assert response.status_code == 200
    return dict(response.json())


@pytest.mark.law("IP-51-6")
def test_inclusion_removal_and_reinstatement_are_published_in_one_gap_free_sequence(
    included: RegisterRecord, applicant: Actor, client: Client
) -> None:
    removal = remove(included, D(2026, 3, 13))
    reinstate(included, removal, applicant)
    assert services.sequence_pending() == 3
    events = feed(client)["events"]
    assert [e["seq"] for e in events] == [1, 2, 3]
    assert [e["kind"] for e in events] == [
        "register.record.included",
        "register.record.removed",
        "register.record.reinstated",
    ]
    removed = events[1]
    assert removed["record"] == {
        "key": included.number,
        "version": removed["record"]["version"],
        "register_number": included.number,
        "identifier": included.organization.identifier,
    }
    assert removed["effective_on"] == "2026-03-13"
    assert removed["provisions"] == ["IP-51-6.1"]
    assert removed["state"]["status"] == "removed"
    assert removed["state"]["goods"] == []
    assert events[2]["provisions"] == ["IP-51-5.8"]
    assert [g["hs_code"] for g in events[2]["state"]["goods"]] == ["720810"]
    # Never an internal id: the organization's and the record's database ids appear nowhere.
    text = str(events)
    assert f"'id': {included.pk}" not in text
    assert "organization_id" not in text


def test_an_act_rolled_back_publishes_nothing_and_leaves_no_gap(included: RegisterRecord, client: Client) -> None:
    def failing_act() -> None:
        with transaction.atomic():
            remove(included, D(2026, 3, 13))
            raise RuntimeError("the act fails after its journal entry")

    with pytest.raises(RuntimeError):
        failing_act()
    remove(included, D(2026, 3, 14))
    services.sequence_pending()
    assert [(e["seq"], e["kind"]) for e in feed(client)["events"]] == [
        (1, "register.record.included"),
        (2, "register.record.removed"),
    ]


def test_pages_give_each_change_exactly_once_in_order(
    included: RegisterRecord, applicant: Actor, client: Client
) -> None:
    reinstate(included, remove(included, D(2026, 3, 13)), applicant)
    services.sequence_pending()
    seen, after = [], 0
    while True:
        page = feed(client, after, limit=1)
        if not page["events"]:
            break
        seen += [e["seq"] for e in page["events"]]
        after = page["next_after"]
    assert seen == [1, 2, 3]
    assert page["last_seq"] == 3
    only = client.get("/api/v1/feed/changes", {"kind": "register.record.removed"}).json()["events"]
    assert [e["seq"] for e in only] == [2]


def test_unnumbered_changes_are_not_in_the_feed_until_the_sequencer_runs(
    included: RegisterRecord, client: Client
) -> None:
    assert feed(client)["events"] == []
    assert PublishedChange.objects.filter(seq__isnull=True).count() == 1
    services.sequence_pending()
    assert len(feed(client)["events"]) == 1


def apply(records: dict[str, dict[str, Any]], events: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """What a consumer does: upsert a record in the register, drop one removed."""
    result = dict(records)
    for event in events:
        if event["state"]["status"] == "included":
            result[event["record"]["key"]] = event["state"]
        else:
            result.pop(event["record"]["key"], None)
    return result


def test_a_snapshot_and_the_feed_after_its_sequence_give_the_register_now(
    included: RegisterRecord, applicant: Actor, client: Client
) -> None:
    services.sequence_pending()
    taken = client.get("/api/v1/feed/snapshots/register").json()
    assert taken["sequence"] == 1
    assert [r["register_number"] for r in taken["records"]] == [included.number]
    removal = remove(included, D(2026, 3, 13))
    services.sequence_pending()
    middle = client.get("/api/v1/feed/snapshots/register").json()
    assert (middle["sequence"], middle["records"]) == (2, [])
    reinstate(included, removal, applicant)
    services.sequence_pending()
    now = client.get("/api/v1/feed/snapshots/register").json()
    for snapshot in (taken, middle):
        events = feed(client, snapshot["sequence"])["events"]
        rebuilt = apply({r["register_number"]: r for r in snapshot["records"]}, events)
        assert rebuilt == {r["register_number"]: r for r in now["records"]}
    assert now["sequence"] == 3


def test_the_register_as_of_a_past_day(included: RegisterRecord, client: Client) -> None:
    remove(included, D(2026, 3, 13))
    before = client.get("/api/v1/feed/snapshots/register", {"as_of": "2026-03-05"}).json()
    assert before["sequence"] is None
    assert [r["register_number"] for r in before["records"]] == [included.number]
    assert before["records"][0]["status"] == "included"
    assert [g["hs_code"] for g in before["records"][0]["goods"]] == ["720810"]
    after = client.get("/api/v1/feed/snapshots/register", {"as_of": "2026-03-20"}).json()
    assert after["records"] == []
    # A malformed day: 400, saying what to give, in the reader's language.
    assert client.get("/api/v1/feed/snapshots/register", {"as_of": "2026-02-30"}).status_code == 400
    assert client.get("/api/v1/feed/snapshots/nothing").status_code == 404


def test_the_register_s_pages_as_of_a_day_before_a_later_removal(included: RegisterRecord, client: Client) -> None:
    remove(included, D(2026, 3, 13))
    name = included.organization.name
    listed = client.get("/en/register/", {"as_of": "2026-03-05"})
    assert listed.status_code == 200
    assert included.number in listed.content.decode()
    assert included.number not in client.get("/en/register/", {"as_of": "2026-03-20"}).content.decode()
    producer = f"/en/register/producers/{included.organization.identifier}/"
    assert name in client.get(producer, {"as_of": "2026-03-05"}).content.decode()
    for bad in ("2026-02-30", "2999-01-01"):
        refused = client.get(producer, {"as_of": bad}, headers={"accept-language": "en"})
        assert refused.status_code == 400
        assert "govuk-error-message" in refused.content.decode()
        assert client.get("/en/register/", {"as_of": bad}).status_code == 400


def test_the_snapshot_as_csv_carries_its_sequence(included: RegisterRecord, client: Client) -> None:
    services.sequence_pending()
    response = client.get("/api/v1/feed/snapshots/register.csv")
    assert response["X-Nisi-Sequence"] == "1"
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("sequence,register_number,identifier")
    assert lines[1].startswith(f"1,{included.number},{included.organization.identifier}")
    assert "goods.hs_code" in lines[0]
    assert "720810" in lines[1]


def test_the_atom_feed_carries_the_same_events(included: RegisterRecord, client: Client) -> None:
    services.sequence_pending()
    response = client.get("/api/v1/feed/changes.atom", {"after": 0})
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own feed)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = root.findall("a:entry", ns)
    assert [e.find("a:id", ns).text for e in entries] == ["urn:nisi:change:1"]  # type: ignore[union-attr]
    assert root.find("a:link[@rel='next']", ns).get("href").endswith("after=1&limit=100")  # type: ignore[union-attr]


def test_every_published_field_says_its_source_and_provision(client: Client, db: None) -> None:
    rows = client.get("/api/v1/feed/fields").json()
    register_fields = {r["name"]: r for r in rows if r["dataset"] == "register"}
    assert {"register_number", "identifier", "status", "goods.domestic_value_share"} <= set(register_fields)
    assert all(r["source"] and r["provision"].startswith("IP-") for r in rows)
    # Every field a change carries is in the catalogue.
    kinds = client.get("/api/v1/feed/kinds").json()
    assert {k["kind"] for k in kinds} >= {"register.record.removed", "register.record.included"}


def test_last_sequence_of_each_dataset(included: RegisterRecord) -> None:
    services.sequence_pending()
    assert selectors.last_sequence_of("register") == 1
    assert selectors.last_sequence_of("offtake") is None
