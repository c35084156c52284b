"""The demo accounts: one per role, and an administrator, all with the password the embedded sign-in page
publishes. Each is marked as a demo account, so that production refuses it (`nisi.core.services.accounts`)."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from nisi.core.models import Organization, RoleAssignment
from nisi.core.roles import CompetentBody, Role
from nisi.core.services.accounts import DEMO_PASSWORD, demo_account_mark

ADMIN = "demo-admin"
# (username, role, index of the organization in the demo's list, region)
ACCOUNTS = [
    ("demo-applicant", Role.APPLICANT, 0, None),
    ("demo-applicant-2", Role.APPLICANT, 1, None),
    ("demo-software", Role.APPLICANT, 2, None),
    ("demo-applicant-3", Role.APPLICANT, 4, None),
    ("demo-competent", Role.COMPETENT_BODY, None, None),
    ("demo-competent-agro", Role.COMPETENT_BODY, None, None),
    ("demo-customer", Role.MAJOR_CUSTOMER, 3, None),
    ("demo-officer", Role.AUTHORIZED_BODY, None, None),
    ("demo-institute", Role.DEVELOPMENT_INSTITUTE, None, None),
    ("demo-akimat", Role.AKIMAT, None, "35"),
    ("demo-informatization", Role.INFORMATIZATION_AUTHORITY, None, None),
    ("demo-appeals", Role.APPEALS_COMMISSION, None, None),
    ("demo-hub", Role.ASTANA_HUB_FUND, None, None),
    ("demo-hub-migration", Role.ASTANA_HUB_FUND_MIGRATION, None, None),
    ("demo-hub-actor", Role.APPLICANT, 5, None),
    ("demo-university", Role.APPLICANT, 6, None),
    ("demo-expert", Role.INDEPENDENT_EXPERT, None, None),
    ("demo-migration", Role.MIGRATION_AUTHORITY, None, None),
    ("demo-knb", Role.NATIONAL_SECURITY_COMMITTEE, None, None),
    ("demo-auditor", Role.AUDITOR, None, None),
]

# Which competent body each competent body's account serves: it submits only that body's information (IP-51-3).
BODIES = {"demo-competent": CompetentBody.SOLID_MINERALS, "demo-competent-agro": CompetentBody.AGRICULTURE}


def demo_accounts_load(orgs: list[Organization]) -> None:
    """Makes the accounts that do not exist yet and marks every one of them (idempotent)."""
    user_model = get_user_model()
    admin = user_model.objects.filter(username=ADMIN).first()
    if admin is None:
        admin = user_model.objects.create_superuser(ADMIN, "admin@nisi.demo", DEMO_PASSWORD)
    demo_account_mark(user=admin)
    for username, role, org_index, region in ACCOUNTS:
        demo_account_give(username, role, orgs[org_index] if org_index is not None else None, region)


def demo_account_give(username: str, role: str, organization: Organization | None, region: str | None) -> None:
    """Makes the demo account if it does not exist yet, marks it, and gives it the role (idempotent)."""
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{username}@nisi.demo"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    demo_account_mark(user=user)
    RoleAssignment.objects.update_or_create(
        user=user,
        role=role,
        organization=organization,
        region_id=region,
        defaults={"body": BODIES.get(username, "")},
    )
