"""Demo data of the examination of applications and of producers' objections (IP-47.3, IP-47.7), made through the
app's services on top of `contracts_demo`: against the natural monopoly's published list, one application refused,
one awarded with the good's characteristics and its off-take contract concluded, and the foundry's application
still waiting; the monopoly's plan for the year after, under review, with goods it excluded as bought on the
domestic market, one objection to them pending and one accepted."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from nisi.contracts.models import ExclusionObjection, PlanApplication, ProcurementPlan
from nisi.contracts.rules import offtake as offtake_rules
from nisi.contracts.rules.plans import LineIn
from nisi.contracts.services import examination, objections, plans, plans_review, production
from nisi.core.authz import Actor, Grant
from nisi.core.models import ClassifierCode, Organization
from nisi.core.roles import Role
from nisi.law import clock
from nisi.registry import selectors as register


def _as(role: str, organization: Organization | None = None) -> Actor:
    grant = Grant(role, organization_id=organization.pk if organization else None)
    return Actor(user_id=None, label=f"demo {role}", grants=(grant,))


def _examinations(orgs: list[Organization], listed: ProcurementPlan) -> None:
    customer = _as(Role.MAJOR_CUSTOMER, listed.organization)
    lines = list(listed.lines.filter(exclusion="").order_by("position"))
    applicants = [o for o in orgs[1:3] if o.pk != listed.organization_id]
    if len(lines) < 2 or len(applicants) < 2:
        return
    refused_by, awarded_to = applicants
    refused = plans_review.application_submit(
        actor=_as(Role.APPLICANT, refused_by),
        line=lines[1],
        organization=refused_by,
        kind=_kind_for(refused_by, lines[1].product_code),
        quantity=Decimal(10),
        notes="Поставка со склада в Павлодаре.",
    )
    examination.application_refuse(
        actor=customer,
        application=refused,
        reasons="Предложенный объём не покрывает потребность года, а срок поставки не подтверждён.",
    )
    kind = _kind_for(awarded_to, lines[1].product_code)
    awarded = plans_review.application_submit(
        actor=_as(Role.APPLICANT, awarded_to),
        line=lines[1],
        organization=awarded_to,
        kind=kind,
        quantity=Decimal(30),
        notes="Новое производство, запуск в течение года."
        if kind == PlanApplication.Kind.OFFTAKE
        else "Серийное производство, товар в реестре.",
    )
    examination.application_award(
        actor=customer,
        application=awarded,
        technical_characteristics="Номинальная мощность 630 кВА; напряжение 10/0,4 кВ; схема соединения Д/Ун-11",
        physical_chemical_properties="Масло трансформаторное ГК; класс нагревостойкости изоляции A",
        configuration="Трансформатор с расширителем, термометром и комплектом запасных частей",
    )
    starts = clock.today() + dt.timedelta(days=30)
    ends = dt.date(starts.year + 2, starts.month, 1) - dt.timedelta(days=1)
    years = offtake_rules.contract_years(starts, ends)
    examination.application_conclude(
        actor=customer,
        application=awarded,
        unit_price=Decimal("4200000.00"),
        amount=Decimal("4200000.00") * 10 * len(years),
        starts_on=starts,
        ends_on=ends,
        volumes=dict.fromkeys(years, Decimal(10)),
        **(
            {"min_domestic_value": Decimal("40.00"), "programme_duty": True}
            if kind == PlanApplication.Kind.OFFTAKE
            else {"liability": "Неустойка 0,1 % стоимости непоставленного объёма за каждый день просрочки."}
        ),
    )


def _kind_for(organization: Organization, code: str) -> str:
    """The kind the law allows the applicant for the good: a guaranteed purchase from existing production
    (IP-46.1.1-1), an off-take contract for a good it will start producing (IP-46.1.1)."""
    if production.produced_on(organization.identifier, code, clock.today()):
        return PlanApplication.Kind.GUARANTEED_PURCHASE
    return PlanApplication.Kind.OFFTAKE


def _producers(customer: Organization) -> list[tuple[Organization, str]]:
    """Two producers in the register today, each with a good whose HS code the classifier has."""
    known = set(ClassifierCode.objects.filter(system=ClassifierCode.System.HS, level=6).values_list("code", flat=True))
    found: dict[int, tuple[Organization, str]] = {}
    for good in register.public_goods()[:200]:
        organization = good.record.organization
        taken = {code for _o, code in found.values()}
        fits = good.hs_code in known and good.hs_code not in taken
        if fits and organization.pk != customer.pk and organization.pk not in found:
            found[organization.pk] = (organization, good.hs_code)
    return list(found.values())[:2]


def _objections(listed: ProcurementPlan) -> None:
    monopoly = listed.organization
    producers = _producers(monopoly)
    if len(producers) < 2:
        return
    customer = _as(Role.MAJOR_CUSTOMER, monopoly)
    year = listed.first_year + 1
    plan = plans.plan_create(actor=customer, organization=monopoly, first_year=year, last_year=year)
    line_of = {}
    for organization, code in producers:
        line_of[organization.pk] = plans.line_add(
            actor=customer,
            plan=plan,
            line=LineIn(
                code,
                f"Товар {code} для ремонтной программы",
                Decimal(25),
                "шт",
                year,
                exclusion="domestic_market",
                exclusion_reason="Закупается на внутреннем рынке по действующим договорам",
            ),
        )
    first = listed.lines.filter(exclusion="").order_by("position").first()
    if first is not None:
        plans.line_add(
            actor=customer, plan=plan, line=LineIn(first.product_code, first.description, Decimal(40), "шт", year)
        )
    plans.plan_submit(actor=customer, plan=plan)
    (pending_by, _c1), (accepted_by, _c2) = producers
    objections.objection_file(
        actor=_as(Role.APPLICANT, pending_by),
        line=line_of[pending_by.pk],
        organization=pending_by,
        note="Выпускаем этот товар серийно; мощность 2 000 шт. в год, товар в реестре.",
    )
    accepted = objections.objection_file(
        actor=_as(Role.APPLICANT, accepted_by),
        line=line_of[accepted_by.pk],
        organization=accepted_by,
        note="Производим в Казахстане, готовы поставить весь объём.",
    )
    objections.objection_accept(
        actor=_as(Role.AUTHORIZED_BODY),
        objection=accepted,
        reasons="Производитель в реестре, мощности подтверждены: товар включить в закупаемые.",
    )


def contracts_examination_demo(orgs: list[Organization]) -> None:
    """Idempotent: nothing is made twice; nothing is made without `contracts_demo`'s published list."""
    if ExclusionObjection.objects.exists() or PlanApplication.objects.exclude(status="submitted").exists():
        return
    listed = (
        ProcurementPlan.objects.filter(status=ProcurementPlan.Status.PUBLISHED, applications_due_on__gte=clock.today())
        .order_by("-published_on")
        .first()
    )
    if listed is None:
        return
    _examinations(orgs, listed)
    _objections(listed)
