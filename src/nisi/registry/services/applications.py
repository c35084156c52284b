"""An application for inclusion in the register, from a draft in the personal account to its submission
(IP-51-1.1.1, IP-51-1.2), which starts digital verification automatically (IP-51-1.3)."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from decimal import Decimal
from typing import IO

from django.conf import settings
from django.core.files.base import File
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nisi.core.authz import Actor, require
from nisi.core.identifiers import is_latin_digits
from nisi.core.models import ClassifierCode, Organization
from nisi.core.roles import Role
from nisi.core.services.journal import journal_append
from nisi.core.transitions import Context, Transition, transition_apply
from nisi.law import clock
from nisi.registry import rules
from nisi.registry.models import (
    ApplicationProduct,
    Evidence,
    ProductionConditions,
    RegisterApplication,
    WhollyProducedKind,
)
from nisi.registry.services.evidence_files import KIND_TYPES, sniff
from nisi.verification.services import verification_create, verification_start

SUBJECT = "register_application"


class ApplicationError(ValueError):
    """Something the applicant must fix; the message says what."""


class GoodRefused(ApplicationError):
    """A good the applicant must correct, field by field: `errors` maps a field of the good (`hs_code`,
    `tnved_code`, `declared_operations`) to what is wrong with it, so that the form and the API point at it."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        self.errors = errors
        super().__init__(" ".join(message for messages in errors.values() for message in messages))


class ApplicationInProgress(ApplicationError):
    """The organization has an application in progress already: continue it rather than start another."""


