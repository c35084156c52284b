"""The goods of an application: a good's code, found by its name or its first digits, checked against the
classifier; then its details, the operations of its production conditions offered by their names (IP-51-7) and
checked against their minimum threshold and the mandatory ones, as the service checks them for the API too."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from nisi.core.identifiers import is_latin_digits
from nisi.core.models import ClassifierCode
from nisi.core.selectors import classifier_entry, classifier_search
from nisi.registry.forms import CodeSearchForm, GoodCodeForm, GoodForm
from nisi.registry.services import applications as services
from nisi.registry.views.applications import _application

SUGGESTIONS = 20
HS_SUBHEADING = 6  # the level of a 6-digit HS code, the one a good is declared with


def _codes(query: str) -> tuple[list[dict[str, str]], bool]:
    """The codes found (at most SUGGESTIONS), and whether there are more."""
    language = get_language() or "en"
    found = list(classifier_search(ClassifierCode.System.HS, query, limit=SUGGESTIONS + 1, level=HS_SUBHEADING))
    return [{"code": c.code, "name": c.name_in(language)} for c in found[:SUGGESTIONS]], len(found) > SUGGESTIONS


def _description(hs_code: str) -> str:
    entry = classifier_entry(ClassifierCode.System.HS, hs_code)
    return entry.name_in(get_language() or "en") if entry else ""


@login_required
def application_goods(request: HttpRequest, number: str) -> HttpResponse:
    """Adding a good: first its HS code (which decides the production conditions), then its details."""
    actor, application = _application(request, number, "edit")
    typed = request.GET.get("hs_code", "").strip()
    if typed and not is_latin_digits(typed) and any(c.isalpha() for c in typed):
        # Words in the code's field, sent without JavaScript: the codes of goods so named, to choose from.
        return redirect(f"{reverse('registry:application_goods_codes', args=[number])}?{urlencode({'q': typed})}")
    code_form = GoodCodeForm(request.GET if "hs_code" in request.GET else None)
    code_form.fields["hs_code"].widget.attrs.update(
        {
            "autocomplete": "off",
            "hx-get": reverse("registry:application_goods_codes", args=[number]),
            "hx-trigger": "input changed delay:300ms, search",
            "hx-target": "#code-suggestions",
            "aria-controls": "code-suggestions",
        }
    )
    hs_code = ""
    if request.method == "POST":
        hs_code = request.POST.get("hs_code", "")[:6]
    elif code_form.is_bound and code_form.is_valid():
        hs_code = code_form.cleaned_data["hs_code"]
        wrong = services.code_problem(hs_code)
        if wrong is not None:
            code_form.add_error("hs_code", wrong)
            hs_code = ""
    form = conditions = None
    if hs_code:
        conditions = services.conditions_for(hs_code)
        operations = conditions.operations if conditions else []
        form = GoodForm(request.POST or None, initial={"hs_code": hs_code}, operations=operations)
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.product_add(actor=actor, application=application, **form.cleaned_data)
        except services.GoodRefused as exc:
            for field, problems in exc.errors.items():
                for problem in problems:
                    # The HS code is not typed on this step (it is carried from the first): said above the form.
                    form.add_error(field if field in form.fields and field != "hs_code" else None, problem)
        except services.ApplicationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The good was added."))
            return redirect("registry:application", number=number)
    return render(
        request,
        "registry/application_goods.html",
        {
            "application": application,
            "code_form": code_form,
            "form": form,
            "conditions": conditions,
            "description": _description(hs_code) if hs_code else "",
            "products": application.products.all(),
        },
    )


@login_required
def application_goods_codes(request: HttpRequest, number: str) -> HttpResponse:
    """Finding a good's code by a word of its name (in Kazakh, Russian or English) or its first digits: for htmx,
    the suggestions under the code's field; without JavaScript, a page of its own whose codes lead back to the
    goods form. `hs_code` is what the code's field sends as it is typed."""
    _actor, application = _application(request, number, "edit")
    typed = request.GET.get("q", request.GET.get("hs_code", ""))
    form = CodeSearchForm({"q": typed} if "q" in request.GET or "hs_code" in request.GET else None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    codes, more = _codes(query)
    context: dict[str, Any] = {"application": application, "form": form, "query": query, "codes": codes, "more": more}
    if request.headers.get("HX-Request"):
        response = render(request, "registry/_code_suggestions.html", context)
        response["Cache-Control"] = "no-store"
        return response
    return render(request, "registry/application_goods_codes.html", context)
