"""Who may do what with the contracts' records: each kind's policy joins the one authorization function
(`nisi.core.authz`). Each area of the app adds its kinds here."""

# --- domestic value development programmes (IP-61-1) ---
# The large customer develops, submits and reports on its programme; the authorized body agrees or refuses it on the
# grounds of IP-61-1.2 (recording the natural-monopoly regulator's agreement from its letter, ADR 21), monitors the
# reports and recognises the obligations fulfilled or not (IP-61-1.5, 61-1.6); the domestic value institute and
# auditors read. A draft is the customer's own until it is submitted (the selectors keep it from the officers).
from nisi.contracts.models import DomesticValueProgramme, ProgrammeReport
from nisi.core.authz import Policy, allow, policy_for, register_policy
from nisi.core.roles import Role

_P = DomesticValueProgramme.Status
_PROGRAMME_READERS: dict[str, frozenset[str]] = {Role.DEVELOPMENT_INSTITUTE: allow("view"), Role.AUDITOR: allow("view")}
PROGRAMME_POLICY = Policy(
    model=DomesticValueProgramme,
    states=tuple(_P.values),
    table={
        _P.DRAFT: {Role.MAJOR_CUSTOMER: allow("view", "create", "edit", "submit")},
        _P.SUBMITTED: {
            Role.MAJOR_CUSTOMER: allow("view"),
            Role.AUTHORIZED_BODY: allow("view", "agree", "refuse", "record_regulator"),
            **_PROGRAMME_READERS,
        },
        _P.AGREED: {
            Role.MAJOR_CUSTOMER: allow("view", "report"),
            Role.AUTHORIZED_BODY: allow("view", "recognise"),
            **_PROGRAMME_READERS,
        },
        _P.REFUSED: {
            Role.MAJOR_CUSTOMER: allow("view", "edit", "submit"),
            Role.AUTHORIZED_BODY: allow("view"),
            **_PROGRAMME_READERS,
        },
        _P.FULFILLED: {Role.MAJOR_CUSTOMER: allow("view"), Role.AUTHORIZED_BODY: allow("view"), **_PROGRAMME_READERS},
        _P.NOT_FULFILLED: {
            Role.MAJOR_CUSTOMER: allow("view"),
            Role.AUTHORIZED_BODY: allow("view"),
            **_PROGRAMME_READERS,
        },
    },
    state_of=lambda p: p.state,
    organization_field="organization",
    region_field=None,
)

PROGRAMME_REPORT_POLICY = Policy(
    model=ProgrammeReport,
    states=("submitted", "monitored"),
    table={
        "submitted": {
            Role.MAJOR_CUSTOMER: allow("view"),
            Role.AUTHORIZED_BODY: allow("view", "monitor"),
            **_PROGRAMME_READERS,
        },
        "monitored": {Role.MAJOR_CUSTOMER: allow("view"), Role.AUTHORIZED_BODY: allow("view"), **_PROGRAMME_READERS},
    },
    state_of=lambda r: r.state,
    organization_field="programme__organization",
    region_field=None,
)

register_policy(PROGRAMME_POLICY)
register_policy(PROGRAMME_REPORT_POLICY)


def may_programmes(actor: object, action: str) -> bool:
    """Whether any of the actor's roles may take `action` on some programme in some state (for the lists and the
    form for a new programme; each programme is then checked with `allowed_actions`)."""
    table = policy_for(DomesticValueProgramme).table
    grants = getattr(actor, "grants", ())
    return any(action in by_role.get(g.role, frozenset()) for by_role in table.values() for g in grants)
