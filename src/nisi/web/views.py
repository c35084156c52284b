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
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nisi.core import selectors
from nisi.core.authz import actor_for, allowed_actions, require
from nisi.core.roles import OFFICER_ROLES, Role
from nisi.core.services import documents as document_services
from nisi.core.services import notifications as notification_services
from nisi.core.services import tokens as token_services
from nisi.core.services.accounts import DEMO_PASSWORD, demo_accounts_allowed
from nisi.registry import selectors as registry_selectors
from nisi.web.forms import RevokeForm, SignInForm, TokenForm


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html")


def demo_accounts() -> list[dict[str, Any]]:
    """The demo accounts, listed on the sign-in page in the embedded default only."""
    if not demo_accounts_allowed():
        return []
    users = get_user_model().objects.filter(demo_account__isnull=False, is_active=True).order_by("username")
    labels = dict(Role.choices)
    out = []
    for user in users.prefetch_related("role_assignments__organization", "role_assignments__region"):
        grants = [
            f"{labels[a.role]}"
            + (f" — {a.organization.name}" if a.organization else "")
            + (f" — {a.region.name_in('en')}" if a.region else "")
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


@login_required
def account(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    inbox = []
    for n in selectors.inbox(actor)[:50]:
        subject, body = selectors.notification_text(actor, n)
        inbox.append(
            {"n": n, "subject": subject, "body": body, "can_mark_read": "mark_read" in allowed_actions(actor, n)}
        )
    documents = [{"d": d, "actions": allowed_actions(actor, d)} for d in selectors.documents_for(actor)[:50]]
    records = registry_selectors.records_for(actor).filter(organization_id__in=actor.organization_ids())
    return render(request, "web/account.html", {"inbox": inbox, "documents": documents, "records": records})


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
    actor = actor_for(request.user)
    if not actor.roles & OFFICER_ROLES:
        raise PermissionDenied(_("The work queue is for officers. Your deadlines are in your personal account."))
    rows = [{"d": e.deadline, "title": e.title, "url": e.url} for e in selectors.queue_entries(actor)]
    return render(request, "web/work_queue.html", {"rows": rows})


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
