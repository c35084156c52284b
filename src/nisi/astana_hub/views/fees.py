"""Pages of the fees area (AH-10.1.4-2): the Fund's overview and its work (schedule, charging, payments,
cancellations), and each participant's statement — as a page, CSV and PDF."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from nisi.astana_hub import participation
from nisi.astana_hub.forms.fees import (
    ChargeCancelForm,
    ChargePeriodForm,
    FeePaymentForm,
    FeeScheduleForm,
    StatementPeriodForm,
)
from nisi.astana_hub.models import FeeCharge, FeePayment, FeeSchedule
from nisi.astana_hub.rules import fees as rules
from nisi.astana_hub.selectors import fees as selectors
from nisi.astana_hub.services import fees as services
from nisi.core import csv_export
from nisi.core.authz import Actor, actor_for
from nisi.core.models import Organization
from nisi.forms.posting import form_post
from nisi.law import clock


def _fund_view(actor: Actor) -> None:
    if not selectors.sees_every_participant(actor):
        raise PermissionDenied(_("Membership fees of all participants are for the Astana Hub Fund's officers."))


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """The Fund's officers: every participant with its balance and arrears today; charging a period."""
    actor = actor_for(request.user)
    _fund_view(actor)
    today = clock.today()
    schedule = selectors.schedule_in_force(today)
    may_charge = schedule is not None and selectors.may(actor, "charge", schedule)
    form = ChargePeriodForm(
        request.POST or None,
        initial={"period": rules.period_containing(schedule.period, today).label if schedule else ""},
    )
    if request.method == "POST" and not may_charge:
        raise PermissionDenied(_("Charging membership fees is for the Fund's officers."))
    done = form_post(
        request,
        form,
        lambda data: services.fees_charge_period(
            actor=actor, period=data["period"], hub_participant_ids=participation.hub_participant_ids
        ),
        errors=services.FeeError,
        success=lambda result: (
            _(
                "%(period)s: %(charged)s participant(s) charged now, %(already)s charged before "
                "(not charged twice), %(overlapping)s covered by a charge of another period."
            )
            % {
                "period": result.period.label,
                "charged": len(result.charged),
                "already": len(result.already),
                "overlapping": len(result.overlapping),
            }
        ),
        redirect_to=reverse("astana_hub:fees"),
        field="period",
    )
    if done:
        return done
    sort = request.GET.get("sort", "arrears")
    if sort not in selectors.SORTS:
        sort = "arrears"
    rows = selectors.overview(actor, today, sort)
    return render(
        request,
        "astana_hub/fees/overview.html",
        {
            "rows": rows,
            "sort": sort,
            "today": today,
            "schedule": schedule,
            "form": form,
            "may_charge": may_charge,
            "may_record": selectors.may(actor, "record", FeePayment()),
            "totals": {
                "balance": sum((r.balance for r in rows), rules.ZERO),
                "arrears": sum((r.arrears for r in rows), rules.ZERO),
            },
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def schedule(request: HttpRequest) -> HttpResponse:
    """The versions of the fee; the Fund's officers add a new one."""
    actor = actor_for(request.user)
    may_create = selectors.may(actor, "create", FeeSchedule())
    if request.method == "POST" and not may_create:
        raise PermissionDenied(_("Only the Fund's officers record the fee schedule."))
    form = FeeScheduleForm(request.POST or None)
    done = form_post(
        request,
        form,
        lambda data: services.fee_schedule_create(actor=actor, **data),
        errors=services.FeeError,
        success=_("The new version of the fee schedule was recorded."),
        redirect_to=reverse("astana_hub:fee_schedule"),
        field="applies_from",
    )
    return done or render(
        request,
        "astana_hub/fees/schedule.html",
        {"versions": selectors.schedules(), "form": form, "may_create": may_create, "today": clock.today()},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def payment_record(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not selectors.may(actor, "record", FeePayment()):
        raise PermissionDenied(_("Payments of membership fees are recorded by the Fund's officers."))
    form = FeePaymentForm(request.POST or None, initial={"identifier": request.GET.get("identifier", "")})

    def record(data: dict[str, Any]) -> FeePayment:
        organization = selectors.organization_by_identifier(data["identifier"])
        if organization is None:
            raise services.FeeError(_("No organization with this BIN is known to the system."), "identifier")
        return services.fee_payment_record(
            actor=actor,
            organization=organization,
            amount=data["amount"],
            paid_on=data["paid_on"],
            payment_reference=data["payment_reference"],
            is_hub_participant=participation.is_hub_participant,
        )

    done = form_post(
        request,
        form,
        record,
        errors=services.FeeError,
        success=lambda payment: (
            _("Payment order %(reference)s of %(name)s was recorded.")
            % {"reference": payment.payment_reference, "name": payment.organization.name}
        ),
        redirect_to=lambda payment: reverse("astana_hub:fee_statement", args=[payment.organization.identifier]),
    )
    return done or render(
        request, "astana_hub/fees/payment.html", {"form": form}, status=400 if form.is_bound and form.errors else 200
    )


def _statement_organization(request: HttpRequest, actor: Actor, identifier: str | None) -> Organization:
    if identifier is None:
        own = list(selectors.own_organizations(actor))
        if not own:
            if selectors.sees_every_participant(actor):
                raise Http404(_("Choose a participant on the membership fees page to see its statement."))
            raise PermissionDenied(_("Statements of membership fees are for participants' users and the Fund."))
        return own[0]
    organization = selectors.organization_by_identifier(identifier)
    if organization is None:
        raise Http404(_("No organization with this BIN."))
    return organization


def _statement_context(request: HttpRequest, identifier: str | None) -> tuple[dict[str, Any], int]:
    actor = actor_for(request.user)
    organization = _statement_organization(request, actor, identifier)
    if not selectors.may_see_statement(actor, organization):
        raise PermissionDenied(_("You can see the statement of your own organization only."))
    today = clock.today()
    period = rules.period_containing("annual", today)
    form = StatementPeriodForm(request.GET or None, initial={"period": period.label})
    status = 200
    if form.is_bound:
        if form.is_valid() and form.cleaned_data["period"]:
            period = rules.parse_period(form.cleaned_data["period"])
        elif form.errors:
            status = 400
    if not form.is_bound or not form.errors:
        form = StatementPeriodForm(initial={"period": period.label})
    view = selectors.statement_for(actor, organization, period.start, period.end)
    cancel_periods: set[str] = set()
    if selectors.may(actor, "cancel", FeeCharge(organization=organization)):
        cancel_periods = {line.reference for line in view.statement.lines if line.kind == "charge"}
    return {
        "organization": organization,
        "view": view,
        "statement": view.statement,
        "period": period,
        "form": form,
        "fund": selectors.sees_every_participant(actor),
        "cancel_periods": cancel_periods,
        "schedule": selectors.schedule_in_force(today),
        "query": f"?period={period.label}",
        "today": today,
    }, status


@login_required
def statement(request: HttpRequest, identifier: str | None = None) -> HttpResponse:
    actor = actor_for(request.user)
    if identifier is None and not actor.organization_ids() and selectors.sees_every_participant(actor):
        return redirect("astana_hub:fees")  # the Fund's officers choose a participant there
    context, status = _statement_context(request, identifier)
    return render(request, "astana_hub/fees/statement.html", context, status=status)


CSV_HEADER = ("date", "kind", "reference", "due_on", "charged", "paid", "balance")


@login_required
def statement_csv(request: HttpRequest, identifier: str | None = None) -> HttpResponse:
    """The statement as CSV (UTF-8 with BOM so that spreadsheet programs read Cyrillic; dates ISO, amounts with a
    point): an opening line, one line per charge or payment, the closing line and the arrears."""
    context, status = _statement_context(request, identifier)
    if status != 200:
        return HttpResponse(_("Write the period as 2025, 2025-Q2 or 2025-03."), status=400, content_type="text/plain")
    st: rules.Statement = context["statement"]
    organization = context["organization"]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"fees-{organization.identifier}-{context['period'].label}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv_export.writer(response)
    writer.writerow(CSV_HEADER)
    writer.writerow([st.start.isoformat(), "opening", "", "", "", "", st.opening])
    for line in st.lines:
        writer.writerow(
            [
                line.on.isoformat(),
                line.kind,
                line.reference,
                line.due_on.isoformat() if line.due_on else "",
                line.charged if line.kind == "charge" else "",
                line.paid if line.kind == "payment" else "",
                line.balance,
            ]
        )
    writer.writerow([st.end.isoformat(), "closing", "", "", st.charged, st.paid, st.closing])
    writer.writerow([st.end.isoformat(), "arrears", "", "", "", "", st.arrears])
    return response


@login_required
def statement_pdf(request: HttpRequest, identifier: str | None = None) -> HttpResponse:
    """The statement as a PDF in the reader's language, from its own print template (WeasyPrint)."""
    from weasyprint import HTML  # loads Pango: only PDF rendering needs it

    context, status = _statement_context(request, identifier)
    if status != 200:
        return HttpResponse(_("Write the period as 2025, 2025-Q2 or 2025-03."), status=400, content_type="text/plain")
    html = render_to_string("astana_hub/fees/statement_pdf.html", {**context, "generated_at": clock.now()}, request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"fees-{context['organization'].identifier}-{context['period'].label}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def charge_cancel(request: HttpRequest, identifier: str, period: str) -> HttpResponse:
    actor = actor_for(request.user)
    organization = selectors.organization_by_identifier(identifier)
    charge = selectors.charge_of(actor, organization, period) if organization else None
    if charge is None:
        raise Http404(_("No such charge among those you can see."))
    if not selectors.may(actor, "cancel", charge):
        raise PermissionDenied(_("Only the Fund's officers cancel an open charge."))
    form = ChargeCancelForm(request.POST or None)
    done = form_post(
        request,
        form,
        lambda data: services.fee_charge_cancel(actor=actor, charge=charge, reason=data["reason"]),
        errors=services.FeeError,
        success=_("The charge was cancelled; it stays on record with the reason."),
        redirect_to=reverse("astana_hub:fee_statement", args=[identifier]) + f"?period={period[:4]}",
        field="reason",
        fields={"cancellation_reason": "reason"},
    )
    return done or render(
        request,
        "astana_hub/fees/cancel.html",
        {"charge": charge, "organization": organization, "period": period, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


urlpatterns: list[URLPattern] = [
    path("fees/", overview, name="fees"),
    path("fees/schedule/", schedule, name="fee_schedule"),
    path("fees/payments/new/", payment_record, name="fee_payment_record"),
    path("fees/statement/", statement, name="fee_statement"),
    path("fees/statement.csv", statement_csv, name="fee_statement_csv"),
    path("fees/statement.pdf", statement_pdf, name="fee_statement_pdf"),
    path("fees/<str:identifier>/statement/", statement, name="fee_statement"),
    path("fees/<str:identifier>/statement.csv", statement_csv, name="fee_statement_csv"),
    path("fees/<str:identifier>/statement.pdf", statement_pdf, name="fee_statement_pdf"),
    path("fees/<str:identifier>/charges/<str:period>/cancel/", charge_cancel, name="fee_charge_cancel"),
]
