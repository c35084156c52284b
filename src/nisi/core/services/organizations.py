"""Organizations, identified by a verified BIN/IIN, placed in a region by their KATO code."""

from __future__ import annotations

from pathlib import Path

import yaml
from django.db import transaction
from django.utils.translation import gettext as _

from nisi.core import identifiers
from nisi.core.authz import Actor
from nisi.core.models import ClassifierCode, Organization, Region
from nisi.core.services.journal import journal_append
from nisi.law import clock

SUBJECT = "organization"


REGIONS_FILE = Path(__file__).resolve().parents[1] / "data" / "regions.yaml"


class OrganizationError(ValueError):
    pass


def regions_load() -> int:
    """Loads the regions reference data (idempotent). Migration 0002 does the same on a new database."""
    data = yaml.safe_load(REGIONS_FILE.read_text(encoding="utf-8"))
    for code, r in data.items():
        Region.objects.update_or_create(
            code=code, defaults={"kind": r["kind"], "name_en": r["en"], "name_ru": r["ru"], "name_kk": r["kk"]}
        )
    return len(data)


def region_for_kato(kato: str) -> Region | None:
    if not kato:
        return None
    if len(kato) != 9 or not identifiers.is_latin_digits(kato):
        raise OrganizationError(_("A KATO code has 9 digits; check the code of the locality."))
    region = Region.objects.filter(code=kato[:2]).first()
    if region is None:
        raise OrganizationError(
            _("No region has KATO code %(code)s; check the first two digits of the KATO code.") % {"code": kato[:2]}
        )
    return region


def check_oked(oked: str) -> None:
    """An OKED code must be a code of the classifier, once the classifier is loaded."""
    if not oked:
        return
    codes = ClassifierCode.objects.filter(system=ClassifierCode.System.OKED)
    if codes.exists() and not codes.filter(code=oked).exists():
        raise OrganizationError(
            _("OKED code %(code)s is not in the classifier (NK RK 03-2019); check the code.") % {"code": oked}
        )


@transaction.atomic
def organization_register(
    *,
    actor: Actor,
    identifier: str,
    name: str,
    kato: str = "",
    oked: str = "",
    resident: bool = True,
    address: str = "",
    email: str = "",
    phone: str = "",
    name_kk: str = "",
) -> Organization:
    try:
        cleaned = identifiers.validate(identifier)
    except identifiers.InvalidIdentifier as exc:
        raise OrganizationError(str(exc)) from None
    if not name.strip():
        raise OrganizationError(_("Enter the organization's registered name."))
    check_oked(oked)
    if Organization.objects.filter(identifier=cleaned).exists():
        raise OrganizationError(_("An organization with BIN/IIN %(bin)s is already registered.") % {"bin": cleaned})
    organization = Organization.objects.create(
        identifier=cleaned,
        identifier_kind=identifiers.kind_of(cleaned),
        name=name.strip(),
        name_kk=name_kk.strip(),
        resident=resident,
        oked=oked,
        kato=kato,
        region=region_for_kato(kato),
        address=address,
        email=email,
        phone=phone,
        created_at=clock.now(),
    )
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=cleaned,
        action="registered",
        payload={"name": organization.name, "kato": kato, "oked": oked},
    )
    return organization
