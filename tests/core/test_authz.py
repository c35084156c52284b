"""The roles × states matrix, generated from the policies: every role, in and out of its reach, in every state."""

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from nisi.core.authz import (
    PERSONAL_DATA,
    POLICIES,
    PUBLIC,
    UNREGISTERED,
    Actor,
    Grant,
    allowed_actions,
    document_issuer,
    document_kinds_naming_people,
    register_document_kind,
    require,
    scope,
)
from nisi.core.models import Deadline, Document, Notification
from nisi.core.roles import ROLE_REACH, Reach, Role


def _record(model: type, state: str) -> Any:
    """A model instance, owned by organization 1 in region 35, forced into `state`.

    Every policy's model needs a builder here: a new policy without one fails this test on purpose."""
    from nisi.industrialization.models import Project, QuarterlyReport
    from nisi.registry.models import Appeal, RegisterRecord, Removal

    when = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    if model is Deadline:
        d = Deadline(organization_id=1, region_id="35", status="open" if state == "overdue" else state)
        d.overdue_since = dt.date(2025, 1, 2) if state == "overdue" else None
        return d
    if model is Document:
        issuer, *people, status = state.split(":")
        return Document(
            kind=_kind_issued_by(issuer, names_people=bool(people)),
            organization_id=1,
            issuer_organization_id=1,  # an issuer of several (an operator) reaches what its organization issued
            revoked_at=when if status == "revoked" else None,
            replaced_at=when if status == "replaced" else None,
        )
    if model is Notification:
        return Notification(organization_id=1, user_id=7, read_at=when if state == "read" else None)
    if model is Appeal:
        return Appeal(removal=Removal(record=RegisterRecord(organization_id=1)), status=state)
    if model is QuarterlyReport:
        # The state is who informs (the akimat when no body is responsible) until the report is written.
        report = QuarterlyReport(
            project=Project(initiator_id=1), region_id="35", responsible_id=None if state == "new_for_akimat" else 1
        )
        report.pk = 1 if state == "submitted" else None
        return report
    return _generic(model, state)


def _kind_issued_by(issuer: str, *, names_people: bool = False) -> str:
    """A kind of document that body issues (apps register theirs when ready), naming people or not; a kind nobody
    registered stands for both (no reader beyond the policy's own)."""
    if issuer == UNREGISTERED:
        return "no-such-kind"
    kinds = [
        k
        for k in ("organization_card", "register_extract", "astana_hub_actor_certificate", "astana_hub_invitation")
        if document_issuer(k) == issuer and (k in document_kinds_naming_people()) == names_people
    ]
    if not kinds:
        # No installed app issues such a kind (today the authorized body issues none naming people): one made up
        # for the test, so that the policy's every state is still tried as every role.
        kind = f"test-{issuer}-{'people' if names_people else 'plain'}"
        register_document_kind(kind, issued_by=issuer, names_people=names_people)
        return kind
    return kinds[0]


def _owned(model: type, pk: int | None) -> Any:
    """An instance of `model` owned, through its policy's fields, by organization 1 in region 35 and user 7."""
    policy = POLICIES[model]
    record = model()
    record.pk = pk
    for org_field in {policy.organization_field, *policy.organization_fields.values()} - {None}:
        *hops, last = str(org_field).split("__")
        holder = record
        for hop in hops:  # build the chain of related records the policy follows (application__organization)
            # reuse one already built for another role's field (agreement__organization, agreement__operator)
            related = holder._state.fields_cache.get(hop) or holder._meta.get_field(hop).related_model()
            setattr(holder, hop, related)
            holder = related
        setattr(holder, f"{last}_id", 1)
    if policy.region_field:
        *hops, last = str(policy.region_field).split("__")
        holder = record
        for hop in hops:  # a region the policy reads through a related record (batch__region)
            related = holder._state.fields_cache.get(hop)
            if related is None:  # keeping the id an organization field set (application__organization__region)
                related = holder._meta.get_field(hop).related_model(pk=getattr(holder, f"{hop}_id", None))
            setattr(holder, hop, related)
            holder = related
        setattr(holder, f"{last}_id", "35")
    if policy.user_field:
        setattr(record, f"{policy.user_field}_id", 7)
    return record


def _generic(model: type, state: str) -> Any:
    """Any other policy's model: an owned instance forced into `state` through the field the state comes from
    (its status, a recipient and status pair, a direction, a date that ends it, or being saved at all). The
    caller checks `state_of` gives `state` back, so a model this cannot build fails the matrix on purpose."""
    policy = POLICIES[model]
    when = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    field_names = {f.name for f in model._meta.get_fields()}
    for pk in (None, 1):
        record = _owned(model, pk)
        value = state
        if ":" in state and "recipient" in field_names:
            record.recipient, value = state.split(":", 1)
        for name in ("status", "direction"):
            if name in field_names and value in {c for c, _label in model._meta.get_field(name).choices or ()}:
                setattr(record, name, value)
        if state in ("excluded", "cancelled", "revoked", "withdrawn"):
            for name in ("excluded_on", "cancelled_at", "revoked_at", "withdrawn_at"):
                if name in field_names:
                    setattr(record, name, when)
        if state == "confidential" and "price_confidential" in field_names:
            record.price_confidential = True
        if state == "superseded" and "superseded_by" in field_names:
            record.superseded_by = model()
        if state == "superseded" and "current" in field_names:  # a version replaced by a later one (needs)
            record.current = False
        if policy.state_of(record) == state:
            return record
    raise AssertionError(f"add a builder for {model.__name__} in state {state!r} to this test")


