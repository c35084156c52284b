"""The operator's decision on a requested measure as a signed document with a QR code (IP-25.8, IP-25.6): granted
after its assessment of the IP-25.4 criteria, or refused with its reasons, each with the provisions it rests on and
the conditions of IP-25.5 as the nisi checked them on the application day. Written in Russian and Kazakh, as the
state's documents of nisi are; the public verification page shows the decision's current standing."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from nisi.core.authz import Actor
from nisi.core.models import Document
from nisi.core.services.documents import document_issue, register_status_provider
from nisi.incentives.models import CRITERIA, GrantAgreement, RequestedMeasure
from nisi.incentives.rules import conditions as condition_rules

DECISION_DOCUMENT = "incentives_decision"
CRITERION_TITLES = {
    "innovativeness": ("Инновационность", "Инновациялық"),
    "competitiveness": ("Конкурентоспособность", "Бәсекеге қабілеттілік"),
    "scale": ("Масштабность", "Ауқымдылық"),
    "export_orientation": ("Экспортоориентированность", "Экспортқа бағдарлану"),
    "labour_productivity": ("Производительность труда", "Еңбек өнімділігі"),
}
GRANTED_PROVISIONS = ["IP-25.4", "IP-25.5", "IP-25.8"]
DECLINED_PROVISIONS = ["IP-25.4", "IP-25.6", "IP-25.8"]


def _in(language: str, value: Any) -> str:
    with translation.override(language):
        return str(value)


def decision_data(request: RequestedMeasure) -> dict[str, Any]:
    """What the decision attests: who applied for which measure, the operator, granted or refused, the IP-25.4
    criteria as assessed, the reasons and the provisions, the IP-25.5 conditions as checked (ru and kk)."""
    application = request.application
    granted = request.status == RequestedMeasure.Status.GRANTED
    labels = dict(RequestedMeasure._meta.get_field("innovativeness").choices or [])
    return {
        "number": request.number,
        "application": application.number,
        "applied_on": application.applied_on.isoformat(),
        "applicant": {"identifier": application.organization.identifier, "name": application.organization.name},
        "operator": {"identifier": request.operator.identifier, "name": request.operator.name},
        "measure": request.measure.title,
        "project": application.project,
        "decision": "granted" if granted else "declined",
        "decided_on": request.decided_on.isoformat() if request.decided_on else "",
        "decided_by": request.decided_by_label,
        "criteria": [
            {
                "code": code,
                "ru": CRITERION_TITLES[code][0],
                "kk": CRITERION_TITLES[code][1],
                "assessment": getattr(request, code),
                "assessment_ru": _in("ru", labels.get(getattr(request, code), "—")),
                "assessment_kk": _in("kk", labels.get(getattr(request, code), "—")),
            }
            for code in CRITERIA
        ],
        "conditions": [
            {
                "ru": _in("ru", condition_rules.TITLES.get(c.get("condition", ""), c.get("condition", ""))),
                "kk": _in("kk", condition_rules.TITLES.get(c.get("condition", ""), c.get("condition", ""))),
                "passed": bool(c.get("passed")),
                "provision": c.get("provision", ""),
            }
            for c in application.conditions
        ],
        "reasons": request.reasons,
        "provisions": GRANTED_PROVISIONS if granted else DECLINED_PROVISIONS,
    }


def decision_issue(*, actor: Actor, request: RequestedMeasure) -> Document:
    """Issues the decision just taken on `request` as a signed PDF with a QR code, in the decision's transaction."""
    granted = request.status == RequestedMeasure.Status.GRANTED
    verb = "о предоставлении меры" if granted else "об отказе в предоставлении меры"
    document = document_issue(
        actor=actor,
        kind=DECISION_DOCUMENT,
        title=f"Решение оператора {verb} № {request.number}",
        data=decision_data(request),
        template="incentives/decision_pdf.html",
        organization=request.application.organization,
        issuer_organization=request.operator,  # its officers read what it decided, no other operator's
        subject_type="incentive_request",
        subject_id=request.number,
        provisions=GRANTED_PROVISIONS if granted else DECLINED_PROVISIONS,
    )
    request.document = document
    request.save(update_fields=["document"])
    return document


def _decision_status(document: Document) -> dict[str, Any]:
    request = RequestedMeasure.objects.filter(number=document.subject_id).first()
    if request is None or request.status not in (RequestedMeasure.Status.GRANTED, RequestedMeasure.Status.DECLINED):
        return {"current": False, "label": _("Unknown decision"), "since": None}
    label = _("Measure granted") if request.status == RequestedMeasure.Status.GRANTED else _("Measure refused")
    return {"current": True, "label": label, "since": request.decided_on}


def _grant_agreement_status(document: Document) -> dict[str, Any]:
    agreement = GrantAgreement.objects.filter(number=document.subject_id).first()
    if agreement is None:
        return {"current": False, "label": _("Unknown agreement"), "since": None}
    if agreement.status == GrantAgreement.Status.TERMINATED:
        return {"current": False, "label": _("Terminated"), "since": agreement.terminated_on}
    return {"current": True, "label": str(agreement.get_status_display()), "since": agreement.signed_on}


def register_status() -> None:
    from nisi.incentives.services.grant_agreements import GRANT_AGREEMENT_DOCUMENT

    register_status_provider(DECISION_DOCUMENT, _decision_status)
    register_status_provider(GRANT_AGREEMENT_DOCUMENT, _grant_agreement_status)
