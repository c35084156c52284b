"""The officers' pages for what came only through the API: notices on software producers (IP-51-2), information on
goods wholly produced (IP-51-3) and the production conditions catalogue (IP-51-7): the roles by states of the
three desks, the links to them, and the notices' desk. The other two desks: test_officer_desks_wholly_produced.py
and test_officer_desks_conditions.py."""

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from nisi.core.authz import Actor, Grant, allowed_actions
from nisi.core.models import Organization
from nisi.core.roles import ROLE_REACH, Reach, Role
from nisi.law import clock
from nisi.registry.models import (
    ProductionConditions,
    RegisterRecord,
    SoftwareNotice,
    WhollyProducedEntry,
)
from nisi.registry.policies import CONDITIONS_POLICY, SOFTWARE_NOTICE_POLICY, WHOLLY_PRODUCED_POLICY

D = dt.date
SUMMARY = "govuk-error-summary"


def _login(client: Client, make_user: Any, role: str, **kwargs: Any) -> Any:
    user = make_user(role, **kwargs)
    client.force_login(user)
    return user


# The roles-by-states matrix of the three policies, as tests/core/test_authz.py generates it for the others.
def _build(model: type, state: str) -> Any:
    if model is SoftwareNotice:
        return SoftwareNotice(organization_id=1) if state == "new" else SoftwareNotice(pk=1, organization_id=1)
    if model is WhollyProducedEntry:
        entry = WhollyProducedEntry(region_id="35", submitted_by_id=7)
        if state != "new":
            entry.pk, entry.status = 1, state
        return entry
    conditions = ProductionConditions(product_code="7208")
    if state != "new":
        conditions.pk, conditions.status = 1, state
    return conditions


def _grant(role: str, in_reach: bool) -> Grant:
    reach = ROLE_REACH[role]
    if reach is Reach.ORGANIZATION:
        return Grant(role, organization_id=1 if in_reach else 2)
    if reach is Reach.REGION:
        return Grant(role, region_code="35" if in_reach else "71")
    return Grant(role)


MATRIX = [
    (policy, state, role, in_reach)
    for policy in (SOFTWARE_NOTICE_POLICY, WHOLLY_PRODUCED_POLICY, CONDITIONS_POLICY)
    for state in policy.states
    for role in Role.values
    for in_reach in (True, False)
    if in_reach or ROLE_REACH[role] is not Reach.NATIONAL
]


@pytest.mark.parametrize(
    ("policy", "state", "role", "in_reach"),
    MATRIX,
    ids=[f"{p.model.__name__}-{s}-{r}-{'in' if i else 'out'}" for p, s, r, i in MATRIX],
)
def test_roles_by_states_of_the_desks(policy: Any, state: str, role: str, in_reach: bool) -> None:
    record = _build(policy.model, state)
    assert policy.state_of(record) == state
    actor = Actor(user_id=99, label="x", grants=(_grant(role, in_reach),))
    expected = set(policy.public.get(state, ()))
    reachable = (
        in_reach
        and (policy.organization_field or ROLE_REACH[role] is not Reach.ORGANIZATION)
        and (policy.region_field or ROLE_REACH[role] is not Reach.REGION)
    )
    if reachable:
        expected |= policy.table.get(state, {}).get(role, frozenset())
    assert allowed_actions(actor, record) == expected


def test_the_submitter_of_an_entry_sees_it_whatever_the_role() -> None:
    entry = _build(WhollyProducedEntry, "received")
    assert allowed_actions(Actor(user_id=7, label="me"), entry) == {"view"}
    assert allowed_actions(Actor(user_id=8, label="other"), entry) == set()


# --- Notices on software producers (IP-51-2) -------------------------------------------------------------------


