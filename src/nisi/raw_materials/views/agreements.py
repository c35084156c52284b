"""Tripartite agreements (IP-60.1, 60.6–60.8) with their deliveries, and the producers' production volumes
(IP-60.5) by a form with its year or a CSV/XLSX file."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nisi.core.authz import actor_for, allowed_actions
from nisi.core.csv_import import CsvImportError
from nisi.forms.posting import bound_if, form_post, posted_step, step_post
from nisi.raw_materials import selectors
from nisi.raw_materials.forms import AgreementForm, DeliveryForm, FileForm, ReasonsForm, VolumeForm
from nisi.raw_materials.models import Agreement
from nisi.raw_materials.policies import may
from nisi.raw_materials.services import agreements as services
from nisi.raw_materials.services import volumes as volume_services
from nisi.raw_materials.services.common import RawMaterialError


@login_required
def agreements(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    return render(
        request,
        "raw_materials/agreements.html",
        {
            "agreements": selectors.agreements_for(actor)[:500],
            "may_conclude": may(actor, Agreement, "conclude"),
            "bars": selectors.bars() if may(actor, Agreement, "conclude") else [],
        },
    )


@login_required
def agreement_new(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not may(actor, Agreement, "conclude"):
        raise Http404(_("Only the authorized body records the agreements."))
    form = AgreementForm(request.POST or None, initial={"raw_material": request.GET.get("raw_material", "")})
    done = form_post(
        request,
        form,
        lambda data: services.agreement_conclude(actor=actor, **data),
        errors=RawMaterialError,
        success=lambda a: _("Agreement %(number)s was recorded.") % {"number": a.number},
        redirect_to=lambda a: reverse("raw_materials:agreement", args=[a.number]),
    )
    return done or render(request, "raw_materials/agreement_new.html", {"form": form})


@login_required
def agreement(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    found = selectors.agreement(actor, number)
    if found is None:
        raise Http404(_("No agreement with this number that you may see."))
    actions = set(allowed_actions(actor, found)) | set(allowed_actions(actor, selectors.as_producer(found)))
    step = posted_step(request, actions & {"report_delivery", "terminate"}, refused=_("You cannot do this."))
    delivery_form = DeliveryForm(bound_if(request, step, "report_delivery"))
    reasons_form = ReasonsForm(bound_if(request, step, "terminate"))
    here = reverse("raw_materials:agreement", args=[number])
    steps: dict[str, Any] = {
        "report_delivery": (
            delivery_form,
            lambda data: services.delivery_report(actor=actor, agreement=found, **data),
            _("The deliveries were reported."),
        ),
        "terminate": (
            reasons_form,
            lambda data: services.agreement_terminate_for_resale(actor=actor, agreement=found, **data),
            _("The agreement was terminated and the manufacturer barred from such agreements."),
        ),
    }
    done = step_post(request, step, steps, errors=RawMaterialError, redirect_to=here)
    return done or render(
        request,
        "raw_materials/agreement.html",
        {
            "agreement": found,
            "deliveries": selectors.deliveries(found),
            "actions": actions,
            "delivery_form": delivery_form,
            "reasons_form": reasons_form,
        },
    )


def _imported(volumes: list[Any]) -> str:
    return ngettext("%(count)s volume was recorded.", "%(count)s volumes were recorded.", len(volumes)) % {
        "count": len(volumes)
    }


@login_required
def volumes(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    mine = list(selectors.producers_for(actor))
    if not mine:
        raise Http404(_("You report no producer's volumes: your organization is not a producer on the list."))
    by_id = {str(p.pk): p for p in mine}
    step = request.POST.get("step", "")
    form = VolumeForm(
        bound_if(request, step, "volume"),
        producers=[(str(p.pk), f"{p.raw_material.code} {p.raw_material.name}") for p in mine],
    )
    file_form = FileForm(bound_if(request, step, "file"), request.FILES if step == "file" else None)
    here = reverse("raw_materials:volumes")
    upload = request.FILES.get("file")
    steps: dict[str, Any] = {
        "volume": (
            form,
            lambda data: volume_services.volume_report(
                actor=actor,
                producer=by_id[data["producer"]],
                data=volume_services.VolumeIn(data["year"], data["volume"]),
            ),
            _("The volume was recorded; the shares follow it."),
        ),
        "file": (
            file_form,
            lambda data: volume_services.volumes_import(
                actor=actor, content=upload.read() if upload else b"", name=(upload.name or "") if upload else ""
            ),
            _imported,
        ),
    }
    errors: Any = (RawMaterialError, CsvImportError)
    done = step_post(request, step, steps, errors=errors, redirect_to=here)
    return done or render(
        request,
        "raw_materials/volumes.html",
        {
            "form": form,
            "file_form": file_form,
            "producers": [(p, selectors.producer_volumes(p)) for p in mine],
        },
    )


urlpatterns: list[URLPattern] = [
    path("agreements/", agreements, name="agreements"),
    path("agreements/new/", agreement_new, name="agreement_new"),
    path("agreements/<str:number>/", agreement, name="agreement"),
    path("volumes/", volumes, name="volumes"),
]
