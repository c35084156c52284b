"""Who may do what with the administrative data forms and returns (IP-6.1, IP-6.3), joined to the one authorization
function.

The authorized body creates forms, drafts and approves their versions and names the organizations that must fill
each; approved versions are public (anyone may see what is asked). An organization's users (an entity's, or a
responsible body's) file its returns and read
them; the authorized body reads every return on the ground IP-6.3 gives it (each view by it recorded), auditors too.
Nobody else reads an entity's return (IP-6.3)."""

from __future__ import annotations

from nisi.core.authz import Actor, Policy, allow, policy_for, register_policy
from nisi.core.roles import Role
from nisi.reporting.models import AssessmentForm, AssessmentReturn, FormFiler, FormVersion

NEW = "new"
_READ = allow("view")


def may(actor: Actor, model: type, action: str) -> bool:
    """Whether any of the actor's roles may take `action` on some record of `model` in some state."""
    table = policy_for(model).table
    return any(action in by_role.get(g.role, frozenset()) for by_role in table.values() for g in actor.grants)


ASSESSMENT_FORM_POLICY = Policy(
    model=AssessmentForm,
    states=(NEW, "recorded"),
    table={
        NEW: {Role.AUTHORIZED_BODY: allow("create")},
        "recorded": {Role.AUTHORIZED_BODY: allow("view", "draft", "name_filers"), Role.AUDITOR: _READ},
    },
    state_of=lambda f: NEW if f.pk is None else "recorded",
    organization_field=None,
    region_field=None,
    public={"recorded": _READ},
)

FORM_VERSION_POLICY = Policy(
    model=FormVersion,
    states=("draft", "approved"),
    table={
        "draft": {Role.AUTHORIZED_BODY: allow("view", "edit", "approve"), Role.AUDITOR: _READ},
        "approved": {Role.AUTHORIZED_BODY: _READ, Role.AUDITOR: _READ},
    },
    state_of=lambda v: str(v.status),
    organization_field=None,
    region_field=None,
    public={"approved": _READ},
)

FORM_FILER_POLICY = Policy(
    model=FormFiler,
    states=(NEW, "recorded"),
    table={
        NEW: {Role.AUTHORIZED_BODY: allow("add")},
        "recorded": {
            Role.AUTHORIZED_BODY: _READ,
            Role.AUDITOR: _READ,
            Role.APPLICANT: _READ,
            Role.RESPONSIBLE_BODY: _READ,
        },
    },
    state_of=lambda f: NEW if f.pk is None else "recorded",
    organization_field="organization",
    region_field=None,
)

ASSESSMENT_RETURN_POLICY = Policy(
    model=AssessmentReturn,
    states=(NEW, "submitted"),
    table={
        NEW: {Role.APPLICANT: allow("submit"), Role.RESPONSIBLE_BODY: allow("submit")},
        "submitted": {
            Role.APPLICANT: _READ,
            Role.RESPONSIBLE_BODY: _READ,
            Role.AUTHORIZED_BODY: _READ,
            Role.AUDITOR: _READ,
        },
    },
    state_of=lambda r: r.state,
    organization_field="organization",
    region_field=None,
)

register_policy(ASSESSMENT_FORM_POLICY)
register_policy(FORM_VERSION_POLICY)
register_policy(FORM_FILER_POLICY)
register_policy(ASSESSMENT_RETURN_POLICY)
