"""The one authorization function (DESIGN 4).

`allowed_actions(actor, record)` derives what may happen to a record from its state and the actor's role
grants (role, organization, region). The API, the HTML views and the services all ask it, and `scope` applies
the same reach to every query. Each kind of record declares a `Policy`: a table of state → role → actions.
tests/core/test_authz.py generates the roles × states matrix from these tables.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Model, Q, QuerySet
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext as _

from nisi.core.models import Deadline, Document, Notification, RoleAssignment
from nisi.core.roles import ROLE_REACH, Reach, Role


@dataclass(frozen=True)
class Grant:
    role: str
    organization_id: int | None = None
    region_code: str | None = None
    # Which competent body (nisi.core.roles.CompetentBody) a competent body's officer serves.
    body: str | None = None


@dataclass(frozen=True)
class Actor:
    """Who is acting: a signed-in user with their grants, or the public (no user)."""

    user_id: int | None
    label: str
    grants: tuple[Grant, ...] = ()

    @property
    def is_public(self) -> bool:
        return self.user_id is None

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(g.role for g in self.grants)

    def organization_ids(self) -> list[int]:
        return [g.organization_id for g in self.grants if g.organization_id is not None]


PUBLIC = Actor(user_id=None, label="public")
SYSTEM = Actor(user_id=None, label="nisi (automatic)", grants=(Grant(Role.AUTHORIZED_BODY),))


# Bumped whenever any role assignment is saved or deleted in this process. A user's grants are kept on the user
# object (which lives for one request) with the generation they were read at, so that a page's view, context
# processor and templates read the roles once, yet a role granted or withdrawn during the request is seen at once.
_generation = [0]


def _roles_changed(**kwargs: Any) -> None:
    _generation[0] += 1


post_save.connect(_roles_changed, sender=RoleAssignment, weak=False, dispatch_uid="nisi.authz.roles_changed")
post_delete.connect(_roles_changed, sender=RoleAssignment, weak=False, dispatch_uid="nisi.authz.roles_deleted")


@cache
def _grants_statement() -> str:
    # Names from the model's own metadata; the user's id goes as a parameter.
    meta = RoleAssignment._meta
    column = {f.name: f.column for f in meta.concrete_fields}
    columns = ", ".join(f'"{column[name]}"' for name in ("role", "organization", "region", "body"))
    return f'SELECT {columns} FROM "{meta.db_table}" WHERE "{column["user"]}" = %s ORDER BY "{column["id"]}"'  # noqa: S608


def _grants_of(user_id: Any) -> tuple[Grant, ...]:
    # A plain statement: every signed-in request reads the roles, and building the ORM's query cost several times
    # what PostgreSQL spends answering it (bench/cpu_per_request.py).
    with connection.cursor() as cursor:
        cursor.execute(_grants_statement(), [user_id])
        return tuple(Grant(role, org, region, body or None) for role, org, region, body in cursor.fetchall())


def actor_for(user: Any) -> Actor:
    if user is None or not getattr(user, "is_authenticated", False):
        return PUBLIC
    kept = getattr(user, "_nisi_grants", None)
    if kept is not None and kept[0] == _generation[0] and kept[1] == user.pk:
        grants = kept[2]
    else:
        grants = _grants_of(user.pk)
        user._nisi_grants = (_generation[0], user.pk, grants)
    return Actor(user_id=user.pk, label=user.get_username(), grants=grants)


@dataclass(frozen=True)
class Policy:
    """What each role may do to one kind of record in each of its states."""

    model: type[Model]
    states: tuple[str, ...]
    table: dict[str, dict[str, frozenset[str]]]  # state -> role -> actions
    state_of: Callable[[Any], str]
    organization_field: str | None = "organization"  # may follow relations: "removal__record__organization"
    region_field: str | None = "region"
    public: dict[str, frozenset[str]] = field(default_factory=dict)
    # Records addressed to one user (a user's own notification) are theirs whatever their role.
    user_field: str | None = None
    user_actions: dict[str, frozenset[str]] = field(default_factory=dict)
    # A record between two organizations (a contract's customer and manufacturer): the field each role reaches it
    # through, instead of `organization_field` (a customer's users through "customer", a manufacturer's through
    # "manufacturer"), so that each side reaches it only as that side.
    organization_fields: dict[str, str] = field(default_factory=dict)

    def organization_field_of(self, role: str) -> str | None:
        return self.organization_fields.get(role, self.organization_field)

    def reaches(self, grant: Grant, record: Any) -> bool:
        reach = ROLE_REACH[grant.role]
        if reach is Reach.NATIONAL:
            return True
        if reach is Reach.ORGANIZATION:
            org_field = self.organization_field_of(grant.role)
            org_id = _follow(record, f"{org_field}_id") if org_field else None
            return org_id is not None and org_id == grant.organization_id
        region_code = _follow(record, f"{self.region_field}_id") if self.region_field else None
        return region_code is not None and region_code == grant.region_code


def _follow(record: Any, path: str) -> Any:
    """An attribute through relations, written as in a query (`removal__record__organization_id`)."""
    value = record
    for part in path.split("__"):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def allow(*names: str) -> frozenset[str]:
    """The actions a role may take in a state, for a policy table."""
    return frozenset(names)


OFFICERS_SEE = (Role.AUTHORIZED_BODY, Role.DEVELOPMENT_INSTITUTE, Role.AUDITOR)

# Deadlines and notifications may name people (a foreign worker's visa, AH-7-1.3). Who holds this action reads
# those names and numbers: the employer's own users (its own workers) and the Fund's officers keeping the records of
# foreign workers. Everyone else who may view the record reads it without them (`messages.render`).
PERSONAL_DATA = "read_personal_data"

DEADLINE_POLICY = Policy(
    model=Deadline,
    states=("open", "overdue", "done", "cancelled"),
    table={
        "open": {
            Role.AUTHORIZED_BODY: allow("view", "complete", "cancel"),
            Role.ASTANA_HUB_FUND: allow("view", "complete"),
            Role.ASTANA_HUB_FUND_MIGRATION: allow("view", "complete", PERSONAL_DATA),
            Role.DEVELOPMENT_INSTITUTE: allow("view"),
            Role.AKIMAT: allow("view", "complete"),
            Role.APPLICANT: allow("view", PERSONAL_DATA),
            Role.MAJOR_CUSTOMER: allow("view"),
            Role.INCENTIVE_OPERATOR: allow("view"),
            Role.AUDITOR: allow("view"),
            Role.RESPONSIBLE_BODY: allow("view"),
        },
        "overdue": {
            Role.AUTHORIZED_BODY: allow("view", "complete", "cancel"),
            Role.ASTANA_HUB_FUND: allow("view", "complete"),
            Role.ASTANA_HUB_FUND_MIGRATION: allow("view", "complete", PERSONAL_DATA),
            Role.DEVELOPMENT_INSTITUTE: allow("view"),
            Role.AKIMAT: allow("view", "complete"),
            Role.APPLICANT: allow("view", PERSONAL_DATA),
            Role.MAJOR_CUSTOMER: allow("view"),
            Role.INCENTIVE_OPERATOR: allow("view"),
            Role.AUDITOR: allow("view"),
            Role.RESPONSIBLE_BODY: allow("view"),
        },
        "done": {
            **{
                r: allow("view")
                for r in (
                    *OFFICERS_SEE,
                    Role.AKIMAT,
                    Role.MAJOR_CUSTOMER,
                    Role.ASTANA_HUB_FUND,
                    Role.INCENTIVE_OPERATOR,
                    Role.RESPONSIBLE_BODY,
                )
            },
            Role.APPLICANT: allow("view", PERSONAL_DATA),
            Role.ASTANA_HUB_FUND_MIGRATION: allow("view", PERSONAL_DATA),
        },
        "cancelled": {r: allow("view") for r in (*OFFICERS_SEE, Role.AKIMAT)},
    },
    state_of=lambda d: d.state,
)

# Who issued a kind of document: the body whose officers may revoke it. Kept by kind, not on each document: the
# issuing body is a fact of the law about the kind (the authorized body issues register extracts, IP-51-1.8; the
# Astana Hub Fund its certificates and invitations, AH-8-1.5), so the app that issues a kind registers it once in
# its AppConfig.ready, core imports no app, documents already issued need no migration, and no document can carry an
# issuer that disagrees with its kind. `document_issue` refuses a kind that no app has registered.
# The operators of incentive measures take their decisions themselves (IP-13, IP-25.8) and the development institute
# concludes the grant agreements (IP-42.1): each reads and downloads what it issued. There are several operators, so
# an operator's officers reach a document through the organization that issued it (`Document.issuer_organization`),
# never another operator's.
DOCUMENT_ISSUERS: tuple[str, ...] = (
    Role.AUTHORIZED_BODY,
    Role.ASTANA_HUB_FUND,
    Role.INCENTIVE_OPERATOR,
    Role.DEVELOPMENT_INSTITUTE,
)  # a body that issues documents joins this list
# An issuer of which there are several, each reaching only the documents its own organization issued.
_ISSUER_ORGANIZATION = "issuer_organization"
_DOCUMENT_ISSUER_FIELDS: dict[str, str] = {Role.INCENTIVE_OPERATOR: _ISSUER_ORGANIZATION}
UNREGISTERED = "unregistered"  # a document whose kind no installed app registers (e.g. an app since removed)
NAMES_PEOPLE = "people"  # a kind of document that names people (an invitation: a full name, a passport number)
_DOCUMENT_KINDS: dict[str, str] = {}
_KINDS_NAMING_PEOPLE: set[str] = set()


def register_document_kind(kind: str, *, issued_by: str, names_people: bool = False) -> None:
    """Apps declare each kind of document they issue and the body that issues it (and alone may revoke it), and
    whether it names people: such a document is read only by its holder and its issuer, as the people's records
    are (an auditor or another body sees that it exists, through counts, never whom it names)."""
    if issued_by not in DOCUMENT_ISSUERS:
        raise ValueError(f"{issued_by} does not issue documents; add it to DOCUMENT_ISSUERS in nisi.core.authz")
    if _DOCUMENT_KINDS.get(kind, issued_by) != issued_by:
        raise ValueError(f"the document kind {kind} is already registered as issued by {_DOCUMENT_KINDS[kind]}")
    _DOCUMENT_KINDS[kind] = issued_by
    if names_people:
        _KINDS_NAMING_PEOPLE.add(kind)


def document_issuer(kind: str) -> str:
    """The body that issues documents of `kind`, or UNREGISTERED."""
    return _DOCUMENT_KINDS.get(kind, UNREGISTERED)


def document_kinds_naming_people() -> frozenset[str]:
    return frozenset(_KINDS_NAMING_PEOPLE)


def documents_hidden_from(actor: Actor) -> Q:
    """The documents naming people that `actor` reaches by its role but may not read (`scope` narrows by role and
    reach only; this narrows lists by kind as DOCUMENT_POLICY does record by record)."""
    hidden = Q(pk__in=[])
    own = [g.organization_id for g in actor.grants if g.role in _PEOPLE_READERS and g.organization_id is not None]
    for kind in sorted(_KINDS_NAMING_PEOPLE):
        if document_issuer(kind) not in actor.roles:
            hidden |= Q(kind=kind) & ~Q(organization_id__in=own)
    # An issuer that reads no one else's documents (the development institute reaches the whole country) lists only
    # the kinds it issues, besides those its other roles read.
    if not actor.roles & _READERS_OF_ALL:
        issued = [kind for kind, issuer in _DOCUMENT_KINDS.items() if issuer in actor.roles]
        held = [g.organization_id for g in actor.grants if g.role in _HOLDER_READERS and g.organization_id is not None]
        hidden |= ~(Q(kind__in=issued) | Q(organization_id__in=held))
    return hidden


def document_state(issuer: str, status: str, *, names_people: bool = False) -> str:
    """A document's state for the policy: its issuer, whether it names people, and its status, so that each body
    revokes only its own and documents naming people reach only their holder and issuer."""
    return f"{issuer}:{NAMES_PEOPLE}:{status}" if names_people else f"{issuer}:{status}"


# Who reads an issued document (the holder's organization, the officers who oversee), whoever issued it.
_DOCUMENT_READERS = {
    "valid": (Role.AUTHORIZED_BODY, Role.APPLICANT, Role.MAJOR_CUSTOMER, Role.ASTANA_HUB_FUND, Role.AUDITOR),
    "revoked": (Role.AUTHORIZED_BODY, Role.APPLICANT, Role.MAJOR_CUSTOMER, Role.AUDITOR),
    "replaced": (Role.AUTHORIZED_BODY, Role.APPLICANT, Role.MAJOR_CUSTOMER, Role.AUDITOR),
}
# A document that names people: its holder (the organization's own users) reads it; the issuer is added below.
_PEOPLE_READERS = (Role.APPLICANT,)
_ALL_READERS = frozenset(role for readers in _DOCUMENT_READERS.values() for role in readers)
# Readers reaching the whole country read every kind; the others read their own organization's documents.
_READERS_OF_ALL = frozenset(role for role in _ALL_READERS if ROLE_REACH[role] is Reach.NATIONAL)
_HOLDER_READERS = _ALL_READERS - _READERS_OF_ALL
_DOCUMENT_STATES = tuple(
    (issuer, status, people)
    for issuer in (*DOCUMENT_ISSUERS, UNREGISTERED)
    for people in (False, True)
    for status in _DOCUMENT_READERS
    if not (people and issuer == UNREGISTERED)  # a kind no app registers is not known to name people
)


def _document_table() -> dict[str, dict[str, frozenset[str]]]:
    table: dict[str, dict[str, frozenset[str]]] = {}
    for issuer, status, people in _DOCUMENT_STATES:
        readers = _PEOPLE_READERS if people else _DOCUMENT_READERS[status]
        by_role: dict[str, frozenset[str]] = {role: allow("view", "download") for role in readers}
        if issuer != UNREGISTERED:
            by_role[issuer] = allow("view", "download", "revoke") if status == "valid" else allow("view", "download")
        table[document_state(issuer, status, names_people=people)] = by_role
    return table


DOCUMENT_POLICY = Policy(
    model=Document,
    states=tuple(document_state(i, s, names_people=p) for i, s, p in _DOCUMENT_STATES),
    table=_document_table(),
    state_of=lambda d: document_state(document_issuer(d.kind), d.state, names_people=d.kind in _KINDS_NAMING_PEOPLE),
    region_field=None,
    organization_fields=_DOCUMENT_ISSUER_FIELDS,
    # Anyone holding the token can check a document (the QR code): verify shows status, never more.
    public={document_state(i, s, names_people=p): allow("verify") for i, s, p in _DOCUMENT_STATES},
)

NOTIFICATION_POLICY = Policy(
    model=Notification,
    states=("unread", "read"),
    table={
        "unread": {
            Role.APPLICANT: allow("view", "mark_read", PERSONAL_DATA),
            Role.MAJOR_CUSTOMER: allow("view", "mark_read"),
            Role.INCENTIVE_OPERATOR: allow("view", "mark_read"),
            Role.AUDITOR: allow("view"),
        },
        "read": {
            Role.APPLICANT: allow("view", PERSONAL_DATA),
            Role.MAJOR_CUSTOMER: allow("view"),
            Role.INCENTIVE_OPERATOR: allow("view"),
            Role.AUDITOR: allow("view"),
        },
    },
    state_of=lambda n: "read" if n.read_at else "unread",
    region_field=None,
    user_field="user",
    # A message addressed to one user is theirs to read in full.
    user_actions={"unread": allow("view", "mark_read", PERSONAL_DATA), "read": allow("view", PERSONAL_DATA)},
)

POLICIES: dict[type[Model], Policy] = {p.model: p for p in (DEADLINE_POLICY, DOCUMENT_POLICY, NOTIFICATION_POLICY)}


def register_policy(policy: Policy) -> None:
    """Domain apps declare their records' policies here, so that one function decides for every record."""
    existing = POLICIES.get(policy.model)
    if existing is not None and existing is not policy:
        raise ValueError(f"a policy for {policy.model.__name__} is already registered")
    POLICIES[policy.model] = policy


