"""The foreign trade pages: the monitoring of import prices for the authorized body (IP-52) — by period, by code with
its chart, the file upload, the signals and their review — the producers' price reports, and the public catalogue
of Kazakhstani producers for foreign buyers with its dated editions and the export profiles (IP-43.2.3)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from nisi.core.authz import actor_for
from nisi.core.csv_import import CsvImportError
from nisi.core.selectors import region_names
from nisi.forms.posting import form_post
from nisi.law import clock
from nisi.trade import charts, rules, selectors
from nisi.trade.forms import (
    AnswerForm,
    DeclarationsFileForm,
    MonitoringForm,
    PriceReportForm,
    ProfileForm,
    ReviewForm,
)
from nisi.trade.models import CatalogueEdition, ExportProfile, ImportDeclaration, PriceSignal, ProducerPrice
from nisi.trade.policies import may
from nisi.trade.services import catalogue, declarations, monitoring


def _officer(request: HttpRequest) -> Any:
    actor = actor_for(request.user)
    if not may(actor, PriceSignal, "view"):
        raise PermissionDenied(_("The monitoring of import prices is the authorized body's: sign in with its account."))
    return actor


def _period(request: HttpRequest) -> tuple[rules.Period, str | None]:
    default = rules.last_ended_quarter(clock.today())
    text = request.GET.get("period", "")
    if not text:
        return default, None
    try:
        return rules.parse_period(text), None
    except rules.TradeRuleError as exc:
        return default, str(exc)


@login_required
def prices(request: HttpRequest) -> HttpResponse:
    actor = _officer(request)
    period, problem = _period(request)
    form = MonitoringForm(request.POST or None, initial={"period": period.label})
    done = form_post(
        request,
        form,
        lambda data: monitoring.monitoring_run(actor=actor, period=data["period"]),
        errors=monitoring.TradeError,
        success=lambda raised: (
            ngettext("The monitoring raised %(count)s signal.", "The monitoring raised %(count)s signals.", len(raised))
            % {"count": len(raised)}
        ),
        redirect_to=lambda raised: reverse("trade:prices") + f"?period={form.cleaned_data['period']}",
    )
    return done or render(
        request,
        "trade/prices.html",
        {
            "period": period,
            "problem": problem,
            "lines": selectors.monitoring(period),
            "signals": list(selectors.signals_for(actor).filter(status=PriceSignal.Status.OPEN)[:50]),
            "feed": selectors.customs_feed(),
            "form": form,
            "may_upload": may(actor, ImportDeclaration, "upload"),
            "threshold": rules.signal_threshold(period.end),
        },
    )


@login_required
def price_code(request: HttpRequest, code: str) -> HttpResponse:
    actor = _officer(request)
    if rules.code_problem(code) or len(code) != 6:
        raise Http404(_("An HS code has 6 digits."))
    period, problem = _period(request)
    lines = selectors.history(code, period)
    chart = charts.history_svg(lines) if lines else ""
    return render(
        request,
        "trade/price_code.html",
        {
            "code": code,
            "name": selectors.code_names([code]).get(code, {}),
            "period": period,
            "problem": problem,
            "lines": lines,
            "chart": charts.data_uri(chart) if chart else "",
            "producers": selectors.register_producers(code, period.end),
            "declarations": list(
                selectors.declarations_for(actor).filter(
                    hs_code=code, declared_on__gte=period.start, declared_on__lte=period.end
                )[:200]
            ),
            "prices": list(selectors.prices_for(actor).filter(hs_code=code, period=period.label)),
        },
    )


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not may(actor, ImportDeclaration, "upload"):
        raise PermissionDenied(_("Import declarations are uploaded by the authorized body: sign in with its account."))
    form = DeclarationsFileForm(request.POST or None, request.FILES or None)
    upload_file = request.FILES.get("file")
    done = form_post(
        request,
        form,
        lambda data: declarations.declarations_import(
            actor=actor,
            content=upload_file.read() if upload_file else b"",
            name=(upload_file.name or "") if upload_file else "",
        ),
        errors=CsvImportError,
        success=lambda rows: (
            ngettext(
                "%(count)s declaration's line was recorded.", "%(count)s declarations' lines were recorded.", len(rows)
            )
            % {"count": len(rows)}
        ),
        redirect_to=reverse("trade:prices"),
        field="file",
    )
    return done or render(request, "trade/upload.html", {"form": form})


@login_required
def signal(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    found = selectors.signal_for(actor, number)
    if found is None:
        raise Http404(_("No signal %(number)s that you may see.") % {"number": number})
    actions = selectors.actions_on(actor, found)
    here = reverse("trade:signal", args=[found.number])
    form = ReviewForm(request.POST or None) if "review" in actions else None
    done = (
        form_post(
            request,
            form,
            lambda data: monitoring.signal_review(actor=actor, signal=found, **data),
            errors=monitoring.TradeError,
            success=_("Your conclusion was recorded and the signal closed."),
            redirect_to=here,
        )
        if form is not None
        else None
    )
    return done or render(request, "trade/signal.html", {"signal": found, "form": form})


@login_required
def price_report(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    organization = selectors.producer_of(actor)
    if organization is None or not may(actor, ProducerPrice, "report"):
        raise PermissionDenied(_("Prices are reported by a producer's own users: sign in with its account."))
    form = PriceReportForm(request.POST or None, initial={"period": rules.last_ended_quarter(clock.today()).label})
    done = form_post(
        request,
        form,
        lambda data: monitoring.price_report(actor=actor, organization=organization, **data),
        errors=monitoring.TradeError,
        success=_("Your price was recorded."),
        redirect_to=reverse("trade:price_report"),
    )
    return done or render(
        request,
        "trade/price_report.html",
        {"form": form, "prices": list(selectors.prices_for(actor).filter(organization=organization)[:100])},
    )


def _entries(request: HttpRequest) -> tuple[list[dict[str, Any]], CatalogueEdition | None, str | None]:
    """The catalogue as now, or as an edition froze it (`?edition=2026-11`)."""
    number = request.GET.get("edition", "")
    if number:
        edition = selectors.edition(number)
        if edition is None:
            return (
                [],
                None,
                _("There is no edition %(number)s: choose one of the editions listed.") % {"number": number[:10]},
            )
        return list(edition.entries), edition, None
    return selectors.catalogue_entries(clock.today()), None, None


def _localized(entries: list[dict[str, Any]], language: str) -> list[dict[str, Any]]:
    regions = dict(region_names(language))
    return [
        {
            **e,
            "region_name": regions.get(e["region"], e["region"]),
            "goods": [{**g, "name": rules.product_name(g, language)} for g in e["goods"]],
        }
        for e in entries
    ]


def catalogue_page(request: HttpRequest) -> HttpResponse:
    language = (get_language() or "en")[:2]
    entries, edition, problem = _entries(request)
    q, code, region = (
        request.GET.get("q", "")[:100],
        request.GET.get("code", "")[:10],
        request.GET.get("region", "")[:2],
    )
    if code and not code.isascii():
        code = ""
    found = selectors.search(entries, q=q, code=code, region=region)
    return render(
        request,
        "trade/catalogue.html",
        {
            "entries": _localized(found[:200], language),
            "total": len(found),
            "edition": edition,
            "editions": list(selectors.editions()[:36]),
            "problem": problem,
            "q": q,
            "code": code,
            "region": region,
            "regions": region_names(language),
        },
    )


def _flat(entries: list[dict[str, Any]]) -> list[dict[str, str]]:
    rows = []
    for e in entries:
        contacts = e.get("contacts") or {}
        for g in e["goods"] or [{"hs_code": "", "tnved_code": "", "en": "", "ru": "", "kk": ""}]:
            rows.append(
                {
                    "identifier": e["identifier"],
                    "register_number": e["register_number"],
                    "name": e["name"],
                    "region": e["region"],
                    "hs_code": g["hs_code"],
                    "tnved_code": g["tnved_code"],
                    "name_en": g["en"],
                    "name_ru": g["ru"],
                    "name_kk": g["kk"],
                    "markets": " ".join(e.get("markets", [])),
                    "certifications": "; ".join(e.get("certifications", [])),
                    "address": contacts.get("address", ""),
                    "email": contacts.get("email", ""),
                    "phone": contacts.get("phone", ""),
                }
            )
    return rows


def _download(entries: list[dict[str, Any]], number: str, published_on: str, fmt: str) -> HttpResponse:
    name = f"nisi-export-catalogue-{number}"
    if fmt == "json":
        body = {"edition": number, "published_on": published_on, "producers": entries}
        response = HttpResponse(json.dumps(body, ensure_ascii=False), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
        return response
    rows = _flat(entries)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else ["identifier"])
    writer.writeheader()
    writer.writerows(rows)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def _edition_download(edition: CatalogueEdition, fmt: str) -> HttpResponse:
    return _download(list(edition.entries), edition.number, edition.published_on.isoformat(), fmt)


def edition_download(request: HttpRequest, number: str, fmt: str) -> HttpResponse:
    found = selectors.edition(number)
    if found is None or fmt not in ("csv", "json"):
        raise Http404(_("There is no edition %(number)s.") % {"number": number})
    return _edition_download(found, fmt)


def latest(request: HttpRequest, fmt: str) -> HttpResponse:
    """The latest edition; before the first is published, the catalogue as it is now (so the download always
    answers), named by today's date."""
    if fmt not in ("csv", "json"):
        raise Http404(_("Download the catalogue as csv or json."))
    found = selectors.editions().first()
    if found is not None:
        return _edition_download(found, fmt)
    today = clock.today()
    return _download(selectors.catalogue_entries(today), today.isoformat(), today.isoformat(), fmt)


