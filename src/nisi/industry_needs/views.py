"""The pages of the needs of industry: an entity gives its needs for specialists (IP-55.1) and for research (IP-57)
for a year by a form or a file and reads their history; the authorized body's desk forms, approves and sends the
proposals of the list of specialities and sends the needs for research for placement; the public reads the placed
needs for research."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from nisi.core import selectors as core_selectors
from nisi.core.authz import actor_for
from nisi.core.csv_import import CsvImportError
from nisi.core.publication.views import as_of_page
from nisi.forms.posting import bound_if, form_post, posted_step, step_post
from nisi.industry_needs import rules, selectors
from nisi.industry_needs.forms import NeedsFileForm, YearForm, initial_of, needs_form
from nisi.industry_needs.models import Kind, NeedsReturn, ResearchPlacement, Source, SpecialityProposal
from nisi.industry_needs.policies import may
from nisi.industry_needs.services import needs as needs_services
from nisi.industry_needs.services import placements, proposals
from nisi.law import clock


def _language() -> str:
    return (get_language() or "ru")[:2]


def _regions() -> list[tuple[str, str]]:
    return core_selectors.region_names(_language())


def _kind(kind: str) -> Kind:
    if kind not in Kind.values:
        raise Http404(_("No such kind of needs: choose needs for specialists or for research."))
    return Kind(kind)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    return render(
        request,
        "industry_needs/home.html",
        {
            "needs": list(selectors.needs_for(actor)[:300]),
            "may_submit": may(actor, NeedsReturn, "submit"),
            "may_desk": may(actor, SpecialityProposal, "form") or may(actor, SpecialityProposal, "view"),
            "today": clock.today(),
        },
    )


def _imported(made: list[NeedsReturn]) -> str:
    return ngettext(
        "The needs of %(count)s year were recorded.", "The needs of %(count)s years were recorded.", len(made)
    ) % {"count": len(made)}


@login_required
def submit(request: HttpRequest, kind: str) -> HttpResponse:
    actor = actor_for(request.user)
    chosen = _kind(kind)
    if not may(actor, NeedsReturn, "submit"):
        raise PermissionDenied(_("Needs are given by the entity itself: sign in with its organization's account."))
    step = request.POST.get("step")
    form_class = needs_form(chosen, regions=_regions())
    form = form_class(bound_if(request, step or "", "form"), initial={"year": clock.today().year})
    file_form = NeedsFileForm(bound_if(request, step or "", "file"), request.FILES if step == "file" else None)
    if step == "form":
        done = form_post(
            request,
            form,
            lambda data: needs_services.needs_submit(
                actor=actor, kind=chosen, year=data["year"], lines=form.lines(), source=Source.FORM
            ),
            errors=rules.NeedsError,
            success=lambda n: (
                _("Your needs for %(year)s were recorded as %(number)s.") % {"year": n.year, "number": n.number}
            ),
            redirect_to=lambda n: reverse("industry_needs:needs", args=[n.number]),
            fields={"lines": "__all__"},
        )
        if done:
            return done
    if step == "file":
        upload = request.FILES.get("file")
        done = form_post(
            request,
            file_form,
            lambda data: needs_services.needs_import(
                actor=actor,
                kind=chosen,
                content=upload.read() if upload else b"",
                name=(upload.name or "") if upload else "",
                amend_reason=data.get("amend_reason") or "",
            ),
            errors=(CsvImportError, rules.NeedsError),
            success=_imported,
            redirect_to=reverse("industry_needs:home"),
            field="file",
        )
        if done:
            return done
    return render(
        request,
        "industry_needs/submit.html",
        {
            "kind": chosen,
            "form": form,
            "file_form": file_form,
            "columns": ", ".join(needs_services.COLUMNS[chosen]),
            "levels": ", ".join(rules.LEVELS),
        },
    )


@login_required
def needs(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    found = selectors.needs_by_number(actor, number)
    if found is None:
        raise Http404(_("No needs %(number)s that you may see.") % {"number": number})
    lines: list[Any] = list(found.specialists.all() if found.kind == Kind.SPECIALISTS else found.research.all())
    regions = dict(_regions())
    for line in lines:
        line.region_name = regions.get(getattr(line, "region_id", ""), "")
    return render(
        request,
        "industry_needs/needs.html",
        {
            "needs": found,
            "lines": lines,
            "versions": selectors.versions_of(actor, found),
            "actions": selectors.needs_actions(actor, found),
            "journal": core_selectors.journal_of("industry_needs", found.number),
        },
    )


@login_required
def amend(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    found = selectors.needs_by_number(actor, number)
    if found is None or "amend" not in selectors.needs_actions(actor, found):
        raise Http404(_("No current needs %(number)s of yours to change.") % {"number": number})
    lines = list(found.specialists.all() if found.kind == Kind.SPECIALISTS else found.research.all())
    form_class = needs_form(found.kind, regions=_regions(), rows=len(lines) + 1, amending=True)
    form = form_class(request.POST or None, initial=initial_of(found.kind, lines))
    done = form_post(
        request,
        form,
        lambda data: needs_services.needs_amend(
            actor=actor, needs=found, reason=data["reason"], lines=form.lines(), source=Source.FORM
        ),
        errors=rules.NeedsError,
        success=lambda n: (
            _("Version %(version)s of your needs for %(year)s was recorded as %(number)s.")
            % {"version": n.version, "year": n.year, "number": n.number}
        ),
        redirect_to=lambda n: reverse("industry_needs:needs", args=[n.number]),
        fields={"lines": "__all__"},
    )
    return done or render(request, "industry_needs/amend.html", {"needs": found, "form": form})


@login_required
def desk(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    may_form = may(actor, SpecialityProposal, "form")
    if not (may_form or may(actor, SpecialityProposal, "view")):
        raise PermissionDenied(_("The desk of the needs is the authorized body's."))
    today = clock.today()
    year = today.year
    picked = YearForm(request.GET or None, initial={"year": year})
    if request.GET and picked.is_valid():
        year = picked.cleaned_data["year"]
    here = f"{reverse('industry_needs:desk')}?year={year}"
    steps = ({"form_proposal"} if may_form else set()) | (
        {"place"} if may(actor, ResearchPlacement, "place") else set()
    )
    step = posted_step(request, steps, refused=_("You cannot do this."))
    form = YearForm(request.POST if step else None, initial={"year": year}, prefix="act")
    done = step_post(
        request,
        step,
        {
            "form_proposal": (
                form,
                lambda data: proposals.proposal_form(actor=actor, year=data["year"]),
                lambda p: _("Proposal %(number)s was formed from the needs given.") % {"number": p.number},
            ),
            "place": (
                form,
                lambda data: placements.research_place(actor=actor, year=data["year"]),
                lambda p: (
                    ngettext(
                        "%(count)s need for research was sent for placement and published (%(number)s).",
                        "%(count)s needs for research were sent for placement and published (%(number)s).",
                        p.count,
                    )
                    % {"count": p.count, "number": p.number}
                ),
            ),
        },
        errors=rules.NeedsError,
        redirect_to=here,
    )
    if done:
        return done
    return render(
        request,
        "industry_needs/desk.html",
        {
            "year": year,
            "picked": picked,
            "form": form,
            "summary": selectors.desk(actor, year),
            "needs": list(selectors.needs_for(actor).filter(year=year, current=True)[:500]),
            "proposals": list(selectors.proposals_for(actor)[:50]),
            "placements": list(selectors.placements_for(actor)[:50]),
            "may_form": may_form,
            "may_place": may(actor, ResearchPlacement, "place"),
        },
    )


@login_required
def proposal(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    found = selectors.proposal_by_number(actor, number)
    if found is None:
        raise Http404(_("No proposal %(number)s that you may see.") % {"number": number})
    actions = selectors.allowed(actor, found)
    here = reverse("industry_needs:proposal", args=[found.number])
    step = posted_step(request, actions & {"approve", "send"}, refused=_("You cannot do this."))
    done = step_post(
        request,
        step,
        {
            "approve": (
                None,
                lambda data: proposals.proposal_approve(actor=actor, proposal=found),
                _("The proposal is approved: send it to the authorized body for employment."),
            ),
            "send": (
                None,
                lambda data: proposals.proposal_send(actor=actor, proposal=found),
                _("The proposal is on its way to the authorized body for employment; its receipt is recorded here."),
            ),
        },
        errors=rules.NeedsError,
        redirect_to=here,
    )
    if done:
        return done
    regions = dict(_regions())
    view = selectors.proposal_view(actor, found, clock.today())
    return render(
        request,
        "industry_needs/proposal.html",
        {
            "proposal": found,
            "view": view,
            "region_names": [regions.get(r, r) for r in view.regions],
            "actions": actions,
            "journal": core_selectors.journal_of("speciality_proposal", found.number),
        },
    )


def research(request: HttpRequest) -> HttpResponse:
    """IP-57: the needs of industrial entities for research and development, as placed: for everyone. `?as_of=D`:
    as they stood at the end of day D (ADR 45)."""
    if (past := as_of_page(request, selectors.RESEARCH_DATASET)) is not None:
        return past
    year_form = YearForm(request.GET or None)
    year = year_form.cleaned_data["year"] if request.GET.get("year") and year_form.is_valid() else None
    found = [
        (n, rules.public_name(consented=n.contact_consent, name=n.needs.organization.name, oked=n.oked))
        for n in selectors.published_research_needs(year=year)[:500]
    ]
    return render(request, "industry_needs/research.html", {"found": found, "year_form": year_form, "year": year})


app_name = "industry_needs"
urlpatterns: list[URLPattern] = [
    path("", home, name="home"),
    path("give/<str:kind>/", submit, name="submit"),
    path("needs/<str:number>/", needs, name="needs"),
    path("needs/<str:number>/new-version/", amend, name="amend"),
    path("desk/", desk, name="desk"),
    path("proposals/<str:number>/", proposal, name="proposal"),
    path("research/", research, name="research"),
]