def _grant(role: str, in_reach: bool) -> Grant:
    reach = ROLE_REACH[role]
    if reach is Reach.ORGANIZATION:
        return Grant(role, organization_id=1 if in_reach else 2)
    if reach is Reach.REGION:
        return Grant(role, region_code="35" if in_reach else "71")
    return Grant(role)


CASES = [
    (model, state, role, in_reach)
    for model, policy in POLICIES.items()
    for state in policy.states
    for role in Role.values
    for in_reach in (True, False)
    if in_reach or ROLE_REACH[role] is not Reach.NATIONAL
]


@pytest.mark.parametrize(
    ("model", "state", "role", "in_reach"),
    CASES,
    ids=[f"{m.__name__}-{s}-{r}-{'in' if i else 'out'}" for m, s, r, i in CASES],
)
def test_roles_by_states(model: type, state: str, role: str, in_reach: bool) -> None:
    policy = POLICIES[model]
    record = _record(model, state)
    assert policy.state_of(record) == state
    actor = Actor(user_id=99, label="x", grants=(_grant(role, in_reach),))
    expected = set(policy.public.get(state, ()))
    reachable = (
        in_reach
        and (policy.organization_field_of(role) or ROLE_REACH[role] is not Reach.ORGANIZATION)
        and (policy.region_field or ROLE_REACH[role] is not Reach.REGION)
    )
    if reachable:
        expected |= policy.table.get(state, {}).get(role, frozenset())
    assert allowed_actions(actor, record) == expected


@pytest.mark.parametrize("model", list(POLICIES))
def test_the_public_gets_only_public_actions(model: type) -> None:
    policy = POLICIES[model]
    for state in policy.states:
        assert allowed_actions(PUBLIC, _record(model, state)) == policy.public.get(state, frozenset())


def test_a_user_reads_their_own_notification_whatever_their_role() -> None:
    note = Notification(user_id=99, read_at=None)
    assert allowed_actions(Actor(user_id=99, label="x"), note) == {"view", "mark_read", PERSONAL_DATA}
    assert allowed_actions(Actor(user_id=98, label="y"), note) == set()


@pytest.mark.parametrize(
    ("kind", "issuer"),
    [
        ("register_extract", Role.AUTHORIZED_BODY),
        ("organization_card", Role.AUTHORIZED_BODY),
        ("astana_hub_actor_certificate", Role.ASTANA_HUB_FUND),
        ("astana_hub_invitation", Role.ASTANA_HUB_FUND),
    ],
)
def test_only_the_issuing_body_revokes_a_document(kind: str, issuer: str) -> None:
    """The industry ministry's officers revoke what the authorized body issued, the Fund's officers what the Fund
    issued; no one revokes a document of a kind no app registers."""
    assert document_issuer(kind) == issuer
    revokers = {
        role
        for role in Role.values
        if "revoke"
        in allowed_actions(
            Actor(1, "x", (Grant(role, organization_id=1, region_code="35"),)), Document(kind=kind, organization_id=1)
        )
    }
    assert revokers == {issuer}
    nobody = Document(kind="no-such-kind", organization_id=1)
    assert not any(
        "revoke" in allowed_actions(Actor(1, "x", (Grant(role, organization_id=1, region_code="35"),)), nobody)
        for role in Role.values
    )


def test_require_refuses_with_a_message_saying_what_to_do(english: None) -> None:
    with pytest.raises(PermissionDenied, match="Sign in with an account that has the right role"):
        require(PUBLIC, _record(Deadline, "open"), "complete")


def test_scope_narrows_lists_to_the_actors_reach(make_org: Any, db: None) -> None:
    from nisi.core.services.deadlines import deadline_open
    from nisi.law import legal_calendar

    mine, theirs = make_org(name="Mine", kato="351010000"), make_org(name="Theirs", kato="711110000")
    for org in (mine, theirs):
        deadline_open(
            actor=PUBLIC,
            subject_type="t",
            subject_id=org.identifier,
            kind="k",
            due=legal_calendar.add_calendar_days(dt.date(2025, 1, 10), 30),
            starts_on=dt.date(2025, 1, 10),
            provision="IP-47.4",
            responsible_role=Role.AUTHORIZED_BODY,
            organization=org,
            region=org.region,
        )
    qs = Deadline.objects.all()
    applicant = Actor(1, "a", (Grant(Role.APPLICANT, organization_id=mine.pk),))
    akimat = Actor(2, "k", (Grant(Role.AKIMAT, region_code="71"),))
    officer = Actor(3, "o", (Grant(Role.AUTHORIZED_BODY),))
    outsider = Actor(4, "m", (Grant(Role.MIGRATION_AUTHORITY),))  # a national role with no deadlines
    assert [d.organization_id for d in scope(applicant, qs)] == [mine.pk]
    assert [d.organization_id for d in scope(akimat, qs)] == [theirs.pk]
    assert scope(officer, qs).count() == 2
    assert scope(outsider, qs).count() == 0
    assert scope(PUBLIC, qs).count() == 0