@login_required
def profiles(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not may(actor, ExportProfile, "view") and not may(actor, ExportProfile, "propose"):
        raise PermissionDenied(_("Export profiles are kept by the export development institute and their producers."))
    form = ProfileForm(request.POST or None) if may(actor, ExportProfile, "propose") else None

    def propose(data: dict[str, Any]) -> ExportProfile:
        organization = selectors.organization(data["identifier"])
        if organization is None:
            raise monitoring.TradeError(_("No organization with this BIN is known to nisi."), "identifier")
        return catalogue.profile_propose(
            actor=actor,
            organization=organization,
            markets=data["markets"].replace(";", ",").split(","),
            certifications=data["certifications"].splitlines(),
            description_en=data["description_en"],
        )

    done = (
        form_post(
            request,
            form,
            propose,
            errors=monitoring.TradeError,
            success=_("The profile was proposed; the producer is asked to confirm it."),
            redirect_to=lambda p: reverse("trade:profile", args=[p.organization.identifier]),
        )
        if form is not None
        else None
    )
    return done or render(
        request,
        "trade/profiles.html",
        {"profiles": list(selectors.profiles_for(actor)[:500]), "form": form},
    )


@login_required
def profile(request: HttpRequest, identifier: str) -> HttpResponse:
    actor = actor_for(request.user)
    found = selectors.profile_for(actor, identifier)
    if found is None:
        raise Http404(_("No export profile of %(identifier)s that you may see.") % {"identifier": identifier[:12]})
    actions = selectors.actions_on(actor, found)
    here = reverse("trade:profile", args=[identifier])
    form = AnswerForm(request.POST or None) if {"confirm", "decline"} & actions else None
    done = (
        form_post(
            request,
            form,
            lambda data: catalogue.profile_answer(
                actor=actor,
                profile=found,
                confirm=data["answer"] == "confirm",
                contacts_consent=bool(data.get("contacts_consent")),
            ),
            errors=(monitoring.TradeError, PermissionDenied),
            success=_("Your answer was recorded."),
            redirect_to=here,
        )
        if form is not None
        else None
    )
    return done or render(request, "trade/profile.html", {"profile": found, "form": form})


app_name = "trade"
urlpatterns: list[URLPattern] = [
    path("prices/", prices, name="prices"),
    path("prices/upload/", upload, name="upload"),
    path("prices/report/", price_report, name="price_report"),
    path("prices/signals/<str:number>/", signal, name="signal"),
    path("prices/<str:code>/", price_code, name="price_code"),
    path("catalogue/", catalogue_page, name="catalogue"),
    path("catalogue/latest.<str:fmt>", latest, name="latest"),
    path("catalogue/editions/<str:number>.<str:fmt>", edition_download, name="edition"),
    path("profiles/", profiles, name="profiles"),
    path("profiles/<str:identifier>/", profile, name="profile"),
]
