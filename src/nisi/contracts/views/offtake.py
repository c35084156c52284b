"""Pages of contracts aimed at industrial development for their parties and the authorized body: the contracts one
may see (filtered, paged), concluding one (the customer), and a contract's page with the year's commitment against
delivery and every decision the actor may take on it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from nisi.contracts.forms.offtake import (
    AcceptForm,
    AmendmentDecisionForm,
    AmendmentForm,
    CharacteristicsForm,
    ContractFilterForm,
    ContractForm,
    DeliveryForm,
    OffsetForm,
    PilotForm,
    PledgeForm,
    ReasonsForm,
)
from nisi.contracts.models import Amendment, DevelopmentContract, OffsetCondition
from nisi.contracts.selectors import offtake as selectors
from nisi.contracts.services import offtake as services
from nisi.contracts.services import offtake_changes as changes
from nisi.contracts.services import offtake_performance as performance
from nisi.core.authz import Actor, actor_for, allowed_actions
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.forms.listing import list_page
from nisi.forms.posting import bound_if, form_post, posted_step, step_post
from nisi.law import display


@login_required
def contracts(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    form = ContractFilterForm(request.GET or None)
    found = selectors.contracts_filtered(selectors.contracts_for(actor), **form.values())
    listing = list_page(request, found, sorts=ContractFilterForm.SORTS)
    customers = Organization.objects.filter(
        pk__in=[g.organization_id for g in actor.grants if g.role == Role.MAJOR_CUSTOMER]
    )
    return render(
        request,
        "contracts/offtake/contracts.html",
        {"contracts": listing.rows, "listing": listing, "filters": form, "customers": customers},
    )


def _terms(data: dict[str, Any]) -> services.Terms:
    manufacturer = Organization.objects.filter(identifier=data.pop("manufacturer")).first()
    if manufacturer is None:
        raise services.ContractError(_("No organization with this BIN is known: check it."), "manufacturer")
    return services.Terms(manufacturer=manufacturer, **data)


@login_required
def contract_new(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    customer = Organization.objects.filter(
        pk__in=[g.organization_id for g in actor.grants if g.role == Role.MAJOR_CUSTOMER]
    ).first()
    if customer is None:
        raise PermissionDenied(_("Contracts are concluded by the users of a large customer."))
    form = ContractForm(request.POST or None)
    done = form_post(
        request,
        form,
        lambda data: services.contract_conclude(actor=actor, customer=customer, terms=_terms(data)),
        errors=services.ContractError,
        success=lambda c: _("The contract %(n)s was concluded; the manufacturer confirms it.") % {"n": c.number},
        redirect_to=lambda c: reverse("contracts:offtake_contract", args=[c.number]),
    )
    return done or render(request, "contracts/offtake/contract_new.html", {"form": form, "customer": customer})


def _contract(actor: Actor, number: str) -> DevelopmentContract:
    contract = selectors.contracts_for(actor).filter(number=number).first()
    if contract is None:
        raise Http404(_("No such contract among those you can see."))
    return contract


@login_required
def contract_detail(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    contract = _contract(actor, number)
    actions = allowed_actions(actor, contract)
    step = posted_step(request, actions, refused=_("You cannot take this step on this contract now."))
    pending = [
        (d.pk, f"{d.delivered_on:%d.%m.%Y} · {display.number(display.trimmed(d.volume))} {contract.unit}")
        for d in contract.deliveries.filter(accepted_volume__isnull=True)
    ]
    open_conditions = [
        (c.pk, c.description) for c in contract.offset_conditions.filter(status=OffsetCondition.Status.PENDING)
    ]
    proposal = contract.amendments.filter(status=Amendment.Status.PROPOSED).first()
    forms = {
        "decline": ReasonsForm(bound_if(request, step, "decline"), prefix="decline"),
        "withdraw": ReasonsForm(bound_if(request, step, "withdraw"), prefix="withdraw"),
        "add_characteristics": CharacteristicsForm(bound_if(request, step, "add_characteristics"), prefix="chars"),
        "record_delivery": DeliveryForm(bound_if(request, step, "record_delivery"), prefix="delivery"),
        "accept_delivery": AcceptForm(bound_if(request, step, "accept_delivery"), prefix="accept", deliveries=pending),
        "record_pilot_result": PilotForm(bound_if(request, step, "record_pilot_result"), prefix="pilot"),
        "propose_amendment": AmendmentForm(bound_if(request, step, "propose_amendment"), prefix="amend"),
        "decide_amendment": AmendmentDecisionForm(bound_if(request, step, "decide_amendment"), prefix="decide"),
        "record_pledge": PledgeForm(bound_if(request, step, "record_pledge"), prefix="pledge"),
        "report_offset": OffsetForm(
            bound_if(request, step, "report_offset"), prefix="offset", conditions=open_conditions
        ),
        "record_offset_failure": OffsetForm(
            bound_if(request, step, "record_offset_failure"), prefix="failure", conditions=open_conditions
        ),
    }

    def accept(data: dict[str, Any]) -> Any:
        delivery = contract.deliveries.get(pk=data.pop("delivery"))
        return performance.delivery_accept(actor=actor, delivery=delivery, **data)

    def decide(data: dict[str, Any]) -> Any:
        if proposal is None:
            raise services.ContractError(_("No amendment awaits a decision."))
        return changes.amendment_decide(actor=actor, amendment=proposal, **data)

    def offset(failed: bool) -> Any:
        def call(data: dict[str, Any]) -> Any:
            condition = contract.offset_conditions.get(pk=data.pop("condition"))
            if failed:
                return changes.offset_failure_record(
                    actor=actor,
                    condition=condition,
                    evidence=data["evidence"],
                    on=data["on"],
                    penalty=Decimal(data.get("penalty") or 0),
                )
            return changes.offset_fulfilment_report(
                actor=actor, condition=condition, evidence=data["evidence"], on=data["on"]
            )

        return call

    done = step_post(
        request,
        step,
        {
            "confirm": (
                None,
                lambda d: services.contract_confirm(actor=actor, contract=contract),
                _("The contract was signed and is in force."),
            ),
            "decline": (
                forms["decline"],
                lambda d: services.contract_decline(actor=actor, contract=contract, **d),
                _("The contract was declined; the customer was notified."),
            ),
            "withdraw": (
                forms["withdraw"],
                lambda d: services.contract_withdraw(actor=actor, contract=contract, **d),
                _("The contract was withdrawn; the manufacturer was notified."),
            ),
            "add_characteristics": (
                forms["add_characteristics"],
                lambda d: services.characteristics_add(actor=actor, contract=contract, **d),
                _("The characteristics were added."),
            ),
            "record_delivery": (
                forms["record_delivery"],
                lambda d: performance.delivery_record(actor=actor, contract=contract, **d),
                _("The delivery was recorded; the customer was notified."),
            ),
            "accept_delivery": (
                forms["accept_delivery"],
                accept,
                _("The acceptance was recorded; the manufacturer was notified."),
            ),
            "record_pilot_result": (
                forms["record_pilot_result"],
                lambda d: services.pilot_result_record(actor=actor, contract=contract, **d),
                _("The result of the pilot batch tests was recorded."),
            ),
            "propose_amendment": (
                forms["propose_amendment"],
                lambda d: changes.amendment_propose(actor=actor, contract=contract, **d),
                _("The amendment was proposed; the other party decides it."),
            ),
            "decide_amendment": (forms["decide_amendment"], decide, _("The decision on the amendment was recorded.")),
            "record_pledge": (
                forms["record_pledge"],
                lambda d: changes.pledge_record(actor=actor, contract=contract, **d),
                _("The pledge was recorded."),
            ),
            "report_offset": (
                forms["report_offset"],
                offset(False),
                _("The offset condition was recorded as fulfilled."),
            ),
            "record_offset_failure": (
                forms["record_offset_failure"],
                offset(True),
                _("The failure and its penalty were recorded."),
            ),
        },
        errors=services.ContractError,
        redirect_to=reverse("contracts:offtake_contract", args=[number]),
    )
    if done:
        return done
    side = services.side_of(actor, contract)
    return render(
        request,
        "contracts/offtake/contract.html",
        {
            "contract": contract,
            "actions": actions,
            "forms": forms,
            "standings": performance.year_standings(contract),
            "deliveries": contract.deliveries.all(),
            "pending": pending,
            "open_conditions": open_conditions,
            "proposal": proposal,
            "may_decide": proposal is not None and side is not None and side != proposal.proposed_by,
            "proposer_side": proposal is not None and side == proposal.proposed_by,
            "amendments": contract.amendments.all(),
            "pilot_tests": contract.pilot_tests.all(),
            "penalties": contract.penalties.all(),
            "pledges": contract.pledges.all(),
            "conditions": contract.offset_conditions.all(),
        },
    )


urlpatterns: list[URLPattern] = [
    path("offtake/contracts/", contracts, name="offtake_contracts"),
    path("offtake/contracts/new/", contract_new, name="offtake_contract_new"),
    path("offtake/contracts/<str:number>/", contract_detail, name="offtake_contract"),
]
