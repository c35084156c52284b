"""An objection upheld in part (IP-51-5.5): the producer comes back with the goods the commission chose (IP-51-5.8),
the others stay out, and the register says so on any date."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from nisi.core.authz import SYSTEM
from nisi.core.models import Notification
from nisi.core.roles import Role
from nisi.core.selectors import journal_of
from nisi.law import clock
from nisi.registry import rules, selectors
from nisi.registry.models import Appeal, RegisterGood, RegisterRecord, Removal
from nisi.registry.services import appeals, register
from tests.registry.test_removal_and_appeal import COMMISSION

D = dt.date
REMOVED_ON, FILED_ON, DECIDED_ON = D(2026, 3, 13), D(2026, 3, 16), D(2026, 3, 27)


@pytest.fixture
def two_goods(included: RegisterRecord) -> RegisterRecord:
    """The included producer with a second good in the register since the same day (a test factory row)."""
    RegisterGood.objects.create(
        record=included,
        hs_code="721049",
        tnved_code="7210490000",
        name_ru="Прокат плоский оцинкованный",
        annual_capacity=Decimal(30000),
        unit="t",
        domestic_value_share=Decimal("71.20"),
        included_on=D(2026, 3, 2),
    )
    return included


@pytest.fixture
def appeal(two_goods: RegisterRecord, applicant: Any) -> Appeal:
    with clock.frozen(REMOVED_ON):
        removal = register.record_remove(
            actor=SYSTEM,
            record=two_goods,
            ground=Removal.Ground.MONITORING,
            on=REMOVED_ON,
            reasons=[{"criterion": "esf_sales"}],
        )
    with clock.frozen(FILED_ON):
        return appeals.appeal_file(actor=applicant, removal=removal, grounds="We sell both; the data were late.")


def _good(record: RegisterRecord, hs_code: str, status: str = "removed") -> RegisterGood:
    return record.goods.get(hs_code=hs_code, status=status)


@pytest.mark.law("IP-51-5.5")
@pytest.mark.parametrize(
    ("removed", "upheld", "problem"),
    [
        ([1, 2, 3], [2], None),
        ([1, 2, 3], [1, 3], None),
        ([1, 2, 3], [], "no_goods"),
        ([1, 2, 3], [1, 2, 3], "all_goods"),
        ([1, 2, 3], [3, 2, 1, 1], "all_goods"),
        ([1, 2, 3], [2, 4], "not_removed"),
        ([1], [1], "all_goods"),
        ([1], [], "no_goods"),
    ],
)
def test_ip_51_5_5_partly_upheld_means_some_goods_not_all(
    removed: list[int], upheld: list[int], problem: str | None
) -> None:
    assert rules.partly_upheld_problem(removed, upheld) == problem


@pytest.mark.law("IP-51-5.8")
def test_ip_51_5_8_partly_upheld_reinstates_only_the_chosen_goods(appeal: Appeal, two_goods: RegisterRecord) -> None:
    steel, coated = _good(two_goods, "720810"), _good(two_goods, "721049")
    assert steel.removal == coated.removal == appeal.removal
    with clock.frozen(DECIDED_ON):
        appeals.appeal_decide(
            actor=COMMISSION,
            appeal=appeal,
            outcome="partly_upheld",
            decision="Sales of hot-rolled steel were in the invoices; of coated steel there were none.",
            upheld_goods=[steel.pk],
            not_upheld_reasons="No invoices for coated steel in the quarter.",
        )
    two_goods.refresh_from_db()
    appeal.refresh_from_db()
    assert two_goods.status == "included"
    assert appeal.status == "partly_upheld"
    assert appeal.not_upheld_reasons == "No invoices for coated steel in the quarter."
    # The chosen good is back as a new entry from the day of the decision; the removed one says so.
    current = two_goods.goods.get(removed_on__isnull=True)
    assert (current.hs_code, current.included_on, current.status) == ("720810", DECIDED_ON, "in_register")
    assert current.domestic_value_share == Decimal("85.00")
    steel.refresh_from_db()
    coated.refresh_from_db()
    assert (steel.status, steel.appeal) == ("reinstated", appeal)
    assert (coated.status, coated.appeal, coated.removed_on) == ("not_reinstated", appeal, REMOVED_ON)
    # The journal says which goods came back, which did not, and why.
    entries = {e.action: e for e in journal_of("register_record", two_goods.number)}
    assert entries["reinstated"].payload["goods"] == ["7208100000 Прокат плоский горячекатаный"]
    left_out = entries["goods_not_reinstated"]
    assert left_out.payload["goods"] == ["7210490000 Прокат плоский оцинкованный"]
    assert left_out.payload["reasons"] == "No invoices for coated steel in the quarter."
    assert left_out.payload["appeal"] == appeal.number
    assert left_out.provisions == ["IP-51-5.5", "IP-51-5.8"]
    decided = next(e for e in journal_of("register_appeal", appeal.number) if e.action == "decided")
    assert decided.payload["upheld_goods"] == ["7208100000 Прокат плоский горячекатаный"]
    note = Notification.objects.get(message_key="registry.reinstated_partly")
    assert note.params["not_reinstated"] == "7210490000 Прокат плоский оцинкованный"


@pytest.mark.law("IP-51-5.8")
def test_ip_51_5_8_a_good_left_out_is_not_in_the_register_after_the_decision(
    appeal: Appeal, two_goods: RegisterRecord, client: Client
) -> None:
    steel = _good(two_goods, "720810")
    with clock.frozen(DECIDED_ON):
        appeals.appeal_decide(
            actor=COMMISSION,
            appeal=appeal,
            outcome="partly_upheld",
            decision="In part.",
            upheld_goods=[steel.pk],
            not_upheld_reasons="No sales of coated steel.",
        )
    identifier = two_goods.organization.identifier

    def codes(on: dt.date) -> list[str]:
        return [g.hs_code for g in selectors.public_goods(identifier=identifier, on=on)]

    # "Was this product in the register on date D?" — before removal both, in between none, after only one.
    assert codes(D(2026, 3, 12)) == ["720810", "721049"]
    assert codes(D(2026, 3, 20)) == []
    assert codes(DECIDED_ON) == ["720810"]
    assert codes(D(2026, 6, 1)) == ["720810"]
    assert not selectors.public_goods(code="721049", on=D(2026, 6, 1)).exists()
    assert selectors.public_goods(code="721049", on=D(2026, 3, 12)).exists()
    assert selectors.in_register_on(identifier, D(2026, 6, 1))
    # The API answers the same and names each good's state.
    body = client.get(f"/api/v1/register/producers/{identifier}", {"on": "2026-06-01"}).json()
    assert body["in_register"] is True
    assert [(g["hs_code"], g["status"]) for g in body["goods"]] == [("720810", "in_register")]
    # On a day before the removal both were in the register: what became of them later is not part of that day
    # (issue 10: an answer about a date is wholly about that date).
    body = client.get(f"/api/v1/register/producers/{identifier}", {"on": "2026-03-12"}).json()
    assert {g["hs_code"]: (g["status"], g["removed_on"]) for g in body["goods"]} == {
        "720810": ("in_register", None),
        "721049": ("in_register", None),
    }


@pytest.mark.law("IP-51-5.8")
def test_ip_51_5_8_fully_upheld_reinstates_every_good(appeal: Appeal, two_goods: RegisterRecord) -> None:
    with clock.frozen(DECIDED_ON):
        appeals.appeal_decide(actor=COMMISSION, appeal=appeal, outcome="upheld", decision="The data were late.")
    assert sorted(two_goods.goods.filter(removed_on__isnull=True).values_list("hs_code", flat=True)) == [
        "720810",
        "721049",
    ]
    assert set(two_goods.goods.filter(removed_on=REMOVED_ON).values_list("status", flat=True)) == {"reinstated"}
    assert Notification.objects.filter(message_key="registry.reinstated").exists()
    assert not any(e.action == "goods_not_reinstated" for e in journal_of("register_record", two_goods.number))


@pytest.mark.law("IP-51-5.5")
@pytest.mark.parametrize(
    ("choose", "reasons", "message"),
    [
        ([], "Not upheld for the rest.", "Choose the goods"),
        (["720810", "721049"], "Not upheld for the rest.", "upholding the objection fully"),
        (["720810", "other"], "Not upheld for the rest.", "Choose among the goods this removal took out"),
        (["720810"], "  ", "Say why the objection is not upheld for the other goods"),
    ],
    ids=["no goods", "all goods", "a good not removed", "no reasons"],
)
def test_ip_51_5_5_a_bad_partial_decision_is_refused_and_writes_nothing(
    appeal: Appeal, two_goods: RegisterRecord, choose: list[str], reasons: str, message: str
) -> None:
    other = RegisterGood.objects.create(
        record=two_goods, hs_code="999999", name_ru="x", annual_capacity=1, unit="t", included_on=D(2026, 3, 20)
    )
    ids = [other.pk if code == "other" else _good(two_goods, code).pk for code in choose]
    with clock.frozen(DECIDED_ON), pytest.raises(appeals.AppealError, match=message):
        appeals.appeal_decide(
            actor=COMMISSION,
            appeal=appeal,
            outcome="partly_upheld",
            decision="In part.",
            upheld_goods=ids,
            not_upheld_reasons=reasons,
        )
    appeal.refresh_from_db()
    two_goods.refresh_from_db()
    assert appeal.status == "filed"
    assert two_goods.status == "removed"
    assert set(two_goods.goods.filter(removed_on=REMOVED_ON).values_list("status", flat=True)) == {"removed"}
    assert not any(e.action == "decided" for e in journal_of("register_appeal", appeal.number))


def test_the_commission_upholds_in_part_through_the_page(
    client: Client, make_user: Any, appeal: Appeal, two_goods: RegisterRecord
) -> None:
    steel, coated = _good(two_goods, "720810"), _good(two_goods, "721049")
    client.force_login(make_user(Role.APPEALS_COMMISSION))
    url = f"/en/register/appeals/{appeal.number}/"
    page = client.get(url).content.decode()
    assert 'data-aria-controls="conditional-partly"' in page
    assert f'name="upheld_goods" type="checkbox" value="{steel.pk}"' in page
    assert "Прокат плоский оцинкованный" in page
    base = {"outcome": "partly_upheld", "decision": "In part.", "not_upheld_reasons": "No coated steel sold."}
    for ticked, error in [
        ([], "Choose the goods the objection is upheld for"),
        ([steel.pk, coated.pk], "You chose every good: choose fewer, or uphold the objection fully"),
    ]:
        with clock.frozen(DECIDED_ON):
            r = client.post(url, {**base, "upheld_goods": ticked})
        body = r.content.decode()
        assert r.status_code == 200
        assert "govuk-error-summary" in body
        assert f'<a href="#id_upheld_goods_0">{error}</a>' in body
        assert "In part." in body  # answers kept
    with clock.frozen(DECIDED_ON):
        r = client.post(url, {**base, "upheld_goods": [steel.pk], "not_upheld_reasons": ""})
    assert "Say why the objection is not upheld for the goods you did not choose" in r.content.decode()
    appeal.refresh_from_db()
    assert appeal.status == "filed"
    with clock.frozen(DECIDED_ON):
        r = client.post(url, {**base, "upheld_goods": [steel.pk]})
    assert r.status_code == 302
    appeal.refresh_from_db()
    assert appeal.status == "partly_upheld"
    page = client.get(url).content.decode()
    assert "was upheld in part, not for this good (IP-51-5.5)" in page
    assert "No coated steel sold." in page
    # The producer sees on its record which goods stay out, and why.
    client.force_login(make_user(Role.APPLICANT, organization=two_goods.organization))
    page = client.get(f"/en/register/records/{two_goods.number}/").content.decode()
    assert "Goods not reinstated" in page
    assert "7210490000 Прокат плоский оцинкованный" in page
    assert "No coated steel sold." in page


def test_only_the_commission_decides(client: Client, make_user: Any, appeal: Appeal, two_goods: RegisterRecord) -> None:
    client.force_login(make_user(Role.AUTHORIZED_BODY))
    steel = _good(two_goods, "720810")
    r = client.post(
        f"/en/register/appeals/{appeal.number}/",
        {"outcome": "partly_upheld", "decision": "x", "upheld_goods": [steel.pk], "not_upheld_reasons": "y"},
    )
    assert r.status_code == 403
    appeal.refresh_from_db()
    assert appeal.status == "filed"