@transaction.atomic
def application_start(*, actor: Actor, organization: Organization) -> RegisterApplication:
    """A new draft for the actor's organization (IP-51-1.1.1: filed from the personal account)."""
    rules.require_in_force("IP-51-1.1", clock.today(), ApplicationError)
    if not any(g.role == Role.APPLICANT and g.organization_id == organization.pk for g in actor.grants):
        raise ApplicationError(
            _("Only a user of the organization can apply for it. Sign in with your organization's account.")
        )
    if organization.liquidated_on:
        raise ApplicationError(_("A liquidated organization cannot apply."))
    open_ones = RegisterApplication.objects.filter(organization=organization).exclude(
        status__in=[
            RegisterApplication.Status.INCLUDED,
            RegisterApplication.Status.REFUSED,
            RegisterApplication.Status.WITHDRAWN,
        ]
    )
    if open_ones.exists():
        raise ApplicationInProgress(
            _("Your organization already has an application in progress (%(number)s); continue it.")
            % {"number": open_ones.first().number}  # type: ignore[union-attr]
        )
    now = clock.now()
    # Reapplying after eliminating the non-conformities (IP-51-1.6): of an application refused, or included with
    # some goods not included.
    previous = (
        RegisterApplication.objects.filter(organization=organization)
        .filter(
            Q(status=RegisterApplication.Status.REFUSED)
            | Q(status=RegisterApplication.Status.INCLUDED, products__decision=ApplicationProduct.Decision.REFUSED)
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    application = RegisterApplication.objects.create(
        number=f"tmp-{uuid.uuid4().hex[:12]}",
        organization=organization,
        created_at=now,
        site_kato=organization.kato,
        site_address=organization.address,
        reapplication_of=previous,
    )
    application.number = rules.application_number(now.year, application.pk)
    application.save(update_fields=["number"])
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=application.number,
        action="started",
        payload={"reapplication_of": previous.number if previous else None},
        provisions=["IP-51-1.1.1"] + (["IP-51-1.6"] if previous else []),
    )
    return application


@transaction.atomic
def application_update(
    *, actor: Actor, application: RegisterApplication, site_kato: str, site_address: str, declared_conditions: str
) -> RegisterApplication:
    require(actor, application, "edit")
    if len(site_kato) != 9 or not is_latin_digits(site_kato):
        raise ApplicationError(_("Enter the 9-digit KATO code of the production site."))
    application.site_kato = site_kato
    application.site_address = site_address.strip()
    application.declared_conditions = declared_conditions.strip()
    application.save(update_fields=["site_kato", "site_address", "declared_conditions"])
    return application


def conditions_for(code: str, on: dt.date | None = None) -> ProductionConditions | None:
    """The production conditions a good is assessed by: the latest approved version of the most specific code prefix
    that covers it, in force on `on` (today: the date a draft is filed on)."""
    prefixes = [code[:n] for n in range(len(code), 1, -1)]
    found = ProductionConditions.objects.filter(
        product_code__in=prefixes,
        valid_from__lte=on or clock.today(),
        status=ProductionConditions.Status.APPROVED,
    )
    return max(found, key=lambda c: (len(c.product_code), c.version), default=None)


def code_problem(hs_code: str) -> str | None:
    """Why a good's HS code cannot be used, or None: it is a 6-digit subheading of the HS 2022 classifier."""
    if len(hs_code) != 6 or not is_latin_digits(hs_code):
        return _("Enter the 6-digit HS code of the good, or find it by its name")
    if not ClassifierCode.objects.filter(system=ClassifierCode.System.HS, code=hs_code, level=6).exists():
        return _("%(code)s is not a code of the HS 2022 classifier: find the good's code by its name") % {
            "code": hs_code
        }
    return None


def tnved_problem(hs_code: str, tnved_code: str) -> str | None:
    """Why a TN VED code cannot be used, or None. It extends the HS code; once the TN VED classifier is loaded
    (`nisi classifiers load TNVED …`) it is one of its codes, before that only its form can be checked."""
    if not tnved_code:
        return None
    if len(tnved_code) != 10 or not is_latin_digits(tnved_code) or not tnved_code.startswith(hs_code):
        return _("A TN VED code has 10 digits and starts with the good's HS code %(code)s") % {"code": hs_code}
    tnved = ClassifierCode.objects.filter(system=ClassifierCode.System.TNVED)
    if tnved.exists() and not tnved.filter(code=tnved_code).exists():
        return _("%(code)s is not a code of the TN VED classifier: check it, or leave it empty") % {"code": tnved_code}
    return None


def operations_problems(conditions: ProductionConditions, declared: list[str]) -> list[str]:
    """What the declared operations lack against the good's production conditions (IP-51-7.3, IP-51-1.4): each
    one known to the conditions, every mandatory one, and at least the minimum threshold; in the reader's words,
    the operations named as the conditions name them."""
    check = rules.check_operations(conditions.operations, conditions.minimum_operations, declared)
    names = {op["code"]: str(op.get("name") or op["code"]) for op in conditions.operations}
    problems = []
    if check.unknown:
        problems.append(
            _("Operations %(codes)s are not in the production conditions of this good: choose among those listed")
            % {"codes": ", ".join(check.unknown)}
        )
    if check.mandatory_missing:
        problems.append(
            ngettext(
                "Tick the mandatory operation %(names)s: a good is included only if it is carried out",
                "Tick the mandatory operations %(names)s: a good is included only if they are carried out",
                len(check.mandatory_missing),
            )
            % {"names": ", ".join(f"«{names[code]}»" for code in check.mandatory_missing)}
        )
    if len(check.qualifying) < check.minimum:
        problems.append(
            ngettext(
                "Tick at least %(n)d operation you carry out (you ticked %(k)d)",
                "Tick at least %(n)d operations you carry out (you ticked %(k)d)",
                check.minimum,
            )
            % {"n": check.minimum, "k": len(check.qualifying)}
        )
    return problems


def _check_wholly_produced(kind: str, basis: str) -> None:
    if not basis.strip():
        raise ApplicationError(
            _("Give the licence, contract or permit under which the good is wholly produced (IP-51-3).")
        )
    if kind not in WhollyProducedKind.values:
        raise ApplicationError(
            _(
                "Say what kind of good wholly produced it is: natural resources, agricultural products, or scrap "
                "and waste of metals (IP-51-3.1)."
            )
        )


@transaction.atomic
def product_add(
    *,
    actor: Actor,
    application: RegisterApplication,
    hs_code: str,
    tnved_code: str = "",
    name_ru: str,
    name_kk: str = "",
    annual_capacity: Decimal,
    unit: str,
    declared_operations: list[str],
    ex_works_cost: Decimal | None = None,
    foreign_materials_cost: Decimal | None = None,
    wholly_produced: bool = False,
    wholly_produced_kind: str = "",
    wholly_produced_basis: str = "",
) -> ApplicationProduct:
    require(actor, application, "edit")
    hs_code, tnved_code = hs_code.strip(), tnved_code.strip()
    wrong = code_problem(hs_code)
    if wrong is not None:
        raise GoodRefused({"hs_code": [wrong]})
    wrong = tnved_problem(hs_code, tnved_code)
    if wrong is not None:
        raise GoodRefused({"tnved_code": [wrong]})
    if annual_capacity <= 0:
        raise ApplicationError(_("Enter the annual production capacity, more than zero."))
    if not name_ru.strip():
        raise ApplicationError(_("Enter the name of the good."))
    if wholly_produced:
        _check_wholly_produced(wholly_produced_kind, wholly_produced_basis)
    if not wholly_produced:
        if ex_works_cost is None or foreign_materials_cost is None:
            raise ApplicationError(_("Enter the ex-works cost and the cost of foreign materials of the good."))
        try:
            rules.domestic_value_share(ex_works_cost, foreign_materials_cost)
        except ValueError as exc:
            raise ApplicationError(str(exc)) from None
    conditions = None if wholly_produced else conditions_for(tnved_code or hs_code)
    if not wholly_produced and conditions is None:
        raise ApplicationError(
            _(
                "No production conditions are approved yet for %(code)s (IP-51-7). "
                "The good cannot be assessed until the authorized body approves them."
            )
            % {"code": tnved_code or hs_code}
        )
    if conditions is not None and (problems := operations_problems(conditions, declared_operations)):
        raise GoodRefused({"declared_operations": problems})
    if application.products.filter(hs_code=hs_code, tnved_code=tnved_code).exists():
        raise ApplicationError(_("This good is already in the application."))
    return ApplicationProduct.objects.create(
        application=application,
        hs_code=hs_code,
        tnved_code=tnved_code,
        name_ru=name_ru.strip(),
        name_kk=name_kk.strip(),
        annual_capacity=annual_capacity,
        unit=unit.strip(),
        declared_operations=list(dict.fromkeys(declared_operations)),
        conditions=conditions,
        wholly_produced=wholly_produced,
        wholly_produced_kind=wholly_produced_kind if wholly_produced else "",
        wholly_produced_basis=wholly_produced_basis.strip(),
        ex_works_cost=ex_works_cost,
        foreign_materials_cost=foreign_materials_cost,
    )


@transaction.atomic
def product_remove(*, actor: Actor, product: ApplicationProduct) -> None:
    require(actor, product.application, "edit")
    product.delete()


@transaction.atomic
def evidence_upload(
    *,
    actor: Actor,
    application: RegisterApplication,
    kind: str,
    upload: IO[bytes],
    name: str,
    product: ApplicationProduct | None = None,
) -> Evidence:
    """Stores a file after checking its real content type and size (IP-51-1.2.4)."""
    require(actor, application, "edit")
    if kind not in KIND_TYPES:
        raise ApplicationError(_("Choose what the file is: a video, a document or a photo."))
    head = upload.read(64)
    content_type = sniff(head)
    if content_type not in KIND_TYPES[kind]:
        allowed = {"video": "MP4, WebM or AVI", "document": "PDF, JPEG or PNG", "photo": "JPEG or PNG"}[kind]
        raise ApplicationError(
            _("%(name)s is not a %(kind)s file we accept: upload a %(allowed)s file.")
            % {"name": name, "kind": kind, "allowed": allowed}
        )
    upload.seek(0, 2)
    size = upload.tell()
    limit_mb = settings.NISI_EVIDENCE_MAX_MB[kind]
    if size > limit_mb * 1024 * 1024:
        raise ApplicationError(
            _("%(name)s is larger than %(limit)s MB; upload a smaller file.") % {"name": name, "limit": limit_mb}
        )
    if size == 0:
        raise ApplicationError(_("%(name)s is empty.") % {"name": name})
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: upload.read(1024 * 1024), b""):
        digest.update(chunk)
    upload.seek(0)
    evidence = Evidence(
        application=application,
        product=product,
        kind=kind,
        original_name=name[:255],
        content_type=content_type,
        size=size,
        sha256=digest.hexdigest(),
        uploaded_at=clock.now(),
    )
    evidence.file.save(f"{application.number}-{digest.hexdigest()[:12]}-{name[-60:]}", File(upload), save=False)
    evidence.save()
    return evidence