@pytest.mark.law("IP-51-2.4")
def test_the_informatization_authority_enters_notices_and_sees_the_outcome(
    client: Client, make_user: Any, make_org: Any
) -> None:
    org = make_org(name="ТОО «Astana Soft»", kato="711110000")
    _login(client, make_user, Role.INFORMATIZATION_AUTHORITY)
    page = client.get("/en/register/software-notices/").content.decode()
    assert "No notices yet." in page
    assert 'href="/en/register/software-notices/new/"' in page
    assert (
        "Number in the register of trusted software"
        in client.get("/en/register/software-notices/new/").content.decode()
    )
    with clock.frozen(D(2026, 2, 2)):
        r = client.post(
            "/en/register/software-notices/new/",
            {
                "kind": "include",
                "identifier": org.identifier,
                "software_name": "Qoima ERP",
                "trusted_register_number": "TS-2025-0142",
            },
        )
    assert r.status_code == 302
    record = RegisterRecord.objects.get(organization=org)
    assert record.basis == "software"
    notice = SoftwareNotice.objects.get()
    assert (notice.organization, notice.record_number, notice.received_by_label) == (
        org,
        record.number,
        r.wsgi_request.user.username,
    )
    page = client.get("/en/register/software-notices/", follow=True).content.decode()
    assert f'href="/en/register/records/{record.number}/"' in page
    assert f"Included: {record.number}" in page
    with clock.frozen(D(2026, 4, 10)):
        r = client.post(
            "/en/register/software-notices/new/",
            {
                "kind": "exclude",
                "identifier": org.identifier,
                "software_name": "Qoima ERP",
                "trusted_register_number": "TS-2025-0142",
                "quarter": "2026-Q1",
                "reasons": "Excluded from the register of trusted software",
            },
        )
    assert r.status_code == 302
    record.refresh_from_db()
    assert record.status == "removed"
    assert record.removals.get().ground == "software"
    # The outcome is on the record, for the authority and for the producer.
    page = client.get(f"/en/register/records/{record.number}/").content.decode()
    assert "Notices of the informatization authority" in page
    assert "Excluded from the register of trusted software" in page
    assert "Results of software producer monitoring (IP-51-6.2)" in page
    _login(client, make_user, Role.APPLICANT, organization=org)
    page = client.get(f"/en/register/records/{record.number}/").content.decode()
    assert "Excluded from the register of trusted software" in page
    assert client.get("/en/register/software-notices/").status_code == 403


@pytest.mark.parametrize(
    ("post", "error"),
    [
        ({"identifier": "100140000003", "software_name": "x", "trusted_register_number": "y"}, "Choose whether"),
        (
            {"kind": "include", "identifier": "100140000004", "software_name": "x", "trusted_register_number": "y"},
            "real BIN",
        ),
        ({"kind": "include", "identifier": "100140000003", "trusted_register_number": "y"}, "name of the software"),
        (
            {"kind": "exclude", "identifier": "100140000003", "software_name": "x", "trusted_register_number": "y"},
            "Give the results of monitoring",
        ),
        (
            {"kind": "include", "identifier": "100140000003", "software_name": "x", "trusted_register_number": "y"},
            "is not registered in nisi",
        ),
    ],
    ids=["no kind", "bad check digit", "no software", "exclusion without reasons", "unknown producer without name"],
)
def test_a_bad_notice_shows_the_error_summary_and_writes_nothing(
    client: Client, make_user: Any, post: dict[str, str], error: str
) -> None:
    _login(client, make_user, Role.INFORMATIZATION_AUTHORITY)
    r = client.post("/en/register/software-notices/new/", post)
    body = r.content.decode()
    assert r.status_code == 200
    assert SUMMARY in body
    assert error in body
    assert not SoftwareNotice.objects.exists()
    assert not Organization.objects.filter(identifier="100140000003").exists()


def test_only_the_informatization_authority_enters_notices(client: Client, make_user: Any, make_org: Any) -> None:
    org = make_org()
    _login(client, make_user, Role.AUTHORIZED_BODY)
    assert client.get("/en/register/software-notices/").status_code == 200  # it may see them
    assert client.get("/en/register/software-notices/new/").status_code == 403
    post = {"kind": "include", "identifier": org.identifier, "software_name": "x", "trusted_register_number": "y"}
    assert client.post("/en/register/software-notices/new/", post).status_code == 403
    _login(client, make_user, Role.COMPETENT_BODY)
    assert client.get("/en/register/software-notices/").status_code == 403
    assert not SoftwareNotice.objects.exists()


def test_the_personal_account_links_each_officer_to_their_desks(client: Client, make_user: Any) -> None:
    links = {
        Role.INFORMATIZATION_AUTHORITY: ["/en/register/software-notices/"],
        Role.COMPETENT_BODY: ["/en/register/wholly-produced/"],
        Role.AUTHORIZED_BODY: [
            "/en/register/software-notices/",
            "/en/register/wholly-produced/",
            "/en/register/conditions/",
        ],
    }
    for role, expected in links.items():
        _login(client, make_user, role)
        page = client.get("/en/account/").content.decode()
        for url in ["/en/register/software-notices/", "/en/register/wholly-produced/"]:
            assert (f'href="{url}"' in page) is (url in expected), (role, url)
    _login(client, make_user, Role.AKIMAT, region="35")
    assert 'href="/en/register/wholly-produced/"' in client.get("/en/account/").content.decode()
