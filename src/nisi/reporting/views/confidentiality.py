"""Confidentiality (IP-6.3) in the personal account: an entity gives and withdraws its consents and reads who saw its
figures, when, what and on what ground; the authorized body and auditors read every consent and every view."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from nisi.core import selectors as core_selectors
from nisi.core.authz import actor_for, allowed_actions
from nisi.core.identifiers import is_latin_digits
from nisi.core.models import DisclosureConsent, Organization
from nisi.core.services import disclosure as services
from nisi.forms.posting import form_post
from nisi.reporting.confidentiality_forms import ConsentForm


def _give(actor: object, organization: Organization, data: dict[str, str]) -> DisclosureConsent:
    recipient = Organization.objects.filter(identifier=data["recipient"]).first()
    if recipient is None:
        raise services.DisclosureError(
            _("No organization with BIN %(bin)s is registered in the system.") % {"bin": data["recipient"]},
            "recipient",
        )
    return services.consent_give(
        actor=actor,  # type: ignore[arg-type]
        organization=organization,
        recipient=recipient,
        dataset=data["dataset"],
        purpose=data.get("purpose", ""),
    )


@login_required
def confidentiality(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    here = reverse("reporting:confidentiality")
    mine = list(Organization.objects.filter(pk__in=actor.organization_ids()).order_by("name")[:1])
    form = None
    if mine and "give" in allowed_actions(actor, DisclosureConsent(organization=mine[0])):
        form = ConsentForm(request.POST if request.POST.get("step") == "give" else None)
        if request.POST.get("step") == "give":
            done = form_post(
                request,
                form,
                lambda data: _give(actor, mine[0], data),
                errors=services.DisclosureError,
                success=_("Your consent was recorded. You can withdraw it at any time."),
                redirect_to=here,
            )
            if done:
                return done
    if request.POST.get("step") == "withdraw":
        consent = (
            core_selectors.consents_for(actor).filter(pk=request.POST.get("consent", "0")).first()
            if (is_latin_digits(request.POST.get("consent", "")))
            else None
        )
        if consent is None:
            raise Http404(_("No such consent of yours."))
        if "withdraw" not in allowed_actions(actor, consent):
            raise PermissionDenied(_("Only the entity's own users withdraw its consent."))
        done = form_post(
            request,
            None,
            lambda data: services.consent_withdraw(actor=actor, consent=consent),
            errors=services.DisclosureError,
            success=_("Your consent was withdrawn."),
            redirect_to=here,
        )
        if done:
            return done
    views = core_selectors.disclosure_views_for(actor)
    bin_ = request.GET.get("bin", "")
    if is_latin_digits(bin_) and len(bin_) == 12:
        views = views.filter(organization__identifier=bin_)
    return render(
        request,
        "reporting/confidentiality.html",
        {
            "form": form,
            "consents": core_selectors.consents_for(actor)[:200],
            "views": views[:500],
            "grounds": services.GROUND_LABELS,
            "datasets": services.DATASETS,
            "bin": bin_,
        },
    )


urlpatterns: list[URLPattern] = [path("confidentiality/", confidentiality, name="confidentiality")]