@transaction.atomic
def application_consent(
    *, actor: Actor, application: RegisterApplication, personal_data: bool, site_access: bool, video_surveillance: bool
) -> RegisterApplication:
    """Records the consents of IP-51-1.2.1–3."""
    require(actor, application, "edit")
    application.consent_personal_data = personal_data
    application.consent_site_access = site_access
    application.consent_video_surveillance = video_surveillance
    application.consents_given_at = clock.now() if application.consents_complete else None
    application.save(
        update_fields=[
            "consent_personal_data",
            "consent_site_access",
            "consent_video_surveillance",
            "consents_given_at",
        ]
    )
    return application


def submission_problems(application: RegisterApplication) -> list[str]:
    """Everything that stops an application from being submitted, each with what to do."""
    problems = []
    products = list(application.products.all())
    if not products:
        problems.append(_("Add at least one good you produce."))
    if len(application.site_kato) != 9:
        problems.append(_("Enter the KATO code of the production site."))
    if not application.declared_conditions.strip() and any(not p.wholly_produced for p in products):
        problems.append(_("Describe how the declared production conditions are met (IP-51-1.2.4)."))
    if any(not p.wholly_produced for p in products) and not application.evidence.filter(kind="video").exists():
        problems.append(_("Upload a video of the technological process of manufacturing the goods (IP-51-1.2.4)."))
    for missing in rules.consents_missing(
        personal_data=application.consent_personal_data,
        site_access=application.consent_site_access,
        video_surveillance=application.consent_video_surveillance,
    ):
        problems.append(_("Give the consent required by %(provision)s.") % {"provision": missing})
    return problems


