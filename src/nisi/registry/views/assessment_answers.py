"""The officer's answers to the assessment or to the on-site inspection's report, kept in the session between the
form and the check of the answers (issue 10): a decision that includes a producer in the register, and an
inspection's report, are read back before they are made."""

from __future__ import annotations

from django.http import HttpRequest, QueryDict

from nisi.registry.forms import AssessmentForm, GoodsDecisionForm

ASSESSMENT = "assessment"
INSPECTION = "inspection"


def _key(number: str, kind: str) -> str:
    return f"nisi-{kind}-{number}"


def includes(form: AssessmentForm, goods_form: GoodsDecisionForm) -> bool:
    """Whether the answers include goods in the register (a positive decision): the evidence is enough and a good
    is included, or one wholly produced, which needs no assessment (IP-51-1.9)."""
    if form.cleaned_data["evidence_sufficient"] != "yes":
        return False
    return bool(goods_form.wholly_produced) or any(goods_form.service_arguments()["included"].values())


def answers_keep(request: HttpRequest, number: str, kind: str = ASSESSMENT) -> None:
    answers = {k: request.POST.getlist(k) for k in request.POST if k != "csrfmiddlewaretoken"}
    request.session[_key(number, kind)] = answers


def answers_of(request: HttpRequest, number: str, kind: str = ASSESSMENT) -> QueryDict | None:
    saved = request.session.get(_key(number, kind))
    if not isinstance(saved, dict):
        return None
    data = QueryDict(mutable=True)
    for name, values in saved.items():
        data.setlist(name, [str(v) for v in values])
    return data


def answers_forget(request: HttpRequest, number: str, kind: str = ASSESSMENT) -> None:
    request.session.pop(_key(number, kind), None)
