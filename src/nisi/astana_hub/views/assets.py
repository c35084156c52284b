"""Pages of the assets area: the Fund's balance and its report by source (AH-10.1) and purpose (AH-10.5), with
CSV export, and recording receipts and uses."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from nisi.astana_hub.forms.assets import AssetPeriodForm, AssetReceiptForm, AssetUseForm
from nisi.astana_hub.models import AssetMovement, AssetSource
from nisi.astana_hub.rules import assets as rules
from nisi.astana_hub.selectors import assets as selectors
from nisi.astana_hub.services import assets as services
from nisi.core import csv_export
from nisi.core.authz import Actor, actor_for
from nisi.forms.posting import form_post
from nisi.law import clock


def _viewer(request: HttpRequest) -> Actor:
    actor = actor_for(request.user)
    if not selectors.may_view(actor):
        raise PermissionDenied(
            _("The Fund's accounts are for its officers, auditors and the informatization authority.")
        )
    return actor


def _period(request: HttpRequest) -> tuple[AssetPeriodForm, dt.date, dt.date]:
    today = clock.today()
    form = AssetPeriodForm(request.GET or None)
    start, end = dt.date(today.year, 1, 1), today
    if form.is_bound and form.is_valid():
        start = form.cleaned_data["start"] or start
        end = form.cleaned_data["end"] or max(end, start)
    if not form.is_bound or not form.errors:
        form = AssetPeriodForm(initial={"start": start, "end": end})  # show the period the report covers
    return form, start, end


def _rows(report: rules.AssetReport) -> dict[str, list[dict[str, Any]]]:
    source_labels = dict(AssetSource.choices)
    purpose_labels = dict(AssetMovement.Purpose.choices)
    return {
        "receipts": [
            {
                "code": code,
                "label": source_labels.get(code, code),
                "provision": rules.SOURCE_PROVISION[code],
                "amount": a,
            }
            for code, a in report.receipts.items()
        ],
        "uses": [
            {
                "code": code,
                "label": purpose_labels.get(code, code),
                "provision": rules.PURPOSE_PROVISION[code],
                "amount": a,
            }
            for code, a in report.uses.items()
        ],
    }


@login_required
def assets(request: HttpRequest) -> HttpResponse:
    actor = _viewer(request)
    form, start, end = _period(request)
    report = selectors.report(actor, start, end)
    return render(
        request,
        "astana_hub/assets/report.html",
        {
            "form": form,
            "report": report,
            "rows": _rows(report),
            "movements": selectors.movements_in(actor, start, end)[:500],
            "balance_today": selectors.balance_on(actor, clock.today()).closing,
            "today": clock.today(),
            "may_record": selectors.may_record(actor),
            "query": f"?start={start.isoformat()}&end={end.isoformat()}",
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def assets_csv(request: HttpRequest) -> HttpResponse:
    """The report as CSV: the summary by source and purpose, then every movement of the period."""
    actor = _viewer(request)
    form, start, end = _period(request)
    if form.is_bound and form.errors:
        return HttpResponse(_("Enter real dates, for example 2025-01-01."), status=400, content_type="text/plain")
    report = selectors.report(actor, start, end)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="fund-assets-{start.isoformat()}-{end.isoformat()}.csv"'
    response.write("\ufeff")
    writer = csv_export.writer(response)
    writer.writerow(["section", "code", "provision", "amount"])
    writer.writerow(["opening_balance", "", "", report.opening])
    for code, amount in report.receipts.items():
        writer.writerow(["receipt", code, rules.SOURCE_PROVISION[code], amount])
    for code, amount in report.uses.items():
        writer.writerow(["use", code, rules.PURPOSE_PROVISION[code], amount])
    writer.writerow(["closing_balance", "", "", report.closing])
    writer.writerow([])
    writer.writerow(["date", "direction", "source_or_purpose", "amount", "counterparty", "document", "description"])
    for m in selectors.movements_in(actor, start, end):
        writer.writerow(
            [
                m.on.isoformat(),
                m.direction,
                m.source or m.purpose,
                m.amount,
                m.counterparty.identifier if m.counterparty else m.counterparty_name,
                m.document_reference,
                m.description,
            ]
        )
    return response


def _record(request: HttpRequest, kind: str) -> HttpResponse:
    actor = actor_for(request.user)
    if not selectors.may_record(actor):
        raise PermissionDenied(_("The Fund's receipts and uses are recorded by its officers."))
    form: AssetReceiptForm | AssetUseForm = (AssetReceiptForm if kind == "receipt" else AssetUseForm)(
        request.POST or None, initial={"on": clock.today()}
    )
    record = services.asset_receipt_record if kind == "receipt" else services.asset_use_record
    done = form_post(
        request,
        form,
        lambda data: record(actor=actor, **data),
        errors=services.AssetError,
        success=_("Recorded."),
        redirect_to=reverse("astana_hub:assets"),
        field="amount" if kind == "use" else None,
    )
    return done or render(
        request,
        "astana_hub/assets/record.html",
        {"form": form, "kind": kind},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def receipt_record(request: HttpRequest) -> HttpResponse:
    return _record(request, "receipt")


@login_required
def use_record(request: HttpRequest) -> HttpResponse:
    return _record(request, "use")


urlpatterns: list[URLPattern] = [
    path("assets/", assets, name="assets"),
    path("assets/report.csv", assets_csv, name="assets_csv"),
    path("assets/receipts/new/", receipt_record, name="asset_receipt_record"),
    path("assets/uses/new/", use_record, name="asset_use_record"),
]
