"""What every service of domestic raw materials shares: its error, organizations by BIN, commodity codes from the
core's classifier, record numbers, and the list as it stands."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from nisi.core.identifiers import InvalidIdentifier, validate
from nisi.core.models import ClassifierCode, Organization
from nisi.raw_materials.models import RawMaterial

MAX_AMOUNT = Decimal(10) ** 15


class RawMaterialError(ValueError):
    """A request refused; the message says what to do, `field` names the question."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def organization(identifier: str, field: str) -> Organization:
    try:
        bin_ = validate(identifier)
    except InvalidIdentifier as exc:
        raise RawMaterialError(str(exc), field) from exc
    found = Organization.objects.filter(identifier=bin_).first()
    if found is None:
        raise RawMaterialError(
            _("No organization with BIN %(bin)s is known to the system; register it first.") % {"bin": bin_}, field
        )
    return found


def classifier_code(code: str, field: str = "code") -> ClassifierCode:
    """A commodity code of the core's classifier (HS 2022 or TN VED EAEU)."""
    cleaned = code.strip()
    found = (
        ClassifierCode.objects.filter(system__in=[ClassifierCode.System.HS, ClassifierCode.System.TNVED], code=cleaned)
        .order_by("system")
        .first()
    )
    if found is None:
        raise RawMaterialError(
            _("%(code)s is not a code of the HS or TN VED classifier. Give the raw material's commodity code.")
            % {"code": cleaned or "—"},
            field,
        )
    return found


def listed_raw_material(code: str, field: str = "raw_material") -> RawMaterial:
    """A raw material on the list of domestic raw materials, or a refusal that says so (IP-60.1)."""
    found = RawMaterial.objects.filter(code=code.strip()).first()
    if found is None:
        raise RawMaterialError(
            _(
                "%(code)s is not on the list of domestic raw materials (IP-60.1). A manufacturing enterprise applies "
                "to list it first."
            )
            % {"code": code.strip() or "—"},
            field,
        )
    return found


def check_amount(value: Decimal, field: str, places: int) -> None:
    if not value.is_finite() or not Decimal(0) <= value < MAX_AMOUNT or value.as_tuple().exponent < -places:  # type: ignore[operator]
        raise RawMaterialError(
            _("Give a number, zero or more, with at most %(places)s decimal places.") % {"places": places}, field
        )


def number(prefix: str, year: int, pk: int) -> str:
    return f"{prefix}-{year}-{pk:06d}"
