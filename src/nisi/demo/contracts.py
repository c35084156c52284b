"""Demo data of the contracts' plans (IP-46, IP-47), made through the app's services: the mining company of the demo
(demo-customer) a large customer with a plan submitted for next year; a natural monopoly with an agreed list
published a few days ago; and the steel foundry (demo-applicant) applying for an off-take contract for a good of it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from nisi.contracts.models import LargeCustomer, LargeCustomerKind, PlanApplication
from nisi.contracts.rules.plans import LineIn
from nisi.contracts.services import customers, plans, plans_review
from nisi.core import identifiers
from nisi.core.authz import SYSTEM, Actor, Grant
from nisi.core.models import ClassifierCode, Organization
from nisi.core.roles import Role
from nisi.core.services.organizations import organization_register
from nisi.law import clock

MONOPOLY = ("16014000061", "АО «Демо Электросети»", "551010000", "35121", "zakup@demo-grid.demo")


def _as(role: str, organization: Organization | None = None) -> Actor:
    grant = Grant(role, organization_id=organization.pk if organization else None)
    return Actor(user_id=None, label=f"demo {role}", grants=(grant,))


def _known(*codes: str) -> list[str]:
    return list(
        ClassifierCode.objects.filter(system=ClassifierCode.System.HS, level=6, code__in=codes).values_list(
            "code", flat=True
        )
    )


def _monopoly() -> Organization:
    first11, name, kato, oked, email = MONOPOLY
    identifier = identifiers.complete(first11)
    found = Organization.objects.filter(identifier=identifier).first()
    return found or organization_register(
        actor=SYSTEM, identifier=identifier, name=name, kato=kato, oked=oked, email=email
    )


def contracts_demo(orgs: list[Organization]) -> None:
    """Idempotent: nothing is made twice."""
    if LargeCustomer.objects.exists():
        return
    today = clock.today()
    miner, foundry, monopoly = orgs[3], orgs[0], _monopoly()
    since = dt.date(2025, 9, 1)
    customers.customer_record(actor=SYSTEM, organization=miner, kind=LargeCustomerKind.SUBSOIL_USER, since=since)
    customers.customer_record(actor=SYSTEM, organization=monopoly, kind=LargeCustomerKind.NATURAL_MONOPOLY, since=since)
    codes = _known("730429", "848180", "850440", "732690")
    year = today.year + 1
    miner_actor, monopoly_actor = _as(Role.MAJOR_CUSTOMER, miner), _as(Role.MAJOR_CUSTOMER, monopoly)
    # The miner's programme for the next two years, submitted today: under review.
    submitted = plans.plan_create(actor=miner_actor, organization=miner, first_year=year, last_year=year + 1)
    for i, code in enumerate(codes[:3]):
        plans.line_add(
            actor=miner_actor,
            plan=submitted,
            line=LineIn(
                code, ("Трубы обсадные", "Клапаны запорные", "Инверторы")[i], Decimal(100 * (i + 1)), "шт", year
            ),
        )
    if codes:
        plans.line_add(
            actor=miner_actor,
            plan=submitted,
            line=LineIn(
                codes[0],
                "Трубы обсадные",
                Decimal(50),
                "шт",
                year + 1,
                exclusion="domestic_market",
                exclusion_reason="Закупаются у отечественных производителей",
            ),
        )
        plans.plan_submit(actor=miner_actor, plan=submitted)
    # The monopoly's list, agreed and published five days ago: open to applications.
    published_on = today - dt.timedelta(days=5)
    with clock.frozen(published_on - dt.timedelta(days=15)):
        listed = plans.plan_create(actor=monopoly_actor, organization=monopoly, first_year=year, last_year=year)
        for i, code in enumerate(codes[1:]):
            plans.line_add(
                actor=monopoly_actor,
                plan=listed,
                line=LineIn(
                    code,
                    ("Клапаны запорные", "Трансформаторы", "Опоры стальные")[i],
                    Decimal(40),
                    "шт",
                    year,
                    region="55",
                ),
            )
        if not codes[1:]:
            return
        plans.plan_submit(actor=monopoly_actor, plan=listed)
    officer = _as(Role.AUTHORIZED_BODY)
    with clock.frozen(published_on - dt.timedelta(days=3)):
        plans_review.plan_agree(actor=officer, plan=listed)
    with clock.frozen(published_on):
        plans_review.plan_publish(actor=officer, plan=listed)
    line = listed.lines.order_by("position").first()
    if line is not None:
        plans_review.application_submit(
            actor=_as(Role.APPLICANT, foundry),
            line=line,
            organization=foundry,
            kind=PlanApplication.Kind.OFFTAKE,
            quantity=Decimal(20),
            notes="Литейное производство в Караганде, мощность 5 000 т в год.",
        )
