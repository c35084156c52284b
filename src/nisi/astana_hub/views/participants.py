"""Pages of the participants area: who is a participant on a date and why (Fund officers), the public lookup, the
SEZ register's entries and their import, and the public list of innovation cluster actors with its exports.

The registration of Astana Hub actors and the applications to the list are in `participants_actors`."""

from __future__ import annotations

import io
import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from nisi.astana_hub import participation
from nisi.astana_hub.forms.participants import ClusterListForm, ParticipantSearchForm, PublicCheckForm, SezImportForm
from nisi.astana_hub.models import SezParticipant
from nisi.astana_hub.policies.participants import may_see_participation
from nisi.astana_hub.selectors import participants as selectors
from nisi.astana_hub.services import participants_sez
from nisi.astana_hub.views import participants_actors
from nisi.core import csv_export
from nisi.core.authz import actor_for, allowed_actions
from nisi.forms.posting import form_post
from nisi.law import clock


@login_required
def participants_search(request: HttpRequest) -> HttpResponse:
    """Fund officers: who is a participant on a date, and on which bases, with their provisions and periods."""
    actor = actor_for(request.user)
    if not may_see_participation(actor):
        raise PermissionDenied(_("The participants' bases are for the Fund's officers, auditors and the authority."))
    form = ParticipantSearchForm(request.GET or None)
    rows = None
    on = clock.today()
    if not form.is_bound or form.is_valid():
        data = form.cleaned_data if form.is_bound else {}
        on = data.get("on") or on
        rows = participation.participation_table(participation.organizations_with_bases(data.get("q", "")), on)
    return render(
        request, "astana_hub/participants/search.html", {"form": form, "rows": rows, "on": on, "today": clock.today()}
    )


def participant_check(request: HttpRequest) -> HttpResponse:
    """The public: is this BIN a participant on a date, and on which kinds of basis (no personal data)."""
    form = PublicCheckForm(request.GET or None)
    answer = None
    if form.is_bound and form.is_valid():
        answer = participation.public_answer(form.cleaned_data["bin"], form.cleaned_data["on"] or clock.today())
    return render(request, "astana_hub/participants/check.html", {"form": form, "answer": answer})


@login_required
def sez_list(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    entries = selectors.sez_entries_for(actor)
    if not may_see_participation(actor):
        raise PermissionDenied(_("The SEZ register's entries are for the Fund's officers, auditors and the authority."))
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "astana_hub/participants/sez.html",
        {"page": page, "may_import": "import" in allowed_actions(actor, SezParticipant())},
    )


class _FileRefused(ValueError):
    """The SEZ register's file refused as a whole; its rows' problems are listed on the page."""


@login_required
def sez_import(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if "import" not in allowed_actions(actor, SezParticipant()):
        raise PermissionDenied(_("Only the Fund's officers import the SEZ register's entries."))
    form = SezImportForm(request.POST or None, request.FILES or None)
    problems: list[participants_sez.RowProblem] = []

    def import_file(data: dict[str, Any]) -> participants_sez.SezImportResult:
        try:
            return participants_sez.sez_import(
                actor=actor, content=data["file"].read(), source=data["source"] or data["file"].name
            )
        except participants_sez.SezImportError as exc:
            problems.extend(exc.problems)  # listed below the form, row by row
            raise _FileRefused(_("The file was not imported: fix the rows listed below and upload it again.")) from exc

    done = form_post(
        request,
        form,
        import_file,
        errors=_FileRefused,
        success=lambda result: (
            _("Imported: %(created)s new entries, %(updated)s updated, %(unchanged)s unchanged.")
            % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
        ),
        redirect_to=reverse("astana_hub:sez"),
        field="file",
    )
    return done or render(request, "astana_hub/participants/sez_import.html", {"form": form, "problems": problems})


def cluster_list(request: HttpRequest) -> HttpResponse:
    """The public list of innovation cluster actors approved by the Fund (AH-8-1.5-11), on a date."""
    form = ClusterListForm(request.GET or None)
    on = clock.today()
    if form.is_bound and form.is_valid() and form.cleaned_data["on"]:
        on = form.cleaned_data["on"]
    rows = selectors.public_cluster_list(on)
    q = form.cleaned_data.get("q", "").strip().lower() if form.is_bound and form.is_valid() else ""
    if q:
        rows = [r for r in rows if q in r["name"].lower() or r["identifier"].startswith(q)]
    actor = actor_for(request.user)
    return render(
        request,
        "astana_hub/participants/cluster_list.html",
        {"form": form, "rows": rows, "on": on, "today": clock.today(), "signed_in": not actor.is_public},
    )


def cluster_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The list as open data: CSV (UTF-8 with BOM, for Excel) or JSON."""
    on = clock.today()
    rows = selectors.public_cluster_list(on)
    fields = selectors.PUBLIC_LIST_FIELDS
    if fmt == "csv":
        out = io.StringIO()
        writer = csv_export.writer(out)
        writer.writerow(fields)
        for row in rows:
            writer.writerow([row[f] for f in fields])
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        body = {"as_of": on.isoformat(), "actors": [{f: row[f] for f in fields} for row in rows]}
        response = HttpResponse(
            json.dumps(body, ensure_ascii=False, default=str, indent=1), content_type="application/json; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="innovation-cluster-actors-{on.isoformat()}.{fmt}"'
    return response


urlpatterns: list[URLPattern] = [
    path("participants/", participants_search, name="participants"),
    path("participants/check/", participant_check, name="participant_check"),
    path("participants/sez/", sez_list, name="sez"),
    path("participants/sez/import/", sez_import, name="sez_import"),
    path("cluster-actors/", cluster_list, name="cluster_list"),
    path("cluster-actors/list.csv", cluster_export, {"fmt": "csv"}, name="cluster_export_csv"),
    path("cluster-actors/list.json", cluster_export, {"fmt": "json"}, name="cluster_export_json"),
    *participants_actors.urlpatterns,
]