def _submission_check(ctx: Context) -> None:
    problems = submission_problems(ctx.record)
    if problems:
        raise ApplicationError(" ".join(problems))


def _codes_declared(application: RegisterApplication) -> list[str]:
    codes = [p.code for p in application.products.all() if not p.wholly_produced] or [
        p.code for p in application.products.all()
    ]
    return [c[:6] for c in codes]


def _verification_create(ctx: Context) -> None:
    application: RegisterApplication = ctx.record
    application.verification = verification_create(
        purpose="application",
        subject_type=SUBJECT,
        subject_id=application.number,
        organization=application.organization,
        on=ctx.on,
        declared_codes=_codes_declared(application),
        site_kato=application.site_kato,
        # The criteria fit the kinds of production applied for (IP-51-1.3, IP-51-1.9).
        activities=rules.production_activities(
            (p.wholly_produced, p.wholly_produced_kind, p.hs_code) for p in application.products.all()
        ),
    )
    application.save(update_fields=["verification"])


SUBMIT = Transition(
    name="submit",
    subject_type=SUBJECT,
    journal_action="submitted",
    journal_provisions=("IP-51-1.1.1", "IP-51-1.2"),
    target=RegisterApplication.Status.VERIFYING,
    provision="IP-51-1.3",
    error=ApplicationError,
    decided_at_field="submitted_at",
    check=_submission_check,
    effect=_verification_create,
    payload=lambda ctx: {"products": [p.code for p in ctx.record.products.all()]},
    # Digital verification starts once the transaction commits (IP-51-1.3).
    then=lambda ctx: verification_start(ctx.record.verification),
)

WITHDRAW = Transition(
    name="withdraw",
    subject_type=SUBJECT,
    journal_action="withdrawn",
    target=RegisterApplication.Status.WITHDRAWN,
    error=ApplicationError,
    decided_at_field="decided_at",
)


def application_submit(*, actor: Actor, application: RegisterApplication) -> RegisterApplication:
    """Submits the application and starts digital verification (IP-51-1.3) once the transaction commits."""
    submitted: RegisterApplication = transition_apply(actor=actor, record=application, transition=SUBMIT)
    return submitted


def application_withdraw(*, actor: Actor, application: RegisterApplication) -> RegisterApplication:
    withdrawn: RegisterApplication = transition_apply(actor=actor, record=application, transition=WITHDRAW)
    return withdrawn
