"""The desks of the bodies whose information puts producers into the register or takes them out: the
informatization authority's notices on software producers (IP-51-2), and the competent bodies' and akimats'
information on goods wholly produced in Kazakhstan (IP-51-3), which the authorized body enters (IP-51-3.7)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from nisi.core.authz import actor_for, allowed_actions, require
from nisi.registry import selectors
from nisi.registry.forms import SoftwareNoticeForm, WhollyProducedForm, WhollyProducedUploadForm
from nisi.registry.models import SoftwareNotice, WhollyProducedEntry
from nisi.registry.services import feeds


@login_required
def software_notices(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    require(actor, feeds.blank_notice(), "list")
    return render(
        request,
        "registry/software_notices.html",
        {
            "notices": selectors.software_notices_for(actor)[:300],
            "may_submit": "submit" in allowed_actions(actor, feeds.blank_notice()),
        },
    )


@login_required
def software_notice_new(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    require(actor, feeds.blank_notice(), "submit")
    form = SoftwareNoticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            notice = feeds.software_notice_receive(actor=actor, **form.cleaned_data)
        except feeds.FeedError as exc:
            form.add_error(None, str(exc))
        else:
            if notice.record_number:
                lead = (
                    _("The notice was received: the producer is in the register as")
                    if notice.kind == SoftwareNotice.Kind.INCLUDE
                    else _("The notice was received: the producer was removed from the register, record")
                )
                messages.success(
                    request,
                    format_html(
                        '{} <a class="govuk-notification-banner__link" href="{}">{}</a>.',
                        lead,
                        reverse("registry:record", args=[notice.record_number]),
                        notice.record_number,
                    ),
                )
            else:
                messages.success(request, _("The notice was received: the producer is not in the register."))
            return redirect("registry:software_notices")
    return render(request, "registry/software_notice_form.html", {"form": form})


def _sources(actor: Any) -> list[tuple[str, Any]]:
    """The sources whose information this actor's body submits (IP-51-3.2 … 51-3.6)."""
    mine = set(feeds.sources_of(actor)) - set(feeds.LODGED_FROM_RECORDS)
    return [(value, label) for value, label in WhollyProducedEntry.Source.choices if value in mine]


@login_required
def wholly_produced(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    blank = feeds.blank_entry(actor)
    require(actor, blank, "list")
    entries = list(selectors.wholly_produced_for(actor).select_related("region")[:300])
    scrap = feeds.scrap_candidates(actor)
    lodged = feeds.scrap_lodged(info.document_number for info in scrap)
    return render(
        request,
        "registry/wholly_produced.html",
        {
            "rows": [{"e": e, "actions": allowed_actions(actor, e)} for e in entries],
            "may_submit": "submit" in allowed_actions(actor, blank) and bool(_sources(actor)),
            "scrap": [
                {"info": info, "open": any((info.document_number, g.hs_code) not in lodged for g in info.goods)}
                for info in scrap
            ],
        },
    )


@login_required
@require_POST
def wholly_produced_scrap(request: HttpRequest, number: str) -> HttpResponse:
    """The akimat lodges a notified entity's scrap for the register from its notification and reports (IP-51-3.6)."""
    actor = actor_for(request.user)
    try:
        entries = feeds.wholly_produced_scrap_lodge(actor=actor, notification_number=number)
    except feeds.FeedError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            ngettext(
                "%(n)s kind of scrap lodged from %(number)s. The authorized body enters it in the register "
                "(IP-51-3.7).",
                "%(n)s kinds of scrap lodged from %(number)s. The authorized body enters them in the register "
                "(IP-51-3.7).",
                len(entries),
            )
            % {"n": len(entries), "number": number},
        )
    return redirect("registry:wholly_produced")


@login_required
def wholly_produced_new(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    require(actor, feeds.blank_entry(actor), "submit")
    sources = _sources(actor)
    if not sources:
        # A competent body's grant that does not name the body (given before bodies were named): say so.
        return render(
            request,
            "registry/wholly_produced_form.html",
            {"form": None, "refusal": feeds.source_refusal(actor, WhollyProducedEntry.Source.SOLID_MINERALS)},
            status=403,
        )
    form = WhollyProducedForm(
        request.POST or None, sources=sources, initial={"source": sources[0][0]} if len(sources) == 1 else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            entry = feeds.wholly_produced_receive(actor=actor, **form.cleaned_data)
        except feeds.FeedError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _(
                    "Received: %(number)s for %(code)s. The authorized body enters the goods in the register "
                    "(IP-51-3.7)."
                )
                % {"number": entry.document_number, "code": entry.hs_code},
            )
            return redirect("registry:wholly_produced")
    return render(request, "registry/wholly_produced_form.html", {"form": form})


@login_required
def wholly_produced_upload(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    require(actor, feeds.blank_entry(actor), "submit")
    form = WhollyProducedUploadForm(request.POST or None, request.FILES or None)
    bad_rows: list[feeds.RowProblem] = []
    if request.method == "POST" and form.is_valid():
        try:
            entries = feeds.wholly_produced_import(actor=actor, text=form.cleaned_data["file"])
        except feeds.FeedImportError as exc:
            bad_rows = exc.rows
            form.add_error(
                "file",
                ngettext(
                    "%(n)s row of the file has problems: correct it and upload the file again. Nothing was entered.",
                    "%(n)s rows of the file have problems: correct them and upload the file again. Nothing was "
                    "entered.",
                    len(bad_rows),
                )
                % {"n": len(bad_rows)},
            )
        except feeds.FeedError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(
                request,
                ngettext(
                    "%(n)s entry received. The authorized body enters the goods in the register (IP-51-3.7).",
                    "%(n)s entries received. The authorized body enters the goods in the register (IP-51-3.7).",
                    len(entries),
                )
                % {"n": len(entries)},
            )
            return redirect("registry:wholly_produced")
    return render(
        request,
        "registry/wholly_produced_upload.html",
        {"form": form, "bad_rows": bad_rows, "columns": feeds.IMPORT_COLUMNS, "sources": _sources(actor)},
    )


@login_required
@require_POST
def wholly_produced_enter(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    entry = selectors.wholly_produced_for(actor).filter(pk=pk).first()
    if entry is None:
        raise Http404(_("No such information among what you can see."))
    require(actor, entry, "enter")
    try:
        record = feeds.wholly_produced_enter(actor=actor, entry=entry)
    except feeds.FeedError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("%(code)s was entered in the register: record %(number)s.")
            % {"code": entry.hs_code, "number": record.number},
        )
    return redirect("registry:wholly_produced")
