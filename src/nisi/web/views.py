"""Pages of the shared core: home, sign-in, personal account (inbox, documents, API tokens), the officers'
work queue, and the public document verification page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nisi.core import charts, selectors
from nisi.core.authz import actor_for, allowed_actions, require
from nisi.core.roles import OFFICER_ROLES, Role
from nisi.core.services import documents as document_services
from nisi.core.services import notifications as notification_services
from nisi.core.services import tokens as token_services
from nisi.core.services.accounts import DEMO_PASSWORD, demo_accounts_allowed
from nisi.forms.listing import list_page, page_number, pager
from nisi.law import clock
from nisi.registry import overview as registry_overview
from nisi.registry import policies as registry_policies
from nisi.registry import selectors as registry_selectors
from nisi.web.forms import DocumentFilterForm, RevokeForm, SignInForm, TokenForm


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html")


def demo_accounts() -> list[dict[str, Any]]:
    """The demo accounts, listed on the sign-in page in the embedded default only."""
    if not demo_accounts_allowed():
        return []
    users = get_user_model().objects.filter(demo_account__isnull=False, is_active=True).order_by("username")
    labels = dict(Role.choices)
    language = (get_language() or "en").split("-")[0]
    out = []
    for user in users.prefetch_related("role_assignments__organization", "role_assignments__region"):
        grants = [
            f"{labels[a.role]}"
            + (f" — {a.organization.name}" if a.organization else "")
            + (f" — {a.region.name_in(language)}" if a.region else "")
            + (f" — {a.get_body_display()}" if a.body else "")
            for a in user.role_assignments.all()
        ]
        out.append({"username": user.username, "roles": grants})
    return out


class SignInView(auth_views.LoginView):
    template_name = "web/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["demo_accounts"] = demo_accounts()
        context["demo_password"] = DEMO_PASSWORD if demo_accounts_allowed() else ""
        return context


INBOX_PAGE = 20
QUEUE_PAGE = 50
ACCOUNT_DEADLINES = 50


@login_required
def account(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    unread_only = request.GET.get("unread") == "1"
    number = page_number(request, "inbox_page")
    entries = selectors.inbox_entries(
        actor, unread_only=unread_only, offset=(number - 1) * INBOX_PAGE, limit=INBOX_PAGE + 1
    )
    inbox = [
        {
            "n": e.notification,
            "subject": e.subject,
            "body": e.body,
            "url": e.url,
            "can_mark_read": "mark_read" in e.actions,
        }
        for e in entries[:INBOX_PAGE]
    ]
    filters = DocumentFilterForm(request.GET or None)
    chosen = filters.values()
    found = selectors.documents_for(actor)
    if "status" in chosen:
        found = found.filter(**DocumentFilterForm.STATUS_FILTERS[chosen["status"]])
    documents_page = list_page(request, found, sorts=DocumentFilterForm.SORTS, name="documents_page")
    documents = [{"d": d, "actions": allowed_actions(actor, d)} for d in documents_page.rows]
    records = registry_selectors.records_for(actor).filter(organization_id__in=actor.organization_ids())
    # An organization's users have no work queue page: what waits on their organization is listed here, soonest
    # first, each linked to its record (officers read theirs on the work queue).
    waiting = [] if actor.roles & OFFICER_ROLES else selectors.queue_entries(actor, limit=ACCOUNT_DEADLINES)
    return render(
        request,
        "web/account.html",
        {
            "inbox": inbox,
            "unread_only": unread_only,
            "inbox_pager": pager(request, number, len(entries) > INBOX_PAGE, "inbox_page"),
            "documents": documents,
            "documents_page": documents_page,
            "document_filters": filters,
            "records": records,
            "waiting": [{"d": e.deadline, "title": e.title, "url": e.url} for e in waiting],
        },
    )


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    notification = get_object_or_404(selectors.inbox(actor), pk=pk)
    notification_services.notification_mark_read(actor=actor, notification=notification)
    return redirect("web:account")


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    created = None
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _token, created = token_services.api_token_create(actor=actor, name=form.cleaned_data["name"])
        form = TokenForm()
    return render(request, "web/tokens.html", {"form": form, "created": created, "tokens": selectors.tokens_of(actor)})


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    token = get_object_or_404(selectors.tokens_of(actor), pk=pk)
    token_services.api_token_revoke(actor=actor, token=token)
    messages.success(request, _("The token was revoked; it no longer works."))
    return redirect("web:tokens")


@login_required
def work_queue(request: HttpRequest) -> HttpResponse:
    """The officer's start page: what needs them (how much is open, overdue, due this week), the deadlines
    themselves — filtered, sorted, a page at a time — and, for the register's officers, the register in figures."""
    actor = actor_for(request.user)
    if not actor.roles & OFFICER_ROLES:
        raise PermissionDenied(_("The work queue is for officers. Your deadlines are in your personal account."))
    today = clock.today()
    view = request.GET.get("view", "all")
    view = view if view in selectors.QUEUE_VIEWS else "all"
    order = request.GET.get("order", "due")
    order = order if order in selectors.QUEUE_ORDERS else "due"
    number = page_number(request)
    entries = selectors.queue_entries(
        actor, view=view, order=order, today=today, offset=(number - 1) * QUEUE_PAGE, limit=QUEUE_PAGE + 1
    )
    rows = [{"d": e.deadline, "title": e.title, "url": e.url} for e in entries[:QUEUE_PAGE]]
    counts = selectors.queue_counts(actor, today)
    views = [
        {"key": "all", "label": _("All open"), "count": counts["all"]},
        {"key": "overdue", "label": _("Overdue"), "count": counts["overdue"]},
        {"key": "week", "label": _("Due within a week"), "count": counts["week"]},
    ]
    context: dict[str, Any] = {
        "rows": rows,
        "views": views,
        "view": view,
        "order": order,
        "pager": pager(request, number, len(entries) > QUEUE_PAGE),
    }
    if registry_policies.may_open(actor, registry_policies.OVERVIEW_ROLES):
        by_region = registry_overview.producers_by_region()
        by_group = registry_overview.goods_by_product_group()
        context["by_region"], context["by_group"] = by_region, by_group
        # DESIGN: a chart drawn on the server (Vega-Lite → SVG) with the same figures' table beside it.
        context["by_region_chart"] = charts.bar_chart_uri(
            [{"label": b.label, "value": b.count} for b in by_region],
            label_title=_("Region"),
            value_title=_("Producers"),
        )
        context["by_group_chart"] = charts.bar_chart_uri(
            [{"label": b.label, "value": b.count} for b in by_group],
            label_title=_("Product group"),
            value_title=_("Goods"),
        )
    return render(request, "web/work_queue.html", context)


def verify(request: HttpRequest, token: str) -> HttpResponse:
    document = selectors.document_by_token(token)
    if document is None:
        return render(request, "web/verify_unknown.html", status=404)
    return render(
        request, "web/verify.html", {"document": document, "check": document_services.document_check(document)}
    )


@login_required
def document_pdf(request: HttpRequest, token: str) -> FileResponse:
    actor = actor_for(request.user)
    document = selectors.document_by_token(token)
    if document is None or not document.pdf:
        raise Http404(_("No such document."))
    require(actor, document, "download")
    return FileResponse(document.pdf.open("rb"), content_type="application/pdf", filename=f"{document.token}.pdf")


@login_required
def document_revoke(request: HttpRequest, token: str) -> HttpResponse:
    actor = actor_for(request.user)
    document = selectors.document_by_token(token)
    if document is None:
        raise Http404(_("No such document."))
    require(actor, document, "revoke")
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        document_services.document_revoke(actor=actor, document=document, reason=form.cleaned_data["reason"])
        messages.success(request, _("The document was revoked. Its verification page now says so."))
        return redirect("web:verify", token=token)
    return render(request, "web/document_revoke.html", {"document": document, "form": form})
