"""An application's page (IP-47.6, IP-47.7): both sides see it, its term and whether it is overdue, and its
contract once concluded; the customer refuses it, or awards it fixing the characteristics and concludes the
contract of its kind from the award."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from nisi.contracts.forms.examination import AwardForm, ConcludeForm
from nisi.contracts.forms.offtake import ReasonsForm
from nisi.contracts.models import DevelopmentContract
from nisi.contracts.rules import examination as rules
from nisi.contracts.selectors import plans as selectors
from nisi.contracts.services import examination as services
from nisi.core.authz import actor_for, allowed_actions
from nisi.core.transitions import TransitionError
from nisi.forms.posting import bound_if, posted_step, step_post
from nisi.law import clock


@login_required
def application(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    found = selectors.applications_for(actor).filter(number=number).first()
    if found is None:
        raise Http404(_("No such application among those you can see."))
    actions = allowed_actions(actor, found)
    step = posted_step(request, actions, refused=_("You cannot take this step on this application now."))
    forms = {
        "refuse": ReasonsForm(bound_if(request, step, "refuse"), prefix="refuse"),
        "award": AwardForm(bound_if(request, step, "award"), prefix="award"),
        "conclude": ConcludeForm(bound_if(request, step, "conclude"), prefix="conclude"),
    }
    done = step_post(
        request,
        step,
        {
            "refuse": (
                forms["refuse"],
                lambda d: services.application_refuse(actor=actor, application=found, **d),
                _("The application was refused; the manufacturer was notified."),
            ),
            "award": (
                forms["award"],
                lambda d: services.application_award(actor=actor, application=found, **d),
                _("The application was awarded with the good's characteristics; conclude the contract now."),
            ),
            "conclude": (
                forms["conclude"],
                lambda d: services.application_conclude(actor=actor, application=found, **d),
                _("The contract was concluded; the manufacturer confirms it."),
            ),
        },
        errors=TransitionError,
        redirect_to=reverse("contracts:application", args=[number]),
    )
    if done:
        return done
    contract = DevelopmentContract.objects.filter(application=found).first()
    return render(
        request,
        "contracts/plans/application.html",
        {
            "application": found,
            "actions": actions,
            "forms": forms,
            "contract": contract,
            "overdue": rules.examination_overdue(
                status=found.status, due_on=found.examination_due_on, today=clock.today()
            ),
        },
    )


urlpatterns: list[URLPattern] = [path("applications/<str:number>/", application, name="application")]