def policy_for(record_or_model: Any) -> Policy:
    model = record_or_model if isinstance(record_or_model, type) else type(record_or_model)
    return POLICIES[model]


def allowed_actions(actor: Actor, record: Any) -> frozenset[str]:
    policy = policy_for(record)
    state = policy.state_of(record)
    allowed: set[str] = set(policy.public.get(state, ()))
    if policy.user_field and actor.user_id is not None and getattr(record, f"{policy.user_field}_id") == actor.user_id:
        allowed |= policy.user_actions.get(state, frozenset())
    by_role = policy.table.get(state, {})
    for grant in actor.grants:
        actions = by_role.get(grant.role)
        if actions and policy.reaches(grant, record):
            allowed |= actions
    return frozenset(allowed)


def require(actor: Actor, record: Any, action: str) -> None:
    if action not in allowed_actions(actor, record):
        raise PermissionDenied(
            _(
                "You cannot do this (%(action)s) on this record. Sign in with an account that has the right role, "
                "or ask the authorized body."
            )
            % {"action": action}
        )


def scope(actor: Actor, queryset: QuerySet[Any], action: str = "view") -> QuerySet[Any]:
    """The records of `queryset` on which `actor` may perform `action` in some state, by reach.

    States are then checked per record with `allowed_actions`; this narrows by role and reach in SQL so that
    lists and exports never show another organization's or region's records.
    """
    policy = policy_for(queryset.model)
    roles_with_action = {
        role for by_role in policy.table.values() for role, actions in by_role.items() if action in actions
    }
    condition = Q(pk__in=[])
    for grant in actor.grants:
        if grant.role not in roles_with_action:
            continue
        reach = ROLE_REACH[grant.role]
        if reach is Reach.NATIONAL:
            return queryset
        org_field = policy.organization_field_of(grant.role)
        if reach is Reach.ORGANIZATION and org_field:
            condition |= Q(**{f"{org_field}_id": grant.organization_id})
        if reach is Reach.REGION and policy.region_field:
            condition |= Q(**{f"{policy.region_field}_id": grant.region_code})
    if policy.user_field and actor.user_id is not None:
        condition |= Q(**{f"{policy.user_field}_id": actor.user_id})
    return queryset.filter(condition)
